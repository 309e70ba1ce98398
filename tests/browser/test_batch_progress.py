"""In a real browser: a zip of 300 articles uploaded, the batch page's progress bar filled by the
real background worker up to 100 %, with one report line per file."""

import io
import time
import zipfile

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

FILES = 300


def small_article(n):
    return (f"Thôn số {n} họp bàn việc giữ gìn đường làng\n"
            f"Sáng 3/4/2024, thôn số {n} họp bàn việc giữ gìn đường làng, mã hồ sơ {n}.\n").encode()


def test_a_zip_of_300_files_fills_the_progress_bar_to_100_percent(staff_page, screenshot, ingest_worker, tmp_path):
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

    worker = ingest_worker
    worker.start()
    seen = set()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
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
