"""Tenures and posts in CSV (streamed, BOM) and JSON, like every other list; published only."""

import csv
import datetime
import io

import pytest

from people.models import Role, Status
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    dung, hoai = make_person("Đinh Tiến Dũng"), make_person("Bùi Thị Minh Hoài")
    for person, day, titles in ((hoai, datetime.date(2021, 3, 2), ["Bí thư Thành ủy"]),
                                (dung, datetime.date(2023, 6, 10), ["Bí thư Thành ủy", "Chủ tịch UBND TP Hà Nội"])):
        meeting = make_meeting("Hội nghị Thành ủy", date=day)
        add_participation(meeting, person, role=Role.CHAIR, titles=titles)
        make_article(body="Thành ủy Hà Nội họp tại thành phố Hà Nội.", meetings=[meeting])
    draft = make_meeting("Nháp", status=Status.DRAFT)
    add_participation(draft, make_person("Trần Văn Nháp"), titles=["Bí thư Tỉnh ủy Nghệ An"])
    make_article(status=Status.DRAFT, meetings=[draft])


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_tenures_as_csv_and_json(client, archive):
    rows = read_csv(client.get("/nhiem-ky/", {"format": "csv"}))
    assert [(r["person"], r["post"], r["from"], r["to"], r["meetings_chaired"]) for r in rows] == [
        ("Bùi Thị Minh Hoài", "Bí thư Thành ủy Hà Nội", "2021-03-02", "2021-03-02", "1"),
        ("Đinh Tiến Dũng", "Bí thư Thành ủy Hà Nội", "2023-06-10", "2023-06-10", "1"),
        ("Đinh Tiến Dũng", "Chủ tịch Ủy ban nhân dân thành phố Hà Nội", "2023-06-10", "2023-06-10", "1"),
    ]
    assert rows[0]["post_page"].startswith("http://testserver/chuc-vu/")
    data = client.get("/nhiem-ky/", {"person": "dinh-tien-dung"}).json()
    assert [r["post"] for r in data["results"]] == ["Bí thư Thành ủy Hà Nội", "Chủ tịch Ủy ban nhân dân thành phố Hà Nội"]
    assert data["next"] is None


def test_posts_as_csv_and_json_with_their_number_of_holders(client, archive):
    rows = read_csv(client.get("/chuc-vu/", {"format": "csv"}))
    assert [(r["post"], r["organization"], r["holders"]) for r in rows] == [
        ("Bí thư Thành ủy Hà Nội", "Thành ủy Hà Nội", "2"),
        ("Chủ tịch Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Hà Nội", "1"),
    ]  # the draft's post is not listed
    data = client.get("/chuc-vu/", {"org": "thanh-uy-ha-noi"}).json()
    assert [r["post"] for r in data["results"]] == ["Bí thư Thành ủy Hà Nội"]
    assert client.get("/chuc-vu/", {"format": "xml"}).status_code == 400
