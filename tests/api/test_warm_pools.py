"""A worker opens its request pools at start, each connection with PostGIS loaded."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from app.core.config import get_settings
from app.core.db import get_engine, loop_engine
from app.main import create_app


@pytest.fixture
def settings_of(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setenv("XIUHUA_DB_WARM_POOLS", "1")
    yield monkeypatch
    get_settings.cache_clear()
    get_engine.cache_clear()
    loop_engine.cache_clear()


def _backends(url: str) -> int:
    u = make_url(url)
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(False)
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'",
            (u.database,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_worker_opens_its_request_pools_at_start(
    fresh_db_url: str, settings_of: pytest.MonkeyPatch
) -> None:
    settings_of.setenv("XIUHUA_DATABASE_URL", fresh_db_url)
    get_settings.cache_clear()
    loop_engine.cache_clear()
    before = _backends(fresh_db_url)
    with TestClient(create_app()) as client:
        pools = [loop_engine().pool, loop_engine(statements=True).pool]
        size = sum(p.size() for p in pools)  # type: ignore[attr-defined]
        assert size >= 2
        # before any request: every connection open and back in its pool
        assert [p.checkedin() for p in pools] == [p.size() for p in pools]  # type: ignore[attr-defined]
        assert _backends(fresh_db_url) - before >= size
        assert client.get("/healthz").status_code == 200
    assert _backends(fresh_db_url) == before  # closed when the worker stops


def test_a_worker_starts_though_its_database_is_down(
    settings_of: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """No database at start: the worker still starts (requests then answer 503), and says so."""
    absent = make_url(get_settings().database_url).set(database="xiuhua_test_absent_db")
    settings_of.setenv("XIUHUA_DATABASE_URL", absent.render_as_string(hide_password=False))
    get_settings.cache_clear()
    loop_engine.cache_clear()
    with TestClient(create_app()) as client:
        assert client.get("/healthz").status_code == 200
    assert "db_pools_not_warmed" in capfd.readouterr().err
