"""The library's full-text index (library/search.py), on each engine its own way.

SQLite: an FTS5 table (accents and case folded by unicode61, English stemming by porter).
PostgreSQL: the unaccent extension, a table of tsvectors and its GIN index. The index holds
only what ``search.index_file`` writes; ``search.rebuild()`` makes it again from the texts.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE library_search USING fts5(symbol, title, body, "
    "file_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_BACK = ["DROP TABLE IF EXISTS library_search"]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TABLE library_search (file_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    "CREATE INDEX library_search_vector ON library_search USING GIN (vector)",
]
POSTGRESQL_BACK = ["DROP TABLE IF EXISTS library_search"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_documents")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
                             _run({"sqlite": SQLITE_BACK, "postgresql": POSTGRESQL_BACK})),
    ]
