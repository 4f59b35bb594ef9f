"""The normalized records for other programs: `csv`, `json`, `jsonl` (the columns of timeline.render.rows.COLUMNS,
`edtf` among them), `parquet` (a typed table of timeline.render.frame.COLUMNS for pandas, Polars, DuckDB, Spark)
and `edtf` (one `id<TAB>edtf` line per event, for catalogues that speak Extended Date/Time Format)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..dates.edtf import event_edtf
from ..errors import UsageError
from ..model import Claim, Record, Source
from ..render.formats import to_csv, to_json, to_jsonl
from ..render.rows import COLUMNS as ROW_COLUMNS, rows_of
from ..version import __version__
from ..render.frame import COLUMNS, DTYPES, to_frame

if TYPE_CHECKING:
    from ..model import Log


#: What an export carries beyond the normalized record, so that `timeline import` gives the log back whole: the
#: claim's tense and anchor as written, the event's other claims, and every source it cites as written.
EXPORT_COLUMNS = ("tense", "given_anchor", "given_relative_to", "given_for", "more_claims", "cited_sources")
#: The columns of EXPORT_COLUMNS that hold structure: JSON text in a CSV cell.
JSON_COLUMNS = ("more_claims", "cited_sources")


def _claim_written(claim: Claim) -> dict[str, Any]:
    """Give a claim with the keys it was written with (the log's defaults left out)."""
    fields = {"when": claim.when, "until": claim.until, "source": claim.source, "anchor": claim.anchor,
              "tense": claim.tense if claim.tense != "past" else None, "quote": claim.quote or None,
              "relative_to": claim.relative_to, "for": claim.duration}
    return {k: v for k, v in fields.items() if v is not None}


def _source_written(source: Source) -> dict[str, Any]:
    published = source.published_at or (source.published.iso() if source.published else None)
    fields = {"title": source.title, "publisher": source.publisher, "url": source.url, "published": published,
              "timezone": source.timezone, "date_order": source.date_order, "notes": source.notes}
    return {k: v for k, v in fields.items() if v}


def export_rows(log: Log, records: Sequence[Record]) -> list[dict[str, Any]]:
    """Give the rows of an export: the normalized record (timeline.rows.COLUMNS), then EXPORT_COLUMNS."""
    rows = rows_of(records, log.sources)
    for row, record in zip(rows, records, strict=True):
        claim = record.own.claim
        cited = dict.fromkeys(c.source for c in record.event.claims if c.source)
        row["tense"] = claim.tense
        row["given_anchor"] = claim.anchor
        row["given_relative_to"] = claim.relative_to
        row["given_for"] = claim.duration
        row["more_claims"] = [_claim_written(c) for c in record.event.claims[1:]]
        row["cited_sources"] = {sid: _source_written(log.sources[sid]) for sid in cited if sid in log.sources}
    return rows


def write_csv(log: Log, records: Sequence[Record]) -> str:
    """Give the records as CSV (header: timeline.rows.COLUMNS, then EXPORT_COLUMNS; formula-like cells
    neutralised; JSON_COLUMNS as JSON text)."""
    rows = export_rows(log, records)
    for row in rows:
        for name in JSON_COLUMNS:
            row[name] = json.dumps(row[name], ensure_ascii=False) if row[name] else ""
    return to_csv(rows, (*ROW_COLUMNS, *EXPORT_COLUMNS))


def write_json(log: Log, records: Sequence[Record]) -> str:
    """Give the records as a JSON list of objects with the timeline.rows.COLUMNS keys, then EXPORT_COLUMNS."""
    return to_json(export_rows(log, records))


def write_jsonl(log: Log, records: Sequence[Record]) -> str:
    """Give the records as JSON Lines, one object a line (the keys of write_json)."""
    return to_jsonl(export_rows(log, records))


def write_parquet(log: Log, records: Sequence[Record]) -> bytes:
    """Give the records as Parquet bytes: the columns of timeline.frame.COLUMNS with a fixed Arrow schema.

    Text is `string`, counts and day numbers `int64`, tags, actors and start_source/end_source
    `list<string>`: the schema is the same
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


def instant_phrase(text: str, zone: str | None) -> str:
    """Give an exported instant as a `when`: "2024-05-17 21:39 America/Los_Angeles" when its zone shows that
    offset then (so the zone comes back too), else the ISO instant itself."""
    from datetime import datetime

    from ..dates.times import _tz

    moment = datetime.fromisoformat(text)
    if zone and zone[0] not in "+-" and moment.tzinfo is not None:
        try:
            if moment.astimezone(_tz(zone)).utcoffset() == moment.utcoffset():
                return f"{moment:%Y-%m-%d %H:%M} {zone}"
        except Exception:  # an unknown zone name in a hand-edited file: keep the instant
            pass
    return text


def timed_phrases(record: Record, when: str, until: str | None) -> tuple[str, str | None]:
    """Give a record's (when, until) with its instants where it has them, so an import gives the times back: a
    clock time is its instant, a part of the day the span of its hours, a span's timed end its instant."""
    first = instant_phrase(record.start_at, record.zone) if record.start_at else None
    last = instant_phrase(record.end_at, record.zone) if record.end_at else None
    if record.kind == "span":
        return first or when, last or until
    if first is None or last is None:
        return when, until
    if record.start_at == record.end_at:
        return first, None
    return (_daypart_phrase(record) or first), (None if _daypart_phrase(record) else last)


def _daypart_phrase(record: Record) -> str | None:
    """Give a point over a part of the day as its day, part and zone ("2024-05-17 morning America/New_York"),
    so it comes back a point, when its hours are one of the parts of the day; else None."""
    from datetime import datetime

    from ..dates.clock import DAYPARTS

    if record.start_at is None or record.end_at is None or record.start is None or record.zone is None \
            or record.zone[0] in "+-":  # a fixed offset is read only after a clock time
        return None
    first, last = datetime.fromisoformat(record.start_at), datetime.fromisoformat(record.end_at)
    if first.minute or last.minute or first.date().isoformat() != record.start.iso():
        return None
    hours = (first.hour, last.hour + 24 * (last.date() - first.date()).days)
    part = next((name for name, span in DAYPARTS.items() if (span.start, span.end) == hours and " " not in name
                 and name not in ("early", "late")), None)
    return f"{record.start.iso()} {part} {record.zone}" if part else None
