"""The timeline page: one self-contained HTML file with the chart, a note on its marks, and the events table.

Self-contained means plotly.js is inlined (its cartesian bundle, kept in timeline/assets: a third of the full
bundle's size, so a large page paints sooner) and the page asks the network for nothing; a Content-Security-Policy
says so to the browser too (`default-src 'none'`, scripts allowed only by the hashes of our two inline scripts), so
even a payload that slipped past the escaping could neither run nor fetch.
The figure travels as a JSON data block (never executed) with `<`, `>` and `&` written as \\u escapes, so no text
from the log can close it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from . import asof_control, chart
from .chronology import CHRONO_ID, chronology_data
from .report import REPORT_TABLE_MAX, TABLE_CSS, source_names, table_html, table_summary
from .rows import drawn_days
from .view import View
from .words import day_words, range_words
from ..safety import esc, strip_invisible

if TYPE_CHECKING:
    from ..model import Log
    from ..model import Record

#: plotly.js as the page inlines it: only the cartesian trace types (the chart draws scatter, bar and heatmap).
PLOTLY_BUNDLE = "plotly-cartesian.min.js"

#: The id of the chart's <div>: fixed, so that two builds of one log are byte-identical.
CHART_ID = "timeline-chart"

#: Rows the page's own table lists at most; above, it points to report.html (tens of thousands of rows take
#: seconds to parse, and the page would not be usable meanwhile).
TABLE_MAX = chart.MARKS_MAX

#: Plotly's options for the page: responsive width, no logo, and nothing that leaves the page: no "share" or
#: "edit in Chart Studio" (plotly.js 4 shows its cloud button unless told not to), no server to send to, and the
#: picture download replaced by the page's own (named after the log, its title drawn in).
CONFIG: dict[str, Any] = {
    "responsive": True, "displaylogo": False, "scrollZoom": False, "showSendToCloud": False,
    "showEditInChartStudio": False, "showLink": False, "plotlyServerURL": "", "showTips": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage", "sendChartToCloud",
                               "sendDataToCloud", "editInChartStudio", "downloadJson"],
}

#: Tag, actor and source chips offered at most per kind (the most used first); the search box finds the rest.
CHIPS_MAX = 12
#: Width below which the page shows the vertical chronology instead of the chart (CSS and the tests use it).
PHONE_PX = 600


@lru_cache(maxsize=1)
def page_js() -> str:
    """Give the page's script (timeline/assets/timeline-page.js): the chart, the filter, the range, the view in the
    URL's #."""
    return (resources.files("timeline") / "assets" / "timeline-page.js").read_text(encoding="utf-8")


PAGE_CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0 auto; max-width: 90rem;
       padding: 0 1rem 2rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 1rem 0 0.3rem; }
header, .notice, figcaption { overflow-wrap: break-word; }  /* one unbroken word never widens the page */
h2 { font-size: 1.15rem; margin: 1.4rem 0 0.4rem; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--bg); padding: 0.4rem; }
.skip:focus { left: 0.5rem; z-index: 10; }
.summary { color: var(--muted); margin: 0.2rem 0 0.6rem; }
figure { margin: 0; }
#timeline-chart { width: 100%; min-height: 300px; border: 1px solid var(--border); border-radius: 4px;
                  position: relative; }
/* the overview strip's marks, over plotly's drawing: the stretch shown, and the area that takes clicks */
.overview-hit { position: absolute; cursor: pointer; touch-action: none; }
.overview-window { position: absolute; pointer-events: none; box-sizing: border-box; min-width: 4px;
                   border: 2px solid var(--fg); background: rgba(240, 160, 32, 0.16); border-radius: 2px; }
/* the link from an event counted from another (relative_to) to that event, while the pointer rests on it */
.relation-links { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none;
                  overflow: visible; }
.relation-links path { fill: none; stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 4 3; opacity: 0.8; }
.marks { display: flex; flex-wrap: wrap; gap: 0.3rem 1.4rem; padding: 0; margin: 0.6rem 0; list-style: none;
         font-size: 0.92rem; }
