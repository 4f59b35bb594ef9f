"""The vertical chronology a phone shows instead of the chart, as data: one entry per event in date order, with its
group (month or year), precision mark and date words, and what a tap opens (quote, source, how the date was read,
the source's link). The page's script lays it out; the "as known on" control carries the entries that differ at
each of its stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .report import source_name, source_names
from .rows import credit_words, drawn_days
from .words import counted_from_words
from ..calendar import MONTH_NAMES, Day, year_words
from ..safety import safe_url, strip_invisible

if TYPE_CHECKING:
    from ..model import Log
    from ..model import Record

#: The id of the page's JSON block holding the chronology's entries (parsed only when a phone or a tap needs them).
CHRONO_ID = "timeline-chrono"

_KIND_MARK = {"exact": ("\u25cf", "exact day"), "uncertain": ("\u25c7", "uncertain"), "span": ("\u25ac", "span"),
              "open": ("\u25b8", "open-ended")}


def _mark_kind(record: Record) -> str:
    if record.start is None or record.end is None:
        return "open"
    if record.kind == "span":
        return "span"
    return "exact" if record.start == record.end else "uncertain"


def _group(record: Record, days: tuple[Day, Day] | None) -> str:
    """Give the heading an event is listed under: its month ("May 2024"), or its year ("1987") when all that is
    known of when it happened (of a span: when it began) is a band wider than a month (an event of "1987" is not
    one of January's)."""
    if not days:
        return "Undated"
    last = days[1]
    if record.kind == "span" and record.start is not None:
        last = record.start_latest or record.start
    (y1, m1, _), (y2, m2, _) = days[0].ymd, last.ymd
    if (y1, m1) == (y2, m2):
        return f"{MONTH_NAMES[m1 - 1]} {year_words(y1)}"
    return year_words(y1)


def chronology_data(log: Log, records: Sequence[Record], rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Give the entries of the vertical chronology a phone shows instead of the chart, one per event in date order:
    its group (the month), precision mark and date, and what a tap opens: its quote, source and credit, and the
    source's link. The page's script lays them out (lazily: a page of 10,000 events lays out what is scrolled
    near) with textContent only, so no text from the log is ever read as HTML; a tap on a chart's mark shows the
    same details. Each source's line, link and name is written once, in `sources`, and an entry gives its index;
    its title is the one in the page's `events` (the same order)."""
    names = source_names(log)
    titles = {r.id: strip_invisible(r.event.title) for r in log.records}
    out = []
    cited: dict[tuple[str, str | None, str], int] = {}
    for record, row in zip(records, rows, strict=True):
        days = drawn_days(record)
        kind = _mark_kind(record)
        mark, how = _KIND_MARK[kind]
        if kind == "open":
            mark = "\u25c2" if record.start is None else "\u25b8"
        if kind == "uncertain":
            how = f"uncertain, to the {row['precision']}"
        source = source_name(row)
        published = f", {row['published']}" if row.get("published") else ""
        publisher = f" ({strip_invisible(row['publisher'])})" if row.get("publisher") else ""
        credit = credit_words(row["start_source"], row["end_source"], lambda sid: names.get(sid, sid)) \
            if row["claims"] > 1 else ""
        item: dict[str, Any] = {
            "id": record.id,
            "g": _group(record, days),
            "k": kind, "m": mark, "d": row["display"], "h": how,
            "q": strip_invisible(row["quote"] or ""),
            "s": cited.setdefault((f"{source}{publisher}{published}" if source else "",
                                   safe_url(row.get("url") or ""), source or "link"), len(cited)),
            "r": f"Read from \u201c{strip_invisible(row['phrase'])}\u201d{'; ' + credit if credit else ''}.",
        }
        counted = counted_from_words(record, lambda eid: titles.get(eid) or eid)
        if counted:  # "two days after: The board removes Sam Altman"
            item["c"] = counted
        if record.own.claim.tense == "future":
            item["p"] = 1
        out.append(item)
    return {"sources": [list(k) for k in cited], "entries": out}


def resolved(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Give chronology_data's entries by id, each with its source's line, link and name in place of the index."""
    out = {}
    for entry in data["entries"]:
        line, url, name = data["sources"][entry["s"]]
        out[entry["id"]] = {**entry, "s": line, "u": url, "n": name}
    return out
