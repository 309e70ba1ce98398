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
    assert [r["label"] for r in result["rows"] if r["page_status"] != 200] == []  # the pages timed beside it work


def test_the_peer_counts_the_facets_and_months_the_page_shows(tmp_path):
    from django.http import QueryDict

    from articles import search
    from bench import tantivy_peer

    synthetic.build(60, seed=5)
    tantivy_peer.build(tmp_path, log=lambda message: None)
    peer = tantivy_peer.Peer(tmp_path)
    for params in ("", "kind=hoi-nghi", "year=2015"):
        criteria = search.SearchForm(QueryDict(params)).criteria()
        page = search.search_results(target="meetings", criteria=criteria)
        answer = peer.search(target="meetings", criteria=criteria)
        months = {f"{day:%Y%m}00": n for day, n in page["histogram"]}
        assert months and {key[:8]: n for key, n in answer["facets"]["dates"].items()} == months, params
        for facet in page["facets"]:
            if facet.name in ("kind", "year"):
                shown = {option.value: option.count.value for option in facet.options if option.count.value}
                name = "kinds" if facet.name == "kind" else "years"
                assert shown and {key: n for key, n in answer["facets"][name].items() if n} == shown, (params, facet.name)
