"""Administration of users (账号) and API keys (API 密钥): admin only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from app.api.auth import Allow, user_read
from app.api.deps import SessionDep
from app.api.errors import ERROR_RESPONSES
from app.cases import workflow as wf
from app.core.clock import now as clock_now
from app.identity import service as accounts
from app.identity.models import ApiKey

router = APIRouter(prefix="/api/v1/admin", tags=["管理 admin"], responses=ERROR_RESPONSES)
AdminDep = Annotated[wf.Actor, Depends(Allow(wf.Role.admin))]


class UserCreate(BaseModel):
    """新建用户."""

    username: str = Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    role: str = Field(
        description="角色："
        + "、".join(f"{r.value}（{r.label}）" for r in wf.Role if r is not wf.Role.system)
    )
    display_name: str | None = Field(default=None, max_length=100, description="姓名")
    password: str | None = Field(default=None, min_length=8, max_length=200)
    unit: str | None = Field(default=None, description="所属单位编码（处置单位用户必填）")
    districts: list[str] = Field(default_factory=list, description="辖区（区县代码）；空 = 全市")
    cells: list[str] = Field(default_factory=list, description="监督员责任网格（15 位编码）")
    communities: list[str] = Field(default_factory=list, description="监督员责任社区（12 位编码）")


class UserUpdate(BaseModel):
    """修改用户（未给出的字段不变）；改密码、角色、单位或停用会吊销该用户的全部令牌."""

    role: str | None = None
    display_name: str | None = Field(default=None, max_length=100)
    password: str | None = Field(default=None, min_length=8, max_length=200)
    unit: str | None = None
    districts: list[str] | None = None
    cells: list[str] | None = None
    communities: list[str] | None = None
    active: bool | None = None


class ApiKeyCreate(BaseModel):
    """新建 API 密钥（明文只在创建时返回一次）."""

    name: str = Field(min_length=1, max_length=100)
    scopes: list[str] = Field(
        default_factory=lambda: ["open311"],
        description="范围：" + "、".join(f"{k}（{v}）" for k, v in accounts.API_KEY_SCOPES.items()),
    )
    rate_per_min: int | None = Field(default=None, gt=0, description="每分钟请求上限")


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
    )


@router.get("/users", summary="用户列表", description="用户列表，可只列某一角色。")
def list_users(
    session: SessionDep, _actor: AdminDep, role: Annotated[str | None, Query()] = None
) -> list[dict[str, Any]]:
    """List users, optionally of one role."""
    return [user_read(session, u) for u in accounts.list_users(session, role)]


@router.post(
    "/users", summary="新建用户", status_code=201, description="新建用户；用户名已存在返回 409。"
)
def create_user(session: SessionDep, _actor: AdminDep, body: UserCreate) -> dict[str, Any]:
    """Create a user; 409 when the username exists."""
    user = accounts.create_user(
        session, _user_input(body, username=body.username, role=body.role), clock_now()
    )
    return user_read(session, user)


@router.get("/users/{user_id}", summary="用户详情", description="一个用户的详情。")
def read_user(session: SessionDep, _actor: AdminDep, user_id: int) -> dict[str, Any]:
    """Return one user."""
    return user_read(session, accounts.get_user(session, user_id))


@router.patch(
    "/users/{user_id}",
    summary="修改用户（改密码/角色/单位/停用即吊销令牌）",
    description="修改用户（角色、单位、辖区、停用等），只改提交的字段。",
)
def update_user(
    session: SessionDep, _actor: AdminDep, user_id: int, body: UserUpdate
) -> dict[str, Any]:
    """Change a user."""
    user = accounts.get_user(session, user_id)
    user = accounts.update_user(
        session,
        user_id,
        _user_input(body, username=user.username, role=body.role or "", active=body.active),
        clock_now(),
    )
    return user_read(session, user)


@router.get(
    "/api-keys",
    summary="API 密钥列表（不含明文）",
    description="API 密钥列表，最新的在前（不含密钥原文）。",
)
def list_keys(session: SessionDep, _actor: AdminDep) -> list[dict[str, Any]]:
    """List keys, newest first."""
    return [_key_read(k) for k in accounts.list_api_keys(session)]


@router.post(
    "/api-keys",
    summary="新建 API 密钥（明文只返回这一次）",
    status_code=201,
    description="新建 API 密钥；返回中的 `key` 字段是唯一一次显示密钥原文，请立即保存。",
)
def create_key(session: SessionDep, _actor: AdminDep, body: ApiKeyCreate) -> dict[str, Any]:
    """Create a key; the `key` field is the only time the secret is shown."""
    key, raw = accounts.create_api_key(
        session, body.name, body.scopes, clock_now(), body.rate_per_min
    )
    return _key_read(key) | {"key": raw}


@router.delete(
    "/api-keys/{key_id}",
    summary="吊销 API 密钥",
    description="吊销 API 密钥；吊销后仍在列表中，带 `revoked_at`。",
)
def revoke_key(session: SessionDep, _actor: AdminDep, key_id: int) -> dict[str, Any]:
    """Revoke a key; it stays listed with `revoked_at`."""
    return _key_read(accounts.revoke_api_key(session, key_id, clock_now()))
