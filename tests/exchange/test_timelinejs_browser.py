"""The real clients: the `timelinejs` export in TimelineJS 3 and the `vis` export in vis-timeline, each loaded in
headless Chromium, offline, from file://.

Both come from npm (`tests/js/package.json`, installed by `npm ci --prefix tests/js`); without them, or without
Chromium, these tests skip and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.exchange.exports import export

HERE = Path(__file__).resolve().parents[1]
TIMELINEJS = HERE / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
FIXTURES = HERE / "fixtures" / "exchange"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>timelinejs check</title>
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
</head><body>
<div id="timeline-embed" style="width: 1000px; height: 600px"></div>
</body></html>
"""


@pytest.fixture
def timelinejs_page(offline_page: Any, tmp_path: Path) -> Any:
    """Give the offline page with TimelineJS 3 loaded from node_modules, or skip saying how to install it."""
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        pytest.skip(f"TimelineJS is not installed at {TIMELINEJS}: run `npm ci --prefix tests/js`")
    page_file = tmp_path / "index.html"
    page_file.write_text(PAGE.format(css=(TIMELINEJS / "css" / "timeline.css").as_uri(),
                                     js=(TIMELINEJS / "js" / "timeline.js").as_uri()), encoding="utf-8")
    offline_page.goto(page_file.as_uri())
    assert offline_page.evaluate("typeof TL !== 'undefined' && typeof TL.Timeline === 'function'"), \
        "timeline.js did not define TL.Timeline"
    return offline_page


def render(page: Any, data: dict[str, Any]) -> None:
    """Build a TimelineJS timeline from export data on the page and wait until its slides are in the DOM.

    The options are what an offline site passes: TimelineJS's own files from the local copy, and no web font
    (the default font is fetched from Google Fonts).
    """
    options = {"script_path": (TIMELINEJS / "js").as_uri() + "/", "font": None}
    page.evaluate("""([data, options]) => new Promise((resolve, reject) => {
        window.__timeline = new TL.Timeline('timeline-embed', data, options);
        window.__timeline.on('loaded', () => resolve(true));
        setTimeout(() => reject(new Error('TimelineJS did not finish loading')), 15000);
    })""", [data, options])
    page.wait_for_timeout(300)  # let the first slide's layout settle so late errors surface


def slide_ids(page: Any) -> list[str]:
    """Give the ids of the event slides TimelineJS made (the title slide excluded)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)'))
        .map(el => el.id)""")


@pytest.mark.parametrize("log_path", [HERE.parent / "events.yaml", FIXTURES / "mixed.yaml"],
                         ids=["seed", "mixed"])
def test_every_event_is_a_slide_without_errors(timelinejs_page: Any, log_path: Path) -> None:
    log = timeline.load(log_path)
    data = json.loads(export(log, "timelinejs"))
    render(timelinejs_page, data)
    assert sorted(slide_ids(timelinejs_page)) == sorted(r.id for r in log.records)
    assert timelinejs_page.console_errors == []
    assert timelinejs_page.requests_seen == []


def test_headlines_show_as_text_and_markup_never_runs(timelinejs_page: Any) -> None:
    log = timeline.load(FIXTURES / "mixed.yaml")
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    headline = timelinejs_page.evaluate(
        "() => document.querySelector('#exact-day .tl-headline').textContent")
    assert headline == "<script>window.__pwned = 1</script> exact day"
    quote = timelinejs_page.evaluate("() => document.querySelector('#exact-day blockquote').textContent")
    assert 'onerror="window.__pwned=2"' in quote
    assert timelinejs_page.evaluate("() => window.__pwned === undefined")
    assert timelinejs_page.evaluate("() => document.querySelectorAll('.tl-slide img, .tl-slide script').length") == 0
    links = timelinejs_page.evaluate(
        "() => Array.from(document.querySelectorAll('#exact-day a')).map(a => a.getAttribute('href'))")
    assert links == ["https://example.org/story?a=1&b=2"]


def test_periods_become_eras(timelinejs_page: Any) -> None:
    log = timeline.load(FIXTURES / "mixed.yaml")
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    eras = timelinejs_page.evaluate(
        "() => Array.from(document.querySelectorAll('.tl-timeera .tl-headline')).map(e => e.textContent)")
    assert eras == ["An era <em>with</em> markup"]
    assert timelinejs_page.console_errors == []


