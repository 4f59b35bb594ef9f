"""Score `resolve_phrase` on the gold TIMEX3 corpora, side by side with dateparser, and time both.

Run by hand: `python tests/bench_resolver.py [--corpora DIR] [--misses N] [--no-dateparser]`.
Not a pytest module: the corpora are internal data read at run time from `../shared/corpora` (relative to the
repository); nothing from them is copied into the project.

Scoring. Every DATE record is resolved with its document creation time (`dct`) as the anchor. The result is
written at the gold value's granularity (day `1998-08-07`, ISO week `1998-W32`, weekend `1998-W32-WE`, month,
quarter `1989-Q3`, half `1989-H1`, season `2012-SU`, year, decade `199`, century `19`) and compared with the
gold, where an `X` in the gold matches any character. The day written is the start bound, except for a range no
longer than one gold unit, which is written by its middle day: "early this week" (Monday 30 November to
Wednesday 2 December) lies mostly in December, so against a month gold it reads as December, not by its first
day. A range longer than the gold unit is scored by its start ("1988" against `1988-Q3` reads `1988-Q1`, a
miss). The `strict` column asks both bounds to write as the gold, so a range that spills over the gold unit does
not count there. Vague results (past/present/future) never match a calendar gold.

Headline set: calendar-valued golds (not PRESENT_REF/PAST_REF/FUTURE_REF, durations, times of day, or values
without a digit) anchored to the DCT (`anchor` "dct" or null). Records anchored to another timex are scored
separately: resolving them against the DCT can fairly be judged wrong.

Second table (`relative_table`): the calendar-valued records anchored to another expression of the same article,
resolved with `resolve_relative` against the days of their anchor's gold value (`anchor_value`: a day, or the
range of days of a week, month, quarter or year), beside the same records resolved against the DCT. Then three
counts of their own: "since" (the sentence says "since" just before the expression; read as "since X", scored on
the start bound against the gold and the end bound against the DCT), open bounds ("by", "until", "till" before
it; read so, scored on the end bound), ranges (the first side of "from X to Y" / "between X and Y", and
expressions holding a range themselves; scored on the start bound), and durations (DURATION records with a
count and a unit, `P3W`, `P34Y`: `parse_duration` against the gold count and unit).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.dates import vocabulary as vocab
from timeline.calendar import Day
from timeline.errors import PhraseError
from timeline.dates.durations import parse_duration
from timeline.dates.tag import timex_at
from timeline.dates.resolve import clear_cache, infer_tense, resolve_phrase, resolve_relative
from timeline.calendar import add_months, days_in_month, week_span

SPLITS = ("timebank", "aquaint")
DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

#: gold granularity -> pattern of its value (X = unspecified digit)
GRANULARITIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}")),
    ("weekend", re.compile(r"[\dX]{4}-W[\dX]{1,2}-WE")),
    ("week", re.compile(r"[\dX]{4}-W[\dX]{1,2}")),
    ("month", re.compile(r"[\dX]{4}-[\dX]{2}")),
    ("quarter", re.compile(r"[\dX]{4}-Q[\dX]")),
    ("half", re.compile(r"[\dX]{4}-H[\dX]")),
    ("season", re.compile(r"[\dX]{4}-(?:SP|SU|FA|WI)")),
    ("year", re.compile(r"[\dX]{4}")),
    ("decade", re.compile(r"[\dX]{3}")),
    ("century", re.compile(r"[\dX]{2}")),
)


def granularity(gold: str) -> str | None:
    """Give the granularity of a calendar-valued gold, or None for anything else."""
    if not any(c.isdigit() for c in gold):
        return None
    return next((name for name, pattern in GRANULARITIES if pattern.fullmatch(gold)), None)


def write_at(day: Day, grain: str) -> str:
    """Give `day` written at a gold granularity (as the tagger writes TIMEX3 values)."""
    return timex_at(day, grain)


def agrees(ours: str, gold: str) -> bool:
    """Give whether `ours` matches `gold`, each X in the gold matching any character."""
    if gold.endswith("-W" + gold[-1:]) and len(gold) < len(ours):  # "2000-W7" style short weeks
        gold = gold[:-1] + "0" + gold[-1]
    return len(ours) == len(gold) and all(g in ("X", o) for o, g in zip(ours, gold, strict=True))


# --- the phrase kinds reported -----------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]+")
_DEICTIC = frozenset({"last", "this", "next", "ago", "yesterday", "today", "tomorrow", "earlier", "later",
                      "past", "previous", "coming", "tonight", "week", "weekend", "month", "year", "current",
                      "now", "recent", "recently", "latest", "decade", "century"})


def kind_of(text: str) -> str:
    """Give the kind of phrase, for the per-kind table (by the words it uses, from the vocabulary tables)."""
    lower = text.lower()
    words = set(_WORD.findall(lower))
    if re.search(r"\b\d{4}s?\b|'\d\d", lower) or words & {"bc", "ad", "bce"}:
        return "explicit year"
    if words & {"quarter", "period", "half"} or re.search(r"\bq[1-4]\b", lower):
        return "quarter/half"
    if words & set(vocab.WEEKDAYS):
        return "weekday"
    if words & set(vocab.MONTHS):
        return "month without year"
    if words & set(vocab.SEASONS):
        return "season"
    if words & _DEICTIC:
        return "deictic"
    return "other"


KINDS = ("explicit year", "weekday", "month without year", "deictic", "quarter/half", "season", "other")


# --- records -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Case:
    """One DATE record to score."""

    split: str
    text: str  # as written
    dct: str  # anchor day
    gold: str  # value_norm
    grain: str | None  # gold granularity; None = not calendar-valued
    anchored_to_dct: bool  # anchor is the DCT (or unstated)
    kind: str  # phrase kind
    before: str  # the sentence up to the phrase (for the tense a curator would give)


def load(corpora: Path) -> list[Case]:
    cases = []
    for split in SPLITS:
        with open(corpora / f"timex-{split}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["type"] != "DATE":
                    continue
                gold = record["value_norm"]
                shape = record["shape"]
                grain = None if shape in ("PRESENT_REF", "PAST_REF", "FUTURE_REF", "duration", "day+time") \
                    else granularity(gold)
                cases.append(Case(split, record["text"], record["dct"], gold, grain,
                                  record["anchor"] in (None, "dct"), kind_of(record["text"]), record["left"] or ""))
    return cases


# --- resolvers under test ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Answer:
    """One resolver's reading of a case: start/end written at the gold granularity, or why not."""

    start: str | None  # the day scored (start bound, or middle of a short range), at the gold granularity
    end: str | None  # the end bound, at the gold granularity (for `strict`)
    note: str  # rule name, or the error
    first: str | None = None  # the start bound, when `start` is a middle day


