"""Writing what the extractor found to the database: outlet, mentions, organisations, meetings
and their participations. Used by ingestion (articles/ingestion.py) and by re-extraction
(articles/services.py); nothing here decides whether a file is new or a fact may change.
"""

import datetime as dt
import hashlib

from django.db import transaction
from django.utils import timezone

from articles import extraction as engine
from articles.models import Mention, Source
from people.namelocks import lock_names
from people.models import Meeting, Organization, Participation, Person
from people.names import clean_name, fold, name_key
from people.services import Resolution, resolve_person

# Fields that extraction fills and a re-extraction may refresh unless staff edited them.
ARTICLE_EXTRACTED_FIELDS = ("headline", "published_at", "byline", "body", "source")


def current_extractor_version():
    """The version the extractor stamps on what it produces; older articles are "outdated"."""
    return engine.EXTRACTOR_VERSION


def body_fingerprint(body):
    """Identity of an article's text regardless of diacritics, case and spacing."""
    return hashlib.sha256(fold(body or "").encode()).hexdigest() if (body or "").strip() else ""


def aware(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


def source_for(name):
    name = clean_name(name or "")[:200]
    if not name:
        return None
    with transaction.atomic(savepoint=False):
        lock_names([(Source, name)])  # race-free get-or-create: see people/namelocks.py
        source = Source.objects.filter(name_key=name_key(name)).first()
        return source or Source.objects.create(name=name)


def organization_for(mention):
    name = clean_name(mention.name)[:300]
    if not name:
        return None
    with transaction.atomic(savepoint=False):
        lock_names([(Organization, name)])
        org = Organization.objects.filter(name_key=name_key(name)).first()
        if org is None:
            kind = mention.kind if mention.kind in Organization.Kind.values else Organization.Kind.OTHER
            org = Organization.objects.create(name=name, kind=kind)
        return org


def names_created_by(extraction, *, source_name=None):
    """Every (model, name) storing ``extraction`` may create: locked up front, in one order."""
    pairs = [(Person, m.name) for m in extraction.officials]
    pairs += [(Person, p.name) for event in extraction.events for p in event.participants]
    pairs += [(Organization, clean_name(m.name)[:300]) for m in extraction.organizations]
    pairs += [(Source, clean_name(n or "")[:200]) for n in (source_name, extraction.source)]
    return pairs



class Resolver:
    """Resolves names to persons once per article, so a name mentioned twice links once."""

    def __init__(self, *, when=None, previous=None):
        self.when = when
        self.cache = {}
        self.previous = previous or {}  # name_key → person kept from an earlier extraction

    def __call__(self, name, titles):
        key = name_key(name)
        if key not in self.cache:
            if key in self.previous:
                self.cache[key] = Resolution(self.previous[key])
            else:
                self.cache[key] = resolve_person(name=name, titles=titles, when=self.when)
        return self.cache[key]


def store_mentions(article, extraction, resolver):
    for m in extraction.officials:
        res = resolver(m.name, m.titles)
        Mention.objects.create(
            article=article,
            person=res.person,
            name_as_written=m.name[:200],
            titles_as_written=list(m.titles or []),
            evidence=m.sentence or "",
            start=m.start,
            end=m.end,
            resolution_note=res.note,
        )


def store_participations(meeting, event, resolver, *, taken=None):
    """Extracted participations of one event; ``taken`` holds (person_id, role) already present."""
    taken = set(taken or ())
    for p in event.participants:
        res = resolver(p.name, p.titles)
        person_id = res.person.pk if res.person else None
        if person_id is not None:
            if (person_id, p.role) in taken:
                continue
            taken.add((person_id, p.role))
        Participation.objects.create(
            meeting=meeting,
            person=res.person,
            role=p.role,
            name_as_written=p.name[:200],
            titles_as_written=list(p.titles or []),
            evidence=p.sentence or event.sentence or "",
            origin=Participation.Origin.EXTRACTED,
            resolution_note=res.note[:300],
        )


def meeting_fields(event, headline):
    kind_text = (event.kind or "")[:100]
    return {
        "kind": Meeting.kind_from_text(kind_text) if kind_text else Meeting.Kind.OTHER,
        "kind_text": kind_text,
        "date": event.date,
        "date_text": (event.date_text or "")[:50],
        "title": (headline or "")[:500],
    }


def store_meetings(article, extraction, resolver, organizations):
    organizer = organizations[0] if len(organizations) == 1 else None
    for event in extraction.events:
        meeting = Meeting.objects.create(organizer=organizer, **meeting_fields(event, article.headline))
        store_participations(meeting, event, resolver)
        article.meetings.add(meeting)


def store_organizations(article, extraction):
    orgs = []
    for mention in extraction.organizations:
        org = organization_for(mention)
        if org and org not in orgs:
            orgs.append(org)
    article.organizations.add(*orgs)
    return orgs


def article_fields(extraction, *, source_name, published):
    headline = clean_name(extraction.title or "")[:500] or None
    return {
        "headline": headline,
        "published_at": aware(extraction.published) or aware(published),
        "byline": ", ".join(extraction.authors or [])[:300],
        "body": extraction.body or "",
        "source": source_for(source_name) or source_for(extraction.source),
        "body_fingerprint": body_fingerprint(extraction.body),
        "extractor_version": engine.EXTRACTOR_VERSION,
        "extraction_warnings": list(extraction.warnings or []),
        "extraction_error": "",
    }

