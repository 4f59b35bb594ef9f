"""Read `events.yaml` into a checked, resolved `Log`: every problem found at once, each with its place."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping as Map
from pathlib import Path

from . import schema
from ..calendar import Day
from ..errors import LogError, PhraseError, ProblemList, StorageError, TimelineError
from ..model import (Claim, ClaimDates, Event, Limits, Log, Period, Pos, Record, ResolvedDate, Source, Tense,
                     gc_paused)
from .reconcile import reconcile
from .yamltree import Mapping, Node, Scalar, Sequence, decode, parse


def read_text(path: str | Path, limits: Limits = Limits()) -> str:
    """Give the text of a log file, or a StorageError/LogError saying what is wrong and what to do."""
    return decode(read_bytes(path, limits), str(path))


def read_bytes(path: str | Path, limits: Limits = Limits()) -> bytes:
    """Give the bytes of a log file within the size limit, or a StorageError/LogError saying what to do."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > limits.max_bytes:
            raise LogError(f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} (raise it with {{how}})",
                           path=name, how="max-bytes")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise StorageError("no such file; create it, or {how}", path=name, how="log-file") from None
    except IsADirectoryError:
        raise StorageError("is a folder, not a file; {how}", path=name, how="log-not-folder") from None
    except PermissionError:
        raise StorageError("permission denied; check the file's permissions", path=name) from None
    except OSError as exc:
        raise StorageError(f"cannot read: {exc.strerror}", path=name) from None
    return data


def load(path: str | Path = "events.yaml", *, limits: Limits = Limits()) -> Log:
    """Give the checked, resolved log in `path`; raise ProblemList (every problem, with places) if any."""
    return loads(read_text(path, limits), path=str(path), limits=limits)


def loads(text: str, *, path: str = "events.yaml", limits: Limits = Limits()) -> Log:
    """Give the checked, resolved log in YAML `text`; `path` is only used in messages."""
    if not text.strip():
        raise LogError("the file is empty; start it with `title:`, `sources:` and `events:` "
                       "(see the README)", path=path, line=1, col=1)
    return build(parse(text, path, limits), path=path, limits=limits)


class _Problems:
    """Collects problems instead of stopping at the first, so one run shows them all."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[TimelineError] = []

    def add(self, message: str, pos: Pos | None, *, how: str | None = None) -> None:
        self.items.append(LogError(message, path=self.path, line=pos.line if pos else None,
                                   col=pos.col if pos else None, how=how))


def build(tree: Node | None, *, path: str, limits: Limits = Limits()) -> Log:
    """Give the Log of a parsed tree, checked and resolved, or raise ProblemList."""
    # the records hold no reference cycles: a paused collector would find nothing, and walking a large log's
    # objects again and again was a fifth of the time of building it
    with gc_paused():
        return _build(tree, path=path, limits=limits)


def _build(tree: Node | None, *, path: str, limits: Limits) -> Log:
    problems = _Problems(path)
    if tree is None or (isinstance(tree, Scalar) and tree.is_null):
        raise LogError("the file is empty; start it with `title:`, `sources:` and `events:` (see the README)",
                       path=path, line=1, col=1)
    if not isinstance(tree, Mapping):
        raise LogError(f"the log must be a mapping with `title:`, `sources:` and `events:`, "
                       f"not {schema_kind(tree)}", path=path, line=tree.pos.line, col=tree.pos.col)
    _unknown_keys(tree, schema.LOG_KEYS, "the log", problems)
    title = _text(tree, "title", problems) or Path(path).stem
    description = _text(tree, "description", problems)
    sources = _sources(tree.items.get("sources"), problems)
    events = _events(tree.items.get("events"), sources, problems, limits)
    if "events" not in tree.items:
        problems.add("the log has no `events:` list; add one (it may be empty: `events: []`)", tree.pos)
    records: list[Record] = []
    for event in events:
        record = _resolve_event(event, sources, problems)
        if record is not None:
            records.append(record)
    periods = _periods(tree.items.get("periods"), sources, problems)
    if problems.items:
        problems.items.sort(key=lambda p: (p.line or 0, p.col or 0))
        raise ProblemList(problems.items)
    from .query import sort_key

    records.sort(key=sort_key)
    return Log(path=path, title=title, description=description, sources=sources, events=tuple(events),
               records=tuple(records), periods=tuple(periods))


def schema_kind(node: Node) -> str:
    """Give a node's kind in words."""
    if isinstance(node, Scalar):
        return f"the text '{node.value[:40]}'"
    return "a list" if isinstance(node, Sequence) else "a mapping"


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _unknown_keys(node: Mapping, known: dict[str, str], where: str, problems: _Problems) -> None:
    if known.keys() >= node.items.keys():  # the usual case: no key's position is needed
        return
    for key, scalar in node.keys.items():
        if key not in known:
            problems.add(f"{where}: unknown key '{key}'{_suggest(key, known)}; "
                         f"known keys: {', '.join(known)}", scalar.pos)


