"""The timeline page in headless Chromium with the network refused: it draws every event, runs no payload,
asks for nothing, and reads on a phone and by keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.render.build import build

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
READY = "#timeline-chart[data-ready]"

# A page's view of its chart: each trace's name and point ids, and how many marks were drawn in the SVG.
CHART_STATE = """() => {
  const gd = document.getElementById("timeline-chart");
  return {
    traces: gd.data.map(t => ({name: t.name, type: t.type, ids: t.ids || []})),
    points: gd.querySelectorAll(".subplot.xy .scatterlayer .point").length,  // not the range slider's copies
    bars: gd.querySelectorAll(".subplot.xy .barlayer .point").length,
    range: gd._fullLayout.xaxis.range,
  };
}"""


def open_page(page: Any, path: Path, width: int = 1280, height: int = 800) -> dict[str, Any]:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(path.as_uri())
    page.wait_for_selector(READY, state="attached", timeout=30_000)  # on a phone the chart is hidden
    state: dict[str, Any] = page.evaluate(CHART_STATE)
    return state


def drawn_ids(state: dict[str, Any]) -> list[str]:
    return sorted(i for t in state["traces"] for i in t["ids"] if not i.endswith(" (end)"))


def built(tmp_path: Path, fixture: Path) -> Path:
    build(timeline.load(fixture), tmp_path)
    return tmp_path / "timeline.html"


def test_the_committed_page_draws_every_event_offline(offline_page: Any, seed_path: Path) -> None:
    state = open_page(offline_page, ROOT / "reports" / "timeline.html")
    log = timeline.load(seed_path)
    assert drawn_ids(state) == sorted(r.id for r in log.records)
    # four exact days, three uncertain diamonds (one "Friday morning", on a band over its hours), the span's two
    # end ticks, and no WebGL
    assert state["points"] == 9 and state["bars"] == 4
    assert offline_page.console_errors == []
    assert offline_page.requests_seen == []
    assert offline_page.title() == "OpenAI's safety exodus, 2023-2024"
    assert offline_page.locator("#events tbody tr").count() == len(log.records)


def test_hostile_payloads_run_nothing(offline_page: Any, tmp_path: Path) -> None:
    dialogs: list[str] = []
    offline_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    state = open_page(offline_page, built(tmp_path, FIXTURES / "hostile.yaml"))
    assert len(drawn_ids(state)) == 5
    # hover every mark, so that every hover label is rendered as plotly renders it
    for box in offline_page.locator(".subplot.xy .scatterlayer .point").all():
        box.hover(force=True)
    offline_page.hover("h1")
    assert offline_page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert offline_page.console_errors == [] and offline_page.requests_seen == []
    assert offline_page.locator("#events img, #events script, #events iframe, #events svg").count() == 0
    assert offline_page.title().startswith("<script>window.__pwned=1</script> Hostile")


def test_click_opens_only_safe_links(offline_page: Any, tmp_path: Path) -> None:
    offline_page.add_init_script("window.__opened = []; window.open = (u) => { window.__opened.push(u); "
                                 "return null; };")
    open_page(offline_page, built(tmp_path, FIXTURES / "hostile.yaml"))
    gd = "document.getElementById('timeline-chart')"
    offline_page.evaluate(f"() => {gd}.emit('plotly_click', {{points: [{{customdata: "
                          "'https://example.net/(paren)|pipe'}]})")
    for bad in ("javascript:window.__pwned=99", "data:text/html,<script>window.__pwned=98</script>",
                " JAVASCRIPT:window.__pwned=97", "https://x.example/\"onload=1", ""):
        offline_page.evaluate(f"(u) => {gd}.emit('plotly_click', {{points: [{{customdata: u}}]}})", bad)
    assert offline_page.evaluate("() => window.__opened") == ["https://example.net/(paren)|pipe"]
    # and a real click on a mark goes through the same handler
    offline_page.locator(".subplot.xy .scatterlayer .point").first.click(force=True)
    opened = offline_page.evaluate("() => window.__opened")
    assert len(opened) == 2 and opened[1].startswith("https://example.")
    assert offline_page.evaluate("() => window.__pwned") is None


def test_bce_and_medieval_dates_are_on_the_chart(offline_page: Any, tmp_path: Path) -> None:
    state = open_page(offline_page, built(tmp_path, FIXTURES / "ancient.yaml"))
    assert len(drawn_ids(state)) == 6
    offline_page.click(".ranges button[data-days='0']")  # "all": the axis reaches back before year 1
    assert offline_page.evaluate(CHART_STATE)["range"][0].startswith("-0")
    xs = offline_page.evaluate("""() => {
      const gd = document.getElementById("timeline-chart");
      const out = {};
      gd._fullData.forEach(t => (t.ids || []).forEach((id, i) => { out[id] = gd._fullLayout.xaxis.d2p(t.x[i]); }));
      return out;
    }""")
    assert xs["ides-of-march"] < xs["hastings"] < xs["printing"]
    assert all(x == x and 0 <= x <= 1280 for x in xs.values())  # every mark has a finite place on screen
    assert offline_page.console_errors == []


@pytest.mark.parametrize("fixture", [ROOT / "events.yaml", FIXTURES / "hostile.yaml", FIXTURES / "ancient.yaml"])
def test_phone_width_shows_a_chronology_without_sideways_scroll(offline_page: Any, tmp_path: Path,
                                                                 fixture: Path) -> None:
    offline_page.set_viewport_size({"width": 390, "height": 844})
    offline_page.goto(built(tmp_path, fixture).as_uri())
    offline_page.wait_for_selector(READY, state="attached", timeout=30_000)
    assert offline_page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert offline_page.locator("#timeline-chart").is_hidden()  # a chronology instead of a squeezed chart
    entries = offline_page.locator(".chrono li[data-id]")
    assert entries.count() == len(timeline.load(fixture).records)
    # a tap shows the details; the source opens only from its own, labelled link
    first = entries.first
    first.locator("summary").click()
    assert first.locator(".more").is_visible()
    link = first.locator("a.open-source")
    if link.count():
        assert link.inner_text().startswith("Open the source") and link.get_attribute("target") == "_blank"
    assert offline_page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


def test_keyboard_reaches_the_table_first(offline_page: Any) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html")
    offline_page.keyboard.press("Tab")
    assert offline_page.evaluate("() => document.activeElement.textContent") == "Skip to the table of events"
    offline_page.keyboard.press("Enter")
    assert offline_page.evaluate("() => location.hash") == "#events"
    headers = offline_page.locator("#events thead th").all_inner_texts()
    assert headers[:3] == ["Date", "Precision", "Event"]
    assert offline_page.locator("#events tbody th[scope=row]").count() == 8


def test_screenshots_at_desktop_and_phone_width(offline_page: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Writes the screenshots a person looks at before calling the page readable (kept out of git)."""
    folder = tmp_path_factory.mktemp("screens")
    for name, (width, height) in {"desktop": (1280, 800), "phone": (390, 844)}.items():
        open_page(offline_page, ROOT / "reports" / "timeline.html", width, height)
        path = folder / f"timeline-{name}.png"
        offline_page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
    offline_page.emulate_media(media="print")
    assert offline_page.locator(".skip").evaluate("e => getComputedStyle(e).display") == "none"
    assert offline_page.console_errors == []


