"""Write a file so that it is always either the old or the new version, never half of one.

Every file timeline writes goes through `replace`: the log when it is edited, the page and reports of `build`,
the files of `export`. Three mechanisms, used together by `timeline.edit`:

* `locked(path)`: an exclusive `fcntl.flock` on a separate lock file `.NAME.lock` beside the data file. A lock on the
  data file itself would not do: `os.replace` swaps in a new inode, so the next writer would lock a file nobody else
  holds. The holder deletes the lock file before it lets go, so the folder is left as it was; a writer that locked
  a file someone deleted meanwhile sees that the path no longer names it and locks the new one, so two writers
  never each hold a different inode.
* `read_snapshot(path)`: the file's bytes plus the stat fields that change whenever anyone saves it.
* `replace(path, chunks, expected=snapshot)`: temporary file `.NAME.*.tmp` in the same folder (so `os.replace` is a
  rename within one file system), the pieces written as they come (a 100 MB report never sits in memory whole),
  fsync, compare the file on disk with the snapshot (a person's editor may have saved it since we read it: then
  refuse), `os.replace`, fsync the folder so the rename itself is durable. Temporary files left by a killed writer
  are removed once they are stale. Without a snapshot (an output, not the log) a file that already holds the same
  bytes is left alone, so a rebuild of an unchanged log changes no file and no mtime.

One permission policy for every file: a replaced file keeps its permission bits (and its owner, when we run as
root); a new file gets what the umask allows, `0o666 & ~umask`, as `open()` and a shell's `>` would give it. So a
report or an export is as shareable as the person's umask says (0o644 under the usual 022), and a file someone
made private stays private when it is rebuilt.

The data file may be a symbolic link: callers pass the resolved path (see `real_path`) so the link stays a link and
its target is replaced in the target's folder.

Limits: editors do not take our lock, so between the comparison and the rename (microseconds) an editor's save can
still be lost. ACLs and extended attributes are not copied, and other hard links to the file keep the old version
(a rename cannot update them).
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import EditError, StorageError

#: Temporary files older than this many seconds are left-overs of a killed writer.
STALE_AFTER = 600.0
#: How long a writer waits for another one to finish before giving up.
LOCK_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file as it was read: its bytes (None when missing) and what identifies that version on disk."""

    path: Path  # the data file
    data: bytes | None  # contents; None when the file did not exist
    fingerprint: tuple[int, int, int, int] | None  # (device, inode, size, mtime in ns)
    mode: int | None  # permission bits to keep
    owner: tuple[int, int] | None = None  # (uid, gid) to keep, when we may


