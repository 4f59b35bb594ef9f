"""Times of day and time zones on top of the day resolver: "9:30 a.m. ET", "Friday morning", "14:00 GMT".

`resolve_when` reads a clock time ("9:30 a.m.", "9.30am", "21:39", "noon", "midnight"), the zone it is in (an
abbreviation from `clock.ZONES`, an offset "+05:30", an IANA name "America/Los_Angeles") and a part of the day
(`clock.DAYPARTS`, "late Monday", "this morning", "last night"), takes them out of the phrase, resolves what is
left ("Friday", "next Thursday") with `resolve_phrase`, and places the time on that day with pendulum, so DST
gives the offset of that day. A time that the clocks skipped, or one that happened twice with nothing to say
which, is refused. A phrase without any of these is `resolve_phrase`'s reading, unchanged.

A time without its own zone is in `zone` (the claim's source's, else the log's); with none, the record keeps the
wall-clock time and says it has no zone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from typing import TYPE_CHECKING

from . import clock
from ..calendar import Day
from ..errors import PhraseError
from ..model import DateOrder, Precision, ResolvedDate, Tense
from .resolve import resolve_phrase

if TYPE_CHECKING:
    import pendulum
    from pendulum.tz.timezone import FixedTimezone

__all__ = ["ZoneChoice", "local_instant", "parse_instant", "resolve_when", "zone_label", "zone_named"]


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    """The zone a phrase's times are read in, and why (for `explain`)."""

    name: str  # IANA name ("America/Los_Angeles") or a fixed offset ("-04:00")
    why: str  # "source 'ap-fresno' timezone", "the log's timezone"


_OFFSET = re.compile(r"^(?:utc|gmt)?\s?([+-])(\d{1,2})(?::?(\d{2}))?$")


@lru_cache(maxsize=512)
def zone_named(text: str) -> tuple[str, str | None]:
    """Give (IANA name or offset, fixed offset or None) for a zone as written; PhraseError says what is wrong."""
    word = text.strip()
    low = word.lower()
    if low in clock.ZONES:
        abbr = clock.ZONES[low]
        return abbr.zone, abbr.offset
    if low in clock.AMBIGUOUS_ZONES:
        raise PhraseError(f"the zone '{word}' is ambiguous: it could be "
                          + ", ".join(clock.AMBIGUOUS_ZONES[low])
                          + "; write the IANA name (e.g. " + clock.AMBIGUOUS_ZONES[low][0] + ") or an offset")
    offset = _OFFSET.match(low)
    if offset:
        sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes > 59:
            raise PhraseError(f"the offset '{word}' is not a UTC offset (they run from -12:00 to +14:00)")
        name = f"{sign}{hours:02d}:{minutes:02d}"
        return name, name
    zones = _iana_zones()
    if low in zones:
        return zones[low], None
    candidates = list(zones) + list(clock.ZONES)
    close = difflib.get_close_matches(low, candidates, n=1, cutoff=0.7)
    hint = ""
    if close:
        hint = f" (did you mean '{zones.get(close[0], close[0].upper())}'?)"
    raise PhraseError(f"unknown time zone '{word}'{hint}; use an IANA name like America/New_York, an "
                      "abbreviation like ET, or an offset like -04:00")


@lru_cache(maxsize=1)
def _iana_zones() -> dict[str, str]:
    import zoneinfo

    return {name.lower(): name for name in zoneinfo.available_timezones()}


def _tz(name: str) -> pendulum.Timezone | FixedTimezone:
    """Give the pendulum zone of an IANA name or a fixed offset (pendulum is imported only when a time needs it:
    a log of days never pays for it)."""
    import pendulum
    from pendulum.tz.timezone import FixedTimezone

    if name[0] in "+-":
        sign = -1 if name[0] == "-" else 1
        hours, minutes = int(name[1:3]), int(name[4:6])
        return FixedTimezone(sign * (hours * 3600 + minutes * 60), name=name)
    return pendulum.timezone(name)


def zone_label(name: str | None, instant: dt.datetime | None = None) -> str:
    """Give how a zone is shown beside a time: 'PT', 'BST', '+05:30' ('' for no zone)."""
    if not name:
        return ""
    if name in clock.ZONE_LABELS:
        return clock.ZONE_LABELS[name]
    if name[0] in "+-" or instant is None or instant.tzinfo is None:
        return name
    abbreviation = instant.astimezone(_tz(name)).tzname() or name
    return name if abbreviation[0] in "+-" else abbreviation


