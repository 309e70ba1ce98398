"""Titles as written around a name: "Ủy viên Bộ Chính trị, Bí thư Thành ủy Nguyễn Văn A, Chủ tịch …".

A title starts with a head from the lexicon ("Bí thư", "Phó Chủ tịch", "Đại tá", …) and runs to the
first word that cannot belong to it (a verb, a preposition, the next name); see ``stop_at``.
"""

from __future__ import annotations

import re

from .lexicon import (
    NAME_PREFIXES,
    STRONG_HEADS,
    TITLE_HEADS,
    TITLE_STOP_PHRASES,
    TITLE_STOP_VERBS,
    TITLE_STOP_WORDS,
    WEAK_HEADS,
)
from .names import HIST_KEYS, ORG_WORDS, SURNAME_KEYS, L, U, name_key

HEAD_RE = re.compile(
    r"(?<![\w])(?:(?i:" + "|".join(re.escape(h) for h in sorted(set(TITLE_HEADS) - set(WEAK_HEADS), key=len, reverse=True))
    + r")|" + "|".join(re.escape(h) for h in sorted(WEAK_HEADS, key=len, reverse=True)) + r")(?![\w])"
)
# Multi-word phrases that end a title: verbs of the meeting ("đồng chủ trì", "phát biểu"), in any
# case, and reporting verbs, in lower case only.
_STOP_PHRASE_RE = re.compile(
    r"(?<![\w])(?:(?i:" + "|".join(re.escape(p) for p in sorted(TITLE_STOP_PHRASES, key=len, reverse=True)) + r")|"
    + "|".join(re.escape(p) for p in sorted(TITLE_STOP_VERBS, key=len, reverse=True)) + r")(?![\w])"
)
# "nguyên Bộ trưởng …": a former office is still the title as written.
FORMER = re.compile(r"(?i)nguyên\s+(?=\S)")
HONORIFIC_END = re.compile(r"(?i)(?:^|\s)(các\s+đồng\s+chí|đồng\s+chí|đ/c|ông|bà|ngài)\s*$")
_PREFIX_END = re.compile(r"(?:\s|^)(?:" + "|".join(re.escape(p) for p in sorted(NAME_PREFIXES, key=len, reverse=True)) + r")\.?\s*$")
_PRE_SEP = re.compile(r"\s*(?:,|\s[-–—]\s|–|—)\s*")
_POST_SEP = re.compile(r"\s*(?:,|\s[-–—]\s|\(|\)|;|:|\.(?=\s|$)|\s[-–—]$)")
_WORD = re.compile(r"[^\s,;:()\"“”]+")
MAX_TITLE_WORDS = 16


def _envoy_at(m: str, words: list, idx: int) -> bool:
    """'Đại sứ Nhật Bản tại Việt Nam': "tại <Country>" belongs to a diplomatic title."""
    head = " ".join(w[0] for w in words[:2]).casefold()
    return head in ("đại sứ", "tổng lãnh", "trưởng đại", "đặc phái") and m[words[idx][2] + 1:words[idx][2] + 2].isupper()


# After "của", a body that a title may belong to.
_OF_BODY = re.compile(r"(?:Đảng|Quốc|Chính|Nhà|Trung|Thành|Tỉnh|Bộ|Ủy|Uỷ|Ban|UBND|HĐND|MTTQ|TƯ|TW)$")


