"""The words and phrase patterns the resolver reads, as data.

Every word the resolver knows lives in a table here; the resolver only turns a phrase into tokens (`dates.tokens`),
matches the tokens against `PATTERNS` (`dates.match`; first match wins) and runs the rule each pattern names
(`dates.rules`). Adding a synonym or a new phrase shape is a change to this file, not to the resolver's control
flow.

Pattern slots: an UPPERCASE slot is a word class (`WORD_CLASSES` below, plus the numeric classes the resolver
recognises: NUMBER, DAY, YEAR, ORD, DECADE, DECADE2, QCODE, HCODE, EDTF); a lowercase slot is that literal word;
`REST` is any non-empty run of tokens resolved as a phrase of its own ("June last year" is MONTH + REST).
"""

from __future__ import annotations

from typing import NamedTuple

from ..calendar import MONTH_NAMES, WEEKDAY_NAMES

#: Longest phrase read, in characters; longer text is refused before any parsing.
MAX_PHRASE_CHARS = 200

# --- names -----------------------------------------------------------------------------------------------------

# WEEKDAY_NAMES and MONTH_NAMES are the calendar's (`timeline.calendar`), so every day is written one way.

#: weekday word -> ISO index (Monday 0).
WEEKDAYS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
    "sun": 6,
}

#: month word -> month number ("Dec." and "Sept." arrive without their period).
MONTHS: dict[str, int] = {
    **{name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}

#: Meteorological seasons, northern hemisphere: (first month, number of months, EDTF level-1 code).
#: Winter starts in December and belongs to the December's year ("winter 2023" = Dec 2023 - Feb 2024).
SEASON_SPANS: dict[str, tuple[int, int, int]] = {
    "spring": (3, 3, 21), "summer": (6, 3, 22), "autumn": (9, 3, 23), "winter": (12, 3, 24),
}
SEASONS: dict[str, str] = {"spring": "spring", "summer": "summer", "fall": "autumn", "autumn": "autumn",
                           "winter": "winter"}

#: Cardinal number words. "a"/"an" count as one ("a year ago").
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "couple": 2, "dozen": 12,
}
TENS_WORDS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})

#: Ordinal words (digit forms like "3rd", "20th" are read by the resolver).
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}

#: Calendar units (singular and plural) -> unit name.
UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "month": "month", "months": "month", "quarter": "quarter", "quarters": "quarter",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade", "century": "century",
    "centuries": "century",
}

#: Units shorter than a day ("two hours later", "minutes earlier"), in minutes: counted from a day, they reach
#: into the day or days around it.
SHORT_UNITS: dict[str, int] = {"hour": 60, "hours": 60, "minute": 1, "minutes": 1, "moment": 1, "moments": 1,
                               "seconds": 1}
#: What the word after "N units" says about the anchor, for the rule's name: "two days later" counts after the
#: anchor (`n-units-after-anchor`), "three days earlier" before it (`n-units-before-anchor`), "two days ago"
#: back from the source's date (`n-units-ago`), "two days hence" on from it (`n-units-from-now`).
AGO_RULES: dict[str, str] = {
    **dict.fromkeys(("later", "after", "afterwards", "afterward", "on"), "n-units-after-anchor"),
    **dict.fromkeys(("earlier", "before", "prior", "beforehand"), "n-units-before-anchor"),
    **dict.fromkeys(("ago", "back"), "n-units-ago"), "hence": "n-units-from-now",
}

#: Rules whose reading looks forward from the day it counts from even when it may begin on that day ("hours
#: later", "shortly after"): read against another event that is a span, they count from its end.
FORWARD_RULES = frozenset({"hours-after-anchor", "vague-future", "vague-units-after-anchor"})

#: Tense "either" (unknown): a bare weekday is taken from the week ending this many days after the anchor.
WEEKDAY_DAYS_AHEAD = 1
#: Tense "either": a month or month-day without a year after the anchor counts as this many times as far away as
#: one before it, so the future reading wins only when it is less than half as far (news mostly reports).
FUTURE_DISTANCE_WEIGHT = 2.0

