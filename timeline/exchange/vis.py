"""vis-timeline `items` and `groups` JSON; vis renders `content` and `title` as HTML, so both are escaped."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..calendar import Day
from ..model import Record
from ..render.words import record_words
from ..render.rows import drawn_days, lane_of
from ..safety import esc, flat_text

if TYPE_CHECKING:
    from ..model import Log


def _vis_day(day: Day) -> str:
    """Give a day as vis-timeline (moment.js) parses it: ISO, with six-digit signed years outside 0..9999."""
    y, m, d = day.ymd
    year = f"{y:04d}" if 0 <= y <= 9999 else f"{'-' if y < 0 else '+'}{abs(y):06d}"
    return f"{year}-{m:02d}-{d:02d}"


def write_vis(log: Log, records: Sequence[Record]) -> str:
    """Give vis-timeline JSON `{"items": [...], "groups": [...]}`.

    A day known exactly is a `point` item; a span, or a date known only to lie within bounds, is a `range` from
    its earliest day to the day after its latest (vis ends are exclusive); periods are `background` items.
    `content` and `title` are HTML-escaped; groups are the lanes (first tags), untagged events in 'untagged'.
    """
    items: list[dict[str, Any]] = []
    lanes: list[str] = []
    for record in records:
        days = drawn_days(record)
        if days is None:
            continue  # no day to place it on: export_notes names it
        lo, hi = days
        lane = lane_of(record, "tag")
        if lane not in lanes:
            lanes.append(lane)
        item: dict[str, Any] = {"id": record.id, "content": esc(flat_text(record.event.title)),
                                "start": _vis_day(lo)}
        if record.start_at is not None:
            item["start"] = record.start_at
            if record.end_at is not None and record.end_at != record.start_at:
                item["end"] = record.end_at
                item["type"] = "range"
            else:
                item["type"] = "point"
        elif lo == hi and record.kind == "point":
            item["type"] = "point"
        else:
            item["end"] = _vis_day(hi.plus(1))
            item["type"] = "range"
        item["group"] = lane
        item["title"] = esc(record_words(record))
        if record.start_latest != record.start or record.end_earliest != record.end:
            item["className"] = "uncertain"
        items.append(item)
    for n, period in enumerate(log.periods, 1):
        last = period.until or period.when
        if period.when.start is None or last.end is None:
            continue
        # `:` is never in an event id, so a period can never take an event's id (vis refuses a duplicate id)
        items.append({"id": f"period:{n}", "content": esc(flat_text(period.title)), "type": "background",
                      "start": _vis_day(period.when.start), "end": _vis_day(last.end.plus(1))})
    groups = [{"id": lane, "content": esc(flat_text(lane))} for lane in lanes]
    return json.dumps({"items": items, "groups": groups}, ensure_ascii=False, indent=2) + "\n"
