"""The console script (timeline.launch) reads `--version`, `query` and `resolve --jsonl` before typer is imported;
run both ways on the same arguments, it gives the same output bytes, exit codes and messages as the typer app, and
every other form (help, mistakes, forms it does not read) is the typer app's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.launch import plain

SEED = Path(__file__).resolve().parents[2] / "events.yaml"
LOG = str(SEED)
TYPER = "import sys; from timeline.cli import main; main()"
LINES = ('{"text": "last Tuesday", "anchor": "2024-05-17"}\n{"text": "three weeks ago"}\n'
         '{"text": "the twelfth of never", "anchor": "2024-05-17"}\nnot json\n{"text": "Tuesday 10:30"}\n')

CASES = [
    # --version
    (["--version"], True, ""),
    # query: every option in both spellings, every format
    (["query", "-f", LOG], True, ""),
    (["query", "-f", LOG, "--from", "2023-01-01", "--to", "2023-12-31"], True, ""),
    (["query", f"--file={LOG}", "--from=2023-01-01", "--to=2024-12-31", "--within"], True, ""),
    (["query", "-f", LOG, "--format", "json"], True, ""),
    (["query", "-f", LOG, "--format", "csv", "--tag", "safety", "--tag", "founding"], True, ""),
    (["query", "-f", LOG, "--format", "md", "--actor", "Jan Leike"], True, ""),
    (["query", "-f", LOG, "--format", "jsonl", "--from", "last July", "--anchor", "2024-05-17"], True, ""),
    (["query", "-f", LOG, "--tz", "America/New_York", "--format", "json"], True, ""),
    (["query", "-f", LOG, "--as-of", "2023-12-01", "--format", "json"], True, ""),
    (["query", "-f", LOG, "--source", "verge-leike", "--format", "json"], True, ""),
    # query: empty answers and refusals, worded by the same body
    (["query", "-f", LOG, "--from", "2026-07-01", "--format", "json"], True, ""),
    (["query", "-f", LOG, "--from", "2026-07-01"], True, ""),
    (["query", "-f", LOG, "--tag", "safty"], True, ""),
    (["query", "-f", LOG, "--from", "the twelfth of never"], True, ""),
    (["query", "-f", LOG, "--as-of", "soon"], True, ""),
    (["query", "-f", LOG, "--tz", "Mars/Olympus"], True, ""),
    (["query", "-f", "no-such-events.yaml"], True, ""),
    (["query", "-f", LOG, "--anchor", "2024-13-40", "--from", "last July"], True, ""),
    # query: forms left to typer (help, mistakes, what click reads its own way)
    (["query", "--help"], False, ""),
    (["query", "-f", LOG, "--format", "xml"], False, ""),
    (["query", "-f", LOG, "--frm", "2024-01-01"], False, ""),
    (["query", "-f", LOG, "extra"], False, ""),
    (["query", "-f"], False, ""),
    (["query", "-f", LOG, "--within=yes"], False, ""),
    (["query", "-f", LOG, "--from", "-3"], False, ""),
    (["query", "-f", LOG, "--"], False, ""),
    (["--version", "query"], False, ""),
    ([], False, ""),
    # resolve --jsonl
    (["resolve", "--jsonl"], True, LINES),
    (["resolve", "--jsonl", "--anchor", "2024-05-17"], True, LINES),
    (["resolve", "--jsonl", "--anchor=2024-05-17T09:00:00-04:00", "--tense", "future"], True, LINES),
    (["resolve", "--jsonl", "--anchor", "2024-05-17", "--zone", "Europe/Paris"], True, LINES),
    (["resolve", "--jsonl", "--anchor", "2024-05-17"], True, '{"text": "Tuesday", "anchor": "2024-05-17"}\n'),
    (["resolve", "--jsonl", "--anchor", "May 17"], True, LINES),
    (["resolve", "--jsonl", "--zone", "Mars/Olympus", "--anchor", "2024-05-17"], True, LINES),
    (["resolve", "--jsonl", "--tense", "later"], False, LINES),
    (["resolve", "--jsonl", "--json", "--anchor", "2024-05-17"], False, LINES),
    (["resolve", "Tuesday", "--anchor", "2024-05-17"], False, ""),
]


def _run(argv: list[str], stdin: str, tmp: Path) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp / "cache"), "COLUMNS": "100"}
    done = subprocess.run(argv, input=stdin.encode(), capture_output=True, env=env, cwd=tmp, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(("args", "fast", "stdin"), CASES)
def test_the_plain_path_and_typer_give_the_same_bytes_and_exit_code(tmp_path: Path, args: list[str], fast: bool,
                                                                     stdin: str) -> None:
    assert (plain(args) is not None) == fast
    launched = _run([sys.executable, "-m", "timeline.launch", *args], stdin, tmp_path)
    typed = _run([sys.executable, "-c", TYPER, *args], stdin, tmp_path)
    assert launched == typed
    assert b"Traceback" not in launched[2]


@pytest.mark.parametrize("args", [
    ["query", "-f", LOG, "--from", "2023-01-01"],
    ["--version"],
])
def test_the_plain_path_imports_no_typer(tmp_path: Path, args: list[str]) -> None:
    code = ("import sys; from timeline.launch import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('typer' in sys.modules, 'click' in sys.modules, file=sys.stderr)")
    _, _, err = _run([sys.executable, "-c", code, *args], "", tmp_path)
    assert err.decode().splitlines()[-1] == "False False"


def test_the_console_script_is_the_launcher() -> None:
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert 'timeline = "timeline.launch:main"' in text


def test_a_batch_reads_a_repeated_anchor_once_and_words_each_failing_line(tmp_path: Path) -> None:
    lines = ('{"text": "Tuesday", "anchor": "2024-05-17"}\n{"text": "Monday", "anchor": "May 17"}\n'
             '{"text": "Friday", "anchor": "2024-05-17"}\n{"text": "Sunday", "anchor": "May 17"}\n')
    code, out, err = _run([sys.executable, "-m", "timeline.launch", "resolve", "--jsonl"], lines, tmp_path)
    got = out.decode().splitlines()
    assert code == 1 and err == b""
    assert '"start": "2024-05-14"' in got[0] and '"start": "2024-05-17"' in got[2]
    assert '"error": "line 2: ' in got[1] and '"error": "line 4: ' in got[3]
