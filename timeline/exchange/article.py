"""A news article -> its dated sentences -> draft events for the log.

`read_article` reads a plain-text file or an HTML page saved from a browser (the page's text, title, publisher
and publication date come from `trafilatura`, with `htmldate` inside it: article HTML is never parsed here by
hand). `draft_events` tags the text (`timeline.dates.tag`), keeps each date that places something that happened
or will happen, and gives one draft event per such date: `when` the phrase as written, `quote` its sentence,
`title` a short clause from it. Durations and recurring times place nothing by themselves: they go into the
`notes` of the event whose date they qualify; vague references ("now", "recently") are left out.
`render_drafts` prints drafts as YAML to review; `add_drafts` splices them into the log through
`timeline.edit`, skipping those already there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..calendar import Day
from ..errors import ArticleError

__all__ = ["MAX_ARTICLE_BYTES", "Added", "Article", "Draft", "add_drafts", "draft_events", "log_sources",
           "read_article", "read_text", "render_drafts"]

#: The largest article read, in bytes: a long feature is 100 KB; anything near this is not an article.
MAX_ARTICLE_BYTES = 5_000_000
#: A page whose main text has fewer words than this has no article (a menu, a login page, an error page).
MIN_ARTICLE_WORDS = 20
#: A title keeps this many words of its clause.
TITLE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text and what its page says about it."""

    text: str  # the article's text, paragraphs separated by blank lines
    title: str = ""  # headline
    publisher: str = ""  # site name
    url: str = ""  # canonical address, when the page gives one
    published: Day | None = None  # publication date: the anchor of its relative dates


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft event: the fields it will have in the log, and where its date was found."""

    fields: dict[str, Any]  # title, when, source, quote, tags; anchor, tense and notes when there are any
    line: int  # line of the article where the date stands (1-based)
    value: str  # the date's TIMEX3 value, for review
    qualifiers: tuple[str, ...] = field(default=())  # durations and recurring times said of the same event


# --- reading -----------------------------------------------------------------------------------------------------

def read_text(data: bytes, *, name: str) -> str:
    """Give the text of an article's bytes, or an ArticleError (timeline.errors) saying why it is not text."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{len(data):,} bytes is more than an article ({MAX_ARTICLE_BYTES:,} at most); "
                           "give the article alone", path=name)
    if b"\x00" in data[:65536]:
        raise ArticleError("is a binary file, not text or HTML; save the article as text or as a web page",
                           path=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ArticleError(f"is not UTF-8 text (byte 0x{data[exc.start]:02X}); save it as UTF-8", path=name,
                           line=line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b",
                         re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str, name: str = "") -> bool:
    """Give whether `text` is an HTML page (by its extension or its first tag)."""
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_START.match(text[:4096]))


def read_article(data: bytes, *, name: str) -> Article:
    """Give the article in `data` (plain text, or an HTML page whose text and metadata trafilatura reads)."""
    text = read_text(data, name=name)
    if not text.strip():
        raise ArticleError("is empty: there is no article to read", path=name)
    if not looks_like_html(text, name):
        return Article(text=text)
    try:  # imported here: only drafting from HTML pays for trafilatura
        import trafilatura
    except ImportError as exc:
        raise ArticleError(f"reading HTML needs trafilatura ({exc}); pip install trafilatura lxml_html_clean",
                           path=name) from None
    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    body = getattr(document, "text", None) if document is not None else None
    if not body or len(body.split()) < MIN_ARTICLE_WORDS:
        raise ArticleError("is a web page without an article in it (no story text found); save the article's "
                           "own page, or its text", path=name)
    published = None
    date = getattr(document, "date", None)
    if isinstance(date, str):
        try:
            published = Day.parse(date[:10])
        except ValueError:
            published = None
    return Article(text=_paragraphs(body), title=getattr(document, "title", None) or "",
                   publisher=getattr(document, "sitename", None) or "", url=getattr(document, "url", None) or "",
                   published=published)


