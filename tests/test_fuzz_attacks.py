"""Fuzz properties for the classes of issue 18: keep-chomped scalars, other line ends, device targets, corrupt
caches. Sized and seeded like tests/test_fuzz.py (TIMELINE_FUZZ_EXAMPLES, TIMELINE_FUZZ_SEED); run long by
`python tests/fuzz_long.py`, which runs both files.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from timeline.errors import TimelineError
from timeline.storage import replace

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "600"))
SEED = os.environ.get("TIMELINE_FUZZ_SEED")
FUZZ = settings(max_examples=max(10, EXAMPLES // 10), deadline=None, derandomize=SEED is None, database=None,
                print_blob=True, suppress_health_check=list(HealthCheck))

HEAD = ("title: T\nsources:\n  s:\n    title: S\n    publisher: P\n    url: https://example.org/s\n"
        "    published: \"2024-05-17\"\nevents:\n")


@st.composite
def keep_logs(draw: Any) -> str:
    """Give a log whose events carry block scalars of every chomping, with blank lines after them."""
    out = [HEAD]
    for n in range(draw(st.integers(1, 4))):
        out.append(f"  - id: e{n}\n    title: E{n}\n    when: \"2024-05-0{n + 1}\"\n")
        if draw(st.booleans()):
            header = draw(st.sampled_from(["|", "|+", "|-", ">", ">+", ">-"]))
            lines = draw(st.lists(st.sampled_from(["text", "more words", ""]), min_size=1, max_size=3))
            if not lines[0]:
                lines[0] = "first"
            out.append(f"    {draw(st.sampled_from(['notes', 'quote']))}: {header}\n"
                       + "".join(f"      {line}\n" if line else "\n" for line in lines))
        out.append("\n" * draw(st.integers(0, 3)))
    return "".join(out)


EDITS = st.sampled_from([("add", {}), ("remove", {}), ("edit", {"url": "https://example.org/u"}),
                         ("edit", {"quote": "Q"}), ("edit", {"notes": "N"}), ("edit", {"notes": None}),
                         ("edit", {"title": "Z"}), ("source", {})])


def _data(text: str) -> dict[str, Any]:
    return {e["id"]: e for e in yaml.safe_load(text)["events"] or []}


@FUZZ
@given(text=keep_logs(), edit=EDITS, which=st.integers(0, 3), line_end=st.sampled_from(["\n", "\r\n", "\r"]))
def test_an_edit_never_changes_what_it_was_not_asked_to(text: str, edit: tuple[str, dict[str, Any]], which: int,
                                                         line_end: str) -> None:
    from timeline.edit.splice import add_event, add_source, edit_event, remove_event

    text = text.replace("\n", line_end)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_bytes(text.encode())
        before = _data(text)
        target = f"e{which % len(before)}"
        kind, fields = edit
        try:
            if kind == "add":
                add_event(path, id="new", title="New", when="2024-05-09")
            elif kind == "remove":
                remove_event(path, target)
            elif kind == "edit":
                edit_event(path, target, **fields)
            else:
                add_source(path, "t", title="T", publisher="P", url="https://e.org", published="2024-05-17")
        except TimelineError as exc:
            assert path.read_bytes() == text.encode()  # refused: not a byte changed
            # and never for the layout: keep-chomped blocks and CR, CRLF or LF line ends all take every edit
            assert "would also change" not in str(exc) and "carriage return" not in str(exc), str(exc)
            return
        written = path.read_bytes().decode()
        if line_end != "\r\n":
            assert ("\r" in written) == (line_end == "\r") and ("\n" in written) == (line_end == "\n")
        after = _data(written)
        for event_id, data in before.items():
            if kind in ("remove", "edit") and event_id == target:
                if kind == "edit":
                    assert {k: v for k, v in after[event_id].items() if k not in fields} == \
                        {k: v for k, v in data.items() if k not in fields}
                continue
            assert after[event_id] == data, (kind, event_id)


@FUZZ
@given(parts=st.lists(st.sampled_from(["title: T", "events:", "  - id: a", "    title: A", "    when: '2024-05-01'",
                                       "# c", "  # c", ""]), min_size=1, max_size=10),
       breaks=st.lists(st.sampled_from(["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"]), min_size=1, max_size=10))
def test_any_line_ends_load_and_edit_or_are_refused_cleanly(parts: list[str], breaks: list[str]) -> None:
    from timeline.edit.splice import add_event
    from timeline.log.load import load

    text = "".join(p + breaks[n % len(breaks)] for n, p in enumerate(parts))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_bytes(text.encode())
        with contextlib.suppress(TimelineError):
            load(path)
        try:
            add_event(path, id="new", title="New", when="2024-05-09")
        except TimelineError:
            assert path.read_bytes() == text.encode()
            return
        load(path)
        assert any(e.id == "new" for e in load(path).events)


@FUZZ
@given(kind=st.sampled_from(["null", "fifo", "socket", "folder", "link-null", "link-file", "missing"]),
       through=st.booleans(), data=st.binary(max_size=200))
def test_a_device_target_is_never_replaced(kind: str, through: bool, data: bytes) -> None:
    import socket

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        target = base / "t"
        server = None
        if kind == "null":
            target = Path("/dev/null")
        elif kind == "fifo":
            os.mkfifo(target)
        elif kind == "socket":
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(target))
        elif kind == "folder":
            target.mkdir()
        elif kind == "link-null":
            target.symlink_to("/dev/null")
        elif kind == "link-file":
            (base / "real").write_bytes(b"old")
            target.symlink_to(base / "real")
        before = os.lstat(target) if os.path.lexists(target) else None
        try:
            replace(target, (data,), through=through)
        except TimelineError:
            pass
        finally:
            if server is not None:
                server.close()
        if kind == "link-file":  # named (-o): the link stays, its target is replaced; planted: the link goes
            assert (base / "real").read_bytes() == (data if through else b"old")
            assert os.path.islink(target) == through
        elif before is not None and not stat.S_ISREG(before.st_mode):
            after = os.lstat(target)
            assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
        assert not list(base.glob(".*.tmp"))


@FUZZ
@given(cuts=st.lists(st.tuples(st.integers(0, 1 << 16), st.binary(min_size=1, max_size=64)), min_size=1,
                     max_size=5), truncate=st.one_of(st.none(), st.integers(0, 1 << 16)))
def test_a_corrupt_cache_gives_the_same_rows_as_the_log(cuts: list[tuple[int, bytes]], truncate: int | None) -> None:
    from timeline.cache import _cache_file, query_rows

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        log = base / "events.yaml"
        log.write_text(HEAD + "".join(f"  - id: e{n}\n    title: E{n}\n    when: \"2024-05-{n % 28 + 1:02d}\"\n"
                                      "    tags: [x]\n" for n in range(40)), encoding="utf-8")
        cache_dir = base / "cache"
        expected = query_rows(log, cache_dir=None)
        assert query_rows(log, cache_dir=cache_dir) == expected
        cache = _cache_file(log, cache_dir)
        data = bytearray(cache.read_bytes())
        for at, junk in cuts:
            at %= max(len(data), 1)
            data[at:at + len(junk)] = junk
        if truncate is not None:
            del data[truncate % max(len(data), 1):]
        cache.write_bytes(bytes(data))
        warnings: list[str] = []
        for _ in range(2):
            assert query_rows(log, cache_dir=cache_dir, warn=warnings.append) == expected
            assert json.dumps(query_rows(log, cache_dir=cache_dir, tags=["x"])) == json.dumps(expected)
        assert len(warnings) <= 2
