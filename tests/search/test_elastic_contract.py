"""What the project sends an Elasticsearch 8 cluster, checked without one: the index settings and
mapping, the bulk bodies of indexing (pages, an archive import), the deletions, and the query
bodies of the search page (plain words, quotes and a minus sign, a county widened to its
prefecture, facet filters, paging, facet counts).

The official client runs unchanged; only its transport's node is replaced (``FakeCluster``,
given to the client through ``node_class``, the client's own extension point), so the checks
see the HTTP method, path and JSON body the client would put on the wire. The same requests
against a real cluster: tests/search/test_elasticsearch.py, ``make test-es``."""

import datetime
import io
import json
import tempfile
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase, override_settings
from elastic_transport import ApiResponseMeta, BaseNode, ConnectionError, HttpHeaders
from elastic_transport._node._base import NodeApiResponse
from wagtail.rich_text import RichText

from builders import NewsIndexPageFactory, NewsPageFactory, make_committee, meeting_type
from news.taxonomy import ensure_meeting_types
from search import elastic
from search.engine import Filters
from search.models import SearchDocument
from search.text import index_text, parse_query

URL = "http://es.test:9200"  # never resolved: the fake node answers
INDEX = "cppcc_search_documents"
JSON = "application/vnd.elasticsearch+json; compatible-with=8"
NDJSON = "application/vnd.elasticsearch+x-ndjson; compatible-with=8"
# The cluster's settings as the project runs them, whatever the environment says: the database
# backend for Wagtail's own page index (which these tests do not cover) and the default prefix.
CLUSTER_SETTINGS = {
    "ELASTICSEARCH_URL": URL,
    "WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": "wagtail.search.backends.database"}},
}

EXPECTED_INDEX_BODY = {
    "settings": {
        "number_of_shards": 1,
        "analysis": {"analyzer": {"default": {"type": "whitespace"}}},
    },
    "mappings": {
        "properties": {
            "title_tokens": {"type": "text", "analyzer": "whitespace"},
            "tokens": {"type": "text", "analyzer": "whitespace"},
            "site_id": {"type": "integer"},
            "kind": {"type": "keyword"},
            "meeting_type": {"type": "keyword"},
            "platform_level": {"type": "keyword"},
            "year": {"type": "integer"},
            "date": {"type": "date"},
            "method_key": {"type": "keyword"},
        }
    },
}
COMPOSITE_FACETS = {
    "combos": {
        "composite": {
            "size": 10000,
            "sources": [
                {"site_id": {"terms": {"field": "site_id", "missing_bucket": True}}},
                {"kind": {"terms": {"field": "kind", "missing_bucket": True}}},
                {"meeting_type": {"terms": {"field": "meeting_type", "missing_bucket": True}}},
                {"platform_level": {"terms": {"field": "platform_level", "missing_bucket": True}}},
                {"year": {"terms": {"field": "year", "missing_bucket": True}}},
            ],
        }
    }
}
RELEVANCE = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
NEWEST = [{"date": {"order": "desc", "missing": "_last"}}]


