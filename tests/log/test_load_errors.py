"""Bad input: every malformed, hostile or inconsistent log gives FILE:LINE:COL lines and exit 1, never a traceback."""

from __future__ import annotations

import re

import pytest

import timeline
from timeline.errors import LogError, ProblemList, TimelineError
from timeline.model import Limits

HEAD = """title: t
sources:
  s:
    published: "2024-05-17"
events:
"""


def problems_of(text: str | bytes, write_log, **kw) -> list[str]:
    path = write_log(text)
    with pytest.raises(TimelineError) as info:
        timeline.load(path, **kw)
    err = info.value
    assert isinstance(err, (LogError, ValueError))
    lines = err.located().splitlines()
    for line in lines:
        assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", line), line
    return [line.split(": ", 1)[0].split(":", 1)[1] + ": " + line.split(": ", 1)[1] for line in lines]


# (name, log text, expected "LINE:COL: message fragment")
CASES = [
    # syntax
    ("tab", HEAD + "\t- id: a\n", "6:1: a tab character; YAML indents with spaces only"),
    ("duplicate key", "title: a\ntitle: b\nevents: []\n", "2:1: duplicate key 'title' (first at line 1)"),
    ("anchor", "title: &t x\nevents: []\n", "1:8: anchor '&t' is not allowed"),
    ("alias", "events: []\nx: *t\n", "2:4:"),
    ("explicit tag", "title: !!python/object:os.system x\nevents: []\n", "1:8: tag "),
    ("local tag", "title: !thing x\nevents: []\n", "1:8: tag '!thing' is not allowed"),
    ("unclosed quote", 'title: "abc\nevents: []\n', "1:8: a quoted value is never closed; add the closing quote"),
    ("unclosed bracket", "title: x\nevents: [\n", "3:1:"),
    ("second document", "title: x\nevents: []\n---\ntitle: y\n", "3:1: a second YAML document"),
    ("control character", "title: a\x07b\nevents: []\n", "1:9: control character U+0007"),
    ("deep nesting", "title: x\nevents: []\nnotes: " + "[" * 30 + "]" * 30 + "\n",
     "nesting deeper than 24 levels"),
    # shape
    ("empty", "", "1:1: the file is empty"),
    ("only comments", "# nothing yet\n", "1:1: the file is empty"),
    ("not a mapping", "- a\n- b\n", "1:1: the log must be a mapping"),
    ("scalar file", "hello\n", "1:1: the log must be a mapping"),
    ("events not a list", "title: x\nevents: {a: 1}\n", "2:9: `events` must be a list"),
    ("unknown top key", "title: x\nevnts: []\n", "2:1: the log: unknown key 'evnts' (did you mean 'events'?)"),
    ("unknown event key", HEAD + "  - id: a\n    title: A\n    when: 2024-05-01\n    wen: x\n",
     "9:5: event 'a': unknown key 'wen' (did you mean 'when'?)"),
    # values
    ("impossible date", HEAD + "  - id: a\n    title: A\n    when: 2023-02-29\n", "8:11: event 'a': "),
    ("bad published", "title: t\nsources:\n  s:\n    published: 2024-13-01\nevents: []\n",
     "4:16: source 's': `published`"),
    ("unknown source", HEAD + "  - id: a\n    title: A\n    when: Tuesday\n    source: x\n",
     "9:13: event 'a': unknown source 'x'"),
    ("unknown source suggestion", HEAD + "  - id: a\n    title: A\n    when: Tuesday\n    source: ss\n",
     "(did you mean 's'?)"),
    ("missing when", HEAD + "  - id: a\n    title: A\n", "6:5: event 'a': `when` is missing"),
    ("missing title", HEAD + "  - id: a\n    when: 2024-01-01\n", "6:5: event 'a': `title` is missing"),
    ("missing id", HEAD + "  - title: A\n    when: 2024-01-01\n", "6:5: event #1: `id` is missing"),
    ("bad id", HEAD + "  - id: a b\n    title: A\n    when: 2024-01-01\n", "6:9: event 'a b': an id may hold"),
    ("until before when", HEAD + "  - id: a\n    title: A\n    when: 2024-05-10\n    until: 2024-05-01\n",
     "9:12: event 'a': `until` (2024-05-01) is before `when` (2024-05-10)"),
    ("after publication", HEAD + "  - id: a\n    title: A\n    when: 2024-06-01\n    source: s\n",
     "8:11: event 'a': dated 2024-06-01, after its source 's' was published (2024-05-17)"),
    ("relative without source", HEAD + "  - id: a\n    title: A\n    when: Tuesday\n", "8:11: event 'a': "),
    ("misspelt phrase", HEAD + "  - id: a\n    title: A\n    when: Tusday\n    source: s\n",
     "8:11: event 'a': cannot read date 'Tusday' (did you mean 'Tuesday'?)"),
    ("weekday contradicts date", HEAD + "  - id: a\n    title: A\n    when: Tuesday, May 15, 2024\n", "8:11:"),
    ("javascript url", "title: t\nsources:\n  s:\n    url: javascript:alert(1)\nevents: []\n",
     "4:10: source 's': url 'javascript:alert(1)' must start with http://, https:// or mailto:"),
    ("tags mapping", HEAD + "  - id: a\n    title: A\n    when: 2024-01-01\n    tags: {a: b}\n", "9:11:"),
    ("bad tense", HEAD + "  - id: a\n    title: A\n    when: 2024-01-01\n    tense: later\n",
     "9:12: event 'a': `tense` must be 'past' or 'future'"),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_log_is_one_located_line_per_problem(name: str, text: str, expected: str, write_log) -> None:
    found = problems_of(text, write_log)
    assert any(expected in line for line in found), found


def test_invalid_utf8_names_the_byte(write_log) -> None:
    found = problems_of(b"title: caf\xe9\nevents: []\n", write_log)
    assert found == ["1:11: byte 0xe9 is not UTF-8; save the file as UTF-8"]


def test_duplicate_event_ids_name_both_lines(write_log) -> None:
    text = HEAD + "  - id: a\n    title: A\n    when: 2024-01-01\n  - id: a\n    title: B\n    when: 2024-01-02\n"
    assert problems_of(text, write_log) == [
        "9:9: duplicate event id 'a' (first at line 6); rename one of them"]


CONFLICT = ("  - id: a\n    title: A\n    when: 2023-11-17\n    source: s\n    claims:\n"
            "      - when: 2023-12-01\n")


@pytest.mark.parametrize(("head", "kw"), [
    # asked for by the caller (validate --strict)
    (HEAD, {"strict": True}),
    # asked for by the log itself: `strict: true` brings back the old behaviour for every command
    ("strict: true\n" + HEAD, {}),
])
def test_strict_makes_conflicting_claims_an_error_naming_both_lines(write_log, head, kw) -> None:
    (line,) = problems_of(head + CONFLICT, write_log, **kw)
    shift = head.count("\n") - HEAD.count("\n")
    assert line.startswith(f"{11 + shift}:15: event 'a': claims cannot all be true")
    assert f"line {8 + shift} (s) says 2023-11-17" in line and f"line {11 + shift} (s) says 2023-12-01" in line


def test_conflicting_claims_are_a_warning_and_a_disputed_record_by_default(write_log) -> None:
    log = timeline.load(write_log(HEAD + CONFLICT))
    (record,) = log.records
    assert record.disputed and len(record.conflicts) == 1
    assert (record.start.iso(), record.end.iso()) == ("2023-11-17", "2023-12-01")
    (warning,) = log.warnings
    assert (warning.line, warning.col) == (11, 15)
    assert "line 8 (s) says 2023-11-17" in warning.message and "line 11 (s) says 2023-12-01" in warning.message


def test_a_strict_setting_that_is_not_a_flag_is_a_problem(write_log) -> None:
    (line,) = problems_of("strict: maybe\n" + HEAD + CONFLICT, write_log)
    assert line.startswith("1:9: the log: `strict` must be true or false, not 'maybe'")


def test_every_problem_is_reported_in_one_run(write_log) -> None:
    text = HEAD + ("  - id: a\n    title: A\n    when: Tusday\n    source: s\n"
                   "  - id: b\n    title: B\n    when: 2023-02-29\n"
                   "  - id: c\n    when: 2024-01-01\n    source: nope\n")
    found = problems_of(text, write_log)
    assert len(found) == 4, found
    assert [f.split(":")[0] for f in found] == sorted((f.split(":")[0] for f in found), key=int)


def test_file_size_is_bounded_and_says_how_to_raise_it(write_log) -> None:
    path = write_log("title: x\nevents: []\n" + "# padding\n" * 200)
    with pytest.raises(LogError, match=r"over the limit of 100 .*Limits.max_bytes"):
        timeline.load(path, limits=Limits(max_bytes=100))


def test_number_of_events_is_bounded(write_log) -> None:
    text = HEAD + "".join(f"  - id: e{i}\n    title: E\n    when: 2024-01-01\n" for i in range(5))
    with pytest.raises(ProblemList, match=r"5 events, over the limit of 3 .*Limits.max_events"):
        timeline.load(write_log(text), limits=Limits(max_events=3))


def test_alias_bomb_is_refused_before_expansion(write_log) -> None:
    bomb = "a: &a [x, x]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n"
                                      for i in range(20))
    found = problems_of(bomb, write_log)
    assert found and "anchor '&a' is not allowed" in found[0]


