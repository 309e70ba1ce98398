"""Vocabulary of organisations: places and their levels, central bodies, ministries, departments,
and the abbreviations the news uses for them. New tone placement ("ủy"), like lexicon.py."""

from __future__ import annotations

# Centrally-run cities: their bodies are "… thành phố X" ("Thành ủy X").
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

PROVINCES = tuple(s for s in """
Hà Giang|Hà Nam|Hà Tĩnh|Hải Dương|Bắc Ninh|Bắc Giang|Bắc Kạn|Bạc Liêu|Bến Tre|Bình Dương|Bình Định|
Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hậu Giang|
Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|
Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|
Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Tiền Giang|Trà Vinh|
Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|An Giang|Bà Rịa - Vũng Tàu|Hà Tây
""".replace("\n", "").split("|") if s)

# Provincial cities and towns with a one-word name (an unknown place needs two words).
TOWNS = ("Vinh", "Huế", "Sa Pa", "Đà Lạt", "Nha Trang", "Quy Nhơn", "Buôn Ma Thuột", "Pleiku", "Rạch Giá", "Long Xuyên",
         "Mỹ Tho", "Cà Mau", "Biên Hòa", "Thủ Dầu Một", "Vũng Tàu", "Hạ Long", "Móng Cái", "Uông Bí", "Cẩm Phả")

# Other spellings of a place → its name above.
PLACE_ALIASES = {
    "TP HCM": "Hồ Chí Minh", "TP.HCM": "Hồ Chí Minh", "TPHCM": "Hồ Chí Minh", "HCM": "Hồ Chí Minh",
    "Thành phố Hồ Chí Minh": "Hồ Chí Minh", "Sài Gòn": "Hồ Chí Minh",
    "Thừa Thiên - Huế": "Thừa Thiên Huế", "Thừa Thiên-Huế": "Thừa Thiên Huế", "TT-Huế": "Thừa Thiên Huế",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu", "BR-VT": "Bà Rịa - Vũng Tàu",
    "Bắc Cạn": "Bắc Kạn", "Đăk Lăk": "Đắk Lắk", "Đắc Lắc": "Đắk Lắk", "Đăk Nông": "Đắk Nông",
}

# Districts (before 2025) whose city the news leaves unsaid: a text about "quận Cầu Giấy" is about
# Hà Nội, so its bare "Thành ủy" is "Thành ủy Hà Nội".
DISTRICT_CITY = {d: "Hà Nội" for d in (
    "Ba Đình|Hoàn Kiếm|Hai Bà Trưng|Đống Đa|Tây Hồ|Cầu Giấy|Thanh Xuân|Hoàng Mai|Long Biên|Nam Từ Liêm|Bắc Từ Liêm|"
    "Hà Đông|Sơn Tây|Ba Vì|Phúc Thọ|Đan Phượng|Hoài Đức|Quốc Oai|Thạch Thất|Chương Mỹ|Thanh Oai|Thường Tín|"
    "Phú Xuyên|Ứng Hòa|Mỹ Đức|Mê Linh|Sóc Sơn|Đông Anh|Gia Lâm|Thanh Trì").split("|")} | {d: "Hồ Chí Minh" for d in (
    "Thủ Đức|Tân Bình|Phú Nhuận|Bình Thạnh|Gò Vấp|Củ Chi|Hóc Môn|Nhà Bè|Cần Giờ|Bình Chánh").split("|")} | {
    d: "Hải Phòng" for d in "Hồng Bàng|Ngô Quyền|Lê Chân|Kiến An|Đồ Sơn|Dương Kinh|Hải An".split("|")} | {
    d: "Đà Nẵng" for d in "Hải Châu|Sơn Trà|Ngũ Hành Sơn|Liên Chiểu|Cẩm Lệ|Hòa Vang".split("|")}

# Levels of local government as written before a place, and the committee of each.
LEVELS = {
    "thành phố": "thành phố", "tp": "thành phố", "tp.": "thành phố", "thủ đô": "thành phố",
    "tỉnh": "tỉnh", "quận": "quận", "huyện": "huyện", "thị xã": "thị xã", "xã": "xã", "phường": "phường",
    "thị trấn": "thị trấn", "đặc khu": "đặc khu",
}
COMMITTEE_LEVEL = {"Thành ủy": "thành phố", "Tỉnh ủy": "tỉnh", "Quận ủy": "quận", "Huyện ủy": "huyện", "Thị ủy": "thị xã"}
LEVEL_COMMITTEE = {v: k for k, v in COMMITTEE_LEVEL.items()}

