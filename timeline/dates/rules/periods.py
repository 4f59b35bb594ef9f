"""Rules for periods: n units ago and spans, weeks, months, quarters, halves, seasons, years and longer, narrowing."""

from __future__ import annotations

import re
from typing import Any, Literal

from .. import vocabulary as vocab
from ...calendar import (MONTH_NAMES, Day, add_months, days_in_month, month_end, month_span, month_start,
                         months_span, week_span, year_span, year_words)
from ..edtf import _read_edtf
from ..match import _RULES, _Rule, _rule
from ..span import (_UNIT_PRECISION, _Context, _day, _fmt, _latest_completed, _nearest, _one_day, _period,
                    _period_shifted, _shift, _span, _Span, _sub_period, _weekday_on_or_after, _weekday_on_or_before,
                    _year_of)


# --- rules: n units ago, spans -----------------------------------------------------------------------------------

def _counting_rule(text: str, direction: int) -> str:
    """Give the rule name the phrase's own last counting word says (`vocabulary.AGO_RULES`): "two days later" is
    `n-units-after-anchor`, "three days earlier" `n-units-before-anchor`, "two days ago" `n-units-ago`."""
    for word in reversed(re.findall(r"[a-z]+", text.lower())):
        if word in vocab.AGO_RULES:
            return vocab.AGO_RULES[word]
    return "n-units-ago" if direction < 0 else "n-units-from-now"


@_rule("n-units-ago", "n-units-from-now", "n-units-after-anchor", "n-units-before-anchor")
def _units_ago(ctx: _Context, values: list[Any]) -> _Span | None:
    n, unit = values[0], values[1]
    direction = values[2] if isinstance(values[2], int) else 1
    anchor = ctx.need_anchor()
    target = _shift(anchor, unit, direction * n)
    precision = _UNIT_PRECISION[unit]
    rule = _counting_rule(ctx.text, direction)
    last = ctx.period_end()
    if last is not None:  # counted from another event's period: that period, moved
        moved = (target, _shift(last, unit, direction * n))
        return _span(moved, "day", rule, f"{n} {unit}(s) {'before' if direction < 0 else 'after'} "
                     f"{_fmt(anchor)} .. {_fmt(last)}")
    words = f"{n} {unit}{'s' if n != 1 else ''} {'before' if direction < 0 else 'after'} {_fmt(anchor)}"
    if unit in ("decade", "century"):  # "a decade ago" names a year, not a whole decade
        return _span(year_span(target.year), "year", rule, f"the year {words}")
    return _span(_period(unit, target), precision, rule, f"the {precision} {words}")


@_rule("n-units-exactly")
def _units_exactly(ctx: _Context, values: list[Any]) -> _Span | None:
    """'exactly five years later': the same day that many units on (months and years clamp to a month's end)."""
    n, unit, direction = values[1], values[2], values[3]
    anchor = ctx.need_anchor()
    target = _shift(anchor, unit, direction * n)
    return _day(target, "n-units-exactly", f"exactly {n} {unit}{'s' if n != 1 else ''} "
                f"{'before' if direction < 0 else 'after'} {_fmt(anchor)}")


@_rule("one-unit-ago")
def _one_unit_ago(ctx: _Context, values: list[Any]) -> _Span | None:
    return _units_ago(ctx, [1, values[0], values[1]])


