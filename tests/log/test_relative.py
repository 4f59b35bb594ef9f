"""Events that count from other events (`relative_to`), spans from one phrase, and durations (`for:`), through
the loader: dependency order, chains, loops, unknown ids, and what each record keeps."""

from __future__ import annotations

import re

import pytest

import timeline
from timeline.calendar import Day
from timeline.errors import ProblemList
from timeline.render.rows import record_row

HEAD = """title: t
sources:
  s:
    published: "2024-05-17"
events:
"""


def ev(event_id: str, when: str, *extra: str) -> str:
    lines = [f"  - id: {event_id}", f"    title: {event_id} happens", f'    when: "{when}"', "    source: s"]
    return "\n".join(lines + [f"    {e}" for e in extra]) + "\n"


def load(text: str, write_log):  # type: ignore[no-untyped-def]
    return timeline.load(write_log(HEAD + text))


def bounds(log, event_id: str) -> tuple[str | None, str | None, str]:  # type: ignore[no-untyped-def]
    rec = log.record(event_id)
    return (rec.start.iso() if rec.start else None, rec.end.iso() if rec.end else None, rec.kind)


# (events, event id, start, end, kind)
ROWS = [
    # uncertainty carries through: somewhere in 13-16 May, then two days later
    (ev("a", "between 13 and 16 May 2024") + ev("b", "two days later", "relative_to: a"),
     "b", "2024-05-15", "2024-05-18", "point"),
    # a chain, written in any order: c counts from b, which counts from a
    (ev("c", "the next day", "relative_to: b") + ev("b", "two days later", "relative_to: a")
     + ev("a", "2024-05-13"), "c", "2024-05-16", "2024-05-16", "point"),
    # after a span, forward phrases count from its end, the rest from its start
    (ev("a", "2024-05-01", "until: 2024-05-10") + ev("b", "the next day", "relative_to: a"),
     "b", "2024-05-11", "2024-05-11", "point"),
    (ev("a", "2024-05-01", "until: 2024-05-10") + ev("b", "that day", "relative_to: a"),
     "b", "2024-05-01", "2024-05-01", "point"),
    (ev("a", "2024-05-01", "until: 2024-05-10") + ev("b", "a week before", "relative_to: a"),
     "b", "2024-04-22", "2024-04-28", "point"),
    # until counted from the other event too
    (ev("a", "2024-05-13") + ev("b", "the next day", "until: three weeks later", "relative_to: a"),
     "b", "2024-05-14", "2024-06-09", "span"),
    # an until that counts on from the event's own when
    (ev("a", "May 2", "until: three weeks later"), "a", "2024-05-02", "2024-05-26", "span"),
    (ev("a", "May 2", "until: the next day"), "a", "2024-05-02", "2024-05-03", "span"),
    # spans from one phrase
    (ev("a", "since March"), "a", "2024-03-01", "2024-05-17", "span"),
    (ev("a", "from March to May"), "a", "2024-03-01", "2024-05-31", "span"),
    (ev("a", "until Sunday"), "a", None, "2024-05-12", "span"),
    # open bounds are points with an open side
    (ev("a", "no earlier than Dec. 12", "tense: future"), "a", "2024-12-12", None, "point"),
    (ev("a", "by June 8"), "a", None, "2023-06-08", "point"),
    # durations
    (ev("a", "March 3", "for: three weeks"), "a", "2024-03-03", "2024-03-23", "span"),
    (ev("a", "1990", "for: 34 years"), "a", "1990-01-01", "2024-12-30", "span"),
    (ev("a", "2024-05-01", "for: a three-week strike"), "a", "2024-05-01", "2024-05-21", "span"),
    (ev("a", "May 1", "for: over seven days"), "a", "2024-05-01", "2024-05-07", "span"),
    (ev("a", "1990", "for: for 34 years"), "a", "1990-01-01", "2024-12-30", "span"),
    (ev("a", "April 2", "for: a 10-day trial"), "a", "2024-04-02", "2024-04-11", "span"),
    # a bound on the length: "more than" leaves the end open, "nearly" lets it fall on any day up to then
    (ev("a", "1980", "for: more than three decades"), "a", "1980-01-01", None, "span"),
    (ev("a", "April 2", "for: nearly two weeks"), "a", "2024-04-02", "2024-04-15", "span"),
    (ev("a", "April 2", "for: at least 10 days"), "a", "2024-04-02", None, "span"),
    # an until that is only a duration is the event's length, as `for:` would be
    (ev("a", "April 2", "until: for three weeks"), "a", "2024-04-02", "2024-04-22", "span"),
    (ev("a", "April 2", "until: over seven days"), "a", "2024-04-02", "2024-04-08", "span"),
    (ev("a", "2024-05-13") + ev("b", "two days later", "until: for a week", "relative_to: a"),
     "b", "2024-05-15", "2024-05-21", "span"),
]


@pytest.mark.parametrize(("events", "event_id", "start", "end", "kind"), ROWS)
def test_relative_spans_and_durations(events: str, event_id: str, start: str | None, end: str | None, kind: str,
                                      write_log) -> None:
    assert bounds(load(events, write_log), event_id) == (start, end, kind)


def test_a_duration_keeps_the_start_uncertain_and_the_end_known_to_that_much() -> None:
    log = timeline.loads(HEAD + ev("a", "1990", "for: 34 years"))
    rec = log.record("a")
    assert (rec.start_latest, rec.end_earliest) == (Day.of(1990, 12, 31), Day.of(2023, 12, 31))
    nearly = timeline.loads(HEAD + ev("a", "April 2", "for: nearly two weeks")).record("a")
    assert (nearly.end_earliest, nearly.end) == (Day.of(2024, 4, 2), Day.of(2024, 4, 15))
    more = timeline.loads(HEAD + ev("a", "1980", "for: more than three decades")).record("a")
    assert (more.end_earliest, more.end, more.edtf) == (Day.of(2009, 12, 31), None, "1980/..")