# Abbreviations expanded before an organisation is named canonically.
ABBREVIATIONS = (
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"), ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"), ("UBTƯ MTTQ", "Ủy ban Trung ương Mặt trận Tổ quốc"),
    ("UBTW MTTQ", "Ủy ban Trung ương Mặt trận Tổ quốc"), ("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"), ("BCH", "Ban Chấp hành"), ("BTV", "Ban Thường vụ"), ("UBKT", "Ủy ban Kiểm tra"),
    ("ĐBQH", "đại biểu Quốc hội"), ("KTNN", "Kiểm toán Nhà nước"), ("VKSND", "Viện kiểm sát nhân dân"),
    ("TAND", "Tòa án nhân dân"), ("LĐLĐ", "Liên đoàn Lao động"), ("QĐND", "Quân đội nhân dân"),
    ("CAND", "Công an nhân dân"), ("T.Ư", "Trung ương"), ("TƯ", "Trung ương"), ("TW", "Trung ương"),
    ("CHXHCN", "Cộng hòa xã hội chủ nghĩa"), ("VN", "Việt Nam"),
)

# Central bodies: canonical name → other ways to write it (after abbreviations are expanded).
CENTRAL_BODIES = {
    "Ban Chấp hành Trung ương Đảng": ("Ban Chấp hành Trung ương", "Trung ương Đảng", "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"),
    "Bộ Chính trị": (),
    "Ban Bí thư": ("Ban Bí thư Trung ương Đảng",),
    "Ủy ban Kiểm tra Trung ương": (),
    "Ban Tổ chức Trung ương": (),
    "Ban Tuyên giáo Trung ương": (),
    "Ban Dân vận Trung ương": (),
    "Ban Tuyên giáo và Dân vận Trung ương": (),
    "Ban Nội chính Trung ương": (),
    "Ban Kinh tế Trung ương": (),
    "Ban Đối ngoại Trung ương": (),
    "Ban Chính sách, chiến lược Trung ương": (),
    "Văn phòng Trung ương Đảng": ("Văn phòng Trung ương",),
    "Hội đồng Lý luận Trung ương": (),
    "Quân ủy Trung ương": (),
    "Đảng ủy Công an Trung ương": (),
    "Quốc hội": (),
    "Ủy ban Thường vụ Quốc hội": (),
    "Văn phòng Quốc hội": (),
    "Chính phủ": (),
    "Văn phòng Chính phủ": (),
    "Thanh tra Chính phủ": (),
    "Kiểm toán Nhà nước": (),
    "Ngân hàng Nhà nước Việt Nam": ("Ngân hàng Nhà nước",),
    "Tòa án nhân dân tối cao": (),
    "Viện kiểm sát nhân dân tối cao": (),
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam": ("Trung ương Mặt trận Tổ quốc Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc"),
    "Tổng Liên đoàn Lao động Việt Nam": (),
    "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh": ("Trung ương Đoàn", "Ban Chấp hành Trung ương Đoàn"),
    "Hội Liên hiệp Phụ nữ Việt Nam": (),
    "Hội Nông dân Việt Nam": (),
    "Hội Cựu chiến binh Việt Nam": (),
    "Học viện Chính trị quốc gia Hồ Chí Minh": (),
    "Bộ Tổng Tham mưu Quân đội nhân dân Việt Nam": ("Bộ Tổng Tham mưu",),
    # The anti-corruption committee under each of its names (a new name is a new body in the archive).
    "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng": (),
    "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực": (),
    "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực": (),
    "Hội đồng Dân tộc của Quốc hội": ("Hội đồng Dân tộc",),
    **{f"Ủy ban {c} của Quốc hội": (f"Ủy ban {c} Quốc hội",) for c in (
        "Pháp luật", "Tư pháp", "Kinh tế", "Tài chính - Ngân sách", "Kinh tế và Tài chính", "Quốc phòng và An ninh",
        "Quốc phòng, An ninh và Đối ngoại", "Văn hóa - Giáo dục", "Văn hóa và Xã hội", "Xã hội",
        "Khoa học - Công nghệ và Môi trường", "Khoa học, Công nghệ và Môi trường", "Đối ngoại",
        "Pháp luật và Tư pháp")},
    "Tổng cục Chính trị Quân đội nhân dân Việt Nam": ("Tổng cục Chính trị",),
}

