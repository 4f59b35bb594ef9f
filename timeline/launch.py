"""The `timeline` console script: the commonest commands before typer is imported, everything else through it.

`timeline --version`, `timeline query ...` and `timeline resolve --jsonl ...` are read here when every argument is
in a plain form (`--opt VALUE`, `--opt=VALUE`, `-f VALUE`, the flags they take), and run by the same bodies the
typer commands call (timeline.console), guarded the same way: the same output, exit codes and messages. Anything
else (help, completion, a mistake, a form not listed here) goes to the typer app untouched, which words it as it
always has; so the plain reader only ever declines, it never refuses.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

#: query's options that take a value: the name its body is given, whether it repeats.
_QUERY_VALUES = {"--file": ("file", False), "-f": ("file", False), "--from": ("start", False),
                 "--to": ("end", False), "--tag": ("tag", True), "--actor": ("actor", True),
                 "--source": ("source", True), "--format": ("fmt", False), "--anchor": ("anchor", False),
                 "--as-of": ("known", False), "--tz": ("tz", False)}
_RESOLVE_VALUES = {"--anchor": ("anchor", False), "--tense": ("tense", False), "--zone": ("zone", False)}
_TENSES = ("past", "future", "either")


def _read(args: list[str], values: dict[str, tuple[str, bool]], flags: dict[str, str]
          ) -> dict[str, object] | None:
    """Give the options of `args` by name, or None when any argument is not in a plain form this reader knows."""
    given: dict[str, object] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in flags and not eq:
            given[flags[name]] = True
            i += 1
            continue
        if name not in values:
            return None
        if not eq:
            if i + 1 == len(args):
                return None
            value = args[i + 1]
            i += 1
        if value.startswith("-") or not value:  # click's own reading of these is left to click
            return None
        key, repeats = values[name]
        if repeats:
            given.setdefault(key, [])
            given[key].append(value)  # type: ignore[attr-defined]
        else:
            given[key] = value
        i += 1
    return given


def plain(argv: list[str]) -> Callable[[], int] | None:
    """Give the work of a command line in a plain form (returning its exit code), or None for the typer app."""
    if argv == ["--version"]:
        def version() -> int:
            from . import __version__

            sys.stdout.write(f"timeline {__version__}\n")
            sys.stdout.flush()
            return 0
        return version
    if not argv:
        return None
    if argv[0] == "query":
        from .render.registry import ROWS

        q = _read(argv[1:], _QUERY_VALUES, {"--within": "within"})
        if q is None or q.get("fmt", "table") not in ROWS:
            return None

        def query() -> int:
            from pathlib import Path

            from .console import query as run

            run(Path(str(q.get("file", "events.yaml"))), q.get("start"), q.get("end"),  # type: ignore[arg-type]
                bool(q.get("within")), q.get("tag", []), q.get("actor", []), q.get("source", []),  # type: ignore[arg-type]
                str(q.get("fmt", "table")), q.get("anchor"), q.get("known"), q.get("tz"))  # type: ignore[arg-type]
            return 0
        return query
    if argv[0] == "resolve" and "--jsonl" in argv:
        r = _read(argv[1:], _RESOLVE_VALUES, {"--jsonl": "jsonl"})
        if r is None or r.get("tense", "past") not in _TENSES:
            return None

        def resolve() -> int:
            from .console import resolve_jsonl

            return resolve_jsonl(r.get("anchor"), r.get("tense"), r.get("zone"))  # type: ignore[arg-type]
        return resolve
    return None


def main() -> None:
    """Run the command line (the console script's entry point)."""
    import signal

    from .console import hold_standard_streams

    hold_standard_streams()

    def terminated(signum: int, frame: object) -> None:
        # SIGTERM unwinds like Ctrl-C does, so a half-written temporary file is removed on the way out
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    work = None if os.environ.get("_TIMELINE_COMPLETE") else plain(sys.argv[1:])  # completion is typer's
    if work is None:
        from .cli import app

        app(prog_name="timeline")
        return
    from .console import forgiving_streams, guarded

    forgiving_streams()
    sys.exit(guarded(work, sys.exit))


if __name__ == "__main__":
    main()
