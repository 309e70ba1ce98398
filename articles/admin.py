from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from articles.models import Article, Mention, Original, Source


class SourceResource(resources.ModelResource):
    class Meta:
        model = Source
        fields = ("id", "name", "slug", "site")
        import_id_fields = ("slug",)
        skip_unchanged = True


class ArticleResource(resources.ModelResource):
    """Article metadata only: bodies and original bytes travel through ingestion, not spreadsheets."""

    source = fields.Field(attribute="source", column_name="source", widget=ForeignKeyWidget(Source, "slug"))
    sha256 = fields.Field(attribute="original__sha256", column_name="sha256", readonly=True)

    class Meta:
        model = Article
        fields = ("id", "headline", "source", "url", "published_at", "byline", "status", "extractor_version", "sha256")
        skip_unchanged = True

    def get_queryset(self):
        return Article.objects.select_related("source", "original").defer("body", "original__content")


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ("person",)
    fields = ("name_as_written", "person", "titles_as_written", "evidence", "resolution_note")


@admin.register(Source)
class SourceAdmin(ImportExportModelAdmin):
    resource_classes = [SourceResource]
    list_display = ("name", "site", "slug")
    search_fields = ("name", "site")


@admin.register(Original)
class OriginalAdmin(admin.ModelAdmin):
    """Read-only: an original upload is evidence and is never edited."""

    list_display = ("filename", "size", "sha256", "uploaded_at", "uploaded_by")
    search_fields = ("filename", "sha256")
    date_hierarchy = "uploaded_at"
    readonly_fields = ("filename", "size", "sha256", "uploaded_at", "uploaded_by", "content_preview")
    exclude = ("content",)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("nội dung (xem trước)"))
    def content_preview(self, obj):
        # Shown as escaped text, never rendered: an uploaded HTML file must stay inert.
        preview = bytes(obj.content[:20000]).decode("utf-8", errors="replace")
        return format_html('<pre style="white-space:pre-wrap;max-height:30em;overflow:auto">{}</pre>', preview)


@admin.register(Article)
class ArticleAdmin(ImportExportModelAdmin):
    resource_classes = [ArticleResource]
    list_display = ("__str__", "source", "published_at", "status", "extractor_version")
    list_filter = ("status", "source", "extractor_version")
    search_fields = ("headline", "byline", "original__filename", "original__sha256")
    date_hierarchy = "published_at"
    autocomplete_fields = ("source", "meetings", "organizations", "possible_duplicate_of")
    list_select_related = ("source",)
    readonly_fields = ("original_link", "extractor_version", "extraction_warnings", "extraction_error", "created_at", "updated_at")
    inlines = [MentionInline]
    show_facets = admin.ShowFacets.ALWAYS
    exclude = ("original",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("original").defer("original__content")

    @admin.display(description=_("tệp gốc"))
    def original_link(self, obj):
        o = obj.original
        return format_html(
            "{} — {} byte — SHA-256 <code>{}</code>", o.filename, o.size, o.sha256
        )


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ("name_as_written", "person", "article", "resolution_note")
    list_filter = (("person", admin.EmptyFieldListFilter), "article__status")
    search_fields = ("name_as_written", "person__full_name", "evidence")
    autocomplete_fields = ("person", "article")
    list_select_related = ("person", "article")
    show_facets = admin.ShowFacets.ALWAYS