def local_instant(day: Day, hour: int, minute: int, zone: str | None, offset: str | None,
                  what: str) -> dt.datetime:
    """Give the instant of a wall-clock time on `day` in `zone` (naive when no zone), or PhraseError when the
    clocks skipped it or showed it twice and nothing (no `offset`) says which."""
    y, m, d = day.ymd
    base = dt.datetime(y, m, d) + dt.timedelta(hours=hour, minutes=minute)
    if offset is not None:
        return base.replace(tzinfo=_tz(offset))
    if zone is None:
        return base
    from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime
    from pendulum.tz.timezone import FixedTimezone

    tz = _tz(zone)
    if isinstance(tz, FixedTimezone):
        return base.replace(tzinfo=tz)
    try:
        return tz.convert(base, raise_on_unknown_times=True)
    except NonExistingTime:
        before = tz.convert(base - dt.timedelta(hours=3))
        after = tz.convert(base + dt.timedelta(hours=3))
        raise PhraseError(f"{what} does not exist on {_day_words(day)} in {zone}: the clocks went forward "
                          f"(from {before.tzname()} to {after.tzname()}); check the time") from None
    except AmbiguousTime:
        first = tz.convert(base.replace(fold=0))
        second = tz.convert(base.replace(fold=1))
        raise PhraseError(f"{what} happens twice on {_day_words(day)} in {zone}: the clocks went back; add "
                          f"{first.tzname()} or {second.tzname()}, or the offset "
                          f"({_offset_text(first)} or {_offset_text(second)})") from None


def _offset_text(instant: dt.datetime) -> str:
    text = instant.isoformat()
    return text[-6:] if text[-6] in "+-" else "+00:00"


def _day_words(day: Day) -> str:
    from ..calendar import day_words

    return day_words(day, short=True)


def iso(instant: dt.datetime) -> str:
    """Give an instant as ISO 8601 with its offset (none for a time without a zone)."""
    text = instant.replace(microsecond=0).isoformat()
    return text[:-6] + "+00:00" if text.endswith("+00:00") else text


# --- reading a phrase --------------------------------------------------------------------------------------------

_ISO_INSTANT = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[t ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*"
                          r"(z|[+-]\d{2}:?\d{2})?\s*$", re.IGNORECASE)
_CLOCK12 = re.compile(r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
_CLOCK24 = re.compile(r"(?<![\d:.+-])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")
_NAMED = re.compile(r"\b(?:12\s+)?(noon|midday|midnight)\b", re.IGNORECASE)
# Wire copy's 24-hour clock without a colon, only before a zone written in capitals ("1500 GMT", "0930 ET"):
# four digits alone are a year.
_CLOCK_HHMM = re.compile(r"(?<![\d:.+-])([01]\d|2[0-3])([0-5]\d)(?=\s*(?-i:([A-Z]{1,5}))\b)")
# "(all times local)", "(all times ET)", "(times are GMT)": the zone every time of the story is in.
_ALL_TIMES = re.compile(r"\(\s*(?:all\s+)?times?\s+(?:are\s+|in\s+)?([A-Za-z]{1,5}|local)\s*\)", re.IGNORECASE)
# "10 p.m. local time (1900 GMT)": the same moment on a second clock, in brackets after the first.
_SECOND_CLOCK = re.compile(r"\(\s*([^()]*\d[^()]*)\)")
_WEEKDAY_ONLY = re.compile(r"^(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE)
_OFFSET_IN = re.compile(r"(?:(?<=\s)|^|\b(?:utc|gmt))([+-]\d{1,2}(?::?\d{2})?)(?![\d:])", re.IGNORECASE)
_IANA_IN = re.compile(r"\b([A-Za-z]+(?:/[A-Za-z0-9_+-]+)+)")
_ZONE_AFTER = re.compile(r"^\s*\(?\s*([A-Za-z]{1,5})\b\)?")
_PARTS = sorted(set(clock.DAYPARTS) | set(clock.DEICTIC_PARTS), key=len, reverse=True)
_PART_IN = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in _PARTS) + r")\b",
                      re.IGNORECASE)  # "late-night" is "late night"
