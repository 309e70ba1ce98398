from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.widgets import ForeignKeyWidget, JSONWidget

from people import locks, organizations, services
from people.admin_base import ArchiveAdmin, LabelledInlineMixin, SafeResource
from people.forms import TitlesField
from people.models import (
    Meeting,
    Organization,
    OrganizationRedirect,
    Participation,
    Person,
    PersonAlias,
    PersonRedirect,
    Status,
)
from people.names import name_key


class PersonResource(SafeResource):
    class Meta(SafeResource.Meta):
        model = Person
        fields = ("id", "full_name", "slug", "description")
        import_id_fields = ("slug",)


class OrganizationResource(SafeResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=ForeignKeyWidget(Organization, "slug"))

    class Meta(SafeResource.Meta):
        model = Organization
        fields = ("id", "name", "slug", "kind", "parent")
        import_id_fields = ("slug",)


class MeetingResource(SafeResource):
    organizer = fields.Field(attribute="organizer", column_name="organizer", widget=ForeignKeyWidget(Organization, "slug"))

    class Meta(SafeResource.Meta):
        model = Meeting
        fields = ("id", "kind", "kind_text", "title", "date", "date_text", "place", "organizer", "status")


class ParticipationResource(SafeResource):
    person = fields.Field(attribute="person", column_name="person", widget=ForeignKeyWidget(Person, "slug"))
    titles_as_written = fields.Field(attribute="titles_as_written", column_name="titles_as_written", widget=JSONWidget())

    class Meta(SafeResource.Meta):
        model = Participation
        fields = ("id", "meeting", "person", "role", "name_as_written", "titles_as_written", "evidence", "origin")


def really_changed(form):
    """The fields changed beyond what a browser does to a textarea (\n → \r\n)."""
    changed = []
    for name in form.changed_data:
        before, after = form.initial.get(name), form.cleaned_data.get(name)
        if isinstance(before, str) and isinstance(after, str):
            if before.replace("\r\n", "\n").strip() == after.replace("\r\n", "\n").strip():
                setattr(form.instance, name, before)
                continue
        changed.append(name)
    return changed


