"""Read YAML into a small tree of scalars, mappings and sequences that remember their line and column.

Only the plain data subset of YAML is accepted: anchors, aliases and explicit tags are refused (no alias bombs,
no object construction), duplicate keys are an error (not last-wins), and every scalar stays a string (YAML 1.2
reading: `no` is the word "no"; the log decides what a value means). Nesting depth and file size are bounded.

Two readers give the same tree. A line-based reader handles the layout a log is written in (block mappings and
sequences, one-line plain and quoted scalars, one-line flow lists, `|` and `>` blocks) about ten times faster
than PyYAML's C event parser, whose cost is one Python event object and two Mark objects per token. Anything
outside that layout, and every error, goes to PyYAML's event parser, which stays the one reader of the YAML
spec and the one place that words errors: the fast reader never raises a message of its own, it only gives up.
The event reader also records character offsets and styles (`compose`), so `timeline.edit` splices by the same
tree the loader checks.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import abc
from collections.abc import Iterator
from typing import Any, ClassVar, cast

from ..errors import LogError
from ..model import Limits, Pos, gc_paused


class Scalar:
    """A scalar value: always text; `plain` is False when it was quoted or a block scalar."""

    # Line and column are kept as two ints and `pos` is made on demand: a log of 100k events has millions of
    # scalars and the checks ask for few positions, so this saves a Pos object (and its frozen-dataclass
    # __init__) per value.
    __slots__ = ("value", "line", "col", "plain")

    def __init__(self, value: str, line: int, col: int, plain: bool) -> None:
        self.value = value
        self.line = line
        self.col = col
        self.plain = plain

    @property
    def pos(self) -> Pos:
        """Give where the value starts (1-based line and column)."""
        return Pos(self.line, self.col)

    @property
    def is_null(self) -> bool:
        """Give whether this is YAML's null (an empty, `~` or `null` plain scalar)."""
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


class Mapping:
    """A mapping whose keys are text; `keys[k]` is the key scalar (for its position)."""

    # Key positions are packed into one array (line << 32 | column) in the order of `items` rather than kept as
    # a second dict of Scalars: that dict and its scalars were a third of the memory of a large log's tree.
    __slots__ = ("items", "key_at", "line", "col", "_index")

    def __init__(self, line: int, col: int) -> None:
        self.items: dict[str, Node] = {}
        self.key_at = array("Q")
        self.line = line
        self.col = col
        self._index: dict[str, int] | None = None

    @property
    def pos(self) -> Pos:
        """Give where the mapping starts: its first key, or its `{`."""
        return Pos(self.line, self.col)

    @property
    def keys(self) -> KeyScalars:
        """Give the key scalars by key, read-only, made on demand."""
        return KeyScalars(self)

    def add(self, key: str, line: int, col: int, value: Node) -> None:
        """Set `key` (written at `line`, `col`) to `value`; the caller has checked it is new."""
        self.items[key] = value
        self.key_at.append(line << 32 | col)


class KeyScalars(abc.Mapping[str, "Scalar"]):
    """The keys of a Mapping as Scalars (text and position), made when asked for."""

    __slots__ = ("_node",)

    def __init__(self, node: Mapping) -> None:
        self._node = node

    def __getitem__(self, key: str) -> Scalar:
        node = self._node
        if node._index is None or len(node._index) != len(node.items):
            node._index = {name: n for n, name in enumerate(node.items)}
        at = node.key_at[node._index[key]]
        return Scalar(key, at >> 32, at & 0xFFFFFFFF, True)

    def __contains__(self, key: object) -> bool:
        return key in self._node.items

    def __iter__(self) -> Iterator[str]:
        return iter(self._node.items)

    def __len__(self) -> int:
        return len(self._node.items)

    def items(self) -> list[tuple[str, Scalar]]:  # type: ignore[override]
        """Give (key, key scalar) pairs in the order written, without the index a lookup needs."""
        return [(name, Scalar(name, at >> 32, at & 0xFFFFFFFF, True))
                for name, at in zip(self._node.items, self._node.key_at, strict=True)]


