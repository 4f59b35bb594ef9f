"""Time timeline at every size, each figure beside its baseline (issue 6). Run by hand; pytest never collects it.

    python tests/bench_speed.py                  # logs of 1k, 10k and 100k events
    python tests/bench_speed.py --huge           # and 1M (about 250 MB of YAML; the first query takes minutes)
    python tests/bench_speed.py --quick          # 1k and 10k, two runs each, no browser: a smoke test

Every figure is a whole process (`timeline ...` as a user types it), run --repeat times interleaved with its
baseline so that load from other work on the machine hits both alike; the table gives the median wall time (and
the fastest run), the peak memory of the child (its own max RSS, from wait4), and the ratio of the medians. The
phrase figures are throughput inside one process (imports excluded), with whole-process times beside them.

Logs are written by tests/synth.py under --dir (default /tmp/timeline-bench), never in the repository; the query
cache lives there too. Children run with bytecode caching on (PYTHONPYCACHEPREFIX under --dir), as an installed
package would: with PYTHONDONTWRITEBYTECODE every run would compile timeline's sources again.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# The range every query asks for: one month, as a reader would look up.
QUERY_RANGE = ("--from", "2020-03-01", "--to", "2020-03-31")
# Modules a cached query must not import (the list).
HEAVY = ("yaml", "pendulum", "pandas", "plotly")


# --- running children ----------------------------------------------------------------------------------------------

@dataclass
class Runs:
    """Repeated runs of one command: wall seconds, CPU seconds (user + system) and peak RSS in MB of each."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def best(self) -> float:
        return min(self.wall)

    @property
    def peak_mb(self) -> float:
        return max(self.rss)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def run_child(argv: Sequence[str], env: dict[str, str], *, stdin: Path | None = None,
              stdout: Path | None = None, codes: Sequence[int] = (0,)) -> tuple[float, float, float, int]:
    """Give (wall s, cpu s, max RSS MB, exit code) of one child process; its own rusage, from wait4."""
    with contextlib.ExitStack() as files:
        out = files.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        inp = files.enter_context(open(stdin, "rb")) if stdin else subprocess.DEVNULL
        began = time.perf_counter()
        child = subprocess.Popen(list(argv), env=env, stdin=inp, stdout=out, stderr=subprocess.PIPE)
        assert child.stderr is not None
        error = child.stderr.read()
        child.stderr.close()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in codes:
        sys.exit(f"failed ({child.returncode}): {' '.join(argv)}\n{error.decode(errors='replace')[-2000:]}")
    # ru_maxrss is in kilobytes on Linux
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


def measure_pair(first: tuple[str, Sequence[str]], second: tuple[str, Sequence[str]], env: dict[str, str],
                 repeat: int, *, before: Callable[[], None] | None = None,
                 stdin: Path | None = None) -> tuple[Runs, Runs]:
    """Run two commands `repeat` times each, alternating, and give their Runs (`before` runs, untimed, first)."""
    first_runs, second_runs = measure_all([first, second], env, repeat, before=before, stdin=stdin)
    return first_runs, second_runs


def measure_all(commands: Sequence[tuple[str, Sequence[str]]], env: dict[str, str], repeat: int, *,
                before: Callable[[], None] | None = None, stdin: Path | None = None,
                codes: Sequence[int] = (0,)) -> list[Runs]:
    """Run each command `repeat` times, taking turns, so that a burst of load falls on all of them alike."""
    runs = [Runs(label) for label, _ in commands]
    for _ in range(repeat):
        for (_, argv), result in zip(commands, runs, strict=True):
            if before is not None:
                before()
            wall, cpu, rss, _ = run_child(argv, env, stdin=stdin, codes=codes)
            result.wall.append(wall)
            result.cpu.append(cpu)
            result.rss.append(rss)
    return runs


# --- the table -----------------------------------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the table: a figure, its baseline, their ratio, and the target."""

    figure: str
    value: str
    baseline: str = ""
    base_value: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None


ROWS: list[Row] = []


def add(row: Row) -> None:
    ROWS.append(row)
    print(_format(row), flush=True)


