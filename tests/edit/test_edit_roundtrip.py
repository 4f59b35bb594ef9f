"""Round trip: any text written by an edit reads back exactly, with PyYAML, ruamel.yaml and timeline's own loader.

For a longer search: pytest tests/test_edit_roundtrip.py --hypothesis-seed=N, or raise max_examples locally
(3,000 + 800 examples passed when this was written).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from timeline import storage
from timeline.edit.emit import _refused_character, render_scalar
from timeline.safety import strip_hidden
from timeline.edit.splice import add_event, add_source, edit_event
from timeline.log.load import load


@pytest.fixture
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip fsync: durability is test_edit_kill's subject; here it would only make each example slow."""
    monkeypatch.setattr(storage.os, "fsync", lambda fd: None)

LOG = """\
# Round-trip log.
title: Round trip
sources:
  s:
    title: Source
    published: "2024-05-17"
events:
  - id: first
    title: First
    when: "2024-05-01"
"""

#: Words and characters that some YAML reader takes for something else, or that need escaping.
AWKWARD = ["no", "NO", "No", "yes", "On", "off", "y", "n", "true", "FALSE", "1:30", "=1+1", "=", "<<", "2024-05-14",
           "2024-05-14 10:00", "~", "null", "Null", "NULL", "- x", "-", "#x", "a #x", "a# x", "a: b", "a:b", "ab:",
           '"quoted"', "'single'", "it's", " leading", "trailing ", " ", "  both  ", "line\u2028sep", "para\u2029sep",
           "nel\x85x", "cr\rx", "crlf\r\nx", "lf\nx", "trailing newline\n", "\n", "tab\tx", "back\\slash", "[x]",
           "{x}", "a, b", "*alias", "&anchor", "!tag", "!!str x", "%x", "@x", "`x", "|", ">", "? x", ":", "...",
           "---", "0x1F", "0o17", "1e5", "1_000", ".inf", ".NaN", "+1", "-1", "0", "0.5", "\ufeffbom", "é",
           "日本語", "😀 emoji", "x" * 500, "https://example.com/a#b?c=d", "It's 50% off & \"free\""]


def yaml_text() -> st.SearchStrategy[str]:
    """Give text mixing YAML's special characters with any other writable character."""
    special = st.sampled_from(list(" :#-?[]{},&*!|>'\"%@`\\\t\r\n\x85\u2028\u2029\ufeff~=.0123456789aynNY"))
    anything = st.characters(exclude_categories=("Cs",)).filter(lambda c: not _refused_character(c))
    return st.text(st.one_of(special, anything), min_size=1, max_size=40)


def read_back(path: Path) -> list[dict[str, Any]]:
    """Give the events as PyYAML and ruamel.yaml read them, after checking both agree."""
    text = path.read_bytes().decode("utf-8")
    by_pyyaml = yaml.safe_load(text)
    by_ruamel = YAML(typ="safe", pure=True).load(io.StringIO(text))
    assert by_pyyaml["events"] == by_ruamel["events"]
    assert by_pyyaml["sources"] == by_ruamel["sources"]
    return by_pyyaml["events"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("word", AWKWARD)
def test_each_awkward_word_reads_back_exactly(word: str, tmp_path: Path, no_fsync: None) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(LOG, encoding="utf-8")
    label = strip_hidden(word)  # a label may not hold invisible characters (tests/test_attacks.py)
    add_event(path, id="e", title=word, when="2024-05-14", tags=[label, "x"] if label.strip() else None)
    event = read_back(path)[-1]
    assert event["title"] == word
    assert load(path).record("e").event.title == word
    if label.strip():
        assert event["tags"] == [label, "x"]
        assert load(path).record("e").event.tags == (label, "x")


_SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
@given(first=yaml_text(), second=yaml_text())
@example(first="no", second="NO")
@example(first="1:30", second="=1+1")
@example(first="2024-05-14", second="~")
@example(first="null", second="- x")
@example(first="#x", second='"quoted"')
@example(first=" leading", second="trailing ")
@example(first="0", second="a?")  # a value ending in "?" before the next key is no explicit `? key`
@example(first="a\u2028b\u2029c\x85d\re", second="\r\n")
def test_added_and_edited_text_reads_back_exactly(first: str, second: str, no_fsync: None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_text(LOG, encoding="utf-8")
        # the loader drops blank list items by design, and a label may not hold invisible characters
        labels = [strip_hidden(second), strip_hidden(first)]
        words = [w for w in reversed(labels) if w.strip()]
        add_event(path, id="e", title=first, when="2024-05-14", quote=second, notes=first,
                  tags=words or None, actors=labels)
        assert path.read_text("utf-8").startswith(LOG)  # an append leaves the rest alone

        event = read_back(path)[-1]
        assert (event["title"], event["quote"], event["notes"]) == (first, second, first)
        assert event["actors"] == labels
        assert event.get("tags") == (words or None)
        record = load(path).record("e")
        assert (record.event.title, record.event.claims[0].quote, record.event.notes) == (first, second, first)
        assert record.event.tags == tuple(words)

        edit_event(path, "e", title=second, notes=None, quote=first)
        event = read_back(path)[-1]
        assert (event["title"], event["quote"], "notes" in event) == (second, first, False)
        record = load(path).record("e")
        assert (record.event.title, record.event.claims[0].quote) == (second, first)


@settings(max_examples=40, deadline=None, suppress_health_check=_SLOW_OK)
@given(title=yaml_text(), notes=yaml_text())
@example(title="no", notes="2024-05-14")
def test_source_text_reads_back_exactly(title: str, notes: str, no_fsync: None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_text(LOG, encoding="utf-8")
        add_source(path, "t", title=title, publisher=notes, notes=notes, published="2024-05-17")
        text = path.read_bytes().decode("utf-8")
        assert yaml.safe_load(text)["sources"]["t"] == {"title": title, "publisher": notes, "notes": notes,
                                                        "published": "2024-05-17"}
        assert load(path).sources["t"].title == title


@given(text=yaml_text())
@example(text="no")
def test_a_rendered_scalar_is_one_line(text: str) -> None:
    # One line per value is what keeps edits to whole lines (and diffs minimal).
    rendered = render_scalar(text)
    assert "\n" not in rendered and "\r" not in rendered
    assert yaml.safe_load(f"k: {rendered}\n") == {"k": text}
    assert yaml.safe_load(f"k: [{render_scalar(text, flow=True)}, x]\n") == {"k": [text, "x"]}


LITERAL_LOG = LOG + "    notes: |\n      Written as a block,\n      over two lines.\n    tags: [x]\n"


@settings(max_examples=60, deadline=None, suppress_health_check=_SLOW_OK)
@given(lines=st.lists(yaml_text(), min_size=1, max_size=4), end=st.sampled_from(["", "\n", "\n\n"]))
@example(lines=["one", "two"], end="\n")
@example(lines=["one", "", "  indented"], end="")
@example(lines=[" lead", "x"], end="\n")
@example(lines=["a", "  "], end="\n")
def test_multi_line_text_in_a_block_reads_back_exactly(lines: list[str], end: str, no_fsync: None) -> None:
    text = "\n".join(lines) + end
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_text(LITERAL_LOG, encoding="utf-8")
        edit_event(path, "first", notes=text)
        event = read_back(path)[0]
        assert (event["notes"], event["tags"]) == (text, ["x"])
        assert load(path).record("first").event.notes == text
