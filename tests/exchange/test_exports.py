"""Export writers: each format read back by the library that real tools use, hostile text kept inert."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings, strategies as st

import timeline
from timeline.dates.edtf import record_phrases
from timeline.exchange.exports import export, export_notes
from timeline.render.registry import EXPORTS as WRITERS
from timeline.render.frame import COLUMNS as FRAME_COLUMNS
from timeline.model import Log
from timeline.render.rows import COLUMNS
from timeline.exchange.tables import EXPORT_COLUMNS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
MIXED = FIXTURES / "mixed.yaml"
HOSTILE_TITLE = "<script>window.__pwned = 1</script> exact day"


@pytest.fixture(scope="module")
def mixed() -> Log:
    """Give the log with every precision and hostile text."""
    return timeline.load(MIXED)


@pytest.fixture(scope="module")
def seed() -> Log:
    return timeline.load(Path(__file__).resolve().parents[2] / "events.yaml")


def with_source_url(log: Log, source_id: str, url: str) -> Log:
    """Give the log with one source's URL replaced, bypassing the loader's check (the writers must hold alone)."""
    sources = dict(log.sources)
    sources[source_id] = dataclasses.replace(sources[source_id], url=url)
    return dataclasses.replace(log, sources=sources)


class Markup(HTMLParser):
    """Collects the tags, attributes and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs.extend(v or "" for k, v in attrs if k == "href")
        assert all(not k.startswith("on") for k, _ in attrs), attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def markup(fragment: str) -> Markup:
    parser = Markup()
    parser.feed(fragment)
    parser.close()
    return parser


# --------------------------------------------------------------------------------------------------------------
# the registry

BINARY = {name for name, fmt in WRITERS.items() if fmt.binary}
EXTENSIONS = {name: fmt.extension for name, fmt in WRITERS.items() if fmt.extension}


def test_every_format_of_the_issue_is_registered() -> None:
    assert set(WRITERS) == {"timelinejs", "ics", "edtf", "csv", "json", "jsonl", "parquet", "vis"}
    assert {"parquet"} == BINARY
    assert set(EXTENSIONS) == set(WRITERS)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writers_are_deterministic_and_typed(mixed: Log, fmt: str) -> None:
    first, second = export(mixed, fmt), export(mixed, fmt)
    assert first == second
    assert isinstance(first, bytes if fmt in BINARY else str)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_an_empty_selection_still_gives_a_valid_file(mixed: Log, fmt: str) -> None:
    data = export(mixed, fmt, [])
    if fmt in ("json", "timelinejs", "vis"):
        json.loads(data)
    elif fmt == "csv":
        assert data == ",".join((*COLUMNS, *EXPORT_COLUMNS)) + "\r\n"
    elif fmt in ("edtf", "jsonl"):
        assert data == ""


# --------------------------------------------------------------------------------------------------------------
# TimelineJS

TIMELINEJS_DATES = [
    # (id, start_date, end_date, display_date)
    # exact days
    ("exact-day", {"year": 2024, "month": 5, "day": 14}, None, "Tue 14 May 2024"),
    ("caesar-dies", {"year": -44, "month": 3, "day": 15}, None, "Fri 15 March 44 BC"),  # TimelineJS: -44 is 44 BCE
    # a month, a decade: only as precise as known
    ("a-month", {"year": 2023, "month": 7}, None, "July 2023"),
    ("the-nineties", {"year": 1990}, {"year": 1999}, "the 1990s"),
    # uncertain day within a week; a span; open-ended "recently" shows its one known day
    ("uncertain-week", {"year": 2024, "month": 5, "day": 13}, {"year": 2024, "month": 5, "day": 16},
     "between 13 and 16 May 2024"),
    ("a-span", {"year": 2023, "month": 11, "day": 17}, {"year": 2023, "month": 11, "day": 22}, "17-22 Nov 2023"),
    ("recently", {"year": 2024, "month": 5, "day": 17}, None, "on or before 17 May 2024"),
]