#: A weekday with a month-day and no year ("Saturday, June 2") is looked for this many days either side of the
#: anchor (news leaves the year out only for dates near publication); outside it the two are said to disagree.
WEEKDAY_DATE_WINDOW = 200

#: Decades said in words ("the nineties"): the two-digit decade, placed in a century by the anchor.
DECADE_WORDS: dict[str, int] = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                                "seventies": 70, "eighties": 80, "nineties": 90}

class Fixed(NamedTuple):
    """A holiday on the same day every year."""

    month: int
    day: int


class NthWeekday(NamedTuple):
    """A holiday on the n-th weekday of a month (n = -1: the last)."""

    month: int
    weekday: int  # ISO index, Monday 0
    n: int


class AfterEaster(NamedTuple):
    """A holiday a number of days after Western Easter Sunday (negative: before)."""

    days: int


class ElectionDay(NamedTuple):
    """The Tuesday after the first Monday in November."""


Holiday = Fixed | NthWeekday | AfterEaster | ElectionDay

#: Holidays (United States practice, as in the news this resolver reads): how to find one in a given year.
HOLIDAYS: dict[str, Holiday] = {
    "newyear": Fixed(1, 1), "newyeareve": Fixed(12, 31), "christmas": Fixed(12, 25),
    "christmaseve": Fixed(12, 24), "halloween": Fixed(10, 31), "independence": Fixed(7, 4),
    "valentine": Fixed(2, 14), "thanksgiving": NthWeekday(11, 3, 4), "labor": NthWeekday(9, 0, 1),
    "memorial": NthWeekday(5, 0, -1), "veterans": Fixed(11, 11), "easter": AfterEaster(0),
    "goodfriday": AfterEaster(-2), "election": ElectionDay(),
}

HOLIDAY_LABELS = {"newyear": "New Year's Day", "newyeareve": "New Year's Eve", "christmaseve": "Christmas Eve",
                  "independence": "Independence Day", "valentine": "Valentine's Day", "labor": "Labor Day",
                  "memorial": "Memorial Day", "veterans": "Veterans Day", "goodfriday": "Good Friday",
                  "election": "Election Day", "thanksgiving": "Thanksgiving"}

#: Parts of a day: "Thursday night" is Thursday.
DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "noon", "midday", "midnight", "overnight",
                       "dawn", "daybreak", "lunchtime"})

#: Eras: sign of the year ("44 BC" is astronomical -43).
ERAS: dict[str, int] = {"bc": -1, "bce": -1, "ad": 1, "ce": 1}

#: Deixis: which neighbour of the anchor's period a word points at.
LAST_WORDS = frozenset({"last", "previous", "prior", "preceding"})
THIS_WORDS = frozenset({"this", "current", "present"})
NEXT_WORDS = frozenset({"next", "following", "coming"})
LATEST_WORDS = frozenset({"latest", "last", "recent", "previous", "past", "prior"})

#: Narrowing words: "early 1990s", "late last week", "the end of the year". Each names a part of the period,
#: cut along the period's natural sub-units as `NARROWING` says.
MODIFIERS: dict[str, str] = {
    "early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid", "late": "late",
    "end": "end",
}

#: How a narrowing word cuts a period, by the period's precision: (sub-unit, {word: (first, last)}), offsets in
#: sub-units from the period's start, `None` = through the period's end. The "end" of a year is December (a
#: "year-end" deadline falls in it), the end of a month its last ten days, the end of a week Friday-Sunday.
NARROWING: dict[str, tuple[str, dict[str, tuple[int, int | None]]]] = {
    "week": ("day", {"early": (0, 2), "mid": (1, 3), "late": (3, None), "end": (4, None)}),
    "month": ("day", {"early": (0, 9), "mid": (10, 19), "late": (20, None), "end": (20, None)}),
    "quarter": ("month", {"early": (0, 0), "mid": (1, 1), "late": (2, None), "end": (2, None)}),
    "season": ("month", {"early": (0, 0), "mid": (1, 1), "late": (2, None), "end": (2, None)}),
    "half": ("month", {"early": (0, 1), "mid": (2, 3), "late": (4, None), "end": (5, None)}),
    "year": ("month", {"early": (0, 3), "mid": (4, 7), "late": (8, None), "end": (11, None)}),
    "decade": ("year", {"early": (0, 3), "mid": (3, 6), "late": (6, None), "end": (7, None)}),
    "century": ("year", {"early": (0, 32), "mid": (33, 66), "late": (67, None), "end": (90, None)}),
}

