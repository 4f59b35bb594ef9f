"""`timeline build`: write the timeline page and the report files of a log, atomically and reproducibly.

Same input, same bytes: nothing written depends on the clock, a random id or the order of a set, so a rebuild of
an unchanged log leaves every file as it was (and git sees no change). Each file is written to a temporary file
next to it and moved into place (`storage.replace`), so a reader never sees half a page, and a file whose bytes
did not change is left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StorageError
from ..model import gc_paused
from ..storage import replace
from ..version import __version__
from .registry import REPORTS, writer_of
from .view import View
from .page import timeline_html

if TYPE_CHECKING:
    from ..model import Log

#: The files `build` writes, in the order it writes them: the page, then the reports of registry.REPORTS.
OUTPUTS = ("timeline.html", *REPORTS)

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
    before = [_file_state(folder / name) for name in reports]  # what the child may have changed, if it fails
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
            changed.append(wrote or _file_state(folder / name) != state)  # or the child wrote it first
    return [(folder / "timeline.html", page), *((folder / name, c) for name, c in zip(reports, changed, strict=True))]


# --- a build of inputs unchanged since the last one -------------------------------------------------------------
#
# A build is a pure function of the log's bytes, the options and the code (nothing depends on the clock), so when
# all three are those of the last build into a folder and each output file is still the one that build left there,
# the files are already right and nothing needs reading, resolving or writing. The stamp of a build lives in the
# cache folder (never beside the reports, where git would see it) and holds the content key of its inputs and, for
# each file written, what says it was not touched since: (inode, size, modification time in ns). Any doubt (no
# stamp, another key, a file missing, moved, edited or replaced, an unreadable stamp) means a full build.

#: Bumped when the stamp's layout changes, so that an old stamp is never read as a new one.
STAMP_LAYOUT = "1"


def _code_fingerprint() -> str:
    """Give what changes when the package's code or assets change: each file's name, size and modification time
    (an installed release never changes them; a working copy being edited does)."""
    root = Path(__file__).resolve().parent.parent
    entries = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".js", ".css", ".json", ".txt")):
                st = os.stat(os.path.join(folder, name))
                entries.append(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(entries)


def build_key(data: bytes, options: Mapping[str, object]) -> str:
    """Give the content key of a build: the log's bytes, the options that shape the outputs (filters, lanes, the
    moment it is known as of, limits), the version and the code. Equal keys give byte-identical outputs."""
    digest = hashlib.blake2b(digest_size=20)
    head = json.dumps({"layout": STAMP_LAYOUT, "version": __version__, "options": options}, sort_keys=True,
                      default=repr)
    for part in (head, _code_fingerprint()):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def _stamp_path(stamp_dir: Path, out_dir: Path) -> Path:
    name = hashlib.blake2b(str(out_dir.resolve()).encode(), digest_size=16).hexdigest()
    return stamp_dir / "builds" / f"{name}.json"


def _file_state(path: Path) -> list[int] | None:
    """Give what says a file was not touched since it was written: [inode, size, mtime in ns]; None if it is not a
    regular file (missing, a link, a folder)."""
    try:
        st = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def unchanged(stamp_dir: Path, out_dir: str | Path, key: str) -> list[Path] | None:
    """Give the paths of the last build into `out_dir` when its key is `key` and every file it wrote is still as
    it left it; else None (build in full)."""
    folder = Path(out_dir)
    try:
        stamp = json.loads(_stamp_path(stamp_dir, folder).read_text(encoding="utf-8"))
        if stamp.get("key") != key or list(stamp.get("files", {})) != list(OUTPUTS):
            return None
        files = stamp["files"]
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    paths = [folder / name for name in OUTPUTS]
    if any(_file_state(path) != files[path.name] for path in paths):
        return None
    return paths


def forget(stamp_dir: Path, out_dir: str | Path) -> None:
    """Remove the stamp of the last build into `out_dir` (before a full build, which may stop half-way)."""
    # a stamp that cannot be removed is ignored: `remember` replaces it, and `unchanged` checks the files anyway
    with contextlib.suppress(OSError):
        _stamp_path(stamp_dir, Path(out_dir)).unlink()


def remember(stamp_dir: Path, out_dir: str | Path, key: str, paths: Iterable[Path]) -> None:
    """Keep the stamp of a build that wrote `paths` (in OUTPUTS order) from inputs of content key `key`.

    A stamp that cannot be written only costs the next build its shortcut, so the failure is not an error."""
    files = {path.name: _file_state(path) for path in paths}
    if list(files) != list(OUTPUTS) or None in files.values():
        return
    stamp = _stamp_path(stamp_dir, Path(out_dir))
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        replace(stamp, [json.dumps({"key": key, "out": str(Path(out_dir).resolve()), "files": files})],
                how="out-folder")
    except (OSError, StorageError):
        pass
