"""Every query the public site runs: search, facets, suggestions, and the person/meeting/article pages.

Selectors style: plain functions with keyword-only arguments that return querysets or plain data.
Views, filters and exports call these and build no queries of their own.

Matching rule, the same on both databases: a query is split into terms (a bare word, or a
"quoted phrase"; a leading "-" negates a term). A term matches when its words appear as whole
words, in order and adjacent, in the text once both are folded (people.names.fold: lowercase, no
diacritics, đ → d). So "dinh tien dung", "Đinh Tiến Dũng" and "ĐINH TIẾN DŨNG" are the same query,
and "Thành uỷ" finds "Thành ủy" (tone placement disappears with the diacritics).

- PostgreSQL: articles match on the generated ``search_vector`` column (migration 0002, text
  search configuration ``vn_unaccent``); each term goes through phraseto_tsquery() so that the
  query is parsed exactly like the documents. Meeting titles and names match with a word-bounded
  regular expression on lower(unaccent_immutable(...)) (trigram indexes serve it).
- SQLite: ``vn_words()`` (a deterministic Python function registered on every connection) turns a
  text into " folded words separated by single spaces ", and a term is a LIKE '% w1 w2 %'.

Ranking: a term that carries diacritics and appears exactly as typed (case and tone placement
aside) in the headline (or a meeting title) scores 2, in the first 3,000 characters of the body 1;
then ts_rank on the folded vector (PostgreSQL) or headline-before-body (SQLite); then date.
The exact check is a strpos() on the headline and the lead only: the headline carries most of
what a reader looks for and it is cheap, whereas a second 'simple' tsvector over the body would
double the index for a small gain.
"""

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from difflib import SequenceMatcher
from itertools import combinations

from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from articles.models import Article, Mention, Source
from people.models import (
    CHAIR_ROLES,
    Meeting,
    Organization,
    Participation,
    Person,
    PersonActivity,
    PersonAlias,
    PersonRedirect,
    Status,
)
from people.names import _OLD_TONE_PAIRS, fold, modern_tones, name_key, normalize_spaces
from people.selectors import at_a_meeting_of_its_article, title_mentions

CAP = 1000  # counts stop here and show as "1000+"
MAX_TERMS = 8
MAX_QUERY_LENGTH = 300
MAX_PAGE = 500  # deep OFFSETs cost the database; nobody reads page 501
LEAD_CHARS = 3000
SAMPLE = 2000  # rows looked at to choose which outlets/organisations get a facet count

ROLE_CHAIR = "chair"
ROLE_ATTEND = "attend"
SORTS = ("relevance", "newest", "oldest")

_WORD_RE = re.compile(r"[^\W_]+")
_TERM_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_NEW_TO_OLD = {new: old for old, new in _OLD_TONE_PAIRS.items()}
_NEW_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_NEW_TO_OLD, key=len, reverse=True)) + r")(?![^\W\d_])")


# --- SQLite functions ------------------------------------------------------------------------


def vn_words(text):
    """' dinh tien dung chu tri ': folded words between single spaces, for LIKE '% w1 w2 %'."""
    if not text:
        return " "
    return " " + " ".join(_WORD_RE.findall(fold(text))) + " "


def vn_key(text):
    """Lowercase, modern tone placement, diacritics kept: for the exact-match bonus."""
    return modern_tones(normalize_spaces(text or "")).casefold()


def _register_sqlite_functions(raw_connection):
    raw_connection.create_function("vn_fold", 1, lambda t: fold(t) if t is not None else None, deterministic=True)
    raw_connection.create_function("vn_words", 1, vn_words, deterministic=True)
    raw_connection.create_function("vn_key", 1, vn_key, deterministic=True)


def _on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        _register_sqlite_functions(connection.connection)


connection_created.connect(_on_connection_created, dispatch_uid="articles.search.sqlite_functions")


def _prepare():
    """Also register on a connection opened before this module was imported (create_function is cheap)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _register_sqlite_functions(connection.connection)


# --- Query parsing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str  # as typed, NFC, single spaces
    words: tuple  # folded words
    negated: bool = False

    @property
    def has_diacritics(self):
        return " ".join(self.words) != " ".join(_WORD_RE.findall(self.text.casefold()))

    @property
    def exact_variants(self):
        """The term lowercased, in new and old tone placement ("thành ủy", "thành uỷ")."""
        modern = vn_key(self.text)
        old = _NEW_TONE_RE.sub(lambda m: _NEW_TO_OLD[m.group(1)], modern)
        return tuple(dict.fromkeys((modern, old)))


def parse_query(q):
    """Terms of a query: words and "quoted phrases", "-" to exclude; at most MAX_TERMS."""
    q = normalize_spaces(unicodedata.normalize("NFC", (q or "")[:MAX_QUERY_LENGTH]).replace("\x00", ""))
    terms = []
    for match in _TERM_RE.finditer(q):
        if match.group(2) is not None:
            negated, text = match.group(1), match.group(2)
        else:
            negated, text = match.group(3), match.group(4)
        words = tuple(_WORD_RE.findall(fold(text)))
        if words:
            terms.append(Term(text=normalize_spaces(text), words=words, negated=bool(negated)))
    return tuple(terms[:MAX_TERMS])


# --- Expressions -----------------------------------------------------------------------------


class HasWords(Func):
    """True when ``words`` appear as whole, adjacent words in the folded expression."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, expression, words, *, folded=False):
        super().__init__(expression)
        self.words = tuple(words)
        self.folded = folded  # the column already holds fold(): skip unaccent so the trigram index applies

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            pattern = r"\m" + r"[^[:alnum:]]+".join(self.words) + r"\M"
            target = sql if self.folded else f"lower(unaccent_immutable({sql}))"
            return f"({target} ~ %s)", [*params, pattern]
        return f"(vn_words({sql}) LIKE %s)", [*params, "% " + " ".join(self.words) + " %"]


class ContainsExact(Func):
    """1 when one of ``variants`` (lowercase) occurs in the lowercased expression, else 0."""

    output_field = IntegerField()

    def __init__(self, expression, variants, *, limit=None):
        super().__init__(expression)
        self.variants = tuple(variants)
        self.limit = limit

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            text = f"lower(left(coalesce({sql}, ''), {int(self.limit)}))" if self.limit else f"lower(coalesce({sql}, ''))"
            checks = " OR ".join(f"strpos({text}, %s) > 0" for _ in self.variants)
            return f"(CASE WHEN {checks} THEN 1 ELSE 0 END)", [p for v in self.variants for p in (*params, v)]
        text = f"vn_key(substr(coalesce({sql}, ''), 1, {int(self.limit)}))" if self.limit else f"vn_key(coalesce({sql}, ''))"
        return f"(CASE WHEN instr({text}, %s) > 0 THEN 1 ELSE 0 END)", [*params, self.variants[0]]