def stop_at(m: str, s: int, e: int) -> int:
    """Position where a title starting at ``s`` must end (first verb/preposition), ≤ e."""
    # Titles are short: never look further than a few hundred characters (keeps this linear).
    limit = min(e, s + 400)
    words = [(w.group(0), s + w.start(), s + w.end()) for w in _WORD.finditer(m[s:limit])]
    seen_chidao = False
    head = HEAD_RE.match(m, s)
    head_end = head.end() if head else s  # "Tổng Thư ký": "ký" (to sign) is part of the head
    for idx, (w, ws, _we) in enumerate(words):
        if idx == 0 or ws < head_end:
            continue
        inner = HEAD_RE.match(m, ws)
        if inner and idx < MAX_TITLE_WORDS:
            head_end = inner.end()  # "Phó Chủ tịch kiêm Tổng Thư ký …": a second head's words belong to it
        low = w.lower()
        two = (low + " " + words[idx + 1][0].lower()) if idx + 1 < len(words) else ""
        if "chỉ" == low and two == "chỉ đạo":
            seen_chidao = True
        if idx >= MAX_TITLE_WORDS:
            return ws
        if _STOP_PHRASE_RE.match(m, ws) and not (low == "giao" and words[idx - 1][0] == "Ngoại"):
            return ws  # "Bộ trưởng Ngoại giao" names a ministry, "… giao Sở …" assigns
        if low == "và":
            nxt = words[idx + 1][0] if idx + 1 < len(words) else ""
            nxt2 = words[idx + 2][0] if idx + 2 < len(words) else ""
            person_next = name_key(nxt) in SURNAME_KEYS and nxt2[:1].isupper()
            if (nxt and nxt[0].isupper() and not HEAD_RE.match(m, words[idx + 1][1])
                    and name_key(nxt) not in ("đồng",) and not person_next):
                continue  # "Bộ Kế hoạch và Đầu tư", but not "… Tỉnh ủy và Lê Văn A"
            return ws
        if low == "về" and seen_chidao:
            continue  # "Ban Chỉ đạo ... về phòng, chống tham nhũng"
        if low == "tại" and _envoy_at(m, words, idx):
            continue
        if low == "dự" and two == "dự khuyết":
            continue  # "Ủy viên dự khuyết Trung ương Đảng": an alternate member
        if low == "của" and idx + 1 < len(words) and _OF_BODY.match(words[idx + 1][0]):
            continue  # "Chủ nhiệm Ủy ban Tư pháp của Quốc hội", "… Tiểu ban Văn kiện của Đảng"
        if low in TITLE_STOP_WORDS:
            return ws
    return e if limit == e else limit


# A term qualifier is not part of the post: "Ủy viên Ban Chấp hành Trung ương Đảng khóa XIII",
# "Bí thư Tỉnh ủy nhiệm kỳ 2010-2015".
_TERM = re.compile(r"(?i)[\s,(]+(?:khóa|khoá|nhiệm kỳ)\s+[\w\s\-–]*\)?$")


def clean_title(body: str, s: int, e: int) -> str:
    t = body[s:e].strip(" ,;:-–—!?")
    t = _PREFIX_END.sub("", t).strip(" ,;:-–—!?")
    t = _TERM.sub("", re.sub(r"(?<![A-ZĐ])\.$", "", t)).strip(" ,;:-–—!?")
    return t


def _historical_title(m: str, start: int, end: int) -> bool:
    """'Chủ tịch Hồ Chí Minh', 'Đại tướng Võ Nguyên Giáp': a head followed by a historical figure."""
    h = HEAD_RE.match(m, start)
    rest = name_key(m[h.end():end] if h else "").strip(" ,.-–")
    return rest in HIST_KEYS or (rest.startswith("nước ") and rest[5:] in HIST_KEYS)


