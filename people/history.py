"""The history of every change, and undo.

Rows are recorded by django-simple-history (one history table per tracked model: articles,
mentions, outlets, meetings, participations, persons, aliases, redirects, organisations), on
every save and delete, with who (the admin request's user) and when. This module adds why and
undo:

- **Why.** Code that changes rows says why with ``with change_reason(ChangeKind.MERGE): ...``;
  every history row written inside carries that kind and one operation id (a merge touches many
  rows; undoing the operation undoes them all). Without a reason, a change made in an admin
  request is a staff edit and anything else is ingestion.
- **What.** :func:`entries` lists an object's history (and that of the rows that belong to it:
  a meeting's participations, an article's mentions, a person's aliases and participations) with
  the before/after of each changed field.
- **Undo.** :func:`undo_change` reverts one history row (a change, a creation or a deletion) if
  nothing changed those fields since; :func:`undo_operation` reverts a whole operation (a merge).
  An undo is itself a recorded change, and a machine's value that staff undo becomes locked.

This module never imports ``articles``: models are found through the app registry.
"""

import contextlib
import contextvars
import datetime
import functools
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_update_with_history

from people import locks
from people.models import ChangeKind
from people.names import name_key


@dataclass(frozen=True)
class Reason:
    kind: str
    operation: str
    note: str = ""
    user: object = None


_current = contextvars.ContextVar("history_reason", default=None)


@contextlib.contextmanager
def change_reason(kind, *, note="", user=None):
    """Every history row written inside the block says ``kind`` (and shares one operation id)."""
    reason = Reason(kind, uuid.uuid4().hex, note[:100], user)
    token = _current.set(reason)
    try:
        yield reason
    finally:
        _current.reset(token)


def recorded_as(kind):
    """Decorator: every change the function makes is recorded with ``kind`` (e.g. the upload
    view: what an upload creates is ingestion, not a staff edit)."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with change_reason(kind):
                return function(*args, **kwargs)

        return wrapper

    return decorate


def reason_given():
    return _current.get() is not None


def unless_given(kind, **kwargs):
    """``change_reason(kind)``, unless the caller already gave one (an undo that publishes is an undo)."""
    return contextlib.nullcontext(_current.get()) if reason_given() else change_reason(kind, **kwargs)


def _request_user():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return request, (user if user is not None and user.is_authenticated else None)


def current_attrs():
    """The history fields for rows written now (also for bulk writes, which send no signal)."""
    reason = _current.get()
    request, user = _request_user()
    if reason is not None:
        return {"history_kind": reason.kind, "history_operation": reason.operation}, reason.user or user, reason.note
    kind = ChangeKind.STAFF_EDIT if request is not None else ChangeKind.INGEST
    return {"history_kind": kind, "history_operation": ""}, user, ""


@receiver(pre_create_historical_record, dispatch_uid="history_reason")
def _fill_reason(sender, history_instance, **kwargs):
    attrs, user, note = current_attrs()
    for name, value in attrs.items():
        setattr(history_instance, name, value)
    if user is not None and history_instance.history_user_id is None:
        history_instance.history_user = user
    if note and not history_instance.history_change_reason:
        history_instance.history_change_reason = note


def bulk_update(objs, model, fields):
    """QuerySet-free bulk update that still writes one history row per object."""
    if not objs:
        return 0
    attrs, user, note = current_attrs()
    return bulk_update_with_history(
        objs, model, fields, batch_size=500, default_user=user, default_change_reason=note,
        custom_historical_attrs=attrs,
    )


# --- Reading the history -----------------------------------------------------------------------

# Fields the history page does not list (derived, internal or bulky).
HIDDEN = {
    "id", "name_key", "search_key", "slug", "body_fingerprint", "edited_fields", "removed_names",
    "created_at", "updated_at", "start", "end", "extraction_warnings",
}
# Bookkeeping an undo leaves alone (it is not a fact staff decide).
NOT_REVERTED = {
    "edited_fields", "removed_names", "extractor_version", "extraction_warnings", "extraction_error", "updated_at",
}


def tracked_models():
    """Tracked models, each after the models it points at (restore parents before children)."""
    tracked = [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]
    ordered = []
    while tracked:
        for model in tracked:
            parents = {f.related_model for f in model._meta.concrete_fields if f.is_relation} - {model}
            if not parents & (set(tracked) - {model}):
                ordered.append(model)
                tracked.remove(model)
                break
        else:  # a cycle: keep the remaining order
            ordered += tracked
            break
    return ordered


def _history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _fields(record):
    """The fields a history row keeps (django-simple-history's copies of the model's fields)."""
    pk = record.instance_type._meta.pk.name
    return [f for f in type(record).tracked_fields if f.name != pk]


def previous(record):
    """The history row before ``record`` for the same object (history ids only grow)."""
    pk_name = record.instance_type._meta.pk.attname
    return (
        type(record).objects.filter(**{pk_name: getattr(record, pk_name)}, history_id__lt=record.history_id)
        .order_by("-history_id")
        .first()
    )


def changed_fields(record, before):
    """Fields whose value differs between ``before`` (or nothing) and ``record``."""
    return [
        f for f in _fields(record)
        if before is None or getattr(before, f.attname, None) != getattr(record, f.attname, None)
    ]


def _display(model_field, value):
    if value in (None, "", []):
        return "—"
    if model_field.is_relation:
        target = model_field.related_model._base_manager.filter(pk=value).first()
        return str(target) if target else _("#%(id)s (đã xóa)") % {"id": value}
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return show(value, limit=200)


def show(value, *, limit=120):
    """A stored value as staff read it (history rows, re-extraction diffs)."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass
