"""Shell completion: `--install-completion` is offered, and ids, tags, actors and source ids complete from the log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

LOG = """title: t
sources:
  verge-leike: {title: V, published: "2024-05-17"}
  wired: {title: W, published: "2024-05-17"}
events:
  - id: sutskever-leaves
    title: S
    when: Tuesday
    source: verge-leike
    tags: [departures, superalignment]
    actors: [Ilya Sutskever]
  - id: superalignment-formed
    title: F
    when: 2023-07-05
    tags: [teams]
    actors: [OpenAI]
"""


def complete(folder: Path, words: str) -> list[str]:
    """Give what bash completion offers for the command line `words` (the last word is being typed)."""
    env = {**os.environ, "_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split(" ")) - 1)}
    run = subprocess.run([sys.executable, "-m", "timeline"], cwd=folder, env=env, capture_output=True, text=True,
                         check=True)
    return run.stdout.split()


@pytest.mark.parametrize(("words", "offered"), [
    # event ids
    ("timeline edit s", ["superalignment-formed", "sutskever-leaves"]),
    ("timeline explain sut", ["sutskever-leaves"]),
    ("timeline remove x", []),
    ("timeline claim add su", ["superalignment-formed", "sutskever-leaves"]),
    # tags and actors
    ("timeline query --tag ", ["departures", "superalignment", "teams"]),
    ("timeline add --tag d", ["departures"]),
    ("timeline query --actor Il", ["Ilya Sutskever"]),
    # source ids
    ("timeline query --source ", ["verge-leike", "wired"]),
    ("timeline source edit w", ["wired"]),
    ("timeline add --source v", ["verge-leike"]),
])
def test_values_complete_from_the_log(tmp_path: Path, words: str, offered: list[str]) -> None:
    (tmp_path / "events.yaml").write_text(LOG, encoding="utf-8")
    got = complete(tmp_path, words)
    assert [w for w in got if not w.startswith("Ilya") and w != "Sutskever"] == \
        [w for w in offered if not w.startswith("Ilya")]
    if "Ilya Sutskever" in offered:
        assert " ".join(got) == "Ilya Sutskever"


def test_the_file_named_with_f_is_the_one_read(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text(LOG, encoding="utf-8")
    assert complete(tmp_path, "timeline edit -f other.yaml sut") == ["sutskever-leaves"]
    assert complete(tmp_path, "timeline edit sut") == []  # no events.yaml here: nothing, and no error


def test_install_completion_is_offered(cli: Any) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
