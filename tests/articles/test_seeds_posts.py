"""The real seed articles, ingested and published: the post of the Party Secretary of Hanoi lists
its holders with their dated meetings (read from ../shared/seeds; skipped without it)."""

import json

import pytest

from articles import batches, ingestion, services
from articles.models import Article
from people.models import Person, Post, Tenure
from people.names import name_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(seeds_dir):
    gold = [json.loads(line) for line in (seeds_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [ingestion.UploadItem.from_bytes(g["file"], (seeds_dir / g["file"]).read_bytes()) for g in gold]
    assert {r.status for r in batches.ingest_batch(items)} == {ingestion.CREATED}
    services.publish_articles(articles=list(Article.objects.all()))


def test_the_post_page_of_the_party_secretary_of_hanoi_lists_its_holders_and_their_meetings(client, published):
    post = Post.objects.get(name_key=name_key("Bí thư Thành ủy Hà Nội"))
    dung = Person.objects.get(name_key=name_key("Đinh Tiến Dũng"))
    hoai = Person.objects.get(name_key=name_key("Bùi Thị Minh Hoài"))
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Đinh Tiến Dũng" in page and "Bùi Thị Minh Hoài" in page
    tenure = Tenure.objects.get(person=dung, post=post)
    assert tenure.chaired_count >= 1 and tenure.first_evidenced is not None
    evidenced = [p.meeting for p in dung.participations.filter(post_evidence__post=post).select_related("meeting")]
    assert any(m.date for m in evidenced)
    for meeting in evidenced:
        assert meeting.get_absolute_url() in page
        assert (meeting.date.strftime("%d/%m/%Y") if meeting.date else "không rõ ngày") in page
    for person in (dung, hoai):
        assert f'href="{post.get_absolute_url()}"' in client.get(person.get_absolute_url()).content.decode()
