"""Words typed into the search box: parsing, and the SQL that matches and ranks them.

Matching rule, the same on both databases: a query is split into terms (a bare word, or a
"quoted phrase"; a leading "-" negates a term). A term matches when its words appear as whole
words, in order and adjacent, in the text once both are folded (people.names.fold: lowercase, no
diacritics, đ → d). So "dinh tien dung", "Đinh Tiến Dũng" and "ĐINH TIẾN DŨNG" are the same query,
and "Thành uỷ" finds "Thành ủy" (tone placement disappears with the diacritics).

Documents match on their generated ``search_vector`` column (people/textsearch.py): a tsvector
and phraseto_tsquery() on PostgreSQL, folded words and LIKE '% w1 w2 %' on SQLite. Persons' and
aliases' names match the same way on their generated ``name_words`` column; unresolved
participants' names as written with HasWords (the same rule, computed from the column).

Ranking: a term that carries diacritics and appears exactly as typed (case and tone placement
aside) in the headline (or a meeting title) scores 2, in the first 3,000 characters of the body 1;
then ts_rank on the folded vector (PostgreSQL) or headline-before-body (SQLite); then date.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, IntegerField, Q, Value, When

from people.names import _OLD_TONE_PAIRS, fold, normalize_spaces
from people.textsearch import WORD_RE, vn_key

MAX_TERMS = 8
MAX_QUERY_LENGTH = 300
LEAD_CHARS = 3000

_TERM_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_NEW_TO_OLD = {new: old for old, new in _OLD_TONE_PAIRS.items()}
_NEW_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_NEW_TO_OLD, key=len, reverse=True)) + r")(?![^\W\d_])")


@dataclass(frozen=True)
class Term:
    text: str  # as typed, NFC, single spaces
    words: tuple  # folded words
    negated: bool = False

    @property
    def has_diacritics(self):
        return " ".join(self.words) != " ".join(WORD_RE.findall(self.text.casefold()))

    @property
    def exact_variants(self):
        """The term lowercased, in new and old tone placement ("thành ủy", "thành uỷ")."""
        modern = vn_key(self.text)
        old = _NEW_TONE_RE.sub(lambda m: _NEW_TO_OLD[m.group(1)], modern)
        return tuple(dict.fromkeys((modern, old)))


def cut_query(q):
    """The query as searched: at most MAX_QUERY_LENGTH characters, cut before a word that would
    not fit (a longer query is kept, cut, never dropped)."""
    q = q or ""
    if len(q) <= MAX_QUERY_LENGTH:
        return q
    cut = q[: MAX_QUERY_LENGTH + 1]
    if cut[-1].isspace():
        return cut.rstrip()
    return (cut.rsplit(None, 1)[0] if " " in cut.strip() else cut[:MAX_QUERY_LENGTH]).rstrip()


def parse_query(q):
    """Terms of a query: words and "quoted phrases", "-" to exclude; at most MAX_TERMS."""
    q = normalize_spaces(unicodedata.normalize("NFC", cut_query(q)).replace("\x00", ""))
    terms = []
    for match in _TERM_RE.finditer(q):
        if match.group(2) is not None:
            negated, text = match.group(1), match.group(2)
        else:
            negated, text = match.group(3), match.group(4)
        words = tuple(WORD_RE.findall(fold(text)))
        if words:
            terms.append(Term(text=normalize_spaces(text), words=words, negated=bool(negated)))
    return tuple(terms[:MAX_TERMS])


_ONE_CHAR_FOLD = {}  # str.translate table: code point → one character, filled as characters are met


def _fold_in_place(text):
    """``text`` with each character folded to ONE character (so that positions in the result are
    positions in ``text``); what is not part of a word becomes a space."""
    for char in set(text):
        code = ord(char)
        if code not in _ONE_CHAR_FOLD:
            folded = fold(char) if WORD_RE.fullmatch(char) else " "
            _ONE_CHAR_FOLD[code] = folded if len(folded) == 1 else char
    return text.translate(_ONE_CHAR_FOLD)


def matched_spans(text, terms):
    """(start, end) of each place in ``text`` (NFC) where a positive term matches, by the rule of
    the search (folded whole words, a phrase as adjacent words): what the page highlights.
    "dinh tien dung" spans "Đinh Tiến Dũng". Sorted; spans apart by spaces only are joined."""
    if not text:
        return []
    folded = _fold_in_place(text)  # words and single spaces' worth of separators: nothing else
    spans = []
    for term in positive(terms):
        # A literal search (fast), then whole words checked by hand: look-arounds made it 30x slower.
        for match in re.finditer(" +".join(re.escape(word) for word in term.words), folded):
            start, end = match.span()
            if (start == 0 or folded[start - 1] == " ") and (end == len(folded) or folded[end] == " "):
                spans.append((start, end))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start].isspace()):  # one mark for a name
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def positive(terms):
    return [t for t in terms if not t.negated]


def negated(terms):
    return [t for t in terms if t.negated]


class HasWords(Func):
    """True when ``words`` appear as whole, adjacent words in the expression (folded here).

    PostgreSQL: a phrase tsquery against the expression's tsvector ('vn_unaccent'), which a GIN
    expression index serves for unresolved participants' names (articles/0007); persons' and
    aliases' names have a stored column instead (``name_words``, matched like documents).
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, expression, words):
        super().__init__(expression)
        self.words = tuple(words)

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return (
                f"(to_tsvector('vn_unaccent'::regconfig, coalesce({sql}, '')) @@ phraseto_tsquery('vn_unaccent'::regconfig, %s))",
                [*params, " ".join(self.words)],
            )
        return f"(vn_words({sql}) LIKE %s)", [*params, "% " + " ".join(self.words) + " %"]


