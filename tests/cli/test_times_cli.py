"""Times of day through the commands: validate, resolve, query, explain, build, export and import."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

LOG = """\
title: Times
timezone: Europe/London
sources:
  ap-fresno:
    title: Shooting in Fresno
    publisher: AP
    published: "2024-05-18T00:51:00-04:00"
    timezone: America/Los_Angeles
  nyt:
    title: Board statement
    publisher: NYT
    published: "2024-05-17 19:12 EDT"
  bbc:
    title: Vote
    publisher: BBC
    published: "2024-05-17"
events:
  - id: police-called
    title: Police are called
    when: 9:39 p.m.
    source: ap-fresno
  - id: board-statement
    title: The board announces it
    when: 12:28 p.m. PT
    source: nyt
  - id: vote
    title: The vote
    when: 14:00 GMT
    source: bbc
  - id: rally
    title: A rally
    when: Thursday evening
    source: bbc
  - id: day-only
    title: Something that day
    when: "2024-05-17"
    source: bbc
"""


@pytest.fixture
def log_path(write_log) -> Path:
    return write_log(LOG)


def test_validate_reads_timestamps_and_zones(cli, log_path) -> None:
    result = cli("validate", "-f", str(log_path))
    assert result.code == 0 and "5 events" in result.stdout


def test_query_gives_instants_zones_and_sorts_within_a_day(cli, log_path) -> None:
    result = cli("query", "-f", str(log_path), "--format", "json", env={"TIMELINE_NO_CACHE": "1"})
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    # an AP story stamped 00:51 Eastern, from Fresno: published on the 17th there, so 9:39 p.m. is the 17th PT
    assert (rows["police-called"]["start"], rows["police-called"]["start_at"], rows["police-called"]["zone"]) == (
        "2024-05-17", "2024-05-17T21:39:00-07:00", "America/Los_Angeles")
    assert rows["board-statement"]["start_at"] == "2024-05-17T12:28:00-07:00"
    assert rows["vote"]["start_at"] == "2024-05-17T14:00:00+00:00"
    # a time without a zone in a source without one: the log's timezone
    assert (rows["rally"]["start_at"], rows["rally"]["end_at"], rows["rally"]["zone"], rows["rally"]["precision"]) \
        == ("2024-05-16T18:00:00+01:00", "2024-05-16T22:00:00+01:00", "Europe/London", "daypart")
    assert (rows["day-only"]["start_at"], rows["day-only"]["zone"]) == (None, None)
    order = [r["id"] for r in json.loads(result.stdout)]
    assert order == ["rally", "day-only", "vote", "board-statement", "police-called"]
    assert rows["police-called"]["display"] == "Fri 17 May 2024, 9:39 p.m. PT"
    assert rows["vote"]["display"] == "Fri 17 May 2024, 2:00 p.m. GMT"  # as written, not London's summer clock
    assert rows["rally"]["display"] == "Thu 16 May 2024, evening (18:00-22:00 BST)"


def test_query_tz_and_timestamp_bounds(cli, log_path) -> None:
    env = {"TIMELINE_NO_CACHE": "1"}
    result = cli("query", "-f", str(log_path), "--format", "json", "--tz", "UTC", env=env)
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert (rows["police-called"]["start_at"], rows["police-called"]["zone"]) == ("2024-05-18T04:39:00+00:00",
                                                                                  "UTC")
    assert rows["police-called"]["start"] == "2024-05-17"  # the day stays the event's own
    assert rows["police-called"]["display"] == "Sat 18 May 2024, 4:39 a.m. UTC"  # the time as seen in UTC
    assert rows["vote"]["display"] == "Fri 17 May 2024, 2:00 p.m. UTC"
    result = cli("query", "-f", str(log_path), "--format", "csv", "--from", "2024-05-17T13:00:00+00:00",
                 "--to", "2024-05-17T20:00:00+00:00", env=env)
    ids = [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))]
    assert ids == ["day-only", "vote", "board-statement"]
    assert "start_at" in result.stdout.splitlines()[0]
    bad = cli("query", "-f", str(log_path), "--tz", "Mars/Olympus")
    assert bad.code == 2 and "unknown time zone 'Mars/Olympus'" in bad.stderr


def test_resolve_with_timestamp_anchor_and_zone(cli) -> None:
    result = cli("resolve", "earlier today", "--anchor", "2024-05-17T09:12:00-04:00", "--zone", "America/New_York",
                 "--json")
    data = json.loads(result.stdout)
    assert result.code == 0
    assert (data["start_at"], data["end_at"], data["zone"], data["precision"]) == (
        "2024-05-17T00:00:00-04:00", "2024-05-17T09:12:00-04:00", "America/New_York", "daypart")
    text = cli("resolve", "9:30 a.m. ET", "--anchor", "2024-05-17").stdout
    assert "result:    Fri 17 May 2024, 9:30 a.m. ET" in text
    assert "zone:      America/New_York: the phrase's own" in text


def test_resolve_jsonl_anchor_timestamps_and_zone(cli) -> None:
    lines = "\n".join(json.dumps(x) for x in [
        {"text": "9:39 p.m. Sunday", "anchor": "2024-05-18T00:51:00-04:00", "zone": "America/Los_Angeles"},
        {"text": "1:30 a.m.", "anchor": "2024-11-03", "zone": "America/New_York"},
        {"text": "Tuesday", "anchor": "2024-05-17"},
    ]) + "\n"
    result = cli("resolve", "--jsonl", input=lines)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.code == 1
    assert out[0]["start_at"] == "2024-05-12T21:39:00-07:00" and out[0]["anchor"] == "2024-05-17"
    assert "happens twice" in out[1]["error"] and out[1]["error"].startswith("line 2:")
    assert (out[2]["start"], out[2]["start_at"], out[2]["end_at"], out[2]["zone"]) == ("2024-05-14", None, None, None)


@pytest.mark.parametrize("when, words", [
    ("25:00", "hours run from 00 to 23"),
    ("13:00 p.m.", "a 12-hour clock runs from 1 to 12"),
    ("9am EDTT", "did you mean 'EDT'?"),
    ("9am IST", "ambiguous"),
    ("1:30 a.m. Sunday", "happens twice"),
])
def test_bad_times_are_located_and_nothing_is_written(cli, write_log, when: str, words: str) -> None:
    text = LOG.replace('published: "2024-05-17"\n', 'published: "2024-11-04"\n    timezone: America/New_York\n')
    text = text.replace("when: 14:00 GMT", f'when: "{when}"')
    path = write_log(text)
    result = cli("validate", "-f", str(path))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if when in row)
    assert result.code == 1 and f"{path}:{line}:" in result.stderr and words in result.stderr
    before = path.read_bytes()
    edit = cli("edit", "vote", "--title", "Renamed", "-f", str(path))
    assert edit.code == 1 and path.read_bytes() == before


@pytest.mark.parametrize("published, timezone, words", [
    ("2024-05-17 09:12 ZZZT", None, "unknown time zone 'ZZZT'"),
    ("2024-05-17", "America/Los_Angles", "did you mean 'America/Los_Angeles'?"),
])
def test_bad_publication_times_and_zones(cli, write_log, published: str, timezone: str | None, words: str) -> None:
    zone = f"\n    timezone: {timezone}" if timezone else ""
    path = write_log(f'title: t\nsources:\n  s:\n    published: "{published}"{zone}\nevents: []\n')
    result = cli("validate", "-f", str(path))
    assert result.code == 1 and words in result.stderr and f"{path}:" in result.stderr


def test_explain_says_which_zone_and_why(cli, log_path) -> None:
    text = cli("explain", "rally", "-f", str(log_path)).stdout
    assert "zone:   Europe/London: the log's timezone" in text
    data = json.loads(cli("explain", "police-called", "-f", str(log_path), "--json").stdout)
    assert data["claims"][0]["when"]["zone_from"] == "source 'ap-fresno' zone"
    assert (data["result"]["start_at"], data["result"]["zone"]) == ("2024-05-17T21:39:00-07:00",
                                                                    "America/Los_Angeles")


def test_exports_carry_the_times(cli, log_path) -> None:
    ics = cli("export", "--format", "ics", "-f", str(log_path)).stdout
    assert "DTSTART:20240518T043900Z" in ics  # 9:39 p.m. PDT on the 17th, in UTC
    assert "DTSTART:20240516T170000Z" in ics and "DTEND:20240516T210000Z" in ics  # Thursday evening, London
    assert "DTSTART;VALUE=DATE:20240517" in ics  # the day-only event stays all-day
    tl = json.loads(cli("export", "--format", "timelinejs", "-f", str(log_path)).stdout)
    police = next(e for e in tl["events"] if e["unique_id"] == "police-called")
    assert police["start_date"] == {"year": 2024, "month": 5, "day": 17, "hour": 21, "minute": 39}
    vis = json.loads(cli("export", "--format", "vis", "-f", str(log_path)).stdout)
    rally = next(i for i in vis["items"] if i["id"] == "rally")
    assert (rally["start"], rally["end"], rally["type"]) == ("2024-05-16T18:00:00+01:00",
                                                             "2024-05-16T22:00:00+01:00", "range")
    edtf = cli("export", "--format", "edtf", "-f", str(log_path)).stdout
    assert "board-statement\t2024-05-17T12:28:00-07:00\n" in edtf
    rows = json.loads(cli("export", "--format", "json", "-f", str(log_path)).stdout)
    assert {"start_at", "end_at", "zone"} <= set(rows[0])


def test_ics_parses_back_with_the_times(cli, log_path) -> None:
    icalendar = pytest.importorskip("icalendar")
    ics = cli("export", "--format", "ics", "-f", str(log_path)).stdout
    calendar = icalendar.Calendar.from_ical(ics)
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    assert starts["police-called@timeline"].isoformat() == "2024-05-18T04:39:00+00:00"


def test_import_of_the_csv_export_gives_the_times_back(cli, log_path, tmp_path) -> None:
    exported = tmp_path / "out.csv"
    assert cli("export", "--format", "csv", "-o", str(exported), "-f", str(log_path)).code == 0
    target = tmp_path / "copy.yaml"
    target.write_text(LOG.split("events:")[0] + "events: []\n", encoding="utf-8")
    result = cli("import", str(exported), "-f", str(target))
    assert result.code == 0, result.stderr
    before = {r["id"]: r for r in json.loads(cli("query", "-f", str(log_path), "--format", "json",
                                                  env={"TIMELINE_NO_CACHE": "1"}).stdout)}
    after = {r["id"]: r for r in json.loads(cli("query", "-f", str(target), "--format", "json",
                                                 env={"TIMELINE_NO_CACHE": "1"}).stdout)}
    assert {k: (v["start_at"], v["end_at"]) for k, v in after.items()} == {
        k: (v["start_at"], v["end_at"]) for k, v in before.items()}
    # the export's phrases come back, so every zone does too ("14:00 GMT" is London's, at +00:00)
    assert {k: v["zone"] for k, v in after.items()} == {k: v["zone"] for k, v in before.items()}
    assert after["vote"]["zone"] == "Europe/London" and after["vote"]["start_at"].endswith("+00:00")


def test_build_shows_times_in_the_reports_and_the_page(cli, log_path, tmp_path) -> None:
    out = tmp_path / "site"
    assert cli("build", "-f", str(log_path), "-o", str(out)).code == 0
    assert "Fri 17 May 2024, 9:39 p.m. PT" in (out / "report.md").read_text(encoding="utf-8")
    assert "Thu 16 May 2024, evening (18:00-22:00 BST)" in (out / "report.html").read_text(encoding="utf-8")
    page = (out / "timeline.html").read_text(encoding="utf-8")
    # marks stand at their instants, all on one clock (the log's timezone): 9:39 p.m. PDT is 05:39 BST
    assert "2024-05-18 05:39" in page and "2024-05-17 20:28" in page


@pytest.mark.parametrize("anchor, when, start_at, zone", [
    # an event's own anchor may be a timestamp: its day, its clock, its zone
    ("2024-05-17T09:00:00-04:00", "9 p.m. Tuesday", "2024-05-14T21:00:00-04:00", "-04:00"),
    ("2024-05-17 09:00 EDT", "earlier today", "2024-05-17T00:00:00-04:00", "America/New_York"),
    ("2024-05-17", "9 p.m. Tuesday", "2024-05-14T21:00:00", None),
])
def test_an_events_anchor_may_be_a_timestamp(cli, write_log, anchor: str, when: str, start_at: str,
                                              zone: str | None) -> None:
    path = write_log(f'title: t\nsources: {{}}\nevents:\n  - id: a\n    title: A\n    when: "{when}"\n'
                     f'    anchor: "{anchor}"\n')
    row = json.loads(cli("query", "-f", str(path), "--format", "json", env={"TIMELINE_NO_CACHE": "1"}).stdout)[0]
    assert (row["start_at"], row["zone"]) == (start_at, zone)


@pytest.mark.parametrize("when, flagged", [
    # a story stamped 09:12 Eastern on Friday 17 May 2024: its claims are compared by the moment
    ("Friday at 11:00 a.m.", "2024-05-17T11:00:00-04:00"),  # later that morning: after publication
    ("Friday evening", "2024-05-17T18:00:00-04:00"),  # the evening's earliest moment is after it too
    ("Friday at 8:00 a.m.", None),
    ("Friday morning", None),  # 06:00-12:00 may be before 09:12
    ("Friday", None),  # a day-only claim on the day of publication never is
    ("Friday 14:00 BST", None),  # 09:00 Eastern: in another zone, and before
    ("Saturday 2:00 GMT", None),  # 22:00 Eastern on Friday: a later day in London, not a later moment
    ("18 May 2024", "2024-05-18"),  # a later day, without a time, by the day
    ("18 May 2024, 3:00 GMT", "2024-05-18T03:00:00+00:00"),
])
def test_after_publication_compares_instants(cli, write_log, when: str, flagged: str | None) -> None:
    path = write_log('title: t\nsources:\n  ap:\n    published: "2024-05-17T09:12:00-04:00"\n'
                     "    timezone: America/New_York\nevents:\n"
                     f'  - id: a\n    title: A\n    when: "{when}"\n    source: ap\n'
                     "  - id: b\n    title: B\n    when: Friday\n    source: ap\n    planned: true\n")
    result = cli("validate", "-f", str(path))
    if flagged is None:
        assert result.code == 0, result.stderr
    else:
        assert result.code == 1 and f"{path}:9:11: event 'a': dated {flagged}" in result.stderr
        assert "was published (2024-05-17T09:12:00-04:00)" in result.stderr


def test_import_of_the_timelinejs_export_gives_the_instants_back(cli, log_path, tmp_path) -> None:
    exported = tmp_path / "out.json"
    assert cli("export", "--format", "timelinejs", "-o", str(exported), "-f", str(log_path)).code == 0
    target = tmp_path / "copy.yaml"
    target.write_text("title: t\nsources: {}\nevents: []\n", encoding="utf-8")
    assert cli("import", str(exported), "-f", str(target)).code == 0

    def instants(path: Path) -> dict[str, tuple[str | None, str | None]]:
        rows = json.loads(cli("query", "-f", str(path), "--format", "json", env={"TIMELINE_NO_CACHE": "1"}).stdout)
        return {r["id"]: (r["start_at"], r["end_at"]) for r in rows}

    assert instants(target) == instants(log_path)


@pytest.mark.parametrize("start_date, when", [
    # a TimelineJS file of another tool: hour and minute are a wall-clock time, in the log's zone
    ({"year": 2024, "month": 5, "day": 17, "hour": 21, "minute": 39}, "2024-05-17 21:39"),
    ({"year": 2024, "month": 5, "day": 17, "hour": 9}, "2024-05-17 09:00"),
    ({"year": 2024, "month": 5, "day": 17}, "2024-05-17"),
])
def test_a_timelinejs_files_hours_are_read(cli, tmp_path, start_date: dict[str, int], when: str) -> None:
    doc = tmp_path / "tl.json"
    doc.write_text(json.dumps({"events": [{"start_date": start_date, "text": {"headline": "Police are called"},
                                           "unique_id": "police-called"}]}), encoding="utf-8")
    target = tmp_path / "log.yaml"
    target.write_text("title: t\ntimezone: America/Los_Angeles\nsources: {}\nevents: []\n", encoding="utf-8")
    result = cli("import", str(doc), "-f", str(target))
    assert result.code == 0, result.stderr
    assert f'when: "{when}"' in target.read_text(encoding="utf-8") or f"when: {when}\n" in target.read_text(
        encoding="utf-8")


def test_a_timelinejs_hour_out_of_range_is_refused(cli, tmp_path) -> None:
    doc = tmp_path / "tl.json"
    doc.write_text(json.dumps({"events": [{"start_date": {"year": 2024, "month": 5, "day": 17, "hour": 25},
                                           "text": {"headline": "A"}}]}), encoding="utf-8")
    target = tmp_path / "log.yaml"
    target.write_text("title: t\nsources: {}\nevents: []\n", encoding="utf-8")
    before = target.read_bytes()
    result = cli("import", str(doc), "-f", str(target))
    assert result.code == 1 and "start_date 25:00 is not a time" in result.stderr and target.read_bytes() == before


def test_explain_says_the_offset_of_two_clocks_and_why(cli, write_log) -> None:
    path = write_log('title: t\nsources:\n  r:\n    published: "2024-05-17"\nevents:\n  - id: a\n    title: A\n'
                     '    when: "at 10 p.m. local time (1900 GMT)"\n    source: r\n')
    text = cli("explain", "a", "-f", str(path)).stdout
    assert "zone:   +03:00: the phrase's own: 10:00 p.m. is 1900 GMT" in text
    assert "Fri 17 May 2024, 10:00 p.m. +03:00" in text