def _pg_tsquery(terms):
    parts, params = [], []
    for term in terms:
        parts.append(("!!" if term.negated else "") + "phraseto_tsquery('vn_unaccent'::regconfig, %s)")
        params.append(term.text)
    return "(" + " && ".join(parts) + ")", params


class VectorMatch(Func):
    """SQL on the article's generated ``search_vector`` column (PostgreSQL only; not a model field).

    Compiled from the primary key column so that the table alias is right wherever Django puts
    the query (a subquery may call the table "W0"): ``"alias"."id"`` becomes ``"alias"."search_vector"``.
    """

    def __init__(self, expression, *, terms, template, output_field):
        super().__init__(expression, output_field=output_field)
        self.terms = tuple(terms)
        self.sql_template = template

    def as_sql(self, compiler, connection, **extra):
        pk_sql, _params = compiler.compile(self.source_expressions[0])
        table, _, _ = pk_sql.rpartition(".")
        vector = f"{table}.{connection.ops.quote_name('search_vector')}" if table else "search_vector"
        tsquery, query_params = _pg_tsquery(self.terms)
        return self.sql_template.format(vector=vector, tsquery=tsquery), query_params


def _article_text_filter(terms):
    if connection.vendor == "postgresql":
        return Q(VectorMatch("pk", terms=terms, template="({vector} @@ {tsquery})", output_field=BooleanField()))
    condition = Q()
    for term in terms:
        match = Q(HasWords("headline", term.words)) | Q(HasWords("body", term.words))
        condition &= ~match if term.negated else match
    return condition


def _exact_bonus(terms, *, title, lead=None):
    bonus = Value(0)
    for term in terms:
        if term.negated or not term.has_diacritics:
            continue
        bonus = bonus + ContainsExact(title, term.exact_variants) * Value(2)
        if lead:
            bonus = bonus + ContainsExact(lead, term.exact_variants, limit=LEAD_CHARS)
    return bonus


def _article_rank(terms):
    positive = [t for t in terms if not t.negated]
    if not positive:
        return Value(0.0, output_field=FloatField())
    if connection.vendor == "postgresql":
        return VectorMatch("pk", terms=positive, template="ts_rank({vector}, {tsquery})", output_field=FloatField())
    in_headline = Value(0.0, output_field=FloatField())
    for term in positive:
        in_headline = in_headline + Case(
            When(HasWords("headline", term.words), then=Value(0.5)), default=Value(0.0), output_field=FloatField()
        )
    return in_headline


# --- Criteria and filtering ------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    """What the public asked for, already validated (see articles/filters.py)."""

    q: str = ""
    person: Person | None = None
    role: str = ""  # ROLE_CHAIR, ROLE_ATTEND or "" (only applies with a person)
    date_from: date | None = None
    date_to: date | None = None
    years: tuple = ()
    month: int | None = None
    sources: tuple = ()  # Source instances
    kinds: tuple = ()  # Meeting.Kind values
    organizations: tuple = ()  # Organization instances
    sort: str = "relevance"
    terms: tuple = field(default=(), compare=False)
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)  # per-request lookups

    def __post_init__(self):
        object.__setattr__(self, "terms", parse_query(self.q))


def _role_q(role, prefix=""):
    if role == ROLE_CHAIR:
        return Q(**{f"{prefix}role__in": CHAIR_ROLES})
    if role == ROLE_ATTEND:
        return ~Q(**{f"{prefix}role__in": CHAIR_ROLES})
    return Q()


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _years_q(field_name, years, *, aware):
    condition = Q()
    for year in years:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
        if aware:
            start, end = _local_midnight(start), _local_midnight(end)
        condition |= Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
    return condition


_ArticleMeeting = Article.meetings.through
_ArticleOrganization = Article.organizations.through


NAME_ROUTE_IDS = 5000  # a name route with more meetings than this is checked per row (EXISTS) rather than listed
NAME_ROUTE_MAX_WORDS = 4  # a participant's name holds at most this many of the query's terms
NAME_ROUTE_INLINE_PERSONS = 500  # more persons than this carry a name: matched by a subquery, not ids


def _title_q(terms):
    """All ``terms`` (negated ones: none) in the meeting title: the GIN tsvector on PostgreSQL."""
    if not terms:
        return Q()
    if connection.vendor == "postgresql":
        return Q(VectorMatch("pk", terms=terms, template="({vector} @@ {tsquery})", output_field=BooleanField()))
    condition = Q()
    for term in terms:
        own = Q(HasWords("title", term.words))
        condition &= ~own if term.negated else own
    return condition


def _person_named(term):
    """Persons whose folded name or one of whose aliases holds ``term`` (as _name_routes finds them)."""
    return Q(HasWords("search_key", term.words, folded=True)) | Q(
        Exists(PersonAlias.objects.filter(HasWords("search_key", term.words, folded=True), person=OuterRef("pk")))
    )


