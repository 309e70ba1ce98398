"""CSV exports: streamed, flat memory, BOM, formula injection neutralised, same filters as the search."""

import csv
import datetime
import io
import tracemalloc

import pytest
from django.urls import reverse

from articles.export import neutralise
from people.models import Meeting, Participation, Role, Status
from people.services import rebuild_activity
from tests.factories import add_participation, make_article, make_person, make_published_meeting

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.streaming
    data = b"".join(response.streaming_content).decode("utf-8")
    assert data.startswith("\ufeff")
    return list(csv.reader(io.StringIO(data[1:])))


def test_participations_csv_one_row_per_meeting_person_role(client):
    dung = make_person("Đinh Tiến Dũng")
    article = make_article("Tin", "", url="https://bao.vn/tin.html")
    meeting = make_published_meeting("Hội nghị", chair=dung, attendees=["Người Chưa Rõ"], article=article)
    add_participation(meeting, make_person("Lê Văn Ba"), role=Role.SPEAKER)  # one row per participation
    make_published_meeting("Họp nháp", chair=dung, status=Status.DRAFT)
    response = client.get(reverse("search"), {"format": "csv", "tab": "participations"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="vankho-participations-')
    header, *rows = read_csv(response)
    assert header[:4] == ["meeting_date", "meeting_date_text", "meeting_kind", "meeting_title"]
    assert len(rows) == 3
    chair = next(r for r in rows if r[8] == "Chủ trì")
    assert chair[5] == "Đinh Tiến Dũng" and chair[9] == "Bí thư Thành ủy"
    assert chair[10] == "https://bao.vn/tin.html"
    assert chair[11].endswith(article.get_absolute_url())
    assert chair[0] == "2024-03-01"


def test_person_csv_has_only_their_rows(client):
    dung = make_person("Đinh Tiến Dũng")
    make_published_meeting("Một", chair=dung, attendees=[make_person("Lê Văn Ba")])
    make_published_meeting("Hai", chair=make_person("Lê Văn Ba"), attendees=[dung])
    response = client.get(reverse("search"), {"format": "csv", "tab": "participations", "person": dung.slug})
    _, *rows = read_csv(response)
    assert sorted((r[3], r[8]) for r in rows) == [("Hai", "Tham dự"), ("Một", "Chủ trì")]
    response = client.get(reverse("search"), {"format": "csv", "tab": "participations", "person": dung.slug, "role": "chair"})
    assert [r[3] for r in read_csv(response)[1:]] == ["Một"]


def test_meetings_and_articles_csv_follow_the_search(client):
    make_published_meeting("Hội nghị Thành ủy", article=make_article("Thành uỷ họp", ""))
    make_published_meeting("Buổi làm việc", kind=Meeting.Kind.WORKING_SESSION)
    rows = read_csv(client.get(reverse("search"), {"format": "csv", "q": "thanh uy"}))
    assert [r[5] for r in rows[1:]] == ["Hội nghị Thành ủy"]
    rows = read_csv(client.get(reverse("search"), {"format": "csv", "kind": "buoi-lam-viec"}))
    assert [r[5] for r in rows[1:]] == ["Buổi làm việc"]
    rows = read_csv(client.get(reverse("search"), {"format": "csv", "tab": "articles", "q": "thanh uy"}))
    assert [r[3] for r in rows[1:]] == ["Thành uỷ họp"]


@pytest.mark.parametrize("value", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_formula_injection_in_export(client):
    meeting = make_published_meeting('=HYPERLINK("http://evil","x")')
    add_participation(meeting, "@Người", titles=["+Bí thư", "-Phó"])
    rows = read_csv(client.get(reverse("search"), {"format": "csv", "tab": "participations"}))
    row = rows[1]
    assert row[3].startswith("'=HYPERLINK")
    assert row[7] == "'@Người"
    assert row[9] == "'+Bí thư; -Phó"
    assert neutralise("Bình thường") == "Bình thường" and neutralise(None) == ""


def _bulk_archive(meetings=240, per_meeting=40):
    """meetings × per_meeting participations; a quarter of the meetings in 2023, the rest in 2024."""
    people = [make_person(f"Cán Bộ Số {i}") for i in range(per_meeting)]
    Meeting.objects.bulk_create(
        Meeting(
            title=f"Hội nghị {i}",
            status=Status.PUBLISHED,
            kind=Meeting.Kind.CONFERENCE,
            date=datetime.date(2023 if i % 4 == 0 else 2024, 1 + i % 12, 1 + i % 28),
        )
        for i in range(meetings)
    )
    ids = list(Meeting.objects.values_list("pk", flat=True))
    Participation.objects.bulk_create(
        (
            Participation(
                meeting_id=meeting_id,
                person=person,
                role=Role.CHAIR if j == 0 else Role.ATTENDEE,
                name_as_written=person.full_name,
                titles_as_written=["Bí thư", "Chủ tịch"],
            )
            for meeting_id in ids
            for j, person in enumerate(people)
        ),
        batch_size=2000,
    )
    rebuild_activity()  # bulk_create bypassed the services that count it


def _peak_while_streaming(client, params):
    lines = 0
    tracemalloc.start()  # before the request: the view already reads the first batch of rows
    try:
        response = client.get(reverse("search"), {"format": "csv", "tab": "participations", **params})
        for chunk in response.streaming_content:
            lines += chunk.count(b"\r\n")
            del chunk
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return lines - 1, peak


def test_streaming_memory_does_not_grow_with_rows(client):
    _bulk_archive()
    small_rows, small_peak = _peak_while_streaming(client, {"year": "2023"})
    big_rows, big_peak = _peak_while_streaming(client, {})
    assert (small_rows, big_rows) == (2_400, 9_600)
    print(f"peak memory: {small_rows} rows {small_peak} B, {big_rows} rows {big_peak} B")
    # Four times the rows, about the same memory: nothing accumulates beyond one batch.
    assert big_peak < small_peak * 1.5 + 256 * 1024, (small_peak, big_peak)


@pytest.mark.django_db
def test_anonymous_csv_cap_is_announced_in_a_header(client, settings):
    from tests.factories import make_published_meeting

    settings.EXPORT_MAX_ROWS_ANONYMOUS = 2
    for i in range(3):
        make_published_meeting(title=f"Phiên họp {i}")
    response = client.get("/tim-kiem/?format=csv&tab=meetings")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 1 + 2
    assert response["X-Export-Truncated"] == "2"
    settings.EXPORT_MAX_ROWS_ANONYMOUS = 3
    response = client.get("/tim-kiem/?format=csv&tab=meetings")
    assert "X-Export-Truncated" not in response
    b"".join(response.streaming_content)  # read to the end: that ends the export's transaction
