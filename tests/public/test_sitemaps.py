"""sitemap.xml: every live, public page of the requesting site at its own host and port, less
the pages of a county method the site has not enabled; an index of files past the limit."""

import datetime
import unittest
import xml.etree.ElementTree as ET
from unittest import mock

from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from builders import (
    NewsIndexPageFactory,
    NewsPageFactory,
    committee_with_platforms,
    make_activity,
    make_committee,
    make_platform,
)
from core.models import EnabledMethod
from core.plugins import registry

try:  # a county plugin; settings may exclude it (CPPCC_PLUGINS_EXCLUDE)
    from cppcc_bench.models import BenchMeetingPage
except ImportError:
    BenchMeetingPage = None

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class SitemapTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.other = make_committee("zhuanglang", "庄浪县政协", parent=cls.site)
        cls.news = NewsIndexPageFactory(parent=cls.site.root_page, slug="news")
        cls.report = NewsPageFactory(parent=cls.news, slug="live", date=datetime.date(2023, 5, 6))
        NewsPageFactory(parent=cls.news, slug="draft", publish=False)
        withdrawn = NewsPageFactory(parent=cls.news, slug="withdrawn")
        withdrawn.unpublish()
        restricted = NewsPageFactory(parent=cls.news, slug="restricted")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        internal = NewsIndexPageFactory(parent=cls.site.root_page, slug="internal")
        NewsPageFactory(parent=internal, slug="below-restricted")
        PageViewRestriction.objects.create(
            page=internal, restriction_type=PageViewRestriction.LOGIN
        )
        other_news = NewsIndexPageFactory(parent=cls.other.root_page, slug="county-news")
        NewsPageFactory(parent=other_news, slug="county-report")

    def get(self, path="/sitemap.xml", host="pingliang.test"):
        return self.client.get(path, HTTP_HOST=host)

    def locations(self, path="/sitemap.xml", host="pingliang.test"):
        response = self.get(path, host)
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)
        self.assertEqual(root.tag, f"{NS}urlset")
        return [url.findtext(f"{NS}loc") for url in root.iter(f"{NS}url")]

    def test_the_sites_live_public_pages_are_listed_and_nothing_else(self):
        self.assertEqual(
            sorted(self.locations()),
            [
                "http://pingliang.test/",
                "http://pingliang.test/news/",
                "http://pingliang.test/news/live/",
            ],
        )

    def test_another_committees_pages_are_in_its_own_sitemap(self):
        self.assertEqual(
            sorted(self.locations(host="zhuanglang.test")),
            [
                "http://zhuanglang.test/",
                "http://zhuanglang.test/county-news/",
                "http://zhuanglang.test/county-news/county-report/",
            ],
        )

    def test_served_as_xml(self):
        response = self.get()
        self.assertEqual(response["Content-Type"], "application/xml")
        self.assertIn("public", response["Cache-Control"])

    def test_lastmod_is_when_the_page_was_last_published(self):
        self.report.refresh_from_db()
        response = self.get()
        root = ET.fromstring(response.content)
        lastmod = {
            url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root.iter(f"{NS}url")
        }
        self.assertEqual(
            lastmod["http://pingliang.test/news/live/"],
            timezone.localtime(self.report.last_published_at).date().isoformat(),
        )

    def test_urls_carry_the_sites_own_port(self):
        self.site.port = 8000
        self.site.save()
        self.assertIn(
            "http://pingliang.test:8000/news/live/",
            self.locations(host="pingliang.test:8000"),
        )

    def test_past_the_limit_the_sitemap_is_an_index_of_numbered_files(self):
        with mock.patch("public.sitemaps.SitePagesSitemap.limit", 2):
            response = self.get()
            root = ET.fromstring(response.content)
            self.assertEqual(root.tag, f"{NS}sitemapindex")
            files = [s.findtext(f"{NS}loc") for s in root.iter(f"{NS}sitemap")]
            self.assertEqual(
                files,
                [
                    "http://pingliang.test/sitemap-pages.xml",
                    "http://pingliang.test/sitemap-pages.xml?p=2",
                ],
            )
            found = self.locations("/sitemap-pages.xml") + self.locations("/sitemap-pages.xml?p=2")
        self.assertEqual(len(found), 3)
        self.assertIn("http://pingliang.test/news/live/", found)

    def test_an_unknown_section_is_not_found(self):
        self.assertEqual(self.get("/sitemap-other.xml").status_code, 404)


@unittest.skipIf(BenchMeetingPage is None, "the 板凳协商会 plugin is not installed")
class PluginPagesTest(TestCase):
    """A county method's page is in the sitemap only where the method is enabled."""

    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("xqu", "X区政协")
        cls.page = BenchMeetingPage(title="板凳协商会", slug="bench", show_in_menus=True)
        cls.site.root_page.add_child(instance=cls.page)
        cls.page.save_revision().publish()

    def locations(self):
        root = ET.fromstring(self.client.get("/sitemap.xml", HTTP_HOST="xqu.test").content)
        return [url.findtext(f"{NS}loc") for url in root.iter(f"{NS}url")]

    def test_an_enabled_methods_page_is_listed(self):
        registry.enable("bench", self.site)
        self.assertIn("http://xqu.test/bench/", self.locations())

    def test_a_disabled_methods_page_is_left_out(self):
        registry.enable("bench", self.site)
        EnabledMethod.objects.filter(key="bench").update(enabled=False)
        self.assertEqual(self.locations(), ["http://xqu.test/"])

    def test_a_method_never_enabled_here_contributes_no_page(self):
        other = make_committee("suzhou")
        registry.enable("bench", other)
        self.assertEqual(self.locations(), ["http://xqu.test/"])


class ActivitiesTest(TestCase):
    """Activities are not pages, but each public one has its address under the activity list."""

    def test_public_activities_of_this_committee_are_listed_and_no_others(self):
        from consultation.models import Spine

        site, platforms = committee_with_platforms("gaotai", "高台县政协")
        other, other_platforms = committee_with_platforms("honggu", "红古区政协")
        published = make_platform(platforms, "room")
        draft = make_platform(platforms, "draft-room", publish=False)
        shown = make_activity(published, "议题一", {Spine.COLLECT: datetime.date(2023, 3, 1)})
        hidden = make_activity(draft, "议题二", {Spine.COLLECT: datetime.date(2023, 3, 2)})
        elsewhere = make_activity(make_platform(other_platforms, "room"), "议题三")

        response = self.client.get("/sitemap.xml", HTTP_HOST="gaotai.test")
        root = ET.fromstring(response.content)
        entries = {
            url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root.iter(f"{NS}url")
        }
        base = "http://gaotai.test/consultations/"
        self.assertIn(base, entries)
        self.assertTrue(entries.get(f"{base}{shown.pk}/", "").startswith("2023-03-01"), entries)
        self.assertNotIn(f"{base}{hidden.pk}/", entries)
        self.assertNotIn(f"{base}{elsewhere.pk}/", entries)
        self.assertEqual(
            self.client.get(f"/consultations/{shown.pk}/", HTTP_HOST="gaotai.test").status_code,
            200,
        )
