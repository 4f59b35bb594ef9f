"""The tabular report of a log: report.html, report.md, report.csv and events.json, one writer each.

Every writer takes the same flat rows (`timeline.rows.record_row`), so the four files, `timeline query` and the
table on the timeline page all show the same events in the same order. Text from the log may be hostile: HTML is
escaped here with `html.escape`, links are ours and only http(s)/mailto (`safety.safe_url`), Markdown cells go
through `safety.md_cell`, CSV cells through `formats.to_csv` (formula neutralising).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .formats import cell_text, to_csv
from .rows import credit_words
from ..safety import esc, flat_text, md_cell
from ..safety import safe_url

if TYPE_CHECKING:
    from ..model import Log

Row = dict[str, Any]
#: A report writer, named by file in timeline.render.registry.REPORTS: (log, rows) -> pieces of text, written one
#: after another so that a report of 100,000 events never has to sit in memory whole (see `storage.replace`).
Writer = Callable[["Log", Sequence[Row]], Iterator[str]]


def _clean(value: Any) -> str:
    """Give a cell's text without control or bidi override characters, whitespace collapsed."""
    return _clean_text(cell_text(value))


@lru_cache(maxsize=65536)
def _clean_text(text: str) -> str:
    # remembered: tags, actors, sources and dates repeat across thousands of rows
    return flat_text(text)


@lru_cache(maxsize=65536)
def _h(text: str | None) -> str:
    """Give short repeated text (dates, tags, actors) cleaned and escaped for HTML, remembered."""
    return esc(_clean_text(text or ""))


@lru_cache(maxsize=65536)
def _md(text: str) -> str:
    """Give `safety.md_cell(text)`, remembered for the same reason as `_clean_text`."""
    return md_cell(text)


def phrase_words(row: Row, names: Mapping[str, str] | None = None) -> str:
    """Give the phrase as written and how it was resolved, in plain words; a reconciled date says which sources
    set its bounds (by their titles in `names`, else their ids)."""
    phrase = f"\u201c{_clean(row['phrase'])}\u201d"
    if row.get("until_phrase"):
        phrase += f" until \u201c{_clean(row['until_phrase'])}\u201d"
    how = _clean(row.get("explanation")) or _clean(row.get("rule"))
    text = f"{phrase}: {how}" if how else phrase
    if row.get("claims", 1) > 1 and not row.get("disputed"):
        named = names or {}
        credit = credit_words(row.get("start_source"), row.get("end_source"),
                              lambda sid: _clean(named.get(sid)) or sid)
        text += f" ({row['claims']} claims reconciled" + (f"; {credit}" if credit else "") + ")"
    if row.get("disputed"):
        text += f"; disputed: {dispute_words(row)}"
    return text


def source_names(log: Log) -> dict[str, str]:
    """Give each source id's title (its id when untitled), for the words that credit a date."""
    return {sid: source.title or sid for sid, source in log.sources.items()}


def dispute_words(row: Row) -> str:
    """Give what each claim of a disputed row's conflicts says, once each in line order, with its source's date:
    'a (published 2024-05-15) says 2024-05-13..2024-05-14 (line 15); c (...) says 2024-05-10 (line 20)'."""
    claims = {c.get("line"): c for pair in row.get("conflicts") or () for c in pair}

    def said(claim: dict[str, Any]) -> str:
        who = _clean(claim.get("source")) or "the log itself"
        if claim.get("published"):
            who += f" (published {claim['published']})"
        lo, hi = claim.get("start") or "...", claim.get("end") or "..."
        return f"{who} says {lo if lo == hi else lo + '..' + hi} (line {claim.get('line')})"

    return "; ".join(said(claims[line]) for line in sorted(claims, key=lambda n: n or 0))


def source_name(row: Row) -> str:
    """Give the name a reader sees for a row's source: its title, else its id."""
    return _clean(row.get("source_title")) or _clean(row.get("source"))


# --- HTML ------------------------------------------------------------------------------------------------------

TABLE_HEADERS = ("Date", "Precision", "Event", "Tags", "Actors", "Source", "Quote", "Phrase, and how it was read")


