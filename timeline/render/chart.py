"""The timeline chart: every record drawn as a mark that says how well its date is known.

Marks (the legend and the page's note say the same):

- an exactly known day is a filled circle at the middle of that day;
- an uncertain date ("earlier this week", "last July") is a light band over its earliest..latest days with a
  hollow diamond in the middle: "somewhere in here";
- a span (`until`) is a solid bar over the days it certainly covers, light bands where its start or end is
  uncertain, and a thin tick at each outer end so a short span stays visible when zoomed out;
- a date open on one side ("recently", "in the future") is a triangle at its known limit pointing into the open
  side;
- a source's publication date is a thin dotted vertical line.

Shapes and fills differ as well as colours, so colour never carries meaning alone. The chart is built as plain
dicts first (`chart_spec`), which the page writes as JSON without going through plotly's validators; `figure`
wraps the same dicts in a `plotly.graph_objects.Figure` for notebooks and tests.

Dates are written as strings with signed four-digit years ("-0043-03-15 12:00"): plotly.js draws years
-9999..9999 from such strings, where numpy's datetime64[ns] would stop at 1677.
"""

from __future__ import annotations

from datetime import datetime

import heapq
import itertools
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from ..calendar import MAX_YEAR, MIN_YEAR, Day, bounds_text, format_year
from .rows import credit_words, drawn_days, lane_of, link_of
from .view import View
from .words import counted_from_words, day_words, range_words, record_words
from ..model import Lanes, Record, Source
from ..safety import strip_invisible

if TYPE_CHECKING:
    import plotly.graph_objects

    from ..model import Log

#: What `--lanes` may group by.

#: Up to this many events, each gets its own row (grouped under its lane); above, events share their lane's
#: rows, packed so that events close in time go to different rows.
ROW_PER_EVENT_MAX = 60
#: With `--lanes event`, events get a row each up to this many; above, rows that thin could not be read, and the
#: events share one packed lane instead.
EVENT_ROWS_MAX = 150
#: Rows one lane may use when packed; further overlapping events share the least busy row.
MAX_SUBROWS = 6
#: Lanes drawn by name; the rest are gathered into one "other" lane.
MAX_LANES = 30
#: Above this many events the chart counts them per lane and period (a heatmap, drawn as one image) instead of
#: drawing each: plotly.js makes one SVG node per marker, bar or line segment; measured here (2 shared CPUs),
#: 1,000 events zoom in 0.1-0.7 s, 2,000 in 0.3-1.3 s, 10,000 in many seconds, while the counted chart of
#: 10,000 zooms in 0.1-0.4 s. WebGL markers were slower still: headless Chromium without a GPU runs them in
#: software. The page says so and how to filter (--from/--to/--tag) to see each event.
MARKS_MAX = 1000
#: Columns the counting chart aims for at most; the period (week, month, year, ...) is the finest that fits.
MAX_BINS = 600
#: Titles listed in the hover label of one counted cell.
CELL_TITLES = 6
#: The overview strip under the chart (instead of plotly's range slider, which drew every mark a second time):
#: the whole range as one row of counts, the stretch shown above marked on it; the page moves there on a click.
#: Its height and the gap above it (room for the main axis' dates, two lines) in pixels, and its columns.
OVERVIEW_PX = 26
OVERVIEW_GAP_PX = 46
OVERVIEW_BINS = 160
#: The name and `meta` of the overview's trace (the page's script finds it by its meta).
OVERVIEW = "overview"
#: Source publication lines drawn at most (each is an SVG node); above, the page says they are left out.
SOURCES_MAX = 300

MS_PER_DAY = 86_400_000
#: The key under which a trace collects the event id of each of its elements while it is built; `chart_spec` takes
#: it out into ChartSpec.owners (plotly.js is never given a key it does not know).
OWNERS = "_owners"

# Colours chosen to stay apart for the common colour-vision deficiencies (blue / orange / green-teal); each mark
# also has its own shape and fill, so a grey print still tells them apart.
EXACT_COLOUR = "#1f4e9c"
UNCERTAIN_COLOUR = "#c4660f"
UNCERTAIN_BAND = "rgba(230, 145, 56, 0.30)"
SPAN_COLOUR = "#1b7a5a"
SPAN_BAND = "rgba(27, 122, 90, 0.22)"
OPEN_COLOUR = "#7a3e9d"
SOURCE_COLOUR = "#8a8a8a"
DISPUTED_COLOUR = "#b3261e"
PLANNED_COLOUR = "#b8336a"

#: The chart's colours in the dark theme (the page swaps them in when the reader's system is dark): marks lighter,
#: so that each keeps at least 3:1 against the dark background (WCAG's contrast for graphics), text at 4.5:1 or more.
DARK_COLOURS = {
    EXACT_COLOUR: "#8ab4ff", UNCERTAIN_COLOUR: "#f2a65a", "rgba(230, 145, 56, 0.30)": "rgba(242, 166, 90, 0.34)",
    SPAN_COLOUR: "#4fd1a1", "rgba(27, 122, 90, 0.22)": "rgba(79, 209, 161, 0.26)", OPEN_COLOUR: "#c99af0",
    "rgba(122, 62, 157,": "rgba(201, 154, 240,", SOURCE_COLOUR: "#a0a6b0", PLANNED_COLOUR: "#ff7fb0",
    DISPUTED_COLOUR: "#ff8a80",
    "#222": "#e6e8ec", "#111": "#f2f3f5", "#fff": "#16181d", "#e6e6e6": "#30343c", "#888": "#8d94a0",
    "#555": "#a0a6b0", "#4a5a70": "#b4c0d4", "rgba(90, 110, 140, 0.08)": "rgba(140, 160, 200, 0.12)",
    "rgba(255,255,255,0)": "rgba(0,0,0,0)", "#dbe6f5": "#1c2738", "#b9cbe6": "#5b77a6", "#7fa3d6": "#3f6cb0",
    "#0b2f6b": "#a9c8ff",
}

