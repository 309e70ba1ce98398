import unicodedata

import pytest

from articles.extraction import Decoded, UndecodableError, decode_upload, extract_upload
from articles.extraction.decoding import repair_mojibake

TEXT = "Chiều 5/9, Bí thư Thành ủy Nguyễn Văn Hải chủ trì hội nghị. Quỹ hỗ trợ được thành lập."


def cp1258_bytes(s: str) -> bytes:
    """Encode like a legacy Windows-1258 editor: base letters precomposed, tones as combining marks."""
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_utf8_plain_and_bom():
    d = decode_upload(TEXT.encode("utf-8"))
    assert isinstance(d, Decoded) and d.text == TEXT and not d.is_html
    d = decode_upload(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert d.text == TEXT


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(enc):
    assert decode_upload(TEXT.encode(enc)).text == TEXT


def test_cp1258_is_decoded_and_composed():
    d = decode_upload(cp1258_bytes(TEXT))
    assert d.text == TEXT
    assert unicodedata.is_normalized("NFC", d.text)
    assert d.encoding == "cp1258"


def test_latin1_mojibake_is_repaired_with_warning():
    garbled = TEXT.encode("utf-8").decode("latin-1")
    d = decode_upload(garbled.encode("utf-8"))
    assert d.text == TEXT
    assert any("mojibake" in w for w in d.warnings)


def test_repair_mojibake_leaves_good_text_alone():
    assert repair_mojibake("Thủ đô Hà Nội") == ("Thủ đô Hà Nội", False)
    assert repair_mojibake("Thá»§ Ä‘Ã´")[0] == "Thủ đô"


def test_control_characters_removed():
    d = decode_upload("Dòng\x07 một\x1b\nDòng\thai".encode())
    assert d.text == "Dòng một\nDòng hai"


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\x00\x00"])
def test_empty_is_rejected(data):
    with pytest.raises(UndecodableError) as e:
        decode_upload(data)
    assert "empty" in str(e.value).lower() or "binary" in str(e.value).lower()


@pytest.mark.parametrize("data,word", [
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"abc\x00\x01\x02\xff\xfe\x00\x13def" * 4, "binary"),
])
def test_binary_is_rejected(data, word):
    with pytest.raises(UndecodableError) as e:
        decode_upload(data)
    assert isinstance(e.value, ValueError)
    assert word.lower() in e.value.reason.lower()


HTML = """<!DOCTYPE html><html><head><title>Hà Nội triển khai nhiệm vụ năm 2024</title>
<meta name="date" content="2024-01-06">
<script>document.write("Mã độc không được xuất hiện"); alert(1)</script>
<style>.x{color:red}</style></head>
<body><nav><a href="/">Trang chủ</a></nav>
<article><h1>Hà Nội triển khai nhiệm vụ năm 2024</h1>
<p>Chiều 5/1, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Nguyễn Văn Hải chủ trì hội nghị triển khai nhiệm vụ năm 2024 của Thành ủy &amp; các cơ quan.</p>
<p>Tham dự hội nghị có Phó Bí thư Thành ủy Lê Thị Thu Hằng; Chủ tịch HĐND TP Trần Quốc Bảo. Hội nghị đã thảo luận nhiều nội dung quan trọng về công tác xây dựng Đảng và phát triển kinh tế &ndash; xã hội.</p>
<p>Phát biểu kết luận, Bí thư Thành ủy Nguyễn Văn Hải yêu cầu các cấp, các ngành tập trung thực hiện tốt nhiệm vụ được giao.</p>
</article></body></html>"""


def test_html_main_text_without_script_and_with_entities():
    d = decode_upload(HTML.encode("utf-8"), "bai-viet.html")
    assert d.is_html
    assert "Mã độc" not in d.text and "alert" not in d.text and "color:red" not in d.text
    assert "Thành ủy & các cơ quan" in d.text
    assert "&amp;" not in d.text
    assert d.title == "Hà Nội triển khai nhiệm vụ năm 2024"


def test_html_detected_by_content_and_extracted():
    ex = extract_upload(HTML.encode("utf-8"), filename="upload.txt")
    assert ex.title == "Hà Nội triển khai nhiệm vụ năm 2024"
    names = [o.name for o in ex.officials]
    assert names[:3] == ["Nguyễn Văn Hải", "Lê Thị Thu Hằng", "Trần Quốc Bảo"]
    assert ex.events[0].chairs == ["Nguyễn Văn Hải"]


def test_html_fallback_when_trafilatura_finds_nothing():
    d = decode_upload(b"<html><body><div>Ng\xc3\xa0y 3/4</div><script>x=1</script></body></html>")
    assert d.is_html
    assert "Ngày 3/4" in d.text and "x=1" not in d.text


def test_extract_upload_raises_for_binary():
    with pytest.raises(UndecodableError):
        extract_upload(b"%PDF-1.4 ...")
