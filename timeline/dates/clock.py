"""Times of day as data: the parts of a day (hour ranges) and the zone abbreviations news uses.

`timeline.dates.times` reads these; the README's "Times of day and time zones" shows them. Hours are wall-clock
hours of the named day; a range may end past 24, into the next day ("night" runs to 05:00 the morning after).
"""

from __future__ import annotations

from typing import NamedTuple


class Part(NamedTuple):
    """A part of a day: from `start` to `end` hours of the day it belongs to (`end` > 24 crosses midnight)."""

    start: int
    end: int


#: Parts of the day, by the words that name them ("Friday morning", "late Monday", "early Tuesday").
#: "late"/"early" alone are the day's last and first hours, as wire copy uses them ("late Monday": the evening).
DAYPARTS: dict[str, Part] = {
    "morning": Part(6, 12),
    "early morning": Part(3, 9),
    "late morning": Part(9, 12),
    "afternoon": Part(12, 18),
    "early afternoon": Part(12, 15),
    "late afternoon": Part(15, 18),
    "evening": Part(18, 22),
    "early evening": Part(18, 20),
    "late evening": Part(20, 24),
    "night": Part(20, 29),
    "late night": Part(22, 29),
    "overnight": Part(22, 30),
    "dawn": Part(4, 7),
    "daybreak": Part(4, 7),
    "lunchtime": Part(12, 14),
    "mid-morning": Part(9, 11), "midmorning": Part(9, 11),
    "mid-afternoon": Part(14, 16), "midafternoon": Part(14, 16),
    "mid-evening": Part(19, 21),
    "early hours": Part(0, 6), "small hours": Part(0, 5),  # "in the early hours of Sunday": after midnight
    "early": Part(0, 9),
    "late": Part(18, 24),
}

#: Phrases that are a part of a day relative to the anchor's day: (days from the anchor, part).
#: "earlier today" and "later today" run from the start of the day to the publication time and from it to the
#: end of the day (the whole day when the source gives no time).
DEICTIC_PARTS: dict[str, tuple[int, str]] = {
    "this morning": (0, "morning"), "this afternoon": (0, "afternoon"), "this evening": (0, "evening"),
    "tonight": (0, "night"), "last night": (-1, "night"), "last evening": (-1, "evening"),
    "overnight": (-1, "overnight"), "earlier today": (0, "earlier today"), "later today": (0, "later today"),
}

#: Named clock times: (hour, minute). "midnight" is the start of the day it is given with; "12 noon" and
#: "12 midnight" are the same times.
NAMED_TIMES: dict[str, tuple[int, int]] = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}


class Abbreviation(NamedTuple):
    """What a zone abbreviation means: the IANA zone, and the fixed UTC offset when it names standard or summer
    time (EDT is -04:00 whatever the day; ET follows the zone's rules on the day)."""

    zone: str
    offset: str | None = None


