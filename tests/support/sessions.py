"""Request sessions of an in-process app on a test's own (committing) database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session


def commit_requests_on(app: Any, engine: Engine) -> None:
    """Give each request of `app` a real unit of work on `engine`'s database (commit/roll back).

    Both request-session dependencies: the thread pool's on `engine`, the event loop's on the
    async-driver engine of the same database, so concurrent requests (one waiting on a row lock)
    never block the event loop.
    """
    from app.api import deps
    from app.core.db import loop_engine, unit_of_work

    url = engine.url.render_as_string(hide_password=False)

    def in_thread() -> Iterator[Session]:
        with unit_of_work(engine) as session:
            yield session

    async def on_loop() -> AsyncIterator[Session]:
        async with deps.loop_unit_of_work(loop_engine(url)) as session:
            yield session

    app.dependency_overrides[deps.get_session] = in_thread
    app.dependency_overrides[deps.get_loop_session] = on_loop


def share_session(app: Any, session: Session) -> None:
    """Give every request of `app` the test's own `session` (rolled back by the test)."""
    from app.api import deps

    def shared() -> Iterator[Session]:
        yield session

    for dependency in deps.SESSION_DEPENDENCIES:
        app.dependency_overrides[dependency] = shared
