"""Users with a role and a scope, their assigned areas, and API keys for machine clients."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base
from app.grid.codes import code_regex
from app.identity.roles import ROLE_CODES


class User(Base):
    """账号: one person with one role (DOMAIN.md §1) and the scope the role works in.

    - `unit_id`: the unit of a unit handler (处置单位); required for that role only.
    - `district_codes`: the districts an operator, shift leader, dispatcher, hotline agent,
      leader or inspector works in; an empty list means every district (city level). Admins
      are never scoped.
    - inspectors are also assigned cells/communities (`dispatch_patrol_area`), their patrol area.
    - `token_version` is bumped to revoke every token issued so far (password change, disable).
    """

    __tablename__ = "account_user"
    __table_args__ = (
        CheckConstraint(
            "role IN (" + ",".join(f"'{r}'" for r in ROLE_CODES) + ")",
            name="role",
        ),
        CheckConstraint("role <> 'unit_handler' OR unit_id IS NOT NULL", name="handler_unit"),
        CheckConstraint(r"username ~ '^[A-Za-z0-9_.@-]{2,64}$'", name="username_format"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("grid_unit.id", ondelete="RESTRICT"), index=True
    )
    district_codes: Mapped[list[str]] = mapped_column(
        ARRAY(String(6)), server_default=text("'{}'::varchar[]")
    )
    password_hash: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    token_version: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ApiKey(Base):
    """API 密钥 for a machine client (an Open311 front end, a video/IoT feed).

    The key is shown once at creation (`xh_<prefix>_<secret>`); only its SHA-256 is stored
    (the secret has 256 bits of entropy, so a fast hash is safe here, unlike passwords).
    """

    __tablename__ = "account_api_key"
    __table_args__ = (CheckConstraint("rate_per_min > 0", name="rate_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    rate_per_min: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ApiKeyUsage(Base):
    """Requests per key per minute window: the shared counter behind each key's rate limit."""

    __tablename__ = "account_api_key_usage"

    key_id: Mapped[int] = mapped_column(
        ForeignKey("account_api_key.id", ondelete="CASCADE"), primary_key=True
    )
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, server_default="0")


class LoginThrottle(Base):
    """Failed logins per account (username) and per client address, and their lockouts.

    Counted in PostgreSQL so every API process shares the counters. `failures` count within the
    window starting at `window_start`; reaching the limit locks the key until `locked_until`
    (each further lockout of the same key lasts twice as long, up to a maximum).
    """

    __tablename__ = "account_login_throttle"
    __table_args__ = (CheckConstraint("kind IN ('account','ip')", name="kind"),)

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, server_default="0")
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lockouts: Mapped[int] = mapped_column(Integer, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AccountEvent(Base):
    """Identity events kept for audit: lockouts, unlocks, refresh-token reuse (append-only)."""

    __tablename__ = "account_event"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    username: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("account_user.id", ondelete="SET NULL"), index=True
    )
    ip: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("account_user.id", ondelete="SET NULL"))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class RefreshToken(Base):
    """An issued refresh token (by its `jti`): used once, then replaced within its family.

    A login starts a family; each refresh marks the presented token used and issues the next
    one in the same family. Presenting a used token again (a stolen copy) revokes the family.
    """

    __tablename__ = "account_refresh_token"

    jti: Mapped[str] = mapped_column(String(32), primary_key=True)
    family: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("account_user.id", ondelete="CASCADE"), index=True
    )
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PatrolArea(Base):
    """An inspector's patrol area (责任网格): a grid cell or a whole community.

    Verify (核实) and check (核查) tasks go to the inspector patrolling the case's cell (else its
    community); a report from outside the reporter's areas is accepted and flagged.
    """

    __tablename__ = "dispatch_patrol_area"
    __table_args__ = (
        CheckConstraint("kind IN ('cell','community')", name="kind"),
        CheckConstraint(
            f"(kind = 'cell' AND code ~ '{code_regex('cell')}')"
            f" OR (kind = 'community' AND code ~ '{code_regex('community')}')",
            name="code_format",
        ),
    )

    inspector_id: Mapped[int] = mapped_column(
        ForeignKey("account_user.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(15), primary_key=True, index=True)
