"""The editing commands as a user runs them: exit code, output, and the file's diff (only the lines asked for)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline.log.load import load

LOG = """title: Test log
sources:
  verge:
    title: OpenAI researcher resigns
    published: "2024-05-17"
events:
  - id: first
    title: First
    when: Tuesday
    source: verge

  # --- May 2024 ---
  - id: second
    title: Second
    when: "2024-05-02"

  - id: third
    title: Third
    when: "2024-05-03"
"""


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(LOG, encoding="utf-8")
    return path


def diff(before: str, after: str) -> list[str]:
    """Give the changed lines, '-' for removed and '+' for added."""
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def run(cli: Any, log: Path, *args: str) -> tuple[Any, list[str]]:
    before = log.read_text("utf-8") if log.exists() else ""
    result = cli(*args, "-f", str(log))
    return result, diff(before, log.read_text("utf-8") if log.exists() else "")


# --- what the file can say, the command line can say ---------------------------------------------------------

@pytest.mark.parametrize(("args", "stdout", "changed"), [
    # a source needs none of publisher, url or title
    (["source", "add", "wired", "--published", "2024-05-18"], "added source wired\n",
     ["+   wired:", '+     published: "2024-05-18"']),
    (["source", "add", "uk", "--title", "A British paper", "--date-order", "DMY"], "added source uk\n",
     ["+   uk:", "+     title: A British paper", "+     date_order: DMY"]),
    # source edit: only its lines; a field it lacked goes in the schema's order
    (["source", "edit", "verge", "--publisher", "The Verge"], "edited source verge: publisher\n",
     ["+     publisher: The Verge"]),
    (["source", "edit", "verge", "--title", "New headline", "--url", "https://theverge.com/x"],
     "edited source verge: title, url\n",
     ["-     title: OpenAI researcher resigns", "+     title: New headline", "+     url: https://theverge.com/x"]),
    (["source", "edit", "verge", "--clear", "title"], "edited source verge: title\n",
     ["-     title: OpenAI researcher resigns"]),
    # add/edit: --url, --tense, --planned
    (["add", "--title", "Planned", "--when", "Tuesday", "--source", "verge", "--tense", "future",
      "--url", "https://example.org/p"], None,
     ["+ ", "+   - id: planned", "+     title: Planned", "+     when: Tuesday", "+     source: verge",
      "+     tense: future", "+     url: https://example.org/p"]),
    (["edit", "first", "--url", "https://example.org/f", "--planned"], None,
     ["+     planned: true", "+     url: https://example.org/f"]),
    (["edit", "first", "--tense", "past"], None, ["+     tense: past"]),
    # a claim, after the event's own keys
    (["claim", "add", "second", "--when", "2024-05-02", "--source", "verge", "--quote", "on 2 May"], None,
     ["+     claims:", '+       - when: "2024-05-02"', "+         source: verge", "+         quote: on 2 May"]),
    # the log's own title, description and date order
    (["describe", "--title", "Safety exodus", "--description", "Who left, and when"],
     None, ["- title: Test log", "+ title: Safety exodus", "+ description: Who left, and when"]),
    (["describe", "--date-order", "MDY"], None, ["+ date_order: MDY"]),
])
def test_each_edit_changes_only_its_lines(cli: Any, log: Path, args: list[str], stdout: str | None,
                                          changed: list[str]) -> None:
    result, changes = run(cli, log, *args)
    assert result.code == 0, result.output
    if stdout is not None:
        assert result.stdout == stdout
    assert result.stderr == ""
    assert changes == changed
    load(log)
    assert sorted(p.name for p in log.parent.iterdir()) == ["events.yaml"]  # no lock file left behind


def test_a_second_claim_goes_after_the_first_and_is_reconciled(cli: Any, log: Path) -> None:
    assert cli("claim", "add", "first", "--when", "2024-05-14", "-f", str(log)).code == 0
    result, changes = run(cli, log, "claim", "add", "first", "--when", "May 2024", "--source", "verge")
    assert result.code == 0
    assert result.stdout.startswith("added a claim to first\n")
    assert changes == ["+       - when: May 2024", "+         source: verge"]
    assert load(log).record("first").start.iso() == "2024-05-14"


def test_source_remove_takes_its_lines_and_refuses_while_an_event_names_it(cli: Any, log: Path) -> None:
    result, changes = run(cli, log, "source", "remove", "verge")
    assert result.code == 1 and changes == []
    assert result.stderr == (f"{log}:3:3: source 'verge' is named by first; point them at another source "
                             "(`timeline edit ID --source ...`) or remove them first\n")
    assert cli("source", "add", "wired", "--title", "W", "-f", str(log)).code == 0
    result, changes = run(cli, log, "source", "remove", "wired")
    assert (result.code, result.stdout) == (0, "removed source wired\n")
    assert changes == ["-   wired:", "-     title: W"]
    result, _ = run(cli, log, "source", "remove", "verg")
    assert result.code == 1
    assert result.stderr == f"{log}: no source with id 'verg' (did you mean 'verge'?); known sources: verge\n"


def test_init_writes_a_titled_log_with_examples_and_the_schema_line(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    result = cli("init", "--title", "OpenAI's safety exodus", "--date-order", "DMY", "-f", str(path))
    assert result.code == 0, result.output
    assert result.stdout.startswith(f"wrote {path} and {tmp_path / 'events.schema.json'}: title")
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=events.schema.json\n")
    assert "title: \"OpenAI's safety exodus\"\n" in text or "title: OpenAI's safety exodus\n" in text
    assert "#   verge-leike:\n" in text and "#   - id: sutskever-leaves\n" in text  # commented examples
    log = load(path)
    assert (log.title, log.date_order, log.records) == ("OpenAI's safety exodus", "DMY", ())
    assert (tmp_path / "events.schema.json").exists()
    # then the first commands of the README work on it
    assert cli("source", "add", "v", "--published", "2024-05-17", "-f", str(path)).code == 0
    assert cli("add", "--title", "T", "--when", "14/05/2024", "-f", str(path)).code == 0
    assert load(path).record("t").start.iso() == "2024-05-14"
    again = cli("init", "-f", str(path))
    assert again.code == 2 and again.stderr.startswith(f"{path} already exists; name a new file with -f FILE")


def test_a_new_logs_report_reads_its_title(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    assert cli("init", "--title", "Leike's exit", "-f", str(path)).code == 0
    assert cli("add", "--title", "T", "--when", "2024-05-14", "-f", str(path)).code == 0
    assert cli("build", "-f", str(path), "-o", str(tmp_path / "out")).code == 0
    report = (tmp_path / "out" / "report.md").read_text("utf-8")
    assert "Leike's exit" in report and "Events of Events" not in report


# --- refusals: one located line each --------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "line"), [
    (["add", "--title", "A typo", "--when", "Tusday", "--source", "verge"],
     "{log}:23:11: event 'a-typo': cannot read date 'Tusday' (did you mean 'Tuesday'?); edit refused (lines as "
     "they would be after the edit), nothing was written"),
    (["edit", "first", "--when", "Tusday"],
     "{log}:9:11: event 'first': cannot read date 'Tusday' (did you mean 'Tuesday'?); edit refused (lines as "
     "they would be after the edit), nothing was written"),
    (["source", "add", "bad", "--url", "javascript:alert(1)"],
     "{log}:7:10: source 'bad': url 'javascript:alert(1)' must start with http://, https:// or mailto:"),
    (["add", "--title", "Slashed", "--when", "14/05/2024"],
     "{log}:23:11: event 'slashed': cannot read date '14/05/2024': '14/05/2024' is a numeric date with "
     "slashes, which is ambiguous; write it as YYYY-MM-DD, or say how slashed dates read with `date_order: DMY` "
     "(or MDY) on the log or the source; edit refused"),
])
def test_a_refused_edit_is_one_located_line_without_a_literal_backslash_n(cli: Any, log: Path, args: list[str],
                                                                           line: str) -> None:
    result, changes = run(cli, log, *args)
    assert result.code == 1
    assert changes == []
    assert result.stderr.count("\n") == 1 and "\\n" not in result.stderr
    assert result.stderr.startswith(line.format(log=log))


def test_a_british_log_reads_slashed_dates_day_first(cli: Any, log: Path) -> None:
    assert cli("describe", "--date-order", "DMY", "-f", str(log)).code == 0
    result = cli("add", "--title", "Slashed", "--when", "14/05/2024", "-f", str(log))
    assert result.code == 0 and "result: Tue 14 May 2024" in result.stdout


# --- remove keeps comments that head a group ------------------------------------------------------------------

def test_removing_the_first_event_under_a_section_comment_keeps_the_comment(cli: Any, log: Path) -> None:
    result, changes = run(cli, log, "remove", "second")
    assert (result.code, result.stdout) == (0, "removed second\n")
    assert changes == ["-   - id: second", "-     title: Second", '-     when: "2024-05-02"', "- "]
    assert "  # --- May 2024 ---\n  - id: third\n" in log.read_text("utf-8")


def test_removing_an_event_after_a_comment_that_stands_apart_keeps_it(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("title: t\nevents:\n  - id: a\n    title: A\n    when: 2024-05-01\n\n"
                    "  # a note that stands apart\n\n  - id: b\n    title: B\n    when: 2024-05-02\n", "utf-8")
    result, changes = run(cli, path, "remove", "b")
    assert result.code == 0
    assert "# a note that stands apart" in path.read_text("utf-8")
    assert [c for c in changes if c.strip("-+ ")] == ["-   - id: b", "-     title: B", "-     when: 2024-05-02"]


# --- a block scalar that ends the file with no final line break --------------------------------------------------

EVENTS_LAST = ('title: T\nsources:\n  s:\n    title: S\n    published: "2024-05-17"\nevents:\n'
               '  - id: a\n    title: A\n    when: "2024-05-01"\n    source: s\n    notes: {header}\n      kept text')
SOURCES_LAST = ('title: T\nevents:\n  - id: a\n    title: A\n    when: "2024-05-01"\n    source: s\n'
                'sources:\n  s:\n    title: S\n    published: "2024-05-17"\n    notes: {header}\n      kept text')


def notes(text: str) -> Any:
    doc = yaml.safe_load(text)
    return doc["sources"]["s"].get("notes") or doc["events"][0].get("notes")


@pytest.mark.parametrize(("layout", "args"), [
    # the edit appends after the block: its line break would end the block's value
    (EVENTS_LAST, ["add", "--title", "B", "--when", "2024-05-02", "--source", "s"]),
    (EVENTS_LAST, ["edit", "a", "--url", "https://example.org/a"]),
    (SOURCES_LAST, ["source", "add", "t", "--title", "T", "--published", "2024-05-18"]),
])
@pytest.mark.parametrize("header", ["|", "|+", ">", ">+", "|2", "|+2", "|-", ">-", "|2-"])
def test_an_edit_after_a_block_that_ends_the_file(cli: Any, tmp_path: Path, layout: str, args: list[str],
                                                  header: str) -> None:
    path = tmp_path / "events.yaml"
    text = layout.format(header=header)
    path.write_text(text, encoding="utf-8")
    result = cli(*args, "-f", str(path))
    if "-" in header:  # a strip block drops the line break: the edit lands and its value reads the same
        assert result.code == 0, result.stderr
        assert notes(path.read_text(encoding="utf-8")) == notes(text) == "kept text"
        return
    assert result.code == 1, result.stdout
    line = text.count("\n")  # the header's line (1-based) is the one before the last
    assert result.stderr.startswith(f"{path}:{line}:12: ") and result.stderr.count("\n") == 1, result.stderr
    assert "ends inside a block scalar" in result.stderr and "end the file with a line break" in result.stderr
    assert "by hand" not in result.stderr and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == text
    path.write_text(text + "\n", encoding="utf-8")  # what the message says to do
    assert cli(*args, "-f", str(path)).code == 0