#: Words that only frame a phrase ("as of Tuesday", "since last July", "by the end of the year"); stripped from
#: the front. Two-word frames are listed as tuples.
#: "since", "by", "until", "till", "before", "after" and "no later than" are not frames: they are rules
#: (`PATTERNS`, open bounds).
FRAME_WORDS: tuple[tuple[str, ...], ...] = (
    ("as", "of"), ("as", "early", "as"), ("as", "late", "as"), ("not", "until"),
    ("on",), ("in",), ("during",), ("at",), ("from",),
    ("through",), ("throughout",), ("for",), ("of",), ("over",), ("within",),
    ("starting",), ("ending",), ("effective",), ("dated",),
)

#: Words that say "roughly": stripped, and the EDTF gets the `~` qualifier.
APPROXIMATE_WORDS: tuple[tuple[str, ...], ...] = (
    ("about",), ("around",), ("approximately",), ("roughly",), ("circa",), ("ca",), ("c",), ("nearly",),
    ("almost",), ("some",), ("sometime",), ("some", "time"), ("more", "than"), ("less", "than"),
    ("just", "over"), ("just", "under"), ("just",), ("only",),
)

#: Words dropped wherever they stand. "fiscal": fiscal years are assumed to be calendar years ("fiscal 1998" is
#: 1998), since a company's fiscal calendar is not in the phrase. Time-zone names follow a clock time
#: ("9 a.m. EDT Tuesday"), which the resolver drops too: the log keeps days, not times.
IGNORED_WORDS = frozenset({
    "the", "fiscal", "calendar", "am", "pm", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt",
    "utc", "bst", "cet", "cest", "et", "pt", "local", "o'clock", "oclock", "its", "their", "his", "her",
    "our", "my", "your",
})

#: Multi-word rewrites applied before matching, longest first: spellings that mean the same thing.
REWRITES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("earlier", "in", "week"): ("earlier", "this", "week"),
    ("earlier", "in", "month"): ("earlier", "this", "month"),
    ("earlier", "in", "year"): ("earlier", "this", "year"),
    ("later", "in", "week"): ("later", "this", "week"),
    ("later", "in", "month"): ("later", "this", "month"),
    ("later", "in", "year"): ("later", "this", "year"),
    ("most", "recent"): ("latest",),
    ("this", "past"): ("last",),
    ("this", "coming"): ("coming",),
    ("or", "so"): (),
    ("on", "or", "after"): ("no", "earlier", "than"),
    ("on", "or", "before"): ("no", "later", "than"),
    ("a", "few"): ("few",),
    ("full", "year"): ("year",),
    ("whole", "year"): ("year",),
    ("entire", "year"): ("year",),
    ("new", "year", "day"): ("newyear",),
    ("new", "years", "day"): ("newyear",),
    ("new", "year", "eve"): ("newyeareve",),
    ("christmas", "eve"): ("christmaseve",),
    ("independence", "day"): ("independence",),
    ("labor", "day"): ("labor",),
    ("labour", "day"): ("labor",),
    ("memorial", "day"): ("memorial",),
    ("veterans", "day"): ("veterans",),
    ("election", "day"): ("election",),
    ("thanksgiving", "day"): ("thanksgiving",),
    ("christmas", "day"): ("christmas",),
    ("easter", "sunday"): ("easter",),
    ("good", "friday"): ("goodfriday",),
    ("valentine", "day"): ("valentine",),
    ("valentines", "day"): ("valentine",),
    ("a", "couple", "of"): ("2",),
    ("couple", "of"): ("2",),
    ("year", "ago"): ("year", "earlier"),
    ("year", "before"): ("year", "earlier"),
    ("a", "year", "before"): ("a", "year", "earlier"),
    ("so", "far", "this"): ("this",),
    ("to", "date"): ("now",),
    ("of", "this", "year"): ("this", "year"),
    ("of", "last", "year"): ("last", "year"),
    ("of", "next", "year"): ("next", "year"),
}