class DocumentMatch(Func):
    """The generated ``search_vector`` column holds all ``terms`` (negated ones: does not)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, terms, *, column="search_vector"):
        super().__init__(F(column))
        self.terms = tuple(terms)

    def as_sql(self, compiler, connection, **extra):
        vector, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            tsquery, query_params = tsquery_sql(self.terms)
            return f"({vector} @@ {tsquery})", [*params, *query_params]
        # SQLite: folded words between spaces; parts (headline, body) are separated by
        # PART_SEPARATOR, which no folded word holds, so a phrase never spans two parts.
        checks, all_params = [], []
        for term in self.terms:
            checks.append(("NOT " if term.negated else "") + f"({vector} LIKE %s)")
            all_params += [*params, "% " + " ".join(term.words) + " %"]
        return "(" + " AND ".join(checks) + ")", all_params


def tsquery_sql(terms):
    parts, params = [], []
    for term in terms:
        parts.append(("!!" if term.negated else "") + "phraseto_tsquery('vn_unaccent'::regconfig, %s)")
        params.append(term.text)
    return "(" + " && ".join(parts) + ")", params


class VectorRank(Func):
    """ts_rank of the document against the positive terms (PostgreSQL only)."""

    output_field = FloatField()

    def __init__(self, terms):
        super().__init__(F("search_vector"))
        self.terms = tuple(terms)

    def as_sql(self, compiler, connection, **extra):
        vector, params = compiler.compile(self.source_expressions[0])
        tsquery, query_params = tsquery_sql(self.terms)
        return f"ts_rank({vector}, {tsquery})", [*params, *query_params]


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


def document_q(terms, *, column="search_vector"):
    """All ``terms`` in the model's search document (article: headline and body; meeting: title)."""
    return Q(DocumentMatch(terms, column=column)) if terms else Q()


def exact_bonus(terms, *, title, lead=None):
    bonus = Value(0)
    for term in terms:
        if term.negated or not term.has_diacritics:
            continue
        bonus = bonus + ContainsExact(title, term.exact_variants) * Value(2)
        if lead:
            bonus = bonus + ContainsExact(lead, term.exact_variants, limit=LEAD_CHARS)
    return bonus


def article_rank(terms):
    terms = positive(terms)
    if not terms:
        return Value(0.0, output_field=FloatField())
    if connection.vendor == "postgresql":
        return VectorRank(terms)
    in_headline = Value(0.0, output_field=FloatField())
    for term in terms:
        in_headline = in_headline + Case(
            When(HasWords("headline", term.words), then=Value(0.5)), default=Value(0.0), output_field=FloatField()
        )
    return in_headline
