"""How dates were read, in the words every command prints: one phrase (`timeline resolve`), an event's own dates
(after `timeline add` and `edit`), and every claim of an event (`timeline explain`, and `--json` for programs)."""

from __future__ import annotations

from typing import Any

from .rows import conflicts_json, credit, credit_words
from .words import day_words, record_words, resolved_words
from ..calendar import bounds_text
from ..log.load import anchor_of
from ..log.reconcile import conflict_text
from ..model import Log
from ..model import Record, ResolvedDate


def phrase_text(resolved: ResolvedDate) -> str:
    """Give how one phrase was read: phrase, anchor, rule, result, bounds, precision and EDTF, a line each."""
    anchor = day_words(resolved.anchor) if resolved.anchor else "none needed (absolute date)"
    bounds = bounds_text(resolved.start, resolved.end, between=" .. ", once=False)
    return (f"phrase:    {resolved.text}\n"
            f"anchor:    {anchor}\n"
            f"rule:      {resolved.rule}: {resolved.explanation}\n"
            f"result:    {resolved_words(resolved)}\n"
            f"bounds:    {bounds}\n"
            f"precision: {resolved.precision}\n"
            f"edtf:      {resolved.edtf}\n"
            + (f"time:      {resolved.start_at} .. {resolved.end_at}\nzone:      {resolved.zone or 'none'}: "
               f"{resolved.zone_why}\n" if resolved.start_at or resolved.zone else ""))


def own_dates_text(record: Record, log: Log) -> str:
    """Give how an event's own dates resolved: phrase, anchor, rule, result (one block per phrase)."""
    own = record.own
    _, anchor_from = anchor_of(own.claim, log.sources)
    text = ""
    for label, date in (("when", own.when), ("until", own.until)):
        if date is None:
            continue
        anchor = f"{day_words(date.anchor)} ({anchor_from})" if date.anchor else "none needed (absolute date)"
        if date.anchor and own.claim.relative_to:
            anchor = f"{day_words(date.anchor)} (event '{own.claim.relative_to}')"
        text += (f"{label}:    {date.text}\n"
                 f"  anchor: {anchor}\n"
                 f"  rule:   {date.rule}: {date.explanation}\n"
                 f"  result: {resolved_words(date)}\n")
        if date.zone or date.start_at:
            text += f"  zone:   {date.zone or 'none'}: {date.zone_why}\n"
    if len(record.dates) > 1:
        text += f"({len(record.dates) - 1} more claims: `timeline explain {record.id}`)\n"
    return text


def chain_of(record_id: str, log: Log) -> list[Record]:
    """Give the events a record's own phrases count from, nearest first: the `relative_to` chain (a loop cannot
    load, so the chain ends)."""
    chain: list[Record] = []
    seen = {record_id}
    target = log.record(record_id).own.claim.relative_to
    while target is not None and target not in seen:
        found = next((r for r in log.records if r.id == target), None)
        if found is None:
            break
        chain.append(found)
        seen.add(target)
        target = found.own.claim.relative_to
    return chain


def _counted_from(claim_relative_to: str, log: Log) -> list[Record]:
    found = next((r for r in log.records if r.id == claim_relative_to), None)
    return [] if found is None else [found, *chain_of(found.id, log)]


def _iso(day: Any) -> str | None:
    return day.iso() if day is not None else None


def _days(target: Record) -> tuple[Any, Any]:
    return target.start, target.end


def _relative_words(target: Record) -> str:
    return f"'{target.id}' ({target.event.title}), {record_words(target)}"


