"""The one source of "now": always timezone-aware."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo


def now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


# --- the one wire format of instants ------------------------------------------------------------
# Every instant an answer carries is written in the deployment's time zone with its offset
# (`2026-03-02T09:00:00+08:00`): the zone is the setting XIUHUA_CALENDAR_TIMEZONE, the same that
# decides working days, report dates and Open311's dates. Naive values are taken as UTC.

_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})"
)


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def wire_zone() -> ZoneInfo:
    """Return the time zone instants are written in (the deployment zone)."""
    from app.core.config import get_settings

    return _zone(get_settings().calendar_timezone)


def to_wire(value: datetime) -> str:
    """Return an instant as ISO 8601 in the deployment zone, with its offset."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(wire_zone()).isoformat()


def normalize_instants(value: Any) -> Any:
    """Return JSON-ready data with every datetime and ISO-8601 instant string in the wire format.

    Dates (no time) and other strings are left as they are; nested dicts and lists are walked.
    """
    if isinstance(value, str):
        # cheap pre-check before the regex: 'YYYY-MM-DDTHH:MM…' with an offset or Z
        if (
            16 < len(value) <= 40
            and value[4:5] == "-"
            and value[10:11] in ("T", " ")
            and _INSTANT.fullmatch(value)
        ):
            try:
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return value
            return to_wire(parsed)
        return value
    if isinstance(value, dict):
        return {k: normalize_instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize_instants(v) for v in value]
    if isinstance(value, datetime):
        return to_wire(value)
    return value
