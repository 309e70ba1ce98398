import datetime as dt

from articles.extraction import ROLES, extract

TAIL = ("\n\nHội nghị đã thảo luận, thống nhất nhiều nội dung quan trọng về công tác xây dựng Đảng "
        "và phát triển kinh tế - xã hội trong thời gian tới.")


def event(text, published=None):
    ex = extract(text + TAIL, published=published)
    return ex.events[0], ex


def roles(ev):
    return {p.name: p.role for p in ev.participants}


def test_roles_vocabulary():
    assert ROLES == ("chair", "co_chair", "head_of_delegation", "attendee", "speaker")


def test_single_chair_title_before_name():
    ev, _ = event("Sáng 13/7, Ủy viên Bộ Chính trị, Bí thư Thành ủy Nguyễn Văn Hải đã chủ trì hội nghị Ban Chỉ đạo.")
    assert ev.chairs == ["Nguyễn Văn Hải"] and ev.kind == "hội nghị"
    assert roles(ev)["Nguyễn Văn Hải"] == "chair"


def test_cung_chu_tri_list_with_semicolons():
    ev, _ = event(
        "Sáng 13/7, Bí thư Tỉnh ủy Nguyễn Văn Hải chủ trì hội nghị.\n\nCùng chủ trì hội nghị có Phó Bí thư Thường trực "
        "Tỉnh ủy Lê Thị Thu Hằng; Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Trần Quốc Bảo; Phó Bí thư Tỉnh ủy Phạm Minh Đức. "
        "Tham dự hội nghị có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy."
    )
    assert ev.chairs == ["Nguyễn Văn Hải", "Lê Thị Thu Hằng", "Trần Quốc Bảo", "Phạm Minh Đức"]
    r = roles(ev)
    assert r["Nguyễn Văn Hải"] == "chair" and r["Trần Quốc Bảo"] == "co_chair"


def test_verb_last_list_of_two_chairs():
    ev, _ = event(
        "Đồng chí Nguyễn Văn Hải, Ủy viên Bộ Chính trị, Trưởng ban Tổ chức Trung ương, Trưởng đoàn công tác và "
        "đồng chí Lê Thị Thu Hằng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì."
    )
    assert ev.chairs == ["Nguyễn Văn Hải", "Lê Thị Thu Hằng"]
    assert ev.kind == "buổi làm việc"


def test_dong_chu_tri_subjects():
    ev, _ = event("Chiều 2/3, Bộ trưởng Bộ Nội vụ Nguyễn Văn Hải và Chủ tịch UBND tỉnh Trần Quốc Bảo đồng chủ trì hội thảo.")
    assert ev.chairs == ["Nguyễn Văn Hải", "Trần Quốc Bảo"]
    assert set(roles(ev).values()) == {"co_chair"}
    assert ev.kind == "hội thảo"


def test_duoi_su_chu_tri_cua():
    ev, _ = event("Chiều 2/3, dưới sự chủ trì của Phó Thủ tướng Trần Quốc Bảo, Chính phủ họp phiên chuyên đề về xây dựng pháp luật.")
    assert ev.chairs == ["Trần Quốc Bảo"]


def test_do_chu_tri_and_participle_chair():
    ev, _ = event("Sáng 2/3, hội nghị do đồng chí Nguyễn Văn Hải, Bí thư Huyện ủy chủ trì.")
    assert ev.chairs == ["Nguyễn Văn Hải"]
    ev, _ = event("Sáng 2/3, Huyện ủy tổ chức hội nghị cán bộ.\n\nChủ trì hội nghị, Bí thư Huyện ủy Nguyễn Văn Hải nhấn mạnh yêu cầu.")
    assert ev.chairs == ["Nguyễn Văn Hải"]


def test_chair_receiving_a_delegation_and_head_of_delegation():
    ev, _ = event(
        "Chiều 10/12, Đoàn kiểm tra của Bộ Chính trị do đồng chí Trần Quốc Bảo, Ủy viên Bộ Chính trị, Bí thư Trung ương "
        "Đảng làm Trưởng đoàn đã có buổi làm việc với Ban Thường vụ Tỉnh ủy.\n\nĐồng chí Nguyễn Văn Hải, Ủy viên Trung ương "
        "Đảng, Bí thư Tỉnh ủy chủ trì tiếp đoàn.",
        published=dt.date(2021, 12, 11),
    )
    assert ev.kind == "buổi làm việc" and ev.date == dt.date(2021, 12, 10)
    assert ev.chairs == ["Nguyễn Văn Hải"]
    assert roles(ev) == {"Nguyễn Văn Hải": "chair", "Trần Quốc Bảo": "head_of_delegation"}
    assert ev.participants[0].role == "chair"


