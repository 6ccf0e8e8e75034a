"""Accounts: users and passwords (argon2), JWT access/refresh tokens, API keys with rate limits.

Every authenticated request becomes a `workflow.Actor` carrying the caller's role, unit and
scope; what the actor may see is decided in SQL by `app.cases.scope`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, delete, or_, select, text, update
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.core.db import driver_sql, fetch_one, fetch_row, side_statement
from app.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotConfigured,
    NotFound,
    RateLimited,
    Unauthenticated,
)
from app.grid.models import Cell, Community, District, Unit
from app.identity import throttle
from app.identity.models import ApiKey, PatrolArea, RefreshToken, User
from app.identity.roles import ROLE_CODES, Role

_HASHER = PasswordHasher()
# A hash of a random password: checked when the user is unknown, so timing does not tell.
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))
JWT_ALGORITHM = "HS256"
MIN_PASSWORD_LENGTH = 8
SCOPED_ROLES = {"operator", "shift_leader", "dispatcher", "hotline_agent", "leader", "inspector"}
API_KEY_SCOPES = {
    "open311": "Open311 GeoReport v2 前端（提交诉求、发布进展）",
    "intake": "视频/物联网等机器来源上报案卷",
}


# --- passwords and users ------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """Return an argon2id hash of `password` (raise InvalidInput when too short)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"密码至少 {MIN_PASSWORD_LENGTH} 位", field="password")
    return _HASHER.hash(password)


@dataclass(frozen=True, slots=True)
class UserInput:
    """What an admin gives to create or change a user (None = leave unchanged on update).

    `city_wide` says explicitly that a scoped role works for the whole city (no districts);
    `active=False` creates a disabled account, the only kind that may have no password yet.
    """

    username: str
    role: str
    display_name: str | None = None
    password: str | None = None
    unit_code: str | None = None
    districts: Sequence[str] | None = None
    cells: Sequence[str] | None = None
    communities: Sequence[str] | None = None
    active: bool | None = None
    city_wide: bool | None = None


class LastAdmin(Conflict):
    """The change would leave no active administrator."""

    code = "last_admin"
    message = "不能停用或降级最后一个启用的系统管理员"


class ScopeRequired(InvalidInput):
    """A role that works within a scope was given none."""

    code = "scope_required"
    message = "缺少该角色必需的工作范围"


class PasswordRequired(InvalidInput):
    """An active account must be able to log in."""

    code = "password_required"
    message = "启用的账号必须设置密码"


class UnknownReference(InvalidInput):
    """A unit, district, cell or community named in the input does not exist."""

    code = "unknown_reference"
    message = "引用的对象不存在"


# role → what it must be given (districts: 辖区 or city_wide; inspectors: 责任网格/社区 too)
DISTRICT_ROLES = {"operator", "shift_leader", "dispatcher", "hotline_agent", "leader"}


def _check_role(role: str) -> None:
    if role not in ROLE_CODES:
        raise InvalidInput(
            f"未知角色 '{role}'，可选：{'、'.join(ROLE_CODES)}", field="role", role=role
        )


def _resolve_unit(session: Session, role: str, unit_code: str | None) -> int | None:
    if role != "unit_handler":
        if unit_code:
            raise InvalidInput("只有处置单位用户（unit_handler）属于单位", field="unit")
        return None
    if not unit_code:
        raise ScopeRequired("处置单位用户必须指定所属单位（单位编码）", field="unit")
    unit_id = session.scalar(select(Unit.id).where(Unit.code == unit_code))
    if unit_id is None:
        raise UnknownReference(f"单位 '{unit_code}' 不存在", field="unit", unit=unit_code)
    return unit_id


_FIELDS = {"区县": "districts", "单元网格": "cells", "社区": "communities"}


def _check_codes(session: Session, model: Any, codes: Sequence[str], what: str) -> list[str]:
    wanted = sorted(set(codes))
    if not wanted:
        return []
    found = set(session.scalars(select(model.code).where(model.code.in_(wanted))))
    missing = [c for c in wanted if c not in found]
    if missing:
        raise UnknownReference(
            f"{what}不存在：{'、'.join(missing[:10])}", field=_FIELDS[what], missing=missing
        )
    return wanted