class Entry:
    record: object
    action: str  # "created" | "changed" | "deleted"
    changes: list = field(default_factory=list)  # (label, before, after)

    @property
    def model_label(self):
        return self.record.instance_type._meta.verbose_name

    @property
    def object_label(self):
        return str(self.record.instance)

    @property
    def kind_label(self):
        kind = self.record.history_kind
        return ChangeKind(kind).label if kind in ChangeKind.values else kind or "—"

    @property
    def token(self):
        return token_for(self.record)


def describe(record):
    before = previous(record) if record.history_type != "+" else None
    action = {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]
    changes = []
    if action == "changed":
        for f in changed_fields(record, before):
            if f.name not in HIDDEN:
                changes.append((f.verbose_name, _display(f, getattr(before, f.attname)), _display(f, getattr(record, f.attname))))
    return Entry(record, action, changes)


def _children(model):
    """(tracked model, FK attname) of the rows that belong to an object of ``model``."""
    return [
        (m, f.attname)
        for m in tracked_models()
        for f in m._meta.concrete_fields
        if m is not model and f.is_relation and f.many_to_one and f.related_model is model
    ]


def entries(obj, *, limit=100):
    """The newest ``limit`` history rows of ``obj`` and of the rows that belong to it, newest first."""
    model = type(obj)
    records = list(_history_model(model).objects.filter(**{model._meta.pk.attname: obj.pk}).order_by("-history_id")[:limit])
    for child, fk in _children(model):
        records += list(_history_model(child).objects.filter(**{fk: obj.pk}).order_by("-history_id")[:limit])
    records.sort(key=lambda r: (r.history_date, r.history_id), reverse=True)
    described = (describe(r) for r in records[:limit])
    return [e for e in described if e.action != "changed" or e.changes]  # not bookkeeping-only rows


def token_for(record):
    """A record's address in a form: '<app_label>.<model>.<history id>'."""
    meta = record.instance_type._meta
    return f"{meta.app_label}.{meta.model_name}.{record.history_id}"


def record_for(token):
    try:
        app_label, model_name, history_id = token.split(".")
        model = apps.get_model(app_label, model_name)
        return _history_model(model).objects.get(history_id=int(history_id))
    except (ValueError, LookupError, AttributeError, models.ObjectDoesNotExist):
        return None


# --- Undo ----------------------------------------------------------------------------------------


