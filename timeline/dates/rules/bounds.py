"""Rules for phrases with two sides or one open side: "since March", "by June 8", "no earlier than Dec. 12",
"until Sunday", "the three months to September", and the two-sided forms "between Sunday and Monday",
"May 18-19", "from March to May", "March-May 2023", "late Monday or Tuesday", "between 13 and 16 May 2024".

What each means (the records' own words: a `span` runs from its start to its end, a `point` is one moment
somewhere between its bounds, `None` is an open end):

* "since X" is a span from X's first day to the anchor (the source's date): refused when X begins after it.
* "no earlier than X" (also "not before X") is a point from X's first day on, open into the future.
* "by X", "no later than X" are a point up to X's last day, open into the past.
* "until X", "till X" are a span whose start is not known (open) and whose end is X's last day.
* "the N months to X" (also "ended", "ending", "through") is a span of the N units that end with X.
* Two sides joined by a word of `vocabulary.RANGE_JOINS` ("to", "through", "and", "or", a dash): each side is
  read on its own, against the same anchor; a side that cannot stand alone borrows the other's words ("13" in
  "between 13 and 16 May 2024" borrows "May 2024", "19" in "May 18-19" borrows "May"), and a side without a year
  borrows the other's ("March-May 2023"). When the first side falls after the second, it is read back from the
  second ("between Sunday and Monday" in a paper dated Sunday: the Sunday before that Monday). The result is a span
  from the first side's start to the second side's end, or, after "between" and for "or", one moment in that hull.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import vocabulary as vocab
from ...calendar import Day
from ..edtf import _COARSER, _edtf_of, edtf_of_bounds
from ..match import _match, _rule
from ..span import _UNIT_PRECISION, _Context, _fmt, _period, _period_shifted, _Refusal, _Span


def _edtf(sub: _Span) -> str:
    return sub.edtf or _edtf_of(sub, None)


@_rule("since")
def _since(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[-1]
    if sub.start is None:
        return None
    anchor = ctx.need_anchor()
    if sub.start > anchor:
        raise _Refusal(f"it begins on {_fmt(sub.start)}, after {_fmt(anchor)}, the day it is counted to; give a start "
                       "on or before that day, or write `from ... to ...` for a span still to come")
    return _Span(sub.start, anchor, sub.precision, "since", f"from {_fmt(sub.start)} to {_fmt(anchor)}",
                 edtf=f"{_edtf(sub)}/{anchor.iso()}", kind="span")


@_rule("no-earlier-than")
def _no_earlier(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[-1]
    if sub.start is None:
        return None
    return _Span(sub.start, None, sub.precision, "no-earlier-than", f"on or after {_fmt(sub.start)}",
                 edtf=f"{_edtf(sub)}/..")


@_rule("no-later-than")
def _no_later(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[-1]
    if sub.end is None:
        return None
    return _Span(None, sub.end, sub.precision, "no-later-than", f"on or before {_fmt(sub.end)}",
                 edtf=f"../{_edtf(sub)}")


@_rule("after-date")
def _after(ctx: _Context, values: list[Any]) -> _Span | None:
    """'after Tuesday', 'after May 20': from the day after it, open-ended (the tool writes 'on or after')."""
    sub: _Span = values[-1]
    if sub.end is None:
        return None
    start = sub.end.plus(1)
    return _Span(start, None, "day", "after-date", f"after {_fmt(sub.end)}", edtf=f"{start.iso()}/..")


@_rule("before-date")
def _before(ctx: _Context, values: list[Any]) -> _Span | None:
    """'before June 8': up to the day before it, with no start."""
    sub: _Span = values[-1]
    if sub.start is None:
        return None
    end = sub.start.plus(-1)
    return _Span(None, end, "day", "before-date", f"before {_fmt(sub.start)}", edtf=f"../{end.iso()}")


@_rule("until")
def _until(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[-1]
    if sub.end is None:
        return None
    return _Span(None, sub.end, sub.precision, "until", f"from a day not given until {_fmt(sub.end)}",
                 edtf=f"../{_edtf(sub)}", kind="span")


@_rule("units-to")
def _units_to(ctx: _Context, values: list[Any]) -> _Span | None:
    n, unit, sub = values[0], values[1], values[-1]
    if not isinstance(sub, _Span) or sub.end is None or unit not in _UNIT_PRECISION or not 1 <= n <= 1000:
        return None
    start = _period_shifted(unit, sub.end, -(n - 1))[0] if unit != "day" else sub.end.plus(-(n - 1))
    if unit in ("week", "fortnight"):  # "the two weeks to Friday": counted in days, ending that day
        start = sub.end.plus(-(n * (14 if unit == "fortnight" else 7)) + 1)
    precision = _UNIT_PRECISION[unit]
    first = _Span(start, _period(unit, start)[1], precision, "units-to", "")
    first_edtf = _edtf_of(first, None) if unit not in ("week", "fortnight") else start.iso()
    return _Span(start, sub.end, precision, "units-to", f"the {n} {unit}(s) ending {_fmt(sub.end)}",
                 edtf=f"{first_edtf}/{_edtf(sub)}", kind="span")


# --- two sides ---------------------------------------------------------------------------------------------------

def _side(tokens: Sequence[str], ctx: _Context) -> _Span | None:
    ctx.depth += 1
    try:
        return _match(list(tokens), ctx)
    finally:
        ctx.depth -= 1


def _sides(left: list[str], right: list[str], ctx: _Context) -> tuple[_Span, list[str], _Span] | None:
    """Give both sides read (and the words the first was read from), a side borrowing words it needs from the
    other: the first side takes the second's tail when that reads ("13 | 16 may 2024", "march | may 2023"), the
    second takes the first's head when it cannot stand alone ("may 18 | 19")."""
    first, words = None, left
    for k in range(1, len(right)):
        first = _side(left + right[k:], ctx)
        if first is not None:
            words = left + right[k:]
            break
    if first is None:
        first = _side(left, ctx)
    if first is None:
        return None
    second = _side(right, ctx)
    for k in range(len(left) - 1, 0, -1):
        if second is not None:
            break
        second = _side(left[:k] + right, ctx)
    if second is None:
        return None
    return first, words, second


