"""Bad inputs the decoder must turn into what a user expects (issue: ingestion at archive scale)."""

import pytest

from articles.extraction import UndecodableError, decode_upload

VI = "Sáng nay, Ủy ban nhân dân xã Hòa Bình họp bàn kế hoạch chống hạn cho mùa khô năm nay.\n" * 20
ZH = "今天上午，市人民委员会召开会议，讨论今年旱季的抗旱计划。各村要在本月二十日前报告。\n" * 10
ZH_TRADITIONAL = "今天上午，市人民委員會召開會議，討論今年旱季的抗旱計劃。各村要在本月二十日前報告。\n" * 10
JA = "本日午前、村の人民委員会が会議を開き、今年の乾季の計画について話し合いました。\n" * 10


def test_a_few_stray_nul_bytes_are_removed_with_a_warning():
    data = VI.encode()
    data = data[:100] + b"\x00" + data[100:300] + b"\x00\x00" + data[300:]
    decoded = decode_upload(data, "bai.txt")
    assert "\x00" not in decoded.text and "Hòa Bình họp bàn" in decoded.text
    assert "control_removed: 3" in decoded.warnings


def test_other_control_bytes_are_removed_with_a_warning():
    decoded = decode_upload(("Dòng\x07 một\x1b\n" + VI).encode(), "bai.txt")
    assert decoded.text.startswith("Dòng một\n")
    assert "control_removed: 2" in decoded.warnings


def test_a_real_binary_file_with_many_nuls_is_still_refused():
    with pytest.raises(UndecodableError) as refused:
        decode_upload(b"\x00\x01\x00\x02abc\x00\x00\x00" * 200, "du-lieu.txt")
    assert refused.value.code in ("binary", "control")


@pytest.mark.parametrize(("text", "encoding", "language"), [
    (ZH, "gb18030", "zh"),
    (ZH_TRADITIONAL, "big5", "zh"),
    (JA, "shift_jis", "ja"),
    (JA, "euc_jp", "ja"),
    (ZH, "utf-8", "zh"),
])
def test_chinese_and_japanese_are_refused_as_not_vietnamese_in_any_encoding(text, encoding, language):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"sample not representable in {encoding}")
    with pytest.raises(UndecodableError) as refused:
        decode_upload(data, "bai.txt")
    assert refused.value.code == "not_vietnamese" and refused.value.params["language"] == language


def test_html_entities_are_resolved_exactly_once():
    page = ("<html><head><title>Ghi chú</title></head><body><article><h1>Ghi chú kỹ thuật của xã</h1>"
            "<p>Văn bản mẫu viết thẻ &amp;lt;script&amp;gt; như chữ thường, và A &amp;amp; B là tên một công ty.</p>"
            "<p>" + "Nội dung thêm để trang đủ dài cho bộ trích xuất đọc. " * 10 + "</p></article></body></html>")
    text = decode_upload(page.encode(), "ghi-chu.html").text
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "A &amp; B" in text


def test_a_title_with_an_escaped_ampersand_keeps_it():
    page = ("<html><head><title>Xã A &amp;amp; xã B ký kết</title></head><body><article><h1>Xã A &amp;amp; xã B ký kết</h1><p>"
            + "Hai xã ký kết hợp tác phát triển du lịch cộng đồng. " * 8 + "</p></article></body></html>")
    decoded = decode_upload(page.encode(), "tin.html")
    assert decoded.title == "Xã A &amp; xã B ký kết"
