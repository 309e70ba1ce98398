"""Titles that reach a name from elsewhere in its sentence.

- A group title before a list: "các đồng chí Ủy viên Bộ Chính trị: A, B", "các nguyên Ủy viên Bộ
  Chính trị, nguyên Chủ tịch Quốc hội: A, B, C", "5 Phó Chủ tịch UBND thành phố, gồm: ông A, ông
  B", "hai Phó Bí thư Tỉnh ủy là ông A và ông B". Every listed name gets every group title.
- An appointment after the names: "các ông, bà A, B giữ chức Phó Bí thư Tỉnh ủy", "Ông A được
  chỉ định làm Bí thư Tỉnh ủy".
- A removal before the name: "miễn nhiệm chức Phó Chủ tịch UBND tỉnh … đối với ông A".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .names import name_key
from .titles import FORMER, HEAD_RE, clean_title, stop_at

if TYPE_CHECKING:
    from .people import Mention

__all__ = ["apply_group_titles"]

_NUMBER = r"(?:các|\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
# "các (đồng chí|vị|ông, bà) <titles>" right before the colon or "là".
_GROUP_OPEN = re.compile(rf"(?i)(?:^|\s){_NUMBER}\s+(?:(?:đồng chí|vị|ông|bà)(?:\s*,\s*(?:ông|bà))?\s+)?(?=\S)")
_GROUP_END = re.compile(r"(?i)\s*(?:,?\s*gồm(?:\s+có)?(?:\s+(?:các\s+)?(?:đồng chí|ông|bà))?)?\s*$")
# After a name and its titles (and a term qualifier): "…, được bầu giữ chức vụ …", " - được bổ nhiệm
# giữ chức …", "…, vào chức vụ …", "… vừa đắc cử …".
_APPOINTED = re.compile(
    r"(?i)[\s,\-–—]*(?:(?:khóa|khoá|nhiệm kỳ)\s+[\w\s\-–]{1,20}?[\s,]+)?"
    r"(?:(?:được|đã|vừa|sẽ|tiếp tục|chính thức|tái|bầu|chỉ định|bổ nhiệm|phân công)\s+)*"
    r"(?:giữ chức(?:\s+vụ)?|vào chức(?:\s+vụ)?|làm|đắc cử)\s+"
)
_REMOVAL = re.compile(r"(?i)(?:chức(?:\s+vụ)?|nhiệm vụ|miễn nhiệm)\s+")
_TOWARDS = re.compile(r"(?i)\bđối với\s+(?:(?:ông|bà|đồng chí)\s+)?$")


def _title_at(m: str, body: str, start: int, end: int, *, whole: bool = False) -> str | None:
    """The title that starts at ``start`` (before ``end`` and the next punctuation); with
    ``whole``, only if it runs all the way to ``end``."""
    cut = re.compile(r"[;:,(]|\.(?:\s|$)").search(m, start, end)
    end = cut.start() if cut else end
    former = FORMER.match(m, start)
    head = HEAD_RE.match(m, former.end() if former else start)
    if not head:
        return None
    stop = stop_at(m, head.start(), end)
    if whole and m[stop:end].strip():
        return None
    return clean_title(body, start, stop) or None


def _group_titles(m: str, body: str, region_start: int, region_end: int) -> list[str]:
    """The titles of a group region ("nguyên Ủy viên Bộ Chính trị, nguyên Chủ tịch Quốc hội")."""
    titles = []
    pos = region_start
    for piece in re.split(r"(,)", m[region_start:region_end]):
        if piece != ",":
            stripped = piece.strip()
            if stripped:
                start = pos + piece.index(stripped)
                title = _title_at(m, body, start, start + len(stripped), whole=True)
                if title is None:
                    return []  # a piece that is no title: not a group of officials
                titles.append(title)
        pos += len(piece)
    return titles


def _give(mention: Mention, titles: list[str], *, first: bool = False) -> None:
    have = {name_key(t) for t in mention.titles}
    new = [t for t in titles if name_key(t) not in have]
    mention.titles[:] = new + mention.titles if first else mention.titles + new
    mention.strong = True


def _group_lists(m: str, body: str, ss: int, se: int, mentions: list[Mention]) -> None:
    for marker in re.finditer(r":|\slà\s", m[ss:se]):
        c = ss + marker.start()
        piece_start = max([ss] + [ss + x.end() for x in re.finditer(r"[;:]", m[ss:c])])
        region_end = piece_start + _GROUP_END.search(m[piece_start:c]).start()
        opener = list(_GROUP_OPEN.finditer(m, piece_start, region_end))
        if not opener:
            continue
        titles = _group_titles(m, body, opener[-1].end(), region_end)
        if not titles:
            continue
        listed = [mt for mt in mentions if c < mt.start]
        # Items written "A, titles; B, titles" share the group title to the end of the sentence;
        # items written "titles A, titles B" end it at a semicolon (what follows is another group).
        semicolon = m.find(";", c + 1, se)
        if listed and listed[0].span_end <= listed[0].end and semicolon >= 0:
            listed = [mt for mt in listed if mt.start < semicolon]
        # "các Phó Thủ tướng: A, B, Bộ trưởng … C": a list that opens with bare names ends at the
        # first item that carries a title of its own.
        if listed and not listed[0].titles:
            cut = next((i for i, mt in enumerate(listed) if mt.titles), len(listed))
            listed = listed[:cut]
        for mt in listed:
            _give(mt, titles, first=True)


def _appointments(m: str, body: str, ss: int, se: int, mentions: list[Mention]) -> None:
    for i, mt in enumerate(mentions):
        after = m[mt.span_end:min(se, mt.span_end + 80)]
        verb = _APPOINTED.match(after)
        if not verb:
            continue
        start = mt.span_end + verb.end()
        nxt = next((x.start for x in mentions[i + 1:]), se)
        title = _title_at(m, body, start, min(se, nxt))
        if title is None:
            continue
        # The names joined to this one before it: "các ông, bà A, B, C giữ chức …".
        receivers = [mt]
        for prev in reversed(mentions[:i]):
            if re.fullmatch(r"\s*(?:[,;]|và)\s*", m[prev.span_end:receivers[0].span_start]):
                receivers.insert(0, prev)
            else:
                break
        for r in receivers:
            _give(r, [title])


def _removals(m: str, body: str, ss: int, se: int, mentions: list[Mention]) -> None:
    previous = ss
    for mt in mentions:
        if not _TOWARDS.search(m[max(ss, mt.span_start - 30):mt.span_start]):
            continue
        titles = []
        for x in _REMOVAL.finditer(m, previous, mt.span_start):
            title = _title_at(m, body, x.end(), mt.span_start)
            if title:
                titles.append(title)
        if titles:
            _give(mt, titles)
        previous = mt.span_end


def apply_group_titles(m: str, body: str, ss: int, se: int, mentions: list[Mention]) -> None:
    """Give the mentions of one sentence the titles that reach them from elsewhere in it."""
    _group_lists(m, body, ss, se, mentions)
    _appointments(m, body, ss, se, mentions)
    _removals(m, body, ss, se, mentions)
