"""The content security policy of the public pages: scripts only from the site itself, so a
script injected into a page does not run; the admin, whose pages run inline scripts, is
exempt and still works; no page can be framed except Wagtail's own previews."""

import re

from django.test import TestCase

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee

from .helpers import make_user

HOST = "huixian.test"
# A <script> element without src that a browser would run (JSON data blocks do not run).
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


class PublicPolicy(TestCase):
    def setUp(self):
        self.site = make_committee("huixian", "徽县政协", default=True)
        self.index = NewsIndexPageFactory(parent=self.site.root_page, slug="news")
        self.report = NewsPageFactory(parent=self.index, title="县政协召开主席会议", slug="r1")
        self.paths = [
            "/",
            self.index.relative_url(self.site),
            self.report.relative_url(self.site),
            "/search/?q=协商",
            "/sitemap/",
            "/no-such-page/",
        ]

    def get(self, path, **extra):
        return self.client.get(path, HTTP_HOST=HOST, **extra)

    def test_every_public_page_kind_sends_the_policy(self):
        for path in self.paths:
            with self.subTest(path=path):
                policy = directives(self.get(path))
                self.assertEqual(policy["default-src"], ["'self'"])
                self.assertEqual(policy["script-src"], ["'self'"])
                self.assertEqual(policy["img-src"], ["'self'", "data:"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(policy["frame-ancestors"], ["'none'"])
                self.assertEqual(policy["style-src"], ["'self'", "'unsafe-inline'"])

    def test_a_page_served_from_the_page_cache_sends_it_too(self):
        path = self.report.relative_url(self.site)
        self.get(path)
        cached = self.get(path)
        self.assertEqual(cached["X-Page-Cache"], "hit")
        self.assertIn("script-src 'self'", cached["Content-Security-Policy"])

    def test_no_public_page_needs_an_inline_script_the_policy_would_block(self):
        editor = make_user("huixian-editor", superuser=True)
        for reader in (None, editor):  # an editor also gets Wagtail's user bar
            if reader:
                self.client.force_login(reader)
            for path in self.paths:
                with self.subTest(path=path, reader=reader):
                    html = self.get(path).content.decode()
                    if reader and path == "/":
                        self.assertIn("wagtail-userbar-template", html)
                    self.assertIsNone(INLINE_SCRIPT.search(html))
                    self.assertIsNone(EVENT_HANDLER.search(html))

    def test_public_pages_cannot_be_framed(self):
        self.assertEqual(self.get("/")["X-Frame-Options"], "DENY")


class AdminExempt(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("huixian", "徽县政协", default=True)
        cls.admin = make_user("admin", superuser=True)

    def test_the_login_page_has_no_policy_and_still_signs_in(self):
        page = self.client.get("/admin/login/")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Content-Security-Policy", page)
        self.assertEqual(page["X-Frame-Options"], "DENY")

    def test_the_dashboard_and_the_page_editor_render_without_a_policy(self):
        self.client.force_login(self.admin)
        for path in ("/admin/", f"/admin/pages/{self.site.root_page_id}/edit/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("Content-Security-Policy", response)
                self.assertContains(response, "<script")

    def test_wagtails_preview_may_still_be_framed_by_the_admin(self):
        self.client.force_login(self.admin)
        url = f"/admin/pages/{self.site.root_page_id}/edit/preview/"
        edit = self.client.get(f"/admin/pages/{self.site.root_page_id}/edit/")
        self.assertEqual(edit["X-Frame-Options"], "DENY")
        preview = self.client.get(url)
        self.assertEqual(preview.status_code, 200)
        self.assertEqual(preview["X-Frame-Options"], "SAMEORIGIN")