#: Vague references: token tuple -> "past", "present" or "future". Looked up on the whole phrase after the
#: framing words are gone ("in the past" -> "past").
VAGUE: dict[tuple[str, ...], str] = {
    **{(w,): "past" for w in ("recently", "recent", "lately", "previously", "formerly", "earlier", "once",
                               "past", "already", "before", "then", "ago", "historically", "initially",
                               "originally")},
    ("at", "time"): "past", ("that", "time"): "past", ("in", "past"): "past", ("long", "ago"): "past",
    ("some", "time", "ago"): "past", ("years", "ago"): "past", ("in", "recent", "years"): "past",
    **{(w,): "present" for w in ("now", "currently", "current", "present", "nowadays", "presently",
                                  "still", "contemporary")},
    ("right", "now"): "present", ("at", "present"): "present", ("these", "days"): "present",
    ("at", "moment"): "present", ("moment",): "present", ("this", "moment"): "present",
    ("so", "far"): "present", ("yet",): "present", ("time", "being"): "present",
    **{(w,): "future" for w in ("future", "soon", "later", "eventually", "someday", "upcoming", "shortly",
                                 "forthcoming", "ahead", "tomorrow's")},
    ("in", "future"): "future", ("in", "coming", "years"): "future", ("one", "day"): "future",
    # soon after the anchor: said of another event ("shortly after", "within days")
    **{(w, "after"): "future" for w in ("shortly", "soon", "just", "immediately", "right")},
    **{(w, "afterwards"): "future" for w in ("shortly", "soon", "immediately")},
    ("not", "long", "after"): "future", ("afterwards",): "future", ("afterward",): "future",
    **{("within", w): "future" for w in ("hours", "minutes", "days", "weeks", "months", "years")},
}

#: Quantities too loose to count: "several years ago" is a vague past.
VAGUE_QUANTITIES = frozenset({"several", "few", "many", "some", "recent", "numerous", "various"})

#: Static word classes: class name -> {word: value}. The resolver adds the numeric classes.
WORD_CLASSES: dict[str, dict[str, object]] = {
    "WEEKDAY": dict(WEEKDAYS),
    "MONTH": dict(MONTHS),
    "SEASON": dict(SEASONS),
    "UNIT": dict(UNITS),
    "UNIT1": {w: u for w, u in UNITS.items() if w == u},
    "HOLIDAY": {w: w for w in HOLIDAYS},
    "DECADE2": dict(DECADE_WORDS),
    "UNITS": {w: u for w, u in UNITS.items() if w.endswith("s") and w != u},
    "PART": {w: w for w in DAY_PARTS},
    "ERA": dict(ERAS),
    "LAST": {w: w for w in LAST_WORDS},
    "THIS": {w: w for w in THIS_WORDS},
    "NEXT": {w: w for w in NEXT_WORDS},
    "LATEST": {w: w for w in LATEST_WORDS},
    "MOD": dict(MODIFIERS),
    "FEW": {w: w for w in VAGUE_QUANTITIES},
    "EARLIER": {"earlier": -1, "later": 1},
    "AGO": {"ago": -1, "earlier": -1, "before": -1, "back": -1, "prior": -1, "beforehand": -1, "later": 1,
            "hence": 1, "after": 1, "afterwards": 1, "afterward": 1, "on": 1},
    "SHORT": dict(SHORT_UNITS),
    "QUARTERISH": {"quarter": "quarter", "period": "quarter", "half": "half"},
}

