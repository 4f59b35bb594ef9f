"""Display dates read the way a person writes them."""

from __future__ import annotations

import pytest

import timeline
from timeline import Day
from timeline.render.words import range_words, record_words

D = Day.parse


@pytest.mark.parametrize("lo,hi,precision,words", [
    # days
    ("2024-05-14", "2024-05-14", "day", "Tue 14 May 2024"),
    ("-0043-03-15", "-0043-03-15", "day", "Fri 15 March 44 BC"),
    # a range the date lies in
    ("2024-05-13", "2024-05-16", "week", "between 13 and 16 May 2024"),
    ("2024-04-29", "2024-05-03", "week", "between 29 Apr and 3 May 2024"),
    ("2023-12-30", "2024-01-02", "day", "between 30 Dec 2023 and 2 Jan 2024"),
    # calendar units
    ("2023-07-01", "2023-07-31", "month", "July 2023"),
    ("2023-01-01", "2023-12-31", "year", "2023"),
    ("-0043-01-01", "-0043-12-31", "year", "44 BC"),
    ("2023-07-01", "2023-09-30", "quarter", "Q3 2023"),
    ("2023-06-01", "2023-08-31", "season", "summer 2023"),
    ("2023-12-01", "2024-02-29", "season", "winter 2023"),
    ("1990-01-01", "1999-12-31", "decade", "the 1990s"),
    ("1901-01-01", "2000-12-31", "century", "the 20th century"),
    ("2024-01-01", "2024-06-30", "half", "first half of 2024"),
    # vague
    (None, "2024-05-17", "past", "on or before 17 May 2024"),
    ("2024-05-17", None, "future", "on or after 17 May 2024"),
])
def test_range_words(lo, hi, precision, words) -> None:  # type: ignore[no-untyped-def]
    assert range_words(D(lo) if lo else None, D(hi) if hi else None, precision) == words


@pytest.mark.parametrize("when,until,words", [
    ("2023-11-17", "2023-11-22", "17-22 Nov 2023"),
    ("2023-11-30", "2023-12-02", "30 Nov - 2 Dec 2023"),
    ("2023-12-30", "2024-01-02", "30 Dec 2023 - 2 Jan 2024"),
    ("July 2023", "2024-05-14", "July 2023 - 14 May 2024"),
])
def test_span_words(when: str, until: str, words: str, write_log) -> None:
    text = f"title: t\nevents:\n  - id: a\n    title: A\n    when: {when}\n    until: {until}\n"
    log = timeline.load(write_log(text))
    assert record_words(log.records[0]) == words
