"""The records timeline passes around: small, immutable, each field said in a word or two.

Every stage reads and makes these and nothing else: the loader makes a `Log` of `Record`s, the renderers and
exporters read it. The records know no stage: `timeline.frame(log)`, `timeline.figure(log)` and
`timeline.query(log, ...)` are the stages' own functions (the `Log` methods of those names are shorthands that
look them up through the package face at call time, so this module imports no stage).
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal, get_args

from .calendar import Day
from .errors import LogError

if TYPE_CHECKING:
    import pandas
    import plotly.graph_objects

#: How precise a date is, finest first ("daypart": a part of a day, "Friday morning"). The last three are vague
#: references ("recently", "now", "in the future"): open-ended ranges before, at or after the anchor.
Precision = Literal["minute", "hour", "daypart", "day", "week", "month", "quarter", "season", "half", "year",
                    "decade", "century",
                    "past", "present", "future"]
PRECISIONS: tuple[Precision, ...] = get_args(Precision)
#: A record is one moment (however uncertain) or a stretch from a start to an end.
Kind = Literal["point", "span"]
#: Which way a phrase without its own direction looks from its anchor ("Tuesday" before or after it).
Tense = Literal["past", "future", "either"]
TENSES: tuple[Tense, ...] = get_args(Tense)
#: How a numeric date with slashes reads: day first (14/05/2024) or month first (05/14/2024); a log or a source
#: says which with `date_order:`, else such a date is refused as ambiguous.
DateOrder = Literal["DMY", "MDY"]
DATE_ORDERS: tuple[DateOrder, ...] = get_args(DateOrder)
#: What the chart's rows are: one per tag, per actor, per source or per event.
Lanes = Literal["tag", "actor", "source", "event"]
LANES: tuple[Lanes, ...] = get_args(Lanes)


from .limits import Limits as Limits  # noqa: E402  (its own module: a cached query needs no records)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects without reference cycles are made.

    A tree (and the records, rows and pages made from it) holds no reference cycles, so the collector finds
    nothing in it; left on, it would walk every node made so far about once per 700 new ones, which is most of
    the time spent building the tree of a large log. Used by the loader and by `build`.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """One phrase turned into bounds: the earliest and latest day it can mean."""

    text: str  # the phrase as written
    anchor: Day | None  # the day it was resolved against (None for absolute dates)
    start: Day | None  # earliest possible day; None = open into the past
    end: Day | None  # latest possible day; None = open into the future
    precision: Precision
    edtf: str  # Extended Date/Time Format, levels 0-1 ("2023-07", "2024-05-13/2024-05-16")
    rule: str  # name of the rule that matched ("weekday-on-or-before-anchor")
    explanation: str = ""  # how, in words ("the most recent Tuesday on or before Fri 17 May 2024")
    #: "point": one moment somewhere in [start, end]; "span": a stretch from start to end ("since March",
    #: "from March to May", "until Sunday"), either end None when open.
    kind: Kind = "point"
    start_at: str | None = None  # earliest instant, ISO 8601 with its offset, when a time of day is known
    end_at: str | None = None  # latest instant (the same as start_at for a clock time)
    zone: str | None = None  # the IANA zone or offset the time is in ("America/Los_Angeles", "+05:30")
    zone_why: str = ""  # where the zone came from, in words (the phrase's own, the source's, the log's)

    def as_json(self) -> dict[str, Any]:
        """Give the JSON form used by `timeline resolve --json` (`kind` only for a span, so points read as before)."""
        found = {
            "text": self.text,
            "anchor": self.anchor.iso() if self.anchor else None,
            "start": self.start.iso() if self.start else None,
            "end": self.end.iso() if self.end else None,
            "precision": self.precision,
            "edtf": self.edtf,
            "rule": self.rule,
            "explanation": self.explanation,
            "start_at": self.start_at,
            "end_at": self.end_at,
            "zone": self.zone,
        }
        if self.kind == "span":
            found["kind"] = "span"
        return found


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
    published: Day | None = None  # the anchor for its phrases (the day in its own zone)
    pos: Pos = Pos(0, 0)
    date_order: DateOrder | None = None  # how its slashed dates read: its own `date_order`, else the log's
    published_at: str | None = None  # the publication instant, ISO 8601, when `published` is a timestamp
    notes: str = ""  # free text about the source
    timezone: str | None = None  # the zone its times are in: its `timezone`, else its timestamp's


@dataclass(frozen=True, slots=True)
class Claim:
    """One sourced statement of when an event happened."""

    when: str  # the phrase or date as written
    until: str | None = None  # end phrase, for spans
    source: str | None = None  # source id
    quote: str = ""
    anchor: str | None = None  # explicit anchor date, overrides the source's
    tense: Tense = "past"  # "future" for planned events
    pos: Pos = Pos(0, 0)  # of the claim
    relative_to: str | None = None  # an event id: phrases are read against that event's reconciled dates
    duration: str | None = None  # `for:` as written ("34 years"): with `when`, gives the span's end
    relative_pos: Pos = Pos(0, 0)
    duration_pos: Pos = Pos(0, 0)
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
class AsOf:
    """A moment the log is read as of: only claims whose source was published by then count.

    `day` is the day as written (a timestamp's own day in its own offset); `moment` the timestamp, when one was
    given. A source known only to the day is compared by day, so "2024-05-17T08:00Z" counts every source of
    17 May; a source with a time of its own (`published_at`, when it has one) is compared by the moment."""

    day: Day
    moment: datetime.datetime | None = None  # aware; None when only a day was given

    def counts(self, published: Day | None, published_at: datetime.datetime | None = None) -> bool:
        """Give whether a source published on `published` (at `published_at`, if known) was out by then.

        A source with no publication date counts: nothing says it was not known."""
        if published is None:
            return True
        if published_at is not None and self.moment is not None and published == self.day:
            return published_at <= self.moment
        return published <= self.day

    def iso(self) -> str:
        """Give it as written back: the day, or the timestamp in ISO 8601."""
        return self.moment.isoformat() if self.moment is not None else self.day.iso()


@dataclass(frozen=True, slots=True)
class Record:
    """An event with its dates reconciled: earliest start, latest end, and what is certain between.

    When its claims cannot all be true the record is disputed: `conflicts` names each pair of claims that cannot
    both hold, and its bounds are then what any of its claims allows (their hull), so no query hides it."""

    event: Event
    start: Day | None  # earliest possible first day
    end: Day | None  # latest possible last day
    start_latest: Day | None  # latest possible first day (start uncertain when != start)
    end_earliest: Day | None  # earliest possible last day
    precision: Precision
    kind: Kind
    edtf: str
    dates: tuple[ClaimDates, ...] = field(default=())  # every claim that counts, resolved
    conflicts: tuple[tuple[ClaimDates, ClaimDates], ...] = ()  # pairs of claims that cannot both be true
    start_at: str | None = None  # earliest instant (ISO 8601 with offset) when the start has a time of day
    end_at: str | None = None  # latest instant when the end has a time of day
    zone: str | None = None  # the zone of those instants
    # the source ids of the claims whose bound is the record's earliest start / latest end (several when they
    # agree, in claim order; empty when the bound is open or its claims cite no source)
    start_source: tuple[str, ...] = ()
    end_source: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def disputed(self) -> bool:
        """Give whether some of its claims cannot all be true."""
        return bool(self.conflicts)

    @property
    def own(self) -> ClaimDates:
        """Give the event's own claim (its own when/until/source), resolved: always the first."""
        return self.dates[0]


@dataclass(frozen=True, slots=True)
class Period:
    """A named stretch of time drawn behind the events (TimelineJS calls them eras)."""

    title: str
    when: ResolvedDate
    until: ResolvedDate | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Log:
    """A whole events log, checked and resolved; `records` are sorted by start, end, id."""

    path: str
    title: str
    description: str
    sources: Mapping[str, Source]
    events: tuple[Event, ...]
    records: tuple[Record, ...]
    periods: tuple[Period, ...] = ()
    as_of: AsOf | None = None  # what the log was read as of (None: everything)
    warnings: tuple[LogError, ...] = ()  # findings that do not stop it: claims that disagree
    date_order: DateOrder | None = None  # the log's own `date_order`
    timezone: str | None = None  # the log's default zone for times without one

    def record(self, event_id: str) -> Record:
        """Give the record of one event id, or LogError with a suggestion."""
        import difflib

        for rec in self.records:
            if rec.id == event_id:
                return rec
        close = difflib.get_close_matches(event_id, [r.id for r in self.records], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise LogError(f"no event with id '{event_id}'{hint}", path=self.path)

    def query(self, start: Day | None = None, end: Day | None = None, *, within: bool = False,
              tags: Iterable[str] = (), actors: Iterable[str] = (), sources: Iterable[str] = (),
              as_of: Any = None) -> list[Record]:
        """Give the records that may overlap [start, end] (or lie certainly inside it): `timeline.query(log)`."""
        return import_module("timeline").query(self, start, end, within=within, tags=tags, actors=actors,  # type: ignore[no-any-return]
                                               sources=sources, as_of=as_of)

    def frame(self, records: Sequence[Record] | None = None) -> pandas.DataFrame:
        """Give the records as a pandas DataFrame: `timeline.frame(log)`."""
        return import_module("timeline").frame(self, records)

    def figure(self, **options: Any) -> plotly.graph_objects.Figure:
        """Give the Plotly timeline figure of this log (shown inline in Jupyter): `timeline.figure(log)`."""
        return import_module("timeline").figure(self, **options)
