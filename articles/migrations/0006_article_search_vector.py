"""Article.search_vector declared on the model (a GeneratedField, people/textsearch.py).

On PostgreSQL databases migrated before this, 0002 created the same column with raw SQL (same
expression): it is kept as it is, and only the model state learns about it, so an archive of a
million articles is not rewritten. Elsewhere (a new database, SQLite) the column is added from the
model's field. The GIN index is PostgreSQL-only (Django's GinIndex cannot be declared for SQLite).
"""

import people.textsearch
from django.db import migrations, models

from people.textsearch import add_generated_column, drop_generated_column


def forward(apps, schema_editor):
    add_generated_column(apps, schema_editor, "articles", "Article", "search_vector", gin_index="article_search_vector_gin")


def backward(apps, schema_editor):
    drop_generated_column(apps, schema_editor, "articles", "Article", "search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_person_page_indexes"),
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