def pre_titles(m: str, body: str, left: int, name_start: int):
    """Titles written before a name, right to left; returns (titles, honorific, plural, span_start)."""
    region = m[left:name_start]
    if not region.strip():
        return [], False, False, name_start
    cuts = [left]
    for sep in _PRE_SEP.finditer(region):
        cuts.append(left + sep.start())
        cuts.append(left + sep.end())
    cuts.append(name_start)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    if len(pieces) >= 2 and m[pieces[-2][1]:pieces[-1][0]].strip() == ",":
        # "Phó Giám đốc Sở Nội vụ, Ban Tổ chức Tỉnh ủy X": an organisation right before the name,
        # after a comma, continues the title before it (it has no title head of its own).
        (ps1, pe1), (ps2, pe2) = pieces[-2], pieces[-1]
        last = m[ps2:pe2]
        first_word = last.split(" ", 1)[0]
        org_start = name_key(first_word) in ORG_WORDS or re.match(r"(?:Văn phòng|Trung tâm|Vụ|Chi cục)\s", last)
        if (first_word[:1].isupper() and org_start and not HEAD_RE.search(last)
                and not HONORIFIC_END.search(last) and stop_at(m, ps2, pe2) >= pe2 and len(last.split()) <= 8):
            heads = [h for h in HEAD_RE.finditer(m, ps1, pe1) if stop_at(m, h.start(), pe1) >= pe1]
            if heads:
                pieces[-2:] = [(ps1, pe2)]
    titles: list[str] = []
    honorific = plural = False
    span_start = name_start
    first = True
    for ps, pe in reversed(pieces):
        piece = m[ps:pe]
        if not piece.strip():
            if first:
                first = False
                continue
            break
        found = None
        for h in HEAD_RE.finditer(piece):
            hs = ps + h.start()
            if not m[stop_at(m, hs, pe):pe].strip():
                found = hs
                break
        if found is not None and _historical_title(m, found, pe):
            break  # "… ngày sinh Chủ tịch Hồ Chí Minh, Phó Bí thư X": a historical figure, not a title of X
        if found is not None:
            fm = re.search(r"(?i)(?:^|\s)(nguyên)\s+$", m[ps:found])
            if fm:
                found = ps + fm.start(1)
            t = clean_title(body, found, pe)
            if t:
                titles.insert(0, t)
            span_start = found
            prefix = m[ps:found]
            hm = HONORIFIC_END.search(prefix)
            if hm:
                honorific = True
                plural = plural or hm.group(1).lower().startswith("các")
                span_start = ps + hm.start(1)
                break
            if re.search(r"(?i)(?:^|\s)các\s*$", prefix):
                plural = True
                break
            if prefix.strip():
                break
            first = False
            continue
        hm = HONORIFIC_END.search(piece)
        if hm:
            honorific = True
            plural = plural or hm.group(1).lower().startswith("các")
            span_start = ps + hm.start(1)
            # "Bí thư Thành ủy, đồng chí Nguyễn Văn A": the title sits before the honorific.
            if first and not m[ps:ps + hm.start(1)].strip() and not hm.group(1).lower().startswith("các"):
                first = False
                continue
            break
        if first and _PREFIX_END.fullmatch(" " + piece.strip()):
            first = False
            continue
        break
    return titles, honorific, plural, span_start


ENVOY_BEFORE = re.compile(
    r"(?i)(?:đại sứ|tổng thống|ngoại trưởng|thủ tướng|tổng lãnh sự|trưởng đại diện|điều phối viên|"
    r"thượng nghị sĩ|nghị sĩ|đặc phái viên|quốc vương)(?:\s+{U}[\w-]*){0,3}\s*$".replace("{U}", U)
)
_TITLE_SEP = re.compile(r"\s*(,|\s[-–—]\s|\(|\s[-–—](?=\S)|[-–—](?=[^\W\d_]))\s*")
_ANY_PAREN = re.compile(r"\s*\([^()]{1,80}\)")
_DEGREE = re.compile(r"(?i)(?:tiến sĩ|thạc sĩ|cử nhân|kỹ sư|bác sĩ|dược sĩ|luật sư|nhà báo|GS|PGS|TS|ThS|TSKH)[\s.]")
_PAREN_NOTE = re.compile(
    r"(?i)\s*\((?:ảnh|giữa|bên phải|bên trái|phải|trái|(?:thứ|người thứ|đứng|ngồi|bìa) [^()]{1,30})\)"
)


