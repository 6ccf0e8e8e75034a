"""Request-scoped dependencies: one session = one unit of work, committed before the response."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from app.db import session_factory


def get_session() -> Iterator[Session]:
    """Yield a session; commit when the endpoint returns, roll back on any error."""
    session = session_factory()()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# scope="function": the commit happens before the response is sent, so a failed commit is
# never hidden behind a 2xx (FastAPI ≥ 0.118 would otherwise run it after the response).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
