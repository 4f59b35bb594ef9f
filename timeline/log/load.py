"""Read `events.yaml` into a checked, resolved `Log`: every problem found at once, each with its place.

The conductor of the log's stages: read the file, parse it (`yamltree`), check its shape (`check`), resolve each
claim's phrases (`timeline.dates`), check the dates (`check`) and reconcile each event's claims (`reconcile`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping as Map, Set
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import asof, check
from ..calendar import Day, bounds_text
from ..errors import LogError, PhraseError, ProblemList, StorageError, TimelineError
from ..model import (AsOf, Claim, ClaimDates, DateOrder, Event, Limits, Log, Period, Pos, Record, ResolvedDate,
                     Source, gc_paused)
from .asof import AsOfLike
from .check import Given, Problems, Words
from .query import sort_key
from .reconcile import conflict_text
from .yamltree import Mapping, Node, Scalar, decode, parse

DayRange = tuple[Day | None, Day | None]

if TYPE_CHECKING:
    from ..dates.times import ZoneChoice


def read_text(path: str | Path, limits: Limits = Limits()) -> str:
    """Give the text of a log file, or a StorageError/LogError saying what is wrong and what to do."""
    return decode(read_bytes(path, limits), str(path))


@dataclass(frozen=True, slots=True)
class FileWords:
    """What `read_bytes` says of a file it cannot read, for the kind of file it is (the log, a file to import)."""

    too_big: type[TimelineError]  # the error of a file over the size limit
    missing: str
    folder: str
    missing_how: str | None = None  # the errors.HOW key each message's {how} names
    folder_how: str | None = None


LOG_FILE = FileWords(LogError, "no such file; create it, or {how}", "is a folder, not a file; {how}",
                     missing_how="log-file", folder_how="log-not-folder")


def read_bytes(path: str | Path, limits: Limits = Limits(), *, words: FileWords = LOG_FILE) -> bytes:
    """Give the bytes of a file within the size limit, or a StorageError (or `words.too_big`) saying what to do.

    A stream (a pipe, `/dev/stdin`, a device) has no size to check beforehand: it is read up to the limit and
    refused beyond it, so `-f /dev/zero` ends with the limit's message, never with memory exhausted."""
    import os
    import stat

    name = str(path)

    def too_big(size: str) -> TimelineError:
        return words.too_big(f"file is {size} bytes, over the limit of {limits.max_bytes:,} (raise it with {{how}})",
                             path=name, how="max-bytes")

    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError
            if stat.S_ISREG(st.st_mode) and st.st_size > limits.max_bytes:
                raise too_big(f"{st.st_size:,}")
            data = handle.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:
                raise too_big(f"more than {limits.max_bytes:,}")  # a stream, or a file that grew while read
    except FileNotFoundError:
        raise StorageError(words.missing, path=name, how=words.missing_how) from None
    except IsADirectoryError:
        raise StorageError(words.folder, path=name, how=words.folder_how) from None
    except PermissionError:
        raise StorageError("permission denied; check the file's permissions", path=name) from None
    except TimelineError:
        raise
    except OSError as exc:
        raise StorageError(f"cannot read: {exc.strerror}", path=name) from None
    return data


def load(path: str | Path = "events.yaml", *, limits: Limits = Limits(), as_of: AsOfLike | None = None,
         strict: bool = False) -> Log:
    """Give the checked, resolved log in `path`; raise ProblemList (every problem, with places) if any.

    With `as_of` (a day, a timestamp, or their ISO text) the log is as it was known then: only claims whose source
    was published on or before it count (claims with no source always do), an event appears when one of its claims
    counts, and its bounds reconcile only those. Claims that cannot all be true make a disputed record and a
    warning (`Log.warnings`); with `strict` (or `strict: true` in the log) they are problems, as they once were.
    """
    return loads(read_text(path, limits), path=str(path), limits=limits, as_of=as_of, strict=strict)


