"""Repeated searches come from the result cache: the second identical request runs no search
SQL; a publish (the index changes) makes the next answer fresh; per-request parts (committee
names) are never frozen in it; with the cache down every search simply runs."""

import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from core.models import CommitteeSettings
from cppcc.settings.base import redis_cache_settings
from search import result_cache
from search.engine import Filters
from search.text import parse_query

FAILING_CACHE = redis_cache_settings(
    "redis://127.0.0.1:1/0", client_class="failing_cache.FailingClient"
)


def report(index, title, text):
    return NewsPageFactory(
        parent=index,
        title=title,
        body=[("paragraph", RichText(f"<p>{text}</p>"))],
        date=datetime.date(2023, 5, 6),
    )


def search_sql(queries):
    return [q["sql"] for q in queries if "cppcc_search" in q["sql"]]


class ResultCache(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
        cls.p_news = NewsIndexPageFactory(parent=cls.prefecture.root_page)
        cls.c_news = NewsIndexPageFactory(parent=cls.county.root_page)
        report(cls.p_news, "市政协召开协商会", "委员围绕乡村振兴开展协商。")
        report(cls.c_news, "县政协开展板凳协商", "委员和群众坐在一起协商。")

    def get(self, **params):
        return self.client.get("/search/", params, HTTP_HOST=self.prefecture.hostname)

    def twice(self, **params):
        first = self.get(**params)
        with CaptureQueriesContext(connection) as second_queries:
            second = self.get(**params)
        return first, second, second_queries

    def test_the_second_identical_page_runs_no_search_sql(self):
        first, second, queries = self.twice(q="协商")
        self.assertEqual(search_sql(queries), [])
        self.assertEqual(first.context["total"], 2)
        self.assertEqual(second.context["results"], first.context["results"])
        self.assertContains(second, "<mark>协商</mark>", count=2)
        self.assertContains(second, "庄浪县政协</a>（1）")  # the facets too

    def test_the_second_identical_json_answer_runs_no_search_sql(self):
        first, second, queries = self.twice(q="协商", format="json", sort="date")
        self.assertEqual(search_sql(queries), [])
        self.assertEqual(second.json(), first.json())

    def test_a_different_page_filter_or_order_is_searched_afresh(self):
        self.get(q="协商")
        for params in ({"sort": "date"}, {"site": self.county.pk}, {"year": 2023}, {"page": 2}):
            with CaptureQueriesContext(connection) as queries:
                self.get(q="协商", **params)
            self.assertNotEqual(search_sql(queries), [], params)

    def test_a_published_page_is_found_at_once(self):
        self.assertEqual(self.get(q="协商").context["total"], 2)
        report(self.c_news, "县政协协商议事", "议事协商。")
        with CaptureQueriesContext(connection) as queries:
            response = self.get(q="协商")
        self.assertNotEqual(search_sql(queries), [])
        self.assertEqual(response.context["total"], 3)
        self.assertContains(response, "县政协协商议事")

    def test_committee_names_are_filled_in_per_request(self):
        self.get(q="板凳")
        CommitteeSettings.objects.filter(site=self.county).update(short_name="庄浪政协")
        response = self.get(q="板凳")
        self.assertEqual([r["site"] for r in response.context["results"]], ["庄浪政协"])

    @override_settings(SEARCH_RESULTS_CACHE_SECONDS=0)
    def test_a_zero_timeout_turns_the_cache_off(self):
        _, second, queries = self.twice(q="协商")
        self.assertNotEqual(search_sql(queries), [])
        self.assertEqual(second.context["total"], 2)

    def test_with_the_cache_down_every_search_runs(self):
        with override_settings(CACHES=FAILING_CACHE, CACHE_OUTAGE_RETRY_SECONDS=0):
            _, second, queries = self.twice(q="协商")
            self.assertNotEqual(search_sql(queries), [])
            self.assertEqual(second.status_code, 200)
            self.assertEqual(second.context["total"], 2)

    def test_keys_are_bounded_whatever_the_query(self):
        query = "协商" * 200
        key = result_cache.key(
            1, query, parse_query(query), False, Filters(scope=[1, 2]), "relevance", 1, True
        )
        self.assertLess(len(key), 120)
        other = result_cache.key(
            1, query, parse_query(query), False, Filters(scope=[1, 2]), "relevance", 2, True
        )
        self.assertNotEqual(key, other)


class SwitchedOffMethods(TestCase):
    def test_each_site_lists_the_methods_it_has_not_enabled(self):
        from core.plugins import registry
        from search.views import _disabled_methods

        prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
        county = make_committee("zhuanglang", "庄浪县政协", parent=prefecture)
        keys = [method.key for method in registry.all()]
        self.assertTrue(keys, "no consultation method plugin is installed")
        registry.enable(keys[0], county)
        expected = tuple(
            (site.pk, key)
            for site in (prefecture, county)
            for key in keys
            if not registry.is_enabled(key, site)
        )
        self.assertIn((prefecture.pk, keys[0]), expected)
        self.assertNotIn((county.pk, keys[0]), expected)
        with self.assertNumQueries(1):
            self.assertEqual(_disabled_methods([prefecture, county]), expected)
