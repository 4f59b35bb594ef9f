"""Export writers, one small function per format, registered by name: `WRITERS[name](log, records)`.

Formats (each documented on its writer):

- `timelinejs`: TimelineJS 3 JSON, to publish the chronology with Knight Lab's TimelineJS.
- `ics`: iCalendar, all-day events, for calendar programs.
- `edtf`: one `id<TAB>edtf` line per event, for catalogues that speak Extended Date/Time Format.
- `csv`, `json`, `jsonl`: the normalized records (the columns of timeline.rows.COLUMNS, `edtf` among them).
- `parquet`: the same records as a typed table (timeline.frame.COLUMNS) for pandas, Polars, DuckDB, Spark.
- `vis`: vis-timeline `items` and `groups` JSON.

TimelineJS and vis-timeline render their text fields as HTML, so every string that comes from the log is escaped
there and links are built here from URLs that pass `safety.safe_url`; nothing from the log is passed through as
markup. Output depends only on the log: no writer reads the clock.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..calendar import Day
from ..errors import UsageError
from ..render.words import day_words, range_words, record_words
from ..render.formats import to_csv, to_json, to_jsonl
from ..model import Record
from ..dates.edtf import bounds_unit as _unit
from ..dates.edtf import event_edtf, record_phrases
from ..render.rows import record_row
from ..safety import esc, safe_url, strip_invisible

if TYPE_CHECKING:
    from ..model import Log, Period

Output = str | bytes
Writer = Callable[["Log", Sequence[Record]], Output]

#: The writers by format name.
WRITERS: dict[str, Writer] = {}
#: Formats whose output is bytes (they cannot go to a terminal; write them to a file).
BINARY: set[str] = set()
#: The usual file extension of each format.
EXTENSIONS: dict[str, str] = {}


def writer(name: str, extension: str, *, binary: bool = False) -> Callable[[Writer], Writer]:
    """Give a decorator that registers an export writer under `name`."""
    def register(fn: Writer) -> Writer:
        WRITERS[name] = fn
        EXTENSIONS[name] = extension
        if binary:
            BINARY.add(name)
        return fn
    return register


def export(log: Log, fmt: str, records: Sequence[Record] | None = None) -> Output:
    """Give the records (default: all of the log's) in export format `fmt`; UsageError for an unknown format."""
    if fmt not in WRITERS:
        raise UsageError(f"unknown export format '{fmt}'; choose one of {', '.join(WRITERS)}")
    return WRITERS[fmt](log, log.records if records is None else records)


def export_notes(log: Log, fmt: str, records: Sequence[Record] | None = None) -> list[str]:
    """Give one line for each event that format `fmt` had to leave out or could only approximate."""
    chosen = log.records if records is None else records
    if fmt == "ics":
        return [f"event '{r.id}': {why}; left out of the calendar" for r in chosen if (why := _ics_unfit(r))]
    unplaced = [f"event '{r.id}': it has no known day at all; left out" for r in chosen if shown_days(r) is None]
    if fmt in ("timelinejs", "vis"):
        if fmt == "timelinejs" and len(unplaced) == len(chosen):
            unplaced.append("no events to export: TimelineJS shows an error instead of a timeline without events")
        return unplaced
    return []


def lane_of(record: Record) -> str:
    """Give the lane of a record: its first tag, or '' when it has none (TimelineJS group, vis group)."""
    return record.event.tags[0] if record.event.tags else ""


def _one_line(text: str) -> str:
    """Give text on one line, without control or bidi override characters."""
    return " ".join(strip_invisible(text).split())


def _link_of(record: Record, log: Log) -> str | None:
    """Give the record's safe link (its own url, else its source's), or None."""
    row_url = record.event.url
    claim = record.dates[0].claim if record.dates else None
    source = log.sources.get(claim.source) if claim is not None and claim.source else None
    if not row_url and source is not None:
        row_url = source.url
    return safe_url(row_url) if row_url else None


def shown_days(record: Record) -> tuple[Day, Day] | None:
    """Give the first and last day a record is drawn over: its bounds, and where one is open the nearest known day
    (a span "from before May until after June" is drawn May to June); None when no day at all is known."""
    lo = record.start or record.start_latest or record.end_earliest or record.end
    hi = record.end or record.end_earliest or record.start_latest or record.start
    return (lo, hi) if lo is not None and hi is not None else None


# --------------------------------------------------------------------------------------------------------------
# the normalized records

@writer("csv", ".csv")
def write_csv(log: Log, records: Sequence[Record]) -> str:
    """Give the normalized records as CSV (header of timeline.rows.COLUMNS; formula-like cells neutralised)."""
    return to_csv([record_row(r, log.sources) for r in records])


@writer("json", ".json")
def write_json(log: Log, records: Sequence[Record]) -> str:
    """Give the normalized records as a JSON list of objects with the timeline.rows.COLUMNS keys."""
    return to_json([record_row(r, log.sources) for r in records])


@writer("jsonl", ".jsonl")
def write_jsonl(log: Log, records: Sequence[Record]) -> str:
    """Give the normalized records as JSON Lines, one object with the timeline.rows.COLUMNS keys a line."""
    return to_jsonl([record_row(r, log.sources) for r in records])


@writer("parquet", ".parquet", binary=True)
def write_parquet(log: Log, records: Sequence[Record]) -> bytes:
    """Give the records as Parquet bytes: the columns of timeline.frame.COLUMNS with a fixed Arrow schema.

    Text is `string`, counts and day numbers `int64`, tags and actors `list<string>`: the schema is the same
    for an empty export as for a full one.
    """
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError("the parquet format needs the pyarrow package: pip install pyarrow") from None

    from ..render.frame import COLUMNS, DTYPES, to_frame

    arrow_type = {"string": pyarrow.string(), "Int64": pyarrow.int64(), "object": pyarrow.list_(pyarrow.string())}
    schema = pyarrow.schema([(name, arrow_type[DTYPES[name]]) for name in COLUMNS])
    table = pyarrow.Table.from_pandas(to_frame(log, records), schema=schema, preserve_index=False)
    table = table.replace_schema_metadata({"timeline": json.dumps({"title": log.title, "version": __version__})})
    sink = io.BytesIO()
    pyarrow.parquet.write_table(table, sink)
    return sink.getvalue()


# --------------------------------------------------------------------------------------------------------------
# EDTF

@writer("edtf", ".tsv")
def write_edtf(log: Log, records: Sequence[Record]) -> str:
    """Give one line per record, `id<TAB>edtf`, in record order (ids never hold tabs; no header line).

    Examples: `superalignment-formed<TAB>2023-07-05`, `leike-resigns<TAB>2024-05-13/2024-05-16`,
    `caesar-dies<TAB>-0043-03-15`, `openai-founded<TAB>2015-12`.
    """
    return "".join(f"{r.id}\t{event_edtf(r)}\n" for r in records)


# --------------------------------------------------------------------------------------------------------------
# TimelineJS 3

def tl_year(year: int) -> int:
    """Give an astronomical year as TimelineJS numbers it: it labels year -N as "N BCE", so 44 BC (-43) is -44."""
    return year if year > 0 else year - 1


def _tl_parts(day: Day, unit: str) -> dict[str, int]:
    """Give a TimelineJS date object (`year`, `month`, `day`) for `day`, down to `unit`."""
    y, m, d = day.ymd
    parts = {"year": tl_year(y)}
    if unit in ("month", "day"):
        parts["month"] = m
    if unit == "day":
        parts["day"] = d
    return parts


def _tl_range(lo: Day | None, hi: Day | None) -> tuple[dict[str, int], dict[str, int] | None]:
    """Give (start_date, end_date or None) for "somewhere in [lo, hi]"; an open side takes the known one."""
    lo = lo or hi
    hi = hi or lo
    assert lo is not None and hi is not None
    unit = _unit(lo, hi)
    start = _tl_parts(lo, unit)
    end = _tl_parts(hi, unit)
    return start, None if start == end else end


def _tl_dates(record: Record) -> tuple[dict[str, int], dict[str, int] | None]:
    """Give the TimelineJS start_date and end_date of a record, each only as precise as the record is."""
    if record.kind != "span":
        return _tl_range(*(shown_days(record) or (None, None)))
    first, _ = _tl_range(record.start, record.start_latest)
    last_lo, last_hi = _tl_range(record.end_earliest, record.end)
    last = last_hi or last_lo
    return first, None if last == first else last


def _quote_html(record: Record, log: Log) -> str:
    """Give the TimelineJS slide text: the quote, then a line naming the source, linked when its URL is safe."""
    claim = record.dates[0].claim if record.dates else None
    parts = []
    if claim is not None and claim.quote:
        parts.append(f"<blockquote>{esc(strip_invisible(claim.quote))}</blockquote>")
    source = log.sources.get(claim.source) if claim is not None and claim.source else None
    name = ""
    if source is not None:
        name = source.title or source.publisher or source.id
        if source.publisher and source.title:
            name = f"{source.title}, {source.publisher}"
        if source.published is not None:
            name += f", {day_words(source.published, weekday=False)}"
    link = _link_of(record, log)
    if name or link:
        label = esc(_one_line(name or (link or "")))
        anchor = f'<a href="{esc(link)}" rel="noopener noreferrer">{label}</a>' if link else label
        parts.append(f"<p>Source: {anchor}</p>")
    if record.event.notes:
        parts.append(f"<p>{esc(strip_invisible(record.event.notes))}</p>")
    return "".join(parts)


def _tl_label(text: str) -> str:
    """Give text for a TimelineJS field that it decodes and then shows as HTML (`group`, `display_date`).

    TimelineJS runs these through its stripMarkup (the text content of the parsed HTML, which decodes `&lt;` back
    to `<`) and then sets them with innerHTML, so they are escaped twice: decoded once, they are still text.
    `headline` and `text` go through DOMPurify instead and are escaped once.
    """
    return esc(esc(_one_line(text)))


def _tl_era(period: Period) -> dict[str, Any] | None:
    """Give a TimelineJS era for a period, or None when one of its ends is open."""
    last = period.until or period.when
    if period.when.start is None or last.end is None:
        return None
    start, _ = _tl_range(period.when.start, period.when.end)
    # TimelineJS places a date at the start of its day and refuses an era that ends where it starts (the whole
    # timeline then fails to load): an era ends at the start of the day after its last day
    end = _tl_parts(last.end.plus(1), "day")
    return {"start_date": start, "end_date": end, "text": {"headline": esc(_one_line(period.title))}}


@writer("timelinejs", ".json")
def write_timelinejs(log: Log, records: Sequence[Record]) -> str:
    """Give TimelineJS 3 JSON: a title slide, one event per record, and the log's periods as eras.

    Each event has `start_date` (and `end_date` for spans and uncertain dates) as year/month/day parts down to its
    precision (years BCE as TimelineJS counts them: 44 BC is -44, where timeline's ISO form is -0043),
    `display_date` in words, `text.headline` (the title) and `text.text` (quote, linked source, notes),
    `group` (its lane: first tag) and `unique_id` (the event id). Every string is HTML-escaped (`group` and
    `display_date` twice, see `_tl_label`), and `autolink` is off so that the only links are the ones built here
    from safe URLs. A `timeline` key, which TimelineJS ignores, keeps the exact `when`/`until` (dates that resolve
    to the record's bounds), tags, actors, quote, notes and link as plain JSON text, so `timeline import` gives
    them back unchanged.
    """
    events = []
    for record in records:
        if shown_days(record) is None:
            continue  # no day to place it on: export_notes names it
        start, end = _tl_dates(record)
        when, until = record_phrases(record)
        event: dict[str, Any] = {"start_date": start}
        if end is not None:
            event["end_date"] = end
        event["display_date"] = _tl_label(record_words(record))
        event["text"] = {"headline": esc(_one_line(record.event.title)), "text": _quote_html(record, log)}
        if lane := lane_of(record):
            event["group"] = _tl_label(lane)
        event["unique_id"] = record.id
        event["autolink"] = False  # TimelineJS would link URLs in our text itself; the only links are ours
        claim = record.dates[0].claim if record.dates else None
        event["timeline"] = {"when": when, "until": until, "tags": list(record.event.tags),
                             "actors": list(record.event.actors), "quote": claim.quote if claim else "",
                             "notes": record.event.notes, "url": _link_of(record, log) or ""}
        events.append(event)
    doc: dict[str, Any] = {
        "title": {"text": {"headline": esc(_one_line(log.title)), "text": esc(strip_invisible(log.description))},
                  "autolink": False},
        "events": events,
    }
    eras = [era for period in log.periods if (era := _tl_era(period)) is not None]
    if eras:
        doc["eras"] = eras
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------------------------
# vis-timeline

def _vis_day(day: Day) -> str:
    """Give a day as vis-timeline (moment.js) parses it: ISO, with six-digit signed years outside 0..9999."""
    y, m, d = day.ymd
    year = f"{y:04d}" if 0 <= y <= 9999 else f"{'-' if y < 0 else '+'}{abs(y):06d}"
    return f"{year}-{m:02d}-{d:02d}"


@writer("vis", ".json")
def write_vis(log: Log, records: Sequence[Record]) -> str:
    """Give vis-timeline JSON `{"items": [...], "groups": [...]}`.

    A day known exactly is a `point` item; a span, or a date known only to lie within bounds, is a `range` from
    its earliest day to the day after its latest (vis ends are exclusive); periods are `background` items.
    `content` and `title` are HTML-escaped; groups are the lanes (first tags), untagged events in 'untagged'.
    """
    items: list[dict[str, Any]] = []
    lanes: list[str] = []
    for record in records:
        days = shown_days(record)
        if days is None:
            continue  # no day to place it on: export_notes names it
        lo, hi = days
        lane = lane_of(record) or "untagged"
        if lane not in lanes:
            lanes.append(lane)
        item: dict[str, Any] = {"id": record.id, "content": esc(_one_line(record.event.title)),
                                "start": _vis_day(lo)}
        if lo == hi and record.kind == "point":
            item["type"] = "point"
        else:
            item["end"] = _vis_day(hi.plus(1))
            item["type"] = "range"
        item["group"] = lane
        item["title"] = esc(record_words(record))
        if record.start_latest != record.start or record.end_earliest != record.end:
            item["className"] = "uncertain"
        items.append(item)
    for n, period in enumerate(log.periods, 1):
        last = period.until or period.when
        if period.when.start is None or last.end is None:
            continue
        items.append({"id": f"period-{n}", "content": esc(_one_line(period.title)), "type": "background",
                      "start": _vis_day(period.when.start), "end": _vis_day(last.end.plus(1))})
    groups = [{"id": lane, "content": esc(_one_line(lane))} for lane in lanes]
    return json.dumps({"items": items, "groups": groups}, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------------------------
# iCalendar

#: DTSTAMP when no source of an event has a publication date: a fixed value, so exports are reproducible.
FIXED_DTSTAMP = (1970, 1, 1)


def _ics_unfit(record: Record) -> str:
    """Give why a record cannot be an iCalendar event ('' when it can)."""
    days = shown_days(record)
    if days is None:
        return "it has no known day at all"
    lo, hi = days
    if lo.year < 1 or hi.plus(1).year > 9999:
        return (f"its dates ({range_words(lo, hi, record.precision)}) fall outside the years 1-9999 that "
                "iCalendar can hold")
    return ""


def _dtstamp(record: Record, log: Log) -> datetime.datetime:
    """Give the DTSTAMP of a record: the latest publication day among its sources, at midnight UTC, else fixed."""
    days = [source.published for d in record.dates
            if d.claim.source and (source := log.sources.get(d.claim.source)) and source.published is not None]
    usable = [d for d in days if d is not None and 1 <= d.year <= 9999]
    y, m, d = max(usable).ymd if usable else FIXED_DTSTAMP
    return datetime.datetime(y, m, d, tzinfo=datetime.UTC)


def _ics_description(record: Record, log: Log) -> str:
    """Give the plain-text DESCRIPTION of a record: its date in words, how certain, quote, source."""
    lines = [f"Date: {record_words(record)} (precision: {record.precision}; EDTF {event_edtf(record)})"]
    if record.start is None or record.end is None:
        sides = [side for side, day in (("earlier", record.start), ("later", record.end)) if day is None]
        lines.append(f"The date is open-ended (it may reach {' or '.join(sides)} than shown); the calendar shows "
                     "only its known days.")
    elif record.start != record.start_latest or record.end != record.end_earliest:
        lines.append("The exact day is uncertain: the calendar entry covers every day it may have been.")
    claim = record.dates[0].claim if record.dates else None
    if claim is not None and claim.quote:
        lines.append(f"“{strip_invisible(claim.quote)}”")
    source = log.sources.get(claim.source) if claim is not None and claim.source else None
    if source is not None:
        lines.append("Source: " + ", ".join(p for p in (source.title, source.publisher,
                                                         source.published.iso() if source.published else "") if p))
    if link := _link_of(record, log):
        lines.append(link)
    if record.event.notes:
        lines.append(strip_invisible(record.event.notes))
    return "\n".join(lines)


def _ics_text(value: str) -> str:
    """Give text as an iCalendar TEXT value: backslash, ';' and ',' escaped, line breaks as \\n, controls gone."""
    text = strip_invisible(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_line(name: str, value: str) -> str:
    """Give one content line folded as RFC 5545 asks: at most 75 octets a line, never inside a character."""
    line = f"{name}:{value}"
    if len(line.encode("utf-8")) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):  # a continuation line starts with one space
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _ics_date(day: Day) -> str:
    """Give a day as an iCalendar DATE, `YYYYMMDD` (years 1-9999 only; see _ics_unfit)."""
    y, m, d = day.ymd
    return f"{y:04d}{m:02d}{d:02d}"


@writer("ics", ".ics")
def write_ics(log: Log, records: Sequence[Record]) -> str:
    """Give an iCalendar (RFC 5545) calendar of all-day events, one VEVENT per record.

    `DTSTART;VALUE=DATE` is the earliest day and `DTEND` the day after the latest (exclusive), so an uncertain date
    covers all the days it may be, and its DESCRIPTION says so. `UID` is `<event id>@timeline`, stable across
    exports; `DTSTAMP` is the latest publication date of the event's sources (midnight UTC), else 1970-01-01, so
    the same log always gives the same file. Events before year 1 or after 9999 cannot be written in iCalendar:
    they are left out and named in `X-TIMELINE-SKIPPED` properties (and by `export_notes`).

    Written here rather than with the icalendar package (which the tests use to read it back): that is a large
    dependency for a few escaped lines, and builds a 20,000-event calendar about ten times slower.
    """
    out = [_ics_line("BEGIN", "VCALENDAR"), _ics_line("VERSION", "2.0"),
           _ics_line("PRODID", f"-//timeline//timeline {__version__}//EN"), _ics_line("CALSCALE", "GREGORIAN"),
           _ics_line("X-WR-CALNAME", _ics_text(_one_line(log.title)))]
    if log.description:
        out.append(_ics_line("X-WR-CALDESC", _ics_text(_one_line(log.description))))
    for record in records:
        if why := _ics_unfit(record):
            out.append(_ics_line("X-TIMELINE-SKIPPED", _ics_text(f"{record.id}: {why}")))
            continue
        lo, hi = shown_days(record) or (Day(0), Day(0))  # _ics_unfit has left out records without a day
        out += [_ics_line("BEGIN", "VEVENT"),
                _ics_line("UID", _ics_text(f"{record.id}@timeline")),
                _ics_line("DTSTAMP", _dtstamp(record, log).strftime("%Y%m%dT%H%M%SZ")),  # UTC, as RFC 5545 asks
                _ics_line("DTSTART;VALUE=DATE", _ics_date(lo)),
                _ics_line("DTEND;VALUE=DATE", _ics_date(hi.plus(1))),
                _ics_line("SUMMARY", _ics_text(_one_line(record.event.title))),
                _ics_line("DESCRIPTION", _ics_text(_ics_description(record, log)))]
        if link := _link_of(record, log):
            out.append(_ics_line("URL", link))  # safe_url: no spaces, quotes or controls
        if tags := [_ics_text(_one_line(t)) for t in record.event.tags if _one_line(t)]:
            out.append(_ics_line("CATEGORIES", ",".join(tags)))
        out += [_ics_line("TRANSP", "TRANSPARENT"), _ics_line("END", "VEVENT")]
    out.append(_ics_line("END", "VCALENDAR"))
    return "".join(out)
