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


# --- the command table lists every command and every option (as sqlite-utils' test_docs does) ------------------

def _table() -> str:
    start = README.index("## Commands")
    return README[start:README.index("\n## ", start + 1)]


def _walk(command: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    found = []
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += _walk(sub, (*path, name)) if hasattr(sub, "commands") else [((*path, name), sub)]
    return found


def _commands_and_options() -> list[tuple[str, str]]:
    import typer

    from timeline.cli import app

    root = typer.main.get_command(app)
    pairs = [("", opt) for p in root.params for opt in (max(p.opts, key=len), *p.secondary_opts)
             if opt.startswith("--") and opt != "--help"]
    for path, command in _walk(root):
        name = " ".join(path)
        pairs.append((name, ""))
        for param in command.params:  # type: ignore[attr-defined]
            if param.param_type_name != "option":
                continue
            for opt in (max(param.opts, key=len), *param.secondary_opts):
                if opt != "--help":
                    pairs.append((name, opt))
    return pairs


COMMANDS_AND_OPTIONS = _commands_and_options()


@pytest.mark.parametrize(("command", "option"), COMMANDS_AND_OPTIONS,
                         ids=[f"{c or 'timeline'} {o}".strip() for c, o in COMMANDS_AND_OPTIONS])
def test_the_command_table_lists_every_command_and_option(command: str, option: str) -> None:
    rows = [line for line in _table().splitlines() if line.startswith("| `timeline")]
    if not command:  # the root's own options
        assert any(option in row for row in rows), option
        return
    mine = [row for row in rows if re.search(rf"`timeline {re.escape(command)}(?![\w-])", row.split(" | ")[0])]
    assert mine, f"the README's command table has no row for `timeline {command}`"
    if option and option != "--file":  # every command takes -f/--file, said once under the table
        assert any(re.search(rf"{re.escape(option)}(?![\w-])", row.split(" | ")[0]) for row in mine), \
            f"`timeline {command}` row does not list {option}"


def test_the_table_says_every_command_takes_file() -> None:
    assert "Every command takes `-f/--file`" in _table()
