"""Times of day and zones (`dates.times`): clock forms, zone words, parts of the day, DST edges, bad input."""

from __future__ import annotations

import pytest

from timeline.calendar import Day
from timeline.dates.times import ZoneChoice, parse_instant, resolve_when
from timeline.errors import PhraseError

FRI = Day.parse("2024-05-17")
LA = ZoneChoice("America/Los_Angeles", "source 'ap' zone")
NY = ZoneChoice("America/New_York", "source 'nyt' zone")
LONDON = ZoneChoice("Europe/London", "source 'bbc' zone")


@pytest.mark.parametrize("phrase, zone, start_at, end_at, precision, zone_name", [
    # clock forms, in the source's zone
    ("9:30 a.m.", LA, "2024-05-17T09:30:00-07:00", None, "minute", "America/Los_Angeles"),
    ("9.30am", LA, "2024-05-17T09:30:00-07:00", None, "minute", "America/Los_Angeles"),
    ("9:30AM", LA, "2024-05-17T09:30:00-07:00", None, "minute", "America/Los_Angeles"),
    ("21:39", LONDON, "2024-05-17T21:39:00+01:00", None, "minute", "Europe/London"),
    ("noon", NY, "2024-05-17T12:00:00-04:00", None, "minute", "America/New_York"),
    ("midnight", NY, "2024-05-17T00:00:00-04:00", None, "minute", "America/New_York"),
    ("3 p.m.", NY, "2024-05-17T15:00:00-04:00", None, "hour", "America/New_York"),
    ("12:15 a.m.", NY, "2024-05-17T00:15:00-04:00", None, "minute", "America/New_York"),
    # the phrase's own zone wins over the source's
    ("9:30 a.m. ET", LA, "2024-05-17T09:30:00-04:00", None, "minute", "America/New_York"),
    ("12:28 p.m. PT", NY, "2024-05-17T12:28:00-07:00", None, "minute", "America/Los_Angeles"),
    ("14:00 GMT", None, "2024-05-17T14:00:00+00:00", None, "minute", "Europe/London"),
    ("2pm BST", None, "2024-05-17T14:00:00+01:00", None, "hour", "Europe/London"),
    ("10:00 CET", None, "2024-05-17T10:00:00+01:00", None, "minute", "Europe/Paris"),
    ("8 p.m. AEDT", None, "2024-05-17T20:00:00+11:00", None, "hour", "Australia/Sydney"),
    ("9:30 +05:30", None, "2024-05-17T09:30:00+05:30", None, "minute", "+05:30"),
    ("9:30 UTC", LA, "2024-05-17T09:30:00+00:00", None, "minute", "UTC"),
    ("9:30 a.m. Asia/Kolkata", None, "2024-05-17T09:30:00+05:30", None, "minute", "Asia/Kolkata"),
    # no zone anywhere: the wall clock, no offset
    ("9:30 a.m.", None, "2024-05-17T09:30:00", None, "minute", None),
    # with day phrases
    ("Thursday at 1:30 p.m.", LA, "2024-05-16T13:30:00-07:00", None, "minute", "America/Los_Angeles"),
    ("1.40pm next Thursday", LONDON, "2024-05-23T13:40:00+01:00", None, "minute", "Europe/London"),
    ("9:39 p.m. Sunday", LA, "2024-05-12T21:39:00-07:00", None, "minute", "America/Los_Angeles"),
    ("May 14 at 6:15 a.m. EDT", LA, "2024-05-14T06:15:00-04:00", None, "minute", "America/New_York"),
    ("2024-05-14 06:15", NY, "2024-05-14T06:15:00-04:00", None, "minute", "America/New_York"),
    ("2024-05-17T09:30:00-07:00", NY, "2024-05-17T09:30:00-07:00", None, "minute", "-07:00"),
    # parts of the day
    ("Friday morning", LA, "2024-05-17T06:00:00-07:00", "2024-05-17T12:00:00-07:00", "daypart",
     "America/Los_Angeles"),
    ("Sunday night", NY, "2024-05-12T20:00:00-04:00", "2024-05-13T05:00:00-04:00", "daypart", "America/New_York"),
    ("late Monday", NY, "2024-05-13T18:00:00-04:00", "2024-05-14T00:00:00-04:00", "daypart", "America/New_York"),
    ("early Tuesday", NY, "2024-05-14T00:00:00-04:00", "2024-05-14T09:00:00-04:00", "daypart",
     "America/New_York"),
    ("late on Friday", NY, "2024-05-17T18:00:00-04:00", "2024-05-18T00:00:00-04:00", "daypart",
     "America/New_York"),
    ("Wednesday afternoon", NY, "2024-05-15T12:00:00-04:00", "2024-05-15T18:00:00-04:00", "daypart",
     "America/New_York"),
    ("overnight", NY, "2024-05-16T22:00:00-04:00", "2024-05-17T06:00:00-04:00", "daypart", "America/New_York"),
    ("this morning", LONDON, "2024-05-17T06:00:00+01:00", "2024-05-17T12:00:00+01:00", "daypart",
     "Europe/London"),
    ("last night", LONDON, "2024-05-16T20:00:00+01:00", "2024-05-17T05:00:00+01:00", "daypart", "Europe/London"),
    ("tonight", LONDON, "2024-05-17T20:00:00+01:00", "2024-05-18T05:00:00+01:00", "daypart", "Europe/London"),
    ("earlier today", LONDON, "2024-05-17T00:00:00+01:00", "2024-05-18T00:00:00+01:00", "daypart",
     "Europe/London"),
    ("later today", LONDON, "2024-05-17T00:00:00+01:00", "2024-05-18T00:00:00+01:00", "daypart",
     "Europe/London"),
    ("yesterday evening", LONDON, "2024-05-16T18:00:00+01:00", "2024-05-16T22:00:00+01:00", "daypart",
     "Europe/London"),
    ("in the early hours of Sunday", LONDON, "2024-05-12T00:00:00+01:00", "2024-05-12T06:00:00+01:00", "daypart",
     "Europe/London"),
    ("in the small hours", LONDON, "2024-05-17T00:00:00+01:00", "2024-05-17T05:00:00+01:00", "daypart",
     "Europe/London"),
    ("mid-morning on Thursday", LONDON, "2024-05-16T09:00:00+01:00", "2024-05-16T11:00:00+01:00", "daypart",
     "Europe/London"),
    ("midafternoon Tuesday", NY, "2024-05-14T14:00:00-04:00", "2024-05-14T16:00:00-04:00", "daypart",
     "America/New_York"),
    ("late-night Monday", NY, "2024-05-13T22:00:00-04:00", "2024-05-14T05:00:00-04:00", "daypart",
     "America/New_York"),
    # wire and broadcast forms: BBC, AP, Reuters
    ("12 noon", LONDON, "2024-05-17T12:00:00+01:00", None, "minute", "Europe/London"),
    ("at about 7:45 a.m. local time", ZoneChoice("Asia/Tokyo", "source 'kyodo' zone"),
     "2024-05-17T07:45:00+09:00", None, "minute", "Asia/Tokyo"),
    ("9:39 p.m. Sunday (all times local)", LA, "2024-05-12T21:39:00-07:00", None, "minute", "America/Los_Angeles"),
    ("9:39 p.m. Sunday (all times ET)", LA, "2024-05-12T21:39:00-04:00", None, "minute", "America/New_York"),
    ("at 1500 GMT on Friday", None, "2024-05-17T15:00:00+00:00", None, "minute", "Europe/London"),
    ("0930 ET", None, "2024-05-17T09:30:00-04:00", None, "minute", "America/New_York"),
    # Reuters gives the local clock and GMT: the offset is their difference, the source's zone when it agrees
    ("at 10 p.m. local time (1900 GMT)", None, "2024-05-17T22:00:00+03:00", None, "hour", "+03:00"),
    ("at 10 p.m. local time (1900 GMT)", ZoneChoice("Europe/Moscow", "source 'r' zone"),
     "2024-05-17T22:00:00+03:00", None, "hour", "Europe/Moscow"),
    ("2 a.m. local time on Thursday (2300 GMT Wednesday)", None, "2024-05-16T02:00:00+03:00", None, "hour",
     "+03:00"),
    ("8:30 a.m. (0030 GMT)", None, "2024-05-17T08:30:00+08:00", None, "minute", "+08:00"),
    ("7 p.m. (2300 GMT)", None, "2024-05-17T19:00:00-04:00", None, "hour", "-04:00"),
])
def test_times_of_day(phrase: str, zone: ZoneChoice | None, start_at: str, end_at: str | None, precision: str,
                      zone_name: str | None) -> None:
    got = resolve_when(phrase, FRI, zone=zone)
    assert (got.start_at, got.end_at, got.precision, got.zone) == (start_at, end_at or start_at, precision,
                                                                   zone_name)
    assert got.start is not None and got.start.iso() == start_at[:10]


