"""Writes about persons: resolving a name to a person, adding an alias, merging two persons.

This module never imports ``articles``: rows of other apps that point at a person (mentions)
are found generically through ``Person._meta.related_objects``.
"""

import contextlib
import contextvars
from collections import defaultdict
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import BooleanField, Case, Count, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from people import history, locks, tenures
from people.models import (
    CHAIR_ROLES,
    ChangeKind,
    Meeting,
    Participation,
    Person,
    PersonActivity,
    PersonAlias,
    PersonRedirect,
    Status,
    Tenure,
    stronger_role,
)
from people.namelocks import lock_names
from people.names import clean_name, fold, name_key

# Words that appear in nearly every Vietnamese title: they say nothing about who someone is.
_COMMON_TITLE_WORDS = frozenset(
    "pho bi thu uy vien chu tich truong ban dong chi thanh tinh trung uong dang nhan dan hoi dong va cua".split()
)


@dataclass
class Resolution:
    person: Person | None
    created: bool = False
    note: str = ""


def candidates_for(name):
    """Persons whose name or one of whose aliases has the same name_key (diacritics kept)."""
    key = name_key(clean_name(name))
    if not key:
        return []
    return list(Person.objects.filter(models.Q(name_key=key) | models.Q(aliases__name_key=key)).distinct().order_by("pk"))


def title_words(titles):
    words = set()
    for title in titles or []:
        words.update(fold(title).replace(",", " ").split())
    return words - _COMMON_TITLE_WORDS


def _titles_seen(person):
    """Every title written next to this person, on any row that points at them (mentions, participations)."""
    seen = []
    for rel in Person._meta.related_objects:
        if not rel.one_to_many and not rel.one_to_one:
            continue
        related = rel.related_model
        if not any(f.name == "titles_as_written" for f in related._meta.get_fields()):
            continue
        for titles in related._base_manager.filter(**{rel.field.name: person}).values_list("titles_as_written", flat=True):
            seen.extend(titles or [])
    return seen


def _activity_dates(person):
    return list(
        Participation.objects.filter(person=person, meeting__date__isnull=False).values_list("meeting__date", flat=True)
    )


def _describe(person):
    return f"{person.full_name} (#{person.pk}{', ' + person.description if person.description else ''})"


def pick_among_homonyms(candidates, *, titles=(), when=None):
    """Choose one candidate by the titles written with the name, then by dates; None if still ambiguous."""
    wanted = title_words(titles)
    scored = sorted(
        ((len(wanted & title_words(_titles_seen(c))), c) for c in candidates), key=lambda pair: pair[0], reverse=True
    )
    best_score = scored[0][0]
    best = [c for score, c in scored if score == best_score]
    if best_score > 0 and len(best) == 1:
        return best[0]
    if when is not None and best_score > 0:
        # Titles tie: the candidate active closest in time wins, if clearly closer (more than a year) than the next.
        gaps = []
        for c in best:
            dates = _activity_dates(c)
            if dates:
                gaps.append((min(abs((d - when).days) for d in dates), c))
        gaps.sort(key=lambda pair: pair[0])
        if len(gaps) == 1 and len(best) == 1:
            return gaps[0][1]
        if len(gaps) >= 2 and gaps[1][0] - gaps[0][0] > 365:
            return gaps[0][1]
    return None


def resolve_person(*, name, titles=(), when=None, create=True):
    """The person a name as written refers to.

    No match → a new person (when ``create``); exactly one → that one; several homonyms → the
    titles and dates decide, and if they don't, no person and a note naming the candidates.
    Never guesses silently.
    """
    name = clean_name(name)
    with transaction.atomic(savepoint=False):
        if create and name:
            lock_names([(Person, name)])  # a concurrent ingest of the same new name waits, then finds it
        candidates = candidates_for(name)
        if not candidates:
            if not create or not name:
                return Resolution(None, note="")
            return Resolution(Person.objects.create(full_name=name), created=True)
    if len(candidates) == 1:
        return Resolution(candidates[0])
    chosen = pick_among_homonyms(candidates, titles=titles, when=when)
    if chosen is not None:
        return Resolution(chosen)
    note = "Trùng tên, chưa xác định: " + "; ".join(_describe(c) for c in candidates)
    return Resolution(None, note=note[:300])


def create_person(*, full_name, description=""):
    return Person.objects.create(full_name=full_name, description=description)


def add_alias(*, person, name):
    """Record another spelling of a person's name; returns the alias (existing or new)."""
    name = clean_name(name)
    if not name:
        raise ValueError("Tên khác không được để trống.")
    alias, _ = PersonAlias.objects.get_or_create(person=person, name_key=name_key(name), defaults={"name": name})
    return alias


