"""timeline: a sourced chronology in YAML, with dates resolved against each source's publication date.

    import timeline
    log = timeline.load("events.yaml")
    log.query(start=timeline.Day.parse("2024-05-13"), end=timeline.Day.parse("2024-05-17"))
    log.frame()    # pandas DataFrame
    log.figure()   # plotly Figure

Names are imported on first use, so the command line pays only for what a command needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .calendar import Day
    from .errors import LogError, PhraseError, ProblemList, TimelineError
    from .log.load import Log, load, loads
    from .model import Record, ResolvedDate

_LAZY = {
    "Day": "calendar", "LogError": "errors", "PhraseError": "errors", "ProblemList": "errors",
    "TimelineError": "errors", "Log": "log.load", "load": "log.load", "loads": "log.load", "Record": "model",
    "ResolvedDate": "model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'timeline' has no attribute '{name}'")


def resolve(text: str, anchor: Day | str | None = None, *, tense: str = "past") -> ResolvedDate:
    """Give the bounds of a date phrase resolved against an anchor day (a Day or 'YYYY-MM-DD')."""
    from .calendar import Day
    from .dates.resolve import resolve_phrase

    day = Day.parse(anchor) if isinstance(anchor, str) else anchor
    return resolve_phrase(text, day, tense=tense)


__all__ = ["Day", "Log", "LogError", "PhraseError", "ProblemList", "Record", "ResolvedDate", "TimelineError",
           "__version__", "load", "loads", "resolve"]
