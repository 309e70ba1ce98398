"""Personal names inside runs of capitalised words: surnames, middle names, places, foreign names.

The parser runs on a re-toned copy of the body (normalize.retone); see people.py.
"""

from __future__ import annotations

import functools
import re

from .lexicon import HISTORICAL, MAJOR_SURNAMES, PLACES, SURNAMES
from .normalize import name_key as _name_key

# The parser keys every capitalised token; the same few hundred words recur across articles.
name_key = functools.lru_cache(maxsize=65536)(_name_key)

# Letter classes for Vietnamese (Python's re has no \p{Lu}).
_LETTERS = [chr(c) for c in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0xC0, 0x1B1)) + list(range(0x1EA0, 0x1EFA))]
UPPER = "".join(c for c in _LETTERS if c.isupper() and c.isalpha())
LOWER = "".join(c for c in _LETTERS if c.islower() and c.isalpha())
U, L = f"[{re.escape(UPPER)}]", f"[{re.escape(LOWER)}]"
TOKEN = rf"{U}{L}*(?:'{U}?{L}+|(?:-{L}+)+)?"  # "Bh'riu", "Young-sam", "Chum-ma-ly"
RUN_RE = re.compile(rf"(?<![\w'.\-/]){TOKEN}(?: {TOKEN})*(?![\w'])")
TOKEN_RE = re.compile(TOKEN)

PLACE_KEYS = {tuple(name_key(p).split()) for p in PLACES}
HIST_KEYS = {name_key(h) for h in HISTORICAL}
SURNAME_KEYS = {name_key(s) for s in SURNAMES}
MAJOR_KEYS = {name_key(s) for s in MAJOR_SURNAMES}
# Capitalised words that begin organisation names, never a personal name.
ORG_WORDS = {name_key(w) for w in (
    "Đảng Nhà Nước Chính Quốc Trung Ương Thành Tỉnh Bộ Ban Ủy Sở Cục Viện Hội Đoàn Mặt Trận Tổ Phòng "
    "Học Trường Đại Công Tổng Liên Hiệp Kho Bạc Ngân Hàng Tòa Báo Đài Truyền Hình Nhân Dân Thủ Đô Cụm "
    "Khối Lực Lượng Quân Khu Bộ Đội Biên Phòng Cảnh Sát An Ninh Chương Trình Đề Án Nghị Quyết Kết Luận "
    "Chỉ Thị Kế Hoạch Luật Hiến Pháp Điều Lệ Văn Kiện Tiểu Thường Vụ Trực Kiểm Tra Tuyên Giáo Dân Vận "
    "Nội Chính Tài Chính Ngoại Giao Quốc Phòng Hạ Tầng Lao Động"
).split()} - {"văn", "lao"}
MIDDLE_MARKERS = {"văn", "thị"}
# Administrative units written capitalised before a place: "Quận Hai Bà Trưng", "Thủ đô Viêng Chăn".
ADMIN_WORDS = {name_key(w) for w in "Quận Huyện Phường Xã Tỉnh Thị Trấn Thôn Xóm Ấp Thủ Đô Thành Phố TP".split()}
# Words of firms and bodies that foreign-looking capitalised pairs may be: "Samsung Vietnam".
_FOREIGN_ORG_WORDS = {"vietnam", "viet", "group", "bank", "company", "corporation", "corp", "holdings", "global",
                      "international", "asia", "pacific", "foundation", "university", "institute", "airlines"}


def tokens(run: str, base: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), base + m.start(), base + m.end()) for m in TOKEN_RE.finditer(run)]


def strip_places(toks: list) -> list:
    """Drop leading place names ("Hà Nội", "Lê Chân") from a capitalised run."""
    changed = True
    while changed and toks:
        changed = False
        keys = [name_key(t[0]) for t in toks]
        for n in (4, 3, 2, 1):
            if len(toks) > n - 1 and tuple(keys[:n]) in PLACE_KEYS:
                toks = toks[n:]
                changed = True
                break
    return toks


def starts_with_place(toks: list) -> bool:
    keys = tuple(name_key(t[0]) for t in toks)
    return any(keys[:n] in PLACE_KEYS for n in (2, 3, 4) if len(keys) >= n)


_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def is_foreign(tok: str) -> bool:
    """'Rachel', 'Suzuki', 'Wei': an unaccented word that cannot be one Vietnamese syllable."""
    low = tok.lower()
    if not (low.isascii() and low.replace("-", "").isalpha()):
        return False
    return "-" in low or not _VI_SYLLABLE.fullmatch(low)


