"""Organisations named in the body, with a coarse kind."""

from __future__ import annotations

import re

from .normalize import name_key

__all__ = ["find_organizations", "ORG_KINDS"]

ORG_KINDS = ("party_committee", "peoples_council", "peoples_committee", "ministry", "front", "other")

_PLACE_TAIL = (r"(?:\s+(?:TP\.?|tỉnh|thành phố|quận|huyện|thị xã|xã|phường))?"
               r"(?:\s+(?:Thủ đô|Thành phố|[A-ZĐÂĂÊÔƠƯ][^\s,.;:()“”\"]*)){0,3}")

_MINISTRIES = [re.escape(x) for x in (
    "Kế hoạch và Đầu tư", "Lao động - Thương binh và Xã hội", "Văn hóa, Thể thao và Du lịch", "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường", "Khoa học và Công nghệ", "Thông tin và Truyền thông",
    "Giáo dục và Đào tạo", "Giao thông vận tải", "Công Thương", "Dân tộc và Tôn giáo", "Tài chính", "Nội vụ", "Ngoại giao",
    "Quốc phòng", "Công an", "Tư pháp", "Xây dựng", "Y tế")]
_PATTERNS = [
    ("party_committee", re.compile(r"(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Văn phòng)?\s?(?:Thành|Tỉnh|Quận|Huyện|Thị|Đảng)\s?[uủ]y" + _PLACE_TAIL)),
    ("party_committee", re.compile(r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?|Ủy ban Kiểm tra(?: Trung ương| Thành ủy| Tỉnh ủy)?|"
                                   r"Ban (?:Tuyên giáo|Tổ chức|Dân vận|Nội chính|Kinh tế|Đối ngoại)(?: và Dân vận)?(?: Trung ương| Thành ủy| Tỉnh ủy)?|"
                                   r"Đảng bộ(?: thành phố| tỉnh| quận| huyện)?(?:\s+[A-ZĐ][^\s,.;:()]*){0,3}")),
    ("peoples_council", re.compile(r"(?:Thường trực\s)?(?:HĐND|Hội đồng nhân dân)" + _PLACE_TAIL)),
    ("peoples_committee", re.compile(r"(?:UBND|Ủy ban nhân dân)" + _PLACE_TAIL)),
    ("front", re.compile(r"(?:Ủy ban\s)?(?:Trung ương\s)?(?:MTTQ|Mặt trận Tổ quốc)(?: Việt Nam)?" + _PLACE_TAIL)),
    ("ministry", re.compile(r"Bộ (?:" + "|".join(_MINISTRIES) + r"|(?!Chính trị)[A-ZĐ][^\s,.;:()]*(?:\s[a-zđơưăâêôàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ][^\s,.;:()]*)?)")),
    ("other", re.compile(r"Quốc hội|Chính phủ|Văn phòng Chính phủ|Văn phòng Trung ương Đảng|Tòa án nhân dân(?: tối cao)?|Viện Kiểm sát nhân dân(?: tối cao)?|Kiểm toán Nhà nước|Sở [A-ZĐ][^\s,.;:()]*(?:\s(?:và\s)?[^\s,.;:()A-Z]+){0,3}")),
]
_CONTINUED = {"Thủ", "Thành", "Chính", "Ủy", "Uỷ", "Kiểm", "Tổ", "Trung", "Ban", "Văn", "Nhà"}
_TRAILING_NOISE = re.compile(r"(\s+(?:TP\.?|tỉnh|thành phố|quận|huyện|thị xã|xã|phường))$")


def find_organizations(body: str, m: str, person_spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(name as written, kind) pairs, deduplicated by name_key, in order of appearance."""
    starts = sorted(s for s, _ in person_spans)
    found: list[tuple[int, str, str]] = []
    taken = bytearray(len(m) + 1)  # positions already inside a found organisation
    for kind, rx in _PATTERNS:
        for x in rx.finditer(m):
            s, e = x.start(), x.end()
            while s < e and m[s].isspace():
                s += 1
            # Stop before a person's name ("UBND TP Nguyễn Văn A").
            for ps in starts:
                if s < ps < e:
                    e = ps
                    break
            name = body[s:e].strip(" ,.;:-“”\"")
            # "Đảng bộ Thành phố" cut mid-phrase: drop a capitalised word that a lowercase one continues.
            while (len(name.split()) > 2 and name.split()[-1] in _CONTINUED
                   and re.match(r"\s+[a-zđơưăâêô]", body[s + len(name): s + len(name) + 3])):
                name = name.rsplit(" ", 1)[0]
            name = _TRAILING_NOISE.sub("", name) if len(name.split()) > 2 else name
            if len(name) < 3 or taken[s]:
                continue
            taken[s:s + len(name)] = b"\x01" * len(name)
            found.append((s, name, kind))
    found.sort()
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for _, name, kind in found:
        k = name_key(name)
        if k not in seen:
            seen.add(k)
            out.append((name, kind))
    return out
