"""Read other tools' files into events for the log: a spreadsheet (CSV) or a TimelineJS JSON file.

Reading gives plain event dicts with the log's keys; `import_events` checks them against the log they go into
(every unreadable row reported at once, by line number of the CSV or of the TimelineJS event) and appends them
through `timeline.edit.add_events`, the same validated, comment-keeping, atomic path as `timeline add`. Control
and bidi override characters are dropped from every imported text.

CSV: a header row, then one event per row. Columns (case and spaces ignored):

    title, when, until, source, quote, tags, actors, id, notes, url, anchor, tense, planned

with a few other names people use (`headline` for title, `date` for when, `tag`, `actor`, `note`, `link`).
TimelineJS's Google Sheets template, saved as CSV, reads too: `Year`, `Month`, `Day` and `End Year`, `End Month`,
`End Day` give the dates, `Headline` the title, `Text` the notes, `Group` a tag; media, times and looks are
ignored, and its title and era rows (`Type`) are skipped.
`tags` and `actors` split on ';' or ','. A CSV that `timeline export --format csv` wrote reads back too: when a row
has no `when`, its `start`, `end`, `start_latest`, `end_earliest` and `kind` give exact dates (`start_at` and
`end_at`, when given, the exact instants: a part of the day comes back as the span of its hours), and the columns
timeline derives itself (`display`, `precision`, `edtf`, ...) are ignored. A cell that export neutralised against
spreadsheet formulas (`'=...`) loses that apostrophe again. Any other column is an error, so nothing is dropped
without a word.

TimelineJS: `text.headline` (HTML made plain text) is the title, `unique_id` the id when it is a valid one (else
one is made from the title), `start_date`/`end_date` the `when`/`until` written as exact dates (`2023`,
`2023-07`, `2023-07-05`, with `hour`/`minute` a wall-clock time `2023-07-05 09:30` in the log's zone; TimelineJS's
year -44 is 44 BCE, `-0043`), `group` a tag, `text.text` the notes. A file
that `timeline export --format timelinejs` wrote carries a `timeline` key per event with the exact when/until,
tags, actors, quote, notes and link, and those are used instead, so a round trip gives back the same dates
(and instants: a timed record's when/until are its instants).
"""

from __future__ import annotations

import csv
import difflib
from collections import Counter
import html
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..log import schema
from ..log.schema import CSV_ALIASES, CSV_KEYS
from ..calendar import Day, days_in_month, format_year
from ..errors import ImportFileError, ProblemList, TimelineError
from ..log.check import Words
from ..log.load import FileWords, read_bytes
from ..render.rows import COLUMNS as RECORD_COLUMNS
from .tables import EXPORT_COLUMNS, instant_phrase
from ..safety import strip_hidden, strip_invisible
from ..model import Limits, Source, gc_paused
from ..dates.edtf import bounds_phrase
from ..edit.splice import import_into
from ..log.load import check_events as check_against_log, load
from ..render.registry import IMPORTS, resolve

Event = dict[str, Any]


#: Columns of timeline's own CSV export that give exact dates when `when` is empty.
BOUND_COLUMNS = ("start", "end", "start_latest", "end_earliest", "kind", "start_at", "end_at", "zone")
#: Columns of timeline's own export (CSV or JSON) that give the event back as it was written: the phrases, the
#: source it cites and its fields, and the export's own columns (tense, anchor, other claims, cited sources).
OWN_COLUMNS = ("phrase", "until_phrase", "source_title", "publisher", "published", *EXPORT_COLUMNS)
#: Columns of TimelineJS's Google Sheets template that give the dates (years counted as TimelineJS does).
SHEET_DATE_COLUMNS = ("year", "month", "day", "end_year", "end_month", "end_day")
#: Columns of that template that hold nothing for the log (media, looks, times of day).
SHEET_IGNORED = frozenset({"time", "end_time", "display_date", "media", "media_credit", "media_caption",
                           "media_thumbnail", "alt_text", "background"})
#: Columns of timeline's own CSV export that are derived from the rest, and so ignored.
IGNORED_COLUMNS = (frozenset(RECORD_COLUMNS) - set(CSV_KEYS) - set(BOUND_COLUMNS) - set(OWN_COLUMNS)) | SHEET_IGNORED
#: Fields written on one line: newlines and runs of spaces in them become one space.
_ONE_LINE = frozenset({"title", "when", "until", "source", "id", "url", "anchor", "tense", "planned"})
_LIST_SPLIT = re.compile(r"[;,]")
#: The apostrophe `safety.csv_cell` put before a formula, at the start or after a `;`, tab or line break.
_NEUTRALISED = re.compile(r"(^|(?<=[;\t\r\n]))'(?=[ \xa0]*'*[=+\-@]|'*[\t\r])")

