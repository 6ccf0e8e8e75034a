"""Idempotency-Key handling: a retry with the same key and body gets the first answer back."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.core.db import (
    UNIQUE_VIOLATION,
    driver_sql,
    each_statement_commits,
    fetch_all,
    fetch_one,
    sqlstate,
)
from app.core.errors import Conflict, InvalidInput


class IdempotencyKeyReused(Conflict):
    """The same Idempotency-Key was sent with a different request body."""

    code = "idempotency_key_reused"
    message = "同一个 Idempotency-Key 已用于内容不同的请求"


def request_fingerprint(body: Any) -> str:
    """Return the SHA-256 of a request body in canonical JSON."""
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# Driver-level statements. The replay takes the keys' locks (in key order), then reads their
# records in a snapshot taken after the locks were granted, in one round trip (the function of
# migration 3f6b1d9e8c27: a VOLATILE PL/pgSQL function gives each of its statements a new snapshot).
_REPLAY_SQL = driver_sql(
    "SELECT key, request_hash, status_code, response"
    " FROM dispatch_idempotency_replay(:s, CAST(:ks AS text[]))"
)
_STORE_SQL = driver_sql(
    "INSERT INTO dispatch_idempotency (key, scope, request_hash, status_code, response, created_at)"
    " VALUES (:k, :s, :h, :st, CAST(:r AS jsonb), :at)"
)


_STORE_MANY_SQL = driver_sql(
    "INSERT INTO dispatch_idempotency (key, scope, request_hash, status_code, response, created_at)"
    " SELECT t.key, :s, t.h, t.st, t.r, :at"
    " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t(key text, h text, st int, r jsonb)"
)


@dataclass(frozen=True, slots=True)
class Remember:
    """Where a request's answer is stored: its key, scope, body fingerprint and status."""

    key: str
    scope: str
    fingerprint: str
    status: int


# The records of new cases, inserted by the statement that inserts the cases (app.cases.writes):
# `:idem` holds (case_id, key, scope, h, st, r, at); the answer `r` gets the case number drawn by
# that statement (its CTE `nos`: id → case_no) written into its top-level `case_no`.
STORE_FOR_NEW_CASES_SQL = """
INSERT INTO dispatch_idempotency (key, scope, request_hash, status_code, response, created_at)
SELECT t.key, t.scope, t.h, t.st, jsonb_set(t.r, '{case_no}', to_jsonb(nos.case_no)), t.at
FROM jsonb_to_recordset(CAST(:idem AS jsonb))
    AS t(case_id bigint, key text, scope text, h text, st int, r jsonb, at timestamptz)
JOIN nos ON nos.id = t.case_id
"""


def check_key(key: str) -> None:
    """Refuse an Idempotency-Key that is empty or longer than 200 characters."""
    if not 1 <= len(key) <= 200:
        raise InvalidInput("Idempotency-Key 长度应为 1–200 个字符", field="Idempotency-Key")


def replay_many(session: Session, keys: Sequence[str], scope: str) -> dict[str, tuple[str, Any]]:
    """Lock many keys (in key order: no deadlock between batches); return key → (hash, body).

    As `replay`, in one statement for all keys; the caller compares the fingerprints.
    """
    if not keys:
        return {}
    rows = fetch_all(session, _REPLAY_SQL, {"s": scope, "ks": sorted(set(keys))})
    return {r.key: (r.request_hash, r.response) for r in rows}


def remember_many(
    session: Session, scope: str, records: Sequence[tuple[str, str, int, Any]], now: datetime
) -> None:
    """Store many (key, fingerprint, status, JSON-ready body) records in one statement."""
    if records:
        rows = [{"key": k, "h": h, "st": st, "r": body} for k, h, st, body in records]
        fetch_all(
            session, _STORE_MANY_SQL, {"s": scope, "rows": orjson.dumps(rows).decode(), "at": now}
        )


def store(session: Session, where: Remember, body: Any, now: datetime) -> None:
    """Store a JSON-ready answer where `claim`/`Remember` says (as `remember`)."""
    remember(session, where.key, where.scope, where.fingerprint, where.status, body, now)


def replay(session: Session, key: str, scope: str, fingerprint: str) -> tuple[int, Any] | None:
    """Lock the key for this transaction; return the stored (status, body) of a previous success.

    One round trip: the lock first, then the record read in a snapshot taken after the lock was
    granted (a concurrent first request with the same key has committed by then).
    """
    check_key(key)
    rec = fetch_one(session, _REPLAY_SQL, {"s": scope, "ks": [key]})
    if rec is None:
        return None
    if rec.request_hash != fingerprint:
        raise IdempotencyKeyReused(key=key)
    return rec.status_code, rec.response


def lost_race(session: Session, exc: BaseException) -> bool:
    """Whether `exc` is a request's record insert finding its key stored meanwhile.

    Only on a session whose statements commit one by one (`core.db.loop_engine(statements=True)`):
    there a key's lock would end with its own statement, so the report does not look its key
    up first (`app.api.cases.report_once`); a retry of a stored report, or one racing its first
    request, gets as far as its insert (which stores the record), hits the record's primary key
    and writes nothing. Read the record (`replay`) and answer that.
    """
    return sqlstate(exc) == UNIQUE_VIOLATION and each_statement_commits(session)


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
