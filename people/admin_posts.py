"""Admin for posts and tenures: tenures are derived, staff correct only their start, end and "not
this person" (people.tenures.edit_tenure locks them); overlapping holders of a one-holder post
are one list filter away."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from people import tenures
from people.models import Post, PostEvidence, Tenure


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "organization", "single_holder")
    list_filter = ("single_holder",)
    search_fields = ("name", "search_key")
    autocomplete_fields = ("organization",)
    readonly_fields = ("name_key", "search_key")


@admin.register(Tenure)
class TenureAdmin(admin.ModelAdmin):
    list_display = ("post", "person", "first_evidenced", "last_evidenced", "start_date", "end_date", "chaired_count",
                    "article_count", "not_this_person", "overlaps")
    list_filter = (("overlaps", admin.BooleanFieldListFilter), "not_this_person", "post__single_holder")
    search_fields = ("post__name", "post__search_key", "person__full_name", "person__search_key")
    list_select_related = ("post", "person")
    fields = ("person", "post", "first_evidenced", "last_evidenced", "evidence_count", "article_count", "chaired_count",
              "overlaps", "start_date", "end_date", "not_this_person", "edited_fields")
    readonly_fields = ("person", "post", "first_evidenced", "last_evidenced", "evidence_count", "article_count",
                       "chaired_count", "overlaps", "edited_fields")
    show_facets = admin.ShowFacets.ALWAYS

    def has_add_permission(self, request):
        return False  # tenures come from the evidence

    def save_model(self, request, obj, form, change):
        stored = Tenure.objects.get(pk=obj.pk)
        tenures.edit_tenure(tenure=stored, changes={f: form.cleaned_data[f] for f in form.changed_data
                                                    if f in Tenure.STAFF_FIELDS})


@admin.register(PostEvidence)
class PostEvidenceAdmin(admin.ModelAdmin):
    list_display = ("post", "title_as_written", "participation")
    search_fields = ("post__name", "title_as_written", "participation__name_as_written")
    list_select_related = ("post", "participation")
    raw_id_fields = ("participation",)
    verbose_name = _("căn cứ chức vụ")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
