"""In a real browser: a zip of 300 articles uploaded, the batch page's progress bar filled by the
real background worker up to 100 %, with one report line per file."""

import io
import os
import subprocess
import sys
import time
import zipfile

import pytest
from django.db import connection

from articles.models import Article
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.django_db(transaction=True)

FILES = 300


def small_article(n):
    return (f"Thôn số {n} họp bàn việc giữ gìn đường làng\n"
            f"Sáng 3/4/2024, thôn số {n} họp bàn việc giữ gìn đường làng, mã hồ sơ {n}.\n").encode()


class Worker:
    """The real worker (``db_worker``). On PostgreSQL a process of its own, as in production. The
    SQLite test database lives in this process's memory, so there it runs here, one task per
    ``pump()``, between the browser's polls."""

    def __init__(self, settings):
        self.process = None
        self.settings = settings

    def start(self):
        if connection.vendor != "postgresql":
            return
        base = connection.settings_dict
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(DATABASE_URL=f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{base['NAME']}",
                   MEDIA_ROOT=self.settings.MEDIA_ROOT, CONN_MAX_AGE="0")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def pump(self):
        if self.process is None:
            from django.core.management import call_command
            from django_tasks_db.management.commands import db_worker

            real, db_worker.close_old_connections = db_worker.close_old_connections, lambda: None
            try:
                call_command("db_worker", batch=True, max_tasks=2, reload=False, startup_delay=False, interval=0,
                             verbosity=0)
            finally:
                db_worker.close_old_connections = real

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture
def worker(settings):
    w = Worker(settings)
    yield w
    w.stop()


def test_a_zip_of_300_files_fills_the_progress_bar_to_100_percent(staff_page, screenshot, worker, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in range(FILES):
            zf.writestr(f"thon/bai-{n:03d}.txt", small_article(n))
    archive = tmp_path / "ba-tram-bai.zip"
    archive.write_bytes(buffer.getvalue())

    page = staff_page
    page.goto("/admin/articles/article/upload/")
    page.set_input_files("input[type=file]", str(archive))
    page.click("input[name=_upload]")
    page.wait_for_selector("#batch-progress")
    assert "/admin/articles/ingestbatch/" in page.url
    assert page.inner_text("#batch-percent") != "100 %", "the upload returned before the work was done"
    screenshot("waiting")

    worker.start()
    seen = set()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        worker.pump()
        percent = page.inner_text("#batch-percent")
        seen.add(percent)
        if "Xong" in page.inner_text("#upload-summary"):
            break
        page.wait_for_timeout(250)
    screenshot("done")
    assert page.inner_text("#batch-percent") == "100 %"
    summary = page.inner_text("#upload-summary")
    assert f"Đã tạo: {FILES}" in summary and "Lỗi: 0" in summary and "Đang chờ: 0" in summary
    assert page.locator("#upload-report tbody tr.result-created").count() == FILES
    assert page.locator("#upload-report a[href*='/admin/articles/article/']").count() == FILES
    assert len(seen) > 1, f"the bar moved: {sorted(seen)}"
    assert Article.objects.count() == FILES
