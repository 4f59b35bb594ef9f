"""The command line on what was known when: --as-of, `timeline changes`, and disputes as warnings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

STORY = (Path(__file__).resolve().parents[1] / "fixtures" / "asof-story.yaml").read_text(encoding="utf-8")

SEED_OPENAI = ["openai-founded", "superalignment-formed", "board-coup"]
SEED_MAY_17 = ["leike-resigns", "schulman-takes-over", "sutskever-leaves", "leike-posts", "superalignment-disbanded"]


@pytest.fixture
def story(write_log: Any) -> Path:
    path: Path = write_log(STORY)
    return path


# --- the seed log, as the issue asks ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_the_seed_as_of_16_may_is_what_openai_dated(cli: Any, seed_path: Path, fmt: str) -> None:
    result = cli("query", "-f", str(seed_path), "--as-of", "2024-05-16", "--format", fmt)
    assert result.code == 0, result.output
    rows = json.loads(result.stdout) if fmt == "json" else [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == SEED_OPENAI
    assert {r["source"] for r in rows} == {"openai-introducing", "openai-superalignment", "openai-leadership"}
    assert all(r["disputed"] is False and r["conflicts"] == [] for r in rows)


def test_the_seed_changes_on_17_may_are_the_five_events_the_articles_added(cli: Any, seed_path: Path) -> None:
    result = cli("changes", "2024-05-16", "2024-05-17", "-f", str(seed_path), "--format", "json")
    assert result.code == 0, result.output
    found = json.loads(result.stdout)
    assert sorted(c["id"] for c in found) == sorted(SEED_MAY_17)
    for change in found:
        assert {"id", "change", "before", "after", "sources"} <= change.keys()
        assert change["change"] == "added"
        assert change["before"] == {"start": None, "end": None}
        assert set(change["after"]) == {"start", "end"} and change["after"]["start"]
        assert set(change["sources"]) <= {"verge-leike", "wired-disbanded"}
    table = cli("changes", "2024-05-16", "2024-05-17", "-f", str(seed_path))
    assert table.code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:5] == ["ID", "CHANGE", "BEFORE", "AFTER", "SOURCES"]
    assert sorted(line.split()[0] for line in lines[1:]) == sorted(SEED_MAY_17)


# --- --as-of on every command that reads the log ----------------------------------------------------------------

@pytest.mark.parametrize(("args", "expect_in", "expect_out"), [
    (("query", "--as-of", "2024-05-17", "--format", "csv"), ["quits", "own"], ["later"]),
    (("export", "--format", "json", "--as-of", "2024-05-15"), ["quits", "own"], ["later"]),
    (("export", "--format", "ics", "--as-of", "2024-05-14"), ["Dated by the curator"], ["The minister quits"]),
    (("explain", "quits", "--as-of", "2024-05-15", "--json"), ['"as_of": "2024-05-15"'], ['"source": "b"']),
])
def test_as_of_on_each_command(cli: Any, story: Path, args: tuple[str, ...], expect_in: list[str],
                               expect_out: list[str]) -> None:
    result = cli(*args, "-f", str(story))
    assert result.code == 0, result.output
    for text in expect_in:
        assert text in result.stdout
    for text in expect_out:
        assert text not in result.stdout


def test_build_as_of_writes_the_story_as_it_stood(cli: Any, story: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("build", "-f", str(story), "-o", str(out), "--as-of", "2024-05-17")
    assert result.code == 0, result.output
    rows = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["start"] for r in rows} == {"own": "2024-05-01", "undated-source": "2024-05-02",
                                                  "quits": "2024-05-14"}
    page = (out / "timeline.html").read_text(encoding="utf-8")
    assert 'id="asof-range"' in page and "as of 17 May 2024" in page


@pytest.mark.parametrize("bad", ["2024-02-30", "yesterday-ish"])
def test_as_of_that_is_no_moment_is_a_usage_error(cli: Any, story: Path, bad: str) -> None:
    result = cli("query", "-f", str(story), "--as-of", bad)
    assert result.code == 2
    assert result.stderr.startswith(f"--as-of '{bad}'") and "Traceback" not in result.output


def test_changes_with_a_day_that_is_no_day_names_the_argument(cli: Any, story: Path) -> None:
    result = cli("changes", "2024-05-15", "2024-05-32", "-f", str(story))
    assert result.code == 2
    assert result.stderr.startswith("D2 '2024-05-32': give a day")


def test_explain_as_of_before_the_event_was_reported_says_so(cli: Any, story: Path) -> None:
    result = cli("explain", "later", "-f", str(story), "--as-of", "2024-05-20")
    assert result.code == 1
    assert "event 'later' was not known as of 2024-05-20" in result.stderr


def test_query_as_of_leaves_the_cache_of_the_whole_log_alone(cli: Any, story: Path) -> None:
    whole = cli("query", "-f", str(story), "--format", "json")
    then = cli("query", "-f", str(story), "--format", "json", "--as-of", "2024-05-15")
    again = cli("query", "-f", str(story), "--format", "json")
    assert whole.stdout == again.stdout != then.stdout
    assert {r["id"] for r in json.loads(then.stdout)} == {"own", "undated-source", "quits"}


# --- disputes ---------------------------------------------------------------------------------------------------

def test_validate_warns_of_each_dispute_with_both_lines_and_exits_0(cli: Any, story: Path) -> None:
    before = story.read_bytes()
    result = cli("validate", "-f", str(story))
    assert result.code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert warnings == [
        f"{story}:15:15: warning: event 'quits': claims cannot all be true: line 10 (a) says 2024-05-13..2024-05-14, "
        "line 15 (c) says 2024-05-10; the event is marked disputed (fix or remove one to settle it)",
        f"{story}:15:15: warning: event 'quits': claims cannot all be true: line 13 (b) says 2024-05-14, "
        "line 15 (c) says 2024-05-10; the event is marked disputed (fix or remove one to settle it)",
    ]
    assert "1 disputed (2 warnings)" in result.stdout.splitlines()[-1]
    assert story.read_bytes() == before


def test_validate_strict_makes_disputes_errors(cli: Any, story: Path) -> None:
    result = cli("validate", "--strict", "-f", str(story))
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{story}:15:15: event 'quits': claims cannot all be true")
                                   for line in lines)
    assert "fix or remove one of them" in lines[0]


def test_a_strict_log_refuses_its_disputes_on_every_command(cli: Any, write_log: Any) -> None:
    path = write_log("strict: true\n" + STORY)
    for args in (("validate",), ("query",), ("explain", "quits")):
        result = cli(*args, "-f", str(path))
        assert result.code == 1, args
        assert "claims cannot all be true" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_json_row_names_the_conflicting_claims_and_their_sources(cli: Any, story: Path, fmt: str) -> None:
    result = cli("query", "-f", str(story), "--format", fmt)
    rows = json.loads(result.stdout) if fmt == "json" else [json.loads(line) for line in result.stdout.splitlines()]
    (quits,) = [r for r in rows if r["id"] == "quits"]
    assert quits["disputed"] is True
    assert [[c["source"] for c in pair] for pair in quits["conflicts"]] == [["a", "c"], ["b", "c"]]
    assert quits["conflicts"][0][1] == {"source": "c", "published": "2024-05-24", "line": 15, "when": "2024-05-10",
                                        "until": None, "start": "2024-05-10", "end": "2024-05-10"}
    assert (quits["start"], quits["end"]) == ("2024-05-10", "2024-05-14")


def test_reports_and_explain_show_the_dispute(cli: Any, story: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("build", "-f", str(story), "-o", str(out)).code == 0
    (quits,) = [r for r in json.loads((out / "events.json").read_text(encoding="utf-8")) if r["id"] == "quits"]
    assert quits["disputed"] is True and len(quits["conflicts"]) == 2
    for name in ("report.html", "report.md", "timeline.html"):
        text = (out / name).read_text(encoding="utf-8").replace("\\(", "(").replace("\\)", ")")  # Markdown's escapes
        assert "(disputed)" in text, name
        assert "c (published 2024-05-24) says 2024-05-10" in text, name
    assert '"disputed"' in (out / "timeline.html").read_text(encoding="utf-8")  # the chart's crosses
    explained = json.loads(cli("explain", "quits", "-f", str(story), "--json").stdout)
    assert explained["disputed"] is True and len(explained["conflicts"]) == 2
    text = cli("explain", "quits", "-f", str(story)).stdout
    assert "disputed: line 10 (a) says 2024-05-13..2024-05-14, line 15 (c) says 2024-05-10" in text
