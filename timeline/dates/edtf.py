"""EDTF (Extended Date/Time Format, levels 0-1) in and out, in one place.

Reading a phrase written as EDTF and writing a resolved span's (the resolver); the shortest EDTF of two bounds and
one side of a reconciled span (log.reconcile); a record's EDTF, and the shortest phrase that resolves back to
given bounds (the exports, and the importer reading timeline's own CSV back).
"""

from __future__ import annotations

import re

from . import vocabulary as vocab
from ..calendar import Day, add_months, days_in_month, format_year, is_leap, month_span, months_span, year_span
from ..model import ClaimDates, Precision, Record
from .span import _Refusal, _Span


_EDTF_DATE = re.compile(r"(-?)(\d{4}|\d{3}x|\d{2}xx)(?:-(\d{2}|xx)(?:-(\d{2}|xx))?)?([?~%]?)")


def _read_edtf_date(part: str) -> tuple[Day, Day, Precision] | None:
    m = _EDTF_DATE.fullmatch(part)
    if not m:
        return None
    sign, year_text, month_text, day_text, _ = m.groups()
    negative = sign == "-"
    if "x" in year_text:
        if month_text or negative:
            return None
        base = int(year_text.replace("x", "0"))
        size = 10 if year_text.count("x") == 1 else 100
        return Day.of(base, 1, 1), Day.of(base + size - 1, 12, 31), "decade" if size == 10 else "century"
    year = -int(year_text) if negative else int(year_text)
    if month_text is None or month_text == "xx":
        if day_text not in (None, "xx"):
            return None
        start, end = year_span(year)
        return start, end, "year"
    month = int(month_text)
    if 21 <= month <= 24 and day_text is None:
        first, count, _ = vocab.SEASON_SPANS[("spring", "summer", "autumn", "winter")[month - 21]]
        start, end = months_span(year, first, count)
        return start, end, "season"
    if not 1 <= month <= 12:
        raise _Refusal(f"month {month_text} does not exist; write a month 01-12")
    if day_text is None or day_text == "xx":
        start, end = month_span(year, month)
        return start, end, "month"
    day = int(day_text)
    if not 1 <= day <= days_in_month(year, month):
        leap = " (not a leap year)" if month == 2 and day == 29 and not is_leap(year) else ""
        raise _Refusal(f"{format_year(year)}-{month:02d}-{day:02d} does not exist{leap}; fix the day")
    found = Day.of(year, month, day)
    return found, found, "day"


_COARSER = {p: i for i, p in enumerate(("day", "week", "month", "quarter", "season", "half", "year", "decade",
                                        "century"))}


def _read_edtf(text: str) -> _Span | None:
    """Give the span of an EDTF level 0-1 date or interval, or None when `text` is not EDTF."""
    if "/" not in text:
        found = _read_edtf_date(text)
        if found is None:
            return None
        start, end, precision = found
        rule = {"day": "iso-date", "month": "iso-month", "year": "year"}.get(precision, f"edtf-{precision}")
        inner = _EDTF_DATE.fullmatch(text)
        qualified = inner is not None and bool(inner.group(5))
        return _Span(start, end, precision, rule, f"the {precision} written as {text.upper()}",
                     edtf=text.upper() if qualified or precision in ("season",) else None)
    left, _, right = text.partition("/")
    if "/" in right:
        return None
    sides: list[tuple[Day, Day, Precision] | None] = []
    for side in (left, right):
        if side in ("", ".."):
            sides.append(None)
            continue
        found = _read_edtf_date(side)
        if found is None:
            return None
        sides.append(found)
    first, last = sides
    if first is None and last is None:
        return None
    if first is not None and last is not None and last[1] < first[0]:
        raise _Refusal("the interval ends before it starts; write its start first")
    precisions = [s[2] for s in sides if s is not None]
    precision = max(precisions, key=lambda p: _COARSER[p])
    edtf = "/".join(side.upper() for side in (left, right))  # open ("..") and unknown ("") ends kept as written
    return _Span(first[0] if first else None, last[1] if last else None, precision, "edtf-interval",
                 f"the EDTF interval {edtf}", edtf=edtf)


def _edtf_of(span: _Span, anchor: Day | None) -> str:
    """Give the EDTF of a span: compact when the bounds are exactly one calendar unit, else an interval."""
    start, end = span.start, span.end
    if span.precision == "past":
        return f"../{end.iso()}" if end else ".."
    if span.precision == "future":
        return f"{start.iso()}/.." if start else ".."
    if start is None or end is None:
        return f"{start.iso() if start else '..'}/{end.iso() if end else '..'}"
    if start.ordinal == end.ordinal:
        return start.iso()
    y, m, d = start.ymd
    ey, em, ed = end.ymd
    if d == 1 and ed == days_in_month(ey, em):  # whole months from start to end
        if (ey, em) == (y, m):
            return f"{format_year(y)}-{m:02d}"
        if m == 1 and em == 12:
            if ey == y:
                return format_year(y)
            if y >= 0 and y % 10 == 0 and ey == y + 9:
                return format_year(y)[:-1] + "X"
            if y >= 0 and y % 100 == 0 and ey == y + 99:
                return format_year(y)[:-2] + "XX"
        if span.precision == "season":
            for first, count, code in vocab.SEASON_SPANS.values():
                if m == first and (ey, em) == add_months(y, first, count - 1):
                    return f"{format_year(y)}-{code}"
    return f"{start.iso()}/{end.iso()}"


def _qualify(edtf: str, qualifier: str) -> str:
    if not qualifier:
        return edtf
    return "/".join(p if p in ("", "..") or p[-1] in "?~%" else p + qualifier for p in edtf.split("/"))


