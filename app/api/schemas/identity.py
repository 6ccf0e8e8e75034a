"""Account shapes: users, API keys, login locks and account events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class PatrolAreas(BaseModel):
    """监督员的巡查区域."""

    cell: list[str] = Field(description="责任网格（15 位编码）")
    community: list[str] = Field(description="责任社区（12 位编码）")


class UserRead(BaseModel):
    """用户（不含密码）."""

    id: int
    username: str = Field(description="用户名")
    display_name: str = Field(description="姓名")
    role: str = Field(description="角色代码")
    role_label: str = Field(description="角色中文名")
    unit_id: int | None = Field(description="所属处置单位 ID")
    districts: list[str] = Field(description="辖区（区县代码）；空表示全市或不适用")
    areas: PatrolAreas | None = Field(description="巡查区域（仅监督员）")
    active: bool = Field(description="启用")
    created_at: datetime = Field(description="创建时间")


class ApiKeyRead(BaseModel):
    """API 密钥（不含密钥原文）."""

    id: int
    name: str = Field(description="名称")
    prefix: str = Field(description="密钥前缀（用于识别）")
    scopes: list[str] = Field(description="范围")
    rate_per_min: int = Field(description="每分钟请求上限")
    created_at: datetime = Field(description="创建时间")
    revoked_at: datetime | None = Field(description="吊销时间；未吊销为空")
    last_used_at: datetime | None = Field(description="最近使用时间")


class ApiKeyCreated(ApiKeyRead):
    """新建的 API 密钥：`key` 是唯一一次显示的密钥原文."""

    key: str = Field(description="密钥原文（只显示这一次，请立即保存）")


class LoginLockRead(BaseModel):
    """生效中的登录锁定."""

    kind: str = Field(description="account（账号）| ip（客户端地址）")
    kind_label: str = Field(description="锁定对象类型中文名")
    key: str = Field(description="被锁定的账号或客户端地址")
    locked_until: datetime = Field(description="锁定到")
    lockouts: int = Field(description="累计锁定次数")


class UnlockResult(BaseModel):
    """解除登录锁定的结果."""

    released: int = Field(description="解除的锁定数")


class AccountEventRead(BaseModel):
    """账号与管理事件（登录锁定、解锁、刷新令牌重复使用、载入工作日历）."""

    id: int
    at: datetime = Field(description="发生时间")
    kind: str = Field(description="事件类型代码")
    username: str | None = Field(description="涉及的用户名")
    user_id: int | None = Field(description="涉及的用户 ID")
    ip: str | None = Field(description="客户端地址")
    actor_id: int | None = Field(description="操作人（如解锁的管理员）ID")
    detail: dict[str, Any] = Field(description="事件详情")
