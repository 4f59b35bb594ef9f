"""The page's "as known on" control: the story as it stood on each source's publication day, and now.

Each stop is a day some source of the drawn events was published, and the last is "now" (the log as built).
For each stop the chart is made here, in Python, from the records as they were known then (`log.asof.known_record`:
the same reconciling as `timeline.load(..., as_of=)`), so the page never reconciles dates itself; the page
carries the stops as one JSON block (never executed) and a script of its own that re-dates the table's rows and
hands the stop (its chart, which mark is which event's, the events' days then) to the page's script, which draws
it through the search and the chips: the two narrow the chart and the table together, in either order. The page
keeps the stop in the URL's `#` as `asof=YYYY-MM-DD` with the rest of the view, so a link opens "the story as of
15 May" with its search.

Kept apart from page.py on purpose: the page inserts three pieces (the control, the data block, the script) and
adds the script's hash to its Content-Security-Policy, and knows nothing else of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from . import chart
from .chronology import chronology_data, resolved
from .view import View
from .report import table_chunks
from .rows import drawn_days
from ..calendar import Day, day_words
from ..log.asof import known_record
from ..model import AsOf, Record

if TYPE_CHECKING:
    from ..model import Log

#: Charts the page carries at most over all its stops (stops times events): above, no control is drawn and a line
#: says to build `--as-of` a day instead; each stop's chart is a copy of the events' marks.
MARKS_MAX = 5_000

#: The id of the JSON block holding the stops.
DATA_ID = "timeline-asof"

SCRIPT = r"""(function () {
  "use strict";
  /* The "as known on" control: it plugs into the page's script (window.timelinePage), which draws the chart of
     the stop through the search and the chips, and keeps the stop in the address with the rest of the view. */
  var box = document.getElementById("timeline-asof");
  var range = document.getElementById("asof-range");
  var page = window.timelinePage;
  if (!box || !range || !page) { return; }
  var stops = JSON.parse(box.textContent).stops;
  var last = stops.length - 1;
  var label = document.getElementById("asof-label");
  var count = document.getElementById("asof-count");
  var rows = {};
  var cells = {};
  var disputed = {};
  Array.prototype.forEach.call(document.querySelectorAll("#events tbody tr"), function (tr) {
    var th = tr.querySelector("th[id^='ev-']");
    if (th) {
      var id = th.id.slice(3);
      rows[id] = tr; cells[id] = tr.innerHTML; disputed[id] = tr.classList.contains("disputed");
    }
  });
  var at = last, asked = null;
  /* a day between stops shows the last stop on or before it: what had been published by that day */
  function pick(params) {
    var key = params.get("asof");
    if (key === null || key === stops[last].key || key === "now") { return {i: last, asked: null}; }
    if (!/^-?\d{4,}-\d\d-\d\d/.test(key)) { return {i: last, asked: null}; }
    var day = key.slice(0, key.search(/\d-\d\d-\d\d/) + 7);
    var i = 0;
    stops.forEach(function (s, j) { if (j < last && s.key <= day) { i = j; } });
    return {i: i, asked: day === stops[i].key ? null : day};
  }
  /* the control and the table's rows at stop i; gives the page the stop's chart and days (null: now) */
  function show(i, day) {
    var stop = stops[i];
    at = i; asked = day;
    var words = day ? day + " (sources up to " + stop.label + ")" : stop.label;
    range.value = String(i);
    range.setAttribute("aria-valuetext", words);
    label.textContent = words;
    count.textContent = stop.count === 1 ? "1 event known" : stop.count + " events known";
    Object.keys(rows).forEach(function (id) {
      var tr = rows[id], then = stop.rows[id];
      if (then === undefined) { return; }  /* not known then: the page hides its row */
      /* the cells as the page's table made them then (the same escaping): only what the sources out said */
      tr.innerHTML = then === null || then[0] === null ? cells[id] : then[0];
      tr.classList.toggle("disputed", then === null ? disputed[id] : then[1]);
    });
    document.body.setAttribute("data-asof", day || stop.key);
    return stop.main ? null : stop;
  }
  page.plug({
    key: function () { return at === last ? null : (asked || stops[at].key); },
    read: function (params) { var found = pick(params); return show(found.i, found.asked); }
  });
  range.addEventListener("input", function () { page.setStop(show(Number(range.value), null)); });
}());
"""

CSS = """
.asof { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.8rem; margin: 0.4rem 0 0.6rem; }
.asof label { font-weight: 600; }
.asof input[type=range] { flex: 1 1 14rem; max-width: 32rem; }
.asof output { font-variant-numeric: tabular-nums; min-width: 9rem; }
.asof .asof-count { color: var(--muted, #555); font-size: 0.92rem; }
.asof .asof-help { flex-basis: 100%; margin: 0; color: var(--muted, #555); font-size: 0.88rem; }
"""


@dataclass(frozen=True, slots=True)
class Control:
    """The three pieces the page inserts: the control's HTML, the JSON data block's text, and the script."""

    html: str
    data: str  # JSON, already safe inside <script> (the page's own escaping)
    script: str = SCRIPT


def stop_days(records: tuple[Record, ...], log: Log) -> list[Day]:
    """Give the days the control stops at: every publication day of a source of the records' claims, in order."""
    days = {log.sources[d.claim.source].published for r in records for d in r.dates
            if d.claim.source is not None and d.claim.source in log.sources}
    return sorted(d for d in days if d is not None)


def known_view(log: Log, view: View, day: Day) -> tuple[Log, View]:
    """Give the log and view as known on `day`: the view's records reconciled from the claims out by then."""
    moment = AsOf(day)
    records = [k for k in (known_record(r.event, r.dates, log.sources, moment) for r in view.records)
               if k is not None]
    sources = {sid: s for sid, s in log.sources.items() if moment.counts(s.published)}
    then = replace(log, records=tuple(records), sources=sources, as_of=moment)
    return then, View(tuple(records), view.lanes, view.show_sources, sources)


def _cells(rows: list[dict[str, Any]]) -> list[str]:
    """Give the inside of each row's <tr> in the page's table (report.table_chunks), in order."""
    pieces = list(table_chunks(rows, caption=""))[1:-1]
    return [piece[piece.index(">") + 1:piece.rindex("</tr>")] for piece in pieces]


def _rows(seen: View, now: dict[str, str]) -> dict[str, Any]:
    """Give, for each event known at a stop, its row's cells when they differ from now's (else None) and whether
    it is disputed then: an event then cited only by its first sources shows only what they said."""
    return {row["id"]: [None if cells == now.get(row["id"]) else cells, bool(row["disputed"])]
            for row, cells in zip(seen.rows, _cells(seen.rows), strict=True)}


def _days(seen: View, spec: chart.ChartSpec) -> dict[str, list[Any]]:
    """Give each event known at a stop its first and last drawn day then (and its counted cell, on a counted
    chart), for the page's zoom buttons and its "showing ..." line."""
    out: dict[str, list[Any]] = {}
    for record in seen.records:
        days = drawn_days(record)
        item: list[Any] = [days[0].iso(), days[1].iso()] if days else [None, None]
        cell = spec.cells.get(record.id)
        if cell is not None:
            item.append(list(cell))
        out[record.id] = item
    return out


def control(log: Log, view: View, *, layout: Callable[[dict[str, Any]], dict[str, Any]],
            dumps: Callable[[Any], str]) -> Control | None:
    """Give the control of a view, or None when it has nothing to step through (no dated source, no event) or
    would make the page too heavy (over MARKS_MAX); `layout` makes a chart's layout the page's, `dumps` its JSON."""
    days = stop_days(view.records, log)
    if not days or not view.records or len(days) * len(view.records) > MARKS_MAX:
        return None
    now = log.as_of.day if log.as_of is not None else None
    now_rows = {row["id"]: cells for row, cells in zip(view.rows, _cells(view.rows), strict=True)}
    now_chrono = resolved(chronology_data(log, view.records, view.rows))
    stops: list[dict[str, Any]] = []
    for day in days:
        if now is not None and day >= now:
            break
        then, seen = known_view(log, view, day)
        spec = chart.chart_spec(then, seen)
        drawn = layout(spec.layout)
        stops.append({"key": day.iso(), "label": day_words(day, weekday=False), "count": len(seen.records),
                      "data": spec.data, "layout": drawn, "narrow": spec.narrow_ticks,
                      # what the page's search needs to narrow this chart: each mark's event, each row's events,
                      # the number of rows, and each event's days (and counted cell) as known then
                      "owners": spec.owners, "tickOwners": spec.tick_owners,
                      "nRows": int(drawn["yaxis"]["range"][0] + 0.5) if spec.data else 1,
                      "days": _days(seen, spec),
                      # the phone chronology's entries that read otherwise then ("between 13 and 14 May")
                      "chrono": {i: e for i, e in resolved(chronology_data(then, seen.records, seen.rows)).items()
                                 if e != now_chrono.get(i)},
                      "rows": _rows(seen, now_rows)})
    last = f"as of {day_words(now, weekday=False)}" if now is not None else "now"
    stops.append({"key": now.iso() if now is not None else "now", "label": last, "count": len(view.records),
                  "main": True, "rows": {r.id: None for r in view.records}})
    n = len(stops) - 1
    ticks = "".join(f'<option value="{i}" label="{s["key"]}"></option>' for i, s in enumerate(stops))
    html = (f'<div class="asof" id="asof-control">\n<label for="asof-range">As known on</label>\n'
            f'<input type="range" id="asof-range" min="0" max="{n}" step="1" value="{n}" list="asof-stops" '
            f'aria-valuetext="{stops[-1]["label"]}">\n<datalist id="asof-stops">{ticks}</datalist>\n'
            f'<output id="asof-label" for="asof-range">{stops[-1]["label"]}</output>\n'
            f'<span class="asof-count" id="asof-count">{len(view.records):,} event'
            f'{"s" if len(view.records) != 1 else ""} known</span>\n'
            '<p class="asof-help">The story as it stood on each day one of its sources was published: the chart '
            "and the table show only what had been reported by then.</p>\n</div>\n")
    return Control(html=html, data=dumps({"stops": stops}))