.marks li { display: flex; align-items: center; gap: 0.4rem; }
.marks svg { flex: none; }
.notice { background: var(--notice-bg); border-left: 4px solid #c4660f; padding: 0.5rem 0.8rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
                   white-space: nowrap; }
/* the search box, the chips and the range buttons */
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.8rem; margin: 0.4rem 0; }
.controls label { font-weight: 600; }
#filter { font: inherit; padding: 0.3rem 0.5rem; min-width: 0; flex: 1 1 16rem; max-width: 32rem;
          color: var(--fg); background: var(--bg); border: 1px solid var(--border-strong); border-radius: 4px; }
button { font: inherit; font-size: 0.9rem; color: var(--fg); background: var(--button-bg);
         border: 1px solid var(--border-strong); border-radius: 4px; padding: 0.2rem 0.6rem; cursor: pointer; }
button[aria-pressed="true"] { background: var(--pressed-bg); color: var(--pressed-fg);
                              border-color: var(--pressed-bg); }
button:focus-visible, #filter:focus-visible, summary:focus-visible { outline: 3px solid #f0a020;
                                                                     outline-offset: 1px; }
#filter-status { color: var(--muted); }
.filters > summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
@media (min-width: 600px) { .filters > summary { display: none; } }
.chips { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin: 0.2rem 0; font-size: 0.9rem; }
.chips .kind { color: var(--muted); margin-left: 0.4rem; }
.chips .kind:first-child { margin-left: 0; }
.ranges { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem; margin: 0.5rem 0 0.3rem; }
.ranges .kind { color: var(--muted); font-size: 0.9rem; }
#view-note { margin: 0.2rem 0 0.4rem; color: var(--muted); }
#view-note button { margin-left: 0.2rem; }
/* the phone's chronology: one entry per event, by month; below PHONE_PX it replaces the chart */
.chrono { display: none; list-style: none; padding: 0; margin: 0.5rem 0; }
.chrono .group > h3 { font-size: 1rem; margin: 1rem 0 0.3rem; border-bottom: 1px solid var(--border); }
.chrono ol { list-style: none; padding: 0; margin: 0; }
.chrono li[data-id] { margin: 0 0 0.5rem; }
.chrono summary { cursor: pointer; overflow-wrap: break-word; }
.chrono .mark { display: inline-block; width: 1.2em; text-align: center; font-weight: 700; }
.chrono .k-exact .mark { color: var(--exact); } .chrono .k-uncertain .mark { color: var(--uncertain); }
.chrono .k-span .mark { color: var(--span); } .chrono .k-open .mark { color: var(--open); }
.chrono .when { font-weight: 600; }
.chrono .how, .chrono .planned { color: var(--muted); font-size: 0.9em; }
.chrono .more { margin: 0.2rem 0 0.4rem 1.6rem; overflow-wrap: break-word; }
.chrono .more p { margin: 0.2rem 0; }
.chrono .quote { font-style: italic; }
.chrono .open-source, .picked .open-source { display: inline-block; padding: 0.35rem 0.2rem; }
.chrono .chrono-more { margin: 0.6rem 0; color: var(--muted); }
.chrono .chrono-more button { margin-left: 0.4rem; }
/* what a tap on a chart's mark shows: the event's details and a labelled link to its source */
.picked { border: 1px solid var(--border); border-left: 4px solid var(--border-strong); border-radius: 4px;
          padding: 0.4rem 0.8rem; margin: 0.5rem 0; overflow-wrap: break-word; }
