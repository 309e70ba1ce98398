"""What an anonymous visitor can reach: published material only, whatever they ask for.

A draft article, a draft meeting, a person known only from drafts, staff notes and original
uploads each carry a unique marker word; every public URL (pages, search with every tab and
facet, CSV, JSON, autocomplete) is asked for them directly and by search, and must answer 404
or leave them out. Then hypothesis throws arbitrary query strings at search, CSV and JSON:
always 200 or 400, never 500, never a marker.
"""

import datetime
import html
import string
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Mention
from people.models import Meeting, Person, Status
from tests.factories import (
    add_participation,
    aware,
    make_article,
    make_mention,
    make_organization,
    make_published_meeting,
    make_source,
)

pytestmark = pytest.mark.django_db

# Words a visitor may type (queried below) ...
SECRETS = ("Bannhapxyzq", "Ghichunoibozq", "Nguyenmatkinh", "Hopnhapkinzq", "Tochucnhapzq", "Nguonnhapzq", "Goccamxemzq")
# ... and, next to each, a telltale nobody types: if a telltale shows up, hidden material leaked.
TELLTALE = "lotelltale"


@pytest.fixture
def archive(db):
    """Published material, and next to it drafts that must stay invisible."""
    src = make_source("Báo Công Khai")
    leader = Person.objects.create(full_name="Phan Văn Công Khai")
    public_meeting = make_published_meeting("Hội nghị công khai về giao thông", chair=leader)
    public_article = make_article(
        "Hội nghị công khai về giao thông", body="Đồng chí Phan Văn Công Khai chủ trì hội nghị công khai.",
        source=src, meetings=[public_meeting], staff_notes="Ghichunoibozq Lotelltaleac: chưa kiểm tra chức danh",
    )
    make_mention(public_article, leader)

    # drafts: an article with a draft meeting, a person only drafts know, an outlet and an organisation only drafts use
    hidden_person = Person.objects.create(full_name="Nguyenmatkinh Lotelltalead Ẩn")
    hidden_src = make_source("Nguonnhapzq Lotelltaleag")
    hidden_org = make_organization("Tochucnhapzq Lotelltaleaf")
    draft_meeting = make_published_meeting("Hopnhapkinzq Lotelltaleae bàn việc nội bộ", status=Status.DRAFT, date=datetime.date(1987, 5, 5))
    draft_meeting.organizer = hidden_org
    draft_meeting.save()
    add_participation(draft_meeting, hidden_person, role="chair")
    add_participation(draft_meeting, leader, role="attendee")
    draft = make_article(
        "Bannhapxyzq Lotelltaleaa: dự thảo chưa duyệt", body="Bannhapxyzq Lotelltaleab. Nguyenmatkinh Lotelltalead Ẩn phát biểu.",
        status=Status.DRAFT, source=hidden_src, meetings=[draft_meeting], organizations=[hidden_org],
        staff_notes="Ghichunoibozq Lotelltaleac",
        published_at=aware(1987, 5, 5),
    )
    make_mention(draft, hidden_person)
    draft.original.content = b"Goccamxemzq Lotelltaleah original bytes"
    draft.original.save()
    # a published article's unresolved mention: its name is text, never a person
    unresolved = make_article("Tin có tên chưa xác định", body="Ông Lò Vô Danh dự họp.", source=src)
    Mention.objects.create(article=unresolved, name_as_written="Lò Vô Danh")
    return {
        "public_meeting": public_meeting, "public_article": public_article, "leader": leader,
        "draft": draft, "draft_meeting": draft_meeting, "hidden_person": hidden_person,
        "hidden_src": hidden_src, "hidden_org": hidden_org,
    }


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_no_secret(text, where):
    """No telltale in the response, once what the visitor typed (echoed in the form, the title) is removed."""
    query = parse_qsl(urlsplit(where).query, keep_blank_values=True) if where.startswith("/") else [("", where)]
    for _, value in query:
        if value:
            for form in {value, html.escape(value), html.escape(value, quote=False), quote_plus(value), quote(value)}:
                text = text.replace(form, "")
    lowered = text.lower()
    at = lowered.find(TELLTALE)
    assert at < 0, f"hidden material leaked at {where}: ...{text[max(0, at - 200):at + 100]}..."


