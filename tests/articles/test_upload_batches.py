"""The upload page hands files to the background workers and shows a batch page that fills in."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import batches, ingestion
from articles.models import Article, IngestBatch, Original
from tests.reliability import corpus

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/articles/article/upload/"


def small_article(n):
    return f"Thôn số {n} họp bàn việc giữ gìn đường làng\nSáng 3/4/2024, thôn số {n} họp bàn việc giữ gìn đường làng.\n".encode()


def test_an_upload_returns_at_once_and_the_worker_does_the_rest(staff_client, staff_user, django_capture_on_commit_callbacks,
                                                              run_worker):
    files = [SimpleUploadedFile(f"bai-{i}.txt", corpus.vi_article(300 + i).encode()) for i in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(UPLOAD, {"files": files})
    batch = IngestBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("admin:articles_ingestbatch_change", args=[batch.pk])
    assert not Article.objects.exists(), "the request only stores the uploads; extraction runs in the background"

    waiting = staff_client.get(response["Location"])
    assert waiting.context["state"]["finished"] is False
    assert "batch_progress.js" in waiting.content.decode() and "<progress" in waiting.content.decode()

    run_worker()
    done = staff_client.get(response["Location"])
    state = done.context["state"]
    assert state["finished"] and state["total"] == 3 and state["counts"]["created"] == 3 and state["percent"] == 100
    assert "batch_progress.js" not in done.content.decode()  # nothing left to poll
    assert Article.objects.count() == 3 and batch.uploaded_by == staff_user
    # the staged uploads are gone once the articles hold the originals
    batch.refresh_from_db()
    assert not batch.uploads.exclude(file="").exists()


def test_the_batch_is_listed_in_the_admin_with_who_uploaded_it(staff_client, staff_user, upload_batch):
    upload_batch({"files": [SimpleUploadedFile("mot.txt", corpus.vi_article(320).encode())]})
    listing = staff_client.get("/admin/articles/ingestbatch/").content.decode()
    assert staff_user.username in listing and "1 / 1 (100 %)" in listing


def test_the_progress_json_gives_counts_and_the_rows_finished(staff_client, upload_batch):
    upload_batch({"files": [SimpleUploadedFile("mot.txt", corpus.vi_article(321).encode()), SimpleUploadedFile("rong.txt", b"")]})
    batch = IngestBatch.objects.get()
    data = staff_client.get(reverse("admin:articles_ingestbatch_progress", args=[batch.pk])).json()
    assert data["finished"] and data["done"] == data["total"] == 2
    assert data["counts"]["created"] == 1 and data["counts"]["failed"] == 1
    assert len(data["rows"]) == 2 and all('class="result-' in row["html"] for row in data["rows"])


def test_pasted_text_with_nul_characters_is_stored_with_the_files_beside_it(staff_client, upload_batch):
    pasted = corpus.vi_article(330).replace("\n", "\x00\n", 2)
    page = upload_batch({"text": pasted, "files": [SimpleUploadedFile("ben-canh.txt", corpus.vi_article(331).encode())]})
    rows = {item.filename: item for item in page.context["items"]}
    assert rows["ben-canh.txt"].status == "created"
    pasted_row = rows["noi-dung-dan.txt"]
    assert pasted_row.status == "created" and "ký tự điều khiển" in pasted_row.message
    assert "\x00" not in pasted_row.article.body


def test_a_file_in_chinese_is_refused_as_not_vietnamese(staff_client, upload_batch):
    chinese = ("今天上午，市人民委员会召开会议，讨论今年旱季的抗旱计划。\n" * 20).encode("gb18030")
    page = upload_batch({"files": [SimpleUploadedFile("trung-quoc.txt", chinese)]})
    [row] = page.context["items"]
    assert row.status == "failed" and "không phải tiếng Việt" in row.message and "gb18030" in row.message
    assert not Original.objects.exists()


def test_one_thousand_and_one_files_in_one_upload_are_all_stored(staff_client, upload_batch):
    files = [SimpleUploadedFile(f"thon-{n:04d}.txt", small_article(n)) for n in range(1001)]
    page = upload_batch({"files": files})
    state = page.context["state"]
    assert state["total"] == 1001 and state["done"] == 1001 and state["counts"]["failed"] == 0
    assert Article.objects.count() == 1001


def test_more_files_than_a_batch_takes_get_a_sentence_not_a_bare_400(staff_client):
    files = [SimpleUploadedFile(f"thon-{n:04d}.txt", b"x") for n in range(ingestion.MAX_BATCH_FILES + 1)]
    response = staff_client.post(UPLOAD, {"files": files})
    assert response.status_code == 413
    html = response.content.decode()
    assert "2,000 tệp" in html and "zip" in html
    assert not IngestBatch.objects.exists()


def test_the_frameworks_limits_are_never_below_the_stated_ones():
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES >= ingestion.MAX_BATCH_FILES
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > ingestion.MAX_FILE_BYTES  # pasted text up to the file limit
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS >= 10


def test_items_queued_twice_are_stored_once(run_worker, django_capture_on_commit_callbacks):
    files = [ingestion.UploadItem.from_bytes(f"b{i}.txt", corpus.vi_article(340 + i).encode()) for i in range(4)]
    batch = batches.create_batch(files, enqueue=False)
    batches.plan_batch(batch.pk, enqueue=False)  # listed, queued by nobody: as after a worker died
    batch.refresh_from_db()
    batches.resume_batch(batch)
    batches.resume_batch(batch)  # a second click on "Chạy tiếp" queues the same items again
    run_worker()
    batch.refresh_from_db()
    assert batch.finished_at is not None
    assert Article.objects.count() == 4 and Original.objects.count() == 4
    assert set(batch.items.values_list("status", flat=True)) == {"created"}


def test_the_report_is_shown_in_the_readers_language(staff_client, upload_batch):
    page = upload_batch({"files": [SimpleUploadedFile("mot.txt", corpus.vi_article(350).encode()), SimpleUploadedFile("rong.txt", b"")]})
    assert "Đã lưu bài #" in page.content.decode() and "Tệp rỗng." in page.content.decode()
    staff_client.cookies["django_language"] = "en"
    english = staff_client.get(page.request["PATH_INFO"]).content.decode()
    assert "Stored as article #" in english and "The file is empty." in english and "Progress" in english


def test_staff_resume_a_stalled_batch_from_its_page(staff_client, run_worker, django_capture_on_commit_callbacks):
    files = [ingestion.UploadItem.from_bytes(f"d{i}.txt", corpus.vi_article(360 + i).encode()) for i in range(2)]
    batch = batches.create_batch(files, enqueue=False)
    batches.plan_batch(batch.pk, enqueue=False)  # listed, but its worker died before any file
    page = staff_client.get(reverse("admin:articles_ingestbatch_change", args=[batch.pk])).content.decode()
    assert "Chạy tiếp đợt này" in page
    response = staff_client.post(reverse("admin:articles_ingestbatch_resume", args=[batch.pk]))
    assert response.status_code == 302
    run_worker()
    batch.refresh_from_db()
    assert batch.finished_at is not None and Article.objects.count() == 2
    assert "Chạy tiếp đợt này" not in staff_client.get(response["Location"]).content.decode()
