import datetime as dt

import pytest

from articles.extraction import extract
from articles.extraction.stamps import is_stamp_line, parse_stamp


@pytest.mark.parametrize("stamp,expected", [
    ("Thứ bảy, 11/12/2021 | 5:31:17 PM", dt.datetime(2021, 12, 11, 17, 31, 17)),
    ("Cập nhật: 18:14, 03/04/2021", dt.datetime(2021, 4, 3, 18, 14)),
    ("(14:02 09/07/2020)", dt.datetime(2020, 7, 9, 14, 2)),
    ("2025-10-15", dt.datetime(2025, 10, 15)),
    ("Thứ ba, 16:39 24/08/2021", dt.datetime(2021, 8, 24, 16, 39)),
    ("11/12/2021 17:31 GMT+7", dt.datetime(2021, 12, 11, 17, 31)),
    ("Ngày 3 tháng 4 năm 2021", dt.datetime(2021, 4, 3)),
    ("02/03/2022", dt.datetime(2022, 3, 2)),  # always day/month
])
def test_parse_stamp_shapes(stamp, expected):
    assert parse_stamp(stamp) == expected
    assert is_stamp_line(stamp)


def test_invalid_stamp_is_none():
    assert parse_stamp("31/02/2021") is None
    assert parse_stamp("không có ngày") is None
    assert not is_stamp_line("Ngày 8/7/2020, Thành ủy họp bàn kế hoạch")


def body(lead: str) -> str:
    return (lead + "\n\nHội nghị đã thảo luận, thống nhất nhiều nội dung quan trọng về công tác cán bộ "
            "và phát triển kinh tế - xã hội của địa phương trong thời gian tới.")


def date_of(text, published=None):
    ev = extract(text, published=published).events[0]
    return ev.date, ev.date_text


@pytest.mark.parametrize("lead,pub,expected", [
    ("Chiều 10/12, Thành ủy tổ chức hội nghị sơ kết công tác.", dt.date(2021, 12, 11), dt.date(2021, 12, 10)),
    ("Sáng 13/7, Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.", dt.date(2022, 7, 13), dt.date(2022, 7, 13)),
    ("Ngày 8/7, Thành ủy ban hành Kế hoạch số 12.", dt.date(2020, 7, 9), dt.date(2020, 7, 8)),
    ("Sáng nay (12-10), Quốc hội khai mạc kỳ họp thứ 6.", dt.date(2023, 10, 12), dt.date(2023, 10, 12)),
    ("Sáng nay, 21/11, Thành ủy tổ chức hội nghị.", dt.date(2024, 11, 21), dt.date(2024, 11, 21)),
    ("Tối 5-9, tỉnh tổ chức lễ khai giảng năm học mới.", dt.date(2023, 9, 6), dt.date(2023, 9, 5)),
    ("Chiều 13/10/2020, Ban Thường vụ Thành ủy làm việc với Đảng ủy Khối.", None, dt.date(2020, 10, 13)),
    ("Ngày 18 tháng 10 năm 2023, Tỉnh ủy tổ chức hội nghị.", None, dt.date(2023, 10, 18)),
])
def test_event_date_from_dateline(lead, pub, expected):
    assert date_of(body(lead), pub)[0] == expected


def test_year_inferred_across_new_year():
    assert date_of(body("Chiều 30/12, Tỉnh ủy tổ chức hội nghị tổng kết."), dt.date(2022, 1, 3))[0] == dt.date(2021, 12, 30)


def test_publication_long_after_gives_no_year():
    d, text = date_of(body("Sáng 22/4, Thành ủy tổ chức hội nghị trực tuyến."), dt.date(2022, 1, 3))
    assert d is None and text == "22/4"


def test_year_from_lead_sentence_when_unpublished():
    d, _ = date_of(body("Sáng 14/7, Tỉnh ủy tổ chức hội nghị đánh giá 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023."))
    assert d == dt.date(2023, 7, 14)


def test_no_year_anywhere_keeps_partial_date():
    d, text = date_of(body("Sáng 22/4, Thành ủy tổ chức hội nghị quán triệt chương trình công tác nhiệm kỳ 2020-2025."))
    assert d is None and text == "22/4"


def test_january_meeting_about_previous_year_is_not_guessed():
    d, text = date_of(body("Sáng 10/1, Tỉnh ủy tổ chức hội nghị tổng kết công tác năm 2021."))
    assert d is None and text == "10/1"


def test_reference_dates_are_ignored():
    text = body("Thực hiện Kết luận số 21 ngày 25/10/2021 của Trung ương và Nghị quyết số 4 ngày 31/5/2021, "
                "tính đến 15/6/2022, toàn thành phố đã hoàn thành nhiều chỉ tiêu.")
    assert date_of(text) == (None, None)