def test_draft_objects_are_404(client, archive):
    assert client.get(f"/bai-bao/{archive['draft'].pk}/").status_code == 404
    assert client.get(f"/cuoc-hop/{archive['draft_meeting'].pk}/").status_code == 404
    assert client.get(f"/nguoi/{archive['hidden_person'].slug}/").status_code == 404
    assert client.get("/bai-bao/999999/").status_code == 404
    # and the published ones are there (the tests would pass vacuously otherwise)
    assert client.get(f"/bai-bao/{archive['public_article'].pk}/").status_code == 200
    assert client.get(f"/cuoc-hop/{archive['public_meeting'].pk}/").status_code == 200
    assert client.get(f"/nguoi/{archive['leader'].slug}/").status_code == 200


def test_an_unresolved_mention_is_never_a_person(client, archive):
    response = client.get("/api/nguoi/?q=Lò+Vô")
    assert "Vô Danh" not in body_of(response)
    assert not Person.objects.filter(full_name__icontains="Vô Danh").exists()


PUBLIC_PAGES = [
    "/", "/tim-kiem/", "/tim-kiem/?tab=articles", "/tim-kiem/?tab=participations",
    "/tim-kiem/?year=1987", "/tim-kiem/?date_from=1987-01-01&date_to=1987-12-31&tab=articles",
]


def all_public_urls(archive):
    urls = list(PUBLIC_PAGES)
    for secret in SECRETS + ("Nguyenmatkinh Ẩn", "1987", "dự thảo chưa duyệt", "bàn việc nội bộ", "phát biểu"):
        for tab in ("meetings", "articles", "participations"):
            base = {"q": secret, "tab": tab}
            urls += [f"/tim-kiem/?{urlencode(base)}", f"/tim-kiem/?{urlencode({**base, 'format': 'csv'})}",
                     f"/tim-kiem/?{urlencode({**base, 'format': 'json'})}"]
        urls.append(f"/api/nguoi/?{urlencode({'q': secret})}")
    for tab in ("meetings", "articles", "participations"):
        for params in (
            {"person": archive["hidden_person"].slug}, {"person": "Nguyenmatkinh Ẩn"}, {"person": archive["leader"].slug},
            {"kind": "hoi-nghi"}, {},
        ):
            for fmt in (None, "csv", "json"):
                query = {**params, "tab": tab, **({"format": fmt} if fmt else {})}
                urls.append(f"/tim-kiem/?{urlencode(query)}")
    urls += [f"/nguoi/{archive['leader'].slug}/", f"/cuoc-hop/{archive['public_meeting'].pk}/",
             f"/bai-bao/{archive['public_article'].pk}/"]
    return urls


def test_no_public_url_shows_a_draft_a_staff_note_or_an_original(client, archive):
    urls = all_public_urls(archive)
    assert len(urls) > 100
    assert TELLTALE in Article.objects.get(pk=archive["draft"].pk).headline.lower()
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        assert_no_secret(body_of(response), url)


@pytest.mark.parametrize("param", ["source", "org"])
def test_a_draft_only_outlet_or_organisation_is_not_named(client, archive, param):
    slug = archive["hidden_src" if param == "source" else "hidden_org"].slug
    for tab in ("meetings", "articles", "participations"):
        for fmt in (None, "csv", "json"):
            query = {param: slug, "tab": tab, **({"format": fmt} if fmt else {})}
            url = f"/tim-kiem/?{urlencode(query)}"
            response = client.get(url)
            assert response.status_code in (200, 400)
            assert_no_secret(body_of(response), url)


