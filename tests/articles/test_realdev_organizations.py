"""The real development corpus (../shared/realdev, every batch's articles/*.txt) through the whole
ingestion: every organisation created is one a reader listed for the corpus (no fragment, no
second spelling of a body), including those a title or a chair gave. Skipped without it."""

import json
import os
from pathlib import Path

import pytest

from articles import batches, ingestion, services
from articles.extraction.normalize import fold
from articles.models import Article
from people.models import Meeting, Organization

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
REALDEV = Path(os.environ.get("VANKHO_REALDEV_DIR", REPO.parent / "shared" / "realdev"))
LISTED = Path(__file__).parent / "extraction" / "realdev_organizations.json"


@pytest.fixture
def realdev():
    files = sorted(REALDEV.glob("*/articles/*.txt"))
    if not files:
        pytest.skip(f"real development corpus not found at {REALDEV}")
    items = [ingestion.UploadItem.from_bytes(f"{f.parent.parent.name}-{f.name}", f.read_bytes()) for f in files]
    results = list(batches.ingest_batch(items))
    assert not [r.message for r in results if r.status == ingestion.FAILED]
    services.publish_articles(articles=list(Article.objects.all()))
    return files


def test_every_organisation_created_from_the_real_corpus_is_a_whole_canonical_name(client, realdev):
    listed = json.loads(LISTED.read_text(encoding="utf-8"))["documents"]
    everything = {fold(name) for names in listed.values() for name in names}
    created = list(Organization.objects.values_list("name", flat=True))
    unlisted = sorted(n for n in created if fold(n) not in everything)
    assert unlisted == [], unlisted  # no fragment, nothing unlisted
    folded = [fold(n) for n in created]
    assert len(folded) == len(set(folded))  # no second spelling of one body
    page = client.get("/tim-kiem/", {"tab": "articles"})
    offered = {o.label for f in page.context["facets"] if f.name == "org" for o in f.options}
    assert offered and offered <= set(created)
    assert Meeting.objects.filter(organizer__isnull=False).count() >= 40  # of 138 (10 before issue 15)
