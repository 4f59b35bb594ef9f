"""Faults while writing: the log on disk is always a whole version, and an edit is never lost without an error.

This extends tests/test_edit.py (threads in one process, one editor save, ENOSPC on write/fsync, a read-only
folder skipped under root) and tests/test_edit_kill.py (SIGKILL of a loop of adds) with what they lack:

* two or more writers at once (processes started together, same file): every edit lands, or its writer gets an
  error; none is lost silently; through the library and through the real command;
* the file replaced underneath between read and write (an editor's save by rename, in place, in place with the
  same size and time, deletion, creation): refused, the editor's version kept;
* a read-only folder, a read-only file, a full disk (ENOSPC, EDQUOT, a short write, fsync failing) and a real
  kernel write limit (RLIMIT_FSIZE): refused with a StorageError that says what to do, the file byte-identical, no
  temporary file left;
* a writer killed (SIGKILL) at random moments of every kind of edit (add, edit, remove, source, a batch), half
  of the kills aimed at the atomic write itself, and while another writer waits for the lock: the file is the old
  or the new version, byte for byte, and the next edit goes through. The number of kills comes from
  TIMELINE_KILL_LOOPS (default 40; `python tests/fuzz_long.py --kills 500` runs hundreds);
* `timeline build` and `timeline export -o` stopped by the kernel's file-size limit: the previous file is kept;
* an edit through a symbolic link: the target is edited and the link kept.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import multiprocessing
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import storage
from timeline.edit.splice import add_event, add_source, edit_event, remove_event
from timeline.errors import EditError, StorageError, TimelineError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "events.yaml"
KILL_LOOPS = int(os.environ.get("TIMELINE_KILL_LOOPS", "40"))
FORK = multiprocessing.get_context("fork")


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    shutil.copyfile(SEED, path)
    return path


def event_ids(path: Path) -> list[str]:
    return [e.id for e in timeline.load(path).events]


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


# --- several writers at once -------------------------------------------------------------------------------------

def _writer(path: str, n: int, barrier: Any, results: Any, kind: str) -> None:
    """Run one edit after every writer is ready; report ('ok', detail) or ('refused', message)."""
    barrier.wait()
    try:
        if kind == "add":
            detail = add_event(Path(path), id=f"writer-{n}", title=f"Writer {n} adds", when="2024-05-01")
        elif kind == "edit":
            ids = [e.id for e in timeline.load(path).events]
            edit_event(Path(path), ids[n % len(ids)], notes=f"note by writer {n}")
            detail = ids[n % len(ids)]
        else:
            add_source(Path(path), f"source-{n}", title=f"Source {n}", published="2024-05-01")
            detail = f"source-{n}"
        results.put((n, "ok", detail))
    except TimelineError as exc:
        results.put((n, "refused", exc.located()))
    except BaseException as exc:  # anything else is a bug: report it rather than hang the test
        results.put((n, "crashed", repr(exc)))


def run_writers(path: Path, kinds: list[str]) -> list[tuple[int, str, str]]:
    """Start one process per kind, all editing `path` at the same moment; give their reports."""
    barrier = FORK.Barrier(len(kinds))
    results = FORK.Queue()
    procs = [FORK.Process(target=_writer, args=(str(path), n, barrier, results, kind))
             for n, kind in enumerate(kinds)]
    for proc in procs:
        proc.start()
    reports = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    return sorted(reports)


@pytest.mark.parametrize("writers", [2, 2, 2, 8], ids=["two-a", "two-b", "two-c", "eight"])
def test_writers_adding_at_once_all_land_or_are_told(log_path: Path, writers: int) -> None:
    before = set(event_ids(log_path))
    reports = run_writers(log_path, ["add"] * writers)
    assert not [r for r in reports if r[1] == "crashed"], reports
    landed = {detail for _, outcome, detail in reports if outcome == "ok"}
    refused = [detail for _, outcome, detail in reports if outcome == "refused"]
    assert set(event_ids(log_path)) == before | landed, "an edit reported as done is missing from the file"
    assert len(landed) + len(refused) == writers
    assert all(message.strip() for message in refused)
    assert landed, "with a lock, writers wait for each other: at least one must land"


def test_writers_making_different_edits_at_once_keep_every_edit(log_path: Path) -> None:
    kinds = ["edit", "edit", "add", "source", "edit", "add"]
    reports = run_writers(log_path, kinds)
    assert not [r for r in reports if r[1] == "crashed"], reports
    log = timeline.load(log_path)
    events = {e.id: e for e in log.events}
    for n, outcome, detail in reports:
        if outcome != "ok":
            assert detail.strip()
            continue
        kind = kinds[n]
        if kind == "edit":
            assert events[detail].notes.startswith("note by writer"), f"writer {n}'s note is lost"
        elif kind == "add":
            assert detail in events, f"writer {n}'s event is lost"
        else:
            assert detail in log.sources, f"writer {n}'s source is lost"
    # two writers editing the same event's notes: the file holds the last one, never a mix of both
    notes = [e.notes for e in log.events if e.notes.startswith("note by writer")]
    assert all(note in {f"note by writer {n}" for n in range(len(kinds))} for note in notes)


def test_two_timeline_commands_at_once_both_land_or_one_is_told(log_path: Path) -> None:
    commands = [[sys.executable, "-m", "timeline", "add", "-f", str(log_path), "--id", f"cli-{n}",
                 "--title", f"Command {n}", "--when", "2024-05-02"] for n in range(2)]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
             for c in commands]
    outcomes = [(p.wait(timeout=120), p.stdout.read() if p.stdout else "", p.stderr.read() if p.stderr else "")
                for p in procs]
    ids = set(event_ids(log_path))
    for n, (code, stdout, stderr) in enumerate(outcomes):
        assert "Traceback" not in stderr, stderr
        if code == 0:
            assert f"added cli-{n}" in stdout and f"cli-{n}" in ids
        else:
            assert code == 1 and stderr.strip() and f"cli-{n}" not in ids


# --- the file replaced underneath --------------------------------------------------------------------------------

EDITOR_TEXT = SEED.read_text("utf-8").replace("title: OpenAI's safety exodus", "title: Saved in an editor")


def _editor_rename(path: Path) -> None:
    temp = path.with_name("editor-swap")
    temp.write_text(EDITOR_TEXT, "utf-8")
    os.replace(temp, path)


def _editor_in_place(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(EDITOR_TEXT + "# more\n")


def _editor_same_size_same_time(path: Path) -> None:
    """The nastiest save: same inode, same size, the old modification time put back."""
    st = path.stat()
    data = path.read_bytes()
    changed = data.replace(b"OpenAI's safety exodus", b"OpenAI's safety EXODUS")
    assert len(changed) == len(data) and changed != data
    with open(path, "r+b") as handle:
        handle.write(changed)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _editor_delete(path: Path) -> None:
    path.unlink()


EDITORS: dict[str, Callable[[Path], None]] = {
    "rename": _editor_rename, "in-place": _editor_in_place, "same-size-same-mtime": _editor_same_size_same_time,
    "deleted": _editor_delete,
}
EDITS: dict[str, Callable[[Path], object]] = {
    "add": lambda p: add_event(p, id="mine", title="Mine", when="2024-05-03"),
    "edit": lambda p: edit_event(p, "openai-founded", notes="mine"),
    "remove": lambda p: remove_event(p, "openai-founded"),
    "source": lambda p: add_source(p, "mine", title="Mine", published="2024-05-03"),
}


@pytest.mark.parametrize("editor", list(EDITORS))
@pytest.mark.parametrize("edit", list(EDITS))
def test_a_file_saved_by_someone_else_between_read_and_write_is_refused(log_path: Path, editor: str, edit: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = storage.write_atomically
    calls: list[int] = []

    def save_then_write(path: Path, data: bytes, **kw: Any) -> None:
        calls.append(1)
        EDITORS[editor](path)  # the person saves after timeline read the file, before it writes
        real_write(path, data, **kw)

    monkeypatch.setattr(storage, "write_atomically", save_then_write)
    with pytest.raises(EditError, match="since it was read") as info:
        EDITS[edit](log_path)
    assert calls, "the edit did not reach the write"
    assert "nothing was written" in str(info.value)
    if editor == "deleted":
        assert not log_path.exists(), "the deleted file was brought back with our edit"
    else:
        on_disk = log_path.read_text("utf-8")
        assert "Mine" not in on_disk and "mine" not in on_disk, "our edit overwrote the editor's save"
        assert "Saved in an editor" in on_disk or "EXODUS" in on_disk
    assert not temp_files(log_path.parent)


def test_a_file_created_by_someone_else_meanwhile_is_not_overwritten(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.yaml"
    real_write = storage.write_atomically

    def create_then_write(target: Path, data: bytes, **kw: Any) -> None:
        target.write_text(EDITOR_TEXT, "utf-8")
        real_write(target, data, **kw)

    monkeypatch.setattr(storage, "write_atomically", create_then_write)
    with pytest.raises(EditError, match="created by someone else"):
        add_event(path, create=True, title="Mine", when="2024-05-03")
    assert path.read_text("utf-8") == EDITOR_TEXT


def test_the_check_compares_the_bytes_not_just_size_and_time(log_path: Path) -> None:
    """Directly on storage: a same-size, same-mtime change in place is still seen."""
    snapshot = storage.read_snapshot(log_path)
    _editor_same_size_same_time(log_path)
    assert storage.read_snapshot(log_path).fingerprint == snapshot.fingerprint  # the stat cannot tell
    with pytest.raises(EditError):
        storage.write_atomically(log_path, b"title: mine\nevents: []\n", expected=snapshot)
    assert b"EXODUS" in log_path.read_bytes()


# --- the file system refuses -------------------------------------------------------------------------------------

def _as_nobody(fn: Callable[[], object]) -> tuple[str, str]:
    """Run `fn` in a child process without root's override of permissions; give (outcome, message)."""
    results = FORK.Queue()

    def child() -> None:
        if os.geteuid() == 0:
            os.setgid(65534)
            os.setuid(65534)
        try:
            fn()
            results.put(("ok", ""))
        except TimelineError as exc:
            results.put((type(exc).__name__, exc.located()))
        except BaseException as exc:
            results.put(("crashed", repr(exc)))

    proc = FORK.Process(target=child)
    proc.start()
    outcome: tuple[str, str] = results.get(timeout=60)
    proc.join(timeout=60)
    return outcome


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private tmp (which only root may enter), owned by the unprivileged user."""
    folder = Path(tempfile.mkdtemp(prefix="timeline-faults-"))
    os.chmod(folder, 0o755)
    path = folder / "events.yaml"
    shutil.copyfile(SEED, path)
    if os.geteuid() == 0:
        os.chown(folder, 65534, 65534)
        os.chown(path, 65534, 65534)
    yield folder
    os.chmod(folder, 0o755)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_read_only_folder_is_a_clear_refusal(shared_folder: Path, edit: str) -> None:
    path = shared_folder / "events.yaml"
    before = path.read_bytes()
    os.chmod(shared_folder, 0o555)
    outcome, message = _as_nobody(lambda: EDITS[edit](path))
    assert outcome == "StorageError", (outcome, message)
    assert "permission denied" in message and "the file was not changed" in message
    assert path.read_bytes() == before
    assert not temp_files(shared_folder)


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_read_only_file_is_a_clear_refusal(log_path: Path, edit: str) -> None:
    before = log_path.read_bytes()
    os.chmod(log_path, 0o444)
    with pytest.raises(StorageError, match=r"read-only; make it writable \(chmod u\+w\)"):
        EDITS[edit](log_path)
    assert log_path.read_bytes() == before
    assert not temp_files(log_path.parent)


def _failing(real: Callable[..., Any], error: int, *, only_temp: bool = True, after: int = 0) -> Callable[..., Any]:
    """Wrap an os call on a file descriptor so that it fails with `error` on timeline's temporary file."""
    def call(fd: int, *args: Any) -> Any:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if not only_temp or target.endswith(".tmp"):
            if after and args and isinstance(args[0], (bytes, memoryview)) and len(args[0]) > after:
                return real(fd, args[0][:after])  # a short write: the next call must fail
            raise OSError(error, os.strerror(error))
        return real(fd, *args)
    return call


