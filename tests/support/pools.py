"""Run a test scenario on a request pool: the thread pool's, or the event loop's (a greenlet)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlalchemy.util import greenlet_spawn

from app.core import db


def on_pool(url: str, loop: bool, scenario: Callable[[Engine], None]) -> None:
    """Run `scenario` with the application's engine of `url`: the thread pool's (psycopg's
    blocking driver), or the event loop's synchronous facade in a greenlet (its async driver).
    The engine is made for the call and disposed after it."""
    if not loop:
        engine = db.get_engine.__wrapped__(url)
        try:
            scenario(engine)
        finally:
            engine.dispose()
        return

    async def on_the_loop() -> None:
        engine = db.loop_engine.__wrapped__(url)
        try:
            await greenlet_spawn(scenario, engine.sync_engine)
        finally:
            await engine.dispose()

    asyncio.run(on_the_loop())
