"""Getting one file in: limits, outcomes and :func:`ingest_file`.

Every article file — from the admin upload page, the ``ingest`` command, ``load_demo``, a zip
entry or a web-archive record — is stored by :func:`ingest_file`. Batches (many files, zips,
web archives, in the background) are articles/batches.py; web archives articles/webarchives.py.

The limits that protect the server are the module constants below; their messages state them.
"""

import datetime as dt
import hashlib
import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from articles import extraction as engine
from articles import facts, posts, webarchives
from articles.models import Article, Original, Source
from people.namelocks import names_locked
from people.names import clean_name, name_key

log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_FILE_BYTES = 10 * MB  # one article file
MAX_ZIP_BYTES = 100 * MB  # one uploaded zip
MAX_WEB_ARCHIVE_BYTES = 2048 * MB  # one uploaded .warc, .warc.gz or .wacz (read as a stream)
MAX_BATCH_FILES = 2000  # article files per batch (zip entries included; web-archive records not)
MAX_UNCOMPRESSED_BYTES = 500 * MB  # all entries of one zip
MAX_COMPRESSION_RATIO = 100  # uncompressed / compressed size of one zip entry
ARTICLE_EXTENSIONS = (".txt", ".html", ".htm")
WEB_ARCHIVE_EXTENSIONS = (".warc", ".warc.gz", ".wacz")

CREATED, DUPLICATE, POSSIBLE_DUPLICATE, FAILED = "created", "duplicate", "possible_duplicate", "failed"
STATUSES = (CREATED, DUPLICATE, POSSIBLE_DUPLICATE, FAILED)

_CONTROL_CHARS = dict.fromkeys(c for c in range(0x20) if c not in (0x09,)) | {0x7F: None}


def safe_filename(name):
    """A file name fit to store and show: no control characters (PostgreSQL refuses NUL), NFC, ≤ 255."""
    name = clean_name((name or "").translate(_CONTROL_CHARS))
    return name[:255] or "upload.txt"


def translated(reason, params=None):
    """A stored message (gettext msgid + values) in the language of the current request.

    ``params["notes"]``: further (msgid, values) pairs, shown after it as "Lưu ý: …".
    """
    params = dict(params or {})
    notes = params.pop("notes", [])
    text = gettext(reason) if reason else ""
    text = text % params if params else text
    if notes:
        text += " " + gettext("Lưu ý: %(notes)s.") % {"notes": "; ".join(translated(r, p) for r, p in notes)}
    return text


def limit_params(limit_bytes):
    return {"limit": f"{limit_bytes // MB} MB" if limit_bytes >= MB else f"{limit_bytes:,} byte"}


@dataclass
class IngestResult:
    """What happened to one file. The message is kept as a msgid and its values so that it
    is shown in the reader's language (batch reports are stored, then read later)."""

    filename: str
    status: str
    reason: str = ""
    params: dict = field(default_factory=dict)
    article: Article | None = None
    duplicate_of: Article | None = None

    @property
    def ok(self):
        return self.status != FAILED

    @property
    def message(self):
        return translated(self.reason, self.params)

    def as_dict(self):
        return {
            "file": self.filename,
            "status": self.status,
            "article": self.article.pk if self.article else None,
            "duplicate_of": self.duplicate_of.pk if self.duplicate_of else None,
            "message": self.message,
        }


def failed(filename, reason, **params):
    return IngestResult(filename, FAILED, reason, params)


@dataclass
class UploadItem:
    """One uploaded file, not yet read: ``open()`` gives a binary file object."""

    filename: str
    size: int
    open: Callable[[], BinaryIO]

    @classmethod
    def from_bytes(cls, filename, data):
        return cls(filename=filename, size=len(data), open=lambda: io.BytesIO(data))


@dataclass
class WebRecord:
    """What a web-archive record says about the page it holds (articles/webarchives.py)."""

    url: str
    crawled_at: dt.datetime | None
    payload_digest: str


# Why the engine could not read a file (UndecodableError.code), as sentences for staff.
UNDECODABLE = {
    "empty": gettext_noop("Tệp rỗng."),
    "binary": gettext_noop("Tệp là dữ liệu nhị phân (%(format)s), không phải văn bản."),
    "control": gettext_noop("Tệp là dữ liệu nhị phân (quá nhiều ký tự điều khiển), không phải văn bản."),
    "encoding": gettext_noop("Không đọc được tệp: đây không phải văn bản trong bảng mã nào đã biết."),
    "not_vietnamese_zh": gettext_noop(
        "Tệp không phải tiếng Việt (có vẻ là tiếng Trung, bảng mã %(format)s): không lưu, để không thành chữ lỗi."
    ),
    "not_vietnamese_ja": gettext_noop(
        "Tệp không phải tiếng Việt (có vẻ là tiếng Nhật, bảng mã %(format)s): không lưu, để không thành chữ lỗi."
    ),
    "not_vietnamese_ko": gettext_noop(
        "Tệp không phải tiếng Việt (có vẻ là tiếng Hàn, bảng mã %(format)s): không lưu, để không thành chữ lỗi."
    ),
    "no_text": gettext_noop("Tệp không có chữ đọc được."),
}

