"""Every format timeline writes, by name, in one table per kind of writer; a writer is imported on first use.

Three kinds of writer, three tables, one record (`Format`) and one way to reach a writer (`writer_of`):

- `ROWS`: flat rows -> text, for `timeline query --format` (timeline.render.formats);
- `REPORTS`: the report files of `timeline build` beside its page, in the order they are written:
  (log, rows) -> pieces of text (timeline.render.report);
- `EXPORTS`: (log, records) -> text or bytes, for `timeline export` (one module per format in timeline.exchange),
  each naming its reader where `timeline import` can read the format back.

As in tablib (`formats/__init__.py` registers 'tablib.formats._yaml.YAMLFormat' by dotted path), a table names
each writer's module and function as text, so the command line's choice lists and a cached `query` read the names
without importing a single writer (pandas, plotly and pyarrow stay unloaded), and adding a format is one line here
plus its module.

Why on the render floor: it is the lowest floor of the tables' users (render/build, exchange, cli), so each of
them imports it downward. It imports nothing of the package itself; the exchange modules it names are imported
only when exchange's own `export` (or `import_events`) asks for them, so no import runs upward at run time either.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module
from typing import Any, NamedTuple


class Format(NamedTuple):
    """One format: where its writer lives, as `module:function`, and what it writes (a NamedTuple, not a dataclass:
    a cached query reads this table and should not pay for importing dataclasses)."""

    writer: str  # "timeline.exchange.ics:write_ics"
    extension: str = ""  # the usual file extension (".ics"); "" for build's files, which are named already
    binary: bool = False  # bytes that cannot go to a terminal
    reader: str | None = None  # "module:function" that reads the format back, when `timeline import` can


ROWS: Mapping[str, Format] = {
    "table": Format("timeline.render.formats:to_table", ".txt"),
    "json": Format("timeline.render.formats:to_json", ".json"),
    "csv": Format("timeline.render.formats:to_csv", ".csv"),
    "md": Format("timeline.render.formats:to_markdown", ".md"),
    "jsonl": Format("timeline.render.formats:to_jsonl", ".jsonl"),
}

REPORTS: Mapping[str, Format] = {
    "report.html": Format("timeline.render.report:report_html"),
    "report.md": Format("timeline.render.report:report_md"),
    "report.csv": Format("timeline.render.report:report_csv"),
    "events.json": Format("timeline.render.report:events_json"),
}

EXPORTS: Mapping[str, Format] = {
    "csv": Format("timeline.exchange.tables:write_csv", ".csv", reader="timeline.exchange.imports:_read_csv"),
    "json": Format("timeline.exchange.tables:write_json", ".json", reader="timeline.exchange.imports:_read_json"),
    "jsonl": Format("timeline.exchange.tables:write_jsonl", ".jsonl", reader="timeline.exchange.imports:_read_jsonl"),
    "parquet": Format("timeline.exchange.tables:write_parquet", ".parquet", binary=True),
    "edtf": Format("timeline.exchange.tables:write_edtf", ".tsv"),
    "timelinejs": Format("timeline.exchange.timelinejs:write_timelinejs", ".json",
                         reader="timeline.exchange.imports:_read_timelinejs"),
    "vis": Format("timeline.exchange.vis:write_vis", ".json"),
    "ics": Format("timeline.exchange.ics:write_ics", ".ics"),
}

#: The formats `timeline import` reads, by name, in the order its messages list them.
IMPORTS: Mapping[str, str] = {name: fmt.reader for name, fmt in EXPORTS.items() if fmt.reader}


@cache
def resolve(path: str) -> Callable[..., Any]:
    """Give the function named by `module:function`, importing its module (once)."""
    module, _, name = path.partition(":")
    found: Callable[..., Any] = getattr(import_module(module), name)
    return found


def writer_of(fmt: Format) -> Callable[..., Any]:
    """Give a format's writer, importing its module on first use."""
    return resolve(fmt.writer)