def _name_routes(terms):
    """Ways a participant's name can carry some of the terms: [(title_terms, meeting condition)].

    A meeting matches when all positive terms are in its title, or when ONE participant's name
    holds as many of them as any participant's name can (and none of the negated terms) and
    its title the remaining ones. Resolved participants match
    through their person's folded name or an alias (Person.search_key, trigram index), unresolved
    ones (person not known yet) through the name as written (partial trigram index, migration
    0004). The person ids are looked up first, so participations are reached through the
    (person, role) index instead of unaccent() over every participation.
    """
    positive = [t for t in terms if not t.negated]
    negated = [t for t in terms if t.negated]
    if not positive:
        return []

    def persons(term):
        matching = HasWords("search_key", term.words, folded=True)
        found = set(Person.objects.filter(matching).order_by().values_list("pk", flat=True))
        return found | set(PersonAlias.objects.filter(matching).order_by().values_list("person_id", flat=True))

    def unresolved(term):
        return set(
            Participation.objects.filter(person__isnull=True)
            .filter(HasWords("name_as_written", term.words))
            .values_list("pk", flat=True)
        )

    by_term = {t: (persons(t), unresolved(t)) for t in positive}
    excluded_persons, excluded_unresolved = set(), set()
    for term in negated:
        excluded_persons |= persons(term)
        excluded_unresolved |= unresolved(term)
    in_some_title = {}

    def titled(term):
        if term not in in_some_title:
            in_some_title[term] = _in_some_title(term)
        return in_some_title[term]

    routes = []
    count = len(positive)
    # Longest names first, and only the longest that match: when one person's name holds all of
    # "Nguyễn Hải Thắng", the query names that person; "Nguyễn Hải" (thousands of meetings)
    # with "thắng" in a title ("Lễ mừng chiến thắng") would be noise, and costly noise.
    for size in range(min(count, NAME_ROUTE_MAX_WORDS), 0, -1):
        if routes:
            break
        for named in combinations(positive, size):
            rest = [t for t in positive if t not in named]
            person_ids = set.intersection(*(by_term[t][0] for t in named)) - excluded_persons
            unresolved_ids = set.intersection(*(by_term[t][1] for t in named)) - excluded_unresolved
            if not person_ids and not unresolved_ids:
                continue
            if not all(titled(t) for t in rest):
                continue
            if len(person_ids) > NAME_ROUTE_INLINE_PERSONS:
                # A bare surname ("Nguyễn": 8,000 persons at 200k): as a subquery, not a list
                # PostgreSQL must parse and plan three times per request (~60 ms each).
                named_persons = Person.objects.filter(*(_person_named(t) for t in named))
                for term in negated:
                    named_persons = named_persons.exclude(_person_named(term))
                person_q = Q(person__in=named_persons.values("pk"))
            else:
                person_q = Q(person_id__in=sorted(person_ids))
            participants = Participation.objects.filter(person_q | Q(pk__in=sorted(unresolved_ids)))
            # No ORDER BY (the model's default orders by meeting date: a join and a sort of every
            # participation of the person, 200 ms for the busiest at 200k); the set is all that counts.
            meeting_ids = list(participants.order_by().values_list("meeting_id", flat=True)[: NAME_ROUTE_IDS + 1])
            if len(meeting_ids) <= NAME_ROUTE_IDS:
                condition = Q(pk__in=sorted(set(meeting_ids)))
            else:
                condition = Q(Exists(participants.filter(meeting=OuterRef("pk"))))
            routes.append((rest, condition))
    return routes


def _in_some_title(term):
    """Whether some published meeting's title holds ``term``.

    On PostgreSQL through the GIN bitmap alone: with LIMIT 1 the planner bets on a sequential
    scan meeting a match early, and for a word no title holds (most words of a name) that reads
    every meeting, ~100 ms at 200k. The bitmap answers "none" in microseconds and "some" in at
    most ~10 ms (the commonest title word).
    """
    found = Meeting.objects.filter(status=Status.PUBLISHED).filter(_title_q([term]))
    if connection.vendor != "postgresql":
        return found.exists()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)")
        try:
            return found.exists()
        finally:  # in a caller's transaction the settings would otherwise outlive this query
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")


def _meeting_text_q(terms, memo=None):
    """All terms in the title, or in the title plus the name of one participant (see _name_routes)."""
    key = ("meeting_text", terms)
    if memo is not None and key in memo:
        return memo[key]
    negated = [t for t in terms if t.negated]
    condition = _title_q(list(terms))
    for title_terms, route in _name_routes(terms):
        condition |= _title_q([*title_terms, *negated]) & route
    if memo is not None:
        memo[key] = condition
    return condition


def _meetings(criteria, *, skip=()):
    qs = Meeting.objects.filter(status=Status.PUBLISHED)
    if criteria.terms and "q" not in skip:
        qs = qs.filter(_meeting_text_q(criteria.terms, criteria.memo))
    if criteria.person and "person" not in skip:
        role = "" if "role" in skip else criteria.role
        qs = qs.filter(
            Exists(Participation.objects.filter(_role_q(role), meeting=OuterRef("pk"), person=criteria.person))
        )
    if criteria.date_from and "date" not in skip:
        qs = qs.filter(date__gte=criteria.date_from)
    if criteria.date_to and "date" not in skip:
        qs = qs.filter(date__lte=criteria.date_to)
    if criteria.years and "years" not in skip:
        qs = qs.filter(_years_q("date", criteria.years, aware=False))
    if criteria.month and "month" not in skip:
        qs = qs.filter(date__month=criteria.month)
    if criteria.sources and "sources" not in skip:
        qs = qs.filter(
            Exists(
                _ArticleMeeting.objects.filter(
                    meeting=OuterRef("pk"), article__status=Status.PUBLISHED, article__source__in=criteria.sources
                )
            )
        )
    if criteria.kinds and "kinds" not in skip:
        qs = qs.filter(kind__in=criteria.kinds)
    if criteria.organizations and "organizations" not in skip:
        qs = qs.filter(organizer__in=criteria.organizations)
    return qs


def _articles(criteria, *, skip=()):
    qs = Article.objects.filter(status=Status.PUBLISHED)
    if criteria.terms and "q" not in skip:
        qs = qs.filter(_article_text_filter(criteria.terms))
    if criteria.person and "person" not in skip:
        role = "" if "role" in skip else criteria.role
        # Articles that name the person, as on the person page. (Also accepting "reports a meeting
        # they took part in" through an OR made PostgreSQL hash every article of the busiest
        # official's 76,000 meetings for each count: 250 ms at 200k.)
        qs = qs.filter(Exists(Mention.objects.filter(article=OuterRef("pk"), person=criteria.person)))
        if role:  # ... and report a meeting where they had that role
            qs = qs.filter(
                Exists(
                    _ArticleMeeting.objects.filter(
                        Exists(
                            Participation.objects.filter(
                                _role_q(role), meeting=OuterRef("meeting_id"), person=criteria.person
                            )
                        ),
                        article=OuterRef("pk"),
                        meeting__status=Status.PUBLISHED,
                    )
                )
            )
    if criteria.date_from and "date" not in skip:
        qs = qs.filter(published_at__gte=_local_midnight(criteria.date_from))
    if criteria.date_to and "date" not in skip:
        qs = qs.filter(published_at__lt=_local_midnight(criteria.date_to + timedelta(days=1)))
    if criteria.years and "years" not in skip:
        qs = qs.filter(_years_q("published_at", criteria.years, aware=True))
    if criteria.month and "month" not in skip:
        qs = qs.filter(published_at__month=criteria.month)
    if criteria.sources and "sources" not in skip:
        qs = qs.filter(source__in=criteria.sources)
    if criteria.kinds and "kinds" not in skip:
        qs = qs.filter(
            Exists(
                _ArticleMeeting.objects.filter(
                    article=OuterRef("pk"), meeting__status=Status.PUBLISHED, meeting__kind__in=criteria.kinds
                )
            )
        )
    if criteria.organizations and "organizations" not in skip:
        qs = qs.filter(
            Exists(_ArticleOrganization.objects.filter(article=OuterRef("pk"), organization__in=criteria.organizations))
            | Exists(
                _ArticleMeeting.objects.filter(
                    article=OuterRef("pk"),
                    meeting__status=Status.PUBLISHED,
                    meeting__organizer__in=criteria.organizations,
                )
            )
        )
    return qs


