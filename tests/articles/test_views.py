"""The public pages: published material only, redirects, bad parameters, query counts."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from people.models import PersonRedirect, Role, Status
from tests.factories import (
    add_participation,
    aware,
    make_alias,
    make_article,
    make_meeting,
    make_mention,
    make_organization,
    make_person,
    make_published_meeting,
    make_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    dung = make_person("Đinh Tiến Dũng")
    lan = make_person("Nguyễn Thị Lan")
    make_alias(dung, "Đinh T. Dũng")
    source = make_source("VTV")
    body = "Sáng 3/4, đồng chí Đinh Tiến Dũng chủ trì hội nghị.\n\nĐồng chí Nguyễn Thị Lan dự. <script>alert(1)</script>"
    article = make_article(
        "Đinh Tiến Dũng chủ trì hội nghị", body, source=source, published_at=aware(2024, 4, 3), byline="Phóng viên"
    )
    meeting = make_published_meeting(
        "Hội nghị Thành ủy", chair=dung, attendees=[lan], article=article, date=datetime.date(2024, 4, 3),
        organizer=make_organization("Thành ủy Hà Nội"),
    )
    make_mention(article, dung, titles=["Bí thư Thành ủy"], evidence="đồng chí Đinh Tiến Dũng chủ trì hội nghị.")
    make_mention(article, lan)
    draft_article = make_article("Bài nháp", "Đinh Tiến Dũng", status=Status.DRAFT)
    draft_meeting = make_meeting("Họp nháp", status=Status.DRAFT)
    hidden = make_person("Người Chưa Công Bố")
    add_participation(draft_meeting, hidden, role=Role.CHAIR)
    return {
        "dung": dung, "lan": lan, "article": article, "meeting": meeting,
        "draft_article": draft_article, "draft_meeting": draft_meeting, "hidden": hidden,
    }


def test_published_pages_are_200_and_drafts_404(client, site):
    for url in (
        "/",
        reverse("search"),
        site["dung"].get_absolute_url(),
        site["meeting"].get_absolute_url(),
        site["article"].get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    for url in (
        site["draft_article"].get_absolute_url(),
        site["draft_meeting"].get_absolute_url(),
        site["hidden"].get_absolute_url(),
        "/nguoi/khong-co/",
        "/bai-bao/999999/",
    ):
        assert client.get(url).status_code == 404, url


def test_old_slug_redirects_permanently(client, site):
    PersonRedirect.objects.create(old_slug="dinh-dung-cu", person=site["dung"])
    response = client.get("/nguoi/dinh-dung-cu/")
    assert response.status_code == 301
    assert response["Location"] == site["dung"].get_absolute_url()


def test_search_page_without_diacritics_lists_meeting_and_article(client, site):
    response = client.get(reverse("search"), {"q": "dinh tien dung"})
    html = response.content.decode()
    assert "Hội nghị Thành ủy" in html
    assert "Họp nháp" not in html
    response = client.get(reverse("search"), {"q": "dinh tien dung", "tab": "articles"})
    html = re.sub(r"</?mark>", "", response.content.decode())  # the matched words are marked
    assert "Đinh Tiến Dũng chủ trì hội nghị" in html and "Bài nháp" not in html


def test_nothing_found_suggests_names(client, site):
    html = client.get(reverse("search"), {"q": "dinh tien dunh"}).content.decode()
    assert "Không có kết quả" in html and site["dung"].get_absolute_url() in html


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc", "month": "13", "source": "khong-co", "date_from": "2024-99-99", "page": "-1"},
        {"page": "999999999999999999999999", "sort": "x", "tab": "y", "kind": "z", "role": "w"},
        {"q": "\x00\"'%_\\", "person": "\x00"},
        {"q": '"""', "org": ["a", "b"], "year": ["1800", "2024"]},
        {"q": "a" * 5000},
        {"format": "xml"},
    ],
)
def test_bad_parameters_never_fail(client, site, params):
    response = client.get(reverse("search"), params)
    assert response.status_code in (200, 400)


def test_unknown_person_shows_a_notice(client, site):
    response = client.get(reverse("search"), {"person": "khong-ai"})
    assert response.status_code == 200
    assert "Không tìm thấy cán bộ" in response.content.decode()
    assert client.get(reverse("search"), {"person": "khong-ai", "format": "json"}).status_code == 400


def test_facet_links_toggle_and_keep_state(client, site):
    html = client.get(reverse("search"), {"q": "dung"}).content.decode()
    assert 'data-facet="kind" data-value="hoi-nghi"' in html
    assert "?q=dung&amp;kind=hoi-nghi" in html
    html = client.get(reverse("search"), {"q": "dung", "kind": "hoi-nghi"}).content.decode()
    assert 'aria-current="true" data-facet="kind" data-value="hoi-nghi"' in html
    assert '<input type="hidden" name="kind" value="hoi-nghi">' in html


