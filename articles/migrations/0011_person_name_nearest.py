"""A GiST trigram index on persons' folded names (PostgreSQL): "did you mean" asks for the names
nearest a query (ORDER BY search_key <-> query LIMIT n), which GiST answers by walking the index;
the GIN trigram index of 0002 can only list every similar name, then sort them all."""

from django.db import migrations

INDEX = "person_search_key_trgm_gist"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gist (search_key gist_trgm_ops)")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_article_removed_names"), ("people", "0009_name_words")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
