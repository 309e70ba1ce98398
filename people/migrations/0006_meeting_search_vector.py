"""Meeting.search_vector declared on the model (a GeneratedField, people/textsearch.py).

On PostgreSQL databases migrated before this, articles/0004 created the same column with raw SQL:
it is kept, only the model state learns about it. Elsewhere the column is added from the model's
field. Depends on articles/0002 for the ``vn_unaccent`` text search configuration (a migration
dependency, not an import: people still imports nothing from articles).
"""

import people.textsearch
from django.db import migrations, models

from people.textsearch import add_generated_column, drop_generated_column


def forward(apps, schema_editor):
    add_generated_column(apps, schema_editor, "people", "Meeting", "search_vector", gin_index="meeting_search_vector_gin")


def backward(apps, schema_editor):
    drop_generated_column(apps, schema_editor, "people", "Meeting", "search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_review_locks_history"),
        ("articles", "0002_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="meeting",
                    name="search_vector",
                    field=models.GeneratedField(
                        db_persist=True,
                        editable=False,
                        expression=people.textsearch.SearchDocument(models.F("title"), limits=None),
                        output_field=people.textsearch.SearchDocumentField(),
                    ),
                ),
            ],
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
