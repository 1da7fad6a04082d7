"""The full-text index covers titles apart from the text, so that a title match ranks higher
(FTS5 bm25 column weights; PostgreSQL tsvector weight A), and the facet tokens, so that
filters and counts are answered by the index alone. (detail=column was measured: 17 % smaller,
but ranking rare words took 20–40 times longer.)"""

from django.db import migrations



def run_for_vendor(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


SQLITE = [
    "DROP TRIGGER IF EXISTS cppcc_search_fts_au",
    "DROP TRIGGER IF EXISTS cppcc_search_fts_ad",
    "DROP TRIGGER IF EXISTS cppcc_search_fts_ai",
    "DROP TABLE IF EXISTS cppcc_search_fts",
    """CREATE VIRTUAL TABLE cppcc_search_fts USING fts5(
        title_tokens, tokens, facet_tokens, content='cppcc_search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER cppcc_search_fts_ai AFTER INSERT ON cppcc_search_searchdocument BEGIN
        INSERT INTO cppcc_search_fts(rowid, title_tokens, tokens, facet_tokens)
        VALUES (new.id, new.title_tokens, new.tokens, new.facet_tokens); END""",
    """CREATE TRIGGER cppcc_search_fts_ad AFTER DELETE ON cppcc_search_searchdocument BEGIN
        INSERT INTO cppcc_search_fts(cppcc_search_fts, rowid, title_tokens, tokens, facet_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.tokens, old.facet_tokens); END""",
    """CREATE TRIGGER cppcc_search_fts_au AFTER UPDATE ON cppcc_search_searchdocument BEGIN
        INSERT INTO cppcc_search_fts(cppcc_search_fts, rowid, title_tokens, tokens, facet_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.tokens, old.facet_tokens);
        INSERT INTO cppcc_search_fts(rowid, title_tokens, tokens, facet_tokens)
        VALUES (new.id, new.title_tokens, new.tokens, new.facet_tokens); END""",
    "INSERT INTO cppcc_search_fts(cppcc_search_fts) VALUES ('rebuild')",
]
POSTGRESQL = [
    "DROP INDEX IF EXISTS cppcc_search_tsv",
    "ALTER TABLE cppcc_search_searchdocument DROP COLUMN IF EXISTS tsv",
    """ALTER TABLE cppcc_search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_tokens), 'A') || to_tsvector('simple', tokens)
        || setweight(to_tsvector('simple', facet_tokens), 'D')
    ) STORED""",
    "CREATE INDEX cppcc_search_tsv ON cppcc_search_searchdocument USING GIN (tsv)",
]


class Migration(migrations.Migration):
    dependencies = [("cppcc_search", "0003_title_and_facet_tokens")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE, "postgresql": POSTGRESQL}), migrations.RunPython.noop
        )
    ]
