"""Batches: many files ingested in the background, with a report that fills in.

The trip of an upload (admin page or ``manage.py ingest``):

1. :func:`create_batch` stages every uploaded file as it came (file storage, one
   ``IngestUpload`` each) and records the batch; the request returns at once.
2. :func:`plan_batch` (a background task) lists the article files of each upload — a file, the
   entries of a zip, the HTML pages of a WARC or of the WARCs in a WACZ — as ``IngestItem`` rows,
   "pending", and queues them in chunks. What cannot be an article is reported right away.
3. :func:`ingest_items` (background tasks, any number of workers) ingests pending items: each
   file is claimed, stored and its report line written in ONE transaction, so a worker killed
   mid-batch loses nothing and two workers never store one file twice.
4. :func:`resume_batch` queues whatever is still pending (after a worker was killed, a server
   restarted): running a batch again finishes it, with no duplicates.

Every step can run in the foreground too (:func:`work_through`, for ``manage.py ingest`` and
tests). What an upload holds and reading it back: articles/unpacking.py. The tasks themselves
are articles/tasks.py.
"""

import logging
import shutil
import time
from collections.abc import Iterable, Iterator

from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from articles import ingestion, unpacking, webarchives
from articles.ingestion import IngestResult
from articles.models import IngestBatch, IngestItem, IngestUpload
from people import history
from people.models import ChangeKind

log = logging.getLogger(__name__)

CHUNK = 16  # items per background task: small enough for two workers to share a batch evenly
PENDING = IngestItem.Status.PENDING


# --------------------------------------------------------------------------- 1. stage


def create_batch(files: Iterable[ingestion.UploadItem], *, uploaded_by=None, source_name=None, published=None,
                 origin=IngestBatch.Origin.ADMIN, enqueue=True):
    """Record a batch and stage its files as they came; queue its planning (after commit)."""
    with transaction.atomic():
        batch = IngestBatch.objects.create(
            uploaded_by=uploaded_by, origin=origin, source_name=(source_name or "")[:200], published=published
        )
        for number, item in enumerate(files):
            filename = ingestion.safe_filename(item.filename) if item.filename else "upload.txt"
            kind = unpacking.kind_of(filename)
            upload = IngestUpload(batch=batch, filename=filename, kind=kind or IngestUpload.Kind.FILE, size=item.size)
            if kind is not None and item.size <= unpacking.size_limit(kind):  # what is refused anyway is not kept
                with item.open() as fh:
                    upload.file.name = default_storage.save(f"ingest/{batch.pk}/{number:05d}.upload", fh)
            upload.save()
        if enqueue:
            transaction.on_commit(lambda: _enqueue_plan(batch.pk))
    return batch


def _enqueue_plan(batch_id):
    from articles import tasks

    tasks.plan_batch.enqueue(batch_id)


def _enqueue_items(ids):
    from articles import tasks

    for start in range(0, len(ids), CHUNK):
        tasks.ingest_items.enqueue(ids[start : start + CHUNK])


# --------------------------------------------------------------------------- 2. plan


def plan_batch(batch_id, *, enqueue=True):
    """List the article files of every upload of the batch as pending items and queue them.

    Idempotent: run again (a resume), it adds no item twice and queues whatever is pending.
    """
    batch = IngestBatch.objects.get(pk=batch_id)
    budget = {"files": 0}
    skipped = {}
    queue = _Queue(enqueue)
    last = 0
    while upload := batch.uploads.filter(pk__gt=last).order_by("pk").first():  # a WACZ adds uploads
        last = upload.pk
        if upload.kind == IngestUpload.Kind.WACZ:
            unpacking.unpack_wacz(upload)
        elif not (upload.planned and upload.kind == IngestUpload.Kind.WARC):  # no second scan of a WARC
            _plan_upload(batch, upload, budget, skipped, queue)
        # What an earlier, interrupted run listed but nobody ingested:
        queue.add(upload.items.filter(status=PENDING).order_by("index").values_list("pk", flat=True))
        if not upload.planned:
            IngestUpload.objects.filter(pk=upload.pk).update(planned=True)
    queue.flush()
    with transaction.atomic():
        batch = IngestBatch.objects.select_for_update().get(pk=batch_id)
        for reason, count in skipped.items():
            batch.skipped[reason] = batch.skipped.get(reason, 0) + count
        batch.planned = True
        batch.save(update_fields=["planned", "skipped"])
    finish_if_done(batch)


