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

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from difflib import SequenceMatcher

from django.db import connection
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
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from articles.models import Article, Mention, Source
from people.models import (
    CHAIR_ROLES,
    Meeting,
    Organization,
    Participation,
    Person,
    PersonAlias,
    PersonRedirect,
    Status,
)
from people.names import _OLD_TONE_PAIRS, fold, modern_tones, name_key, normalize_spaces

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


def _meeting_text_q(terms):
    """All terms in the title, or in the title plus the name of one participant."""
    in_title = Q()
    title_or_name = Q()
    for term in terms:
        title = Q(HasWords("meeting__title", term.words))
        # A subquery, not a join: participations whose person is not yet known must still match by name.
        named = Person.objects.filter(HasWords("search_key", term.words, folded=True)).values("pk")
        name = Q(HasWords("name_as_written", term.words)) | Q(person__in=named)
        own_title = Q(HasWords("title", term.words))
        if term.negated:
            in_title &= ~own_title
            title_or_name &= ~title & ~name
        else:
            in_title &= own_title
            title_or_name &= title | name
    participants = Participation.objects.filter(title_or_name, meeting=OuterRef("pk"))
    return in_title | Exists(participants)


def _meetings(criteria, *, skip=()):
    qs = Meeting.objects.filter(status=Status.PUBLISHED)
    if criteria.terms and "q" not in skip:
        qs = qs.filter(_meeting_text_q(criteria.terms))
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
        reported = Exists(
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
        if role:
            qs = qs.filter(reported)
        else:
            qs = qs.filter(reported | Exists(Mention.objects.filter(article=OuterRef("pk"), person=criteria.person)))
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


def search_meetings(*, criteria):
    """Published meetings matching ``criteria``, in the requested order."""
    _prepare()
    qs = _meetings(criteria).select_related("organizer")
    order = ["-date", "-id"]
    if criteria.sort == "oldest":
        order = [F("date").asc(nulls_last=True), "id"]
    elif criteria.sort == "relevance" and criteria.terms:
        qs = qs.annotate(exact=_exact_bonus(criteria.terms, title="title"))
        order = ["-exact", F("date").desc(nulls_last=True), "-id"]
    else:
        order = [F("date").desc(nulls_last=True), "-id"]
    return qs.order_by(*order)


def search_articles(*, criteria):
    """Published articles matching ``criteria``, in the requested order (``rank`` annotated)."""
    _prepare()
    qs = _articles(criteria).select_related("source").defer("body")
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

    def __str__(self):
        return f"{CAP}+" if self.capped else str(self.value)


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


def _sample_values(target, base, facet):
    """Outlets or organisations seen in the first SAMPLE rows of ``base``: the ones worth counting."""
    ids = base.order_by().values("pk")[:SAMPLE]
    if facet == "sources":
        if target == "articles":
            found = Article.objects.filter(pk__in=ids, source__isnull=False).values_list("source_id", flat=True)
        else:
            found = _ArticleMeeting.objects.filter(
                meeting_id__in=ids, article__status=Status.PUBLISHED, article__source__isnull=False
            ).values_list("article__source_id", flat=True)
        return Source.objects.filter(pk__in=found.distinct()).order_by("name")[:30]
    if target == "articles":
        found = _ArticleOrganization.objects.filter(article_id__in=ids).values_list("organization_id", flat=True)
        organizers = _ArticleMeeting.objects.filter(article_id__in=ids, meeting__organizer__isnull=False).values_list(
            "meeting__organizer_id", flat=True
        )
        condition = Q(pk__in=found.distinct()) | Q(pk__in=organizers.distinct())
    else:
        condition = Q(pk__in=Meeting.objects.filter(pk__in=ids).values("organizer_id"))
    return Organization.objects.filter(condition).order_by("name")[:30]


def facet_counts(*, target, criteria):
    """Facets for ``target`` ("meetings" or "articles"): each option counted with every OTHER filter applied.

    Each count is capped (COUNT over a LIMITed subquery); one SQL query per facet, plus one to
    choose which outlets and organisations to offer.
    """
    _prepare()
    facets = []

    def add(name, options):
        """options: list of (value, label, criteria-with-this-value-only, selected)."""
        if not options:
            return
        counts = _capped_counts([_filtered(target, c, skip=()) for _, _, c, _ in options])
        facets.append(
            Facet(
                name=name,
                options=tuple(
                    FacetOption(str(value), str(label), CappedCount(min(n, CAP), n > CAP), selected)
                    for (value, label, _, selected), n in zip(options, counts, strict=True)
                ),
            )
        )

    if criteria.person:
        add(
            "role",
            [
                (ROLE_CHAIR, _role_label(ROLE_CHAIR), replace(criteria, role=ROLE_CHAIR), criteria.role == ROLE_CHAIR),
                (ROLE_ATTEND, _role_label(ROLE_ATTEND), replace(criteria, role=ROLE_ATTEND), criteria.role == ROLE_ATTEND),
            ],
        )
    add(
        "kind",
        [(value, label, replace(criteria, kinds=(value,)), value in criteria.kinds) for value, label in Meeting.Kind.choices],
    )
    for name, attr in (("source", "sources"), ("org", "organizations")):
        base = _filtered(target, criteria, skip=(attr,))
        chosen = list(getattr(criteria, attr))
        candidates = chosen + [o for o in _sample_values(target, base, attr) if o not in chosen]
        add(name, [(o.slug, o.name, replace(criteria, **{attr: (o,)}), o in chosen) for o in candidates])
    years = _year_range(target)
    add("year", [(y, y, replace(criteria, years=(y,)), y in criteria.years) for y in years])
    if len(criteria.years) == 1:
        add(
            "month",
            [(m, m, replace(criteria, month=m), criteria.month == m) for m in range(1, 13)],
        )
    # Hide options that would give nothing, unless chosen (so they can be unchosen).
    return [
        replace(f, options=tuple(o for o in f.options if o.count.value or o.selected)) for f in facets
    ]


def _year_range(target):
    """Years between the oldest and newest published item (indexed MIN/MAX), newest first, at most 40."""
    from django.db.models import Max, Min

    if target == "articles":
        bounds = Article.objects.filter(status=Status.PUBLISHED).aggregate(lo=Min("published_at"), hi=Max("published_at"))
        lo = timezone.localtime(bounds["lo"]).year if bounds["lo"] else None
        hi = timezone.localtime(bounds["hi"]).year if bounds["hi"] else None
    else:
        bounds = Meeting.objects.filter(status=Status.PUBLISHED).aggregate(lo=Min("date"), hi=Max("date"))
        lo = bounds["lo"].year if bounds["lo"] else None
        hi = bounds["hi"].year if bounds["hi"] else None
    if lo is None or hi is None:
        return []
    return list(range(hi, max(lo, hi - 39) - 1, -1))


def _role_label(role):
    from django.utils.translation import gettext

    return gettext("Chủ trì") if role == ROLE_CHAIR else gettext("Tham dự")


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
    try:
        number = max(1, min(int(number or 1), MAX_PAGE))
    except (TypeError, ValueError, OverflowError):
        number = 1
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


PERSON_LIST_LIMIT = 100


def person_profile(*, person, limit=PERSON_LIST_LIMIT):
    """Everything the person page shows, in a constant number of queries (lists capped at ``limit``)."""
    published = Participation.objects.filter(person=person, meeting__status=Status.PUBLISHED)
    totals = published.aggregate(
        chaired=Count("id", filter=Q(role__in=CHAIR_ROLES)),
        attended=Count("id", filter=~Q(role__in=CHAIR_ROLES)),
    )
    listing = published.select_related("meeting").order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id")
    chaired = list(listing.filter(role__in=CHAIR_ROLES)[:limit])
    attended = list(listing.exclude(role__in=CHAIR_ROLES)[:limit])
    months = list(
        published.filter(meeting__date__isnull=False)
        .annotate(month=TruncMonth("meeting__date"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    mentions = Mention.objects.filter(person=person, article__status=Status.PUBLISHED)
    articles = list(
        Article.objects.filter(status=Status.PUBLISHED, pk__in=mentions.values("article_id"))
        .select_related("source")
        .defer("body")
        .order_by(F("published_at").desc(nulls_last=True), "-id")[:limit]
    )
    return {
        "aliases": list(person.aliases.order_by("name")),
        "chaired_total": totals["chaired"],
        "attended_total": totals["attended"],
        "chaired": chaired,
        "attended": attended,
        "months": [(row["month"], row["n"]) for row in months],
        "titles": _title_timeline(published, mentions),
        "articles": articles,
    }


def _title_timeline(participations, mentions, *, rows=5000, links=3):
    """Titles as written, with first and last seen date and a few source articles or meetings."""
    seen = {}

    def note(title, day, link):
        title = normalize_spaces(str(title))
        if not title:
            return
        entry = seen.setdefault(name_key(title), {"title": title, "first": day, "last": day, "links": []})
        if day and (entry["first"] is None or day < entry["first"]):
            entry["first"] = day
        if day and (entry["last"] is None or day > entry["last"]):
            entry["last"] = day
        if link and len(entry["links"]) < links and link not in entry["links"]:
            entry["links"].append(link)

    for titles, meeting_id, day, meeting_title in participations.order_by("-meeting__date").values_list(
        "titles_as_written", "meeting_id", "meeting__date", "meeting__title"
    )[:rows]:
        for title in titles or []:
            note(title, day, ("meeting", meeting_id, meeting_title))
    for titles, article_id, when, headline in mentions.order_by("-article__published_at").values_list(
        "titles_as_written", "article_id", "article__published_at", "article__headline"
    )[:rows]:
        day = timezone.localtime(when).date() if when else None
        for title in titles or []:
            note(title, day, ("article", article_id, headline))
    return sorted(seen.values(), key=lambda e: (e["first"] or date.max, e["title"]))


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
    mentions = list(article.mentions.select_related("person").order_by("start", "id"))
    meetings = list(article.meetings.filter(status=Status.PUBLISHED).order_by("date", "id"))
    participations = list(
        Participation.objects.filter(meeting__in=[m.pk for m in meetings])
        .select_related("person", "meeting")
        .order_by("meeting_id", "role", "id")
    )
    return {"mentions": mentions, "meetings": meetings, "participations": participations}


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


def highlight_segments(*, body, mentions):
    """Split ``body`` into (text, person) pieces, person set where a recognised official is named.

    A mention's start/end offsets are used when they still point at its name in the body;
    otherwise (and for every further occurrence) the name is found by string search.
    """
    spans = []
    for mention in mentions:
        if not mention.person_id:
            continue
        name = mention.name_as_written
        if (
            mention.start is not None
            and mention.end is not None
            and 0 <= mention.start < mention.end <= len(body)
            and name_key(body[mention.start : mention.end]) == mention.name_key
        ):
            spans.append((mention.start, mention.end, mention.person))
        if name:
            for match in re.finditer(re.escape(name), body):
                spans.append((match.start(), match.end(), mention.person))
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
