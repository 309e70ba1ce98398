"""Organisations: found in the text, named canonically, resolved to the place the article is about.

"Thành ủy Hà Nội" = "Thành uỷ Hà Nội" = "Thành ủy TP Hà Nội" = "Thành ủy thành phố Hà Nội"; "UBND tỉnh
Bình Định" = "Ủy ban nhân dân tỉnh Bình Định"; "Ban Thường vụ Thành ủy Hà Nội" is a body of "Thành ủy
Hà Nội". A bare "Thành ủy", "UBND tỉnh" or "HĐND TP" is the body of the place the text names at that
level — when it names exactly one; otherwise it stays unresolved (``Org.resolved``) for staff.
Only whole names are returned: a mention is cut at a person's name, a line break, a term ("khóa
…"), and never ends in a word that a lower-case word continues ("Đảng ủy Công" of "Công an").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import PLACES
from .names import U
from .normalize import fold, retone
from .orglexicon import (
    ABBREVIATIONS,
    CENTRAL_BODIES,
    CENTRAL_CITIES,
    COMMITTEE_LEVEL,
    DEPARTMENTS,
    DISTRICT_CITY,
    LEVEL_COMMITTEE,
    LEVELS,
    MINISTRIES,
    PLACE_ALIASES,
    PROVINCES,
    SUB_ALIASES,
    SUB_BODIES,
    TOWNS,
)

__all__ = ["Org", "OrgMention", "find_organizations", "parse_organization", "home_places_of", "ORG_KINDS"]

ORG_KINDS = ("party_committee", "peoples_council", "peoples_committee", "ministry", "front", "other")


@dataclass(frozen=True)
class Org:
    name: str                   # canonical, abbreviations spelled out: "Ủy ban nhân dân thành phố Hà Nội"
    kind: str                   # one of ORG_KINDS
    parent: Org | None = None   # "Thành ủy Hà Nội" for "Ban Thường vụ Thành ủy Hà Nội"
    place: str | None = None
    resolved: bool = True       # False: a bare body whose place the text does not make clear

    @property
    def key(self) -> str:
        return fold(self.name)


@dataclass(frozen=True)
class OrgMention:
    text: str    # as written
    start: int
    end: int
    org: Org


# ---------------------------------------------------------------------------- places

def _place_key(text: str) -> str:
    return " ".join(re.sub(r"[-–—]", " ", fold(text)).split())


_PLACE_NAMES = ({_place_key(p): p for p in (*PLACES, *TOWNS, *CENTRAL_CITIES, *PROVINCES)}
                | {_place_key(a): p for a, p in PLACE_ALIASES.items()})
_LONGEST_PLACE = max(len(k.split()) for k in _PLACE_NAMES)


def _level_of(place: str) -> str | None:
    return "thành phố" if place in CENTRAL_CITIES else "tỉnh" if place in PROVINCES else None


_CAP = rf"{U}[\w'\-]+"
_PLACE_RUN = re.compile(rf"{_CAP}(?:(?: | - | – |-){_CAP}){{0,4}}")
_NOT_PLACE = {"khóa", "khoá", "nhiệm", "lần", "thứ", "kỳ", "năm", "ngày", "về", "và", "tại", "cùng", "đã",
              "thưa", "kính", "đồng", "ông", "bà", *LEVELS}


def _place_at(m: str, pos: int, *, explicit_level: bool, stop: int) -> tuple[str, int] | None:
    """The place written at ``pos`` (its canonical spelling and end), or None."""
    run = _PLACE_RUN.match(m, pos, stop)
    if not run:
        return None
    words = re.split(r"( - | – |-| )", run.group(0))
    tokens = words[0::2]
    # A known place, longest first ("Bà Rịa - Vũng Tàu" before "Bà Rịa").
    for n in range(min(len(tokens), _LONGEST_PLACE), 0, -1):
        text = "".join(words[: 2 * n - 1])
        known = _PLACE_NAMES.get(_place_key(text))
        if known:
            return known, pos + len(text)
    # An unknown place: right after a level word ("xã Đông Anh"), or after a committee ("Thành ủy
    # Long Xuyên", "Huyện ủy Kim Bảng Hạ") when the capitalised words end there; never a person's
    # name (the caller stops at one), a term, or a word a lower-case word continues.
    if not explicit_level and len(tokens) > 3:
        return None
    keep = []
    for tok in tokens[:3]:
        if tok.lower() in _NOT_PLACE:
            break
        keep.append(tok)
    if len(keep) < 2:
        return None  # a one-word place the lexicon does not know is more likely a word ("TP. Tập trung …")
    text = " ".join(keep)
    end = pos + len(text)
    if m[pos:end] != text:
        return None
    return text, end


# ---------------------------------------------------------------------------- anchors

def _alternation(names, *, first_letter_case: bool = False) -> str:
    """Names longest first; with ``first_letter_case`` only the first letter must match its case
    ("Ủy ban thường vụ Quốc hội" is "Ủy ban Thường vụ Quốc hội")."""
    ordered = sorted(set(names), key=len, reverse=True)
    if first_letter_case:
        return "|".join(re.escape(n[0]) + f"(?i:{re.escape(n[1:])})" for n in ordered)
    return "|".join(re.escape(n) for n in ordered)


def _abbreviated(name: str) -> set[str]:
    """A name and the ways the news abbreviates it ("Ban Tuyên giáo T.Ư", "UBTƯ MTTQ Việt Nam")."""
    variants = {name}
    for short, full in ABBREVIATIONS:
        variants |= {v.replace(full, short) for v in variants if full in v}
    return variants


_CENTRAL_WRITTEN = {v: n for n, aliases in CENTRAL_BODIES.items() for a in (n, *aliases) for v in _abbreviated(a)}
_CENTRAL = {v.casefold(): n for v, n in _CENTRAL_WRITTEN.items()}
_MINISTRY_WRITTEN = {n: n for n in MINISTRIES} | {a: n for n, aliases in MINISTRIES.items() for a in aliases}
_MINISTRY = {v.casefold(): n for v, n in _MINISTRY_WRITTEN.items()}


def _central_kind(name: str) -> str:
    if "Mặt trận" in name or name.startswith(("Tổng Liên đoàn", "Hội ", "Trung ương Đoàn")):
        return "front"  # the Front and the mass organisations
    if "Đảng" in name or name.startswith(("Bộ Chính trị", "Ban ", "Ủy ban Kiểm tra", "Quân ủy", "Hội đồng Lý luận")):
        return "party_committee"
    return "other"
_ANCHOR = re.compile(
    rf"(?P<central>{_alternation(_CENTRAL_WRITTEN, first_letter_case=True)})(?![\w])(?! (?:Đoàn|Hội|Công đoàn)\b)"
    rf"|(?P<ministry>{_alternation(_MINISTRY_WRITTEN, first_letter_case=True)})(?![\w])"
    rf"|(?P<dept>Sở (?:{_alternation(DEPARTMENTS)}))(?![\w])"
    r"|(?P<committee>(?:Thành|Tỉnh|Quận|Huyện|Thị|Đảng) ủy)(?![\w])"
    r"|(?P<bch>Ban Chấp hành Đảng bộ)(?![\w])|(?P<dangbo>Đảng bộ)(?![\w])"
    r"|(?P<ubnd>UBND|(?i:Ủy ban nhân dân))(?![\w])"
    r"|(?P<hdnd>HĐND|(?i:Hội đồng nhân dân))(?![\w])"
    r"|(?P<mttq>UBMTTQVN|(?:(?i:Ủy ban )|UB)?(?:MTTQ|Mặt trận Tổ quốc)(?: Việt Nam| VN)?)(?![\w])"
    r"|(?P<dbqh>(?i:Đoàn) (?:đại biểu Quốc hội|ĐBQH|ĐB Quốc hội))(?![\w])"
    r"|(?P<force>Công an|Bộ Chỉ huy Quân sự|Bộ Chỉ huy Bộ đội Biên phòng)(?![\w])"
    r"|(?:Bộ Tư lệnh )?(?P<region>Quân khu \d{1,2})(?![\w])"
)
# A head of a post right before "Thường trực" makes it part of the post ("Phó Chủ tịch Thường trực").
_ROLE_BEFORE = re.compile(
    r"(?i)(?:bí thư|chủ tịch|thủ tướng|chủ nhiệm|trưởng ban|trưởng đoàn|thứ trưởng|viện trưởng|cục trưởng|"
    r"vụ trưởng|giám đốc|chánh văn phòng|tổng thư ký) $"
)
_BUILDING_BEFORE = re.compile(r"(?i)(?:trụ sở|tòa nhà|nhà|hội trường|phòng họp)\s+$")
_SUB_NAMES = {n.casefold(): n for n in SUB_BODIES} | {a.casefold(): n for a, n in SUB_ALIASES.items()}
# Searched in the text right before an anchor ("Ban Thường vụ Thành ủy", "Thường vụ Tỉnh ủy").
_SUB_BEFORE = re.compile(rf"(?:{_alternation([*SUB_BODIES, *SUB_ALIASES], first_letter_case=True)}) $")
_LEVEL_AFTER = re.compile(
    r" (?P<level>(?i:thành phố|tỉnh|quận|huyện|thị xã|thị trấn|xã|phường|đặc khu)|TP\.?|Tp\.?|Thủ đô)"
    r"(?: |(?<=\.)(?=\w)|(?=[,;:)\n]|$))"
)

_STATE = {  # anchor group → (canonical body, kind)
    "ubnd": ("Ủy ban nhân dân", "peoples_committee"),
    "hdnd": ("Hội đồng nhân dân", "peoples_council"),
    "mttq": ("Ủy ban Mặt trận Tổ quốc Việt Nam", "front"),
    "dbqh": ("Đoàn đại biểu Quốc hội", "other"),
}


def _retone_committee(text: str) -> str:
    return text.replace("uỷ", "ủy").replace("Uỷ", "Ủy")


@dataclass
class _Found:
    start: int
    end: int
    group: str
    anchor: str
    level: str | None
    place: str | None
    sub: str | None = None  # "Ban Thường vụ" of "Ban Thường vụ Thành ủy"


def _scan(m: str, person_starts: list[int]) -> list[_Found]:
    found = []
    for x in _ANCHOR.finditer(m):
        group = x.lastgroup
        start, end = x.start(), x.end()
        if _BUILDING_BEFORE.search(m, max(0, start - 20), start):
            continue  # "tại Trụ sở Trung ương Đảng", "tòa nhà Quốc hội": a building, not the body
        stop = min(len(m), end + 80)  # a level and a place are a few words
        line_end = m.find("\n", end, stop)
        stop = stop if line_end < 0 else line_end
        i = bisect.bisect_left(person_starts, end)
        if i < len(person_starts) and person_starts[i] < stop:
            stop = person_starts[i]  # "UBND TP Nguyễn Văn A": the name is no place
        level = place = None
        if group not in ("central", "ministry", "region"):
            lv = _LEVEL_AFTER.match(m, end, stop)
            pos = end + 1
            if lv:
                level = LEVELS[lv["level"].lower()]
                pos = lv.end()
            at = _place_at(m, pos, explicit_level=bool(lv), stop=stop) if pos < stop else None
            if at:
                place, end = at
            elif lv:
                end = lv.start() + 1 + len(lv["level"])  # "UBND tỉnh": a level, no place
        window = m[max(0, start - 45):start]
        sub = _SUB_BEFORE.search(window)
        if sub and re.search(r"(?i)(?:ủy|ủy|uỷ) $", window[:sub.start()]) and sub.group(0).startswith("Ban"):
            sub = None  # "Ủy ban Thường vụ …" is no "Ban Thường vụ"
        if sub and sub.group(0).strip() == "Thường trực" and _ROLE_BEFORE.search(window[:sub.start()]):
            sub = None  # "Phó Bí thư Thường trực Thành ủy": a standing deputy of the Thành ủy, not its Thường trực
        central = _CENTRAL.get(x.group(0).casefold(), "") if group == "central" else ""
        name = None
        if sub and (group in ("committee", "ubnd", "hdnd", "mttq")
                    or central and (sub.group(0).strip().casefold() == "thường trực" or " ủy " in f" {central} ")
                    and central not in ("Ban Bí thư", "Bộ Chính trị")):
            start, name = start - len(sub.group(0)), _SUB_NAMES[sub.group(0).strip().casefold()]
        found.append(_Found(start, end, group, x.group(0), level, place, name))
    return found


# ---------------------------------------------------------------------------- canonical names

def _body(f: _Found, *, national: bool = False) -> Org | None:
    """The organisation a scanned mention names; ``national``: the text names no local place, so a
    Front named without a place is the national one."""
    if f.group == "central":
        name = _CENTRAL[f.anchor.casefold()]
        return Org(name, _central_kind(name))
    if f.group == "ministry":
        return Org(_MINISTRY[f.anchor.casefold()], "ministry")
    if f.group == "region":  # "Quân khu 7", "Bộ Tư lệnh Quân khu 7": one military region
        return Org(re.sub(r"^Bộ Tư lệnh ", "", f.anchor), "other")
    if f.group == "force":  # the police or the military command of a place; never without one
        level = f.level or (_level_of(f.place) if f.place else None)
        if f.place and level:
            return Org(f"{f.anchor} {level} {f.place}", "other", place=f.place)
        # "Công an tỉnh": the province of the text, if it names one; a bare "Công an" is no body.
        return Org(f"{f.anchor} {level}", "other", resolved=False) if level and not f.place else None
    place, level = f.place, f.level
    if f.group == "committee":
        committee = _retone_committee(f.anchor)
        if committee == "Đảng ủy":
            if place and level in LEVEL_COMMITTEE:  # "Đảng ủy thành phố Hà Nội" is "Thành ủy Hà Nội"
                return Org(f"{LEVEL_COMMITTEE[level]} {place}", "party_committee", place=place)
            if place and level:
                return Org(f"Đảng ủy {level} {place}", "party_committee", place=place)
            return Org("Đảng ủy", "party_committee", resolved=False)
        if place:
            return Org(f"{committee} {place}", "party_committee", place=place)
        return Org(committee, "party_committee", resolved=False)
    if f.group in ("bch", "dangbo"):
        if not (place and level):
            return None
        if f.group == "bch":
            committee = LEVEL_COMMITTEE.get(level)
            name = f"{committee} {place}" if committee else f"Đảng ủy {level} {place}"
        else:
            name = f"Đảng bộ {level} {place}"
        return Org(name, "party_committee", place=place)
    if f.group == "dept":
        name = f.anchor + (f" {place}" if place else "")
        return Org(name, "other", place=place, resolved=bool(place))
    body, kind = _STATE[f.group]
    if f.group == "mttq" and not (place or level) and national and re.search(r"Việt Nam|VN|Mặt trận", f.anchor):
        return Org("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "front")  # the Front itself, not a local committee
    level = level or (_level_of(place) if place else None)
    if place and level:
        return Org(f"{body} {level} {place}", kind, place=place)
    if place:
        return Org(f"{body} {place}", kind, place=place)
    return Org(f"{body} {level}" if level else body, kind, resolved=False)


def _with_sub(f: _Found, org: Org) -> Org:
    if not f.sub:
        return org
    return Org(f"{f.sub} {org.name}", org.kind, parent=org, place=org.place, resolved=org.resolved)


# ---------------------------------------------------------------------------- home places

def home_places(found: list[_Found], m: str, person_starts: list[int]) -> dict[str, set[str]]:
    """Places the text names at each level: "Thành ủy Hà Nội", "tỉnh Bình Định", "TP Cần Thơ"."""
    home: dict[str, set[str]] = {}
    for f in found:
        if not f.place:
            continue
        level = f.level or COMMITTEE_LEVEL.get(_retone_committee(f.anchor)) or _level_of(f.place)
        if level:
            home.setdefault(level, set()).add(f.place)
    for lv in re.finditer(r"(?<![\w])(?P<level>tỉnh|thành phố|TP\.?|Thủ đô|quận|huyện|thị xã) ", m):
        stop = min(len(m), lv.end() + 40)
        i = bisect.bisect_left(person_starts, lv.end())
        if i < len(person_starts) and person_starts[i] < stop:
            stop = person_starts[i]  # "UBND tỉnh Trần Quốc Bảo": a person, not a place
        at = _place_at(m, lv.end(), explicit_level=True, stop=stop) if stop > lv.end() else None
        if at and (lv["level"] != "Thủ đô" or at[0] == "Hà Nội"):
            home.setdefault(LEVELS[lv["level"].lower()], set()).add(at[0])
    for level in ("quận", "huyện", "thị xã"):
        for district in home.get(level, set()).copy():
            if district in DISTRICT_CITY:
                home.setdefault("thành phố", set()).add(DISTRICT_CITY[district])
    return home


def _resolve(org: Org, found: _Found, home: dict[str, set[str]]) -> Org:
    """A bare body of the one place the text names at its level ("Thành ủy" → "Thành ủy Hà Nội").
    Without a level ("UBND"), only when the text names one place at all; a bare "Đảng ủy" (of a
    commune, a ward, an agency?) is never guessed."""
    committee = _retone_committee(found.anchor)
    if org.resolved or committee == "Đảng ủy":
        return org
    if found.level:
        levels = [found.level]
    elif committee in COMMITTEE_LEVEL:
        levels = [COMMITTEE_LEVEL[committee]]
    else:
        levels = list(home) if len({p for ps in home.values() for p in ps}) == 1 else []
    places = {p for lv in levels for p in home.get(lv, ())}
    if len(places) != 1:
        return org
    (place,) = places
    level = next(lv for lv in levels if place in home.get(lv, ()))
    resolved = _body(_Found(found.start, found.end, found.group, found.anchor, found.level or level, place))
    return resolved if resolved is not None else org


# ---------------------------------------------------------------------------- entry points

def find_organizations(body: str, m: str, person_spans: list[tuple[int, int]]) -> list[OrgMention]:
    """Organisations named in the body, in order of appearance, with their canonical body."""
    person_starts = sorted(s for s, _ in person_spans)
    found = _scan(m, person_starts)
    home = home_places(found, m, person_starts)
    out = []
    taken_until = -1
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.start < taken_until:
            continue  # inside a longer organisation already taken
        org = _body(f, national=not home)
        if org is None:
            continue
        org = _with_sub(f, _resolve(org, f, home))
        out.append(OrgMention(body[f.start:f.end], f.start, f.end, org))
        taken_until = f.end
    return out


def home_places_of(m: str, person_spans: list[tuple[int, int]]) -> dict[str, set[str]]:
    """The places a text names at each level (for resolving bare bodies in titles)."""
    person_starts = sorted(s for s, _ in person_spans)
    return home_places(_scan(m, person_starts), m, person_starts)


def parse_organization(text: str, *, home: dict[str, set[str]] | None = None, whole: bool = False) -> Org | None:
    """The organisation a phrase names ("Thành ủy TP Hà Nội", "UBND tỉnh"), or None; with
    ``whole``, only if the organisation is all the phrase says."""
    m = retone(text)
    found = _scan(m, [])
    if whole:
        found = [f for f in found if f.start == 0 and not m[f.end:].strip(" .,;:")]
    if not found:
        return None
    f = max(found, key=lambda f: f.end - f.start)
    org = _body(f, national=not home)
    if org is None:
        return None
    return _with_sub(f, _resolve(org, f, home or {}))
