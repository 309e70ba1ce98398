"""Review and publication: what staff do to articles after they are in (publish, correct,
resolve a name, re-extract, delete). Getting files in is articles/ingestion.py.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from articles import extraction as engine
from articles import facts, ingestion
from articles.models import Article, Original
from people import services as people_services
from people.models import Meeting, Participation, Status
from people.names import clean_name, name_key
from people.services import MEETING_EXTRACTED_FIELDS, activity_recount

# --------------------------------------------------------------------------- review and publication


@transaction.atomic
def publish_articles(*, articles):
    """Publish articles and the meetings they report. Returns the number of articles published."""
    ids = [a.pk for a in articles]
    count = Article.objects.filter(pk__in=ids).exclude(status=Status.PUBLISHED).update(
        status=Status.PUBLISHED, updated_at=timezone.now()
    )
    people_services.set_meetings_status(meetings=Meeting.objects.filter(articles__pk__in=ids), status=Status.PUBLISHED)
    return count


@transaction.atomic
def unpublish_articles(*, articles):
    """Back to draft; their meetings too, unless another published article still reports them."""
    ids = [a.pk for a in articles]
    count = Article.objects.filter(pk__in=ids, status=Status.PUBLISHED).update(
        status=Status.DRAFT, updated_at=timezone.now()
    )
    still_reported = Meeting.objects.filter(articles__status=Status.PUBLISHED).exclude(articles__pk__in=ids)
    people_services.set_meetings_status(
        meetings=Meeting.objects.filter(articles__pk__in=ids).exclude(pk__in=still_reported), status=Status.DRAFT
    )
    return count


def record_staff_edits(*, obj, changed_fields):
    """Remember which fields staff changed by hand, so re-extraction never undoes them."""
    extracted = facts.ARTICLE_EXTRACTED_FIELDS if isinstance(obj, Article) else MEETING_EXTRACTED_FIELDS
    edited = set(obj.edited_fields or []) | {f for f in changed_fields if f in extracted}
    obj.edited_fields = sorted(edited)


@transaction.atomic
def resolve_mention(*, mention, person):
    """Staff decided who a mention refers to; the article's unresolved participants of that name follow."""
    mention.person = person
    mention.resolution_note = ""
    mention.save(update_fields=["person", "resolution_note"])
    key = name_key(mention.name_as_written)
    unresolved = Participation.objects.filter(meeting__articles=mention.article_id, person__isnull=True)
    for participation in unresolved:
        if name_key(participation.name_as_written) != key:
            continue
        already = Participation.objects.filter(meeting=participation.meeting_id, person=person, role=participation.role)
        if already.exists():
            participation.delete()  # the same fact, already linked
        else:
            participation.person = person
            participation.resolution_note = ""
            participation.save(update_fields=["person", "resolution_note"])
    return mention


def create_person_from_mention(*, mention):
    from people.services import create_person

    person = create_person(full_name=mention.name_as_written)
    return resolve_mention(mention=mention, person=person)


@dataclass
class ReextractReport:
    article: Article
    changed_fields: list[str] = field(default_factory=list)
    kept_fields: list[str] = field(default_factory=list)
    added_officials: list[str] = field(default_factory=list)
    removed_officials: list[str] = field(default_factory=list)
    error: str = ""

    def __str__(self):
        parts = [f"Bài #{self.article.pk}"]
        if self.error:
            parts.append(f"trích xuất lỗi: {self.error}")
        parts.append("trường thay đổi: " + (", ".join(self.changed_fields) or "không có"))
        if self.kept_fields:
            parts.append("giữ bản sửa tay: " + ", ".join(self.kept_fields))
        if self.added_officials:
            parts.append("thêm: " + ", ".join(self.added_officials))
        if self.removed_officials:
            parts.append("bỏ: " + ", ".join(self.removed_officials))
        return "; ".join(parts)


