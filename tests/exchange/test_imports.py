"""Imports: spreadsheets and TimelineJS files into the log, every bad row reported, nothing half-written."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import timeline
from timeline.calendar import Day
from timeline.errors import ProblemList, TimelineError
from timeline.exchange.exports import export
from timeline.errors import ImportFileError
from timeline.exchange.imports import guess_format, import_events, plain_text, read_csv, read_timelinejs
from timeline.model import Log
from timeline.safety import strip_invisible

HERE = Path(__file__).resolve().parents[1]
FIXTURES = HERE / "fixtures" / "exchange"
SEED = HERE.parent / "events.yaml"


def bounds(log: Log) -> dict[str, tuple[Any, ...]]:
    """Give each record's id with its title and four bounds."""
    return {r.id: (r.event.title, r.start, r.end, r.start_latest, r.end_earliest) for r in log.records}


def problems_of(exc: pytest.ExceptionInfo[TimelineError]) -> list[str]:
    """Give the located lines of a raised error (each problem of a ProblemList)."""
    return exc.value.located().splitlines()


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """Give a copy of the seed log, with its sources, to import into."""
    target = tmp_path / "events.yaml"
    shutil.copy(SEED, target)
    return target


# --------------------------------------------------------------------------------------------------------------
# round trips through TimelineJS

@pytest.mark.parametrize("log_path", [SEED, FIXTURES / "mixed.yaml"], ids=["seed", "mixed"])
def test_timelinejs_round_trip_gives_back_ids_titles_and_dates(log_path: Path, tmp_path: Path) -> None:
    original = timeline.load(log_path)
    exported = tmp_path / "timeline.json"
    exported.write_text(str(export(original, "timelinejs")), encoding="utf-8")
    target = tmp_path / "new" / "events.yaml"
    target.parent.mkdir()
    ids = import_events(exported, target)
    assert ids == [r.id for r in original.records]
    back = timeline.load(target)
    assert bounds(back) == {r.id: (normal(r.event.title), *bounds(original)[r.id][1:]) for r in original.records}
    for record in back.records:
        first = original.record(record.id)
        assert record.event.tags == first.event.tags
        assert record.event.actors == first.event.actors
        assert record.dates[0].claim.quote == first.dates[0].claim.quote.strip()
        assert record.kind == first.kind


def test_timelinejs_round_trip_of_the_seed_is_exact_in_titles(tmp_path: Path) -> None:
    original = timeline.load(SEED)
    exported = tmp_path / "t.json"
    exported.write_text(str(export(original, "timelinejs")), encoding="utf-8")
    import_events(exported, tmp_path / "back.yaml")
    back = timeline.load(tmp_path / "back.yaml")
    assert bounds(back) == bounds(original)


# dates of every shape the log can hold, BCE and open ends among them
_years = st.integers(min_value=-2000, max_value=2100)


@st.composite
def _dates(draw: st.DrawFn) -> tuple[str, str | None]:
    year = draw(_years)
    month = draw(st.integers(1, 12))
    first = Day.of(year, month, draw(st.integers(1, 28)))
    shape = draw(st.sampled_from(["day", "month", "year", "range", "span", "open"]))
    later = first.plus(draw(st.integers(1, 400)))
    if shape == "day":
        return first.iso(), None
    if shape == "month":
        return first.iso()[:-3], None
    if shape == "year":
        return first.iso()[:-6], None
    if shape == "range":
        return f"{first.iso()}/{later.iso()}", None
    if shape == "open":
        return f"../{first.iso()}", None
    return first.iso(), later.iso()


def normal(title: str) -> str:
    """Give a title as import writes it: control and bidi override characters gone, whitespace runs one space."""
    return " ".join(strip_invisible(title).split())


