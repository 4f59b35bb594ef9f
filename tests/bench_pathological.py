"""Time the pathological inputs of `tests/test_pathological.py` and print one line each, slowest first.

Run by hand: `python tests/bench_pathological.py [--repeat N]`. Not a pytest module: the tests only guard against
hangs (a 5 s alarm); this script records how long each input actually takes, cold (resolver cache cleared), as the
best of N runs. The goal is "well under a second" for every phrase; the script exits 1 when one is not. Whole
logs (a 1 MB title, 5,000 events, 10,000 problems) are timed for the record: their cost grows with their size.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import timeline
from timeline.errors import TimelineError
from timeline.dates.resolve import clear_cache, resolve_phrase

from test_pathological import (ALL_DIGITS, ANCHOR, AT_THE_LIMIT, HUGE, LOG_HEAD, ODD_PHRASES,
                               UNICODE_SPACES, ZEROS, in_script)

GOAL_SECONDS = 1.0


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, str]:
    best, outcome = float("inf"), ""
    for _ in range(repeat):
        clear_cache()
        started = time.perf_counter()
        try:
            fn()
            outcome = "resolved"
        except TimelineError as exc:
            outcome = "refused: " + exc.message[:50].replace("\n", " ")
        best = min(best, time.perf_counter() - started)
    return best, outcome


def cases(folder: Path) -> list[tuple[str, Callable[[], object]]]:
    """Give (name, thunk) for every input timed."""
    found: list[tuple[str, Callable[[], object]]] = []
    for name, phrase in HUGE + AT_THE_LIMIT:
        for tense in ("past", "future"):
            found.append((f"phrase {name} ({len(phrase)} chars, {tense})",
                          functools.partial(resolve_phrase, phrase, ANCHOR, tense=tense)))
    for phrase in ODD_PHRASES:
        for tense in ("past", "future"):
            found.append((f"phrase {phrase[:20]!r} ({len(phrase)} chars, {tense})",
                          functools.partial(resolve_phrase, phrase, ANCHOR, tense=tense)))
    found.append(("every Unicode space between words",
                  lambda: [resolve_phrase(f"May{s}1,{s}2024", ANCHOR) for s in UNICODE_SPACES]))
    found.append((f"every Unicode digit block ({len(ZEROS)} blocks)",
                  lambda: [resolve_phrase(in_script(z, "May 1, 2024"), ANCHOR) for z in ZEROS]))
    found.append(("every Unicode digit as one phrase", lambda: resolve_phrase(ALL_DIGITS, ANCHOR)))
    logs = {
        "log with a 100 KB when": LOG_HEAD + '  - id: e\n    title: E\n    when: "' + "Tuesday " * 12_800
        + '"\n    source: s\n',
        "log with 100,000 nested flow brackets": "title: t\nevents: []\nnotes: " + "{a: " * 100_000 + "x"
        + "}" * 100_000 + "\n",
        "log with a 1 MB title": "title: " + "word " * 200_000 + "\nevents: []\n",
        # every line a problem: each unknown key is compared with the known ones for a suggestion
        "log with 10,000 unknown keys": "".join(f"k{i}:\n" for i in range(10_000)),
        "log with 5,000 events": LOG_HEAD + "".join(f"  - {{id: e{i}, title: E, when: Tuesday, source: s}}\n"
                                                    for i in range(5_000)),
    }
    for name, text in logs.items():
        path = folder / (name.replace(" ", "-").replace(",", "") + ".yaml")
        path.write_text(text, encoding="utf-8")
        found.append((name, functools.partial(timeline.load, path)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per input; the best is shown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        results = [(*_time(fn, args.repeat), name) for name, fn in cases(Path(folder))]
    results.sort(reverse=True)
    for seconds, outcome, name in results:
        print(f"{seconds * 1000:9.2f} ms  {name}: {outcome}")
    # the goal is for phrases; whole logs are real work that grows with their size, shown for the record
    slow = [name for seconds, _, name in results if seconds >= GOAL_SECONDS and not name.startswith("log ")]
    print(f"\n{len(results)} inputs, slowest {results[0][0] * 1000:.1f} ms; goal: each under {GOAL_SECONDS:.0f} s"
          + (f"; OVER: {', '.join(slow)}" if slow else ""))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