FORMATS = ("csv", "json", "jsonl", "timelinejs")
#: How many unknown columns an import names; the rest are counted.
MAX_NAMED = 10


def guess_format(path: Path) -> str:
    """Give the import format of a file from its extension ('.csv', '.tsv' or '.json'), or ImportFileError."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix == ".json":
        return "timelinejs"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    raise ImportFileError(f"cannot tell the format from the extension '{suffix or '(none)'}'; {{how}}",
                          path=str(path), how="import-format")


#: What the reader says of a file it cannot read: a file to import, not the log.
_IMPORT_FILE = FileWords(ImportFileError, "no such file to import", "is a folder, not a file to import")


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """Give the bytes of a file to import, or a StorageError/ImportFileError saying what to do."""
    return read_bytes(path, limits, words=_IMPORT_FILE)


def _text(data: bytes, name: str) -> str:
    """Give UTF-8 text (a byte-order mark dropped), or ImportFileError at the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8 "
                              "(in a spreadsheet: CSV UTF-8)", path=name, line=line) from None


def _clean(key: str, value: str) -> str:
    """Give a cell's text without control or bidi override characters, on one line where the key asks."""
    text = strip_invisible(_NEUTRALISED.sub("", value).replace("\r\n", "\n").replace("\r", "\n")).strip()
    return " ".join(text.split()) if key in _ONE_LINE else text


def _words(value: str) -> list[str]:
    """Give the items of a tags or actors cell, split on ';' or ','."""
    # zero-width and bidi characters would make a label that looks like another one: they are dropped
    return [w for w in (" ".join(strip_hidden(part).split()) for part in _LIST_SPLIT.split(value)) if w]


# --------------------------------------------------------------------------------------------------------------
# CSV

def _column_key(header: str) -> str:
    """Give a header cell as a key: trimmed, lower case, spaces and hyphens as '_'."""
    return re.sub(r"[\s\-]+", "_", strip_invisible(header).strip().casefold())


def _header(cells: list[str], name: str) -> list[str | None]:
    """Give the key of each column (None for ignored ones), or ImportFileError naming the unknown columns."""
    known = {*CSV_KEYS, *CSV_ALIASES, *BOUND_COLUMNS, *OWN_COLUMNS, *IGNORED_COLUMNS, *SHEET_DATE_COLUMNS, "type"}
    keys: list[str | None] = []
    problems: list[str] = []
    unknown = 0
    for cell in cells:
        key = _column_key(cell)
        if key in IGNORED_COLUMNS or (not key and not cell.strip()):
            keys.append(None)
            continue
        if key not in known:
            unknown += 1
            if len(problems) < MAX_NAMED:  # a million unknown columns are not a million hints on one line
                close = difflib.get_close_matches(key[:60], [*CSV_KEYS, *CSV_ALIASES], n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(f"'{cell.strip()[:40]}'{hint}")
            keys.append(None)
            continue
        keys.append(CSV_ALIASES.get(key, key))
    if problems:
        more = f" and {unknown - len(problems):,} more" if unknown > len(problems) else ""
        raise ImportFileError(f"unknown column {', '.join(problems)}{more}; known columns: {', '.join(CSV_KEYS)}",
                              path=name, line=1)
    seen = [k for k in keys if k is not None]
    counts = Counter(seen)
    doubled = sorted(k for k, n in counts.items() if n > 1)
    if doubled:
        raise ImportFileError(f"column '{doubled[0]}' appears twice; keep one", path=name, line=1)
    if "title" not in seen:
        raise ImportFileError("the header has no 'title' column; the first row must name the columns "
                              f"({', '.join(CSV_KEYS)})", path=name, line=1)
    if "when" not in seen and "start" not in seen and "year" not in seen and "phrase" not in seen:
        raise ImportFileError("the header has no 'when' column (the date of each event)", path=name, line=1)
    return keys


def _delimiter(first_line: str, name: str) -> str:
    """Give the delimiter of a CSV from its header line: ',' unless it holds only ';' or tabs."""
    if name.lower().endswith(".tsv") or ("\t" in first_line and "," not in first_line):
        return "\t"
    if ";" in first_line and "," not in first_line:
        return ";"
    return ","


def _bounds_dates(row: dict[str, str]) -> tuple[str, str | None] | None:
    """Give (when, until) from the exact bounds of timeline's own CSV export, or None when they are absent."""
    def day(key: str) -> Day | None:
        return Day.parse(row[key]) if row.get(key) else None

    if not row.get("start") and not row.get("end"):
        return None
    if row.get("start_at") and row.get("end_at"):  # a time of day: the instants themselves, in their zone
        first, last = instant_phrase(row["start_at"], row.get("zone")), instant_phrase(row["end_at"], row.get("zone"))
        if row["start_at"] == row["end_at"] and row.get("kind") != "span":
            return first, None
        return first, last
    start, end = day("start"), day("end")
    if row.get("kind") == "span":
        return bounds_phrase(start, day("start_latest") or end), bounds_phrase(day("end_earliest") or start, end)
    return bounds_phrase(start, end), None


def read_csv(path: Path, *, limits: Limits = Limits()) -> list[tuple[int, Event]]:
    """Give (line number, event) for every data row of a CSV; ProblemList of every row that cannot be read."""
    return _raise_any(*_read_csv(path, limits))


def _raise_any(items: list[tuple[int, Event]], problems: list[TimelineError]) -> list[tuple[int, Event]]:
    """Give the items when there are no problems; else raise them together."""
    if problems:
        raise ProblemList(problems)
    return items


def _read_csv(path: Path, limits: Limits) -> tuple[list[tuple[int, Event]], list[TimelineError]]:
    """Give (line number, event) for the rows that can be read, and a problem for each row that cannot."""
    name = str(path)
    text = _text(_read_bytes(path, limits), name)
    if not text.strip():
        raise ImportFileError("the file is empty; its first row must name the columns "
                              f"({', '.join(CSV_KEYS)})", path=name, line=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0], name))
    try:
        keys = _header(next(reader), name)
    except csv.Error as exc:
        raise ImportFileError(f"cannot read the header: {exc}", path=name, line=1) from None
    rows: list[tuple[int, Event]] = []
    problems: list[TimelineError] = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ImportFileError(_row_error(exc), path=name, line=line))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(rows) + len(problems) >= limits.max_events:
            problems.append(ImportFileError(f"more than {limits.max_events:,} rows (raise the limit with {{how}})",
                                            path=name, line=line, how="max-events"))
            break
        try:
            event = _csv_event(keys, cells, sheet="year" in keys)
            if event is not None:
                rows.append((line, event))
        except ValueError as exc:
            problems.append(ImportFileError(str(exc), path=name, line=line))
    return rows, problems


