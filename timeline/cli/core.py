"""validate, resolve, query, explain."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import PhraseError, UsageError
from ..render.registry import ROWS

if TYPE_CHECKING:
    from ..model import Tense
from . import (ACTOR_OPTION, ANCHOR_OPTION, FILE_OPTION, FROM_OPTION, SOURCE_OPTION, TAG_OPTION, TO_OPTION,
               WITHIN_OPTION, app, limits, out, today)


@app.command()
def validate(file: Path = FILE_OPTION) -> None:
    """Check the log: one summary line, or one `FILE:LINE:COL: problem` line each and exit 1."""
    from ..log.load import load

    log = load(file, limits=limits())
    dated = sum(1 for r in log.records if len(r.dates) > 1)
    out(f"{file}: ok: {len(log.records)} events, {len(log.sources)} sources, "
        f"{dated} with several claims, all dates resolved\n")


def _anchor(text: str | None):  # type: ignore[no-untyped-def]
    from ..calendar import Day

    if text is None:
        return today()
    try:
        return Day.parse(text)
    except ValueError as exc:
        raise UsageError(f"--anchor {exc}; write it as YYYY-MM-DD") from None


class ReadingTense(StrEnum):
    past = "past"
    future = "future"
    either = "either"


@app.command()
def resolve(
    phrase: str | None = typer.Argument(None, help="A date phrase: 'Tuesday', 'last July', '2023-11-17'."),
    anchor: str | None = typer.Option(None, help="The day the phrase was written (YYYY-MM-DD); default today."),
    tense: ReadingTense | None = typer.Option(None, help="past (the default: news reports what happened), future "
                                                     "(planned: 'Tuesday' looks forward), or either (the nearest "
                                                     "reading, when the tense is unknown)."),
    context: str | None = typer.Option(None, help="The words before the phrase ('will meet'): the tense is "
                                                     "read from them unless --tense is given."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    jsonl: bool = typer.Option(False, "--jsonl",
                               help='Read JSON lines {"text": ..., "anchor": "YYYY-MM-DD"} on stdin; '
                                    "write one JSON line each."),
) -> None:
    """Resolve a date phrase against an anchor date and show how."""
    from ..dates.resolve import resolve_phrase
    from ..render.explain import phrase_text
    from ..safety import visible

    chosen: Tense = tense.value if tense else "past"

    if jsonl:
        # a line without its own anchor falls back like a single phrase does: --anchor, else today
        failed = _resolve_lines(sys.stdin, _anchor(anchor), chosen, explicit=tense is not None)
        raise typer.Exit(1 if failed else 0)
    if phrase is None:
        raise UsageError("give a PHRASE to resolve, or --jsonl to read JSON lines on stdin")
    resolved = resolve_phrase(phrase, _anchor(anchor), tense=_tense_of(chosen, context, phrase, tense is not None))
    out(json.dumps(resolved.as_json(), ensure_ascii=False) + "\n" if as_json else visible(phrase_text(resolved)))


def _tense_of(default: Tense, context: object, phrase: str, explicit: bool) -> Tense:
    """Give the tense to read a phrase in: an explicit one, else the one its context suggests, else the default."""
    from ..dates.resolve import infer_tense

    if explicit or not isinstance(context, str) or not context.strip():
        return default
    return infer_tense(context, phrase)


def _resolve_lines(lines, default_anchor, tense: Tense, *, explicit: bool = False) -> int:  # type: ignore[no-untyped-def]
    """Resolve JSON lines from `lines`, writing one JSON line each; give how many failed.

    A line may carry `tense` ("past", "future", "either"), or the words before its phrase as `context` (or
    `left`, as the gold corpora name it), from which the tense is read; otherwise the phrase reads as past.
    """
    from ..dates.resolve import TENSES
    from ..calendar import Day
    from ..dates.resolve import resolve_phrase

    failed = 0
    write = sys.stdout.write
    for number, line in enumerate(lines, 1):
        item: dict[str, Any] = {}
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('each line must be an object with a "text" string')
            anchor_text = item.get("anchor")
            if anchor_text is not None and not isinstance(anchor_text, str):
                raise ValueError('"anchor" must be a date written as "YYYY-MM-DD"')
            anchor = Day.parse(anchor_text) if anchor_text else default_anchor
            line_tense = item.get("tense") or _tense_of(tense, item.get("context", item.get("left")), item["text"],
                                                        explicit)
            if line_tense not in TENSES:
                raise ValueError(f"tense must be one of {', '.join(TENSES)}, not {line_tense!r}")
            result = resolve_phrase(item["text"], anchor, tense=line_tense).as_json()
            result["anchor"] = anchor.iso() if anchor else None
        except (ValueError, PhraseError) as exc:  # json, anchor and phrase errors alike
            failed += 1
            message = exc.message if isinstance(exc, PhraseError) else str(exc)
            result = {"text": item.get("text") if isinstance(item, dict) else None,
                      "anchor": item.get("anchor") if isinstance(item, dict) else None,
                      "error": f"line {number}: {message}"}
        write(json.dumps(result, ensure_ascii=False) + "\n")
    return failed


Format = StrEnum("Format", {name: name for name in ROWS})  # type: ignore[misc]  # the registry's row formats


def parse_range(start: str | None, end: str | None, anchor: str | None):  # type: ignore[no-untyped-def]
    """Give (first day, last day) of a --from/--to pair; phrases resolve against the anchor (default today)."""
    from ..calendar import Day

    base = None
    bounds: list[Day | None] = []
    for option, text, side in (("--from", start, "start"), ("--to", end, "end")):
        if text is None:
            bounds.append(None)
            continue
        try:  # a plain date needs no resolver (and no import of it: queries start fast)
            bounds.append(Day.parse(text))
            continue
        except ValueError:
            pass
        from ..dates.resolve import resolve_phrase

        if base is None:
            base = _anchor(anchor)
        try:
            resolved = resolve_phrase(text, base)
        except PhraseError as exc:
            raise UsageError(f"{option}: {exc.message}") from None
        bounds.append(getattr(resolved, side))
    lo, hi = bounds
    if lo is not None and hi is not None and hi < lo:
        raise UsageError(f"--to ({hi.iso()}) is before --from ({lo.iso()}); swap them")
    return lo, hi


def cache_dir() -> Path | None:
    """Give the cache folder, or None when TIMELINE_NO_CACHE is set."""
    from ..cache import default_dir

    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    return default_dir(os.environ)


@app.command()
def query(
    file: Path = FILE_OPTION,
    start: str | None = FROM_OPTION,
    end: str | None = TO_OPTION,
    within: bool = WITHIN_OPTION,
    tag: list[str] = TAG_OPTION,
    actor: list[str] = ACTOR_OPTION,
    source: list[str] = SOURCE_OPTION,
    fmt: Format = typer.Option(Format("table"), "--format", help="Output format."),
    anchor: str | None = ANCHOR_OPTION,
) -> None:
    """List events in a date range, sorted by start, end and id."""
    from ..cache import query_rows
    from ..render.registry import writer_of

    lo, hi = parse_range(start, end, anchor)
    rows = query_rows(file, cache_dir=cache_dir(), start=lo, end=hi, within=within, tags=tag, actors=actor,
                      sources=source, limits=limits())
    out(writer_of(ROWS[fmt.value])(rows))


@app.command()
def explain(event_id: str = typer.Argument(..., metavar="ID", help="The event's id."),
            file: Path = FILE_OPTION,
            as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show how each date of an event was found: phrase, anchor, rule, claims, result."""
    from ..render.explain import explain_record
    from ..log.load import load
    from ..safety import visible

    log = load(file, limits=limits())
    record = log.record(event_id)
    text, data = explain_record(record, log)
    out(json.dumps(data, ensure_ascii=False, indent=2) + "\n" if as_json else visible(text))
