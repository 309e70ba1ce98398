"""Measurements, each run in its own process by bench.worker against one archive.

- ``pages``: the public pages through Django's test client (DEBUG off, the real URLs and
  templates): the search mix (≥ 40 queries, facets included), the busiest and a typical person,
  meetings and articles; p50/p95 in ms, SQL queries per page (CaptureQueriesContext), and
  EXPLAIN (ANALYZE, BUFFERS) of the slowest SQL statements of the pages that matter.
- ``export_rows``: the streamed CSV export of N participations, or django-import-export's
  ParticipationResource().export() of the same rows; rows/s and the process's peak RSS (VmHWM).
- ``extraction``: articles.extraction.extract over generated texts, and underthesea over the same.
- ``ingestion``: ``manage.py ingest DIR`` over generated files, end to end, in a subprocess.

A piece that is not there yet (a URL not routed, a module not written) gives
{"missing": reason} instead of numbers, so the report says so instead of failing.
"""

import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.mix import busiest_and_typical, search_mix  # noqa: F401  (the mix is part of this module's API)

REPO = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- helpers


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def summary(timings_ms):
    if not timings_ms:
        return {"n": 0}
    return {
        "n": len(timings_ms),
        "p50": round(statistics.median(timings_ms), 1),
        "p95": round(percentile(timings_ms, 95), 1),
        "max": round(max(timings_ms), 1),
    }


