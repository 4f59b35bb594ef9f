"""The phone's chronology as the page carries it (page.chronology_data): where each event is listed, its mark and
words, and what a tap opens."""

from __future__ import annotations

import pytest

import timeline
from timeline.render.page import chronology_data
from timeline.render.view import View

LOG = """
title: t
sources:
  s: {title: "The Post", publisher: Daily, url: "https://example.org/a", published: "2024-05-17"}
  bare: {title: Bare, published: "2024-05-17"}
events:
  - {id: day, title: A day, when: "2024-05-14", source: s, quote: "we left"}
  - {id: week, title: A week, when: earlier this week, source: s}
  - {id: july, title: Last July, when: last July, source: s}
  - {id: year, title: A year, when: "1987"}
  - {id: span, title: A span, when: "2023-11-17", until: "2023-12-22"}
  - {id: across, title: Across months, when: "2024-04-29", until: "2024-05-02", source: bare}
  - {id: vague-span, title: From 1987, when: "1987", until: "1988-01-01"}
  - {id: open, title: Recently, when: recently, source: s}
  - {id: plan, title: Next week, when: next week, source: s, tense: future}
"""


@pytest.fixture(scope="module")
def entries() -> dict[str, dict[str, object]]:
    log = timeline.loads(LOG)
    view = View.of(log)
    data = chronology_data(log, view.records, view.rows)
    out = {}
    for entry in data["entries"]:
        line, url, name = data["sources"][entry["s"]]
        out[entry["id"]] = entry | {"line": line, "url": url, "name": name}
    return out


@pytest.mark.parametrize(("event", "group", "kind", "how"), [
    # a day, and a band inside one month: under the month
    ("day", "May 2024", "exact", "exact day"),
    ("week", "May 2024", "uncertain", "uncertain, to the week"),
    ("july", "July 2023", "uncertain", "uncertain, to the month"),
    # a band wider than a month: under its year, not under its first month
    ("year", "1987", "uncertain", "uncertain, to the year"),
    # a span: under the month it starts in, or the year when its start is known to the year only
    ("span", "November 2023", "span", "span"),
    ("across", "April 2024", "span", "span"),
    ("vague-span", "1987", "span", "span"),
    # open-ended: by the day it has
    ("open", "May 2024", "open", "open-ended"),
])
def test_each_event_is_listed_under_its_month_or_year_with_its_mark(
        entries: dict[str, dict[str, object]], event: str, group: str, kind: str, how: str) -> None:
    got = entries[event]
    assert (got["g"], got["k"], got["h"]) == (group, kind, how)


def test_a_tap_opens_the_quote_the_source_and_a_safe_link_only(entries: dict[str, dict[str, object]]) -> None:
    day = entries["day"]
    assert day["q"] == "we left" and day["line"] == "The Post (Daily), 2024-05-17"
    assert day["url"] == "https://example.org/a" and day["name"] == "The Post"
    assert entries["across"]["url"] is None and entries["across"]["line"] == "Bare, 2024-05-17"  # no link
    assert entries["plan"].get("p") == 1 and "p" not in day  # planned, said so
