"""Find every date and time expression in a text and read each one: text + anchor -> mentions.

`tag(text, anchor)` gives one `Mention` per expression, in text order: where it is (character offsets of the
Python string, end exclusive), its TIMEX3 type (DATE, TIME, DURATION, SET) and value (`2024-05-14`, `2023-07`,
`2024-W20`, `P3Y`, `PRESENT_REF`, `XXXX-WXX-2`, `2024-05-14TMO`, `2024-05-14T21:39`), and, for dates, the
resolver's bounds, precision and rule.

How a text is read:

1. One regular expression, built once from `tag_vocab`, finds the expressions: every alternative starts at a
   word boundary, holds no nested unbounded quantifier, and the alternatives are ordered so that the longer
   reading of the same words comes first ("this year's third quarter" before "this year"). It is tried only at
   words an expression can start with (`_START_WORDS`), and after "the"/"a" only before a date word, so a text
   costs time in proportion to its length; every look back (tense cues, titles) is bounded too.
2. Each expression's kind (the alternative that matched) says its TIMEX3 type and how to find its value:
   dates go through `timeline.dates.resolve.resolve_phrase`, durations and sets are counted here.
3. The tense of a date is read from its own sentence (`infer_tense`: "will meet Monday" looks forward).
4. Relational expressions ("two days later", "the next day", "the following year") are read against the date the
   story last named at that precision, as TimeML anchors them; "the quarter" is the quarter last named; "a year
   earlier" in a sentence about a quarter or a month is that quarter or month a year back (how earnings stories
   compare). Everything else is read against the anchor (the story's publication date).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..calendar import Day, month_span, months_span
from ..errors import PhraseError
from ..model import Precision, ResolvedDate, Tense
from .resolve import infer_tense, resolve_phrase
from .times import resolve_when
from . import tag_vocab as tv
from . import vocabulary as vocab

__all__ = ["TYPES", "Mention", "sentences", "tag"]

#: TIMEX3 types.
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Mention:
    """One date or time expression found in a text."""

    start: int  # offset of its first character
    end: int  # offset just past its last character
    text: str  # the words, as written
    type: str  # TIMEX3 type: one of TYPES
    value: str  # TIMEX3 value
    kind: str  # which of the tagger's patterns found it
    resolved: ResolvedDate | None = None  # the resolver's reading, for dates and times
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_MORE ...

    def as_json(self) -> dict[str, Any]:
        """Give the JSON form of `timeline tag --json` and `--jsonl`."""
        r = self.resolved
        return {
            "start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value,
            "mod": self.mod,
            "start_day": r.start.iso() if r and r.start else None,
            "end_day": r.end.iso() if r and r.end else None,
            "precision": r.precision if r else None,
            "rule": r.rule if r else self.kind,
            "edtf": r.edtf if r else None,
            "start_at": r.start_at if r else None, "end_at": r.end_at if r else None,
        }


# --- the expression ----------------------------------------------------------------------------------------------

def _alt(words: Iterable[str], *, exact_case: bool = False) -> str:
    """Give a regex alternation of `words`, longest first, spaces matching any run of white space."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return f"(?-i:{body})" if exact_case else f"(?:{body})"