def synthetic_page(n: int, folder: Path) -> tuple[Path, timeline.Log]:
    """Give the page of a synthetic log of n events (tests/synth.py; tests/ is on sys.path through conftest.py)."""
    import synth

    log = timeline.load(synth.write(n, folder / "events.yaml"))
    build(log, folder)
    return folder / "timeline.html", log


HEAT_STATE = """() => {
  const gd = document.getElementById("timeline-chart");
  const heat = gd._fullData.find(t => t.type === "heatmap");
  return {count: heat.z.flat().reduce((a, v) => a + (v || 0), 0), images: gd.querySelectorAll(".hm image").length};
}"""


def test_a_log_too_large_to_draw_one_by_one_is_counted_and_says_so(offline_page: Any, tmp_path: Path) -> None:
    from timeline.render import chart

    path, log = synthetic_page(chart.MARKS_MAX + 1, tmp_path)
    open_page(offline_page, path)
    state = offline_page.evaluate(HEAT_STATE)
    assert state == {"count": len(log.records), "images": 1}  # every event counted once, drawn as one image
    assert offline_page.locator("#counted").inner_text().startswith(f"{len(log.records):,} events are more than")
    assert offline_page.locator("#events a[href='report.html']").count() == 1
    # the search recounts the cells: only the events of one tag are counted
    chip = offline_page.locator(".chips button[data-kind='tag']").first
    tag = chip.get_attribute("data-value")
    chip.click()
    tagged = sum(1 for r in log.records if tag in r.event.tags)
    offline_page.wait_for_function(f"() => ({HEAT_STATE})().count === {tagged}")
    assert 0 < tagged < len(log.records)
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


@pytest.mark.skipif(not __import__("os").environ.get("TIMELINE_PERF"),
                    reason="timing test: set TIMELINE_PERF=1 on an otherwise idle machine")