@pytest.mark.parametrize("phrase, day, zone, start_at", [
    # DST: the offset is the one of that day
    ("9:30 a.m.", "2024-01-15", NY, "2024-01-15T09:30:00-05:00"),
    ("9:30 a.m.", "2024-07-15", NY, "2024-07-15T09:30:00-04:00"),
    ("9:30", "2024-01-15", LONDON, "2024-01-15T09:30:00+00:00"),
    ("9:30", "2024-07-15", LONDON, "2024-07-15T09:30:00+01:00"),
    ("9:30 a.m. ET", "2024-12-02", None, "2024-12-02T09:30:00-05:00"),
    # the night the clocks go back: the abbreviation or the offset says which 1:30
    ("1:30 a.m. EDT", "2024-11-03", NY, "2024-11-03T01:30:00-04:00"),
    ("1:30 a.m. EST", "2024-11-03", NY, "2024-11-03T01:30:00-05:00"),
    ("1:30 a.m. -05:00", "2024-11-03", NY, "2024-11-03T01:30:00-05:00"),
    ("1:30 BST", "2024-10-27", LONDON, "2024-10-27T01:30:00+01:00"),
    ("1:30 GMT", "2024-10-27", LONDON, "2024-10-27T01:30:00+00:00"),
    # the hours either side of a change exist
    ("3:30 a.m.", "2024-03-10", NY, "2024-03-10T03:30:00-04:00"),
    ("1:59 a.m.", "2024-03-10", NY, "2024-03-10T01:59:00-05:00"),
    ("2:30", "2024-03-31", LONDON, "2024-03-31T02:30:00+01:00"),
    # wire copy on the days the clocks change
    ("1.30am GMT on Sunday", "2024-10-28", LONDON, "2024-10-27T01:30:00+00:00"),
    ("1.30am BST on Sunday", "2024-10-28", LONDON, "2024-10-27T01:30:00+01:00"),
    ("in the early hours of Sunday", "2024-04-01", LONDON, "2024-03-31T00:00:00+00:00"),
    ("1500 GMT", "2024-03-31", LONDON, "2024-03-31T15:00:00+00:00"),
    ("3 a.m. Sunday", "2024-03-11", NY, "2024-03-10T03:00:00-04:00"),
    ("1:30 a.m. EST Sunday", "2024-11-04", NY, "2024-11-03T01:30:00-05:00"),
])
def test_dst_edges(phrase: str, day: str, zone: ZoneChoice | None, start_at: str) -> None:
    assert resolve_when(phrase, Day.parse(day), zone=zone).start_at == start_at


