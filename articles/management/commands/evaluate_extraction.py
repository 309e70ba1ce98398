"""Score the extraction engine against a gold file.

    python manage.py evaluate_extraction GOLD.jsonl DIR [--json]
"""

import json

from django.core.management.base import BaseCommand, CommandError

from articles.extraction.evaluation import evaluate_dir, format_report


class Command(BaseCommand):
    help = "Chấm điểm bộ trích xuất với tệp chuẩn (gold.jsonl) và thư mục bài viết."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("gold")
        parser.add_argument("directory")
        parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")

    def handle(self, *args, **opts):
        try:
            summary = evaluate_dir(opts["gold"], opts["directory"])
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot evaluate: {exc}")
        if opts["json"]:
            self.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False))
        else:
            self.stdout.write(format_report(summary))
