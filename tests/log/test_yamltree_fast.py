"""The fast line reader gives exactly PyYAML's tree, positions included, or gives up and lets PyYAML read it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from timeline.errors import LogError
from timeline.model import Limits
from timeline.log.yamltree import Mapping, Node, Scalar, _FastReader, _GiveUp, compose, parse

ROOT = Path(__file__).resolve().parents[2]


def shape(node: Node | None) -> Any:
    """Give a node as nested tuples of everything a reader decides: values, kinds, styles and places."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return ("scalar", node.value, node.pos, node.plain)
    if isinstance(node, Mapping):
        return ("mapping", node.pos, [(key, scalar.pos, shape(node.items[key])) for key, scalar in node.keys.items()])
    return ("sequence", node.pos, [shape(item) for item in node.items])


def fast(text: str, limits: Limits = Limits()) -> Node | None:
    """Give the fast reader's tree, or None when it gives up."""
    try:
        return _FastReader(text, limits).document()
    except _GiveUp:
        return None


def full(text: str, limits: Limits = Limits()) -> Node | None:
    return compose(text, "events.yaml", limits)


SNIPPETS = {
    "seed": (ROOT / "events.yaml").read_text(encoding="utf-8"),
    "empty values and nesting": "a:\nb: 1\nc:\n  d:\n  e: x\nf:\n",
    "indentless list": "tags:\n- a\n- 'b c'\nnext: 1\n",
    "list in list item": "events:\n  - id: a\n    tags:\n    - x\n    - y\n    n: 2\n  -   id: b\n",
    "block scalars": "a: |\n  one\n   two\n\n  three\n\nb: |-\n  x\n  y\nc: >\n  f1\n  f2\n\n  f3\nd: >-\n  g\n",
    "block scalar with comment header": "a: | # why\n  text # not a comment\nb: 2\n",
    "quotes": "a: \"x \\\"y\\\" \\u00e9 \\t \\\\ \\x41\"\nb: 'it''s'\nc: \"\"\nd: ''\n",
    "flow lists": "a: [x, \"y z\", 'w''s', Müller & Söhne]\nb: []\nc: [ a ,b ]  # note\n",
    "empty flow mappings": "sources: {}\nevents:\n  - a: { }  # none yet\n    b: {}\n",
    "comments everywhere": "# top\na: 1 # one\n  # indented comment\nb:   # empty\n   # more\n  c: d\n",
    "unicode": "title: “curly” — 東京 ✓\nplace: São Paulo\n",
    "plain with colons and hashes": "url: https://x.org/a#frag\nt: a:b c#d\n",
    "ends without newline": "a: 1\nb: x",
    "block ends the file": "a: |\n  x\n",
    "deep": "a:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 8)) + "  " * 8 + "v: 1\n",
    "sequence of scalars": "xs:\n  - one\n  - \"two\"\n  - [3, 4]\n  - |\n    five\n",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_same_tree_as_pyyaml(name: str) -> None:
    text = SNIPPETS[name]
    tree = fast(text)
    assert tree is not None, "the fast reader should take this layout"
    assert shape(tree) == shape(full(text))


# Layouts the fast reader leaves to PyYAML; the tree still comes out, or PyYAML's placed error.
GIVE_UP = {
    "anchor": "a: &x 1\nb: 2\n",
    "alias": "a: 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "duplicate key": "a: 1\na: 2\n",
    "tab": "a:\n\tb: 1\n",
    "multi-line plain": "a: one\n  two\n",
    "multi-line quoted": "a: \"one\n  two\"\n",
    "flow mapping": "a: {b: 1}\n",
    "flow mapping over lines": "a: {\n  }\n",
    "empty flow mapping then text": "a: {} x\n",
    "top-level list": "- a\n- b\n",
    "document marker": "---\na: 1\n",
    "keep chomping": "a: |+\n  x\n\nb: 1\n",
    "quoted key": "\"a b\": 1\n",
    "crlf": "a: 1\r\nb: 2\r\n",
    "no-break space": "a: x\u00a0y\n",
}


@pytest.mark.parametrize("name", sorted(GIVE_UP))
def test_parse_gives_what_pyyaml_gives(name: str) -> None:
    text = GIVE_UP[name]
    try:
        expected: Any = shape(full(text))
    except LogError as exc:
        expected = exc.located()
    try:
        got: Any = shape(parse(text, "events.yaml"))
    except LogError as exc:
        got = exc.located()
    assert got == expected


def test_depth_limit_left_to_the_full_reader() -> None:
    text = SNIPPETS["deep"]
    assert fast(text, Limits(max_depth=4)) is None
    with pytest.raises(LogError, match="nesting deeper than 4"):
        parse(text, "events.yaml", Limits(max_depth=4))


_INSERTS = (" ", "  ", "\n", "-", "- ", ":", ": ", "#", " #", "'", '"', "[", "]", ",", "|", ">", "|-", "\t",
            "&a ", "*a", "!", "x", "é", "東", "\\", "\\u00e9", "{", "{}", "{ }", "}", "?", "%", "---\n", "...",
            "\u00a0", "\u2028")


def _mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(text) + 1)
        roll = rng.random()
        if roll < 0.45:
            text = text[:at] + rng.choice(_INSERTS) + text[at:]
        elif roll < 0.75:
            text = text[:at] + text[at + rng.randrange(1, 4):]
        else:
            lines = text.split("\n")
            n = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines[n] = " " * rng.randrange(1, 3) + lines[n]
            else:
                lines[n] = lines[n][rng.randrange(1, 3):]
            text = "\n".join(lines)
    return text


@pytest.mark.parametrize("seed", range(8))
def test_mutated_logs_read_the_same_or_not_at_all(seed: int) -> None:
    """Whenever the fast reader returns a tree for a damaged log, PyYAML returns the same tree."""
    rng = random.Random(seed)
    bases = list(SNIPPETS.values())
    taken = 0
    for _ in range(400):
        text = _mutate(rng, rng.choice(bases))
        tree = fast(text)
        if tree is None:
            continue
        taken += 1
        try:
            expected = full(text)
        except LogError as exc:
            pytest.fail(f"fast reader took text PyYAML refuses ({exc.located()}):\n{text}")
        assert shape(tree) == shape(expected), text
    assert taken > 50  # the mutations are small enough that many still read
