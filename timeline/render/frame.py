"""The records as a pandas DataFrame with fixed columns and dtypes, for Jupyter, parquet and charts.

Dates stay ISO 8601 strings with signed years (`2024-05-14`, `-0043-03-15`) because pandas Timestamps only reach
1677..2262 and never BCE. Next to each date string is an integer day number (`start_day`, ...: days since
1970-01-01, negative before) that sorts, subtracts and filters exactly for any year; where the years allow,
`pandas.to_datetime(df["start_day"], unit="D")` turns it into Timestamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .rows import COLUMNS as ROW_COLUMNS, record_row

if TYPE_CHECKING:
    import pandas

    from ..model import Log
    from ..model import Record

#: The date columns that get an integer day-number twin (`start` -> `start_day`).
DAY_COLUMNS = ("start", "end", "start_latest", "end_earliest")

#: Columns of the frame, in order: the normalized record (timeline.rows.COLUMNS), then the day numbers.
COLUMNS = (*ROW_COLUMNS, *(f"{name}_day" for name in DAY_COLUMNS))

_INTEGER = frozenset({"claims", "line", *(f"{name}_day" for name in DAY_COLUMNS)})
_LISTS = frozenset({"tags", "actors", "conflicts", "start_source", "end_source"})
_FLAGS = frozenset({"disputed"})

#: The dtype of every column: text as pandas' "string" (missing is <NA>), counts and day numbers as nullable
#: "Int64", `disputed` as "boolean", tags, actors, conflicts and the sources that set the bounds as Python lists
#: in an "object" column.
DTYPES: dict[str, str] = {
    name: "Int64" if name in _INTEGER else "object" if name in _LISTS else "boolean" if name in _FLAGS
    else "string" for name in COLUMNS
}


def frame_row(record: Record, log: Log) -> dict[str, Any]:
    """Give one record as a dict with the frame's COLUMNS keys."""
    row = record_row(record, log.sources)
    row["start_source"], row["end_source"] = list(record.start_source), list(record.end_source)  # always lists
    for name in DAY_COLUMNS:
        day = getattr(record, name)
        row[f"{name}_day"] = day.ordinal if day is not None else None
    return row


def to_frame(log: Log, records: Sequence[Record]) -> pandas.DataFrame:
    """Give the records as a DataFrame with the columns of COLUMNS and the dtypes of DTYPES, in record order."""
    import pandas

    rows = [frame_row(record, log) for record in records]
    data = {name: pandas.Series([row[name] for row in rows], dtype=DTYPES[name]) for name in COLUMNS}
    return pandas.DataFrame(data, columns=list(COLUMNS))
