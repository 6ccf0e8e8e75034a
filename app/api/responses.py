"""Shared JSON responses for routers: plain (`respond`) and idempotent (`once`, Idempotency-Key).

`ApiJSONResponse` is the application's default response class: every instant in an answer is
written in one convention (the deployment zone with its offset, `app.core.clock.to_wire`),
whether it came from a Pydantic model, a dict, a stored payload or an error detail.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.cases import idempotency
from app.core.clock import normalize_instants


class ApiJSONResponse(JSONResponse):
    """JSON with every timestamp in the one wire format (see module docstring)."""

    def render(self, content: Any) -> bytes:
        """Render `content` with its instants normalized (one walk, then orjson)."""
        return orjson.dumps(normalize_instants(content))


class GeoJSONResponse(ApiJSONResponse):
    """A GeoJSON answer (RFC 7946): `application/geo+json`."""

    media_type = "application/geo+json"


class _ReadyJSONResponse(ApiJSONResponse):
    """JSON of a body `normalize_instants` already walked (an answer also stored for retries)."""

    def render(self, content: Any) -> bytes:
        """Render `content` as it is."""
        return orjson.dumps(content)


def respond(status: int, body: Any, *, normalized: bool = False) -> JSONResponse:
    """Return `body` as JSON (datetimes, decimals encoded) with `status`.

    `normalized`: `body` is what `normalize_instants` returned (not walked a second time).
    """
    return (_ReadyJSONResponse if normalized else ApiJSONResponse)(body, status_code=status)


def claim(
    session: Session,
    key: str | None,
    scope: str,
    body: BaseModel | dict[str, Any],
    status: int,
    *,
    look_up: bool = True,
) -> tuple[JSONResponse | None, idempotency.Remember | None]:
    """Look an Idempotency-Key up (locked for this transaction).

    Returns the first answer of a retry with the same body, or else where this request's answer
    is to be stored (None, None without a key). A key reused with another body raises 409.
    `look_up=False`: only check the key and say where the answer goes; the caller's write finds
    a stored record instead, and answers it (`app.api.cases.report_once`).
    """
    if not key:
        return None, None
    content = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    fp = idempotency.request_fingerprint(content)
    if not look_up:
        idempotency.check_key(key)
        return None, idempotency.Remember(key, scope, fp, status)
    earlier = idempotency.replay(session, key, scope, fp)
    if earlier:
        return respond(*earlier), None
    return None, idempotency.Remember(key, scope, fp, status)


def once(
    session: Session,
    key: str | None,
    scope: str,
    body: BaseModel | dict[str, Any],
    status: int,
    produce: Callable[[], Any],
    now: datetime,
) -> JSONResponse:
    """Run `produce` once per Idempotency-Key: a retry with the same body gets the first answer."""
    earlier, remember = claim(session, key, scope, body, status)
    if earlier is not None:
        return earlier
    out = normalize_instants(produce())
    if remember is not None:
        idempotency.store(session, remember, out, now)
    return respond(status, out, normalized=True)
