"""Editing the log from the command line: add, edit, remove, source add, schema; refusals leave the file as it was."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from timeline.edit import splice as edit
from timeline import storage
from timeline.errors import InvalidEdit
from timeline.edit.splice import (add_event, add_events, add_source, add_sourced_events, edit_event, remove_event,
                                  slug)
from timeline.errors import EditError, StorageError
from timeline.log.load import load
from timeline.model import Limits

LOG = """\
# A test log.
title: Test log
sources:
  verge:
    title: A story
    publisher: The Verge
    url: https://example.com/a
    published: "2024-05-17"

events:
  - id: leike-resigns
    title: Jan Leike resigns
    when: earlier this week
    until: Friday
    source: verge
"""

LOCATED = re.compile(r"^\S*events\.yaml:\d+:\d+: ", re.MULTILINE)


@pytest.fixture
def log(write_log: Callable[..., Path]) -> Path:
    return write_log(LOG)


def temps(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


# --- timeline add ------------------------------------------------------------------------------------------------

# --- how often an edit reads the file --------------------------------------------------------------------------

def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Give a list that grows by one entry each time any reader parses YAML text (the editor's or the loader's)."""
    from timeline.log import load as loader
    from timeline.log import yamltree

    calls: list[str] = []

    def counted(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def parse(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)
        return parse

    monkeypatch.setattr(edit, "compose", counted("edit", yamltree.compose))  # the text as read, for splicing
    monkeypatch.setattr(edit, "parse", counted("edit", yamltree.parse))  # the text to be written, as load reads it
    monkeypatch.setattr(loader, "parse", counted("load", yamltree.parse))
    return calls


@pytest.mark.parametrize("command", [
    ("add", "--title", "Sutskever leaves OpenAI", "--when", "Tuesday", "--source", "verge"),
    ("edit", "leike-resigns", "--when", "Monday"),
    ("remove", "leike-resigns"),
    ("source", "add", "wired", "--title", "T", "--publisher", "Wired", "--url", "https://example.com/w",
     "--published", "2024-05-20"),
])
def test_an_edit_parses_the_file_twice(cli: Any, log: Path, monkeypatch: pytest.MonkeyPatch,
                                       command: tuple[str, ...]) -> None:
    # the text as read, and the text to be written; the resolution printed comes from the log that check built
    calls = _count_parses(monkeypatch)
    result = cli(*command, "-f", str(log))
    assert result.code == 0, result.output
    assert calls == ["edit", "edit"]


def test_a_refused_edit_also_reads_the_log_as_it_was(cli: Any, log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # on failure, one more parse tells "broken before" from "broken by the edit"
    calls = _count_parses(monkeypatch)
    result = cli("add", "--title", "T", "--when", "Tuesday", "--source", "nowhere", "-f", str(log))
    assert result.code == 1
    assert "unknown source 'nowhere'" in result.output
    assert calls == ["edit", "edit", "load"]



def test_add_prints_the_id_and_how_the_date_resolved(cli: Any, log: Path) -> None:
    result = cli("add", "--title", "Sutskever leaves OpenAI", "--when", "Tuesday", "--source", "verge",
                 "--tag", "departures", "--tag", "safety", "--actor", "Ilya Sutskever", "-f", str(log))
    assert result.code == 0, result.output
    assert result.stdout.splitlines()[0] == "added sutskever-leaves-openai"
    assert "when:    Tuesday" in result.stdout
    assert "anchor: Fri 17 May 2024 (source 'verge' published)" in result.stdout
    assert "rule:   weekday" in result.stdout
    assert "result: Tue 14 May 2024" in result.stdout
    record = load(log).record("sutskever-leaves-openai")
    assert record.event.tags == ("departures", "safety")
    assert record.event.actors == ("Ilya Sutskever",)
    assert log.read_text().startswith(LOG)  # appended, nothing above it touched


def test_add_with_every_option(cli: Any, log: Path) -> None:
    result = cli("add", "--title", "The launch", "--when", "Tuesday", "--until", "Thursday", "--anchor", "2024-05-17",
                 "--planned", "--quote", "It ships on Tuesday.", "--notes", "Announced ahead.", "--id", "launch",
                 "-f", str(log))
    assert result.code == 0, result.output
    assert "result: Tue 21 May 2024" in result.stdout  # planned: Tuesday looks forward
    assert "until:    Thursday" in result.stdout
    event = load(log).record("launch").event
    assert event.notes == "Announced ahead."
    assert event.claims[0].quote == "It ships on Tuesday."
    assert event.claims[0].tense == "future"


def test_add_the_same_title_twice_gives_two_ids(log: Path) -> None:
    first = add_event(log, title="Jan Leike resigns", when="2024-05-15")
    second = add_event(log, title="Jan Leike resigns", when="2024-05-16")
    assert (first, second) == ("jan-leike-resigns", "jan-leike-resigns-2")


def test_add_refuses_a_taken_id_and_leaves_the_file(cli: Any, log: Path) -> None:
    before = log.read_bytes()
    result = cli("add", "--title", "Again", "--when", "2024-05-01", "--id", "leike-resigns", "-f", str(log))
    assert result.code == 1
    assert "event id 'leike-resigns' is already taken" in result.stderr
    assert log.read_bytes() == before


def test_add_refuses_an_unreadable_date_with_file_line_col(cli: Any, log: Path) -> None:
    before = log.read_bytes()
    result = cli("add", "--title", "Typo", "--when", "Tusday", "--source", "verge", "-f", str(log))
    assert result.code == 1
    first = result.stderr.splitlines()[0]
    assert LOCATED.match(first), first
    assert "event 'typo': cannot read date 'Tusday' (did you mean 'Tuesday'?)" in first
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert log.read_bytes() == before
    assert temps(log) == []


def test_add_refuses_an_unknown_source(cli: Any, log: Path) -> None:
    before = log.read_bytes()
    result = cli("add", "--title", "T", "--when", "Tuesday", "--source", "vrege", "-f", str(log))
    assert result.code == 1
    assert LOCATED.match(result.stderr)
    assert "vrege" in result.stderr
    assert log.read_bytes() == before


def test_add_to_a_missing_file_says_how_to_start_one(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    result = cli("add", "--title", "T", "--when", "2024-05-01", "-f", str(path))
    assert result.code == 1
    assert "no such file" in result.stderr and "--create" in result.stderr
    assert not path.exists()
    result = cli("add", "--title", "First event", "--when", "2024-05-01", "--create", "-f", str(path))
    assert result.code == 0, result.output
    assert [r.id for r in load(path).records] == ["first-event"]


@pytest.mark.parametrize("events", ["events: []", "events:", "events: ~  # none yet", "events: [ ]"])
def test_add_to_an_empty_list(events: str, write_log: Callable[..., Path]) -> None:
    path = write_log(f"title: Empty\n{events}\n# the end\n")
    add_events(path, [{"title": "One", "when": "2024-05-01"}, {"title": "Two", "when": "2024-05-02"}])
    assert [r.id for r in load(path).records] == ["one", "two"]
    assert path.read_text().startswith("title: Empty\nevents:")
    assert path.read_text().endswith("# the end\n")
    if "#" in events:
        assert "events:  # none yet\n" in path.read_text()


def test_add_refuses_to_edit_a_log_that_is_already_broken(write_log: Callable[..., Path]) -> None:
    path = write_log(LOG.replace("earlier this week", "Tusday"))
    before = path.read_bytes()
    with pytest.raises(InvalidEdit) as info:
        add_event(path, title="New", when="2024-05-01")
    assert "already has these problems" in str(info.value)
    assert "cannot read date 'Tusday'" in str(info.value)
    assert path.read_bytes() == before


def test_a_batch_is_written_whole_or_not_at_all(log: Path) -> None:
    before = log.read_bytes()
    with pytest.raises(InvalidEdit):
        add_events(log, [{"title": "Good", "when": "2024-05-01"}, {"title": "Bad", "when": "Tusday"}])
    assert log.read_bytes() == before
    assert add_events(log, [{"title": "Good", "when": "2024-05-01"}, {"id": "x.1", "title": "Also good",
                                                                     "when": "2024-05-02"}]) == ["good", "x.1"]


def test_unknown_keys_are_refused_with_a_suggestion(log: Path) -> None:
    with pytest.raises(EditError, match=r"unknown key 'titel' \(did you mean 'title'\?\)"):
        add_events(log, [{"titel": "T", "when": "2024-05-01"}])
    with pytest.raises(EditError, match="unknown key 'sorce'"):
        edit_event(log, "leike-resigns", sorce="verge")


@pytest.mark.parametrize(("title", "expected"), [
    ("Jan Leike resigns", "jan-leike-resigns"),
    ("OpenAI's \"Superalignment\" team — disbanded!", "openai-s-superalignment-team-disbanded"),
    ("Ça s'est passé à Zürich", "ca-s-est-passe-a-zurich"),
    ("日本語", "event"),  # nothing left in ASCII: a fixed word, made unique by a number
    ("word " * 30, "-".join(["word"] * 12)),  # at most 60 characters, whole words
])
def test_slug(title: str, expected: str) -> None:
    assert slug(title) == expected


# --- control characters ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\ud800", "\uffff"])
def test_invisible_control_characters_are_refused(char: str, log: Path) -> None:
    before = log.read_bytes()
    with pytest.raises(EditError, match=rf"control character U\+{ord(char):04X} at character 3; remove it"):
        add_event(log, title=f"ab{char}c", when="2024-05-01")
    assert log.read_bytes() == before


def test_a_control_character_from_the_command_line_is_a_clear_error(cli: Any, log: Path) -> None:
    result = cli("edit", "leike-resigns", "--quote", "bell\x07", "-f", str(log))
    assert result.code == 1
    assert "`quote` holds the control character U+0007" in result.stderr
    assert "Traceback" not in result.output


# --- timeline edit -----------------------------------------------------------------------------------------------

def test_edit_replaces_what_is_given(cli: Any, log: Path) -> None:
    result = cli("edit", "leike-resigns", "--title", "Jan Leike quits", "--when", "Wednesday", "--tag", "a",
                 "--tag", "b", "-f", str(log))
    assert result.code == 0, result.output
    assert result.stdout.startswith("edited leike-resigns: title, when, tags\n")
    assert "result: Wed 15 May 2024" in result.stdout
    event = load(log).record("leike-resigns").event
    assert (event.title, event.claims[0].when, event.tags) == ("Jan Leike quits", "Wednesday", ("a", "b"))


def test_edit_clear_removes_a_field(cli: Any, log: Path) -> None:
    result = cli("edit", "leike-resigns", "--clear", "until", "-f", str(log))
    assert result.code == 0, result.output
    assert "until" not in log.read_text()
    assert load(log).record("leike-resigns").event.claims[0].until is None


def test_edit_renames(cli: Any, log: Path) -> None:
    assert cli("edit", "leike-resigns", "--id", "leike-quits", "-f", str(log)).code == 0
    assert [r.id for r in load(log).records] == ["leike-quits"]


@pytest.mark.parametrize(("args", "message"), [
    (["--clear", "title"], "only these fields can be cleared"),
    (["--clear", "until", "--until", "Friday"], "--clear until and --until both given"),
    ([], "nothing to change"),
])
def test_edit_usage_mistakes_exit_2(cli: Any, log: Path, args: list[str], message: str) -> None:
    before = log.read_bytes()
    result = cli("edit", "leike-resigns", *args, "-f", str(log))
    assert result.code == 2
    assert message in result.stderr
    assert log.read_bytes() == before


def test_edit_an_unknown_id_suggests_the_near_one(cli: Any, log: Path) -> None:
    result = cli("edit", "leike-resign", "--title", "X", "-f", str(log))
    assert result.code == 1
    assert "no event with id 'leike-resign' (did you mean 'leike-resigns'?)" in result.stderr


def test_edit_refuses_what_would_break_the_log(cli: Any, log: Path) -> None:
    before = log.read_bytes()
    result = cli("edit", "leike-resigns", "--until", "last year", "-f", str(log))  # until before when
    assert result.code == 1
    assert LOCATED.match(result.stderr)
    assert "`until`" in result.stderr and "before `when`" in result.stderr
    assert log.read_bytes() == before


def test_edit_to_a_taken_id_is_refused(log: Path) -> None:
    add_event(log, title="Other", when="2024-05-01")
    with pytest.raises(EditError, match="'other' is already taken"):
        edit_event(log, "leike-resigns", id="other")


# --- timeline remove ---------------------------------------------------------------------------------------------

def test_remove(cli: Any, log: Path) -> None:
    add_event(log, title="Other", when="2024-05-01")
    result = cli("remove", "other", "-f", str(log))
    assert result.code == 0, result.output
    assert result.stdout == "removed other\n"
    assert log.read_text() == LOG


def test_removing_the_only_event_leaves_an_empty_list(log: Path) -> None:
    remove_event(log, "leike-resigns")
    assert log.read_text().endswith("events: []\n")
    assert load(log).records == ()


def test_remove_an_unknown_id(cli: Any, log: Path) -> None:
    result = cli("remove", "nope", "-f", str(log))
    assert result.code == 1
    assert "no event with id 'nope'" in result.stderr


# --- timeline source add -----------------------------------------------------------------------------------------

def test_source_add_then_an_event_dated_by_it(cli: Any, log: Path) -> None:
    result = cli("source", "add", "wired", "--title", "Team disbanded", "--publisher", "Wired",
                 "--url", "https://www.wired.com/story/x/", "--published", "2024-05-20", "-f", str(log))
    assert result.code == 0, result.output
    assert result.stdout == "added source wired\n"
    assert load(log).sources["wired"].publisher == "Wired"
    assert cli("add", "--title", "Disbanded", "--when", "Friday", "--source", "wired", "-f", str(log)).code == 0
    assert load(log).record("disbanded").start.iso() == "2024-05-17"


def test_source_add_refuses_a_taken_id_and_a_bad_date(cli: Any, log: Path) -> None:
    before = log.read_bytes()
    taken = cli("source", "add", "verge", "--title", "T", "--publisher", "P", "--url", "https://x.org",
                "--published", "2024-05-20", "-f", str(log))
    assert taken.code == 1 and "source 'verge' already exists (line 4)" in taken.stderr
    bad = cli("source", "add", "new", "--title", "T", "--publisher", "P", "--url", "https://x.org",
              "--published", "20 May 2024", "-f", str(log))
    assert bad.code == 1
    assert LOCATED.match(bad.stderr) and "`published`" in bad.stderr and "YYYY-MM-DD" in bad.stderr
    assert log.read_bytes() == before


def test_source_add_to_a_log_without_sources(write_log: Callable[..., Path]) -> None:
    path = write_log("# Header.\ntitle: T\n\n# The events.\nevents: []\n")
    add_source(path, "s1", title="T", publisher="P", url="https://x.org", published="2024-01-02")
    assert path.read_text() == ("# Header.\ntitle: T\n\nsources:\n  s1:\n    title: T\n    publisher: P\n"
                                "    url: https://x.org\n    published: \"2024-01-02\"\n\n# The events.\nevents: []\n")
    assert load(path).sources["s1"].published is not None


# --- a source and its events in one edit (timeline draft --add) -------------------------------------------------

WIRED = {"title": "T", "publisher": "Wired", "url": "https://example.com/w", "published": "2024-05-20"}
WIRED_LINES = ('  wired:\n    title: T\n    publisher: Wired\n    url: https://example.com/w\n'
               '    published: "2024-05-20"\n')
DRAFT = {"title": "Sutskever leaves", "when": "Tuesday", "source": "wired", "quote": "He left on Tuesday.",
         "tags": []}
DRAFT_LINES = ("  - id: sutskever-leaves\n    title: Sutskever leaves\n    when: Tuesday\n    source: wired\n"
               "    quote: He left on Tuesday.\n    tags: []\n")


@pytest.mark.parametrize(("before", "after"), [
    # sources and events as block lists: the source after the last source, the event after the last event
    (LOG, LOG.replace('published: "2024-05-17"\n', 'published: "2024-05-17"\n' + WIRED_LINES) + "\n" + DRAFT_LINES),
    # empty lists written inline: each becomes a block
    ("title: T\nsources: {}\nevents: []\n", "title: T\nsources:\n" + WIRED_LINES + "events:\n" + DRAFT_LINES),
    # no `sources:` key: it goes before `events:` and its comment
    ("title: T\n\n# The events.\nevents: []\n",
     "title: T\n\nsources:\n" + WIRED_LINES + "\n# The events.\nevents:\n" + DRAFT_LINES),
    # neither key
    ("title: T\n", "title: T\nsources:\n" + WIRED_LINES + "events:\n" + DRAFT_LINES),
])
def test_a_new_source_and_its_events_are_one_minimal_edit(before: str, after: str, write_log: Callable[..., Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_log(before)
    calls = _count_parses(monkeypatch)
    writes: list[Path] = []
    real = storage.write_atomically
    monkeypatch.setattr(storage, "write_atomically", lambda p, *a, **k: (writes.append(p), real(p, *a, **k))[1])
    saved = add_sourced_events(path, "wired", [DRAFT], source_fields=WIRED)
    assert path.read_text() == after
    assert saved.ids == ("sutskever-leaves",) and saved.source_added and saved.skipped == 0
    assert calls == ["edit", "edit"] and len(writes) == 1  # read once, checked once, written once
    assert saved.log is not None and saved.log.sources["wired"].published is not None


@pytest.mark.parametrize(("quote", "claimed_by", "skipped"), [
    ("He left on Tuesday.", "wired", 1),  # the same source and quote: already there
    ("He  left on\n Tuesday.", "wired", 1),  # white space aside
    ("He left on Tuesday.", "verge", 0),  # another source said it
    ("He left on Monday.", "wired", 0),  # another sentence
])
def test_events_already_claimed_are_skipped(quote: str, claimed_by: str, skipped: int,
                                            write_log: Callable[..., Path]) -> None:
    # the claim is under `claims:`, without a `source` of its own: it has its event's
    path = write_log(LOG.replace('published: "2024-05-17"\n', 'published: "2024-05-17"\n' + WIRED_LINES)
                     + f"  - id: old\n    title: Old\n    when: Tuesday\n    source: {claimed_by}\n"
                       f"    claims:\n      - when: Tuesday\n        quote: {json.dumps(quote)}\n")
    before = path.read_bytes()
    saved = add_sourced_events(path, "wired", [DRAFT], source_fields=None)
    assert saved.skipped == skipped and len(saved.ids) == 1 - skipped and not saved.source_added
    if skipped:
        assert path.read_bytes() == before and saved.log is None  # nothing to do: the file is not touched


def test_a_refused_event_leaves_no_new_source_behind(write_log: Callable[..., Path]) -> None:
    path = write_log("title: T\nsources: {}\nevents: []\n")
    before = path.read_bytes()
    with pytest.raises(InvalidEdit) as caught:
        add_sourced_events(path, "wired", [DRAFT, {**DRAFT, "when": "Tusday", "quote": "Q"}], source_fields=WIRED)
    assert str(path) in caught.value.located() and "Tusday" in caught.value.located()
    assert path.read_bytes() == before and not temps(path)


def test_a_source_the_log_lacks_needs_its_fields(write_log: Callable[..., Path]) -> None:
    from timeline.cli import HOW

    path = write_log(LOG)
    before = path.read_bytes()
    with pytest.raises(EditError) as caught:
        add_sourced_events(path, "wired", [DRAFT])
    assert "source 'wired' is not in the log" in str(caught.value) and "published date" in str(caught.value)
    assert "--published" not in str(caught.value) and "--published" in caught.value.located(HOW)
    assert path.read_bytes() == before


def test_a_missing_log_is_started_with_the_source(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    with pytest.raises(StorageError, match="no such file"):
        add_sourced_events(path, "wired", [DRAFT], source_fields=WIRED)
    saved = add_sourced_events(path, "wired", [DRAFT], source_fields=WIRED, create=True)
    assert saved.source_added and saved.ids == ("sutskever-leaves",)
    assert [r.id for r in load(path).records] == ["sutskever-leaves"]


# --- timeline schema ---------------------------------------------------------------------------------------------

def test_schema_prints_json(cli: Any) -> None:
    result = cli("schema")
    assert result.code == 0
    data = json.loads(result.stdout)
    assert data["$schema"].startswith("https://json-schema.org/")
    assert "claims" in data["properties"]["events"]["items"]["properties"]


def test_schema_writes_a_file(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.schema.json"
    result = cli("schema", "-o", str(out))
    assert result.code == 0
    assert "yaml-language-server: $schema=events.schema.json" in result.stdout
    assert json.loads(out.read_text())["title"] == "timeline events log"


@pytest.mark.parametrize("command", [["add"], ["edit"], ["remove"], ["source", "add"], ["source"], ["schema"]])
def test_every_command_has_help(cli: Any, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.code == 0
    assert len(result.stdout.split("\n\n")[1].strip()) > 20  # a sentence, not just the usage line


# --- saving: permissions, folders, full disk, concurrency ---------------------------------------------------------

def test_the_file_keeps_its_permissions(log: Path) -> None:
    log.chmod(0o640)
    add_event(log, title="T", when="2024-05-01")
    assert stat.S_IMODE(log.stat().st_mode) == 0o640


def test_a_read_only_file_is_refused(cli: Any, log: Path) -> None:
    log.chmod(0o444)
    before = log.read_bytes()
    result = cli("add", "--title", "T", "--when", "2024-05-01", "-f", str(log))
    assert result.code == 1
    assert "read-only" in result.stderr and "chmod" in result.stderr
    assert log.read_bytes() == before and temps(log) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(log: Path) -> None:
    before = log.read_bytes()
    log.parent.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="permission denied"):
            add_event(log, title="T", when="2024-05-01")
    finally:
        log.parent.chmod(0o755)
    assert log.read_bytes() == before


def test_a_folder_that_refuses_new_files_is_a_clear_error(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a read-only folder does to anyone but root (root is who runs the tests in CI, hence the simulation).
    real_open = os.open

    def refuse_temp(file: Any, flags: int, *args: Any) -> int:
        if str(file).endswith(".tmp"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, flags, *args)

    before = log.read_bytes()
    monkeypatch.setattr(storage.os, "open", refuse_temp)
    with pytest.raises(StorageError, match="permission denied while creating a temporary file beside it"):
        add_event(log, title="T", when="2024-05-01")
    monkeypatch.undo()
    assert log.read_bytes() == before


def test_a_missing_folder_is_a_clear_error(cli: Any, tmp_path: Path) -> None:
    result = cli("add", "--title", "T", "--when", "2024-05-01", "--create", "-f", str(tmp_path / "no" / "e.yaml"))
    assert result.code == 1
    assert "folder" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_loses_nothing(call: str, log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = log.read_bytes()
    real = getattr(os, call)
    calls = []

    def full(fd: int, *args: Any) -> Any:
        calls.append(fd)
        if call == "fsync" and stat.S_ISDIR(os.fstat(fd).st_mode):
            return real(fd, *args)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage.os, call, full)
    with pytest.raises(StorageError, match="disk full"):
        add_event(log, title="T", when="2024-05-01")
    monkeypatch.undo()
    assert calls  # the failure really happened inside the save
    assert log.read_bytes() == before
    assert temps(log) == []


def test_a_save_in_an_editor_meanwhile_is_not_overwritten(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = LOG.replace("Jan Leike resigns", "Jan Leike Resigns")  # same size: only the bytes can tell
    real = edit._validate

    def validate_while_someone_saves(new: str, old: str, path: str, limits: Any) -> Any:
        checked = real(new, old, path, limits)
        st = log.stat()
        log.write_text(editor)
        os.utime(log, ns=(st.st_atime_ns, st.st_mtime_ns))  # even with the old timestamp
        return checked

    monkeypatch.setattr(edit, "_validate", validate_while_someone_saves)
    with pytest.raises(EditError, match="changed on disk since it was read") as info:
        add_event(log, title="T", when="2024-05-01")
    assert "run the command again" in str(info.value)
    assert log.read_text() == editor
    assert temps(log) == []


def test_a_held_lock_makes_the_next_writer_wait_then_give_up(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "LOCK_TIMEOUT", 0.2)
    before = log.read_bytes()
    with storage.locked(log):
        assert (log.parent / ".events.yaml.lock").exists()
        with pytest.raises(EditError, match=r"another timeline command .* holds \.events\.yaml\.lock"):
            add_event(log, title="T", when="2024-05-01")
    assert log.read_bytes() == before
    add_event(log, title="T", when="2024-05-01")  # released: the next one goes through
    assert not (log.parent / ".events.yaml.lock").exists()  # and the folder is left as it was


def test_concurrent_writers_all_land(log: Path) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for k in range(5):
                add_event(log, id=f"w{n}-{k}", title=f"Writer {n} event {k}", when="2024-05-01")
        except BaseException as exc:  # any failure in a thread is reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = {r.id for r in load(log).records}
    assert ids == {"leike-resigns"} | {f"w{n}-{k}" for n in range(4) for k in range(5)}


def test_stale_temporary_files_are_cleaned_up(log: Path) -> None:
    stale = log.parent / ".events.yaml.dead1.tmp"
    fresh = log.parent / ".events.yaml.live1.tmp"
    other = log.parent / ".other.yaml.dead2.tmp"
    for p in (stale, fresh, other):
        p.write_text("half a file")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    add_event(log, title="T", when="2024-05-01")
    assert not stale.exists()
    assert fresh.exists()  # maybe another writer's, still busy
    assert other.exists()  # not ours


def test_crlf_line_ends_and_a_bom_are_kept(write_log: Callable[..., Path]) -> None:
    path = write_log(b"\xef\xbb\xbf" + LOG.replace("\n", "\r\n").encode())
    add_event(path, title="T", when="2024-05-01")
    edit_event(path, "leike-resigns", title="Changed")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# A test log.\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"    title: Changed\r\n" in data and b"  - id: t\r\n" in data
    assert load(path).record("t").event.title == "T"


# --- other layouts people write ----------------------------------------------------------------------------------

NEW = {"title": "New one", "when": "2024-05-03", "tags": ["x"]}


@pytest.mark.parametrize(("before", "after_add", "after_remove"), [
    # a list at the key's own indentation, followed by another key
    ("title: T\nevents:\n- id: a\n  title: A\n  when: '2024-05-01'\nperiods: []\n",
     "title: T\nevents:\n- id: a\n  title: A\n  when: '2024-05-01'\n\n- id: new-one\n  title: New one\n"
     "  when: \"2024-05-03\"\n  tags: [x]\nperiods: []\n",
     "title: T\nevents:\n- id: new-one\n  title: New one\n  when: \"2024-05-03\"\n  tags: [x]\nperiods: []\n"),
    # wide indentation is copied
    ("events:\n    -   id: a\n        title: A\n        when: '2024-05-01'\n",
     "events:\n    -   id: a\n        title: A\n        when: '2024-05-01'\n\n    -   id: new-one\n"
     "        title: New one\n        when: \"2024-05-03\"\n        tags: [x]\n",
     "events:\n    -   id: new-one\n        title: New one\n        when: \"2024-05-03\"\n        tags: [x]\n"),
    # events packed without blank lines stay packed; a file without a final line break gets one
    ("events:\n  - id: a\n    title: A\n    when: '2024-05-01'\n  - id: b\n    title: B\n    when: '2024-05-02'",
     "events:\n  - id: a\n    title: A\n    when: '2024-05-01'\n  - id: b\n    title: B\n    when: '2024-05-02'\n"
     "  - id: new-one\n    title: New one\n    when: \"2024-05-03\"\n    tags: [x]\n",
     "events:\n  - id: b\n    title: B\n    when: '2024-05-02'\n"
     "  - id: new-one\n    title: New one\n    when: \"2024-05-03\"\n    tags: [x]\n"),
])
def test_other_layouts_are_followed(before: str, after_add: str, after_remove: str,
                                    write_log: Callable[..., Path]) -> None:
    path = write_log(before)
    add_events(path, [NEW])
    assert path.read_text() == after_add
    remove_event(path, "a")
    assert path.read_text() == after_remove


def test_a_one_line_event_is_rewritten_as_a_block_when_edited(write_log: Callable[..., Path]) -> None:
    path = write_log("events:\n  - {id: a, title: A, when: '2024-05-01'}\n  - id: b\n    title: B\n"
                     "    when: '2024-05-02'\n")
    edit_event(path, "a", title="A2")
    assert path.read_text() == ("events:\n  - id: a\n    title: A2\n    when: \"2024-05-01\"\n  - id: b\n"
                                "    title: B\n    when: '2024-05-02'\n")


def test_a_one_line_events_list_is_refused_with_its_place(write_log: Callable[..., Path]) -> None:
    path = write_log("events: [{id: a, title: A, when: '2024-05-01'}]\n")
    before = path.read_bytes()
    with pytest.raises(EditError, match="write it as a block") as info:
        add_events(path, [NEW])
    assert (info.value.line, info.value.col) == (1, 9)
    assert path.read_bytes() == before


def test_an_edit_to_the_same_values_does_not_touch_the_file(log: Path) -> None:
    before = log.stat().st_mtime_ns, log.stat().st_ino
    edit_event(log, "leike-resigns", title="Jan Leike resigns", until="Friday")
    assert (log.stat().st_mtime_ns, log.stat().st_ino) == before
    assert log.read_text() == LOG


#: The editing workflow as the README shows it (keep the two in step): every line must run as written.
README_WORKFLOW = """\
timeline source add verge-leike --create --title "OpenAI researcher resigns" --publisher "The Verge" \
--url https://www.theverge.com/2024/5/17/24159095/openai-jan-leike-superalignment-sam-altman-ai-safety \
--published 2024-05-17
timeline add --title "Ilya Sutskever announces he is leaving OpenAI" --id sutskever-leaves --when Tuesday \
--source verge-leike --quote "Sutskever ... announced his departure on Tuesday." --tag departures \
--actor "Ilya Sutskever"
timeline add --title "Jan Leike resigns" --when "earlier this week" --source verge-leike --actor "Jan Leike"
timeline edit jan-leike-resigns --when Wednesday --tag departures --tag superalignment
timeline edit sutskever-leaves --clear quote
timeline remove jan-leike-resigns
timeline schema -o events.schema.json
"""


def test_the_readme_workflow_runs(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    monkeypatch.chdir(tmp_path)
    outputs = []
    for line in README_WORKFLOW.splitlines():
        args = shlex.split(line)
        assert args[0] == "timeline"
        result = cli(*args[1:])
        assert result.code == 0, (line, result.output)
        outputs.append(result.stdout)
    assert "result: Tue 14 May 2024" in outputs[1]
    assert outputs[2].startswith("added jan-leike-resigns\n")
    assert "result: Wed 15 May 2024" in outputs[3]
    log = load(tmp_path / "events.yaml")
    assert [r.id for r in log.records] == ["sutskever-leaves"]
    assert log.records[0].event.claims[0].quote == ""
    assert json.loads((tmp_path / "events.schema.json").read_text())["type"] == "object"
    # a refused edit, as the README shows it
    before = (tmp_path / "events.yaml").read_bytes()
    typo = cli("add", "--title", "A typo", "--when", "Tusday", "--source", "verge-leike")
    assert typo.code == 1
    assert typo.stderr.startswith("events.yaml:")
    assert "cannot read date 'Tusday' (did you mean 'Tuesday'?)" in typo.stderr
    assert (tmp_path / "events.yaml").read_bytes() == before


def test_clearing_the_key_on_the_dash_line_leaves_a_bare_dash(write_log: Callable[..., Path]) -> None:
    path = write_log("events:\n  - notes: first key  # c\n    id: a\n    title: A\n    when: '2024-05-01'\n")
    edit_event(path, "a", notes=None)
    assert path.read_text() == "events:\n  -\n    id: a\n    title: A\n    when: '2024-05-01'\n"
    assert load(path).record("a").event.notes == ""


@pytest.mark.parametrize(("args", "code"), [(["source"], 2), (["source", "add"], 2), (["source", "edit"], 2),
                                            (["claim", "add", "x"], 2), (["add"], 2)])
def test_missing_arguments_are_usage_errors(cli: Any, args: list[str], code: int) -> None:
    result = cli(*args)
    assert result.code == code
    assert "Usage:" in result.output


def test_a_symbolic_link_stays_a_link(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    link = log.parent / "link.yaml"
    link.symlink_to(log.name)
    seen: list[bool] = []
    real_locked = storage.locked

    @contextlib.contextmanager
    def spy(path: Path, **kw: Any) -> Iterator[None]:
        with real_locked(path, **kw):
            seen.append((log.parent / ".events.yaml.lock").exists())  # the lock guards the real file
            yield

    monkeypatch.setattr(storage, "locked", spy)
    add_event(link, title="Through the link", when="2024-05-01")
    assert link.is_symlink()
    assert "through-the-link" in [r.id for r in load(log).records]
    assert seen == [True]
    assert sorted(p.name for p in log.parent.iterdir()) == sorted([log.name, link.name])  # no lock left behind


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_root_keeps_the_files_owner(log: Path) -> None:
    os.chown(log, 1234, 5678)
    add_event(log, title="T", when="2024-05-01")
    assert (log.stat().st_uid, log.stat().st_gid) == (1234, 5678)


# --- every refusal says what about the layout caused it and what to do --------------------------------------------

REFUSAL_LOG = ('title: T\nsources:\n  s1:\n    title: S\n    published: "2024-05-17"\nevents:\n'
               '  - id: a\n    title: A\n    when: "2024-05-01"\n'
               '  - id: b\n    title: B\n    when: "2024-05-02"\n    {key}: {notes}\n')


@pytest.mark.parametrize(("key", "notes", "changed", "written"), [
    # how b's value is written, what an edit of a would have made of it, how the message names the layout
    ("notes", "plain words", "other words", "a plain value"),
    ("notes", '"quoted"', '"other"', "a double-quoted string"),
    ("notes", "'single'", "'other'", "a single-quoted string"),
    ("notes", "|\n      block", "|\n      other", "a `|` block scalar"),
    ("notes", ">\n      folded", ">\n      other", "a `>` block scalar"),
    ("tags", "[x, y]", "[x]", "a flow collection"),
    ("tags", "\n      - x\n      - y", "\n      - x", "a block collection"),
])
def test_a_change_the_edit_was_not_asked_for_is_named_with_its_place_and_layout(key: str, notes: str, changed: str,
                                                                                 written: str) -> None:
    from timeline.edit.splice import _others_unchanged, _read, _validate

    old = REFUSAL_LOG.format(key=key, notes=notes)
    new = REFUSAL_LOG.format(key=key, notes=changed).replace("title: A", "title: A2")
    doc = _read(old, "e.yaml", Limits())
    edited, _ = _validate(new, old, "e.yaml", Limits())
    with pytest.raises(EditError) as refused:
        _others_unchanged(doc, edited, lambda: ({"a"}, set()))
    message = refused.value.located()
    col = 12 if key == "notes" else 7 + (notes.startswith("[") and 4)
    line = 13 if notes.startswith(("[", '"', "'", "p", "|", ">")) else 14
    assert message.startswith(f"e.yaml:{line}:{col}: this edit would also change `{key}` of event 'b'"), message
    assert f"written here as {written}" in message and "run `timeline validate`" in message
    assert "by hand" not in message


def test_a_splice_that_would_not_read_as_yaml_names_the_line_it_goes_at() -> None:
    from timeline.edit.splice import _validate

    old = REFUSAL_LOG.format(key="notes", notes="words")
    at = old.index("  - id: b")
    new = old[:at] + "  - [unclosed\n" + old[at:]
    with pytest.raises(EditError) as refused:
        _validate(new, old, "e.yaml", Limits())
    message = refused.value.located()
    assert message.startswith("e.yaml:10:1: the editor cannot keep this file's layout where the change goes"), message
    assert "write the lines here in block style" in message and "by hand" not in message


@pytest.mark.parametrize(("layout", "args", "fixed"), [
    # a key on the dash line that spans lines cannot be taken out alone: the message says to move it down
    ("  - tags:\n      - x\n    id: a\n    title: A\n    when: \"2024-05-01\"\n", ["edit", "a", "--clear", "tags"],
     "  - id: a\n    tags:\n      - x\n    title: A\n    when: \"2024-05-01\"\n"),
])
def test_a_refused_layout_says_what_to_change_and_the_change_lets_the_edit_land(cli: Any, tmp_path: Path,
                                                                                layout: str, args: list[str],
                                                                                fixed: str) -> None:
    path = tmp_path / "events.yaml"
    head = 'title: T\nsources:\n  s1:\n    title: S\n    published: "2024-05-17"\nevents:\n'
    path.write_text(head + layout, encoding="utf-8")
    result = cli(*args, "-f", str(path))
    assert result.code == 1 and result.stderr.startswith(f"{path}:7:5: ") and "by hand" not in result.stderr
    assert "move `tags:` to a line of its own below the `-`" in result.stderr
    assert path.read_text(encoding="utf-8") == head + layout
    path.write_text(head + fixed, encoding="utf-8")
    assert cli(*args, "-f", str(path)).code == 0
    assert "tags" not in path.read_text(encoding="utf-8")