def _row_error(exc: csv.Error) -> str:
    """Give the words for a row the csv module cannot read: what is wrong and what to do."""
    if "field larger than field limit" in str(exc):
        return (f"a cell of this row is over {csv.field_size_limit():,} characters: a quote (\") opened in it and "
                "never closed takes in the rest of the file; close the quote, or shorten the cell")
    return f"cannot read this row: {exc}; quote cells that hold the delimiter, a quote or a line break"


def _sheet_dates(row: dict[str, str]) -> tuple[str, str | None] | None:
    """Give (when, until) from the Year/Month/Day columns of a TimelineJS sheet, or None when it has none."""
    if not row.get("year"):
        return None
    parts = {"year": row["year"], "month": row.get("month"), "day": row.get("day")}
    when = tl_date_text(parts, "the date", prefix="")
    if not row.get("end_year"):
        return when, None
    end = {"year": row["end_year"], "month": row.get("end_month"), "day": row.get("end_day")}
    until = tl_date_text(end, "the end date", prefix="End ")
    return when, (until if until != when else None)


def _csv_event(keys: list[str | None], cells: list[str], *, sheet: bool = False) -> Event | None:
    """Give the event of one CSV row (None for a TimelineJS sheet's title or era row); ValueError if it is wrong.

    In a TimelineJS sheet (`sheet`), Headline and Text are HTML and become plain text.
    """
    extra = [c for c in cells[len(keys):] if c.strip()]
    if extra:
        raise ValueError(f"{len(cells)} cells but the header names {len(keys)} columns "
                         f"(extra '{_clean('title', extra[0])[:40]}'); quote cells that hold the delimiter")
    row = {key: _clean(key, cell) for key, cell in zip(keys, cells, strict=False) if key is not None}
    if row.get("type", "").casefold() in ("title", "era"):
        return None  # a TimelineJS sheet's title slide or era: not an event
    if "phrase" in row:
        return own_event(row)
    event: Event = {}
    for key in CSV_KEYS:
        value = row.get(key, "")
        if not value:
            continue
        event[key] = _words(value) if key in ("tags", "actors") else value
    if event.get("planned") in schema.TRUE_WORDS | schema.FALSE_WORDS:
        event["planned"] = event["planned"] in schema.TRUE_WORDS  # written as YAML true/false
    if sheet:
        for key in ("title", "notes"):
            if key in event:
                event[key] = _clean(key, plain_text(event[key]))
    if "when" not in event:
        try:
            dates = _bounds_dates(row) or _sheet_dates(row)
        except ValueError as exc:
            raise ValueError(f"'{event.get('title', '')[:60]}': {exc}") from None
        if dates is not None:
            event["when"], until = dates
            if until is not None:
                event["until"] = until
    if not event.get("title"):
        raise ValueError("the title is empty; say what happened")
    if not event.get("when"):
        raise ValueError(f"event '{event['title'][:60]}': the 'when' cell is empty; give the date or the "
                         "source's words for it")
    return event


