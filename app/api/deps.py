"""Request-scoped dependencies: one session = one unit of work, committed before the response."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from functools import partial
from typing import Annotated, ParamSpec, TypeVar

import anyio
from fastapi import Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlalchemy.util import greenlet_spawn

from app.core import clock
from app.core.db import end_unit_of_work, loop_engine, session_factory, unit_of_work

P = ParamSpec("P")
R = TypeVar("R")


async def get_session() -> AsyncIterator[Session]:
    """Yield a session: one unit of work, committed when the endpoint returns.

    Async on purpose: the session is created in the event loop (no I/O until first used) and
    its commit or rollback runs in the thread pool, so a request costs one thread hop less than
    a sync dependency would (FastAPI runs a sync dependency's start and end in a thread each).
    """
    async with _request_unit(session_factory()(), run_in_threadpool) as session:
        yield session


def _untouched(session: Session) -> bool:
    """Return whether ending `session` needs no database work (no transaction, nothing pending)."""
    return not (session.in_transaction() or session.new or session.dirty or session.deleted)


# scope="function": the commit happens before the response is sent, so a failed commit is
# never hidden behind a 2xx (FastAPI ≥ 0.118 would otherwise run it after the response).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@asynccontextmanager
async def loop_unit_of_work(engine: AsyncEngine) -> AsyncIterator[Session]:
    """One unit of work on the event loop: a `Session` bound to `engine`'s synchronous facade.

    Commit on success, roll back on any error (also when the request is cancelled).
    """
    async with _request_unit(session_factory(engine.sync_engine)(), greenlet_spawn) as session:
        yield session


@asynccontextmanager
async def _request_unit(
    session: Session, run: Callable[..., Awaitable[None]]
) -> AsyncIterator[Session]:
    """End `session` as one unit of work, its commit or rollback run by `run` (thread or loop).

    A cancelled request still gives its connection back; a session never used needs no `run`.
    """
    try:
        yield session
    except BaseException:
        with anyio.CancelScope(shield=True):
            await run(end_unit_of_work, session, ok=False)
        raise
    if _untouched(session):  # never used (e.g. the other of an endpoint's two sessions)
        session.close()
        return
    with anyio.CancelScope(shield=True):
        await run(end_unit_of_work, session, ok=not session.info.pop(_REFUSED, False))


_REFUSED = "xiuhua.refused"


def roll_back_at_end(session: Session) -> None:
    """Make the request's unit of work roll back at its end, though the endpoint answers.

    For a route that turns its errors into its own answers (Open311's XML and JSON errors):
    the request then ends without an exception, and its unit of work would commit what the
    refused request wrote.
    """
    session.info[_REFUSED] = True


async def get_loop_session() -> AsyncIterator[Session]:
    """Yield a session of an endpoint that runs on the event loop: one unit of work, as above.

    The session is the same synchronous `Session` as `get_session`'s, bound to `loop_engine`
    (the asyncpg driver): every call that uses it runs through `on_loop`, in a greenlet on the
    event loop, where each statement awaits the driver instead of blocking a thread. No
    thread-pool hop at all: for the volume endpoints (actions; reports and Open311 POST take
    `get_report_session`), whose work is a few short statements, the hops cost more than the
    statements (docs/PERFORMANCE.md). Tests override it together with `get_session`
    (`SESSION_DEPENDENCIES`).
    """
    async with loop_unit_of_work(loop_engine()) as session:
        yield session


async def get_report_session() -> AsyncIterator[Session]:
    """Yield a report's session (cases, Open311): as `get_loop_session`, each statement alone.

    `POST /cases` and Open311 `POST requests` read (the caller or API key, the Idempotency-Key,
    reference data, route, duplicates) and then write one statement, which draws the number,
    inserts the case, links its photos and writes its channel's intake record
    (`app.cases.writes`). Each statement commits alone (`loop_engine(statements=True)`): no
    BEGIN and no COMMIT round trip, and the district's number row is locked for the insert
    statement alone. A report that writes more (filed automatically) makes the rest of its unit
    of work one transaction first (`core.db.transaction_from_here`), as does a step that needs
    a transaction of its own (the geocoder's thresholds).
    """
    async with loop_unit_of_work(loop_engine(statements=True)) as session:
        yield session


LoopSessionDep = Annotated[Session, Depends(get_loop_session, scope="function")]
ReportSessionDep = Annotated[Session, Depends(get_report_session, scope="function")]

# Every request-session dependency: a test that gives requests its own session overrides each.
SESSION_DEPENDENCIES = (get_session, get_loop_session, get_report_session)


def requests_on(app: FastAPI, engine: Engine) -> None:
    """Give each request of `app` a unit of work on `engine`'s database (every request session).

    For tools and tests that run the app in-process on another database than the configured
    one: the thread pool's sessions on `engine`, the event loop's on the async-driver engines of
    the same database (so a request waiting on a row lock never blocks the event loop).
    """
    url = engine.url.render_as_string(hide_password=False)

    def in_thread() -> Iterator[Session]:
        with unit_of_work(engine) as session:
            yield session

    def on_the_loop(**mode: bool) -> Callable[[], AsyncIterator[Session]]:
        async def session() -> AsyncIterator[Session]:
            async with loop_unit_of_work(loop_engine(url, **mode)) as unit:
                yield unit

        return session

    app.dependency_overrides[get_session] = in_thread
    app.dependency_overrides[get_loop_session] = on_the_loop()
    app.dependency_overrides[get_report_session] = on_the_loop(statements=True)


async def on_loop(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run synchronous service code that uses a `LoopSessionDep` session (in a greenlet)."""
    result: R = await greenlet_spawn(partial(fn, *args, **kwargs))
    return result


async def get_now() -> datetime:
    """Return the current instant (aware, UTC) for one request: the one clock of every route.

    Tests freeze it with `app.dependency_overrides[get_now]` (fixture `freeze_now`).
    """
    return clock.now()


# The request's "now": every route takes the time from here, never from the clock directly.
NowDep = Annotated[datetime, Depends(get_now)]
