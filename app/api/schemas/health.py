"""Readiness answer (/readyz)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ReadinessWarning(BaseModel):
    """受理配置缺什么、影响什么、怎么补."""

    code: str = Field(description="警告代码，如 categories_without_standards")
    message: str = Field(description="说明（中文）")
    count: int = Field(description="涉及的条目数")


class Readiness(BaseModel):
    """就绪：数据库与 PostGIS 可用；受理配置不全时 degraded 并列出警告."""

    status: Literal["ok", "degraded"] = Field(description="ok 正常 / degraded 配置不全")
    postgis: str = Field(description="PostGIS 版本")
    warnings: list[ReadinessWarning] = Field(description="配置警告；为空表示齐全")
