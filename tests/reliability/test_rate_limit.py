"""Anonymous clients get a per-minute budget for pages and a smaller one for CSV/JSON exports.

Runs with articles.middleware.RateLimitMiddleware inserted after AuthenticationMiddleware (until
the lead adds it to settings.MIDDLEWARE, where these tests keep working unchanged).
"""

import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from tests.factories import make_article, make_published_meeting

pytestmark = pytest.mark.django_db

RATE_LIMIT = "articles.middleware.RateLimitMiddleware"


def with_rate_limit():
    middleware = [m for m in settings.MIDDLEWARE if m != RATE_LIMIT]
    at = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    return middleware[:at] + [RATE_LIMIT] + middleware[at:]


@pytest.fixture(autouse=True)
def limited(monkeypatch):
    import articles.middleware as mw

    # A fixed clock at the start of a minute: on the real clock a test that crossed a minute
    # boundary started a fresh window halfway (seen once in CI: 200 where 429 was due).
    monkeypatch.setattr(mw, "time", SimpleNamespace(time=lambda: 1_000_000 * 60 + 1.0))
    cache.clear()
    with override_settings(MIDDLEWARE=with_rate_limit(), RATE_LIMIT_PAGES_PER_MINUTE=5, RATE_LIMIT_EXPORTS_PER_MINUTE=2):
        yield
    cache.clear()


def test_pages_over_budget_get_429_with_retry_after_and_a_clear_message(client):
    for _ in range(5):
        assert client.get("/").status_code == 200
    refused = client.get("/tim-kiem/?q=hội+nghị")
    assert refused.status_code == 429
    retry = int(refused["Retry-After"])
    assert 1 <= retry <= 61
    text = refused.content.decode()
    assert "thử lại sau" in text and "try again" in text and str(retry) in text


def test_exports_have_their_own_smaller_budget(client):
    make_article()
    for _ in range(2):
        response = client.get("/tim-kiem/?format=csv&tab=articles")
        assert response.status_code == 200
        b"".join(response.streaming_content)
    assert client.get("/tim-kiem/?format=json").status_code == 429
    # ordinary pages still have their budget
    assert client.get("/").status_code == 200


