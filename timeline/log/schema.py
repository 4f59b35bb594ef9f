"""The shape of `events.yaml` as data: every key, its kind, what it means, and how a spreadsheet may name it.

One table per place a key can be written (the log, a source, an event, a claim, a period). The loader's
unknown-key checks, `timeline schema` (the JSON Schema), the CSV import's columns and `edit --clear` all read it,
so a new key is added here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

#: What a value is: plain text, a date phrase (or exact date), a YYYY-MM-DD date, true/false, 'past' or 'future',
#: a list of labels, an id, a mapping of sources, a list of events, periods or claims.
ValueKind = Literal["text", "phrase", "date", "instant", "zone", "flag", "tense", "order", "words", "id", "sources",
                    "events", "periods", "claims"]


@dataclass(frozen=True, slots=True)
class Key:
    """One key of the log: its kind, its meaning, and how the CSV import and `edit` treat it."""

    kind: ValueKind
    description: str
    aliases: tuple[str, ...] = ()  # other CSV column names people use for it
    clearable: bool = False  # an edit may remove it (id, title and when make an event: they can only be replaced)


LOG = {
    "title": Key("text", "the chronology's title (page and report headings)"),
    "description": Key("text", "a sentence or two under the title"),
    "date_order": Key("order", "how numeric dates with slashes read: DMY (14/05/2024 is 14 May) or MDY "
                      "(05/14/2024 is 14 May); without it they are refused as ambiguous"),
    "sources": Key("sources", "mapping of source id to source"),
    "events": Key("events", "list of events"),
    "periods": Key("periods", "optional list of named periods (title, when, until), drawn as eras"),
    "strict": Key("flag", "true: claims of one event that cannot all be true are errors that stop the log, not "
                  "warnings on a disputed event"),
    "timezone": Key("zone", "default time zone (IANA name like Europe/London, or an offset like +05:30) of times "
                    "whose phrase and source name none"),
}

SOURCE = {
    "title": Key("text", "headline of the article or document"),
    "publisher": Key("text", "who published it"),
    "url": Key("text", "link to it (http, https or mailto)"),
    "published": Key("instant", "publication date, YYYY-MM-DD, or timestamp with an offset or zone "
                     "(2024-05-17T09:12:00-04:00, 2024-05-17 09:12 EDT): the anchor for every relative phrase of "
                     "this source"),
    "timezone": Key("zone", "the zone the source's times are in and its day is counted in (IANA name like "
                    "America/Los_Angeles, or an offset like -07:00)"),
    "notes": Key("text", "free text"),
    "date_order": Key("order", "how this source's numeric dates with slashes read, DMY or MDY (default: the "
                      "log's `date_order`)"),
}

EVENT = {
    "id": Key("id", "unique id: letters, digits, '-', '_' or '.'"),
    "title": Key("text", "what happened, one line", aliases=("headline", "event")),
    "when": Key("phrase", "the source's own words for the date ('Tuesday', 'last July') or an exact date",
                aliases=("date",)),
    "until": Key("phrase", "end of a span, same forms as `when`", clearable=True),
    "for": Key("text", "how long it lasted, in the source's words ('34 years', 'three weeks'): with `when`, gives "
               "the span's end", clearable=True),
    "source": Key("text", "id of the source that dates it (its `published` date anchors relative phrases)",
                  clearable=True),
    "anchor": Key("instant", "explicit anchor date (YYYY-MM-DD, or a timestamp with an offset) for relative "
                  "phrases, instead of the source's date",
                  clearable=True),
    "relative_to": Key("id", "id of another event: relative phrases ('two days later') count from its dates, "
                       "instead of the source's", clearable=True),
    "tense": Key("tense", "'past' (default: news reports what happened) or 'future' (planned: 'next Tuesday' looks "
                 "forward)", clearable=True),
    "planned": Key("flag", "true when the event was announced ahead of its date (same as tense: future)",
                   clearable=True),
    "quote": Key("text", "the source's sentence that carries the date", clearable=True),
    "tags": Key("words", "list of labels (a single label may be written without brackets)", aliases=("tag", "group"),
                clearable=True),
    "actors": Key("words", "list of people or organisations involved", aliases=("actor",), clearable=True),
    "notes": Key("text", "free text", aliases=("note", "text"), clearable=True),
    "url": Key("text", "a link for this event, when it is not the source's", aliases=("link",), clearable=True),
    "claims": Key("claims", "more sourced dates for the same event; claims that cannot all hold mark it disputed",
                  clearable=True),
}

CLAIM = {
    "when": Key("phrase", "date phrase or exact date"),
    "until": Key("phrase", "end of a span"),
    "for": Key("text", "how long it lasted ('three weeks'): with `when`, gives the span's end"),
    "source": Key("text", "id of the source making this claim (default: the event's source)"),
    "anchor": Key("instant", "explicit anchor date (or timestamp) for relative phrases"),
    "relative_to": Key("id", "id of another event whose dates this claim's relative phrases count from "
                       "(the claim's own: not taken from the event)"),
    "tense": Key("tense", "'past' or 'future'"),
    "planned": Key("flag", "true when announced ahead"),
    "quote": Key("text", "the source's words"),
    "notes": Key("text", "free text"),
}

PERIOD = {
    "title": Key("text", "name of the period"),
    "when": Key("phrase", "start (phrase or date)"),
    "until": Key("phrase", "end (phrase or date)"),
    "for": Key("text", "how long it lasted ('three weeks'): with `when`, gives its end"),
    "source": Key("text", "source id, when the dates are relative"),
    "relative_to": Key("id", "id of an event whose dates the period's relative phrases ('the following week') "
                       "count from"),
}


def _descriptions(keys: dict[str, Key]) -> dict[str, str]:
    return {name: key.description for name, key in keys.items()}


#: Each table as key -> description, in the order people read the keys (and the editor writes them).
LOG_KEYS = _descriptions(LOG)
SOURCE_KEYS = _descriptions(SOURCE)
EVENT_KEYS = _descriptions(EVENT)
CLAIM_KEYS = _descriptions(CLAIM)
PERIOD_KEYS = _descriptions(PERIOD)

#: The event keys a CSV row may give, in the order the import names them (what people fill in first, first).
CSV_KEYS = ("title", "when", "until", "source", "quote", "tags", "actors", "id", "notes", "url", "anchor",
            "tense", "planned", "for", "relative_to")
#: Other column names for them, as spreadsheets (and TimelineJS's sheet: group, text) often call them.
CSV_ALIASES = {alias: name for name, key in EVENT.items() for alias in key.aliases}
#: The event keys an edit may remove.
CLEARABLE = tuple(name for name, key in EVENT.items() if key.clearable)

#: An id, matched whole: `\Z`, not `$`, which would also take a line break at the end ("leike-resigns\n").
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}\Z")
#: The same rule in the JSON Schema's (ECMA-262) words, where `$` ends the text.
ID_SCHEMA_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"
TRUE_WORDS = frozenset({"true", "yes", "on", "True", "Yes", "TRUE", "YES"})
FALSE_WORDS = frozenset({"false", "no", "off", "False", "No", "FALSE", "NO"})


def json_schema() -> dict[str, object]:
    """Give a JSON Schema (draft 2020-12) of the log, for editors and the YAML language server."""
    kinds: dict[str, dict[str, object]] = {
        "text": {"type": "string"},
        "phrase": {"type": ["string", "integer"]},
        "date": {"type": "string", "pattern": r"^[+-]?\d{4,5}-\d{2}-\d{2}$"},
        "instant": {"type": "string", "pattern": r"^[+-]?\d{4,5}-\d{2}-\d{2}(?:[T ].+)?$"},
        "zone": {"type": "string"},
        "flag": {"type": ["boolean", "string"]},
        "tense": {"enum": ["past", "future"]},
        "order": {"enum": ["DMY", "MDY"]},
        "words": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "id": {"type": "string", "pattern": ID_SCHEMA_PATTERN},
    }

    def obj(keys: dict[str, Key], required: list[str] | None = None) -> dict[str, object]:
        shape: dict[str, object] = {"type": "object", "additionalProperties": False}
        if required:
            shape["required"] = required
        shape["properties"] = {name: {**kinds[key.kind], "description": key.description} for name, key in keys.items()}
        return shape

    kinds["claims"] = {"type": "array", "items": obj(CLAIM, ["when"])}
    kinds["sources"] = {"type": "object", "additionalProperties": obj(SOURCE),
                        "propertyNames": {"pattern": ID_SCHEMA_PATTERN}}
    kinds["events"] = {"type": "array", "items": obj(EVENT, ["id", "title", "when"])}
    kinds["periods"] = {"type": "array", "items": obj(PERIOD, ["title", "when"])}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://timeline.invalid/events.schema.json",
        "title": "timeline events log",
        **obj(LOG, ["events"]),
    }
