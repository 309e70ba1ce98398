"""The search's filters, one entry each: the only place a filter is defined.

An entry says what its URL parameter is, how the form validates it and shows it, how it narrows
meetings and articles, and how its facet values are counted. Results, facet counts, the CSV and
JSON exports and the search page's form all read this list; adding a filter is one entry here
(plus a test). See docs/ARCHITECTURE.md, "How to add a filter".

- ``meetings`` / ``articles``: (criteria, value) → Q on Meeting / Article; None: the filter does
  not apply to that list (it is then ignored there, not an error).
- ``facet``: (target, queryset, criteria) → a queryset (or (sql, params)) of rows
  (value, label, n): how many of ``queryset`` (the matches, every OTHER filter applied) carry each
  value. None: no facet. Labels may be None (then ``label`` of the entry's choices, or the value).
- ``core``: an expensive condition (the words, the person) evaluated once per request; the
  others are re-applied to the core's rows for each facet.
- ``widget``: how the page's form shows it: "text", "person", "date" (inputs in the form), or
  "facet" (links beside the results, carried in the form as hidden inputs).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import django_filters
from django.db import connection
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Mention, Source
from articles.search import names, text
from articles.search.sql import compiled
from people.models import CHAIR_ROLES, Meeting, Organization, Participation, Post, PostEvidence, Status
from people.selectors import public_tenures

ROLE_CHAIR = "chair"
ROLE_ATTEND = "attend"
ROLE_CHOICES = [(ROLE_CHAIR, _("Chủ trì")), (ROLE_ATTEND, _("Tham dự"))]
MAX_CHOSEN = 20  # values per multi-select filter

ArticleMeeting = Article.meetings.through
ArticleOrganization = Article.organizations.through


@dataclass(frozen=True)
class Filter:
    name: str
    param: str
    label: str
    field: Callable  # () → a django-filter Filter that validates the URL value
    meetings: Callable | None = None
    articles: Callable | None = None
    facet: Callable | None = None
    choices: tuple = ()  # (value, label) for facet labels the database does not give
    multiple: bool = False
    core: bool = False
    widget: str = "facet"
    needs: str | None = None  # applies only when this other filter is set (role needs person)
    clean: Callable = lambda value: value  # cleaned form value → Criteria value
    option: Callable = lambda value: (str(value), str(value))  # a chosen value → (URL value, label)

    @property
    def empty(self):
        return () if self.multiple else None


# --- Who and what the public may filter by ----------------------------------------------------


def public_sources():
    """Outlets of published articles: the only ones the public may filter by (or see named)."""
    return Source.objects.filter(Exists(Article.objects.filter(source=OuterRef("pk"), status=Status.PUBLISHED)))


def public_organizations():
    """Organisations that organised a published meeting or concern a published article."""
    return Organization.objects.filter(
        Exists(Meeting.objects.filter(organizer=OuterRef("pk"), status=Status.PUBLISHED))
        | Exists(ArticleOrganization.objects.filter(organization=OuterRef("pk"), article__status=Status.PUBLISHED))
    )


def public_posts():
    """Posts someone holds as published meetings evidence (people.selectors.public_tenures)."""
    return Post.objects.filter(Exists(public_tenures().filter(post=OuterRef("pk"))))


# --- Conditions -------------------------------------------------------------------------------


def _local_midnight(day):
    """The local midnight that starts ``day``; None when it has no UTC equivalent (0001-01-01)."""
    moment = timezone.make_aware(datetime.combine(day, time.min))
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return None
    return moment


def _role_q(role, prefix=""):
    if role == ROLE_CHAIR:
        return Q(**{f"{prefix}role__in": CHAIR_ROLES})
    if role == ROLE_ATTEND:
        return ~Q(**{f"{prefix}role__in": CHAIR_ROLES})
    return Q()


def _years_q(field_name, years, *, aware):
    condition = Q()
    for year in years:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
        if aware:
            start, end = _local_midnight(start), _local_midnight(end)
        condition |= Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
    return condition


def _day_after(day):
    """The day after ``day``; None after 9999-12-31 (no upper bound then)."""
    return day + timedelta(days=1) if day < date.max else None


def _articles_from(criteria, day):
    start = _local_midnight(day)
    return Q(published_at__gte=start) if start else Q(published_at__isnull=False)


def _articles_until(criteria, day):
    after = _day_after(day)
    return Q(published_at__lt=_local_midnight(after)) if after else Q(published_at__isnull=False)


def _reported_meetings(**conditions):
    """Articles reporting a published meeting that satisfies ``conditions`` (on the meeting)."""
    return Q(
        Exists(
            ArticleMeeting.objects.filter(
                article=OuterRef("pk"), meeting__status=Status.PUBLISHED, **{f"meeting__{k}": v for k, v in conditions.items()}
            )
        )
    )


def _person_role_in_meeting(criteria, role, meeting):
    return Exists(Participation.objects.filter(_role_q(role), meeting=meeting, person=criteria.person))


# --- Facets: rows (value, label, n) -----------------------------------------------------------


def _kind_facet(target, qs, criteria):
    if target == "meetings":
        return qs.values(value=F("kind")).annotate(label=Value(None, CharField()), n=Count("pk"))
    return (
        ArticleMeeting.objects.filter(article_id__in=qs.values("pk"), meeting__status=Status.PUBLISHED)
        .values(value=F("meeting__kind"))
        .annotate(label=Value(None, CharField()), n=Count("article_id", distinct=True))
    )


def _source_facet(target, qs, criteria):
    if target == "articles":
        return qs.filter(source__isnull=False).values(value=F("source__slug"), label=F("source__name")).annotate(n=Count("pk"))
    return (
        ArticleMeeting.objects.filter(
            meeting_id__in=qs.values("pk"), article__status=Status.PUBLISHED, article__source__isnull=False
        )
        .values(value=F("article__source__slug"), label=F("article__source__name"))
        .annotate(n=Count("meeting_id", distinct=True))
    )


def _organization_facet(target, qs, criteria):
    if target == "meetings":
        return (
            qs.filter(organizer__isnull=False)
            .values(value=F("organizer__slug"), label=F("organizer__name"))
            .annotate(n=Count("pk"))
        )
    # An article concerns the organisations it names and the organisers of the meetings it reports.
    named, named_params = compiled(
        ArticleOrganization.objects.filter(article_id__in=qs.values("pk")).values(a=F("article_id"), o=F("organization_id"))
    )
    organised, organised_params = compiled(
        ArticleMeeting.objects.filter(
            article_id__in=qs.values("pk"), meeting__status=Status.PUBLISHED, meeting__organizer__isnull=False
        ).values(a=F("article_id"), o=F("meeting__organizer_id"))
    )
    table = connection.ops.quote_name(Organization._meta.db_table)
    sql = (
        f"SELECT org.slug AS value, org.name AS label, COUNT(DISTINCT p.a) AS n "
        f"FROM ({named} UNION ALL {organised}) AS p JOIN {table} AS org ON org.id = p.o GROUP BY org.slug, org.name"
    )
    return sql, [*named_params, *organised_params]


def _post_facet(target, qs, criteria):
    """Posts the participants of the matching meetings held there (their titles named them).

    Distinct (meeting or article, post) pairs of integers from the (meeting, post) index first,
    names joined to the counted posts after: counting DISTINCT slugs through the participations
    read and sorted every evidence row (~12 per meeting), the page's most expensive facet."""
    if target == "meetings":
        pairs = PostEvidence.objects.filter(meeting_id__in=qs.values("pk")).values(row=F("meeting_id"), held=F("post_id"))
    else:
        pairs = ArticleMeeting.objects.filter(
            article_id__in=qs.values("pk"), meeting__status=Status.PUBLISHED, meeting__post_evidence__isnull=False
        ).values(row=F("article_id"), held=F("meeting__post_evidence__post_id"))
    sql, params = compiled(pairs.distinct())
    table = connection.ops.quote_name(Post._meta.db_table)
    return (
        f"SELECT post.slug AS value, post.name AS label, c.n FROM (SELECT d.held, COUNT(*) AS n FROM ({sql}) AS d "
        f"GROUP BY d.held) AS c JOIN {table} AS post ON post.id = c.held",
        params,
    )


