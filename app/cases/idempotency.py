"""Idempotency-Key handling: a retry with the same key and body gets the first answer back."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.core.db import driver_sql, fetch_all, fetch_one
from app.core.errors import Conflict, InvalidInput


class IdempotencyKeyReused(Conflict):
    """The same Idempotency-Key was sent with a different request body."""

    code = "idempotency_key_reused"
    message = "同一个 Idempotency-Key 已用于内容不同的请求"


def request_fingerprint(body: Any) -> str:
    """Return the SHA-256 of a request body in canonical JSON."""
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# Driver-level statements (every report with a key runs both): the key's lock, then the record.
_LOCK_SQL = driver_sql("SELECT pg_advisory_xact_lock(hashtextextended(:s || '|' || :k, 0))")
_FIND_SQL = driver_sql(
    "SELECT request_hash, status_code, response FROM dispatch_idempotency"
    " WHERE key = :k AND scope = :s"
)
_STORE_SQL = driver_sql(
    "INSERT INTO dispatch_idempotency (key, scope, request_hash, status_code, response, created_at)"
    " VALUES (:k, :s, :h, :st, CAST(:r AS jsonb), :at)"
)


def replay(session: Session, key: str, scope: str, fingerprint: str) -> tuple[int, Any] | None:
    """Lock the key for this transaction; return the stored (status, body) of a previous success.

    Two statements: the lock first, so the record is read in a snapshot taken after the lock
    was granted (a concurrent first request with the same key has committed by then).
    """
    if not 1 <= len(key) <= 200:
        raise InvalidInput("Idempotency-Key 长度应为 1–200 个字符", field="Idempotency-Key")
    fetch_one(session, _LOCK_SQL, {"s": scope, "k": key})
    rec = fetch_one(session, _FIND_SQL, {"s": scope, "k": key})
    if rec is None:
        return None
    if rec.request_hash != fingerprint:
        raise IdempotencyKeyReused(key=key)
    return rec.status_code, rec.response


def remember(
    session: Session, key: str, scope: str, fingerprint: str, status: int, body: Any, now: datetime
) -> None:
    """Store the answer of a successful request under its key (same transaction as the work).

    `body` is JSON-ready (`app.core.clock.normalize_instants`).
    """
    fetch_all(
        session,
        _STORE_SQL,
        {
            "k": key,
            "s": scope,
            "h": fingerprint,
            "st": status,
            "r": orjson.dumps(body).decode(),
            "at": now,
        },
    )
