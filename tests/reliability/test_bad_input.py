"""Every case of the bad-input corpus, through the three doors a file comes in by.

1. ``ingest_file`` (the service), case by case: the promised status and a clear message; a good
   file stored with readable text; a refused file leaves every count unchanged.
2. The admin upload page: ONE batch mixing every case with good files, as staff would send it
   from a browser; the report shows one row per file, every good file is stored.
3. ``manage.py ingest --json`` on a few of them, as an operator would run it.

After every step the archive is whole: no original without its article, no article without
its original, no orphaned meeting.
"""

import html
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from articles import batches, ingestion
from articles.models import Article, Original
from tests.conftest import REPO_ROOT
from tests.reliability import corpus
from tests.reliability.conftest import archive_counts, assert_archive_whole

pytestmark = pytest.mark.django_db

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def check_stored(article, expected):
    body = article.body
    assert unicodedata.is_normalized("NFC", body), "stored body is not NFC"
    assert not CONTROL.search(body), f"control characters in the stored body: {CONTROL.findall(body)[:5]}"
    for phrase in expected.body_has:
        assert phrase in body, f"{phrase!r} missing from the stored body: {body[:300]!r}"
    for phrase in expected.body_lacks:
        assert phrase not in body, f"{phrase!r} leaked into the stored body"
    if expected.headline_has:
        assert expected.headline_has in (article.headline or ""), f"headline {article.headline!r}"
    assert bytes(article.original.content), "original bytes kept"


def check_result(result, expected, before):
    assert expected.allows(result.status), f"{result.filename}: {result.status} ({result.message})"
    assert result.message.strip(), "every outcome carries a message"
    for word in expected.message:
        assert word.lower() in result.message.lower(), f"{word!r} not in {result.message!r}"
    after = archive_counts()
    if result.status in corpus.STORED:
        assert result.article is not None
        check_stored(Article.objects.select_related("original").get(pk=result.article.pk), expected)
        assert after["Original"] == before["Original"] + 1
        assert after["Article"] == before["Article"] + 1
    else:
        assert after == before, f"{result.status} must write nothing: {before} → {after}"
    if result.status == corpus.DUPLICATE:
        assert result.duplicate_of is not None
    assert_archive_whole()


# ---------------------------------------------------------------------------------------- 1. service


@pytest.mark.parametrize(
    "name",
    sorted(corpus.ALL),
)
def test_ingest_file_gives_each_case_a_clear_outcome(name, tmp_path):
    for case in corpus.build(name, tmp_path):
        before = archive_counts()
        started = time.monotonic()
        result = ingestion.ingest_file(data=case.data, filename=case.filename)
        assert time.monotonic() - started < 20, "one file must not take the server's time"
        check_result(result, case.expected, before)


def test_corpus_has_at_least_twenty_cases():
    assert len(corpus.ALL) >= 20


def test_possible_duplicate_points_at_the_first_copy():
    first, second = corpus.build("case_resaved_with_other_boilerplate")
    a = ingestion.ingest_file(data=first.data, filename=first.filename)
    b = ingestion.ingest_file(data=second.data, filename=second.filename)
    assert b.status == corpus.POSSIBLE and b.duplicate_of.pk == a.article.pk
    assert Article.objects.get(pk=b.article.pk).possible_duplicate_of_id == a.article.pk


# ---------------------------------------------------------------------------------------- zips through the batch service


ZIP_CASES = sorted(n for n in corpus.ALL if n.startswith("case_zip") and n != "case_zip_5000_files") + ["case_not_really_a_zip"]


def _batch(cases):
    items = [ingestion.UploadItem.from_bytes(c.filename, c.data) for c in cases]
    return list(batches.ingest_batch(items))


def _match_zip_entries(results, case):
    """The result for each expected entry of a zip case, by label suffix."""
    found = {}
    for suffix, status in case.expected.batch:
        rows = [r for r in results if r.filename.startswith(case.filename) and r.filename.endswith(suffix)]
        if not rows and (suffix == case.filename or status == corpus.FAILED):
            # a failure reported for the whole zip, naming the entry in its message
            rows = [r for r in results if r.filename == case.filename and (suffix == case.filename or suffix in r.message)]
        assert len(rows) == 1, f"{case.filename}: expected one report line for {suffix!r}, got {[r.filename for r in results]}"
        found[suffix] = (rows[0], status)
    return found


@pytest.mark.parametrize("name", ZIP_CASES)
def test_zip_entries_each_get_their_own_outcome(name, tmp_path):
    (case,) = corpus.build(name, tmp_path)
    started = time.monotonic()
    results = _batch([case])
    assert time.monotonic() - started < 20
    for suffix, (result, status) in _match_zip_entries(results, case).items():
        assert result.status == status, f"{suffix}: {result.status} ({result.message})"
        assert result.message
    stored = {r.filename for r in results if r.status in corpus.STORED}
    assert Original.objects.count() == len(stored)
    assert_archive_whole()