# Ministries: canonical name → other names (abbreviations, names before a ministry was merged are
# their own organisations and keep their own entry).
MINISTRIES = {
    "Bộ Quốc phòng": ("Bộ QP",), "Bộ Công an": (), "Bộ Ngoại giao": (), "Bộ Nội vụ": (), "Bộ Tư pháp": (),
    "Bộ Tài chính": (), "Bộ Kế hoạch và Đầu tư": ("Bộ KH&ĐT", "Bộ KHĐT"), "Bộ Công Thương": (),
    "Bộ Nông nghiệp và Phát triển nông thôn": ("Bộ NN&PTNT", "Bộ NNPTNT", "Bộ Nông nghiệp và PTNT"),
    "Bộ Nông nghiệp và Môi trường": ("Bộ NN&MT",), "Bộ Giao thông vận tải": ("Bộ GTVT",), "Bộ Xây dựng": (),
    "Bộ Tài nguyên và Môi trường": ("Bộ TN&MT", "Bộ TNMT"), "Bộ Thông tin và Truyền thông": ("Bộ TT&TT", "Bộ TTTT"),
    "Bộ Lao động - Thương binh và Xã hội": ("Bộ LĐ-TB&XH", "Bộ LĐTBXH", "Bộ Lao động-Thương binh và Xã hội"),
    "Bộ Văn hóa, Thể thao và Du lịch": ("Bộ VH-TT&DL", "Bộ VHTTDL"), "Bộ Khoa học và Công nghệ": ("Bộ KH&CN", "Bộ KHCN"),
    "Bộ Giáo dục và Đào tạo": ("Bộ GD&ĐT", "Bộ GDĐT"), "Bộ Y tế": (), "Bộ Dân tộc và Tôn giáo": (),
}

# Departments of a province or city: "Sở Nội vụ", "Sở Nội vụ Hà Nội".
DEPARTMENTS = (
    "Nội vụ", "Tài chính", "Tư pháp", "Xây dựng", "Y tế", "Ngoại vụ", "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo",
    "Công Thương", "Tài nguyên và Môi trường", "Thông tin và Truyền thông", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao", "Du lịch", "Lao động - Thương binh và Xã hội", "Giao thông vận tải",
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường", "Khoa học và Công nghệ",
    "Dân tộc và Tôn giáo", "Quy hoạch - Kiến trúc",
)

# Bodies inside a party committee or a council, written before it: "Ban Thường vụ Thành ủy".
SUB_BODIES = (
    "Ban Thường vụ", "Ban Thường trực", "Thường trực", "Ban Chấp hành", "Ban Tuyên giáo và Dân vận", "Ban Tuyên giáo", "Ban Tổ chức",
    "Ban Dân vận", "Ban Nội chính", "Ban Kinh tế - Ngân sách", "Ban Kinh tế", "Ban Pháp chế", "Ban Văn hóa - Xã hội",
    "Ban Dân tộc", "Ban Đô thị", "Ủy ban Kiểm tra", "Văn phòng", "Đảng đoàn", "Ban cán sự Đảng",
)
# Other ways to write a body inside another: "Thường vụ Tỉnh ủy", "BTV Tỉnh ủy", "UBKT Thành ủy",
# "Ban Kinh tế-Ngân sách HĐND".
SUB_ALIASES = {
    "Thường vụ": "Ban Thường vụ", "BTV": "Ban Thường vụ", "UBKT": "Ủy ban Kiểm tra", "BCH": "Ban Chấp hành",
    "Ban Kinh tế-Ngân sách": "Ban Kinh tế - Ngân sách", "Ban Văn hóa-Xã hội": "Ban Văn hóa - Xã hội",
}
