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
    meeting_page = _text(client.get(f"/cuoc-hop/{_only_meeting_pk()}/").content.decode())
    assert "Chair" in meeting_page and "Chaired" not in meeting_page.replace("Chaired by", "")


def _only_meeting_pk():
    from people.models import Meeting

    return Meeting.objects.get().pk


def test_an_over_long_query_is_cut_with_a_message_and_never_widened(client):
    make_published_meeting("Hội nghị về đê biển", chair=make_person("Trần Quốc Bảo"), date=datetime.date(2024, 6, 8))
    make_published_meeting("Kỳ họp Hội đồng nhân dân", date=datetime.date(2024, 7, 1))
    long_query = "đê biển " + "x" * 20 + " " + "lũ " * 150
    assert len(long_query) > 300
    response = client.get("/tim-kiem/", {"q": long_query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Từ khóa dài quá 300 ký tự: đã tìm với phần đầu (hiện trong ô)." in html
    box = re.search(r'<input type="search" name="q" id="id_q" value="([^"]*)"', html).group(1)
    assert box.startswith("đê biển x") and len(box) <= 300 and box.endswith("lũ")
    # The cut query still holds "lũ", which no meeting has: nothing is listed, not everything.
    assert "Kỳ họp Hội đồng nhân dân" not in html and "Hội nghị về đê biển" not in html
    assert "Không có kết quả nào." in html


def test_the_hint_example_is_a_name_from_the_archive(client):
    assert 'placeholder="ví dụ' not in client.get("/").content.decode()  # an empty archive suggests nothing
    make_published_meeting("Hội nghị", chair=make_person("Võ Thị Ngọc Lan"), date=datetime.date(2024, 1, 5))
    assert 'placeholder="ví dụ: vo thi ngoc lan"' in client.get("/").content.decode()
    html = client.get("/tim-kiem/").content.decode()
    assert 'Ví dụ: <a href="?q=vo%20thi%20ngoc%20lan">vo thi ngoc lan</a>' in html
    found = client.get("/tim-kiem/", {"q": "vo thi ngoc lan"}).content.decode()
    assert "Hội nghị" in found and "Không có kết quả nào." not in found
