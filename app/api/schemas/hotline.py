"""Hotline (接诉即办) answers: tickets, the caller in clear, the 三率."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from app.api.schemas.cases import CaseRead, CategoryRef, DuplicateRef


class MaskedCaller(BaseModel):
    """诉求人（掩码）."""

    name: str | None = Field(description="姓名掩码；未留姓名时为 null")
    phone: str = Field(description="电话掩码")


class FeedbackLimit(BaseModel):
    """反馈时限."""

    value: float = Field(description="时限数值")
    unit: str = Field(description="时限单位（hours 小时 / workdays 工作日等）")


class TicketRead(BaseModel):
    """热线工单（诉求人掩码，紧急程度与反馈计时）."""

    case_id: int = Field(description="案卷 ID（工单即案卷）")
    source_system: str = Field(description="来源系统（如 12345）")
    ticket_no: str = Field(description="来源系统的工单号")
    caller: MaskedCaller
    urgency: str = Field(description="紧急程度代码")
    urgency_label: str = Field(description="紧急程度名称")
    feedback_limit: FeedbackLimit
    feedback_due_at: datetime = Field(description="应联系诉求人的最晚时间")
    feedback_overdue: bool = Field(description="已超过反馈时限仍未联系诉求人")
    location_source: str = Field(description="位置来源代码")
    location_source_label: str = Field(description="位置来源名称")
    no_location: bool = Field(description="无法定位（派给所属区县的兜底单位）")
    address_id: int | None = Field(description="选定或匹配的标准地址 ID")
    geocode_score: float | None = Field(description="地址匹配得分")
    category_source: str = Field(description="类别来源：agent 坐席选择 / keyword 关键词建议等")
    contacted_at: datetime | None = Field(description="首次联系诉求人的时间")
    contacted_by: int | None = Field(description="联系人（用户 ID）")
    contacted_in_time: bool | None = Field(description="是否在反馈时限内联系")
    resolved: bool | None = Field(description="诉求是否已解决（未登记为 null）")
    resolved_at: datetime | None = Field(description="登记办理结果的时间")
    satisfaction: str | None = Field(description="回访满意度代码")
    satisfaction_label: str | None = Field(description="回访满意度名称")
    callback_at: datetime | None = Field(description="回访时间")
    created_at: datetime = Field(description="登记时间")
    created_by: int | None = Field(description="登记坐席（用户 ID）")


class TicketDetail(TicketRead):
    """工单详情：另含同一来电号码的其他工单数."""

    earlier_tickets: int = Field(description="同一号码的其他工单数（调用者可见范围内）")


class TicketAnswer(BaseModel):
    """工单及其案卷."""

    ticket: TicketDetail
    case: CaseRead


class TicketFiled(TicketAnswer):
    """登记结果：工单、案卷与疑似重复的开放案卷."""

    possible_duplicates: list[DuplicateRef] = Field(
        description="同类别、半径与时间窗口内的开放案卷"
    )


class TicketListItem(TicketRead):
    """列表中的一张工单：工单与案卷摘要."""

    case_no: str = Field(description="案卷编号")
    status: str = Field(description="案卷状态代码")
    status_label: str = Field(description="案卷状态名称")
    district_code: str = Field(description="区县代码")
    category: CategoryRef
    assigned_unit_id: int | None = Field(description="承办单位")
    routed_unit_id: int | None = Field(description="建议单位")
    reported_at: datetime | None = Field(description="上报时间")


class TicketPage(BaseModel):
    """一页工单（按案卷倒序）."""

    items: list[TicketListItem]
    next_cursor: int | None = Field(description="下一页游标；最后一页为 null")


class CallerContact(BaseModel):
    """诉求人姓名与电话（明文）."""

    name: str | None = Field(description="姓名；未留姓名时为 null")
    phone: str = Field(description="电话")


class CallerRevealed(BaseModel):
    """查看诉求人联系方式的结果（已写入全过程记录）."""

    case_id: int = Field(description="案卷 ID")
    caller: CallerContact


class RateCounts(BaseModel):
    """三率背后的计数."""

    tickets: int = Field(description="工单数")
    response_due: int = Field(description="应计响应的工单（已联系，或超过时限未联系）")
    responded_in_time: int = Field(description="在反馈时限内联系的工单")
    resolution_known: int = Field(description="已登记办理结果的工单")
    resolved: int = Field(description="已解决的工单")
    callbacks: int = Field(description="有效回访数")
    satisfied: int = Field(description="满意")
    basically_satisfied: int = Field(description="基本满意")


class ThreeRates(BaseModel):
    """响应率、解决率、满意率与综合得分（尚无可计的工单时为 null）."""

    response_rate: float | None = Field(description="响应率")
    resolution_rate: float | None = Field(description="解决率")
    satisfaction_rate: float | None = Field(description="满意率")
    composite: float | None = Field(description="综合得分（三率都有时才计算）")


class UnitRatesRead(BaseModel):
    """一个承办单位（或合计）的三率."""

    unit_id: int | None = Field(description="单位 ID；尚未派遣的工单与合计为 null")
    unit_name: str | None = Field(description="单位名称")
    counts: RateCounts
    rates: ThreeRates


class RateWeights(BaseModel):
    """综合得分的权重与基本满意的系数."""

    composite: dict[str, float] = Field(description="权重：response、resolution、satisfaction")
    basically_satisfied: float = Field(description="基本满意计入满意率的系数")


class HotlineRates(BaseModel):
    """三率：各承办单位与合计."""

    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from", description="开始日期（含）")
    to: date = Field(description="结束日期（含）")
    weights: RateWeights
    units: list[UnitRatesRead]
    total: UnitRatesRead = Field(description="合计")
