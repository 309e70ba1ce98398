from articles.extraction import extract

TAIL = ("\n\nHội nghị đã thảo luận, thống nhất nhiều nội dung quan trọng về công tác xây dựng Đảng "
        "và phát triển kinh tế - xã hội trong thời gian tới.")


def officials(text):
    ex = extract(text + TAIL)
    return {o.name: o.titles for o in ex.officials}, ex


def test_titles_before_name_and_chain():
    off, _ = officials("Sáng 3/4, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Nguyễn Văn Hải chủ trì hội nghị.")
    assert off == {"Nguyễn Văn Hải": ["Ủy viên Bộ Chính trị", "Bí thư Thành ủy Hà Nội"]}


def test_titles_after_name_with_lam_truong_doan():
    off, _ = officials(
        "Chiều 10/12, Đoàn kiểm tra số 12 của Ban Bí thư do đồng chí Trần Quốc Bảo, Ủy viên Bộ Chính trị, "
        "Bí thư T.Ư Đảng, Chủ nhiệm Ủy ban Kiểm tra Trung ương làm Trưởng đoàn đã làm việc với Tỉnh ủy."
    )
    assert off["Trần Quốc Bảo"] == ["Ủy viên Bộ Chính trị", "Bí thư T.Ư Đảng",
                                    "Chủ nhiệm Ủy ban Kiểm tra Trung ương", "Trưởng đoàn"]


def test_hyphen_joined_titles_and_old_tone_placement():
    off, _ = officials("Dự hội nghị có Phó Bí thư Thành uỷ - Chủ tịch UBND thành phố Lê Thị Thu Hằng.")
    assert off == {"Lê Thị Thu Hằng": ["Phó Bí thư Thành uỷ", "Chủ tịch UBND thành phố"]}


def test_shared_title_with_colon_list():
    off, _ = officials("Tham dự có các đồng chí Ủy viên Bộ Chính trị: Nguyễn Văn Hải, Trần Quốc Bảo và Lê Thị Thu Hằng.")
    assert off == {n: ["Ủy viên Bộ Chính trị"] for n in ("Nguyễn Văn Hải", "Trần Quốc Bảo", "Lê Thị Thu Hằng")}


def test_shared_title_without_colon():
    off, _ = officials("Tham dự có các đồng chí Phó Chủ tịch UBND TP Nguyễn Văn Hải, Trần Quốc Bảo và Lê Thị Thu Hằng.")
    assert off == {n: ["Phó Chủ tịch UBND TP"] for n in ("Nguyễn Văn Hải", "Trần Quốc Bảo", "Lê Thị Thu Hằng")}


def test_shared_title_plus_individual_titles():
    off, _ = officials(
        "Đại biểu tỉnh có các Ủy viên Trung ương Đảng: Phó Bí thư Thường trực Tỉnh ủy Nguyễn Văn Hải, "
        "Phó Bí thư Tỉnh ủy - Chủ tịch UBND tỉnh Trần Quốc Bảo; Phó Bí thư Tỉnh ủy Lê Thị Thu Hằng; lãnh đạo các sở."
    )
    assert off["Nguyễn Văn Hải"] == ["Ủy viên Trung ương Đảng", "Phó Bí thư Thường trực Tỉnh ủy"]
    assert off["Trần Quốc Bảo"] == ["Ủy viên Trung ương Đảng", "Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]
    # Items written "titles Name": a semicolon ends the group (the real corpus' annotation rule).
    assert off["Lê Thị Thu Hằng"] == ["Phó Bí thư Tỉnh ủy"]


def test_group_title_runs_over_semicolons_when_names_come_first():
    off, _ = officials(
        "Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Nguyễn Văn Hải, Trưởng Ban Dân vận Tỉnh ủy; "
        "Trần Quốc Bảo, Phó Chủ tịch UBND tỉnh."
    )
    assert off["Nguyễn Văn Hải"] == ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"]
    assert off["Trần Quốc Bảo"] == ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch UBND tỉnh"]


def test_title_between_two_names_goes_to_the_next():
    off, _ = officials("Dự có đồng chí Nguyễn Văn Hải; Phó Bí thư Thành ủy Trần Quốc Bảo.")
    assert off["Trần Quốc Bảo"] == ["Phó Bí thư Thành ủy"]
    assert off["Nguyễn Văn Hải"] == []
    off, _ = officials("Dự có đồng chí Nguyễn Văn Hải, Phó Bí thư Thành ủy Trần Quốc Bảo.")
    assert off["Trần Quốc Bảo"] == ["Phó Bí thư Thành ủy"] and off["Nguyễn Văn Hải"] == []


def test_name_does_not_swallow_following_words():
    off, ex = officials("Sáng 3/4, Bí thư Tỉnh ủy Đinh Văn Toàn đã chủ trì hội nghị.")
    assert list(off) == ["Đinh Văn Toàn"]
    o = ex.officials[0]
    assert ex.body[o.start:o.end] == "Đinh Văn Toàn"
    assert o.sentence.startswith("Sáng 3/4")


def test_place_names_are_not_people():
    off, _ = officials(
        "Bí thư Thành ủy Hà Nội Nguyễn Văn Hải, Bí thư Tỉnh ủy Hà Giang Trần Quốc Bảo, Bí thư Quận ủy Lê Chân "
        "Lê Thị Thu Hằng, Chủ tịch UBND TP Hồ Chí Minh Phan Văn Mãi và Bí thư Tỉnh ủy Bắc Ninh Nguyễn Anh Tuấn dự."
    )
    assert set(off) == {"Nguyễn Văn Hải", "Trần Quốc Bảo", "Lê Thị Thu Hằng", "Phan Văn Mãi", "Nguyễn Anh Tuấn"}
    assert off["Phan Văn Mãi"] == ["Chủ tịch UBND TP Hồ Chí Minh"]


def test_anniversary_of_president_ho_chi_minh_is_not_an_official():
    off, _ = officials(
        "Thành phố tổ chức kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh; học tập tư tưởng Hồ Chí Minh. "
        "Đoàn viếng Lăng Chủ tịch Hồ Chí Minh tại Thành phố Hồ Chí Minh."
    )
    assert off == {}


def test_known_person_later_by_title_is_merged():
    off, ex = officials(
        "Sáng 3/4, Ủy viên Trung ương Đảng Nguyễn Văn Hải chủ trì hội nghị.\n\n"
        "Phát biểu kết luận, Bí thư Tỉnh ủy Nguyễn Văn Hải yêu cầu các cấp tập trung. Bí thư Tỉnh uỷ Nguyễn Văn Hải nhấn mạnh."
    )
    assert off == {"Nguyễn Văn Hải": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]}
    assert len(ex.officials) == 1


