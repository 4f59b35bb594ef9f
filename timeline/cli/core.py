"""validate, resolve, query, explain."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import PhraseError, UsageError
from ..render.registry import ROWS

if TYPE_CHECKING:
    from ..calendar import Day
    from ..model import Tense
from . import (ACTOR_OPTION, ANCHOR_OPTION, AS_OF_OPTION, FILE_OPTION, FROM_OPTION, SOURCE_OPTION, TAG_OPTION,
               TO_OPTION, WITHIN_OPTION, HOW, app, as_of, complete, limits, out, today, warn)


@app.command()
def validate(file: Path = FILE_OPTION,
             strict: bool = typer.Option(False, "--strict", help="Make warnings (claims of one event that cannot "
                                                                 "all be true) errors: exit 1.")) -> None:
    """Check the log: a `FILE:LINE:COL: warning: ...` line per dispute and one summary line (exit 0), or one
    `FILE:LINE:COL: problem` line each and exit 1."""
    from ..log.load import load

    log = load(file, limits=limits(), strict=strict)
    for warning in log.warnings:
        where, _, message = warning.located(HOW).partition(": ")
        out(f"{where}: warning: {message}\n")
    dated = sum(1 for r in log.records if len(r.dates) > 1)
    disputed = sum(1 for r in log.records if r.disputed)
    disputes = f", {disputed} disputed ({len(log.warnings)} warning{'s' if len(log.warnings) != 1 else ''})" \
        if disputed else ""
    out(f"{file}: ok: {len(log.records)} events, {len(log.sources)} sources, "
        f"{dated} with several claims{disputes}, all dates resolved\n")


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
    zone: str | None = typer.Option(None, "--zone", help="The zone times without their own are in (IANA name, "
                                                         "abbreviation or offset); default the anchor's offset."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    jsonl: bool = typer.Option(False, "--jsonl",
                               help='Read JSON lines {"text": ..., "anchor": "YYYY-MM-DD"} on stdin; '
                                    "write one JSON line each."),
) -> None:
    """Resolve a date phrase against an anchor date and show how."""
    from ..dates.batch import anchor_reading, bounded_lines, resolve_lines, tense_of
    from ..dates.times import resolve_when
    from ..render.explain import phrase_text
    from ..safety import visible

    chosen: Tense = tense.value if tense else "past"
    try:
        day, now, zone_choice = anchor_reading(anchor, zone, None if anchor else today())
    except ValueError as exc:
        raise UsageError(f"--anchor {exc}; write it as YYYY-MM-DD or a timestamp like 2024-05-17T09:12:00-04:00") \
            from None
    except PhraseError as exc:
        raise UsageError(f"--zone/--anchor: {exc.message}") from None

    if jsonl:
        # a line without its own anchor falls back like a single phrase does: --anchor, else today
        failed = 0
        lines = bounded_lines(sys.stdin.buffer, limits().max_bytes)  # an endless line or stream is refused
        for result in resolve_lines(lines, day, chosen, explicit=tense is not None, default_zone=zone,
                                    default_now=now):
            failed += "error" in result
            out(json.dumps(result, ensure_ascii=False) + "\n")
        raise typer.Exit(1 if failed else 0)
    if phrase is None:
        raise UsageError("give a PHRASE to resolve, or --jsonl to read JSON lines on stdin")
    reading = tense_of(chosen, context, phrase, explicit=tense is not None)
    resolved = resolve_when(phrase, day, tense=reading, zone=zone_choice, now=now)
    out(json.dumps(resolved.as_json(), ensure_ascii=False) + "\n" if as_json else visible(phrase_text(resolved)))


Format = StrEnum("Format", {name: name for name in ROWS})  # type: ignore[misc]  # the registry's row formats


def parse_range(start: str | None, end: str | None, anchor: str | None) -> tuple[Day | None, Day | None]:
    """Give (first day, last day) of a --from/--to pair; phrases resolve against the anchor (default today)."""
    from ..dates.ranges import parse_range as dates_range

    return dates_range(start, end, lambda: _anchor(anchor), names=("--from", "--to"))


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
    known: str | None = AS_OF_OPTION,
    tz: str | None = typer.Option(None, "--tz", help="Show times in this zone (IANA name, abbreviation or "
                                                      "offset)."),
) -> None:
    """List events in a date range, sorted by start, end and id; an empty answer says why."""
    from ..cache import query_facts, query_rows
    from ..render.registry import writer_of
    from ..render.timed import after_instant, before_instant, in_zone, instant_of

    start_text, start_at = instant_of(start, "--from")
    end_text, end_at = instant_of(end, "--to")
    lo, hi = parse_range(start_text, end_text, anchor)
    folder = cache_dir()
    moment = as_of(known)
    filters = {"tags": ("--tag", tag), "actors": ("--actor", actor), "sources": ("--source", source)}
    facts = query_facts(file, cache_dir=folder, limits=limits(), as_of=moment) if tag or actor or source else None
    if facts is not None:
        for name, (option, given) in filters.items():
            _known(file, option, given, facts[name])
    rows = query_rows(file, cache_dir=folder, start=lo, end=hi, within=within, tags=tag, actors=actor,
                      sources=source, limits=limits(), as_of=moment, warn=warn)
    if start_at is not None:
        rows = [row for row in rows if after_instant(row, start_at, within)]
    if end_at is not None:
        rows = [row for row in rows if before_instant(row, end_at, within)]
    if tz is not None:
        rows = in_zone(rows, tz)
    if fmt.value == "table":
        from ..render.formats import to_table

        text = to_table(rows, total=_terminal_width()) if rows else ""
    else:
        text = writer_of(ROWS[fmt.value])(rows)
    if not rows:
        facts = facts or query_facts(file, cache_dir=folder, limits=limits(), as_of=moment)
        sides = [(t, a) for t, a in ((start_text, "--from"), (end_text, "--to")) if t is not None]
        why = _why_empty(lo, hi, within, filters, facts, sides, anchor)
        if fmt.value == "table":
            text = why + "\n"
        else:
            warn(f"{file}: {why}")
    out(text)


def _terminal_width() -> int | None:
    """Give the width of the terminal the table goes to (COLUMNS when set), or None when it goes elsewhere."""
    import shutil

    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _known(file: Path, option: str, given: list[str], known: set[str]) -> None:
    """Refuse a filter value the log never uses, with the nearest one and the known ones."""
    import difflib

    for value in given:
        if value.casefold() in known:
            continue
        close = difflib.get_close_matches(value.casefold(), sorted(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        shown = sorted(known)
        listed = ", ".join(shown[:20]) + (f" and {len(shown) - 20} more" if len(shown) > 20 else "")
        what = option.removeprefix("--")
        raise UsageError(f"{option} '{value}': no event has this {what}{hint}; known: {listed or 'none'}",
                         path=str(file))


def _day_words(day: Day) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _why_empty(lo: Day | None, hi: Day | None, within: bool, filters: dict[str, tuple[str, list[str]]],
               facts: dict[str, object], given: list[tuple[str, str]], anchor: str | None) -> str:
    """Give one line saying why a query found nothing: the range asked, the log's own range, the anchor used."""
    first, last = facts["first"], facts["last"]
    if first is None and last is None:
        return "no events: the log has none with a known date yet"
    if lo is not None and hi is not None:
        same_year = lo.year == hi.year
        asked = (f"between {lo.day} {_MONTHS[lo.month - 1]}{'' if same_year else ' ' + str(lo.year)} and "
                 f"{_day_words(hi)}")
    elif lo is not None:
        asked = f"from {_day_words(lo)} on"
    elif hi is not None:
        asked = f"up to {_day_words(hi)}"
    else:
        asked = ""
    chosen = [f"{option} {', '.join(values)}" for option, values in filters.values() if values]
    what = "no events" + (f" with {' and '.join(chosen)}" if chosen else "")
    what += f" {'certainly ' if within else ''}{asked}" if asked else ""
    runs = (f"the log runs from {_day_words(first)} to {_day_words(last)}"  # type: ignore[arg-type]
            if first is not None and last is not None else "")
    line = f"{what}; {runs}" if runs else what
    if anchor is None:
        from ..calendar import Day
        from ..dates.resolve import resolve_phrase

        base = today()
        for text, option in given:
            try:
                Day.parse(text)
                continue
            except ValueError:
                pass
            if resolve_phrase(text, base).anchor is not None:
                line += (f" ({option} '{text}' was read against today, {_day_words(base)}; give --anchor YYYY-MM-DD "
                         "to read it against another day)")
    return line


