"""Overload protection: a bounded number of requests in flight per worker, a short bounded queue.

A burst beyond what the worker (its thread pool and its database pool) can serve waits at most
`queue_wait_s` in a queue of at most `max_queued`; the rest is answered at once with
503 `overloaded`, a `Retry-After` and the JSON error body — never a 500, never a long wait.
Probes, metrics and the live feed (long-lived streams) pass without taking a slot.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Receive, Scope, Send

from app.api import metrics
from app.core.config import get_settings

# Paths that never queue: probes must answer under load, /metrics must show the overload,
# the live feed holds its connection open for minutes (it would pin a slot).
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/api/v1/live/events"})


def error_bytes(error: str, code: str, message: str) -> bytes:
    """Return the JSON error body `{error, code, message, detail}` as bytes (ASCII-safe)."""
    return json.dumps(
        {"error": error, "code": code, "message": message, "detail": None}, ensure_ascii=True
    ).encode("ascii")


async def send_error(
    send: Send, status: int, error: str, code: str, message: str, retry_after: int | None
) -> None:
    """Send a complete JSON error answer."""
    body = error_bytes(error, code, message)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class ConcurrencyLimit:
    """Plain ASGI middleware: at most `max_in_flight` requests at once, `max_queued` waiting."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        settings = get_settings()
        self.max_in_flight = settings.max_in_flight
        self.max_queued = settings.max_queued
        self.wait_s = settings.queue_wait_s
        self.retry_after = settings.retry_after_s
        self.in_flight = 0
        self.waiting = 0
        self._slots: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http" or scope.get("path") in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_in_flight)
        slots = self._slots
        if slots.locked():
            if self.waiting >= self.max_queued:
                await self._refuse(send, "queue_full")
                return
            self.waiting += 1
            metrics.QUEUED.set(self.waiting)
            try:
                await asyncio.wait_for(slots.acquire(), timeout=self.wait_s)
            except TimeoutError:
                await self._refuse(send, "queue_timeout")
                return
            finally:
                self.waiting -= 1
                metrics.QUEUED.set(self.waiting)
        else:
            await slots.acquire()
        self.in_flight += 1
        metrics.IN_FLIGHT.set(self.in_flight)
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            metrics.IN_FLIGHT.set(self.in_flight)
            slots.release()

    async def _refuse(self, send: Send, why: str) -> None:
        metrics.REFUSED.labels(reason="overloaded").inc()
        metrics.OVERLOAD.labels(why=why).inc()
        await send_error(
            send,
            503,
            "Overloaded",
            "overloaded",
            "服务繁忙，请稍后重试（请求已达处理上限，本次未受理）",
            self.retry_after,
        )
