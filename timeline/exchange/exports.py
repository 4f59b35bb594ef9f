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

from ..errors import UsageError
from ..model import Record
from ..render.registry import EXPORTS, writer_of
from ..render.rows import drawn_days
from .ics import unfit_reason

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
        return [f"event '{r.id}': {why}; left out of the calendar" for r in chosen if (why := unfit_reason(r))]
    unplaced = [f"event '{r.id}': it has no known day at all; left out" for r in chosen if drawn_days(r) is None]
    if fmt in ("timelinejs", "vis"):
        if fmt == "timelinejs" and len(unplaced) == len(chosen):
            unplaced.append("no events to export: TimelineJS shows an error instead of a timeline without events")
        return unplaced
    return []
