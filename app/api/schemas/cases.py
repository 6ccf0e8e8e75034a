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


class CategoryRef(BaseModel):
    """类别."""

    kind: str = Field(description="component 部件 | event 事件")
    code: str = Field(description="5 位类别代码")
    name: str


class CasePoint(BaseModel):
    """案卷位置：WGS-84 真实位置与上报时的原始坐标."""

    lon: float
    lat: float
    raw_lon: float | None
    raw_lat: float | None
    raw_crs: str | None


class PhotoRef(BaseModel):
    """案卷照片."""

    id: str
    kind: str = Field(description="before 处置前 | after 处置后 | evidence 佐证")
    created_at: datetime


class StageClock(BaseModel):
    """一个阶段的计时."""

    used_ratio: float | None = Field(description="已用时限比例（工作时间）")
    stage: str
    stage_label: str
    level: int = Field(description="派遣层级：0 中心，1 一级派遣，2 二级派遣")
    unit_id: int | None
    limit_value: float
    limit_unit: str
    started_at: datetime
    due_at: datetime
    stopped_at: datetime | None
    paused: bool
    extension_hours: float
    light: str = Field(description="red 红灯 | yellow 黄灯 | green 绿灯")
    provisional: bool = Field(description="按临时日历计算（下一年节假日尚未发布）")
    overdue: bool


class CaseCounters(BaseModel):
    """案卷计数."""

    dispatches: int
    redispatches: int
    returns: int
    reworks: int
    extensions: int
    suspensions: int
    suspended_seconds: int
    repeat_requests: int
    extension_hours: float


class CaseTimestamps(BaseModel):
    """案卷各环节时间."""

    reported_at: datetime
    verified_at: datetime | None
    filed_at: datetime | None
    dispatched_at: datetime | None
    signed_at: datetime | None
    handled_at: datetime | None
    checked_at: datetime | None
    closed_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime


class FieldOption(BaseModel):
    """封闭取值字段的一个选项."""

    value: str
    label: str


class ActionField(BaseModel):
    """动作表单的一个字段."""

    name: str = Field(
        description="请求体字段名：note、hours、unit_id、photos、master_case_id、satisfaction"
    )
    kind: str = Field(
        description="reason 理由（必填说明）| note 说明 | hours 时长 | unit 承办单位 | sub_unit 下级单位 |"
        " photos 照片 | master_case 主案卷 | satisfaction 回访结果"
    )
    label: str = Field(description="中文标签")
    required: bool
    photo_kind: str | None = Field(description="上传照片时使用的照片类型")
    options: list[FieldOption] | None = Field(description="可选值（回访结果）")


class ActionForm(BaseModel):
    """一个可执行动作：中文名称与需要填写的字段."""

    action: str
    label: str
    fields: list[ActionField]


class CaseRead(BaseModel):
    """案卷详情：字段、位置、各阶段计时与红黄绿灯、照片、计数、调用者可执行的动作."""

    id: int
    case_no: str = Field(description="案卷编号（区县-年度-序号）")
    status: str
    status_label: str
    source: str
    category: CategoryRef
    severity: str | None
    description: str
    address_text: str | None
    point: CasePoint | None
    grid_code: str | None
    community_code: str | None
    street_code: str | None
    district_code: str
    mgmt_class: str | None
    routed_unit_id: int | None = Field(description="建议单位")
    routed_rule_id: int | None
    routed_by: str | None = Field(description="component | rule | district_fallback")
    component_id: str | None
    assigned_unit_id: int | None = Field(description="承办单位")
    dispatching_unit_id: int | None = Field(description="二级派遣时下派的上级单位")
    signed: bool
    pending: str | None = Field(description="待审批的申请 return | extend | suspend | void")
    master_case_id: int | None
    reporter_id: int | None
    task_inspector_id: int | None
    outside_patrol_area: bool | None
    photos: list[PhotoRef]
    counters: CaseCounters
    satisfaction: str | None
    calendar_provisional: bool
    timestamps: CaseTimestamps
    stages: list[StageClock]
    allowed_actions: list[str] = Field(description="调用者此刻可执行的动作")
    action_forms: list[ActionForm] = Field(
        description="可执行动作的中文名称与表单字段（与 allowed_actions 同序）"
    )
    version: int
    source_label: str = Field(description="来源中文名")
    severity_label: str | None = Field(description="紧急程度中文名")
    pending_label: str | None = Field(description="待审批申请中文名")
    satisfaction_label: str | None = Field(description="回访结果中文名")
    routed_by_label: str | None = Field(description="建议单位的依据")
    routed_unit_name: str | None = Field(description="建议单位名称")
    assigned_unit_name: str | None = Field(description="承办单位名称")
    dispatching_unit_name: str | None = Field(description="二级派遣时上级单位名称")
    reporter_name: str | None = Field(description="上报人姓名")
    reporter_unit_name: str | None = Field(description="上报人所在单位名称")


class DuplicateRef(BaseModel):
    """疑似重复的开放案卷."""

    id: int
    case_no: str
    status: str
    distance_m: float
    reported_at: datetime | None = None


class CaseReported(CaseRead):
    """上报结果：案卷及疑似重复的开放案卷."""

    possible_duplicates: list[DuplicateRef] = Field(
        description="同类别、半径与时间窗口内的开放案卷"
    )


class BatchItemError(BaseModel):
    """一条被拒绝的原因."""

    status: int = Field(description="逐条上报时会返回的 HTTP 状态码")
    code: str = Field(description="稳定的错误代码，如 unknown_category、outside_service_area")
    message: str = Field(description="中文原因")
    detail: dict[str, Any] | None = None


class BatchItemResult(BaseModel):
    """批量上报中一条的结果."""

    index: int = Field(description="在请求中的序号（从 0 开始）")
    idempotency_key: str
    status: str = Field(description="created（新建）| duplicate（幂等键已用过）| refused（被拒绝）")
    id: int | None = Field(default=None, description="案卷 ID（created / duplicate）")
    case_no: str | None = Field(default=None, description="案卷编号（created / duplicate）")
    case_status: str | None = Field(default=None, description="新建案卷的状态（created）")
    duplicate_of: int | None = Field(default=None, description="首次以该幂等键建立的案卷 ID")
    possible_duplicates: list[int] = Field(
        default_factory=list, description="疑似重复的开放案卷 ID（created）"
    )
    error: BatchItemError | None = None


class BatchReportResult(BaseModel):
    """批量上报的结果：逐条结果（与请求顺序相同）及各类数量."""

    results: list[BatchItemResult]
    created: int
    duplicates: int
    refused: int
