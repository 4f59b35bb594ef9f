"""`timeline build`: write the timeline page and the report files of a log, atomically and reproducibly.

Same input, same bytes: nothing written depends on the clock, a random id or the order of a set, so a rebuild of
an unchanged log leaves every file as it was (and git sees no change). Each file is written to a temporary file
next to it and moved into place with `os.replace`, so a reader never sees half a page.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StorageError
from ..model import gc_paused

if TYPE_CHECKING:
    from ..model import Log
    from ..model import Record

#: The files `build` writes, in the order it writes them.
OUTPUTS = ("timeline.html", "report.html", "report.md", "report.csv", "events.json")

Progress = Callable[[str, int, int], None]  # (file name, files done, files in all)


def write_atomic(path: Path, data: bytes) -> bool:
    """Give whether `path` changed: write `data` through a temporary file and os.replace, unless already equal."""
    return write_chunks(path, [data])


def write_chunks(path: Path, chunks: Iterable[str | bytes]) -> bool:
    """Give whether `path` changed: write text pieces through a temporary file and os.replace, unless equal.

    The pieces are encoded and written as they come, so a file of 100 MB never sits in memory whole; a file with
    the same bytes (same size and SHA-256) is left alone.
    """
    digest = hashlib.sha256()
    size = 0
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                    handle.write(data)
                    digest.update(data)
                    size += len(data)
            if _same_file(path, size, digest.digest()):
                Path(tmp).unlink()
                return False
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; reports are for sharing
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        from ..storage import output_error

        raise output_error(exc, path, "out-folder") from None
    return True


def _same_file(path: Path, size: int, sha256: bytes) -> bool:
    """Give whether the file at `path` has this size and SHA-256."""
    try:
        if not path.is_file() or path.stat().st_size != size:
            return False
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.digest() == sha256
    except OSError:
        return False


def chunks_of(name: str, log: Log, records: list[Record], rows: list[dict[str, object]], *, lanes: str,
              show_sources: bool) -> Iterator[str]:
    """Give the text of one output file in pieces."""
    from .page import timeline_html
    from .report import REPORT_WRITERS

    if name == "timeline.html":
        yield timeline_html(log, records=records, lanes=lanes, show_sources=show_sources, rows=rows)
    else:
        yield from REPORT_WRITERS[name](log, rows)


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
            write_chunks(folder / name, chunks)
            written.append(folder / name)
    return written
