"""timeline: a sourced chronology in YAML, with dates resolved against each source's publication date.

    import timeline
    log = timeline.load("events.yaml")
    log.query(start=timeline.Day.parse("2024-05-13"), end=timeline.Day.parse("2024-05-17"))
    log.frame()    # pandas DataFrame
    log.figure()   # plotly Figure
"""

from __future__ import annotations

from .calendar import Day
from .errors import LogError, PhraseError, ProblemList, TimelineError
from .log import Log, load, loads
from .model import Record, ResolvedDate

__version__ = "0.1.0"


def resolve(text: str, anchor: Day | str | None = None, *, tense: str = "past") -> ResolvedDate:
    """Give the bounds of a date phrase resolved against an anchor day (a Day or 'YYYY-MM-DD')."""
    from .resolver import resolve_phrase

    day = Day.parse(anchor) if isinstance(anchor, str) else anchor
    return resolve_phrase(text, day, tense=tense)


__all__ = ["Day", "Log", "LogError", "PhraseError", "ProblemList", "Record", "ResolvedDate", "TimelineError",
           "__version__", "load", "loads", "resolve"]
