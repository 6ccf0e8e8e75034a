"""Authentication and the per-endpoint role rule.

Every endpoint declares who may call it, in one of two ways that the role × endpoint test matrix
reads back from the routes:

- `Depends(Allow(Role.x, …))`: an OAuth2 bearer access token of a user with one of those roles
  (401 without a valid token, 403 `forbidden` for another role); the dependency returns the
  caller as a `workflow.Actor` with its scope, and every case query is scoped in SQL with it;
- `Depends(public)`: no identity needed (health, login, grid reads, Open311 reads).

Tokens: `POST /api/v1/auth/token` (OAuth2 password flow, form fields `username`, `password`)
returns a short-lived access token and a refresh token; `POST /api/v1/auth/refresh` exchanges
the refresh token; `POST /api/v1/auth/logout` revokes every token of the user.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from app.api.deps import LoopSessionDep, ReportSessionDep, SessionDep, on_loop
from app.api.errors import ERROR_RESPONSES, domain_error_response
from app.api.schemas.edge import CleanStr
from app.api.schemas.identity import UserRead
from app.cases import workflow as wf
from app.cases.scope import actor_of
from app.core import clock
from app.core.errors import Forbidden, RateLimited, Unauthenticated
from app.identity import service as accounts
from app.identity.models import User

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token",
    auto_error=False,
    description="用户名 + 密码换取访问令牌（OAuth2 password flow）",
)
TokenDep = Annotated[str | None, Depends(oauth2_scheme)]


def token_clock() -> datetime:
    """Return the wall-clock time tokens are issued and checked at (the exception to `NowDep`).

    A token's lifetime is wall-clock time: the JWT library checks `iat` against the real clock,
    so issuing or expiring tokens at a request's (possibly frozen) `NowDep` time would mix two
    clocks. Login, refresh and the bearer check therefore read the clock here, and only here.
    """
    return clock.now()


STAFF_ROLES = tuple(r for r in wf.Role if r is not wf.Role.system)
CENTRE_ROLES = (wf.Role.operator, wf.Role.shift_leader, wf.Role.dispatcher)


class RoleRule:
    """Who may call an endpoint: a valid access token of a user with one of `roles`.

    The rule of the dependencies below: `Allow` (endpoints in the thread pool), `LoopAllow` and
    `ReportAllow` (endpoints on the event loop, app.api.deps.on_loop); the role matrix reads each.
    """

    def __init__(self, *roles: wf.Role, refuse: type[Forbidden] | None = None) -> None:
        self.roles = frozenset(roles)
        self.refuse = refuse or Forbidden

    def actor(self, session: Session, token: str | None) -> wf.Actor:
        """Return the calling actor (raise Unauthenticated 401 / Forbidden 403)."""
        caller = accounts.caller_from_token(session, _bearer(token), token_clock())
        role = wf.Role(caller.role)
        if role not in self.roles:
            raise self.refuse(
                f"角色“{role.label}”无权调用此接口；可调用：{self.label()}",
                role=role.value,
                allowed=sorted(r.value for r in self.roles),
            )
        return actor_of(caller)

    def label(self) -> str:
        """Return the allowed roles in Chinese, in the order of `Role`."""
        return "、".join(r.label for r in wf.Role if r in self.roles)


class Allow(RoleRule):
    """Dependency: the caller holds a valid access token of a user with one of `roles`."""

    def __call__(self, session: SessionDep, token: TokenDep) -> wf.Actor:
        """Return the calling actor (raise Unauthenticated 401 / Forbidden 403)."""
        return self.actor(session, token)


class LoopAllow(RoleRule):
    """`Allow` for an endpoint on the event loop: the same check on its `LoopSessionDep`."""

    async def __call__(self, session: LoopSessionDep, token: TokenDep) -> wf.Actor:
        """Return the calling actor (raise Unauthenticated 401 / Forbidden 403)."""
        return await on_loop(self.actor, session, token)


class ReportAllow(RoleRule):
    """`LoopAllow` for `POST /cases`: the same check on its `ReportSessionDep`."""

    async def __call__(self, session: ReportSessionDep, token: TokenDep) -> wf.Actor:
        """Return the calling actor (raise Unauthenticated 401 / Forbidden 403)."""
        return await on_loop(self.actor, session, token)


def current_user(session: SessionDep, token: TokenDep) -> User:
    """Return the active user of the bearer access token (raise Unauthenticated)."""
    return accounts.user_from_token(session, _bearer(token), "access", token_clock())


def _bearer(token: str | None) -> str:
    if not token:
        raise Unauthenticated("缺少访问令牌：请先登录（Authorization: Bearer <令牌>）")
    return token


async def public() -> None:
    """Dependency marking an endpoint that needs no identity (read by the role matrix test).

    Async: FastAPI would hand a sync dependency to the thread pool, a hop for nothing.
    """


def allowed_roles(dependant: Any) -> frozenset[wf.Role] | None:
    """Return the roles an endpoint's `Allow` admits, frozenset() if public, None if undeclared."""
    for dep in dependant.dependencies:
        if isinstance(dep.call, RoleRule):
            return dep.call.roles
        if dep.call is public:
            return frozenset()
        found = allowed_roles(dep)
        if found is not None:
            return found
    return None


