"""Fuzzing the loader, the resolver and the editing path: the only exception that may come out is TimelineError.

Properties: mutated logs, arbitrary text and bytes on disk, well-formed logs with random phrases (load); the fast
line reader against PyYAML's parser (same tree, same places, or it gives up); phrases built from the resolver's own
patterns and random text (resolve); `timeline resolve --jsonl` with arbitrary JSON lines; CSV and TimelineJS
imports end to end; edits of every kind with hostile values on logs saved with CRLF, a BOM or no final newline.

Seeded with the real logs (events.yaml and every tests/fixtures/**/*.yaml) and with known bad inputs (tabs, anchors,
aliases, tags, duplicate keys, control characters, invalid UTF-8, deep nesting, bidi controls...), then mutated.

How many examples each property runs comes from TIMELINE_FUZZ_EXAMPLES (default sized so the file runs in about a
minute on two cores). The run is derandomized (the same examples every time, so CI is reproducible) unless
TIMELINE_FUZZ_SEED is set, which makes it a fresh random run from that seed: `python tests/fuzz_long.py` does that
with many examples and prints what it found.

Besides "no other exception", each property checks what a result means: a loaded log has consistent bounds and
ids, every problem is placed inside the file, an edit either lands exactly as given (and nothing else changes) or is
refused with the file byte-identical.
"""

from __future__ import annotations

import json
import os
import shutil
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, note, reject, settings, strategies as st

import timeline
from timeline.dates import vocabulary as vocab
from timeline.calendar import Day
from timeline.errors import PhraseError, ProblemList, TimelineError
from timeline.model import Log
from timeline.dates.resolve import resolve_phrase
from timeline.model import Limits

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "600"))
SEED = os.environ.get("TIMELINE_FUZZ_SEED")

