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
    # our own tables give back the phrases as written; TimelineJS a one-phrase span as one phrase from its EDTF
    # ("from 2024-03 to 2024-04"): the precision and EDTF come back as read either way
    assert {r.id: (r.precision, r.edtf) for r in back.records} == \
        {r.id: (r.precision, r.edtf) for r in story.records}


# (phrase as the source wrote it, the `when` TimelineJS's `timeline` key carries for it, EDTF both ways)
ONE_PHRASE_SPANS = [
    # a span read from one phrase: one phrase from its EDTF's sides, so its precision survives
    ("from March to April", "from 2024-03 to 2024-04", "2024-03/2024-04"),
    ("since March", "from 2024-03 to 2024-05-17", "2024-03/2024-05-17"),
    ("since 2019", "from 2019 to 2024-05-17", "2019/2024-05-17"),
    ("March-May 2023", "from 2023-03 to 2023-05", "2023-03/2023-05"),
    ("May 8-9", "from 2024-05-08 to 2024-05-09", "2024-05-08/2024-05-09"),
    ("from 44 BC to AD 14", "from -0043 to 0014", "-0043/0014"),
]


@pytest.mark.parametrize(("phrase", "carried", "edtf"), ONE_PHRASE_SPANS)
def test_timelinejs_gives_back_a_one_phrase_span_as_precise_as_read(phrase: str, carried: str, edtf: str,
                                                                   write_log: Any, tmp_path: Path) -> None:
    text = (f"title: t\nsources:\n  ap:\n    title: A\n    published: '2024-05-17'\nevents:\n"
            f"  - id: e\n    title: E\n    when: {phrase}\n    source: ap\n")
    story = timeline.load(write_log(text))
    exported = tmp_path / "t.json"
    exported.write_text(str(export(story, "timelinejs")), encoding="utf-8")
    assert json.loads(exported.read_text(encoding="utf-8"))["events"][0]["timeline"]["when"] == carried
    import_events(exported, tmp_path / "back.yaml", fmt="timelinejs")
    [first], [back] = story.records, timeline.load(tmp_path / "back.yaml").records
    assert (back.start, back.start_latest, back.end_earliest, back.end, back.kind, back.precision, back.edtf) == \
        (first.start, first.start_latest, first.end_earliest, first.end, "span", first.precision, edtf)


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
