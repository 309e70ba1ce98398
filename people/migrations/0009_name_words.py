"""Person.name_words and PersonAlias.name_words: the folded name's words as a generated search
column (people/textsearch.py), GIN-indexed on PostgreSQL. Search matched names against a GIN
expression index (articles/0007) and recomputed the words of every candidate row for each word
typed; the stored column is read instead, and the expression indexes are dropped."""

import people.textsearch
from django.db import migrations, models

from people.textsearch import add_generated_column, drop_generated_column

OLD_INDEXES = {
    "person": ("person_search_key_words", "people_person"),
    "personalias": ("personalias_search_key_words", "people_personalias"),
}


def forward(apps, schema_editor):
    for model_name, gin_index in (("Person", "person_name_words_gin"), ("PersonAlias", "personalias_name_words_gin")):
        add_generated_column(apps, schema_editor, "people", model_name, "name_words", gin_index=gin_index)
    if schema_editor.connection.vendor == "postgresql":
        for index, _table in OLD_INDEXES.values():
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index, table in OLD_INDEXES.values():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (to_tsvector('simple'::regconfig, coalesce(search_key, '')))"
            )
    for model_name in ("Person", "PersonAlias"):
        drop_generated_column(apps, schema_editor, "people", model_name, "name_words")


def _name_words():
    return models.GeneratedField(
        db_persist=True,
        editable=False,
        expression=people.textsearch.SearchDocument(models.F("search_key"), limits=None),
        output_field=people.textsearch.SearchDocumentField(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_post_evidence_meeting"),
        ("articles", "0007_article_search_vector"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name="person", name="name_words", field=_name_words()),
                migrations.AddField(model_name="personalias", name="name_words", field=_name_words()),
            ],
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
