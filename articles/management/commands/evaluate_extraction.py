"""Score the extraction engine against gold files.

    python manage.py evaluate_extraction GOLD.jsonl [DIR] [--slice dev|holdout] [--json]
    python manage.py evaluate_extraction --table LABEL=GOLD.jsonl[+GOLD.jsonl…][:SLICE] ...

DIR defaults to the gold file's folder. The real development corpus (../shared/realdev) keeps every
fifth document aside (``--slice holdout``): tune on ``dev``, measure on ``holdout``.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from articles.extraction.evaluation import SLICES, TABLE_HEADER, evaluate_dir, evaluate_many, format_report, format_row


class Command(BaseCommand):
    help = "Chấm điểm bộ trích xuất với tệp chuẩn (gold.jsonl) và thư mục bài viết."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("gold", nargs="+", help="GOLD.jsonl [DIR], or with --table: LABEL=GOLD.jsonl[+GOLD.jsonl…][:SLICE] ...")
        parser.add_argument("--slice", choices=SLICES, default="all", help="part of the real corpus to score")
        parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
        parser.add_argument("--summary", action="store_true", help="the summary only, no per-file differences")
        parser.add_argument("--table", action="store_true", help="one line per LABEL=GOLD[:SLICE] argument")

    def handle(self, *args, **opts):
        try:
            if opts["table"]:
                self.stdout.write(TABLE_HEADER)
                for spec in opts["gold"]:
                    label, _, path = spec.partition("=")
                    path, _, part = path.partition(":")
                    self.stdout.write(format_row(label, evaluate_many(path.split("+"), part=part or "all")))
                return
            if len(opts["gold"]) > 2:
                raise CommandError("give GOLD.jsonl and at most one DIR (or use --table)")
            summary = evaluate_dir(*opts["gold"], part=opts["slice"])
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot evaluate: {exc}") from exc
        if opts["json"]:
            self.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False))
        else:
            self.stdout.write(format_report(summary, details=not opts["summary"]))