@transaction.atomic
@activity_recount()  # participations of a published meeting re-stored: one recount per person
def reextract_article(*, article):
    """Run the current extractor again on the stored original.

    Fields staff edited by hand (``edited_fields``) are kept, mentions are recomputed (keeping
    the persons they were linked to), extracted participations are replaced and staff ones
    kept. Returns a :class:`ReextractReport` saying what changed.
    """
    article = Article.objects.select_related("original").get(pk=article.pk)
    report = ReextractReport(article=article)
    original = article.original
    published = timezone.localdate(article.published_at) if article.published_at else None
    try:
        data, filename = ingestion.extraction_input(original)
        extraction = engine.extract_upload(data, filename=filename, published=published)
    except Exception as exc:
        report.error = f"{type(exc).__name__}: {exc}"[:2000]
        article.extraction_error = report.error
        article.extractor_version = engine.EXTRACTOR_VERSION
        article.save(update_fields=["extraction_error", "extractor_version", "updated_at"])
        return report

    fields = facts.article_fields(extraction, source_name=None, published=None)
    # The outlet chosen at upload time (or by staff) stays; the date falls back to the one stored.
    fields["source"] = article.source or fields["source"]
    fields["published_at"] = fields["published_at"] or article.published_at
    for name, value in fields.items():
        if name in facts.ARTICLE_EXTRACTED_FIELDS and name in article.edited_fields:
            if getattr(article, name) != value:
                report.kept_fields.append(name)
            continue
        if getattr(article, name) != value:
            if name in facts.ARTICLE_EXTRACTED_FIELDS:
                report.changed_fields.append(name)
            setattr(article, name, value)
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    article.extraction_warnings = list(article.extraction_warnings) + [
        f"Trích xuất lại {stamp} (phiên bản {engine.EXTRACTOR_VERSION}): " + (", ".join(report.changed_fields) or "không đổi")
    ]
    article.save()

    # Mentions: recomputed; a person staff (or earlier resolution) linked to a name stays linked.
    old = list(article.mentions.all())
    previous = {m.name_key: m.person for m in old if m.person_id}
    old_names = {m.name_key: m.name_as_written for m in old}
    article.mentions.all().delete()
    resolver = facts.Resolver(when=timezone.localdate(article.published_at) if article.published_at else None, previous=previous)
    facts.store_mentions(article, extraction, resolver)
    new_names = {name_key(m.name): clean_name(m.name) for m in extraction.officials}
    report.added_officials = sorted(v for k, v in new_names.items() if k not in old_names)
    report.removed_officials = sorted(v for k, v in old_names.items() if k not in new_names)

    organizations = facts.store_organizations(article, extraction)

    # Meetings: matched in order; staff-edited fields and staff participations stay.
    meetings = list(article.meetings.order_by("pk"))
    for index, event in enumerate(extraction.events):
        if index < len(meetings):
            meeting = meetings[index]
            for name, value in facts.meeting_fields(event, article.headline).items():
                if name not in meeting.edited_fields:
                    setattr(meeting, name, value)
            meeting.save()
            meeting.participations.filter(origin=Participation.Origin.EXTRACTED).delete()
            taken = set(
                meeting.participations.filter(person__isnull=False).values_list("person_id", "role")
            )
            facts.store_participations(meeting, event, resolver, taken=taken)
        else:
            organizer = organizations[0] if len(organizations) == 1 else None
            meeting = Meeting.objects.create(organizer=organizer, **facts.meeting_fields(event, article.headline))
            facts.store_participations(meeting, event, resolver)
            article.meetings.add(meeting)
    for meeting in meetings[len(extraction.events):]:
        staff_made = meeting.edited_fields or meeting.participations.filter(origin=Participation.Origin.STAFF).exists()
        if not staff_made and meeting.articles.count() == 1:
            meeting.delete()
    return report


@transaction.atomic
@activity_recount()
def delete_article(*, article):
    """Delete an article with its original upload (so the same file can be uploaded again).

    The meetings it reported must not outlive their source in public: a meeting no other article
    reports is deleted (kept as a draft if staff worked on it), and one that only drafts still
    report goes back to draft.
    """
    meeting_ids = list(article.meetings.values_list("pk", flat=True))
    original_id = article.original_id
    article.delete()
    Original.objects.filter(pk=original_id).delete()
    for meeting in Meeting.objects.filter(pk__in=meeting_ids):
        staff_made = meeting.edited_fields or meeting.participations.filter(origin=Participation.Origin.STAFF).exists()
        if not meeting.articles.exists() and not staff_made:
            meeting.delete()
        elif not meeting.articles.filter(status=Status.PUBLISHED).exists():
            people_services.set_meetings_status(meetings=Meeting.objects.filter(pk=meeting.pk), status=Status.DRAFT)
