"""The (depth, path) index of the page tree, widened by ``latest_revision_created_at`` and
``id``; an index of the locked pages.

Wagtail's page explorer lists a section's children newest edit first (its default ordering).
A prefecture's news section holds 40,000 children; with (depth, path) alone the database
reads every child's row for its date before sorting (43 ms on SQLite at 100,000 pages), with
the date (and, for PostgreSQL, the id) in the index it sorts from the index alone (4 ms on
SQLite; on PostgreSQL an index-only scan instead of a sequential one). The wider index serves
every query the old one served (menus, children as one range of it), so it replaces it.

And the dashboard's "pages locked by you" (``locked AND locked_by_id = ?``): SQLite's ANALYZE
sees one value in ``locked_by_id`` (NULL on every page but the few locked), takes the index
for useless and reads the whole page table (60 ms); an index of the locked pages alone is
read instead."""

from django.db import migrations

OLD = "cppcc_page_depth_path"
NEW = "cppcc_page_children_by_date"
LOCKED = "cppcc_page_locked_by"


class Migration(migrations.Migration):
    dependencies = [("core", "0003_page_depth_path_index")]

    operations = [
        migrations.RunSQL(
            [
                f"CREATE INDEX IF NOT EXISTS {NEW} "
                "ON wagtailcore_page (depth, path, latest_revision_created_at, id)",
                f"DROP INDEX IF EXISTS {OLD}",
                f"CREATE INDEX IF NOT EXISTS {LOCKED} ON wagtailcore_page (locked_by_id) "
                "WHERE locked",
            ],
            [
                f"DROP INDEX IF EXISTS {LOCKED}",
                f"CREATE INDEX IF NOT EXISTS {OLD} ON wagtailcore_page (depth, path)",
                f"DROP INDEX IF EXISTS {NEW}",
            ],
        )
    ]
