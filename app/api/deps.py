"""Request-scoped dependencies: one session = one unit of work, committed before the response."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from app.core import clock
from app.core.db import unit_of_work


def get_session() -> Iterator[Session]:
    """Yield a session: one unit of work, committed when the endpoint returns."""
    with unit_of_work() as session:
        yield session


# scope="function": the commit happens before the response is sent, so a failed commit is
# never hidden behind a 2xx (FastAPI ≥ 0.118 would otherwise run it after the response).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_now() -> datetime:
    """Return the current instant (aware, UTC) for one request: the one clock of every route.

    Tests freeze it with `app.dependency_overrides[get_now]` (fixture `freeze_now`).
    """
    return clock.now()


# The request's "now": every route takes the time from here, never from the clock directly.
NowDep = Annotated[datetime, Depends(get_now)]
