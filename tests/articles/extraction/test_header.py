"""The top of a page: which line is the headline, which stamp is the article's own."""

import datetime as dt

from articles.extraction import extract

LEAD = ("Sáng 15/10, Ban Thường vụ Tỉnh ủy Hòa An tổ chức hội nghị sơ kết công tác quý III, "
        "triển khai nhiệm vụ trọng tâm những tháng cuối năm.")
BODY = ("\n\nHội nghị đã thảo luận, thống nhất nhiều nội dung quan trọng về công tác xây dựng Đảng "
        "và phát triển kinh tế - xã hội trong thời gian tới.")


def page(*lines):
    return extract("\n".join(lines) + BODY)


def test_the_stamp_after_the_headline_wins_over_a_portal_date_above_it():
    ex = page("Thứ Hai, 01/12/2026, 04:09 (GMT+7)", "Hòa An sơ kết công tác quý III năm 2025",
              "15/10/2025 09:00", LEAD)
    assert ex.published == dt.datetime(2025, 10, 15, 9, 0)
    assert ex.events[0].date == dt.date(2025, 10, 15) and ex.events[0].date_basis == "stamp"


def test_a_portal_date_alone_gives_no_year_to_a_meeting_weeks_before_it():
    ex = page("Thứ Hai, 01/12/2026, 04:09 (GMT+7)", "Tin tức - Thời sự",
              "Chiều 12/10, Tỉnh ủy Hòa An tổ chức hội nghị tổng kết công tác tuyên giáo.")
    assert ex.events[0].date is None and ex.events[0].date_text == "12/10"


def test_a_long_punctuated_headline_before_its_stamp_is_the_headline():
    headline = ("Tập trung lãnh đạo thực hiện thắng lợi nhiệm vụ năm 2025; chuẩn bị tốt cho đại hội đảng bộ các cấp, "
                "tiến tới Đại hội đại biểu Đảng bộ tỉnh Hòa An lần thứ XX, nhiệm kỳ 2025-2030 thành công tốt đẹp.")
    ex = page("Hoạt động Đảng", headline, "Ngày đăng 16/10/2025 | 09:15 | Lượt xem: 85", LEAD)
    assert ex.title == headline and ex.published.date() == dt.date(2025, 10, 16)


def test_an_all_caps_headline_is_never_the_lead():
    ex = page("Bài hát: Tự hào người làm báo", 'TRANG TRỌNG LỄ KỶ NIỆM 80 NĂM NGÀY TRUYỀN THỐNG NGÀNH: KHẲNG ĐỊNH VAI TRÒ "BẢO KIẾM"', LEAD)
    assert ex.title.startswith("TRANG TRỌNG LỄ KỶ NIỆM")


def test_captions_category_bars_and_salutations_are_not_headlines():
    assert page("Toàn cảnh hội nghị.", LEAD).title is None
    assert page("Tất cả chuyên mục", LEAD).title is None
    ex = page("Phát biểu khai mạc của Chủ tọa tại kỳ họp thứ Chín, Hội đồng nhân dân tỉnh", "07/12/2022",
              "Thưa các vị đại biểu,", "Thưa toàn thể cử tri và Nhân dân trong tỉnh,", LEAD)
    assert ex.title == "Phát biểu khai mạc của Chủ tọa tại kỳ họp thứ Chín, Hội đồng nhân dân tỉnh"


def test_a_photo_caption_with_its_credit_is_not_the_headline():
    ex = page("Bí thư Tỉnh ủy Nguyễn Văn Hải phát biểu tại hội nghị. Ảnh: Minh Anh", LEAD)
    assert ex.title is None


def test_a_subtitle_repeating_the_headline_loses_to_it():
    ex = page("Thủ tướng Chính phủ Nguyễn Văn Hải làm việc với lãnh đạo tỉnh Hòa An",
              "Thủ tướng Chính phủ làm việc với lãnh đạo chủ chốt tỉnh Hòa An", LEAD)
    assert ex.title == "Thủ tướng Chính phủ Nguyễn Văn Hải làm việc với lãnh đạo tỉnh Hòa An"


def test_navigation_tickers_and_foreign_chrome_are_skipped():
    ex = page("> Tin tức - Sự kiện > Tin hoạt động HĐND > Hội nghị tiếp xúc cử tri",
              "TIN NỔI BẬT. * KỲ HỌP THỨ 15 - HĐND TỈNH * HÒA AN 2025 - HỢP TÁC ĐẦU TƯ",
              "当前位置:首页 > 新闻", "Hội nghị tiếp xúc cử tri trước kỳ họp thứ 15 HĐND tỉnh Hòa An",
              "![]() |", LEAD)
    assert ex.title == "Hội nghị tiếp xúc cử tri trước kỳ họp thứ 15 HĐND tỉnh Hòa An"


def test_a_page_marker_after_the_headline_is_dropped():
    ex = page('Tập trung sự lãnh đạo của cấp ủy cho đại hội các cấp "*"', "Thứ Tư, 08/04/2015, 08:11 [GMT+7]", LEAD)
    assert ex.title == "Tập trung sự lãnh đạo của cấp ủy cho đại hội các cấp"


def test_an_official_named_only_in_the_headline_is_an_official_and_may_chair():
    ex = extract("Thủ tướng Nguyễn Văn Hải chủ trì phiên họp Chính phủ thường kỳ\n"
                 "Phát biểu khai mạc phiên họp, Thủ tướng nêu rõ những việc cần làm ngay." + BODY)
    assert [(o.name, o.titles, o.start) for o in ex.officials] == [("Nguyễn Văn Hải", ["Thủ tướng"], None)]
    assert ex.events[0].chairs == ["Nguyễn Văn Hải"]