class PersonAliasInline(LabelledInlineMixin, admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ("name",)


class OnePersonOnce(BaseInlineFormSet):
    """A person is at a meeting once: two rows of the same person are refused with a sentence
    (the database constraint would otherwise fail the whole save)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                raise ValidationError(
                    _("%(name)s có hai dòng trong thành phần cuộc họp; mỗi người chỉ một dòng (chọn vai trò cao nhất).")
                    % {"name": person.full_name}
                )
            seen.add(person.pk)


class ParticipationInline(LabelledInlineMixin, admin.TabularInline):
    model = Participation
    formset = OnePersonOnce
    extra = 0
    autocomplete_fields = ("person",)
    fields = ("person", "role", "name_as_written", "titles_as_written", "evidence", "origin", "resolution_note")
    readonly_fields = ("origin", "resolution_note")


@admin.register(Person)
class PersonAdmin(ArchiveAdmin):
    resource_classes = [PersonResource]
    list_display = ("full_name", "slug", "description", "created_at")
    search_fields = ("full_name", "search_key", "aliases__name", "aliases__search_key", "slug")
    readonly_fields = ("name_key", "search_key", "created_at", "updated_at")
    date_hierarchy = "created_at"
    inlines = [PersonAliasInline]
    show_facets = admin.ShowFacets.ALWAYS
    actions = ["merge_persons"]

    def has_merge_permission(self, request, obj=None):
        return request.user.has_perm("people.merge_person")

    @admin.action(description=_("Gộp hai người đã chọn…"), permissions=["merge"])
    def merge_persons(self, request, queryset):
        persons = list(queryset.annotate(n_mentions=Count("mentions", distinct=True), n_participations=Count("participations", distinct=True)))
        if len(persons) != 2:
            self.message_user(request, _("Hãy chọn đúng hai người để gộp."), messages.ERROR)
            return None
        if "confirm" in request.POST:
            survivor, merged = _survivor_and_merged(request, persons)
            if survivor is None:
                self.message_user(request, _("Hãy chọn người được giữ lại."), messages.ERROR)
                return None
            name = merged.full_name
            services.merge_persons(survivor=survivor, merged=merged)
            history_url = reverse("admin:people_person_history", args=[survivor.pk])
            self.message_user(
                request,
                format_html(
                    _("Đã gộp {merged} vào {survivor}. <a href=\"{url}\">Lịch sử</a> có nút hoàn tác việc gộp."),
                    merged=name, survivor=survivor.full_name, url=history_url,
                ),
                messages.SUCCESS,
            )
            return None
        return _merge_page(self, request, candidates=persons, title=_("Gộp hai người"), action="merge_persons")


def _survivor_and_merged(request, candidates):
    """(kept, merged) of the two ``candidates`` by the survivor staff chose; (None, None) if none was."""
    survivor = next((c for c in candidates if str(c.pk) == request.POST.get("survivor")), None)
    if survivor is None:
        return None, None
    return survivor, next(c for c in candidates if c.pk != survivor.pk)


def _merge_page(model_admin, request, *, candidates, title, action):
    """The page where staff choose which of two records a merge keeps (admin/people/merge.html)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "candidates": candidates,
        "action": action,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    template = f"admin/people/{model_admin.opts.model_name}/merge.html"
    return TemplateResponse(request, template, context)


@admin.register(PersonRedirect)
class PersonRedirectAdmin(ArchiveAdmin):
    list_display = ("old_slug", "person")
    search_fields = ("old_slug", "person__full_name")
    autocomplete_fields = ("person",)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ("name", "kind", "parent")

    def clean_name(self):
        name = self.cleaned_data["name"]
        if Organization.objects.filter(name_key=name_key(name)).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Đã có tổ chức tên này: hãy gộp hai tổ chức thay vì đổi tên."), code="duplicate")
        return name


@admin.register(Organization)
class OrganizationAdmin(ArchiveAdmin):
    """Staff rename (the old address and name lead to the new one) and merge organisations."""

    form = OrganizationForm
    resource_classes = [OrganizationResource]
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "search_key")
    autocomplete_fields = ("parent",)
    show_facets = admin.ShowFacets.ALWAYS
    actions = ["merge_organizations"]

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data:
            new_name = obj.name
            obj.name = form.initial["name"]
            organizations.rename_organization(organization=obj, name=new_name)
            form.changed_data.remove("name")
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Gộp hai tổ chức đã chọn…"), permissions=["change"])
    def merge_organizations(self, request, queryset):
        orgs = list(queryset.annotate(n_meetings=Count("meetings", distinct=True), n_posts=Count("posts", distinct=True)))
        if len(orgs) != 2:
            self.message_user(request, _("Hãy chọn đúng hai tổ chức để gộp."), messages.ERROR)
            return None
        if "confirm" in request.POST:
            survivor, merged = _survivor_and_merged(request, orgs)
            if survivor is None:
                self.message_user(request, _("Hãy chọn tổ chức được giữ lại."), messages.ERROR)
                return None
            name = merged.name
            organizations.merge_organizations(survivor=survivor, merged=merged)
            self.message_user(request, _("Đã gộp %(merged)s vào %(survivor)s.") % {"merged": name, "survivor": survivor.name},
                              messages.SUCCESS)
            return None
        return _merge_page(self, request, candidates=orgs, title=_("Gộp hai tổ chức"), action="merge_organizations")


@admin.register(OrganizationRedirect)
class OrganizationRedirectAdmin(ArchiveAdmin):
    list_display = ("old_slug", "organization")
    search_fields = ("old_slug", "organization__name")
    autocomplete_fields = ("organization",)


