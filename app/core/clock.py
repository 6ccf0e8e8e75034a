"""The one source of "now": always timezone-aware."""

from __future__ import annotations

import re
from dataclasses import asdict, is_dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from types import GeneratorType
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel


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

    One walk over the answer, in place of an encoder pass and a normalising pass: dicts, lists,
    tuples and sets are walked; datetimes and instant strings go to the wire format; dates,
    times, decimals (int when integral, else float), enums, UUIDs, Pydantic models and
    dataclasses are encoded as FastAPI's `jsonable_encoder` would; other strings, numbers,
    booleans and None are left as they are.
    """
    kind = type(value)
    if kind is str:
        return _wire_string(value)
    if kind is dict:
        return {
            k if type(k) is str else str(normalize_instants(k)): normalize_instants(v)
            for k, v in value.items()
        }
    if kind is list or kind is tuple:
        return [normalize_instants(v) for v in value]
    if kind is int or kind is float or kind is bool or value is None:
        return value
    return _other(value)


def _wire_string(value: str) -> str:
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


def _other(value: Any) -> Any:
    """Encode the less common types (subclasses of the plain ones included)."""
    if isinstance(value, datetime):
        return to_wire(value)
    if isinstance(value, Enum):
        return normalize_instants(value.value)
    if isinstance(value, str):
        return _wire_string(value)
    if isinstance(value, (int, float)):  # bool is an int
        return value
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return normalize_instants(dict(value))
    if isinstance(value, (list, tuple, set, frozenset, GeneratorType)):
        return [normalize_instants(v) for v in value]
    if isinstance(value, BaseModel):
        return normalize_instants(value.model_dump(mode="json"))
    if is_dataclass(value) and not isinstance(value, type):
        return normalize_instants(asdict(value))
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")
