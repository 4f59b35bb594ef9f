"""Write values as YAML text that every YAML reader reads back as exactly those values: the editor's emitter.

Plain style only for text that every reader (YAML 1.1 or 1.2, PyYAML or ruamel or timeline's own) reads back as
that same text, double quotes with escapes otherwise (`no`, `1:30`, `2024-05-14`, `~`, `#x`, leading spaces,
U+2028 ...), and `|` blocks for multi-line text where a block can hold it. C0/C1 control characters other than
tab, line feed, carriage return and NEL are refused: they are invisible in an editor and nobody means them.
Nothing here reads the file: `timeline.edit.splice` decides where the text goes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ..errors import EditError
from ..log import schema

__all__ = ["render_scalar", "slug"]

# --- writing values ----------------------------------------------------------------------------------------------

#: Words some YAML reader takes for something other than text (booleans of YAML 1.1 and 1.2, null).
_SPECIAL_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
#: Punctuation that is safe inside a plain scalar anywhere but its first character.
_PLAIN_PUNCT = frozenset(" .'-_()/!;&%+$@\"=~*^<>|`\\")
#: Safe inside a plain scalar outside `[...]` only; ':' not before a space and '#' not after one (see _plain_ok).
_BLOCK_PUNCT = frozenset(",[]{}:#?")
#: Text of only word characters (`\\w` is str.isalnum() and '_', none of them unprintable) and that punctuation:
#: what the loop in `_plain_ok` accepts, checked at once.
_PLAIN_FLOW = re.compile("[\\w" + re.escape("".join(sorted(_PLAIN_PUNCT))) + "]*")
_PLAIN_BLOCK = re.compile("[\\w" + re.escape("".join(sorted(_PLAIN_PUNCT | _BLOCK_PUNCT))) + "]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x85": "\\N", "\u2028": "\\L",
            "\u2029": "\\P", "\ufeff": "\\uFEFF"}


#: What may not be written: invisible controls (not tab, line feed, carriage return, NEL), lone surrogates, and the
#: two non-characters; one pass of the regex engine over a value, not a Python loop per character.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _refused_character(c: str) -> bool:
    """Give whether `c` may not be written: invisible controls, lone surrogates, and the two non-characters."""
    return _REFUSED.match(c) is not None


def _plain_ok(text: str, *, flow: bool) -> bool:
    """Give whether `text` reads back as itself when written without quotes."""
    if not text or not text[0].isalpha() or text[-1] == " " or text.lower() in _SPECIAL_WORDS:
        return False
    if text[-1] == ":" or ": " in text or " #" in text:
        return False
    if (_PLAIN_FLOW if flow else _PLAIN_BLOCK).fullmatch(text) is not None:
        return True  # letters, digits and safe punctuation only: the usual value, in one pass of C
    for c in text:
        if c.isalnum() and c.isprintable():
            continue
        if c in _PLAIN_PUNCT or (c in _BLOCK_PUNCT and not flow):
            continue
        return False
    return True


def render_scalar(text: str, *, flow: bool = False, where: str = "value") -> str:
    """Give `text` as a YAML scalar that any YAML reader reads back as exactly `text`; EditError for controls."""
    refused = _REFUSED.search(text)
    if refused is not None:
        raise EditError(f"{where} holds the control character U+{ord(refused.group()):04X} at character "
                        f"{refused.start() + 1}; remove it (invisible control characters are not written to the log)")
    if _plain_ok(text, flow=flow):
        return text
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def _literal(value: Any, indent: int, nl: str) -> str | None:
    """Give multi-line text as a `|` block with its lines at column `indent`, or None when a block cannot hold it.

    A block cannot say: a first line that starts with a space, lines of only spaces, several final line breaks,
    or any line break but the plain one; those stay double-quoted.
    """
    if not isinstance(value, str) or "\n" not in value.rstrip("\n") or value[0] in " \n" or value.endswith("\n\n"):
        return None
    lines = value.removesuffix("\n").split("\n")
    if any(line.strip(" ") == "" and line for line in lines) or any(line.endswith(" ") for line in lines):
        return None
    if _REFUSED.search(value) is not None or any(c in value for c in "\r\x85\u2028\u2029\ufeff\t"):
        return None
    header = "|" if value.endswith("\n") else "|-"
    return header + "".join(nl + (" " * indent + line if line else "") for line in lines)


def _check_keys(fields: Iterable[str], known: dict[str, str], where: str) -> None:
    for key in fields:
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise EditError(f"{where}: unknown key '{key}'{hint}; known keys: {', '.join(known)}")


def _ordered(fields: dict[str, Any], known: dict[str, str]) -> list[tuple[str, Any]]:
    """Give the fields that have a value, in the schema's order (the order people read them in)."""
    rank = {k: n for n, k in enumerate(known)}
    return sorted(((k, v) for k, v in fields.items() if v is not None), key=lambda kv: rank[kv[0]])


