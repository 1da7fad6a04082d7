"""Planner statistics (core.db.refresh_statistics): SQLite gets a row for every empty table,
so that it does not assume a million rows and join the archive to it; PostgreSQL is analysed."""

import pytest
from django.db import connection

from core.db import _SQLITE_EMPTY_TABLES, refresh_statistics


def _plan(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " / ".join(row[-1] for row in cursor.fetchall())


RESTRICTIONS_JOIN = (
    "SELECT r.id FROM wagtailcore_pageviewrestriction r "
    "INNER JOIN wagtailcore_page p ON r.page_id = p.id"
)


def _scale_page_statistics(rows):
    """The statistics an archive of ``rows`` pages would give (building one takes minutes)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
        for idx, stat in cursor.fetchall():
            scaled = " ".join([str(rows)] + stat.split()[1:])
            cursor.execute(
                "UPDATE sqlite_stat1 SET stat = %s WHERE tbl = 'wagtailcore_page' AND idx = %s",
                [scaled, idx],
            )
        cursor.execute("ANALYZE sqlite_schema")  # makes SQLite read the statistics again


@pytest.mark.django_db(transaction=True)
def test_sqlite_reads_the_empty_restriction_table_first():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner statistics; PostgreSQL is covered below")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what the importer did before: empty tables get no row
    _scale_page_statistics(100_000)
    assert _plan(RESTRICTIONS_JOIN).startswith("SCAN p")
    refresh_statistics()
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_EMPTY_TABLES)
        assert cursor.fetchall() == []  # every table has statistics now
    _scale_page_statistics(100_000)
    assert _plan(RESTRICTIONS_JOIN).startswith("SCAN r"), _plan(RESTRICTIONS_JOIN)


@pytest.mark.django_db(transaction=True)
def test_postgresql_tables_are_analysed():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics")
    refresh_statistics()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
            ["wagtailcore_page"],
        )
        assert cursor.fetchone() == (True,)
