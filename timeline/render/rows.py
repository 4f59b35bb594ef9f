"""The flat row of a record, shared by every tabular output (query, report, CSV, JSON, frame, exports)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .words import record_words
from ..model import Record, Source

#: Columns of the normalized record, in order; documented in the README.
COLUMNS = ("id", "title", "start", "end", "start_latest", "end_earliest", "precision", "kind", "edtf", "display",
           "phrase", "until_phrase", "anchor", "rule", "explanation", "source", "source_title", "publisher",
           "published", "url", "quote", "tags", "actors", "notes", "claims", "line")


def _iso(day: object) -> str | None:
    return day.iso() if day is not None else None  # type: ignore[attr-defined]


def record_row(record: Record, sources: Mapping[str, Source]) -> dict[str, Any]:
    """Give one record as a flat dict with the COLUMNS keys (tags and actors as lists)."""
    event = record.event
    first = record.dates[0]
    claim = first.claim
    source = sources.get(claim.source) if claim.source else None
    link = event.url or (source.url if source else "")
    return {
        "id": event.id,
        "title": event.title,
        "start": _iso(record.start),
        "end": _iso(record.end),
        "start_latest": _iso(record.start_latest),
        "end_earliest": _iso(record.end_earliest),
        "precision": record.precision,
        "kind": record.kind,
        "edtf": record.edtf,
        "display": record_words(record),
        "phrase": claim.when,
        "until_phrase": claim.until,
        "anchor": _iso(first.when.anchor),
        "rule": first.when.rule if first.until is None else f"{first.when.rule} / {first.until.rule}",
        "explanation": first.when.explanation,
        "source": claim.source,
        "source_title": source.title if source else "",
        "publisher": source.publisher if source else "",
        "published": _iso(source.published) if source else None,
        "url": link,
        "quote": claim.quote,
        "tags": list(event.tags),
        "actors": list(event.actors),
        "notes": event.notes,
        "claims": len(record.dates),
        "line": event.pos.line,
    }