def real_path(path: Path) -> Path:
    """Give the file to lock and replace: `path` itself, or what it links to when it is a symbolic link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def lock_path(path: Path) -> Path:
    """Give the lock file that guards `path`: `.NAME.lock` in the same folder."""
    return path.with_name(f".{path.name}.lock")


def _fingerprint(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _storage_error(exc: OSError, path: Path, doing: str) -> StorageError:
    """Give a StorageError that says what failed on `path` and what a person can do about it."""
    name = str(path)
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return StorageError(f"disk full while {doing}; free some space and run the command again "
                            "(the file was not changed)", path=name)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(f"permission denied while {doing}; check the permissions of the file and its "
                            "folder (the file was not changed)", path=name)
    if exc.errno == errno.ENOENT:
        return StorageError(f"folder '{path.parent}' does not exist; create it or {{how}}", path=name,
                            how="log-elsewhere")
    return StorageError(f"cannot finish {doing}: {exc.strerror or exc} (the file was not changed)", path=name)


def output_error(exc: OSError, path: Path, how: str) -> StorageError:
    """Give a StorageError for a report or export that could not be written, saying what to do.

    `how` is the errors.HOW key of the way to pick another place ("out-folder", "out-file"). The file already
    there, if any, is untouched: outputs are written to a temporary file and moved into place only when
    complete."""
    name = str(path)
    if exc.errno == errno.ENOENT:
        return StorageError("no such folder; create it first", path=name)
    if exc.errno == errno.EISDIR:
        return StorageError("is a folder; name a file{how}" if how == "out-file" else
                            "is a folder, not a file; choose another place{how}", path=name, how=how)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StorageError(f"no room to write it ({exc.strerror}); free some space or choose another place"
                            "{how} (nothing was replaced)", path=name, how=how)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError("permission denied; check the folder's permissions or choose another place{how}",
                            path=name, how=how)
    return StorageError(f"cannot write: {exc.strerror or exc}; choose another place{{how}} (nothing was "
                        "replaced)", path=name, how=how)


def read_snapshot(path: Path, *, max_bytes: int | None = None) -> Snapshot:
    """Give the file's current bytes and identity; a missing file is a snapshot with `data=None`."""
    if not path.parent.is_dir():
        raise StorageError(f"folder '{path.parent}' does not exist; create it or {{how}}", path=str(path),
                           how="log-elsewhere")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)  # a pipe must not block us
        with open(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(st.st_mode):
                raise StorageError("is not a regular file (a device, a pipe or a socket); the log must be a file "
                                   "to be edited", path=str(path))
            os.set_blocking(fd, True)
            if max_bytes is not None and st.st_size > max_bytes:
                raise StorageError(f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,} "
                                   "(raise it with {how})", path=str(path), how="max-bytes")
            data = handle.read()
    except FileNotFoundError:
        return Snapshot(path=path, data=None, fingerprint=None, mode=None)
    except IsADirectoryError:
        raise StorageError("is a folder, not a file; {how}", path=str(path), how="log-not-folder") from None
    except StorageError:
        raise
    except OSError as exc:
        raise _storage_error(exc, path, "reading") from None
    return Snapshot(path=path, data=data, fingerprint=_fingerprint(st), mode=stat.S_IMODE(st.st_mode),
                    owner=(st.st_uid, st.st_gid))


