"""`timeline query` says why it found nothing, refuses filters the log never uses, and fits the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(("args", "why"), [
    # a range outside the log
    (["--from", "2026-07-01", "--to", "2026-07-31"],
     "no events between 1 Jul and 31 Jul 2026; the log runs from 11 Dec 2015 to 17 May 2024\n"),
    (["--from", "2025-01-01"], "no events from 1 Jan 2025 on; the log runs from 11 Dec 2015 to 17 May 2024\n"),
    (["--to", "2000-12-31"], "no events up to 31 Dec 2000; the log runs from 11 Dec 2015 to 17 May 2024\n"),
    (["--from", "2014-01-01", "--to", "2015-06-30"],
     "no events between 1 Jan 2014 and 30 Jun 2015; the log runs from 11 Dec 2015 to 17 May 2024\n"),
    # a filter that matches, but not in the range
    (["--tag", "founding", "--from", "2024-01-01"],
     "no events with --tag founding from 1 Jan 2024 on; the log runs from 11 Dec 2015 to 17 May 2024\n"),
    # a phrase with an anchor says nothing of today
    (["--from", "last July", "--to", "last July", "--anchor", "2026-08-15"],
     "no events between 1 Jul and 31 Jul 2026; the log runs from 11 Dec 2015 to 17 May 2024\n"),
])
def test_an_empty_answer_says_why(cli: Any, seed_path: Path, args: list[str], why: str) -> None:
    result = cli("query", "-f", str(seed_path), *args)
    assert (result.code, result.stdout, result.stderr) == (0, why, "")


def test_a_phrase_without_anchor_says_it_was_read_against_today(cli: Any, seed_path: Path) -> None:
    result = cli("query", "-f", str(seed_path), "--from", "next month")
    assert result.code == 0
    assert "; the log runs from 11 Dec 2015 to 17 May 2024 (--from 'next month' was read against today, " \
        in result.stdout
    assert "give --anchor YYYY-MM-DD to read it against another day)" in result.stdout


def test_an_empty_json_answer_stays_json_and_says_why_on_stderr(cli: Any, seed_path: Path) -> None:
    result = cli("query", "-f", str(seed_path), "--from", "2026-07-01", "--format", "json")
    assert (result.code, result.stdout) == (0, "[]\n")
    assert result.stderr == f"{seed_path}: no events from 1 Jul 2026 on; the log runs from 11 Dec 2015 to 17 May 2024\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--tag", "departure"], "--tag 'departure': no event has this tag (did you mean 'departures'?); known: "
                             "departures, founding, governance, safety, superalignment"),
    (["--actor", "Jan Lieke"], "--actor 'Jan Lieke': no event has this actor (did you mean 'jan leike'?); known: "),
    (["--source", "verge"], "--source 'verge': no event has this source (did you mean 'verge-leike'?); known: "),
    # one unknown among known ones is still refused
    (["--tag", "safety", "--tag", "nope"], "--tag 'nope': no event has this tag; known: departures"),
])
def test_an_unknown_filter_value_is_an_error_with_a_suggestion(cli: Any, seed_path: Path, args: list[str],
                                                               message: str) -> None:
    result = cli("query", "-f", str(seed_path), *args)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{seed_path}: {message}")
    assert result.stderr.count("\n") == 1


def test_filters_match_whatever_the_case(cli: Any, seed_path: Path) -> None:
    result = cli("query", "-f", str(seed_path), "--actor", "JAN LEIKE", "--format", "jsonl")
    assert result.code == 0 and result.stdout.count("\n") >= 1


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_table_fits_the_terminal_and_a_cut_title_ends_with_an_ellipsis(cli: Any, seed_path: Path,
                                                                           columns: int) -> None:
    result = cli("query", "-f", str(seed_path), env={"COLUMNS": str(columns)})
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 9  # the header and the 8 events
    assert all(len(line) <= columns for line in lines)
    wide = cli("query", "-f", str(seed_path), env={"COLUMNS": "400"}).stdout.splitlines()
    for line, full in zip(lines[1:], wide[1:], strict=True):
        if line != full:
            assert "…" in line
            assert set(line.split()) & {w for w in full.split() if "-" in w}  # the id is never cut


def test_a_table_not_sent_to_a_terminal_cuts_only_long_cells(cli: Any, seed_path: Path) -> None:
    result = cli("query", "-f", str(seed_path), env={"COLUMNS": ""})
    titles = [line.split("  ")[-1].strip() for line in result.stdout.splitlines()[1:]]
    assert max(len(line) for line in result.stdout.splitlines()) > 80
    assert all(len(t) <= 60 for t in titles)
    cut = [t for t in titles if t.endswith("…")]
    assert cut and all(len(t) >= 50 for t in cut)  # only the long ones, at about 60 characters
