"""Writers for flat rows, one per format: table, json, jsonl, csv, md (named in timeline.render.registry.ROWS)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any


Rows = Sequence[dict[str, Any]]

#: Columns whose text comes from the log (and so is neutralised in CSV); dates and numbers are ours.
TEXT_COLUMNS = frozenset({"id", "title", "display", "phrase", "until_phrase", "explanation", "source",
                          "source_title", "publisher", "url", "quote", "tags", "actors", "notes",
                          "start_source", "end_source"})


def cell_text(value: Any) -> str:
    """Give a row value as plain text: lists joined with '; ', None as ''."""
    if value is None:
        return ""
    if isinstance(value, list):
        if any(isinstance(v, (list, dict)) for v in value):  # a record's conflicts: kept whole, as JSON
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return "; ".join(str(v) for v in value)
    return str(value)


def to_json(rows: Rows) -> str:
    """Give rows as a JSON list of objects."""
    return json_indented(list(rows)) + "\n"


# --- json.dumps(value, ensure_ascii=False, indent=2), byte for byte, from the C encoder -------------------------
# With an indent, json.dumps runs its pure-Python encoder (a generator a token): at a million rows that was about
# half of a query. Here the C encoder writes every container whose items hold no container, with ",\n" and the
# next level's indent as its item separator, which is exactly what the indented form puts between items. A
# container that holds containers is written with each of them replaced by the placeholder "\x00", then each
# placeholder by that container's own indented text. A placeholder cannot be mistaken for the log's text: JSON
# text holds no raw control character, so "\x00" is written '"\\u0000"', and when the text holds that token
# any other number of times than there are placeholders (a value of the log's own that looks the same) the
# container is written by json.dumps itself. tests/render/test_json_indented.py proves it the same as json.dumps.

_CONTAINERS = (list, tuple, dict)
_MARK_TOKEN = '"\\u0000'
_ENCODERS: dict[int, Callable[[Any, int], Any]] = {}


def _encoder(depth: int) -> Callable[[Any, int], Any]:
    """Give the C encoder whose item separator leads to the items of a container at `depth` (json.dumps' own
    JSONEncoder(...).iterencode makes a new one on every call, too dear for one a row)."""
    found = _ENCODERS.get(depth)
    if found is None:
        separator = ",\n" + "  " * depth
        if c_make_encoder is not None:
            found = c_make_encoder(None, _DEFAULT, encode_basestring, None, ": ", separator, False, False, True)
        else:  # a Python without the C accelerator
            encode = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
            found = lambda value, _: (encode(value),)  # noqa: E731
        _ENCODERS[depth] = found
    return found


_DEFAULT = json.JSONEncoder().default


def json_indented(value: Any) -> str:
    """Give `json.dumps(value, ensure_ascii=False, indent=2)`, the same text, written mostly by the C encoder."""
    return _indented(value, 0)


def _indented(value: Any, depth: int) -> str:
    join = "".join
    if isinstance(value, dict):
        if not value:
            return "{}"
        nested = [key for key, item in value.items() if isinstance(item, _CONTAINERS) and item]
    elif isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if any(isinstance(item, _CONTAINERS) and item for item in value):
            inner = ",\n" + "  " * (depth + 1)
            return "[" + inner[1:] + inner.join([_indented(item, depth + 1) for item in value]) + "\n" + \
                "  " * depth + "]"
        nested = []
    else:  # a scalar: the C encoder spells every one (and refuses the rest) as json.dumps does
        return join(_encoder(depth)(value, 0))
    inner_text = join(_encoder(depth + 1)(value if not nested else _placeheld(value, nested), 0))
    opening = "\n" + "  " * (depth + 1)
    closing = "\n" + "  " * depth
    if not nested:
        return inner_text[0] + opening + inner_text[1:-1] + closing + inner_text[-1]
    pieces = inner_text[1:-1].split(_MARK_TOKEN)
    if len(pieces) != len(nested) + 1:  # the log's own text looks like a placeholder: json.dumps decides
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    parts = ["{", opening, pieces[0]]
    for key, piece in zip(nested, pieces[1:], strict=True):
        parts.append(_indented(value[key], depth + 1))
        parts.append(piece[1:])  # the placeholder's closing quote
    parts.append(closing + "}")
    return join(parts)


def _placeheld(value: dict[Any, Any], nested: list[Any]) -> dict[Any, Any]:
    flat = dict(value)
    for key in nested:
        flat[key] = "\x00"
    return flat


def to_jsonl(rows: Rows) -> str:
    """Give rows as JSON Lines, one object a line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_csv(rows: Rows, columns: Sequence[str] | None = None) -> str:
    """Give rows as CSV with a header (default every column of a row, `rows.COLUMNS`); text cells that a
    spreadsheet would run as formulas are neutralised."""
    import csv  # here, with the row views and the cell guards: a query in another format imports none of them

    from ..safety import csv_cell

    if columns is None:
        from .rows import COLUMNS

        columns = COLUMNS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    texts = [i for i, c in enumerate(columns) if c in TEXT_COLUMNS]
    others = [i for i, c in enumerate(columns) if c not in TEXT_COLUMNS]
    for row in rows:
        # csv writes None as '' and numbers as str() itself, as cell_text would; only lists and text need us
        cells = [row.get(c) for c in columns]
        for i in texts:
            value = cells[i]
            if value is not None:
                cells[i] = csv_cell(value if type(value) is str else cell_text(value))
        for i in others:
            if type(cells[i]) is list:
                cells[i] = cell_text(cells[i])
        writer.writerow(cells)
    return out.getvalue()


MD_COLUMNS = ("display", "precision", "id", "title", "source", "phrase")


def to_markdown(rows: Rows, columns: Sequence[str] = MD_COLUMNS) -> str:
    """Give rows as a Markdown table; every cell escaped so a value cannot break the table or inject HTML."""
    from ..safety import md_cell

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(md_cell(cell_text(row.get(c))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


TABLE_COLUMNS = ("display", "precision", "id", "title")


def _cut(text: str, width: int) -> str:
    """Give `text` in at most `width` characters; a cut text ends with an ellipsis."""
    return text if len(text) <= width else text[:max(width - 1, 0)].rstrip() + "…"


def to_table(rows: Rows, columns: Sequence[str] = TABLE_COLUMNS, width: int = 60, *,
             total: int | None = None) -> str:
    """Give rows as aligned plain text for a terminal: each cell at most `width` characters, and with `total`
    (the terminal's width) every line within it, the widest columns cut to fit; cut text ends in '…'."""
    if not rows:
        return "no events match\n"
    from ..safety import strip_invisible

    cells = [[_cut(" ".join(strip_invisible(cell_text(r.get(c))).split()), width) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    if total is not None and columns:
        # the widest column that may be cut (an id never is: it is what the other commands take) gives a character
        # at a time until the line fits, none below its header or 8 characters
        floor = [max(len(c), 8) if c != "id" else widths[i] for i, c in enumerate(columns)]
        wanted = list(widths)
        while sum(widths) + 2 * (len(columns) - 1) > total:
            i = max(range(len(columns)), key=lambda n: (widths[n] - floor[n], n))
            if widths[i] <= floor[i]:
                break
            widths[i] -= 1
        for i, w in enumerate(widths):
            if w < wanted[i]:
                for row in cells:
                    row[i] = _cut(row[i], w)
    header = "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=False)).rstrip()
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=False)).rstrip() for row in cells]
    return "\n".join([header, *body]) + "\n"
