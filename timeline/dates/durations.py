"""A duration as a source wrote it ("34 years", "for three weeks", "over seven days", "a three-week strike") ->
(count, unit); and the days an event lasting it may end on.

Used by an event's or claim's `for:` key: with `when`, it gives the span. An event that starts somewhere in
[first, last] and lasts n units ends n units after its start, less a day ("for 34 years" from 1990 ends in the
last day of 2023); months and years clamp to a month's end (a month from 31 January ends on 28 or 29 February).
"""

from __future__ import annotations

import re

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


#: Words that may follow a duration's unit and leave it a duration ("three weeks long").
_AFTER_UNIT = frozenset({"long", "in", "all"})


def duration_only(text: str) -> tuple[int, str] | None:
    """Give (count, unit) when `text` is nothing but a duration ("for three weeks", "over seven days", "34
    years"), else None: the test an `until` or `when` phrase gets before it is read as a date."""
    if not isinstance(text, str) or len(text) > vocab.MAX_PHRASE_CHARS:
        return None
    try:
        cleaned, _ = _normalise(text)
        words = [w for w in _tokenise(cleaned) if w not in vocab.DURATION_FRAMES and w not in _AFTER_UNIT]
    except _Refusal:
        return None
    if words[:1] in (["the"], ["a"], ["an"]) and len(words) == 3:  # "a three-week" -> a 3 week
        words = words[1:]
    if len(words) == 1 and words[0] in vocab.UNITS and vocab.UNITS[words[0]] == words[0]:
        words = ["1", *words]  # "a week": the article was a number word
    if len(words) != 2 or words[1] not in vocab.UNITS:
        return None
    count = vocab.NUMBER_WORDS.get(words[0]) if words[0] in ("a", "an") else \
        int(words[0]) if words[0].isdigit() else None
    return (count, vocab.UNITS[words[1]]) if count is not None and 1 <= count <= 10_000 else None


#: A duration written after a date, or alone, in a `when`: "March 3 for three weeks", "for 34 years".
_DURATION_TAIL = re.compile(r"^(.*?)[\s,]*\b(for|over|lasting)\s+(\S.*)$", re.IGNORECASE | re.DOTALL)


def duration_advice(text: str) -> str | None:
    """Give what to write instead when a `when` phrase holds a duration ("for 34 years", "1990 for 34 years"):
    the length belongs in `for:`; None when it holds none."""
    if len(text) > vocab.MAX_PHRASE_CHARS:
        return None
    if duration_only(text) is not None:
        length = re.sub(r"^(?:for|over|lasting)\s+", "", text.strip(), flags=re.IGNORECASE)
        return (f"'{_shown(text)}': it says how long, not when; write when it began in `when` and the length "
                f"as `for: {_shown(length)}`")
    found = _DURATION_TAIL.match(text.strip())
    if found is None or duration_only(found.group(3)) is None or not found.group(1).strip():
        return None
    start, length = found.group(1).strip().rstrip(","), found.group(3).strip()
    return (f"'{_shown(text)}': it holds a date and a duration; write `when: {_shown(start)}` and "
            f"`for: {_shown(length)}`")


#: Words before a duration's count that make it a bound, not a length: "more than three decades" lasted at least
#: that long (its end is open), "nearly two weeks" at most that long (its end may be any day up to then).
_AT_LEAST = (("more", "than"), ("at", "least"), ("upwards", "of"), ("over", "more", "than"))
_AT_MOST = (("nearly",), ("almost",), ("under",), ("less", "than"), ("up", "to"), ("fewer", "than"))


def duration_bound(text: str) -> str:
    """Give "at-least", "at-most" or "exact": what the words before a duration's count say of its length."""
    try:
        cleaned, _ = _normalise(text)
        words = _tokenise(cleaned)
    except _Refusal:
        return "exact"
    for i in range(len(words)):
        if any(tuple(words[i:i + len(w)]) == w for w in _AT_LEAST):
            return "at-least"
        if any(tuple(words[i:i + len(w)]) == w for w in _AT_MOST):
            return "at-most"
        if words[i].isdigit():
            break
    return "exact"


def ends_after(first: Day, last: Day, count: int, unit: str) -> tuple[Day, Day]:
    """Give the earliest and latest last day of an event lasting `count` units that starts in [first, last]."""
    return _shift(first, unit, count).plus(-1), _shift(last, unit, count).plus(-1)
