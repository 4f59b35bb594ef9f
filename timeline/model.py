"""The records timeline passes around: small, immutable, each field said in a word or two."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .calendar import Day

#: Precision words, finest first. The last three are vague references ("recently", "now", "in the future"):
#: open-ended ranges before, at or after the anchor.
PRECISIONS = ("day", "week", "month", "quarter", "season", "half", "year", "decade", "century",
              "past", "present", "future")


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """One phrase turned into bounds: the earliest and latest day it can mean."""

    text: str  # the phrase as written
    anchor: Day | None  # the day it was resolved against (None for absolute dates)
    start: Day | None  # earliest possible day; None = open into the past
    end: Day | None  # latest possible day; None = open into the future
    precision: str  # one of PRECISIONS
    edtf: str  # Extended Date/Time Format, levels 0-1 ("2023-07", "2024-05-13/2024-05-16")
    rule: str  # name of the rule that matched ("weekday-on-or-before-anchor")
    explanation: str = ""  # how, in words ("the most recent Tuesday on or before Fri 17 May 2024")

    def as_json(self) -> dict[str, Any]:
        """Give the JSON form used by `timeline resolve --json`."""
        return {
            "text": self.text,
            "anchor": self.anchor.iso() if self.anchor else None,
            "start": self.start.iso() if self.start else None,
            "end": self.end.iso() if self.end else None,
            "precision": self.precision,
            "edtf": self.edtf,
            "rule": self.rule,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Pos:
    """Where a value stands in the file (1-based line and column)."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Source:
    """A publication that dates relative phrases."""

    id: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: Day | None = None  # the anchor for its phrases
    pos: Pos = Pos(0, 0)


@dataclass(frozen=True, slots=True)
class Claim:
    """One sourced statement of when an event happened."""

    when: str  # the phrase or date as written
    until: str | None = None  # end phrase, for spans
    source: str | None = None  # source id
    quote: str = ""
    anchor: str | None = None  # explicit anchor date, overrides the source's
    tense: str = "past"  # "future" for planned events
    pos: Pos = Pos(0, 0)  # of the claim
    when_pos: Pos = Pos(0, 0)
    until_pos: Pos = Pos(0, 0)


@dataclass(frozen=True, slots=True)
class Event:
    """An event as written in the log; `claims[0]` is its own when/until/source."""

    id: str
    title: str
    claims: tuple[Claim, ...]
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    notes: str = ""
    url: str = ""
    pos: Pos = Pos(0, 0)


@dataclass(frozen=True, slots=True)
class ClaimDates:
    """A claim with its phrases resolved."""

    claim: Claim
    when: ResolvedDate
    until: ResolvedDate | None


@dataclass(frozen=True, slots=True)
class Record:
    """An event with its dates reconciled: earliest start, latest end, and what is certain between."""

    event: Event
    start: Day | None  # earliest possible first day
    end: Day | None  # latest possible last day
    start_latest: Day | None  # latest possible first day (start uncertain when != start)
    end_earliest: Day | None  # earliest possible last day
    precision: str
    kind: str  # "point" or "span"
    edtf: str
    dates: tuple[ClaimDates, ...] = field(default=())  # every claim, resolved

    @property
    def id(self) -> str:
        return self.event.id
