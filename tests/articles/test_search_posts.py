"""Search by post and by organisation (on both tabs), through the registry."""

import datetime
import re

import pytest

from people.models import Organization, Post, Role, Status
from tests.factories import add_participation, make_article, make_meeting, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    hanoi = Organization.objects.create(name="Thành ủy Hà Nội", kind="party_committee")
    dung, hai = make_person("Đinh Tiến Dũng"), make_person("Nguyễn Văn Hải")
    first = make_meeting("Hội nghị Thành ủy về giao thông", organizer=hanoi, date=datetime.date(2024, 5, 2))
    add_participation(first, dung, role=Role.CHAIR, titles=["Bí thư Thành ủy"])
    make_article("Thành ủy bàn giao thông", body="Thành ủy Hà Nội họp tại thành phố Hà Nội.", meetings=[first])
    second = make_meeting("Buổi làm việc về giao thông", date=datetime.date(2024, 6, 2))
    add_participation(second, hai, role=Role.CHAIR, titles=["Chủ tịch UBND TP Hà Nội"])
    make_article("UBND làm việc về giao thông", body="Ủy ban nhân dân thành phố Hà Nội làm việc.", meetings=[second])
    draft = make_meeting("Hội nghị nháp về giao thông", status=Status.DRAFT)
    add_participation(draft, make_person("Trần Văn Nháp"), role=Role.CHAIR, titles=["Bí thư Tỉnh ủy Nghệ An"])
    make_article("Bài nháp", status=Status.DRAFT, meetings=[draft])
    return hanoi


def unmarked(response):
    """The page's text without the <mark> around the words searched for."""
    return re.sub(r"</?mark>", "", response.content.decode())


def facet(response, name):
    return {(o.value, o.label, o.count) for f in response.context["facets"] if f.name == name for o in f.options}


def test_meetings_and_articles_filtered_by_post_with_its_facet(client, archive):
    secretary = Post.objects.get(name="Bí thư Thành ủy Hà Nội")
    for tab in ("meetings", "articles"):
        page = client.get("/tim-kiem/", {"q": "giao thông", "tab": tab})
        labels = {label for _, label, _ in facet(page, "post")}
        assert labels == {"Bí thư Thành ủy Hà Nội", "Chủ tịch Ủy ban nhân dân thành phố Hà Nội"}  # no draft's post
        narrowed = client.get("/tim-kiem/", {"q": "giao thông", "tab": tab, "post": secretary.slug})
        text = unmarked(narrowed)
        assert ("Hội nghị Thành ủy về giao thông" if tab == "meetings" else "Thành ủy bàn giao thông") in text
        assert ("Buổi làm việc về giao thông" if tab == "meetings" else "UBND làm việc về giao thông") not in text
    data = client.get("/tim-kiem/", {"post": secretary.slug, "format": "json"}).json()
    assert [r["title"] for r in data["results"]] == ["Hội nghị Thành ủy về giao thông"]


def test_a_draft_only_post_is_not_a_valid_choice(client, archive):
    draft_post = Post.objects.get(name="Bí thư Tỉnh ủy Nghệ An")
    page = client.get("/tim-kiem/", {"q": "giao thông", "post": draft_post.slug})
    assert "Bí thư Tỉnh ủy Nghệ An" not in page.content.decode()


def test_the_organisation_facet_is_on_both_tabs_with_canonical_names(client, archive):
    for tab in ("meetings", "articles"):
        names = {label for _, label, _ in facet(client.get("/tim-kiem/", {"q": "giao thông", "tab": tab}), "org")}
        assert "Thành ủy Hà Nội" in names
        chosen = unmarked(client.get("/tim-kiem/", {"q": "giao thông", "tab": tab, "org": archive.slug}))
        assert ("Hội nghị Thành ủy về giao thông" if tab == "meetings" else "Thành ủy bàn giao thông") in chosen
