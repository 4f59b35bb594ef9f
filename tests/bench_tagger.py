"""Score `timeline tag` on whole news documents by the TempEval-3 rules, beside dateparser's search_dates.

    python tests/bench_tagger.py [--corpora DIR] [--split NAME]... [--misses N] [--no-dateparser]

The documents are `docs-*.jsonl` in `../shared/corpora` (or `$TIMELINE_CORPORA`, or `--corpora`): each holds the
text, its creation date (the anchor) and every gold TIMEX3 with character offsets. Nothing of them is copied
into the project.

Scoring, as TempEval-3's `TE3-evaluation.py` does it: a gold and a system expression pair when they overlap, one to
one (an expression with exactly the same extent is paired first, then the first overlap); strict match = the same
extent; precision, recall and F1 are summed over the whole split; value and type accuracy are exact string
matches over the relaxed pairs; value F1 = relaxed F1 x value accuracy, type F1 likewise.

A benchmark, not a test: it prints a table and exits 0. `--misses N` prints N of each kind of error (missed,
spurious, wrong extent, wrong value) to read, never to fit: rules come from how news writes dates. Among the wrong
values it counts apart those that are ours in another spelling of the gold (`gold-form`: `1949-XX` for `1949`,
`2000-W7` for `2000-W07`); they still count as wrong in the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.calendar import Day
from timeline.dates.tag import tag

SPLITS = ("timebank", "aquaint")


@dataclass(frozen=True, slots=True)
class Span:
    """One expression: extent, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class Score:
    """Counts summed over a split, and examples of each kind of error."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    seconds: float = 0.0  # wall clock
    cpu: float = 0.0  # CPU time of this process (what other work on a shared machine does not change)
    documents: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [gold, found, value right]
    errors: dict[str, list[str]] = field(default_factory=lambda: {"missed": [], "spurious": [], "extent": [],
                                                                   "value": [], "gold-form": [], "type": []})

    def f1(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self) -> dict[str, float]:
        sp, sr, sf = self.f1(self.strict)
        rp, rr, rf = self.f1(self.relaxed)
        value_acc = self.value / self.relaxed if self.relaxed else 0.0
        type_acc = self.type / self.relaxed if self.relaxed else 0.0
        return {"strict P": sp, "strict R": sr, "strict F1": sf, "relaxed P": rp, "relaxed R": rr,
                "relaxed F1": rf, "value acc": value_acc, "value F1": rf * value_acc, "type F1": rf * type_acc,
                "docs/s": self.documents / self.seconds if self.seconds else 0.0,
                "docs/CPU-s": self.documents / self.cpu if self.cpu else 0.0}


def pair(gold: list[Span], system: list[Span]) -> list[tuple[Span, Span]]:
    """Give the one-to-one pairs of overlapping expressions: the same extent first, then the first overlap."""
    pairs: list[tuple[Span, Span]] = []
    used: set[int] = set()
    paired: set[int] = set()
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if j not in used and (s.start, s.end) == (g.start, g.end):
                pairs.append((g, s))
                used.add(j)
                paired.add(i)
                break
    for i, g in enumerate(gold):
        if i in paired:
            continue
        for j, s in enumerate(system):
            if j not in used and s.start < g.end and g.start < s.end:
                pairs.append((g, s))
                used.add(j)
                break
    return pairs


def score(score: Score, doc: dict, system: list[Span]) -> None:
    gold = [Span(t["start"], t["end"], t["text"], t["type"], t["value"]) for t in doc["timexes"]]
    pairs = pair(gold, system)
    score.gold += len(gold)
    score.system += len(system)
    score.relaxed += len(pairs)
    found = {id(g) for g, _ in pairs}
    right = {id(g) for g, s in pairs if g.value == s.value}
    for g in gold:
        counts = score.by_type.setdefault(g.type, [0, 0, 0])
        counts[0] += 1
        counts[1] += id(g) in found
        counts[2] += id(g) in right
    matched = {id(s) for _, s in pairs}
    for g, s in pairs:
        strict = (g.start, g.end) == (s.start, s.end)
        score.strict += strict
        score.value += g.value == s.value
        score.type += g.type == s.type
        where = f"{doc['doc']} dct {doc['dct']}"
        if not strict:
            score.errors["extent"].append(f"{where}: gold {g.text!r} / ours {s.text!r}")
        if g.value != s.value and gold_form(g.value) == s.value:
            score.errors["gold-form"].append(f"{where}: {g.text!r} gold {g.value} / ours {s.value}")
        if g.value != s.value:
            score.errors["value"].append(f"{where}: {g.text!r} gold {g.type} {g.value} / ours {s.type} {s.value}"
                                         f"   ...{_context(doc['text'], g)}")
        elif g.type != s.type:
            score.errors["type"].append(f"{where}: {g.text!r} gold {g.type} / ours {s.type}")
    for g in gold:
        if id(g) not in found:
            score.errors["missed"].append(f"{doc['doc']}: {g.text!r} {g.type} {g.value}   "
                                          f"...{_context(doc['text'], g)}")
    for s in system:
        if id(s) not in matched:
            score.errors["spurious"].append(f"{doc['doc']}: {s.text!r} {s.type} {s.value}   "
                                            f"...{_context(doc['text'], s)}")


_TRAILING_X = re.compile(r"^(\d{4}(?:-\d\d)?)(?:-XX)+$")


def gold_form(value: str) -> str:
    """Give a gold value in the form TIMEX3 writes it, as the corpus README's `value_norm` does: `2000-W7` ->
    `2000-W07`, `1949-XX` -> `1949`, `1998-12-XX` -> `1998-12`, `198X` -> `198`, `19XX` -> `19`. For `--misses` only:
    the scores compare the gold value exactly, as TempEval-3 does."""
    week = re.fullmatch(r"(\d{4})-W(\d)(-WE)?", value)
    if week:
        return f"{week.group(1)}-W0{week.group(2)}{week.group(3) or ''}"
    trailing = _TRAILING_X.fullmatch(value)
    if trailing:
        return trailing.group(1)
    if re.fullmatch(r"\d{3}X|\d{2}XX", value):
        return value.rstrip("X")
    return value


def _context(text: str, span: Span) -> str:
    left = " ".join(text[max(0, span.start - 60):span.start].split())
    right = " ".join(text[span.end:span.end + 40].split())
    return f"{left} [{text[span.start:span.end]}] {right}"


def ours(doc: dict) -> list[Span]:
    return [Span(m.start, m.end, m.text, m.type, m.value) for m in tag(doc["text"], Day.parse(doc["dct"]))]


def dateparser_spans() -> Callable[[dict], list[Span]]:
    import datetime

    from dateparser.search import search_dates

    def run(doc: dict) -> list[Span]:
        base = datetime.datetime.fromisoformat(doc["dct"])
        found = search_dates(doc["text"], languages=["en"],
                             settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
        spans, at = [], 0
        for words, when in found:
            start = doc["text"].find(words, at)
            if start < 0:
                continue
            at = start + len(words)
            timed = when.hour or when.minute
            value = when.strftime("%Y-%m-%dT%H:%M") if timed else when.date().isoformat()
            spans.append(Span(start, at, words, "TIME" if timed else "DATE", value))
        return spans

    return run


def run(docs: Iterable[dict], system: Callable[[dict], list[Span]]) -> Score:
    result = Score()
    for doc in docs:
        begun, begun_cpu = time.perf_counter(), time.process_time()
        spans = system(doc)
        result.seconds += time.perf_counter() - begun
        result.cpu += time.process_time() - begun_cpu
        result.documents += 1
        score(result, doc, spans)
    return result


def load(folder: Path, split: str) -> list[dict]:
    with open(folder / f"docs-{split}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


COLUMNS = ("strict F1", "relaxed F1", "value F1", "type F1", "strict P", "strict R", "relaxed P", "relaxed R",
           "value acc", "docs/s", "docs/CPU-s")


def main(argv: list[str] | None = None) -> int:
    default = Path(os.environ.get("TIMELINE_CORPORA", Path(__file__).resolve().parents[1] / ".." / "shared" /
                                  "corpora"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=default)
    parser.add_argument("--split", action="append", metavar="NAME",
                        help="score docs-NAME.jsonl (repeatable; default: timebank and aquaint; a held-out set "
                             "in the same shape, such as platinum or meantime, is scored the same way)")
    parser.add_argument("--misses", type=int, default=0, help="print this many errors of each kind")
    parser.add_argument("--no-dateparser", action="store_true")
    args = parser.parse_args(argv)
    splits = args.split or list(SPLITS)
    systems: list[tuple[str, Callable[[dict], list[Span]]]] = [("timeline", ours)]
    if not args.no_dateparser:
        try:
            systems.append(("dateparser", dateparser_spans()))
        except ImportError:
            print("dateparser is not installed: scoring timeline alone", file=sys.stderr)
    # every split through timeline first, then through dateparser: its import and caches stay out of our timing
    documents = {split: load(args.corpora, split) for split in splits}
    results = {(split, name): run(documents[split], system) for name, system in systems for split in splits}
    print("| split | system | " + " | ".join(COLUMNS) + " |")
    print("|---|---|" + "---|" * len(COLUMNS))
    for split in splits:
        for name, _ in systems:
            result = results[split, name]
            row = result.row()
            cells = [f"{row[c]:.0f}" if c.startswith("docs") else f"{row[c]:.3f}" for c in COLUMNS]
            print(f"| {split} ({len(documents[split])} docs, {result.gold} timexes) | {name} | " + " | ".join(cells)
                  + " |")
    print("\nBy gold type (timeline): found = paired with one of ours (relaxed recall), value = exact value")
    print("| split | " + " | ".join(f"{t} gold | found | value" for t in ("DATE", "TIME", "DURATION", "SET")) + " |")
    print("|---|" + "---|---|---|" * 4)
    for split in splits:
        by = results[split, "timeline"].by_type
        cells = []
        for t in ("DATE", "TIME", "DURATION", "SET"):
            g, f, v = by.get(t, [0, 0, 0])
            cells += [str(g), str(f), str(v)]
        print(f"| {split} | " + " | ".join(cells) + " |")
    for split in splits:
        result = results[split, "timeline"]
        forms = len(result.errors["gold-form"])
        if forms:
            row = result.row()
            kept = row["relaxed F1"] * (result.value + forms) / result.relaxed
            print(f"{split}: {forms} of the {result.relaxed - result.value} wrong values are ours spelled another "
                  f"way by the gold (`--misses` lists them as gold-form); value F1 {row['value F1']:.3f} counts "
                  f"them wrong, {kept:.3f} would not")
    if args.misses:
        for split in splits:
            for kind, lines in results[split, "timeline"].errors.items():
                print(f"\n## {split}: {kind} ({len(lines)})")
                for line in lines[:args.misses]:
                    print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
