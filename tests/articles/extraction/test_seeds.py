"""The whole extractor over the real seed articles (skipped when ../shared/seeds is absent)."""

import json
import os
from pathlib import Path

import pytest

from articles.extraction import extract, extract_upload, name_key
from articles.extraction.evaluation import evaluate_dir, format_report, load_gold

REPO = Path(__file__).resolve().parents[3]
SEEDS = Path(os.environ.get("VANKHO_SEEDS_DIR", REPO.parent / "shared" / "seeds"))


@pytest.fixture(scope="module")
def gold():
    if not (SEEDS / "gold.jsonl").exists():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return load_gold(SEEDS / "gold.jsonl")


def test_seed_scores_are_perfect(gold):
    s = evaluate_dir(SEEDS / "gold.jsonl", SEEDS)
    report = format_report(s)
    assert s.names["f1"] == 1.0, report
    assert s.chairs["f1"] == 1.0, report
    assert s.date_accuracy == 1.0 and s.invented_dates == 0, report
    assert s.headline_accuracy == 1.0, report


def _keys(names):
    return [name_key(n) for n in names]


def test_each_seed_exactly(gold):
    for row in gold:
        ex = extract((SEEDS / row["file"]).read_text(encoding="utf-8"))
        j = ex.to_json(row["file"])
        assert (name_key(j["title"]) if j["title"] else None) == (name_key(row["title"]) if row["title"] else None), row["file"]
        assert j["published"] == row["published"], row["file"]
        assert _keys(o["name"] for o in j["officials"]) == _keys(o["name"] for o in row["officials"]), row["file"]
        ev = j["events"][0]
        assert sorted(_keys(ev["chairs"])) == sorted(_keys(row["chairs"])), row["file"]
        assert ev["date"] == row["event_date"], row["file"]
        assert ev["kind"] == row["event_type"], row["file"]
        pred_titles = {name_key(o["name"]): {name_key(t) for t in o["titles"]} for o in j["officials"]}
        for o in row["officials"]:
            assert {name_key(t) for t in o["titles"]} <= pred_titles[name_key(o["name"])], (row["file"], o["name"])
        officials = set(_keys(o["name"] for o in j["officials"]))
        for n in row["not_officials"]:
            assert name_key(n) not in officials, (row["file"], n)
            assert n not in ex.body or n in ("Nguyễn Hồng Thái",), (row["file"], n)
        if row.get("source_hint"):
            assert j["source"] and name_key(j["source"]) in name_key(row["source_hint"]), row["file"]


def test_seed_offsets_and_evidence(gold):
    for row in gold:
        ex = extract_upload((SEEDS / row["file"]).read_bytes(), filename=row["file"])
        for o in ex.officials:
            assert ex.body[o.start:o.end] == o.name
            assert ex.body.find(o.name) == o.start
            assert o.name in o.sentence


def test_seed_json_lines_serialise(gold):
    for row in gold:
        line = json.dumps(extract((SEEDS / row["file"]).read_text()).to_json(row["file"]), ensure_ascii=False)
        assert "\n" not in line
