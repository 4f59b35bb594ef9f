"""tag, draft: the dates of a text, and an article's dated sentences as draft events."""

from __future__ import annotations

import bisect
import json
import sys
from pathlib import Path
from typing import Any

import typer

from ..errors import UsageError
from . import FILE_OPTION, app, limits, out, today


def _read_input(name: str) -> bytes:
    """Give the bytes of FILE, or of stdin for "-", refusing more than an article's worth before reading it."""
    from ..errors import ArticleError, StorageError
    from ..exchange.article import MAX_ARTICLE_BYTES

    if name == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
    else:
        path = Path(name)
        try:
            size = path.stat().st_size
            if size > MAX_ARTICLE_BYTES:
                raise ArticleError(f"{size:,} bytes is more than an article ({MAX_ARTICLE_BYTES:,} at most); "
                                   "give the article alone", path=name)
            with path.open("rb") as handle:  # a stream (/dev/zero, a pipe) has no size: read only up to the limit
                data = handle.read(MAX_ARTICLE_BYTES + 1)
        except FileNotFoundError:
            raise StorageError("no such file", path=name) from None
        except IsADirectoryError:
            raise StorageError("is a folder, not a file", path=name) from None
        except PermissionError:
            raise StorageError("permission denied; check the file's permissions", path=name) from None
        except OSError as exc:
            raise StorageError(f"cannot read: {exc.strerror or exc}", path=name) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"more than an article ({MAX_ARTICLE_BYTES:,} bytes at most); give the article alone",
                           path=name)
    return data


def _day(text: str | None, option: str):  # type: ignore[no-untyped-def]
    from ..calendar import Day

    if text is None:
        return None
    try:
        return Day.parse(text[:10] if len(text) > 10 and text[10] in "T " else text)
    except ValueError as exc:
        raise UsageError(f"{option} {exc}; write it as YYYY-MM-DD") from None


@app.command("tag")
def tag_command(
    file: str = typer.Argument("-", metavar="[FILE | -]", help="The text to tag (default -: stdin)."),
    anchor: str | None = typer.Option(None, "--anchor", help="The story's date, YYYY-MM-DD, that relative dates "
                                                              "are read against (default today)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of the mentions."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Read {"text": ..., "anchor": ...} lines on stdin, write '
                                                      '{"mentions": [...]} lines.'),
) -> None:
    """Print every date and time expression in a text: offsets, words, TIMEX3 type and value, resolved bounds."""
    from ..dates.tag import tag
    from ..exchange.article import read_text
    from ..safety import visible

    if jsonl:
        from ..dates.batch import bounded_lines
        from ..exchange.article import MAX_ARTICLE_BYTES

        lines = bounded_lines(sys.stdin.buffer, limits().max_bytes, 4 * MAX_ARTICLE_BYTES)
        failed = _tag_lines(lines, _day(anchor, "--anchor"))
        raise typer.Exit(1 if failed else 0)
    text = read_text(_read_input(file), name=file)
    day = _day(anchor, "--anchor") or today()
    mentions = tag(text, day)
    if as_json:
        out(json.dumps([m.as_json() for m in mentions], ensure_ascii=False, indent=2) + "\n")
        return
    breaks = [i for i, c in enumerate(text) if c == "\n"] if mentions else []
    for m in mentions:
        data = m.as_json()
        line = bisect.bisect_left(breaks, m.start) + 1
        col = m.start - (breaks[line - 2] + 1 if line > 1 else 0) + 1
        if data["start_at"]:  # a time of day: its instants
            at, until = data["start_at"], data["end_at"]
            bounds = at if at == until else f"{at} .. {until}"
        else:
            bounds = f"{data['start_day'] or '..'} .. {data['end_day'] or '..'}" if m.resolved else ""
        detail = f"  {bounds}  {data['precision']}  {data['rule']}" if m.resolved else f"  {data['rule']}"
        out(visible(f"{f'{line}:{col}':<8} {f'{m.start}-{m.end}':<11} {m.type:<8} {m.value:<16} {m.text!r}{detail}")
            + "\n")


def _tag_lines(lines: Any, default_anchor: Any) -> int:
    """Tag JSON lines from `lines`, writing one JSON line each, in order; give how many failed."""
    from ..dates.batch import read_line
    from ..dates.tag import tag
    from ..errors import TimelineError

    failed = 0
    for number, line in enumerate(lines, 1):
        try:
            item, anchor_text = read_line(line)
            anchor = _day(anchor_text, '"anchor"') if anchor_text else default_anchor
            result: dict[str, Any] = {"mentions": [m.as_json() for m in tag(item["text"], anchor)]}
        except (ValueError, TimelineError) as exc:  # json, anchor and text errors alike
            failed += 1
            message = exc.message if isinstance(exc, TimelineError) else str(exc)
            result = {"mentions": [], "error": f"line {number}: {message}"}
        out(json.dumps(result, ensure_ascii=False) + "\n")
    return failed


@app.command("draft")
def draft_command(
    article: str = typer.Argument(..., metavar="ARTICLE", help="A plain-text article, or a web page saved from "
                                                                "a browser (.html)."),
    source: str = typer.Option(..., "--source", help="The id of the article's source in the log."),
    file: Path = FILE_OPTION,
    add: bool = typer.Option(False, "--add", help="Add the drafts to the log (skipping those already there)."),
    published: str | None = typer.Option(None, "--published", help="The article's date, YYYY-MM-DD (default: the "
                                                                    "page's, or the source's in the log)."),
    title: str | None = typer.Option(None, "--title", help="The headline, for a new source."),
    publisher: str | None = typer.Option(None, "--publisher", help="Who published it, for a new source."),
    url: str | None = typer.Option(None, "--url", help="Its address, for a new source."),
) -> None:
    """Turn an article's dated sentences into draft events, printed as YAML to review, or added with --add."""
    from ..exchange.article import add_drafts, draft_events, log_sources, read_article, render_drafts

    page = read_article(_read_input(article), name=article)
    known = log_sources(file).get(source)
    anchor = _day(published, "--published") or (known.published if known else page.published)
    if anchor is None:
        raise UsageError(f"{article}: no publication date found; give it with --published YYYY-MM-DD")
    fields = None
    if known is None:
        fields = {"title": title or page.title or None, "publisher": publisher or page.publisher or None,
                  "url": url or page.url or None, "published": anchor.iso()}
        page = type(page)(page.text, fields["title"] or "", fields["publisher"] or "", fields["url"] or "", anchor)
    drafts = draft_events(page.text, anchor, source=source)
    if not add:
        out(render_drafts(drafts, source=source, article=page, source_is_new=known is None))
        typer.echo(f"{article}: {len(drafts)} draft event{'' if len(drafts) == 1 else 's'} (published "
                   f"{anchor.iso()}); review them, then run again with --add", err=True)
        return
    done = add_drafts(file, drafts, source=source, source_fields=fields)
    created = f", created source '{source}'" if done.source_created else ""
    out(f"{file}: added {len(done.ids)} event{'' if len(done.ids) == 1 else 's'}, skipped {done.skipped} already "
        f"there{created}\n")
    for event_id in done.ids:
        out(f"  {event_id}\n")