# Warnings of the engine that staff should see in the report (the rest stay on the article).
NOTICES = {
    "control_removed": gettext_noop("đã bỏ %(count)s ký tự điều khiển (NUL…) khỏi văn bản"),
    "legacy_encoding": gettext_noop("đọc bằng bảng mã cũ %(format)s"),
}


def undecodable(filename, exc):
    params = {"format": "?", **getattr(exc, "params", {})}
    code = getattr(exc, "code", "")
    if code == "not_vietnamese":
        code += "_" + params.pop("language", "zh")
    return failed(filename, UNDECODABLE.get(code, UNDECODABLE["encoding"]), **params)


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


def ingest_file(
    *, data: bytes, filename: str, source_name: str | None = None, published=None, uploaded_by=None,
    web: WebRecord | None = None, raw: bytes | None = None, claim=None, record=None,
):
    """Store one file as a draft article with its mentions, meetings and organisations.

    Returns an :class:`IngestResult`. Nothing is half-written: all rows of one file are stored
    in one transaction. An exact copy (same SHA-256, or for a web-archive record the same
    payload digest) stores nothing and reports the first one. When the extractor crashes, the
    original and an article carrying ``extraction_error`` are kept so the file can be
    re-extracted later; the result is "failed" with the reason.

    ``web`` and ``raw``: ``data`` is the payload of a web-archive record, ``raw`` the record
    itself (what is kept). ``claim`` and ``record`` (batches) are called inside the storing
    transaction: ``claim()`` returning False means another worker did this file (nothing is
    stored, None is returned); ``record(result)`` writes the report line with the article.
    """
    filename = safe_filename(filename)
    kept = data if raw is None else raw
    if len(data) > MAX_FILE_BYTES:
        return failed(filename, gettext_noop("Tệp vượt giới hạn %(limit)s (%(size)s byte)."), size=f"{len(data):,}", **limit_params(MAX_FILE_BYTES))
    if not data.strip():
        return failed(filename, UNDECODABLE["empty"])
    sha = hashlib.sha256(kept).hexdigest()
    digest = web.payload_digest if web else ""
    existing = _same_upload(sha, digest)
    if existing:
        return _duplicate(filename, existing)

    error = ""
    extraction = None
    # A web page's crawl time is NOT given to the engine as the fallback date: the engine prefers
    # a caller's date to the page's own metadata, and the crawl may come years after publication.
    # It stands in only when the page states no date at all (_store_article).
    engine_name = webarchives.html_name(filename) if web else filename
    try:
        extraction = engine.extract_upload(data, filename=engine_name, published=published)
    except engine.UndecodableError as exc:
        return undecodable(filename, exc)
    except Exception as exc:  # the engine crashed: keep the file for a later re-run
        log.exception("extraction crashed on %s", filename)
        error = f"{type(exc).__name__}: {exc}"[:2000]

    def store():
        if claim is not None and not claim():
            return None
        # Every lock this file's writes need, taken at once in one order: see people/namelocks.py.
        pairs = [(Source, source_name or "")]
        if extraction is not None:
            pairs += facts.names_created_by(extraction, source_name=source_name)
            # the same body in two ingests at once: the second must see the first to flag it
            pairs.append((Article, facts.body_fingerprint(extraction.body)))
        with names_locked(pairs):
            return _store()

    def _store():
        original = Original.objects.create(
            content=kept, filename=filename, size=len(kept), sha256=sha, uploaded_by=uploaded_by,
            kind=Original.Kind.WARC_RECORD if web else Original.Kind.FILE, payload_digest=digest,
        )
        if extraction is None:
            article = Article.objects.create(
                original=original, headline=None, source=facts.source_for(source_name), url=web.url[:1000] if web else "",
                published_at=facts.aware(published) or (web.crawled_at if web else None),
                extractor_version=engine.EXTRACTOR_VERSION, extraction_error=error,
            )
            result = failed(
                filename, gettext_noop("Trích xuất lỗi (%(error)s); tệp gốc đã lưu ở bài #%(article)s để chạy lại."),
                error=error, article=article.pk,
            )
            result.article = article
        else:
            result = _store_article(original, extraction, source_name=source_name, published=published, web=web)
            _add_notices(result, extraction)
        result.filename = filename
        if record is not None:
            record(result)
        return result

    try:
        result = _in_transaction(store)
    except IntegrityError:
        # Two uploads of the same bytes at the same moment: the other one won.
        winner = _same_upload(sha, digest)
        if winner is None:
            raise
        return _duplicate(filename, winner)
    return result


