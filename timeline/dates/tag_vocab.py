"""The words the tagger looks for in running text, as data.

`timeline.dates.tag` builds one regular expression from these lists; adding a word is a change here, not to its
control flow. The words follow how English news writes dates and times, and where an expression starts and ends
follows the TimeML (TIMEX3) annotation guidelines: a determiner ("the past year"), a modifier ("early 1990",
"late last week") and an approximation ("nearly two months", "about two years ago") are part of the expression;
a preposition ("on Tuesday", "in 1990", "since last July") is not.
"""

from __future__ import annotations

#: Weekday names as news writes them (capitalised; matched case-sensitively so the tagger never reads a verb).
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Month names and their abbreviations (AP style: "Nov.", "Sept."), capitalised. "May" and "March" alone are
#: also a verb and a name, so a bare month is read only after a word that announces a date (`MONTH_CUES`).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_ABBREVIATIONS = ("Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.",
                       "Dec.")
#: Months that are also common words or names; alone they need a cue word before them.
AMBIGUOUS_MONTHS = ("May", "March")
MONTH_CUES = ("in", "since", "until", "till", "by", "of", "last", "next", "this", "early", "late", "mid", "during",
              "before", "after", "from", "through", "to", "and", "or", "each", "every", "between", "the")

#: Cardinal number words (one ... ninety-nine, hundred, thousand).
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_VALUES: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(ONES)}, **{w: i + 10 for i, w in enumerate(TEENS)},
    **{w: (i + 2) * 10 for i, w in enumerate(TENS)}, "a": 1, "an": 1, "couple": 2, "dozen": 12, "hundred": 100,
    "thousand": 1000, "half": 0,
}
#: Quantities too loose to count: TIMEX3 writes them as X ("several years": PXY).
VAGUE_QUANTITIES = ("few", "several", "many", "some", "numerous")

#: Ordinals of quarters and halves.
ORDINALS = ("first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th")
ORDINAL_VALUES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

#: Calendar units and their TIMEX3 duration letters (value multiplied by the count: a decade is ten years).
#: Units under a day go after the `T` of an ISO 8601 duration.
UNITS: dict[str, tuple[str, int]] = {
    "second": ("TS", 1), "minute": ("TM", 1), "hour": ("TH", 1), "day": ("D", 1), "night": ("D", 1),
    "week": ("W", 1), "fortnight": ("W", 2), "weekend": ("D", 2), "month": ("M", 1), "quarter": ("Q", 1),
    "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100), "centurie": ("Y", 100),
}

#: Words that say roughly how long or when; TimeML puts them inside the expression.
APPROXIMATIONS = ("about", "around", "approximately", "roughly", "nearly", "almost", "more than", "less than",
                  "fewer than", "at least", "at most", "up to", "no more than", "no less than")

#: Deictic words before a unit ("last week", "the coming months"): -1 back, 0 now, +1 ahead.
DEICTIC = ("this past", "this coming", "the past", "the last", "the next", "the coming", "the following",
           "the previous", "the prior", "the preceding", "the current", "the same", "the latest", "the present",
           "last", "this", "next", "that", "coming", "past", "previous", "current")

#: Parts of a day and their TIMEX3 codes.
DAY_PARTS: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                             "overnight": "NI", "tonight": "NI"}

#: Vague references and their TIMEX3 values ("now": PRESENT_REF). TimeML does not mark "former" or "soon"
#: (its guidelines leave adjectives of office and bare "soon" unmarked), so neither is here.
VAGUE: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "more recently": "PAST_REF",
    "the past": "PAST_REF", "lately": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}

#: Nouns of an era after "today's" ("today's youth", "in today's world", "today's personal computers"): these times,
#: not the story's day, so no date (neither TimeBank nor AQUAINT marks them); "today's meeting" stays the day.
ERA_NOUNS = ("world", "society", "youth", "young", "generation", "generations", "children", "kids", "teenagers",
             "students", "parents", "families", "women", "men", "people", "workers", "consumers", "economy",
             "culture", "technology", "computers", "standards", "politics", "media", "climate", "reality",
             "realities", "age", "era", "times")

#: Adverbs of frequency (SET) and their TIMEX3 values.
FREQUENCIES: dict[str, str] = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                               "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W"}

#: Holidays the resolver knows (United States practice).
HOLIDAYS = ("Easter week", "Christmas week", "Thanksgiving week", "New Year's Day", "New Year's Eve",
            "Christmas Eve", "Christmas Day", "Christmas", "Thanksgiving Day", "Thanksgiving", "Easter Sunday",
            "Easter", "Good Friday", "Halloween", "Independence Day", "Labor Day", "Memorial Day", "Veterans Day",
            "Election Day", "Valentine's Day")

#: Time zones written after a clock time ("9 p.m. EST").
TIME_ZONES = ("EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "ET", "PT")

#: Seasons and their TIMEX3 codes; "fall" is also a verb, so it is read only after a determiner or before a year.
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

#: Words that make a quarter without a year the next one ("expects a loss in the fourth quarter"); otherwise it is
#: the latest, since earnings are reported after the quarter ends.
QUARTER_FUTURE_CUES = frozenset({"will", "forecast", "forecasts", "projected", "outlook", "next", "anticipates",
                                 "anticipate", "expects", "expect", "predicts", "predict", "sees", "plans", "aims",
                                 "hopes", "should", "would", "guidance", "target", "targets", "coming", "upcoming"})

#: Verbs and modals that put what their clause says ahead of the story, however far the date stands from them
#: ("were planning to drive around Miami International Airport on Monday"). "planned" is left out: "the government
#: planned to pay on Friday" tells what was planned, in the past.
PLANNING_VERBS = frozenset({"will", "'ll", "shall", "won't", "going", "planning", "plans", "plan", "expected",
                            "expects", "scheduled", "intends", "slated"})
#: Words that say where a state ends ("until Thursday"), not when it holds: the state's verb gives the tense.
SPAN_ENDS = frozenset({"until", "till"})
#: Auxiliaries of a past tense ("had not called", "was held"): a sentence with one tells what happened.
PAST_AUXILIARIES = frozenset({"had", "hadn't", "was", "wasn't", "were", "weren't", "did", "didn't"})
