"""What the results page shows of each result: the words that matched, marked, in context.

Matching is the search's own rule (text.matched_spans): "dinh tien dung" marks "Đinh Tiến Dũng".
Everything is escaped; only the <mark> around a match is markup.
"""

import unicodedata

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from articles.search.text import matched_spans, positive

SNIPPET_CHARS = 260  # characters of context shown under a result
SOURCE_CHARS = 10_000  # of an article's body read for its snippet (results.py annotates them as ``lead``; folding 20 000 cost 1.4 ms an article)
MATCHED_PARTICIPANTS = 3  # participants shown under a meeting found by their name


def _clean(text):
    # str(): a placeholder such as "(không có tiêu đề)" is a lazy translation, not a str.
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def highlighted(text, terms, *, spans=None):
    """``text`` escaped, each match in <mark>."""
    text = _clean(text) if spans is None else text
    spans = matched_spans(text, terms) if spans is None else spans
    out, position = [], 0
    for start, end in spans:
        out.append(conditional_escape(text[position:start]))
        out.append("<mark>" + conditional_escape(text[start:end]) + "</mark>")
        position = end
    out.append(conditional_escape(text[position:]))
    return mark_safe("".join(out))  # every piece is escaped above


def excerpt(text, terms, *, width=SNIPPET_CHARS):
    """About ``width`` characters of ``text`` around its first match (its start when nothing
    matches), cut at spaces, marked; "" for no text."""
    text = _clean(text)
    if not text:
        return ""
    spans = matched_spans(text, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    inside = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
    body = highlighted(window, terms, spans=inside)
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))


def attach_to_articles(articles, terms):
    """``title_html`` and ``snippet`` (from the ``lead`` the page query read) for each article."""
    for article in articles:
        article.title_html = highlighted(article.title_or_placeholder, terms)
        article.snippet = excerpt(getattr(article, "lead", "") or "", terms)
    return articles


def words_may_name_someone(terms):
    """Whether the words can name a participant (a query of negated words only names nobody):
    only then does a meeting's snippet need all its participants."""
    return bool(positive(terms))


def attach_to_meetings(meetings, terms, *, person=None):
    """``title_html`` and ``matched`` for each meeting (its ``participants`` attached): the
    participants the words name (or the chosen person), as (participation, name marked). A chair
    among them is marked where the chairs are listed (``name_html``), not listed twice."""
    named = words_may_name_someone(terms)
    for meeting in meetings:
        meeting.title_html = highlighted(meeting.title or meeting.get_kind_display(), terms)
        found = []
        for participation in getattr(meeting, "participants", []):
            name = participation.person.full_name if participation.person else participation.name_as_written
            spans = matched_spans(_clean(name), terms) if named else []
            chosen = person is not None and participation.person_id == person.pk
            if not (spans or chosen):
                continue
            marked = highlighted(_clean(name), terms)
            if participation in getattr(meeting, "chairs", ()):
                participation.name_html = marked if spans else None
                continue
            found.append((-len(spans) - (10 if chosen else 0), participation, marked))
        found.sort(key=lambda row: row[0])
        meeting.matched = [(participation, name) for _, participation, name in found[:MATCHED_PARTICIPANTS]]
    return meetings