.picked h3 { font-size: 1rem; margin: 0.2rem 0; }
.picked p { margin: 0.2rem 0; }
.picked .quote { font-style: italic; }
.picked > button { float: right; margin-left: 0.5rem; }
/* a long table is laid out only when scrolled near: the chart above it paints first */
section.table .table-wrap { content-visibility: auto; contain-intrinsic-size: auto 1200px; }
@media (max-width: 640px) { body { padding: 0 0.5rem 1rem; } h1 { font-size: 1.2rem; } }
@media (max-width: 599.98px) {
  body.has-chrono #timeline-chart, body.has-chrono .ranges, body.has-chrono #view-note,
  body.has-chrono figcaption .marks, body.has-chrono .picked { display: none; }
  body.has-chrono .chrono { display: block; }
}
@media print {
  .skip, .modebar-container, .controls, .chips, .ranges, #view-note button { display: none !important; }
  body { max-width: none; padding: 0; }
  #timeline-chart { border: none; break-inside: avoid; }
  section.table { break-before: page; }
  section.table .table-wrap { content-visibility: visible; }
}
"""

# Small pictures of each mark, drawn like the chart draws them, for the note under the chart.
_SWATCHES = {
    "exact": ('<circle cx="14" cy="8" r="5" fill="{c}"/>', chart.EXACT_COLOUR),
    "uncertain": ('<rect x="1" y="3" width="26" height="10" fill="rgba(230,145,56,0.30)"/>'
                  '<path d="M14 2 L20 8 L14 14 L8 8 Z" fill="none" stroke="{c}" stroke-width="2"/>',
                  chart.UNCERTAIN_COLOUR),
    "span": ('<rect x="1" y="3" width="6" height="10" fill="rgba(27,122,90,0.22)"/>'
             '<rect x="7" y="3" width="14" height="10" fill="{c}"/>'
             '<rect x="21" y="3" width="6" height="10" fill="rgba(27,122,90,0.22)"/>'
             '<path d="M1 0 V16 M27 0 V16" stroke="{c}" stroke-width="2"/>', chart.SPAN_COLOUR),
    "open": ('<rect x="12" y="4" width="5" height="8" fill="rgba(122,62,157,0.32)"/>'
             '<rect x="17" y="4" width="5" height="8" fill="rgba(122,62,157,0.16)"/>'
             '<rect x="22" y="4" width="5" height="8" fill="rgba(122,62,157,0.06)"/>'
             '<path d="M3 3 L12 8 L3 13 Z" fill="{c}"/>', chart.OPEN_COLOUR),
    "planned": ('<circle cx="14" cy="8" r="6.5" fill="none" stroke="{c}" stroke-width="2"/>', chart.PLANNED_COLOUR),
    "published": ('<path d="M14 0 V16" stroke="{c}" stroke-width="1.5" stroke-dasharray="2 2"/>',
                  chart.SOURCE_COLOUR),
    "disputed": ('<path d="M9 3 L19 13 M19 3 L9 13" stroke="{c}" stroke-width="2"/>', chart.DISPUTED_COLOUR),
}

#: The marks' colours in the note, light and (on a dark screen only: paper stays light) dark, as the chart draws
#: them: each keeps 3:1 against its background (WCAG's contrast for graphics).
SWATCH_CSS = (":root { " + " ".join(f"--sw-{kind}: {colour};" for kind, (_, colour) in _SWATCHES.items()) + " }\n"
              "@media screen and (prefers-color-scheme: dark) { :root { "
              + " ".join(f"--sw-{kind}: {chart.DARK_COLOURS.get(colour, colour)};"
                         for kind, (_, colour) in _SWATCHES.items()) + " } }\n")

_MARK_WORDS = {
    "exact": "<strong>Filled circle</strong>: the exact day is known.",
    "uncertain": "<strong>Light band with a hollow diamond</strong>: an uncertain date (\u201cearlier this "
                 "week\u201d, \u201clast July\u201d); it happened somewhere in the band, from the earliest to the "
                 "latest possible day.",
    "span": "<strong>Solid bar between two ticks</strong>: a span of days (\u201cuntil\u201d); solid where "
            "certain, faded at an end whose day is uncertain.",
    "open": "<strong>Triangle with a fading band</strong>: open-ended (\u201crecently\u201d, \u201cin the "
            "future\u201d); before (\u25c0) or after (\u25b6) the day it marks, fading into the side it is open to.",
    "planned": "<strong>Ring</strong> around a mark: planned; not yet happened when its source wrote of it.",
    "published": "<strong>Dotted vertical line</strong>: a source\u2019s publication date.",
    "disputed": "<strong>Red crosses on a row</strong>: a disputed event, whose sources disagree; each cross is "
                "where one claim puts it, and the event is drawn over what any of them allows.",
}


def _swatch(kind: str) -> str:
    shape, _ = _SWATCHES[kind]
    # painted by a CSS variable (SWATCH_CSS), so that a dark screen gets the chart's dark colour of the mark
    shape = shape.replace('fill="{c}"', 'style="fill:{c}"').replace('stroke="{c}"', 'style="stroke:{c}"')
    return (f'<svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" focusable="false">'
            f"{shape.format(c=f'var(--sw-{kind})')}</svg>")


def marks_note(spec: chart.ChartSpec) -> str:
    """Give the list that says what each kind of mark on the chart means (only the kinds drawn)."""
    groups = {t.get("legendgroup") for t in spec.data}
    if spec.counted:
        return counted_note(spec)
    items = [f"<li>{_swatch(kind)}<span>{_MARK_WORDS[kind]}</span></li>"
             for kind in ("exact", "uncertain", "span", "open", "planned", "disputed", "published") if kind in groups]
    if not items:
        return ""
    strip = (". The strip under the chart is the whole story to scale, the stretch shown above marked on it: click "
             "it to move there, or drag across it to choose a stretch") if "xaxis2" in spec.layout else ""
    extra = ("Each row is one event, under its lane in bold. " if spec.mode == "rows" else
             "Each lane (bold, with its number of events) holds several rows, so that events close in time do not "
             "cover each other. ")
    return (f'<ul class="marks" aria-label="What the marks mean">{"".join(items)}</ul>\n'
            f'<p class="summary">{extra}Hover over a mark for the title, date, phrase, source and quote; click '
            "it for its details under the chart, with a link to the source. Zoom with the buttons above the "
            f"chart, or by dragging across it; double-click to zoom back out{strip}. The search box and the "
            "chips narrow the chart and the table together; the page address keeps the search and the zoom, to "
            "bookmark or send the view (the back button steps back through them).</p>\n")


def counted_note(spec: chart.ChartSpec) -> str:
    """Give the note over a chart that counts events instead of drawing each: what the cells mean, how to filter."""
    unit = spec.counted
    return (f'<p class="notice" id="counted"><strong>{spec.drawn:,} events are more than the chart draws one by one '
            f"(up to {chart.MARKS_MAX:,}).</strong> Each cell counts the events of one lane in one {unit}: the "
            "darker, the more; hover over a cell for its count and titles. An event counts in the "
            f"{unit} of the middle of its possible dates. To see each event, build a smaller page with a filter, "
            "for example <code>timeline build --from 2024-01-01 --to 2024-06-30</code> or <code>--tag TAG</code>. "
            "The strip under the chart is the whole range to scale, the stretch shown above marked on it: click it "
            "to move there.</p>\n")


def sources_note(spec: chart.ChartSpec) -> str:
    """Give a line saying that sources' publication dates were left out, when there were too many to draw."""
    if not spec.sources_left_out:
        return ""
    return (f'<p class="summary">The publication dates of sources ({spec.sources_left_out:,} days) are not drawn: '
            f"more than {chart.SOURCES_MAX:,} lines would hide the events. Filter the build to see them.</p>\n")


