"""The synthetic logs of the benchmark are valid and have the features they promise."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

import timeline

HERE = Path(__file__).resolve().parent


def _synth() -> ModuleType:
    import synth  # tests/ holds conftest.py, so pytest puts it on sys.path

    return synth


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    return _synth()


@pytest.fixture(scope="module")
def log_200(synth: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, timeline.Log]:
    path = synth.write(200, tmp_path_factory.mktemp("synth") / "events.yaml")
    return path, timeline.load(path)


def test_loads_with_every_event(log_200: tuple[Path, timeline.Log]) -> None:
    _, log = log_200
    assert len(log.records) == 200
    assert len(log.sources) >= 20
    assert all(s.published is not None for s in log.sources.values())


def test_has_the_promised_features(log_200: tuple[Path, timeline.Log]) -> None:
    path, log = log_200
    text = path.read_text(encoding="utf-8")
    rules = {r.dates[0].when.rule for r in log.records}
    assert sum(r.kind == "span" for r in log.records) >= 5, "until spans"
    assert sum(len(r.dates) > 1 for r in log.records) >= 10, "extra sourced claims"
    assert sum(r.dates[0].when.anchor is not None for r in log.records) >= 80, "relative phrases"
    assert {"weekday-on-or-before-anchor", "yesterday", "n-units-ago", "last-unit"} <= rules
    assert any(c.tense == "future" for r in log.records for c in r.event.claims), "planned events"
    assert sum("\n" in r.event.notes.strip() for r in log.records) >= 5, "multi-line notes"
    assert any(not q.isascii() for r in log.records for q in (r.dates[0].claim.quote,)), "unicode quotes"
    assert any(not a.isascii() for r in log.records for a in r.event.actors), "unicode actors"
    assert sum(bool(r.event.tags) for r in log.records) >= 100
    assert "notes: |" in text and "notes: >" in text and "tags:\n      - " in text


def test_same_size_gives_same_bytes(synth: ModuleType) -> None:
    assert "".join(synth.generate(50)) == "".join(synth.generate(50))
    assert "".join(synth.generate(50)) != "".join(synth.generate(50, seed=7))


def test_runs_as_a_script(synth: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "ten.yaml"
    assert synth.main(["10", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "".join(synth.generate(10))
