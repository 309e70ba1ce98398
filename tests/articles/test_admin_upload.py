import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles import ingestion, services
from articles.models import Article, Original, Source

pytestmark = pytest.mark.django_db

DEMO = Path(services.__file__).resolve().parent / "demo"
UPLOAD = "/admin/articles/article/upload/"


def demo_file(name):
    return SimpleUploadedFile(name, (DEMO / name).read_bytes(), content_type="text/plain")


def make_zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def report_rows(response):
    return {r.filename: r for r in response.context["items"]}


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_staff_without_add_permission_are_refused(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"text": "Hội nghị"}).status_code == 403
    assert "Tải bài lên" not in client.get("/admin/articles/article/").content.decode()
    assert not Article.objects.exists()


def test_changelist_links_to_the_upload_page_within_the_admin_look(staff_client):
    changelist = staff_client.get("/admin/articles/article/").content.decode()
    assert UPLOAD in changelist and "/import/" in changelist  # import-export buttons kept
    page = staff_client.get(UPLOAD)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="file"' in html and "multiple" in html and 'id="site-name"' in html


def test_a_single_file_is_stored_and_reported_with_a_link(staff_client, staff_user, upload_batch):
    response = upload_batch({"files": demo_file("01-hoi-nghi-tinh-uy-thang-3-2023.txt")})
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.original.uploaded_by == staff_user
    html = response.content.decode()
    assert reverse("admin:articles_article_change", args=[article.pk]) in html
    assert response.context["state"]["counts"]["created"] == 1


def test_several_files_pasted_text_outlet_and_date(staff_client, upload_batch):
    pasted = "Hội nghị Ban Thường vụ\n\nSáng 3/4, đồng chí Trần Quốc Bảo, Bí thư Tỉnh ủy Hòa An chủ trì hội nghị."
    response = upload_batch(
        {
            "files": [demo_file("02-ubnd-lam-viec-huyen-song-lam.txt"), demo_file("04-tiep-doan-cong-tac-trung-uong.html")],
            "text": pasted,
            "text_filename": "dan-tay",
            "new_source": "Đài Hòa An",
            "published": "13/04/2023",  # day first, as Vietnamese write it
        },
    )
    rows = report_rows(response)
    assert set(rows) == {"02-ubnd-lam-viec-huyen-song-lam.txt", "04-tiep-doan-cong-tac-trung-uong.html", "dan-tay.txt"}
    assert {r.status for r in rows.values()} == {ingestion.CREATED}
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Đài Hòa An"}
    pasted_article = rows["dan-tay.txt"].article
    assert timezone.localtime(pasted_article.published_at).date().isoformat() == "2023-04-13"
    assert bytes(Original.objects.get(filename="dan-tay.txt").content) == pasted.encode()


def test_an_existing_outlet_can_be_chosen(staff_client, upload_batch):
    source = Source.objects.create(name="Báo Sông Lam")
    upload_batch({"files": demo_file("05-hoi-thao-mat-tran.txt"), "source": source.pk})
    assert Article.objects.get().source == source


def test_a_zip_with_broken_files_among_good_ones(staff_client, upload_batch):
    data = make_zip({
        "bai/03.txt": (DEMO / "03-ky-hop-hdnd-thang-7-2023.txt").read_bytes(),
        "bai/07.txt": (DEMO / "07-bau-chu-tich-ubnd-2024.txt").read_bytes(),
        "bai/anh.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "bai/rong.txt": b"",
        "../thoat-ra.txt": "Hội nghị".encode(),
        "long-nhau.zip": make_zip({"a.txt": b"x"}),
        "__MACOSX/bai/._03.txt": b"\x00\x05",
        "bai/.DS_Store": b"\x00",
    })
    response = upload_batch({"files": SimpleUploadedFile("dot-1.zip", data, content_type="application/zip")})
    rows = report_rows(response)
    assert rows["dot-1.zip:bai/03.txt"].status == ingestion.CREATED
    assert rows["dot-1.zip:bai/07.txt"].status == ingestion.CREATED
    assert rows["dot-1.zip:bai/anh.txt"].status == ingestion.FAILED
    assert rows["dot-1.zip:bai/rong.txt"].status == ingestion.FAILED
    assert "không an toàn" in rows["dot-1.zip:../thoat-ra.txt"].message
    assert "lồng" in rows["dot-1.zip:long-nhau.zip"].message
    assert len(rows) == 6  # __MACOSX and dotfiles are skipped
    assert Article.objects.count() == 2
    assert "Lỗi: 4" in response.content.decode()


def test_limits_are_enforced_with_messages_that_state_them(staff_client, monkeypatch, upload_batch):
    monkeypatch.setattr(ingestion, "MAX_FILE_BYTES", 2000)
    monkeypatch.setattr(ingestion, "MAX_BATCH_FILES", 2)
    monkeypatch.setattr(ingestion, "MAX_COMPRESSION_RATIO", 20)
    big = "Hội nghị tỉnh. ".encode() * 200
    bomb = make_zip({"bom.txt": b"a" * 1900})
    response = upload_batch(
        {"files": [
            SimpleUploadedFile("lon.txt", big),
            SimpleUploadedFile("bom.zip", bomb),
            SimpleUploadedFile("a.txt", "Bài một, Tỉnh ủy họp.".encode()),
            SimpleUploadedFile("b.txt", "Bài hai, HĐND họp.".encode()),
            SimpleUploadedFile("c.txt", "Bài ba, UBND họp.".encode()),
            SimpleUploadedFile("anh.png", b"\x89PNG"),
        ]},
    )
    rows = report_rows(response)
    assert "giới hạn 2,000 byte" in rows["lon.txt"].message
    assert "Tỉ lệ nén" in rows["bom.zip:bom.txt"].message
    assert rows["a.txt"].status == ingestion.CREATED and rows["b.txt"].status == ingestion.CREATED
    assert "2 tệp" in rows["c.txt"].message
    assert "không được hỗ trợ" in rows["anh.png"].message
    assert Article.objects.count() == 2


def test_zip_size_limit(staff_client, monkeypatch, upload_batch):
    monkeypatch.setattr(ingestion, "MAX_ZIP_BYTES", 100)
    response = upload_batch({"files": SimpleUploadedFile("lon.zip", make_zip({"a.txt": "Hội nghị ".encode() * 40}))}
    )
    [row] = response.context["items"]
    assert row.status == ingestion.FAILED and "zip" in row.message and "giới hạn" in row.message


def test_duplicates_are_reported_with_a_link_to_the_first(staff_client, upload_batch):
    upload_batch({"files": demo_file("06-kien-toan-nhan-su-2024.txt")})
    first = Article.objects.get()
    response = upload_batch({"files": demo_file("06-kien-toan-nhan-su-2024.txt")})
    [row] = response.context["items"]
    assert row.status == ingestion.DUPLICATE and row.duplicate_of == first
    assert reverse("admin:articles_article_change", args=[first.pk]) in response.content.decode()
    assert Article.objects.count() == 1


def test_an_empty_form_asks_for_a_file(staff_client, upload_batch):
    response = upload_batch({})
    assert response.status_code == 200 and "ít nhất một tệp" in response.content.decode()
