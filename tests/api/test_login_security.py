"""Login throttling and refresh-token rotation.

Regressions: 50 wrong passwords for one user gave 50 × 401 and then the right one worked; one
password tried across 30 usernames was not slowed; a refresh token could be exchanged again and
again, so a stolen copy lived as long as the real one.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.config import get_settings
from app.identity.service import UserInput, create_user
from tests.support.api import err

ADMIN = {"X-Xiuhua-Role": "admin", "X-Xiuhua-User": "1"}
PASSWORD = "right-password-1"
TOKEN = "/api/v1/auth/token"


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> Any:
    s = get_settings()
    monkeypatch.setattr(s, "login_account_max_failures", 5)
    monkeypatch.setattr(s, "login_ip_max_failures", 12)
    monkeypatch.setattr(s, "login_lockout_s", 60)
    monkeypatch.setattr(s, "login_lockout_max_s", 600)
    return s


def _user(db_session: Session, name: str = "throttled") -> int:
    db_session.execute(text("SELECT setval(pg_get_serial_sequence('account_user', 'id'), 900000)"))
    db_session.execute(text("DELETE FROM account_login_throttle"))
    user = create_user(
        db_session,
        UserInput(name, "operator", password=PASSWORD, districts=["370303"]),
        now(),
    )
    return user.id


def _login(client: Any, username: str, password: str) -> Any:
    return client.post(TOKEN, data={"username": username, "password": password})


def test_an_account_is_locked_after_repeated_failures(
    client: Any, db_session: Session, limits: Any
) -> None:
    _user(db_session)
    for _ in range(4):
        err(_login(client, "throttled", "wrong-password"), 401, "unauthenticated")
    locked = _login(client, "throttled", "wrong-password")  # the 5th failure starts the lock
    e = err(locked, 429, "login_locked")
    assert 1 <= int(locked.headers["Retry-After"]) <= 60 and "管理员" in e["message"]
    r = _login(client, "throttled", PASSWORD)  # even the right password waits
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert _login(client, "THROTTLED", PASSWORD).status_code == 429  # no bypass by case
    locks = client.get("/api/v1/admin/login-locks", headers=ADMIN).json()
    assert [(x["kind"], x["key"]) for x in locks] == [("account", "throttled")]
    # the admin unlocks; the lockout and the unlock are identity events
    r = client.post(
        "/api/v1/admin/login-locks/unlock", json={"username": "throttled"}, headers=ADMIN
    )
    assert r.status_code == 200 and r.json() == {"released": 1}
    assert _login(client, "throttled", PASSWORD).status_code == 200
    kinds = [e["kind"] for e in client.get("/api/v1/admin/account-events", headers=ADMIN).json()]
    assert kinds[:2] == ["login_unlocked", "login_locked"]
    err(
        client.post("/api/v1/admin/login-locks/unlock", json={}, headers=ADMIN),
        422,
        "invalid_input",
    )


def test_each_further_lockout_lasts_twice_as_long(
    client: Any, db_session: Session, limits: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "login_ip_max_failures", 1000)  # only the account counts here
    _user(db_session)
    seconds = []
    for _ in range(3):
        for _ in range(5):
            _login(client, "throttled", "wrong-password")
        row = db_session.execute(
            text(
                "SELECT detail FROM account_event WHERE kind = 'login_locked'"
                " AND detail->>'kind' = 'account' ORDER BY id DESC LIMIT 1"
            )
        ).scalar_one()
        seconds.append(row["seconds"])
        db_session.execute(  # the lock runs out
            text("UPDATE account_login_throttle SET locked_until = now() - interval '1 second'")
        )
    assert seconds == [60, 120, 240]


def test_one_address_spraying_many_usernames_is_locked(
    client: Any, db_session: Session, limits: Any
) -> None:
    _user(db_session)
    answers = [_login(client, f"guess{i}", "Password123").status_code for i in range(12)]
    assert answers[:11] == [401] * 11 and answers[11] == 429
    r = _login(client, "throttled", PASSWORD)  # a real account, from the same address
    assert r.status_code == 429 and "客户端地址" in r.json()["message"]
    assert int(r.headers["Retry-After"]) > 0


def test_refresh_tokens_rotate_and_reuse_revokes_the_family(
    client: Any, db_session: Session, limits: Any
) -> None:
    _user(db_session)
    first = _login(client, "throttled", PASSWORD).json()
    other = _login(client, "throttled", PASSWORD).json()  # another device: its own family

    def refresh(token: str) -> Any:
        return client.post("/api/v1/auth/refresh", json={"refresh_token": token})

    second = refresh(first["refresh_token"])
    assert second.status_code == 200, second.text
    third = refresh(second.json()["refresh_token"])
    assert third.status_code == 200
    assert third.json()["refresh_token"] not in (
        first["refresh_token"],
        second.json()["refresh_token"],
    )
    # the first token comes back (a stolen copy): refused, and the whole family is revoked
    e = err(refresh(first["refresh_token"]), 401, "refresh_token_reused")
    assert "重新登录" in e["message"]
    err(refresh(third.json()["refresh_token"]), 401, "unauthenticated")
    assert refresh(other["refresh_token"]).status_code == 200  # the other login is untouched
    events = client.get("/api/v1/admin/account-events", headers=ADMIN).json()
    assert events[0]["kind"] == "refresh_token_reused" and events[0]["detail"]["revoked"] >= 1