def test_ten_thousand_events_paint_in_2_s_and_zoom_in_300_ms(offline_page: Any, tmp_path: Path) -> None:
    path, _ = synthetic_page(10_000, tmp_path)
    offline_page.add_init_script(
        "new MutationObserver(() => { const el = document.getElementById('timeline-chart');"
        " if (el && el.dataset.ready && !window.__readyAt) window.__readyAt = performance.now(); })"
        ".observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});")
    open_page(offline_page, path)
    assert offline_page.evaluate("() => window.__readyAt") < 2000
    zoom = offline_page.evaluate("""async () => {
      const gd = document.getElementById("timeline-chart");
      const t = performance.now();
      await Plotly.relayout(gd, {"xaxis.range": ["2010-01-01", "2011-01-01"]});
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t;
    }""")
    assert zoom < 300


# --- the reader's controls ----------------------------------------------------------------------------------------

def matching(log: timeline.Log, *words: str) -> list[str]:
    """Give the ids of the events whose title, id, tags, actors, sources (ids and titles) or quotes hold every word."""
    def text(r: Any) -> str:
        sources = [c.source for c in r.event.claims if c.source]
        return " ".join([r.event.title, r.id, *r.event.tags, *r.event.actors, *sources,
                         *(log.sources[s].title for s in sources), *(c.quote for c in r.event.claims)]).lower()
    return sorted(r.id for r in log.records if all(w in text(r) for w in words))


VISIBLE_ROWS = "() => [...document.querySelectorAll('#events tbody tr')].filter(r => !r.hidden).length"


def test_the_page_opens_on_the_week_of_most_events_and_says_what_is_outside(offline_page: Any) -> None:
    state = open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    assert "2024-05-10" < state["range"][0] < "2024-05-13" and "2024-05-17" < state["range"][1] < "2024-05-21"
    note = offline_page.locator("#view-note")
    assert note.inner_text().startswith("Showing 12\u201318 May 2024; 3 earlier events outside")
    note.locator("button").click()  # "show all": the overview
    offline_page.wait_for_function("() => document.getElementById('timeline-chart')._fullLayout.xaxis.range[0]"
                                   " < '2015-12-11'")
    assert note.locator("button").is_hidden()
    # "month" centres on the month with most events, never on an empty one after the last event
    offline_page.click(".ranges button[data-days='31']")
    lo, hi = offline_page.evaluate(CHART_STATE)["range"]
    assert lo < "2024-05-13" and hi > "2024-05-17" and hi < "2024-06-10"
    assert "from=" in offline_page.evaluate("() => location.hash")


def test_no_control_of_the_page_sends_or_opens_anything(offline_page: Any) -> None:
    popups: list[Any] = []
    offline_page.context.on("page", lambda p: popups.append(p))
    offline_page.add_init_script("window.__opened = []; window.open = (u) => { window.__opened.push(u); "
                                 "return null; };")
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    start = offline_page.url.split("#")[0]
    # no cloud, share, Chart Studio or logo in plotly's tool bar
    titles = offline_page.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
    assert titles and not [t for t in titles if t and ("hare" in t or "Studio" in t or "loud" in t)]
    assert offline_page.locator(".modebar-btn--logo, a[href*='plotly']").count() == 0
    # press every control: our buttons and chips, then each of plotly's tools (the download among them)
    with offline_page.expect_download() as download:
        offline_page.locator(".modebar-btn[data-title^='Download']").click(force=True)
    assert download.value.suggested_filename == "openai-s-safety-exodus-2023-2024.png"
    for button in offline_page.locator("main button, header button, .modebar-btn").all():
        if button.is_visible():
            button.click(force=True)
    offline_page.fill("#filter", "leike")
    offline_page.keyboard.press("Enter")
    offline_page.wait_for_timeout(300)
    assert offline_page.requests_seen == [] and popups == []
    assert offline_page.evaluate("() => window.__opened") == []
    assert offline_page.url.split("#")[0] == start
    assert offline_page.console_errors == []


