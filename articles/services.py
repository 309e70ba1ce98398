"""Ingestion, review and publication: the one module where articles are written to the database.

Every uploaded file — from the admin upload page, the ``ingest`` command or ``load_demo`` —
goes through :func:`ingest_file`. Batches (many files, zips, folders) go through
:func:`ingest_batch`, which expands zips safely and never lets one bad file stop the others.

The limits that protect the server are the module constants below; their messages state them.
"""

import datetime as dt
import hashlib
import io
import logging
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import BinaryIO

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models.functions import Length
from django.utils import timezone

from articles import extraction as engine
from articles.models import Article, Mention, Original, Source
from people import services as people_services
from people.models import CHAIR_ROLES, Meeting, Organization, Participation, Status
from people.names import clean_name, fold, name_key
from people.services import MEETING_EXTRACTED_FIELDS, activity_recount, resolve_person

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

# Fields that extraction fills and a re-extraction may refresh unless staff edited them.
ARTICLE_EXTRACTED_FIELDS = ("headline", "published_at", "byline", "body", "source")


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


# --------------------------------------------------------------------------- helpers


def current_extractor_version():
    """The version the extractor stamps on what it produces; older articles are "outdated"."""
    return engine.EXTRACTOR_VERSION


def body_fingerprint(body):
    """Identity of an article's text regardless of diacritics, case and spacing."""
    return hashlib.sha256(fold(body or "").encode()).hexdigest() if (body or "").strip() else ""


def _aware(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


def _source_for(name):
    name = clean_name(name or "")[:200]
    if not name:
        return None
    source = Source.objects.filter(name_key=name_key(name)).first()
    return source or Source.objects.create(name=name)


def _organization_for(mention):
    name = clean_name(mention.name)[:300]
    if not name:
        return None
    org = Organization.objects.filter(name_key=name_key(name)).first()
    if org is None:
        kind = mention.kind if mention.kind in Organization.Kind.values else Organization.Kind.OTHER
        org = Organization.objects.create(name=name, kind=kind)
    return org


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


class _Resolver:
    """Resolves names to persons once per article, so a name mentioned twice links once."""

    def __init__(self, *, when=None, previous=None):
        self.when = when
        self.cache = {}
        self.previous = previous or {}  # name_key → person kept from an earlier extraction

    def __call__(self, name, titles):
        key = name_key(name)
        if key not in self.cache:
            if key in self.previous:
                from people.services import Resolution

                self.cache[key] = Resolution(self.previous[key])
            else:
                self.cache[key] = resolve_person(name=name, titles=titles, when=self.when)
        return self.cache[key]


def _store_mentions(article, extraction, resolver):
    for m in extraction.officials:
        res = resolver(m.name, m.titles)
        Mention.objects.create(
            article=article,
            person=res.person,
            name_as_written=m.name[:200],
            titles_as_written=list(m.titles or []),
            evidence=m.sentence or "",
            start=m.start,
            end=m.end,
            resolution_note=res.note,
        )


def _store_participations(meeting, event, resolver, *, taken=None):
    """Extracted participations of one event; ``taken`` holds (person_id, role) already present."""
    taken = set(taken or ())
    for p in event.participants:
        res = resolver(p.name, p.titles)
        person_id = res.person.pk if res.person else None
        if person_id is not None:
            if (person_id, p.role) in taken:
                continue
            taken.add((person_id, p.role))
        Participation.objects.create(
            meeting=meeting,
            person=res.person,
            role=p.role,
            name_as_written=p.name[:200],
            titles_as_written=list(p.titles or []),
            evidence=p.sentence or event.sentence or "",
            origin=Participation.Origin.EXTRACTED,
            resolution_note=res.note[:300],
        )


def _meeting_fields(event, headline):
    kind_text = (event.kind or "")[:100]
    return {
        "kind": Meeting.kind_from_text(kind_text) if kind_text else Meeting.Kind.OTHER,
        "kind_text": kind_text,
        "date": event.date,
        "date_text": (event.date_text or "")[:50],
        "title": (headline or "")[:500],
    }


def _store_meetings(article, extraction, resolver, organizations):
    organizer = organizations[0] if len(organizations) == 1 else None
    for event in extraction.events:
        meeting = Meeting.objects.create(organizer=organizer, **_meeting_fields(event, article.headline))
        _store_participations(meeting, event, resolver)
        article.meetings.add(meeting)


def _store_organizations(article, extraction):
    orgs = []
    for mention in extraction.organizations:
        org = _organization_for(mention)
        if org and org not in orgs:
            orgs.append(org)
    article.organizations.add(*orgs)
    return orgs


def _article_fields(extraction, *, source_name, published):
    headline = clean_name(extraction.title or "")[:500] or None
    return {
        "headline": headline,
        "published_at": _aware(extraction.published) or _aware(published),
        "byline": ", ".join(extraction.authors or [])[:300],
        "body": extraction.body or "",
        "source": _source_for(source_name) or _source_for(extraction.source),
        "body_fingerprint": body_fingerprint(extraction.body),
        "extractor_version": engine.EXTRACTOR_VERSION,
        "extraction_warnings": list(extraction.warnings or []),
        "extraction_error": "",
    }


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
                    source=_source_for(source_name),
                    published_at=_aware(published),
                    extractor_version=engine.EXTRACTOR_VERSION,
                    extraction_error=error,
                )
                return IngestResult(
                    filename, FAILED, f"Trích xuất lỗi ({error}); tệp gốc đã lưu ở bài #{article.pk} để chạy lại.",
                    article=article,
                )
            fields = _article_fields(extraction, source_name=source_name, published=published)
            duplicate_of = find_possible_duplicate(
                headline=fields["headline"], source=fields["source"], fingerprint=fields["body_fingerprint"]
            )
            article = Article.objects.create(original=original, possible_duplicate_of=duplicate_of, **fields)
            resolver = _Resolver(when=timezone.localdate(article.published_at) if article.published_at else None)
            _store_mentions(article, extraction, resolver)
            organizations = _store_organizations(article, extraction)
            _store_meetings(article, extraction, resolver, organizations)
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