class _Queue:
    """Pending item ids handed to the workers CHUNK at a time, each once per planning run."""

    def __init__(self, enqueue):
        self.enqueue, self.seen, self.waiting = enqueue, set(), []

    def add(self, ids):
        if not self.enqueue:
            return
        fresh = [pk for pk in ids if pk not in self.seen]
        self.seen.update(fresh)
        self.waiting += fresh
        while len(self.waiting) >= CHUNK:
            _enqueue_items(self.waiting[:CHUNK])
            del self.waiting[:CHUNK]

    def flush(self):
        if self.waiting:
            _enqueue_items(self.waiting)
            self.waiting = []


def _plan_upload(batch, upload, budget, skipped, queue):
    """Items for one upload, saved and queued a chunk at a time (a big WARC starts being
    ingested while it is still being scanned)."""
    chunk = []

    def save():
        if chunk:
            IngestItem.objects.bulk_create(chunk, ignore_conflicts=True)
            queue.add(upload.items.filter(status=PENDING, index__gte=chunk[0].index, index__lte=chunk[-1].index)
                      .order_by("index").values_list("pk", flat=True))
            chunk.clear()

    for index, entry in enumerate(unpacking.entries(upload, budget, skipped)):
        entry.batch, entry.upload, entry.index = batch, upload, index
        if entry.status != PENDING:
            entry.finished_at = timezone.now()
        chunk.append(entry)
        if len(chunk) >= CHUNK:
            save()
    save()


# --------------------------------------------------------------------------- 3. ingest


def ingest_items(item_ids):
    """Ingest the given items that are still pending (a background task's work)."""
    items = list(IngestItem.objects.filter(pk__in=item_ids, status=PENDING).select_related("batch", "upload")
                 .order_by("upload", "index"))
    with unpacking.Readers() as readers:
        for item in items:
            ingest_item(item, readers)
    batches = {item.batch_id: item.batch for item in items}
    for batch in batches.values():
        finish_if_done(batch)


def ingest_item(item, readers) -> IngestResult | None:
    """Ingest one item; its report line is written with the article, in the same transaction.

    Returns the result, or None when another worker had already done it. A database error
    leaves the item pending (running the batch again does it) and is returned as a sentence.
    """
    batch = item.batch
    written = []  # the report line, when written with the article
    try:
        result = unpacking.read(item, readers)
        if not isinstance(result, IngestResult):
            data, web, raw = result
            with history.change_reason(ChangeKind.INGEST, user=batch.uploaded_by):  # who uploaded it, in every history row
                result = _ingest(item, batch, data, web, raw, written)
        if result is None or not (written or _record(item, result)):
            return None  # another worker wrote this line first
        return result
    except DatabaseError as exc:
        return ingestion.database_trouble(item.filename, exc)


def _ingest(item, batch, data, web, raw, written):
    return ingestion.ingest_file(
        data=data, filename=item.filename, source_name=batch.source_name or None, published=batch.published,
        uploaded_by=batch.uploaded_by, web=web, raw=raw,
        claim=lambda: _still_pending(item).update(finished_at=None) == 1,
        record=lambda result: written.append(_record(item, result)),
    )


def _still_pending(item):
    return IngestItem.objects.filter(pk=item.pk, status=PENDING)


def _record(item, result):
    """Write the report line of a still pending item; how many lines were written (0 or 1)."""
    return _still_pending(item).update(
        status=result.status, reason=result.reason, params=result.params, finished_at=timezone.now(),
        article=result.article, duplicate_of=result.duplicate_of,
    )