def test_the_filter_narrows_the_chart_and_the_table_together_and_lives_in_the_address(offline_page: Any) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    offline_page.keyboard.press("Tab")  # the skip link, then the search box: keyboard reachable
    offline_page.keyboard.press("Tab")
    assert offline_page.evaluate("() => document.activeElement.id") == "filter"
    offline_page.keyboard.type("Sutskever")  # in a title, an actor, a quote
    log = timeline.load(ROOT / "events.yaml")
    expected = matching(log, "sutskever")
    assert 1 < len(expected) < len(log.records)
    offline_page.wait_for_function(f"() => ({VISIBLE_ROWS})() === {len(expected)}")
    assert drawn_ids(offline_page.evaluate(CHART_STATE)) == expected
    assert offline_page.locator("#filter-status").inner_text() == f"{len(expected)} of 8 events match"
    offline_page.fill("#filter", "culture processes")  # words of a quote only: every word must match
    offline_page.wait_for_function(f"() => ({VISIBLE_ROWS})() === 1")
    assert drawn_ids(offline_page.evaluate(CHART_STATE)) == ["leike-posts"] == matching(log, "culture", "processes")
    offline_page.fill("#filter", "")
    offline_page.click(".chips button[data-kind='tag'][data-value='departures']")
    tagged = sorted(r.id for r in log.records if "departures" in r.event.tags)
    offline_page.wait_for_function(f"() => ({VISIBLE_ROWS})() === {len(tagged)}")
    ids = drawn_ids(offline_page.evaluate(CHART_STATE))
    assert ids == tagged and 1 < len(ids) < 8
    ticks = offline_page.evaluate("() => document.getElementById('timeline-chart').layout.yaxis.ticktext")
    lanes = [t for t in ticks if t.startswith("<b>")]
    assert len(ticks) - len(lanes) == len(tagged)  # the rows of the others are closed up
    hash_ = offline_page.evaluate("() => location.hash")
    assert "tag=departures" in hash_
    # the address is the view: open it afresh and the same events are shown
    offline_page.goto((ROOT / "reports" / "timeline.html").as_uri() + hash_)
    offline_page.reload()
    offline_page.wait_for_selector(READY, timeout=30_000)
    assert drawn_ids(offline_page.evaluate(CHART_STATE)) == ids
    assert offline_page.evaluate(VISIBLE_ROWS) == len(tagged)
    assert offline_page.locator(".chips button[aria-pressed='true']").all_inner_texts() == ["departures"]
    offline_page.click("#filter-clear")
    offline_page.wait_for_function(f"() => ({VISIBLE_ROWS})() === 8")
    assert len(drawn_ids(offline_page.evaluate(CHART_STATE))) == 8


CONTRAST = """() => {
  function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return m.slice(0, 3); }
  function lum(c) { return rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055)
                                             ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0); }
  function ratio(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  const bg = getComputedStyle(document.body).backgroundColor;
  const out = {bg: bg, paper: document.getElementById("timeline-chart")._fullLayout.paper_bgcolor};
  for (const sel of ["h1", ".summary", "#view-note", "#events td", "#events a", ".id", "button", "label",
                     ".asof-help", ".asof-count"]) {
    const el = document.querySelector(sel);
    if (!el) continue;
    out[sel] = ratio(getComputedStyle(el).color, bg);
  }
  return out;
}"""


@pytest.mark.parametrize("scheme, background, paper", [("light", "rgb(255, 255, 255)", "#fff"),
                                                      ("dark", "rgb(22, 24, 29)", "#16181d")])
def test_the_theme_follows_the_system_and_passes_wcag_aa(offline_page: Any, scheme: str, background: str,
                                                         paper: str) -> None:
    offline_page.emulate_media(color_scheme=scheme)
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    got = offline_page.evaluate(CONTRAST)
    assert (got.pop("bg"), got.pop("paper")) == (background, paper)
    assert {sel: r for sel, r in got.items() if r < 4.5} == {}
    offline_page.emulate_media(media="print")  # paper is always the light theme
    assert offline_page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


DAY_VIEW = """async () => {
  const gd = document.getElementById("timeline-chart");
  await Plotly.relayout(gd, {"xaxis.range": ["2024-05-17 00:00", "2024-05-18 00:00"]});
  const said = [];
  for (const t of gd.data) {
    const words = [].concat(t.hovertext || t.text);
    (t.ids || []).forEach((id, i) => { if (id === "leike-posts") said.push(String(words[i])); });
  }
  return {ticks: Array.from(gd.querySelectorAll(".xtick text")).map(t => t.textContent), said: said};
}"""


def test_zoomed_into_a_day_the_axis_shows_hours_and_the_hover_the_daypart(offline_page: Any) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    view = offline_page.evaluate(DAY_VIEW)
    assert {"03:00", "06:00", "09:00", "12:00", "15:00"} <= set(view["ticks"]), view["ticks"]
    # "Friday morning" in The Verge's zone, said as the table says it
    assert any("Fri 17 May 2024, morning (06:00-12:00 ET)" in text for text in view["said"]), view["said"]
    row = offline_page.locator("#events tbody tr", has_text="Leike posts on X").first
    assert "Fri 17 May 2024, morning (06:00-12:00 ET)" in row.inner_text()
