"""Time hostile imports of N bytes at two sizes and print one line each: `python tests/bench_imports.py`.

Not a pytest module (speed goals live in benchmarks). Each import is O(N log N) at worst, so doubling the input
should about double the time: the script prints the ratio of the two sizes' times, and exits 1 when one is over 3
(a quadratic import would show 4). The inputs are issue 18's: a TimelineJS file of many events, a CSV header of
repeated or unknown names, many rows with one title, a long headline of HTML-looking text, deep JSON nesting.
"""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.errors import TimelineError
from timeline.exchange.imports import import_events, plain_text


def timelinejs(n: int) -> tuple[str, str]:
    doc = {"events": [{"start_date": {"year": 2024, "month": 1, "day": 1 + k % 28},
                       "text": {"headline": f"Event {k}"}} for k in range(n)]}
    return "t.json", json.dumps(doc, indent=1)


def repeated_header(n: int) -> tuple[str, str]:
    return "h.csv", ",".join(["title"] * n) + "\n"


def unknown_columns(n: int) -> tuple[str, str]:
    return "u.csv", "title,when," + ",".join(f"col{k}" for k in range(n)) + "\n"


def one_title(n: int) -> tuple[str, str]:
    return "o.csv", "title,when\n" + "Same title,2024-05-01\n" * n


def nested_json(n: int) -> tuple[str, str]:
    return "n.json", "[" * n + "]" * n


CASES: list[tuple[str, Callable[[int], tuple[str, str]], int]] = [
    ("TimelineJS events", timelinejs, 25_000),
    ("CSV header, one name repeated", repeated_header, 50_000),
    ("CSV header, unknown names", unknown_columns, 250_000),
    ("CSV rows with one title", one_title, 5_000),
    ("JSON nesting", nested_json, 5_000),
]


def run(make: Callable[[int], tuple[str, str]], n: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        name, text = make(n)
        source = Path(folder) / name
        source.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        with contextlib.suppress(TimelineError):
            import_events(source, Path(folder) / "events.yaml")
        return time.perf_counter() - started


def main() -> int:
    worst = 0.0
    for label, make, n in CASES:
        small, large = run(make, n), run(make, 2 * n)
        ratio = large / max(small, 1e-3)
        worst = max(worst, ratio)
        print(f"{label:32} N={n:>8,}: {small:6.2f} s   2N: {large:6.2f} s   ratio {ratio:4.1f}")
    for n in (60_000, 120_000):
        started = time.perf_counter()
        plain_text("<a " * (n // 3))
        print(f"{'HTML headline of <a':32} {n:>10,} chars: {time.perf_counter() - started:6.3f} s")
    return 0 if worst <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
