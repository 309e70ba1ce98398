"""Web archives as input: a WARC and a WACZ made here (warcio) from our own pages.

The crawl holds two article pages, a redirect, an image, a revisit of the first page, a 404
page and the request records a crawler writes. Exactly the two pages become articles, with
their URL, the crawl time as the publication time when the page states none, and the record
kept byte for byte; everything else is counted as skipped; ingesting again (the same WARC, or
the same pages packaged as a WACZ) adds nothing.
"""

import datetime as dt
import gzip
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles import batches, ingestion, reextraction, webarchives
from articles.models import Article, IngestBatch, Original

pytestmark = pytest.mark.django_db

CRAWLED = "2024-03-05T08:30:00Z"
PAGE_ONE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Xã Hòa Bình họp bàn kế hoạch mùa khô</title>
<meta name="date" content="2024-03-04"></head><body><nav>Trang chủ | Tin tức</nav><article>
<h1>Xã Hòa Bình họp bàn kế hoạch mùa khô</h1>
<p>Sáng 4/3/2024, UBND xã Hòa Bình tổ chức hội nghị bàn kế hoạch phòng chống hạn trong mùa khô.</p>
<p>Đồng chí Lương Thế Vinh, Chủ tịch UBND xã, chủ trì hội nghị. Tham dự có đồng chí Hà Minh Châu, Phó Chủ tịch UBND xã.</p>
<p>Hội nghị giao các thôn rà soát giếng nước &amp; bể chứa, báo cáo trước ngày 20/3. Ghi chú: &lt;không phải thẻ&gt;.</p>
</article><footer>Bản quyền thuộc Cổng thông tin xã Hòa Bình</footer></body></html>"""
PAGE_TWO = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Thôn Đông tập huấn phòng cháy rừng</title></head>
<body><article><h1>Thôn Đông tập huấn phòng cháy rừng</h1>
<p>Chiều qua, thôn Đông tổ chức buổi tập huấn phòng cháy chữa cháy rừng cho các hộ nhận khoán.</p>
<p>Đồng chí Phạm Hồng Sơn, Bí thư Chi bộ thôn Đông, chủ trì buổi tập huấn và giao nhiệm vụ cho các tổ tuần tra.</p>
<p>Các hộ được hướng dẫn cách làm đường băng cản lửa và báo tin khi phát hiện khói.</p>
</article></body></html>"""
NOT_FOUND = "<!DOCTYPE html><html><head><title>Không tìm thấy</title></head><body><p>Trang không tồn tại.</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _response(writer, url, body, *, status="200 OK", content_type="text/html; charset=utf-8", date=CRAWLED, headers=()):
    http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict={"WARC-Date": date})


def _request(writer, url):
    http = StatusAndHeaders(f"GET {url.split('/', 3)[-1]} HTTP/1.1", [("Host", "xahoabinh.example.vn")],
                            is_http_request=True)
    return writer.create_warc_record(url, "request", http_headers=http, warc_headers_dict={"WARC-Date": CRAWLED})


def write_crawl(fh, *, gzip_records=True, date=CRAWLED):
    """The test crawl: 2 article pages among a redirect, an image, a revisit and a 404."""
    writer = WARCWriter(fh, gzip=gzip_records)
    one = "https://xahoabinh.example.vn/tin-tuc/hop-ban-mua-kho"
    two = "https://xahoabinh.example.vn/tin-tuc/tap-huan-phong-chay"
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test", "format": "WARC 1.1"}))
    writer.write_record(_request(writer, one))
    first = _response(writer, one, PAGE_ONE.encode(), date=date)
    writer.write_record(first)
    writer.write_record(_response(writer, "https://xahoabinh.example.vn/tin-cu", b"", status="301 Moved Permanently",
                                  headers=[("Location", one)], date=date))
    writer.write_record(_response(writer, "https://xahoabinh.example.vn/logo.png", PNG, content_type="image/png", date=date))
    writer.write_record(writer.create_revisit_record(
        one, digest=first.rec_headers.get_header("WARC-Payload-Digest"), refers_to_uri=one, refers_to_date=date,
        http_headers=first.http_headers, warc_headers_dict={"WARC-Date": "2024-03-06T08:30:00Z"},
    ))
    writer.write_record(_response(writer, "https://xahoabinh.example.vn/khong-co", NOT_FOUND.encode(),
                                  status="404 Not Found", date=date))
    # the second page served gzip-encoded and chunked, as servers do
    body = gzip.compress(PAGE_TWO.encode(), mtime=0)  # the same bytes on every crawl
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    writer.write_record(_response(writer, two, chunked, date=date,
                                  headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]))
    return {"one": one, "two": two}


def make_warc(tmp_path, name="crawl.warc.gz", **kwargs):
    path = tmp_path / name
    with open(path, "wb") as fh:
        urls = write_crawl(fh, gzip_records=name.endswith(".gz"), **kwargs)
    return path, urls


def make_wacz(tmp_path, **kwargs):
    warc = io.BytesIO()
    write_crawl(warc, **kwargs)
    path = tmp_path / "crawl.wacz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("archive/data.warc.gz", warc.getvalue())
        zf.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
        zf.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}))
    return path


def ingest(path):
    item = ingestion.UploadItem(path.name, path.stat().st_size, open=lambda: path.open("rb"))
    return list(batches.ingest_batch([item]))


