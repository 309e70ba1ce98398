"""Bulk ingestion of article files, folders and zips through the same service as the admin upload."""

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles import ingestion


def _items(paths):
    """UploadItems for every article file or zip under the given paths (folders recursively)."""
    wanted = (*ingestion.ARTICLE_EXTENSIONS, ".zip")
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in wanted
                and not any(part.startswith(".") or part == "__MACOSX" for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files = [path]
        else:
            raise CommandError(f"Không tìm thấy: {raw}")
        for p in files:
            yield ingestion.UploadItem(str(p), p.stat().st_size, open=lambda p=p: p.open("rb"))


def _count(items):
    import zipfile

    total = 0
    for item in items:
        if item.filename.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(item.filename) as zf:
                    total += sum(1 for i in zf.infolist() if not i.is_dir())
            except (zipfile.BadZipFile, OSError):
                total += 1
        else:
            total += 1
    return total


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt, .html, .htm), folders (recursively) and .zip archives as draft articles, "
        "through the same service as the admin upload. Safe to re-run: files already stored are reported as "
        "duplicates and nothing new is written. Exit status: 0 when at least one file was stored or recognised "
        "(even if others failed), 1 when every file failed (or there was nothing to ingest)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or .zip archives")
        parser.add_argument("--source", help="outlet (nguồn tin) for every file of this batch")
        parser.add_argument(
            "--published", type=dt.date.fromisoformat, help="publication date YYYY-MM-DD for files that state none"
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="one JSON object per file on stdout, nothing else")

    def handle(self, *args, paths, source=None, published=None, as_json=False, **options):
        items = list(_items(paths))
        show_bar = not as_json and sys.stderr.isatty()
        bar = tqdm(total=_count(items), unit="tệp", file=sys.stderr, disable=not show_bar)
        results = []
        for result in ingestion.ingest_batch(items, source_name=source, published=published):
            results.append(result)
            bar.update(1)
            if as_json:
                self.stdout.write(_json_line(result))
        bar.close()

        if not as_json:
            self._summary(results)
        if not results or all(r.status == ingestion.FAILED for r in results):
            raise CommandError("Không có tệp nào được lưu hay nhận diện.", returncode=1)

    def _summary(self, results):
        counts = ingestion.summarize(results)
        labels = {
            ingestion.CREATED: "đã tạo",
            ingestion.DUPLICATE: "trùng (không lưu thêm)",
            ingestion.POSSIBLE_DUPLICATE: "có thể trùng (đã lưu, gắn cờ)",
            ingestion.FAILED: "lỗi",
        }
        self.stdout.write(f"{len(results)} tệp: " + ", ".join(f"{labels[s]} {n}" for s, n in counts.items()))
        for r in results:
            if r.status == ingestion.POSSIBLE_DUPLICATE:
                self.stdout.write(f"  ? {r.filename}: {r.message}")
        for r in results:
            if r.status == ingestion.FAILED:
                self.stdout.write(f"  ✗ {r.filename}: {r.message}")


def _json_line(result):
    return json.dumps(result.as_dict(), ensure_ascii=False)
