"""Writers for flat rows, one per format: table, json, jsonl, csv, md (named in timeline.render.registry.ROWS)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from .rows import COLUMNS
from ..safety import csv_cell, md_cell, strip_invisible

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
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(rows: Rows) -> str:
    """Give rows as JSON Lines, one object a line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_csv(rows: Rows, columns: Sequence[str] = COLUMNS) -> str:
    """Give rows as CSV with a header; text cells that a spreadsheet would run as formulas are neutralised."""
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