def _check_scope(role: str, districts: Sequence[str], has_area: bool, city_wide: bool) -> None:
    """Refuse a scoped role without its scope (unless explicitly city-wide)."""
    if role == "inspector":
        if not (has_area or districts or city_wide):
            raise ScopeRequired(
                "监督员必须分配责任网格或责任社区，或指定辖区（区县）；全市范围须明确选择“全市”",
                field="cells",
            )
    elif role in DISTRICT_ROLES and not (districts or city_wide):
        raise ScopeRequired(
            f"“{Role(role).label}”必须指定辖区（区县代码）；全市范围须明确选择“全市”",
            field="districts",
        )
    if city_wide and districts:
        raise InvalidInput("“全市”与指定辖区不能同时选择", field="districts")


def _has_area(session: Session, user_id: int) -> bool:
    found = session.scalar(
        select(PatrolArea.code).where(PatrolArea.inspector_id == user_id).limit(1)
    )
    return found is not None


def _check_password(user: User, active: bool | None = None) -> None:
    if (user.active if active is None else active) and not user.password_hash:
        raise PasswordRequired(
            "启用的账号必须设置密码（没有密码的账号只能以停用状态创建，设置密码后再启用）",
            field="password",
        )


def _check_admins_remain(session: Session, user: User) -> None:
    """Refuse when `user` is the last active admin (rows locked: concurrent changes wait)."""
    others = session.scalars(
        select(User.id)
        .where(User.role == "admin", User.active.is_(True), User.id != user.id)
        .with_for_update()
    ).all()
    if not others:
        raise LastAdmin(
            "这是最后一个启用的系统管理员，不能停用或改为其他角色：请先创建或启用另一个管理员",
            user_id=user.id,
        )


def create_user(session: Session, inp: UserInput, now: datetime) -> User:
    """Create a user (raise Conflict when the username is taken, InvalidInput on bad data)."""
    _check_role(inp.role)
    if session.scalar(select(User.id).where(User.username == inp.username)) is not None:
        raise Conflict(f"用户名 '{inp.username}' 已存在", username=inp.username)
    has_area = bool(inp.cells or inp.communities)
    _check_scope(inp.role, inp.districts or (), has_area, bool(inp.city_wide))
    if has_area:  # checked before the row is written: a refusal leaves nothing behind
        if inp.role != "inspector":
            raise InvalidInput("只有监督员（inspector）分配网格/社区", field="cells")
        _check_codes(session, Cell, inp.cells or (), "单元网格")
        _check_codes(session, Community, inp.communities or (), "社区")
    user = User(
        username=inp.username,
        display_name=inp.display_name or inp.username,
        role=inp.role,
        unit_id=_resolve_unit(session, inp.role, inp.unit_code),
        district_codes=_check_codes(session, District, inp.districts or (), "区县"),
        password_hash=hash_password(inp.password) if inp.password else None,
        active=True if inp.active is None else inp.active,
        token_version=0,
        created_at=now,
        updated_at=now,
    )
    _check_password(user)
    session.add(user)
    session.flush()
    _set_areas(session, user, inp)
    return user


def update_user(session: Session, user_id: int, inp: UserInput, now: datetime) -> User:
    """Change a user; a new password, role, unit or deactivation revokes the user's tokens.

    Refuses to leave no active admin (LastAdmin), an enabled account without password, and a
    scoped role without its scope when the role or scope changes.
    """
    user = get_user(session, user_id)
    revoke = False
    # refusals that depend only on the input come before any change
    active_after = user.active if inp.active is None else inp.active
    if (
        user.role == "admin"
        and user.active
        and not ((inp.role or "admin") == "admin" and active_after)
    ):
        _check_admins_remain(session, user)
    if inp.active and not user.active and not (inp.password or user.password_hash):
        _check_password(user, active=True)
    scope_changed = inp.role is not None and inp.role != "" and inp.role != user.role
    if inp.role and inp.role != user.role:
        _check_role(inp.role)
        user.role, revoke = inp.role, True
    if inp.unit_code is not None or inp.role:
        new_unit = _resolve_unit(session, user.role, inp.unit_code)
        revoke = revoke or new_unit != user.unit_id
        user.unit_id = new_unit
    if inp.districts is not None:
        user.district_codes = _check_codes(session, District, inp.districts, "区县")
        scope_changed = True
    if inp.display_name is not None:
        user.display_name = inp.display_name
    if inp.password:
        user.password_hash, revoke = hash_password(inp.password), True
    if inp.active is not None and inp.active != user.active:
        user.active, revoke = inp.active, revoke or not inp.active
    if revoke:
        user.token_version += 1
    user.updated_at = now
    _set_areas(session, user, inp)
    scope_changed = scope_changed or inp.cells is not None or inp.communities is not None
    if scope_changed or inp.city_wide is not None:
        has_area = user.role == "inspector" and _has_area(session, user.id)
        _check_scope(user.role, user.district_codes, has_area, bool(inp.city_wide))
    session.flush()
    return user


