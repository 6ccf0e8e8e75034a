"""Fixtures that run an API test module's requests on the production request pools.

A module imports another module's tests and these two fixtures (named `db_session`, `client`): its
tests then run again with every request a real unit of work on the pools the server runs it
on (the event loop's asyncpg pool for reports, actions and Open311 POST; the thread pool's
psycopg pool for the rest), committed on a database of the test's own. The test's session
writes and reads that database in autocommit, so what it sets up is what the requests see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from tests.conftest import check_answers
from tests.support.identity import install_test_identity
from tests.support.sessions import commit_requests_on


@pytest.fixture(name="db_session")
def pooled_db_session(fresh_db_url: str) -> Iterator[Session]:
    """The test's session on its own database: every statement commits at once."""
    engine = create_engine(fresh_db_url)
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    session = Session(bind=conn, expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        conn.close()
        engine.dispose()


@pytest.fixture(name="client")
def pooled_client(db_session: Session, fresh_db_url: str) -> Iterator[Any]:
    """A TestClient whose requests are real units of work on the production pools."""
    from fastapi.testclient import TestClient

    from app.core.db import get_engine
    from app.main import create_app

    app = create_app()
    engine = get_engine.__wrapped__(fresh_db_url)
    commit_requests_on(app, engine)
    try:
        with TestClient(app) as c:
            install_test_identity(c, lambda: db_session)
            check_answers(c)
            yield c
    finally:
        engine.dispose()
