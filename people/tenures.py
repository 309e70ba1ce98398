"""Writes about posts and tenures: who held which post, when, as the published news evidence it.

The articles side parses titles into posts (articles/extraction/posts.py) and hands them here
(``post_for``, ``set_post_evidence``); people never parses a title. Tenures are derived like
PersonActivity: recounted, never incremented, by ``recount_tenures`` wherever the activity of a
person is recounted (people.services._recount), rebuilt by ``manage.py refresh_activity``, and
checked after every test (``tenure_drift``). What staff set on a tenure (start, end, "not this
person") is theirs: a recount keeps it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q
from django.utils import timezone

from people.models import CHAIR_ROLES, Organization, Participation, Post, PostEvidence, Status, Tenure
from people.namelocks import lock_names
from people.names import clean_name, name_key


@dataclass(frozen=True)
class PostSpec:
    """A post as the articles side parsed it from a title."""

    name: str                      # "Bí thư Thành ủy Hà Nội"
    role: str                      # "Bí thư"
    organization: Organization | None
    single_holder: bool
    title: str                     # the title as written


def post_for(*, name, role, organization=None, single_holder=False):
    """The post of that name (created on first sight, race-free)."""
    name = clean_name(name)[:300]
    with transaction.atomic(savepoint=False):
        lock_names([(Post, name)])
        post = Post.objects.filter(name_key=name_key(name)).first()
        if post is None:
            post = Post.objects.create(name=name, role=role[:100], organization=organization, single_holder=single_holder)
        elif organization is not None and post.organization_id is None:
            post.organization = organization
            post.save(update_fields=["organization"])
        return post


def set_post_evidence(*, participation, specs, posts=None):
    """The posts ``participation``'s titles name are ``specs`` (list of PostSpec): evidence rows
    added and removed to match; the person's tenures follow when the meeting is public.
    ``posts``: name → Post already looked up (a batch reuses it)."""
    posts = {} if posts is None else posts
    wanted = {}
    for spec in specs:
        if spec.name not in posts:
            posts[spec.name] = post_for(
                name=spec.name, role=spec.role, organization=spec.organization, single_holder=spec.single_holder)
        wanted.setdefault(posts[spec.name].pk, spec.title[:300])
    current = dict(PostEvidence.objects.filter(participation=participation).values_list("post_id", "title_as_written"))
    if current == wanted:
        return False
    if current:
        PostEvidence.objects.filter(participation=participation).delete()
    PostEvidence.objects.bulk_create(
        [PostEvidence(post_id=pk, participation=participation, meeting_id=participation.meeting_id, title_as_written=t)
         for pk, t in wanted.items()]
    )
    if participation.person_id and participation.meeting.status == Status.PUBLISHED:
        from people.services import refresh_activity  # people.services recounts tenures with the activity

        refresh_activity(person_ids=[participation.person_id])
    return True


# --- Recount ----------------------------------------------------------------------------------------


def mention_evidence_model():
    """The articles app's evidence from mentions (articles.MentionPost), reached through the
    reverse relation of Post (people never imports articles); None without that app."""
    try:
        return Post._meta.get_field("mention_evidence").related_model
    except FieldDoesNotExist:
        return None


def persons_with_evidence(*, using="default"):
    """Every person some evidence (a participation's or a mention's) points at."""
    ids = set(PostEvidence.objects.using(using).values_list("participation__person_id", flat=True))
    model = mention_evidence_model()
    if model is not None:
        ids |= set(model.objects.using(using).values_list("mention__person_id", flat=True))
    return ids - {None}


def _day(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _mentioned(person_ids, *, using="default"):
    """{(person id, post id): counts} over mentions in published articles, where no participation
    speaks for the person (the one-source rule of people.selectors.title_mentions); dated by the
    article's publication."""
    model = mention_evidence_model()
    if model is None:
        return {}
    at_a_meeting = Exists(Participation.objects.using(using).filter(
        person_id=OuterRef("mention__person_id"), meeting__status=Status.PUBLISHED,
        meeting__articles=OuterRef("mention__article_id"),
    ))
    rows = (
        model.objects.using(using)
        .filter(mention__person_id__in=person_ids, mention__article__status=Status.PUBLISHED)
        .exclude(at_a_meeting)
        .values(person=F("mention__person_id"), post_ref=F("post_id"))
        .annotate(
            first=Min("mention__article__published_at"), last=Max("mention__article__published_at"),
            n=Count("mention", distinct=True), articles=Count("mention__article", distinct=True),
        )
        .order_by()
    )
    return {(r["person"], r["post_ref"]): (_day(r["first"]), _day(r["last"]), r["n"], r["articles"], 0) for r in rows}


def _combined(a, b):
    firsts = [d for d in (a[0], b[0]) if d is not None]
    lasts = [d for d in (a[1], b[1]) if d is not None]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None, a[2] + b[2], a[3] + b[3], a[4] + b[4])


