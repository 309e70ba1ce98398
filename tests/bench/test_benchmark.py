"""The benchmark's generator and measurements on a tiny archive (50 articles): seconds, not minutes.

Runs on SQLite (bulk_create) and PostgreSQL (COPY). The real runs are `make bench`.
"""

import unicodedata
from collections import Counter

import pytest

from articles.models import Article, Mention, Original
from bench import measure, report, synthetic
from people.models import Meeting, Participation, Person, Status

pytestmark = pytest.mark.django_db

SIZE = 50


@pytest.fixture
def archive():
    return synthetic.build(SIZE, seed=3)


def test_archive_shape(archive):
    assert archive["articles"] == SIZE
    assert Article.objects.count() == SIZE
    assert Original.objects.count() == SIZE
    assert len(set(Original.objects.values_list("sha256", flat=True))) == SIZE
    assert not Article.objects.exclude(status=Status.PUBLISHED).exists()
    assert not Meeting.objects.exclude(status=Status.PUBLISHED).exists()
    assert Person.objects.count() == synthetic.person_count(SIZE)
    # Every meeting has exactly one chair, and participations are mirrored by mentions.
    chairs = Counter(Participation.objects.filter(role="chair").values_list("meeting_id", flat=True))
    assert set(chairs.values()) == {1} and len(chairs) == Meeting.objects.count()
    assert Mention.objects.count() == Participation.objects.count()


