"""Time every import format, plain and hostile, at N and 10N and print one line each: `python tests/bench_imports.py`.

Not a pytest module (speed goals live in benchmarks). Issue 18's rule is that every import of N bytes is O(N log N)
at worst, so ten times the input should take about ten times as long (a little more for the log N; a quadratic
import would take a hundred times as long). The script prints both times (CPU seconds of this process, so other
work on a loaded machine counts for little), their ratio, and the bytes of the larger file, and exits 1 when a
ratio is over 25. Then it sets the 50,000-event imports beside what they cannot avoid: `json.load` of the file
and `timeline validate` of the log they write (the import reads the log it wrote back, as every edit does).

`--quick` runs each case at a tenth of its size (a check that the script works, not a measurement).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.errors import TimelineError
from timeline.exchange.imports import import_file, plain_text
from timeline.log.load import load

Make = Callable[[int], tuple[str, str]]


def _rows(n: int, *, titles: Callable[[int], str] = lambda k: f"Event {k} in the city council") -> list[list[str]]:
    return [[titles(k), f"{2000 + k % 24}-{1 + k % 12:02d}-{1 + k % 28:02d}", f"tag{k % 9}; other",
             f"Notes on event {k}, with a comma and \"quotes\"."] for k in range(n)]


def _csv(rows: list[list[str]], header: list[str], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# --- each format, as people write it ------------------------------------------------------------------------------

def csv_rows(n: int) -> tuple[str, str]:
    return "rows.csv", _csv(_rows(n), ["title", "when", "tags", "notes"])


def semicolon_rows(n: int) -> tuple[str, str]:
    return "rows.csv", _csv(_rows(n), ["title", "when", "tags", "notes"], ";")


def tsv_rows(n: int) -> tuple[str, str]:
    return "rows.tsv", _csv(_rows(n), ["title", "when", "tags", "notes"], "\t")


def sheet_rows(n: int) -> tuple[str, str]:
    """TimelineJS's Google Sheets template saved as CSV: Year, Month, Day, Headline, Text (HTML), Group."""
    rows = [[str(2000 + k % 24), str(1 + k % 12), str(1 + k % 28), f"Event <b>{k}</b>", f"<p>Notes on {k}</p>",
             f"g{k % 5}"] for k in range(n)]
    return "sheet.csv", _csv(rows, ["Year", "Month", "Day", "Headline", "Text", "Group"])


def timelinejs(n: int) -> tuple[str, str]:
    doc = {"title": {"text": {"headline": "A timeline"}},
           "events": [{"start_date": {"year": 2000 + k % 24, "month": 1 + k % 12, "day": 1 + k % 28},
                       "text": {"headline": f"Event {k} in the <i>city</i> council",
                                "text": f"<p>Notes on event {k}, with <a href='https://example.org/{k}'>a link</a>"
                                        "</p>"},
                       "group": f"g{k % 5}", "unique_id": f"ev-{k}"} for k in range(n)]}
    return "t.json", json.dumps(doc, indent=2)


def own_json(n: int) -> tuple[str, str]:
    """Rows of `timeline export --format json`: the phrase as written, tags and actors as lists."""
    rows = [{"id": f"ev-{k}", "title": f"Event {k}", "phrase": f"{2000 + k % 24}-{1 + k % 12:02d}",
             "tags": [f"tag{k % 9}"], "actors": ["A. Person"], "notes": f"Notes on {k}"} for k in range(n)]
    return "export.json", json.dumps(rows, indent=1)


def own_jsonl(n: int) -> tuple[str, str]:
    rows = [{"id": f"ev-{k}", "title": f"Event {k}", "phrase": f"{2000 + k % 24}-{1 + k % 12:02d}"} for k in range(n)]
    return "export.jsonl", "".join(json.dumps(r) + "\n" for r in rows)


# --- the hostile shapes of issue 18 ---------------------------------------------------------------------------------

def one_title(n: int) -> tuple[str, str]:
    """Many rows with one title: each id is a slug of it, with -2, -3, ... (each suffix tried once)."""
    return "o.csv", _csv(_rows(n, titles=lambda k: "Same title"), ["title", "when", "tags", "notes"])


def repeated_header(n: int) -> tuple[str, str]:
    return "h.csv", ",".join(["title"] * n) + "\n"


def unknown_columns(n: int) -> tuple[str, str]:
    return "u.csv", "title,when," + ",".join(f"col{k}" for k in range(n)) + "\n"


def bad_rows(n: int) -> tuple[str, str]:
    """Every row wrong: n problems found, the first ones shown and the rest counted."""
    return "bad.csv", _csv([[f"T{k}", f"not a date {k}"] for k in range(n)], ["title", "when"])


def bad_timelinejs(n: int) -> tuple[str, str]:
    doc = {"events": [{"start_date": {"year": 2024, "month": 13}, "text": {"headline": f"E{k}"}} for k in range(n)]}
    return "bad.json", json.dumps(doc)


