"""The benchmark's own PostgreSQL databases: one per archive size, built once, reused.

DATABASE_URL (default postgres://postgres@127.0.0.1:5432/vankho_bench) names the base; the
archives live in ``<base>_2k``, ``<base>_20k``, ``<base>_200k`` (and ``<base>_ingest``, a
scratch copy for the ingestion run). Each holds a ``bench_marker`` row (size, seed, counts,
build time): a database whose marker matches is reused as is, a bigger archive starts as a
``CREATE DATABASE ... TEMPLATE`` copy of the next smaller complete one and only the missing
articles are generated, and a database without a matching marker (an interrupted build) is
dropped and built again. Dev and test databases are never touched.
"""

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vankho_bench"
MARKER_DDL = """
CREATE TABLE IF NOT EXISTS bench_marker (
    size integer NOT NULL, seed integer NOT NULL, articles integer NOT NULL, persons integer NOT NULL,
    participations bigint NOT NULL, built_at timestamptz NOT NULL DEFAULT now(), build_seconds real NOT NULL
)
"""


def base_url():
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit(f"make bench needs PostgreSQL; DATABASE_URL is {url!r}")
    return url


def label(size):
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def url_for(base, suffix):
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "vankho_bench"
    return urlunsplit(parts._replace(path=f"/{name}_{suffix}"))


def db_name(url):
    return urlsplit(url).path.lstrip("/")


def admin_connect(url):
    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def exists(url):
    with admin_connect(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name(url)]).fetchone() is not None


def marker(url):
    """The marker row of a built archive, or None."""
    if not exists(url):
        return None
    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('bench_marker')").fetchone()[0] is None:
            return None
        row = conn.execute(
            "SELECT size, seed, articles, persons, participations, built_at, build_seconds FROM bench_marker"
        ).fetchone()
    if row is None:
        return None
    keys = ("size", "seed", "articles", "persons", "participations", "built_at", "build_seconds")
    return dict(zip(keys, row, strict=True))


def drop(url):
    with admin_connect(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name(url)}" WITH (FORCE)')


def create(url, template=None):
    with admin_connect(url) as conn:
        if template:
            conn.execute(f'CREATE DATABASE "{db_name(url)}" TEMPLATE "{db_name(template)}"')
        else:
            conn.execute(f'CREATE DATABASE "{db_name(url)}"')


def worker_env(url, **extra):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": env.get("BENCH_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "PYTHONUNBUFFERED": "1",
        # The harness measures the application, not the anonymous-client rate limit (2d016f7):
        # with it on, every request after the 120th in a minute is a 429 in under 1 ms.
        "RATE_LIMIT_PAGES_PER_MINUTE": "0",
        "RATE_LIMIT_EXPORTS_PER_MINUTE": "0",
    })
    env.update(extra)
    return env


def run_worker(url, task, log=print, timeout=None, **args):
    """Run ``python -m bench.worker TASK`` against ``url``; returns its JSON result."""
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as out:
        path = out.name
    cmd = [sys.executable, "-m", "bench.worker", task, "--out", path, "--args", json.dumps(args)]
    proc = subprocess.run(cmd, env=worker_env(url), timeout=timeout, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        log(line)
    if proc.returncode != 0:
        log(proc.stderr[-4000:])
        return {"error": f"worker {task} exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1:] }"}
    with open(path) as f:
        result = json.load(f)
    os.unlink(path)
    return result


def ensure_built(base, size, seed, smaller=(), log=print):
    """Make ``<base>_<label(size)>`` hold a complete archive of ``size`` articles; returns its URL."""
    url = url_for(base, label(size))
    found = marker(url)
    if found and found["size"] == size and found["seed"] == seed:
        log(f"== archive {label(size)}: already built ({found['articles']} articles, {found['persons']} persons, "
            f"{found['participations']} participations, built {found['built_at']:%Y-%m-%d} in {found['build_seconds']:.0f} s)")
        run_worker(url, "migrate", log=log)  # new index migrations apply to old archives too
        return url
    drop(url)
    template = None
    for smaller_size in sorted(smaller, reverse=True):
        candidate = url_for(base, label(smaller_size))
        m = marker(candidate)
        if m and m["seed"] == seed and m["size"] == smaller_size:
            template = candidate
            break
    log(f"== archive {label(size)}: building" + (f" on a copy of {db_name(template)}" if template else " from scratch"))
    create(url, template)
    result = run_worker(url, "build", log=log, size=size, seed=seed)
    if "error" in result:
        raise SystemExit(f"building {label(size)} failed: {result['error']}")
    return url
