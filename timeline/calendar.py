"""Calendar days on the proleptic Gregorian calendar, with astronomical years (1 BC is year 0).

Python's `datetime.date` (and so pendulum) stops at year 1; chronologies reach further back, so every
resolved bound is a `Day`, ordered by its day number. Arithmetic follows Howard Hinnant's
days-from-civil algorithms, exact for any year; for years 1..9999, the ones nearly every log holds, conversions
go through the C `datetime.date` instead (same answers, several times faster: the resolver makes and reads days
on its hot path).

The names of weekdays and months, and a day in words ("Fri 17 May 2024"), live here too, once: the resolver's
explanations and every renderer write days with them.
"""

from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache


class FrozenInstanceError(AttributeError):
    """A Day was given a new value (dataclasses.FrozenInstanceError's name and kind, without importing it)."""

MIN_YEAR = -9999
MAX_YEAR = 9999

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
WEEKDAY_ABBREVIATIONS = tuple(name[:3] for name in WEEKDAY_NAMES)  # Mon .. Sun
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)  # Jan .. Dec ("Sep")

_EPOCH = _date(1970, 1, 1).toordinal()  # datetime's number of Day(0)
_FIRST_FAST = 1 - _EPOCH  # Day ordinals of 0001-01-01 and 9999-12-31: the C date's range
_LAST_FAST = _date.max.toordinal() - _EPOCH

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ISO_DAY = re.compile(r"^([+-]?)(\d{4,5})-(\d{2})-(\d{2})$")


def is_leap(year: int) -> bool:
    """Give whether `year` (astronomical) is a Gregorian leap year."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Give the number of days in `month` of `year`."""
    if month == 2 and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _days_from_civil(y: int, m: int, d: int) -> int:
    y -= m <= 2
    era = y // 400  # floor division: no C-style correction for negative years
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@lru_cache(maxsize=1 << 16)  # a log's days repeat across records, rows and every output: remembered
def _civil_from_days(z: int) -> tuple[int, int, int]:
    if _FIRST_FAST <= z <= _LAST_FAST:
        found = _date.fromordinal(z + _EPOCH)
        return found.year, found.month, found.day
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


class Day:
    """One calendar day; `ordinal` is days since 1970-01-01 and is what orders days.

    Written out as `@dataclass(frozen=True, slots=True, order=True)` would make it (the same equality, order, hash,
    repr and refusal to change), because importing dataclasses (and the inspect module it needs) was a quarter of
    the start-up of a cached query, and every command needs a Day."""

    __slots__ = ("ordinal",)
    __match_args__ = ("ordinal",)
    ordinal: int

    def __init__(self, ordinal: int) -> None:
        object.__setattr__(self, "ordinal", ordinal)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def __repr__(self) -> str:
        return f"Day(ordinal={self.ordinal!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self.ordinal == other.ordinal
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.ordinal,))

    def __lt__(self, other: Day) -> bool:
        if other.__class__ is self.__class__:
            return self.ordinal < other.ordinal
        return NotImplemented

    def __le__(self, other: Day) -> bool:
        if other.__class__ is self.__class__:
            return self.ordinal <= other.ordinal
        return NotImplemented

    def __gt__(self, other: Day) -> bool:
        if other.__class__ is self.__class__:
            return self.ordinal > other.ordinal
        return NotImplemented

    def __ge__(self, other: Day) -> bool:
        if other.__class__ is self.__class__:
            return self.ordinal >= other.ordinal
        return NotImplemented

    def __getstate__(self) -> tuple[int]:
        return (self.ordinal,)

    def __setstate__(self, state: tuple[int]) -> None:
        object.__setattr__(self, "ordinal", state[0])

    @classmethod
    def of(cls, year: int, month: int, day: int) -> Day:
        """Give the day `year-month-day`, or raise ValueError for a day that does not exist."""
        if 1 <= year <= 9999:
            try:
                return cls(_date(year, month, day).toordinal() - _EPOCH)
            except (ValueError, TypeError):
                pass  # the checks below word the error
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}")
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist")
        if not 1 <= day <= days_in_month(year, month):
            raise ValueError(f"{year:04d}-{month:02d}-{day:02d} does not exist")
        return cls(_days_from_civil(year, month, day))

    @classmethod
    def from_date(cls, value: object) -> Day:
        """Give the Day of a `datetime.date` (or pendulum Date)."""
        return cls.of(value.year, value.month, value.day)  # type: ignore[attr-defined]

    @classmethod
    def parse(cls, text: str) -> Day:
        """Give the Day of an ISO 8601 day, `YYYY-MM-DD` or signed `-0043-03-15`; ValueError otherwise."""
        m = _ISO_DAY.match(text.strip())
        if not m:
            raise ValueError(f"'{text}' is not a YYYY-MM-DD date")
        sign, y, mo, d = m.groups()
        year = -int(y) if sign == "-" else int(y)
        return cls.of(year, int(mo), int(d))

    @property
    def ymd(self) -> tuple[int, int, int]:
        """Give (year, month, day)."""
        return _civil_from_days(self.ordinal)

    @property
    def year(self) -> int:
        return self.ymd[0]

    @property
    def month(self) -> int:
        return self.ymd[1]

    @property
    def day(self) -> int:
        return self.ymd[2]

    def weekday(self) -> int:
        """Give the ISO weekday index, Monday 0 .. Sunday 6."""
        return (self.ordinal + 3) % 7  # 1970-01-01 was a Thursday

    def plus(self, days: int) -> Day:
        """Give the day `days` later (earlier when negative)."""
        return Day(self.ordinal + days)

    def iso(self) -> str:
        """Give ISO 8601: `2024-05-14`, or with a sign outside 0..9999 (`-0043-03-15`)."""
        return _iso(self.ordinal)

    def iso_week(self) -> tuple[int, int]:
        """Give the ISO (week-year, week number) of this day."""
        thursday = self.plus(3 - self.weekday())
        week_year = thursday.year
        first = Day.of(week_year, 1, 1)
        return week_year, (thursday.ordinal - first.ordinal) // 7 + 1

    def to_date(self) -> _date:
        """Give a `datetime.date`; ValueError for years before 1."""
        return _date(*self.ymd)

    def __str__(self) -> str:
        return self.iso()