def _link(url: str, text: str) -> str:
    """Give an <a> to a safe URL, or just the escaped text when the URL is not http(s)/mailto."""
    href = safe_url(url or "")
    if not href or not text:
        return esc(text)
    # a new tab: the page (and its view, in its address) stays where the reader left it
    return f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer nofollow">{esc(text)}</a>'


COLGROUP = ('<colgroup><col class="date"><col class="short"><col class="event"><col class="tags">'
            '<col class="actors"><col class="source"><col class="quote"><col class="phrase"></colgroup>')


def table_html(rows: Sequence[Row], *, caption: str, table_id: str = "events",
               names: Mapping[str, str] | None = None) -> str:
    """Give the accessible HTML table of rows: a caption, column headers, one row header per event."""
    return "".join(table_chunks(rows, caption=caption, table_id=table_id, names=names))


def table_chunks(rows: Sequence[Row], *, caption: str, table_id: str = "events",
                 names: Mapping[str, str] | None = None) -> Iterator[str]:
    """Give the pieces of `table_html`: the head, then one table row per event."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in TABLE_HEADERS)
    yield (f'<table id="{esc(table_id)}"><caption>{esc(caption)}</caption>\n{COLGROUP}\n'
           f"<thead><tr>{head}</tr></thead>\n<tbody>\n")
    for row in rows:
        source = source_name(row)
        published = f' <span class="published">({esc(row["published"])})</span>' if row.get("published") else ""
        quote = _clean(row.get("quote"))
        yield (
            f'<tr{DISPUTED_ROW if row.get("disputed") else ""}><td class="date">{_h(row["display"])}</td>'
            f'<td class="short" data-label="Precision">{_h(row["precision"])}</td>'
            f'<th scope="row" id="ev-{esc(row["id"])}">{esc(_clean(row["title"]))}'
            f'<br><span class="id">{_h(row["id"])}</span></th>'
            f'<td data-label="Tags">{_h(cell_text(row["tags"]))}</td>'
            f'<td data-label="Actors">{_h(cell_text(row["actors"]))}</td>'
            f'<td data-label="Source">{_link(row.get("url") or "", source)}{published if source else ""}</td>'
            f'<td class="quote">{esc(chr(0x201c) + quote + chr(0x201d)) if quote else ""}</td>'
            f'<td data-label="Read as">{esc(phrase_words(row, names))}</td></tr>\n')
    yield "</tbody></table>\n"


#: How a disputed row is marked in the HTML table (its display date says "(disputed)" in words too).
DISPUTED_ROW = ' class="disputed"'

TABLE_CSS = """
/* the colours of both themes, by the reader's system setting; every text colour passes WCAG AA (4.5:1) on its
   background in both, and print is always the light one */
