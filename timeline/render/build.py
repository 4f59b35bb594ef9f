"""`timeline build`: write the timeline page and the report files of a log, atomically and reproducibly.

Same input, same bytes: nothing written depends on the clock, a random id or the order of a set, so a rebuild of
an unchanged log leaves every file as it was (and git sees no change). Each file is written to a temporary file
next to it and moved into place (`storage.replace`), so a reader never sees half a page, and a file whose bytes
did not change is left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StorageError
from ..model import gc_paused
from ..storage import replace
from .registry import REPORTS, writer_of
from .stamp import OUTPUTS, file_state
from .view import View
from .page import timeline_html

if TYPE_CHECKING:
    from ..model import Log

Progress = Callable[[str, int, int], None]  # (file name, files done, files in all)


def chunks_of(name: str, log: Log, view: View) -> Iterator[str]:
    """Give the text of one output file in pieces."""
    if name == "timeline.html":
        yield timeline_html(log, view)
    else:
        yield from writer_of(REPORTS[name])(log, view.rows)


def outputs(log: Log, view: View, *, progress: Progress | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """Give (file name, its text in pieces) for every output file, in OUTPUTS order; consume each before the next.

    Callers pause the cyclic collector around it (`gc_paused`): rows and pages hold no cycles, and a collector
    walking the loaded log again and again would find nothing."""
    for done, name in enumerate(OUTPUTS):
        if progress:
            progress(name, done, len(OUTPUTS))
        yield name, chunks_of(name, log, view)


def render(log: Log, view: View | None = None, *, progress: Progress | None = None) -> dict[str, bytes]:
    """Give the bytes of every output file by name, without writing anything (for tests and comparisons)."""
    view = View.of(log) if view is None else view
    with gc_paused():
        return {name: "".join(chunks).encode() for name, chunks in outputs(log, view, progress=progress)}


def build(log: Log, out_dir: str | Path, view: View | None = None, *,
          progress: Progress | None = None) -> list[Path]:
    """Give the paths written: the timeline page and the reports of a view of a log (default: all its records)."""
    return [path for path, _ in build_files(log, out_dir, view, progress=progress)]


def build_files(log: Log, out_dir: str | Path, view: View | None = None, *,
                progress: Progress | None = None) -> list[tuple[Path, bool]]:
    """Give (path, whether its bytes changed) for each file `build` writes; a file that already held its bytes is
    left alone (not rewritten, its modification time kept)."""
    view = View.of(log) if view is None else view  # checked before anything is written
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageError("is a file, not a folder; choose another{how}", path=str(folder), how="out-folder") from None
    except OSError as exc:
        raise StorageError(f"cannot create the folder: {exc.strerror or exc}", path=str(folder)) from None
    with gc_paused():
        if _side_by_side(len(view.rows)):  # the rows are made here, once, before the reports' process forks
            return _write_side_by_side(log, view, folder, progress)
        return [(folder / name, _write(folder, name, chunks, log)) for name, chunks in
                outputs(log, view, progress=progress)]


def _write(folder: Path, name: str, chunks: Iterable[str], log: Log) -> bool:
    # never over the log itself (`build -f events.json -o .` would write the report of the same name)
    return replace(folder / name, chunks, how="out-folder", guard=(log.path,))


#: Events for which the reports are written by a second process while this one writes the page (os.fork, two
#: cores or more): from SIDE_BY_SIDE[0] (below, a fork costs more than it saves) to SIDE_BY_SIDE[1] (above, the
#: child's copy of the pages it touches would cost more memory than the time is worth).
SIDE_BY_SIDE = (2_000, 200_000)


def _side_by_side(rows: int) -> bool:
    import threading

    return (hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1
            and SIDE_BY_SIDE[0] <= rows <= SIDE_BY_SIDE[1])


def _write_side_by_side(log: Log, view: View, folder: Path, progress: Progress | None) -> list[tuple[Path, bool]]:
    """Write the page here and the reports in a forked child, and give (path, changed) in OUTPUTS order.

    The child only writes files (each atomically, as `replace` always does) and says which changed; whatever goes
    wrong there (an error, a crash, a garbled answer), the reports are written again here, one after another, so
    that an error is raised, and worded, exactly as a build in one process raises it."""
    reports = [name for name in OUTPUTS if name != "timeline.html"]
    for name in reports:
        writer_of(REPORTS[name])  # imported before the fork: the child imports nothing
    before = [file_state(folder / name) for name in reports]  # what the child may have changed, if it fails
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write the reports, answer with which changed, and leave without cleaning up
        code = 1
        try:
            os.close(read_end)
            changed = [_write(folder, name, writer_of(REPORTS[name])(log, view.rows), log) for name in reports]
            os.write(write_end, json.dumps(changed).encode())
            code = 0
        except BaseException:  # whatever it is, the parent writes the reports again and raises what it meets
            pass
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        if progress:
            progress("timeline.html", 0, len(OUTPUTS))
        page = _write(folder, "timeline.html", chunks_of("timeline.html", log, view), log)
    finally:
        with os.fdopen(read_end, "rb") as answer:
            said = answer.read()
        _, status = os.waitpid(pid, 0)
    told: object = None
    with contextlib.suppress(ValueError):
        told = json.loads(said) if os.waitstatus_to_exitcode(status) == 0 else None
    if isinstance(told, list) and len(told) == len(reports) and all(c is True or c is False for c in told):
        changed = [bool(c) for c in told]
    else:
        changed = []
        for done, (name, state) in enumerate(zip(reports, before, strict=True), start=1):
            if progress:
                progress(name, done, len(OUTPUTS))
            wrote = _write(folder, name, chunks_of(name, log, view), log)
            changed.append(wrote or file_state(folder / name) != state)  # or the child wrote it first
    return [(folder / "timeline.html", page), *((folder / name, c) for name, c in zip(reports, changed, strict=True))]