def test_a_night_across_a_dst_change_keeps_each_ends_offset() -> None:
    got = resolve_when("Saturday night", Day.parse("2024-11-03"), zone=NY)
    assert (got.start_at, got.end_at) == ("2024-11-02T20:00:00-04:00", "2024-11-03T05:00:00-05:00")


@pytest.mark.parametrize("phrase, day, zone, words", [
    # bad clocks
    ("25:00", "2024-05-17", NY, "hours run from 00 to 23"),
    ("13:00 p.m.", "2024-05-17", NY, "a 12-hour clock runs from 1 to 12"),
    ("9:75 a.m.", "2024-05-17", NY, "minutes run from 00 to 59"),
    # unknown and ambiguous zones
    ("9am EDTT", "2024-05-17", None, "unknown time zone 'EDTT' (did you mean 'EDT'?)"),
    ("9am America/Los_Angles", "2024-05-17", None, "did you mean 'America/Los_Angeles'?"),
    ("9am Europe/Londn", "2024-05-17", None, "did you mean 'Europe/London'?"),
    ("9am IST", "2024-05-17", None, "Asia/Kolkata, Europe/Dublin, Asia/Jerusalem"),
    ("9am CST", "2024-05-17", None, "America/Chicago, Asia/Shanghai"),
    ("9:30 +15:00", "2024-05-17", None, "not a UTC offset"),
    # the clocks skipped it
    ("2:30 a.m.", "2024-03-10", NY, "does not exist on Sun 10 Mar 2024 in America/New_York"),
    ("1:30", "2024-03-31", LONDON, "does not exist on Sun 31 Mar 2024 in Europe/London"),
    # the clocks showed it twice
    ("1:30 a.m.", "2024-11-03", NY, "happens twice on Sun 3 Nov 2024 in America/New_York"),
    ("1:30 a.m. ET", "2024-11-03", None, "add EDT or EST"),
    ("1:30", "2024-10-27", LONDON, "add BST or GMT"),
    # on a real clock-change night, as a story would put it
    ("2:30 a.m. Sunday", "2024-03-11", NY, "the clocks went forward (from EST to EDT)"),
    ("1.30am on Sunday", "2024-10-28", LONDON, "add BST or GMT, or the offset (+01:00 or +00:00)"),
    ("1:30am on Sunday", "2024-04-01", LONDON, "the clocks went forward (from GMT to BST)"),
    # a time needs one day
    ("9 a.m. last week", "2024-05-17", NY, "needs one day"),
])
def test_bad_times_are_refused_with_what_to_do(phrase: str, day: str, zone: ZoneChoice | None, words: str) -> None:
    with pytest.raises(PhraseError) as caught:
        resolve_when(phrase, Day.parse(day), zone=zone)
    assert words in caught.value.message