@pytest.mark.parametrize(("event_id", "start", "end", "display"), TIMELINEJS_DATES)
def test_timelinejs_dates_to_the_events_precision(mixed: Log, event_id: str, start: dict[str, int],
                                                  end: dict[str, int] | None, display: str) -> None:
    events = {e["unique_id"]: e for e in json.loads(export(mixed, "timelinejs"))["events"]}
    event = events[event_id]
    assert event["start_date"] == start
    assert event.get("end_date") == end
    assert event["display_date"] == display


def test_timelinejs_has_one_event_per_record_with_headline_group_and_era(mixed: Log) -> None:
    doc = json.loads(export(mixed, "timelinejs"))
    assert [e["unique_id"] for e in doc["events"]] == [r.id for r in mixed.records]
    events = {e["unique_id"]: e for e in doc["events"]}
    assert events["a-month"]["group"] == "+formula"
    assert "group" not in events["a-span"]
    assert doc["title"]["text"]["headline"] == "Mixed &lt;b&gt;bag&lt;/b&gt; &amp; co"
    assert doc["eras"] == [{"start_date": {"year": 2023, "month": 7, "day": 5},
                            "end_date": {"year": 2024, "month": 5, "day": 18},
                            "text": {"headline": "An era &lt;em&gt;with&lt;/em&gt; markup"}}]


def test_timelinejs_text_is_escaped_and_links_are_ours(mixed: Log) -> None:
    events = {e["unique_id"]: e for e in json.loads(export(mixed, "timelinejs"))["events"]}
    event = events["exact-day"]
    assert markup(event["text"]["headline"]).tags == []
    assert "".join(markup(event["text"]["headline"]).text) == HOSTILE_TITLE
    body = markup(event["text"]["text"])
    assert set(body.tags) <= {"blockquote", "p", "a"}
    assert body.hrefs == ["https://example.org/story?a=1&b=2"]
    assert 'On Tuesday, <img src=x onerror="window.__pwned=2"> it happened' in "".join(body.text)
    week = events["uncertain-week"]
    assert "\u202e" not in week["text"]["headline"] and "\n" not in week["text"]["headline"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://x.example/\"onmouseover=alert(1)",
                                 "data:text/html,<script>alert(1)</script>", " JaVaScRiPt:alert(1)"])
def test_timelinejs_never_links_an_unsafe_url(mixed: Log, url: str) -> None:
    log = with_source_url(mixed, "paper", url)
    events = {e["unique_id"]: e for e in json.loads(export(log, "timelinejs"))["events"]}
    body = markup(events["exact-day"]["text"]["text"])
    assert body.hrefs == []
    assert "a" not in body.tags


def test_timelinejs_keeps_exact_dates_for_import(mixed: Log) -> None:
    events = {e["unique_id"]: e for e in json.loads(export(mixed, "timelinejs"))["events"]}
    assert events["uncertain-week"]["timeline"]["when"] == "2024-05-13/2024-05-16"
    assert events["a-span"]["timeline"] == {"when": "2023-11-17", "until": "2023-11-22", "tags": [],
                                            "actors": [], "quote": "", "notes": "",
                                            "url": "https://example.org/story?a=1&b=2"}
    assert events["exact-day"]["timeline"]["quote"] == 'On Tuesday, <img src=x onerror="window.__pwned=2"> it happened'
    assert events["uncertain-week"]["timeline"]["notes"] == "line one\nline two"
    assert events["the-nineties"]["timeline"]["when"] == "1990/1999"


@pytest.mark.parametrize("log_name", ["mixed", "seed"])
def test_record_phrases_resolve_to_the_same_bounds(log_name: str, request: pytest.FixtureRequest) -> None:
    log: Log = request.getfixturevalue(log_name)
    for record in log.records:
        when, until = record_phrases(record)
        first = timeline.resolve(when)
        last = timeline.resolve(until) if until else first
        assert (first.start, last.end) == (record.start, record.end), record.id
        if until:
            assert (first.end, last.start) == (record.start_latest, record.end_earliest), record.id


# --------------------------------------------------------------------------------------------------------------
# iCalendar

def calendar_of(log: Log) -> Any:
    import icalendar

    return icalendar.Calendar.from_ical(export(log, "ics"))


