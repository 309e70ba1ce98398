"""Vietnamese building blocks for synthetic archives: names, titles, places, outlets, phrases.

Written for the benchmark (no text is copied from real articles). The phrases are the stock
vocabulary of Vietnamese reports of party and government meetings, so that full-text search,
the extractor and underthesea see text with the shape, the diacritics and the word frequencies
of the real thing: a few very common words ("công tác", "phát triển") and many rare ones.
"""

# Họ with rough real-world weights (Nguyễn is about 38% of the population).
SURNAMES = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 51), ("Huỳnh", 30),
    ("Phan", 45), ("Vũ", 39), ("Võ", 30), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8), ("Trương", 7), ("Lương", 5), ("Mai", 5),
    ("Tạ", 3), ("Đào", 5), ("Cao", 4), ("Lâm", 4), ("Hà", 4), ("Tô", 3), ("Đoàn", 5),
    ("Vương", 2), ("Chu", 3), ("Thái", 2), ("Lại", 2), ("Khuất", 1), ("Triệu", 2), ("Nông", 2),
]

MIDDLE_NAMES = [
    "Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Xuân", "Hồng", "Thế", "Công",
    "Đình", "Quang", "Tiến", "Hoài", "Khánh", "Bá", "Trọng", "Anh", "Kim", "Thu", "Phương",
    "Mạnh", "Việt", "Tuấn", "Cẩm", "Hải", "Huy", "Chí", "Gia", "Duy", "Nhật", "Sỹ", "Như",
]

GIVEN_NAMES = [
    "Dũng", "Hùng", "Tuấn", "Hà", "Hương", "Lan", "Thắng", "Sơn", "Hải", "Long", "Nam", "Bình",
    "Phúc", "Chính", "Huệ", "Tú", "Tuyến", "Thái", "Vượng", "Hằng", "Quân", "Khánh", "Cường",
    "Trung", "Thành", "Hiếu", "Nghĩa", "Tâm", "Đông", "Phong", "Vinh", "Lâm", "Đạt", "Hòa",
    "Thủy", "Yến", "Nga", "Liên", "Mai", "Hạnh", "Dương", "Quyết", "Toàn", "Kiên", "Thuận",
    "Lực", "Bảo", "Duy", "Huy", "Tài", "Ánh", "Điệp", "Giang", "Hiền", "Khoa", "Lộc", "Mẫn",
    "Ngân", "Oanh", "Phượng", "Quỳnh", "Sang", "Thảo", "Uyên", "Vân", "Xuyến", "Ý", "Đức",
    "Tường", "Lợi", "Nhân", "Trí", "Tín", "Hậu", "Bắc", "Kỳ", "Sáu", "Thưởng", "Tuệ",
]

# (name, is a centrally-governed city)
PROVINCES = [
    ("Hà Nội", True), ("Thành phố Hồ Chí Minh", True), ("Hải Phòng", True), ("Đà Nẵng", True),
    ("Cần Thơ", True), ("Nghệ An", False), ("Thanh Hóa", False), ("Hà Tĩnh", False),
    ("Quảng Ninh", False), ("Bắc Ninh", False), ("Hải Dương", False), ("Hưng Yên", False),
    ("Thái Bình", False), ("Nam Định", False), ("Ninh Bình", False), ("Hà Nam", False),
    ("Vĩnh Phúc", False), ("Phú Thọ", False), ("Thái Nguyên", False), ("Bắc Giang", False),
    ("Lạng Sơn", False), ("Cao Bằng", False), ("Hà Giang", False), ("Tuyên Quang", False),
    ("Lào Cai", False), ("Yên Bái", False), ("Điện Biên", False), ("Lai Châu", False),
    ("Sơn La", False), ("Hòa Bình", False), ("Quảng Bình", False), ("Quảng Trị", False),
    ("Thừa Thiên Huế", False), ("Quảng Nam", False), ("Quảng Ngãi", False), ("Bình Định", False),
    ("Phú Yên", False), ("Khánh Hòa", False), ("Ninh Thuận", False), ("Bình Thuận", False),
    ("Kon Tum", False), ("Gia Lai", False), ("Đắk Lắk", False), ("Đắk Nông", False),
    ("Lâm Đồng", False), ("Bình Phước", False), ("Tây Ninh", False), ("Bình Dương", False),
    ("Đồng Nai", False), ("Bà Rịa - Vũng Tàu", False), ("Long An", False), ("Tiền Giang", False),
    ("Bến Tre", False), ("Trà Vinh", False), ("Vĩnh Long", False), ("Đồng Tháp", False),
    ("An Giang", False), ("Kiên Giang", False), ("Hậu Giang", False), ("Sóc Trăng", False),
    ("Bạc Liêu", False), ("Cà Mau", False), ("Bắc Kạn", False),
]