def _paragraphs(text: str) -> str:
    """Give trafilatura's text, one paragraph a line, with blank lines between (sentences never span them)."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


# --- drafting ----------------------------------------------------------------------------------------------------

#: Dates that place an event; DURATION and SET only qualify one.
_PLACING = frozenset({"DATE", "TIME"})
_CLAUSE = re.compile(r"\s*(?:[,;:()\u2014\u2013]|\s-\s|\s--\s)\s*")
_BEFORE_DATE = re.compile(r"\s*\b(?:on|in|at|during|since|by|from|until|over|of|for)\s*$", re.IGNORECASE)


def draft_events(text: str, published: Day | None, *, source: str) -> list[Draft]:
    """Give one draft event per date in `text` that places something, in order, for source `source`."""
    from ..dates.tag import sentences, tag

    mentions = tag(text, published)
    spans = sentences(text)
    drafts: list[Draft] = []
    starts = [a for a, _ in spans]
    by_sentence: dict[int, list[Any]] = {}
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    for mention in mentions:
        index = bisect.bisect_right(starts, mention.start) - 1
        by_sentence.setdefault(index, []).append(mention)
    for index, found in sorted(by_sentence.items()):
        if index < 0:
            continue
        a, b = spans[index]
        sentence = text[a:b]
        quote = " ".join(sentence.split())
        placing = [m for m in found if m.type in _PLACING and not m.value.endswith("_REF")
                   and m.resolved is not None]
        if not placing:
            continue
        # each duration or recurring time qualifies the nearest date of its sentence ("in 1932 ... every day")
        qualifying: dict[int, list[Any]] = {}
        for other in (m for m in found if m.type not in _PLACING):
            nearest = min(range(len(placing)), key=lambda i: abs(placing[i].start - other.start))
            qualifying.setdefault(nearest, []).append(other)
        for n, mention in enumerate(placing):
            fields: dict[str, Any] = {
                "title": _title(sentence, mention.start - a, mention.end - a),
                "when": mention.text,
                "source": source,
                "quote": quote,
                "tags": [],
            }
            resolved = mention.resolved
            if resolved.anchor is not None and published is not None and resolved.anchor != published:
                fields["anchor"] = resolved.anchor.iso()  # "the next day": the day the story named, not its date
            if published is not None and resolved.start is not None and resolved.start > published:
                fields["tense"] = "future"  # it has not happened yet when the story was published
            also = qualifying.get(n, [])
            if also:
                fields["notes"] = "; ".join(f"{m.text} ({_QUALIFIES[m.type]} {m.value})" for m in also)
            drafts.append(Draft(fields, bisect.bisect_left(breaks, mention.start) + 1, mention.value,
                                tuple(m.text for m in also)))
    return drafts


_QUALIFIES = {"DURATION": "lasting", "SET": "recurring"}


def _title(sentence: str, start: int, end: int) -> str:
    """Give a short clause of `sentence` around the date at [start, end), said of who or what it is about.

    The clause holding the date, without the date and its preposition ("announced his departure on Tuesday" ->
    "announced his departure"), unless the date names the thing ("last year's coup" stays); a relative clause
    ("who resigned", "which formed") gets the person or thing it is said of; a clause starting with its verb
    gets the sentence's subject when that is short."""
    pieces = []
    at = 0
    for m in _CLAUSE.finditer(sentence):
        pieces.append((at, m.start()))
        at = m.end()
    pieces.append((at, len(sentence)))
    index = next((i for i, (a, b) in enumerate(pieces) if a <= start < b + 1), len(pieces) - 1)
    a, b = pieces[index]
    clause = sentence[a:b]
    rel_start, rel_end = start - a, min(end - a, len(clause))
    if not _POSSESSIVE.match(clause, rel_end):
        clause = _BEFORE_DATE.sub("", clause[:rel_start]) + clause[rel_end:]
    clause = " ".join(clause.replace("\u201c", "").replace("\u201d", "").replace('"', "").split())
    subject = " ".join(sentence[pieces[0][0]:pieces[0][1]].split())
    relative = _RELATIVE_INSIDE.search(clause)
    if relative:  # "a key researcher who resigned": the person did it
        said_of = clause[:relative.start()].strip()
        clause = clause[relative.end():]
        if index == 1 and len(subject.split()) <= 4:
            said_of = subject
        elif not said_of or said_of[:1].islower():
            said_of = _tail_noun_phrase(sentence[pieces[index - 1][0]:pieces[index - 1][1]]) if index else said_of
        if said_of:
            clause = f"{said_of} {clause}"
    elif index and clause[:1].islower() and subject and len(subject.split()) <= 4:
        clause = f"{subject} {clause}"
    words = clause.split()
    cut = len(words) > TITLE_WORDS
    if cut:
        words = words[:TITLE_WORDS]
        while words and words[-1].lower() in _DANGLING:
            words.pop()
    clause = " ".join(words).strip(" .,;:") + (" ..." if cut else "")
    return (clause[:1].upper() + clause[1:]) if clause else "Dated event"


