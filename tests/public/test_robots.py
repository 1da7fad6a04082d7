"""robots.txt: the public site open to crawlers, the admin, search results, preferences and the
citizens' receipt pages closed, and the requesting site's own sitemap named."""

from django.test import TestCase

from builders import make_committee
from topics.models import TopicSubmissionPage


class RobotsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.site)

    def robots(self, host="pingliang.test"):
        response = self.client.get("/robots.txt", HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return response

    def lines(self, host="pingliang.test"):
        return self.robots(host).content.decode().splitlines()

    def test_served_as_utf8_plain_text_cacheable_by_anyone(self):
        response = self.robots()
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("public", response["Cache-Control"])

    def test_names_the_requesting_sites_own_sitemap(self):
        self.assertIn("Sitemap: http://pingliang.test/sitemap.xml", self.lines())
        county = self.lines("zhuanglang.test")
        self.assertIn("Sitemap: http://zhuanglang.test/sitemap.xml", county)
        self.assertNotIn("Sitemap: http://pingliang.test/sitemap.xml", county)

    def test_the_sitemap_url_keeps_the_port(self):
        self.site.port = 8000
        self.site.save()
        self.assertIn(
            "Sitemap: http://pingliang.test:8000/sitemap.xml", self.lines("pingliang.test:8000")
        )

    def test_private_and_endless_paths_are_closed(self):
        lines = self.lines()
        self.assertEqual(lines[0], "User-agent: *")
        for path in ("/admin/", "/search/", "/topics/receipt/", "/preferences/"):
            self.assertIn(f"Disallow: {path}", lines)

    def test_the_public_site_stays_open(self):
        lines = self.lines()
        self.assertNotIn("Disallow: /", lines)
        self.assertIn("Allow: /", lines)

    def test_a_topic_page_elsewhere_has_its_receipt_pages_closed(self):
        page = TopicSubmissionPage(title="我有事要协商", slug="yishi")
        self.county.root_page.add_child(instance=page)
        page.save_revision().publish()
        county = self.lines("zhuanglang.test")
        self.assertIn("Disallow: /yishi/receipt/", county)
        self.assertIn("Disallow: /yishi/thanks/", county)
        self.assertNotIn("Disallow: /yishi/receipt/", self.lines())
