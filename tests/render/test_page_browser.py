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
    page.wait_for_selector(READY, timeout=30_000)
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
    assert state["range"][0].startswith("-0")  # the axis reaches back before year 1
    xs = offline_page.evaluate("""() => {
      const gd = document.getElementById("timeline-chart");
      const out = {};
      gd._fullData.forEach(t => (t.ids || []).forEach((id, i) => { out[id] = gd._fullLayout.xaxis.d2p(t.x[i]); }));
      return out;
    }""")
    assert xs["ides-of-march"] < xs["hastings"] < xs["printing"]
    assert all(x == x and 0 <= x <= 1280 for x in xs.values())  # every mark has a finite place on screen
    assert offline_page.console_errors == []


def test_phone_width_has_no_sideways_page_scroll(offline_page: Any) -> None:
    open_page(offline_page, ROOT / "reports" / "timeline.html", width=390, height=844)
    assert offline_page.evaluate("() => document.documentElement.scrollWidth") <= 390
    box = offline_page.locator("#timeline-chart .main-svg").first.bounding_box()
    assert box is not None and box["width"] <= 390
    # labels are shortened so the plot keeps most of the width
    plot = offline_page.locator("#timeline-chart .nsewdrag").first.bounding_box()
    assert plot is not None and plot["width"] >= 200


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