def test_zip_traversal_writes_nothing_outside(tmp_path):
    (case,) = corpus.build("case_zip_path_traversal", tmp_path)
    _batch([case])
    for name in ("/tmp/vankho-thoat-ra.txt", "/etc/vankho-tuyet-doi.txt", "/vankho-o-dia.txt"):
        assert not os.path.exists(name)
    names = set(Original.objects.values_list("filename", flat=True))
    assert names == {"duong-dan-xau.zip:an-toan/bai-tot.txt"}


def test_zip_of_5000_files_reports_the_files_past_the_limit(tmp_path):
    (case,) = corpus.build("case_zip_5000_files", tmp_path)
    started = time.monotonic()
    results = _batch([case])
    elapsed = time.monotonic() - started
    statuses = [r.status for r in results]
    assert statuses.count(corpus.CREATED) == 1
    assert statuses.count(corpus.DUPLICATE) == ingestion.MAX_BATCH_FILES - 1
    refused = [r for r in results if r.status == corpus.FAILED]
    # the files past the limit are reported (how many), not silently dropped
    assert len(refused) == 1 and f"{5000 - ingestion.MAX_BATCH_FILES:,}" in refused[0].message, refused
    assert refused[0].filename.endswith(f"bai/{ingestion.MAX_BATCH_FILES:05d}.txt")
    assert Article.objects.count() == 1
    assert_archive_whole()
    assert elapsed < 30


# ---------------------------------------------------------------------------------------- 2. admin upload, one mixed batch


def _browser_name(name):
    # What a browser sends in multipart headers: quotes and line breaks percent-encoded
    return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _report_rows(content):
    rows = re.findall(r'<tr class="result-(\w+)"[^>]*>\s*<td>(.*?)</td>.*?<td>([^<]*)</td>\s*</tr>', content, re.S)
    return [(status, html.unescape(name), html.unescape(message)) for status, name, message in rows]


