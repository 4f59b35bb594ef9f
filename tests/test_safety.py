"""The fast paths of the text neutralisers give exactly what the plain definitions give."""

from __future__ import annotations

import html
import re

from hypothesis import example, given
from hypothesis import strategies as st

from timeline.safety import flat_text, md_cell, safe_url, strip_invisible

# Characters the neutralisers treat specially, mixed into ordinary text so that examples hit them often
_TRICKY = st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1f\x00\x7f\x85\xa0\u2028\u2029\u202e\u2066\u3000"
                               "&<>|\\`*_[]#!()"))
TEXTS = st.lists(st.one_of(st.characters(), _TRICKY, st.just("ab")), max_size=20).map("".join)


def _flat(text: str) -> str:
    return " ".join(strip_invisible(text).split())


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]|#!()])", r"\\\1", html.escape(_flat(text), quote=False))


@given(TEXTS)
@example("plain words")
@example(" lead")
@example("trail ")
@example("two  spaces")
@example("tab\there")
@example("nbsp\xa0here")
@example("bidi\u202eevil")
@example("a|b & <i>")
def test_flat_text_and_md_cell_match_their_definitions(text: str) -> None:
    assert flat_text(text) == _flat(text)
    assert md_cell(text) == _md(text)


def _safe_url(url: str) -> str | None:
    candidate = url.strip()
    if not candidate.lower().startswith(("http://", "https://", "mailto:")):
        return None
    if any(ch.isspace() or ord(ch) < 32 or ch in "\"'<>`\\" for ch in candidate):
        return None
    return candidate


@given(st.sampled_from(["https://", "http://", "mailto:", "HTTPS://", "javascript:", " https://"]), TEXTS)
@example("https://", "example.org/a b")
@example("https://", "example.org/\u2028")
@example("https://", "example.org/\x85")
def test_safe_url_matches_its_definition(scheme: str, rest: str) -> None:
    assert safe_url(scheme + rest) == _safe_url(scheme + rest)


def test_plain_text_is_given_back_as_it_is() -> None:
    text = "Leike resigns from OpenAI, 2024-05-17"
    assert flat_text(text) is text and md_cell(text) is text
