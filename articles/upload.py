"""The admin's "Tải bài lên" page and the batch pages it leads to.

An upload stores the files as they came and returns at once (articles/batches.py stages them);
the page it redirects to is the batch: a progress bar and the per-file report, filling in as
the workers go (static/js/batch_progress.js polls :func:`progress_view`; no inline script, the
CSP forbids them). Batches are listed in the admin with who uploaded them, and can be resumed.

Kept out of ArticleAdmin (articles/admin.py), which only adds :func:`urls` to its own.
"""

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import batches, ingestion
from articles.forms import UploadForm
from articles.models import IngestBatch, IngestItem

UPLOAD_URL_NAME = "admin:articles_article_upload"
ROWS_PER_POLL = 500
REPORT_ROWS = 2000  # report lines on the batch page (a batch of files has at most MAX_BATCH_FILES)
POLL_OVERLAP = dt.timedelta(seconds=10)


def urls(model_admin):
    """The upload page, under the article admin's URLs (``admin:articles_article_upload``)."""
    view = model_admin.admin_site.admin_view
    return [
        path("upload/", view(lambda request: upload_view(request, model_admin)), name="articles_article_upload"),
    ]


def _limits():
    return {
        "file_mb": ingestion.MAX_FILE_BYTES // ingestion.MB,
        "zip_mb": ingestion.MAX_ZIP_BYTES // ingestion.MB,
        "archive_mb": ingestion.MAX_WEB_ARCHIVE_BYTES // ingestion.MB,
        "batch_files": f"{ingestion.MAX_BATCH_FILES:,}",
    }


def upload_view(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Tải bài lên"),
        "limits": _limits(),
    }
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            files = [ingestion.UploadItem(f.name, f.size, open=lambda f=f: f.open("rb")) for f in form.cleaned_data["files"]]
            text = form.cleaned_data.get("text") or ""
            if text.strip():
                files.append(ingestion.UploadItem.from_bytes(form.pasted_filename, text.encode("utf-8")))
            batch = batches.create_batch(
                files, uploaded_by=request.user, source_name=form.source_name, published=form.cleaned_data.get("published")
            )
            return HttpResponseRedirect(reverse("admin:articles_ingestbatch_change", args=[batch.pk]))
    else:
        form = UploadForm()
    context.update(form=form, media=model_admin.media + form.media)
    return TemplateResponse(request, "admin/articles/article/upload.html", context)


class UploadLimitsMiddleware:
    """An upload over the framework's limits (more files than a batch takes, pasted text over
    10 MB) gets a page with a sentence, not a bare "Bad Request (400)". It reads the body in its
    __call__, before CsrfViewMiddleware's process_view would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse(UPLOAD_URL_NAME) and request.user.is_staff:
            try:
                request.POST, request.FILES  # noqa: B018 (parse the body here, where the error can be answered)
            except (TooManyFilesSent, TooManyFieldsSent, RequestDataTooBig):
                limits = _limits()
                message = gettext(
                    "Lần tải lên này vượt giới hạn: tối đa %(batch_files)s tệp mỗi lần và %(file_mb)s MB văn bản dán vào. "
                    "Hãy nén các tệp thành một tệp zip (tối đa %(zip_mb)s MB) hoặc chia thành nhiều lần tải. "
                    "Chưa có tệp nào được lưu."
                ) % limits
                return render(
                    request, "admin/articles/article/upload_refused.html",
                    {**admin.site.each_context(request), "title": gettext("Tải bài lên"), "message": message},
                    status=413,
                )
        return self.get_response(request)


# --------------------------------------------------------------------------- the batches


@admin.register(IngestBatch)
class IngestBatchAdmin(admin.ModelAdmin):
    """Batches in the admin: who uploaded what, when, how far it got. The change page is the
    batch page (progress and report); nothing here is edited by hand."""

    list_display = ("__str__", "uploaded_by", "origin", "created_at", "progress_display", "finished_at")
    list_filter = ("origin", ("finished_at", admin.EmptyFieldListFilter))
    list_select_related = ("uploaded_by",)
    search_fields = ("uploads__filename", "uploaded_by__username")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        pending = Count("items", filter=Q(items__status=IngestItem.Status.PENDING))
        return super().get_queryset(request).annotate(total=Count("items"), pending=pending)

    @admin.display(description=_("tiến độ"))
    def progress_display(self, obj):
        done = obj.total - obj.pending
        percent = batches.percent_done(done=done, total=obj.total, planned=obj.planned)
        return format_html("{} / {} ({} %)", done, obj.total, percent)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/progress/", view(self.progress_view), name="articles_ingestbatch_progress"),
            path("<int:pk>/resume/", view(self.resume_view), name="articles_ingestbatch_resume"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = get_object_or_404(IngestBatch.objects.select_related("uploaded_by"), pk=object_id)
        if not self.has_view_permission(request, batch):
            raise PermissionDenied
        items = list(
            batch.items.exclude(status=IngestItem.Status.PENDING).select_related("article", "duplicate_of")
            .order_by("upload", "index")[: REPORT_ROWS + 1]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(batch),
            "batch": batch,
            "state": batches.progress(batch),
            "items": items[:REPORT_ROWS],
            "more_rows": len(items) > REPORT_ROWS,  # a big web archive: the counts above say it all
            "since": timezone.now().isoformat(),
            "can_resume": request.user.has_perm("articles.add_article"),
        }
        return TemplateResponse(request, "admin/articles/ingestbatch/batch.html", context)

    def progress_view(self, request, pk):
        """JSON for the batch page's script: counts, and the report rows finished since ``since``."""
        batch = get_object_or_404(IngestBatch, pk=pk)
        if not self.has_view_permission(request, batch):
            raise PermissionDenied
        now = timezone.now()
        rows = batch.items.exclude(status=IngestItem.Status.PENDING).select_related("article", "duplicate_of")
        since = parse_datetime(request.GET.get("since") or "")
        if since:
            rows = rows.filter(finished_at__gte=since)
        state = batches.progress(batch)
        rows = list(rows.order_by("finished_at", "pk")[:ROWS_PER_POLL])
        # A row is stamped when its transaction starts and seen when it commits: the next poll
        # looks a little back (the page replaces rows it already has), or on from the last row
        # sent when there were more.
        cursor = rows[-1].finished_at if len(rows) == ROWS_PER_POLL else now - POLL_OVERLAP
        return JsonResponse({
            **state,
            "summary": render_to_string("admin/articles/ingestbatch/summary.html", {"state": state}, request),
            "rows": [
                {"id": item.pk, "html": render_to_string("admin/articles/ingestbatch/row.html", {"item": item}, request)}
                for item in rows
            ],
            "since": cursor.isoformat(),
        })

    def resume_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("articles.add_article"):
            raise PermissionDenied
        batch = get_object_or_404(IngestBatch, pk=pk)
        batches.resume_batch(batch)
        self.message_user(request, gettext("Đã xếp hàng lại các tệp còn chờ của đợt này."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_ingestbatch_change", args=[pk]))