@_rule("past-n-units")
def _past_units(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    n, unit = (values[1], values[2]) if len(values) == 3 else (1, values[1])
    start = _shift(anchor, unit, -n)
    return _span((start, anchor), _UNIT_PRECISION[unit], "past-n-units",
                 f"the {n} {unit}(s) up to {_fmt(anchor)}")


@_rule("next-n-units")
def _next_units(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    n, unit = values[1], values[2]
    return _span((anchor, _shift(anchor, unit, n)), _UNIT_PRECISION[unit], "next-n-units",
                 f"the {n} {unit}(s) from {_fmt(anchor)}")


@_rule("earlier-this-unit", "later-this-unit")
def _earlier_this(ctx: _Context, values: list[Any]) -> _Span | None:
    anchor = ctx.need_anchor()
    unit = values[2]
    if unit == "day":  # "later that day" is the day of the event it counts from; "later today" the source's
        rule = "same-day-as-anchor" if values[1] == "that" else "today"
        return _day(anchor, rule, f"the anchor day, {_fmt(anchor)}")
    start, end = _period(unit, anchor)
    precision = _UNIT_PRECISION[unit]
    if values[0] == "earlier":
        if anchor == start:  # nothing of the period lies before the anchor but the anchor day itself
            return _day(anchor, "earlier-this-unit", f"the first day of this {unit}, {_fmt(anchor)}")
        return _span((start, anchor.plus(-1)), precision, "earlier-this-unit",
                     f"this {unit} up to the day before {_fmt(anchor)}")
    if anchor == end:
        return _day(anchor, "later-this-unit", f"the last day of this {unit}, {_fmt(anchor)}")
    return _span((anchor.plus(1), end), precision, "later-this-unit", f"this {unit} after {_fmt(anchor)}")


@_rule("this-unit", "last-unit", "next-unit", "same-period-as-anchor")
def _unit_deixis(ctx: _Context, values: list[Any]) -> _Span | None:
    unit = values[-1]
    if unit not in _UNIT_PRECISION:
        return None
    anchor = ctx.need_anchor()
    word = values[0] if len(values) == 2 else "this"
    step = -1 if word in vocab.LAST_WORDS or word == "latest" else 1 if word in vocab.NEXT_WORDS else 0
    rule = {-1: "last-unit", 0: "this-unit", 1: "next-unit"}[step]
    if word in ("that", "same"):
        rule = "same-period-as-anchor"
    bounds = _period_shifted(unit, anchor, step)
    which = {-1: "the previous", 0: "the", 1: "the next"}[step]
    return _span(bounds, _UNIT_PRECISION[unit], rule, f"{which} {unit} of {_fmt(anchor)}")


@_rule("year-earlier")
def _year_earlier(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    last = ctx.period_end()
    if last is not None:  # counted from another event's period: that period, a year back
        return _span((_shift(anchor, "year", -1), _shift(last, "year", -1)), "day", "year-earlier",
                     f"a year before {_fmt(anchor)} .. {_fmt(last)}")
    return _span(year_span(anchor.year - 1), "year", "year-earlier", f"the year before {_fmt(anchor)}")


@_rule("year-earlier-quarter")
def _year_earlier_quarter(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    kind = values[2]
    last = ctx.period_end()
    start, _ = _latest_completed(anchor if last is None else last.plus(1), kind)
    shifted = _shift(start, "year", -1)
    size = 3 if kind == "quarter" else 6
    bounds = _sub_period(kind, shifted.year, (shifted.month - 1) // size + 1)
    return _span(bounds, kind, "year-earlier-quarter",
                 f"the {kind} a year before the latest completed {kind} at {_fmt(anchor)}")


# --- rules: weeks and weekends -----------------------------------------------------------------------------------

def _weekend_of(day: Day) -> tuple[Day, Day]:
    monday = week_span(day)[0]
    return monday.plus(5), monday.plus(6)


@_rule("weekend-nearest-anchor")
def _weekend(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    if ctx.tense == "future":
        saturday = _weekday_on_or_after(anchor.plus(-1), 5)
        return _span((saturday, saturday.plus(1)), "week", "weekend-on-or-after-anchor",
                     f"the first weekend not over by {_fmt(anchor)}")
    saturday = _weekday_on_or_before(anchor, 5)
    return _span((saturday, saturday.plus(1)), "week", "weekend-on-or-before-anchor",
                 f"the most recent weekend begun by {_fmt(anchor)}")


@_rule("this-weekend", "last-weekend", "next-weekend")
def _weekend_deixis(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    word = values[0]
    step = -7 if word in vocab.LAST_WORDS else 7 if word in vocab.NEXT_WORDS else 0
    rule = {-7: "last-weekend", 0: "this-weekend", 7: "next-weekend"}[step]
    return _span(_weekend_of(anchor.plus(step)), "week", rule,
                 f"Saturday-Sunday of the {'previous ' if step < 0 else 'next ' if step else ''}ISO week of "
                 f"{_fmt(anchor)}")


@_rule("weekend-of-day")
def _weekend_of_day(ctx: _Context, values: list[Any]) -> _Span | None:
    day = _one_day(values[-1])
    if day is None:
        return None
    return _span(_weekend_of(day), "week", "weekend-of-day", f"Saturday-Sunday of the ISO week of {_fmt(day)}")


@_rule("week-of-day")
def _week_of(ctx: _Context, values: list[Any]) -> _Span | None:
    day = _one_day(values[-1])
    if day is None:
        return None
    return _span(week_span(day), "week", "week-of-day", f"the ISO week of {_fmt(day)}")


# --- rules: months -----------------------------------------------------------------------------------------------

@_rule("month-without-year")
def _month_bare(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[0]
    if ctx.tense == "future":
        year = anchor.year if month >= anchor.month else anchor.year + 1
        return _span(month_span(year, month), "month", "month-on-or-after-anchor",
                     f"the first {MONTH_NAMES[month - 1]} on or after {_fmt(anchor)}")
    if ctx.tense == "either":
        year = anchor.year
        candidates = [month_span(y, month) for y in (year - 1, year, year + 1)]
        return _span(_nearest(candidates, anchor), "month", "month-nearest-anchor",
                     f"the {MONTH_NAMES[month - 1]} nearest {_fmt(anchor)}")
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return _span(month_span(year, month), "month", "month-without-year",
                 f"the most recent {MONTH_NAMES[month - 1]} on or before {_fmt(anchor)}")


@_rule("month-before-anchor")
def _month_last(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[1]
    year = anchor.year if month < anchor.month else anchor.year - 1
    return _span(month_span(year, month), "month", "month-before-anchor",
                 f"the most recent {MONTH_NAMES[month - 1]} before the month of {_fmt(anchor)}")


@_rule("month-after-anchor")
def _month_next(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[1]
    year = anchor.year if month > anchor.month else anchor.year + 1
    return _span(month_span(year, month), "month", "month-after-anchor",
                 f"the first {MONTH_NAMES[month - 1]} after the month of {_fmt(anchor)}")


@_rule("month-in-anchor-year")
def _month_this(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[1]
    return _span(month_span(anchor.year, month), "month", "month-in-anchor-year",
                 f"{MONTH_NAMES[month - 1]} of the year of {_fmt(anchor)}")


@_rule("month-of-year")
def _month_of_year(ctx: _Context, values: list[Any]) -> _Span | None:
    month, year = values[0], _year_of(values[-1])
    if year is None:
        return None
    return _span(month_span(year, month), "month", "month-of-year", f"{MONTH_NAMES[month - 1]} {year_words(year)}")


# --- rules: quarters, halves, seasons ----------------------------------------------------------------------------

def _ordinal_kind(values: list[Any]) -> tuple[Literal["quarter", "half"], int] | None:
    for value in (values[0], values[-1]):  # a code like "Q3" or "H1", read as (kind, n) by its pattern
        if isinstance(value, tuple):
            return ("quarter" if value[0] == "quarter" else "half"), value[1]
    ints = [v for v in values if isinstance(v, int)]
    kinds = [v for v in values if v in ("quarter", "half")]
    if not ints or not kinds:
        return None
    n = ints[0]
    kind: Literal["quarter", "half"] = "quarter" if kinds[0] == "quarter" else "half"
    if not 1 <= n <= (4 if kind == "quarter" else 2):
        return None
    return kind, n


@_rule("ordinal-quarter-without-year")
def _quarter_bare(ctx: _Context, values: list[Any]) -> _Span | None:
    found = _ordinal_kind(values)
    if found is None:
        return None
    kind, n = found
    anchor = ctx.need_anchor()
    current = (anchor.month - 1) // (3 if kind == "quarter" else 6) + 1
    if ctx.tense == "future":
        year = anchor.year if n >= current else anchor.year + 1
        where = "the first one not before"
    else:
        year = anchor.year if n <= current else anchor.year - 1
        where = "the most recent one not after"
    label = f"{'Q' if kind == 'quarter' else 'H'}{n}"
    return _span(_sub_period(kind, year, n), kind, f"ordinal-{kind}-without-year",
                 f"{label} {year}, {where} the {kind} of {_fmt(anchor)}")


@_rule("ordinal-quarter-of-year", "year-ordinal-quarter")
def _quarter_of_year(ctx: _Context, values: list[Any]) -> _Span | None:
    found = _ordinal_kind([v for v in values if not isinstance(v, _Span)])
    spans = [v for v in values if isinstance(v, _Span)]
    if found is None or not spans:
        return None
    year = _year_of(spans[0])
    if year is None:
        return None
    kind, n = found
    return _span(_sub_period(kind, year, n), kind, f"{kind}-of-year",
                 f"{'Q' if kind == 'quarter' else 'H'}{n} {year_words(year)}")


@_rule("latest-quarter")
def _latest_quarter(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    last = ctx.period_end()  # another event's period: the latest completed by its end
    return _span(_latest_completed(anchor if last is None else last.plus(1), "quarter"), "quarter", "latest-quarter",
                 f"the most recent quarter completed before {_fmt(anchor)}")


@_rule("latest-half")
def _latest_half(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    last = ctx.period_end()  # another event's period: the latest completed by its end
    return _span(_latest_completed(anchor if last is None else last.plus(1), "half"), "half", "latest-half",
                 f"the most recent half-year completed before {_fmt(anchor)}")


def _season(name: str, year: int) -> tuple[Day, Day]:
    first, count, _ = vocab.SEASON_SPANS[name]
    return months_span(year, first, count)


def _season_rule(name: str) -> _Rule:
    def rule(ctx: _Context, values: list[Any]) -> _Span | None:
        season = next(v for v in values if isinstance(v, str) and v in vocab.SEASON_SPANS)
        anchor = ctx.need_anchor()
        candidates = [(_season(season, y), y) for y in range(anchor.year - 2, anchor.year + 2)]
        if name == "season-without-year":
            if ctx.tense == "future":
                bounds, year = next(c for c in candidates if c[0][1] >= anchor)
                return _span(bounds, "season", "season-on-or-after-anchor",
                             f"the first {season} not over by {_fmt(anchor)}")
            if ctx.tense == "either":
                return _span(_nearest([c[0] for c in candidates], anchor), "season", "season-nearest-anchor",
                             f"the {season} nearest {_fmt(anchor)}")
            bounds, year = [c for c in candidates if c[0][0] <= anchor][-1]
            return _span(bounds, "season", name, f"the most recent {season} begun by {_fmt(anchor)}")
        if name == "season-before-anchor":
            bounds, year = [c for c in candidates if c[0][1] < anchor][-1]
            return _span(bounds, "season", name, f"the most recent {season} over before {_fmt(anchor)}")
        if name == "season-after-anchor":
            bounds, year = next(c for c in candidates if c[0][0] > anchor)
            return _span(bounds, "season", name, f"the first {season} beginning after {_fmt(anchor)}")
        year = anchor.year - 1 if season == "winter" and anchor.month <= 2 else anchor.year
        return _span(_season(season, year), "season", name, f"the {season} of the year of {_fmt(anchor)}")
    return rule


for _name in ("season-without-year", "season-before-anchor", "season-after-anchor", "season-of-anchor-year"):
    _RULES[_name] = _season_rule(_name)


@_rule("season-of-year")
def _season_of_year(ctx: _Context, values: list[Any]) -> _Span | None:
    season, year = values[0], _year_of(values[-1])
    if year is None:
        return None
    return _span(_season(season, year), "season", "season-of-year", f"{season} {year_words(year)}")


# --- rules: years, decades, centuries ----------------------------------------------------------------------------

@_rule("year")
def _year(ctx: _Context, values: list[Any]) -> _Span | None:
    year = next((v for v in values if isinstance(v, int)), None)
    if not isinstance(year, int) or year > 9999:
        return None
    return _span(year_span(year), "year", "year", f"the year {year}")


@_rule("year-with-era")
def _year_era(ctx: _Context, values: list[Any]) -> _Span | None:
    return _era_span(values[0], values[1])


@_rule("era-year")
def _era_year(ctx: _Context, values: list[Any]) -> _Span | None:
    return _era_span(values[1], values[0])


def _era_span(number: int, sign: int) -> _Span | None:
    if not 1 <= number <= 9999:
        return None
    year = number if sign > 0 else 1 - number
    return _span(year_span(year), "year", "year-with-era", f"the year {year_words(year)}")


@_rule("fiscal-year")
def _fiscal_year(ctx: _Context, values: list[Any]) -> _Span | None:
    number = values[1]
    if number >= 100:
        year = number
    else:
        anchor = ctx.need_anchor()
        century = anchor.year - anchor.year % 100
        year = min((century - 100 + number, century + number, century + 100 + number),
                   key=lambda y: abs(y - anchor.year))
    return _span(year_span(year), "year", "fiscal-year",
                 f"fiscal {year}, taken as the calendar year {year}")


@_rule("decade")
def _decade(ctx: _Context, values: list[Any]) -> _Span:
    start = values[0]
    return _span((Day.of(start, 1, 1), Day.of(start + 9, 12, 31)), "decade", "decade", f"the {start}s")


@_rule("decade-two-digit")
def _decade_short(ctx: _Context, values: list[Any]) -> _Span | None:
    if values[0] % 10:
        return None
    anchor = ctx.need_anchor()
    century = anchor.year - anchor.year % 100
    start = century + values[0] if century + values[0] <= anchor.year else century - 100 + values[0]
    return _span((Day.of(start, 1, 1), Day.of(start + 9, 12, 31)), "decade", "decade-two-digit",
                 f"the {start}s, the most recent '{values[0]:02d}s by {_fmt(anchor)}")


@_rule("century")
def _century(ctx: _Context, values: list[Any]) -> _Span | None:
    n = values[0]
    if not 1 <= n <= 100:
        return None
    if len(values) == 3 and values[2] < 0:
        first, last = 1 - n * 100, -(n - 1) * 100
    else:
        first, last = (n - 1) * 100, (n - 1) * 100 + 99
    return _span((Day.of(first, 1, 1), Day.of(last, 12, 31)), "century", "century",
                 f"the {n}th century, {year_words(first)}-{year_words(last)}")


@_rule("edtf")
def _edtf_token(ctx: _Context, values: list[Any]) -> _Span | None:
    return _read_edtf(values[0])


# --- rules: narrowing --------------------------------------------------------------------------------------------

#: The whole calendar unit a narrowing word can cut: precision -> (sub-unit, how many of them).
_WHOLE_UNITS = {"week": ("day", 7), "month": ("month", 1), "quarter": ("month", 3), "season": ("month", 3),
                "half": ("month", 6), "year": ("month", 12), "decade": ("year", 10), "century": ("year", 100)}


def _is_whole_unit(span: _Span) -> bool:
    """Give whether a span is exactly one calendar unit of its precision (not already cut, not a weekend)."""
    if span.start is None or span.end is None or span.precision not in _WHOLE_UNITS:
        return False
    sub_unit, count = _WHOLE_UNITS[span.precision]
    if sub_unit == "day":
        return span.start.weekday() == 0 and span.end.ordinal - span.start.ordinal == count - 1
    y, m, d = span.start.ymd
    ey, em, ed = span.end.ymd
    if d != 1 or ed != days_in_month(ey, em):
        return False
    if sub_unit == "month":
        return (ey, em) == add_months(y, m, count - 1)
    return m == 1 and em == 12 and ey == y + count - 1


def _narrow(span: _Span, modifier: str) -> _Span | None:
    """Give the early/mid/late/end part of a whole calendar unit; a day stays itself; anything else is unread."""
    if span.precision == "day":
        return span
    if not _is_whole_unit(span) or span.start is None or span.end is None:
        return None
    unit, parts = vocab.NARROWING[span.precision]
    first, last = parts[modifier]
    if unit == "day":
        start = span.start.plus(first)
        end = span.end if last is None else min(span.end, span.start.plus(last))
    elif unit == "month":
        y, m, _ = span.start.ymd
        start = month_start(*add_months(y, m, first))
        end = span.end if last is None else min(span.end, month_end(*add_months(y, m, last)))
    else:
        y = span.start.year
        start = Day.of(y + first, 1, 1)
        end = span.end if last is None else min(span.end, Day.of(y + last, 12, 31))
    return _Span(start, end, span.precision, f"{modifier}-{span.rule}", f"the {modifier} part of "
                 f"{span.explanation}")


@_rule("part-of-period")
def _part_of(ctx: _Context, values: list[Any]) -> _Span | None:
    return _narrow(values[-1], values[0])


@_rule("part-of-period-after")
def _part_of_after(ctx: _Context, values: list[Any]) -> _Span | None:
    return _narrow(values[0], values[1])
