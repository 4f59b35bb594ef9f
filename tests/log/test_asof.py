"""What the log said as of a moment, and claims that disagree: the library's as_of, disputes, and changes."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.calendar import Day
from timeline.errors import UsageError
from timeline.log.asof import as_of, known
from timeline.log.changes import changes, changes_between

# Three outlets on one resignation: A on Wed 15 May 2024 ("earlier this week": 13-14 May), B on Fri 17 May
# ("on Tuesday": 14 May), C a week later, contradicting both ("on 10 May"). An undated claim of the curator's own
# is on another event; a fourth outlet D has no publication date. Lines below count from the fixture's first line.
STORY = (Path(__file__).resolve().parents[1] / "fixtures" / "asof-story.yaml").read_text(encoding="utf-8")


@pytest.fixture
def story(write_log: Any) -> Path:
    path: Path = write_log(STORY)
    return path


def bounds(log: timeline.Log) -> dict[str, tuple[str | None, str | None, bool]]:
    return {r.id: (r.start.iso() if r.start else None, r.end.iso() if r.end else None, r.disputed)
            for r in log.records}


@pytest.mark.parametrize(("moment", "expected"), [
    # before any source: only what needs none (the curator's own date, a source without a date)
    ("2024-05-14", {"own": ("2024-05-01", "2024-05-01", False), "undated-source": ("2024-05-02", "2024-05-02", False)}),
    # A is out: its week; on its own day it counts (on or before)
    ("2024-05-15", {"own": ("2024-05-01", "2024-05-01", False), "undated-source": ("2024-05-02", "2024-05-02", False),
                    "quits": ("2024-05-13", "2024-05-14", False)}),
    # B narrows it to the Tuesday
    ("2024-05-17", {"own": ("2024-05-01", "2024-05-01", False), "undated-source": ("2024-05-02", "2024-05-02", False),
                    "quits": ("2024-05-14", "2024-05-14", False)}),
    # C contradicts both: disputed, over what any claim allows; and C's own event appears
    ("2024-05-24", {"own": ("2024-05-01", "2024-05-01", False), "undated-source": ("2024-05-02", "2024-05-02", False),
                    "quits": ("2024-05-10", "2024-05-14", True), "later": ("2024-05-20", "2024-05-20", False)}),
])
def test_as_of_counts_only_claims_published_by_then(story: Path, moment: str, expected: dict[str, Any]) -> None:
    assert bounds(timeline.load(story, as_of=moment)) == expected
    # the same from a log loaded whole, without reading the file again
    assert bounds(known(timeline.load(story), moment)) == expected
    assert {r.id for r in timeline.query(timeline.load(story), as_of=moment)} == set(expected)


@pytest.mark.parametrize(("given", "day", "moment"), [
    # a day, as text or as a Day or a date
    ("2024-05-17", "2024-05-17", None),
    (Day.parse("2024-05-17"), "2024-05-17", None),
    (datetime.date(2024, 5, 17), "2024-05-17", None),
    # a timestamp keeps its own day, in its own offset
    ("2024-05-17T08:00:00Z", "2024-05-17", "2024-05-17T08:00:00+00:00"),
    ("2024-05-16T23:30:00-07:00", "2024-05-16", "2024-05-16T23:30:00-07:00"),
    (datetime.datetime(2024, 5, 17, 1, 0), "2024-05-17", "2024-05-17T01:00:00+00:00"),
])
def test_as_of_reads_days_and_timestamps(given: Any, day: str, moment: str | None) -> None:
    found = as_of(given)
    assert found is not None and found.day.iso() == day
    assert (found.moment.isoformat() if found.moment else None) == moment


def test_a_timestamp_counts_the_sources_of_its_day_known_only_to_the_day(story: Path) -> None:
    # B is dated 17 May without a time: on 17 May at 00:01 it is compared by day, and counts
    log = timeline.load(story, as_of="2024-05-17T00:01:00+00:00")
    assert bounds(log)["quits"] == ("2024-05-14", "2024-05-14", False)
    # late on the 16th in California is still the 16th there
    assert bounds(timeline.load(story, as_of="2024-05-16T23:30:00-07:00"))["quits"] == ("2024-05-13", "2024-05-14",
                                                                                       False)


@pytest.mark.parametrize("text", ["2024-13-01", "May the 5th", "", "2024-05-17T25:00"])
def test_as_of_that_is_no_moment_is_a_usage_error(story: Path, text: str) -> None:
    with pytest.raises(UsageError):
        timeline.load(story, as_of=text)


def test_as_of_keeps_every_error_of_claims_not_yet_published(write_log: Any) -> None:
    # C's phrase cannot be read: the log is wrong whatever the day it is read as of
    path = write_log(STORY.replace("when: Monday", "when: Mondy"))
    with pytest.raises(timeline.ProblemList) as info:
        timeline.load(path, as_of="2024-05-15")
    assert "Mondy" in str(info.value)


def test_a_record_as_of_a_day_holds_only_the_claims_that_count(story: Path) -> None:
    record = timeline.load(story, as_of="2024-05-17").record("quits")
    assert [c.source for c in record.event.claims] == ["a", "b"]
    assert [d.claim.source for d in record.dates] == ["a", "b"]
    # and the sources known then are those published by then (and those with no date)
    assert sorted(timeline.load(story, as_of="2024-05-17").sources) == ["a", "b", "d"]


# --- disputes ---------------------------------------------------------------------------------------------------

def test_a_dispute_names_each_pair_of_claims_that_cannot_both_be_true(story: Path) -> None:
    log = timeline.load(story)
    record = log.record("quits")
    assert record.disputed
    pairs = [(a.claim.source, b.claim.source) for a, b in record.conflicts]
    assert pairs == [("a", "c"), ("b", "c")]
    assert len(log.warnings) == 2
    assert all("claims cannot all be true" in w.message for w in log.warnings)
    assert [(w.line, w.col) for w in log.warnings] == [(15, 15), (15, 15)]  # at C's claim, naming the other line


@pytest.mark.parametrize(("claims", "expected"), [
    # two spans that cannot overlap: the hull of both, a span
    (("when: 2024-01-01\n    until: 2024-01-05\n", "when: 2024-02-01\n        until: 2024-02-03\n"),
     ("2024-01-01", "2024-02-03", "span")),
    # a day against a month: the hull
    (("when: 2024-03-10\n", "when: April 2024\n"), ("2024-03-10", "2024-04-30", "point")),
])
def test_a_disputed_record_takes_what_any_claim_allows(write_log: Any, claims: tuple[str, str],
                                                       expected: tuple[str, str, str]) -> None:
    text = ("title: t\nevents:\n  - id: e\n    title: E\n    " + claims[0] + "    claims:\n      - " + claims[1])
    record = timeline.load(write_log(text)).record("e")
    assert record.disputed
    assert (record.start.iso(), record.end.iso(), record.kind) == expected  # type: ignore[union-attr]
    # so a query over either claim's days finds it
    log = timeline.load(write_log(text))
    assert [r.id for r in log.query(Day.parse(expected[0]), Day.parse(expected[0]))] == ["e"]
    assert [r.id for r in log.query(Day.parse(expected[1]), Day.parse(expected[1]))] == ["e"]


# --- changes ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "expected"), [
    # an event appears with its first source
    ("2024-05-14", "2024-05-15", [("quits", "added", (None, None), ("2024-05-13", "2024-05-14"), ["a"])]),
    # a second source narrows it
    ("2024-05-15", "2024-05-17", [("quits", "narrowed", ("2024-05-13", "2024-05-14"), ("2024-05-14", "2024-05-14"),
                                   ["b"])]),
    # a third contradicts it: the dispute is the change; and C's own event is added
    ("2024-05-17", "2024-05-24", [("quits", "disputed", ("2024-05-14", "2024-05-14"), ("2024-05-10", "2024-05-14"),
                                   ["c"]),
                                  ("later", "added", (None, None), ("2024-05-20", "2024-05-20"), ["c"])]),
    # read backwards, the dispute goes away and C's event is gone
    ("2024-05-24", "2024-05-17", [("quits", "resolved", ("2024-05-10", "2024-05-14"), ("2024-05-14", "2024-05-14"),
                                   ["c"]),
                                  ("later", "removed", ("2024-05-20", "2024-05-20"), (None, None), ["c"])]),
    # nothing published in between: nothing changed
    ("2024-05-18", "2024-05-23", []),
])
def test_changes_between_two_days(story: Path, first: str, second: str, expected: list[Any]) -> None:
    _, _, found = changes_between(story, first, second)
    got = [(c.id, c.change, tuple(c.as_json()["before"].values()), tuple(c.as_json()["after"].values()), c.sources)
           for c in found]
    assert got == expected


def test_a_claim_that_moves_an_event_out_of_its_old_bounds_is_moved(write_log: Any) -> None:
    # the first report's day is later corrected by a source with its own anchor: bounds that no longer overlap
    # cannot come from claims of one moment (they would be disputed), so two versions of the log are compared
    head = "title: t\nsources:\n  a: {published: '2024-05-15'}\n  b: {published: '2024-05-20'}\nevents:\n"
    before = timeline.load(write_log(head + "  - id: e\n    title: E\n    when: Tuesday\n    source: a\n", "v1.yaml"))
    after = timeline.load(write_log(head + "  - id: e\n    title: E\n    when: Friday\n    source: b\n", "v2.yaml"))
    (change,) = changes(before, after)
    assert (change.change, change.as_json()["before"], change.as_json()["after"]) == (
        "moved", {"start": "2024-05-14", "end": "2024-05-14"}, {"start": "2024-05-17", "end": "2024-05-17"})
    assert change.sources == ["b"]


@pytest.mark.parametrize(("moment", "expected"), [
    # a claim anchored on a day of its own still counts from its source's publication, not from its anchor
    ("2024-06-01", ("2024-05-01", "2024-05-31")),
    ("2024-06-10", ("2024-05-14", "2024-05-14")),
])
def test_a_claim_with_its_own_anchor_counts_from_its_source(write_log: Any, moment: str,
                                                            expected: tuple[str, str]) -> None:
    text = ("title: t\nsources:\n  early: {published: '2024-06-01'}\n  late: {published: '2024-06-10'}\nevents:\n"
            "  - id: e\n    title: E\n    when: last month\n    source: early\n    claims:\n"
            "      - when: Tuesday\n        anchor: '2024-05-17'\n        source: late\n")
    record = timeline.load(write_log(text), as_of=moment).record("e")
    assert (record.start.iso(), record.end.iso()) == expected  # type: ignore[union-attr]


CHAIN = """\
title: A chain
sources:
  early: {title: Early, published: "2024-05-10"}
  late: {title: Late, published: "2024-05-20"}
