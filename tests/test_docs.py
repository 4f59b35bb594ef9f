"""The README stays true: every `timeline` command it shows runs, and every command has help."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# the two install commands at the top run in CI and by hand in a fresh venv, not here
SH_BLOCKS = [b for b in re.findall(r"```sh\n(.*?)```", README, re.S) if "pip install" not in b]


def _commands(block: str) -> list[list[str]]:
    commands = []
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            commands.append(shlex.split(line))
    return commands


@pytest.mark.parametrize("block", SH_BLOCKS, ids=[f"block{i}" for i in range(len(SH_BLOCKS))])
def test_readme_commands_run(block: str, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "events.yaml", tmp_path / "events.yaml")
    monkeypatch.chdir(tmp_path)
    for args in _commands(block):
        if args[:1] == ["mkdir"]:  # `mkdir X && cd X`: a fresh folder
            folder = tmp_path / args[1]
            folder.mkdir()
            monkeypatch.chdir(folder)
            continue
        assert args[0] == "timeline", args
        result = cli(*args[1:])
        assert result.code == 0, (args, result.output)


def test_the_readme_shows_commands() -> None:
    assert sum(len(_commands(b)) for b in SH_BLOCKS) >= 10
