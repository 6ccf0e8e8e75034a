"""Errors of the 12345 hotline desk (each a DomainError with a stable code and a Chinese message)."""

from __future__ import annotations

from app.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
)


class DuplicateTicket(Conflict):
    """The source system's ticket number (工单号) is already registered."""

    code = "duplicate_ticket"
    message = "该工单号已登记"


class UnknownUrgency(InvalidInput):
    """No (active) urgency class with this code."""

    code = "unknown_urgency"
    message = "未知的紧急程度"


class InvalidPhone(InvalidInput):
    """The caller's phone number is not a phone number."""

    code = "invalid_phone"
    message = "诉求人电话号码格式不正确"


class DistrictRequired(InvalidInput):
    """A ticket without a usable location needs its district."""

    code = "district_required"
    message = "无法确定工单所属区县"


class DistrictOutOfScope(InvalidInput):
    """The district (given, or where the location lies) is outside the caller's districts."""

    code = "district_out_of_scope"
    message = "区县不在您的辖区内"


class EmptyContent(InvalidInput):
    """The ticket says nothing (诉求内容为空)."""

    code = "empty_content"
    message = "诉求内容不能为空"


class CategoryRequired(InvalidInput):
    """No category was given and none could be suggested from the text."""

    code = "category_required"
    message = "请选择问题类别"


class UnknownAddress(InvalidInput):
    """The picked standard address does not exist."""

    code = "unknown_address"
    message = "标准地址不存在"


class InvalidContactTime(InvalidInput):
    """A contact time in the future or before the ticket was filed."""

    code = "invalid_contact_time"
    message = "联系时间不合理"


class ReasonRequired(InvalidInput):
    """Revealing a caller's contact needs a reason."""

    code = "reason_required"
    message = "请填写查看诉求人联系方式的理由"


class AlreadyContacted(Conflict):
    """The caller's first contact (the response time) is already recorded."""

    code = "already_contacted"
    message = "已登记过联系诉求人"


class ResolutionNotOpen(Conflict):
    """The case is in a status where the unit cannot record its result."""

    code = "resolution_not_open"
    message = "当前状态不能登记办理结果"


class NotTicketHolder(Forbidden):
    """Only the hotline desk or the unit currently handling the ticket may do this."""

    code = "not_ticket_holder"
    message = "只有热线坐席或当前承办单位可以执行此操作"
