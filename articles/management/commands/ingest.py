"""Bulk ingestion of article files, folders, zips and web archives, as one batch (articles/batches.py)."""

import datetime as dt
import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from tqdm import tqdm

from articles import batches, ingestion
from articles.models import IngestBatch

WANTED = (*ingestion.ARTICLE_EXTENSIONS, ".zip", ".warc", ".gz", ".wacz")


def _items(paths):
    """UploadItems for every article file, zip or web archive under the given paths (folders recursively)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in WANTED
                and not any(part.startswith(".") or part == "__MACOSX" for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files = [path]
        else:
            raise CommandError(_("Không tìm thấy: %(path)s") % {"path": raw})
        for p in files:
            yield ingestion.UploadItem(str(p), p.stat().st_size, open=lambda p=p: p.open("rb"))


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt, .html, .htm), folders (recursively), .zip archives and web archives "
        "(.warc, .warc.gz, .wacz) as draft articles, as one batch listed in the admin. In the foreground by "
        "default (a progress bar, one line per file); --enqueue hands the batch to the background workers and "
        "returns. Safe to re-run: files already stored are reported as duplicates. --resume ID finishes a batch "
        "a killed worker left unfinished. Exit status: 0 when at least one file was stored or recognised (even if "
        "others failed), 1 when every file failed (or there was nothing to ingest)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, .zip or web archives")
        parser.add_argument("--source", help="outlet (nguồn tin) for every file of this batch")
        parser.add_argument(
            "--published", type=dt.date.fromisoformat, help="publication date YYYY-MM-DD for files that state none"
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="one JSON object per file on stdout, nothing else")
        parser.add_argument("--enqueue", action="store_true", help="queue the batch for the background workers and return")
        parser.add_argument("--resume", type=int, metavar="BATCH", help="finish batch BATCH (what is still pending)")
        parser.add_argument("--user", help="staff user name recorded as the uploader")

    def handle(self, *args, paths, source=None, published=None, as_json=False, enqueue=False, resume=None, user=None,
               **options):
        uploader = None
        if user:
            uploader = get_user_model().objects.filter(username=user).first()
            if uploader is None:
                raise CommandError(_("Không có người dùng %(user)s.") % {"user": user})
        if resume is not None:
            batch = IngestBatch.objects.filter(pk=resume).first()
            if batch is None:
                raise CommandError(_("Không có đợt tải lên #%(n)s.") % {"n": resume})
            if enqueue:
                batches.resume_batch(batch)
                return self._queued(batch)
        else:
            if not paths:
                raise CommandError(_("Hãy cho biết tệp hoặc thư mục cần nạp (hoặc --resume ĐỢT)."))
            batch = batches.create_batch(
                list(_items(paths)), uploaded_by=uploader, source_name=source, published=published,
                origin=IngestBatch.Origin.COMMAND, enqueue=enqueue,
            )
            if enqueue:
                return self._queued(batch)

        batches.plan_batch(batch.pk, enqueue=False)
        show_bar = not as_json and sys.stderr.isatty()
        bar = tqdm(total=batch.items.count(), unit=_("tệp"), file=sys.stderr, disable=not show_bar)
        results = []
        for result in batches.work_through(batch):
            results.append(result)
            bar.update(1)
            if as_json:
                self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        bar.close()

        if not as_json:
            self._summary(batch, results)
        if not results or all(r.status == ingestion.FAILED for r in results):
            raise CommandError(_("Không có tệp nào được lưu hay nhận diện."), returncode=1)

    def _queued(self, batch):
        url = reverse("admin:articles_ingestbatch_change", args=[batch.pk])
        self.stdout.write(
            _("Đợt tải lên #%(n)s đã được xếp hàng; các tiến trình nền (manage.py db_worker) sẽ xử lý. Theo dõi ở %(url)s")
            % {"n": batch.pk, "url": url}
        )

    def _summary(self, batch, results):
        counts = ingestion.summarize(results)
        labels = {
            ingestion.CREATED: _("đã tạo"),
            ingestion.DUPLICATE: _("trùng (không lưu thêm)"),
            ingestion.POSSIBLE_DUPLICATE: _("có thể trùng (đã lưu, gắn cờ)"),
            ingestion.FAILED: _("lỗi"),
        }
        self.stdout.write(
            _("Đợt #%(n)s, %(count)s tệp: ") % {"n": batch.pk, "count": len(results)}
            + ", ".join(f"{labels[s]} {n}" for s, n in counts.items())
        )
        batch.refresh_from_db()
        skipped = batches.progress(batch)["skipped"]
        if any(skipped.values()):
            self.stdout.write(
                _("Bản ghi web bỏ qua: thăm lại (revisit) %(revisit)s, chuyển hướng %(redirect)s, "
                  "không phải HTML %(not_html)s, lỗi HTTP %(http_error)s") % skipped
            )
        for r in results:
            if r.status == ingestion.POSSIBLE_DUPLICATE:
                self.stdout.write(f"  ? {r.filename}: {r.message}")
        for r in results:
            if r.status == ingestion.FAILED:
                self.stdout.write(f"  ✗ {r.filename}: {r.message}")