def search_meetings(*, criteria, within=None):
    """Published meetings matching ``criteria``, in the requested order.

    ``within``: ids (or a subquery of ids) already known to match: only those are ordered.
    """
    _prepare()
    base = _meetings(criteria) if within is None else Meeting.objects.filter(pk__in=within)
    qs = base.select_related("organizer")
    order = ["-date", "-id"]
    if criteria.sort == "oldest":
        order = [F("date").asc(nulls_last=True), "id"]
    elif criteria.sort == "relevance" and criteria.terms:
        qs = qs.annotate(exact=_exact_bonus(criteria.terms, title="title"))
        order = ["-exact", F("date").desc(nulls_last=True), "-id"]
    else:
        order = [F("date").desc(nulls_last=True), "-id"]
    return qs.order_by(*order)


def search_articles(*, criteria, within=None):
    """Published articles matching ``criteria``, in the requested order (``rank`` annotated).

    ``within``: ids (or a subquery of ids) already known to match: only those are ordered.
    """
    _prepare()
    base = _articles(criteria) if within is None else Article.objects.filter(pk__in=within)
    qs = base.select_related("source").defer("body")
    if criteria.sort == "oldest":
        return qs.order_by(F("published_at").asc(nulls_last=True), "id")
    if criteria.sort == "relevance" and criteria.terms:
        qs = qs.annotate(
            exact=_exact_bonus(criteria.terms, title="headline", lead="body"), rank=_article_rank(criteria.terms)
        )
        return qs.order_by("-exact", "-rank", F("published_at").desc(nulls_last=True), "-id")
    return qs.order_by(F("published_at").desc(nulls_last=True), "-id")


def search_participations(*, criteria):
    """Participations in the meetings ``criteria`` finds (only the person's own when a person is chosen)."""
    _prepare()
    qs = Participation.objects.filter(meeting__in=_meetings(criteria).values("pk"))
    if criteria.person:
        qs = qs.filter(_role_q(criteria.role), person=criteria.person)
    return qs.order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id", "role", "id")


SEARCHES = {"meetings": search_meetings, "articles": search_articles, "participations": search_participations}


# --- Counting --------------------------------------------------------------------------------


def _capped_counts(querysets, *, cap=CAP):
    """One query: for each queryset, COUNT(*) over at most cap + 1 of its rows."""
    if not querysets:
        return []
    _prepare()
    parts, params = [], []
    for i, qs in enumerate(querysets):
        sql, qs_params = qs.order_by().values("pk")[: cap + 1].query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped_{i})")
        params.extend(qs_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())


@dataclass(frozen=True)
class CappedCount:
    value: int
    capped: bool
    at_least: bool = False  # counted over a sample of a broad match: at least this many

    def __str__(self):
        if self.capped:
            return f"{CAP}+"
        return f"{self.value}+" if self.at_least else str(self.value)


def capped_count(queryset, *, cap=CAP):
    """How many rows, counting no further than ``cap`` (CappedCount.capped then says "cap+")."""
    (n,) = _capped_counts([queryset], cap=cap)
    return CappedCount(min(n, cap), n > cap)


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
    options: tuple


def _filtered(target, criteria, *, skip=()):
    if target == "articles":
        return _articles(criteria, skip=skip)
    return _meetings(criteria, skip=skip)


def facet_counts(*, target, criteria):
    """Facets for ``target`` ("meetings" or "articles"): each option counted with every OTHER filter applied.

    Counted in Python over the matching set computed once (``_core``); capped at CAP ("1000+").
    """
    return _core_facets(target, criteria, _core(target, criteria))


def _role_label(role):
    from django.utils.translation import gettext

    return gettext("Chủ trì") if role == ROLE_CHAIR else gettext("Tham dự")


# --- Matching set, computed once per request -------------------------------------------------
#
# The text and person conditions are the expensive part of a search, so they are evaluated once:
# the ids of the first CORE_LIMIT + 1 published meetings (or articles) that match them, with the
# few attributes the other filters and the facets look at (date, kind, organiser, outlets, the
# person's roles). Every other filter, every facet count and the tab total are then computed from
# those rows in Python: one GROUP BY's worth of work per request instead of one SQL subquery per
# facet option re-running the text match.
#
# When more than CORE_LIMIT items match (a "broad" query: a common word, the busiest official),
# the rows are a sample (the first CORE_LIMIT the database finds, in no particular order): facet
# counts are then lower bounds, shown as "n+" ("1000+" once they reach CAP), and the list and the
# tab total come from SQL (ORDER BY date ... LIMIT, COUNT over LIMIT CAP + 1), which PostgreSQL
# answers by walking the date index while matches are dense.

CORE_LIMIT = 2_000
RANK_CANDIDATES = 300  # relevance order on a broad query: the newest this many matches are ranked
FILTER_KEYS = ("role", "date", "years", "month", "sources", "kinds", "organizations")


@dataclass
class _Row:
    pk: int
    when: object  # date (meetings) or datetime (articles), for sorting
    day: date | None
    kinds: set = field(default_factory=set)
    organizations: set = field(default_factory=set)
    sources: set = field(default_factory=set)
    roles: set = field(default_factory=set)  # ROLE_CHAIR / ROLE_ATTEND: the chosen person's roles


@dataclass
class _Core:
    target: str
    rows: list
    complete: bool


def _chunks(ids, size=5000):
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _role_flag(role):
    return ROLE_CHAIR if role in CHAIR_ROLES else ROLE_ATTEND


