"""Names and titles as real pages write them (every sentence here is the project's own)."""

from tests.articles.extraction.test_people import officials


def test_a_foreign_name_after_a_place_keeps_only_the_foreign_words():
    off, _ = officials("Bí thư Thành ủy, Chủ tịch HĐND Thủ đô Viêng Chăn Somchai Phanthavong dự hội nghị.")
    assert off == {"Somchai Phanthavong": ["Bí thư Thành ủy", "Chủ tịch HĐND Thủ đô Viêng Chăn"]}


def test_foreign_names_with_several_hyphens_and_two_words_after_a_strong_title():
    off, _ = officials("Chủ tịch nước Nguyễn Văn Hải tiếp đồng chí Kham-pha-vanh Sy-vong-xay, Chủ nhiệm Văn phòng "
                       "Chủ tịch nước bạn. Cùng dự có Đại tướng Somsak Vongkham.")
    assert "Kham-pha-vanh Sy-vong-xay" in off and off["Somsak Vongkham"] == ["Đại tướng"]


def test_a_firm_after_a_title_is_not_a_name():
    off, _ = officials("Tham dự có Giám đốc Samsung Vietnam và ông Nguyễn Văn Hải, Chủ tịch UBND tỉnh.")
    assert list(off) == ["Nguyễn Văn Hải"]


def test_any_pair_of_words_after_an_envoys_title_is_a_name():
    off, _ = officials("Tiếp và làm việc với đoàn có Đại sứ Trung Quốc tại Việt Nam Hùng Phi cùng cán bộ sứ quán.")
    assert "Hùng Phi" in off


def test_ngai_is_an_honorific_and_dong_a_surname():
    off, _ = officials("Đoàn do ngài Pavel Orlov, Cục trưởng Cục Kinh tế đối ngoại dẫn đầu; phát biểu có ông Đồng Văn Hiếu, "
                       "Phó Bí thư Thường trực Thành ủy.")
    assert off["Pavel Orlov"] == ["Cục trưởng Cục Kinh tế đối ngoại"]
    assert off["Đồng Văn Hiếu"] == ["Phó Bí thư Thường trực Thành ủy"]


def test_a_place_after_a_commune_or_committee_word_is_no_person():
    off, _ = officials("Ông Nguyễn Quốc Bình được điều động giữ chức Bí thư Đảng ủy xã Tân Phú; ông Lý Văn Quý, "
                       "Chánh Văn phòng Huyện ủy Mường Tè, Phó Bí thư Thành ủy Long Xuyên.")
    assert "Tân Phú" not in off and "Mường Tè" not in off and "Long Xuyên" not in off
    assert off["Lý Văn Quý"] == ["Chánh Văn phòng Huyện ủy Mường Tè", "Phó Bí thư Thành ủy Long Xuyên"]


def test_no_name_ends_where_a_title_or_a_caption_begins():
    off, _ = officials("Hội nghị Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam khai mạc. Bí thư Đoàn Thanh niên quận dự. "
                       "Lễ đón Tổng thống Peter Miller Chủ tịch nước Nguyễn Văn Hải chủ trì lễ đón Tổng thống Peter Miller "
                       "Toàn cảnh lễ đón.")
    assert "Đoàn Chủ" not in off and "Đoàn Thanh" not in off
    assert "Peter Miller" in off and not any(n.startswith("Peter Miller ") for n in off)


def test_the_youth_union_before_a_name_is_not_part_of_it():
    off, _ = officials("Dự có Bí thư thứ nhất trung ương Đoàn Lê Văn Khải.")
    assert "Lê Văn Khải" in off


def test_abbreviated_and_one_word_titles():
    off, _ = officials("Dự có đồng chí Nguyễn Văn Nam - Thành ủy viên, Bí thư Quận ủy; đồng chí Phạm Thu Hà - UVTV, "
                       "Trưởng ban Tuyên giáo Quận ủy; Tổng Thư ký Quốc hội Lê Văn Hùng.")
    assert off["Nguyễn Văn Nam"] == ["Thành ủy viên", "Bí thư Quận ủy"]
    assert off["Phạm Thu Hà"] == ["UVTV", "Trưởng ban Tuyên giáo Quận ủy"]
    assert off["Lê Văn Hùng"] == ["Tổng Thư ký Quốc hội"]


