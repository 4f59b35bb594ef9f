"""A duration as a source wrote it ("34 years", "for three weeks", "over seven days", "a three-week strike") ->
(count, unit); and the days an event lasting it may end on.

Used by an event's or claim's `for:` key: with `when`, it gives the span. An event that starts somewhere in
[first, last] and lasts n units ends n units after its start, less a day ("for 34 years" from 1990 ends in the
last day of 2023); months and years clamp to a month's end (a month from 31 January ends on 28 or 29 February).
"""

from __future__ import annotations

from ..calendar import Day
from ..errors import PhraseError
from . import vocabulary as vocab
from .span import _Refusal, _shift, _shown
from .tokens import _normalise, _tokenise

_HOW = "write a count and a unit, as in `for: 3 weeks` or `for: 34 years`"


def parse_duration(text: str) -> tuple[int, str]:
    """Give (count, unit) of a duration as written, or PhraseError saying what to write."""
    if not isinstance(text, str) or len(text) > vocab.MAX_PHRASE_CHARS:
        raise PhraseError(f"cannot read the duration '{_shown(str(text))}'; {_HOW}")
    try:
        cleaned, _ = _normalise(text)
        words = [w for w in _tokenise(cleaned) if w not in vocab.DURATION_FRAMES]
    except _Refusal:
        words = []
    for i, word in enumerate(words[:-1]):
        unit = vocab.UNITS.get(words[i + 1])
        count = vocab.NUMBER_WORDS.get(word) if word in ("a", "an") else int(word) if word.isdigit() else None
        if unit is not None and count is not None and 1 <= count <= 10_000:
            return count, unit
    raise PhraseError(f"cannot read the duration '{_shown(text)}'; {_HOW}")


def ends_after(first: Day, last: Day, count: int, unit: str) -> tuple[Day, Day]:
    """Give the earliest and latest last day of an event lasting `count` units that starts in [first, last]."""
    return _shift(first, unit, count).plus(-1), _shift(last, unit, count).plus(-1)