class Sequence:
    """A list of nodes."""

    __slots__ = ("items", "line", "col")

    def __init__(self, line: int, col: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.col = col

    @property
    def pos(self) -> Pos:
        """Give where the list starts: its first `-`, or its `[`."""
        return Pos(self.line, self.col)


Node = Scalar | Mapping | Sequence


# The event reader's nodes: the loader's three, plus what an edit needs to change text in place without writing
# the file again: character offsets (`start` of the first character, `end` just after the last one), a scalar's
# style ('', "'", '"', '|' or '>') and whether a collection is written in flow style (`[..]`, `{..}`). Subclasses,
# so the fast reader's nodes (millions of them in a large log) stay four slots wide; the loader sees no difference.
# Each of the three answers the same few questions (`pairs`, `children`, `get`, `data`), so the editor can walk
# the tree without asking what each node is.

class _NoKeys:
    """What a scalar and a list answer about keys: they have none."""

    __slots__ = ()

    @property
    def pairs(self) -> list[tuple[PlacedScalar, Placed]]:
        """Give no (key, value) pairs."""
        return []

    def get(self, key: str) -> None:
        """Give None: no key is here."""
        return None


class PlacedScalar(_NoKeys, Scalar):
    """A Scalar with its character offsets and style."""

    __slots__ = ("start", "end", "style")
    kind: ClassVar[str] = "scalar"
    flow: ClassVar[bool] = False

    def __init__(self, value: str, line: int, col: int, plain: bool, start: int, end: int, style: str = "") -> None:
        super().__init__(value, line, col, plain)
        self.start = start
        self.end = end
        self.style = style

    @property
    def children(self) -> list[Placed]:
        """Give no children: a scalar has none."""
        return []

    def data(self) -> Any:
        """Give the text, or None for YAML's null (what the loader reads)."""
        return None if self.is_null else self.value


class _Collection:
    """What a mapping and a list have besides their items: offsets, and flow style (no text, no scalar style)."""

    __slots__ = ()
    value: ClassVar[str] = ""
    style: ClassVar[str] = ""
    start: int  # set by the reader, with `end` and `flow`
    end: int
    flow: bool


class PlacedMapping(_Collection, Mapping):
    """A Mapping with its character offsets, its key scalars in order, and whether it is written `{..}`."""

    __slots__ = ("start", "end", "flow", "key_nodes")
    kind: ClassVar[str] = "map"

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.key_nodes: list[PlacedScalar] = []

    @property
    def pairs(self) -> list[tuple[PlacedScalar, Placed]]:
        """Give (key, value) nodes in the order written."""
        return list(zip(self.key_nodes, self.children, strict=True))

    @property
    def children(self) -> list[Placed]:
        """Give the value nodes in the order written."""
        return cast("list[Placed]", list(self.items.values()))

    def get(self, key: str) -> tuple[PlacedScalar, Placed] | None:
        """Give the (key, value) nodes of `key`, or None."""
        for pair in self.pairs:
            if pair[0].value == key:
                return pair
        return None

    def data(self) -> Any:
        """Give the mapping as a dict of plain values."""
        return {k.value: v.data() for k, v in self.pairs}


class PlacedSequence(_NoKeys, _Collection, Sequence):
    """A Sequence with its character offsets, and whether it is written `[..]`."""

    __slots__ = ("start", "end", "flow")
    kind: ClassVar[str] = "seq"

    @property
    def children(self) -> list[Placed]:
        """Give the items."""
        return cast("list[Placed]", self.items)

    def data(self) -> Any:
        """Give the list of plain values."""
        return [item.data() for item in self.children]


Placed = PlacedScalar | PlacedMapping | PlacedSequence


def plain(node: Node) -> Any:
    """Give a tree (either reader's) as plain values: text, None for YAML's null, dicts and lists."""
    if isinstance(node, Scalar):
        return None if node.is_null else node.value
    if isinstance(node, Mapping):
        return {key: plain(value) for key, value in node.items.items()}
    return [plain(item) for item in node.items]


def decode(data: bytes, path: str) -> str:
    """Give the text of a UTF-8 file, or a LogError at the first byte that is not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise LogError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            path=path, line=line, col=col,
        ) from None


def parse(text: str, path: str, limits: Limits = Limits()) -> Node | None:
    """Give the tree of one YAML document (None for an empty one), or raise LogError with its place."""
    with gc_paused():
        try:
            return _FastReader(text, limits).document()
        except _GiveUp:
            return compose(text, path, limits)


_LIBYAML_MAX_DEPTH = 1000  # libyaml refuses deeper flow collections by itself


def compose(text: str, path: str, limits: Limits = Limits()) -> Placed | None:
    """Give the tree of one YAML document from PyYAML's C event parser: the full reader, and every error.

    Its nodes are the loader's nodes plus what the editor splices by: character offsets, the scalar's style and
    whether a collection is written in flow style (see `PlacedScalar`). The loader's slow path and `timeline.edit`
    read through this one loop.
    """
    import yaml

    _refuse_hidden_breaks(text, path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stack: list[PlacedMapping | PlacedSequence] = []
    pending_key: list[PlacedScalar | None] = []
    root: Placed | None = None
    documents = 0

    def place(node: Placed) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, PlacedSequence):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, PlacedScalar):
                raise LogError("a key must be plain text, not a list or mapping", path=path,
                               line=node.line, col=node.col)
            if node.value in parent.items:
                first = parent.keys[node.value]
                raise LogError(
                    f"duplicate key '{node.value}' (first at line {first.line}); keep one of them",
                    path=path, line=node.line, col=node.col,
                )
            pending_key[-1] = node
        else:
            parent.add(key.value, key.line, key.col, node)
            parent.key_nodes.append(key)
            pending_key[-1] = None

    def content_end(index: int) -> int:
        # Block scalars end after their trailing blank lines; the value's last character is what an edit replaces.
        while index > 0 and text[index - 1] in " \t\r\n":
            index -= 1
        return index

    try:
        for event in yaml.parse(text, Loader=loader):
            kind = type(event).__name__
            mark = event.start_mark
            line, col, start = mark.line + 1, mark.column + 1, mark.index
            if kind == "ScalarEvent":
                _refuse_decorations(event, line, col, path)
                plain = event.style in ("", None)
                end = content_end(event.end_mark.index) if event.value or not plain else start
                place(PlacedScalar(event.value, line, col, plain, start, max(end, start), event.style or ""))
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                _refuse_decorations(event, line, col, path)
                if len(stack) >= limits.max_depth:
                    raise LogError(
                        f"nesting deeper than {limits.max_depth} levels; a log needs far fewer "
                        "(raise the limit with {how})", path=path, line=line, col=col, how="max-depth")
                cls = PlacedMapping if kind == "MappingStartEvent" else PlacedSequence
                node = cls(line, col)
                node.start = node.end = start
                node.flow = bool(event.flow_style)
                place(node)
                stack.append(node)
                pending_key.append(None)
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                done = stack.pop()
                pending_key.pop()
                if done.flow:
                    done.end = event.end_mark.index
                else:
                    children = done.items if isinstance(done, PlacedSequence) else done.items.values()
                    done.end = max([done.start, *(c.end for c in children)])  # type: ignore[union-attr]
            elif kind == "AliasEvent":
                raise LogError(
                    f"alias '*{event.anchor}' is not allowed; write the value out in full",
                    path=path, line=line, col=col)
            elif kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise LogError("a second YAML document ('---'); keep the whole log in one document",
                                   path=path, line=line, col=col)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _yaml_message(exc)
        how = None
        if "quoted" in str(exc.context or "") and "end of stream" in str(exc.problem or "") \
                and exc.context_mark is not None:
            mark = exc.context_mark  # point at the opening quote, not the end of the file
            message = "a quoted value is never closed; add the closing quote"
        elif "maximum nesting depth" in str(exc.problem or ""):  # libyaml's own bound, reached before ours
            if limits.max_depth < _LIBYAML_MAX_DEPTH:
                message = (f"nesting deeper than {limits.max_depth} levels; a log needs far fewer (raise the limit "
                           "with {how})")
                how = "max-depth"
            else:
                message = f"nesting deeper than {_LIBYAML_MAX_DEPTH} levels, where the YAML parser itself stops"
        elif "quoted" in str(exc.context or ""):  # a closed quote with a bad escape inside: say which, where
            message = (f"{exc.problem} in a quoted value; write a backslash as \\\\, or use single quotes, "
                       "where a backslash is just a backslash")
        elif mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            message = "a tab character; YAML indents with spaces only"
        raise LogError(message, path=path, line=mark.line + 1 if mark else None,
                       col=mark.column + 1 if mark else None, how=how) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        line, col = _reader_place(text, getattr(exc, "position", None))
        raise LogError(f"{_reader_message(exc)}; remove it", path=path, line=line, col=col) from None
    return root


#: YAML 1.1's extra line breaks, which libyaml still ends a line at while YAML 1.2, editors, grep and git take them
#: for ordinary characters: a "comment" could carry a whole event that no reviewer sees.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {"\x85": "NEL, next line", "\u2028": "LS, line separator", "\u2029": "PS, paragraph separator"}
_ESCAPE_OF = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_LINE_BREAK = re.compile("\r\n|\r|\n")


def _refuse_hidden_breaks(text: str, path: str) -> None:
    """Refuse a raw NEL, LS or PS anywhere (a comment, a quoted or block value): only its escape may stand for it."""
    found = _HIDDEN_BREAKS.search(text)
    if found is None:
        return
    at = found.start()
    breaks = list(_LINE_BREAK.finditer(text, 0, at))
    line_start = breaks[-1].end() if breaks else 0
    c = found.group()
    raise LogError(f"the character U+{ord(c):04X} ({_BREAK_NAMES[c]}) is a line break to some YAML readers but not "
                   "to editors, grep or git, so text after it could be hidden; remove it, or write it as "
                   f"{_ESCAPE_OF[c]} inside double quotes", path=path, line=len(breaks) + 1, col=at - line_start + 1)


def _refuse_decorations(event: object, line: int, col: int, path: str) -> None:
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise LogError(f"anchor '&{anchor}' is not allowed; write values out in full",
                       path=path, line=line, col=col)
    tag = getattr(event, "tag", None)
    if tag is not None and tag != "!":
        raise LogError(f"tag '{tag}' is not allowed; remove it (quote the value if it must stay text)",
                       path=path, line=line, col=col)


_HINTS = {
    "found character '\\t' that cannot start any token": "a tab; indent with spaces",
    "found a tab character": "a tab; indent with spaces",
    "found unexpected end of stream": "the file ends inside a quoted value or bracket; close it",
}


def _yaml_message(exc: object) -> str:
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    for needle, hint in _HINTS.items():
        if needle in problem:
            if "end of stream" in needle and "quoted" in context:
                return "a quoted value is never closed; add the closing quote"
            return f"{hint}"
    if "tab" in problem:
        return "a tab character; indent with spaces"
    text = problem or "cannot read this YAML"
    if context:
        text = f"{text} ({context})"
    return f"{text}; check the indentation and quoting here"


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _reader_place(text: str, position: int | None) -> tuple[int | None, int | None]:
    if position is None:
        return None, None
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _reader_message(exc: object) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, str):
        return f"control character U+{ord(character):04X} is not allowed in YAML"
    if isinstance(character, int):
        return f"control character U+{character:04X} is not allowed in YAML"
    return str(getattr(exc, "reason", "") or "unreadable character")


# --- the fast reader ----------------------------------------------------------------------------------------------

class _GiveUp(Exception):
    """The text is outside the fast reader's layout (or wrong): read it with the full parser instead."""


# Characters the fast reader takes as they are. Tabs, carriage returns, YAML 1.1's extra line breaks (NEL, LS,
# PS), a BOM inside the text and every control character send the file to the full parser, which either reads
# them as YAML does or says where the bad character is. A line is first tried with str.isprintable (fast, and
# false for all of these, but also for a few harmless characters such as a no-break space), then with this.
# (Written as the few characters refused rather than the many allowed: that class compiles 100 times faster,
# and the query path imports this module without reading any YAML.)
_UNUSUAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# A plain key followed by `:` and a space or the end of the line. Quoted and complex keys go to the full parser.
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?= |$)")
# One-line quoted scalars, written without backtracking on the characters inside.
_DOUBLE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_SINGLE = re.compile(r"'([^']*(?:''[^']*)*)'")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
            " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
