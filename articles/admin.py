from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.widgets import ForeignKeyWidget

from articles import admin_review, facts, reextraction, services, upload
from articles.forms import ResolveMentionForm
from articles.models import Article, Mention, Original, Source
from people import locks
from people.admin import really_changed
from people.admin_base import ArchiveAdmin, HistoryAdminMixin, LabelledInlineMixin, SafeResource
from people.forms import TitlesField
from people.models import CHAIR_ROLES, Meeting, Participation, Status


class SourceResource(SafeResource):
    class Meta(SafeResource.Meta):
        model = Source
        fields = ("id", "name", "slug", "site")
        import_id_fields = ("slug",)


class ArticleResource(SafeResource):
    """Article metadata only: bodies and original bytes travel through ingestion, not spreadsheets."""

    source = fields.Field(attribute="source", column_name="source", widget=ForeignKeyWidget(Source, "slug"))
    sha256 = fields.Field(attribute="original__sha256", column_name="sha256", readonly=True)

    class Meta(SafeResource.Meta):
        model = Article
        fields = ("id", "headline", "source", "url", "published_at", "byline", "status", "extractor_version", "sha256")

    def get_queryset(self):
        return Article.objects.select_related("source", "original").defer("body", "original__content")


class MentionInline(LabelledInlineMixin, admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ("person",)
    fields = ("name_as_written", "person", "titles_as_written", "evidence", "resolution_note")


class ExtractionStatusFilter(admin.SimpleListFilter):
    title = _("trích xuất")
    parameter_name = "extraction"

    def lookups(self, request, model_admin):
        return [
            ("failed", _("Lỗi")), ("outdated", _("Phiên bản cũ")), ("pending", _("Có đề xuất chờ duyệt")), ("ok", _("Ổn")),
        ]

    def queryset(self, request, queryset):
        version = facts.current_extractor_version()
        if self.value() == "failed":
            return queryset.exclude(extraction_error="")
        if self.value() == "outdated":
            return queryset.filter(extraction_error="").exclude(extractor_version=version)
        if self.value() == "pending":
            return queryset.filter(pending_changes__gt=0)
        if self.value() == "ok":
            return queryset.filter(extraction_error="", extractor_version=version)
        return queryset


class PossibleDuplicateFilter(admin.SimpleListFilter):
    title = _("có thể trùng")
    parameter_name = "possible_duplicate"

    def lookups(self, request, model_admin):
        return [("yes", _("Có")), ("no", _("Không"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(possible_duplicate_of__isnull=False)
        if self.value() == "no":
            return queryset.filter(possible_duplicate_of__isnull=True)
        return queryset


class OutletListFilter(admin.RelatedFieldListFilter):
    """The outlet filter, its facet counts in one GROUP BY: Django's own counts every outlet with
    an aggregate of its own in one SELECT, which PostgreSQL refuses past 1,664 outlets ("target
    lists can have at most 1664 entries")."""

    def get_facet_queryset(self, changelist):
        filtered = changelist.get_queryset(self.request, exclude_parameters=self.expected_parameters())
        counts = dict(filtered.order_by().values_list(self.field_path).annotate(n=models.Count("pk")))
        facets = {f"{pk}__c": counts.get(pk, 0) for pk, _ in self.lookup_choices}
        facets["__c"] = counts.get(None, 0)
        return facets


@admin.register(Source)
class SourceAdmin(ArchiveAdmin):
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


# Why a draft may need a human, and how much (the review queue sorts by the sum).
REVIEW_FLAGS = (
    ("flag_error", 8, _("lỗi trích xuất")),
    ("flag_no_chair", 4, _("không tìm thấy người chủ trì")),
    ("flag_unresolved", 2, _("tên chưa xác định")),
    ("flag_date", 2, _("ngày suy ra hoặc chưa rõ")),
    ("flag_pending", 2, _("có đề xuất trích xuất lại chờ duyệt")),
    ("flag_warnings", 1, _("có cảnh báo")),
)


def with_review_flags(queryset):
    """Annotate each article with the REVIEW_FLAGS and their weighted sum ``review_priority``."""
    meetings = Meeting.objects.filter(articles=OuterRef("pk"))
    flags = {
        "flag_error": ~Q(extraction_error=""),
        "flag_no_chair": ~Exists(Participation.objects.filter(meeting__articles=OuterRef("pk"), role__in=CHAIR_ROLES)),
        "flag_unresolved": Exists(Mention.objects.filter(article=OuterRef("pk"), person__isnull=True)),
        "flag_date": Exists(meetings.filter(Q(date__isnull=True) | Q(date_basis=Meeting.DateBasis.INFERRED))),
        "flag_pending": Q(pending_changes__gt=0),
        "flag_warnings": ~Q(extraction_warnings=[]),
    }
    queryset = queryset.annotate(
        **{name: models.ExpressionWrapper(q, output_field=models.BooleanField()) for name, q in flags.items()}
    )
    total = sum((models.Case(models.When(**{name: True}, then=Value(weight)), default=Value(0)) for name, weight, _label in REVIEW_FLAGS), Value(0))
    return queryset.annotate(review_priority=Coalesce(total, Value(0)))


@admin.register(Article)
class ArticleAdmin(ArchiveAdmin):
    resource_classes = [ArticleResource]
    change_list_template = "admin/articles/article/change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # news sites are https
    list_display = ("headline_link", "source", "published_at", "status", "extraction_state", "possible_duplicate_of")
    list_filter = ("status", ExtractionStatusFilter, PossibleDuplicateFilter, ("source", OutletListFilter), "extractor_version")
    search_fields = ("headline", "byline", "original__filename", "original__sha256")
    date_hierarchy = "published_at"
    autocomplete_fields = ("source", "meetings", "organizations", "possible_duplicate_of")
    list_select_related = ("source", "possible_duplicate_of")
    readonly_fields = (
        "original_link", "extractor_version", "extraction_warnings", "extraction_error", "edited_fields_display",
        "reviewed_at", "reviewed_by", "created_at", "updated_at",
    )
    inlines = [MentionInline]
    show_facets = admin.ShowFacets.ALWAYS
    exclude = ("original",)
    actions = ["publish_selected", "unpublish_selected", "reextract_selected"]

    def get_queryset(self, request):
        queryset = self.model._default_manager.get_queryset()
        if self._review_queue(request):
            queryset = with_review_flags(queryset)  # before ordering: the queue sorts by it
        ordering = self.get_ordering(request)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return queryset.select_related("original").defer("original__content", "body")

    @staticmethod
    def _review_queue(request):
        """The drafts list is the review queue: the ones most likely to need a human come first."""
        return request.resolver_match is not None and request.resolver_match.url_name == "articles_article_changelist" and (
            request.GET.get("status__exact") == Status.DRAFT
        )

    def get_list_display(self, request):
        if self._review_queue(request):
            return ("headline_link", "source", "published_at", "extraction_state", "review_flags")
        return super().get_list_display(request)

    def get_ordering(self, request):
        if self._review_queue(request):
            return (models.F("reviewed_at").asc(nulls_first=True), "-review_priority", "-published_at", "-id")
        return super().get_ordering(request)

    @admin.display(description=_("tiêu đề"), ordering="headline")
    def headline_link(self, obj):
        return obj.title_or_placeholder

    @admin.display(description=_("cần xem"))
    def review_flags(self, obj):
        if obj.reviewed_at:
            return _("đã duyệt")
        shown = [str(label) for name, _w, label in REVIEW_FLAGS if getattr(obj, name, False)]
        return ", ".join(shown) or "—"

    @admin.display(description=_("tệp gốc"))
    def original_link(self, obj):
        o = obj.original
        url = reverse("admin:articles_original_change", args=[o.pk])
        return format_html('<a href="{}">{}</a> — {} byte — SHA-256 <code>{}</code>', url, o.filename, o.size, o.sha256)

    @admin.display(description=_("trường đã sửa tay"))
    def edited_fields_display(self, obj):
        return ", ".join(obj.edited_fields or []) or "—"

    @admin.display(description=_("trích xuất"))
    def extraction_state(self, obj):
        if obj.extraction_error:
            return _("lỗi")
        if obj.extractor_version != facts.current_extractor_version():
            return _("phiên bản cũ")
        return _("ổn")

    def save_model(self, request, obj, form, change):
        if change:
            locks.record_staff_edits(obj=obj, changed_fields=really_changed(form))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.instance.pk and not formset._should_delete_form(inline_form) and inline_form.has_changed():
                locks.record_staff_edits(obj=inline_form.instance, changed_fields=really_changed(inline_form))
        removed = [f.instance for f in formset.deleted_forms if isinstance(f.instance, Mention) and f.instance.pk]
        services.record_removed_mentions(mentions=removed)
        super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        services.delete_article(article=obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.delete_article(article=article)

    # --- actions

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm("articles.publish_article")

    @admin.action(description=_("Công bố các bài đã chọn (kèm cuộc họp)"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.publish_articles(articles=list(queryset))
        self.message_user(request, _("Đã công bố %(n)d bài.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Thôi công bố các bài đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = services.unpublish_articles(articles=list(queryset))
        self.message_user(request, _("Đã chuyển %(n)d bài về bản nháp.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Trích xuất lại các bài đã chọn"), permissions=["change"])
    def reextract_selected(self, request, queryset):
        for pk in list(queryset.values_list("pk", flat=True)):
            report = reextraction.reextract(article=Article(pk=pk))
            self.message_user(request, str(report), messages.WARNING if report.error else messages.SUCCESS)

    # --- extra pages: upload (articles/upload.py), and the change page's buttons

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            *upload.urls(self),
            path("<int:pk>/publish/", view(self.publish_view), name="articles_article_publish"),
            path("<int:pk>/unpublish/", view(self.unpublish_view), name="articles_article_unpublish"),
            path("<int:pk>/reextract/", view(self.reextract_view), name="articles_article_reextract"),
            path("<int:pk>/review/", view(self.review_view), name="articles_article_review"),
            *super().get_urls(),
        ]

    def _button_view(self, request, pk, action, *, needs_publish=False):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=pk)
        allowed = self.has_publish_permission(request) if needs_publish else self.has_change_permission(request, article)
        if not allowed:
            raise PermissionDenied
        action(article)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))

    def publish_view(self, request, pk):
        def publish(article):
            services.publish_articles(articles=[article])
            self.message_user(request, _("Đã công bố bài và các cuộc họp của bài."), messages.SUCCESS)

        return self._button_view(request, pk, publish, needs_publish=True)

    def unpublish_view(self, request, pk):
        def unpublish(article):
            services.unpublish_articles(articles=[article])
            self.message_user(request, _("Bài đã về bản nháp."), messages.SUCCESS)

        return self._button_view(request, pk, unpublish, needs_publish=True)

    def reextract_view(self, request, pk):
        return admin_review.reextract_view(self, request, pk)

    def review_view(self, request, pk):
        return admin_review.review_view(self, request, pk)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["is_published"] = bool(obj and obj.status == Status.PUBLISHED)
        context["can_publish"] = self.has_publish_permission(request)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


class ResolutionFilter(admin.SimpleListFilter):
    title = _("xác định người")
    parameter_name = "resolution"

    def lookups(self, request, model_admin):
        return [("unresolved", _("Chưa xác định")), ("homonym", _("Trùng tên (có ghi chú)")), ("resolved", _("Đã xác định"))]

    def queryset(self, request, queryset):
        if self.value() == "unresolved":
            return queryset.filter(person__isnull=True)
        if self.value() == "homonym":
            return queryset.filter(person__isnull=True).exclude(resolution_note="")
        if self.value() == "resolved":
            return queryset.filter(person__isnull=False)
        return queryset


@admin.register(Mention)
class MentionAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name_as_written", "person", "article", "resolution_note")
    list_filter = (ResolutionFilter, ("person", admin.EmptyFieldListFilter), "article__status")
    search_fields = ("name_as_written", "person__full_name", "evidence")
    autocomplete_fields = ("person", "article")
    list_select_related = ("person", "article")
    show_facets = admin.ShowFacets.ALWAYS
    actions = ["resolve_to", "create_person_from_mentions"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "titles_as_written":
            return TitlesField(label=capfirst(db_field.verbose_name))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.person_id:
            obj.resolution_note = ""
        if change:
            locks.record_staff_edits(obj=obj, changed_fields=really_changed(form))
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        services.record_removed_mentions(mentions=[obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        services.record_removed_mentions(mentions=list(queryset.select_related("article")))
        super().delete_queryset(request, queryset)

    @admin.action(description=_("Xác định là người…"), permissions=["change"])
    def resolve_to(self, request, queryset):
        form = ResolveMentionForm(request.POST if "confirm" in request.POST else None, admin_site=self.admin_site)
        if form.is_bound and form.is_valid():
            person = form.cleaned_data["person"]
            for mention in queryset:
                services.resolve_mention(mention=mention, person=person)
            self.message_user(
                request, _("Đã gắn %(n)d lần nhắc tên với %(p)s.") % {"n": queryset.count(), "p": person}, messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Xác định người cho các lần nhắc tên"),
            "mentions": queryset.select_related("article"),
            "form": form,
            "media": self.media + form.media,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/mention/resolve.html", context)

    @admin.action(description=_("Tạo người mới từ các lần nhắc tên đã chọn"), permissions=["change"])
    def create_person_from_mentions(self, request, queryset):
        # One new person per distinct name: two selected mentions of one name are one person.
        created = {}
        for mention in queryset.filter(Q(person__isnull=True)).order_by("pk"):
            if mention.name_key in created:
                services.resolve_mention(mention=mention, person=created[mention.name_key])
            else:
                created[mention.name_key] = services.create_person_from_mention(mention=mention).person
        count = len(created)
        self.message_user(request, _("Đã tạo %(n)d người mới.") % {"n": count}, messages.SUCCESS)