def undrawn_note(spec: chart.ChartSpec) -> str:
    """Give the section listing the events the chart could not draw, or a line saying every event is drawn."""
    if not spec.undrawn:
        verb = "counted" if spec.counted else "drawn"
        return f'<p class="summary" id="undrawn">All {spec.drawn:,} events are {verb} on the chart.</p>\n'
    items = "".join(f'<li><a href="#ev-{esc(r.id)}">{esc(strip_invisible(r.event.title or r.id))}</a>: '
                    f"{esc(reason)}</li>" for r, reason in spec.undrawn)
    return (f'<section class="notice" id="undrawn" aria-labelledby="undrawn-h"><h2 id="undrawn-h">Not drawn on '
            f"the chart ({len(spec.undrawn):,})</h2>\n<p>These events are in the table below but have no day the "
            f"chart can place:</p>\n<ul>{items}</ul></section>\n")


def _json_for_script(value: Any) -> str:
    """Give JSON that cannot end the <script> block it sits in, whatever text it carries."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """Give the minified plotly.js the page inlines: the cartesian bundle in timeline/assets (see its README)."""
    return (resources.files("timeline") / "assets" / PLOTLY_BUNDLE).read_text(encoding="utf-8")


def _range_words(records: Sequence[Record]) -> str:
    days = [d for r in records for d in (r.start, r.end) if d is not None]
    if not days:
        return ""
    lo, hi = min(days), max(days)
    if lo == hi:
        return f" on {day_words(lo, weekday=False)}"
    return f" from {day_words(lo, weekday=False)} to {day_words(hi, weekday=False)}"


def page_layout(layout: dict[str, Any]) -> dict[str, Any]:
    """Give a chart's layout as the page draws it: no title (the page's <h1> says it), room above for the tools."""
    drawn = dict(layout)
    drawn["title"] = None  # the page's own <h1> says it, and the chart keeps its height for the events
    # room above the plot for the tool bar and the legend (the zoom buttons are the page's, above the chart)
    drawn["margin"] = {**drawn["margin"], "t": 40}
    return chart.fit_overview(drawn)


def _slug(text: str) -> str:
    """Give a file name made of a title's letters and digits ("openai-s-safety-exodus-2023-2024")."""
    out = "".join(c.lower() if c.isalnum() else "-" for c in strip_invisible(text))
    return "-".join(p for p in out.split("-") if p)[:80] or "timeline"


