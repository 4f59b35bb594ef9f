"""The stamp of a build: what says the files of the last build into a folder are still those of its inputs.

A build is a pure function of the log's bytes, the options and the code (nothing depends on the clock), so when
all three are those of the last build into a folder and each output file is still the one that build left there,
the files are already right and nothing needs reading, resolving or writing. The stamp of a build lives in the
cache folder (never beside the reports, where git would see it) and holds the content key of its inputs and, for
each file written, what says it was not touched since: (inode, size, modification time in ns). Any doubt (no
stamp, another key, a file missing, moved, edited or replaced, an unreadable stamp, a log that is not a plain
readable file within the size limit) means a full build.

Light on purpose: `timeline build` of an unchanged log imports this and nothing of the pipeline (no YAML, no
records, no page), so it costs about what a cached `timeline query` does.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..version import __version__
from .registry import REPORTS

try:  # the C module hashlib wraps: importing hashlib itself loads OpenSSL (about 20 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython build has it
    from hashlib import blake2b

#: The files `build` writes, in the order it writes them: the page, then the reports of registry.REPORTS.
OUTPUTS = ("timeline.html", *REPORTS)

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
    digest = blake2b(digest_size=20)
    head = json.dumps({"layout": STAMP_LAYOUT, "version": __version__, "options": options}, sort_keys=True,
                      default=repr)
    for part in (head, _code_fingerprint()):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def _stamp_path(stamp_dir: Path, out_dir: Path) -> Path:
    name = blake2b(str(out_dir.resolve()).encode(), digest_size=16).hexdigest()
    return stamp_dir / "builds" / f"{name}.json"


def file_state(path: Path) -> list[int] | None:
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
    if any(file_state(path) != files[path.name] for path in paths):
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
    files = {path.name: file_state(path) for path in paths}
    if list(files) != list(OUTPUTS) or None in files.values():
        return
    stamp = _stamp_path(stamp_dir, Path(out_dir))
    from ..errors import StorageError
    from ..storage import replace

    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        replace(stamp, [json.dumps({"key": key, "out": str(Path(out_dir).resolve()), "files": files})],
                how="out-folder")
    except (OSError, StorageError):
        pass


def read_log(path: str | Path, max_bytes: int) -> bytes | None:
    """Give the bytes of a log that is a regular file within `max_bytes`, or None for anything else (missing, a
    folder, a stream, too big, unreadable): the full build then reads it and says what is wrong."""
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
                return None
            data = handle.read(max_bytes + 1)
    except OSError:
        return None
    return data if len(data) <= max_bytes else None
