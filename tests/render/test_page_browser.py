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
    // bands (an uncertain date's days, a span) are segments of lines traces, each parted from the next by a gap
    bands: gd.data.filter(t => t.mode === "lines" && t.name !== "Source published")
      .reduce((n, t) => n + t.x.filter(x => x === null).length, 0),
    paths: gd.querySelectorAll(".subplot.xy .scatterlayer .trace path.js-line").length,
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
    # end ticks, and no WebGL; four bands (three uncertain, the span's solid days) and four publication days,
    # a path each
    assert state["points"] == 9 and state["bands"] == 4 and state["paths"] == 8
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


def click_a_mark(page: Any) -> None:
    """Click the first mark of the chart that is inside its plot area (the opening view leaves some outside)."""
    at = page.evaluate("""() => [...document.querySelectorAll(".subplot.xy .scatterlayer .point")].findIndex(p => {
      const r = p.getBoundingClientRect(), box = document.querySelector(".subplot.xy .bglayer rect, .nsewdrag")
                                                      .getBoundingClientRect();
      return r.width && r.left >= box.left && r.right <= box.right; })""")
    assert at >= 0
    page.locator(".subplot.xy .scatterlayer .point").nth(at).click(force=True)


PICKED = """() => {
  const box = document.getElementById("picked");
  return {hidden: box.hidden, title: (box.querySelector("h3") || {}).textContent,
          tags: [...new Set([...box.querySelectorAll("*")].map(e => e.tagName))].sort(),
          links: [...box.querySelectorAll("a")].map(a => ({href: a.getAttribute("href"), target: a.target,
                                                          rel: a.rel, text: a.textContent}))};
}"""


def test_a_tap_on_a_mark_shows_its_details_and_opens_nothing(offline_page: Any, tmp_path: Path) -> None:
    popups: list[Any] = []
    offline_page.context.on("page", lambda p: popups.append(p))
    offline_page.add_init_script("window.__opened = []; window.open = (u) => { window.__opened.push(u); "
                                 "return null; };")
    path = built(tmp_path, FIXTURES / "hostile.yaml")
    log = timeline.load(FIXTURES / "hostile.yaml")
    titles = {r.event.title for r in log.records}
    open_page(offline_page, path)
    start = offline_page.url
    marks = offline_page.locator(".subplot.xy .scatterlayer .point").all()
    assert len(marks) >= 5
    linked = 0
    for mark in marks:
        mark.click(force=True)
        got = offline_page.evaluate(PICKED)
        assert not got["hidden"] and got["title"] in titles  # the title as text, whatever it holds
        # only the page's own elements: a payload in a title or quote is text, never markup
        assert set(got["tags"]) <= {"A", "BUTTON", "H3", "P", "SPAN", "STRONG"}
        for link in got["links"]:  # the way to the source is a labelled <a> for the reader to tap, not a script
            assert link["href"].startswith(("https://", "http://", "mailto:"))
            assert link["target"] == "_blank" and "noopener" in link["rel"].split()
            assert link["text"].startswith("Open the source")
            linked += 1
    assert linked >= 1
    assert offline_page.evaluate("() => window.__opened") == [] and popups == []
    # two quick taps are plotly's double-click (zoom out): the address may say so after #, and nothing more
    assert offline_page.url.split("#")[0] == start and offline_page.requests_seen == []
    assert offline_page.evaluate("() => window.__pwned") is None
    offline_page.locator("#picked button").click()  # "Close"
    assert offline_page.evaluate(PICKED)["hidden"]
    # under a tall chart the details are scrolled up into sight: the tap visibly did something
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    assert offline_page.evaluate("() => document.getElementById('timeline-chart').getBoundingClientRect().bottom") > 900
    click_a_mark(offline_page)
    box = offline_page.evaluate("() => { const r = document.getElementById('picked').getBoundingClientRect();"
                                " return [r.top, r.bottom, window.innerHeight]; }")
    assert 0 <= box[0] < box[1] <= box[2]
    assert offline_page.console_errors == []


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


FOCUSED = """() => { const e = document.activeElement;
  return e.id || (e.dataset.kind ? e.dataset.kind + ":" + e.dataset.value : "") || e.className || e.tagName; }"""


