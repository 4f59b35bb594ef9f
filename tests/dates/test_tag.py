"""The tagger, table-driven: news sentences of our own -> (words, TIMEX3 type, value) of every expression."""

from __future__ import annotations

import itertools
import json
import re
import time

import pytest

from timeline.calendar import Day
from timeline.dates.tag import Mention, duration_value, sentences, tag
from timeline.errors import PhraseError

FRI = "2024-05-17"  # a Friday
THU_1998 = "1998-02-12"  # a Thursday


def found(text: str, anchor: str | None = FRI) -> list[tuple[str, str, str]]:
    return [(m.text, m.type, m.value) for m in tag(text, Day.parse(anchor) if anchor else None)]


CASES = [
    # weekdays: the most recent one in a past-tense sentence, the coming one when the sentence looks ahead
    ("The minister resigned on Tuesday.", FRI, [("Tuesday", "DATE", "2024-05-14")]),
    ("Shares fell Friday.", FRI, [("Friday", "DATE", "2024-05-17")]),
    ("The board will meet Monday to pick a successor.", FRI, [("Monday", "DATE", "2024-05-20")]),
    ("Talks broke down last Wednesday.", FRI, [("last Wednesday", "DATE", "2024-05-15")]),
    ("Police said earlier Sunday that two men were held.", THU_1998, [("earlier Sunday", "DATE", "1998-02-08")]),
    ("The vote is set for Friday, May 24.", FRI, [("Friday, May 24", "DATE", "2024-05-24")]),
    # the sentence's tense, read past the words just before the date
    ("Until Thursday, they had not called him a suspect.", FRI, [("Thursday", "DATE", "2024-05-16")]),
    ("The agency gave the company until Tuesday to answer.", FRI, [("Tuesday", "DATE", "2024-05-21")]),
    ("Protesters were planning to drive around the airport in a long convoy on Monday.", FRI,
     [("Monday", "DATE", "2024-05-20")]),
    ("``The government will use all its resources to delay it,'' Cuba predicted Wednesday.", FRI,
     [("Wednesday", "DATE", "2024-05-15")]),  # the quotation's "will" is the speaker's, not the report's
    ("The offer had been due to expire Friday evening.", "2024-05-20",
     [("Friday evening", "TIME", "2024-05-17TEV")]),  # a plan as it stood, since overtaken: not ahead
    ("The offer had been set to expire May 21.", "2024-05-20", [("May 21", "DATE", "2024-05-21")]),
    ("Mr. Bush let the ground offensive begin as previously planned Saturday night.", "1991-02-25",
     [("Saturday night", "TIME", "1991-02-23TNI")]),  # the plan kept, told after: not ahead
    ("The launch is planned for Saturday.", FRI, [("Saturday", "DATE", "2024-05-18")]),
    ("The vote will be held Saturday in all 16 states.", FRI, [("Saturday", "DATE", "2024-05-18")]),
    ("The prisoners are to be freed on Monday.", FRI, [("Monday", "DATE", "2024-05-20")]),
    ("The ministers who were sacked on Monday left.", FRI, [("Monday", "DATE", "2024-05-13")]),
    ("The family will ask a higher court to overturn Wednesday's ruling.", FRI,
     [("Wednesday", "DATE", "2024-05-15")]),  # the ruling is there to overturn: Wednesday is past
    # days and parts of days
    ("The company said today that profit rose.", FRI, [("today", "DATE", "2024-05-17")]),
    ("Rebels attacked the town yesterday.", FRI, [("yesterday", "DATE", "2024-05-16")]),
    # a part of a named day is a TIME of that day, as TimeML types it ("Friday morning" 2024-05-17TMO)
    ("He spoke Tuesday morning.", THU_1998, [("Tuesday morning", "TIME", "1998-02-10TMO")]),
    ("Rescuers reached the village early Friday morning.", FRI, [("early Friday morning", "TIME", "2024-05-17TMO")]),
    ("The rally will be held Saturday night in the capital.", FRI, [("Saturday night", "TIME", "2024-05-18TNI")]),
    ("The verdict came Wednesday afternoon.", FRI, [("Wednesday afternoon", "TIME", "2024-05-15TAF")]),
    ("Lawmakers debated the bill yesterday evening.", FRI, [("yesterday evening", "TIME", "2024-05-16TEV")]),
    # "overnight" is the night before the day the story is about, written by the day it begins
    ("London shares closed lower Friday. They were depressed by overnight losses in New York.", "2024-05-20",
     [("Friday", "DATE", "2024-05-17"), ("overnight", "TIME", "2024-05-16TNI")]),
    ("Asian markets fell overnight.", FRI, [("overnight", "TIME", "2024-05-16TNI")]),
    ("``It is not tonight we worry about,'' she said.", FRI, [("tonight", "TIME", "2024-05-17TNI")]),
    ("The talks resumed this afternoon.", FRI, [("this afternoon", "TIME", "2024-05-17TAF")]),
    ("Fighting broke out last night.", FRI, [("last night", "TIME", "2024-05-16TNI")]),
    # clock times: on the day written beside them, else the story's day
    ("The blast came at 9:39 p.m. Tuesday.", FRI, [("9:39 p.m. Tuesday", "TIME", "2024-05-14T21:39")]),
    ("Trading halted at 10 a.m. EDT.", FRI, [("10 a.m. EDT", "TIME", "2024-05-17T10:00")]),
    ("The deadline is noon Saturday.", FRI, [("noon Saturday", "TIME", "2024-05-18T12:00")]),
    ("The polls closed at 8:00 p.m. on Sunday.", FRI, [("8:00 p.m.", "TIME", "2024-05-12T20:00"),
                                                         ("Sunday", "DATE", "2024-05-12")]),
    ("The offer expires at midnight Friday.", "2024-05-15", [("midnight Friday", "TIME", "2024-05-17T24:00")]),
    # the hour with its part of the day in words, and the day a wire story puts in parentheses after it
    ("``He will leave at 4 in the morning (4 a.m. EDT Thursday),'' the president said.", "2024-05-15",
     [("4 in the morning", "TIME", "2024-05-16T04:00"), ("4 a.m. EDT Thursday", "TIME", "2024-05-16T04:00")]),
    ("The vote ended at 11 o'clock at night.", FRI, [("11 o'clock at night", "TIME", "2024-05-17T23:00")]),
    ("Guards changed at 3 in the afternoon, Tuesday.", FRI, [("3 in the afternoon, Tuesday", "TIME",
                                                             "2024-05-14T15:00")]),
    ("The shift began at 2 at night.", FRI, [("2 at night", "TIME", "2024-05-17T02:00")]),
    # a wire story gives the GMT time in parentheses, then the day
    ("The blast occurred at 10:35 a.m. (0735 GMT) Tuesday.", FRI,
     [("10:35 a.m.", "TIME", "2024-05-14T10:35"), ("Tuesday", "DATE", "2024-05-14")]),
    ("The ship docked at 6 p.m. (2200 GMT) on Wednesday.", FRI,
     [("6 p.m.", "TIME", "2024-05-15T18:00"), ("Wednesday", "DATE", "2024-05-15")]),
    # a day next to a named one, and the named one stays the story's reference
    ("The day before last Tuesday's hearing, he flew in. He testified the next morning.", FRI,
     [("The day before last Tuesday", "DATE", "2024-05-13"), ("the next morning", "DATE", "2024-05-15")]),
    ("Markets reopen the day after Christmas.", "2024-12-20", [("the day after Christmas", "DATE", "2024-12-26")]),
    ("Trading opens at 9:30 a.m. ET on Monday, May 20.", FRI,
     [("9:30 a.m. ET", "TIME", "2024-05-20T09:30"), ("Monday, May 20", "DATE", "2024-05-20")]),
    # months and days of months
    ("The team formed last July.", FRI, [("last July", "DATE", "2023-07")]),
    ("The law took effect in March.", FRI, [("March", "DATE", "2024-03")]),
    # a sentence that opens on its month recounts, unless its verb looks ahead
    ("In January, a bomb killed a guard at the clinic.", "1998-10-25", [("January", "DATE", "1998-01")]),
    ("In January, the commissioner ruled that the boy should go home.", "2000-04-03",
     [("January", "DATE", "2000-01")]),
    ("In January, the board will vote on the plan.", "1998-10-25", [("January", "DATE", "1999-01")]),
    ("Prices rose in March 2019.", FRI, [("March 2019", "DATE", "2019-03")]),
    ("He was born Nov. 9, 1989, in Ohio.", FRI, [("Nov. 9, 1989", "DATE", "1989-11-09")]),
    ("The plant closed on 3 April 2020.", FRI, [("3 April 2020", "DATE", "2020-04-03")]),
    ("The summit is on June 24 and 25.", FRI, [("June 24", "DATE", "2024-06-24"), ("25", "DATE", "2024-06-25")]),
    ("Sales on May 3 and 40 other days.", FRI, [("May 3", "DATE", "2024-05-03")]),
    ("Sales slowed in late November.", FRI, [("late November", "DATE", "2023-11")]),
    ("Sales slowed in mid-March.", FRI, [("mid-March", "DATE", "2024-03")]),
    ("Officials may decide soon.", FRI, []),  # "may" is a verb, and TimeML leaves bare "soon" unmarked
    # years, decades, centuries
    ("In 1998, the firm moved to Denver.", FRI, [("1998", "DATE", "1998")]),
    ("Growth slowed in fiscal 1990.", FRI, [("fiscal 1990", "DATE", "1990")]),
    ("The plant was built in the early 1990s.", FRI, [("the early 1990s", "DATE", "199")]),
    ("Sales were flat in 1988. They should grow in the current year.", "1989-10-26",
     [("1988", "DATE", "1988"), ("the current year", "DATE", "1989")]),  # the story's year, not the one named
    ("Output peaked in mid-1997.", FRI, [("mid-1997", "DATE", "1997")]),
    ("The debt will be repaid by the end of 2026.", FRI, [("the end of 2026", "DATE", "2026")]),
    ("She won the 1996 election easily.", FRI, [("1996", "DATE", "1996")]),  # a year before a noun modifies it
    ("The plan runs through 2030 and beyond.", FRI, [("2030 and beyond", "DATE", "2030")]),
    ("It reported the third-quarter results.", FRI, [("third-quarter", "DATE", "2023-Q3")]),
    ("It sold 1,990 cars and earned $2,000 million.", FRI, []),
    ("It was the worst flood of the 20th century.", FRI, [("the 20th century", "DATE", "19")]),
    # weeks, deixis
    ("Leike resigned earlier this week.", FRI, [("earlier this week", "DATE", "2024-W20")]),
    ("The talks collapsed last week.", FRI, [("last week", "DATE", "2024-W19")]),
    ("The bill passed last year.", FRI, [("last year", "DATE", "2023")]),
    ("He supported Altman during last year's coup.", FRI, [("last year", "DATE", "2023")]),
    ("Rates will rise next month.", FRI, [("next month", "DATE", "2024-06")]),
    ("Crowds gathered over the weekend.", FRI, [("the weekend", "DATE", "2024-W19-WE")]),
    ("Sales jumped this year.", FRI, [("this year", "DATE", "2024")]),
    ("Baker said on ABC's This Week that talks failed.", FRI, []),  # a programme's title
    ("This week, the talks failed.", FRI, [("This week", "DATE", "2024-W20")]),
    # quarters and halves
    ("Profit fell in the third quarter.", FRI, [("the third quarter", "DATE", "2023-Q3")]),
    ("Its third-quarter profit rose 5%.", FRI, [("third-quarter", "DATE", "2023-Q3")]),
    ("Revenue grew in the fourth quarter of 2022.", FRI, [("the fourth quarter of 2022", "DATE", "2022-Q4")]),
    ("The plant opens in the second half of 2025.", FRI, [("the second half of 2025", "DATE", "2025-H2")]),
    ("Profit fell in the first quarter.", FRI, [("the first quarter", "DATE", "2024-Q1")]),
    ("It will post a loss in the first quarter.", FRI, [("the first quarter", "DATE", "2025-Q1")]),
    ("The company expects growth to pick up in the second half.", FRI, [("the second half", "DATE", "2024-H2")]),
    ("Analysts predict a loss in the fourth quarter.", FRI, [("the fourth quarter", "DATE", "2024-Q4")]),
    ("It expects to report third-quarter profit.", FRI, [("third-quarter", "DATE", "2023-Q3")]),  # reported after
    # "a year earlier" compares with the period the story names
    ("Profit rose in the third quarter, from $5 million a year earlier.", FRI,
     [("the third quarter", "DATE", "2023-Q3"), ("a year earlier", "DATE", "2022-Q3")]),
    ("Net income fell in the first quarter from the year-earlier period.", FRI,
     [("the first quarter", "DATE", "2024-Q1"), ("the year-earlier period", "DATE", "2023-Q1")]),
    ("The firm was founded two years ago.", FRI, [("two years ago", "DATE", "2022")]),
    ("Prices were lower a year ago.", FRI, [("a year ago", "DATE", "2023")]),
    # the quarter the story named
    ("Sales rose in the second quarter of 2023. During the quarter, costs fell.", FRI,
     [("the second quarter of 2023", "DATE", "2023-Q2"), ("the quarter", "DATE", "2023-Q2")]),
    # "the quarter ended Sept. 30": the three months up to that day, unless the story numbered its quarter
    ("For the quarter ended Sept. 30, the airline posted net income of $5 million.", "2023-10-26",
     [("the quarter", "DATE", "2023-Q3"), ("Sept. 30", "DATE", "2023-09-30")]),
    ("In the quarter ended July 31, the retailer had sales of $9 million.", "2023-10-26",
     [("the quarter", "DATE", "2023-Q2"), ("July 31", "DATE", "2023-07-31")]),
    ("Sales fell in its fiscal first quarter. In the quarter ended Sept. 29, costs rose.", "2023-10-26",
     [("fiscal first quarter", "DATE", "2023-Q1"), ("the quarter", "DATE", "2023-Q1"),
      ("Sept. 29", "DATE", "2023-09-29")]),
    # anchored by another date in the text
    # "that same day" is the day of what the story dated last, even when it named only the month
    ("Three doctors were killed, most recently last October when a sniper shot one. His name was crossed out "
     "that same day.", "1999-02-06",
     [("recently", "DATE", "PAST_REF"), ("last October", "DATE", "1998-10"), ("that same day", "DATE", "1998-10-XX")]),
    ("The ship sank on Jan. 5, 2021. Divers reached it that same day.", FRI,
     [("Jan. 5, 2021", "DATE", "2021-01-05"), ("that same day", "DATE", "2021-01-05")]),
    ("The dam broke in 1998. Thousands fled that day.", FRI,
     [("1998", "DATE", "1998"), ("that day", "DATE", "1998-XX-XX")]),
    ("The strike began on May 2, 2024. Two days later the union gave in.", FRI,
     [("May 2, 2024", "DATE", "2024-05-02"), ("Two days", "DURATION", "P2D")]),
    ("The ship sank on Jan. 5, 2021. The next day, divers found it.", FRI,
     [("Jan. 5, 2021", "DATE", "2021-01-05"), ("The next day", "DATE", "2021-01-06")]),
    # "that week" after a month, "that month" or "that summer" after a year: a unit inside the period named last
    ("The river flooded the valley in June 1997. That week, 40 people died.", FRI,
     [("June 1997", "DATE", "1997-06"), ("That week", "DATE", "1997-WXX")]),
    ("The mill closed in 2009. Later that month its owner sold the land.", FRI,
     [("2009", "DATE", "2009"), ("Later that month", "DATE", "2009-XX")]),
    ("Sales collapsed in the third quarter of 2001, and that month the chief executive left.", FRI,
     [("the third quarter of 2001", "DATE", "2001-Q3"), ("that month", "DATE", "2001-XX")]),
    ("The drought began in 1976. That summer the reservoirs ran dry.", FRI,
     [("1976", "DATE", "1976"), ("That summer", "DATE", "1976-SU")]),
    ("The bridge opened on June 3, 1997. That week, traffic doubled.", FRI,
     [("June 3, 1997", "DATE", "1997-06-03"), ("That week", "DATE", "1997-W23")]),  # a day: the week holding it
    ("Traffic doubled that week.", FRI, [("that week", "DATE", "2024-W20")]),  # nothing named: the story's own
    # a bare weekday stays the story's, even after an older date: measured, narrative anchoring lost value F1
    ("The plant was sold on March 3, 2021. Its new owner said Tuesday that it would reopen.", FRI,
     [("March 3, 2021", "DATE", "2021-03-03"), ("Tuesday", "DATE", "2024-05-14")]),
    # "the year before", "the month after": the unit next to the one the story named last
    ("Tourism brought in $300 million last year, down from $450 million the year before.", FRI,
     [("last year", "DATE", "2023"), ("the year before", "DATE", "2022")]),
    ("He was elected in 1990 and resigned the year after.", FRI,
     [("1990", "DATE", "1990"), ("the year after", "DATE", "1991")]),
    ("The plant closed in June 1990. It reopened the month after.", FRI,
     [("June 1990", "DATE", "1990-06"), ("the month after", "DATE", "1990-07")]),
    ("Profit rose in the third quarter of 2022, after a loss the quarter before.", FRI,
     [("the third quarter of 2022", "DATE", "2022-Q3"), ("the quarter before", "DATE", "2022-Q2")]),
    ("The bomb went off on March 3, 2021. The week before, police had warned residents.", FRI,
     [("March 3, 2021", "DATE", "2021-03-03"), ("The week before", "DATE", "2021-W08")]),
    ("Prices fell the year before.", FRI, [("the year before", "DATE", "2023")]),  # nothing named: the story's
    ("He joined in June 2010 and left the following year.", FRI,
     [("June 2010", "DATE", "2010-06"), ("the following year", "DATE", "2011")]),
    # durations
    ("Shares have fallen over the past six months.", FRI, [("the past six months", "DURATION", "P6M")]),
    ("He has been in Bethesda for the last week.", FRI, [("the last week", "DURATION", "P1W")]),
    ("Sales rose in the past year.", FRI, [("the past year", "DATE", "2023")]),  # when, not how long
    ("He served three years in prison.", FRI, [("three years", "DURATION", "P3Y")]),
    ("She signed a five-year contract.", FRI, [("five-year", "DURATION", "P5Y")]),
    ("The talks lasted nearly two weeks.", FRI, [("nearly two weeks", "DURATION", "P2W")]),
    ("The outage lasted 2 1/2 hours.", FRI, [("2 1/2 hours", "DURATION", "PT2H30M")]),
    ("They have been married for several years.", FRI, [("several years", "DURATION", "PXY")]),
    ("The strike could last for weeks.", FRI, [("weeks", "DURATION", "PXW")]),
    ("Rebuilding the port will take years.", FRI, [("years", "DURATION", "PXY")]),
    ("The talks lasted weeks, and within days the deal fell apart.", FRI,
     [("weeks", "DURATION", "PXW"), ("days", "DURATION", "PXD")]),
    ("He spent decades in exile.", FRI, [("decades", "DURATION", "PXY")]),
    ("The last years of his life were quiet.", FRI, []),
    ("A 6-year-old boy was rescued.", FRI, []),  # an age is not a time
    ("Mr. Reed, 52 years old, will retire.", FRI, []),
    ("Iraq imports about three-quarters of its food.", FRI, []),  # a fraction
    ("They left their third day-long meeting without a deal.", FRI, [("day-long", "DURATION", "P1D")]),
    ("A yearlong inquiry found no fault.", FRI, [("yearlong", "DURATION", "P1Y")]),
    ("He was named to a three-year term.", FRI, [("a three-year term", "DURATION", "P3Y")]),
    ("The outage lasted a minute and a half.", FRI, [("a minute and a half", "DURATION", "PT1M30S")]),
    ("Sales fell a year-earlier loss.", FRI, [("year-earlier", "DATE", "2023")]),
    ("It posted a loss for the year ended June 30.", FRI,
     [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "2023-06-30")]),
    ("For the year, sales were flat.", FRI, [("the year", "DATE", "2024")]),
    ("Rain delayed planting earlier in the year.", FRI, [("earlier in the year", "DATE", "2024")]),
    # a year as one side of a span: "post-1959 politics" (TIMEX3 mod AFTER), "pre-1990 levels" (BEFORE)
    ("The post-1959 politics split thousands of families.", FRI, [("post-1959", "DATE", "1959")]),
    ("Output is back at pre-1990 levels.", FRI, [("pre-1990", "DATE", "1990")]),
    # vague references
    ("The company now employs 500 people.", FRI, [("now", "DATE", "PRESENT_REF")]),
    ("He is currently in talks.", FRI, [("currently", "DATE", "PRESENT_REF")]),
    ("Prices have risen recently.", FRI, [("recently", "DATE", "PAST_REF")]),
    ("Nobody can predict the future.", FRI, [("the future", "DATE", "FUTURE_REF")]),
    ("The former minister spoke.", FRI, []),  # TimeML does not mark "former"
    # "today's" before a noun of an era names these times, not the story's day: neither corpus marks it
    ("Such films speak to today's youth.", FRI, []),
    ("In today's world, few families write letters.", FRI, []),
    ("Most of today's personal computers use the chip.", FRI, []),
    ("Today's meeting was cancelled.", FRI, [("Today", "DATE", "2024-05-17")]),
    ("The offer is advertised in today's editions of the paper.", FRI, [("today", "DATE", "2024-05-17")]),
    # a sentence's opening "Now," turns the argument; "now" inside a clause is the present
    ("The plan failed in 1990. Now, officials say, it will be tried again.", FRI, [("1990", "DATE", "1990")]),
    ("He paused. ``Now, we wait,'' he said.", FRI, []),
    ("Now the company plans to sell its stake.", FRI, [("Now", "DATE", "PRESENT_REF")]),
    ("Most of the staff now work from home.", FRI, [("now", "DATE", "PRESENT_REF")]),
    ("Costs rose in recent years.", FRI, [("recent years", "DURATION", "PXY")]),
    # sets
    ("The paper is published each month.", FRI, [("each month", "SET", "P1M")]),
    ("The council meets every Thursday.", FRI, [("every Thursday", "SET", "XXXX-WXX-4")]),
    ("Flights run daily.", FRI, [("daily", "SET", "P1D")]),
    ("It costs $5 million a year.", FRI, [("a year", "SET", "P1Y")]),
    ("The board meets twice a week.", FRI, [("twice a week", "SET", "P1W")]),
    ("The market is open on Tuesdays.", FRI, [("Tuesdays", "SET", "XXXX-WXX-2")]),
    ("Flights leave on Tuesday nights.", FRI, [("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
    ("The party daily Granma said so.", FRI, []),  # a newspaper
    # seasons and holidays
    ("The plant will open this summer.", FRI, [("this summer", "DATE", "2024-SU")]),
    ("Sales fell last fall.", FRI, [("last fall", "DATE", "2023-FA")]),
    ("The fall of the regime surprised no one.", FRI, []),
    ("Stores were busy before Christmas.", FRI, [("Christmas", "DATE", "2023-12-25")]),
    # a dateline is a date in the text like any other (TimeML tags it)
    ("WASHINGTON, May 17 (AP) -- The Senate voted.", FRI, [("May 17", "DATE", "2024-05-17")]),
    # no anchor: what the words alone say
    ("The board met on Tuesday.", None, [("Tuesday", "DATE", "XXXX-WXX-2")]),
]


@pytest.mark.parametrize("text,anchor,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_tag(text: str, anchor: str | None, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, anchor) == expected


def test_offsets_are_python_string_offsets() -> None:
    text = "Ça va: “on Tuesday” the café closed. ☕ Sales fell last July."
    for m in tag(text, Day.parse(FRI)):
        assert text[m.start:m.end] == m.text
    assert [m.text for m in tag(text, Day.parse(FRI))] == ["Tuesday", "last July"]


def test_json_keeps_the_key_names_checks_read() -> None:
    (mention,) = tag("The minister resigned on Tuesday.", Day.parse(FRI))
    data = mention.as_json()
    assert {"start", "end", "text", "type", "value", "start_day", "end_day", "precision", "rule", "edtf", "start_at",
            "end_at"} <= set(data)
    assert data["start"] == 25 and data["end"] == 32 and data["start_day"] == "2024-05-14"
    assert data["rule"].startswith("weekday-") and data["precision"] == "day"
    json.dumps(data)


TIMED = [
    # a time of day is placed on its day by the resolver's time reader: precision, instants (zone when written)
    ("The blast came at 9:39 p.m. Tuesday.", "minute", "2024-05-14T21:39:00", "2024-05-14T21:39:00"),
    ("Trading halted at 10 a.m. EDT.", "minute", "2024-05-17T10:00:00-04:00", "2024-05-17T10:00:00-04:00"),
    ("He will leave at 4 in the morning.", "minute", "2024-05-17T04:00:00", "2024-05-17T04:00:00"),
    ("The offer expires at midnight Saturday.", "minute", "2024-05-19T00:00:00", "2024-05-19T00:00:00"),
    ("Leike posted on X Friday morning.", "daypart", "2024-05-17T06:00:00", "2024-05-17T12:00:00"),
    ("The verdict came Wednesday afternoon.", "daypart", "2024-05-15T12:00:00", "2024-05-15T18:00:00"),
    ("Fighting broke out last night.", "daypart", "2024-05-16T20:00:00", "2024-05-17T05:00:00"),
    ("Asian markets fell overnight.", "daypart", "2024-05-16T20:00:00", "2024-05-17T05:00:00"),
    # a date has no instants
    ("The minister resigned on Tuesday.", "day", None, None),
]


@pytest.mark.parametrize("text,precision,start_at,end_at", TIMED, ids=[t[0][:40] for t in TIMED])
def test_times_of_day_carry_their_instants(text: str, precision: str, start_at: str | None,
                                           end_at: str | None) -> None:
    (mention,) = tag(text, Day.parse(FRI))
    data = mention.as_json()
    assert (data["precision"], data["start_at"], data["end_at"]) == (precision, start_at, end_at)


def test_tense_comes_from_the_mentions_own_sentence() -> None:
    text = "The board met Monday. It will vote Monday."
    assert [m.value for m in tag(text, Day.parse(FRI))] == ["2024-05-13", "2024-05-20"]


@pytest.mark.parametrize("text,expected", [
    ("the past three months", "P3M"), ("twenty four hours", "PT24H"), ("a couple of years", "P2Y"),
    ("a minute and a half", "PT1M30S"), ("two decades", "P20Y"), ("the next 12 to 18 months", "PXM"),
    ("two more weeks", "P2W"), ("several quarters", "PXQ"), ("90 days", "P90D"), ("a week", "P1W"),
])
def test_duration_value(text: str, expected: str) -> None:
    assert duration_value(text) == expected


def test_sentences_do_not_break_after_abbreviations() -> None:
    text = "Mr. Smith left on Nov. 9, 1989. He returned.\n\nA new paragraph."
    assert [text[a:b] for a, b in sentences(text)] == ["Mr. Smith left on Nov. 9, 1989.", "He returned.",
                                                       "A new paragraph."]


@pytest.mark.parametrize("text", ["", "   \n", "no dates here at all", "Der Vorstand tagte am Dienstag."])
def test_texts_without_dates_tag_to_nothing(text: str) -> None:
    assert tag(text, Day.parse(FRI)) == []


def test_refuses_what_is_not_text() -> None:
    with pytest.raises(PhraseError):
        tag(b"bytes", Day.parse(FRI))  # type: ignore[arg-type]


def test_long_hostile_text_does_not_hang() -> None:
    # nested-quantifier traps for a careless expression: long runs of digits, number words, spaces and capitals.
    # Backtracking on these would take minutes to hours; the bound only catches a hang (speed is the benchmark's).
    text = ("1" * 5000 + " " + "two " * 3000 + "the past " * 2000 + "May " * 3000 + ". " * 3000
            + "Tuesday, " * 2000) * 2
    begun = time.perf_counter()
    tag(text, Day.parse(FRI))
    assert time.perf_counter() - begun < 120


def test_mentions_never_overlap_and_stay_in_order() -> None:
    text = " ".join(c[0] for c in CASES)
    mentions = tag(text, Day.parse(FRI))
    assert all(isinstance(m, Mention) for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    assert all(re.fullmatch(r"DATE|TIME|DURATION|SET", m.type) for m in mentions)


def test_trying_only_start_words_finds_what_a_full_scan_finds() -> None:
    from timeline.dates.tag import _EXPRESSION, _matches

    texts = [c[0] for c in CASES] + [" ".join(c[0] for c in CASES), "In the '90s, and '80s.", "x" * 50 + " 1998"]
    for text in texts:
        assert [m.span() for m in _matches(text)] == [m.span() for m in _EXPRESSION.finditer(text)], text


def test_time_grows_with_the_text_not_faster() -> None:
    # many mentions in one endless sentence: each mention looks back a bounded stretch, never the whole text
    # (quadratic looking back would take hours here; the bound only catches that, speed is the benchmark's)
    begun = time.perf_counter()
    mentions = tag("Nov. 9, " * 40000, Day.parse(FRI))
    assert len(mentions) == 40000 and time.perf_counter() - begun < 120


# --- any text: never an exception, offsets always true, mentions in order ----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["the", "past", "last", "next", "three", "a", "year", "years", "ago", "earlier", "later", "Monday",
           "Friday", "morning", "night", "May", "Nov.", "9", "1998", "'90s", "quarter", "third-quarter", "fiscal",
           "early", "mid-", "week", "weekend", "every", "daily", "now", "recently", "10", "p.m.", "a.m", ":",
           ",", ".", "and", "25", "of", "the end of", "this", "that day", "following", "-", "\n\n", "é", "\u2019s",
           "year-earlier", "period", "half", "twice", "times", "old", "for", "on", "2 1/2", "hours", "$5", "million"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=40),
       st.sampled_from([None, "2024-05-17", "1989-11-01", "2000-01-01"]))
def test_any_text_tags_without_error(pieces: list[str], anchor: str | None) -> None:
    text = " ".join(pieces)
    mentions = tag(text, Day.parse(anchor) if anchor else None)
    at = 0
    for m in mentions:
        assert at <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.type in ("DATE", "TIME", "DURATION", "SET") and m.value
        json.dumps(m.as_json())
        at = m.end
