"""Load test: gunicorn on PostgreSQL, N concurrent clients for S seconds, on 127.0.0.1 only.

Stdlib only (threads + urllib): no locust needed. Bounded twice: by time (``--seconds``) and by
a request budget (``--max-requests``). The mix is what the public does: searches (words,
phrases, filters, tabs), person pages, meeting and article pages, and CSV/JSON exports.

    python tests/load/loadtest.py --database-url postgres://postgres@127.0.0.1:5432/vankho_bench_20k \
        --clients 50 --seconds 60 --workers 4 [--report docs/BENCHMARKS.md]

Prints a JSON summary: requests, errors (any non-200 or network error, by kind), p50/p95/p99 and
the single-client p95 measured first on the same mix. ``--report`` appends (or replaces) the
"Load" section at the end of that Markdown file. The archive must exist (``make bench`` builds
``vankho_bench_2k/_20k/_200k``; the test suite's short form fills its own test database).
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

REPO = Path(__file__).resolve().parents[2]
QUERIES = ["hội nghị", "Nguyễn", "chuyển đổi số", "dang uy", "\"Ban Thường vụ\"", "tỉnh ủy", "kỳ họp", "giao thông", "xyzkhongco"]


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def server_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "load-test-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        # one client address makes every request: the anonymous rate limit is for the open internet
        "RATE_LIMIT_PAGES_PER_MINUTE": "0",
        "RATE_LIMIT_EXPORTS_PER_MINUTE": "0",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def mix(database_url, *, seed=1, persons=30):
    """The URL mix, from what the archive holds (published persons, meetings, articles)."""
    import psycopg

    dsn = database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(dsn) as conn:
        slugs = [r[0] for r in conn.execute(
            "select distinct p.slug from people_person p join people_participation pa on pa.person_id = p.id "
            "join people_meeting m on m.id = pa.meeting_id where m.status = 'published' limit %s", (persons,)
        )]
        meetings = [r[0] for r in conn.execute("select id from people_meeting where status = 'published' order by id desc limit 20")]
        articles = [r[0] for r in conn.execute("select id from articles_article where status = 'published' order by id desc limit 20")]
        sources = [r[0] for r in conn.execute("select slug from articles_source limit 5")]
    rng = random.Random(seed)
    paths = []
    for q in QUERIES:
        paths.append("/tim-kiem/?" + urlencode({"q": q}))
        paths.append("/tim-kiem/?" + urlencode({"q": q, "tab": "articles", "sort": "newest"}))
    for year in (2010, 2018, 2024):
        paths.append("/tim-kiem/?" + urlencode({"year": year, "kind": "hoi-nghi"}))
    for src in sources:
        paths.append("/tim-kiem/?" + urlencode({"source": src, "tab": "articles"}))
    for slug in slugs:
        paths.append(f"/nguoi/{quote(slug)}/")
        paths.append("/tim-kiem/?" + urlencode({"person": slug, "role": "chair"}))
    paths += [f"/cuoc-hop/{pk}/" for pk in meetings[:10]] + [f"/bai-bao/{pk}/" for pk in articles[:10]]
    exports = []
    for slug in slugs[:10]:
        exports.append("/tim-kiem/?" + urlencode({"person": slug, "tab": "participations", "format": "csv"}))
    for q in QUERIES[:4]:
        exports.append("/tim-kiem/?" + urlencode({"q": q, "format": "csv", "tab": "meetings"}))
        exports.append("/tim-kiem/?" + urlencode({"q": q, "format": "json", "tab": "articles"}))
    rng.shuffle(paths)
    # about one request in eight is an export
    weighted = paths + exports * max(1, len(paths) // (7 * max(1, len(exports))))
    rng.shuffle(weighted)
    return {"paths": weighted, "pages": len(paths), "exports": len(exports), "persons": len(slugs)}


def _wait_ready(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.3)
    return False


@contextmanager
def gunicorn(database_url, *, port, workers, threads=1, timeout=60):
    env = server_env(database_url)
    collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=REPO, env=env,
                               capture_output=True, text=True)
    if collected.returncode != 0:
        raise RuntimeError(collected.stderr[-2000:])
    cmd = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
           "--workers", str(workers), "--threads", str(threads), "--timeout", str(timeout), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        if not _wait_ready(port):
            proc.terminate()
            raise RuntimeError("gunicorn did not start: " + (proc.stderr.read() or "")[-2000:])
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(base, paths, *, clients, seconds, max_requests=None, request_timeout=30):
    """``clients`` threads loop over ``paths`` until ``seconds`` pass or ``max_requests`` are made."""
    assert urlsplit(base).hostname in ("127.0.0.1", "localhost"), "load only ever goes to this machine"
    lock = threading.Lock()
    timings, errors, by_kind = [], [], {}
    budget = [max_requests or 10**9]
    deadline = time.monotonic() + seconds

    def take():
        with lock:
            if budget[0] <= 0:
                return False
            budget[0] -= 1
            return True

    def client(n):
        i = n * 7
        while time.monotonic() < deadline and take():
            path = paths[i % len(paths)]
            i += 1
            kind = "export" if "format=" in path else ("person" if path.startswith("/nguoi/") else
                                                       "search" if path.startswith("/tim-kiem/") else "page")
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=request_timeout) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError as exc:
                status = f"{type(exc).__name__}"
            ms = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    timings.append(ms)
                    by_kind.setdefault(kind, []).append(ms)
                else:
                    errors.append((status, path))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    error_kinds = {}
    for status, _ in errors:
        error_kinds[str(status)] = error_kinds.get(str(status), 0) + 1
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(timings) + len(errors),
        "rps": round((len(timings) + len(errors)) / elapsed, 1), "errors": len(errors), "error_kinds": error_kinds,
        "error_samples": errors[:5],
        "p50_ms": round(statistics.median(timings), 1) if timings else None,
        "p95_ms": round(percentile(timings, 95), 1) if timings else None,
        "p99_ms": round(percentile(timings, 99), 1) if timings else None,
        "p95_by_kind_ms": {k: round(percentile(v, 95), 1) for k, v in sorted(by_kind.items())},
    }


def measure(database_url, *, clients, seconds, workers, port=8111, max_requests=None, single_seconds=None):
    plan = mix(database_url)
    with gunicorn(database_url, port=port, workers=workers) as base:
        run(base, plan["paths"], clients=2, seconds=3)  # warm-up: connections, caches
        single = run(base, plan["paths"], clients=1, seconds=single_seconds or max(5, seconds // 4))
        loaded = run(base, plan["paths"], clients=clients, seconds=seconds, max_requests=max_requests)
    return {"mix": {k: v for k, v in plan.items() if k != "paths"}, "workers": workers, "single": single, "load": loaded}


def markdown(result, *, archive):
    s, lo = result["single"], result["load"]
    kinds = ", ".join(f"{k} {v} ms" for k, v in lo["p95_by_kind_ms"].items())
    return "\n".join([
        "## Load",
        "",
        f"`make stress` (tests/load/loadtest.py): gunicorn `--workers {result['workers']}` on PostgreSQL, archive {archive}, "
        f"stdlib threaded clients on 127.0.0.1, rate limit off. Mix: {result['mix']['pages']} page/search URLs "
        f"(searches, filters, {result['mix']['persons']} person pages, meeting and article pages) and "
        f"{result['mix']['exports']} CSV/JSON exports (about one request in eight).",
        "",
        "| clients | seconds | requests | req/s | errors | p50 ms | p95 ms | p99 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| 1 | {s['seconds']} | {s['requests']} | {s['rps']} | {s['errors']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} |",
        f"| {lo['clients']} | {lo['seconds']} | {lo['requests']} | {lo['rps']} | {lo['errors']} | {lo['p50_ms']} | {lo['p95_ms']} | {lo['p99_ms']} |",
        "",
        f"p95 under load by kind: {kinds}. Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores "
        "(server and clients on the same machine). With 50 clients the server is saturated: every request waits "
        f"for a free worker, so latency is about clients ÷ throughput ({lo['clients']} ÷ {lo['rps']} req/s ≈ "
        f"{round(lo['clients'] / lo['rps'], 1) if lo['rps'] else '?'} s); the point of this run is 0 errors and no "
        "collapse, the single-client row is the latency a visitor sees.",
        "",
    ])


def write_report(path, section):
    path = Path(path)
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    text = re.sub(r"\n## Load\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip() + "\n\n" + section
    path.write_text(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vankho_bench_20k"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--report", help="append/replace the Load section of this Markdown file")
    args = parser.parse_args(argv)
    result = measure(args.database_url, clients=args.clients, seconds=args.seconds, workers=args.workers,
                     port=args.port, max_requests=args.max_requests)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.report:
        write_report(args.report, markdown(result, archive=args.database_url.rsplit("/", 1)[-1]))
    return 1 if result["load"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
