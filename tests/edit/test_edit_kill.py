"""Killing a writer at any instant leaves the old file or the new one, never a truncated or mixed one.

A forked child appends events in a loop; the parent kills it with SIGKILL after a random delay and checks the file.
TIMELINE_KILLS sets how many kills (default 30, a few seconds; run hundreds with TIMELINE_KILLS=500).
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import storage
from timeline.edit.splice import add_event
from timeline.log.load import load

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

KILLS = int(os.environ.get("TIMELINE_KILLS", "30"))
QUOTE = "A long quote, so that each save writes a file of some size. " * 150  # about 9 KB

BASE = f"""\
# The kill test's log.
title: Kill test
sources:
  s:
    title: Source
    published: "2024-05-17"
events:
  - id: base
    title: Base
    when: "2024-05-01"
    quote: "{QUOTE}"
"""


def child(body: Callable[[], None], error_file: Path) -> None:
    """Run `body` in a forked child that never returns into pytest."""
    try:
        body()
    except BaseException:  # anything at all: written down for the parent, then a distinct exit code
        error_file.write_text(traceback.format_exc())
        os._exit(3)
    os._exit(0)


def fork(body: Callable[[], None], error_file: Path) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        child(body, error_file)
    return pid


def kill(pid: int, error_file: Path) -> None:
    """SIGKILL the child and reap it; fail with the child's own traceback when it had already died of an error."""
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
        pytest.fail("the writer ended by itself:\n" + (error_file.read_text() if error_file.exists() else ""))


def check(path: Path, previous: list[str]) -> list[str]:
    """Give the event ids now in the file after checking it is a whole version that extends `previous`."""
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(BASE) and text.endswith("\n")
    records = load(path).records  # parses, validates, resolves: a cut-off file fails here
    ids = [r.id for r in sorted(records, key=lambda r: r.event.pos.line)]
    assert ids[:len(previous)] == previous  # nothing lost; new ones only appended
    for record in records:
        if record.id != "base":
            assert record.event.title == f"Event {record.id}"  # each value whole
            assert record.event.claims[0].quote == QUOTE
    return ids


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE, encoding="utf-8")
    errors = tmp_path / "child-error.txt"
    rng = random.Random(int(os.environ.get("TIMELINE_KILL_SEED", "4")))
    warm_up = tmp_path / "warm-up.yaml"  # import and cache in the parent, so each child starts writing at once
    warm_up.write_text(BASE, encoding="utf-8")
    add_event(warm_up, title="Warm up", when="2024-05-01")
    ids = ["base"]
    mid_write = 0
    for round_ in range(KILLS):
        def write(round_: int = round_) -> None:
            for n in range(10_000):
                add_event(path, id=f"r{round_}-{n}", title=f"Event r{round_}-{n}", when="2024-05-01", quote=QUOTE)

        pid = fork(write, errors)
        time.sleep(rng.uniform(0.0, 0.08))
        kill(pid, errors)
        leftovers = list(tmp_path.glob(".events.yaml.*.tmp"))
        mid_write += bool(leftovers)  # killed between creating the temporary file and the rename
        ids = check(path, ids)
        for temp in leftovers:  # what the next writer would clean up once stale
            temp.unlink()
    print(f"\n{KILLS} kills, {mid_write} in the middle of a save, {len(ids) - 1} events written")
    assert len(ids) > 1  # the writers did get through, between the kills


@pytest.mark.parametrize("moment", ["half-written", "before-fsync-of-the-folder"])
def test_sigkill_at_a_chosen_moment(moment: str, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE, encoding="utf-8")
    errors = tmp_path / "child-error.txt"
    read_end, write_end = os.pipe()

    def stop_here() -> None:
        os.write(write_end, b"!")  # tell the parent, then wait for the kill
        time.sleep(60)

    def write() -> None:
        if moment == "half-written":
            real_write = os.write

            def half(fd: int, data: bytes) -> int:
                if fd == write_end:
                    return real_write(fd, data)
                done = real_write(fd, bytes(data[:len(data) // 2]))
                stop_here()
                return done
            storage.os.write = half  # type: ignore[assignment]  # only in this child process
        else:
            storage._fsync_folder = lambda folder: stop_here()  # type: ignore[assignment]
        add_event(path, id="new", title="Event new", when="2024-05-01", quote=QUOTE)

    pid = fork(write, errors)
    try:
        ready = os.read(read_end, 1)
    finally:
        kill(pid, errors)
        os.close(read_end)
        os.close(write_end)
    assert ready == b"!"
    ids = check(path, ["base"])
    if moment == "half-written":
        assert ids == ["base"]  # the old file, untouched
        (temp,) = tmp_path.glob(".events.yaml.*.tmp")
        assert len(temp.read_bytes()) < len(BASE)  # the half file never took the log's name
    else:
        assert ids == ["base", "new"]  # renamed already: the new file, whole
        assert list(tmp_path.glob(".events.yaml.*.tmp")) == []
