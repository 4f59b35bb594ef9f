"""The core commands as a user runs them: exit codes, messages, output shapes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import timeline
from timeline.cache import _cache_file, default_dir

BAD = "title: t\nevents:\n  - id: a\n    title: A\n    when: Tusday\n    anchor: 2024-05-17\n"


def test_version(cli) -> None:
    result = cli("--version")
    assert result.code == 0 and result.stdout.strip() == f"timeline {timeline.__version__}"


def test_validate_ok_is_one_summary_line(cli, seed_path) -> None:
    result = cli("validate", "-f", str(seed_path))
    assert result.code == 0
    assert result.stdout.count("\n") == 1 and "8 events, 5 sources" in result.stdout


def test_validate_problem_is_located_and_exits_1(cli, write_log) -> None:
    path = write_log(BAD)
    result = cli("validate", "--file", str(path))
    assert result.code == 1
    assert result.stderr == f"{path}:5:11: event 'a': cannot read date 'Tusday' (did you mean 'Tuesday'?)\n"


def test_validate_default_file_is_events_yaml_in_the_folder(cli, write_log, monkeypatch) -> None:
    path = write_log("title: t\nevents: []\n")
    monkeypatch.chdir(path.parent)
    assert cli("validate").code == 0
    path.unlink()
    result = cli("validate")
    assert result.code == 1 and "events.yaml: no such file" in result.stderr


def test_no_traceback_from_the_real_command(write_log) -> None:
    path = write_log(b"title: \xff\n")
    run = subprocess.run([sys.executable, "-m", "timeline", "validate", "-f", str(path)], capture_output=True,
                         text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and run.stderr.startswith(f"{path}:1:8: byte 0xff is not UTF-8")


def test_resolve_human_and_json(cli) -> None:
    human = cli("resolve", "Tuesday", "--anchor", "2024-05-17")
    assert human.code == 0 and "Tue 14 May 2024" in human.stdout and "rule:" in human.stdout
    result = cli("resolve", "earlier this week", "--anchor", "2024-05-17", "--json")
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("text", "anchor", "start", "end", "precision")} == {
        "text": "earlier this week", "anchor": "2024-05-17", "start": "2024-05-13", "end": "2024-05-16",
        "precision": "week"}
    assert data["edtf"] == "2024-05-13/2024-05-16" and data["rule"]


def test_resolve_error_is_one_line_exit_1(cli) -> None:
    result = cli("resolve", "Tusday", "--anchor", "2024-05-17")
    assert result.code == 1
    assert result.stderr == "cannot read date 'Tusday' (did you mean 'Tuesday'?)\n"


def test_resolve_bad_anchor_is_usage_error(cli) -> None:
    result = cli("resolve", "Tuesday", "--anchor", "17/05/2024")
    assert result.code == 2 and "--anchor" in result.stderr


def test_resolve_jsonl_keeps_order_goes_on_and_exits_1(cli) -> None:
    lines = [{"text": "Tuesday", "anchor": "2024-05-17"}, {"text": "Tusday", "anchor": "2024-05-17"},
             {"text": "last July", "anchor": "2024-05-17"}]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n"
    result = cli("resolve", "--jsonl", input=stdin)
    assert result.code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["start"] == out[0]["end"] == "2024-05-14"
    assert set(out[0]) >= {"text", "anchor", "start", "end", "precision", "edtf", "rule"}
    assert "error" in out[1] and "Tuesday" in out[1]["error"] and out[1]["text"] == "Tusday"
    assert (out[2]["start"], out[2]["end"], out[2]["precision"]) == ("2023-07-01", "2023-07-31", "month")
    assert "error" in out[3]


def test_resolve_jsonl_all_good_exits_0(cli) -> None:
    lines = '{"text": "2023-11-17"}\n{"text": "yesterday", "anchor": "2024-01-01"}\n{"text": "Tuesday"}\n'
    result = cli("resolve", "--jsonl", "--anchor", "2024-05-17", input=lines)
    assert result.code == 0
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["start"] for x in out] == ["2023-11-17", "2023-12-31", "2024-05-14"]
    assert out[2]["anchor"] == "2024-05-17"


def test_query_json_has_the_promised_keys_in_order(cli, seed_path) -> None:
    result = cli("query", "-f", str(seed_path), "--format", "json")
    rows = json.loads(result.stdout)
    assert result.code == 0 and len(rows) == 8
    for row in rows:
        assert {"id", "title", "start", "end", "precision", "kind", "source", "phrase", "start_at", "end_at",
                "zone"} <= set(row)
    # by day; within a day, day-only events before timed ones (by instant); then end and id
    keys = [(r["start"], r["start_at"] is not None, r["start_at"] or "", r["end"], r["id"]) for r in rows]
    assert keys == sorted(keys)
    posts = next(r for r in rows if r["id"] == "leike-posts")
    # "Friday morning" in The Verge's zone (its datelines are US Eastern: the source's `timezone`)
    assert (posts["precision"], posts["start_at"], posts["end_at"], posts["zone"]) == (
        "daypart", "2024-05-17T06:00:00-04:00", "2024-05-17T12:00:00-04:00", "America/New_York")
    assert posts["display"] == "Fri 17 May 2024, morning (06:00-12:00 ET)"
    assert next(r for r in rows if r["id"] == "board-coup")["kind"] == "span"


def test_query_range_overlap_within_and_phrases(cli, seed_path) -> None:
    def ids(*args: str) -> list[str]:
        result = cli("query", "-f", str(seed_path), "--format", "json", *args)
        assert result.code == 0, result.output
        return [r["id"] for r in json.loads(result.stdout)]

    assert ids("--from", "2024-05-14", "--to", "2024-05-14") == [
        "leike-resigns", "schulman-takes-over", "sutskever-leaves"]
    assert ids("--from", "2024-05-14", "--to", "2024-05-14", "--within") == ["sutskever-leaves"]
    assert ids("--from", "last year", "--to", "last year", "--anchor", "2024-05-17") == [
        "superalignment-formed", "board-coup"]
    assert ids("--to", "2016") == ["openai-founded"]
    assert ids("--tag", "governance") == ["board-coup"]
    assert ids("--actor", "Jan Leike", "--from", "2024-05-15") == [
        "leike-resigns", "schulman-takes-over", "leike-posts"]
    assert ids("--source", "wired-disbanded") == ["superalignment-disbanded"]


def test_query_bad_range_is_usage_error(cli, seed_path) -> None:
    result = cli("query", "-f", str(seed_path), "--from", "2024-05-17", "--to", "2024-05-01")
    assert result.code == 2 and "--to (2024-05-01) is before --from (2024-05-17)" in result.stderr
    result = cli("query", "-f", str(seed_path), "--from", "Tusday")
    assert result.code == 2 and "--from: cannot read date 'Tusday'" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "md", "jsonl"])
def test_query_formats(cli, seed_path, fmt: str) -> None:
    result = cli("query", "-f", str(seed_path), "--format", fmt, "--tag", "departures")
    assert result.code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [r["id"] for r in rows] == ["leike-resigns", "sutskever-leaves", "leike-posts"]
        assert rows[0]["edtf"] == "2024-05-13/2024-05-16"
    elif fmt == "md":
        assert result.stdout.splitlines()[0].startswith("| display |") and "| sutskever-leaves |" in result.stdout
    elif fmt == "jsonl":
        assert [json.loads(x)["id"] for x in result.stdout.splitlines()][1] == "sutskever-leaves"
    else:
        assert "Tue 14 May 2024" in result.stdout and "sutskever-leaves" in result.stdout


def test_query_on_a_broken_log_reports_it(cli, write_log) -> None:
    result = cli("query", "-f", str(write_log(BAD)))
    assert result.code == 1 and ":5:11: event 'a': cannot read date 'Tusday'" in result.stderr


def test_explain(cli, seed_path) -> None:
    result = cli("explain", "board-coup", "-f", str(seed_path))
    assert result.code == 0
    assert "'last year'" in result.stdout and "17-22 Nov 2023" in result.stdout and "claim #1" in result.stdout
    data = json.loads(cli("explain", "board-coup", "-f", str(seed_path), "--json").stdout)
    assert data["result"]["kind"] == "span" and len(data["claims"]) == 2
    missing = cli("explain", "nope", "-f", str(seed_path))
    assert missing.code == 1 and "no event with id 'nope'" in missing.stderr


def test_every_command_has_help(cli) -> None:
    from timeline.cli import app
    import typer

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert (command.help or "").strip(), name
        assert cli(name, "--help").code == 0


# The cache: fast, but never stale.
LOG = "title: t\nevents:\n  - id: a\n    title: A\n    when: 2024-05-01\n"


def _ids(cli, path: Path) -> list[str]:
    result = cli("query", "-f", str(path), "--format", "json")
    assert result.code == 0, result.output
    return [r["id"] for r in json.loads(result.stdout)]


def test_cache_is_written_and_follows_edits(cli, write_log) -> None:
    path = write_log(LOG)
    assert _ids(cli, path) == ["a"]
    cache = _cache_file(path, default_dir(os.environ))
    assert cache.exists()
    path.write_text(LOG + "  - id: b\n    title: B\n    when: 2024-05-02\n", encoding="utf-8")
    assert _ids(cli, path) == ["a", "b"]


def test_same_size_edit_within_the_same_tick_is_not_served_stale(cli, write_log) -> None:
    path = write_log(LOG)
    assert _ids(cli, path) == ["a"]
    st = path.stat()
    path.write_text(LOG.replace("id: a", "id: z"), encoding="utf-8")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    assert _ids(cli, path) == ["z"]


def test_corrupt_cache_is_ignored_and_rebuilt(cli, write_log) -> None:
    path = write_log(LOG)
    _ids(cli, path)
    cache = _cache_file(path, default_dir(os.environ))
    cache.write_bytes(b"not a database at all" * 100)
    assert _ids(cli, path) == ["a"]
    cache.unlink()
    assert _ids(cli, path) == ["a"]


def test_broken_log_is_not_hidden_by_an_old_cache(cli, write_log) -> None:
    path = write_log(LOG)
    _ids(cli, path)
    time.sleep(0.01)
    path.write_text(BAD, encoding="utf-8")
    assert cli("query", "-f", str(path)).code == 1


def test_no_cache_env_writes_nothing(cli, write_log, tmp_path) -> None:
    path = write_log(LOG)
    cache_dir = tmp_path / "c"
    assert cli("query", "-f", str(path), env={"TIMELINE_NO_CACHE": "1", "TIMELINE_CACHE_DIR": str(cache_dir)}).code == 0
    assert not cache_dir.exists()


def test_cached_query_imports_nothing_heavy(write_log, tmp_path) -> None:
    path = write_log(LOG)
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-X", "importtime", "-m", "timeline", "query", "-f", str(path), "--from", "2024-01-01",
           "--to", "2024-12-31"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # fills the cache
    run = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    for heavy in ("yaml", "pendulum", "pandas", "plotly", "ruamel.yaml", "numpy"):
        assert heavy not in imported, heavy
    assert "a" in run.stdout


# The sentence decides the tense when the caller gives it; without it, news reads as past.
@pytest.mark.parametrize("line,start", [
    ({"text": "Dec. 15", "anchor": "1989-11-02"}, "1988-12-15"),
    ({"text": "Dec. 15", "anchor": "1989-11-02", "left": "The dividend is payable"}, "1989-12-15"),
    ({"text": "Monday", "anchor": "1989-11-02", "context": "the board will meet"}, "1989-11-06"),
    ({"text": "Monday", "anchor": "1989-11-02", "context": "the board met"}, "1989-10-30"),
    ({"text": "Monday", "anchor": "1989-11-02", "context": "the board will meet", "tense": "past"}, "1989-10-30"),
    ({"text": "Monday", "anchor": "1989-11-02", "tense": "future"}, "1989-11-06"),
])
def test_resolve_jsonl_reads_tense_from_the_line(cli, line, start) -> None:  # type: ignore[no-untyped-def]
    result = cli("resolve", "--jsonl", input=json.dumps(line) + "\n")
    assert result.code == 0, result.output
    assert json.loads(result.stdout)["start"] == start


def test_resolve_jsonl_unknown_tense_is_an_error_line(cli) -> None:
    result = cli("resolve", "--jsonl", input='{"text": "Monday", "anchor": "1989-11-02", "tense": "soon"}\n')
    assert result.code == 1 and "tense must be one of past, future, either" in json.loads(result.stdout)["error"]


def test_resolve_context_option_and_explicit_tense_wins(cli) -> None:
    def day(*args: str) -> str:
        return json.loads(cli("resolve", "Monday", "--anchor", "1989-11-02", "--json", *args).stdout)["start"]

    assert day() == "1989-10-30"
    assert day("--context", "will meet") == "1989-11-06"
    assert day("--context", "will meet", "--tense", "past") == "1989-10-30"
    assert day("--tense", "either") == "1989-10-30"
