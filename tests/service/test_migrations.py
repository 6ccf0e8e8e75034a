"""Migrations: upgrade → no autogenerate drift → downgrade base → upgrade again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import app.models  # noqa: F401
from app.core.db import Base
from tests.support.databases import admin_engine, create_database, drop_database, migrate, url_for


@pytest.fixture
def empty_db_url() -> Iterator[str]:
    name = f"xiuhua_test_mig_{uuid.uuid4().hex[:8]}"
    admin = admin_engine()
    create_database(admin, name)
    yield url_for(name)
    drop_database(admin, name)
    admin.dispose()


def _include(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    from geoalchemy2 import alembic_helpers

    if type_ == "table" and reflected and compare_to is None and name not in Base.metadata.tables:
        return False
    return alembic_helpers.include_object(obj, name, type_, reflected, compare_to)


def test_upgrade_has_no_drift_and_downgrades_cleanly(empty_db_url: str) -> None:
    migrate(empty_db_url, "head")
    engine = create_engine(empty_db_url)
    try:
        with engine.connect() as conn:
            exts = set(conn.execute(text("SELECT extname FROM pg_extension")).scalars())
            assert {"postgis", "pg_trgm"} <= exts
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": _include}
            )
            diff = compare_metadata(ctx, Base.metadata)
            assert diff == [], diff
        from alembic import command
        from alembic.config import Config

        from tests.support.databases import ROOT

        cfg = Config(str(ROOT / "alembic.ini"))
        cfg.attributes["database_url"] = empty_db_url
        cfg.attributes["configure_logger"] = False
        command.downgrade(cfg, "base")
        with engine.connect() as conn:
            left = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
            assert left == []
        migrate(empty_db_url, "head")
    finally:
        engine.dispose()