MINISTRIES = [
    "Quốc phòng", "Công an", "Ngoại giao", "Nội vụ", "Tư pháp", "Kế hoạch và Đầu tư", "Tài chính",
    "Công Thương", "Nông nghiệp và Phát triển nông thôn", "Giao thông vận tải", "Xây dựng",
    "Tài nguyên và Môi trường", "Thông tin và Truyền thông", "Lao động - Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch", "Khoa học và Công nghệ", "Giáo dục và Đào tạo", "Y tế",
]

DEPARTMENTS = ["Tài chính", "Xây dựng", "Y tế", "Giáo dục và Đào tạo", "Nội vụ", "Công Thương", "Tư pháp"]

CENTRAL_TITLES = [
    "Thủ tướng Chính phủ", "Chủ tịch Quốc hội", "Thường trực Ban Bí thư", "Phó Thủ tướng Chính phủ",
    "Trưởng Ban Tổ chức Trung ương", "Trưởng Ban Tuyên giáo Trung ương", "Chủ nhiệm Ủy ban Kiểm tra Trung ương",
    "Phó Chủ tịch Quốc hội", "Trưởng Ban Kinh tế Trung ương", "Chủ tịch Ủy ban Trung ương MTTQ Việt Nam",
]

OUTLETS = [
    ("Báo Nhân Dân", "nhandan.vn"), ("Báo Điện tử Chính phủ", "baochinhphu.vn"),
    ("Báo Quân đội nhân dân", "qdnd.vn"), ("Báo Tuổi Trẻ", "tuoitre.vn"), ("Báo Thanh Niên", "thanhnien.vn"),
    ("Báo Hà Nội Mới", "hanoimoi.vn"), ("Kinh tế & Đô thị", "kinhtedothi.vn"), ("Báo Lao Động", "laodong.vn"),
    ("Báo Tin tức", "baotintuc.vn"), ("Báo Đại biểu Nhân dân", "daibieunhandan.vn"),
    ("Báo Sài Gòn Giải Phóng", "sggp.org.vn"), ("Báo Người Lao Động", "nld.com.vn"),
    ("Báo Tiền Phong", "tienphong.vn"), ("Báo Công an nhân dân", "cand.com.vn"),
    ("Tạp chí Cộng sản", "tapchicongsan.org.vn"), ("Báo Nghệ An", "baonghean.vn"),
    ("Báo Thanh Hóa", "baothanhhoa.vn"), ("Báo Quảng Ninh", "baoquangninh.vn"),
    ("Báo Đà Nẵng", "baodanang.vn"), ("Báo Cần Thơ", "baocantho.com.vn"), ("Báo Hà Tĩnh", "baohatinh.vn"),
    ("Báo Đắk Lắk", "baodaklak.vn"), ("Báo Lâm Đồng", "baolamdong.vn"), ("Báo An Giang", "baoangiang.com.vn"),
    ("Báo Pháp luật Việt Nam", "baophapluat.vn"), ("Báo Dân trí", "dantri.com.vn"),
    ("VnExpress", "vnexpress.net"), ("Báo Giáo dục và Thời đại", "giaoducthoidai.vn"),
]

# (Meeting.Kind value, the noun phrase as written, weight)
MEETING_KINDS = [
    ("hoi-nghi", "hội nghị", 30), ("buoi-lam-viec", "buổi làm việc", 20), ("ky-hop", "kỳ họp", 6),
    ("dai-hoi", "đại hội", 4), ("hoi-thao", "hội thảo", 8), ("phien-hop", "phiên họp", 10),
    ("le", "lễ kỷ niệm", 4), ("tiep", "buổi tiếp", 6), ("kiem-tra", "đợt kiểm tra", 5),
    ("bao-cao", "hội nghị báo cáo", 3), ("khac", "buổi gặp mặt", 4),
]

TOPICS = [
    "triển khai Nghị quyết Đại hội XIII của Đảng", "sơ kết công tác 6 tháng đầu năm", "tổng kết công tác năm",
    "phát triển kinh tế - xã hội", "cải cách hành chính", "chuyển đổi số", "phòng, chống tham nhũng, tiêu cực",
    "xây dựng nông thôn mới", "giải ngân vốn đầu tư công", "công tác cán bộ", "bảo vệ môi trường",
    "phòng, chống thiên tai", "ứng phó với biến đổi khí hậu", "bảo đảm an sinh xã hội", "đổi mới giáo dục và đào tạo",
    "nâng cao chất lượng y tế cơ sở", "lập quy hoạch tỉnh thời kỳ 2021 - 2030", "thu hút đầu tư nước ngoài",
    "phát triển du lịch bền vững", "bảo đảm an ninh, trật tự", "xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "công tác dân vận", "cải thiện môi trường kinh doanh", "phát triển hạ tầng giao thông", "phát triển kinh tế biển",
    "phát triển nguồn nhân lực chất lượng cao", "khoa học, công nghệ và đổi mới sáng tạo",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "công tác kiểm tra, giám sát",
    "giảm nghèo bền vững", "phòng, chống dịch bệnh", "quản lý đất đai", "xây dựng chính quyền điện tử",
    "tiếp công dân, giải quyết khiếu nại, tố cáo", "công tác thi đua, khen thưởng", "phát triển văn hóa, con người",
    "sắp xếp đơn vị hành chính cấp huyện, cấp xã", "phát triển doanh nghiệp nhỏ và vừa", "bảo đảm quốc phòng, quân sự địa phương",
    "xuất khẩu nông sản", "phát triển đô thị thông minh", "cải tạo chung cư cũ", "cấp nước sạch nông thôn",
]