def _format(row: Row) -> str:
    verdict = "" if row.ok is None else ("ok" if row.ok else "MISSED")
    return (f"{row.figure:<44} {row.value:>22}  {row.baseline:<26} {row.base_value:>22}  {row.ratio:>8}  "
            f"{row.target:<24} {verdict}")


def _secs(runs: Runs) -> str:
    return f"{runs.median:.3f} s (min {runs.best:.3f})"


def _cpu(runs: Runs) -> str:
    return f"{runs.cpu_median:.3f} s CPU"


def header() -> str:
    return _format(Row("figure", "median (fastest)", "baseline", "median (fastest)", "ratio", "target")) + \
        "\n" + "-" * 160


# --- the pieces --------------------------------------------------------------------------------------------------

def load_synth() -> ModuleType:
    import synth  # tests/ is this script's folder, so it is on sys.path

    return synth


def ensure_log(synth: ModuleType, folder: Path, n: int) -> Path:
    """Give the synthetic log of n events, writing it only when missing or written by another generator."""
    path = folder / f"events-{n}.yaml"
    stamp = folder / f"events-{n}.stamp"
    version = str(hash_file(HERE / "synth.py"))
    if not path.exists() or not stamp.exists() or stamp.read_text() != version:
        print(f"writing {path} ...", flush=True)
        synth.write(n, path)
        stamp.write_text(version)
    return path


def hash_file(path: Path) -> str:
    import hashlib

    return hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()


def timeline_argv() -> list[str]:
    """Give the command a user types: the console script beside this Python, else `python -m timeline.cli`."""
    script = Path(sys.executable).parent / "timeline"
    return [str(script)] if script.exists() else [sys.executable, "-m", "timeline.cli"]


def child_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TIMELINE_NO_CACHE")}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["TIMELINE_CACHE_DIR"] = str(folder / "cache")
    env["TIMELINE_MAX_BYTES"] = str(4 * 1024**3)  # the 1M log is over the default limit of 256 MB
    return env


def imported_by(argv: Sequence[str], env: dict[str, str], folder: Path) -> set[str]:
    """Give the top-level names of the modules a `timeline ...` command imports (from -X importtime)."""
    code = ("import sys; from timeline.cli import main; sys.argv = ['timeline'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n")
    log = folder / "importtime.txt"
    with open(log, "wb") as err:
        subprocess.run([sys.executable, "-X", "importtime", "-c", code, *argv], env=env, stdout=subprocess.DEVNULL,
                       stderr=err, check=True)
    names = set()
    for line in log.read_text().splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def bench_size(n: int, path: Path, folder: Path, env: dict[str, str], repeat: int, slow_repeat: int,
               version_argv: list[str]) -> None:
    tl = timeline_argv()
    size_mb = path.stat().st_size / 1e6
    print(f"\n# {n:,} events ({size_mb:.1f} MB)", flush=True)
    query = [*tl, "query", "-f", str(path), *QUERY_RANGE]
    # --- issue 19: the cache build, then the cached query beside the floor of the same SQL and JSON -------------
    cache_file = _cache_file_of(path, folder)
    with contextlib.suppress(OSError):
        cache_file.unlink()
    wall, _, rss, _ = run_child(query, env)  # builds the cache: the log is unchanged for every timed run after it
    add(Row(f"cache build {n:,} (first query)", f"{wall:.2f} s", "", "", "", "< 1 GB" if n >= 1_000_000 else "",
            None))
    add(Row(f"  peak memory, cache build {n:,}", f"{rss:.0f} MB", "", "", "", "< 1 GB" if n >= 1_000_000 else "",
            rss < 1024 if n >= 1_000_000 else None))
    bench_query_floor(n, path, folder, env, repeat)
    # The same query through the library alone: what the command line adds on top of it is the difference.
    library = [sys.executable, "-c", LIBRARY_QUERY, str(path), *QUERY_RANGE[1::2]]
    version, cold, library_runs = measure_all(
        [("--version", version_argv), ("query", query), ("library", library)], env, repeat)
    ratio = cold.median / version.median
    # The issue sets targets at 100k (and 1M) events; smaller logs are shown for the trend.
    if n >= 1_000_000:
        target, ok = "< 0.5 s", cold.median < 0.5
    elif n >= 100_000:
        target, ok = "< 0.25 s, <= 1.5x", cold.median < 0.25 and ratio <= 1.5
    else:
        target, ok = "", None
    add(Row(f"query {n:,}, log unchanged (cold process)", _secs(cold), "timeline --version", _secs(version),
            f"{ratio:.2f}x", target, ok))
    add(Row("  same query, library only (no CLI)", _secs(library_runs), "timeline --version", _secs(version),
            f"{library_runs.median / version.median:.2f}x"))
    add(Row(f"  peak memory, query {n:,}", f"{cold.peak_mb:.0f} MB", "timeline --version",
            f"{version.peak_mb:.0f} MB"))
    if n >= 1_000_000:
        return

    # validate right after an edit, on a copy so the query cache of the log itself stays fresh
    edited = folder / f"edited-{n}.yaml"
    shutil.copyfile(path, edited)
    edits = iter(range(10**6))

    def edit() -> None:
        with open(edited, "a", encoding="utf-8") as f:
            f.write(f"# edit {next(edits)}\n")

    bare = [sys.executable, "-c", "import gc, sys, yaml; gc.disable(); "
            "yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)", str(edited)]
    validate = [*tl, "validate", "-f", str(edited)]
    base, check = measure_pair(("yaml.load", bare), ("validate", validate), env, slow_repeat, before=edit)
    ratio = check.cpu_median / base.cpu_median  # issue 19: CPU, the collector off in the floor
    add(Row(f"validate {n:,}, right after an edit", _cpu(check), "yaml.load(CSafeLoader), no gc", _cpu(base),
            f"{ratio:.2f}x", "<= 0.3x" if n >= 100_000 else "", ratio <= 0.3 if n >= 100_000 else None))
    add(Row(f"  peak memory, validate {n:,}", f"{check.peak_mb:.0f} MB", "yaml.load(CSafeLoader)",
            f"{base.peak_mb:.0f} MB", "", "< 600 MB" if n >= 100_000 else "",
            check.peak_mb < 600 if n >= 100_000 else None))


