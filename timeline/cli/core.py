"""validate, resolve, query, explain."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..console import parse_range as parse_range  # build's and export's --from/--to
from ..errors import UsageError
from ..render.registry import ROWS

if TYPE_CHECKING:
    from ..model import Tense
from . import (ACTOR_OPTION, ANCHOR_OPTION, AS_OF_OPTION, FILE_OPTION, FROM_OPTION, SOURCE_OPTION, TAG_OPTION,
               TO_OPTION, WITHIN_OPTION, HOW, app, as_of, complete, limits, out)


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
    from ..console import resolve_anchor, resolve_jsonl

    chosen: Tense = tense.value if tense else "past"
    if jsonl:
        raise typer.Exit(resolve_jsonl(anchor, tense.value if tense else None, zone))
    from ..dates.batch import tense_of
    from ..dates.times import resolve_when
    from ..render.explain import phrase_text
    from ..safety import visible

    day, now, zone_choice = resolve_anchor(anchor, zone)
    if phrase is None:
        raise UsageError("give a PHRASE to resolve, or --jsonl to read JSON lines on stdin")
    reading = tense_of(chosen, context, phrase, explicit=tense is not None)
    resolved = resolve_when(phrase, day, tense=reading, zone=zone_choice, now=now)
    out(json.dumps(resolved.as_json(), ensure_ascii=False) + "\n" if as_json else visible(phrase_text(resolved)))


Format = StrEnum("Format", {name: name for name in ROWS})  # type: ignore[misc]  # the registry's row formats


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
    from ..console import query as run

    run(file, start, end, within, tag, actor, source, fmt.value, anchor, known, tz)


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
