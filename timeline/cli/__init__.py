"""The `timeline` command: a few lines per command over the library.

This package is the only place that reads the clock or the environment, prints, or exits. Every TimelineError is
caught once, in `_Group.invoke`, and printed as `FILE:LINE:COL: message`, its advice worded by HOW.

Each command imports the library it calls inside its own body: typer imports every command module to build the
app, so an import at the top of one is paid by every command, `timeline --version` and a cached `query`
included. At the top stand only what the app's options need to exist (the format and lane names).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from ..errors import UsageError, TimelineError
from . import complete

if TYPE_CHECKING:
    from ..calendar import Day
    from ..model import Limits

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
    from ..safety import visible

    lines = exc.lines(HOW)
    shown = [visible(line).replace("\n", "\\n") for line in lines[:MAX_PROBLEMS]]
    if len(lines) > MAX_PROBLEMS:
        shown.append(f"... and {len(lines) - MAX_PROBLEMS:,} more problems (the first {MAX_PROBLEMS} are shown; fix "
                     "those and run the command again)")
    return "\n".join(shown)


def _forgiving_streams() -> None:
    """Let stdout and stderr print any text: a file name or phrase with bytes that are not UTF-8 (kept by Python
    as lone surrogates) is shown escaped, instead of stopping the command on a strict UTF-8 terminal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # one that cannot be reconfigured keeps its own policy
                reconfigure(errors="backslashreplace")


def _stdout_gone() -> None:
    """Point stdout at /dev/null after its reader left, so Python's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to flush
        pass


class _Group(TyperGroup):
    """The command group; turns the library's one error type into a message and an exit code.

    Nothing gets past it as a traceback: a closed pipe (`timeline import F | head -1`) is not a failure (the work is
    done; exit 0), running out of memory or nesting says so, and anything else is reported on one line as a bug.
    """

    def invoke(self, ctx: Any) -> Any:  # typer's Context class moved between releases
        _forgiving_streams()
        try:
            return super().invoke(ctx)
        except TimelineError as exc:
            typer.echo(problem_lines(exc), err=True)
            ctx.exit(EXIT_USAGE if isinstance(exc, UsageError) else EXIT_PROBLEM)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            _stdout_gone()
            ctx.exit(0)
        except MemoryError:
            typer.echo("out of memory: the input is too large for this machine; lower it, or raise the memory "
                       "available (nothing was written)", err=True)
            ctx.exit(EXIT_PROBLEM)
        except RecursionError:
            typer.echo("the input is nested too deeply to read (nothing was written)", err=True)
            ctx.exit(EXIT_PROBLEM)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # the promise is one line, never a traceback
            if any(kind.__name__ == "ClickException" for kind in type(exc).__mro__):
                raise  # a usage mistake, which the command line words itself (exit 2)
            from ..safety import visible

            typer.echo(visible(f"internal error: {type(exc).__name__}: {exc}"[:500]) + " (this is a bug in timeline; "
                       "please report it with the command; nothing was written)", err=True)
            ctx.exit(EXIT_PROBLEM)


app = typer.Typer(
    cls=_Group,
    help="Keep a sourced chronology in events.yaml: resolve its date phrases, check it, query it, build it.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FILE_OPTION = typer.Option(Path("events.yaml"), "--file", "-f", help="The events log.", show_default=True)

# The options that choose events, shared by query, build and export so they read the same everywhere.
FROM_OPTION = typer.Option(None, "--from", help="First day: a date or a phrase ('last July').")
TO_OPTION = typer.Option(None, "--to", help="Last day: a date or a phrase.")
WITHIN_OPTION = typer.Option(False, "--within", help="Only events certainly inside the range "
                                                     "(default: every event that may overlap it).")
TAG_OPTION = typer.Option([], "--tag", help="Only events with this tag (repeat for any of several).",
                          autocompletion=complete.tags)
ACTOR_OPTION = typer.Option([], "--actor", help="Only events with this actor (repeatable).",
                            autocompletion=complete.actors)
SOURCE_OPTION = typer.Option([], "--source", help="Only events claimed by this source id (repeatable).",
                             autocompletion=complete.source_ids)
AS_OF_OPTION = typer.Option(None, "--as-of", metavar="DATE",
                            help="The log as known then (a day, a timestamp, or 'now'): only claims whose source "
                                 "was published on or before it count; claims with no source always do.")
ANCHOR_OPTION = typer.Option(None, "--anchor", help="Day that --from/--to phrases are relative to; "
                                                    "default today.")


def today() -> Day:
    """Give today's date in the local time zone: the CLI is the one place that reads the clock."""
    import datetime

    from ..calendar import Day

    return Day.from_date(datetime.date.today())


def as_of(text: str | None, name: str = "--as-of") -> str | Day | None:
    """Give what --as-of (or the argument `name`) means for the library: None, today for 'now'/'today', else the
    text, checked here so that a mistake names the option."""
    if text is None:
        return None
    if text.strip().casefold() in ("now", "today"):
        return today()
    from ..errors import UsageError
    from ..log.asof import as_of as parse

    try:
        parse(text)
    except UsageError:
        raise UsageError(f"{name} '{text}': give a day (YYYY-MM-DD), a timestamp (2024-05-17T08:00:00Z) "
                         "or 'now'") from None
    return text


def limits() -> Limits:
    """Give the resource limits, with TIMELINE_MAX_* overrides from the environment."""
    from ..model import Limits

    return Limits.from_env(os.environ)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Keep a sourced chronology in events.yaml: resolve its date phrases, check it, query it, build it."""


def main() -> None:
    """Run the command line (the console script's entry point)."""
    import signal

    def terminated(signum: int, frame: object) -> None:
        # SIGTERM unwinds like Ctrl-C does, so a half-written temporary file is removed on the way out
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    app(prog_name="timeline")


def out(text: str) -> None:
    """Write text to stdout: as it is into a file or a pipe (data stays exact), with control and bidi characters
    shown as escapes on a terminal (a CSV or JSON cell must not move the cursor or recolour the screen)."""
    from ..safety import visible

    if sys.stdout.isatty():
        text = visible(text)
    sys.stdout.write(text)


def warn(text: str) -> None:
    """Print a warning line on stderr, its control characters shown."""
    from ..safety import visible

    typer.echo(visible(text), err=True)


# Command modules register themselves on `app`.
from . import build, core, edit, exchange, article  # noqa: E402,F401