def test_person_page(client, site):
    html = client.get(site["dung"].get_absolute_url()).content.decode()
    assert "Đinh T. Dũng" in html  # alias
    assert "Bí thư Thành ủy" in html  # title timeline
    assert site["meeting"].get_absolute_url() in html  # chaired meeting
    assert "<svg" in html and "<rect" in html  # activity chart
    assert not re.search(r' (x|y|width|height)="[^"]*,', html)  # numbers not localised with a decimal comma
    assert site["article"].get_absolute_url() in html


def test_person_page_queries_do_not_grow_with_meetings(client, site, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr("articles.selectors.PERSON_LIST_LIMIT", 50)
    dung = site["dung"]
    for i in range(150):
        meeting = make_published_meeting(f"Hội nghị {i}", date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))
        add_participation(meeting, dung, role=Role.CHAIR if i % 2 else Role.ATTENDEE, titles=[f"Chức {i % 3}"])
    with django_assert_max_num_queries(12):
        response = client.get(dung.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tải toàn bộ (CSV)" in html  # 76 chaired, 50 shown
    assert html.count("<tr>") == 2 + 50 + 50
    # "See all" leads to the search page filtered by the person and the role.
    see_all = reverse("search") + f"?person={dung.slug}&amp;role=chair"
    assert f'<a href="{see_all}">Xem tất cả</a>' in html
    listed = client.get(see_all.replace("&amp;", "&")).content.decode()
    assert "Hội nghị 149" in listed and "Hội nghị 148" not in listed  # odd i: chaired


def test_search_page_query_count_is_bounded(client, site, django_assert_max_num_queries):
    for i in range(30):
        make_published_meeting(f"Hội nghị {i}", chair=make_person(f"Cán Bộ {i}"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("search"), {"q": "hoi nghi"}).status_code == 200


def test_meeting_page(client, site):
    html = client.get(site["meeting"].get_absolute_url()).content.decode()
    assert "Chủ trì" in html and "Tham dự" in html
    assert site["dung"].get_absolute_url() in html and site["lan"].get_absolute_url() in html
    assert site["article"].get_absolute_url() in html
    assert "Thành ủy Hà Nội" in html


def test_article_page_escapes_body_and_links_officials(client, site):
    html = client.get(site["article"].get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'<a href="{site["dung"].get_absolute_url()}" class="official"><mark>Đinh Tiến Dũng</mark></a>' in html
    assert f'<a href="{site["lan"].get_absolute_url()}" class="official"><mark>Nguyễn Thị Lan</mark></a>' in html
    assert 'rel="noopener nofollow"' in html
    assert "Đinh Tiến Dũng dự hội nghị." in html  # evidence, from the participation (people.selectors)
    assert "Phóng viên" in html


def test_article_without_headline_has_placeholder(client):
    article = make_article(None, "Nội dung")
    assert "(không có tiêu đề)" in client.get(article.get_absolute_url()).content.decode()


def test_home_page(client, site):
    html = client.get("/").content.decode()
    assert "Hội nghị Thành ủy" in html and site["dung"].get_absolute_url() in html
    assert "Họp nháp" not in html and "Người Chưa Công Bố" not in html


def test_autocomplete_endpoint(client, site):
    data = client.get(reverse("person-autocomplete"), {"q": "dung"}).json()
    assert [r["slug"] for r in data["results"]] == ["dinh-tien-dung"]
    assert client.get(reverse("person-autocomplete"), {"q": "chua cong bo"}).json() == {"results": []}


def test_json_api_pages_with_links(client, site):
    for i in range(60):
        make_published_meeting(f"Phiên họp {i}")
    data = client.get(reverse("search"), {"q": "phien hop", "format": "json"}).json()
    assert data["count"] == 60 and len(data["results"]) == 50 and data["previous"] is None
    assert "page=2" in data["next"]
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 10 and second["next"] is None and "page=1" in second["previous"]
    articles = client.get(reverse("search"), {"q": "dung", "format": "json", "tab": "articles"}).json()
    assert [a["headline"] for a in articles["results"]] == ["Đinh Tiến Dũng chủ trì hội nghị"]
    rows = client.get(reverse("search"), {"person": "dinh-tien-dung", "format": "json", "tab": "participations"})
    assert json.loads(rows.content)["results"][0]["role"] == "chair"


def test_language_switch_to_english(client, site):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Recent meetings" in html