# titles with the characters that break things: markup, quotes, separators, newlines, bidi overrides
_titles = st.text(st.one_of(st.characters(blacklist_categories=("Cs", "Cc")),
                            st.sampled_from(list("<>&\"',;\n\t\u202e\u2066\u2028#:=+-@"))),
                  min_size=1, max_size=40).filter(lambda t: normal(t) != "")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(st.tuples(_titles, _dates()), min_size=1, max_size=6))
def test_timelinejs_round_trip_property(events: list[tuple[str, tuple[str, str | None]]],
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    from timeline.edit.splice import add_events

    folder = tmp_path_factory.mktemp("roundtrip")
    source = folder / "source.yaml"
    add_events(source, [{"title": t, "when": w, "until": u} for t, (w, u) in events], create=True)
    original = timeline.load(source)
    exported = folder / "t.json"
    exported.write_text(str(export(original, "timelinejs")), encoding="utf-8")
    import_events(exported, folder / "back.yaml")
    back = timeline.load(folder / "back.yaml")
    assert bounds(back) == {k: (normal(v[0]), *v[1:]) for k, v in bounds(original).items()}


# --------------------------------------------------------------------------------------------------------------
# TimelineJS files made elsewhere

def test_a_knight_lab_timelinejs_file_reads_as_events() -> None:
    events = [event for _, event in read_timelinejs(FIXTURES / "knightlab.json")]
    assert events == [
        {"title": "A Musical Heritage", "when": "1963-08-09",
         "notes": "Born in New Jersey & raised in a family of singers."},
        {"title": "Whitney Houston, the debut", "when": "1985", "until": "1986", "tags": ["Albums"]},
        {"title": "The Bodyguard", "id": "the-bodyguard", "when": "1992-11", "tags": ["Films"]},
    ]


@pytest.mark.parametrize(("parts", "expected"), [
    ({"year": "2023"}, "2023"),
    ({"year": 2023, "month": 7}, "2023-07"),
    ({"year": "2024", "month": "2", "day": "29"}, "2024-02-29"),
    ({"year": -44, "month": 3, "day": 15}, "-0043-03-15"),  # TimelineJS's -44 is 44 BCE
    ({"year": -1}, "0000"),  # 1 BCE is astronomical year 0
    ({"year": "1999", "month": "", "day": ""}, "1999"),
])
def test_timelinejs_dates_become_exact_dates(parts: dict[str, Any], expected: str) -> None:
    from timeline.exchange.imports import tl_date_text

    assert tl_date_text(parts, "start_date") == expected


def test_bad_timelinejs_events_are_all_reported_by_number(tmp_path: Path) -> None:
    target = tmp_path / "events.yaml"
    with pytest.raises(ProblemList) as caught:
        import_events(FIXTURES / "bad-timelinejs.json", target)
    name = str(FIXTURES / "bad-timelinejs.json")
    assert problems_of(caught) == [
        f"{name}:3: event #1 ('Thirteenth month'): start_date.month must be 1 to 12, not 13",
        f"{name}:4: event #2 ('No year'): start_date has no year",
        f"{name}:5: event #3: text.headline is empty; every event needs a headline to become its title",
        f"{name}:6: event #4 ('not-leap'): start_date.day 29 does not exist in 2023-02",
        f"{name}:7: event #5: must be an object with start_date and text",
        f"{name}:8: event #6 ('Roman'): start_date.year must be a whole number, not \"MMXX\"",
    ]
    assert not target.exists()


@pytest.mark.parametrize(("text", "message", "line"), [
    ('{"events": [\n  {"start_date": }\n]}', "not JSON", 2),
    ('[1, 2]', 'expected an object with an "events" list', None),
    ('{"events": {}}', 'expected an object with an "events" list', None),
])
def test_a_file_that_is_not_timelinejs_is_refused_with_its_place(tmp_path: Path, text: str, message: str,
                                                                line: int | None) -> None:
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_timelinejs(path)
    assert message in caught.value.message
    assert caught.value.line == line and caught.value.path == str(path)


def test_timelinejs_problems_name_the_line_of_their_event(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"title": {"text": {"headline": "events"}}, "scale": "human",
                               "events": [{"start_date": {"year": 2020}, "text": {"headline": "ok"}},
                                          {"start_date": {"year": "x"}, "text": {"headline": "bad"}}]},
                               indent=2), encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        read_timelinejs(path)
    assert problems_of(caught) == [f'{path}:17: event #2 (\'bad\'): start_date.year must be a whole number, '
                                   'not "x"']
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[16].strip() == "{" and lines[18].strip() == '"year": "x"'  # line 17 opens the bad event


