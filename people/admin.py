from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget, JSONWidget

from people.models import Meeting, Organization, Participation, Person, PersonAlias, PersonRedirect


class PersonResource(resources.ModelResource):
    class Meta:
        model = Person
        fields = ("id", "full_name", "slug", "description")
        import_id_fields = ("slug",)
        skip_unchanged = True


class OrganizationResource(resources.ModelResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=ForeignKeyWidget(Organization, "slug"))

    class Meta:
        model = Organization
        fields = ("id", "name", "slug", "kind", "parent")
        import_id_fields = ("slug",)
        skip_unchanged = True


class MeetingResource(resources.ModelResource):
    organizer = fields.Field(attribute="organizer", column_name="organizer", widget=ForeignKeyWidget(Organization, "slug"))

    class Meta:
        model = Meeting
        fields = ("id", "kind", "kind_text", "title", "date", "date_text", "place", "organizer", "status")
        skip_unchanged = True


class ParticipationResource(resources.ModelResource):
    person = fields.Field(attribute="person", column_name="person", widget=ForeignKeyWidget(Person, "slug"))
    titles_as_written = fields.Field(attribute="titles_as_written", column_name="titles_as_written", widget=JSONWidget())

    class Meta:
        model = Participation
        fields = ("id", "meeting", "person", "role", "name_as_written", "titles_as_written", "evidence", "origin")
        skip_unchanged = True


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ("name",)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("person",)
    fields = ("person", "role", "name_as_written", "titles_as_written", "evidence", "origin")
    readonly_fields = ("origin",)


@admin.register(Person)
class PersonAdmin(ImportExportModelAdmin):
    resource_classes = [PersonResource]
    list_display = ("full_name", "slug", "description", "created_at")
    search_fields = ("full_name", "search_key", "aliases__name", "aliases__search_key", "slug")
    readonly_fields = ("name_key", "search_key", "created_at", "updated_at")
    date_hierarchy = "created_at"
    inlines = [PersonAliasInline]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(PersonRedirect)
class PersonRedirectAdmin(admin.ModelAdmin):
    list_display = ("old_slug", "person")
    search_fields = ("old_slug", "person__full_name")
    autocomplete_fields = ("person",)


@admin.register(Organization)
class OrganizationAdmin(ImportExportModelAdmin):
    resource_classes = [OrganizationResource]
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "search_key")
    autocomplete_fields = ("parent",)
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(Meeting)
class MeetingAdmin(ImportExportModelAdmin):
    resource_classes = [MeetingResource]
    list_display = ("__str__", "kind", "date", "date_text", "status")
    list_filter = ("status", "kind", ("date", admin.DateFieldListFilter))
    search_fields = ("title", "participations__name_as_written", "participations__person__search_key")
    date_hierarchy = "date"
    autocomplete_fields = ("organizer",)
    inlines = [ParticipationInline]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(Participation)
class ParticipationAdmin(ImportExportModelAdmin):
    resource_classes = [ParticipationResource]
    list_display = ("name_as_written", "person", "role", "meeting", "origin")
    list_filter = ("role", "origin", "meeting__status", ("person", admin.EmptyFieldListFilter))
    search_fields = ("name_as_written", "person__full_name", "person__search_key")
    autocomplete_fields = ("person", "meeting")
    list_select_related = ("person", "meeting")
    show_facets = admin.ShowFacets.ALWAYS


admin.site.site_header = _("Văn khố — quản trị")
admin.site.site_title = _("Văn khố")
admin.site.index_title = _("Lưu trữ")