settings.register_profile(
    "timeline-fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                           HealthCheck.large_base_example],
)
FUZZ = settings.get_profile("timeline-fuzz")
#: The cheap properties (a phrase, a short text) run five times as many examples in the same time.
FUZZ_CHEAP = settings(FUZZ, max_examples=EXAMPLES * 5)
#: A whole command per example is costly: a tenth as many.
FUZZ_COSTLY = settings(FUZZ, max_examples=max(10, EXAMPLES // 10))
if SEED is not None:
    from hypothesis import seed as _seed

    seeded = _seed(int(SEED))
else:
    def seeded(fn: Any) -> Any:
        return fn


def _seed_texts() -> list[str]:
    paths = [ROOT / "events.yaml", *sorted(FIXTURES.rglob("*.yaml"))]
    return [p.read_text("utf-8") for p in paths if p.is_file()]


SEED_TEXTS = _seed_texts()
SMALL_LOG = 'title: t\nsources:\n  s:\n    published: "2024-05-17"\nevents:\n  - id: a\n    title: A\n' \
            '    when: Tuesday\n    source: s\n'

#: Inputs known to be bad, each refused with a located LogError (tests/test_log_errors.py pins the messages).
KNOWN_BAD = [
    "", "# only a comment\n", "\ufeff", "- a\n- b\n", "hello\n", "~\n", "[]\n", "{}\n",
    SMALL_LOG.replace("  - id: a", "\t- id: a"),
    "title: a\ntitle: b\nevents: []\n",
    "title: &t x\nevents: []\n", "events: []\nx: *t\n", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "title: !!python/object/apply:os.system ['echo pwned']\nevents: []\n",
    "title: !thing x\nevents: []\n", "!!map {title: x, events: []}\n", "%YAML 1.1\n---\ntitle: x\nevents: []\n",
    "%TAG ! tag:evil.example,2000:\n---\ntitle: !x y\nevents: []\n",
    'title: "abc\nevents: []\n', "title: x\nevents: [\n", "title: x\nevents: []\n---\ntitle: y\n",
    "title: a\x07b\nevents: []\n", "title: a\x00b\nevents: []\n", "title: \x1b[31mred\nevents: []\n",
    "title: x\nevents: []\nnotes: " + "[" * 30 + "]" * 30 + "\n",
    "title: x\nevents: []\nnotes: " + "[" * 2000 + "]" * 2000 + "\n",
    "title: x\nevents: {a: 1}\n", "title: x\nevnts: []\n", "? [a, b]\n: c\nevents: []\n", "? {a: b}\n: c\n",
    "<<: {title: x}\nevents: []\n", "title: x\nevents:\n  - <<: {id: a, title: A, when: '2024-01-01'}\n",
    SMALL_LOG.replace("Tuesday", "Tusday"), SMALL_LOG.replace("Tuesday", "2023-02-29"),
    SMALL_LOG.replace("Tuesday", "weekend\n    anchor: '9999-12-31'\n    planned: true"),
    SMALL_LOG.replace("Tuesday", "'" + "Tuesday " * 40 + "'"),
    SMALL_LOG.replace('"2024-05-17"', '"-9999-01-01"').replace("Tuesday", "last year"),
    SMALL_LOG.replace('"2024-05-17"', '"9999-12-31"').replace("Tuesday", "next year\n    planned: true"),
    SMALL_LOG.replace("title: A", "title: \u202egnp.exe"), SMALL_LOG.replace("title: A", 'title: "\\u2028\\x85"'),
    SMALL_LOG.replace("source: s", "source: s\n    url: javascript:alert(1)"),
    SMALL_LOG.replace("id: a", "id: a b"), SMALL_LOG + "  - id: a\n    title: B\n    when: Monday\n    source: s\n",
    SMALL_LOG.replace("\n", "\r\n"), SMALL_LOG.replace("\n", "\r"), SMALL_LOG.replace("\n", "\u2028"),
    SMALL_LOG + "...\n", SMALL_LOG + "\x85", "\ufeff" + SMALL_LOG, SMALL_LOG * 2,
]
KNOWN_BAD_BYTES = [b"\xff\xfe" + SMALL_LOG.encode("utf-16-le"), SMALL_LOG.encode("utf-16"), b"title: \xc3\x28\n",
                   b"\xef\xbb\xbf\xef\xbb\xbf" + SMALL_LOG.encode(), SMALL_LOG.encode()[:-7] + b"\xe2\x82",
                   b"\x00" * 64, b"title: x\nevents: []\n\xed\xa0\x80\n"]

ALL_SEEDS = st.sampled_from(SEED_TEXTS + KNOWN_BAD)

#: Fragments that are YAML syntax, YAML hazards, or hostile text; spliced into seeds at random places.
TOKENS = [
    "\t", " ", "  ", "\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x07", "\x1b", "\x7f",
    "\u202e", "\u2066", "\u200b", "\ud7ff", "\U0001f600", "#", "# c\n", "&a ", "*a", "!", "!!str ", "!x ", "%", "@",
    "`", "|", "|-\n", ">", ">-\n", "- ", "-", "--- ", "---\n", "...\n", "? ", ": ", ":", ",", "[", "]", "{", "}",
    "'", '"', "\\", "\\u0000", '\\"', "''", "<<: ", "~", "null", "no", "yes", "on", "0x1F", "1e3", ".inf", "0o17",
    "2024-05-17", "2024-13-45", "-9999-01-01", "9999-12-31", "Tuesday", "last July", "weekend", "next year",
    "the third quarter of last year", "19xx", "2024-05/2024-06", "?", "~", "%", "id: ", "title: ", "when: ",
    "until: ", "source: ", "anchor: ", "tense: future", "planned: true", "claims:", "tags: [", "events:",
    "sources:", "periods:", "published: ", "<script>alert(1)</script>", "javascript:alert(1)", "=1+1", "x" * 300,
]

#: Bugs this file found and reported, not yet fixed: (exception type, message fragment). A fuzz example that fails
#: only this way is set aside so the fuzz keeps looking for new ones; the strict-xfail tests at the end of the file
#: pin each bug, so when the fix lands they pass, fail as XPASS, and the entry must be removed from here.
KNOWN_BUGS: tuple[tuple[type[BaseException], str], ...] = (
    # None open. Fixed: (ValueError, "is outside -9999..9999") from resolver._resolve_cached; the stacked-narrowing
    # bounds (start after end); (AttributeError, "has no attribute 'strip'") from `resolve --jsonl` (3fdf83d).
    # Each is pinned by a regression test below.
)


def set_aside_known_bug(exc: BaseException) -> None:
    """Reject the current example when `exc` is a known, reported bug; otherwise let the test fail."""
    if not isinstance(exc, TimelineError) and any(isinstance(exc, kind) and fragment in str(exc)
                                                  for kind, fragment in KNOWN_BUGS):
        event("set aside: known bug")
        reject()


# --- strategies --------------------------------------------------------------------------------------------------

WORDS = sorted({*vocab.WEEKDAYS, *vocab.MONTHS, *vocab.SEASONS, *vocab.NUMBER_WORDS, *vocab.ORDINAL_WORDS,
                *vocab.UNITS, *vocab.ERAS, *vocab.MODIFIERS, *vocab.DAY_PARTS, *vocab.LAST_WORDS,
                *vocab.THIS_WORDS, *vocab.NEXT_WORDS, *vocab.LATEST_WORDS, *vocab.IGNORED_WORDS,
                *vocab.VAGUE_QUANTITIES, *(w for ws in vocab.FRAME_WORDS for w in ws),
                *(w for ws in vocab.APPROXIMATE_WORDS for w in ws), *(w for ws in vocab.REWRITES for w in ws),
                *(w for ws in vocab.VAGUE for w in ws), *(s for slots, _ in vocab.PATTERNS for s in slots
                                                          if s.islower())})
NUMBERS = ["0", "1", "7", "12", "13", "29", "31", "32", "99", "100", "1999", "2024", "-2024", "9999", "10000",
           "-9999", "0000", "3rd", "21st", "31st", "q1", "q4", "h2", "fy24", "fy'99", "'90s", "1990s", "90s",
           "2024-05-17", "2024-05", "-0044-03-15", "2024-02-29", "2023-02-29", "19xx", "20xx-xx", "2024-05-17?",
           "2024~", "2024-05-17/..", "../2024", "2024/2023", "10:30", "10am", "p.m.", "a.m."]
PUNCT = [",", ".", "'", "'s", "-", "/", "(", ")", "?", "~", "%", "\u2019", "\u201c", "\u00a0", "\u3000", "\t"]

phrase_words = st.lists(st.sampled_from(WORDS + NUMBERS + PUNCT), min_size=1, max_size=10).map(" ".join)

#: Tokens for each numeric slot of a pattern, edges included (0, 31, 32, years at both ends of the calendar).
SLOT_TOKENS: dict[str, list[str]] = {
    "NUMBER": ["0", "1", "2", "3", "12", "100", "9999", "123456", "one", "twenty one", "a hundred", "a couple of"],
    "DAY": ["1", "15", "28", "29", "30", "31", "32", "1st", "22nd", "31st", "0"],
    "YEAR": ["0000", "0001", "1900", "1999", "2000", "2023", "2024", "9999", "-9999"],
    "ORD": ["first", "second", "third", "fourth", "5th", "21st", "100th"],
    "DECADE": ["1990s", "2000s", "0000s", "9990s"],
    "QCODE": ["q1", "q2", "q3", "q4"],
    "HCODE": ["h1", "h2"],
    "EDTF": ["2024-05", "19xx", "2024-xx-xx", "-0044-03-15"],
}


@st.composite
def grammar_phrases(draw: st.DrawFn, depth: int = 0) -> str:
    """Give a phrase built from one of the resolver's own patterns: most of these resolve, so the rules run deep."""
    slots, _ = draw(st.sampled_from(vocab.PATTERNS))
    words = []
    for slot in slots:
        if slot == "REST":
            words.append(draw(grammar_phrases(depth + 1)) if depth < 2 else draw(st.sampled_from(
                ["2024", "last year", "this year", "2023", "next year", "-0044", "9999"])))
        elif slot.islower():
            words.append(slot)
        elif vocab.WORD_CLASSES.get(slot):
            words.append(draw(st.sampled_from(sorted(vocab.WORD_CLASSES[slot]))))
        else:
            words.append(draw(st.sampled_from(SLOT_TOKENS.get(slot, ["2024"]))))
    phrase = " ".join(words)
    return draw(st.sampled_from([phrase, phrase.title(), phrase + "?", "about " + phrase, "since " + phrase,
                                 phrase.replace(" ", ",  "), phrase + "'s"]))


phrases = st.one_of(
    grammar_phrases(),
    grammar_phrases(),
    phrase_words,
    phrase_words.map(str.upper),
    st.text(max_size=40),
    st.text(alphabet=string.digits + "-/?~%.x ", max_size=25),
    st.builds(lambda a, b: a + b, grammar_phrases(), st.text(max_size=5)),
)
days = st.one_of(
    st.integers(Day.parse("-9999-01-01").ordinal, Day.parse("9999-12-31").ordinal).map(Day),
    st.sampled_from([Day.parse(d) for d in ("-9999-01-01", "-9999-12-31", "0000-01-01", "0000-12-31",
                                            "2024-02-29", "2024-05-17", "2024-12-31", "9999-01-01",
                                            "9999-12-25", "9999-12-31")]),
)
anchors = st.one_of(st.none(), days)
tenses = st.sampled_from(["past", "future"])


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str] | None = None) -> str:
    """Give a seed log (default: a real log or a known bad input) after a few random splices and cuts."""
    text = draw(base if base is not None else ALL_SEEDS)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "insert", "delete", "duplicate-line", "swap-lines", "indent",
                                   "replace-value", "truncate", "random-text"]))
        lines = text.split("\n")
        line = min(text.count("\n", 0, at), len(lines) - 1)
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif op == "random-text":
            text = text[:at] + draw(st.text(max_size=8)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == "duplicate-line":
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif op == "swap-lines":
            other = draw(st.integers(0, len(lines) - 1))
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        elif op == "indent":
            lines[line] = draw(st.sampled_from(["", " ", "  ", "    ", "\t"])) + lines[line].lstrip(" ")
            text = "\n".join(lines)
        elif op == "replace-value" and ": " in lines[line]:
            key = lines[line].split(": ", 1)[0]
            value = draw(st.one_of(st.sampled_from(TOKENS), phrases.map(json.dumps)))
            lines[line] = f"{key}: {value}"
            text = "\n".join(lines)
        elif op == "truncate":  # what a half-written file would look like
            text = text[:at]
    return text


def _scalar(text: str) -> str:
    """Give `text` as a YAML double-quoted scalar that reads back as exactly `text`.

    Not json.dumps: JSON writes a character beyond U+FFFF as a surrogate pair (\\ud83d\\ude00), which YAML
    readers refuse, so most generated logs would be refused for that alone.
    """
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif " " <= c <= "~":
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@st.composite
def structured_logs(draw: st.DrawFn) -> str:
    """Give a well-formed log with random phrases, anchors, tenses, claims and text: the resolver seen through load."""
    sources = draw(st.lists(st.tuples(st.sampled_from(["s", "t", "u", "x.y", "a_b"]), anchors), max_size=3,
                            unique_by=lambda s: s[0]))
    out = ["title: " + _scalar(draw(texts)), "sources:" + ("" if sources else " {}")]
    for sid, published in sources:
        out.append(f"  {sid}:")
        out.append(f"    title: {_scalar(draw(texts))}")
        if published is not None:
            out.append(f"    published: {_scalar(published.iso())}")
    out.append("events:" + ("" if draw(st.booleans()) else " []"))
    if out[-1] == "events:":
        for n in range(draw(st.integers(1, 4))):
            out.append(f"  - id: e{n}")
            out.append(f"    title: {_scalar(draw(texts) or 'E')}")
            for key in ("when", "until"):
                if key == "when" or draw(st.booleans()):
                    out.append(f"    {key}: {_scalar(draw(phrases))}")
            if bool(sources) and draw(st.booleans()):
                out.append(f"    source: {draw(st.sampled_from([sid for sid, _ in sources]))}")
            anchor = draw(anchors)
            if anchor is not None and draw(st.booleans()):
                out.append(f"    anchor: {_scalar(anchor.iso())}")
            if draw(st.booleans()):
                out.append(f"    planned: {draw(st.sampled_from(['true', 'false']))}")
            for key in ("quote", "notes"):
                if draw(st.booleans()):
                    out.append(f"    {key}: {_scalar(draw(texts))}")
            if draw(st.booleans()):
                out.append(f"    tags: [{', '.join(_scalar(t) for t in draw(st.lists(texts, max_size=3)))}]")
            for claim in range(draw(st.integers(0, 2))):
                if claim == 0:
                    out.append("    claims:")
                out.append(f"      - when: {_scalar(draw(phrases))}")
                if draw(st.booleans()):
                    out.append(f"        anchor: {_scalar(draw(days).iso())}")
                if bool(sources) and draw(st.booleans()):
                    out.append(f"        source: {draw(st.sampled_from([sid for sid, _ in sources]))}")
    return "\n".join(out) + "\n"


# --- what a result must mean -------------------------------------------------------------------------------------

def check_loaded(log: Log, text: str) -> None:
    """A log that loads is consistent: bounds in order, ids unique, every record one of its events."""
    ids = [e.id for e in log.events]
    assert len(ids) == len(set(ids))
    assert sorted(r.id for r in log.records) == sorted(ids)
    for record in log.records:
        assert record.start is None or record.end is None or record.start <= record.end, record
        for dates in record.dates:
            for resolved in (dates.when, dates.until):
                if resolved is not None and resolved.start is not None and resolved.end is not None:
                    assert resolved.start <= resolved.end, resolved
                    json.dumps(resolved.as_json())


def check_refusal(exc: TimelineError, text: str) -> None:
    """A refusal says something, on one placed line per problem, each place inside the file."""
    problems = exc.problems if isinstance(exc, ProblemList) else [exc]
    assert problems, "a ProblemList with no problems"
    # YAML 1.1 (libyaml) also breaks lines at U+0085, U+2028 and U+2029; an upper bound is enough here
    lines = sum(text.count(c) for c in ("\n", "\r", "\x85", "\u2028", "\u2029")) + 2
    for problem in problems:
        assert problem.message.strip(), "an empty error message"
        assert "Traceback" not in problem.message
        if problem.line is not None:
            assert 1 <= problem.line <= lines, f"line {problem.line} of a {lines}-line file: {problem.located()}"
        if problem.col is not None:
            assert problem.col >= 1, problem.located()


def load_or_refuse(text: str, *, fuzzing: bool = True) -> Log | None:
    """Give the loaded log, or None after checking the refusal; any exception but TimelineError fails."""
    try:
        log = timeline.loads(text, path="fuzz.yaml", limits=Limits())
    except TimelineError as exc:
        check_refusal(exc, text)
        if fuzzing:
            event(f"refused: {len(getattr(exc, 'problems', [exc]))} problem(s)")
        return None
    except Exception as exc:
        if fuzzing:
            set_aside_known_bug(exc)
        raise
    check_loaded(log, text)
    if fuzzing:
        event("loaded")
    return log


# --- the loader --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", SEED_TEXTS + KNOWN_BAD,
                         ids=[f"input{n}" for n in range(len(SEED_TEXTS) + len(KNOWN_BAD))])
