"""Rows and instants: a `--from`/`--to` timestamp, rows cut at an instant, and rows' times shown in another zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, UTC
from typing import Any

from ..errors import PhraseError, UsageError


def instant_of(text: str | None, name: str) -> tuple[str | None, datetime | None]:
    """Give (the day to pass on as text, the instant) of a range side: a timestamp is its day and its instant;
    anything else passes through unchanged. UsageError names the option when the timestamp is wrong."""
    if text is None or not any(c.isdigit() for c in text) or not any(c in text for c in ":.") \
            or not text.strip()[:1].isdigit():
        return text, None
    from ..dates.times import parse_instant

    try:
        day, instant, _ = parse_instant(text)
    except (ValueError, PhraseError) as exc:
        raise UsageError(f"{name}: {exc.message if isinstance(exc, PhraseError) else exc}") from None
    return day.iso(), instant


def _seconds(text: str, like: datetime) -> float:
    """Give an instant's seconds; a time without a zone is read in the zone of `like` (or as UTC)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=like.tzinfo or UTC)
    return moment.timestamp()


def _limit(instant: datetime) -> float:
    return (instant if instant.tzinfo else instant.replace(tzinfo=UTC)).timestamp()


def after_instant(row: dict[str, Any], instant: datetime, within: bool) -> bool:
    """Give whether a row may lie (or, `within`, certainly lies) at or after `instant`: rows without times are
    kept, being known only by the day."""
    side = row.get("start_at") if within else (row.get("end_at") or row.get("start_at"))
    return side is None or _seconds(side, instant) >= _limit(instant)


def before_instant(row: dict[str, Any], instant: datetime, within: bool) -> bool:
    """Give whether a row may lie (or, `within`, certainly lies) at or before `instant`."""
    side = (row.get("end_at") or row.get("start_at")) if within else row.get("start_at")
    return side is None or _seconds(side, instant) <= _limit(instant)


def in_zone(rows: Sequence[dict[str, Any]], zone: str) -> list[dict[str, Any]]:
    """Give rows with their times shown in `zone` (`start_at`, `end_at` and `zone` rewritten; days unchanged)."""
    from ..dates.times import _tz, iso, zone_named

    try:
        name = zone_named(zone)[0]
    except PhraseError as exc:
        raise UsageError(f"{{how}}: {exc.message}", how="tz-option") from None
    tz = _tz(name)
    shown = []
    for row in rows:
        row = dict(row)
        for key in ("start_at", "end_at"):
            value = row.get(key)
            if value is not None:
                moment = datetime.fromisoformat(value)
                if moment.tzinfo is not None:
                    row[key] = iso(moment.astimezone(tz))
        if row.get("start_at") is not None and datetime.fromisoformat(row["start_at"]).tzinfo is not None:
            row["zone"] = name
            if row.get("kind") == "point":
                row["display"] = _display(row, name)
        shown.append(row)
    return shown


def _display(row: dict[str, Any], zone: str) -> str:
    """Give a timed point's display date as seen in `zone` ("Sat 18 May 2024, 12:39 a.m. ET")."""
    from ..calendar import Day
    from .words import day_words, time_words

    start = datetime.fromisoformat(row["start_at"])
    rule = str(row.get("rule") or "")
    marker = rule.rfind("daypart-")
    part = rule[marker + 8:].split(" ")[0].replace("-", " ") if marker >= 0 else None
    day = Day.of(start.year, start.month, start.day)
    return f"{day_words(day)}, {time_words(row['start_at'], row.get('end_at'), zone, part)}"
