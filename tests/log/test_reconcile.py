"""Reconciliation's shortcut for one claim gives exactly the record of its general path."""

from __future__ import annotations

from pathlib import Path

import pytest

import timeline
from timeline.log import reconcile

ROOT = Path(__file__).resolve().parents[2]
LOGS = [ROOT / "events.yaml", *sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))]


def _single_claim_records(log: timeline.Log) -> list[timeline.Record]:
    return [r for r in log.records if len(r.dates) == 1]


def _assert_shortcut_is_the_general_path(log: timeline.Log) -> int:
    checked = 0
    for record in _single_claim_records(log):
        total = reconcile._claim_bounds(record.dates[0])
        if reconcile._empty(total):
            continue
        fast = reconcile._one(record.event, record.dates[0], total)
        assert fast == reconcile._several(record.event, record.dates, [total], total), record.id
        assert fast == record  # and it is what the log holds
        checked += 1
    return checked


@pytest.mark.parametrize("path", LOGS, ids=lambda p: p.name)
def test_one_claim_takes_a_shortcut_to_the_same_record(path: Path) -> None:
    _assert_shortcut_is_the_general_path(timeline.load(path))


def test_the_synthetic_log_of_every_phrase_shape_takes_it_too(tmp_path: Path) -> None:
    import synth  # tests/ holds conftest.py, so pytest puts it on sys.path

    log = timeline.load(synth.write(1000, tmp_path / "events.yaml"))
    assert _assert_shortcut_is_the_general_path(log) > 500


ONE_CLAIM_EACH = """\
sources:
  wire: {title: Wire, published: "2024-05-17T09:12:00-04:00", timezone: America/New_York}
events:
  - {id: morning, title: A daypart, when: Friday morning, source: wire}
  - {id: clock, title: A clock time, when: "Thursday at 9:39 p.m. ET", source: wire}
  - {id: until, title: A span with until, when: "2024-05-01", until: "Friday", source: wire}
  - {id: since, title: One span phrase, when: since March, source: wire}
  - {id: open, title: An open end, when: no earlier than May 2, source: wire}
  - {id: week, title: A week, when: earlier this week, source: wire}
  - {id: none, title: No source, when: "2023-07"}
"""


def test_timed_spanned_and_open_single_claims_take_it_too(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(ONE_CLAIM_EACH, encoding="utf-8")
    log = timeline.load(path)
    assert {r.id for r in log.records if r.zone} >= {"morning", "clock"}  # the instants are exercised
    assert _assert_shortcut_is_the_general_path(log) == 7
