"""A bearer token's signature is checked once per token and key (cached); everything that can
change is checked on every request: a token altered by one character, signed with another key,
after the key is rotated, or expired, is refused each time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from app.core.config import get_settings
from app.core.errors import Unauthenticated
from app.identity.service import JWT_ALGORITHM, _valid_claims

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
KEY_A = "token-key-a-" + "a" * 40
KEY_B = "token-key-b-" + "b" * 40


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setenv("XIUHUA_JWT_SECRET", KEY_A)
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


def _token(secret: str, exp: datetime) -> str:
    claims = {"sub": "7", "ver": 0, "typ": "access", "iat": int(NOW.timestamp())}
    return jwt.encode(claims | {"exp": int(exp.timestamp())}, secret, algorithm=JWT_ALGORITHM)


def test_checks_that_can_change_are_made_on_every_request(key: pytest.MonkeyPatch) -> None:
    good = _token(KEY_A, NOW + timedelta(minutes=30))
    for _ in range(2):  # the second time from the cache
        assert _valid_claims(good, "access", NOW)["sub"] == "7"
    tampered = good[:-2] + ("A" if good[-2] != "A" else "B") + good[-1]
    for bad in (tampered, _token(KEY_B, NOW + timedelta(minutes=30))):
        for _ in range(2):
            with pytest.raises(Unauthenticated):
                _valid_claims(bad, "access", NOW)
    with pytest.raises(Unauthenticated):
        _valid_claims(good, "refresh", NOW)  # the type, from the cached claims
    with pytest.raises(Unauthenticated):
        _valid_claims(good, "access", NOW + timedelta(minutes=31))  # expired since
    key.setenv("XIUHUA_JWT_SECRET", KEY_B)  # the key rotated: the cached check does not hold
    get_settings.cache_clear()
    with pytest.raises(Unauthenticated):
        _valid_claims(good, "access", NOW)
