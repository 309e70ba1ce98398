"""Run the extraction engine over files and print the result; never touches the database.

    python manage.py extract [--published YYYY-MM-DD] FILE [FILE ...] --json
"""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction import UndecodableError, extract_upload
from articles.extraction.pipeline import empty_extraction


class Command(BaseCommand):
    help = "Trích xuất thông tin từ tệp bài viết (không dùng cơ sở dữ liệu). --json: một dòng JSON cho mỗi tệp."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
        parser.add_argument("--published", help="publication date YYYY-MM-DD, used when the text has no stamp")

    def handle(self, *args, **opts):
        published = None
        if opts.get("published"):
            try:
                published = dt.date.fromisoformat(opts["published"])
            except ValueError:
                raise CommandError(f"--published must be YYYY-MM-DD, not {opts['published']!r}") from None
        for name in opts["files"]:
            result = self._extract(name, published)
            if opts["json"]:
                self.stdout.write(json.dumps(result.to_json(name), ensure_ascii=False))
            else:
                self.stdout.write(self._summary(name, result))

    @staticmethod
    def _extract(name, published):
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            return empty_extraction(f"cannot read file: {exc.strerror or exc}")
        try:
            return extract_upload(data, filename=path.name, published=published)
        except UndecodableError as exc:
            return empty_extraction(exc.reason)

    @staticmethod
    def _summary(name, r):
        ev = r.events[0] if r.events else None
        lines = [
            f"== {name}",
            f"  title:     {r.title or '—'}",
            f"  published: {r.published.date().isoformat() if r.published else '—'}",
            f"  source:    {r.source or '—'}",
            f"  authors:   {', '.join(r.authors) or '—'}",
            f"  officials: {len(r.officials)}",
        ]
        lines += [f"    - {o.name}: {'; '.join(o.titles) or '—'}" for o in r.officials]
        if ev:
            date = ev.date.isoformat() if ev.date else (f"({ev.date_text}, year unknown)" if ev.date_text else "—")
            lines.append(f"  event:     {ev.kind or '—'}, {date}")
            lines.append(f"  chairs:    {', '.join(ev.chairs) or '—'}")
            lines += [f"    - {p.role}: {p.name}" for p in ev.participants]
        lines += [f"  warning:   {w}" for w in r.warnings]
        return "\n".join(lines)
