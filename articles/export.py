"""CSV (streamed) and JSON (paged) versions of every public list, over the search's own lists.

CSV follows Django's "Streaming large CSV files": csv.writer over a pseudo-buffer, rows from
.values_list(...).iterator(chunk_size=2000), never model instances, so memory stays flat
whatever the number of rows. UTF-8 with a BOM (Excel then reads the Vietnamese right), and
cells that a spreadsheet would run as a formula get a leading apostrophe.
"""

import csv
import itertools
from collections import defaultdict

from django.conf import settings
from django.db import router, transaction
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article
from config.spreadsheets import neutralise
from people.models import Meeting, Participation, Role, Status

CHUNK = 2000


def _labels(choices):
    """Choice labels translated once per export (in the request's language), not once per row."""
    return {value: str(label) for value, label in choices}


class Echo:
    """An object that implements just the write method of the file-like interface."""

    def write(self, value):
        return value


ROWS_PER_CHUNK = 200  # one write to the socket per 200 rows rather than per row


def stream_csv(*, header, rows, filename, head=()):
    """``head``: rows already taken from ``rows`` (csv_response reads the first one in the view).
    ``rows`` is closed when the download ends, and when the response is closed before that (the
    client went away), even before the first chunk."""
    writer = csv.writer(Echo())

    def content():
        try:
            yield  # started below, so that closing it runs the ``finally`` even if nothing was read
            yield "\ufeff" + writer.writerow([neutralise(c) for c in header])
            lines = []
            for row in itertools.chain(head, rows):
                lines.append(writer.writerow([neutralise(c) for c in row]))
                if len(lines) >= ROWS_PER_CHUNK:
                    yield "".join(lines)
                    lines = []
            if lines:
                yield "".join(lines)
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()

    chunks = content()
    next(chunks)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


MEETING_FIELDS = ("id", "date", "date_text", "kind", "kind_text", "title", "place", "organizer__name")
ARTICLE_FIELDS = ("id", "published_at", "source__name", "headline", "byline", "url")


def _url_pattern(base, name, placeholder):
    """reverse() once, then str.format per row: reverse() for each of millions of rows is slow."""
    path = reverse(name, args=[placeholder])
    return (base + path.replace(str(placeholder), "{}")) if str(placeholder) in path else None


def _urls(base):
    return {
        "meeting": _url_pattern(base, "meeting-detail", 987654321),
        "article": _url_pattern(base, "article-detail", 987654321),
        "person": _url_pattern(base, "person-detail", "slug-placeholder-x"),
    }


PARTICIPATION_EXPORT_FIELDS = (
    "meeting_id",
    "meeting__date",
    "meeting__date_text",
    "meeting__kind",
    "meeting__title",
    "person__full_name",
    "person__slug",
    "name_as_written",
    "role",
    "titles_as_written",
)


def participation_export_rows(*, criteria, batch=2000):
    """Participation rows as tuples plus the published articles (url, id) reporting each meeting.

    Streams: the participations come through .iterator(chunk_size=batch), and the article links
    are fetched one batch of meetings at a time, so memory does not grow with the number of rows.
    The caller reads it inside one transaction (in_one_transaction), so that
    PostgreSQL's cursor is not WITH HOLD.
    """
    qs = search.search_participations(criteria=criteria).values_list(*PARTICIPATION_EXPORT_FIELDS)
    buffer = []
    for row in qs.iterator(chunk_size=batch):
        buffer.append(row)
        if len(buffer) >= batch:
            yield from _with_articles(buffer)
            buffer = []
    if buffer:
        yield from _with_articles(buffer)


def _with_articles(rows):
    meeting_ids = {row[0] for row in rows}
    links = defaultdict(list)
    for meeting_id, article_id, url in (
        Article.meetings.through.objects.filter(meeting_id__in=meeting_ids, article__status=Status.PUBLISHED)
        .order_by("article_id")
        .values_list("meeting_id", "article_id", "article__url")
    ):
        links[meeting_id].append((article_id, url))
    for row in rows:
        yield row, links.get(row[0], [])



def _meeting_rows(criteria, base):
    urls, kinds = _urls(base), _labels(Meeting.Kind.choices)
    qs = search.search_meetings(criteria=criteria).values_list(*MEETING_FIELDS)
    for pk, day, date_text, kind, kind_text, title, place, organizer in qs.iterator(chunk_size=CHUNK):
        yield (pk, day, date_text, kinds.get(kind, kind), kind_text, title, place, organizer,
               urls["meeting"].format(pk))


def _article_rows(criteria, base):
    urls = _urls(base)
    qs = search.search_articles(criteria=criteria).values_list(*ARTICLE_FIELDS)
    for pk, published_at, source, headline, byline, url in qs.iterator(chunk_size=CHUNK):
        yield (pk, published_at, source, headline, byline, url, urls["article"].format(pk))


def _participation_rows(criteria, base):
    urls, kinds, roles = _urls(base), _labels(Meeting.Kind.choices), _labels(Role.choices)
    for row, articles in participation_export_rows(criteria=criteria, batch=CHUNK):
        meeting_id, day, date_text, kind, title, full_name, slug, name, role, titles = row
        yield (
            day,
            date_text,
            kinds.get(kind, kind),
            title,
            urls["meeting"].format(meeting_id),
            full_name or "",
            urls["person"].format(slug) if slug else "",
            name,
            roles.get(role, role),
            "; ".join(str(t) for t in titles or []),
            " ".join(url for _, url in articles if url),
            " ".join(urls["article"].format(pk) for pk, _ in articles),
        )


