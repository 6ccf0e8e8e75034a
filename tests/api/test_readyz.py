"""/readyz talks to the real database named by XIUHUA_DATABASE_URL."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def test_readyz_reports_postgis(fresh_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.config import get_settings
    from app.core.db import get_engine
    from app.main import create_app

    monkeypatch.setenv("XIUHUA_DATABASE_URL", fresh_db_url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        body: Any = TestClient(create_app()).get("/readyz")
        assert body.status_code == 200 and body.json()["postgis"].startswith("3.")
    finally:
        get_engine.cache_clear()
        get_settings.cache_clear()


def test_readyz_is_503_with_a_chinese_message_when_the_database_is_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.core.config import get_settings
    from app.core.db import get_engine
    from app.main import create_app

    monkeypatch.setenv("XIUHUA_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        r = TestClient(create_app()).get("/readyz")
        assert r.status_code == 503 and r.json()["code"] == "database_unavailable"
    finally:
        get_engine.cache_clear()
        get_settings.cache_clear()
