"""iCalendar (RFC 5545): all-day events, for calendar programs. Output depends only on the log, never the clock."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..dates.edtf import event_edtf
from ..calendar import Day
from ..model import Record
from ..render.words import range_words, record_words
from ..render.rows import drawn_days, link_of
from ..safety import flat_text, strip_invisible
from ..version import __version__
from datetime import UTC

if TYPE_CHECKING:
    from ..model import Log


#: DTSTAMP when no source of an event has a publication date: a fixed value, so exports are reproducible.
FIXED_DTSTAMP = (1970, 1, 1)


def unfit_reason(record: Record) -> str:
    """Give why a record cannot be an iCalendar event ('' when it can)."""
    days = drawn_days(record)
    if days is None:
        return "it has no known day at all"
    lo, hi = days
    if lo.year < 1 or hi.plus(1).year > 9999:
        return (f"its dates ({range_words(lo, hi, record.precision)}) fall outside the years 1-9999 that "
                "iCalendar can hold")
    return ""


def _dtstamp(record: Record, log: Log) -> datetime.datetime:
    """Give the DTSTAMP of a record: the latest publication day among its sources, at midnight UTC, else fixed."""
    days = [source.published for d in record.dates
            if d.claim.source and (source := log.sources.get(d.claim.source)) and source.published is not None]
    usable = [d for d in days if d is not None and 1 <= d.year <= 9999]
    y, m, d = max(usable).ymd if usable else FIXED_DTSTAMP
    return datetime.datetime(y, m, d, tzinfo=datetime.UTC)


def _ics_description(record: Record, log: Log) -> str:
    """Give the plain-text DESCRIPTION of a record: its date in words, how certain, quote, source."""
    lines = [f"Date: {record_words(record)} (precision: {record.precision}; EDTF {event_edtf(record)})"]
    if record.start is None or record.end is None:
        sides = [side for side, day in (("earlier", record.start), ("later", record.end)) if day is None]
        lines.append(f"The date is open-ended (it may reach {' or '.join(sides)} than shown); the calendar shows "
                     "only its known days.")
    elif record.start != record.start_latest or record.end != record.end_earliest:
        lines.append("The exact day is uncertain: the calendar entry covers every day it may have been.")
    claim = record.own.claim
    if claim is not None and claim.quote:
        lines.append(f"“{strip_invisible(claim.quote)}”")
    source = log.sources.get(claim.source) if claim is not None and claim.source else None
    if source is not None:
        lines.append("Source: " + ", ".join(p for p in (source.title, source.publisher,
                                                         source.published.iso() if source.published else "") if p))
    if link := link_of(record, log.sources):
        lines.append(link)
    if record.event.notes:
        lines.append(strip_invisible(record.event.notes))
    return "\n".join(lines)


def _ics_text(value: str) -> str:
    """Give text as an iCalendar TEXT value: backslash, ';' and ',' escaped, line breaks as \\n, controls gone."""
    text = strip_invisible(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_line(name: str, value: str) -> str:
    """Give one content line folded as RFC 5545 asks: at most 75 octets a line, never inside a character."""
    line = f"{name}:{value}"
    if len(line.encode("utf-8")) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):  # a continuation line starts with one space
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _ics_date(day: Day) -> str:
    """Give a day as an iCalendar DATE, `YYYYMMDD` (years 1-9999 only; see unfit_reason)."""
    y, m, d = day.ymd
    return f"{y:04d}{m:02d}{d:02d}"


def _ics_time(text: str) -> str:
    """Give an instant as an iCalendar DATE-TIME: UTC (`...Z`) when it has an offset, floating when not."""
    from datetime import datetime

    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _ics_span(record: Record, lo: Day, hi: Day) -> list[str]:
    """Give DTSTART/DTEND: the times when the record has them (a clock time has no DTEND: it takes no time),
    else all-day dates."""
    if record.start_at is not None and record.end_at is not None and record.start_at[:1] != "-":
        lines = [_ics_line("DTSTART", _ics_time(record.start_at))]
        if record.end_at != record.start_at:
            lines.append(_ics_line("DTEND", _ics_time(record.end_at)))
        return lines
    return [_ics_line("DTSTART;VALUE=DATE", _ics_date(lo)), _ics_line("DTEND;VALUE=DATE", _ics_date(hi.plus(1)))]


def write_ics(log: Log, records: Sequence[Record]) -> str:
    """Give an iCalendar (RFC 5545) calendar of all-day events, one VEVENT per record.

    `DTSTART;VALUE=DATE` is the earliest day and `DTEND` the day after the latest (exclusive), so an uncertain date
    covers all the days it may be, and its DESCRIPTION says so. `UID` is `<event id>@timeline`, stable across
    exports; `DTSTAMP` is the latest publication date of the event's sources (midnight UTC), else 1970-01-01, so
    the same log always gives the same file. Events before year 1 or after 9999 cannot be written in iCalendar:
    they are left out and named in `X-TIMELINE-SKIPPED` properties (and by `export_notes`).

    Written here rather than with the icalendar package (which the tests use to read it back): that is a large
    dependency for a few escaped lines, and builds a 20,000-event calendar about ten times slower.
    """
    out = [_ics_line("BEGIN", "VCALENDAR"), _ics_line("VERSION", "2.0"),
           _ics_line("PRODID", f"-//timeline//timeline {__version__}//EN"), _ics_line("CALSCALE", "GREGORIAN"),
           _ics_line("X-WR-CALNAME", _ics_text(flat_text(log.title)))]
    if log.description:
        out.append(_ics_line("X-WR-CALDESC", _ics_text(flat_text(log.description))))
    for record in records:
        if why := unfit_reason(record):
            out.append(_ics_line("X-TIMELINE-SKIPPED", _ics_text(f"{record.id}: {why}")))
            continue
        lo, hi = drawn_days(record) or (Day(0), Day(0))  # unfit_reason has left out records without a day
        out += [_ics_line("BEGIN", "VEVENT"),
                _ics_line("UID", _ics_text(f"{record.id}@timeline")),
                _ics_line("DTSTAMP", _dtstamp(record, log).strftime("%Y%m%dT%H%M%SZ")),  # UTC, as RFC 5545 asks
                *_ics_span(record, lo, hi),
                _ics_line("SUMMARY", _ics_text(flat_text(record.event.title))),
                _ics_line("DESCRIPTION", _ics_text(_ics_description(record, log)))]
        if link := link_of(record, log.sources):
            out.append(_ics_line("URL", link))  # safe_url: no spaces, quotes or controls
        if tags := [_ics_text(flat_text(t)) for t in record.event.tags if flat_text(t)]:
            out.append(_ics_line("CATEGORIES", ",".join(tags)))
        out += [_ics_line("TRANSP", "TRANSPARENT"), _ics_line("END", "VEVENT")]
    out.append(_ics_line("END", "VCALENDAR"))
    return "".join(out)