class FakeCluster:
    """Records each request (method, path, query parameters, decoded body, headers, timeout)
    and answers as Elasticsearch 8 does: indices exist once created; searches return
    ``hits`` (document ids) and ``buckets`` (facet combinations) as set by the test."""

    def __init__(self, hits=(), buckets=(), down=False):
        self.requests = []
        self.indices = set()
        self.hits = list(hits)
        self.buckets = list(buckets)
        self.down = down

    def client(self):
        cluster = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, **options):
                return cluster.answer(self.config, method, target, body, headers, options)

        return elastic.make_client([URL], node_class=Node)

    def answer(self, node, method, target, body, headers, options):
        parts = urlsplit(target)
        headers = dict(headers or {})
        if body and headers.get("content-type") == NDJSON:
            decoded = [json.loads(line) for line in body.decode().splitlines()]
        else:
            decoded = json.loads(body) if body else None
        self.requests.append(
            {
                "method": method,
                "path": parts.path,
                "params": dict(parse_qsl(parts.query)),
                "body": decoded,
                "headers": headers,
                "timeout": options.get("request_timeout"),
            }
        )
        if self.down:
            raise ConnectionError("connection refused")
        status, payload = self.route(method, parts.path, decoded)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"x-elastic-product": "Elasticsearch", "content-type": "application/json"}
            ),
            duration=0.0,
            node=node,
        )
        return NodeApiResponse(meta, b"" if method == "HEAD" else json.dumps(payload).encode())

    def route(self, method, path, body):
        name = path.strip("/").split("/")[0]
        if method == "HEAD":
            return (200 if name in self.indices else 404), None
        if method == "PUT" and path == f"/{name}":
            self.indices.add(name)
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
        if method == "DELETE":
            self.indices.discard(name)
            return 200, {"acknowledged": True}
        if path == "/_bulk":
            items = [{"index": {"_id": str(op["index"]["_id"]), "status": 201}} for op in body[::2]]
            return 200, {"took": 1, "errors": False, "items": items}
        if path.endswith("/_delete_by_query"):
            return 200, {"deleted": len(body["query"]["ids"]["values"]), "failures": []}
        if path.endswith("/_search"):
            hits = [{"_index": name, "_id": str(pk), "_score": 1.0} for pk in self.hits]
            return 200, {
                "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
                "aggregations": {"combos": {"buckets": self.buckets}},
            }
        raise AssertionError(f"unexpected request {method} {path}")

    def sent(self, method=None, path_end=""):
        return [
            r
            for r in self.requests
            if (method is None or r["method"] == method) and r["path"].endswith(path_end)
        ]

    def searches(self):
        return [r["body"] for r in self.sent("POST", "/_search")]

    def bulk_documents(self):
        """{document id: source} of every bulk request."""
        documents = {}
        for request in self.sent(path_end="/_bulk"):
            for action, source in zip(request["body"][::2], request["body"][1::2], strict=True):
                assert action == {"index": {"_index": INDEX, "_id": action["index"]["_id"]}}
                documents[action["index"]["_id"]] = source
        return documents


class ClusterMixin:
    """Every request of the test goes to a FakeCluster (``self.cluster``)."""

    def use_cluster(self, **options):
        self.cluster = FakeCluster(**options)
        self.enterContext(elastic.use_client(self.cluster.client()))
        return self.cluster


def document(pk, title, text, **fields):
    """An unsaved search document, as indexing builds it (the cluster's id is its pk)."""
    defaults = {
        "site_id": 1,
        "kind": "news.newspage",
        "meeting_type": "",
        "platform_level": "",
        "method_key": "",
        "date": None,
        "year": None,
    }
    return SearchDocument(
        pk=pk,
        title=title,
        text=text,
        title_tokens=index_text(title),
        tokens=index_text(text),
        **{**defaults, **fields},
    )


TRADITIONAL = document(
    41,
    "瀘州市政協召開常委會會議",
    "會議傳達學習了有關精神。",
    site_id=3,
    meeting_type="standing-committee",
    date=datetime.date(2022, 12, 25),
    year=2022,
)
FACETED = document(
    42,
    "城南镇板凳协商会",
    "委员和群众开展板凳协商会。",
    site_id=5,
    kind="cppcc_three_in_one.threeinonepage",
    platform_level="town",
    method_key="three_in_one",
    date=datetime.date(2023, 5, 6),
    year=2023,
)
UNDATED = document(43, "政协章程", "中国人民政治协商会议章程。", site_id=5, kind="home.textpage")


