"""`date_order: DMY|MDY` on a log or a source says how numeric dates with slashes read."""

from __future__ import annotations

import pytest

from timeline.calendar import Day
from timeline.dates.resolve import resolve_phrase
from timeline.errors import PhraseError, ProblemList
from timeline.log.load import loads

LOG = """title: T
{log_order}sources:
  s:
    title: A source
    published: 2024-05-20
{source_order}events:
  - id: e
    title: E
    when: {when}
{source_line}"""


def _log(when: str, log_order: str = "", source_order: str = "", source: bool = False) -> str:
    return LOG.format(log_order=f"date_order: {log_order}\n" if log_order else "",
                      source_order=f"    date_order: {source_order}\n" if source_order else "",
                      when=when, source_line="    source: s\n" if source else "")


@pytest.mark.parametrize(("when", "log_order", "source_order", "source", "day"), [
    # the log's order
    ("14/05/2024", "DMY", "", False, "2024-05-14"),
    ("05/14/2024", "MDY", "", False, "2024-05-14"),
    ("3/4/2024", "DMY", "", False, "2024-04-03"),
    ("3/4/2024", "MDY", "", False, "2024-03-04"),
    # a source's own order wins over the log's
    ("05/14/2024", "DMY", "MDY", True, "2024-05-14"),
    # a source inherits the log's
    ("14/05/2024", "DMY", "", True, "2024-05-14"),
    # inside a phrase
    ("on 1/2/2024", "DMY", "", False, "2024-02-01"),
])
def test_slashed_dates_read_in_the_order_given(when: str, log_order: str, source_order: str, source: bool,
                                               day: str) -> None:
    log = loads(_log(when, log_order, source_order, source))
    assert log.records[0].start == Day.parse(day) == log.records[0].end


@pytest.mark.parametrize(("when", "log_order", "message"), [
    # no order: refused, and the message says how to set one
    ("14/05/2024", "", "date_order: DMY"),
    # an order the date cannot have
    ("05/14/2024", "DMY", "has no month 14"),
    ("31/02/2024", "DMY", "has no day 31"),
    # not an order
    ("2024-05-14", "YMD", "`date_order` must be DMY"),
])
def test_a_slashed_date_that_cannot_be_read_says_what_to_do(when: str, log_order: str, message: str) -> None:
    with pytest.raises(ProblemList) as info:
        loads(_log(when, log_order))
    assert message in str(info.value)
    assert str(info.value).startswith("events.yaml:")


def test_the_resolver_takes_the_order_as_a_parameter() -> None:
    anchor = Day.parse("2024-06-01")
    assert resolve_phrase("14/05/2024", anchor, date_order="DMY").start == Day.parse("2024-05-14")
    assert resolve_phrase("05/06/2024", anchor, date_order="MDY").start == Day.parse("2024-05-06")
    with pytest.raises(PhraseError, match="ambiguous"):
        resolve_phrase("05/06/2024", anchor)