def _store_article(original, extraction, *, source_name, published, web):
    fields = facts.article_fields(extraction, source_name=source_name, published=published)
    if web:
        fields["url"] = web.url[:1000]
        fields["published_at"] = fields["published_at"] or web.crawled_at
    duplicate_of = find_possible_duplicate(
        headline=fields["headline"], source=fields["source"], fingerprint=fields["body_fingerprint"]
    )
    article = Article.objects.create(original=original, possible_duplicate_of=duplicate_of, **fields)
    resolver = facts.Resolver(when=timezone.localdate(article.published_at) if article.published_at else None)
    with posts.deferred():  # the titles of the article's rows are read into posts once, at the end
        facts.store_mentions(article, extraction, resolver)
        organizations = facts.store_organizations(article, extraction)
        facts.store_meetings(article, extraction, resolver, organizations)
    if duplicate_of:
        return IngestResult(
            "", POSSIBLE_DUPLICATE, gettext_noop("Đã lưu bài #%(article)s; có thể trùng với bài #%(other)s."),
            {"article": article.pk, "other": duplicate_of.pk}, article=article, duplicate_of=duplicate_of,
        )
    return IngestResult("", CREATED, gettext_noop("Đã lưu bài #%(article)s."), {"article": article.pk}, article=article)


def _add_notices(result, extraction):
    """Add what staff should know about the text (control characters removed, …) to the message."""
    notes = []
    for warning in (extraction.warnings if extraction else None) or []:
        code, _, value = warning.partition(":")
        if code in NOTICES:
            notes.append([NOTICES[code], {"count": value.strip(), "format": value.strip()}])
    if notes and result.status != FAILED:
        result.params = {**result.params, "notes": notes}


# Lost races and busy databases are worth another try; anything else is reported.
_RETRY_SQLSTATES = {"40P01", "40001"}  # deadlock detected, serialization failure
RETRIES = 3


def _transient(exc):
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    return connection.vendor == "sqlite" and "locked" in str(exc).lower()


def _in_transaction(work):
    """``work()`` in a transaction, tried again (from scratch) after a deadlock or a locked database."""
    nested = connection.in_atomic_block
    for attempt in range(1, RETRIES + 1):
        try:
            with transaction.atomic():
                return work()
        except OperationalError as exc:
            if nested or attempt == RETRIES or not _transient(exc):
                raise
            log.warning("retrying after %s (attempt %s)", exc, attempt)
            time.sleep(0.05 * attempt)


def _same_upload(sha, digest):
    match = Q(original__sha256=sha) | Q(original__payload_digest=digest) if digest else Q(original__sha256=sha)
    # The primary, not a replica: the copy stored a moment ago by another ingest must be seen.
    return Article.objects.using("default").filter(match).defer("body").order_by("pk").first()


def _duplicate(filename, existing):
    return IngestResult(
        filename, DUPLICATE, gettext_noop("Trùng với bài #%(article)s."), {"article": existing.pk}, duplicate_of=existing
    )


DATABASE_TROUBLE = gettext_noop(
    "Không ghi được vào cơ sở dữ liệu (máy chủ cơ sở dữ liệu không trả lời hoặc vừa khởi động lại): "
    "tệp chưa được lưu. Chạy lại đợt tải lên để hoàn tất."
)


def database_trouble(filename, exc):
    """A database error on one file as a sentence; the raw error goes to the log only."""
    log.error("database error while ingesting %s: %s", filename, exc)
    if not connection.in_atomic_block:
        connection.close()  # the next query opens a new connection
    return failed(filename, DATABASE_TROUBLE)


def ingest_file_safely(**kwargs):
    """:func:`ingest_file`, with a database error turned into a failed result (a sentence)."""
    try:
        return ingest_file(**kwargs)
    except DatabaseError as exc:
        return database_trouble(kwargs.get("filename", ""), exc)


def summarize(results):
    counts = dict.fromkeys(STATUSES, 0)
    for r in results:
        counts[r.status] += 1
    return counts


def extraction_input(original):
    """(bytes, file name) the engine reads for a stored original: a web-archive record's payload."""
    if original.kind == Original.Kind.WARC_RECORD:
        payload = webarchives.read_record(bytes(original.content))
        return payload.data, webarchives.html_name(payload.url)
    return bytes(original.content), original.filename
