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
tests). The tasks themselves are articles/tasks.py.
"""

import logging
import shutil
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_noop

from articles import ingestion, webarchives
from articles.ingestion import FAILED, IngestResult, WebRecord, failed, limit_params
from articles.models import IngestBatch, IngestItem, IngestUpload

log = logging.getLogger(__name__)

CHUNK = 16  # items per background task: small enough for two workers to share a batch evenly
PENDING = IngestItem.Status.PENDING

UNSUPPORTED = gettext_noop("Loại tệp không được hỗ trợ (chỉ .txt, .html, .htm, .zip, .warc, .warc.gz, .wacz).")
TOO_MANY = gettext_noop("Vượt giới hạn %(count)s tệp mỗi lần.")
TOO_MANY_IN_ZIP = gettext_noop("Vượt giới hạn %(count)s tệp mỗi lần: %(rest)s tệp còn lại không được xử lý.")
TOO_BIG = gettext_noop("Tệp vượt giới hạn %(limit)s.")
ZIP_TOO_BIG = gettext_noop("Tệp zip vượt giới hạn %(limit)s.")
ARCHIVE_TOO_BIG = gettext_noop("Tệp lưu trữ web vượt giới hạn %(limit)s.")
UNSAFE_PATH = gettext_noop("Đường dẫn không an toàn trong zip (tuyệt đối hoặc có “..”).")
NESTED_ZIP = gettext_noop("Zip lồng trong zip không được hỗ trợ: hãy giải nén ra.")
UNSUPPORTED_IN_ZIP = gettext_noop("Loại tệp không được hỗ trợ (chỉ .txt, .html, .htm).")
RATIO = gettext_noop("Tỉ lệ nén vượt giới hạn %(ratio)s:1 (nghi zip bomb).")
UNCOMPRESSED = gettext_noop("Tổng dung lượng giải nén vượt giới hạn %(limit)s: các tệp còn lại không được xử lý.")
BAD_ZIP = gettext_noop("Tệp zip hỏng hoặc không đọc được: %(error)s")
BAD_ENTRY = gettext_noop("Tệp trong zip bị hỏng, không đọc được: %(error)s")
BAD_WARC = gettext_noop("Tệp WARC hỏng hoặc không đọc được (từ byte %(offset)s): %(error)s")
BAD_RECORD = gettext_noop("Bản ghi WARC hỏng, không đọc được: %(error)s")
NO_WARC = gettext_noop("Gói WACZ không chứa tệp WARC nào (thư mục archive/).")
SIZE_LIE = gettext_noop("Tệp trong zip lớn hơn kích thước khai báo (nghi zip bomb).")
STAGE_LOST = gettext_noop("Tệp đã tải lên không còn trong kho tạm (đã xóa?): hãy tải lên lại.")


def kind_of(filename):
    name = filename.lower()
    if name.endswith(".wacz"):
        return IngestUpload.Kind.WACZ
    if name.endswith((".warc", ".warc.gz")):
        return IngestUpload.Kind.WARC
    if name.endswith(".zip"):
        return IngestUpload.Kind.ZIP
    suffix = PurePosixPath(name).suffix
    return IngestUpload.Kind.FILE if not suffix or suffix in ingestion.ARTICLE_EXTENSIONS else None


def _size_limit(kind):
    return {
        IngestUpload.Kind.ZIP: ingestion.MAX_ZIP_BYTES,
        IngestUpload.Kind.WARC: ingestion.MAX_WEB_ARCHIVE_BYTES,
        IngestUpload.Kind.WACZ: ingestion.MAX_WEB_ARCHIVE_BYTES,
    }.get(kind, ingestion.MAX_FILE_BYTES)


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
            kind = kind_of(filename)
            upload = IngestUpload(batch=batch, filename=filename, kind=kind or IngestUpload.Kind.FILE, size=item.size)
            if kind is not None and item.size <= _size_limit(kind):  # what is refused anyway is not kept
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
            _unpack_wacz(upload)
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

    for index, entry in enumerate(_entries(upload, budget, skipped)):
        entry.batch, entry.upload, entry.index = batch, upload, index
        if entry.status != PENDING:
            entry.finished_at = timezone.now()
        chunk.append(entry)
        if len(chunk) >= CHUNK:
            save()
    save()


def _item(filename, *, member="", offset=None, length=None):
    return IngestItem(filename=filename[:1000], member=member, offset=offset, length=length)


def _failed_item(filename, reason, **params):
    return IngestItem(filename=filename[:1000], status=FAILED, reason=reason, params=params)


def _entries(upload, budget, skipped) -> Iterator[IngestItem]:
    kind = kind_of(upload.filename)
    if kind is None:
        yield _failed_item(upload.filename, UNSUPPORTED)
        return
    if upload.size > _size_limit(kind):
        reason = {IngestUpload.Kind.FILE: TOO_BIG, IngestUpload.Kind.ZIP: ZIP_TOO_BIG}.get(kind, ARCHIVE_TOO_BIG)
        yield _failed_item(upload.filename, reason, **limit_params(_size_limit(kind)))
        return
    if not upload.file:
        yield _failed_item(upload.filename, STAGE_LOST)
        return
    if kind == IngestUpload.Kind.FILE:
        if budget["files"] >= ingestion.MAX_BATCH_FILES:
            yield _failed_item(upload.filename, TOO_MANY, count=f"{ingestion.MAX_BATCH_FILES:,}")
            return
        budget["files"] += 1
        yield _item(upload.filename)
    elif kind == IngestUpload.Kind.ZIP:
        yield from _zip_entries(upload, budget)
    else:
        yield from _warc_entries(upload, skipped, count=not upload.planned)


def _is_hidden(name):
    parts = PurePosixPath(name).parts
    return any(part.startswith(".") for part in parts) or (parts and parts[0] == "__MACOSX")


def _zip_entries(upload, budget):
    try:
        with upload.file.open("rb") as fh, zipfile.ZipFile(fh) as zf:
            entries = [info for info in zf.infolist() if not info.is_dir()]
            total = 0
            for position, info in enumerate(entries):
                name = info.filename
                label = f"{upload.filename}:{name}"
                if name.startswith(("/", "\\")) or ".." in PurePosixPath(name.replace("\\", "/")).parts or ":" in name:
                    yield _failed_item(label, UNSAFE_PATH)
                    continue
                if _is_hidden(name):
                    continue
                suffix = PurePosixPath(name.lower()).suffix
                if suffix == ".zip":
                    yield _failed_item(label, NESTED_ZIP)
                    continue
                if suffix not in ingestion.ARTICLE_EXTENSIONS:
                    yield _failed_item(label, UNSUPPORTED_IN_ZIP)
                    continue
                if budget["files"] >= ingestion.MAX_BATCH_FILES:
                    yield _failed_item(label, TOO_MANY_IN_ZIP, count=f"{ingestion.MAX_BATCH_FILES:,}",
                                       rest=f"{len(entries) - position:,}")
                    return
                if info.file_size > ingestion.MAX_FILE_BYTES:
                    yield _failed_item(label, TOO_BIG, **limit_params(ingestion.MAX_FILE_BYTES))
                    continue
                if info.file_size > ingestion.MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                    yield _failed_item(label, RATIO, ratio=ingestion.MAX_COMPRESSION_RATIO)
                    continue
                # Headers can lie: each entry is read at most to its stated size (+1 to tell), so
                # the stated sizes bound what the whole zip can expand to.
                total += info.file_size
                if total > ingestion.MAX_UNCOMPRESSED_BYTES:
                    yield _failed_item(label, UNCOMPRESSED, **limit_params(ingestion.MAX_UNCOMPRESSED_BYTES))
                    return
                budget["files"] += 1
                yield _item(label, member=name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as exc:
        yield _failed_item(upload.filename, BAD_ZIP, error=str(exc)[:300])


def _warc_entries(upload, skipped, *, count):
    offset = 0
    try:
        with upload.file.open("rb") as fh:
            for entry in webarchives.scan(fh):
                if isinstance(entry, str):
                    if count:
                        skipped[entry] = skipped.get(entry, 0) + 1
                    continue
                offset = entry.offset
                yield _item(f"{upload.filename}:{entry.url}", offset=entry.offset, length=entry.length)
    except webarchives.ReadError as exc:
        yield _failed_item(upload.filename, BAD_WARC, offset=f"{offset:,}", error=str(exc)[:300])


def _unpack_wacz(upload):
    """A WACZ is a zip of WARCs: each becomes an upload of its own (staged), planned as a WARC."""
    batch = upload.batch
    with transaction.atomic():
        upload = IngestUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.planned:
            return
        problem = {}
        try:
            with upload.file.open("rb") as fh, zipfile.ZipFile(fh) as zf:
                warcs = webarchives.warcs_in_wacz(zf)
                for number, info in enumerate(warcs):
                    with zf.open(info) as member:  # copied as a stream: memory stays flat
                        name = default_storage.save(f"ingest/{batch.pk}/{upload.pk}-{number:03d}.upload", member)
                    IngestUpload.objects.create(
                        batch=batch, filename=f"{upload.filename}:{info.filename}"[:1000], kind=IngestUpload.Kind.WARC,
                        size=info.file_size, file=name,
                    )
            if not warcs:
                problem = {"reason": NO_WARC}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as exc:
            problem = {"reason": BAD_ZIP, "params": {"error": str(exc)[:300]}}
        if problem:
            IngestItem.objects.create(batch=batch, upload=upload, index=0, filename=upload.filename, status=FAILED,
                                      finished_at=timezone.now(), **problem)
        upload.planned = True
        upload.save(update_fields=["planned"])


# --------------------------------------------------------------------------- 3. ingest


def ingest_items(item_ids):
    """Ingest the given items that are still pending (a background task's work)."""
    items = list(IngestItem.objects.filter(pk__in=item_ids, status=PENDING).select_related("batch", "upload")
                 .order_by("upload", "index"))
    with Readers() as readers:
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
    try:
        result = _read(item, readers)
        if not isinstance(result, IngestResult):
            data, web, raw = result
            result = ingestion.ingest_file(
                data=data, filename=item.filename, source_name=batch.source_name or None, published=batch.published,
                uploaded_by=batch.uploaded_by, web=web, raw=raw,
                claim=lambda: _still_pending(item).update(finished_at=None) == 1,
                record=lambda result: _record(item, result),
            )
            if result is None:
                return None
        _record(item, result)  # outcomes that stored nothing (no-op when written with the article)
        return result
    except DatabaseError as exc:
        return ingestion.database_trouble(item.filename, exc)


def _still_pending(item):
    return IngestItem.objects.filter(pk=item.pk, status=PENDING)


def _record(item, result):
    _still_pending(item).update(
        status=result.status, reason=result.reason, params=result.params, finished_at=timezone.now(),
        article=result.article, duplicate_of=result.duplicate_of,
    )


class Readers:
    """Open staged uploads (a zip's directory is read once per task, not once per entry)."""

    def __init__(self):
        self.open = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for handle in self.open.values():
            handle.close()

    def get(self, upload, make):
        if upload.pk not in self.open:
            self.open[upload.pk] = make(upload.file.open("rb"))
        return self.open[upload.pk]


def _read(item, readers):
    """(data, web record, raw record) for an item, or a failed result saying why not."""
    upload = item.upload
    limit = ingestion.MAX_FILE_BYTES
    if not upload.file:
        return failed(item.filename, STAGE_LOST)
    try:
        if upload.kind == IngestUpload.Kind.FILE:
            with upload.file.open("rb") as fh:
                return fh.read(limit + 1), None, None
        if upload.kind == IngestUpload.Kind.ZIP:
            zf = readers.get(upload, zipfile.ZipFile)
            info = zf.getinfo(item.member)
            with zf.open(info) as entry:
                data = entry.read(min(limit, info.file_size) + 1)
            if len(data) > info.file_size:
                return failed(item.filename, SIZE_LIE)
            return data, None, None
        fh = readers.get(upload, lambda f: f)
        raw = webarchives.read_at(fh, offset=item.offset, length=item.length, limit=2 * limit)
        payload = webarchives.read_record(raw, limit=limit)
        web = WebRecord(url=payload.url, crawled_at=payload.crawled_at, payload_digest=payload.payload_digest)
        return payload.data, web, raw
    except FileNotFoundError:
        return failed(item.filename, STAGE_LOST)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, RuntimeError, ValueError, KeyError) as exc:
        if upload.kind == IngestUpload.Kind.WARC:
            return failed(item.filename, BAD_RECORD, error=str(exc)[:300])
        return failed(item.filename, BAD_ENTRY, error=str(exc)[:300])
    except webarchives.ReadError as exc:
        return failed(item.filename, BAD_RECORD, error=str(exc)[:300])


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
    with Readers() as readers:
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


def progress(batch):
    """Counts for the batch page: total, done, per status, and the records left out."""
    counts = dict(batch.items.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    done = total - counts.get(PENDING, 0)
    return {
        "total": total,
        "done": done,
        "percent": int(100 * done / total) if total and batch.planned else (100 if batch.planned else 0),
        "counts": {status: counts.get(status, 0) for status in IngestItem.Status.values},
        "skipped": {reason: batch.skipped.get(reason, 0) for reason in webarchives.SKIP_REASONS},
        "finished": batch.finished_at is not None,
        "planned": batch.planned,
    }