def loads(text: str, *, path: str = "events.yaml", limits: Limits = Limits(), as_of: AsOfLike | None = None,
          strict: bool = False) -> Log:
    """Give the checked, resolved log in YAML `text` (as `load` does); `path` is only used in messages."""
    if not text.strip():
        raise LogError("the file is empty; start it with `title:`, `sources:` and `events:` "
                       "(see the README)", path=path, line=1, col=1)
    return build(parse(text, path, limits), path=path, limits=limits, as_of=as_of, strict=strict)


def build(tree: Node | None, *, path: str, limits: Limits = Limits(), as_of: AsOfLike | None = None,
          strict: bool = False) -> Log:
    """Give the Log of a parsed tree, checked and resolved (as `load` does), or raise ProblemList.

    The tree is only read, so one parsed tree may be built as of several moments (`timeline.log.changes`)."""
    moment = asof.as_of(as_of)
    # the records hold no reference cycles: a paused collector would find nothing, and walking a large log's
    # objects again and again was a fifth of the time of building it
    with gc_paused():
        return _build(tree, path=path, limits=limits, as_of=moment, strict=strict)


def dispute_problems(records: Iterable[Record], path: str, *, strict: bool = False) -> list[LogError]:
    """Give one finding per pair of claims that cannot both be true, at the second claim's `when`, naming both:
    worded as a warning on a disputed event, or with `strict` as the error to fix."""
    advice = "fix or remove one of them" if strict else "the event is marked disputed (fix or remove one to settle it)"
    found = []
    for record in records:
        for first, second in record.conflicts:
            pos = second.claim.when_pos
            found.append(LogError(f"event '{record.id}': claims cannot all be true: {conflict_text(first, second)}; "
                                  f"{advice}", path=path, line=pos.line, col=pos.col))
    return found


def _build(tree: Node | None, *, path: str, limits: Limits, as_of: AsOf | None, strict: bool) -> Log:
    problems = Problems(path)
    if tree is None or (isinstance(tree, Scalar) and tree.is_null):
        raise LogError("the file is empty; start it with `title:`, `sources:` and `events:` (see the README)",
                       path=path, line=1, col=1)
    if not isinstance(tree, Mapping):
        raise LogError(f"the log must be a mapping with `title:`, `sources:` and `events:`, "
                       f"not {check.schema_kind(tree)}", path=path, line=tree.pos.line, col=tree.pos.col)
    title, description = check.log_header(tree, problems)
    strict = check.log_flag(tree, "strict", problems) or strict
    title = title or Path(path).stem
    order = check.date_order(tree, problems)
    zone = check.log_timezone(tree, problems)
    sources = check.sources(tree.items.get("sources"), problems, order, zone)
    events = check.events(tree.items.get("events"), sources, problems, limits)
    if "events" not in tree.items:
        problems.add("the log has no `events:` list; add one (it may be empty: `events: []`)", tree.pos)
    records = _resolve_events(events, sources, problems, as_of, order, zone)
    periods = [(period, claim) for period, claim in
               _periods(check.period_claims(tree.items.get("periods"), sources, problems), sources, problems,
                        order, zone, {r.id: r for r in records}, {e.id for e in events})
               if asof.counts(claim, sources, as_of)]
    disputes = dispute_problems(records, path)
    if strict:
        problems.items.extend(dispute_problems(records, path, strict=True))
    if problems.items:
        problems.items.sort(key=lambda p: (p.line or 0, p.col or 0))
        raise ProblemList(problems.items)
    records.sort(key=sort_key)
    known = sources if as_of is None else {sid: s for sid, s in sources.items() if as_of.counts(s.published)}
    return Log(path=path, title=title, description=description, sources=known, events=tuple(events),
               records=tuple(records), periods=tuple(p for p, _ in periods), as_of=as_of,
               warnings=tuple(disputes), date_order=order, timezone=zone)