#: Zone abbreviations, each the IANA zone it means in English-language news. The daylight/standard forms keep
#: their offset, so "1:30 a.m. EST" on the night the clocks go back says which of the two 1:30s it is.
ZONES: dict[str, Abbreviation] = {
    "utc": Abbreviation("UTC"), "z": Abbreviation("UTC"),
    "gmt": Abbreviation("Europe/London", "+00:00"), "bst": Abbreviation("Europe/London", "+01:00"),
    "uk": Abbreviation("Europe/London"),
    "et": Abbreviation("America/New_York"), "est": Abbreviation("America/New_York", "-05:00"),
    "edt": Abbreviation("America/New_York", "-04:00"),
    "ct": Abbreviation("America/Chicago"), "cdt": Abbreviation("America/Chicago", "-05:00"),
    "mt": Abbreviation("America/Denver"), "mst": Abbreviation("America/Denver", "-07:00"),
    "mdt": Abbreviation("America/Denver", "-06:00"),
    "pt": Abbreviation("America/Los_Angeles"), "pst": Abbreviation("America/Los_Angeles", "-08:00"),
    "pdt": Abbreviation("America/Los_Angeles", "-07:00"),
    "akst": Abbreviation("America/Anchorage", "-09:00"), "akdt": Abbreviation("America/Anchorage", "-08:00"),
    "hst": Abbreviation("Pacific/Honolulu", "-10:00"),
    "adt": Abbreviation("America/Halifax", "-03:00"),
    "nst": Abbreviation("America/St_Johns", "-03:30"), "ndt": Abbreviation("America/St_Johns", "-02:30"),
    "wet": Abbreviation("Europe/Lisbon", "+00:00"), "west": Abbreviation("Europe/Lisbon", "+01:00"),
    "cet": Abbreviation("Europe/Paris", "+01:00"), "cest": Abbreviation("Europe/Paris", "+02:00"),
    "eet": Abbreviation("Europe/Athens", "+02:00"), "eest": Abbreviation("Europe/Athens", "+03:00"),
    "msk": Abbreviation("Europe/Moscow", "+03:00"),
    "sast": Abbreviation("Africa/Johannesburg", "+02:00"), "wat": Abbreviation("Africa/Lagos", "+01:00"),
    "cat": Abbreviation("Africa/Maputo", "+02:00"), "eat": Abbreviation("Africa/Nairobi", "+03:00"),
    "pkt": Abbreviation("Asia/Karachi", "+05:00"), "npt": Abbreviation("Asia/Kathmandu", "+05:45"),
    "ict": Abbreviation("Asia/Bangkok", "+07:00"), "wib": Abbreviation("Asia/Jakarta", "+07:00"),
    "hkt": Abbreviation("Asia/Hong_Kong", "+08:00"), "sgt": Abbreviation("Asia/Singapore", "+08:00"),
    "pht": Abbreviation("Asia/Manila", "+08:00"), "awst": Abbreviation("Australia/Perth", "+08:00"),
    "jst": Abbreviation("Asia/Tokyo", "+09:00"), "kst": Abbreviation("Asia/Seoul", "+09:00"),
    "aet": Abbreviation("Australia/Sydney"), "aest": Abbreviation("Australia/Sydney", "+10:00"),
    "aedt": Abbreviation("Australia/Sydney", "+11:00"),
    "acst": Abbreviation("Australia/Adelaide", "+09:30"), "acdt": Abbreviation("Australia/Adelaide", "+10:30"),
    "nzst": Abbreviation("Pacific/Auckland", "+12:00"), "nzdt": Abbreviation("Pacific/Auckland", "+13:00"),
    "brt": Abbreviation("America/Sao_Paulo", "-03:00"),
    "art": Abbreviation("America/Argentina/Buenos_Aires", "-03:00"),
}

#: Abbreviations that name more than one zone: an error listing them, so the curator writes which.
AMBIGUOUS_ZONES: dict[str, tuple[str, ...]] = {
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "cst": ("America/Chicago", "Asia/Shanghai", "America/Havana"),
    "ast": ("America/Halifax", "Asia/Riyadh"),
    "bt": ("Asia/Baghdad", "Asia/Dhaka"),
    "sst": ("Pacific/Pago_Pago", "Asia/Singapore"),
    "amt": ("America/Manaus", "Asia/Yerevan"),
}

#: How a zone is labelled beside a time on the page and in the reports ("9:39 p.m. PT"); other zones show their
#: abbreviation on the day (BST, CEST) or their offset.
ZONE_LABELS: dict[str, str] = {
    "America/New_York": "ET", "America/Chicago": "CT", "America/Denver": "MT", "America/Los_Angeles": "PT",
    "UTC": "UTC",
}

#: Words that may follow a clock time without being a zone ("9 a.m. Friday", "9 a.m. on", "2pm local time").
NOT_ZONES = frozenset({"on", "at", "in", "of", "the", "and", "or", "to", "by", "local", "time", "today",
                       "tonight", "next", "last", "this", "that", "sharp", "yesterday", "tomorrow"})