def test_zipf_skew(archive):
    counts = Counter(Participation.objects.values_list("person_id", flat=True))
    per_person = sorted((counts.get(pk, 0) for pk in Person.objects.values_list("pk", flat=True)), reverse=True)
    median = per_person[len(per_person) // 2]
    assert per_person[0] >= 4 * max(median, 1), per_person[:10]
    # The rank-0 official (first created) is the busiest.
    first = Person.objects.order_by("id").first()
    assert counts[first.pk] == per_person[0]


def test_vietnamese_text(archive):
    for body, headline in Article.objects.values_list("body", "headline")[:10]:
        assert unicodedata.is_normalized("NFC", body)
        assert any(ch in body for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
        assert headline
    names = Person.objects.values_list("full_name", flat=True)
    assert all(len(name.split()) == 3 for name in names)


def test_the_titles_of_the_synthetic_officials_give_posts_and_tenures(archive):
    from people.models import Tenure
    from people.tenures import tenure_drift

    assert Tenure.objects.filter(post__name__startswith="Ủy viên Bộ Chính trị").exists()
    assert tenure_drift() == []


def test_growing_is_incremental(archive):
    again = synthetic.build(SIZE, seed=3)
    assert again["generated"] == 0
    grown = synthetic.build(SIZE + 10, seed=3)
    assert grown["generated"] == 10
    assert Article.objects.count() == SIZE + 10
    assert Original.objects.count() == SIZE + 10


def test_measurements_return_numbers(archive):
    result = measure.pages(rounds=1, explain=False, warmup=False, person_runs=1, sample=2, mix_limit=3)
    assert result["archive"]["articles"] == SIZE
    assert len(measure.search_mix()[0]) >= 40
    for key in ("search", "person_busiest", "person_typical", "meeting", "article"):
        part = result[key]
        assert "missing" in part or isinstance(part["p95"], float), (key, part)
    for key in ("post", "organization"):  # issue 15: the synthetic officials' titles give posts
        assert result[key]["status"] == 200 and isinstance(result[key]["p95"], float), (key, result[key])
    export = measure.export_rows(100, "import_export")
    assert export["rows_per_s"] > 0 and export["peak_rss_mib"] > 0
    stream = measure.export_rows(100, "stream")
    assert "missing" in stream or stream["produced"] >= 100
    extraction = measure.extraction(count=3, baseline_count=0)
    assert "missing" in extraction["extract"] or extraction["extract"]["articles_per_s"] > 0
    search = result["search"]  # each page's time splits into its SQL and the rest
    assert search["in_sql"]["n"] == search["outside_sql"]["n"] == search["n"]
    assert 0 <= search["in_sql"]["p50"] <= search["max"] and search["outside_sql"]["p50"] > 0
    table = report.render({"machine": report.machine(), "sizes": {"2k": result}})
    assert "| target | measured | verdict |" in table
    assert "| search: of which in SQL, p50 |" in table


def test_percentiles():
    values = list(range(1, 101))
    assert measure.percentile(values, 95) == 95
    assert measure.percentile(values, 50) == 50
    assert measure.summary([5.0])["p95"] == 5.0


def test_texts_for_extraction_are_plain_articles():
    (text,) = synthetic.texts(1, pool_size=60)
    assert "Cập nhật:" in text and "chủ trì" in text


def test_workers_run_without_the_rate_limit():
    # With the anonymous rate limit on, the 121st request of a minute is a 429 in < 1 ms: the
    # pages phase then "measured" the limiter (person pages at 0.7 ms, 0 SQL queries).
    from bench import databases

    env = databases.worker_env("postgres://example/vankho_bench_2k")
    assert env["RATE_LIMIT_PAGES_PER_MINUTE"] == "0" and env["RATE_LIMIT_EXPORTS_PER_MINUTE"] == "0"


def test_load_paths_are_public_pages_of_the_archive(archive, client):
    # The two-gunicorn phase builds its URL mix from the archive, with or without the pages phase.
    mix = measure.load_paths(seed=1, sample=3)
    paths = mix["paths"]
    assert len(paths) == 2 + len(measure.LOAD_SEARCHES) + 1 + 3 + 3, mix
    assert len(set(paths)) == len(paths)
    assert paths[0].startswith("/nguoi/") and any(p.startswith("/tim-kiem/?q=") for p in paths)
    assert sum(p.startswith("/cuoc-hop/") for p in paths) == 3 and sum(p.startswith("/bai-bao/") for p in paths) == 3
    assert measure.load_paths(seed=1, sample=3) == mix  # a fixed choice per seed
    for path in paths:
        assert client.get(path).status_code == 200, path


LOAD = {"archive": "20k", "workers": 2, "threads": 6, "seconds": 10, "mix": "17 URLs", "rows": [
    {"setup": "instance :8101 alone", "requests": 100, "rps": 10.0, "p50": 300.0, "p95": 900.0, "errors": 0, "error_kinds": {}},
    {"setup": "instances :8101 + :8102 together", "requests": 110, "rps": 11.0, "p50": 600.0, "p95": 1800.0, "errors": 1,
     "error_kinds": {"500": 1}},
    {"setup": "instance :8101 alone, again", "requests": 120, "rps": 12.0, "p50": 280.0, "p95": 800.0, "errors": 0,
     "error_kinds": {}},
]}
INGESTION = {"files": 300, "bytes": 700_000, "seconds": 30.0, "files_per_s": 10.0, "articles_created": 300, "exit": 0,
             "archive": "20k"}


def test_report_renders_ingestion_and_two_instances_without_pages():
    table = report.render({"machine": {"cores": 2}, "sizes": {}, "ingestion": INGESTION, "load": LOAD})
    assert "### Pages" not in table
    assert "**10.0 files/s**; 300 articles created" in table and "copy of the 20k archive" in table
    assert "| instance :8101 alone | 100 | 10.0 | 300 | 900 | 0 |" in table
    assert "| instances :8101 + :8102 together | 110 | 11.0 | 600 | 1 800 | 1 (500: 1) |" in table
    assert "Together / alone: 11.0 / 11.0 req/s = 1.00× (alone: the mean of its two rows); errors in all rows: 1." in table
    assert "differ by" not in table  # 10 and 12 req/s: within 25%
    assert "2-core machine" in table and "cannot double" in table
    failed = report.render({"machine": {}, "load": {"error": "port(s) [8101] already in use on 127.0.0.1"}})
    assert "not measured: port(s) [8101]" in failed


def _peer(pg_p95, tv_p95):
    return {"queries": 52, "totals_agree": 52, "postgresql": {"p50": 1.0, "p95": pg_p95},
            "tantivy": {"p50": 1.0, "p95": tv_p95}, "ratio_p95": round(pg_p95 / tv_p95, 2), "rows": []}


def test_report_sets_the_peer_engine_beside_the_page_targets():
    peers = {"200k": _peer(300.0, 80.0), "1000k": _peer(900.0, 360.0)}
    peers["200k"].update(page={"p50": 200.0, "p95": 450.0}, engine_page={"p50": 80.0, "p95": 140.0})
    table = report.render({"machine": {"cores": 2}, "sizes": {}, "tantivy": peers})
    assert "page − selector + Tantivy" in table and "80.0 ms / 140 ms at 200k (the page as it is: 200 ms / 450 ms)." in table
    assert ("Tantivy alone, at the selector level (no page built or rendered), p95: 80.0 ms at 200k "
            "(page target 100 ms); 360 ms at 1000k (page target 150 ms); its growth 200k → 1000k: 4.5×.") in table
    only_200k = report.render({"machine": {}, "sizes": {}, "tantivy": {"200k": _peer(300.0, 80.0)}})
    assert "80.0 ms at 200k (page target 100 ms)." in only_200k and "its growth" not in only_200k


def test_report_write_keeps_the_hand_written_sections(tmp_path):
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text(
        "# Benchmarks\n\nHand-written intro.\n\n## History\n\n" + report.HISTORY_START + "\n| date |\n|---|\n| old run |\n"
        + report.HISTORY_END + "\n\n<!-- bench:results (generated by `make bench`; everything below is replaced) -->\n\n"
        "## Run of yesterday\n\n### Pages\n\n```\n## not a heading: inside a plan\n```\n\nold numbers\n\n"
        "## Load\n\n`make stress` table, hand-kept.\n"
    )
    results = {"machine": {"date": "today", "cores": 2}, "sizes": {}, "load": LOAD}
    report.write(results, doc)
    text = doc.read_text()
    assert "Hand-written intro." in text and "| old run |" in text
    assert "## Run of yesterday" not in text and "old numbers" not in text
    assert text.count("## Run of today") == 1 and "## Load\n\n`make stress` table, hand-kept." in text
    assert text.index(report.RESULTS_END) < text.index("## Load")
    report.write(results, doc)  # again: one generated part, the Load section once, two new history lines
    text = doc.read_text()
    assert text.count("## Run of today") == 1 and text.count("## Load") == 1 and text.count("| today |") == 2
    assert text.count(report.RESULTS_END) == 1