def test_opening_speech_and_moderation_are_not_chairing():
    ev, ex = event(
        "Sáng 22/4, Tỉnh ủy tổ chức hội nghị trực tuyến quán triệt chương trình công tác.\n\nPhát biểu khai mạc, "
        "Bí thư Tỉnh ủy Nguyễn Văn Hải nhắc lại kết quả nhiệm kỳ qua. Phó Bí thư Tỉnh ủy Trần Quốc Bảo điều hành hội nghị."
    )
    assert ev.chairs == []
    assert roles(ev).get("Nguyễn Văn Hải") == "speaker"
    assert {o.name for o in ex.officials} == {"Nguyễn Văn Hải", "Trần Quốc Bảo"}


def test_chairing_of_an_earlier_meeting_is_not_this_meeting():
    ev, _ = event(
        "Chiều 15/3, Thành ủy tổ chức hội nghị sơ kết công tác quý I.\n\nTrước đó, Phó Bí thư Thành ủy Trần Quốc Bảo đã "
        "chủ trì cuộc họp chuẩn bị nội dung. Tại hội nghị ngày 1/3 do Bí thư Thành ủy Nguyễn Văn Hải chủ trì, các đại biểu "
        "đã cho ý kiến."
    )
    assert ev.chairs == []


def test_attendees_semicolon_list():
    ev, _ = event(
        "Sáng 2/3, Bí thư Tỉnh ủy Nguyễn Văn Hải chủ trì hội nghị. Tham dự có Phó Chủ tịch Quốc hội Trần Quốc Bảo; "
        "Thứ trưởng Bộ Nội vụ Lê Thị Thu Hằng; Phó Bí thư Tỉnh ủy Phạm Minh Đức."
    )
    r = roles(ev)
    assert r == {"Nguyễn Văn Hải": "chair", "Trần Quốc Bảo": "attendee", "Lê Thị Thu Hằng": "attendee", "Phạm Minh Đức": "attendee"}


def test_assignment_chu_tri_phoi_hop_is_not_chairing():
    ev, _ = event(
        "Sáng 2/3, UBND tỉnh tổ chức hội nghị. Phó Chủ tịch UBND tỉnh Trần Quốc Bảo chủ trì, phối hợp với các sở xây dựng đề án."
    )
    assert ev.chairs == []


def test_document_issued_rather_than_meeting():
    ev, _ = event("HNP - Ngày 8/7, Thành ủy có Báo cáo số 695-BC/TU về kết quả thực hiện nhiệm vụ 6 tháng đầu năm.",
                  published=dt.date(2020, 7, 9))
    assert ev.kind == "báo cáo" and ev.chairs == [] and ev.date == dt.date(2020, 7, 8)


def test_event_kinds():
    for lead, kind in [
        ("Sáng 2/3, Quốc hội khai mạc kỳ họp bất thường lần thứ 5.", "kỳ họp"),
        ("Sáng 2/3, tỉnh tổ chức Đại hội đại biểu Đảng bộ lần thứ XX.", "đại hội"),
        ("Sáng 2/3, Chính phủ họp phiên họp thường kỳ tháng 2.", "phiên họp"),
        ("Sáng 2/3, thành phố long trọng tổ chức lễ kỷ niệm 70 năm Ngày Giải phóng.", "lễ"),
        ("Sáng 2/3, Thường trực Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy.", "buổi làm việc"),
    ]:
        assert event(lead)[0].kind == kind, lead


def test_chairs_only_from_body_not_from_trailing_news():
    ev, _ = event(
        "Sáng 2/3, Huyện ủy tổ chức hội nghị tổng kết.\n\nCác tin khác\nĐồng chí Nguyễn Văn Hải chủ trì tại điểm cầu tỉnh."
    )
    assert ev.chairs == []


# Chairs as real pages write them (the project's own sentences).

def test_a_chair_verb_joined_to_a_first_predicate():
    ev, _ = event("Sáng 5/3, Thủ tướng Chính phủ Nguyễn Văn Hải dự và chủ trì Hội nghị tổng kết ngành nông nghiệp.")
    assert ev.chairs == ["Nguyễn Văn Hải"]
    ev, _ = event("Sáng 5/3, Tổng Bí thư Nguyễn Văn Hải tham dự và chủ trì hội nghị đối ngoại toàn quốc.")
    assert ev.chairs == ["Nguyễn Văn Hải"]
    ev, _ = event("Đây là yêu cầu được Bí thư Thành ủy Nguyễn Văn Hải nhấn mạnh khi chủ trì làm việc với Huyện ủy Đông Hòa.")
    assert ev.chairs == ["Nguyễn Văn Hải"]