def _meetings_with_post(posts):
    return Exists(PostEvidence.objects.filter(meeting=OuterRef("pk"), post__in=posts))


def _date_field(target):
    return "date" if target == "meetings" else "published_at"


def _year_facet(target, qs, criteria):
    field = _date_field(target)
    return (
        qs.filter(**{f"{field}__isnull": False})
        .values(value=ExtractYear(field))
        .annotate(label=Value(None, CharField()), n=Count("pk"))
    )


def _month_facet(target, qs, criteria):
    if len(criteria.years) != 1:
        return None
    field = _date_field(target)
    return (
        qs.filter(**{f"{field}__isnull": False})
        .values(value=ExtractMonth(field))
        .annotate(label=Value(None, CharField()), n=Count("pk"))
    )


def _role_value(prefix=""):
    return Case(When(**{f"{prefix}role__in": CHAIR_ROLES}, then=Value(ROLE_CHAIR)), default=Value(ROLE_ATTEND))


def _role_facet(target, qs, criteria):
    if target == "meetings":
        return (
            Participation.objects.filter(meeting_id__in=qs.values("pk"), person=criteria.person)
            .values(value=_role_value())
            .annotate(label=Value(None, CharField()), n=Count("meeting_id", distinct=True))
        )
    return (
        ArticleMeeting.objects.filter(
            article_id__in=qs.values("pk"),
            meeting__status=Status.PUBLISHED,
            meeting__participations__person=criteria.person,
        )
        .values(value=_role_value("meeting__participations__"))
        .annotate(label=Value(None, CharField()), n=Count("article_id", distinct=True))
    )