def test_facet_counts_and_totals_count_published_material_only(client, archive):
    meetings = client.get("/tim-kiem/?format=json&tab=meetings").json()
    assert meetings["count"] == Meeting.objects.filter(status=Status.PUBLISHED).count()
    articles = client.get("/tim-kiem/?format=json&tab=articles").json()
    assert articles["count"] == Article.objects.filter(status=Status.PUBLISHED).count()
    leader_json = client.get(f"/tim-kiem/?format=json&tab=participations&person={archive['leader'].slug}").json()
    assert leader_json["count"] == 1  # the draft meeting he attended is not counted
    page = body_of(client.get("/tim-kiem/"))
    assert "1987" not in page  # a year only drafts have is not a facet


def test_the_admin_original_and_staff_pages_need_a_login(client, archive):
    for url in (
        f"/admin/articles/original/{archive['draft'].original.pk}/change/",
        f"/admin/articles/article/{archive['draft'].pk}/change/",
        f"/admin/people/meeting/{archive['draft_meeting'].pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert_no_secret(body_of(response), url)


# ------------------------------------------------------------------------------------ fuzzing

KEYS = ["q", "person", "role", "date_from", "date_to", "year", "month", "source", "org", "kind", "sort", "tab",
        "format", "page", "csrfmiddlewaretoken", "q[]", "", "year__gte", "%00"]

nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=string.printable, max_size=40),
    st.sampled_from([
        "' OR 1=1 --", "\"; DROP TABLE articles_article; --", "%", "_", "\\", "*", "(", ")", "&", "|", "!", ":*",
        "<script>alert(1)</script>", "1987-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "-1", "0", "1e309",
        "NaN", "99999999999999999999", "-99999999999999", "1.5", "hội nghị", "HỘI NGHỊ", "ho^i nghi", "\u0000",
        "\ud7ff", "\ufeff", "a" * 5000, "x " * 800, "Bannhapxyzq", "Nguyenmatkinh", "draft", "published",
        "nguyenmatkinh-van-an", "csv", "json", "xml", "participations", "meetings", "articles", "chair", "attend",
        "newest", "oldest", "relevance", "hoi-nghi", "bao-nguonnhapzq", "tochucnhapzq-tinh", "1900", "2100", "1899",
    ]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.dates().map(lambda d: d.isoformat()),
)
query = st.lists(st.tuples(st.sampled_from(KEYS), nasty_text), max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pairs=query, fmt=st.sampled_from([None, "csv", "json"]))
def test_fuzzed_search_csv_and_json_never_fail_and_never_leak(client, archive, pairs, fmt):
    pairs = [(k, v.replace("\x00", "")) for k, v in pairs]  # a NUL never leaves a browser's URL bar
    if fmt:
        pairs = [(k, v) for k, v in pairs if k != "format"] + [("format", fmt)]
    url = "/tim-kiem/?" + urlencode(pairs)
    response = client.get(url)
    assert response.status_code in (200, 400), (url, response.status_code)
    assert_no_secret(body_of(response), url)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=nasty_text)
def test_fuzzed_autocomplete_and_detail_urls(client, archive, value):
    value = value.replace("\x00", "")
    response = client.get("/api/nguoi/?" + urlencode({"q": value}))
    assert response.status_code in (200, 400)
    assert_no_secret(body_of(response), value)
    slug = "".join(c for c in value if c.isalnum() or c in "-_")[:80] or "x"
    response = client.get(f"/nguoi/{slug}/")
    assert response.status_code in (200, 301, 404)


def test_raw_nul_and_broken_percent_encoding_in_the_query_string(client, archive):
    for raw in ("q=%00", "q=%FF%FE", "q=%", "year=%E0%A4%A", "page=%00&tab=%00", "q=" + "%F0%9F%8F%9B" * 300):
        response = client.get("/tim-kiem/?" + raw)
        assert response.status_code in (200, 400), (raw, response.status_code)
        for fmt in ("csv", "json"):
            response = client.get(f"/tim-kiem/?{raw}&format={fmt}")
            assert response.status_code in (200, 400), (raw, fmt, response.status_code)
            body_of(response)
