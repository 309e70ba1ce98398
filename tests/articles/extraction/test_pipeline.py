import ast
import dataclasses
import datetime as dt
import json
import unicodedata
from pathlib import Path

import articles.extraction as extraction
from articles.extraction import EXTRACTOR_VERSION, Extraction, extract

PACKAGE = Path(extraction.__file__).resolve().parent

ARTICLE = """Tỉnh ủy triển khai nhiệm vụ năm 2024

Cập nhật: 18:14, 03/01/2024

(HNM) - Chiều 30/12, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nguyễn Văn Hải chủ trì hội nghị tổng kết công tác.

Tham dự có Phó Bí thư Thường trực Tỉnh uỷ Lê Thị Thu Hằng; Chủ tịch UBND tỉnh Trần Quốc Bảo.

Phát biểu kết luận, Bí thư Tỉnh ủy Nguyễn Văn Hải yêu cầu các cấp ủy tập trung thực hiện tốt nhiệm vụ.

Minh Anh
"""


def test_public_api_names():
    for name in ("EXTRACTOR_VERSION", "ROLES", "extract", "decode_upload", "extract_upload", "normalize_text",
                 "name_key", "fold", "UndecodableError", "Decoded"):
        assert hasattr(extraction, name), name
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_extract_full_article():
    ex = extract(ARTICLE)
    assert isinstance(ex, Extraction)
    assert ex.title == "Tỉnh ủy triển khai nhiệm vụ năm 2024"
    assert ex.published == dt.datetime(2024, 1, 3, 18, 14)
    assert ex.source == "HNM"
    assert ex.authors == ["Minh Anh"]
    assert [o.name for o in ex.officials] == ["Nguyễn Văn Hải", "Lê Thị Thu Hằng", "Trần Quốc Bảo"]
    ev = ex.events[0]
    assert ev.date == dt.date(2023, 12, 30) and ev.kind == "hội nghị"
    assert ev.chairs == ["Nguyễn Văn Hải"]
    assert ev.sentence.startswith("Chiều 30/12")
    kinds = {o.name: o.kind for o in ex.organizations}
    assert kinds.get("Ủy ban nhân dân tỉnh") == "peoples_committee"  # "UBND tỉnh": the province is never named


def test_to_json_contract():
    j = extract(ARTICLE).to_json("a/b.txt")
    assert list(j) == ["file", "title", "published", "source", "authors", "body", "officials", "events", "warnings"]
    assert j["file"] == "a/b.txt" and j["published"] == "2024-01-03"
    assert j["officials"][0] == {"name": "Nguyễn Văn Hải", "titles": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"],
                                 "posts": ["Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy"]}
    e = j["events"][0]
    assert list(e) == ["kind", "date", "date_text", "date_basis", "date_evidence", "organizer", "chairs", "participants"]
    assert e["date_basis"] == "stamp" and e["date_evidence"]
    assert e["date"] == "2023-12-30" and e["date_text"] == "30/12" and e["chairs"] == ["Nguyễn Văn Hải"]
    assert set(e["participants"][0]) == {"name", "role", "titles"}
    json.dumps(j, ensure_ascii=False)


def test_nfd_input_gives_same_result():
    a = extract(ARTICLE).to_json("x")
    b = extract(unicodedata.normalize("NFD", ARTICLE)).to_json("x")
    assert a == b


def test_deterministic():
    assert extract(ARTICLE).to_json("x") == extract(ARTICLE).to_json("x")


def test_empty_and_garbage_text():
    ex = extract("")
    assert ex.title is None and ex.officials == [] and ex.warnings
    ex = extract("0\n\n\n")
    assert ex.officials == []


# Pathological inputs must be read (cut, with a warning) and finish: a rule that backtracks
# would hang the suite here. How fast extraction is lives in `make bench`, not in a timed test.

def test_pathological_long_single_line_is_cut_with_a_warning():
    text = ("Bí thư Tỉnh ủy Nguyễn Văn Hải, Phó Chủ tịch UBND tỉnh, chủ trì, phối hợp " * 70000)[:5_000_000]
    ex = extract(text)
    assert any("only the first" in w for w in ex.warnings)
    assert "Nguyễn Văn Hải" in [o.name for o in ex.officials]


def test_pathological_capitalised_run_names_nobody():
    assert extract("Sáng 3/4, " + "Hà Nội " * 15000 + "chủ trì.").officials == []


def test_dataclass_fields():
    names = {f.name for f in dataclasses.fields(extraction.OfficialMention)}
    assert {"name", "titles", "sentence", "start", "end"} <= names
    assert {"name", "role", "titles", "sentence"} <= {f.name for f in dataclasses.fields(extraction.Participant)}
    assert {"kind", "date", "date_text", "participants", "sentence"} <= {f.name for f in dataclasses.fields(extraction.Event)}


def test_package_source_strings_are_nfc_and_no_django():
    for path in PACKAGE.glob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert "import django" not in src and "from django" not in src, path
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value == unicodedata.normalize("NFC", node.value), (path.name, node.value[:40])