ICS_DAYS = [
    # (id, DTSTART, DTEND exclusive, description says)
    ("exact-day", datetime.date(2024, 5, 14), datetime.date(2024, 5, 15), "Tue 14 May 2024"),
    ("a-month", datetime.date(2023, 7, 1), datetime.date(2023, 8, 1), "uncertain"),
    ("uncertain-week", datetime.date(2024, 5, 13), datetime.date(2024, 5, 17), "uncertain"),
    ("a-span", datetime.date(2023, 11, 17), datetime.date(2023, 11, 23), "17-22 Nov 2023"),
    ("the-nineties", datetime.date(1990, 1, 1), datetime.date(2000, 1, 1), "uncertain"),
    ("recently", datetime.date(2024, 5, 17), datetime.date(2024, 5, 18), "open-ended"),
]


@pytest.mark.parametrize(("event_id", "dtstart", "dtend", "said"), ICS_DAYS)
def test_ics_all_day_events_over_their_bounds(mixed: Log, event_id: str, dtstart: datetime.date,
                                              dtend: datetime.date, said: str) -> None:
    events = {str(e["uid"]): e for e in calendar_of(mixed).walk("VEVENT")}
    event = events[f"{event_id}@timeline"]
    assert event.decoded("dtstart") == dtstart and not isinstance(event.decoded("dtstart"), datetime.datetime)
    assert event.decoded("dtend") == dtend
    assert said in str(event["description"])


def test_ics_raw_text_uses_value_date_and_crlf(mixed: Log) -> None:
    text = export(mixed, "ics")
    assert isinstance(text, str)
    assert "DTSTART;VALUE=DATE:20240514\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\n" not in text.replace("\r\n", "")


def test_ics_uid_dtstamp_and_url_are_stable(mixed: Log) -> None:
    calendar = calendar_of(mixed)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    exact = events["exact-day@timeline"]
    assert exact.decoded("dtstamp") == datetime.datetime(2024, 5, 17, tzinfo=datetime.UTC)
    assert str(exact["url"]) == "https://example.org/story?a=1&b=2"
    assert events["the-nineties@timeline"].decoded("dtstamp") == datetime.datetime(
        1970, 1, 1, tzinfo=datetime.UTC)  # no source: the fixed stamp
    assert [str(c) for c in exact["categories"].cats] == ["alpha"]


def test_ics_leaves_out_years_before_1_and_says_so(mixed: Log) -> None:
    calendar = calendar_of(mixed)
    assert "caesar-dies@timeline" not in {str(e["uid"]) for e in calendar.walk("VEVENT")}
    skipped = calendar["x-timeline-skipped"]
    assert "caesar-dies" in str(skipped) and "44 BC" in str(skipped)
    assert export_notes(mixed, "ics") == [
        "event 'caesar-dies': its dates (Fri 15 March 44 BC) fall outside the years 1-9999 that iCalendar can "
        "hold; left out of the calendar"]
    assert export_notes(mixed, "timelinejs") == []
    assert export_notes(mixed, "timelinejs", []) == [
        "no events to export: TimelineJS shows an error instead of a timeline without events"]


def test_ics_hostile_text_stays_in_its_property(mixed: Log) -> None:
    events = {str(e["uid"]): e for e in calendar_of(mixed).walk("VEVENT")}
    week = events["uncertain-week@timeline"]
    assert str(week["summary"]) == "Sometime earlier this week evil"
    assert "line one\nline two" in str(week["description"])
    assert str(events["a-span@timeline"]["summary"]) == "A span, with; separators"
    assert str(events["exact-day@timeline"]["summary"]) == HOSTILE_TITLE


def test_ics_never_writes_an_unsafe_url(mixed: Log) -> None:
    log = with_source_url(mixed, "paper", "javascript:alert(1)")
    text = export(log, "ics")
    assert "javascript" not in text.lower()


# --------------------------------------------------------------------------------------------------------------
# EDTF

EDTF_LINES = [
    ("exact-day", "2024-05-14"),
    ("caesar-dies", "-0043-03-15"),
    ("a-month", "2023-07"),
    ("the-nineties", "199X"),
    ("uncertain-week", "2024-05-13/2024-05-16"),
    ("a-span", "2023-11-17/2023-11-22"),
    ("recently", "../2024-05-17"),
]


