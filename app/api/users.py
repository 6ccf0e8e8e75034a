"""Administration of users (账号) and API keys (API 密钥): admin only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from app.api.auth import Allow, user_read
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.edge import CleanStr, PgInt
from app.api.schemas.identity import (
    AccountEventRead,
    ApiKeyCreated,
    ApiKeyRead,
    LoginLockRead,
    UnlockResult,
    UserRead,
)
from app.cases import workflow as wf
from app.identity import service as accounts
from app.identity import throttle
from app.identity.models import ApiKey

router = APIRouter(prefix="/api/v1/admin", tags=["管理 admin"], responses=ERROR_RESPONSES)
AdminDep = Annotated[wf.Actor, Depends(Allow(wf.Role.admin))]


class UserCreate(BaseModel):
    """新建用户."""

    username: CleanStr = Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    role: CleanStr = Field(
        description="角色："
        + "、".join(f"{r.value}（{r.label}）" for r in wf.Role if r is not wf.Role.system)
    )
    display_name: CleanStr | None = Field(default=None, max_length=100, description="姓名")
    password: CleanStr | None = Field(
        default=None,
        min_length=8,
        max_length=200,
        description="密码（至少 8 位）；不设密码的账号只能以停用状态（active=false）创建",
    )
    unit: CleanStr | None = Field(default=None, description="所属单位编码（处置单位用户必填）")
    districts: list[CleanStr] = Field(
        default_factory=list,
        description="辖区（区县代码）：受理员、值班长、派遣员、热线坐席、领导必填，"
        "除非 city_wide=true（全市）",
    )
    city_wide: bool = Field(default=False, description="明确选择全市范围（不指定辖区）")
    cells: list[CleanStr] = Field(
        default_factory=list,
        description="监督员责任网格（15 位编码）；监督员须有责任网格、责任社区或辖区之一",
    )
    communities: list[CleanStr] = Field(
        default_factory=list, description="监督员责任社区（12 位编码）"
    )
    active: bool = Field(default=True, description="启用（false = 停用账号，可不设密码）")


class UserUpdate(BaseModel):
    """修改用户（未给出的字段不变）；改密码、角色、单位或停用会吊销该用户的全部令牌."""

    role: CleanStr | None = None
    display_name: CleanStr | None = Field(default=None, max_length=100)
    password: CleanStr | None = Field(default=None, min_length=8, max_length=200)
    unit: CleanStr | None = None
    districts: list[CleanStr] | None = None
    cells: list[CleanStr] | None = None
    communities: list[CleanStr] | None = None
    active: bool | None = Field(
        default=None, description="启用/停用；不能停用或降级最后一个启用的系统管理员"
    )
    city_wide: bool | None = Field(default=None, description="明确选择全市范围（不指定辖区）")


class ApiKeyCreate(BaseModel):
    """新建 API 密钥（明文只在创建时返回一次）."""

    name: CleanStr = Field(min_length=1, max_length=100)
    scopes: list[CleanStr] = Field(
        default_factory=lambda: ["open311"],
        description="范围：" + "、".join(f"{k}（{v}）" for k, v in accounts.API_KEY_SCOPES.items()),
    )
    rate_per_min: PgInt | None = Field(default=None, gt=0, description="每分钟请求上限")


def _key_read(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "name": key.name,
        "prefix": key.prefix,
        "scopes": list(key.scopes),
        "rate_per_min": key.rate_per_min,
        "created_at": key.created_at,
        "revoked_at": key.revoked_at,
        "last_used_at": key.last_used_at,
    }


def _user_input(
    body: UserCreate | UserUpdate, *, username: str, role: str, active: bool | None = None
) -> accounts.UserInput:
    """Map a create/update body onto the service's UserInput (fields not given stay None)."""
    return accounts.UserInput(
        username=username,
        role=role,
        display_name=body.display_name,
        password=body.password,
        unit_code=body.unit,
        districts=body.districts,
        cells=body.cells,
        communities=body.communities,
        active=active,
        city_wide=body.city_wide,
    )


@router.get(
    "/users",
    summary="用户列表",
    description="用户列表，可只列某一角色。",
    response_model=list[UserRead],
)
def list_users(
    session: SessionDep, _actor: AdminDep, role: Annotated[CleanStr | None, Query()] = None
) -> list[dict[str, Any]]:
    """List users, optionally of one role."""
    return [user_read(session, u) for u in accounts.list_users(session, role)]


