"""The search page on real pages: Chinese words found mid-sentence in either script, with
highlights in the reader's script; only live, public pages; a county's own content unless it
widens; filters with counts; JSON; absurd queries answered with a message."""

import datetime

from django.test import TestCase
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, meeting_type
from search.models import SearchDocument, SynonymGroup


def report(index, title, text, **kwargs):
    return NewsPageFactory(
        parent=index, title=title, body=[("paragraph", RichText(f"<p>{text}</p>"))], **kwargs
    )


class SearchPage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.other = make_committee("gaotai", "高台县政协", parent=cls.prefecture)
        cls.p_news = NewsIndexPageFactory(parent=cls.prefecture.root_page)
        cls.c_news = NewsIndexPageFactory(parent=cls.county.root_page)
        cls.o_news = NewsIndexPageFactory(parent=cls.other.root_page)
        cls.bench = report(
            cls.c_news,
            "城南镇召开板凳协商会",
            "委员和群众坐在一起，在高桥镇的合小美工作室开展板凳协商会，推行1+7+3模式。",
            date=datetime.date(2023, 5, 6),
        )
        cls.traditional = report(
            cls.p_news,
            "瀘州市政協召開常委會會議",
            "會議傳達學習了有關精神，政協(xié)委員參加。",
            date=datetime.date(2022, 12, 25),
            meeting_type=meeting_type("standing-committee"),
        )
        cls.neighbour = report(cls.o_news, "高台县政协开展协商", "委员深入基层协商议事。")

    def get(self, on, **params):
        return self.client.get("/search/", params, HTTP_HOST=on.hostname)

    def json(self, on, **params):
        return self.get(on, format="json", **params).json()

    def titles(self, on, **params):
        return [r["title"] for r in self.json(on, **params)["results"]]

    def test_a_word_in_the_middle_of_a_sentence_is_found(self):
        for query in ("协商", "高桥镇", "合小美工作室", "1+7+3", "bandeng xieshang"):
            self.assertEqual(self.titles(self.county, q=query), ["城南镇召开板凳协商会"], query)

    def test_simplified_finds_traditional_and_the_snippet_follows_the_readers_script(self):
        results = {r["title"]: r for r in self.json(self.prefecture, q="政协")["results"]}
        self.assertIn("<mark>政协</mark>", results["泸州市政协召开常委会会议"]["snippet"])
        # The reader's script is their reading mode (the 繁體 cookie), not the query's script.
        results = {r["title"]: r for r in self.json(self.prefecture, q="政協")["results"]}
        self.assertIn("<mark>政协</mark>", results["泸州市政协召开常委会会议"]["snippet"])
        self.client.cookies["cppcc_script"] = "hant"
        results = {r["title"]: r for r in self.json(self.prefecture, q="政协")["results"]}
        traditional = results["瀘州市政協召開常委會會議"]
        self.assertIn("<mark>政協</mark>", traditional["snippet"])
        self.assertNotIn("xié", traditional["snippet"])

    def test_a_county_searches_its_own_content_and_can_widen_to_the_prefecture(self):
        self.assertEqual(self.titles(self.county, q="委员"), ["城南镇召开板凳协商会"])
        widened = self.titles(self.county, q="委员", scope="all")
        self.assertEqual(len(widened), 3)

    def test_the_prefecture_searches_every_committee_below_it(self):
        data = self.json(self.prefecture, q="委员")
        self.assertEqual(data["total"], 3)
        self.assertEqual(
            {r["site"] for r in data["results"]}, {"平凉市政协", "庄浪县政协", "高台县政协"}
        )
        county_result = next(r for r in data["results"] if r["site"] == "庄浪县政协")
        self.assertTrue(county_result["url"].startswith("http://zhuanglang.test"))

    def test_json_answer_has_the_documented_shape(self):
        data = self.json(self.county, q="板凳协商会")
        self.assertEqual(
            set(data) - {"message", "notice", "total_is_estimate"}, {"query", "total", "results"}
        )
        self.assertEqual(
            set(data["results"][0]), {"title", "url", "type", "site", "date", "snippet"}
        )
        self.assertEqual(data["results"][0]["date"], "2023-05-06")
        self.assertEqual(data["results"][0]["type"], "新闻")

    def test_unpublished_and_private_pages_never_appear(self):
        self.bench.unpublish()
        self.assertEqual(self.titles(self.county, q="板凳"), [])
        self.bench.save_revision().publish()
        self.assertEqual(len(self.titles(self.county, q="板凳")), 1)
        PageViewRestriction.objects.create(
            page=self.bench, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertEqual(self.titles(self.county, q="板凳"), [])

    def test_filters_come_with_counts_and_narrow_the_results(self):
        response = self.get(self.prefecture, q="委员")
        self.assertContains(response, "庄浪县政协</a>（1）")
        self.assertContains(response, "常委会会议</a>（1）")
        data = self.json(self.prefecture, q="委员", site=self.county.pk)
        self.assertEqual(data["total"], 1)
        data = self.json(self.prefecture, q="委员", year=2023)
        self.assertEqual([r["date"][:4] for r in data["results"]], ["2023"])

    def test_sort_by_date_puts_the_newest_first(self):
        dates = [r["date"] for r in self.json(self.prefecture, q="委员", sort="date")["results"]]
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_many_matches_come_newest_first_with_a_message(self):
        from unittest import mock

        from django.db import connection

        from search import engine

        with (
            mock.patch.object(engine, "RELEVANCE_LIMIT", 1),
            mock.patch.object(engine, "PG_RELEVANCE_LIMIT", 1),
            mock.patch.object(engine, "PG_COUNT_LIMIT", 1),
        ):
            data = self.json(self.prefecture, q="委员")
        self.assertIn("已按日期从新到旧排列", data["message"])
        dates = [r["date"] for r in data["results"]]
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertEqual(len(dates), 3)
        # FTS5 counts exactly from its index; PostgreSQL says the count is an estimate.
        self.assertEqual(data["total_is_estimate"], connection.vendor == "postgresql")

    def test_absurd_queries_get_a_message_never_an_error(self):
        for query in ("协" * 10_000, "，。！？……", '"', "*", "NEAR(", "OR", '" OR "a'):
            response = self.get(self.county, q=query)
            self.assertEqual(response.status_code, 200, query[:20])
        self.assertContains(self.get(self.county, q="，。！？"), "没有可以搜索的文字")
        self.assertContains(self.get(self.county, q="协" * 10_000), "搜索词过长")

    def test_odd_numbers_in_the_filters_are_ignored_never_an_error(self):
        """A superscript digit passes str.isdigit() but int() refuses it (once a 500); ids and
        years beyond range, and NUL bytes (refused by PostgreSQL), read as absent."""
        everything = self.json(self.prefecture, q="委员")["total"]
        for params in (
            {"page": "²"},
            {"site": "²"},
            {"year": "²⁰²³"},
            {"site": "99999999999999999999999"},
            {"year": "0"},
            {"type": "news\x00"},
            {"meeting": "\x00"},
        ):
            with self.subTest(params=params):
                response = self.get(self.prefecture, q="委员", **params)
                self.assertEqual(response.status_code, 200)
                data = self.json(self.prefecture, q="委员", **params)
                self.assertEqual(data["total"], everything)

    def test_a_synonym_added_by_editors_is_searchable_at_once(self):
        self.assertEqual(self.titles(self.prefecture, q="常务委员会"), [])
        group = SynonymGroup(terms="常委会、常务委员会")
        group.full_clean()
        group.save()
        self.assertEqual(self.titles(self.prefecture, q="常务委员会"), ["泸州市政协召开常委会会议"])

    def test_the_index_follows_a_new_synonym_group(self):
        report(self.c_news, "常务委员会工作报告解读", "报告回顾了一年来的工作。")
        self.assertEqual(self.titles(self.county, q="常委会"), [])
        with self.captureOnCommitCallbacks(execute=True):
            group = SynonymGroup(terms="常委会、常务委员会")
            group.full_clean()
            group.save()
        self.assertEqual(self.titles(self.county, q="常委会"), ["常务委员会工作报告解读"])
        with self.captureOnCommitCallbacks(execute=True):
            group.delete()
        self.assertEqual(self.titles(self.county, q="常委会"), [])

    def test_taking_a_word_out_of_a_synonym_group_takes_effect_at_once(self):
        group = SynonymGroup(terms="常委会、常务委员会")
        group.full_clean()
        group.save()
        self.assertEqual(len(self.titles(self.prefecture, q="常务委员会")), 1)
        group.terms = "常委会、常委"
        group.full_clean()
        group.save()
        self.assertEqual(self.titles(self.prefecture, q="常务委员会"), [])

    def test_a_page_published_again_keeps_its_filters(self):
        self.bench.save_revision().publish()  # updates the existing search document
        self.assertEqual(self.titles(self.county, q="板凳"), ["城南镇召开板凳协商会"])
        self.assertEqual(len(self.titles(self.county, q="板凳", year=2023)), 1)

    def test_deleting_a_page_removes_it_from_the_index(self):
        key = f"page:{self.neighbour.pk}"
        self.assertTrue(SearchDocument.objects.filter(key=key).exists())
        self.neighbour.delete()
        self.assertFalse(SearchDocument.objects.filter(key=key).exists())
