"""What changed between the log as known at one moment and at another, event by event, and which claims did it.

`changes(before, after)` compares two logs (usually one file built as of two moments: `changes_between`), so it
holds for any pair: as of two days, or two versions of the file. Each event that changed gives one `Change`:

- `added`: it was not known before; `removed`: it is not known after (the later moment is the earlier one);
- `disputed`: its claims could all be true before and cannot now; `resolved`: the other way round;
- `narrowed`: its bounds lie inside the old ones; `moved`: they no longer overlap the old ones; `widened`: they
  overlap but reach outside (a disputed event's bounds take in a new claim's).

A dispute's appearing or going says more than its bounds, so it is the word when both change. The claims that
made a change are those counting on one side and not on the other (for `added`, every claim that counts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..calendar import Day
from ..model import ClaimDates, Limits, Log, Record
from .asof import AsOfLike

ChangeWord = Literal["added", "narrowed", "moved", "widened", "disputed", "resolved", "removed"]

_FAR_PAST = -(10**9)
_FAR_FUTURE = 10**9


@dataclass(frozen=True, slots=True)
class Change:
    """One event's change between two logs: the word, its record on each side, and the claims that made it."""

    id: str
    change: ChangeWord
    before: Record | None  # None when added
    after: Record | None  # None when removed
    claims: tuple[ClaimDates, ...]  # counting on one side only

    @property
    def title(self) -> str:
        record = self.after or self.before
        assert record is not None
        return record.event.title

    @property
    def sources(self) -> list[str]:
        """Give the ids of the sources of the claims that made the change, once each, in order."""
        return list(dict.fromkeys(d.claim.source for d in self.claims if d.claim.source))

    def as_json(self) -> dict[str, Any]:
        """Give the JSON form `timeline changes --format json` prints."""
        return {"id": self.id, "change": self.change, "title": self.title,
                "before": _bounds(self.before), "after": _bounds(self.after), "sources": self.sources,
                "claims": [{"source": d.claim.source, "line": d.claim.when_pos.line, "when": d.claim.when,
                            "until": d.claim.until, "quote": d.claim.quote} for d in self.claims]}


def _iso(day: Day | None) -> str | None:
    return day.iso() if day is not None else None


def _bounds(record: Record | None) -> dict[str, str | None]:
    if record is None:
        return {"start": None, "end": None}
    return {"start": _iso(record.start), "end": _iso(record.end)}


def _range(record: Record) -> tuple[int, int]:
    return (record.start.ordinal if record.start else _FAR_PAST,
            record.end.ordinal if record.end else _FAR_FUTURE)


def _word(before: Record, after: Record) -> ChangeWord | None:
    if after.disputed and not before.disputed:
        return "disputed"
    if before.disputed and not after.disputed:
        return "resolved"
    (b_lo, b_hi), (a_lo, a_hi) = _range(before), _range(after)
    if (b_lo, b_hi) == (a_lo, a_hi):
        return None
    if a_hi < b_lo or a_lo > b_hi:
        return "moved"
    if b_lo <= a_lo and a_hi <= b_hi:
        return "narrowed"
    return "widened"


def _only_in(these: Iterable[ClaimDates], those: Iterable[ClaimDates]) -> tuple[ClaimDates, ...]:
    seen = {d.claim for d in those}
    return tuple(d for d in these if d.claim not in seen)


def changes(before: Log, after: Log) -> list[Change]:
    """Give what changed from `before` to `after`, one Change per event that changed: in `after`'s order, then the
    events only `before` knows."""
    old = {r.id: r for r in before.records}
    found: list[Change] = []
    for record in after.records:
        was = old.pop(record.id, None)
        if was is None:
            found.append(Change(record.id, "added", None, record, record.dates))
            continue
        word = _word(was, record)
        if word is not None:
            new = _only_in(record.dates, was.dates) or _only_in(was.dates, record.dates)
            found.append(Change(record.id, word, was, record, new))
    found.extend(Change(r.id, "removed", r, None, r.dates) for r in old.values())
    return found


def changes_between(path: str | Path, first: AsOfLike, second: AsOfLike, *,
                    limits: Limits = Limits()) -> tuple[Log, Log, list[Change]]:
    """Give the log in `path` as of `first`, as of `second`, and what changed between them (read and parsed once)."""
    from .load import build, read_text
    from .yamltree import parse

    name = str(path)
    text = read_text(path, limits)
    if not text.strip():  # the loader's own words for an empty file
        from .load import loads

        loads(text, path=name, limits=limits)
    tree = parse(text, name, limits)
    before = build(tree, path=name, limits=limits, as_of=first)
    after = build(tree, path=name, limits=limits, as_of=second)
    return before, after, changes(before, after)
