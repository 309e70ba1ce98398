"""What an upload holds, and reading it back: an article file, the entries of a zip, the HTML
pages of a WARC (or of the WARCs in a WACZ). Limits are checked here, each refusal a sentence.

Used by articles/batches.py: :func:`entries` when a batch is planned, :func:`read` when one of
its items is ingested.
"""

import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from articles import ingestion, webarchives
from articles.ingestion import FAILED, WebRecord, failed, limit_params
from articles.models import IngestItem, IngestUpload

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


def size_limit(kind):
    return {
        IngestUpload.Kind.ZIP: ingestion.MAX_ZIP_BYTES,
        IngestUpload.Kind.WARC: ingestion.MAX_WEB_ARCHIVE_BYTES,
        IngestUpload.Kind.WACZ: ingestion.MAX_WEB_ARCHIVE_BYTES,
    }.get(kind, ingestion.MAX_FILE_BYTES)


def _item(filename, *, member="", offset=None, length=None):
    return IngestItem(filename=filename[:1000], member=member, offset=offset, length=length)


def _failed_item(filename, reason, **params):
    return IngestItem(filename=filename[:1000], status=FAILED, reason=reason, params=params)


def entries(upload, budget, skipped) -> Iterator[IngestItem]:
    kind = kind_of(upload.filename)
    if kind is None:
        yield _failed_item(upload.filename, UNSUPPORTED)
        return
    if upload.size > size_limit(kind):
        reason = {IngestUpload.Kind.FILE: TOO_BIG, IngestUpload.Kind.ZIP: ZIP_TOO_BIG}.get(kind, ARCHIVE_TOO_BIG)
        yield _failed_item(upload.filename, reason, **limit_params(size_limit(kind)))
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


def unpack_wacz(upload):
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


def read(item, readers):
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
