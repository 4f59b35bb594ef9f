"""build: write the timeline page and the reports; with --watch, again on every save."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import typer

from ..errors import TimelineError
from ..model import LANES
from . import (ACTOR_OPTION, ANCHOR_OPTION, AS_OF_OPTION, FILE_OPTION, FROM_OPTION, SOURCE_OPTION, TAG_OPTION,
               TO_OPTION, WITHIN_OPTION, app, as_of, limits, out, problem_lines)
from .core import parse_range


Lanes = StrEnum("Lanes", {name: name for name in LANES})  # type: ignore[misc]  # model.LANES, the one list


def _progress(enabled: bool) -> Callable[[str, int, int], None] | None:
    """Give a progress callback that redraws one line on stderr, or None when stderr is not a terminal."""
    if not enabled:
        return None

    def show(name: str, done: int, total: int) -> None:
        line = f"building {name} ({done + 1}/{total})" if name else ""
        sys.stderr.write("\r\x1b[K" + line)  # \x1b[K clears what a longer previous line left
        sys.stderr.flush()
    return show


def build_once(file: Path, out_dir: Path, *, start: str | None, end: str | None, within: bool,
               tags: list[str], actors: list[str], sources: list[str], anchor: str | None, lanes: str,
               show_sources: bool, progress: bool, known: str | None = None) -> list[tuple[Path, bool]]:
    """Give (path, whether it changed) for each file of one build of `file` into `out_dir`, filters applied.

    When the log's bytes, the options and the code are those of the last build into `out_dir` and its files are
    as it left them, they are kept without reading the log any further (`render.stamp.unchanged`)."""
    from ..render import stamp
    from ..console import cache_dir

    show = _progress(progress)
    if show:
        sys.stderr.write(f"\r\x1b[Kreading {file}")
        sys.stderr.flush()
    bounds = limits()
    moment = as_of(known)
    stamps = cache_dir()
    data = stamp.read_log(file, bounds.max_bytes) if stamps is not None else None
    key = None
    if data is not None and stamps is not None:
        try:
            lo, hi = parse_range(start, end, anchor) if start or end else (None, None)
        except TimelineError:
            data = None  # the full build below says what is wrong, with the log's own problems first
        else:
            key = stamp.build_key(data, {
                "file": str(file), "from": lo, "to": hi, "within": within, "tags": tags, "actors": actors,
                "sources": sources, "lanes": lanes, "show_sources": show_sources, "as_of": moment,
                "limits": bounds})
            kept = stamp.unchanged(stamps, out_dir, key)
            if kept is not None:
                return [(path, False) for path in kept]
            stamp.forget(stamps, out_dir)
    from ..log.load import loads, read_bytes
    from ..log.yamltree import decode
    from ..render import build as builder
    from ..render.view import View

    if data is None:
        data = read_bytes(file, bounds)
    log = loads(decode(data, str(file)), path=str(file), limits=bounds, as_of=moment)
    records = None
    if start or end or tags or actors or sources:
        lo, hi = parse_range(start, end, anchor)
        records = log.query(lo, hi, within=within, tags=tags, actors=actors, sources=sources)
    view = View.of(log, records=records, lanes=lanes, show_sources=show_sources)
    written = builder.build_files(log, out_dir, view, progress=show)
    if stamps is not None and key is not None:
        stamp.remember(stamps, out_dir, key, [path for path, _ in written])
    return written


def _summary(paths: list[tuple[Path, bool]]) -> str:
    """Give one line per file: "wrote PATH" when its bytes changed, "unchanged PATH" when it was kept as it was."""
    return "".join(f"{'wrote' if changed else 'unchanged'} {p}\n" for p, changed in paths)


def _state(path: Path) -> tuple[int, int] | None:
    """Give what says a file changed (mtime in ns, size), or None when it is missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def watch(path: Path, rebuild: Callable[[], None], *, interval: float = 0.5, max_checks: int | None = None,
          sleep: Callable[[float], None] = time.sleep, report: Callable[[str], None] = print) -> int:
    """Give how many builds ran: call `rebuild` now and whenever `path` changes, until `max_checks` polls.

    Errors of the log are reported and the loop goes on, so a half-typed edit does not end the watch.
    """
    builds = 0
    last = _state(path)
    missing_said = False

    def run() -> None:
        nonlocal builds
        builds += 1
        try:
            rebuild()
        except TimelineError as exc:
            report(problem_lines(exc))  # escaped and capped, as the CLI prints every refusal

    if last is None:
        report(f"{path}: waiting for the file to appear")
        missing_said = True
    else:
        run()
    checks = 0
    while max_checks is None or checks < max_checks:
        sleep(interval)
        checks += 1
        now = _state(path)
        if now == last:
            continue
        last = now
        if now is None:
            if not missing_said:
                report(f"{path}: the file is gone; waiting for it to come back")
                missing_said = True
            continue
        missing_said = False
        run()
    return builds


@app.command()
def build(
    file: Path = FILE_OPTION,
    out_dir: Path = typer.Option(Path("reports"), "--out", "-o", help="Folder to write into (created if missing).",
                                 show_default=True),
    lanes: Lanes = typer.Option(Lanes("tag"), "--lanes", help="Group the chart's rows by the events' first tag, "
                                                           "first actor, first source, or one row per event."),
    start: str | None = FROM_OPTION,
    end: str | None = TO_OPTION,
    within: bool = WITHIN_OPTION,
    tag: list[str] = TAG_OPTION,
    actor: list[str] = ACTOR_OPTION,
    source: list[str] = SOURCE_OPTION,
    anchor: str | None = ANCHOR_OPTION,
    sources_shown: bool = typer.Option(True, "--sources/--no-sources",
                                       help="Draw each source's publication date as a dotted line."),
    watch_file: bool = typer.Option(False, "--watch", help="Build again whenever the file is saved; "
                                                           "Ctrl-C stops."),
    known: str | None = AS_OF_OPTION,
) -> None:
    """Write the timeline page (timeline.html) and the reports (report.html, .md, .csv, events.json)."""
    progress = sys.stderr.isatty()

    def once() -> list[tuple[Path, bool]]:
        try:
            return build_once(file, out_dir, start=start, end=end, within=within, tags=tag, actors=actor,
                              sources=source, anchor=anchor, lanes=lanes.value, show_sources=sources_shown,
                              progress=progress, known=known)
        finally:
            if progress:
                sys.stderr.write("\r\x1b[K")
                sys.stderr.flush()

    if not watch_file:
        out(_summary(once()))
        return

    def rebuild() -> None:
        began = time.perf_counter()
        paths = once()
        kept = sum(1 for _, changed in paths if not changed)
        out(f"{time.strftime('%H:%M:%S')} built {len(paths)} files in {out_dir}"
            f"{f', {kept} unchanged' if kept else ''} "
            f"({time.perf_counter() - began:.1f} s)\n")
        sys.stdout.flush()

    def report(text: str) -> None:
        from ..safety import visible

        typer.echo(visible(text), err=True)

    typer.echo(f"watching {file}; Ctrl-C to stop", err=True)
    try:
        watch(file, rebuild, report=report, max_checks=_max_checks())
    except KeyboardInterrupt:
        typer.echo("stopped watching", err=True)


def _max_checks() -> int | None:
    """Give the number of polls before --watch stops by itself (TIMELINE_WATCH_MAX_CHECKS; for tests), or None."""
    import os

    value = os.environ.get("TIMELINE_WATCH_MAX_CHECKS")
    return int(value) if value and value.isdigit() else None
