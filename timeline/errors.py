"""The one error family of timeline: every failure a person can act on is a TimelineError.

    TimelineError                 a message and its place (file, line, column); printed once, by the CLI
    +-- LogError (ValueError)     the events file cannot be read, or is inconsistent
    |   +-- ProblemList           several located problems found in one pass
    +-- PhraseError (ValueError)  a date phrase cannot be resolved
    +-- UsageError (ValueError)   the arguments of a call are wrong (the CLI exits 2)
    +-- EditError (ValueError)    an edit was refused
    |   +-- InvalidEdit           ... because the events file would be invalid after it
    +-- ImportFileError (ValueError)  a file to import cannot be read
    |   +-- ArticleError          ... an article to draft events from: empty, binary, too large, no story in it
    +-- StorageError (OSError)    the file system refused a read or a write

A message may say what to do in words that depend on who is asking: the library names the events file, a limit
or a folder, the command line names its options ("-f FILE", TIMELINE_MAX_BYTES). Such a message holds `{how}`
and names a key of HOW; `located(how=...)` takes another table with the same keys (the CLI's, in cli/).
"""

from __future__ import annotations

from collections.abc import Mapping

#: What to do, in the library's words, by key; `cli.HOW` words the same keys with the command's options.
HOW: Mapping[str, str] = {
    "log-file": "name another events file",
    "log-create": "create it (add with create=True), or name another events file",
    "log-elsewhere": "name another events file",
    "log-not-folder": "name the events file, not its folder",
    # "choose another place{how}": the caller named the place, and knows how to name another
    "out-folder": "",
    "out-file": "",
    "max-bytes": "Limits.max_bytes",
    "max-events": "Limits.max_events",
    "max-depth": "Limits.max_depth",
    "import-format": "name the format: csv, json, jsonl or timelinejs",
    "source-fields": "give the source's published date (and its title, publisher, url) to create it",
    "tz-option": "the zone to show times in",
    "list-events": "the log's event ids are listed by timeline.query(log)",
    "repoint-claims": "(give each a `source:` of its own)",
    "json-export": "(timeline's own JSON export: a list of rows)",
    "validate": "(validate the log)",
}


class TimelineError(Exception):
    """Base error: a message, and where it happened (file, line, column; 1-based) when known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 col: int | None = None, how: str | None = None) -> None:
        self.template = message
        self.how = how
        self.message = message.replace("{how}", HOW[how]) if how else message
        super().__init__(self.message)
        self.path = path
        self.line = line
        self.col = col

    def located(self, how: Mapping[str, str] = HOW) -> str:
        """Give the one-line form `FILE:LINE:COL: message` (or less, when the place is unknown).

        `how` words the message's advice (see HOW); the command line passes its own table.
        """
        message = self.template.replace("{how}", how[self.how]) if self.how else self.message
        parts = [p for p in (self.path, self.line, self.col) if p is not None]
        where = ":".join(str(p) for p in parts)
        return f"{where}: {message}" if where else message

    def lines(self, how: Mapping[str, str] = HOW) -> list[str]:
        """Give the message as located lines: one, or one per problem for the errors that gather several."""
        return [self.located(how)]

    def __str__(self) -> str:
        return self.located()


class LogError(TimelineError, ValueError):
    """The events log cannot be read or is inconsistent."""


class PhraseError(TimelineError, ValueError):
    """A date phrase cannot be resolved."""


class UsageError(TimelineError, ValueError):
    """The arguments of a call are wrong: an unknown format or lane, a missing optional package (exit 2)."""


#: The former name of UsageError, kept for code written against 0.1.
QueryError = UsageError


class EditError(TimelineError, ValueError):
    """An edit was refused (it would break the log, or the file changed underneath)."""


class ImportFileError(TimelineError, ValueError):
    """A file to import cannot be read: the file, and the line (CSV) or event (TimelineJS) that is wrong."""


class ArticleError(ImportFileError):
    """An article cannot be read: empty, binary, too large, not UTF-8, or a web page without an article in it."""


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

    def located(self, how: Mapping[str, str] = HOW) -> str:
        return "\n".join(self.lines(how))

    def lines(self, how: Mapping[str, str] = HOW) -> list[str]:
        return [line for p in self.problems for line in p.lines(how)]


class InvalidEdit(EditError):
    """An edit refused because the log would be invalid after it; `problems` are the loader's, with places."""

    def __init__(self, problems: list[TimelineError], *, path: str, before: bool = False) -> None:
        self.problems = problems
        self.before = before
        self.path = path
        super().__init__(self._text(), path=path)

    def _text(self, how: Mapping[str, str] = HOW) -> str:
        return "\n".join(self.lines(how))

    def lines(self, how: Mapping[str, str] = HOW) -> list[str]:
        """Give one located line per problem, each saying that nothing was written."""
        if self.before:
            tail = (f"; the file already has these problems: fix them {how['validate']} before editing it; "
                    "nothing was written")
        else:
            tail = "; edit refused (lines as they would be after the edit), nothing was written"
        return [line + tail for p in self.problems for line in p.lines(how)]

    def located(self, how: Mapping[str, str] = HOW) -> str:
        return self._text(how)
