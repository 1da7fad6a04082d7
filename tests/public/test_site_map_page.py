"""The 网站地图 page: the site's menu sections with their newest live, public pages, search,
the feeds and the parent and child committees; nothing of another committee's pages."""

import datetime
import re
import unittest
from html.parser import HTMLParser
from unittest import mock

from django.test import TestCase
from wagtail.models import PageViewRestriction

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, meeting_type
from core.models import EnabledMethod
from core.plugins import registry

try:  # a county plugin; settings may exclude it (CPPCC_PLUGINS_EXCLUDE)
    from cppcc_bench.models import BenchMeetingPage
except ImportError:
    BenchMeetingPage = None

D = datetime.date


class Outline(HTMLParser):
    """Heading levels and link texts of the page's main content."""

    def __init__(self):
        super().__init__()
        self.headings, self.links = [], []
        self._in_main = False
        self._link = None

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._in_main = True
        elif self._in_main and re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif self._in_main and tag == "a":
            self._link = [dict(attrs).get("href"), ""]

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1].strip()))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data


def section(parent, title, slug, show_in_menus=True):
    return NewsIndexPageFactory(parent=parent, title=title, slug=slug, show_in_menus=show_in_menus)


class SiteMapPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        news = section(cls.prefecture.root_page, "新闻动态", "news")
        NewsPageFactory(parent=news, title="五届五次主席会议召开", date=D(2023, 5, 6))
        NewsPageFactory(
            parent=news,
            title="十届七次常委会会议召开",
            date=D(2023, 6, 1),
            meeting_type=meeting_type("standing-committee"),
        )
        NewsPageFactory(parent=news, title="委员视察城南镇", date=D(2023, 4, 1))
        NewsPageFactory(parent=news, title="草稿报道", publish=False)
        restricted = NewsPageFactory(parent=news, title="内部报道")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        section(cls.prefecture.root_page, "不在菜单的栏目", "hidden", show_in_menus=False)
        closed = section(cls.prefecture.root_page, "机关内网", "intranet")
        PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
        county_news = section(cls.county.root_page, "庄浪要闻", "news")
        NewsPageFactory(parent=county_news, title="庄浪县政协召开主席会议")

    def get(self, site=None):
        return self.client.get("/sitemap/", HTTP_HOST=(site or self.prefecture).hostname)

    def outline(self, site=None):
        response = self.get(site)
        self.assertEqual(response.status_code, 200)
        parser = Outline()
        parser.feed(response.content.decode())
        return parser

    def texts(self, site=None):
        return [text for _, text in self.outline(site).links]

    def test_one_h1_and_no_skipped_heading_levels(self):
        headings = self.outline().headings
        self.assertEqual(headings.count(1), 1)
        self.assertEqual(headings[0], 1)
        for before, after in zip(headings, headings[1:], strict=False):
            self.assertLessEqual(after, before + 1)
        self.assertContains(self.get(), "<h1>网站地图</h1>", html=True)

    def test_sections_list_their_pages_newest_first(self):
        links = self.outline().links
        self.assertIn(("/news/", "新闻动态"), links)
        texts = [text for _, text in links]
        start = texts.index("新闻动态")
        self.assertEqual(
            texts[start + 1 : start + 4],
            ["十届七次常委会会议召开", "五届五次主席会议召开", "委员视察城南镇"],
        )

    def test_drafts_restricted_and_unlisted_pages_are_left_out(self):
        texts = self.texts()
        for title in ("草稿报道", "内部报道", "不在菜单的栏目", "机关内网"):
            self.assertNotIn(title, texts)

    def test_no_page_of_another_committee(self):
        content = self.get().content.decode()
        self.assertNotIn("庄浪要闻", content)
        self.assertNotIn("庄浪县政协召开主席会议", content)
        county = self.texts(self.county)
        self.assertIn("庄浪县政协召开主席会议", county)
        self.assertNotIn("五届五次主席会议召开", county)

    def test_a_long_section_ends_with_a_link_to_the_rest(self):
        with mock.patch("public.views.SITE_MAP_CHILDREN", 2):
            links = self.outline().links
        texts = [text for _, text in links]
        start = texts.index("新闻动态")
        self.assertEqual(
            texts[start + 1 : start + 3], ["十届七次常委会会议召开", "五届五次主席会议召开"]
        )
        self.assertEqual(links[start + 3], ("/news/", "更多新闻动态内容…"))
        self.assertNotIn("委员视察城南镇", texts)

    def test_a_short_section_has_no_more_link(self):
        self.assertFalse(any(text.startswith("更多") for text in self.texts()))

    def test_search_and_feeds_are_linked(self):
        links = self.outline().links
        self.assertIn(("/search/", "站内搜索"), links)
        self.assertIn(("/feeds/rss/", "全部新闻（RSS）"), links)
        self.assertIn(("/feeds/atom/", "全部新闻（Atom）"), links)
        self.assertIn(("/feeds/standing-committee/rss/", "常委会会议（RSS）"), links)
        self.assertIn(("/feeds/chairpersons/rss/", "主席会议（RSS）"), links)
        self.assertNotIn("全体会议（RSS）", [text for _, text in links])

    def test_the_parent_and_child_committees_are_linked(self):
        self.assertIn(("http://zhuanglang.test", "庄浪县政协"), self.outline().links)
        self.assertIn(("http://pingliang.test", "平凉市政协"), self.outline(self.county).links)

    def test_every_link_has_text(self):
        for href, text in self.outline().links:
            self.assertTrue(text, href)


@unittest.skipIf(BenchMeetingPage is None, "the 板凳协商会 plugin is not installed")
class PluginSectionTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_committee("xqu", "X区政协")
        page = BenchMeetingPage(title="板凳协商会", slug="bench", show_in_menus=True)
        cls.site.root_page.add_child(instance=page)
        page.save_revision().publish()
        registry.enable("bench", cls.site)

    def links(self):
        parser = Outline()
        parser.feed(self.client.get("/sitemap/", HTTP_HOST="xqu.test").content.decode())
        return parser.links

    def test_an_enabled_methods_section_is_listed(self):
        self.assertIn(("/bench/", "板凳协商会"), self.links())

    def test_a_disabled_methods_section_is_left_out(self):
        EnabledMethod.objects.filter(key="bench").update(enabled=False)
        self.assertNotIn("板凳协商会", [text for _, text in self.links()])
