"""extract(): the whole engine, from normalised text to an Extraction."""

from __future__ import annotations

import datetime as dt
import re

from .cleaning import clean
from .dates import find_event_date
from .decoding import decode_upload
from .meetings import ROLES, assign_roles, event_kind, event_organizer, organizer_from_chairs
from .normalize import name_key, normalize_text, retone
from .organizations import find_organizations, home_places_of
from .people import Person, find_people
from .posts import is_single_holder, posts_of_titles
from .results import (
    EXTRACTOR_VERSION,
    Event,
    Extraction,
    OfficialMention,
    OrganizationMention,
    Participant,
    PostMention,
)
from .sentences import split_sentences
from .stamps import MONTH, parse_stamp

__all__ = [
    "EXTRACTOR_VERSION", "ROLES", "OfficialMention", "Participant", "Event", "OrganizationMention",
    "Extraction", "extract", "extract_upload",
]

# Bodies longer than this are analysed only up to here (news articles are far shorter).
MAX_ANALYSED_CHARS = 100_000
# Inputs longer than this are cut (with a warning) before cleaning; real articles are < 100 kB.
MAX_INPUT_CHARS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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

    # Names an official bears (a title, "đồng chí"): a bare capitalised run after "Huyện ủy" is more
    # likely the place ("Huyện ủy Kim Bảng Hạ") than a person.
    person_spans = [(x.start, x.end) for x in mentions if x.titles or x.honorific or x.strong]
    org_mentions = find_organizations(body[:limit], m[:limit], person_spans)
    home = home_places_of(m[:limit], person_spans)
    posts = {p.key: posts_of(p.titles, home) for p in by_key.values() if p.official}
    officials = [
        OfficialMention(p.name, list(p.titles), body[p.sentence[0]:p.sentence[1]], p.start, p.end, posts[p.key])
        for p in people if p.official
    ] + [OfficialMention(p.name, list(p.titles), title or "", None, None, posts[p.key]) for p in headline_only if p.official]
    participants = []
    for x, role in roles:
        p = by_key[x.key]
        if not p.official:
            continue
        in_body = any(x is y for y in mentions)
        sentence = body[x.sentence[0]:x.sentence[1]] if in_body else (title or "")
        participants.append(Participant(p.name, role, list(p.titles), sentence, posts[p.key]))
    lead = sentences[lead_index] if sentences else None
    lead_sentence = body[lead[0]:lead[1]] if lead else None
    organizer = event_organizer(m, lead, org_mentions) if lead else None
    chair_org = None
    if organizer is None:
        chair = next((p for p in participants if p.role == "chair"), None)
        chair_org = organizer_from_chairs(kind, chair.posts) if chair else None
        organizer = chair_org[0] if chair_org else None
    events = [Event(kind, ev.date, ev.text, participants, lead_sentence, ev.basis, ev.evidence, organizer)] if body else []
    if ev.text and ev.date is None:
        warnings.append(f"event date {ev.text} has no year in the text; left undated")
    orgs: list[OrganizationMention] = []
    for x in org_mentions:
        if all(o.name != x.org.name for o in orgs):
            orgs.append(OrganizationMention(x.org.name, x.org.kind, x.text, x.org.parent.name if x.org.parent else None,
                                            x.org.resolved))
    if chair_org and all(o.name != chair_org[0] for o in orgs):
        orgs.append(OrganizationMention(chair_org[0], chair_org[1], ""))  # the body its chair heads
    # A bare body whose place the text leaves open is stored as no organisation: staff are told.
    warnings += [f"organisation {o.as_written or o.name!r} names no place the text makes clear; not linked"
                 for o in orgs if not o.resolved]
    return Extraction(title, pub, c.source, c.authors, body, officials, events, orgs, warnings)


def posts_of(titles: list[str], home: dict[str, set[str]]) -> list[PostMention]:
    """The posts a person's titles name (titles that name none — ranks, meeting roles — give none)."""
    return [
        PostMention(title, post.name, post.role, post.org.name if post.org else None, post.org.kind if post.org else None,
                    post.resolved, post.former, is_single_holder(post.role))
        for title, post in posts_of_titles(titles, home=home)
    ]


def extract_upload(data: bytes, *, filename: str = "", published=None) -> Extraction:
    """Decode an upload (raises UndecodableError) and extract it, using HTML metadata when present."""
    decoded = decode_upload(data, filename)
    result = extract(decoded.text, published=published, filename=filename,
                     title_hint=decoded.title if decoded.is_html else None,
                     date_hint=decoded.date if decoded.is_html else None)
    result.warnings = decoded.warnings + result.warnings
    return result


_ = name_key  # re-exported through the package for callers that compare names