def anchor_of(claim: Claim, sources: Map[str, Source]) -> tuple[Day | None, str]:
    """Give the anchor day for a claim's phrases and where it came from, in words."""
    if claim.anchor:
        try:
            return Day.parse(claim.anchor), "the claim's own anchor"
        except ValueError:
            if not any(c in claim.anchor for c in ":."):
                raise
            from ..dates.times import parse_instant  # a timestamp: the day it names in its own offset

            try:
                return parse_instant(claim.anchor)[0], "the claim's own anchor"
            except PhraseError as exc:
                raise ValueError(exc.message) from None
    if claim.source and claim.source in sources:
        published = sources[claim.source].published
        if published is not None:
            return published, f"source '{claim.source}' published"
    return None, "no anchor"


def anchor_days(record: Record) -> tuple[DayRange, DayRange]:
    """Give the days another event's phrases count from: where its first day lies, where its last day lies."""
    return (record.start, record.start_latest), (record.end_earliest, record.end)


def _own_days(date: ResolvedDate) -> tuple[DayRange, DayRange]:
    """Give where a resolved `when`'s first and last day lie (a point's both lie anywhere in its bounds)."""
    if date.kind == "span":
        return (date.start, date.start if date.start is not None else date.end), \
            (date.end if date.end is not None else date.start, date.end)
    return (date.start, date.end), (date.start, date.end)


def zone_of(claim: Claim, sources: Map[str, Source], log_zone: str | None = None) -> ZoneChoice | None:
    """Give the zone a claim's times without their own are in: its source's, else the log's, else None."""
    from ..dates.times import ZoneChoice

    stamp = _anchor_stamp(claim)
    if stamp is not None and stamp[1]:
        return ZoneChoice(stamp[1], "the claim's anchor's own offset or zone")
    source = sources.get(claim.source) if claim.source else None
    if source is not None and source.timezone:
        return ZoneChoice(source.timezone, f"source '{source.id}' zone")
    if log_zone:
        return ZoneChoice(log_zone, "the log's timezone")
    return None


def now_of(claim: Claim, sources: Map[str, Source]) -> datetime | None:
    """Give the publication instant of a claim's source (for "earlier today"), or None."""
    if claim.anchor:
        stamp = _anchor_stamp(claim)
        return stamp[0] if stamp is not None else None
    source = sources.get(claim.source) if claim.source else None
    if source is None or not source.published_at:
        return None
    return datetime.fromisoformat(source.published_at)


def _anchor_stamp(claim: Claim) -> tuple[datetime | None, str | None] | None:
    """Give (instant, zone) of a claim's `anchor` when it is a timestamp, else None."""
    if not claim.anchor or not any(c in claim.anchor for c in ":."):
        return None
    from ..dates.times import parse_instant

    try:
        _, instant, zone = parse_instant(claim.anchor)
    except (ValueError, PhraseError):
        return None
    return instant, zone


_DATES: tuple[Any, Any, Any] | None = None


def _dates() -> tuple[Any, Any, Any]:
    """Give the modules `dates.times`, `dates.resolve` and `dates.durations`, imported on first use (a cached
    query needs none), once: an import statement in `resolve_claim` cost two module lookups per claim."""
    global _DATES
    if _DATES is None:
        from ..dates import durations, resolve, times

        _DATES = (times, resolve, durations)
    return _DATES


