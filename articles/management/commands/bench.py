"""``manage.py bench``: archive-scale benchmark on PostgreSQL (see docs/BENCHMARKS.md).

Thin: the work is in bench/. Run it through ``make bench``, which installs
requirements-bench.txt first.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Build synthetic archives (2k/200k/1M articles) in PostgreSQL, measure, compare with Tantivy, write docs/BENCHMARKS.md."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="2000,200000,1000000", help="article counts, comma-separated")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--rounds", type=int, default=3, help="timed requests per URL (after one warm-up)")
        parser.add_argument("--load-seconds", type=int, default=20, help="duration of each gunicorn load phase")
        parser.add_argument("--skip", default="", help="comma-separated: pages,tantivy,export,extraction,ingest,ingest_scale,load")
        parser.add_argument("--only", choices=["ingest_scale"], help="run this phase alone and write its own section")
        parser.add_argument("--out", default=None, help="Markdown file to write (default docs/BENCHMARKS.md)")

    def handle(self, *args, **options):
        from bench import run

        kwargs = {}
        if options["out"]:
            kwargs["out"] = options["out"]
        if options["only"] == "ingest_scale":
            from bench import ingest_scale

            ingest_scale.main(log=lambda msg: self.stdout.write(msg), **kwargs)
            return
        run.main(
            sizes=[int(s) for s in options["sizes"].split(",") if s.strip()],
            seed=options["seed"],
            rounds=options["rounds"],
            load_seconds=options["load_seconds"],
            skip={s.strip() for s in options["skip"].split(",") if s.strip()},
            log=lambda msg: self.stdout.write(msg),
            **kwargs,
        )
