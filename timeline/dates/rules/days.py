"""Rules for days: vague references, days, weekdays, month-days, holidays, open ranges, neighbouring days."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as vocab
from ...calendar import MONTH_NAMES, WEEKDAY_NAMES, Day, days_in_month, month_end, month_start, week_span, year_words
from ...model import Tense
from ..edtf import _edtf_of
from ..match import _RULES, _Rule, _rule
from ..span import (_Context, _day, _fmt, _nearest, _one_day, _Refusal, _span, _Span, _sub_period, _weekday_on_or_after,
                    _weekday_on_or_before, _year_of)


# --- rules: vague ------------------------------------------------------------------------------------------------

def _vague(ctx: _Context, kind: str) -> _Span:
    anchor = ctx.need_anchor()
    if kind == "past":
        return _Span(None, anchor, "past", "vague-past", f"some time before {_fmt(anchor)}")
    if kind == "present":
        return _Span(anchor, anchor, "present", "vague-present", f"around {_fmt(anchor)}")
    return _Span(anchor, None, "future", "vague-future", f"some time after {_fmt(anchor)}")


@_rule("vague-units-ago", "vague-recent-units")
def _vague_units(ctx: _Context, values: list[Any]) -> _Span | None:
    """'several years ago', 'recent years': a vague past, not a made-up count; 'days later', 'a few weeks
    after': a vague future from the day after the anchor."""
    if values and values[-1] == 1:
        anchor = ctx.need_anchor()
        return _Span(anchor.plus(1), None, "future", "vague-units-after-anchor", f"some time after {_fmt(anchor)}")
    return _vague(ctx, "past")


@_rule("hours-after-anchor", "hours-before-anchor")
def _hours(ctx: _Context, values: list[Any]) -> _Span | None:
    """'two hours later', 'minutes earlier', '36 hours later': counted from a day (any time of it), the day itself
    and the day or days the hours may reach into; without a count ('hours later'), less than a day."""
    anchor = ctx.need_anchor()
    direction, counted = values[-1], values[:-1]
    total = counted[0] * counted[1] if len(counted) == 2 and isinstance(counted[0], int) else 1  # minutes
    near, far = total // 1440, (total + 1439) // 1440
    if direction > 0:
        lo, hi, words = anchor.plus(near), anchor.plus(far), "after"
    else:
        lo, hi, words = anchor.plus(-far), anchor.plus(-near), "before"
    return _span((lo, hi), "day", f"hours-{words}-anchor", f"hours {words} a moment of {_fmt(anchor)}")


# --- rules: days -------------------------------------------------------------------------------------------------

_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "day-before-yesterday": -2,
                "day-after-tomorrow": 2, "same-day-as-anchor": 0, "day-after-anchor": 1, "day-before-anchor": -1}
_DAY_WORDS = {0: "the anchor day,", -1: "the day before", 1: "the day after", -2: "two days before",
              2: "two days after"}


def _day_offset_rule(name: str) -> _Rule:
    offset = _DAY_OFFSETS[name]

    def rule(ctx: _Context, values: list[Any]) -> _Span:
        anchor = ctx.need_anchor()
        return _day(anchor.plus(offset), name, f"{_DAY_WORDS[offset]} {_fmt(anchor)}")
    return rule


for _name in _DAY_OFFSETS:
    _RULES[_name] = _day_offset_rule(_name)


