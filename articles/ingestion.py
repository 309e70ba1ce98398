"""Getting files in: one upload, a batch of files, a zip, a folder from the shell.

Every uploaded file — from the admin upload page, the ``ingest`` command or ``load_demo`` —
goes through :func:`ingest_file`. Batches (many files, zips, folders) go through
:func:`ingest_batch`, which expands zips safely and never lets one bad file stop the others.

The limits that protect the server are the module constants below; their messages state them.
"""

import hashlib
import io
import logging
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models.functions import Length
from django.utils import timezone

from articles import extraction as engine
from articles import facts
from articles.models import Article, Original
from people.names import clean_name, name_key

log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_FILE_BYTES = 10 * MB  # one article file
MAX_ZIP_BYTES = 100 * MB  # one uploaded zip
MAX_BATCH_FILES = 2000  # files per batch (zip entries included)
MAX_UNCOMPRESSED_BYTES = 500 * MB  # all entries of one zip, as actually read
MAX_COMPRESSION_RATIO = 100  # uncompressed / compressed size of one zip entry
ARTICLE_EXTENSIONS = (".txt", ".html", ".htm")

CREATED, DUPLICATE, POSSIBLE_DUPLICATE, FAILED = "created", "duplicate", "possible_duplicate", "failed"
STATUSES = (CREATED, DUPLICATE, POSSIBLE_DUPLICATE, FAILED)



_CONTROL_CHARS = dict.fromkeys(c for c in range(0x20) if c not in (0x09,)) | {0x7F: None}


def safe_filename(name):
    """A file name fit to store and show: no control characters (PostgreSQL refuses NUL), NFC, ≤ 255."""
    name = clean_name((name or "").translate(_CONTROL_CHARS))
    return name[:255] or "upload.txt"


def _limit_message(what, limit_bytes):
    limit = f"{limit_bytes // MB} MB" if limit_bytes >= MB else f"{limit_bytes:,} byte"
    return f"{what} vượt giới hạn {limit}"


@dataclass
class IngestResult:
    filename: str
    status: str
    message: str = ""
    article: Article | None = None
    duplicate_of: Article | None = None

    @property
    def ok(self):
        return self.status != FAILED

    def as_dict(self):
        return {
            "file": self.filename,
            "status": self.status,
            "article": self.article.pk if self.article else None,
            "duplicate_of": self.duplicate_of.pk if self.duplicate_of else None,
            "message": self.message,
        }


@dataclass
class UploadItem:
    """One file of a batch, not yet read: ``open()`` gives a binary file object."""

    filename: str
    size: int
    open: Callable[[], BinaryIO]

    @classmethod
    def from_bytes(cls, filename, data):
        return cls(filename=filename, size=len(data), open=lambda: io.BytesIO(data))






def find_possible_duplicate(*, headline, source, fingerprint, exclude_pk=None):
    """An earlier article with the same body text, or the same headline from the same outlet."""
    qs = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    if fingerprint:
        same_body = qs.filter(body_fingerprint=fingerprint).order_by("pk").first()
        if same_body:
            return same_body
    if headline and source:
        key = name_key(headline)
        for pk, other in (
            qs.filter(source=source)
            .annotate(n=Length("headline"))
            .filter(n__gte=len(headline) - 10, n__lte=len(headline) + 10)
            .order_by("pk")
            .values_list("pk", "headline")
        ):
            if name_key(other or "") == key:
                return Article.objects.get(pk=pk)
    return None




# --------------------------------------------------------------------------- ingest one file