_CONNECTORS = re.compile(r"^(?:\s|,|\(|\)|\bat\b|\bon\b|\bof\b|\bin the\b|\bthe\b|\blocal time\b|\blocal\b|\btime\b"
                         r"|\bthis\b(?=\s*$))+"
                         r"|(?:\s|,|\(|\)|\bat\b|\bon\b|\blocal time\b|\blocal\b|\bthe\b|\bin the\b|\bthis\b)+$",
                         re.IGNORECASE)
_APPROX = re.compile(r"^\s*(?:at\s+)?(?:about|around|approximately|roughly|circa|shortly after|shortly before"
                     r"|just after|just before|sometime|some time)\b", re.IGNORECASE)


_TRIGGER_WORDS = frozenset({"noon", "midday", "midnight", "morning", "afternoon", "evening", "night", "tonight",
                            "overnight", "early", "late", "dawn", "daybreak", "lunchtime", "today", "midmorning",
                            "midafternoon", "hours", "times"})
_DIGIT = re.compile(r"\d")
_DIGIT_TIMEISH = re.compile(r"\d\s?[apAP]\.?\s?[mM]|\d[:.]\d\d|\d[tT]\d|[+-]\d\d:?\d\d\b|\d{4}\s*[A-Z]{1,5}\b")
_PUNCTUATION_TO_SPACE = str.maketrans({c: " " for c in ".,;:!?()[]\"'-"})


@lru_cache(maxsize=16384)
def maybe_timed(text: str) -> bool:
    """Give whether a phrase may hold a time, a zone or a part of the day: a cheap test, memoised (the loader
    asks it of every phrase, most are days, and a log repeats its phrases)."""
    if "/" in text and _IANA_IN.search(text):
        return True
    if _DIGIT.search(text) and _DIGIT_TIMEISH.search(text):
        return True
    return not _TRIGGER_WORDS.isdisjoint(text.lower().translate(_PUNCTUATION_TO_SPACE).split())


@dataclass(frozen=True, slots=True)
class _Clock:
    hour: int
    minute: int
    precision: str  # "minute" or "hour"
    words: str  # as written, for messages