_WD = _alt(tv.WEEKDAYS, exact_case=True) + r"(?!\w)"
_WDS = _alt([w + "s" for w in tv.WEEKDAYS], exact_case=True)
_MONTH_FULL = _alt(tv.MONTHS, exact_case=True) + r"(?!\w)"
_MONTH_SAFE = _alt([m for m in tv.MONTHS if m not in tv.AMBIGUOUS_MONTHS], exact_case=True) + r"(?!\w)"
_MONTH = "(?:" + _alt(tv.MONTH_ABBREVIATIONS, exact_case=True) + "|" + _MONTH_FULL + ")"
_CUED_MONTH = ("(?:" + "|".join(rf"(?<=\b{c}\s)" for c in tv.MONTH_CUES) + r"|(?<=\bmid-))"
               + _alt(tv.AMBIGUOUS_MONTHS, exact_case=True) + r"(?!\w)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d)"
_YEAR_SPELLED = (rf"(?:nineteen\s+{_alt(tv.TENS)}(?:[-\s]{_alt(tv.ONES)})?|two\s+thousand(?:\s+and\s+"
                 rf"{_alt(tv.ONES + tv.TEENS)})?)")
_NUMBER_WORD = (rf"(?:{_alt(tv.TENS)}(?:[-\s]{_alt(tv.ONES)})?|{_alt(tv.TEENS)}|{_alt(tv.ONES)}|a\s+hundred|hundred|"
                r"a\s+dozen|dozen|a\s+couple\s+of|couple\s+of|a\s+few|" + _alt(tv.VAGUE_QUANTITIES) + ")")
_NUMBER = (rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{_NUMBER_WORD}(?:\s+(?:hundred|thousand))?(?:\s+and\s+a\s+half)?)")
_COUNT = rf"(?:{_NUMBER}|an?)"
_UNIT = (r"(?:(?:trading|business|working|calendar|school)\s+)?"
         r"(?:(?:second|minute|hour|day|night|week|fortnight|weekend|month|quarter|year|decade)s?|centur(?:y|ies))")
_UNIT1 = r"(?:day|week|month|quarter|year|decade|century|hour|minute)"
_APPROX = _alt(tv.APPROXIMATIONS)
_SEASON = r"(?:spring|summer|winter|autumn|fall)"
_PART = r"(?:morning|afternoon|evening|night)"
_MOD = r"(?:(?:early|late|mid|earlier|later)[\s-]+|the\s+(?:beginning|start|end|middle|rest|remainder|balance)\s+of\s+)"
_THIS = (r"(?:this\s+past|this\s+coming|the\s+past|the\s+coming|the\s+following|the\s+previous|the\s+prior|"
         r"the\s+preceding|the\s+current|the\s+same|the\s+latest|the\s+last|the\s+next|last|this|next|that|coming)")
_DATE_AFTER_CLOCK = (rf"(?:(?:{_WD},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_WD}|today|yesterday|tomorrow)")
_ZONE = _alt(tv.TIME_ZONES, exact_case=True) + r"(?!\w)"
# "p.m." keeps its period unless the period also ends the sentence ("at 10 p.m. He left": TimeML tags "10 p.m")
_CLOCK = (r"(?:\d{1,2}(?::[0-5]\d)?\s*(?:a\.m|p\.m|am(?!\w)|pm(?!\w))"
          r"(?:\.(?=,?\s+(?:" + _ZONE + "|" + _DATE_AFTER_CLOCK + r"))|\.(?!\s+(?-i:[A-Z])|\s*$))?"
          r"|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d))")
_HOUR_WORDS = r"(?:1[0-2]|0?[1-9])(?::[0-5]\d)?"
_END = r"(?=\s*[.,;:!?)\"'\u201d\u2019]|\s*$)"  # the phrase ends here: "a year before."
_QUARTER_WORD = r"(?:quarter|half)"
_QUARTER_YEAR = (rf"(?:\s+of\s+(?:fiscal\s+)?(?:{_YEAR}|this\s+year|last\s+year|next\s+year|the\s+year)"
                 rf"|,?\s+(?:fiscal\s+)?{_YEAR}|\s+(?:this|last|next)\s+year)?")
_QUARTER_LEAD = r"(?:same|comparable|corresponding|year-earlier|year-ago|year-before|fiscal|calendar|latest|current)"
_PERIOD_LEAD = (r"(?:same|comparable|corresponding|year-earlier|year-ago|year-before|latest|current|previous|prior|"
                r"recent|most\s+recent|fiscal|final|just-ended|just-completed)")

#: (kind, regex): the alternatives of the one expression, in the order they are tried at each position.
_KINDS: tuple[tuple[str, str], ...] = (
    # sets: "every day", "each Thursday", "Tuesday nights"
    ("set_weekday", rf"{_WD}\s+(?:mornings|afternoons|evenings|nights)"),
    ("set_every", rf"(?:every|each)\s+(?:other\s+|single\s+)?(?:{_NUMBER}\s+)?(?:{_UNIT}|{_WD}|{_MONTH_FULL}|"
                  rf"{_PART}|{_SEASON})"),
    # clock times, with the day when it is written next to them: "10 p.m. EST, Nov. 9", "noon Saturday"
    ("clock", rf"(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
              rf"{_CLOCK}(?:\s+{_ZONE})?(?:,?\s+{_DATE_AFTER_CLOCK})?"),
    ("clock", rf"(?:noon|midnight|midday)\s+{_DATE_AFTER_CLOCK}"),
    # the hour with its part of the day in words: "4 in the morning", "10 o'clock at night", "5 o'clock"
    ("clock", rf"{_HOUR_WORDS}(?:\s+o'clock)?\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)"
              rf"(?:,?\s+{_DATE_AFTER_CLOCK})?|{_HOUR_WORDS}\s+o'clock(?:,?\s+{_DATE_AFTER_CLOCK})?"),
    # the day before yesterday
    ("dayword", r"the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"),
    # a day next to a named one: "the day before last Tuesday's hearing", "the day after Nov. 9"
    ("day_next_to", rf"(?:the\s+)?day\s+(?:before|after)\s+(?:(?:(?:last|next|this|that)\s+)?{_WD}|"
                    rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_alt(tv.HOLIDAYS, exact_case=True)})"),
    # weekday with its date: "Friday, Nov. 9, 1998"
    ("weekday_date", rf"(?:(?:this\s+coming|this\s+past|last|next|this|coming)\s+)?{_WD},?\s+"
                     rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)"),
    # parts of days: "Tuesday morning", "this afternoon", "last night", "tonight"
    ("daypart", rf"(?:(?:last|next|this|early|late|earlier|later)\s+)?(?:{_WD}|today|yesterday|tomorrow)\s+{_PART}"),
    ("daypart", r"(?:(?:earlier|later)\s+)?(?:this|tomorrow|yesterday)\s+(?:morning|afternoon|evening)"),
    ("daypart", rf"(?:mid-?\s?afternoon|midday)(?:\s+(?:yesterday|today|tomorrow|{_WD}))?"),
    ("daypart", r"last\s+night|tonight|overnight"),
    # quarters and halves: "the third quarter of 1997", "this year's first half", "third-quarter", "Q3 2024"
    ("quarter", rf"(?:the\s+)?(?:(?:this|last|next)\s+year's\s+|(?:fiscal\s+)?{_YEAR}(?:'s)?\s+)?"
                rf"(?:{_QUARTER_LEAD}\s+){{0,2}}(?:{_alt(tv.ORDINALS)}[\s-]+(?:fiscal[\s-]+)?{_QUARTER_WORD}|(?:last|final)\s+half(?=\s+of\s+(?:fiscal\s+)?{_YEAR}))"
                rf"{_QUARTER_YEAR}"),
    ("quarter_ref", rf"(?:the\s+)?(?:{_PERIOD_LEAD}\s+){{1,3}}(?:quarter|period)"
                    rf"(?:\s+(?:a\s+year\s+(?:earlier|ago|before)|last\s+year|of\s+{_YEAR}|{_YEAR}))?"),
    ("quarter_ref", rf"(?:the|this|last|next|that)\s+(?:fiscal\s+)?quarter(?:\s+of\s+{_YEAR}|\s+a\s+year\s+(?:earlier|"
                    rf"ago|before))?(?!\s+(?:before|after|earlier){_END})"),
    ("quarter_ref", r"(?:last|this)\s+year's\s+(?:quarter|period)"),
    # "for the year ended June 30": a fiscal year, as long as a year; "for the year": the year the story is in
    ("the_year", r"the\s+(?:full\s+|fiscal\s+|current\s+)?year(?=\s+(?:ended|ending|to)\b|\s*[,.;:)])"),
    ("quarter", rf"(?-i:Q[1-4](?:\s+{_YEAR})?|[1-4]Q(?:\s*{_YEAR})?)"),
    ("set_rate", rf"(?:once|twice|{_NUMBER}\s+times)\s+(?:an?|per|each)\s+{_UNIT1}"),  # "twice a week"
    ("set_rate", r"(?:(?<=\bonce\s)|(?<=\btwice\s)|(?<=\btimes\s)|(?<=illion\s)|(?<=%\s)|(?<=percent\s)|(?<=\d\s)|"
                 r"(?<=hours\s)|(?<=days\s))"
                 rf"(?:an?|per|each)\s+{_UNIT1}(?!\s+(?:earlier|ago|before|later|after|or)\b)"),
    # "two years ago", "a year earlier"; in "three days later" TimeML tags the duration, "later" is a signal
    ("ago", rf"(?:{_APPROX}\s+)?(?:{_COUNT}\s+)?(?:more\s+)?{_UNIT}(?:\s+or\s+so)?\s+(?:ago|earlier|back|from\s+now|"
            rf"hence)"),
    ("ago", rf"(?:{_APPROX}\s+)?{_COUNT}\s+{_UNIT}\s+(?:before|after){_END}"),
    ("ago", rf"the\s+{_UNIT1}\s+(?:before|after|earlier){_END}"),
    ("year_ago", r"(?:the\s+)?year-(?:earlier|ago|before)"),
    ("year_period", rf"the\s+{_YEAR}\s+(?:fiscal\s+)?(?:quarter|period)"),
    # durations: "the past three months", "five-year", "nearly two years", "recent weeks"
    ("duration", rf"(?:an?\s+)?{_NUMBER}-{_UNIT1}\s+(?:period|term|span|stretch|run)s?"),  # "a three-year period"
    ("duration", rf"(?:(?:at\s+least|nearly|almost|about|roughly)\s+)?(?:the\s+)?(?:(?:first|past|last|next|latest|"
                 rf"coming|previous|final|remaining|following|initial|ensuing|preceding|prior|same|additional|"
                 rf"year-earlier|year-ago)\s+)?(?:{_APPROX}\s+)?{_COUNT}"
                 rf"(?:\s+(?:to|or)\s+{_NUMBER})?(?:\s+(?:more|additional|straight|consecutive|full))?[\s-]+{_UNIT}"
                 rf"(?:-(?:old|long))?(?:\s+and\s+a\s+half|\s+or\s+so)?(?!-)"),
    ("duration", r"(?:the\s+)?(?:past|last|next|coming|previous|first)\s+(?:few|several|many)\s+"
                 r"(?:days|weeks|months|years|decades|quarters|hours|minutes)"),
    # "recent years", "coming months": a stretch of unsaid length, next to now
    ("vague_span", r"(?:the\s+)?(?:recent|past|coming)\s+(?:days|weeks|months|years|decades|quarters)"
                   r"(?:\s+and\s+(?:days|weeks|months|years))?"),
    ("duration", r"the\s+(?:days|weeks|months|years)\s+ahead|(?:decades|years|months|weeks)-long"),
    # "a day-long meeting", "a yearlong inquiry": one of the unit, as an adjective
    ("duration", r"(?:hour|day|night|week|month|year)-?long"),
    # "post-1959 politics", "pre-1990 levels": the year, and TIMEX3's mod says which side of it
    ("year_side", rf"(?:pre|post)-{_YEAR}"),
    ("duration", r"(?:(?<=\bfor\s)|(?<=\btake\s)|(?<=\btakes\s)|(?<=\btook\s)|(?<=\btaken\s)|"
                 r"(?<=\blasted\s)|(?<=\blasts\s)|(?<=\bspent\s)|(?<=\bwithin\s))"
                 r"(?:days|weeks|months|years|decades|centuries)(?=\s*[.,;:!?)]|\s+(?:and|or|to|now|before|"
                 r"after|in|of|on|the|as|while|until|without|with)\b)"),
    # this/last/next unit, with a modifier: "earlier this week", "the end of last year", "last July"
    ("deictic", rf"{_MOD}?{_THIS}\s+(?:fiscal\s+)?(?:week|month|year|decade|century|weekend|{_SEASON}|{_WD}|"
                rf"{_MONTH_FULL})"),
    ("deictic", rf"(?:the|that)\s+(?:week|month|year|decade)\s+(?:before|after|earlier){_END}"),
    ("deictic", rf"{_MOD}the\s+(?:fiscal\s+)?(?:week|month|year|decade|century)|year-end|the\s+weekend|"
                rf"(?:earlier|later)\s+in\s+the\s+(?:week|month|year)|year(?:'s)?\s+end"),
    ("relational", rf"{_MOD}?(?:the\s+)?(?:next|following|previous|same|preceding|prior)\s+(?:day|morning|evening)"
                   r"|(?:(?:early|late|earlier|later)\s+)?(?:that\s+(?:same\s+)?day|the\s+same\s+day)"),
    ("deictic", rf"the\s+week\s+of\s+(?:{_MONTH}\s+{_DAY}|{_WD})"),
    # explicit dates: "Nov. 9, 1998", "9 November 1998", "June 1990", "fiscal 1990", "the late 1980s"
    ("month_day", rf"(?:{_MOD})?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"),
    ("month_day", rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
    ("month_year", rf"(?:{_MOD})?{_MONTH},?\s+(?:of\s+)?(?:{_YEAR}|{_YEAR_SPELLED}|(?:this|last|next)\s+year)"),
    ("year", rf"(?:{_MOD}|the\s+(?:first|second|last)\s+half\s+of\s+|the\s+{_SEASON}\s+of\s+)?(?:the\s+)?"
             rf"(?:(?:early|late|mid)[\s-]+)?(?:(?:fiscal|calendar|model|school)(?:\s+year)?\s+|FY\s*|the\s+year\s+)?"
             rf"(?:{_YEAR}s?|'\d0s|{_YEAR_SPELLED})(?:\s+(?:and\s+beyond|or\s+later|or\s+earlier))?"
             r"(?!\s*(?:%|percent|million|billion|trillion|thousand|people|shares|dollars|points|yen|tons))"),
    ("year", r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:twenties|thirties|forties|fifties|sixties|seventies|"
             r"eighties|nineties)"),
    ("century", rf"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:\d{{1,2}}(?:st|nd|rd|th)|{_alt(tv.ORDINALS)}|"
                r"(?:nine|eigh|seven|six)teenth|twentieth|twenty-first)\s+century"),
    ("month", rf"(?:{_MOD})?(?:{_MONTH_SAFE}|{_CUED_MONTH})(?:\s+of\s+{_YEAR})?"),
    ("season", rf"(?:(?:the\s+)?{_MOD})?(?:(?:this\s+past|this\s+coming|this|last|next|the\s+past|the\s+coming|the)\s+"
               rf"{_SEASON}|spring|summer|winter)(?:\s+(?:of\s+)?{_YEAR})?(?!\s+of\s+(?!{_YEAR}))"),
    ("season", rf"(?:{_MOD})?{_SEASON}\s+(?:of\s+)?{_YEAR}"),
    # today, yesterday, weekdays, holidays
    ("dayword", r"(?:(?:early|late|earlier|later)\s+)?(?:today|yesterday|tomorrow)"),
    ("weekday", rf"(?:(?:this\s+past|this\s+coming|last|next|this|coming|the\s+following|the\s+previous|the\s+next|"
                rf"that|early|late|earlier|later)\s+)?{_WD}"),
    ("holiday", rf"(?:(?:last|next|this)\s+)?{_alt(tv.HOLIDAYS, exact_case=True)}(?:\s+{_YEAR})?"),
    # vague references: "now", "recently", "the future"
    ("vague", _alt(tv.VAGUE)),
    # frequencies: "daily", "Tuesdays", "$5 million a year"
    ("set_adverb", _alt(tv.FREQUENCIES)),
    ("set_weekday", _WDS),
)

_KIND_OF_GROUP = {f"k{i}": kind for i, (kind, _) in enumerate(_KINDS)}
_EXPRESSION = re.compile(
    r"(?<![\w'$-])(?:" + "|".join(f"(?P<k{i}>{rx})" for i, (_, rx) in enumerate(_KINDS)) + r")(?![\w])",
    re.IGNORECASE)


# --- sentences ---------------------------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n")
_NOT_SENTENCE_END = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Prof|St|Mt|"
    r"Ft|Rev|Jr|Sr|No|Vol|vs|U\.S|U\.N|U\.K|[A-Z])\.)$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Give the (start, end) offsets of the sentences of `text`, surrounding white space left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        # "Nov. 9", "Mr. Smith", "J. Smith": a period after an abbreviation does not end the sentence
        if "\n" not in m.group() and _NOT_SENTENCE_END.search(text, max(0, m.start() - 8), m.start()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


# --- values ------------------------------------------------------------------------------------------------------

_SEASON_CODES = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA", 12: "WI",
                 1: "WI", 2: "WI"}


def timex_value(resolved: ResolvedDate) -> str:
    """Give the TIMEX3 value of a resolved date: `2024-05-14`, `2024-W20`, `2023-07`, `2013-Q1`, `PAST_REF`..."""
    precision = resolved.precision
    if precision in ("past", "present", "future"):
        return f"{precision.upper()}_REF"
    day = resolved.start or resolved.end
    if day is None:
        return "XXXX"
    if precision == "week" and "weekend" in resolved.rule:
        return timex_at(day, "weekend")
    return timex_at(day, precision)


def timex_at(day: Day, grain: str) -> str:
    """Give `day` written as TIMEX3 writes a date of that granularity: day `2024-05-14`, week `2024-W20`,
    weekend `2024-W20-WE`, month `2023-07`, quarter `2013-Q1`, half `2013-H2`, season `2023-WI` (December's
    winter is the next year's: January and February name it), decade `199`, century `19`, else the year."""
    y, m, _ = day.ymd
    if grain == "day":
        return day.iso()
    if grain in ("week", "weekend"):
        week_year, week = day.iso_week()
        return f"{week_year:04d}-W{week:02d}" + ("-WE" if grain == "weekend" else "")
    if grain == "month":
        return f"{y:04d}-{m:02d}"
    if grain == "quarter":
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if grain == "half":
        return f"{y:04d}-H{1 if m <= 6 else 2}"
    if grain == "season":
        return f"{y if m != 1 and m != 2 else y - 1:04d}-{_SEASON_CODES[m]}"
    if grain == "decade":
        return f"{y // 10:03d}"
    if grain == "century":
        return f"{y // 100:02d}"
    return f"{y:04d}"


_WORD = re.compile(r"\d/\d|[a-z]+|\d+(?:\.\d+)?")


def _count(words: list[str]) -> str:
    """Give the number a run of words says ("twenty four" -> "24"), or "X" when it is vague ("several")."""
    total, seen = 0.0, False
    if len(words) > 1 and words[0] in ("a", "an") and words[1] not in ("hundred", "thousand"):
        words = words[1:]  # "a couple of", "a few", "a dozen"
    for word in words:
        if word in tv.VAGUE_QUANTITIES:
            return "X"
        if word[0].isdigit():
            if "/" in word:
                a, b = word.split("/")
                total += int(a) / int(b)
            else:
                total += float(word)
            seen = True
        elif word in ("hundred", "thousand"):
            total = max(total, 1) * tv.NUMBER_VALUES[word]
            seen = True
        elif word == "half" and seen:
            total += 0.5
        elif word in tv.NUMBER_VALUES:
            total += tv.NUMBER_VALUES[word]
            seen = True
    if not seen:
        return "X" if words else "1"
    return str(int(total)) if total == int(total) else str(total)


def _unit_of(word: str) -> tuple[str, int] | None:
    stem = word[:-1] if word.endswith("s") and word[:-1] in tv.UNITS else word
    if stem == "centuries":
        stem = "century"
    return tv.UNITS.get(stem)


def duration_value(text: str) -> str:
    """Give the TIMEX3 duration of an expression: "the past three months" -> P3M, "several years" -> PXY."""
    words = _WORD.findall(_LONG.sub(r"\1 long", text.lower()).replace("-", " "))
    for i in range(len(words) - 1, -1, -1):
        unit = _unit_of(words[i])
        if unit is None:
            continue
        letters, scale = unit
        before = words[:i]
        # the count is the run of number words just before the unit ("the past twenty four hours")
        j = i
        while j > 0 and (before[j - 1] in tv.NUMBER_VALUES or before[j - 1][0].isdigit()
                         or before[j - 1] in tv.VAGUE_QUANTITIES or before[j - 1] in _COUNT_FILLERS):
            j -= 1
        run = [w for w in before[j:i] if w not in _COUNT_FILLERS]
        ranged = j >= 2 and before[j - 1] in ("to", "or")
        if ranged and (before[j - 2][0].isdigit() or before[j - 2] in tv.NUMBER_VALUES):
            count = "X"  # "12 to 18 months": TIMEX3 has no range
        elif words[i + 1:i + 4] == ["and", "a", "half"]:
            count = str(float(_count(run or ["1"])) + 0.5)
        elif run:
            count = _count(run)
        else:
            count = "X" if words[i].endswith("s") else "1"  # "years": an unsaid number of them
        if count != "X" and scale != 1:
            count = str(int(float(count) * scale))
        if count != "X" and "." in count:
            return _fractional(float(count), letters)
        return f"PT{count}{letters[1]}" if letters.startswith("T") else f"P{count}{letters}"
    return "PXX"


_LONG = re.compile(r"\b(hour|day|night|week|month|year)long\b")
_COUNT_FILLERS = frozenset({"and", "of", "more", "additional", "straight", "consecutive", "full", "trading",
                            "business", "working", "calendar", "school"})
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60), "W": ("D", 7)}