def test_edtf_one_tab_separated_line_per_event(mixed: Log) -> None:
    text = export(mixed, "edtf")
    assert isinstance(text, str)
    lines = [line.split("\t") for line in text.splitlines()]
    assert [line[0] for line in lines] == [r.id for r in mixed.records]
    assert sorted(map(tuple, lines)) == sorted(EDTF_LINES)


@pytest.mark.parametrize("log_name", ["mixed", "seed"])
def test_edtf_parses_with_the_edtf_library_to_the_records_bounds(log_name: str,
                                                                 request: pytest.FixtureRequest) -> None:
    from edtf import parse_edtf

    log: Log = request.getfixturevalue(log_name)
    text = export(log, "edtf")
    assert isinstance(text, str)
    records = {r.id: r for r in log.records}
    for line in text.splitlines():
        event_id, value = line.split("\t")
        parsed = parse_edtf(value)
        record = records[event_id]
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
        if record.start is not None:
            assert (lower.tm_year, lower.tm_mon, lower.tm_mday) == record.start.ymd, line
        if record.end is not None:
            assert (upper.tm_year, upper.tm_mon, upper.tm_mday) == record.end.ymd, line


# --------------------------------------------------------------------------------------------------------------
# CSV, JSON, JSON Lines: the normalized records

def test_csv_has_the_fixed_columns_and_reads_back(mixed: Log) -> None:
    text = export(mixed, "csv")
    assert isinstance(text, str)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == [*COLUMNS, *EXPORT_COLUMNS]
    assert [r["id"] for r in rows] == [r.id for r in mixed.records]
    by_id = {r["id"]: r for r in rows}
    assert by_id["caesar-dies"]["start"] == "-0043-03-15"
    assert by_id["a-month"]["edtf"] == "2023-07"
    assert by_id["a-span"]["title"] == "A span, with; separators"