def test_distinct_names_with_different_diacritics_stay_distinct():
    off, _ = officials("Dự có Phó Chủ tịch UBND tỉnh Nguyễn Văn Phong; Phó Chủ tịch HĐND tỉnh Nguyễn Văn Phòng.")
    assert set(off) == {"Nguyễn Văn Phong", "Nguyễn Văn Phòng"}


def test_name_without_known_surname_after_strong_title():
    off, _ = officials("Dự có Bí thư Tỉnh ủy Y Thanh Hà Niê Kđăm và Chủ tịch UBND tỉnh Ksor Phước Hà.")
    assert "Y Thanh Hà Niê Kđăm" in off and "Ksor Phước Hà" in off


def test_multiword_ministries_and_hyphens():
    off, _ = officials(
        "Dự có Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Thành; Thứ trưởng Bộ Lao động - Thương binh và Xã hội "
        "Lê Văn Tâm; Thượng tướng Trần Quốc Bảo, Thứ trưởng Bộ Quốc phòng."
    )
    assert off["Nguyễn Chí Thành"] == ["Bộ trưởng Bộ Kế hoạch và Đầu tư"]
    assert off["Lê Văn Tâm"] == ["Thứ trưởng Bộ Lao động - Thương binh và Xã hội"]
    assert off["Trần Quốc Bảo"] == ["Thượng tướng", "Thứ trưởng Bộ Quốc phòng"]


def test_plain_citizens_and_journalists_are_not_officials():
    off, ex = officials(
        "Sáng 3/4, Bí thư Huyện ủy Nguyễn Văn Hải thăm gia đình ông Trần Văn Tám ở xã Yên Sở. "
        "Bà Lê Thị Mai, người dân trong xã, cho biết rất phấn khởi. (Ảnh: Trần Minh Đức)"
    )
    assert list(off) == ["Nguyễn Văn Hải"]


def test_academic_prefix_not_in_title():
    off, _ = officials("Dự có Giám đốc Học viện Chính trị khu vực I, PGS.TS Nguyễn Văn Hải.")
    assert off["Nguyễn Văn Hải"] == ["Giám đốc Học viện Chính trị khu vực I"]


def test_lowercase_titles_in_apposition():
    off, _ = officials("Ông Nguyễn Văn Hải - phó chủ tịch UBND TP - cho biết thành phố sẽ đẩy nhanh tiến độ.")
    assert off == {"Nguyễn Văn Hải": ["phó chủ tịch UBND TP"]}


