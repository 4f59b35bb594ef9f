"""Export: the log's records in other tools' formats, by name (`export(log, "ics", records)`).

The formats and the modules that write them are listed in timeline.render.registry.EXPORTS, and imported only
when asked for: `timelinejs` (timeline.exchange.timelinejs), `ics` (.ics), `vis` (.vis), and the normalized
records `csv`, `json`, `jsonl`, `parquet`, `edtf` (.tables). Each writer is documented in its module.

This module keeps what the writers share: `export` and `export_notes`, and the EDTF of a record and the phrases
that resolve back to its bounds (also read by timeline.exchange.imports); the views of a record they draw from are
timeline.render.rows'. Output depends only on the log: no writer reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..calendar import Day, format_year
from ..errors import UsageError
from ..model import Record
from ..log.reconcile import edtf_of_bounds
from ..render.registry import EXPORTS, writer_of
from ..render.rows import drawn_days

if TYPE_CHECKING:
    from ..model import Log

Output = str | bytes
Writer = Callable[["Log", Sequence[Record]], Output]


def export(log: Log, fmt: str, records: Sequence[Record] | None = None) -> Output:
    """Give the records (default: all of the log's) in export format `fmt`; UsageError for an unknown format."""
    if fmt not in EXPORTS:
        raise UsageError(f"unknown export format '{fmt}'; choose one of {', '.join(EXPORTS)}")
    write: Writer = writer_of(EXPORTS[fmt])
    return write(log, log.records if records is None else records)


def export_notes(log: Log, fmt: str, records: Sequence[Record] | None = None) -> list[str]:
    """Give one line for each event that format `fmt` had to leave out or could only approximate."""
    chosen = log.records if records is None else records
    if fmt == "ics":
        from .ics import unfit_reason

        return [f"event '{r.id}': {why}; left out of the calendar" for r in chosen if (why := unfit_reason(r))]
    unplaced = [f"event '{r.id}': it has no known day at all; left out" for r in chosen if drawn_days(r) is None]
    if fmt in ("timelinejs", "vis"):
        if fmt == "timelinejs" and len(unplaced) == len(chosen):
            unplaced.append("no events to export: TimelineJS shows an error instead of a timeline without events")
        return unplaced
    return []


def event_edtf(record: Record) -> str:
    """Give the EDTF (levels 0-1) of a record's date, whose outer bounds are the record's start and end.

    A point is the record's own EDTF (`2023-07`, `2024-05-13/2024-05-16`, `../2024-05-17`). A span is an interval
    of its two ends: an end known to a day, month or year is written so (`2023-11-17/2023-11-22`, `2023-07/2023`);
    an end known only to lie between two days is written as its outer day marked uncertain
    (`2023-07/2023-11-20?`), since level 1 has no way to write "one day between these two".
    """
    if record.kind != "span":
        return record.edtf
    # a claim's own single EDTF date with exactly these bounds says it best (a season: `2023-21`)
    written = {(d.start, d.end): d.edtf for c in record.dates for d in (c.when, c.until)
               if d is not None and "/" not in d.edtf}
    return f"{_edtf_side(record.start, record.start_latest, written, first=True)}/" \
           f"{_edtf_side(record.end_earliest, record.end, written, first=False)}"


def _edtf_side(lo: Day | None, hi: Day | None, written: dict[tuple[Day | None, Day | None], str], *,
               first: bool) -> str:
    """Give one end of an EDTF interval that may lie anywhere in [lo, hi]: `..` when open."""
    if (first and lo is None) or (not first and hi is None):
        return ".."
    if (lo, hi) in written:
        return written[(lo, hi)]
    if lo is None or hi is None:
        return f"{(lo or hi).iso()}?"  # type: ignore[union-attr]
    text = bounds_phrase(lo, hi)
    if "/" not in text:
        return text
    return f"{(lo if first else hi).iso()}?"


# --------------------------------------------------------------------------------------------------------------
# when/until phrases that resolve back to a record's bounds (used by timelinejs and by timeline.imports)

def _unit_text(day: Day, unit: str) -> str:
    """Give `day` written down to `unit`: `2023`, `2023-07` or `2023-07-05` (signed years below 0)."""
    y, m, _ = day.ymd
    return format_year(y) if unit == "year" else f"{format_year(y)}-{m:02d}" if unit == "month" else day.iso()


def bounds_phrase(lo: Day | None, hi: Day | None) -> str:
    """Give the shortest EDTF the resolver reads back as exactly [lo, hi].

    `2024-05-14`, `2023-07`, `2023`, `2024-05-13/2024-05-16`, `1990/1999`, `2023-07/2023-09`, `../2024-05-17`.
    """
    if lo is None or hi is None:
        return edtf_of_bounds(lo, hi)
    unit = _unit(lo, hi)
    first, last = _unit_text(lo, unit), _unit_text(hi, unit)
    return first if first == last else f"{first}/{last}"


def record_phrases(record: Record) -> tuple[str, str | None]:
    """Give (when, until) in exact date forms that resolve to the record's bounds (until is None for points)."""
    if record.kind == "span":
        return bounds_phrase(record.start, record.start_latest), bounds_phrase(record.end_earliest, record.end)
    return bounds_phrase(record.start, record.end), None


# --------------------------------------------------------------------------------------------------------------
# the units of EDTF and TimelineJS dates

def _unit(lo: Day, hi: Day) -> str:
    """Give the coarsest unit ('year', 'month' or 'day') at whose boundaries both lo starts and hi ends."""
    month_aligned = lo.day == 1 and hi.plus(1).day == 1
    if month_aligned and lo.month == 1 and hi.month == 12:
        return "year"
    return "month" if month_aligned else "day"
