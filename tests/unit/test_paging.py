"""The opaque cursor codec shared by the work queues and the inspector's sync (pure)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.cases.paging import aware_time, decode_cursor, encode_cursor
from app.channels.mobile.service import Cursor
from app.core.errors import InvalidInput

AT = datetime(2026, 11, 21, 8, 30, tzinfo=timezone(timedelta(hours=8)))


def test_round_trip_writes_times_as_iso_8601() -> None:
    token = encode_cursor({"t": AT, "k": [AT, 42]})
    assert "=" not in token
    assert decode_cursor(token) == {"t": AT.isoformat(), "k": [AT.isoformat(), 42]}
    assert aware_time(decode_cursor(token)["t"]) == AT


@pytest.mark.parametrize("token", ["garbage!", "x" * 7, base64.urlsafe_b64encode(b"{").decode()])
def test_a_token_that_is_not_a_cursor_raises_value_error(token: str) -> None:
    with pytest.raises(ValueError):
        decode_cursor(token)


@pytest.mark.parametrize("value", [None, 5, "2026-11-21T08:30:00", "not a time"])
def test_aware_time_refuses_anything_but_an_aware_iso_time(value: object) -> None:
    with pytest.raises(ValueError):
        aware_time(value)


def test_mobile_cursor_round_trip_and_bad_cursor() -> None:
    pos = Cursor(AT.astimezone(UTC), 7)
    assert Cursor.decode(pos.encode()) == pos
    naive = encode_cursor([AT.replace(tzinfo=None), 7])
    for bad in ("garbage!", naive, encode_cursor({"a": 1})):
        with pytest.raises(InvalidInput):
            Cursor.decode(bad)
