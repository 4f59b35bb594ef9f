"""Edits beside block scalars of every chomping and indentation indicator land, and change nothing else.

A `|+` (keep) block's value holds the blank lines after it, up to the next line with anything on it: an event
appended after it, a key added below it, or an event removed after it must leave those line breaks where they
are. Each row builds a log around one block, makes one edit next to it, and checks that the edit landed (no
refusal) and that every event it was not asked to change reads the same, by PyYAML, before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from timeline.errors import EditError
from timeline.edit.splice import add_claim, add_event, add_source, edit_event, remove_event

HEAD = ("title: T\nsources:\n  s:\n    title: S\n    publisher: P\n    url: https://example.org/s\n"
        "    published: \"2024-05-17\"\nevents:\n")

#: (header, body lines at 6 spaces unless they start with spaces themselves, "" for a blank line)
BLOCKS = [
    ("|+", ["kept line"]),
    ("|+", ["two", "lines"]),
    ("|+", ["inner", "", "blank"]),
    (">+", ["folded", "words"]),
    ("|2+", ["  two spaces of indent, said", "back"]),
    ("|+2", ["  the other order"]),
    (">2+", ["  folded at two", "and back"]),
    ("|+ # a comment", ["after a header comment"]),
    ("|-", ["stripped"]),
    (">-", ["stripped folded"]),
    ("|", ["clipped"]),
    (">", ["clipped folded"]),
]


def block(key: str, header: str, body: list[str], blanks: str) -> str:
    """Give `key: header` at column 4 and its body at column 6 ("" for a blank line), then `blanks`."""
    return f"    {key}: {header}\n" + "".join(f"      {line}\n" if line else "\n" for line in body) + blanks


PLAIN_B = "  - id: b\n    title: B\n    when: \"2024-05-02\"\n"
PLAIN_C = "  - id: c\n    title: C\n    when: \"2024-05-03\"\n"


def layouts(header: str, body: list[str], blanks: str, key: str = "notes") -> dict[str, str]:
    """Give logs with the block in the last event (c before it), before b, between c and b, and in a source too."""
    event = "  - id: a\n    title: A\n    when: \"2024-05-01\"\n" + block(key, header, body, blanks)
    in_source = HEAD.replace("events:\n", block("notes", header, body, blanks) + "events:\n")
    return {"last": HEAD + PLAIN_C + event,
            "last, events set apart": HEAD + PLAIN_C + "\n" + event,  # an appended event would get a blank line
            "before another": HEAD + event + PLAIN_B,
            "before two set apart": HEAD + event + PLAIN_B + "\n" + PLAIN_C,  # b's blank line must not join a's
            "between": HEAD + PLAIN_C + event + PLAIN_B,
            "in a source too": in_source + PLAIN_C + event + PLAIN_B}


EDITS: dict[str, tuple[Callable[[Path], Any], set[str]]] = {
    # (the edit, the events it is asked to change)
    "append an event": (lambda p: add_event(p, id="new", title="New", when="2024-05-09"), {"new"}),
    "remove the event after it": (lambda p: remove_event(p, "b"), {"b"}),
    "remove the event before it": (lambda p: remove_event(p, "c"), {"c"}),
    "add a key below it": (lambda p: edit_event(p, "a", url="https://example.org/u"), {"a"}),
    "add a key above it": (lambda p: edit_event(p, "a", tags=["t"]), {"a"}),
    "change the key above it": (lambda p: edit_event(p, "a", when="2024-05-04"), {"a"}),
    "add a claim below it": (lambda p: add_claim(p, "a", when="2024-05-01", source="s"), {"a"}),
    "edit the event after it": (lambda p: edit_event(p, "b", url="https://example.org/b"), {"b"}),
    "add a source": (lambda p: add_source(p, "t", title="T", publisher="P", url="https://e.org",
                                          published="2024-05-17"), set()),
}


def read(text: str) -> dict[str, Any]:
    doc = yaml.safe_load(text)
    return {"events": {e["id"]: e for e in doc["events"]}, "sources": doc["sources"]}


def check_lands(tmp_path: Path, text: str, edit: str, line_end: str = "\n", key: str = "notes") -> None:
    run, asked = EDITS[edit]
    text = text.replace("\n", line_end)
    path = tmp_path / "events.yaml"
    path.write_bytes(text.encode())
    before = read(text)
    needs = {"remove the event after it": "b", "edit the event after it": "b", "remove the event before it": "c"}
    if edit in needs and needs[edit] not in before["events"]:
        return  # this layout has no such event
    run(path)  # lands: a refusal raises
    written = path.read_bytes().decode()
    after = read(written)
    assert set(before["events"]) - asked <= set(after["events"])
    for event_id, data in before["events"].items():
        if event_id in asked:
            continue
        assert after["events"][event_id] == data, (event_id, written)
    if edit == "add a key below it" or edit == "add a key above it" or edit == "add a claim below it":
        assert after["events"]["a"][key] == before["events"]["a"][key]  # the block itself, unchanged
    assert after["sources"]["s"] == before["sources"]["s"]
    if line_end == "\r\n":
        assert "\n" not in written.replace("\r\n", ""), "every line ends as the file's lines end"


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize(("header", "body"), BLOCKS, ids=[f"{h} {b[0][:12]}" for h, b in BLOCKS])
@pytest.mark.parametrize("blanks", ["", "\n\n"], ids=["no blank", "two blanks"])
@pytest.mark.parametrize("where", ["last", "last, events set apart", "before another", "before two set apart",
                                   "in a source too"])
def test_an_edit_beside_a_block_lands_and_changes_nothing_else(tmp_path: Path, edit: str, header: str,
                                                                body: list[str], blanks: str, where: str) -> None:
    check_lands(tmp_path, layouts(header, body, blanks)[where], edit)


@pytest.mark.parametrize("edit", ["append an event", "remove the event after it", "add a key below it"])
@pytest.mark.parametrize("line_end", ["\r\n"], ids=["CRLF"])
def test_keep_blocks_in_a_crlf_log(tmp_path: Path, edit: str, line_end: str) -> None:
    check_lands(tmp_path, layouts("|+", ["kept", ""], "\n")["before another"], edit, line_end)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(header=st.sampled_from(["|+", ">+", "|2+", "|+2", ">-2", "|-", ">-", "|", ">", "|+ # c"]),
       body=st.lists(st.sampled_from(["text", "more words", "", "  indented more"]), min_size=1, max_size=4),
       blanks=st.integers(0, 3), where=st.sampled_from(["last", "last, events set apart", "before another", "between",
                                                        "before two set apart", "in a source too"]),
       edit=st.sampled_from(sorted(EDITS)), key=st.sampled_from(["notes", "quote"]))
def test_any_block_beside_any_edit(tmp_path_factory: pytest.TempPathFactory, header: str, body: list[str],
                                   blanks: int, where: str, edit: str, key: str) -> None:
    if not body[0].strip() or (body[0].startswith(" ") and not any(c.isdigit() for c in header)):
        body = ["first", *body]  # a first line more indented needs an indentation indicator
    text = layouts(header, body, "\n" * blanks, key=key)[where]
    check_lands(tmp_path_factory.mktemp("keep"), text, edit, key=key)


# --- a block that ends the file without a final line break -------------------------------------------------------
# YAML keeps a clip (`|`) or keep (`|+`) block's final line break, and a block at the end of a file without one has
# none: the line break an edit must put before what it appends would become part of its value. Such an edit is
# refused with the block's place and what to do; a strip block (`|-`) reads the same with it, and the edit lands.

AT_EOF: dict[str, Callable[[Path], Any]] = {
    # edits whose splice goes at the end of the file when the block ends the last event
    "append an event": lambda p: add_event(p, id="new", title="New", when="2024-05-09"),
    "add a claim below it": lambda p: add_claim(p, "a", when="2024-05-01", source="s"),
    "add a key below it": lambda p: edit_event(p, "a", url="https://example.org/u"),
}
ELSEWHERE: dict[str, Callable[[Path], Any]] = {
    # edits that splice before the block: they land whatever its header
    "add a source": lambda p: add_source(p, "t", title="T", publisher="P", url="https://e.org",
                                         published="2024-05-17"),
    "remove the event before it": lambda p: remove_event(p, "c"),
    "change the key above it": lambda p: edit_event(p, "a", when="2024-05-04"),
}


def eof_log(header: str, body: list[str], final_break: bool) -> str:
    text = HEAD + PLAIN_C + "  - id: a\n    title: A\n    when: \"2024-05-01\"\n" + block("notes", header, body, "")
    return text if final_break else text[:-1]


def the_block(text: str) -> Any:
    return read(text)["events"]["a"]["notes"]


@pytest.mark.parametrize("edit", sorted(AT_EOF) + sorted(ELSEWHERE))
@pytest.mark.parametrize(("header", "body"), BLOCKS, ids=[f"{h} {b[0][:12]}" for h, b in BLOCKS])
@pytest.mark.parametrize("final_break", [True, False], ids=["final break", "no final break"])
def test_a_block_at_the_end_of_the_file(tmp_path: Path, edit: str, header: str, body: list[str],
                                        final_break: bool) -> None:
    text = eof_log(header, body, final_break)
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    strip = header.split("#")[0].strip().endswith("-") or "-" in header.split("#")[0]
    run = {**AT_EOF, **ELSEWHERE}[edit]
    if edit in AT_EOF and not final_break and not strip:
        with pytest.raises(EditError) as refused:
            run(path)
        message = str(refused.value)
        assert "the file ends inside a block scalar" in message and "end the file with a line break" in message
        assert refused.value.line == text.count("\n") - len(body) + 1  # the block's header line
        assert path.read_text(encoding="utf-8") == text  # nothing written
        path.write_text(text + "\n", encoding="utf-8")  # doing what it says lets the edit land
        run(path)
        assert the_block(path.read_text(encoding="utf-8")) == the_block(text + "\n")
        return
    run(path)
    written = path.read_text(encoding="utf-8")
    assert the_block(written) == the_block(text), written  # the block's value is what it was
    if edit != "remove the event before it":
        assert read(written)["events"]["c"] == read(text)["events"]["c"]


@pytest.mark.parametrize("header", ["|", "|+", ">", ">+", "|2"])
def test_the_other_way_out_a_strip_header_keeps_the_value(tmp_path: Path, header: str) -> None:
    text = eof_log(header, ["first", "second"], final_break=False)
    path = tmp_path / "events.yaml"
    stripped = text.replace(f"notes: {header}\n", f"notes: {header.replace('+', '')}-\n")
    path.write_text(stripped, encoding="utf-8")
    add_event(path, id="new", title="New", when="2024-05-09")
    assert the_block(path.read_text(encoding="utf-8")) == the_block(text)  # the value the file had


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(header=st.sampled_from(["|+", ">+", "|2+", "|+2", ">-2", "|-", ">-", "|", ">", "|+ # c", "|2"]),
       body=st.lists(st.sampled_from(["text", "more words", "", "  indented more"]), min_size=1, max_size=4),
       edit=st.sampled_from(sorted(EDITS)), final_break=st.booleans())
def test_any_block_ending_the_file_lands_unchanged_or_is_refused_for_its_missing_break(
        tmp_path_factory: pytest.TempPathFactory, header: str, body: list[str], edit: str, final_break: bool) -> None:
    if not body[0].strip() or (body[0].startswith(" ") and not any(c.isdigit() for c in header)):
        body = ["first", *body]
    text = HEAD + PLAIN_C + "  - id: a\n    title: A\n    when: \"2024-05-01\"\n" + block("notes", header, body, "")
    text = text if final_break else text.rstrip("\n")
    path = tmp_path_factory.mktemp("eof") / "events.yaml"
    path.write_text(text, encoding="utf-8")
    run, asked = EDITS[edit]
    if edit in ("remove the event after it", "edit the event after it"):
        return  # no event after it here
    try:
        run(path)
    except EditError as refused:
        # refused only when a final line break would change the block's value, and saying so
        assert not final_break and the_block(text + "\n") != the_block(text), str(refused)
        assert "ends inside a block scalar" in str(refused) and path.read_text(encoding="utf-8") == text
        return
    written = path.read_text(encoding="utf-8")
    after, before = read(written), read(text)
    if "a" not in asked or edit in ("add a key below it", "add a claim below it", "add a key above it",
                                    "change the key above it"):
        assert after["events"]["a"]["notes"] == before["events"]["a"]["notes"], written
    for event_id in set(before["events"]) - asked - {"a"}:
        assert after["events"][event_id] == before["events"][event_id]
