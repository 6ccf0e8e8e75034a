"""Server settings of the application's pools, and the worker's collector set-up.

JIT is off on every pool unless `XIUHUA_DB_JIT` turns it on (a batch of 500 reports paid
15–25 ms of JIT compilation per statement); the usage-counter pool also commits without waiting
for the WAL flush. A worker freezes what is alive at start-up out of the cyclic collector's walk.
The event loop's pool (the volume endpoints) prepares its statements with generic plans unless
`XIUHUA_DB_GENERIC_PLANS` is off; the thread pool's plans them as PostgreSQL chooses.
A pooled connection is pinged at checkout only after sitting idle (`XIUHUA_DB_PING_IDLE_S`):
one the server dropped while idle is replaced unseen; one returned moments ago is not pinged.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from app.api.errors import database_problem
from app.core import db
from app.core.config import get_settings
from tests.support.pools import on_pool


@pytest.fixture
def fresh_engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Engines built anew for the test (settings re-read) and forgotten after it (the test
    disposes the request pools it opened; the others close with their connections)."""

    def clear() -> None:
        for cached in (db.get_engine, db.probe_engine, db._side_engine):
            cached.cache_clear()
        get_settings.cache_clear()

    clear()
    yield monkeypatch
    monkeypatch.undo()
    clear()


def _show(engine: Any, name: str) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text(f"SHOW {name}")).scalar_one())


def test_jit_is_off_on_every_pool_and_counters_commit_without_the_flush(
    worker_db_url: str, fresh_engines: pytest.MonkeyPatch
) -> None:
    fresh_engines.delenv("XIUHUA_DB_JIT", raising=False)
    engine = db.get_engine(worker_db_url)
    assert _show(engine, "jit") == "off"
    assert _show(engine, "synchronous_commit") == "on"  # cases and events wait for the flush
    assert _show(db.probe_engine(worker_db_url), "jit") == "off"
    with Session(engine) as session, db.side_statement(session) as side:
        assert side.execute(text("SHOW jit")).scalar_one() == "off"
        assert side.execute(text("SHOW synchronous_commit")).scalar_one() == "off"
    engine.dispose()


def test_the_setting_turns_jit_back_on(
    worker_db_url: str, fresh_engines: pytest.MonkeyPatch
) -> None:
    fresh_engines.setenv("XIUHUA_DB_JIT", "true")
    engine = db.get_engine(worker_db_url)
    assert _show(engine, "jit") == "on"
    with Session(engine) as session, db.side_statement(session) as side:
        assert side.execute(text("SHOW jit")).scalar_one() == "on"
        assert side.execute(text("SHOW synchronous_commit")).scalar_one() == "off"
    engine.dispose()


@pytest.mark.parametrize("generic", [True, False], ids=["default", "turned-off"])
def test_the_event_loops_pool_prepares_generic_plans(
    worker_db_url: str, fresh_engines: pytest.MonkeyPatch, generic: bool
) -> None:
    if generic:
        fresh_engines.delenv("XIUHUA_DB_GENERIC_PLANS", raising=False)
    else:
        fresh_engines.setenv("XIUHUA_DB_GENERIC_PLANS", "false")
    seen: dict[bool, str] = {}

    def scenario(loop: bool) -> Callable[[Engine], None]:
        def show(engine: Engine) -> None:
            seen[loop] = _show(engine, "plan_cache_mode")
            assert _show(engine, "jit") == "off"  # the pool's other settings stay

        return show

    for loop in (False, True):
        on_pool(worker_db_url, loop, scenario(loop))
    assert seen == {False: "auto", True: "force_generic_plan" if generic else "auto"}


def test_a_started_worker_has_frozen_its_start_up_objects(client: Any) -> None:
    assert gc.get_freeze_count() > 0


def test_a_started_worker_hands_the_gil_over_at_the_configured_interval(client: Any) -> None:
    # Python's default is 5 ms: a batch computing in the thread pool would make every database
    # round trip of the event loop's requests wait that long, twice
    assert get_settings().gil_switch_interval_ms == 0.5
    assert sys.getswitchinterval() == pytest.approx(0.0005)


def _backend(conn: Any) -> int:
    return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(url: str, pid: int) -> None:
    killer = create_engine(url, poolclass=db.NullPool)
    with killer.begin() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar_one()
    killer.dispose()


@pytest.mark.parametrize("loop", [False, True], ids=["thread-pool", "event-loop"])
def test_a_connection_dropped_while_idle_is_replaced_at_checkout(
    worker_db_url: str, fresh_engines: pytest.MonkeyPatch, loop: bool
) -> None:
    fresh_engines.setenv("XIUHUA_DB_PING_IDLE_S", "0.2")

    def scenario(engine: Engine) -> None:
        pid = _backend(engine)
        _terminate(worker_db_url, pid)  # e.g. the server restarted while the pool sat idle
        time.sleep(0.3)
        # the ping finds the dead connection: the request gets a new one and never sees it
        assert _backend(engine) != pid

    on_pool(worker_db_url, loop, scenario)


@pytest.mark.parametrize("loop", [False, True], ids=["thread-pool", "event-loop"])
def test_a_connection_returned_moments_ago_is_not_pinged(
    worker_db_url: str, fresh_engines: pytest.MonkeyPatch, loop: bool
) -> None:
    fresh_engines.setenv("XIUHUA_DB_PING_IDLE_S", "600")

    def scenario(engine: Engine) -> None:
        pid = _backend(engine)
        _terminate(worker_db_url, pid)
        # no ping: the statement itself meets the dropped connection (the API answers 503
        # database_unavailable), and the pool lets go of it ...
        with pytest.raises(DBAPIError) as caught:
            _backend(engine)
        assert caught.value.connection_invalidated
        assert database_problem(caught.value) == "unavailable"
        # ... so the next request is served on a new connection
        assert _backend(engine) != pid

    on_pool(worker_db_url, loop, scenario)


def _backend(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(url: str, pid: int) -> None:
    killer = create_engine(url, poolclass=NullPool)
    with killer.begin() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar_one()
    killer.dispose()
