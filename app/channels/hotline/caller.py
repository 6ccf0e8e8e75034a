"""The caller's personal data (PII) and who may act on a ticket's caller.

The caller's number is masked in the content; name and phone are shown in clear only by
`reveal_caller`, which appends a `caller_revealed` event (who, why) to the case's hash chain.

Who may act on the caller: the hotline desk, or the unit now handling the open case. Nothing here logs caller data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import (
    Case,
    HotlineTicket,
)
from app.cases.service import lock_case, record_event
from app.channels.hotline.errors import (
    NotTicketHolder,
    ReasonRequired,
)
from app.core.errors import (
    NotFound,
)
from app.core.pii import decrypt, mask_phone

CALLER_REVEALED = "caller_revealed"


def mask_caller_phone(content: str, phone: str) -> str:
    """Mask the caller's own number where the agent typed it into the content (138****5678)."""
    digits = r"[\s-]?".join(re.escape(d) for d in phone)
    pattern = r"(?<!\d)(?:\+?86[\s-]?)?" + digits + r"(?!\d)"
    return re.sub(pattern, mask_phone(phone), content)


@dataclass(frozen=True, slots=True)
class CallerContact:
    """A caller's name and phone in clear (only ever returned by `reveal_caller`)."""

    name: str | None
    phone: str


def ticket_for_update(session: Session, case_id: int) -> HotlineTicket:
    """Return a case's ticket locked for update; raise NotFound (404) if the case has none."""
    ticket = session.scalar(
        select(HotlineTicket)
        .where(HotlineTicket.case_id == case_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if ticket is None:
        raise NotFound("该案卷不是热线工单", case_id=case_id)
    return ticket


def check_holder(case: Case, actor: wf.Actor, what: str) -> None:
    """Allow the hotline desk (case in its scope) or the unit now handling the open case."""
    if actor.role is wf.Role.hotline_agent:
        return
    if (
        actor.role is wf.Role.unit_handler
        and actor.unit_id is not None
        and case.assigned_unit_id == actor.unit_id
        and wf.Status(case.status).is_open
    ):
        return
    raise NotTicketHolder(f"只有热线坐席或当前承办单位（办理中）可以{what}", role=actor.role.value)


def reveal_caller(
    session: Session, case_id: int, actor: wf.Actor, reason: str, now: datetime
) -> CallerContact:
    """Return the caller's name and phone in clear and record who asked and why on the chain."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(
            "查看诉求人联系方式须填写理由（如：联系诉求人核实情况）", field="reason"
        )
    case = lock_case(session, case_id, actor)
    ticket = ticket_for_update(session, case.id)
    check_holder(case, actor, "查看诉求人联系方式")
    contact = CallerContact(
        decrypt(ticket.caller_name_enc) if ticket.caller_name_enc else None,
        decrypt(ticket.caller_phone_enc),
    )
    record_event(
        session,
        case,
        CALLER_REVEALED,
        actor,
        reason,
        {
            "ticket": f"{ticket.source_system}/{ticket.ticket_no}",
            "fields": ["caller_name", "caller_phone"] if contact.name else ["caller_phone"],
        },
        now,
    )
    return contact