def vm_hwm_kib():
    """Peak resident set size of this process, in KiB (Linux /proc, else getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reverse(candidates, **kwargs):
    from django.urls import NoReverseMatch, reverse

    for name in candidates:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None


def _client():
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="vi", raise_request_exception=False)


def _timed_get(client, url, data=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()

    def budget(execute, sql, params, many, context):
        # A page that has already spent REQUEST_BUDGET_MS runs no further statement (it becomes a 500).
        if (time.perf_counter() - started) * 1000 > REQUEST_BUDGET_MS:
            raise RequestBudgetExceeded(f"page over {REQUEST_BUDGET_MS} ms")
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(budget):
        response = client.get(url, data or {})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, response.status_code, len(content), ctx.captured_queries


def _page(client, url, *, runs, warmup):
    """One page timed ``runs`` times (after a warm-up): its row of the report, and the SQL of the last run."""
    if warmup:
        _timed_get(client, url)
    timings, queries, status, size = [], [], None, 0
    for _ in range(runs):
        ms, status, size, queries = _timed_get(client, url)
        timings.append(ms)
    return {"url": url, "status": status, "sql_queries": len(queries), "bytes": size, **summary(timings)}, queries


def _explain(sql):
    from django.db import DatabaseError, connection, transaction

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
    except DatabaseError as exc:  # cut by statement_timeout: the plan without execution
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        return f"(EXPLAIN ANALYZE stopped: {str(exc).strip()}; plan without ANALYZE:)\n" + plan


def _sql_ms(queries):
    """Time a page spent waiting for its SQL statements, in ms (Django records each to the millisecond)."""
    return sum(float(q["time"]) for q in queries) * 1000


def _slowest(queries, n=2):
    ranked = sorted(queries, key=lambda q: float(q["time"]), reverse=True)
    return [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"]} for q in ranked[:n]]


# ---------------------------------------------------------------- pages


SLOW_MS = 5000  # a search slower than this on its first run is not repeated
STATEMENT_TIMEOUT_MS = int(os.environ.get("BENCH_STATEMENT_TIMEOUT_MS", "5000"))
REQUEST_BUDGET_MS = int(os.environ.get("BENCH_REQUEST_BUDGET_MS", "10000"))


class RequestBudgetExceeded(Exception):
    pass


def _statement_timeout(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")


def _post_and_organization_urls():
    """[("post", url of the post whose holder has most evidence), ("organization", url of the one
    that organised most published meetings)]; None where the archive has none."""
    from django.db.models import Count
    from django.urls import reverse

    from people.models import Organization, Status, Tenure

    tenure = Tenure.objects.select_related("post").order_by("-evidence_count", "pk").first()
    org = (Organization.objects.filter(meetings__status=Status.PUBLISHED).annotate(n=Count("meetings"))
           .order_by("-n", "pk").first())
    return [
        ("post", reverse("post-detail", kwargs={"slug": tenure.post.slug}) if tenure else None),
        ("organization", reverse("organization-detail", kwargs={"slug": org.slug}) if org else None),
    ]


def pages(rounds=3, explain=True, seed=1, warmup=True, person_runs=None, sample=20, mix_limit=None):
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.db.models import Count

    from articles.models import Article
    from people.models import Meeting, Participation

    # What to measure is chosen first, without a time limit (at 1M, finding the busiest officials
    # groups 6 million participations: seconds, and not part of any page).
    out = {"statement_timeout_ms": STATEMENT_TIMEOUT_MS, "request_budget_ms": REQUEST_BUDGET_MS, "archive": {
        "articles": Article.objects.count(),
        "meetings": Meeting.objects.count(),
        "participations": Participation.objects.count(),
    }}
    client = _client()
    mix, busiest, typical = search_mix(seed)
    mix = mix[:mix_limit] if mix_limit else mix
    out["busiest"] = {"name": busiest.full_name, "meetings": busiest.participations.count()}
    out["typical"] = {"name": typical.full_name, "meetings": typical.participations.count()}
    top_meeting = (
        Participation.objects.values("meeting").annotate(n=Count("id")).order_by("-n").values_list("meeting", flat=True).first()
    )
    # Then bound the run: a statement slower than this is cancelled (the page then counts as a 500).
    connection_created.connect(_statement_timeout)
    if connection.connection is not None:
        _statement_timeout(None, connection)
    plans = {}

    # Search
    search_url = _reverse(["search", "articles:search", "article-search", "article-list", "home"])
    if search_url is None:
        out["search"] = {"missing": "no URL named search/article-search yet"}
    else:
        timings, broad, per_query, statuses, timed_out = [], [], [], {}, []
        in_sql, outside_sql = [], []  # of each timed page: its statements' time, and the rest (Django, templates)
        slowest = (0, None, None)
        for label, params, is_broad in mix:
            first = _timed_get(client, search_url, params) if warmup else None
            runs = []
            if first and (first[1] != 200 or first[0] > SLOW_MS):
                # Too slow to repeat (or cut by statement_timeout): the one run counts.
                runs, (ms, status, size, queries) = [first[0]], first
                statuses[status] = statuses.get(status, 0) + 1
                timed_out.append(label)
            for _ in range(rounds if not runs else 0):
                ms, status, size, queries = _timed_get(client, search_url, params)
                runs.append(ms)
                sql_ms = _sql_ms(queries)
                in_sql.append(sql_ms)
                outside_sql.append(ms - sql_ms)
                statuses[status] = statuses.get(status, 0) + 1
            timings += runs
            if is_broad:
                broad += runs
            med = statistics.median(runs)
            per_query.append({"label": label, "ms": round(med, 1), "queries": len(queries), "status": status, "bytes": size})
            if med > slowest[0]:
                slowest = (med, label, queries)
        out["search"] = {"url": search_url, "queries_in_mix": len(mix), **summary(timings),
                         "statements_max": max((r["queries"] for r in per_query), default=None),
                         "broad": summary(broad), "in_sql": summary(in_sql), "outside_sql": summary(outside_sql),
                         "statuses": statuses, "not_repeated": timed_out,
                         "slowest": sorted(per_query, key=lambda r: -r["ms"])[:8], "all": per_query}
        if explain and slowest[2]:
            plans[f"search (slowest query of the mix: {slowest[1]})"] = [
                {**q, "plan": _explain(q["sql"])} for q in _slowest(slowest[2], 3)
            ]
            # The facet counts of a broad query, on their own.
            _, _, _, queries = _timed_get(client, search_url, {"q": "công tác"})
            facet_sql = [q for q in queries if "COUNT(*)" in q["sql"]]
            if facet_sql:
                plans["facet counts (q=công tác)"] = [{**q, "plan": _explain(q["sql"])} for q in _slowest(facet_sql, 1)]

    # Person pages
    for who, person in (("busiest", busiest), ("typical", typical)):
        url = _reverse(["person-detail"], slug=person.slug)
        if url is None:
            out[f"person_{who}"] = {"missing": "no URL named person-detail yet"}
            continue
        out[f"person_{who}"], queries = _page(client, url, runs=person_runs or max(10, rounds * 5), warmup=warmup)
        if explain and who == "busiest":
            plans[f"person page ({person.full_name}, {out['busiest']['meetings']} meetings)"] = [
                {**q, "plan": _explain(q["sql"])} for q in _slowest(queries, 2)
            ]

    # Post and organisation pages (issue 15): the post the busiest holder holds and the organisation
    # that held most meetings; a constant number of SQL queries whatever the archive size.
    for kind, url in _post_and_organization_urls():
        if url is None:
            out[kind] = {"missing": f"no {kind} in this archive"}
            continue
        out[kind], queries = _page(client, url, runs=person_runs or max(10, rounds * 5), warmup=warmup)
        if explain:
            plans[f"{kind} page ({url})"] = [{**q, "plan": _explain(q["sql"])} for q in _slowest(queries, 2)]

    # Meeting and article pages: a fixed random sample, the busiest meeting included.
    rng = random.Random(seed)
    last = Meeting.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    meeting_ids = [top_meeting] + [rng.randint(1, last) for _ in range(sample - 1)]
    last_article = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    article_ids = [rng.randint(1, last_article) for _ in range(sample)]
    for kind, names, ids in (("meeting", ["meeting-detail"], meeting_ids), ("article", ["article-detail"], article_ids)):
        if _reverse(names, pk=1) is None:
            out[kind] = {"missing": f"no URL named {names[0]} yet"}
            continue
        runs, sql_counts, statuses = [], [], {}
        for pk in ids:
            url = _reverse(names, pk=pk)
            if warmup:
                _timed_get(client, url)
            for _ in range(rounds):
                ms, status, size, queries = _timed_get(client, url)
                runs.append(ms)
                statuses[status] = statuses.get(status, 0) + 1
            sql_counts.append(len(queries))
        out.setdefault("sample_paths", []).extend(_reverse(names, pk=pk) for pk in ids[:5])
        out[kind] = {"pages": len(ids), "statuses": statuses, "sql_queries_max": max(sql_counts),
                     "sql_queries_min": min(sql_counts), **summary(runs)}
    out["plans"] = plans
    return out


# ---------------------------------------------------------------- the URL mix of the two-instance load


LOAD_SEARCHES = ("Nguyễn", "chuyển đổi số", "dang uy", "sâm Ngọc Linh")


def load_paths(seed=1, sample=4):
    """The URL mix of the two-gunicorn load phase, found in the archive itself (no pages run needed).

    The busiest and a typical official's page, a few searches (a broad surname, a common phrase,
    a folded one, a rare one, the busiest's name), the meeting with most participants plus
    ``sample - 1`` other published meetings, and ``sample`` published articles (a fixed choice per
    seed). Returns {"paths": [...], "mix": "what they are"}.
    """
    from urllib.parse import urlencode

    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article
    from people.models import Meeting, Status

    rng = random.Random(seed)
    busiest, typical = busiest_and_typical()
    paths = [reverse("person-detail", kwargs={"slug": p.slug}) for p in (busiest, typical)]
    search = reverse("search")
    queries = (*LOAD_SEARCHES, busiest.full_name)
    paths += [search + "?" + urlencode({"q": q}) for q in queries]

    def pick(queryset, n):
        total = queryset.count()
        return [queryset[k] for k in sorted(rng.sample(range(total), min(n, total)))]

    published = Meeting.objects.filter(status=Status.PUBLISHED)
    top_meeting = published.annotate(n=Count("participations")).order_by("-n", "pk").values_list("pk", flat=True).first()
    others = published.exclude(pk=top_meeting).order_by("pk").values_list("pk", flat=True)
    meeting_ids = ([top_meeting] if top_meeting else []) + pick(others, sample - 1)
    articles = Article.objects.filter(status=Status.PUBLISHED).order_by("pk").values_list("pk", flat=True)
    article_ids = pick(articles, sample)
    paths += [reverse("meeting-detail", kwargs={"pk": pk}) for pk in meeting_ids]
    paths += [reverse("article-detail", kwargs={"pk": pk}) for pk in article_ids]
    mix = (f"{len(paths)} URLs: the busiest official's page ({busiest.participations.count()} meetings) and a typical "
           f"one's ({typical.participations.count()}), {len(queries)} searches ({', '.join(repr(q) for q in queries)}), "
           f"{len(meeting_ids)} meeting pages (the one with most participants included), {len(article_ids)} article pages")
    return {"paths": paths, "mix": mix}


# ---------------------------------------------------------------- CSV export


class _Staff:
    is_authenticated = True
    is_staff = True


def export_rows(rows, kind):
    """Export the first ``rows`` participations (by id) as CSV; kind "stream" or "import_export"."""
    from people.models import Participation

    base_rss = vm_hwm_kib()
    upper = Participation.objects.order_by("id").values_list("id", flat=True)[rows - 1 : rows].first()
    if upper is None:
        return {"missing": f"the archive holds fewer than {rows} participations"}
    queryset = Participation.objects.filter(id__lte=upper).order_by("id")
    started = time.perf_counter()
    written = 0
    if kind == "import_export":
        from people.admin import ParticipationResource

        dataset = ParticipationResource().export(queryset=queryset)
        data = dataset.csv
        written = len(data.encode())
        produced = len(dataset)
    else:
        try:
            from articles import export
            from articles.search import Criteria
        except ImportError as exc:
            return {"missing": f"articles.export: {exc}"}
        from django.test import RequestFactory

        # The public download exactly as served (StreamingHttpResponse over every published
        # participation), read until ``rows`` data rows have come out, as a client would.
        request = RequestFactory().get("/")
        # As staff: anonymous downloads stop at EXPORT_MAX_ROWS_ANONYMOUS (100 000 by default), so
        # the 1M-row memory measurement needs the unlimited download staff get.
        request.user = _Staff()
        response = export.csv_response(request=request, target="participations", criteria=Criteria())
        produced = -1  # the header line
        stream = iter(response.streaming_content)
        for chunk in stream:
            written += len(chunk)
            produced += chunk.count(b"\n")
            if produced >= rows:
                break
        # Stop the generator (and its server-side cursor) without response.close(), whose
        # request_finished signal would close the database connection.
        closer = getattr(getattr(response, "_iterator", None), "close", None)
        if closer:
            closer()
    seconds = time.perf_counter() - started
    # rows/s over the rows that actually came out (a capped download produced fewer than asked).
    return {"rows": rows, "produced": produced, "seconds": round(seconds, 2), "rows_per_s": round(produced / seconds),
            "bytes": written, "peak_rss_mib": round(vm_hwm_kib() / 1024, 1),
            "rss_before_mib": round(base_rss / 1024, 1)}


# ---------------------------------------------------------------- extraction


def extraction(count=2000, baseline_count=200, seed=7):
    from bench.synthetic import texts

    corpus = texts(count, seed=seed)
    out = {"texts": len(corpus), "avg_chars": round(sum(map(len, corpus)) / len(corpus))}
    try:
        from articles.extraction import extract
    except ImportError as exc:
        out["extract"] = {"missing": f"articles.extraction.extract: {exc}"}
    else:
        extract(corpus[0])
        started = time.perf_counter()
        found = 0
        for text in corpus:
            result = extract(text)
            found += len(getattr(result, "mentions", None) or getattr(result, "officials", None) or [])
        seconds = time.perf_counter() - started
        out["extract"] = {"articles": len(corpus), "seconds": round(seconds, 2), "articles_per_s": round(len(corpus) / seconds, 1),
                          "officials_found": found}
    subset = corpus[:baseline_count]
    if not subset:
        return out
    try:
        import underthesea
    except ImportError as exc:
        out["underthesea"] = {"missing": f"underthesea not installed ({exc}); make bench installs requirements-bench.txt"}
        return out
    out["underthesea_version"] = underthesea.__version__
    for name in ("ner", "pos_tag", "word_tokenize"):
        func = getattr(underthesea, name)
        try:
            func(subset[0][:500])
            started = time.perf_counter()
            for text in subset:
                # underthesea works sentence by sentence, as its documentation shows.
                for paragraph in text.split("\n"):
                    if paragraph.strip():
                        func(paragraph)
            seconds = time.perf_counter() - started
            out[f"underthesea_{name}"] = {"articles": len(subset), "seconds": round(seconds, 2),
                                          "articles_per_s": round(len(subset) / seconds, 2)}
        except Exception as exc:  # a model that wants a download, for instance
            out[f"underthesea_{name}"] = {"missing": f"{type(exc).__name__}: {exc}"[:300]}
    return out


# ---------------------------------------------------------------- ingestion


def ingestion(files=300, seed=11):
    """Write ``files`` generated articles to a temp dir and time ``manage.py ingest DIR``."""
    from articles.models import Article
    from bench.synthetic import texts

    if not (REPO / "articles" / "management" / "commands" / "ingest.py").exists():
        return {"missing": "manage.py ingest is not there yet"}
    before = Article.objects.count()
    with tempfile.TemporaryDirectory(prefix="vankho-bench-ingest-") as tmp:
        corpus = texts(files, seed=seed + int(time.time()) % 100000)  # new texts each run: no duplicates
        total = 0
        for i, text in enumerate(corpus):
            data = text.encode()
            total += len(data)
            Path(tmp, f"bai-{i:05d}.txt").write_bytes(data)
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "manage.py", "ingest", tmp], cwd=REPO, env=os.environ.copy(),
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
    after = Article.objects.count()
    out = {"files": files, "bytes": total, "seconds": round(seconds, 2), "files_per_s": round(files / seconds, 1),
           "articles_created": after - before, "exit": proc.returncode}
    if proc.returncode:
        out["stderr"] = proc.stderr[-1500:]
    return out