# --- issue 19: query, resolve --jsonl, each beside its floor (s3-19a) ----------------------------------------------

def _cache_file_of(path: Path, folder: Path) -> Path:
    from timeline.cache import _cache_file

    return _cache_file(path, folder / "cache")


#: The floor of a cached query: a bare script running the same SQL on our own cache and printing the same JSON.
BARE_QUERY = r"""
import json, sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('columns', 'span')").fetchall())
columns, span = json.loads(meta["columns"]), int(meta["span"])
lo, hi = int(sys.argv[2]), int(sys.argv[3])
sql = ("SELECT row FROM (SELECT seq, row FROM records INDEXED BY by_lo WHERE long = 0 AND lo BETWEEN ? AND ? "
       "AND hi >= ? UNION ALL SELECT seq, row FROM records INDEXED BY long_rows WHERE long = 1 AND hi >= ? "
       "AND lo <= ?) ORDER BY seq")
rows = []
for (text,) in conn.execute(sql, [lo - span, hi, lo, lo, hi]):
    value = json.loads(text)
    rows.append(dict(zip(columns, value)) if isinstance(value, list) else value)
sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
"""


def bench_query_floor(n: int, path: Path, folder: Path, env: dict[str, str], repeat: int) -> None:
    """Time `timeline query --format json` on a fresh cache beside BARE_QUERY, having checked they print the same
    bytes; the ratio is of CPU medians (the machine is shared), wall medians beside them."""
    from timeline.calendar import Day

    query = [*timeline_argv(), "query", "-f", str(path), *QUERY_RANGE, "--format", "json"]
    lo, hi = (Day.parse(d).ordinal for d in QUERY_RANGE[1::2])
    bare = [sys.executable, "-c", BARE_QUERY, str(_cache_file_of(path, folder)), str(lo), str(hi)]
    ours_out, bare_out = folder / f"query-{n}.json", folder / f"bare-{n}.json"
    run_child(query, env, stdout=ours_out)
    run_child(bare, env, stdout=bare_out)
    if ours_out.read_bytes() != bare_out.read_bytes():
        sys.exit(f"query --format json and the bare script print different JSON ({ours_out}, {bare_out})")
    floor, ours = measure_pair(("bare", bare), ("query", query), env, repeat)
    ratio = ours.cpu_median / floor.cpu_median
    target = 1.1 if n >= 1_000_000 else 1.3
    judged = n >= 100_000
    add(Row(f"query --format json {n:,}, cached (CPU)", _cpu(ours), "same SQL + JSON, bare script", _cpu(floor),
            f"{ratio:.2f}x", f"<= {target}x" if judged else "", ratio <= target if judged else None))
    add(Row("  wall", _secs(ours), "", _secs(floor), f"{ours.median / floor.median:.2f}x"))


