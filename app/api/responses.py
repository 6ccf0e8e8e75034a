"""Shared JSON responses for routers: plain (`respond`) and idempotent (`once`, Idempotency-Key).

`ApiJSONResponse` is the application's default response class: every instant in an answer is
written in one convention (the deployment zone with its offset, `app.core.clock.to_wire`),
whether it came from a Pydantic model, a dict, a stored payload or an error detail.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.cases import idempotency
from app.core.clock import normalize_instants, to_wire


def wire_json(value: Any) -> Any:
    """Return `value` as JSON-ready data with every instant in the wire format.

    The same result as `normalize_instants(jsonable_encoder(value))`: plain data (dicts, lists,
    strings, numbers, datetimes) is walked once here, anything else goes through FastAPI's encoder
    (which walked every value of a case answer several times, ~1 ms per answer).
    """
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float:
        return value
    if kind is str:
        return normalize_instants(value)
    if kind is datetime:
        return to_wire(value)
    if kind is dict:
        return {
            (k if type(k) is str or type(k) is int else jsonable_encoder(k)): wire_json(v)
            for k, v in value.items()
            if not (isinstance(k, str) and k.startswith("_sa"))  # as jsonable_encoder drops them
        }
    if kind is list or kind is tuple:
        return [wire_json(v) for v in value]
    return normalize_instants(jsonable_encoder(value))


class ApiJSONResponse(JSONResponse):
    """JSON with every timestamp in the one wire format (see module docstring)."""

    def render(self, content: Any) -> bytes:
        """Render `content` with its instants normalized."""
        return super().render(wire_json(content))


class GeoJSONResponse(ApiJSONResponse):
    """A GeoJSON answer (RFC 7946): `application/geo+json`."""

    media_type = "application/geo+json"


def respond(status: int, body: Any) -> JSONResponse:
    """Return `body` as JSON (datetimes, decimals encoded) with `status`."""
    return ApiJSONResponse(body, status_code=status)  # render() encodes it, once


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
    if not key:
        return respond(status, produce())
    content = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    fp = idempotency.request_fingerprint(content)
    earlier = idempotency.replay(session, key, scope, fp)
    if earlier:
        return respond(*earlier)
    out = jsonable_encoder(produce())
    idempotency.remember(session, key, scope, fp, status, out, now)
    return respond(status, out)
