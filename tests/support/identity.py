"""Identities for API tests.

API tests say who calls with the test headers `X-Xiuhua-Role`, `X-Xiuhua-User`, `X-Xiuhua-Unit`.
A request hook turns them into a real user row (created on first use, in the test's own
transaction) and a real signed access token: the server only ever sees `Authorization: Bearer`.
The role × endpoint matrix and the end-to-end channel tests log in with passwords instead.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

TEST_ROLE_USER = {  # a default user id per role when a test gives none
    "inspector": 9001,
    "operator": 9002,
    "shift_leader": 9003,
    "dispatcher": 9004,
    "unit_handler": 9005,
    "hotline_agent": 9006,
    "leader": 9007,
    "admin": 9008,
}


def test_user_id(role: str, user: int | None, unit: int | None) -> int:
    """The user id a test identity maps to: the given id, made unique per unit for handlers."""
    base = user if user is not None else TEST_ROLE_USER[role]
    return base if unit is None else 1_000_000 + unit * 1000 + base % 1000


def ensure_test_user(session: Session, role: str, user: int | None, unit: int | None) -> int:
    """Create (once) the user behind a test identity; return its id."""
    uid = test_user_id(role, user, unit)
    if role == "unit_handler" and unit is None:  # a handler always belongs to a unit
        unit = session.execute(text("SELECT min(id) FROM grid_unit")).scalar_one()
    session.execute(
        text(
            "INSERT INTO account_user (id, username, display_name, role, unit_id, active,"
            " token_version) VALUES (:id, :u, :n, :r, :unit, true, 0)"
            " ON CONFLICT (id) DO NOTHING"
        ),
        {"id": uid, "u": f"test-{role}-{uid}", "n": f"test-{role}-{uid}", "r": role, "unit": unit},
    )
    return uid


def bearer_for(session: Session, user_id: int) -> dict[str, str]:
    """Return an Authorization header with a fresh access token of `user_id`."""
    from app.core.clock import now
    from app.identity.models import User
    from app.identity.service import issue_tokens

    user = session.get(User, user_id, populate_existing=True)  # token_version may have moved
    assert user is not None, user_id
    return {"Authorization": f"Bearer {issue_tokens(user, now()).access_token}"}


def install_test_identity(client: object, session_of: object) -> None:
    """Make `client` turn X-Xiuhua-* test headers into a real user and bearer token."""
    from app.identity.models import ROLE_CODES

    def hook(request: object) -> None:
        headers = request.headers  # type: ignore[attr-defined]
        role = headers.pop("X-Xiuhua-Role", None)
        user = headers.pop("X-Xiuhua-User", None)
        unit = headers.pop("X-Xiuhua-Unit", None)
        if role is None or "Authorization" in headers:
            return
        if role not in ROLE_CODES:  # "", "system", "mayor": no identity a user could hold
            headers["Authorization"] = "Bearer not-a-valid-token"
            return
        session = session_of()  # type: ignore[operator]
        uid = ensure_test_user(
            session, role, int(user) if user else None, int(unit) if unit else None
        )
        session.flush()
        headers.update(bearer_for(session, uid))

    client.event_hooks = {"request": [hook], "response": []}  # type: ignore[attr-defined]
