"""Meetings found by words: in the title, or in the title plus the name of ONE participant.

A meeting matches when all positive terms are in its title (and no negated one), or when one
participant's name holds some of the terms and the title holds the rest ("a route"). Routes are
tried longest name first, and only the longest that exist are kept: when one person's name holds
all of "Nguyễn Hải Thắng", the query names that person, and "Nguyễn Hải" (thousands of meetings)
with "thắng" in a title ("Lễ mừng chiến thắng") would be noise.

Resolved participants match through their person's folded name or an alias (``name_words``,
a GIN-indexed generated column, see ``in_name``), unresolved ones (person not known yet) through the name as written. Only public
material decides which routes exist: persons who took part in a published meeting (they have
PersonActivity rows) and unresolved participants of published meetings (a name known only from
drafts changes nothing).

Which term sets some name holds, how many meetings those names reach and whether each term is in
some published title are learnt in ONE statement (``_held_sets``).
The meeting condition itself is SQL (EXISTS over participations), evaluated by the caller's query.
"""

from dataclasses import replace
from itertools import combinations

from django.db import connection
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When

from articles.search.sql import compiled, fetch_all
from articles.search.text import HasWords, document_q, negated, positive
from people.models import Meeting, Participation, Person, PersonActivity, PersonAlias, Status

NAME_ROUTE_MAX_WORDS = 4  # a participant's name holds at most this many of the query's terms


ROUTE_LIST_LIMIT = 40_000  # a route with fewer meetings than this is listed; a denser one checked per row
COUNTED_HOLDERS = 500  # term sets held by more persons than this are dense: their meetings are not summed


def meeting_text_q(terms, memo=None):
    """Q on Meeting: all terms in the title, or in the title plus one participant's name.

    Each route's meetings are listed by a subquery (participations of the persons named, through
    their person index) when the persons' activity counts say the route holds fewer than
    ROUTE_LIST_LIMIT meetings; the title matches and those lists form one ``id IN (… UNION ALL …)``
    that PostgreSQL answers from the indexes. A denser route (the busiest official, a common
    surname) is checked per meeting with EXISTS instead: whoever walks the meetings finds its
    matches early, and nobody hashes hundreds of thousands of participations.
    """
    key = ("meeting_text", terms)
    if memo is not None and key in memo:
        return memo[key]
    excluded = negated(terms)
    listed, dense = [], Q()
    routes = _routes(terms)
    if memo is not None:
        memo[("routes", terms)] = routes
    for title_terms, named, meetings in routes:
        in_title = [*title_terms, *excluded]
        if meetings <= ROUTE_LIST_LIMIT:
            for holders in (_persons_q(named, excluded), _unresolved_q(named, excluded)):
                route = Participation.objects.filter(holders)
                if in_title:
                    route = route.filter(document_q(in_title, column="meeting__search_vector"))
                listed.append(route.order_by().values("meeting_id"))
        else:
            # One EXISTS with both kinds of holder: under the OR, PostgreSQL computes the persons
            # once and probes each participation against them (a "hashed SubPlan").
            holders = _persons_q(named, excluded) | _unresolved_q(named, excluded)
            dense |= document_q(in_title) & Q(Exists(Participation.objects.filter(holders, meeting=OuterRef("pk"))))
    if listed:
        title = Meeting.objects.filter(document_q(terms)).order_by().values("pk")
        condition = Q(pk__in=title.union(*listed, all=True)) | dense
    else:
        condition = document_q(terms) | dense
    if memo is not None:
        memo[key] = condition
    return condition


def nobody_named_by_all(terms, memo):
    """True when this search's name routes, already computed (``memo``), show that no public name
    holds every word typed; None-safe: False when they were not computed."""
    routes = (memo or {}).get(("routes", terms))
    return routes is not None and all(title_terms for title_terms, _named, _meetings in routes)


def in_name(term):
    """Q on Person or PersonAlias: the folded name holds ``term``'s words (the indexed name_words)."""
    return document_q([replace(term, negated=False)], column="name_words")


def _written(term):
    """Q on Participation: the name as written holds ``term``'s words."""
    return Q(HasWords("name_as_written", term.words))


def _named_persons(term):
    """Ids of persons whose folded name or one of whose aliases holds ``term``: one UNION ALL, each
    side on its name_words index (an OR, or a subquery of persons around them, would read every person)."""
    names = Person.objects.filter(in_name(term)).order_by().values("pk")
    aliases = PersonAlias.objects.filter(in_name(term)).order_by().values("person_id")
    return names.union(aliases, all=True)


