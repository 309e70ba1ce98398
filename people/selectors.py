"""Reads about persons that more than one page needs."""

from collections import defaultdict
from datetime import date

from django.db import connections
from django.db.models import Exists, F, OuterRef

from people.models import Meeting, Participation, PostEvidence, Status, Tenure


def at_a_meeting_of_its_article():
    """For a mention: its person took part in a published meeting its article reports."""
    return Exists(
        Participation.objects.filter(
            person_id=OuterRef("person_id"), meeting__status=Status.PUBLISHED, meeting__articles=OuterRef("article_id")
        )
    )


def title_mentions(mentions):
    """The one rule for a person's titles at a meeting: they come from the participation (where
    staff correct them), never from the article's mention of the same person beside it.

    Narrows ``mentions`` (a queryset of mentions) to those that still speak for a title: the
    ones whose person took part in no published meeting their article reports. Every page that
    lists titles (person timeline, meeting page, article page, CSV, JSON) reads participations
    for meetings and only these mentions for articles, so a corrected title shows everywhere and
    the uncorrected one nowhere.
    """
    return mentions.exclude(at_a_meeting_of_its_article())


# --- Posts and tenures (people/tenures.py keeps them) ---------------------------------------------

EVIDENCE_PER_HOLDER = 20  # newest evidence rows listed per holder on a post page


def public_tenures():
    """Tenures the public sees: evidenced by published meetings, not denied by staff."""
    return Tenure.objects.filter(not_this_person=False, evidence_count__gt=0)


def _by_span(tenures):
    return sorted(tenures, key=lambda t: (t.since or date.max, t.until or date.max, t.pk))


def person_tenures(*, person):
    """Every post a person held over the whole career (one query), oldest first."""
    return _by_span(public_tenures().filter(person=person).select_related("post", "post__organization"))


def current_posts(*, person_ids):
    """{person id: Post} — the post each person was last evidenced in (one query)."""
    best = {}
    for t in public_tenures().filter(person_id__in=list(person_ids)).select_related("post", "post__organization"):
        key = (t.until or date.min, t.evidence_count, t.pk)
        if t.person_id not in best or key > best[t.person_id][0]:
            best[t.person_id] = (key, t.post)
    return {pk: post for pk, (_, post) in best.items()}


def held_on(tenures, day):
    """The tenures (of one post) whose span, as staff set it or as evidenced, covers ``day``."""
    return [t for t in tenures if t.since and t.until and t.since <= day <= t.until]


def _ids_of(querysets):
    """The ids the LIMITed ``querysets`` (of one model, selecting ``pk``) give, in one UNION ALL
    (each wrapped: SQLite allows no LIMIT in a compound statement's own members)."""
    parts, params = [], []
    for i, qs in enumerate(querysets):
        sql, p = qs.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part{i}")
        params += p
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [row[0] for row in cursor.fetchall()]


EVIDENCE_HOLDERS = 40  # holders (the most recent) whose evidence the post page lists


def post_page(*, post, evidence_limit=EVIDENCE_PER_HOLDER):
    """Holders of ``post`` as a timeline, with the newest evidence of each: two queries (two more
    when a holder is known from articles' mentions only).

    The evidence: the ids of a LIMITed list per holder in one UNION ALL (each walks the best index
    for its holder: a busy one's meetings by date, a rare one's own participations), then those
    rows. Ranking every piece of evidence of the post (a window) grew with the archive.
    """
    holders = _by_span(public_tenures().filter(post=post).select_related("person"))
    evidence = defaultdict(list)
    recent = sorted(holders, key=lambda t: (t.until or date.min, t.pk), reverse=True)[:EVIDENCE_HOLDERS]
    if recent:
        newest = [F("participation__meeting__date").desc(nulls_last=True), F("participation__meeting_id").desc()]
        lists = [
            PostEvidence.objects.filter(
                post=post, participation__person_id=t.person_id, participation__meeting__status=Status.PUBLISHED
            ).order_by(*newest).values("pk")[:evidence_limit]
            for t in recent
        ]
        rows = PostEvidence.objects.filter(pk__in=_ids_of(lists)).select_related(
            "participation", "participation__meeting").order_by(*newest)
        for row in rows:
            evidence[row.participation.person_id].append(row)
    named = _mention_evidence(post=post, person_ids=[t.person_id for t in recent if not evidence.get(t.person_id)],
                              limit=evidence_limit)
    for tenure in holders:
        tenure.recent_evidence = evidence.get(tenure.person_id, [])
        tenure.recent_mentions = named.get(tenure.person_id, [])
    return holders


def _mention_evidence(*, post, person_ids, limit):
    """{person id: newest published articles' mentions whose titles name ``post``}, for holders no
    meeting evidences (two queries, none when every holder has a meeting). The rows are the
    articles app's, read through ``Post.mention_evidence`` (people never imports articles)."""
    if not person_ids:
        return {}
    newest = [F("mention__article__published_at").desc(nulls_last=True), F("mention_id").desc()]
    lists = [
        post.mention_evidence.filter(mention__person_id=pk, mention__article__status=Status.PUBLISHED)
        .order_by(*newest).values("pk")[:limit]
        for pk in person_ids
    ]
    rows = post.mention_evidence.model.objects.filter(pk__in=_ids_of(lists)).select_related(
        "mention", "mention__article").order_by(*newest)
    found = defaultdict(list)
    for row in rows:
        found[row.mention.person_id].append(row)
    return found


ORGANIZATION_MEETINGS = 20  # newest published meetings listed on an organisation page


def organization_page(*, organization, limit=ORGANIZATION_MEETINGS):
    """An organisation's posts with their holder as last evidenced, and its newest meetings with
    their total: three queries whatever its size."""
    posts = {}
    for t in public_tenures().filter(post__organization=organization).select_related("post", "person"):
        key = (t.until or date.min, t.evidence_count, t.pk)
        if t.post_id not in posts or key > posts[t.post_id][0]:
            posts[t.post_id] = (key, t)
    meetings = Meeting.objects.filter(organizer=organization, status=Status.PUBLISHED).select_related("organizer")
    listed = list(meetings.order_by(F("date").desc(nulls_last=True), "-id")[:limit])
    return {
        "posts": sorted((t for _, t in posts.values()), key=lambda t: t.post.name),
        "meetings": listed,
        # Always counted, so the page takes the same queries at every size. A COUNT(*) OVER () on
        # the listed rows saved the statement but sorted every meeting first (p95 28 → 174 ms at 200k).
        "meetings_total": meetings.count(),
    }