@contextmanager
def locked(path: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive edit lock of `path` for the duration of the `with` block (waits up to `timeout` s)."""
    import fcntl

    timeout = LOCK_TIMEOUT if timeout is None else timeout
    lock = lock_path(path)
    if not path.parent.is_dir():
        raise StorageError(f"folder '{path.parent}' does not exist; create it or {{how}}", path=str(path),
                           how="log-elsewhere")
    deadline = time.monotonic() + timeout
    while True:
        try:
            # O_NOFOLLOW: a symbolic link planted at the lock's name must not make us create or open what it names
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise StorageError(f"the lock file {lock.name} is a symbolic link, which timeline never makes; "
                                   "remove it (nothing was changed)", path=str(path)) from None
            raise _storage_error(exc, path, f"creating the lock file {lock.name}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StorageError(f"the lock file {lock.name} is not a regular file; remove it (nothing was changed)",
                               path=str(path))
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise EditError(f"another timeline command has been editing this file for over "
                                        f"{timeout:.0f}s (it holds {lock.name}); wait for it to finish and try "
                                        "again", path=str(path)) from None
                    time.sleep(0.01)
            # The holder before us removes the lock file as it lets go: what we locked may be a file that is no
            # longer at the path, so the lock counts only when the path still names that same file.
            try:
                here = os.stat(lock, follow_symlinks=False)
            except FileNotFoundError:
                here = None
            mine = os.fstat(fd)
        except BaseException:
            os.close(fd)
            raise
        if here is not None and (here.st_ino, here.st_dev) == (mine.st_ino, mine.st_dev):
            break
        os.close(fd)
    try:
        yield
    finally:
        # Leave the folder as it was: remove the lock file while still holding it, then let go (a waiter that
        # locked the removed file sees above that it is gone and opens a new one).
        with suppress(OSError):
            os.unlink(lock)
        os.close(fd)  # closing the descriptor releases the lock; so does the kernel if we are killed


def clean_stale_temps(path: Path, *, stale_after: float = STALE_AFTER, now: float | None = None) -> list[Path]:
    """Give the left-over temporary files of `path` that were removed.

    A temporary file is left over when the process that wrote it is gone (its id is in the name: a writer killed
    by SIGKILL leaves nothing for long) or, whatever its name, when it is older than `stale_after` seconds."""
    removed = []
    moment = time.time() if now is None else now
    for temp in path.parent.glob(f".{_glob_escape(path.name)}.*.tmp"):
        try:
            st = temp.lstat()
            if not stat.S_ISREG(st.st_mode):
                continue
            if moment - st.st_mtime >= stale_after or _writer_gone(temp.name[len(path.name) + 2:-4]):
                temp.unlink()
                removed.append(temp)
        except OSError:  # gone already, or not ours to remove: leave it
            continue
    return removed


def _writer_gone(middle: str) -> bool:
    """Give whether the temporary file named `.NAME.<pid>-<random>.tmp` was written by a process that has ended."""
    pid, dash, _ = middle.partition("-")
    if not dash or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, under another user
        return False
    return False


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def write_atomically(path: Path, data: bytes, *, expected: Snapshot, stale_after: float = STALE_AFTER) -> None:
    """Replace the log at `path` with `data` under the snapshot check (`replace` with `expected`); give nothing.

    The edits' one door to the disk, kept by name so that the fault and kill suites can wrap it."""
    replace(path, (data,), expected=expected, stale_after=stale_after)


def replace(path: Path, chunks: Iterable[str | bytes], *, expected: Snapshot | None = None,
            how: str = "out-file", stale_after: float = STALE_AFTER, through: bool = False,
            guard: Iterable[str | Path] = ()) -> bool:
    """Give whether `path` changed: write the pieces (text as UTF-8) to a temporary file and move it into place.

    With `expected` (the log, as read before an edit) the file is always replaced, and the write is refused with
    EditError when the file on disk is no longer that version, and with StorageError when the file is read-only or
    the file system refuses (missing folder, full disk). Without it (a report or an export) a file that already
    holds these bytes is left alone, and a refusal is worded for an output: `how` is the errors.HOW key of the way
    to choose another place ("out-file", "out-folder"). In every refusal the old file is untouched and no temporary
    file is left behind. Permissions follow the one policy of the module docstring.

    Only a regular file is ever replaced. A target that exists and is anything else is refused (a folder, a
    socket, a block device, and a device or pipe reached through a link the caller did not name), except with
    `through` (a file the person named on the command line, `-o /dev/null`): a character device or a pipe with a
    reader is then written through, never renamed over, and a symbolic link to a regular file has its target
    replaced, as the log's is. `guard` names files that must never be the target (the log an output is made
    from): the same path, the same inode (a hard link) or a link to it is refused.
    """
    _refuse_guarded(path, guard, how)
    kind = _target_kind(path)
    if kind == "dir":
        raise output_error(IsADirectoryError(errno.EISDIR, "Is a directory"), path, how)
    if kind == "stream" and through and expected is None:
        return _write_through(path, chunks, how)
    if kind in ("stream", "other"):
        raise StorageError("is not a regular file (a device, a pipe or a socket), so it is not replaced; choose "
                           "another place{how}", path=str(path), how=how)
    if through and expected is None and path.is_symlink():
        path = real_path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if expected is not None:
        if not folder.is_dir():
            raise StorageError(f"folder '{folder}' does not exist; create it or {{how}}", path=str(path),
                               how="log-elsewhere")
        if expected.mode is not None and not expected.mode & 0o222:
            # os.replace would happily swap out a read-only file; a read-only log means "do not edit".
            raise StorageError("the file is read-only; make it writable (chmod u+w) to edit it, "
                               "or copy it and edit the copy", path=str(path))
        mode, owner = expected.mode, expected.owner
    else:
        mode, owner = _kept(path)
    clean_stale_temps(path, stale_after=stale_after)
    temp = folder / f".{path.name}.{os.getpid()}-{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise _refusal(exc, path, expected, how, "creating a temporary file beside it") from None
    digest = hashlib.sha256()
    size = 0
    try:
        try:
            if owner is not None and owner != (os.geteuid(), os.getegid()):
                with suppress(OSError):  # only root may give a file away; others keep their own ownership
                    os.fchown(fd, *owner)
            os.fchmod(fd, mode if mode is not None else 0o666 & ~_umask())  # after fchown, which clears set-id
            for chunk in chunks:
                data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                digest.update(data)
                size += len(data)
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if expected is not None:
            _check_unchanged(path, expected)
        elif _same_file(path, size, digest.digest()):
            _remove_quietly(temp)
            return False
        os.replace(temp, path)
    except BaseException as exc:
        _remove_quietly(temp)
        if isinstance(exc, OSError) and not isinstance(exc, StorageError):
            raise _refusal(exc, path, expected, how, "writing") from None
        raise
    _fsync_folder(folder)
    return True


def _target_kind(path: Path) -> str:
    """Give what `path` is, following links: 'missing', 'file', 'dir', 'stream' (character device or pipe), 'other'."""
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    if stat.S_ISREG(st.st_mode):
        return "file"
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    return "stream" if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) else "other"


