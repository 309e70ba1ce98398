"""Web archives as input: WARC files (wget --warc-file, Browsertrix, Heritrix) and WACZ packages.

warcio reads the records as a stream, so a 1 GB crawl is walked with flat memory:

- :func:`scan` lists the HTML pages of a WARC (response records, status 200, an HTML content
  type) with where each record starts and how long it is, and says why every other response
  was left out (revisit, redirect, not HTML, HTTP error);
- :func:`read_at` reads one record back from there, byte for byte (what is kept as the
  article's Original), and :func:`read_record` gives its page, target URL, crawl time and
  payload digest;
- :func:`warcs_in_wacz` names the WARC files a WACZ package holds.
"""

import base64
import datetime as dt
import hashlib
import io
import posixpath
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

REVISIT, REDIRECT, NOT_HTML, HTTP_ERROR = "revisit", "redirect", "not_html", "http_error"
SKIP_REASONS = (REVISIT, REDIRECT, NOT_HTML, HTTP_ERROR)
HTML_TYPES = ("text/html", "application/xhtml+xml")
ReadError = (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error)


@dataclass
class Page:
    """An HTML response record: where it is in the WARC file and what it says it holds."""

    offset: int
    length: int
    url: str


@dataclass
class Payload:
    data: bytes  # the page, transfer and content encodings removed
    url: str
    crawled_at: dt.datetime | None
    payload_digest: str


def _skip_reason(record):
    """None for an article page; else why the record is left out (None too for records that are
    not responses at all: warcinfo, request, metadata, resource)."""
    if record.rec_type == "revisit":
        return REVISIT
    if record.rec_type != "response":
        return ""
    http = record.http_headers
    if http is None:
        return NOT_HTML  # dns:, ftp: and other non-HTTP captures
    try:
        status = int(http.get_statuscode() or 0)
    except ValueError:
        status = 0
    if 300 <= status < 400:
        return REDIRECT
    if status != 200:
        return HTTP_ERROR
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return None if content_type in HTML_TYPES else NOT_HTML


def scan(fileobj) -> Iterator[Page | str]:
    """Every HTML page of the WARC in ``fileobj`` as a :class:`Page`, every other response as
    the reason it is skipped (one of SKIP_REASONS), in file order. Raises one of ReadError
    when the file stops being a readable WARC (what came before has been yielded)."""
    records = ArchiveIterator(fileobj)
    for record in records:
        reason = _skip_reason(record)
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        if reason is None:
            yield Page(records.get_record_offset(), records.get_record_length(), url)
        elif reason:
            yield reason


def read_at(fileobj, *, offset: int, length: int, limit: int) -> bytes:
    """The record that starts at ``offset``: its bytes as written in the WARC, uncompressed
    (a .warc.gz holds one gzip member per record). At most ``limit`` bytes (+1 to tell)."""
    fileobj.seek(offset)
    stored = fileobj.read(length)
    if stored[:2] != b"\x1f\x8b":
        return stored[: limit + 1]
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    record = member.decompress(stored, limit + 1)
    if not member.eof and len(record) <= limit:
        raise ValueError(f"the record at byte {offset:,} is cut short (its gzip member does not end)")
    return record


def read_record(raw: bytes, *, limit: int | None = None) -> Payload:
    """The page a record (as returned by :func:`read_at`) holds, with what the WARC says of it."""
    record = next(iter(ArchiveIterator(io.BytesIO(raw))))
    headers = record.rec_headers
    stream = record.content_stream()
    data = stream.read() if limit is None else stream.read(limit + 1)
    digest = headers.get_header("WARC-Payload-Digest") or ""
    if not digest:  # warcio's writers add it; other tools may not: compute it the same way
        raw_payload = next(iter(ArchiveIterator(io.BytesIO(raw)))).raw_stream.read()
        digest = "sha1:" + base64.b32encode(hashlib.sha1(raw_payload).digest()).decode()
    return Payload(data=data, url=headers.get_header("WARC-Target-URI") or "",
                   crawled_at=_warc_date(headers.get_header("WARC-Date")), payload_digest=digest)


def _warc_date(value):
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def html_name(url_or_name: str) -> str:
    """A file name ending in .html for a page, so the engine reads it as HTML."""
    path = urlsplit(url_or_name).path if "://" in url_or_name else url_or_name
    name = posixpath.basename(path.rstrip("/")) or "index"
    return name if name.lower().endswith((".html", ".htm")) else name + ".html"


def warcs_in_wacz(zf) -> list:
    """The WARC files of a WACZ package (an open ZipFile), in archive order."""
    return [
        info for info in zf.infolist()
        if not info.is_dir() and info.filename.startswith("archive/")
        and info.filename.lower().endswith((".warc", ".warc.gz"))
    ]
