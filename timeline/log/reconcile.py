"""Reconcile an event's claims: intersect the bounds they give, or say which two cannot both be true."""

from __future__ import annotations

from itertools import combinations

from ..calendar import Day, bounds_text
from ..dates.edtf import edtf_of_bounds
from ..dates.edtf import edtf_part as _edtf_part
from ..errors import PhraseError
from ..model import ClaimDates, Event, Record

_INF = float("inf")


def _lo(day: Day | None) -> float:
    return day.ordinal if day is not None else -_INF


def _hi(day: Day | None) -> float:
    return day.ordinal if day is not None else _INF


def _claim_bounds(dates: ClaimDates) -> tuple[float, float, float, float]:
    """Give (first day earliest, first day latest, last day earliest, last day latest) of one claim."""
    end = dates.until or dates.when
    s_lo, s_hi = _lo(dates.when.start), _hi(dates.when.end)
    e_lo, e_hi = _lo(end.start), _hi(end.end)
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


def reconcile(event: Event, dated: tuple[ClaimDates, ...]) -> Record:
    """Give the record of an event whose claims are all resolved; PhraseError names two claims that conflict."""
    bounds = [_claim_bounds(d) for d in dated]
    total = bounds[0]
    for b in bounds[1:]:
        total = _intersect(total, b)
    if _empty(total):
        for (i, a), (j, b) in combinations(enumerate(bounds), 2):
            if _empty(_intersect(a, b)):
                first, second = dated[i], dated[j]
                raise PhraseError(
                    f"claims cannot all be true: {_describe(first)}, {_describe(second)}; "
                    "fix or remove one of them", line=second.claim.when_pos.line, col=second.claim.when_pos.col)
        raise PhraseError("claims cannot all be true; fix or remove one", line=dated[-1].claim.when_pos.line,
                          col=dated[-1].claim.when_pos.col)
    s_lo, s_hi, e_lo, e_hi = total
    span = any(d.until is not None for d in dated)
    narrowest = min(dated, key=lambda d: _hi(d.when.end) - _lo(d.when.start))
    start, end = _day(s_lo), _day(e_hi)
    if span:
        start_part = _edtf_part(_day(s_lo), _day(s_hi), narrowest, outer=_day(s_lo))
        end_part = _edtf_part(_day(e_lo), _day(e_hi), None, outer=_day(e_hi))
        edtf = f"{start_part}/{end_part}"
    elif (narrowest.when.start, narrowest.when.end) == (start, end):
        edtf = narrowest.when.edtf
    else:
        edtf = edtf_of_bounds(start, end)
    return Record(
        event=event, start=start, end=end, start_latest=_day(s_hi), end_earliest=_day(e_lo),
        precision=narrowest.when.precision, kind="span" if span else "point", edtf=edtf, dates=dated,
    )
