"""The command line's plain half: what `timeline` does without typer, so the commonest commands start fast.

typer and click cost about 50 ms to import, paid before a command does anything. `timeline.launch` (the console
script) runs `timeline --version`, `timeline query ...` and `timeline resolve --jsonl ...` through this module when
their arguments are in the plain forms it reads, and hands everything else to the typer app (`timeline.cli`), which
calls the same functions here: one body per command, whichever way it was reached.

Here live the words for advice (HOW), how a refusal is printed (`problem_lines`), the one guard that turns the
library's errors into a message and an exit code (`guarded`), the clock and the environment (`today`, `limits`,
`cache_dir`), printing (`out`, `warn`), and the bodies of `query` and `resolve --jsonl`. It never imports typer.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PhraseError, TimelineError, UsageError

if TYPE_CHECKING:
    from .calendar import Day
    from .limits import Limits
    from .model import Tense

# Exit codes: 1 for a problem in the log or a refused edit, 2 for a usage mistake.
EXIT_PROBLEM = 1
EXIT_USAGE = 2

#: What to do, in the command line's words: errors.HOW's keys, naming the options and environment variables.
HOW = {
    "log-file": "name another with -f FILE",
    "log-create": "create it (`timeline add --create ...`), or name another with -f FILE",
    "log-elsewhere": "name another file with -f",
    "log-not-folder": "name the events file with -f FILE",
    "out-folder": " with -o DIR",
    "out-file": " with -o FILE",
    "max-bytes": "TIMELINE_MAX_BYTES",
    "max-events": "TIMELINE_MAX_EVENTS",
    "max-depth": "TIMELINE_MAX_DEPTH",
    "import-format": "give --format csv, json, jsonl or timelinejs",
    "source-fields": "give its date with --published (and --title, --publisher, --url), or draft from the saved "
                     "web page",
    "tz-option": "--tz",
    "list-events": "`timeline query` lists them",
    "repoint-claims": "(`timeline edit ID --source ...`)",
    "json-export": "(`timeline export --format json`)",
    "validate": "(see `timeline validate`)",
}


#: How many problems a refusal prints; the rest are counted (200,000 unknown keys are not 200,000 lines).
MAX_PROBLEMS = 100


def problem_lines(exc: TimelineError) -> str:
    """Give a refusal as lines for a terminal: one located line per problem, at most MAX_PROBLEMS of them (the
    rest counted). Messages quote the log's own text: its control characters are shown (a line break inside a
    quoted value as \\n), never acted on by the terminal."""
    from .safety import visible

    lines = exc.lines(HOW)
    shown = [visible(line).replace("\n", "\\n") for line in lines[:MAX_PROBLEMS]]
    if len(lines) > MAX_PROBLEMS:
        shown.append(f"... and {len(lines) - MAX_PROBLEMS:,} more problems (the first {MAX_PROBLEMS} are shown; fix "
                     "those and run the command again)")
    return "\n".join(shown)


def forgiving_streams() -> None:
    """Let stdout and stderr print any text: a file name or phrase with bytes that are not UTF-8 (kept by Python
    as lone surrogates) is shown escaped, instead of stopping the command on a strict UTF-8 terminal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # one that cannot be reconfigured keeps its own policy
                reconfigure(errors="backslashreplace")


def stdout_gone() -> None:
    """Point stdout at /dev/null after its reader left, so Python's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to flush
        pass


def say(text: str) -> None:
    """Write one line on stderr as typer.echo(..., err=True) does: the text, a line end, a flush."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def guarded(work: Callable[[], Any], exit: Callable[[int], Any],
            passed: tuple[type[BaseException], ...] = ()) -> Any:
    """Run `work`; turn the library's one error type into its message and an exit code (`exit(code)`).

    Nothing gets past it as a traceback: a closed pipe (`timeline import F | head -1`) is not a failure (the work is
    done; exit 0), running out of memory or nesting says so, and anything else is reported on one line as a bug.
    `passed` are exceptions that go on unchanged (the command line's own exits and usage mistakes)."""
    try:
        return work()
    except TimelineError as exc:
        say(problem_lines(exc))
        return exit(EXIT_USAGE if isinstance(exc, UsageError) else EXIT_PROBLEM)
    except KeyboardInterrupt:
        say("interrupted")
        return exit(130)
    except BrokenPipeError:
        stdout_gone()
        return exit(0)
    except MemoryError:
        say("out of memory: the input is too large for this machine; lower it, or raise the memory available "
            "(nothing was written)")
        return exit(EXIT_PROBLEM)
    except RecursionError:
        say("the input is nested too deeply to read (nothing was written)")
        return exit(EXIT_PROBLEM)
    except SystemExit:
        raise
    except Exception as exc:  # the promise is one line, never a traceback
        if isinstance(exc, passed) or any(kind.__name__ == "ClickException" for kind in type(exc).__mro__):
            raise  # the command line's own exits, and usage mistakes it words itself (exit 2)
        from .safety import visible

        say(visible(f"internal error: {type(exc).__name__}: {exc}"[:500]) + " (this is a bug in timeline; "
            "please report it with the command; nothing was written)")
        return exit(EXIT_PROBLEM)


