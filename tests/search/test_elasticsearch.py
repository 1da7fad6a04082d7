"""The Elasticsearch path: against a real cluster when ELASTICSEARCH_URL is set (none can run on
these machines), and the fallback to the database when the cluster cannot be reached."""

import os

import pytest
from django.test import TestCase, override_settings
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee
from search import elastic
from search.indexing import rebuild

CLOSED_PORT = "http://127.0.0.1:9"


def reset_client():
    elastic._client = None


class FallbackWhenTheClusterIsDown(TestCase):
    def setUp(self):
        self.addCleanup(reset_client)
        reset_client()
        self.site = make_committee("zhuanglang", "庄浪县政协")
        self.news = NewsIndexPageFactory(parent=self.site.root_page)

    @override_settings(ELASTICSEARCH_URL=CLOSED_PORT)
    def test_pages_are_saved_and_search_answers_from_the_database_with_a_notice(self):
        with self.assertLogs("search.elastic", level="WARNING"):
            NewsPageFactory(
                parent=self.news,
                title="城南镇召开板凳协商会",
                body=[("paragraph", RichText("<p>委员和群众开展板凳协商会。</p>"))],
            )
        with self.assertLogs("search.elastic", level="WARNING"):
            response = self.client.get(
                "/search/", {"q": "板凳协商会"}, HTTP_HOST=self.site.hostname
            )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "全文检索服务暂时不可用")
        self.assertContains(response, "城南镇召开板凳协商会")

    @override_settings(ELASTICSEARCH_URL=CLOSED_PORT)
    def test_rebuilding_the_index_survives_an_unreachable_cluster(self):
        NewsPageFactory(parent=self.news, title="政协委员视察")
        with self.assertLogs("search.elastic", level="WARNING"):
            self.assertEqual(rebuild(), 1)


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL is not set (no Elasticsearch server can run on this machine)",
)
class AgainstARealCluster(TestCase):
    def setUp(self):
        self.addCleanup(reset_client)
        reset_client()
        self.site = make_committee("zhuanglang", "庄浪县政协")
        news = NewsIndexPageFactory(parent=self.site.root_page)
        NewsPageFactory(
            parent=news,
            title="瀘州市政協召開常委會會議",
            body=[("paragraph", RichText("<p>高桥镇的合小美工作室开展板凳协商会。</p>"))],
        )
        rebuild()
        elastic.client().indices.refresh(index=elastic.index_name())

    def test_chinese_queries_are_answered_by_the_cluster(self):
        for query in ("政协", "政協", "合小美工作室", "bandeng xieshang", "高桥镇"):
            data = self.client.get(
                "/search/", {"q": query, "format": "json"}, HTTP_HOST=self.site.hostname
            ).json()
            self.assertEqual(data["notice"], "", query)
            self.assertEqual(data["total"], 1, query)

    def test_facets_come_from_the_cluster(self):
        response = self.client.get("/search/", {"q": "协商"}, HTTP_HOST=self.site.hostname)
        self.assertContains(response, "庄浪县政协</a>（1）")
