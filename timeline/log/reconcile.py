"""Reconcile an event's claims: intersect the bounds they give, or, when they cannot all be true, keep them all as
a disputed record that names which two conflict."""

from __future__ import annotations

from datetime import datetime, UTC
from itertools import combinations

from ..calendar import Day, bounds_text
from ..dates.edtf import edtf_of_bounds
from ..dates.edtf import edtf_part as _edtf_part
from ..model import ClaimDates, Event, Record, ResolvedDate

_INF = float("inf")


def _lo(day: Day | None) -> float:
    return day.ordinal if day is not None else -_INF


def _hi(day: Day | None) -> float:
    return day.ordinal if day is not None else _INF


def _first_day(date: ResolvedDate) -> tuple[float, float]:
    """Give where the first day of what `date` says lies: a point anywhere in its bounds, a span ("since March",
    "until Sunday") on its start (open: somewhere up to its end)."""
    if date.kind == "span":
        return _lo(date.start), _hi(date.start if date.start is not None else date.end)
    return _lo(date.start), _hi(date.end)


def _last_day(date: ResolvedDate) -> tuple[float, float]:
    """Give where the last day of what `date` says lies: a point anywhere in its bounds, a span on its end."""
    if date.kind == "span":
        return _lo(date.end if date.end is not None else date.start), _hi(date.end)
    return _lo(date.start), _hi(date.end)


def _claim_bounds(dates: ClaimDates) -> tuple[float, float, float, float]:
    """Give (first day earliest, first day latest, last day earliest, last day latest) of one claim."""
    s_lo, s_hi = _first_day(dates.when)
    e_lo, e_hi = _last_day(dates.until or dates.when)
    # an event cannot end before it starts: trim what each side allows
    return s_lo, min(s_hi, e_hi), max(e_lo, s_lo), e_hi


def _intersect(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, float, float, float]:
    return max(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), min(a[3], b[3])


def _empty(b: tuple[float, ...]) -> bool:
    return b[0] > b[1] or b[2] > b[3] or b[0] > b[3]


def _day(value: float) -> Day | None:
    return None if value in (_INF, -_INF) else Day(int(value))


def _describe(dates: ClaimDates) -> str:
    text = bounds_text(dates.when.start, dates.when.end)
    if dates.until is not None:
        text += f" until {bounds_text(dates.until.start, dates.until.end)}"
    who = f" ({dates.claim.source})" if dates.claim.source else ""
    return f"line {dates.claim.when_pos.line}{who} says {text}"


def conflicts_of(dated: tuple[ClaimDates, ...]) -> tuple[tuple[ClaimDates, ClaimDates], ...]:
    """Give each pair of claims that cannot both be true, in the order they are written (none when all can)."""
    bounds = [_claim_bounds(d) for d in dated]
    total = bounds[0]
    for b in bounds[1:]:
        total = _intersect(total, b)
    if not _empty(total):
        return ()
    pairs = tuple((dated[i], dated[j]) for (i, a), (j, b) in combinations(enumerate(bounds), 2)
                  if _empty(_intersect(a, b)))
    if pairs:
        return pairs
    # every two can hold but not all at once (a start from one, an end from another): the first claim that
    # empties what the ones before it allow is set against the event's own
    running = bounds[0]
    for j, b in enumerate(bounds[1:], 1):
        running = _intersect(running, b)
        if _empty(running):
            return ((dated[0], dated[j]),)
    return ((dated[0], dated[-1]),)  # not reached: the total was empty


def conflict_text(first: ClaimDates, second: ClaimDates) -> str:
    """Give what two claims that cannot both be true say, in words: 'line 9 (a) says ..., line 14 (b) says ...'."""
    return f"{_describe(first)}, {_describe(second)}"


def reconcile(event: Event, dated: tuple[ClaimDates, ...]) -> Record:
    """Give the record of an event whose claims are all resolved: their intersection, or, when they cannot all be
    true, a disputed record over what any of them allows, naming the pairs that conflict."""
    bounds = [_claim_bounds(d) for d in dated]
    total = bounds[0]
    for b in bounds[1:]:
        total = _intersect(total, b)
    if len(dated) == 1 and not _empty(total):
        return _one(event, dated[0], total)
    return _several(event, dated, bounds, total)