def find_user(session: Session, ref: str) -> User:
    """Return a user by id (digits) or username; raise NotFound."""
    user = (
        session.get(User, int(ref))
        if ref.isdigit()
        else session.scalar(select(User).where(User.username == ref))
    )
    if user is None:
        raise NotFound(f"用户 '{ref}' 不存在", user=ref)
    return user


def _set_areas(session: Session, user: User, inp: UserInput) -> None:
    if inp.cells is None and inp.communities is None:
        return
    if user.role != "inspector" and (inp.cells or inp.communities):
        raise InvalidInput("只有监督员（inspector）分配网格/社区", field="cells")
    cells = _check_codes(session, Cell, inp.cells or (), "单元网格")
    communities = _check_codes(session, Community, inp.communities or (), "社区")
    session.execute(delete(PatrolArea).where(PatrolArea.inspector_id == user.id))
    session.add_all(
        [PatrolArea(inspector_id=user.id, kind="cell", code=c) for c in cells]
        + [PatrolArea(inspector_id=user.id, kind="community", code=c) for c in communities]
    )
    session.flush()


def get_user(session: Session, user_id: int) -> User:
    """Return a user or raise NotFound."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在", user_id=user_id)
    return user


def list_users(session: Session, role: str | None = None) -> list[User]:
    """Return users ordered by id, optionally of one role."""
    q = select(User).order_by(User.id)
    if role:
        q = q.where(User.role == role)
    return list(session.scalars(q))


def user_areas(session: Session, user_id: int) -> dict[str, list[str]]:
    """Return an inspector's assigned cells and communities."""
    out: dict[str, list[str]] = {"cell": [], "community": []}
    for kind, code in session.execute(
        select(PatrolArea.kind, PatrolArea.code)
        .where(PatrolArea.inspector_id == user_id)
        .order_by(PatrolArea.kind, PatrolArea.code)
    ):
        out[kind].append(code)
    return out


def authenticate(session: Session, username: str, password: str) -> User:
    """Return the active user with this password (raise Unauthenticated, same message either way)."""
    user = session.scalar(select(User).where(User.username == username))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        ok: bool = _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or not user.active or not user.password_hash:
        raise Unauthenticated("用户名或密码错误")
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return user


def login(session: Session, username: str, password: str, ip: str | None, now: datetime) -> User:
    """Check a login against the throttle and the password; count a failure.

    Raises LoginLocked (429, nothing checked) while the username or the address is locked, and
    Unauthenticated (or LoginLocked when this failure starts a lock) after counting a failure:
    the caller keeps the unit of work (the count) and answers the error.
    """
    lock = throttle.current_lock(session, username, ip, now)
    if lock is not None:
        raise throttle.locked_error(lock, now)
    try:
        user = authenticate(session, username, password)
    except Unauthenticated:
        started = throttle.record_failure(session, username, ip, now)
        if started is not None:
            raise throttle.locked_error(started, now) from None
        raise
    throttle.record_success(session, username)
    return user


def patrol_inspector(
    session: Session, cell_code: str | None, community_code: str | None
) -> int | None:
    """Return the active inspector patrolling a cell, else its community (None: nobody).

    Among several, the lowest id (deterministic).
    """
    return session.scalar(
        select(PatrolArea.inspector_id)
        .join(User, User.id == PatrolArea.inspector_id)
        .where(
            or_(
                and_(PatrolArea.kind == "cell", PatrolArea.code == cell_code),
                and_(PatrolArea.kind == "community", PatrolArea.code == community_code),
            ),
            User.active,
        )
        .order_by(PatrolArea.kind, PatrolArea.inspector_id)  # 'cell' sorts before 'community'
        .limit(1)
    )


# --- tokens -------------------------------------------------------------------------------------


