"""Vocabulary of Vietnamese officialdom: title heads, surnames, places, cues.

All entries use the new tone placement ("ủy", "hòa"); the engine matches
them against a re-toned copy of the text (see normalize.retone).
"""

from __future__ import annotations

# Title heads: the word(s) a title starts with.  The organisation tail that
# follows ("... Thành ủy Hà Nội") is delimited by the parser, not listed here.
TITLE_HEADS = (
    "Tổng Bí thư", "Chủ tịch nước", "Phó Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng",
    "Thường trực Ban Bí thư", "Bí thư", "Phó Bí thư", "Ủy viên", "Chủ tịch", "Phó Chủ tịch",
    "Chủ nhiệm", "Phó Chủ nhiệm", "Trưởng ban", "Phó Trưởng ban", "Trưởng đoàn",
    "Phó Trưởng đoàn", "Bộ trưởng", "Thứ trưởng", "Giám đốc", "Phó Giám đốc",
    "Tổng Giám đốc", "Phó Tổng Giám đốc", "Chánh Văn phòng", "Phó Chánh Văn phòng",
    "Chánh án", "Phó Chánh án", "Viện trưởng", "Phó Viện trưởng", "Tổng thư ký",
    "Phó Tổng thư ký", "Tổng Kiểm toán", "Phó Tổng Kiểm toán", "Tổng Thanh tra",
    "Phó Tổng Thanh tra", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Thanh tra trưởng",
    "Đại biểu Quốc hội", "Đại biểu HĐND", "Đại biểu Hội đồng nhân dân",
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá",
    "Trung tá", "Thiếu tá", "Đô đốc", "Phó Đô đốc", "Chuẩn Đô đốc", "Tư lệnh", "Phó Tư lệnh",
    "Chính ủy", "Phó Chính ủy", "Tham mưu trưởng", "Cục trưởng", "Phó Cục trưởng",
    "Tổng cục trưởng", "Phó Tổng cục trưởng", "Vụ trưởng", "Phó Vụ trưởng",
    "Trưởng phòng", "Phó Trưởng phòng", "Hiệu trưởng", "Phó Hiệu trưởng",
    "Thành viên", "Trợ lý", "Thư ký", "Đại sứ", "Tổng Lãnh sự", "Người phát ngôn",
    "Trưởng Công an", "Phó Trưởng Công an", "Chủ tịch HĐQT", "Kiểm toán trưởng",
    "Thường trực", "Tổng thống", "Phó Tổng thống", "Ngoại trưởng", "Thượng nghị sĩ", "Trưởng đại diện",
    "Điều phối viên", "Đặc phái viên", "Chỉ huy trưởng", "Phó Chỉ huy trưởng", "Chính trị viên",
    "Phó Chính trị viên", "Tổng Tham mưu trưởng", "Tổng Biên tập", "Phó Tổng Biên tập",
    # Members of a party committee, written as one word: "Thành ủy viên", "Tỉnh ủy viên", …
    "Thành ủy viên", "Tỉnh ủy viên", "Quận ủy viên", "Huyện ủy viên", "Thị ủy viên", "Đảng ủy viên",
    # Abbreviations the news uses as titles: Ủy viên Ban Thường vụ / Trung ương / Bộ Chính trị,
    # Đại biểu Quốc hội, Tổng Kiểm toán Nhà nước.
    "UVTV", "UVBTV", "UVTW", "UVTƯ", "UVBCT", "ĐBQH", "Tổng KTNN", "Phó Tổng KTNN",
    "Thống đốc", "Phó Thống đốc", "Trưởng Tiểu ban", "Phó Trưởng Tiểu ban",
    # Lao provinces and capital: "Tỉnh trưởng tỉnh …", "Đô trưởng Thủ đô Viêng Chăn".
    "Tỉnh trưởng", "Phó Tỉnh trưởng", "Đô trưởng", "Phó Đô trưởng",
    "Chuyên viên", "Báo cáo viên", "Tổ trưởng", "Tổ phó", "Trưởng nhóm", "Trưởng Bộ phận", "Phó Trưởng Bộ phận",
    # "Đại diện Đại sứ quán …" is an office; "Đại diện Công ty …" only speaks for a firm.
    "Đại diện Đại sứ",
)

