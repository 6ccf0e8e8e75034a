"""Work-queue shapes: the case summary every list shows, each list's extra fields, pages, badges."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from app.api.schemas.cases import CategoryRef, DuplicateRef

T = TypeVar("T")


class NamedRef(BaseModel):
    """ID 与名称."""

    id: int
    name: str | None


class StreetRef(BaseModel):
    """街道."""

    code: str | None
    name: str | None


class ListClock(BaseModel):
    """列表显示的那个阶段计时."""

    stage: str
    stage_label: str
    level: int
    unit_id: int | None
    started_at: datetime
    stopped_at: datetime | None
    paused: bool
    escalated_at: datetime | None


class ItemLinks(BaseModel):
    """案卷详情、记录与可执行动作的接口地址."""

    self: str
    events: str
    actions: dict[str, str] = Field(description="动作代码 → 接口地址")


class CaseSummary(BaseModel):
    """列表中的案卷摘要：状态、类别、位置、计时与红黄绿灯、承办单位、可执行动作."""

    id: int
    case_no: str
    status: str
    status_label: str
    category: CategoryRef
    severity: str | None
    severity_label: str | None
    address_text: str | None
    grid_code: str | None
    street: StreetRef
    district_code: str
    light: str = Field(description="red 红灯 | yellow 黄灯 | green 绿灯")
    light_label: str
    overdue: bool
    due_at: datetime | None
    yellow_at: datetime | None
    used_ratio: float | None
    clock: ListClock | None
    pending: str | None
    pending_label: str | None
    signed: bool
    dispatch_level: int = Field(description="0 未派遣，1 一级派遣，2 二级派遣")
    assigned_unit: NamedRef | None
    dispatching_unit_id: int | None
    reported_at: datetime
    updated_at: datetime
    allowed_actions: list[str]
    links: ItemLinks


class SourceMixin(BaseModel):
    """来源."""

    source: str
    source_label: str


class InboxItem(CaseSummary, SourceMixin):
    """受理台条目."""

    reporter_id: int | None
    task_inspector_id: int | None
    outside_patrol_area: bool | None
    possible_duplicates: list[DuplicateRef]


class SuggestedRule(BaseModel):
    """决定建议单位的责任规则."""

    id: int
    role: str
    role_label: str
    category_scope: str
    area_scope: str
    area_label: str
    area_code: str | None
    priority: int


class SuggestedUnit(BaseModel):
    """建议单位."""

    id: int
    name: str | None
    active: bool | None


class Suggestion(BaseModel):
    """派遣建议."""

    unit: SuggestedUnit | None
    routed_by: str | None
    routed_by_label: str | None
    rule_id: int | None
    rule: SuggestedRule | None


class DispatchBoardItem(CaseSummary, SourceMixin):
    """派遣台条目."""

    returns: int
    suggested: Suggestion


class Requester(BaseModel):
    """申请人."""

    user_id: int | None
    name: str | None
    role: str | None
    unit: NamedRef | None


class ApprovalRequest(BaseModel):
    """待审批的申请."""

    kind: str | None
    kind_label: str | None
    reason: str | None
    hours: float | None
    requested_at: datetime | None
    by: Requester


class ApprovalItem(CaseSummary):
    """审批台条目."""

    request: ApprovalRequest


class EscalatedTo(BaseModel):
    """升级督办的对象."""

    kind: str
    unit: NamedRef | None


class SupervisionItem(CaseSummary):
    """督办条目."""

    overdue_seconds: int
    days_overdue: float
    stage_unit: NamedRef | None
    escalated_at: datetime | None
    escalated_to: EscalatedTo | None


class ToCloseItem(CaseSummary, SourceMixin):
    """待结案条目."""

    handled_at: datetime | None
    checked_at: datetime | None
    reworks: int
    task_inspector_id: int | None


class UnitHistoryItem(CaseSummary):
    """单位曾承办的案卷."""

    held_from: datetime | None
    held_until: datetime | None
    outcome: str
    outcome_label: str
    returns: int


class SearchItem(CaseSummary, SourceMixin):
    """案卷查询结果条目."""

    description: str
    community_code: str | None


class ActionHint(BaseModel):
    """如何调用一个动作."""

    label: str
    method: str
    href: str
    body: list[str] = Field(description="请求体中该动作需要的字段")


class Refresh(BaseModel):
    """增量刷新."""

    next_updated_since: datetime
    removed: list[int] | None
    removed_truncated: bool


class Page(BaseModel, Generic[T]):
    """一页列表：条目、下一页游标（null 为最后一页）、计算时刻、筛选条件回显、动作调用方式."""

    items: list[T]
    next_cursor: str | None
    as_of: datetime
    limit: int
    filters: dict[str, Any]
    actions: dict[str, ActionHint]
    refresh: Refresh | None = None


class UnitCounts(BaseModel):
    """单位队列角标."""

    assigned: int
    unsigned: int
    red: int
    yellow: int
    pending: int
    redispatched: int
    sub_unit_returns: int
    as_of: datetime


class CentreCounts(BaseModel):
    """指挥中心各列表角标."""

    inbox: int
    dispatch_board: int
    approvals: dict[str, int] = Field(description="按申请类型计数，另含 total")
    supervision: int
    as_of: datetime


class UnitRef(BaseModel):
    """单位."""

    id: int
    code: str
    name: str


class SubUnit(BaseModel):
    """下级单位."""

    id: int
    code: str
    name: str
    kind: str
    contact_name: str | None
    open_cases: int


class SubUnits(BaseModel):
    """本单位及其启用的下级单位."""

    unit: UnitRef
    items: list[SubUnit]


class BulkError(BaseModel):
    """一件失败的原因."""

    status: int
    error: str
    code: str
    message: str
    detail: dict[str, Any] | None


class BulkResult(BaseModel):
    """一件的结果."""

    case_id: int
    ok: bool
    case_no: str | None = None
    status: str | None = None
    signed: bool | None = None
    signed_at: datetime | None = None
    error: BulkError | None = None


class BulkSignRead(BaseModel):
    """批量签收结果."""

    results: list[BulkResult]
    ok: int
    failed: int


class BulkDispatchResult(BaseModel):
    """批量派遣中一件的结果."""

    case_id: int
    ok: bool
    case_no: str | None = None
    status: str | None = None
    assigned_unit_id: int | None = None
    dispatched_at: datetime | None = None
    error: BulkError | None = None


class BulkDispatchRead(BaseModel):
    """批量派遣结果."""

    results: list[BulkDispatchResult]
    ok: int
    failed: int
