"""The views of a record every renderer shares, derived once: the flat row (query, report, CSV, JSON, frame,
exports), the days it is drawn over, its link and its lane."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .words import record_words
from ..calendar import Day
from ..model import ClaimDates, Lanes, Record, Source
from ..safety import safe_url

#: Columns of the normalized record, in order; documented in the README.
COLUMNS = ("id", "title", "start", "end", "start_latest", "end_earliest", "precision", "kind", "edtf", "display",
           "phrase", "until_phrase", "anchor", "rule", "explanation", "source", "source_title", "publisher",
           "published", "url", "quote", "tags", "actors", "notes", "claims", "line", "disputed", "conflicts",
           "start_at", "end_at", "zone",
           "start_source", "end_source")


def credit(ids: tuple[str, ...]) -> str | list[str] | None:
    """Give the sources that set a bound as a row value: one id, a list when several agree, None when none."""
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else list(ids)


def _ids(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def credit_words(start: str | list[str] | tuple[str, ...] | None, end: str | list[str] | tuple[str, ...] | None,
                 name: Callable[[str], str] = str) -> str:
    """Give who set a record's bounds in words ("date from A", "start from A; end from B"), '' when no source did;
    `name` words each source id (default: the id itself)."""
    first, last = _ids(start), _ids(end)
    if first and first == last:
        return "date from " + " and ".join(name(s) for s in first)
    parts = [f"{side} from " + " and ".join(name(s) for s in ids)
             for side, ids in (("start", first), ("end", last)) if ids]
    return "; ".join(parts)


def _iso(day: object) -> str | None:
    return day.iso() if day is not None else None  # type: ignore[attr-defined]


#: The lane of a record that has nothing to be grouped by. 'untagged' is the word vis-timeline's groups have always
#: used (a test pins it); the chart said '(no tag)', which no bundled report shows (every event there is tagged).
NO_LANE: Mapping[str, str] = {"tag": "untagged", "actor": "(no actor)", "source": "(no source)"}


def drawn_days(record: Record) -> tuple[Day, Day] | None:
    """Give the first and last day a record is drawn over: its bounds, and where one is open the nearest known day
    (a span "from before May until after June" is drawn May to June); None when no day at all is known."""
    lo = record.start or record.start_latest or record.end_earliest or record.end
    hi = record.end or record.end_earliest or record.start_latest or record.start
    return (lo, hi) if lo is not None and hi is not None else None


def written_link(record: Record, sources: Mapping[str, Source]) -> str:
    """Give the record's link as written: its own url, else its own source's, else ''."""
    claim = record.own.claim
    source = sources.get(claim.source) if claim.source else None
    return record.event.url or (source.url if source else "")


def link_of(record: Record, sources: Mapping[str, Source]) -> str:
    """Give the record's link when it is http(s) or mailto (`safety.safe_url`), else ''."""
    written = written_link(record, sources)
    return (safe_url(written) or "") if written else ""


def first_of(record: Record, lanes: Lanes) -> str:
    """Give what a record is grouped by: its first tag, actor or own source ('' when none), or its title."""
    event = record.event
    if lanes == "tag":
        return event.tags[0] if event.tags else ""
    if lanes == "actor":
        return event.actors[0] if event.actors else ""
    if lanes == "source":
        return record.own.claim.source or ""
    return event.title or event.id


def lane_of(record: Record, lanes: Lanes = "tag") -> str:
    """Give the lane a record is drawn in: `first_of`, or NO_LANE's word when it has nothing to be grouped by."""
    return first_of(record, lanes) or NO_LANE[lanes]


def claim_json(dates: ClaimDates, sources: Mapping[str, Source]) -> dict[str, Any]:
    """Give one claim as a conflict names it: its source (and when that was published), its line, its phrases and
    the first and last day it allows."""
    claim = dates.claim
    source = sources.get(claim.source) if claim.source else None
    last = dates.until or dates.when
    return {"source": claim.source, "published": _iso(source.published) if source else None,
            "line": claim.when_pos.line, "when": claim.when, "until": claim.until,
            "start": _iso(dates.when.start), "end": _iso(last.end)}


def conflicts_json(record: Record, sources: Mapping[str, Source]) -> list[list[dict[str, Any]]]:
    """Give each pair of a record's claims that cannot both be true, as [claim, claim] (`claim_json`)."""
    return [[claim_json(a, sources), claim_json(b, sources)] for a, b in record.conflicts]


def rows_of(records: Iterable[Record], sources: Mapping[str, Source]) -> list[dict[str, Any]]:
    """Give the flat rows of records, in their order."""
    return [record_row(r, sources) for r in records]


def record_row(record: Record, sources: Mapping[str, Source]) -> dict[str, Any]:
    """Give one record as a flat dict with the COLUMNS keys (tags and actors as lists), and `relative_to` (the id
    of the event its own claim counts from) and `for` (its duration as written) when the event gives them."""
    event = record.event
    first = record.own
    claim = first.claim
    source = sources.get(claim.source) if claim.source else None
    link = written_link(record, sources)
    row = {
        "id": event.id,
        "title": event.title,
        "start": _iso(record.start),
        "end": _iso(record.end),
        "start_latest": _iso(record.start_latest),
        "end_earliest": _iso(record.end_earliest),
        "precision": record.precision,
        "kind": record.kind,
        "edtf": record.edtf,
        "display": record_words(record) + (" (disputed)" if record.disputed else ""),
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
        "disputed": record.disputed,
        "conflicts": conflicts_json(record, sources) if record.conflicts else [],
        "start_at": record.start_at,
        "end_at": record.end_at,
        "zone": record.zone,
        "start_source": credit(record.start_source),
        "end_source": credit(record.end_source),
    }
    # the link to the event its phrases count from, and a duration: only when written, so rows of logs without
    # them read as before (the page draws the link; `explain` shows the chain)
    if claim.relative_to:
        row["relative_to"] = claim.relative_to
    if claim.duration:
        row["for"] = claim.duration
    return row