@override_settings(**CLUSTER_SETTINGS)
class IndexAndBulkBodies(ClusterMixin, SimpleTestCase):
    def test_the_index_is_created_once_with_whitespace_analysis_and_the_facet_types(self):
        self.assertEqual(elastic.index_body(), EXPECTED_INDEX_BODY)
        cluster = self.use_cluster()
        elastic.ensure_index()
        elastic.ensure_index()
        self.assertEqual(
            [(r["method"], r["path"], r["body"]) for r in cluster.requests],
            [
                ("HEAD", f"/{INDEX}", None),
                ("PUT", f"/{INDEX}", EXPECTED_INDEX_BODY),
                ("HEAD", f"/{INDEX}", None),
            ],
        )
        self.assertEqual(cluster.requests[1]["headers"]["content-type"], JSON)

    def test_rebuilding_deletes_and_recreates_the_index(self):
        cluster = self.use_cluster()
        elastic.recreate_index()
        self.assertEqual(
            [(r["method"], r["path"], r["params"]) for r in cluster.requests],
            [
                ("DELETE", f"/{INDEX}", {"ignore_unavailable": "true"}),
                ("HEAD", f"/{INDEX}", {}),
                ("PUT", f"/{INDEX}", {}),
            ],
        )

    def test_the_index_name_follows_the_configured_prefix(self):
        self.assertEqual(elastic.index_name(), INDEX)
        backends = {"default": {"BACKEND": "x", "INDEX_PREFIX": "gansu_"}}
        with self.settings(WAGTAILSEARCH_BACKENDS=backends):
            self.assertEqual(elastic.index_name(), "gansu_search_documents")

    def test_bulk_bodies_carry_simplified_tokens_and_the_facet_values(self):
        cluster = self.use_cluster()
        self.assertTrue(elastic.push([TRADITIONAL, FACETED, UNDATED]))
        [bulk] = cluster.sent(path_end="/_bulk")
        self.assertEqual((bulk["method"], bulk["params"]), ("PUT", {}))
        self.assertEqual(bulk["headers"]["content-type"], NDJSON)
        self.assertEqual(
            bulk["body"],
            [
                {"index": {"_index": INDEX, "_id": 41}},
                {
                    "title_tokens": index_text("瀘州市政協召開常委會會議"),
                    "tokens": index_text("會議傳達學習了有關精神。"),
                    "site_id": 3,
                    "kind": "news.newspage",
                    "meeting_type": "standing-committee",
                    "platform_level": "",
                    "year": 2022,
                    "date": "2022-12-25",
                    "method_key": "",
                },
                {"index": {"_index": INDEX, "_id": 42}},
                {
                    "title_tokens": index_text("城南镇板凳协商会"),
                    "tokens": index_text("委员和群众开展板凳协商会。"),
                    "site_id": 5,
                    "kind": "cppcc_three_in_one.threeinonepage",
                    "meeting_type": "",
                    "platform_level": "town",
                    "year": 2023,
                    "date": "2023-05-06",
                    "method_key": "three_in_one",
                },
                {"index": {"_index": INDEX, "_id": 43}},
                {
                    "title_tokens": index_text("政协章程"),
                    "tokens": index_text("中国人民政治协商会议章程。"),
                    "site_id": 5,
                    "kind": "home.textpage",
                    "meeting_type": "",
                    "platform_level": "",
                    "year": None,
                    "date": None,
                    "method_key": "",
                },
            ],
        )
        # The Traditional title is indexed in Simplified, with pinyin: the whitespace analyzer
        # needs no Chinese plugin, and 政协 / 政協 / zhengxie all meet the same token.
        title_tokens = bulk["body"][1]["title_tokens"].split()
        self.assertTrue({"泸州市", "政协", "常委会", "会议", "zhengxie"} <= set(title_tokens))
        self.assertFalse({"瀘州市", "政協", "常委會", "會議"} & set(title_tokens))
        self.assertEqual(bulk["body"][1]["tokens"], bulk["body"][1]["tokens"].strip())

    def test_deleting_sends_ids_as_strings_and_tolerates_conflicts(self):
        cluster = self.use_cluster()
        self.assertTrue(elastic.delete([7, 9]))
        self.assertEqual(
            [(r["method"], r["path"], r["params"], r["body"]) for r in cluster.requests],
            [
                (
                    "POST",
                    f"/{INDEX}/_delete_by_query",
                    {"conflicts": "proceed"},
                    {"query": {"ids": {"values": ["7", "9"]}}},
                )
            ],
        )

    def test_nothing_is_sent_for_nothing_or_without_a_configured_cluster(self):
        cluster = self.use_cluster()
        self.assertFalse(elastic.push([]))
        self.assertFalse(elastic.delete([]))
        with self.settings(ELASTICSEARCH_URL=""):
            self.assertFalse(elastic.push([TRADITIONAL]))
            self.assertFalse(elastic.delete([41]))
        self.assertEqual(cluster.requests, [])

    def test_the_client_waits_three_seconds_and_never_retries(self):
        cluster = self.use_cluster(down=True)
        with self.assertLogs("search.elastic", level="WARNING") as logs:
            self.assertFalse(elastic.push([TRADITIONAL]))
        self.assertIn("1 documents not pushed", logs.output[0])
        self.assertEqual([(r["method"], r["timeout"]) for r in cluster.requests], [("HEAD", 3)])
        self.assertEqual(cluster.requests[0]["headers"]["accept"], JSON)


