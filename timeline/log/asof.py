"""What a log said as of a moment: the moment read from what a caller gives (a day, a timestamp, their text).

The library never reads the clock: "now" is whatever the caller passes, or no moment at all (everything counts).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..calendar import Day
from ..errors import UsageError
from ..model import AsOf, Claim, ClaimDates, Event, Log, Record, Source

#: What `as_of` may be given as: an AsOf, a Day, a date, an aware or naive datetime, or their ISO text.
AsOfLike = AsOf | Day | datetime.date | datetime.datetime | str


def as_of(value: AsOfLike | None) -> AsOf | None:
    """Give the AsOf a value means, or None for None; UsageError for text that is neither a day nor a timestamp.

    A timestamp keeps its own day (the day in its own offset, as a publication's metadata is read); a naive one
    is taken as UTC."""
    if value is None or isinstance(value, AsOf):
        return value
    if isinstance(value, Day):
        return AsOf(value)
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)
        return AsOf(Day.from_date(moment.date()), moment)
    if isinstance(value, datetime.date):
        return AsOf(Day.from_date(value))
    text = value.strip()
    try:
        return AsOf(Day.parse(text))
    except ValueError:
        pass
    import pendulum

    try:
        parsed = pendulum.parse(text, exact=True)
    except (ValueError, TypeError, pendulum.parsing.exceptions.ParserError):
        parsed = None
    if isinstance(parsed, datetime.datetime):
        return as_of(parsed)
    if isinstance(parsed, datetime.date):
        return AsOf(Day.from_date(parsed))
    raise UsageError(f"as of '{value}': give a day (YYYY-MM-DD) or a timestamp (2024-05-17T08:00:00Z)")


def counts(claim: Claim, sources: Mapping[str, Source], as_of: AsOf | None) -> bool:
    """Give whether a claim counts as of a moment: always without a moment or without a source (the curator's
    own dates); else when its source was published by then."""
    if as_of is None or claim.source is None:
        return True
    source = sources.get(claim.source)
    return source is None or as_of.counts(source.published)


def known_record(event: Event, dated: Sequence[ClaimDates], sources: Mapping[str, Source],
                 as_of: AsOf | None) -> Record | None:
    """Give the record of an event reconciling only its claims that count as of `as_of` (None when none does).

    The record's event then holds those claims, in their order, so that everything read from it (its own claim,
    its sources) is what was known."""
    from .reconcile import reconcile

    counting = tuple(d for d in dated if counts(d.claim, sources, as_of))
    if not counting:
        return None
    if len(counting) < len(dated):
        event = replace(event, claims=tuple(d.claim for d in counting))
    return reconcile(event, counting)


def known(log: Log, when: AsOfLike | None) -> Log:
    """Give a loaded log as it was known as of `when`: what `load(..., as_of=when)` gives, without reading the file.

    Claims that resolve against a source or a date are reconciled again from their resolved dates; when any
    claim counts from another event (`relative_to`), the chain is resolved again in order, as the loader does.

    A log already read as of a moment can only be taken further back: its later claims are gone."""
    moment = as_of(when)
    if moment is None:
        return log
    from .query import sort_key

    from .check import Problems
    from .load import _resolve_events, dispute_problems

    if any(c.relative_to for event in log.events for c in event.claims):
        # a claim read against another event's dates reads them as known then: resolve the chain again, in order
        records = _resolve_events(list(log.events), log.sources, Problems(log.path), moment, log.date_order,
                                  log.timezone)
    else:
        records = [r for r in (known_record(rec.event, rec.dates, log.sources, moment) for rec in log.records)
                   if r is not None]
    records.sort(key=sort_key)
    sources = {sid: s for sid, s in log.sources.items() if moment.counts(s.published)}

    return replace(log, records=tuple(records), sources=sources, as_of=moment,
                   warnings=tuple(dispute_problems(records, log.path)))
