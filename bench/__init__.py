"""Archive-scale benchmark: synthetic archives, measurements and the report (``manage.py bench``).

- ``synthetic``: a deterministic generator of Vietnamese-like published archives (COPY on
  PostgreSQL, bulk_create elsewhere) and of raw article texts for extraction/ingestion runs.
- ``measure``: timings of the public pages, CSV exports, extraction and ingestion.
- ``report``: the table, PASS/FAIL targets and docs/BENCHMARKS.md.

Nothing here runs in the test suite except on tiny archives (tests/articles/test_benchmark.py).
"""
