"""Login throttling (登录限制): per-account and per-address lockouts, counted in PostgreSQL.

Every failed password counts against the username and against the client address, in one
upsert per key (atomic across API processes). A key that reaches its limit within the window
(`XIUHUA_LOGIN_*` settings) is locked: every login for that username, or from that address,
answers 429 with `Retry-After` — the password is not even checked — until the lock ends. Each
further lockout of the same key lasts twice as long, up to the maximum. A success clears the
account's counter (never the address's: one good password must not launder a spraying address).
Lockouts and unlocks are identity events (`account_event`); an admin can unlock early.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, or_, select, text
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.core.errors import InvalidInput, RateLimited
from app.identity.models import AccountEvent, LoginThrottle, User

KINDS = {"account": "账号", "ip": "客户端地址"}


class LoginLocked(RateLimited):
    """Too many failed logins for this account or from this address: wait, or ask an admin."""

    code = "login_locked"
    message = "登录失败次数过多，暂时锁定"


@dataclass(frozen=True, slots=True)
class Lock:
    """A current lock: which key, until when."""

    kind: str
    key: str
    locked_until: datetime

    def retry_after(self, now: datetime) -> int:
        """Return whole seconds until the lock ends (at least 1)."""
        return max(1, math.ceil((self.locked_until - now).total_seconds()))


def account_key(username: str) -> str:
    """Return the throttling key of a username (case-insensitive: no bypass by case)."""
    return username.strip().lower()[:64]


def _keys(username: str, ip: str | None) -> list[tuple[str, str]]:
    keys = [("account", account_key(username))]
    if ip:
        keys.append(("ip", ip[:64]))
    return keys


def current_lock(session: Session, username: str, ip: str | None, now: datetime) -> Lock | None:
    """Return the longest running lock on this username or address, if any."""
    wanted = or_(
        *(and_(LoginThrottle.kind == k, LoginThrottle.key == v) for k, v in _keys(username, ip))
    )
    locks = [
        Lock(row.kind, row.key, row.locked_until)
        for row in session.scalars(
            select(LoginThrottle).where(LoginThrottle.locked_until > now, wanted)
        )
        if row.locked_until is not None
    ]
    return max(locks, key=lambda lock: lock.locked_until) if locks else None


def locked_error(lock: Lock, now: datetime) -> LoginLocked:
    """Return the 429 answer for a lock (with its Retry-After in seconds)."""
    wait = lock.retry_after(now)
    minutes = max(1, math.ceil(wait / 60))
    return LoginLocked(
        f"登录失败次数过多，该{KINDS[lock.kind]}已暂时锁定，请 {minutes} 分钟后再试，"
        "或请系统管理员解锁",
        retry_after_s=wait,
        kind=lock.kind,
    )


def record_failure(session: Session, username: str, ip: str | None, now: datetime) -> Lock | None:
    """Count a failed login against the username and the address; return a lock it starts."""
    s = get_settings()
    window = timedelta(seconds=s.login_failure_window_s)
    limits = {"account": s.login_account_max_failures, "ip": s.login_ip_max_failures}
    started: Lock | None = None
    for kind, key in _keys(username, ip):
        row = session.execute(
            text(
                "INSERT INTO account_login_throttle (kind, key, failures, window_start, lockouts)"
                " VALUES (:kind, :key, 1, :now, 0)"
                " ON CONFLICT (kind, key) DO UPDATE SET"
                "  failures = CASE WHEN account_login_throttle.window_start < :since"
                "   THEN 1 ELSE account_login_throttle.failures + 1 END,"
                "  window_start = CASE WHEN account_login_throttle.window_start < :since"
                "   THEN :now ELSE account_login_throttle.window_start END"
                " RETURNING failures, lockouts"
            ),
            {"kind": kind, "key": key, "now": now, "since": now - window},
        ).one()
        if row.failures < limits[kind]:
            continue
        seconds = min(s.login_lockout_s * 2 ** min(row.lockouts, 20), s.login_lockout_max_s)
        until = now + timedelta(seconds=seconds)
        session.execute(
            text(
                "UPDATE account_login_throttle SET locked_until = :until,"
                " lockouts = lockouts + 1, failures = 0, window_start = :now"
                " WHERE kind = :kind AND key = :key"
            ),
            {"until": until, "now": now, "kind": kind, "key": key},
        )
        _event(
            session,
            "login_locked",
            now,
            username=username if kind == "account" else None,
            ip=ip,
            detail={"kind": kind, "key": key, "seconds": seconds, "failures": row.failures},
        )
        if started is None or until > started.locked_until:
            started = Lock(kind, key, until)
    # forget counters that have gone quiet (window over, no running lock)
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.window_start < now - window * 4,
            (LoginThrottle.locked_until.is_(None)) | (LoginThrottle.locked_until < now),
        )
    )
    return started


def record_success(session: Session, username: str) -> None:
    """Clear the account's failure count after a correct password (the lockout history stays)."""
    session.execute(
        text(
            "UPDATE account_login_throttle SET failures = 0 WHERE kind = 'account' AND key = :key"
        ),
        {"key": account_key(username)},
    )