#: Legend names of the mark traces; tests and the page's note refer to them.
EXACT = "Exact day"
UNCERTAIN = "Uncertain: somewhere in the band"
SPAN = "Span (faded where uncertain)"
OPEN = "Open-ended: before ◀ or after ▶"
DISPUTED = "Disputed: where each source puts it"
PLANNED = "Planned: not yet happened when written"
PUBLISHED = "Source published"

#: Added to an event id for the tick at the end of its span (point ids must be unique in a trace).
END_SUFFIX = " (end)"
#: The ids of a disputed event's claim marks: the event id, this, and the claim's number (1 = its own).
CLAIM_SUFFIX = " (claim "
#: Added to an event id for the ring that marks it planned.
PLANNED_SUFFIX = " (planned)"
#: Opacity of each step of an open end's fading band, from its known day outwards.
OPEN_FADE = (0.32, 0.16, 0.06)
#: Characters of a line of a title on the y axis; a title wraps to two lines, then is cut with an ellipsis.
LABEL_CHARS = 40
#: Lines of a title on the y axis.
LABEL_LINES = 2
#: The same on phone-width screens, where the labels would leave no room for the chart.
NARROW_LABEL_CHARS = 18
#: Height of a row of its own (two lines of title), and of a row in a packed lane, in pixels.
ROW_PX = 34
PACKED_ROW_PX = 16
#: The share of a row's height a band (an uncertain date's days, a span) covers.
BAND_SHARE = 0.56
#: Characters of a hover line before it wraps.
HOVER_WIDTH = 56


@dataclass(frozen=True, slots=True)
class Placed:
    """A drawable record with its lane and row."""

    record: Record
    lane: str  # lane name
    lo: int  # first day (ordinal), of the earliest bound known
    hi: int  # last day (ordinal)
    row: int = 0  # y position


@dataclass(frozen=True, slots=True)
class Tick:
    """A y axis label: an event's title, or a lane's name (bold, with its count when lanes are packed)."""

    text: str  # as written in the log
    bold: bool = False  # a lane name
    count: int | None = None  # events in the lane

    def html(self, limit: int, lines: int = 1) -> str:
        """Give the label escaped for plotly: `lines` lines of `limit` characters at most, a visible ellipsis at the
        end of a title cut short (the full title is in the mark's hover label and in the table)."""
        text = _label(self.text, limit) if self.bold or lines == 1 else _label_lines(self.text, limit, lines)
        text = f"<b>{text}</b>" if self.bold else text
        return f"{text} ({self.count:,})" if self.count is not None else text


def _links(rows: Sequence[Placed]) -> dict[str, list[str]]:
    """Give, for each drawn event counted from others (any claim's `relative_to`), the drawn ones it counts from."""
    drawn = {p.record.id for p in rows}
    out: dict[str, list[str]] = {}
    for item in rows:
        anchors = [a for a in dict.fromkeys(c.relative_to for c in item.record.event.claims if c.relative_to)
                   if a in drawn and a != item.record.id]
        if anchors:
            out[item.record.id] = anchors
    return out


def _tick_titles(ticks: Sequence[Tick], wide: Sequence[str]) -> dict[str, str]:
    """Give the whole text of each label cut short on the chart, by its wide and its narrow label."""
    out: dict[str, str] = {}
    for tick, label in zip(ticks, wide, strict=True):
        whole = " ".join(strip_invisible(tick.text).split())
        narrow = tick.html(NARROW_LABEL_CHARS) if tick.bold else tick.html(NARROW_LABEL_CHARS, LABEL_LINES)
        for shown in (label, narrow):
            if "\u2026" in shown:
                out[shown] = whole
    return out


@dataclass(slots=True)
class ChartSpec:
    """The chart as plain plotly dicts, plus what could not be drawn and why."""

    data: list[dict[str, Any]]
    layout: dict[str, Any]
    drawn: int  # records drawn
    undrawn: list[tuple[Record, str]] = field(default_factory=list)  # (record, reason)
    mode: str = "rows"  # "rows" (one per event) or "lanes" (packed)
    narrow_ticks: list[str] = field(default_factory=list)  # shorter y labels for phone-width screens
    #: the whole text of each y label (wide or narrow) that was cut short, by the label as plotly is given it: the
    #: page shows it when the pointer rests on the label
    tick_titles: dict[str, str] = field(default_factory=dict)
    #: for each drawn event whose dates count from other events (`relative_to`), those events' ids when drawn too:
    #: the page draws a thin link from the one to the other while the pointer rests on either
    links: dict[str, list[str]] = field(default_factory=dict)
    counted: str = ""  # when too many to draw one by one: the period events are counted by ("month")
    sources_left_out: int = 0  # publication lines not drawn, over SOURCES_MAX
    # what the page's script needs to filter the chart: the event id of each element of each trace (None for a
    # trace that belongs to no event), the event ids under each y tick, and a counted event's cell (row, column)
    owners: list[list[str] | None] = field(default_factory=list)
    tick_owners: list[list[str]] = field(default_factory=list)
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)
    row_px: int = 0  # height of a row, for a chart the page shortens when it filters (0: counted, fixed rows)
    #: the days of the opening view when a few outliers would stretch the axis (first day, day after the last),
    #: with the number of events it shows; None when the whole range opens
    opening: tuple[Day, Day, int] | None = None


def when(day: Day, hour: int = 0) -> str:
    """Give a day (at an hour) as the date string plotly.js reads for any year -9999..9999."""
    y, m, d = day.ymd
    if y > MAX_YEAR:  # the day after 31 Dec 9999: stay inside what plotly.js can read
        return f"{MAX_YEAR:04d}-12-31 23:59:59"
    text = f"{format_year(y)}-{m:02d}-{d:02d}"
    return f"{text} {hour:02d}:00" if hour else text


def esc(text: str) -> str:
    """Give text escaped for plotly's HTML-like labels: `<`, `>` and `&` (plotly shows `&quot;` as typed)."""
    return html.escape(text, quote=False)