def _structure(row: dict[str, Any], key: str) -> Any:
    """Give a JSON column of an export row: parsed from a CSV cell's text, as it is from a JSON export."""
    value = row.get(key)
    if not isinstance(value, str):
        return value
    if not value.strip():
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ValueError(f"column '{key}' is not JSON ({exc.msg}); export the log again, or empty the cell") from None


def own_event(row: dict[str, Any]) -> Event:
    """Give the event of a row of timeline's own export (CSV cells or JSON values), as it was written in the log.

    `when` and `until` are the phrases as written (read against the same sources again); the sources it cites come
    back under the key `_sources` (id -> fields) for `import_events` to add when the log lacks them. ValueError
    says what is wrong with the row.
    """
    def text(key: str) -> str:
        value = row.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            value = str(value)
        return _clean(key, value)

    def words(key: str) -> list[str]:
        value = row.get(key)
        if isinstance(value, list):
            return [w for w in (" ".join(str(v).split()) for v in value) if w]
        return _words(text(key))

    event: Event = {}
    for key in ("id", "title", "source", "quote", "notes"):
        if value := text(key):
            event[key] = value
    event["when"] = text("phrase")
    if until := text("until_phrase"):
        event["until"] = until
    if anchor := text("given_anchor"):
        event["anchor"] = anchor
    if relative_to := text("given_relative_to"):
        event["relative_to"] = relative_to
    if duration := text("given_for"):
        event["for"] = duration
    if text("tense") == "future":
        event["tense"] = "future"
    for key in ("tags", "actors"):
        if found := words(key):
            event[key] = found
    claims = _structure(row, "more_claims")
    if claims:
        if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
            raise ValueError("column 'more_claims' must be a list of claims")
        event["claims"] = [{k: strip_invisible(v) if isinstance(v, str) else v for k, v in c.items()}
                           for c in claims]
    cited = _structure(row, "cited_sources")
    if cited is None and event.get("source"):  # a CSV from before the export named its sources: what the row says
        cited = {event["source"]: {"title": text("source_title"), "publisher": text("publisher"),
                                   "published": text("published")}}
    if cited:
        if not isinstance(cited, dict) or not all(isinstance(v, dict) for v in cited.values()):
            raise ValueError("column 'cited_sources' must map source ids to their fields")
        event["_sources"] = {sid: {k: v for k, v in fields.items() if isinstance(v, str) and v}
                             for sid, fields in cited.items()}
    url = text("url")
    own = event.get("_sources", {}).get(event.get("source"), {})
    if url and url != own.get("url"):  # the export's link falls back to the source's: that one is the source's
        event["url"] = url
    if not event.get("title"):
        raise ValueError("the title is empty; say what happened")
    if not event["when"]:
        dates = _bounds_dates({k: text(k) for k in BOUND_COLUMNS})
        if dates is None:
            raise ValueError(f"event '{event['title'][:60]}': the 'phrase' cell is empty; give the date")
        event["when"], end = dates
        if end is not None:
            event["until"] = end
    return event


def _read_json(path: Path, limits: Limits) -> tuple[list[tuple[int, Event]], list[TimelineError]]:
    """Give (line, event) for the rows of `timeline export --format json` (a list of row objects)."""
    name = str(path)
    _, doc = _json_doc(path, limits, "a timeline JSON export")
    if isinstance(doc, dict) and isinstance(doc.get("events"), list):
        return _read_timelinejs(path, limits)
    if not isinstance(doc, list):
        raise ImportFileError("not a timeline JSON export: expected a list of events {how}", path=name,
                              how="json-export")
    return _own_rows(list(enumerate(doc, 1)), name, limits, "row")


def _read_jsonl(path: Path, limits: Limits) -> tuple[list[tuple[int, Event]], list[TimelineError]]:
    """Give (line, event) for the lines of `timeline export --format jsonl` (one row object a line)."""
    name = str(path)
    items: list[tuple[int, Any]] = []
    for number, line in enumerate(_text(_read_bytes(path, limits), name).splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"not JSON: {exc.msg}", path=name, line=number, col=exc.colno) from None
    return _own_rows(items, name, limits, "line")


def _own_rows(items: list[tuple[int, Any]], name: str, limits: Limits,
              what: str) -> tuple[list[tuple[int, Event]], list[TimelineError]]:
    if len(items) > limits.max_events:
        raise ImportFileError(f"{len(items):,} events, over the limit of {limits.max_events:,} (raise it with "
                              "{how})", path=name, how="max-events")
    events: list[tuple[int, Event]] = []
    problems: list[TimelineError] = []
    for number, item in items:
        line = number if what == "line" else None
        try:
            if not isinstance(item, dict):
                raise ValueError("must be an object with the export's keys (id, title, phrase, ...)")
            events.append((number, own_event(item)))
        except ValueError as exc:
            problems.append(ImportFileError(f"{what} #{number}: {exc}", path=name, line=line))
    return events, problems


