"""Server settings of the application's pools, and the worker's collector set-up.

JIT is off on every pool unless `XIUHUA_DB_JIT` turns it on (a batch of 500 reports paid
15–25 ms of JIT compilation per statement); the usage-counter pool also commits without waiting
for the WAL flush. A worker freezes what is alive at start-up out of the cyclic collector's walk.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core import db
from app.core.config import get_settings


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


def test_a_started_worker_has_frozen_its_start_up_objects(client: Any) -> None:
    assert gc.get_freeze_count() > 0