#: The phrase patterns, first match wins: (slots, rule name). Rule names are what `ResolvedDate.rule` says.
PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    # days
    (("today",), "today"),
    (("tonight",), "today"),
    (("this", "PART"), "today"),
    (("day",), "today"),
    (("yesterday",), "yesterday"),
    (("last", "night"), "yesterday"),
    (("tomorrow",), "tomorrow"),
    (("day", "before", "yesterday"), "day-before-yesterday"),
    (("day", "after", "tomorrow"), "day-after-tomorrow"),
    (("that", "day"), "same-day-as-anchor"),
    (("same", "day"), "same-day-as-anchor"),
    (("that", "same", "day"), "same-day-as-anchor"),
    (("NEXT", "day"), "day-after-anchor"),
    (("NEXT", "PART"), "day-after-anchor"),
    (("day", "after"), "day-after-anchor"),
    (("LAST", "day"), "day-before-anchor"),
    (("day", "before"), "day-before-anchor"),
    # weekdays
    (("WEEKDAY",), "weekday-nearest-anchor"),
    (("LAST", "WEEKDAY"), "weekday-before-anchor"),
    (("next", "WEEKDAY"), "weekday-after-anchor"),
    (("following", "WEEKDAY"), "weekday-after-anchor"),
    (("coming", "WEEKDAY"), "weekday-on-or-after-anchor"),
    (("this", "coming", "WEEKDAY"), "weekday-on-or-after-anchor"),
    (("this", "WEEKDAY"), "weekday-in-anchor-week"),
    (("WEEKDAY", "week"), "weekday-in-anchor-week"),
    (("WEEKDAY", "MONTH", "DAY", "REST"), "weekday-month-day-year"),
    (("WEEKDAY", "DAY", "MONTH", "REST"), "weekday-day-month-year"),
    (("WEEKDAY", "MONTH", "DAY"), "weekday-month-day"),
    (("coming", "WEEKDAY", "MONTH", "DAY"), "weekday-month-day"),
    (("NEXT", "WEEKDAY", "MONTH", "DAY"), "weekday-month-day"),
    (("LAST", "WEEKDAY", "MONTH", "DAY"), "weekday-month-day"),
    (("WEEKDAY", "DAY", "MONTH"), "weekday-day-month"),
    (("WEEKDAY", "REST"), "weekday-of-date"),
    # n units ago
    (("NUMBER", "UNIT", "AGO"), "n-units-ago"),
    (("exactly", "NUMBER", "UNIT", "AGO"), "n-units-exactly"),
    (("FEW", "UNIT", "AGO"), "vague-units-ago"),
    (("UNITS", "AGO"), "vague-units-ago"),
    (("UNIT1", "AGO"), "one-unit-ago"),
    (("NUMBER", "SHORT", "AGO"), "hours-after-anchor"),
    (("FEW", "SHORT", "AGO"), "hours-after-anchor"),
    (("SHORT", "AGO"), "hours-after-anchor"),
    (("NUMBER", "UNIT", "from", "now"), "n-units-from-now"),
    (("NUMBER", "UNIT", "from", "today"), "n-units-from-now"),
    (("year", "earlier", "QUARTERISH"), "year-earlier-quarter"),
    (("year", "earlier"), "year-earlier"),
    (("year", "earlier", "level"), "year-earlier"),
    (("past", "UNIT1"), "past-n-units"),
    (("past", "NUMBER", "UNIT"), "past-n-units"),
    (("last", "NUMBER", "UNIT"), "past-n-units"),
    (("NEXT", "NUMBER", "UNIT"), "next-n-units"),
    (("recent", "UNITS"), "vague-recent-units"),
    (("earlier", "this", "UNIT1"), "earlier-this-unit"),
    (("later", "this", "UNIT1"), "later-this-unit"),
    (("earlier", "that", "UNIT1"), "earlier-this-unit"),
    (("later", "that", "UNIT1"), "later-this-unit"),
    (("day", "before", "REST"), "day-before-date"),
    (("day", "after", "REST"), "day-after-date"),
    (("EARLIER", "REST"), "earlier-same-day"),
    # weeks and weekends
    (("weekend",), "weekend-nearest-anchor"),
    (("this", "weekend"), "this-weekend"),
    (("LAST", "weekend"), "last-weekend"),
    (("NEXT", "weekend"), "next-weekend"),
    (("week", "of", "REST"), "week-of-day"),
    (("weekend", "of", "REST"), "weekend-of-day"),
    (("week", "REST"), "week-of-day"),
    # months
    (("MONTH",), "month-without-year"),
    (("LAST", "MONTH"), "month-before-anchor"),
    (("NEXT", "MONTH"), "month-after-anchor"),
    (("this", "MONTH"), "month-in-anchor-year"),
    (("MONTH", "DAY"), "month-day-without-year"),
    (("DAY", "MONTH"), "day-month-without-year"),
    (("DAY", "of", "MONTH"), "day-month-without-year"),
    (("MONTH", "DAY", "REST"), "month-day-year"),
    (("DAY", "MONTH", "REST"), "day-month-year"),
    (("DAY", "of", "MONTH", "REST"), "day-month-year"),
    (("MONTH", "REST"), "month-of-year"),
    (("MONTH", "of", "REST"), "month-of-year"),
    # quarters and halves
    (("ORD", "QUARTERISH"), "ordinal-quarter-without-year"),
    (("QCODE",), "ordinal-quarter-without-year"),
    (("HCODE",), "ordinal-quarter-without-year"),
    (("ORD", "QUARTERISH", "REST"), "ordinal-quarter-of-year"),
    (("ORD", "QUARTERISH", "of", "REST"), "ordinal-quarter-of-year"),
    (("QCODE", "REST"), "ordinal-quarter-of-year"),
    (("HCODE", "REST"), "ordinal-quarter-of-year"),
    (("REST", "ORD", "QUARTERISH"), "year-ordinal-quarter"),
    (("REST", "QCODE"), "year-ordinal-quarter"),
    (("REST", "HCODE"), "year-ordinal-quarter"),
    (("quarter",), "latest-quarter"),
    (("period",), "latest-quarter"),
    (("LATEST", "quarter"), "latest-quarter"),
    (("LATEST", "period"), "latest-quarter"),
    (("latest", "half"), "latest-half"),
    (("last", "QUARTERISH", "of", "REST"), "final-quarter-of-year"),
    (("last", "QUARTERISH", "REST"), "final-quarter-of-year"),
    # seasons
    (("SEASON",), "season-without-year"),
    (("LAST", "SEASON"), "season-before-anchor"),
    (("NEXT", "SEASON"), "season-after-anchor"),
    (("this", "SEASON"), "season-of-anchor-year"),
    (("SEASON", "REST"), "season-of-year"),
    (("SEASON", "of", "REST"), "season-of-year"),
    # years, decades, centuries
    (("YEAR",), "year"),
    (("year", "YEAR"), "year"),
    (("year", "NUMBER"), "year"),
    (("YEAR", "period"), "year"),
    (("NUMBER", "ERA"), "year-with-era"),
    (("ERA", "NUMBER"), "era-year"),
    (("fy", "NUMBER"), "fiscal-year"),
    (("DECADE",), "decade"),
    (("DECADE2",), "decade-two-digit"),
    (("EDTF",), "edtf"),
    (("ORD", "century"), "century"),
    (("ORD", "century", "ERA"), "century"),
    # this / last / next unit
    (("THIS", "UNIT1"), "this-unit"),
    (("UNIT1",), "this-unit"),
    (("LAST", "UNIT1"), "last-unit"),
    (("latest", "UNIT1"), "last-unit"),
    (("NEXT", "UNIT1"), "next-unit"),
    (("that", "UNIT1"), "same-period-as-anchor"),
    (("same", "UNIT1"), "same-period-as-anchor"),
    # holidays
    (("HOLIDAY",), "holiday-without-year"),
    (("LAST", "HOLIDAY"), "holiday-before-anchor"),
    (("NEXT", "HOLIDAY"), "holiday-after-anchor"),
    (("this", "HOLIDAY"), "holiday-in-anchor-year"),
    (("HOLIDAY", "REST"), "holiday-of-year"),
    (("HOLIDAY", "week"), "holiday-week"),
    # open ranges
    (("REST", "and", "beyond"), "open-after"),
    (("REST", "or", "later"), "open-after"),
    (("REST", "onward"), "open-after"),
    (("REST", "onwards"), "open-after"),
    (("post", "REST"), "open-after"),
    (("REST", "or", "earlier"), "open-before"),
    (("pre", "REST"), "open-before"),
    # counted from the anchor: "since March" runs from March's first day to the anchor
    (("since", "REST"), "since"),
    (("ever", "since", "REST"), "since"),
    # open bounds: a start and no end, an end and no start
    (("no", "earlier", "than", "REST"), "no-earlier-than"),
    (("not", "earlier", "than", "REST"), "no-earlier-than"),
    (("no", "sooner", "than", "REST"), "no-earlier-than"),
    (("not", "before", "REST"), "no-earlier-than"),
    (("by", "REST"), "no-later-than"),
    (("no", "later", "than", "REST"), "no-later-than"),
    (("not", "later", "than", "REST"), "no-later-than"),
    (("until", "REST"), "until"),
    (("till", "REST"), "until"),
    (("til", "REST"), "until"),
    (("up", "until", "REST"), "until"),
    (("after", "REST"), "after-date"),
    (("before", "REST"), "before-date"),
    # "the three months to September": the n units that end with it
    (("NUMBER", "UNIT", "to", "REST"), "units-to"),
    (("NUMBER", "UNIT", "ended", "REST"), "units-to"),
    (("NUMBER", "UNIT", "ending", "REST"), "units-to"),
    (("NUMBER", "UNIT", "through", "REST"), "units-to"),
    # parts of a day said of a neighbour: "that night", "the previous night"
    (("that", "PART"), "same-day-as-anchor"),
    (("LAST", "PART"), "day-before-anchor"),
    (("PART", "before"), "day-before-anchor"),
    (("PART", "after"), "day-after-anchor"),
    # narrowing and parts of a day
    (("MOD", "of", "REST"), "part-of-period"),
    (("MOD", "REST"), "part-of-period"),
    (("REST", "MOD"), "part-of-period-after"),
    (("REST", "PART"), "day-part"),
)

