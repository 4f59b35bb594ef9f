"""`timeline import`: idempotent (a row already in the log is counted, or updated with --update), and every format
timeline writes and can read comes back into an empty log with nothing lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from timeline.log.load import load
from timeline.render.registry import EXPORTS, IMPORTS


def _whole(log: Any) -> list[tuple[Any, ...]]:
    """Give everything a log says of each event: dates, words, claims, and the sources it cites, as written."""
    rows = []
    for r in log.records:
        e = r.event
        cited = sorted({c.source for c in e.claims if c.source})
        sources = [(s, log.sources[s].title, log.sources[s].publisher, log.sources[s].url, log.sources[s].published,
                    log.sources[s].published_at, log.sources[s].timezone, log.sources[s].notes) for s in cited]
        claims = [(c.when, c.until, c.source, c.anchor, c.tense, c.quote, c.relative_to, c.duration) for c in e.claims]
        rows.append((r.id, e.title, r.start, r.end, r.start_latest, r.end_earliest, r.precision, e.tags, e.actors,
                     e.notes, e.url, claims, sources))
    return rows


# timelinejs keeps one claim per event: the formats that carry the whole log are the table formats
WHOLE = [name for name in IMPORTS if name != "timelinejs"]


@pytest.mark.parametrize("fmt", WHOLE)
def test_an_export_imports_back_into_an_empty_log_with_nothing_lost(cli: Any, seed_path: Path, tmp_path: Path,
                                                                     fmt: str) -> None:
    exported = tmp_path / f"events{EXPORTS[fmt].extension}"
    assert cli("export", "--format", fmt, "-f", str(seed_path), "-o", str(exported)).code == 0
    new = tmp_path / "new.yaml"
    result = cli("import", str(exported), "-f", str(new))
    assert result.code == 0, result.output
    assert result.stdout.startswith(f"{new}: added 8 events from {exported} (and 5 sources they cite)\n")
    assert _whole(load(new)) == _whole(load(seed_path))


@pytest.mark.parametrize("fmt", WHOLE)
def test_timestamps_zones_notes_and_relative_claims_come_back(cli: Any, tmp_path: Path, fmt: str) -> None:
    # what a source (published timestamp, timezone, notes) and a claim (relative_to, for) can say survives too
    original = Path(__file__).resolve().parents[1] / "fixtures" / "roundtrip.yaml"
    exported = tmp_path / f"events{EXPORTS[fmt].extension}"
    assert cli("export", "--format", fmt, "-f", str(original), "-o", str(exported)).code == 0
    new = tmp_path / "new.yaml"
    result = cli("import", str(exported), "-f", str(new))
    assert result.code == 0, result.output
    assert _whole(load(new)) == _whole(load(original))
    again = cli("import", str(exported), "-f", str(new))
    assert again.code == 0 and "added 0 events" in again.stdout and "2 already in the log as they are" in again.stdout


def test_a_timelinejs_export_imports_back_with_its_dates_and_words(cli: Any, seed_path: Path,
                                                                   tmp_path: Path) -> None:
    exported = tmp_path / "events.json"
    assert cli("export", "--format", "timelinejs", "-f", str(seed_path), "-o", str(exported)).code == 0
    new = tmp_path / "new.yaml"
    assert cli("import", str(exported), "--format", "timelinejs", "-f", str(new)).code == 0
    got = {r.id: (r.start, r.end, r.event.tags, r.event.actors) for r in load(new).records}
    want = {r.id: (r.start, r.end, r.event.tags, r.event.actors) for r in load(seed_path).records}
    assert got == want


@pytest.mark.parametrize("fmt", [*WHOLE, "timelinejs"])
def test_importing_the_same_file_twice_adds_nothing_the_second_time(cli: Any, seed_path: Path, tmp_path: Path,
                                                                     fmt: str) -> None:
    exported = tmp_path / f"events{EXPORTS[fmt].extension}"
    assert cli("export", "--format", fmt, "-f", str(seed_path), "-o", str(exported)).code == 0
    new = tmp_path / "new.yaml"
    assert cli("import", str(exported), "--format", fmt, "-f", str(new)).code == 0
    before = new.read_bytes()
    again = cli("import", str(exported), "--format", fmt, "-f", str(new))
    assert again.code == 0
    assert again.stdout == (f"{new}: added 0 events from {exported}; 8 already in the log as they are; {new} is "
                            "unchanged\n")
    assert new.read_bytes() == before


SHEET = "title,when,tags,notes\nLeike resigns,2024-05-15,departures,first\nSutskever leaves,2024-05-14,,\n"


def test_a_spreadsheet_without_ids_is_not_doubled_and_update_takes_its_values(cli: Any, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    log = tmp_path / "events.yaml"
    assert cli("import", str(sheet), "-f", str(log)).code == 0
    sheet.write_text(SHEET.replace("departures,first", "departures,second"), encoding="utf-8")
    before = log.read_text("utf-8")
    skipped = cli("import", str(sheet), "-f", str(log))
    assert skipped.code == 0
    assert skipped.stdout == (f"{log}: added 0 events from {sheet}; 1 already in the log as they are; skipped 1 "
                              f"already in the log with other values (--update takes the file's); {log} is "
                              "unchanged\n")
    assert log.read_text("utf-8") == before
    updated = cli("import", str(sheet), "--update", "-f", str(log))
    assert updated.code == 0
    assert updated.stdout == (f"{log}: added 0 events from {sheet}; updated 1; 1 already in the log as they are\n"
                              "  leike-resigns (updated)\n")
    after = log.read_text("utf-8")
    assert [line for line in after.splitlines() if line not in before.splitlines()] == ["    notes: second"]
    assert [r.id for r in load(log).records] == ["sutskever-leaves", "leike-resigns"]


def test_a_new_row_among_known_ones_is_the_only_one_added(cli: Any, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    log = tmp_path / "events.yaml"
    assert cli("import", str(sheet), "-f", str(log)).code == 0
    sheet.write_text(SHEET + "Schulman takes over,2024-05-16,,\n", encoding="utf-8")
    result = cli("import", str(sheet), "-f", str(log))
    assert result.stdout == (f"{log}: added 1 event from {sheet}; 2 already in the log as they are\n"
                             "  schulman-takes-over\n")
    assert len(load(log).records) == 3
