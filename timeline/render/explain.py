"""How an event's dates were found, for people (`timeline explain`) and programs (`--json`)."""

from __future__ import annotations

from typing import Any

from .words import day_words, record_words, resolved_words
from ..calendar import bounds_text
from ..log.load import anchor_of
from ..model import Log
from ..model import Record


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
        for key, date in (("when", dates.when), ("until", dates.until)):
            if date is None:
                continue
            anchor_words = f"{day_words(anchor)} ({anchor_from})" if anchor and date.anchor else "not needed"
            bounds = bounds_text(date.start, date.end, between=" .. ")
            lines += [f"    {key}:  '{date.text}'",
                      f"      anchor: {anchor_words}",
                      f"      rule:   {date.rule}: {date.explanation}",
                      f"      result: {resolved_words(date)} [{bounds}], {date.precision}, "
                      f"EDTF {date.edtf}"]
            item[key] = date.as_json()
        if claim.quote:
            lines.append(f"    quote: \"{claim.quote}\"")
        claims.append(item)
    bounds = bounds_text(record.start, record.end, between=" .. ", once=False)
    how = "intersection of all claims" if len(record.dates) > 1 else "from its only date"
    lines.append(f"  result ({how}): {record_words(record)} [{bounds}], {record.kind}, "
                 f"{record.precision}, EDTF {record.edtf}")
    data = {"id": record.id, "title": record.event.title, "claims": claims,
            "result": {"start": record.start.iso() if record.start else None,
                       "end": record.end.iso() if record.end else None,
                       "start_latest": record.start_latest.iso() if record.start_latest else None,
                       "end_earliest": record.end_earliest.iso() if record.end_earliest else None,
                       "kind": record.kind, "precision": record.precision, "edtf": record.edtf,
                       "display": record_words(record), "reconciled": len(record.dates) > 1}}
    return "\n".join(lines) + "\n", data
