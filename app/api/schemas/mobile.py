"""The inspector's phone answers: a report's result and a task's result."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.api.schemas.cases import DuplicateRef


class RoutedUnitRef(BaseModel):
    """派遣建议单位."""

    id: int
    code: str = Field(description="单位代码")
    name: str = Field(description="单位名称")


class ReportAnswer(BaseModel):
    """上报结果：案卷编号、定位网格、派遣建议单位、当前阶段时限与疑似重复案卷."""

    id: int = Field(description="案卷 ID")
    case_no: str = Field(description="案卷编号")
    status: str = Field(description="状态代码")
    status_label: str = Field(description="状态名称")
    grid_code: str | None = Field(description="单元网格代码")
    community_code: str | None = Field(description="社区代码")
    street_code: str | None = Field(description="街道代码")
    routed_unit: RoutedUnitRef | None = Field(description="派遣建议单位；无建议时为 null")
    routed_by: str | None = Field(description="component | rule | district_fallback")
    due_at: datetime | None = Field(description="当前阶段的时限；已结案时为 null")
    outside_patrol_area: bool | None = Field(description="不在上报人的责任网格内")
    photos: list[str] = Field(description="照片 ID")
    possible_duplicates: list[DuplicateRef] = Field(description="疑似重复的开放案卷")


class TaskResultAnswer(BaseModel):
    """核实 / 核查结果：执行的流转动作与案卷新状态."""

    id: int = Field(description="案卷 ID")
    case_no: str = Field(description="案卷编号")
    action: str = Field(
        description="执行的动作：verify_exists | verify_not_exists | check_pass | check_fail"
    )
    status: str = Field(description="新状态代码")
    status_label: str = Field(description="新状态名称")
    photos: list[str] = Field(description="本次上传的照片 ID")