:root { color-scheme: light dark; --bg: #fff; --fg: #222; --muted: #4a4a4a; --link: #1a4d99; --border: #ccd;
        --border-strong: #8a93a3; --head-bg: #eef1f5; --notice-bg: #fff6e0; --button-bg: #f4f6f9;
        --pressed-bg: #1f4e9c; --pressed-fg: #fff; --exact: #1f4e9c; --uncertain: #a8550a; --span: #1b7a5a;
        --open: #7a3e9d; --disputed-bg: #fdecea; --disputed-fg: #8c1d18; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181d; --fg: #e6e8ec; --muted: #b8bec8; --link: #8ab4ff; --border: #3a3f48;
          --border-strong: #6b7380; --head-bg: #232730; --notice-bg: #2b2416; --button-bg: #232730;
          --pressed-bg: #8ab4ff; --pressed-fg: #0b1a33; --exact: #8ab4ff; --uncertain: #f2a65a; --span: #4fd1a1;
          --open: #c99af0; --disputed-bg: #3a1c1a; --disputed-fg: #ffb4ab; }
}
body { background: var(--bg); color: var(--fg); }
/* fixed layout: column widths do not depend on the text (one long URL cannot squeeze the rest), and a table of
   thousands of rows lays out without measuring every cell first */
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; table-layout: fixed; min-width: 52rem; }
col.date { width: 10%; } col.short { width: 7%; } col.event { width: 17%; } col.tags { width: 10%; }
col.actors { width: 10%; } col.source { width: 13%; } col.quote { width: 19%; } col.phrase { width: 14%; }
caption { text-align: left; font-weight: 600; padding: 0.4rem 0; }
th, td { border: 1px solid var(--border); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
/* short columns never break inside a word; the long ones break a word only when it cannot fit a line (a URL) */
td.date, td.short { overflow-wrap: normal; }
thead th { background: var(--head-bg); position: sticky; top: 0; }
tbody th { font-weight: 600; }
.id, .published { color: var(--muted); font-weight: normal; font-size: 0.85em; }
td.quote { font-style: italic; }
tr.disputed td.date { background: var(--disputed-bg); }
tr.disputed td.date { color: var(--disputed-fg); font-weight: 600; }
a { color: var(--link); }
a:focus, .table-wrap:focus { outline: 3px solid #f0a020; outline-offset: 1px; }
.table-wrap { overflow-x: auto; }
@media (max-width: 700px) { table { font-size: 0.88rem; } }
/* a phone shows each event as a card of labelled lines: no sideways scrolling, no word broken mid-word */
@media (max-width: 599.98px) {
  table { min-width: 0; }
  table, tbody, tr, th, td, caption { display: block; width: auto; }
  thead, colgroup { display: none; }
  tbody tr { border: 1px solid var(--border); border-radius: 4px; margin: 0 0 0.6rem; padding: 0.2rem 0; }
  tbody tr[hidden] { display: none; }
  th, td { border: none; padding: 0.15rem 0.6rem; }
  td:empty { display: none; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; font-style: normal; }
}
/* on paper: landscape gives the eight columns room; link targets stay in report.csv (printed after each link
   they made the source column three times taller) */
@page { size: landscape; margin: 12mm; }
@media print {
  :root { --bg: #fff; --fg: #222; --muted: #4a4a4a; --link: #1a4d99; --border: #ccd; --head-bg: #eef1f5;
          --notice-bg: #fff6e0; color-scheme: light; }
  .table-wrap { overflow: visible; }
  thead th { position: static; }
  a { color: inherit; }
}
"""


def table_summary(log: Log, rows: Sequence[Row], listed: int | None = None) -> str:
    """Give the caption of the events table (of its first `listed` rows, when it lists only those)."""
    total = len(log.records)
    shown = len(rows)
    counted = f"{shown:,} event{'s' if shown != 1 else ''}"
    if listed is not None and listed < shown:
        counted = f"the first {listed:,} of {counted}"
    if shown != total:
        counted += f" of {total:,} (filtered)"
    return f"Events of {_clean(log.title) or 'the log'}: {counted}, in date order"


#: Events the tables of report.html and report.md list at most. A table of 100,000 rows is nobody's report (67 MB
#: of HTML a browser takes minutes to lay out, 33 MB of Markdown no viewer renders); above this, the two list the
#: first REPORT_TABLE_MAX events in date order and say that every event is in report.csv and events.json, which
#: always hold them all. At or below it, the reports are exactly what they were.
REPORT_TABLE_MAX = 10_000


def _listed(log: Log, rows: Sequence[Row]) -> tuple[Sequence[Row], str, str | None]:
    """Give (the rows a report's table lists, its caption, the notice of the rows left out or None)."""
    if len(rows) <= REPORT_TABLE_MAX:
        return rows, table_summary(log, rows), None
    notice = (f"This report lists the first {REPORT_TABLE_MAX:,} of {len(rows):,} events, in date order: every "
              f"event is in {REST[0]} and {REST[1]} next to it. Filter the build (--from/--to/--tag) for a report "
              "that lists each one.")
    return rows[:REPORT_TABLE_MAX], table_summary(log, rows, REPORT_TABLE_MAX), notice


#: The reports that always hold every event, named by the notice of a report that lists only some.
REST = ("report.csv", "events.json")


def report_html(log: Log, rows: Sequence[Row]) -> Iterator[str]:
    """Give report.html: the log's title, description and the events table (up to REPORT_TABLE_MAX events, with
    a notice of the rest), needing nothing else."""
    title = _clean(log.title) or "Timeline"
    description = f"<p>{esc(_clean(log.description))}</p>\n" if log.description else ""
    listed, caption, notice = _listed(log, rows)
    notice_css = ".notice { background: var(--notice-bg); padding: 0.5rem 0.75rem; }\n" if notice else ""
    notice_html = ""
    if notice:
        linked = esc(notice)
        for name in REST:
            linked = linked.replace(name, f'<a href="{name}">{name}</a>', 1)
        notice_html = f'<p class="notice">{linked}</p>\n'
    yield (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}: report</title>\n<style>\n"
        "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 1rem auto; "
        "max-width: 90rem; padding: 0 1rem; line-height: 1.4; }\n"
        f"{TABLE_CSS}{notice_css}</style>\n</head>\n<body>\n<main>\n<h1>{esc(title)}</h1>\n{description}{notice_html}"
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Events table">\n'
    )
    yield from table_chunks(listed, caption=caption, names=source_names(log))
    yield "</div>\n</main>\n</body>\n</html>\n"


# --- Markdown --------------------------------------------------------------------------------------------------

#: Characters of a URL that would end a Markdown link or split a table cell, and their percent forms.
_MD_URL = str.maketrans({"|": "%7C", "(": "%28", ")": "%29", "[": "%5B", "]": "%5D", " ": "%20"})


def _md_link(url: str, text: str) -> str:
    href = safe_url(url or "")
    if not href or not text:
        return _md(text)
    return f"[{_md(text)}](<{href.translate(_MD_URL)}>)"


def report_md(log: Log, rows: Sequence[Row]) -> Iterator[str]:
    """Give report.md: a heading, the description, and a Markdown table of every event (up to REPORT_TABLE_MAX,
    with a notice of the rest)."""
    headers = TABLE_HEADERS
    names = source_names(log)
    listed, caption, notice = _listed(log, rows)
    lines = [f"# {_md(log.title) or 'Timeline'}", ""]
    if log.description:
        lines += [_md(log.description), ""]
    lines += [_md(caption) + ".", ""]
    if notice:
        lines += [_md(notice), ""]
    lines += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    yield "\n".join(lines) + "\n"
    for row in listed:
        quote = _clean(row.get("quote"))
        cells = (
            _md(cell_text(row["display"])), _md(cell_text(row["precision"])),
            f"**{_md(cell_text(row['title']))}** ({_md(cell_text(row['id']))})",
            _md(cell_text(row["tags"])), _md(cell_text(row["actors"])),
            _md_link(row.get("url") or "", source_name(row)),
            _md(f"\u201c{quote}\u201d") if quote else "",
            _md(phrase_words(row, names)),
        )
        yield "| " + " | ".join(cells) + " |\n"


# --- CSV and JSON ----------------------------------------------------------------------------------------------

def report_csv(log: Log, rows: Sequence[Row]) -> Iterator[str]:
    """Give report.csv: every column of every row, formulas neutralised (`formats.to_csv`), a batch at a time."""
    yield to_csv(rows[:CSV_BATCH])
    for start in range(CSV_BATCH, len(rows), CSV_BATCH):
        yield to_csv(rows[start:start + CSV_BATCH]).split("\r\n", 1)[1]  # without its header line


#: Rows given to `formats.to_csv` at once.
CSV_BATCH = 2000


def events_json(log: Log, rows: Sequence[Row]) -> Iterator[str]:
    """Give events.json: a JSON list of the rows, one event per line, keys in the fixed column order.

    One line per event diffs well in git, and lets json.dumps use its C encoder (indent= makes it pure Python,
    about ten times slower on a large log).
    """
    if not rows:
        yield "[]\n"
        return
    last = len(rows) - 1
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(row, ensure_ascii=False) makes anew per row
    yield "[\n"
    for i, row in enumerate(rows):
        yield encode(row) + (",\n" if i < last else "\n]\n")
