"""What to draw of a log, decided once: the one record every renderer of `build` and the chart receives.

Black threads one `Mode` through every stage instead of loose options; `View` is that record here. It is made and
checked once (`View.of`, by the CLI or by `build`, `chart_spec` and `figure` for library callers), then passed
down whole: build -> outputs -> the page -> the chart. The flat rows of its records (`View.rows`, for the
reports and the page's table) are derived from it on first use and then shared, so one representation of the
events travels, not records and rows side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .rows import rows_of
from ..errors import UsageError
from ..model import LANES, Lanes, Record, Source

if TYPE_CHECKING:
    from ..model import Log


@dataclass(frozen=True)
class View:
    """A log's records to draw, in order, how the chart groups them, and whether sources' dates are drawn.

    Not slotted: `rows` is remembered in the instance's dictionary (`cached_property`)."""

    records: tuple[Record, ...]
    lanes: Lanes = "tag"  # one of model.LANES: the chart's rows by first tag, actor, source, or one per event
    show_sources: bool = True  # draw each source's publication date as a dotted line
    sources: Mapping[str, Source] = field(default_factory=dict, repr=False, compare=False)  # for the rows

    def __post_init__(self) -> None:
        if self.lanes not in LANES:
            raise UsageError(f"lanes must be one of {', '.join(LANES)}, not '{self.lanes}'")

    @classmethod
    def of(cls, log: Log, *, records: Sequence[Record] | None = None, lanes: str = "tag",
           show_sources: bool = True) -> View:
        """Give the view of a log's records (all, or those given); UsageError for lanes not in model.LANES."""
        chosen = tuple(log.records if records is None else records)
        return cls(chosen, lanes, show_sources, log.sources)  # type: ignore[arg-type]  # checked on creation

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """Give the flat rows of the records (`rows.rows_of`), made once for the reports and the page."""
        return rows_of(self.records, self.sources)
