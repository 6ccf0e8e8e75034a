"""Shared JSON responses for routers: plain (`respond`) and idempotent (`once`, Idempotency-Key)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.cases import idempotency
from app.core.clock import now as clock_now


def respond(status: int, body: Any) -> JSONResponse:
    """Return `body` as JSON (datetimes, decimals encoded) with `status`."""
    return JSONResponse(jsonable_encoder(body), status_code=status)


def once(
    session: Session,
    key: str | None,
    scope: str,
    body: BaseModel | dict[str, Any],
    status: int,
    produce: Callable[[], Any],
) -> JSONResponse:
    """Run `produce` once per Idempotency-Key: a retry with the same body gets the first answer."""
    if not key:
        return respond(status, produce())
    content = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    fp = idempotency.request_fingerprint(content)
    earlier = idempotency.replay(session, key, scope, fp)
    if earlier:
        return respond(*earlier)
    out = jsonable_encoder(produce())
    idempotency.remember(session, key, scope, fp, status, out, clock_now())
    return respond(status, out)