def _evidenced(person_ids, *, using="default"):
    """{(person id, post id): (first, last, evidence, articles, chaired)} over the evidence of
    published meetings and of mentions in published articles."""
    counts = _participated(person_ids, using=using)
    for key, values in _mentioned(person_ids, using=using).items():
        counts[key] = _combined(counts[key], values) if key in counts else values
    return counts


def _participated(person_ids, *, using="default"):
    """{(person id, post id): counts} over the evidence of published meetings."""
    rows = (
        PostEvidence.objects.using(using).filter(participation__person_id__in=person_ids, participation__meeting__status=Status.PUBLISHED)
        .values(person=F("participation__person_id"), post_ref=F("post_id"))
        .annotate(
            first=Min("participation__meeting__date"),
            last=Max("participation__meeting__date"),
            n=Count("participation", distinct=True),
            chaired=Count("participation", distinct=True, filter=Q(participation__role__in=CHAIR_ROLES)),
            articles=Count(
                "participation__meeting__articles",
                distinct=True,
                filter=Q(participation__meeting__articles__status=Status.PUBLISHED),
            ),
        )
        .order_by()
    )
    return {(r["person"], r["post_ref"]): (r["first"], r["last"], r["n"], r["articles"], r["chaired"]) for r in rows}


DERIVED = ("first_evidenced", "last_evidenced", "evidence_count", "article_count", "chaired_count")


def recount_tenures(person_ids, *, using="default"):
    """Recount the tenures of ``person_ids`` from the evidence (the caller holds their row locks:
    people.services._recount). A tenure without evidence goes, unless staff edited it."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    if not ids:
        return
    counts = _evidenced(ids, using=using)
    existing = {(t.person_id, t.post_id): t for t in Tenure.objects.using(using).filter(person_id__in=ids)}
    create, update, delete = [], [], []
    for key, values in counts.items():
        tenure = existing.get(key)
        if tenure is None:
            create.append(Tenure(person_id=key[0], post_id=key[1], **dict(zip(DERIVED, values, strict=True))))
        elif tuple(getattr(tenure, f) for f in DERIVED) != values:
            for f, v in zip(DERIVED, values, strict=True):
                setattr(tenure, f, v)
            update.append(tenure)
    for key, tenure in existing.items():
        if key in counts:
            continue
        if tenure.edited_fields:
            if tenure.evidence_count:
                for f in DERIVED:
                    setattr(tenure, f, None if f.endswith("evidenced") else 0)
                update.append(tenure)
        else:
            delete.append(tenure.pk)
    Tenure.objects.using(using).filter(pk__in=delete).delete()
    Tenure.objects.using(using).bulk_create(create, batch_size=1000)
    Tenure.objects.using(using).bulk_update(update, DERIVED, batch_size=1000)
    flag_overlaps(post_ids={k[1] for k in counts} | {k[1] for k in existing}, using=using)


def flag_overlaps(*, post_ids, using="default"):
    """Mark the tenures of single-holder posts whose spans (staff dates first, else evidenced)
    cross another holder's: two Bí thư of one Thành ủy on the same date cannot both be true."""
    by_post = defaultdict(list)
    tenures = Tenure.objects.using(using).filter(post_id__in=post_ids).select_related("post")
    for t in tenures:
        by_post[t.post_id].append(t)
    changed = []
    for holders in by_post.values():
        for t in holders:
            flag = t.post.single_holder and not t.not_this_person and any(
                o is not t and not o.not_this_person and _crosses(t, o) for o in holders
            )
            if flag != t.overlaps:
                t.overlaps = flag
                changed.append(t)
    Tenure.objects.using(using).bulk_update(changed, ["overlaps"], batch_size=1000)


def _crosses(a, b):
    if None in (a.since, a.until, b.since, b.until):
        return False
    return a.since <= b.until and b.since <= a.until


def tenure_drift(*, person_ids=None):
    """Persons whose stored tenures differ from a recount (empty when all is well)."""
    if person_ids is None:
        person_ids = persons_with_evidence() | set(Tenure.objects.values_list("person_id", flat=True))
    ids = sorted(person_ids)
    expected = _evidenced(ids)
    found = {(t.person_id, t.post_id): tuple(getattr(t, f) for f in DERIVED)
             for t in Tenure.objects.filter(person_id__in=ids) if t.evidence_count or not t.edited_fields}
    keys = set(expected) | set(found)
    return sorted({k[0] for k in keys if expected.get(k) != found.get(k)})


# --- Staff corrections ------------------------------------------------------------------------------


@transaction.atomic
def edit_tenure(*, tenure, changes):
    """Staff set start, end or "not this person" ({name: value}); each becomes locked (kept on
    every recount). Returns the changed names."""
    changed = [n for n, v in changes.items() if n in Tenure.STAFF_FIELDS and getattr(tenure, n) != v]
    for n in changed:
        setattr(tenure, n, changes[n])
    if changed:
        tenure.edited_fields = sorted(set(tenure.edited_fields or []) | set(changed))
        tenure.save()
        flag_overlaps(post_ids=[tenure.post_id])
    return changed
