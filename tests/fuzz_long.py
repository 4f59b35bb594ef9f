"""Run the long fuzz by hand and print what it found: `python tests/fuzz_long.py [--minutes M] [--examples N]`.

Runs tests/test_fuzz.py and tests/test_fuzz_attacks.py again and again, each round with a fresh random seed
(TIMELINE_FUZZ_SEED) and N examples per property (TIMELINE_FUZZ_EXAMPLES; the cheap properties run five times
as many), until M minutes have passed; then, with --kills K, the kill loops of tests/test_write_faults.py and
tests/test_edit_kill.py with K kills each.
Prints one line per round and a summary: examples run per property, failures with their seed (full output in the
temporary folder), so that any one can be replayed with
`TIMELINE_FUZZ_SEED=S TIMELINE_FUZZ_EXAMPLES=N pytest tests/test_fuzz.py`.

Exit status: 0 when nothing failed, 1 otherwise. Not a pytest module.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: The fuzz files: the general properties, and issue 18's (keep-chomped scalars, line ends, devices, caches).
FILES = ("tests/test_fuzz.py", "tests/test_fuzz_attacks.py")
PROPERTY = re.compile(r"^tests/test_fuzz(?:_attacks)?\.py::(\w+):\s*$")
COUNTS = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")
SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed|error).*?) in [\d.]+s")


def run_round(seed: int, examples: int) -> tuple[dict[str, tuple[int, int, int]], str, list[str], int]:
    """Give per-property (passing, failing, invalid), pytest's summary line, failure lines and the exit code."""
    env = dict(os.environ, TIMELINE_FUZZ_SEED=str(seed), TIMELINE_FUZZ_EXAMPLES=str(examples))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FILES,
                           "--hypothesis-show-statistics", "-x", "-rfE"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    counts: dict[str, tuple[int, int, int]] = {}
    current = None
    summary = ""
    failures = []
    for line in proc.stdout.splitlines():
        if match := PROPERTY.match(line):
            current = match.group(1)
        elif current and (match := COUNTS.search(line)):
            passing, failing, invalid = (int(g) for g in match.groups())
            old = counts.get(current, (0, 0, 0))
            counts[current] = (old[0] + passing, old[1] + failing, old[2] + invalid)
        elif match := SUMMARY.match(line):
            summary = match.group(1)
        elif line.startswith(("FAILED", "ERROR")):
            failures.append(line)
    if proc.returncode not in (0, 1):
        failures.append(f"pytest exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    if failures:
        log = Path(tempfile.gettempdir()) / f"timeline-fuzz-failure-{seed}.log"
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
        failures.append(f"full output: {log}")
    return counts, summary, failures, proc.returncode


def run_kills(kills: int) -> list[str]:
    """Run the kill loops with `kills` kills each; give their printed result lines (and any failure)."""
    env = dict(os.environ, TIMELINE_KILL_LOOPS=str(kills), TIMELINE_KILLS=str(kills),
               TIMELINE_KILL_SEED=str(random.randrange(1 << 30)))
    tests = ["tests/test_write_faults.py::test_killed_at_random_moments_leaves_old_or_new_and_the_next_edit_works"]
    if (HERE / "test_edit_kill.py").exists():
        tests.append("tests/test_edit_kill.py::test_sigkill_at_random_moments")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", *tests],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if "kills" in line or "FAILED" in line or "passed" in line]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to keep fuzzing (default 10)")
    parser.add_argument("--examples", type=int, default=2000, help="examples per property per round")
    parser.add_argument("--seed", type=int, help="first seed (default: random); each round adds one")
    parser.add_argument("--kills", type=int, default=0, help="also run the kill loops with this many kills")
    args = parser.parse_args(argv)

    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    failed: list[tuple[int, str]] = []
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    rounds = 0
    while True:
        round_started = time.monotonic()
        counts, summary, failures, _ = run_round(seed, args.examples)
        rounds += 1
        for name, values in counts.items():
            for i, v in enumerate(values):
                totals[name][i] += v
        failed += [(seed, f) for f in failures]
        print(f"round {rounds}: seed {seed}, {args.examples} examples: {summary or 'no summary'} "
              f"({time.monotonic() - round_started:.0f} s)", flush=True)
        for failure in failures:
            print(f"  {failure}", flush=True)
        seed += 1
        if time.monotonic() >= deadline:
            break
    print(f"\nfuzz: {rounds} rounds in {(time.monotonic() - started) / 60:.1f} min")
    for name, (passing, failing, invalid) in sorted(totals.items()):
        print(f"  {name}: {passing:,} examples passed, {failing} failed, {invalid:,} invalid (rejected or too large)")
    print(f"  total: {sum(v[0] for v in totals.values()):,} examples; {len(failed)} failures"
          + ("" if not failed else f"; full output in {tempfile.gettempdir()}/timeline-fuzz-failure-SEED.log"))
    for seed_failed, line in failed:
        print(f"  seed {seed_failed}: {line}")
    if args.kills:
        print(f"\nkill loops ({args.kills} kills each):")
        for line in run_kills(args.kills):
            print(f"  {line.strip()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
