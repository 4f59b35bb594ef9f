"""One checker: the rules a log keeps are the rules an import is held to, said in the words each is given."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from timeline.errors import ProblemList
from timeline.log import check
from timeline.log.load import check_events, loads

HEAD = """\
title: t
sources:
  paper:
    published: "2024-05-17"
events:
  - id: ok
    title: A
    when: "2024-05-01"
"""

ROWS = [
    # (fields of one event as YAML lines, the same event as an importer gives it)
    ("id: bad id\n    title: B\n    when: '2024-05-01'", {"id": "bad id", "title": "B", "when": "2024-05-01"}),
    ("id: b\n    title: B\n    when: '2024-05-01'\n    url: 'javascript:x'",
     {"id": "b", "title": "B", "when": "2024-05-01", "url": "javascript:x"}),
    ("id: b\n    title: B\n    when: Tuesday\n    source: papr",
     {"id": "b", "title": "B", "when": "Tuesday", "source": "papr"}),
    ("id: b\n    title: B\n    when: '2024-05-01'\n    tense: later",
     {"id": "b", "title": "B", "when": "2024-05-01", "tense": "later"}),
    ("id: b\n    title: B\n    when: '2024-06-01'\n    until: '2024-05-01'",
     {"id": "b", "title": "B", "when": "2024-06-01", "until": "2024-05-01"}),
    ("id: b\n    title: B\n    when: tomorrow\n    source: paper",
     {"id": "b", "title": "B", "when": "tomorrow", "source": "paper"}),
]


@pytest.mark.parametrize(("yaml_fields", "given"), ROWS)
def test_the_loader_and_an_import_break_the_same_rule_in_the_same_words(yaml_fields: str,
                                                                        given: dict[str, Any]) -> None:
    with pytest.raises(ProblemList) as caught:
        loads(HEAD + "  - " + yaml_fields + "\n")
    loaded = [p.message for p in caught.value.problems]
    log = loads(HEAD)
    where = f"event '{given['id']}'"
    imported = check_events([(where, None, given)], sources=log.sources, taken={"ok"}, words=check.LOG_WORDS,
                            log="events.yaml")
    assert [message for _, message in imported] == loaded


def test_an_importers_label_words_and_line_are_kept() -> None:
    words = dataclasses.replace(check.LOG_WORDS, id_taken="{where}: '{id}' is taken in {log}")
    found = check_events([("'row title'", 7, {"id": "ok", "title": "T", "when": "2024"})],
                         sources=loads(HEAD).sources, taken={"ok"}, words=words, log="events.yaml")
    assert found == [(7, "'row title': 'ok' is taken in events.yaml")]
