"""Take the README's picture of the page, reports/timeline.png: the bundled log's page at 1200 px in the light
theme, from the top to the chart's axis, in headless Chromium (the machine's; never downloaded).

    python tests/readme_screenshot.py            # after `timeline build`; prints the file's size

`timeline build` writes only its own files, so the picture stays until this script takes it again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench_speed import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "reports" / "timeline.html"
PICTURE = ROOT / "reports" / "timeline.png"
#: The README's limit for the picture, so the repository stays small.
MAX_BYTES = 150_000


def main() -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900}, color_scheme="light")
        page.goto(PAGE.as_uri())
        page.wait_for_selector("#timeline-chart[data-ready]", timeout=60_000)
        bottom = page.evaluate("() => document.getElementById('timeline-chart').getBoundingClientRect().bottom")
        page.screenshot(path=str(PICTURE), clip={"x": 0, "y": 0, "width": 1200, "height": bottom + 8},
                        full_page=True)
        browser.close()
    size = PICTURE.stat().st_size
    print(f"{PICTURE.relative_to(ROOT)}: {size:,} bytes")
    return 0 if size <= MAX_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
