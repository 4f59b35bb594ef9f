"""The commands with events that count from other events: add/edit --relative-to and --for, explain's chain,
query's JSON link, validate's refusals. Each runs the real command and checks exit code, output and the file."""

from __future__ import annotations

import json

LOG = """title: t
sources:
  verge:
    published: "2024-05-17"
events:
  - id: ousted
    title: The board removes Sam Altman
    when: between 13 and 16 May 2024
    source: verge
  - id: return
    title: Altman returns
    when: two days later
    source: verge
    relative_to: ousted
"""


def test_add_relative_to_writes_the_key_and_reads_against_the_event(cli, write_log) -> None:
    path = write_log(LOG)
    result = cli("add", "-f", str(path), "--title", "Staff letter", "--when", "the next day", "--source", "verge",
                 "--relative-to", "ousted")
    assert result.code == 0, result.stderr
    assert "anchor: Mon 13 May 2024 (event 'ousted')" in result.stdout
    assert "between 14 and 17 May 2024" in result.stdout
    text = path.read_text()
    assert text.startswith(LOG)  # nothing else changed
    assert text[len(LOG):] == ("  - id: staff-letter\n    title: Staff letter\n    when: the next day\n"
                               "    source: verge\n    relative_to: ousted\n")


def test_add_relative_to_an_unknown_event_is_refused_with_a_suggestion(cli, write_log) -> None:
    path = write_log(LOG)
    result = cli("add", "-f", str(path), "--title", "X", "--when", "the next day", "--relative-to", "oustd")
    assert result.code == 1
    assert "names no event 'oustd' (did you mean 'ousted'?)" in result.stderr
    assert path.read_text() == LOG


def test_edit_relative_to_and_for_change_only_those_lines(cli, write_log) -> None:
    path = write_log(LOG)
    result = cli("edit", "-f", str(path), "return", "--for", "three weeks")
    assert result.code == 0, result.stderr
    assert "for three weeks" in result.stdout
    # the editor writes keys in the schema's order: `for` after `when`
    assert path.read_text() == LOG.replace("    when: two days later\n",
                                           "    when: two days later\n    for: three weeks\n")
    result = cli("edit", "-f", str(path), "return", "--clear", "for")
    assert result.code == 0, result.stderr
    assert path.read_text() == LOG


def test_explain_shows_the_chain(cli, write_log) -> None:
    path = write_log(LOG + "  - id: letter\n    title: Staff letter\n    when: the next day\n    source: verge\n"
                           "    relative_to: return\n")
    result = cli("explain", "-f", str(path), "letter")
    assert result.code == 0, result.stderr
    assert "counts from: 'return' (Altman returns), between 15 and 18 May 2024" in result.stdout
    assert "which counts from: 'ousted' (The board removes Sam Altman), between 13 and 16 May 2024" in result.stdout
    data = json.loads(cli("explain", "-f", str(path), "letter", "--json").stdout)
    assert [step["id"] for step in data["claims"][0]["relative_to"]] == ["return", "ousted"]
    assert data["claims"][0]["anchor_from"] == "event 'return'"


def test_query_json_keeps_the_link_and_may_overlap_vs_within(cli, write_log) -> None:
    path = write_log(LOG + "  - id: launch\n    title: Launch\n    when: no earlier than May 20\n"
                           "    source: verge\n    tense: future\n")
    rows = json.loads(cli("query", "-f", str(path), "--format", "json").stdout)
    by_id = {row["id"]: row for row in rows}
    assert by_id["return"]["relative_to"] == "ousted"
    assert "relative_to" not in by_id["ousted"]
    assert (by_id["launch"]["start"], by_id["launch"]["end"], by_id["launch"]["edtf"]) == \
        ("2024-05-20", None, "2024-05-20/..")
    may = cli("query", "-f", str(path), "--from", "2024-06-01", "--to", "2024-06-30", "--format", "json")
    assert [r["id"] for r in json.loads(may.stdout)] == ["launch"]  # an open end may overlap anything after it
    within = cli("query", "-f", str(path), "--from", "2024-05-01", "--to", "2024-12-31", "--within", "--format",
                 "json")
    assert "launch" not in [r["id"] for r in json.loads(within.stdout)]  # but is never certainly inside a range


def test_validate_names_every_line_of_a_loop(cli, write_log) -> None:
    path = write_log(LOG.replace("    when: between 13 and 16 May 2024\n",
                                 "    when: that day\n    relative_to: return\n"))
    result = cli("validate", "-f", str(path))
    assert result.code == 1
    lines = [line for line in result.stderr.splitlines() if "loop" in line]
    assert len(lines) == 1 and "line 9" in lines[0] and "line 15" in lines[0], result.stderr


def test_claim_add_takes_relative_to_and_for(cli, write_log) -> None:
    path = write_log(LOG)
    result = cli("claim", "add", "-f", str(path), "return", "--when", "the next day", "--relative-to", "ousted")
    assert result.code == 0, result.stderr
    text = path.read_text()
    assert text == LOG + "    claims:\n      - when: the next day\n        relative_to: ousted\n"
    result = cli("claim", "add", "-f", str(path), "ousted", "--when", "2024-05-14", "--for", "two days")
    assert result.code == 0, result.stderr
    assert "      - when: \"2024-05-14\"\n        for: two days\n" in path.read_text()


def test_claim_add_relative_to_an_unknown_event_writes_nothing(cli, write_log) -> None:
    path = write_log(LOG)
    result = cli("claim", "add", "-f", str(path), "return", "--when", "that day", "--relative-to", "oustd")
    assert result.code == 1
    assert "names no event 'oustd' (did you mean 'ousted'?)" in result.stderr and "nothing was written" in result.stderr
    assert path.read_text() == LOG


def test_resolve_refuses_a_duration_saying_to_write_for(cli) -> None:
    result = cli("resolve", "for 34 years", "--anchor", "2024-05-17")
    assert result.code == 1
    assert "says how long, not when" in result.stderr and "`for: 34 years`" in result.stderr
    assert "Traceback" not in result.output
