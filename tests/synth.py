"""Write deterministic synthetic event logs that look like real ones, for the benchmark and for tests.

    python tests/synth.py 100000 -o /tmp/timeline-bench/events-100k.yaml

The same N (and seed) always gives the same bytes: everything comes from one seeded `random.Random`, and no date,
dict order or hash seed of the running process leaks in. A log of N events has about N/8 sources with publication
dates, and its events use the shapes a newsroom's log has: relative phrases read against their source's date
("Tuesday", "last July", "three weeks ago"), exact dates in several spellings, `until` spans, planned events,
extra sourced `claims`, quotes with curly quotes and accented or CJK names, multi-line notes, tags and actors.

Every log is valid for `timeline validate`: a claim's day is computed here with `datetime` (not with the resolver,
so a resolver bug shows up as a validation failure instead of being copied into the data), every dated claim lies
on or before its source's publication day unless the event is planned, and the claims of one event share a day.
The average event is about 220 bytes, so 100k events make a file of roughly the 22 MB the issue measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Publication days are spread over a quarter century, like a real archive.
FIRST_DAY = dt.date(2000, 1, 3)
LAST_DAY = dt.date(2025, 12, 31)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# AP style abbreviations, as wire copy writes them ("Oct. 23").
MONTH_ABBR = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
DAY_PARTS = ("", "", "", " morning", " afternoon", " night", " evening")

PUBLISHERS = ("The Verge", "Wired", "Reuters", "Associated Press", "Le Monde", "Süddeutsche Zeitung", "El País",
              "The Guardian", "Nikkei Asia", "Folha de S.Paulo", "Financial Times", "Der Spiegel",
              "The Hindu", "Al Jazeera", "NHK World", "Dagens Nyheter", "Politico Europe", "Bloomberg")
DOMAINS = ("theverge.com", "wired.com", "reuters.com", "apnews.com", "lemonde.fr", "sueddeutsche.de", "elpais.com",
           "theguardian.com", "asia.nikkei.com", "folha.uol.com.br", "ft.com", "spiegel.de", "thehindu.com",
           "aljazeera.com", "nhk.or.jp", "dn.se", "politico.eu", "bloomberg.com")
ACTORS = ("Jan Leike", "Ilya Sutskever", "Sam Altman", "Mira Murati", "José Ramírez", "Zoë Kravitz",
          "Søren Kierkegaard Institute", "Dvořák Quartet", "Łukasz Kaiser", "Ngozi Okonjo-Iweala", "Björk",
          "François Hollande", "Angela Merkel", "Nguyễn Thị Lan", "山田 太郎", "Ørsted", "OpenAI", "Anthropic",
          "European Commission", "the board", "Zürich city council", "São Paulo state court", "Müller & Söhne")
TAGS = ("governance", "safety", "departures", "funding", "courts", "elections", "climate", "energy", "labour",
        "health", "markets", "regulation", "science", "culture", "sport", "transport", "housing", "tech")
PLACES = ("in Zürich", "in São Paulo", "in Kraków", "in Reykjavík", "in Montréal", "in 東京", "in Genève",
          "in Brussels", "in Lagos", "in Hà Nội", "in Nairobi", "in Washington", "in Berlin", "")
VERBS = ("announces", "resigns from", "sues", "is fined by", "signs a deal with", "leaves", "joins",
         "opens an inquiry into", "wins an appeal against", "publishes a report on", "cuts jobs at",
         "is elected to", "settles with", "launches")
OBJECTS = ("the company", "the commission", "the union", "the council", "the ministry", "its rival", "the court",
           "the regulator", "the foundation", "the research lab", "the festival", "the league")
QUOTE_OPENERS = ("“It was never about the money,” a spokesperson said", "The statement read: “We will not comment”",
                 "Officials said the decision — taken after weeks of talks — was final",
                 "« Nous avons fait notre travail », a-t-elle déclaré", "„Das war ein Fehler“, sagte er",
                 "The filing cites “material breaches” of the 2019 agreement",
                 "A source familiar with the matter said the move was “long expected”",
                 "In a post on X, he wrote that the team had been “sailing against the wind”")
NOTE_LINES = ("Second source needed for the exact day.", "The article's date line says otherwise; check the print "
              "edition.", "Follow-up: the court's own calendar lists the hearing.", "Translated from the original "
              "(Portuguese); wording may differ.", "Earlier coverage gave the year only.",
              "Confirmed by phone with the press office — see call log.", "Names spelled as in the filing: "
              "Łukasz, Zoë, Nguyễn.", "The figure of €1.2 million is the company's own.")


@dataclass(frozen=True, slots=True)
class SynthSource:
    """A source the generator writes: its id and its publication day."""

    id: str
    publisher: int  # index into PUBLISHERS
    published: dt.date


@dataclass(frozen=True, slots=True)
class Dated:
    """A phrase and the days it can mean, as computed here: [lo, hi], and one day inside both for claims."""

    phrase: str
    lo: dt.date
    hi: dt.date


# --- phrases a source would write, relative to its publication day `p` ----------------------------------------------
# Each returns the phrase and its bounds by the resolver's documented rules (ISO weeks, "last X" strictly before).

def _weekday_on_or_before(p: dt.date, weekday: int) -> dt.date:
    return p - dt.timedelta(days=(p.weekday() - weekday) % 7)


def _bare_weekday(rng: random.Random, p: dt.date) -> Dated:
    weekday = rng.randrange(7)
    day = _weekday_on_or_before(p, weekday)
    return Dated(WEEKDAYS[weekday] + rng.choice(DAY_PARTS), day, day)


def _last_weekday(rng: random.Random, p: dt.date) -> Dated:
    weekday = rng.randrange(7)
    day = _weekday_on_or_before(p - dt.timedelta(days=1), weekday)
    return Dated(f"last {WEEKDAYS[weekday]}", day, day)


def _yesterday(rng: random.Random, p: dt.date) -> Dated:
    day = p - dt.timedelta(days=1)
    return Dated("yesterday", day, day)


def _days_ago(rng: random.Random, p: dt.date) -> Dated:
    n = rng.randrange(2, 11)
    day = p - dt.timedelta(days=n)
    return Dated(f"{NUMBER_WORDS[n]} days ago", day, day)


def _month_day(rng: random.Random, p: dt.date) -> Dated:
    back = p - dt.timedelta(days=rng.randrange(0, 300))
    day = back if back.day <= 28 else back.replace(day=28)
    return Dated(f"{MONTH_ABBR[day.month - 1]} {day.day}", day, day)


def _last_week(rng: random.Random, p: dt.date) -> Dated:
    monday = p - dt.timedelta(days=p.weekday() + 7)
    return Dated("last week", monday, monday + dt.timedelta(days=6))


def _earlier_this_week(rng: random.Random, p: dt.date) -> Dated:
    if p.weekday() == 0:
        return Dated("earlier this week", p, p)
    return Dated("earlier this week", p - dt.timedelta(days=p.weekday()), p - dt.timedelta(days=1))


def _weeks_ago(rng: random.Random, p: dt.date) -> Dated:
    n = rng.randrange(2, 6)
    monday = p - dt.timedelta(days=p.weekday() + 7 * n)
    return Dated(f"{NUMBER_WORDS[n]} weeks ago", monday, monday + dt.timedelta(days=6))


def _last_month(rng: random.Random, p: dt.date) -> Dated:
    last = p.replace(day=1) - dt.timedelta(days=1)
    return Dated("last month", last.replace(day=1), last)


def _last_named_month(rng: random.Random, p: dt.date) -> Dated:
    month = rng.randrange(1, 13)
    year = p.year if month < p.month else p.year - 1
    return Dated(f"last {MONTHS[month - 1]}", dt.date(year, month, 1), _month_end(year, month))


def _last_year(rng: random.Random, p: dt.date) -> Dated:
    return Dated("last year", dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31))


def _earlier_this_month(rng: random.Random, p: dt.date) -> Dated:
    if p.day == 1:
        return Dated("earlier this month", p, p)
    return Dated("earlier this month", p.replace(day=1), p - dt.timedelta(days=1))


# --- exact dates, on or before `p`, in the spellings sources use ---------------------------------------------------

def _exact_day(rng: random.Random, p: dt.date) -> Dated:
    day = p - dt.timedelta(days=rng.randrange(0, 2000))
    style = rng.randrange(4)
    if style == 0:
        phrase = day.isoformat()
    elif style == 1:
        phrase = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    elif style == 2:
        phrase = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    else:
        phrase = f"{MONTH_ABBR[day.month - 1]} {day.day}, {day.year}"
    return Dated(phrase, day, day)


def _exact_month(rng: random.Random, p: dt.date) -> Dated:
    day = p - dt.timedelta(days=rng.randrange(31, 3000))
    phrase = f"{MONTHS[day.month - 1]} {day.year}" if rng.random() < 0.7 else f"{day.year}-{day.month:02d}"
    return Dated(phrase, day.replace(day=1), _month_end(day.year, day.month))


def _exact_year(rng: random.Random, p: dt.date) -> Dated:
    year = p.year - rng.randrange(1, 15)
    return Dated(str(year) if rng.random() < 0.6 else f"in {year}", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


Phrase = Callable[[random.Random, dt.date], Dated]
# (weight, phrase maker): mostly relative phrases, as in news copy; exact dates for the rest.
KINDS: tuple[tuple[int, Phrase], ...] = (
    (10, _bare_weekday), (5, _last_weekday), (6, _yesterday), (5, _days_ago), (6, _month_day), (5, _last_week),
    (5, _earlier_this_week), (3, _weeks_ago), (5, _last_month), (4, _last_named_month), (3, _last_year),
    (3, _earlier_this_month), (18, _exact_day), (5, _exact_month), (3, _exact_year),
)
_KIND_CHOICES = [maker for weight, maker in KINDS for _ in range(weight)]

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .,'()/-]*[A-Za-z0-9.)]$")


def scalar(text: str) -> str:
    """Give `text` as a YAML scalar: plain when it is safe and unambiguous, else double-quoted."""
    if _PLAIN.match(text) and ": " not in text and " #" not in text and text.lower() not in (
            "yes", "no", "true", "false", "on", "off", "null", "y", "n"):
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def make_sources(rng: random.Random, count: int) -> list[SynthSource]:
    """Give `count` sources with publication days spread over FIRST_DAY..LAST_DAY, sorted by that day."""
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
    return [SynthSource(id=f"src-{i:06d}", publisher=rng.randrange(len(PUBLISHERS)), published=day)
            for i, day in enumerate(days)]


def _source_lines(rng: random.Random, source: SynthSource, n: int) -> Iterator[str]:
    slug = rng.choice(OBJECTS).replace("the ", "").replace(" ", "-")
    yield f"  {source.id}:\n"
    yield f"    title: {scalar(f'{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)}, report {n}')}\n"
    yield f"    publisher: {scalar(PUBLISHERS[source.publisher])}\n"
    p = source.published
    yield (f"    url: https://www.{DOMAINS[source.publisher]}/{p.year}/{p.month:02d}/{p.day:02d}/"
           f"{slug}-{n}\n")
    yield f'    published: "{p.isoformat()}"\n'


def _words(rng: random.Random, pool: tuple[str, ...], most: int) -> list[str]:
    return rng.sample(pool, rng.randrange(1, most + 1))


def _word_list(key: str, words: list[str], block: bool) -> str:
    if block:
        return f"    {key}:\n" + "".join(f"      - {scalar(w)}\n" for w in words)
    return f"    {key}: [" + ", ".join(scalar(w) if "," not in w else json.dumps(w, ensure_ascii=False)
                                     for w in words) + "]\n"


def _claim_phrase(rng: random.Random, day: dt.date, source: SynthSource) -> str:
    """Give a phrase that `source` could use for `day` (on or before its publication day)."""
    gap = (source.published - day).days
    if gap == 0 and rng.random() < 0.5:
        return WEEKDAYS[day.weekday()]
    if gap == 1:
        return "yesterday"
    if 2 <= gap <= 6 and rng.random() < 0.7:
        return f"{NUMBER_WORDS[gap]} days ago"
    return day.isoformat() if rng.random() < 0.6 else f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _event_lines(rng: random.Random, index: int, sources: list[SynthSource], by_day: list[dt.date]) -> Iterator[str]:
    source = sources[rng.randrange(len(sources))]
    p = source.published
    planned = rng.random() < 0.02
    roll = rng.random()
    until: str | None = None
    if planned:
        # announced ahead: the source looks forward, so the day is after its publication
        weekday = rng.randrange(7)
        ahead = p + dt.timedelta(days=(weekday - p.weekday()) % 7 or 7)
        dated = Dated(f"next {WEEKDAYS[weekday]}", ahead, ahead)
    else:
        dated = rng.choice(_KIND_CHOICES)(rng, p)
        if roll < 0.08 and dated.hi < p:
            # a span: from the phrase's day to a later day the same source names
            end = min(p, dated.hi + dt.timedelta(days=rng.randrange(1, 40)))
            until = "yesterday" if end == p - dt.timedelta(days=1) else end.isoformat()
    yield f"  - id: {scalar(_event_id(rng, index))}\n"
    yield f"    title: {scalar(f'{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}')}\n"
    yield f"    when: {scalar(dated.phrase)}\n"
    if until is not None:
        yield f"    until: {scalar(until)}\n"
    yield f"    source: {source.id}\n"
    if planned:
        yield "    planned: true\n"
    if rng.random() < 0.3:
        place = rng.choice(PLACES)
        yield f"    quote: {scalar(f'{rng.choice(QUOTE_OPENERS)} {place}'.rstrip() + '.')}\n"
    if rng.random() < 0.8:
        yield _word_list("tags", _words(rng, TAGS, 3), block=rng.random() < 0.1)
    if rng.random() < 0.6:
        yield _word_list("actors", _words(rng, ACTORS, 3), block=rng.random() < 0.1)
    if rng.random() < 0.12:
        lines = rng.sample(NOTE_LINES, rng.randrange(2, 4))
        yield "    notes: |\n" + "".join(f"      {line}\n" for line in lines)
    elif rng.random() < 0.05:
        yield "    notes: >\n" + "".join(f"      {line}\n" for line in rng.sample(NOTE_LINES, 2))
    if not planned and until is None and rng.random() < 0.12:
        yield from _claims(rng, dated, sources, by_day)


def _claims(rng: random.Random, dated: Dated, sources: list[SynthSource], by_day: list[dt.date]) -> Iterator[str]:
    """Give one or two extra claims that name a day inside the event's own phrase, from sources dated after it."""
    day = dated.lo + dt.timedelta(days=rng.randrange((dated.hi - dated.lo).days + 1))
    first = bisect_left(by_day, day)  # only sources published on or after the day can report it
    if first >= len(sources):
        return
    yield "    claims:\n"
    for _ in range(rng.randrange(1, 3)):
        other = sources[rng.randrange(first, min(len(sources), first + 60))]
        yield f"      - when: {scalar(_claim_phrase(rng, day, other))}\n"
        yield f"        source: {other.id}\n"
        if rng.random() < 0.3:
            yield f"        notes: {scalar('Confirms the day — ' + rng.choice(NOTE_LINES))}\n"