def test_sentence_splitting_keeps_abbreviations():
    off, ex = officials("Sáng 3/4, tại TP. Hà Nội, Ủy viên T.Ư Đảng, Bí thư Thành ủy TP. Hải Phòng Lê Văn Tâm dự hội nghị.")
    assert off == {"Lê Văn Tâm": ["Ủy viên T.Ư Đảng", "Bí thư Thành ủy TP. Hải Phòng"]}
    assert ex.officials[0].sentence.startswith("Sáng 3/4, tại TP. Hà Nội")


def test_offsets_point_into_body_as_written():
    _, ex = officials("Dự có Phó Bí thư Thành uỷ Lê Thị Thu Hằng và Chủ tịch HĐND TP Trần Quốc Bảo.")
    for o in ex.officials:
        assert ex.body[o.start:o.end] == o.name
        assert o.name in o.sentence
    assert ex.officials[0].titles == ["Phó Bí thư Thành uỷ"]


def test_shared_title_list_of_bare_names_ends_at_next_titled_item():
    off, _ = officials("Cùng dự có các Phó Thủ tướng: Lê Minh Hải, Trần Hồng Hà; Bộ trưởng Bộ Tài chính Hồ Đức Phúc.")
    assert off == {"Lê Minh Hải": ["Phó Thủ tướng"], "Trần Hồng Hà": ["Phó Thủ tướng"],
                   "Hồ Đức Phúc": ["Bộ trưởng Bộ Tài chính"]}


# ---- rules added with held-out batch d01–d12 (own sentences) ----------------------------------------


def test_ngoai_giao_is_a_ministry_not_the_verb_giao():
    off, _ = officials("Sáng 9/6, Thứ trưởng Ngoại giao Hà Kim Ngọc Anh tiếp Đại sứ Lào tại Việt Nam.")
    assert off["Hà Kim Ngọc Anh"] == ["Thứ trưởng Ngoại giao"]


def test_envoy_title_keeps_tai_and_two_word_foreign_name():
    off, _ = officials("Dự buổi lễ có Đại sứ Australia tại Việt Nam Gillian Bird và Thứ trưởng Bộ Công Thương Phan Thị Thắng.")
    assert off["Gillian Bird"] == ["Đại sứ Australia tại Việt Nam"]
    assert off["Phan Thị Thắng"] == ["Thứ trưởng Bộ Công Thương"]


def test_foreign_head_of_state_and_hyphenated_given_name():
    off, _ = officials("Chiều 4/8, Tổng thống Hàn Quốc Lee Jae-myung hội đàm với Chủ tịch nước Lò Văn Tường.")
    assert off["Lee Jae-myung"] == ["Tổng thống Hàn Quốc"]


def test_two_word_foreign_shaped_run_after_company_title_is_not_a_person():
    off, _ = officials("Sáng 2/3, Giám đốc Samsung Vietnam báo cáo tình hình sản xuất với Phó Chủ tịch UBND tỉnh Vũ Mạnh Hà.")
    assert list(off) == ["Vũ Mạnh Hà"]


def test_capitalised_ong_after_a_title_is_a_surname():
    off, _ = officials("Dự có Thiếu tướng Ông Văn Lực, Phó Tư lệnh Quân khu 2. Ông Văn Lực cho biết thêm.")
    assert off == {"Ông Văn Lực": ["Thiếu tướng", "Phó Tư lệnh Quân khu 2"]}


def test_photo_note_between_name_and_titles():
    off, _ = officials("Thiếu tướng Nông Đức Lâm (ảnh), Giám đốc Công an tỉnh Cao Bằng phát biểu tại hội nghị.")
    assert off["Nông Đức Lâm"] == ["Thiếu tướng", "Giám đốc Công an tỉnh Cao Bằng"]


def test_director_of_an_unnamed_firm_is_not_an_official():
    off, _ = officials("Ông Mạc Văn Toàn, Giám đốc một hợp tác xã chè tại Thái Nguyên, kiến nghị giảm thủ tục vay vốn.")
    assert "Mạc Văn Toàn" not in off


def test_organisation_after_comma_continues_the_title():
    off, _ = officials("Cùng dự có Trưởng phòng Tổ chức cán bộ, Văn phòng Tỉnh ủy Sầm Thị Huệ.")
    assert off["Sầm Thị Huệ"] == ["Trưởng phòng Tổ chức cán bộ, Văn phòng Tỉnh ủy"]


def test_military_heads_chi_huy_truong_and_chinh_tri_vien():
    off, _ = officials("Dự có Đại tá Kha Văn Tín, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh; Trung tá Y Khu, Chính trị viên Ban Chỉ huy Quân sự huyện.")
    assert off["Kha Văn Tín"] == ["Đại tá", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"]
    assert off["Y Khu"] == ["Trung tá", "Chính trị viên Ban Chỉ huy Quân sự huyện"]