#: Words a misspelling is compared with (difflib) to suggest a fix, as they should be written.
SUGGESTIONS: tuple[str, ...] = (
    WEEKDAY_NAMES + MONTH_NAMES
    + ("spring", "summer", "fall", "autumn", "winter", "today", "yesterday", "tomorrow", "tonight", "week",
       "weekend", "month", "year", "quarter", "half", "decade", "century", "ago", "last", "next", "this",
       "earlier", "later", "early", "late", "recently", "morning", "afternoon", "evening", "night", "first",
       "second", "third", "fourth", "days", "weeks", "months", "years", "previous", "latest", "current",
       "currently", "future", "past", "Thanksgiving", "Christmas", "Easter", "Halloween")
)

#: Words that, just before a date phrase in a sentence, mark it as planned rather than past ("will meet Monday",
#: "payable Dec. 15", "expires Nov. 21"). Used by `resolver.infer_tense` to suggest a claim's tense from its quote;
#: `resolve_phrase` itself never looks at them. "record" alone is not one ("soared to a record in the first
#: quarter", "a record low on Monday"); "of record" is (FUTURE_CUES).
FUTURE_MARKERS = frozenset({
    "will", "'ll", "shall", "would", "going", "expected", "expects", "expect", "scheduled", "schedule",
    "plans", "planned", "planning", "due", "payable", "effective", "expire", "expires", "expiring",
    "until", "till", "deadline", "upcoming", "intends", "intend", "slated", "should", "must", "aims", "hopes",
    "soon", "next", "begin", "begins", "resume", "resumes", "starting", "awaiting", "ahead", "won't",
    "extended", "extend",
})
#: Verbs of arriving that, after "could" or "might", look forward ("could hit the coast Friday").
FORWARD_VERBS = ("hit", "come", "arrive", "begin", "start", "happen", "reach", "land", "open", "close", "launch",
                 "end", "resume", "return", "make")
