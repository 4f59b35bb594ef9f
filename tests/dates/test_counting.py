"""Table-driven tests of phrases that count from something other than one day: "since", ranges and alternatives,
open bounds, readings against another event (a range of days), durations, and the tense cues before a phrase."""

from __future__ import annotations

import pytest

from timeline.calendar import Day
from timeline.dates.durations import parse_duration
from timeline.dates.resolve import counts_on, infer_tense, resolve_phrase, resolve_relative
from timeline.errors import PhraseError

WED = "2024-05-15"  # a Wednesday
SUN = "2024-05-12"  # a Sunday


def d(text: str | None) -> Day | None:
    return Day.parse(text) if text else None


# (phrase, anchor, start, end, kind, edtf)
ROWS = [
    # since: from the start of X to the anchor
    ("since March", WED, "2024-03-01", WED, "span", "2024-03/2024-05-15"),
    ("since last July", WED, "2023-07-01", WED, "span", "2023-07/2024-05-15"),
    ("since 2019", WED, "2019-01-01", WED, "span", "2019/2024-05-15"),
    ("ever since Tuesday", WED, "2024-05-14", WED, "span", "2024-05-14/2024-05-15"),
    # ranges: spans from the first side's start to the second's end
    ("May 18-19", "2024-05-20", "2024-05-18", "2024-05-19", "span", "2024-05-18/2024-05-19"),
    ("18-19 May 2023", WED, "2023-05-18", "2023-05-19", "span", "2023-05-18/2023-05-19"),
    ("from March to May", WED, "2024-03-01", "2024-05-31", "span", "2024-03/2024-05"),
    ("March-May 2023", WED, "2023-03-01", "2023-05-31", "span", "2023-03/2023-05"),
    ("March to May 2023", WED, "2023-03-01", "2023-05-31", "span", "2023-03/2023-05"),
    ("Monday through Wednesday", WED, "2024-05-13", "2024-05-15", "span", "2024-05-13/2024-05-15"),
    ("from 2019 to March 2020", WED, "2019-01-01", "2020-03-31", "span", "2019/2020-03"),
    ("the three months to September", WED, "2023-07-01", "2023-09-30", "span", "2023-07/2023-09"),
    ("the six months ended June 30", WED, "2023-01-01", "2023-06-30", "span", "2023-01/2023-06-30"),
    # alternatives: one moment somewhere in the hull
    ("between Sunday and Monday", WED, "2024-05-12", "2024-05-13", "point", "2024-05-12/2024-05-13"),
    ("between Sunday and Monday", SUN, "2024-05-05", "2024-05-06", "point", "2024-05-05/2024-05-06"),
    ("late Monday or Tuesday", WED, "2024-05-13", "2024-05-14", "point", "2024-05-13/2024-05-14"),
    ("between 13 and 16 May 2024", None, "2024-05-13", "2024-05-16", "point", "2024-05-13/2024-05-16"),
    ("between Jan. 5 and Feb. 3, 2024", None, "2024-01-05", "2024-02-03", "point", "2024-01-05/2024-02-03"),
    ("between December and March 2024", None, "2023-12-01", "2024-03-31", "point", "2023-12-01/2024-03-31"),
    # open bounds
    ("no earlier than Dec. 12", WED, "2023-12-12", None, "point", "2023-12-12/.."),
    ("not before 2025", WED, "2025-01-01", None, "point", "2025/.."),
    ("by June 8", "2024-06-01", None, "2023-06-08", "point", "../2023-06-08"),
    ("no later than Friday", WED, None, "2024-05-10", "point", "../2024-05-10"),
    ("until Sunday", WED, None, SUN, "span", "../2024-05-12"),
    ("till Sunday", WED, None, SUN, "span", "../2024-05-12"),
    # "after"/"before" a day are open bounds that leave the day out; "on or after"/"on or before" keep it
    ("after Tuesday", WED, "2024-05-15", None, "point", "2024-05-15/.."),
    ("before June 8", "2024-06-01", None, "2023-06-07", "point", "../2023-06-07"),
    ("on or after 20 May 2024", WED, "2024-05-20", None, "point", "2024-05-20/.."),
    ("on or before 8 June 2024", WED, None, "2024-06-08", "point", "../2024-06-08"),
    # the tool's own display forms read back: a spaced dash, "until", "on or after"
    ("1 Mar - 30 Apr 2024", WED, "2024-03-01", "2024-04-30", "span", "2024-03-01/2024-04-30"),
    ("17 May 2023 - 2 Jan 2024", WED, "2023-05-17", "2024-01-02", "span", "2023-05-17/2024-01-02"),
    ("until 19 May 2024", WED, None, "2024-05-19", "span", "../2024-05-19"),
    # neighbours the anchor names
    ("that night", WED, WED, WED, "point", WED),
    ("the previous night", WED, "2024-05-14", "2024-05-14", "point", "2024-05-14"),
    ("later that month", WED, "2024-05-16", "2024-05-31", "point", "2024-05-16/2024-05-31"),
    ("exactly five years later", WED, "2029-05-15", "2029-05-15", "point", "2029-05-15"),
]