@pytest.mark.parametrize(("fragment", "text"), [
    # tags dropped, block tags as line breaks, entities decoded
    ("<p>One &amp; <b>two</b></p><p>three&lt;script&gt;</p>", "One & two\nthree<script>"),
    # an entity is decoded once, as a browser shows it: `&amp;lt;` is the text `&lt;`
    ("AT&amp;amp;T", "AT&amp;T"),
    ("&amp;lt;b&amp;gt; is a tag", "&lt;b&gt; is a tag"),
    ("<i>&amp;#60;</i>", "&#60;"),
    # plain headlines: runs of white space as one space
    ("  Leike   resigns ", "Leike resigns"),
    ("Leike\u2028resigns", "Leike resigns"),
    ("", ""),
])
def test_html_in_timelinejs_fields_becomes_plain_text(fragment: str, text: str) -> None:
    assert plain_text(fragment) == text


@given(st.text(alphabet=st.characters(exclude_characters="<&\n")))
def test_a_headline_without_markup_reads_as_the_markup_path_would(fragment: str) -> None:
    # the shortcut for plain headlines gives what the tag loop gives with one `<b>` in front
    assert plain_text(fragment) == plain_text("<b>" + fragment)


def test_a_timelinejs_title_with_an_entity_comes_back_as_written(tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    log.write_text('title: T\nsources: {}\nevents:\n  - id: att\n    title: "AT&amp;T & <b>co</b>"\n'
                   '    when: "2024-05-01"\n', encoding="utf-8")
    exported = tmp_path / "t.json"
    exported.write_text(str(export(timeline.load(log), "timelinejs")), encoding="utf-8")
    target = tmp_path / "back.yaml"
    import_events(exported, target)
    assert timeline.load(target).record("att").event.title == "AT&amp;T & <b>co</b>"


# --------------------------------------------------------------------------------------------------------------
# spreadsheets

def test_a_spreadsheet_appends_its_rows_to_the_log(seed_copy: Path) -> None:
    before = timeline.load(seed_copy)
    ids = import_events(FIXTURES / "spreadsheet.csv", seed_copy)
    assert ids == ["leike-backseat", "a-title-with-a-comma", "a-month-by-date", "a-span-by-dates", "caesar"]
    after = timeline.load(seed_copy)
    assert len(after.records) == len(before.records) + 5
    backseat = after.record("leike-backseat")
    assert (backseat.start, backseat.end) == (Day.of(2024, 5, 17), Day.of(2024, 5, 17))  # Friday of the source
    assert backseat.event.tags == ("safety", "departures")
    assert backseat.dates[0].claim.quote == '"a backseat to shiny products"'
    comma = after.record("a-title-with-a-comma")
    assert comma.event.title == "A title with, a comma"
    assert comma.event.tags == ("superalignment", "safety")
    assert comma.event.notes == "a note\non two lines"
    assert after.record("a-month-by-date").edtf == "2023-07"
    assert after.record("a-span-by-dates").kind == "span"
    assert after.record("caesar").start == Day.of(-43, 3, 15)
    text = seed_copy.read_text(encoding="utf-8")
    assert "# The founding: the article gives no date" in text  # the log's comments are kept


def test_bad_rows_are_reported_by_line_and_nothing_is_written(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    with pytest.raises(ProblemList) as caught:
        import_events(FIXTURES / "bad-rows.csv", seed_copy)
    name = str(FIXTURES / "bad-rows.csv")
    assert problems_of(caught) == [
        f"{name}:3: the title is empty; say what happened",
        f"{name}:4: 'Bad date': cannot read date 'Tusday' (did you mean 'Tuesday'?)",
        f"{name}:7: 'Unknown source': unknown source 'verge-leik' (did you mean 'verge-leike'?); add it to "
        f"{seed_copy} first (`timeline source add`), or leave the cell empty",
        f"{name}:8: 'Date after its source': dated 2024-05-18, after its source 'verge-leike' was published "
        "(2024-05-17); fix the date, or set the 'planned' cell to true if it was announced ahead",
    ]
    assert seed_copy.read_bytes() == before


CSV_CASES = [
    # (csv text, expected events)
    # separators people use: ';' in Excel's European CSV, tabs
    ("title;when;tags\nA;2024-05-14;x, y\n", [{"title": "A", "when": "2024-05-14", "tags": ["x", "y"]}]),
    ("title\twhen\nA\t2023\n", [{"title": "A", "when": "2023"}]),
    # a byte-order mark, other column names, spaces and case in headers
    ("\ufeffHeadline, Date ,Tag\nA,2023-07,one\n", [{"title": "A", "when": "2023-07", "tags": ["one"]}]),
    # blank rows are skipped; empty cells leave keys out
    ("title,when,notes\n\nA,2023,\n,,\n", [{"title": "A", "when": "2023"}]),
    # hostile text: a neutralised formula loses its apostrophe, controls and bidi overrides go, newlines in a
    # title become one space, script tags stay text
    ("title,when\n'=1+2,2023\n", [{"title": "=1+2", "when": "2023"}]),
    ('title,when\n"a\u202eb\x07c\nd <script>",2023\n', [{"title": "abc d <script>", "when": "2023"}]),
    # planned written as a boolean
    ("title,when,planned\nA,2030,yes\n", [{"title": "A", "when": "2030", "planned": True}]),
]


@pytest.mark.parametrize(("text", "expected"), CSV_CASES)
def test_csv_rows_read_as_events(tmp_path: Path, text: str, expected: list[dict[str, Any]]) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert [event for _, event in read_csv(path)] == expected


def test_a_timelinejs_google_sheet_saved_as_csv_reads_as_events() -> None:
    events = [event for _, event in read_csv(FIXTURES / "timelinejs-sheet.csv")]
    assert events == [  # the title row and the era row are not events; media and colours are dropped; HTML is text
        {"title": "A Musical Heritage", "when": "1963-08-09", "tags": ["Life"],
         "notes": "Born in New Jersey & raised in a family of singers."},
        {"title": "Whitney Houston the debut", "when": "1985", "until": "1986", "tags": ["Albums"]},
        {"title": "The Ides of March", "when": "-0043-03-15", "tags": ["Ancient"]},
    ]


def test_timelinejs_sheet_dates_that_do_not_exist_are_reported_by_line(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Year,Month,Day,End Year,End Month,Headline\n1992,13,,,,Bad month\n1992,2,30,,,Bad day\n"
                     "1990,,,1991,0,Bad end\nx,,,,,Bad year\n0,,,,,Year zero\n", encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        read_csv(sheet)
    assert problems_of(caught) == [
        f"{sheet}:2: 'Bad month': Month must be 1 to 12, not 13",
        f"{sheet}:3: 'Bad day': Day 30 does not exist in 1992-02",
        f"{sheet}:4: 'Bad end': End Month must be 1 to 12, not 0",
        f"{sheet}:5: 'Bad year': Year must be a whole number, not \"x\"",
        f"{sheet}:6: 'Year zero': Year 0 does not exist in TimelineJS's count (-1 is 1 BCE, 1 is 1 CE)",
    ]


@pytest.mark.parametrize(("text", "message"), [
    ("titel,when\nA,2023\n", "unknown column 'titel' (did you mean 'title'?)"),
    ("when,source\n2023,x\n", "the header has no 'title' column"),
    ("title,notes\nA,b\n", "the header has no 'when' column"),
    ("title,when,headline\nA,2023,B\n", "column 'title' appears twice"),
    ("", "the file is empty"),
])
def test_csv_header_mistakes_are_reported_on_line_1(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_csv(path)
    assert message in caught.value.message
    assert (caught.value.path, caught.value.line) == (str(path), 1)


def test_csv_row_with_too_many_cells_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("title,when\nA,2023\nB, 2023, extra\n", encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        read_csv(path)
    assert problems_of(caught) == [f"{path}:3: 3 cells but the header names 2 columns (extra 'extra'); quote "
                                   "cells that hold the delimiter"]


@pytest.mark.parametrize("text", [
    # a quote opened and never closed takes in the rest of the file
    'title,when\nA,2023\n"B,2023\n' + "C,2023\n" * 30_000,
    # one cell past the csv module's limit
    'title,when,notes\nA,2023,ok\nB,2023,"' + "word, " * 30_000 + '"\n',
])
def test_a_cell_too_long_to_read_says_what_to_do_at_its_row(tmp_path: Path, text: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        read_csv(path)
    [line] = problems_of(caught)
    assert line.startswith(f"{path}:3: a cell of this row is over 131,072 characters")
    assert line.endswith("close the quote, or shorten the cell")


def test_csv_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes("title,when\nA,2023\nCaf\u00e9,2023\n".encode("latin-1"))
    with pytest.raises(ImportFileError) as caught:
        read_csv(path)
    assert caught.value.line == 3 and "UTF-8" in caught.value.message


def test_csv_line_numbers_count_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text('title,when\n"two\nlines",2023\n"three\nmore\nlines",2023\n,2023\n', encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        read_csv(path)
    assert problems_of(caught) == [f"{path}:7: the title is empty; say what happened"]


def test_timelines_own_csv_export_reads_back_with_exact_dates(tmp_path: Path) -> None:
    original = timeline.load(FIXTURES / "mixed.yaml")
    sheet = tmp_path / "records.csv"
    sheet.write_text(str(export(original, "csv")), encoding="utf-8", newline="")
    target = tmp_path / "events.yaml"
    target.write_text("title: t\nsources:\n  paper:\n    published: '2024-05-17'\n  old:\n    published: "
                      "'2024-01-01'\nevents: []\n", encoding="utf-8")
    import_events(sheet, target)
    back = timeline.load(target)
    assert {k: v[1:] for k, v in bounds(back).items()} == {k: v[1:] for k, v in bounds(original).items()}
    assert back.record("a-month").event.title == original.record("a-month").event.title  # apostrophe undone
    assert back.record("a-month").event.tags == ("+formula", "beta")


def test_unsafe_urls_are_refused_by_line(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("title,when,url\nA,2024,javascript:alert(1)\nB,2024,https://example.org/ok\n",
                     encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        import_events(sheet, tmp_path / "e.yaml")
    assert problems_of(caught) == [f"{sheet}:2: 'A': url 'javascript:alert(1)' must start with http://, https:// "
                                   "or mailto:; fix it or leave the cell empty"]
    assert not (tmp_path / "e.yaml").exists()


def test_a_link_in_the_source_column_is_explained(seed_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("title,when,source\nA,Tuesday,https://example.org/story\n", encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        import_events(sheet, seed_copy)
    assert "(a source is named by its id; a link goes in the 'url' column)" in problems_of(caught)[0]


def test_duplicate_ids_against_the_log_and_within_the_file(seed_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,title,when\nleike-resigns,Again,2024\nnew-one,A,2024\nnew-one,B,2024\nbad id,C,2024\n",
                     encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        import_events(sheet, seed_copy)
    lines = problems_of(caught)
    # a row whose id the log has is the log's event again (counted, or updated with --update), not a problem
    assert [line.split(": ")[0] for line in lines] == [f"{sheet}:4", f"{sheet}:5"]
    assert "'new-one' is already taken" in lines[0]
    assert "may hold only letters" in lines[1]


# --------------------------------------------------------------------------------------------------------------
# the command

def test_cli_import_creates_the_log_and_lists_the_ids(cli: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    result = cli("import", str(FIXTURES / "knightlab.json"), "-f", str(target))
    assert result.code == 0, result.output
    assert result.stdout.splitlines() == [f"{target}: added 3 events from {FIXTURES / 'knightlab.json'}",
                                          "  a-musical-heritage", "  whitney-houston-the-debut", "  the-bodyguard"]
    assert cli("validate", "-f", str(target)).code == 0


def test_cli_import_format_option_overrides_the_extension(cli: Callable[..., Any], tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.dat"
    sheet.write_text("title,when\nA,2023\n", encoding="utf-8")
    result = cli("import", str(sheet), "-f", str(tmp_path / "e.yaml"))
    assert result.code == 1 and "give --format csv, json, jsonl or timelinejs" in result.stderr
    result = cli("import", str(sheet), "--format", "csv", "-f", str(tmp_path / "e.yaml"))
    assert result.code == 0, result.output


@pytest.mark.parametrize(("args", "code", "message"), [
    (("import", "missing.csv"), 1, "missing.csv: no such file to import"),
    (("import", "x.csv", "--format", "xlsx"), 2, "xlsx"),
])
def test_cli_import_mistakes_are_one_line_messages(cli: Callable[..., Any], args: tuple[str, ...], code: int,
                                                   message: str) -> None:
    result = cli(*args)
    assert result.code == code
    assert message in result.output and "Traceback" not in result.output


def test_cli_import_reports_bad_rows_and_exits_1(cli: Callable[..., Any], seed_copy: Path) -> None:
    result = cli("import", str(FIXTURES / "bad-rows.csv"), "-f", str(seed_copy))
    assert result.code == 1
    assert f"{FIXTURES / 'bad-rows.csv'}:4: 'Bad date'" in result.stderr
    assert result.stdout == ""


def test_guess_format() -> None:
    assert guess_format(Path("a.CSV")) == "csv"
    assert guess_format(Path("a.json")) == "timelinejs"
    with pytest.raises(ImportFileError):
        guess_format(Path("a.xlsx"))


def test_imported_hostile_text_is_escaped_again_on_export(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text('title,when,quote\n"<img src=x onerror=alert(1)>",2024-05-14,"</p><script>x</script>"\n',
                     encoding="utf-8")
    import_events(sheet, tmp_path / "e.yaml")
    doc = json.loads(str(export(timeline.load(tmp_path / "e.yaml"), "timelinejs")))
    event = doc["events"][0]
    assert event["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<script>" not in event["text"]["text"] and "&lt;/p&gt;&lt;script&gt;" in event["text"]["text"]


def test_a_file_without_events_leaves_the_log_alone(cli: Callable[..., Any], tmp_path: Path) -> None:
    sheet = tmp_path / "empty.csv"
    sheet.write_text("title,when\n\n", encoding="utf-8")
    target = tmp_path / "events.yaml"
    result = cli("import", str(sheet), "-f", str(target))
    assert result.code == 0
    assert result.stdout == f"{sheet}: no events in it; {target} is unchanged\n"
    assert not target.exists()


@pytest.mark.parametrize("opening, closing", [("[", "]"), ('{"events": ', "}")])
def test_json_nested_too_deeply_is_one_located_line(cli: Any, tmp_path: Path, opening: str, closing: str) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(opening * 5000 + closing * 5000, encoding="utf-8")
    result = cli("import", str(deep), "-f", str(tmp_path / "events.yaml"))
    assert result.code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"{deep}: ") and "nested too deeply" in result.stderr
    assert not (tmp_path / "events.yaml").exists()
