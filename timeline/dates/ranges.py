"""Two date bounds from words: a `from`/`to` pair, each a plain date (`2024-05-17`) or a phrase ("last July")."""

from __future__ import annotations

from collections.abc import Callable

from ..calendar import Day
from ..errors import PhraseError, UsageError


def parse_range(start: str | None, end: str | None, anchor: Day | Callable[[], Day], *,
                names: tuple[str, str] = ("the start", "the end")) -> tuple[Day | None, Day | None]:
    """Give (first day, last day) of a range; a missing side is None (open).

    A side written as `YYYY-MM-DD` is that day; any other text is a phrase, read against `anchor`, and gives its
    earliest day as the start and its latest as the end. `anchor` may be a callable, asked only when a phrase
    needs it (the command line's default anchor is today). `names` name the two sides in messages (the command
    line says `--from`, `--to`). Raise UsageError for a phrase that cannot be read or an end before the start.
    """
    first, last = names
    base: Day | None = None
    bounds: list[Day | None] = []
    for name, text, side in ((first, start, "start"), (last, end, "end")):
        if text is None:
            bounds.append(None)
            continue
        try:  # a plain date needs no resolver (and no import of it: queries start fast)
            bounds.append(Day.parse(text))
            continue
        except ValueError:
            pass
        from .resolve import resolve_phrase

        if base is None:
            base = anchor if isinstance(anchor, Day) else anchor()
        try:
            resolved = resolve_phrase(text, base)
        except PhraseError as exc:
            raise UsageError(f"{name}: {exc.message}") from None
        bounds.append(resolved.start if side == "start" else resolved.end)
    lo, hi = bounds
    if lo is not None and hi is not None and hi < lo:
        raise UsageError(f"{last} ({hi.iso()}) is before {first} ({lo.iso()}); swap them")
    return lo, hi
