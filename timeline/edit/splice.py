"""Edit `events.yaml` in place, keeping everything a person wrote: give back ids, or refuse with a located error.

How an edit is made, and why this way:

* The file is never re-emitted. A YAML round trip (ruamel.yaml's included) re-indents sequences, reflows long
  lines and rewrites quoting somewhere in a hand-kept file; here the text is spliced instead. The file is parsed
  for positions (PyYAML events carry character offsets), and only the characters of what changes are replaced:
  an append inserts lines after the last event, an edit replaces just the `key: value` lines it changes (a trailing
  `# comment` on such a line stays), a remove deletes just that event's lines.
* Values are written by `timeline.edit.emit`, which picks plain style only for text that every YAML reader reads
  back as that same text, and refuses invisible control characters.
* The edited text is parsed once (`yamltree.parse`, the reader `load` reads it with) and that one tree serves both
  checks before anything is written: it must build into a valid log (`timeline.log.load.build`), else the edit is
  refused with the loader's own `FILE:LINE:COL` messages and the file stays byte-identical; and the edited values
  must read back from it exactly as given, and every event, source and key it was not asked to change must read
  as before (`_others_unchanged`). The log it built is handed back, so the caller can show it without
  reading the file again. An edit thus parses the file twice: the text as read, and the text to be written.
* Saving goes through `timeline.storage`: a lock beside the file, a check that nobody saved the file since it was
  read, and an atomic replace.

Comments: a remove takes the event's own lines and never a comment line. A comment directly above an event may
describe it or head a group of events (`# --- May 2024 ---`); the text cannot tell which, and a heading lost is
worse than a stale note left in plain sight of the diff, so it stays and heads what follows.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EditError, InvalidEdit, LogError, ProblemList, StorageError, TimelineError
from ..log import schema
from ..log.yamltree import Mapping, Placed, PlacedMapping, PlacedScalar, compose, decode, parse, plain
from ..model import Limits, Log, gc_paused
from .emit import _as_read, _check_keys, _literal, _ordered, _render_field, _render_mapping, render_scalar, slug
from .. import storage
from ..log.load import build, loads

_BOM = b"\xef\xbb\xbf"

__all__ = ["Saved", "add_claim", "add_event", "add_events", "add_source", "add_sourced_events",
           "append_events", "edit_event", "edit_log", "edit_source", "new_log_text", "remove_event",
           "remove_source", "render_scalar", "slug"]


@dataclass(frozen=True, slots=True)
class Saved:
    """What an edit did: the ids of the events it added, and the log as saved (None when nothing changed)."""

    ids: tuple[str, ...] = ()
    log: Log | None = None
    skipped: int = 0  # events not appended because the log already has them (add_sourced_events)
    source_added: bool = False  # whether the edit added a source (add_sourced_events)


# --- reading positions -------------------------------------------------------------------------------------------

class _Text:
    """The file's text with its line starts, for turning offsets into whole lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.nl = "\r\n" if "\r\n" in text else "\n"

    def line_of(self, offset: int) -> int:
        """Give the 0-based line holding `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1

    def line_start(self, line: int) -> int:
        """Give the offset where `line` starts (the text's end for a line past the last)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line_end(self, line: int) -> int:
        """Give the offset just after `line`'s line break (or the text's end)."""
        return self.line_start(line + 1)

    def line(self, line: int) -> str:
        """Give the text of `line` without its line break."""
        return self.text[self.line_start(line):self.line_end(line)].rstrip("\r\n")

    def count(self) -> int:
        """Give the number of lines."""
        return len(self.starts) - (1 if self.text.endswith("\n") or not self.text else 0)

    def blank(self, line: int) -> bool:
        """Give whether `line` holds only spaces."""
        return not self.line(line).strip()

    def comment_at(self, line: int, col: int) -> bool:
        """Give whether `line` holds only a comment starting at column `col`."""
        body = self.line(line)
        return body.startswith("#", col) and not body[:col].strip()

    def col(self, offset: int) -> int:
        """Give the 0-based column of `offset`."""
        return offset - self.starts[self.line_of(offset)]


@dataclass(slots=True)
class _Splice:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


def _apply(text: str, splices: list[_Splice]) -> str:
    parts = []
    position = 0
    for s in sorted(splices, key=lambda s: (s.start, s.end)):
        if s.start < position:
            raise AssertionError("overlapping splices")
        parts.append(text[position:s.start])
        parts.append(s.text)
        position = s.end
    parts.append(text[position:])
    return "".join(parts)


class _Values:
    """What a log holds as plain values (what the loader reads): the questions an edit's checks ask of it."""

    path: str

    @property
    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def written_events(self) -> dict[str, Any]:
        """Give each event's plain values by its id, for the events that have one."""
        events = self.data.get("events")
        return {e["id"]: e for e in (events if isinstance(events, list) else [])
                if isinstance(e, dict) and isinstance(e.get("id"), str)}

    def written_sources(self) -> dict[str, Any]:
        """Give each source's plain values by its id ({} when `sources` is not a mapping)."""
        sources = self.data.get("sources")
        return sources if isinstance(sources, dict) else {}


class _Edited(_Values):
    """A log as an edit left it: its text and its values, read by the loader's own reader (`parse`)."""

    def __init__(self, text: str, path: str, data: dict[str, Any]) -> None:
        self.text = text
        self.path = path
        self._data = data

    @property
    def data(self) -> dict[str, Any]:
        return self._data


class _Doc(_Values):
    """A parsed log: its text and the positions of its top-level keys, sources and events."""

    def __init__(self, text: str, path: str, root: PlacedMapping) -> None:
        self.path = path
        self.t = _Text(text)
        self.root = root
        self._data: dict[str, Any] | None = None
        self.kept_ends = _keep_kept_lines(self.t, root)

    @property
    def text(self) -> str:
        return self.t.text

    @property
    def data(self) -> dict[str, Any]:
        """Give the whole log as plain values, made once."""
        if self._data is None:
            self._data = self.root.data()
        return self._data

    def events(self) -> tuple[Placed | None, Placed | None]:
        """Give the `events` key and value nodes (None, None when the key is missing)."""
        pair = self.root.get("events")
        return pair if pair else (None, None)

    def event_items(self) -> list[Placed]:
        """Give the event nodes in file order."""
        _, value = self.events()
        return value.children if value is not None and value.kind == "seq" else []

    def event_ids(self) -> list[str]:
        """Give every event id written in the file."""
        ids = []
        for item in self.event_items():
            pair = item.get("id") if item.kind == "map" else None
            if pair is not None and pair[1].kind == "scalar":
                ids.append(pair[1].value)
        return ids

    def find_event(self, event_id: str) -> Placed:
        """Give the node of one event, or EditError with a suggestion."""
        for item in self.event_items():
            pair = item.get("id") if item.kind == "map" else None
            if pair is not None and pair[1].value == event_id:
                return item
        close = difflib.get_close_matches(event_id, self.event_ids(), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise EditError(f"no event with id '{event_id}'{hint}; {{how}}", path=self.path, how="list-events")

    def line_no(self, node: Placed) -> int:
        """Give the 1-based line of a node (for messages)."""
        return self.t.line_of(node.start) + 1


#: A block scalar's header: `|` or `>`, then an indentation indicator and a chomping indicator in either order.
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?")


def _keep_kept_lines(t: _Text, root: Placed) -> set[int]:
    """Give the ends of the nodes that end in a keep-chomped block scalar (`|+`, `>+`, `|2+`), after moving those
    ends past the blank lines the block keeps.

    The reader ends a block scalar at its last character, but a `|+` block's value also holds the blank lines
    after it, up to the next line with anything on it. Every splice finds "the lines of a node" from its end, so
    with the end moved there an event appended after it goes after those lines, a key added below it goes below
    them, and an event removed after it leaves them where they are: the value reads the same after the edit.
    """
    kept: set[int] = set()

    def walk(node: Placed) -> int:
        if node.kind == "scalar":
            if node.style in ("|", ">") and "+" in (_BLOCK_HEADER.match(t.text, node.start) or [""])[0]:
                assert isinstance(node, PlacedScalar)
                value = node.value
                if node.style == "|":  # a literal block holds one line break per line of its body
                    last = t.line_of(node.start) + value.count("\n")
                else:  # folded: the line breaks after its last line are kept as they are
                    last = t.line_of(node.end) + max(len(value) - len(value.rstrip("\n")) - 1, 0)
                if t.line_of(node.end) < last < len(t.starts):
                    node.end = t.line_start(last) + len(t.line(last))
                kept.add(node.end)  # with no blank line kept yet, a blank line added after it would be one
            return node.end
        ends = [walk(child) for child in node.children]
        if not node.flow and ends:
            node.end = max(node.end, *ends)
            if node.end in ends and ends[-1] in kept:
                kept.add(node.end)
        return node.end

    walk(root)
    return kept


# --- the edits ---------------------------------------------------------------------------------------------------

def _read(text: str, path: str, limits: Limits) -> _Doc:
    """Give the log as it stands, parsed for editing; InvalidEdit when it is broken, EditError when not a block."""
    try:
        root = compose(text, path, limits)
    except LogError as exc:  # not YAML (or not the plain subset): the loader's own located message
        raise InvalidEdit([exc], path=path, before=True) from None
    if not isinstance(root, PlacedMapping) or root.flow:
        _validate_original(text, path, limits)  # raises the located problem when there is one
        raise EditError("the log must be a block mapping (`title:`, `sources:`, `events:` on their own lines) "
                        "to be edited from the command line", path=path)
    _refuse_layout(text, path, root)
    return _Doc(text, path, root)


_LONE_CR = re.compile(r"\r(?!\n)")


def _refuse_layout(text: str, path: str, root: PlacedMapping) -> None:
    """Refuse, with its place, a layout the editor does not write: lone-CR line ends, explicit `? key` entries."""
    cr = _LONE_CR.search(text)
    if cr is not None:
        line = text.count("\n", 0, cr.start()) + 1
        raise EditError("this file ends some lines with a lone carriage return (CR, old Mac style) and others "
                        "with LF; the editor keeps one kind of line end: save the file with LF, CRLF or CR line "
                        "ends throughout, then run the command again (nothing was written)", path=path, line=line,
                        col=cr.start() - (text.rfind("\n", 0, cr.start()) + 1) + 1)
    stack: list[Placed] = [root]
    while stack:
        node = stack.pop()
        if node.kind == "map":
            # a `?` that ends the previous value ("quote: a?") is that value's text, not an indicator
            after: int = node.start
            for key, value in node.pairs:
                j = key.start - 1
                while j >= 0 and text[j] in " \t\r\n":
                    j -= 1
                indicator = j >= after and j >= 0 and text[j] == "?"
                after = value.end
                if indicator:
                    raise EditError(f"an explicit key (`? {key.value[:30]}`); the editor changes `key: value` "
                                    "lines only: write it as `key: value`, then run the command again (nothing "
                                    "was written)", path=path, line=text.count("\n", 0, j) + 1,
                                    col=j - (text.rfind("\n", 0, j) + 1) + 1)
        stack.extend(node.children)


_DASH_LINE = re.compile(r"[ ]*-(?:[ ]+#.*)?[ ]*\r?$")


def _dash(t: _Text, item: Placed) -> int | None:
    """Give the offset of the `-` that opens a sequence item: before it on its line, or alone on a line above it
    (`- # note`), with only blank or comment lines between."""
    j = item.start - 1
    while j >= 0 and t.text[j] in " \t":
        j -= 1
    if j >= 0 and t.text[j] == "-":
        return j
    if j >= 0 and t.text[j] != "\n":
        return None
    line = t.line_of(item.start) - 1
    while line >= 0:
        body = t.line(line)
        if _DASH_LINE.match(body):
            return t.line_start(line) + body.index("-")
        if body.strip() and not body.lstrip().startswith("#"):
            return None
        line -= 1
    return None


def _after_line(t: _Text, offset: int) -> tuple[int, str]:
    """Give the offset just after the line holding `offset`, and a line break to put first if the file lacks one."""
    end = t.line_end(t.line_of(offset))
    missing = end == len(t.text) and not t.text.endswith("\n")
    return end, (t.nl if missing else "")


def _append_events(doc: _Doc, events: list[dict[str, Any]]) -> str:
    return _apply(doc.text, _append_splices(doc, events))


def _append_splices(doc: _Doc, events: list[dict[str, Any]]) -> list[_Splice]:
    """Give the splices that append `events` (prepared: ids first) after the log's last event."""
    t = doc.t
    nl = t.nl
    key, value = doc.events()
    items = doc.event_items()
    if items and value is not None and not value.flow:
        first_dash = _dash(t, items[0])
        dash_col = t.col(first_dash) if first_dash is not None else 2
        # Keys where the first event has them (`-   id:` puts them 4 to the right of the dash, not 2).
        key_col = t.col(items[0].pairs[0][0].start) if items[0].kind == "map" and items[0].pairs \
            and not items[0].flow else dash_col + 2
        key_col = key_col if key_col > dash_col else dash_col + 2
        blank = _separated(t, items)
        rendered = [(" " * dash_col) + "-" + " " * (key_col - dash_col - 1)
                    + _render_mapping(e, schema.EVENT_KEYS, key_col, nl, f"event '{e['id']}'") + nl for e in events]
        at, prefix = _after_line(t, items[-1].end)
        sep = nl if blank else ""
        # after a `|+` block, a blank line would be one more line break of its value: the first event follows it
        first = "" if items[-1].end in doc.kept_ends else sep
        return [_Splice(at, at, prefix + first + "".join(sep + r for r in rendered)[len(sep):])]
    rendered = ["  - " + _render_mapping(e, schema.EVENT_KEYS, 4, nl, f"event '{e['id']}'") + nl for e in events]
    body = nl.join(rendered)  # each ends with a line break: a blank line between events
    if key is None:
        at = len(t.text)
        prefix = "" if t.text.endswith("\n") or not t.text else nl
        return [_Splice(at, at, f"{prefix}events:{nl}{body}")]
    assert value is not None
    return _fill_empty(t, key, value, "events", body)


def _fill_empty(t: _Text, key: Placed, value: Placed, name: str, body: str) -> list[_Splice]:
    """Give the splices that turn `name: []` (or an empty `name:`) into `name:` followed by block lines."""
    filled = value.data() is not None if value.kind == "scalar" else bool(value.children)
    if filled:
        raise EditError(f"`{name}` is written as {'a flow list' if value.kind == 'seq' else 'one line'} "
                        f"({t.text[value.start:value.end][:40]!r}); write it as a block (one entry per line) "
                        "to edit it from the command line", path=None, line=t.line_of(value.start) + 1,
                        col=t.col(value.start) + 1)
    if value.kind == "scalar" and t.line_of(value.start) != t.line_of(key.start):
        value = PlacedScalar("", 0, 0, True, key.end, key.end)  # an empty value the parser placed on a later line
    colon = t.text.index(":", key.end)
    splices = []
    if value.end > colon + 1:  # `[]`, `{}`, `~` or `null`: drop it, keep any comment after it
        splices.append(_Splice(colon + 1, value.end, ""))
    at, prefix = _after_line(t, key.start)
    splices.append(_Splice(at, at, prefix + body))
    return splices


def _separated(t: _Text, items: list[Placed]) -> bool:
    """Give whether events are set apart by blank lines (the file's habit; yes when it has fewer than two)."""
    if len(items) < 2:
        return True
    for before, after in itertools.pairwise(items):
        start = _chunk_start(t, after, before)
        if start > t.line_of(before.end) + 1 and t.blank(start - 1):
            return True
    return False


def _chunk_start(t: _Text, item: Placed, previous: Placed | None) -> int:
    """Give the first line of an event with the comments directly above it (same indentation, no blank line)."""
    dash = _dash(t, item)
    first = t.line_of(dash if dash is not None else item.start)
    col = t.col(dash) if dash is not None else t.col(item.start)
    floor = t.line_of(previous.end) + 1 if previous is not None else 0
    return _comments_above(t, first, col, floor)


def _comments_above(t: _Text, line: int, col: int, floor: int) -> int:
    """Give the first of the comment lines at column `col` directly above `line` (or `line` itself)."""
    while line - 1 >= floor and t.comment_at(line - 1, col):
        line -= 1
    return line


def _remove_event(doc: _Doc, event_id: str) -> str:
    t = doc.t
    items = doc.event_items()
    item = doc.find_event(event_id)
    index = next(n for n, it in enumerate(items) if it is item)
    previous = items[index - 1] if index else None
    dash = _dash(t, item)
    first = t.line_of(dash if dash is not None else item.start)
    # A comment directly above stays: it may head a group of events (`# --- May 2024 ---`) as well as describe
    # this one, and the text cannot tell which; the blank lines after the event go instead, so it heads what follows.
    headed = _chunk_start(t, item, previous) < first
    last = t.line_of(item.end)
    blanks_before = 0
    while first - blanks_before - 1 >= 0 and t.blank(first - blanks_before - 1) \
            and (previous is None or first - blanks_before - 1 > t.line_of(previous.end)):
        blanks_before += 1
    blanks_after = 0
    while last + blanks_after + 1 < t.count() and t.blank(last + blanks_after + 1):
        blanks_after += 1
    after_is_end = last + blanks_after + 1 >= t.count()
    # The blank lines that set the event apart go with it, once: those after it when there were some before it
    # too (or it opened the list), and those before it as well when nothing follows it in the file.
    # After a `|+` block they go too: left there, they would be more line breaks of its value.
    kept_above = previous is not None and previous.end in doc.kept_ends
    if blanks_after and (blanks_before or headed or kept_above or first == t.line_of(_events_key_start(doc)) + 1):
        last += blanks_after
    if after_is_end:
        first -= blanks_before
    splices = [_Splice(t.line_start(first), t.line_end(last), "")]
    if len(items) == 1:
        key, value = doc.events()
        assert key is not None and value is not None
        colon = t.text.index(":", key.end)
        splices.append(_Splice(colon + 1, colon + 1, " []"))
    return _apply(t.text, splices)


def _events_key_start(doc: _Doc) -> int:
    key, _ = doc.events()
    assert key is not None
    return key.start


def _edit_mapping(t: _Text, node: Placed, changes: dict[str, Any], known: dict[str, str], where: str) -> list[_Splice]:
    """Give the splices that set or remove keys of a block mapping, touching only the lines of those keys."""
    nl = t.nl
    if node.flow or node.kind != "map":
        # One line `{...}`: nothing to keep inside it, so the whole mapping is written again as a block.
        merged = {k.value: v.data() for k, v in node.pairs}
        merged.update(changes)
        dash = _dash(t, node)
        col = (t.col(dash) + 2) if dash is not None else t.col(node.start)
        return [_Splice(node.start, node.end, _render_mapping(merged, known, col, nl, where))]
    col = t.col(node.pairs[0][0].start)
    rank = {k: n for n, k in enumerate(known)}
    splices: list[_Splice] = []
    for key, value in changes.items():
        pair = node.get(key)
        if pair is not None and value is not None and pair[1].data() == _as_read(value):
            continue  # unchanged: leave its quoting and comments alone
        if pair is not None and value is not None and _same_shape_claims(pair[1], value):
            # Claim by claim, key by key: comments inside the claims stay.
            for item, claim in zip(pair[1].children, value, strict=True):
                _check_keys(claim, schema.CLAIM_KEYS, f"{where}: claim")
                wanted = {k: claim.get(k) for k in item.data() | claim}
                splices += _edit_mapping(t, item, wanted, schema.CLAIM_KEYS, f"{where}: claim")
            continue
        if pair is not None and value is not None:
            knode, vnode = pair
            end = max(vnode.end, t.text.index(":", knode.end) + 1)
            literal = _literal(value, col + 2, nl) if vnode.style == "|" else None
            if literal is not None:  # it was a `|` block: keep it one
                splices.append(_Splice(knode.start, end, f"{key}: {literal}"))
                continue
            splices.append(_Splice(knode.start, end, _render_field(key, value, col, nl, where,
                                                                   block=_block_col(t, vnode))))
        elif pair is not None:
            splices.append(_remove_key(t, node, pair))
        elif value is not None:
            before = [p for p in node.pairs if rank.get(p[0].value, -1) < rank[key]]
            first_key = node.pairs[0][0]
            if not before and not t.text[t.line_start(t.line_of(first_key.start)):first_key.start].strip():
                # it reads first, and the first key has a line of its own: the new line goes above it
                at = t.line_start(t.line_of(first_key.start))
                splices.append(_Splice(at, at, " " * col + _render_field(key, value, col, nl, where) + nl))
                continue
            anchor = before[-1] if before else node.pairs[0]
            at, prefix = _after_line(t, max(anchor[1].end, anchor[0].end))
            splices.append(_Splice(at, at, prefix + " " * col + _render_field(key, value, col, nl, where) + nl))
    return splices


def _same_shape_claims(node: Placed, value: Any) -> bool:
    """Give whether `value` is a list of claims as long as the block list of block mappings `node`."""
    return (node.kind == "seq" and not node.flow and isinstance(value, (list, tuple))
            and len(value) == len(node.children) and all(isinstance(v, dict) for v in value)
            and all(i.kind == "map" and not i.flow and i.pairs for i in node.children))


def _block_col(t: _Text, node: Placed) -> int | None:
    """Give the column of the dashes of a block list of text, or None for any other value."""
    if node.kind != "seq" or node.flow or not node.children or any(i.kind != "scalar" for i in node.children):
        return None
    dash = _dash(t, node.children[0])
    return t.col(dash) if dash is not None else None


def _remove_key(t: _Text, mapping: Placed, pair: tuple[Placed, Placed]) -> _Splice:
    knode, vnode = pair
    end_line = t.line_of(max(vnode.end, knode.end))
    line = t.line_of(knode.start)
    if t.text[t.line_start(line):knode.start].strip():
        # The first key, on the `- ` line: leave a bare `-`; the next keys, one line down, stay its mapping.
        dash = _dash(t, mapping)
        assert dash is not None
        if end_line == line:
            return _Splice(dash + 1, t.line_start(line) + len(t.line(line)), "")
        raise EditError(f"cannot remove `{knode.value}`: it starts on the `- ` line and spans several lines; "
                        f"nothing was written: move `{knode.value}:` to a line of its own below the `-` (at the "
                        "column of the keys under it), then run the command again",
                        line=line + 1, col=t.col(knode.start) + 1)
    return _Splice(t.line_start(line), t.line_end(end_line), "")


def _edit_event(doc: _Doc, event_id: str, changes: dict[str, Any]) -> str:
    item = doc.find_event(event_id)
    new_id = changes.get("id")
    if new_id is not None and new_id != event_id and new_id in doc.event_ids():
        raise EditError(f"event id '{new_id}' is already taken; choose another", path=doc.path)
    return _apply(doc.text, _edit_mapping(doc.t, item, changes, schema.EVENT_KEYS, f"event '{event_id}'"))


def _add_source(doc: _Doc, source_id: str, fields: dict[str, Any]) -> str:
    return _apply(doc.text, _source_splices(doc, source_id, fields))


def _source_splices(doc: _Doc, source_id: str, fields: dict[str, Any]) -> list[_Splice]:
    """Give the splices that add source `source_id` after the log's last source (or a `sources:` before `events:`)."""
    t = doc.t
    nl = t.nl
    where = f"source '{source_id}'"
    body_col_default = 4
    pair = doc.root.get("sources")
    if pair is not None and pair[1].kind == "map" and pair[1].pairs and not pair[1].flow:
        sources = pair[1]
        if sources.get(source_id) is not None:
            raise EditError(f"source '{source_id}' already exists (line {doc.line_no(sources.get(source_id)[0])});"  # type: ignore[index]
                            " edit it in the file, or choose another id", path=doc.path)
        key_col = t.col(sources.pairs[0][0].start)
        first_body = next((v for _, v in sources.pairs if v.kind == "map" and not v.flow and v.pairs), None)
        body_col = t.col(first_body.pairs[0][0].start) if first_body is not None else key_col + 2
        entry = (" " * key_col + render_scalar(source_id, where="the source id") + ":" + nl + " " * body_col
                 + _render_mapping(fields, schema.SOURCE_KEYS, body_col, nl, where) + nl)
        last = sources.pairs[-1]
        at, prefix = _after_line(t, max(last[1].end, last[0].end))
        return [_Splice(at, at, prefix + entry)]
    entry = ("  " + render_scalar(source_id, where="the source id") + ":" + nl + " " * body_col_default
             + _render_mapping(fields, schema.SOURCE_KEYS, body_col_default, nl, where) + nl)
    if pair is not None:
        return _fill_empty(t, pair[0], pair[1], "sources", entry)
    events_key, _ = doc.events()
    if events_key is not None:  # sources come before events, as in every example
        line = t.line_of(events_key.start)
        at = t.line_start(_comments_above(t, line, t.col(events_key.start), 0))
        return [_Splice(at, at, f"sources:{nl}{entry}{nl}")]
    at = len(t.text)
    prefix = "" if t.text.endswith("\n") or not t.text else nl
    return [_Splice(at, at, f"{prefix}sources:{nl}{entry}")]


def _sources_node(doc: _Doc) -> Placed | None:
    pair = doc.root.get("sources")
    return pair[1] if pair is not None and pair[1].kind == "map" else None


def _find_source(doc: _Doc, source_id: str) -> tuple[Placed, Placed]:
    """Give the key and value nodes of one source, or EditError with a suggestion."""
    sources = _sources_node(doc)
    pair = sources.get(source_id) if sources is not None else None
    if pair is None:
        known = [k.value for k, _ in sources.pairs] if sources is not None else []
        close = difflib.get_close_matches(source_id, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise EditError(f"no source with id '{source_id}'{hint}; known sources: {', '.join(known) or 'none'}",
                        path=doc.path)
    return pair


def _edit_source(doc: _Doc, source_id: str, changes: dict[str, Any]) -> str:
    t = doc.t
    key, value = _find_source(doc, source_id)
    where = f"source '{source_id}'"
    if value.kind == "map" and value.pairs:
        return _apply(t.text, _edit_mapping(t, value, changes, schema.SOURCE_KEYS, where))
    # `id:` with nothing under it (or `{}`): write its body as a block under the key
    fields = {k: v for k, v in changes.items() if v is not None}
    if not fields:
        return t.text
    col = t.col(key.start) + 2
    body = " " * col + _render_mapping(fields, schema.SOURCE_KEYS, col, t.nl, where) + t.nl
    colon = t.text.index(":", key.end)
    splices = [_Splice(colon + 1, value.end, "")] if value.end > colon + 1 else []
    at, prefix = _after_line(t, key.start)
    return _apply(t.text, [*splices, _Splice(at, at, prefix + body)])


def _citing(doc: _Doc, source_id: str) -> list[str]:
    """Give the ids of the events that name `source_id`, as the event or in one of its claims."""
    found = []
    for item in doc.event_items():
        data = item.data() if item.kind == "map" else {}
        written = data.get("claims")
        claims: list[Any] = written if isinstance(written, list) else []
        if data.get("source") == source_id or any(isinstance(c, dict) and c.get("source") == source_id
                                                  for c in claims):
            found.append(str(data.get("id")))
    return found


def _remove_source(doc: _Doc, source_id: str) -> str:
    t = doc.t
    key, value = _find_source(doc, source_id)
    citing = _citing(doc, source_id)
    if citing:
        shown = ", ".join(citing[:5]) + (f" and {len(citing) - 5} more" if len(citing) > 5 else "")
        raise EditError(f"source '{source_id}' is named by {shown}; point them at another source "
                        "{how} or remove them first", path=doc.path, line=doc.line_no(key),
                        col=t.col(key.start) + 1, how="repoint-claims")
    sources = _sources_node(doc)
    assert sources is not None
    first, last = t.line_of(key.start), t.line_of(max(key.end, value.end))
    if t.line_start(first) != key.start - t.col(key.start) or t.text[t.line_start(first):key.start].strip():
        raise EditError(f"source '{source_id}' does not start on a line of its own, so its lines cannot be "
                        f"taken out alone; nothing was written: put `{source_id}:` at the start of a line of its "
                        "own (indented like the other sources), then run the command again",
                        path=doc.path, line=first + 1, col=t.col(key.start) + 1)
    # trailing comment lines inside the value belong to what follows; the blank lines after it go with it when
    # blank lines set it apart before too (or it opens the mapping)
    blanks_after = 0
    while last + blanks_after + 1 < t.count() and t.blank(last + blanks_after + 1):
        blanks_after += 1
    index = next(n for n, (k, _) in enumerate(sources.pairs) if k is key)
    if blanks_after and (index == 0 or t.blank(first - 1)) and index + 1 < len(sources.pairs):
        last += blanks_after
    elif index + 1 == len(sources.pairs) and index and t.blank(first - 1):
        first -= 1  # the last one: the blank line that set it apart goes instead
    splices = [_Splice(t.line_start(first), t.line_end(last), "")]
    if len(sources.pairs) == 1:
        skey, _ = doc.root.get("sources")  # type: ignore[misc]
        colon = t.text.index(":", skey.end)
        splices.append(_Splice(colon + 1, colon + 1, " {}"))
    return _apply(t.text, splices)


def _edit_log(doc: _Doc, changes: dict[str, Any]) -> str:
    """Set or remove the log's own keys (title, description, date_order), touching only their lines."""
    t = doc.t
    root = doc.root
    rank = {k: n for n, k in enumerate(schema.LOG_KEYS)}
    splices: list[_Splice] = []
    inside: dict[str, Any] = {}
    for key, value in changes.items():
        earlier = [p for p in root.pairs if rank.get(p[0].value, -1) < rank[key]]
        if root.get(key) is None and value is not None and not earlier:
            # nothing that comes before it: its line goes first, under the file's opening comments
            at = t.line_start(t.line_of(root.pairs[0][0].start))
            splices.append(_Splice(at, at, _render_field(key, value, 0, t.nl, "the log") + t.nl))
        else:
            inside[key] = value
    return _apply(t.text, splices + _edit_mapping(t, root, inside, schema.LOG_KEYS, "the log"))


def _add_claim(doc: _Doc, event_id: str, claim: dict[str, Any]) -> str:
    t = doc.t
    item = doc.find_event(event_id)
    where = f"event '{event_id}': claim"
    _check_keys(claim, schema.CLAIM_KEYS, where)
    pair = item.get("claims") if item.kind == "map" and not item.flow else None
    if pair is None or pair[1].kind != "seq" or pair[1].flow or not pair[1].children:
        existing = pair[1].data() if pair is not None and pair[1].kind == "seq" else []
        return _apply(t.text, _edit_mapping(t, item, {"claims": [*existing, claim]}, schema.EVENT_KEYS,
                                            f"event '{event_id}'"))
    last = pair[1].children[-1]
    dash = _dash(t, pair[1].children[0])
    dash_col = t.col(dash) if dash is not None else t.col(pair[1].children[0].start)
    first = pair[1].children[0]
    key_col = t.col(first.pairs[0][0].start) if first.kind == "map" and first.pairs and not first.flow \
        else dash_col + 2
    key_col = key_col if key_col > dash_col else dash_col + 2
    entry = (" " * dash_col + "-" + " " * (key_col - dash_col - 1)
             + _render_mapping(claim, schema.CLAIM_KEYS, key_col, t.nl, where) + t.nl)
    at, prefix = _after_line(t, last.end)
    return _apply(t.text, [_Splice(at, at, prefix + entry)])


# --- checking and saving -----------------------------------------------------------------------------------------

def _validate_original(text: str, path: str, limits: Limits = Limits()) -> None:
    """Raise InvalidEdit(before=True) when the file as it stands does not load."""
    try:
        loads(text, path=path, limits=limits)
    except ProblemList as exc:
        raise InvalidEdit(list(exc.problems), path=path, before=True) from None
    except LogError as exc:
        raise InvalidEdit([exc], path=path, before=True) from None


def _validate(new: str, old: str, path: str, limits: Limits) -> tuple[_Edited, Log]:
    """Give the edited text's values and its Log; InvalidEdit with the loader's problems when it is not one.

    One parse serves both checks of an edit, by the reader `load` reads the file with next time (`parse`: the
    fast reader, or the full one): the tree is built into the log (the loader's own checks), and its values are
    kept for reading the edited values back and comparing every other event.
    """
    try:
        root = parse(new, path, limits)
    except LogError as exc:  # the splice broke the YAML: never show a line the file does not have
        _validate_original(old, path, limits)
        at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
        t = _Text(old)
        line = t.line_of(min(at, max(len(old) - 1, 0)))
        raise EditError("the editor cannot keep this file's layout where the change goes, at this line (spliced "
                        f"here, the file would not read as YAML: {exc.template.split(';')[0]}); nothing was "
                        "written: write the lines here in block style (one key and its value to a line, list "
                        "items on `- ` lines, no flow `{...}` or `[...]` spanning lines), then run the command "
                        "again", path=path, line=line + 1, col=1) from None
    try:
        log = build(root, path=path, limits=limits)
    except (ProblemList, LogError) as exc:
        _validate_original(old, path, limits)  # a log broken before the edit: say that instead
        problems: list[TimelineError] = list(exc.problems) if isinstance(exc, ProblemList) else [exc]
        raise InvalidEdit(problems, path=path) from None
    assert isinstance(root, Mapping)  # a log is a mapping, and build has just read it as one
    return _Edited(new, path, plain(root)), log


def _new_log(path: Path) -> str:
    words = path.stem.replace("-", " ").replace("_", " ").strip() or "events"
    title = render_scalar(words[0].upper() + words[1:], where="the title")
    return ("# A timeline events log. Edit it by hand or with `timeline add`; check it with `timeline validate`.\n"
            "# Editors check it as you type after `timeline schema -o events.schema.json` and a first line\n"
            "# `# yaml-language-server: $schema=events.schema.json`.\n"
            f"title: {title}\n"
            "sources: {}\n"
            "events: []\n")


def new_log_text(title: str, *, description: str | None = None, date_order: str | None = None,
                 schema_file: str | None = "events.schema.json") -> str:
    """Give the text of a new log: its title, a commented example source and event, and the schema line."""
    head = f"# yaml-language-server: $schema={schema_file}\n" if schema_file else ""
    fields = {"title": title, "description": description, "date_order": date_order}
    header = "".join(_render_field(k, v, 0, "\n", "the log") + "\n" for k, v in _ordered(fields, schema.LOG_KEYS))
    return (head
            + "# A timeline events log: sources with their publication dates, and events in the sources' own words.\n"
            "# Edit it by hand or with `timeline source add` and `timeline add`; check it with `timeline validate`.\n"
            + header
            + "sources: {}\n"
            "# For example (remove the '# ' to use it):\n"
            "#   verge-leike:\n"
            "#     title: OpenAI researcher resigns\n"
            "#     publisher: The Verge\n"
            "#     url: https://www.theverge.com/2024/5/17/24159095/openai-jan-leike-superalignment\n"
            "#     published: \"2024-05-17\"   # the anchor of its phrases ('Tuesday', 'last July')\n"
            "\n"
            "events: []\n"
            "# For example:\n"
            "#   - id: sutskever-leaves\n"
            "#     title: Ilya Sutskever announces he is leaving OpenAI\n"
            "#     when: Tuesday                 # the source's own words, or a date\n"
            "#     source: verge-leike\n"
            "#     quote: \"Sutskever ... announced his departure on Tuesday.\"\n"
            "#     tags: [departures]\n"
            "#     actors: [Ilya Sutskever]\n")


Touched = Callable[[], tuple[set[str], set[str]]]  # (event ids, source ids) an edit is asked to change


def _others_unchanged(before: _Doc, after: _Edited, touched: Touched,
                      edited: tuple[str, str, set[str]] | None = None, log_keys: Iterable[str] = ()) -> None:
    """Refuse the edit when anything it was not asked to change reads differently after it.

    Splicing text keeps what people wrote, but a layout can make a splice change a neighbour: a `|+` block that
    keeps its final line breaks takes in a blank line added after it, or gives up one removed after it. So every
    other event (in order), every other source and every other top-level key is compared, as data, before and
    after."""
    events, sources = touched()
    old, new = before.data, after.data

    eof_block = _unended_block(before)

    def refuse(what: str, node: Placed | None = None) -> None:
        if eof_block is not None:
            header = before.t.text[eof_block.start:before.t.line_end(before.t.line_of(eof_block.start))].strip()
            raise EditError(f"this edit would also change {what}: the file ends inside a block scalar (`{header}`) "
                            "with no final line break, and the line break the edit must put before what it adds "
                            "would become part of that block's value; nothing was written: end the file with a "
                            "line break (the value then ends with one), or write the block's header with `-` "
                            "(such as `|-`) to keep its value without one, then run the command again",
                            path=before.path, line=before.t.line_of(eof_block.start) + 1,
                            col=before.t.col(eof_block.start) + 1)
        if node is not None:
            written = {"|": "a `|` block scalar", ">": "a `>` block scalar", "'": "a single-quoted string",
                       '"': "a double-quoted string"}.get(node.style, "a plain value" if node.kind == "scalar"
                                                           else "a flow collection" if getattr(node, "flow", False)
                                                           else "a block collection")
            raise EditError(f"this edit would also change {what}, written here as {written}: the editor cannot "
                            "splice beside this layout without changing it; nothing was written: rewrite that "
                            "value as a double-quoted string on one line (or make this change in a text editor), "
                            "then run `timeline validate`", path=before.path,
                            line=before.t.line_of(node.start) + 1, col=before.t.col(node.start) + 1)
        raise EditError(f"this edit would also change {what}: the editor cannot splice beside that part's layout "
                        "without changing it; nothing was written: make this change in a text editor, then run "
                        "`timeline validate`", path=before.path)

    for key in set(old) | set(new):
        if key not in ("events", "sources", *log_keys) and old.get(key) != new.get(key):
            pair = before.root.get(key)
            refuse(f"`{key}`", pair[1] if pair is not None else None)
    old_sources, new_sources = old.get("sources") or {}, new.get("sources") or {}
    if isinstance(old_sources, dict) and isinstance(new_sources, dict):
        for sid in set(old_sources) | set(new_sources):
            if sid not in sources and old_sources.get(sid) != new_sources.get(sid):
                pair = before.root.get("sources")
                node = pair[1].get(sid) if pair is not None and pair[1].kind == "map" else None
                refuse(f"source '{sid}'", node[1] if node is not None else None)
    elif old_sources != new_sources and not sources:
        refuse("`sources`")

    def others(doc_events: Any) -> list[Any]:
        items = doc_events if isinstance(doc_events, list) else []
        return [e for e in items if not (isinstance(e, dict) and e.get("id") in events)]

    if edited is not None:  # the edited event's own other keys stay as they were too
        old_id, new_id, keys = edited
        was = next((e for e in old.get("events") or [] if isinstance(e, dict) and e.get("id") == old_id), None)
        now = next((e for e in new.get("events") or [] if isinstance(e, dict) and e.get("id") == new_id), None)
        if isinstance(was, dict) and isinstance(now, dict):
            for key in (set(was) | set(now)) - keys:
                if was.get(key) != now.get(key):
                    refuse(f"`{key}` of event '{old_id}'", _event_value(before, old_id, key))
    kept_before, kept_after = others(old.get("events")), others(new.get("events"))
    if kept_before != kept_after:
        for a, b in zip(kept_before, kept_after, strict=False):
            if a != b:
                if isinstance(a, dict) and isinstance(b, dict):
                    changed = next((k for k in [*a, *b] if a.get(k) != b.get(k)), None)
                    if changed is not None:
                        refuse(f"`{changed}` of event '{a.get('id')}'", _event_value(before, a.get("id"), changed))
                refuse(f"event '{a.get('id') if isinstance(a, dict) else a}'")
        refuse("the list of events")


def _event_value(doc: _Doc, event_id: Any, key: str) -> Placed | None:
    """Give the node of `key` in the event `event_id` as the file stands (None when it has no such key)."""
    for item in doc.event_items():
        if item.kind == "map":
            id_pair = item.get("id")
            if id_pair is not None and id_pair[1].kind == "scalar" and id_pair[1].data() == event_id:
                pair = item.get(key)
                return pair[1] if pair is not None else None
    return None


def _unended_block(doc: _Doc) -> PlacedScalar | None:
    """Give the block scalar the file ends inside, when it has no final line break and one would change its value.

    YAML's clip (`|`) and keep (`|+`) chomping keep a block's final line break, and a block that ends the file
    without one has none to keep: the line break an edit must write before what it appends would become its own.
    A strip block (`|-`) drops it, and reads the same.
    """
    text = doc.t.text
    if not text or text.endswith("\n"):
        return None
    last: Placed = doc.root
    while last.kind != "scalar":
        children = [v for _, v in last.pairs] if last.kind == "map" else list(last.children)
        if not children:
            return None
        last = children[-1]
    if last.kind != "scalar" or last.style not in ("|", ">"):
        return None
    try:
        grown = compose(text + doc.t.nl, doc.path, Limits())
    except LogError:
        return None
    return last if isinstance(last, PlacedScalar) and grown is not None and grown.data() != doc.data else None


def _transact(path: Path | str, change: Callable[[_Doc], str], check: Callable[[_Edited], None], *,
              create: bool = False, limits: Limits | None = None,
              touched: Touched = lambda: (set(), set()),
              edited: tuple[str, str, set[str]] | None = None, log_keys: Iterable[str] = ()) -> Log | None:
    """Give the log as saved (None: nothing changed); lock, read, change, validate, confirm and save.

    The file is untouched unless every step succeeds, and the edit is refused when anything but what it was asked
    to change (`touched`) reads differently after it.
    """
    name = str(path)
    path = storage.real_path(Path(path))  # a symbolic link stays a link; its target is what changes
    limits = limits or Limits()
    with storage.locked(path), gc_paused():  # trees, values and records hold no cycles (see `gc_paused`)
        snapshot = storage.read_snapshot(path, max_bytes=limits.max_bytes)
        if snapshot.data is None:
            if not create:
                raise StorageError("no such file; {how}", path=name, how="log-create")
            text = _new_log(path)
        else:
            text = decode(snapshot.data, name)
        bom = _BOM if snapshot.data is not None and snapshot.data.startswith(_BOM) else b""
        # A file whose every line ends with a lone CR (old Mac style) is edited as LF lines and written back with
        # CRs: YAML reads both as the same line break, and no value the editor writes holds a raw CR or LF (a
        # line break in a value is a block's own line, or `\r`/`\n` inside quotes), so nothing else changes.
        cr_only = "\r" in text and "\n" not in text
        if cr_only:
            text = text.replace("\r", "\n")
        doc = _read(text, name, limits)
        try:
            new = change(doc)
        except EditError as exc:  # a splice refused at a line of this file: say which file
            if exc.path is None and exc.line is not None:
                exc.path = name
            raise
        if new == text and snapshot.data is not None:
            return None  # nothing changes (same values given): leave the file and its timestamp alone
        edited_doc, log = _validate(new, text, name, limits)
        check(edited_doc)
        _others_unchanged(doc, edited_doc, touched, edited, log_keys)
        storage.write_atomically(path, bom + (new.replace("\n", "\r") if cr_only else new).encode("utf-8"),
                                 expected=snapshot)
        return log


def _confirm(ok: bool, what: str) -> None:
    if not ok:
        raise EditError(f"{what} would not read back exactly as given; nothing was written (this is a bug in "
                        "timeline: please report it with the value)")


# --- public API --------------------------------------------------------------------------------------------------

def add_events(path: Path, events: list[dict[str, Any]], *, create: bool = False,
               limits: Limits | None = None) -> list[str]:
    """Give the ids of `events` after appending them to the log at `path` (see `append_events`)."""
    return list(append_events(path, events, create=create, limits=limits).ids)


def append_events(path: Path, events: list[dict[str, Any]], *, create: bool = False,
                  limits: Limits | None = None) -> Saved:
    """Give the ids of `events` and the log after appending them to the log at `path` (ids: a slug of the title).

    Each event is a dict with the log's keys (`title`, `when`, `source`, `tags`, `claims`, ...); a key whose value
    is None is left out. With `create`, a missing file is started with a minimal header. The whole batch is written
    at once or not at all.
    """
    prepared: list[dict[str, Any]] = []

    def change(doc: _Doc) -> str:
        prepared[:] = _prepare(doc, events)[0]
        return _append_events(doc, prepared) if prepared else doc.text

    def check(doc: _Edited) -> None:
        _confirm_events(doc, prepared)

    log = _transact(path, change, check, create=create, limits=limits,
                    touched=lambda: ({e["id"] for e in prepared}, set()))
    return Saved(ids=tuple(e["id"] for e in prepared), log=log)


def _confirm_events(doc: _Values, prepared: list[dict[str, Any]]) -> None:
    """Confirm that every prepared event reads back from the edited log exactly as given."""
    written = doc.written_events()
    for event in prepared:
        _confirm(written.get(event["id"]) == _as_read(event), f"event '{event['id']}'")


def _prepare(doc: _Doc, events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Give the events to append with their ids (a slug of the title where none is given), and the ids."""
    prepared: list[dict[str, Any]] = []
    ids: list[str] = []
    taken = set(doc.event_ids())
    counters: dict[str, int] = {}  # the last suffix tried per title: many rows of one title try each id once
    for n, given in enumerate(events, 1):
        if not isinstance(given, dict):
            raise EditError(f"event #{n} must be a mapping of keys to values, not {type(given).__name__}")
        _check_keys(given, schema.EVENT_KEYS, f"event #{n}")
        event = {k: v for k, v in given.items() if v is not None}
        event_id = event.get("id")
        if event_id is None:
            title = event.get("title")
            event_id = slug(title if isinstance(title, str) else "", taken, counters)
        elif not isinstance(event_id, str):
            raise EditError(f"event #{n}: `id` must be text, not {type(event_id).__name__}")
        elif event_id in taken:
            raise EditError(f"event id '{event_id}' is already taken; choose another id", path=doc.path)
        taken.add(event_id)
        ids.append(event_id)
        prepared.append({"id": event_id, **{k: v for k, v in event.items() if k != "id"}})
    return prepared, ids


def import_into(path: Path, *, sources: dict[str, dict[str, Any]], events: list[dict[str, Any]],
                updates: dict[str, dict[str, Any]], create: bool = False, limits: Limits | None = None) -> Saved:
    """Give the ids appended and the log as saved, after one save that adds `sources` (id -> fields), sets the
    given keys of the events in `updates` (id -> changes) and appends `events`: all of it, or nothing."""
    limits = limits or Limits()
    for sid, fields in sources.items():
        _check_keys(fields, schema.SOURCE_KEYS, f"source '{sid}'")
    for event_id, changes in updates.items():
        _check_keys(changes, schema.EVENT_KEYS, f"event '{event_id}'")
    prepared: list[dict[str, Any]] = []
    ids: list[str] = []

    def change(doc: _Doc) -> str:
        for sid, fields in sources.items():
            doc = _read(_add_source(doc, sid, fields), doc.path, limits)
        if updates:
            splices = [sp for event_id, changes in updates.items()
                       for sp in _edit_mapping(doc.t, doc.find_event(event_id), changes, schema.EVENT_KEYS,
                                               f"event '{event_id}'")]
            doc = _read(_apply(doc.text, splices), doc.path, limits)
        prepared[:], ids[:] = _prepare(doc, events)
        return _append_events(doc, prepared) if prepared else doc.text

    def check(doc: _Edited) -> None:
        written = doc.written_events()
        for event in prepared:
            _confirm(written.get(event["id"]) == _as_read(event), f"event '{event['id']}'")
        for event_id, changes in updates.items():
            data = written.get(event_id, {})
            for key, value in changes.items():
                _confirm(data.get(key) == _as_read(value), f"`{key}` of event '{event_id}'")

    log = _transact(path, change, check, create=create, limits=limits,
                    touched=lambda: (set(ids) | set(updates), set(sources)))
    return Saved(ids=tuple(ids), log=log)


def add_event(path: Path, *, create: bool = False, limits: Limits | None = None, **fields: Any) -> str:
    """Give the id of one event appended to the log (see `add_events`)."""
    return add_events(path, [fields], create=create, limits=limits)[0]


def edit_event(path: Path, event_id: str, *, limits: Limits | None = None, **changes: Any) -> Saved:
    """Give the log as saved; set the given keys of event `event_id` (None removes that key), touching only them."""
    _check_keys(changes, schema.EVENT_KEYS, f"event '{event_id}'")
    if not changes:
        raise EditError(f"event '{event_id}': nothing to change; give at least one field")
    final_id = changes.get("id") or event_id

    def check(doc: _Edited) -> None:
        data = doc.written_events().get(final_id, {})
        for key, value in changes.items():
            _confirm(data.get(key) == _as_read(value), f"`{key}` of event '{final_id}'")

    return Saved(log=_transact(path, lambda doc: _edit_event(doc, event_id, changes), check, limits=limits,
                               touched=lambda: ({event_id, final_id}, set()),
                               edited=(event_id, final_id, set(changes))))


def remove_event(path: Path, event_id: str, *, limits: Limits | None = None) -> Saved:
    """Give the log as saved; remove event `event_id`'s own lines (and blank lines beside them), nothing else."""
    def check(doc: _Edited) -> None:
        events = doc.data.get("events")
        ids = [e.get("id") for e in (events if isinstance(events, list) else []) if isinstance(e, dict)]
        _confirm(event_id not in ids, f"removing event '{event_id}'")

    return Saved(log=_transact(path, lambda doc: _remove_event(doc, event_id), check, limits=limits,
                               touched=lambda: ({event_id}, set())))


def add_source(path: Path, source_id: str, *, create: bool = False, limits: Limits | None = None,
               **fields: Any) -> Saved:
    """Give the log as saved; append source `source_id` with `fields` (title, publisher, url, published, notes)."""
    _check_keys(fields, schema.SOURCE_KEYS, f"source '{source_id}'")
    wanted = {k: v for k, v in fields.items() if v is not None}

    def check(doc: _Edited) -> None:
        _confirm_source(doc, source_id, wanted)

    return Saved(log=_transact(path, lambda doc: _add_source(doc, source_id, wanted), check, create=create,
                               limits=limits, touched=lambda: (set(), {source_id})))


def edit_source(path: Path, source_id: str, *, limits: Limits | None = None, **changes: Any) -> Saved:
    """Give the log as saved; set the given keys of source `source_id` (None removes that key), touching only them."""
    _check_keys(changes, schema.SOURCE_KEYS, f"source '{source_id}'")
    if not changes:
        raise EditError(f"source '{source_id}': nothing to change; give at least one field")

    def check(doc: _Edited) -> None:
        data = doc.written_sources().get(source_id) or {}
        for key, value in changes.items():
            _confirm(data.get(key) == _as_read(value), f"`{key}` of source '{source_id}'")

    return Saved(log=_transact(path, lambda doc: _edit_source(doc, source_id, changes), check, limits=limits,
                               touched=lambda: (set(), {source_id})))


def remove_source(path: Path, source_id: str, *, limits: Limits | None = None) -> Saved:
    """Give the log as saved; remove source `source_id` (EditError when an event still names it)."""
    def check(doc: _Edited) -> None:
        _confirm(source_id not in doc.written_sources(), f"removing source '{source_id}'")

    return Saved(log=_transact(path, lambda doc: _remove_source(doc, source_id), check, limits=limits,
                               touched=lambda: (set(), {source_id})))


def edit_log(path: Path, *, limits: Limits | None = None, **changes: Any) -> Saved:
    """Give the log as saved; set its own `title`, `description` or `date_order` (None removes one)."""
    own = {k: v for k, v in schema.LOG_KEYS.items() if k in ("title", "description", "date_order")}
    _check_keys(changes, own, "the log")
    if not changes:
        raise EditError("the log: nothing to change; give a title, a description or a date order")

    def check(doc: _Edited) -> None:
        data = doc.data
        for key, value in changes.items():
            _confirm(data.get(key) == _as_read(value), f"the log's `{key}`")

    return Saved(log=_transact(path, lambda doc: _edit_log(doc, changes), check, limits=limits,
                               log_keys=tuple(changes)))


def add_claim(path: Path, event_id: str, *, limits: Limits | None = None, **claim: Any) -> Saved:
    """Give the log as saved; append a claim (when, until, for, source, anchor, relative_to, tense, planned, quote,
    notes) to an event.

    The claims written before it, and their comments, stay as they are."""
    wanted = {k: v for k, v in claim.items() if v is not None}
    _check_keys(wanted, schema.CLAIM_KEYS, f"event '{event_id}': claim")
    if "when" not in wanted:
        raise EditError(f"event '{event_id}': a claim needs a `when`: the date its source gives")
    count: list[int] = []

    def change(doc: _Doc) -> str:
        data = doc.find_event(event_id).data()
        count[:] = [len(data.get("claims") or []) if isinstance(data.get("claims"), list) else 0]
        return _add_claim(doc, event_id, wanted)

    def check(doc: _Edited) -> None:
        claims = doc.written_events().get(event_id, {}).get("claims") or []
        _confirm(len(claims) == count[0] + 1 and claims[-1] == _as_read(wanted), f"the claim of event '{event_id}'")

    return Saved(log=_transact(path, change, check, limits=limits, touched=lambda: ({event_id}, set()),
                               edited=(event_id, event_id, {"claims"})))  # its own keys stay as they were


def _confirm_source(doc: _Values, source_id: str, wanted: dict[str, Any]) -> None:
    sources = doc.written_sources()
    _confirm(source_id in sources and (sources[source_id] or {}) == _as_read(wanted), f"source '{source_id}'")


def add_sourced_events(path: Path, source_id: str, events: list[dict[str, Any]], *,
                       source_fields: dict[str, Any] | None = None, create: bool = False,
                       limits: Limits | None = None) -> Saved:
    """Give what one edit did that adds source `source_id` when the log lacks it and appends those of `events`
    the log does not already have (an article's drafts, say).

    An event is already there when a claim of the log has the same source and the same quote (white space aside):
    the same article added twice adds nothing the second time; those are counted in `skipped`. A new source is
    written from `source_fields` (title, publisher, url, published, notes); without them a source the log lacks is
    an EditError. It is one edit (`_transact`): the source and the events are spliced into the text as read, the
    result is validated once, and it is written atomically or not at all; the diff is the source's lines and the
    events' lines, nothing else. With `create`, a missing log is started first.
    """
    wanted = None if source_fields is None else {k: v for k, v in source_fields.items() if v is not None}
    if wanted is not None:
        _check_keys(wanted, schema.SOURCE_KEYS, f"source '{source_id}'")
    prepared: list[dict[str, Any]] = []
    outcome = {"skipped": 0, "source_added": False}

    def change(doc: _Doc) -> str:
        pair = doc.root.get("sources")
        known = pair is not None and pair[1].kind == "map" and pair[1].get(source_id) is not None
        if not known and wanted is None:
            raise EditError(f"source '{source_id}' is not in the log; {{how}}", path=doc.path, how="source-fields")
        there = _claimed_quotes(doc)
        fresh = [e for e in events
                 if not (isinstance(e, dict) and (e.get("source") or source_id, _spaced(e.get("quote"))) in there)]
        outcome["skipped"] = len(events) - len(fresh)
        outcome["source_added"] = not known
        prepared[:] = _prepare(doc, fresh)[0]
        splices = [] if known else _source_splices(doc, source_id, wanted or {})
        if prepared:
            splices += _append_splices(doc, prepared)
        return _apply(doc.text, splices)

    def check(doc: _Edited) -> None:
        if outcome["source_added"]:
            _confirm_source(doc, source_id, wanted or {})
        _confirm_events(doc, prepared)

    log = _transact(path, change, check, create=create, limits=limits,
                    touched=lambda: ({e["id"] for e in prepared}, {source_id}))
    return Saved(ids=tuple(e["id"] for e in prepared), log=log, skipped=int(outcome["skipped"]),
                 source_added=bool(outcome["source_added"]))


def _spaced(text: Any) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def _claimed_quotes(doc: _Doc) -> set[tuple[str, str]]:
    """Give the (source, quote) of every claim written in the log: an event's own and those under `claims:`; a
    claim without a `source` has its event's (as the loader reads it)."""
    found = set()
    for item in doc.event_items():
        data = item.data() if item.kind == "map" else None
        if not isinstance(data, dict):
            continue
        own = data.get("source")
        own = own if isinstance(own, str) else ""
        claims = data.get("claims")
        for claim in [data, *(c for c in (claims if isinstance(claims, list) else []) if isinstance(c, dict))]:
            if "quote" in claim:
                source = claim.get("source")
                found.add((source if isinstance(source, str) and source else own, _spaced(claim.get("quote"))))
    return found