def _text(node: Mapping, key: str, problems: _Problems, where: str = "the log") -> str:
    value = node.items.get(key)
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return ""
    if not isinstance(value, Scalar):
        problems.add(f"{where}: `{key}` must be text, not {schema_kind(value)}", value.pos)
        return ""
    return value.value


def _words(node: Mapping, key: str, problems: _Problems, where: str) -> tuple[str, ...]:
    value = node.items.get(key)
    if value is None or (isinstance(value, Scalar) and value.is_null):
        return ()
    if isinstance(value, Scalar):
        return (value.value,)
    if isinstance(value, Sequence):
        words = []
        for item in value.items:
            if isinstance(item, Scalar):
                if item.value.strip():
                    words.append(item.value)
            else:
                problems.add(f"{where}: each of `{key}` must be text, not {schema_kind(item)}", item.pos)
        return tuple(words)
    problems.add(f"{where}: `{key}` must be a list like [a, b], not a mapping", value.pos)
    return ()


def _pos_of(node: Mapping, key: str) -> Pos:
    value = node.items.get(key)
    return value.pos if value is not None else node.pos


def _day(node: Mapping, key: str, problems: _Problems, where: str) -> Day | None:
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


def _sources(node: Node | None, problems: _Problems) -> Map[str, Source]:
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
                sources[sid] = Source(id=sid, pos=key_pos)
            else:
                problems.add(f"{where} must be a mapping (title, publisher, url, published)", body.pos)
            continue
        _unknown_keys(body, schema.SOURCE_KEYS, where, problems)
        url = _text(body, "url", problems, where)
        _check_url(url, body, problems, where)
        sources[sid] = Source(
            id=sid, title=_text(body, "title", problems, where),
            publisher=_text(body, "publisher", problems, where), url=url,
            published=_day(body, "published", problems, where), pos=key_pos,
        )
    return sources


def _check_url(url: str, node: Mapping, problems: _Problems, where: str) -> None:
    from ..safety import safe_url

    if url and safe_url(url) is None:
        problems.add(f"{where}: url '{url[:60]}' must start with http://, https:// or mailto:",
                     _pos_of(node, "url"))


def _flag(node: Mapping, key: str, problems: _Problems, where: str) -> bool:
    text = _text(node, key, problems, where)
    if not text or text in schema.FALSE_WORDS:
        return False
    if text in schema.TRUE_WORDS:
        return True
    problems.add(f"{where}: `{key}` must be true or false, not '{text}'", _pos_of(node, key))
    return False


def _tense(node: Mapping, problems: _Problems, where: str, default: Tense = "past") -> Tense:
    tense = _text(node, "tense", problems, where) or default
    if tense != "past" and tense != "future":
        problems.add(f"{where}: `tense` must be 'past' or 'future', not '{tense}'", _pos_of(node, "tense"))
        return default
    if _flag(node, "planned", problems, where):
        return "future"
    return "past" if tense == "past" else "future"


def _claim(node: Mapping, where: str, problems: _Problems, *, default_source: str | None,
           default_tense: Tense = "past") -> Claim | None:
    when = _text(node, "when", problems, where)
    if not when:
        problems.add(f"{where}: `when` is missing; give the source's words or a date", node.pos)
        return None
    until = _text(node, "until", problems, where) or None
    return Claim(
        when=when, until=until,
        source=_text(node, "source", problems, where) or default_source,
        quote=_text(node, "quote", problems, where),
        anchor=_text(node, "anchor", problems, where) or None,
        tense=_tense(node, problems, where, default_tense),
        pos=node.pos, when_pos=_pos_of(node, "when"),
        until_pos=_pos_of(node, "until") if until else Pos(0, 0),
    )


