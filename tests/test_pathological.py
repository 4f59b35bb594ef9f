"""Pathological input: huge, repetitive, deeply nested or exotic text gives a result or a clear error, never a hang.

Each call runs under a generous SIGALRM guard (`GUARD_SECONDS`). The guard only catches hangs such as catastrophic
regular-expression backtracking or unbounded recursion; how fast these inputs actually are is measured by
`tests/bench_pathological.py`, not asserted here (speed goals live in benchmarks, not in timed tests).

The resource bounds of the loader (file size, nesting depth, number of events) and of the resolver (phrase length)
are also checked here from the command line: each refusal names the limit, and the file-level ones name the
environment variable that raises them.
"""

from __future__ import annotations

import re
import signal
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.calendar import Day
from timeline.errors import LogError, PhraseError, ProblemList, TimelineError
from timeline.dates.resolve import MAX_PHRASE_CHARS, clear_cache, resolve_phrase
from timeline.model import Limits, ResolvedDate

GUARD_SECONDS = 5.0
ANCHOR = Day.parse("2024-05-17")
#: An error message may quote the phrase, shortened; it must never echo 100 KB back at the user.
MAX_MESSAGE_CHARS = 600
#: A phrase within the limit may be quoted whole, after NFKC (which can make one character up to 18).
MAX_READ_MESSAGE_CHARS = 18 * MAX_PHRASE_CHARS + 300

UNICODE_SPACES = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
#: Every decimal digit there is, one block of ten per script ("0".."9", Arabic-Indic, Devanagari, ...).
ZEROS = [chr(c) for c in range(sys.maxunicode + 1)
         if unicodedata.category(chr(c)) == "Nd" and unicodedata.digit(chr(c)) == 0]
ALL_DIGITS = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd")


