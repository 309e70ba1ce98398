"""Titles → posts, on the articles side (people never parses a title): every write of a
participation's titles, wherever it comes from (ingestion, re-extraction, the review screen, the
admin, a merge), ends here through a post_save receiver, and the posts go to people.tenures.

A title is read with the places its article is about ("Bí thư Thành ủy" in an article about Hà
Nội is "Bí thư Thành ủy Hà Nội"): ``home_of(article)``. A title whose organisation stays unclear,
a former post ("nguyên …") and a role at one meeting ("Trưởng đoàn") give no post.
"""

import contextlib
import contextvars

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from articles import facts
from articles.extraction.normalize import retone
from articles.extraction.organizations import home_places_of
from articles.extraction.pipeline import MAX_ANALYSED_CHARS
from articles.extraction.posts import is_single_holder, posts_of_titles
from articles.extraction.results import OrganizationMention
from articles.models import Article, Mention, MentionPost
from people.models import Participation, Status
from people.services import refresh_activity
from people.tenures import PostSpec, post_for, set_post_evidence


def home_of(article):
    """The places ``article`` is about, at each level (for a bare "Thành ủy", "UBND tỉnh")."""
    if article is None:
        return {}
    body = article.body or ""
    m = retone(body[:MAX_ANALYSED_CHARS])
    # Every place an official's name is written ("Bí thư Tỉnh ủy Chẩu Văn Lâm": a name, no place);
    # a mention keeps only its first position.
    spans = []
    for name in set(article.mentions.values_list("name_as_written", flat=True)):
        name = retone(name)
        at = m.find(name)
        while name and at >= 0:
            spans.append((at, at + len(name)))
            at = m.find(name, at + 1)
    return home_places_of(m, spans)


def specs_for(titles, *, home, organizations=None):
    """The posts ``titles`` name, as people.tenures takes them (``organizations``: name → row, reused)."""
    organizations = {} if organizations is None else organizations
    specs = []
    for title, post in posts_of_titles(list(titles or []), home=home):
        if not post.resolved or post.former:
            continue
        org = None
        if post.org is not None:
            if post.org.name not in organizations:
                parent = post.org.parent.name if post.org.parent else None
                organizations[post.org.name] = facts.organization_for(
                    OrganizationMention(post.org.name, post.org.kind, parent=parent))
            org = organizations[post.org.name]
        specs.append(PostSpec(post.name, post.role, org, is_single_holder(post.role), str(title)))
    return specs


def refresh_participations(participations, *, homes=None, organizations=None, posts=None):
    """Re-read the titles of ``participations`` into posts (``homes``: article id → home, reused).
    A participation is read with the places of the first article reporting its meeting."""
    participations = list(participations)
    homes = {} if homes is None else homes
    first_article = {}
    for meeting_id, article_id in (
        Article.meetings.through.objects.filter(meeting_id__in={p.meeting_id for p in participations})
        .order_by("article_id").values_list("meeting_id", "article_id")
    ):
        first_article.setdefault(meeting_id, article_id)
    missing = {pk for pk in first_article.values() if pk not in homes}
    for article in Article.objects.filter(pk__in=missing).only("pk", "body"):
        homes[article.pk] = home_of(article)
    organizations = {} if organizations is None else organizations
    posts = {} if posts is None else posts
    for participation in participations:
        home = homes.get(first_article.get(participation.meeting_id), {})
        specs = specs_for(participation.titles_as_written, home=home, organizations=organizations)
        set_post_evidence(participation=participation, specs=specs, posts=posts)


def refresh_mentions(mentions, *, homes=None, organizations=None, posts=None):
    """Re-read the titles of ``mentions`` into posts (articles.MentionPost), with their article's
    places; the persons' tenures follow when the article is public."""
    mentions = list(mentions)
    homes = {} if homes is None else homes
    missing = {m.article_id for m in mentions if m.article_id not in homes}
    for article in Article.objects.filter(pk__in=missing).only("pk", "body"):
        homes[article.pk] = home_of(article)
    stored = {}
    for mention_id, post_id, title in MentionPost.objects.filter(mention__in=mentions).values_list(
            "mention_id", "post_id", "title_as_written"):
        stored.setdefault(mention_id, {})[post_id] = title
    organizations = {} if organizations is None else organizations
    posts = {} if posts is None else posts
    recount, stale, new = set(), [], []
    for mention in mentions:
        wanted = {}
        for spec in specs_for(mention.titles_as_written, home=homes.get(mention.article_id, {}), organizations=organizations):
            if spec.name not in posts:
                posts[spec.name] = post_for(name=spec.name, role=spec.role, organization=spec.organization,
                                            single_holder=spec.single_holder)
            wanted.setdefault(posts[spec.name].pk, spec.title[:300])
        if stored.get(mention.pk, {}) == wanted:
            continue
        stale.append(mention.pk)
        new += [MentionPost(mention=mention, post_id=pk, title_as_written=t) for pk, t in wanted.items()]
        if mention.person_id:
            recount.add(mention.pk)
    MentionPost.objects.filter(mention_id__in=[pk for pk in stale if pk in stored]).delete()
    MentionPost.objects.bulk_create(new)
    if recount:
        refresh_activity(person_ids=Mention.objects.filter(pk__in=recount, article__status=Status.PUBLISHED)
                         .values_list("person_id", flat=True))


