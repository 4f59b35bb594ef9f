"""Table-driven tests of `resolve_phrase`: one row per phrase, grouped by rule."""

from __future__ import annotations

import contextlib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import vocabulary as vocab
from timeline.calendar import Day
from timeline.errors import PhraseError
from timeline.model import PRECISIONS
from timeline.dates.resolve import (MAX_PHRASE_CHARS, clear_cache, describe_rules, infer_tense, resolve_phrase,
                                    rule_names)


def d(text: str) -> Day:
    return Day.parse(text)


VERGE = "2024-05-17"  # The Verge, Friday 17 May 2024: the seed story
MONDAY = "2024-05-13"
SUNDAY = "2024-05-19"
NEW_YEAR = "2024-01-02"  # a Tuesday, just over the year boundary
LEAP = "2024-02-29"
WEEK53 = "2021-01-03"  # a Sunday in ISO week 2020-W53
OCT89 = "1989-10-25"  # a Wednesday in late October: third-quarter earnings season
NOV89 = "1989-11-02"  # a Thursday in the fourth quarter

# (phrase, anchor, start, end, precision, edtf); edtf None = not checked
ROWS = [
    # seed story
    ("Tuesday", VERGE, "2024-05-14", "2024-05-14", "day", "2024-05-14"),
    ("earlier this week", VERGE, "2024-05-13", "2024-05-16", "week", "2024-05-13/2024-05-16"),
    ("Friday morning", VERGE, "2024-05-17", "2024-05-17", "day", "2024-05-17"),
    ("last July", VERGE, "2023-07-01", "2023-07-31", "month", "2023-07"),
    ("last year", VERGE, "2023-01-01", "2023-12-31", "year", "2023"),
    # weekdays
    ("Friday", VERGE, "2024-05-17", "2024-05-17", "day", None),  # the anchor's own day
    ("on Friday", VERGE, "2024-05-17", "2024-05-17", "day", None),
    ("Saturday", VERGE, "2024-05-11", "2024-05-11", "day", None),
    ("Thursday night", VERGE, "2024-05-16", "2024-05-16", "day", None),
    ("wednesday evening", VERGE, "2024-05-15", "2024-05-15", "day", None),
    ("Tues.", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("last Tuesday", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("last Friday", VERGE, "2024-05-10", "2024-05-10", "day", None),  # strictly before the anchor
    ("next Tuesday", VERGE, "2024-05-21", "2024-05-21", "day", None),
    ("next Friday", VERGE, "2024-05-24", "2024-05-24", "day", None),  # strictly after
    ("this coming Friday", VERGE, "2024-05-17", "2024-05-17", "day", None),  # on or after
    ("this Tuesday", VERGE, "2024-05-14", "2024-05-14", "day", None),  # in the anchor's ISO week
    ("Monday", NEW_YEAR, "2024-01-01", "2024-01-01", "day", None),
    ("Wednesday", NEW_YEAR, "2023-12-27", "2023-12-27", "day", None),  # across the year boundary
    ("Sunday", WEEK53, "2021-01-03", "2021-01-03", "day", None),
    ("9 a.m. Tuesday", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("Tuesday last week", VERGE, "2024-05-07", "2024-05-07", "day", None),
    ("Tuesday, May 14, 2024", None, "2024-05-14", "2024-05-14", "day", "2024-05-14"),
    ("Friday, Oct. 25", "2024-10-20", "2024-10-25", "2024-10-25", "day", None),  # weekday picks the year
    ("this coming Sunday, March eighth", "1998-03-05", "1998-03-08", "1998-03-08", "day", None),
    # days
    ("today", VERGE, "2024-05-17", "2024-05-17", "day", "2024-05-17"),
    ("yesterday", VERGE, "2024-05-16", "2024-05-16", "day", None),
    ("yesterday", NEW_YEAR, "2024-01-01", "2024-01-01", "day", None),
    ("the day before yesterday", VERGE, "2024-05-15", "2024-05-15", "day", None),
    ("tomorrow", VERGE, "2024-05-18", "2024-05-18", "day", None),
    ("tomorrow", LEAP, "2024-03-01", "2024-03-01", "day", None),
    ("this morning", VERGE, "2024-05-17", "2024-05-17", "day", None),
    ("this afternoon", VERGE, "2024-05-17", "2024-05-17", "day", None),
    ("tonight", VERGE, "2024-05-17", "2024-05-17", "day", None),
    ("last night", VERGE, "2024-05-16", "2024-05-16", "day", None),
    ("late yesterday", VERGE, "2024-05-16", "2024-05-16", "day", None),
    ("earlier today", VERGE, "2024-05-17", "2024-05-17", "day", None),
    ("10 days ago", VERGE, "2024-05-07", "2024-05-07", "day", None),
    ("three days ago", "2024-03-01", "2024-02-27", "2024-02-27", "day", None),
    # weeks
    ("this week", VERGE, "2024-05-13", "2024-05-19", "week", "2024-05-13/2024-05-19"),
    ("last week", VERGE, "2024-05-06", "2024-05-12", "week", None),
    ("last week", NEW_YEAR, "2023-12-25", "2023-12-31", "week", None),
    ("next week", VERGE, "2024-05-20", "2024-05-26", "week", None),
    ("next week", WEEK53, "2021-01-04", "2021-01-10", "week", None),
    ("this week", WEEK53, "2020-12-28", "2021-01-03", "week", None),  # ISO week 2020-W53
    ("earlier this week", MONDAY, "2024-05-13", "2024-05-13", "day", None),  # Monday: only the day itself
    ("earlier in the week", VERGE, "2024-05-13", "2024-05-16", "week", None),
    ("later this week", VERGE, "2024-05-18", "2024-05-19", "week", None),
    ("late last week", VERGE, "2024-05-09", "2024-05-12", "week", None),
    ("six weeks ago", VERGE, "2024-04-01", "2024-04-07", "week", None),
    ("two weeks ago", NEW_YEAR, "2023-12-18", "2023-12-24", "week", None),
    ("the week of March 6", VERGE, "2024-03-04", "2024-03-10", "week", None),
    # weekends
    ("last weekend", VERGE, "2024-05-11", "2024-05-12", "week", "2024-05-11/2024-05-12"),
    ("last weekend", MONDAY, "2024-05-11", "2024-05-12", "week", None),
    ("this weekend", VERGE, "2024-05-18", "2024-05-19", "week", None),
    ("the weekend", VERGE, "2024-05-11", "2024-05-12", "week", None),
    ("the weekend", SUNDAY, "2024-05-18", "2024-05-19", "week", None),
    ("the weekend of May 11", VERGE, "2024-05-11", "2024-05-12", "week", None),
    ("next weekend", VERGE, "2024-05-25", "2024-05-26", "week", None),
    # months without a year
    ("in November", VERGE, "2023-11-01", "2023-11-30", "month", "2023-11"),
    ("May", VERGE, "2024-05-01", "2024-05-31", "month", "2024-05"),  # the anchor's own month
    ("last May", VERGE, "2023-05-01", "2023-05-31", "month", None),
    ("last April", VERGE, "2024-04-01", "2024-04-30", "month", None),
    ("this July", VERGE, "2024-07-01", "2024-07-31", "month", None),
    ("next July", VERGE, "2024-07-01", "2024-07-31", "month", None),
    ("in December", NEW_YEAR, "2023-12-01", "2023-12-31", "month", None),
    ("Dec. 29", NEW_YEAR, "2023-12-29", "2023-12-29", "day", "2023-12-29"),
    ("Sept. 30", VERGE, "2023-09-30", "2023-09-30", "day", None),
    ("May 14", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("14 May", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("May 18", VERGE, "2023-05-18", "2023-05-18", "day", None),  # after the anchor: last year's
    ("the 14th of May", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("February 29", "2025-03-01", "2024-02-29", "2024-02-29", "day", None),
    ("June last year", VERGE, "2023-06-01", "2023-06-30", "month", None),
    ("January this year", VERGE, "2024-01-01", "2024-01-31", "month", None),
    ("late November", VERGE, "2023-11-21", "2023-11-30", "month", None),
    ("early December", NEW_YEAR, "2023-12-01", "2023-12-10", "month", None),
    ("mid-November", VERGE, "2023-11-11", "2023-11-20", "month", None),
    # this / last / next month
    ("this month", VERGE, "2024-05-01", "2024-05-31", "month", "2024-05"),
    ("last month", VERGE, "2024-04-01", "2024-04-30", "month", None),
    ("last month", NEW_YEAR, "2023-12-01", "2023-12-31", "month", None),
    ("next month", VERGE, "2024-06-01", "2024-06-30", "month", None),
    ("earlier this month", VERGE, "2024-05-01", "2024-05-16", "month", None),
    ("two months ago", VERGE, "2024-03-01", "2024-03-31", "month", None),
    # years
    ("this year", VERGE, "2024-01-01", "2024-12-31", "year", "2024"),
    ("next year", VERGE, "2025-01-01", "2025-12-31", "year", None),
    ("earlier this year", VERGE, "2024-01-01", "2024-05-16", "year", None),
    ("earlier this year", "2024-01-01", "2024-01-01", "2024-01-01", "day", None),
    ("a year ago", VERGE, "2023-01-01", "2023-12-31", "year", "2023"),
    ("a year ago", LEAP, "2023-01-01", "2023-12-31", "year", None),
    ("four years ago", LEAP, "2020-01-01", "2020-12-31", "year", None),
    ("nearly four years ago", VERGE, "2020-01-01", "2020-12-31", "year", "2020~"),
    ("a year earlier", VERGE, "2023-01-01", "2023-12-31", "year", None),
    ("year-earlier", VERGE, "2023-01-01", "2023-12-31", "year", None),
    ("the past two years", VERGE, "2022-05-17", "2024-05-17", "year", "2022-05-17/2024-05-17"),
    ("the past two years", LEAP, "2022-02-28", "2024-02-29", "year", None),
    ("fiscal 1998", None, "1998-01-01", "1998-12-31", "year", "1998"),
    ("fiscal 1989", VERGE, "1989-01-01", "1989-12-31", "year", None),
    ("the end of the year", VERGE, "2024-12-01", "2024-12-31", "year", "2024-12"),
    ("by the end of the year", VERGE, None, "2024-12-31", "year", "../2024-12"),
    ("year-end", VERGE, "2024-12-01", "2024-12-31", "year", None),
    ("around year end", VERGE, "2024-12-01", "2024-12-31", "year", "2024-12~"),
    ("early next year", VERGE, "2025-01-01", "2025-04-30", "year", None),
    ("last year's", VERGE, "2023-01-01", "2023-12-31", "year", None),
    ("last year\u2019s", VERGE, "2023-01-01", "2023-12-31", "year", None),
    # quarters and halves
    ("Q3 2023", None, "2023-07-01", "2023-09-30", "quarter", "2023-07-01/2023-09-30"),
    ("2023 Q3", None, "2023-07-01", "2023-09-30", "quarter", None),
    ("the third quarter", OCT89, "1989-07-01", "1989-09-30", "quarter", None),  # just ended, being reported
    ("third-quarter", OCT89, "1989-07-01", "1989-09-30", "quarter", None),
    ("the fourth quarter", NOV89, "1989-10-01", "1989-12-31", "quarter", None),  # the current one
    ("the fourth quarter", OCT89, "1989-10-01", "1989-12-31", "quarter", None),
    ("the fourth quarter", VERGE, "2023-10-01", "2023-12-31", "quarter", None),
    ("the third quarter of last year", VERGE, "2023-07-01", "2023-09-30", "quarter", None),
    ("this year's third quarter", OCT89, "1989-07-01", "1989-09-30", "quarter", None),
    ("the fiscal first quarter", VERGE, "2024-01-01", "2024-03-31", "quarter", None),
    ("the latest quarter", OCT89, "1989-07-01", "1989-09-30", "quarter", None),
    ("the last quarter", NEW_YEAR, "2023-10-01", "2023-12-31", "quarter", None),
    ("the quarter", OCT89, "1989-07-01", "1989-09-30", "quarter", None),
    ("the year-earlier quarter", OCT89, "1988-07-01", "1988-09-30", "quarter", None),
    ("the year-ago period", OCT89, "1988-07-01", "1988-09-30", "quarter", None),
    ("the first half", VERGE, "2024-01-01", "2024-06-30", "half", "2024-01-01/2024-06-30"),
    ("the second half", VERGE, "2023-07-01", "2023-12-31", "half", None),
    ("the first half of 2023", None, "2023-01-01", "2023-06-30", "half", None),
    # seasons
    ("summer 2023", None, "2023-06-01", "2023-08-31", "season", "2023-22"),
    ("winter 2023", None, "2023-12-01", "2024-02-29", "season", "2023-24"),
    ("this summer", VERGE, "2024-06-01", "2024-08-31", "season", "2024-22"),
    ("last fall", VERGE, "2023-09-01", "2023-11-30", "season", "2023-23"),
    ("last autumn", "2023-10-10", "2022-09-01", "2022-11-30", "season", None),  # strictly before this one
    ("last winter", VERGE, "2023-12-01", "2024-02-29", "season", None),
    ("this winter", "2024-01-15", "2023-12-01", "2024-02-29", "season", None),
    ("spring", VERGE, "2024-03-01", "2024-05-31", "season", None),
    ("summer", VERGE, "2023-06-01", "2023-08-31", "season", None),
    ("next spring", VERGE, "2025-03-01", "2025-05-31", "season", None),
    ("late summer", VERGE, "2023-08-01", "2023-08-31", "season", None),
    # decades and centuries
    ("the 1990s", None, "1990-01-01", "1999-12-31", "decade", "199X"),
    ("the 1990's", None, "1990-01-01", "1999-12-31", "decade", "199X"),
    ("the '90s", VERGE, "1990-01-01", "1999-12-31", "decade", "199X"),
    ("the '20s", VERGE, "2020-01-01", "2029-12-31", "decade", "202X"),
    ("mid-1990s", None, "1993-01-01", "1996-12-31", "decade", "1993-01-01/1996-12-31"),
    ("the early 1990s", None, "1990-01-01", "1993-12-31", "decade", None),
    ("the late 1970s", None, "1976-01-01", "1979-12-31", "decade", None),
    ("the 20th century", None, "1900-01-01", "1999-12-31", "century", "19XX"),
    ("the twentieth century", None, "1900-01-01", "1999-12-31", "century", None),
    ("the twenty-first century", None, "2000-01-01", "2099-12-31", "century", "20XX"),
    ("this century", VERGE, "2000-01-01", "2099-12-31", "century", None),
    ("a decade ago", VERGE, "2014-01-01", "2014-12-31", "year", None),
    # absolute dates
    ("2024-05-14", None, "2024-05-14", "2024-05-14", "day", "2024-05-14"),
    ("2024-05-14", VERGE, "2024-05-14", "2024-05-14", "day", "2024-05-14"),
    ("17 November 2023", None, "2023-11-17", "2023-11-17", "day", "2023-11-17"),
    ("Nov. 17, 2023", None, "2023-11-17", "2023-11-17", "day", None),
    ("November 17, 2023", None, "2023-11-17", "2023-11-17", "day", None),
    ("November 17th, 2023", None, "2023-11-17", "2023-11-17", "day", None),
    ("November 2023", None, "2023-11-01", "2023-11-30", "month", "2023-11"),
    ("2023", None, "2023-01-01", "2023-12-31", "year", "2023"),
    ("1066", None, "1066-01-01", "1066-12-31", "year", "1066"),
    ("in 1066", None, "1066-01-01", "1066-12-31", "year", None),
    ("nineteen ninety-six", None, "1996-01-01", "1996-12-31", "year", "1996"),
    ("the year two thousand", None, "2000-01-01", "2000-12-31", "year", None),
    ("February 29, 2024", None, "2024-02-29", "2024-02-29", "day", None),
    # years before 1 AD
    ("44 BC", None, "-0043-01-01", "-0043-12-31", "year", "-0043"),
    ("44 BCE", None, "-0043-01-01", "-0043-12-31", "year", "-0043"),
    ("44 b.c.", None, "-0043-01-01", "-0043-12-31", "year", "-0043"),
    ("AD 79", None, "0079-01-01", "0079-12-31", "year", "0079"),
    ("79 AD", None, "0079-01-01", "0079-12-31", "year", "0079"),
    ("1 BC", None, "0000-01-01", "0000-12-31", "year", "0000"),
    ("-0043", None, "-0043-01-01", "-0043-12-31", "year", "-0043"),
    ("March 15, 44 BC", None, "-0043-03-15", "-0043-03-15", "day", "-0043-03-15"),
    ("the 5th century BC", None, "-0499-01-01", "-0400-12-31", "century", None),
    # EDTF levels 0 and 1
    ("2023-07", None, "2023-07-01", "2023-07-31", "month", "2023-07"),
    ("2024-05-14?", None, "2024-05-14", "2024-05-14", "day", "2024-05-14?"),
    ("2023~", None, "2023-01-01", "2023-12-31", "year", "2023~"),
    ("2023-07%", None, "2023-07-01", "2023-07-31", "month", "2023-07%"),
    ("201X", None, "2010-01-01", "2019-12-31", "decade", "201X"),
    ("19XX", None, "1900-01-01", "1999-12-31", "century", "19XX"),
    ("2023-11-17/2023-11-22", None, "2023-11-17", "2023-11-22", "day", "2023-11-17/2023-11-22"),
    ("../2024", None, None, "2024-12-31", "year", "../2024"),
    ("2024-05/..", None, "2024-05-01", None, "month", "2024-05/.."),
    ("2023-21", None, "2023-03-01", "2023-05-31", "season", "2023-21"),
    ("2023-24", None, "2023-12-01", "2024-02-29", "season", "2023-24"),
    ("2024-XX", None, "2024-01-01", "2024-12-31", "year", None),
    ("Tuesday?", VERGE, "2024-05-14", "2024-05-14", "day", "2024-05-14?"),
    ("last week?", VERGE, "2024-05-06", "2024-05-12", "week", "2024-05-06?/2024-05-12?"),
    # holidays (United States practice)
    ("Thanksgiving", VERGE, "2023-11-23", "2023-11-23", "day", None),
    ("Thanksgiving Day", "2000-01-07", "1999-11-25", "1999-11-25", "day", None),
    ("last Thanksgiving", "1999-11-30", "1999-11-25", "1999-11-25", "day", None),
    ("Christmas 2023", None, "2023-12-25", "2023-12-25", "day", "2023-12-25"),
    ("Christmas Eve", VERGE, "2023-12-24", "2023-12-24", "day", None),
    ("New Year's Day", VERGE, "2024-01-01", "2024-01-01", "day", None),
    ("Easter", VERGE, "2024-03-31", "2024-03-31", "day", None),
    ("Easter 2000", None, "2000-04-23", "2000-04-23", "day", None),
    ("Good Friday", VERGE, "2024-03-29", "2024-03-29", "day", None),
    ("Easter week", VERGE, "2024-03-25", "2024-03-31", "week", None),
    ("Memorial Day", VERGE, "2023-05-29", "2023-05-29", "day", None),
    ("next Memorial Day", VERGE, "2024-05-27", "2024-05-27", "day", None),
    ("Labor Day 2024", None, "2024-09-02", "2024-09-02", "day", None),
    ("Election Day 2024", None, "2024-11-05", "2024-11-05", "day", None),
    ("Election Day", "1998-11-20", "1998-11-03", "1998-11-03", "day", None),
    ("Independence Day", VERGE, "2023-07-04", "2023-07-04", "day", None),
    # open ranges
    ("1990 and beyond", None, "1990-01-01", None, "year", "1990/.."),
    ("2024 or later", None, "2024-01-01", None, "year", "2024/.."),
    ("post-1959", None, "1959-01-01", None, "year", "1959/.."),
    ("pre-1900", None, None, "1900-12-31", "year", "../1900"),
    ("March 2023 onward", None, "2023-03-01", None, "month", "2023-03/.."),
    # neighbouring days and story dates
    ("the day before last Tuesday", VERGE, "2024-05-13", "2024-05-13", "day", None),
    ("the day after Christmas 2023", None, "2023-12-26", "2023-12-26", "day", None),
    ("that day", VERGE, "2024-05-17", "2024-05-17", "day", None),  # the (explicit) anchor itself
    ("the next day", VERGE, "2024-05-18", "2024-05-18", "day", None),
    ("the previous day", VERGE, "2024-05-16", "2024-05-16", "day", None),
    ("that week", VERGE, "2024-05-13", "2024-05-19", "week", None),
    # spelled-out and loose forms
    ("the nineties", VERGE, "1990-01-01", "1999-12-31", "decade", "199X"),
    ("the seventies", "1989-10-25", "1970-01-01", "1979-12-31", "decade", None),
    ("this past spring", "1989-10-30", "1989-03-01", "1989-05-31", "season", None),
    ("this past Sunday", VERGE, "2024-05-12", "2024-05-12", "day", None),
    ("a week or so ago", VERGE, "2024-05-06", "2024-05-12", "week", None),
    ("a couple of years ago", VERGE, "2022-01-01", "2022-12-31", "year", None),
    ("twenty-four days ago", VERGE, "2024-04-23", "2024-04-23", "day", None),
    ("sometime next year", VERGE, "2025-01-01", "2025-12-31", "year", "2025~"),
    ("the next year or so", VERGE, "2025-01-01", "2025-12-31", "year", None),
    ("its fourth quarter", NOV89, "1989-10-01", "1989-12-31", "quarter", None),
    ("the full year", VERGE, "2024-01-01", "2024-12-31", "year", None),
    ("the latest fiscal year", VERGE, "2023-01-01", "2023-12-31", "year", None),
    ("the last half of 1989", None, "1989-07-01", "1989-12-31", "half", None),
    ("the last quarter of 2023", None, "2023-10-01", "2023-12-31", "quarter", None),
    ("H2 2023", None, "2023-07-01", "2023-12-31", "half", None),
    ("FY1998", None, "1998-01-01", "1998-12-31", "year", None),
    ("FY98", "1998-05-01", "1998-01-01", "1998-12-31", "year", None),
    ("the 1988 period", None, "1988-01-01", "1988-12-31", "year", None),
    ("4 a.m. EDT Thursday", VERGE, "2024-05-16", "2024-05-16", "day", None),
    ("Monday, Oct. 26", "1998-10-20", "1998-10-26", "1998-10-26", "day", None),
    # vague references
    ("recently", VERGE, None, "2024-05-17", "past", "../2024-05-17"),
    ("in the past", VERGE, None, "2024-05-17", "past", "../2024-05-17"),
    ("once", VERGE, None, "2024-05-17", "past", None),
    ("at the time", VERGE, None, "2024-05-17", "past", None),
    ("several years ago", VERGE, None, "2024-05-17", "past", None),
    ("recent years", VERGE, None, "2024-05-17", "past", None),
    ("now", VERGE, "2024-05-17", "2024-05-17", "present", "2024-05-17"),
    ("currently", VERGE, "2024-05-17", "2024-05-17", "present", None),
    ("the future", VERGE, "2024-05-17", None, "future", "2024-05-17/.."),
    ("soon", VERGE, "2024-05-17", None, "future", None),
    # framing words, case, whitespace, punctuation
    ("as of Tuesday", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("since last July", VERGE, "2023-07-01", "2024-05-17", "month", "2023-07/2024-05-17"),
    ("until Friday", VERGE, None, "2024-05-17", "day", "../2024-05-17"),
    ("  TUESDAY  ", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("Tuesday's", VERGE, "2024-05-14", "2024-05-14", "day", None),
    ("next week.", VERGE, "2024-05-20", "2024-05-26", "week", None),
    ("\u201clast\u00a0year\u201d", VERGE, "2023-01-01", "2023-12-31", "year", None),
    ("Last   July,", VERGE, "2023-07-01", "2023-07-31", "month", None),
    ("((((Tuesday))))", VERGE, "2024-05-14", "2024-05-14", "day", None),
    # Arabic-Indic digits
    ("\u0662\u0660\u0662\u0664-\u0660\u0665-\u0661\u0664", None, "2024-05-14", "2024-05-14", "day", None),
    ("\uff12\uff10\uff12\uff13", None, "2023-01-01", "2023-12-31", "year", None),  # full-width digits
    ("last\u2003year", VERGE, "2023-01-01", "2023-12-31", "year", None),  # em space
    ("Tues\u200bday", VERGE, "2024-05-14", "2024-05-14", "day", None),  # zero-width space dropped
]


@pytest.mark.parametrize(("phrase", "anchor", "start", "end", "precision", "edtf"), ROWS)
def test_resolve(phrase: str, anchor: str | None, start: str | None, end: str | None, precision: str,
                 edtf: str | None) -> None:
    got = resolve_phrase(phrase, d(anchor) if anchor else None)
    assert (got.start.iso() if got.start else None, got.end.iso() if got.end else None, got.precision) == (
        start, end, precision)
    if edtf is not None:
        assert got.edtf == edtf
    assert got.precision in PRECISIONS
    assert got.text == phrase
    assert got.explanation


# future tense: (phrase, anchor, start, end)
FUTURE_ROWS = [
    ("Tuesday", VERGE, "2024-05-21", "2024-05-21"),
    ("Friday", VERGE, "2024-05-17", "2024-05-17"),
    ("in November", VERGE, "2024-11-01", "2024-11-30"),
    ("in May", VERGE, "2024-05-01", "2024-05-31"),
    ("May 14", VERGE, "2025-05-14", "2025-05-14"),
    ("Dec. 29", VERGE, "2024-12-29", "2024-12-29"),
    ("the fourth quarter", VERGE, "2024-10-01", "2024-12-31"),
    ("winter", VERGE, "2024-12-01", "2025-02-28"),
    ("the weekend", VERGE, "2024-05-18", "2024-05-19"),
]


@pytest.mark.parametrize(("phrase", "anchor", "start", "end"), FUTURE_ROWS)
def test_future_tense(phrase: str, anchor: str, start: str, end: str) -> None:
    got = resolve_phrase(phrase, d(anchor), tense="future")
    assert (got.start, got.end) == (d(start), d(end))


# tense unknown ("either"): (phrase, anchor, start, end)
EITHER_ROWS = [
    ("Jan. 14", "2000-01-06", "2000-01-14", "2000-01-14"),  # 8 days ahead beats 357 days back
    ("Dec. 29", NEW_YEAR, "2023-12-29", "2023-12-29"),
    ("May 18", VERGE, "2024-05-18", "2024-05-18"),  # tomorrow, not a year ago
    ("March", "1989-11-02", "1989-03-01", "1989-03-31"),  # 4 months ahead counts as 8: the past wins
    ("February", "1989-10-30", "1990-02-01", "1990-02-28"),
    ("in April", "1999-03-12", "1999-04-01", "1999-04-30"),
    ("Tuesday", "2024-05-13", "2024-05-14", "2024-05-14"),  # the day after publication
    ("Monday", VERGE, "2024-05-13", "2024-05-13"),
    ("Friday", VERGE, "2024-05-17", "2024-05-17"),
    ("Saturday", VERGE, "2024-05-18", "2024-05-18"),
    ("Sunday", VERGE, "2024-05-12", "2024-05-12"),
    ("summer", VERGE, "2024-06-01", "2024-08-31"),
    ("Election Day", "1998-10-26", "1998-11-03", "1998-11-03"),
    ("the week of March 6", "2000-02-24", "2000-03-06", "2000-03-12"),
    ("the third quarter", OCT89, "1989-07-01", "1989-09-30"),  # quarters read as in the past tense
]


@pytest.mark.parametrize(("phrase", "anchor", "start", "end"), EITHER_ROWS)
def test_either_tense(phrase: str, anchor: str, start: str, end: str) -> None:
    got = resolve_phrase(phrase, d(anchor), tense="either")
    assert (got.start, got.end) == (d(start), d(end))


# tense suggested by the words before a phrase: (text before the phrase, tense)
TENSE_ROWS = [
    ("The company said it will redeem the notes on", "future"),
    ("The dividend is payable", "future"),
    ("The offer, which was extended to", "future"),
    ("The minister said", "past"),
    ("Talks resumed. Officials said", "past"),
    ("The committee met on", "past"),
    ("Protesters gathered in the square on", "either"),
    ("", "either"),
    ("He said it will. Then on", "either"),  # the marker is in an earlier clause
    # "record": a dividend's record date is ahead; a record high or low is not a plan
    ("The dividend goes to holders of record", "future"),
    ("Shares of the company soared to a record in", "either"),
    ("The index stood at a record high on", "either"),
    ("The index fell to a record low and was", "past"),
]


@pytest.mark.parametrize(("before", "tense"), TENSE_ROWS)
def test_infer_tense(before: str, tense: str) -> None:
    assert infer_tense(before) == tense


def test_infer_tense_leaves_compound_modifiers_alone() -> None:
    # "expects to report third-quarter results": the report is planned, the quarter is over
    assert infer_tense("The company expects to report", "third-quarter") == "either"
    assert infer_tense("The company expects to report", "the third quarter") == "future"


# rule names and anchors: (phrase, anchor, rule, anchor kept)
RULE_ROWS = [
    ("Tuesday", VERGE, "weekday-on-or-before-anchor", True),
    ("last July", VERGE, "month-before-anchor", True),
    ("in November", VERGE, "month-without-year", True),
    ("2024-05-14", VERGE, "iso-date", False),  # absolute: no anchor in the result
    ("six weeks ago", VERGE, "n-units-ago", True),
    ("November 2023", VERGE, "month-of-year", False),
]


@pytest.mark.parametrize(("phrase", "anchor", "rule", "anchored"), RULE_ROWS)
def test_rule_and_anchor(phrase: str, anchor: str, rule: str, anchored: bool) -> None:
    got = resolve_phrase(phrase, d(anchor))
    assert got.rule == rule
    assert got.anchor == (d(anchor) if anchored else None)


def test_explanation_names_the_anchor() -> None:
    got = resolve_phrase("Tuesday", d(VERGE))
    assert got.explanation == "the most recent Tuesday on or before Fri 17 May 2024"


# errors: (phrase, anchor, words the message must contain)
ERROR_ROWS = [
    # suggestions
    ("Tusday", VERGE, ["cannot read date 'Tusday'", "did you mean 'Tuesday'?"]),
    ("Novmber 17", VERGE, ["did you mean 'November'?"]),
    ("last yaer", VERGE, ["did you mean 'year'?"]),
    ("blorp", VERGE, ["cannot read date 'blorp'", "unknown word 'blorp'"]),
    ("Tuesday Wednesday", VERGE, ["cannot read date"]),
    # the weekday contradicts the date
    ("Tuesday, May 15, 2024", None, ["Wednesday, not a Tuesday"]),
    ("Friday, Oct. 23", VERGE, ["not a Friday"]),
    # impossible dates
    ("2023-02-29", None, ["2023-02-29 does not exist"]),
    ("February 30", VERGE, ["February 30 does not exist"]),
    ("February 29, 2023", None, ["does not exist"]),
    ("2023-13", None, ["month 13 does not exist"]),
    ("2023-11-22/2023-11-17", None, ["ends before it starts"]),
    # regression: narrowing an already narrowed span gave a start after its end
    ("late early fall", VERGE, ["cannot read date"]),
    ("weekend late", VERGE, ["cannot read date"]),
    # outside the calendar's years
    ("999999 weeks ago", VERGE, ["outside the years -9999..9999"]),
    ("9999 years from now", VERGE, ["cannot read date"]),
    # relative phrase without an anchor
    ("Tuesday", None, ["relative", "published", "anchor"]),
    ("last year", None, ["relative"]),
    ("the '90s", None, ["relative"]),
    # ambiguous or empty
    ("05/06/2023", None, ["ambiguous", "YYYY-MM-DD"]),
    ("", VERGE, ["empty"]),
    ("   ", VERGE, ["empty"]),
    ("?", VERGE, ["empty"]),
]


@pytest.mark.parametrize(("phrase", "anchor", "fragments"), ERROR_ROWS)
def test_errors(phrase: str, anchor: str | None, fragments: list[str]) -> None:
    with pytest.raises(PhraseError) as info:
        resolve_phrase(phrase, d(anchor) if anchor else None)
    for fragment in fragments:
        assert fragment in info.value.message


def test_bad_tense_is_a_phrase_error() -> None:
    with pytest.raises(PhraseError, match="tense"):
        resolve_phrase("Tuesday", d(VERGE), tense="present")


EVERY_SPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def test_every_unicode_space_separates_words() -> None:
    got = resolve_phrase(f"last{EVERY_SPACE}year", d(VERGE))
    assert (got.start, got.end) == (d("2023-01-01"), d("2023-12-31"))


DECIMAL_DIGITS = [chr(c) for c in range(0x110000) if chr(c).isdecimal()]


def test_every_decimal_digit_is_read_as_its_value() -> None:
    # each script's digits 2, 0, 2, 3 spell the year 2023
    zeros = [ch for ch in DECIMAL_DIGITS if unicodedata.digit(ch) == 0]
    for zero in zeros:
        year = "".join(chr(ord(zero) + n) for n in (2, 0, 2, 3))
        got = resolve_phrase(year, None)
        assert got.start == d("2023-01-01"), (hex(ord(zero)), year)


# fuzzing: any text, and any string of known words, gives a result or a PhraseError
_WORDS = sorted({w for slots, _ in vocab.PATTERNS for w in slots if w.islower()}
                | set(vocab.WEEKDAYS) | set(vocab.MONTHS) | set(vocab.SEASONS) | set(vocab.UNITS)
                | {"the", "of", "last", "next", "this", "early", "late", "ago", "2023", "17", "3rd", "q3", "'90s",
                   "1990s", "bc", "-0043", "2024-05-14", "?", ",", "fiscal", "twenty", "four", "and"})


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=MAX_PHRASE_CHARS), anchor=st.sampled_from([None, VERGE, LEAP, WEEK53, "0001-01-01"]),
       tense=st.sampled_from(["past", "future", "either"]))
def test_any_text_gives_a_result_or_a_phrase_error(text: str, anchor: str | None, tense: str) -> None:
    clear_cache()
    with contextlib.suppress(PhraseError):
        got = resolve_phrase(text, d(anchor) if anchor else None, tense=tense)
        assert got.precision in PRECISIONS
        assert got.start is None or got.end is None or got.start <= got.end


@settings(max_examples=500, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
       anchor=st.sampled_from([VERGE, LEAP, WEEK53, NEW_YEAR, "0001-01-01", "9999-12-31"]),
       tense=st.sampled_from(["past", "future", "either"]))
def test_any_run_of_known_words_gives_a_result_or_a_phrase_error(words: list[str], anchor: str, tense: str) -> None:
    clear_cache()
    with contextlib.suppress(PhraseError):
        got = resolve_phrase(" ".join(words), d(anchor), tense=tense)
        assert got.precision in PRECISIONS
        assert got.start is None or got.end is None or got.start <= got.end


def test_limit_is_named() -> None:
    with pytest.raises(PhraseError, match=f"longer than {MAX_PHRASE_CHARS} characters"):
        resolve_phrase("Tuesday " * 10_000, d(VERGE))


def test_non_text_is_refused() -> None:
    with pytest.raises(PhraseError):
        resolve_phrase(20240514, d(VERGE))  # type: ignore[arg-type]


# memoising
def test_memoised_results_are_the_same_object() -> None:
    clear_cache()
    first = resolve_phrase("Tuesday", d(VERGE))
    assert resolve_phrase("Tuesday", d(VERGE)) is first
    assert resolve_phrase("Tuesday", d(MONDAY)) != first


# the vocabulary tables are consistent with the rules
def test_every_pattern_names_a_rule() -> None:
    missing = [name for _, name in vocab.PATTERNS if name not in rule_names()]
    assert missing == []


def test_describe_rules_lists_every_pattern() -> None:
    assert len(describe_rules()) == len(vocab.PATTERNS)
