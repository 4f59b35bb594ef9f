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
4. Otherwise split into words; possessives, clock times, framing words ("as of", "since", "by") and approximation
   words ("about", "nearly": these add `~`) are dropped, number words become numbers.
5. Matched against `vocabulary.PATTERNS`, first match wins; each pattern names a rule function here.

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

Calendar conversions for years 1..9999 go through C `datetime.date`; `Day` handles every year, BCE included.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from . import vocabulary as vocab
from ..calendar import (MAX_YEAR, MIN_YEAR, MONTH_NAMES, WEEKDAY_NAMES, Day, add_months, day_words, days_in_month,
                        format_year, is_leap, month_end, month_span, month_start, months_span, week_span, year_span,
                        year_words)
from ..errors import PhraseError
from ..model import TENSES, Precision, ResolvedDate, Tense

MAX_PHRASE_CHARS = vocab.MAX_PHRASE_CHARS
#: "past": the phrase looks back from the anchor (news reports what happened); "future": it looks forward (planned
#: events); "either": unknown, so a month, month-day, season or holiday without a year is the occurrence nearest the
#: anchor (news leaves the year out only for dates close to publication); weekdays and quarters read as in "past".
_MAX_DEPTH = 6  # nested sub-phrases ("the third quarter of last year" is 2)

__all__ = ["MAX_PHRASE_CHARS", "TENSES", "clear_cache", "describe_rules", "infer_tense", "resolve_phrase"]


# --- results -----------------------------------------------------------------------------------------------------

class _Span(NamedTuple):
    """A rule's answer before it becomes a ResolvedDate.

    A NamedTuple, not a frozen dataclass: as immutable, and built several times per phrase on the hot path, where
    a frozen dataclass's __init__ (one object.__setattr__ per field) costs several times more."""

    start: Day | None  # earliest day
    end: Day | None  # latest day
    precision: Precision
    rule: str  # rule name
    explanation: str  # how, in words
    edtf: str | None = None  # set when the bounds alone do not say it (open intervals, EDTF input)


class _Context:
    """What one resolution needs; mutable only to note whether the anchor was used and to memoise sub-phrases.

    A plain slotted class rather than a dataclass: one is made per phrase, and this is the hot path."""

    __slots__ = ("anchor", "tense", "text", "used_anchor", "depth", "memo")

    def __init__(self, anchor: Day | None, tense: Tense, text: str) -> None:
        self.anchor = anchor  # the day phrases are read against
        self.tense = tense  # one of TENSES
        self.text = text  # the phrase as written, for messages
        self.used_anchor = False  # whether a rule needed the anchor
        self.depth = 0  # sub-phrase nesting
        self.memo: dict[tuple[str, ...], _Span | None] = {}  # sub-phrase results

    def need_anchor(self) -> Day:
        """Give the anchor, or refuse: the phrase is relative."""
        if self.anchor is None:
            raise _Refusal(f"'{_shown(self.text)}' is relative and needs a source with a `published` date "
                           "or an `anchor`", whole=True)
        self.used_anchor = True
        return self.anchor


class _Refusal(Exception):
    """A rule found the phrase readable but wrong (impossible day, contradicting weekday)."""

    def __init__(self, reason: str, *, whole: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.whole = whole  # the reason is a full message, not a suffix


# --- public API --------------------------------------------------------------------------------------------------

def resolve_phrase(text: str, anchor: Day | None, *, tense: Tense = "past") -> ResolvedDate:
    """Give the days `text` can mean, read against `anchor` (the source's date); raise PhraseError otherwise.

    `tense` is "past" (news reports what happened; the default), "future" (a planned event) or "either" (not
    known: dates without a year are read as the occurrence nearest the anchor). Results are memoised per
    (text, anchor, tense); `clear_cache` forgets them."""
    if not isinstance(text, str):
        raise PhraseError(f"a date phrase must be text, not {type(text).__name__}")
    if len(text) > MAX_PHRASE_CHARS:
        raise PhraseError(f"cannot read date '{_shown(text)}': phrases longer than {MAX_PHRASE_CHARS} "
                          f"characters are refused (this one has {len(text)})")
    if tense not in TENSES:
        raise PhraseError(f"tense must be one of {', '.join(TENSES)}, not '{tense}'")
    if anchor is not None and not isinstance(anchor, Day):
        raise PhraseError(f"the anchor must be a Day, not {type(anchor).__name__}")
    return _resolve_cached(text, None if anchor is None else anchor.ordinal, tense)


def clear_cache() -> None:
    """Forget memoised resolutions (benchmarks measure cold runs)."""
    _resolve_cached.cache_clear()


def describe_rules() -> list[tuple[str, str]]:
    """Give (pattern, rule name) pairs in matching order, for documentation."""
    return [(" ".join(slots), name) for slots, name in vocab.PATTERNS]


_CLAUSE_BREAK = re.compile(r"[.;:!?]")


_COMPOUND_MODIFIER = re.compile(r"[a-z]+-[a-z]+")


def infer_tense(before: str, phrase: str = "") -> Tense:
    """Give the tense the words just before a date phrase suggest: "future", "past", or "either" when none do.

    A suggestion for a claim's `tense` from its quote (`before` is the quote's text up to the phrase); the nearest
    marker in `vocabulary.FUTURE_MARKERS` / `PAST_MARKERS` within `TENSE_WINDOW` words of the same clause decides
    ("will meet Monday": future; "said Monday": past). A hyphenated `phrase` ("third-quarter results",
    "year-earlier profit") is a modifier naming the period something is about, not when it happens, so the verb's
    tense does not apply to it: "either". `resolve_phrase` never calls this: the tense is the caller's to state.
    """
    if _COMPOUND_MODIFIER.fullmatch(phrase.strip().lower()):
        return "either"
    clause = _CLAUSE_BREAK.split(before[-400:].lower().translate(_QUOTES))[-1]
    words = re.findall(r"[a-z']+", clause)[-vocab.TENSE_WINDOW:]
    for word in reversed(words):
        if word in vocab.FUTURE_MARKERS:
            return "future"
        if word in vocab.PAST_MARKERS:
            return "past"
    return "either"


@lru_cache(maxsize=8192)
def _resolve_cached(text: str, anchor_ordinal: int | None, tense: Tense) -> ResolvedDate:
    anchor = None if anchor_ordinal is None else Day(anchor_ordinal)
    ctx = _Context(anchor, tense, text)
    try:
        span, qualifier = _resolve_text(text, ctx)
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
                        span.explanation)


_FIRST_ORDINAL = Day.of(MIN_YEAR, 1, 1).ordinal
_LAST_ORDINAL = Day.of(MAX_YEAR, 12, 31).ordinal


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


# --- normalising and tokenising ----------------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
                         "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2013": "-", "\u2014": "-",
                         "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})
_TRAILING = " \t.,;:!\"'"
_DIGIT = re.compile(r"\d")
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d{2}\b")
_SPLIT = re.compile(r"[\s,;:()\[\]{}<>\"!?*&+=|\\]+")
_ISOISH = re.compile(r"-?\d{4}(?:-\d{2}){0,2}")
_ORDINAL_DIGITS = re.compile(r"(\d{1,4})(?:st|nd|rd|th)")
_DECADE = re.compile(r"'?(\d{2}|\d{4})'?s")
_CODE = re.compile(r"([qh])([1-4])")
_FY = re.compile(r"fy'?(\d{2}|\d{4})")
_EDTF_TOKEN = re.compile(r"-?[\dx]{4}(?:-[\dx]{2}){0,2}[?~%]?(?:/-?[\dx.]{0,4}(?:-[\dx]{2}){0,2}[?~%]?)?")


_ASCII_CLEAN = {c: (" " if chr(c).isspace() else None) for c in range(32)} | {127: None, ord("`"): "'"}