def foreign_tail(toks: list) -> int:
    """How many of the last tokens look foreign ("Anouphap Tounalom" after "Viêng Chăn")."""
    k = 0
    for tok in reversed(toks):
        if not is_foreign(tok[0]):
            break
        k += 1
    return k


def name_in_run(toks: list, vouched: bool, honorific: bool, envoy: bool = False) -> tuple[int, int] | None:
    """Token range (i, j) of the personal name inside a capitalised run, or None."""
    lead = 0
    while lead < len(toks) - 1 and name_key(toks[lead][0]) in ADMIN_WORDS:
        lead += 1  # "Quận Hai Bà Trưng", "Thủ đô Viêng Chăn …": the unit goes with the place after it
    toks2 = strip_places(toks[lead:]) if lead else strip_places(toks)
    offset = len(toks) - len(toks2)
    n = len(toks2)
    if n < 2:
        return None
    tail = foreign_tail(toks2)
    if 2 <= tail < n:
        # A foreign name after Vietnamese-looking words: those are a place or a body ("Thủ đô Viêng
        # Chăn Anouphap Tounalom"); the name is the foreign tail.
        toks2, offset, n = toks2[n - tail:], offset + n - tail, tail
    if n == 4 and name_key(toks2[0][0]) in ORG_WORDS and name_key(toks2[1][0]) in MAJOR_KEYS:
        toks2, offset, n = toks2[1:], offset + 1, 3  # "trung ương Đoàn Lê Quốc Phong": the Youth Union, then a name
    cands = []
    for length in (5, 4, 3, 2):
        if length > n or (length == 5 and n != 5):
            continue
        sub = toks2[n - length:]
        if name_key(sub[0][0]) in SURNAME_KEYS and not starts_with_place(sub):
            cands.append(length)
    if cands == [2] and name_key(toks2[n - 2][0]) in ORG_WORDS and not honorific:
        cands = []  # "Bí thư Đoàn Thanh niên": a body ("Đoàn", "Hội") and a word, not a two-word name
    if cands:
        best = cands[0]
        if best == 4 and n > 4 and name_key(toks2[n - 3][0]) in MAJOR_KEYS and 3 in cands:
            best = 3
        if best == 5 and name_key(toks2[1][0]) in MAJOR_KEYS:
            best = 4
        if best == 5 and 3 in cands and name_key(toks2[n - 3][0]) in MAJOR_KEYS:
            best = 3  # "Lộc Bình Nguyễn Văn A": a place (unknown to the lexicon) before the name
        start = n - best
        # "Văn"/"Thị" mark a middle name: "Vì Văn Quân", "Lộc Thị Hồng Nhung" even when the
        # surname is not in the lexicon (the rarer surname "Văn" / "Hồng" must not win).
        if start >= 1 and name_key(toks2[start][0]) in MIDDLE_MARKERS and name_key(toks2[start - 1][0]) not in ORG_WORDS:
            start -= 1
        elif (start >= 2 and name_key(toks2[start - 1][0]) in MIDDLE_MARKERS
              and name_key(toks2[start - 2][0]) not in ORG_WORDS):
            start -= 2
        return offset + start, offset + n
    if vouched or honorific:
        rest = toks2
        while rest and name_key(rest[0][0]) in ORG_WORDS:
            rest = rest[1:]
        k = len(rest)
        keys = [name_key(t[0]) for t in rest]
        foreign_pair = (k == 2 and any(is_foreign(t[0]) for t in rest)
                        and not any(key in _FOREIGN_ORG_WORDS for key in keys))
        # Two words after a strong title and a place: "Chủ tịch Chính hiệp Bắc Kinh Cát Lâm".
        after_place = k == 2 and offset > 0 and n == 2
        if (3 <= k <= 4) or (honorific and k == 2) or (vouched and (foreign_pair or (k == 2 and envoy) or after_place)):
            # Two words after a strong title: a foreign name ("Đại tướng Vilay Lakhamphong") unless a
            # firm ("Giám đốc Samsung Vietnam"); after a diplomatic title any pair ("Đại sứ … Hùng Ba").
            if not starts_with_place(rest) and tuple(keys) not in PLACE_KEYS:
                return offset + n - k, offset + n
    return None
