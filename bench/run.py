"""``manage.py bench``: build the archives, run every measurement, print and write the table."""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench import databases, ingest_scale, report
from bench.measure import REPO, percentile

EXPORT_SIZES = (10_000, 100_000, 1_000_000)
IMPORT_EXPORT_SIZES = EXPORT_SIZES  # the same rows; at 1M it holds them all in memory (~2.6 GB, ~11 min)


TANTIVY_FROM = 200_000  # the Tantivy peer is built and compared for archives this big and bigger


def main(*, sizes=(2000, 200000, 1000000), seed=1, rounds=3, load_seconds=20, skip=(), out=REPO / "docs" / "BENCHMARKS.md",
         log=print):
    base = databases.base_url()
    started = time.monotonic()
    results = {"machine": report.machine(base), "seed": seed, "sizes": {}}
    urls = {}
    sizes = sorted(sizes)
    for i, size in enumerate(sizes):
        urls[size] = databases.ensure_built(base, size, seed, smaller=sizes[:i], log=log)
    log("== collectstatic (DEBUG off serves hashed static files)")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=REPO,
                   env=databases.worker_env(urls[sizes[0]]), check=True)

    if "pages" not in skip:
        for size in sizes:
            log(f"== pages at {databases.label(size)}")
            result = databases.run_worker(urls[size], "pages", log=log, rounds=rounds, seed=seed)
            result["build"] = databases.marker(urls[size])
            results["sizes"][databases.label(size)] = result
            _save(results)

    if "tantivy" not in skip:
        results["tantivy"] = {}
        for size in sizes:
            if size >= TANTIVY_FROM:
                log(f"== Tantivy peer at {databases.label(size)}")
                results["tantivy"][databases.label(size)] = databases.run_worker(
                    urls[size], "tantivy", log=log, size_label=databases.label(size), rounds=rounds, seed=seed
                )
                _save(results)

    largest = urls[sizes[-1]]
    if "export" not in skip:
        results["export"] = {"stream": {}, "import_export": {}}
        for rows in EXPORT_SIZES:
            log(f"== CSV export, streamed, {rows} rows")
            results["export"]["stream"][str(rows)] = databases.run_worker(largest, "export", log=log, rows=rows, kind="stream")
        for rows in IMPORT_EXPORT_SIZES:
            log(f"== CSV export, django-import-export, {rows} rows")
            results["export"]["import_export"][str(rows)] = databases.run_worker(largest, "export", log=log, rows=rows,
                                                                                kind="import_export")
        _save(results)

    if "extraction" not in skip:
        log("== extraction throughput")
        results["extraction"] = databases.run_worker(largest, "extraction", log=log)
        _save(results)

    if "ingest" not in skip:
        results["ingestion"] = ingestion(base, urls, log=log)
        _save(results)

    if "ingest_scale" not in skip:
        results["ingest_scale"] = ingest_scale.run(base, log=log)
        _save(results)

    if "load" not in skip:
        log("== two gunicorn instances")
        results["load"] = two_instances(largest, seconds=load_seconds, archive=databases.label(sizes[-1]), seed=seed, log=log)
        _save(results)

    results["total_seconds"] = round(time.monotonic() - started)
    table = report.render(results)
    print(table)
    report.write(results, out)
    if results.get("ingest_scale"):
        ingest_scale.write_section(results["ingest_scale"], out)
    _save(results)
    log(f"== written to {out} ({results['total_seconds']} s)")
    return results


def _save(results):
    path = REPO / "var" / "bench" / "last-run.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, default=str, indent=1, ensure_ascii=False))


# ---------------------------------------------------------------- ingestion