#: The floor of `resolve --jsonl`: dateparser.parse of each phrase with RELATIVE_BASE, in one process.
DATEPARSER_LINES = r"""
import datetime, json, sys, warnings
warnings.filterwarnings("ignore")
import dateparser
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    found = dateparser.parse(r["text"], languages=["en"], settings={
        "RELATIVE_BASE": datetime.datetime.fromisoformat(r["anchor"]), "PREFER_DATES_FROM": "past"})
    print(json.dumps({"text": r["text"], "date": found.isoformat() if found else None}))
"""


def bench_resolve_lines(phrases: Path, folder: Path, env: dict[str, str], repeat: int) -> None:
    """Time `timeline resolve --jsonl` on the corpus phrases beside dateparser on the same lines, as whole processes
    by CPU; each is also run on no lines, and the judged ratio is of the phrases' own CPU (that start-up taken
    off: dateparser's import alone is most of a second), the whole processes beside it."""
    lines = folder / "phrases-anchor.jsonl"
    empty = folder / "phrases-none.jsonl"
    empty.write_text("")
    with open(lines, "w", encoding="utf-8") as f:
        for line in phrases.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if len(record["text"]) <= 200:  # the phrases, not the whole articles of the docs-*.jsonl files
                f.write(json.dumps({"text": record["text"], "anchor": record["dct"]}) + "\n")
    ours_argv = [*timeline_argv(), "resolve", "--jsonl"]
    theirs_argv = [sys.executable, "-c", DATEPARSER_LINES, str(lines)]
    theirs_idle = [sys.executable, "-c", DATEPARSER_LINES, str(empty)]
    theirs, ours = measure_all([("dateparser", theirs_argv), ("resolve --jsonl", ours_argv)], env, repeat,
                               stdin=lines, codes=(0, 1))
    theirs_start, ours_start = measure_all([("dateparser", theirs_idle), ("resolve --jsonl", ours_argv)], env,
                                           repeat, stdin=empty)
    ours_work = max(ours.cpu_median - ours_start.cpu_median, 1e-6)
    theirs_work = theirs.cpu_median - theirs_start.cpu_median
    ratio = theirs_work / ours_work
    add(Row("resolve --jsonl, corpus phrases (CPU)", f"{ours_work:.3f} s CPU", "dateparser.parse, RELATIVE_BASE",
            f"{theirs_work:.3f} s CPU", f"{ratio:.1f}x", ">= 40x", ratio >= 40))
    add(Row("  whole processes, start-up included", _cpu(ours), "", _cpu(theirs),
            f"{theirs.cpu_median / ours.cpu_median:.1f}x"))


# --- build (issue 19: a full build at 10k and 100k beside px.timeline; an unchanged build beside query) ---------

#: The floor of a build: plotly express's timeline of the same resolved events (build's own report.csv), with
#: plotly.js inlined, as someone would write it by hand: one bar per event, a row per first tag, the title on hover.
PX_FLOOR = r"""
import sys
import pandas as pd
import plotly.express as px
frame = pd.read_csv(sys.argv[1], usecols=["title", "start", "end", "tags"], keep_default_na=False)
frame["lane"] = frame["tags"].str.split("; ").str[0]
frame["end"] = pd.to_datetime(frame["end"]) + pd.Timedelta(days=1)  # the last day is drawn whole
px.timeline(frame, x_start="start", x_end="end", y="lane", hover_name="title").write_html(
    sys.argv[2], include_plotlyjs=True)
"""


def _both(runs: Runs) -> str:
    return f"{runs.median:.2f} s, cpu {runs.cpu_median:.2f}"