def test_titles_with_of_kiem_and_alternate_members():
    off, _ = officials("Báo cáo do Phó Chủ tịch kiêm Tổng Thư ký Ủy ban Trung ương MTTQ Việt Nam Vũ Minh Khoa trình bày; "
                       "dự có Chủ nhiệm Ủy ban Tư pháp của Quốc hội Lê Thị Nga và ông Mùa A Páo, Ủy viên dự khuyết "
                       "Trung ương Đảng.")
    assert off["Vũ Minh Khoa"] == ["Phó Chủ tịch kiêm Tổng Thư ký Ủy ban Trung ương MTTQ Việt Nam"]
    assert off["Lê Thị Nga"] == ["Chủ nhiệm Ủy ban Tư pháp của Quốc hội"]
    assert off["Mùa A Páo"] == ["Ủy viên dự khuyết Trung ương Đảng"]


def test_name_dash_title_without_spaces_notes_degrees_and_terms():
    off, _ = officials("Về phía tỉnh có các đồng chí: Hồ Văn Phong-Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy "
                       "khóa XVI; bà Hồ Thị Bạch (SN 1977, phường Long Mỹ), Tiến sĩ Báo chí học, Giám đốc Sở Ngoại vụ.")
    assert off["Hồ Văn Phong"] == ["Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy"]
    assert off["Hồ Thị Bạch"] == ["Giám đốc Sở Ngoại vụ"]


def test_a_salutation_title_ends_before_its_exclamation_mark():
    off, _ = officials("Kính thưa đồng chí Nguyễn Văn Hải, Ủy viên Bộ Chính trị, Bí thư Thành ủy!")
    assert off["Nguyễn Văn Hải"] == ["Ủy viên Bộ Chính trị", "Bí thư Thành ủy"]


def test_an_item_of_a_list_whose_titles_follow_it_is_a_name():
    off, _ = officials("Dự có Nguyễn Văn Sơn, Phó Bí thư Tỉnh ủy; Sèn Chỉn Páo, Ủy viên BTV Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy.")
    assert off["Sèn Chỉn Páo"] == ["Ủy viên BTV Tỉnh ủy", "Trưởng Ban Tuyên giáo Tỉnh ủy"]


def test_group_titles_reach_every_listed_name():
    off, _ = officials("Dự có các nguyên Ủy viên Bộ Chính trị, nguyên Chủ tịch Quốc hội: Nguyễn Văn An, Trần Văn Bình.")
    assert off["Nguyễn Văn An"] == off["Trần Văn Bình"] == ["nguyên Ủy viên Bộ Chính trị", "nguyên Chủ tịch Quốc hội"]
    off, _ = officials("Hội nghị bầu 3 Phó Bí thư Tỉnh ủy khóa mới gồm các đồng chí: Phạm Minh Tâm (Phó Bí thư Thường trực "
                       "Tỉnh ủy khóa XVI), Phạm Ngọc Nam (Chủ tịch UBND tỉnh) và đồng chí Y Biêr Niê.")
    assert off["Phạm Minh Tâm"] == ["Phó Bí thư Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy"]
    assert off["Phạm Ngọc Nam"] == ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]
    assert off["Y Biêr Niê"] == ["Phó Bí thư Tỉnh ủy"]
    off, _ = officials("Đại hội cũng bầu hai Phó Bí thư Tỉnh ủy là ông Nguyễn Văn Cao - Chủ tịch UBND tỉnh và ông Bùi Thanh Hà.")
    assert off["Bùi Thanh Hà"] == ["Phó Bí thư Tỉnh ủy"] and "Chủ tịch UBND tỉnh" in off["Nguyễn Văn Cao"]


def test_appointments_and_removals_give_titles():
    off, _ = officials("Bộ Chính trị chỉ định các ông, bà Hoàng Giang Nam, Trần Huy Tuấn giữ chức Phó Bí thư Tỉnh ủy. "
                       "Ông Nguyễn Hồ Hải được chỉ định làm Bí thư Tỉnh ủy Hòa An. Kỳ họp miễn nhiệm chức vụ Chủ tịch UBND "
                       "tỉnh và cho thôi làm nhiệm vụ đại biểu HĐND tỉnh khóa VIII đối với ông Lê Văn Thi.")
    assert off["Hoàng Giang Nam"] == off["Trần Huy Tuấn"] == ["Phó Bí thư Tỉnh ủy"]
    assert off["Nguyễn Hồ Hải"] == ["Bí thư Tỉnh ủy Hòa An"]
    assert off["Lê Văn Thi"] == ["Chủ tịch UBND tỉnh", "đại biểu HĐND tỉnh"]