def _secret() -> str:
    secret = get_settings().jwt_secret
    if secret is None or len(secret.get_secret_value()) < 32:
        raise NotConfigured(
            "未配置令牌密钥 XIUHUA_JWT_SECRET（至少 32 个字符）；`make run` 会在 .env 中生成",
            setting="XIUHUA_JWT_SECRET",
        )
    return secret.get_secret_value()


@dataclass(frozen=True, slots=True)
class TokenPair:
    """An OAuth2 token answer: a short-lived access token and a longer refresh token."""

    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)


def _encode(
    user: User, kind: str, lifetime: timedelta, now: datetime, jti: str, family: str | None = None
) -> str:
    claims: dict[str, Any] = {
        "sub": str(user.id),
        "role": user.role,
        "ver": user.token_version,
        "typ": kind,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "jti": jti,
    }
    if family is not None:
        claims["fam"] = family
    return jwt.encode(claims, _secret(), algorithm=JWT_ALGORITHM)


def issue_tokens(
    user: User, now: datetime, session: Session | None = None, family: str | None = None
) -> TokenPair:
    """Return a new access + refresh token pair for an active user.

    With a session the refresh token is recorded (a new family at login, or the next token of
    `family` at a refresh) and can be exchanged once; without one it cannot be exchanged.
    """
    s = get_settings()
    access = timedelta(minutes=s.access_token_minutes)
    lifetime = timedelta(days=s.refresh_token_days)
    jti, family = secrets.token_hex(16), family or secrets.token_hex(16)
    if session is not None:
        session.add(
            RefreshToken(
                jti=jti,
                family=family,
                user_id=user.id,
                issued_at=now,
                expires_at=now + lifetime,
            )
        )
        session.flush()
    return TokenPair(
        access_token=_encode(user, "access", access, now, secrets.token_hex(8)),
        refresh_token=_encode(user, "refresh", lifetime, now, jti, family),
        expires_in=int(access.total_seconds()),
    )


def _claims(token: str) -> Mapping[str, Any]:
    try:
        return _verified(token, _secret())
    except jwt.PyJWTError:
        raise Unauthenticated("令牌无效") from None


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str) -> Mapping[str, Any]:
    """Return the claims of a token whose signature checks under `secret` (raise otherwise).

    Cached: the same bytes under the same key verify the same way, so a client's every request
    does not recompute the HMAC; a refused token is not cached (the error propagates). Expiry,
    type and the user's token version are checked by the callers on every request.
    """
    claims: dict[str, Any] = jwt.decode(
        token,
        secret,
        algorithms=[JWT_ALGORITHM],
        options={"require": ["sub", "exp", "typ", "ver"], "verify_exp": False},
    )
    return MappingProxyType(claims)


def _valid_claims(token: str, kind: str, now: datetime) -> Mapping[str, Any]:
    claims = _claims(token)
    if claims["typ"] != kind:
        raise Unauthenticated("令牌类型不符" + ("（请使用访问令牌）" if kind == "access" else ""))
    if int(claims["exp"]) <= int(now.timestamp()):
        raise Unauthenticated("令牌已过期，请刷新或重新登录", expired=True)
    return claims


def user_from_token(session: Session, token: str, kind: str, now: datetime) -> User:
    """Return the active user a valid token of `kind` names (raise Unauthenticated otherwise)."""
    claims = _valid_claims(token, kind, now)
    user = session.get(User, int(claims["sub"]))
    if user is None or not user.active or user.token_version != claims["ver"]:
        raise Unauthenticated("令牌已被撤销，请重新登录")
    return user


@dataclass(frozen=True, slots=True)
class Caller:
    """The bearer of an access token as one statement reads it: who, where, and their names.

    `areas`: the patrol cells and communities of an inspector (empty for other roles' users);
    `name`: the display name, else the username; `unit_name`: the name of the user's unit.
    """

    id: int
    role: str
    unit_id: int | None
    district_codes: tuple[str, ...]
    areas: tuple[str, ...]
    name: str
    unit_name: str | None


