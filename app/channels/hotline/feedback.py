"""Feedback to the caller: first contact (响应) and the unit's result (解决 / 未解决).

The first contact counts as in time within the urgency's feedback limit (反馈时限); the unit
records its result while handling and until the call-back. Each is an event on the case's chain.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import (
    HotlineTicket,
)
from app.cases.service import lock_case, record_event
from app.channels.hotline.caller import check_holder, ticket_for_update
from app.channels.hotline.errors import (
    AlreadyContacted,
    InvalidContactTime,
    NotTicketHolder,
    ResolutionNotOpen,
)
from app.core.config import get_settings

# A unit may record its result (解决/未解决) while handling and until the call-back.
RESOLUTION_STATUSES = frozenset(
    {
        wf.Status.dispatched,
        wf.Status.suspended,
        wf.Status.handled,
        wf.Status.to_close,
        wf.Status.closed,
    }
)
CALLER_CONTACTED = "caller_contacted"
HOTLINE_RESOLUTION = "hotline_resolution"


def _tz() -> ZoneInfo:
    return ZoneInfo(get_settings().calendar_timezone)


def _aware(at: datetime) -> datetime:
    return at if at.utcoffset() is not None else at.replace(tzinfo=_tz())


def record_contact(
    session: Session,
    case_id: int,
    actor: wf.Actor,
    contacted_at: datetime | None,
    note: str | None,
    now: datetime,
) -> HotlineTicket:
    """Record the first contact with the caller (响应) and whether it met the feedback limit."""
    case = lock_case(session, case_id, actor)
    ticket = ticket_for_update(session, case.id)
    check_holder(case, actor, "登记联系诉求人")
    at = _aware(contacted_at) if contacted_at is not None else now
    if at > now:
        raise InvalidContactTime("联系时间不能晚于当前时间", field="contacted_at")
    if at < case.reported_at:
        raise InvalidContactTime("联系时间不能早于工单登记时间", field="contacted_at")
    if ticket.contacted_at is not None:
        raise AlreadyContacted(
            f"已于 {ticket.contacted_at.astimezone(_tz()):%Y-%m-%d %H:%M} 登记过联系诉求人",
            contacted_at=ticket.contacted_at,
        )
    ticket.contacted_at, ticket.contacted_by = at, actor.user_id
    ticket.contacted_in_time = at <= ticket.feedback_due_at
    record_event(
        session,
        case,
        CALLER_CONTACTED,
        actor,
        (note or "").strip() or None,
        {
            "contacted_at": at.isoformat(),
            "feedback_due_at": ticket.feedback_due_at.isoformat(),
            "in_time": ticket.contacted_in_time,
        },
        now,
    )
    session.flush()
    return ticket


def record_resolution(
    session: Session,
    case_id: int,
    actor: wf.Actor,
    resolved: bool,
    note: str | None,
    now: datetime,
) -> HotlineTicket:
    """Record the unit's result (解决 / 未解决); the unit now assigned, until the call-back."""
    case = lock_case(session, case_id, actor)
    ticket = ticket_for_update(session, case.id)
    if actor.role is not wf.Role.unit_handler or case.assigned_unit_id != actor.unit_id:
        raise NotTicketHolder("只有当前承办单位可以登记办理结果", role=actor.role.value)
    status = wf.Status(case.status)
    if status not in RESOLUTION_STATUSES:
        raise ResolutionNotOpen(
            f"案卷处于“{status.label}”状态，不能登记办理结果", status=status.value
        )
    ticket.resolved, ticket.resolved_at, ticket.resolved_by = resolved, now, actor.user_id
    record_event(
        session,
        case,
        HOTLINE_RESOLUTION,
        actor,
        (note or "").strip() or None,
        {"resolved": resolved},
        now,
    )
    session.flush()
    return ticket
