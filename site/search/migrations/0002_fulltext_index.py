"""Each database's own full-text index over SearchDocument.tokens (see search.engine)."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE cppcc_search_fts USING fts5(
        tokens, content='cppcc_search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER cppcc_search_fts_ai AFTER INSERT ON cppcc_search_searchdocument BEGIN
        INSERT INTO cppcc_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
    """CREATE TRIGGER cppcc_search_fts_ad AFTER DELETE ON cppcc_search_searchdocument BEGIN
        INSERT INTO cppcc_search_fts(cppcc_search_fts, rowid, tokens)
        VALUES ('delete', old.id, old.tokens); END""",
    """CREATE TRIGGER cppcc_search_fts_au AFTER UPDATE OF tokens ON cppcc_search_searchdocument
    BEGIN
        INSERT INTO cppcc_search_fts(cppcc_search_fts, rowid, tokens)
        VALUES ('delete', old.id, old.tokens);
        INSERT INTO cppcc_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cppcc_search_fts_au",
    "DROP TRIGGER IF EXISTS cppcc_search_fts_ad",
    "DROP TRIGGER IF EXISTS cppcc_search_fts_ai",
    "DROP TABLE IF EXISTS cppcc_search_fts",
]
POSTGRESQL = [
    """ALTER TABLE cppcc_search_searchdocument ADD COLUMN tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED""",
    "CREATE INDEX cppcc_search_tsv ON cppcc_search_searchdocument USING GIN (tsv)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS cppcc_search_tsv",
    "ALTER TABLE cppcc_search_searchdocument DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cppcc_search", "0001_vocabulary_and_documents")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
