"""Read YAML into a small tree of scalars, mappings and sequences that remember their line and column.

Only the plain data subset of YAML is accepted: anchors, aliases and explicit tags are refused (no alias bombs,
no object construction), duplicate keys are an error (not last-wins), and every scalar stays a string (YAML 1.2
reading: `no` is the word "no"; the log decides what a value means). Nesting depth and file size are bounded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Union

from .errors import LogError
from .model import Pos


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource bounds for reading a log; each can be raised by the environment variable named in its error."""

    max_bytes: int = 256 * 1024 * 1024  # TIMELINE_MAX_BYTES
    max_depth: int = 24  # TIMELINE_MAX_DEPTH
    max_events: int = 2_000_000  # TIMELINE_MAX_EVENTS

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str]) -> Limits:
        """Give limits with any TIMELINE_MAX_* overrides from `environ` applied."""
        values = {}
        for name, env in (("max_bytes", "TIMELINE_MAX_BYTES"), ("max_depth", "TIMELINE_MAX_DEPTH"),
                          ("max_events", "TIMELINE_MAX_EVENTS")):
            raw = environ.get(env)
            if raw:
                try:
                    values[name] = int(raw)
                except ValueError:
                    raise LogError(f"{env}={raw!r} is not a whole number") from None
        return cls(**values)


class Scalar:
    """A scalar value: always text; `plain` is False when it was quoted or a block scalar."""

    __slots__ = ("value", "pos", "plain")

    def __init__(self, value: str, pos: Pos, plain: bool) -> None:
        self.value = value
        self.pos = pos
        self.plain = plain

    @property
    def is_null(self) -> bool:
        """Give whether this is YAML's null (an empty, `~` or `null` plain scalar)."""
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


class Mapping:
    """A mapping whose keys are text; `keys[k]` is the key scalar (for its position)."""

    __slots__ = ("items", "keys", "pos")

    def __init__(self, pos: Pos) -> None:
        self.items: dict[str, Node] = {}
        self.keys: dict[str, Scalar] = {}
        self.pos = pos


class Sequence:
    """A list of nodes."""

    __slots__ = ("items", "pos")

    def __init__(self, pos: Pos) -> None:
        self.items: list[Node] = []
        self.pos = pos


Node = Union[Scalar, Mapping, Sequence]

KIND = {Scalar: "a text value", Mapping: "a mapping (key: value lines)", Sequence: "a list (- item lines)"}


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
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0

    def place(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        assert isinstance(parent, Mapping)
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                raise LogError("a key must be plain text, not a list or mapping", path=path,
                               line=node.pos.line, col=node.pos.col)
            if node.value in parent.keys:
                first = parent.keys[node.value]
                raise LogError(
                    f"duplicate key '{node.value}' (first at line {first.pos.line}); keep one of them",
                    path=path, line=node.pos.line, col=node.pos.col,
                )
            pending_key[-1] = node
        else:
            parent.items[key.value] = node
            parent.keys[key.value] = key
            pending_key[-1] = None

    try:
        for event in yaml.parse(text, Loader=loader):
            kind = type(event).__name__
            mark = event.start_mark
            pos = Pos(mark.line + 1, mark.column + 1)
            if kind == "ScalarEvent":
                _refuse_decorations(event, pos, path)
                place(Scalar(event.value, pos, event.style in ("", None)))
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                _refuse_decorations(event, pos, path)
                if len(stack) >= limits.max_depth:
                    raise LogError(
                        f"nesting deeper than {limits.max_depth} levels; a log needs far fewer "
                        "(raise the limit with TIMELINE_MAX_DEPTH)", path=path, line=pos.line, col=pos.col)
                node: Node = Mapping(pos) if kind == "MappingStartEvent" else Sequence(pos)
                place(node)
                stack.append(node)
                pending_key.append(None)
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
                pending_key.pop()
            elif kind == "AliasEvent":
                raise LogError(
                    f"alias '*{event.anchor}' is not allowed; write the value out in full",
                    path=path, line=pos.line, col=pos.col)
            elif kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise LogError("a second YAML document ('---'); keep the whole log in one document",
                                   path=path, line=pos.line, col=pos.col)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _yaml_message(exc)
        if "quoted" in str(exc.context or "") and exc.context_mark is not None:
            mark = exc.context_mark  # point at the opening quote, not the end of the file
            message = "a quoted value is never closed; add the closing quote"
        elif mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            message = "a tab character; YAML indents with spaces only"
        raise LogError(message, path=path,
                       line=mark.line + 1 if mark else None, col=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        line, col = _reader_place(text, getattr(exc, "position", None))
        raise LogError(f"{_reader_message(exc)}; remove it", path=path, line=line, col=col) from None
    return root


def _refuse_decorations(event: object, pos: Pos, path: str) -> None:
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise LogError(f"anchor '&{anchor}' is not allowed; write values out in full",
                       path=path, line=pos.line, col=pos.col)
    tag = getattr(event, "tag", None)
    if tag is not None and tag != "!":
        raise LogError(f"tag '{tag}' is not allowed; remove it (quote the value if it must stay text)",
                       path=path, line=pos.line, col=pos.col)


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