def test_csv_neutralises_formulas_and_keeps_newlines_inside_one_field(mixed: Log) -> None:
    text = export(mixed, "csv")
    assert isinstance(text, str)
    by_id = {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert by_id["a-month"]["title"].startswith("'=HYPERLINK(")
    assert by_id["a-month"]["tags"] == "'+formula; beta"
    assert by_id["uncertain-week"]["notes"] == "line one\nline two"
    assert len(by_id) == len(mixed.records)


def test_json_and_jsonl_hold_the_same_records(mixed: Log) -> None:
    listed = json.loads(export(mixed, "json"))
    lines = [json.loads(line) for line in str(export(mixed, "jsonl")).splitlines()]
    assert listed == lines
    assert all(list(row) == [*COLUMNS, *EXPORT_COLUMNS] for row in listed)
    by_id = {row["id"]: row for row in listed}
    assert by_id["recently"]["start"] is None and by_id["recently"]["edtf"] == "../2024-05-17"
    assert by_id["exact-day"]["title"] == HOSTILE_TITLE
    assert by_id["a-month"]["tags"] == ["+formula", "beta"]


# --------------------------------------------------------------------------------------------------------------
# Parquet and the frame

def test_parquet_reads_back_with_a_fixed_schema(mixed: Log, tmp_path: Path) -> None:
    import pyarrow
    import pyarrow.parquet

    data = export(mixed, "parquet")
    assert isinstance(data, bytes) and data[:4] == b"PAR1"
    table = pyarrow.parquet.read_table(io.BytesIO(data))
    assert table.column_names == list(FRAME_COLUMNS)
    assert table.schema.field("start").type == pyarrow.string()
    assert table.schema.field("start_day").type == pyarrow.int64()
    assert table.schema.field("tags").type == pyarrow.list_(pyarrow.string())
    rows = {r["id"]: r for r in table.to_pylist()}
    assert rows["caesar-dies"]["start"] == "-0043-03-15"
    assert rows["caesar-dies"]["start_day"] == timeline.Day.of(-43, 3, 15).ordinal
    assert rows["recently"]["start"] is None and rows["recently"]["start_day"] is None
    assert rows["a-month"]["tags"] == ["+formula", "beta"]
    empty = pyarrow.parquet.read_table(io.BytesIO(export(mixed, "parquet", [])))
    assert empty.schema.remove_metadata() == table.schema.remove_metadata() and empty.num_rows == 0


def test_frame_columns_dtypes_and_day_numbers(mixed: Log) -> None:
    from timeline.render.frame import DTYPES

    frame = mixed.frame()
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == DTYPES
    assert list(frame["id"]) == [r.id for r in mixed.records]
    row = frame.set_index("id").loc["caesar-dies"]
    assert row["start"] == "-0043-03-15" and row["start_day"] == timeline.Day.of(-43, 3, 15).ordinal
    assert frame["start_day"].isna().sum() == 1  # "recently" has no earliest day
    assert len(mixed.frame([])) == 0 and list(mixed.frame([]).columns) == list(FRAME_COLUMNS)


# --------------------------------------------------------------------------------------------------------------
# vis-timeline

def test_vis_items_and_groups(mixed: Log) -> None:
    doc = json.loads(export(mixed, "vis"))
    items = {i["id"]: i for i in doc["items"]}
    assert items["exact-day"] == {"id": "exact-day", "content": "&lt;script&gt;window.__pwned = 1&lt;/script&gt; "
                                  "exact day", "start": "2024-05-14", "type": "point", "group": "alpha",
                                  "title": "Tue 14 May 2024"}
    assert (items["a-span"]["type"], items["a-span"]["start"], items["a-span"]["end"]) == (
        "range", "2023-11-17", "2023-11-23")
    assert items["uncertain-week"]["type"] == "range" and items["uncertain-week"]["className"] == "uncertain"
    assert items["caesar-dies"]["start"] == "-000043-03-15"
    assert items["period:1"]["type"] == "background" and "group" not in items["period:1"]
    # groups in the order of their first event; "recently" sorts by the day it has (its source's), not first
    assert doc["groups"] == [{"id": g, "content": g} for g in ("ancient", "untagged", "+formula", "alpha")]
    assert all(i.get("group") in {g["id"] for g in doc["groups"]} for i in doc["items"] if i["type"] != "background")


# --------------------------------------------------------------------------------------------------------------
# the command

def test_cli_export_to_stdout_with_a_range_and_tag(cli: Callable[..., Any]) -> None:
    result = cli("export", "--format", "edtf", "-f", str(MIXED), "--from", "2023-01-01", "--to", "2024-12-31",
                 "--within")
    assert result.code == 0, result.output
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["a-month", "a-span",
                                                                            "uncertain-week", "exact-day"]
    result = cli("export", "--format", "json", "-f", str(MIXED), "--tag", "ALPHA")
    assert [r["id"] for r in json.loads(result.stdout)] == ["uncertain-week", "exact-day"]


def test_cli_export_to_a_file_and_notes_on_stderr(cli: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    result = cli("export", "--format", "ics", "-f", str(MIXED), "-o", str(target))
    assert result.code == 0, result.output
    assert "caesar-dies" in result.stderr and "left out" in result.stderr
    assert result.stdout == f"{target}: 6 events as ics (1 left out, said above)\n"
    assert target.read_bytes() == str(export(timeline.load(MIXED), "ics")).encode("utf-8")


def test_cli_export_file_gets_ordinary_permissions(cli: Callable[..., Any], tmp_path: Path) -> None:
    import os

    old_mask = os.umask(0o022)
    try:
        target = tmp_path / "t.json"
        assert cli("export", "--format", "timelinejs", "-f", str(MIXED), "-o", str(target)).code == 0
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)  # a replaced file keeps the permissions it had
        assert cli("export", "--format", "timelinejs", "-f", str(MIXED), "-o", str(target)).code == 0
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_mask)
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temporary file left