def ours(case: Case) -> Answer:
    """Resolve with the tense a curator would give: `infer_tense` on the words before the phrase."""
    return _ours(case, infer_tense(case.before, case.text))


def ours_past(case: Case) -> Answer:
    """Resolve with the default tense, past, whatever the sentence says."""
    return _ours(case, "past")


def _ours(case: Case, tense: str) -> Answer:
    try:
        got = resolve_phrase(case.text, Day.parse(case.dct), tense=tense)
    except PhraseError as error:
        return Answer(None, None, f"error: {error.message}")
    if case.grain is None or got.start is None:  # a vague past has no start to compare
        return Answer(None, None, got.rule)
    end = write_at(got.end, case.grain) if got.end else None
    if got.end is not None and got.end.ordinal - got.start.ordinal < UNIT_DAYS[case.grain]:
        middle = Day((got.start.ordinal + got.end.ordinal) // 2)
        return Answer(write_at(middle, case.grain), end, got.rule, first=write_at(got.start, case.grain))
    return Answer(write_at(got.start, case.grain), end, got.rule)


#: The length of a gold unit, in days (the longest it can be).
UNIT_DAYS = {"day": 1, "weekend": 2, "week": 7, "month": 31, "quarter": 92, "season": 92, "half": 184,
             "year": 366, "decade": 3653, "century": 36525}


def dateparser_reader(prefer_past: bool = True) -> Callable[[Case], Answer] | None:
    """Give dateparser as a reader: RELATIVE_BASE = the DCT, PREFER_DATES_FROM = 'past' unless `prefer_past` is
    False (its default settings, which score higher here: same-day weekdays stay on the DCT)."""
    try:
        import dateparser  # type: ignore[import-untyped]
    except ImportError:
        return None

    def read(case: Case) -> Answer:
        settings: dict[str, object] = {"RELATIVE_BASE": datetime.datetime.fromisoformat(case.dct)}
        if prefer_past:
            settings["PREFER_DATES_FROM"] = "past"
        try:
            found = dateparser.parse(case.text, languages=["en"], settings=settings)
        except Exception as error:  # dateparser raises assorted errors on odd input
            return Answer(None, None, f"error: {type(error).__name__}")
        if found is None:
            return Answer(None, None, "unread")
        if case.grain is None:
            return Answer(None, None, "read")
        written = write_at(Day.of(found.year, found.month, found.day), case.grain)
        return Answer(written, written, "read")
    return read


# --- scoring -----------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Tally:
    right: int = 0
    strict: int = 0
    total: int = 0

    def add(self, answer: Answer, gold: str) -> bool:
        self.total += 1
        hit = answer.start is not None and agrees(answer.start, gold)
        self.right += hit
        first = answer.first or answer.start
        self.strict += first is not None and agrees(first, gold) and answer.end is not None \
            and agrees(answer.end, gold)
        return hit

    def pct(self, strict: bool = False) -> str:
        if not self.total:
            return "   -  "
        return f"{100 * (self.strict if strict else self.right) / self.total:5.1f}%"


def suspected_gold_error(case: Case) -> str | None:
    """Give why the gold itself looks wrong, judged from the phrase and the gold alone, or None."""
    lower = case.text.lower()
    words = _WORD.findall(lower)
    weekdays = {vocab.WEEKDAYS[w] for w in words if w in vocab.WEEKDAYS}
    months = {vocab.MONTHS[w] for w in words if w in vocab.MONTHS}
    if case.grain == "day" and len(weekdays) == 1 and "X" not in case.gold:
        gold_day = Day.parse(case.gold)
        (named,) = weekdays
        if gold_day.weekday() != named:
            return (f"the gold {case.gold} is a {vocab.WEEKDAY_NAMES[gold_day.weekday()]}, the phrase says "
                    f"{vocab.WEEKDAY_NAMES[named]}")
    if case.grain in ("day", "month") and len(months) == 1 and case.gold[5:7].isdigit() \
            and int(case.gold[5:7]) not in months:
        return f"the phrase names {vocab.MONTH_NAMES[months.pop() - 1]}, the gold month is {case.gold[5:7]}"
    stated = re.findall(r"\b(\d{4})\b", lower)
    if stated and case.gold[:4].isdigit() and case.grain not in ("decade", "century") \
            and all(s != case.gold[:4] for s in stated):
        return f"the phrase states {', '.join(stated)}, the gold says {case.gold[:4]}"
    counted = set(words) & (set(vocab.NUMBER_WORDS) - {"a", "an"})  # "five years": a count, not a slip
    if not stated and not counted and case.gold[:4].isdigit() \
            and not re.search(r"\d|century|decade|ago|earlier|'|ties\b", lower):
        gap = abs(int(case.gold[:4]) - int(case.dct[:4]))
        if gap >= 5:
            return f"the phrase names no year, yet the gold year is {gap} years from the DCT {case.dct}"
    return None


def narrative_anchor(case: Case) -> str | None:
    """Give why a miss is anchored to a date in the story rather than the DCT, or None."""
    words = set(_WORD.findall(case.text.lower()))
    if case.grain == "day" and "X" not in case.gold and words & set(vocab.WEEKDAYS) \
            and not words & set(vocab.MONTHS):
        gap = Day.parse(case.gold).ordinal - Day.parse(case.dct).ordinal
        if abs(gap) > 7:
            return f"a bare weekday {abs(gap)} days {'before' if gap < 0 else 'after'} the DCT: a story date"
    return None


def run(cases: list[Case], show_misses: int, use_dateparser: bool) -> None:
    dp = dateparser_reader() if use_dateparser else None
    answers: dict[str, list[Answer]] = {"ours": [ours(c) for c in cases],
                                        "ours-past": [ours_past(c) for c in cases]}
    if dp is not None:
        answers["dateparser"] = [dp(c) for c in cases]
        default = dateparser_reader(prefer_past=False)
        if default is not None:
            answers["dp-default"] = [default(c) for c in cases]
    names = list(answers)

    print("Accuracy at the gold's granularity (start bound, or the middle of a range no longer than one gold unit;")
    print("'strict' = start and end bound both)")
    header = f"{'split':10} {'set':34} {'n':>5}" + "".join(
        f" {n:>10}" + (f" {'strict':>7}" if n == "ours" else "") for n in names)
    print("ours: tense from the words before the phrase (as a curator sets `tense:`); ours-past: tense past;")
    print("dateparser: RELATIVE_BASE=DCT, PREFER_DATES_FROM='past'; dp-default: RELATIVE_BASE=DCT only")
    print(header)
    print("-" * len(header))
    misses: dict[str, list[tuple[Case, Answer]]] = defaultdict(list)
    for split in SPLITS:
        sets: list[tuple[str, Callable[[Case], bool]]] = [
            ("HEADLINE calendar-valued, DCT-anchored", lambda c: c.grain is not None and c.anchored_to_dct),
            *[(f"  kind: {k}", lambda c, k=k: c.grain is not None and c.anchored_to_dct and c.kind == k)
              for k in KINDS],
            ("calendar-valued, anchored elsewhere", lambda c: c.grain is not None and not c.anchored_to_dct),
            ("all calendar-valued", lambda c: c.grain is not None),
            ("all DATE records", lambda c: True),
        ]
        for label, keep in sets:
            tallies = {n: Tally() for n in names}
            for i, case in enumerate(cases):
                if case.split != split or not keep(case):
                    continue
                for n in names:
                    hit = tallies[n].add(answers[n][i], case.gold)
                    if n == "ours" and not hit and label.startswith("HEADLINE"):
                        misses[split].append((case, answers[n][i]))
            if not tallies["ours"].total:
                continue
            row = f"{split:10} {label:34} {tallies['ours'].total:5d}"
            for n in names:
                row += f" {tallies[n].pct():>10}" + (f" {tallies[n].pct(True):>7}" if n == "ours" else "")
            print(row)
        print()

    for split in SPLITS:
        gold_errors = [(c, a, why) for c, a in misses[split] if (why := suspected_gold_error(c))]
        suspected = {id(c) for c, _, _ in gold_errors}
        narrative = [(c, a, why) for c, a in misses[split] if id(c) not in suspected and (why := narrative_anchor(c))]
        suspected |= {id(c) for c, _, _ in narrative}
        fair = [(c, a) for c, a in misses[split] if id(c) not in suspected]
        unread = Counter(c.text.lower() for c, a in misses[split] if a.note.startswith("error"))
        print(f"{split}: {len(misses[split])} headline misses, {len(gold_errors)} look like gold errors, "
              f"{len(narrative)} are anchored to a story date")
        for title, rows in (("suspected gold errors", gold_errors), ("anchored to a story date", narrative)):
            if rows:
                print(f"  {title} ({split}):")
            for case, answer, why in rows:
                print(f"    {case.text!r:28} dct {case.dct} gold {case.gold:11} ours {answer.start or '-':11} {why}")
        if unread:
            print("  unreadable, most frequent first: "
                  + ", ".join(f"{t!r} x{n}" if n > 1 else repr(t) for t, n in unread.most_common(25)))
        if show_misses:
            print(f"  other misses ({min(show_misses, len(fair))} of {len(fair)}):")
            for case, answer in sorted(fair, key=lambda p: (p[0].kind, p[0].text.lower()))[:show_misses]:
                print(f"    {case.kind[:8]:8} {case.text!r:30} dct {case.dct} gold {case.gold:11} "
                      f"ours {answer.start or '-':11} {answer.note[:70]}")
        print()

    throughput(cases, dp)


def throughput(cases: list[Case], dp: Callable[[Case], Answer] | None) -> None:
    """Print phrases per CPU-second: process time, taken in interleaved chunks of 50 phrases (ours, then
    dateparser's, on the same phrases, each after a garbage collection) so that other load on the machine and
    each other's garbage weigh on both alike."""
    items = [(c.text, Day.parse(c.dct)) for c in cases]
    settings = [{"RELATIVE_BASE": datetime.datetime.fromisoformat(c.dct), "PREFER_DATES_FROM": "past"}
                for c in cases]
    parse = None
    if dp is not None:
        import dateparser

        parse = dateparser.parse

    def ours_on(chunk: range, cold: bool) -> float:
        gc.collect()  # neither side pays for the other's garbage
        started = time.process_time()
        for i in chunk:
            if cold:
                clear_cache()
            try:  # noqa: SIM105  (a plain try costs less than suppress() inside a timed loop)
                resolve_phrase(*items[i])
            except PhraseError:
                pass
        return time.process_time() - started

    def theirs_on(chunk: range) -> float:
        gc.collect()
        started = time.process_time()
        for i in chunk:
            try:  # noqa: SIM105  (as above)
                parse(cases[i].text, languages=["en"], settings=settings[i])  # type: ignore[misc]
            except Exception:  # dateparser raises assorted errors on odd input
                pass
        return time.process_time() - started

    chunks = [range(i, min(i + 50, len(items))) for i in range(0, len(items), 50)]
    totals: dict[str, list[float]] = {"cold": [], "one pass": [], "memoised": [], "dateparser": []}
    for _ in range(3):
        cold = one_pass = warm = theirs = 0.0
        for chunk in chunks:
            cold += ours_on(chunk, cold=True)
            if parse is not None:
                theirs += theirs_on(chunk)
        clear_cache()
        for chunk in chunks:
            one_pass += ours_on(chunk, cold=False)
        for chunk in chunks:
            warm += ours_on(chunk, cold=False)
        totals["cold"].append(cold)
        totals["one pass"].append(one_pass)
        totals["memoised"].append(warm)
        totals["dateparser"].append(theirs)
    rate = {name: len(items) / min(times) if min(times) else 0.0 for name, times in totals.items()}
    print("Throughput (phrases per CPU-second over all DATE records, best of 3 interleaved runs)")
    print(f"  ours, cold (memo cleared before every phrase) {rate['cold']:12,.0f}")
    print(f"  ours, one pass from an empty memo             {rate['one pass']:12,.0f}")
    print(f"  ours, memoised (every phrase seen before)     {rate['memoised']:12,.0f}")
    if parse is not None:
        print(f"  dateparser                                    {rate['dateparser']:12,.0f}")
        print(f"  ratio ours cold / dateparser                  {rate['cold'] / rate['dateparser']:12,.1f}x")
        print(f"  ratio ours one pass / dateparser              {rate['one pass'] / rate['dateparser']:12,.1f}x")


# --- records anchored elsewhere, since, open bounds, ranges, durations ------------------------------------------

def value_days(value: str | None) -> tuple[Day, Day] | None:
    """Give the first and last day of a gold value (a day, week, month, quarter, half, season or year), or None."""
    if not value or "X" in value:
        return None
    grain = granularity(value)
    try:
        y = int(value[:4])
        if grain == "day":
            day = Day.parse(value)
            return day, day
        if grain in ("week", "weekend"):
            monday = week_span(Day.of(y, 1, 4))[0].plus(7 * (int(value[6:8].rstrip("-")) - 1))
            return (monday.plus(5), monday.plus(6)) if grain == "weekend" else (monday, monday.plus(6))
        if grain == "month":
            m = int(value[5:7])
            return Day.of(y, m, 1), Day.of(y, m, days_in_month(y, m))
        if grain in ("quarter", "half"):
            size = 3 if grain == "quarter" else 6
            first = (int(value[6]) - 1) * size + 1
            ly, lm = add_months(y, first, size - 1)
            return Day.of(y, first, 1), Day.of(ly, lm, days_in_month(ly, lm))
        if grain == "season":
            first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[value[5:7]]
            ly, lm = add_months(y, first, 2)
            return Day.of(y, first, 1), Day.of(ly, lm, days_in_month(ly, lm))
        if grain == "year":
            return Day.of(y, 1, 1), Day.of(y, 12, 31)
    except (ValueError, KeyError, IndexError):
        return None
    return None


def raw_records(corpora: Path) -> list[dict[str, object]]:
    found = []
    for split in SPLITS:
        with open(corpora / f"timex-{split}.jsonl", encoding="utf-8") as handle:
            found += [json.loads(line) for line in handle]
    return found


def _scored(got_day: Day | None, gold: str, grain: str) -> bool:
    return got_day is not None and agrees(write_at(got_day, grain), gold)


def _read(text: str, anchor: Day, tense: str, days: tuple[Day, Day] | None = None):  # type: ignore[no-untyped-def]
    try:
        if days is not None:
            return resolve_relative(text, days, tense=tense)  # type: ignore[arg-type]
        return resolve_phrase(text, anchor, tense=tense)  # type: ignore[arg-type]
    except PhraseError:
        return None


_RANGE_IN_TEXT = re.compile(r"\b(?:between|through|until|till)\b|\d\s*-\s*\d|\bto\b")
_DURATION = re.compile(r"P(\d+)([DWMYQ])")
_DURATION_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter"}


def relative_table(corpora: Path) -> None:
    """Print the second table: records anchored elsewhere, since, open bounds, ranges and durations."""
    records = raw_records(corpora)
    print("Records anchored to another expression, and the new phrase kinds ('start' = start bound at the gold's")
    print("granularity, 'both' = start and end bound; tense from the words before, as in the first table)")
    header = f"{'set':58} {'n':>5} {'start':>7} {'both':>7}"
    print(header)
    print("-" * len(header))

    def row(label: str, hits: int, both: int | None, n: int) -> None:
        pct = (lambda k: f"{100 * k / n:6.1f}%") if n else (lambda k: "     - ")
        print(f"{label:58} {n:5d} {pct(hits):>7} {pct(both) if both is not None else '':>7}")

    anchored = [r for r in records if r["type"] == "DATE" and r["anchor"] not in (None, "dct")
                and granularity(str(r["value_norm"])) and str(r["value_norm"])[0].isdigit()
                and value_days(str(r["anchor_value"] or "")) is not None]
    for label, against in (("anchored elsewhere, resolved against the DCT", False),
                           ("anchored elsewhere, resolved against its anchor (new)", True)):
        hits = both = 0
        for r in anchored:
            gold, grain = str(r["value_norm"]), granularity(str(r["value_norm"]))
            assert grain is not None
            tense = infer_tense(str(r["left"] or ""), str(r["text"]))
            got = _read(str(r["text"]), Day.parse(str(r["dct"])), tense,
                        value_days(str(r["anchor_value"])) if against else None)
            hit = got is not None and _scored(got.start, gold, grain)
            hits += hit
            both += hit and got is not None and _scored(got.end, gold, grain)
        row(label, hits, both, len(anchored))

    def last_word(r: dict[str, object]) -> str:
        words = str(r["left"] or "").lower().split()
        return words[-1] if words else ""

    dated = [r for r in records if r["type"] == "DATE" and granularity(str(r["value_norm"]))
             and str(r["value_norm"])[0].isdigit()]
    since = [r for r in dated if last_word(r) == "since"]
    hits = both = 0
    for r in since:
        gold, grain, dct = str(r["value_norm"]), granularity(str(r["value_norm"])), Day.parse(str(r["dct"]))
        assert grain is not None
        got = _read("since " + str(r["text"]), dct, "past")
        hit = got is not None and _scored(got.start, gold, grain)
        hits += hit
        both += hit and got is not None and got.end == dct and got.kind == "span"
    row("'since X' (start = gold, end = the DCT, a span)", hits, both, len(since))
    opened = [r for r in dated if last_word(r) in ("by", "until", "till")]
    hits = 0
    for r in opened:
        gold, grain = str(r["value_norm"]), granularity(str(r["value_norm"]))
        assert grain is not None
        got = _read(f"{last_word(r)} {r['text']}", Day.parse(str(r["dct"])),
                    infer_tense(str(r["left"] or ""), str(r["text"])))
        hits += got is not None and got.start is None and _scored(got.end, gold, grain)
    row("open bounds 'by/until X' (no start, end = gold)", hits, None, len(opened))
    ranged = [r for r in dated if last_word(r) in ("from", "between") or _RANGE_IN_TEXT.search(str(r["text"]).lower())]
    hits = 0
    for r in ranged:
        gold, grain = str(r["value_norm"]), granularity(str(r["value_norm"]))
        assert grain is not None
        got = _read(str(r["text"]), Day.parse(str(r["dct"])), infer_tense(str(r["left"] or ""), str(r["text"])))
        hits += got is not None and _scored(got.start, gold, grain)
    row("ranges (first side of from/between, or a range itself)", hits, None, len(ranged))
    durations = [(r, m) for r in records if r["type"] == "DURATION"
                 and (m := _DURATION.fullmatch(str(r["value_norm"])))]
    hits = 0
    for r, m in durations:
        with contextlib.suppress(PhraseError):
            hits += parse_duration(str(r["text"])) == (int(m.group(1)), _DURATION_UNITS[m.group(2)])
    row("durations with a count and a unit (P3W, P34Y: count and unit)", hits, None, len(durations))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder of timex-*.jsonl files")
    parser.add_argument("--misses", type=int, default=0, help="list up to N other misses per split")
    parser.add_argument("--no-dateparser", action="store_true", help="skip dateparser (faster)")
    args = parser.parse_args(argv)
    if not (args.corpora / "timex-timebank.jsonl").exists():
        print(f"no corpora in {args.corpora}; pass --corpora DIR", file=sys.stderr)
        return 2
    relative_table(args.corpora)
    run(load(args.corpora), args.misses, not args.no_dateparser)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
