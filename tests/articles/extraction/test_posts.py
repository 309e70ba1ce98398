"""Titles as written → posts (role in an organisation), with sentences of the project's own."""

import pytest

from articles.extraction import extract
from articles.extraction.posts import is_meeting_role, is_single_holder, parse_title, posts_of_titles

HANOI = {"thành phố": {"Hà Nội"}}


@pytest.mark.parametrize("title, post", [
    # party
    ("Bí thư Thành ủy Hà Nội", "Bí thư Thành ủy Hà Nội"),
    ("Bí thư Thành uỷ TP Hà Nội", "Bí thư Thành ủy Hà Nội"),  # old tone placement, "TP"
    ("Phó Bí thư Thường trực Thành ủy", "Phó Bí thư Thường trực Thành ủy Hà Nội"),  # the place of the text
    ("Trưởng ban Tuyên giáo Thành ủy", "Trưởng ban Tuyên giáo Thành ủy Hà Nội"),
    ("Ủy viên Ban Thường vụ Thành ủy", "Ủy viên Ban Thường vụ Thành ủy Hà Nội"),
    ("Ủy viên BTV Thành ủy", "Ủy viên Ban Thường vụ Thành ủy Hà Nội"),
    ("Thành ủy viên", "Ủy viên Thành ủy Hà Nội"),
    ("Ủy viên Bộ Chính trị", "Ủy viên Bộ Chính trị"),
    ("Ủy viên Trung ương Đảng", "Ủy viên Ban Chấp hành Trung ương Đảng"),
    ("UVTW", "Ủy viên Ban Chấp hành Trung ương Đảng"),
    ("Ủy viên dự khuyết T.Ư Đảng", "Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng"),
    ("Tổng Bí thư", "Tổng Bí thư"),
    ("Bí thư Trung ương Đảng", "Bí thư Trung ương Đảng"),
    ("Chủ nhiệm UBKT Tỉnh ủy Sơn La", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy Sơn La"),
    # state
    ("Chủ tịch UBND TP Hà Nội", "Chủ tịch Ủy ban nhân dân thành phố Hà Nội"),
    ("Phó Chủ tịch thường trực HĐND tỉnh Bình Định", "Phó Chủ tịch Thường trực Hội đồng nhân dân tỉnh Bình Định"),
    ("Thủ tướng", "Thủ tướng Chính phủ"),
    ("Phó Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ"),
    ("Chủ tịch nước", "Chủ tịch nước"),
    ("Chủ tịch Quốc hội", "Chủ tịch Quốc hội"),
    ("Phó Chủ tịch Thường trực Quốc hội nước CHXHCN Việt Nam", "Phó Chủ tịch Thường trực Quốc hội"),
    ("Bộ trưởng Ngoại giao", "Bộ trưởng Bộ Ngoại giao"),
    ("Bộ trưởng Bộ Nông nghiệp và PTNT", "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Chủ nhiệm Ủy ban Tư pháp của Quốc hội", "Chủ nhiệm Ủy ban Tư pháp của Quốc hội"),
    ("Trưởng đoàn ĐBQH TP Hà Nội", "Trưởng đoàn đại biểu Quốc hội thành phố Hà Nội"),
    ("Đại biểu Quốc hội", "Đại biểu Quốc hội"),
    # front
    ("Chủ tịch Ủy ban MTTQ Việt Nam TP Hà Nội", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội"),
    ("Chủ tịch UBTƯ MTTQ Việt Nam", "Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    # army and police bodies
    ("Phó Bí thư Quân ủy Trung ương", "Phó Bí thư Quân ủy Trung ương"),
    ("Bí thư Đảng ủy Công an Trung ương", "Bí thư Đảng ủy Công an Trung ương"),
    ("Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Quốc phòng"),
])
def test_titles_name_posts(title, post):
    found = parse_title(title, home=HANOI)
    assert found is not None and found.name == post


@pytest.mark.parametrize("title", ["Đại tướng", "Thượng tướng", "Trưởng đoàn", "Phó Chủ tịch", "Bí thư", "Chuyên viên"])
def test_ranks_meeting_roles_and_bare_heads_are_no_posts(title):
    assert parse_title(title, home=HANOI) is None


def test_former_posts_and_unresolved_places():
    former = parse_title("nguyên Bí thư Thành ủy Hà Nội")
    assert former.former and former.name == "Bí thư Thành ủy Hà Nội"
    bare = parse_title("Phó Bí thư Tỉnh ủy")  # which province? the text does not say
    assert bare.name == "Phó Bí thư Tỉnh ủy" and not bare.resolved


def test_officials_carry_the_posts_of_their_titles():
    ex = extract("Sáng 3/4, Bí thư Tỉnh ủy Hòa Bình Nguyễn Văn Hải chủ trì hội nghị. Dự có Đại tướng Trần Quốc Bảo, "
                 "Phó Bí thư Thường trực Tỉnh ủy Lê Thị Thu Hằng.\n\nHội nghị đã thảo luận nhiều nội dung quan trọng.")
    posts = {o.name: [p.name for p in o.posts] for o in ex.officials}
    assert posts["Nguyễn Văn Hải"] == ["Bí thư Tỉnh ủy Hòa Bình"]
    assert posts["Lê Thị Thu Hằng"] == ["Phó Bí thư Thường trực Tỉnh ủy Hòa Bình"]  # the province of the text
    assert posts["Trần Quốc Bảo"] == []  # a rank
    assert [p.name for p in ex.events[0].participants[0].posts] == ["Bí thư Tỉnh ủy Hòa Bình"]


def names(titles):
    return [post.name for _, post in posts_of_titles(titles)]


def test_a_foreign_leader_holds_no_post_of_vietnams_national_bodies():
    # The title alone names no country: the Lao or Chinese party's own bodies are meant.
    assert names(["Tổng Bí thư", "Chủ tịch nước Lào"]) == []
    assert names(["Ủy viên Bộ Chính trị", "Bí thư Thành ủy Thượng Hải"]) == ["Bí thư Thành ủy Thượng Hải"]
    assert names(["Ủy viên Trung ương Đảng", "Trưởng ban Đối ngoại Trung ương Đảng Cộng sản Trung Quốc"]) == []
    # A Vietnamese official posted to, or dealing with, another country keeps them; Lào Cai is ours.
    assert names(["Ủy viên Trung ương Đảng", "Đại sứ Việt Nam tại Lào"])[0] == "Ủy viên Ban Chấp hành Trung ương Đảng"
    assert names(["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Lào Cai"]) == [
        "Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy Lào Cai"]
    assert names(["Tổng Bí thư"]) == ["Tổng Bí thư"]


def test_a_foreign_leader_in_a_text_gets_no_vietnamese_post():
    ex = extract("Chiều 3/4, Tổng Bí thư Tô Văn Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Sổm Phết Viêng Xay."
                 "\n\nHai bên đã thảo luận nhiều nội dung quan trọng.")
    posts = {o.name: [p.name for p in o.posts] for o in ex.officials}
    assert posts["Tô Văn Lâm"] == ["Tổng Bí thư"]
    assert posts["Sổm Phết Viêng Xay"] == []  # his titles name Laos


@pytest.mark.parametrize("title, post, organisation", [
    # police and army of a place, military regions
    ("Giám đốc Công an tỉnh Nghệ An", "Giám đốc Công an tỉnh Nghệ An", "Công an tỉnh Nghệ An"),
    ("Giám đốc Công an TP", "Giám đốc Công an thành phố Hà Nội", "Công an thành phố Hà Nội"),
    ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh",
     "Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh"),
    ("Tư lệnh Quân khu 7", "Tư lệnh Quân khu 7", "Quân khu 7"),
    ("Thứ trưởng Công an", "Thứ trưởng Bộ Công an", "Bộ Công an"),
    # abbreviations and their full forms are one organisation
    ("Trưởng Ban Tổ chức TW", "Trưởng ban Tổ chức Trung ương", "Ban Tổ chức Trung ương"),
    ("Trưởng ban Tổ chức Trung ương", "Trưởng ban Tổ chức Trung ương", "Ban Tổ chức Trung ương"),
    ("Phó Chủ tịch HĐND TP Hà Nội", "Phó Chủ tịch Hội đồng nhân dân thành phố Hà Nội",
     "Hội đồng nhân dân thành phố Hà Nội"),
    ("Phó Chủ tịch Hội đồng nhân dân thành phố Hà Nội", "Phó Chủ tịch Hội đồng nhân dân thành phố Hà Nội",
     "Hội đồng nhân dân thành phố Hà Nội"),
    ("Chủ tịch UBMTTQ tỉnh Nghệ An", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An",
     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"),
    ("Ủy viên TƯ Đảng", "Ủy viên Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
    # old and new tone placement: one organisation
    ("Chủ tịch UBND tỉnh Hoà Bình", "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình", "Ủy ban nhân dân tỉnh Hòa Bình"),
    ("Chủ tịch Uỷ ban nhân dân tỉnh Hòa Bình", "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình", "Ủy ban nhân dân tỉnh Hòa Bình"),
    ("Bí thư Thành uỷ thành phố Hà Nội", "Bí thư Thành ủy Hà Nội", "Thành ủy Hà Nội"),
])
def test_titles_name_their_organisation_canonically(title, post, organisation):
    found = parse_title(title, home=HANOI)
    assert found is not None and (found.name, found.org.name) == (post, organisation)


@pytest.mark.parametrize("title", ["Công an", "Giám đốc Công an", "Tư lệnh", "Trưởng đoàn công tác của tỉnh"])
def test_a_force_without_its_place_names_no_post(title):
    found = parse_title(title, home={})
    assert found is None or is_meeting_role(found)


@pytest.mark.parametrize("title, single", [
    ("Bí thư Thành ủy Hà Nội", True), ("Chủ tịch UBND TP Hà Nội", True), ("Thủ tướng", True),
    ("Phó Bí thư Thường trực Thành ủy", True), ("Phó Bí thư Thành ủy", False), ("Ủy viên Bộ Chính trị", False),
    ("Phó Chủ tịch UBND TP Hà Nội", False), ("Đại biểu Quốc hội", False), ("Tổng Bí thư", True),
])
def test_heads_hold_their_post_alone_deputies_and_members_do_not(title, single):
    assert is_single_holder(parse_title(title, home=HANOI).role) is single


def test_the_head_of_a_national_assembly_delegation_holds_a_post_a_visiting_delegation_does_not():
    assert not is_meeting_role(parse_title("Trưởng đoàn ĐBQH TP Hà Nội", home=HANOI))
    assert parse_title("Trưởng đoàn đại biểu thành phố Hà Nội", home=HANOI) is None


def test_a_meeting_gets_the_body_its_chair_heads_when_the_text_names_no_other():
    ex = extract("Chiều 18/4, đồng chí Nguyễn Văn Hải, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Hòa Bình chủ trì buổi làm "
                 "việc với huyện Lạc Sơn về xây dựng nông thôn mới.\n\nBuổi làm việc đã thống nhất nhiều nội dung.")
    assert ex.events[0].organizer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert "Ủy ban nhân dân tỉnh Hòa Bình" in [o.name for o in ex.organizations]


def test_a_session_belongs_to_the_council_its_chair_presides_and_a_term_does_not_hide_the_organiser():
    session = extract("Sáng 11/7, đồng chí Phạm Minh Khôi, Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nghệ An chủ trì kỳ họp "
                      "thứ mười.\n\nKỳ họp xem xét nhiều nghị quyết.")
    assert session.events[0].organizer == "Hội đồng nhân dân tỉnh Nghệ An"
    termed = extract("Sáng 11/7, HĐND tỉnh Nghệ An khóa XVIII tổ chức kỳ họp chuyên đề.\n\nKỳ họp xem xét nhiều nghị quyết.")
    assert termed.events[0].organizer == "Hội đồng nhân dân tỉnh Nghệ An"