def resolve_claim(claim: Claim, sources: Map[str, Source], order: DateOrder | None = None,
                  records: Map[str, Record] | None = None, log_zone: str | None = None) -> ClaimDates:
    """Give a claim with its `when` and `until` resolved; raise PhraseError (placed) if either cannot be.

    Slashed numeric dates read in the order of the claim's source (its own `date_order`, else the log's), else in
    `order` (the log's).

    A claim `relative_to` another event reads its phrases against that event's record in `records` (which the
    caller resolves first). An `until` that counts on ("three weeks later", "the next day") is read against the
    claim's own `when`; a `for:` duration gives the end from the `when`'s start. Times without a zone are in the
    claim's source's zone, else `log_zone` (the log's)."""
    times, resolve, durations = _dates()
    maybe_timed, resolve_when, duration_only = times.maybe_timed, times.resolve_when, durations.duration_only
    counts_on, resolve_phrase, resolve_relative = resolve.counts_on, resolve.resolve_phrase, resolve.resolve_relative

    try:
        anchor, _ = anchor_of(claim, sources)
    except ValueError as exc:
        raise PhraseError(f"`anchor` {exc}; write it as YYYY-MM-DD", line=claim.pos.line,
                          col=claim.pos.col) from None
    other = records.get(claim.relative_to) if records is not None and claim.relative_to else None
    # most claims are days: their zone and publication instant are looked up only when a phrase may hold a time
    timed = isinstance(claim.when, str) and (maybe_timed(claim.when) or (
        isinstance(claim.until, str) and maybe_timed(claim.until)))
    zone, now = (zone_of(claim, sources, log_zone), now_of(claim, sources)) if timed else (None, None)
    resolved: list[ResolvedDate | None] = []
    for text, pos in ((claim.when, claim.when_pos), (claim.until, claim.until_pos)):
        if text is None:
            resolved.append(None)
            continue
        try:
            if resolved and resolved[0] is not None and duration_only(text) is not None:
                resolved.append(_lasting(claim, resolved[0], text, pos))  # "until: for three weeks"
            elif other is not None:
                resolved.append(resolve_relative(text, *anchor_days(other), tense=claim.tense))
            elif resolved and resolved[0] is not None and counts_on(text):
                resolved.append(resolve_relative(text, *_own_days(resolved[0]), tense=claim.tense))
            else:
                source = sources.get(claim.source) if claim.source else None
                reading = source.date_order if source is not None and source.date_order else order
                resolved.append(resolve_when(text, anchor, tense=claim.tense, zone=zone, now=now,
                                             date_order=reading) if timed
                                else resolve_phrase(text, anchor, tense=claim.tense, date_order=reading))
        except PhraseError as exc:
            message = exc.message
            if anchor is None and "relative" in message and not claim.source:
                message += "; name a `source:` with a `published` date, give an `anchor:` or a `relative_to:` event"
            raise PhraseError(message, line=pos.line, col=pos.col) from None
    when, until = resolved
    assert when is not None
    if claim.duration is not None and until is None:
        until = _lasting(claim, when)
    return ClaimDates(claim=claim, when=when, until=until)


def _lasting(claim: Claim, when: ResolvedDate, written: str | None = None, at: Pos | None = None) -> ResolvedDate:
    """Give the end a duration gives an event, counted from its `when`'s start: its `for:` key, or `written`
    (an `until` that is only a duration, "for three weeks", at `at`)."""
    from ..dates.durations import duration_bound, ends_after, parse_duration
    from ..dates.edtf import edtf_of_bounds

    text = written if written is not None else claim.duration
    assert text is not None
    pos = at if at is not None else claim.duration_pos
    key = "until" if written is not None else "for"
    try:
        count, unit = parse_duration(text)
    except PhraseError as exc:
        raise PhraseError(f"`for` {exc.message.removeprefix('cannot read ')}", line=pos.line, col=pos.col) from None
    (first, last), _ = _own_days(when)
    if first is None or last is None:
        raise PhraseError(f"`{key}: {text}` counts from the start, and `when` ('{when.text}') has no known "
                          "start; give a `when` with a start, or an `until` date", line=pos.line, col=pos.col)
    lo, hi = ends_after(first, last, count, unit)
    length = f"{count} {unit}{'s' if count != 1 else ''}"
    bound = duration_bound(text)
    end: Day | None = hi
    if bound == "at-least":  # "more than three decades": ends no earlier than that, when is not known
        end, length = None, f"at least {length}"
    elif bound == "at-most":  # "nearly two weeks": ends on any day up to then
        lo, length = first, f"at most {length}"
    return ResolvedDate(text if written is not None else f"for {text}", None, lo, end, "day",
                        edtf_of_bounds(lo, end), "duration",
                        f"{length} from the start, {bounds_text(first, last)}")