def _events(node: Node | None, sources: Map[str, Source], problems: _Problems,
            limits: Limits) -> list[Event]:
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
        if not event_id:
            problems.add(f"{where}: `id` is missing; add a unique id like 'leike-resigns'", item.pos)
        elif not schema.ID_PATTERN.match(event_id):
            problems.add(f"{where}: an id may hold letters, digits, '-', '_' and '.' (up to 200); rename it",
                         _pos_of(item, "id"))
        elif event_id in seen:
            problems.add(f"duplicate event id '{event_id}' (first at line {seen[event_id].line}); "
                         "rename one of them", _pos_of(item, "id"))
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
                problems.add(f"{where}: unknown source '{claim.source}'{_suggest(claim.source, sources)}; "
                             "add it under `sources:` or fix the id", pos)
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


def anchor_of(claim: Claim, sources: Map[str, Source]) -> tuple[Day | None, str]:
    """Give the anchor day for a claim's phrases and where it came from, in words."""
    if claim.anchor:
        return Day.parse(claim.anchor), "the claim's own anchor"
    if claim.source and claim.source in sources:
        published = sources[claim.source].published
        if published is not None:
            return published, f"source '{claim.source}' published"
    return None, "no anchor"


def resolve_claim(claim: Claim, sources: Map[str, Source]) -> ClaimDates:
    """Give a claim with its `when` and `until` resolved; raise PhraseError (placed) if either cannot be."""
    from ..dates.resolve import resolve_phrase

    try:
        anchor, _ = anchor_of(claim, sources)
    except ValueError as exc:
        raise PhraseError(f"`anchor` {exc}; write it as YYYY-MM-DD", line=claim.pos.line,
                          col=claim.pos.col) from None
    resolved: list[ResolvedDate | None] = []
    for text, pos in ((claim.when, claim.when_pos), (claim.until, claim.until_pos)):
        if text is None:
            resolved.append(None)
            continue
        try:
            resolved.append(resolve_phrase(text, anchor, tense=claim.tense))
        except PhraseError as exc:
            message = exc.message
            if anchor is None and "relative" in message and not claim.source:
                message += "; name a `source:` with a `published` date or give an `anchor:`"
            raise PhraseError(message, line=pos.line, col=pos.col) from None
    when, until = resolved
    assert when is not None
    return ClaimDates(claim=claim, when=when, until=until)


def _resolve_event(event: Event, sources: Map[str, Source], problems: _Problems) -> Record | None:
    where = f"event '{event.id}'"
    dated: list[ClaimDates] = []
    ok = True
    for claim in event.claims:
        if claim.source is not None and claim.source not in sources:
            ok = False
            continue
        try:
            dates = resolve_claim(claim, sources)
        except PhraseError as exc:
            problems.add(f"{where}: {exc.message}", Pos(exc.line or 0, exc.col or 0))
            ok = False
            continue
        if not _check_claim(where, dates, sources, problems):
            ok = False
        dated.append(dates)
    if not ok or not dated:
        return None
    try:
        return reconcile(event, tuple(dated))
    except PhraseError as exc:
        problems.add(f"{where}: {exc.message}", Pos(exc.line or 0, exc.col or 0))
        return None


def _check_claim(where: str, dates: ClaimDates, sources: Map[str, Source], problems: _Problems) -> bool:
    claim = dates.claim
    ok = True
    if dates.until is not None and dates.until.end is not None and dates.when.start is not None \
            and dates.until.end < dates.when.start:
        problems.add(f"{where}: `until` ({_bounds(dates.until)}) is before `when` ({_bounds(dates.when)}); "
                     "swap them or fix one", claim.until_pos)
        ok = False
    source = sources.get(claim.source) if claim.source else None
    published = source.published if source else None
    if claim.tense == "past" and published is not None and dates.when.start is not None \
            and dates.when.start > published:
        problems.add(f"{where}: dated {_bounds(dates.when)}, after its source '{claim.source}' was published "
                     f"({published.iso()}); fix the date, or mark it `planned: true` if it was announced "
                     "ahead", claim.when_pos)
        ok = False
    return ok


def _bounds(date: ResolvedDate) -> str:
    lo = date.start.iso() if date.start else "..."
    hi = date.end.iso() if date.end else "..."
    return lo if lo == hi else f"{lo}..{hi}"


def _periods(node: Node | None, sources: Map[str, Source], problems: _Problems) -> list[Period]:
    periods: list[Period] = []
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
            problems.add(f"{where}: unknown source '{claim.source}'{_suggest(claim.source, sources)}",
                         _pos_of(item, "source"))
            continue
        try:
            dates = resolve_claim(claim, sources)
        except PhraseError as exc:
            problems.add(f"{where}: {exc.message}", Pos(exc.line or 0, exc.col or 0))
            continue
        periods.append(Period(title=title or f"period {n}", when=dates.when, until=dates.until, pos=item.pos))
    return periods