# The user, the unit's name and the patrol areas in one round trip (every staff request runs it).
_CALLER_SQL = driver_sql(
    "SELECT u.id, u.role, u.unit_id, u.district_codes, u.active, u.token_version,"
    " coalesce(nullif(u.display_name, ''), u.username) AS name, gu.name AS unit_name,"
    " ARRAY(SELECT p.code FROM dispatch_patrol_area p WHERE p.inspector_id = u.id"
    " ORDER BY p.kind, p.code) AS areas"
    " FROM account_user u LEFT JOIN grid_unit gu ON gu.id = u.unit_id WHERE u.id = :id"
)


def caller_from_token(session: Session, token: str, now: datetime) -> Caller:
    """Return the active user of a valid access token, read in one statement (else Unauthenticated)."""
    claims = _valid_claims(token, "access", now)
    row = fetch_one(session, _CALLER_SQL, {"id": int(claims["sub"])})
    if row is None or not row.active or row.token_version != claims["ver"]:
        raise Unauthenticated("令牌已被撤销，请重新登录")
    return Caller(
        id=row.id,
        role=row.role,
        unit_id=row.unit_id,
        district_codes=tuple(row.district_codes or ()),
        areas=tuple(row.areas or ()),
        name=row.name,
        unit_name=row.unit_name,
    )


class RefreshTokenReused(Unauthenticated):
    """A refresh token was presented again after it had been exchanged: its family is revoked."""

    code = "refresh_token_reused"
    message = "刷新令牌已被使用过，为安全起见已吊销这一登录的全部刷新令牌，请重新登录"


def refresh_tokens(session: Session, refresh_token: str, now: datetime) -> tuple[User, TokenPair]:
    """Exchange a refresh token once for a new pair in the same family (rotation).

    Raises Unauthenticated for an invalid, expired, revoked or unknown token, and
    RefreshTokenReused after revoking the family when a used token comes back (the caller
    keeps the unit of work so the revocation and its identity event are stored).
    """
    user = user_from_token(session, refresh_token, "refresh", now)
    jti = _claims(refresh_token).get("jti")
    row = (
        session.scalar(select(RefreshToken).where(RefreshToken.jti == jti).with_for_update())
        if isinstance(jti, str)
        else None
    )
    if row is None or row.user_id != user.id:
        raise Unauthenticated("刷新令牌无效或已失效，请重新登录")
    if row.revoked_at is not None:
        raise Unauthenticated("刷新令牌已被吊销，请重新登录")
    if row.used_at is not None:
        revoked = len(
            session.execute(
                update(RefreshToken)
                .where(RefreshToken.family == row.family, RefreshToken.revoked_at.is_(None))
                .values(revoked_at=now)
                .returning(RefreshToken.jti)
            ).all()
        )
        throttle.record_event(
            session,
            "refresh_token_reused",
            now,
            user_id=user.id,
            detail={"family": row.family, "revoked": revoked},
        )
        raise RefreshTokenReused(family=row.family)
    row.used_at = now
    return user, issue_tokens(user, now, session, row.family)


def revoke_tokens(session: Session, user_id: int) -> None:
    """Invalidate every token issued to a user so far (logout everywhere)."""
    session.execute(
        update(User).where(User.id == user_id).values(token_version=User.token_version + 1)
    )


# --- API keys -----------------------------------------------------------------------------------


def _key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_api_key(
    session: Session,
    name: str,
    scopes: Sequence[str],
    now: datetime,
    rate_per_min: int | None = None,
) -> tuple[ApiKey, str]:
    """Create a key and return it with the raw secret (shown once; only its hash is stored)."""
    unknown = sorted(set(scopes) - set(API_KEY_SCOPES))
    if not scopes or unknown:
        raise InvalidInput(
            f"API 密钥范围无效：{'、'.join(unknown) or '（空）'}；可选：{'、'.join(API_KEY_SCOPES)}",
            field="scope",
        )
    if rate_per_min is not None and rate_per_min <= 0:
        raise InvalidInput("限流必须是正整数（每分钟请求数）", field="rate_per_min")
    if session.scalar(select(ApiKey.id).where(ApiKey.name == name)) is not None:
        raise Conflict(f"API 密钥名称 '{name}' 已存在", name=name)
    prefix = secrets.token_hex(4)
    raw = f"xh_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        name=name,
        prefix=prefix,
        key_hash=_key_hash(raw),
        scopes=sorted(set(scopes)),
        rate_per_min=rate_per_min or get_settings().api_key_rate_per_min,
        created_at=now,
    )
    session.add(key)
    session.flush()
    return key, raw


