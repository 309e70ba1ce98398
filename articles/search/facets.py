"""Counts: the facets beside the results and the tab totals, in one statement per page.

The text and person conditions (the registry's ``core`` entries) are the expensive part of a
search, so they are evaluated once, as a CTE: the ids of the first CORE_LIMIT + 1 published
meetings (or articles) that match them. Every facet counts those rows with every OTHER filter
applied (a facet never narrows itself), and the tab total counts them with all filters. When the
core holds CORE_LIMIT or fewer rows the counts are exact; when more match (a "broad" query: a
common word, the busiest official) the facets and the date histogram count a sample (the
core's first BROAD_SAMPLE rows) and show lower bounds "n+", and the tab total comes from the full
query counted up to CAP ("2 000+").
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth

from articles.models import Article
from articles.search import registry
from articles.search.sql import compiled, fetch_all
from people.models import Meeting, Status

CAP = 2000  # counts stop here and show as "2 000+"
CORE_LIMIT = 2000  # rows of the matching set the facets are counted over
BROAD_SAMPLE = 500  # rows of a broad match (more than CORE_LIMIT) the facets and histogram count
FACET_OPTIONS = 30  # most frequent values listed per facet
MODELS = {"meetings": Meeting, "articles": Article}


def other(target):
    return "articles" if target == "meetings" else "meetings"


@dataclass(frozen=True)
class CappedCount:
    value: int
    capped: bool  # more than CAP: "2 000+"
    at_least: bool = False  # counted over a sample of a broad match: at least this many

    def __str__(self):
        text = f"{self.value:,}".replace(",", "\u00a0")
        return text + "+" if self.capped or self.at_least else text


def capped(n, *, cap=None, complete=True):
    cap = CAP if cap is None else cap
    return CappedCount(min(n, cap), n > cap, at_least=not complete and n <= cap)


@dataclass
class FacetOption:
    value: str  # as it goes into the URL
    label: str
    count: CappedCount
    selected: bool
    href: str = ""  # set by the view


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter
    label: str
    options: tuple


def narrowed(target, criteria, *, core=None, skip=None, queryset=None):
    """Published ``target`` rows with the criteria's filters applied (``core``: only the core
    ones, or only the others; ``skip``: leave an entry, or a tuple of them, out). Filters that do not apply to the
    target are ignored."""
    qs = MODELS[target].objects.filter(status=Status.PUBLISHED) if queryset is None else queryset
    skipped = skip if isinstance(skip, tuple) else (skip,)
    for entry, value in criteria.active(core=core):
        condition = getattr(entry, target)
        if condition is not None and entry not in skipped:
            qs = qs.filter(condition(criteria, value))
    return qs


def _count_sql(queryset, *, limit):
    sql, params = compiled(queryset.order_by().values("pk")[:limit])
    return f"(SELECT COUNT(*) FROM ({sql}) AS c)", params


def _capped_match_sql(name, queryset, *, limit):
    """A CTE holding the ids ``queryset`` matches, and a COUNT over at most ``limit`` of them.

    MATERIALIZED and without a LIMIT of its own, the CTE is planned for its whole result (a rare
    conjunction of common words: the GIN bitmap; a common word: a sequential scan) and then read
    lazily, only as far as the count needs: no sequential scan bet on matches being dense."""
    sql, params = compiled(queryset.order_by().values("pk"))
    return f"{name} AS MATERIALIZED ({sql})", params, f"(SELECT COUNT(*) FROM (SELECT 1 FROM {name} LIMIT {limit}) AS c)"


def summary(*, target, criteria, page=None):
    """{"facets": [Facet], "totals": {target: CappedCount, other: CappedCount}, "page_ids": [...] or
    None, "histogram": [(first day of a month, n)], "complete": the counts are exact}: one statement.

    ``page``: (offset, size, ordered queryset over given rows) → the ids of that page come along
    when the core is complete, or when it overflows but the other filters narrow the full match
    to CAP or fewer; else "page_ids" is None and the caller asks the full query (a broad match:
    its matches are dense, walking the date index finds them at once)."""
    Model_ = MODELS[target]
    core_qs = narrowed(target, criteria, core=True)
    if criteria.terms:  # words: the whole match planned as such (GIN or a scan), read lazily
        matched_cte, matched_params, _ = _capped_match_sql("matched", core_qs, limit=0)
        ctes = [matched_cte, f"core AS MATERIALIZED (SELECT pk FROM matched LIMIT {CORE_LIMIT + 1})"]
    else:  # a person or nothing: plain LIMITs, so that a join stops early instead of hashing every match
        core_sql, matched_params = compiled(core_qs.order_by().values("pk")[: CORE_LIMIT + 1])
        ctes = [f"core AS MATERIALIZED ({core_sql})"]
    if criteria.terms:  # words: let the planner choose GIN or a scan for the whole match (see above)
        other_cte, other_params, other_count = _capped_match_sql("other_matched", narrowed(other(target), criteria), limit=CAP + 1)
        ctes.append(other_cte)
    else:  # filters only: a plain LIMIT lets a join stop early instead of hashing every match
        other_count, other_params = _count_sql(narrowed(other(target), criteria), limit=CAP + 1)
    # The rows the facets and the histogram count: the whole core when it is complete, else its
    # first BROAD_SAMPLE rows (a broad match's counts are lower bounds whatever the sample; a
    # quarter of the rows made them a quarter of the work).
    ctes.append(
        f"counted AS MATERIALIZED (SELECT pk FROM core LIMIT (SELECT CASE WHEN COUNT(*) > {CORE_LIMIT} "
        f"THEN {BROAD_SAMPLE} ELSE {CORE_LIMIT} END FROM core))"
    )
    in_core = Model_.objects.filter(pk__in=RawSQL("SELECT counted.pk FROM counted", ()))
    parts, params, cte_params = [], [], []

    def add(kind, sql, sql_params):
        parts.append(f"SELECT '{kind}', NULL, NULL, {sql}")
        params.extend(sql_params)

    add("#core", "(SELECT COUNT(*) FROM core)", [])
    add("#total", *_count_sql(narrowed(target, criteria, core=False, queryset=in_core), limit=None))
    overflowing = f"(SELECT COUNT(*) FROM core) > {CORE_LIMIT}"
    filtered = bool(criteria.active(core=False))
    if filtered:  # else an overflowing core is the answer: more than CAP
        # A broad match narrowed by other filters: the full query's first CAP + 1 ids (the
        # planner uses the filters' own indexes: dates, outlets), read only when the core
        # overflows; their count is exact up to 2 000, and when they are all, the page comes
        # from them too (no second pass over the broad match for the page).
        full_sql, full_params = compiled(narrowed(target, criteria).order_by().values("pk")[: CAP + 1])
        ctes.append(f"full_match AS MATERIALIZED ({full_sql})")
        cte_params.extend(full_params)
        add("#full", f"CASE WHEN {overflowing} THEN (SELECT COUNT(*) FROM full_match) ELSE -1 END", [])
    add("#other", other_count, [] if criteria.terms else other_params)
    if page is not None:
        offset, size, ordered = page
        sources = [(in_core, f"NOT {overflowing}")]
        if filtered:
            in_full = Model_.objects.filter(pk__in=RawSQL("SELECT full_match.pk FROM full_match", ()))
            sources.append((in_full, f"{overflowing} AND (SELECT COUNT(*) FROM full_match) <= {CAP}"))
        for rows, when in sources:
            page_sql, page_params = compiled(ordered(rows).values("pk")[offset : offset + size])
            parts.append(
                f"SELECT '#page', CAST(p.pk AS TEXT), NULL, ROW_NUMBER() OVER () FROM ({page_sql}) AS p WHERE {when}"
            )
            params.extend(page_params)
    facet_entries = []
    for entry in registry.FILTERS:
        if entry.facet is None or getattr(entry, target) is None:
            continue
        if entry.needs and not criteria.is_set(registry.by_name(entry.needs)):
            continue
        rows = entry.facet(target, narrowed(target, criteria, core=False, skip=entry, queryset=in_core), criteria)
        if rows is None:
            continue
        sql, sql_params = rows if isinstance(rows, tuple) else compiled(rows.order_by())
        parts.append(
            f"SELECT '{entry.param}', CAST(f.value AS TEXT), CAST(f.label AS TEXT), f.n "
            f"FROM ({sql} ORDER BY n DESC, value LIMIT {FACET_OPTIONS}) AS f"
        )
        params.extend(sql_params)
        facet_entries.append(entry)
    # The date histogram: matches per month, every filter applied but the date range (so that
    # the chosen range shows among its neighbours). Over the core, like the facets.
    dated = registry._date_field(target)  # the date a filter by date reads
    months = (
        narrowed(target, criteria, core=False, skip=_date_range_entries(), queryset=in_core)
        .filter(**{f"{dated}__isnull": False})
        .order_by()
        .values(value=TruncMonth(dated))
        .annotate(n=Count("pk"))
    )
    months_sql, months_params = compiled(months)
    parts.append(f"SELECT '#month', CAST(h.value AS TEXT), NULL, h.n FROM ({months_sql}) AS h")
    params.extend(months_params)
    sql = f"WITH {', '.join(ctes)} SELECT * FROM (" + " UNION ALL ".join(parts) + ") AS summary"
    rows = fetch_all(sql, [*matched_params, *(other_params if criteria.terms else []), *cte_params, *params])
    return _read(rows, target, criteria, facet_entries)


def _read(rows, target, criteria, facet_entries):
    numbers = {kind: n for kind, _, _, n in rows if kind.startswith("#")}
    histogram = sorted(
        (date(int(value[:4]), int(value[5:7]), 1), n) for kind, value, _, n in rows if kind == "#month" and value
    )
    complete = numbers["#core"] <= CORE_LIMIT
    if complete:
        total = capped(numbers["#total"])
    elif "#full" in numbers:
        total = capped(numbers["#full"])
    else:
        total = capped(numbers["#core"])
    counted = {}
    for kind, value, label, n in rows:
        if not kind.startswith("#"):
            counted.setdefault(kind, []).append((value, label, n))
    facets = []
    for entry in facet_entries:
        facets.append(_facet(entry, counted.get(entry.param, []), criteria, complete=complete))
    page_ids = None
    if complete or 0 <= numbers.get("#full", -1) <= CAP:  # the page came from the core or the full match
        page_ids = [int(value) for _, value, _, _ in sorted((r for r in rows if r[0] == "#page"), key=lambda r: r[3])]
    return {
        "facets": facets,
        "totals": {target: total, other(target): capped(numbers["#other"])},
        "page_ids": page_ids,
        "histogram": histogram,
        "complete": complete,
    }


def _facet(entry, rows, criteria, *, complete):
    chosen = criteria.values[entry.name]
    chosen = list(chosen) if entry.multiple else ([chosen] if chosen else [])
    chosen_values = {entry.option(v)[0]: entry.option(v)[1] for v in chosen}
    labels = {str(k): str(v) for k, v in entry.choices}
    counts = {value: (label, n) for value, label, n in rows if value is not None}
    options = []
    for value, (label, n) in counts.items():
        label = label or labels.get(value) or value
        options.append(FacetOption(value, label, capped(n, complete=complete), value in chosen_values))
    for value, label in chosen_values.items():  # chosen, and counted 0 under the other filters
        if value not in counts:
            options.append(FacetOption(value, labels.get(value, label), capped(0), True))
    options.sort(key=_option_order(entry))
    return Facet(name=entry.param, label=entry.label, options=tuple(options))


def _option_order(entry):
    if entry.choices:
        position = {str(value): i for i, (value, _) in enumerate(entry.choices)}
        return lambda o: (position.get(o.value, len(position)), o.value)
    if entry.name == "years":
        return lambda o: -int(o.value)
    if entry.name == "month":
        return lambda o: int(o.value)
    return lambda o: (not o.selected, o.label.casefold())


def _date_range_entries():
    return (registry.by_name("date_from"), registry.by_name("date_to"))


def capped_count(queryset, *, cap=None):
    """How many rows, counting no further than ``cap`` (CappedCount.capped then says "cap+")."""
    cap = CAP if cap is None else cap
    sql, params = _count_sql(queryset, limit=cap + 1)
    ((n,),) = fetch_all("SELECT " + sql, params)
    return capped(n, cap=cap)


def facet_counts(*, target, criteria):
    return summary(target=target, criteria=criteria)["facets"]


def count_everything(*, criteria):
    """Capped totals for the meetings and articles tabs, in one statement."""
    return summary(target="meetings", criteria=criteria)["totals"]



