"""Publication stamps: when the page says the article was published.

Pages write them in many shapes, alone on a line or glued to something else:

    10/07/2020 - 10:20 AM                     Thứ Tư, 15/01/2020 08:22
    08:39 19/11/2017                          June 30, 2022 | 08:49 GMT+7
    2025-10-15T09:30:00+07:00                 date 2025-10-15 Sáng 15/10, … (a scraper's label, then the lead)
    An Sơn 24/10/2015 11:16 GMT+7             (a byline, then the stamp)
    Headline (14:02 09/07/2020)               (the stamp glued to the headline)
    date 2023-10                              (only the month is known)

Dates are always day first. A stamp with only a month fixes the year of an undated "Ngày 29/9"
but is not a publication day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "Stamp", "parse_stamp", "parse_stamp_any", "is_stamp_line", "split_leading_stamp", "split_trailing_stamp",
    "split_glued_stamp", "valid_date", "DAY", "MONTH",
]

DAY, MONTH = "day", "month"


def valid_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        if not (1900 <= y <= 2100):
            return None
        return dt.date(y, m, d)
    except ValueError:
        return None


@dataclass(frozen=True)
class Stamp:
    when: dt.datetime
    precision: str = DAY  # DAY or MONTH
    text: str = ""

    @property
    def day(self) -> dt.date | None:
        return self.when.date() if self.precision == DAY else None


_MONTHS_EN = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS_EN |= {m[:3]: i for m, i in list(_MONTHS_EN.items())} | {"sept": 9}
_MONTH_EN = r"(?:" + "|".join(sorted(_MONTHS_EN, key=len, reverse=True)) + r")\.?"

_TIME = r"(?P<h>\d{1,2})[:hg](?P<mi>\d{2})(?::(?P<s>\d{2}))?'?\s*(?P<ampm>AM|PM|SA|CH|am|pm)?"
_DMY = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_DMY_WORDS = r"[Nn]gày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*(?:,\s*|\s+)năm\s+(?P<y2>\d{4})"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:[T ](?P<ih>\d{2}):(?P<imi>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?"
_EN = (rf"(?i:(?P<em>{_MONTH_EN})\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ey>\d{{4}})"
       rf"|(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<em2>{_MONTH_EN}),?\s+(?P<ey2>\d{{4}}))")
_DATE_ANY = re.compile(rf"(?<!\d){_DMY}(?!\d)|{_DMY_WORDS}|(?<![\d\-]){_ISO}(?![\d\-])|(?<!\w){_EN}(?!\w)")
_ISO_MONTH = re.compile(r"(?<![\d\-/])(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])(?![\d\-/])")
_TIME_RE = re.compile(rf"(?<![\d/])(?:{_TIME})(?![\d/])")


def _date_of(g: dict) -> dt.date | None:
    if g.get("y"):
        return valid_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if g.get("y2"):
        return valid_date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
    if g.get("iy"):
        return valid_date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g.get("ey"):
        return valid_date(int(g["ey"]), _MONTHS_EN[g["em"].lower().rstrip(".")], int(g["ed"]))
    if g.get("ey2"):
        return valid_date(int(g["ey2"]), _MONTHS_EN[g["em2"].lower().rstrip(".")], int(g["ed2"]))
    return None


def parse_stamp(s: str) -> dt.datetime | None:
    """First full date (with year) in ``s`` plus a nearby clock time, as a naive datetime."""
    m = _DATE_ANY.search(s)
    if not m:
        return None
    g = m.groupdict()
    date = _date_of(g)
    if date is None:
        return None
    hour = minute = second = 0
    if g.get("ih"):
        hour, minute = int(g["ih"]), int(g["imi"])
    else:
        rest = s[: m.start()] + " " * (m.end() - m.start()) + s[m.end():]
        t = _TIME_RE.search(rest)
        if t:
            hour, minute, second = int(t["h"]), int(t["mi"]), int(t["s"] or 0)
            ampm = (t["ampm"] or "").upper()
            if ampm in ("PM", "CH") and hour < 12:
                hour += 12
            elif ampm in ("AM", "SA") and hour == 12:
                hour = 0
            if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60):
                hour = minute = second = 0
    return dt.datetime(date.year, date.month, date.day, hour, minute, second)


def parse_stamp_any(s: str) -> Stamp | None:
    """A day-precise stamp, or failing that a year-month one ("2023-10")."""
    when = parse_stamp(s)
    if when is not None:
        return Stamp(when, DAY, s.strip())
    m = _ISO_MONTH.search(s)
    if m:
        return Stamp(dt.datetime(int(m["y"]), int(m["m"]), 1), MONTH, s.strip())
    return None


# Words that may stand beside a date on a line that is nothing but a publication stamp
# ("• Cập nhật: Thứ bảy, 11/12/2021 | 5:31:17 PM", "date 2025-10-15", "Print 17/08/2024 09:30").
_STAMP_NOISE = re.compile(
    r"(?i)(cập nhật(?: lúc| ngày)?|ngày cập nhật|ngày đăng|đăng ngày|đăng lúc|thời gian đăng|xuất bản|"
    r"ngày xuất bản|publish(?:ed)?(?: date| on| at)?|updated|posted|date|print|in bài|gốc|lúc|ngày|"
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|"
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b|"
    r"\bT[2-7]\b|\bCN\b|GMT\s*[+\-]\s*\d{1,2}(?::?\d{2})?|UTC\s*[+\-]?\s*\d{0,2}|ICT|\bAM\b|\bPM\b|\bSA\b|\bCH\b|"
    r"tháng|năm|giờ|phút|(?:view count|lượt xem|lượt đọc)\s*:?\s*[\d.,]+|[\d.,]+\s*(?:lượt xem|lượt đọc|views?))"
)
STAMP_LINE_MAX = 100


def _only_noise(rest: str) -> bool:
    rest = _STAMP_NOISE.sub(" ", rest)  # before times: "GMT+07:00" is not a clock time
    rest = _TIME_RE.sub(" ", rest)
    return not re.search(r"[^\W\d_]", rest)


def is_stamp_line(line: str) -> bool:
    if len(line) > STAMP_LINE_MAX or not _DATE_ANY.search(line):
        return False
    return _only_noise(_DATE_ANY.sub(" ", line))


# "date 2025-10-15 Sáng 15/10, …", "2025-10-15T09:30:00+07:00 Headline", "08:39 19/11/2017 Headline":
# a scraper's or a page's stamp at the very start of a line that goes on with other text.
_LABEL = r"(?:date|ngày đăng|đăng ngày|cập nhật|cập nhật lúc|published|updated|posted)\s*:?\s*"
def _anon(pattern: str) -> str:
    """The pattern without group names, so that pieces can be combined more than once."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_A_TIME, _A_DMY, _A_ISO = _anon(_TIME), _anon(_DMY), _anon(_ISO)