def skipped_of_last_batch():
    return IngestBatch.objects.order_by("-pk").first().skipped


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_warc_ingests_to_exactly_its_html_pages(tmp_path, name):
    path, urls = make_warc(tmp_path, name)
    results = ingest(path)
    assert [r.status for r in results] == ["created", "created"], [r.message for r in results]
    assert skipped_of_last_batch() == {"redirect": 1, "not_html": 1, "revisit": 1, "http_error": 1}

    one, two = (Article.objects.get(url=urls[key]) for key in ("one", "two"))
    assert one.headline == "Xã Hòa Bình họp bàn kế hoạch mùa khô"
    assert timezone.localdate(one.published_at) == dt.date(2024, 3, 4)  # the page's own date
    # no date on the page: the crawl time stands in
    assert two.published_at == dt.datetime(2024, 3, 5, 8, 30, tzinfo=dt.UTC)
    assert "Phạm Hồng Sơn" in two.body and "đường băng cản lửa" in two.body  # gzip + chunked undone
    assert set(one.mentions.values_list("name_as_written", flat=True)) >= {"Lương Thế Vinh", "Hà Minh Châu"}
    # entities resolved once: "&lt;không phải thẻ&gt;" is the text "<không phải thẻ>"
    assert "<không phải thẻ>" in one.body and "&lt;" not in one.body and "giếng nước & bể chứa" in one.body


def test_the_record_is_kept_byte_for_byte_and_can_be_re_extracted(tmp_path):
    path, urls = make_warc(tmp_path)
    ingest(path)
    article = Article.objects.select_related("original").get(url=urls["one"])
    original = article.original
    assert original.kind == Original.Kind.WARC_RECORD and original.payload_digest.startswith("sha1:")
    # the stored bytes are the record exactly as in the archive (its gzip member, uncompressed)
    item = IngestBatch.objects.get().items.get(article=article)
    with path.open("rb") as fh:
        fh.seek(item.offset)
        member = fh.read(item.length)
    assert bytes(original.content) == gzip.decompress(member)
    assert bytes(original.content).startswith(b"WARC/1.")

    Article.objects.filter(pk=article.pk).update(headline="sai", body="")
    report = reextraction.reextract(article=article)
    article.refresh_from_db()
    assert not report.error and article.headline == "Xã Hòa Bình họp bàn kế hoạch mùa khô"
    assert "Lương Thế Vinh" in article.body


def test_ingesting_again_adds_nothing_warc_or_wacz(tmp_path):
    path, _ = make_warc(tmp_path)
    ingest(path)
    assert Article.objects.count() == 2
    again = ingest(path)
    assert [r.status for r in again] == ["duplicate", "duplicate"]
    # the same pages packaged as a WACZ: nothing new either
    packaged = ingest(make_wacz(tmp_path))
    assert [r.status for r in packaged] == ["duplicate", "duplicate"]
    assert Article.objects.count() == 2 and Original.objects.count() == 2


def test_the_same_page_crawled_again_later_is_a_duplicate_by_payload_digest(tmp_path):
    first, _ = make_warc(tmp_path, "a.warc.gz")
    ingest(first)
    later, _ = make_warc(tmp_path, "b.warc.gz", date="2024-04-01T10:00:00Z")  # other record bytes, same pages
    assert first.read_bytes() != later.read_bytes()
    assert [r.status for r in ingest(later)] == ["duplicate", "duplicate"]
    assert Article.objects.count() == 2


def test_a_wacz_uploaded_in_the_admin_is_worked_by_the_real_worker(tmp_path, staff_client, upload_batch):
    wacz = make_wacz(tmp_path)
    page = upload_batch({"files": [SimpleUploadedFile("crawl.wacz", wacz.read_bytes())]})
    state = page.context["state"]
    assert state["finished"] and state["counts"]["created"] == 2 and state["total"] == 2
    assert state["skipped"] == {"revisit": 1, "redirect": 1, "not_html": 1, "http_error": 1}
    html = page.content.decode()
    assert "crawl.wacz:archive/data.warc.gz:https://xahoabinh.example.vn/tin-tuc/hop-ban-mua-kho" in html
    assert "không phải HTML 1" in html and "chuyển hướng 1" in html
    assert Article.objects.filter(url__startswith="https://xahoabinh.example.vn/").count() == 2


def test_a_truncated_warc_keeps_what_came_before_and_says_where_it_broke(tmp_path):
    path, urls = make_warc(tmp_path)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 40])  # the last record (page two) is cut short
    results = ingest(cut)
    statuses = sorted(r.status for r in results)
    assert "created" in statuses and "failed" in statuses
    assert Article.objects.filter(url=urls["one"]).exists()
    broken = [r for r in results if r.status == "failed"]
    assert all("WARC" in r.message for r in broken)


def test_scan_reads_a_big_archive_as_a_stream(tmp_path):
    """The pages of a WARC are found without reading payloads into memory (sizes stay flat)."""
    path, _ = make_warc(tmp_path)
    with path.open("rb") as fh:
        entries = list(webarchives.scan(fh))
    pages = [e for e in entries if isinstance(e, webarchives.Page)]
    assert [p.url.rsplit("/", 1)[-1] for p in pages] == ["hop-ban-mua-kho", "tap-huan-phong-chay"]
    assert sorted(e for e in entries if isinstance(e, str)) == ["http_error", "not_html", "redirect", "revisit"]