@router.post(
    "/users",
    summary="新建用户",
    status_code=201,
    description="新建用户；用户名已存在返回 409。",
    response_model=UserRead,
)
def create_user(
    now: NowDep, session: SessionDep, _actor: AdminDep, body: UserCreate
) -> dict[str, Any]:
    """Create a user; 409 when the username exists."""
    user = accounts.create_user(
        session,
        _user_input(body, username=body.username, role=body.role, active=body.active),
        now,
    )
    return user_read(session, user)


@router.get(
    "/users/{user_id}", summary="用户详情", description="一个用户的详情。", response_model=UserRead
)
def read_user(session: SessionDep, _actor: AdminDep, user_id: int) -> dict[str, Any]:
    """Return one user."""
    return user_read(session, accounts.get_user(session, user_id))


@router.patch(
    "/users/{user_id}",
    summary="修改用户（改密码/角色/单位/停用即吊销令牌）",
    description="修改用户（角色、单位、辖区、停用等），只改提交的字段。",
    response_model=UserRead,
)
def update_user(
    now: NowDep, session: SessionDep, _actor: AdminDep, user_id: int, body: UserUpdate
) -> dict[str, Any]:
    """Change a user."""
    user = accounts.get_user(session, user_id)
    user = accounts.update_user(
        session,
        user_id,
        _user_input(body, username=user.username, role=body.role or "", active=body.active),
        now,
    )
    return user_read(session, user)


@router.get(
    "/api-keys",
    summary="API 密钥列表（不含明文）",
    description="API 密钥列表，最新的在前（不含密钥原文）。",
    response_model=list[ApiKeyRead],
)
def list_keys(session: SessionDep, _actor: AdminDep) -> list[dict[str, Any]]:
    """List keys, newest first."""
    return [_key_read(k) for k in accounts.list_api_keys(session)]


@router.post(
    "/api-keys",
    summary="新建 API 密钥（明文只返回这一次）",
    status_code=201,
    description="新建 API 密钥；返回中的 `key` 字段是唯一一次显示密钥原文，请立即保存。",
    response_model=ApiKeyCreated,
)
def create_key(
    now: NowDep, session: SessionDep, _actor: AdminDep, body: ApiKeyCreate
) -> dict[str, Any]:
    """Create a key; the `key` field is the only time the secret is shown."""
    key, raw = accounts.create_api_key(session, body.name, body.scopes, now, body.rate_per_min)
    return _key_read(key) | {"key": raw}


@router.delete(
    "/api-keys/{key_id}",
    summary="吊销 API 密钥",
    description="吊销 API 密钥；吊销后仍在列表中，带 `revoked_at`。",
    response_model=ApiKeyRead,
)
def revoke_key(now: NowDep, session: SessionDep, _actor: AdminDep, key_id: int) -> dict[str, Any]:
    """Revoke a key; it stays listed with `revoked_at`."""
    return _key_read(accounts.revoke_api_key(session, key_id, now))


class UnlockBody(BaseModel):
    """解除登录锁定：用户名、客户端地址，至少给出一个."""

    username: str | None = Field(default=None, min_length=1, max_length=64, description="用户名")
    ip: str | None = Field(default=None, min_length=1, max_length=64, description="客户端地址")


@router.get(
    "/login-locks",
    summary="当前的登录锁定（账号、客户端地址）",
    description="列出仍在生效的登录锁定（按账号或客户端地址），剩余时间最长的在前。",
    response_model=list[LoginLockRead],
)
def list_login_locks(now: NowDep, session: SessionDep, _actor: AdminDep) -> list[dict[str, Any]]:
    """List running login locks, the longest first."""
    return throttle.list_locks(session, now)


@router.post(
    "/login-locks/unlock",
    summary="解除登录锁定（记入账号事件）",
    description="解除一个用户名和/或客户端地址的登录锁定并清零失败次数；解锁记入账号事件。",
    response_model=UnlockResult,
)
def unlock_login(
    now: NowDep, session: SessionDep, actor: AdminDep, body: UnlockBody
) -> dict[str, Any]:
    """Unlock a username and/or an address."""
    released = throttle.unlock(
        session, username=body.username, ip=body.ip, actor_id=actor.user_id, now=now
    )
    return {"released": released}


@router.get(
    "/account-events",
    summary="账号与管理事件（登录锁定、解锁、刷新令牌重复使用、载入工作日历）",
    description="最近的账号与管理事件（登录锁定、管理员解锁、刷新令牌重复使用、管理员载入工作日历"
    " `calendar_loaded`），新的在前。",
    response_model=list[AccountEventRead],
)
def account_events(
    session: SessionDep,
    _actor: AdminDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="最多条数")] = 100,
) -> list[dict[str, Any]]:
    """Return the latest identity events, newest first."""
    return throttle.events(session, limit)