# --------------------------------------------------------------------------------------------------------------
# TimelineJS

_BLOCKS = frozenset({"p", "br", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6"})
#: A tag, read from its `<` up to the next `>`; `[^<>]*` stops at the next `<`, so each `<` costs at most the
#: distance to the next one and a fragment is read in one pass (html.parser took minutes on 100 KB of `<a `).
_TAG = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9])|[!?/])[^<>]*>")


def plain_text(fragment: str) -> str:
    """Give the text of an HTML fragment (TimelineJS fields are HTML): tags dropped, entities decoded, block tags
    (p, br, div, li, headings) as line breaks; in one pass over the text, whatever it holds."""
    if "<" not in fragment and "&" not in fragment and "\n" not in fragment:
        return " ".join(fragment.split())  # a plain headline: what the loop below gives, without it
    parts: list[str] = []
    i, size = 0, len(fragment)
    while i < size:
        j = fragment.find("<", i)
        if j < 0:
            parts.append(html.unescape(fragment[i:]))
            break
        parts.append(html.unescape(fragment[i:j]))
        if fragment.startswith("<!--", j):
            end = fragment.find("-->", j + 4)
            if end < 0:
                break  # a comment never closed hides the rest, as in a browser
            i = end + 3
            continue
        tag = _TAG.match(fragment, j)
        if tag is None:
            parts.append("<")  # a `<` that starts no tag is text
            i = j + 1
            continue
        if tag.group(2) and tag.group(2).lower() in _BLOCKS:
            parts.append("\n")
        i = tag.end()
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)  # entities decoded once: `&amp;lt;` is the text `&lt;`


_WHOLE = re.compile(r"\s*-?\d+\s*")


def _whole(value: Any, what: str) -> int:
    """Give a TimelineJS date part as an int (it may be written as a string), or ValueError."""
    if type(value) is int:  # the usual case: a JSON number
        return value
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not _WHOLE.fullmatch(str(value)):
        raise ValueError(f"{what} must be a whole number, not {json.dumps(value)[:40]}")
    return int(value)


def tl_date_text(parts: Any, what: str, *, prefix: str | None = None) -> str:
    """Give a TimelineJS date object as a date the resolver reads exactly: `2023`, `2023-07`, `2023-07-05`.

    `what` names the object in messages (`start_date`); each part is named `what.year` unless `prefix` is given
    (`End ` for a sheet's `End Year`).
    """
    def name(part: str) -> str:
        return f"{what}.{part}" if prefix is None else f"{prefix}{part.title()}"

    if not isinstance(parts, dict):
        raise ValueError(f"{what} must be an object with year, month, day")
    if parts.get("year") in (None, ""):
        raise ValueError(f"{what} has no year")
    year = _whole(parts["year"], name("year"))
    if year == 0:
        raise ValueError(f"{name('year')} 0 does not exist in TimelineJS's count (-1 is 1 BCE, 1 is 1 CE)")
    year = year if year > 0 else year + 1  # TimelineJS's -44 is 44 BCE: astronomical -43
    text = format_year(year)
    if parts.get("month") in (None, ""):
        return text
    month = _whole(parts["month"], name("month"))
    if not 1 <= month <= 12:
        raise ValueError(f"{name('month')} must be 1 to 12, not {month}")
    text += f"-{month:02d}"
    if parts.get("day") in (None, ""):
        return text
    day = _whole(parts["day"], name("day"))
    if not 1 <= day <= days_in_month(year, month):
        raise ValueError(f"{name('day')} {day} does not exist in {text}")
    return f"{text}-{day:02d}"


def _tl_clock_text(parts: Any, what: str) -> str:
    """Give a TimelineJS date with its `hour` and `minute`, when it has them, as a wall-clock time of its day
    (`2024-05-17 21:39`: TimelineJS names no zone, so the time is in the log's)."""
    text = tl_date_text(parts, what)
    if not isinstance(parts, dict) or parts.get("hour") in (None, "") or len(text) != 10:
        return text
    hour = _whole(parts["hour"], f"{what}.hour")
    minute = 0 if parts.get("minute") in (None, "") else _whole(parts["minute"], f"{what}.minute")
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"{what} {hour}:{minute:02d} is not a time: hours run from 0 to 23, minutes 0 to 59")
    return f"{text} {hour:02d}:{minute:02d}"


