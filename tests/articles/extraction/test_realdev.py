"""The engine over the real development corpus (../shared/realdev; skipped when it is absent).

The product's targets (issue: extraction on real articles) hold on the whole corpus. The held-out
slice (every fifth document, see evaluation.is_held_out) is reported by ``make eval``; its errors are
not read while tuning, so it is not asserted here beyond "no invented dates".
"""

import os
from pathlib import Path

import pytest

from articles.extraction.evaluation import evaluate_many, format_report

REPO = Path(__file__).resolve().parents[3]
REALDEV = Path(os.environ.get("VANKHO_REALDEV_DIR", REPO.parent / "shared" / "realdev"))


@pytest.fixture(scope="module")
def golds():
    found = sorted(REALDEV.glob("*/gold.jsonl"))
    if not found:
        pytest.skip(f"real development corpus not found at {REALDEV}")
    return found


def test_targets_on_the_whole_real_corpus(golds):
    s = evaluate_many(golds)
    report = format_report(s, details=False)
    assert s.names["f1"] >= 0.97, report
    assert s.chairs["f1"] >= 0.95, report
    assert s.dates_found >= 0.95 * s.dates_expected and s.dates_wrong == 0 and s.invented_dates == 0, report
    assert s.title_recall >= 0.95, report
    assert s.headlines_found >= 0.95 * s.headlines_expected, report


def test_no_invented_or_wrong_date_on_the_held_out_slice(golds):
    s = evaluate_many(golds, part="holdout")
    assert s.invented_dates == 0 and s.dates_wrong == 0, format_report(s, details=False)


def test_organisations_are_whole_canonical_names_a_reader_would_list(golds):
    """Every organisation the engine names in the real corpus is one a reader listed for the corpus
    (no fragment, no second spelling of a body), and nearly always for that very document."""
    import json

    from articles.extraction import extract_upload
    from articles.extraction.evaluation import gold_path, load_gold
    from articles.extraction.normalize import fold

    listed = json.loads((Path(__file__).parent / "realdev_organizations.json").read_text(encoding="utf-8"))["documents"]
    everything = {fold(name) for names in listed.values() for name in names}
    named = agreed = 0
    strangers = []
    for gold in golds:
        for row in load_gold(gold):
            path = gold_path(row, gold.parent)
            expected = {fold(name) for name in listed.get(row["id"], [])}
            for org in extract_upload(path.read_bytes(), filename=path.name).organizations:
                if not org.resolved:
                    continue
                named += 1
                agreed += fold(org.name) in expected
                if fold(org.name) not in everything:
                    strangers.append(f"{row['id']}: {org.name} (written {org.as_written!r})")
    assert strangers == []
    assert agreed >= 0.95 * named, f"{agreed} of {named} organisations agree with the reading of their document"