# Heads that are ordinary words in lower case ("thành viên hợp tác xã", "thư ký cuộc họp"):
# they start a title only when capitalised.
WEAK_HEADS = ("Thành viên", "Thường trực", "Trợ lý", "Thư ký", "Chuyên viên", "Báo cáo viên", "Tổ trưởng", "Tổ phó", "Trưởng nhóm")

# Heads that by themselves vouch for a following person name even when the
# name has no known surname.
STRONG_HEADS = frozenset(h.casefold() for h in TITLE_HEADS if h not in WEAK_HEADS)

# Academic / honorary prefixes that may sit between a title and a name.
NAME_PREFIXES = (
    "GS.TSKH", "GS.TS", "PGS.TS", "PGS. TS", "GS. TS", "TSKH", "TS", "ThS", "GS", "PGS", "BS", "BSCKII",
    "NGND", "NGƯT", "NSND", "NSƯT", "KTS", "LS", "Nhà báo", "Luật sư", "Bác sĩ", "Kỹ sư",
    "Anh hùng Lao động", "Anh hùng LLVTND",
)


SURNAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Mai Đào
Trịnh Lương Hà Lại Tô Tạ Chu Cao Lâm Kiều Quách Văn Thái Triệu Vương Khuất Nghiêm Tăng
Lưu Đoàn Giang Trương Phùng Đàm Từ Âu Mạc Lò Sùng Y Tống Khổng Thân Cù Nông Hầu Lục Ma
Lã La Bế Hứa Quan Doãn Diệp Châu Đồng Kim Lữ Mẫn Ninh Ông Phí Tiêu Trình Nhữ Viên
Khúc Khương Mạnh Hàn Thạch Vi Vy Giàng Thào Mùa Lầu Vàng Sầm Điểu Ksor Siu Nay Rơ Danh
Lường Quàng Cầm Hoàng Lỗ Đường Bạch Âu Tôn Phương Đậu Lạc Nhâm Ưng Tiết Quang Uông Bàn
Hạ Long Tào Thiều Trang Mông Giáp Hồng Đới Chế Dư Ngọ Quản Cồ Liêu Kha Lục Vàng Chẩu
Lộc Vì Lìu Lù Sình Sần Tẩn Chảo Phàn Hờ Vừ Mã Khà Cà Tòng Lự Ly Lầu Tráng Dình Chang Mè Bạc
Hướng Ngũ Khâu Khiếu Cấn Bành Thiệu Ngụy Ân Mùa Pờ Rmah Rcom Kpă Mlô Bh'riu Zơ Coor Alăng
""".split())

# Very common surnames: a second token from this set inside a four-syllable
# candidate that follows other capitalised words hints at a place + name join.
MAJOR_SURNAMES = frozenset("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh".split())

# Other countries, international bodies and foreign cities and regions the news names.
FOREIGN_PLACES = frozenset(s.strip() for s in """
Trung Quốc|Hoa Kỳ|Singapore|Indonesia|Malaysia|Thái Lan|Philippines|Myanmar|Brunei|Ấn Độ|Australia|
Canada|New Zealand|Cuba|Ukraine|Belarus|Mông Cổ|Triều Tiên|Hungary|Ba Lan|Italy|Thụy Điển|Na Uy|Phần Lan|
Đan Mạch|Hà Lan|Tây Ban Nha|Bồ Đào Nha|Thổ Nhĩ Kỳ|Ai Cập|Israel|Brazil|Argentina|Chile|Mexico|Nam Phi|
Liên hợp quốc|Liên minh châu Âu|Lào|Campuchia|Nhật Bản|Hàn Quốc|Liên bang Nga|
Trung Hoa|Bắc Kinh|Thượng Hải|Quảng Đông|Quảng Tây|Vân Nam|Viêng Chăn|Luông Pha Băng|Xiêng Khoảng|
Chăm Pa Xắc|Phnôm Pênh|Phnom Penh|Mát-xcơ-va|Matxcơva|Moscow|Oa-sinh-tơn|Washington|Tokyo|Seoul|Bình Nhưỡng
""".replace("\n", "").split("|") if s.strip())

# Places that start like a surname or otherwise look like names.  Provinces
# (old and new), big cities and the districts most often seen in the news.
PLACES = (frozenset(s.strip() for s in """
Hà Nội|Hà Giang|Hà Nam|Hà Tĩnh|Hà Đông|Hà Tây|Hải Phòng|Hải Dương|Hồ Chí Minh|Lê Chân|Đống Đa|Bắc Ninh|
Bắc Giang|Bắc Kạn|Bắc Cạn|Bạc Liêu|Bến Tre|Bình Dương|Bình Định|Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|
Cần Thơ|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hậu Giang|Hòa Bình|Hưng Yên|
Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|
Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|
Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Thừa Thiên - Huế|Huế|Tiền Giang|Trà Vinh|
Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|An Giang|Bà Rịa|Vũng Tàu|Bà Rịa - Vũng Tàu|Việt Nam|
Ba Đình|Hoàn Kiếm|Hai Bà Trưng|Hoàng Mai|Long Biên|Tây Hồ|Cầu Giấy|Thanh Xuân|Nam Từ Liêm|
Bắc Từ Liêm|Từ Liêm|Sơn Tây|Ba Vì|Phúc Thọ|Đan Phượng|Hoài Đức|Quốc Oai|Thạch Thất|Chương Mỹ|
Thanh Oai|Thường Tín|Phú Xuyên|Ứng Hòa|Mỹ Đức|Mê Linh|Sóc Sơn|Đông Anh|Gia Lâm|Thanh Trì|
Hồng Bàng|Ngô Quyền|Kiến An|Đồ Sơn|Dương Kinh|Hải An|Thủ Đức|Tân Bình|Phú Nhuận|Bình Thạnh|
Gò Vấp|Củ Chi|Hóc Môn|Nhà Bè|Cần Giờ|Bình Chánh|Hải Châu|Sơn Trà|Ngũ Hành Sơn|Liên Chiểu|
Cẩm Lệ|Hòa Vang|Hạ Long|Móng Cái|Uông Bí|Cẩm Phả|Đông Triều|Từ Sơn|Mai Sơn|Mai Châu|Lê Lợi|
Thủ đô|Trường Sa|Hoàng Sa|
Tây Nguyên|Tây Bắc|Đông Bắc|Nam Bộ|Bắc Bộ|Trung Bộ|Đồng bằng sông Cửu Long|Cửu Long|Phú Quốc|
Văn Miếu|Quốc Tử Giám|Ba Đình|Điện Biên Phủ|Hồ Gươm|Hồ Tây|Lăng Chủ tịch
""".replace("\n", "").split("|") if s.strip())) | FOREIGN_PLACES

# Long-dead leaders and heroes: streets, schools and anniversaries name them;
# they are never officials of a present-day meeting.
HISTORICAL = frozenset("""
Hồ Chí Minh|Nguyễn Ái Quốc|Nguyễn Tất Thành|Võ Nguyên Giáp|Tôn Đức Thắng|Trường Chinh|Lê Duẩn|
Phạm Văn Đồng|Trần Phú|Lê Hồng Phong|Hà Huy Tập|Nguyễn Văn Cừ|Trần Hưng Đạo|Nguyễn Trãi|Lê Lợi|
Lý Thường Kiệt|Quang Trung|Nguyễn Huệ|Lý Thái Tổ|Trần Quốc Toản|Nguyễn Du|Hùng Vương|Phan Bội Châu|
Phan Chu Trinh|Phan Châu Trinh|Lê Quý Đôn|Chu Văn An|Lê Thánh Tông|Ngô Quyền|Đinh Tiên Hoàng|
Nguyễn Thị Minh Khai|Võ Thị Sáu|Lý Tự Trọng|Hoàng Văn Thụ|Ngô Gia Tự|Nguyễn Đức Cảnh|Kim Đồng
""".replace("\n", "").split("|"))

# Words that end a title: verbs, prepositions, conjunctions.  Titles in the
# news never contain them (except "và"/"về" handled by the parser).
TITLE_STOP_WORDS = frozenset("""
đã sẽ đang vừa dự là làm có được cho với tại về và cùng của trong khi để trao
tặng tiếp thăm ký gửi nêu nhận đến đi từ thì mà nhưng cũng này đó ấy chúc
giữ thôi thay bầu trúng
""".split())
# Multi-word stop phrases are checked separately.
TITLE_STOP_PHRASES = (
    "chủ trì", "phát biểu", "tham dự", "nhấn mạnh", "cho biết", "đề nghị", "yêu cầu", "khẳng định",
    "đánh giá", "báo cáo", "trình bày", "kết luận", "điều hành", "khai mạc", "ghi nhận", "biểu dương",
    "đồng chủ trì", "chủ tọa", "hoan nghênh", "lưu ý", "quán triệt", "mong muốn", "bày tỏ", "đồng chí",
    "đồng chủ tọa", "cùng chủ trì", "kiêm nhiệm", "tái đắc cử",
)
# Reporting verbs that end a title only when written in lower case ("Sở Thông tin và
# Truyền thông" is an organisation; "… Chủ tịch UBND huyện thông tin, …" is a verb).
TITLE_STOP_VERBS = (
    "kiến nghị", "đề xuất", "phản ánh", "chia sẻ", "thông tin", "giới thiệu", "cam kết", "trả lời",
    "giải trình", "tiếp thu", "phân tích", "nhận định", "đề cập", "thông báo", "nhắc lại", "nhận xét",
    "gợi ý", "cảm ơn", "đồng tình", "thống nhất", "tham luận", "trao đổi", "chúc mừng", "chỉ rõ", "nêu rõ",
    "đánh giá cao", "kêu gọi", "ký kết", "dẫn đầu", "làm việc", "chứng kiến", "tới dự", "về dự", "nói",
    "hỏi", "thừa nhận", "lý giải", "cho hay", "cho rằng", "nêu ý kiến", "gặp", "đón", "giao", "phát động",
    "tuyên bố", "công bố", "thay mặt", "chủ động", "trực tiếp", "nghe", "xem xét",
)

# Event nouns, longest first; value is the canonical kind.
EVENT_KINDS = (
    ("hội nghị", "hội nghị"), ("buổi làm việc", "buổi làm việc"), ("cuộc làm việc", "buổi làm việc"),
    ("kỳ họp", "kỳ họp"), ("phiên họp", "phiên họp"), ("cuộc họp", "cuộc họp"), ("đại hội", "đại hội"),
    ("hội thảo", "hội thảo"), ("tọa đàm", "tọa đàm"), ("diễn đàn", "diễn đàn"), ("phiên chất vấn", "phiên chất vấn"),
    ("buổi tiếp", "buổi tiếp"), ("buổi gặp mặt", "buổi gặp mặt"), ("cuộc gặp", "cuộc gặp"), ("gặp mặt", "buổi gặp mặt"),
    ("lễ", "lễ"), ("chuyến thăm", "chuyến thăm"), ("chuyến công tác", "chuyến công tác"),
    ("phiên khai mạc", "phiên họp"), ("phiên bế mạc", "phiên họp"), ("buổi giao ban", "buổi giao ban"),
    ("giao ban", "buổi giao ban"), ("hội đàm", "hội đàm"), ("hội chợ", "hội chợ"), ("mít tinh", "mít tinh"),
    ("lớp bồi dưỡng", "lớp bồi dưỡng"), ("buổi tọa đàm", "tọa đàm"), ("buổi lễ", "lễ"),
)
# Documents: an article reporting that a body issued one is not a meeting.
DOCUMENT_KINDS = (
    "báo cáo", "chỉ thị", "nghị quyết", "kế hoạch", "thông báo", "quyết định", "công văn", "kết luận",
    "quy định", "hướng dẫn", "thông tri", "văn bản",
)

OUTLETS = (
    "Chinhphu.vn", "Kinhtedothi", "HNP", "HNM", "HNMO", "VOV", "VTV", "TTXVN", "VNA", "TTO", "TPO",
    "Dân trí", "Nhân Dân", "NDĐT", "Báo NDĐT", "Tiền Phong", "Tuổi Trẻ", "Thanh Niên", "Hà Nội mới",
    "Hànộimới", "ĐCSVN", "VietnamPlus", "Vietnamplus", "VGP", "Quân đội nhân dân", "QĐND", "CAND",
    "Công an nhân dân", "Lao Động", "Lao động", "Người Lao động", "SGGP", "PLO", "ĐBND", "VnExpress",
    "Zing", "Znews", "Vietnamnet", "VietNamNet", "Báo Đại biểu Nhân dân", "Báo Nhân Dân", "Báo Hà Nội mới",
    "Báo Tin tức", "Tin tức", "Đài Hà Nội", "HanoiTV", "Hanoimoi", "TG&VN", "BNEWS", "Bnews",
)
