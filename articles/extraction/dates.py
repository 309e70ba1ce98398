"""Dates: publication stamps and the main event's day/month (always day first)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "parse_stamp", "is_stamp_line", "STAMP_LINE", "find_event_date", "EventDate", "valid_date", "DAYMONTH",
    "STATED", "STAMP", "INFERRED", "DATE_BASES",
]


def valid_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        if not (1900 <= y <= 2100):
            return None
        return dt.date(y, m, d)
    except ValueError:
        return None


_TIME = r"(?P<h>\d{1,2})[:hg](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>AM|PM|SA|CH|am|pm)?"
_DMY = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_DMY_WORDS = r"[Nn]gày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*(?:,\s*|\s+)năm\s+(?P<y2>\d{4})"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:[T ](?P<ih>\d{2}):(?P<imi>\d{2}))?"
_DATE_ANY = re.compile(rf"(?<!\d){_DMY}(?!\d)|{_DMY_WORDS}|(?<!\d){_ISO}(?!\d)")
_TIME_RE = re.compile(rf"(?<![\d/])(?:{_TIME})(?![\d/])")


def parse_stamp(s: str) -> dt.datetime | None:
    """First full date (with year) in ``s`` plus a nearby clock time, as a naive datetime."""
    m = _DATE_ANY.search(s)
    if not m:
        return None
    g = m.groupdict()
    if g["y"]:
        date = valid_date(int(g["y"]), int(g["m"]), int(g["d"]))
    elif g["y2"]:
        date = valid_date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
    else:
        date = valid_date(int(g["iy"]), int(g["im"]), int(g["id"]))
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


# A line that is nothing but a publication stamp ("• Cập nhật: Thứ bảy, 11/12/2021 | 5:31:17 PM").
_STAMP_NOISE = re.compile(
    r"(?i)(cập nhật(?: lúc| ngày)?|ngày cập nhật|ngày đăng|đăng ngày|đăng lúc|thời gian đăng|xuất bản|"
    r"ngày xuất bản|published|updated|posted|lúc|ngày|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|"
    r"\bT[2-7]\b|\bCN\b|GMT\s*[+\-]\s*\d{1,2}(?::?\d{2})?|UTC\s*[+\-]?\s*\d{0,2}|ICT|\bAM\b|\bPM\b|\bSA\b|\bCH\b|"
    r"tháng|năm|giờ|phút)"
)
STAMP_LINE_MAX = 90


def is_stamp_line(line: str) -> bool:
    if len(line) > STAMP_LINE_MAX or not _DATE_ANY.search(line):
        return False
    rest = _DATE_ANY.sub(" ", line)
    rest = _STAMP_NOISE.sub(" ", rest)  # before times: "GMT+07:00" is not a clock time
    rest = _TIME_RE.sub(" ", rest)
    return not re.search(r"[^\W\d_]", rest)


STAMP_LINE = is_stamp_line

# ---------------------------------------------------------------- event dates

_PART_OF_DAY = r"(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Đđ]êm|[Ss]ớm|[Hh]ôm|[Nn]gày|[Đđ]ầu giờ sáng|[Đđ]ầu giờ chiều|[Cc]uối giờ chiều)"
_REL = r"(?:\s+(?:nay|qua|mai))?"
# "Chiều 10/12", "Sáng nay (12-10)", "sáng nay, 21/11", "Ngày 8/7", "Tối 5-9", optional "/2020".
DAYMONTH = re.compile(
    rf"(?P<lead>{_PART_OF_DAY}{_REL}(?:\s+ngày)?)\s*[,(]?\s*(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s*[/\-.]\s*(?P<m>\d{1,2})(?:\s*[/\-.]\s*(?P<y>\d{4}))?(?![\d/\-.]\d)"
    rf"|(?P<lead2>{_PART_OF_DAY}{_REL})?\s*,?\s*(?:[Nn]gày\s+)?(?<![\w/])(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})(?:\s*(?:,\s*|\s+)năm\s+(?P<y2>\d{{4}}))?"
)
# Words right before a date that make it a reference, not the meeting's time.
_REFERENCE_BEFORE = re.compile(
    r"(?i)(số\s*[\w\-/.]+|ban hành|tính đến|đến|từ|kể từ|trước|sau|hạn|hết|vào|trong|ký|"
    r"nghị quyết|kết luận|quyết định|chỉ thị|thông báo|kế hoạch|công văn|quy định|thông tư|nghị định|"
    r"luật|hướng dẫn|tờ trình|báo cáo|văn bản)\W*$"
)
_REFERENCE_AFTER = re.compile(r"^\s*(?:vừa qua|trước đó|năm trước|của)\b", re.I)
_YEAR_IN_TEXT = re.compile(r"(?<![\d\-–/])năm\s+(?P<y>(?:19|20)\d{2})(?![\d\-–/]|\s*[-–]\s*\d)")
_YEAR_RANGE_CONTEXT = re.compile(r"(?i)(nhiệm kỳ|giai đoạn|khóa|khoá)\s*$")


# How the year of an event date was found (the review screen shows it to staff):
STATED = "stated"      # written with the day: "ngày 15/7/2019"
STAMP = "stamp"        # the day/month is written, the year comes from the article's publication stamp
INFERRED = "inferred"  # the year comes from other words of the text ("… năm 2025"); see ``evidence``
DATE_BASES = (STATED, STAMP, INFERRED)


@dataclass
class EventDate:
    date: dt.date | None
    text: str | None
    start: int = -1
    end: int = -1
    basis: str | None = None     # one of DATE_BASES when ``date`` is set
    evidence: str | None = None  # the words the date (or its year) was taken from


def _year_from_published(d: int, m: int, published: dt.date) -> dt.date | None:
    """Year that puts the meeting 0–60 days before publication (one day after tolerated)."""
    for y in (published.year, published.year - 1, published.year + 1):
        cand = valid_date(y, m, d)
        if cand is None:
            continue
        delta = (published - cand).days
        if -1 <= delta <= 60:
            return cand
    return None


def _year_from_text(d: int, m: int, context: str) -> dt.date | None:
    """A single year stated in the lead ("6 tháng cuối năm 2022"), when unambiguous."""
    years = set()
    for ym in _YEAR_IN_TEXT.finditer(context):
        if _YEAR_RANGE_CONTEXT.search(context[max(0, ym.start() - 20): ym.start()]):
            continue
        years.add(int(ym["y"]))
    if len(years) == 1:
        (y,) = years
        # Around New Year a meeting often concerns the adjacent year
        # ("tổng kết năm 2021" held in January 2022): refuse to guess.
        if 3 <= m <= 10:
            return valid_date(y, m, d)
        return None
    if len(years) == 2:
        a, b = sorted(years)
        if b == a + 1:  # "tổng kết năm Y, phương hướng năm Y+1"
            if m <= 2:
                return valid_date(b, m, d)
            if m >= 11:
                return valid_date(a, m, d)
    return None


def find_event_date(body: str, paragraphs: list[tuple[int, int]], published: dt.date | None,
                    max_paragraphs: int = 3) -> EventDate:
    """Date of the main event: the first dateline-like day/month in the lead paragraphs."""
    for p_start, p_end in paragraphs[:max_paragraphs]:
        para = body[p_start:p_end]
        for m in DAYMONTH.finditer(para):
            before = para[max(0, m.start() - 40): m.start()]
            lead = m["lead"] or m["lead2"] or ""
            if _REFERENCE_BEFORE.search(before) and not lead.lower().startswith(("sáng", "chiều", "tối", "trưa", "đêm", "hôm")):
                continue
            if _REFERENCE_AFTER.match(para[m.end(): m.end() + 20]):
                continue
            d = int(m["d"] or m["d2"])
            mo = int(m["m"] or m["m2"])
            y = m["y"] or m["y2"]
            if not (1 <= d <= 31 and 1 <= mo <= 12):
                continue
            date_text = f"{d}/{mo}" + (f"/{y}" if y else "")
            start, end = p_start + m.start(), p_start + m.end()
            if y:
                date = valid_date(int(y), mo, d)
                return EventDate(date, date_text, start, end, STATED if date else None, m.group(0).strip() if date else None)
            if valid_date(2000, mo, d) is None:  # 2000 is a leap year: 29/2 passes
                continue
            if published is not None:
                date = _year_from_published(d, mo, published)
                if date is not None:
                    return EventDate(date, date_text, start, end, STAMP, m.group(0).strip())
            date = _year_from_text(d, mo, para)
            if date is not None:
                return EventDate(date, date_text, start, end, INFERRED, para.strip()[:300])
            return EventDate(None, date_text, start, end)
    # "Sáng nay, …" / "Chiều qua, …" with no day/month: the day is the stamp's (or the day before).
    if published is not None and paragraphs:
        p_start, p_end = paragraphs[0]
        rel = _RELATIVE_DAY.search(body, p_start, min(p_end, p_start + 300))
        if rel:
            back = 1 if rel["w"].lower() == "qua" else 0
            date = published - dt.timedelta(days=back)
            return EventDate(date, f"{date.day}/{date.month}", rel.start(), rel.end(), STAMP, rel.group(0))
    return EventDate(None, None)


_RELATIVE_DAY = re.compile(r"(?i)(?<!\w)(?:sáng|chiều|trưa|tối|đêm|hôm)\s+(?P<w>nay|qua)(?!\w)")
