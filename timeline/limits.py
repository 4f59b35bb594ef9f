"""Resource bounds for reading a log (Limits), in a module of their own at the bottom floor: a cached query checks
its cache against them without importing the records of timeline.model. timeline.model re-exports the name."""

from __future__ import annotations

import os
from typing import NamedTuple

from .errors import LogError


class Limits(NamedTuple):
    """Resource bounds for reading a log; each can be raised by the environment variable named in its error (a
    NamedTuple, not a dataclass: a cached query checks its cache against them and should not import dataclasses)."""

    max_bytes: int = 256 * 1024 * 1024  # TIMELINE_MAX_BYTES
    max_depth: int = 24  # TIMELINE_MAX_DEPTH
    max_events: int = 2_000_000  # TIMELINE_MAX_EVENTS

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str]) -> Limits:
        """Give limits with any TIMELINE_MAX_* overrides from `environ` applied."""
        values = {}
        for name, env in (("max_bytes", "TIMELINE_MAX_BYTES"), ("max_depth", "TIMELINE_MAX_DEPTH"),
                          ("max_events", "TIMELINE_MAX_EVENTS")):
            raw = environ.get(env)
            if raw:
                try:
                    values[name] = int(raw)
                except ValueError:
                    raise LogError(f"{env}={raw!r} is not a whole number") from None
        return cls(**values)