def today() -> Day:
    """Give today's date in the local time zone: the command line is the one place that reads the clock."""
    import datetime

    from .calendar import Day

    return Day.from_date(datetime.date.today())


def as_of(text: str | None, name: str = "--as-of") -> str | Day | None:
    """Give what --as-of (or the argument `name`) means for the library: None, today for 'now'/'today', else the
    text, checked here so that a mistake names the option."""
    if text is None:
        return None
    if text.strip().casefold() in ("now", "today"):
        return today()
    from .log.asof import as_of as parse

    try:
        parse(text)
    except UsageError:
        raise UsageError(f"{name} '{text}': give a day (YYYY-MM-DD), a timestamp (2024-05-17T08:00:00Z) "
                         "or 'now'") from None
    return text


def limits() -> Limits:
    """Give the resource limits, with TIMELINE_MAX_* overrides from the environment."""
    from .limits import Limits

    return Limits.from_env(os.environ)


def out(text: str) -> None:
    """Write text to stdout: as it is into a file or a pipe (data stays exact), with control and bidi characters
    shown as escapes on a terminal (a CSV or JSON cell must not move the cursor or recolour the screen)."""
    if sys.stdout.isatty():
        from .safety import visible

        text = visible(text)
    sys.stdout.write(text)


def warn(text: str) -> None:
    """Print a warning line on stderr, its control characters shown."""
    from .safety import visible

    say(visible(text))


def anchor_day(text: str | None) -> Day:
    """Give the day --anchor names (default today), or refuse it in the option's words."""
    from .calendar import Day

    if text is None:
        return today()
    try:
        return Day.parse(text)
    except ValueError as exc:
        raise UsageError(f"--anchor {exc}; write it as YYYY-MM-DD") from None


def parse_range(start: str | None, end: str | None, anchor: str | None) -> tuple[Day | None, Day | None]:
    """Give (first day, last day) of a --from/--to pair; phrases resolve against the anchor (default today)."""
    from .dates.ranges import parse_range as dates_range

    return dates_range(start, end, lambda: anchor_day(anchor), names=("--from", "--to"))


def cache_dir() -> Path | None:
    """Give the cache folder, or None when TIMELINE_NO_CACHE is set."""
    from .cache import default_dir

    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    return default_dir(os.environ)


# --- query ---------------------------------------------------------------------------------------------------------

def query(file: Path, start: str | None, end: str | None, within: bool, tag: list[str], actor: list[str],
          source: list[str], fmt: str, anchor: str | None, known: str | None, tz: str | None) -> None:
    """`timeline query`: list events in a date range, sorted by start, end and id; an empty answer says why."""
    from .cache import query_facts, query_rows
    from .render.registry import ROWS, writer_of
    from .render.timed import after_instant, before_instant, in_zone, instant_of

    start_text, start_at = instant_of(start, "--from")
    end_text, end_at = instant_of(end, "--to")
    lo, hi = parse_range(start_text, end_text, anchor)
    folder = cache_dir()
    moment = as_of(known)
    filters = {"tags": ("--tag", tag), "actors": ("--actor", actor), "sources": ("--source", source)}
    facts = query_facts(file, cache_dir=folder, limits=limits(), as_of=moment) if tag or actor or source else None
    if facts is not None:
        for name, (option, given) in filters.items():
            _known(file, option, given, facts[name])
    rows = query_rows(file, cache_dir=folder, start=lo, end=hi, within=within, tags=tag, actors=actor,
                      sources=source, limits=limits(), as_of=moment, warn=warn)
    if start_at is not None:
        rows = [row for row in rows if after_instant(row, start_at, within)]
    if end_at is not None:
        rows = [row for row in rows if before_instant(row, end_at, within)]
    if tz is not None:
        rows = in_zone(rows, tz)
    if fmt == "table":
        from .render.formats import to_table

        text = to_table(rows, total=_terminal_width()) if rows else ""
    else:
        text = writer_of(ROWS[fmt])(rows)
    if not rows:
        facts = facts or query_facts(file, cache_dir=folder, limits=limits(), as_of=moment)
        sides = [(t, a) for t, a in ((start_text, "--from"), (end_text, "--to")) if t is not None]
        why = _why_empty(lo, hi, within, filters, facts, sides, anchor)
        if fmt == "table":
            text = why + "\n"
        else:
            warn(f"{file}: {why}")
    out(text)


