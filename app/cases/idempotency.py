"""Idempotency-Key handling: a retry with the same key and body gets the first answer back."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.models import IdempotencyRecord
from app.core.errors import Conflict, InvalidInput


class IdempotencyKeyReused(Conflict):
    """The same Idempotency-Key was sent with a different request body."""

    code = "idempotency_key_reused"
    message = "同一个 Idempotency-Key 已用于内容不同的请求"


def request_fingerprint(body: Any) -> str:
    """Return the SHA-256 of a request body in canonical JSON."""
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def replay(session: Session, key: str, scope: str, fingerprint: str) -> tuple[int, Any] | None:
    """Lock the key for this transaction; return the stored (status, body) of a previous success."""
    if not 1 <= len(key) <= 200:
        raise InvalidInput("Idempotency-Key 长度应为 1–200 个字符", field="Idempotency-Key")
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:s || '|' || :k, 0))"),
        {"s": scope, "k": key},
    )
    rec = session.get(IdempotencyRecord, (key, scope))
    if rec is None:
        return None
    if rec.request_hash != fingerprint:
        raise IdempotencyKeyReused(key=key)
    return rec.status_code, rec.response


def remember(
    session: Session, key: str, scope: str, fingerprint: str, status: int, body: Any, now: datetime
) -> None:
    """Store the answer of a successful request under its key (same transaction as the work)."""
    session.add(
        IdempotencyRecord(
            key=key,
            scope=scope,
            request_hash=fingerprint,
            status_code=status,
            response=body,
            created_at=now,
        )
    )
    session.flush()
