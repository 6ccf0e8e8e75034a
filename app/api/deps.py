"""Request-scoped dependencies: one session = one unit of work, committed before the response."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from app.core.db import unit_of_work


def get_session() -> Iterator[Session]:
    """Yield a session: one unit of work, committed when the endpoint returns."""
    with unit_of_work() as session:
        yield session


# scope="function": the commit happens before the response is sent, so a failed commit is
# never hidden behind a 2xx (FastAPI ≥ 0.118 would otherwise run it after the response).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
