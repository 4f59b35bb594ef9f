"""The library use the README shows: load, frame, query, figure; the example runs exactly as written."""

from __future__ import annotations

import contextlib
import datetime
import io
from pathlib import Path

import pytest

import timeline

ROOT = Path(__file__).resolve().parent.parent

#: The README's library example, verbatim (README "Use it from Python"); run from the folder of events.yaml.
EXAMPLE = '''\
import timeline

log = timeline.load("events.yaml")
frame = timeline.frame(log)  # a pandas DataFrame: one row per event, fixed columns
print(frame[["id", "start", "end", "precision", "edtf"]].head(3).to_string(index=False))

week = timeline.query(log, start=timeline.Day.parse("2024-05-13"), end=timeline.Day.parse("2024-05-17"), within=True)
print([record.id for record in week])

figure = timeline.figure(log)  # a Plotly figure; in Jupyter it shows itself inline
'''



def test_the_readme_example_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    import plotly.graph_objects as go

    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(EXAMPLE, "README example", "exec"), namespace)
    lines = printed.getvalue().splitlines()
    log = timeline.load(ROOT / "events.yaml")
    assert [line.split() for line in lines[:4]] == [
        ["id", "start", "end", "precision", "edtf"],
        *([r.id, r.start.iso(), r.end.iso(), r.precision, r.edtf] for r in log.records[:3]),  # type: ignore[union-attr]
    ]
    # on 17 May the day-only event sorts before "Friday morning", which has a time of day
    assert lines[4:] == [repr(["leike-resigns", "schulman-takes-over", "sutskever-leaves",
                               "superalignment-disbanded", "leike-posts"])]
    assert isinstance(namespace["figure"], go.Figure)


def test_the_readme_shows_the_example_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert EXAMPLE in readme


def test_frame_dates_are_strings_with_signed_years_and_day_numbers() -> None:
    log = timeline.loads('title: t\nevents:\n  - {id: ides, title: Caesar dies, when: "-0043-03-15"}\n'
                         '  - {id: now, title: Now, when: "2024-05-14"}\n')
    frame = log.frame()
    assert list(frame["start"]) == ["-0043-03-15", "2024-05-14"]
    assert list(frame["start_day"]) == [timeline.Day.of(-43, 3, 15).ordinal, timeline.Day.of(2024, 5, 14).ordinal]
    # exact day arithmetic across the era boundary: the Gregorian calendar repeats every 400 years (146097 days),
    # so 44 BC (-43) falls as many days before 2024 as AD 357 does, plus one cycle
    assert frame["start_day"].diff().iloc[1] == (datetime.date(2024, 5, 14) - datetime.date(357, 3, 15)).days + 146097


def test_frame_of_a_query_and_figure_type() -> None:
    import plotly.graph_objects as go

    log = timeline.load(ROOT / "events.yaml")
    chosen = log.query(start=timeline.Day.parse("2024-05-14"), end=timeline.Day.parse("2024-05-14"))
    frame = log.frame(chosen)
    assert list(frame["id"]) == [r.id for r in chosen]
    assert "sutskever-leaves" in set(frame["id"])
    assert isinstance(log.figure(), go.Figure)


def test_exports_are_reachable_from_the_library() -> None:
    from timeline.exchange.exports import export

    log = timeline.load(ROOT / "events.yaml")
    assert export(log, "edtf").splitlines()[0] == "openai-founded\t2015-12-11"  # type: ignore[union-attr]


def test_the_log_shorthands_are_the_face_functions() -> None:
    log = timeline.load(ROOT / "events.yaml")
    may = {"start": timeline.Day.parse("2024-05-13"), "end": timeline.Day.parse("2024-05-17")}
    assert log.query(**may, within=True) == timeline.query(log, **may, within=True)
    assert log.frame().equals(timeline.frame(log))
    assert log.figure(lanes="actor").to_json() == timeline.figure(log, lanes="actor").to_json()
