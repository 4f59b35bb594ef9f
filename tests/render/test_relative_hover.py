"""The words a relative event's hover label says about the event it counts from, and the link data the page
gets for it."""

from __future__ import annotations

from typing import Any

import pytest

import timeline
from timeline.render import chart, page
from timeline.render.words import relation_words

# (the phrase as the source wrote it, read against another event; what the hover puts before that event's title)
RELATIONS = [
    # counted on: "N units later" is "N units after"
    ("two days later", "two days after"),
    ("exactly five years later", "exactly five years after"),
    ("a week after", "a week after"),
    ("three months on", "three months after"),
    ("hours later", "hours after"),
    ("shortly after", "shortly after"),
    # counted back
    ("three days earlier", "three days before"),
    ("a week before", "a week before"),
    ("a day prior", "a day before"),
    ("the night before", "the night before"),
    # next / previous
    ("the next day", "the day after"),
    ("the following week", "the week after"),
    ("the previous night", "the night before"),
    # the same day, night, month
    ("that night", "the same night as"),
    ("the same day", "the same day as"),
    ("later that month", "later the same month as"),
    ("Earlier that day,", "earlier the same day as"),
    # anything else keeps its own words
    ("within days", "\u201cwithin days\u201d, counted from"),
]


@pytest.mark.parametrize(("phrase", "words"), RELATIONS)
def test_relation_words(phrase: str, words: str) -> None:
    assert relation_words(phrase) == words


STORY = """title: OpenAI's week
sources:
  ap:
    title: OpenAI board ousts Altman
    publisher: AP
    published: "2023-11-24"
events:
  - id: board-coup
    title: The board removes Sam Altman
    when: "2023-11-17"
    source: ap
  - id: return
    title: Altman agrees to return
    when: two days later
    relative_to: board-coup
    source: ap
  - id: letter
    title: Staff threaten to quit
    when: "2023-11-20"
    source: ap
"""


@pytest.fixture
def story(write_log: Any) -> timeline.Log:
    return timeline.load(write_log(STORY))


def test_hover_names_the_event_it_counts_from(story: timeline.Log) -> None:
    titles = {r.id: r.event.title for r in story.records}
    text = chart.hover_text(story.record("return"), story.sources, titles)
    lines = text.split("<br>")
    assert lines[1:3] == ["Sun 19 November 2023", "two days after: The board removes Sam Altman"]
    assert "after:" not in chart.hover_text(story.record("letter"), story.sources, titles)
    # without the titles (a caller that has only the one record) the id stands in
    assert "two days after: board-coup" in chart.hover_text(story.record("return"), story.sources)


def test_the_page_gets_the_link_only_between_two_drawn_events(story: timeline.Log) -> None:
    spec = chart.chart_spec(story)
    assert spec.links == {"return": ["board-coup"]}
    data = {item["id"]: item for item in page.event_data(story.records, spec)}
    assert data["return"]["relativeTo"] == "board-coup"
    assert "relativeTo" not in data["letter"] and "relativeTo" not in data["board-coup"]
    alone = chart.chart_spec(story, records=[story.record("return"), story.record("letter")])
    assert alone.links == {}
    texts = [t for trace in alone.data for t in trace.get("text", []) if isinstance(t, str)]
    assert any("two days after: The board removes Sam Altman" in t for t in texts)


def test_the_phone_chronology_says_it_too(story: timeline.Log) -> None:
    from timeline.render.chronology import chronology_data
    from timeline.render.rows import rows_of

    data = chronology_data(story, list(story.records), rows_of(story.records, story.sources))
    entries = {e["id"]: e for e in data["entries"]}
    assert entries["return"]["c"] == "two days after: The board removes Sam Altman"
    assert "c" not in entries["letter"]
