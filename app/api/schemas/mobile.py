"""The inspector's phone answers: a report's result and a task's result."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.api.schemas.cases import CategoryRef, DuplicateRef


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


class TaskInfo(BaseModel):
    """监督员可做的核实或核查任务."""

    kind: str = Field(description="verify（核实）| check（核查）")
    label: str = Field(description="任务中文名")
    results: list[str] = Field(description="可提交的结果：exists | not_exists 或 pass | fail")
    assigned: bool = Field(description="true = 本人持有；false = 任务池中，先提交者接手")
    due_at: datetime | None = Field(description="任务时限")
    light: str | None = Field(description="任务阶段的灯色：green | yellow | red")


class MobilePhoto(BaseModel):
    """案卷照片（监督员终端）."""

    id: str = Field(description="照片 ID")
    kind: str = Field(
        description="report 上报 | verify 核实 | before 处置前 | after 处置后 | check 核查"
    )


class MobileCase(BaseModel):
    """监督员终端上的案卷（任务收件箱与增量同步）."""

    id: int
    case_no: str = Field(description="案卷编号")
    status: str = Field(description="状态代码")
    status_label: str = Field(description="状态中文名")
    category: CategoryRef = Field(description="类别")
    description: str = Field(description="问题描述")
    address_text: str | None = Field(description="地址描述")
    grid_code: str | None = Field(description="单元网格代码")
    lon: float | None = Field(description="经度（WGS-84）；无位置为空")
    lat: float | None = Field(description="纬度（WGS-84）；无位置为空")
    reported_by_me: bool = Field(description="本人上报")
    outside_patrol_area: bool = Field(description="上报点位在本人巡查区域之外")
    task: TaskInfo | None = Field(description="本人可做的核实/核查任务；没有则为空")
    light: str | None = Field(description="最紧的在计时阶段的灯色")
    due_at: datetime | None = Field(description="最紧的在计时阶段的时限")
    photos: list[MobilePhoto] = Field(description="照片，按上传先后")
    reported_at: datetime = Field(description="上报时间")
    updated_at: datetime = Field(description="最近更新时间")


class SyncPage(BaseModel):
    """增量同步的一页."""

    items: list[MobileCase] = Field(description="按（更新时间, ID）排序的案卷")
    next_cursor: str | None = Field(description="下次同步带上的游标")
    has_more: bool = Field(description="为 true 时继续翻页")