@pytest.mark.parametrize(("phrase", "anchor", "start", "end", "kind", "edtf"), ROWS)
def test_counting_forms(phrase: str, anchor: str | None, start: str | None, end: str | None, kind: str,
                        edtf: str) -> None:
    got = resolve_phrase(phrase, d(anchor))
    assert (got.start, got.end, got.kind, got.edtf) == (d(start), d(end), kind, edtf)


def test_future_tense_reads_open_bounds_forward() -> None:
    got = resolve_phrase("no later than Friday", d(WED), tense="future")
    assert (got.start, got.end) == (None, d("2024-05-17"))
    got = resolve_phrase("no earlier than Dec. 12", d(WED), tense="future")
    assert (got.start, got.end, got.edtf) == (d("2024-12-12"), None, "2024-12-12/..")


# refused, with what to write instead: (phrase, anchor, words the message must contain)
REFUSED = [
    ("since next month", WED, ["after", "counted to", "give a start on or before", "`from ... to ...`"]),
    ("between Friday 2025 and", WED, ["cannot read", "write the date as an exact one"]),
    ("Saturday (June 2)", "2019-06-05", ["June 2", "not a Saturday", "Sunday", "give the year"]),
    ("Saturday, June 2", "2019-06-05", ["not a Saturday"]),
    # the nearest June 2 is named, not last year's
    ("Saturday (June 2)", WED, ["2 Jun 2024 is a Sunday", "check the weekday and the date"]),
    # every refusal says what to write instead
    ("the zorblax after", WED, ["unknown word", "`2024-05-14`", "`two days later`"]),
    ("February 30", WED, ["does not exist", "fix the day"]),
    ("2024-13", WED, ["does not exist", "write a month 01-12"]),
    ("2024-05-20/2024-05-10", WED, ["ends before it starts", "write its start first"]),
    ("", WED, ["empty", "give the source's words"]),
    ("for 34 years", WED, ["says how long, not when", "`for: 34 years`"]),
    ("over seven days", WED, ["`for: seven days`"]),
    ("Monday, for two days", WED, ["`when: Monday`", "`for: two days`"]),
]


@pytest.mark.parametrize(("phrase", "anchor", "fragments"), REFUSED)
def test_refused(phrase: str, anchor: str, fragments: list[str]) -> None:
    with pytest.raises(PhraseError) as caught:
        resolve_phrase(phrase, d(anchor))
    for fragment in fragments:
        assert fragment in caught.value.message


def test_weekday_that_fits_a_near_date_still_picks_it() -> None:
    # Friday, Oct. 23 from January 2021: 2020's, three months back, is a Friday
    assert resolve_phrase("Friday, Oct. 23", d("2021-01-10")).start == d("2020-10-23")


