"""Golden diffs: each edit of a commented, hand-kept log changes only its own lines.

Each case runs one edit on tests/fixtures/commented.yaml and compares the result with tests/fixtures/golden/NAME.yaml.
After a deliberate change of output, regenerate with TIMELINE_UPDATE_GOLDEN=1 and read the diff before committing.
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline.edit.splice import add_event, add_events, add_source, edit_event, remove_event
from timeline.log.load import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
COMMENTED = FIXTURES / "commented.yaml"
GOLDEN = FIXTURES / "golden"

CASES: dict[str, Callable[[Path], object]] = {
    # appending
    "add": lambda p: add_event(p, title="Leike joins Anthropic", when="Tuesday", source="verge",
                               tags=["departures"], actors=["Jan Leike"]),
    "add_two": lambda p: add_events(p, [{"title": "One", "when": "2024-05-01"},
                                        {"title": "No", "when": "last week", "source": "wired", "planned": None,
                                         "claims": [{"when": "2024-05-08", "source": "verge"}]}]),
    "add_source": lambda p: add_source(p, "anthropic", title="Jan Leike joins Anthropic", publisher="X",
                                       url="https://x.com/janleike", published="2024-05-28"),
    # editing
    "edit_title": lambda p: edit_event(p, "middle", title="A new title"),
    "edit_several": lambda p: edit_event(p, "first", when="last June", tags=["gamma"], notes="added: a note"),
    "edit_clear": lambda p: edit_event(p, "middle", until=None, quote=None),
    "edit_claims": lambda p: edit_event(p, "third", claims=[{"when": "2024-05-13", "source": "verge"}]),
    "edit_unchanged_value": lambda p: edit_event(p, "middle", title="The middle event, in single quotes",
                                                 notes="New notes\n"),
    "edit_block_text": lambda p: edit_event(p, "middle", notes="Another block.\n# still text, not a comment\n"),
    # removing
    "remove_first": lambda p: remove_event(p, "first"),
    "remove_middle": lambda p: remove_event(p, "middle"),
    "remove_last": lambda p: remove_event(p, "third"),
}


def run(name: str, tmp_path: Path) -> tuple[list[str], list[str]]:
    """Give the fixture's lines and the lines after edit `name`."""
    path = tmp_path / "events.yaml"
    shutil.copyfile(COMMENTED, path)
    CASES[name](path)
    return COMMENTED.read_text("utf-8").splitlines(True), path.read_text("utf-8").splitlines(True)


def event_lines(lines: list[str], event_id: str) -> range:
    """Give the 0-based line range of an event: its `- id:` line up to its last non-blank, non-comment line."""
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {event_id}")
    end = start + 1
    for n in range(start + 1, len(lines)):
        text = lines[n]
        if text.strip().startswith("- id:") or (text.strip() and not text.startswith("    ")):
            break
        if text.strip() and not text.strip().startswith("#"):
            end = n + 1
    return range(start, end)


def changes(before: list[str], after: list[str]) -> list[tuple[str, int, int, int, int]]:
    return [op for op in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
            if op[0] != "equal"]


@pytest.mark.parametrize("name", CASES)
def test_matches_golden_file(name: str, tmp_path: Path) -> None:
    _, after = run(name, tmp_path)
    golden = GOLDEN / f"{name}.yaml"
    if os.environ.get("TIMELINE_UPDATE_GOLDEN"):
        golden.write_text("".join(after), encoding="utf-8")
    assert "".join(after) == golden.read_text("utf-8")
    load(tmp_path / "events.yaml")  # and the result is a valid log


@pytest.mark.parametrize("name", ["add", "add_two", "add_source"])
def test_an_add_only_inserts_lines(name: str, tmp_path: Path) -> None:
    before, after = run(name, tmp_path)
    ops = changes(before, after)
    assert ops and all(op[0] == "insert" for op in ops)
    assert len(ops) == 1  # one block, in one place


def test_an_add_goes_after_the_last_event_and_before_the_comments_after_it(tmp_path: Path) -> None:
    before, after = run("add", tmp_path)
    end = event_lines(before, "third").stop
    added = ["\n", "  - id: leike-joins-anthropic\n", "    title: Leike joins Anthropic\n", "    when: Tuesday\n",
             "    source: verge\n", "    tags: [departures]\n", "    actors: [Jan Leike]\n"]
    assert after == [*before[:end], *added, *before[end:]]


@pytest.mark.parametrize(("name", "event_id"), [("edit_title", "middle"), ("edit_several", "first"),
                                                ("edit_clear", "middle"), ("edit_claims", "third"),
                                                ("edit_unchanged_value", "middle"), ("edit_block_text", "middle")])
def test_an_edit_changes_only_lines_of_that_event(name: str, event_id: str, tmp_path: Path) -> None:
    before, after = run(name, tmp_path)
    inside = event_lines(before, event_id)
    ops = changes(before, after)
    assert ops
    for _, i1, i2, _, _ in ops:
        assert inside.start <= i1 and i2 <= inside.stop, (i1, i2, inside)


def test_an_edit_of_one_value_changes_one_line(tmp_path: Path) -> None:
    before, after = run("edit_title", tmp_path)
    assert changes(before, after) == [("replace", 35, 36, 35, 36)]
    assert after[35] == "    title: A new title\n"


def test_a_trailing_comment_on_an_edited_line_stays(tmp_path: Path) -> None:
    _, after = run("edit_several", tmp_path)
    assert "    when: last June   # the article's words\n" in after


def test_a_block_of_text_stays_a_block(tmp_path: Path) -> None:
    before, after = run("edit_block_text", tmp_path)
    assert changes(before, after) == [("replace", 42, 44, 42, 44)]
    assert after[41:44] == ["    notes: |\n", "      Another block.\n", "      # still text, not a comment\n"]


def test_a_block_list_stays_a_block_list(tmp_path: Path) -> None:
    _, after = run("edit_several", tmp_path)
    assert "    tags:\n      - gamma\n" in "".join(after)


@pytest.mark.parametrize(("name", "event_id"), [
    ("remove_first", "first"),
    ("remove_middle", "middle"),
    ("remove_last", "third"),
])
def test_a_remove_deletes_only_that_events_lines_and_never_a_comment(name: str, event_id: str,
                                                                     tmp_path: Path) -> None:
    before, after = run(name, tmp_path)
    ops = changes(before, after)
    assert all(op[0] == "delete" for op in ops)
    deleted = [line for _, i1, i2, _, _ in ops for line in before[i1:i2]]
    event = before[event_lines(before, event_id).start:event_lines(before, event_id).stop]
    assert [line for line in deleted if line.strip()] == event
    assert len(deleted) - len(event) <= 1  # at most one blank line goes with it
    assert [x for x in before if x.lstrip().startswith("#") and x not in event] \
        == [x for x in after if x.lstrip().startswith("#")]


def test_comments_around_other_events_stay_in_order(tmp_path: Path) -> None:
    before, after = run("remove_middle", tmp_path)
    comments = [line for line in before if line.lstrip().startswith("#") and "middle" not in line
                and "a comment between keys" not in line and "not a comment" not in line]
    kept = [line for line in after if line.lstrip().startswith("#")]
    assert kept == comments


def test_a_comment_set_apart_by_a_blank_line_stays_apart(tmp_path: Path) -> None:
    _, after = run("remove_middle", tmp_path)
    text = "".join(after)
    assert "  # A comment separated by a blank line: it belongs to nobody and stays.\n\n" \
           "  # Directly above the third" in text
