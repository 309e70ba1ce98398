import datetime as dt

from articles.extraction import extract
from articles.extraction.metadata import is_name_shaped, outlet_prefix, parse_byline, source_line

LEAD = ("Sáng 5/3, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nguyễn Văn Hải chủ trì hội nghị Ban Chấp hành "
        "Đảng bộ tỉnh lần thứ 12.")
PARA = ("Hội nghị đã thảo luận, cho ý kiến vào nhiều nội dung quan trọng về công tác xây dựng Đảng, "
        "phát triển kinh tế - xã hội và bảo đảm quốc phòng, an ninh trên địa bàn tỉnh.")
PARA2 = ("Phát biểu kết luận, Bí thư Tỉnh ủy Nguyễn Văn Hải đề nghị các cấp ủy, tổ chức đảng tập trung "
         "lãnh đạo thực hiện thắng lợi các mục tiêu đã đề ra trong năm.")


def test_headline_stamp_and_lead():
    text = f"Tỉnh ủy họp bàn nhiệm vụ trọng tâm quý II\n\n  • Cập nhật: Thứ năm, 07/03/2024 | 8:10:00 AM\n\n{LEAD}\n\n{PARA}"
    ex = extract(text)
    assert ex.title == "Tỉnh ủy họp bàn nhiệm vụ trọng tâm quý II"
    assert ex.published == dt.datetime(2024, 3, 7, 8, 10)
    assert ex.body.startswith("Sáng 5/3,")
    assert "Cập nhật" not in ex.body


def test_missing_headline_when_file_opens_with_lead():
    ex = extract(f"(Chinhphu.vn) - {LEAD}\n\n{PARA}")
    assert ex.title is None
    assert ex.source == "Chinhphu.vn"
    assert ex.body.startswith("Sáng 5/3,")


def test_missing_headline_when_file_opens_with_long_sentence():
    ex = extract(f"{PARA}\n\n{LEAD}")
    assert ex.title is None


def test_banner_then_kicker_headline():
    text = ("Chào mừng Đại hội Đảng các cấp\n\nChủ tịch UBND tỉnh Trần Quốc Bảo:\n\n"
            "Không để doanh nghiệp phải chờ đợi thủ tục\n\nMinh Anh - Ảnh: Hoàng Long\nChia sẻ Zalo\n\n"
            f"Kinhtedothi - {LEAD}\n\n{PARA}")
    ex = extract(text)
    assert ex.title == "Chủ tịch UBND tỉnh Trần Quốc Bảo: Không để doanh nghiệp phải chờ đợi thủ tục"
    assert ex.source == "Kinhtedothi"
    assert ex.authors == ["Minh Anh", "Hoàng Long"]
    assert "Zalo" not in ex.body and "Minh Anh" not in ex.body


def test_glued_timestamp_is_stripped_from_headline():
    ex = extract(f"Tỉnh ủy sơ kết công tác quý I (09:45 02/04/2024)\n\n\nHNP - {LEAD}\n\n{PARA}")
    assert ex.title == "Tỉnh ủy sơ kết công tác quý I"
    assert ex.published == dt.datetime(2024, 4, 2, 9, 45)
    assert ex.source == "HNP"


def test_caller_published_used_only_without_stamp():
    ex = extract(f"Tin hội nghị\n\n{LEAD}\n\n{PARA}", published=dt.date(2024, 3, 6))
    assert ex.published == dt.datetime(2024, 3, 6)
    ex = extract(f"Tin hội nghị\n\n11/03/2024 10:00\n\n{LEAD}\n\n{PARA}", published=dt.date(2024, 3, 6))
    assert ex.published == dt.datetime(2024, 3, 11, 10, 0)


def test_repeated_captions_and_photo_credits_are_dropped():
    cap = "Bí thư Tỉnh ủy Nguyễn Văn Hải phát biểu tại hội nghị."
    text = (f"Tiêu đề bài viết về hội nghị\n\n{LEAD}\n\n{cap}\n{cap}\n\n{PARA}\n\n"
            "Quang cảnh hội nghị. Ảnh: TTXVN/Lê Thị Thu Hằng\n\nẢnh: VGP/Minh Anh\n\n" + PARA2)
    ex = extract(text)
    assert cap not in ex.body
    assert "Ảnh:" not in ex.body
    assert PARA in ex.body and PARA2 in ex.body
    assert "Lê Thị Thu Hằng" in ex.authors and "Minh Anh" in ex.authors
    assert "Lê Thị Thu Hằng" not in [o.name for o in ex.officials]