class UndoError(Exception):
    """An undo that cannot be done; the message is a sentence for staff."""


def undo_change(record, *, user=None):
    """Revert one history row. Raises UndoError (nothing written) when it cannot."""
    from people.services import activity_recount  # people.services records its merges here

    with transaction.atomic(), change_reason(ChangeKind.UNDO, user=user), activity_recount():
        _undo(record)


def undo_operation(operation, *, user=None):
    """Revert every row of one operation (a merge): restore what it deleted, put back what it
    changed, remove what it created. All or nothing."""
    records = []
    for model in tracked_models():
        records += list(_history_model(model).objects.filter(history_operation=operation))
    if not operation or not records:
        raise UndoError(_("Không tìm thấy thao tác cần hoàn tác."))
    order = {m: i for i, m in enumerate(tracked_models())}
    restores = sorted((r for r in records if r.history_type == "-"), key=lambda r: (order[r.instance_type], r.history_id))
    changes = sorted((r for r in records if r.history_type == "~"), key=lambda r: (r.history_date, r.history_id), reverse=True)
    creations = sorted((r for r in records if r.history_type == "+"), key=lambda r: (-order[r.instance_type], -r.history_id))
    from people.services import activity_recount

    with transaction.atomic(), change_reason(ChangeKind.UNDO, user=user), activity_recount():
        for record in restores + changes + creations:
            _undo(record)


def _undo(record):
    model = record.instance_type
    pk = getattr(record, model._meta.pk.attname)
    live = model._base_manager.filter(pk=pk).first()
    try:
        with transaction.atomic():
            if record.history_type == "+":
                if live is not None:
                    live.delete()
            elif record.history_type == "-":
                if live is not None:
                    raise UndoError(_("Đối tượng này đã có lại rồi."))
                _restore(record)
            else:
                _revert(record, live)
    except ProtectedError as exc:
        raise UndoError(_("Không thể hoàn tác: vẫn còn dữ liệu khác trỏ tới đối tượng này.")) from exc
    except IntegrityError as exc:
        raise UndoError(_("Không thể hoàn tác: kết quả sẽ trùng với dữ liệu hiện có.")) from exc


def _restore(record):
    instance = record.instance
    instance.save(force_insert=True)
    # A participant (of a meeting) or a mention (of an article) staff removed and now put back: no
    # longer "removed by staff".
    for parent_field in ("meeting", "article"):
        parent = getattr(instance, parent_field, None) if hasattr(instance, f"{parent_field}_id") else None
        if parent is None or not hasattr(parent, "removed_names") or not hasattr(instance, "name_as_written"):
            continue
        key = name_key(instance.name_as_written)
        if key in (parent.removed_names or []):
            parent.removed_names = [k for k in parent.removed_names if k != key]
            parent.save(update_fields=["removed_names", "updated_at"])


def _revert(record, live):
    if live is None:
        raise UndoError(_("Không thể hoàn tác: đối tượng đã bị xóa sau đó."))
    before = previous(record)
    if before is None:
        raise UndoError(_("Không có phiên bản trước để quay về."))
    fields = [f for f in changed_fields(record, before) if f.name not in NOT_REVERTED]
    for f in fields:
        if getattr(live, f.attname) != getattr(record, f.attname):
            raise UndoError(
                _("“%(field)s” đã được thay đổi tiếp sau lần này; hãy hoàn tác lần thay đổi mới hơn trước.")
                % {"field": f.verbose_name}
            )
    for f in fields:
        setattr(live, f.attname, getattr(before, f.attname))
    names = [f.name for f in fields]
    if hasattr(live, "edited_fields"):
        if record.history_kind == ChangeKind.STAFF_EDIT:
            # Undoing a staff edit gives the fact back to the extractor.
            unlocked = set(record.edited_fields or []) - set(before.edited_fields or [])
            live.edited_fields = sorted(set(live.edited_fields or []) - (unlocked & set(names)))
        else:
            # Staff undo a machine's change: the value they chose is theirs now.
            locks.record_staff_edits(obj=live, changed_fields=names)
    live.save()