def _tl_event(item: Any) -> Event:
    """Give the event of one TimelineJS event object; ValueError says what is wrong with it."""
    if not isinstance(item, dict):
        raise ValueError("must be an object with start_date and text")
    text: dict[str, Any] = item["text"] if isinstance(item.get("text"), dict) else {}
    headline = text.get("headline")
    title = " ".join(strip_invisible(plain_text(headline)).split()) if isinstance(headline, str) else ""
    if not title:
        raise ValueError("text.headline is empty; every event needs a headline to become its title")
    event: Event = {"title": title}
    unique_id = item.get("unique_id")
    if isinstance(unique_id, str) and schema.ID_PATTERN.match(unique_id):
        event["id"] = unique_id
    own: dict[str, Any] = item["timeline"] if isinstance(item.get("timeline"), dict) else {}
    ours = isinstance(own.get("when"), str) and bool(own["when"])
    if ours:
        # written by timeline's own export: the exact dates, tags and actors
        event["when"] = own["when"]
        if isinstance(own.get("until"), str) and own["until"]:
            event["until"] = own["until"]
        elif isinstance(own.get("for"), str) and (lasting := _clean("for", own["for"])):
            event["for"] = lasting
        if isinstance(own.get("relative_to"), str) and schema.ID_PATTERN.match(own["relative_to"]):
            event["relative_to"] = own["relative_to"]
        for key in ("tags", "actors"):
            words = own.get(key)
            if isinstance(words, list) and all(isinstance(w, str) for w in words) and words:
                event[key] = [w for w in (_clean("id", strip_hidden(w)) for w in words) if w]
        for key in ("quote", "notes", "url"):
            if isinstance(own.get(key), str) and (value := _clean(key, own[key])):
                event[key] = value
    else:
        event["when"] = _tl_clock_text(item.get("start_date"), "start_date")
        if item.get("end_date") not in (None, {}):
            until = _tl_clock_text(item["end_date"], "end_date")
            if until != event["when"]:
                event["until"] = until
    group = _clean("id", plain_text(item["group"])) if isinstance(item.get("group"), str) else ""
    if "tags" not in event and group:
        event["tags"] = [group]
    body = text.get("text")
    if not ours and isinstance(body, str) and (notes := strip_invisible(plain_text(body))):
        event["notes"] = notes
    return event


def _json_doc(path: Path, limits: Limits, what: str) -> tuple[str, Any]:
    """Give a JSON file's text and document, or an ImportFileError: not JSON (at its line), or nested too deeply
    to be `what`."""
    name = str(path)
    text = _text(_read_bytes(path, limits), name)
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"not JSON: {exc.msg}", path=name, line=exc.lineno, col=exc.colno) from None
    except RecursionError:
        raise ImportFileError(f"brackets nested too deeply to be {what}", path=name) from None


def read_timelinejs(path: Path, *, limits: Limits = Limits()) -> list[tuple[int, Event]]:
    """Give (line, event) for every event of a TimelineJS JSON file; ProblemList of those that fail."""
    return _raise_any(*_read_timelinejs(path, limits))


def _read_timelinejs(path: Path, limits: Limits) -> tuple[list[tuple[int, Event]], list[TimelineError]]:
    """Give (line, event) for the events that can be read, and a problem for each that cannot (with its line)."""
    name = str(path)
    text, doc = _json_doc(path, limits, "a TimelineJS file")
    if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
        raise ImportFileError('not a TimelineJS file: expected an object with an "events" list', path=name)
    events: list[tuple[int, Event]] = []
    problems: list[TimelineError] = []
    if len(doc["events"]) > limits.max_events:
        raise ImportFileError(f"{len(doc['events']):,} events, over the limit of {limits.max_events:,} "
                              "(raise it with {how})", path=name, how="max-events")
    lines = _event_lines(text)
    for number, item in enumerate(doc["events"], 1):
        line = lines[number - 1] if len(lines) == len(doc["events"]) else None
        try:
            events.append((line or 0, _tl_event(item)))
        except ValueError as exc:
            problems.append(ImportFileError(f"{_tl_where(number, item)}: {exc}", path=name, line=line))
    return events, problems


def _event_lines(text: str) -> list[int]:
    """Give the line on which each item of the top-level "events" list starts (the JSON is known to be valid)."""
    decoder = json.JSONDecoder()
    space = re.compile(r"[ \t\n\r]*")

    def skip(at: int) -> int:
        match = space.match(text, at)
        return match.end() if match else at

    lines: list[int] = []
    counted, line = 0, 1  # line breaks are counted once, from where the last count stopped

    def line_at(offset: int) -> int:
        nonlocal counted, line
        line += text.count("\n", counted, offset)
        counted = offset
        return line

    at = skip(0) + 1  # past the top-level '{'
    while True:
        at = skip(at)
        if text[at] == "}":
            return lines
        key, at = decoder.raw_decode(text, at)
        at = skip(skip(at) + 1)  # past ':'
        if key == "events" and text[at] == "[":
            lines = []
            at = skip(at + 1)
            while text[at] != "]":
                lines.append(line_at(at))
                _, at = decoder.raw_decode(text, at)
                at = skip(at)
                if text[at] == ",":
                    at = skip(at + 1)
            at += 1
        else:
            _, at = decoder.raw_decode(text, at)
        at = skip(at)
        if text[at] == ",":
            at += 1


