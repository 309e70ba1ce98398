"""The Tantivy peer of `make bench` on a tiny archive: same totals as PostgreSQL/SQLite for the mix.

Skipped where tantivy is not installed (it is a benchmark-only dependency: requirements-bench.txt).
"""

import pytest

from bench import synthetic

tantivy = pytest.importorskip("tantivy")

pytestmark = pytest.mark.django_db


def test_the_peer_counts_what_the_search_counts(tmp_path):
    from bench import tantivy_peer

    synthetic.build(60, seed=5)
    tantivy_peer.build(tmp_path, log=lambda message: None)
    result = tantivy_peer.compare(tmp_path, rounds=1, log=lambda message: None)
    assert result["queries"] >= 40
    differing = [(r["label"], r["postgresql_totals"], r["tantivy_totals"]) for r in result["rows"] if not r["totals_agree"]]
    assert differing == []
