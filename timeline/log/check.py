"""The rules of a valid log, in one place: the loader checks a parsed tree with them, `import` plain event dicts.

Every rule is here once. A parsed tree is read and checked by `sources`, `events` and `period_claims`, and a claim's
dates, once resolved, by `check_dates`; `timeline.log.load` runs them in order, and runs the same rules on the
plain event dicts an importer read (`load.check_events`, through `id_broken`, `url_broken`, `source_hint`,
`tense_of` and `date_problems`). What the rules say is a `Words` table: the log's (`LOG_WORDS`) speaks of keys and
`sources:`; an importer passes its own, which speaks of cells and columns.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Container, Iterable, Mapping as Map
from dataclasses import dataclass
from typing import Any

from . import schema
from ..calendar import Day, bounds_text
from ..errors import LogError, PhraseError, TimelineError
from ..model import DATE_ORDERS, Claim, ClaimDates, DateOrder, Event, Limits, Pos, ResolvedDate, Source, Tense
from .yamltree import Mapping, Node, Scalar, Sequence
from ..safety import hidden_character, safe_url

#: An event as an importer gives it: the log's keys with plain values (text, a list of text, true/false).
Given = dict[str, Any]


class Problems:
    """Collects problems instead of stopping at the first, so one run shows them all."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[TimelineError] = []

    def add(self, message: str, pos: Pos | None, *, how: str | None = None) -> None:
        """Add a problem at `pos` (None: the file as a whole)."""
        self.items.append(LogError(message, path=self.path, line=pos.line if pos else None,
                                   col=pos.col if pos else None, how=how))


# --- the rules ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Words:
    """How each rule is said. Fields to format with: where, id, first_line (of the id's first use), log (the
    events file), url, source, hint, tense, planned, when and until (bounds text 'lo..hi'), when_start and
    until_end (days), published."""

    id_form: str
    id_taken: str
    url: str
    unknown_source: str
    source_is_link: str | None  # the hint when a source names a link (None: suggest a close id instead)
    tense: str
    planned: str
    until_before_when: str
    after_published: str


LOG_WORDS = Words(
    id_form="{where}: an id may hold letters, digits, '-', '_' and '.' (up to 200); rename it",
    id_taken="duplicate event id '{id}' (first at line {first_line}); rename one of them",
    url="{where}: url '{url:.60}' {problem}",
    unknown_source="{where}: unknown source '{source}'{hint}; add it under `sources:` or fix the id",
    source_is_link=None,
    tense="{where}: `tense` must be 'past' or 'future', not '{tense}'",
    planned="{where}: `planned` must be true or false, not '{planned}'",
    until_before_when="{where}: `until` ({until}) is before `when` ({when}); swap them or fix one",
    after_published="{where}: dated {when}, after its source '{source}' was published ({published}); fix the "
                    "date, or mark it `planned: true` if it was announced ahead{counts}",
)


def id_broken(event_id: str, taken: Container[str]) -> str | None:
    """Give the rule an event id breaks ('id_form' or 'id_taken'), or None."""
    if not schema.ID_PATTERN.match(event_id):
        return "id_form"
    return "id_taken" if event_id in taken else None


def url_problem(url: str) -> str | None:
    """Give what is wrong with a written url, in words, or None when the log takes it."""
    from ..safety import url_problem as problem

    return problem(url) if url else None


def url_broken(url: str) -> bool:
    """Give whether a written url is one the log refuses (not http, https or mailto, or unsafe)."""
    return bool(url) and safe_url(url) is None


