"""Resolve a date phrase as a news source wrote it ("Tuesday", "last July") against the source's date.

`resolve_phrase` gives a `ResolvedDate`: the earliest and latest day the phrase can mean, its precision, an EDTF
string, the rule that matched and a sentence saying how. It never guesses: a phrase it cannot read is a
`PhraseError` naming the phrase, with a suggestion when a word is close to one it knows.

How a phrase is read:

1. Refused outright when longer than `MAX_PHRASE_CHARS` (so 100 KB of text costs nothing).
2. Normalised: NFKC, every Unicode space to one space, every decimal digit (Arabic-Indic, Devanagari, ...) to its
   ASCII digit via `unicodedata.digit`, curly quotes to straight, lower case, trailing punctuation dropped; a
   trailing EDTF qualifier (`?`, `~`, `%`) is kept for the output.
3. Read as EDTF (levels 0-1) when the whole phrase is one.
4. Otherwise split into words; possessives, clock times, framing words ("as of", "on", "in") and approximation
   words ("about", "nearly": these add `~`) are dropped, number words become numbers.
5. Matched against `vocabulary.PATTERNS`, first match wins; each pattern names a rule function (`dates.rules`).
   "since", "by", "until", "no earlier than" are rules (`rules.bounds`), not frames; a phrase no pattern reads
   that joins two sides ("between Sunday and Monday", "May 18-19", "late Monday or Tuesday") is read side by side.
6. `resolve_relative` reads a phrase against another event: a range of days, not one day (see there).

The regular expressions used are anchored, without nested quantifiers, and run on at most `MAX_PHRASE_CHARS`
characters, so every input returns quickly.

Rules worth knowing (news is past tense):

* A bare weekday is the most recent such day on or before the anchor: a paper dated Friday saying "Friday" means
  that day. "last Tuesday" is strictly before the anchor; "next Tuesday" strictly after; "this coming Tuesday" on
  or after; "this Tuesday" is the Tuesday of the anchor's ISO week. With `tense="future"` bare names look forward.
* Weeks are ISO weeks (Monday-Sunday). "earlier this week" is Monday up to the day before the anchor; on a Monday
  it can only mean earlier that same day, so it is the anchor itself. The same holds for "earlier this month/year".
* A month or month-day without a year is the most recent one on or before the anchor; "last July" is strictly
  before the anchor's month, "this July" in the anchor's year. A weekday given with a month-day and no year
  ("Friday, Oct. 23") picks the occurrence, nearest the anchor, that falls on that weekday.
* Quarters are calendar quarters (fiscal years are assumed to be calendar years). "the third quarter" without a
  year is the most recent third quarter not after the anchor's quarter; "the quarter", "the latest quarter" and
  "the last quarter" are the most recent completed quarter, the one an earnings story reports on.
* Seasons are meteorological, northern hemisphere; winter belongs to its December's year.
* "the end of the year" is December (where "year-end" deadlines fall); see `vocabulary.NARROWING` for the
  early/mid/late/end parts of every kind of period.
* `tense="either"` (tense unknown, as in a corpus): a month, month-day, season or holiday without a year is the
  occurrence nearest the anchor, the future counted twice as far; a bare weekday is taken from the five days
  before the anchor, the anchor and the day after. News leaves the year out only for dates near publication.
* "N days/weeks/months/years ago" is the day / ISO week / month / year that far back; "a decade ago" a year.
  "a year earlier" and "year-earlier" are the anchor's year minus one; "the year-earlier quarter/period" is the
  latest completed quarter a year back. "the past two years" is the span from two years before to the anchor.
* "last weekend" is Saturday-Sunday of the previous ISO week; "the weekend" the latest one begun by the anchor.
* Holidays follow United States practice (Thanksgiving, Election Day, Easter by the Gregorian computus, ...).
* Centuries follow EDTF: "the 20th century" is 1900-1999 (`19XX`); "the '90s" is the latest 1990s by the anchor.
* "that day", "that week", "the next day" are read against the anchor (give the story's date as `anchor`).
* "1990 and beyond", "post-1959" are open ranges; "pre-1900" is open into the past.
* Vague references ("recently", "now", "soon", "several years ago") are vague results (precision past, present
  or future), not errors and not made-up days.
* A result outside the years -9999..9999 is refused.

The reading is split by stage: `tokens` (normalising, words), `match` (word classes, the pattern index, slot
binding, the rule table), `span` (what the rules share: a rule's answer, the context, calendar periods), `rules/`
(the rule functions, by group) and `edtf` (EDTF in and out); this module is the door.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from . import vocabulary as vocab
from ..calendar import MAX_YEAR, MIN_YEAR, Day
from ..errors import PhraseError
from ..model import DATE_ORDERS, TENSES, DateOrder, ResolvedDate, Tense
from .durations import duration_advice
from .edtf import _edtf_of, _qualify, _read_edtf, edtf_of_bounds
from .match import _KNOWN_WORDS, _RULES, _classes, _match
from .rules import _vague, two_sided  # importing the rules fills the rule table
from .span import _Context, _Refusal, _shown, _Span
from .tokens import _EDTF_TOKEN, _FRAME_STARTS, _QUOTES, _normalise, _rewrite, _strip_frames, _tokenise

MAX_PHRASE_CHARS = vocab.MAX_PHRASE_CHARS
#: TENSES, from model: "past": the phrase looks back from the anchor (news reports what happened); "future": it
#: looks forward (planned events); "either": unknown, so a month, month-day, season or holiday without a year is the
#: occurrence nearest the anchor (news leaves the year out only for dates close to publication); weekdays and
#: quarters read as in "past".

__all__ = ["MAX_PHRASE_CHARS", "TENSES", "clear_cache", "counts_on", "describe_rules", "infer_tense",
           "resolve_phrase", "resolve_relative", "rule_names"]


# --- public API --------------------------------------------------------------------------------------------------

def resolve_phrase(text: str, anchor: Day | None, *, tense: Tense = "past",
                   date_order: DateOrder | None = None) -> ResolvedDate:
    """Give the days `text` can mean, read against `anchor` (the source's date); raise PhraseError otherwise.

    `tense` is "past" (news reports what happened; the default), "future" (a planned event) or "either" (not
    known: dates without a year are read as the occurrence nearest the anchor). `date_order` ("DMY" or "MDY",
    from the log or the source) says how a numeric date with slashes reads (14/05/2024); without it such a date
    is refused as ambiguous. Results are memoised per (text, anchor, tense, order); `clear_cache` forgets them."""
    if not isinstance(text, str):
        raise PhraseError(f"a date phrase must be text, not {type(text).__name__}")
    if len(text) > MAX_PHRASE_CHARS:
        raise PhraseError(f"cannot read date '{_shown(text)}': phrases longer than {MAX_PHRASE_CHARS} "
                          f"characters are refused (this one has {len(text)})")
    if tense not in TENSES:
        raise PhraseError(f"tense must be one of {', '.join(TENSES)}, not '{tense}'")
    if anchor is not None and not isinstance(anchor, Day):
        raise PhraseError(f"the anchor must be a Day, not {type(anchor).__name__}")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise PhraseError(f"date_order must be DMY or MDY, not '{date_order}'")
    return _resolve_cached(text, None if anchor is None else anchor.ordinal, tense, date_order)


#: A numeric date with slashes: d/m/yyyy or m/d/yyyy (one or two digits, a four-digit year).
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def _slashes_read(text: str, order: DateOrder | None) -> str:
    """Give `text` with its slashed numeric dates written as YYYY-MM-DD, read in `order`; _Refusal if one cannot be."""
    if order is None or "/" not in text:
        return text

    def iso(match: re.Match[str]) -> str:
        first, second, year = (int(g) for g in match.groups())
        day, month = (first, second) if order == "DMY" else (second, first)
        words = "day/month/year" if order == "DMY" else "month/day/year"
        if not 1 <= month <= 12:
            raise _Refusal(f"'{match.group(0)}' read as {words} (date_order: {order}) has no month {month}; "
                           "fix the date, or the log's or source's `date_order`")
        try:
            return Day.of(year, month, day).iso()
        except ValueError:
            raise _Refusal(f"'{match.group(0)}' read as {words} (date_order: {order}): {year}-{month:02d} has no "
                           f"day {day}; fix the date") from None

    return _SLASHED.sub(iso, text)


DayRange = tuple[Day | None, Day | None]  # the earliest and latest day something may fall on; None = open


def resolve_relative(text: str, first: DayRange, last: DayRange | None = None, *,
                     tense: Tense = "past") -> ResolvedDate:
    """Give the days `text` can mean read against another event, whose first day lies in `first` and whose last
    day lies in `last` (the same as `first` for a point; `Record.start..start_latest` and
    `end_earliest..end`). Raise PhraseError when it cannot be read.

    Uncertainty carries through: the phrase is read against the earliest and the latest day the anchor may be and
    the result is the hull of both readings (an anchor somewhere in 13-16 May gives "two days later" 15-18 May);
    an open end of the anchor leaves that end of the result open. A phrase counts from the event's start, unless
    it looks forward from it (its reading against the first day begins after that day: "two days later", "the
    next day", "the following week"): then it counts from the event's end, since what follows an event follows
    the whole of it. "that day", "the previous night", "three days earlier" count from the start.
    """
    reading = _against(text, first, tense)
    if last is not None and last != first and reading.anchor is not None and _looks_forward(text, first, tense):
        reading = _against(text, last, tense)
    return reading


def counts_on(text: str) -> bool:
    """Give whether an `until` phrase counts on from the event's own `when` ("three weeks later", "the next
    day"): it holds one of `vocabulary.SEQUEL_WORDS`, or "next" before a day (`SEQUEL_NEXT`)."""
    try:
        cleaned, _ = _normalise(text)
        words = _tokenise(cleaned)
    except _Refusal:
        return False
    return not vocab.SEQUEL_WORDS.isdisjoint(words) or any(
        a == "next" and b in vocab.SEQUEL_NEXT for a, b in pairwise(words))


def _looks_forward(text: str, first: DayRange, tense: Tense) -> bool:
    day = first[0] if first[0] is not None else first[1]
    if day is None:
        return False
    reading = resolve_phrase(text, day, tense=tense)
    return reading.anchor is not None and reading.start is not None and (
        reading.start > day or reading.rule in vocab.FORWARD_RULES)


def _against(text: str, days: DayRange, tense: Tense) -> ResolvedDate:
    lo, hi = days
    if lo is None and hi is None:
        raise PhraseError(f"cannot read date '{_shown(text)}': the event it counts from has no known day")
    if lo == hi or lo is None or hi is None:
        one = resolve_phrase(text, lo if lo is not None else hi, tense=tense)
        if one.anchor is None or (lo is not None and hi is not None):
            return one
        # an open anchor: the result is open on the same side
        start, end = (None, one.end) if lo is None else (one.start, None)
        return ResolvedDate(text, one.anchor, start, end, one.precision, edtf_of_bounds(start, end), one.rule,
                            f"{one.explanation}, counted from an event open on one side", one.kind)
    whole = _resolve_period(text, lo, hi, tense)
    if whole is not None:  # a rule counted the whole period ("a year earlier" than Q3: Q3 a year back)
        return whole
    early, late = resolve_phrase(text, lo, tense=tense), resolve_phrase(text, hi, tense=tense)
    if early.anchor is None:  # an absolute date: the anchor does not matter
        return early
    start = None if early.start is None or late.start is None else min(early.start, late.start)
    end = None if early.end is None or late.end is None else max(early.end, late.end)
    if (start, end) == (early.start, early.end):
        return early
    return ResolvedDate(text, lo, start, end, early.precision, edtf_of_bounds(start, end), early.rule,
                        f"between {early.explanation} and {late.explanation}", early.kind)


def _resolve_period(text: str, lo: Day, hi: Day, tense: Tense) -> ResolvedDate | None:
    """Give the reading of `text` against the period lo..hi when a rule counts the whole period, else None."""
    if len(text) > MAX_PHRASE_CHARS or tense not in TENSES:
        return None
    ctx = _Context(lo, tense, text, last=hi)
    try:
        span, qualifier = _resolve_text(text, ctx)
    except (_Refusal, ValueError, OverflowError):
        return None
    if not ctx.used_last or span.start is None or span.end is None:
        return None
    return ResolvedDate(text, lo, span.start, span.end, span.precision, _qualify(_edtf_of(span, lo), qualifier),
                        span.rule, span.explanation, "span" if span.kind == "span" else "point")


def clear_cache() -> None:
    """Forget memoised resolutions (benchmarks measure cold runs)."""
    _resolve_cached.cache_clear()


def describe_rules() -> list[tuple[str, str]]:
    """Give (pattern, rule name) pairs in matching order, for documentation."""
    return [(" ".join(slots), name) for slots, name in vocab.PATTERNS]


def rule_names() -> frozenset[str]:
    """Give the name of every rule a pattern can call (the grammar's integrity test checks `PATTERNS` against it)."""
    return frozenset(_RULES)


_CLAUSE_BREAK = re.compile(r"[.;:!?]")


_COMPOUND_MODIFIER = re.compile(r"[a-z]+-[a-z]+")


def infer_tense(before: str, phrase: str = "") -> Tense:
    """Give the tense the words just before a date phrase suggest: "future", "past", or "either" when none do.

    A suggestion for a claim's `tense` from its quote (`before` is the quote's text up to the phrase); the nearest
    marker in `vocabulary.FUTURE_MARKERS` (or cue of `FUTURE_CUES`) / `PAST_MARKERS` within `TENSE_WINDOW` words
    of the same clause decides
    ("will meet Monday": future; "said Monday": past). A hyphenated `phrase` ("third-quarter results",
    "year-earlier profit") is a modifier naming the period something is about, not when it happens, so the verb's
    tense does not apply to it: "either". `resolve_phrase` never calls this: the tense is the caller's to state.
    """
    if _COMPOUND_MODIFIER.fullmatch(phrase.strip().lower()):
        return "either"
    clause = _CLAUSE_BREAK.split(before[-400:].lower().translate(_QUOTES))[-1]
    words = re.findall(r"[a-z']+", clause)[-vocab.TENSE_WINDOW:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in vocab.FUTURE_MARKERS or any(tuple(words[i - len(cue) + 1:i + 1]) == cue
                                               for cue in _CUES_ENDING.get(word, ())):
            return "future"
        if word in vocab.PAST_MARKERS:
            return "past"
    return "either"


_CUES_ENDING: dict[str, list[tuple[str, ...]]] = {}
for _cue in vocab.FUTURE_CUES:
    _CUES_ENDING.setdefault(_cue[-1], []).append(_cue)


@lru_cache(maxsize=8192)
def _resolve_cached(text: str, anchor_ordinal: int | None, tense: Tense,
                    date_order: DateOrder | None = None) -> ResolvedDate:
    anchor = None if anchor_ordinal is None else Day(anchor_ordinal)
    try:
        read = _slashes_read(text, date_order)
        ctx = _Context(anchor, tense, read)
        span, qualifier = _resolve_text(read, ctx)
    except _Refusal as refusal:
        if refusal.whole:
            raise PhraseError(refusal.reason) from None
        raise PhraseError(f"cannot read date '{_shown(text)}': {refusal.reason}") from None
    except (ValueError, OverflowError) as exc:  # calendar arithmetic beyond -9999..9999
        raise PhraseError(f"cannot read date '{_shown(text)}': {exc}") from None
    start, end = span.start, span.end
    if not (start is None or _FIRST_ORDINAL <= start.ordinal <= _LAST_ORDINAL) \
            or not (end is None or _FIRST_ORDINAL <= end.ordinal <= _LAST_ORDINAL):
        raise PhraseError(f"cannot read date '{_shown(text)}': it falls outside the years {MIN_YEAR}..{MAX_YEAR}")
    edtf = _qualify(span.edtf or _edtf_of(span, anchor), qualifier)
    return ResolvedDate(text, anchor if ctx.used_anchor else None, start, end, span.precision, edtf, span.rule,
                        span.explanation, "span" if span.kind == "span" else "point")


_FIRST_ORDINAL = Day.of(MIN_YEAR, 1, 1).ordinal
_LAST_ORDINAL = Day.of(MAX_YEAR, 12, 31).ordinal


# --- reading one phrase ------------------------------------------------------------------------------------------

_EDTF_FIRST = frozenset("0123456789-./x")
_RANGE_WORDS = frozenset(vocab.RANGE_OPENERS) | frozenset(vocab.RANGE_JOINS)


def _resolve_text(text: str, ctx: _Context) -> tuple[_Span, str]:
    cleaned, qualifier = _normalise(text)
    if not cleaned:
        raise _Refusal("the phrase is empty; give the source's words for the date, or a date")
    if cleaned[0] in _EDTF_FIRST and ("/" in cleaned or _EDTF_TOKEN.fullmatch(cleaned)):
        edtf = _read_edtf(cleaned.replace(" ", ""))
        if edtf is not None:
            return edtf, qualifier
    tokens = _rewrite(_tokenise(cleaned))
    vague = vocab.VAGUE.get(tuple(tokens))
    if tokens and tokens[0] in _FRAME_STARTS:
        tokens, approximate = _strip_frames(tokens)
        vague = vague or vocab.VAGUE.get(tuple(tokens))
    else:
        approximate = False
    if vague is not None:
        return _vague(ctx, vague), qualifier
    span = _match(tokens, ctx)
    if span is None and (_RANGE_WORDS & set(tokens)):
        span = two_sided(tokens, ctx)
    if span is None:
        advice = duration_advice(text)
        if advice is not None:
            raise _Refusal(f"cannot read date {advice}", whole=True)
        raise _Refusal(_why_unreadable(text, tokens), whole=True)
    if approximate and not qualifier:
        qualifier = "~"
    return span, qualifier


def _why_unreadable(text: str, tokens: Sequence[str]) -> str:
    unknown = [t for t in tokens if t not in _KNOWN_WORDS and not _classes(t)]
    suggestions: list[str] = []
    for word in unknown[:3]:
        close = _suggest(word)
        if close:
            suggestions.append(close)
    message = f"cannot read date '{_shown(text)}'"
    if suggestions:
        return message + " (did you mean " + ", ".join(f"'{s}'" for s in suggestions) + "?)"
    if unknown:
        return message + f" (unknown word '{unknown[0]}'){_WRITE_INSTEAD}"
    return message + f" (no rule reads these words together){_WRITE_INSTEAD}"


#: What an unreadable phrase's message says to write instead.
_WRITE_INSTEAD = ("; write the date as an exact one (`2024-05-14`, `May 2024`), or in the words the README's date "
                  "rules read (`Tuesday`, `last July`, `since March`, `two days later`)")


_SUGGESTION_KEYS = {w.lower(): w for w in vocab.SUGGESTIONS}


_SUGGESTION_LETTERS = {key: frozenset(key) for key in _SUGGESTION_KEYS}


def _suggest(word: str, cutoff: float = 0.75) -> str | None:
    """Give the vocabulary word closest to `word` (difflib ratio >= cutoff), or None.

    Cheap filters first (length, shared letters), so a wrong word costs microseconds, not a full scan."""
    if len(word) < 3 or len(word) > 20:
        return None
    letters = frozenset(word)
    best, best_ratio = None, cutoff
    for key, key_letters in _SUGGESTION_LETTERS.items():
        if abs(len(key) - len(word)) > max(1, len(word) // 4) or len(letters & key_letters) * 4 < len(letters) * 3:
            continue
        ratio = difflib.SequenceMatcher(None, word, key).ratio()
        if ratio >= best_ratio:
            best, best_ratio = key, ratio
    return _SUGGESTION_KEYS[best] if best else None
