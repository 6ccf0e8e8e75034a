"""Real identities for the HTTP stages: users with passwords, logged in through the API.

The API accepts only `Authorization: Bearer <token>` (users) and `X-API-Key` (machine feeds);
the bench creates what it needs in the database it measures (a clone or a scratch database,
never the configured one unless `--stats-db` names it), then logs in like a client does.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

BENCH_PASSWORD_ENV = "XIUHUA_BENCH_PASSWORD"


def ensure_jwt_secret() -> None:
    """Make sure this process and the uvicorn it starts share a token key (≥ 32 characters)."""
    from app.core.config import get_settings

    if get_settings().jwt_secret is None:
        os.environ["XIUHUA_JWT_SECRET"] = "bench-" + secrets.token_hex(24)
        get_settings.cache_clear()


def bench_password() -> str:
    """The password of every bench user (random per run unless XIUHUA_BENCH_PASSWORD is set)."""
    if not os.environ.get(BENCH_PASSWORD_ENV):
        os.environ[BENCH_PASSWORD_ENV] = secrets.token_urlsafe(18)
    return os.environ[BENCH_PASSWORD_ENV]


def ensure_user(database_url: str, username: str, role: str, unit_code: str | None = None) -> int:
    """Create (or re-activate with the bench password) a user in `database_url`; return its id."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from app.core.clock import now
    from app.identity.models import User
    from app.identity.service import UserInput, create_user, hash_password

    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            user = s.scalar(select(User).where(User.username == username))
            if user is None:
                user = create_user(
                    s,
                    UserInput(
                        username=username,
                        role=role,
                        password=bench_password(),
                        unit_code=unit_code,
                        # a scoped role (leader, dispatcher, …) sees the whole city, explicitly
                        city_wide=True,
                    ),
                    now(),
                )
            else:
                user.password_hash = hash_password(bench_password())
                user.active = True
            s.commit()
            return int(user.id)
    finally:
        engine.dispose()


def login(client: Any, username: str) -> dict[str, str]:
    """Log in through `POST /api/v1/auth/token` (an httpx client); return the bearer header."""
    r = client.post("/api/v1/auth/token", data={"username": username, "password": bench_password()})
    if r.status_code != 200:
        raise RuntimeError(f"login {username}: {r.status_code} {r.text[:200]}")
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def ensure_api_key(database_url: str, name: str, scopes: list[str], rate_per_min: int) -> str:
    """Create an API key with `scopes` in `database_url` (a fresh one each call); return it raw."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.core.clock import now
    from app.identity.service import create_api_key

    engine = create_engine(database_url)
    try:
        with Session(engine) as s:
            _, raw = create_api_key(
                s, f"{name}-{secrets.token_hex(4)}", scopes, now(), rate_per_min=rate_per_min
            )
            s.commit()
            return raw
    finally:
        engine.dispose()