@pytest.mark.parametrize("phrase", [
    # phrases without a time keep the day resolver's reading exactly
    "Tuesday", "earlier this week", "last July", "late last week", "early 2024", "the late 1990s", "2023-11-17",
    "late May", "early last year", "2015", "1500", "in 1900",
])
def test_day_phrases_are_unchanged(phrase: str) -> None:
    from timeline.dates.resolve import resolve_phrase

    assert resolve_when(phrase, FRI, zone=NY) == resolve_phrase(phrase, FRI)


def test_earlier_and_later_today_stop_at_the_publication_time() -> None:
    now = parse_instant("2024-05-17T09:12:00-04:00")[1]
    earlier = resolve_when("earlier today", FRI, zone=NY, now=now)
    later = resolve_when("later today", FRI, zone=NY, now=now)
    assert (earlier.start_at, earlier.end_at) == ("2024-05-17T00:00:00-04:00", "2024-05-17T09:12:00-04:00")
    assert (later.start_at, later.end_at) == ("2024-05-17T09:12:00-04:00", "2024-05-18T00:00:00-04:00")


@pytest.mark.parametrize("text, zone, day, instant", [
    ("2024-05-17", None, "2024-05-17", None),
    ("2024-05-17T09:12:00-04:00", None, "2024-05-17", "2024-05-17T09:12:00-04:00"),
    ("2024-05-17 09:12 EDT", None, "2024-05-17", "2024-05-17T09:12:00-04:00"),
    # an AP story stamped 00:51 Eastern, written from Fresno: the 17th there
    ("2024-05-18T00:51:00-04:00", "America/Los_Angeles", "2024-05-17", "2024-05-17T21:51:00-07:00"),
    ("2024-05-18T00:51:00Z", "Asia/Tokyo", "2024-05-18", "2024-05-18T09:51:00+09:00"),
])
def test_publication_instants(text: str, zone: str | None, day: str, instant: str | None) -> None:
    got_day, got_instant, _ = parse_instant(text, zone)
    assert got_day.iso() == day
    assert (got_instant.isoformat() if got_instant else None) == instant