def _core(target, criteria):
    """The rows matching the text and person conditions of ``criteria`` (see above)."""
    key = ("core", target, criteria.terms, criteria.person.pk if criteria.person else None)
    if key in criteria.memo:
        return criteria.memo[key]
    _prepare()
    skip = FILTER_KEYS
    by_pk = {}
    if target == "meetings":
        found = _meetings(criteria, skip=skip).order_by().values_list("pk", "kind", "date", "organizer_id")
        for pk, kind, day, organizer in found[: CORE_LIMIT + 1]:
            by_pk[pk] = _Row(pk, day, day, {kind}, {organizer} if organizer else set())
        for chunk in _chunks(by_pk):
            for meeting_id, source_id in _ArticleMeeting.objects.filter(
                meeting_id__in=chunk, article__status=Status.PUBLISHED, article__source__isnull=False
            ).values_list("meeting_id", "article__source_id"):
                by_pk[meeting_id].sources.add(source_id)
            if criteria.person:
                for meeting_id, role in Participation.objects.filter(
                    meeting_id__in=chunk, person=criteria.person
                ).values_list("meeting_id", "role"):
                    by_pk[meeting_id].roles.add(_role_flag(role))
    else:
        found = _articles(criteria, skip=skip).order_by().values_list("pk", "published_at", "source_id")
        for pk, when, source in found[: CORE_LIMIT + 1]:
            day = timezone.localtime(when).date() if when else None
            by_pk[pk] = _Row(pk, when, day, sources={source} if source else set())
        for chunk in _chunks(by_pk):
            reported = defaultdict(list)
            for article_id, meeting_id, kind, organizer in _ArticleMeeting.objects.filter(
                article_id__in=chunk, meeting__status=Status.PUBLISHED
            ).values_list("article_id", "meeting_id", "meeting__kind", "meeting__organizer_id"):
                reported[meeting_id].append(article_id)
                by_pk[article_id].kinds.add(kind)
                if organizer:
                    by_pk[article_id].organizations.add(organizer)
            for article_id, organization in _ArticleOrganization.objects.filter(article_id__in=chunk).values_list(
                "article_id", "organization_id"
            ):
                by_pk[article_id].organizations.add(organization)
            if criteria.person:
                for meeting_id, role in Participation.objects.filter(
                    person=criteria.person, meeting_id__in=list(reported)
                ).values_list("meeting_id", "role"):
                    for article_id in reported[meeting_id]:
                        by_pk[article_id].roles.add(_role_flag(role))
    core = _Core(target, list(by_pk.values()), complete=len(by_pk) <= CORE_LIMIT)
    criteria.memo[key] = core
    return core


def _predicates(criteria):
    """{filter key: test on a _Row} for the filters ``criteria`` sets (same rules as _meetings/_articles)."""
    tests = {}
    if criteria.person and criteria.role:
        tests["role"] = lambda r: criteria.role in r.roles
    if criteria.date_from or criteria.date_to:
        lo, hi = criteria.date_from or date.min, criteria.date_to or date.max
        tests["date"] = lambda r: r.day is not None and lo <= r.day <= hi
    if criteria.years:
        years = set(criteria.years)
        tests["years"] = lambda r: r.day is not None and r.day.year in years
    if criteria.month:
        tests["month"] = lambda r: r.day is not None and r.day.month == criteria.month
    if criteria.sources:
        sources = {s.pk for s in criteria.sources}
        tests["sources"] = lambda r: bool(r.sources & sources)
    if criteria.kinds:
        kinds = set(criteria.kinds)
        tests["kinds"] = lambda r: bool(r.kinds & kinds)
    if criteria.organizations:
        organizations = {o.pk for o in criteria.organizations}
        tests["organizations"] = lambda r: bool(r.organizations & organizations)
    return tests


def _passing(core, tests, *, skip=None):
    active = [test for name, test in tests.items() if name != skip]
    return [r for r in core.rows if all(test(r) for test in active)]


def _sorted_rows(rows, *, oldest=False):
    """Rows in the list order: newest first (NULL dates last, then id descending) or oldest first."""
    dated = [r for r in rows if r.when is not None]
    undated = [r for r in rows if r.when is None]
    if oldest:
        dated.sort(key=lambda r: (r.when, r.pk))
        undated.sort(key=lambda r: r.pk)
    else:
        dated.sort(key=lambda r: (r.when, r.pk), reverse=True)
        undated.sort(key=lambda r: r.pk, reverse=True)
    return dated + undated


def _count(n, *, complete=True):
    return CappedCount(min(n, CAP), n > CAP, at_least=not complete and n <= CAP)


def _core_facets(target, criteria, core):
    tests = _predicates(criteria)
    facets = []

    def add(name, options):
        """options: (value, label, n, selected)."""
        if options:
            facets.append(
                Facet(
                    name=name,
                    options=tuple(
                        FacetOption(str(value), str(label), _count(n, complete=core.complete), selected)
                        for value, label, n, selected in options
                        if n or selected
                    ),
                )
            )

    if criteria.person:
        base = _passing(core, tests, skip="role")
        add(
            "role",
            [
                (role, _role_label(role), sum(role in r.roles for r in base), criteria.role == role)
                for role in (ROLE_CHAIR, ROLE_ATTEND)
            ],
        )
    base = _passing(core, tests, skip="kinds")
    kinds = defaultdict(int)
    for row in base:
        for kind in row.kinds:
            kinds[kind] += 1
    add("kind", [(value, label, kinds[value], value in criteria.kinds) for value, label in Meeting.Kind.choices])
    for name, attr, model in (("source", "sources", Source), ("org", "organizations", Organization)):
        base = _passing(core, tests, skip=attr)
        counts = defaultdict(int)
        for row in base:
            for pk in getattr(row, attr):
                counts[pk] += 1
        chosen = list(getattr(criteria, attr))
        top = sorted(counts, key=lambda pk: (-counts[pk], pk))[:30]
        others = list(model.objects.filter(pk__in=[pk for pk in top if pk not in {o.pk for o in chosen}]).order_by("name"))
        add(name, [(o.slug, o.name, counts.get(o.pk, 0), o in chosen) for o in chosen + others])
    base = _passing(core, tests, skip="years")
    years = defaultdict(int)
    for row in base:
        if row.day is not None:
            years[row.day.year] += 1
    add("year", [(y, y, years[y], y in criteria.years) for y in sorted(set(years) | set(criteria.years), reverse=True)])
    if len(criteria.years) == 1:
        base = _passing(core, tests, skip="month")
        months = defaultdict(int)
        for row in base:
            if row.day is not None:
                months[row.day.month] += 1
        add("month", [(m, m, months[m], criteria.month == m) for m in range(1, 13)])
    return facets


def _core_total(core, criteria):
    n = len(_passing(core, _predicates(criteria)))
    return _count(n) if core.complete else None


def _objects(target, pks):
    if target == "meetings":
        qs = Meeting.objects.filter(pk__in=pks).select_related("organizer")
    else:
        qs = Article.objects.filter(pk__in=pks).select_related("source").defer("body")
    by_pk = qs.in_bulk()
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _clamp_page(number):
    try:
        return max(1, min(int(number or 1), MAX_PAGE))
    except (TypeError, ValueError, OverflowError):
        return 1


