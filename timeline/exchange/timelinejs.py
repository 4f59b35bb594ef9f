"""TimelineJS 3 JSON, to publish the chronology with Knight Lab's TimelineJS.

TimelineJS renders its text fields as HTML, so every string that comes from the log is escaped here and links are
built from URLs that pass `safety.safe_url`; nothing from the log is passed through as markup. The reader of the
format is `timeline.exchange.imports:_read_timelinejs` (registered beside this writer in
timeline.render.registry.EXPORTS); the private `timeline` key written here is what it reads back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..dates.edtf import bounds_unit as _unit
from ..dates.edtf import record_phrases
from ..dates.resolve import resolve_phrase
from ..calendar import Day
from ..model import Record
from ..render.words import day_words, record_words
from ..render.rows import drawn_days, first_of, link_of
from ..safety import esc, flat_text, strip_invisible
from .tables import timed_phrases

if TYPE_CHECKING:
    from ..model import Log, Period


def tl_year(year: int) -> int:
    """Give an astronomical year as TimelineJS numbers it: it labels year -N as "N BCE", so 44 BC (-43) is -44."""
    return year if year > 0 else year - 1


def _tl_parts(day: Day, unit: str) -> dict[str, int]:
    """Give a TimelineJS date object (`year`, `month`, `day`) for `day`, down to `unit`."""
    y, m, d = day.ymd
    parts = {"year": tl_year(y)}
    if unit in ("month", "day"):
        parts["month"] = m
    if unit == "day":
        parts["day"] = d
    return parts


def _tl_range(lo: Day | None, hi: Day | None) -> tuple[dict[str, int], dict[str, int] | None]:
    """Give (start_date, end_date or None) for "somewhere in [lo, hi]"; an open side takes the known one."""
    lo = lo or hi
    hi = hi or lo
    assert lo is not None and hi is not None
    unit = _unit(lo, hi)
    start = _tl_parts(lo, unit)
    end = _tl_parts(hi, unit)
    return start, None if start == end else end


def _tl_dates(record: Record) -> tuple[dict[str, int], dict[str, int] | None]:
    """Give the TimelineJS start_date and end_date of a record, each only as precise as the record is."""
    if record.kind != "span":
        return _tl_range(*(drawn_days(record) or (None, None)))
    first, _ = _tl_range(record.start, record.start_latest)
    last_lo, last_hi = _tl_range(record.end_earliest, record.end)
    last = last_hi or last_lo
    return first, None if last == first else last


def _tl_clock(text: str) -> dict[str, int]:
    """Give the TimelineJS `hour` and `minute` of an instant, as the clock showed them in its own zone."""
    from datetime import datetime

    moment = datetime.fromisoformat(text)
    return {"year": tl_year(moment.year), "month": moment.month, "day": moment.day, "hour": moment.hour,
            "minute": moment.minute}


def _quote_html(record: Record, log: Log) -> str:
    """Give the TimelineJS slide text: the quote, then a line naming the source, linked when its URL is safe."""
    claim = record.own.claim
    parts = []
    if claim is not None and claim.quote:
        parts.append(f"<blockquote>{esc(strip_invisible(claim.quote))}</blockquote>")
    source = log.sources.get(claim.source) if claim is not None and claim.source else None
    name = ""
    if source is not None:
        name = source.title or source.publisher or source.id
        if source.publisher and source.title:
            name = f"{source.title}, {source.publisher}"
        if source.published is not None:
            name += f", {day_words(source.published, weekday=False)}"
    link = link_of(record, log.sources)
    if name or link:
        label = esc(flat_text(name or (link or "")))
        anchor = f'<a href="{esc(link)}" rel="noopener noreferrer">{label}</a>' if link else label
        parts.append(f"<p>Source: {anchor}</p>")
    if record.event.notes:
        parts.append(f"<p>{esc(strip_invisible(record.event.notes))}</p>")
    return "".join(parts)


def _tl_label(text: str) -> str:
    """Give text for a TimelineJS field that it decodes and then shows as HTML (`group`, `display_date`).

    TimelineJS runs these through its stripMarkup (the text content of the parsed HTML, which decodes `&lt;` back
    to `<`) and then sets them with innerHTML, so they are escaped twice: decoded once, they are still text.
    `headline` and `text` go through DOMPurify instead and are escaped once.
    """
    return esc(esc(flat_text(text)))


def _tl_era(period: Period) -> dict[str, Any] | None:
    """Give a TimelineJS era for a period, or None when one of its ends is open."""
    last = period.until or period.when
    if period.when.start is None or last.end is None:
        return None
    start, _ = _tl_range(period.when.start, period.when.end)
    # TimelineJS places a date at the start of its day and refuses an era that ends where it starts (the whole
    # timeline then fails to load): an era ends at the start of the day after its last day
    end = _tl_parts(last.end.plus(1), "day")
    return {"start_date": start, "end_date": end, "text": {"headline": esc(flat_text(period.title))}}


def _phrases(record: Record) -> tuple[str, str | None]:
    """Give (when, until) that read back as the record: a span read from one phrase ("since March", "from March
    to April") as one phrase from its EDTF's sides ("from 2024-03 to 2024-05-17"), so that import gives back its
    precision and EDTF as well as its bounds; anything else as `record_phrases` gives it (exact bounds)."""
    claim = record.own.claim
    one_phrase = (record.kind == "span" and len(record.dates) == 1 and claim.until is None
                  and claim.duration is None and record.start_at is None and record.end_at is None
                  and record.start is not None and record.end is not None and record.start == record.start_latest
                  and record.end == record.end_earliest and record.edtf.count("/") == 1)
    if one_phrase:
        first, last = record.edtf.split("/")
        phrase = f"from {first} to {last}"
        try:
            back = resolve_phrase(phrase, None)
        except ValueError:
            back = None
        if back is not None and (back.start, back.end, back.kind, back.precision, back.edtf) == \
                (record.start, record.end, record.kind, record.precision, record.edtf):
            return phrase, None
    return record_phrases(record)


def write_timelinejs(log: Log, records: Sequence[Record]) -> str:
    """Give TimelineJS 3 JSON: a title slide, one event per record, and the log's periods as eras.

    Each event has `start_date` (and `end_date` for spans and uncertain dates) as year/month/day parts down to its
    precision (years BCE as TimelineJS counts them: 44 BC is -44, where timeline's ISO form is -0043),
    `display_date` in words, `text.headline` (the title) and `text.text` (quote, linked source, notes),
    `group` (its lane: first tag) and `unique_id` (the event id). Every string is HTML-escaped (`group` and
    `display_date` twice, see `_tl_label`), and `autolink` is off so that the only links are the ones built here
    from safe URLs. A `timeline` key, which TimelineJS ignores, keeps the exact `when`/`until` (dates that resolve
    to the record's bounds), tags, actors, quote, notes and link as plain JSON text, so `timeline import` gives
    them back unchanged; an event's `for` (its length as the source wrote it, with `when` the start) and
    `relative_to` (when the event it counts from is in the file too) go there as well.
    """
    events = []
    exported = {r.id for r in records if drawn_days(r) is not None}
    for record in records:
        if drawn_days(record) is None:
            continue  # no day to place it on: export_notes names it
        start, end = _tl_dates(record)
        if record.start_at is not None:
            start = {**start, **_tl_clock(record.start_at)}
        if record.end_at is not None and record.end_at != record.start_at:
            end = {**(end or start), **_tl_clock(record.end_at)}
        when, until = timed_phrases(record, *_phrases(record))
        event: dict[str, Any] = {"start_date": start}
        if end is not None:
            event["end_date"] = end
        event["display_date"] = _tl_label(record_words(record))
        event["text"] = {"headline": esc(flat_text(record.event.title)), "text": _quote_html(record, log)}
        if lane := first_of(record, "tag"):
            event["group"] = _tl_label(lane)
        event["unique_id"] = record.id
        event["autolink"] = False  # TimelineJS would link URLs in our text itself; the only links are ours
        claim = record.own.claim
        own: dict[str, Any] = {"when": when, "until": until}
        if len(record.dates) == 1 and claim.duration is not None and claim.until is None:
            own = {"when": when, "for": claim.duration}  # its length as written: the same end, read again
        if claim.relative_to is not None and claim.relative_to in exported:
            own["relative_to"] = claim.relative_to  # the link, between two events of this file
        event["timeline"] = {**own, "tags": list(record.event.tags),
                             "actors": list(record.event.actors), "quote": claim.quote if claim else "",
                             "notes": record.event.notes, "url": link_of(record, log.sources)}
        events.append(event)
    doc: dict[str, Any] = {
        "title": {"text": {"headline": esc(flat_text(log.title)), "text": esc(strip_invisible(log.description))},
                  "autolink": False},
        "events": events,
    }
    eras = [era for period in log.periods if (era := _tl_era(period)) is not None]
    if eras:
        doc["eras"] = eras
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