# --------------------------------------------------------------------------- review and publication


@transaction.atomic
def publish_articles(*, articles):
    """Publish articles and the meetings they report. Returns the number of articles published."""
    ids = [a.pk for a in articles]
    count = Article.objects.filter(pk__in=ids).exclude(status=Status.PUBLISHED).update(
        status=Status.PUBLISHED, updated_at=timezone.now()
    )
    people_services.set_meetings_status(meetings=Meeting.objects.filter(articles__pk__in=ids), status=Status.PUBLISHED)
    return count


@transaction.atomic
def unpublish_articles(*, articles):
    """Back to draft; their meetings too, unless another published article still reports them."""
    ids = [a.pk for a in articles]
    count = Article.objects.filter(pk__in=ids, status=Status.PUBLISHED).update(
        status=Status.DRAFT, updated_at=timezone.now()
    )
    still_reported = Meeting.objects.filter(articles__status=Status.PUBLISHED).exclude(articles__pk__in=ids)
    people_services.set_meetings_status(
        meetings=Meeting.objects.filter(articles__pk__in=ids).exclude(pk__in=still_reported), status=Status.DRAFT
    )
    return count


def record_staff_edits(*, obj, changed_fields):
    """Remember which fields staff changed by hand, so re-extraction never undoes them."""
    extracted = ARTICLE_EXTRACTED_FIELDS if isinstance(obj, Article) else MEETING_EXTRACTED_FIELDS
    edited = set(obj.edited_fields or []) | {f for f in changed_fields if f in extracted}
    obj.edited_fields = sorted(edited)


@transaction.atomic
def resolve_mention(*, mention, person):
    """Staff decided who a mention refers to; the article's unresolved participants of that name follow."""
    mention.person = person
    mention.resolution_note = ""
    mention.save(update_fields=["person", "resolution_note"])
    key = name_key(mention.name_as_written)
    unresolved = Participation.objects.filter(meeting__articles=mention.article_id, person__isnull=True)
    for participation in unresolved:
        if name_key(participation.name_as_written) != key:
            continue
        already = Participation.objects.filter(meeting=participation.meeting_id, person=person, role=participation.role)
        if already.exists():
            participation.delete()  # the same fact, already linked
        else:
            participation.person = person
            participation.resolution_note = ""
            participation.save(update_fields=["person", "resolution_note"])
    return mention


def create_person_from_mention(*, mention):
    from people.services import create_person

    person = create_person(full_name=mention.name_as_written)
    return resolve_mention(mention=mention, person=person)


@dataclass
class ReextractReport:
    article: Article
    changed_fields: list[str] = field(default_factory=list)
    kept_fields: list[str] = field(default_factory=list)
    added_officials: list[str] = field(default_factory=list)
    removed_officials: list[str] = field(default_factory=list)
    error: str = ""

    def __str__(self):
        parts = [f"Bài #{self.article.pk}"]
        if self.error:
            parts.append(f"trích xuất lỗi: {self.error}")
        parts.append("trường thay đổi: " + (", ".join(self.changed_fields) or "không có"))
        if self.kept_fields:
            parts.append("giữ bản sửa tay: " + ", ".join(self.kept_fields))
        if self.added_officials:
            parts.append("thêm: " + ", ".join(self.added_officials))
        if self.removed_officials:
            parts.append("bỏ: " + ", ".join(self.removed_officials))
        return "; ".join(parts)