def _read_clock(text: str) -> tuple[_Clock | None, str, int]:
    """Give (the clock time in `text`, the text without it, where it ended) or (None, text, -1)."""
    match = _CLOCK12.search(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        words = match.group(0).strip()
        if not 1 <= hour <= 12:
            raise PhraseError(f"'{words}' is not a time: a 12-hour clock runs from 1 to 12 (write 13:00 or 1 p.m.)")
        if minute > 59:
            raise PhraseError(f"'{words}' is not a time: minutes run from 00 to 59")
        hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
        found = _Clock(hour, minute, "minute" if match.group(2) else "hour", words)
    else:
        match = _CLOCK24.search(text)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            words = match.group(0)
            if hour > 24 or minute > 59 or (hour == 24 and minute):
                raise PhraseError(f"'{words}' is not a time: hours run from 00 to 23 and minutes from 00 to 59")
            found = _Clock(hour, minute, "minute", words)
        else:
            match = next((m for m in _CLOCK_HHMM.finditer(text)
                          if m.group(3).lower() in clock.ZONES or m.group(3).lower() in clock.AMBIGUOUS_ZONES), None)
            if match:
                return (_Clock(int(match.group(1)), int(match.group(2)), "minute", match.group(0)),
                        text[:match.start()] + " " + text[match.end():], match.start() + 1)
            match = _NAMED.search(text)
            if not match:
                return None, text, -1
            hour, minute = clock.NAMED_TIMES[match.group(1).lower()]
            found = _Clock(hour, minute, "minute", match.group(1))
    return found, text[:match.start()] + " " + text[match.end():], match.start() + 1


def _read_zone(text: str, after: int) -> tuple[str | None, str | None, str, str]:
    """Give (zone, fixed offset, the words that named it, text without them)."""
    match = _IANA_IN.search(text)
    if match:
        zone, offset = zone_named(match.group(1))
        return zone, offset, match.group(1), text[:match.start()] + " " + text[match.end():]
    match = _OFFSET_IN.search(text)
    if match and after >= 0:  # an offset only after a clock time: "-0043" alone is a year
        zone, offset = zone_named(match.group(1))
        return zone, offset, match.group(0).strip(), text[:match.start()] + " " + text[match.end():]
    if after >= 0:
        rest = text[after:]
        match = _ZONE_AFTER.match(rest)
        if match:
            word = match.group(1)
            low = word.lower()
            if low in clock.ZONES or low in clock.AMBIGUOUS_ZONES or (word.isupper() and len(word) >= 2
                                                                       and low not in clock.NOT_ZONES):
                zone, offset = zone_named(word)
                return zone, offset, word, text[:after] + " " + rest[match.end():]
    return None, None, "", text


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _CONNECTORS.sub("", text).strip()
    return text


def _whole_day(span: ResolvedDate) -> Day | None:
    return span.start if span.precision == "day" and span.start is not None and span.start == span.end else None


def resolve_when(text: str, anchor: Day | None, *, tense: Tense = "past", zone: ZoneChoice | None = None,
                 now: dt.datetime | None = None, date_order: DateOrder | None = None) -> ResolvedDate:
    """Give the bounds of `text` with its time of day: `resolve_phrase`'s reading when it names none.

    `anchor` is the day phrases are read against, `zone` the zone a time without its own is in (the source's,
    else the log's), `now` the publication instant (for "earlier today", "later today"), `date_order` how
    slashed dates read (as `resolve_phrase` takes it)."""
    if not isinstance(text, str) or not maybe_timed(text):
        return resolve_phrase(text, anchor, tense=tense, date_order=date_order)
    return _resolve_timed(text, anchor, tense, zone, now, date_order)


@lru_cache(maxsize=8192)
def _resolve_timed(text: str, anchor: Day | None, tense: Tense, zone: ZoneChoice | None,
                   now: dt.datetime | None, date_order: DateOrder | None = None) -> ResolvedDate:
    iso_match = _ISO_INSTANT.match(text)
    if iso_match:
        return _resolve_iso(text, iso_match, zone)
    work = text
    approximate = bool(_APPROX.match(work))
    if approximate:
        work = _APPROX.sub(" ", work, count=1)
    story_zone = None
    all_times = _ALL_TIMES.search(work)
    if all_times:
        work = work[:all_times.start()] + " " + work[all_times.end():]
        story_zone = None if all_times.group(1).lower() == "local" else all_times.group(1)
    found, work, after = _read_clock(work)
    second = None
    if found is not None:
        second, work = _second_clock(work)
    named_zone, offset, zone_words, work = _read_zone(work, after)
    if named_zone is None and story_zone is not None:
        named_zone, offset = zone_named(story_zone)
        zone_words = f"all times {story_zone}"
    part_match = _PART_IN.search(work)
    part = " ".join(part_match.group(1).lower().replace("-", " ").split()) if part_match else None
    if part is not None and part not in clock.DAYPARTS and part not in clock.DEICTIC_PARTS:
        part = part.replace(" ", "-") if part.replace(" ", "-") in clock.DAYPARTS else part
    if found is None and named_zone is None and part is None:
        return resolve_phrase(text, anchor, tense=tense, date_order=date_order)
    day_shift = 0
    if part_match is not None:
        work = work[:part_match.start()] + " " + work[part_match.end():]
        if part in clock.DEICTIC_PARTS:
            rest = _tidy(work)
            if not rest or rest.lower() == "this":
                day_shift, part = clock.DEICTIC_PARTS[part]
            elif part in ("last night", "last evening"):
                return resolve_phrase(text, anchor, tense=tense, date_order=date_order)
            elif part == "overnight":
                pass
            elif part in ("earlier today", "later today", "tonight"):
                return resolve_phrase(text, anchor, tense=tense, date_order=date_order)
            else:
                part = part.split()[-1]
    if found is not None:
        part = None  # a clock time says more than the part of the day it is in
    rest = _tidy(work)
    if rest:
        try:
            day_reading = resolve_phrase(rest, anchor, tense=tense, date_order=date_order)
        except PhraseError:
            if found is None and named_zone is None:
                return resolve_phrase(text, anchor, tense=tense, date_order=date_order)
            raise
        day = _whole_day(day_reading)
        if day is None:
            if found is None and named_zone is None:
                return resolve_phrase(text, anchor, tense=tense, date_order=date_order)
            raise PhraseError(f"cannot read date '{text}': a time of day needs one day, and '{rest}' is a "
                              f"{day_reading.precision}, not a day")
        used_anchor, rule, explanation = day_reading.anchor, day_reading.rule, day_reading.explanation
    else:
        if anchor is None:
            raise PhraseError(f"'{text}' is relative and needs a source with a `published` date or an `anchor`")
        day, used_anchor = anchor.plus(day_shift), anchor
        rule = "anchor-day" if day_shift == 0 else "day-before-anchor"
        explanation = (f"the day of the anchor, {_day_words(anchor)}" if day_shift == 0
                       else f"the day before the anchor, {_day_words(day)}")
    if day.year < 1 or day.ymd >= (9999, 12, 31):  # the clock is kept for the years datetime holds
        if found is None and named_zone is None:
            return resolve_phrase(text, anchor, tense=tense, date_order=date_order)
        raise PhraseError(f"cannot read date '{text}': times of day are kept for the years 1-9999 only")
    if named_zone is not None:
        zone_name: str | None = named_zone
        zone_why = f"the phrase's own ('{zone_words}')"
    elif zone is not None:
        zone_name, zone_why = zone.name, zone.why
    else:
        zone_name, zone_why = None, "no zone: neither the phrase, its source nor the log names one"
    if found is None and part is None:  # a zone alone: "Friday ET" keeps the day, in that zone
        plain = day_reading if rest else resolve_phrase(text, anchor, tense=tense, date_order=date_order)
        return replace(plain, zone=zone_name, zone_why=zone_why)
    if found is not None and second is not None and named_zone is None:
        zone_name, offset, zone_why = _zone_of_pair(day, found, second, zone)
    if found is not None:
        instant = local_instant(day, found.hour, found.minute, zone_name, offset, f"'{found.words}'")
        start_at = end_at = iso(instant)
        precision: Precision = "minute" if found.precision == "minute" else "hour"
        rule = f"{rule} + clock-time"
        explanation = f"{explanation}; at {_clock_words(found.hour, found.minute)}" + (
            f" {zone_label(zone_name, instant)}" if zone_name else " (no zone)")
        edtf = start_at
        start_day = end_day = day
    else:
        assert part is not None
        lo, hi = _part_hours(part, now, day)
        start = local_instant(day, lo // 60, lo % 60, zone_name, offset, part)
        end = local_instant(day, hi // 60, hi % 60, zone_name, offset, part)
        start_at, end_at = iso(start), iso(end)
        precision = "daypart"
        rule = f"{rule} + daypart-{part.replace(' ', '-')}"
        explanation = (f"{explanation}; {part}, {_hm(lo)}-{_hm(hi)}"
                       + (f" {zone_label(zone_name, start)}" if zone_name else " (no zone)"))
        start_day, end_day = day, day.plus(max(0, (hi - 1) // 1440))
        edtf = start_day.iso() if start_day == end_day else f"{start_day.iso()}/{end_day.iso()}"
    if approximate:
        edtf += "~"
    return ResolvedDate(text, used_anchor, start_day, end_day, precision, edtf,
                        rule, explanation, start_at=start_at, end_at=end_at, zone=zone_name, zone_why=zone_why)


def _second_clock(text: str) -> tuple[tuple[_Clock, str, str | None] | None, str]:
    """Give (the clock in brackets with its zone, the text without it): Reuters' "10 p.m. local time (1900 GMT)"
    gives the same moment on a clock whose zone is named; brackets holding anything else are left alone."""
    match = _SECOND_CLOCK.search(text)
    if not match:
        return None, text
    inner = match.group(1)
    found, rest, after = _read_clock(inner)
    if found is None:
        return None, text
    zone, offset, _, rest = _read_zone(rest, after)
    if zone is None or (_tidy(rest) and not _WEEKDAY_ONLY.match(_tidy(rest))):
        return None, text
    said = replace(found, words=" ".join(inner.split()))  # "1900 GMT", as explain says it
    return (said, zone, offset), text[:match.start()] + " " + text[match.end():]


def _zone_of_pair(day: Day, local: _Clock, second: tuple[_Clock, str, str | None],
                  given: ZoneChoice | None) -> tuple[str, str | None, str]:
    """Give (zone, fixed offset, why) of a local clock time from the same moment on a named clock: the offset is
    their difference (10 p.m. local, 1900 GMT: +03:00). The source's zone is kept when its offset agrees."""
    other, other_zone, other_offset = second
    seen = local_instant(day, other.hour, other.minute, other_zone, other_offset, f"'{other.words}'")
    base = seen.utcoffset()
    assert base is not None
    minutes = (local.hour * 60 + local.minute) - (other.hour * 60 + other.minute) + int(base.total_seconds()) // 60
    minutes %= 1440  # the two clocks may show different days: offsets run from -11:00 to +13:00 here
    if minutes > 13 * 60:
        minutes -= 1440
    sign = "-" if minutes < 0 else "+"
    fixed = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    why = f"the phrase's own: {_clock_words(local.hour, local.minute)} is {other.words}"
    if given is not None and given.name[0] not in "+-":
        agrees = local_instant(day, local.hour, local.minute, given.name, None, f"'{local.words}'").utcoffset()
        if agrees is not None and int(agrees.total_seconds()) // 60 == minutes:
            return given.name, None, f"{given.why} ({other.words} agrees)"
    return zone_named(fixed)[0], zone_named(fixed)[1], why


def _part_hours(part: str, now: dt.datetime | None, day: Day) -> tuple[int, int]:
    """Give the minutes of the day a part runs from and to (the end may pass 24:00)."""
    if part in ("earlier today", "later today"):
        mark = None
        if now is not None and Day.of(now.year, now.month, now.day) == day:
            mark = now.hour * 60 + now.minute
        if part == "earlier today":
            return 0, mark if mark is not None else 1440
        return (mark if mark is not None else 0), 1440
    hours = clock.DAYPARTS[part]
    return hours.start * 60, hours.end * 60


def _hm(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _clock_words(hour: int, minute: int) -> str:
    """Give '9:39 p.m.', 'noon', 'midnight': a time as the reports write it."""
    if (hour, minute) == (12, 0):
        return "noon"
    if (hour, minute) == (0, 0):
        return "midnight"
    suffix = "a.m." if hour < 12 else "p.m."
    return f"{hour % 12 or 12}:{minute:02d} {suffix}"


def _resolve_iso(text: str, match: re.Match[str], zone: ZoneChoice | None) -> ResolvedDate:
    try:
        day = Day.parse(match.group(1))
    except ValueError as exc:
        raise PhraseError(f"cannot read date '{text}': {exc}") from None
    hh, mm = match.group(2).split(":")[:2]
    written = match.group(3)
    offset: str | None
    if written:
        zone_name, offset = zone_named("+00:00" if written.lower() == "z" else written)
        zone_why = "the timestamp's own offset"
    elif zone is not None:
        zone_name, offset, zone_why = zone.name, None, zone.why
    else:
        zone_name, offset, zone_why = None, None, "no zone: neither the phrase, its source nor the log names one"
    if int(hh) > 23 or int(mm) > 59:
        raise PhraseError(f"'{match.group(2)}' is not a time: hours run from 00 to 23 and minutes from 00 to 59")
    instant = local_instant(day, int(hh), int(mm), zone_name, offset, f"'{match.group(2)}'")
    if written and zone is not None and zone.name[0] not in "+-" \
            and instant.astimezone(_tz(zone.name)).utcoffset() == instant.utcoffset():
        zone_name, zone_why = zone.name, f"{zone.why} (the timestamp's offset agrees)"
    start_at = iso(instant)
    return ResolvedDate(text, None, day, day, "minute", start_at, "timestamp",
                        f"the timestamp {start_at}", start_at=start_at, end_at=start_at, zone=zone_name,
                        zone_why=zone_why)


def parse_instant(text: str, zone: str | None = None) -> tuple[Day, dt.datetime | None, str | None]:
    """Give (the day, the instant or None, the zone) of a publication date or anchor as written.

    A day ("2024-05-17") has no instant. A timestamp with an offset or zone ("2024-05-17T09:12:00-04:00",
    "2024-05-17 09:12 EDT") is that instant; seen in `zone` when one is given (its day is the day there). A
    timestamp without either is a wall-clock time in `zone`. ValueError/PhraseError say what is wrong."""
    text = text.strip()
    try:
        return Day.parse(text), None, zone
    except ValueError:
        if not any(c.isdigit() for c in text) or not re.search(r"\d[:.]\d|[ap]\.?m", text, re.IGNORECASE):
            raise
    choice = ZoneChoice(zone, "given") if zone else None
    reading = resolve_when(text, None, zone=choice)
    if reading.start is None or reading.start_at is None or reading.precision not in ("minute", "hour"):
        raise ValueError(f"'{text}' is not a date or a timestamp")
    instant = dt.datetime.fromisoformat(reading.start_at)
    if zone and instant.tzinfo is not None:
        instant = instant.astimezone(_tz(zone_named(zone)[0]))
        return Day.of(instant.year, instant.month, instant.day), instant, zone_named(zone)[0]
    if instant.tzinfo is not None:
        return Day.of(instant.year, instant.month, instant.day), instant, reading.zone
    return reading.start, instant, reading.zone
