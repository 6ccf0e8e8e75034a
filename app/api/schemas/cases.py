"""Case shapes: the case read (案卷详情), its history events, the live feed's event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class EventRead(BaseModel):
    """执法全过程记录的一条事件（带中文名称与操作人）."""

    seq: int = Field(description="案卷内序号（从 1 起）")
    action: str = Field(description="动作代码，如 check_pass、caller_contacted")
    action_label: str = Field(description="动作中文名，如 核查通过、联系诉求人")
    from_status: str | None = Field(description="动作前状态（上报为 null）")
    from_status_label: str | None = Field(description="动作前状态中文名")
    to_status: str = Field(description="动作后状态")
    to_status_label: str | None = Field(description="动作后状态中文名，如 待结案")
    actor_id: int | None = Field(description="操作人用户 ID（系统自动为 null）")
    actor_name: str | None = Field(description="操作人姓名")
    actor_role: str = Field(description="操作人角色代码")
    actor_role_label: str | None = Field(description="操作人角色中文名，如 监督员、值班长")
    actor_unit_id: int | None = Field(description="操作人所在单位 ID")
    actor_unit_name: str | None = Field(description="操作人所在单位名称")
    note: str | None = Field(description="理由/说明")
    payload: dict[str, Any] = Field(description="动作的附加数据（目标单位、延期时长等）")
    photos: list[str] = Field(description="照片 ID")
    created_at: datetime = Field(description="发生时间")
    prev_hash: str = Field(description="上一条事件的哈希（首条为 64 个 0）")
    hash: str = Field(description="本条事件的哈希（SHA-256，覆盖上一条哈希）")


class FeedEventRead(BaseModel):
    """实时推送的一条案卷事件（不含说明文字与诉求人信息）."""

    event_id: int
    case_id: int
    case_no: str
    district_code: str
    seq: int
    action: str
    action_label: str
    from_status: str | None
    from_status_label: str | None
    to_status: str
    to_status_label: str | None
    actor_role: str
    actor_role_label: str | None
    actor_name: str | None
    actor_unit_id: int | None
    actor_unit_name: str | None
    assigned_unit_id: int | None
    case_status: str
    case_status_label: str | None
    at: datetime