def finish_if_done(batch):
    """Mark the batch done once planned with nothing pending; its staged files go."""
    if not IngestBatch.objects.filter(pk=batch.pk, planned=True, finished_at__isnull=True).exists():
        return False
    if IngestItem.objects.filter(batch_id=batch.pk, status=PENDING).exists():
        return False
    if not IngestBatch.objects.filter(pk=batch.pk, finished_at__isnull=True).update(finished_at=timezone.now()):
        return False
    for upload in IngestUpload.objects.filter(batch_id=batch.pk).exclude(file=""):
        upload.file.delete(save=False)
        IngestUpload.objects.filter(pk=upload.pk).update(file="")
    if _local():
        shutil.rmtree(default_storage.path(f"ingest/{batch.pk}"), ignore_errors=True)
    return True


def _local():
    try:
        default_storage.path("")
        return True
    except NotImplementedError:
        return False


# --------------------------------------------------------------------------- 4. resume, foreground


def resume_batch(batch, *, enqueue=True):
    """Queue again what a batch still has to do (a killed worker's share included)."""
    if not batch.planned:
        if enqueue:
            _enqueue_plan(batch.pk)
        return
    ids = list(batch.items.filter(status=PENDING).order_by("upload", "index").values_list("pk", flat=True))
    if enqueue:
        _enqueue_items(ids)
    finish_if_done(batch)


def work_through(batch) -> Iterator[IngestResult]:
    """Ingest a planned batch in this process, yielding one result per item in report order
    (``manage.py ingest`` in the foreground, :func:`ingest_batch`)."""
    ids = list(batch.items.order_by("upload", "index").values_list("pk", flat=True))
    with unpacking.Readers() as readers:
        # Items are read a few hundred at a time by id, not through one server-side cursor: a
        # database restart mid-batch costs the file in flight, not the rest of the batch.
        for start in range(0, len(ids), 200):
            items = _fetch_items(ids[start : start + 200])
            for pk in ids[start : start + 200]:
                item = items[pk]
                if item.status != PENDING:
                    yield item_result(item)
                    continue
                result = ingest_item(item, readers)
                if result is None:  # a worker did it meanwhile
                    item.refresh_from_db()
                    result = item_result(item)
                yield result
    finish_if_done(batch)


def _fetch_items(ids, *, tries=30):
    for attempt in range(tries):
        try:
            return IngestItem.objects.select_related("batch", "upload").in_bulk(ids)
        except DatabaseError:
            if attempt == tries - 1:
                raise
            connection.close()
            time.sleep(1)  # the server is restarting: wait for it


def item_result(item):
    return IngestResult(item.filename, item.status, item.reason, item.params, article=item.article,
                        duplicate_of=item.duplicate_of)


def ingest_batch(files, *, source_name=None, published=None, uploaded_by=None):
    """Ingest files (UploadItem) in this process, yielding one result per article file."""
    batch = create_batch(files, uploaded_by=uploaded_by, source_name=source_name, published=published,
                         origin=IngestBatch.Origin.COMMAND, enqueue=False)
    plan_batch(batch.pk, enqueue=False)
    yield from work_through(batch)


# --------------------------------------------------------------------------- reading (the batch page)


def percent_done(*, done, total, planned):
    """How far a batch is, in percent: not 100 until every file has been listed."""
    if not planned:
        return 0
    return int(100 * done / total) if total else 100


def progress(batch):
    """Counts for the batch page: total, done, per status, and the records left out."""
    counts = dict(batch.items.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    done = total - counts.get(PENDING, 0)
    return {
        "total": total,
        "done": done,
        "percent": percent_done(done=done, total=total, planned=batch.planned),
        "counts": {status: counts.get(status, 0) for status in IngestItem.Status.values},
        "skipped": {reason: batch.skipped.get(reason, 0) for reason in webarchives.SKIP_REASONS},
        "finished": batch.finished_at is not None,
        "planned": batch.planned,
    }