def ingestion(base, urls, *, files=300, log=print):
    """``manage.py ingest`` into a throw-away copy (``<base>_ingest``) of the 20k archive (else the smallest).

    The archive itself is only read (as the template of CREATE DATABASE); the copy is dropped
    afterwards, whatever happened.
    """
    import psycopg

    size = 20000 if 20000 in urls else min(urls)
    source, target = urls[size], databases.url_for(base, "ingest")
    log(f"== ingestion into a fresh copy of {databases.db_name(source)}")
    databases.drop(target)
    try:
        try:
            databases.create(target, template=source)
        except psycopg.errors.ObjectInUse as exc:
            # CREATE DATABASE ... TEMPLATE needs the archive without other sessions (a pages run on it).
            return {"error": f"could not copy {databases.db_name(source)}: {str(exc).strip()}", "archive": databases.label(size)}
        result = databases.run_worker(target, "ingest", log=log, files=files)
    finally:
        databases.drop(target)
    return {**result, "archive": databases.label(size)}


# ---------------------------------------------------------------- gunicorn × 2


def _answers(port):
    import socket

    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_ready(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return True
        except urllib.error.HTTPError:
            return True  # it answers
        except OSError:
            time.sleep(0.3)
    return False


def _load(ports, paths, *, threads, seconds):
    """Bounded load: ``threads`` threads per port, each looping over ``paths`` until ``seconds`` pass."""
    lock = threading.Lock()
    timings, errors = [], {}
    deadline = time.monotonic() + seconds

    def loop(port, offset):
        i = offset
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                    response.read()
                status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except Exception as exc:  # noqa: BLE001 - refused, reset, timed out, incomplete read: an error, counted
                status = type(exc).__name__
            ms = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    timings.append(ms)
                else:
                    errors[str(status)] = errors.get(str(status), 0) + 1

    workers = [threading.Thread(target=loop, args=(port, n * 7)) for port in ports for n in range(threads)]
    began = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - began
    return {"requests": len(timings), "rps": round(len(timings) / elapsed, 1),
            "p50": round(statistics.median(timings), 1) if timings else None,
            "p95": round(percentile(timings, 95), 1) if timings else None, "errors": sum(errors.values()),
            "error_kinds": errors}


def two_instances(url, *, seconds=20, workers=2, threads=6, archive="?", seed=1, log=print, ports=(8101, 8102)):
    """Two gunicorn instances on ``url``'s database: load on one alone, on both together, on one alone again.

    The URL mix comes from the archive itself (measure.load_paths, in a worker process), so this
    phase runs with or without the pages phase.
    """
    mix = databases.run_worker(url, "load_paths", log=log, seed=seed)
    if mix.get("error") or not mix.get("paths"):
        return {"error": f"no URL mix: {mix.get('error') or 'the archive has no published pages'}"}
    paths = mix["paths"]
    busy = [port for port in ports if _answers(port)]
    if busy:  # gunicorn would fail to bind, and the load would measure whatever answers there
        return {"error": f"port(s) {busy} already in use on 127.0.0.1"}
    env = databases.worker_env(url)
    procs = []
    try:
        for port in ports:
            cmd = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
                   "--workers", str(workers), "--log-level", "warning", "--timeout", "60"]
            procs.append(subprocess.Popen(cmd, cwd=REPO, env=env))
        if not all(_wait_ready(port) for port in ports):
            return {"error": "gunicorn did not start"}
        _load(ports, paths, threads=threads, seconds=2)  # warm-up: connections, caches
        rows = []
        log(f"  one instance, {seconds} s")
        rows.append({"setup": f"instance :{ports[0]} alone", **_load(ports[:1], paths, threads=threads, seconds=seconds)})
        log(f"  two instances together, {seconds} s")
        rows.append({"setup": f"instances :{ports[0]} + :{ports[1]} together", **_load(ports, paths, threads=threads, seconds=seconds)})
        # Alone once more: on a shared machine the two "alone" rows show how much other work moved the numbers.
        log(f"  one instance again, {seconds} s")
        rows.append({"setup": f"instance :{ports[0]} alone, again", **_load(ports[:1], paths, threads=threads, seconds=seconds)})
        for row in rows:
            log(f"  {row['setup']}: {row['rps']} req/s, p50 {row['p50']} ms, p95 {row['p95']} ms, {row['errors']} errors")
        return {"archive": archive, "workers": workers, "threads": threads, "seconds": seconds, "rows": rows,
                "mix": mix["mix"], "paths": paths}
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    main()
