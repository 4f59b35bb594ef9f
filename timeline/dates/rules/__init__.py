"""The rule functions, by group; each registers itself in `match._RULES` under the names `vocabulary.PATTERNS` use.

`days`: vague references, days, weekdays, holidays, open ranges and neighbouring days. `periods`: n units ago and
spans, weeks and weekends, months, quarters, halves, seasons, years, decades, centuries, and narrowing ("early",
"late"). `bounds`: since, open bounds, ranges and alternatives.
Importing this package registers them all (the resolver does).
"""

from __future__ import annotations

from . import bounds, days, periods
from .bounds import two_sided
from .days import _vague

__all__ = ["_vague", "bounds", "days", "periods", "two_sided"]