@admin.register(Meeting)
class MeetingAdmin(ArchiveAdmin):
    resource_classes = [MeetingResource]
    list_display = ("__str__", "kind", "date", "date_text", "status")
    list_filter = ("status", "kind", ("date", admin.DateFieldListFilter))
    search_fields = ("title", "participations__name_as_written", "participations__person__search_key")
    date_hierarchy = "date"
    autocomplete_fields = ("organizer",)
    inlines = [ParticipationInline]
    show_facets = admin.ShowFacets.ALWAYS
    readonly_fields = ("date_basis", "date_evidence", "edited_fields_display")
    actions = ["publish_selected", "unpublish_selected"]

    @admin.display(description=_("trường đã sửa tay"))
    def edited_fields_display(self, obj):
        return ", ".join(obj.edited_fields or []) or "—"

    def save_model(self, request, obj, form, change):
        if change:
            locks.record_staff_edits(obj=obj, changed_fields=really_changed(form))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A participation staff add is theirs; a field staff change is locked. Re-extraction keeps both.
        for inline_form in formset.forms:
            if formset._should_delete_form(inline_form) or not inline_form.has_changed():
                continue
            if not isinstance(inline_form.instance, Participation):
                continue
            if inline_form.instance.pk is None:
                inline_form.instance.origin = Participation.Origin.STAFF
            else:
                locks.record_staff_edits(obj=inline_form.instance, changed_fields=really_changed(inline_form))
        for inline_form in formset.deleted_forms:
            instance = inline_form.instance
            if isinstance(instance, Participation) and instance.pk:
                key = name_key(instance.name_as_written)
                if key not in form.instance.removed_names:  # staff say they were not there
                    form.instance.removed_names = sorted({*form.instance.removed_names, key})
                    form.instance.save(update_fields=["removed_names", "updated_at"])
        super().save_formset(request, form, formset, change)

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm("people.publish_meeting")

    @admin.action(description=_("Công bố các cuộc họp đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.publish_meetings(meetings=list(queryset))
        self.message_user(request, _("Đã công bố %(n)d cuộc họp.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Thôi công bố các cuộc họp đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = services.unpublish_meetings(meetings=list(queryset))
        self.message_user(request, _("Đã chuyển %(n)d cuộc họp về bản nháp.") % {"n": count}, messages.SUCCESS)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/publish/", view(self.publish_view), name="people_meeting_publish"),
            path("<int:pk>/unpublish/", view(self.unpublish_view), name="people_meeting_unpublish"),
            *super().get_urls(),
        ]

    def _set_status(self, request, pk, status, message):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        if status == Status.PUBLISHED:
            services.publish_meetings(meetings=[meeting])
        else:
            services.unpublish_meetings(meetings=[meeting])
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:people_meeting_change", args=[pk]))

    def publish_view(self, request, pk):
        return self._set_status(request, pk, Status.PUBLISHED, _("Đã công bố cuộc họp."))

    def unpublish_view(self, request, pk):
        return self._set_status(request, pk, Status.DRAFT, _("Cuộc họp đã về bản nháp."))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["is_published"] = bool(obj and obj.status == Status.PUBLISHED)
        context["can_publish"] = self.has_publish_permission(request)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


@admin.register(Participation)
class ParticipationAdmin(ArchiveAdmin):
    resource_classes = [ParticipationResource]
    list_display = ("name_as_written", "person", "role", "meeting", "origin", "resolution_note")
    list_filter = ("role", "origin", "meeting__status", ("person", admin.EmptyFieldListFilter))
    search_fields = ("name_as_written", "person__full_name", "person__search_key")
    autocomplete_fields = ("person", "meeting")
    list_select_related = ("person", "meeting")
    show_facets = admin.ShowFacets.ALWAYS
    readonly_fields = ("origin", "edited_fields_display")

    @admin.display(description=_("trường đã sửa tay"))
    def edited_fields_display(self, obj):
        return ", ".join(obj.edited_fields or []) or "—"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "titles_as_written":
            return TitlesField(label=capfirst(db_field.verbose_name))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            locks.record_staff_edits(obj=obj, changed_fields=really_changed(form))
        else:
            obj.origin = Participation.Origin.STAFF
        super().save_model(request, obj, form, change)


admin.site.site_header = _("Văn khố — quản trị")
admin.site.site_title = _("Văn khố")
admin.site.index_title = _("Lưu trữ")
# No app list down the left of every page: at 1280 px its 300 px are what the article list and
# the change pages need (the home page and the breadcrumbs lead everywhere it did).
admin.site.enable_nav_sidebar = False
from people import admin_posts  # noqa: E402,F401  (posts and tenures: people/admin_posts.py)