def test_every_seed_and_known_bad_input_loads_or_is_refused_cleanly(text: str) -> None:
    load_or_refuse(text, fuzzing=False)


@seeded
@FUZZ
@given(mutated())
def test_mutated_logs_load_or_are_refused_cleanly(text: str) -> None:
    load_or_refuse(text)


def _shape(node: Any) -> Any:
    """Give a yamltree node as nested tuples of what a reader decides: values, kinds, styles and places."""
    from timeline.log.yamltree import Mapping, Scalar

    if node is None:
        return None
    if isinstance(node, Scalar):
        return ("scalar", node.value, node.pos, node.plain)
    if isinstance(node, Mapping):
        return ("mapping", node.pos, [(key, scalar.pos, _shape(node.items[key]))
                                      for key, scalar in node.keys.items()])
    return ("sequence", node.pos, [_shape(item) for item in node.items])


@seeded
@FUZZ
@given(mutated())
def test_the_fast_reader_reads_what_pyyaml_reads_or_gives_up(text: str) -> None:
    """yamltree's line reader promises PyYAML's tree, places included, or to hand over; never a third answer."""
    from timeline.log.yamltree import _FastReader, _GiveUp, compose

    try:
        fast = _FastReader(text, Limits()).document()
    except _GiveUp:
        event("fast reader gave up")
        return
    except Exception as exc:  # the fast reader's only way out is _GiveUp (errors are the full parser's to word)
        raise AssertionError(f"the fast reader raised {exc!r}") from exc
    try:
        full = compose(text, "fuzz.yaml", Limits())
    except TimelineError as exc:
        raise AssertionError(f"the fast reader read a text PyYAML refuses: {exc.located()}") from None
    assert _shape(fast) == _shape(full)
    event("fast reader read it")


