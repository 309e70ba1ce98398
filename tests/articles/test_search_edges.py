"""Dates at the ends of the calendar, and the admin article list with many outlets."""

import pytest

from articles.models import Source
from tests.factories import aware, make_article, make_person, make_published_meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("params", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"},
                                    {"date_from": "0001-01-01", "date_to": "9999-12-31"}, {"date_from": "9999-12-31"}])
@pytest.mark.parametrize("tab", ["meetings", "articles", "participations"])
@pytest.mark.parametrize("fmt", [None, "csv", "json"])
def test_the_first_and_last_days_of_the_calendar_are_dates_like_any_other(client, params, tab, fmt):
    make_published_meeting(
        "Hội nghị cuối lịch", chair=make_person("Lê Văn Lịch"), article=make_article("Bài cuối lịch", published_at=aware(2024, 1, 2))
    )
    query = {**params, "tab": tab, **({"format": fmt} if fmt else {})}
    response = client.get("/tim-kiem/", query)
    assert response.status_code == 200
    body = (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8-sig")
    found = "cuối lịch" in body
    assert found == (params.get("date_from") != "9999-12-31")


def test_the_admin_article_list_with_more_outlets_than_postgresql_allows_columns(staff_client):
    Source.objects.bulk_create(Source(name=f"Báo {i}", name_key=f"bao {i}", slug=f"bao-{i}") for i in range(1700))
    make_article("Bài có nguồn", source=Source.objects.get(slug="bao-7"))
    response = staff_client.get("/admin/articles/article/")
    assert response.status_code == 200
    assert "Báo 7" in response.content.decode()
    narrowed = staff_client.get("/admin/articles/article/", {"source__id__exact": Source.objects.get(slug="bao-7").pk})
    assert narrowed.status_code == 200 and "Bài có nguồn" in narrowed.content.decode()
