"""The chart: every event drawn once, with the mark and bounds its dates call for, and no user text left unescaped."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.calendar import Day
from timeline.render import chart
from timeline.errors import UsageError
from timeline.safety import safe_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DAY_MS = 86_400_000


@pytest.fixture(scope="module")
def seed() -> timeline.Log:
    return timeline.load(Path(__file__).resolve().parents[2] / "events.yaml")


@pytest.fixture(scope="module")
def ancient() -> timeline.Log:
    return timeline.load(FIXTURES / "ancient.yaml")


@pytest.fixture(scope="module")
def hostile() -> timeline.Log:
    return timeline.load(FIXTURES / "hostile.yaml")


def traces(spec: chart.ChartSpec, name: str, kind: str | None = None) -> list[dict[str, Any]]:
    return [t for t in spec.data if t["name"] == name and (kind is None or t["type"].startswith(kind))]


def marker_of(spec: chart.ChartSpec, event_id: str) -> tuple[str, str, int]:
    """Give (trace name, x, row) of the one marker carrying an event id."""
    found = [(t["name"], x, y) for t in spec.data if "ids" in t
             for i, x, y in zip(t["ids"], t["x"], t["y"], strict=True) if i == event_id]
    assert len(found) == 1, found
    return found[0]


def bars_in_row(spec: chart.ChartSpec, trace: dict[str, Any], row: int) -> list[tuple[str, int]]:
    """Give (first day, length in days) of a band trace's bands in one row (segments: start, end, gap)."""
    xs, ys = trace["x"], trace["y"]
    assert xs[2::3] == [None] * (len(xs) // 3) and len(xs) % 3 == 0  # each band is parted from the next
    return [(a, Day.parse(b).ordinal - Day.parse(a).ordinal) for a, b, y in zip(xs[::3], xs[1::3], ys[::3],
                                                                                 strict=True) if y == row]


def bands(spec: chart.ChartSpec, name: str) -> list[dict[str, Any]]:
    """Give the band traces (one SVG path each) of a kind of mark."""
    return [t for t in traces(spec, name, "scatter") if t["mode"] == "lines"]


# --- every event drawn once ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["seed", "ancient", "hostile"])
def test_every_event_has_exactly_one_mark(name: str, request: pytest.FixtureRequest) -> None:
    log = request.getfixturevalue(name)
    spec = chart.chart_spec(log)
    ids = [i for t in spec.data for i in t.get("ids", []) if not i.endswith(chart.END_SUFFIX)]
    assert sorted(ids) == sorted(r.id for r in log.records)
    assert spec.drawn == len(log.records) and spec.undrawn == []


# --- marks and bounds ---------------------------------------------------------------------------------------------

def test_an_exact_day_is_a_filled_marker_at_midday(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed)
    name, x, _ = marker_of(spec, "sutskever-leaves")  # "Tuesday" before Fri 17 May 2024
    assert (name, x) == (chart.EXACT, "2024-05-14 12:00")
    assert traces(spec, chart.EXACT)[0]["marker"]["symbol"] == "circle"


def test_an_uncertain_date_is_a_band_over_its_bounds_with_a_hollow_marker(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed)
    name, x, row = marker_of(spec, "leike-resigns")  # "earlier this week": Mon 13 .. Thu 16 May 2024
    assert name == chart.UNCERTAIN and x == "2024-05-15"  # the middle of 13..16 inclusive
    assert [t["marker"]["symbol"] for t in traces(spec, chart.UNCERTAIN, "scatter") if "marker" in t] == [
        "diamond-open"]
    band = bands(spec, chart.UNCERTAIN)[0]
    assert bars_in_row(spec, band, row) == [("2024-05-13", 4)]


def test_a_span_is_a_solid_bar_with_a_tick_at_each_end(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed)
    name, x, row = marker_of(spec, "board-coup")  # 17 until 22 Nov 2023
    assert (name, x) == (chart.SPAN, "2023-11-17")
    assert marker_of(spec, "board-coup" + chart.END_SUFFIX)[1] == "2023-11-23"  # the end of the 22nd
    solid = next(t for t in bands(spec, chart.SPAN) if t["line"]["color"] == chart.SPAN_COLOUR)
    assert bars_in_row(spec, solid, row) == [("2023-11-17", 6)]
    faded = [t for t in bands(spec, chart.SPAN) if t["line"]["color"] == chart.SPAN_BAND]
    assert all(bars_in_row(spec, t, row) == [] for t in faded)  # both ends known: nothing faded


def test_a_span_with_uncertain_ends_fades_them(ancient: timeline.Log) -> None:
    spec = chart.chart_spec(ancient)
    _, _, row = marker_of(spec, "printing")  # "1440" until "1450": starts in 1440, ends in 1450
    faded = next(t for t in bands(spec, chart.SPAN) if t["line"]["color"] == chart.SPAN_BAND)
    solid = next(t for t in bands(spec, chart.SPAN) if t["line"]["color"] == chart.SPAN_COLOUR)
    assert bars_in_row(spec, faded, row) == [("1440-01-01", 365), ("1450-01-02", 364)]
    assert bars_in_row(spec, solid, row) == [("1440-12-31", 3289)]  # 31 Dec 1440 .. 1 Jan 1450, certain


def test_bce_and_early_dates_are_drawn_with_signed_four_digit_years(ancient: timeline.Log) -> None:
    spec = chart.chart_spec(ancient)
    assert marker_of(spec, "ides-of-march")[:2] == (chart.EXACT, "-0043-03-15 12:00")
    name, x, row = marker_of(spec, "year-44-bc")
    assert name == chart.UNCERTAIN and x.startswith("-0043-07-02")
    assert bars_in_row(spec, bands(spec, chart.UNCERTAIN)[0], row) == [("-0043-01-01", 365)]
    assert marker_of(spec, "hastings")[1].startswith("1066-07-02")
    # the overview (the strip under the chart, the "all" button) reaches back to 44 BC; the chart opens on the
    # four medieval ones, and the page says which earlier events lie outside
    assert spec.layout["xaxis2"]["range"][0].startswith("-")
    assert spec.opening is not None and spec.opening[2] >= 3 and spec.opening[0].ymd[0] > 1000


def test_an_open_ended_date_is_a_triangle_at_its_known_limit(ancient: timeline.Log) -> None:
    spec = chart.chart_spec(ancient)
    name, x, _ = marker_of(spec, "before-the-chronicle")  # "recently", from a source of 1 Jan 1100
    assert (name, x) == (chart.OPEN, "1100-01-01 12:00")
    trace = next(t for t in traces(spec, chart.OPEN, "scatter") if "marker" in t)
    assert trace["marker"]["symbol"][trace["ids"].index("before-the-chronicle")] == "triangle-left"


def test_nothing_is_dropped_silently_when_no_bound_is_known(seed: timeline.Log) -> None:
    record = seed.records[0]
    unknown = type(record)(event=record.event, start=None, end=None, start_latest=None, end_earliest=None,
                           precision="past", kind="point", edtf="..", dates=record.dates)
    spec = chart.chart_spec(seed, records=[unknown, *seed.records[1:]])
    assert [(r.id, reason) for r, reason in spec.undrawn] == [(record.id, "no earliest or latest day is known")]
    assert spec.drawn == len(seed.records) - 1


# --- lanes and rows -----------------------------------------------------------------------------------------------

def test_a_small_log_gets_one_row_per_event_under_bold_lane_headers(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed, lanes="tag")
    rows = [marker_of(spec, r.id)[2] for r in seed.records]
    assert len(set(rows)) == len(rows)  # same-day events (13..16 May, 17 May) do not share a row
    ticks = dict(zip(spec.layout["yaxis"]["tickvals"], spec.layout["yaxis"]["ticktext"], strict=True))
    assert ticks[0] == "<b>founding</b>"  # the first event's first tag heads the first lane
    # a title wraps to two lines; one longer than two lines ends in a visible ellipsis
    assert ticks[marker_of(spec, "openai-founded")[2]] == "OpenAI is founded as an open research<br>lab"


@pytest.mark.parametrize("lanes, first", [("actor", "<b>OpenAI</b>"), ("source", "<b>verge-leike</b>")])
def test_lanes_by_actor_or_source(seed: timeline.Log, lanes: str, first: str) -> None:
    spec = chart.chart_spec(seed, lanes=lanes)
    assert spec.layout["yaxis"]["ticktext"][0] == first


def test_lanes_by_event_has_no_headers(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed, lanes="event")
    assert len(spec.layout["yaxis"]["ticktext"]) == len(seed.records)
    assert not any(t.startswith("<b>") for t in spec.layout["yaxis"]["ticktext"])


def test_lanes_by_event_share_one_packed_lane_when_rows_would_be_too_thin(write_log: Callable[..., Path]) -> None:
    log = crowded_log(chart.EVENT_ROWS_MAX + 1, write_log)
    spec = chart.chart_spec(log, lanes="event")
    assert spec.mode == "lanes"
    assert spec.layout["yaxis"]["ticktext"] == [f"<b>all events</b> ({len(log.records)})"]
    assert chart.chart_spec(crowded_log(chart.EVENT_ROWS_MAX, write_log), lanes="event").mode == "rows"


def test_unknown_lanes_are_refused() -> None:
    with pytest.raises(UsageError, match="lanes must be one of tag, actor, source, event"):
        chart.chart_spec(timeline.loads("title: t\nevents: []\n"), lanes="colour")


def crowded_log(n: int, write_log: Callable[..., Path]) -> timeline.Log:
    """Give a log of n events on four days, all in one tag: more than one row each could hold."""
    events = "".join(f"  - id: e{i}\n    title: Event {i}\n    when: '2024-05-{10 + i % 4:02d}'\n    tags: [one]\n"
                     for i in range(n))
    return timeline.load(write_log(f"title: crowded\nevents:\n{events}"))


def test_a_large_log_packs_lanes_so_same_day_events_do_not_cover_each_other(write_log: Callable[..., Path]) -> None:
    log = crowded_log(chart.ROW_PER_EVENT_MAX + 20, write_log)
    spec = chart.chart_spec(log)
    assert spec.mode == "lanes"
    exact = traces(spec, chart.EXACT)[0]
    by_day: dict[str, set[int]] = {}
    for x, y in zip(exact["x"], exact["y"], strict=True):
        by_day.setdefault(x, set()).add(y)
    # each day has ~20 events; they spread over every row the lane may use
    assert all(len(rows) == chart.MAX_SUBROWS for rows in by_day.values())
    assert spec.layout["yaxis"]["ticktext"] == [f"<b>one</b> ({len(log.records)})"]


def overview_of(spec: chart.ChartSpec) -> dict[str, Any]:
    found = [t for t in spec.data if t.get("meta") == chart.OVERVIEW]
    assert len(found) == 1 and spec.data[-1] is found[0]  # last: the page's filter finds the chart's traces first
    return found[0]


@pytest.mark.parametrize("n", [
    # one row per event
    5,
    # packed lanes
    chart.ROW_PER_EVENT_MAX + 20,
    # counted per period (a heatmap)
    chart.MARKS_MAX + 1,
])
def test_the_overview_strip_counts_every_event_at_any_size(n: int, write_log: Callable[..., Path]) -> None:
    spec = chart.chart_spec(crowded_log(n, write_log))
    strip = overview_of(spec)
    # cells hold the square root of their count (so one event still shows beside hundreds), None when empty
    assert round(sum((c or 0) ** 2 for c in strip["z"][0])) == n
    assert (strip["xaxis"], strip["yaxis"]) == ("x2", "y2") and strip["hoverinfo"] == "skip"
    assert spec.layout["xaxis2"]["fixedrange"] is True and "rangeslider" not in spec.layout["xaxis"]
    # the strip sits under the chart, with room between them for the chart's dates
    low, high = spec.layout["yaxis2"]["domain"]
    assert low == 0 and high < spec.layout["yaxis"]["domain"][0] < 0.5


# --- escaping -----------------------------------------------------------------------------------------------------

OUR_TAGS = re.compile(r"</?(b|i|br|extra)>")


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_no_user_text_reaches_plotly_as_markup(hostile: timeline.Log) -> None:
    spec = chart.chart_spec(hostile)
    for text in strings({"data": spec.data, "layout": spec.layout}):
        assert "<" not in OUR_TAGS.sub("", text), text
        assert "\u202e" not in text  # bidi overrides cannot flip what the hover shows
    # the payloads are there, as text
    hover = " ".join(strings(spec.data))
    assert "&lt;script&gt;window.__pwned=9;alert(9)&lt;/script&gt;" in hover
    assert "&amp;lt;i&amp;gt;entity" in hover  # an entity typed in the log stays as typed


def test_hovertemplate_is_ours_and_user_text_only_in_text(hostile: timeline.Log) -> None:
    spec = chart.chart_spec(hostile)
    templates = {t.get("hovertemplate") for t in spec.data if t.get("hoverinfo") != "skip"}
    assert templates == {"%{text}<extra></extra>"}
    assert "%{customdata} %{text}" in " ".join(strings(spec.data))  # the quote's template words stay inert text


def test_click_links_are_only_http_or_mailto(hostile: timeline.Log) -> None:
    spec = chart.chart_spec(hostile)
    links = [c for t in spec.data for c in t.get("customdata", [])]
    assert links and all(c == "" or safe_url(c) == c for c in links)
    assert "https://example.net/(paren)|pipe" in links


# --- the view -----------------------------------------------------------------------------------------------------

def test_initial_view_opens_on_the_week_that_holds_most_events(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed)
    lo, hi = spec.layout["xaxis"]["range"]
    assert "2024-05-10" < lo <= "2024-05-13" and "2024-05-18" <= hi < "2024-05-21"
    assert spec.opening is not None and spec.opening[2] == 5  # the five events of 13-17 May 2024
    # the overview strip under the chart fits every event with a little air
    lo, hi = spec.layout["xaxis2"]["range"]
    assert "2015-06-01" < lo < "2015-12-11" and "2024-05-18" < hi < "2024-12-31"
    assert "rangeselector" not in spec.layout["xaxis"]  # the page's own buttons centre on the events
    strip = overview_of(spec)
    cells = [(x, c) for x, c in zip(strip["x"], strip["z"][0], strict=False) if c]
    assert cells[0][0] < "2015-12-12" and round(sum(c * c for _, c in cells)) == 8


def _placed(days: list[str]) -> list[chart.Placed]:
    from types import SimpleNamespace

    from timeline import Day

    out = []
    for i, text in enumerate(days):
        lo, _, hi = text.partition("/")
        out.append(chart.Placed(SimpleNamespace(id=f"e{i}"), "lane",  # type: ignore[arg-type]
                                Day.parse(lo).ordinal, Day.parse(hi or lo).ordinal))
    return out


@pytest.mark.parametrize("days, opening", [
    # one outlier years before a dense week: open on the week, with a day of air
    (["2015-12-11", "2024-05-13/2024-05-16", "2024-05-14", "2024-05-17", "2024-05-17"],
     ("2024-05-12", "2024-05-19", 4)),
    # two clusters of equal size: the later one opens
    (["1990-01-01", "1990-01-03", "2020-03-01", "2020-03-02"], ("2020-02-29", "2020-03-04", 2)),
    # events spread evenly, or too few to tell: the whole range opens
    (["2001-01-01", "2005-01-01", "2009-01-01", "2013-01-01", "2017-01-01"], None),
    (["2015-12-11", "2024-05-14"], None),
    # the biggest cluster holds less than half of the events: the whole range opens
    (["1900-01-01", "1950-01-01", "1990-06-01", "1990-06-02", "2020-01-01", "2022-01-01"], None),
])
def test_the_opening_view_is_the_stretch_that_holds_most_events(days: list[str],
                                                                 opening: tuple[str, str, int] | None) -> None:
    got = chart.opening_view(_placed(days))
    assert (got if got is None else (got[0].iso(), got[1].iso(), got[2])) == opening


def test_source_publication_dates_are_thin_lines(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed)
    lines = traces(spec, chart.PUBLISHED)[0]
    days = sorted({x[:10] for x in lines["x"] if x})
    assert days == ["2015-12-11", "2023-07-05", "2023-11-17", "2024-05-17"]
    assert lines["line"]["width"] == 1 and lines["mode"] == "lines"
    assert traces(chart.chart_spec(seed, show_sources=False), chart.PUBLISHED) == []


def test_periods_are_drawn_behind_the_events(seed: timeline.Log) -> None:
    spec = chart.chart_spec(seed)
    assert [(s["x0"], s["x1"], s["layer"]) for s in spec.layout["shapes"]] == [
        ("2023-07-05", "2024-05-18", "below")]
    assert spec.layout["annotations"][0]["text"] == "<i>The Superalignment team</i>"


def test_figure_is_a_plotly_figure_for_notebooks(seed: timeline.Log) -> None:
    import plotly.graph_objects as go

    fig = seed.figure(lanes="actor")
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "OpenAI's safety exodus, 2023-2024"
    assert json.loads(fig.to_json())["layout"]["xaxis"]["type"] == "date"
    marks = {t.name for t in fig.data}
    assert {chart.EXACT, chart.UNCERTAIN, chart.SPAN, chart.PUBLISHED} <= marks


# --- a log too large to draw event by event ---------------------------------------------------------------------

def spread_log(n: int, write_log: Callable[..., Path]) -> timeline.Log:
    """Give a log of n events, one every fifth day from 1 Jan 2020, in three tags."""
    first = timeline.Day.of(2020, 1, 1)
    events = "".join(f"  - id: e{i}\n    title: Event {i} <b>\n    when: '{first.plus(5 * i).iso()}'"
                     f"\n    tags: [t{i % 3}]\n" for i in range(n))
    return timeline.load(write_log(f"title: big\nevents:\n{events}"))


def test_a_log_over_the_limit_is_counted_per_lane_and_period(write_log: Callable[..., Path]) -> None:
    log = spread_log(chart.MARKS_MAX + 1, write_log)  # 5005 days: 715 weeks, too many columns; 165 months
    spec = chart.chart_spec(log)
    assert spec.counted == "month" and spec.drawn == len(log.records)
    heat, strip = spec.data  # the counts, and the overview strip under them
    assert strip is overview_of(spec)
    assert heat["type"] == "heatmap"
    assert sum(v for row in heat["z"] for v in row if v) == len(log.records)  # each event counted once
    assert heat["x"][:2] == ["2020-01-01", "2020-02-01"] and len(heat["x"]) == len(heat["z"][0]) + 1
    assert heat["z"][0][0] == 3  # e0, e3, e6 (1, 16 and 31 January): the January days of lane t0
    assert heat["text"][0][0] == ("<b>t0</b>, January 2020<br>3 events<br>" +
                                  "<br>".join(f"\u2022 Event {i} &lt;b&gt;" for i in (0, 3, 6)))
    assert heat["hovertemplate"] == "%{text}<extra></extra>"
    counts = [sum(1 for r in log.records if r.event.tags == (f"t{k}",)) for k in range(3)]
    assert spec.layout["yaxis"]["ticktext"] == [f"<b>t{k}</b> ({counts[k]:,})" for k in range(3)]


@pytest.mark.parametrize("days, unit", [(7 * 600, "week"), (7 * 601, "month"), (30 * 700, "year"),
                                        (365 * 700, "decade"), (3652 * 700, "century")])
def test_the_counting_period_is_the_finest_that_fits(days: int, unit: str) -> None:
    assert chart.bin_unit(0, days - 1) == unit


@pytest.mark.parametrize("day, unit, start", [
    ("2024-05-17", "week", "2024-05-13"), ("2024-05-17", "month", "2024-05-01"), ("-0043-03-15", "year", "-0043-01-01"),
    ("1066-10-14", "decade", "1060-01-01"), ("-0043-03-15", "century", "-0100-01-01"),
])
def test_periods_start_where_a_reader_expects(day: str, unit: str, start: str) -> None:
    key = chart.bin_key(timeline.Day.parse(day), unit)
    assert chart.bin_start(key, unit).iso() == start
    assert chart.bin_key(chart.bin_start(key + 1, unit), unit) == key + 1


def test_the_hover_label_credits_the_source_that_set_a_reconciled_date(seed: timeline.Log) -> None:
    text = chart.hover_text(seed.record("openai-founded"), seed.sources)
    assert "2 claims reconciled; date from Introducing OpenAI" in text
    assert "Source: OpenAI researcher resigns" in text  # the quote's own source is still named


# --- planned, open-ended and vague events; events counted from others (tests/fixtures/ends.yaml) ------------------

@pytest.fixture(scope="module")
def ends() -> timeline.Log:
    return timeline.load(FIXTURES / "ends.yaml")


def test_planned_events_are_ringed_and_said_so_in_the_legend(ends: timeline.Log) -> None:
    spec = chart.chart_spec(ends)
    planned = {r.id for r in ends.records if r.own.claim.tense == "future"}
    assert planned == {"summit", "summit-closes", "treaty-vote", "ratification"}
    (rings,) = traces(spec, chart.PLANNED)
    assert rings["showlegend"] is True and rings["marker"]["symbol"] == "circle-open"
    assert sorted(i.removesuffix(chart.PLANNED_SUFFIX) for i in rings["ids"]) == sorted(planned)
    # each ring sits on its event's own mark (an exact day in the middle of the day, an open one at its limit)
    for ring_id, x, y in zip(rings["ids"], rings["x"], rings["y"], strict=True):
        event = ring_id.removesuffix(chart.PLANNED_SUFFIX)
        name, mark_x, mark_y = marker_of(spec, event)
        assert mark_y == y and (mark_x == x or name == chart.OPEN)


@pytest.mark.parametrize("event, symbol, side", [
    # "no later than Tuesday": known last day, open before it: points left, fades leftwards
    ("leak", "triangle-left", "before"),
    # "recently": the source's day is the last it may be
    ("protests", "triangle-left", "before"),
    # "in the future" and "no earlier than July 1": known first day, open after it
    ("treaty-vote", "triangle-right", "after"),
    ("ratification", "triangle-right", "after"),
])
def test_an_open_end_is_a_triangle_with_a_band_fading_into_the_open_side(ends: timeline.Log, event: str,
                                                                       symbol: str, side: str) -> None:
    spec = chart.chart_spec(ends)
    record = next(r for r in ends.records if r.id == event)
    name, x, row = marker_of(spec, event)
    opened = next(t for t in traces(spec, chart.OPEN, "scatter") if "marker" in t)
    assert name == chart.OPEN and opened["marker"]["symbol"][opened["ids"].index(event)] == symbol
    known = record.end if side == "before" else record.start
    assert known is not None and x == chart.when(known, 12)
    fades = bands(spec, chart.OPEN)
    alphas = [float(t["line"]["color"].rsplit(",", 1)[1].rstrip(")")) for t in fades]
    assert alphas == sorted(alphas, reverse=True) and len(fades) == len(chart.OPEN_FADE)
    # step by step away from the known day, each fainter than the last
    steps = [bars_in_row(spec, t, row) for t in fades]
    assert all(len(s) == 1 for s in steps)
    starts = [Day.parse(s[0][0]).ordinal for s in steps]
    assert starts == (sorted(starts, reverse=True) if side == "before" else sorted(starts))
    edge = Day.parse(steps[0][0][0]).ordinal + (steps[0][0][1] if side == "before" else 0)
    assert edge == known.ordinal + (1 if side == "before" else 0)


def test_open_ended_and_vague_events_sort_by_the_bound_they_have(ends: timeline.Log) -> None:
    spec = chart.chart_spec(ends)
    rows = {i: y for t in spec.data if t.get("mode") == "markers" and t.get("hoverinfo") != "skip"
            for i, y in zip(t["ids"], t["y"], strict=True)}
    # in its lane, "before 14 May" (open start) comes after "1-16 May": by the day it has, never before 44 BC
    assert rows["talks-begin"] < rows["leak"]
    # "before 28 June" ("recently", in the Courier of 28 June) after the security zone of 10-15 June
    assert rows["security-zone"] < rows["protests"]


def test_an_event_counted_from_another_is_linked_to_it(ends: timeline.Log) -> None:
    spec = chart.chart_spec(ends)
    assert spec.links == {"summit-closes": ["summit"]}
    # an event whose anchor is not drawn (filtered out of the view) has no link
    spec = chart.chart_spec(ends, records=[r for r in ends.records if r.id != "summit"])
    assert spec.links == {}
