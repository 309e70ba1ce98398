"""The public pages as a visitor reads them: each person once, lists of names, English wording."""

import datetime
import re

import pytest

from people.models import Role
from tests.factories import add_participation, aware, make_article, make_mention, make_person, make_published_meeting

pytestmark = pytest.mark.django_db


def _text(html):
    """What a reader sees: tags removed (inline ones add no space), runs of whitespace as one."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_article_page_lists_each_person_once_with_all_their_roles(client):
    hai = make_person("Nguyễn Văn Hải")
    body = "Đồng chí Nguyễn Văn Hải chủ trì hội nghị sáng. Chiều, đồng chí Nguyễn Văn Hải dự phiên thảo luận."
    article = make_article("Hai cuộc họp trong ngày", body, published_at=aware(2024, 5, 2))
    morning = make_published_meeting("Hội nghị buổi sáng", chair=hai, article=article, date=datetime.date(2024, 5, 2))
    afternoon = make_published_meeting("Phiên thảo luận buổi chiều", article=article, date=datetime.date(2024, 5, 2))
    add_participation(afternoon, hai, role=Role.ATTENDEE, titles=["Chủ tịch UBND tỉnh"])
    make_mention(article, hai, titles=["Chủ tịch UBND tỉnh"])
    # The same official, written once more and left unresolved by the extractor.
    make_mention(article, None, name="Nguyễn Văn Hải")
    html = client.get(article.get_absolute_url()).content.decode()
    facts = html.split('id="facts-heading"')[1]
    listed = [_text(item).strip() for item in re.findall(r"<strong>(.*?)</strong>", facts)]
    assert listed == ["Nguyễn Văn Hải"]
    facts = _text(facts)
    assert f"Chủ trì ({morning.title}); Tham dự ({afternoon.title})" in facts
    assert "được nhắc tên" not in facts


def test_home_page_lists_chairs_without_a_space_before_commas(client):
    make_published_meeting(
        "Hội nghị tổng kết", chair=make_person("Trần Quốc Bảo"), date=datetime.date(2024, 12, 1)
    ).participations.create(person=make_person("Lê Thị Thu Hằng"), role=Role.CO_CHAIR, name_as_written="Lê Thị Thu Hằng")
    html = client.get("/").content.decode()
    assert re.search(r"Trần Quốc Bảo</a>, <a [^>]*>Lê Thị Thu Hằng</a>", html)
    assert not re.search(r"\s,", _text(html.split('id="recent-heading"')[1]))


def test_english_counts_one_meeting_in_the_singular_and_names_roles_alike(client):
    make_published_meeting("Hội nghị duy nhất", chair=make_person("Trần Quốc Bảo"), date=datetime.date(2024, 1, 5))
    client.cookies["django_language"] = "en"
    html = client.get("/tim-kiem/", {"q": "duy nhat"}).content.decode()
    assert re.search(r">\s*Meeting\s*<span class=\"count\">1</span>", html)
    meeting_page = _text(client.get("/cuoc-hop/{}/".format(_only_meeting_pk())).content.decode())
    assert "Chair" in meeting_page and "Chaired" not in meeting_page.replace("Chaired by", "")


def _only_meeting_pk():
    from people.models import Meeting

    return Meeting.objects.get().pk
