"""The admin carries the installation's mark, not Wagtail's bird: in the sidebar and in the
userbar editors see on the public pages."""

from django.test import TestCase

from builders import make_committee, make_editor

SEAL = "政协</text>"
BIRD = 'aria-label="Wagtail"'


class AdminMarkTest(TestCase):
    def setUp(self):
        self.site = make_committee("zhuanglang", "庄浪县政协")
        self.editor = make_editor(self.site)
        self.client.force_login(self.editor)

    def test_the_sidebar_shows_the_installations_mark(self):
        html = self.client.get("/admin/", HTTP_HOST=self.site.hostname).content.decode()
        logo = html.split("data-wagtail-sidebar-branding-logo>")[1].split("</template>")[0]
        self.assertIn(SEAL, logo)
        self.assertRegex(logo, 'aria-label="(庄浪县政协|政协网站群)"')
        self.assertNotIn(BIRD, html)

    def test_the_userbar_on_a_public_page_shows_it_too(self):
        html = self.client.get("/", HTTP_HOST=self.site.hostname).content.decode()
        self.assertIn("wagtail-userbar", html)
        self.assertIn(SEAL, html)
        self.assertNotIn(BIRD, html)

    def test_avatars_never_ask_gravatar(self):
        self.editor.email = "editor@example.org"
        self.editor.save()
        html = self.client.get("/admin/", HTTP_HOST=self.site.hostname).content.decode()
        self.assertNotIn("gravatar", html)
        self.assertIn("wagtailadmin/images/default-user-avatar", html)