def _event_id(rng: random.Random, index: int) -> str:
    slug = rng.choice(("leike", "board", "vote", "ruling", "merger", "strike", "launch", "hearing", "exit"))
    return f"{slug}-{index:07d}"


def generate(n: int, seed: int = 6) -> Iterator[str]:
    """Give the text of a valid log of `n` events, in pieces (join them or write them as they come)."""
    rng = random.Random(f"timeline-synth:{seed}:{n}")
    sources = make_sources(rng, max(4, n // 8))
    by_day = [s.published for s in sources]
    yield "# Synthetic log written by tests/synth.py: deterministic, valid, not real news.\n"
    yield f"title: Synthetic chronology of {n:,} events\n"
    yield "description: >\n  Generated for the speed benchmark: relative phrases, exact dates, spans, claims,\n" \
          "  quotes in several languages (“curly”, « guillemets », „Anführung“) and notes.\n\n"
    yield "sources:\n"
    for i, source in enumerate(sources):
        yield "".join(_source_lines(rng, source, i))
    yield "\nperiods:\n  - title: The whole archive\n" \
          f'    when: "{FIRST_DAY.isoformat()}"\n    until: "{LAST_DAY.isoformat()}"\n\n'
    yield "events:\n"
    for i in range(n):
        if i and i % 500 == 0:
            yield f"\n  # --- batch {i // 500} ---\n"
        yield "".join(_event_lines(rng, i, sources, by_day))


def write(n: int, path: Path, seed: int = 6) -> Path:
    """Write a log of `n` events to `path` (UTF-8) and give the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        buffer: list[str] = []
        for piece in generate(n, seed):
            buffer.append(piece)
            if len(buffer) >= 4096:
                f.write("".join(buffer))
                buffer.clear()
        f.write("".join(buffer))
    return path


def main(argv: list[str] | None = None) -> int:
    """Run `python tests/synth.py N -o FILE`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=int, help="number of events")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=6, help="another seed gives another log of the same shape")
    args = parser.parse_args(argv)
    if args.output is None:
        for piece in generate(args.events, args.seed):
            sys.stdout.write(piece)
    else:
        write(args.events, args.output, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