def list_locks(session: Session, now: datetime) -> list[dict[str, Any]]:
    """Return the running locks, the longest first."""
    rows = session.scalars(
        select(LoginThrottle)
        .where(LoginThrottle.locked_until > now)
        .order_by(LoginThrottle.locked_until.desc(), LoginThrottle.kind, LoginThrottle.key)
    )
    return [
        {
            "kind": r.kind,
            "kind_label": KINDS[r.kind],
            "key": r.key,
            "locked_until": r.locked_until,
            "lockouts": r.lockouts,
        }
        for r in rows
    ]


def unlock(
    session: Session,
    *,
    username: str | None,
    ip: str | None,
    actor_id: int | None,
    now: datetime,
) -> int:
    """End the locks (and counts) of a username and/or an address; return how many were locked.

    The unlock is an identity event with the admin who made it.
    """
    if not username and not ip:
        raise InvalidInput("请指定要解锁的用户名或客户端地址", field="username")
    keys = []
    if username:
        keys.append(("account", account_key(username)))
    if ip:
        keys.append(("ip", ip.strip()[:64]))
    released = 0
    for kind, key in keys:
        row = session.get(LoginThrottle, (kind, key))
        if row is None:
            continue
        released += int(row.locked_until is not None and row.locked_until > now)
        row.locked_until, row.failures, row.lockouts = None, 0, 0
    _event(
        session,
        "login_unlocked",
        now,
        username=username,
        ip=ip,
        actor_id=actor_id,
        detail={"released": released},
    )
    session.flush()
    return released


def _event(
    session: Session,
    kind: str,
    now: datetime,
    *,
    username: str | None = None,
    ip: str | None = None,
    actor_id: int | None = None,
    user_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    if user_id is None and username:
        user_id = session.scalar(select(User.id).where(User.username == username))
    session.add(
        AccountEvent(
            at=now,
            kind=kind,
            username=username,
            user_id=user_id,
            ip=ip,
            actor_id=actor_id,
            detail=detail or {},
        )
    )


def record_event(
    session: Session,
    kind: str,
    now: datetime,
    *,
    user_id: int | None,
    detail: dict[str, Any],
    actor_id: int | None = None,
) -> None:
    """Append an identity or administration event (refresh-token reuse, a calendar load…)."""
    _event(session, kind, now, user_id=user_id, detail=detail, actor_id=actor_id)


def events(session: Session, limit: int = 100) -> list[dict[str, Any]]:
    """Return the latest identity events, newest first."""
    rows = session.scalars(select(AccountEvent).order_by(AccountEvent.id.desc()).limit(limit))
    return [
        {
            "id": e.id,
            "at": e.at,
            "kind": e.kind,
            "username": e.username,
            "user_id": e.user_id,
            "ip": e.ip,
            "actor_id": e.actor_id,
            "detail": e.detail,
        }
        for e in rows
    ]
