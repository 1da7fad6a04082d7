"""Running a parsed query against the database's own full-text index of SearchDocument.tokens:
SQLite FTS5 (``MATCH … ORDER BY rank``) or PostgreSQL (a stored tsvector with a GIN index).
The tokens are letters, digits and Chinese characters only (search.text), so the query strings
built here cannot carry engine syntax."""

from dataclasses import dataclass

from django.db import connection

from .models import SearchDocument

FACETS = ("site_id", "kind", "meeting_type", "platform_level", "year")


@dataclass
class Filters:
    scope: list  # ids of the sites searched (a county's own, or a prefecture and its counties)
    site_id: int | None = None  # one committee within the scope
    kind: str = ""
    meeting_type: str = ""
    platform_level: str = ""
    year: int | None = None
    excluded_methods: tuple = ()  # ((site_id, method_key), …) of plugins switched off

    def sql(self, alias="d"):
        clauses, params = [], []
        placeholders = ", ".join(["%s"] * len(self.scope)) or "NULL"
        clauses.append(f"{alias}.site_id IN ({placeholders})")
        params += list(self.scope)
        for name in FACETS:
            value = getattr(self, name)
            if value not in ("", None):
                clauses.append(f"{alias}.{name} = %s")
                params.append(value)
        for site_id, key in self.excluded_methods:
            clauses.append(f"NOT ({alias}.site_id = %s AND {alias}.method_key = %s)")
            params += [site_id, key]
        return " AND ".join(clauses), params

    def without(self, name):
        values = {field: getattr(self, field) for field in self.__dataclass_fields__}
        values[name] = None if name in ("site_id", "year") else ""
        return Filters(**values)


def _fts5(query):
    return " AND ".join(
        "(" + " OR ".join("(" + " AND ".join(f'"{t}"' for t in alt) + ")" for alt in term) + ")"
        for term in query.terms
    )


def _tsquery(query):
    return " & ".join(
        "(" + " | ".join("(" + " & ".join(alt) + ")" for alt in term) + ")" for term in query.terms
    )


class Engine:
    def __init__(self):
        self.vendor = connection.vendor

    def _match(self):
        if self.vendor == "sqlite":
            return (
                "FROM cppcc_search_fts f JOIN cppcc_search_searchdocument d ON d.id = f.rowid "
                "WHERE cppcc_search_fts MATCH %s"
            )
        return "FROM cppcc_search_searchdocument d, to_tsquery('simple', %s) q WHERE d.tsv @@ q"

    def _query_string(self, query):
        return _fts5(query) if self.vendor == "sqlite" else _tsquery(query)

    def search(self, query, filters, *, order="relevance", offset=0, limit=20):
        """(ids of one page of results in order, total)."""
        where, params = filters.sql()
        base = f"{self._match()} AND {where}"
        args = [self._query_string(query), *params]
        if order == "date":
            order_by = "d.date DESC NULLS LAST, d.id DESC"
        elif self.vendor == "sqlite":
            order_by = "f.rank, d.date DESC"
        else:
            order_by = "ts_rank(d.tsv, q) DESC, d.date DESC NULLS LAST"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {base}", args)
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT d.id {base} ORDER BY {order_by} LIMIT %s OFFSET %s",
                [*args, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return ids, total

    def facets(self, query, filters):
        """{facet: [(value, count)]}, each counted with the other filters applied."""
        counts = {}
        with connection.cursor() as cursor:
            for facet in FACETS:
                where, params = filters.without(facet).sql()
                cursor.execute(
                    f"SELECT d.{facet}, count(*) {self._match()} AND {where} "
                    f"GROUP BY d.{facet} ORDER BY count(*) DESC",
                    [self._query_string(query), *params],
                )
                counts[facet] = [(v, n) for v, n in cursor.fetchall() if v not in ("", None)]
        return counts


def documents(ids):
    by_id = SearchDocument.objects.select_related("site").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]
