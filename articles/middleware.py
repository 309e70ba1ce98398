"""Rate limiting for anonymous clients: a small fixed-window counter in Django's cache.

Each anonymous client (by IP address) gets a budget of requests per minute for ordinary pages
and a smaller one for exports (``?format=csv`` / ``?format=json``), which cost the database
far more. Over budget, the client gets 429 Too Many Requests with ``Retry-After`` (seconds to
the end of the window) and a message it can show: a page saying so for a browser (the CSV link
then leads to it, not to a silent failed download), ``{"error": …, "retry_after": …}`` for a JSON
client (``format=json`` or ``Accept: application/json``), and otherwise one line in Vietnamese
and English. Logged-in staff, static files and the admin (which django-axes guards) are never
limited.

Settings (defaults in code):

    RATE_LIMIT_PAGES_PER_MINUTE     default 120; 0 turns the page limit off
    RATE_LIMIT_EXPORTS_PER_MINUTE   default 10;  0 turns the export limit off
    EXPORT_MAX_ROWS_ANONYMOUS       rows per anonymous export: enforced by articles/export.py (its default)
    RATE_LIMIT_TRUSTED_PROXY_HEADER default None; e.g. "HTTP_X_FORWARDED_FOR" behind a proxy that
                                    sets it (the LAST address of that header is used: the one the
                                    proxy saw, which a client cannot forge)

The counter is shared by every worker only if CACHES uses a shared backend (the database cache
that CACHE_TABLE selects, Redis, Memcached); with the default per-process memory cache each worker
counts on its own, so the effective budget is the per-worker budget times the number of workers.

Counting is atomic on each of them (``hit``): the memory cache's add()/incr() hold its lock, Redis'
and Memcached's are single server commands, and Django's database cache (whose incr() is a read
then a write) is counted under a row lock instead. A count read then written let 163 of 300
concurrent requests through a budget of 120.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

WINDOW = 60  # seconds
EXPORT_FORMATS = ("csv", "json")

DEFAULT_PAGES_PER_MINUTE = 120
DEFAULT_EXPORTS_PER_MINUTE = 10

MESSAGE = (
    "Quá nhiều yêu cầu từ địa chỉ của bạn: hãy thử lại sau {seconds} giây.\n"
    "Too many requests from your address: please try again in {seconds} seconds.\n"
)


def client_ip(request):
    header = getattr(settings, "RATE_LIMIT_TRUSTED_PROXY_HEADER", None)
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _exempt(request):
    path = request.path_info
    static = "/" + (getattr(settings, "STATIC_URL", "static/") or "static/").lstrip("/")
    return path.startswith(static) or path.startswith("/admin/")


def is_export(request):
    return request.GET.get("format") in EXPORT_FORMATS


class RateLimitMiddleware:
    """Place after AuthenticationMiddleware (it needs request.user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated) and not _exempt(request):
            refusal = self._check(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _check(self, request):
        export = is_export(request)
        if export:
            budget = getattr(settings, "RATE_LIMIT_EXPORTS_PER_MINUTE", DEFAULT_EXPORTS_PER_MINUTE)
        else:
            budget = getattr(settings, "RATE_LIMIT_PAGES_PER_MINUTE", DEFAULT_PAGES_PER_MINUTE)
        if not budget:
            return None
        now = time.time()
        window = int(now // WINDOW)
        key = f"ratelimit:{'export' if export else 'page'}:{client_ip(request)}:{window}"
        cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
        count = hit(cache, key, timeout=WINDOW + 5)
        if count <= budget:
            return None
        retry_after = max(1, int((window + 1) * WINDOW - now) + 1)
        response = refusal(request, retry_after=retry_after, export=export)
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
        return response


def _wants_json(request):
    accept = request.headers.get("Accept", "")
    return request.GET.get("format") == "json" or ("application/json" in accept and "text/html" not in accept)


def refusal(request, *, retry_after, export):
    """The 429 answer in the form the client reads: JSON, a page, or a line of text."""
    message = MESSAGE.format(seconds=retry_after)
    if _wants_json(request):
        return JsonResponse({"error": " ".join(message.split("\n")).strip(), "retry_after": retry_after}, status=429)
    if "text/html" in request.headers.get("Accept", ""):
        back = request.GET.copy()
        back.pop("format", None)
        if export and back.get("tab") == "participations":
            back.pop("tab")
        return render(
            request,
            "articles/rate_limited.html",
            {"retry_after": retry_after, "export": export, "back": f"{request.path}?{back.urlencode()}" if back else request.path},
            status=429,
        )
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")


def hit(cache, key, *, timeout):
    """Add one to the counter ``key`` (created at 1) and return the new count, atomically."""
    if isinstance(cache, DatabaseCache):
        return _hit_database(cache, key, timeout=timeout)
    while True:
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr(): start it again
            continue


def _hit_database(cache, key, *, timeout):
    """Django's DatabaseCache.incr() reads, then writes: two requests read the same count. Here
    the row is locked first (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite), so
    concurrent hits queue up; the first hit of a window inserts the row, and a concurrent first
    hit that loses that race (unique key) locks the row the winner made."""
    using = router.db_for_write(cache.cache_model_class)
    connection = connections[using]
    table = connection.ops.quote_name(cache._table)
    db_key = cache.make_and_validate_key(key)
    with transaction.atomic(using=using):
        for _ in range(2):
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET expires = expires WHERE cache_key = %s", [db_key])
                locked = cursor.rowcount > 0
            if locked:
                break
            if cache.add(key, 1, timeout=timeout):  # a savepoint of its own: a lost race leaves this one usable
                return 1
        count = (cache.get(key) or 0) + 1  # an expired row reads as None: a new window
        cache.set(key, count, timeout=timeout)
        return count