# against another event: (phrase, its first day lies in, its last day lies in, start, end)
M13, M16, M20, M22 = "2024-05-13", "2024-05-16", "2024-05-20", "2024-05-22"
RELATIVE = [
    # an uncertain point (somewhere in 13-16 May): every reading is the hull of both ends
    ("two days later", (M13, M16), None, "2024-05-15", "2024-05-18"),
    ("the next day", (M13, M16), None, "2024-05-14", "2024-05-17"),
    ("three days earlier", (M13, M16), None, "2024-05-10", "2024-05-13"),
    ("that day", (M13, M16), None, M13, M16),
    ("that night", (M13, M13), None, M13, M13),
    ("a week before", (M13, M13), None, "2024-05-06", "2024-05-12"),
    ("the following week", (M13, M16), None, "2024-05-20", "2024-05-26"),
    ("later that month", (M13, M13), None, "2024-05-14", "2024-05-31"),
    ("the previous night", (M13, M13), None, "2024-05-12", "2024-05-12"),
    ("exactly five years later", (M13, M13), None, "2029-05-13", "2029-05-13"),
    # a span (starts 13-16 May, ends 20-22 May): forward phrases count from its end, the rest from its start
    ("two days later", (M13, M16), (M20, M22), "2024-05-22", "2024-05-24"),
    ("the next day", (M13, M13), (M20, M20), "2024-05-21", "2024-05-21"),
    ("that day", (M13, M13), (M20, M20), M13, M13),
    ("two days earlier", (M13, M13), (M20, M20), "2024-05-11", "2024-05-11"),
    # counted from a period (an event known to a quarter): the period itself, moved
    ("a year earlier", ("1989-07-01", "1989-09-30"), None, "1988-07-01", "1988-09-30"),
    ("year-earlier", ("1989-07-01", "1989-09-30"), None, "1988-07-01", "1988-09-30"),
    ("the quarter", ("1989-07-01", "1989-09-30"), None, "1989-07-01", "1989-09-30"),
    ("the year-earlier quarter", ("1989-07-01", "1989-09-30"), None, "1988-07-01", "1988-09-30"),
    ("two days later", (M13, M16), None, "2024-05-15", "2024-05-18"),
    # an absolute phrase does not care
    ("March 3, 2021", (M13, M16), None, "2021-03-03", "2021-03-03"),
    # an anchor open on one side leaves that side of the result open
    ("two days later", (None, "2024-06-08"), None, None, "2024-06-10"),
    ("the next day", ("2024-06-08", None), None, "2024-06-09", None),
    # wire-copy sequels (AP, Reuters, BBC): "a month after", "two weeks afterwards", "three months on", "a day prior"
    ("a month after", (M13, M13), None, "2024-06-01", "2024-06-30"),
    ("two weeks afterwards", (M13, M13), None, "2024-05-27", "2024-06-02"),
    ("three months on", (M13, M13), None, "2024-08-01", "2024-08-31"),
    ("a day prior", (M13, M13), None, "2024-05-12", "2024-05-12"),
    ("the night before", (M13, M13), None, "2024-05-12", "2024-05-12"),
    ("the morning after", (M13, M13), None, "2024-05-14", "2024-05-14"),
    # hours from a day known only to the day: that day and the next (or the one before); a count reaches further
    ("hours later", (M13, M13), None, M13, "2024-05-14"),
    ("a few hours later", (M13, M13), None, M13, "2024-05-14"),
    ("two hours later", (M13, M13), None, M13, "2024-05-14"),
    ("36 hours later", (M13, M13), None, "2024-05-14", "2024-05-15"),
    ("hours earlier", (M13, M13), None, "2024-05-12", M13),
    ("minutes later", (M13, M13), None, M13, "2024-05-14"),
    ("hours later", (M13, M13), (M20, M20), M20, "2024-05-21"),  # after a span: from its end
    # vague sequels: after the event, open-ended, never a made-up count (and never before it)
    ("days later", (M13, M13), None, "2024-05-14", None),
    ("weeks later", (M13, M13), None, "2024-05-14", None),
    ("several days later", (M13, M13), None, "2024-05-14", None),
    ("shortly after", (M13, M13), None, M13, None),
    ("within days", (M13, M13), None, M13, None),
    ("days later", (M13, M13), (M20, M20), "2024-05-21", None),
]