_pending = contextvars.ContextVar("pending_post_refresh", default=None)


@contextlib.contextmanager
def deferred():
    """Participations and mentions saved inside the block are read into posts once, at the end
    (ingestion saves participations before their meeting is linked to its article, whose places a
    title needs)."""
    if _pending.get() is not None:
        yield
        return
    pending = {"participations": set(), "mentions": set()}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    shared = {"homes": {}, "organizations": {}, "posts": {}}  # one article's rows name the same posts
    refresh_participations(
        Participation.objects.filter(pk__in=pending["participations"]).select_related("meeting").order_by("pk"), **shared)
    refresh_mentions(Mention.objects.filter(pk__in=pending["mentions"]).order_by("pk"), **shared)


@receiver(post_save, sender=Participation, dispatch_uid="posts_participation_saved")
def _participation_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "titles_as_written" not in update_fields):
        return
    pending = _pending.get()
    if pending is not None:
        pending["participations"].add(instance.pk)
    else:
        refresh_participations([instance])


@receiver(pre_save, sender=Mention, dispatch_uid="posts_mention_before")
def _mention_before(sender, instance, raw=False, **kwargs):
    instance._person_before = None
    if not raw and instance.pk and not instance._state.adding:
        instance._person_before = Mention.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()


@receiver(post_save, sender=Mention, dispatch_uid="posts_mention_saved")
def _mention_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    before = getattr(instance, "_person_before", None)
    if before != instance.person_id and instance.article.status == Status.PUBLISHED:
        refresh_activity(person_ids=[before, instance.person_id])  # staff said who it is: both change
    if update_fields is not None and "titles_as_written" not in update_fields:
        return
    pending = _pending.get()
    if pending is not None:
        pending["mentions"].add(instance.pk)
    else:
        refresh_mentions([instance])


@receiver(post_delete, sender=Mention, dispatch_uid="posts_mention_deleted")
def _mention_deleted(sender, instance, **kwargs):
    if instance.person_id:
        refresh_activity(person_ids=[instance.person_id])


def recount_mentioned(*, article_ids):
    """The persons mentioned in ``article_ids``, recounted (an article published, unpublished)."""
    refresh_activity(person_ids=Mention.objects.filter(article_id__in=list(article_ids), person__isnull=False)
                     .order_by().values_list("person_id", flat=True).distinct())


def recount_reported(*, meeting_ids):
    """A tenure counts the published articles reporting its meetings: recount the participants
    of ``meeting_ids`` after an article about them is linked, unlinked, published or deleted."""
    refresh_activity(
        person_ids=Participation.objects.filter(
            meeting_id__in=list(meeting_ids), person__isnull=False, meeting__status=Status.PUBLISHED)
        .order_by().values_list("person_id", flat=True).distinct()
    )


@receiver(m2m_changed, sender=Article.meetings.through, dispatch_uid="posts_meetings_linked")
def _meetings_linked(sender, instance, action, reverse, pk_set, **kwargs):
    """A meeting linked to an article: its participants' titles are read with that article's places."""
    if action == "pre_clear":
        instance._cleared_meetings = (
            list(instance.meetings.values_list("pk", flat=True)) if not reverse else [instance.pk]
        )
        return
    if action == "post_clear":
        recount_reported(meeting_ids=getattr(instance, "_cleared_meetings", []))
        return
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    meeting_ids = [instance.pk] if reverse else list(pk_set)
    recount_reported(meeting_ids=meeting_ids)
    if action == "post_remove":
        return
    participations = Participation.objects.filter(meeting_id__in=meeting_ids).select_related("meeting").order_by("pk")
    pending = _pending.get()
    if pending is not None:
        pending["participations"].update(participations.values_list("pk", flat=True))
    else:
        refresh_participations(participations)


def rebuild_posts():
    """Read every participation's and mention's titles again (``manage.py refresh_posts``): after a better
    title parser, or a bulk load that bypassed the ORM."""
    homes = {}
    count = 0
    for rows, refresh in (
        (Participation.objects.select_related("meeting").order_by("pk"), refresh_participations),
        (Mention.objects.order_by("pk"), refresh_mentions),
    ):
        batch = []
        for row in rows.iterator(chunk_size=500):
            batch.append(row)
            if len(batch) == 500:
                refresh(batch, homes=homes)
                count, batch, homes = count + len(batch), [], {}
        refresh(batch, homes=homes)
        count += len(batch)
    return count
