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


def csv_cell(text: str) -> str:
    """Give text that a spreadsheet will show as text, never run as a formula."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text
