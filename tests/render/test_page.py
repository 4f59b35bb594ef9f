"""The page's own pieces outside the browser: the marks note's colours in both themes."""

from __future__ import annotations

import pytest

from timeline.render import page


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(("theme", "background"), [("light", "#ffffff"), ("dark", "#16181d")])
def test_the_marks_note_paints_each_mark_in_its_theme_with_3_to_1_contrast(theme: str, background: str) -> None:
    import re

    light, dark = page.SWATCH_CSS.split("@media")
    block = light if theme == "light" else dark
    colours = dict(re.findall(r"--sw-(\w+): (#[0-9a-f]{6});", block))
    assert set(colours) == set(page._SWATCHES)
    assert {k: round(_contrast(c, background), 2) for k, c in colours.items() if _contrast(c, background) < 3} == {}
    # the note's pictures are painted by those variables, not a fixed colour
    assert "var(--sw-exact)" in page._swatch("exact") and "#" not in page._swatch("exact")
