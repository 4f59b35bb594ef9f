"""`timeline build`: write the timeline page and the report files of a log, atomically and reproducibly.

Same input, same bytes: nothing written depends on the clock, a random id or the order of a set, so a rebuild of
an unchanged log leaves every file as it was (and git sees no change). Each file is written to a temporary file
next to it and moved into place with `os.replace`, so a reader never sees half a page.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StorageError

if TYPE_CHECKING:
    from .log import Log
    from .model import Record

#: The files `build` writes, in the order it writes them.
OUTPUTS = ("timeline.html", "report.html", "report.md", "report.csv", "events.json")

Progress = Callable[[str, int, int], None]  # (file name, files done, files in all)


def write_atomic(path: Path, data: bytes) -> bool:
    """Give whether `path` changed: write `data` through a temporary file and os.replace, unless already equal."""
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False  # leave an identical file alone: its mtime stays, watchers and make stay quiet
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; reports are for sharing
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except PermissionError:
        raise StorageError("permission denied; check the folder's permissions or choose another with -o DIR",
                           path=str(path)) from None
    except OSError as exc:
        raise StorageError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    return True


def render(log: Log, *, records: Sequence[Record] | None = None, lanes: str = "tag",
           show_sources: bool = True, progress: Progress | None = None) -> dict[str, bytes]:
    """Give the bytes of every output file by name, without writing anything."""
    from .page import timeline_html
    from .report import REPORT_WRITERS, report_html, report_rows, table_html, table_summary

    chosen = list(log.records if records is None else records)
    rows = report_rows(log, chosen)
    table = table_html(rows, caption=table_summary(log, rows))  # the page (when small enough) and report.html
    out: dict[str, bytes] = {}
    for done, name in enumerate(OUTPUTS):
        if progress:
            progress(name, done, len(OUTPUTS))
        if name == "timeline.html":
            text = timeline_html(log, records=chosen, lanes=lanes, show_sources=show_sources, rows=rows,
                                 table=table)
        elif name == "report.html":
            text = report_html(log, rows, table=table)
        else:
            text = REPORT_WRITERS[name](log, rows)
        out[name] = text.encode("utf-8")
    if progress:
        progress("", len(OUTPUTS), len(OUTPUTS))
    return out


def build(log: Log, out_dir: str | Path, *, records: Sequence[Record] | None = None, lanes: str = "tag",
          show_sources: bool = True, progress: Progress | None = None) -> list[Path]:
    """Give the paths written: the timeline page and the reports of a log's records (all, or those given)."""
    folder = Path(out_dir)
    files = render(log, records=records, lanes=lanes, show_sources=show_sources, progress=progress)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageError("is a file, not a folder; choose another with -o DIR", path=str(folder)) from None
    except OSError as exc:
        raise StorageError(f"cannot create the folder: {exc.strerror or exc}", path=str(folder)) from None
    written = []
    for name, data in files.items():
        path = folder / name
        write_atomic(path, data)
        written.append(path)
    return written