_LEADING = re.compile(
    rf"^\W*(?:(?i:{_LABEL})(?:{_A_ISO}|(?:19|20)\d{{2}}-(?:0[1-9]|1[0-2])(?![\d\-])|{_A_DMY}(?:\s*[,|\-–]?\s*{_A_TIME})?)"
    rf"|{_A_ISO}|{_A_TIME}\s*[,|\-–]?\s*{_A_DMY}|{_A_DMY}\s*[,|\-–]?\s*{_A_TIME})(?=\s|$)"
)


def split_leading_stamp(line: str) -> tuple[Stamp | None, str]:
    """A stamp that opens a line followed by other text: (stamp, the rest); else (None, line)."""
    m = _LEADING.match(line)
    if not m:
        return None, line
    stamp = parse_stamp_any(m.group(0))
    if stamp is None:
        return None, line
    # "GMT+7" / "(GMT+7)" / "|" right after the stamp belong to it.
    rest = re.sub(r"^\s*(?:\(?(?:GMT|UTC)\s*[+\-]?\s*\d{0,2}(?::?\d{2})?\)?|\|)\s*", "", line[m.end():])
    return stamp, rest.strip()


# "An Sơn 24/10/2015 11:16 GMT+7", "Bảo Minh - 15:39 05/08/2022 GMT+7", "PV - 18:14, 03/04/2021":
# a byline (or an outlet) ending with the stamp.
_TRAILING = re.compile(
    rf"(?P<stamp>(?:{_A_TIME}\s*[,|\-–]?\s*)?(?:{_A_DMY}|{_A_ISO})(?:\s*[,|\-–]?\s*{_A_TIME})?"
    r"(?:\s*\(?(?:GMT|UTC)\s*[+\-]?\s*\d{0,2}(?::?\d{2})?\)?)?)\s*$"
)


def split_trailing_stamp(line: str) -> tuple[str, Stamp] | None:
    """(what stands before, stamp) when a short line ends with a full date and a clock time."""
    if len(line) > 120:
        return None
    m = _TRAILING.search(line)
    if not m or not _TIME_RE.search(m["stamp"]):
        return None
    before = line[: m.start()].strip(" -–—|,")
    if not before or len(before.split()) > 8 or re.search(r"[.!?]\s", before):
        return None
    when = parse_stamp(m["stamp"])
    return (before, Stamp(when, DAY, m["stamp"].strip())) if when else None


_GLUED = re.compile(r"^(?P<head>.*\S)\s*(?:[(\[]\s*(?P<b>[^()\[\]]{6,60}?)\s*[)\]]|[|\-–]\s+(?P<u>[^|\-–]{6,60}))\s*$")


def split_glued_stamp(line: str):
    """'Headline (14:02 09/07/2020)' → ('Headline', datetime); else (line, None)."""
    if len(line) > 400:
        return line, None  # headlines are short; avoid scanning megabyte lines
    m = _GLUED.match(line)
    if m:
        stamp = m["b"] or m["u"]
        if is_stamp_line(stamp):
            return m["head"].strip(), parse_stamp(stamp)
    return line, None
