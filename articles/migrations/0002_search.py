"""Full-text search on PostgreSQL; nothing on SQLite (people/textsearch.py registers functions there).

- ``vn_unaccent``: a text search configuration that lowercases and removes diacritics (đ → d)
  from every word, so "dinh tien dung" and "Đinh Tiến Dũng" give the same lexemes. Vietnamese
  words are single syllables: no stemming, no stop words (COPY = simple).
- ``unaccent_immutable()``: unaccent() usable in index expressions.
- Trigram (gin_trgm_ops) indexes on the folded person names, for "did you mean" suggestions
  and for substring matching of names, and on meeting titles.

This migration used to add ``articles_article.search_vector`` with raw SQL as well; the column is
now declared on the model (Article.search_vector, a GeneratedField) and added by 0006, which
keeps the column of databases migrated before.
"""

from django.db import migrations

FORWARD = [
    "CREATE TEXT SEARCH CONFIGURATION vn_unaccent (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION vn_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "CREATE INDEX person_search_key_trgm ON people_person USING gin (search_key gin_trgm_ops)",
    "CREATE INDEX personalias_search_key_trgm ON people_personalias USING gin (search_key gin_trgm_ops)",
    "CREATE INDEX meeting_title_trgm ON people_meeting USING gin (lower(unaccent_immutable(title)) gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS meeting_title_trgm",
    "DROP INDEX IF EXISTS personalias_search_key_trgm",
    "DROP INDEX IF EXISTS person_search_key_trgm",
    "DROP INDEX IF EXISTS article_search_vector_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS unaccent_immutable(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vn_unaccent",
]

# unaccent() is only STABLE (it reads its dictionary by name), so it cannot be used in an index
# expression; this wrapper pins the dictionary and is declared IMMUTABLE, the usual recipe.
UNACCENT_IMMUTABLE = """
CREATE OR REPLACE FUNCTION unaccent_immutable(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(UNACCENT_IMMUTABLE)
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