def event_data(records: Sequence[Record], spec: chart.ChartSpec) -> list[dict[str, Any]]:
    """Give the one small record per event that the page's script reads: what the search box looks through, the
    days it is drawn over (for the range buttons and the "showing ..." line), a counted chart's cell, and
    `relativeTo`: the id of the drawn event its own date counts from (`relative_to`), when there is one."""
    out = []
    for record in records:
        days = drawn_days(record)
        claims = record.event.claims
        item: dict[str, Any] = {
            "id": record.id, "title": strip_invisible(record.event.title),
            "from": days[0].iso() if days else None, "to": days[1].iso() if days else None,
            "tags": list(record.event.tags), "actors": list(record.event.actors),
            "sources": list(dict.fromkeys(c.source for c in claims if c.source)),
            "quotes": [strip_invisible(c.quote) for c in claims if c.quote],
        }
        cell = spec.cells.get(record.id)
        if cell is not None:
            item["c"] = list(cell)
        if record.id in spec.links:  # the drawn event its own date counts from, for the link drawn on hover
            item["relativeTo"] = spec.links[record.id][0]
        out.append(item)
    return out


def _chips(records: Sequence[Record]) -> str:
    """Give the tag, actor and source toggle buttons (the most used CHIPS_MAX of each kind)."""
    kinds: dict[str, dict[str, int]] = {"tag": {}, "actor": {}, "source": {}}
    for record in records:
        for kind, values in (("tag", record.event.tags), ("actor", record.event.actors),
                             ("source", {c.source for c in record.event.claims if c.source})):
            for value in values:
                kinds[kind][value] = kinds[kind].get(value, 0) + 1
    parts = []
    for kind, words in (("tag", "Tags"), ("actor", "Actors"), ("source", "Sources")):
        counts = kinds[kind]
        if not counts:
            continue
        top = sorted(counts, key=lambda v: (-counts[v], v))[:CHIPS_MAX]
        parts.append(f'<span class="kind">{words}:</span>' + "".join(
            f'<button type="button" data-kind="{kind}" data-value="{esc(v)}" aria-pressed="false">'
            f"{esc(strip_invisible(v))}</button>" for v in top))
    # folded on a phone (the script closes it there), where the chips would fill the first screen
    return ('<details class="filters" open><summary>Filter by tag, actor or source</summary>'
            f'<div class="chips" role="group" aria-label="Filter by tag, actor or source">{"".join(parts)}</div>'
            "</details>\n") if parts else ""


