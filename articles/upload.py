"""The admin's "Tải bài lên" page: files, zips and pasted text in, a report out.

Kept out of ArticleAdmin (articles/admin.py) so the upload and batch pages can change on their
own; ArticleAdmin only adds :func:`urls` to its own.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles import ingestion
from articles.forms import UploadForm


def urls(model_admin):
    """The upload pages, under the article admin's URLs (``admin:articles_article_upload``)."""
    view = model_admin.admin_site.admin_view
    return [
        path("upload/", view(lambda request: upload_view(request, model_admin)), name="articles_article_upload"),
    ]


def _limits():
    return {
        "file_mb": ingestion.MAX_FILE_BYTES // ingestion.MB,
        "zip_mb": ingestion.MAX_ZIP_BYTES // ingestion.MB,
        "batch_files": ingestion.MAX_BATCH_FILES,
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
            items = [ingestion.UploadItem(f.name, f.size, open=lambda f=f: f.open("rb")) for f in form.cleaned_data["files"]]
            text = form.cleaned_data.get("text") or ""
            if text.strip():
                items.append(ingestion.UploadItem.from_bytes(form.pasted_filename, text.encode("utf-8")))
            results = list(
                ingestion.ingest_batch(
                    items,
                    source_name=form.source_name,
                    published=form.cleaned_data.get("published"),
                    uploaded_by=request.user,
                )
            )
            context.update(title=_("Kết quả tải lên"), results=results, counts=ingestion.summarize(results))
            return TemplateResponse(request, "admin/articles/article/upload_report.html", context)
    else:
        form = UploadForm()
    context.update(form=form, media=model_admin.media + form.media)
    return TemplateResponse(request, "admin/articles/article/upload.html", context)