# --- Activity per month (PersonActivity), and tenures with it -----------------------------------
#
# Tenures (people/tenures.py) are recounted in the same place, for the same persons: every write
# that can change a person's activity can change their posts.
#
# Recounted from the participations, never incremented: a recount is right whatever the write
# was (role changed, person changed, meeting moved to another month, published, deleted).
# Inside ``activity_recount()`` the persons are collected and recounted once at the end, so a
# merge or a batch that touches one person a thousand times recounts them once.

_pending_recount = contextvars.ContextVar("pending_activity_recount", default=None)


@contextlib.contextmanager
def activity_recount():
    """Collect the persons whose activity changes inside the block; recount them once at the end."""
    if _pending_recount.get() is not None:  # nested: the outermost block recounts
        yield
        return
    pending = set()
    token = _pending_recount.set(pending)
    try:
        yield
    finally:
        _pending_recount.reset(token)
    _recount(pending)  # not on an exception: the caller's transaction is being rolled back


def refresh_activity(*, person_ids):
    """Recount the monthly activity of ``person_ids`` now (or at the end of ``activity_recount()``)."""
    ids = {pk for pk in person_ids if pk is not None}
    pending = _pending_recount.get()
    if pending is not None:
        pending |= ids
    elif ids:
        _recount(ids)


ACTIVITY_CHUNK = 500  # persons per recount query


def _recount(person_ids, *, using="default"):
    ids = sorted(person_ids)
    with transaction.atomic(using=using):
        for start in range(0, len(ids), ACTIVITY_CHUNK):
            chunk = ids[start : start + ACTIVITY_CHUNK]
            # Row locks, in id order: two concurrent recounts of one person take turns instead of
            # both deleting and both inserting.
            list(Person.objects.using(using).select_for_update().filter(pk__in=chunk).order_by("pk").values_list("pk", flat=True))
            PersonActivity.objects.using(using).filter(person_id__in=chunk).delete()
            counts = _monthly_counts(Participation.objects.using(using).filter(person_id__in=chunk))
            PersonActivity.objects.using(using).bulk_create(
                [PersonActivity(person_id=pk, month=month, chaired=c, attended=a) for (pk, month), (c, a) in counts.items()],
                batch_size=2000,
            )
            tenures.recount_tenures(chunk, using=using)


def rebuild_activity(*, using="default"):
    """Recount everyone (``manage.py refresh_activity``; after bulk loads that bypass the ORM)."""
    with transaction.atomic(using=using):
        PersonActivity.objects.using(using).all().delete()
        ids = Participation.objects.using(using).filter(person__isnull=False).order_by().values_list("person_id", flat=True)
        ids = set(ids) | set(Tenure.objects.using(using).values_list("person_id", flat=True))
        ids |= tenures.persons_with_evidence(using=using)
        _recount(ids, using=using)


def activity_drift(*, person_ids=None):
    """Persons whose stored activity differs from a recount (empty when all is well)."""
    live = Participation.objects.filter(person__isnull=False)
    stored = PersonActivity.objects.all()
    if person_ids is not None:
        live, stored = live.filter(person_id__in=person_ids), stored.filter(person_id__in=person_ids)
    expected = _monthly_counts(live)
    found = {(r.person_id, r.month): [r.chaired, r.attended] for r in stored}
    keys = set(expected) | set(found)
    return sorted({pk for pk, month in keys if expected.get((pk, month)) != found.get((pk, month))})


def _monthly_counts(participations):
    """{(person id, first of month or None): [chaired, attended]} over the published meetings."""
    chair = Case(When(role__in=CHAIR_ROLES, then=Value(True)), default=Value(False), output_field=BooleanField())
    counts = defaultdict(lambda: [0, 0])
    for row in (
        participations.filter(meeting__status=Status.PUBLISHED)
        .annotate(month=TruncMonth("meeting__date"), chair=chair)
        .values("person_id", "month", "chair")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["person_id"], row["month"]][0 if row["chair"] else 1] += row["n"]
    return counts


