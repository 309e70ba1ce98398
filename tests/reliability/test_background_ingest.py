"""Ingestion at archive scale on PostgreSQL: many ingests at once, and a worker killed mid-batch.

- 20 processes start together, 2 different files each, all naming the same new officials (in
  different orders), the same new organisation and one of two new outlets: all 40 files are
  stored, 0 fail, one person per name, one outlet per name.
- A background worker (``manage.py db_worker``, the real one) is killed with SIGKILL in the
  middle of a batch: nothing is half-written; running the batch again (``manage.py ingest
  --resume``) finishes it with every file stored once.
"""

import itertools
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from articles.extraction import extract
from articles.models import Article, IngestBatch, IngestItem, Original, Source
from people.models import Organization, Person
from people.names import name_key
from tests.conftest import REPO_ROOT
from tests.reliability import corpus
from tests.reliability.conftest import assert_archive_whole, require_postgres
from tests.reliability.pgserver import manage
from tests.reliability.test_races_and_faults import current_test_db_url, json_lines

pytestmark = pytest.mark.django_db(transaction=True)

OFFICIALS = ["Trịnh Khải Nguyên", "Lạc Thị Bảo Ngân", "Vi Đức Thắng", "Mạc Quang Huy", "Khổng Minh Tú", "Đàm Thanh Hương"]
TITLES = ["Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện", "Bí thư Huyện ủy", "Phó Bí thư Huyện ủy",
          "Trưởng Ban Tuyên giáo Huyện ủy", "Chánh Văn phòng Huyện ủy"]
OUTLETS = ["Báo Miền Sông Đáy", "Đài Truyền thanh Kim Bảng Hạ"]
ORGANIZATION = "Huyện ủy Kim Bảng Hạ"


def racing_article(n):
    """Article n names the six officials in an order of its own (so that two ingests meet them in
    different orders), and the same organisation; its body and headline are its own."""
    order = list(itertools.permutations(range(len(OFFICIALS))))[n * 7 % 720]
    chair, *others = [(OFFICIALS[i], TITLES[i]) for i in order]
    attending = "; ".join(f"đồng chí {name}, {title}" for name, title in others)
    return (
        f"{ORGANIZATION} họp phiên thứ {n} bàn việc nạo vét kênh mương số {n}\n"
        f"Sáng 12/3/2024, {ORGANIZATION} tổ chức phiên họp thứ {n} bàn việc nạo vét kênh mương số {n}.\n"
        f"Đồng chí {chair[0]}, {chair[1]}, chủ trì phiên họp. Tham dự có {attending}.\n"
        f"Phiên họp giao các xã hoàn thành nạo vét tuyến kênh số {n} trước ngày {n % 27 + 1}/4, mã hồ sơ {n}.\n"
    )


def _env():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DATABASE_URL"] = current_test_db_url()
    env["CONN_MAX_AGE"] = "0"
    return env


def test_twenty_concurrent_ingests_of_forty_files_lose_nothing(tmp_path, settings):
    require_postgres()
    env = _env()
    env["MEDIA_ROOT"] = str(tmp_path / "media")
    paths = []
    for n in range(40):
        path = tmp_path / f"phien-{n:02d}.txt"
        path.write_text(racing_article(n), encoding="utf-8")
        paths.append(path)
    start = time.time() + 8  # every process has imported Django by then
    procs = [
        subprocess.Popen(
            [sys.executable, "tests/reliability/race_worker.py", str(start), str(paths[2 * i]), str(paths[2 * i + 1]),
             "--source", OUTLETS[i % 2]],
            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i in range(20)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, [err[-1500:] for _, err in outputs if err]
    results = [line for out, _ in outputs for line in json_lines(out)]
    assert len(results) == 40
    failed = [r for r in results if r["status"] == "failed"]
    assert failed == [], failed
    assert {r["status"] for r in results} <= {"created", "possible_duplicate"}

    assert Article.objects.count() == 40 and Original.objects.count() == 40
    for name in OFFICIALS:
        assert Person.objects.filter(name_key=name_key(name)).count() == 1, name
    assert sorted(Source.objects.values_list("name", flat=True)) == sorted(OUTLETS)
    # the organisations the articles name, each stored once (as the extractor reads them)
    named = {o.name for o in extract(racing_article(0)).organizations if o.resolved}
    assert named and sorted(Organization.objects.values_list("name", flat=True)) == sorted(named)
    # every article links the shared persons and outlet
    assert Article.objects.filter(mentions__person__name_key=name_key(OFFICIALS[0])).distinct().count() == 40
    assert_archive_whole()


def _wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_batch_loses_nothing_and_a_rerun_finishes_it(tmp_path, monkeypatch):
    require_postgres()
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    url = current_test_db_url()
    folder = tmp_path / "lo"
    folder.mkdir()
    n_files = 60
    for i in range(n_files):
        (folder / f"bai-{i:03d}.txt").write_bytes(corpus.vi_article(1100 + i, paragraphs=6).encode())

    queued = manage(url, "ingest", folder, "--enqueue")
    assert queued.returncode == 0, queued.stderr
    batch = IngestBatch.objects.get()
    done = IngestItem.objects.filter(batch=batch).exclude(status=IngestItem.Status.PENDING)

    worker = manage(url, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", popen=True,
                    stderr_path=tmp_path / "worker.log")
    try:
        _wait_until(lambda: done.count() >= 12, 180, "the worker to ingest a dozen files")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    time.sleep(0.5)  # the server notices the dead client and rolls its transaction back

    stored = Article.objects.count()
    assert 12 <= stored < n_files, "killed mid-batch"
    assert done.count() == stored, "every stored file has its report line, and no line without its file"
    assert_archive_whole()
    batch.refresh_from_db()
    assert batch.finished_at is None

    # Running the batch again finishes it: queue what is pending, let a worker do it.
    again = manage(url, "ingest", "--resume", batch.pk, "--enqueue")
    assert again.returncode == 0, again.stderr
    finish = manage(url, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", timeout=300)
    assert finish.returncode == 0, finish.stderr[-2000:]

    batch.refresh_from_db()
    assert batch.finished_at is not None
    statuses = list(IngestItem.objects.filter(batch=batch).values_list("status", flat=True))
    assert statuses.count("created") == n_files, "every file stored exactly once, none reported as its own duplicate"
    assert Article.objects.count() == n_files and Original.objects.count() == n_files
    assert Original.objects.values("sha256").distinct().count() == n_files
    assert_archive_whole()
    # the staged uploads are cleaned up once the batch is done
    assert not any((tmp_path / "media").rglob("*.upload"))
    assert connection.vendor == "postgresql"


def test_the_ingest_command_prints_a_line_per_file_from_a_queued_batch_once_resumed_in_the_foreground(tmp_path, monkeypatch):
    """``ingest --resume ID`` without --enqueue finishes a batch in the foreground, line by line."""
    require_postgres()
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    url = current_test_db_url()
    folder = tmp_path / "lo"
    folder.mkdir()
    for i in range(3):
        (folder / f"bai-{i}.txt").write_bytes(corpus.vi_article(1200 + i).encode())
    assert manage(url, "ingest", folder, "--enqueue").returncode == 0
    batch = IngestBatch.objects.get()
    resumed = manage(url, "ingest", "--resume", batch.pk, "--json")
    assert [json.loads(line)["status"] for line in resumed.stdout.splitlines()] == ["created"] * 3, resumed.stderr
