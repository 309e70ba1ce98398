"""The main event's date: its day/month as written, and the year (always day first).

Publication stamps are parsed in stamps.py."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .stamps import valid_date

__all__ = ["find_event_date", "EventDate", "DAYMONTH", "STATED", "STAMP", "INFERRED", "DATE_BASES"]


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


# A report is written within days of what it reports: a day/month more than this before the
# stamp is another event, or the stamp is not the article's (a portal header, a stale mirror).
STAMP_WINDOW_DAYS = 10


def _year_from_published(d: int, m: int, published: dt.date) -> dt.date | None:
    """The year that puts the meeting 0–STAMP_WINDOW_DAYS days before publication (one day after
    tolerated: time zones, late edits)."""
    for y in (published.year, published.year - 1, published.year + 1):
        cand = valid_date(y, m, d)
        if cand is not None and -1 <= (published - cand).days <= STAMP_WINDOW_DAYS:
            return cand
    return None


def _year_from_month_stamp(d: int, m: int, month: dt.date) -> dt.date | None:
    """A stamp that gives only the month ("date 2023-10"): the meeting falls in that month or in
    the STAMP_WINDOW_DAYS before it."""
    first = month.replace(day=1)
    for y in (month.year, month.year - 1):
        cand = valid_date(y, m, d)
        if cand is not None and cand.year == y and (cand.year, cand.month) == (first.year, first.month):
            return cand
        if cand is not None and 0 < (first - cand).days <= STAMP_WINDOW_DAYS:
            return cand
    return None


# The same day written with a year elsewhere: "ngày 13/10/2020", or inside a span of days
# "(30 - 31/7/2025)", "từ 13-16/10/2020", "từ ngày 11/6 đến 15/6/2024", "10-11/9/2023",
# "(1/8/1930-1/8/2018)".
_SPAN_WITH_YEAR = re.compile(
    r"(?<![\d/.\-])(?P<d1>\d{1,2})(?:\s*[/.]\s*(?P<m1>\d{1,2})(?:\s*[/.]\s*(?P<y1>\d{4}))?)?"
    r"(?:\s*(?:-|–|—|đến(?:\s+ngày)?)\s*(?P<d2>\d{1,2}))?\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<y2>(?:19|20)\d{2})(?!\d)"
)


def _same_day_with_year(text: str, d: int, m: int) -> tuple[dt.date, str] | None:
    """The year written with this very day/month elsewhere in the text, when only one year is."""
    found: dict[int, str] = {}
    for x in _SPAN_WITH_YEAR.finditer(text):
        m2, y2 = int(x["m2"]), int(x["y2"])
        d2 = int(x["d2"]) if x["d2"] else int(x["d1"])
        d1, m1 = int(x["d1"]), int(x["m1"]) if x["m1"] else m2
        if x["y1"] and (d1, m1) == (d, m):
            found.setdefault(int(x["y1"]), x.group(0))
        first, last = valid_date(y2, m1, d1), valid_date(y2, m2, d2)
        day = valid_date(y2, m, d)
        if first and last and day and first <= day <= last:
            found.setdefault(y2, x.group(0))
    if not found:
        return None
    if len(found) == 2 and all(str(y) in text for y in found):
        # An anniversary span "(1/8/1930 - 1/8/2018)": the later year is the one being celebrated.
        span = [v for v in found.values() if len(set(found.values())) == 1]
        if span:
            y = max(found)
            return valid_date(y, m, d), span[0]
    if len(found) != 1:
        return None
    (y, words), = found.items()
    date = valid_date(y, m, d)
    return (date, words) if date else None


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


def _is_reference(para: str, m: re.Match) -> bool:
    before = para[max(0, m.start() - 40): m.start()]
    lead = (m["lead"] or m["lead2"] or "").lower()
    if _REFERENCE_BEFORE.search(before) and not lead.startswith(("sáng", "chiều", "tối", "trưa", "đêm", "hôm")):
        return True
    if _REFERENCE_AFTER.match(para[m.end(): m.end() + 20]):
        return True
    # "Trước đó, ngày 28/1/2022, Bộ Chính trị đã ban hành …", "… thông báo số 01 của Bộ Chính trị ngày 12/4":
    # the date of another event or of a document.
    clause = re.split(r"[.;:!?]", para[max(0, m.start() - 120): m.start()])[-1]
    return bool(_BACKGROUND.search(clause) or _DOCUMENT_BEFORE.search(clause))


_BACKGROUND = re.compile(r"(?i)(?:^|\W)(?:trước đó|trước đây|hồi|năm ngoái)\W*$")
_DOCUMENT_BEFORE = re.compile(
    r"(?i)(?:^|\W)(?:nghị quyết|kết luận|quyết định|chỉ thị|thông báo|công văn|quy định|thông tư|nghị định|"
    r"tờ trình|văn bản|hướng dẫn|kế hoạch)(?:\s+(?:kết luận|số))?\s+(?:số\s+)?[\w\-/.]*\d[\w\-/.]*\b[^,]{0,60}$"
)


def find_event_date(body: str, paragraphs: list[tuple[int, int]], published: dt.date | None,
                    max_paragraphs: int = 3, *, month_stamp: dt.date | None = None) -> EventDate:
    """Date of the main event: the first dateline-like day/month in the lead paragraphs, and its
    year — written with it (stated), from the publication stamp, written with the same day
    elsewhere in the text (stated), or inferred from the words around it."""
    for p_start, p_end in paragraphs[:max_paragraphs]:
        para = body[p_start:p_end]
        for m in DAYMONTH.finditer(para):
            if _is_reference(para, m):
                continue
            d = int(m["d"] or m["d2"])
            mo = int(m["m"] or m["m2"])
            y = m["y"] or m["y2"]
            if not (1 <= d <= 31 and 1 <= mo <= 12):
                continue
            date_text = f"{d}/{mo}" + (f"/{y}" if y else "")
            start, end = p_start + m.start(), p_start + m.end()
            words = m.group(0).strip()
            if y:
                date = valid_date(int(y), mo, d)
                return EventDate(date, date_text, start, end, STATED if date else None, words if date else None)
            if valid_date(2000, mo, d) is None:  # 2000 is a leap year: 29/2 passes
                continue
            if published is not None:
                date = _year_from_published(d, mo, published)
                if date is not None:
                    return EventDate(date, date_text, start, end, STAMP, words)
            elif month_stamp is not None:
                date = _year_from_month_stamp(d, mo, month_stamp)
                if date is not None:
                    return EventDate(date, date_text, start, end, STAMP, words)
            same = _same_day_with_year(body, d, mo)
            # Written with the same day, the year outranks a stamp that cannot explain the day (a
            # mirror's, a portal's), but the meeting never comes after the article.
            if same is not None and same[0] <= (published or month_stamp or same[0]) + dt.timedelta(days=31):
                return EventDate(same[0], date_text, start, end, STATED, same[1])
            date = _year_from_text(d, mo, para)
            if date is not None and _agrees(date, published, month_stamp):
                return EventDate(date, date_text, start, end, INFERRED, para.strip()[:300])
            return EventDate(None, date_text, start, end)
    if published is not None and paragraphs:
        p_start, p_end = paragraphs[0]
        lead = body[p_start:min(p_end, p_start + 1000)]
        # "Sáng nay, …" / "Chiều qua, …" with no day/month: the day is the stamp's (or the day before).
        rel = _RELATIVE_DAY.search(lead, 0, 300)
        if rel:
            back = 1 if rel["w"].lower() == "qua" else 0
            date = published - dt.timedelta(days=back)
            return EventDate(date, f"{date.day}/{date.month}", p_start + rel.start(), p_start + rel.end(), STAMP, rel.group(0))
        # "Sau 3 ngày (8, 9, 10/7) …", "… từ ngày 9 đến 14/8": a span of days that holds the stamp's
        # day: the report is of that day.
        for span in _DAY_SPAN.finditer(lead):
            days = [int(x) for x in re.findall(r"\d{1,2}", span["days"])]
            month = int(span["m"])
            if month == published.month and min(days) <= published.day <= max(days):
                return EventDate(published, f"{published.day}/{published.month}", p_start + span.start(),
                                 p_start + span.end(), STAMP, span.group(0))
    return EventDate(None, None)


def _agrees(date: dt.date, published: dt.date | None, month_stamp: dt.date | None) -> bool:
    """A year found in the text never contradicts the publication stamp: the meeting cannot come
    after the article, nor years before it."""
    stamp = published or month_stamp
    if stamp is None:
        return True
    return date.year in (stamp.year, stamp.year - 1) and date <= stamp + dt.timedelta(days=31)


_RELATIVE_DAY = re.compile(r"(?i)(?<!\w)(?:sáng|chiều|trưa|tối|đêm|hôm)\s+(?P<w>nay|qua)(?!\w)")
_DAY_SPAN = re.compile(
    r"(?i)(?:(?:từ\s+)?ngày\s+|\()(?P<days>\d{1,2}(?:\s*(?:,|-|–|đến(?:\s+ngày)?|và)\s*\d{1,2})+)\s*[/\-.]\s*(?P<m>\d{1,2})(?![\d/])"
)