@transaction.atomic
@activity_recount()  # participations of a published meeting re-stored: one recount per person
def reextract_article(*, article):
    """Run the current extractor again on the stored original.

    Fields staff edited by hand (``edited_fields``) are kept, mentions are recomputed (keeping
    the persons they were linked to), extracted participations are replaced and staff ones
    kept. Returns a :class:`ReextractReport` saying what changed.
    """
    article = Article.objects.select_related("original").get(pk=article.pk)
    report = ReextractReport(article=article)
    original = article.original
    published = timezone.localdate(article.published_at) if article.published_at else None
    try:
        extraction = engine.extract_upload(bytes(original.content), filename=original.filename, published=published)
    except Exception as exc:
        report.error = f"{type(exc).__name__}: {exc}"[:2000]
        article.extraction_error = report.error
        article.extractor_version = engine.EXTRACTOR_VERSION
        article.save(update_fields=["extraction_error", "extractor_version", "updated_at"])
        return report

    fields = _article_fields(extraction, source_name=None, published=None)
    # The outlet chosen at upload time (or by staff) stays; the date falls back to the one stored.
    fields["source"] = article.source or fields["source"]
    fields["published_at"] = fields["published_at"] or article.published_at
    for name, value in fields.items():
        if name in ARTICLE_EXTRACTED_FIELDS and name in article.edited_fields:
            if getattr(article, name) != value:
                report.kept_fields.append(name)
            continue
        if getattr(article, name) != value:
            if name in ARTICLE_EXTRACTED_FIELDS:
                report.changed_fields.append(name)
            setattr(article, name, value)
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    article.extraction_warnings = list(article.extraction_warnings) + [
        f"Trích xuất lại {stamp} (phiên bản {engine.EXTRACTOR_VERSION}): " + (", ".join(report.changed_fields) or "không đổi")
    ]
    article.save()

    # Mentions: recomputed; a person staff (or earlier resolution) linked to a name stays linked.
    old = list(article.mentions.all())
    previous = {m.name_key: m.person for m in old if m.person_id}
    old_names = {m.name_key: m.name_as_written for m in old}
    article.mentions.all().delete()
    resolver = _Resolver(when=timezone.localdate(article.published_at) if article.published_at else None, previous=previous)
    _store_mentions(article, extraction, resolver)
    new_names = {name_key(m.name): clean_name(m.name) for m in extraction.officials}
    report.added_officials = sorted(v for k, v in new_names.items() if k not in old_names)
    report.removed_officials = sorted(v for k, v in old_names.items() if k not in new_names)

    organizations = _store_organizations(article, extraction)

    # Meetings: matched in order; staff-edited fields and staff participations stay.
    meetings = list(article.meetings.order_by("pk"))
    for index, event in enumerate(extraction.events):
        if index < len(meetings):
            meeting = meetings[index]
            for name, value in _meeting_fields(event, article.headline).items():
                if name not in meeting.edited_fields:
                    setattr(meeting, name, value)
            meeting.save()
            meeting.participations.filter(origin=Participation.Origin.EXTRACTED).delete()
            taken = set(
                meeting.participations.filter(person__isnull=False).values_list("person_id", "role")
            )
            _store_participations(meeting, event, resolver, taken=taken)
        else:
            organizer = organizations[0] if len(organizations) == 1 else None
            meeting = Meeting.objects.create(organizer=organizer, **_meeting_fields(event, article.headline))
            _store_participations(meeting, event, resolver)
            article.meetings.add(meeting)
    for meeting in meetings[len(extraction.events):]:
        staff_made = meeting.edited_fields or meeting.participations.filter(origin=Participation.Origin.STAFF).exists()
        if not staff_made and meeting.articles.count() == 1:
            meeting.delete()
    return report


@transaction.atomic
@activity_recount()
def delete_article(*, article):
    """Delete an article with its original upload (so the same file can be uploaded again).

    The meetings it reported must not outlive their source in public: a meeting no other article
    reports is deleted (kept as a draft if staff worked on it), and one that only drafts still
    report goes back to draft.
    """
    meeting_ids = list(article.meetings.values_list("pk", flat=True))
    original_id = article.original_id
    article.delete()
    Original.objects.filter(pk=original_id).delete()
    for meeting in Meeting.objects.filter(pk__in=meeting_ids):
        staff_made = meeting.edited_fields or meeting.participations.filter(origin=Participation.Origin.STAFF).exists()
        if not meeting.articles.exists() and not staff_made:
            meeting.delete()
        elif not meeting.articles.filter(status=Status.PUBLISHED).exists():
            people_services.set_meetings_status(meetings=Meeting.objects.filter(pk=meeting.pk), status=Status.DRAFT)


def chairs_of(meeting):
    return [p for p in meeting.participations.all() if p.role in CHAIR_ROLES]
