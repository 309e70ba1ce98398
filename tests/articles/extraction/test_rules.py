"""One focused test per rule added while generalising the engine (own sentences, fictional people)."""

from articles.extraction import extract

TAIL = ("\n\nHội nghị đã thảo luận, thống nhất nhiều nội dung quan trọng về công tác xây dựng Đảng "
        "và phát triển kinh tế - xã hội trong thời gian tới.")


def run(text, published=None):
    ex = extract(text + TAIL, published=published)
    ev = ex.events[0]
    return {o.name: o.titles for o in ex.officials}, ev, {p.name: p.role for p in ev.participants}


def test_title_tail_stops_before_dong_chu_tri():
    off, ev, _ = run(
        "Sáng 11/3, Tỉnh ủy tổ chức hội nghị.\n\nĐồng chí Nguyễn Văn Hải, Bí thư Tỉnh ủy Hòa An và đồng chí "
        "Lê Thị Thu Hằng, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh đồng chủ trì hội nghị."
    )
    assert off["Lê Thị Thu Hằng"] == ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]
    assert ev.chairs == ["Nguyễn Văn Hải", "Lê Thị Thu Hằng"]


def test_title_tail_stops_before_cung_chu_tri_and_dong_chu_toa():
    off, ev, _ = run("Sáng 2/3, Chủ tịch UBND tỉnh Trần Quốc Bảo cùng chủ trì hội nghị với Sở Tư pháp.")
    assert off["Trần Quốc Bảo"] == ["Chủ tịch UBND tỉnh"]
    off, ev, _ = run("Sáng 2/3, Chủ tịch HĐND tỉnh Trần Quốc Bảo đồng chủ tọa kỳ họp.")
    assert off["Trần Quốc Bảo"] == ["Chủ tịch HĐND tỉnh"] and ev.chairs == ["Trần Quốc Bảo"]


def test_title_tail_stops_at_lowercase_reporting_verb_but_keeps_organisation():
    off, _, _ = run(
        "Sáng 2/3, hội nghị diễn ra. Đồng chí Vàng A Chớ, Chủ tịch UBND huyện kiến nghị tỉnh hỗ trợ nâng cấp đường. "
        "Đồng chí Hồ Lê Ngọc, Giám đốc Sở Thông tin và Truyền thông cho biết đã hoàn thành."
    )
    assert off["Vàng A Chớ"] == ["Chủ tịch UBND huyện"]
    assert off["Hồ Lê Ngọc"] == ["Giám đốc Sở Thông tin và Truyền thông"]


def test_title_tail_stops_at_va_before_a_bare_name():
    off, _, _ = run("Dự hội nghị có Bí thư Huyện ủy Mai Văn Sơn và Nguyễn Thị Lan, Chủ tịch UBND huyện.")
    assert off["Mai Văn Sơn"] == ["Bí thư Huyện ủy"]


def test_colon_list_after_chu_tri_co_gives_every_chair():
    _, ev, r = run(
        "Sáng 19/11, Tỉnh ủy tổ chức hội nghị.\n\nChủ trì hội nghị có các đồng chí: Nguyễn Đình Thắng, Ủy viên "
        "Trung ương Đảng, Bí thư Tỉnh ủy; Tạ Anh Tú, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh."
    )
    assert ev.chairs == ["Nguyễn Đình Thắng", "Tạ Anh Tú"]


def test_chu_tri_la_dong_chi():
    _, ev, _ = run(
        "Ngày 11/3, lãnh đạo tỉnh làm việc với huyện.\n\nChủ trì buổi làm việc là đồng chí Mùa A Vảng, Chủ tịch "
        "UBND tỉnh. Cùng dự có đồng chí Lò Văn Cương, Phó Chủ tịch UBND tỉnh."
    )
    assert ev.chairs == ["Mùa A Vảng"]


def test_participle_chu_tri_still_works():
    _, ev, _ = run("Sáng 2/3, Tỉnh ủy tổ chức hội nghị. Chủ trì hội nghị, Bí thư Tỉnh ủy Trần Quốc Bảo nhấn mạnh yêu cầu.")
    assert ev.chairs == ["Trần Quốc Bảo"]


def test_dash_apposition_before_chu_tri():
    _, ev, _ = run("Ngày 8-7, UBND TP tổ chức hội nghị. Hội nghị do ông Lâm Quốc Thịnh - Chủ tịch UBND TP.HCM - chủ trì.")
    assert ev.chairs == ["Lâm Quốc Thịnh"]


def test_cung_chu_tri_with_delegation_head():
    _, ev, r = run(
        "Chiều 23/5, Đoàn công tác của Ban Tổ chức Trung ương do đồng chí Trịnh Văn Dũng, Phó Trưởng Ban Tổ chức "
        "Trung ương làm Trưởng đoàn đã làm việc với Tỉnh ủy.\n\nCùng chủ trì buổi làm việc có đồng chí Dương Văn "
        "Tráng, Bí thư Tỉnh ủy."
    )
    assert sorted(ev.chairs) == ["Dương Văn Tráng", "Trịnh Văn Dũng"]


def test_former_office_nguyen_is_a_title():
    off, _, _ = run(
        "Sáng 3/11, hội thảo diễn ra. GS.TS Trần Thọ Đức, nguyên Hiệu trưởng Trường Đại học Kinh tế quốc dân "
        "cho rằng cần cải cách. Nguyên Bộ trưởng Bộ Tư pháp Lê Văn Hào phát biểu."
    )
    assert off["Trần Thọ Đức"] == ["nguyên Hiệu trưởng Trường Đại học Kinh tế quốc dân"]
    assert off["Lê Văn Hào"] == ["Nguyên Bộ trưởng Bộ Tư pháp"]


def test_weak_heads_need_a_capital():
    off, _, _ = run("Sáng 10/10, hội nghị diễn ra. Bà Lâm Thị Nga, thành viên hợp tác xã chè, phản ánh giá vật tư tăng.")
    assert "Lâm Thị Nga" not in off
    off, _, _ = run("Sáng 10/10, hội nghị diễn ra. Dự có đồng chí Lê Văn Tám, Thành viên Ban Chỉ đạo tỉnh.")
    assert off["Lê Văn Tám"] == ["Thành viên Ban Chỉ đạo tỉnh"]
