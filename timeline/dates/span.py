"""What every rule shares: a rule's answer (`_Span`), one resolution's context, a refusal, and the calendar periods
rules count in ("the week of", "three months before", "the latest completed quarter")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from . import vocabulary as vocab
from ..calendar import Day, add_months, day_words, days_in_month, month_span, months_span, week_span, year_span
from ..model import Precision, Tense


# --- results -----------------------------------------------------------------------------------------------------

class _Span(NamedTuple):
    """A rule's answer before it becomes a ResolvedDate.

    A NamedTuple, not a frozen dataclass: as immutable, and built several times per phrase on the hot path, where
    a frozen dataclass's __init__ (one object.__setattr__ per field) costs several times more."""

    start: Day | None  # earliest day
    end: Day | None  # latest day
    precision: Precision
    rule: str  # rule name
    explanation: str  # how, in words
    edtf: str | None = None  # set when the bounds alone do not say it (open intervals, EDTF input)
    kind: str = "point"  # "span": a stretch from start to end ("since March"), not one moment in it


class _Context:
    """What one resolution needs; mutable only to note whether the anchor was used and to memoise sub-phrases.

    A plain slotted class rather than a dataclass: one is made per phrase, and this is the hot path."""

    __slots__ = ("anchor", "tense", "text", "used_anchor", "depth", "memo", "last", "used_last")

    def __init__(self, anchor: Day | None, tense: Tense, text: str, last: Day | None = None) -> None:
        self.anchor = anchor  # the day phrases are read against
        self.last = last  # read against another event's period: its last day (the anchor is its first)
        self.used_last = False  # whether a rule counted the whole period
        self.tense = tense  # one of TENSES
        self.text = text  # the phrase as written, for messages
        self.used_anchor = False  # whether a rule needed the anchor
        self.depth = 0  # sub-phrase nesting
        self.memo: dict[tuple[str, ...], _Span | None] = {}  # sub-phrase results

    def need_anchor(self) -> Day:
        """Give the anchor, or refuse: the phrase is relative."""
        if self.anchor is None:
            raise _Refusal(f"'{_shown(self.text)}' is relative and needs a source with a `published` date "
                           "or an `anchor`", whole=True)
        self.used_anchor = True
        return self.anchor

    def period_end(self) -> Day | None:
        """Give the last day of the anchor's period when the anchor is another event's period, else None; a rule
        that counts the whole period ("a year earlier" than the third quarter is the third quarter a year back)
        asks for it."""
        if self.last is None or self.depth:
            return None
        self.used_last = True
        return self.last


class _Refusal(Exception):
    """A rule found the phrase readable but wrong (impossible day, contradicting weekday)."""

    def __init__(self, reason: str, *, whole: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.whole = whole  # the reason is a full message, not a suffix


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


# --- periods -----------------------------------------------------------------------------------------------------

def _fmt(day: Day) -> str:
    """Give 'Fri 17 May 2024': a day as the explanations write it."""
    return day_words(day, short=True)


def _shift(day: Day, unit: str, n: int) -> Day:
    """Give the day `n` units after `day` (months and years clamp to the month's last day)."""
    if unit == "day":
        return day.plus(n)
    if unit in ("week", "fortnight"):
        return day.plus(n * (14 if unit == "fortnight" else 7))
    y, m, d = day.ymd
    y, m = add_months(y, m, _UNIT_MONTHS[unit] * n)
    return Day.of(y, m, min(d, days_in_month(y, m)))


_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}


def _period_shifted(unit: str, day: Day, n: int) -> tuple[Day, Day]:
    """Give the calendar period of `unit` that is `n` periods after the one containing `day`."""
    if unit in ("day", "week", "fortnight"):
        return _period(unit, _shift(day, unit, n))
    y, m, _ = day.ymd
    y, m = add_months(y, m, _UNIT_MONTHS[unit] * n)
    return _period_of_month(unit, y, m)


#: unit -> the precision of "this <unit>" and friends.
_UNIT_PRECISION: dict[str, Precision] = {
    "day": "day", "week": "week", "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year",
    "decade": "decade", "century": "century"}


def _period(unit: str, day: Day) -> tuple[Day, Day]:
    """Give the calendar period of `unit` that contains `day`."""
    if unit == "day":
        return day, day
    if unit in ("week", "fortnight"):
        return week_span(day)
    y, m, _ = day.ymd
    return _period_of_month(unit, y, m)


def _period_of_month(unit: str, y: int, m: int) -> tuple[Day, Day]:
    """Give the period of `unit` (month or longer) that contains month `m` of year `y`."""
    if unit == "month":
        return month_span(y, m)
    if unit == "quarter":
        return months_span(y, (m - 1) // 3 * 3 + 1, 3)
    if unit == "year":
        return year_span(y)
    if unit == "decade":
        return Day.of(y - y % 10, 1, 1), Day.of(y - y % 10 + 9, 12, 31)
    return Day.of(y - y % 100, 1, 1), Day.of(y - y % 100 + 99, 12, 31)


def _span(bounds: tuple[Day, Day], precision: Precision, rule: str, explanation: str) -> _Span:
    return _Span(bounds[0], bounds[1], precision, rule, explanation)


def _day(day: Day, rule: str, explanation: str) -> _Span:
    return _Span(day, day, "day", rule, explanation)


# --- helpers several rule groups use -----------------------------------------------------------------------------

def _weekday_on_or_before(day: Day, weekday: int) -> Day:
    return day.plus(-((day.weekday() - weekday) % 7))


def _weekday_on_or_after(day: Day, weekday: int) -> Day:
    return day.plus((weekday - day.weekday()) % 7)


def _nearest(candidates: Sequence[tuple[Day, Day]], anchor: Day) -> tuple[Day, Day]:
    """Give the candidate span nearest the anchor: one containing it, else the nearest, the future weighed
    `vocabulary.FUTURE_DISTANCE_WEIGHT` times as far (news reports the past more often than it announces)."""
    def distance(span: tuple[Day, Day]) -> float:
        start, end = span
        if start <= anchor <= end:
            return 0
        if end < anchor:
            return anchor.ordinal - end.ordinal
        return (start.ordinal - anchor.ordinal) * vocab.FUTURE_DISTANCE_WEIGHT
    return min(sorted(candidates), key=distance)


def _one_day(sub: _Span) -> Day | None:
    """Give the day a sub-phrase names when it is exactly one day ("the week of May 17"), else None."""
    return sub.start if sub.precision == "day" else None


def _year_of(sub: Any) -> int | None:
    """Give the year a sub-phrase names when it is exactly one whole year ("2023", "last year"), else None."""
    if isinstance(sub, _Span) and sub.precision == "year" and sub.start is not None and sub.end is not None:
        y, m, d = sub.start.ymd
        if (m, d) == (1, 1) and sub.end.ymd == (y, 12, 31):
            return y
    return None


def _sub_period(kind: str, year: int, n: int) -> tuple[Day, Day]:
    size = 3 if kind == "quarter" else 6
    return months_span(year, (n - 1) * size + 1, size)


def _latest_completed(anchor: Day, kind: str) -> tuple[Day, Day]:
    size = 3 if kind == "quarter" else 6
    index = (anchor.month - 1) // size
    year, month = add_months(anchor.year, index * size + 1, -size)
    return months_span(year, month, size)
