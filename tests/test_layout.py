"""The plan of the house holds: every folder and top module sits on a floor of the layers contract."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "timeline"


def _contract() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["type"] == "layers")


def _floors() -> list[set[str]]:
    return [{name.strip() for name in layer.split("|")} for layer in _contract()["layers"]]  # type: ignore[attr-defined]


def test_every_room_of_the_package_is_on_a_floor() -> None:
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    rooms |= {p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    placed = set().union(*_floors())
    assert rooms == placed, f"not on a floor: {sorted(rooms - placed)}; on a floor but absent: {sorted(placed - rooms)}"


def test_no_room_stands_on_two_floors() -> None:
    names = [name for floor in _floors() for name in floor]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("folder", sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()))
def test_tests_mirror_the_folders(folder: str) -> None:
    assert (ROOT / "tests" / folder).is_dir(), f"tests/{folder}/ holds the tests of timeline/{folder}/"


def test_the_command_line_words_every_advice_the_library_gives() -> None:
    from timeline.cli import HOW as CLI_HOW
    from timeline.errors import HOW

    assert set(CLI_HOW) == set(HOW)