def test_timelinejs_reads_dates_to_their_precision_and_bce_years(timelinejs_page: Any) -> None:
    log = timeline.load(FIXTURES / "mixed.yaml")
    data = json.loads(export(log, "timelinejs"))
    for event in data["events"]:
        del event["display_date"]  # let TimelineJS write the dates itself from the parts
    render(timelinejs_page, data)
    shown = timelinejs_page.evaluate("""() => Object.fromEntries(
        Array.from(document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)'))
            .map(el => [el.id, el.querySelector('.tl-headline-date').textContent]))""")
    assert shown == {
        "caesar-dies": "March 15, 44 BCE",
        "the-nineties": "1990 — 1999",
        "a-month": "July 2023",
        "a-span": "November 17, 2023 — November 22, 2023",
        "uncertain-week": "May 13, 2024 — May 16, 2024",
        "exact-day": "May 14, 2024",
        "recently": "May 17, 2024",
    }


def test_display_dates_are_shown_as_written(timelinejs_page: Any) -> None:
    log = timeline.load(FIXTURES / "mixed.yaml")
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    shown = timelinejs_page.evaluate(
        "() => document.querySelector('#uncertain-week .tl-headline-date').textContent")
    assert shown == "between 13 and 16 May 2024"


def test_ids_with_dots_and_underscores_still_make_slides(timelinejs_page: Any) -> None:
    log = timeline.loads('title: t\nevents:\n'
                         '  - {id: v1.2_final, title: "Dotted", when: "2024-05-14"}\n'
                         '  - {id: 2024.05-x, title: "Starts with a digit", when: "2024-05"}\n')
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    assert sorted(slide_ids(timelinejs_page)) == ["2024.05-x", "v1.2_final"]
    assert timelinejs_page.console_errors == []


def test_eras_of_one_day_and_of_months_load_cleanly(timelinejs_page: Any) -> None:
    log = timeline.loads('title: t\nperiods:\n'
                         '  - {title: One day, when: "2024-05-14"}\n'
                         '  - {title: Months, when: "2023-07", until: "2023-09"}\n'
                         'events:\n  - {id: a, title: A, when: "2023-08-01"}\n'
                         '  - {id: b, title: B, when: "2024-05-14"}\n')
    data = json.loads(export(log, "timelinejs"))
    assert [(e["start_date"], e["end_date"]) for e in data["eras"]] == [
        # an era ends at the start of the day after its last: TimelineJS refuses an era that ends where it starts
        ({"year": 2024, "month": 5, "day": 14}, {"year": 2024, "month": 5, "day": 15}),
        ({"year": 2023, "month": 7}, {"year": 2023, "month": 10, "day": 1}),
    ]
    render(timelinejs_page, data)
    assert sorted(slide_ids(timelinejs_page)) == ["a", "b"]
    assert timelinejs_page.console_errors == []


def test_years_at_the_ends_of_the_calendar_load(timelinejs_page: Any) -> None:
    log = timeline.loads('title: t\nevents:\n  - {id: a, title: A, when: "-9999-01-01"}\n'
                         '  - {id: b, title: B, when: "9999-12-31"}\n  - {id: c, title: C, when: "0000"}\n')
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    assert slide_ids(timelinejs_page) == ["a", "c", "b"]
    assert timelinejs_page.console_errors == []


# --------------------------------------------------------------------------------------------------------------
# vis-timeline

