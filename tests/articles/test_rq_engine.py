"""The same jobs on a distributed engine, by settings alone: RQ on Redis instead of the database
queue (TASKS_REDIS_URL). Skipped when no Redis answers at 127.0.0.1:6379."""

import os
import socket
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from tests.conftest import REPO_ROOT
from tests.reliability import corpus

REDIS_URL = "redis://127.0.0.1:6379/14"  # a database number of its own


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def manage(env, *args, timeout=300):
    return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.django_db(transaction=True)
def test_a_batch_is_worked_by_rq_workers_when_settings_say_so(tmp_path):
    if not redis_answers():
        pytest.skip("no Redis at 127.0.0.1:6379")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(TASKS_REDIS_URL=REDIS_URL, MEDIA_ROOT=str(tmp_path / "media"), CONN_MAX_AGE="0")
    if connection.vendor == "postgresql":
        base = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{base['NAME']}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'rq.sqlite3'}"
        assert manage(env, "migrate", "--no-input").returncode == 0
    folder = tmp_path / "lo"
    folder.mkdir()
    for i in range(3):
        (folder / f"bai-{i}.txt").write_bytes(corpus.vi_article(1300 + i).encode())

    queued = manage(env, "ingest", folder, "--enqueue")
    assert queued.returncode == 0, queued.stderr
    worked = manage(env, "rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job")
    assert worked.returncode == 0, worked.stderr[-2000:]

    if connection.vendor == "postgresql":
        from articles.models import Article, IngestBatch

        batch = IngestBatch.objects.get()
        assert batch.finished_at is not None and Article.objects.count() == 3
    else:
        with sqlite3.connect(tmp_path / "rq.sqlite3") as db:
            assert db.execute("select count(*) from articles_article").fetchone()[0] == 3
            assert db.execute("select count(*) from articles_ingestbatch where finished_at is not null").fetchone()[0] == 1