@_rule("earlier-same-day")
def _earlier_same_day(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[1]
    return sub if sub.precision == "day" else None


@_rule("day-part")
def _day_part(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[0]
    return sub if sub.precision == "day" else None


# --- rules: weekdays ---------------------------------------------------------------------------------------------

@_rule("weekday-nearest-anchor")
def _weekday_bare(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[0]
    if ctx.tense == "future":
        return _day(_weekday_on_or_after(anchor, weekday), "weekday-on-or-after-anchor",
                    f"the next {WEEKDAY_NAMES[weekday]} on or after {_fmt(anchor)}")
    if ctx.tense == "either":
        # News names a weekday for the days just past and for the day after publication ("meets Tuesday" in a
        # story filed Monday); a weekday six days back is written "last Tuesday" or as a date.
        ahead = vocab.WEEKDAY_DAYS_AHEAD
        return _day(_weekday_on_or_before(anchor.plus(ahead), weekday), "weekday-near-anchor",
                    f"the {WEEKDAY_NAMES[weekday]} among the week up to {ahead} day(s) after {_fmt(anchor)}")
    return _day(_weekday_on_or_before(anchor, weekday), "weekday-on-or-before-anchor",
                f"the most recent {WEEKDAY_NAMES[weekday]} on or before {_fmt(anchor)}")


@_rule("weekday-before-anchor")
def _weekday_before(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[1]
    return _day(_weekday_on_or_before(anchor.plus(-1), weekday), "weekday-before-anchor",
                f"the most recent {WEEKDAY_NAMES[weekday]} before {_fmt(anchor)}")


@_rule("weekday-after-anchor")
def _weekday_after(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[-1]
    return _day(_weekday_on_or_after(anchor.plus(1), weekday), "weekday-after-anchor",
                f"the first {WEEKDAY_NAMES[weekday]} after {_fmt(anchor)}")


@_rule("weekday-on-or-after-anchor")
def _weekday_coming(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[-1]
    return _day(_weekday_on_or_after(anchor, weekday), "weekday-on-or-after-anchor",
                f"the first {WEEKDAY_NAMES[weekday]} on or after {_fmt(anchor)}")


@_rule("weekday-in-anchor-week")
def _weekday_this(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    weekday = values[1] if isinstance(values[1], int) else values[0]
    monday = week_span(anchor)[0]
    return _day(monday.plus(weekday), "weekday-in-anchor-week",
                f"the {WEEKDAY_NAMES[weekday]} of the ISO week of {_fmt(anchor)}")


def _check_weekday(day: Day, weekday: int) -> None:
    """Refuse a stated weekday that the date contradicts ("Tuesday, May 15, 2024")."""
    if day.weekday() != weekday:
        raise _Refusal(f"{_fmt(day)[4:]} is a {WEEKDAY_NAMES[day.weekday()]}, not a {WEEKDAY_NAMES[weekday]}; check "
                       "the weekday and the date")


def _date_rule(name: str, *, month_first: bool, weekday: bool, year: bool) -> _Rule:
    """Give the rule for a month-day phrase: month first or day first, with or without weekday and year."""

    def rule(ctx: _Context, values: list[Any]) -> _Span | None:
        ints = [v for v in values if isinstance(v, int)]
        stated = ints.pop(0) if weekday else None
        month, day_number = (ints[0], ints[1]) if month_first else (ints[1], ints[0])
        if day_number > (29 if month == 2 else days_in_month(2001, month)):
            raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number} does not exist; fix the day")
        if year:
            year_number = _year_of(values[-1])
            if year_number is None:
                return None
            if day_number > days_in_month(year_number, month):
                raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number}, {year_words(year_number)} does not exist; "
                               "fix the day or the year")
            found = Day.of(year_number, month, day_number)
            if stated is not None:
                _check_weekday(found, stated)
            return _day(found, "date", f"{_fmt(found)}")
        anchor = ctx.need_anchor()
        if stated is not None:
            return _month_day_on_weekday(anchor, stated, month, day_number)
        if ctx.tense == "either":
            around = anchor.year
            candidates = [(Day.of(y, month, day_number),) * 2 for y in range(around - 4, around + 5)
                          if day_number <= days_in_month(y, month)]
            found = _nearest(candidates, anchor)[0]
            return _day(found, "month-day-nearest-anchor",
                        f"the {MONTH_NAMES[month - 1]} {day_number} nearest {_fmt(anchor)}")
        found = _month_day_recent(anchor, month, day_number, ctx.tense)
        future = ctx.tense == "future"
        return _day(found, "month-day-on-or-after-anchor" if future else "month-day-without-year",
                    f"the {'first' if future else 'most recent'} {MONTH_NAMES[month - 1]} {day_number} "
                    f"{'on or after' if future else 'on or before'} {_fmt(anchor)}")
    return rule


for _name, _month_first_, _weekday_, _year_ in (
        ("month-day-without-year", True, False, False), ("day-month-without-year", False, False, False),
        ("month-day-year", True, False, True), ("day-month-year", False, False, True),
        ("weekday-month-day", True, True, False), ("weekday-day-month", False, True, False),
        ("weekday-month-day-year", True, True, True), ("weekday-day-month-year", False, True, True)):
    _RULES[_name] = _date_rule(_name, month_first=_month_first_, weekday=_weekday_, year=_year_)


def _month_day_on_weekday(anchor: Day, weekday: int, month: int, day_number: int) -> _Span:
    # News leaves the year out only for dates near publication: the stated weekday picks between the occurrences
    # within `vocabulary.WEEKDAY_DATE_WINDOW` days of the anchor; when none of them falls on it, the two disagree
    # (a slip in the weekday or the date), which is said, not mended by moving to a distant year.
    best: Day | None = None
    window = vocab.WEEKDAY_DATE_WINDOW
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day_number > days_in_month(year, month):
            continue
        candidate = Day.of(year, month, day_number)
        distance = abs(candidate.ordinal - anchor.ordinal)
        if distance <= window and candidate.weekday() == weekday and (
                best is None or distance < abs(best.ordinal - anchor.ordinal)):
            best = candidate
    if best is None:
        near = sorted((Day.of(y, month, day_number) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                       if day_number <= days_in_month(y, month)), key=lambda c: abs(c.ordinal - anchor.ordinal))
        shown = [c for c in near if abs(c.ordinal - anchor.ordinal) <= window] or near[:1]
        facts = ", ".join(f"{_fmt(c)[4:]} is a {WEEKDAY_NAMES[c.weekday()]}" for c in shown)
        raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number} near {_fmt(anchor)} is not a {WEEKDAY_NAMES[weekday]} "
                       f"({facts}); check the weekday and the date, or give the year")
    return _day(best, "weekday-month-day", f"the {MONTH_NAMES[month - 1]} {day_number} nearest {_fmt(anchor)} "
                f"that is a {WEEKDAY_NAMES[weekday]}")


@_rule("weekday-of-date")
def _weekday_of_date(ctx: _Context, values: list[Any]) -> _Span | None:
    weekday: int = values[0]
    sub: _Span = values[1]
    if sub.precision == "day" and sub.start is not None:
        _check_weekday(sub.start, weekday)
        return sub
    if sub.precision == "week" and sub.start is not None and sub.end is not None \
            and sub.end.ordinal - sub.start.ordinal == 6:
        return _day(sub.start.plus(weekday), "weekday-of-week", f"the {WEEKDAY_NAMES[weekday]} of {sub.explanation}")
    return None


def _month_day_recent(anchor: Day, month: int, day_number: int, tense: Tense) -> Day:
    step = 1 if tense == "future" else -1
    year = anchor.year
    for _ in range(9):  # February 29 recurs within 8 years
        if day_number <= days_in_month(year, month):
            candidate = Day.of(year, month, day_number)
            if (candidate.ordinal <= anchor.ordinal) if step < 0 else (candidate.ordinal >= anchor.ordinal):
                return candidate
        year += step
    raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number} does not exist; fix the day")


# --- rules: holidays ---------------------------------------------------------------------------------------------

def _easter(year: int) -> Day:
    """Give Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return Day.of(year, month, day)


def _holiday(name: str, year: int) -> Day:
    how = vocab.HOLIDAYS[name]
    if isinstance(how, vocab.Fixed):
        return Day.of(year, how.month, how.day)
    if isinstance(how, vocab.AfterEaster):
        return _easter(year).plus(how.days)
    if isinstance(how, vocab.ElectionDay):
        return _weekday_on_or_after(Day.of(year, 11, 1), 0).plus(1)
    if how.n == -1:
        return _weekday_on_or_before(month_end(year, how.month), how.weekday)
    first = _weekday_on_or_after(month_start(year, how.month), how.weekday)
    return first.plus(7 * (how.n - 1))


def _holiday_rule(name: str) -> _Rule:
    def rule(ctx: _Context, values: list[Any]) -> _Span | None:
        holiday = next(v for v in values if isinstance(v, str) and v in vocab.HOLIDAYS)
        label = vocab.HOLIDAY_LABELS.get(holiday, holiday.capitalize())
        if name == "holiday-of-year":
            year = _year_of(values[-1])
            if year is None:
                return None
            found = _holiday(holiday, year)
            return _day(found, name, f"{label} {year_words(year)}, {_fmt(found)}")
        anchor = ctx.need_anchor()
        around = [_holiday(holiday, y) for y in range(anchor.year - 1, anchor.year + 2)]
        if name == "holiday-in-anchor-year":
            found = around[1]
        elif name == "holiday-before-anchor":
            found = [h for h in around if h < anchor][-1]
        elif name == "holiday-after-anchor":
            found = next(h for h in around if h > anchor)
        elif ctx.tense == "future":
            found = next(h for h in around if h >= anchor)
        elif ctx.tense == "either":
            found = _nearest([(h, h) for h in around], anchor)[0]
        else:
            found = [h for h in around if h <= anchor][-1]
        if name == "holiday-week":
            return _span(week_span(found), "week", name, f"the ISO week of {label}, {_fmt(found)}")
        return _day(found, name, f"{label}, {_fmt(found)}, as read against {_fmt(anchor)}")
    return rule


for _name in ("holiday-without-year", "holiday-before-anchor", "holiday-after-anchor", "holiday-in-anchor-year",
              "holiday-of-year", "holiday-week"):
    _RULES[_name] = _holiday_rule(_name)


# --- rules: open ranges and neighbouring days --------------------------------------------------------------------

@_rule("open-after")
def _open_after(ctx: _Context, values: list[Any]) -> _Span | None:
    sub = next(v for v in values if isinstance(v, _Span))
    if sub.start is None:
        return None
    return _Span(sub.start, None, sub.precision, "open-after", f"from {_fmt(sub.start)} on",
                 edtf=f"{_edtf_of(sub, None)}/..")


@_rule("open-before")
def _open_before(ctx: _Context, values: list[Any]) -> _Span | None:
    sub = next(v for v in values if isinstance(v, _Span))
    if sub.end is None:
        return None
    return _Span(None, sub.end, sub.precision, "open-before", f"up to {_fmt(sub.end)}",
                 edtf=f"../{_edtf_of(sub, None)}")


@_rule("day-before-date", "day-after-date")
def _neighbour_day(ctx: _Context, values: list[Any]) -> _Span | None:
    day = _one_day(values[-1])
    if day is None:
        return None
    step = -1 if values[1] == "before" else 1
    return _day(day.plus(step), f"day-{values[1]}-date", f"the day {values[1]} {_fmt(day)}")


@_rule("final-quarter-of-year")
def _final_quarter(ctx: _Context, values: list[Any]) -> _Span | None:
    kind, year = values[1], _year_of(values[-1])
    if year is None:
        return None
    n = 4 if kind == "quarter" else 2
    return _span(_sub_period(kind, year, n), kind, "final-quarter-of-year",
                 f"the last {kind} of {year_words(year)}")
