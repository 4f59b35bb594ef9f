"""init, describe, add, edit, remove, claim add, source add/edit/remove, schema: edit events.yaml from the command
line, keeping what people wrote."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import UsageError
from . import FILE_OPTION, app, complete, limits, out

if TYPE_CHECKING:
    from ..model import Log

#: Keys `edit --clear` may remove; id, title and when are what makes an event, so they can only be replaced.
from ..log.schema import CLEARABLE

source_app = typer.Typer(help="Add, change and remove sources (articles, posts) whose dates anchor the "
                              "events' phrases.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(source_app, name="source")
claim_app = typer.Typer(help="Add more sourced dates to an event.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(claim_app, name="claim")


def _dates(log: Log | None, file: Path, event_id: str) -> str:
    """Give how an event's own dates resolved: phrase, anchor, rule, result (one block per phrase).

    `log` is the log the edit built when it checked the new text (None when the edit changed nothing).
    """
    from ..log.load import load
    from ..render.explain import own_dates_text

    log = log or load(file, limits=limits())
    return own_dates_text(log.record(event_id), log)


class EventTense(StrEnum):
    past = "past"
    future = "future"


class Order(StrEnum):
    DMY = "DMY"
    MDY = "MDY"


def _value(option: StrEnum | None) -> str | None:
    return option.value if option is not None else None


@app.command()
def add(
    title: str = typer.Option(..., "--title", help="What happened, one line."),
    when: str = typer.Option(..., "--when", help="The source's words for the date ('Tuesday', 'last July') "
                                                 "or a date."),
    until: str | None = typer.Option(None, "--until", help="End of a span, same forms as --when."),
    source: str | None = typer.Option(None, "--source", help="Id of the source whose date anchors --when.",
                                      autocompletion=complete.source_ids),
    quote: str | None = typer.Option(None, "--quote", help="The source's sentence that carries the date."),
    tag: list[str] = typer.Option([], "--tag", metavar="TAG", help="A label (repeatable).",
                                  autocompletion=complete.tags),
    actor: list[str] = typer.Option([], "--actor", metavar="ACTOR",
                                    help="A person or organisation involved (repeatable).",
                                    autocompletion=complete.actors),
    event_id: str | None = typer.Option(None, "--id", help="The event's id; default: a slug of the title."),
    notes: str | None = typer.Option(None, "--notes", help="Free text."),
    url: str | None = typer.Option(None, "--url", help="A link for this event, when it is not the source's."),
    anchor: str | None = typer.Option(None, "--anchor", help="Anchor date (YYYY-MM-DD) instead of the "
                                                                "source's."),
    tense: EventTense | None = typer.Option(None, "--tense", help="past (the default) or future: 'Tuesday' "
                                                                  "looks forward."),
    planned: bool = typer.Option(False, "--planned", help="Announced ahead: 'Tuesday' looks forward."),
    relative_to: str | None = typer.Option(None, "--relative-to", metavar="EVENT-ID",
                                           help="Read --when/--until against this event's dates "
                                                "('two days later'), not the source's."),
    lasting: str | None = typer.Option(None, "--for", metavar="DURATION",
                                       help="How long it lasted, the source's words ('three weeks'): with --when, "
                                            "gives the end."),
    create: bool = typer.Option(False, "--create", help="Start a new log when the file does not exist."),
    file: Path = FILE_OPTION,
) -> None:
    """Append an event; print its id and how its date resolved."""
    from ..edit.splice import append_events

    fields: dict[str, Any] = dict(id=event_id, title=title, when=when, until=until, source=source, anchor=anchor,
                                  tense=_value(tense), planned=True if planned else None, quote=quote,
                                  tags=tag or None, actors=actor or None, notes=notes, url=url)
    if lasting is not None:
        fields["for"] = lasting
    if relative_to is not None:
        fields["relative_to"] = relative_to
    saved = append_events(file, [fields], create=create, limits=limits())
    from ..safety import visible

    new_id = saved.ids[0]
    out(visible(f"added {new_id}\n" + _dates(saved.log, file, new_id)))  # the phrase as typed, its controls shown


def _clears(clear: list[str], changes: dict[str, Any], known: tuple[str, ...], what: str) -> dict[str, Any]:
    """Give `changes` with each `--clear FIELD` set to None; UsageError for a field that cannot be cleared."""
    for name in clear:
        if name not in known:
            raise UsageError(f"--clear {name}: only these fields can be cleared: {', '.join(known)} ({what})")
        if name in changes:
            raise UsageError(f"--clear {name} and --{name.rstrip('s').replace('_', '-')} both given; "
                             "give one of them")
        changes[name] = None
    return changes


@app.command()
def edit(
    event_id: str = typer.Argument(..., metavar="ID", help="The event's id.", autocompletion=complete.event_ids),
    title: str | None = typer.Option(None, "--title", help="New title."),
    when: str | None = typer.Option(None, "--when", help="New date phrase or date."),
    until: str | None = typer.Option(None, "--until", help="New end of the span."),
    source: str | None = typer.Option(None, "--source", help="New source id.", autocompletion=complete.source_ids),
    quote: str | None = typer.Option(None, "--quote", help="New quote."),
    tag: list[str] = typer.Option([], "--tag", metavar="TAG",
                                  help="Tags (repeatable; the given ones replace all tags).",
                                  autocompletion=complete.tags),
    actor: list[str] = typer.Option([], "--actor", metavar="ACTOR", help="Actors (repeatable; replace all actors).",
                                    autocompletion=complete.actors),
    notes: str | None = typer.Option(None, "--notes", help="New notes."),
    url: str | None = typer.Option(None, "--url", help="New link for this event."),
    anchor: str | None = typer.Option(None, "--anchor", help="New anchor date (YYYY-MM-DD)."),
    tense: EventTense | None = typer.Option(None, "--tense", help="past or future."),
    planned: bool | None = typer.Option(None, "--planned/--not-planned", help="Announced ahead, or not.",
                                        show_default=False),
    relative_to: str | None = typer.Option(None, "--relative-to", metavar="EVENT-ID",
                                           help="Read the phrases against this event's dates instead."),
    lasting: str | None = typer.Option(None, "--for", metavar="DURATION", help="New duration ('three weeks')."),
    new_id: str | None = typer.Option(None, "--id", help="Rename the event."),
    clear: list[str] = typer.Option([], "--clear", metavar="FIELD",
                                    help=f"Remove a field (repeatable): {', '.join(CLEARABLE)}."),
    file: Path = FILE_OPTION,
) -> None:
    """Change an event: what is given replaces what was there; only that event's lines change."""
    from ..edit.splice import edit_event

    given: dict[str, Any] = {"id": new_id, "title": title, "when": when, "until": until, "source": source,
                             "anchor": anchor, "tense": _value(tense), "planned": planned, "quote": quote,
                             "tags": tag or None, "actors": actor or None, "notes": notes, "url": url,
                             "relative_to": relative_to, "for": lasting}
    changes = _clears(clear, {k: v for k, v in given.items() if v is not None}, CLEARABLE,
                      "id, title and when can be replaced, not removed")
    if not changes:
        raise UsageError("nothing to change: give a field such as --title, or --clear FIELD")
    saved = edit_event(file, event_id, limits=limits(), **changes)
    from ..safety import visible

    final = new_id or event_id
    if saved.log is None:  # every field was already as given: the file is untouched, and says so
        out(visible(f"{final}: nothing changed ({', '.join(changes)} already as given); {file} is unchanged\n"))
        return
    text = f"edited {final}: {', '.join(changes)}\n"
    if {"when", "until", "source", "anchor", "tense", "planned", "relative_to", "for"} & changes.keys():
        text += _dates(saved.log, file, final)
    out(visible(text))