# --- The registry -----------------------------------------------------------------------------


def _months():
    return [(str(m), str(m)) for m in range(1, 13)]


def _year_choices():
    # A callable: the form copies its fields on every request, and 201 choices made that copy
    # most of the form's cost.
    return [(y, str(y)) for y in range(1900, 2101)]


def _chosen(values):
    """The objects chosen in a multiple-choice filter, at most MAX_CHOSEN. Nothing chosen is an
    empty queryset: told by its query, not by evaluating it (compiling it cost ~1 ms a filter)."""
    if values is None or (isinstance(values, QuerySet) and values.query.is_empty()):
        return ()
    return tuple(values)[:MAX_CHOSEN]


def _find_person(value):
    from articles.search.persons import find_public_person  # persons.py reads the registry's helpers

    return find_public_person(value=value) if value else None


class _DateInput(django_filters.widgets.forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


FILTERS = [
    Filter(
        name="q", param="q", label=_("Từ khóa"), core=True, widget="text",
        field=lambda: django_filters.CharFilter(label=_("Từ khóa")),  # too long: cut (text.cut_query), not refused
        meetings=lambda c, v: names.meeting_text_q(c.terms, c.memo),
        articles=lambda c, v: text.document_q(c.terms),
        clean=text.cut_query,
    ),
    Filter(
        name="person", param="person", label=_("Cán bộ"), core=True, widget="person",
        field=lambda: django_filters.CharFilter(label=_("Cán bộ"), max_length=200),
        meetings=lambda c, v: Q(Exists(Participation.objects.filter(meeting=OuterRef("pk"), person=v))),
        # Articles that name the person, as on the person page.
        articles=lambda c, v: Q(Exists(Mention.objects.filter(article=OuterRef("pk"), person=v))),
        clean=_find_person,
        option=lambda v: (v.slug, v.full_name),
    ),
    Filter(
        name="role", param="role", label=_("Vai trò"), needs="person", choices=tuple(ROLE_CHOICES),
        field=lambda: django_filters.ChoiceFilter(label=_("Vai trò"), choices=ROLE_CHOICES, empty_label=_("Mọi vai trò")),
        meetings=lambda c, v: Q(_person_role_in_meeting(c, v, OuterRef("pk"))),
        # ... and that report a meeting where they had that role
        articles=lambda c, v: Q(
            Exists(
                ArticleMeeting.objects.filter(
                    _person_role_in_meeting(c, v, OuterRef("meeting_id")),
                    article=OuterRef("pk"),
                    meeting__status=Status.PUBLISHED,
                )
            )
        ),
        facet=_role_facet,
    ),
    Filter(
        name="date_from", param="date_from", label=_("Từ ngày"), widget="date",
        field=lambda: django_filters.DateFilter(label=_("Từ ngày"), widget=_DateInput()),
        meetings=lambda c, v: Q(date__gte=v),
        articles=_articles_from,
    ),
    Filter(
        name="date_to", param="date_to", label=_("Đến ngày"), widget="date",
        field=lambda: django_filters.DateFilter(label=_("Đến ngày"), widget=_DateInput()),
        meetings=lambda c, v: Q(date__lte=v),
        articles=_articles_until,
    ),
    Filter(
        name="years", param="year", label=_("Năm"), multiple=True,
        field=lambda: django_filters.TypedMultipleChoiceFilter(
            label=_("Năm"), choices=_year_choices, coerce=int
        ),
        clean=lambda v: tuple(sorted(set(v or ()), reverse=True))[:10],
        meetings=lambda c, v: _years_q("date", v, aware=False),
        articles=lambda c, v: _years_q("published_at", v, aware=True),
        facet=_year_facet,
    ),
    Filter(
        name="month", param="month", label=_("Tháng"), needs="years",
        field=lambda: django_filters.ChoiceFilter(label=_("Tháng"), choices=_months(), empty_label=_("Mọi tháng")),
        clean=lambda v: int(v) if v else None,
        meetings=lambda c, v: Q(date__month=v),
        articles=lambda c, v: Q(published_at__month=v),
        facet=_month_facet,
    ),
    Filter(
        name="sources", param="source", label=_("Nguồn tin"), multiple=True,
        # Only outlets linked to published material validate: one known only from drafts is
        # "not a valid choice", so the page never names it.
        field=lambda: django_filters.ModelMultipleChoiceFilter(
            label=_("Nguồn tin"), queryset=public_sources(), to_field_name="slug"
        ),
        clean=_chosen,
        meetings=lambda c, v: Q(
            Exists(
                ArticleMeeting.objects.filter(meeting=OuterRef("pk"), article__status=Status.PUBLISHED, article__source__in=v)
            )
        ),
        articles=lambda c, v: Q(source__in=v),
        facet=_source_facet,
        option=lambda v: (v.slug, v.name),
    ),
    Filter(
        name="kinds", param="kind", label=_("Loại cuộc họp"), multiple=True, choices=tuple(Meeting.Kind.choices),
        field=lambda: django_filters.MultipleChoiceFilter(label=_("Loại cuộc họp"), choices=Meeting.Kind.choices),
        clean=lambda v: tuple(v or ()),
        meetings=lambda c, v: Q(kind__in=v),
        articles=lambda c, v: _reported_meetings(kind__in=v),
        facet=_kind_facet,
    ),
    Filter(
        name="organizations", param="org", label=_("Tổ chức"), multiple=True,
        field=lambda: django_filters.ModelMultipleChoiceFilter(
            label=_("Tổ chức"), queryset=public_organizations(), to_field_name="slug"
        ),
        clean=_chosen,
        meetings=lambda c, v: Q(organizer__in=v),
        articles=lambda c, v: Q(Exists(ArticleOrganization.objects.filter(article=OuterRef("pk"), organization__in=v)))
        | _reported_meetings(organizer__in=v),
        facet=_organization_facet,
        option=lambda v: (v.slug, v.name),
    ),
    Filter(
        name="posts", param="post", label=_("Chức vụ"), multiple=True,
        # Meetings where someone took part in that post (as their titles there say); articles
        # reporting such a meeting.
        field=lambda: django_filters.ModelMultipleChoiceFilter(label=_("Chức vụ"), queryset=public_posts(), to_field_name="slug"),
        clean=_chosen,
        meetings=lambda c, v: Q(_meetings_with_post(v)),
        articles=lambda c, v: Q(
            Exists(
                ArticleMeeting.objects.filter(
                    Exists(PostEvidence.objects.filter(meeting=OuterRef("meeting_id"), post__in=v)),
                    article=OuterRef("pk"), meeting__status=Status.PUBLISHED,
                )
            )
        ),
        facet=_post_facet,
        option=lambda v: (v.slug, v.name),
    ),
]


def by_name(name):
    return next(f for f in FILTERS if f.name == name)


def by_param(param):
    return next((f for f in FILTERS if f.param == param), None)
