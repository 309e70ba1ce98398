# Văn khố — the commands a newcomer needs. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# PostgreSQL used by `make test` (second pass) and `make bench`, unless DATABASE_URL says otherwise.
PG_URL ?= postgres://postgres@127.0.0.1:5432/vankho
HOST ?= 127.0.0.1:8000

.PHONY: install run demo test test-sqlite test-postgres bench stress lint clean

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
## of 2k/20k/200k published articles in databases of their own (<name>_2k, _20k, _200k after
## DATABASE_URL or $(BENCH_URL); built once, reused), measures pages, exports, extraction, ingestion
## and two gunicorn instances, prints the table and writes docs/BENCHMARKS.md. First run ~40 min.
## SIZES=2000,20000 for a shorter run; BENCH_ARGS="--skip load,ingest" to leave parts out.
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/vankho_bench
SIZES ?= 2000,20000,200000
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
