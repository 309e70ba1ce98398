"""Titles as written → posts (role in an organisation), with sentences of the project's own."""

import pytest

from articles.extraction import extract
from articles.extraction.posts import parse_title

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