def _results_page(target, criteria, core, *, number, per_page):
    number = _clamp_page(number)
    offset = (number - 1) * per_page
    ranked = criteria.sort == "relevance" and any(not t.negated for t in criteria.terms)
    if core.complete:
        rows = _sorted_rows(_passing(core, _predicates(criteria)), oldest=criteria.sort == "oldest")
        if not ranked:
            chunk = rows[offset : offset + per_page + 1]
            items = _objects(target, [r.pk for r in chunk])
            return Page(items=items[:per_page], number=number, per_page=per_page, has_next=len(chunk) > per_page)
        within = [r.pk for r in rows[:RANK_CANDIDATES]]
        return page_of(SEARCHES[target](criteria=criteria, within=within), number=number, per_page=per_page)
    if ranked:
        newest = _filtered(target, criteria).order_by(*_NEWEST[target]).values("pk")[:RANK_CANDIDATES]
        return page_of(SEARCHES[target](criteria=criteria, within=newest), number=number, per_page=per_page)
    return page_of(SEARCHES[target](criteria=criteria), number=number, per_page=per_page)


_NEWEST = {
    "meetings": (F("date").desc(nulls_last=True), "-id"),
    "articles": (F("published_at").desc(nulls_last=True), "-id"),
}


def search_results(*, target, criteria, number=1, per_page=20):
    """What the search page shows for ``target``: {"page", "totals", "facets"}, the match computed once."""
    _prepare()
    core = _core(target, criteria)
    other = "articles" if target == "meetings" else "meetings"
    own_total = _core_total(core, criteria)
    if own_total is None and not _predicates(criteria) and CORE_LIMIT >= CAP:
        own_total = CappedCount(CAP, True)  # nothing narrows the core further, and it holds > CORE_LIMIT
    elif own_total is None:
        (n,) = _capped_counts([_filtered(target, criteria)])
        own_total = CappedCount(min(n, CAP), n > CAP)
    (n,) = _capped_counts([_filtered(other, criteria)])
    return {
        "page": _results_page(target, criteria, core, number=number, per_page=per_page),
        "totals": {target: own_total, other: CappedCount(min(n, CAP), n > CAP)},
        "facets": _core_facets(target, criteria, core),
    }


# --- Paging ----------------------------------------------------------------------------------


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


def page_of(queryset, *, number, per_page=20):
    """One page, fetched with one extra row to know whether another follows (no COUNT)."""
    number = _clamp_page(number)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return Page(items=rows[:per_page], number=number, per_page=per_page, has_next=len(rows) > per_page)


# --- Persons ---------------------------------------------------------------------------------


def public_persons():
    """Persons the public may see (same rule as Person.objects.public(), with EXISTS instead of DISTINCT)."""
    return Person.objects.filter(
        Exists(Participation.objects.filter(person=OuterRef("pk"), meeting__status=Status.PUBLISHED))
        | Exists(Mention.objects.filter(person=OuterRef("pk"), article__status=Status.PUBLISHED))
    )


def public_sources():
    """Outlets of published articles: the only ones the public may filter by (or see named)."""
    return Source.objects.filter(Exists(Article.objects.filter(source=OuterRef("pk"), status=Status.PUBLISHED)))


def public_organizations():
    """Organisations that organised a published meeting or concern a published article."""
    return Organization.objects.filter(
        Exists(Meeting.objects.filter(organizer=OuterRef("pk"), status=Status.PUBLISHED))
        | Exists(_ArticleOrganization.objects.filter(organization=OuterRef("pk"), article__status=Status.PUBLISHED))
    )


def resolve_person(*, value):
    """A public person from a slug or a name as typed (folded match on name or alias); else None."""
    value = normalize_spaces(value or "")
    if not value:
        return None
    persons = public_persons()
    found = persons.filter(slug=value[:100]).first()
    if found:
        return found
    key = fold(value)
    matches = list(
        persons.filter(
            Q(search_key=key) | Q(pk__in=PersonAlias.objects.filter(search_key=key).values("person_id"))
        ).order_by("pk")[:2]
    )
    return matches[0] if len(matches) == 1 else None


def autocomplete_persons(*, term, limit=10):
    """Public persons whose folded name or alias contains every word typed, best known first."""
    _prepare()
    words = _WORD_RE.findall(fold(term or ""))[:MAX_TERMS]
    if not words:
        return []
    condition = Q()
    alias_condition = Q()
    for word in words:
        condition &= Q(search_key__contains=word)
        alias_condition &= Q(search_key__contains=word)
    qs = (
        public_persons()
        .filter(condition | Q(pk__in=PersonAlias.objects.filter(alias_condition).values("person_id")))
        .order_by("full_name", "pk")
    )
    return [
        {"name": p.full_name, "slug": p.slug, "description": p.description, "url": p.get_absolute_url()}
        for p in qs[:limit]
    ]


def suggest_names(*, q, limit=5):
    """Public persons whose name looks like ``q``: trigram similarity on PostgreSQL, difflib on SQLite."""
    key = " ".join(_WORD_RE.findall(fold(q or "")))
    if len(key) < 3:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return list(
            public_persons()
            .annotate(similarity=TrigramSimilarity("search_key", key))
            .filter(similarity__gt=0.3)
            .order_by("-similarity", "full_name")[:limit]
        )
    candidates = public_persons().values_list("pk", "search_key")[:5000]
    scored = sorted(
        ((SequenceMatcher(None, key, search_key).ratio(), pk) for pk, search_key in candidates), reverse=True
    )
    pks = [pk for score, pk in scored[:limit] if score >= 0.6]
    by_pk = Person.objects.in_bulk(pks)
    return [by_pk[pk] for pk in pks]


def person_or_redirect(*, slug):
    """(person, None) for a public person, (None, new_slug) for an old slug, (None, None) otherwise."""
    person = public_persons().filter(slug=slug).first()
    if person:
        return person, None
    redirect = PersonRedirect.objects.filter(old_slug=slug).select_related("person").first()
    if redirect and public_persons().filter(pk=redirect.person_id).exists():
        return None, redirect.person.slug
    return None, None


PERSON_LIST_LIMIT = 20  # newest meetings (and articles) per list on the person page, as a search page; the rest through search ("Xem tất cả")
TITLE_ROWS = 500  # newest participations (and mentions) the title timeline is built from (was 2000: 35 ms of the busiest page at 200k)


