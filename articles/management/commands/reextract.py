"""Run the current extractor again on stored articles, without undoing any staff edit.

    python manage.py reextract                 # every article extracted by an older version (or that failed)
    python manage.py reextract --all           # every article
    python manage.py reextract 12 15           # these articles
    python manage.py reextract --dry-run       # say what would change, write nothing

One line per article that has something to report: what was added, what changed, what was kept
because staff corrected it by hand, and — for articles already published or reviewed — what
waits for staff (articles/reextraction.py). Facts staff locked are never overwritten, and an
approved article changes only when staff accept a proposal on its diff screen.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from articles import facts, reextraction
from articles.models import Article


class Command(BaseCommand):
    help = "Trích xuất lại các bài (mặc định: các bài do phiên bản cũ trích xuất hoặc bị lỗi), không ghi đè bản sửa tay."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="only these articles")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--outdated", action="store_true", help="articles of an older extractor version (the default)")
        which.add_argument("--all", action="store_true", help="every article")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
        parser.add_argument("--progress", action="store_true", help="show a progress bar")

    def handle(self, *args, ids=(), all=False, dry_run=False, progress=False, **opts):
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
            missing = set(ids) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError("Không có bài nào mang số: " + ", ".join(str(pk) for pk in sorted(missing)))
        elif not all:
            articles = articles.filter(~Q(extractor_version=facts.current_extractor_version()) | ~Q(extraction_error=""))
        pks = list(articles.values_list("pk", flat=True))
        totals = {"articles": 0, "changed": 0, "kept": 0, "pending": 0, "failed": 0}
        for pk in tqdm(pks, disable=not progress, unit="bài"):
            report = reextraction.reextract(article=Article(pk=pk), dry_run=dry_run)
            totals["articles"] += 1
            totals["changed"] += bool(report.added or report.changed)
            totals["kept"] += bool(report.kept)
            totals["pending"] += bool(report.pending)
            totals["failed"] += bool(report.error)
            if report.proposals or report.error:
                self.stdout.write(str(report))
        verb = "sẽ thay đổi" if dry_run else "có thay đổi"
        self.stdout.write(
            f"{totals['articles']} bài đã trích xuất lại{' (thử, không ghi gì)' if dry_run else ''}: "
            f"{totals['changed']} bài {verb}, {totals['kept']} bài giữ bản sửa tay, "
            f"{totals['pending']} bài đã duyệt có đề xuất chờ biên tập viên, {totals['failed']} bài lỗi."
        )