def _resolve_events(events: list[Event], sources: Map[str, Source], problems: Problems,
                    as_of: AsOf | None, order: DateOrder | None = None,
                    log_zone: str | None = None) -> list[Record]:
    """Give the records of `events`, each resolved after every event it is `relative_to` (in the log's order
    otherwise); an unknown id is a problem with a suggestion, a loop one problem naming every line of it.

    As of a moment, an event whose anchor event is not known yet is not known yet either (no problem)."""
    by_id = {event.id: event for event in events}
    after: dict[str, list[Claim]] = {}
    for event in events:
        after[event.id] = [c for c in event.claims if c.relative_to is not None]
        for claim in after[event.id]:
            if claim.relative_to not in by_id:
                assert claim.relative_to is not None
                problems.add(f"event '{event.id}': `relative_to` names no event '{claim.relative_to}'"
                             f"{check.suggest(claim.relative_to, by_id)}; give the id of an event in this log",
                             claim.relative_pos)
    if not any(after.values()):  # the usual log: no event counts from another
        return [r for r in (_resolve_event(e, sources, problems, as_of, order, None, log_zone) for e in events)
                if r is not None]
    done: dict[str, Record] = {}
    failed: set[str] = set()  # cannot be dated: a problem says why
    unknown: set[str] = set()  # not known as of the moment: no problem
    state: dict[str, int] = {}  # 1 = being resolved, 2 = finished
    looped: set[str] = set()

    def visit(event: Event, path: list[tuple[Event, Claim]]) -> None:
        state[event.id] = 1
        for claim in after[event.id]:
            target = by_id.get(claim.relative_to or "")
            if target is None:  # unknown id: said above
                failed.add(event.id)
                continue
            if state.get(target.id) == 1:  # a loop: from the target through the path back to it
                trail = [*path, (event, claim)]
                loop = trail[next(i for i, (e, _) in enumerate(trail) if e.id == target.id):]
                steps = ", ".join(f"'{e.id}' (line {c.relative_pos.line}) counts from '{c.relative_to}'"
                                  for e, c in loop)
                problems.add(f"event '{loop[0][0].id}': `relative_to` makes a loop: {steps}; date one of them "
                             "from its source instead", loop[0][1].relative_pos)
                looped.update(e.id for e, _ in loop)
                continue
            if state.get(target.id) is None:
                visit(target, [*path, (event, claim)])
            if target.id in failed or target.id in looped:
                failed.add(event.id)
                if event.id not in looped:
                    problems.add(f"event '{event.id}': cannot be dated, as '{target.id}', which it counts from "
                                 "(`relative_to`), cannot; fix that event first", claim.relative_pos)
            elif target.id in unknown:
                unknown.add(event.id)
        state[event.id] = 2
        if event.id in failed or event.id in looped:
            failed.add(event.id)
            return
        if event.id in unknown:
            return
        before = len(problems.items)
        record = _resolve_event(event, sources, problems, as_of, order, done, log_zone)
        if record is not None:
            done[event.id] = record
        elif len(problems.items) > before:
            failed.add(event.id)
        else:
            unknown.add(event.id)

    for event in events:
        if state.get(event.id) is None:
            visit(event, [])
    return [done[e.id] for e in events if e.id in done]


def _resolve_event(event: Event, sources: Map[str, Source], problems: Problems,
                   as_of: AsOf | None = None, order: DateOrder | None = None,
                   records: Map[str, Record] | None = None,
                   log_zone: str | None = None) -> Record | None:
    """Give the record of an event: every claim resolved and checked (an error is one whenever its source was
    published), those that count as of `as_of` reconciled; None when one is wrong or none counts."""
    where = f"event '{event.id}'"
    dated: list[ClaimDates] = []
    ok = True
    for claim in event.claims:
        if claim.source is not None and claim.source not in sources:
            ok = False
            continue
        try:
            dates = resolve_claim(claim, sources, order, records, log_zone)
        except PhraseError as exc:
            problems.add(f"{where}: {exc.message}", Pos(exc.line or 0, exc.col or 0))
            ok = False
            continue
        if not check.check_dates(where, dates, sources, problems):
            ok = False
        dated.append(dates)
    if not ok:
        return None
    return asof.known_record(event, dated, sources, as_of)


