"""`timeline build`: write the timeline page and the report files of a log, atomically and reproducibly.

Same input, same bytes: nothing written depends on the clock, a random id or the order of a set, so a rebuild of
an unchanged log leaves every file as it was (and git sees no change). Each file is written to a temporary file
next to it and moved into place (`storage.replace`), so a reader never sees half a page, and a file whose bytes
did not change is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StorageError
from ..model import gc_paused
from ..storage import replace
from .registry import REPORTS, writer_of

if TYPE_CHECKING:
    from ..model import Log
    from ..model import Record

#: The files `build` writes, in the order it writes them: the page, then the reports of registry.REPORTS.
OUTPUTS = ("timeline.html", *REPORTS)

Progress = Callable[[str, int, int], None]  # (file name, files done, files in all)


def chunks_of(name: str, log: Log, records: list[Record], rows: list[dict[str, object]], *, lanes: str,
              show_sources: bool) -> Iterator[str]:
    """Give the text of one output file in pieces."""
    from .page import timeline_html
    if name == "timeline.html":
        yield timeline_html(log, records=records, lanes=lanes, show_sources=show_sources, rows=rows)
    else:
        yield from writer_of(REPORTS[name])(log, rows)


def outputs(log: Log, *, records: Sequence[Record] | None = None, lanes: str = "tag", show_sources: bool = True,
            progress: Progress | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """Give (file name, its text in pieces) for every output file, in OUTPUTS order; consume each before the next.

    Callers pause the cyclic collector around it (`gc_paused`): rows and pages hold no cycles, and a collector
    walking the loaded log again and again would find nothing."""
    from .report import report_rows

    chosen = list(log.records if records is None else records)
    rows = report_rows(log, chosen)
    for done, name in enumerate(OUTPUTS):
        if progress:
            progress(name, done, len(OUTPUTS))
        yield name, chunks_of(name, log, chosen, rows, lanes=lanes, show_sources=show_sources)


def render(log: Log, *, records: Sequence[Record] | None = None, lanes: str = "tag",
           show_sources: bool = True, progress: Progress | None = None) -> dict[str, bytes]:
    """Give the bytes of every output file by name, without writing anything (for tests and comparisons)."""
    with gc_paused():
        return {name: "".join(chunks).encode()
                for name, chunks in outputs(log, records=records, lanes=lanes, show_sources=show_sources,
                                            progress=progress)}


def build(log: Log, out_dir: str | Path, *, records: Sequence[Record] | None = None, lanes: str = "tag",
          show_sources: bool = True, progress: Progress | None = None) -> list[Path]:
    """Give the paths written: the timeline page and the reports of a log's records (all, or those given)."""
    from ..model import LANES
    from ..errors import UsageError

    if lanes not in LANES:  # before anything is written
        raise UsageError(f"lanes must be one of {', '.join(LANES)}, not '{lanes}'")
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageError("is a file, not a folder; choose another{how}", path=str(folder), how="out-folder") from None
    except OSError as exc:
        raise StorageError(f"cannot create the folder: {exc.strerror or exc}", path=str(folder)) from None
    written = []
    with gc_paused():
        for name, chunks in outputs(log, records=records, lanes=lanes, show_sources=show_sources,
                                    progress=progress):
            replace(folder / name, chunks, how="out-folder")
            written.append(folder / name)
    return written
