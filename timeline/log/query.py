"""Date-range queries over records: bounds-aware overlap or containment, stable order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, UTC

from ..calendar import Day
from ..model import Record

_FAR_PAST = -(10**9)
_FAR_FUTURE = 10**9


def sort_key(record: Record) -> tuple[int, int, float, int, str]:
    """Give the order of records: earliest known day; within a day, records with only a day first, then timed
    ones by their instant; then latest known day, then id. A date open on one side, or vague, sorts where a reader
    expects it, by the bound it does have ("recently", before 17 May 2024, sorts at 17 May 2024, not before 44 BC);
    a record with no day at all sorts last."""
    first = record.start or record.start_latest or record.end_earliest or record.end
    last = record.end or record.end_earliest or record.start_latest or record.start
    return (first.ordinal if first else _FAR_FUTURE, 0 if record.start_at is None else 1,
            instant_seconds(record.start_at), last.ordinal if last else _FAR_FUTURE, record.id)


def instant_seconds(text: str | None) -> float:
    """Give the seconds since the epoch of an ISO instant (a time without a zone read as UTC), 0 for None."""
    if text is None:
        return 0.0
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def select(records: Sequence[Record], *, start: Day | None = None, end: Day | None = None, within: bool = False,
           tags: Iterable[str] = (), actors: Iterable[str] = (), sources: Iterable[str] = ()) -> list[Record]:
    """Give the records that may overlap [start, end], or with `within` that certainly lie inside it.

    A record overlaps when its latest possible day is not before `start` and its earliest is not after `end`;
    it is within when its earliest is not before `start` and its latest not after `end`. Tags, actors and
    sources filter case-insensitively; several values of one filter match any of them.
    """
    lo = start.ordinal if start else _FAR_PAST
    hi = end.ordinal if end else _FAR_FUTURE
    tag_set = {t.casefold() for t in tags}
    actor_set = {a.casefold() for a in actors}
    source_set = {s.casefold() for s in sources}
    chosen = []
    for rec in records:
        r_lo = rec.start.ordinal if rec.start else _FAR_PAST
        r_hi = rec.end.ordinal if rec.end else _FAR_FUTURE
        if within:
            if r_lo < lo or r_hi > hi:
                continue
        elif r_hi < lo or r_lo > hi:
            continue
        if tag_set and not tag_set.intersection(t.casefold() for t in rec.event.tags):
            continue
        if actor_set and not actor_set.intersection(a.casefold() for a in rec.event.actors):
            continue
        if source_set and not source_set.intersection(c.source.casefold() for c in rec.event.claims if c.source):
            continue
        chosen.append(rec)
    return chosen
