"""Test databases on the real PostGIS server.

- A template database (migrations + default catalogue + the 张店区 demo city, seed 1) is built
  once and reused across runs while its fingerprint (migrations, demo code, data) is unchanged.
- Each xdist worker clones it once; each test runs in a transaction rolled back at the end.
- Tests that need real commits take `fresh_db_url`: their own clone, dropped afterwards.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from app.core.config import get_settings

# Photos written by the tests go to a scratch directory (subprocesses inherit it).
os.environ.setdefault("XIUHUA_SWEEPER_INTERVAL_S", "0")  # tests start their own sweeps
os.environ.setdefault("XIUHUA_STATS_REFRESH_INTERVAL_S", "0")  # and their own stats refreshes
os.environ.setdefault("XIUHUA_DB_WARM_POOLS", "0")  # and open their own connections
os.environ.setdefault("XIUHUA_ATTACHMENT_DIR", tempfile.mkdtemp(prefix="xiuhua-test-photos-"))
# Test-only secrets (a deployment's come from its .env, written by `make run`).
os.environ.setdefault("XIUHUA_ENVIRONMENT", "test")  # the fixed test keys are not secrets
os.environ.setdefault("XIUHUA_JWT_SECRET", "test-secret-" + "x" * 40)
os.environ.setdefault("XIUHUA_PII_KEY", "dGVzdC1waWkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=")

# Tests use only databases the suite creates itself. The default database (the one `make run`
# fills) is pointed at a name that never exists, so a test or an app path that silently falls
# back to it fails on every machine, not only on a fresh one.
NO_DEFAULT_DB = "xiuhua_test_no_default_database"
os.environ["XIUHUA_DATABASE_URL"] = (
    make_url(get_settings().database_url)
    .set(database=NO_DEFAULT_DB)
    .render_as_string(hide_password=False)
)
get_settings.cache_clear()

from tests.support.databases import (  # noqa: E402 (after the environment above)
    SHARED,
    admin_engine,
    create_database,
    drop_database,
    ensure_template,
    url_for,
)
from tests.support.identity import install_test_identity  # noqa: E402


@pytest.fixture(scope="session")
def template_db() -> str:
    """The name of the migrated, demo-loaded template database."""
    return ensure_template()


@pytest.fixture(scope="session")
def worker_db_url(template_db: str, worker_id: str) -> Iterator[str]:
    """This worker's own clone of the template."""
    name = f"{template_db}_{worker_id}_{os.getpid()}"
    admin = admin_engine()
    create_database(admin, name, template_db)
    yield url_for(name)
    drop_database(admin, name)
    admin.dispose()


@pytest.fixture(scope="session")
def engine(worker_db_url: str) -> Iterator[Engine]:
    """Engine on the worker database."""
    eng = create_engine(worker_db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test."""
    conn = engine.connect()
    trans = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        trans.rollback()
        conn.close()


@pytest.fixture
def fresh_db_url(template_db: str) -> Iterator[str]:
    """A database of the test's own (a clone of the template) for tests that commit."""
    name = f"xiuhua_test_{uuid.uuid4().hex[:10]}"
    admin = admin_engine()
    create_database(admin, name, template_db)
    yield url_for(name)
    drop_database(admin, name)
    admin.dispose()


def override_feed_sessions(app: Any, session_of: Callable[[], Session]) -> None:
    """Point the live feed's short read transactions at the test's own session."""
    from app.api import live

    @contextmanager
    def one() -> Iterator[Session]:
        yield session_of()

    app.dependency_overrides[live.feed_sessions] = lambda: one


def override_readiness(app: Any, session_of: Callable[[], Session]) -> None:
    """Point /readyz's own probe connection at the test's session."""
    from app.api import health

    app.dependency_overrides[health.readiness_probe] = lambda: (
        lambda: health.check_ready(session_of())
    )


@pytest.fixture
def client(db_session: Session) -> Iterator[object]:
    """A TestClient whose requests use the rolled-back test session."""
    from fastapi.testclient import TestClient

    from app.main import create_app
    from tests.support.sessions import share_session

    app = create_app()

    share_session(app, db_session)
    override_feed_sessions(app, lambda: db_session)
    override_readiness(app, lambda: db_session)
    with TestClient(app) as c:
        install_test_identity(c, lambda: db_session)
        check_answers(c)
        yield c


@pytest.fixture
def freeze_now(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[datetime], None]]:
    """Return `freeze(at)`: from then on the routes' "now" (`NowDep`) is `at`.

    The one clock fixture of the API tests. Tokens keep the wall clock (`app.api.auth.token_clock`),
    so the test identities stay valid at any frozen instant.
    """
    from app.api.deps import get_now

    def freeze(at: datetime) -> None:
        client.app.dependency_overrides[get_now] = lambda: at

    yield freeze
    client.app.dependency_overrides.pop(get_now, None)


_ANSWER_SCHEMAS: list[Any] = []  # the OpenAPI document's answer schemas, built once


def check_answers(client: Any) -> None:
    """Make every 2xx JSON answer `client` receives match its documented schema (or fail)."""
    from tests.support.schema_check import AnswerSchemas

    if not _ANSWER_SCHEMAS:
        _ANSWER_SCHEMAS.append(AnswerSchemas(client.app.openapi()))
    schemas = _ANSWER_SCHEMAS[0]

    def check(response: Any) -> None:
        response.read()
        problem = schemas.problems(
            response.request.method,
            response.request.url.path,
            response.status_code,
            response.headers.get("content-type", ""),
            response.content,
        )
        assert problem is None, "answer does not match the OpenAPI document: " + problem

    client.event_hooks["response"].append(check)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project (tests may read it; the product never does)."""
    return SHARED


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep `--dist loadgroup` grouping by `xdist_group` under pytest ≥ 9.2.

    pytest-xdist (≤ 3.8) tells the controller an item's group by appending `@group` to the
    item's node id on the worker, through the attribute `_nodeid`. pytest 9.2 keeps the id as a
    structured `_id` instead, so that write changes nothing and grouped tests (the heavy servers,
    the end-to-end steps sharing one server) are spread over the workers without a word
    (pytest-dev/pytest-xdist#1386). Where xdist's suffix is missing, write it on `_id`.
    """
    if not getattr(config.option, "loadgroup", False):  # set on xdist workers with loadgroup
        return
    for item in items:
        groups = {
            str(m.args[0] if m.args else m.kwargs.get("name", "default"))
            for m in item.iter_markers("xdist_group")
        }
        if not groups or "@" in item.nodeid.rpartition("]")[2]:
            continue  # no group, or xdist's own suffix took effect
        grouped = f"{item.nodeid}@{'_'.join(sorted(groups))}"
        structured = getattr(item, "_id", None)
        if structured is None:  # pragma: no cover (pytest < 9.2 keeps `_nodeid`, xdist writes it)
            continue
        item._id = type(structured).parse(grouped)  # type: ignore[attr-defined]
