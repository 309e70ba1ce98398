"""Plain functions that build archive rows with the ORM (no ingestion involved)."""

import datetime
import hashlib
import itertools

from django.utils import timezone

from articles.models import Article, Mention, Original, Source
from people.models import Meeting, Organization, Participation, Person, PersonAlias, Role, Status

_counter = itertools.count(1)


def make_person(full_name="Đinh Tiến Dũng", **kwargs):
    return Person.objects.create(full_name=full_name, **kwargs)


def make_alias(person, name):
    return PersonAlias.objects.create(person=person, name=name)


def make_source(name="Báo Chính phủ", **kwargs):
    return Source.objects.create(name=name, **kwargs)


def make_organization(name="Thành ủy Hà Nội", **kwargs):
    return Organization.objects.create(name=name, **kwargs)


def make_original(text=None):
    n = next(_counter)
    content = (text or f"original {n}").encode() + f"\n#{n}".encode()
    return Original.objects.create(
        content=content, filename=f"bai-{n}.txt", size=len(content), sha256=hashlib.sha256(content).hexdigest()
    )


def aware(year, month=1, day=1, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def make_article(
    headline="Hội nghị Thành ủy",
    body="",
    *,
    status=Status.PUBLISHED,
    source=None,
    published_at=None,
    url=None,
    meetings=(),
    organizations=(),
    **kwargs,
):
    n = next(_counter)
    article = Article.objects.create(
        headline=headline,
        body=body,
        status=status,
        source=source,
        published_at=published_at if published_at is not None else aware(2024, 3, 1),
        url=url if url is not None else f"https://example.vn/bai-{n}.html",
        original=make_original(f"{headline}\n{body}"),
        **kwargs,
    )
    if meetings:
        article.meetings.set(meetings)
    if organizations:
        article.organizations.set(organizations)
    return article


def make_meeting(title="Hội nghị Ban Chấp hành", *, status=Status.PUBLISHED, date=None, kind=Meeting.Kind.CONFERENCE, **kwargs):
    return Meeting.objects.create(
        title=title, status=status, date=date if date is not None else datetime.date(2024, 3, 1), kind=kind, **kwargs
    )


def make_published_meeting(title="Hội nghị Ban Chấp hành", *, chair=None, attendees=(), article=None, **kwargs):
    """A published meeting, its chair and attendees (Person or name string), reported by ``article``."""
    meeting = make_meeting(title, **kwargs)
    if chair is not None:
        add_participation(meeting, chair, role=Role.CHAIR, titles=["Bí thư Thành ủy"])
    for attendee in attendees:
        add_participation(meeting, attendee, role=Role.ATTENDEE)
    if article is not None:
        article.meetings.add(meeting)
    return meeting


def add_participation(meeting, who, *, role=Role.ATTENDEE, titles=(), evidence=""):
    person = who if isinstance(who, Person) else None
    name = who.full_name if person else who
    return Participation.objects.create(
        meeting=meeting,
        person=person,
        role=role,
        name_as_written=name,
        titles_as_written=list(titles),
        evidence=evidence or f"{name} dự hội nghị.",
    )


def make_mention(article, person, *, name=None, titles=(), evidence="", start=None, end=None):
    name = name or person.full_name
    if start is None and name in (article.body or ""):
        start = article.body.index(name)
        end = start + len(name)
    return Mention.objects.create(
        article=article,
        person=person,
        name_as_written=name,
        titles_as_written=list(titles),
        evidence=evidence or f"{name} phát biểu.",
        start=start,
        end=end,
    )