@app.command()
def explain(event_id: str = typer.Argument(..., metavar="ID", help="The event's id.",
                                           autocompletion=complete.event_ids),
            file: Path = FILE_OPTION,
            as_json: bool = typer.Option(False, "--json", help="Print JSON."),
            known: str | None = AS_OF_OPTION) -> None:
    """Show how each date of an event was found: phrase, anchor, rule, claims, result."""
    from ..render.explain import explain_record
    from ..log.load import load
    from ..safety import visible

    log = load(file, limits=limits(), as_of=as_of(known))
    if log.as_of is not None and event_id in {e.id for e in log.events} and event_id not in \
            {r.id for r in log.records}:
        from ..errors import LogError

        raise LogError(f"event '{event_id}' was not known as of {log.as_of.iso()}: none of its sources had been "
                       "published", path=str(file))
    record = log.record(event_id)
    text, data = explain_record(record, log)
    out(json.dumps(data, ensure_ascii=False, indent=2) + "\n" if as_json else visible(text))


class ChangesFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def changes(
    first: str = typer.Argument(..., metavar="D1", help="The earlier moment: a day, a timestamp, or 'now'."),
    second: str = typer.Argument(..., metavar="D2", help="The later moment."),
    file: Path = FILE_OPTION,
    fmt: ChangesFormat = typer.Option(ChangesFormat.table, "--format", help="table (to read) or json."),
) -> None:
    """List what changed between the log as known on D1 and on D2, event by event, and which sources changed it:
    added, narrowed, moved, widened, disputed, resolved (and removed, when D2 is before D1)."""
    from ..calendar import bounds_text
    from ..log.changes import changes_between
    from ..render.formats import to_table

    _, _, found = changes_between(file, as_of(first, "D1") or first, as_of(second, "D2") or second, limits=limits())
    if fmt is ChangesFormat.json:
        out(json.dumps([c.as_json() for c in found], ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        out(f"{file}: nothing changed between {first} and {second}\n")
        return

    def bounds(record: object) -> str:
        if record is None:
            return "-"
        return bounds_text(record.start, record.end)  # type: ignore[attr-defined]

    rows = [{"id": c.id, "change": c.change, "before": bounds(c.before), "after": bounds(c.after),
             "sources": ", ".join(c.sources) or "(no source)", "title": c.title} for c in found]
    out(to_table(rows, ("id", "change", "before", "after", "sources", "title")))