def _normalise(text: str) -> tuple[str, str]:
    """Give (lower-case cleaned text, trailing EDTF qualifier or '')."""
    if text.isascii():  # the common case: no Unicode to fold
        return _finish_normalising(text.translate(_ASCII_CLEAN))
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    chars: list[str] = []
    for ch in text:
        if ch.isspace():
            chars.append(" ")
        elif ch.isdigit() and not ch.isascii():
            digit = unicodedata.digit(ch, None)
            if digit is None:
                raise _Refusal(f"the character '{ch}' is not a decimal digit")
            chars.append(str(digit))
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue  # control, format (zero-width) and unassigned characters carry no date
        else:
            chars.append(ch)
    return _finish_normalising("".join(chars))


def _finish_normalising(text: str) -> tuple[str, str]:
    text = _strip_trailing(text.lower().strip(" \"'"))
    qualifier = ""
    while text and text[-1] in "?~%":
        qualifier = text[-1] if not qualifier or qualifier == text[-1] else "%"
        text = _strip_trailing(text[:-1])
    return text, qualifier


def _strip_trailing(text: str) -> str:
    """Give `text` without trailing punctuation, keeping an EDTF open end ("2024/..")."""
    if text.endswith("/.."):
        return text
    return text.rstrip(_TRAILING)


def _tokenise(text: str) -> list[str]:
    """Give the words of a normalised phrase, clock times and possessives removed, number words as numbers."""
    if text.replace(" ", "").isalpha():  # the common case: plain words
        tokens = text.split()
        return tokens if _MERGEABLE.keys().isdisjoint(tokens) else _merge_numbers(tokens)
    if _DIGIT.search(text):
        text = _CLOCK.sub(" ", text)
    tokens = []
    for raw in _SPLIT.split(text):
        if not raw:
            continue
        if raw.isalpha() or raw.isdigit():  # the common cases: a plain word or number
            tokens.append(raw)
            continue
        if raw[-1] == "." and raw[:-1].isalpha():  # an abbreviation: "Nov.", "Sept."
            tokens.append(raw[:-1])
            continue
        if _ISOISH.fullmatch(raw) or _EDTF_TOKEN.fullmatch(raw):
            tokens.append(raw)
            continue
        if "/" in raw and _DIGIT.search(raw):
            raise _Refusal(f"'{raw}' is a numeric date with slashes, which is ambiguous; write it as YYYY-MM-DD")
        for piece in raw.split("/"):
            word = piece.replace(".", "")
            if _DECADE.fullmatch(word):
                tokens.append(word.replace("'", ""))
                continue
            if word.endswith("'s"):
                word = word[:-2]
            word = word.strip("'")
            fiscal = _FY.fullmatch(word)
            if fiscal:
                tokens.extend(("fy", fiscal.group(1)))
                continue
            tokens.extend(part.strip("'") for part in word.split("-") if part.strip("'"))
    return tokens if _MERGEABLE.keys().isdisjoint(tokens) else _merge_numbers(tokens)


_MERGEABLE = {w: v for w, v in vocab.NUMBER_WORDS.items() if w not in ("a", "an", "couple", "dozen")}


def _merge_numbers(tokens: list[str]) -> list[str]:
    """Give tokens with runs of number words as digits: "twenty four" -> "24", "nineteen ninety six" -> "1996"."""
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i] not in _MERGEABLE:
            out.append(tokens[i])
            i += 1
            continue
        j = i
        while j < n and (tokens[j] in _MERGEABLE or (tokens[j] == "and" and j + 1 < n and tokens[j + 1] in _MERGEABLE
                                                     and j > i)):
            j += 1
        run = [t for t in tokens[i:j] if t != "and"]
        if j < n and tokens[j] in vocab.ORDINAL_WORDS and run[-1] in vocab.TENS_WORDS:
            out.append(f"{_cardinal(run) + vocab.ORDINAL_WORDS[tokens[j]]}th")
            i = j + 1
            continue
        out.append(str(_number_value(run)))
        i = j
    return out


def _cardinal(run: Sequence[str]) -> int:
    total = current = 0
    for word in run:
        value = _MERGEABLE[word]
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
    return total + current


def _number_value(run: Sequence[str]) -> int:
    # "nineteen ninety six", "twenty ten": a year said in two halves.
    if (len(run) >= 2 and 10 <= _MERGEABLE[run[0]] <= 99 and 10 <= _MERGEABLE[run[1]] <= 90
            and not any(_MERGEABLE[w] >= 100 for w in run)
            and (len(run) == 2 or run[1] in vocab.TENS_WORDS)):
        return _MERGEABLE[run[0]] * 100 + _cardinal(run[1:])
    return _cardinal(run)


def _rewrite(tokens: list[str]) -> list[str]:
    """Give tokens with ignored words dropped and `vocabulary.REWRITES` applied (longest first)."""
    if _REWRITE_OR_IGNORED.isdisjoint(tokens):
        return tokens
    tokens = [t for t in tokens if t not in vocab.IGNORED_WORDS]
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i] not in _REWRITE_STARTS:
            out.append(tokens[i])
            i += 1
            continue
        for size in (3, 2):
            key = tuple(tokens[i:i + size])
            if len(key) == size and key in vocab.REWRITES:
                out.extend(vocab.REWRITES[key])
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


_REWRITE_STARTS = frozenset(key[0] for key in vocab.REWRITES)
_REWRITE_OR_IGNORED = _REWRITE_STARTS | vocab.IGNORED_WORDS