events:
  - id: base
    title: The base event
    when: earlier this week
    source: early
    claims:
      - {when: Tuesday, source: late}
  - id: after
    title: Two days after the base
    when: two days later
    relative_to: base
    source: early
    planned: true
"""


@pytest.mark.parametrize("route", ["load", "query"])
def test_a_relative_chain_counts_from_its_anchor_as_known_then(route: str) -> None:
    # as of 12 May only the early source is out: the base is 6-9 May, so "two days later" is 8-11 May; by 25 May
    # the late source disputes the base (6-14 May) and the chain follows it (8-16 May)
    now = timeline.loads(CHAIN)
    moment = timeline.Day.parse("2024-05-12")
    known = timeline.loads(CHAIN, as_of=moment).records if route == "load" else timeline.query(now, as_of=moment)
    assert [(r.id, r.start.iso(), r.end.iso()) for r in known] == [  # type: ignore[union-attr]
        ("base", "2024-05-06", "2024-05-09"), ("after", "2024-05-08", "2024-05-11")]
    assert {r.id: (r.start.iso(), r.end.iso()) for r in now.records} == {  # type: ignore[union-attr]
        "base": ("2024-05-06", "2024-05-14"), "after": ("2024-05-08", "2024-05-16")}


def test_the_cli_follows_the_chain_as_of_a_day(cli: Any, write_log: Any) -> None:
    path = write_log(CHAIN)
    result = cli("query", "-f", str(path), "--as-of", "2024-05-12", "--format", "json")
    assert result.code == 0, result.output
    assert [(r["id"], r["start"], r["end"]) for r in json.loads(result.stdout)] == [
        ("base", "2024-05-06", "2024-05-09"), ("after", "2024-05-08", "2024-05-11")]