def ingest_file(*, data: bytes, filename: str, source_name: str | None = None, published=None, uploaded_by=None):
    """Store one uploaded file as a draft article with its mentions, meetings and organisations.

    Returns an :class:`IngestResult`. Nothing is half-written: all rows of one file are stored
    in one transaction. An exact copy (same SHA-256) stores nothing and reports the first one.
    When the extractor crashes, the original and an article carrying ``extraction_error`` are
    kept so the file can be re-extracted later; the result is "failed" with the reason.
    """
    filename = safe_filename(filename)
    if len(data) > MAX_FILE_BYTES:
        return IngestResult(filename, FAILED, _limit_message("Tệp", MAX_FILE_BYTES) + f" ({len(data):,} byte)")
    if not data.strip():
        return IngestResult(filename, FAILED, "Tệp rỗng.")
    sha = hashlib.sha256(data).hexdigest()
    existing = _article_for_sha(sha)
    if existing:
        return IngestResult(filename, DUPLICATE, f"Trùng với bài #{existing.pk}.", duplicate_of=existing)

    error = ""
    extraction = None
    try:
        extraction = engine.extract_upload(data, filename=filename, published=published)
    except engine.UndecodableError as exc:
        return IngestResult(filename, FAILED, f"Không đọc được: {exc}")
    except Exception as exc:  # the engine crashed: keep the file for a later re-run
        log.exception("extraction crashed on %s", filename)
        error = f"{type(exc).__name__}: {exc}"[:2000]

    try:
        with transaction.atomic():
            original = Original.objects.create(
                content=data, filename=filename, size=len(data), sha256=sha, uploaded_by=uploaded_by
            )
            if extraction is None:
                article = Article.objects.create(
                    original=original,
                    headline=None,
                    source=facts.source_for(source_name),
                    published_at=facts.aware(published),
                    extractor_version=engine.EXTRACTOR_VERSION,
                    extraction_error=error,
                )
                return IngestResult(
                    filename, FAILED, f"Trích xuất lỗi ({error}); tệp gốc đã lưu ở bài #{article.pk} để chạy lại.",
                    article=article,
                )
            fields = facts.article_fields(extraction, source_name=source_name, published=published)
            duplicate_of = find_possible_duplicate(
                headline=fields["headline"], source=fields["source"], fingerprint=fields["body_fingerprint"]
            )
            article = Article.objects.create(original=original, possible_duplicate_of=duplicate_of, **fields)
            resolver = facts.Resolver(when=timezone.localdate(article.published_at) if article.published_at else None)
            facts.store_mentions(article, extraction, resolver)
            organizations = facts.store_organizations(article, extraction)
            facts.store_meetings(article, extraction, resolver, organizations)
    except IntegrityError:
        # Two uploads of the same bytes at the same moment: the other one won.
        winner = _article_for_sha(sha)
        if winner is None:
            raise
        return IngestResult(filename, DUPLICATE, f"Trùng với bài #{winner.pk}.", duplicate_of=winner)

    if duplicate_of:
        return IngestResult(
            filename, POSSIBLE_DUPLICATE, f"Đã lưu bài #{article.pk}; có thể trùng với bài #{duplicate_of.pk}.",
            article=article, duplicate_of=duplicate_of,
        )
    return IngestResult(filename, CREATED, f"Đã lưu bài #{article.pk}.", article=article)


def _article_for_sha(sha):
    return Article.objects.filter(original__sha256=sha).defer("body").first()


# --------------------------------------------------------------------------- batches and zips


def _suffix(name):
    return PurePosixPath(name.lower()).suffix


def _is_hidden(name):
    parts = PurePosixPath(name).parts
    return any(part.startswith(".") for part in parts) or (parts and parts[0] == "__MACOSX")


