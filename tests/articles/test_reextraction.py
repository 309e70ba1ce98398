"""Re-extraction proposes, never overrides: staff corrections stick, no duplicate participation,
and the report says what was added, changed and kept because locked."""

import dataclasses
import datetime as dt

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import extraction as engine
from articles import ingestion, reextraction, services
from articles.models import Article, Mention
from people import locks
from people import review as people_review
from people.models import Meeting, Participation, Person, PersonActivity, Role
from people.services import merge_persons

pytestmark = pytest.mark.django_db

TEXT = """Tỉnh ủy Hòa An họp bàn công tác cán bộ

Sáng 12/5/2024, đồng chí Trần Quốc Bảo, Bí thư Tỉnh ủy chủ trì hội nghị Ban Thường vụ Tỉnh ủy. Dự hội nghị có \
đồng chí Lê Thị Thu Hằng, Phó Chủ tịch UBND tỉnh và đồng chí Võ Thị Ngọc Lan, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh.

Theo báo cáo của đồng chí Đặng Văn Toàn, Giám đốc Sở Tài chính, thu ngân sách quý I đạt 30% dự toán.
"""


def ingest(text=TEXT, name="hop-ban.txt"):
    return ingestion.ingest_file(data=text.encode(), filename=name).article


def person(name):
    return Person.objects.get(full_name=name)


def participation(meeting, name):
    return meeting.participations.get(person__full_name=name)


def no_duplicates():
    pairs = list(Participation.objects.filter(person__isnull=False).values_list("meeting_id", "person_id"))
    return len(pairs) == len(set(pairs))


def test_a_corrected_role_survives_reextraction_and_the_person_is_at_the_meeting_once(client):
    """The issue's first hole: role Tham dự → Phát biểu, publish, Re-extract."""
    article = ingest()
    meeting = article.meetings.get()
    lan = participation(meeting, "Võ Thị Ngọc Lan")
    assert lan.role == Role.ATTENDEE
    people_review.edit_facts(obj=lan, changes={"role": Role.SPEAKER})
    services.publish_articles(articles=[article])

    report = reextraction.reextract(article=article)

    assert list(meeting.participations.filter(person=person("Võ Thị Ngọc Lan")).values_list("role", flat=True)) == [
        Role.SPEAKER
    ]
    assert [p.key for p in report.kept] == [f"participation.{lan.pk}.role"]
    assert "giữ bản sửa tay" in str(report) and "Phát biểu" in str(report)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count("Võ Thị Ngọc Lan") == 1 + page.count("Võ Thị Ngọc Lan, Chủ tịch")  # once as a participant
    activity = PersonActivity.objects.get(person=person("Võ Thị Ngọc Lan"))
    assert (activity.chaired, activity.attended) == (0, 1)  # one meeting, not two


def test_an_unchanged_extractor_changes_nothing_and_says_so():
    article = ingest()
    report = reextraction.reextract(article=article)
    assert report.proposals == [] and "không có gì thay đổi" in str(report)


def fake_extractor(monkeypatch, change):
    """The extractor of a new version: what it finds is ``change(extraction)``."""
    real = engine.extract_upload

    def extract(data, filename="", published=None):
        return change(real(data, filename=filename, published=published))

    monkeypatch.setattr(engine, "extract_upload", extract)
    monkeypatch.setattr(engine, "EXTRACTOR_VERSION", "9999.1")


def everything_different(extraction):
    """A new version that reads every fact differently."""
    event = extraction.events[0]
    participants = [
        dataclasses.replace(p, role=Role.CO_CHAIR if p.role == Role.ATTENDEE else Role.ATTENDEE, titles=["Chức danh khác"])
        for p in event.participants
    ]
    event = dataclasses.replace(
        event, participants=participants, date=dt.date(2020, 1, 1), date_text="1/1/2020", date_basis="stated",
        kind="lễ kỷ niệm",
    )
    officials = [dataclasses.replace(o, titles=["Chức danh khác"]) for o in extraction.officials]
    return dataclasses.replace(
        extraction, title="Tiêu đề khác", authors=["Người khác"], events=[event], officials=officials,
    )


