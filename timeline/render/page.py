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
from .words import day_words
from .view import View
from .report import TABLE_CSS, table_html, table_summary
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

#: Plotly's options for the page: responsive width, no logo, no tools that mean nothing on a timeline.
CONFIG: dict[str, Any] = {
    "responsive": True, "displaylogo": False, "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"filename": "timeline", "format": "png", "scale": 2},
}

# Our one script: draws the chart, narrows it for phones, and opens a clicked event's source only when its URL
# passes the same http(s)/mailto check as the Python side (the data could have been edited by hand).
SCRIPT = r"""(function () {
  "use strict";
  performance.mark("timeline-draw");  /* plotly.js is loaded: from here on the time is the chart's own */
  var el = document.getElementById("timeline-chart");
  var spec = JSON.parse(document.getElementById("timeline-data").textContent);
  function safeUrl(u) {
    if (typeof u !== "string") { return null; }
    var t = u.trim();
    if (!/^(https?:\/\/|mailto:)/i.test(t) || /[\s"'<>`\\\u0000-\u001f\u007f]/.test(t)) { return null; }
    return t;
  }
  if (!spec.data.length) { return; }
  var layout = spec.layout;
  if (window.matchMedia("(max-width: 640px)").matches) {
    layout.yaxis.ticktext = spec.narrow.ticktext;
    layout.yaxis.tickfont = {size: 10};
    layout.showlegend = false;  /* no room beside the zoom buttons; the note under the chart says the same */
    spec.data.forEach(function (t) {  /* a counted chart's colour scale goes under it, not beside it */
      if (t.type === "heatmap") {
        t.colorbar = {orientation: "h", thickness: 10, len: 0.9, x: 0.5, y: -0.08, yanchor: "top",
                      title: {text: t.colorbar.title.text.replace("<br>", " "), side: "top"}};
      }
    });
    layout.font.size = 11;
    layout.margin = {l: 4, r: 8, t: 56, b: 30};
    layout.hoverlabel.font.size = 11;
  }
  Plotly.newPlot(el, spec.data, layout, spec.config).then(function () {
    performance.mark("timeline-ready");
    el.setAttribute("data-ready", "1");
  });
  el.on("plotly_click", function (ev) {
    var point = ev && ev.points && ev.points[0];
    var url = point ? safeUrl(point.customdata) : null;
    if (url) { window.open(url, "_blank", "noopener,noreferrer"); }
  });
  window.addEventListener("beforeprint", function () { Plotly.Plots.resize(el); });
  window.addEventListener("afterprint", function () { Plotly.Plots.resize(el); });
}());
"""

PAGE_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0 auto; max-width: 90rem;
       padding: 0 1rem 2rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 1rem 0 0.3rem; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 0.4rem; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 0.4rem; }
