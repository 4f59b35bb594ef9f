"""Range queries answered from the cache's indexes give exactly what a scan of the log's records gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import timeline
from timeline.cache import query_rows
from timeline.calendar import Day
from timeline.render.rows import record_row

HERE = Path(__file__).resolve().parent

# Rows the index on the first day cannot bound: open-ended, decades, a century, spans of years.
LONG_ROWS = """\
title: long rows
sources:
  s1:
    published: "2020-05-17"
events:
  - {id: decade, title: decade, when: the 1990s}
  - {id: vague, title: vague, when: recently, source: s1}
  - {id: short, title: short, when: "2020-03-04", tags: [x]}
  - {id: century, title: century, when: the 20th century}
  - {id: span, title: long span, when: "2001-01-01", until: "2019-12-31"}
  - {id: year, title: year, when: "2020", tags: [x, y]}
  - {id: open, title: open, when: "2010-05-01", until: recently, source: s1, actors: [Björk]}
"""


def _synth_log(tmp: Path) -> Path:
    import synth  # tests/ holds conftest.py, so pytest puts it on sys.path

    return synth.write(300, tmp / "synth.yaml")  # type: ignore[no-any-return]


def _day(rng: random.Random) -> Day | None:
    if rng.random() < 0.15:
        return None
    return Day.parse(f"{rng.randrange(1895, 2027)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")


@pytest.mark.parametrize("which", ["synthetic", "long rows"])
def test_cached_ranges_match_a_scan(which: str, tmp_path: Path) -> None:
    if which == "synthetic":
        path = _synth_log(tmp_path)
    else:
        path = tmp_path / "long.yaml"
        path.write_text(LONG_ROWS, encoding="utf-8")
    log = timeline.load(path)
    rng = random.Random(which)
    for n in range(150):
        start, end = _day(rng), _day(rng)
        if start and end and end < start:
            start, end = end, start
        within = rng.random() < 0.4
        tags = rng.sample(["x", "Y", "safety", "courts", "none"], rng.randrange(0, 2))
        actors = rng.sample(["björk", "OpenAI", "nobody"], rng.randrange(0, 2))
        expected = [record_row(r, log.sources)
                    for r in log.query(start, end, within=within, tags=tags, actors=actors)]
        # from the file; now and then from the in-memory table used when no cache can be written (a full load)
        for cache_dir in (tmp_path / "cache", None) if n % 30 == 0 else (tmp_path / "cache",):
            got = query_rows(path, cache_dir=cache_dir, start=start, end=end, within=within, tags=tags,
                             actors=actors)
            assert got == expected, (start, end, within, tags, actors)