def _tl_where(number: int, item: Any) -> str:
    """Give words for a TimelineJS event in messages: its number, and its id or headline when it has one."""
    label = ""
    if isinstance(item, dict):
        text = item.get("text")
        headline = text.get("headline") if isinstance(text, dict) else None
        label = str(item.get("unique_id") or (plain_text(headline) if isinstance(headline, str) else ""))
    return f"event #{number}" + (f" ('{' '.join(label.split())[:60]}')" if label else "")


# --------------------------------------------------------------------------------------------------------------
# into the log

#: The log's rules in an importer's words: of cells and columns, not keys.
IMPORT_WORDS = Words(
    id_form="{where}: id '{id:.60}' may hold only letters, digits, '-', '_' and '.'; change it or leave it empty "
            "for one made from the title",
    id_taken="{where}: id '{id}' is already taken in {log}; change it or leave it empty",
    url="{where}: url '{url:.60}' {problem}; fix it or leave the cell empty",
    unknown_source="{where}: unknown source '{source:.60}'{hint}; add it to {log} first (`timeline source add`), "
                   "or leave the cell empty",
    source_is_link=" (a source is named by its id; a link goes in the 'url' column)",
    tense="{where}: tense must be 'past' or 'future', not '{tense:.20}'",
    planned="{where}: planned must be true or false, not '{planned:.20}'",
    until_before_when="{where}: 'until' ({until_end}) is before 'when' ({when_start}); swap them",
    after_published="{where}: dated {when_start}, after its source '{source}' was published ({published}); fix "
                    "the date, or set the 'planned' cell to true if it was announced ahead",
)


def check_events(items: Iterable[tuple[int, Event]], log_path: Path, *, fmt: str, name: str,
                 limits: Limits = Limits(), log: Any = None, new_sources: dict[str, Any] | None = None
                 ) -> list[TimelineError]:
    """Give a problem for each event that cannot go into the log at `log_path` (none: all can), by row or event.

    The log's own rules (`timeline.log.check`), against the log's own sources (and `new_sources`, which the import
    adds) and ids, in `IMPORT_WORDS`. `log` is the log as loaded, when the caller has it.
    """
    sources: dict[str, Any] = {}
    taken: set[str] = set()
    if log is None and log_path.exists():
        try:
            log = load(log_path, limits=limits)
        except TimelineError:
            return []  # the log's own problems are reported by add_events, which refuses to edit a broken log
    if log is not None:
        sources, taken = dict(log.sources), {e.id for e in log.events}
    for sid, fields in (new_sources or {}).items():
        sources.setdefault(sid, Source(id=sid, title=fields.get("title", ""), published=_published_day(fields),
                                       date_order=fields.get("date_order"), timezone=fields.get("timezone")))
    labelled = [(f"'{event['title'][:60]}'" if fmt == "csv" else f"event #{number}", line, event)
                for number, (line, event) in enumerate(items, 1)]
    found = check_against_log(labelled, sources=sources, taken=taken, words=IMPORT_WORDS, log=str(log_path))
    return [ImportFileError(message, path=name, line=line or None) for line, message in found]


def _published_day(fields: dict[str, Any]) -> Day | None:
    """Give the anchor day of a cited source's `published` (a day, or a timestamp seen in its `timezone`)."""
    text = fields.get("published")
    if not text:
        return None
    try:
        return Day.parse(text)
    except ValueError:
        pass
    from ..dates.times import parse_instant

    try:
        return parse_instant(text, fields.get("timezone"))[0]
    except ValueError:  # a PhraseError too: the log's own check words what is wrong when the source is added
        return None


def _sniffed(path: Path, guessed: str, limits: Limits) -> str:
    """Give 'json' for a .json file that holds a list (timeline's own export), else the format guessed."""
    if guessed != "timelinejs":
        return guessed
    try:
        head = _read_bytes(path, limits).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    except TimelineError:
        return guessed  # the reader says what is wrong with the file
    return "json" if head == b"[" else guessed


def _key(title: str, when: str) -> tuple[str, str]:
    return " ".join(title.casefold().split()), " ".join(when.split())


