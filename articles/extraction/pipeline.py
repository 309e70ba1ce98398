"""extract(): the whole engine, from normalised text to an Extraction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .cleaning import clean
from .dates import find_event_date
from .decoding import decode_upload
from .meetings import ROLES, assign_roles, event_kind
from .normalize import name_key, normalize_text, retone
from .organizations import find_organizations
from .people import Person, find_people
from .sentences import split_sentences
from .stamps import MONTH, parse_stamp

__all__ = [
    "EXTRACTOR_VERSION", "ROLES", "OfficialMention", "Participant", "Event", "OrganizationMention",
    "Extraction", "extract", "extract_upload",
]

EXTRACTOR_VERSION = "2026.12.1"
# Bodies longer than this are analysed only up to here (news articles are far shorter).
MAX_ANALYSED_CHARS = 100_000
# Inputs longer than this are cut (with a warning) before cleaning; real articles are < 100 kB.
MAX_INPUT_CHARS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class OfficialMention:
    name: str
    titles: list[str]
    sentence: str
    start: int | None  # offsets in the body; None for an official named only in the headline
    end: int | None


@dataclass
class Participant:
    name: str
    role: str
    titles: list[str]
    sentence: str


@dataclass
class Event:
    kind: str | None
    date: dt.date | None
    date_text: str | None
    participants: list[Participant] = field(default_factory=list)
    sentence: str | None = None
    # How the date was found: "stated" (year written with the day), "stamp" (year from the
    # publication stamp) or "inferred" (year from other words, quoted in ``date_evidence``).
    date_basis: str | None = None
    date_evidence: str | None = None

    @property
    def chairs(self) -> list[str]:
        return [p.name for p in self.participants if p.role in ("chair", "co_chair")]


@dataclass
class OrganizationMention:
    name: str
    kind: str


@dataclass
class Extraction:
    title: str | None
    published: dt.datetime | None
    source: str | None
    authors: list[str]
    body: str
    officials: list[OfficialMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    organizations: list[OrganizationMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    version: str = EXTRACTOR_VERSION

    def to_json(self, file: str) -> dict:
        """The command-line contract: one JSON object per input file."""
        return {
            "file": file,
            "title": self.title,
            "published": self.published.date().isoformat() if self.published else None,
            "source": self.source,
            "authors": list(self.authors),
            "body": self.body,
            "officials": [{"name": o.name, "titles": list(o.titles)} for o in self.officials],
            "events": [
                {
                    "kind": e.kind,
                    "date": e.date.isoformat() if e.date else None,
                    "date_text": e.date_text,
                    "date_basis": e.date_basis,
                    "date_evidence": e.date_evidence,
                    "chairs": e.chairs,
                    "participants": [{"name": p.name, "role": p.role, "titles": list(p.titles)} for p in e.participants],
                }
                for e in self.events
            ],
            "warnings": list(self.warnings),
        }


def empty_extraction(warning: str) -> Extraction:
    return Extraction(None, None, None, [], "", warnings=[warning])


def _as_datetime(value) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_stamp(value)
    return None


def extract(text: str, *, published: dt.date | dt.datetime | None = None, filename: str | None = None,
            title_hint: str | None = None, date_hint: str | None = None) -> Extraction:
    """Extract headline, stamp, outlet, body, officials, organisations and the main event."""
    warnings: list[str] = []
    text = text or ""
    if len(text) > MAX_INPUT_CHARS:
        warnings.append(f"input is {len(text)} characters; only the first {MAX_INPUT_CHARS} were read")
        text = text[:MAX_INPUT_CHARS]
    text = normalize_text(_CONTROL.sub("", text))
    if not text.strip():
        return empty_extraction("empty text")
    c = clean(text)
    warnings += c.warnings
    title = c.title or (normalize_text(title_hint) if title_hint else None)
    pub = c.published or _as_datetime(published) or _as_datetime(date_hint)
    body = c.body
    limit = len(body)
    if limit > MAX_ANALYSED_CHARS:
        limit = MAX_ANALYSED_CHARS
        warnings.append(f"body is {len(body)} characters; only the first {MAX_ANALYSED_CHARS} were analysed")
    m = retone(body[:limit]) + body[limit:]  # same length as body: offsets stay valid
    sentences: list[tuple[int, int]] = []
    for ps, pe in c.paragraphs:
        if ps >= limit:
            break
        sentences += split_sentences(body[ps:min(pe, limit)], ps)
    people, mentions = find_people(body, m, sentences)

    month_stamp = c.stamp.when.date() if c.stamp is not None and c.stamp.precision == MONTH and pub is None else None
    ev = find_event_date(body[:limit], [p for p in c.paragraphs if p[0] < limit], pub.date() if pub else None,
                         month_stamp=month_stamp)
    lead_index = 0
    if ev.start >= 0:
        lead_index = next((i for i, (s, e) in enumerate(sentences) if s <= ev.start < e), 0)
    kind = event_kind(m[:limit], sentences, lead_index)
    event_dm = None
    if ev.text:
        d, mo = ev.text.split("/")[:2]
        event_dm = (int(d), int(mo))
    roles = assign_roles(m, sentences, mentions, lead_index, event_dm, kind)

    by_key = {p.key: p for p in people}
    # The headline names officials too ("Thủ tướng Phạm Minh Chính làm việc với …"), sometimes the
    # only place the chair is stated ("… chủ trì phiên họp Chính phủ").
    headline_only: list[Person] = []
    if title:
        tm = retone(title)
        head_people, head_mentions = find_people(title, tm, [(0, len(title))])
        for hp in head_people:
            p = by_key.get(hp.key)
            if p is None:
                by_key[hp.key] = hp
                headline_only.append(hp)
                continue
            p.titles += [t for t in hp.titles if name_key(t) not in {name_key(x) for x in p.titles}]
            p.official = p.official or hp.official
        if not any(role in ("chair", "co_chair") for _, role in roles):
            roles += [(x, r) for x, r in assign_roles(tm, [(0, len(title))], head_mentions, 0, None, kind)
                      if r in ("chair", "co_chair")]
    for x, role in roles:
        if role in ("chair", "co_chair", "head_of_delegation"):
            by_key[x.key].official = True
    officials = [
        OfficialMention(p.name, list(p.titles), body[p.sentence[0]:p.sentence[1]], p.start, p.end)
        for p in people if p.official
    ] + [OfficialMention(p.name, list(p.titles), title or "", None, None) for p in headline_only if p.official]
    participants = []
    for x, role in roles:
        p = by_key[x.key]
        if not p.official:
            continue
        in_body = any(x is y for y in mentions)
        sentence = body[x.sentence[0]:x.sentence[1]] if in_body else (title or "")
        participants.append(Participant(p.name, role, list(p.titles), sentence))
    lead_sentence = body[sentences[lead_index][0]:sentences[lead_index][1]] if sentences else None
    events = [Event(kind, ev.date, ev.text, participants, lead_sentence, ev.basis, ev.evidence)] if body else []
    if ev.text and ev.date is None:
        warnings.append(f"event date {ev.text} has no year in the text; left undated")
    orgs = [OrganizationMention(n, k) for n, k in find_organizations(body[:limit], m[:limit], [(p.start, p.end) for p in mentions])]
    return Extraction(title, pub, c.source, c.authors, body, officials, events, orgs, warnings)


def extract_upload(data: bytes, *, filename: str = "", published=None) -> Extraction:
    """Decode an upload (raises UndecodableError) and extract it, using HTML metadata when present."""
    decoded = decode_upload(data, filename)
    result = extract(decoded.text, published=published, filename=filename,
                     title_hint=decoded.title if decoded.is_html else None,
                     date_hint=decoded.date if decoded.is_html else None)
    result.warnings = decoded.warnings + result.warnings
    return result


_ = name_key  # re-exported through the package for callers that compare names