def _inline(value: Any, where: str) -> str | None:
    """Give a value written on one line (scalar or `[a, b]`), or None when it needs a block (claims)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return render_scalar(value, where=where)
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, str) for v in value):
            return "[" + ", ".join(render_scalar(v, flow=True, where=where) for v in value) + "]"
        if all(isinstance(v, dict) for v in value):
            return None if value else "[]"
    raise EditError(f"{where}: cannot write a value of type {type(value).__name__}; give text, a number, "
                    "true/false or a list of text")


def _render_field(key: str, value: Any, col: int, nl: str, where: str, *, block: int | None = None) -> str:
    """Give `key: value` for keys at column `col` (first line not indented, no final line break).

    With `block`, a list of text is written one `- item` per line with its dashes at that column (to keep the
    style of a list written that way).
    """
    if block is not None and isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        items = [render_scalar(v, where=f"{where}: `{key}`") for v in value]
        return f"{key}:" + "".join(f"{nl}{' ' * block}- {item}" for item in items)
    line = _inline(value, f"{where}: `{key}`")
    if line is not None:
        return f"{key}: {line}"
    if key != "claims":
        raise EditError(f"{where}: `{key}` cannot hold a list of mappings")
    parts = [f"{key}:"]
    for n, claim in enumerate(value, 1):
        _check_keys(claim, schema.CLAIM_KEYS, f"{where}: claim #{n}")
        parts.append(f"{nl}{' ' * (col + 2)}- " + _render_mapping(claim, schema.CLAIM_KEYS, col + 4, nl,
                                                                   f"{where}: claim #{n}"))
    return "".join(parts)


def _render_mapping(fields: dict[str, Any], known: dict[str, str], col: int, nl: str, where: str) -> str:
    """Give a block mapping with keys at column `col`; the first line is not indented (it follows `- `)."""
    lines = [_render_field(k, v, col, nl, where) for k, v in _ordered(fields, known)]
    return (nl + " " * col).join(lines)


def _as_read(value: Any) -> Any:
    """Give what timeline's reader gives back for a value written by this module (all scalars are text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_as_read(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items() if v is not None}
    return value


def slug(title: str, taken: Iterable[str] = (), counters: dict[str, int] | None = None) -> str:
    """Give an id made of the title's words ('Jan Leike resigns' -> 'jan-leike-resigns'), unique among `taken`."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    base = ""
    for word in words:  # whole words, up to 60 characters
        if base and len(base) + 1 + len(word) > 60:
            break
        base = f"{base}-{word}" if base else word[:60]
    base = base or "event"
    used = taken if isinstance(taken, (set, frozenset, dict)) else set(taken)
    # `counters` remembers the last suffix tried for each title, so 10,000 rows with one title try each id once
    n = counters.get(base, 1) if counters is not None else 1
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    if counters is not None:
        counters[base] = n
    return candidate