def _fractional(count: float, letters: str) -> str:
    """Give "2 1/2 years" as P2Y6M, as TIMEX3 writes fractions."""
    whole = int(count)
    smaller, per = _SMALLER.get(letters, (letters, 1))
    rest = round((count - whole) * per)
    head = f"{whole}{letters[-1]}" if whole else ""
    if letters.startswith("T"):
        return f"PT{head}{rest}{smaller[-1]}"
    if smaller.startswith("T"):
        return f"P{head}T{rest}{smaller[-1]}"
    return f"P{head}{rest}{smaller}"


def _mod_of(text: str) -> str | None:
    lower = text.lower()
    for words, mod in _MODS:
        if words.match(lower):
            return mod
    return None


_MODS = tuple((re.compile(rx), mod) for rx, mod in (
    (r"(?:the\s+)?(?:early|beginning|start)\b", "START"), (r"the\s+(?:beginning|start)\s+of", "START"),
    (r"(?:the\s+)?(?:late|end)\b", "END"), (r"the\s+end\s+of", "END"), (r"(?:the\s+)?(?:mid|middle)\b", "MID"),
    (r"the\s+middle\s+of", "MID"),
    (r"(?:about|around|approximately|roughly|nearly|almost|some)\b", "APPROX"),
    (r"(?:more\s+than|over|well\s+over|just\s+over)\b", "MORE_THAN"), (r"(?:less\s+than|under|fewer)\b", "LESS_THAN"),
    (r"at\s+least\b", "EQUAL_OR_MORE"), (r"(?:up\s+to|no\s+more\s+than|at\s+most)\b", "EQUAL_OR_LESS"),
))


