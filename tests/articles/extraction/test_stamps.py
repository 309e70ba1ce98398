"""Publication stamps in the shapes real pages use (sentences and names are the project's own)."""

import datetime as dt

import pytest

from articles.extraction.stamps import (
    DAY,
    MONTH,
    is_stamp_line,
    parse_stamp,
    parse_stamp_any,
    split_leading_stamp,
    split_trailing_stamp,
)


@pytest.mark.parametrize("line, expected", [
    ("June 30, 2022 | 08:49 GMT+7", dt.datetime(2022, 6, 30, 8, 49)),
    ("Thứ Tư, 15/01/2020 08:22", dt.datetime(2020, 1, 15, 8, 22)),
    ("08:39 19/11/2017", dt.datetime(2017, 11, 19, 8, 39)),
    ("Print 17/08/2024 09:30", dt.datetime(2024, 8, 17, 9, 30)),
    ("Gốc 17/08/2024", dt.datetime(2024, 8, 17)),
    ("date 2025-10-15", dt.datetime(2025, 10, 15)),
    ("Ngày đăng 17/07/2019 | 09:15 | View count: 85", dt.datetime(2019, 7, 17, 9, 15)),
    ("10/07/2020 - 10:20 AM", dt.datetime(2020, 7, 10, 10, 20)),
])
def test_lines_that_are_only_a_stamp(line, expected):
    assert is_stamp_line(line)
    assert parse_stamp(line) == expected


def test_a_sentence_with_a_date_is_not_a_stamp_line():
    assert not is_stamp_line("Ngày 8/7/2020, Thành ủy họp bàn kế hoạch")


def test_a_stamp_glued_before_the_lead_is_cut_off_it():
    stamp, rest = split_leading_stamp(" date 2025-10-15 Sáng 15/10, Thành ủy tổ chức hội nghị.")
    assert stamp.when == dt.datetime(2025, 10, 15) and stamp.precision == DAY
    assert rest == "Sáng 15/10, Thành ủy tổ chức hội nghị."
    stamp, rest = split_leading_stamp("2025-10-15T09:30:00+07:00 Tỉnh ủy họp phiên thường kỳ")
    assert stamp.when == dt.datetime(2025, 10, 15, 9, 30) and rest == "Tỉnh ủy họp phiên thường kỳ"


def test_a_lead_that_starts_with_its_own_date_keeps_it():
    assert split_leading_stamp("Ngày 15/7/2019, Quận ủy tổ chức hội nghị") == (None, "Ngày 15/7/2019, Quận ủy tổ chức hội nghị")


def test_a_month_only_stamp_is_kept_as_a_month():
    stamp, rest = split_leading_stamp(" date 2023-10 Ban Chấp hành đánh giá kết quả 9 tháng")
    assert stamp.precision == MONTH and stamp.when == dt.datetime(2023, 10, 1) and stamp.day is None
    assert rest == "Ban Chấp hành đánh giá kết quả 9 tháng"
    assert parse_stamp_any("2021-12").precision == MONTH


@pytest.mark.parametrize("line, before, when", [
    ("Minh Anh 24/10/2015 11:16 GMT+7", "Minh Anh", dt.datetime(2015, 10, 24, 11, 16)),
    ("PV - 18:14, 03/04/2021", "PV", dt.datetime(2021, 4, 3, 18, 14)),
    ("Lê Hà - Ảnh: Tuấn Minh 29/09/2023 22:19", "Lê Hà - Ảnh: Tuấn Minh", dt.datetime(2023, 9, 29, 22, 19)),
    ("THU HÀ (báo địa phương) 10/10/2025 15:16 (GMT+7)", "THU HÀ (báo địa phương)", dt.datetime(2025, 10, 10, 15, 16)),
])
def test_a_byline_followed_by_its_stamp(line, before, when):
    found = split_trailing_stamp(line)
    assert found is not None
    assert found[0] == before and found[1].when == when


def test_a_headline_ending_with_a_year_is_no_byline_stamp():
    assert split_trailing_stamp("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12 năm 2024") is None