def _several(event: Event, dated: tuple[ClaimDates, ...], bounds: list[tuple[float, float, float, float]],
             total: tuple[float, float, float, float]) -> Record:
    """Give the record of `reconcile` by the general path: right for any number of claims (one included, which
    the tests hold `_one` to), given each claim's bounds and their intersection `total`."""
    span = any(d.until is not None or d.when.kind == "span" for d in dated)
    conflicts: tuple[tuple[ClaimDates, ClaimDates], ...] = ()
    if _empty(total):
        conflicts = conflicts_of(dated)
        total = (min(b[0] for b in bounds), max(b[1] for b in bounds), min(b[2] for b in bounds),
                 max(b[3] for b in bounds))
        widest = max(dated, key=lambda d: _hi((d.until or d.when).end) - _lo(d.when.start))
        s_lo, s_hi, e_lo, e_hi = total
        if span:
            edtf = f"{_edtf_part(_day(s_lo), _day(s_hi), None, outer=_day(s_lo))}/" \
                   f"{_edtf_part(_day(e_lo), _day(e_hi), None, outer=_day(e_hi))}"
        else:
            edtf = edtf_of_bounds(_day(s_lo), _day(e_hi))
        return Record(event=event, start=_day(s_lo), end=_day(e_hi), start_latest=_day(s_hi),
                      end_earliest=_day(e_lo), precision=widest.when.precision, kind="span" if span else "point",
                      edtf=edtf, dates=dated, conflicts=conflicts,
                      # disputed: the bounds are what any claim allows, set by the claims that reach furthest
                      start_source=_credit(dated, bounds, 0, s_lo), end_source=_credit(dated, bounds, 3, e_hi))
    s_lo, s_hi, e_lo, e_hi = total
    narrowest = min(dated, key=lambda d: _hi(d.when.end) - _lo(d.when.start))
    start, end = _day(s_lo), _day(e_hi)
    if span and len(dated) == 1 and dated[0].until is None:  # one span phrase ("since March"): as it wrote
        edtf = dated[0].when.edtf
    elif span:
        start_part = _edtf_part(_day(s_lo), _day(s_hi), narrowest, outer=_day(s_lo))
        end_part = _edtf_part(_day(e_lo), _day(e_hi), None, outer=_day(e_hi))
        edtf = f"{start_part}/{end_part}"
    elif (narrowest.when.start, narrowest.when.end) == (start, end):
        edtf = narrowest.when.edtf
    else:
        edtf = edtf_of_bounds(start, end)
    start_at, end_at, zone = _instants(dated, start, end)
    return Record(
        event=event, start=start, end=end, start_latest=_day(s_hi), end_earliest=_day(e_lo),
        precision=narrowest.when.precision, kind="span" if span else "point", edtf=edtf, dates=dated,
        start_at=start_at, end_at=end_at, zone=zone,
        start_source=_credit(dated, bounds, 0, s_lo), end_source=_credit(dated, bounds, 3, e_hi),
    )


def _one(event: Event, dates: ClaimDates, total: tuple[float, float, float, float]) -> Record:
    """Give the record of an event with one claim (most of a log): what `reconcile` gives, without the work that
    only several claims need (intersecting, picking the narrowest, crediting by comparison)."""
    when, until = dates.when, dates.until
    s_lo, s_hi, e_lo, e_hi = total
    start, end = _day(s_lo), _day(e_hi)
    if until is None and when.kind == "span":  # one span phrase ("since March"): as it wrote
        span, edtf = True, when.edtf
    elif until is not None:
        span = True
        edtf = f"{_edtf_part(start, _day(s_hi), dates, outer=start)}/{_edtf_part(_day(e_lo), end, None, outer=end)}"
    elif (when.start, when.end) == (start, end):
        span, edtf = False, when.edtf
    else:
        span, edtf = False, edtf_of_bounds(start, end)
    last = until or when
    start_at = when.start_at if when.start_at is not None and when.start == start else None
    end_at = last.end_at if last.end_at is not None and last.end == end else None
    zone = when.zone if start_at is not None else last.zone if end_at is not None else None
    source = (dates.claim.source,) if dates.claim.source else ()
    return Record(
        event=event, start=start, end=end, start_latest=_day(s_hi), end_earliest=_day(e_lo),
        precision=when.precision, kind="span" if span else "point", edtf=edtf, dates=(dates,),
        start_at=start_at, end_at=end_at, zone=zone,
        start_source=source if s_lo not in (_INF, -_INF) else (),
        end_source=source if e_hi not in (_INF, -_INF) else (),
    )


def _instants(dated: tuple[ClaimDates, ...], start: Day | None,
              end: Day | None) -> tuple[str | None, str | None, str | None]:
    """Give the record's earliest and latest instants and their zone: of the claims timed on the record's first
    (last) day, the latest start (earliest end), as the day bounds intersect."""
    firsts = [d.when for d in dated if d.when.start_at is not None and d.when.start == start]
    lasts = [d.until or d.when for d in dated]
    lasts = [r for r in lasts if r.end_at is not None and r.end == end]
    if not firsts and not lasts:
        return None, None, None
    first = max(firsts, key=lambda r: _instant_key(r.start_at)) if firsts else None
    last = min(lasts, key=lambda r: _instant_key(r.end_at)) if lasts else None
    zone = (first or last).zone  # type: ignore[union-attr]
    return (first.start_at if first else None), (last.end_at if last else None), zone


def _instant_key(text: str | None) -> float:
    moment = datetime.fromisoformat(text or "")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _credit(dated: tuple[ClaimDates, ...], bounds: list[tuple[float, float, float, float]], side: int,
            final: float) -> tuple[str, ...]:
    """Give the source ids (in claim order, once each) of the claims whose bound on `side` (0: earliest first day,
    3: latest last day) is the final one: the claims that set it. Empty when the final bound is open."""
    if final in (_INF, -_INF):
        return ()
    ids: dict[str, None] = {}
    for dates, b in zip(dated, bounds, strict=True):
        if b[side] == final and dates.claim.source:
            ids.setdefault(dates.claim.source, None)
    return tuple(ids)