@pytest.mark.parametrize(("phrase", "first", "last", "start", "end"), RELATIVE)
def test_resolve_relative(phrase: str, first: tuple[str | None, str | None],
                          last: tuple[str | None, str | None] | None, start: str | None, end: str | None) -> None:
    got = resolve_relative(phrase, (d(first[0]), d(first[1])), None if last is None else (d(last[0]), d(last[1])))
    assert (got.start, got.end) == (d(start), d(end))


# the rule a relative reading names says which way it counts: (phrase, rule)
@pytest.mark.parametrize(("phrase", "rule"), [
    ("two days later", "n-units-after-anchor"), ("a week after", "n-units-after-anchor"),
    ("three months on", "n-units-after-anchor"), ("three days earlier", "n-units-before-anchor"),
    ("a week before", "n-units-before-anchor"), ("two days prior", "n-units-before-anchor"),
    ("two days ago", "n-units-ago"), ("two days from now", "n-units-from-now"),
    ("later that day", "same-day-as-anchor"), ("earlier that day", "same-day-as-anchor"),
    ("later today", "today"), ("hours later", "hours-after-anchor"), ("hours earlier", "hours-before-anchor"),
    ("days later", "vague-units-after-anchor"), ("several years ago", "vague-past"),
])
def test_relative_rule_names(phrase: str, rule: str) -> None:
    assert resolve_relative(phrase, (d(M13), d(M13))).rule == rule
    assert resolve_phrase(phrase, d(WED)).rule == rule


def test_relative_to_nothing_known_is_refused() -> None:
    with pytest.raises(PhraseError, match="no known day"):
        resolve_relative("two days later", (None, None))


# until phrases that count on from the event's own when
@pytest.mark.parametrize(("phrase", "on"), [("three weeks later", True), ("the next day", True),
                                            ("two days after", True), ("Friday", False), ("May 20", False),
                                            ("next Friday", False), ("the next morning", True)])
def test_counts_on(phrase: str, on: bool) -> None:
    assert counts_on(phrase) is on


# durations (`for:`): (as written, count, unit)
DURATIONS = [
    ("34 years", 34, "year"), ("for 34 years", 34, "year"), ("three weeks", 3, "week"),
    ("over seven days", 7, "day"), ("a three-week strike", 3, "week"), ("a week", 1, "week"),
    ("18 months", 18, "month"), ("a decade", 1, "decade"), ("more than two years", 2, "year"),
    ("a fortnight", 1, "fortnight"),
]


@pytest.mark.parametrize(("text", "n", "unit"), DURATIONS)
def test_parse_duration(text: str, n: int, unit: str) -> None:
    assert parse_duration(text) == (n, unit)


@pytest.mark.parametrize("text", ["forever", "", "34", "years", "a long time", "0 days", "x" * 300])
def test_bad_duration_says_what_to_write(text: str) -> None:
    with pytest.raises(PhraseError) as caught:
        parse_duration(text)
    assert "3 weeks" in caught.value.message


# forward-looking words before a phrase, from real sentences: (text before the phrase, tense)
TENSE_CUES = [
    ("SpaceX is targeting", "future"),
    ("The vote is expected to take place", "future"),
    ("Forecasters said the storm could hit the coast", "future"),
    ("The launch will now happen no earlier than", "future"),
    ("The museum is set to reopen", "future"),
    ("The report is due", "future"),
    ("The flight is scheduled for", "future"),
    ("The union plans to strike", "future"),
    ("The company said it plans to close the plant", "future"),
    ("The council voted", "either"),
    ("Neither he nor his grandparents could be located", "either"),  # a modal alone is not forward
    ("The president and his aides tentatively decided on", "either"),
    ("The board said", "past"),
]


@pytest.mark.parametrize(("before", "tense"), TENSE_CUES)
def test_tense_cues(before: str, tense: str) -> None:
    assert infer_tense(before) == tense


def test_forward_sentence_with_bare_weekday_looks_forward() -> None:
    tense = infer_tense("SpaceX is targeting")
    assert resolve_phrase("Monday", d(WED), tense=tense).start == d("2024-05-20")