@seeded
@FUZZ_CHEAP
@given(st.text(max_size=200))
def test_arbitrary_text_loads_or_is_refused_cleanly(text: str) -> None:
    load_or_refuse(text)


@seeded
@FUZZ
@given(structured_logs())
def test_well_formed_logs_with_random_phrases_resolve_or_are_refused_cleanly(text: str) -> None:
    load_or_refuse(text)


@seeded
@FUZZ
@given(st.one_of(st.sampled_from(KNOWN_BAD_BYTES), st.binary(max_size=200),
                 st.builds(lambda t, at, junk: (t.encode("utf-8", "surrogatepass")[:at] + junk
                                                + t.encode("utf-8", "surrogatepass")[at:]),
                           mutated(), st.integers(0, 6000), st.binary(min_size=1, max_size=4))))
def test_arbitrary_bytes_on_disk_load_or_are_refused_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_bytes(data)
        note(f"data={data!r}")
        try:
            log = timeline.load(path)
        except TimelineError as exc:
            check_refusal(exc, data.decode("utf-8", "replace"))
            event("refused")
            return
        except Exception as exc:
            set_aside_known_bug(exc)
            raise
        event("loaded")
        check_loaded(log, data.decode("utf-8"))


@seeded
@settings(FUZZ, max_examples=max(10, EXAMPLES // 5))
@given(structured_logs())
def test_every_output_of_a_log_that_loads_is_written_or_refused_cleanly(text: str) -> None:
    """Dates at the ends of the calendar, open and vague ones, odd text: the page and every export still work."""
    from timeline.render.build import render
    from timeline.exchange.exports import export
    from timeline.render.registry import EXPORTS as WRITERS

    try:
        log = timeline.loads(text)
    except TimelineError:
        event("not loaded")
        return
    for name in ["pages and reports", *WRITERS]:
        try:
            if name == "pages and reports":
                files = render(log)
                assert set(files) >= {"timeline.html", "report.html", "report.md", "report.csv", "events.json"}
            else:
                export(log, name)
        except TimelineError as exc:
            event(f"{name}: refused")
            assert exc.message.strip()
        except Exception as exc:
            set_aside_known_bug(exc)
            raise
    event("every output written")


# --- the resolver ------------------------------------------------------------------------------------------------

@seeded
@FUZZ_CHEAP
@given(phrases, anchors, tenses)
def test_resolver_gives_a_result_or_a_phrase_error(text: str, anchor: Day | None, tense: str) -> None:
    try:
        result = resolve_phrase(text, anchor, tense=tense)
    except PhraseError as exc:
        assert exc.message.strip() and "Traceback" not in exc.message
        event("refused")
        return
    except Exception as exc:
        set_aside_known_bug(exc)
        raise
    event(f"resolved: {result.rule}")
    assert result.text == text
    assert result.start is None or result.end is None or result.start <= result.end
    assert result.precision and result.rule and result.explanation
    assert result.anchor is None or result.anchor == anchor
    json.dumps(result.as_json())
    assert resolve_phrase(text, anchor, tense=tense) == result  # the cache gives the same answer


# --- the command line's JSON-lines resolver ------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3), max_leaves=5)
jsonl_lines = st.one_of(
    st.fixed_dictionaries({"text": phrases}, optional={"anchor": st.one_of(days.map(Day.iso), texts),
                                                       "tense": st.one_of(tenses, texts)}).map(json.dumps),
    st.fixed_dictionaries({"text": phrases}, optional={"anchor": json_values, "tense": json_values,
                                                       "extra": json_values}).map(json.dumps),
    json_values.map(json.dumps),
    st.text(st.characters(exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
                          exclude_categories=["Cs"]), max_size=40),
)


@seeded
@FUZZ_COSTLY
@given(st.lists(jsonl_lines, min_size=1, max_size=6))
def test_resolve_jsonl_answers_every_line_with_a_result_or_an_error(lines: list[str]) -> None:
    from typer.testing import CliRunner

    from timeline.cli import app

    try:
        result = CliRunner().invoke(app, ["resolve", "--jsonl", "--anchor", "2024-05-17"],
                                    input="\n".join(lines) + "\n", catch_exceptions=False)
    except Exception as exc:
        set_aside_known_bug(exc)
        raise
    answers = [json.loads(line) for line in result.stdout_bytes.decode("utf-8").split("\n")[:-1]]
    assert len(answers) == len(lines), "a line was skipped, split or merged"
    failed = sum(1 for a in answers if "error" in a)
    assert result.exit_code == (1 if failed else 0)
    for answer in answers:
        assert ("error" in answer) != ("start" in answer or "edtf" in answer), answer
    event(f"{failed} of {len(lines)} lines refused")


# --- imports: spreadsheets and TimelineJS files from elsewhere -----------------------------------------------------

def _import_seeds() -> dict[str, list[str]]:
    from timeline.exchange.exports import export

    seed_log = timeline.load(ROOT / "events.yaml")
    found: dict[str, list[str]] = {"csv": [str(export(seed_log, "csv"))], "timelinejs": [str(export(seed_log,
                                                                                                  "timelinejs"))]}
    for path in sorted((FIXTURES / "exchange").glob("*")):
        if path.suffix == ".csv":
            found["csv"].append(path.read_text("utf-8"))
        elif path.suffix == ".json":
            found["timelinejs"].append(path.read_text("utf-8"))
    return found


IMPORT_SEEDS = _import_seeds()
#: The seed log's sources without its events (nor its period, which counts from one of them, `relative_to`):
#: what the exported events can be imported back into.
SEED_SOURCES_ONLY = (ROOT / "events.yaml").read_text("utf-8").split("\nevents:\n")[0].split("\nperiods:\n")[0] \
    + "\nevents: []\n"
tl_dates = st.one_of(st.fixed_dictionaries({"year": json_values}, optional={"month": json_values,
                                                                             "day": json_values}), json_values)
tl_documents = st.fixed_dictionaries({"events": st.lists(st.fixed_dictionaries(
    {"start_date": tl_dates}, optional={"end_date": tl_dates, "text": json_values, "unique_id": json_values,
                                        "group": json_values, "timeline": json_values}), max_size=4)},
    optional={"title": json_values, "eras": json_values}).map(json.dumps)
import_inputs = st.one_of(
    st.tuples(st.just("csv"), st.sampled_from(IMPORT_SEEDS["csv"])),
    st.tuples(st.just("timelinejs"), st.sampled_from(IMPORT_SEEDS["timelinejs"])),
    st.tuples(st.just("csv"), mutated(st.sampled_from(IMPORT_SEEDS["csv"]))),
    st.tuples(st.just("csv"), st.text(max_size=200)),
    st.tuples(st.just("timelinejs"), mutated(st.sampled_from(IMPORT_SEEDS["timelinejs"]))),
    st.tuples(st.just("timelinejs"), st.one_of(tl_documents, json_values.map(json.dumps))),
)


@seeded
@settings(FUZZ, max_examples=max(10, EXAMPLES // 3))
@given(import_inputs, st.integers(0, 4).map(lambda n: n == 0), st.sampled_from(["seed", "sources only"]))
def test_an_import_lands_whole_or_is_refused_with_the_log_unchanged(given_input: tuple[str, str],
                                                                     as_bytes_junk: bool, target: str) -> None:
    from timeline.exchange.imports import import_events

    fmt, text = given_input
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / ("in.csv" if fmt == "csv" else "in.json")
        data = text.encode("utf-8", "surrogatepass")
        source.write_bytes(data + (b"\xff\xfe" if as_bytes_junk else b""))
        log_path = Path(folder) / "events.yaml"
        if target == "seed":
            shutil.copyfile(ROOT / "events.yaml", log_path)
        else:
            log_path.write_text(SEED_SOURCES_ONLY, encoding="utf-8")
        before = log_path.read_bytes()
        old = {e.id for e in timeline.load(log_path).events}
        try:
            ids = import_events(source, log_path, fmt=fmt)
        except TimelineError as exc:
            check_refusal(exc, text)
            assert log_path.read_bytes() == before, "a refused import changed the log"
            event(f"{fmt}: refused")
            return
        except Exception as exc:
            set_aside_known_bug(exc)
            raise
        event(f"{fmt}: {len(ids)} imported")
        now = {e.id for e in timeline.load(log_path).events}
        assert now == old | set(ids) and not old & set(ids)


# --- the editing path --------------------------------------------------------------------------------------------

EDIT_SEEDS = [ROOT / "events.yaml", *(p for p in (FIXTURES / "commented.yaml", FIXTURES / "hostile.yaml")
                                      if p.is_file())]
field_text = st.one_of(texts, st.sampled_from(TOKENS), phrases,
                       st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20),
                       st.text(st.characters(exclude_categories=["Cs"], max_codepoint=0x3000), max_size=12))
#: Dates an added event can have without a source: mostly readable, so that most adds land.
edit_when = st.one_of(days.map(Day.iso), st.sampled_from(["May 2024", "2019", "the 1990s", "1999-12", "Q3 2023",
                                                          "summer 2021", "2024-05-01/2024-05-03"]), phrases)
edits: st.SearchStrategy[tuple[str, dict[str, Any]]] = st.one_of(
    st.tuples(st.just("add"), st.fixed_dictionaries({"title": field_text, "when": edit_when},
                                                    optional={"quote": field_text, "notes": field_text,
                                                              "tags": st.lists(field_text, max_size=3),
                                                              "actors": st.lists(field_text, max_size=3),
                                                              "planned": st.booleans(),
                                                              "anchor": days.map(Day.iso),
                                                              "url": field_text})),
    st.tuples(st.just("edit"), st.fixed_dictionaries({}, optional={
        "title": field_text, "when": edit_when, "quote": st.one_of(st.none(), field_text),
        "notes": st.one_of(st.none(), field_text), "tags": st.lists(field_text, max_size=3),
        "actors": st.lists(field_text, max_size=3),
        "id": st.one_of(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,12}", fullmatch=True), field_text),
        "claims": st.one_of(st.none(), st.lists(st.fixed_dictionaries(
            {"when": edit_when}, optional={"quote": field_text, "notes": field_text}), max_size=2))})),
    st.tuples(st.just("remove"), st.just({})),
    st.tuples(st.just("source"), st.fixed_dictionaries({"title": field_text}, optional={
        "publisher": field_text, "url": field_text, "published": days.map(Day.iso)})),
)


@pytest.fixture(scope="module")
def edit_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="timeline-fuzz-edit-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _events_by_id(log: Log) -> dict[str, Any]:
    return {e.id: e for e in log.events}


#: The same logs saved the ways editors save them: as is, with CRLF line ends, with a byte-order mark, both.
LAYOUTS: dict[str, Any] = {
    "as is": lambda b: b,
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "bom": lambda b: b"\xef\xbb\xbf" + b,
    "bom+crlf": lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
    "no final newline": lambda b: b.rstrip(b"\n"),
}


@seeded
@FUZZ
@given(st.sampled_from(EDIT_SEEDS), st.sampled_from(sorted(LAYOUTS)), edits, st.integers(0, 10_000), st.data())
def test_an_edit_lands_exactly_or_is_refused_with_the_file_unchanged(edit_folder: Path, seed: Path, layout: str,
                                                                      edit: tuple[str, dict[str, Any]],
                                                                      pick: int, data: st.DataObject) -> None:
    from timeline.edit.splice import add_event, add_source, edit_event, remove_event

    path = edit_folder / "events.yaml"
    path.write_bytes(LAYOUTS[layout](seed.read_bytes()))
    before_bytes = path.read_bytes()
    before = timeline.load(path)
    ids = [e.id for e in before.events]
    kind, fields = edit
    target = ids[pick % len(ids)] if ids else "none"
    source_id = data.draw(st.sampled_from(["fuzz-source", *before.sources]), label="source id")
    note(f"seed={seed.name} kind={kind} target={target} fields={fields!r}")
    try:
        if kind == "add":
            new_id = add_event(path, **fields)
        elif kind == "edit":
            if not fields:
                return
            edit_event(path, target, **fields)
        elif kind == "remove":
            remove_event(path, target)
        else:
            add_source(path, source_id, **fields)
    except TimelineError as exc:
        assert "this is a bug in timeline" not in exc.located(), exc.located()
        assert path.read_bytes() == before_bytes, "a refused edit changed the file"
        assert not list(edit_folder.glob(".*.tmp")), "a refused edit left a temporary file"
        event(f"{kind}: refused ({type(exc).__name__})")
        return
    except Exception as exc:
        set_aside_known_bug(exc)
        raise
    event(f"{kind}: landed")
    after = timeline.load(path)  # an edit that landed leaves a log that loads
    written_bytes = path.read_bytes()
    if layout in ("crlf", "bom+crlf"):  # the file keeps the way it was saved
        assert b"\r\n" in written_bytes and b"\n" not in written_bytes.replace(b"\r\n", b""), "line ends mixed"
    assert written_bytes.startswith(b"\xef\xbb\xbf") == layout.startswith("bom"), "byte-order mark changed"
    old, new = _events_by_id(before), _events_by_id(after)
    if kind == "add":
        assert set(new) == set(old) | {new_id} and new_id not in old
        written = new[new_id]
        assert written.title == fields["title"]
        assert written.claims[0].when == fields["when"]
        for key in ("quote", "notes"):
            if key in fields:
                assert getattr(written.claims[0] if key == "quote" else written, key) == fields[key]
        for key in ("tags", "actors"):
            if key in fields:
                assert list(getattr(written, key)) == [v for v in fields[key] if v.strip()]
    elif kind == "edit":
        final = fields.get("id") or target
        assert set(new) == set(old) - {target} | {final}, "a rename lost or added an event"
        edited = new[final]
        if "claims" in fields:
            assert [(c.when, c.quote) for c in edited.claims[1:]] == \
                [(c["when"], c.get("quote", "")) for c in fields["claims"] or []]
        if "title" in fields:
            assert edited.title == fields["title"]
        if "when" in fields:
            assert edited.claims[0].when == fields["when"]
        if "notes" in fields:
            assert edited.notes == (fields["notes"] or "")
        if "quote" in fields:
            assert edited.claims[0].quote == (fields["quote"] or "")
    elif kind == "remove":
        assert set(new) == set(old) - {target}
    else:
        assert source_id not in before.sources, "adding an existing source id was not refused"
        assert after.sources[source_id].title == fields["title"]
    for event_id in set(old) & set(new) - ({target, fields.get("id")} if kind == "edit" else set()):
        assert _same_event(old[event_id], new[event_id]), f"event '{event_id}' changed by an edit of another"


def _same_event(a: Any, b: Any) -> bool:
    """Give whether two events say the same, ignoring where in the file they are."""
    def strip(event: Any) -> Any:
        claims = tuple((c.when, c.until, c.source, c.quote, c.anchor, c.tense) for c in event.claims)
        return (event.id, event.title, claims, event.tags, event.actors, event.notes, event.url)
    return bool(strip(a) == strip(b))


# found by this fuzz: the anchor went to Day.parse unchecked and {"anchor": 5} raised AttributeError (3fdf83d)
@pytest.mark.parametrize("anchor", [5, ["2024-05-17"], {"day": 1}, True])
def test_resolve_jsonl_with_an_anchor_that_is_not_text_is_an_error_line(anchor: Any) -> None:
    from typer.testing import CliRunner

    from timeline.cli import app

    line = json.dumps({"text": "Tuesday", "anchor": anchor})
    result = CliRunner().invoke(app, ["resolve", "--jsonl"], input=line + "\n", catch_exceptions=False)
    assert result.exit_code == 1
    assert "error" in json.loads(result.stdout)


# a bad escape inside a closed quote was once reported as an unclosed quote at the opening quote
@pytest.mark.parametrize("body", ['"a \\q b"', '"a \\x4g b"', '"smile \\ud83d\\ude00"', '"a \\U0011FFFF b"'])
def test_a_bad_escape_in_a_closed_quote_is_named_where_it_is(body: str) -> None:
    with pytest.raises(TimelineError) as info:
        timeline.loads(f"title: {body}\nevents: []\n")
    assert "never closed" not in info.value.message, info.value.located()
    escape_at = len("title: ") + body.index("\\") + 1  # the backslash's column
    assert info.value.line == 1 and info.value.col is not None
    assert escape_at <= info.value.col <= escape_at + 10, info.value.located()


# --- regressions: inputs the fuzz found ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,anchor,tense", [
    # a span past the end of the calendar: calendar.month_end raised a bare ValueError out of _edtf_of
    ("weekend", "9999-12-31", "future"),
    ("next weekend", "9999-12-31", "past"),
    ("next week", "9999-12-31", "past"),
    ("last weekend", "-9999-01-01", "past"),
    ("last week", "-9999-01-01", "past"),
])
def test_resolver_at_the_ends_of_the_calendar_gives_a_result_or_a_phrase_error(text: str, anchor: str,
                                                                                tense: str) -> None:
    try:
        result = resolve_phrase(text, Day.parse(anchor), tense=tense)
    except PhraseError:
        return
    assert result.start is not None and result.end is not None and result.start <= result.end


# found by this fuzz: resolver._narrow kept the precision of the span it narrowed, so a second modifier gave a
# start after the end ('end of beginning of 2024' was 2024-12-01..2024-04-30); fixed in b2e2f4e
@pytest.mark.parametrize("text", ["end of beginning of 2024", "beginning of end of beginning of 2024",
                                  "mid mid 2024", "late early 2024", "late early May 2024"])
def test_stacked_narrowing_gives_bounds_in_order_or_a_phrase_error(text: str) -> None:
    try:
        result = resolve_phrase(text, Day.parse("2024-05-17"))
    except PhraseError:
        return
    assert result.start is not None and result.end is not None
    assert result.start <= result.end, f"{text!r} gave {result.start.iso()}..{result.end.iso()}"
