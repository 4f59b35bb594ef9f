"""Neutralising hostile text on its way out: links, HTML, Markdown cells, spreadsheet formulas."""

from __future__ import annotations

import html
import re
from functools import lru_cache

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
# C0/C1 controls and the bidi overrides/isolates that can reorder what a reader sees
_TERMINAL_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!()])")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a safe URL may not hold: whitespace, control characters, quotes, angle brackets, backquote, backslash
_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\"'<>`\\]")
# What `flat_text` would change: an invisible character, whitespace other than one space between words
_NOT_FLAT = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[^\\S ]|  |^ | $")
# What `md_cell` escapes in flat text
_MD_ESCAPED = re.compile(r"[&<>\\`*_\[\]|#!()]")


#: Characters that show as nothing (zero-width spaces and joiners, soft hyphen, word joiner, BOM, variation
#: selectors, tag characters, the Hangul and Braille blanks) or that reorder what is shown (bidi marks,
#: embeddings, overrides and isolates): two labels that differ only by them look the same to a reader.
_LOOKALIKE = re.compile("[\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
                        "\U000e0000-\U000e0fff]")


def hidden_character(text: str) -> str | None:
    """Give the first invisible or reordering character of `text` (zero-width, bidi), or None."""
    found = _LOOKALIKE.search(text)
    return found.group() if found else None


def strip_hidden(text: str) -> str:
    """Give text without the characters `hidden_character` finds."""
    return _LOOKALIKE.sub("", text)


def url_problem(url: str) -> str | None:
    """Give what is wrong with a link in words ('must start with ...', 'holds a space ...'), or None if it is safe."""
    candidate = url.strip()
    if not candidate.lower().startswith(_SAFE_SCHEMES):
        return "must start with http://, https:// or mailto:"
    bad = _URL_UNSAFE.search(candidate)
    if bad is not None:
        c = bad.group()
        shown = "a space" if c == " " else f"U+{ord(c):04X}" if not c.isprintable() else f"'{c}'"
        return (f"holds {shown} at character {bad.start() + 1}, which a link may not hold; percent-encode it "
                f"(%{ord(c):02X})" if ord(c) < 0x80 else f"holds {shown} at character {bad.start() + 1}; remove it")
    return None


@lru_cache(maxsize=8192)  # a log cites each source's URL many times
def safe_url(url: str) -> str | None:
    """Give the URL if it is http(s) or mailto with no spaces or control characters, else None."""
    candidate = url.strip()
    if not candidate.lower().startswith(_SAFE_SCHEMES):
        return None
    if _URL_UNSAFE.search(candidate):
        return None
    return candidate


def esc(text: str) -> str:
    """Give text escaped for HTML element content and quoted attributes."""
    return html.escape(text, quote=True)


def strip_invisible(text: str) -> str:
    """Give text without control and bidi override characters."""
    return _INVISIBLE.sub("", text)


def visible(text: str) -> str:
    """Give text for a terminal: control and bidi characters shown as escapes (`\\x1b`), never acted on.

    Only a newline stays: a carriage return or tab could make text overwrite or misalign what was printed.
    """
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                else f"\\u{ord(m.group()):04x}", text)


def flat_text(text: str) -> str:
    """Give text on one line: control and bidi characters removed, runs of whitespace as one space, trimmed."""
    if _NOT_FLAT.search(text) is None:  # the usual case, checked in one pass of C
        return text
    return " ".join(strip_invisible(text).split())


def md_cell(text: str) -> str:
    """Give text safe inside one Markdown table cell: pipes, newlines and HTML made inert."""
    flat = flat_text(text)
    if _MD_ESCAPED.search(flat) is None:
        return flat
    flat = html.escape(flat, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", flat)


#: Where a spreadsheet may start a cell: the text's start, and after a `;` or tab (German, French, Italian and
#: Spanish spreadsheets split a .csv on `;`; others on tabs) or a line break (a reader that splits lines first).
#: A piece that starts with a formula sign, or with apostrophes before one, gets one more apostrophe, so that
#: removing one apostrophe from each such piece gives the text back (what the import does).
_FORMULA_START = re.compile(r"(?:^|(?<=[;\t\r\n]))(?=[ \xa0]*'*[=+\-@])|^(?='*[\t\r])")


def csv_cell(text: str) -> str:
    """Give text that a spreadsheet will show as text, never run as a formula, however it splits the line.

    Every piece a reader could take for a cell (the whole text, and what follows each `;`, tab or line break)
    that starts with `=`, `+`, `-` or `@`, also after spaces (which a reader that trims cells drops), starts with
    `'` (the whole text also before a tab or carriage return).
    """
    if not text or _FORMULA_START.search(text) is None:
        return text
    return _FORMULA_START.sub("'", text)
