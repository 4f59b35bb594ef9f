"""Shell completion from the log: event ids, tags, actors and source ids (`timeline --install-completion`).

Each function is called only while the shell asks for completions; it reads the log named by `-f` (default
./events.yaml) and gives the values that start with what was typed. A log that cannot be read completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def _values(ctx: Any, pick: Callable[[Any], Iterable[str]], incomplete: str) -> list[str]:
    from ..errors import TimelineError
    from ..log.load import load

    file = ctx.params.get("file") if ctx is not None else None
    try:
        log = load(Path(file or "events.yaml"))
    except (TimelineError, OSError):
        return []
    return sorted({v for v in pick(log) if v.startswith(incomplete)})


def event_ids(ctx: Any, incomplete: str) -> list[str]:
    """Give the event ids that start with `incomplete`."""
    return _values(ctx, lambda log: (e.id for e in log.events), incomplete)


def tags(ctx: Any, incomplete: str) -> list[str]:
    """Give the tags that start with `incomplete`."""
    return _values(ctx, lambda log: (t for e in log.events for t in e.tags), incomplete)


def actors(ctx: Any, incomplete: str) -> list[str]:
    """Give the actors that start with `incomplete`."""
    return _values(ctx, lambda log: (a for e in log.events for a in e.actors), incomplete)


def source_ids(ctx: Any, incomplete: str) -> list[str]:
    """Give the source ids that start with `incomplete`."""
    return _values(ctx, lambda log: log.sources, incomplete)