def test_cli_parquet_needs_a_file(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("export", "--format", "parquet", "-f", str(MIXED))
    assert result.code == 2
    assert "binary" in result.stderr and "-o FILE" in result.stderr
    target = tmp_path / "events.parquet"
    assert cli("export", "--format", "parquet", "-f", str(MIXED), "-o", str(target)).code == 0
    assert target.read_bytes()[:4] == b"PAR1"


@pytest.mark.parametrize(("args", "code", "message"), [
    (("--format", "pdf"), 2, "pdf"),
    (("--format", "csv", "-o", "/nonexistent-folder/x.csv"), 1, "no such folder"),
    (("--format", "csv", "--from", "2024-01-01", "--to", "2023-01-01"), 2, "before --from"),
    (("--format", "json", "-o", str(MIXED)), 2, "is the log itself"),
])
def test_cli_export_mistakes_are_one_line_messages(cli: Callable[..., Any], args: tuple[str, ...], code: int,
                                                   message: str) -> None:
    result = cli("export", "-f", str(MIXED), *args)
    assert result.code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_export_of_a_broken_log_names_the_place(cli: Callable[..., Any],
                                                    write_log: Callable[..., Path]) -> None:
    path = write_log("title: t\nevents:\n  - id: x\n    title: X\n    when: Tusday\n")
    result = cli("export", "--format", "timelinejs", "-f", str(path))
    assert result.code == 1
    assert f"{path}:5:" in result.stderr


# --------------------------------------------------------------------------------------------------------------
# EDTF of any log: the edtf library reads back each record's outer bounds

_FORMS = st.sampled_from(["day", "month", "year", "season", "range", "open-before", "open-after"])


@st.composite
def _date_text(draw: st.DrawFn) -> str:
    year = draw(st.integers(min_value=-500, max_value=2100))
    month = draw(st.integers(1, 12))
    first = timeline.Day.of(year, month, draw(st.integers(1, 28)))
    form = draw(_FORMS)
    if form == "day":
        return first.iso()
    if form == "month":
        return first.iso()[:-3]
    if form == "year":
        return first.iso()[:-6]
    if form == "season":
        return f"{first.iso()[:-6]}-{draw(st.sampled_from([21, 22, 23]))}"
    if form == "range":
        return f"{first.iso()}/{first.plus(draw(st.integers(1, 90))).iso()}"
    return f"../{first.iso()}" if form == "open-before" else f"{first.iso()}/.."


@settings(max_examples=60, deadline=None)
@given(dates=st.lists(st.tuples(_date_text(), st.none() | _date_text()), min_size=1, max_size=5))
def test_edtf_of_any_record_parses_to_its_bounds(dates: list[tuple[str, str | None]]) -> None:
    from edtf import parse_edtf

    lines = ["title: t", "events:"]
    for n, (when, until) in enumerate(dates):
        lines.append(f"  - {{id: e{n}, title: E, when: '{when}'" + (f", until: '{until}'}}" if until else "}"))
    try:
        log = timeline.loads("\n".join(lines) + "\n")
    except timeline.TimelineError:
        assume(False)  # an until before its when: not a log
        return
    text = export(log, "edtf")
    assert isinstance(text, str)
    records = {r.id: r for r in log.records}
    for line in text.splitlines():
        event_id, value = line.split("\t")
        record = records[event_id]
        parsed = parse_edtf(value)
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
        if record.start is not None:
            assert (lower.tm_year, lower.tm_mon, lower.tm_mday) == record.start.ymd, (line, record)
        if record.end is not None:
            assert (upper.tm_year, upper.tm_mon, upper.tm_mday) == record.end.ymd, (line, record)


def test_an_unknown_format_is_a_timeline_error(mixed: Log) -> None:
    with pytest.raises(timeline.TimelineError, match="unknown export format 'pdf'; choose one of csv, json"):
        export(mixed, "pdf")


SPAN_EDTF = [
    # (when, until, edtf): each end as exactly as it is known; an end known only within days, its outer day "?"
    ("2023-07-05", "2023-11-17", "2023-07-05/2023-11-17"),
    ("2023-07", "2023-11-13/2023-11-20", "2023-07/2023-11-20?"),
    ("2023-21", "2023-11", "2023-21/2023-11"),
    ("-0043", "-0040", "-0043/-0040"),
    ("2024-05-17/..", "2024-06", "2024-05-17?/2024-06"),
]


@pytest.mark.parametrize(("when", "until", "expected"), SPAN_EDTF)
def test_edtf_of_spans(when: str, until: str, expected: str) -> None:
    log = timeline.loads(f"title: t\nevents:\n  - {{id: s, title: S, when: '{when}', until: '{until}'}}\n")
    assert export(log, "edtf") == f"s\t{expected}\n"


OPEN_LOG = ('title: t\nevents:\n'
            '  - {id: both-open, title: A, when: recently, until: in the future, anchor: "2024-05-17"}\n'
            '  - {id: before-after, title: B, when: "../2024-05-01", until: "2024-06-01/.."}\n')


def test_spans_open_at_both_ends_are_drawn_over_their_known_days() -> None:
    log = timeline.loads(OPEN_LOG)
    events = {e["unique_id"]: e for e in json.loads(export(log, "timelinejs"))["events"]}
    assert events["both-open"]["start_date"] == {"year": 2024, "month": 5, "day": 17}
    assert "end_date" not in events["both-open"]
    assert events["before-after"]["end_date"] == {"year": 2024, "month": 6, "day": 1}
    items = {i["id"]: i for i in json.loads(export(log, "vis"))["items"]}
    assert (items["before-after"]["start"], items["before-after"]["end"]) == ("2024-05-01", "2024-06-02")
    event = {str(e["uid"]): e for e in calendar_of(log).walk("VEVENT")}["before-after@timeline"]
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (datetime.date(2024, 5, 1),
                                                                  datetime.date(2024, 6, 2))
    assert "may reach earlier or later than shown" in str(event["description"])
    assert export(log, "edtf") == "before-after\t../..\nboth-open\t../..\n"  # EDTF 1 cannot say more
    for fmt in ("timelinejs", "vis", "ics"):
        assert export_notes(log, fmt) == []


# --------------------------------------------------------------------------------------------------------------
# iCalendar text, whatever it holds, reads back exactly

_ics_texts = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)),
                               st.sampled_from(list(",;:\\\"\n\r\t\u202e\u2028é漢😀"))), max_size=120)