def bench_build(n: int, path: Path, folder: Path, env: dict[str, str], repeat: int) -> Path | None:
    """Time a full `timeline build` of a log beside px.timeline of its resolved CSV, taking turns; at 10k the
    target is absolute (< 1.5 s), at 100k and more the ratio (<= 2x). Give the folder of the page."""
    tl = timeline_argv()
    out = folder / f"build-{n}"
    full_env = {**env, "TIMELINE_NO_CACHE": "1"}  # every timed build is a full one (no unchanged shortcut)
    argv = [*tl, "build", "-f", str(path), "-o", str(out)]
    run_child(argv, full_env)  # writes report.csv, the floor's input
    floor = [sys.executable, "-c", PX_FLOOR, str(out / "report.csv"), str(folder / f"px-{n}.html")]
    build_runs, px_runs = measure_all([("build", argv), ("px.timeline", floor)], full_env, repeat)
    ratio, cpu_ratio = build_runs.median / px_runs.median, build_runs.cpu_median / px_runs.cpu_median
    if n <= 10_000:
        target, ok = "< 1.5 s", build_runs.median < 1.5
    else:
        target, ok = "<= 2x px (cpu)", cpu_ratio <= 2
    add(Row(f"build {n:,}, full", _both(build_runs), "px.timeline + write_html", _both(px_runs),
            f"{ratio:.1f}x/{cpu_ratio:.1f}x", target, ok))
    add(Row(f"  peak memory, build {n:,}", f"{build_runs.peak_mb:.0f} MB", "px.timeline + write_html",
            f"{px_runs.peak_mb:.0f} MB", "", "< 1 GB" if n >= 1_000_000 else "",
            build_runs.peak_mb < 1024 if n >= 1_000_000 else None))
    if n >= 1_000_000:
        return out
    # the same log again, unchanged since that build, beside a query of it (the cache is warm for both)
    query = [*tl, "query", "-f", str(path), *QUERY_RANGE]
    run_child(argv, env)  # stamps the build in the cache folder
    run_child(query, env)
    again, asked = measure_all([("build", argv), ("query", query)], env, max(repeat, 5))
    ratio, cpu_ratio = again.median / asked.median, again.cpu_median / asked.cpu_median
    add(Row(f"build {n:,}, log unchanged", _both(again), "query of the same log", _both(asked),
            f"{ratio:.2f}x/{cpu_ratio:.2f}x", "<= 1.5x the query", ratio <= 1.5))
    return out


LIBRARY_QUERY = r"""
import os, sys
from pathlib import Path
from timeline.cache import default_dir, query_rows
from timeline.calendar import Day
from timeline.model import Limits
from timeline.render.registry import ROWS, writer_of
rows = query_rows(Path(sys.argv[1]), cache_dir=default_dir(os.environ), start=Day.parse(sys.argv[2]),
                  end=Day.parse(sys.argv[3]), limits=Limits.from_env(os.environ))  # the CLI's limits: its cache
sys.stdout.write(writer_of(ROWS["table"])(rows))
"""

PHRASES_OURS = r"""
import json, sys, time
from timeline.calendar import Day
from timeline.errors import PhraseError
from timeline.dates.resolve import clear_cache, resolve_phrase
cases = [(r["text"], Day.parse(r["dct"])) for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
for text, anchor in cases[:50]:  # warm up (regular expressions, tables); the memo is cleared below
    try:
        resolve_phrase(text, anchor)
    except PhraseError:
        pass
best, read = float("inf"), 0
for _ in range(int(sys.argv[2])):
    clear_cache()  # every phrase resolved afresh, not from the per-(phrase, anchor) memo
    began, read = time.perf_counter(), 0
    for text, anchor in cases:
        try:
            resolve_phrase(text, anchor)
            read += 1
        except PhraseError:
            pass
    best = min(best, time.perf_counter() - began)
print(json.dumps({"phrases": len(cases), "read": read, "seconds": best}))
"""

