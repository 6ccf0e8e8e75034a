"""Live updates: a Server-Sent Events stream of case events within the caller's scope.

Fed from the committed event table (the outbox, app.cases.feed) after commit — never from
inside a transaction — so a client sees only what really happened, in a resumable order: each
SSE `id:` is a feed position, and a reconnecting client sends it back as `Last-Event-ID` (the
browser's EventSource does this by itself) to receive exactly the events it missed.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.api.auth import STAFF_ROLES, Allow
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.edge import CleanStr
from app.cases import feed
from app.cases import workflow as wf
from app.core.clock import normalize_instants
from app.core.config import get_settings
from app.core.db import unit_of_work

router = APIRouter(prefix="/api/v1/live", tags=["实时推送 live"], responses=ERROR_RESPONSES)
SessionMaker = Callable[[], AbstractContextManager[Session]]


def feed_sessions() -> SessionMaker:
    """Return how the stream opens its short read transactions (tests point it elsewhere)."""
    return unit_of_work


def _frame(event: feed.FeedEvent) -> bytes:
    data = json.dumps(normalize_instants(jsonable_encoder(event.data)), ensure_ascii=False)
    return f"id: {event.position}\nevent: case_event\ndata: {data}\n\n".encode()


@router.get(
    "/events",
    summary="实时推送：案卷事件流（Server-Sent Events）",
    description=(
        "`text/event-stream`：本人可见范围内案卷的每一条流转记录（上报、立案、派遣、签收、处置、"
        "核查、结案、预警、超期督办……），按提交顺序推送，只含编号与状态、不含说明文字和个人信息。"
        "每条事件的 `id` 是流位置；断线重连时带 `Last-Event-ID`（浏览器 EventSource 自动带）即可"
        "补齐错过的事件，不重不漏。没有 `Last-Event-ID` 时从当前开始（`from=start` 从头开始）。"
        "每 15 秒发送一次注释心跳；访问令牌到期时服务器结束连接，客户端换新令牌后重连。"
        "`until_idle=true` 在补齐积压后即结束（轮询模式）。"
    ),
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "事件流"}},
)
async def events(
    request: Request,
    actor: Annotated[wf.Actor, Depends(Allow(*STAFF_ROLES))],
    sessions: Annotated[SessionMaker, Depends(feed_sessions)],
    last_event_id: Annotated[CleanStr | None, Header(alias="Last-Event-ID")] = None,
    start: Annotated[
        str | None, Query(alias="from", pattern="^(start|now)$", description="start | now")
    ] = None,
    until_idle: Annotated[bool, Query(description="补齐积压后结束")] = False,
) -> StreamingResponse:
    """Stream case events after `Last-Event-ID` (or from now / from the start)."""
    settings = get_settings()

    def initial() -> feed.Position:
        if last_event_id:
            return feed.Position.parse(last_event_id)
        if start == "start":
            return feed.Position(0, 0)
        with sessions() as s:
            return feed.current_position(s)

    position = await run_in_threadpool(initial)

    def poll(after: feed.Position) -> list[feed.FeedEvent]:
        with sessions() as s:
            return feed.read_after(s, actor, after, settings.live_batch_size)

    async def stream() -> AsyncIterator[bytes]:
        nonlocal position
        deadline = time.monotonic() + settings.access_token_minutes * 60
        last_beat = time.monotonic()
        yield f"retry: {int(settings.live_poll_s * 1000) + 1000}\n\n".encode()
        while time.monotonic() < deadline:
            batch = await run_in_threadpool(poll, position)
            for ev in batch:
                yield _frame(ev)
                position = ev.position
            if len(batch) == settings.live_batch_size:
                continue  # more waiting: no sleep
            if until_idle or await request.is_disconnected():
                return
            if time.monotonic() - last_beat >= settings.live_heartbeat_s:
                yield b": heartbeat\n\n"
                last_beat = time.monotonic()
            await asyncio.sleep(settings.live_poll_s)

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
