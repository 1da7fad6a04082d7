"""PostgreSQL: the text's tokens weigh B (0.4) against the title's A (1.0), as the SQLite index
weighs titles 3 : 1 — a title match ranks first without burying the reports that discuss a
word throughout."""

from django.db import migrations

POSTGRESQL = [
    "DROP INDEX IF EXISTS cppcc_search_tsv",
    "ALTER TABLE cppcc_search_searchdocument DROP COLUMN IF EXISTS tsv",
    """ALTER TABLE cppcc_search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_tokens), 'A')
        || setweight(to_tsvector('simple', tokens), 'B')
        || setweight(to_tsvector('simple', facet_tokens), 'D')
    ) STORED""",
    "CREATE INDEX cppcc_search_tsv ON cppcc_search_searchdocument USING GIN (tsv)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cppcc_search", "0004_fulltext_index_with_titles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
