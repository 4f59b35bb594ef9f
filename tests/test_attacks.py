"""The classes of attack of issue 18, each tested as a class (several members each), through the real commands.

Writing outside the project, events hidden behind line breaks other tools do not see, edits that change other
events, commands that overwrite the log, a cache that turns optional into fatal, quadratic imports, tracebacks,
escape sequences on the terminal, formulas after a `;`, lookalike ids and labels, planted lock links.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from timeline.errors import LogError, StorageError
from timeline.log.load import load, loads
from timeline.safety import csv_cell
from timeline.storage import locked, replace

SEED = Path(__file__).resolve().parents[1] / "events.yaml"

LOG = """title: T
sources:
  s:
    title: S
    publisher: P
    url: https://example.org/s
    published: "2024-05-17"
events:
  - id: a
    title: A
    when: "2024-05-01"
    tags: [x]

  - id: b
    title: B
    when: "2024-05-02"
"""


# --- 1. writing outside the project: devices, pipes, sockets; `-o -` ---------------------------------------------

def test_a_character_device_is_written_through_never_renamed_over(tmp_path: Path) -> None:
    # /dev/null stays a device for every other process: the bytes go into it, no rename happens
    before = os.stat("/dev/null")
    assert replace(Path("/dev/null"), ("x" * 10,), through=True)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_a_fifo_with_a_reader_is_written_through_and_one_without_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(StorageError, match="pipe that nobody reads"):
        replace(fifo, ("x",), through=True)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    time.sleep(0.2)
    replace(fifo, ("hello\n",), through=True)
    assert reader.communicate(timeout=10)[0] == b"hello\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("through", [False, True])
def test_a_socket_is_never_replaced(tmp_path: Path, through: bool) -> None:
    import socket

    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        with pytest.raises(StorageError, match="not a regular file"):
            replace(path, ("x",), through=through)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_a_planted_link_to_a_device_in_the_reports_folder_is_refused(cli: Any, tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG, encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.md").symlink_to("/dev/null")
    result = cli("build", "-f", str(log), "-o", str(reports))
    assert result.code == 1 and "not a regular file" in result.stderr
    assert (reports / "report.md").is_symlink() and os.readlink(reports / "report.md") == "/dev/null"


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["schema"]])
def test_dash_means_standard_output(cli: Any, tmp_path: Path, command: list[str]) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG, encoding="utf-8")
    result = cli(*command, "-o", "-", "-f", str(log))
    assert result.code == 0, result.output
    json.loads(result.stdout)
    assert not (tmp_path / "-").exists() and not Path("-").exists()


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["schema"]])
@pytest.mark.parametrize("target", [
    "/dev/null", "/dev/stdout",
    "/dev/zero",  # any character device takes the same path (a terminal, /dev/tty, is one: none in CI)
])
def test_exports_to_devices_leave_the_device_a_device(cli: Any, tmp_path: Path, command: list[str],
                                                        target: str) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG, encoding="utf-8")
    before = os.stat(target)
    result = subprocess.run([sys.executable, "-m", "timeline", *command, "-o", target, "-f", str(log)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    after = os.stat(target)
    assert stat.S_ISCHR(after.st_mode) == stat.S_ISCHR(before.st_mode)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert os.path.islink("/dev/stdout")


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["export", "--format", "ics"], ["schema"]])
def test_a_character_device_that_refuses_the_bytes_is_a_one_line_problem_and_stays_a_device(
        tmp_path: Path, command: list[str]) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG, encoding="utf-8")
    before = os.stat("/dev/full")  # every write to it fails with ENOSPC
    result = subprocess.run([sys.executable, "-m", "timeline", *command, "-o", "/dev/full", "-f", str(log)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("/dev/full: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "space" in result.stderr
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert log.read_text(encoding="utf-8") == LOG


# --- 2. line breaks only some readers see ------------------------------------------------------------------------

HIDDEN = ["\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", HIDDEN)
@pytest.mark.parametrize("where", [
    "# a comment{c}  - id: hidden",                     # in a comment: an event nobody sees
    "    notes: plain{c}text",                          # in a plain value
    '    notes: "quoted{c}text"',                       # raw inside double quotes
    "    notes: 'single{c}text'",                       # raw inside single quotes
    "    notes: |\n      block{c}text",                 # inside a block scalar
])
def test_raw_nel_ls_ps_are_refused_anywhere_with_their_place(char: str, where: str) -> None:
    text = LOG + where.format(c=char) + "\n"
    with pytest.raises(LogError) as caught:
        loads(text, path="e.yaml")
    line = text.count("\n", 0, text.index(char)) + 1
    col = text.index(char) - (text.rfind("\n", 0, text.index(char)) + 1) + 1
    assert (caught.value.line, caught.value.col) == (line, col)
    assert f"U+{ord(char):04X}" in caught.value.message


@pytest.mark.parametrize(("escape", "char"), [("\\N", "\x85"), ("\\L", "\u2028"), ("\\P", "\u2029")])
def test_their_escapes_inside_double_quotes_still_read(escape: str, char: str) -> None:
    log = loads(LOG + f'    notes: "x{escape}y"\n', path="e.yaml")
    assert log.record("b").event.notes == f"x{char}y"


def test_the_hidden_event_is_refused_by_the_cli(cli: Any, tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG + "  # reviewed\u2028  - id: evil\u2028    title: E\u2028    when: '2024-01-01'\n", "utf-8")
    result = cli("validate", "-f", str(log))
    assert result.code == 1 and ":17:13: the character U+2028" in result.stderr and "Traceback" not in result.output


# --- 10. ids and labels that look the same -----------------------------------------------------------------------

@pytest.mark.parametrize("event_id", ["leike-resigns\n", "a\n", "x\r", "a\u200bb", "caf\u00e9"])
def test_an_id_is_matched_whole(event_id: str) -> None:
    from timeline.log import schema

    assert schema.ID_PATTERN.match(event_id) is None


@pytest.mark.parametrize("cli_id", ["leike-resigns\n", "a\u200b"])
def test_add_refuses_an_id_with_a_line_break_or_invisible_character(cli: Any, tmp_path: Path, cli_id: str) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG, encoding="utf-8")
    result = cli("add", "--title", "New", "--when", "2024-05-03", "--id", cli_id, "-f", str(log))
    assert result.code == 1 and log.read_text("utf-8") == LOG


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
                                  "\u2069", "\u2060", "\ufeff", "\u00ad", "\u061c", "\U000e0041",
                                  # blanks that look like nothing: Hangul fillers, the Braille blank, Mongolian FVS
                                  "\u3164", "\uffa0", "\u115f", "\u2800", "\u180e", "\ufe0f"])
@pytest.mark.parametrize("key", ["tags", "actors"])
def test_labels_with_invisible_characters_are_refused(char: str, key: str) -> None:
    text = LOG.replace("    tags: [x]", f'    {key}: ["x", "x{char}"]')
    with pytest.raises(LogError) as caught:
        loads(text, path="e.yaml")
    assert f"U+{ord(char):04X}" in str(caught.value) and ":12:" in str(caught.value)


def test_an_import_drops_invisible_characters_from_labels(cli: Any, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("title,when,tags,actors\nA,2024-05-01,x\u200b;\u202ey,Ann\u200d\n", encoding="utf-8")
    result = cli("import", str(sheet), "-f", str(tmp_path / "e.yaml"))
    assert result.code == 0, result.output
    event = load(tmp_path / "e.yaml").events[0]
    assert event.tags == ("x", "y") and event.actors == ("Ann",)


def test_a_timelinejs_unique_id_with_a_line_break_is_not_taken(cli: Any, tmp_path: Path) -> None:
    doc = {"events": [{"unique_id": "leike-resigns\n", "start_date": {"year": 2024}, "text": {"headline": "L"}}]}
    (tmp_path / "t.json").write_text(json.dumps(doc), encoding="utf-8")
    assert cli("import", str(tmp_path / "t.json"), "-f", str(tmp_path / "e.yaml")).code == 0
    assert [e.id for e in load(tmp_path / "e.yaml").events] == ["l"]


# --- 9. formulas after a separator --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Quarterly figures;=cmd|' /C calc'!A0", "a;+1", "a; b;-2+3", "a;@SUM(A1)",
                                  "a\t=1", "a\n=1", "a\r\n+1", "a;'=1", "=1;=2", "'=x",
                                  # after spaces, which a reader that trims cells drops
                                  " =cmd", "a;  +1", "a\t\xa0@x", "a; '=1"])
def test_no_piece_a_splitting_reader_sees_starts_a_formula(text: str) -> None:
    import re

    from timeline.exchange.imports import _NEUTRALISED

    cell = csv_cell(text)
    for piece in re.split("[;\t\r\n]", cell):
        assert not re.match("[=+@-]", piece.lstrip(" \xa0")), (text, cell)
    assert _NEUTRALISED.sub("", cell) == text  # the import gives the text back


def test_a_csv_export_read_as_semicolon_separated_has_no_formula(cli: Any, tmp_path: Path) -> None:
    import csv

    log = tmp_path / "events.yaml"
    log.write_text(LOG.replace("title: A", 'title: "Quarterly figures;=cmd|x;+2"'), encoding="utf-8")
    result = cli("export", "--format", "csv", "-f", str(log))
    for row in csv.reader(result.stdout.splitlines(), delimiter=";"):
        for cell in row:
            assert not cell.lstrip('"').startswith(("=", "+", "@")), row


# --- 11. the lock file, the vis ids, left-over temporary files ---------------------------------------------------

def test_a_planted_lock_link_is_refused_and_its_target_never_made(tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG, encoding="utf-8")
    victim = tmp_path / "victim"
    (tmp_path / ".events.yaml.lock").symlink_to(victim)
    with pytest.raises(StorageError, match="symbolic link"), locked(log):
        pass
    assert not victim.exists()


def test_a_planted_lock_link_refuses_add_through_the_cli(cli: Any, tmp_path: Path) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG, encoding="utf-8")
    (tmp_path / ".events.yaml.lock").symlink_to(tmp_path / "made-by-link")
    result = cli("add", "--title", "N", "--when", "2024-05-03", "-f", str(log))
    assert result.code == 1 and "symbolic link" in result.stderr
    assert not (tmp_path / "made-by-link").exists() and log.read_text("utf-8") == LOG


def test_a_dead_writers_temporary_file_is_removed_at_the_next_write(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    left = tmp_path / f".report.md.{child.pid}-0123456789ab.tmp"
    left.write_text("half")
    alive = tmp_path / f".report.md.{os.getpid()}-0123456789ab.tmp"  # a live writer's is left alone
    alive.write_text("in progress")
    replace(tmp_path / "report.md", ("new",))
    assert not left.exists() and alive.exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_export_leaves_no_temporary_file(tmp_path: Path, sig: int) -> None:
    log = tmp_path / "events.yaml"
    log.write_text(LOG + "".join(f"  - id: e{n}\n    title: E{n}\n    when: '2024-05-01'\n" for n in range(20000)),
                   encoding="utf-8")
    out = tmp_path / "out.json"
    slow = ("import sys, time, timeline.storage as s\n"
            "real = s.replace\n"
            "def slow(path, chunks, **kw):\n"
            "    def gen():\n"
            "        for c in chunks:\n"
            "            yield c\n"
            "            print('writing', flush=True); time.sleep(60)\n"
            "    return real(path, gen(), **kw)\n"
            "s.replace = slow\n"
            "from timeline.cli import main\n"
            f"sys.argv = ['timeline', 'export', '--format', 'json', '-o', {str(out)!r}, '-f', {str(log)!r}]\n"
            "main()\n")
    child = subprocess.Popen([sys.executable, "-c", slow], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline() == b"writing\n"
    assert list(tmp_path.glob(".out.json.*.tmp"))
    child.send_signal(sig)
    child.wait(timeout=30)
    assert child.returncode != 0
    assert not list(tmp_path.glob(".out.json.*.tmp")) and not out.exists()


def test_vis_period_ids_never_clash_with_event_ids(tmp_path: Path) -> None:
    from timeline.exchange.vis import write_vis

    text = LOG.replace("id: a", "id: period-1").replace("id: b", "id: period-2") + (
        "periods:\n  - title: P\n    when: '2024-05-01'\n    until: '2024-05-03'\n"
        "  - title: Q\n    when: '2024-05-04'\n    until: '2024-05-05'\n")
    log = loads(text, path="e.yaml")
    items = json.loads(write_vis(log, log.records))["items"]
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == 4


# --- helpers for the later classes -------------------------------------------------------------------------------

def write(tmp_path: Path, text: str = LOG, name: str = "events.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


Runner = Callable[..., Any]


# --- 3. edits never change another event, and odd layouts are kept or refused in words about the layout --------

KEEP = """title: T
events:
  - id: a
    title: A
    when: "2024-05-01"
    notes: |+
      kept line breaks


  - id: b
    title: B
    when: "2024-05-02"
    notes: |+
      also kept

