"""Many phrases at once: JSON lines in, one JSON object out for each (`timeline resolve --jsonl`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from ..calendar import Day
from ..errors import PhraseError
from ..model import TENSES, Tense

if TYPE_CHECKING:
    from .times import ZoneChoice


def read_line(line: str) -> tuple[dict[str, Any], str | None]:
    """Give one JSON line's object and its `anchor` text (None when absent); ValueError saying what is wrong.

    The line of every `--jsonl` reader: an object with a `text` string, and an optional `anchor` string."""
    if line == TOO_LONG:
        raise ValueError("the line is longer than the limit of a line (a phrase, or an article, with its anchor); "
                         "it was read and dropped")
    if line == TOO_MUCH:
        raise ValueError("the input is over the size limit; the rest was not read")
    item = json.loads(line)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ValueError('each line must be an object with a "text" string')
    anchor_text = item.get("anchor")
    if anchor_text is not None and not isinstance(anchor_text, str):
        raise ValueError('"anchor" must be a date written as "YYYY-MM-DD"')
    return item, anchor_text


def tense_of(default: Tense, context: object, phrase: str, *, explicit: bool) -> Tense:
    """Give the tense to read a phrase in: an explicit one, else the one its context suggests, else the default."""
    from .resolve import infer_tense

    if explicit or not isinstance(context, str) or not context.strip():
        return default
    return infer_tense(context, phrase)


def anchor_reading(text: str | None, zone: str | None, default: Day | None,
                   default_now: datetime | None = None) -> tuple[Day | None, datetime | None, ZoneChoice | None]:
    """Give (anchor day, anchor instant, zone for times) of an anchor written as a day or a timestamp, with an
    optional zone (IANA name, abbreviation or offset): the day is the instant's day in that zone."""
    from .times import ZoneChoice, parse_instant, zone_named

    if zone is not None:
        zone = zone_named(zone)[0]
    if not text:
        return default, default_now, ZoneChoice(zone, "the zone given") if zone else None
    day, instant, seen = parse_instant(text, zone)
    if zone:
        return day, instant, ZoneChoice(zone, "the zone given")
    if seen:
        return day, instant, ZoneChoice(seen, "the anchor's own offset or zone")
    return day, instant, None


#: The longest JSON line `resolve_lines` reads: a phrase is at most 200 characters, and its context a sentence.
MAX_LINE = 1 << 16
#: What `bounded_lines` gives for a line it cut, and for input beyond its limit.
TOO_LONG = "\x00too long"
TOO_MUCH = "\x00too much"


def bounded_lines(stream: IO[bytes], max_bytes: int, max_line: int = MAX_LINE) -> Iterator[str]:
    """Give the lines of a byte stream as text, each cut to `max_line` bytes (the rest of it read and dropped, never
    kept) and in all at most `max_bytes`: a line with no end, or an endless stream, costs no more memory than that.

    A line that was cut is given as it is, and so fails to read as JSON: its error names its line."""
    total = 0
    while True:
        if total > max_bytes:
            yield TOO_MUCH
            return
        line = stream.readline(max_line + 1)
        if not line:
            return
        total += len(line)
        if len(line) > max_line and not line.endswith(b"\n"):
            while (rest := stream.readline(max_line)) and not rest.endswith(b"\n"):
                total += len(rest)
                if total > max_bytes:
                    break
            total += len(rest)
            yield TOO_LONG
            continue
        yield line.decode("utf-8", "replace")


def resolve_lines(lines: Iterable[str], default_anchor: Day | None, tense: Tense, *,
                  explicit: bool = False, default_zone: str | None = None,
                  default_now: datetime | None = None) -> Iterator[dict[str, Any]]:
    """Give, for each JSON line of `lines`, the resolution's JSON object, or one with an `error` naming the line.

    A line is an object with a `text` string and optionally an `anchor` ("YYYY-MM-DD", or a timestamp with an
    offset; else `default_anchor`) and a `zone` its times without their own are in. It
    may carry `tense` ("past", "future", "either"), or the words before its phrase as `context` (or `left`, as the
    gold corpora name it), from which the tense is read unless `explicit`; otherwise the phrase reads in `tense`.
    """
    from .times import resolve_when

    # a batch repeats its anchors (a corpus's articles, a day's wire): each is read once (failures are not kept,
    # so each failing line words its own error)
    anchors: dict[tuple[str | None, str | None], tuple[Day | None, datetime | None, ZoneChoice | None]] = {}
    for number, line in enumerate(lines, 1):
        item: dict[str, Any] = {}
        result: dict[str, Any]
        try:
            item, anchor_text = read_line(line)
            zone_text = item.get("zone", default_zone)
            if zone_text is not None and not isinstance(zone_text, str):
                raise ValueError('"zone" must be a zone written as text ("America/New_York", "ET", "-04:00")')
            key = (anchor_text, zone_text)
            reading = anchors.get(key)
            if reading is None:
                reading = anchors[key] = anchor_reading(anchor_text, zone_text, default_anchor, default_now)
            anchor, now, zone = reading
            line_tense = item.get("tense") or tense_of(tense, item.get("context", item.get("left")), item["text"],
                                                       explicit=explicit)
            if line_tense not in TENSES:
                raise ValueError(f"tense must be one of {', '.join(TENSES)}, not {line_tense!r}")
            result = resolve_when(item["text"], anchor, tense=line_tense, zone=zone, now=now).as_json()
            result["anchor"] = anchor.iso() if anchor else None
        except (ValueError, PhraseError) as exc:  # json, anchor and phrase errors alike
            message = exc.message if isinstance(exc, PhraseError) else str(exc)
            result = {"text": item.get("text") if isinstance(item, dict) else None,
                      "anchor": item.get("anchor") if isinstance(item, dict) else None,
                      "error": f"line {number}: {message}"}
        yield result
