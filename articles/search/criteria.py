"""What the public asked for: the search URL validated into ``Criteria``, by the registry's fields.

Every parameter is optional. A value that does not validate (an unknown outlet, a month of 13,
a malformed date) is reported on the page and that filter is ignored: never a server error.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from articles.search import registry
from articles.search.text import parse_query
from people.models import Meeting

SORT_CHOICES = [("relevance", _("Phù hợp nhất")), ("newest", _("Mới nhất")), ("oldest", _("Cũ nhất"))]
TARGETS = ("meetings", "articles", "participations")


class Criteria:
    """The filters' values by registry name (``Criteria(q="...", years=(2024,), person=p)``) and the sort.

    Read as attributes (``criteria.years``); a filter not given has its empty value. ``memo``
    holds per-request lookups (the participant-name routes) so they run once.
    """

    def __init__(self, *, sort="relevance", **values):
        known = {f.name for f in registry.FILTERS}
        unknown = set(values) - known
        if unknown:
            raise TypeError(f"unknown search filter(s): {', '.join(sorted(unknown))}")
        self.values = {f.name: values.get(f.name, f.empty) for f in registry.FILTERS}
        if self.values.get("q") is None:
            self.values["q"] = ""
        self.sort = sort
        self.terms = parse_query(self.values["q"])
        self.memo = {}

    def __getattr__(self, name):
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self):
        return f"Criteria({', '.join(f'{k}={v!r}' for k, v in self.values.items() if v)}, sort={self.sort!r})"

    def is_set(self, entry):
        value = self.values[entry.name]
        if entry.name == "q":
            return bool(self.terms)
        if not value:
            return False
        return entry.needs is None or self.is_set(registry.by_name(entry.needs))

    def active(self, *, core=None):
        """[(entry, value)] of the filters set, in registry order (``core``: only those, or only the others)."""
        return [
            (entry, self.values[entry.name])
            for entry in registry.FILTERS
            if self.is_set(entry) and (core is None or entry.core == core)
        ]


_filtersets = {}


def _filterset_class():
    """The FilterSet of the registry as it is (built once per set of entries: building it per
    request deep-copied every field and its choices)."""
    key = tuple(id(entry) for entry in registry.FILTERS)
    if key not in _filtersets:
        _filtersets.clear()
        _filtersets[key] = _build_filterset_class()
    return _filtersets[key]


def _build_filterset_class():
    fields = {entry.param: entry.field() for entry in registry.FILTERS}
    fields["sort"] = django_filters.ChoiceFilter(label=_("Sắp xếp"), choices=SORT_CHOICES, empty_label=None)
    meta = type("Meta", (), {"model": Meeting, "fields": []})
    return type("SearchFilterSet", (django_filters.FilterSet,), {**fields, "Meta": meta})


class SearchForm:
    """The search URL validated by the registry's fields (a django-filter FilterSet built from it)."""

    def __init__(self, data):
        self.filterset = _filterset_class()(data, queryset=Meeting.objects.none())
        self.form = self.filterset.form
        self.unknown_person = False
        self._criteria = None

    def criteria(self):
        """The valid part of the request as Criteria (invalid fields are left out)."""
        if self._criteria is None:
            self.form.is_valid()
            data = self.form.cleaned_data
            values = {}
            for entry in registry.FILTERS:
                values[entry.name] = entry.clean(data.get(entry.param))
            # A person was asked for and nobody public has that name: nothing to show.
            self.unknown_person = bool(data.get("person")) and values["person"] is None
            self._criteria = Criteria(sort=data.get("sort") or "relevance", **values)
        return self._criteria

    def inputs(self):
        """The registry's form inputs in order: (entry, bound field)."""
        return [(e, self.form[e.param]) for e in registry.FILTERS if e.widget != "facet"]

    def hidden(self, data):
        """(param, value) of the facet filters in ``data``, carried by the form as hidden inputs."""
        return [
            (e.param, value)
            for e in registry.FILTERS
            if e.widget == "facet"
            for value in data.getlist(e.param)[: registry.MAX_CHOSEN]
            if value
        ]