# --- bounds -> EDTF ----------------------------------------------------------------------------------------------

def edtf_of_bounds(lo: Day | None, hi: Day | None) -> str:
    """Give the shortest EDTF for [lo, hi]: a day, a month, a year, or an interval of days."""
    if lo is None or hi is None:
        return f"{lo.iso() if lo else '..'}/{hi.iso() if hi else '..'}"
    if lo == hi:
        return lo.iso()
    (y1, m1, d1), (y2, m2, d2) = lo.ymd, hi.ymd
    if y1 == y2 and (m1, d1, m2, d2) == (1, 1, 12, 31):
        return format_year(y1)
    if (y1, m1) == (y2, m2) and d1 == 1 and d2 == days_in_month(y2, m2):
        return f"{format_year(y1)}-{m1:02d}"
    return f"{lo.iso()}/{hi.iso()}"


def edtf_part(lo: Day | None, hi: Day | None, hint: ClaimDates | None, *, outer: Day | None) -> str:
    """Give one side of an EDTF interval covering every day in [lo, hi] (a reconciled span's start or end).

    A day, month or year when the bounds are exactly that; else the smallest month or year that holds them
    (less precise, never wrong); else `outer` (the earliest day for a start, the latest for an end) marked '?'.
    """
    if lo is None or hi is None:
        return ".."
    if hint is not None and (hint.when.start, hint.when.end) == (lo, hi) and "/" not in hint.when.edtf:
        return hint.when.edtf
    text = edtf_of_bounds(lo, hi)
    if "/" not in text:
        return text
    (y1, m1, _), (y2, m2, _) = lo.ymd, hi.ymd
    if (y1, m1) == (y2, m2):
        return f"{format_year(y1)}-{m1:02d}"
    if y1 == y2:
        return format_year(y1)
    assert outer is not None
    return f"{outer.iso()}?"


# --- a record's EDTF, and phrases that resolve back to given bounds ----------------------------------------------

def event_edtf(record: Record) -> str:
    """Give the EDTF (levels 0-1) of a record's date, whose outer bounds are the record's start and end.

    A point is the record's own EDTF (`2023-07`, `2024-05-13/2024-05-16`, `../2024-05-17`); so is a span read
    from one phrase, as precise as its sides were ("since March": `2024-03/2024-05-17`). Another span is an interval
    of its two ends: an end known to a day, month or year is written so (`2023-11-17/2023-11-22`, `2023-07/2023`);
    an end known only to lie between two days is written as its outer day marked uncertain
    (`2023-07/2023-11-20?`), since level 1 has no way to write "one day between these two".
    """
    if record.kind != "span":
        return record.edtf
    for dates in record.dates:  # a span from one phrase ("since March": `2024-03/2024-05-17`) says it as read
        when = dates.when
        if dates.until is None and when.kind == "span" and "/" in when.edtf \
                and (when.start, when.end) == (record.start, record.end) \
                and record.start in (None, record.start_latest) and record.end in (None, record.end_earliest):
            return when.edtf
    # a claim's own single EDTF date with exactly these bounds says it best (a season: `2023-21`)
    written = {(d.start, d.end): d.edtf for c in record.dates for d in (c.when, c.until)
               if d is not None and "/" not in d.edtf}
    return f"{_edtf_side(record.start, record.start_latest, written, first=True)}/" \
           f"{_edtf_side(record.end_earliest, record.end, written, first=False)}"


def _edtf_side(lo: Day | None, hi: Day | None, written: dict[tuple[Day | None, Day | None], str], *,
               first: bool) -> str:
    """Give one end of an EDTF interval that may lie anywhere in [lo, hi]: `..` when open."""
    if (first and lo is None) or (not first and hi is None):
        return ".."
    if (lo, hi) in written:
        return written[(lo, hi)]
    if lo is None or hi is None:  # the other end is open: this one is known to its outer day only
        outer = lo if first else hi
        assert outer is not None
        return f"{outer.iso()}?"
    text = bounds_phrase(lo, hi)
    if "/" not in text:
        return text
    return f"{(lo if first else hi).iso()}?"


def _unit_text(day: Day, unit: str) -> str:
    """Give `day` written down to `unit`: `2023`, `2023-07` or `2023-07-05` (signed years below 0)."""
    y, m, _ = day.ymd
    return format_year(y) if unit == "year" else f"{format_year(y)}-{m:02d}" if unit == "month" else day.iso()


def bounds_phrase(lo: Day | None, hi: Day | None) -> str:
    """Give the shortest EDTF the resolver reads back as exactly [lo, hi].

    `2024-05-14`, `2023-07`, `2023`, `2024-05-13/2024-05-16`, `1990/1999`, `2023-07/2023-09`, `../2024-05-17`.
    """
    if lo is None or hi is None:
        return edtf_of_bounds(lo, hi)
    unit = bounds_unit(lo, hi)
    first, last = _unit_text(lo, unit), _unit_text(hi, unit)
    return first if first == last else f"{first}/{last}"


def record_phrases(record: Record) -> tuple[str, str | None]:
    """Give (when, until) in exact date forms that resolve to the record's bounds (until is None for points)."""
    if record.kind == "span":
        return bounds_phrase(record.start, record.start_latest), bounds_phrase(record.end_earliest, record.end)
    return bounds_phrase(record.start, record.end), None


def bounds_unit(lo: Day, hi: Day) -> str:
    """Give the coarsest unit ('year', 'month' or 'day') at whose boundaries both lo starts and hi ends."""
    month_aligned = lo.day == 1 and hi.plus(1).day == 1
    if month_aligned and lo.month == 1 and hi.month == 12:
        return "year"
    return "month" if month_aligned else "day"