def _persons_q(named, excluded):
    """Participations whose person's name (or aliases) holds every term of ``named``, none of ``excluded``.

    Persons whose name holds them all, or one alias does (each one GIN lookup of all the words
    at once), or, among the few persons with an alias holding one of them, a mix of both.
    """
    all_in_name = Person.objects.filter(*(in_name(t) for t in named)).order_by().values("pk")
    all_in_alias = PersonAlias.objects.filter(*(in_name(t) for t in named)).order_by().values("person_id")
    any_alias = Q()
    for term in named:
        any_alias |= in_name(term)
    mixed = Person.objects.filter(pk__in=PersonAlias.objects.filter(any_alias).values("person_id"))
    for term in named:
        mixed = mixed.filter(pk__in=_named_persons(term))
    persons = all_in_name.union(all_in_alias, mixed.order_by().values("pk"), all=True)
    if excluded:
        persons = Person.objects.filter(pk__in=persons)
        for term in excluded:
            persons = persons.exclude(pk__in=_named_persons(term))
        persons = persons.order_by().values("pk")
    return Q(person__in=persons)


def _unresolved_q(named, excluded):
    """Participations without a person whose name as written holds ``named`` and none of ``excluded``."""
    unresolved = Q(person__isnull=True)
    for term in named:
        unresolved &= _written(term)
    for term in excluded:
        unresolved &= ~_written(term)
    return unresolved


def _routes(terms):
    """[(title terms, named terms, meetings)]: the longest name splits that some public name holds,
    with an upper bound of the meetings each reaches (from PersonActivity)."""
    wanted = positive(terms)
    if not wanted:
        return []
    if len(wanted) <= NAME_ROUTE_MAX_WORDS:
        # The common case, a full name typed: if some public name holds every word, that is the
        # longest route and no other split is looked at (one GIN lookup of all the words).
        meetings = _whole_name_meetings(wanted, negated(terms))
        if meetings:
            return [([], wanted, meetings)]
    held, titled = _held_sets(wanted, negated(terms))
    if not held:
        return []
    routes = []
    for size in range(min(len(wanted), NAME_ROUTE_MAX_WORDS), 0, -1):
        candidates = []
        for named in combinations(range(len(wanted)), size):
            bits = sum(1 << i for i in named)
            meetings = sum(n for mask, n in held.items() if mask & bits == bits)
            if any(mask & bits == bits for mask in held):
                candidates.append((named, [i for i in range(len(wanted)) if i not in named], meetings))
        if not candidates:
            continue
        routes = [
            ([wanted[i] for i in rest], [wanted[i] for i in named], meetings)
            for named, rest, meetings in candidates
            if all(titled[i] for i in rest)
        ]
        if routes:
            break
    return routes


def _whole_name_meetings(wanted, excluded):
    """Meetings reached by public names (a person's name or one alias, an unresolved participant)
    holding every wanted term and no excluded one: 0 when there is none. One statement."""
    def holding(queryset, holds):
        queryset = queryset.filter(*(holds(t) for t in wanted))
        for term in excluded:
            queryset = queryset.exclude(holds(term))
        return queryset

    persons = holding(Person.objects.all(), in_name).values("pk")
    aliases = holding(PersonAlias.objects.all(), in_name).values("person_id")
    if excluded:  # a person excluded through any of their names is excluded
        for term in excluded:
            persons = persons.exclude(pk__in=_named_persons(term))
            aliases = aliases.exclude(person_id__in=_named_persons(term))
    # At most ROUTE_LIST_LIMIT + 1 activity rows are read (each is at least one meeting): enough
    # to tell a listed route from a dense one, bounded for a common surname.
    activity = PersonActivity.objects.filter(person__in=persons.order_by().union(aliases.order_by(), all=True))
    unresolved = holding(Participation.objects.filter(person__isnull=True, meeting__status=Status.PUBLISHED), _written)
    (sql_a, params_a), (sql_u, params_u) = (
        compiled(activity.order_by().annotate(n=F("chaired") + F("attended")).values("n")[: ROUTE_LIST_LIMIT + 1]),
        compiled(unresolved.order_by().values("pk")[: ROUTE_LIST_LIMIT + 1]),
    )
    ((total,),) = fetch_all(
        f"SELECT COALESCE((SELECT SUM(a.n) FROM ({sql_a}) AS a), 0) + (SELECT COUNT(*) FROM ({sql_u}) AS u)",
        [*params_a, *params_u],
    )
    return int(total or 0)


