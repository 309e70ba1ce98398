"""Invented Vietnamese text and the byte forms it arrives in (Windows-1258, zips): the raw
material of the bad-input corpus (corpus.py) and of tests that need a fresh, realistic article.
All places and officials here are fictional."""

import io
import random
import unicodedata
import zipfile

_PLACES = [
    "Tân Lập", "Phú Mỹ", "Hòa Bình", "Đồng Tâm", "Quảng Yên", "Thạch Hà", "Ea Rông", "Nà Hẩu",
    "Sơn Thủy", "Bắc Lũng", "Hưng Đạo", "Yên Thế", "Vĩnh Xuân", "Cẩm Giàng", "Lộc Thịnh", "Mỹ Khánh",
    "Kim Bôi", "Trà Lĩnh", "Xuân Trường", "Ngọc Lặc", "Đắk Rơ", "Phước Hải", "An Nhơn", "Tiên Yên",
]
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc"]
_GIVEN = ["Lượng", "Thắm", "Khiêm", "Nghĩa", "Uyển", "Trọng", "Diệp", "Quyết", "Hằng", "Sưởng", "Phượng", "Đạt"]
_TOPICS = [
    "giải ngân vốn đầu tư công", "phòng chống thiên tai", "xây dựng nông thôn mới", "chuyển đổi số",
    "cải cách thủ tục hành chính", "bảo vệ rừng đầu nguồn", "giảm nghèo bền vững", "an toàn giao thông",
]


def _person(rng):
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def vi_article(seed, *, paragraphs=3):
    """A short, fictional report of a meeting, different for every seed (distinct body and headline)."""
    rng = random.Random(f"vankho-corpus-{seed}")
    place, topic = rng.choice(_PLACES), rng.choice(_TOPICS)
    chair, deputy = _person(rng), _person(rng)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    headline = f"UBND xã {place} họp bàn về {topic} tại phiên số {seed}"
    lines = [
        headline,
        f"Ngày {day}/{month}/2024, UBND xã {place} tổ chức phiên họp thường kỳ số {seed} để bàn về {topic}.",
        f"Đồng chí {chair}, Chủ tịch UBND xã, chủ trì phiên họp. Tham dự có đồng chí {deputy}, Phó Chủ tịch UBND xã.",
    ]
    for i in range(paragraphs - 2):
        lines.append(
            f"Phiên họp thống nhất giao các thôn rà soát danh sách hộ dân, hoàn thành trước ngày {(day + i) % 28 + 1} "
            f"tháng {month} và báo cáo kết quả về xã; mã hồ sơ {seed}-{i}."
        )
    return "\n".join(lines) + "\n"


def to_cp1258(text):
    """Encode Vietnamese the way Windows-1258 does: base letters plus combining tone marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        tones = [m for m in marks if m in _CP1258_TONES]
        for mark in (m for m in marks if m not in _CP1258_TONES):  # â, ă, ê, ô, ơ, ư exist precomposed
            base = unicodedata.normalize("NFC", base + mark)
        rest = tones
        out += (base + "".join(rest)).encode("cp1258")
    return bytes(out)


_CP1258_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def make_zip(entries, *, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = compression
            zf.writestr(info, data)
    return buf.getvalue()
