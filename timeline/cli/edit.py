"""add, edit, remove, source add, schema: edit events.yaml from the command line, keeping what people wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import UsageError
from . import FILE_OPTION, app, limits, out

if TYPE_CHECKING:
    from ..model import Log

#: Keys `edit --clear` may remove; id, title and when are what makes an event, so they can only be replaced.
from ..log.schema import CLEARABLE

source_app = typer.Typer(help="Add sources (articles, posts) whose dates anchor the events' phrases.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(source_app, name="source")


def _dates(log: Log | None, file: Path, event_id: str) -> str:
    """Give how an event's own dates resolved: phrase, anchor, rule, result (one block per phrase).

    `log` is the log the edit built when it checked the new text (None when the edit changed nothing).
    """
    from ..log.load import load
    from ..render.explain import own_dates_text

    log = log or load(file, limits=limits())
    return own_dates_text(log.record(event_id), log)


@app.command()
def add(
    title: str = typer.Option(..., "--title", help="What happened, one line."),
    when: str = typer.Option(..., "--when", help="The source's words for the date ('Tuesday', 'last July') "
                                                 "or a date."),
    until: str | None = typer.Option(None, "--until", help="End of a span, same forms as --when."),
    source: str | None = typer.Option(None, "--source", help="Id of the source whose date anchors --when."),
    quote: str | None = typer.Option(None, "--quote", help="The source's sentence that carries the date."),
    tag: list[str] = typer.Option([], "--tag", metavar="TAG", help="A label (repeatable)."),
    actor: list[str] = typer.Option([], "--actor", metavar="ACTOR",
                                    help="A person or organisation involved (repeatable)."),
    event_id: str | None = typer.Option(None, "--id", help="The event's id; default: a slug of the title."),
    notes: str | None = typer.Option(None, "--notes", help="Free text."),
    anchor: str | None = typer.Option(None, "--anchor", help="Anchor date (YYYY-MM-DD) instead of the "
                                                                "source's."),
    planned: bool = typer.Option(False, "--planned", help="Announced ahead: 'Tuesday' looks forward."),
    create: bool = typer.Option(False, "--create", help="Start a new log when the file does not exist."),
    file: Path = FILE_OPTION,
) -> None:
    """Append an event; print its id and how its date resolved."""
    from ..edit.splice import append_events

    saved = append_events(file, [dict(id=event_id, title=title, when=when, until=until, source=source, anchor=anchor,
                                      planned=True if planned else None, quote=quote, tags=tag or None,
                                      actors=actor or None, notes=notes)], create=create, limits=limits())
    new_id = saved.ids[0]
    out(f"added {new_id}\n" + _dates(saved.log, file, new_id))


@app.command()
def edit(
    event_id: str = typer.Argument(..., metavar="ID", help="The event's id."),
    title: str | None = typer.Option(None, "--title", help="New title."),
    when: str | None = typer.Option(None, "--when", help="New date phrase or date."),
    until: str | None = typer.Option(None, "--until", help="New end of the span."),
    source: str | None = typer.Option(None, "--source", help="New source id."),
    quote: str | None = typer.Option(None, "--quote", help="New quote."),
    tag: list[str] = typer.Option([], "--tag", metavar="TAG",
                                  help="Tags (repeatable; the given ones replace all tags)."),
    actor: list[str] = typer.Option([], "--actor", metavar="ACTOR", help="Actors (repeatable; replace all actors)."),
    notes: str | None = typer.Option(None, "--notes", help="New notes."),
    anchor: str | None = typer.Option(None, "--anchor", help="New anchor date (YYYY-MM-DD)."),
    new_id: str | None = typer.Option(None, "--id", help="Rename the event."),
    clear: list[str] = typer.Option([], "--clear", metavar="FIELD",
                                    help=f"Remove a field (repeatable): {', '.join(CLEARABLE)}."),
    file: Path = FILE_OPTION,
) -> None:
    """Change an event: what is given replaces what was there; only that event's lines change."""
    from ..edit.splice import edit_event

    given: dict[str, Any] = {"id": new_id, "title": title, "when": when, "until": until, "source": source,
                             "anchor": anchor, "quote": quote, "tags": tag or None, "actors": actor or None,
                             "notes": notes}
    changes = {k: v for k, v in given.items() if v is not None}
    for name in clear:
        if name not in CLEARABLE:
            raise UsageError(f"--clear {name}: only these fields can be cleared: {', '.join(CLEARABLE)} "
                             "(id, title and when can be replaced, not removed)")
        if name in changes:
            raise UsageError(f"--clear {name} and --{name.rstrip('s')} both given; give one of them")
        changes[name] = None
    if not changes:
        raise UsageError("nothing to change: give a field such as --title, or --clear FIELD")
    saved = edit_event(file, event_id, limits=limits(), **changes)
    final = new_id or event_id
    text = f"edited {final}: {', '.join(changes)}\n"
    if {"when", "until", "source", "anchor"} & changes.keys():
        text += _dates(saved.log, file, final)
    out(text)


@app.command()
def remove(event_id: str = typer.Argument(..., metavar="ID", help="The event's id."),
           file: Path = FILE_OPTION) -> None:
    """Remove an event's lines; comments (a section's heading, say) stay, nothing else changes."""
    from ..edit.splice import remove_event

    remove_event(file, event_id, limits=limits())
    out(f"removed {event_id}\n")


@source_app.command("add")
def source_add(
    source_id: str = typer.Argument(..., metavar="ID", help="The source's id, e.g. 'verge-leike'."),
    title: str = typer.Option(..., "--title", help="Headline of the article or document."),
    publisher: str = typer.Option(..., "--publisher", help="Who published it."),
    url: str = typer.Option(..., "--url", help="Link to it (http, https or mailto)."),
    published: str = typer.Option(..., "--published", help="Publication date, YYYY-MM-DD: the anchor of its "
                                                           "phrases."),
    notes: str | None = typer.Option(None, "--notes", help="Free text."),
    create: bool = typer.Option(False, "--create", help="Start a new log when the file does not exist."),
    file: Path = FILE_OPTION,
) -> None:
    """Add a source; events name it with --source ID."""
    from ..edit.splice import add_source

    add_source(file, source_id, create=create, limits=limits(), title=title, publisher=publisher, url=url,
               published=published, notes=notes)
    out(f"added source {source_id}\n")


@app.command()
def schema(output: Path | None = typer.Option(None, "--output", "-o",
                                                 help="Write the schema to this file instead of printing it.")) -> None:
    """Print the JSON Schema of events.yaml, for editors (`# yaml-language-server: $schema=FILE`)."""
    from ..log.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        out(text)
        return
    from .. import storage

    snapshot = storage.read_snapshot(output)
    storage.write_atomically(output, text.encode("utf-8"), expected=snapshot)
    out(f"wrote {output}; put `# yaml-language-server: $schema={output.name}` on the first line of the log "
        "(path relative to it)\n")