VIS = HERE / "js" / "node_modules" / "vis-timeline"
VIS_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>vis check</title>
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
</head><body><div id="vis" style="width: 1200px"></div></body></html>
"""


@pytest.fixture
def vis_page(offline_page: Any, tmp_path: Path) -> Any:
    """Give the offline page with vis-timeline loaded from node_modules, or skip saying how to install it."""
    script = VIS / "standalone" / "umd" / "vis-timeline-graph2d.min.js"
    if not script.exists():
        pytest.skip(f"vis-timeline is not installed at {VIS}: run `npm ci --prefix tests/js`")
    page_file = tmp_path / "vis.html"
    page_file.write_text(VIS_PAGE.format(css=(VIS / "styles" / "vis-timeline-graph2d.min.css").as_uri(),
                                     js=script.as_uri()), encoding="utf-8")
    offline_page.goto(page_file.as_uri())
    assert offline_page.evaluate("typeof vis !== 'undefined' && typeof vis.Timeline === 'function'")
    return offline_page


def test_vis_timeline_reads_every_item_with_its_dates(vis_page: Any) -> None:
    log = timeline.load(FIXTURES / "mixed.yaml")
    data = json.loads(export(log, "vis"))
    seen = vis_page.evaluate("""data => {
        const items = new vis.DataSet(data.items), groups = new vis.DataSet(data.groups);
        window.__timeline = new vis.Timeline(document.getElementById('vis'), items, groups, {});
        return items.get().map(i => [i.id, new Date(i.start).getUTCFullYear(), i.type]);
    }""", data)
    assert sorted(seen) == sorted([[i["id"], int(i["start"][:-6]), i["type"]] for i in data["items"]])
    assert [s for s in seen if s[0] == "caesar-dies"] == [["caesar-dies", -43, "point"]]
    vis_page.wait_for_timeout(300)
    drawn = vis_page.evaluate("() => document.querySelectorAll('.vis-item').length")
    assert drawn >= 1
    assert vis_page.evaluate("() => window.__pwned === undefined")
    assert vis_page.console_errors == []
    assert vis_page.requests_seen == []


def test_vis_shows_escaped_content_as_text(vis_page: Any) -> None:
    log = timeline.load(FIXTURES / "mixed.yaml")
    data = json.loads(export(log, "vis"))
    data["items"] = [i for i in data["items"] if i["id"] == "exact-day"]
    text = vis_page.evaluate("""data => {
        const t = new vis.Timeline(document.getElementById('vis'), new vis.DataSet(data.items),
                                   new vis.DataSet(data.groups), {start: '2024-05-01', end: '2024-06-01'});
        return new Promise(resolve => setTimeout(() => resolve(
            document.querySelector('.vis-item .vis-item-content').textContent), 300));
    }""", data)
    assert text == "<script>window.__pwned = 1</script> exact day"
    assert vis_page.evaluate("() => document.querySelectorAll('.vis-item script').length") == 0
    assert vis_page.console_errors == []


def test_open_ended_spans_load_in_timelinejs(timelinejs_page: Any) -> None:
    log = timeline.loads('title: t\nevents:\n'
                         '  - {id: both-open, title: A, when: recently, until: in the future, anchor: "2024-05-17"}\n'
                         '  - {id: before-after, title: B, when: "../2024-05-01", until: "2024-06-01/.."}\n')
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    assert sorted(slide_ids(timelinejs_page)) == ["before-after", "both-open"]
    assert timelinejs_page.console_errors == []


GROUP_PAYLOADS = ["<img src=x onerror=\"window.__pwned='group'\">", "<b>bold</b> & <i>co</i>"]


def test_group_labels_show_as_text_and_never_run(timelinejs_page: Any) -> None:
    """TimelineJS decodes `group` once (stripMarkup) and then sets it with innerHTML: it must hold text twice over."""
    tags = "".join(f"  - {{id: e{n}, title: E{n}, when: '2024-05-1{n}', tags: [{json.dumps(tag)}]}}\n"
                   for n, tag in enumerate(GROUP_PAYLOADS))
    log = timeline.loads("title: t\nevents:\n" + tags)
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    labels = timelinejs_page.evaluate(
        "() => Array.from(document.querySelectorAll('.tl-timegroup-message')).map(e => e.textContent)")
    assert sorted(labels) == sorted(GROUP_PAYLOADS)
    assert timelinejs_page.evaluate("() => document.querySelectorAll('.tl-timegroup-message *').length") == 0
    assert timelinejs_page.evaluate("() => window.__pwned === undefined")
    assert timelinejs_page.requests_seen == []


def test_urls_in_text_are_not_turned_into_links(timelinejs_page: Any) -> None:
    """TimelineJS autolinks URLs in slide text (with an onclick of its own); the export turns that off."""
    log = timeline.loads("title: t\ndescription: see https://evil.example/desc\nevents:\n"
                         "  - {id: a, title: A, when: '2024-05-14', quote: 'see ftp://evil.example/x and "
                         "https://evil.example/y', notes: 'www.evil.example'}\n")
    render(timelinejs_page, json.loads(export(log, "timelinejs")))
    for _ in range(2):
        timelinejs_page.evaluate("() => window.__timeline.goToNext()")
    timelinejs_page.wait_for_timeout(200)
    assert timelinejs_page.evaluate("() => document.querySelectorAll('.tl-slide a, [onclick]').length") == 0
    assert "ftp://evil.example/x" in timelinejs_page.evaluate("() => document.querySelector('#a').innerText")
