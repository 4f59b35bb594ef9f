"""Days across the whole range, BCE included, agree with datetime where datetime reaches."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, strategies as st

from timeline.calendar import (Day, add_months, day_words, format_year, iso_week_monday, month_span, months_span,
                               week_span, weeks_in_year, year_span, year_words)

LOW, HIGH = Day.of(-9999, 1, 1).ordinal, Day.of(9999, 12, 31).ordinal


@given(st.integers(LOW, HIGH))
def test_ordinal_round_trips(ordinal: int) -> None:
    day = Day(ordinal)
    assert Day.of(*day.ymd) == day
    assert Day.parse(day.iso()) == day


@given(st.dates())
def test_agrees_with_datetime(date: datetime.date) -> None:
    day = Day.from_date(date)
    assert day.ymd == (date.year, date.month, date.day)
    assert day.weekday() == date.weekday()
    assert day.iso_week() == tuple(date.isocalendar())[:2]
    assert day.to_date() == date
    assert day.ordinal == (date - datetime.date(1970, 1, 1)).days


@pytest.mark.parametrize("text,year,iso", [
    ("-0043-03-15", -43, "-0043-03-15"),   # the Ides of March, 44 BC
    ("0000-02-29", 0, "0000-02-29"),       # 1 BC was a leap year
    ("1066-10-14", 1066, "1066-10-14"),
])
def test_bce_and_early_days(text: str, year: int, iso: str) -> None:
    assert Day.parse(text).year == year and Day.parse(text).iso() == iso


@pytest.mark.parametrize("bad", ["2023-02-29", "2024-13-01", "2024-00-10", "-10000-01-01", "24-05-17", "2024/05/17"])
def test_impossible_days_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        Day.parse(bad)


def test_iso_weeks_at_year_ends() -> None:
    assert Day.parse("2021-01-03").iso_week() == (2020, 53)
    assert iso_week_monday(2020, 53) == Day.parse("2020-12-28")
    assert iso_week_monday(2025, 1) == Day.parse("2024-12-30")
    assert weeks_in_year(2020) == 53 and weeks_in_year(2021) == 52


def test_month_arithmetic_and_years() -> None:
    assert add_months(2024, 1, -1) == (2023, 12)
    assert add_months(0, 1, -1) == (-1, 12)
    assert format_year(-43) == "-0043" and format_year(2024) == "2024"


# the C-date fast path (years 1..9999) and the exact arithmetic (every year) meet at 0001-01-01 and 9999-12-31
@pytest.mark.parametrize("iso", ["0000-12-30", "0000-12-31", "0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31",
                                 "-9999-01-02", "1970-01-01", "1969-12-31"])
def test_fast_and_exact_paths_agree_at_their_border(iso: str) -> None:
    day = Day.parse(iso)
    assert day.iso() == iso and Day.of(*day.ymd) == day
    assert day.plus(1).ordinal - day.ordinal == 1 and Day.of(*day.plus(-1).ymd) == day.plus(-1)


@pytest.mark.parametrize("ymd,message", [
    ((2023, 2, 29), "2023-02-29 does not exist"),
    ((2024, 13, 1), "month 13 does not exist"),
    ((2024, 4, 31), "2024-04-31 does not exist"),
    ((10000, 1, 1), "year 10000 is outside -9999..9999"),
])
def test_impossible_days_say_why(ymd: tuple[int, int, int], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        Day.of(*ymd)


def test_days_in_words() -> None:
    assert day_words(Day.parse("2024-05-17")) == "Fri 17 May 2024"
    assert day_words(Day.parse("2024-09-17"), short=True) == "Tue 17 Sep 2024"
    assert day_words(Day.parse("2024-09-17"), weekday=False) == "17 September 2024"
    assert day_words(Day.parse("-0043-03-15"), short=True) == "Fri 15 Mar 44 BC"
    assert year_words(0) == "1 BC" and year_words(2024) == "2024"


def test_spans() -> None:
    assert year_span(2024) == (Day.parse("2024-01-01"), Day.parse("2024-12-31"))
    assert month_span(2024, 2) == (Day.parse("2024-02-01"), Day.parse("2024-02-29"))
    assert months_span(2023, 12, 3) == (Day.parse("2023-12-01"), Day.parse("2024-02-29"))
    assert week_span(Day.parse("2024-05-17")) == (Day.parse("2024-05-13"), Day.parse("2024-05-19"))


# Day is written by hand (no dataclasses import on a cached query's path): it behaves as the frozen, ordered,
# slotted dataclass it was.
@given(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6))
def test_days_compare_hash_and_print_as_their_ordinals(a: int, b: int) -> None:
    assert (Day(a) == Day(b)) == (a == b) and (Day(a) != Day(b)) == (a != b)
    assert (Day(a) < Day(b), Day(a) <= Day(b), Day(a) > Day(b), Day(a) >= Day(b)) == (a < b, a <= b, a > b, a >= b)
    assert (hash(Day(a)) == hash(Day(b))) if a == b else True
    assert repr(Day(a)) == f"Day(ordinal={a})"


def test_a_day_is_frozen_and_compares_only_with_days() -> None:
    import copy
    import pickle

    day = Day(19860)
    with pytest.raises(AttributeError, match="cannot assign to field 'ordinal'"):
        day.ordinal = 1
    with pytest.raises(AttributeError):
        day.other = 1
    with pytest.raises(AttributeError):
        del day.ordinal
    assert day != 19860 and day != "2024-05-17"
    with pytest.raises(TypeError):
        _ = day < 19861  # type: ignore[operator]
    assert pickle.loads(pickle.dumps(day)) == day and copy.deepcopy(day) == day and copy.copy(day) is not None
    assert {Day(1): "a"}[Day(1)] == "a" and sorted([Day(3), Day(1), Day(2)]) == [Day(1), Day(2), Day(3)]
    match day:
        case Day(ordinal):
            assert ordinal == 19860