def suggest(word: str, options: Iterable[str]) -> str:
    """Give ` (did you mean 'x'?)` for the closest of `options`, or nothing."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def source_hint(source: str, sources: Map[str, Source], words: Words) -> str:
    """Give the hint after an unknown source: that a link is not an id, or the closest known id."""
    if words.source_is_link is not None and safe_url(source):
        return words.source_is_link
    return suggest(source, sources)


def tense_of(tense: str, planned: str | bool | None) -> tuple[Tense, str | None]:
    """Give the tense a claim is read in, and the rule broken ('tense' or 'planned'), if any.

    `planned` true makes it 'future'; a broken `tense` gives 'past' without looking at `planned`.
    """
    if tense != "past" and tense != "future":
        return "past", "tense"
    if isinstance(planned, bool):
        flag: bool | None = planned
    elif not planned or planned in schema.FALSE_WORDS:
        flag = False
    else:
        flag = True if planned in schema.TRUE_WORDS else None
    written: Tense = "past" if tense == "past" else "future"
    if flag is None:
        return written, "planned"
    return ("future" if flag else written), None


def date_problems(dates: ClaimDates, sources: Map[str, Source]) -> list[tuple[str, Pos, dict[str, str]]]:
    """Give the rules a claim's resolved dates break: (rule, where in the file, the fields its words use)."""
    claim, when, until = dates.claim, dates.when, dates.until
    fields = {"when": _bounds(when), "until": _bounds(until) if until else "",
              "when_start": when.start.iso() if when.start else "",
              "until_end": until.end.iso() if until and until.end else ""}
    broken: list[tuple[str, Pos, dict[str, str]]] = []
    if until is not None and until.end is not None and when.start is not None and until.end < when.start:
        broken.append(("until_before_when", claim.until_pos, fields))
    source = sources.get(claim.source) if claim.source else None
    published = source.published if source else None
    if claim.tense == "past" and published is not None and when.start is not None \
            and _after(when, published, source.published_at if source else None):
        counts = ""
        if claim.relative_to is None and _counts_on(claim.when):
            counts = "; if it counts from another event, name that event with `relative_to: EVENT-ID`"
        broken.append(("after_published", claim.when_pos,
                       {**fields, "source": claim.source or "",
                        "when": _moment_text(when, source.published_at if source else None),
                        "published": (source.published_at if source else None) or published.iso(),
                        "counts": counts}))
    return broken


def _after(when: ResolvedDate, published: Day, published_at: str | None) -> bool:
    """Give whether a claim's earliest moment is after its source's publication: by the instant when both have a
    time (a claim at 11:00 on a story stamped 09:12 that day is after it, one at 23:30 PT on a story stamped 09:00
    Eastern the next day is not), else by the day, so a day-only claim on the day of publication never is."""
    if published_at is not None and when.start_at is not None:
        return _instant(when.start_at) > _instant(published_at)
    return when.start is not None and when.start > published


def _moment_text(when: ResolvedDate, published_at: str | None) -> str:
    """Give a claim's date as the rule compared it: its earliest instant beside a timestamp, else its days."""
    if published_at is not None and when.start_at is not None:
        return when.start_at
    return _bounds(when)


