"""RSS and Atom feeds: a committee's own live, public news, newest first, linked on its own
host; per meeting type only that type; an unknown type is a 404."""

import datetime
import xml.etree.ElementTree as ET
from unittest import mock

from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, meeting_type
from news.models import NewsKind

ATOM = "{http://www.w3.org/2005/Atom}"
D = datetime.date


class FeedTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        news = NewsIndexPageFactory(parent=cls.prefecture.root_page, slug="news")
        county_news = NewsIndexPageFactory(parent=cls.county.root_page, slug="news")
        cls.chair = NewsPageFactory(
            parent=news, title="五届五次主席会议召开", slug="chair", date=D(2023, 5, 6)
        )
        cls.standing = NewsPageFactory(
            parent=news,
            title="十届七次常委会会议召开",
            slug="standing",
            date=D(2023, 6, 1),
            meeting_type=meeting_type("standing-committee"),
            summary="会议审议通过了有关报告。",
        )
        cls.work = NewsPageFactory(
            parent=news,
            title="委员走进社区开展协商",
            slug="work",
            date=D(2023, 4, 1),
            kind=NewsKind.WORK_NEWS,
            meeting_type=None,
            body=[("paragraph", RichText("<p>" + "协商议事" * 100 + "</p>"))],
        )
        NewsPageFactory(parent=news, title="草稿报道", date=D(2023, 7, 1), publish=False)
        withdrawn = NewsPageFactory(parent=news, title="已撤下的报道", date=D(2023, 7, 2))
        withdrawn.unpublish()
        restricted = NewsPageFactory(parent=news, title="内部报道", date=D(2023, 7, 3))
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        NewsPageFactory(parent=county_news, title="庄浪县政协主席会议", date=D(2023, 8, 1))

    def get(self, path, site=None):
        return self.client.get(path, HTTP_HOST=(site or self.prefecture).hostname)

    def rss(self, path="/feeds/rss/", site=None):
        response = self.get(path, site)
        self.assertEqual(response.status_code, 200)
        return ET.fromstring(response.content).find("channel")

    def rss_titles(self, path="/feeds/rss/", site=None):
        return [item.findtext("title") for item in self.rss(path, site).iter("item")]

    def atom(self, path="/feeds/atom/", site=None):
        response = self.get(path, site)
        self.assertEqual(response.status_code, 200)
        return ET.fromstring(response.content)

    def test_rss_lists_the_live_public_news_of_the_site_newest_first(self):
        self.assertEqual(
            self.rss_titles(),
            ["十届七次常委会会议召开", "五届五次主席会议召开", "委员走进社区开展协商"],
        )

    def test_rss_is_served_as_rss(self):
        response = self.get("/feeds/rss/")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertEqual(ET.fromstring(response.content).tag, "rss")

    def test_atom_is_served_as_atom_with_the_same_entries(self):
        response = self.get("/feeds/atom/")
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        feed = ET.fromstring(response.content)
        self.assertEqual(feed.tag, f"{ATOM}feed")
        self.assertEqual(
            [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")],
            ["十届七次常委会会议召开", "五届五次主席会议召开", "委员走进社区开展协商"],
        )
        self.assertEqual(feed.findtext(f"{ATOM}author/{ATOM}name"), "平凉市政协")

    def test_a_county_feed_has_only_the_countys_news_linked_on_its_host(self):
        channel = self.rss(site=self.county)
        items = list(channel.iter("item"))
        self.assertEqual([i.findtext("title") for i in items], ["庄浪县政协主席会议"])
        self.assertTrue(items[0].findtext("link").startswith("http://zhuanglang.test/news/"))
        self.assertEqual(channel.findtext("title"), "庄浪县政协·新闻动态")

    def test_items_link_to_the_page_on_the_sites_own_host(self):
        links = [item.findtext("link") for item in self.rss().iter("item")]
        self.assertEqual(links[0], "http://pingliang.test/news/standing/")
        entry = next(self.atom().iter(f"{ATOM}entry"))
        self.assertEqual(
            entry.find(f"{ATOM}link").get("href"), "http://pingliang.test/news/standing/"
        )

    def test_the_feed_is_titled_with_the_committee_and_section(self):
        channel = self.rss()
        self.assertEqual(channel.findtext("title"), "平凉市政协·新闻动态")
        self.assertEqual(channel.findtext("link"), "http://pingliang.test/")
        self.assertEqual(channel.findtext("language"), "zh-CN")

    def test_a_description_is_the_summary_or_the_start_of_the_text(self):
        items = {i.findtext("title"): i.findtext("description") for i in self.rss().iter("item")}
        self.assertEqual(items["十届七次常委会会议召开"], "会议审议通过了有关报告。")
        self.assertEqual(items["五届五次主席会议召开"], "会议传达学习了有关精神。")
        long_text = items["委员走进社区开展协商"]
        self.assertEqual(len(long_text), 200)
        self.assertTrue(long_text.startswith("协商议事协商议事"))
        self.assertTrue(long_text.endswith("…"))

    def test_dates_are_the_news_date_in_china_standard_time(self):
        dates = {i.findtext("title"): i.findtext("pubDate") for i in self.rss().iter("item")}
        # Published today, dated 2023: the item is dated by its date, not its publication.
        self.assertEqual(dates["五届五次主席会议召开"], "Sat, 06 May 2023 00:00:00 +0800")

    def test_news_published_on_its_date_is_dated_at_its_publication(self):
        today = timezone.localdate()
        page = NewsPageFactory(parent=self.chair.get_parent(), title="今日报道", date=today)
        item = next(i for i in self.rss().iter("item") if i.findtext("title") == "今日报道")
        page.refresh_from_db()
        published = timezone.localtime(page.first_published_at)
        self.assertEqual(
            item.findtext("pubDate"), published.strftime("%a, %d %b %Y %H:%M:%S +0800")
        )

    def test_a_meeting_type_feed_has_only_that_type(self):
        self.assertEqual(self.rss_titles("/feeds/chairpersons/rss/"), ["五届五次主席会议召开"])
        feed = self.atom("/feeds/standing-committee/atom/")
        self.assertEqual(
            [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")],
            ["十届七次常委会会议召开"],
        )
        self.assertEqual(feed.findtext(f"{ATOM}title"), "平凉市政协·常委会会议")

    def test_a_meeting_type_feed_links_to_the_filtered_news_list(self):
        channel = self.rss("/feeds/chairpersons/rss/")
        self.assertEqual(channel.findtext("link"), "http://pingliang.test/news/?type=chairpersons")

    def test_a_meeting_type_with_no_reports_here_gives_an_empty_feed(self):
        self.assertEqual(self.rss_titles("/feeds/plenary/rss/"), [])

    def test_an_unknown_meeting_type_is_not_found(self):
        self.assertEqual(self.get("/feeds/no-such-type/rss/").status_code, 404)
        self.assertEqual(self.get("/feeds/no-such-type/atom/").status_code, 404)

    def test_a_chinese_meeting_type_slug_is_served(self):
        from news.models import MeetingType

        MeetingType.objects.create(name="院坝协商会", slug="院坝协商会")
        response = self.client.get(
            "/feeds/%E9%99%A2%E5%9D%9D%E5%8D%8F%E5%95%86%E4%BC%9A/rss/",
            HTTP_HOST=self.prefecture.hostname,
        )
        self.assertEqual(response.status_code, 200)

    def test_the_feed_keeps_to_its_length(self):
        with mock.patch("public.feeds.FEED_LENGTH", 2):
            self.assertEqual(self.rss_titles(), ["十届七次常委会会议召开", "五届五次主席会议召开"])

    def test_feeds_may_be_cached_by_anyone(self):
        cache_control = self.get("/feeds/rss/")["Cache-Control"]
        self.assertIn("public", cache_control)
        self.assertIn("max-age=", cache_control)