BODY_CHRONO = '<body class="has-chrono">'


def _range_buttons(spec: chart.ChartSpec) -> str:
    opening = ""
    if spec.opening is not None:
        lo, hi, count = spec.opening
        opening = (f'<button type="button" data-opening="1">{esc(range_words(lo, hi.plus(-1), "day"))} '
                   f"({count:,})</button>")
    return ('<div class="ranges" role="group" aria-label="Zoom the chart"><span class="kind">Zoom:</span>'
            f'{opening}<button type="button" data-days="7">week</button>'
            '<button type="button" data-days="31">month</button><button type="button" data-days="366">year</button>'
            '<button type="button" data-days="0">all</button></div>\n'
            '<p id="view-note" role="status"><span class="showing"></span>'
            '<button type="button" hidden>show all</button></p>\n')


def _where_the_rest_are(count: int) -> str:
    """Give where the page's notice sends a reader for the events it does not list (report.html lists up to
    report.REPORT_TABLE_MAX of them)."""
    if count <= REPORT_TABLE_MAX:
        return ('the table of every event is in <a href="report.html">report.html</a> next to this page, and in '
                '<a href="report.csv">report.csv</a> and <a href="events.json">events.json</a>')
    return (f'the first {REPORT_TABLE_MAX:,} are in the table of <a href="report.html">report.html</a> next to this '
            'page, and every event is in <a href="report.csv">report.csv</a> and '
            '<a href="events.json">events.json</a>')