PHRASES_DATEPARSER = r"""
import datetime, json, sys, time, warnings
warnings.filterwarnings("ignore")
import dateparser
cases = [(r["text"], datetime.datetime.fromisoformat(r["dct"]))
         for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
def parse(text, anchor):
    # English only and past-preferring: dateparser's fastest settings, and the reading news needs
    return dateparser.parse(text, languages=["en"],
                            settings={"RELATIVE_BASE": anchor, "PREFER_DATES_FROM": "past"})
for text, anchor in cases[:50]:
    parse(text, anchor)
best, read = float("inf"), 0
for _ in range(int(sys.argv[2])):
    began, read = time.perf_counter(), 0
    for text, anchor in cases:
        read += parse(text, anchor) is not None
    best = min(best, time.perf_counter() - began)
print(json.dumps({"phrases": len(cases), "read": read, "seconds": best}))
"""


def bench_phrases(corpora: Path, folder: Path, env: dict[str, str], passes: int) -> None:
    files = sorted(corpora.glob("*.jsonl"))
    if not files:
        print(f"\n# phrases: no *.jsonl under {corpora}; skipped", flush=True)
        return
    phrases = folder / "phrases.jsonl"
    count = 0
    with open(phrases, "w", encoding="utf-8") as out:
        for f in files:
            for line in f.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record.get("text") and record.get("dct"):
                    out.write(json.dumps({"text": record["text"], "dct": record["dct"][:10]}) + "\n")
                    count += 1
    print(f"\n# phrases: {count:,} TIMEX3 texts of {', '.join(f.name for f in files)}, each with its dct",
          flush=True)
    results = {}
    for name, code in (("timeline", PHRASES_OURS), ("dateparser", PHRASES_DATEPARSER)):
        out_file = folder / f"phrases-{name}.json"
        wall, _, rss, _ = run_child([sys.executable, "-c", code, str(phrases), str(passes)], env, stdout=out_file)
        results[name] = (json.loads(out_file.read_text()), wall, rss)
    ours, theirs = results["timeline"][0], results["dateparser"][0]
    rate = ours["phrases"] / ours["seconds"]
    base_rate = theirs["phrases"] / theirs["seconds"]
    add(Row("resolve corpus phrases (in process)", f"{rate:,.0f} /s", "dateparser.parse", f"{base_rate:,.0f} /s",
            f"{rate / base_rate:.1f}x", ">= 20x", rate / base_rate >= 20))
    add(Row("  read (not refused) / phrases", f"{ours['read']}/{ours['phrases']}", "dateparser (not None)",
            f"{theirs['read']}/{theirs['phrases']}"))
    bench_resolve_lines(phrases, folder, env, 3)
    add(Row(f"  whole process, {passes} passes + imports", f"{results['timeline'][1]:.2f} s",
            "dateparser", f"{results['dateparser'][1]:.2f} s",
            f"{results['dateparser'][1] / results['timeline'][1]:.1f}x"))


PAGE_TIMES = r"""
async () => {
  const el = document.getElementById("timeline-chart");
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await frame();
  const painted = performance.now();
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {painted: painted, fcp: fcp ? fcp.startTime : null};
}
"""

ZOOM = r"""
async () => {
  const el = document.getElementById("timeline-chart");
  const ms = v => typeof v === "number" ? v : Date.parse(String(v).slice(0, 10) + "T00:00:00Z");
  const range = el._fullLayout.xaxis.range.map(ms);
  const mid = (range[0] + range[1]) / 2;
  const iso = ms => new Date(ms).toISOString().slice(0, 10);
  const afterplot = new Promise(r => el.once("plotly_afterplot", r));
  const began = performance.now();
  await Plotly.relayout(el, {"xaxis.range": [iso(mid), iso(mid + 30 * 86400000)]});
  await afterplot;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - began;
}
"""


def bench_browser(page_dir: Path, n: int, repeat: int) -> None:
    page_file = page_dir / "timeline.html"
    if not page_file.exists():
        print(f"\n# browser: no {page_file}; skipped", flush=True)
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("\n# browser: the playwright package is not installed; skipped", flush=True)
        return
    paints: list[float] = []
    fcps: list[float] = []
    zooms: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(repeat):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(page_file.as_uri(), wait_until="commit")
                page.wait_for_selector('#timeline-chart[data-ready="1"]', state="attached", timeout=120_000)
                times = page.evaluate(PAGE_TIMES)
                paints.append(times["painted"] / 1000)
                if times["fcp"] is not None:
                    fcps.append(times["fcp"] / 1000)
                zooms.append(page.evaluate(ZOOM) / 1000)
                context.close()
        finally:
            browser.close()
    med = statistics.median
    add(Row(f"page {n:,}: chart drawn and painted", f"{med(paints):.3f} s (min {min(paints):.3f})",
            "first contentful paint", f"{med(fcps):.3f} s" if fcps else "n/a", "", "< 2 s", med(paints) < 2))
    add(Row(f"page {n:,}: zoom to one month", f"{med(zooms):.3f} s (min {min(zooms):.3f})", "", "", "",
            "< 0.3 s", med(zooms) < 0.3))