def test_admin_upload_of_one_mixed_batch(staff_client, tmp_path, upload_batch):
    singles, zips = [], []
    for name in sorted(corpus.ALL):
        if name in ("case_zip_5000_files", "case_name_empty", "case_empty"):
            # the 5,000-file zip uses the whole batch budget (tested alone); browsers never send a
            # nameless file; an empty file is tested in its own batch below (it blocks the batch)
            continue
        for case in corpus.build(name, tmp_path):
            (zips if corpus.is_zip(case) else singles).append(case)
    good = [corpus._good(900 + i, f"tot-{i}.txt") for i in range(5)]
    # good files first, in the middle and last: a bad neighbour must not cost them
    ordered = good[:2] + singles[: len(singles) // 2] + good[2:3] + singles[len(singles) // 2 :] + zips + good[3:]
    uploads = [SimpleUploadedFile(_browser_name(c.filename), c.data, content_type="application/octet-stream") for c in ordered]
    pasted = corpus.vi_article(950).replace("\n", "\x07\r\n", 1) + "\x1b[0m"

    started = time.monotonic()
    response = upload_batch({"files": uploads, "text": pasted})
    assert response.status_code == 200
    assert time.monotonic() - started < 40
    rows = _report_rows(response.content.decode())
    assert rows and response.context["state"]["finished"]
    # rows come in upload order: one per plain file, one per entry (or one for the whole) of a zip
    position = 0
    for case in ordered:
        if not corpus.is_zip(case):
            status, shown_name, message = rows[position]
            assert case.expected.allows(status), f"{case.name} {case.filename!r}: {status} {message}"
            assert message.strip()
            for word in case.expected.message:
                assert word.lower() in message.lower()
            position += 1
            continue
        mine = []
        while position < len(rows) and rows[position][1].startswith(case.filename):
            mine.append(rows[position])
            position += 1
        for suffix, status in case.expected.batch:
            hits = [r for r in mine if r[1] != case.filename and r[1].endswith(suffix)] or [
                r for r in mine if r[1] == case.filename and (suffix == case.filename or suffix in r[2])
            ]
            assert len(hits) == 1, (case.filename, suffix, mine)
            assert hits[0][0] == status, f"{case.filename}:{suffix}: {hits[0]}"
    assert position == len(rows) - 1, rows[position:]
    # the pasted text, last
    assert rows[-1][0] == corpus.CREATED

    stored = [r for r in rows if r[0] in corpus.STORED]
    assert Article.objects.count() == len(stored)
    for case in good:
        assert Article.objects.filter(headline__contains=case.expected.headline_has).count() == 1
    pasted_article = Article.objects.get(original__filename="noi-dung-dan.txt")
    assert "\x07" not in pasted_article.body and "\x1b" not in pasted_article.body
    assert_archive_whole()
    # the report is escaped text: the markup in a file name is shown, not rendered
    content = response.content.decode()
    assert "<img src=x onerror=alert(1)>" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_admin_batch_with_an_empty_file_still_stores_the_good_ones(staff_client, upload_batch):
    (empty,) = corpus.build("case_empty")
    good = [corpus._good(970 + i, f"tot-{i}.txt") for i in range(2)]
    uploads = [SimpleUploadedFile(c.filename, c.data) for c in (good[0], empty, good[1])]
    response = upload_batch({"files": uploads})
    rows = _report_rows(response.content.decode())
    assert [r[0] for r in rows] == ["created", "failed", "created"]
    assert "rỗng" in rows[1][2]
    assert Article.objects.count() == 2


def test_admin_upload_of_the_20mb_file_alone_is_refused_clearly(staff_client, tmp_path, upload_batch):
    (case,) = corpus.build("case_20mb_text", tmp_path)
    with open(tmp_path / case.filename, "rb") as fh:
        response = upload_batch({"files": [fh]})
    assert response.status_code == 200
    (row,) = _report_rows(response.content.decode())
    assert row[0] == corpus.FAILED and "10 MB" in row[2]
    assert archive_counts()["Article"] == 0


# ---------------------------------------------------------------------------------------- 3. the ingest command


def run_command(env_url, *args, timeout=180):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DATABASE_URL"] = env_url
    return subprocess.run(
        [sys.executable, "manage.py", *map(str, args)], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def command_database(tmp_path):
    """A database URL another process can use, and a function counting (articles, originals, orphans) in it.

    On PostgreSQL: the test database itself (the test must be transactional). On SQLite the test
    database lives in memory, so the command gets its own migrated file.
    """
    if connection.vendor == "postgresql":
        base = connection.settings_dict
        url = f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{base['NAME']}"

        def counts():
            return (Article.objects.count(), Original.objects.count(), Original.objects.filter(article__isnull=True).count())

        return url, counts
    path = tmp_path / "command.sqlite3"
    url = f"sqlite:///{path}"
    migrated = run_command(url, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr

    def counts():
        with sqlite3.connect(path) as db:
            articles = db.execute("select count(*) from articles_article").fetchone()[0]
            originals = db.execute("select count(*) from articles_original").fetchone()[0]
            orphans = db.execute(
                "select count(*) from articles_original o left join articles_article a on a.original_id = o.id where a.id is null"
            ).fetchone()[0]
        return articles, originals, orphans

    return url, counts


def json_lines(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.django_db(transaction=True)
def test_ingest_command_reports_each_file_as_json(tmp_path):
    url, counts = command_database(tmp_path)
    folder = tmp_path / "lo"
    folder.mkdir()
    names = ["case_png_named_txt", "case_empty", "case_utf16_le_bom", "case_windows_1258", "case_zip_path_traversal", "case_nfd"]
    for name in names:
        for case in corpus.build(name):
            (folder / case.filename).write_bytes(case.data)
    (folder / "tot.txt").write_bytes(corpus.vi_article(960).encode())

    result = run_command(url, "ingest", folder, "--json")
    assert result.returncode == 0, result.stderr
    lines = json_lines(result)
    by_file = {line["file"].rsplit("/", 1)[-1]: line for line in lines}
    assert by_file["anh-chup.txt"]["status"] == "failed" and "PNG" in by_file["anh-chup.txt"]["message"]
    assert by_file["rong.txt"]["status"] == "failed" and by_file["rong.txt"]["message"]
    assert by_file["vankho-thoat-ra.txt"]["status"] == "failed"
    for ok in ("utf16-le.txt", "cp1258.txt", "nfd.txt", "tot.txt", "bai-tot.txt"):
        assert by_file[ok]["status"] == "created", by_file[ok]
    created = sum(1 for line in lines if line["status"] == "created")
    assert counts() == (created, created, 0)

    # running it again stores nothing new and says so, file by file
    again = json_lines(run_command(url, "ingest", folder, "--json"))
    statuses = [line["status"] for line in again]
    assert "created" not in statuses and statuses.count("duplicate") == created
    assert counts() == (created, created, 0)


@pytest.mark.django_db(transaction=True)
def test_ingest_command_on_a_folder_of_only_bad_files_fails_with_a_reason(tmp_path):
    url, counts = command_database(tmp_path)
    folder = tmp_path / "xau"
    folder.mkdir()
    for name in ("case_pdf_named_txt", "case_whitespace_only", "case_zip_bomb"):
        for case in corpus.build(name):
            (folder / case.filename).write_bytes(case.data)
    result = run_command(url, "ingest", folder, "--json")
    lines = json_lines(result)
    statuses = {line["file"].rsplit("/", 1)[-1]: line["status"] for line in lines}
    assert statuses["van-ban.txt"] == "failed" and statuses["chi-khoang-trang.txt"] == "failed"
    assert statuses["khong-lo.txt"] == "failed" and statuses["tot.txt"] == "created"
    assert counts() == (1, 1, 0)
