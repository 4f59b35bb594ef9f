"""EDTF (Extended Date/Time Format, levels 0-1) in and out: reading a phrase written as EDTF, and writing a span's."""

from __future__ import annotations

import re

from . import vocabulary as vocab
from ..calendar import Day, add_months, days_in_month, format_year, is_leap, month_span, months_span, year_span
from ..model import Precision
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
        raise _Refusal(f"month {month_text} does not exist")
    if day_text is None or day_text == "xx":
        start, end = month_span(year, month)
        return start, end, "month"
    day = int(day_text)
    if not 1 <= day <= days_in_month(year, month):
        leap = " (not a leap year)" if month == 2 and day == 29 and not is_leap(year) else ""
        raise _Refusal(f"{format_year(year)}-{month:02d}-{day:02d} does not exist{leap}")
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
        raise _Refusal("the interval ends before it starts")
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