@contextmanager
def hang_guard(seconds: float = GUARD_SECONDS) -> Iterator[None]:
    """Fail the test if the block runs longer than `seconds` (a hang, not a slow run)."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - POSIX only
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds}s: catastrophic backtracking or unbounded work")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def resolve_or_error(text: str, anchor: Day | None = ANCHOR, tense: str = "past") -> Any:
    """Give the ResolvedDate of `text`, or the PhraseError it raised (any other exception fails the test)."""
    clear_cache()  # a cached answer would hide the work
    with hang_guard():
        try:
            return resolve_phrase(text, anchor, tense=tense)
        except PhraseError as exc:
            return exc


def in_script(zero: str, ascii_text: str) -> str:
    """Give `ascii_text` with its ASCII digits written in the digit block that starts at `zero`."""
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in ascii_text)


# --- phrases ------------------------------------------------------------------------------------------------------

HUGE = [
    # (name, phrase)
    ("100 KB of one letter", "a" * 100_000),
    ("100 KB that looks like a date", "2024-05-17 " * 9_091),
    ("10,000 weekdays", " ".join(["Tuesday"] * 10_000)),
    ("10,000 'last'", " ".join(["last"] * 10_000)),
    ("10,000 number words", " ".join(["twenty"] * 10_000)),
    ("10,000 'of the'", " ".join(["of the"] * 10_000)),
    ("10,000 clock times", " ".join(["10:30am"] * 10_000)),
    ("100,000 nested brackets", "(" * 100_000 + "Tuesday" + ")" * 100_000),
    ("nested mixed brackets", "([{<" * 25_000 + "2024" + ">}])" * 25_000),
    ("100 KB of digits", "9" * 100_000),
    ("100 KB of apostrophes and s", "'s" * 50_000),
    ("every Unicode digit", ALL_DIGITS * 2),
]


@pytest.mark.parametrize("name,phrase", HUGE, ids=[h[0] for h in HUGE])
def test_huge_phrase_is_refused_by_its_length_with_a_short_message(name: str, phrase: str) -> None:
    result = resolve_or_error(phrase)
    assert isinstance(result, PhraseError), f"{name}: a phrase of {len(phrase)} characters resolved"
    message = str(result)
    assert f"longer than {MAX_PHRASE_CHARS} characters" in message
    assert f"({len(phrase)})" in message or f"has {len(phrase)}" in message
    assert len(message) < MAX_MESSAGE_CHARS


def _just_under(unit: str) -> str:
    """Give `unit` repeated to the longest run that is still within the phrase limit."""
    return (unit * (MAX_PHRASE_CHARS // len(unit) + 1))[:MAX_PHRASE_CHARS]


# The longest phrases the resolver does read: every one must finish, with a result or a clear error.
AT_THE_LIMIT = [
    ("weekdays", _just_under("Tuesday ")),
    ("last last last", _just_under("last ")),
    ("number words", _just_under("twenty one ")),
    ("hundreds", _just_under("one hundred ")),
    ("ordinals", _just_under("third ")),
    ("quarter of quarter", _just_under("the third quarter of ")),
    ("early mid late", _just_under("early mid late ")),
    ("nested sub-phrases", _just_under("June of last year of ")),
    ("ago ago", _just_under("two weeks ago ")),
    ("about nearly", _just_under("about nearly around ")),
    ("since by as of", _just_under("since by as of ")),
    ("round brackets", "(" * 96 + "Tuesday" + ")" * 97),
    ("square brackets", "[" * 98 + "2024" + "]" * 98),
    ("edtf intervals", _just_under("2024-05/2024-06/")),
    ("edtf unknowns", _just_under("19xx-xx-")),
    ("qualifiers", "2024-05-17" + "?~%" * 63),
    ("dots", _just_under("..")),
    ("slashes", _just_under("/")),
    ("hyphens", _just_under("-")),
    ("digits with separators", _just_under("1-2/3,")),
    ("clock times", _just_under("10:30 a.m. ")),
    ("apostrophes", _just_under("'90s ")),
    ("possessives", _just_under("year's ")),
    ("quotes", _just_under("\u201cMay\u201d ")),
    ("ideographic numerals", _just_under("\u3007\u4e00\u4e8c")),
    ("NFKC expanding ligatures", "\ufdfa" * MAX_PHRASE_CHARS),  # each becomes 18 characters
    ("NFKC expanding squares", "\u3300" * MAX_PHRASE_CHARS),
    ("combining marks", "May" + "\u0301" * 190 + " 2024"),
    ("zero-width joiners", _just_under("\u200d".join("Tuesday") + " ")),
    ("bidi overrides", "\u202e2024-05-17\u202c" * 16),
    ("surrogate escapes", "May \udcff 2024"),
    ("nul bytes", "Tuesday\x00" * 25),
]


ODD_PHRASES = [
    # short or odd phrases, one edge each (the resolver's own list, once timed in its tests)
    "x" * 100_000,
    "Tuesday " * 10_000,
    "(" * 5000 + "Tuesday" + ")" * 5000,
    "(" * 90 + "Tuesday" + ")" * 90,
    "last " * 39 + "year",
    "early " * 30 + "1990s",
    "of " * 60 + "2023",
    "\u0000\u0001\u0002 Tuesday",
    "".join(chr(c) for c in range(0x2000, 0x200B)) + "Tuesday",  # every Unicode space in the general block
    "\u0661\u0669\u0669\u0660s",  # Arabic-Indic digits
    "".join(chr(c) for c in range(0x110000) if chr(c).isdigit())[:150],
    "9" * 200,
    "-" * 200,
    "/" * 200,
    "9999-12-31/..",
    "99999 years ago",
    "9999 years from now",
    "20000 BC",
    "the 99th century BC",
    "\ud800",  # a lone surrogate
    "'s",
    "'",
    "..",
    "x/y",
    "2023-XX-14",
    "the the the",
]


@pytest.mark.parametrize("phrase", ODD_PHRASES, ids=lambda p: repr(p[:20]))
def test_odd_phrases_give_a_date_or_a_phrase_error(phrase: str) -> None:
    for tense in ("past", "future"):
        assert isinstance(resolve_or_error(phrase, tense=tense), (ResolvedDate, PhraseError))



@pytest.mark.parametrize("name,phrase", AT_THE_LIMIT, ids=[a[0] for a in AT_THE_LIMIT])
@pytest.mark.parametrize("tense", ["past", "future"])
@pytest.mark.parametrize("anchor", [ANCHOR, None], ids=["anchored", "no-anchor"])
def test_phrase_at_the_length_limit_gives_a_result_or_a_clear_error(name: str, phrase: str, tense: str,
                                                                     anchor: Day | None) -> None:
    assert len(phrase) <= MAX_PHRASE_CHARS
    result = resolve_or_error(phrase, anchor, tense)
    if isinstance(result, PhraseError):
        message = str(result)
        assert message.strip() and len(message) < MAX_READ_MESSAGE_CHARS
        assert "Traceback" not in message
    else:
        assert result.start is None or result.end is None or result.start <= result.end
        assert result.precision and result.rule and result.explanation


# --- every Unicode space and digit ------------------------------------------------------------------------------

@pytest.mark.parametrize("space", list(UNICODE_SPACES), ids=[f"U+{ord(s):04X}" for s in UNICODE_SPACES])
def test_every_unicode_space_separates_words(space: str) -> None:
    result = resolve_or_error(f"May{space}1,{space}2024")
    assert not isinstance(result, PhraseError), str(result)
    assert (result.start, result.end) == (Day.parse("2024-05-01"), Day.parse("2024-05-01"))


def test_a_phrase_of_only_spaces_is_a_clear_error() -> None:
    result = resolve_or_error(UNICODE_SPACES * 3)
    assert isinstance(result, PhraseError)
    assert "empty" in str(result)


@pytest.mark.parametrize("zero", ZEROS, ids=[f"U+{ord(z):04X}" for z in ZEROS])
def test_every_unicode_digit_block_reads_as_ascii_digits(zero: str) -> None:
    for ascii_text, start, end in (("2024-05-01", "2024-05-01", "2024-05-01"),
                                   ("May 1, 2024", "2024-05-01", "2024-05-01"),
                                   ("1999", "1999-01-01", "1999-12-31")):
        result = resolve_or_error(in_script(zero, ascii_text))
        assert not isinstance(result, PhraseError), f"{ascii_text!r} in U+{ord(zero):04X}: {result}"
        assert (result.start, result.end) == (Day.parse(start), Day.parse(end)), ascii_text


def test_every_digit_and_space_mixed_within_the_limit_finishes() -> None:
    mixed = "".join(d + s for d, s in zip(ALL_DIGITS, UNICODE_SPACES * 40, strict=False))[:MAX_PHRASE_CHARS]
    result = resolve_or_error(mixed)
    assert isinstance(result, PhraseError) or result.start is not None


# --- the same inputs arriving through a log --------------------------------------------------------------------

LOG_HEAD = 'title: t\nsources:\n  s:\n    published: "2024-05-17"\nevents:\n'


def _event(when: str, **more: str) -> str:
    lines = ["  - id: e", "    title: E", f"    when: {when}", "    source: s"]
    lines += [f"    {k}: {v}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


def _yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_100kb_when_in_a_log_is_one_located_problem(write_log: Callable[..., Path]) -> None:
    path = write_log(LOG_HEAD + _event(_yaml_quoted("Tuesday " * 12_800)))
    with hang_guard(), pytest.raises(ProblemList) as info:
        timeline.load(path)
    problems = info.value.problems
    assert len(problems) == 1 and (problems[0].line, problems[0].col) == (8, 11)
    assert f"longer than {MAX_PHRASE_CHARS} characters" in problems[0].message
    assert len(info.value.located()) < MAX_MESSAGE_CHARS + len(str(path))


def test_a_100kb_title_quote_and_10000_tags_load(write_log: Callable[..., Path]) -> None:
    big = "x" * 100_000
    tags = "[" + ", ".join(f"t{i}" for i in range(10_000)) + "]"
    path = write_log(LOG_HEAD + "  - id: e\n    title: " + big + "\n    when: Tuesday\n    source: s\n"
                     f"    quote: {_yaml_quoted(big)}\n    tags: {tags}\n")
    with hang_guard():
        log = timeline.load(path)
    record = log.records[0]
    assert record.event.title == big and len(record.event.tags) == 10_000
    assert record.start == record.end == Day.parse("2024-05-14")


# libyaml stops at 1,000 flow levels by itself; its message must still name our limit and variable
@pytest.mark.parametrize("opening,closing", [
    ("[", "]"),
    ("{a: ", "}"),
    ("- ", ""),
])
def test_deep_yaml_nesting_is_refused_at_the_limit_without_recursion(opening: str, closing: str,
                                                                      write_log: Callable[..., Path]) -> None:
    depth = 100_000
    if opening == "- ":  # block sequences: each level indents by two more
        body = "".join("  " * i + "-\n" for i in range(2_000)) + "  " * 2_000 + "x\n"
    else:
        body = opening * depth + "x" + closing * depth + "\n"
        body = "title: t\nevents: []\nnotes: " + body
    path = write_log(body if opening != "- " else "events:\n" + body)
    with hang_guard(), pytest.raises(LogError) as info:
        timeline.load(path)
    assert "nesting deeper than 24 levels" in str(info.value)
    assert "Limits.max_depth" in str(info.value)


def test_a_very_long_single_line_is_read(write_log: Callable[..., Path]) -> None:
    path = write_log("title: " + "word " * 200_000 + "\nevents: []\n")
    with hang_guard():
        log = timeline.load(path)
    assert log.title.startswith("word word") and len(log.title) == 5 * 200_000 - 1


def test_many_tiny_events_near_a_small_limit(write_log: Callable[..., Path]) -> None:
    text = LOG_HEAD + "".join(f"  - {{id: e{i}, title: E, when: '2024-01-01'}}\n" for i in range(5_000))
    path = write_log(text)
    with hang_guard(30.0):  # 5,000 events are real work; the guard is still only for hangs
        log = timeline.load(path, limits=Limits(max_events=5_000))
        assert len(log.records) == 5_000
        with pytest.raises(ProblemList, match=r"5,000 events, over the limit of 4,999 "
                                              r"\(raise it with Limits.max_events\)"):
            timeline.load(path, limits=Limits(max_events=4_999))


# --- resource bounds from the command line: which limit, and how to raise it -------------------------------------

SMALL_LOG = LOG_HEAD + "".join(f"  - id: e{i}\n    title: E\n    when: Tuesday\n    source: s\n" for i in range(3))


@pytest.mark.parametrize("env,value,message", [
    ("TIMELINE_MAX_BYTES", "100", r"over the limit of 100 \(raise it with TIMELINE_MAX_BYTES\)"),
    ("TIMELINE_MAX_EVENTS", "2", r"3 events, over the limit of 2 \(raise it with TIMELINE_MAX_EVENTS\)"),
    ("TIMELINE_MAX_DEPTH", "2", r"nesting deeper than 2 levels.*\(raise the limit with TIMELINE_MAX_DEPTH\)"),
])
def test_each_limit_names_itself_and_its_variable_and_raising_it_lets_the_log_in(
        env: str, value: str, message: str, cli: Callable[..., Any], write_log: Callable[..., Path]) -> None:
    path = write_log(SMALL_LOG)
    refused = cli("validate", "-f", str(path), env={env: value})
    assert refused.code == 1, refused.output
    assert re.search(message, refused.stderr), refused.stderr
    assert "Traceback" not in refused.output
    raised = cli("validate", "-f", str(path), env={env: str(int(value) * 10_000)})
    assert raised.code == 0, raised.output
    assert "ok: 3 events" in raised.stdout


@pytest.mark.parametrize("env", ["TIMELINE_MAX_BYTES", "TIMELINE_MAX_EVENTS", "TIMELINE_MAX_DEPTH"])
def test_a_limit_that_is_not_a_number_is_a_clear_error(env: str, cli: Callable[..., Any],
                                                       write_log: Callable[..., Path]) -> None:
    result = cli("validate", "-f", str(write_log(SMALL_LOG)), env={env: "lots"})
    assert result.code != 0
    assert f"{env}='lots' is not a whole number" in result.stderr
    assert "Traceback" not in result.output


def test_the_phrase_limit_is_named_in_its_error(cli: Callable[..., Any]) -> None:
    result = cli("resolve", "x" * (MAX_PHRASE_CHARS + 1), "--anchor", "2024-05-17")
    assert result.code == 1
    assert f"longer than {MAX_PHRASE_CHARS} characters are refused (this one has {MAX_PHRASE_CHARS + 1})" \
        in result.stderr


def test_the_file_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    """A sparse 2 GB file is refused from its size alone: nothing is read, so this returns at once."""
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024 ** 3)
    with hang_guard(), pytest.raises(LogError, match=r"2,147,483,648 bytes, over the limit of 268,435,456 "
                                                      r"\(raise it with Limits.max_bytes\)"):
        timeline.load(path)


def test_limits_can_only_be_whole_numbers() -> None:
    with pytest.raises(TimelineError, match=r"TIMELINE_MAX_DEPTH='1\.5' is not a whole number"):
        Limits.from_env({"TIMELINE_MAX_DEPTH": "1.5"})
