"""Nothing public depends on unpublished material: every public URL (pages, search on both tabs
with facets, CSV, JSON, autocomplete) answers byte for byte the same before and after a draft is
added that names persons whose names hold the words searched for.

(The side channel this closes: participant-name matching learnt which names exist from drafts too
and kept only the longest name match, so a draft person "Trần Hải Long" made the published
meeting of "Trần Hải" titled "… Long Biên" disappear from "tran hai long".)
"""

import datetime
import re
from urllib.parse import urlencode

import pytest

from people.models import Person, Status
from tests.factories import add_participation, aware, make_article, make_mention, make_published_meeting, make_source

pytestmark = pytest.mark.django_db

QUERIES = ["tran hai long", "Trần Hải", "hai long", "long bien", "nguyen van", '"tran hai"', "hai -long", ""]


@pytest.fixture
def published():
    vtv = make_source("VTV")
    hai = Person.objects.create(full_name="Trần Hải")
    nam = Person.objects.create(full_name="Nguyễn Văn Nam")
    article = make_article("Trần Hải làm việc tại Long Biên", body="Đồng chí Trần Hải làm việc với quận Long Biên.",
                           source=vtv, published_at=aware(2024, 5, 2))
    make_published_meeting("Làm việc với quận Long Biên", chair=hai, attendees=[nam, "Lê Văn Long"], article=article,
                           date=datetime.date(2024, 5, 2))
    make_published_meeting("Hội nghị về giao thông", chair=nam, attendees=[hai], date=datetime.date(2023, 1, 9))
    make_mention(article, hai)
    return {"hai": hai, "nam": nam}


def public_urls(people):
    urls = ["/", "/tim-kiem/", f"/nguoi/{people['hai'].slug}/", f"/nguoi/{people['nam'].slug}/"]
    for q in QUERIES:
        for tab in ("meetings", "articles", "participations"):
            for extra in ({}, {"format": "csv"}, {"format": "json"}, {"year": "2024", "kind": "hoi-nghi"},
                          {"role": "chair", "person": people["hai"].slug, "sort": "oldest"}):
                urls.append("/tim-kiem/?" + urlencode({"q": q, "tab": tab, **extra}))
        urls.append("/api/nguoi/?" + urlencode({"q": q}))
    return urls


CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')  # masked anew on every response


def snapshot(client, urls):
    answers = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        answers[url] = (response.status_code, CSRF_TOKEN.sub(b"", body))
    return answers


def test_adding_drafts_changes_no_public_answer(client, published):
    urls = public_urls(published)
    before = snapshot(client, urls)
    assert sum(1 for status, _ in before.values() if status == 200) == len(urls)

    # Drafts: a person only they know whose name holds the searched words, an unresolved
    # participant likewise, a published person in a draft meeting, a draft article naming them.
    long_ = Person.objects.create(full_name="Trần Hải Long")
    draft_meeting = make_published_meeting("Họp nháp về Long Biên", chair=long_, attendees=["Nguyễn Văn Hải Long"],
                                           status=Status.DRAFT, date=datetime.date(2024, 5, 3))
    add_participation(draft_meeting, published["hai"])
    draft = make_article("Trần Hải Long nháp", body="Trần Hải Long và Nguyễn Văn Hải Long họp.", status=Status.DRAFT,
                         meetings=[draft_meeting], published_at=aware(2024, 5, 3))
    make_mention(draft, long_)
    make_mention(draft, published["hai"], name="Trần Hải")

    after = snapshot(client, urls)
    changed = [url for url in urls if before[url] != after[url]]
    assert changed == []
