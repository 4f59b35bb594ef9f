"""Dates that count from other dates through every exporter and back through every importer: "since", ranges,
open ends, `for:` durations and `relative_to` links, written as wire copy would (AP, Reuters, BBC)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.exchange.exports import export
from timeline.exchange.imports import import_events
from timeline.model import Log

STORY = """title: A strike and a launch
sources:
  ap:
    title: Auto workers end strike as rocket launch slips
    publisher: AP
    published: "2024-05-17"
events:
  - id: protests
    title: Protests outside the plant
    when: since March
    source: ap
  - id: talks
    title: Contract talks
    when: from March to April
    source: ap
  - id: strike
    title: Workers walk out
    when: April 2
    for: a three-week strike
    source: ap
  - id: union-vote
    title: The union votes on the deal
    when: two days later
    relative_to: strike
    source: ap
  - id: launch
    title: The launch will now happen
    when: no earlier than Monday
    tense: future
    source: ap
  - id: deal
    title: A deal is due
    when: by June 8
    tense: future
    source: ap
  - id: closure
    title: The plant stays closed
    when: until Sunday
    tense: future
    source: ap
  - id: reign
    title: The founder runs the company
    when: "1990"
    for: 34 years
    source: ap
"""


@pytest.fixture
def story(write_log: Any) -> Log:
    return timeline.load(write_log(STORY))


# (event id, EDTF line): open ends as `..`, a span from one phrase as precise as it was read
EDTF = [
    ("protests", "2024-03/2024-05-17"),
    ("talks", "2024-03/2024-04"),
    ("strike", "2024-04-02/2024-04-22"),
    ("union-vote", "2024-04-24"),
    ("launch", "2024-05-20/.."),
    ("deal", "../2024-06-08"),
    ("closure", "../2024-05-19"),
    ("reign", "1990/2024-12-30?"),
]


def test_edtf_writes_open_ends_and_the_precision_read(story: Log) -> None:
    lines = dict(line.split("\t") for line in str(export(story, "edtf")).splitlines())
    assert lines == dict(EDTF)
    # the record's own EDTF in the JSON says the same
    rows = {row["id"]: row["edtf"] for row in json.loads(str(export(story, "json")))}
    assert rows == dict(EDTF) | {"reign": rows["reign"]}


def test_edtf_lines_parse_with_the_edtf_library(story: Log) -> None:
    from edtf import parse_edtf

    for line in str(export(story, "edtf")).splitlines():
        parse_edtf(line.split("\t")[1])  # raises on anything that is not EDTF


def test_ics_writes_an_open_end_as_its_known_day_and_says_so(story: Log) -> None:
    text = str(export(story, "ics")).replace("\r\n ", "").replace("\r\n", "\n")
    events = {block.split("UID:")[1].split("@")[0]: block for block in text.split("BEGIN:VEVENT")[1:]}
    assert "DTSTART;VALUE=DATE:20240520\nDTEND;VALUE=DATE:20240521" in events["launch"]
    assert "may reach later than shown" in events["launch"]
    assert "DTSTART;VALUE=DATE:20240608\nDTEND;VALUE=DATE:20240609" in events["deal"]
    assert "may reach earlier than shown" in events["deal"]
    assert "DTSTART;VALUE=DATE:20240301\nDTEND;VALUE=DATE:20240518" in events["protests"]


def test_vis_marks_an_open_end_uncertain_on_its_known_day(story: Log) -> None:
    items = {item["id"]: item for item in json.loads(str(export(story, "vis")))["items"]}
    assert (items["launch"]["start"], items["launch"].get("end"), items["launch"]["className"]) == \
        ("2024-05-20", None, "uncertain")
    assert (items["deal"]["start"], items["deal"].get("className")) == ("2024-06-08", "uncertain")


def facts(log: Log) -> dict[str, tuple[Any, ...]]:
    return {r.id: (r.start, r.start_latest, r.end_earliest, r.end, r.kind, r.own.claim.relative_to,
                   r.own.claim.duration) for r in log.records}


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "timelinejs"])
def test_every_import_gives_back_links_durations_and_open_ends(fmt: str, story: Log, tmp_path: Path) -> None:
    exported = tmp_path / f"export.{'json' if fmt == 'timelinejs' else fmt}"
    exported.write_text(str(export(story, fmt)), encoding="utf-8")
    target = tmp_path / "back" / "events.yaml"
    target.parent.mkdir()
    import_events(exported, target, fmt=fmt)
    back = timeline.load(target)
    assert facts(back) == facts(story)
    if fmt != "timelinejs":  # our own tables give back the phrases as written, so the precision too
        assert {r.id: (r.precision, r.edtf) for r in back.records} == \
            {r.id: (r.precision, r.edtf) for r in story.records}


def test_timelinejs_leaves_out_a_link_to_an_event_not_in_the_file(story: Log) -> None:
    kept = [r for r in story.records if r.id != "strike"]
    doc = json.loads(_tl(story, kept))
    vote = next(e for e in doc["events"] if e["unique_id"] == "union-vote")
    assert "relative_to" not in vote["timeline"] and vote["timeline"]["when"] == "2024-04-24"


def _tl(log: Log, records: list[Any]) -> str:
    from timeline.exchange.timelinejs import write_timelinejs

    return write_timelinejs(log, records)


def test_a_spreadsheet_gives_for_and_relative_to_columns(write_log: Any, tmp_path: Path) -> None:
    log = write_log('title: t\nsources:\n  ap:\n    published: "2024-05-15"\nevents:\n  - id: fire\n'
                    "    title: Factory fire\n    when: March 3\n    source: ap\n")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,title,when,for,relative_to,source\n"
                     "strike,Workers walk out,two days later,three weeks,fire,ap\n"
                     "vote,Union votes,the next day,,strike,ap\n", encoding="utf-8")
    assert import_events(sheet, log) == ["strike", "vote"]
    back = timeline.load(log)
    strike, vote = back.record("strike"), back.record("vote")
    assert (strike.start.iso(), strike.end.iso(), strike.own.claim.relative_to) == \
        ("2024-03-05", "2024-03-25", "fire")
    assert (vote.start.iso(), vote.own.claim.relative_to) == ("2024-03-26", "strike")
