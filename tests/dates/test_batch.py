"""Ranges of two phrases or dates, and JSON lines resolved in a batch, from the library (the CLI words them)."""

from __future__ import annotations

import json

import pytest

from timeline.calendar import Day
from timeline.dates.batch import resolve_lines, tense_of
from timeline.dates.ranges import parse_range
from timeline.errors import UsageError

VERGE = Day.parse("2024-05-17")


def no_anchor() -> Day:
    raise AssertionError("a plain date needs no anchor")


def test_plain_dates_need_no_anchor() -> None:
    assert parse_range("2024-05-01", "2024-05-31", no_anchor) == (Day.parse("2024-05-01"), Day.parse("2024-05-31"))
    assert parse_range(None, None, no_anchor) == (None, None)


def test_phrases_give_their_outer_bounds() -> None:
    assert parse_range("last July", "last July", VERGE) == (Day.parse("2023-07-01"), Day.parse("2023-07-31"))
    assert parse_range("last July", None, lambda: VERGE) == (Day.parse("2023-07-01"), None)


@pytest.mark.parametrize("start,end,names,message", [
    ("2024-05-17", "2024-05-01", ("the start", "the end"), "the end (2024-05-01) is before the start (2024-05-17)"),
    ("2024-05-17", "2024-05-01", ("--from", "--to"), "--to (2024-05-01) is before --from (2024-05-17); swap them"),
    ("Tusday", None, ("--from", "--to"), "--from: cannot read date 'Tusday'"),
])
def test_range_errors_name_the_side(start: str, end: str | None, names: tuple[str, str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_range(start, end, VERGE, names=names)
    assert message in caught.value.message


def test_lines_resolve_one_object_each() -> None:
    lines = ['{"text": "Tuesday", "anchor": "2024-05-17"}', '{"text": "will meet Tuesday"}', "not json",
             '{"text": "Tuesday", "context": "will meet"}']
    results = list(resolve_lines(lines, VERGE, "past"))
    assert [r.get("start") for r in results] == ["2024-05-14", None, None, "2024-05-21"]
    assert results[1]["error"].startswith("line 2: cannot read date") and results[2]["error"].startswith("line 3: ")
    assert all(json.dumps(r) for r in results)


def test_tense_of() -> None:
    assert tense_of("past", "will meet", "Tuesday", explicit=False) == "future"
    assert tense_of("past", "will meet", "Tuesday", explicit=True) == "past"
    assert tense_of("either", None, "Tuesday", explicit=False) == "either"
