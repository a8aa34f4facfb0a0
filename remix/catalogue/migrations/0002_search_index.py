"""The full-text index beside `catalogue_searchentry`, one per database.

SQLite: an FTS5 table with external content (the entries' own rows), tokenizer `unicode61
remove_diacritics 2`, kept by triggers after insert, update and delete.

PostgreSQL: the `unaccent` extension, a text search configuration `remix_search` (the `simple`
parser and dictionary after `unaccent`: no stemming, like FTS5), a `search_vector` column kept by
a trigger (title weighs A, body B) and a GIN index on it.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalogue_search_fts USING fts5(title, body,"
    " content='catalogue_searchentry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER catalogue_search_ai AFTER INSERT ON catalogue_searchentry BEGIN"
    " INSERT INTO catalogue_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);"
    " END",
    "CREATE TRIGGER catalogue_search_ad AFTER DELETE ON catalogue_searchentry BEGIN"
    " INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER catalogue_search_au AFTER UPDATE ON catalogue_searchentry BEGIN"
    " INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO catalogue_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);"
    " END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER catalogue_search_au",
    "DROP TRIGGER catalogue_search_ad",
    "DROP TRIGGER catalogue_search_ai",
    "DROP TABLE catalogue_search_fts",
]

POSTGRES_FORWARD = [
    "CREATE TEXT SEARCH CONFIGURATION remix_search (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION remix_search"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "ALTER TABLE catalogue_searchentry ADD COLUMN search_vector tsvector",
    """CREATE FUNCTION catalogue_searchentry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('remix_search', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('remix_search', coalesce(NEW.body, '')), 'B');
  RETURN NEW;
END $$""",
    "CREATE TRIGGER catalogue_searchentry_vector BEFORE INSERT OR UPDATE OF title, body"
    " ON catalogue_searchentry FOR EACH ROW EXECUTE FUNCTION catalogue_searchentry_vector()",
    "CREATE INDEX catalogue_searchentry_vector_gin ON catalogue_searchentry"
    " USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX catalogue_searchentry_vector_gin",
    "DROP TRIGGER catalogue_searchentry_vector ON catalogue_searchentry",
    "DROP FUNCTION catalogue_searchentry_vector()",
    "ALTER TABLE catalogue_searchentry DROP COLUMN search_vector",
    "DROP TEXT SEARCH CONFIGURATION remix_search",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        # A no-op on SQLite: the operation checks the database itself.
        UnaccentExtension(),
        migrations.RunPython(forward, backward),
    ]
