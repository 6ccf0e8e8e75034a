"""Opaque keyset cursors: one text form (unpadded URL-safe base64 of compact JSON) for every list.

What a cursor holds and which error a bad one raises stay with each list (`app.queues`,
`app.channels.mobile.service`); this module only turns a JSON value into a token and back.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def encode_cursor(body: Any) -> str:
    """Return `body` (JSON values and datetimes, written as ISO 8601) as an opaque cursor token."""
    raw = json.dumps(body, separators=(",", ":"), default=_iso).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(token: str) -> Any:
    """Return the JSON value of a token made by `encode_cursor`; raise ValueError for anything else."""
    return json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))


def aware_time(value: Any) -> datetime:
    """Return an ISO 8601 text with a UTC offset as an aware datetime; raise ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError("not a time")
    parsed = datetime.fromisoformat(value)
    if parsed.utcoffset() is None:
        raise ValueError("naive time")
    return parsed