def _as_written(event: Any) -> Event:
    """Give a log's event as the keys an import gives (the log's defaults left out), to compare with a row."""
    own = event.claims[0]
    fields: Event = {"id": event.id, "title": event.title, "when": own.when, "until": own.until,
                     "source": own.source, "anchor": own.anchor, "tense": "future" if own.tense == "future" else None,
                     "quote": own.quote or None, "tags": list(event.tags) or None,
                     "actors": list(event.actors) or None, "notes": event.notes or None, "url": event.url or None,
                     "relative_to": own.relative_to, "for": own.duration}
    if len(event.claims) > 1:
        fields["claims"] = [{k: v for k, v in {"when": c.when, "until": c.until, "source": c.source,
                                               "anchor": c.anchor, "tense": c.tense if c.tense != "past" else None,
                                               "quote": c.quote or None, "relative_to": c.relative_to,
                                               "for": c.duration}.items() if v is not None}
                            for c in event.claims[1:]]
    return {k: v for k, v in fields.items() if v is not None}


def _row_as_written(row: Event) -> Event:
    """Give a row's event with `planned` read as the tense it means, as `_as_written` gives a log's."""
    event = {k: v for k, v in row.items() if k != "planned" and not k.startswith("_")}
    if row.get("planned") is True or row.get("tense") == "future":
        event["tense"] = "future"
    else:
        event.pop("tense", None)
    return event


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did: the ids added and updated, and how many rows were already in the log as they are."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: int = 0  # rows already in the log, with the same values
    skipped: tuple[str, ...] = ()  # rows already in the log with other values, left as the log has them
    sources: tuple[str, ...] = ()  # sources added for the rows that cite them


def import_events(source: Path, log_path: Path, *, fmt: str | None = None, limits: Limits = Limits()) -> list[str]:
    """Give the ids of the events read from `source` that were added to the log (see `import_file`)."""
    return list(import_file(source, log_path, fmt=fmt, limits=limits).added)


def import_file(source: Path, log_path: Path, *, fmt: str | None = None, limits: Limits = Limits(),
                update: bool = False) -> Imported:
    """Give what an import of `source` into the log did (the log is created when missing).

    A row already in the log (the same id, or when the row has none the same title and `when`) is not added
    again: it is counted as unchanged, or skipped when its values differ, or with `update` its values replace the
    event's (only the keys the row gives). The sources a row of timeline's own export cites are added when the
    log lacks them. Nothing is written unless every new event can be read and checked; problems come back
    together, each with the CSV line number or the event's number.
    """
    # rows, events and the log's tree hold no reference cycles: the collector, left on, would walk all of them
    # again every few hundred new objects (a third of a large import)
    with gc_paused():
        return _import_file(source, log_path, fmt=fmt, limits=limits, update=update)


def _import_file(source: Path, log_path: Path, *, fmt: str | None, limits: Limits, update: bool) -> Imported:
    fmt = fmt or _sniffed(source, guess_format(source), limits)
    if fmt not in IMPORTS:
        raise ImportFileError(f"unknown import format '{fmt}'; use {', '.join(FORMATS)}", path=str(source))
    items, problems = resolve(IMPORTS[fmt])(source, limits)
    log = load(log_path, limits=limits) if log_path.exists() else None
    existing = {e.id: e for e in log.events} if log is not None else {}
    by_key = {_key(e.title, e.claims[0].when): e for e in existing.values()}
    new_items: list[tuple[int, Event]] = []
    updates: dict[str, Event] = {}
    unchanged = 0
    skipped: list[str] = []
    for line, event in items:
        found = existing.get(event["id"]) if event.get("id") else by_key.get(_key(event["title"], event["when"]))
        if found is None:
            new_items.append((line, event))
            continue
        written, given = _as_written(found), _row_as_written(event)
        differs = {k: v for k, v in given.items() if k != "id" and written.get(k) != v}
        if not differs:
            unchanged += 1
        elif update:
            updates[found.id] = differs
        else:
            skipped.append(found.id)
    cited: dict[str, dict[str, str]] = {}
    for _, event in [*new_items, *((0, e) for e in updates.values())]:
        for sid, fields in event.get("_sources", {}).items():
            if sid not in (log.sources if log is not None else {}) and sid not in cited:
                cited[sid] = {k: v for k, v in fields.items() if k in schema.SOURCE_KEYS}
    problems += check_events(new_items, log_path, fmt=fmt, name=str(source), limits=limits, log=log,
                             new_sources=cited)
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise ProblemList(problems)
    for event in [e for _, e in new_items] + list(updates.values()):
        event.pop("_sources", None)
    if not new_items and not updates:
        return Imported(unchanged=unchanged, skipped=tuple(skipped))  # nothing to add: the log is not touched
    saved = import_into(log_path, sources=cited, events=[e for _, e in new_items], updates=updates, create=True,
                        limits=limits)
    return Imported(added=saved.ids, updated=tuple(updates), unchanged=unchanged, skipped=tuple(skipped),
                    sources=tuple(cited))
