"""The lists: matching meetings, articles and participations in order, and the page of them shown.

Orders: newest first (date, then id, undated last), oldest first, or relevance (the exact-accent
bonus, then ts_rank on PostgreSQL / headline first on SQLite, then date). Relevance ranks only
the newest RANK_CANDIDATES matches: ts_rank over tens of thousands of article vectors costs
seconds, and an older, better-ranked item is reached with sort=oldest or a narrower query.
"""

from dataclasses import dataclass

from django.db.models import F
from django.db.models.functions import Substr

from articles.models import Article
from articles.search import facets, text
from articles.search.facets import narrowed
from articles.search.snippets import SOURCE_CHARS
from people.models import Meeting, Participation

MAX_PAGE = 500  # deep OFFSETs cost the database; nobody reads page 501
RANK_CANDIDATES = 300

NEWEST = {
    "meetings": (F("date").desc(nulls_last=True), "-id"),
    "articles": (F("published_at").desc(nulls_last=True), "-id"),
}
OLDEST = {
    "meetings": (F("date").asc(nulls_last=True), "id"),
    "articles": (F("published_at").asc(nulls_last=True), "id"),
}


def _ranked(criteria):
    return criteria.sort == "relevance" and any(not t.negated for t in criteria.terms)


def _base(target, criteria, within, base):
    if within is not None:
        return facets.MODELS[target].objects.filter(pk__in=within)
    return narrowed(target, criteria) if base is None else base


def search_meetings(*, criteria, within=None, base=None):
    """Published meetings matching ``criteria``, in the requested order.

    ``within``: ids (or a subquery of ids) already known to match: only those are ordered.
    ``base``: the matching meetings, when the caller has them (the core rows, see facets.py).
    """
    qs = _base("meetings", criteria, within, base).select_related("organizer").defer("search_vector")
    if criteria.sort == "oldest":
        return qs.order_by(*OLDEST["meetings"])
    if _ranked(criteria):
        qs = qs.annotate(exact=text.exact_bonus(criteria.terms, title="title"))
        return qs.order_by("-exact", *NEWEST["meetings"])
    return qs.order_by(*NEWEST["meetings"])


def search_articles(*, criteria, within=None, base=None):
    """Published articles matching ``criteria``, in the requested order (``rank`` annotated).

    ``within`` and ``base``: as for search_meetings.
    """
    qs = _base("articles", criteria, within, base).select_related("source").defer("body")
    if criteria.sort == "oldest":
        return qs.order_by(*OLDEST["articles"])
    if _ranked(criteria):
        qs = qs.annotate(
            exact=text.exact_bonus(criteria.terms, title="headline", lead="body"), rank=text.article_rank(criteria.terms)
        )
        return qs.order_by("-exact", "-rank", *NEWEST["articles"])
    return qs.order_by(*NEWEST["articles"])


def search_participations(*, criteria):
    """Participations in the meetings ``criteria`` finds (only the person's own when a person is chosen)."""
    from articles.search.registry import _role_q

    qs = Participation.objects.filter(meeting__in=narrowed("meetings", criteria).values("pk"))
    if criteria.person:
        qs = qs.filter(_role_q(criteria.role), person=criteria.person)
    return qs.order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id", "role", "id")


SEARCHES = {"meetings": search_meetings, "articles": search_articles, "participations": search_participations}


@dataclass
class Page:
    items: list
    number: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def start_index(self):
        return (self.number - 1) * self.per_page + 1


def clamp_page(number):
    try:
        return max(1, min(int(number or 1), MAX_PAGE))
    except (TypeError, ValueError, OverflowError):
        return 1


def page_of(queryset, *, number, per_page=20):
    """One page, fetched with one extra row to know whether another follows (no COUNT)."""
    number = clamp_page(number)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return Page(items=rows[:per_page], number=number, per_page=per_page, has_next=len(rows) > per_page)


def listing(*, target, criteria, matches=None):
    """The ordered list the page shows: relevance ranks only the newest RANK_CANDIDATES matches.

    ``matches``: a queryset of candidate rows (the core's); the non-core filters are applied to it.
    """
    base = narrowed(target, criteria) if matches is None else narrowed(target, criteria, core=False, queryset=matches)
    if _ranked(criteria):
        newest = base.order_by(*NEWEST[target]).values("pk")[:RANK_CANDIDATES]
        return SEARCHES[target](criteria=criteria, within=newest)
    return SEARCHES[target](criteria=criteria, base=base)


def _with_lead(articles):
    """The start of each body, for the snippet under the result (the whole body is not read)."""
    return articles.annotate(lead=Substr("body", 1, SOURCE_CHARS))


def _in_order(target, pks):
    if target == "meetings":
        qs = Meeting.objects.filter(pk__in=pks).select_related("organizer").defer("search_vector")
    else:
        qs = _with_lead(Article.objects.filter(pk__in=pks).select_related("source").defer("body"))
    by_pk = qs.in_bulk()
    return [by_pk[pk] for pk in pks if pk in by_pk]


def search_results(*, target, criteria, number=1, per_page=20):
    """What the search page shows for ``target``: {"page", "totals", "facets", "histogram", "complete"}.

    Two statements (plus the participant-name lookups of a meeting text query, see names.py):
    every count and, when the match is small enough to be counted whole, the ids of the page
    (facets.summary); then the page's rows, by id or, for a broad match, from the full query
    (whose matches are dense: walking the date index finds them at once).
    """
    number = clamp_page(number)
    offset = (number - 1) * per_page

    def ordered(matches):
        return listing(target=target, criteria=criteria, matches=matches)

    summary = facets.summary(target=target, criteria=criteria, page=(offset, per_page + 1, ordered))
    if summary["page_ids"] is not None:
        rows = _in_order(target, summary["page_ids"])
    else:
        rows = listing(target=target, criteria=criteria)
        rows = list((_with_lead(rows) if target == "articles" else rows)[offset : offset + per_page + 1])
    page = Page(items=rows[:per_page], number=number, per_page=per_page, has_next=len(rows) > per_page)
    return {
        "page": page,
        "facets": summary["facets"],
        "totals": summary["totals"],
        "histogram": summary["histogram"],
        "complete": summary["complete"],
    }