"""


def _events(path: Path) -> dict[str, Any]:
    import yaml

    return {e["id"]: e for e in yaml.safe_load(path.read_text("utf-8"))["events"]}


@pytest.mark.parametrize("edit", [
    ["add", "--title", "C", "--when", "2024-05-03"],       # an event added after a keep block
    ["remove", "b"],                                       # an event removed after one
    ["remove", "a"],
    ["edit", "a", "--quote", "Q"],                         # a key added below one
    ["edit", "b", "--tag", "t"],
    ["edit", "a", "--notes", "new"],                       # the block itself replaced
    ["source", "add", "s", "--title", "S", "--publisher", "P", "--url", "https://e.org", "--published", "2024-05-17"],
])
def test_no_edit_changes_another_events_kept_line_breaks(cli: Any, tmp_path: Path, edit: list[str]) -> None:
    path = write(tmp_path, KEEP)
    before = _events(path)
    result = cli(*edit, "-f", str(path))
    assert result.code == 0, result.output  # the edit lands: the kept line breaks stay where they are
    after = _events(path)
    touched = {edit[1]} if edit[0] in ("edit", "remove") else set()
    for event_id, data in before.items():
        if event_id not in touched:
            assert after[event_id] == data, event_id


@pytest.mark.parametrize("layout", [
    "events:\n  - # a note on the dash line\n    id: a\n    title: A\n    when: '2024-05-01'\n",
    "events:\n- # at column 0\n  id: a\n  title: A\n  when: '2024-05-01'\n",
    "events:\n  -\n    # a comment between\n    id: a\n    title: A\n    when: '2024-05-01'\n",
    "events:\r\n  - id: a\r\n    title: A\r\n    when: '2024-05-01'\r\n",
    # CR-only (old Mac) line ends: edited, and written back with CRs only
    "\revents:\r  - id: a\r    title: A\r    when: '2024-05-01'\r    notes: |+\r      kept\r\r  - id: b\r"
    "    title: B\r    when: '2024-05-02'\r",
    "\revents:\r  - # a dash-line note\r    id: a\r    title: A\r    when: '2024-05-01'\r",
])
@pytest.mark.parametrize("edit", [["add", "--title", "C", "--when", "2024-05-03"], ["edit", "a", "--title", "Z"],
                                  ["edit", "a", "--quote", "Q"], ["remove", "a"]])
def test_dash_line_comments_and_crlf_edit_cleanly(cli: Any, tmp_path: Path, layout: str, edit: list[str]) -> None:
    path = tmp_path / "events.yaml"
    text = "title: T" + ("" if layout.startswith("\r") else "\n") + layout
    path.write_bytes(text.encode())
    before = _events(path)
    result = cli(*edit, "-f", str(path))
    assert result.code == 0, result.output
    load(path)
    after = _events(path)
    assert {k: v for k, v in after.items() if k not in ("a", "c")} == \
        {k: v for k, v in before.items() if k not in ("a", "c")}
    if "\n" not in text:
        assert b"\n" not in path.read_bytes()  # CR-only stays CR-only


@pytest.mark.parametrize(("layout", "words"), [
    # CR line ends mixed with LF ones
    ("title: T\revents:\n  - id: a\r    title: A\n    when: '2024-05-01'\r", "lone carriage return"),
    ("title: T\nevents:\n  - ? id\n    : a\n    title: A\n    when: '2024-05-01'\n", "explicit key"),
    ("title: T\nevents:\n  - id: a\n    ? title\n    : A\n    when: '2024-05-01'\n", "explicit key"),
])
@pytest.mark.parametrize("edit", [["add", "--title", "C", "--when", "2024-05-03"], ["edit", "a", "--title", "Z"],
                                  ["remove", "a"]])
def test_layouts_the_editor_does_not_write_are_refused_in_words_about_them(cli: Any, tmp_path: Path, layout: str,
                                                                           words: str, edit: list[str]) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(layout.encode())
    load(path)  # a valid log
    result = cli(*edit, "-f", str(path))
    assert result.code == 1 and words in result.stderr, result.output
    assert "would have these problems" not in result.stderr and path.read_bytes() == layout.encode()


@pytest.mark.parametrize("char", HIDDEN)
def test_a_log_with_nel_ls_ps_line_ends_is_refused_before_any_edit(cli: Any, tmp_path: Path, char: str) -> None:
    path = tmp_path / "events.yaml"
    raw = f"title: T{char}events:{char}  - id: a{char}    title: A{char}    when: '2024-05-01'{char}".encode()
    path.write_bytes(raw)
    result = cli("add", "--title", "C", "--when", "2024-05-03", "-f", str(path))
    assert result.code == 1 and f"U+{ord(char):04X}" in result.stderr and path.read_bytes() == raw


@pytest.mark.parametrize("event_id", ["a", "b"])
def test_a_key_added_below_a_keep_block_lands_or_is_refused(tmp_path: Path, event_id: str) -> None:
    from timeline.errors import EditError
    from timeline.edit.splice import edit_event

    path = write(tmp_path, KEEP)
    before = _events(path)
    try:
        edit_event(path, event_id, url="https://example.org/x")
    except EditError as exc:
        assert "would also change" in str(exc) and path.read_text("utf-8") == KEEP
        return
    after = _events(path)
    assert after[event_id] == {**before[event_id], "url": "https://example.org/x"}
    assert all(after[k] == v for k, v in before.items() if k != event_id)


# --- 4. no command writes over the log --------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["same", "hardlink", "symlink", "relative"])
@pytest.mark.parametrize("command", ["schema", "export"])
def test_no_output_option_replaces_the_log(cli: Any, tmp_path: Path, monkeypatch: Any, how: str,
                                           command: str) -> None:
    log = write(tmp_path)
    target = {"same": log, "hardlink": tmp_path / "h.yaml", "symlink": tmp_path / "l.yaml",
              "relative": Path("events.yaml")}[how]
    if how == "hardlink":
        os.link(log, target)
    elif how == "symlink":
        target.symlink_to(log)
    monkeypatch.chdir(tmp_path)
    args = ["schema", "-o", str(target), "-f", str(log)] if command == "schema" else \
        ["export", "--format", "json", "-o", str(target), "-f", str(log)]
    result = cli(*args)
    assert result.code in (1, 2) and "log itself" in result.output
    assert log.read_text("utf-8") == LOG


def test_schema_refuses_the_default_log(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path)
    result = cli("schema", "-o", "events.yaml")
    assert result.code == 2 and (tmp_path / "events.yaml").read_text("utf-8") == LOG


@pytest.mark.parametrize("name", ["events.json", "report.md", "timeline.html"])
def test_build_never_writes_a_report_over_the_log(cli: Any, tmp_path: Path, name: str) -> None:
    log = write(tmp_path, LOG, name)
    before = log.read_bytes()
    result = cli("build", "-f", str(log), "-o", str(tmp_path))
    assert result.code == 1 and "events log" in result.stderr and log.read_bytes() == before


# --- 5. the cache only ever makes a query faster -----------------------------------------------------------------

def _cache_of(log: Path) -> Path:
    from timeline.cache import _cache_file, default_dir

    return _cache_file(log, default_dir(os.environ))


@pytest.mark.parametrize("damage", ["fifo", "folder", "pages", "header", "empty", "unwritable-folder"])
def test_a_broken_cache_falls_back_to_the_log_with_at_most_one_warning(cli: Any, tmp_path: Path,
                                                                     damage: str) -> None:
    log = write(tmp_path)
    assert cli("query", "-f", str(log), "--format", "json").code == 0
    cache = _cache_of(log)
    if damage == "fifo":
        cache.unlink()
        os.mkfifo(cache)
    elif damage == "folder":
        cache.unlink()
        cache.mkdir()
    elif damage == "pages":  # the header intact, the pages after it garbage
        data = bytearray(cache.read_bytes())
        data[100:] = b"\xff" * (len(data) - 100)
        cache.write_bytes(bytes(data))
    elif damage == "header":
        cache.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    elif damage == "empty":
        cache.write_bytes(b"")
    else:
        cache.unlink()
        cache.parent.chmod(0o500)
    try:
        for _ in range(2):
            result = cli("query", "-f", str(log), "--format", "json")
            assert result.code == 0, result.output
            assert [r["id"] for r in json.loads(result.stdout)] == ["a", "b"]
            assert result.stderr.count("\n") <= 1 and "Traceback" not in result.output
    finally:
        cache.parent.chmod(0o700)


def test_a_cache_folder_that_cannot_be_made_is_one_warning(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    log = write(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(blocker / "cache"))  # below a file: mkdir always fails
    result = cli("query", "-f", str(log))
    assert result.code == 0 and result.stderr.count("\n") == 1 and str(blocker) in result.stderr


def test_a_cached_query_honours_lowered_limits(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    log = write(tmp_path)
    assert cli("query", "-f", str(log)).code == 0
    monkeypatch.setenv("TIMELINE_MAX_EVENTS", "1")
    assert cli("query", "-f", str(log)).code == 1
    monkeypatch.setenv("TIMELINE_MAX_EVENTS", "100")
    monkeypatch.setenv("TIMELINE_MAX_BYTES", "10")
    assert cli("query", "-f", str(log)).code == 1


# --- 6. imports: capped problem lists, lines counted once --------------------------------------------------------

def test_a_million_unknown_columns_are_one_short_line(tmp_path: Path) -> None:
    from timeline.exchange.imports import import_events

    sheet = tmp_path / "s.csv"
    sheet.write_text("title,when," + ",".join(f"c{n}" for n in range(200_000)) + "\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        import_events(sheet, tmp_path / "e.yaml")
    assert "and 199,990 more" in str(caught.value) and len(str(caught.value)) < 2000


def test_many_rows_with_one_title_get_ids_in_order(tmp_path: Path) -> None:
    from timeline.exchange.imports import import_events

    sheet = tmp_path / "s.csv"
    sheet.write_text("title,when\n" + "Same,2024-05-01\n" * 50, encoding="utf-8")
    ids = import_events(sheet, tmp_path / "e.yaml")
    assert ids == ["same"] + [f"same-{n}" for n in range(2, 51)]


def test_timelinejs_problems_name_the_line_of_each_event(tmp_path: Path) -> None:
    from timeline.errors import ProblemList
    from timeline.exchange.imports import import_events

    doc = {"events": [{"start_date": {"year": 2024}, "text": {"headline": f"E{n}"}} for n in range(30)]
           + [{"start_date": {"year": 0}, "text": {"headline": "bad"}}]}
    (tmp_path / "t.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        import_events(tmp_path / "t.json", tmp_path / "e.yaml")
    text = (tmp_path / "t.json").read_text()
    opening = text.rindex("\n    {", 0, text.index('"bad"')) + 1  # the last event's `{`, four spaces in
    assert caught.value.problems[0].line == text.count("\n", 0, opening) + 1


@pytest.mark.parametrize("html", ["<a " * 30_000, "a<" * 30_000, "<!--" * 20_000, "<" * 50_000 + "b",
                                  "<p>x</p><br>y<div>z", "a &amp;lt; b <b>bold</b>"])
def test_plain_text_of_any_html_is_its_text(html: str) -> None:
    from timeline.exchange.imports import plain_text

    text = plain_text(html)
    assert "<p>" not in text and "<br>" not in text and "<b>" not in text


def test_plain_text_keeps_blocks_as_lines() -> None:
    from timeline.exchange.imports import plain_text

    assert plain_text("<p>One</p><p>Two &amp; <b>three</b></p>") == "One\nTwo & three"
    assert plain_text("a < b and c > d") == "a < b and c > d"


# --- 7. never a traceback: every command on each class of bad input ---------------------------------------------

BAD_BYTES = os.fsdecode(b"caf\xe9-\xff")  # a name or phrase that is not UTF-8, as Python holds it

COMMANDS: list[list[str]] = [
    ["validate", "-f", "{log}"], ["query", "-f", "{log}"], ["query", "-f", "{log}", "--format", "csv"],
    ["explain", "a", "-f", "{log}"], ["build", "-f", "{log}", "-o", "{out}"],
    ["export", "--format", "json", "-f", "{log}"], ["export", "--format", "csv", "-o", "{out}/x.csv", "-f", "{log}"],
    ["export", "--format", "timelinejs", "-f", "{log}"], ["export", "--format", "vis", "-f", "{log}"],
    ["add", "--title", "{text}", "--when", "{text}", "-f", "{log}"], ["edit", "a", "--title", "{text}", "-f", "{log}"],
    ["remove", "a", "-f", "{log}"], ["import", "{input}", "-f", "{log}"],
    ["source", "add", "x", "--title", "{text}", "--publisher", "P", "--url", "{text}", "--published", "2024-05-01",
     "-f", "{log}"],
    ["resolve", "{text}", "--anchor", "2024-05-17"], ["tag", "{input}", "--anchor", "2024-05-17"],
    ["schema", "-o", "{out}/s.json", "-f", "{log}"],
]


def _inputs(tmp_path: Path) -> dict[str, dict[str, str]]:
    """Give each class of bad input as what it puts in {log}, {input} and {text}."""
    good = write(tmp_path, LOG)
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: T\nevents: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    odd_name = tmp_path / f"{BAD_BYTES}.yaml"
    odd_name.write_text(LOG, encoding="utf-8")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"title,when\n\xff\xfe,\x00\n")
    keys = tmp_path / "keys.yaml"
    keys.write_text(LOG + "".join(f"    k{n}: v\n" for n in range(3000)), encoding="utf-8")
    hidden = tmp_path / "hidden.yaml"
    hidden.write_text(LOG.replace("# ", "") + "  # x\u2028  - id: h\n", encoding="utf-8")
    return {
        "device": {"log": "/dev/zero", "input": "/dev/zero", "text": "x"},
        "folder": {"log": str(tmp_path), "input": str(tmp_path), "text": "x"},
        "missing": {"log": str(tmp_path / "none.yaml"), "input": str(tmp_path / "none.csv"), "text": "x"},
        "not-utf8-name": {"log": str(odd_name), "input": str(tmp_path / f"{BAD_BYTES}.csv"), "text": BAD_BYTES},
        "nested": {"log": str(deep), "input": str(nested), "text": "(" * 5000},
        "binary": {"log": str(binary), "input": str(binary), "text": "\x00\x1b[2J\u202e"},
        "many-keys": {"log": str(keys), "input": str(good), "text": "x" * 100_000},
        "hidden-break": {"log": str(hidden), "input": str(hidden), "text": "a\u2028b"},
    }


@pytest.mark.parametrize("kind", ["device", "folder", "missing", "not-utf8-name", "nested", "binary", "many-keys",
                                  "hidden-break"])
def test_every_command_answers_each_class_of_bad_input_in_words(cli: Any, tmp_path: Path, monkeypatch: Any,
                                                               kind: str) -> None:
    monkeypatch.setenv("TIMELINE_MAX_BYTES", str(1 << 20))  # /dev/zero is refused at 1 MiB, not 256
    out = tmp_path / "out"
    out.mkdir()
    given = _inputs(tmp_path)[kind]
    for command in COMMANDS:
        args = [a.format(out=out, **given) for a in command]
        result = cli(*args)
        shown = " ".join(command)
        assert result.code in (0, 1, 2), (shown, result.code, result.output[-500:])
        assert "Traceback" not in result.output and "internal error" not in result.output, (shown, result.output)
        assert result.stderr.count("\n") <= 110, (shown, "problem list not capped")


def test_a_strict_utf8_terminal_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict", LC_ALL="C.UTF-8")
    name = os.fsencode(tmp_path) + b"/caf\xe9.yaml"
    result = subprocess.run([sys.executable, "-m", "timeline", "validate", "-f", name], env=env,
                            capture_output=True, timeout=60)
    assert result.returncode == 1 and b"Traceback" not in result.stderr and b"caf" in result.stderr
    result = subprocess.run([sys.executable, "-m", "timeline", "resolve", b"\xff Tuesday", "--anchor", "2024-05-17"],
                            env=env, capture_output=True, timeout=60)
    assert result.returncode in (0, 1) and b"Traceback" not in result.stderr


def test_an_import_into_a_closed_pipe_exits_0_after_landing(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("title,when\n" + "".join(f"E{n},2024-05-01\n" for n in range(2000)), encoding="utf-8")
    log = tmp_path / "e.yaml"
    result = subprocess.run(f"{sys.executable} -m timeline import {sheet} -f {log} | head -1", shell=True,
                            capture_output=True, timeout=120, executable="/bin/bash",
                            env=dict(os.environ, PIPESTATUS_CHECK="1"))
    assert b"Traceback" not in result.stderr
    assert len(load(log).events) == 2000
    status = subprocess.run(f"set -o pipefail; {sys.executable} -m timeline query -f {log} | head -1", shell=True,
                            capture_output=True, timeout=120, executable="/bin/bash")
    assert status.returncode == 0 and b"Traceback" not in status.stderr


@pytest.mark.parametrize(("closed", "command"), [
    # a closed stdout: the printed output goes nowhere, the log is not written into
    (">&-", ["add", "--title", "Closed out", "--when", "2024-05-01"]),
    (">&-", ["query"]),
    (">&- 2>&-", ["add", "--title", "Closed both", "--when", "2024-05-01"]),
    (">&-", ["export", "--format", "csv"]),
    # a closed stdin for commands that read it
    ("<&-", ["tag"]),
    ("<&-", ["resolve", "--jsonl"]),
    ("2>&-", ["validate"]),
])
def test_closed_standard_streams_are_no_traceback_and_never_the_log(tmp_path: Path, closed: str,
                                                                   command: list[str]) -> None:
    log = tmp_path / "e.yaml"
    shutil.copy(SEED, log)
    before = log.read_text("utf-8")
    args = " ".join(shlex.quote(a) for a in command)
    result = subprocess.run(f"{sys.executable} -m timeline {args} -f {log} {closed}", shell=True,
                            capture_output=True, timeout=120, executable="/bin/bash")
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr, result.stderr
    after = log.read_text("utf-8")
    if command[0] == "add":
        assert result.returncode == 0 and "id: closed-" in after
        assert set(before.splitlines()) <= set(after.splitlines())
        assert "added " not in after and "rule:" not in after  # nothing that was printed went into the log
        load(log)
    else:
        assert after == before


def test_problems_are_capped_with_a_count(cli: Any, tmp_path: Path) -> None:
    log = write(tmp_path, LOG + "".join(f"    k{n}: v\n" for n in range(500)))
    result = cli("validate", "-f", str(log))
    assert result.code == 1 and result.stderr.count("\n") == 101 and "and 400 more problems" in result.stderr


def test_resolve_jsonl_refuses_an_endless_line_without_keeping_it(tmp_path: Path) -> None:
    from timeline.dates.batch import MAX_LINE

    feed = tmp_path / "in.jsonl"
    feed.write_bytes(b'{"text": "Tuesday", "anchor": "2024-05-17"}\n' + b"x" * (MAX_LINE * 4) + b"\n"
                     + b'{"text": "Monday", "anchor": "2024-05-17"}\n')
    with feed.open("rb") as handle:
        result = subprocess.run([sys.executable, "-m", "timeline", "resolve", "--jsonl"], stdin=handle,
                                capture_output=True, timeout=60)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3 and "error" in lines[1] and "longer than the limit" in lines[1]["error"]
    assert "error" not in lines[0] and "error" not in lines[2]


# --- 8. what reaches a terminal ----------------------------------------------------------------------------------

def test_watch_prints_problems_escaped(tmp_path: Path, monkeypatch: Any) -> None:
    from timeline.cli.build import watch
    from timeline.errors import LogError as Bad

    said: list[str] = []

    def rebuild() -> None:
        raise Bad("bad value '\x1b[2J\u202e'", path="e.yaml", line=1, col=1)

    log = write(tmp_path)
    watch(log, rebuild, max_checks=0, sleep=lambda s: None, report=said.append)
    assert said and "\x1b" not in said[0] and "\u202e" not in said[0] and "\\x1b" in said[0]


@pytest.mark.parametrize("command", [["query", "--format", "csv"], ["query"], ["export", "--format", "csv"],
                                     ["export", "--format", "json"], ["explain", "a"]])
def test_a_terminal_never_gets_raw_control_sequences(tmp_path: Path, command: list[str]) -> None:
    import pty

    log = write(tmp_path, LOG.replace("title: A", 'title: "A\\e[2J\\e]0;pwn\\a \u202egnp.exe"'))
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout is a terminal
        os.execv(sys.executable, [sys.executable, "-m", "timeline", *command, "-f", str(log)])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown, shown[:300]
    assert "A" in shown


@pytest.mark.parametrize("phrase", ["\u202eTuesday", "Tuesday\u2066"])
def test_add_and_edit_echo_bidi_controls_escaped(cli: Any, tmp_path: Path, phrase: str) -> None:
    log = write(tmp_path)
    result = cli("add", "--title", "N", "--when", phrase, "--anchor", "2024-05-17", "--id", "n", "-f", str(log))
    if result.code == 0:
        assert "\u202e" not in result.stdout and "\u2066" not in result.stdout
    result = cli("edit", "a", "--when", phrase, "--anchor", "2024-05-17", "-f", str(log))
    assert "\u202e" not in result.output and "\u2066" not in result.output


def test_clearing_a_field_an_event_does_not_have_says_nothing_changed(cli: Any, tmp_path: Path) -> None:
    log = write(tmp_path)
    result = cli("edit", "b", "--clear", "tags", "-f", str(log))
    assert result.code == 0 and "nothing changed" in result.stdout and "edited" not in result.stdout
    assert log.read_text("utf-8") == LOG


@pytest.mark.parametrize(("url", "words"), [('https://example.org/"x', "'\"' at character 21"),
                                            ("https://example.org/<x>", "%3C"), ("https://a b", "a space"),
                                            ("ftp://example.org", "must start with")])
def test_a_bad_url_is_told_what_is_wrong_with_it(url: str, words: str) -> None:
    text = LOG.replace("https://example.org/s", url.replace('"', '\\"'))
    with pytest.raises(LogError) as caught:
        loads(text.replace("url: " + url.replace('"', '\\"'), "url: \"" + url.replace('"', '\\"') + '"'),
              path="e.yaml")
    assert words in str(caught.value)


@pytest.mark.parametrize("key", ["title", "notes", "quote"])
def test_one_value_too_big_to_draw_is_refused_with_its_place(key: str) -> None:
    from timeline.log.check import MAX_TEXT

    text = LOG + f"    {key}: {'x' * (MAX_TEXT + 1)}\n" if key != "title" else \
        LOG.replace("title: B", "title: " + "x" * (MAX_TEXT + 1))
    with pytest.raises(LogError) as caught:
        loads(text, path="e.yaml")
    assert "over the limit of 16,777,216 for one value" in str(caught.value) and "e.yaml:1" in str(caught.value)
