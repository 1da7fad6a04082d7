"""Planner statistics, refreshed after bulk loads and daily.

Without them the planners guess, and guess badly once an archive is loaded: PostgreSQL took
0.9 s for a home page whose subtree it estimated at 501 rows instead of 100,007, and SQLite
joined every page to the (empty) view-restriction table, 13 ms per Wagtail ``.public()``.
SQLite's ANALYZE writes no statistics for an empty table, and then assumes it holds a million
rows; the row added here says "about one", as SQLite's documentation allows
(https://www.sqlite.org/optoverview.html#manual_control_of_query_plans_using_sqlite_stat_tables)."""

from django.db import connection as default_connection

_SQLITE_EMPTY_TABLES = """
    SELECT name FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
      AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
      AND name NOT IN (SELECT tbl FROM sqlite_stat1)
"""


def refresh_statistics(connection=None):
    """ANALYZE the whole database (seconds at 100,000 pages)."""
    connection = connection or default_connection
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute(_SQLITE_EMPTY_TABLES)
            empty = [name for (name,) in cursor.fetchall()]
            cursor.executemany(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, NULL, '1')",
                [(name,) for name in empty],
            )
            cursor.execute("ANALYZE sqlite_schema")  # reload the statistics now
