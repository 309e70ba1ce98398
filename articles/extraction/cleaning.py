"""Separate the article body from site furniture, captions and trailing news lists (the header —
headline, stamp, byline — is parsed in header.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import DAYMONTH
from .header import choose_stamp, parse_header
from .metadata import (
    is_boilerplate_heading,
    is_comment_form_line,
    is_name_shaped,
    is_widget_line,
    outlet_prefix,
    parse_byline,
    photo_credit_in,
    source_line,
    strip_bullet,
)
from .normalize import name_key
from .stamps import DAY, Stamp, is_stamp_line, parse_stamp_any

__all__ = ["Cleaned", "clean"]

TEASER_MAX_LEN = 500      # a trailing news teaser is a short paragraph
MAX_PARAGRAPHS = 5000     # real articles have a few hundred lines at most
_ONLY_SYMBOLS = re.compile(r"[\d\W_]+")


@dataclass
class Cleaned:
    title: str | None
    published: dt.datetime | None
    source: str | None
    authors: list[str]
    body: str
    paragraphs: list[tuple[int, int]]     # spans of paragraphs in body
    warnings: list[str] = field(default_factory=list)
    stamp: Stamp | None = None            # the chosen publication stamp (maybe month-precise only)


_TEASER_DATE = re.compile(r"(?i)(?:(?:sáng|chiều|tối|trưa|hôm)\s+(?:nay|qua)\s*[,(]\s*\d{1,2}\s*[/\-]\s*\d{1,2})|" + DAYMONTH.pattern.replace("(?P<", "(?P<t_"))


def _words(s: str) -> int:
    return len(s.split())


# A sentence that says who chaired or attended: the page may repeat it (once before the lead),
# but it is never dropped as a repeated caption.
_FACT_CUES = re.compile(r"(?i)chủ trì|chủ tọa|chủ toạ|tham dự|dự (?:hội nghị|buổi|lễ|đại hội|kỳ họp)|có các đồng chí|gồm các đồng chí")


def _carries_facts(paragraph: str) -> bool:
    return bool(_FACT_CUES.search(paragraph)) and _words(paragraph) >= 8


def _daymonth(s: str) -> tuple[int, int] | None:
    m = _TEASER_DATE.search(s)
    if not m:
        return None
    nums = re.findall(r"\d{1,2}", m.group(0))
    if len(nums) < 2:
        return None
    return int(nums[0]), int(nums[1])


def _teaser_cut(paras: list[str]) -> int | None:
    """Index where a trailing list of unrelated news teasers begins (no heading announces it)."""
    n = len(paras)
    if n < 5:
        return None
    # The lead's own date: a sapo, a photo and its caption may come before the dated lead.
    lead_date, lead_index = None, -1
    for i, p in enumerate(paras[:4]):
        lead_date = _daymonth(p[:200])
        if lead_date:
            lead_index = i
            break
    for k in range(max(3, n - 40, lead_index + 1), n - 1):  # teaser lists are short; keeps this linear
        first = paras[k]
        start_date = _daymonth(first[:80]) or (_daymonth(first[-40:]) if len(first) < TEASER_MAX_LEN else None)
        if start_date is None or start_date == lead_date:
            continue
        run = paras[k:]
        if any(len(p) > TEASER_MAX_LEN for p in run):
            continue
        dated = sum(1 for p in run if _daymonth(p) and _daymonth(p) != lead_date)
        repeated = any(a != b and (a.startswith(b) or b.startswith(a)) for i, a in enumerate(run) for b in run[i + 1:])
        if dated >= 2 or (dated >= 1 and repeated):
            return k
    return None


def clean(text: str) -> Cleaned:
    """Split normalised text into metadata and the cleaned article body."""
    warnings: list[str] = []
    paras = [p.strip() for p in text.split("\n")]
    paras = [p for p in paras if p]
    if len(paras) > MAX_PARAGRAPHS:
        warnings.append(f"text has {len(paras)} lines; only the first {MAX_PARAGRAPHS} were read")
        paras = paras[:MAX_PARAGRAPHS]
    header = parse_header(paras)
    title, body_start, authors, source = header.title, header.body_start, header.authors, header.source

    # ---- footer -----------------------------------------------------------
    body = paras[body_start:]
    cut = len(body)
    for j, p in enumerate(body):
        if j == 0:
            continue
        s = strip_bullet(p)
        if is_boilerplate_heading(s) or is_comment_form_line(s):
            cut = j
            break
        src, src_auth = source_line(s)
        if src and j >= max(2, int(len(body) * 0.5)):
            source = source or src
            authors += src_auth
            cut = j
            break
    if cut < len(body):
        warnings.append(f"dropped {len(body) - cut} trailing non-article line(s)")
    body = body[:cut]
    t = _teaser_cut(body)
    if t is not None:
        warnings.append(f"dropped {len(body) - t} trailing news teaser line(s)")
        body = body[:t]
    # Closing bylines and source lines ("H. Hạnh", "Theo TTXVN") end the article.
    for _ in range(3):
        if len(body) < 2:
            break
        s = strip_bullet(body[-1])
        src, src_auth = source_line(s)
        names = parse_byline(s) if len(s) <= 60 and "ảnh" not in s.lower() else None
        if src:
            source = source or src
            authors += src_auth
        elif names is not None:
            authors += names
        elif not is_widget_line(s):
            break
        body.pop()

    # ---- in-body furniture --------------------------------------------------
    counts: dict[str, int] = {}
    for p in body:
        counts[p] = counts.get(p, 0) + 1
    kept: list[str] = []
    seen: set[str] = set()
    body_stamps: list[tuple[Stamp, bool]] = []  # used only when the header has none
    for p in body:
        s = strip_bullet(p)
        if is_widget_line(p) or _ONLY_SYMBOLS.fullmatch(s):
            continue
        if is_stamp_line(s):
            stamp = parse_stamp_any(s)
            if stamp is not None:
                body_stamps.append((stamp, False))
            continue
        if counts[p] > 1 and len(p) < 300 and not _carries_facts(p):
            continue  # a caption repeated under several photos; a repeated sentence of facts keeps one copy
        if p in seen:
            continue
        seen.add(p)
        credit = photo_credit_in(p)
        if credit is not None:
            rest, names = credit
            authors += names
            sentences_before = len(re.findall(r"[.!?…](?:\s|$)", rest.strip() + " "))
            if not rest or (len(rest) < 200 and sentences_before <= 1):
                continue  # a caption with its photo credit
            p = rest
        names = parse_byline(s) if len(s) <= 40 else None
        if names and all(is_name_shaped(a) for a in names) and kept:
            authors += names
            continue
        if re.match(r"(?i)^(quang cảnh|toàn cảnh|các đại biểu dự|đại biểu dự)\b", s) and len(s) < 120:
            continue
        src, _ = source_line(s)
        if src and len(s) < 60:
            source = source or src
            continue
        kept.append(p)

    if kept:
        o, n = outlet_prefix(kept[0])
        if o:
            source = o if source is None or kept is not None else source
            kept[0] = kept[0][n:].lstrip()
    spans: list[tuple[int, int]] = []
    pos = 0
    for p in kept:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    dedup_authors: list[str] = []
    for a in authors:
        if a and name_key(a) not in {name_key(x) for x in dedup_authors}:
            dedup_authors.append(a)
    stamp = choose_stamp(header.stamps or body_stamps)
    published = stamp.when if stamp is not None and stamp.precision == DAY else None
    return Cleaned(title, published, source, dedup_authors, "\n\n".join(kept), spans, warnings, stamp)

