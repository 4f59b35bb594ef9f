"""Words -> a rule's answer: the word classes of each token, the pattern index built from `vocabulary.PATTERNS`,
binding tokens to a pattern's slots, and the rule table (`_RULES`) the rules register in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from . import vocabulary as vocab
from .span import _Context, _Span
from .tokens import _CODE, _DECADE, _DIGIT, _EDTF_TOKEN, _ORDINAL_DIGITS

_MAX_DEPTH = 6  # nested sub-phrases ("the third quarter of last year" is 2)


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