def explain_record(record: Record, log: Log) -> tuple[str, dict[str, Any]]:
    """Give the explanation of one record as text and as JSON-ready data."""
    lines = [f"{record.id}: {record.event.title}"]
    claims = []
    for n, dates in enumerate(record.dates, 1):
        claim = dates.claim
        anchor, anchor_from = anchor_of(claim, log.sources)
        label = "own date" if n == 1 else f"claim #{n - 1}"
        lines.append(f"  {label} (line {claim.when_pos.line}), source: {claim.source or 'none'}")
        item: dict[str, Any] = {"line": claim.when_pos.line, "source": claim.source, "tense": claim.tense,
                                "anchor": anchor.iso() if anchor else None, "anchor_from": anchor_from,
                                "quote": claim.quote}
        chain = _counted_from(claim.relative_to, log) if claim.relative_to else []
        if chain:
            lines.append(f"    counts from: {_relative_words(chain[0])}")
            lines += [f"      which counts from: {_relative_words(r)}" for r in chain[1:]]
            item["anchor"] = _iso(chain[0].start)
            item["anchor_from"] = f"event '{chain[0].id}'"
            item["relative_to"] = [{"id": r.id, "title": r.event.title,
                                    "start": r.start.iso() if r.start else None,
                                    "end": r.end.iso() if r.end else None} for r in chain]
        if claim.duration:
            item["for"] = claim.duration
        for key, date in (("when", dates.when), ("until", dates.until)):
            if date is None:
                continue
            anchor_words = f"{day_words(anchor)} ({anchor_from})" if anchor and date.anchor else "not needed"
            if chain and date.anchor:
                anchor_words = f"{day_words(date.anchor)} (event '{chain[0].id}'"
                anchor_words += f", somewhere in {bounds_text(*_days(chain[0]), between=' .. ')})" \
                    if chain[0].start != chain[0].end else ")"
            bounds = bounds_text(date.start, date.end, between=" .. ")
            lines += [f"    {key}:  '{date.text}'",
                      f"      anchor: {anchor_words}",
                      f"      rule:   {date.rule}: {date.explanation}",
                      f"      result: {resolved_words(date)} [{bounds}], {date.precision}, "
                      f"EDTF {date.edtf}"]
            item[key] = date.as_json()
            if date.zone or date.start_at:
                lines.append(f"      zone:   {date.zone or 'none'}: {date.zone_why}")
                item[key]["zone_from"] = date.zone_why
        if claim.quote:
            lines.append(f"    quote: \"{claim.quote}\"")
        claims.append(item)
    bounds = bounds_text(record.start, record.end, between=" .. ", once=False)
    how = "intersection of all claims" if len(record.dates) > 1 else "from its only date"
    if record.disputed:
        how = "disputed: what any claim allows"
        for first, second in record.conflicts:
            lines.append(f"  disputed: {conflict_text(first, second)}")
    lines.append(f"  result ({how}): {record_words(record)} [{bounds}], {record.kind}, "
                 f"{record.precision}, EDTF {record.edtf}")
    data: dict[str, Any] = {"id": record.id, "title": record.event.title, "claims": claims,
            "result": {"start": record.start.iso() if record.start else None,
                       "end": record.end.iso() if record.end else None,
                       "start_latest": record.start_latest.iso() if record.start_latest else None,
                       "end_earliest": record.end_earliest.iso() if record.end_earliest else None,
                       "kind": record.kind, "precision": record.precision, "edtf": record.edtf,
                       "display": record_words(record), "reconciled": len(record.dates) > 1,
                       "disputed": record.disputed,
                       "start_at": record.start_at, "end_at": record.end_at, "zone": record.zone,
                       "start_source": credit(record.start_source), "end_source": credit(record.end_source)},
            "disputed": record.disputed, "conflicts": conflicts_json(record, log.sources),
            "as_of": log.as_of.iso() if log.as_of else None}
    # also at the top, beside the id: the keys `query --format json` and events.json give each record
    data["start_source"], data["end_source"] = credit(record.start_source), credit(record.end_source)
    if len(record.dates) > 1:
        lines.append(f"  credit: {credit_words(record.start_source, record.end_source) or 'no source'}")
    return "\n".join(lines) + "\n", data
