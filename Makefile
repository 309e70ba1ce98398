# Văn khố — the commands a newcomer needs. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# PostgreSQL used by `make test` (second pass) and `make bench`, unless DATABASE_URL says otherwise.
PG_URL ?= postgres://postgres@127.0.0.1:5432/vankho
HOST ?= 127.0.0.1:8000

.PHONY: install run demo test test-sqlite test-postgres bench stress lint clean eval

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

## make run: install, migrate, load the demo archive, serve on SQLite at http://$(HOST), with one
## background worker beside the web server (uploads are ingested by it; Ctrl+C stops both)
run: install
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST)

demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo

## make test: the whole suite on SQLite, then on PostgreSQL when one is reachable
## (DATABASE_URL if it points at PostgreSQL, else $(PG_URL)). REQUIRE_POSTGRES=1 turns
## "no PostgreSQL" into a failure instead of a skip (CI sets it).
test: install
	$(MAKE) --no-print-directory test-sqlite
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	case "$$url" in postgres*) ;; *) url="$(PG_URL)";; esac; \
	if $(PY) -c "import sys, psycopg; psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres PG_URL="$$url"; \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required (REQUIRE_POSTGRES=1) but $$url cannot be reached" >&2; exit 1; \
	else \
		echo "PostgreSQL not reachable at $$url: the PostgreSQL pass was skipped."; \
	fi

test-sqlite: install
	@echo "== test suite on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: install
	@echo "== test suite on PostgreSQL"
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest $(PYTEST_ARGS)

## make bench: archive-scale benchmark on PostgreSQL (docs/BENCHMARKS.md). Builds synthetic archives
## of 2k/200k/1M published articles in databases of their own (<name>_2k, _200k, _1000k after
## DATABASE_URL or $(BENCH_URL); built once, reused: the 1M build takes about an hour), measures
## pages, the search mix against a Tantivy index of the same archive (200k and up), exports,
## extraction, ingestion and two gunicorn instances, prints the table and writes docs/BENCHMARKS.md.
## SIZES=2000,200000 for a shorter run; BENCH_ARGS="--skip load,ingest,tantivy" to leave parts out.
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/vankho_bench
SIZES ?= 2000,200000,1000000
bench: install
	$(PY) -m pip install --quiet -r requirements-bench.txt
	@url="$${DATABASE_URL:-$(BENCH_URL)}"; \
	case "$$url" in postgres*) ;; *) url="$(BENCH_URL)";; esac; \
	DATABASE_URL="$$url" $(PY) manage.py bench --sizes $(SIZES) $(BENCH_ARGS)

## make stress: the long load test: 50 clients for 60 s against gunicorn workers on the 20k
## benchmark archive (built by `make bench`); writes the Load section of docs/BENCHMARKS.md.
## The two-gunicorn deployment check is part of `make bench`.
stress: install
	$(PY) tests/load/loadtest.py --database-url "$${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vankho_bench_20k}" \
		--clients 50 --seconds 60 --report docs/BENCHMARKS.md

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf var/*.sqlite3 var/staticfiles .pytest_cache

## make eval: the extractor's scores on every corpus: the seeds, the team's own corpus and the real
## development corpus ../shared/realdev (dev part, the held-out part — every fifth document, never
## tuned on — and whole). See docs/EXTRACTION.md.
SHARED ?= ../shared
eval: install
	@team="tests/articles/extraction/corpus"; real="$(SHARED)/realdev"; \
	args="team=$$team/gold.jsonl+$$team/gold2.jsonl+$$team/gold3.jsonl"; \
	[ -f "$(SHARED)/seeds/gold.jsonl" ] && args="seeds=$(SHARED)/seeds/gold.jsonl $$args"; \
	if [ -d "$$real" ]; then \
		for b in $$(ls $$real); do [ -f "$$real/$$b/gold.jsonl" ] && \
			args="$$args realdev-$$b-dev=$$real/$$b/gold.jsonl:dev realdev-$$b-holdout=$$real/$$b/gold.jsonl:holdout"; done; \
		all=$$(ls $$real/*/gold.jsonl | paste -sd+); \
		args="$$args realdev-dev=$$all:dev realdev-holdout=$$all:holdout realdev-whole=$$all"; \
	else echo "($$real not found: real corpus skipped)"; fi; \
	$(PY) manage.py evaluate_extraction --table $$args
