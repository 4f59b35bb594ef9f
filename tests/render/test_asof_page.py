"""The page's "as known on" control in headless Chromium: its stops, the chart and table it redraws, the URL's #."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.render.build import build

READY = "#timeline-chart[data-ready]"
STORY = Path(__file__).resolve().parents[1] / "fixtures" / "asof-story.yaml"

SHOWN = """() => ({
  rows: Array.from(document.querySelectorAll("#events tbody tr")).filter(r => !r.hidden)
             .map(r => r.querySelector("th").id.slice(3)),
  dates: Array.from(document.querySelectorAll("#events tbody tr")).filter(r => !r.hidden)
             .map(r => r.querySelector("td.date").textContent),
  drawn: document.getElementById("timeline-chart").data.flatMap(t => t.ids || []),
  label: document.getElementById("asof-label").textContent,
  hash: location.hash,
})"""


@pytest.fixture
def page_path(tmp_path: Path) -> Path:
    build(timeline.load(STORY), tmp_path)
    return tmp_path / "timeline.html"


def _open(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=30_000)  # a phone shows its chronology instead
    page.wait_for_timeout(200)
    shown: dict[str, Any] = page.evaluate(SHOWN)
    return shown


def _move(page: Any, stop: int) -> dict[str, Any]:
    page.evaluate("i => { const r = document.getElementById('asof-range'); r.value = String(i); "
                  "r.dispatchEvent(new Event('input')); }", stop)
    shown: dict[str, Any] = page.evaluate(SHOWN)
    return shown


def test_the_stops_are_the_publication_days_and_now(page_path: Path) -> None:
    text = page_path.read_text(encoding="utf-8")
    assert 'id="asof-range" min="0" max="3"' in text
    for key in ("2024-05-15", "2024-05-17", "2024-05-24", "now"):
        assert f'label="{key}"' in text


@pytest.mark.parametrize(("stop", "rows", "quits_date"), [
    # A only: the week; B: the Tuesday; C: disputed; now: as C
    (0, ["own", "undated-source", "quits"], "between 13 and 14 May 2024"),
    (1, ["own", "undated-source", "quits"], "Tue 14 May 2024"),
    (2, ["own", "undated-source", "quits", "later"], "between 10 and 14 May 2024 (disputed)"),
    (3, ["own", "undated-source", "quits", "later"], "between 10 and 14 May 2024 (disputed)"),
])
def test_moving_the_control_redraws_the_chart_and_the_table(offline_page: Any, page_path: Path, stop: int,
                                                          rows: list[str], quits_date: str) -> None:
    _open(offline_page, page_path.as_uri())
    shown = _move(offline_page, stop)
    assert sorted(shown["rows"]) == sorted(rows)
    assert shown["dates"][shown["rows"].index("quits")] == quits_date
    assert {i for i in shown["drawn"] if " (" not in i} == set(rows)
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


@pytest.mark.parametrize(("fragment", "rows", "label"), [
    # a stop's own day
    ("#asof=2024-05-17", ["own", "undated-source", "quits"], "17 May 2024"),
    # a day between stops shows what was out by then; other keys of the fragment are kept (q= is the page's
    # search, which narrows the events too: a key of nobody's stands for the others here)
    ("#ref=desk&asof=2024-05-20", ["own", "undated-source", "quits"], "2024-05-20 (sources up to 17 May 2024)"),
    # no asof: now
    ("", ["own", "undated-source", "quits", "later"], "now"),
])
def test_the_url_fragment_opens_the_story_as_of_a_day(offline_page: Any, page_path: Path, fragment: str,
                                                      rows: list[str], label: str) -> None:
    shown = _open(offline_page, page_path.as_uri() + fragment)
    assert sorted(shown["rows"]) == sorted(rows)
    assert shown["label"] == label
    moved = _move(offline_page, 0)
    assert "asof=2024-05-15" in moved["hash"]
    if "ref=desk" in fragment:
        assert "ref=desk" in moved["hash"]
    assert _move(offline_page, 3)["hash"] in ("", "#ref=desk")


def test_a_row_then_shows_only_what_its_first_sources_said(offline_page: Any, page_path: Path) -> None:
    _open(offline_page, page_path.as_uri() + "#asof=2024-05-15")
    row = offline_page.locator("#events tbody tr:not([hidden])", has=offline_page.locator("#ev-quits"))
    text = row.inner_text()
    assert "earlier this week" in text and "disputed" not in text and "line 15" not in text


def test_screenshots_of_the_control(offline_page: Any, page_path: Path,
                                    tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("asof-shots")
    for width, height in ((1400, 900), (390, 844)):
        offline_page.set_viewport_size({"width": width, "height": height})
        _open(offline_page, page_path.as_uri() + "#asof=2024-05-17")
        offline_page.screenshot(path=str(folder / f"asof-{width}.png"))
        # on a phone the control fits the width: nothing scrolls the page sideways
        assert offline_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert offline_page.console_errors == []


# --- the search and the "as known on" control together: in either order, both in the address ----------------------

def _events(shown: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Give the ids of the table's shown rows and of the chart's drawn events, each sorted."""
    return sorted(shown["rows"]), sorted({i for i in shown["drawn"] if " (" not in i})