def describe_roles(router: APIRouter) -> APIRouter:
    """Append each route's allowed roles (its Allow/public declaration) to its OpenAPI text."""
    router_public = any(d.dependency is public for d in router.dependencies)
    for route in router.routes:
        if not isinstance(route, APIRoute):
            continue
        roles = allowed_roles(route.dependant)
        if roles is None and router_public:
            roles = frozenset()
        if (
            roles is None
            or "可调用角色" in (route.description or "")
            or "公开接口" in (route.description or "")
        ):
            continue
        who = (
            "公开接口（无需登录）"
            if not roles
            else "可调用角色：" + "、".join(r.label for r in wf.Role if r in roles)
        )
        route.description = f"{route.description or ''}\n\n**{who}**".strip()
    return router


# --- token endpoints ----------------------------------------------------------------------------

router = APIRouter(prefix="/api/v1/auth", tags=["账号 auth"], responses=ERROR_RESPONSES)


class TokenRead(BaseModel):
    """OAuth2 令牌."""

    access_token: str = Field(description="访问令牌（Authorization: Bearer …）")
    token_type: str = Field(default="bearer")
    expires_in: int = Field(description="访问令牌有效期（秒）")
    refresh_token: str = Field(description="刷新令牌（换取新的访问令牌）")
    role: str = Field(description="角色")
    user_id: int


class RefreshBody(BaseModel):
    """刷新令牌."""

    refresh_token: CleanStr = Field(min_length=10, max_length=4000)


def _token_read(user: User, pair: accounts.TokenPair) -> TokenRead:
    return TokenRead(
        access_token=pair.access_token,
        token_type=pair.token_type,
        expires_in=pair.expires_in,
        refresh_token=pair.refresh_token,
        role=user.role,
        user_id=user.id,
    )


@router.post(
    "/token",
    summary="登录：用户名 + 密码换取令牌（OAuth2 password）",
    description=(
        "同一账号或同一客户端地址连续登录失败达到上限即暂时锁定：锁定期间一律 429 "
        "`login_locked`（带 `Retry-After` 秒数），不再校验密码；再次锁定时长加倍。"
        "系统管理员可提前解锁。"
    ),
    response_model=TokenRead,
    dependencies=[Depends(public)],
)
def login(
    request: Request,
    session: SessionDep,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> TokenRead | Response:
    """Check the throttle and the password (argon2); return an access + refresh token pair."""
    now = token_clock()
    ip = request.client.host if request.client else None
    try:
        user = accounts.login(session, form.username, form.password, ip, now)
    except (Unauthenticated, RateLimited) as exc:
        return domain_error_response(
            exc
        )  # the unit of work keeps the failure count and any lockout
    return _token_read(user, accounts.issue_tokens(user, now, session))


@router.post(
    "/refresh",
    summary="用刷新令牌换取新令牌（刷新令牌只能用一次）",
    description=(
        "每个刷新令牌只能换一次：换得新的访问令牌和新的刷新令牌（同一登录的令牌族）。"
        "已用过的刷新令牌再次出现（可能被窃取）时，401 `refresh_token_reused`，"
        "并吊销这一登录的全部刷新令牌，须重新登录。"
    ),
    dependencies=[Depends(public)],
    response_model=TokenRead,
)
def refresh(session: SessionDep, body: RefreshBody) -> TokenRead | Response:
    """Exchange a refresh token once for a new pair (rotation; reuse revokes the family)."""
    try:
        user, pair = accounts.refresh_tokens(session, body.refresh_token, token_clock())
    except accounts.RefreshTokenReused as exc:
        return domain_error_response(exc)  # the unit of work keeps the family's revocation
    return _token_read(user, pair)


def user_read(session: Any, user: User) -> dict[str, Any]:
    """Return a user as plain data (never the password hash)."""
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "role_label": wf.Role(user.role).label,
        "unit_id": user.unit_id,
        "districts": list(user.district_codes),
        "areas": accounts.user_areas(session, user.id) if user.role == "inspector" else None,
        "active": user.active,
        "created_at": user.created_at,
    }


@router.get(
    "/me",
    summary="当前用户（角色、单位、辖区、责任网格）",
    description="当前登录用户：角色、单位、辖区与巡查区域。",
    response_model=UserRead,
)
def me(
    session: SessionDep, actor: Annotated[wf.Actor, Depends(Allow(*STAFF_ROLES))]
) -> dict[str, Any]:
    """Return the calling user."""
    return user_read(session, accounts.get_user(session, actor.user_id or 0))


@router.post(
    "/logout",
    summary="退出登录：吊销本人的全部令牌",
    status_code=204,
    description="注销：作废本人已签发的全部令牌。",
)
def logout(session: SessionDep, actor: Annotated[wf.Actor, Depends(Allow(*STAFF_ROLES))]) -> None:
    """Revoke every token issued to the caller."""
    accounts.revoke_tokens(session, actor.user_id or 0)
