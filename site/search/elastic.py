"""Search documents in an Elasticsearch 8 cluster (when ELASTICSEARCH_URL is set).

The documents carry the pipeline's tokens (search.text), so the index needs nothing beyond the
built-in ``whitespace`` analyzer — no IK or smartcn plugin on the cluster. The database keeps its
own full-text index of the same documents at all times: when the cluster cannot be reached,
saving pages goes on and the search page answers from the database with a notice.

These documents go to their own index through the official client rather than through
Wagtail's backend: registered with Wagtail, they would also be written into the database
backend's index tables, doubling the cost of an archive import. Wagtail's backend keeps
indexing pages for the admin's own search as configured in settings.

The request bodies are built by pure functions (``index_body``, ``bulk_operations``,
``delete_request``, ``search_request``, ``facets_request``) so that tests can check exactly what
the cluster is sent without one (tests/search/test_elastic_contract.py); the rest is a thin
layer calling the client."""

import contextlib
import logging

from django.conf import settings

from .engine import FACETS

logger = logging.getLogger(__name__)

MAPPING = {
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
}
INDEX_SETTINGS = {
    "number_of_shards": 1,
    "analysis": {"analyzer": {"default": {"type": "whitespace"}}},
}
# A search page must answer (from the database, if need be) within a few seconds.
CLIENT_OPTIONS = {"request_timeout": 3, "max_retries": 0, "retry_on_timeout": False}


class Unavailable(Exception):
    """The cluster could not be reached or refused the request."""


def configured():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def index_name():
    prefix = (
        getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
        .get("default", {})
        .get("INDEX_PREFIX", "cppcc_")
    )
    return f"{prefix}search_documents"


# Request bodies -----------------------------------------------------------------------------


def index_body():
    """The keyword arguments of ``indices.create``."""
    return {"settings": INDEX_SETTINGS, "mappings": MAPPING}


def source(document):
    return {
        "title_tokens": document.title_tokens,
        "tokens": document.tokens,
        "site_id": document.site_id,
        "kind": document.kind,
        "meeting_type": document.meeting_type,
        "platform_level": document.platform_level,
        "year": document.year,
        "date": document.date.isoformat() if document.date else None,
        "method_key": document.method_key,
    }


def bulk_operations(documents, index):
    """The ``operations`` of one bulk request indexing ``documents`` (SearchDocument rows,
    whose primary key is the cluster's document id)."""
    operations = []
    for document in documents:
        operations += [{"index": {"_index": index, "_id": document.pk}}, source(document)]
    return operations


def delete_request(ids):
    """The keyword arguments (besides the index) of ``delete_by_query`` removing ``ids``."""
    return {"query": {"ids": {"values": [str(i) for i in ids]}}, "conflicts": "proceed"}


def _token(token):
    return {"multi_match": {"query": token, "fields": ["title_tokens^10", "tokens"]}}


def build_query(query, filters, facets=True):
    terms = [
        {
            "bool": {
                "should": [{"bool": {"must": [_token(t) for t in alt]}} for alt in term],
                "minimum_should_match": 1,
            }
        }
        for term in query.terms
    ]
    conditions = [{"terms": {"site_id": list(filters.scope)}}]
    if facets:
        for facet in FACETS:
            value = getattr(filters, facet)
            if value not in ("", None):
                conditions.append({"term": {facet: value}})
    must_not = [
        {"bool": {"filter": [{"term": {"site_id": site}}, {"term": {"method_key": key}}]}}
        for site, key in filters.excluded_methods
    ]
    return {"bool": {"must": terms, "filter": conditions, "must_not": must_not}}


def search_request(query, filters, *, order="relevance", offset=0, limit=20):
    """The keyword arguments (besides the index) of the search for one page of results. The
    cluster ranks every match quickly: relevance order is kept at any count. Only ids come
    back; titles, snippets and highlighting come from the database (search.snippets)."""
    newest = {"date": {"order": "desc", "missing": "_last"}}
    return {
        "query": build_query(query, filters),
        "sort": ["_score", newest] if order == "relevance" else [newest],
        "from_": offset,
        "size": limit,
        "track_total_hits": True,
        "source": False,
    }


def facets_request(query, filters):
    """The keyword arguments (besides the index) of the search counting every combination of
    facet values among the matches (counted per facet by search.engine.tally_facets)."""
    return {
        "query": build_query(query, filters, facets=False),
        "size": 0,
        "aggregations": {
            "combos": {
                "composite": {
                    "size": 10000,
                    "sources": [
                        {facet: {"terms": {"field": facet, "missing_bucket": True}}}
                        for facet in FACETS
                    ],
                }
            }
        },
    }


# The client -----------------------------------------------------------------------------------


def make_client(urls, **transport):
    """An Elasticsearch client with the project's timeouts; ``transport`` options (such as a
    ``node_class``) are passed through."""
    from elasticsearch import Elasticsearch

    return Elasticsearch(urls, **CLIENT_OPTIONS, **transport)


_client = None


def client():
    global _client
    if _client is None:
        urls = [u.strip() for u in settings.ELASTICSEARCH_URL.split(",") if u.strip()]
        _client = make_client(urls)
    return _client


@contextlib.contextmanager
def use_client(es):
    """Send every request through ``es`` for the duration (tests inject a client whose
    transport records the requests)."""
    global _client
    previous, _client = _client, es
    try:
        yield es
    finally:
        _client = previous


def _call(function, *args, **kwargs):
    from elasticsearch import ApiError, TransportError

    try:
        return function(*args, **kwargs)
    except (ApiError, TransportError, OSError) as error:
        raise Unavailable(str(error)) from error


def ensure_index():
    es = client()
    if not _call(es.indices.exists, index=index_name()):
        _call(es.indices.create, index=index_name(), **index_body())


def recreate_index():
    """Start the cluster's index afresh (rebuild_search_index): mapping changes apply."""
    try:
        _call(client().indices.delete, index=index_name(), ignore_unavailable=True)
        ensure_index()
    except Unavailable as error:
        logger.warning("Elasticsearch unavailable, index not recreated: %s", error)


def push(documents):
    """Index ``documents`` in the cluster; a failure is logged, never raised (the database
    index has them, and rebuild_search_index pushes everything again)."""
    if not configured() or not documents:
        return False
    try:
        ensure_index()
        _call(client().bulk, operations=bulk_operations(documents, index_name()))
        return True
    except Unavailable as error:
        logger.warning(
            "Elasticsearch unavailable, %s documents not pushed: %s", len(documents), error
        )
        return False


def delete(ids):
    if not configured() or not ids:
        return False
    try:
        _call(client().delete_by_query, index=index_name(), **delete_request(ids))
        return True
    except Unavailable as error:
        logger.warning("Elasticsearch unavailable, %s documents not deleted: %s", len(ids), error)
        return False


class ElasticsearchEngine:
    """The same interface as search.engine.Engine; raises Unavailable when the cluster fails."""

    def search(self, query, filters, *, order="relevance", offset=0, limit=20):
        request = search_request(query, filters, order=order, offset=offset, limit=limit)
        response = _call(client().search, index=index_name(), **request)
        total = response["hits"]["total"]["value"]
        ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
        return ids, total, order

    def facets(self, query, filters):
        response = _call(client().search, index=index_name(), **facets_request(query, filters))
        rows = [
            (*(bucket["key"][facet] for facet in FACETS), bucket["doc_count"])
            for bucket in response["aggregations"]["combos"]["buckets"]
        ]
        from .engine import tally_facets

        return tally_facets(rows, filters)
