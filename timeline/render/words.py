"""Dates in words for people: "Tue 14 May 2024", "July 2023", "between 13 and 16 May 2024", "17-22 Nov 2023"."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..calendar import MONTH_ABBREVIATIONS as _SHORT
from ..calendar import MONTH_NAMES as _MONTHS
from ..calendar import Day, day_words, days_in_month, year_words
from ..model import Record, ResolvedDate

__all__ = ["counted_from_words", "day_words", "range_words", "record_words", "relation_words", "resolved_words",
           "time_words", "year_words"]

_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _whole_month(lo: Day, hi: Day) -> bool:
    (_y1, _m1, d1), (y2, m2, d2) = lo.ymd, hi.ymd
    return d1 == 1 and d2 == days_in_month(y2, m2)


def range_words(lo: Day | None, hi: Day | None, precision: str) -> str:
    """Give words for "somewhere in [lo, hi]" at a precision."""
    if lo is None and hi is None:
        return "undated"
    if lo is None:
        return f"on or before {day_words(hi, weekday=False)}" if hi else "undated"
    if hi is None:
        return f"on or after {day_words(lo, weekday=False)}"
    if precision == "present" or lo == hi:
        return day_words(lo)
    (y1, m1, d1), (y2, m2, d2) = lo.ymd, hi.ymd
    if _whole_month(lo, hi):
        if precision == "decade" and y1 % 10 == 0 and y2 == y1 + 9 and (m1, m2) == (1, 12):
            return f"the {y1}s" if y1 > 0 else f"{y1}..{y2}"
        if precision == "century" and y2 == y1 + 99 and (m1, m2) == (1, 12) and y1 > 0:
            return f"the {_ordinal(y1 // 100 + 1)} century"
        if y1 == y2 and (m1, m2) == (1, 12):
            return year_words(y1)
        if y1 == y2 and m1 == m2:
            return f"{_MONTHS[m1 - 1]} {year_words(y1)}"
        if precision == "quarter" and y1 == y2 and m1 % 3 == 1 and m2 == m1 + 2:
            return f"Q{(m1 - 1) // 3 + 1} {year_words(y1)}"
        if precision == "half" and y1 == y2 and m2 == m1 + 5 and m1 in (1, 7):
            return f"{'first' if m1 == 1 else 'second'} half of {year_words(y1)}"
        if precision == "season" and m1 in _SEASONS and (y2 * 12 + m2) - (y1 * 12 + m1) == 2:
            return f"{_SEASONS[m1]} {year_words(y1)}"
        if y1 == y2:
            return f"{_MONTHS[m1 - 1]} to {_MONTHS[m2 - 1]} {year_words(y1)}"
        return f"{_MONTHS[m1 - 1]} {year_words(y1)} to {_MONTHS[m2 - 1]} {year_words(y2)}"
    if (y1, m1) == (y2, m2):
        return f"between {d1} and {d2} {_MONTHS[m1 - 1]} {year_words(y1)}"
    if y1 == y2:
        return f"between {d1} {_SHORT[m1 - 1]} and {d2} {_SHORT[m2 - 1]} {year_words(y1)}"
    return f"between {day_words(lo, weekday=False, short=True)} and {day_words(hi, weekday=False, short=True)}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def time_words(start_at: str | None, end_at: str | None, zone: str | None, part: str | None = None) -> str:
    """Give a time of day in words: '9:39 p.m. PT', 'morning (06:00-12:00 PT)', '' when there is none."""
    from datetime import datetime

    from ..dates.times import _clock_words, zone_label

    if start_at is None:
        return ""
    start = datetime.fromisoformat(start_at)
    end = datetime.fromisoformat(end_at) if end_at else start
    label = zone_label(zone, start)
    if zone and start.tzinfo is not None and zone[0] not in "+-" and label != "UTC":
        from ..dates.times import _tz

        if start.astimezone(_tz(zone)).utcoffset() != start.utcoffset():  # "14:00 GMT" in a London summer
            offset = start.isoformat()[-6:]
            label = "GMT" if offset in ("+00:00", "-00:00") else f"UTC{offset}"
    tail = f" {label}" if label else ""
    if part is None and start == end:
        return f"{_clock_words(start.hour, start.minute)}{tail}"
    hours = f"{start:%H:%M}-{end:%H:%M}{tail}"
    return f"{part} ({hours})" if part else hours


def _part_of(date: ResolvedDate) -> str | None:
    marker = date.rule.rfind("daypart-")
    return date.rule[marker + 8:].replace("-", " ") if marker >= 0 and date.precision == "daypart" else None


def resolved_words(date: ResolvedDate) -> str:
    """Give words for one resolved phrase: a span ("since March") from its start to its end, "..." when open; a
    time of day beside its day ("Fri 17 May 2024, morning (06:00-12:00 PT)")."""
    if date.kind == "span":
        first = day_words(date.start, weekday=False, short=True) if date.start else "..."
        last = day_words(date.end, weekday=False, short=True) if date.end else "..."
        return f"{first} - {last}"
    words = range_words(date.start, date.end if date.start_at is None else date.start, date.precision)
    if date.start_at is None:
        return words
    return f"{words}, {time_words(date.start_at, date.end_at, date.zone, _part_of(date))}"


def record_words(record: Record) -> str:
    """Give the display date of a record: a day, a range it lies in, or a span; with its time of day, if any."""
    if record.start_at is not None or record.end_at is not None:
        return _timed_words(record)
    if record.kind == "point":
        return range_words(record.start, record.end, record.precision)
    exact_start = record.start == record.start_latest
    exact_end = record.end == record.end_earliest
    lo, hi = record.start, record.end
    if exact_start and exact_end and lo is not None and hi is not None and record.precision != "day":
        sides = _edtf_side_words(record.edtf, lo, hi)  # "since March": from March 2024 to 17 May 2024
        if sides is not None:
            return f"from {sides[0]} to {sides[1]}"
    if exact_start and exact_end and lo is not None and hi is not None:
        (y1, m1, d1), (y2, m2, d2) = lo.ymd, hi.ymd
        if (y1, m1) == (y2, m2):
            return f"{d1}-{d2} {_SHORT[m1 - 1]} {year_words(y1)}"
        if y1 == y2:
            return f"{d1} {_SHORT[m1 - 1]} - {d2} {_SHORT[m2 - 1]} {year_words(y1)}"
        return f"{day_words(lo, weekday=False, short=True)} - {day_words(hi, weekday=False, short=True)}"
    last = _side(record.end_earliest, record.end, record)
    if record.start is None:  # "until Sunday": a span with no known start, in words that read back
        return f"until {last}"
    first = _side(record.start, record.start_latest, record)
    return f"{first} - {last}"


_EDTF_SIDE = re.compile(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _edtf_side_words(edtf: str, lo: Day, hi: Day) -> tuple[str, str] | None:
    """Give the two sides of a span's EDTF (`2024-03/2024-05-17`) in words ("March 2024", "17 May 2024"), each
    as precise as it is written there, so that "from A to B" reads back at the record's precision; None when
    the EDTF is not two plain dates that begin at `lo` and end at `hi`."""
    parts = edtf.split("/")
    if len(parts) != 2:
        return None
    words, days = [], []
    for part in parts:
        found = _EDTF_SIDE.fullmatch(part)
        if found is None:
            return None
        year, month, day = int(found[1]), found[2], found[3]
        if day is not None and month is not None:
            first = last = Day.of(year, int(month), int(day))
            words.append(day_words(first, weekday=False))
        elif month is not None:
            first, last = Day.of(year, int(month), 1), Day.of(year, int(month), days_in_month(year, int(month)))
            words.append(f"{_MONTHS[int(month) - 1]} {year_words(year)}")
        else:
            first, last = Day.of(year, 1, 1), Day.of(year, 12, 31)
            words.append(year_words(year))
        days.append((first, last))
    if days[0][0] != lo or days[1][1] != hi:
        return None
    return words[0], words[1]


def _side(lo: Day | None, hi: Day | None, record: Record) -> str:
    if lo is not None and lo == hi:
        return day_words(lo, weekday=False, short=True)
    precision = "month" if lo and hi and _whole_month(lo, hi) else "day"
    return range_words(lo, hi, precision)


def _timed_words(record: Record) -> str:
    """Give the display date of a record with a time of day: its day (or span) and the time beside it."""
    timed = next((d.when for d in record.dates if d.when.start_at == record.start_at and d.when.start_at), None)
    if record.kind == "point" and timed is not None and record.end_at == timed.end_at:
        return resolved_words(timed)
    first = day_words(record.start) if record.start else "?"
    if record.start_at is not None:
        first += ", " + time_words(record.start_at, record.start_at, record.zone)
    last_day = record.end
    last = day_words(last_day) if last_day else "?"
    if record.end_at is not None:
        last += ", " + time_words(record.end_at, record.end_at, record.zone)
    return f"{first} - {last}"


#: How a phrase read against another event says where it lies from that event, as the hover text puts it before
#: the other event's title: (pattern on the phrase in lower case, words). First match wins.
_RELATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), w) for p, w in (
    (r"the (?:next|following|subsequent) (.+)", r"the \1 after"),            # the next day: the day after
    (r"the (?:previous|preceding|prior) (.+)", r"the \1 before"),            # the previous night: the night before
    (r"(later|earlier) (?:that|the same|that same) (.+)", r"\1 the same \2 as"),  # later that month
    (r"(?:that|the same|that same) (.+)", r"the same \1 as"),                # that night: the same night as
    (r"(.+?) (?:later|after|afterwards|afterward|on|hence)", r"\1 after"),    # two days later: two days after
    (r"(.+?) (?:earlier|before|prior|beforehand)", r"\1 before"),           # three days earlier: three days before
))


def relation_words(phrase: str) -> str:
    """Give where a phrase read against another event puts it, in words that go before that event's title:
    "two days later" -> "two days after", "the next day" -> "the day after", "that night" -> "the same night as",
    "later that month" -> "later the same month as"; any other phrase -> "“within days”, counted from"."""
    flat = " ".join(phrase.split())
    lower = flat.lower().rstrip(".,;")
    for pattern, words in _RELATIONS:
        if pattern.fullmatch(lower):
            return pattern.sub(words, lower)
    return f"\u201c{flat}\u201d, counted from"


def counted_from_words(record: Record, title_of: Callable[[str], str]) -> str | None:
    """Give the line saying which event a record's own date counts from ("two days after: The board removes Sam
    Altman"), with `title_of` giving an event id's title; None when it counts from its source."""
    claim = record.own.claim
    if claim.relative_to is None:
        return None
    return f"{relation_words(claim.when)}: {title_of(claim.relative_to)}"