.skip:focus { left: 0.5rem; z-index: 10; }
.summary { color: #444; margin: 0.2rem 0 0.6rem; }
figure { margin: 0; }
#timeline-chart { width: 100%; min-height: 300px; border: 1px solid #dde; border-radius: 4px; }
.marks { display: flex; flex-wrap: wrap; gap: 0.3rem 1.4rem; padding: 0; margin: 0.6rem 0; list-style: none;
         font-size: 0.92rem; }
.marks li { display: flex; align-items: center; gap: 0.4rem; }
.marks svg { flex: none; }
.notice { background: #fff6e0; border-left: 4px solid #c4660f; padding: 0.5rem 0.8rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
                   white-space: nowrap; }
/* a long table is laid out only when scrolled near: the chart above it paints first */
section.table .table-wrap { content-visibility: auto; contain-intrinsic-size: auto 1200px; }
@media (max-width: 640px) { body { padding: 0 0.5rem 1rem; } h1 { font-size: 1.2rem; } }
@media print {
  .skip, .modebar-container, .rangeselector { display: none !important; }
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
    "open": ('<path d="M4 8 L12 3 L12 13 Z M24 8 L16 3 L16 13 Z" fill="{c}"/>', chart.OPEN_COLOUR),
    "published": ('<path d="M14 0 V16" stroke="{c}" stroke-width="1.5" stroke-dasharray="2 2"/>',
                  chart.SOURCE_COLOUR),
    "disputed": ('<path d="M9 3 L19 13 M19 3 L9 13" stroke="{c}" stroke-width="2"/>', chart.DISPUTED_COLOUR),
}

_MARK_WORDS = {
    "exact": "<strong>Filled circle</strong>: the exact day is known.",
    "uncertain": "<strong>Light band with a hollow diamond</strong>: an uncertain date (\u201cearlier this "
                 "week\u201d, \u201clast July\u201d); it happened somewhere in the band, from the earliest to the "
                 "latest possible day.",
    "span": "<strong>Solid bar between two ticks</strong>: a span of days (\u201cuntil\u201d); solid where "
            "certain, faded at an end whose day is uncertain.",
    "open": "<strong>Triangle</strong>: open-ended (\u201crecently\u201d, \u201cin the future\u201d); before "
            "(\u25c0) or after (\u25b6) the day it marks.",
    "published": "<strong>Dotted vertical line</strong>: a source\u2019s publication date.",
    "disputed": "<strong>Red crosses on a row</strong>: a disputed event, whose sources disagree; each cross is "
                "where one claim puts it, and the event is drawn over what any of them allows.",
}


def _swatch(kind: str) -> str:
    shape, colour = _SWATCHES[kind]
    return (f'<svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" focusable="false">'
            f"{shape.format(c=colour)}</svg>")


def marks_note(spec: chart.ChartSpec) -> str:
    """Give the list that says what each kind of mark on the chart means (only the kinds drawn)."""
    groups = {t.get("legendgroup") for t in spec.data}
    if spec.counted:
        return counted_note(spec)
    items = [f"<li>{_swatch(kind)}<span>{_MARK_WORDS[kind]}</span></li>"
             for kind in ("exact", "uncertain", "span", "open", "disputed", "published") if kind in groups]
    if not items:
        return ""
    slider = ", the slider below it" if spec.layout["xaxis"].get("rangeslider", {}).get("visible") else ""
    extra = ("Each row is one event, under its lane in bold. " if spec.mode == "rows" else
             "Each lane (bold, with its number of events) holds several rows, so that events close in time do not "
             "cover each other. ")
    return (f'<ul class="marks" aria-label="What the marks mean">{"".join(items)}</ul>\n'
            f'<p class="summary">{extra}Hover over a mark for the title, date, phrase, source and quote; click '
            f"it to open the source. Zoom with the buttons above the chart{slider}, or by dragging across it; "
            "double-click to zoom back out.</p>\n")


def counted_note(spec: chart.ChartSpec) -> str:
    """Give the note over a chart that counts events instead of drawing each: what the cells mean, how to filter."""
    unit = spec.counted
    return (f'<p class="notice" id="counted"><strong>{spec.drawn:,} events are more than the chart draws one by one '
            f"(up to {chart.MARKS_MAX:,}).</strong> Each cell counts the events of one lane in one {unit}: the "
            "darker, the more; hover over a cell for its count and titles. An event counts in the "
            f"{unit} of the middle of its possible dates. To see each event, build a smaller page with a filter, "
            "for example <code>timeline build --from 2024-01-01 --to 2024-06-30</code> or <code>--tag TAG</code>."
            "</p>\n")


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
    # room above the plot for the tool bar, then the zoom buttons and the legend
    drawn["margin"] = {**drawn["margin"], "t": 64}
    return drawn


def timeline_html(log: Log, view: View | None = None, *, table: str | None = None) -> str:
    """Give the whole timeline page of a view of a log (default: all its records) as HTML text (`table` when
    already made): the chart of the view's records and the table of its rows."""
    view = View.of(log) if view is None else view
    chosen = view.records
    spec = chart.chart_spec(log, view)
    table_rows = view.rows
    if len(table_rows) > TABLE_MAX:
        table_section = (
            '<section class="table" aria-labelledby="table-h">\n<h2 id="table-h">Events</h2>\n'
            f'<p class="notice" id="events">{len(table_rows):,} events are more than this page lists (up to '
            f'{TABLE_MAX:,}): the table of every event is in <a href="report.html">report.html</a> next to this '
            'page, and in <a href="report.csv">report.csv</a> and <a href="events.json">events.json</a>. Filter '
            "the build (--from/--to/--tag) for a page that lists and draws each event.</p>\n</section>\n")
    else:
        if table is None:
            table = table_html(table_rows, caption=table_summary(log, table_rows))
        table_section = (
            '<section class="table" aria-labelledby="table-h">\n<h2 id="table-h">Events</h2>\n'
            '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="table-h">\n'
            f"{table}</div>\n</section>\n")
    layout = page_layout(spec.layout)
    payload = {"data": spec.data, "layout": layout, "config": CONFIG, "narrow": {"ticktext": spec.narrow_ticks}}
    data_block = _json_for_script(payload)
    plotly = plotly_js().replace("</script", "<\\/script")
    # the "as known on" control (asof_control.py): its HTML above the chart, its data and script after ours
    known = asof_control.control(log, view, layout=page_layout, dumps=_json_for_script) if spec.data else None
    known_html, known_scripts, known_hash = "", "", ""
    if known is not None:
        known_html = known.html
        known_scripts = (f'<script type="application/json" id="{asof_control.DATA_ID}">{known.data}</script>\n'
                         f"<script>{known.script}</script>\n")
        known_hash = f" {_sha256(known.script)}"
    csp = (f"default-src 'none'; script-src {_sha256(plotly)} {_sha256(SCRIPT)}{known_hash}; "
           "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:; "
           "base-uri 'none'; form-action 'none'")
    title = " ".join(strip_invisible(log.title).split()) or "Timeline"
    description = f'<p class="summary">{esc(" ".join(strip_invisible(log.description).split()))}</p>\n' \
        if log.description else ""
    count = len(chosen)
    summary = (f'<p class="summary">{count:,} event{"s" if count != 1 else ""}{esc(_range_words(chosen))}'
               f"{' (filtered from ' + format(len(log.records), ',') + ')' if count != len(log.records) else ''}"
               ".</p>\n")
    chart_block = (
        f'<figure aria-labelledby="chart-h">\n<h2 id="chart-h">Timeline</h2>\n'
        # one image to a screen reader (plotly's SVG is shapes without names); the table says it all in words
        f'<div id="{CHART_ID}" role="img" aria-label="Timeline chart of {count:,} event{"s" if count != 1 else ""}'
        '; every event is also listed in words below"></div>\n'
        '<noscript><p class="notice">The chart needs JavaScript; the events are listed in words below.</p>'
        "</noscript>\n"
        f"<figcaption>{marks_note(spec)}{sources_note(spec)}</figcaption>\n</figure>\n"
    ) if spec.data else '<p class="notice">No event to draw.</p>\n'
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{PAGE_CSS}{TABLE_CSS}{asof_control.CSS if known else ''}</style>\n"
        "</head>\n<body>\n"
        '<a class="skip" href="#events">Skip to the table of events</a>\n'
        f"<header>\n<h1>{esc(title)}</h1>\n{description}{summary}</header>\n<main>\n"
        f"{known_html}{chart_block}{undrawn_note(spec)}"
        # the chart's scripts come before the table: the chart paints while a long table is still being read
        f'<script type="application/json" id="timeline-data">{data_block}</script>\n'
        f"<script>{plotly}</script>\n<script>{SCRIPT}</script>\n"
        f"{table_section}{known_scripts}</main>\n</body>\n</html>\n"
    )