def person_profile(*, person, limit=PERSON_LIST_LIMIT):
    """Everything the person page shows, in a constant number of queries (lists capped at ``limit``).

    Totals and the monthly chart come from PersonActivity (counted at write time: a few hundred
    rows at most, whatever the number of meetings); the title timeline is aggregated by the
    database over the newest participations and mentions; the lists are LIMITed.
    """
    published = Participation.objects.filter(person=person, meeting__status=Status.PUBLISHED)
    chaired_total = attended_total = 0
    by_month = {}
    for month, chaired_n, attended_n in PersonActivity.objects.filter(person=person).values_list(
        "month", "chaired", "attended"
    ):
        chaired_total += chaired_n
        attended_total += attended_n
        if month is not None:
            by_month[month] = chaired_n + attended_n
    listing = published.select_related("meeting").order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id")
    chaired = list(listing.filter(role__in=CHAIR_ROLES)[:limit])
    attended = list(listing.exclude(role__in=CHAIR_ROLES)[:limit])
    mentions = Mention.objects.filter(person=person, article__status=Status.PUBLISHED)
    # Driven by the person's mentions (EXISTS on mention_person_article); the planner walks
    # article_published_desc for a busy person and the person's mentions for a rare one.
    articles = list(
        Article.objects.filter(status=Status.PUBLISHED)
        .filter(Exists(Mention.objects.filter(article=OuterRef("pk"), person=person)))
        .select_related("source")
        .defer("body")
        .order_by(F("published_at").desc(nulls_last=True), "-id")[:limit]
    )
    return {
        "aliases": list(person.aliases.order_by("name")),
        "chaired_total": chaired_total,
        "attended_total": attended_total,
        "chaired": chaired,
        "attended": attended,
        "months": sorted(by_month.items()),
        "titles": _title_timeline(person, published, mentions),
        "articles": articles,
    }


def _title_timeline(person, participations, mentions, *, links=3, rows=None):
    """Titles as written, with first and last seen date and a few source articles or meetings.

    Over the person's newest ``rows`` participations and ``rows`` mentions (the cap the page had
    before; older titles of an official with more meetings than that are not listed), the database
    groups the rows by their list of titles (a person has few distinct lists): per list, MIN/MAX
    date and the ``links`` newest distinct sources (PostgreSQL: sliced ordered arrays; elsewhere a
    DENSE_RANK window). Python merges lists that share a title (by name_key): its work grows with
    the distinct lists, not with the meetings.
    """
    from django.db.models import Max, Min, Window
    from django.db.models.functions import DenseRank

    rows = rows or TITLE_ROWS

    def ranked(queryset, day, source, narrow=lambda qs: qs):
        group = [F("titles_as_written")]
        newest = queryset.order_by(F(day).desc(nulls_last=True), F(source).desc()).values("pk")[:rows]
        return (
            narrow(queryset.filter(pk__in=newest))
            .annotate(
                first_seen=Window(Min(day), partition_by=group),
                last_seen=Window(Max(day), partition_by=group),
                rank=Window(
                    DenseRank(), partition_by=group, order_by=[F(day).desc(nulls_last=True), F(source).desc()]
                ),
            )
            .filter(rank__lte=links)
            .order_by()
        )

    if connection.vendor == "postgresql":
        meeting_rows, article_rows = _title_rows_postgresql(person, mentions, links, rows)
    else:
        meeting_rows = ranked(participations, "meeting__date", "meeting_id").values_list(
            "titles_as_written", "first_seen", "last_seen", "meeting_id", "meeting__date", "meeting__title"
        )
        # A mention's titles count only where no participation speaks for them (people.selectors).
        article_rows = ranked(mentions, "article__published_at", "article_id", title_mentions).values_list(
            "titles_as_written", "first_seen", "last_seen", "article_id", "article__published_at", "article__headline"
        )

    def local_day(when):
        return timezone.localtime(when).date() if when else None

    rows = []  # (kind order, -date, -id) so that links keep "meetings first, newest first"
    for titles, first, last, pk, day, label in meeting_rows:
        rows.append((0, day, pk, titles, first, last, ("meeting", pk, label)))
    for titles, first, last, pk, when, label in article_rows:
        rows.append((1, local_day(when), pk, titles, local_day(first), local_day(last), ("article", pk, label)))
    rows.sort(key=lambda r: (r[0], r[1] is None, -(r[1].toordinal() if r[1] else 0), -r[2]))

    seen = {}
    keys = {}  # name_key() per distinct title
    for _, _, _, titles, first, last, link in rows:
        for raw in titles or []:
            raw = str(raw)
            if raw not in keys:
                clean = normalize_spaces(raw)
                keys[raw] = (clean, name_key(clean) if clean else None)
            title, key = keys[raw]
            if not title:
                continue
            entry = seen.setdefault(key, {"title": title, "first": first, "last": last, "links": []})
            if first and (entry["first"] is None or first < entry["first"]):
                entry["first"] = first
            if last and (entry["last"] is None or last > entry["last"]):
                entry["last"] = last
            # One link per article or meeting (two mentions in one article give the same source).
            if len(entry["links"]) < links and all(link[:2] != seen_link[:2] for seen_link in entry["links"]):
                entry["links"].append(link)
    return sorted(seen.values(), key=lambda e: (e["first"] or date.max, e["title"]))


def _title_rows_postgresql(person, mentions, links, rows):
    """One GROUP BY per source on PostgreSQL over the person's newest ``rows`` participations or
    mentions (walked through meeting_date_desc / article_published_desc): per list of titles
    (grouped as text, collation "C": sorting jsonb cost 5x more), MIN/MAX date and the newest
    sources as sliced ordered arrays. Rows in the shape of the portable window query:
    (titles, first, last, id, date, label)."""
    take = links * 3  # duplicates (two roles in one meeting, two mentions in one article) are dropped by the caller

    def run(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("{take}", str(take)), params)
            for titles, first, last, ids, days, labels in cursor.fetchall():
                titles = json.loads(titles)
                for pk, day, label in zip(ids, days, labels):
                    yield titles, first, last, pk, day, label

    # The inner query reads the newest rows through indexes only (date/published_at order, status
    # and ids); titles come from the matching participation/mention row; labels are fetched for
    # the sliced ids alone.
    grouped = """
        SELECT g.titles, g.first, g.last, g.ids, g.days,
               ARRAY(SELECT s.{label} FROM {table} s JOIN unnest(g.ids) WITH ORDINALITY u(id, n) ON u.id = s.id ORDER BY u.n)
        FROM (
            SELECT t.titles COLLATE "C" AS titles, MIN(t.day) AS first, MAX(t.day) AS last,
                   (ARRAY_AGG(t.id ORDER BY t.day DESC NULLS LAST, t.id DESC))[1:{take}] AS ids,
                   (ARRAY_AGG(t.day ORDER BY t.day DESC NULLS LAST, t.id DESC))[1:{take}] AS days
            FROM ({inner}) t(titles, day, id)
            GROUP BY 1
        ) g
    """
    meetings = run(
        grouped.replace("{label}", "title").replace("{table}", "people_meeting").replace(
            "{inner}",
            """
            SELECT p.titles_as_written::text AS titles, m.date AS day, m.id
            FROM people_participation p JOIN people_meeting m ON m.id = p.meeting_id
            WHERE p.person_id = %s AND m.status = %s
            ORDER BY m.date DESC NULLS LAST, m.id DESC LIMIT %s
            """,
        ),
        [person.pk, Status.PUBLISHED, rows],
    )
    # The newest mentions, then the title rule (people.selectors) on those few.
    newest = mentions.order_by(F("article__published_at").desc(nulls_last=True), F("article_id").desc()).values("pk")[:rows]
    inner, params = (
        title_mentions(Mention.objects.filter(pk__in=newest))
        .annotate(titles=Cast("titles_as_written", TextField()), day=F("article__published_at"))
        .values_list("titles", "day", "article_id")
        .query.sql_with_params()
    )
    articles = run(
        grouped.replace("{label}", "headline").replace("{table}", "articles_article").replace("{inner}", inner), params
    )
    return list(meetings), list(articles)


