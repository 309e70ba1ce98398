"""The real seed articles through the whole ingestion, compared with a careful reader's gold file.

The seeds are read at test time from ../shared/seeds (the ``seeds_dir`` fixture skips without
them); no seed text is kept in this repository.
"""

import datetime as dt
import json

import pytest

from articles import batches, ingestion, reextraction
from articles.models import Article, Mention, Original
from people import locks
from people.models import CHAIR_ROLES, Meeting, Participation, Person
from people.names import name_key

pytestmark = pytest.mark.django_db


def keys(names):
    return {name_key(n) for n in names}


@pytest.fixture
def gold(seeds_dir):
    return [json.loads(line) for line in (seeds_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def ingested(seeds_dir, gold):
    items = [ingestion.UploadItem.from_bytes(g["file"], (seeds_dir / g["file"]).read_bytes()) for g in gold]
    results = {r.filename: r for r in batches.ingest_batch(items)}
    assert {r.status for r in results.values()} == {ingestion.CREATED}, [r.message for r in results.values()]
    return {name: r.article for name, r in results.items()}


def test_every_seed_yields_its_headline_people_meeting_and_chairs(gold, ingested):
    for g in gold:
        article = Article.objects.get(pk=ingested[g["file"]].pk)
        label = g["file"]
        if g["title"]:
            assert name_key(article.headline or "") == name_key(g["title"]), label
        else:
            assert article.headline is None, label
        if g["published"]:
            assert article.published_at.date() == dt.date.fromisoformat(g["published"]), label

        linked = set(article.mentions.filter(person__isnull=False).values_list("person__name_key", flat=True))
        assert linked == keys(o["name"] for o in g["officials"]), label
        assert not linked & keys(g["not_officials"]), f"{label}: boilerplate person linked"

        meeting = article.meetings.get()
        assert meeting.kind == Meeting.kind_from_text(g["event_type"]), label
        expected_date = dt.date.fromisoformat(g["event_date"]) if g["event_date"] else None
        assert meeting.date == expected_date, label
        chairs = set(meeting.participations.filter(role__in=CHAIR_ROLES).values_list("person__name_key", flat=True))
        assert chairs == keys(g["chairs"]), label


def test_persons_are_shared_across_seeds_and_no_boilerplate_person_exists(gold, ingested):
    all_officials = keys(o["name"] for g in gold for o in g["officials"])
    assert set(Person.objects.values_list("name_key", flat=True)) == all_officials
    dung = Person.objects.get(name_key=name_key("Đinh Tiến Dũng"))
    appearances = {g["file"] for g in gold if name_key("Đinh Tiến Dũng") in keys(o["name"] for o in g["officials"])}
    assert set(Mention.objects.filter(person=dung).values_list("article__original__filename", flat=True)) == appearances
    assert Participation.objects.filter(person=dung, role__in=CHAIR_ROLES).count() == 2


def test_a_second_ingest_of_the_seeds_creates_nothing(seeds_dir, gold, ingested):
    counts = [m.objects.count() for m in (Original, Article, Mention, Meeting, Participation, Person)]
    items = [
        ingestion.UploadItem.from_bytes(g["file"], (seeds_dir / g["file"]).read_bytes()) for g in gold
    ]
    results = list(batches.ingest_batch(items))
    assert {r.status for r in results} == {ingestion.DUPLICATE}
    assert [m.objects.count() for m in (Original, Article, Mention, Meeting, Participation, Person)] == counts


def test_reextracting_a_seed_after_a_manual_edit_keeps_the_edit(gold, ingested):
    g = next(g for g in gold if g["chairs"] and g["event_date"])
    article = ingested[g["file"]]
    article.headline = "Tiêu đề biên tập viên đặt"
    locks.record_staff_edits(obj=article, changed_fields=["headline"])
    article.save()
    meeting = article.meetings.get()
    meeting.date = dt.date(2000, 1, 1)
    locks.record_staff_edits(obj=meeting, changed_fields=["date"])
    meeting.save()

    report = reextraction.reextract(article=article)

    article.refresh_from_db()
    meeting.refresh_from_db()
    assert not report.error
    assert article.headline == "Tiêu đề biên tập viên đặt"
    assert meeting.date == dt.date(2000, 1, 1)
    chairs = set(meeting.participations.filter(role__in=CHAIR_ROLES).values_list("person__name_key", flat=True))
    assert chairs == keys(g["chairs"])  # recomputed, still right
    assert not report.added and not report.changed  # the same extractor finds the same facts