@app.command()
def remove(event_id: str = typer.Argument(..., metavar="ID", help="The event's id.",
                                          autocompletion=complete.event_ids),
           file: Path = FILE_OPTION) -> None:
    """Remove an event's lines; comments (a section's heading, say) stay, nothing else changes."""
    from ..edit.splice import remove_event

    remove_event(file, event_id, limits=limits())
    out(f"removed {event_id}\n")


@claim_app.command("add")
def claim_add(
    event_id: str = typer.Argument(..., metavar="ID", help="The event's id.", autocompletion=complete.event_ids),
    when: str = typer.Option(..., "--when", help="The date this source gives, in its words or as a date."),
    until: str | None = typer.Option(None, "--until", help="End of a span."),
    source: str | None = typer.Option(None, "--source", help="Id of the source making this claim (default: the "
                                                             "event's).", autocompletion=complete.source_ids),
    anchor: str | None = typer.Option(None, "--anchor", help="Anchor date (YYYY-MM-DD) instead of the source's."),
    tense: EventTense | None = typer.Option(None, "--tense", help="past (the default) or future."),
    planned: bool = typer.Option(False, "--planned", help="Announced ahead."),
    quote: str | None = typer.Option(None, "--quote", help="The source's words."),
    notes: str | None = typer.Option(None, "--notes", help="Free text."),
    relative_to: str | None = typer.Option(None, "--relative-to", metavar="EVENT-ID",
                                           help="Read --when/--until against this event's dates "
                                                "('two days later'), not the source's.",
                                           autocompletion=complete.event_ids),
    lasting: str | None = typer.Option(None, "--for", metavar="DURATION",
                                       help="How long it lasted, the source's words ('three weeks'): with --when, "
                                            "gives the end."),
    file: Path = FILE_OPTION,
) -> None:
    """Add another sourced date to an event; its claims are reconciled (all must be able to hold at once)."""
    from ..edit.splice import add_claim

    extra = {k: v for k, v in (("relative_to", relative_to), ("for", lasting)) if v is not None}
    saved = add_claim(file, event_id, limits=limits(), when=when, until=until, source=source, anchor=anchor,
                      tense=_value(tense), planned=True if planned else None, quote=quote, notes=notes, **extra)
    out(f"added a claim to {event_id}\n" + _dates(saved.log, file, event_id))


