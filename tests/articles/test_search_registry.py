"""The filter registry drives results, facets, CSV, JSON and the page's form from one place: a
throwaway entry added here shows up in all five, with nothing else changed."""

import csv
import io
import re

import django_filters
import pytest
from django.db.models import CharField, Count, F, Q, Value

from articles import search
from articles.search import registry
from tests.factories import make_article, make_published_meeting

pytestmark = pytest.mark.django_db


def _place_facet(target, qs, criteria):
    if target == "meetings":
        return qs.exclude(place="").values(value=F("place")).annotate(label=Value(None, CharField()), n=Count("pk"))
    return (
        registry.ArticleMeeting.objects.filter(article_id__in=qs.values("pk"), meeting__status="published")
        .exclude(meeting__place="")
        .values(value=F("meeting__place"))
        .annotate(label=Value(None, CharField()), n=Count("article_id", distinct=True))
    )


PLACE = registry.Filter(
    name="place",
    param="noi_hop",
    label="Nơi họp",
    widget="input",
    field=lambda: django_filters.CharFilter(label="Nơi họp", max_length=100),
    meetings=lambda c, v: Q(place=v),
    articles=lambda c, v: registry._reported_meetings(place=v),
    facet=_place_facet,
)


@pytest.fixture
def place_filter():
    registry.FILTERS.append(PLACE)
    yield PLACE
    registry.FILTERS.remove(PLACE)


@pytest.fixture
def archive():
    hanoi = make_article("Họp ở Hà Nội về giao thông", published_at=None)
    hue = make_article("Họp ở Huế về giao thông")
    make_published_meeting("Hội nghị giao thông Hà Nội", place="Hà Nội", article=hanoi)
    make_published_meeting("Hội nghị giao thông Huế", place="Huế", article=hue)
    make_published_meeting("Hội nghị giao thông Huế lần hai", place="Huế")


def test_a_new_registry_entry_reaches_results_facets_csv_json_and_the_form(client, archive, place_filter):
    # 1. results (and the selector the page uses)
    criteria = search.Criteria(q="giao thông", place="Huế")
    results = search.search_results(target="meetings", criteria=criteria)
    assert {m.title for m in results["page"].items} == {"Hội nghị giao thông Huế", "Hội nghị giao thông Huế lần hai"}
    assert str(results["totals"]["meetings"]) == "2" and str(results["totals"]["articles"]) == "1"

    # 2. facets: counted with every other filter, never narrowing itself
    (facet,) = [f for f in results["facets"] if f.name == "noi_hop"]
    assert {(o.value, o.count.value, o.selected) for o in facet.options} == {("Huế", 2, True), ("Hà Nội", 1, False)}

    page = re.sub(r"</?mark>", "", client.get("/tim-kiem/", {"q": "giao thông", "noi_hop": "Huế"}).content.decode())
    assert "Hội nghị giao thông Huế lần hai" in page and "Hội nghị giao thông Hà Nội" not in page
    assert 'data-facet="noi_hop" data-value="Hà Nội"' in page

    # 3. CSV
    response = client.get("/tim-kiem/", {"q": "giao thông", "noi_hop": "Huế", "format": "csv", "tab": "meetings"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(r[5] for r in rows[1:]) == ["Hội nghị giao thông Huế", "Hội nghị giao thông Huế lần hai"]

    # 4. JSON (the articles tab: articles reporting a meeting held there)
    data = client.get("/tim-kiem/", {"noi_hop": "Hà Nội", "format": "json", "tab": "articles"}).json()
    assert data["count"] == 1 and [a["headline"] for a in data["results"]] == ["Họp ở Hà Nội về giao thông"]

    # 5. the page's form: the entry's input, with the value kept
    assert 'name="noi_hop"' in page and 'value="Huế"' in page and "Nơi họp" in page


def test_without_the_entry_the_parameter_is_ignored(client, archive):
    data = client.get("/tim-kiem/", {"noi_hop": "Huế", "format": "json", "tab": "meetings"}).json()
    assert data["count"] == 3
    with pytest.raises(TypeError):
        search.Criteria(place="Huế")
