"""The date histogram above the search results: how many matches per month (per year over a long
span), as bars of an inline SVG whose every bar is a link that sets the date range.

The counts come with the facets, in the same statement (articles/search/facets.py, "#month"):
the page spends no SQL on it.
"""

import calendar
from datetime import date

from django.utils.translation import ngettext

MONTHS_SHOWN = 36  # a longer span is shown per year
WIDTH = 600
HEIGHT = 96
BASELINE = HEIGHT - 18  # room for the year labels under the bars


def _month_after(day):
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _buckets(rows):
    """[(start, end, label, n)] from [(first day of a month, n)], empty months and years included."""
    counts = dict(rows)
    first, last = rows[0][0], rows[-1][0]
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span <= MONTHS_SHOWN:
        buckets, day = [], first
        while day <= last:
            end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
            buckets.append((day, end, day.strftime("%m/%Y"), counts.get(day, 0)))
            day = _month_after(day)
        return buckets, "month"
    per_year = {}
    for day, n in rows:
        per_year[day.year] = per_year.get(day.year, 0) + n
    return [
        (date(year, 1, 1), date(year, 12, 31), str(year), per_year.get(year, 0)) for year in range(first.year, last.year + 1)
    ], "year"


def date_histogram(rows, *, target, date_from=None, date_to=None, link):
    """The chart's geometry and links, or None when nothing is dated. ``link(start, end)``: the
    URL that sets that range; a bar inside the range in force is marked selected."""
    if not rows:
        return None
    buckets, unit = _buckets(rows)
    peak = max(n for *_, n in buckets) or 1
    step = WIDTH / len(buckets)
    bars = []
    for i, (start, end, label, n) in enumerate(buckets):
        height = round(n / peak * (BASELINE - 6), 1) if n else 0
        noun = (
            ngettext("%(n)s cuộc họp", "%(n)s cuộc họp", n)
            if target == "meetings"
            else ngettext("%(n)s bài báo", "%(n)s bài báo", n)
        ) % {"n": n}
        bars.append(
            {
                "x": round(i * step, 1),
                "width": round(step, 1),
                "bar_x": round(i * step + step * 0.1, 1),
                "bar_width": max(round(step * 0.8, 1), 1),
                "y": round(BASELINE - height, 1),
                "height": height,
                "count": n,
                "label": f"{label}: {noun}",
                "start": start,
                "end": end,
                "href": link(start, end),
                "selected": bool(date_from or date_to)
                and (date_from is None or start >= date_from)
                and (date_to is None or end <= date_to),
                "tick": label[-4:] if unit == "year" or start.month == 1 or i == 0 else "",
            }
        )
    ticks = [bar for bar in bars if bar["tick"]]
    if unit == "year" and len(ticks) > 12:  # a label every few years
        every = -(-len(ticks) // 12)
        for i, bar in enumerate(ticks):
            if i % every:
                bar["tick"] = ""
    return {
        "bars": bars,
        "unit": unit,
        "peak": peak,
        "total": sum(bar["count"] for bar in bars),
        "first": bars[0]["label"].split(":")[0],
        "last": bars[-1]["label"].split(":")[0],
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": BASELINE,
        "label_y": HEIGHT - 4,
    }
