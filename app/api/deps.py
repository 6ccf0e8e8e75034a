"""Request-scoped dependencies: one session = one unit of work, committed before the response."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

import anyio
from fastapi import Depends
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from app.core import clock
from app.core.db import end_unit_of_work, session_factory


async def get_session() -> AsyncIterator[Session]:
    """Yield a session: one unit of work, committed when the endpoint returns.

    Async on purpose: the session is created in the event loop (no I/O until first used) and
    its commit or rollback runs in the thread pool, so a request costs one thread hop less than
    a sync dependency would (FastAPI runs a sync dependency's start and end in a thread each).
    """
    session = session_factory()()
    try:
        yield session
    except BaseException:
        with anyio.CancelScope(shield=True):  # a cancelled request still gives its connection back
            await run_in_threadpool(end_unit_of_work, session, ok=False)
        raise
    with anyio.CancelScope(shield=True):
        await run_in_threadpool(end_unit_of_work, session, ok=True)


# scope="function": the commit happens before the response is sent, so a failed commit is
# never hidden behind a 2xx (FastAPI ≥ 0.118 would otherwise run it after the response).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def get_now() -> datetime:
    """Return the current instant (aware, UTC) for one request: the one clock of every route.

    Tests freeze it with `app.dependency_overrides[get_now]` (fixture `freeze_now`).
    """
    return clock.now()


# The request's "now": every route takes the time from here, never from the clock directly.
NowDep = Annotated[datetime, Depends(get_now)]
