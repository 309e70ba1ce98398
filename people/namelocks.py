"""Get-or-create that many processes can run at the same moment.

Persons may share a name (homonyms are real), so "one person per name" cannot be a unique
constraint: it is a look-up followed by a create. Two ingests doing that at once would both
find nobody and both create. On PostgreSQL every look-up-then-create of a named thing (person,
outlet, organisation, and the slug each gets) first takes a transaction-scoped advisory lock on
the name's slug base ("Đinh Tiến Dũng" → dinh-tien-dung), so the second ingest waits for the
first to commit and then finds its row. SQLite needs no lock: its transactions start with
BEGIN IMMEDIATE (config/settings.py), one writer at a time.

Locks are taken in one sorted order (:func:`lock_names` with everything a transaction will
create, up front) so that two ingests naming the same officials in a different order never wait
for each other in a circle.
"""

import contextlib
import contextvars
import hashlib
from collections.abc import Iterable

from django.db import connections, transaction

from people.names import clean_name, slug_for


def _lock_id(model, name):
    label = f"{model._meta.label_lower}:{slug_for(name)[:80]}"
    return int.from_bytes(hashlib.blake2b(label.encode(), digest_size=8).digest(), "big", signed=True)


# Locks taken by names_locked() for the block it wraps: lock_names() inside it skips them.
_held = contextvars.ContextVar("held_name_locks", default=frozenset())


def lock_names(pairs: Iterable[tuple[type, str]], *, using="default"):
    """Hold, until the current transaction ends, the creation lock of each (model, name).

    One query, the locks taken in ascending order. Outside a transaction they would be released
    at once, so that is an error.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("lock_names() needs a transaction (transaction.atomic())")
    ids = sorted({_lock_id(model, name) for model, name in pairs if clean_name(name)} - _held.get())
    if ids:
        with connection.cursor() as cursor:
            # Volatile functions run after the ORDER BY: the locks are taken in that order.
            cursor.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k ORDER BY k", [ids])


@contextlib.contextmanager
def names_locked(pairs: Iterable[tuple[type, str]], *, using="default"):
    """Take every lock a transaction will need up front (in one order), and skip re-taking them
    inside the block. Use inside the transaction, around the writes."""
    pairs = list(pairs)
    lock_names(pairs, using=using)
    token = _held.set(_held.get() | {_lock_id(model, name) for model, name in pairs if clean_name(name)})
    try:
        yield
    finally:
        _held.reset(token)


def save_with_slug(instance, name, save):
    """Run ``save`` after giving ``instance`` a free slug if it has none, race-free."""
    if instance.slug:
        return save()
    from people.models import unique_slug

    with transaction.atomic(savepoint=False):
        lock_names([(type(instance), name)])
        instance.slug = unique_slug(type(instance), name, exclude_pk=instance.pk)
        return save()