def query_for(text):
    return parse_query(text)


def word(token):
    return {"multi_match": {"query": token, "fields": ["title_tokens^10", "tokens"]}}


def term(*alternatives):
    """One query term: any alternative matches, an alternative needs all its tokens."""
    return {
        "bool": {
            "should": [{"bool": {"must": [word(t) for t in alt]}} for alt in alternatives],
            "minimum_should_match": 1,
        }
    }


class QueryBodies(SimpleTestCase):
    def test_a_plain_query_ranks_title_tokens_ten_times_higher_within_the_sites(self):
        request = elastic.search_request(query_for("协商"), Filters(scope=[3]))
        self.assertEqual(
            request,
            {
                "query": {
                    "bool": {
                        "must": [term(("协商",))],
                        "filter": [{"terms": {"site_id": [3]}}],
                        "must_not": [],
                    }
                },
                "sort": RELEVANCE,
                "from_": 0,
                "size": 20,
                "track_total_hits": True,
                "source": False,
            },
        )

    def test_a_word_matches_as_its_words_or_as_all_its_bigrams(self):
        body = elastic.build_query(query_for("政协委员"), Filters(scope=[3]))
        self.assertEqual(body["bool"]["must"], [term(("政协委员",), ("政协", "协委", "委员"))])
        traditional = elastic.build_query(query_for("瀘州市政協"), Filters(scope=[3]))
        self.assertEqual(
            traditional["bool"]["must"],
            [term(("泸州市", "政协"), ("泸州", "州市", "市政", "政协"))],
        )
        pinyin = elastic.build_query(query_for("bandeng xieshang"), Filters(scope=[3]))
        self.assertEqual(pinyin["bool"]["must"], [term(("bandeng",)), term(("xieshang",))])

    def test_quotes_and_a_minus_sign_are_separators_not_operators(self):
        """Phrases and excluded words are not features of the search: quotes add nothing (no
        match_phrase is sent) and ``-视察`` is a second required word, not a must_not."""
        scope = Filters(scope=[3])
        self.assertEqual(
            elastic.search_request(query_for('"板凳协商会"'), scope),
            elastic.search_request(query_for("板凳协商会"), scope),
        )
        minus = elastic.build_query(query_for("协商 -视察"), scope)
        self.assertEqual(minus["bool"]["must"], [term(("协商",)), term(("视察",))])
        self.assertEqual(minus["bool"]["must_not"], [])
        self.assertNotIn(
            "match_phrase", json.dumps(elastic.search_request(query_for('"协商"'), scope))
        )

    def test_plugins_switched_off_are_excluded_per_committee(self):
        filters = Filters(scope=[3, 5], excluded_methods=((5, "three_in_one"), (3, "bench")))
        self.assertEqual(
            elastic.build_query(query_for("协商"), filters)["bool"]["must_not"],
            [
                {
                    "bool": {
                        "filter": [
                            {"term": {"site_id": 5}},
                            {"term": {"method_key": "three_in_one"}},
                        ]
                    }
                },
                {"bool": {"filter": [{"term": {"site_id": 3}}, {"term": {"method_key": "bench"}}]}},
            ],
        )

    def test_facet_filters_are_exact_terms_and_the_facet_request_leaves_them_out(self):
        filters = Filters(
            scope=[1, 3, 5],
            site_id=3,
            kind="news.newspage",
            meeting_type="standing-committee",
            platform_level="county",
            year=2022,
        )
        self.assertEqual(
            elastic.build_query(query_for("协商"), filters)["bool"]["filter"],
            [
                {"terms": {"site_id": [1, 3, 5]}},
                {"term": {"site_id": 3}},
                {"term": {"kind": "news.newspage"}},
                {"term": {"meeting_type": "standing-committee"}},
                {"term": {"platform_level": "county"}},
                {"term": {"year": 2022}},
            ],
        )
        # Each facet is counted with the others applied (search.engine.tally_facets), so the
        # cluster is asked for every combination within the scope alone.
        self.assertEqual(
            elastic.facets_request(query_for("协商"), filters),
            {
                "query": {
                    "bool": {
                        "must": [term(("协商",))],
                        "filter": [{"terms": {"site_id": [1, 3, 5]}}],
                        "must_not": [],
                    }
                },
                "size": 0,
                "aggregations": COMPOSITE_FACETS,
            },
        )

    def test_paging_and_date_order(self):
        request = elastic.search_request(
            query_for("协商"), Filters(scope=[3]), order="date", offset=40, limit=20
        )
        self.assertEqual((request["from_"], request["size"], request["sort"]), (40, 20, NEWEST))