# An item of a one-line flow list: no flow indicators, no `:` or `#` (which could start a value or a comment).
_FLOW_PLAIN = re.compile(r"[^\s,\[\]{}#&*!|>'\"%@`?:-][^,\[\]{}:#]*")
# An empty flow mapping.
_EMPTY_MAP = re.compile(r"\{[ ]*\}")
# After a quoted scalar or a flow list: nothing, or a comment after a space.
_LINE_END = re.compile(r"[ ]*(?:[ ]#.*)?$")
# A block scalar header without an indentation indicator or keep (`+`) chomping.
_BLOCK_HEADER = re.compile(r"([|>])(-?)(?:[ ]+(?:#.*)?)?$")
# A plain scalar may not start with an indicator; `-`, `?` and `:` may in YAML, but rarely do in a log.
_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) > 1:
        value = int(code[1:], 16)
        if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            raise _GiveUp
        return chr(value)
    if code not in _ESCAPES:
        raise _GiveUp
    return _ESCAPES[code]


class _FastReader:
    """Read the block layout a log is written in, line by line, into the same tree as the full parser.

    It gives up (raises _GiveUp) at the first thing it does not fully understand, so what it returns is exactly
    what PyYAML would return, positions included: PyYAML counts lines and columns from 1 in characters, puts a
    block mapping at its first key, a block sequence at its first `-`, a flow list at its `[`, a scalar at its
    first character (quote or `|` included) and an empty value just after its key's `:`.

    One loop over the lines with a stack of open collections, rather than a recursive reader: a log is a
    million short lines, and a Python call per line would cost more than the reading itself.
    """

    def __init__(self, text: str, limits: Limits) -> None:
        # Directives and document markers (`%YAML`, `---`, `...`) need no test of their own: at column 0 they
        # are not keys, so the loop gives up on them.
        self.lines = text.split("\n")
        self.max_depth = limits.max_depth

    def document(self) -> Node:
        """Give the root mapping; anything else at the top (a list, a scalar, nothing) goes to the full parser."""
        lines = self.lines
        count = len(lines)
        max_depth = self.max_depth
        key_match = _KEY.match
        root: Mapping | None = None
        # Open collections, innermost last: (node, column of its keys or dashes, is a sequence).
        stack: list[tuple[Mapping | Sequence, int, bool]] = []
        # A key whose value is not on its line: (mapping, key, line index, column after the colon, key column).
        pending: tuple[Mapping, str, int, int, int] | None = None
        # Key names repeat on every event; one string each keeps a large tree smaller.
        intern = sys.intern
        deepest = 0  # how far the next significant line may be indented (more would continue a value)
        i = 0
        while i < count:
            line = lines[i]
            if not line.isprintable() and _UNUSUAL.search(line):
                raise _GiveUp
            text = line.lstrip(" ")
            if not text or text[0] == "#":
                i += 1
                continue
            indent = len(line) - len(text)
            dash = text[0] == "-" and (len(text) == 1 or text[1] == " ")
            if pending is not None:
                parent, name, at, after_colon, key_col = pending
                pending = None
                if indent > key_col or (indent == key_col and dash):
                    # the value is a block below its key
                    if len(stack) >= max_depth:
                        raise _GiveUp
                    child: Mapping | Sequence
                    if dash:
                        child = Sequence(i + 1, indent + 1)
                        stack.append((child, indent, True))
                    elif key_match(text):
                        child = Mapping(i + 1, indent + 1)
                        stack.append((child, indent, False))
                    else:
                        raise _GiveUp  # a scalar on the line below its key
                    parent.add(name, at + 1, key_col + 1, child)
                else:
                    parent.add(name, at + 1, key_col + 1, Scalar("", at + 1, after_colon + 1, True))
            elif indent > deepest:
                raise _GiveUp  # continues the value above (a multi-line scalar), or an error
            if dash:
                while stack and stack[-1][1] > indent:
                    stack.pop()
                if not stack or stack[-1][1] != indent or not stack[-1][2]:
                    raise _GiveUp  # a dash where no list is open: a list at the top, or an error
                sequence = stack[-1][0]
                col = indent + 1
                while col < len(line) and line[col] == " ":
                    col += 1
                if col == len(line) or line[col] == "#" or (
                        line[col] == "-" and (col + 1 == len(line) or line[col + 1] == " ")):
                    raise _GiveUp  # an item that starts on the next line, or a list in a list
                found = key_match(line, col)
                if found is None:
                    node, i, deepest = self._inline(i, col, indent, len(stack))
                    sequence.items.append(node)  # type: ignore[union-attr]
                    continue
                if len(stack) >= max_depth:
                    raise _GiveUp
                mapping = Mapping(i + 1, col + 1)
                sequence.items.append(mapping)  # type: ignore[union-attr]
                stack.append((mapping, col, False))
            else:
                found = key_match(text)
                if found is None:
                    raise _GiveUp
                col = indent
                while stack and (stack[-1][1] > col or (stack[-1][1] == col and stack[-1][2])):
                    stack.pop()
                if not stack:
                    if root is not None or col != 0:
                        raise _GiveUp
                    root = Mapping(i + 1, 1)
                    stack.append((root, 0, False))
                elif stack[-1][1] != col:
                    raise _GiveUp
                mapping = stack[-1][0]  # type: ignore[assignment]
                found = key_match(line, col)
                assert found is not None
            # a key at column `col` of line i, in `mapping`
            name = intern(found.group(1))
            if name in mapping.items:
                raise _GiveUp  # the full parser words the duplicate-key error
            after_colon = found.end()
            j = after_colon
            while j < len(line) and line[j] == " ":
                j += 1
            if j == len(line) or line[j] == "#":
                pending = (mapping, name, i, after_colon, col)
                i += 1
                continue
            first = line[j]
            line_number = i + 1  # one int for the key and its value
            if first in _PLAIN_FIRST:
                node, i, deepest = self._inline(i, j, col, len(stack))
                mapping.add(name, line_number, col + 1, node)
                continue
            # The common case, read here rather than in _inline: a one-line plain scalar.
            value = line[j:]
            if " #" in value:
                value = value[:value.index(" #")]
            value = value.rstrip(" ")
            if ": " in value or value[-1] == ":":
                raise _GiveUp
            mapping.add(name, line_number, col + 1, Scalar(value, line_number, j + 1, True))
            deepest = col
            i += 1
        if root is None:
            raise _GiveUp
        if pending is not None:
            parent, name, at, after_colon, key_col = pending
            parent.add(name, at + 1, key_col + 1, Scalar("", at + 1, after_colon + 1, True))
        return root

    def _inline(self, i: int, j: int, parent_col: int, depth: int) -> tuple[Node, int, int]:
        """Read the scalar or flow list at column `j` of line `i`: give it, the next line and its deepest indent."""
        line = self.lines[i]
        first = line[j]
        node: Node
        if first == '"':
            found = _DOUBLE.match(line, j)
            if found is None:
                raise _GiveUp  # closed on a later line, or never
            value = found.group(1)
            if "\\" in value:
                value = _ESCAPE.sub(_unescape, value)
            node = Scalar(value, i + 1, j + 1, False)
            end = found.end()
        elif first == "'":
            found = _SINGLE.match(line, j)
            if found is None:
                raise _GiveUp
            node = Scalar(found.group(1).replace("''", "'"), i + 1, j + 1, False)
            end = found.end()
        elif first == "[":
            node, end = self._flow_list(line, i, j, depth + 1)
        elif first == "{":
            # only the empty mapping (`sources: {}`, which a new log starts with): any other is the full parser's
            found = _EMPTY_MAP.match(line, j)
            if found is None or depth + 1 > self.max_depth:
                raise _GiveUp
            node = Mapping(i + 1, j + 1)
            end = found.end()
        elif first == "|" or first == ">":
            node, after = self._block_scalar(i, j, parent_col)
            return node, after, parent_col
        elif first in _PLAIN_FIRST:
            raise _GiveUp
        else:
            text = line[j:]
            if " #" in text:
                text = text[:text.index(" #")]
            text = text.rstrip(" ")
            if ": " in text or text.endswith(":"):
                raise _GiveUp
            node = Scalar(text, i + 1, j + 1, True)
            end = len(line)
        if end != len(line) and _LINE_END.match(line, end) is None:
            raise _GiveUp
        return node, i + 1, parent_col

    def _flow_list(self, line: str, i: int, j: int, depth: int) -> tuple[Sequence, int]:
        """Read a one-line flow list `[a, "b c"]` starting at column `j`; give it and the column after `]`."""
        if depth > self.max_depth:
            raise _GiveUp
        line_number = i + 1
        sequence = Sequence(line_number, j + 1)
        items = sequence.items
        intern = sys.intern  # tags and actors repeat across a log: keep one string each
        k = j + 1
        size = len(line)
        while True:
            while k < size and line[k] == " ":
                k += 1
            if k == size:
                raise _GiveUp  # continues on the next line
            first = line[k]
            if first == "]" and not items:
                return sequence, k + 1
            if first == '"':
                found = _DOUBLE.match(line, k)
                if found is None:
                    raise _GiveUp
                value = found.group(1)
                if "\\" in value:
                    value = _ESCAPE.sub(_unescape, value)
                items.append(Scalar(intern(value), line_number, k + 1, False))
            elif first == "'":
                found = _SINGLE.match(line, k)
                if found is None:
                    raise _GiveUp
                items.append(Scalar(intern(found.group(1).replace("''", "'")), line_number, k + 1, False))
            else:
                found = _FLOW_PLAIN.match(line, k)
                if found is None:
                    raise _GiveUp
                items.append(Scalar(intern(found.group().rstrip(" ")), line_number, k + 1, True))
            k = found.end()
            while k < size and line[k] == " ":
                k += 1
            if k == size:
                raise _GiveUp
            if line[k] == "]":
                return sequence, k + 1
            if line[k] != ",":
                raise _GiveUp
            k += 1

    def _block_scalar(self, i: int, j: int, parent_col: int) -> tuple[Scalar, int]:
        """Read a `|` or `>` block (clip or strip chomping) whose header is at column `j` of line `i`."""
        lines = self.lines
        count = len(lines)
        header = _BLOCK_HEADER.match(lines[i], j)
        if header is None:
            raise _GiveUp  # an indentation indicator, keep chomping, or text after the header
        k = i + 1
        if k == count or not lines[k].strip(" "):
            raise _GiveUp  # leading blank lines set the indentation in ways not worth copying
        first = lines[k]
        indent = len(first) - len(first.lstrip(" "))
        if indent <= parent_col:
            raise _GiveUp  # an empty block
        body: list[str] = []
        while k < count:
            line = lines[k]
            if not line.isprintable() and _UNUSUAL.search(line):
                raise _GiveUp
            stripped = line.lstrip(" ")
            if not stripped:
                if len(line) > indent:
                    raise _GiveUp  # spaces beyond the indentation are content
                body.append("")
            elif len(line) - len(stripped) < indent:
                break
            else:
                body.append(line[indent:])
            k += 1
        if k == count and lines[-1] != "":
            raise _GiveUp  # the last line has no line break, which changes the clipped value
        while body and body[-1] == "":
            body.pop()
        value = "\n".join(body) if header.group(1) == "|" else _fold(body)
        if header.group(2) != "-":
            value += "\n"
        return Scalar(value, i + 1, j + 1, False), k


def _fold(lines: list[str]) -> str:
    """Give the text of a folded (`>`) block: lines joined by spaces, each blank line a line break."""
    parts: list[str] = []
    blank = 0
    for n, line in enumerate(lines):
        if line == "":
            blank += 1
            continue
        if line[0] == " ":
            raise _GiveUp  # more indented lines keep their breaks: rare, left to the full parser
        if n:
            parts.append("\n" * blank if blank else " ")
        parts.append(line)
        blank = 0
    return "".join(parts)
