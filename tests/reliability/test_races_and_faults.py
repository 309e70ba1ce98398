"""Races and server faults, on PostgreSQL (skipped on SQLite, which serialises writers in one file).

- Several processes upload the same bytes at the same instant: exactly one article; the others
  are told "duplicate".
- PostgreSQL restarted in the middle of a bulk ``ingest``: the command reports the files that
  failed; running it again completes the batch, with no duplicate and nothing missing.
- An ``ingest`` killed with SIGKILL mid-batch leaves no half-written article; a re-run completes.

The fault tests restart and kill a private PostgreSQL server of their own (tests/reliability/
pgserver.py), never the shared one; they are marked ``fault``.
"""

import json
import os
import signal
import sys
import time

import pytest
from django.db import connection

from articles.models import Article, Original
from tests.conftest import REPO_ROOT
from tests.reliability import corpus
from tests.reliability.conftest import assert_archive_whole, require_postgres
from tests.reliability.pgserver import PrivatePostgres, manage

N_FILES = 60


def current_test_db_url():
    base = connection.settings_dict
    return f"postgres://{base['USER'] or 'postgres'}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{base['NAME']}"


def json_lines(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            out.append(json.loads(line))
    return out


# ------------------------------------------------------------------------------------------- races


@pytest.mark.django_db(transaction=True)
def test_two_ingest_commands_with_the_same_file_at_the_same_moment(tmp_path):
    require_postgres()
    path = tmp_path / "cung-luc.txt"
    path.write_bytes(corpus.vi_article(601).encode())
    url = current_test_db_url()
    procs = [manage(url, "ingest", path, "--json", popen=True, stderr_path=tmp_path / f"err-{n}.log") for n in range(2)]
    outputs = [(p.communicate(timeout=120)[0], (tmp_path / f"err-{n}.log").read_text()) for n, p in enumerate(procs)]
    results = [line for out, _ in outputs for line in json_lines(out)]
    assert sorted(r["status"] for r in results) == ["created", "duplicate"], outputs
    created = next(r for r in results if r["status"] == "created")
    duplicate = next(r for r in results if r["status"] == "duplicate")
    assert duplicate["duplicate_of"] == created["article"]
    assert Article.objects.count() == 1 and Original.objects.count() == 1
    assert_archive_whole()


@pytest.mark.django_db(transaction=True)
def test_many_uploads_of_the_same_bytes_started_on_the_same_millisecond(tmp_path):
    require_postgres()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DATABASE_URL"] = current_test_db_url()
    import subprocess

    for round_ in range(3):
        path = tmp_path / f"dua-{round_}.txt"
        path.write_bytes(corpus.vi_article(610 + round_).encode())
        start = time.time() + 4
        procs = [
            subprocess.Popen([sys.executable, "tests/reliability/race_worker.py", str(start), str(path)], cwd=REPO_ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # communicate() drains both
            for _ in range(4)
        ]
        outputs = [p.communicate(timeout=120) for p in procs]
        results = [line for out, _ in outputs for line in json_lines(out)]
        assert len(results) == 4, [err[-2000:] for _, err in outputs]
        statuses = sorted(r["status"] for r in results)
        assert statuses == ["created", "duplicate", "duplicate", "duplicate"], results
        winner = next(r["article"] for r in results if r["status"] == "created")
        assert {r["duplicate_of"] for r in results if r["status"] == "duplicate"} == {winner}
    assert Article.objects.count() == 3
    assert_archive_whole()


# ------------------------------------------------------------------------------------------- faults


@pytest.fixture
def private_pg():
    if connection.vendor != "postgresql":
        pytest.skip("server faults are a PostgreSQL matter")
    try:
        server = PrivatePostgres().start()
    except Exception as exc:  # no server binaries, no postgres user: say why
        pytest.skip(f"cannot start a private PostgreSQL server: {exc}")
    yield server
    server.stop()


def write_batch(folder, n=N_FILES, *, offset=700):
    folder.mkdir()
    for i in range(n):
        (folder / f"bai-{i:03d}.txt").write_bytes(corpus.vi_article(offset + i, paragraphs=6).encode())
    return folder


def integrity(server):
    articles, originals = server.query("select count(*) from articles_article")[0][0], server.query(
        "select count(*) from articles_original"
    )[0][0]
    orphans = server.query(
        "select count(*) from articles_original o left join articles_article a on a.original_id = o.id where a.id is null"
    )[0][0]
    dup = server.query("select count(*) - count(distinct sha256) from articles_original")[0][0]
    return {"articles": articles, "originals": originals, "orphans": orphans, "duplicates": dup}


@pytest.mark.fault
def test_postgres_restarted_in_the_middle_of_a_bulk_ingest(private_pg, tmp_path):
    folder = write_batch(tmp_path / "lo")
    proc = manage(private_pg.url, "ingest", folder, "--json", popen=True, bufsize=1, stderr_path=tmp_path / "err.log")
    seen, restarted = [], False
    try:
        for line in proc.stdout:
            if line.strip().startswith("{"):
                seen.append(json.loads(line))
            if len(seen) == 10 and not restarted:
                private_pg.restart()
                restarted = True
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
        assert private_pg.wait_ready(), "the private server must be up again"
    assert restarted, "the batch finished before the restart: make it bigger"
    assert len(seen) == N_FILES, "every file has its line, failed or not"
    failed = [r for r in seen if r["status"] == "failed"]
    assert failed, "a restart in the middle of a batch must cost at least the file in flight"
    for r in failed:
        assert r["message"], r
    state = integrity(private_pg)
    assert state["orphans"] == 0 and state["duplicates"] == 0
    assert state["articles"] == N_FILES - len(failed)

    again = manage(private_pg.url, "ingest", folder, "--json")
    lines = json_lines(again.stdout)
    statuses = [r["status"] for r in lines]
    assert statuses.count("created") == len(failed) and statuses.count("duplicate") == N_FILES - len(failed), again.stderr[-2000:]
    assert integrity(private_pg) == {"articles": N_FILES, "originals": N_FILES, "orphans": 0, "duplicates": 0}


@pytest.mark.fault
def test_an_ingest_killed_mid_batch_leaves_nothing_half_written(private_pg, tmp_path):
    folder = write_batch(tmp_path / "lo-kill", offset=800)
    proc = manage(private_pg.url, "ingest", folder, "--json", popen=True, bufsize=1, stderr_path=tmp_path / "err.log")
    seen = 0
    try:
        for line in proc.stdout:
            if line.strip().startswith("{"):
                seen += 1
            if seen == 12:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.5)  # the server notices the dead client and rolls its transaction back
    state = integrity(private_pg)
    assert state["orphans"] == 0 and state["duplicates"] == 0
    assert 12 <= state["articles"] < N_FILES
    mentions_without_article = private_pg.query(
        "select count(*) from articles_mention m left join articles_article a on a.id = m.article_id where a.id is null"
    )[0][0]
    assert mentions_without_article == 0

    again = manage(private_pg.url, "ingest", folder, "--json")
    statuses = [r["status"] for r in json_lines(again.stdout)]
    assert statuses.count("created") == N_FILES - state["articles"]
    assert "failed" not in statuses
    assert integrity(private_pg) == {"articles": N_FILES, "originals": N_FILES, "orphans": 0, "duplicates": 0}
