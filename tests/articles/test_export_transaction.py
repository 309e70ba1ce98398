"""CSV exports stream inside one transaction: PostgreSQL then declares the cursor WITHOUT HOLD (a
WITH HOLD cursor is computed whole before the first row leaves), and the transaction ends with the
download, whether it is read to the end, stopped early, or stopped at the anonymous cap.

The test client does not close a streamed response a test never reads (a WSGI server always
does), so every export requested in the tests is read to its end or closed."""

import pytest
from django.db import connection
from django.urls import reverse

from articles import export
from tests.factories import make_article, make_person, make_published_meeting

EXPORTS = [{"tab": "meetings"}, {"tab": "articles"}, {"tab": "participations"}]


def read_csv(response):
    """Every line of the export: read to the end, which ends its transaction."""
    return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()


def _small_archive():
    """Three of each: meetings, articles, participations."""
    for i in range(3):
        article = make_article(f"Thành uỷ họp phiên {i}")
        make_published_meeting(f"Hội nghị {i}", chair=make_person(f"Cán Bộ Số {i}"), article=article)


@pytest.mark.django_db(transaction=True)  # autocommit, as in production: no test transaction around the request
@pytest.mark.parametrize("params", EXPORTS, ids=lambda p: p["tab"])
def test_csv_export_reads_in_one_transaction_that_ends_with_the_download(client, settings, params):
    _small_archive()
    response = client.get(reverse("search"), {"format": "csv", **params})
    assert connection.in_atomic_block  # the view read the first row inside it
    assert len(read_csv(response)) == 1 + 3
    assert not connection.in_atomic_block
    # stopped early, as when the client goes away: the WSGI server closes the response
    response = client.get(reverse("search"), {"format": "csv", **params})
    next(iter(response.streaming_content))
    response.close()
    assert not connection.in_atomic_block
    # closed before a single chunk was read
    response = client.get(reverse("search"), {"format": "csv", **params})
    assert connection.in_atomic_block
    response.close()
    assert not connection.in_atomic_block
    # the anonymous cap: the transaction ends at the cap, not when the generator is collected
    settings.EXPORT_MAX_ROWS_ANONYMOUS = 2
    response = client.get(reverse("search"), {"format": "csv", **params})
    assert len(read_csv(response)) == 1 + 2 and response["X-Export-Truncated"] == "2"
    assert not connection.in_atomic_block


def _open_cursors():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, is_holdable FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
        return cursor.fetchall()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)  # autocommit: where Django declares server-side cursors WITH HOLD
@pytest.mark.parametrize("params", EXPORTS, ids=lambda p: p["tab"])
def test_csv_export_cursor_is_not_with_hold(client, monkeypatch, params):
    """A WITH HOLD cursor makes PostgreSQL compute the whole result before the first row is sent
    (at 200k articles: 0.3-0.8 s for meetings and articles, 8.6 s for participations; without hold
    the first chunk left within 0.1 s)."""
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are a PostgreSQL matter")
    _small_archive()
    # Two rows a fetch: the cursor is still open (and visible in pg_cursors) after the first row.
    monkeypatch.setattr(export, "CHUNK", 2)
    response = client.get(reverse("search"), {"format": "csv", **params})
    cursors = _open_cursors()  # the view has read the first row: the export's cursor is open
    assert cursors, "no server-side cursor open while the export streams"
    assert [held for _, held in cursors] == [False] * len(cursors), cursors
    assert len(read_csv(response)) == 1 + 3
    assert _open_cursors() == []
