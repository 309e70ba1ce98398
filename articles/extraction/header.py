"""The top of a page: headline, publication stamp, byline, outlet — and where the article begins.

A page opens with some of: site chrome (a ticker, breadcrumbs, a category bar, a date the page
was viewed), the headline (sometimes with its stamp glued on), a byline and/or a stamp, a photo
caption, then the lead ("Sáng 15/10, …", "(Chinhphu.vn) - …"). Lines are classified one by one;
the headline is chosen among the lines that are neither chrome nor body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DAYMONTH
from .metadata import is_widget_line, outlet_prefix, parse_byline, photo_credit_in, strip_bullet
from .stamps import (
    DAY,
    Stamp,
    is_stamp_line,
    parse_stamp_any,
    split_glued_stamp,
    split_leading_stamp,
    split_trailing_stamp,
)

__all__ = ["Header", "parse_header", "choose_stamp", "HEADER_SCAN"]

HEADER_SCAN = 10  # lines examined for headline/stamp/byline

_TRAILING_QUALIFIER = re.compile(r"(?<=\w)\s*\([^().!?]{1,80}\)\s*$")  # "… (sửa đổi)", "( Chính trị, Pháp luật)"
_BODY_END_PUNCT = re.compile(r"[.!…;\"”»)]\s*$")
_LEAD_DATELINE = re.compile(r"^(?:\(?[^\s()]{2,30}\)?\s*[-–—]\s*)?" + DAYMONTH.pattern.replace("(?P<", "(?P<x_"))
# Captions: "Toàn cảnh hội nghị.", "Quang cảnh …", a trailing "Ảnh Nguyễn Dân - TTXVN" credit.
_CAPTION = re.compile(r"(?i)^(?:toàn cảnh|quang cảnh)\b|\bảnh:?\s+[^\W\d_][^()]{1,40}[-–—/]\s*[A-ZĐ]{2,}\.?\s*\)?$")


@dataclass
class Header:
    title: str | None
    body_start: int
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    stamps: list[tuple[Stamp, bool]] = field(default_factory=list)  # (stamp, seen after a headline line)


def _words(s: str) -> int:
    return len(s.split())


def _upper_case(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 10 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def is_body_like(line: str) -> bool:
    o, n = outlet_prefix(line)
    if o and _words(line[n:]) >= 8:  # "HNP - Sáng 8/7, …", not a "TIN TỨC - SỰ KIỆN" section bar
        return True
    if _LEAD_DATELINE.match(line):
        return True
    if _upper_case(line):
        return False  # an ALL-CAPS headline, never a lead
    n = _words(line)
    if n >= 35 or len(line) > 300:
        return True
    # "… Luật Thuế thu nhập cá nhân (sửa đổi)": a short trailing qualifier is not sentence punctuation.
    line = _TRAILING_QUALIFIER.sub("", line)
    return n >= 6 and bool(_BODY_END_PUNCT.search(line)) and not line.rstrip().endswith(":")


def _is_caption(line: str) -> bool:
    credit = photo_credit_in(line)
    return bool(_CAPTION.search(line)) or (credit is not None and bool(credit[1]))


def _closes_headline(line: str, next_line: str) -> bool:
    """``line`` is a headline, whatever its length or punctuation, when a stamp (or a byline with
    its stamp) follows it; a bare byline after it says so only if it does not end like a sentence
    (a sapo may be followed by its author)."""
    s = strip_bullet(next_line)
    if not s:
        return False
    leading, rest = split_leading_stamp(s)
    if is_stamp_line(s) or (leading is not None and not rest) or split_trailing_stamp(s) is not None:
        return True
    return bool(parse_byline(s)) and not re.search(r"[.!?…]\s*$", line)


def _next_line(paras: list[str], i: int) -> str:
    return next((p for p in paras[i + 1:i + 3] if strip_bullet(p)), "")


def parse_header(paras: list[str]) -> Header:
    """Headline, stamps, byline and outlet of the first lines; ``paras`` may be edited in place
    (a stamp glued before the lead is cut off its line)."""
    header = Header(None, 0)
    title_parts: list[str] = []

    closed = False  # a headline candidate was followed by a stamp: later lines are not the headline

    def saw(stamp: Stamp | None) -> None:
        nonlocal closed
        if stamp is not None:
            header.stamps.append((stamp, bool(title_parts)))
            closed = closed or any(_letter_count(t) > 4 for t in title_parts)

    body_start = None
    for i, p in enumerate(paras[:HEADER_SCAN]):
        s = strip_bullet(p)
        if not s or is_widget_line(p):
            continue
        leading, rest = split_leading_stamp(s)
        if leading is not None:
            saw(leading)  # "date 2025-10-15 Sáng 15/10, …": the line goes on after the stamp
            if not rest or is_widget_line(rest):
                continue
            s = paras[i] = rest
        if is_stamp_line(s):
            saw(parse_stamp_any(s))
            continue
        o, n = outlet_prefix(s)
        if o and not s[n:].strip(" -–—:"):
            header.source = header.source or o  # "(Chinhphu.vn)" on a line of its own
            continue
        head, glued = split_glued_stamp(s)
        # A line right before a stamp or a byline is a headline, however long or punctuated.
        before_stamp = (not _LEAD_DATELINE.match(head) and not (o and _words(head[n:]) >= 8)
                        and _closes_headline(head, _next_line(paras, i)))
        if not before_stamp and is_body_like(head):
            body_start = i
            break
        trailing = split_trailing_stamp(s)
        if trailing is not None:
            before, stamp = trailing  # "An Sơn 24/10/2015 11:16 GMT+7": a byline, then the stamp
            saw(stamp)
            header.authors += parse_byline(before) or []
            continue
        names = parse_byline(s)
        if names is not None and (title_parts or names):
            header.authors += names
            continue
        if glued:
            saw(Stamp(glued, DAY, s))
        if _is_caption(head) or head.endswith(",") or closed:
            # A photo caption, a salutation ("Thưa các vị đại biểu,") or anything after the
            # headline's own stamp (a sapo, a caption) is not the headline.
            continue
        title_parts.append(head)
    if body_start is None:
        # No line looks like a lead: the first line is the headline, the rest is body.
        body_start = next((i for i, p in enumerate(paras) if _words(p) >= 20), None)
        if body_start is None:
            body_start = 1 if len(paras) > 1 else 0
            title_parts = title_parts[:1] if len(paras) > 1 else []
        else:
            title_parts = [t for t in title_parts if t in paras[:body_start]]
    header.title = pick_title(title_parts)
    header.body_start = body_start
    return header


def choose_stamp(stamps: list[tuple[Stamp, bool]]) -> Stamp | None:
    """The article's own stamp: a portal header at the very top often shows the day the page was
    viewed, so a stamp written after the headline wins over one before it; a day beats a month."""
    for wanted in ((DAY, True), (DAY, False), (None, True), (None, False)):
        for stamp, after_title in stamps:
            if after_title == wanted[1] and (wanted[0] is None or stamp.precision == wanted[0]):
                return stamp
    return None


def _letter_count(s: str) -> int:
    return len(re.findall(r"[^\W\d_]+", s))


def _letter_words(s: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", s)}


# Decoration after a headline: a page marker ("*"), a table bar.
_HEADLINE_TAIL = re.compile(r"\s*[\"“”']?[*•|]+[\"“”']?\s*$")


def pick_title(parts: list[str]) -> str | None:
    parts = [_HEADLINE_TAIL.sub("", p.strip()).strip() for p in parts if p.strip()]
    parts = [p for p in parts if p]
    if not parts:
        return None
    # A headline wrapped over two lines: the second starts in lower case.
    joined: list[str] = []
    for p in parts:
        if joined and p[0].islower() and not joined[-1].endswith((".", ":", "!", "?")):
            joined[-1] = f"{joined[-1]} {p}"
        else:
            joined.append(p)
    parts = joined
    for i, p in enumerate(parts[:-1]):
        if p.endswith(":"):
            return f"{p} {parts[i + 1]}"
    # Category bars ("Chính trị - Xã hội", "Tất cả chuyên mục") have at most four words; headlines more.
    long_parts = [p for p in parts if _letter_count(p) > 4]
    if not long_parts:
        return None
    # A short slogan or category line may precede the real headline, so the last candidate wins…
    title = long_parts[-1]
    # … unless it repeats an earlier one (a subtitle or caption paraphrasing the headline).
    for earlier in long_parts[:-1]:
        words = _letter_words(title)
        if words and len(words & _letter_words(earlier)) >= 0.5 * len(words):
            return earlier
    return title