def test_locked_facts_are_never_overwritten_by_a_new_extractor_version(monkeypatch):
    article = ingest()
    meeting = article.meetings.get()
    other = Person.objects.create(full_name="Trần Quốc Bảo", description="người khác")
    services.edit_article(article=article, changes={"headline": "Tiêu đề biên tập viên đặt", "byline": "Ban biên tập"})
    people_review.edit_facts(obj=meeting, changes={"date": dt.date(2024, 5, 13), "kind": Meeting.Kind.SITTING, "title": "Họp Ban Thường vụ"})
    hang = participation(meeting, "Lê Thị Thu Hằng")
    people_review.edit_facts(obj=hang, changes={"role": Role.SPEAKER, "titles_as_written": ["Phó Chủ tịch UBND tỉnh Hòa An"]})
    bao = participation(meeting, "Trần Quốc Bảo")
    people_review.edit_facts(obj=bao, changes={"person": other})
    mention = article.mentions.get(name_as_written="Võ Thị Ngọc Lan")
    mention.titles_as_written = ["Chủ tịch Ủy ban MTTQ tỉnh Hòa An"]
    locks.record_staff_edits(obj=mention, changed_fields=["titles_as_written"])
    mention.save()
    fake_extractor(monkeypatch, everything_different)

    report = reextraction.reextract(article=article)

    article.refresh_from_db()
    meeting.refresh_from_db()
    hang.refresh_from_db()
    bao.refresh_from_db()
    mention.refresh_from_db()
    assert (article.headline, article.byline) == ("Tiêu đề biên tập viên đặt", "Ban biên tập")
    assert (meeting.date, meeting.kind, meeting.title) == (dt.date(2024, 5, 13), Meeting.Kind.SITTING, "Họp Ban Thường vụ")
    assert meeting.date_basis == Meeting.DateBasis.STAFF
    assert (hang.role, hang.titles_as_written) == (Role.SPEAKER, ["Phó Chủ tịch UBND tỉnh Hòa An"])
    assert bao.person == other
    assert mention.titles_as_written == ["Chủ tịch Ủy ban MTTQ tỉnh Hòa An"]
    kept = {p.key for p in report.kept}
    assert {
        "article.headline", "article.byline", f"meeting.{meeting.pk}.date", f"meeting.{meeting.pk}.kind",
        f"participation.{hang.pk}.role", f"participation.{hang.pk}.titles_as_written", f"mention.{mention.pk}.titles",
    } <= kept
    # What nobody locked follows the new version.
    lan = participation(meeting, "Võ Thị Ngọc Lan")
    assert (lan.role, lan.titles_as_written) == (Role.CO_CHAIR, ["Chức danh khác"])
    assert article.extractor_version == "9999.1"
    assert no_duplicates()


def test_a_participant_staff_removed_is_not_added_back(monkeypatch):
    article = ingest()
    meeting = article.meetings.get()
    people_review.remove_participant(participation=participation(meeting, "Lê Thị Thu Hằng"))
    report = reextraction.reextract(article=article)
    assert not meeting.participations.filter(person__full_name="Lê Thị Thu Hằng").exists()
    (kept,) = report.kept
    assert kept.action == reextraction.ADDED and "Lê Thị Thu Hằng" in kept.what


