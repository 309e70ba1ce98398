"""What a staff edit locks: the one home of the rule (like pupa's locked fields).

Every model whose facts the extractor fills declares them in ``EXTRACTED_FIELDS`` and keeps
the names staff changed by hand in ``edited_fields``:

- Article: headline, publication time, byline, body, outlet;
- Meeting: kind, date, title, organiser;
- Participation: person, role, name, titles, evidence (a participation staff added is theirs
  entirely);
- Mention: person, titles (a mention staff delete is remembered in Article.removed_names).

A locked fact is never overwritten by a machine: re-extraction proposes a new value and reports
it as "kept because locked" (articles/reextraction.py); only staff can accept it.
"""

from people.models import Meeting, Participation


def record_staff_edits(*, obj, changed_fields):
    """Lock the extracted facts among ``changed_fields`` (the caller saves ``obj``)."""
    extracted = getattr(type(obj), "EXTRACTED_FIELDS", ())
    new = {f for f in changed_fields if f in extracted}
    if isinstance(obj, Meeting) and "date" in new:
        # The date is the staff's now: the review screen says so instead of the extractor's basis.
        obj.date_basis, obj.date_evidence = Meeting.DateBasis.STAFF, ""
    obj.edited_fields = sorted(set(obj.edited_fields or []) | new)
    return new


def locked_fields(obj):
    """The facts of ``obj`` a re-extraction must not change."""
    if isinstance(obj, Participation) and obj.origin == Participation.Origin.STAFF:
        return set(Participation.EXTRACTED_FIELDS)
    return set(obj.edited_fields or [])


def is_locked(obj, field):
    return field in locked_fields(obj)


def staff_made(meeting):
    """A meeting staff worked on: deleting its last article keeps it (as a draft)."""
    return bool(meeting.edited_fields or meeting.removed_names) or meeting.participations.filter(
        origin=Participation.Origin.STAFF
    ).exists() or any(p.edited_fields for p in meeting.participations.all())
