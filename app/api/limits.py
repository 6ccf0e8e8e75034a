"""Request size and time limits on every body (plain ASGI middleware).

Every request body is limited to `XIUHUA_REQUEST_MAX_BYTES` unless its route declares its own
limit with a `body_limit()` method (photo uploads, the inspector's one-call report, the grid data
upload; Open311 answers None: it limits photos and names each form field that is too long). A declared `Content-Length` over the limit is refused before a
byte is read, otherwise reading stops at the limit: 413 `payload_too_large`. A client that sends
its body too slowly — more than `XIUHUA_REQUEST_BODY_IDLE_TIMEOUT_S` between two pieces, or more
than `XIUHUA_REQUEST_BODY_TIMEOUT_S` in all — gets 408 `request_timeout`. The limits apply only
while the body is being read; a streaming answer (the live feed) is not timed. Headers and idle
connections are bounded by uvicorn (`xiuhua serve` passes `--timeout-keep-alive` and the h11
header limit from the settings).

The route is known when the body is first read (Starlette's router puts it in the scope), so the
limit is decided then. The errors are raised as Starlette HTTP exceptions from `receive`, which
FastAPI's body parsing lets through to the one error table.
"""

from __future__ import annotations

import asyncio
import time

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyTooLarge(StarletteHTTPException):
    """The request body is over its limit (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"请求内容超过上限（{limit} 字节）")


class BodyTimeout(StarletteHTTPException):
    """The client sent its body too slowly (408)."""

    def __init__(self) -> None:
        super().__init__(status_code=408, detail="接收请求内容超时")


def body_limit(scope: Scope) -> int | None:
    """Return the body limit of the request's route: its own `body_limit()`, else the setting.

    None: the route limits its bodies itself (Open311 names the field that is too long).
    """
    own = getattr(scope.get("route"), "body_limit", None)
    if callable(own):
        value = own()
        return None if value is None else int(value)
    return get_settings().request_max_bytes


class RequestLimits:
    """Limit every request body's size and the time taken to receive it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http" or scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        settings = get_settings()
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        limit: int | None = None
        read, first, done, started = 0, True, False, 0.0

        async def limited() -> Message:
            nonlocal limit, read, first, done, started
            if done:  # the body is in: waiting for a disconnect is not timed
                return await receive()
            if first:  # first read: the route is known now
                first, limit, started = False, body_limit(scope), time.monotonic()
                if limit is not None and declared.isdigit() and int(declared) > limit:
                    raise BodyTooLarge(limit)
            left = settings.request_body_timeout_s - (time.monotonic() - started)
            wait = min(settings.request_body_idle_timeout_s, left)
            if wait <= 0:
                raise BodyTimeout()
            try:
                message = await asyncio.wait_for(receive(), timeout=wait)
            except TimeoutError:
                raise BodyTimeout() from None
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if limit is not None and read > limit:
                    raise BodyTooLarge(limit)
                done = not message.get("more_body", False)
            else:
                done = True
            return message

        await self.app(scope, limited, send)