def test_a_mention_staff_deleted_is_not_added_back_until_they_undo_it(staff_client):
    from django.urls import reverse

    from people.history import undo_change

    article = ingest()
    toan = Mention.objects.get(article=article, name_as_written="Đặng Văn Toàn")
    response = staff_client.post(reverse("admin:articles_mention_delete", args=[toan.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Mention.objects.filter(pk=toan.pk).exists()

    report = reextraction.reextract(article=article)  # a draft nobody approved: unlocked proposals apply
    assert not article.mentions.filter(name_as_written="Đặng Văn Toàn").exists()
    (kept,) = [p for p in report.kept if p.action == reextraction.ADDED]
    assert "Đặng Văn Toàn" in str(kept.after)

    undo_change(Mention.history.get(id=toan.pk, history_type="-"))  # staff put it back
    assert article.mentions.filter(name_as_written="Đặng Văn Toàn").exists()
    again = reextraction.reextract(article=article)
    assert not [p for p in again.kept if p.action == reextraction.ADDED]
    assert article.mentions.filter(name_as_written="Đặng Văn Toàn").count() == 1


def test_a_new_version_adds_what_it_finds_and_never_a_second_row_for_one_person(monkeypatch):
    article = ingest()
    meeting = article.meetings.get()
    toan = article.mentions.get(name_as_written="Đặng Văn Toàn")
    # Staff added the person the extractor missed, as chair.
    people_review.add_participant(meeting=meeting, name=toan.name_as_written, person=toan.person, role=Role.CO_CHAIR)

    def finds_toan_and_a_speaker_twice(extraction):
        event = extraction.events[0]
        more = [
            engine.Participant(name="Đặng Văn Toàn", role="attendee", titles=["Giám đốc Sở Tài chính"], sentence="x"),
            engine.Participant(name="Trần Quốc Bảo", role="speaker", titles=[], sentence="y"),  # chair and speaker
            engine.Participant(name="Ngô Thị Mới", role="attendee", titles=["Trưởng phòng"], sentence="z"),
        ]
        return dataclasses.replace(extraction, events=[dataclasses.replace(event, participants=event.participants + more)])

    fake_extractor(monkeypatch, finds_toan_and_a_speaker_twice)
    report = reextraction.reextract(article=article)
    assert no_duplicates()
    assert participation(meeting, "Đặng Văn Toàn").role == Role.CO_CHAIR  # staff's
    assert participation(meeting, "Trần Quốc Bảo").role == Role.CHAIR  # the stronger of chair and speaker
    assert participation(meeting, "Ngô Thị Mới").role == Role.ATTENDEE
    assert [p.what for p in report.added] == [f"Ngô Thị Mới (cuộc họp #{meeting.pk})"]


def test_dry_run_writes_nothing_and_accept_applies_exactly_the_chosen(monkeypatch):
    article = ingest()
    meeting = article.meetings.get()
    hang = participation(meeting, "Lê Thị Thu Hằng")
    people_review.edit_facts(obj=hang, changes={"role": Role.SPEAKER})
    fake_extractor(monkeypatch, everything_different)
    counts = (Participation.objects.count(), Mention.objects.count(), Person.objects.count())

    preview = reextraction.reextract(article=article, dry_run=True)
    article.refresh_from_db()
    assert article.headline == "Tỉnh ủy Hòa An họp bàn công tác cán bộ" and article.extractor_version != "9999.1"
    assert (Participation.objects.count(), Mention.objects.count(), Person.objects.count()) == counts
    keys = {p.key for p in preview.proposals}
    assert {"article.headline", f"participation.{hang.pk}.role"} <= keys

    # Staff accept the new headline and, on purpose, the extractor's role for a locked fact; nothing else.
    report = reextraction.reextract(article=article, accept={"article.headline", f"participation.{hang.pk}.role"})
    article.refresh_from_db()
    hang.refresh_from_db()
    assert article.headline == "Tiêu đề khác" and hang.role == Role.CO_CHAIR
    assert article.byline != "Người khác" and meeting.participations.get(pk=hang.pk).titles_as_written != ["Chức danh khác"]
    assert {p.key for p in report.proposals} == keys  # the same proposals as the preview
    assert len(report.declined) == len(keys) - 2


def test_the_reextract_command_runs_the_outdated_and_reports(monkeypatch, capsys):
    old = ingest()
    current = ingest(TEXT.replace("30%", "31%"), "khac.txt")
    Article.objects.filter(pk=old.pk).update(extractor_version="0.1")
    people_review.edit_facts(obj=participation(old.meetings.get(), "Võ Thị Ngọc Lan"), changes={"role": Role.SPEAKER})
    fake_extractor(monkeypatch, everything_different)
    Article.objects.filter(pk=current.pk).update(extractor_version="9999.1")  # already run by the new version

    call_command("reextract", "--dry-run")
    out = capsys.readouterr().out
    assert f"Bài #{old.pk}" in out and f"Bài #{current.pk}" not in out and "1 bài đã trích xuất lại (thử" in out
    assert Article.objects.get(pk=old.pk).extractor_version == "0.1"

    call_command("reextract")
    out = capsys.readouterr().out
    assert "giữ bản sửa tay" in out and "1 bài giữ bản sửa tay" in out
    assert Article.objects.get(pk=old.pk).extractor_version == "9999.1"
    assert participation(old.meetings.get(), "Võ Thị Ngọc Lan").role == Role.SPEAKER
    call_command("reextract")
    assert "0 bài đã trích xuất lại" in capsys.readouterr().out  # both current now


# --- any sequence of edit / re-extract / merge -------------------------------------------------

OPERATIONS = st.lists(
    st.sampled_from(["role", "titles", "remove", "add_missed", "reextract", "new_version", "merge", "publish"]),
    min_size=1,
    max_size=7,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_no_duplicate_participation_and_locks_hold_after_any_sequence(monkeypatch, operations):
    from django.db import transaction

    with transaction.atomic():
        article = ingest()
        meeting = article.meetings.get()
        locked = {}  # participation pk → {field: value} staff set
        for operation in operations:
            rows = list(meeting.participations.filter(person__isnull=False).order_by("pk"))
            if operation == "role" and rows:
                row = rows[0]
                people_review.edit_facts(obj=row, changes={"role": Role.SPEAKER})
                locked.setdefault(row.pk, {})["role"] = Role.SPEAKER
            elif operation == "titles" and rows:
                row = rows[-1]
                people_review.edit_facts(obj=row, changes={"titles_as_written": ["Chức danh sửa tay"]})
                locked.setdefault(row.pk, {})["titles_as_written"] = ["Chức danh sửa tay"]
            elif operation == "remove" and rows:
                locked.pop(rows[0].pk, None)
                people_review.remove_participant(participation=rows[0])
            elif operation == "add_missed":
                toan = article.mentions.get(name_as_written="Đặng Văn Toàn")
                if not meeting.participations.filter(person=toan.person).exists():
                    row = people_review.add_participant(meeting=meeting, name="Đặng Văn Toàn", person=toan.person, role=Role.CO_CHAIR)
                    locked[row.pk] = {"role": Role.CO_CHAIR}
            elif operation in ("reextract", "new_version"):
                if operation == "new_version":
                    fake_extractor(monkeypatch, everything_different)
                reextraction.reextract(article=article)
            elif operation == "merge":
                lan = Person.objects.filter(full_name="Võ Thị Ngọc Lan").first()
                if lan:
                    twin = Person.objects.create(full_name="Võ Thị Ngọc Lan", description="bản trùng")
                    Participation.objects.create(meeting=meeting, person=twin, role=Role.CHAIR, name_as_written="Võ T. N. Lan")
                    merge_persons(survivor=lan, merged=twin)
            elif operation == "publish":
                services.publish_articles(articles=[article])
            assert no_duplicates(), operations
            for pk, fields in locked.items():
                row = Participation.objects.filter(pk=pk).first()
                if row is None:
                    continue  # merged into another row
                for name, value in fields.items():
                    assert getattr(row, name) == value, (operations, name)
        monkeypatch.undo()
        transaction.set_rollback(True)


def test_an_approved_article_changes_only_when_staff_accept(monkeypatch, client):
    """Published (or marked reviewed) means staff approved what the public sees: a new version's
    proposals wait, counted for the article list, until staff accept some."""
    article = ingest()
    meeting = article.meetings.get()
    services.publish_articles(articles=[article])
    def public():
        html = client.get(meeting.get_absolute_url()).content.decode()
        return html[html.index("<main"):html.index("</main>")]  # not the form's CSRF token

    page = public()
    fake_extractor(monkeypatch, everything_different)

    report = reextraction.reextract(article=article)

    assert report.pending and not report.added and not report.changed
    assert public() == page
    article.refresh_from_db()
    assert article.pending_changes == len(report.pending) and article.extractor_version == "9999.1"
    assert "chờ duyệt" in str(report)

    chosen = next(p.key for p in report.pending if p.key.endswith(".kind"))
    reextraction.reextract(article=article, accept={chosen})
    meeting.refresh_from_db()
    article.refresh_from_db()
    assert meeting.kind_text == "lễ kỷ niệm" and article.headline == "Tỉnh ủy Hòa An họp bàn công tác cán bộ"
    assert article.pending_changes == 0  # staff decided
