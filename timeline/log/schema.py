"""The shape of `events.yaml`: which keys exist where and what each means (also the source of `timeline schema`)."""

from __future__ import annotations

import re

#: Top-level keys.
LOG_KEYS = {
    "title": "the chronology's title (page and report headings)",
    "description": "a sentence or two under the title",
    "sources": "mapping of source id to source",
    "events": "list of events",
    "periods": "optional list of named periods (title, when, until), drawn as eras",
}

SOURCE_KEYS = {
    "title": "headline of the article or document",
    "publisher": "who published it",
    "url": "link to it (http, https or mailto)",
    "published": "publication date, YYYY-MM-DD: the anchor for every relative phrase of this source",
    "notes": "free text",
}

EVENT_KEYS = {
    "id": "unique id: letters, digits, '-', '_' or '.'",
    "title": "what happened, one line",
    "when": "the source's own words for the date ('Tuesday', 'last July') or an exact date",
    "until": "end of a span, same forms as `when`",
    "source": "id of the source that dates it (its `published` date anchors relative phrases)",
    "anchor": "explicit anchor date (YYYY-MM-DD) for relative phrases, instead of the source's date",
    "tense": "'past' (default: news reports what happened) or 'future' (planned: 'next Tuesday' looks forward)",
    "planned": "true when the event was announced ahead of its date (same as tense: future)",
    "quote": "the source's sentence that carries the date",
    "tags": "list of labels (a single label may be written without brackets)",
    "actors": "list of people or organisations involved",
    "notes": "free text",
    "url": "a link for this event, when it is not the source's",
    "claims": "more sourced dates for the same event; every claim must be able to hold at once",
}

CLAIM_KEYS = {
    "when": "date phrase or exact date",
    "until": "end of a span",
    "source": "id of the source making this claim (default: the event's source)",
    "anchor": "explicit anchor date for relative phrases",
    "tense": "'past' or 'future'",
    "planned": "true when announced ahead",
    "quote": "the source's words",
    "notes": "free text",
}

PERIOD_KEYS = {
    "title": "name of the period",
    "when": "start (phrase or date)",
    "until": "end (phrase or date)",
    "source": "source id, when the dates are relative",
}

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
TRUE_WORDS = frozenset({"true", "yes", "on", "True", "Yes", "TRUE", "YES"})
FALSE_WORDS = frozenset({"false", "no", "off", "False", "No", "FALSE", "NO"})


def json_schema() -> dict[str, object]:
    """Give a JSON Schema (draft 2020-12) of the log, for editors and the YAML language server."""
    text = {"type": "string"}
    words = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}

    def props(keys: dict[str, str], types: dict[str, object]) -> dict[str, object]:
        return {k: {**types.get(k, text), "description": v} for k, v in keys.items()}  # type: ignore[dict-item]

    phrase = {"type": ["string", "integer"]}
    flag = {"type": ["boolean", "string"]}
    tense = {"enum": ["past", "future"]}
    date = {"type": "string", "pattern": r"^[+-]?\d{4,5}-\d{2}-\d{2}$"}
    claim = {
        "type": "object", "additionalProperties": False, "required": ["when"],
        "properties": props(CLAIM_KEYS, {"when": phrase, "until": phrase, "anchor": date, "tense": tense,
                                         "planned": flag}),
    }
    event = {
        "type": "object", "additionalProperties": False, "required": ["id", "title", "when"],
        "properties": props(EVENT_KEYS, {
            "id": {"type": "string", "pattern": ID_PATTERN.pattern}, "when": phrase, "until": phrase,
            "anchor": date, "tense": tense, "planned": flag, "tags": words, "actors": words,
            "claims": {"type": "array", "items": claim},
        }),
    }
    source = {"type": "object", "additionalProperties": False,
              "properties": props(SOURCE_KEYS, {"published": date})}
    period = {"type": "object", "additionalProperties": False, "required": ["title", "when"],
              "properties": props(PERIOD_KEYS, {"when": phrase, "until": phrase})}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://timeline.invalid/events.schema.json",
        "title": "timeline events log",
        "type": "object",
        "additionalProperties": False,
        "required": ["events"],
        "properties": props(LOG_KEYS, {
            "sources": {"type": "object", "additionalProperties": source,
                        "propertyNames": {"pattern": ID_PATTERN.pattern}},
            "events": {"type": "array", "items": event},
            "periods": {"type": "array", "items": period},
        }),
    }