def test_closing_byline_source_and_related_news():
    text = (f"Tiêu đề bài viết\n\n{LEAD}\n\n{PARA}\n\n{PARA2}\n\nH. Hạnh\n\n\nCác tin khác\n"
            "Đồng chí Lê Văn Thành, Bí thư Huyện ủy, chủ trì hội nghị huyện.\n\nXem các tin đã đưa ngày:\n")
    ex = extract(text)
    assert ex.authors == ["H. Hạnh"]
    assert "Lê Văn Thành" not in ex.body and "Các tin khác" not in ex.body
    assert [o.name for o in ex.officials] == ["Nguyễn Văn Hải"]
    assert ex.events[0].chairs == ["Nguyễn Văn Hải"]


def test_source_line_at_the_end():
    ex = extract(f"Tiêu đề\n\n{LEAD}\n\n{PARA}\n\n{PARA2}\n\nBD- Theo Báo NDĐT")
    assert ex.source == "Báo NDĐT"
    assert "Theo Báo" not in ex.body


def test_comment_form_is_dropped():
    text = (f"Tiêu đề bài viết\n\n{LEAD}\n\n{PARA}\n\nCác bài mới đăng\n\nBài viết Xem\nViết bình luận\n\n"
            "Họ tên:(*)\nSố điện thoại:\nTiêu đề:(*)\nNội dung:(*)\nMã xác nhận:   Lấy lại mã bảo mật")
    ex = extract(text)
    assert ex.body.endswith(PARA)


def test_trailing_news_teasers_without_heading():
    teasers = [
        "Chiều nay, 21/11, Sở Văn hóa và Liên hiệp các hội đã ký kết chương trình phối hợp truyền thông.",
        "Ứng dụng tra cứu thủ tục hành chính do thành phố phát triển đã được ra mắt sáng nay, 21/11.",
        "Hôm nay, 21/11, thành phố tổ chức hội nghị tổng kết công tác thi đua khen thưởng.",
        "Ứng dụng tra cứu thủ tục hành chính do thành phố phát triển đã được ra mắt.",
        "0",
    ]
    text = "Tiêu đề\n" + "\n".join([LEAD, PARA, PARA2, PARA + " Thêm nội dung."] + teasers)
    ex = extract(text)
    assert "21/11" not in ex.body and not ex.body.endswith("0")
    assert ex.body.endswith("Thêm nội dung.")


def test_continuation_paragraph_with_same_date_is_kept():
    tail = "Chiều 5/3, hội nghị tiếp tục thảo luận tại tổ về dự thảo báo cáo chính trị."
    ex = extract("Tiêu đề\n" + "\n".join([LEAD, PARA, PARA2, PARA, tail, "Sáng 5/3, các đại biểu dâng hương."]))
    assert tail in ex.body


def test_byline_helpers():
    assert parse_byline("Trần Long - Ảnh: Viết Thành") == ["Trần Long", "Viết Thành"]
    assert parse_byline("Ảnh: VGP/Gia Huy") == ["Gia Huy"]
    assert parse_byline("H. Hạnh") == ["H. Hạnh"]
    assert parse_byline("Bí thư Tỉnh ủy Lê Văn Thành.") is None
    assert parse_byline("Quang cảnh hội nghị.") is None
    assert is_name_shaped("Minh Anh") and not is_name_shaped("Hà Nội")
    assert outlet_prefix("(VOV) - Sáng nay")[0] == "VOV"
    assert outlet_prefix("(HNM) - Chiều 3/4")[0] == "HNM"
    assert outlet_prefix("Sáng 3/4 - Thành ủy")[0] is None
    assert source_line("Theo TTXVN") == ("TTXVN", [])
    assert source_line("Nguồn: Báo Hà Nội mới")[0] == "Báo Hà Nội mới"


def test_headline_ending_in_short_parenthetical_is_not_a_lead():
    text = f"Hội đồng nhân dân tỉnh thảo luận dự án Luật Đất đai (sửa đổi)\n14/10/2025 09:45\n\n{LEAD}\n\n{PARA}"
    ex = extract(text)
    assert ex.title == "Hội đồng nhân dân tỉnh thảo luận dự án Luật Đất đai (sửa đổi)"
    assert ex.published.date() == dt.date(2025, 10, 14)