def timeline_html(log: Log, view: View | None = None, *, table: str | None = None) -> str:
    """Give the whole timeline page of a view of a log (default: all its records) as HTML text (`table` when
    already made): the chart of the view's records and the table of its rows."""
    view = View.of(log) if view is None else view
    chosen = view.records
    spec = chart.chart_spec(log, view)
    table_rows = view.rows
    listed = len(table_rows) <= TABLE_MAX
    if not listed:
        table_section = (
            '<section class="table" aria-labelledby="table-h">\n<h2 id="table-h">Events</h2>\n'
            f'<p class="notice" id="events">{len(table_rows):,} events are more than this page lists (up to '
            f'{TABLE_MAX:,}): {_where_the_rest_are(len(table_rows))}. Filter '
            "the build (--from/--to/--tag) for a page that lists and draws each event.</p>\n</section>\n")
    else:
        if table is None:
            table = table_html(table_rows, caption=table_summary(log, table_rows), names=source_names(log))
        table_section = (
            '<section class="table" aria-labelledby="table-h">\n<h2 id="table-h">Events</h2>\n'
            '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="table-h">\n'
            f"{table}</div>\n</section>\n")
    layout = page_layout(spec.layout)
    title = " ".join(strip_invisible(log.title).split()) or "Timeline"
    n_rows = int(layout["yaxis"]["range"][0] + 0.5) if spec.data else 1
    payload = {
        "data": spec.data, "layout": layout, "config": CONFIG,
        # narrow.ticktext: the phone's shorter labels in tick order (the "as known on" control reads them too)
        "narrow": {"ticktext": spec.narrow_ticks}, "narrowOf": dict(zip(layout["yaxis"]["ticktext"],
                                                                         spec.narrow_ticks, strict=False)),
        "owners": spec.owners, "tickOwners": spec.tick_owners, "tickTitles": spec.tick_titles, "rows": n_rows,
        "links": spec.links,
        "rowPx": spec.row_px,
        "opening": [spec.opening[0].iso(), spec.opening[1].iso()] if spec.opening else None,
        "events": event_data(chosen, spec), "sourceNames": source_names(log),
        "overview": [chart.OVERVIEW_PX, chart.OVERVIEW_GAP_PX] if "xaxis2" in layout else None,
        "dark": chart.DARK_COLOURS, "title": chart.esc(title), "filename": _slug(title),
    }
    data_block = _json_for_script(payload)
    plotly = plotly_js().replace("</script", "<\\/script")
    script = page_js()
    # the "as known on" control (asof_control.py): its HTML above the chart, its data and script after ours
    known = asof_control.control(log, view, layout=page_layout, dumps=_json_for_script) if spec.data else None
    known_html, known_scripts, known_hash = "", "", ""
    if known is not None:
        known_html = known.html
        known_scripts = (f'<script type="application/json" id="{asof_control.DATA_ID}">{known.data}</script>\n'
                         f"<script>{known.script}</script>\n")
        known_hash = f" {_sha256(known.script)}"
    csp = (f"default-src 'none'; script-src {_sha256(plotly)} {_sha256(script)}{known_hash}; "
           "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:; "
           "base-uri 'none'; form-action 'none'")
    description = f'<p class="summary">{esc(" ".join(strip_invisible(log.description).split()))}</p>\n' \
        if log.description else ""
    count = len(chosen)
    summary = (f'<p class="summary">{count:,} event{"s" if count != 1 else ""}{esc(_range_words(chosen))}'
               f"{' (filtered from ' + format(len(log.records), ',') + ')' if count != len(log.records) else ''}"
               ".</p>\n")
    controls = (
        '<div class="controls" role="search"><label for="filter">Search</label>'
        '<input type="search" id="filter" autocomplete="off" spellcheck="false" '
        'placeholder="titles, people, tags, sources, quotes" aria-describedby="filter-help">'
        '<button type="button" id="filter-clear">Clear</button>'
        '<span id="filter-status" role="status" aria-live="polite"></span></div>\n'
        '<p class="visually-hidden" id="filter-help">Narrows the chart and the table together; the search, the '
        "chips and the zoom are kept in the page address, so the view can be bookmarked or sent.</p>\n"
        f"{_chips(chosen)}") if count else ""
    chrono = ('<ol class="chrono" aria-label="The events in date order"></ol>\n'
              f'<script type="application/json" id="{CHRONO_ID}">'
              f"{_json_for_script(chronology_data(log, chosen, table_rows))}</script>\n") if spec.data else ""
    chart_block = (
        f'<figure aria-labelledby="chart-h">\n<h2 id="chart-h">Timeline</h2>\n{_range_buttons(spec)}'
        # one image to a screen reader (plotly's SVG is shapes without names); the table says it all in words
        f'<div id="{CHART_ID}" role="img" aria-label="Timeline chart of {count:,} event{"s" if count != 1 else ""}'
        '; every event is also listed in words below"></div>\n'
        '<noscript><p class="notice">The chart needs JavaScript; the events are listed in words below.</p>'
        '</noscript>\n<div class="picked" id="picked" role="region" aria-label="The event you chose" '
        f'aria-live="polite" hidden></div>\n{chrono}'
        f"<figcaption>{marks_note(spec)}{sources_note(spec)}</figcaption>\n</figure>\n"
    ) if spec.data else '<p class="notice">No event to draw.</p>\n'
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{TABLE_CSS}{PAGE_CSS}{SWATCH_CSS}{asof_control.CSS if known else ''}</style>\n"
        "</head>\n"
        f"{BODY_CHRONO if chrono else '<body>'}\n"
        '<a class="skip" href="#events">Skip to the table of events</a>\n'
        f"<header>\n<h1>{esc(title)}</h1>\n{description}{summary}{controls}</header>\n<main>\n"
        f"{known_html}{chart_block}{undrawn_note(spec)}"
        # the chart's scripts come before the table: the chart paints while a long table is still being read
        f'<script type="application/json" id="timeline-data">{data_block}</script>\n'
        f"<script>{plotly}</script>\n<script>{script}</script>\n"
        f"{table_section}{known_scripts}</main>\n</body>\n</html>\n"
    )
