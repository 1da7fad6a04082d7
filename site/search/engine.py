"""Running a parsed query against the database's own full-text index of SearchDocument.tokens:
SQLite FTS5 (``MATCH … ORDER BY rank``) or PostgreSQL (a stored tsvector with a GIN index).
The tokens are letters, digits and Chinese characters only (search.text), so the query strings
built here cannot carry engine syntax."""

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction

from core.generations import Generation

from . import ranking
from .models import SearchDocument

FACET_CACHE_SECONDS = 600
GENERATION_KEY = "search:generation"
_generation = Generation(GENERATION_KEY)


def generation():
    """A number that changes whenever the index does: cached counts name it in their keys."""
    return _generation.current()


def index_changed():
    """At once (the writing request sees its change) and again on commit, so that a search run
    by another request from the old rows meanwhile is not cached as current."""
    _generation.bump()
    transaction.on_commit(_generation.bump)


FACETS = ("site_id", "kind", "meeting_type", "platform_level", "year")
FACET_PREFIXES = {
    "site_id": "0site",
    "kind": "0kind",
    "meeting_type": "0mt",
    "platform_level": "0lv",
    "year": "0year",
    "method": "0meth",
}


def facet_token(facet, value):
    """A token no text produces (search.text never yields a digit followed by letters) that
    stands for ``facet = value``."""
    return FACET_PREFIXES[facet] + re.sub(r"[^0-9a-z]", "", str(value).lower())


def document_facet_tokens(document):
    tokens = [facet_token("site_id", document.site_id)]
    for facet in FACETS[1:]:
        value = getattr(document, facet)
        if value not in ("", None):
            tokens.append(facet_token(facet, value))
    if document.method_key:
        tokens.append(facet_token("method", f"{document.site_id}x{document.method_key}"))
    return " ".join(tokens)


@dataclass
class Filters:
    scope: list  # ids of the sites searched (a county's own, or a prefecture and its counties)
    site_id: int | None = None  # one committee within the scope
    kind: str = ""
    meeting_type: str = ""
    platform_level: str = ""
    year: int | None = None
    excluded_methods: tuple = ()  # ((site_id, method_key), …) of plugins switched off

    def terms(self, facets=True):
        """The filters as query terms on the facet tokens: [[(token,), …], …]."""
        terms = [[(facet_token("site_id", site_id),) for site_id in self.scope] or [("0none",)]]
        if facets:
            for facet in FACETS:
                value = getattr(self, facet)
                if value not in ("", None):
                    terms.append([(facet_token(facet, value),)])
        return terms

    def excluded(self):
        return [facet_token("method", f"{site}x{key}") for site, key in self.excluded_methods]


def _fts5(terms, excluded):
    string = " AND ".join(
        "(" + " OR ".join("(" + " AND ".join(f'"{t}"' for t in alt) + ")" for alt in term) + ")"
        for term in terms
    )
    if excluded:
        string += " NOT (" + " OR ".join(f'"{t}"' for t in excluded) + ")"
    return string


def _tsquery(terms, excluded):
    string = " & ".join(
        "(" + " | ".join("(" + " & ".join(alt) + ")" for alt in term) + ")" for term in terms
    )
    if excluded:
        string += " & !(" + " | ".join(excluded) + ")"
    return string


# Ranking every match of a word most of the archive contains costs time in proportion to the
# archive and tells the reader little: above this many matches, results come newest first.
RELEVANCE_LIMIT = 3000
PG_RELEVANCE_LIMIT = 1000
PG_COUNT_LIMIT = 3000
# Past the limits above, up to this many matches holding the query's runs together are listed
# first (search.ranking); more, and they are a common phrase: everything newest first.
PHRASES_FIRST_LIMIT = 200
FTS = "cppcc_search_fts"
DOCS = "cppcc_search_searchdocument"