def revoke_api_key(session: Session, key_id: int, now: datetime) -> ApiKey:
    """Revoke a key (it stays listed, marked revoked)."""
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound("API 密钥不存在", key_id=key_id)
    if key.revoked_at is None:
        key.revoked_at = now
        session.flush()  # the key check reads the row in SQL (`_USE_KEY`), not this session
    return key


def list_api_keys(session: Session) -> list[ApiKey]:
    """Return every key (never the secret), newest first."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id.desc())))


@dataclass(frozen=True, slots=True)
class KeyUse:
    """The live API key a request was counted against (a copy of its row, not an ORM object)."""

    id: int
    name: str
    scopes: tuple[str, ...]
    rate_per_min: int
    used: int  # requests counted against the key in this minute, this one included


# One statement on an autocommit connection: the key found by its prefix, and this request
# counted against its current minute only when the key is still the one presented (same hash),
# not revoked and holds the scope. The key row is read in the statement's own snapshot, so a
# revocation or a new limit committed by any process is seen by the very next request; nothing
# about a key is cached between requests. The counter row is locked for this one statement, never
# until the request commits, so requests under one key run side by side.
_USE_KEY = driver_sql(
    "WITH k AS ("
    " SELECT id, name, key_hash, scopes, rate_per_min, revoked_at FROM account_api_key"
    " WHERE prefix = :p),"
    " u AS ("
    " INSERT INTO account_api_key_usage (key_id, window_start, count)"
    " SELECT id, :w, :n FROM k"
    " WHERE key_hash = :h AND revoked_at IS NULL AND CAST(:s AS varchar) = ANY (scopes)"
    " ON CONFLICT (key_id, window_start)"
    " DO UPDATE SET count = account_api_key_usage.count + EXCLUDED.count RETURNING count)"
    " SELECT k.id, k.name, k.key_hash, k.scopes, k.rate_per_min, k.revoked_at,"
    " (SELECT count FROM u) AS used FROM k"
)


def authenticate_api_key(
    session: Session, raw: str | None, scope: str, now: datetime, cost: int = 1
) -> KeyUse:
    """Return the live key with `scope` and count this request against its per-minute budget.

    `cost`: how many requests this call counts as (a batch of reports counts each report).

    One round trip, outside the request's transaction (see `_USE_KEY`): the count is exact (one
    atomic upsert per request) and shared by every API process; a request refused later, or
    over the limit, still counts; a missing, unknown, revoked or out-of-scope key does not.

    Raises Forbidden (missing, unknown, revoked or out-of-scope key) or RateLimited (the
    key's budget for this minute is spent).
    """
    if not raw:
        raise Forbidden("缺少 api_key", reason="missing_api_key")
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != "xh":
        raise Forbidden("api_key 无效", reason="invalid_api_key")
    digest = _key_hash(raw)
    window = now.replace(second=0, microsecond=0)
    with side_statement(session) as conn:
        row = fetch_row(
            conn, _USE_KEY, {"p": parts[1], "h": digest, "s": scope, "w": window, "n": cost}
        )
        if row is not None and row.used == cost:
            # a new window: forget this key's windows older than an hour, and note the use
            # (last_used_at to the minute, written once per window, not a lock per request)
            conn.execute(
                text(
                    "DELETE FROM account_api_key_usage WHERE key_id = :k"
                    " AND window_start < CAST(:w AS timestamptz) - interval '1 hour'"
                ),
                {"k": row.id, "w": window},
            )
            conn.execute(
                text("UPDATE account_api_key SET last_used_at = :now WHERE id = :k"),
                {"k": row.id, "now": now},
            )
    if row is None or not hmac.compare_digest(row.key_hash, digest):
        raise Forbidden("api_key 无效", reason="invalid_api_key")
    if row.revoked_at is not None:
        raise Forbidden("api_key 已被吊销", reason="revoked_api_key")
    if scope not in row.scopes:
        raise Forbidden(f"api_key 无权访问“{scope}”", reason="scope", scope=scope)
    if row.used > row.rate_per_min:
        raise RateLimited(
            f"该 API 密钥每分钟最多 {row.rate_per_min} 次请求",
            retry_after_s=60 - now.second,
            limit=row.rate_per_min,
        )
    return KeyUse(row.id, row.name, tuple(row.scopes), row.rate_per_min, row.used)