def two_sided(tokens: Sequence[str], ctx: _Context) -> _Span | None:
    """Give the reading of a two-sided phrase (see the module's docstring), or None when it is not one."""
    tokens = list(tokens)
    kind = None
    if tokens and tokens[0] in vocab.RANGE_OPENERS:
        kind, tokens = vocab.RANGE_OPENERS[tokens[0]], tokens[1:]
    for i in range(1, len(tokens) - 1):
        join = tokens[i]
        if join not in vocab.RANGE_JOINS:
            continue
        found = _sides(tokens[:i], tokens[i + 1:], ctx)
        if found is None:
            continue
        first, _, second = found
        if first.start is None or second.end is None or second.start is None:
            continue
        if first.start > second.end:
            first = _read_back(tokens[:i], second.start, ctx) or first
            if first.start is None or first.start > second.end:
                raise _Refusal(f"its first side ({_fmt(first.start) if first.start else '...'}) falls after its "
                               f"second ({_fmt(second.end)}); write them in order")
        what = kind or vocab.RANGE_JOINS[join]
        start, end = first.start, second.end
        if start is None:
            continue
        precision = max((first.precision, second.precision), key=lambda p: _COARSER.get(p, 0))
        if what == "span":
            return _Span(start, end, precision, "range", f"from {_fmt(start)} to {_fmt(end)}",
                         edtf=f"{_edtf(first)}/{_edtf(second)}", kind="span")
        return _Span(start, end, precision, "between", f"one day from {_fmt(start)} to {_fmt(end)}",
                     edtf=edtf_of_bounds(start, end))
    return None


def _read_back(words: list[str], day: Day, ctx: _Context) -> _Span | None:
    """Read a first side again, back from the second side's start: the latest such day on or before it."""
    inner = _Context(day, "past", ctx.text)
    inner.depth = ctx.depth + 1
    found = _match(words, inner)
    return found if found is not None and inner.used_anchor else None
