import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles import ingestion, services
from articles.models import Article, Original

pytestmark = pytest.mark.django_db

DEMO = Path(services.__file__).resolve().parent / "demo"


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "lo-bai"
    (folder / "2023").mkdir(parents=True)
    for name in ("01-hoi-nghi-tinh-uy-thang-3-2023.txt", "04-tiep-doan-cong-tac-trung-uong.html"):
        shutil.copy(DEMO / name, folder / "2023" / name)
    (folder / "rong.txt").write_bytes(b"")
    (folder / "ghi-chu.md").write_text("không phải bài")  # not an article extension: ignored
    (folder / ".an.txt").write_text("ẩn")  # dotfile: ignored
    archive = tmp_path / "2024.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(DEMO / "07-bau-chu-tich-ubnd-2024.txt", "07.txt")
        zf.writestr("anh.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder, archive


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_folder_and_zip_with_a_summary_then_a_rerun_creates_nothing(batch):
    folder, archive = batch
    out, _ = run(folder, archive, "--source", "Báo Hòa An")
    assert "5 tệp: đã tạo 3" in out and "lỗi 2" in out
    assert "rong.txt" in out and "anh.txt" in out  # failed files are named with their reason
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Báo Hòa An"}

    out, _ = run(folder, archive)
    assert "đã tạo 0" in out and "trùng (không lưu thêm) 3" in out
    assert Article.objects.count() == 3 and Original.objects.count() == 3


def test_json_prints_one_object_per_file_and_nothing_else(batch):
    folder, archive = batch
    out, _ = run(folder, archive, "--json", "--published", "2024-01-25")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 5
    assert {line["status"] for line in lines} == {"created", "failed"}
    created = [line for line in lines if line["status"] == "created"]
    assert all(isinstance(line["article"], int) for line in created)
    assert all(set(line) == {"file", "status", "article", "duplicate_of", "message"} for line in lines)


def test_exit_status_is_an_error_only_when_every_file_failed(tmp_path):
    (tmp_path / "rong.txt").write_bytes(b"")
    with pytest.raises(CommandError) as failure:
        run(tmp_path / "rong.txt")
    assert failure.value.returncode == 1
    with pytest.raises(CommandError):
        run(tmp_path / "khong-co.txt")


def test_a_database_error_on_one_file_is_reported_and_the_batch_goes_on(batch, monkeypatch):
    from django.db import OperationalError

    folder, _ = batch
    real = ingestion.ingest_file
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs["filename"])
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(ingestion, "ingest_file", flaky)
    out, _ = run(folder, "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    # staff read a sentence, never the driver's raw error (that goes to the log)
    assert lines[0]["status"] == "failed" and "server closed" not in lines[0]["message"]
    assert "cơ sở dữ liệu" in lines[0]["message"] and "Chạy lại" in lines[0]["message"]
    assert lines[1]["status"] == "created"
    monkeypatch.undo()
    out, _ = run(folder, "--json")  # the re-run completes the batch
    statuses = [json.loads(line)["status"] for line in out.splitlines()]
    assert statuses.count("created") == 1 and statuses.count("duplicate") == 1