def _instant(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def _counts_on(text: str) -> bool:
    from ..dates.resolve import counts_on

    return counts_on(text)


def _bounds(date: ResolvedDate) -> str:
    return bounds_text(date.start, date.end)


# --- a parsed tree ----------------------------------------------------------------------------------------------

def schema_kind(node: Node) -> str:
    """Give a node's kind in words."""
    if isinstance(node, Scalar):
        return f"the text '{node.value[:40]}'"
    return "a list" if isinstance(node, Sequence) else "a mapping"


def _unknown_keys(node: Mapping, known: dict[str, str], where: str, problems: Problems) -> None:
    if known.keys() >= node.items.keys():  # the usual case: no key's position is needed
        return
    for key, scalar in node.keys.items():
        if key not in known:
            problems.add(f"{where}: unknown key '{key}'{suggest(key, known)}; "
                         f"known keys: {', '.join(known)}", scalar.pos)


def _text(node: Mapping, key: str, problems: Problems, where: str = "the log") -> str:
    value = node.items.get(key)
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return ""
    if not isinstance(value, Scalar):
        problems.add(f"{where}: `{key}` must be text, not {schema_kind(value)}", value.pos)
        return ""
    if len(value.value) > MAX_TEXT:
        # one value inside the file's size limit can still be too big to draw: a page and reports hold it several
        # times over, so it is refused here rather than when memory runs out
        problems.add(f"{where}: `{key}` is {len(value.value):,} characters, over the limit of {MAX_TEXT:,} for one "
                     "value; shorten it (keep the source's full text elsewhere and link it)", value.pos)
        return ""
    return value.value


#: The longest one text value may be, in characters (fixed: a title or a quote is a line or a paragraph).
MAX_TEXT = 1 << 24


def _words(node: Mapping, key: str, problems: Problems, where: str) -> tuple[str, ...]:
    value = node.items.get(key)
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return ()
    if isinstance(value, Scalar):
        _refuse_hidden(value, key, problems, where)
        return (value.value,)
    if isinstance(value, Sequence):
        words = []
        for item in value.items:
            if isinstance(item, Scalar):
                _refuse_hidden(item, key, problems, where)
                if item.value.strip():
                    words.append(item.value)
            else:
                problems.add(f"{where}: each of `{key}` must be text, not {schema_kind(item)}", item.pos)
        return tuple(words)
    problems.add(f"{where}: `{key}` must be a list like [a, b], not a mapping", value.pos)
    return ()


def _refuse_hidden(item: Scalar, key: str, problems: Problems, where: str) -> None:
    """Refuse a tag or actor holding an invisible or reordering character: it would look like another one."""
    c = hidden_character(item.value)
    if c is not None:
        problems.add(f"{where}: `{key}` '{item.value[:40]}' holds the invisible character U+{ord(c):04X}, which "
                     "makes it look like another label; remove it", item.pos)


def _pos_of(node: Mapping, key: str) -> Pos:
    value = node.items.get(key)
    return value.pos if value is not None else node.pos


def _day(node: Mapping, key: str, problems: Problems, where: str) -> Day | None:
    text = _text(node, key, problems, where)
    if not text:
        return None
    try:
        return Day.parse(text)
    except ValueError as exc:
        if "T" in text:  # a timestamp from article metadata: the day as written in its own offset
            import pendulum

            try:
                return Day.from_date(pendulum.parse(text).date())  # type: ignore[union-attr]
            except (ValueError, TypeError, pendulum.parsing.exceptions.ParserError):
                pass
        problems.add(f"{where}: `{key}` {exc}; write it as YYYY-MM-DD", _pos_of(node, key))
        return None


def date_order(node: Mapping, problems: Problems, where: str = "the log") -> DateOrder | None:
    """Give the `date_order` a log or a source says (DMY or MDY), or None when it says none."""
    text = _text(node, "date_order", problems, where)
    if not text:
        return None
    if text.upper() not in DATE_ORDERS:
        problems.add(f"{where}: `date_order` must be DMY (14/05/2024 is 14 May) or MDY (05/14/2024 is 14 May), "
                     f"not '{text[:20]}'", _pos_of(node, "date_order"))
        return None
    return text.upper()  # type: ignore[return-value]  # one of DATE_ORDERS, checked just above


def log_timezone(tree: Mapping, problems: Problems) -> str | None:
    """Give the log's default `timezone` (its IANA name or offset), or None; a wrong one is a problem."""
    return _zone(tree, "timezone", problems, "the log")


def _zone(node: Mapping, key: str, problems: Problems, where: str) -> str | None:
    text = _text(node, key, problems, where)
    if not text:
        return None
    from ..dates.times import zone_named

    try:
        return zone_named(text)[0]
    except PhraseError as exc:
        problems.add(f"{where}: `{key}`: {exc.message}", _pos_of(node, key))
        return None


def _published(node: Mapping, problems: Problems, where: str, zone: str | None,
               default_zone: str | None) -> tuple[Day | None, str | None, str | None]:
    """Give (anchor day, publication instant, zone of its times) of a source's `published`, seen in `zone`."""
    text = _text(node, "published", problems, where)
    if not text:
        return None, None, zone
    try:
        return Day.parse(text), None, zone
    except ValueError as exc:
        day_error = exc
    from ..dates.times import iso, parse_instant

    try:
        day, instant, stamp_zone = parse_instant(text, zone)
        if instant is not None and instant.tzinfo is None and default_zone is not None:
            day, instant, stamp_zone = parse_instant(text, default_zone)
    except PhraseError as exc:
        problems.add(f"{where}: `published`: {exc.message}", _pos_of(node, "published"))
        return None, None, zone
    except ValueError:
        if "T" in text:  # a timestamp from article metadata that only pendulum reads: the day it names
            import pendulum

            try:
                return Day.from_date(pendulum.parse(text).date()), None, zone  # type: ignore[union-attr]
            except (ValueError, TypeError, pendulum.parsing.exceptions.ParserError):
                pass
        problems.add(f"{where}: `published` {day_error}; write it as YYYY-MM-DD or a timestamp like "
                     "2024-05-17T09:12:00-04:00", _pos_of(node, "published"))
        return None, None, zone
    return day, iso(instant) if instant is not None else None, zone or stamp_zone


def log_header(tree: Mapping, problems: Problems) -> tuple[str, str]:
    """Give the log's title and description (empty when not given), checking its top-level keys."""
    _unknown_keys(tree, schema.LOG_KEYS, "the log", problems)
    return _text(tree, "title", problems), _text(tree, "description", problems)


def log_flag(tree: Mapping, key: str, problems: Problems) -> bool:
    """Give a true/false setting of the log (false when not given); a problem for any other value."""
    written = _text(tree, key, problems)
    if not written or written in schema.FALSE_WORDS:
        return False
    if written in schema.TRUE_WORDS:
        return True
    problems.add(f"the log: `{key}` must be true or false, not '{written[:40]}'", _pos_of(tree, key))
    return False


def sources(node: Node | None, problems: Problems, order: DateOrder | None = None,
            default_zone: str | None = None) -> Map[str, Source]:
    """Give the sources of the `sources:` mapping, checked: ids, keys, urls and publication dates.

    `order` is the log's `date_order`, which a source without its own inherits; `default_zone` the log's
    `timezone`, in which a timestamp without an offset is read."""
    sources: dict[str, Source] = {}
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return sources
    if not isinstance(node, Mapping):
        problems.add(f"`sources` must be a mapping of source id to source, not {schema_kind(node)}", node.pos)
        return sources
    for sid, body in node.items.items():
        key_pos = node.keys[sid].pos
        where = f"source '{sid}'"
        if not schema.ID_PATTERN.match(sid):
            problems.add(f"{where}: a source id may hold letters, digits, '-', '_' and '.'; rename it", key_pos)
        if not isinstance(body, Mapping):
            if isinstance(body, Scalar) and body.is_null:
                sources[sid] = Source(id=sid, pos=key_pos, date_order=order)
            else:
                problems.add(f"{where} must be a mapping (title, publisher, url, published)", body.pos)
            continue
        _unknown_keys(body, schema.SOURCE_KEYS, where, problems)
        url = _text(body, "url", problems, where)
        _check_url(url, body, problems, where)
        zone = _zone(body, "timezone", problems, where)
        published, published_at, zone = _published(body, problems, where, zone, default_zone)
        sources[sid] = Source(
            id=sid, title=_text(body, "title", problems, where),
            publisher=_text(body, "publisher", problems, where), url=url,
            published=published, pos=key_pos, published_at=published_at, timezone=zone,
            date_order=date_order(body, problems, where) or order, notes=_text(body, "notes", problems, where),
        )
    return sources


def _check_url(url: str, node: Mapping, problems: Problems, where: str) -> None:
    if url_broken(url):
        problems.add(LOG_WORDS.url.format(where=where, url=url, problem=url_problem(url)), _pos_of(node, "url"))


def _tense(node: Mapping, problems: Problems, where: str, default: Tense = "past") -> Tense:
    written = _text(node, "tense", problems, where) or default
    if tense_of(written, None)[1] is not None:  # `planned` is not read when the tense itself is wrong
        problems.add(LOG_WORDS.tense.format(where=where, tense=written), _pos_of(node, "tense"))
        return default
    planned = _text(node, "planned", problems, where)
    tense, broken = tense_of(written, planned)
    if broken is not None:
        problems.add(LOG_WORDS.planned.format(where=where, planned=planned), _pos_of(node, "planned"))
    return tense


def _claim(node: Mapping, where: str, problems: Problems, *, default_source: str | None,
           default_tense: Tense = "past") -> Claim | None:
    when = _text(node, "when", problems, where)
    if not when:
        problems.add(f"{where}: `when` is missing; give the source's words or a date", node.pos)
        return None
    until = _text(node, "until", problems, where) or None
    relative_to = _text(node, "relative_to", problems, where) or None  # a claim's own: not the event's
    duration = _text(node, "for", problems, where) or None
    if duration and until:
        problems.add(f"{where}: give `until` or `for`, not both (`for` with `when` gives the end)",
                     _pos_of(node, "for"))
    return Claim(
        when=when, until=until,
        source=_text(node, "source", problems, where) or default_source,
        quote=_text(node, "quote", problems, where),
        anchor=_text(node, "anchor", problems, where) or None,
        tense=_tense(node, problems, where, default_tense),
        pos=node.pos, when_pos=_pos_of(node, "when"),
        until_pos=_pos_of(node, "until") if until else Pos(0, 0),
        relative_to=relative_to, duration=duration,
        relative_pos=_pos_of(node, "relative_to") if relative_to else Pos(0, 0),
        duration_pos=_pos_of(node, "for") if duration else Pos(0, 0),
    )


def events(node: Node | None, sources: Map[str, Source], problems: Problems,
           limits: Limits) -> list[Event]:
    """Give the events of the `events:` list as written, checked: ids, keys, sources, urls and claims' shape."""
    events: list[Event] = []
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return events
    if not isinstance(node, Sequence):
        problems.add(f"`events` must be a list of events (lines starting with '- '), not {schema_kind(node)}",
                     node.pos)
        return events
    if len(node.items) > limits.max_events:
        problems.add(f"{len(node.items):,} events, over the limit of {limits.max_events:,} (raise it with {{how}})",
                     node.pos, how="max-events")
        return events
    seen: dict[str, Pos] = {}
    for index, item in enumerate(node.items, 1):
        if not isinstance(item, Mapping):
            problems.add(f"event #{index} must be a mapping (id, title, when, ...), not {schema_kind(item)}",
                         item.pos)
            continue
        event_id = _text(item, "id", problems, f"event #{index}")
        where = f"event '{event_id}'" if event_id else f"event #{index}"
        _unknown_keys(item, schema.EVENT_KEYS, where, problems)
        broken = id_broken(event_id, seen) if event_id else None
        if not event_id:
            problems.add(f"{where}: `id` is missing; add a unique id like 'leike-resigns'", item.pos)
        elif broken is not None:
            first_line = seen[event_id].line if event_id in seen else 0
            problems.add(getattr(LOG_WORDS, broken).format(where=where, id=event_id, first_line=first_line),
                         _pos_of(item, "id"))
        else:
            seen[event_id] = _pos_of(item, "id")
        title = _text(item, "title", problems, where)
        if not title:
            problems.add(f"{where}: `title` is missing; say what happened in one line", item.pos)
        source = _text(item, "source", problems, where) or None
        own = _claim(item, where, problems, default_source=source)
        claims = [own] if own else []
        extra = item.items.get("claims")
        if extra is not None and not (isinstance(extra, Scalar) and extra.is_null):
            if not isinstance(extra, Sequence):
                problems.add(f"{where}: `claims` must be a list of claims", extra.pos)
            else:
                for n, c in enumerate(extra.items, 1):
                    if not isinstance(c, Mapping):
                        problems.add(f"{where}: claim #{n} must be a mapping (when, source, quote)", c.pos)
                        continue
                    _unknown_keys(c, schema.CLAIM_KEYS, f"{where} claim #{n}", problems)
                    claim = _claim(c, f"{where} claim #{n}", problems, default_source=source,
                                   default_tense=own.tense if own else "past")
                    if claim:
                        claims.append(claim)
        for claim in claims:
            if claim.source is not None and claim.source not in sources:
                pos = claim.pos if claim is not own else _pos_of(item, "source")
                if claim is not own and isinstance(extra, Sequence):
                    pos = _source_pos(extra, claim) or pos
                problems.add(LOG_WORDS.unknown_source.format(
                    where=where, source=claim.source, hint=source_hint(claim.source, sources, LOG_WORDS)), pos)
        url = _text(item, "url", problems, where)
        _check_url(url, item, problems, where)
        events.append(Event(
            id=event_id or f"#{index}", title=title, claims=tuple(claims),
            tags=_words(item, "tags", problems, where), actors=_words(item, "actors", problems, where),
            notes=_text(item, "notes", problems, where), url=url, pos=item.pos,
        ))
    return events


def _source_pos(claims: Sequence, claim: Claim) -> Pos | None:
    for node in claims.items:
        if isinstance(node, Mapping) and node.pos == claim.pos and "source" in node.items:
            return node.items["source"].pos
    return None


def check_dates(where: str, dates: ClaimDates, sources: Map[str, Source], problems: Problems) -> bool:
    """Give whether a claim's resolved dates keep the rules; add a problem for each they break."""
    broken = date_problems(dates, sources)
    for rule, pos, fields in broken:
        problems.add(getattr(LOG_WORDS, rule).format(where=where, **fields), pos)
    return not broken


def period_claims(node: Node | None, sources: Map[str, Source],
                  problems: Problems) -> list[tuple[int, str, Claim, Pos]]:
    """Give (number, title, claim, place) of each period whose shape and source are right, to be resolved."""
    periods: list[tuple[int, str, Claim, Pos]] = []
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return periods
    if not isinstance(node, Sequence):
        problems.add("`periods` must be a list of periods (title, when, until)", node.pos)
        return periods
    for n, item in enumerate(node.items, 1):
        if not isinstance(item, Mapping):
            problems.add(f"period #{n} must be a mapping (title, when, until)", item.pos)
            continue
        where = f"period #{n}"
        _unknown_keys(item, schema.PERIOD_KEYS, where, problems)
        title = _text(item, "title", problems, where)
        claim = _claim(item, where, problems, default_source=_text(item, "source", problems, where) or None)
        if claim is None:
            continue
        if claim.source is not None and claim.source not in sources:
            problems.add(f"{where}: unknown source '{claim.source}'{suggest(claim.source, sources)}",
                         _pos_of(item, "source"))
            continue
        periods.append((n, title, claim, item.pos))
    return periods