@settings(max_examples=80, deadline=None)
@given(title=_ics_texts, quote=_ics_texts, tags=st.lists(_ics_texts, max_size=3))
def test_ics_text_reads_back_exactly(title: str, quote: str, tags: list[str]) -> None:
    import icalendar

    from timeline.exchange.ics import _ics_line, _ics_text

    text = _ics_line("BEGIN", "VCALENDAR") + _ics_line("BEGIN", "VEVENT") + \
        _ics_line("SUMMARY", _ics_text(title)) + _ics_line("DESCRIPTION", _ics_text(quote)) + \
        _ics_line("CATEGORIES", ",".join(_ics_text(t) for t in tags)) + _ics_line("END", "VEVENT") + \
        _ics_line("END", "VCALENDAR")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]

    def expected(value: str) -> str:
        from timeline.safety import strip_invisible

        return strip_invisible(value).replace("\r\n", "\n").replace("\r", "\n")

    assert str(event["summary"]) == expected(title)
    assert str(event["description"]) == expected(quote)
    if tags:
        assert [str(c) for c in event["categories"].cats] == [expected(t) for t in tags]


def test_ics_of_a_big_log_has_every_event(mixed: Log) -> None:
    # how long it takes is a figure for a benchmark (tests/bench_speed.py), not a test's assertion
    many = list(mixed.records) * 700  # about 5,000 events
    assert str(export(mixed, "ics", many)).count("BEGIN:VEVENT") == 6 * 700


def test_parquet_without_pyarrow_says_what_to_install(mixed: Log, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # an import of it now fails as if it were not installed
    with pytest.raises(timeline.TimelineError, match="needs the pyarrow package: pip install pyarrow"):
        export(mixed, "parquet")


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    from timeline.cli.core import Format
    from timeline.cli.exchange import ExportFormat, ImportFormat
    from timeline.render.registry import IMPORTS, ROWS

    assert [f.value for f in ExportFormat] == list(WRITERS)
    assert [f.value for f in ImportFormat] == list(IMPORTS) == ["csv", "json", "jsonl", "timelinejs"]
    assert [f.value for f in Format] == list(ROWS)


def test_every_registered_writer_and_reader_is_where_the_registry_says() -> None:
    """The registry names modules as text, so a renamed function would only fail when asked for: ask for all."""
    from timeline.render.registry import IMPORTS, REPORTS, ROWS, resolve, writer_of

    for table in (ROWS, REPORTS, WRITERS):
        for fmt in table.values():
            assert callable(writer_of(fmt)), fmt.writer
    for path in IMPORTS.values():
        assert callable(resolve(path)), path
