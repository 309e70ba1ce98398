"""Indexes for the person page at archive scale (PostgreSQL only; nothing on SQLite). See docs/BENCHMARKS.md.

- ``article_published_desc``: (published_at DESC NULLS LAST, id DESC), the order of every article
  list (person page, search "newest"). The plain published_at index cannot serve DESC NULLS LAST,
  so "newest 100 articles mentioning X" sorted every published article; with it the planner can
  walk articles newest first and probe mention_person_article (cheap for a busy official).
- ``meeting_date_desc``: (date DESC NULLS LAST, id DESC), the same for meeting lists.
- ``participation_person_cover`` (person_id) INCLUDE (role, meeting_id) and ``meeting_id_cover``
  (id) INCLUDE (status, date): the page's totals and monthly chart (GROUP BY month, role over all
  of a person's participations) become index-only scans instead of a bitmap heap scan of every
  participation row (at 200k: 76 000 rows, ~0.3 s) joined to a seq scan of the meetings.
Both INCLUDE status, so the walk is index-only. The models do not declare them (like 0004's indexes): raw SQL, no model state.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS article_published_desc ON articles_article (published_at DESC NULLS LAST, id DESC) INCLUDE (status)",
    "CREATE INDEX IF NOT EXISTS meeting_date_desc ON people_meeting (date DESC NULLS LAST, id DESC) INCLUDE (status)",
    "CREATE INDEX IF NOT EXISTS participation_person_cover ON people_participation (person_id) INCLUDE (role, meeting_id)",
    "CREATE INDEX IF NOT EXISTS meeting_id_cover ON people_meeting (id) INCLUDE (status, date)",
    "ANALYZE articles_article",
    "ANALYZE people_meeting",
]

BACKWARD = [
    "DROP INDEX IF EXISTS meeting_id_cover",
    "DROP INDEX IF EXISTS participation_person_cover",
    "DROP INDEX IF EXISTS meeting_date_desc",
    "DROP INDEX IF EXISTS article_published_desc",
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
        ("articles", "0004_meeting_search"),
        ("people", "0002_permissions"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
