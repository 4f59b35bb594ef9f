"""The `timeline` command: a few lines per command over the library.

This package is the only place that reads the clock or the environment, prints, or exits. Every TimelineError is
caught once, in `_Group.invoke`, and printed as `FILE:LINE:COL: message`, its advice worded by HOW.

Each command imports the library it calls inside its own body: typer imports every command module to build the
app, so an import at the top of one is paid by every command, `timeline --version` and a cached `query`
included. At the top stand only what the app's options need to exist (the format and lane names).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from . import complete
# The plain half (no typer) lives in timeline.console; these names are the command modules' and the tests'.
from ..console import forgiving_streams
from ..console import EXIT_PROBLEM as EXIT_PROBLEM
from ..console import EXIT_USAGE as EXIT_USAGE
from ..console import HOW as HOW
from ..console import MAX_PROBLEMS as MAX_PROBLEMS
from ..console import as_of as as_of
from ..console import cache_dir as cache_dir
from ..console import guarded as guarded
from ..console import limits as limits
from ..console import out as out
from ..console import problem_lines as problem_lines
from ..console import today as today
from ..console import warn as warn


class _Group(TyperGroup):
    """The command group; turns the library's one error type into a message and an exit code.

    Nothing gets past it as a traceback: a closed pipe (`timeline import F | head -1`) is not a failure (the work is
    done; exit 0), running out of memory or nesting says so, and anything else is reported on one line as a bug.
    """

    def invoke(self, ctx: Any) -> Any:  # typer's Context class moved between releases
        forgiving_streams()
        return guarded(lambda: super(_Group, self).invoke(ctx), ctx.exit, (typer.Exit, typer.Abort))


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
    """Run the command line through typer alone (the console script is timeline.launch.main, which reads the
    commonest commands before typer is imported and hands the rest here)."""
    import signal

    from ..console import hold_standard_streams

    hold_standard_streams()

    def terminated(signum: int, frame: object) -> None:
        # SIGTERM unwinds like Ctrl-C does, so a half-written temporary file is removed on the way out
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    app(prog_name="timeline")


# Command modules register themselves on `app`.
from . import build, core, edit, exchange, article  # noqa: E402,F401