_POSSESSIVE = re.compile(r"['\u2019]s\b")
_RELATIVE_INSIDE = re.compile(r"(?:^|\s)(?:who|which)\s+", re.IGNORECASE)
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})


def _tail_noun_phrase(clause: str) -> str:
    """Give the noun phrase a clause ends with ("... running the Superalignment team" -> "the Superalignment
    team", "... that John Schulman" -> "John Schulman"), or "" when none is short enough."""
    words = clause.split()
    names: list[str] = []
    for word in reversed(words):
        if word[:1].isupper():
            names.insert(0, word)
        else:
            break
    if names and len(names) < len(words):
        return " ".join(names)
    for back in range(1, min(6, len(words)) + 1):
        if words[-back].lower() in _DETERMINERS:
            return " ".join(words[-back:])
    return ""


_DANGLING = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "that", "with", "by",
                       "from", "as", "who", "which", "his", "her", "its", "their"})


# --- output ------------------------------------------------------------------------------------------------------

def render_drafts(drafts: list[Draft], *, source: str, article: Article | None = None,
                  source_is_new: bool = False) -> str:
    """Give the drafts as YAML, in the log's own layout, to review before `--add`."""
    from ..edit.emit import render_scalar

    lines = []
    if source_is_new and article is not None:
        lines.append("sources:")
        lines.append(f"  {source}:")
        for key in ("title", "publisher", "url"):
            value = getattr(article, key)
            if value:
                lines.append(f"    {key}: {render_scalar(value)}")
        if article.published is not None:
            lines.append(f'    published: "{article.published.iso()}"')
    if not drafts:
        lines.append("events: []")
        return "\n".join(lines) + "\n"
    lines.append("events:")
    for draft in drafts:
        f = draft.fields
        lines.append(f"  # line {draft.line}: {render_scalar(f['when'])} = {draft.value}")
        lines.append(f"  - title: {render_scalar(f['title'])}")
        lines.append(f"    when: {render_scalar(f['when'])}")
        if "anchor" in f:
            lines.append(f'    anchor: "{f["anchor"]}"')
        if "tense" in f:
            lines.append(f"    tense: {f['tense']}")
        lines.append(f"    source: {render_scalar(f['source'])}")
        lines.append(f"    quote: {render_scalar(f['quote'])}")
        lines.append("    tags: []")
        if "notes" in f:
            lines.append(f"    notes: {render_scalar(f['notes'])}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Added:
    """What `add_drafts` did."""

    ids: list[str]  # ids of the events added
    skipped: int  # drafts already in the log (same source and quote)
    source_created: bool  # whether the source was new


def log_sources(path: Path) -> dict[str, Any]:
    """Give the sources of the log at `path` by id (none when there is no log yet)."""
    from ..log.load import load

    return dict(load(path).sources) if path.exists() else {}


def add_drafts(path: Path, drafts: list[Draft], *, source: str, source_fields: dict[str, Any] | None) -> Added:
    """Give what was done after adding `drafts` to the log at `path`, skipping those already there.

    One edit of the editor (`timeline.edit.splice.add_sourced_events`): the source is created from `source_fields`
    (title, publisher, url, published) when the log lacks it, the drafts the log does not have yet (same source and
    quote) are appended, and the log is checked and written at once, or not at all. A missing log is started."""
    from ..edit.splice import add_sourced_events

    saved = add_sourced_events(path, source, [d.fields for d in drafts], source_fields=source_fields, create=True)
    return Added(list(saved.ids), saved.skipped, saved.source_added)
