"""Officials: Vietnamese personal names and the titles the text gives them.

The analysis runs on a re-toned copy of the body (same length, see
normalize.retone) so that "Thành uỷ" and "Thành ủy" match the same lexicon,
while names and titles are sliced from the body as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .lexicon import (
    HISTORICAL,
    MAJOR_SURNAMES,
    NAME_PREFIXES,
    PLACES,
    STRONG_HEADS,
    SURNAMES,
    TITLE_HEADS,
    TITLE_STOP_PHRASES,
    TITLE_STOP_VERBS,
    TITLE_STOP_WORDS,
    WEAK_HEADS,
)
from .normalize import name_key as _name_key

# The parser keys every capitalised token; the same few hundred words recur across articles.
name_key = functools.lru_cache(maxsize=65536)(_name_key)

__all__ = ["Mention", "Person", "find_people", "UPPER", "LOWER"]

# Letter classes for Vietnamese (Python's re has no \p{Lu}).
_LETTERS = [chr(c) for c in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0xC0, 0x1B1)) + list(range(0x1EA0, 0x1EFA))]
UPPER = "".join(c for c in _LETTERS if c.isupper() and c.isalpha())
LOWER = "".join(c for c in _LETTERS if c.islower() and c.isalpha())
_U, _L = f"[{re.escape(UPPER)}]", f"[{re.escape(LOWER)}]"
_TOKEN = rf"{_U}{_L}*(?:'{_U}?{_L}+|-{_L}+)?"  # "Bh'riu", "Young-sam"
_RUN = re.compile(rf"(?<![\w'.\-/]){_TOKEN}(?: {_TOKEN})*(?![\w'])")
_TOKEN_RE = re.compile(_TOKEN)

# Heads match in any case ("ông X - chủ tịch UBND TP", Tuổi Trẻ style), except the weak ones,
# which are ordinary words in lower case ("thành viên hợp tác xã").
_HEAD_RE = re.compile(
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
_FORMER = re.compile(r"(?i)nguyên\s+(?=\S)")
_PLACE_KEYS = {tuple(name_key(p).split()) for p in PLACES}
_HIST_KEYS = {name_key(h) for h in HISTORICAL}
_SURNAME_KEYS = {name_key(s) for s in SURNAMES}
_MAJOR_KEYS = {name_key(s) for s in MAJOR_SURNAMES}
# Capitalised words that begin organisation names, never a personal name.
_ORG_WORDS = {name_key(w) for w in (
    "Đảng Nhà Nước Chính Quốc Trung Ương Thành Tỉnh Bộ Ban Ủy Sở Cục Viện Hội Đoàn Mặt Trận Tổ Phòng "
    "Học Trường Đại Công Tổng Liên Hiệp Kho Bạc Ngân Hàng Tòa Báo Đài Truyền Hình Nhân Dân Thủ Đô Cụm "
    "Khối Lực Lượng Quân Khu Bộ Đội Biên Phòng Cảnh Sát An Ninh Chương Trình Đề Án Nghị Quyết Kết Luận "
    "Chỉ Thị Kế Hoạch Luật Hiến Pháp Điều Lệ Văn Kiện Tiểu Thường Vụ Trực Kiểm Tra Tuyên Giáo Dân Vận "
    "Nội Chính Tài Chính Ngoại Giao Quốc Phòng Hạ Tầng Lao Động"
).split()} - {"văn", "lao"}
_MIDDLE_MARKERS = {"văn", "thị"}
_LEADING_HONORIFICS = {"Ông", "Bà", "Anh", "Chị", "Cô", "Chú", "Bác", "Em", "Cháu", "Đồng", "Theo", "Với", "Cùng", "Và"}
_HONORIFIC_END = re.compile(r"(?i)(?:^|\s)(các\s+đồng\s+chí|đồng\s+chí|đ/c|ông|bà)\s*$")
_PREFIX_END = re.compile(r"(?:\s|^)(?:" + "|".join(re.escape(p) for p in sorted(NAME_PREFIXES, key=len, reverse=True)) + r")\.?\s*$")
_PRE_SEP = re.compile(r"\s*(?:,|\s[-–—]\s|–|—)\s*")
_POST_SEP = re.compile(r"\s*(?:,|\s[-–—]\s|\(|\)|;|:|\.(?=\s|$)|\s[-–—]$)")
_HARD_LEFT = re.compile(r"[;:(\"“”]")
_REFERENCE_CONTEXT = re.compile(
    r"(?i)(ngày\s+sinh|năm\s+sinh|ngày\s+mất|tư\s+tưởng|lăng|di\s+chúc|tấm\s+gương|noi\s+gương|làm\s+theo|"
    r"đường|phố|trường|giải\s+thưởng|tượng\s+đài|bảo\s+tàng|khu\s+di\s+tích)\s*$"
)
_WORD = re.compile(r"[^\s,;:()\"“”]+")
MAX_TITLE_WORDS = 16


@dataclass
class Mention:
    name: str
    key: str
    start: int
    end: int
    sentence: tuple[int, int]
    titles: list[str] = field(default_factory=list)
    honorific: bool = False
    plural: bool = False
    span_start: int = 0    # start of honorific/titles before the name
    span_end: int = 0      # end of titles after the name
    strong: bool = False   # a title or honorific vouches for it


@dataclass
class Person:
    name: str
    key: str
    start: int
    end: int
    sentence: tuple[int, int]
    titles: list[str] = field(default_factory=list)
    official: bool = False


def _tokens(run: str, base: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), base + m.start(), base + m.end()) for m in _TOKEN_RE.finditer(run)]


def _strip_places(toks: list) -> list:
    """Drop leading place names ("Hà Nội", "Lê Chân") from a capitalised run."""
    changed = True
    while changed and toks:
        changed = False
        keys = [name_key(t[0]) for t in toks]
        for n in (4, 3, 2, 1):
            if len(toks) > n - 1 and tuple(keys[:n]) in _PLACE_KEYS:
                toks = toks[n:]
                changed = True
                break
    return toks


def _starts_with_place(toks: list) -> bool:
    keys = tuple(name_key(t[0]) for t in toks)
    return any(keys[:n] in _PLACE_KEYS for n in (2, 3, 4) if len(keys) >= n)


_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def _foreign(tok: str) -> bool:
    """'Rachel', 'Suzuki', 'Wei': an unaccented word that cannot be one Vietnamese syllable."""
    low = tok.lower()
    if not (low.isascii() and low.replace("-", "").isalpha()):
        return False
    return "-" in low or not _VI_SYLLABLE.fullmatch(low)


def _name_in_run(toks: list, vouched: bool, honorific: bool, envoy: bool = False) -> tuple[int, int] | None:
    """Token range (i, j) of the personal name inside a capitalised run, or None."""
    toks2 = _strip_places(toks)
    offset = len(toks) - len(toks2)
    n = len(toks2)
    if n < 2:
        return None
    cands = []
    for length in (5, 4, 3, 2):
        if length > n or (length == 5 and n != 5):
            continue
        sub = toks2[n - length:]
        if name_key(sub[0][0]) in _SURNAME_KEYS and not _starts_with_place(sub):
            cands.append(length)
    if cands:
        best = cands[0]
        if best == 4 and n > 4 and name_key(toks2[n - 3][0]) in _MAJOR_KEYS and 3 in cands:
            best = 3
        if best == 5 and name_key(toks2[1][0]) in _MAJOR_KEYS:
            best = 4
        if best == 5 and 3 in cands and name_key(toks2[n - 3][0]) in _MAJOR_KEYS:
            best = 3  # "Lộc Bình Nguyễn Văn A": a place (unknown to the lexicon) before the name
        start = n - best
        # "Văn"/"Thị" mark a middle name: "Vì Văn Quân", "Lộc Thị Hồng Nhung" even when the
        # surname is not in the lexicon (the rarer surname "Văn" / "Hồng" must not win).
        if start >= 1 and name_key(toks2[start][0]) in _MIDDLE_MARKERS and name_key(toks2[start - 1][0]) not in _ORG_WORDS:
            start -= 1
        elif (start >= 2 and name_key(toks2[start - 1][0]) in _MIDDLE_MARKERS
              and name_key(toks2[start - 2][0]) not in _ORG_WORDS):
            start -= 2
        return offset + start, offset + n
    if vouched or honorific:
        rest = toks2
        while rest and name_key(rest[0][0]) in _ORG_WORDS:
            rest = rest[1:]
        k = len(rest)
        if (3 <= k <= 4) or (honorific and k == 2) or (
                vouched and k == 2 and (offset or envoy) and any(_foreign(t[0]) for t in rest)):
            # Two-word foreign names only after a country ("… Singapore tại Việt Nam Rachel Lim") or a
            # diplomatic title: "Giám đốc Samsung Vietnam" is a firm.
            if not _starts_with_place(rest) and tuple(name_key(t[0]) for t in rest) not in _PLACE_KEYS:
                return offset + n - k, offset + n
    return None


def _envoy_at(m: str, words: list, idx: int) -> bool:
    """'Đại sứ Nhật Bản tại Việt Nam': "tại <Country>" belongs to a diplomatic title."""
    head = " ".join(w[0] for w in words[:2]).casefold()
    return head in ("đại sứ", "tổng lãnh", "trưởng đại", "đặc phái") and m[words[idx][2] + 1:words[idx][2] + 2].isupper()


def _stop_at(m: str, s: int, e: int) -> int:
    """Position where a title starting at ``s`` must end (first verb/preposition), ≤ e."""
    # Titles are short: never look further than a few hundred characters (keeps this linear).
    limit = min(e, s + 400)
    words = [(w.group(0), s + w.start(), s + w.end()) for w in _WORD.finditer(m[s:limit])]
    seen_chidao = False
    for idx, (w, ws, _we) in enumerate(words):
        if idx == 0:
            continue
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
            person_next = name_key(nxt) in _SURNAME_KEYS and nxt2[:1].isupper()
            if (nxt and nxt[0].isupper() and not _HEAD_RE.match(m, words[idx + 1][1])
                    and name_key(nxt) not in ("đồng",) and not person_next):
                continue  # "Bộ Kế hoạch và Đầu tư", but not "… Tỉnh ủy và Lê Văn A"
            return ws
        if low == "về" and seen_chidao:
            continue  # "Ban Chỉ đạo ... về phòng, chống tham nhũng"
        if low == "tại" and _envoy_at(m, words, idx):
            continue
        if low in TITLE_STOP_WORDS:
            return ws
    return e if limit == e else limit


def _clean_title(body: str, s: int, e: int) -> str:
    t = body[s:e].strip(" ,;:-–—")
    t = _PREFIX_END.sub("", t).strip(" ,;:-–—")
    return t


def _historical_title(m: str, start: int, end: int) -> bool:
    """'Chủ tịch Hồ Chí Minh', 'Đại tướng Võ Nguyên Giáp': a head followed by a historical figure."""
    h = _HEAD_RE.match(m, start)
    rest = name_key(m[h.end():end] if h else "").strip(" ,.-–")
    return rest in _HIST_KEYS or (rest.startswith("nước ") and rest[5:] in _HIST_KEYS)


def _pre_titles(m: str, body: str, left: int, name_start: int):
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
        org_start = name_key(first_word) in _ORG_WORDS or re.match(r"(?:Văn phòng|Trung tâm|Vụ|Chi cục)\s", last)
        if (first_word[:1].isupper() and org_start and not _HEAD_RE.search(last)
                and not _HONORIFIC_END.search(last) and _stop_at(m, ps2, pe2) >= pe2 and len(last.split()) <= 8):
            heads = [h for h in _HEAD_RE.finditer(m, ps1, pe1) if _stop_at(m, h.start(), pe1) >= pe1]
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
        for h in _HEAD_RE.finditer(piece):
            hs = ps + h.start()
            if not m[_stop_at(m, hs, pe):pe].strip():
                found = hs
                break
        if found is not None and _historical_title(m, found, pe):
            break  # "… ngày sinh Chủ tịch Hồ Chí Minh, Phó Bí thư X": a historical figure, not a title of X
        if found is not None:
            fm = re.search(r"(?i)(?:^|\s)(nguyên)\s+$", m[ps:found])
            if fm:
                found = ps + fm.start(1)
            t = _clean_title(body, found, pe)
            if t:
                titles.insert(0, t)
            span_start = found
            prefix = m[ps:found]
            hm = _HONORIFIC_END.search(prefix)
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
        hm = _HONORIFIC_END.search(piece)
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


_ENVOY_BEFORE = re.compile(
    r"(?i)(?:đại sứ|tổng thống|ngoại trưởng|thủ tướng|tổng lãnh sự|trưởng đại diện|điều phối viên|"
    r"thượng nghị sĩ|nghị sĩ|đặc phái viên|quốc vương)(?:\s+{_U}[\w-]*){0,3}\s*$".replace("{_U}", _U)
)
_PAREN_NOTE = re.compile(
    r"(?i)\s*\((?:ảnh|giữa|bên phải|bên trái|phải|trái|(?:thứ|người thứ|đứng|ngồi|bìa) [^()]{1,30})\)"
)


def _post_titles(m: str, body: str, name_end: int, right: int):
    """Titles in apposition after a name (", Ủy viên …, Bí thư …"); returns (titles, span_end)."""
    titles: list[str] = []
    pos = name_end
    span_end = name_end
    while pos < right:
        note = _PAREN_NOTE.match(m, pos)
        if note and note.end() < right:
            pos = note.end()  # "Lê Văn A (ảnh), Thứ trưởng …": a photo note, then the titles
        sep = re.compile(r"\s*(,|\s[-–—]\s|\(|\s[-–—](?=\S))\s*").match(m, pos)
        if not sep or sep.end() >= right:
            break
        s = sep.end()
        former = _FORMER.match(m, s)
        h = _HEAD_RE.match(m, former.end() if former else s)
        if not h:
            lm = re.compile(r"(?i)(?:là|làm)\s+").match(m, s)
            if lm and _HEAD_RE.match(m, lm.end()):
                s = lm.end()
            else:
                break
        nxt = _POST_SEP.search(m, s, right)
        pe = nxt.start() if nxt else right
        stop = _stop_at(m, s, pe)
        if stop >= pe and pe == right and right < len(m) and not _ends_sentence(m, right):
            # The chain runs straight into the next name: "A, Phó Bí thư - Chủ tịch UBND B"
            # lists B's titles, not A's.
            return [], name_end
        t = _clean_title(body, s, stop)
        if t:
            titles.append(t)
            span_end = s + len(m[s:stop].rstrip())
        if stop < pe:
            rest = m[stop:pe]
            lm = re.compile(r"(?i)\s*(?:là|làm)\s+").match(rest)
            if lm and _HEAD_RE.match(rest, lm.end()):
                s2 = stop + lm.end()
                stop2 = _stop_at(m, s2, pe)
                if not (stop2 >= pe and pe == right and not _ends_sentence(m, right)):
                    t2 = _clean_title(body, s2, stop2)
                    if t2:
                        titles.append(t2)
                        span_end = s2 + len(m[s2:stop2].rstrip())
            break
        pos = pe
        if nxt and nxt.group(0).strip() in (";", ":", ".", ")"):
            break
    return titles, span_end


def _indefinite(title: str) -> bool:
    h = _HEAD_RE.match(title)
    return bool(h) and re.match(r"(?i)\s+(?:một|1)\s", title[h.end():]) is not None


def _ends_sentence(m: str, pos: int) -> bool:
    return pos >= len(m) or m[pos] in ".;:!?\n"


_PROTECT = re.compile(
    r"(?i)(?:Lao động\s[-–]\sThương binh|Thừa Thiên\s[-–]\sHuế|Bà Rịa\s[-–]\sVũng Tàu|Văn hóa,\sThể thao|"
    r"chính trị\s[-–]\sxã hội|kinh tế\s[-–]\sxã hội|Phòng,\schống|phòng,\schống)"
)


# "Ủy ban Khoa học, Công nghệ và Môi trường", "Ủy ban Văn hóa, Giáo dục": an organisation enumerating
# its fields. After a lower-case word, a comma followed by capitalised-then-lower-case fields ending in
# "và Xxx" belongs to the name — unless a field starts with a title head ("…, Chủ tịch UBND tỉnh và …").
# Bounded repetitions keep the look-ahead short (a long comma-separated run must stay linear).
_FIELD = rf"{_U}{_L}*(?: {_L}+){{0,4}}"
_ENUM_COMMA = re.compile(rf"(?<={_L}),(?= {_FIELD}(?:, {_FIELD}){{0,5}} và {_U})")


def _enum_comma(m: str, x: re.Match) -> str:
    nxt = x.end() + 1
    words = m[nxt:nxt + 40].split(" ")
    person = len(words) > 1 and name_key(words[0]) in _SURNAME_KEYS and words[1][:1].isupper()
    return "," if _HEAD_RE.match(m, nxt) or person else "\u201a"


def protect(m: str) -> str:
    """Hide separators inside organisation names ("Lao động - Thương binh") from the parser; same length."""
    m = _PROTECT.sub(lambda x: x.group(0).replace("-", "\u2010").replace("–", "\u2010").replace(",", "\u201a"), m)
    return _ENUM_COMMA.sub(lambda x: _enum_comma(m, x), m)


def find_people(body: str, m: str, sentences: list[tuple[int, int]]) -> tuple[list[Person], list[Mention]]:
    """All person mentions in the body, and the people they refer to (officials flagged)."""
    m = protect(m)
    mentions: list[Mention] = []
    for ss, se in sentences:
        sent_mentions: list[Mention] = []
        cands = []
        for run in _RUN.finditer(m, ss, se):
            toks = _tokens(run.group(0), run.start())[-12:]  # a name ends a run; long runs are noise
            # "Ông Nguyễn Văn A" at a sentence start: the honorific is not part of the name.
            lead_honorific = False
            # … except "Trung tướng Ông Văn Tâm": after a title, a capitalised "Ông" is the surname.
            if (len(toks) >= 3 and toks[0][0] in _LEADING_HONORIFICS
                    and not (toks[0][0] == "Ông" and name_key(toks[1][0]) in _MIDDLE_MARKERS
                             and _vouching_title(m, ss, run.start()))):
                lead_honorific = toks[0][0] in ("Ông", "Bà", "Đồng")
                toks = toks[1:]
            # "Phó Chủ tịch", "Tổng Bí thư": capitalised head words are not a name.
            while toks:
                h = _HEAD_RE.match(m, toks[0][1])
                if not h:
                    break
                toks = [t for t in toks if t[1] >= h.end()]
            before = m[max(ss, run.start() - 60): run.start()]
            vouched = bool(re.search(r"\S\s*$", before)) and _vouching_title(m, ss, run.start())
            honor = bool(_HONORIFIC_END.search(before)) or lead_honorific
            rng = _name_in_run(toks, vouched, honor, bool(_ENVOY_BEFORE.search(before)))
            if rng is None:
                continue
            i, j = rng
            ns, ne = toks[i][1], toks[j - 1][2]
            if ns > run.start() and not vouched:
                vouched = _vouching_title(m, ss, ns)
            cands.append((ns, ne, vouched, honor))
        prev_end = ss
        prev: Mention | None = None
        for idx, (ns, ne, _vouched, honor) in enumerate(cands):
            name = body[ns:ne]
            key = name_key(name)
            left = max(prev_end, ss)
            hard = [x.end() for x in _HARD_LEFT.finditer(m, left, ns)]
            if hard:
                left = hard[-1]
            titles, honorific, plural, span_start = _pre_titles(m, body, left, ns)
            right = cands[idx + 1][0] if idx + 1 < len(cands) else se
            post, span_end = _post_titles(m, body, ne, right)
            if prev is not None and prev.plural and not titles and re.fullmatch(
                r"[\s,]*(?:và\s+)?(?:(?:các\s+)?đồng chí\s+|ông\s+|bà\s+)?", m[prev.span_end:ns]
            ):
                titles = [t for t in prev.titles]
                plural = True
            ctx = m[max(ss, span_start - 25): span_start]
            if key in _HIST_KEYS or _REFERENCE_CONTEXT.search(ctx):
                prev_end = max(span_end, ne)
                continue
            # "Giám đốc một doanh nghiệp": an office in some unnamed firm is a description, not a title.
            titles = [t for t in titles if not _indefinite(t)]
            post = [t for t in post if not _indefinite(t)]
            comrade = bool(re.search(r"(?i)(đồng\s+chí|đ/c)\s*$", m[max(ss, ns - 20):ns]))
            mention = Mention(name, key, ns, ne, (ss, se), titles + post, comrade, plural,
                              span_start, max(span_end, ne), bool(titles or post or honorific or honor))
            sent_mentions.append(mention)
            prev_end = mention.span_end
            prev = mention
        _apply_colon_lists(m, body, ss, se, sent_mentions)
        mentions.extend(sent_mentions)
    people: dict[str, Person] = {}
    for mt in mentions:
        p = people.get(mt.key)
        if p is None:
            p = people[mt.key] = Person(mt.name, mt.key, mt.start, mt.end, mt.sentence)
        for t in mt.titles:
            if name_key(t) not in {name_key(x) for x in p.titles}:
                p.titles.append(t)
        if mt.titles or mt.honorific:
            p.official = True
    ordered = sorted(people.values(), key=lambda p: p.start)
    return ordered, mentions


def _vouching_title(m: str, ss: int, pos: int) -> bool:
    """A strong title (or honorific) ends right before ``pos``."""
    before = m[max(ss, pos - 120): pos]
    if _HONORIFIC_END.search(before):
        return True
    seg = re.split(r"[,;:(\"“]|\s[-–—]\s", before)[-1]
    for h in _HEAD_RE.finditer(seg):
        if h.group(0).casefold() in STRONG_HEADS or name_key(h.group(0)) in STRONG_HEADS:
            base = pos - len(seg)
            if _stop_at(m, base + h.start(), pos) >= pos - 1:
                return True
    return False


_SHARED = re.compile(r"(?i)(?:^|\s)các\s+(?:đồng chí\s+)?(?=\S)")


def _apply_colon_lists(m: str, body: str, ss: int, se: int, mentions: list[Mention]) -> None:
    """'các đồng chí Ủy viên Bộ Chính trị: A, B' — the shared title applies to each listed name."""
    for colon in re.finditer(":", m[ss:se]):
        c = ss + colon.start()
        seps = [ss + x.end() for x in re.finditer(r"[,;]", m[ss:c])]
        piece_start = seps[-1] if seps else ss
        piece = m[piece_start:c]
        found = list(_SHARED.finditer(piece))
        if not found:
            continue
        hs = piece_start + found[-1].end()
        h = _HEAD_RE.match(m, hs)
        if not h or _stop_at(m, hs, c) < c:
            continue
        title = _clean_title(body, hs, c)
        # "các Phó Thủ tướng: A, B; Bộ trưởng … C": when the list opens with bare names, it
        # ends at the first item that carries its own title; otherwise it runs to the end.
        listed = [mt for mt in mentions if mt.start > c]
        if listed and not listed[0].titles:
            cut = next((i for i, mt in enumerate(listed) if mt.titles), len(listed))
            listed = listed[:cut]
        for mt in listed:
            if name_key(title) not in {name_key(t) for t in mt.titles}:
                mt.titles.insert(0, title)
                mt.strong = True