_SOURCE_CLEARABLE = ("publisher", "url", "published", "notes", "date_order", "title")


@source_app.command("add")
def source_add(
    source_id: str = typer.Argument(..., metavar="ID", help="The source's id, e.g. 'verge-leike'."),
    title: str | None = typer.Option(None, "--title", help="Headline of the article or document."),
    publisher: str | None = typer.Option(None, "--publisher", help="Who published it."),
    url: str | None = typer.Option(None, "--url", help="Link to it (http, https or mailto)."),
    published: str | None = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD: the anchor of "
                                                                   "its phrases."),
    notes: str | None = typer.Option(None, "--notes", help="Free text."),
    date_order: Order | None = typer.Option(None, "--date-order", help="How its slashed dates read: DMY "
                                                                       "(14/05/2024) or MDY (05/14/2024)."),
    create: bool = typer.Option(False, "--create", help="Start a new log when the file does not exist."),
    file: Path = FILE_OPTION,
) -> None:
    """Add a source; events name it with --source ID. Every field is optional, as in the file."""
    from ..edit.splice import add_source

    if title is publisher is url is published is notes is None:
        raise UsageError("give the source at least one field: --published (the anchor of its phrases), --title, "
                         "--publisher, --url or --notes")
    add_source(file, source_id, create=create, limits=limits(), title=title, publisher=publisher, url=url,
               published=published, notes=notes, date_order=_value(date_order))
    out(f"added source {source_id}\n")


@source_app.command("edit")
def source_edit(
    source_id: str = typer.Argument(..., metavar="ID", help="The source's id.", autocompletion=complete.source_ids),
    title: str | None = typer.Option(None, "--title", help="New headline."),
    publisher: str | None = typer.Option(None, "--publisher", help="New publisher."),
    url: str | None = typer.Option(None, "--url", help="New link."),
    published: str | None = typer.Option(None, "--published", help="New publication date, YYYY-MM-DD (every "
                                                                   "relative phrase of the source moves with it)."),
    notes: str | None = typer.Option(None, "--notes", help="New notes."),
    date_order: Order | None = typer.Option(None, "--date-order", help="DMY or MDY."),
    clear: list[str] = typer.Option([], "--clear", metavar="FIELD",
                                    help=f"Remove a field (repeatable): {', '.join(_SOURCE_CLEARABLE)}."),
    file: Path = FILE_OPTION,
) -> None:
    """Change a source: what is given replaces what was there; only that source's lines change."""
    from ..edit.splice import edit_source

    given = {"title": title, "publisher": publisher, "url": url, "published": published, "notes": notes,
             "date_order": _value(date_order)}
    changes = _clears(clear, {k: v for k, v in given.items() if v is not None}, _SOURCE_CLEARABLE,
                      "a source's id is its key")
    if not changes:
        raise UsageError("nothing to change: give a field such as --published, or --clear FIELD")
    edit_source(file, source_id, limits=limits(), **changes)
    out(f"edited source {source_id}: {', '.join(changes)}\n")