@override_settings(**CLUSTER_SETTINGS)
class TheSearchPageSends(ClusterMixin, TestCase):
    """Through the search page: what a reader's request puts on the wire, and what the
    cluster's answer becomes."""

    @classmethod
    def setUpTestData(cls):
        with elastic.use_client(FakeCluster().client()):
            cls.prefecture = make_committee("pingliang", "平凉市政协", level="prefecture")
            cls.county = make_committee("zhuanglang", "庄浪县政协", parent=cls.prefecture)
            cls.other = make_committee("gaotai", "高台县政协", parent=cls.prefecture)
            news = NewsIndexPageFactory(parent=cls.county.root_page)
            cls.page = NewsPageFactory(
                parent=news,
                title="城南镇召开板凳协商会",
                body=[("paragraph", RichText("<p>委员和群众开展板凳协商会。</p>"))],
                date=datetime.date(2023, 5, 6),
            )
        cls.doc = SearchDocument.objects.get(key=f"page:{cls.page.pk}")

    def search(self, on, **params):
        return self.client.get("/search/", params, HTTP_HOST=on.hostname)

    def test_a_county_searches_itself_and_widens_to_the_prefecture_and_all_its_counties(self):
        cluster = self.use_cluster(hits=[self.doc.pk])
        data = self.search(self.county, q="协商", format="json").json()
        self.assertEqual([r["title"] for r in data["results"]], ["城南镇召开板凳协商会"])
        self.assertEqual(data["notice"], "")
        self.search(self.county, q="协商", format="json", scope="all")
        own, widened = cluster.searches()
        self.assertEqual(own["query"]["bool"]["filter"], [{"terms": {"site_id": [self.county.pk]}}])
        self.assertEqual(
            widened["query"]["bool"]["filter"],
            [{"terms": {"site_id": [self.prefecture.pk, self.county.pk, self.other.pk]}}],
        )
        self.assertEqual(
            own,
            {
                "from": 0,
                "query": own["query"],
                "size": 20,
                "sort": RELEVANCE,
                "_source": False,
                "track_total_hits": True,
            },
        )
        self.assertNotIn("highlight", json.dumps(own))  # snippets are marked from the database

    def test_filters_paging_and_order_from_the_query_string(self):
        cluster = self.use_cluster()
        params = {
            "q": "协商",
            "site": self.county.pk,
            "type": "news.newspage",
            "meeting": "chairpersons",
            "level": "county",
            "year": 2023,
            "sort": "date",
            "page": 3,
            "format": "json",
        }
        self.search(self.prefecture, **params)
        [sent] = cluster.searches()
        self.assertEqual(
            sent["query"]["bool"]["filter"],
            [
                {"terms": {"site_id": [self.prefecture.pk, self.county.pk, self.other.pk]}},
                {"term": {"site_id": self.county.pk}},
                {"term": {"kind": "news.newspage"}},
                {"term": {"meeting_type": "chairpersons"}},
                {"term": {"platform_level": "county"}},
                {"term": {"year": 2023}},
            ],
        )
        self.assertEqual((sent["from"], sent["size"], sent["sort"]), (40, 20, NEWEST))

    def test_the_page_asks_for_facet_combinations_and_shows_their_counts(self):
        key = {"site_id": self.county.pk, "kind": "news.newspage", "meeting_type": "chairpersons"}
        bucket = {"key": {**key, "platform_level": None, "year": 2023}, "doc_count": 1}
        cluster = self.use_cluster(hits=[self.doc.pk], buckets=[bucket])
        response = self.search(self.county, q="协商")
        self.assertContains(response, "庄浪县政协</a>（1）")
        results, facets = cluster.searches()
        self.assertEqual(results["size"], 20)
        self.assertEqual(
            facets,
            {
                "query": results["query"],
                "size": 0,
                "aggregations": COMPOSITE_FACETS,
            },
        )