@transaction.atomic
@activity_recount()  # the moved participations: one recount of the survivor at the end
def merge_persons(*, survivor, merged):
    """Merge ``merged`` into ``survivor``: every link moves, the merged name becomes an alias,
    the old slug redirects, and ``merged`` is deleted. One transaction, one history operation
    (``history.undo_operation(moved["operation"])`` undoes it).

    Returns a dict of how many rows moved per relation, and the operation id.
    """
    if survivor.pk == merged.pk:
        raise ValueError("Không thể gộp một người với chính họ.")
    moved = {}
    with history.change_reason(ChangeKind.MERGE, note=f"{merged.full_name} (#{merged.pk}) → #{survivor.pk}") as reason:
        moved["participations"] = _move_participations(survivor, merged)
        moved["aliases"] = _move_aliases(survivor, merged)
        redirects = list(PersonRedirect.objects.filter(person=merged))
        for redirect in redirects:
            redirect.person = survivor
            redirect.save(update_fields=["person"])
        moved["redirects"] = len(redirects)

        # Everything else that points at a person (mentions in articles, …), generically. Activity
        # is derived: the merged person's rows go with them, the survivor is recounted below.
        # Tenures too (derived; what staff set on the merged record's tenures goes with it).
        handled = {Participation, PersonAlias, PersonRedirect, PersonActivity, Tenure}
        for rel in Person._meta.related_objects:
            if rel.related_model in handled or not (rel.one_to_many or rel.one_to_one):
                continue
            field, model = rel.field.name, rel.related_model
            rows = model._base_manager.filter(**{field: merged})
            if hasattr(model._meta, "simple_history_manager_attribute"):
                objs = list(rows)
                for obj in objs:
                    setattr(obj, field, survivor)
                history.bulk_update(objs, model, [field])
                moved[rel.get_accessor_name()] = len(objs)
            else:
                moved[rel.get_accessor_name()] = rows.update(**{field: survivor})

        if not survivor.description and merged.description:
            survivor.description = merged.description
            survivor.save()

        old_slug = merged.slug
        merged.delete()
        refresh_activity(person_ids=[survivor.pk])  # mentions moved without signals: tenures from them
        redirect = PersonRedirect.objects.filter(old_slug=old_slug).first() or PersonRedirect(old_slug=old_slug)
        redirect.person = survivor
        redirect.save()
    moved["operation"] = reason.operation
    return moved


def _move_participations(survivor, merged):
    """One participation per person and meeting: when both took part in the same meeting, the
    survivor's row stays, with the stronger role (unless staff set its role) and both titles."""
    count = 0
    for p in Participation.objects.filter(person=merged):
        clash = Participation.objects.filter(meeting_id=p.meeting_id, person=survivor).first()
        if clash:
            extra = [t for t in p.titles_as_written or [] if t not in (clash.titles_as_written or [])]
            role = clash.role if locks.is_locked(clash, "role") else stronger_role(clash.role, p.role)
            if extra or role != clash.role:
                clash.titles_as_written = list(clash.titles_as_written or []) + extra
                clash.role = role
                clash.save(update_fields=["titles_as_written", "role"])
            p.delete()
        else:
            p.person = survivor
            p.save(update_fields=["person"])
        count += 1
    return count


def _move_aliases(survivor, merged):
    """Keep one alias per spelling; the merged person's own name becomes one."""
    survivor_keys = set(survivor.aliases.values_list("name_key", flat=True)) | {survivor.name_key}
    count = 0
    for alias in PersonAlias.objects.filter(person=merged):
        if alias.name_key in survivor_keys:
            alias.delete()
        else:
            alias.person = survivor
            alias.save(update_fields=["person"])
            survivor_keys.add(alias.name_key)
        count += 1
    if merged.name_key not in survivor_keys:
        PersonAlias.objects.create(person=survivor, name=merged.full_name)
    return count


def publish_meetings(*, meetings):
    return set_meetings_status(meetings=Meeting.objects.filter(pk__in=[m.pk for m in meetings]), status=Status.PUBLISHED)


def unpublish_meetings(*, meetings):
    return set_meetings_status(meetings=Meeting.objects.filter(pk__in=[m.pk for m in meetings]), status=Status.DRAFT)


@transaction.atomic
def set_meetings_status(*, meetings, status):
    """Publish or unpublish ``meetings`` (a queryset) in bulk, with a history row each, and
    recount the activity of everyone who took part. Returns how many meetings changed."""
    changing = list(meetings.exclude(status=status).order_by("pk"))
    if not changing:
        return 0
    ids = [m.pk for m in changing]
    now = timezone.now()
    for meeting in changing:
        meeting.status, meeting.updated_at = status, now
    with history.unless_given(ChangeKind.PUBLISH):
        changed = history.bulk_update(changing, Meeting, ["status", "updated_at"])
    refresh_activity(
        person_ids=Participation.objects.filter(meeting_id__in=ids, person__isnull=False)
        .order_by()
        .values_list("person_id", flat=True)
        .distinct()
    )
    return changed
