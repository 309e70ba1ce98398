"""Indexes for search at archive scale (PostgreSQL only; nothing on SQLite). See docs/BENCHMARKS.md.

- (``people_meeting.search_vector``, the title's tsvector, was added here with raw SQL; it is now
  declared on the model, Meeting.search_vector, and added by people/0005, which keeps the column
  of databases migrated before.)
- ``participation_unresolved_name_trgm``: a partial trigram index on the folded name of
  participations whose person is not known yet (person_id IS NULL): those are matched by name as
  written; resolved ones are matched through people_person.search_key (0002's trigram index).
- ``mention_person_article``: (person_id, article_id) for the person page's article list.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE INDEX IF NOT EXISTS participation_unresolved_name_trgm ON people_participation
    USING gin (lower(unaccent_immutable(name_as_written)) gin_trgm_ops) WHERE person_id IS NULL
    """,
    "CREATE INDEX IF NOT EXISTS mention_person_article ON articles_mention (person_id, article_id)",
    "ANALYZE people_meeting",
]

BACKWARD = [
    "DROP INDEX IF EXISTS mention_person_article",
    "DROP INDEX IF EXISTS participation_unresolved_name_trgm",
    "DROP INDEX IF EXISTS meeting_search_vector_gin",
    "ALTER TABLE people_meeting DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_permissions"),
        ("people", "0002_permissions"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