def test_each_address_has_its_own_budget(client):
    for _ in range(5):
        client.get("/", REMOTE_ADDR="10.0.0.1")
    assert client.get("/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_forged_forwarded_for_header_does_not_reset_the_budget(client):
    for i in range(6):
        last = client.get("/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}")
    assert last.status_code == 429


@override_settings(RATE_LIMIT_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_trusted_proxy_the_address_the_proxy_saw_counts(client):
    for _ in range(5):
        client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="forged, 203.0.113.7")
    assert client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 200


def test_staff_and_the_admin_are_not_limited(client, staff_user):
    for _ in range(7):
        assert client.get("/admin/login/").status_code == 200  # axes guards the admin
    client.force_login(staff_user)
    for _ in range(7):
        assert client.get("/").status_code == 200
        assert client.get("/tim-kiem/?format=json").status_code == 200


def test_static_files_are_not_counted(client):
    for _ in range(8):
        client.get("/static/does-not-matter.css")
    assert client.get("/").status_code == 200


@override_settings(RATE_LIMIT_PAGES_PER_MINUTE=0)
def test_zero_turns_the_limit_off(client):
    for _ in range(12):
        assert client.get("/").status_code == 200


def test_the_window_resets(client, monkeypatch):
    import articles.middleware as mw

    now = [1_000_000 * 60 + 1.0]
    monkeypatch.setattr(mw.time, "time", lambda: now[0])
    for _ in range(5):
        client.get("/")
    assert client.get("/").status_code == 429
    now[0] += 60
    assert client.get("/").status_code == 200


@override_settings(EXPORT_MAX_ROWS_ANONYMOUS=3, RATE_LIMIT_EXPORTS_PER_MINUTE=100)
def test_anonymous_csv_exports_are_capped(client):
    for i in range(6):
        make_published_meeting(title=f"Phiên họp giới hạn số {i}")
    response = client.get("/tim-kiem/?format=csv&tab=meetings")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    data_rows = [r for r in rows[1:] if re.match(r"^\d+,", r)]
    assert len(data_rows) <= 3


# ------------------------------------------------------------------------- under concurrency

BUDGET = 30


def _hammer(*, threads, requests_each, export=False):
    """``threads`` anonymous clients from one address at once; returns the status codes."""
    import threading

    from django.db import connections
    from django.test import RequestFactory

    from articles.middleware import RateLimitMiddleware

    middleware = RateLimitMiddleware(lambda request: __import__("django.http").http.HttpResponse("ok"))
    codes, lock, start = [], threading.Lock(), threading.Barrier(threads)

    def client():
        from django.contrib.auth.models import AnonymousUser

        try:
            start.wait()
            for _ in range(requests_each):
                request = RequestFactory().get("/tim-kiem/", {"format": "json"} if export else {}, REMOTE_ADDR="10.9.9.9")
                request.user = AnonymousUser()
                code = middleware(request).status_code
                with lock:
                    codes.append(code)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return codes


@pytest.mark.django_db(transaction=True)
@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-limit-threads"}},
    RATE_LIMIT_PAGES_PER_MINUTE=BUDGET,
)
def test_the_budget_holds_under_concurrent_requests_with_the_memory_cache():
    codes = _hammer(threads=24, requests_each=5)
    assert len(codes) == 120 and codes.count(200) == BUDGET and codes.count(429) == 120 - BUDGET


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_budget_holds_under_concurrent_requests_with_the_shared_database_cache(settings):
    """The deployment the docs recommend for several workers: CACHE_TABLE (Django's DatabaseCache)."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the shared database cache is for PostgreSQL deployments (docs/DEPLOY.md)")
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rate_limit_test_cache"}},
        RATE_LIMIT_PAGES_PER_MINUTE=BUDGET,
        RATE_LIMIT_EXPORTS_PER_MINUTE=10,
    ):
        call_command("createcachetable", verbosity=0)
        pages = _hammer(threads=24, requests_each=5)
        exports = _hammer(threads=20, requests_each=2, export=True)
    assert len(pages) == 120 and pages.count(200) == BUDGET
    assert len(exports) == 40 and exports.count(200) == 10


def test_a_browser_over_its_export_budget_sees_a_page_saying_so(client):
    make_article()
    for _ in range(2):
        b"".join(client.get("/tim-kiem/?q=x&format=csv&tab=articles").streaming_content)
    refused = client.get("/tim-kiem/?q=x&format=csv&tab=articles", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert refused.status_code == 429 and refused["Content-Type"].startswith("text/html")
    html = refused.content.decode()
    retry = int(refused["Retry-After"])
    assert f"Bạn đã tải về quá nhiều tệp trong một phút. Hãy thử lại sau {retry} giây." in html
    assert 'href="/tim-kiem/?q=x&amp;tab=articles"' in html  # back to the results, not to the file


def test_json_clients_over_budget_get_json_with_retry_after(client):
    for _ in range(2):
        client.get("/tim-kiem/?format=json")
    for refused in (
        client.get("/tim-kiem/?format=json"),
        client.get("/tim-kiem/?format=json", HTTP_ACCEPT="text/html"),  # format=json decides
    ):
        assert refused.status_code == 429 and refused["Content-Type"] == "application/json"
        body = refused.json()
        assert body["retry_after"] == int(refused["Retry-After"]) and 1 <= body["retry_after"] <= 61
        assert "try again" in body["error"] and "thử lại sau" in body["error"]
    for _ in range(5):
        client.get("/")
    page = client.get("/api/nguoi/?q=a", HTTP_ACCEPT="application/json")
    assert page.status_code == 429 and set(page.json()) == {"error", "retry_after"}