class Engine:
    """Filters are facet tokens in the same full-text query, so counting and ranking never read
    the documents; only date order and the facet counts join them."""

    def __init__(self):
        self.vendor = connection.vendor

    def _string(self, query, filters, facets=True):
        terms = list(query.terms) + filters.terms(facets)
        build = _fts5 if self.vendor == "sqlite" else _tsquery
        return build(terms, filters.excluded())

    def _matching(self):
        """SQL (one %s: the query string) selecting the ids of matching documents."""
        if self.vendor == "sqlite":
            return f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"
        return f"SELECT id FROM {DOCS} WHERE tsv @@ to_tsquery('simple', %s)"

    def _fetch(self, sql, params):
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # Room for an exact bitmap of every match: a lossy one rechecks (and
                # decompresses) the tsvector of each row.
                cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(sql, params)
            return cursor.fetchall()

    def matching_ids(self, query, filters):
        return [row[0] for row in self._fetch(self._matching(), [self._string(query, filters)])]

    approximate = ""

    def count(self, query, filters):
        """The number of matches. FTS5 counts from its index; PostgreSQL must visit every
        matching row, so past PG_COUNT_LIMIT matches it reports the planner's estimate (from
        the tsvector statistics) and sets ``approximate``."""
        string = self._string(query, filters)
        self.approximate = ""
        if self.vendor == "sqlite":
            return self._fetch(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", [string])[0][0]
        matching = f"SELECT 1 FROM {DOCS} WHERE tsv @@ to_tsquery('simple', %s)"
        bounded = self._fetch(
            f"SELECT count(*) FROM ({matching} LIMIT {PG_COUNT_LIMIT + 1}) s", [string]
        )[0][0]
        if bounded <= PG_COUNT_LIMIT:
            return bounded
        plan = self._fetch(f"EXPLAIN {matching}", [string])[0][0]
        found = re.search(r"rows=(\d+)", plan)
        estimate = int(found.group(1)) if found else 0
        if estimate > PG_COUNT_LIMIT:
            self.approximate = "about"
            return estimate
        # The planner underestimates queries of several alternatives: say "over 3,000".
        self.approximate = "over"
        return PG_COUNT_LIMIT

    def search(self, query, filters, *, order="relevance", offset=0, limit=20):
        """(ids of one page of results in order, total, the order actually used)."""
        string = self._string(query, filters)
        total = self.count(query, filters)
        # ts_rank reads each match's stored tsvector; FTS5's bm25 reads only the index.
        many = bool(self.approximate) or total > (
            RELEVANCE_LIMIT if self.vendor == "sqlite" else PG_RELEVANCE_LIMIT
        )
        if order == "relevance" and many:
            order = "date-many"
        phrases = ranking.phrases(query) if order != "date" else None
        if order == "relevance":
            ids = self._ranked(string, query, phrases, offset, limit)
        elif phrases:
            ids = self._phrases_first(string, query, filters, phrases, offset, limit)
        else:
            ids = self._by_date(string, many, offset, limit)
        return ids, total, order

    def _ranked(self, string, query, phrases, offset, limit, candidates=False):
        """Matches of ``string`` in the order of search.ranking: the signals they meet, then
        ts_rank_cd or the newest; a query of one word by bm25 or ts_rank. ``candidates``:
        ``string`` is _phrases_first's, whose matches all hold the query's runs."""
        if self.vendor == "sqlite":
            sql, params = ranking.fts5_ranked(FTS, DOCS, string, phrases, candidates)
        else:
            sql, params = ranking.ts_ranked(
                DOCS, string, phrases, _tsquery(query.terms, ()), candidates
            )
        rows = self._fetch(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
        return [row[0] for row in rows]

    def _phrases_first(self, string, query, filters, phrases, offset, limit):
        """Too many matches to rank them all: the few that hold the query's runs together
        are ranked first (FTS5 matches the runs as phrases; PostgreSQL takes the documents
        holding all their bigrams, found by the GIN index alone), then the rest newest
        first. Newest first throughout when those few are none or too many."""
        if self.vendor == "sqlite":
            within = f"({string}) AND ({ranking.fts5_candidates(phrases)})"
        else:
            terms = ranking.ts_candidate_terms(query.terms, phrases) + filters.terms()
            within = _tsquery(terms, filters.excluded())
        first = self._bounded_count(within, PHRASES_FIRST_LIMIT + 1)
        if not first or first > PHRASES_FIRST_LIMIT:
            return self._by_date(string, True, offset, limit)
        ids = []
        if offset < first:
            ids = self._ranked(within, query, phrases, offset, limit, candidates=True)
        if len(ids) < limit:
            rest = max(0, offset - first)
            ids += self._by_date(string, True, rest, limit - len(ids), excluding=within)
        return ids

    def _bounded_count(self, string, bound):
        return self._fetch(
            f"SELECT count(*) FROM ({self._matching()} LIMIT {int(bound)}) s", [string]
        )[0][0]

    def _by_date(self, string, many, offset, limit, excluding=""):
        """Matches newest first, leaving out the matches of ``excluding`` if given."""
        params = [string]
        if excluding:
            params.append(excluding)
            excluding = f"AND d.id NOT IN ({self._matching()}) "
        if self.vendor == "sqlite":
            # Walk the date index from the newest and keep the matches ("+" keeps SQLite from
            # driving the query by the match list instead).
            sql = (
                f"SELECT d.id FROM {DOCS} d WHERE {'+' if many else ''}d.id IN "
                f"({self._matching()}) {excluding}ORDER BY d.date DESC, d.id DESC "
                "LIMIT %s OFFSET %s"
            )
        else:
            # The planner walks the (date, id) index from the newest when matches are many,
            # and sorts the few matches when they are not.
            sql = (
                f"SELECT id FROM {DOCS} d WHERE tsv @@ to_tsquery('simple', %s) {excluding}"
                f"ORDER BY date DESC, id DESC LIMIT %s OFFSET %s"
            )
        return [row[0] for row in self._fetch(sql, [*params, limit, offset])]

    def facets(self, query, filters):
        """{facet: [(value, count)]}, each counted with the other filters applied: one grouped
        pass over the matches in the scope (cached until the index changes), then counted
        here."""
        string = self._string(query, filters, facets=False)
        key = f"search:facets:{generation()}:{hashlib.sha1(string.encode()).hexdigest()}"
        rows = cache.get(key)
        if rows is None:
            columns = ", ".join(f"d.{facet}" for facet in FACETS)
            rows = self._fetch(
                f"SELECT {columns}, count(*) FROM {DOCS} d WHERE d.id IN ({self._matching()}) "
                f"GROUP BY {columns}",
                [string],
            )
            cache.set(key, rows, FACET_CACHE_SECONDS)
        return tally_facets(rows, filters)


def tally_facets(rows, filters):
    """Rows of (facet values…, count) → {facet: [(value, count)]}, each facet counted with the
    other facets' filters applied (so a reader sees what each choice would leave)."""
    counts = {}
    for index, facet in enumerate(FACETS):
        others = [(i, f) for i, f in enumerate(FACETS) if f != facet]
        tally = {}
        for row in rows:
            if all(
                getattr(filters, f) in ("", None) or str(row[i]) == str(getattr(filters, f))
                for i, f in others
            ):
                value = row[index]
                if value not in ("", None):
                    tally[value] = tally.get(value, 0) + row[-1]
        counts[facet] = sorted(tally.items(), key=lambda item: (-item[1], str(item[0])))
    return counts


def run(query, filters, *, order, offset, limit, with_facets):
    """Search with the cluster when one is configured, else (or when it fails) the database:
    (ids, total, order used, facets, notice, how the total is known: "" exact, "about" an
    estimate, "over" a lower bound)."""
    from . import elastic

    if elastic.configured():
        engine = elastic.ElasticsearchEngine()
        try:
            ids, total, used = engine.search(
                query, filters, order=order, offset=offset, limit=limit
            )
            facets = engine.facets(query, filters) if with_facets else {}
            return ids, total, used, facets, "", ""
        except elastic.Unavailable as error:
            elastic.logger.warning("Search falls back to the database: %s", error)
            notice = "全文检索服务暂时不可用，本次结果由数据库检索提供。"
    else:
        notice = ""
    engine = Engine()
    ids, total, used = engine.search(query, filters, order=order, offset=offset, limit=limit)
    facets = engine.facets(query, filters) if with_facets else {}
    return ids, total, used, facets, notice, engine.approximate


def documents(ids):
    by_id = SearchDocument.objects.select_related("site").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]