FULL_DISK = {
    "write ENOSPC": ("write", errno.ENOSPC, 0, "disk full"),
    "write EDQUOT": ("write", errno.EDQUOT, 0, "disk full"),
    "short write then ENOSPC": ("write", errno.ENOSPC, 100, "disk full"),
    "fsync ENOSPC": ("fsync", errno.ENOSPC, 0, "disk full"),
    "fsync EIO": ("fsync", errno.EIO, 0, "cannot finish writing"),
    "write EROFS": ("write", errno.EROFS, 0, "permission denied"),
}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell the temporary file apart")
@pytest.mark.parametrize("fault", list(FULL_DISK))
@pytest.mark.parametrize("edit", list(EDITS))
def test_a_full_disk_is_a_clear_refusal_and_the_file_is_untouched(log_path: Path, fault: str, edit: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    call, error, after, message = FULL_DISK[fault]
    before = log_path.read_bytes()
    real = getattr(os, call)
    if after:
        written: list[int] = []

        def short_then_fail(fd: int, data: Any) -> int:
            try:
                is_temp = os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp")
            except OSError:
                is_temp = False
            if not is_temp:
                return int(real(fd, data))
            if not written:
                written.append(1)
                return int(real(fd, bytes(data[:after])))
            raise OSError(error, os.strerror(error))
        monkeypatch.setattr(os, call, short_then_fail)
    else:
        monkeypatch.setattr(os, call, _failing(real, error))
    with pytest.raises(StorageError) as info:
        EDITS[edit](log_path)
    monkeypatch.undo()
    assert message in str(info.value) and "the file was not changed" in str(info.value)
    assert log_path.read_bytes() == before
    assert not temp_files(log_path.parent)
    EDITS[edit](log_path)  # once there is room again, the same edit goes through
    assert log_path.read_bytes() != before


def test_rename_failing_leaves_the_old_file(log_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = log_path.read_bytes()

    def no_rename(src: Any, dst: Any) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(StorageError, match="the file was not changed"):
        add_event(log_path, title="Mine", when="2024-05-03")
    assert log_path.read_bytes() == before
    assert not temp_files(log_path.parent)


def _edit_under_file_size_limit(path: str, limit: int, results: Any) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        add_event(Path(path), title="A long one " + "x" * 5000, when="2024-05-03")
        results.put(("ok", ""))
    except TimelineError as exc:
        results.put((type(exc).__name__, exc.located()))
    except BaseException as exc:
        results.put(("crashed", repr(exc)))


def test_the_kernel_refusing_to_grow_a_file_is_a_clear_refusal(log_path: Path) -> None:
    """A real short write: RLIMIT_FSIZE lets the temporary file reach the old size and no further."""
    before = log_path.read_bytes()
    results = FORK.Queue()
    proc = FORK.Process(target=_edit_under_file_size_limit, args=(str(log_path), len(before) + 100, results))
    proc.start()
    outcome, message = results.get(timeout=60)
    proc.join(timeout=60)
    assert outcome == "StorageError", (outcome, message)
    assert "the file was not changed" in message
    assert log_path.read_bytes() == before
    assert not temp_files(log_path.parent)


def test_a_missing_folder_is_a_clear_refusal(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist; create it"):
        add_event(tmp_path / "nowhere" / "events.yaml", create=True, title="A", when="2024-05-03")
    assert not (tmp_path / "nowhere").exists()


# --- killed at random moments ------------------------------------------------------------------------------------

KILL_EDITS: dict[str, Callable[[Path], object]] = {
    "add": lambda p: add_event(p, id="killed-add", title="Added " + "long " * 400, when="2024-05-03",
                               tags=["a", "b"]),
    "edit": lambda p: edit_event(p, "board-coup", title="Edited", notes="n " * 300),
    "remove": lambda p: remove_event(p, "board-coup"),
    "source": lambda p: add_source(p, "killed-source", title="S", published="2024-05-03"),
    "batch": lambda p: __import__("timeline.edit.splice", fromlist=["add_events"]).add_events(
        p, [{"id": f"batch-{n}", "title": f"B{n}", "when": "2024-05-03"} for n in range(20)]),
}


def _expected_after(edit: str, folder: Path) -> bytes:
    path = folder / f"expected-{edit}.yaml"
    shutil.copyfile(SEED, path)
    KILL_EDITS[edit](path)
    return path.read_bytes()


def _child_edit(path: str, edit: str) -> None:
    try:
        KILL_EDITS[edit](Path(path))
    finally:
        os._exit(0)


def _child_timed_edit(path: str, edit: str, times: Any) -> None:
    """Run the edit and report when its atomic write started and ended (monotonic clock, shared by processes)."""
    real = storage.write_atomically

    def timed(*args: Any, **kw: Any) -> None:
        times.put(("write", time.monotonic()))
        real(*args, **kw)
        times.put(("written", time.monotonic()))

    storage.write_atomically = timed  # this child only
    KILL_EDITS[edit](Path(path))
    times.close()
    times.join_thread()  # the reports must leave before the process does


def _time_one_edit(folder: Path, edit: str) -> tuple[float, float, float]:
    """Give (whole edit, start of the write, end of the write) in seconds after the writer was started."""
    path = folder / "timing.yaml"
    shutil.copyfile(SEED, path)
    times = FORK.Queue()
    started = time.monotonic()
    proc = FORK.Process(target=_child_timed_edit, args=(str(path), edit, times))
    proc.start()
    proc.join()
    whole = time.monotonic() - started
    marks = dict(times.get(timeout=10) for _ in range(2))
    return whole, marks["write"] - started, marks["written"] - started


def test_killed_at_random_moments_leaves_old_or_new_and_the_next_edit_works(tmp_path: Path) -> None:
    """Half the kills fall anywhere in the edit, half in or near its atomic write, where a crash would hurt."""
    rng = random.Random(int(os.environ.get("TIMELINE_KILL_SEED", "8")))
    old = SEED.read_bytes()
    expected = {edit: _expected_after(edit, tmp_path) for edit in KILL_EDITS}
    timings = {edit: _time_one_edit(tmp_path, edit) for edit in KILL_EDITS}
    seen: dict[str, int] = {"old": 0, "new": 0}
    path = tmp_path / "events.yaml"
    for loop in range(KILL_LOOPS):
        edit = list(KILL_EDITS)[loop % len(KILL_EDITS)]
        whole, write, written = timings[edit]
        delay = rng.uniform(0, whole * 1.1) if loop % 2 else rng.uniform(write - 0.002, written + 0.002)
        shutil.copyfile(SEED, path)
        for temp in temp_files(tmp_path):
            temp.unlink()
        started = time.monotonic()
        proc = FORK.Process(target=_child_edit, args=(str(path), edit))
        proc.start()
        time.sleep(max(0.0, started + delay - time.monotonic()))
        if proc.pid is not None:
            with contextlib.suppress(ProcessLookupError):  # it may have finished already
                os.kill(proc.pid, signal.SIGKILL)
        proc.join(timeout=60)
        data = path.read_bytes()
        assert data in (old, expected[edit]), f"loop {loop} ({edit}): a half-written log"
        seen["old" if data == old else "new"] += 1
        timeline.load(path)
        # the lock died with the writer, and a left-over temporary file is never taken for the log
        edit_event(path, "openai-founded", notes=f"after kill {loop}")
        assert timeline.load(path).events[0].notes == f"after kill {loop}"
    print(f"\n{KILL_LOOPS} kills: {seen['old']} left the old file, {seen['new']} the new one; write window "
          + ", ".join(f"{k} {t[1] * 1000:.0f}-{t[2] * 1000:.0f} of {t[0] * 1000:.0f} ms" for k, t in timings.items()))
    assert seen["old"] + seen["new"] == KILL_LOOPS


def _hold_lock_then_edit(path: str, ready: Any) -> None:
    with storage.locked(Path(path)):
        ready.set()
        time.sleep(60)  # killed long before this ends


def test_a_writer_killed_while_holding_the_lock_does_not_block_the_next(log_path: Path) -> None:
    ready = FORK.Event()
    holder = FORK.Process(target=_hold_lock_then_edit, args=(str(log_path), ready))
    holder.start()
    assert ready.wait(30)
    results = FORK.Queue()
    barrier = FORK.Barrier(1)
    waiter = FORK.Process(target=_writer, args=(str(log_path), 1, barrier, results, "add"))
    waiter.start()
    time.sleep(0.3)  # the waiter is now waiting for the lock
    assert holder.pid is not None
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(timeout=30)
    _, outcome, detail = results.get(timeout=60)
    waiter.join(timeout=30)
    assert outcome == "ok", detail
    assert "writer-1" in event_ids(log_path)


def test_a_lock_held_too_long_is_an_error_not_a_lost_edit(log_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    before = log_path.read_bytes()
    ready = FORK.Event()
    holder = FORK.Process(target=_hold_lock_then_edit, args=(str(log_path), ready))
    holder.start()
    try:
        assert ready.wait(30)
        monkeypatch.setattr(storage, "locked", functools.partial(storage.locked, timeout=0.2))
        with pytest.raises(EditError, match="another timeline command has been editing this file"):
            add_event(log_path, title="Waited too long", when="2024-05-03")
        assert log_path.read_bytes() == before
    finally:
        if holder.pid is not None:
            os.kill(holder.pid, signal.SIGKILL)
        holder.join(timeout=30)


# --- the other files timeline writes: the page and reports, exports ----------------------------------------------

def _run_under_file_size_limit(args: list[str], limit: int, results: Any) -> None:
    """Run a timeline command in this (forked) process with writes beyond `limit` bytes refused by the kernel."""
    from typer.testing import CliRunner

    from timeline.cli import app

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        results.put((result.exit_code, result.stdout + result.stderr))
    except BaseException as exc:
        results.put((-1, repr(exc)))


def _under_limit(args: list[str], limit: int) -> tuple[int, str]:
    results = FORK.Queue()
    proc = FORK.Process(target=_run_under_file_size_limit, args=(args, limit, results))
    proc.start()
    outcome: tuple[int, str] = results.get(timeout=120)
    proc.join(timeout=60)
    return outcome


def test_a_build_that_cannot_finish_a_file_keeps_the_previous_one(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    page = out / "timeline.html"
    page.write_text("<!doctype html><title>the previous build</title>\n", encoding="utf-8")
    code, output = _under_limit(["build", "-f", str(SEED), "-o", str(out)], 64 * 1024)
    assert code == 1, output
    assert "Traceback" not in output and "timeline.html" in output
    assert "no room to write it (File too large); free some space or choose another place with -o DIR" in output
    assert page.read_text("utf-8") == "<!doctype html><title>the previous build</title>\n"
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".tmp*"))


@pytest.mark.parametrize("fmt", ["timelinejs", "ics", "csv", "parquet"])
def test_an_export_that_cannot_finish_keeps_the_previous_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"previous export\n")
    code, output = _under_limit(["export", "--format", fmt, "-f", str(SEED), "-o", str(target)], 1024)
    assert code == 1, output
    assert "Traceback" not in output and str(target) in output
    assert "free some space or choose another place with -o FILE (nothing was replaced)" in output
    assert target.read_bytes() == b"previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_an_edit_through_a_symbolic_link_edits_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "events.yaml"
    shutil.copyfile(SEED, target)
    link = tmp_path / "events.yaml"
    link.symlink_to(Path("real") / "events.yaml")
    add_event(link, id="via-link", title="Via the link", when="2024-05-01")
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert "via-link" in event_ids(target)
    assert not temp_files(tmp_path) and not temp_files(target.parent)


def _add_via(path: str, n: int, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        results.put((n, "ok", add_event(Path(path), id=f"via-{n}", title=f"Via {n}", when="2024-05-01")))
    except TimelineError as exc:
        results.put((n, "refused", exc.located()))
    except BaseException as exc:
        results.put((n, "crashed", repr(exc)))


def test_writers_through_a_link_and_the_real_path_at_once_share_one_lock(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "events.yaml"
    shutil.copyfile(SEED, target)
    link = tmp_path / "events.yaml"
    link.symlink_to(target)
    paths = [str(link), str(target)] * 3
    barrier, results = FORK.Barrier(len(paths)), FORK.Queue()
    procs = [FORK.Process(target=_add_via, args=(p, n, barrier, results)) for n, p in enumerate(paths)]
    for proc in procs:
        proc.start()
    reports = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    assert all(outcome == "ok" for _, outcome, _ in reports), reports  # one lock: they wait, none is refused
    assert {f"via-{n}" for n in range(len(paths))} <= set(event_ids(target))
    assert link.is_symlink()