def test_a_predicate_that_hands_the_chairing_on_is_no_chair():
    ev, _ = event("Sáng 5/3, Bí thư Tỉnh ủy Nguyễn Văn Hải yêu cầu các sở khi chủ trì hội nghị phải chuẩn bị kỹ.")
    assert ev.chairs == []


def test_a_parenthesis_or_the_spouse_before_the_chair_verb():
    ev, _ = event("Hôm nay (ngày 12/1), Tổng Bí thư Nguyễn Văn Hải, Trưởng Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, "
                  "tiêu cực (Ban Chỉ đạo) chủ trì phiên họp thứ 23 của Ban Chỉ đạo.")
    assert ev.chairs == ["Nguyễn Văn Hải"]
    ev, _ = event("Chiều 12/12, Tổng Bí thư Nguyễn Văn Hải và Phu nhân chủ trì lễ đón Tổng thống nước bạn.")
    assert ev.chairs == ["Nguyễn Văn Hải"]


def test_duoi_su_chu_tri_with_a_second_group_after_va_cac_dong_chi():
    ev, _ = event("Ngày 29-9, dưới sự chủ trì của đồng chí Nguyễn Văn Hải, Bí thư Tỉnh ủy và các đồng chí: Trần Quốc Bảo, "
                  "Phó Bí thư Thường trực Tỉnh ủy; Lê Thị Thu Hằng, Chủ tịch UBND tỉnh, Ban Chấp hành Đảng bộ tỉnh họp.")
    assert ev.chairs == ["Nguyễn Văn Hải", "Trần Quốc Bảo", "Lê Thị Thu Hằng"]


def test_a_subjectless_du_va_chu_tri_followed_by_its_list():
    ev, _ = event("Sáng 5/1, hội nghị triển khai công tác ngành diễn ra. Về phía Viện kiểm sát tối cao dự và chủ trì Hội nghị "
                  "có đồng chí Lê Minh Tâm, Viện trưởng; đồng chí Nguyễn Huy Tân, Phó Viện trưởng Thường trực.")
    assert ev.chairs == ["Lê Minh Tâm", "Nguyễn Huy Tân"]


def test_a_list_with_a_group_title_that_ends_with_the_chair_verb():
    ev, _ = event("Sáng 10/10, hội nghị khai mạc. Ông Đỗ Văn Minh, Chủ tịch Ủy ban Trung ương MTTQ Việt Nam; các Phó Chủ tịch "
                  "Ủy ban Trung ương MTTQ Việt Nam: Trương Thị Ánh, Ngô Sách Thanh chủ trì Hội nghị.")
    assert ev.chairs == ["Đỗ Văn Minh", "Trương Thị Ánh", "Ngô Sách Thanh"]


def test_a_semicolon_list_of_officials_ending_with_dong_chu_tri():
    ev, _ = event("Sáng 15/7, Quận ủy tổ chức hội nghị. Đồng chí Nguyễn Văn Nam - Thành ủy viên, Bí thư Quận ủy; đồng chí "
                  "Đinh Thị Duyên - Phó Bí thư Thường trực Quận ủy, Chủ tịch HĐND quận; đồng chí Vũ Đại Phúc - Phó Bí thư "
                  "Quận ủy, Chủ tịch UBND quận đồng chủ trì hội nghị.")
    assert ev.chairs == ["Nguyễn Văn Nam", "Đinh Thị Duyên", "Vũ Đại Phúc"]


def test_two_captions_run_together_are_not_one_list_of_chairs():
    ev, _ = event("Sáng 12/11, Tổng thống Peter Miller Chủ tịch nước Nguyễn Văn Hải chủ trì lễ đón Tổng thống Peter Miller.")
    assert ev.chairs == ["Nguyễn Văn Hải"]


def test_a_repeated_sentence_of_facts_keeps_one_copy():
    sentence = "Cùng chủ trì có các đồng chí: Trần Quốc Bảo, Phó Bí thư Tỉnh ủy; Lê Thị Thu Hằng, Chủ tịch UBND tỉnh."
    ev, ex = event(f"{sentence}\n\nSáng 3/4, Bí thư Tỉnh ủy Nguyễn Văn Hải chủ trì hội nghị.\n\n{sentence}")
    assert sorted(ev.chairs) == ["Lê Thị Thu Hằng", "Nguyễn Văn Hải", "Trần Quốc Bảo"]
    assert ex.body.count("Cùng chủ trì có các đồng chí") == 1
