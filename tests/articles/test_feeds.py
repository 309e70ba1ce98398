"""Atom feeds of a person's, a post's, an organisation's meetings and of any search, read by a
real feed parser; published material only; linked from their pages."""

import datetime

import feedparser
import pytest

from people.models import Organization, Post, Role, Status
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    hanoi = Organization.objects.create(name="Thành ủy Hà Nội", kind="party_committee")
    dung = make_person("Đinh Tiến Dũng")
    for day, title in ((datetime.date(2024, 5, 2), "Hội nghị Thành ủy tháng Năm"), (datetime.date(2024, 6, 9), "Hội nghị Thành ủy tháng Sáu")):
        meeting = make_meeting(title, organizer=hanoi, date=day)
        add_participation(meeting, dung, role=Role.CHAIR, titles=["Bí thư Thành ủy"])
        make_article(title, body="Thành ủy Hà Nội họp tại thành phố Hà Nội.", meetings=[meeting])
    draft = make_meeting("Hội nghị nháp bí mật", organizer=hanoi, status=Status.DRAFT, date=datetime.date(2024, 7, 1))
    add_participation(draft, dung, role=Role.CHAIR, titles=["Bí thư Thành ủy"])
    make_article("Hội nghị nháp bí mật", body="Thành ủy Hà Nội họp.", status=Status.DRAFT, meetings=[draft])
    return dung, hanoi


def parsed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def alternate(client, url):
    page = client.get(url).content.decode()
    start = page.index('<link rel="alternate" type="application/atom+xml"')
    return page[start:page.index(">", start)].split('href="')[1].split('"')[0].replace("&amp;", "&")


EXPECTED = ["09/06/2024 — Hội nghị Thành ủy tháng Sáu", "02/05/2024 — Hội nghị Thành ủy tháng Năm"]


def test_person_post_and_organisation_feeds_list_published_meetings_newest_first(client, archive):
    dung, hanoi = archive
    post = Post.objects.get(name="Bí thư Thành ủy Hà Nội")
    for page in (dung.get_absolute_url(), post.get_absolute_url(), hanoi.get_absolute_url()):
        feed = parsed(client, alternate(client, page))
        assert [e.title for e in feed.entries] == EXPECTED
        assert feed.entries[0].link.endswith(f"/cuoc-hop/{dung.participations.get(meeting__title__endswith='Sáu').meeting_id}/")
        assert "Chủ trì: Đinh Tiến Dũng" in feed.entries[0].summary
        assert "Thành ủy Hà Nội" in feed.feed.title or "Đinh Tiến Dũng" in feed.feed.title


def test_a_search_feed_follows_the_current_filters_on_both_tabs(client, archive):
    _, hanoi = archive
    url = alternate(client, f"/tim-kiem/?q=h%E1%BB%99i+ngh%E1%BB%8B&org={hanoi.slug}")
    assert url.startswith("/tim-kiem/atom/?") and f"org={hanoi.slug}" in url
    assert [e.title for e in parsed(client, url).entries] == EXPECTED
    articles = parsed(client, "/tim-kiem/atom/", q="tháng Năm", tab="articles")
    assert [e.title for e in articles.entries] == ["Hội nghị Thành ủy tháng Năm"]


def test_feeds_never_show_drafts_and_unknown_things_are_not_found(client, archive):
    for url in ("/tim-kiem/atom/", "/to-chuc/thanh-uy-ha-noi/atom/", "/chuc-vu/bi-thu-thanh-uy-ha-noi/atom/"):
        assert "bí mật" not in client.get(url).content.decode()
    assert client.get("/nguoi/khong-co-ai/atom/").status_code == 404
    assert client.get("/tim-kiem/atom/", {"person": "khong-co-ai"}).status_code == 404
    draft_only = Organization.objects.create(name="Tỉnh ủy Nghệ An", kind="party_committee")
    make_meeting("Hội nghị nháp", organizer=draft_only, status=Status.DRAFT)
    assert client.get(f"/to-chuc/{draft_only.slug}/atom/").status_code == 404