def _periods(claims: list[tuple[int, str, Claim, Pos]], sources: Map[str, Source],
             problems: Problems, order: DateOrder | None = None, log_zone: str | None = None,
             records: Map[str, Record] | None = None, ids: Set[str] = frozenset()) -> list[tuple[Period, Claim]]:
    """Give the periods resolved, each after the event it is `relative_to` (an unknown id is a problem with a
    suggestion; an event that cannot be dated, or is not known as of the moment, leaves the period out)."""
    periods: list[tuple[Period, Claim]] = []
    for n, title, claim, pos in claims:
        if claim.relative_to is not None:
            if claim.relative_to not in ids:
                problems.add(f"period #{n}: `relative_to` names no event '{claim.relative_to}'"
                             f"{check.suggest(claim.relative_to, ids)}; give the id of an event in this log",
                             claim.relative_pos)
                continue
            if records is None or claim.relative_to not in records:
                continue  # that event's own problem is said where it is, or it is not known yet
        try:
            dates = resolve_claim(claim, sources, order, records, log_zone=log_zone)
        except PhraseError as exc:
            problems.add(f"period #{n}: {exc.message}", Pos(exc.line or 0, exc.col or 0))
            continue
        periods.append((Period(title=title or f"period {n}", when=dates.when, until=dates.until, pos=pos), claim))
    return periods


def check_events(items: Iterable[tuple[str, int | None, Given]], *, sources: Map[str, Source],
                 taken: Iterable[str], words: Words, log: str) -> list[tuple[int | None, str]]:
    """Give (line, message) for each rule the events break when added to a log with `sources` and ids `taken`.

    Each item is (where, line, event): `where` begins each message (a CSV row's title, a TimelineJS event's
    number) and `line` is passed through. `log` names the events file in the words. An event whose source,
    tense or `planned` is wrong is not dated further.
    """
    seen = set(taken)
    problems: list[tuple[int | None, str]] = []
    for where, line, event in items:
        def problem(template: str, fields: dict[str, str], line: int | None = line, where: str = where) -> None:
            problems.append((line, template.format(where=where, log=log, **fields)))

        event_id = event.get("id")
        if event_id is not None:
            broken = check.id_broken(event_id, seen)
            if broken is not None:
                problem(getattr(words, broken), {"id": event_id})
            seen.add(event_id)
        url = event.get("url")
        if url is not None and check.url_broken(url):
            problem(words.url, {"url": url, "problem": check.url_problem(url) or ""})
        source = event.get("source")
        if source is not None and source not in sources:
            problem(words.unknown_source, {"source": source, "hint": check.source_hint(source, sources, words)})
            continue
        written, planned = event.get("tense", "past"), event.get("planned", False)
        tense, broken = check.tense_of(written, planned)
        if broken is not None:
            problem(getattr(words, broken), {"tense": written, "planned": str(planned)})
            continue
        if event.get("relative_to") or event.get("for"):
            continue  # dated against another event of the log, or by its length: the edit's own load checks it
        claim = Claim(when=event["when"], until=event.get("until"), source=source, anchor=event.get("anchor"),
                      tense=tense)
        try:
            dates = resolve_claim(claim, sources)
        except (PhraseError, ValueError) as exc:
            problems.append((line, f"{where}: {exc.message if isinstance(exc, TimelineError) else exc}"))
            continue
        for rule, _, fields in check.date_problems(dates, sources):
            problem(getattr(words, rule), fields)
    return problems