def one_line_timelinejs(n: int) -> tuple[str, str]:
    """A TimelineJS file on one line (no indentation): every event's line is line 1."""
    return "line.json", json.dumps(json.loads(timelinejs(n)[1]))


def long_cell(n: int) -> tuple[str, str]:
    return "long.csv", "title,when,notes\n" + f"T,2024-05-01,\"{'word, ' * (n // 6)}\"\n"


def open_quote(n: int) -> tuple[str, str]:
    """A quote never closed: the rest of the file is one cell."""
    return "q.csv", "title,when\n\"T," + "2024-05-01\n" * (n // 11)


def nested_json(n: int) -> tuple[str, str]:
    return "n.json", "[" * n + "]" * n


def html_headline(n: int) -> tuple[str, str]:
    doc = {"events": [{"start_date": {"year": 2024}, "text": {"headline": "<a " * (n // 3)}}]}
    return "h.json", json.dumps(doc)


CASES: list[tuple[str, Make, int]] = [
    ("CSV rows", csv_rows, 5_000),
    ("CSV rows split on ';'", semicolon_rows, 5_000),
    ("TSV rows", tsv_rows, 5_000),
    ("TimelineJS sheet (CSV)", sheet_rows, 5_000),
    ("TimelineJS JSON events", timelinejs, 5_000),
    ("TimelineJS JSON on one line", one_line_timelinejs, 5_000),
    ("timeline JSON export rows", own_json, 5_000),
    ("timeline JSONL export lines", own_jsonl, 5_000),
    ("CSV rows with one title", one_title, 5_000),
    ("CSV rows all wrong", bad_rows, 5_000),
    ("TimelineJS events all wrong", bad_timelinejs, 5_000),
    ("CSV header, one name repeated", repeated_header, 10_000),
    ("CSV header, unknown names", unknown_columns, 100_000),
    ("CSV one long cell (chars)", long_cell, 1_000_000),
    ("CSV quote never closed (chars)", open_quote, 1_000_000),
    ("JSON nesting", nested_json, 1_000),
    ("HTML headline of '<a ' (chars)", html_headline, 30_000),
]


def run(make: Make, n: int) -> tuple[float, int]:
    """Give the CPU seconds of one import of the case at size n into a new log, and the file's bytes."""
    with tempfile.TemporaryDirectory() as folder:
        name, text = make(n)
        source = Path(folder) / name
        source.write_text(text, encoding="utf-8")
        started = time.process_time()
        with contextlib.suppress(TimelineError):
            import_file(source, Path(folder) / "events.yaml")
        return time.process_time() - started, len(text.encode("utf-8"))


def beside_the_floor(n: int) -> None:
    """Print a 50,000-event import beside json.load of its file and a load of the log it writes."""
    with tempfile.TemporaryDirectory() as folder:
        for label, make in (("TimelineJS JSON", timelinejs), ("CSV", csv_rows)):
            name, text = make(n)
            source, log = Path(folder) / name, Path(folder) / f"{label[:3]}.yaml"
            source.write_text(text, encoding="utf-8")
            started = time.process_time()
            import_file(source, log)
            took = time.process_time() - started
            started = time.process_time()
            if name.endswith(".json"):
                json.loads(source.read_text(encoding="utf-8"))
            parsed = time.process_time() - started
            started = time.process_time()
            load(log)
            loaded = time.process_time() - started
            print(f"{label:16} {n:,} events ({len(text) / 1e6:4.1f} MB): import {took:5.2f} s   "
                  + (f"json.load {parsed:4.2f} s   " if name.endswith(".json") else "")
                  + f"load of the log written {loaded:5.2f} s")


def main() -> int:
    quick = "--quick" in sys.argv
    worst = 0.0
    print("CPU seconds of one import at N and at 10N (O(N log N) gives a ratio near 10; O(N^2) near 100)")
    for label, make, n in CASES:
        n = max(n // 10, 10) if quick else n
        (small, _), (large, size) = run(make, n), run(make, 10 * n)
        ratio = large / max(small, 0.005)
        worst = max(worst, ratio)
        print(f"{label:32} N={n:>9,}: {small:6.3f} s   10N: {large:6.3f} s ({size / 1e6:5.1f} MB)   "
              f"ratio {ratio:5.1f}")
    for n in (30_000, 300_000):
        started = time.process_time()
        plain_text("<a " * (n // 3))
        print(f"{'plain_text of <a':32} {n:>11,} chars: {time.process_time() - started:6.3f} s")
    print()
    beside_the_floor(5_000 if quick else 50_000)
    print(f"\nworst ratio {worst:.1f} (over 25 fails)")
    return 0 if worst <= 25 else 1


if __name__ == "__main__":
    sys.exit(main())