PX_PAGE = r"""
import sys
import pandas as pd
import plotly.express as px
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
frame = frame[(frame["start"] != "") & (frame["end"] != "")].copy()
frame["finish"] = (pd.to_datetime(frame["end"]) + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
frame["lane"] = frame["tags"].str.split("; ").str[0].replace("", "untagged")
fig = px.timeline(frame, x_start="start", x_end="finish", y="lane", hover_name="title")
fig.write_html(sys.argv[2], include_plotlyjs=True, div_id="timeline-chart")
"""

#: The px page has no readiness flag of its own: wait until plotly.js has drawn it.
PX_READY = "() => { const el = document.getElementById('timeline-chart'); return !!(el && el._fullLayout); }"


def bench_page_zoom(folder: Path, log: Path, env: dict[str, str], repeat: int) -> None:
    """Zoom to one month on our page of a log and on px.timeline's page of the same resolved events (its
    report.csv), turns interleaved in one browser; the issue's target is a ratio of at most 1.5."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("\n# page zoom: the playwright package is not installed; skipped", flush=True)
        return
    out = folder / f"zoom-{log.stem}"
    run_child([*timeline_argv(), "build", "-f", str(log), "-o", str(out)], env)
    px_page = out / "px-timeline.html"
    run_child([sys.executable, "-c", PX_PAGE, str(out / "report.csv"), str(px_page)], env)
    pages = {"ours": out / "timeline.html", "px": px_page}
    zooms: dict[str, list[float]] = {"ours": [], "px": []}
    cpus: dict[str, list[float]] = {"ours": [], "px": []}  # the renderer's CPU time, steadier on a busy machine
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(repeat):
                for name, page_file in pages.items():
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Performance.enable")
                    page.goto(page_file.as_uri())
                    page.wait_for_function(PX_READY, timeout=120_000)
                    if name == "ours":
                        page.wait_for_selector('#timeline-chart[data-ready="1"]', state="attached")
                    page.wait_for_timeout(300)
                    before = _process_time(cdp)
                    zooms[name].append(page.evaluate(ZOOM) / 1000)
                    cpus[name].append(_process_time(cdp) - before)
                    context.close()
        finally:
            browser.close()
    med = statistics.median
    ours, theirs = med(zooms["ours"]), med(zooms["px"])
    add(Row(f"page of {log.stem}: zoom to one month", f"{ours:.3f} s (min {min(zooms['ours']):.3f})",
            "px.timeline page", f"{theirs:.3f} s", f"{ours / theirs:.2f}x"))
    ours, theirs = med(cpus["ours"]), med(cpus["px"])
    add(Row("  renderer CPU time of that zoom", f"{ours:.3f} s (min {min(cpus['ours']):.3f})",
            "px.timeline page", f"{theirs:.3f} s", f"{ours / theirs:.2f}x", "<= 1.5x", ours / theirs <= 1.5))


def _process_time(cdp: Any) -> float:
    """Give the CPU seconds the page's renderer process has used so far (Chromium's Performance metrics)."""
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return float(metrics["ProcessTime"])


def bench_builds(args: argparse.Namespace, logs: dict[int, Path], sizes: list[int], folder: Path,
                 env: dict[str, str], synth: ModuleType) -> Path | None:
    """Run the build figures: 10k, then every larger size asked for (1M only with --build-huge)."""
    print("\n# build (full builds beside px.timeline, turns taken; then unchanged beside query)", flush=True)
    path10k = logs.get(10_000) or ensure_log(synth, folder, 10_000)
    page_dir = bench_build(10_000, path10k, folder, env, args.slow_repeat)
    for n in sizes:
        if n > 10_000 and (n < 1_000_000 or args.build_huge):
            bench_build(n, logs[n], folder, env, 1 if n >= 1_000_000 else args.slow_repeat)
    return page_dir


def machine() -> str:
    cpu = "unknown CPU"
    memory = ""
    with contextlib.suppress(OSError):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    with contextlib.suppress(OSError, StopIteration):
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        memory = f", {kb / 1024**2:.0f} GB RAM"
    load = os.getloadavg()
    return (f"{platform.node()}: {os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10_000, 100_000],
                        help="comma-separated numbers of events (default 1000,10000,100000)")
    parser.add_argument("--huge", action="store_true", help="also 1,000,000 events (query only)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each fast figure (default 7)")
    parser.add_argument("--slow-repeat", type=int, default=3, help="runs of validate/build (default 3)")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "timeline-bench",
                        help="where logs, caches and pages go (default /tmp/timeline-bench)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder of TIMEX3 *.jsonl")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    parser.add_argument("--no-build", action="store_true", help="skip build and the page (query, validate, phrases)")
    parser.add_argument("--no-phrases", action="store_true", help="skip the phrase figures")
    parser.add_argument("--page-zoom", action="store_true",
                        help="only the 1k page's zoom beside px.timeline's page (Chromium)")
    parser.add_argument("--build-huge", action="store_true", help="with --huge, also build 1M once (peak memory; "
                                                                   "minutes, several GB)")
    parser.add_argument("--only-build", action="store_true", help="only the build figures (and their floors)")
    parser.add_argument("--quick", action="store_true", help="1k and 10k, 2 runs each, no browser")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.slow_repeat, args.no_browser = [1000, 10_000], 2, 1, True
    if args.page_zoom:
        folder = args.dir
        folder.mkdir(parents=True, exist_ok=True)
        bench_page_zoom(folder, ensure_log(load_synth(), folder, 1000), child_env(folder), args.repeat)
        return summary()
    sizes = sorted(set(args.sizes + ([1_000_000] if args.huge else [])))
    folder: Path = args.dir
    folder.mkdir(parents=True, exist_ok=True)
    env = child_env(folder)
    synth = load_synth()
    print(f"timeline speed benchmark, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(machine())
    print(f"median of {args.repeat} runs (validate, build: {args.slow_repeat}), each beside its baseline; "
          f"logs in {folder}", flush=True)
    logs = {n: ensure_log(synth, folder, n) for n in sizes}
    version_argv = [*timeline_argv(), "--version"]
    run_child(version_argv, env)  # writes the bytecode cache
    print("\n" + header())
    if args.only_build:
        bench_builds(args, logs, sizes, folder, env, synth)
        return summary()
    for n in sizes:
        bench_size(n, logs[n], folder, env, args.repeat, args.slow_repeat, version_argv)

    smallest = logs[sizes[0]]
    names = imported_by(["query", "-f", str(smallest), *QUERY_RANGE], env, folder)
    heavy = sorted(set(HEAVY) & names)
    add(Row("cached query imports yaml/pendulum/pandas/plotly", ", ".join(heavy) or "none", "", "", "", "none",
            not heavy))
    names = imported_by(["validate", "-f", str(smallest)], env, folder)
    drawn = sorted({"pandas", "plotly"} & names)
    add(Row("validate imports pandas/plotly", ", ".join(drawn) or "none", "", "", "", "none", not drawn))

    if not args.no_phrases:
        bench_phrases(args.corpora, folder, env, passes=3)
    if args.no_build:
        return summary()

    page_dir = bench_builds(args, logs, sizes, folder, env, synth)
    if page_dir is not None and not args.no_browser:
        print(f"\n# browser (headless Chromium, {CHROMIUM})", flush=True)
        bench_browser(page_dir, 10_000, args.repeat)
        bench_page_zoom(folder, logs.get(1000) or ensure_log(synth, folder, 1000), env, args.repeat)

    return summary()


def summary() -> int:
    """Print the whole table again, the targets held and missed, and the machine (with its load) at the end."""
    print("\n" + header())
    for row in ROWS:
        print(_format(row))
    missed = [row.figure for row in ROWS if row.ok is False]
    print(f"\n{len([r for r in ROWS if r.ok])} targets hold, {len(missed)} missed"
          + (": " + "; ".join(missed) if missed else ""))
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
