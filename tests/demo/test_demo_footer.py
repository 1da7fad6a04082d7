"""The demo as an inspector would see it: every site's footer carries every mandatory item (the
list CommitteeSettings.missing_footer_items checks), made-up values say 演示, and each site has
its 机构设置 and 领导信息 pages showing its own leaders only."""

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Site

from core.models import CommitteeSettings
from demo import content as demo
from members.models import LeadershipPage, OrganisationPage, current_leaders


class DemoFooterTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=open("/dev/null", "w"))
        cls.sites = {
            c.slug: Site.objects.get(hostname=f"{c.slug}.localhost") for c in demo.COMMITTEES
        }

    def get(self, site, path="/"):
        response = self.client.get(path, HTTP_HOST=f"{site.hostname}:{site.port}")
        self.assertEqual(response.status_code, 200, (site.hostname, path))
        return response.content.decode()

    def test_every_demo_footer_carries_every_mandatory_item(self):
        for slug, site in self.sites.items():
            settings = CommitteeSettings.for_site(site)
            self.assertEqual(settings.missing_footer_items(), [], slug)
            footer = self.get(site).split('class="site-footer"')[1]
            for shown in (
                f"主办单位：{settings.sponsor}",
                f"地址：{settings.address}",
                f'电话：<a href="tel:{settings.phone.replace("-", "")}">{settings.phone}</a>',
                f"邮编：{settings.postcode}",
                f'<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">'
                f"{settings.icp_number}</a>",
                f'<a href="{settings.police_url}"',
                f"网站标识码：{settings.website_code}",
                f'<a class="footer-correction" href="{settings.correction_url}"',
                '<a href="#contact">联系我们</a>',
                "适老化 · 无障碍",
            ):
                self.assertIn(shown, footer, slug)

    def test_sponsors_come_from_the_seeds_and_made_up_items_say_demo(self):
        names = {c.slug: c.name for c in demo.COMMITTEES}
        for slug, site in self.sites.items():
            settings = CommitteeSettings.for_site(site)
            self.assertEqual(settings.sponsor, names[slug])
            for value in (settings.address, settings.icp_number, settings.police_number):
                self.assertIn("演示", value, slug)
            self.assertIn("sitecode=", settings.correction_url)
            self.assertNotIn("演示", settings.correction_url)

    def test_every_site_has_its_organisation_and_leadership_pages(self):
        for slug, site in self.sites.items():
            organisation = OrganisationPage.objects.child_of(site.root_page).live().get()
            self.assertIn("<h2>提案委员会</h2>", self.get(site, organisation.relative_url(site)))
            leadership = LeadershipPage.objects.child_of(site.root_page).live().get()
            response = self.client.get(
                leadership.relative_url(site), HTTP_HOST=f"{site.hostname}:{site.port}"
            )
            _, seats = current_leaders(site)
            self.assertEqual(seats[0].get_role_display(), "主席", slug)
            shown = [leader["member"] for leader in response.context["leaders"]]
            self.assertEqual(shown, [seat.member for seat in seats], slug)
            # Names repeat across the demo sites: check where each one lives.
            for member in shown:
                self.assertTrue(member.path.startswith(site.root_page.path), slug)
                self.assertContains(response, member.title)
            self.assertNotContains(response, "暂无领导信息")

    def test_the_seed_named_liaison_bodies_show_on_their_site(self):
        html = self.get(self.sites["xqu"], "/organisation/")
        self.assertIn("乡镇街、高新区政协联络委", html)