@source_app.command("remove")
def source_remove(source_id: str = typer.Argument(..., metavar="ID", help="The source's id.",
                                                  autocompletion=complete.source_ids),
                  file: Path = FILE_OPTION) -> None:
    """Remove a source that no event names; nothing else changes."""
    from ..edit.splice import remove_source

    remove_source(file, source_id, limits=limits())
    out(f"removed source {source_id}\n")


@app.command()
def describe(
    title: str | None = typer.Option(None, "--title", help="The chronology's title (page and report headings)."),
    description: str | None = typer.Option(None, "--description", help="A sentence or two under the title."),
    date_order: Order | None = typer.Option(None, "--date-order", help="How slashed dates read: DMY or MDY."),
    clear: list[str] = typer.Option([], "--clear", metavar="FIELD",
                                    help="Remove a field (repeatable): description, date_order."),
    file: Path = FILE_OPTION,
) -> None:
    """Set the log's own title, description or date order; only those lines change."""
    from ..edit.splice import edit_log

    given = {"title": title, "description": description, "date_order": _value(date_order)}
    changes = _clears(clear, {k: v for k, v in given.items() if v is not None}, ("description", "date_order"),
                      "the title can be replaced, not removed")
    if not changes:
        raise UsageError("nothing to change: give --title, --description or --date-order")
    edit_log(file, limits=limits(), **changes)
    out(f"{file}: set {', '.join(changes)}\n")


@app.command()
def init(
    title: str | None = typer.Option(None, "--title", help="The chronology's title (default: from the folder's "
                                                           "name)."),
    description: str | None = typer.Option(None, "--description", help="A sentence or two under the title."),
    date_order: Order | None = typer.Option(None, "--date-order", help="How slashed dates read: DMY or MDY."),
    file: Path = FILE_OPTION,
) -> None:
    """Start a new log: a title, a commented example source and event, and the schema line for editors."""
    from .. import storage
    from ..edit.emit import render_scalar
    from ..edit.splice import new_log_text
    from ..log.load import loads
    from ..log.schema import json_schema

    if file.exists() or file.is_symlink():
        raise UsageError(f"{file} already exists; name a new file with -f FILE (or edit this one: "
                         "`timeline describe --title ...`)")
    folder = file.resolve().parent
    name = title or folder.name.replace("-", " ").replace("_", " ").strip().capitalize() or "A timeline"
    schema_file = file.with_name("events.schema.json" if file.name != "events.schema.json" else "schema.json")
    render_scalar(name, where="--title")  # refuses control characters before anything is written
    text = new_log_text(name, description=description, date_order=_value(date_order), schema_file=schema_file.name)
    loads(text, path=str(file))  # the new log is a valid one
    written = [file]
    storage.write_atomically(file, text.encode("utf-8"), expected=storage.read_snapshot(file))
    schema_text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if storage.replace(schema_file, (schema_text,)):
        written.append(schema_file)
    out(f"wrote {' and '.join(str(p) for p in written)}: title {name!r}; add a source with `timeline source add`, "
        "then events with `timeline add`\n")


@app.command()
def schema(output: Path | None = typer.Option(None, "--output", "-o",
                                                 help="Write the schema to this file instead of printing it "
                                                      "(`-` for standard output)."),
           file: Path = typer.Option(Path("events.yaml"), "--file", "-f",
                                     help="The events log, which the schema is never written over.")) -> None:
    """Print the JSON Schema of events.yaml, for editors (`# yaml-language-server: $schema=FILE`)."""
    from ..log.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None or str(output) == "-":
        out(text)
        return
    from .. import storage

    if storage.same_file(output, file):
        raise UsageError(f"-o {output} is the log itself (or a link to it); name another file, such as "
                         "events.schema.json")
    storage.replace(output, (text,), through=True, guard=(file,))
    out(f"wrote {output}; put `# yaml-language-server: $schema={output.name}` on the first line of the log "
        "(path relative to it)\n")
