"""The search form: django-filter parses and validates the URL; articles/search.py builds the queries.

Every parameter is optional. A value that does not validate (an unknown outlet, a month of 13,
a malformed date) is reported on the page and that filter is ignored: never a server error.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from articles import search
from people.models import Meeting

TARGETS = ("meetings", "articles", "participations")

ROLE_CHOICES = [(search.ROLE_CHAIR, _("Chủ trì")), (search.ROLE_ATTEND, _("Tham dự"))]
SORT_CHOICES = [("relevance", _("Phù hợp nhất")), ("newest", _("Mới nhất")), ("oldest", _("Cũ nhất"))]
MONTH_CHOICES = [(str(m), str(m)) for m in range(1, 13)]
YEAR_CHOICES = [(y, str(y)) for y in range(1900, 2101)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SearchFilter(django_filters.FilterSet):
    """Validates the search URL and turns it into a ``search.Criteria``.

    ``qs`` is not a queryset filter chain here: filtering is one call to search.py per target
    (see ``results``), so that facets, exports and the JSON API share the same queries.
    """

    q = django_filters.CharFilter(label=_("Từ khóa"), max_length=search.MAX_QUERY_LENGTH)
    person = django_filters.CharFilter(label=_("Cán bộ"), max_length=200)
    role = django_filters.ChoiceFilter(label=_("Vai trò"), choices=ROLE_CHOICES, empty_label=_("Mọi vai trò"))
    date_from = django_filters.DateFilter(label=_("Từ ngày"), widget=DateInput())
    date_to = django_filters.DateFilter(label=_("Đến ngày"), widget=DateInput())
    year = django_filters.TypedMultipleChoiceFilter(label=_("Năm"), choices=YEAR_CHOICES, coerce=int)
    month = django_filters.ChoiceFilter(label=_("Tháng"), choices=MONTH_CHOICES, empty_label=_("Mọi tháng"))
    # Only outlets/organisations linked to published material validate: one known only from
    # drafts is "not a valid choice", so the page never names it.
    source = django_filters.ModelMultipleChoiceFilter(
        label=_("Nguồn tin"), queryset=search.public_sources(), to_field_name="slug"
    )
    kind = django_filters.MultipleChoiceFilter(label=_("Loại cuộc họp"), choices=Meeting.Kind.choices)
    org = django_filters.ModelMultipleChoiceFilter(
        label=_("Tổ chức"), queryset=search.public_organizations(), to_field_name="slug"
    )
    sort = django_filters.ChoiceFilter(label=_("Sắp xếp"), choices=SORT_CHOICES, empty_label=None)

    class Meta:
        model = Meeting
        fields = []

    def __init__(self, data=None, *, request=None):
        super().__init__(data, queryset=Meeting.objects.none(), request=request)
        self.unknown_person = False

    def criteria(self):
        """The valid part of the request as search.Criteria (invalid fields are left out)."""
        self.form.is_valid()
        data = self.form.cleaned_data
        person = None
        if data.get("person"):
            person = search.resolve_person(value=data["person"])
            self.unknown_person = person is None
        month = data.get("month")
        return search.Criteria(
            q=data.get("q") or "",
            person=person,
            role=data.get("role") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            years=tuple(sorted(set(data.get("year") or ()), reverse=True))[:10],
            month=int(month) if month else None,
            sources=tuple(data.get("source") or ())[:20],
            kinds=tuple(data.get("kind") or ()),
            organizations=tuple(data.get("org") or ())[:20],
            sort=data.get("sort") or "relevance",
        )

    def filter_queryset(self, queryset):
        return search.search_meetings(criteria=self.criteria())