CSV_HEADERS = {
    "meetings": ("id", "date", "date_text", "kind", "kind_as_written", "title", "place", "organizer", "page"),
    "articles": ("id", "published_at", "outlet", "headline", "byline", "source_url", "page"),
    "participations": (
        "meeting_date", "meeting_date_text", "meeting_kind", "meeting_title", "meeting_page",
        "person", "person_page", "name_as_written", "role", "titles_as_written", "source_urls", "article_pages",
    ),
}
CSV_ROWS = {"meetings": _meeting_rows, "articles": _article_rows, "participations": _participation_rows}
CSV_MODELS = {"meetings": Meeting, "articles": Article, "participations": Participation}


def in_one_transaction(rows, *, using, limit=None):
    """The first ``limit`` of ``rows`` (all when None), read inside one transaction on ``using``.

    It commits once the rows are out, and rolls back (it only read) when the generator is closed
    early: GeneratorExit leaves the ``with``. The rows' cursor is closed before the transaction ends.
    """
    # Django declares the server-side cursor WITH HOLD in autocommit, and PostgreSQL then computes every row first.
    with transaction.atomic(using=using):
        try:
            yield from itertools.islice(rows, limit)
        finally:
            rows.close()


DEFAULT_MAX_ROWS_ANONYMOUS = 100_000


def max_rows(request):
    """Rows an export may hold: settings.EXPORT_MAX_ROWS_ANONYMOUS for anonymous clients, no limit for staff."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return None
    return getattr(settings, "EXPORT_MAX_ROWS_ANONYMOUS", DEFAULT_MAX_ROWS_ANONYMOUS)


def csv_response(*, request, target, criteria, filename=None):
    """The streamed CSV. Capped for anonymous clients: one row past the cap is read, and when it
    exists the file stops at the cap and the response says so in ``X-Export-Truncated: <cap>``
    (a header, not a comment row that spreadsheets would read as data; one COUNT over at most
    cap + 1 rows tells)."""
    base = request.build_absolute_uri("/").rstrip("/")
    stamp = timezone.localdate().isoformat()
    limit = max_rows(request)
    truncated = False
    if limit is not None:
        truncated = search.capped_count(search.SEARCHES[target](criteria=criteria), cap=limit).capped
    # The database the rows are read from (the replica when one is configured, see config/db_router.py).
    using = router.db_for_read(CSV_MODELS[target])
    rows = in_one_transaction(CSV_ROWS[target](criteria, base), using=using, limit=limit)
    next_row = next(rows, None)  # runs the query and translates the labels now, in the request's language
    response = stream_csv(
        header=CSV_HEADERS[target],
        rows=rows,
        head=[next_row] if next_row is not None else [],
        filename=filename or f"vankho-{target}-{stamp}.csv",
    )
    response["X-Export-Max-Rows"] = str(limit) if limit is not None else "unlimited"
    if truncated:
        response["X-Export-Truncated"] = str(limit)
    return response


# --- JSON ------------------------------------------------------------------------------------


def _json_meeting(m, base):
    return {
        "id": m.pk,
        "url": base + m.get_absolute_url(),
        "date": m.date.isoformat() if m.date else None,
        "date_text": m.date_text,
        "kind": m.kind,
        "kind_label": str(m.get_kind_display()),
        "title": m.title,
        "place": m.place,
        "organizer": m.organizer.name if m.organizer else None,
    }


def _json_article(a, base):
    return {
        "id": a.pk,
        "url": base + a.get_absolute_url(),
        "headline": a.headline,
        "outlet": a.source.name if a.source else None,
        "published_at": timezone.localtime(a.published_at).isoformat() if a.published_at else None,
        "byline": a.byline,
        "source_url": a.url,
    }


def _json_participation(p, base):
    return {
        "meeting": _json_meeting(p.meeting, base),
        "person": (
            {"name": p.person.full_name, "slug": p.person.slug, "url": base + p.person.get_absolute_url()}
            if p.person
            else None
        ),
        "name_as_written": p.name_as_written,
        "role": p.role,
        "role_label": str(p.get_role_display()),
        "titles_as_written": list(p.titles_as_written or []),
    }


def json_response(*, request, target, criteria, per_page=50):
    base = request.build_absolute_uri("/").rstrip("/")
    qs = search.SEARCHES[target](criteria=criteria)
    if target == "participations":
        qs = qs.select_related("meeting__organizer", "person")
    page = search.page_of(qs, number=request.GET.get("page"), per_page=per_page)
    total = search.capped_count(search.SEARCHES[target](criteria=criteria))
    serialise = {"meetings": _json_meeting, "articles": _json_article, "participations": _json_participation}[target]

    def link(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(request.path + "?" + params.urlencode())

    return JsonResponse(
        {
            "count": total.value,
            "count_is_capped": total.capped,
            "page": page.number,
            "next": link(page.next_page_number) if page.has_next and page.number < search.MAX_PAGE else None,
            "previous": link(page.previous_page_number) if page.has_previous else None,
            "results": [serialise(item, base) for item in page.items],
        },
        json_dumps_params={"ensure_ascii": False},
    )
