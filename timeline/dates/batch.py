"""Many phrases at once: JSON lines in, one JSON object out for each (`timeline resolve --jsonl`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..calendar import Day
from ..errors import PhraseError
from ..model import TENSES, Tense


def read_line(line: str) -> tuple[dict[str, Any], str | None]:
    """Give one JSON line's object and its `anchor` text (None when absent); ValueError saying what is wrong.

    The line of every `--jsonl` reader: an object with a `text` string, and an optional `anchor` string."""
    item = json.loads(line)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ValueError('each line must be an object with a "text" string')
    anchor_text = item.get("anchor")
    if anchor_text is not None and not isinstance(anchor_text, str):
        raise ValueError('"anchor" must be a date written as "YYYY-MM-DD"')
    return item, anchor_text


def tense_of(default: Tense, context: object, phrase: str, *, explicit: bool) -> Tense:
    """Give the tense to read a phrase in: an explicit one, else the one its context suggests, else the default."""
    from .resolve import infer_tense

    if explicit or not isinstance(context, str) or not context.strip():
        return default
    return infer_tense(context, phrase)


def resolve_lines(lines: Iterable[str], default_anchor: Day | None, tense: Tense, *,
                  explicit: bool = False) -> Iterator[dict[str, Any]]:
    """Give, for each JSON line of `lines`, the resolution's JSON object, or one with an `error` naming the line.

    A line is an object with a `text` string and optionally an `anchor` ("YYYY-MM-DD"; else `default_anchor`). It
    may carry `tense` ("past", "future", "either"), or the words before its phrase as `context` (or `left`, as the
    gold corpora name it), from which the tense is read unless `explicit`; otherwise the phrase reads in `tense`.
    """
    from .resolve import resolve_phrase

    for number, line in enumerate(lines, 1):
        item: dict[str, Any] = {}
        result: dict[str, Any]
        try:
            item, anchor_text = read_line(line)
            anchor = Day.parse(anchor_text) if anchor_text else default_anchor
            line_tense = item.get("tense") or tense_of(tense, item.get("context", item.get("left")), item["text"],
                                                       explicit=explicit)
            if line_tense not in TENSES:
                raise ValueError(f"tense must be one of {', '.join(TENSES)}, not {line_tense!r}")
            result = resolve_phrase(item["text"], anchor, tense=line_tense).as_json()
            result["anchor"] = anchor.iso() if anchor else None
        except (ValueError, PhraseError) as exc:  # json, anchor and phrase errors alike
            message = exc.message if isinstance(exc, PhraseError) else str(exc)
            result = {"text": item.get("text") if isinstance(item, dict) else None,
                      "anchor": item.get("anchor") if isinstance(item, dict) else None,
                      "error": f"line {number}: {message}"}
        yield result