def _expand_zip(item, budget) -> Iterator[tuple[str, bytes] | IngestResult]:
    if item.size > MAX_ZIP_BYTES:
        yield IngestResult(item.filename, FAILED, _limit_message("Tệp zip", MAX_ZIP_BYTES))
        return
    try:
        with item.open() as fh, zipfile.ZipFile(fh) as zf:
            total = 0
            entries = [info for info in zf.infolist() if not info.is_dir()]
            for index, info in enumerate(entries):
                name = info.filename
                label = f"{item.filename}:{name}"
                if name.startswith(("/", "\\")) or ".." in PurePosixPath(name.replace("\\", "/")).parts or ":" in name:
                    yield IngestResult(label, FAILED, "Đường dẫn không an toàn trong zip (tuyệt đối hoặc có “..”).")
                    continue
                if _is_hidden(name):
                    continue
                if _suffix(name) == ".zip":
                    yield IngestResult(label, FAILED, "Zip lồng trong zip không được hỗ trợ: hãy giải nén ra.")
                    continue
                if _suffix(name) not in ARTICLE_EXTENSIONS:
                    yield IngestResult(label, FAILED, "Loại tệp không được hỗ trợ (chỉ .txt, .html, .htm).")
                    continue
                if budget["files"] >= MAX_BATCH_FILES:
                    rest = len(entries) - index
                    yield IngestResult(
                        label, FAILED, f"Vượt giới hạn {MAX_BATCH_FILES:,} tệp mỗi lần: {rest:,} tệp còn lại không được xử lý."
                    )
                    return
                if info.file_size > MAX_FILE_BYTES:
                    yield IngestResult(label, FAILED, _limit_message("Tệp", MAX_FILE_BYTES))
                    continue
                if info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                    yield IngestResult(label, FAILED, f"Tỉ lệ nén vượt giới hạn {MAX_COMPRESSION_RATIO}:1 (nghi zip bomb).")
                    continue
                # Headers can lie: read at most one byte past the limit and check what came out.
                try:
                    with zf.open(info) as entry:
                        data = entry.read(MAX_FILE_BYTES + 1)
                except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, RuntimeError, ValueError) as exc:
                    yield IngestResult(label, FAILED, f"Tệp trong zip bị hỏng, không đọc được: {exc}")
                    continue
                if len(data) > MAX_FILE_BYTES:
                    yield IngestResult(label, FAILED, _limit_message("Tệp", MAX_FILE_BYTES))
                    continue
                if len(data) > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                    yield IngestResult(label, FAILED, f"Tỉ lệ nén vượt giới hạn {MAX_COMPRESSION_RATIO}:1 (nghi zip bomb).")
                    continue
                total += len(data)
                if total > MAX_UNCOMPRESSED_BYTES:
                    yield IngestResult(
                        label, FAILED, _limit_message("Tổng dung lượng giải nén", MAX_UNCOMPRESSED_BYTES)
                        + ": các tệp còn lại không được xử lý."
                    )
                    return
                budget["files"] += 1
                yield label, data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as exc:
        yield IngestResult(item.filename, FAILED, f"Tệp zip hỏng hoặc không đọc được: {exc}")


def expand_batch(items: Iterable[UploadItem]) -> Iterator[tuple[str, bytes] | IngestResult]:
    """The article files of a batch as (filename, bytes), or a failed result for what can't be read.

    Zips are opened (not recursively); hidden files and __MACOSX/ are skipped; limits apply.
    """
    budget = {"files": 0}
    for item in items:
        suffix = _suffix(item.filename)
        if suffix == ".zip":
            yield from _expand_zip(item, budget)
            continue
        if suffix and suffix not in ARTICLE_EXTENSIONS:
            yield IngestResult(item.filename, FAILED, "Loại tệp không được hỗ trợ (chỉ .txt, .html, .htm, .zip).")
            continue
        if budget["files"] >= MAX_BATCH_FILES:
            yield IngestResult(item.filename, FAILED, f"Vượt giới hạn {MAX_BATCH_FILES:,} tệp mỗi lần.")
            continue
        if item.size > MAX_FILE_BYTES:
            yield IngestResult(item.filename, FAILED, _limit_message("Tệp", MAX_FILE_BYTES))
            continue
        budget["files"] += 1
        with item.open() as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        yield item.filename, data


def ingest_batch(items: Iterable[UploadItem], *, source_name=None, published=None, uploaded_by=None):
    """Ingest every file of a batch, yielding one :class:`IngestResult` per file.

    A database error on one file (a server restart, a lost connection) is reported for that
    file and the batch goes on with a fresh connection; re-running the batch completes it.
    """
    for entry in expand_batch(items):
        if isinstance(entry, IngestResult):
            yield entry
            continue
        filename, data = entry
        try:
            yield ingest_file(
                data=data, filename=filename, source_name=source_name, published=published, uploaded_by=uploaded_by
            )
        except DatabaseError as exc:
            log.exception("database error while ingesting %s", filename)
            if not connection.in_atomic_block:
                connection.close()  # the next query opens a new connection
            yield IngestResult(filename, FAILED, f"Lỗi cơ sở dữ liệu: {exc}".strip()[:500])


def summarize(results):
    counts = dict.fromkeys(STATUSES, 0)
    for r in results:
        counts[r.status] += 1
    return counts