# --- reading one document ----------------------------------------------------------------------------------------

_PERIOD_MODIFIER = re.compile(r"^(?:(?:early|late|earlier|later|mid)[\s-]+"
                              r"|the\s+(?:beginning|start|end|middle)\s+of\s+)", re.IGNORECASE)
_LEADING_MODIFIER = re.compile(r"^(?:(?:early|late|earlier|later|mid|just|about|around|over|nearly|almost|"
                               r"more\s+than|less\s+than)[\s-]+)+", re.IGNORECASE)
_SHORT_UNIT_LATER = re.compile(r"\s+(?:later|earlier|before|after|ago)$", re.IGNORECASE)
#: Words that tie an expression to a date the story named: "the following day", "two days later", "that year".
#: "next week" and "last year" are the anchor's neighbours, not the story's.
_RELATIONAL = re.compile(r"\b(?:following|previous|preceding|prior|same|that|the\s+next)\b|"
                         r"\b(?:later|earlier|before|after)$")
_YEAR_BACK = re.compile(r"\b(?:a|one)\s+year\s+(?:earlier|ago|before)\b|\byear-(?:earlier|ago|before)\b|"
                        r"\blast\s+year's\s+(?:quarter|period)\b|"
                        r"\b(?:same|comparable|corresponding)\s+(?:quarter|period)\b")
_BARE_QUARTER = re.compile(r"(?:the|that|this)\s+(?:fiscal\s+)?(?:quarter|period)$")
_UNIT_WORD = re.compile(r"\b(day|morning|evening|week|month|quarter|year)s?\b")
_PART_CODE = re.compile(r"\b(morning|afternoon|evening|night|tonight|overnight)\b")
_CLOCK_TIME = re.compile(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m|p\.?m)?", re.IGNORECASE)


#: "the 1996 campaign", "the 14-day wait": a year or an "N-unit" before a noun modifies it, and the determiner
#: belongs to the noun, not to the date (TimeML tags "1996", "14-day").
_ADJECTIVAL_KINDS = frozenset({"year", "duration", "quarter", "quarter_ref", "year_ago"})
_ADJECTIVE = re.compile(r"the\s+(?=(?:fiscal\s+)?(?:\d{4}|\S+-\S+)\s*$)", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|through|when|as|in|on|of|at|for|by|with|from|was|were|is|are|had|has|"
                         r"that|which|but|after|before|until|than)\b)[A-Za-z]")


_WORDS = re.compile(r"[a-z']+")
_CLAUSE_END = re.compile(r"[.;:!?]")
_CLAUSE_BREAKS = ".;:!?\"\u201c\u201d"


def _last_clause(text: str) -> str:
    """Give the text after the last clause break or quotation mark of `text` (a quotation is a clause of its own)."""
    cut = max(text.rfind(c) for c in _CLAUSE_BREAKS)
    for pair in ("``", "''"):
        at = text.rfind(pair)
        if at >= 0:
            cut = max(cut, at + 1)
    return text[cut + 1:]
#: A passive after a word that looks ahead, just before the date: "will be held", "is to be released on".
_FUTURE_PASSIVE = re.compile(r"\b(?:will|shall|'ll|won't|is\s+to|are\s+to|going\s+to|due\s+to|set\s+to|"
                             r"expected\s+to|scheduled\s+to)\s+(?:not\s+)?be\s+[a-z]+(?:\s+[a-z]+){0,3}"
                             r"(?:\s+(?:on|at|by|until|next|this))?\s*$")
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'"})
_COMPOUND = re.compile(r"[A-Za-z]+-[A-Za-z]+")


class _Reader:
    """The state of one document's reading: what it has named so far, for relational expressions."""

    __slots__ = ("text", "anchor", "breaks", "last_day", "last_quarter", "last_month", "last_year", "last_any",
                 "last_grain", "period")

    def __init__(self, text: str, anchor: Day | None) -> None:
        self.text = text
        self.anchor = anchor
        self.breaks = [a for a, _ in sentences(text)]
        self.last_day: tuple[int, Day] | None = None  # (sentence, day) of the latest day-precise date
        self.last_quarter: tuple[int, Day] | None = None
        self.last_month: tuple[int, Day] | None = None
        self.last_year: tuple[int, Day] | None = None
        self.last_any: tuple[int, Day] | None = None  # the latest date named, at any precision
        self.last_grain: Precision | None = None  # the precision of that latest date
        self.period: tuple[int, str, Day | None] | None = None  # (sentence, precision, start) of the period last named

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset) - 1

    def before(self, offset: int) -> str:
        """Give the words of the sentence before `offset` (its last 400 characters: the tense cues are near)."""
        index = self.sentence_of(offset)
        start = self.breaks[index] if index >= 0 else 0
        return self.text[max(start, offset - 400):offset]

    def tense(self, phrase: str, offset: int) -> Tense:
        """Give the tense of the sentence a date stands in, as the TimeML convention reads a bare date by it (in
        a past-tense narrative the most recent one, in a future-tense sentence the next one).

        The nearest cue just before the date decides (`infer_tense`), with two readings of the whole clause:
        "until" says where a state ends, not when, so the state's own verb decides ("Until Thursday, they had not
        called him a suspect": past); a verb that plans ("were planning to drive around the airport on Monday",
        "will ... on Monday") governs its clause to the date however far it stands. A date that names a thing
        ("Wednesday's ruling") is not governed by the clause's plans."""
        before = self.before(offset)
        tense = infer_tense(before, phrase)
        end = offset + len(phrase)
        if tense != "future" and _FUTURE_PASSIVE.search(_last_clause(before[-200:]).lower().translate(_CURLY)):
            # "will be held Saturday": the participle is a passive's, the auxiliary before it looks ahead
            return "future"
        if tense == "either" and before.strip() in ("In", "During") and self.text.startswith(",", end):
            # "In January, a bomb killed a guard": a sentence that opens on its date recounts, unless it says ahead
            # ("In January, the board will vote"): the nearest cue after the date, its verb near the subject
            after = _WORDS.findall(_CLAUSE_END.split(self.text[end:end + 200].lower().translate(_CURLY))[0])
            cue = next((w for w in after[:vocab.TENSE_WINDOW] if w in vocab.FUTURE_MARKERS or w in vocab.PAST_MARKERS
                        or w in tv.PLANNING_VERBS), "")
            return "future" if cue in vocab.FUTURE_MARKERS or cue in tv.PLANNING_VERBS else "past"
        if tense == "either" and not _COMPOUND.fullmatch(phrase.strip()) \
                and not self.text.startswith(("'s", "\u2019s"), end):
            # the clause before the date: a quotation is a clause of its own ("``We will ...'' Cuba predicted")
            clause = _WORDS.findall(_last_clause(before[-300:].lower()).translate(_CURLY))
            for word in reversed(clause[:-vocab.TENSE_WINDOW] if len(clause) > vocab.TENSE_WINDOW else []):
                if word in vocab.PAST_MARKERS:
                    break
                if word in tv.PLANNING_VERBS:
                    return "future"
        if tense == "future":
            near = _WORDS.findall(_last_clause(before[-200:].lower()).translate(_CURLY))
            near = near[-vocab.TENSE_WINDOW - 2:]
            at = next((i for i in range(len(near) - 1, -1, -1)
                       if near[i] in vocab.FUTURE_MARKERS or near[i] in vocab.PAST_MARKERS), 0)
            cue = near[at] if near else ""
            if "had" in near[max(0, at - 4):at]:
                return "either"  # "had been due to expire Friday": a plan as it stood, overtaken since, no ahead
            if cue in ("planned", "scheduled", "expected") and not {"as", "previously", "originally"}.isdisjoint(
                    near[max(0, at - 2):at]):
                return "either"  # "began as (previously) planned Saturday night": the plan kept, told after
            after = _WORDS.findall(_CLAUSE_END.split(self.text[end:end + 120].lower().translate(_CURLY))[0])
            if cue in tv.SPAN_ENDS and not tv.PAST_AUXILIARIES.isdisjoint(near + after[:vocab.TENSE_WINDOW]):
                return "past"
        return tense

    def resolve(self, phrase: str, offset: int, anchor: Day | None = None, tense: Tense | None = None
                ) -> ResolvedDate | None:
        anchor = anchor or self.anchor
        if tense is None:
            tense = self.tense(phrase, offset)
        try:
            return resolve_phrase(phrase, anchor, tense=tense)
        except PhraseError:
            pass
        # "later that year", "just over a week ago": the period without its modifier still says the value
        bare = _LEADING_MODIFIER.sub("", phrase)
        if bare != phrase and bare:
            try:
                return resolve_phrase(bare, anchor, tense=tense)
            except PhraseError:
                pass
        return None

    def remember(self, resolved: ResolvedDate | None, offset: int) -> None:
        if resolved is None or resolved.start is None:
            return
        sentence = self.sentence_of(offset)
        precision = resolved.precision
        if precision in ("day", "week", "month", "quarter", "season", "half", "year"):
            self.last_any = (sentence, resolved.start)
            self.last_grain = precision
        if precision in ("quarter", "month", "half", "year"):
            self.period = (sentence, precision, resolved.start)
        if precision == "day":
            self.last_day = (sentence, resolved.start)
        elif precision == "quarter":
            self.last_quarter = (sentence, resolved.start)
        elif precision == "month":
            self.last_month = (sentence, resolved.start)
        elif precision == "year":
            self.last_year = (sentence, resolved.start)

    def read(self, kind: str, start: int, end: int) -> Mention | None:
        phrase = self.text[start:end]
        reader = _READERS[kind]
        return reader(self, kind, phrase, start, end)