def problems_of(text: str, write_log) -> list[str]:  # type: ignore[no-untyped-def]
    path = write_log(HEAD + text)
    with pytest.raises(ProblemList) as info:
        timeline.load(path)
    lines = info.value.located().splitlines()
    for line in lines:
        assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", line), line
    return [line.split(":", 1)[1] for line in lines]


# refused: (events, fragments of the one problem expected, "LINE:COL" it is placed at)
REFUSED = [
    (ev("alpha", "2024-05-13") + ev("b", "two days later", "relative_to: alpah"),
     ["names no event 'alpah'", "did you mean 'alpha'", "give the id of an event"], "14:18"),
    (ev("a", "two days later", "relative_to: b") + ev("b", "the next day", "relative_to: a"),
     ["makes a loop", "'a' (line 10) counts from 'b'", "'b' (line 15) counts from 'a'", "date one of them"],
     "10:18"),
    (ev("a", "that day", "relative_to: a"), ["makes a loop", "'a' (line 10) counts from 'a'"], "10:18"),
    (ev("a", "Blursday") + ev("b", "two days later", "relative_to: a"),
     ["cannot read date 'Blursday'"], "8:11"),
    (ev("a", "2024-05-01", "for: forever"), ["`for`", "3 weeks"], "10:10"),
    (ev("a", "2024-05-01", "for: 3 weeks", "until: 2024-06-01"), ["`until` or `for`, not both"], "10:10"),
    (ev("a", "by June 8", "for: 3 weeks"), ["has no known start"], "10:10"),
    (ev("a", "since next month"), ["after", "counted to"], "8:11"),
    # a duration in `when` is refused with the `for:` to write
    (ev("a", "for 34 years"), ["says how long, not when", "`for: 34 years`"], "8:11"),
    (ev("a", "March 3 for three weeks"), ["a date and a duration", "`when: March 3`", "`for: three weeks`"],
     "8:11"),
    (ev("a", "1990, lasting 34 years"), ["`when: 1990`", "`for: 34 years`"], "8:11"),
    (ev("a", "by June 8", "until: for 3 weeks"), ["has no known start", "`until: for 3 weeks`"], "10:12"),
]


@pytest.mark.parametrize(("events", "fragments", "place"), REFUSED)
def test_refused_relative_inputs_say_what_to_write(events: str, fragments: list[str], place: str,
                                                   write_log) -> None:
    found = problems_of(events, write_log)
    assert any(line.startswith(place + ":") for line in found), found
    joined = "\n".join(found)
    for fragment in fragments:
        assert fragment in joined, joined


def test_an_event_counting_from_a_broken_one_says_so(write_log) -> None:
    found = problems_of(ev("a", "Blursday") + ev("b", "two days later", "relative_to: a"), write_log)
    assert any("'b': cannot be dated, as 'a'" in line for line in found), found


def test_a_loop_is_one_problem_however_long(write_log) -> None:
    found = problems_of(ev("a", "that day", "relative_to: c") + ev("b", "that day", "relative_to: a")
                        + ev("c", "that day", "relative_to: b"), write_log)
    loops = [line for line in found if "makes a loop" in line]
    assert len(loops) == 1 and all(f"line {n}" in loops[0] for n in (10, 15, 20)), found


def test_rows_keep_the_link_and_the_duration(write_log) -> None:
    log = load(ev("a", "2024-05-13") + ev("b", "two days later", "relative_to: a", "for: 3 days"), write_log)
    row = record_row(log.record("b"), log.sources)
    assert (row["relative_to"], row["for"]) == ("a", "3 days")
    assert "relative_to" not in record_row(log.record("a"), log.sources)


def test_a_phrase_counting_from_another_event_without_relative_to_says_to_name_it(write_log) -> None:
    found = problems_of(ev("a", "two days later"), write_log)
    assert any("mark it `planned: true`" in line and "`relative_to: EVENT-ID`" in line for line in found), found
    found = problems_of(ev("a", "next Saturday"), write_log)
    assert not any("relative_to" in line for line in found), found


PERIODS = """periods:
  - title: The strike
    when: two days later
    for: three weeks
    relative_to: fire
    source: s
  - title: The aftermath
    when: the following week
    until: "2024-04-30"
    relative_to: {target}
"""


def test_a_period_counts_from_an_event_and_lasts_its_for(write_log) -> None:
    log = timeline.load(write_log(HEAD.replace("events:\n", "") + PERIODS.format(target="fire") + "events:\n"
                                  + ev("fire", "March 3")))
    strike, after = log.periods
    assert (strike.when.start, strike.until.end if strike.until else None) == (Day.of(2024, 3, 5),
                                                                                Day.of(2024, 3, 25))
    assert strike.when.rule == "n-units-after-anchor"
    assert (after.when.start, after.when.end) == (Day.of(2024, 3, 4), Day.of(2024, 3, 10))


def test_a_period_counting_from_an_unknown_event_says_which_one_it_meant(write_log) -> None:
    text = HEAD.replace("events:\n", "") + PERIODS.format(target="fier") + "events:\n" + ev("fire", "March 3")
    path = write_log(text)
    with pytest.raises(ProblemList) as info:
        timeline.load(path)
    (line,) = info.value.located().splitlines()
    assert re.search(r":14:18: period #2: `relative_to` names no event 'fier' \(did you mean 'fire'\?\); give the id",
                     line), line