def post_titles(m: str, body: str, name_end: int, right: int):
    """Titles in apposition after a name (", Ủy viên …, Bí thư …"); returns (titles, span_end)."""
    titles: list[str] = []
    pos = name_end
    span_end = name_end
    while pos < right:
        note = _PAREN_NOTE.match(m, pos)
        if note is None and pos == name_end and (paren := _ANY_PAREN.match(m, pos)):
            note = None if HEAD_RE.match(m, paren.start() + paren.group(0).index("(") + 1) else paren
        if note and note.end() < right:
            pos = note.end()  # "Lê Văn A (ảnh), Thứ trưởng …", "bà A (SN 1977, …), Giám đốc …"
        # ", Bí thư …", " - Bí thư …", "(Bí thư …", and "A-Ủy viên …" with no space around the dash.
        sep = _TITLE_SEP.match(m, pos)
        if not sep or sep.end() >= right:
            break
        s = sep.end()
        former = FORMER.match(m, s)
        h = HEAD_RE.match(m, former.end() if former else s)
        if not h:
            lm = re.compile(r"(?i)(?:là|làm)\s+").match(m, s)
            if lm and HEAD_RE.match(m, lm.end()):
                s = lm.end()
            elif _DEGREE.match(m, s) and (nxt := _POST_SEP.search(m, s, right)) and m[nxt.start():nxt.end()].strip() == ",":
                pos = nxt.start()  # "…, Tiến sĩ Báo chí học, Giám đốc Sở …": a degree is not a title
                continue
            else:
                break
        nxt = _POST_SEP.search(m, s, right)
        pe = nxt.start() if nxt else right
        stop = stop_at(m, s, pe)
        if stop >= pe and pe == right and right < len(m) and not ends_sentence(m, right):
            # The chain runs straight into the next name: "A, Phó Bí thư - Chủ tịch UBND B"
            # lists B's titles, not A's.
            return [], name_end
        t = clean_title(body, s, stop)
        if t:
            titles.append(t)
            span_end = s + len(m[s:stop].rstrip())
        if stop < pe:
            rest = m[stop:pe]
            lm = re.compile(r"(?i)\s*(?:là|làm)\s+").match(rest)
            if lm and HEAD_RE.match(rest, lm.end()):
                s2 = stop + lm.end()
                stop2 = stop_at(m, s2, pe)
                if not (stop2 >= pe and pe == right and not ends_sentence(m, right)):
                    t2 = clean_title(body, s2, stop2)
                    if t2:
                        titles.append(t2)
                        span_end = s2 + len(m[s2:stop2].rstrip())
            break
        pos = pe
        if nxt and nxt.group(0).strip() in (";", ":", ".", ")"):
            break
    return titles, span_end


def is_indefinite(title: str) -> bool:
    h = HEAD_RE.match(title)
    return bool(h) and re.match(r"(?i)\s+(?:một|1)\s", title[h.end():]) is not None


def ends_sentence(m: str, pos: int) -> bool:
    return pos >= len(m) or m[pos] in ".;:!?\n"


_PROTECT = re.compile(
    r"(?i)(?:Lao động\s[-–]\sThương binh|Thừa Thiên\s[-–]\sHuế|Bà Rịa\s[-–]\sVũng Tàu|Văn hóa,\sThể thao|"
    r"chính trị\s[-–]\sxã hội|kinh tế\s[-–]\sxã hội|Phòng,\schống|phòng,\schống|tham nhũng,\stiêu cực|tham nhũng,\slãng phí|lãng phí,\stiêu cực)"
)


# "Ủy ban Khoa học, Công nghệ và Môi trường", "Ủy ban Văn hóa, Giáo dục": an organisation enumerating
# its fields. After a lower-case word, a comma followed by capitalised-then-lower-case fields ending in
# "và Xxx" belongs to the name — unless a field starts with a title head ("…, Chủ tịch UBND tỉnh và …").
# Bounded repetitions keep the look-ahead short (a long comma-separated run must stay linear).
_FIELD = rf"{U}{L}*(?: {L}+){{0,4}}"
_ENUM_COMMA = re.compile(rf"(?<={L}),(?= {_FIELD}(?:, {_FIELD}){{0,5}} và {U})")


def _enum_comma(m: str, x: re.Match) -> str:
    nxt = x.end() + 1
    words = m[nxt:nxt + 40].split(" ")
    person = len(words) > 1 and name_key(words[0]) in SURNAME_KEYS and words[1][:1].isupper()
    return "," if HEAD_RE.match(m, nxt) or person else "\u201a"


def protect(m: str) -> str:
    """Hide separators inside organisation names ("Lao động - Thương binh") from the parser; same length."""
    m = _PROTECT.sub(lambda x: x.group(0).replace("-", "\u2010").replace("–", "\u2010").replace(",", "\u201a"), m)
    return _ENUM_COMMA.sub(lambda x: _enum_comma(m, x), m)


def vouching_title(m: str, ss: int, pos: int) -> bool:
    """A strong title (or honorific) ends right before ``pos``."""
    before = m[max(ss, pos - 120): pos]
    if HONORIFIC_END.search(before):
        return True
    seg = re.split(r"[,;:(\"“]|\s[-–—]\s", before)[-1]
    for h in HEAD_RE.finditer(seg):
        if h.group(0).casefold() in STRONG_HEADS or name_key(h.group(0)) in STRONG_HEADS:
            base = pos - len(seg)
            if stop_at(m, base + h.start(), pos) >= pos - 1:
                return True
    return False