#: Every word an expression can start with, lower case (a number starts one too). The expression is tried only at
#: these words, not at every word of the text: three times faster, the same matches (tests/dates check both).
_START_WORDS = frozenset(
    {w.lower() for w in (*tv.WEEKDAYS, *tv.MONTHS, *tv.HOLIDAYS, *tv.VAGUE, *tv.FREQUENCIES, *tv.APPROXIMATIONS,
                         *tv.ONES, *tv.TEENS, *tv.TENS, *tv.VAGUE_QUANTITIES, *tv.ORDINALS, *tv.SEASONS)}
    | {w.lower().rstrip(".") for w in tv.MONTH_ABBREVIATIONS}
    | {w.lower().split()[0] for w in (*tv.HOLIDAYS, *tv.VAGUE, *tv.APPROXIMATIONS)}
    | {w.lower() + "s" for w in tv.WEEKDAYS}
    | {"every", "each", "about", "around", "approximately", "shortly", "just", "noon", "midnight", "midday", "the",
       "this", "last", "next", "coming", "early", "late", "earlier", "later", "mid", "today", "yesterday",
       "tomorrow", "tonight", "overnight", "q1", "q2", "q3", "q4", "a", "an", "couple", "dozen", "hundred", "that",
       "year", "fiscal", "calendar", "model", "school", "fy", "twenties", "thirties", "forties", "fifties",
       "sixties", "seventies", "eighties", "nineties", "nineteen", "two", "per", "recent", "past", "following",
       "previous", "same", "prior", "preceding", "days", "weeks", "months", "years", "decades", "centuries",
       "more", "less", "fewer", "at", "up", "no", "well", "over", "until", "these", "right", "first", "second",
       "third", "fourth", "final", "latest", "current", "comparable", "corresponding", "remaining", "initial",
       "ensuing", "additional", "trading", "business", "working", "mid-afternoon", "mid-", "midafternoon",
       "once", "twice", "pre", "post", "hour", "day", "night", "week", "month", "hourlong", "daylong",
       "nightlong", "weeklong", "monthlong", "yearlong"})
_WORD_AT = re.compile(r"\w+")


#: Articles start an expression only before one of these (or a number): "the past year", "a few days", "the 1990s";
#: "the company" and "a man" are skipped without trying the expression.
_AFTER_ARTICLE = _START_WORDS | {
    "end", "beginning", "start", "middle", "rest", "remainder", "balance", "near", "short", "long", "present",
    "future", "weekend", "day", "week", "month", "quarter", "period", "decade", "century", "half", "hour", "minute",
    "night", "morning", "afternoon", "evening", "fortnight", "quarters", "hours", "minutes", "nights", "centuries",
    "weekends", "while", "better", "full", "years", "mid"}
_ARTICLES = frozenset({"the", "a", "an"})


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Give the expression's matches in `text`, as `finditer` would, trying only where an expression can start."""
    end = 0
    match = _EXPRESSION.match
    starts = _START_WORDS
    words = list(_WORD_AT.finditer(text))
    for index, word in enumerate(words):
        at = word.start()
        if at < end:
            continue
        first = word.group()
        lower = first.lower()
        if not (first[0].isdigit() or lower in starts):
            continue
        if lower in _ARTICLES and index + 1 < len(words):
            following = words[index + 1].group()
            if not (following[0].isdigit() or following.lower() in _AFTER_ARTICLE
                    or text[word.end():words[index + 1].start()].strip() not in ("", "-")):
                continue
        if at and text[at - 1] == "'":  # "the '90s"
            found = match(text, at - 1)
            if found and found.end() > at:
                end = found.end()
                yield found
                continue
        found = match(text, at)
        if found:
            end = found.end()
            yield found


def tag(text: str, anchor: Day | None) -> list[Mention]:
    """Give every date and time expression in `text`, in order, read against `anchor` (the story's date).

    Without an anchor, relative expressions get TIMEX3 values with X for what only the anchor could say
    (`XXXX-WXX-2` for "Tuesday")."""
    if not isinstance(text, str):
        raise PhraseError(f"the text to tag must be a string, not {type(text).__name__}")
    reader = _Reader(text, anchor)
    mentions: list[Mention] = []
    taken = 0  # end of the last mention made outside the expression ("April 24 and 25")
    for m in _matches(text):
        kind = _KIND_OF_GROUP[m.lastgroup or ""]
        start, end = m.span()
        if start < taken:
            continue
        while end > start and text[end - 1] in " \t\n,":
            end -= 1
        if kind in _ADJECTIVAL_KINDS and _ADJECTIVE.search(text, start, end) and _NOUN_AFTER.match(text, end):
            start = _ADJECTIVE.search(text, start, end).end()  # type: ignore[union-attr]
        mention = reader.read(kind, start, end)
        if mention is not None:
            mentions.append(mention)
            second = _second_day(text, mention)
            if second is not None:
                mentions.append(second)
                taken = second.end
    return mentions


#: "April 24 and 25", "May 13 to 15": a second day of the same month, which TimeML tags on its own.
_SECOND_DAY = re.compile(r"\s*(?:and|or|to|through|-|\u2013)\s*([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%])"
                         r"(?![,.:]\d)(?!\s+(?:%|percent|million|billion|[a-z]))")


def _second_day(text: str, first: Mention) -> Mention | None:
    """Give the day written after a month-day ("and 25" in "April 24 and 25"), in the same month and year."""
    r = first.resolved
    if first.kind != "month_day" or r is None or r.precision != "day" or r.start is None:
        return None
    m = _SECOND_DAY.match(text, first.end)
    if m is None:
        return None
    y, month, day = r.start.ymd
    number = int(m.group(1))
    if number <= day:
        return None
    try:
        second = Day.of(y, month, number)
    except ValueError:
        return None
    resolved = ResolvedDate(m.group(1), r.anchor, second, second, "day", second.iso(), "day-of-month-named-before",
                            f"day {number} of the month written just before")
    return Mention(m.start(1), m.end(1), m.group(1), "DATE", second.iso(), "second_day", resolved)


# --- one reader per kind -----------------------------------------------------------------------------------------

def _date(reader: _Reader, kind: str, phrase: str, start: int, end: int, *, anchor: Day | None = None,
          type_: str = "DATE") -> Mention:
    resolved = reader.resolve(phrase, start, anchor)
    reader.remember(resolved, start)
    value = timex_value(resolved) if resolved else _unanchored(phrase)
    bare = _PERIOD_MODIFIER.sub("", phrase)
    if resolved is not None and bare != phrase and bare:
        # "earlier this month", "late November": TIMEX3 gives the period's value and says the part in `mod`
        whole = reader.resolve(bare, start, anchor)
        if whole is not None:
            value = timex_value(whole)
    return Mention(start, end, phrase, type_, value, kind, resolved, _mod_of(phrase))


def _unanchored(phrase: str) -> str:
    """Give the TIMEX3 value of a date the resolver could not place: what the words alone say."""
    lower = phrase.lower()
    for i, name in enumerate(tv.WEEKDAYS):
        if name.lower() in lower:
            return f"XXXX-WXX-{i + 1}"
    for i, name in enumerate(tv.MONTHS):
        if name.lower()[:3] in lower.replace("sept", "sep"):
            day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", lower)
            return f"XXXX-{i + 1:02d}-{int(day.group(1)):02d}" if day else f"XXXX-{i + 1:02d}"
    return "XXXX-XX-XX"


