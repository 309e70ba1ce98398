"""A person's title at a meeting comes from one place (people.selectors.title_mentions): a
correction shows everywhere the fact appears, and the old title nowhere."""

import csv
import io
import re

import pytest
from django.urls import reverse

from articles import ingestion, services
from people import review as people_review
from people.models import Person

pytestmark = pytest.mark.django_db

TEXT = """Hội nghị Ban Thường vụ Tỉnh ủy

Sáng 12/5/2024, đồng chí Trần Quốc Bảo, Bí thư Tỉnh ủy chủ trì hội nghị. Dự hội nghị có đồng chí Lê Thị Thu Hằng, \
Phó Chủ tịch UBND tỉnh.
"""
OLD, NEW = "Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh Hòa An"


def test_a_corrected_title_shows_on_every_page_and_in_every_download(client):
    article = ingestion.ingest_file(data=TEXT.encode(), filename="a.txt").article
    meeting = article.meetings.get()
    hang = meeting.participations.get(name_as_written="Lê Thị Thu Hằng")
    assert hang.titles_as_written == [OLD] and article.mentions.get(person=hang.person).titles_as_written == [OLD]
    people_review.edit_facts(obj=hang, changes={"titles_as_written": [NEW]})
    services.publish_articles(articles=[article])
    person = Person.objects.get(pk=hang.person_id)

    def as_facts(html):
        """The page without the article's own words (its body, the evidence quotes): the titles shown as facts."""
        html = re.sub(r'<div class="body">.*?</div>', "", html, flags=re.S)
        return re.sub(r'<blockquote class="evidence">.*?</blockquote>', "", html, flags=re.S)

    pages = {
        "person": client.get(person.get_absolute_url()).content.decode(),
        "meeting": client.get(meeting.get_absolute_url()).content.decode(),
        "article": client.get(article.get_absolute_url()).content.decode(),
    }
    for name, html in pages.items():
        assert NEW in html, name
        assert OLD not in as_facts(html).replace(NEW, ""), name

    response = client.get(reverse("search"), {"format": "csv", "tab": "participations", "person": person.slug})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[9] for row in rows[1:]] == [NEW]
    data = client.get(reverse("search"), {"format": "json", "tab": "participations", "person": person.slug}).json()
    assert [r["titles_as_written"] for r in data["results"]] == [[NEW]]