def _terminal_width() -> int | None:
    """Give the width of the terminal the table goes to (COLUMNS when set), or None when it goes elsewhere."""
    import shutil

    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _known(file: Path, option: str, given: list[str], known: set[str]) -> None:
    """Refuse a filter value the log never uses, with the nearest one and the known ones."""
    import difflib

    for value in given:
        if value.casefold() in known:
            continue
        close = difflib.get_close_matches(value.casefold(), sorted(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        shown = sorted(known)
        listed = ", ".join(shown[:20]) + (f" and {len(shown) - 20} more" if len(shown) > 20 else "")
        what = option.removeprefix("--")
        raise UsageError(f"{option} '{value}': no event has this {what}{hint}; known: {listed or 'none'}",
                         path=str(file))


def _day_words(day: Day) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _why_empty(lo: Day | None, hi: Day | None, within: bool, filters: dict[str, tuple[str, list[str]]],
               facts: dict[str, object], given: list[tuple[str, str]], anchor: str | None) -> str:
    """Give one line saying why a query found nothing: the range asked, the log's own range, the anchor used."""
    first, last = facts["first"], facts["last"]
    if first is None and last is None:
        return "no events: the log has none with a known date yet"
    if lo is not None and hi is not None:
        same_year = lo.year == hi.year
        asked = (f"between {lo.day} {_MONTHS[lo.month - 1]}{'' if same_year else ' ' + str(lo.year)} and "
                 f"{_day_words(hi)}")
    elif lo is not None:
        asked = f"from {_day_words(lo)} on"
    elif hi is not None:
        asked = f"up to {_day_words(hi)}"
    else:
        asked = ""
    chosen = [f"{option} {', '.join(values)}" for option, values in filters.values() if values]
    what = "no events" + (f" with {' and '.join(chosen)}" if chosen else "")
    what += f" {'certainly ' if within else ''}{asked}" if asked else ""
    runs = (f"the log runs from {_day_words(first)} to {_day_words(last)}"  # type: ignore[arg-type]
            if first is not None and last is not None else "")
    line = f"{what}; {runs}" if runs else what
    if anchor is None:
        from .calendar import Day
        from .dates.resolve import resolve_phrase

        base = today()
        for text, option in given:
            try:
                Day.parse(text)
                continue
            except ValueError:
                pass
            if resolve_phrase(text, base).anchor is not None:
                line += (f" ({option} '{text}' was read against today, {_day_words(base)}; give --anchor YYYY-MM-DD "
                         "to read it against another day)")
    return line


# --- resolve -------------------------------------------------------------------------------------------------------

def resolve_anchor(anchor: str | None, zone: str | None) -> tuple[Any, Any, Any]:
    """Give (anchor day, anchor instant, zone for times) of resolve's --anchor and --zone, refused in their words."""
    from .dates.batch import anchor_reading

    try:
        return anchor_reading(anchor, zone, None if anchor else today())
    except ValueError as exc:
        raise UsageError(f"--anchor {exc}; write it as YYYY-MM-DD or a timestamp like 2024-05-17T09:12:00-04:00") \
            from None
    except PhraseError as exc:
        raise UsageError(f"--zone/--anchor: {exc.message}") from None


def resolve_jsonl(anchor: str | None, tense: Tense | None, zone: str | None) -> int:
    """`timeline resolve --jsonl`: read JSON lines on stdin, write one JSON line each; give the exit code (1 when a
    line could not be resolved)."""
    import json

    from .dates.batch import bounded_lines, resolve_lines

    day, now, _ = resolve_anchor(anchor, zone)
    # a line without its own anchor falls back like a single phrase does: --anchor, else today
    failed = 0
    lines = bounded_lines(sys.stdin.buffer, limits().max_bytes)  # an endless line or stream is refused
    encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False) makes one a call
    shown = visible_on_terminal()
    write = sys.stdout.write
    for result in resolve_lines(lines, day, tense or "past", explicit=tense is not None, default_zone=zone,
                                default_now=now):
        failed += "error" in result
        write(shown(encode(result) + "\n"))
    return 1 if failed else 0


def visible_on_terminal() -> Callable[[str], str]:
    """Give what `out` does to text, decided once: control characters shown on a terminal, nothing elsewhere."""
    if sys.stdout.isatty():
        from .safety import visible

        return visible
    return str


def hold_standard_streams() -> None:
    """Give a closed stdin, stdout or stderr (`timeline query >&-`) /dev/null instead.

    Left closed, its number is the first one the next open gets: a temporary file or the log itself would become
    "stdout", and what the command prints would go into it. So each closed one is filled with /dev/null before
    anything is opened: what would be printed there goes nowhere, as into a pipe whose reader has left.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
            stream = open(fd, mode, encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
            setattr(sys, name, stream)  # it lives as long as the process