def test_first_dateline_wins_over_later_mentions():
    text = ("Sáng 3/3, Thành ủy tổ chức hội nghị cán bộ chủ chốt.\n\n"
            "Trước đó, ngày 17/2 vừa qua, Ban Thường vụ đã ban hành kế hoạch.")
    assert date_of(text, dt.date(2021, 3, 4)) == (dt.date(2021, 3, 3), "3/3")


def test_invalid_day_month_is_skipped():
    assert date_of(body("Sáng 31/2, có hội nghị."), dt.date(2021, 3, 4))[0] is None


def test_each_date_says_how_its_year_was_found():
    from articles.extraction.dates import INFERRED, STAMP, STATED, find_event_date

    def basis(text, published=None):
        ev = find_event_date(text, [(0, len(text))], published)
        return ev.basis, ev.evidence

    assert basis("Chiều 13/10/2020, Ban Thường vụ Thành ủy làm việc.") == (STATED, "Chiều 13/10/2020")
    assert basis("Chiều 10/12, Thành ủy tổ chức hội nghị.", dt.date(2021, 12, 11)) == (STAMP, "Chiều 10/12")
    how, words = basis("Sáng 14/7, Tỉnh ủy tổ chức hội nghị triển khai nhiệm vụ 6 tháng cuối năm 2023.")
    assert how == INFERRED and "năm 2023" in words
    assert basis("Sáng 22/4, Thành ủy tổ chức hội nghị.") == (None, None)


def _lead(text, published=None, month_stamp=None):
    from articles.extraction.dates import find_event_date

    ev = find_event_date(text, [(0, len(text))], published, month_stamp=month_stamp)
    return ev.date, ev.basis


def test_a_stamp_explains_only_the_days_just_before_it():
    # A report comes out within days: a stamp seven weeks later is a portal's or a mirror's date.
    assert _lead("Chiều 12/12, Tỉnh ủy tổ chức lễ đón.", dt.date(2024, 1, 31)) == (None, None)
    assert _lead("Chiều 27-1, Tỉnh ủy làm việc với đoàn công tác.", dt.date(2026, 1, 28)) == (dt.date(2026, 1, 27), "stamp")


def test_a_month_only_stamp_fixes_the_year():
    assert _lead("Ngày 29-9, Ban Chấp hành Đảng bộ tỉnh họp.", month_stamp=dt.date(2023, 10, 1)) == (dt.date(2023, 9, 29), "stamp")
    assert _lead("Ngày 2/12, Chính phủ họp phiên thường kỳ.", month_stamp=dt.date(2021, 12, 1)) == (dt.date(2021, 12, 2), "stamp")


def test_the_same_day_written_with_a_year_elsewhere_gives_the_year():
    text = "Chiều ngày 13.10, Đại hội Đảng bộ tỉnh khai mạc phiên trù bị. Đại hội diễn ra trong 4 ngày, từ 13-16/10/2020."
    assert _lead(text) == (dt.date(2020, 10, 13), "stated")
    text = "Sáng 11/9, Chủ tịch nước tiếp Tổng thống nhân chuyến thăm từ ngày 10-11/9/2023."
    assert _lead(text) == (dt.date(2023, 9, 11), "stated")
    text = "Chiều 15/6, đoàn công tác về nước. Từ ngày 11/6 đến 15/6/2024, đoàn đã làm việc tại tỉnh bạn."
    assert _lead(text) == (dt.date(2024, 6, 15), "stated")


def test_an_anniversary_span_gives_the_year_being_celebrated():
    text = "Ngày 1/8, đúng dịp kỷ niệm 90 năm Ngày truyền thống của ngành (1/8/1930-1/8/2020), Ban Tuyên giáo họp."
    assert _lead(text) == (dt.date(2020, 8, 1), "stated")


def test_a_span_of_days_holding_the_stamp_day_is_that_day():
    text = "Sau 3 ngày (8, 9, 10/7) làm việc, Đại hội Đảng bộ quận đã thành công tốt đẹp."
    assert _lead(text, dt.date(2020, 7, 10)) == (dt.date(2020, 7, 10), "stamp")
    text = "Đoàn đại biểu cấp cao thành phố bạn sang thăm và làm việc tại Hòa An, từ ngày 9 đến 14/8."
    assert _lead(text, dt.date(2022, 8, 9)) == (dt.date(2022, 8, 9), "stamp")


def test_background_and_document_dates_are_not_the_meeting():
    text = "Trước đó, ngày 28/1/2022, Bộ Chính trị đã ban hành Nghị quyết số 09 về phát triển tỉnh."
    assert _lead(text) == (None, None)
    text = "Chính phủ triển khai thông báo kết luận số 01 của Bộ Chính trị ngày 12/4/2021 về công tác cán bộ."
    assert _lead(text) == (None, None)


def test_an_inferred_year_that_contradicts_the_stamp_is_never_used():
    # "năm 2019" would give 2019-07-14, years before an article stamped 2023.
    assert _lead("Sáng 14/7, Tỉnh ủy họp bàn nhiệm vụ 6 tháng cuối năm 2019.", dt.date(2023, 1, 5)) == (None, None)