@pytest.mark.parametrize(("words", "stop", "expected"), [
    # a title word of an event every stop knows
    ("minister", 0, ["quits"]),
    # a title word of an event only the last source tells of: not known on 17 May, back at "now"
    ("tells", 1, []),
    ("tells", 3, ["later"]),
    # words of several events, narrowed again by the stop
    ("d", 0, ["own", "undated-source"]),
])
def test_the_search_and_the_stop_narrow_chart_and_table_together_in_either_order(
        offline_page: Any, page_path: Path, words: str, stop: int, expected: list[str]) -> None:
    # the search first, then the stop
    _open(offline_page, page_path.as_uri())
    offline_page.fill("#filter", words)
    shown = _move(offline_page, stop)
    assert _events(shown) == (expected, expected)
    first = shown["hash"]
    assert f"q={words}" in first and (stop == 3) == ("asof=" not in first)
    # the stop first, then the search: the same view, the same address
    _open(offline_page, page_path.as_uri())
    _move(offline_page, stop)
    offline_page.fill("#filter", words)
    shown = offline_page.evaluate(SHOWN)
    assert _events(shown) == (expected, expected)
    assert sorted(shown["hash"][1:].split("&")) == sorted(first[1:].split("&"))
    # the address is the view: opened afresh (a bookmark, a link sent), and reloaded
    for _ in range(2):
        shown = _open(offline_page, page_path.as_uri() + first)
        assert _events(shown) == (expected, expected)
        assert offline_page.input_value("#filter") == words
        assert offline_page.evaluate("() => document.getElementById('asof-range').value") == str(stop)
        offline_page.reload()
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


def test_the_back_button_steps_back_through_stops_and_searches(offline_page: Any, page_path: Path) -> None:
    _open(offline_page, page_path.as_uri())
    _move(offline_page, 0)  # 15 May: three events known
    offline_page.click("#filter")
    offline_page.keyboard.type("minister")  # one step in the history for the whole word
    shown = offline_page.evaluate(SHOWN)
    assert _events(shown) == (["quits"], ["quits"]) and "asof=2024-05-15" in shown["hash"]
    steps = [  # what each press of "back" shows, then "forward"
        ("back", ["own", "quits", "undated-source"], "15 May 2024", ""),
        ("back", ["later", "own", "quits", "undated-source"], "now", ""),
        ("forward", ["own", "quits", "undated-source"], "15 May 2024", ""),
        ("forward", ["quits"], "15 May 2024", "minister"),
    ]
    for direction, rows, label, typed in steps:
        getattr(offline_page, "go_" + direction)()
        offline_page.wait_for_function(f"() => document.getElementById('asof-label').textContent === '{label}'")
        offline_page.wait_for_function(f"() => document.getElementById('filter').value === '{typed}'")
        shown = offline_page.evaluate(SHOWN)
        assert _events(shown) == (rows, rows), direction
    assert offline_page.console_errors == [] and offline_page.requests_seen == []


WHEN = """() => Object.fromEntries([...document.querySelectorAll(".chrono li[data-id]")]
  .map(li => [li.dataset.id, li.querySelector(".when").textContent + " (" + li.querySelector(".how").textContent]))"""


@pytest.mark.parametrize(("fragment", "quits"), [
    # as known on 15 May, "earlier this week" was all anyone had said; on 17 May, "Tuesday"
    ("#asof=2024-05-15", "between 13 and 14 May 2024 ((uncertain, to the week)"),
    ("#asof=2024-05-17", "Tue 14 May 2024 ((exact day)"),
    ("", "between 10 and 14 May 2024 (disputed) ((uncertain, to the week)"),
])
def test_the_phone_chronology_reads_as_known_on_the_stop(offline_page: Any, page_path: Path, fragment: str,
                                                         quits: str) -> None:
    offline_page.set_viewport_size({"width": 390, "height": 844})
    _open(offline_page, page_path.as_uri() + fragment)
    shown = offline_page.evaluate(WHEN)
    assert shown["quits"] == quits
    assert ("later" in shown) == (fragment == "")  # told of only on 24 May
    offline_page.locator(".chrono li[data-id='quits'] summary").click()
    assert offline_page.locator(".chrono li[data-id='quits'] .more").is_visible()
    assert offline_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert offline_page.console_errors == []


TAP = """(id) => {
  const gd = document.getElementById("timeline-chart");
  const c = gd.data.findIndex(t => (t.ids || []).includes(id));
  gd.emit("plotly_click", {points: [{curveNumber: c, pointNumber: gd.data[c].ids.indexOf(id)}]});
  return document.querySelector("#picked strong").textContent;
}"""


def test_a_tapped_marks_details_follow_the_stop_and_the_search(offline_page: Any, page_path: Path) -> None:
    _open(offline_page, page_path.as_uri())
    assert offline_page.evaluate(TAP, "quits") == "between 10 and 14 May 2024 (disputed)"
    _move(offline_page, 1)  # 17 May: the Tuesday
    assert offline_page.locator("#picked strong").inner_text() == "Tue 14 May 2024"
    offline_page.fill("#filter", "tells")  # another event: the details of this one go
    assert offline_page.locator("#picked").is_hidden()
    assert offline_page.console_errors == []
