"""The one error family of timeline: every failure a person can act on is a TimelineError."""

from __future__ import annotations


class TimelineError(Exception):
    """Base error: a message, and where it happened (file, line, column; 1-based) when known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.col = col

    def located(self) -> str:
        """Give the one-line form `FILE:LINE:COL: message` (or less, when the place is unknown)."""
        parts = [p for p in (self.path, self.line, self.col) if p is not None]
        where = ":".join(str(p) for p in parts)
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self.located()


class LogError(TimelineError, ValueError):
    """The events log cannot be read or is inconsistent."""


class PhraseError(TimelineError, ValueError):
    """A date phrase cannot be resolved."""


class QueryError(TimelineError, ValueError):
    """A query's arguments are wrong."""


class EditError(TimelineError, ValueError):
    """An edit was refused (it would break the log, or the file changed underneath)."""


class StorageError(TimelineError, OSError):
    """The file system refused a read or write (permissions, full disk, missing folder)."""


class ProblemList(LogError):
    """Several problems found at once (validation); each is a TimelineError with a place."""

    def __init__(self, problems: list[TimelineError]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        super().__init__(
            "\n".join(p.located() for p in problems),
            path=first.path if first else None,
        )

    def located(self) -> str:
        return "\n".join(p.located() for p in self.problems)
