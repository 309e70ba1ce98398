"""Review and publication: what staff do to articles after they are in (publish, correct,
resolve a name, mark reviewed, delete). Getting files in is articles/ingestion.py; running the
extractor again is articles/reextraction.py; what a staff edit locks is people/locks.py.
"""

from django.db import transaction
from django.utils import timezone

from articles import posts
from articles.models import Article, Original
from people import history, locks
from people import services as people_services
from people.models import ChangeKind, Meeting, Participation, Status
from people.names import name_key
from people.services import activity_recount

# --------------------------------------------------------------------------- review and publication


def _set_status(articles, status, *, now):
    for article in articles:
        article.status, article.updated_at = status, now
    return history.bulk_update(articles, Article, ["status", "updated_at"])


@transaction.atomic
@activity_recount()
def publish_articles(*, articles):
    """Publish articles and the meetings they report. Returns the number of articles published."""
    ids = [a.pk for a in articles]
    with history.unless_given(ChangeKind.PUBLISH):
        count = _set_status(
            list(Article.objects.filter(pk__in=ids).exclude(status=Status.PUBLISHED).defer("body")),
            Status.PUBLISHED, now=timezone.now(),
        )
        people_services.set_meetings_status(meetings=Meeting.objects.filter(articles__pk__in=ids), status=Status.PUBLISHED)
        posts.recount_reported(meeting_ids=Meeting.objects.filter(articles__pk__in=ids).values_list("pk", flat=True))
        posts.recount_mentioned(article_ids=ids)
    return count


@transaction.atomic
@activity_recount()
def unpublish_articles(*, articles):
    """Back to draft; their meetings too, unless another published article still reports them."""
    ids = [a.pk for a in articles]
    with history.unless_given(ChangeKind.PUBLISH):
        count = _set_status(
            list(Article.objects.filter(pk__in=ids, status=Status.PUBLISHED).defer("body")), Status.DRAFT, now=timezone.now()
        )
        still_reported = Meeting.objects.filter(articles__status=Status.PUBLISHED).exclude(articles__pk__in=ids)
        people_services.set_meetings_status(
            meetings=Meeting.objects.filter(articles__pk__in=ids).exclude(pk__in=still_reported), status=Status.DRAFT
        )
        posts.recount_reported(meeting_ids=Meeting.objects.filter(articles__pk__in=ids).values_list("pk", flat=True))
        posts.recount_mentioned(article_ids=ids)
    return count


@transaction.atomic
def mark_reviewed(*, article, user):
    """Staff checked every fact of the article: it leaves the top of the review queue."""
    article.reviewed_at, article.reviewed_by = timezone.now(), user
    with history.unless_given(ChangeKind.STAFF_EDIT):
        article.save(update_fields=["reviewed_at", "reviewed_by", "updated_at"])


@transaction.atomic
def edit_article(*, article, changes):
    """Staff set article fields ({name: value}); the extracted ones are locked. Returns the changed names."""
    changed = [name for name, value in changes.items() if getattr(article, name) != value]
    for name in changed:
        setattr(article, name, changes[name])
    locks.record_staff_edits(obj=article, changed_fields=changed)
    if changed:
        with history.unless_given(ChangeKind.STAFF_EDIT):
            article.save()
    return changed


@transaction.atomic
def resolve_mention(*, mention, person):
    """Staff decided who a mention refers to; the article's unresolved participants of that name follow."""
    with history.unless_given(ChangeKind.STAFF_EDIT):
        mention.person = person
        mention.resolution_note = ""
        locks.record_staff_edits(obj=mention, changed_fields=["person"])
        mention.save(update_fields=["person", "resolution_note", "edited_fields"])
        key = name_key(mention.name_as_written)
        unresolved = Participation.objects.filter(meeting__articles=mention.article_id, person__isnull=True)
        for participation in unresolved:
            if name_key(participation.name_as_written) != key:
                continue
            if Participation.objects.filter(meeting=participation.meeting_id, person=person).exists():
                participation.delete()  # the same person, already at that meeting
            else:
                participation.person = person
                participation.resolution_note = ""
                locks.record_staff_edits(obj=participation, changed_fields=["person"])
                participation.save(update_fields=["person", "resolution_note", "edited_fields"])
    return mention


def create_person_from_mention(*, mention):
    person = people_services.create_person(full_name=mention.name_as_written)
    return resolve_mention(mention=mention, person=person)


@transaction.atomic
@activity_recount()
def delete_article(*, article):
    """Delete an article with its original upload (so the same file can be uploaded again).

    The meetings it reported must not outlive their source in public: a meeting no other article
    reports is deleted (kept as a draft if staff worked on it), and one that only drafts still
    report goes back to draft.
    """
    meeting_ids = list(article.meetings.values_list("pk", flat=True))
    posts.recount_reported(meeting_ids=meeting_ids)  # at the end of the block: counted without this article
    original_id = article.original_id
    with history.unless_given(ChangeKind.STAFF_EDIT):
        article.delete()
        Original.objects.filter(pk=original_id).delete()
        for meeting in Meeting.objects.filter(pk__in=meeting_ids):
            if not meeting.articles.exists() and not locks.staff_made(meeting):
                meeting.delete()
            elif not meeting.articles.filter(status=Status.PUBLISHED).exists():
                people_services.set_meetings_status(meetings=Meeting.objects.filter(pk=meeting.pk), status=Status.DRAFT)


def record_removed_mentions(*, mentions):
    """Staff removed these mentions (not a person, not this article's): their names stay out of
    the article when it is re-extracted, as a participant removed from a meeting does
    (``Meeting.removed_names``). The caller deletes them."""
    for mention in mentions:
        article = mention.article
        key = mention.name_key or name_key(mention.name_as_written)
        if key not in (article.removed_names or []):
            article.removed_names = sorted({*(article.removed_names or []), key})
            article.save(update_fields=["removed_names", "updated_at"])