def test_tab_reaches_the_search_every_chip_the_zoom_and_the_table_in_order(offline_page: Any) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    chips = offline_page.locator(".chips button").evaluate_all(
        "bs => bs.map(b => b.dataset.kind + ':' + b.dataset.value)")
    order = []
    for _ in range(80):
        offline_page.keyboard.press("Tab")
        order.append(offline_page.evaluate(FOCUSED))
        if order[-1] == "table-wrap":
            break
    assert order[:3] == ["skip", "filter", "filter-clear"]
    assert [o for o in order if o in chips] == chips and len(chips) > 5  # every chip, in the order shown
    zoom = order.index("asof-range")
    assert order.index(chips[-1]) < zoom < order.index("table-wrap")
    # a chip pressed from the keyboard narrows the view like a click
    offline_page.keyboard.press("Shift+Tab")
    while offline_page.evaluate(FOCUSED) != chips[0]:
        offline_page.keyboard.press("Shift+Tab")
    offline_page.keyboard.press("Enter")
    assert offline_page.locator(".chips button[aria-pressed='true']").count() == 1
    offline_page.keyboard.press("Space")
    assert offline_page.locator(".chips button[aria-pressed='true']").count() == 0
    assert offline_page.console_errors == []


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
  const heat = gd._fullData.find(t => t.type === "heatmap" && t.meta !== "overview");
  const strip = gd._fullData.find(t => t.meta === "overview");  // cells hold the square root of their count
  return {count: heat.z.flat().reduce((a, v) => a + (v || 0), 0), images: gd.querySelectorAll(".hm image").length,
          strip: Math.round(strip.z.flat().reduce((a, v) => a + (v || 0) * (v || 0), 0))};
}"""


def test_a_log_too_large_to_draw_one_by_one_is_counted_and_says_so(offline_page: Any, tmp_path: Path) -> None:
    from timeline.render import chart

    path, log = synthetic_page(chart.MARKS_MAX + 1, tmp_path)
    open_page(offline_page, path)
    state = offline_page.evaluate(HEAT_STATE)
    # every event counted once, drawn as one image; the overview strip under it (a second image) counts them too
    assert state == {"count": len(log.records), "images": 2, "strip": len(log.records)}
    assert offline_page.locator("#counted").inner_text().startswith(f"{len(log.records):,} events are more than")
    assert offline_page.locator("#events a[href='report.html']").count() == 1
    # the search recounts the cells: only the events of one tag are counted
    chip = offline_page.locator(".chips button[data-kind='tag']").first
    tag = chip.get_attribute("data-value")
    chip.click()
    tagged = sum(1 for r in log.records if tag in r.event.tags)
    offline_page.wait_for_function(f"() => ({HEAT_STATE})().count === {tagged}")
    assert offline_page.evaluate(HEAT_STATE)["strip"] == tagged
    assert 0 < tagged < len(log.records)
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


CHRONO_STATE = """() => ({entries: document.querySelectorAll(".chrono li[data-id]").length,
  more: (document.querySelector(".chrono .chrono-more .count") || {}).textContent || "",
  width: document.documentElement.scrollWidth})"""


@pytest.mark.parametrize(("fragment", "folded"), [
    ("", True),
    ("#q=leike", True),  # a search needs the box, not the chips: they stay folded
    ("#tag=departures", False),  # a pressed chip is shown pressed
])
def test_a_phone_folds_the_chips_unless_the_address_presses_one(offline_page: Any, fragment: str,
                                                                folded: bool) -> None:
    offline_page.set_viewport_size({"width": 390, "height": 844})
    offline_page.goto((ROOT / "reports" / "timeline.html").as_uri() + fragment)
    offline_page.wait_for_selector(".chrono li[data-id]")
    assert offline_page.locator(".chips").is_hidden() == folded


def test_a_phone_reads_ten_thousand_events_as_a_chronology(offline_page: Any, tmp_path: Path) -> None:
    path, log = synthetic_page(10_000, tmp_path)
    offline_page.set_viewport_size({"width": 390, "height": 844})
    offline_page.goto(path.as_uri())
    offline_page.wait_for_selector(".chrono li[data-id]", timeout=60_000)
    assert offline_page.locator("#timeline-chart").is_hidden() and offline_page.locator("#counted").is_visible()
    state = offline_page.evaluate(CHRONO_STATE)
    # laid out a hundred at a time, in date order, from the page's own data
    assert state == {"entries": 100, "more": "100 of 10,000 events shown; more follow as you scroll.", "width": 390}
    ids = offline_page.locator(".chrono li[data-id]").evaluate_all("ls => ls.map(l => l.dataset.id)")
    assert ids == [r.id for r in log.records[:100]]
    offline_page.locator(".chrono-more").scroll_into_view_if_needed()  # scrolled near the end: more follow
    offline_page.wait_for_function("() => document.querySelectorAll('.chrono li[data-id]').length >= 200")
    offline_page.locator(".chrono-more button").click()  # and a button for those who do not scroll
    assert offline_page.evaluate(CHRONO_STATE)["entries"] >= 300
    # the search narrows the chronology too
    chip = offline_page.locator(".chips button[data-kind='actor']").first
    actor = chip.get_attribute("data-value")
    offline_page.locator("details.filters > summary").click()
    chip.click()
    expected = [r.id for r in log.records if actor in r.event.actors]
    assert 0 < len(expected) < len(log.records)
    offline_page.wait_for_function(f"() => ({CHRONO_STATE})().entries === {min(100, len(expected))}")
    ids = offline_page.locator(".chrono li[data-id]").evaluate_all("ls => ls.map(l => l.dataset.id)")
    assert ids == expected[:100]
    assert offline_page.locator("#filter-status").inner_text() == f"{len(expected):,} of 10,000 events match"
    # a tap opens the details; the source is a separate, labelled link for a new tab
    first = offline_page.locator(".chrono li[data-id]").first
    first.locator("summary").click()
    assert first.locator(".more").is_visible() and first.locator(".quote").count() <= 1
    link = first.locator("a.open-source")
    assert link.inner_text().startswith("Open the source")
    assert (link.get_attribute("target"), link.get_attribute("rel")) == ("_blank", "noopener noreferrer nofollow")
    assert offline_page.evaluate(CHRONO_STATE)["width"] == 390  # nothing scrolls sideways
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
    offline_page.fill("#filter", "")
    for slider in offline_page.locator("input[type=range]").all():  # the "as known on" control, each stop
        slider.focus()
        for key in ("Home", "ArrowRight", "ArrowRight", "End"):
            offline_page.keyboard.press(key)
    # the table's links to sources are the only way out: each a labelled <a> the reader taps, for a new tab that
    # cannot reach back (not clicked here: that tap is the reader's)
    links = offline_page.locator("#events a[href^='http']").evaluate_all(
        "as => as.map(a => [a.target, a.rel, a.textContent.trim() !== ''])")
    assert links and set(map(tuple, links)) == {("_blank", "noopener noreferrer nofollow", True)}
    # on a phone: every entry of the chronology tapped open, every button and fold
    offline_page.click("#filter-clear")  # every chip was pressed above: no event has them all
    offline_page.set_viewport_size({"width": 390, "height": 844})
    offline_page.wait_for_selector(".chrono li[data-id]")
    for control in offline_page.locator(".chrono summary, details.filters > summary, main button, "
                                        "header button").all():
        if control.is_visible():
            control.click()
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


# The WCAG 2 contrast ratio of each selector's text (its first element shown) against the background it is drawn on:
# the nearest of itself and its ancestors with an opaque background; chart texts against the chart's paper.
CONTRAST = """(sels) => {
  function rgb(c) {  /* "rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)" or plotly's "#fff", "#16181d" */
    const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
    if (hex) { const h = hex[1].length === 3 ? hex[1].replace(/./g, "$&$&") : hex[1];
               return [0, 2, 4].map(i => parseInt(h.slice(i, i + 2), 16)); }
    return c.match(/[\\d.]+/g).map(Number);
  }
  function lum(c) { return rgb(c).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
                    : ((v + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0); }
  function ratio(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  function under(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor, m = rgb(c);
      if (m.length < 4 || m[3] > 0.9) { return c; }
    }
    return getComputedStyle(document.documentElement).backgroundColor;
  }
  const gd = document.getElementById("timeline-chart");
  const out = {bg: getComputedStyle(document.body).backgroundColor, paper: gd._fullLayout.paper_bgcolor};
  for (const sel of sels) {
    const el = [...document.querySelectorAll(sel)].find(e => e.getClientRects().length
                                                              && (e.textContent.trim() || e.tagName === "INPUT"));
    if (!el) { out[sel] = null; continue; }
    const svg = el instanceof SVGElement;
    out[sel] = ratio(svg ? getComputedStyle(el).fill : getComputedStyle(el).color,
                     svg ? gd._fullLayout.paper_bgcolor : under(el));
  }
  return out;
}"""
DESK_TEXTS = ["h1", ".summary", "#view-note", "#events td", "#events a", ".id", "header button", "label",
              ".asof-help", ".asof-count", ".chips button[aria-pressed=false]", ".chips button[aria-pressed=true]",
              ".chips .kind", ".ranges .kind", ".ranges button", "#filter", ".marks li", "#picked p", "#picked h3",
              "#picked button", ".ytick text", ".xtick text"]
PHONE_TEXTS = ["h1", ".chrono h3", ".chrono .when", ".chrono .how", ".chrono .what", ".chrono .quote",
               ".chrono .more p", ".chrono a", "#events td", "#events th"]


@pytest.mark.parametrize("scheme, background, paper", [("light", "rgb(255, 255, 255)", "#fff"),
                                                      ("dark", "rgb(22, 24, 29)", "#16181d")])
def test_the_theme_follows_the_system_and_passes_wcag_aa(offline_page: Any, scheme: str, background: str,
                                                         paper: str) -> None:
    offline_page.emulate_media(color_scheme=scheme)
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    offline_page.locator(".chips button").first.click()  # a pressed chip, and the details of a tapped mark
    click_a_mark(offline_page)
    got = offline_page.evaluate(CONTRAST, DESK_TEXTS)
    assert (got.pop("bg"), got.pop("paper")) == (background, paper)
    assert {sel: r for sel, r in got.items() if r is None or r < 4.5} == {}
    # the phone's chronology, an entry opened
    offline_page.set_viewport_size({"width": 390, "height": 844})
    offline_page.locator(".chrono summary").first.click()
    got = offline_page.evaluate(CONTRAST, PHONE_TEXTS)
    assert got.pop("bg") == background
    got.pop("paper")
    assert {sel: r for sel, r in got.items() if r is None or r < 4.5} == {}
    offline_page.emulate_media(media="print")  # paper is always the light theme, the chart's too
    assert offline_page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    offline_page.wait_for_function("() => document.getElementById('timeline-chart')._fullLayout.paper_bgcolor"
                                   " === '#fff'")


# --- the overview strip: the whole story to scale under the chart ---------------------------------------------------

#: Where the shown stretch is marked on the strip, as shares of the strip's width (0 = its left end).
WINDOW = """() => {
  const hit = document.querySelector(".overview-hit").getBoundingClientRect();
  const win = document.querySelector(".overview-window").getBoundingClientRect();
  return {left: (win.left - hit.left) / hit.width, right: (win.right - hit.left) / hit.width,
          strip: [hit.left, hit.top, hit.width, hit.height], range: document.getElementById("timeline-chart")
          ._fullLayout.xaxis.range.map(String)};
}"""


def test_the_overview_strip_marks_the_shown_stretch_and_moves_the_chart(offline_page: Any, tmp_path: Path,
                                                                       seed_path: Path) -> None:
    open_page(offline_page, built(tmp_path, seed_path), 1400, 900)
    offline_page.locator(".overview-hit").scroll_into_view_if_needed()
    at = offline_page.evaluate(WINDOW)
    # the opening week (12-18 May 2024) is a sliver at the right end of 2015-2024, still drawn 4 px wide
    assert 0.9 < at["left"] < at["right"] <= 1.0 and at["strip"][2] * (at["right"] - at["left"]) >= 3.5
    left, top, width, height = at["strip"]
    # a click near the left end centres the chart there, on the founding of December 2015, as wide as before
    offline_page.mouse.click(left + width * 0.04, top + height / 2)
    offline_page.wait_for_function("() => document.getElementById('timeline-chart')._fullLayout.xaxis.range[0]"
                                   " < '2016'")
    moved = offline_page.evaluate(WINDOW)
    assert moved["left"] < 0.1 and "from=2015" in offline_page.evaluate("() => location.hash")
    assert offline_page.locator("#view-note").inner_text().startswith("Showing ")
    # a drag across the strip shows the stretch dragged over: here about 2019-2021
    offline_page.mouse.move(left + width * 0.4, top + height / 2)
    offline_page.mouse.down()
    offline_page.mouse.move(left + width * 0.6, top + height / 2, steps=4)
    offline_page.mouse.up()
    offline_page.wait_for_function("() => document.getElementById('timeline-chart')._fullLayout.xaxis.range[0]"
                                   " > '2018'")
    dragged = offline_page.evaluate(WINDOW)
    assert abs(dragged["left"] - 0.4) < 0.02 and abs(dragged["right"] - 0.6) < 0.02
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


def test_the_overview_strip_follows_the_filter(offline_page: Any) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    strip = "() => document.getElementById('timeline-chart')._fullData.find(t => t.meta === 'overview').z[0]" \
            ".reduce((a, v) => a + (v || 0) * (v || 0), 0)"
    assert round(offline_page.evaluate(strip)) == 8
    offline_page.click(".chips button[data-kind='tag'][data-value='departures']")
    departures = sum(1 for r in timeline.load(ROOT / "events.yaml").records if "departures" in r.event.tags)
    offline_page.wait_for_function(f"() => Math.round(({strip})()) === {departures}")
    assert 0 < departures < 8


# --- the picture download: named after the log, its title drawn in --------------------------------------------------

def test_the_png_download_is_named_after_the_log_and_has_its_title_drawn(offline_page: Any,
                                                                         tmp_path: Path) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html", 1400, 900)
    # what plotly.js is asked to draw: the figure with the log's title, and room above for it
    offline_page.evaluate("""() => { window.__asked = null; const real = Plotly.downloadImage;
      Plotly.downloadImage = (fig, opts) => { window.__asked = {title: fig.layout.title, top: fig.layout.margin.t,
        opts: opts}; return real(fig, opts); }; }""")
    with offline_page.expect_download() as download:
        offline_page.locator(".modebar-btn[data-title^='Download']").click(force=True)
    assert download.value.suggested_filename == "openai-s-safety-exodus-2023-2024.png"
    asked = offline_page.evaluate("() => window.__asked")
    assert asked["title"]["text"] == "OpenAI's safety exodus, 2023-2024" and asked["top"] >= 60
    assert asked["opts"]["format"] == "png" and asked["opts"]["filename"] == "openai-s-safety-exodus-2023-2024"
    saved = tmp_path / "chart.png"
    download.value.save_as(saved)
    # the picture itself: a PNG of the chart's size (scale 2), whose top band (the title's) has dark ink on the
    # left where the title is written, and whose same band without the title is blank
    png = saved.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 2 * 1000 and height >= 2 * 400
    inked = offline_page.evaluate("""async (src) => {
      const img = new Image(); img.src = src; await img.decode();
      const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
      const g = c.getContext("2d"); g.drawImage(img, 0, 0);
      const dark = (x0, y0, w, h) => { const d = g.getImageData(x0, y0, w, h).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] < 200) { n++; } } return n; };
      return {title: dark(0, 0, Math.floor(img.width / 3), 100), right: dark(Math.floor(img.width * 0.6), 0,
              Math.floor(img.width * 0.4), 40)};
    }""", "data:image/png;base64," + __import__("base64").b64encode(png).decode("ascii"))
    assert inked["title"] > 500 and inked["right"] == 0
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


# --- lane labels: readable at every width --------------------------------------------------------------------------

LABELS = """() => {
  const gd = document.getElementById("timeline-chart"), left = gd.getBoundingClientRect().left;
  const shown = t => { const c = t.cloneNode(true); c.querySelectorAll("title").forEach(x => x.remove());
                       return c.textContent; };
  return [...gd.querySelectorAll(".ytick text")].map(t => ({
    text: shown(t), left: t.getBoundingClientRect().left - left,
    lines: t.querySelectorAll("tspan.line").length || 1,
    whole: t.querySelector("title") ? t.querySelector("title").textContent : null}));
}"""


@pytest.mark.parametrize("width", [600, 620, 640, 800, 1400])
def test_every_label_is_whole_or_visibly_cut_with_its_whole_title_on_hover(offline_page: Any, seed_path: Path,
                                                                          width: int) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html", width, 900)
    log = timeline.load(seed_path)
    wholes = {r.event.title for r in log.records} | {t for r in log.records for t in r.event.tags}
    labels = offline_page.evaluate(LABELS)
    assert len(labels) == len(log.records) + len({r.event.tags[0] for r in log.records})
    for label in labels:
        assert label["left"] >= 0, f"{label['text']!r} runs out of the chart at {width} px"
        assert label["lines"] <= 2
        if label["whole"] is None:  # shown whole, over one or two lines
            assert label["text"].replace(" ", "") in {w.replace(" ", "") for w in wholes}, label
        else:  # cut, with a visible ellipsis, and its whole title when the pointer rests on it
            assert label["text"].endswith("\u2026") and label["whole"] in wholes, label
            shown = label["text"][:-1].replace(" ", "")
            assert label["whole"].replace(" ", "").startswith(shown)
    # the narrow widths (up to 640 px) cut more titles than the wide ones, never leave one without its whole
    cut = sum(1 for label in labels if label["whole"])
    assert (cut > 0) == (width <= 640)


# --- planned, open-ended and vague events; an event counted from another (tests/fixtures/ends.yaml) ---------------

MARK_AT = """(id) => {
  const gd = document.getElementById("timeline-chart"), fl = gd._fullLayout, box = gd.getBoundingClientRect();
  for (const t of gd.data) {
    const k = (t.ids || []).indexOf(id);
    if (k >= 0 && t.mode === "markers" && t.hoverinfo !== "skip") {
      return [box.left + fl.xaxis._offset + fl.xaxis.c2p(fl.xaxis.d2c(t.x[k])), box.top + fl.yaxis._offset +
              fl.yaxis.c2p(t.y[k])];
    }
  }
  return null;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_planned_and_open_marks_are_in_the_legend_and_a_relative_event_links_to_its_anchor(
        chromium: Any, tmp_path: Path, scheme: str) -> None:
    context = chromium.new_context(offline=True, color_scheme=scheme, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(built(tmp_path, FIXTURES / "ends.yaml").as_uri())
        page.wait_for_selector(READY, state="attached", timeout=30_000)
        legend = page.locator(".legend .legendtext").evaluate_all("ts => ts.map(t => t.textContent)")
        assert "Planned: not yet happened when written" in legend
        assert "Open-ended: before \u25c0 or after \u25b6" in legend
        # the note under the chart says what the ring and the fading triangle mean
        note = page.locator("figcaption .marks").inner_text()
        assert "Ring around a mark: planned" in note and "Triangle with a fading band" in note
        page.evaluate("() => document.getElementById('timeline-chart').scrollIntoView()")
        x, y = page.evaluate(MARK_AT, "summit-closes")
        page.mouse.move(x, y)
        page.wait_for_selector(".relation-links path", timeout=5_000)
        link = page.locator(".relation-links path")
        assert link.count() == 1 and link.get_attribute("data-to") == "summit"
        # it runs from the hovered mark to the anchor's: its ends are the two marks' centres
        ax, ay = page.evaluate(MARK_AT, "summit")
        box = page.evaluate("() => document.getElementById('timeline-chart').getBoundingClientRect().toJSON()")
        numbers = [float(v) for v in link.get_attribute("d").replace("M", " ").replace("C", " ")
                   .replace(",", " ").split()]
        assert abs(numbers[0] + box["left"] - x) < 1 and abs(numbers[1] + box["top"] - y) < 1
        assert abs(numbers[-2] + box["left"] - ax) < 1 and abs(numbers[-1] + box["top"] - ay) < 1
        # hovering the anchor shows the same link; moving off a mark takes it away
        page.mouse.move(ax, ay)
        page.wait_for_function("() => document.querySelector('.relation-links path') &&"
                               " document.querySelector('.relation-links path').dataset.to === 'summit-closes'")
        page.mouse.move(5, 5)
        page.wait_for_function("() => !document.querySelector('.relation-links path')")
        stroke = page.evaluate("() => getComputedStyle(document.querySelector('.overview-window')).borderColor")
        assert stroke == ("rgb(34, 34, 34)" if scheme == "light" else "rgb(230, 232, 236)")
        assert errors == []
    finally:
        context.close()


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
