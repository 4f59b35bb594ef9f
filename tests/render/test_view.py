"""The View: made and checked once, then passed whole to the page, the chart and the reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import timeline
from timeline.render import chart
from timeline.render.build import render
from timeline.render.rows import record_row
from timeline.render.view import View


@pytest.fixture(scope="module")
def seed() -> timeline.Log:
    return timeline.load(Path(__file__).resolve().parents[2] / "events.yaml")


def test_lanes_are_checked_once_when_the_view_is_made(seed: timeline.Log) -> None:
    with pytest.raises(timeline.UsageError, match="lanes must be one of tag, actor, source, event, not 'colour'"):
        View.of(seed, lanes="colour")


def test_the_rows_are_made_once_and_shared(seed: timeline.Log) -> None:
    view = View.of(seed, records=seed.records[:3])
    assert view.rows is view.rows
    assert view.rows == [record_row(r, seed.sources) for r in seed.records[:3]]


def test_a_view_draws_what_the_loose_options_draw(seed: timeline.Log) -> None:
    view = View.of(seed, records=seed.records[1:], lanes="actor", show_sources=False)
    assert chart.chart_spec(seed, view) == chart.chart_spec(seed, records=seed.records[1:], lanes="actor",
                                                           show_sources=False)
    assert render(seed, View.of(seed)) == render(seed)


def test_the_library_figure_still_takes_the_options(seed_path: Path) -> None:
    log = timeline.load(seed_path)
    assert timeline.figure(log, records=log.records[:2], lanes="event", show_sources=False).data
