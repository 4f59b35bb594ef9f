"""timeline: a sourced chronology in YAML, with dates resolved against each source's publication date.

    import timeline
    log = timeline.load("events.yaml")
    timeline.query(log, start=timeline.Day.parse("2024-05-13"), end=timeline.Day.parse("2024-05-17"))
    timeline.frame(log)    # pandas DataFrame
    timeline.figure(log)   # plotly Figure

This face is the library's API: `load`, `loads`, `resolve`, `query`, `frame`, `figure` and the records and errors
named in `__all__`. The folders beneath it are the pipeline's stages (see the README's "How the code is laid out").
Names are imported on first use, so the command line pays only for what a command needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    import pandas
    import plotly.graph_objects

    from .calendar import Day
    from .errors import LogError, PhraseError, ProblemList, TimelineError, UsageError
    from .log.load import load, loads
    from .model import Log, Record, ResolvedDate, Tense

_LAZY = {
    "Day": "calendar", "LogError": "errors", "PhraseError": "errors", "ProblemList": "errors",
    "TimelineError": "errors", "UsageError": "errors", "Log": "model", "load": "log.load", "loads": "log.load",
    "Record": "model", "ResolvedDate": "model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'timeline' has no attribute '{name}'")


def resolve(text: str, anchor: Day | str | None = None, *, tense: Tense = "past") -> ResolvedDate:
    """Give the bounds of a date phrase resolved against an anchor day (a Day or 'YYYY-MM-DD')."""
    from .calendar import Day
    from .dates.resolve import resolve_phrase

    day = Day.parse(anchor) if isinstance(anchor, str) else anchor
    return resolve_phrase(text, day, tense=tense)


def query(log: Log, start: Day | None = None, end: Day | None = None, *, within: bool = False,
          tags: Iterable[str] = (), actors: Iterable[str] = (), sources: Iterable[str] = (),
          as_of: Any = None) -> list[Record]:
    """Give the log's records that may overlap [start, end], or with `within` that certainly lie inside it.

    With `as_of` (a Day, date, datetime or ISO text) the records are as known then (`timeline.log.asof.known`):
    only claims whose source was published by then count, and bounds reconcile those."""
    from .log.asof import known
    from .log.query import select

    records = known(log, as_of).records if as_of is not None else log.records
    return select(records, start=start, end=end, within=within, tags=tags, actors=actors, sources=sources)


def frame(log: Log, records: Sequence[Record] | None = None) -> pandas.DataFrame:
    """Give the records (default: all of the log's) as a pandas DataFrame with fixed columns."""
    from .render.frame import to_frame

    return to_frame(log, log.records if records is None else records)


def figure(log: Log, **options: Any) -> plotly.graph_objects.Figure:
    """Give the Plotly timeline figure of a log (shown inline in Jupyter); options: records, lanes, show_sources."""
    from .render.chart import figure as chart_figure

    return chart_figure(log, **options)


__all__ = ["Day", "Log", "LogError", "PhraseError", "ProblemList", "Record", "ResolvedDate", "TimelineError",
           "UsageError", "__version__", "figure", "frame", "load", "loads", "query", "resolve"]
