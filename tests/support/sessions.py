"""Request sessions of an in-process app on a test's own (committing) database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session


def commit_requests_on(app: Any, engine: Engine) -> None:
    """Give each request of `app` a real unit of work on `engine`'s database (commit/roll back)."""
    from app.api.deps import requests_on

    requests_on(app, engine)


def share_session(app: Any, session: Session) -> None:
    """Give every request of `app` the test's own `session` (rolled back by the test)."""
    from app.api import deps

    def shared() -> Iterator[Session]:
        yield session

    for dependency in deps.SESSION_DEPENDENCIES:
        app.dependency_overrides[dependency] = shared
