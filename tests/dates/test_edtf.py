"""EDTF out of bounds: the shortest form, one side of a span, and phrases the resolver reads back as the bounds."""

from __future__ import annotations

import pytest

from timeline.calendar import Day
from timeline.dates.edtf import bounds_phrase, bounds_unit, edtf_of_bounds, edtf_part
from timeline.dates.resolve import resolve_phrase


def d(text: str) -> Day:
    return Day.parse(text)


@pytest.mark.parametrize("lo,hi,edtf,phrase", [
    ("2024-05-14", "2024-05-14", "2024-05-14", "2024-05-14"),
    ("2023-07-01", "2023-07-31", "2023-07", "2023-07"),
    ("2023-01-01", "2023-12-31", "2023", "2023"),
    ("2024-05-13", "2024-05-16", "2024-05-13/2024-05-16", "2024-05-13/2024-05-16"),
    ("1990-01-01", "1999-12-31", "1990-01-01/1999-12-31", "1990/1999"),
    ("2023-07-01", "2023-09-30", "2023-07-01/2023-09-30", "2023-07/2023-09"),
    ("-0043-03-15", "-0043-03-15", "-0043-03-15", "-0043-03-15"),
    (None, "2024-05-17", "../2024-05-17", "../2024-05-17"),
])
def test_bounds_to_edtf(lo: str | None, hi: str | None, edtf: str, phrase: str) -> None:
    first, last = (d(lo) if lo else None), (d(hi) if hi else None)
    assert edtf_of_bounds(first, last) == edtf
    assert bounds_phrase(first, last) == phrase
    resolved = resolve_phrase(phrase, None)
    assert (resolved.start, resolved.end) == (first, last)


@pytest.mark.parametrize("lo,hi,outer,edtf", [
    ("2023-07-05", "2023-07-05", "2023-07-05", "2023-07-05"),
    ("2023-07-05", "2023-07-20", "2023-07-05", "2023-07"),     # inside one month: the month
    ("2023-07-05", "2023-09-20", "2023-07-05", "2023"),        # inside one year: the year
    ("2023-07-05", "2024-01-20", "2024-01-20", "2024-01-20?"),  # else the outer day, uncertain
])
def test_one_side_of_a_span(lo: str, hi: str, outer: str, edtf: str) -> None:
    assert edtf_part(d(lo), d(hi), None, outer=d(outer)) == edtf
    assert edtf_part(None, d(hi), None, outer=None) == ".."


def test_bounds_unit() -> None:
    assert bounds_unit(d("2023-01-01"), d("2024-12-31")) == "year"
    assert bounds_unit(d("2023-02-01"), d("2023-03-31")) == "month"
    assert bounds_unit(d("2023-02-02"), d("2023-03-31")) == "day"