@lru_cache(maxsize=1 << 16)
def _iso(ordinal: int) -> str:
    if _FIRST_FAST <= ordinal <= _LAST_FAST:
        return _date.fromordinal(ordinal + _EPOCH).isoformat()
    y, m, d = _civil_from_days(ordinal)
    return f"{format_year(y)}-{m:02d}-{d:02d}"


def format_year(year: int) -> str:
    """Give a year as ISO 8601 writes it: four digits, signed below 0 (`-0043` is 44 BC)."""
    if year < 0:
        return f"-{-year:04d}"
    return f"{year:04d}"


def month_start(year: int, month: int) -> Day:
    """Give the first day of a month."""
    return Day.of(year, month, 1)


def month_end(year: int, month: int) -> Day:
    """Give the last day of a month."""
    return Day.of(year, month, days_in_month(year, month))


def year_span(year: int) -> tuple[Day, Day]:
    """Give the first and last day of a year."""
    return Day.of(year, 1, 1), Day.of(year, 12, 31)


def month_span(year: int, month: int) -> tuple[Day, Day]:
    """Give the first and last day of a month."""
    return Day.of(year, month, 1), Day.of(year, month, days_in_month(year, month))


def months_span(year: int, first_month: int, count: int) -> tuple[Day, Day]:
    """Give the first day of `first_month` of `year` and the last day of the `count`-th month from it."""
    last_year, last_month = add_months(year, first_month, count - 1)
    return Day.of(year, first_month, 1), Day.of(last_year, last_month, days_in_month(last_year, last_month))


def week_span(day: Day) -> tuple[Day, Day]:
    """Give the Monday and Sunday of the ISO week of `day`."""
    monday = day.plus(-day.weekday())
    return monday, monday.plus(6)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """Give (year, month) `n` months after (year, month)."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def iso_week_monday(week_year: int, week: int) -> Day:
    """Give the Monday of ISO week `week` of `week_year`."""
    jan4 = Day.of(week_year, 1, 4)
    return jan4.plus(-jan4.weekday() + (week - 1) * 7)


def weeks_in_year(week_year: int) -> int:
    """Give 52 or 53, the number of ISO weeks in `week_year`."""
    return Day.of(week_year, 12, 28).iso_week()[1]


def bounds_text(lo: Day | None, hi: Day | None, *, between: str = "..", once: bool = True) -> str:
    """Give bounds as ISO text, `...` for an open side: `2024-05-13..2024-05-16`, `...` `between` them.

    One day is written once (`2024-05-14`) unless `once` is False; the explanations put " .. " between."""
    first = lo.iso() if lo else "..."
    last = hi.iso() if hi else "..."
    return first if once and first == last else f"{first}{between}{last}"


def year_words(year: int) -> str:
    """Give a year for reading: 2024, 44 BC for astronomical -43, AD 999 (a bare 999 would not read as a year)."""
    return f"{1 - year} BC" if year <= 0 else str(year) if year >= 1000 else f"AD {year}"


def day_words(day: Day, *, weekday: bool = True, short: bool = False) -> str:
    """Give "Tue 14 May 2024": without the weekday "14 May 2024"; `short` months "Fri 17 Sep 2024"."""
    y, m, d = day.ymd
    month = MONTH_ABBREVIATIONS[m - 1] if short else MONTH_NAMES[m - 1]
    text = f"{d} {month} {year_words(y)}"
    return f"{WEEKDAY_ABBREVIATIONS[day.weekday()]} {text}" if weekday else text
