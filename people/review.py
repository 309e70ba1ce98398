"""Staff corrections to meetings and participations (the review screen, the admin forms).

Each write locks the facts it touches (people/locks.py), so no re-extraction undoes it, and is
recorded in the history as a staff edit (people/history.py). A person is at a meeting once:
adding someone already there, or re-linking a participation to them, is refused with a sentence.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people import history, locks
from people.models import ChangeKind, Participation, Role
from people.names import clean_name, name_key


def _staff_edit():
    return history.unless_given(ChangeKind.STAFF_EDIT)


@transaction.atomic
def edit_facts(*, obj, changes):
    """Set ``changes`` ({field: value}) on a meeting or participation, lock them, save. Returns
    the names of the fields that really changed."""
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    if not changed:
        return []
    if isinstance(obj, Participation) and "person" in changed and changes["person"] is not None:
        _refuse_second_participation(obj.meeting, changes["person"], exclude=obj.pk)
    for name in changed:
        setattr(obj, name, changes[name])
    if isinstance(obj, Participation) and "person" in changed and obj.person_id:
        obj.resolution_note = ""
    locks.record_staff_edits(obj=obj, changed_fields=changed)
    with _staff_edit():
        obj.save()
    return changed


def _refuse_second_participation(meeting, person, *, exclude=None):
    others = Participation.objects.filter(meeting=meeting, person=person)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError(
            _("%(name)s đã có trong thành phần cuộc họp này.") % {"name": person.full_name}, code="duplicate"
        )


@transaction.atomic
def add_participant(*, meeting, name, person=None, role=Role.ATTENDEE, titles=(), evidence=""):
    """A participant the extractor missed, added by staff (all their facts are staff's)."""
    name = clean_name(name or (person.full_name if person else ""))
    if not name:
        raise ValidationError(_("Hãy nhập tên người tham gia."), code="required")
    if person is not None:
        _refuse_second_participation(meeting, person)
    elif meeting.participations.filter(person__isnull=True, name_as_written=name).exists():
        raise ValidationError(_("%(name)s đã có trong thành phần cuộc họp này.") % {"name": name}, code="duplicate")
    with _staff_edit():
        participation = Participation.objects.create(
            meeting=meeting, person=person, role=role, name_as_written=name,
            titles_as_written=[t for t in titles if t], evidence=evidence, origin=Participation.Origin.STAFF,
        )
        key = name_key(name)
        if key in (meeting.removed_names or []):
            meeting.removed_names = [k for k in meeting.removed_names if k != key]
            meeting.save(update_fields=["removed_names", "updated_at"])
    return participation


@transaction.atomic
def remove_participant(*, participation):
    """Staff say this person was not at this meeting: the row goes (its history stays, so it can
    be restored) and the name is remembered so that no re-extraction adds it back."""
    meeting = participation.meeting
    with _staff_edit():
        key = name_key(participation.name_as_written)
        if key not in (meeting.removed_names or []):
            meeting.removed_names = sorted({*(meeting.removed_names or []), key})
            meeting.save(update_fields=["removed_names", "updated_at"])
        participation.delete()