def _by_first_word(table: Sequence[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(table, key=len, reverse=True):  # longest first: "as of" before "as"
        index.setdefault(words[0], []).append(words)
    return index


_APPROXIMATE = _by_first_word(vocab.APPROXIMATE_WORDS)
_FRAMES = _by_first_word(vocab.FRAME_WORDS)
_FRAME_STARTS = frozenset(_APPROXIMATE) | frozenset(_FRAMES)


def _strip_frames(tokens: list[str]) -> tuple[list[str], bool]:
    """Give tokens without leading framing and approximation words, and whether any said "roughly"."""
    approximate = False
    changed = True
    while changed and tokens and tokens[0] in _FRAME_STARTS:
        changed = False
        for table, roughly in ((_APPROXIMATE, True), (_FRAMES, False)):
            for words in table.get(tokens[0], ()):
                if len(tokens) > len(words) and tuple(tokens[:len(words)]) == words:
                    tokens, changed = tokens[len(words):], True
                    approximate = approximate or roughly
                    break
            if not tokens:
                break
    return tokens, approximate


# --- word classes ------------------------------------------------------------------------------------------------

def _static_classes() -> dict[str, dict[str, Any]]:
    """Give word -> {class: value} for every word in the vocabulary tables (built once)."""
    index: dict[str, dict[str, Any]] = {}
    for name, table in vocab.WORD_CLASSES.items():
        for word, value in table.items():
            index.setdefault(word, {})[name] = value
    for word, value in vocab.ORDINAL_WORDS.items():
        index.setdefault(word, {})["ORD"] = value
        if value <= 31:
            index[word]["DAY"] = value
    for word in ("a", "an"):
        index.setdefault(word, {})["NUMBER"] = 1
    return index


_STATIC_CLASSES = _static_classes()
_NO_CLASSES: dict[str, Any] = {}


def _classes(token: str) -> dict[str, Any]:
    """Give every word class `token` belongs to, with its value there."""
    static = _STATIC_CLASSES.get(token, _NO_CLASSES)
    if token.isalpha() or not _DIGIT.search(token):
        return static
    found = dict(static)
    if token.isdigit() and len(token) <= 6:
        value = int(token)
        found["NUMBER"] = value
        if len(token) <= 2 and 1 <= value <= 31:
            found["DAY"] = value
        if len(token) == 4:
            found["YEAR"] = value
        return found
    ordinal = _ORDINAL_DIGITS.fullmatch(token)
    if ordinal:
        value = int(ordinal.group(1))
        found["ORD"] = value
        if 1 <= value <= 31:
            found["DAY"] = value
    decade = _DECADE.fullmatch(token)
    if decade:
        found["DECADE" if len(decade.group(1)) == 4 else "DECADE2"] = int(decade.group(1))
    code = _CODE.fullmatch(token)
    if code:
        kind = "quarter" if code.group(1) == "q" else "half"
        if kind == "quarter" or int(code.group(2)) <= 2:
            found["QCODE" if kind == "quarter" else "HCODE"] = (kind, int(code.group(2)))
    if ("-" in token or "x" in token) and _EDTF_TOKEN.fullmatch(token):
        found["EDTF"] = token
    return found


_KNOWN_WORDS = frozenset(
    {w for table in vocab.WORD_CLASSES.values() for w in table}
    | {slot for slots, _ in vocab.PATTERNS for slot in slots if slot.islower()}
    | {w for words in vocab.FRAME_WORDS + vocab.APPROXIMATE_WORDS for w in words}
    | {w for words in vocab.VAGUE for w in words}
    | set(vocab.IGNORED_WORDS) | set(vocab.NUMBER_WORDS) | set(vocab.ORDINAL_WORDS)
    | {w for words in vocab.REWRITES for w in words}
)


# --- matching ----------------------------------------------------------------------------------------------------

_Rule = Callable[["_Context", list[Any]], "_Span | None"]
_RULES: dict[str, _Rule] = {}


def _rule(*names: str) -> Callable[[_Rule], _Rule]:
    def register(fn: _Rule) -> _Rule:
        for name in names:
            _RULES[name] = fn
        return fn
    return register


_Pattern = tuple[int, tuple[str, ...], str]  # (table order, slots, rule name)


@lru_cache(maxsize=64)
def _candidates(length: int) -> dict[str, tuple[_Pattern, ...]]:
    """Give the patterns that can match `length` tokens, in table order, keyed by their first slot.

    Built once per length from `vocabulary.PATTERNS` (the compiled grammar, not a memo of phrases)."""
    index: dict[str, list[_Pattern]] = {}
    for order, (slots, name) in enumerate(vocab.PATTERNS):
        if len(slots) == length or ("REST" in slots and len(slots) - 1 < length):
            index.setdefault(slots[0], []).append((order, slots, name))
    return {key: tuple(patterns) for key, patterns in index.items()}


def _patterns_for(length: int, first_token: str, first_classes: dict[str, Any]) -> Sequence[_Pattern]:
    key = (length, first_token if first_token in _LITERAL_FIRST else "", tuple(first_classes))
    found = _MERGED.get(key)
    if found is None:
        found = _MERGED[key] = _merge_patterns(length, first_token, first_classes)
    return found


#: First-slot lookups already merged, per (length, literal first word, first-word classes): part of the compiled
#: grammar, bounded by the vocabulary, so not cleared by `clear_cache`.
_MERGED: dict[tuple[int, str, tuple[str, ...]], Sequence[_Pattern]] = {}
_LITERAL_FIRST = frozenset(slots[0] for slots, _ in vocab.PATTERNS if slots[0].islower())


def _merge_patterns(length: int, first_token: str, first_classes: dict[str, Any]) -> Sequence[_Pattern]:
    index = _candidates(length)
    groups = [g for g in (index.get(first_token), index.get("REST"), *(index.get(c) for c in first_classes))
              if g]
    if len(groups) == 1:
        return groups[0]
    return sorted(p for g in groups for p in g)


def _match(tokens: Sequence[str], ctx: _Context) -> _Span | None:
    """Give the span of the first pattern whose rule accepts `tokens`, or None."""
    if ctx.depth:  # only sub-phrases repeat within one resolution
        key = tuple(tokens)
        if key in ctx.memo:
            return ctx.memo[key]
        if ctx.depth > _MAX_DEPTH:
            return None
    if not tokens:
        return None
    classes = [_classes(t) for t in tokens] if len(tokens) > 1 else [_classes(tokens[0])]
    first_token, first_classes = tokens[0], classes[0]
    last_token, last_classes = tokens[-1], classes[-1]
    result: _Span | None = None
    for _, slots, name in _patterns_for(len(tokens), first_token, first_classes):
        # cheap rejection on the last slot (literal slots are lower case, class names upper case)
        last = slots[-1]
        if last != "REST" and last != last_token and last not in last_classes:
            continue
        if "REST" in slots:
            values = _bind(slots, tokens, classes, ctx)
        else:
            values = _bind_fixed(slots, tokens, classes)
        if values is None:
            continue
        result = _RULES[name](ctx, values)
        if result is not None:
            break
    if ctx.depth:
        ctx.memo[tuple(tokens)] = result
    return result


def _bind(slots: tuple[str, ...], tokens: Sequence[str], classes: list[dict[str, Any]],
          ctx: _Context) -> list[Any] | None:
    """Give the slot values when `tokens` fit `slots` (REST resolved as a phrase of its own), else None."""
    if "REST" in slots:
        at = slots.index("REST")
        rest_len = len(tokens) - (len(slots) - 1)
        before, after = slots[:at], slots[at + 1:]
        head = _bind_fixed(before, tokens[:at], classes[:at])
        tail = _bind_fixed(after, tokens[at + rest_len:], classes[at + rest_len:])
        if head is None or tail is None:
            return None
        ctx.depth += 1
        try:
            sub = _match(tokens[at:at + rest_len], ctx)
        finally:
            ctx.depth -= 1
        if sub is None:
            return None
        return [*head, sub, *tail]
    return _bind_fixed(slots, tokens, classes)


def _bind_fixed(slots: Sequence[str], tokens: Sequence[str], classes: list[dict[str, Any]]) -> list[Any] | None:
    values: list[Any] = []
    for slot, token, found in zip(slots, tokens, classes, strict=False):  # equal lengths by construction
        if slot.islower():
            if token != slot:
                return None
            values.append(token)
        elif slot in found:
            values.append(found[slot])
        else:
            return None
    return values


_EDTF_FIRST = frozenset("0123456789-./x")


def _resolve_text(text: str, ctx: _Context) -> tuple[_Span, str]:
    cleaned, qualifier = _normalise(text)
    if not cleaned:
        raise _Refusal("the phrase is empty")
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
    if span is None:
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
        return message + f" (unknown word '{unknown[0]}')"
    return message + " (no rule reads these words together)"


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


# --- calendar helpers --------------------------------------------------------------------------------------------

def _fmt(day: Day) -> str:
    """Give 'Fri 17 May 2024': a day as the explanations write it."""
    return day_words(day, short=True)


def _shift(day: Day, unit: str, n: int) -> Day:
    """Give the day `n` units after `day` (months and years clamp to the month's last day)."""
    if unit == "day":
        return day.plus(n)
    if unit in ("week", "fortnight"):
        return day.plus(n * (14 if unit == "fortnight" else 7))
    y, m, d = day.ymd
    y, m = add_months(y, m, _UNIT_MONTHS[unit] * n)
    return Day.of(y, m, min(d, days_in_month(y, m)))


_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}


def _period_shifted(unit: str, day: Day, n: int) -> tuple[Day, Day]:
    """Give the calendar period of `unit` that is `n` periods after the one containing `day`."""
    if unit in ("day", "week", "fortnight"):
        return _period(unit, _shift(day, unit, n))
    y, m, _ = day.ymd
    y, m = add_months(y, m, _UNIT_MONTHS[unit] * n)
    return _period_of_month(unit, y, m)


#: unit -> the precision of "this <unit>" and friends.
_UNIT_PRECISION: dict[str, Precision] = {
    "day": "day", "week": "week", "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year",
    "decade": "decade", "century": "century"}


def _period(unit: str, day: Day) -> tuple[Day, Day]:
    """Give the calendar period of `unit` that contains `day`."""
    if unit == "day":
        return day, day
    if unit in ("week", "fortnight"):
        return week_span(day)
    y, m, _ = day.ymd
    return _period_of_month(unit, y, m)


def _period_of_month(unit: str, y: int, m: int) -> tuple[Day, Day]:
    """Give the period of `unit` (month or longer) that contains month `m` of year `y`."""
    if unit == "month":
        return month_span(y, m)
    if unit == "quarter":
        return months_span(y, (m - 1) // 3 * 3 + 1, 3)
    if unit == "year":
        return year_span(y)
    if unit == "decade":
        return Day.of(y - y % 10, 1, 1), Day.of(y - y % 10 + 9, 12, 31)
    return Day.of(y - y % 100, 1, 1), Day.of(y - y % 100 + 99, 12, 31)


def _span(bounds: tuple[Day, Day], precision: Precision, rule: str, explanation: str) -> _Span:
    return _Span(bounds[0], bounds[1], precision, rule, explanation)


def _day(day: Day, rule: str, explanation: str) -> _Span:
    return _Span(day, day, "day", rule, explanation)


# --- EDTF --------------------------------------------------------------------------------------------------------

_EDTF_DATE = re.compile(r"(-?)(\d{4}|\d{3}x|\d{2}xx)(?:-(\d{2}|xx)(?:-(\d{2}|xx))?)?([?~%]?)")


def _read_edtf_date(part: str) -> tuple[Day, Day, Precision] | None:
    m = _EDTF_DATE.fullmatch(part)
    if not m:
        return None
    sign, year_text, month_text, day_text, _ = m.groups()
    negative = sign == "-"
    if "x" in year_text:
        if month_text or negative:
            return None
        base = int(year_text.replace("x", "0"))
        size = 10 if year_text.count("x") == 1 else 100
        return Day.of(base, 1, 1), Day.of(base + size - 1, 12, 31), "decade" if size == 10 else "century"
    year = -int(year_text) if negative else int(year_text)
    if month_text is None or month_text == "xx":
        if day_text not in (None, "xx"):
            return None
        start, end = year_span(year)
        return start, end, "year"
    month = int(month_text)
    if 21 <= month <= 24 and day_text is None:
        first, count, _ = vocab.SEASON_SPANS[("spring", "summer", "autumn", "winter")[month - 21]]
        start, end = months_span(year, first, count)
        return start, end, "season"
    if not 1 <= month <= 12:
        raise _Refusal(f"month {month_text} does not exist")
    if day_text is None or day_text == "xx":
        start, end = month_span(year, month)
        return start, end, "month"
    day = int(day_text)
    if not 1 <= day <= days_in_month(year, month):
        leap = " (not a leap year)" if month == 2 and day == 29 and not is_leap(year) else ""
        raise _Refusal(f"{format_year(year)}-{month:02d}-{day:02d} does not exist{leap}")
    found = Day.of(year, month, day)
    return found, found, "day"


_COARSER = {p: i for i, p in enumerate(("day", "week", "month", "quarter", "season", "half", "year", "decade",
                                        "century"))}


def _read_edtf(text: str) -> _Span | None:
    """Give the span of an EDTF level 0-1 date or interval, or None when `text` is not EDTF."""
    if "/" not in text:
        found = _read_edtf_date(text)
        if found is None:
            return None
        start, end, precision = found
        rule = {"day": "iso-date", "month": "iso-month", "year": "year"}.get(precision, f"edtf-{precision}")
        inner = _EDTF_DATE.fullmatch(text)
        qualified = inner is not None and bool(inner.group(5))
        return _Span(start, end, precision, rule, f"the {precision} written as {text.upper()}",
                     edtf=text.upper() if qualified or precision in ("season",) else None)
    left, _, right = text.partition("/")
    if "/" in right:
        return None
    sides: list[tuple[Day, Day, Precision] | None] = []
    for side in (left, right):
        if side in ("", ".."):
            sides.append(None)
            continue
        found = _read_edtf_date(side)
        if found is None:
            return None
        sides.append(found)
    first, last = sides
    if first is None and last is None:
        return None
    if first is not None and last is not None and last[1] < first[0]:
        raise _Refusal("the interval ends before it starts")
    precisions = [s[2] for s in sides if s is not None]
    precision = max(precisions, key=lambda p: _COARSER[p])
    edtf = "/".join(side.upper() for side in (left, right))  # open ("..") and unknown ("") ends kept as written
    return _Span(first[0] if first else None, last[1] if last else None, precision, "edtf-interval",
                 f"the EDTF interval {edtf}", edtf=edtf)


def _edtf_of(span: _Span, anchor: Day | None) -> str:
    """Give the EDTF of a span: compact when the bounds are exactly one calendar unit, else an interval."""
    start, end = span.start, span.end
    if span.precision == "past":
        return f"../{end.iso()}" if end else ".."
    if span.precision == "future":
        return f"{start.iso()}/.." if start else ".."
    if start is None or end is None:
        return f"{start.iso() if start else '..'}/{end.iso() if end else '..'}"
    if start.ordinal == end.ordinal:
        return start.iso()
    y, m, d = start.ymd
    ey, em, ed = end.ymd
    if d == 1 and ed == days_in_month(ey, em):  # whole months from start to end
        if (ey, em) == (y, m):
            return f"{format_year(y)}-{m:02d}"
        if m == 1 and em == 12:
            if ey == y:
                return format_year(y)
            if y >= 0 and y % 10 == 0 and ey == y + 9:
                return format_year(y)[:-1] + "X"
            if y >= 0 and y % 100 == 0 and ey == y + 99:
                return format_year(y)[:-2] + "XX"
        if span.precision == "season":
            for first, count, code in vocab.SEASON_SPANS.values():
                if m == first and (ey, em) == add_months(y, first, count - 1):
                    return f"{format_year(y)}-{code}"
    return f"{start.iso()}/{end.iso()}"


def _qualify(edtf: str, qualifier: str) -> str:
    if not qualifier:
        return edtf
    return "/".join(p if p in ("", "..") or p[-1] in "?~%" else p + qualifier for p in edtf.split("/"))


# --- rules: vague ------------------------------------------------------------------------------------------------

def _vague(ctx: _Context, kind: str) -> _Span:
    anchor = ctx.need_anchor()
    if kind == "past":
        return _Span(None, anchor, "past", "vague-past", f"some time before {_fmt(anchor)}")
    if kind == "present":
        return _Span(anchor, anchor, "present", "vague-present", f"around {_fmt(anchor)}")
    return _Span(anchor, None, "future", "vague-future", f"some time after {_fmt(anchor)}")


@_rule("vague-units-ago", "vague-recent-units")
def _vague_units(ctx: _Context, values: list[Any]) -> _Span | None:
    """'several years ago', 'recent years': a vague past, not a made-up count."""
    return _vague(ctx, "past")


# --- rules: days -------------------------------------------------------------------------------------------------

_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "day-before-yesterday": -2,
                "day-after-tomorrow": 2, "same-day-as-anchor": 0, "day-after-anchor": 1, "day-before-anchor": -1}
_DAY_WORDS = {0: "the anchor day,", -1: "the day before", 1: "the day after", -2: "two days before",
              2: "two days after"}


def _day_offset_rule(name: str) -> _Rule:
    offset = _DAY_OFFSETS[name]

    def rule(ctx: _Context, values: list[Any]) -> _Span:
        anchor = ctx.need_anchor()
        return _day(anchor.plus(offset), name, f"{_DAY_WORDS[offset]} {_fmt(anchor)}")
    return rule


for _name in _DAY_OFFSETS:
    _RULES[_name] = _day_offset_rule(_name)


@_rule("earlier-same-day")
def _earlier_same_day(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[1]
    return sub if sub.precision == "day" else None


@_rule("day-part")
def _day_part(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[0]
    return sub if sub.precision == "day" else None


# --- rules: weekdays ---------------------------------------------------------------------------------------------

def _weekday_on_or_before(day: Day, weekday: int) -> Day:
    return day.plus(-((day.weekday() - weekday) % 7))


def _weekday_on_or_after(day: Day, weekday: int) -> Day:
    return day.plus((weekday - day.weekday()) % 7)


@_rule("weekday-nearest-anchor")
def _weekday_bare(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[0]
    if ctx.tense == "future":
        return _day(_weekday_on_or_after(anchor, weekday), "weekday-on-or-after-anchor",
                    f"the next {WEEKDAY_NAMES[weekday]} on or after {_fmt(anchor)}")
    if ctx.tense == "either":
        # News names a weekday for the days just past and for the day after publication ("meets Tuesday" in a
        # story filed Monday); a weekday six days back is written "last Tuesday" or as a date.
        ahead = vocab.WEEKDAY_DAYS_AHEAD
        return _day(_weekday_on_or_before(anchor.plus(ahead), weekday), "weekday-near-anchor",
                    f"the {WEEKDAY_NAMES[weekday]} among the week up to {ahead} day(s) after {_fmt(anchor)}")
    return _day(_weekday_on_or_before(anchor, weekday), "weekday-on-or-before-anchor",
                f"the most recent {WEEKDAY_NAMES[weekday]} on or before {_fmt(anchor)}")


@_rule("weekday-before-anchor")
def _weekday_before(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[1]
    return _day(_weekday_on_or_before(anchor.plus(-1), weekday), "weekday-before-anchor",
                f"the most recent {WEEKDAY_NAMES[weekday]} before {_fmt(anchor)}")


@_rule("weekday-after-anchor")
def _weekday_after(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[-1]
    return _day(_weekday_on_or_after(anchor.plus(1), weekday), "weekday-after-anchor",
                f"the first {WEEKDAY_NAMES[weekday]} after {_fmt(anchor)}")


@_rule("weekday-on-or-after-anchor")
def _weekday_coming(ctx: _Context, values: list[Any]) -> _Span:
    anchor, weekday = ctx.need_anchor(), values[-1]
    return _day(_weekday_on_or_after(anchor, weekday), "weekday-on-or-after-anchor",
                f"the first {WEEKDAY_NAMES[weekday]} on or after {_fmt(anchor)}")


@_rule("weekday-in-anchor-week")
def _weekday_this(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    weekday = values[1] if isinstance(values[1], int) else values[0]
    monday = week_span(anchor)[0]
    return _day(monday.plus(weekday), "weekday-in-anchor-week",
                f"the {WEEKDAY_NAMES[weekday]} of the ISO week of {_fmt(anchor)}")


def _check_weekday(day: Day, weekday: int) -> None:
    """Refuse a stated weekday that the date contradicts ("Tuesday, May 15, 2024")."""
    if day.weekday() != weekday:
        raise _Refusal(f"{_fmt(day)[4:]} is a {WEEKDAY_NAMES[day.weekday()]}, not a {WEEKDAY_NAMES[weekday]}")


def _date_rule(name: str, *, month_first: bool, weekday: bool, year: bool) -> _Rule:
    """Give the rule for a month-day phrase: month first or day first, with or without weekday and year."""

    def rule(ctx: _Context, values: list[Any]) -> _Span | None:
        ints = [v for v in values if isinstance(v, int)]
        stated = ints.pop(0) if weekday else None
        month, day_number = (ints[0], ints[1]) if month_first else (ints[1], ints[0])
        if day_number > (29 if month == 2 else days_in_month(2001, month)):
            raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number} does not exist")
        if year:
            year_number = _year_of(values[-1])
            if year_number is None:
                return None
            if day_number > days_in_month(year_number, month):
                raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number}, {year_words(year_number)} does not exist")
            found = Day.of(year_number, month, day_number)
            if stated is not None:
                _check_weekday(found, stated)
            return _day(found, "date", f"{_fmt(found)}")
        anchor = ctx.need_anchor()
        if stated is not None:
            return _month_day_on_weekday(anchor, stated, month, day_number)
        if ctx.tense == "either":
            around = anchor.year
            candidates = [(Day.of(y, month, day_number),) * 2 for y in range(around - 4, around + 5)
                          if day_number <= days_in_month(y, month)]
            found = _nearest(candidates, anchor)[0]
            return _day(found, "month-day-nearest-anchor",
                        f"the {MONTH_NAMES[month - 1]} {day_number} nearest {_fmt(anchor)}")
        found = _month_day_recent(anchor, month, day_number, ctx.tense)
        future = ctx.tense == "future"
        return _day(found, "month-day-on-or-after-anchor" if future else "month-day-without-year",
                    f"the {'first' if future else 'most recent'} {MONTH_NAMES[month - 1]} {day_number} "
                    f"{'on or after' if future else 'on or before'} {_fmt(anchor)}")
    return rule


for _name, _month_first_, _weekday_, _year_ in (
        ("month-day-without-year", True, False, False), ("day-month-without-year", False, False, False),
        ("month-day-year", True, False, True), ("day-month-year", False, False, True),
        ("weekday-month-day", True, True, False), ("weekday-day-month", False, True, False),
        ("weekday-month-day-year", True, True, True), ("weekday-day-month-year", False, True, True)):
    _RULES[_name] = _date_rule(_name, month_first=_month_first_, weekday=_weekday_, year=_year_)


def _month_day_on_weekday(anchor: Day, weekday: int, month: int, day_number: int) -> _Span:
    # The stated weekday tells which year: the occurrence nearest the anchor that falls on it.
    best: Day | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day_number > days_in_month(year, month):
            continue
        candidate = Day.of(year, month, day_number)
        if candidate.weekday() == weekday and (best is None or abs(candidate.ordinal - anchor.ordinal)
                                              < abs(best.ordinal - anchor.ordinal)):
            best = candidate
    if best is None:
        default = _month_day_recent(anchor, month, day_number, "past")
        raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number} near {_fmt(anchor)} is not a {WEEKDAY_NAMES[weekday]} "
                       f"({_fmt(default)[4:]} is a {WEEKDAY_NAMES[default.weekday()]})")
    return _day(best, "weekday-month-day", f"the {MONTH_NAMES[month - 1]} {day_number} nearest {_fmt(anchor)} "
                f"that is a {WEEKDAY_NAMES[weekday]}")


@_rule("weekday-of-date")
def _weekday_of_date(ctx: _Context, values: list[Any]) -> _Span | None:
    weekday: int = values[0]
    sub: _Span = values[1]
    if sub.precision == "day" and sub.start is not None:
        _check_weekday(sub.start, weekday)
        return sub
    if sub.precision == "week" and sub.start is not None and sub.end is not None \
            and sub.end.ordinal - sub.start.ordinal == 6:
        return _day(sub.start.plus(weekday), "weekday-of-week", f"the {WEEKDAY_NAMES[weekday]} of {sub.explanation}")
    return None


# --- rules: n units ago, spans -----------------------------------------------------------------------------------

@_rule("n-units-ago", "n-units-from-now")
def _units_ago(ctx: _Context, values: list[Any]) -> _Span | None:
    n, unit = values[0], values[1]
    direction = values[2] if isinstance(values[2], int) else 1
    anchor = ctx.need_anchor()
    target = _shift(anchor, unit, direction * n)
    precision = _UNIT_PRECISION[unit]
    rule = "n-units-ago" if direction < 0 else "n-units-from-now"
    words = f"{n} {unit}{'s' if n != 1 else ''} {'before' if direction < 0 else 'after'} {_fmt(anchor)}"
    if unit in ("decade", "century"):  # "a decade ago" names a year, not a whole decade
        return _span(year_span(target.year), "year", rule, f"the year {words}")
    return _span(_period(unit, target), precision, rule, f"the {precision} {words}")


@_rule("one-unit-ago")
def _one_unit_ago(ctx: _Context, values: list[Any]) -> _Span | None:
    return _units_ago(ctx, [1, values[0], values[1]])


@_rule("past-n-units")
def _past_units(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    n, unit = (values[1], values[2]) if len(values) == 3 else (1, values[1])
    start = _shift(anchor, unit, -n)
    return _span((start, anchor), _UNIT_PRECISION[unit], "past-n-units",
                 f"the {n} {unit}(s) up to {_fmt(anchor)}")


@_rule("next-n-units")
def _next_units(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    n, unit = values[1], values[2]
    return _span((anchor, _shift(anchor, unit, n)), _UNIT_PRECISION[unit], "next-n-units",
                 f"the {n} {unit}(s) from {_fmt(anchor)}")


@_rule("earlier-this-unit", "later-this-unit")
def _earlier_this(ctx: _Context, values: list[Any]) -> _Span | None:
    anchor = ctx.need_anchor()
    unit = values[2]
    if unit == "day":
        return _day(anchor, "today", f"the anchor day, {_fmt(anchor)}")
    start, end = _period(unit, anchor)
    precision = _UNIT_PRECISION[unit]
    if values[0] == "earlier":
        if anchor == start:  # nothing of the period lies before the anchor but the anchor day itself
            return _day(anchor, "earlier-this-unit", f"the first day of this {unit}, {_fmt(anchor)}")
        return _span((start, anchor.plus(-1)), precision, "earlier-this-unit",
                     f"this {unit} up to the day before {_fmt(anchor)}")
    if anchor == end:
        return _day(anchor, "later-this-unit", f"the last day of this {unit}, {_fmt(anchor)}")
    return _span((anchor.plus(1), end), precision, "later-this-unit", f"this {unit} after {_fmt(anchor)}")


@_rule("this-unit", "last-unit", "next-unit", "same-period-as-anchor")
def _unit_deixis(ctx: _Context, values: list[Any]) -> _Span | None:
    unit = values[-1]
    if unit not in _UNIT_PRECISION:
        return None
    anchor = ctx.need_anchor()
    word = values[0] if len(values) == 2 else "this"
    step = -1 if word in vocab.LAST_WORDS or word == "latest" else 1 if word in vocab.NEXT_WORDS else 0
    rule = {-1: "last-unit", 0: "this-unit", 1: "next-unit"}[step]
    if word in ("that", "same"):
        rule = "same-period-as-anchor"
    bounds = _period_shifted(unit, anchor, step)
    which = {-1: "the previous", 0: "the", 1: "the next"}[step]
    return _span(bounds, _UNIT_PRECISION[unit], rule, f"{which} {unit} of {_fmt(anchor)}")


@_rule("year-earlier")
def _year_earlier(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    return _span(year_span(anchor.year - 1), "year", "year-earlier", f"the year before {_fmt(anchor)}")


@_rule("year-earlier-quarter")
def _year_earlier_quarter(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    kind = values[2]
    start, _ = _latest_completed(anchor, kind)
    shifted = _shift(start, "year", -1)
    size = 3 if kind == "quarter" else 6
    bounds = _sub_period(kind, shifted.year, (shifted.month - 1) // size + 1)
    return _span(bounds, kind, "year-earlier-quarter",
                 f"the {kind} a year before the latest completed {kind} at {_fmt(anchor)}")


# --- rules: weeks and weekends -----------------------------------------------------------------------------------

def _weekend_of(day: Day) -> tuple[Day, Day]:
    monday = week_span(day)[0]
    return monday.plus(5), monday.plus(6)


@_rule("weekend-nearest-anchor")
def _weekend(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    if ctx.tense == "future":
        saturday = _weekday_on_or_after(anchor.plus(-1), 5)
        return _span((saturday, saturday.plus(1)), "week", "weekend-on-or-after-anchor",
                     f"the first weekend not over by {_fmt(anchor)}")
    saturday = _weekday_on_or_before(anchor, 5)
    return _span((saturday, saturday.plus(1)), "week", "weekend-on-or-before-anchor",
                 f"the most recent weekend begun by {_fmt(anchor)}")


@_rule("this-weekend", "last-weekend", "next-weekend")
def _weekend_deixis(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    word = values[0]
    step = -7 if word in vocab.LAST_WORDS else 7 if word in vocab.NEXT_WORDS else 0
    rule = {-7: "last-weekend", 0: "this-weekend", 7: "next-weekend"}[step]
    return _span(_weekend_of(anchor.plus(step)), "week", rule,
                 f"Saturday-Sunday of the {'previous ' if step < 0 else 'next ' if step else ''}ISO week of "
                 f"{_fmt(anchor)}")


@_rule("weekend-of-day")
def _weekend_of_day(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[-1]
    if sub.precision != "day" or sub.start is None:
        return None
    return _span(_weekend_of(sub.start), "week", "weekend-of-day",
                 f"Saturday-Sunday of the ISO week of {_fmt(sub.start)}")


@_rule("week-of-day")
def _week_of(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[-1]
    if sub.precision != "day" or sub.start is None:
        return None
    return _span(week_span(sub.start), "week", "week-of-day", f"the ISO week of {_fmt(sub.start)}")


# --- rules: months -----------------------------------------------------------------------------------------------

@_rule("month-without-year")
def _month_bare(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[0]
    if ctx.tense == "future":
        year = anchor.year if month >= anchor.month else anchor.year + 1
        return _span(month_span(year, month), "month", "month-on-or-after-anchor",
                     f"the first {MONTH_NAMES[month - 1]} on or after {_fmt(anchor)}")
    if ctx.tense == "either":
        year = anchor.year
        candidates = [month_span(y, month) for y in (year - 1, year, year + 1)]
        return _span(_nearest(candidates, anchor), "month", "month-nearest-anchor",
                     f"the {MONTH_NAMES[month - 1]} nearest {_fmt(anchor)}")
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return _span(month_span(year, month), "month", "month-without-year",
                 f"the most recent {MONTH_NAMES[month - 1]} on or before {_fmt(anchor)}")


def _nearest(candidates: Sequence[tuple[Day, Day]], anchor: Day) -> tuple[Day, Day]:
    """Give the candidate span nearest the anchor: one containing it, else the nearest, the future weighed
    `vocabulary.FUTURE_DISTANCE_WEIGHT` times as far (news reports the past more often than it announces)."""
    def distance(span: tuple[Day, Day]) -> float:
        start, end = span
        if start <= anchor <= end:
            return 0
        if end < anchor:
            return anchor.ordinal - end.ordinal
        return (start.ordinal - anchor.ordinal) * vocab.FUTURE_DISTANCE_WEIGHT
    return min(sorted(candidates), key=distance)


@_rule("month-before-anchor")
def _month_last(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[1]
    year = anchor.year if month < anchor.month else anchor.year - 1
    return _span(month_span(year, month), "month", "month-before-anchor",
                 f"the most recent {MONTH_NAMES[month - 1]} before the month of {_fmt(anchor)}")


@_rule("month-after-anchor")
def _month_next(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[1]
    year = anchor.year if month > anchor.month else anchor.year + 1
    return _span(month_span(year, month), "month", "month-after-anchor",
                 f"the first {MONTH_NAMES[month - 1]} after the month of {_fmt(anchor)}")


@_rule("month-in-anchor-year")
def _month_this(ctx: _Context, values: list[Any]) -> _Span:
    anchor, month = ctx.need_anchor(), values[1]
    return _span(month_span(anchor.year, month), "month", "month-in-anchor-year",
                 f"{MONTH_NAMES[month - 1]} of the year of {_fmt(anchor)}")


def _month_day_recent(anchor: Day, month: int, day_number: int, tense: Tense) -> Day:
    step = 1 if tense == "future" else -1
    year = anchor.year
    for _ in range(9):  # February 29 recurs within 8 years
        if day_number <= days_in_month(year, month):
            candidate = Day.of(year, month, day_number)
            if (candidate.ordinal <= anchor.ordinal) if step < 0 else (candidate.ordinal >= anchor.ordinal):
                return candidate
        year += step
    raise _Refusal(f"{MONTH_NAMES[month - 1]} {day_number} does not exist")


def _year_of(sub: Any) -> int | None:
    """Give the year a sub-phrase names when it is exactly one whole year ("2023", "last year"), else None."""
    if isinstance(sub, _Span) and sub.precision == "year" and sub.start is not None and sub.end is not None:
        y, m, d = sub.start.ymd
        if (m, d) == (1, 1) and sub.end.ymd == (y, 12, 31):
            return y
    return None


@_rule("month-of-year")
def _month_of_year(ctx: _Context, values: list[Any]) -> _Span | None:
    month, year = values[0], _year_of(values[-1])
    if year is None:
        return None
    return _span(month_span(year, month), "month", "month-of-year", f"{MONTH_NAMES[month - 1]} {year_words(year)}")


# --- rules: quarters, halves, seasons ----------------------------------------------------------------------------

def _sub_period(kind: str, year: int, n: int) -> tuple[Day, Day]:
    size = 3 if kind == "quarter" else 6
    return months_span(year, (n - 1) * size + 1, size)


def _latest_completed(anchor: Day, kind: str) -> tuple[Day, Day]:
    size = 3 if kind == "quarter" else 6
    index = (anchor.month - 1) // size
    year, month = add_months(anchor.year, index * size + 1, -size)
    return months_span(year, month, size)


def _ordinal_kind(values: list[Any]) -> tuple[Literal["quarter", "half"], int] | None:
    for value in (values[0], values[-1]):  # a code like "Q3" or "H1", read as (kind, n) by its pattern
        if isinstance(value, tuple):
            return ("quarter" if value[0] == "quarter" else "half"), value[1]
    ints = [v for v in values if isinstance(v, int)]
    kinds = [v for v in values if v in ("quarter", "half")]
    if not ints or not kinds:
        return None
    n = ints[0]
    kind: Literal["quarter", "half"] = "quarter" if kinds[0] == "quarter" else "half"
    if not 1 <= n <= (4 if kind == "quarter" else 2):
        return None
    return kind, n


@_rule("ordinal-quarter-without-year")
def _quarter_bare(ctx: _Context, values: list[Any]) -> _Span | None:
    found = _ordinal_kind(values)
    if found is None:
        return None
    kind, n = found
    anchor = ctx.need_anchor()
    current = (anchor.month - 1) // (3 if kind == "quarter" else 6) + 1
    if ctx.tense == "future":
        year = anchor.year if n >= current else anchor.year + 1
        where = "the first one not before"
    else:
        year = anchor.year if n <= current else anchor.year - 1
        where = "the most recent one not after"
    label = f"{'Q' if kind == 'quarter' else 'H'}{n}"
    return _span(_sub_period(kind, year, n), kind, f"ordinal-{kind}-without-year",
                 f"{label} {year}, {where} the {kind} of {_fmt(anchor)}")


@_rule("ordinal-quarter-of-year", "year-ordinal-quarter")
def _quarter_of_year(ctx: _Context, values: list[Any]) -> _Span | None:
    found = _ordinal_kind([v for v in values if not isinstance(v, _Span)])
    spans = [v for v in values if isinstance(v, _Span)]
    if found is None or not spans:
        return None
    year = _year_of(spans[0])
    if year is None:
        return None
    kind, n = found
    return _span(_sub_period(kind, year, n), kind, f"{kind}-of-year",
                 f"{'Q' if kind == 'quarter' else 'H'}{n} {year_words(year)}")


@_rule("latest-quarter")
def _latest_quarter(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    return _span(_latest_completed(anchor, "quarter"), "quarter", "latest-quarter",
                 f"the most recent quarter completed before {_fmt(anchor)}")


@_rule("latest-half")
def _latest_half(ctx: _Context, values: list[Any]) -> _Span:
    anchor = ctx.need_anchor()
    return _span(_latest_completed(anchor, "half"), "half", "latest-half",
                 f"the most recent half-year completed before {_fmt(anchor)}")


def _season(name: str, year: int) -> tuple[Day, Day]:
    first, count, _ = vocab.SEASON_SPANS[name]
    return months_span(year, first, count)


def _season_rule(name: str) -> _Rule:
    def rule(ctx: _Context, values: list[Any]) -> _Span | None:
        season = next(v for v in values if isinstance(v, str) and v in vocab.SEASON_SPANS)
        anchor = ctx.need_anchor()
        candidates = [(_season(season, y), y) for y in range(anchor.year - 2, anchor.year + 2)]
        if name == "season-without-year":
            if ctx.tense == "future":
                bounds, year = next(c for c in candidates if c[0][1] >= anchor)
                return _span(bounds, "season", "season-on-or-after-anchor",
                             f"the first {season} not over by {_fmt(anchor)}")
            if ctx.tense == "either":
                return _span(_nearest([c[0] for c in candidates], anchor), "season", "season-nearest-anchor",
                             f"the {season} nearest {_fmt(anchor)}")
            bounds, year = [c for c in candidates if c[0][0] <= anchor][-1]
            return _span(bounds, "season", name, f"the most recent {season} begun by {_fmt(anchor)}")
        if name == "season-before-anchor":
            bounds, year = [c for c in candidates if c[0][1] < anchor][-1]
            return _span(bounds, "season", name, f"the most recent {season} over before {_fmt(anchor)}")
        if name == "season-after-anchor":
            bounds, year = next(c for c in candidates if c[0][0] > anchor)
            return _span(bounds, "season", name, f"the first {season} beginning after {_fmt(anchor)}")
        year = anchor.year - 1 if season == "winter" and anchor.month <= 2 else anchor.year
        return _span(_season(season, year), "season", name, f"the {season} of the year of {_fmt(anchor)}")
    return rule


for _name in ("season-without-year", "season-before-anchor", "season-after-anchor", "season-of-anchor-year"):
    _RULES[_name] = _season_rule(_name)


@_rule("season-of-year")
def _season_of_year(ctx: _Context, values: list[Any]) -> _Span | None:
    season, year = values[0], _year_of(values[-1])
    if year is None:
        return None
    return _span(_season(season, year), "season", "season-of-year", f"{season} {year_words(year)}")


# --- rules: years, decades, centuries ----------------------------------------------------------------------------

@_rule("year")
def _year(ctx: _Context, values: list[Any]) -> _Span | None:
    year = next((v for v in values if isinstance(v, int)), None)
    if not isinstance(year, int) or year > 9999:
        return None
    return _span(year_span(year), "year", "year", f"the year {year}")


@_rule("year-with-era")
def _year_era(ctx: _Context, values: list[Any]) -> _Span | None:
    return _era_span(values[0], values[1])


@_rule("era-year")
def _era_year(ctx: _Context, values: list[Any]) -> _Span | None:
    return _era_span(values[1], values[0])


def _era_span(number: int, sign: int) -> _Span | None:
    if not 1 <= number <= 9999:
        return None
    year = number if sign > 0 else 1 - number
    return _span(year_span(year), "year", "year-with-era", f"the year {year_words(year)}")


@_rule("fiscal-year")
def _fiscal_year(ctx: _Context, values: list[Any]) -> _Span | None:
    number = values[1]
    if number >= 100:
        year = number
    else:
        anchor = ctx.need_anchor()
        century = anchor.year - anchor.year % 100
        year = min((century - 100 + number, century + number, century + 100 + number),
                   key=lambda y: abs(y - anchor.year))
    return _span(year_span(year), "year", "fiscal-year",
                 f"fiscal {year}, taken as the calendar year {year}")


@_rule("decade")
def _decade(ctx: _Context, values: list[Any]) -> _Span:
    start = values[0]
    return _span((Day.of(start, 1, 1), Day.of(start + 9, 12, 31)), "decade", "decade", f"the {start}s")


@_rule("decade-two-digit")
def _decade_short(ctx: _Context, values: list[Any]) -> _Span | None:
    if values[0] % 10:
        return None
    anchor = ctx.need_anchor()
    century = anchor.year - anchor.year % 100
    start = century + values[0] if century + values[0] <= anchor.year else century - 100 + values[0]
    return _span((Day.of(start, 1, 1), Day.of(start + 9, 12, 31)), "decade", "decade-two-digit",
                 f"the {start}s, the most recent '{values[0]:02d}s by {_fmt(anchor)}")


@_rule("century")
def _century(ctx: _Context, values: list[Any]) -> _Span | None:
    n = values[0]
    if not 1 <= n <= 100:
        return None
    if len(values) == 3 and values[2] < 0:
        first, last = 1 - n * 100, -(n - 1) * 100
    else:
        first, last = (n - 1) * 100, (n - 1) * 100 + 99
    return _span((Day.of(first, 1, 1), Day.of(last, 12, 31)), "century", "century",
                 f"the {n}th century, {year_words(first)}-{year_words(last)}")


@_rule("edtf")
def _edtf_token(ctx: _Context, values: list[Any]) -> _Span | None:
    return _read_edtf(values[0])


# --- rules: holidays -------------------------------------------------------------------------------------------

def _easter(year: int) -> Day:
    """Give Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return Day.of(year, month, day)


def _holiday(name: str, year: int) -> Day:
    how = vocab.HOLIDAYS[name]
    if isinstance(how, vocab.Fixed):
        return Day.of(year, how.month, how.day)
    if isinstance(how, vocab.AfterEaster):
        return _easter(year).plus(how.days)
    if isinstance(how, vocab.ElectionDay):
        return _weekday_on_or_after(Day.of(year, 11, 1), 0).plus(1)
    if how.n == -1:
        return _weekday_on_or_before(month_end(year, how.month), how.weekday)
    first = _weekday_on_or_after(month_start(year, how.month), how.weekday)
    return first.plus(7 * (how.n - 1))


def _holiday_rule(name: str) -> _Rule:
    def rule(ctx: _Context, values: list[Any]) -> _Span | None:
        holiday = next(v for v in values if isinstance(v, str) and v in vocab.HOLIDAYS)
        label = vocab.HOLIDAY_LABELS.get(holiday, holiday.capitalize())
        if name == "holiday-of-year":
            year = _year_of(values[-1])
            if year is None:
                return None
            found = _holiday(holiday, year)
            return _day(found, name, f"{label} {year_words(year)}, {_fmt(found)}")
        anchor = ctx.need_anchor()
        around = [_holiday(holiday, y) for y in range(anchor.year - 1, anchor.year + 2)]
        if name == "holiday-in-anchor-year":
            found = around[1]
        elif name == "holiday-before-anchor":
            found = [h for h in around if h < anchor][-1]
        elif name == "holiday-after-anchor":
            found = next(h for h in around if h > anchor)
        elif ctx.tense == "future":
            found = next(h for h in around if h >= anchor)
        elif ctx.tense == "either":
            found = _nearest([(h, h) for h in around], anchor)[0]
        else:
            found = [h for h in around if h <= anchor][-1]
        if name == "holiday-week":
            return _span(week_span(found), "week", name, f"the ISO week of {label}, {_fmt(found)}")
        return _day(found, name, f"{label}, {_fmt(found)}, as read against {_fmt(anchor)}")
    return rule


for _name in ("holiday-without-year", "holiday-before-anchor", "holiday-after-anchor", "holiday-in-anchor-year",
              "holiday-of-year", "holiday-week"):
    _RULES[_name] = _holiday_rule(_name)


# --- rules: open ranges and neighbouring days --------------------------------------------------------------------

@_rule("open-after")
def _open_after(ctx: _Context, values: list[Any]) -> _Span | None:
    sub = next(v for v in values if isinstance(v, _Span))
    if sub.start is None:
        return None
    return _Span(sub.start, None, sub.precision, "open-after", f"from {_fmt(sub.start)} on",
                 edtf=f"{_edtf_of(sub, None)}/..")


@_rule("open-before")
def _open_before(ctx: _Context, values: list[Any]) -> _Span | None:
    sub = next(v for v in values if isinstance(v, _Span))
    if sub.end is None:
        return None
    return _Span(None, sub.end, sub.precision, "open-before", f"up to {_fmt(sub.end)}",
                 edtf=f"../{_edtf_of(sub, None)}")


@_rule("day-before-date", "day-after-date")
def _neighbour_day(ctx: _Context, values: list[Any]) -> _Span | None:
    sub: _Span = values[-1]
    if sub.precision != "day" or sub.start is None:
        return None
    step = -1 if values[1] == "before" else 1
    return _day(sub.start.plus(step), f"day-{values[1]}-date", f"the day {values[1]} {_fmt(sub.start)}")


@_rule("final-quarter-of-year")
def _final_quarter(ctx: _Context, values: list[Any]) -> _Span | None:
    kind, year = values[1], _year_of(values[-1])
    if year is None:
        return None
    n = 4 if kind == "quarter" else 2
    return _span(_sub_period(kind, year, n), kind, "final-quarter-of-year",
                 f"the last {kind} of {year_words(year)}")


# --- rules: narrowing --------------------------------------------------------------------------------------------

#: The whole calendar unit a narrowing word can cut: precision -> (sub-unit, how many of them).
_WHOLE_UNITS = {"week": ("day", 7), "month": ("month", 1), "quarter": ("month", 3), "season": ("month", 3),
                "half": ("month", 6), "year": ("month", 12), "decade": ("year", 10), "century": ("year", 100)}


def _is_whole_unit(span: _Span) -> bool:
    """Give whether a span is exactly one calendar unit of its precision (not already cut, not a weekend)."""
    if span.start is None or span.end is None or span.precision not in _WHOLE_UNITS:
        return False
    sub_unit, count = _WHOLE_UNITS[span.precision]
    if sub_unit == "day":
        return span.start.weekday() == 0 and span.end.ordinal - span.start.ordinal == count - 1
    y, m, d = span.start.ymd
    ey, em, ed = span.end.ymd
    if d != 1 or ed != days_in_month(ey, em):
        return False
    if sub_unit == "month":
        return (ey, em) == add_months(y, m, count - 1)
    return m == 1 and em == 12 and ey == y + count - 1


def _narrow(span: _Span, modifier: str) -> _Span | None:
    """Give the early/mid/late/end part of a whole calendar unit; a day stays itself; anything else is unread."""
    if span.precision == "day":
        return span
    if not _is_whole_unit(span) or span.start is None or span.end is None:
        return None
    unit, parts = vocab.NARROWING[span.precision]
    first, last = parts[modifier]
    if unit == "day":
        start = span.start.plus(first)
        end = span.end if last is None else min(span.end, span.start.plus(last))
    elif unit == "month":
        y, m, _ = span.start.ymd
        start = month_start(*add_months(y, m, first))
        end = span.end if last is None else min(span.end, month_end(*add_months(y, m, last)))
    else:
        y = span.start.year
        start = Day.of(y + first, 1, 1)
        end = span.end if last is None else min(span.end, Day.of(y + last, 12, 31))
    return _Span(start, end, span.precision, f"{modifier}-{span.rule}", f"the {modifier} part of "
                 f"{span.explanation}")


@_rule("part-of-period")
def _part_of(ctx: _Context, values: list[Any]) -> _Span | None:
    return _narrow(values[-1], values[0])


@_rule("part-of-period-after")
def _part_of_after(ctx: _Context, values: list[Any]) -> _Span | None:
    return _narrow(values[0], values[1])