# Words that appear in a few articles only: the "rare word" search queries use them.
RARE_PHRASES = [
    "sâm Ngọc Linh", "nuôi cá tầm", "khinh khí cầu", "điện gió ngoài khơi", "gốm Bát Tràng", "chè Shan tuyết",
    "cà phê đặc sản", "hồ tiêu hữu cơ", "yến sào", "tôm càng xanh", "rừng ngập mặn", "ruộng bậc thang",
    "đờn ca tài tử", "quan họ Bắc Ninh", "cồng chiêng Tây Nguyên", "dệt thổ cẩm", "vải thiều Lục Ngạn",
]

PERIODS = [
    "trong 6 tháng đầu năm", "trong năm qua", "trong nhiệm kỳ qua", "trong quý I", "từ đầu năm đến nay",
    "sau 5 năm thực hiện", "trong thời gian qua", "giai đoạn 2016 - 2020",
]

VERBS = [
    "đẩy mạnh", "tập trung", "quyết liệt thực hiện", "nâng cao hiệu quả", "tăng cường", "đổi mới", "tháo gỡ khó khăn cho",
    "ưu tiên nguồn lực cho", "rà soát, hoàn thiện", "tiếp tục thực hiện tốt",
]

PART_OF_DAY = ["Sáng", "Chiều", "Tối", "Sáng nay", "Chiều qua", "Ngày"]

WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]

# Filler sentences: {org}, {topic}, {topic2}, {period}, {verb}, {pct}, {num}, {num2}, {year}, {place}, {kind}, {chair}
SENTENCES = [
    "Theo báo cáo, {period}, {org} đã tập trung lãnh đạo, chỉ đạo {topic}, đạt nhiều kết quả quan trọng.",
    "Tốc độ tăng trưởng kinh tế ước đạt {pct}%, cao hơn so với cùng kỳ năm trước.",
    "Phát biểu kết luận, đồng chí {chair} đánh giá cao những kết quả mà {org} đạt được, đồng thời chỉ ra một số hạn chế, khó khăn cần sớm khắc phục.",
    "Đồng chí đề nghị các cấp, các ngành tiếp tục quan tâm {topic}, gắn với {topic2}.",
    "Thời gian tới, {org} cần {verb} {topic}, bảo đảm thực chất, hiệu quả.",
    "Các đại biểu đã thảo luận, làm rõ nguyên nhân của những tồn tại, hạn chế và đề xuất nhiều giải pháp thiết thực.",
    "Tổng vốn đầu tư công năm {year} được giao là {num} tỷ đồng, đến nay đã giải ngân được {pct}% kế hoạch.",
    "Toàn địa bàn hiện có {num} xã đạt chuẩn nông thôn mới, {num2} xã đạt chuẩn nông thôn mới nâng cao.",
    "Công tác {topic} được triển khai đồng bộ, quyết liệt, có trọng tâm, trọng điểm.",
    "Nhân dịp này, {org} đã trao tặng {num2} suất quà cho các gia đình chính sách, hộ nghèo trên địa bàn.",
    "{org} xác định {topic} là nhiệm vụ trọng tâm, xuyên suốt trong cả nhiệm kỳ.",
    "Bên cạnh đó, việc {topic} còn chậm, chưa đáp ứng yêu cầu đề ra.",
    "Thu ngân sách nhà nước {period} ước đạt {num} tỷ đồng, bằng {pct}% dự toán.",
    "Đồng chí yêu cầu người đứng đầu các cơ quan, đơn vị nêu cao tinh thần trách nhiệm, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung.",
    "Tại {kind}, các đại biểu thống nhất cao với dự thảo báo cáo và chương trình công tác năm {year}.",
    "Cấp ủy, chính quyền các cấp đã chủ động {verb} {topic}, tạo sự đồng thuận trong Nhân dân.",
    "Đời sống vật chất, tinh thần của Nhân dân tiếp tục được cải thiện; quốc phòng, an ninh được giữ vững.",
    "Việc {topic} góp phần quan trọng vào {topic2} của địa phương.",
]

RARE_SENTENCE = "Đặc biệt, mô hình {rare} bước đầu mang lại hiệu quả kinh tế cao, được người dân đồng tình hưởng ứng."

HEADLINES = [
    "{title_short} {name}: {verb_cap} {topic}",
    "{prov} {verb} {topic}",
    "{kind_cap} về {topic}",
    "Đoàn công tác Trung ương làm việc với Ban Thường vụ {party_org}",
    "{kind_cap} {topic} {period}",
    "Đồng chí {name} chủ trì {kind} về {topic}",
]
