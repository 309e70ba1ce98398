"""manage.py extract / evaluate_extraction: thin commands over the pure engine; no database."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

ARTICLE = """Tỉnh ủy triển khai nhiệm vụ trọng tâm

(HNM) - Chiều 30/12, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nguyễn Văn Hải chủ trì hội nghị tổng kết công tác năm.

Cùng chủ trì hội nghị có Phó Bí thư Thường trực Tỉnh ủy Lê Thị Thu Hằng; Chủ tịch UBND tỉnh Trần Quốc Bảo.
"""


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_extract_json_one_line_per_file_in_order(tmp_path):
    good = tmp_path / "bai.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "anh.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    missing = str(tmp_path / "khong-co.txt")
    out = run("extract", str(good), str(empty), missing, str(binary), "--json", "--published", "2024-01-02")
    lines = out.strip().split("\n")
    assert len(lines) == 4
    rows = [json.loads(x) for x in lines]
    assert [r["file"] for r in rows] == [str(good), str(empty), missing, str(binary)]
    first = rows[0]
    assert list(first) == ["file", "title", "published", "source", "authors", "body", "officials", "events", "warnings"]
    assert first["title"] == "Tỉnh ủy triển khai nhiệm vụ trọng tâm"
    assert first["published"] == "2024-01-02"
    assert first["events"][0]["date"] == "2023-12-30"
    assert first["events"][0]["chairs"] == ["Nguyễn Văn Hải", "Lê Thị Thu Hằng", "Trần Quốc Bảo"]
    assert first["officials"][0] == {"name": "Nguyễn Văn Hải", "titles": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"],
                                     "posts": ["Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy"]}
    assert "Nguyễn Văn Hải" in out  # ensure_ascii=False
    for r in rows[1:]:
        assert r["title"] is None and r["officials"] == [] and r["events"] == [] and r["body"] == ""
        assert r["warnings"]
    assert "empty" in rows[1]["warnings"][0].lower()
    assert "binary" in rows[3]["warnings"][0].lower()


def test_extract_readable_summary(tmp_path):
    f = tmp_path / "bai.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    out = run("extract", str(f))
    assert "Nguyễn Văn Hải" in out and "chair" in out and not out.lstrip().startswith("{")


def test_extract_bad_published_is_an_error(tmp_path):
    from django.core.management.base import CommandError

    f = tmp_path / "bai.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CommandError):
        run("extract", str(f), "--published", "30/12/2023")


def test_commands_need_no_checks():
    from articles.management.commands import evaluate_extraction, extract

    for mod in (extract, evaluate_extraction):
        assert mod.Command.requires_system_checks == []
        assert mod.Command.requires_migrations_checks is False


def test_evaluate_extraction(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "file": "a.txt", "title": "Tỉnh uỷ triển khai nhiệm vụ trọng tâm", "event_date": None,
        "chairs": ["Nguyễn Văn Hải"], "officials": [{"name": "Nguyễn Văn Hải", "titles": []}, {"name": "Phạm Minh Đức", "titles": []}],
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    out = run("evaluate_extraction", str(gold), str(tmp_path))
    assert "missed officials: Phạm Minh Đức" in out
    assert "extra chairs:" in out and "official names" in out and "headline accuracy" in out
    data = json.loads(run("evaluate_extraction", str(gold), str(tmp_path), "--json"))
    assert data["names"]["tp"] == 1 and data["names"]["fn"] == 1 and data["names"]["fp"] == 2
    assert data["headline_accuracy"] == 1.0 and data["date_accuracy"] == 1.0
    assert data["invented_dates"] == 0  # no year in the text without --published: date stays null


def test_evaluate_extraction_on_seeds(seeds_dir):
    data = json.loads(run("evaluate_extraction", str(seeds_dir / "gold.jsonl"), str(seeds_dir), "--json"))
    assert data["names"]["f1"] == 1.0 and data["chairs"]["f1"] == 1.0
    assert data["date_accuracy"] == 1.0 and data["invented_dates"] == 0 and data["headline_accuracy"] == 1.0
