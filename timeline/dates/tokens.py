"""A phrase -> its words: normalised (NFKC, digits, quotes, case), split, number words read, framing words dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from . import vocabulary as vocab
from .span import _Refusal


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
                raise _Refusal(f"the character '{ch}' is not a decimal digit; write the number in digits")
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
        if raw.strip("-") == "" and tokens:  # a dash between spaces: "1 Mar - 30 Apr 2024", as the tool writes it
            tokens.append("to")
            continue
        if raw[-1] == "." and raw[:-1].isalpha():  # an abbreviation: "Nov.", "Sept."
            tokens.append(raw[:-1])
            continue
        if _ISOISH.fullmatch(raw) or _EDTF_TOKEN.fullmatch(raw):
            tokens.append(raw)
            continue
        if "/" in raw and _DIGIT.search(raw):
            raise _Refusal(f"'{raw}' is a numeric date with slashes, which is ambiguous; write it as YYYY-MM-DD, "
                           "or say how slashed dates read with `date_order: DMY` (or MDY) on the log or the source")
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
            parts = [part.strip("'") for part in word.split("-") if part.strip("'")]
            if len(parts) == 2 and _rangeable(parts[0], parts[1]):  # "18-19", "March-May": a range
                parts.insert(1, "to")
            tokens.extend(parts)
    return tokens if _MERGEABLE.keys().isdisjoint(tokens) else _merge_numbers(tokens)


def _rangeable(a: str, b: str) -> bool:
    """Give whether a dash between `a` and `b` means "to": two numbers, two months or two weekdays."""
    if a.isdigit() and b.isdigit():
        return len(a) <= 4 and len(b) <= 4
    return any(a in table and b in table for table in (vocab.MONTHS, vocab.WEEKDAYS))


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
