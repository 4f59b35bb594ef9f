"""export, import: the log out to other tools' formats, and other tools' files into the log."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

import typer

from ..errors import UsageError
from . import (ANCHOR_OPTION, AS_OF_OPTION, FILE_OPTION, FROM_OPTION, TAG_OPTION, TO_OPTION, WITHIN_OPTION, app, as_of,
               limits, out, warn)
from .core import parse_range
from ..render.registry import EXPORTS, IMPORTS

# The choices are the registry's names: reading them imports no writer and no reader
ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORTS})  # type: ignore[misc]
ImportFormat = StrEnum("ImportFormat", {name: name for name in IMPORTS})  # type: ignore[misc]


def _either(names: Iterable[str]) -> str:
    """Give names as a choice in words: 'a, b or c'."""
    *most, last = names
    return f"{', '.join(most)} or {last}" if most else last


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", help=f"{_either(EXPORTS)}."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                          help="Write to this file (default: stdout; parquet needs a file)."),
    file: Path = FILE_OPTION,
    start: str | None = FROM_OPTION,
    end: str | None = TO_OPTION,
    within: bool = WITHIN_OPTION,
    tag: list[str] = TAG_OPTION,
    anchor: str | None = ANCHOR_OPTION,
    known: str | None = AS_OF_OPTION,
) -> None:
    """Write the log's events in another tool's format: TimelineJS, iCalendar, EDTF, CSV, JSON, Parquet, vis."""
    from ..exchange.exports import export, export_notes
    from ..log.load import load
    from ..storage import same_file

    name = fmt.value
    if output is not None and str(output) == "-":
        output = None  # `-o -`: standard output
    if output is None and EXPORTS[name].binary:
        raise UsageError(f"{name} is a binary format; write it to a file with -o FILE.{name}")
    if output is not None and same_file(output, file):
        raise UsageError(f"-o {output} is the log itself (or a link to it); name another file")
    log = load(file, limits=limits(), as_of=as_of(known))
    lo, hi = parse_range(start, end, anchor)
    records = log.query(lo, hi, within=within, tags=tag)
    data = export(log, name, records)
    notes = export_notes(log, name, records)
    for note in notes:
        warn(f"{file}: {note}")  # a note quotes a title: its controls are shown, not sent
    if output is None:
        assert isinstance(data, str)
        out(data)
    else:
        from ..storage import replace

        replace(output, (data,), through=True, guard=(file,))
        left_out = f" ({len(notes)} left out, said above)" if notes else ""
        out(f"{output}: {len(records) - len(notes)} events as {name}{left_out}\n")


@app.command("import")
def import_command(
    source: Path = typer.Argument(..., metavar="FILE", help="A CSV spreadsheet, a TimelineJS JSON file, or "
                                                             "timeline's own CSV, JSON or JSON Lines export."),
    fmt: ImportFormat | None = typer.Option(None, "--format",
                                               help=f"{_either(IMPORTS)} (default: from the file's extension)."),
    update: bool = typer.Option(False, "--update", help="A row already in the log (same id, or same title and "
                                                        "when) replaces the values it gives; by default it is "
                                                        "skipped."),
    file: Path = FILE_OPTION,
) -> None:
    """Add the events of a file to the log (creating the log if missing); rows already in it are not added again."""
    from ..exchange.imports import import_file

    done = import_file(source, file, fmt=fmt.value if fmt else None, limits=limits(), update=update)

    def count(n: int, what: str = "event") -> str:
        return f"{n} {what}{'' if n == 1 else 's'}"

    if not (done.added or done.updated or done.unchanged or done.skipped):
        out(f"{source}: no events in it; {file} is unchanged\n")
        return
    text = f"{file}: added {count(len(done.added))} from {source}"
    if done.sources:
        text += f" (and {count(len(done.sources), 'source')} they cite)"
    if done.updated:
        text += f"; updated {len(done.updated)}"
    if done.unchanged:
        text += f"; {done.unchanged} already in the log as they are"
    if done.skipped:
        text += (f"; skipped {len(done.skipped)} already in the log with other values (--update takes the "
                 "file's)")
    if not done.added and not done.updated:
        text += f"; {file} is unchanged"
    out(text + "\n")
    for event_id in done.added:
        out(f"  {event_id}\n")
    for event_id in done.updated:
        out(f"  {event_id} (updated)\n")
