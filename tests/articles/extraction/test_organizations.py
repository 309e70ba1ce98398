"""Organisations: canonical names, abbreviations, places, bodies within bodies, no fragments."""

import pytest

from articles.extraction import extract
from articles.extraction.organizations import parse_organization


def orgs(text):
    return {o.name: o for o in extract(text + "\n\nHội nghị đã thảo luận nhiều nội dung quan trọng.").organizations}


def test_kinds_canonical_names_and_one_entry_per_body():
    found = orgs("Sáng 3/4, Ban Thường vụ Thành ủy Hà Nội làm việc với Bộ Nội vụ và Ủy ban Kiểm tra Trung ương. "
                 "Dự có đại diện HĐND TP, UBND TP, Ủy ban MTTQ Việt Nam TP và Bộ Chính trị. Thành ủy Hà Nội, Thành uỷ Hà Nội.")
    assert found["Ban Thường vụ Thành ủy Hà Nội"].kind == "party_committee"
    assert found["Ban Thường vụ Thành ủy Hà Nội"].parent == "Thành ủy Hà Nội"
    assert found["Bộ Nội vụ"].kind == "ministry"
    assert found["Ủy ban Kiểm tra Trung ương"].kind == "party_committee"
    assert found["Hội đồng nhân dân thành phố Hà Nội"].kind == "peoples_council"  # "HĐND TP" of this text
    assert found["Hội đồng nhân dân thành phố Hà Nội"].as_written == "HĐND TP"
    assert found["Ủy ban nhân dân thành phố Hà Nội"].kind == "peoples_committee"
    assert found["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội"].kind == "front"
    assert sum(1 for n in found if n == "Thành ủy Hà Nội") == 1


@pytest.mark.parametrize("written, canonical", [
    ("Thành ủy Hà Nội", "Thành ủy Hà Nội"),
    ("Thành uỷ Hà Nội", "Thành ủy Hà Nội"),
    ("Thành ủy TP Hà Nội", "Thành ủy Hà Nội"),
    ("Thành ủy thành phố Hà Nội", "Thành ủy Hà Nội"),
    ("Đảng ủy thành phố Hà Nội", "Thành ủy Hà Nội"),
    ("Ban Chấp hành Đảng bộ tỉnh Lâm Đồng", "Tỉnh ủy Lâm Đồng"),
    ("UBND TP Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
    ("UBND TP.HCM", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
    ("HĐND tỉnh Bình Định", "Hội đồng nhân dân tỉnh Bình Định"),
    ("HĐND tỉnh Bịnh Định", "Hội đồng nhân dân tỉnh Bình Định"),  # a typo of a known place
    ("Hội đồng Nhân dân tỉnh Thừa Thiên - Huế", "Hội đồng nhân dân tỉnh Thừa Thiên Huế"),
    ("Ủy ban MTTQ Việt Nam tỉnh Điện Biên", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Điện Biên"),
    ("UBTƯ MTTQ Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("Ban Tuyên giáo T.Ư", "Ban Tuyên giáo Trung ương"),
    ("Bộ NN&PTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ("Thường trực HĐND tỉnh Bình Định", "Thường trực Hội đồng nhân dân tỉnh Bình Định"),
    ("Huyện ủy huyện Cái Nước", "Huyện ủy Cái Nước"),
    ("Đảng ủy xã Đông Anh", "Đảng ủy xã Đông Anh"),
    ("Đoàn ĐBQH tỉnh Phú Thọ", "Đoàn đại biểu Quốc hội tỉnh Phú Thọ"),
])
def test_one_canonical_name_for_every_way_of_writing_a_body(written, canonical):
    assert parse_organization(written).name == canonical


def test_a_bare_body_is_the_one_of_the_place_the_text_is_about():
    found = orgs("Sáng 3/4, Thường trực Thành ủy làm việc với UBND quận Cầu Giấy. Quận ủy báo cáo kết quả.")
    # Cầu Giấy is a district of Hà Nội: the bare "Thành ủy" is Hà Nội's.
    assert "Thường trực Thành ủy Hà Nội" in found and "Quận ủy Cầu Giấy" in found


def test_a_bare_body_stays_unresolved_when_the_text_names_two_places():
    found = orgs("Sáng 3/4, Tỉnh ủy Hòa Bình và tỉnh Sơn La ký kết hợp tác; UBND tỉnh giao các sở triển khai.")
    assert found["Ủy ban nhân dân tỉnh"].resolved is False
    assert found["Tỉnh ủy Hòa Bình"].resolved


def test_staff_are_told_of_a_bare_body_left_unresolved():
    text = "Sáng 3/4, Tỉnh ủy Hòa Bình và tỉnh Sơn La ký kết hợp tác; UBND tỉnh giao các sở triển khai."
    warnings = extract(text + "\n\nHội nghị đã thảo luận nhiều nội dung.").warnings
    assert [w for w in warnings if w.startswith("organisation")] == [
        "organisation 'UBND tỉnh' names no place the text makes clear; not linked"]
    clear = extract("Sáng 3/4, UBND tỉnh Sơn La họp.\n\nHội nghị đã thảo luận nhiều nội dung.").warnings
    assert not [w for w in clear if w.startswith("organisation")]


def test_no_fragments():
    found = orgs("Sáng 3/4, Ban Thường vụ Đảng ủy Công an Trung ương họp. Bộ Tổng Tham mưu báo cáo. "
                 "Chủ tịch UBND TP Nguyễn Văn Hải phát biểu. HĐND tỉnh khóa XVI họp. HĐND TP\nThưa các vị đại biểu.")
    names = set(found)
    assert "Ban Thường vụ Đảng ủy Công an Trung ương" in names and "Bộ Tổng Tham mưu Quân đội nhân dân Việt Nam" in names
    assert not any("Nguyễn" in n or "Khóa" in n or "khóa" in n or "Thưa" in n or n.endswith(" Công") for n in names)
    assert "Ủy ban nhân dân thành phố" in names  # "UBND TP": the city is never named


def test_the_body_that_held_the_meeting():
    def organizer(lead):
        return extract(lead + "\n\nHội nghị đã thảo luận nhiều nội dung quan trọng.").events[0].organizer

    assert organizer("Sáng 22/4, Thành ủy Hà Nội tổ chức hội nghị trực tuyến học tập nghị quyết.") == "Thành ủy Hà Nội"
    assert organizer("Sáng 5/12, kỳ họp thứ 7 HĐND tỉnh Hòa Bình khai mạc.") == "Hội đồng nhân dân tỉnh Hòa Bình"
    assert organizer("Ngày 29-9, Ban Thường vụ Tỉnh ủy Sơn La họp phiên thường kỳ.") == "Ban Thường vụ Tỉnh ủy Sơn La"
    # A body the lead only names is not the one that held the meeting.
    assert organizer("Sáng 3/4, Bí thư Tỉnh ủy Nguyễn Văn Hải làm việc với UBND tỉnh Sơn La.") is None
