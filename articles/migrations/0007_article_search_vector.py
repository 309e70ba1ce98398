"""Article.search_vector declared on the model (a GeneratedField, people/textsearch.py), and word
indexes on names for search.

On PostgreSQL databases migrated before this, 0002 created the same column with raw SQL (same
expression): it is kept as it is, and only the model state learns about it, so an archive of a
million articles is not rewritten. Elsewhere (a new database, SQLite) the column is added from the
model's field. The GIN index is PostgreSQL-only (Django's GinIndex cannot be declared for SQLite).

Names are matched word by word (articles/search/text.py, HasWords): GIN indexes on the tsvector of
persons' and aliases' folded names ('simple') and of unresolved participants' names as written
('vn_unaccent'). The trigram indexes of 0002/0004 stay for "did you mean" similarity, but they
cannot serve a word of two letters ("Lê", "Vũ"). And ``article_id_cover`` (id) INCLUDE (status,
source_id, published_at), so that a meeting's outlets are read from the index alone.
"""

import people.textsearch
from django.db import migrations, models

from people.textsearch import add_generated_column, drop_generated_column


NAME_INDEXES = [
    # A meeting's outlets (filter and facet) reach its articles by id for status and outlet:
    # index-only with these columns included, instead of a fetch of the article row (body and all).
    "CREATE INDEX IF NOT EXISTS article_id_cover ON articles_article (id) INCLUDE (status, source_id, published_at)",
    "CREATE INDEX IF NOT EXISTS person_search_key_words ON people_person USING gin (to_tsvector('simple'::regconfig, coalesce(search_key, '')))",
    "CREATE INDEX IF NOT EXISTS personalias_search_key_words ON people_personalias USING gin (to_tsvector('simple'::regconfig, coalesce(search_key, '')))",
    """CREATE INDEX IF NOT EXISTS participation_unresolved_name_words ON people_participation
       USING gin (to_tsvector('vn_unaccent'::regconfig, coalesce(name_as_written, ''))) WHERE person_id IS NULL""",
]


def forward(apps, schema_editor):
    add_generated_column(apps, schema_editor, "articles", "Article", "search_vector", gin_index="article_search_vector_gin")
    if schema_editor.connection.vendor == "postgresql":
        for sql in NAME_INDEXES:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in ("participation_unresolved_name_words", "personalias_search_key_words", "person_search_key_words",
                     "article_id_cover"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    drop_generated_column(apps, schema_editor, "articles", "Article", "search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_review_locks_history"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="search_vector",
                    field=models.GeneratedField(
                        db_persist=True,
                        editable=False,
                        expression=people.textsearch.SearchDocument(
                            models.F("headline"), models.F("body"), limits=(None, 200000)
                        ),
                        output_field=people.textsearch.SearchDocumentField(),
                    ),
                ),
            ],
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