# --- Meeting and article pages ---------------------------------------------------------------


def published_meeting(*, pk):
    return Meeting.objects.filter(status=Status.PUBLISHED, pk=pk).select_related("organizer").first()


def meeting_details(*, meeting):
    participations = list(meeting.participations.select_related("person").order_by("role", "id"))
    groups = defaultdict(list)
    for participation in participations:
        groups[participation.role].append(participation)
    articles = list(
        meeting.articles.filter(status=Status.PUBLISHED)
        .select_related("source")
        .defer("body")
        .order_by(F("published_at").desc(nulls_last=True), "id")
    )
    return {"groups": [(role, groups[role]) for role in _ROLE_ORDER if groups.get(role)], "articles": articles}


_ROLE_ORDER = ("chair", "co_chair", "head_of_delegation", "speaker", "attendee")


def published_article(*, pk):
    return Article.objects.filter(status=Status.PUBLISHED, pk=pk).select_related("source").first()


def article_details(*, article):
    # Persons who took part in a meeting the article reports are listed with their participation
    # (its titles, as staff corrected them: people.selectors); the body still highlights everyone.
    mentions = list(
        article.mentions.select_related("person").annotate(at_meeting=at_a_meeting_of_its_article()).order_by("start", "id")
    )
    meetings = list(article.meetings.filter(status=Status.PUBLISHED).order_by("date", "id"))
    participations = list(
        Participation.objects.filter(meeting__in=[m.pk for m in meetings])
        .select_related("person", "meeting")
        .order_by("meeting_id", "role", "id")
    )
    return {
        "mentions": mentions,
        "fact_mentions": [m for m in mentions if not m.at_meeting],
        "meetings": meetings,
        "participations": participations,
    }


# --- Home ------------------------------------------------------------------------------------


def recent_meetings(*, limit=10):
    return list(
        Meeting.objects.filter(status=Status.PUBLISHED, date__isnull=False)
        .select_related("organizer")
        .order_by("-date", "-id")[:limit]
    )


def most_active_persons(*, limit=10, window=2000):
    """Persons with the most participations among the latest ``window`` published meetings (bounded work)."""
    latest = Meeting.objects.filter(status=Status.PUBLISHED).order_by(F("date").desc(nulls_last=True), "-id")
    rows = list(
        Participation.objects.filter(meeting__in=latest.values("pk")[:window], person__isnull=False)
        .values("person")
        .annotate(n=Count("id"))
        .order_by("-n", "person")[:limit]
    )
    by_pk = Person.objects.in_bulk([row["person"] for row in rows])
    return [(by_pk[row["person"]], row["n"]) for row in rows if row["person"] in by_pk]


# --- Export ----------------------------------------------------------------------------------

PARTICIPATION_EXPORT_FIELDS = (
    "meeting_id",
    "meeting__date",
    "meeting__date_text",
    "meeting__kind",
    "meeting__title",
    "person__full_name",
    "person__slug",
    "name_as_written",
    "role",
    "titles_as_written",
)


def participation_export_rows(*, criteria, batch=2000):
    """Participation rows as tuples plus the published articles (url, id) reporting each meeting.

    Streams: the participations come through .iterator(chunk_size=batch), and the article links
    are fetched one batch of meetings at a time, so memory does not grow with the number of rows.
    The caller reads it inside one transaction (articles.export.in_one_transaction), so that
    PostgreSQL's cursor is not WITH HOLD.
    """
    qs = search_participations(criteria=criteria).values_list(*PARTICIPATION_EXPORT_FIELDS)
    buffer = []
    for row in qs.iterator(chunk_size=batch):
        buffer.append(row)
        if len(buffer) >= batch:
            yield from _with_articles(buffer)
            buffer = []
    if buffer:
        yield from _with_articles(buffer)


def _with_articles(rows):
    meeting_ids = {row[0] for row in rows}
    links = defaultdict(list)
    for meeting_id, article_id, url in (
        _ArticleMeeting.objects.filter(meeting_id__in=meeting_ids, article__status=Status.PUBLISHED)
        .order_by("article_id")
        .values_list("meeting_id", "article_id", "article__url")
    ):
        links[meeting_id].append((article_id, url))
    for row in rows:
        yield row, links.get(row[0], [])


def export_values(*, target, criteria, fields):
    """Meetings or articles as value tuples for CSV/JSON, in the search order."""
    return SEARCHES[target](criteria=criteria).values_list(*fields)


def count_everything(*, criteria):
    """Capped totals for the meetings and articles tabs, in one query."""
    meetings, articles = _capped_counts([_meetings(criteria), _articles(criteria)])
    return {
        "meetings": CappedCount(min(meetings, CAP), meetings > CAP),
        "articles": CappedCount(min(articles, CAP), articles > CAP),
    }


def highlight_segments(*, body, mentions, pick=lambda mention: mention.person):
    """Split ``body`` into (text, person) pieces, person set where a recognised official is named
    (``pick`` chooses what a named piece carries and skips the mention when it gives None: the
    review screen takes every mention, resolved or not).

    A mention's start/end offsets are used when they still point at its name in the body;
    otherwise (and for every further occurrence) the name is found by string search.
    """
    spans = []
    for mention in mentions:
        value = pick(mention)
        if value is None:
            continue
        name = mention.name_as_written
        if (
            mention.start is not None
            and mention.end is not None
            and 0 <= mention.start < mention.end <= len(body)
            and name_key(body[mention.start : mention.end]) == mention.name_key
        ):
            spans.append((mention.start, mention.end, value))
        if name:
            for match in re.finditer(re.escape(name), body):
                spans.append((match.start(), match.end(), value))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    segments, position = [], 0
    for start, end, person in spans:
        if start < position:
            continue  # overlaps a span already taken
        if start > position:
            segments.append((body[position:start], None))
        segments.append((body[start:end], person))
        position = end
    if position < len(body):
        segments.append((body[position:], None))
    return segments