def _read_date(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    if kind == "dayword" and phrase.lower() == "today" and _GENERIC_TODAY.match(reader.text, end):
        return None  # "today's youth", "in today's world": these times, no day; TimeML's corpora leave it
    return _date(reader, kind, phrase, start, end)


#: "today's" before a noun of an era, not of a day's news ("today's world", "today's young people"); "today's
#: meeting", "today's editions" stay the day.
_GENERIC_TODAY = re.compile(r"(?:'s|\u2019s)\s+(?:[a-z-]+\s+)?(?:" + "|".join(tv.ERA_NOUNS) + r")\b")


def _read_quarter(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """A quarter without a year is the latest one unless the sentence looks ahead: earnings are reported after."""
    clause = re.split(r"[.;:!?]", reader.before(start)[-200:].lower())[-1]
    # "third-quarter profit" names what a report is about: the latest quarter, whatever the verb
    ahead = "-" not in phrase and not tv.QUARTER_FUTURE_CUES.isdisjoint(_WORDS.findall(clause)[-8:])
    tense: Tense = "future" if ahead else "past"
    words = re.sub(r"\blast\s+half\b", "second half", phrase, flags=re.IGNORECASE)
    resolved = reader.resolve(words, start, tense=tense)
    reader.remember(resolved, start)
    value = timex_value(resolved) if resolved else "XXXX-QX"
    return Mention(start, end, phrase, "DATE", value, kind, resolved, _mod_of(phrase))


_DAY_NEXT_TO = re.compile(r"(?:the\s+)?day\s+(before|after)\s+", re.IGNORECASE)


def _read_day_next_to(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """"the day before last Tuesday": the day the words after "before"/"after" name, one day earlier or later."""
    head = _DAY_NEXT_TO.match(phrase)
    assert head is not None
    named = reader.resolve(phrase[head.end():], start + head.end())
    if named is None or named.start is None or named.precision != "day":
        return _date(reader, kind, phrase, start, end)
    day = named.start.plus(-1 if head.group(1).lower() == "before" else 1)
    resolved = ResolvedDate(phrase, named.start, day, day, "day", day.iso(), "day-next-to-named-day",
                            f"the day {head.group(1).lower()} {named.start.iso()}")
    reader.remember(named, start)  # the day named stays the story's reference ("... the next morning")
    return Mention(start, end, phrase, "DATE", day.iso(), kind, resolved)


_STRETCH = re.compile(r"the\s+(?:past|last)\s+(?:week|month|year|decade|century)")
_FOR_BEFORE = re.compile(r"\b(?:for|throughout)\s+$", re.IGNORECASE)


def _read_relational(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """"the next day", "that day", "the following year": read against the date last named at that precision."""
    if phrase.istitle() and " " in phrase and start \
            and not _SENTENCE_START.search(reader.text, start - 12 if start > 12 else 0, start):
        return None  # "ABC's This Week": a title, capitalised mid-sentence
    if _STRETCH.fullmatch(" ".join(phrase.lower().split())) and _FOR_BEFORE.search(reader.text, max(0, start - 8),
                                                                                     start):
        # "has been in Maryland for the last week": how long, the seven days up to now, not last calendar week
        return Mention(start, end, phrase, "DURATION", duration_value(phrase), kind)
    if phrase.lower() == "year-end":
        # the close of the year's books: its last day
        resolved = reader.resolve(phrase, start)
        if resolved is not None and resolved.start is not None:
            return Mention(start, end, phrase, "DATE", f"{resolved.start.year:04d}-12-31", kind, resolved)
    if _SAME_DAY.search(phrase) and reader.last_grain in ("month", "year") and reader.last_any is not None:
        return _same_day_in(reader, kind, phrase, start, end)
    finer = _THAT_UNIT.search(phrase)
    if finer and reader.last_any is not None and _COARSER.get(finer.group(1).lower(), ()) \
            and reader.last_grain in _COARSER[finer.group(1).lower()]:
        return _finer_in(reader, kind, phrase, start, end, finer.group(1).lower())
    unit = _UNIT_WORD.search(phrase.lower())
    reference = None
    if unit and _RELATIONAL.search(phrase.lower()):
        word = unit.group(1)
        named = {"day": reader.last_day, "morning": reader.last_day, "evening": reader.last_day,
                 "week": reader.last_day, "quarter": reader.last_quarter}.get(word, reader.last_any)
        if named is not None:
            reference = named[1]
    return _date(reader, kind, phrase, start, end, anchor=reference)


_SAME_DAY = re.compile(r"\b(?:that|the\s+same)\s+(?:same\s+)?day$", re.IGNORECASE)


def _same_day_in(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention:
    """"that same day" after "last October": the day of what the story last dated, a day TimeML leaves unsaid in
    that month (`1998-10-XX`) or year (`1998-XX-XX`). "That day" points back to the latest date the story named,
    not to the latest day: "killed last October ... crossed out that same day" is a day in October."""
    assert reader.last_any is not None
    first = reader.last_any[1]
    y, m, _ = first.ymd
    if reader.last_grain == "month":
        value, lo, hi = f"{y:04d}-{m:02d}-XX", *month_span(y, m)
    else:
        value, lo, hi = f"{y:04d}-XX-XX", Day.of(y, 1, 1), Day.of(y, 12, 31)
    grain: Precision = "month" if reader.last_grain == "month" else "year"
    resolved = ResolvedDate(phrase, first, lo, hi, grain, value, "day-in-period-named-before",
                            f"a day of the {grain} the story named last")
    return Mention(start, end, phrase, "DATE", value, kind, resolved, _mod_of(phrase))


_THAT_UNIT = re.compile(r"\bthat\s+(week|month|spring|summer|autumn|fall|winter)$", re.IGNORECASE)
#: The periods a unit after "that" lies inside: "that week" after "June 1997", "that month" or "that summer" after
#: "1997". After a day (or, for a season, a month) "that week" is the week of that day, as "that day" is.
_COARSER: dict[str, tuple[str, ...]] = {
    "week": ("month", "quarter", "season", "half", "year"), "month": ("quarter", "season", "half", "year"),
    **{season: ("year",) for season in tv.SEASONS}}


def _finer_in(reader: _Reader, kind: str, phrase: str, start: int, end: int, unit: str) -> Mention:
    """"That week" after "in June 1997", "that month" after "in 1997": a unit inside the period the story named
    last, as TimeML anchors "that": a week of June 1997 (`1997-WXX`), a month of 1997 (`1997-XX`); a season
    after a year is that year's (`1997-SU`). Read against the story's date they would be its own week or month."""
    assert reader.last_any is not None and reader.last_grain is not None
    first = reader.last_any[1]
    y, m, _ = first.ymd
    if unit in tv.SEASONS:
        resolved = reader.resolve(f"{unit} {y:04d}", start)
        if resolved is not None:
            reader.remember(resolved, start)
            return Mention(start, end, phrase, "DATE", timex_value(resolved), kind, resolved, _mod_of(phrase))
    if reader.last_grain == "month":
        lo, hi = month_span(y, m)
    elif reader.last_grain == "year":
        lo, hi = Day.of(y, 1, 1), Day.of(y, 12, 31)
    else:  # a quarter, season or half: from its first day, three or six months
        lo, hi = months_span(y, m, 6 if reader.last_grain == "half" else 3)
    value = f"{y:04d}-WXX" if unit == "week" else f"{y:04d}-XX"
    grain: Precision = reader.last_grain
    # EDTF has no unknown week: a week of June 1997 is known only as June 1997
    edtf = (f"{y:04d}-XX" if unit == "month" and grain == "year" else f"{y:04d}" if grain == "year"
            else f"{y:04d}-{m:02d}" if grain == "month" else f"{lo.iso()}/{hi.iso()}")
    resolved = ResolvedDate(phrase, first, lo, hi, grain, edtf, f"{unit}-in-period-named-before",
                            f"a {unit} of the {grain} the story named last")
    return Mention(start, end, phrase, "DATE", value, kind, resolved, _mod_of(phrase))


_UNIT_NEXT_TO = re.compile(r"the\s+(day|week|month|quarter|year|decade)\s+(before|after|earlier)", re.IGNORECASE)


def _unit_next_to(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """"down from $450 million the year before" (after "last year"), "reopened the month after" (after "June
    1990"): the unit next to the one the story named last, as TimeML anchors it; None when it named none."""
    m = _UNIT_NEXT_TO.fullmatch(" ".join(phrase.split()))
    assert m is not None
    unit, step = m.group(1).lower(), -1 if m.group(2).lower() in ("before", "earlier") else 1
    named = reader.last_day if unit in ("day", "week") else reader.last_quarter if unit == "quarter" \
        else reader.last_any
    if named is None or (unit == "month" and reader.last_grain not in ("day", "week", "month")):
        return None
    y, mo, _ = named[1].ymd
    if unit == "day":
        lo = hi = named[1].plus(step)
    elif unit == "week":
        lo = named[1].plus(7 * step - named[1].weekday())
        hi = lo.plus(6)
    elif unit in ("month", "quarter"):
        months = (1 if unit == "month" else 3) * step
        first = (mo - 1) // 3 * 3 if unit == "quarter" else mo - 1
        index = y * 12 + first + months
        y2, m2 = divmod(index, 12)
        lo, hi = months_span(y2, m2 + 1, 1 if unit == "month" else 3)
    else:
        span = 10 if unit == "decade" else 1
        y2 = (y // span + step) * span
        lo, hi = Day.of(y2, 1, 1), Day.of(y2 + span - 1, 12, 31)
    grain: Precision = unit  # type: ignore[assignment]
    value = timex_at(lo, unit)
    resolved = ResolvedDate(phrase, named[1], lo, hi, grain, value, f"{unit}-next-to-named",
                            f"the {unit} {m.group(2).lower()} the one named last ({named[1].iso()})")
    reader.remember(resolved, start)
    return Mention(start, end, phrase, "DATE", value, kind, resolved)


def _read_ago(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    lower = phrase.lower()
    if _UNIT_NEXT_TO.fullmatch(" ".join(lower.split())):
        beside = _unit_next_to(reader, kind, phrase, start, end)
        if beside is not None:
            return beside
    if re.search(r"\b(?:hour|minute|second)s?\s+\w+$", lower):
        # "an hour later": a clock time relative to a time the story gives; TimeML tags the duration
        tail = _SHORT_UNIT_LATER.search(phrase)
        if tail:
            phrase, end = phrase[:tail.start()], start + tail.start()
            return Mention(start, end, phrase, "DURATION", duration_value(phrase), kind, None, _mod_of(phrase))
    if _YEAR_BACK.search(lower):
        back = _year_back(reader, phrase, start, end, kind)
        if back is not None:
            return back
    if re.search(r"\b(?:later|earlier|before|after)$", lower) and not re.search(r"\byears?\s+\w+$", lower):
        return _read_relational(reader, kind, phrase, start, end)
    return _date(reader, kind, phrase, start, end)


def _year_back(reader: _Reader, phrase: str, start: int, end: int, kind: str) -> Mention | None:
    """"a year earlier" in a sentence about a quarter or a month: that quarter or month, a year back."""
    sentence = reader.sentence_of(start)
    period = reader.period
    # an earnings story names its quarter once and compares with "a year earlier" for several sentences
    reach = {"quarter": 4, "month": 1, "half": 4}
    if period is not None and period[2] is not None and period[0] >= sentence - reach.get(period[1], -1):
        precision, first_day = period[1], period[2]
        if precision == "half":
            precision = "quarter"
        y, m, _ = first_day.ymd
        value = f"{y - 1:04d}-Q{(m - 1) // 3 + 1}" if precision == "quarter" else f"{y - 1:04d}-{m:02d}"
        resolved = None
        if y - 1 >= 1:
            named: Precision = "quarter" if precision == "quarter" else "month"
            lo, hi = months_span(y - 1, 3 * ((m - 1) // 3) + 1, 3) if named == "quarter" else month_span(y - 1, m)
            resolved = ResolvedDate(phrase, first_day, lo, hi, named, value, "year-before-named-period",
                                    f"the {named} named before, a year back")
        return Mention(start, end, phrase, "DATE", value, kind, resolved, _mod_of(phrase))
    return None


def _read_quarter_ref(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    lower = " ".join(phrase.lower().split())
    if _YEAR_BACK.search(lower):
        back = _year_back(reader, phrase, start, end, kind)
        if back is not None:
            return back
    # a story that numbered its quarter ("its fiscal first quarter") keeps that number; otherwise the day it ended
    ended = _ENDED_ON.match(reader.text, end) if _BARE_QUARTER.fullmatch(lower) and reader.last_quarter is None \
        else None
    if ended is not None:
        closing = reader.resolve(ended.group(1), ended.start(1), tense="past")
        if closing is not None and closing.start is not None and closing.precision == "day":
            return _quarter_ended(reader, kind, phrase, start, end, closing.start)
    if _BARE_QUARTER.fullmatch(lower) and reader.last_quarter is not None:
        y, m, _ = reader.last_quarter[1].ymd
        first = reader.last_quarter[1]
        value = f"{y:04d}-Q{(m - 1) // 3 + 1}"
        named = ResolvedDate(phrase, first, first, first, "quarter", value, "quarter-named-before",
                             "the quarter the story named last")
        return Mention(start, end, phrase, "DATE", value, kind, named)
    if lower.endswith("period") and not re.search(r"quarter|period\s+(?:a|last|of)", lower):
        resolved = reader.resolve(re.sub(r"period$", "quarter", phrase), start)
    else:
        resolved = reader.resolve(phrase, start)
    if not _YEAR_BACK.search(lower) and "last year" not in lower:
        reader.remember(resolved, start)  # the year-ago quarter is compared with, not reported on
    value = timex_value(resolved) if resolved else "XXXX-QX"
    return Mention(start, end, phrase, "DATE", value, kind, resolved)


#: "the quarter ended Sept. 30": the day a reporting quarter closes, written after it.
_ENDED_ON = re.compile(rf"\s+(?:ended|ending|that\s+ended)\s+({_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)")


def _quarter_ended(reader: _Reader, kind: str, phrase: str, start: int, end: int, closing: Day) -> Mention:
    """"the quarter ended Sept. 30" is the three months up to that day: the calendar quarter that holds most of
    them (a fiscal quarter ended July 31, May to July, is the second), in the year of the day it closed."""
    y, m, _ = closing.ymd
    middle = m - 1 if m > 1 else 12
    year = y if m > 1 else y - 1
    quarter = (middle - 1) // 3 + 1
    value = f"{year:04d}-Q{quarter}"
    lo, hi = months_span(year, quarter * 3 - 2, 3)
    resolved = ResolvedDate(phrase, closing, lo, hi, "quarter", value, "quarter-ended-on-day",
                            f"the quarter that closed on {closing.iso()}")
    reader.remember(resolved, start)
    return Mention(start, end, phrase, "DATE", value, kind, resolved)


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_AGE_AFTER = re.compile(r"\s+old\b")
_FRACTION = re.compile(r"\bquarters?$|\bhalf$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b")
_ORDINAL_SECOND = re.compile(r"(?:an?|the)\s+second$", re.IGNORECASE)
_NOUN_NEXT = re.compile(r"\s+(?!(?:of|or|and|to|later|earlier|ago|before|after|in|on|at|for|from|than)\b)[a-z]")


def _read_duration(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    if phrase.lower().endswith("-old") or _AGE_AFTER.match(reader.text, end):
        return None  # "a 6-year-old boy", "52 years old": an age, not a time
    if _FRACTION.search(phrase) and _OF_AFTER.match(reader.text, end):
        return None  # "three-quarters of its food": a fraction
    if _ORDINAL_SECOND.match(phrase) and _NOUN_NEXT.match(reader.text, end):
        return None  # "a second term": the ordinal, not a second of time
    return Mention(start, end, phrase, "DURATION", duration_value(phrase), kind, None, _mod_of(phrase))


def _read_vague_span(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """"recent years", "coming weeks": a stretch of unsaid length next to now (TimeBank writes PXY)."""
    return Mention(start, end, phrase, "DURATION", duration_value(phrase), kind, reader.resolve(phrase, start))


def _read_year_period(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """"the 1988 period": the quarter the story is about, in that year (or the year, when it names no quarter)."""
    year = int(re.search(r"\d{4}", phrase).group())  # type: ignore[union-attr]
    if reader.last_quarter is not None:
        quarter = (reader.last_quarter[1].month - 1) // 3 + 1
        first = Day.of(year, quarter * 3 - 2, 1)
        value = f"{year:04d}-Q{quarter}"
        resolved = ResolvedDate(phrase, None, first, first, "quarter", value, "quarter-named-before-in-year",
                                f"the quarter the story named, in {year}")
        return Mention(start, end, phrase, "DATE", value, kind, resolved)
    return _date(reader, kind, phrase, start, end)


def _read_year_side(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """"post-1959": the year (TimeML tags the whole word), with mod AFTER ("pre-": BEFORE)."""
    year = phrase[phrase.index("-") + 1:]
    resolved = reader.resolve(year, start + len(phrase) - len(year))
    mod = "AFTER" if phrase.lower().startswith("post") else "BEFORE"
    return Mention(start, end, phrase, "DATE", timex_value(resolved) if resolved else year, kind, resolved, mod)


def _read_vague(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    opening = start
    while opening and reader.text[opening - 1] in "\"`\u201c'":
        opening -= 1  # a quotation's first word: "``Now, we wait,'' he said"
    if phrase == "Now" and reader.text.startswith(",", end) and _SENTENCE_START.search(
            reader.text, max(0, opening - 12), opening):
        return None  # "Now, he says, ...": a sentence's opening "Now," turns the argument, it places nothing
    value = tv.VAGUE[" ".join(phrase.lower().split())]
    resolved = reader.resolve(phrase, start)
    return Mention(start, end, phrase, "DATE", value, kind, resolved)


def _read_daypart(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    lower = phrase.lower()
    part = _PART_CODE.search(lower)
    code = tv.DAY_PARTS[part.group(1)] if part else None
    day_words = re.sub(r"\b(?:morning|afternoon|evening|night|tonight|overnight|mid-?\s?afternoon|midday|early|late|"
                       r"earlier|later)\b", " ", lower).strip()
    if lower.startswith("last night"):
        day_words = "yesterday"
    if not day_words or day_words == "this":
        day_words = "today"
    resolved = reader.resolve(day_words, start)
    if lower == "overnight":
        resolved = _night_before(reader, phrase, start, resolved)
    else:
        reader.remember(resolved, start)
    day = resolved.start.iso() if resolved and resolved.start and resolved.precision == "day" else "XXXX-XX-XX"
    # a part of a day is a time of that day, named or not ("Friday morning", "this morning", "last night"): TIMEX3
    # types it TIME and writes the part after the day's date (`2024-05-17TMO`), as the TimeML guidelines do
    type_ = "TIME"
    if "midday" in lower:
        value = f"{day}T12:00"
        resolved = _timed(reader, phrase, start, resolved, "noon")
    elif "afternoon" in lower:
        value = f"{day}TAF"
        resolved = _timed(reader, phrase, start, resolved, "afternoon of")
    else:
        value = f"{day}T{code or 'DT'}"
        words = {"MO": "morning of", "EV": "evening of", "NI": "night of"}.get(code or "")
        resolved = _timed(reader, phrase, start, resolved, words) if words else resolved
    return Mention(start, end, phrase, type_, value, kind, resolved)


def _timed(reader: _Reader, phrase: str, start: int, day: ResolvedDate | None, clock_words: str,
           *, next_day: bool = False) -> ResolvedDate | None:
    """Give `day`'s reading with the time of day on it, as the resolver's time reader (`times.resolve_when`) gives
    it: precision minute, hour or daypart, `start_at`/`end_at` instants (in the zone the words name, else none).
    The tagger has found the day (anchoring as TimeML does); the time reader places the time on it."""
    if day is None or day.start is None or day.precision != "day" or day.start != day.end:
        return day
    on = day.start.plus(1) if next_day else day.start
    try:
        timed = resolve_when(f"{clock_words} {on.iso()}", reader.anchor)
    except PhraseError:
        return day
    part = timed.rule.rsplit(" + ", 1)[-1]
    lo, hi = (day.start, day.end) if next_day else (timed.start, timed.end)  # midnight ends its day
    return ResolvedDate(phrase, day.anchor, lo, hi, timed.precision, timed.edtf,
                        f"{day.rule} + {part}", f"{day.explanation}; {timed.explanation}".strip("; "),
                        start_at=timed.start_at, end_at=timed.end_at, zone=timed.zone, zone_why=timed.zone_why)


def _night_before(reader: _Reader, phrase: str, start: int, today: ResolvedDate | None) -> ResolvedDate | None:
    """"London shares fell Friday, depressed by overnight losses in New York": the night before the day the story
    is about (the day it named in this sentence or the one before, else its own), which TIMEX3 writes by the day
    the night begins (`1989-10-26TNI` for the night into Friday 1989-10-27)."""
    if reader.last_day is not None and reader.last_day[0] >= reader.sentence_of(start) - 1:
        day = reader.last_day[1]
    elif today is not None and today.start is not None and today.precision == "day":
        day = today.start
    else:
        return None
    night = day.plus(-1)
    return ResolvedDate(phrase, day, night, night, "day", night.iso(), "night-before-day-named",
                        f"the night before {day.iso()}")


_SENTENCE_START = re.compile(r"(?:[.!?][\"'\u201d)]*\s+|\n[ \t]*|\A\s*)$")


def _read_the_year(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    """"the year ended June 30" lasts a year; "for the year" is the year the story last named, or its own."""
    if re.match(r"\s+(?:ended|ending|to)\b", reader.text[end:end + 12]):
        return Mention(start, end, phrase, "DURATION", "P1Y", kind)
    # "the current year" is the story's own, whatever year it named last
    anchor = reader.last_year[1] if reader.last_year and "current" not in phrase.lower() else None
    resolved = reader.resolve("this year", start, anchor, tense="past")
    value = timex_value(resolved) if resolved else "XXXX"
    return Mention(start, end, phrase, "DATE", value, kind, resolved)




#: The day written after a clock time, past "on" or a parenthesis ("at 9:30 a.m. on Monday", "at 10:35 a.m. (0735
#: GMT) Friday": a wire story gives the time in GMT beside the local one).
_ON_DATE_AFTER = re.compile(rf"(?:\s+on|\s*\([^()\n]{{1,30}}\),?(?:\s+on)?)\s+({_DATE_AFTER_CLOCK})", re.IGNORECASE)


#: The day inside a parenthesis after a clock time: "at 4 in the morning (4 a.m. EDT Thursday)".
_DATE_IN_PARENTHESES = re.compile(rf"\s*\([^()\n]{{0,30}}?(?<!\w)({_DATE_AFTER_CLOCK})\s*\)", re.IGNORECASE)
_PART_IN_WORDS = re.compile(r"\b(?:in\s+the\s+(morning|afternoon|evening)|at\s+(night))\b")


_ZONE_IN = re.compile(rf"(?<!\w){_ZONE}")


def _read_clock(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    lower = phrase.lower()
    date_part = re.search(rf"(?:{_DATE_AFTER_CLOCK})\s*$", phrase, re.IGNORECASE)
    resolved: ResolvedDate | None = None
    on_date = _ON_DATE_AFTER.match(reader.text, end) or _DATE_IN_PARENTHESES.match(reader.text, end)
    if date_part:
        resolved = reader.resolve(date_part.group(), start + date_part.start())
    elif on_date:  # "at 9:30 a.m. on Monday": the day written after it
        resolved = reader.resolve(on_date.group(1), on_date.start(1))
    elif reader.last_day is not None and reader.last_day[0] >= reader.sentence_of(start) - 1:
        # "at 10 p.m." in a story about a named day: that day, as TimeML anchors it
        named_day = reader.last_day[1]
        resolved = ResolvedDate(phrase, named_day, named_day, named_day, "day", named_day.iso(),
                                "clock-on-day-named-before", "a clock time on the day the story named last")
    elif reader.anchor is not None:
        resolved = reader.resolve("today", start)
    reader.remember(resolved, start)
    day = resolved.start.iso() if resolved and resolved.start and resolved.precision == "day" else "XXXX-XX-XX"
    if lower.startswith("noon") or lower.startswith("midday"):
        clock = "12:00"
    elif lower.startswith("midnight"):
        clock = "24:00"
    else:
        m = _CLOCK_TIME.search(phrase)
        assert m is not None
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        meridiem = (m.group(3) or "").lower().replace(".", "")
        if not meridiem:  # "4 in the morning", "10 o'clock at night"
            said = _PART_IN_WORDS.search(lower)
            if said is not None:
                part = said.group(1) or said.group(2)
                meridiem = "am" if part == "morning" or (part == "night" and hour < 5) else "pm"
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
    zone = _ZONE_IN.search(phrase)
    words = "00:00" if clock == "24:00" else clock
    resolved = _timed(reader, phrase, start, resolved, f"{words} {zone.group()}" if zone else words,
                      next_day=clock == "24:00")
    return Mention(start, end, phrase, "TIME", f"{day}T{clock}", kind, resolved, _mod_of(phrase))


def _read_set(reader: _Reader, kind: str, phrase: str, start: int, end: int) -> Mention | None:
    lower = phrase.lower()
    if kind == "set_adverb":
        if _NAME_AFTER.match(reader.text, end):
            return None  # "the party daily Granma": a newspaper
        return Mention(start, end, phrase, "SET", tv.FREQUENCIES[lower], kind)
    part = _PART_CODE.search(lower.replace("nights", "night").replace("mornings", "morning")
                             .replace("evenings", "evening").replace("afternoons", "afternoon"))
    suffix = f"T{tv.DAY_PARTS[part.group(1)]}" if part else ""
    for i, name in enumerate(tv.WEEKDAYS):
        if name.lower() in lower:
            return Mention(start, end, phrase, "SET", f"XXXX-WXX-{i + 1}{suffix}", kind)
    for i, name in enumerate(tv.MONTHS):
        if name.lower() in lower:
            return Mention(start, end, phrase, "SET", f"XXXX-{i + 1:02d}", kind)
    season = re.search(_SEASON, lower)
    if season:
        return Mention(start, end, phrase, "SET", f"XXXX-{tv.SEASONS[season.group()]}", kind)
    part = _PART_CODE.search(lower)
    if part:
        return Mention(start, end, phrase, "SET", f"XXXX-XX-XXT{tv.DAY_PARTS[part.group(1)]}", kind)
    value = duration_value(re.sub(r"^(?:every|each|an?|per)\s+(?:other\s+|single\s+)?", "", lower))
    if "other" in lower.split():
        value = value.replace("P1", "P2")
    return Mention(start, end, phrase, "SET", value, kind)


_READERS = {
    "set_every": _read_set, "set_adverb": _read_set, "set_weekday": _read_set, "set_rate": _read_set,
    "clock": _read_clock, "daypart": _read_daypart, "dayword": _read_date, "weekday_date": _read_date,
    "day_next_to": _read_day_next_to, "quarter": _read_quarter, "quarter_ref": _read_quarter_ref,
    "vague_span": _read_vague_span, "year_side": _read_year_side,
    "year_period": _read_year_period, "the_year": _read_the_year, "ago": _read_ago, "year_ago": _read_ago,
    "duration": _read_duration, "deictic": _read_relational, "relational": _read_relational,
    "month_day": _read_date, "month_year": _read_date, "year": _read_date, "century": _read_date,
    "month": _read_date, "season": _read_date, "weekday": _read_date, "holiday": _read_date, "vague": _read_vague,
}
