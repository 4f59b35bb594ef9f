"""The normalized records for other programs: `csv`, `json`, `jsonl` (the columns of timeline.render.rows.COLUMNS,
`edtf` among them), `parquet` (a typed table of timeline.render.frame.COLUMNS for pandas, Polars, DuckDB, Spark)
and `edtf` (one `id<TAB>edtf` line per event, for catalogues that speak Extended Date/Time Format)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..dates.edtf import event_edtf
from ..errors import UsageError
from ..model import Record
from ..render.formats import to_csv, to_json, to_jsonl
from ..render.rows import rows_of
from ..version import __version__
from ..render.frame import COLUMNS, DTYPES, to_frame

if TYPE_CHECKING:
    from ..model import Log


def write_csv(log: Log, records: Sequence[Record]) -> str:
    """Give the normalized records as CSV (header of timeline.rows.COLUMNS; formula-like cells neutralised)."""
    return to_csv(rows_of(records, log.sources))


def write_json(log: Log, records: Sequence[Record]) -> str:
    """Give the normalized records as a JSON list of objects with the timeline.rows.COLUMNS keys."""
    return to_json(rows_of(records, log.sources))


def write_jsonl(log: Log, records: Sequence[Record]) -> str:
    """Give the normalized records as JSON Lines, one object with the timeline.rows.COLUMNS keys a line."""
    return to_jsonl(rows_of(records, log.sources))


def write_parquet(log: Log, records: Sequence[Record]) -> bytes:
    """Give the records as Parquet bytes: the columns of timeline.frame.COLUMNS with a fixed Arrow schema.

    Text is `string`, counts and day numbers `int64`, tags and actors `list<string>`: the schema is the same
    for an empty export as for a full one.
    """
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError("the parquet format needs the pyarrow package: pip install pyarrow") from None

    arrow_type = {"string": pyarrow.string(), "Int64": pyarrow.int64(), "object": pyarrow.list_(pyarrow.string()),
                  "boolean": pyarrow.bool_()}
    claim = pyarrow.struct([("source", pyarrow.string()), ("published", pyarrow.string()),
                            ("line", pyarrow.int64()), ("when", pyarrow.string()), ("until", pyarrow.string()),
                            ("start", pyarrow.string()), ("end", pyarrow.string())])
    # a disputed record's pairs of claims that cannot both be true (rows.claim_json), typed like the rest
    special = {"conflicts": pyarrow.list_(pyarrow.list_(claim))}
    schema = pyarrow.schema([(name, special.get(name) or arrow_type[DTYPES[name]]) for name in COLUMNS])
    table = pyarrow.Table.from_pandas(to_frame(log, records), schema=schema, preserve_index=False)
    table = table.replace_schema_metadata({"timeline": json.dumps({"title": log.title, "version": __version__})})
    sink = io.BytesIO()
    pyarrow.parquet.write_table(table, sink)
    return sink.getvalue()


def write_edtf(log: Log, records: Sequence[Record]) -> str:
    """Give one line per record, `id<TAB>edtf`, in record order (ids never hold tabs; no header line).

    Examples: `superalignment-formed<TAB>2023-07-05`, `leike-resigns<TAB>2024-05-13/2024-05-16`,
    `caesar-dies<TAB>-0043-03-15`, `openai-founded<TAB>2015-12`.
    """
    return "".join(f"{r.id}\t{event_edtf(r)}\n" for r in records)