def test_missing_file_and_folder_are_clear(tmp_path) -> None:
    from timeline.cli import HOW

    with pytest.raises(TimelineError, match="no such file; create it, or name another events file") as info:
        timeline.load(tmp_path / "nope.yaml")
    # the library speaks of the events file; the command line words the same advice with its option
    assert info.value.located(HOW).endswith("no such file; create it, or name another with -f FILE")
    with pytest.raises(TimelineError, match="is a folder") as info:
        timeline.load(tmp_path)
    assert "-f FILE" not in str(info.value) and "-f FILE" in info.value.located(HOW)


# YAML 1.2 reading: these stay the words people wrote.
@pytest.mark.parametrize("word", ["no", "NO", "yes", "off", "on", "1:30", "0o17", "1e3", "null-ish", ".inf"])
def test_scalars_stay_text(word: str, write_log) -> None:
    text = f"title: t\nevents:\n  - id: a\n    title: {word}\n    when: 2024-01-01\n    tags: [{word}]\n"
    log = timeline.load(write_log(text))
    assert log.records[0].event.title == word
    assert log.records[0].event.tags == (word,)


def test_published_timestamp_from_metadata_is_read_as_its_own_day(write_log) -> None:
    text = ("title: t\nsources:\n  s:\n    published: 2024-05-17T23:30:00-04:00\n"
            "events:\n  - id: a\n    title: A\n    when: Tuesday\n    source: s\n")
    log = timeline.load(write_log(text))
    assert log.sources["s"].published == timeline.Day.parse("2024-05-17")
    assert log.records[0].start == timeline.Day.parse("2024-05-14")
