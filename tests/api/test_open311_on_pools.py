"""Open311 once more, on the production request pools (tests.support.pooled).

Every test of `tests/api/test_open311` runs here a second time with its requests on the pools
the server runs them on: a service request on the event loop's asyncpg pool (its API-key
counter on the side pool beside it), with a photo on the thread pool's psycopg pool, each
request a committed unit of work. Refused requests must then leave nothing behind: the route
answers its errors itself, so their unit of work ends without an exception.
"""

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.api.test_open311 import *  # noqa: F403 (the same tests, collected here too)
from tests.api.test_open311 import form, post
from tests.support.open311 import OUTSIDE, check_error
from tests.support.pooled import pooled_client, pooled_db_session  # noqa: F401 (fixtures)


def test_a_refused_request_commits_nothing(client: Any, db_session: Session, key: str) -> None:
    def rows() -> tuple[int, int]:
        return (
            db_session.execute(
                text(
                    "SELECT (SELECT count(*) FROM dispatch_open311_request),"
                    " (SELECT count(*) FROM dispatch_case)"
                )
            )
            .one()
            ._tuple()
        )

    before = rows()
    # refused after its intake record was written (the point is outside every grid cell)
    outside = form(key, lat=str(OUTSIDE[1]), long=str(OUTSIDE[0]))
    for fmt in ("xml", "json"):
        assert "不在服务区域" in check_error(post(client, fmt, outside), 400, fmt)
    assert rows() == before
    assert post(client, "json", form(key)).status_code == 200
    assert rows() == (before[0] + 1, before[1] + 1)
