"""One benchmark task in a fresh process: ``python -m bench.worker TASK --out FILE --args JSON``.

Each task runs against the DATABASE_URL of its environment (one archive), so memory peaks
(VmHWM) and caches belong to that task alone. The result is written as JSON to --out.
"""

import argparse
import json
import os
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("task")
    parser.add_argument("--out", required=True)
    parser.add_argument("--args", default="{}")
    options = parser.parse_args(argv)
    args = json.loads(options.args)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    result = TASKS[options.task](**args)
    with open(options.out, "w") as f:
        json.dump(result, f, default=str)


def task_migrate():
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    applied = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    if applied:  # the archive is shared: say what this run changes in it
        print(f"  applying {len(applied)} migration(s) of this tree to the archive: {', '.join(applied)}", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    return {"ok": True, "applied": applied}


def task_build(size, seed):
    from django.core.management import call_command
    from django.db import connection

    from bench import synthetic
    from bench.databases import MARKER_DDL
    from people.models import Participation

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    stats = synthetic.build(size, seed=seed, progress=lambda msg: print(msg, flush=True))
    print("  VACUUM ANALYZE", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(MARKER_DDL)
        cursor.execute("DELETE FROM bench_marker")
        seconds = time.monotonic() - started
        cursor.execute(
            "INSERT INTO bench_marker (size, seed, articles, persons, participations, build_seconds) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [size, seed, stats["articles"], stats["persons"], Participation.objects.count(), seconds],
        )
    stats["seconds"] = round(seconds, 1)
    print(f"  built in {seconds:.0f} s", flush=True)
    return stats


def _measure(name):
    def run(**kwargs):
        from bench import measure

        return getattr(measure, name)(**kwargs)

    return run


def task_tantivy(size_label, rounds=3, seed=1, rebuild=False):
    from bench import tantivy_peer

    return tantivy_peer.run(size_label, rounds=rounds, seed=seed, rebuild=rebuild, log=lambda m: print(m, flush=True))


TASKS = {
    "tantivy": task_tantivy,
    "migrate": task_migrate,
    "build": task_build,
    "pages": _measure("pages"),
    "export": _measure("export_rows"),
    "extraction": _measure("extraction"),
    "ingest": _measure("ingestion"),
    "load_paths": _measure("load_paths"),
}

if __name__ == "__main__":
    sys.exit(main())