def same_file(a: str | Path, b: str | Path) -> bool:
    """Give whether two names are one file: the same path once links are resolved, or the same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def _refuse_guarded(path: Path, guard: Iterable[str | Path], how: str) -> None:
    for kept in guard:
        if same_file(path, kept):
            raise StorageError(f"is the events log {kept} itself (or a link to it); writing here would replace the "
                               "log: choose another place{how} (nothing was written)", path=str(path), how=how)


def _write_through(path: Path, chunks: Iterable[str | bytes], how: str) -> bool:
    """Write into a character device or a pipe as it is (nothing can be renamed over it); give True."""
    try:
        # O_NONBLOCK: a pipe nobody reads is refused at once (ENXIO) instead of waiting forever
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise StorageError("is a pipe that nobody reads; start its reader first, or choose another place{how}",
                               path=str(path), how=how) from None
        raise output_error(exc, path, how) from None
    try:
        st = os.fstat(fd)
        if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):  # swapped since we looked: do not write
            raise StorageError("changed while it was opened; run the command again{how}", path=str(path), how=how)
        os.set_blocking(fd, True)
        for chunk in chunks:
            view = memoryview(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            while view:
                view = view[os.write(fd, view):]
    except StorageError:
        raise
    except OSError as exc:
        raise output_error(exc, path, how) from None
    finally:
        os.close(fd)
    return True


def _kept(path: Path) -> tuple[int | None, tuple[int, int] | None]:
    """Give the permission bits and owner of the file at `path` that a replacement keeps, (None, None) if none."""
    try:
        st = os.stat(path)
    except OSError:
        return None, None
    if not stat.S_ISREG(st.st_mode):
        return None, None
    return stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid)


def _refusal(exc: OSError, path: Path, expected: Snapshot | None, how: str, doing: str) -> StorageError:
    """Give the StorageError for a failed write: worded for the log when editing it, else for an output."""
    return _storage_error(exc, path, doing) if expected is not None else output_error(exc, path, how)


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


def _check_unchanged(path: Path, expected: Snapshot) -> None:
    """Refuse when the file on disk is not the version that was read (an editor saved it meanwhile)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if expected.data is None:
            return
        raise EditError("the file was deleted or moved since it was read; nothing was written. "
                        "Check where it went, then run the command again", path=str(path)) from None
    if expected.data is None:
        raise EditError("the file was created by someone else since this command started; nothing was written. "
                        "Run the command again", path=str(path))
    changed = _fingerprint(st) != expected.fingerprint
    if not changed:
        # The same size within one mtime tick would hide a change; the bytes cannot.
        with open(path, "rb") as handle:
            changed = handle.read() != expected.data
    if changed:
        raise EditError("the file changed on disk since it was read (saved in an editor?); nothing was written. "
                        "Save or close it in the editor, then run the command again", path=str(path))


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot fsync a folder, and then the rename is as good as it gets."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(temp: Path) -> None:
    with suppress(OSError):
        temp.unlink()


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back (the CLI is single-threaded here).
    current = os.umask(0o022)
    os.umask(current)
    return current