def _mask(terms, holds):
    """SQL expression: bit i set when ``holds(terms[i])`` (a Q) is true of the row."""
    mask = Value(0)
    for i, term in enumerate(terms):
        mask = mask + Case(When(holds(term), then=Value(1 << i)), default=Value(0), output_field=IntegerField())
    return mask


def _held_sets(wanted, excluded):
    """{bit mask (bit i: wanted[i]): meetings} of the term sets held by some public name, without
    any excluded term, with how many published meetings those names took part in. One statement:
    persons (name and aliases together; activity counts say they took part), unresolved participants."""
    terms = [*wanted, *excluded]
    any_wanted = Q()
    for term in wanted:
        any_wanted |= in_name(term)
    names = compiled(Person.objects.filter(any_wanted).order_by().values(holder=F("pk"), mask=_mask(terms, in_name)))
    aliases = compiled(
        PersonAlias.objects.filter(any_wanted)
        .order_by()
        .values(holder=F("person_id"), mask=_mask(terms, in_name))
    )
    any_written = Q()
    for term in wanted:
        any_written |= _written(term)
    unresolved = compiled(
        Participation.objects.filter(any_written, person__isnull=True, meeting__status=Status.PUBLISHED)
        .order_by()
        .values(mask=_mask(terms, _written))
    )
    # "Took part in a published meeting" = has a PersonActivity row (derived data, recounted at
    # write time, only for published meetings): an index probe, not a join of every participation.
    activity = connection.ops.quote_name(PersonActivity._meta.db_table)
    # "%%": a literal % once the driver has substituted the parameters (psycopg and SQLite alike).
    mask_sum = " + ".join(
        f"MAX(CASE WHEN (h.mask / {1 << i}) %% 2 = 1 THEN {1 << i} ELSE 0 END)" for i in range(len(terms))
    )
    titled_parts, titled_params = _in_some_title_sql(wanted)
    titled_sql = "".join(f" UNION ALL SELECT {-1 - i}, {part}" for i, part in enumerate(titled_parts))
    # Meetings per term set: summed from PersonActivity for sets held by at most COUNTED_HOLDERS
    # persons; a set held by more is dense whatever (at ~60 meetings per official) and is only
    # checked for one public holder.
    sql = f"""
        WITH g AS MATERIALIZED (
            SELECT h.holder, {mask_sum} AS mask FROM ({names[0]} UNION ALL {aliases[0]}) AS h GROUP BY h.holder
        ), s AS (SELECT g.mask, COUNT(*) AS holders FROM g GROUP BY g.mask)
        SELECT s.mask, CASE WHEN s.holders <= {COUNTED_HOLDERS}
            THEN (SELECT SUM(a.chaired + a.attended) FROM g JOIN {activity} a ON a.person_id = g.holder WHERE g.mask = s.mask)
            ELSE (SELECT {ROUTE_LIST_LIMIT + 1} FROM g WHERE g.mask = s.mask
                  AND EXISTS (SELECT 1 FROM {activity} a WHERE a.person_id = g.holder) LIMIT 1)
            END
        FROM s
        UNION ALL
        SELECT u.mask, COUNT(*) FROM ({unresolved[0]}) AS u GROUP BY u.mask
        {titled_sql}
    """
    params = [*names[1], *aliases[1], *unresolved[1], *titled_params]
    no_excluded = sum(1 << (len(wanted) + i) for i in range(len(excluded)))
    held, titled = {}, {}
    for mask, meetings in fetch_all(sql, params):
        if mask < 0:
            titled[-1 - mask] = bool(meetings)
        elif meetings and not mask & no_excluded:
            held[mask] = held.get(mask, 0) + int(meetings)
    return held, titled


def _in_some_title_sql(terms):
    """SQL expressions, one per term: 1 when some published meeting's title holds it, else 0.

    In a MATERIALIZED CTE the match is planned for its whole result (the GIN bitmap for a word
    few titles hold) and read for one row: a plain "LIMIT 1" made PostgreSQL bet on a sequential
    scan finding a match early, and for a word no title holds it read every meeting."""
    parts, params = [], []
    for term in terms:
        sql, p = compiled(Meeting.objects.filter(document_q([term]), status=Status.PUBLISHED).order_by().values("pk"))
        parts.append(f"(WITH t AS MATERIALIZED ({sql}) SELECT COUNT(*) FROM (SELECT 1 FROM t LIMIT 1) AS one)")
        params += p
    return parts, params