@override_settings(**CLUSTER_SETTINGS)
class OnlyLivePublicDocumentsAreSent(ClusterMixin, TestCase):
    """The cluster's documents need no live or public flag: only live, public pages are pushed,
    and unpublishing deletes the document."""

    def setUp(self):
        self.site = make_committee("zhuanglang", "庄浪县政协")
        self.news = NewsIndexPageFactory(parent=self.site.root_page)
        self.cluster = self.use_cluster()

    def test_publishing_pushes_and_unpublishing_deletes(self):
        draft = NewsPageFactory(parent=self.news, title="草稿", publish=False)
        self.assertEqual(self.cluster.bulk_documents(), {})
        page = NewsPageFactory(
            parent=self.news,
            title="瀘州市政協召開常委會會議",
            meeting_type=meeting_type("standing-committee"),
            date=datetime.date(2022, 12, 25),
        )
        doc = SearchDocument.objects.get(key=f"page:{page.pk}")
        self.assertEqual(
            {k: v for k, v in self.cluster.bulk_documents()[doc.pk].items() if "tokens" not in k},
            {
                "site_id": self.site.pk,
                "kind": "news.newspage",
                "meeting_type": "standing-committee",
                "platform_level": "",
                "year": 2022,
                "date": "2022-12-25",
                "method_key": "",
            },
        )
        self.assertIn("政协", self.cluster.bulk_documents()[doc.pk]["title_tokens"].split())
        page.unpublish()
        self.assertEqual(
            self.cluster.sent(path_end="/_delete_by_query")[-1]["body"],
            {"query": {"ids": {"values": [str(doc.pk)]}}},
        )
        self.assertFalse(SearchDocument.objects.filter(key=f"page:{draft.pk}").exists())

    def test_an_archive_import_sends_its_batches_in_bulk(self):
        ensure_meeting_types()
        make_committee("pingliang", "平凉市政协", level="prefecture", default=True)
        luzhou = make_committee("luzhou", "泸州市政协", level="prefecture")
        lines = [
            {"id": "a-1", "title": "瀘州市政協召開常委會會議", "date": "2022-12-25",
             "body": "會議傳達學習了有關精神。", "county": "泸州市政协", "type": "work_news"},
            {"id": "a-2", "title": "平凉市政协开展协商", "date": "2023-01-02",
             "body": "委员在高桥镇开展协商。", "type": "work_news"},
        ]  # fmt: skip
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "archive.jsonl"
            path.write_text(
                "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
                encoding="utf-8",
            )
            call_command("import_archive", str(path), "--no-progress", stdout=io.StringIO())
        sent = self.cluster.bulk_documents()
        by_title = {d.title: d for d in SearchDocument.objects.filter(pk__in=sent)}
        self.assertEqual(len(by_title), 2)
        traditional = sent[by_title["瀘州市政協召開常委會會議"].pk]
        self.assertEqual((traditional["site_id"], traditional["date"]), (luzhou.pk, "2022-12-25"))
        self.assertTrue({"政协", "zhengxie"} <= set(traditional["title_tokens"].split()))
        self.assertNotIn("政協", traditional["title_tokens"])
