"""`timeline build`: write the timeline page and the report files of a log, atomically and reproducibly.

Same input, same bytes: nothing written depends on the clock, a random id or the order of a set, so a rebuild of
an unchanged log leaves every file as it was (and git sees no change). Each file is written to a temporary file
next to it and moved into place (`storage.replace`), so a reader never sees half a page, and a file whose bytes
did not change is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StorageError
from ..model import gc_paused
from ..storage import replace
from .registry import REPORTS, writer_of
from .stamp import OUTPUTS
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
    written = []
    with gc_paused():
        for name, chunks in outputs(log, view, progress=progress):
            # never over the log itself (`build -f events.json -o .` would write the report of the same name)
            changed = replace(folder / name, chunks, how="out-folder", guard=(log.path,))
            written.append((folder / name, changed))
    return written
