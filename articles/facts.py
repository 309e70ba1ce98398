"""Writing what the extractor found to the database: outlet, mentions, organisations, meetings
and their participations. Used by ingestion (articles/ingestion.py) and by re-extraction
(articles/services.py); nothing here decides whether a file is new or a fact may change.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from articles import extraction as engine
from articles.models import Mention, Source
from people.models import Meeting, Organization, Participation, Person, Post, stronger_role
from people.namelocks import lock_names
from people.names import clean_name, fold, name_key
from people.organizations import organization_named
from people.services import Resolution, resolve_person


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
    """The organisation of ``mention`` (created on first sight), with the body it belongs to when
    that one is known ("Ban Thường vụ Thành ủy Hà Nội" ⊂ "Thành ủy Hà Nội")."""
    name = clean_name(mention.name)[:300]
    if not name:
        return None
    kind = mention.kind if mention.kind in Organization.Kind.values else Organization.Kind.OTHER
    # The parent only when it is an organisation already (named by a text): never one only implied.
    parent = organization_named(mention.parent) if getattr(mention, "parent", None) else None
    with transaction.atomic(savepoint=False):
        lock_names([(Organization, name)])
        org = organization_named(name)  # renamed or merged by staff: the organisation it became
        if org is None:
            org = Organization.objects.create(name=name, kind=kind, parent=parent)
        elif parent is not None and org.parent_id is None and parent.pk != org.pk:
            org.parent = parent
            org.save(update_fields=["parent"])
        return org


def names_created_by(extraction, *, source_name=None):
    """Every (model, name) storing ``extraction`` may create: locked up front, in one order."""
    pairs = [(Person, m.name) for m in extraction.officials]
    pairs += [(Person, p.name) for event in extraction.events for p in event.participants]
    pairs += [(Organization, clean_name(m.name)[:300]) for m in extraction.organizations]
    # The posts the titles name and their organisations (articles/posts.py creates them)
    posts = [p for o in extraction.officials for p in o.posts] + [
        p for e in extraction.events for x in e.participants for p in x.posts]
    pairs += [(Post, clean_name(p.name)[:300]) for p in posts]
    pairs += [(Organization, clean_name(p.organization)[:300]) for p in posts if p.organization]
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


@dataclass
class FoundParticipant:
    """One person at one meeting, as the extractor found them (resolved to a person or not)."""

    person: object
    name: str
    role: str
    titles: list = field(default_factory=list)
    evidence: str = ""
    note: str = ""

    @property
    def identity(self):
        """A person is at a meeting once: by person when resolved, else by name as written."""
        return ("person", self.person.pk) if self.person else ("name", name_key(self.name))


def participants_of(event, resolver):
    """The event's participants, one per person: a person the text gives two roles keeps the
    stronger (people.models.ROLE_PRECEDENCE) and the titles of both."""
    found = {}
    for p in event.participants:
        res = resolver(p.name, p.titles)
        candidate = FoundParticipant(
            person=res.person, name=p.name[:200], role=p.role, titles=list(p.titles or []),
            evidence=p.sentence or event.sentence or "", note=res.note[:300],
        )
        same = found.get(candidate.identity)
        if same is None:
            found[candidate.identity] = candidate
            continue
        if stronger_role(candidate.role, same.role) != same.role:
            same.role, same.evidence = candidate.role, candidate.evidence
        same.titles += [t for t in candidate.titles if t not in same.titles]
    return list(found.values())


def create_participation(meeting, participant):
    return Participation.objects.create(
        meeting=meeting,
        person=participant.person,
        role=participant.role,
        name_as_written=participant.name,
        titles_as_written=list(participant.titles),
        evidence=participant.evidence,
        origin=Participation.Origin.EXTRACTED,
        resolution_note=participant.note,
    )


def store_participations(meeting, event, resolver):
    for participant in participants_of(event, resolver):
        create_participation(meeting, participant)


def meeting_fields(event, headline):
    kind_text = (event.kind or "")[:100]
    return {
        "kind": Meeting.kind_from_text(kind_text) if kind_text else Meeting.Kind.OTHER,
        "kind_text": kind_text,
        "date": event.date,
        "date_text": (event.date_text or "")[:50],
        "date_basis": event.date_basis if event.date_basis in Meeting.DateBasis.values else "",
        "date_evidence": (event.date_evidence or "")[:300],
        "title": (headline or "")[:500],
    }


def organizer_for(event, organizations):
    """The organisation the extractor says held ``event`` (one of the article's), or None."""
    org = organization_named(event.organizer) if event.organizer else None
    return org if org is not None and org in organizations else None


def store_meetings(article, extraction, resolver, organizations):
    from articles import posts  # articles.posts writes through this module's organisations

    with posts.deferred():  # titles are read into posts once the meetings are the article's
        for event in extraction.events:
            meeting = Meeting.objects.create(
                organizer=organizer_for(event, organizations), **meeting_fields(event, article.headline)
            )
            store_participations(meeting, event, resolver)
            article.meetings.add(meeting)


def store_organizations(article, extraction):
    orgs = []
    for mention in extraction.organizations:
        if not mention.resolved:
            continue  # a bare "Thành ủy" of a place the text leaves open is no organisation of its own
        org = organization_for(mention)
        if org and org not in orgs:
            orgs.append(org)
    by_name = {org.name: org for org in orgs}
    for mention in extraction.organizations:  # a body named before the one it belongs to
        child, parent = by_name.get(clean_name(mention.name)[:300]), by_name.get(mention.parent or "")
        if mention.resolved and child and parent and child.parent_id is None and child.pk != parent.pk:
            child.parent = parent
            child.save(update_fields=["parent"])
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