def _wrapped(text: str, width: int = HOVER_WIDTH, limit: int = 280) -> str:
    """Give user text escaped for plotly's HTML-like labels, wrapped with <br> and cut at `limit` characters."""
    flat = " ".join(strip_invisible(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "\u2026"
    return "<br>".join(esc(line) for line in wrap(flat, width))


def wrap(flat: str, width: int) -> list[str]:
    """Give the lines of single-spaced text filled greedily to `width`, long words cut (textwrap is 10x slower)."""
    if len(flat) <= width:
        return [flat]
    lines: list[str] = []
    line = ""
    for word in flat.split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _label_lines(text: str, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> str:
    """Give a title wrapped to `lines` lines of `width` characters (<br> between), the last cut with an ellipsis."""
    flat = " ".join(strip_invisible(text).split())
    parts = wrap(flat, width)
    if len(parts) > lines:
        last = " ".join(parts[lines - 1:])
        parts = [*parts[: lines - 1], last[: width - 1].rstrip() + "\u2026"]
    return "<br>".join(esc(p) for p in parts)


def _label(text: str, limit: int = LABEL_CHARS) -> str:
    """Give a short escaped axis label."""
    flat = " ".join(strip_invisible(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "\u2026"
    return esc(flat)


def hover_text(record: Record, sources: Mapping[str, Source], titles: Mapping[str, str] | None = None) -> str:
    """Give the hover label of a record: title, display date, the event it counts from ("two days after: The
    board removes Sam Altman", titled from `titles`, else by id), phrase, source and quote, all escaped."""
    event = record.event
    claim = record.own.claim
    lines = [f"<b>{_wrapped(event.title or event.id)}</b>", esc(record_words(record))]
    counted = counted_from_words(record, lambda eid: (titles or {}).get(eid) or eid)
    if counted is not None:
        lines.append(_wrapped(counted, limit=160))
    phrase = f"\u201c{claim.when}\u201d" + (f" until \u201c{claim.until}\u201d" if claim.until else "")
    lines.append("Written as " + _wrapped(phrase, limit=120))
    source = sources.get(claim.source) if claim.source else None
    if source is not None:
        lines.append(_source_line(source))
    if claim.quote:
        lines.append("<i>" + _wrapped(f"\u201c{claim.quote}\u201d") + "</i>")
    if record.disputed:
        lines.append(f"<b>Disputed</b>: its {len(record.dates)} claims cannot all be true (the crosses)")
    elif len(record.dates) > 1:
        credit = credit_words(record.start_source, record.end_source,
                              lambda sid: sources[sid].title or sid if sid in sources else sid)
        lines.append(_wrapped(f"{len(record.dates)} claims reconciled" + (f"; {credit}" if credit else "")))
    if link_of(record, sources):
        lines.append("Click to open the source")
    return "<br>".join(lines)


@lru_cache(maxsize=8192)
def _source_line(source: Source) -> str:
    """Give the hover line naming a source (remembered: many events cite one source)."""
    name = source.title or source.id
    if source.publisher:
        name += f" ({source.publisher})"
    if source.published is not None:
        name += f", {day_words(source.published, weekday=False)}"
    return "Source: " + _wrapped(name, limit=160)


def _bounds(record: Record) -> tuple[int, int] | None:
    """Give the first and last day number a record is drawn over (`rows.drawn_days`), or None."""
    days = drawn_days(record)
    return (days[0].ordinal, days[1].ordinal) if days is not None else None


def _place(records: Sequence[Record], lanes: Lanes, sources: Mapping[str, Source],
           undrawn: list[tuple[Record, str]]) -> list[Placed]:
    placed = []
    for record in records:
        bounds = _bounds(record)
        if bounds is None:
            undrawn.append((record, "no earliest or latest day is known"))
            continue
        placed.append(Placed(record, lane_of(record, lanes), *bounds))
    return placed


def _lane_order(placed: list[Placed]) -> list[str]:
    """Give lanes in the order of their first event (records come sorted by start)."""
    order: dict[str, None] = {}
    for item in placed:
        order.setdefault(item.lane, None)
    return list(order)


def _rows_per_event(placed: list[Placed], lanes: str) -> tuple[list[Placed], list[int], list[Tick],
                                                               list[list[str]]]:
    """Give each event its own row, under a bold header row per lane (none when lanes are events), and the ids of
    the events under each tick."""
    out: list[Placed] = []
    tickvals: list[int] = []
    ticktext: list[Tick] = []
    owners: list[list[str]] = []
    row = 0
    by_lane: dict[str, list[Placed]] = {}
    for item in placed:
        by_lane.setdefault(item.lane, []).append(item)
    for lane in _lane_order(placed):
        if lanes != "event":
            tickvals.append(row)
            ticktext.append(Tick(lane, bold=True))
            owners.append([item.record.id for item in by_lane[lane]])
            row += 1
        for item in by_lane[lane]:
            out.append(Placed(item.record, item.lane, item.lo, item.hi, row))
            tickvals.append(row)
            ticktext.append(Tick(item.record.event.title or item.record.id))
            owners.append([item.record.id])
            row += 1
    return out, tickvals, ticktext, owners


def _rows_packed(placed: list[Placed]) -> tuple[list[Placed], list[int], list[Tick], list[list[str]]]:
    """Give events rows inside their lane so that events close in time do not cover each other."""
    placed, lanes, counts = _gather_lanes(placed)
    lo = min(p.lo for p in placed)
    hi = max(p.hi for p in placed)
    # two marks closer than about 1% of the whole range would touch on screen at the initial view
    gap = max(1, (hi - lo) // 100)
    by_lane: dict[str, list[Placed]] = {}
    for item in placed:
        by_lane.setdefault(item.lane, []).append(item)
    out: list[Placed] = []
    tickvals: list[int] = []
    ticktext: list[Tick] = []
    owners: list[list[str]] = []
    base = 0
    for lane in lanes:
        items = sorted(by_lane[lane], key=lambda p: (p.lo, p.hi, p.record.id))
        ends: list[tuple[int, int]] = []  # heap of (last day + gap, subrow)
        used = 0
        for item in items:
            if ends and ends[0][0] < item.lo:
                _, sub = heapq.heappop(ends)
            elif used < MAX_SUBROWS:
                sub, used = used, used + 1
            else:  # the lane is full here: share the row that frees up first
                _, sub = heapq.heappop(ends)
            heapq.heappush(ends, (item.hi + gap, sub))
            out.append(Placed(item.record, lane, item.lo, item.hi, base + sub))
        tickvals.append(base)
        ticktext.append(Tick(lane, bold=True, count=counts[lane]))
        owners.append([item.record.id for item in items])
        base += used + 1  # one empty row between lanes
    return out, tickvals, ticktext, owners


def _strip(name: str, colour: str, *, group: str, width: float) -> dict[str, Any]:
    """Give a trace of bands drawn as thick line segments, `width` pixels tall, parted by gaps (None). plotly.js
    draws a path per segment, as it drew a path per bar: measured, zooming costs the same as with bars (what made
    the page's zoom slow was measuring the labels again on every zoom; see the page's freezeMargins)."""
    return {
        "type": "scatter", "mode": "lines", "name": name, "legendgroup": group, "showlegend": False,
        "x": [], "y": [], "line": {"color": colour, "width": width, "simplify": False}, "hoverinfo": "skip",
        "connectgaps": False,
    }


def _markers(name: str, colour: str, symbol: str | list[str], size: int, *, group: str,
             legend: bool = True) -> dict[str, Any]:
    return {
        "type": "scatter", "mode": "markers", "name": name, "legendgroup": group, "showlegend": legend,
        "x": [], "y": [], "text": [], "customdata": [], "ids": [],
        "marker": {"color": colour, "symbol": symbol, "size": size, "line": {"color": colour, "width": 2}},
        "hovertemplate": "%{text}<extra></extra>",  # fixed by us; user text only ever arrives via `text`
    }


def _band(trace: dict[str, Any], lo: int, hi: int, row: int, owner: str = "") -> None:
    """Add a band over days lo..hi (inclusive) to a strip trace, for event `owner`."""
    _segment(trace, when(Day(lo)), when(Day(hi + 1)), row, owner)


def _segment(trace: dict[str, Any], start: str, end: str, row: int, owner: str) -> None:
    """Add a band from one plotly date string to another; a gap (None) parts it from the next."""
    trace["x"] += [start, end, None]
    trace["y"] += [row, row, None]
    trace.setdefault(OWNERS, []).extend((owner, owner, owner))


def _point(trace: dict[str, Any], x: str, row: int, text: str, link: str, point_id: str) -> None:
    trace["ids"].append(point_id)  # the event id: tests and the page find each event's mark by it
    trace["x"].append(x)
    trace["y"].append(row)
    trace["text"].append(text)
    trace["customdata"].append(link)
    # the event a mark belongs to: its id without the suffix of a span's end, a planned ring or a disputed claim
    owner = point_id.split(CLAIM_SUFFIX)[0].removesuffix(END_SUFFIX).removesuffix(PLANNED_SUFFIX)
    trace.setdefault(OWNERS, []).append(owner)


def _midday(lo: int, hi: int) -> str:
    """Give the middle of days lo..hi as a plotly date string."""
    twice = lo + hi + 1  # in half days from the start of `lo`
    return when(Day(twice // 2), 12 if twice % 2 else 0)


def chart_spec(log: Log, view: View | None = None, *, records: Sequence[Record] | None = None,
               lanes: str = "tag", show_sources: bool = True) -> ChartSpec:
    """Give the chart of a log's records as plain plotly trace and layout dicts: those of `view`, or when none is
    given of the view made here from `records` (default all), `lanes` and `show_sources`."""
    if view is None:
        view = View.of(log, records=records, lanes=lanes, show_sources=show_sources)
    chosen, lanes, show_sources = view.records, view.lanes, view.show_sources
    sources = log.sources
    undrawn: list[tuple[Record, str]] = []
    placed = _place(chosen, lanes, sources, undrawn)
    if len(placed) > MARKS_MAX:
        return _counted_spec(log, placed, undrawn)
    per_event = len(placed) <= ROW_PER_EVENT_MAX or (lanes == "event" and len(placed) <= EVENT_ROWS_MAX)
    if lanes == "event" and not per_event:
        placed = [Placed(p.record, "all events", p.lo, p.hi) for p in placed]
    if not placed:
        rows: list[Placed] = []
        tickvals: list[int] = []
        ticktext: list[Tick] = []
        tick_owners: list[list[str]] = []
    elif per_event:
        rows, tickvals, ticktext, tick_owners = _rows_per_event(placed, lanes)
    else:
        rows, tickvals, ticktext, tick_owners = _rows_packed(placed)
    n_rows = max(tickvals[-1] + 1 if tickvals else 1, max((p.row for p in rows), default=0) + 1)

    titles = {r.id: r.event.title for r in log.records}
    band_px = (ROW_PX if per_event else PACKED_ROW_PX) * BAND_SHARE
    data = _draw_marks(rows, sources, _chart_zone(log, [p.record for p in rows]), titles, band_px)
    # a legend entry for a kind of mark the log does not use would only confuse: keep the traces drawn
    data = [t for t in data if t["x"]]
    shown = {t["legendgroup"] for t in data if t["showlegend"]}
    for t in data:  # a kind drawn only as bands (no marker trace of its own) still needs its legend entry
        if t["legendgroup"] not in shown:
            t["showlegend"] = True
            shown.add(t["legendgroup"])

    left_out = 0
    if show_sources:
        lines, left_out = _source_lines(rows, sources, n_rows)
        data.extend(lines)

    layout = _layout(log, rows, tickvals, ticktext, n_rows, per_event)
    if rows:
        lo, hi = min(p.lo for p in rows), max(p.hi for p in rows) + 1
        _add_overview(data, layout, rows, (lo, hi))
    owners = [t.pop(OWNERS, None) for t in data]
    opening = opening_view(rows)
    if opening is not None:
        layout["xaxis"]["range"] = [when(opening[0]), when(opening[1])]
    return ChartSpec(data=data, layout=layout, drawn=len(rows), undrawn=undrawn,
                     mode="rows" if per_event else "lanes", sources_left_out=left_out,
                     narrow_ticks=[t.html(NARROW_LABEL_CHARS, LABEL_LINES) for t in ticktext], owners=owners,
                     tick_titles=_tick_titles(ticktext, layout["yaxis"]["ticktext"]), links=_links(rows),
                     tick_owners=tick_owners, row_px=ROW_PX if per_event else PACKED_ROW_PX, opening=opening)


#: An opening view on the events' densest stretch is chosen only when it holds at least this share of them...
OPENING_SHARE = 0.5
#: ... and spans at most this share of the whole range (else the whole range opens: nothing is squashed much).
OPENING_SPAN = 0.2


def opening_view(rows: Sequence[Placed]) -> tuple[Day, Day, int] | None:
    """Give the opening view when a few outliers stretch the range: the first day and the day after the last of the
    stretch that holds most events, with a little air, and how many events it holds; None when the whole range
    should open.

    The events (by the middle of their days) are cut into clusters wherever two neighbours are further apart than
    a twentieth of the whole range (and a week); the largest cluster (the later one of equals) opens when it holds
    at least OPENING_SHARE of the events within OPENING_SPAN of the range.
    """
    if len(rows) < 3:
        return None
    items = sorted(rows, key=lambda p: (p.lo + p.hi, p.record.id))
    lo, hi = min(p.lo for p in rows), max(p.hi for p in rows) + 1
    whole = hi - lo
    gap = max(7, whole / 20)
    clusters: list[list[Placed]] = [[items[0]]]
    for prev, item in itertools.pairwise(items):
        if (item.lo + item.hi) / 2 - (prev.lo + prev.hi) / 2 > gap:
            clusters.append([])
        clusters[-1].append(item)
    if len(clusters) == 1:
        return None
    best = max(reversed(clusters), key=len)
    first, last = min(p.lo for p in best), max(p.hi for p in best) + 1
    if len(best) < OPENING_SHARE * len(rows) or last - first > OPENING_SPAN * whole:
        return None
    pad = max(1, (last - first) // 12)
    return Day(first - pad), Day(last + pad), len(best)


def _chart_zone(log: Log, records: Sequence[Record]) -> str | None:
    """Give the zone timed marks are drawn in, so instants on one axis compare: the log's `timezone`, else the one
    zone every timed record shares, else UTC (None: no timed record has a zone, draw wall clocks)."""
    zones = {r.zone for r in records if r.start_at is not None and r.zone}
    if not zones:
        return None
    if log.timezone:
        return log.timezone
    return zones.pop() if len(zones) == 1 else "UTC"


def _draw_marks(rows: list[Placed], sources: Mapping[str, Source], zone: str | None = None,
                titles: Mapping[str, str] | None = None,
                band_px: float = ROW_PX * BAND_SHARE) -> list[dict[str, Any]]:
    """Give the traces of a log small enough for one SVG marker or bar per mark.

    A planned event (its own claim in the future tense) is drawn as its kind is, and ringed by a mark of its own
    (the legend says "Planned"); a date open on one side fades out into that side from its known day."""
    strip = partial(_strip, width=band_px)
    bands = strip(UNCERTAIN, UNCERTAIN_BAND, group="uncertain")
    span_ends = strip(SPAN, SPAN_BAND, group="span")
    span_bars = strip(SPAN, SPAN_COLOUR, group="span")
    exact = _markers(EXACT, EXACT_COLOUR, "circle", 11, group="exact")
    uncertain = _markers(UNCERTAIN, UNCERTAIN_COLOUR, "diamond-open", 12, group="uncertain")
    caps = _markers(SPAN, SPAN_COLOUR, "line-ns", 16, group="span")
    opened = _open_markers()
    disputed = _markers(DISPUTED, DISPUTED_COLOUR, "x-thin-open", 12, group="disputed")
    fades = [strip(OPEN, f"rgba(122, 62, 157, {alpha})", group="open") for alpha in OPEN_FADE]
    planned = _markers(PLANNED, PLANNED_COLOUR, "circle-open", 19, group="planned")
    planned["marker"]["line"]["width"] = 2
    planned["hoverinfo"] = "skip"
    planned.pop("hovertemplate")
    lo = min((p.lo for p in rows), default=0)
    hi = max((p.hi for p in rows), default=0)
    fade = max(3, (hi - lo) // 40)  # days of each step of an open end's fading
    for item in rows:
        record, row = item.record, item.row
        if record.disputed:
            _claim_points(disputed, record, row, sources)
        text = hover_text(record, sources, titles)
        link = link_of(record, sources)
        start, end = record.start, record.end
        if record.own.claim.tense == "future":
            _point(planned, _midday(item.lo, item.hi), row, "", "", record.id + PLANNED_SUFFIX)
        if start is None or end is None:
            _open_point(opened, item, text, link)
            for step, trace in enumerate(fades):
                if start is None:  # open before: fades leftwards from its known last day
                    _band(trace, item.hi - fade * (step + 1) + 1, item.hi - fade * step, row, record.id)
                else:
                    _band(trace, item.lo + fade * step, item.lo + fade * (step + 1) - 1, row, record.id)
        elif record.kind == "point" and record.start_at is not None and record.end_at is not None:
            if record.start_at == record.end_at:  # a clock time: drawn at its instant, in its own zone's clock
                _point(exact, _wall(record.start_at, zone), row, text, link, record.id)
            else:  # a part of the day: a band over its hours
                _segment(bands, _wall(record.start_at, zone), _wall(record.end_at, zone), row, record.id)
                _point(uncertain, _wall_middle(record.start_at, record.end_at, zone), row, text, link, record.id)
        elif record.kind == "span":
            _span_bands(span_ends, span_bars, record, row, partial(_band, owner=record.id))
            _point(caps, when(start), row, text, link, record.id)
            _point(caps, when(end.plus(1)), row, text, link, record.id + END_SUFFIX)
        elif start == end:
            _point(exact, when(start, 12), row, text, link, record.id)
        else:
            _band(bands, start.ordinal, end.ordinal, row, record.id)
            _point(uncertain, _midday(start.ordinal, end.ordinal), row, text, link, record.id)
    return [bands, span_ends, span_bars, *fades, exact, uncertain, caps, opened, planned, disputed]


def _claim_points(trace: dict[str, Any], record: Record, row: int, sources: Mapping[str, Source]) -> None:
    """Add a cross for each claim of a disputed record, in the middle of the days it allows, saying its source."""
    for n, dates in enumerate(record.dates, 1):
        lo, hi = dates.when.start, (dates.until or dates.when).end
        if lo is None and hi is None:
            continue
        first, last = (lo or hi), (hi or lo)
        assert first is not None and last is not None
        claim = dates.claim
        source = sources.get(claim.source) if claim.source else None
        who = _source_line(source) if source is not None else "No source: the log's own date"
        text = "<br>".join([f"<b>{_wrapped(record.event.title or record.id)}</b>",
                            f"<b>Disputed</b>: this claim says {esc(bounds_text(lo, hi, between=' to '))}",
                            "Written as " + _wrapped(f"\u201c{claim.when}\u201d", limit=120), who])
        _point(trace, _midday(first.ordinal, last.ordinal), row, text, link_of(record, sources),
               f"{record.id}{CLAIM_SUFFIX}{n})")


def _moment(text: str, zone: str | None) -> datetime:
    moment = datetime.fromisoformat(text)
    if zone is not None and moment.tzinfo is not None:
        from ..dates.times import _tz

        moment = moment.astimezone(_tz(zone))
    return moment


def _wall(text: str, zone: str | None = None) -> str:
    """Give an instant as plotly reads a date-time: the wall clock in `zone` (else its own) ("2024-05-17 09:30")."""
    return _moment(text, zone).strftime("%Y-%m-%d %H:%M")


def _wall_middle(lo: str, hi: str, zone: str | None = None) -> str:
    start = _moment(lo, zone)
    return (start + (_moment(hi, zone) - start) / 2).strftime("%Y-%m-%d %H:%M")


def _open_markers() -> dict[str, Any]:
    opened = _markers(OPEN, OPEN_COLOUR, [], 12, group="open")
    opened["marker"]["line"]["width"] = 1
    return opened


def _open_point(trace: dict[str, Any], item: Placed, text: str, link: str) -> None:
    """Add a triangle at the known limit of a date open on one side, pointing into the open side."""
    before = item.record.start is None
    _point(trace, when(Day(item.hi if before else item.lo), 12), item.row, text, link, item.record.id)
    trace["marker"]["symbol"].append("triangle-left" if before else "triangle-right")


def _span_bands(faded: dict[str, Any], solid: dict[str, Any], record: Record, row: int,
                add: Callable[..., None]) -> None:
    """Add a span's uncertain ends to `faded` and the days it certainly covers to `solid`."""
    assert record.start is not None and record.end is not None
    start, end = record.start.ordinal, record.end.ordinal
    s_hi = (record.start_latest or record.start).ordinal
    e_lo = (record.end_earliest or record.end).ordinal
    if s_hi > start:
        add(faded, start, s_hi - 1, row)
    if end > e_lo:
        add(faded, e_lo + 1, end, row)
    if e_lo >= s_hi:  # else the uncertain ends overlap and no day is certainly inside
        add(solid, s_hi, e_lo, row)


#: Periods the counting chart may use, finest first, with their rough length in days.
BIN_UNITS = (("week", 7), ("month", 30.4), ("year", 365.2), ("decade", 3652), ("century", 36524))


def bin_unit(lo: int, hi: int) -> str:
    """Give the finest period that splits days lo..hi into at most MAX_BINS columns."""
    for unit, days in BIN_UNITS:
        if (hi - lo + 1) / days <= MAX_BINS:
            return unit
    return "century"


def bin_key(day: Day, unit: str) -> int:
    """Give the number of the period (of `unit`) a day falls in; consecutive periods have consecutive keys."""
    if unit == "week":
        return (day.ordinal - 4) // 7  # 1970-01-05, ordinal 4, was a Monday: weeks run Monday to Sunday
    y, m, _ = day.ymd
    if unit == "month":
        return y * 12 + m - 1
    return y // {"year": 1, "decade": 10, "century": 100}[unit]


def bin_start(key: int, unit: str) -> Day:
    """Give the first day of period `key`."""
    if unit == "week":
        return Day(key * 7 + 4)
    if unit == "month":
        return Day.of(key // 12, key % 12 + 1, 1)
    year = key * {"year": 1, "decade": 10, "century": 100}[unit]
    return Day.of(max(MIN_YEAR, min(MAX_YEAR, year)), 1, 1)


def _bin_end(key: int, unit: str) -> Day:
    """Give the first day after period `key` (9999-12-31 at the far end)."""
    year = (key + 1) * {"year": 1, "decade": 10, "century": 100}.get(unit, 1)
    if unit not in ("week", "month") and year > MAX_YEAR:
        return Day.of(MAX_YEAR, 12, 31)
    if unit == "month" and (key + 1) // 12 > MAX_YEAR:
        return Day.of(MAX_YEAR, 12, 31)
    return bin_start(key + 1, unit)


def _gather_lanes(placed: list[Placed]) -> tuple[list[Placed], list[str], dict[str, int]]:
    """Give the records with lanes past MAX_LANES merged into one "other" lane, the lanes in order, their counts."""
    counts: dict[str, int] = {}
    for item in placed:
        counts[item.lane] = counts.get(item.lane, 0) + 1
    lanes = _lane_order(placed)
    if len(lanes) > MAX_LANES:
        kept = set(sorted(lanes, key=lambda lane: (-counts[lane], lanes.index(lane)))[: MAX_LANES - 1])
        other = f"{len(lanes) - len(kept)} other lanes"
        placed = [p if p.lane in kept else Placed(p.record, other, p.lo, p.hi) for p in placed]
        counts = {}
        for item in placed:
            counts[item.lane] = counts.get(item.lane, 0) + 1
        lanes = _lane_order(placed)
    return placed, lanes, counts


def _counted_spec(log: Log, placed: list[Placed], undrawn: list[tuple[Record, str]]) -> ChartSpec:
    """Give the chart of a log too large to draw event by event: a heatmap of events per lane and period.

    An event counts in the period of the middle of its possible days, so each event is counted exactly once.
    """
    placed, lanes, counts = _gather_lanes(placed)
    lo = min(p.lo for p in placed)
    hi = max(p.hi for p in placed)
    unit = bin_unit(lo, hi)
    first = bin_key(Day(lo), unit)
    last = bin_key(Day(hi), unit)
    width = last - first + 1
    row_of = {lane: i for i, lane in enumerate(lanes)}
    cells: dict[tuple[int, int], list[Record]] = {}
    cell_of: dict[str, tuple[int, int]] = {}
    for item in placed:
        column = bin_key(Day((item.lo + item.hi) // 2), unit) - first
        cells.setdefault((row_of[item.lane], column), []).append(item.record)
        cell_of[item.record.id] = (row_of[item.lane], column)
    z: list[list[int | None]] = [[None] * width for _ in lanes]
    text: list[list[str | None]] = [[None] * width for _ in lanes]
    for (row, column), records in cells.items():
        z[row][column] = len(records)
        start = bin_start(first + column, unit)
        words = range_words(start, _bin_end(first + column, unit).plus(-1), unit)
        titles = "<br>".join("• " + _wrapped(r.event.title or r.id, limit=90) for r in records[:CELL_TITLES])
        more = f"<br>and {len(records) - CELL_TITLES:,} more" if len(records) > CELL_TITLES else ""
        text[row][column] = (f"<b>{_label(lanes[row], 40)}</b>, {esc(words)}<br>"
                             f"{len(records):,} event{'s' if len(records) != 1 else ''}<br>{titles}{more}")
    edges = [when(bin_start(first + i, unit)) for i in range(width)] + [when(_bin_end(last, unit))]
    data = [{
        "type": "heatmap", "name": f"Events per {unit}", "x": edges, "y": list(range(len(lanes))), "z": z,
        "text": text, "hovertemplate": "%{text}<extra></extra>", "hoverongaps": False, "xgap": 0, "ygap": 2,
        "zmin": 0, "colorscale": [[0, "#dbe6f5"], [0.35, "#7fa3d6"], [1, "#0b2f6b"]],
        "colorbar": {"title": {"text": f"events<br>per {unit}"}, "thickness": 12, "len": 0.8},
    }]
    ticks = [Tick(lane, bold=True, count=counts[lane]) for lane in lanes]
    layout = _layout(log, [], [], ticks, len(lanes), per_event=False)
    layout["yaxis"]["tickvals"] = list(range(len(lanes)))
    layout["height"] = max(380, min(2000, len(lanes) * 34 + 190))
    layout["xaxis"]["range"] = [edges[0], edges[-1]]
    layout["showlegend"] = False
    _add_overview(data, layout, placed, (lo, hi + 1))
    by_lane: dict[str, list[str]] = {lane: [] for lane in lanes}
    for item in placed:
        by_lane[item.lane].append(item.record.id)
    return ChartSpec(data=data, layout=layout, drawn=len(placed), undrawn=undrawn, mode="lanes", counted=unit,
                     narrow_ticks=[t.html(NARROW_LABEL_CHARS) for t in ticks], owners=[None], cells=cell_of,
                     tick_titles=_tick_titles(ticks, layout["yaxis"]["ticktext"]),
                     tick_owners=[by_lane[lane] for lane in lanes])


def _source_lines(rows: list[Placed], sources: Mapping[str, Source],
                  n_rows: int) -> tuple[list[dict[str, Any]], int]:
    """Give one trace of thin vertical lines at the publication days of the drawn records' sources, and how many
    days were left out (over SOURCES_MAX: each line is an SVG node of its own)."""
    cited: dict[str, None] = {}
    for item in rows:
        for claim in item.record.event.claims:
            if claim.source:
                cited.setdefault(claim.source, None)
    by_day: dict[int, list[Source]] = {}
    for sid in cited:
        source = sources.get(sid)
        if source is not None and source.published is not None:
            by_day.setdefault(source.published.ordinal, []).append(source)
    if not by_day:
        return [], 0
    if len(by_day) > SOURCES_MAX:
        return [], len(by_day)
    xs: list[str | None] = []
    ys: list[float | None] = []
    texts: list[str | None] = []
    for ordinal in sorted(by_day):
        day = Day(ordinal)
        names = "<br>".join(_wrapped(s.title or s.id, limit=100) for s in by_day[ordinal][:8])
        more = len(by_day[ordinal]) - 8
        label = f"<b>Published {esc(day_words(day, weekday=False))}</b><br>{names}" + (
            f"<br>and {more} more" if more > 0 else "")
        x = when(day, 12)
        xs += [x, x, None]
        ys += [-0.5, n_rows - 0.5, None]
        texts += [label, label, None]
    return [{
        "type": "scatter", "mode": "lines", "name": PUBLISHED, "legendgroup": "published", "x": xs, "y": ys,
        "text": texts, "hovertemplate": "%{text}<extra></extra>", "connectgaps": False,
        "line": {"color": SOURCE_COLOUR, "width": 1, "dash": "dot"},
    }], 0


def _layout(log: Log, rows: list[Placed], tickvals: list[int], ticks: list[Tick], n_rows: int,
            per_event: bool) -> dict[str, Any]:
    # the page's own range buttons (week, month, year, all) sit above the chart and centre on the events; plotly's
    # rangeselector steps back from the last day, into whatever empty month or year lies there
    row_px = ROW_PX if per_event else PACKED_ROW_PX
    xaxis: dict[str, Any] = {
        # no automargin: measuring the dates' boxes on every zoom cost more than drawing the marks
        "type": "date", "automargin": False, "showgrid": True, "gridcolor": "#e6e6e6", "showline": True,
        "linecolor": "#888", "ticks": "outside", "side": "bottom",
    }
    view = None
    if rows:
        lo = min(p.lo for p in rows)
        hi = max(p.hi for p in rows) + 1
        pad = max(2, (hi - lo) // 25)  # the initial view fits the events with a little air on each side
        view = (lo - pad, hi + pad)
        xaxis["range"] = [when(Day(lo - pad)), when(Day(hi + pad))]
    title = esc(strip_invisible(log.title)) if log.title else "Timeline"
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13,
                 "color": "#222"},
        "paper_bgcolor": "#fff", "plot_bgcolor": "#fff",
        "height": max(380, min(4200, n_rows * row_px + 190)),  # fits EVENT_ROWS_MAX rows
        "margin": {"l": 10, "r": 20, "t": 100, "b": 40},
        "xaxis": xaxis,
        "yaxis": {"tickmode": "array", "tickvals": tickvals,
                  "ticktext": [t.html(LABEL_CHARS, LABEL_LINES) for t in ticks], "range": [n_rows - 0.5, -0.5],
                  "fixedrange": True, "automargin": True, "showgrid": False, "zeroline": False,
                  "ticks": "", "tickfont": {"size": 12}},
        "hovermode": "closest", "hoverdistance": 24,
        "hoverlabel": {"align": "left", "bgcolor": "#fff", "bordercolor": "#555",
                       "font": {"size": 12, "color": "#111"}},
        # top right, across from the zoom buttons: below the axis it would cover the dates and the slider
        "legend": {"orientation": "h", "x": 1, "y": 1.0, "yanchor": "bottom", "xanchor": "right",
                   "font": {"size": 12}, "traceorder": "normal", "bgcolor": "rgba(255,255,255,0)"},
        "shapes": _period_shapes(log),
        "annotations": _period_labels(log, view),
        "dragmode": "zoom",
    }


def _add_overview(data: list[dict[str, Any]], layout: dict[str, Any], items: Sequence[Placed],
                  days: tuple[int, int]) -> None:
    """Add the overview strip under the chart: its own x axis over the whole range (with a little air), one row of
    cells darker where more events are (the square root of the count, so one event still shows beside hundreds);
    the layout grows by the strip's height and `fit_overview` sets the two plots' shares of it."""
    lo, hi = days
    pad = max(2, (hi - lo) // 25)
    first, last = lo - pad, hi + pad
    step = max(1, -(-(last - first) // OVERVIEW_BINS))
    width = -(-(last - first) // step)
    counts = [0] * width
    for item in items:
        counts[min(width - 1, ((item.lo + item.hi) // 2 - first) // step)] += 1
    edges = [when(Day(min(first + i * step, Day.of(MAX_YEAR, 12, 31).ordinal))) for i in range(width + 1)]
    data.append({
        "type": "heatmap", "name": OVERVIEW, "meta": OVERVIEW, "xaxis": "x2", "yaxis": "y2", "x": edges, "y": [0],
        "z": [[round(c ** 0.5, 3) if c else None for c in counts]], "zmin": 0, "showscale": False,
        "colorscale": [[0, "#b9cbe6"], [1, "#0b2f6b"]], "hoverinfo": "skip", "hoverongaps": False,
    })
    layout["xaxis2"] = {"type": "date", "anchor": "y2", "range": [edges[0], edges[-1]], "fixedrange": True,
                        "showgrid": False, "showline": True, "linecolor": "#888", "ticks": "outside",
                        "tickfont": {"size": 10}, "automargin": False}
    layout["yaxis2"] = {"anchor": "x2", "range": [-0.5, 0.5], "fixedrange": True, "showgrid": False,
                        "zeroline": False, "tickmode": "array", "tickvals": [0], "ticks": "",
                        "ticktext": ["<i>all, to scale</i>"], "tickfont": {"size": 11, "color": "#555"}}
    layout["height"] += OVERVIEW_PX + OVERVIEW_GAP_PX
    fit_overview(layout)


def fit_overview(layout: dict[str, Any]) -> dict[str, Any]:
    """Give the two plots their shares of a layout's height (after a change of height or margins): the strip
    OVERVIEW_PX tall at the bottom, OVERVIEW_GAP_PX for the chart's dates above it, the chart the rest (the
    page's script does the same when it shortens a filtered chart)."""
    if "yaxis2" in layout:
        plot = max(1, layout["height"] - layout["margin"]["t"] - layout["margin"]["b"])
        layout["yaxis2"] = {**layout["yaxis2"], "domain": [0, round(OVERVIEW_PX / plot, 4)]}
        layout["yaxis"] = {**layout["yaxis"],
                           "domain": [round(min(0.5, (OVERVIEW_PX + OVERVIEW_GAP_PX) / plot), 4), 1]}
    return layout


def _period_bounds(period: Any) -> tuple[Day, Day] | None:
    end = period.until or period.when
    lo, hi = period.when.start, end.end
    if lo is None or hi is None:
        return None
    return lo, hi


def _period_shapes(log: Log) -> list[dict[str, Any]]:
    shapes = []
    for period in log.periods:
        bounds = _period_bounds(period)
        if bounds:
            # over the chart's own plot, not the overview strip under it
            shapes.append({"type": "rect", "xref": "x", "yref": "y domain", "x0": when(bounds[0]),
                           "x1": when(bounds[1].plus(1)), "y0": 0, "y1": 1, "layer": "below", "line": {"width": 0},
                           "fillcolor": "rgba(90, 110, 140, 0.08)"})
    return shapes


def _period_labels(log: Log, view: tuple[int, int] | None) -> list[dict[str, Any]]:
    """Give the name of each period at the top of its shading, on the side with more room in the first view."""
    labels = []
    for period in log.periods:
        bounds = _period_bounds(period)
        if bounds:
            # a period in the right half of the view is named from its end leftwards, so the name stays inside
            right = view is not None and bounds[0].ordinal > (view[0] + view[1]) // 2
            labels.append({"x": when(bounds[1].plus(1) if right else bounds[0]), "xref": "x", "y": 1,
                           "yref": "paper", "yanchor": "top", "xanchor": "right" if right else "left",
                           "showarrow": False, "text": f"<i>{_label(period.title, 40)}</i>",
                           "font": {"size": 11, "color": "#4a5a70"}})
    return labels


def figure(log: Log, view: View | None = None, *, records: Sequence[Record] | None = None, lanes: str = "tag",
           show_sources: bool = True) -> plotly.graph_objects.Figure:
    """Give the Plotly timeline figure of a log's records (shown inline in Jupyter); options as for chart_spec."""
    import plotly.graph_objects as go

    spec = chart_spec(log, view, records=records, lanes=lanes, show_sources=show_sources)
    # the empty template: the page draws with plotly.js defaults, and the notebook should look the same
    return go.Figure(data=spec.data, layout={**spec.layout, "template": "none"})