#: Several words that, together just before a date phrase, say it looks forward ("is expected to", "set to"):
#: read by `infer_tense` like `FUTURE_MARKERS`, the nearest cue deciding. Real sentences: "SpaceX is targeting
#: Monday", "the vote is expected to take place Tuesday", "could hit the coast Friday", "will now happen no
#: earlier than Dec. 12", "is set to open Sept. 5", "the report is due Friday", "plans to meet Tuesday".
FUTURE_CUES: tuple[tuple[str, ...], ...] = (
    ("is", "targeting"), ("are", "targeting"), ("targeting",), ("targets",), ("is", "expected", "to"),
    ("are", "expected", "to"), ("expected", "to"), ("will", "now"), ("no", "earlier", "than"), ("set", "to"),
    ("is", "set"), ("are", "set"), ("due",), ("scheduled", "for"), ("plans", "to"), ("plan", "to"),
    ("planning", "to"), ("poised", "to"), ("on", "track", "to"), ("aiming",), ("likely", "to"), ("tipped", "to"),
    ("of", "record"),  # "holders of record Nov. 15": a dividend's record date, ahead of the story
    # a modal alone is as often past ("could not be located Wednesday"); with a verb of arriving, forward
    *((modal, verb) for modal in ("could", "might") for verb in FORWARD_VERBS),
)
#: Words that, just before a date phrase, say it reports something already done ("said Tuesday").
PAST_MARKERS = frozenset({
    "said", "says", "told", "announced", "reported", "was", "were", "had", "did", "since", "earlier",
    "killed", "died", "held", "met", "signed", "began", "ended", "closed", "rose", "fell", "ruled",
})
#: How many words before the phrase `infer_tense` reads (a clause, roughly); the marker nearest the phrase decides.
TENSE_WINDOW = 6

