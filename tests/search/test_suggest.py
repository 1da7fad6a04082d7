"""您是不是要找: a query that finds nothing because of a wrong character is offered the indexed
word that sounds the same (or one confused sound away), the one more documents hold; never a
word that finds nothing in the reader's scope and filters, never when the query finds
something; the link keeps the scope and filters."""

import datetime
import re
from urllib.parse import parse_qs

from django.test import TestCase
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from search import suggest
from search.engine import Filters


def report(index, title, text, year=2023):
    return NewsPageFactory(
        parent=index,
        title=title,
        body=[("paragraph", RichText(f"<p>{text}</p>"))],
        date=datetime.date(year, 5, 6),
    )


class Suggestions(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.other = make_committee("gaotai", "高台县政协", parent=cls.prefecture)
        news = NewsIndexPageFactory(parent=cls.county.root_page)
        for number in range(3):
            report(news, f"城南镇召开协商会议{number}", "委员和群众一起开展协商，政协委员参加。")
        # The same pinyin (xieshang) in fewer documents: not the one offered.
        report(news, "当地鞋商参加展会", "当地鞋商参加展会，鞋商代表发言。", year=2019)
        other_news = NewsIndexPageFactory(parent=cls.other.root_page)
        report(other_news, "高台县举办量子科普", "量子科技知识走进校园。")

    def get(self, on=None, **params):
        return self.client.get("/search/", params, HTTP_HOST=(on or self.county).hostname)

    def suggestion(self, on=None, **params):
        return self.get(on, format="json", **params).json().get("suggestion")

    def test_a_wrong_character_is_offered_the_word_that_sounds_the_same(self):
        self.assertEqual(self.suggestion(q="协尚")["q"], "协商")
        self.assertEqual(self.suggestion(q="政斜")["q"], "政协")
        self.assertEqual(self.suggestion(q="政斜委员")["q"], "政协委员")
        self.assertEqual(self.suggestion(q="协尚 委员")["q"], "协商 委员")

    def test_one_confused_sound_away_when_no_word_sounds_the_same(self):
        # zeng xie: z for zh, and one character right.
        self.assertEqual(self.suggestion(q="增协")["q"], "政协")

    def test_a_traditional_query_is_offered_a_traditional_word(self):
        self.assertEqual(self.suggestion(q="協尚")["q"], "協商")

    def test_the_page_shows_the_suggestion_as_a_link(self):
        response = self.get(q="协尚")
        self.assertEqual(response.context["total"], 0)
        found = re.search(r'您是不是要找：<a href="\?([^"]+)">([^<]+)</a>', response.text)
        self.assertIsNotNone(found, response.text)
        self.assertEqual(found.group(2), "协商")
        self.assertEqual(parse_qs(found.group(1).replace("&amp;", "&")), {"q": ["协商"]})

    def test_no_suggestion_when_the_query_finds_something(self):
        response = self.get(q="协商")
        self.assertGreater(response.context["total"], 0)
        self.assertNotIn("suggestion", response.context)
        self.assertNotContains(response, "您是不是要找")
        self.assertIsNone(self.suggestion(q="鞋商"))

    def test_never_a_word_that_finds_nothing_where_the_reader_searches(self):
        self.assertIsNone(self.suggestion(q="量字"))  # 量子 is only on another county's site
        self.assertEqual(self.suggestion(on=self.other, q="量字")["q"], "量子")
        self.assertIsNone(self.suggestion(q="全无此词"))
        # Within the filters: in 2019 only 鞋商 sounds like 协尚.
        self.assertEqual(self.suggestion(q="协尚", year=2019)["q"], "鞋商")
        self.assertIsNone(self.suggestion(q="政斜", year=2019))

    def test_the_link_keeps_the_scope_sort_and_filters_and_goes_to_page_one(self):
        data = self.suggestion(q="协尚", scope="all", sort="date", year=2023, page=2)
        query = parse_qs(data["url"].lstrip("?"))
        self.assertEqual(
            query, {"q": ["协商"], "scope": ["all"], "sort": ["date"], "year": ["2023"]}
        )

    def test_similar_syllables_exist_and_differ_by_one_sound(self):
        self.assertEqual(suggest.similar_syllables("zheng"), ["zen", "zeng", "zhen"])
        self.assertEqual(suggest.similar_syllables("xian"), ["xiang"])
        self.assertEqual(suggest.similar_syllables("a"), [])

    def test_a_long_query_costs_a_bounded_number_of_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from search.models import load_vocabulary

        filters = Filters(scope=[self.county.pk])
        words = "协尚政斜增协委员会议群众开展城南镇召开板凳高桥镇工作室"
        long_run = words * 3
        many_runs = " ".join(words[i : i + 2] for i in range(20))
        for query in (long_run, many_runs, "协尚 政斜 增协 鞋尚 量字"):
            with CaptureQueriesContext(connection) as queries:
                suggest.suggest(query, filters, load_vocabulary())
            statements = [q for q in queries if "cppcc_search" in q["sql"]]
            self.assertLessEqual(len(statements), 20, query)

    def test_the_suggester_alone_with_a_county_scope(self):
        from search.models import load_vocabulary

        filters = Filters(scope=[self.county.pk])
        self.assertEqual(suggest.suggest("协尚", filters, load_vocabulary()), "协商")
        self.assertIsNone(suggest.suggest("abc", filters, load_vocabulary()))