# --- ranges, alternatives, counting from another event -----------------------------------------------------------

#: A word that opens a two-sided phrase, and what the phrase is: "between Sunday and Monday" is one moment
#: somewhere in the hull of both ("point"); the tool writes an uncertain day so ("between 13 and 16 May 2024").
RANGE_OPENERS: dict[str, str] = {"between": "point"}
#: A word that joins the two sides, and what the phrase is without an opener: "May 18-19", "from March to May",
#: "March-May 2023", "Monday through Wednesday" are spans; "late Monday or Tuesday" is one of them ("point").
#: A dash between two numbers or two names of months or weekdays is read as "to".
RANGE_JOINS: dict[str, str] = {"to": "span", "through": "span", "thru": "span", "until": "span", "till": "span",
                               "and": "span", "or": "point"}
#: Words after which a phrase counts from the other event rather than from the source: an `until` phrase
#: holding one ("until: three weeks later", "until: the next day") is read against the event's own `when`.
SEQUEL_WORDS = frozenset({"later", "after", "afterwards", "afterward", "following", "subsequent"})
#: "next" counts on only before a day or a part of one ("the next day", "the next morning"); "next Friday" counts
#: from the source's date.
SEQUEL_NEXT = frozenset({"day", *DAY_PARTS})
#: Words that may stand before a duration (`for:` "over seven days", "a three-week strike"); dropped.
DURATION_FRAMES = frozenset({"for", "over", "during", "lasting", "about", "around", "nearly", "almost", "some",
                             "roughly", "more", "than", "just", "another", "full", "whole", "entire", "of"})
