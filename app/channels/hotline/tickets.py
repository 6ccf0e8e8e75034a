"""Filing a ticket (登记工单) as a case through `report_case`, and the masked reads of tickets.

Location, in this order: the point the agent confirmed (`point`), a standard address the agent
picked from the candidates (`address`), the best geocoding candidate of the address text when the
hotline's acceptance policy takes it (`geocoded`); otherwise the ticket is still accepted without
a location (`none`) and goes to its district's fallback unit (兜底).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, not_, select, text
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import (
    Case,
    Category,
    HotlineTicket,
    HotlineUrgency,
)
from app.cases.service import ReportInput, report_case
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import add_business_time
from app.channels.hotline.caller import mask_caller_phone
from app.channels.hotline.categories import suggest_categories
from app.channels.hotline.errors import (
    CategoryRequired,
    DistrictRequired,
    DuplicateTicket,
    EmptyContent,
    InvalidPhone,
    UnknownAddress,
)
from app.channels.hotline.location import (
    address_query,
    check_district,
    check_same_district,
    district_hint,
    match_address,
    only_district,
)
from app.channels.hotline.reference import get_urgency, urgency_map
from app.core.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
)
from app.core.pii import encrypt, mask_name, mask_phone, normalize_phone, phone_index
from app.grid.coords import to_wgs84
from app.grid.models import Address
from app.grid.service import locate

DEFAULT_SOURCE_SYSTEM = "12345"
LOCATION_SOURCES = {
    "point": "坐席确认的点位",
    "address": "坐席选定的标准地址",
    "geocoded": "按地址文本自动匹配",
    "none": "无可用位置（区县兜底单位）",
}
SATISFACTION_LABELS = {x.value: x.label for x in wf.Satisfaction}


@dataclass(frozen=True, slots=True)
class TicketInput:
    """What a hotline agent files (登记工单)."""

    ticket_no: str
    caller_phone: str
    content: str
    source_system: str = DEFAULT_SOURCE_SYSTEM
    caller_name: str | None = None
    category: str | None = None
    urgency: str = "general"
    address_text: str | None = None
    lon: float | None = None
    lat: float | None = None
    crs: str = "wgs84"
    address_id: int | None = None
    district_code: str | None = None
    condition: int | None = None


@dataclass(frozen=True, slots=True)
class _Placement:
    source: str  # point | address | geocoded | none
    district_code: str
    lon: float | None = None
    lat: float | None = None
    crs: str = "wgs84"
    address_id: int | None = None
    score: float | None = None


@dataclass(slots=True)
class TicketResult:
    """A filed ticket, its case, the open cases it may duplicate and earlier calls by the caller."""

    ticket: HotlineTicket
    case: Case
    possible_duplicates: list[dict[str, Any]]
    earlier_tickets: int


def _place(session: Session, inp: TicketInput, actor: wf.Actor, named: str | None) -> _Placement:
    """Decide the ticket's location: agent's point, picked address, geocoded text, or none."""
    if inp.lon is not None or inp.lat is not None:
        if inp.lon is None or inp.lat is None:
            raise InvalidInput("经度和纬度须同时提供", field="lon" if inp.lon is None else "lat")
        loc = locate(session, to_wgs84(inp.lon, inp.lat, inp.crs))  # OutsideServiceArea → 422
        check_district(loc.district_code, actor)
        check_same_district(loc.district_code, named)
        return _Placement("point", loc.district_code, inp.lon, inp.lat, inp.crs)
    if inp.address_id is not None:
        row = session.execute(
            select(
                Address.id, Address.district_code, func.ST_X(Address.geom), func.ST_Y(Address.geom)
            ).where(Address.id == inp.address_id)
        ).one_or_none()
        if row is None:
            raise UnknownAddress(f"标准地址 {inp.address_id} 不存在", field="address_id")
        check_district(row[1], actor)
        check_same_district(row[1], named)
        return _Placement("address", row[1], float(row[2]), float(row[3]), address_id=row[0])
    hint = named or only_district(actor)
    if inp.address_text and len(address_query(session, inp.address_text)[0]) >= 2:
        c = match_address(session, inp.address_text, actor, hint).auto_pick
        if c is not None:
            return _Placement(
                "geocoded", c.district_code, c.lon, c.lat, "wgs84", c.address_id, c.score
            )
    if hint is None:
        raise DistrictRequired(
            "地址无法匹配到标准地址，且无法确定所属区县：请填写 district_code",
            field="district_code",
        )
    return _Placement("none", hint)


def _earlier_tickets(session: Session, index: str, actor: wf.Actor, exclude: int | None) -> int:
    stmt = (
        select(func.count())
        .select_from(HotlineTicket)
        .join(Case, Case.id == HotlineTicket.case_id)
        .where(HotlineTicket.phone_index == index, scope.visible(actor))
    )
    if exclude is not None:
        stmt = stmt.where(HotlineTicket.case_id != exclude)
    return int(session.scalar(stmt) or 0)


def file_ticket(session: Session, inp: TicketInput, actor: wf.Actor, now: datetime) -> TicketResult:
    """File a hotline ticket as a case (one code path: `report_case`) and its ticket row.

    Raises DuplicateTicket (409, with the existing case number) for a known 工单号,
    InvalidPhone / UnknownUrgency / CategoryRequired / DistrictRequired / … (422).
    """
    source_system, ticket_no = inp.source_system.strip(), inp.ticket_no.strip()
    if not source_system or not ticket_no:
        raise InvalidInput("工单号与来源系统不能为空", field="ticket_no")
    content = inp.content.strip()
    if not content:
        raise EmptyContent("诉求内容不能为空：请记录市民反映的问题", field="content")
    try:
        phone = normalize_phone(inp.caller_phone)
    except InvalidInput:
        raise InvalidPhone(
            "诉求人电话号码格式不正确：应为 5–15 位数字（手机号、带区号的座机号）",
            field="caller_phone",
        ) from None
    name = (inp.caller_name or "").strip() or None
    urgency = get_urgency(session, inp.urgency)
    named = district_hint(session, inp.district_code, actor) if inp.district_code else None
    # One 工单号 at a time: a concurrent duplicate waits here, then finds the first one.
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
        {"k": f"hotline-ticket|{source_system}|{ticket_no}"},
    )
    existing = session.execute(
        select(Case.id, Case.case_no)
        .join(HotlineTicket, HotlineTicket.case_id == Case.id)
        .where(HotlineTicket.source_system == source_system, HotlineTicket.ticket_no == ticket_no)
    ).one_or_none()
    if existing is not None:
        raise DuplicateTicket(
            f"工单号 {source_system}/{ticket_no} 已登记为案卷 {existing.case_no}",
            case_id=existing.id,
            case_no=existing.case_no,
        )
    placed = _place(session, inp, actor, named)
    category_source = "agent"
    category = inp.category
    if not category:
        suggested = suggest_categories(session, content, limit=1)
        if not suggested:
            raise CategoryRequired(
                "未能从诉求内容判断问题类别，请选择类别（GET /api/v1/categories?q=）",
                field="category",
            )
        category, category_source = suggested[0].ref, "suggested"
    deadline = add_business_time(
        now, urgency.feedback_limit_value, urgency.feedback_limit_unit, get_calendar(session)
    )
    result = report_case(
        session,
        ReportInput(
            source=wf.Source.hotline,
            category=category,
            lon=placed.lon,
            lat=placed.lat,
            crs=placed.crs,
            description=mask_caller_phone(content, phone),
            address_text=(inp.address_text or "").strip() or None,
            condition=inp.condition,
            district_code=placed.district_code,
            event_payload={
                "hotline": {
                    "source_system": source_system,
                    "ticket_no": ticket_no,
                    "urgency": urgency.code,
                    "feedback_due_at": deadline.due_at.isoformat(),
                    "location_source": placed.source,
                    "category_source": category_source,
                }
            },
        ),
        actor,
        now,
    )
    index = phone_index(phone)
    ticket = HotlineTicket(
        case_id=result.case.id,
        source_system=source_system,
        ticket_no=ticket_no,
        caller_name_enc=encrypt(name) if name else None,
        caller_name_masked=mask_name(name) if name else None,
        caller_phone_enc=encrypt(phone),
        caller_phone_masked=mask_phone(phone),
        phone_index=index,
        urgency=urgency.code,
        feedback_limit_value=urgency.feedback_limit_value,
        feedback_limit_unit=urgency.feedback_limit_unit,
        feedback_due_at=deadline.due_at,
        location_source=placed.source,
        address_id=placed.address_id,
        geocode_score=placed.score,
        category_source=category_source,
        created_by=actor.user_id,
        created_at=now,
    )
    session.add(ticket)
    session.flush()
    earlier = _earlier_tickets(session, index, actor, result.case.id)
    return TicketResult(ticket, result.case, result.possible_duplicates, earlier)


def feedback_overdue(ticket: HotlineTicket, now: datetime) -> bool:
    """Return True when nobody has contacted the caller and the feedback limit has passed."""
    return ticket.contacted_at is None and now > ticket.feedback_due_at


def ticket_view(
    ticket: HotlineTicket, urgencies: Mapping[str, HotlineUrgency], now: datetime
) -> dict[str, Any]:
    """Return a ticket as plain data with the caller masked (the only form any read shows)."""
    urgency = urgencies.get(ticket.urgency)
    return {
        "case_id": ticket.case_id,
        "source_system": ticket.source_system,
        "ticket_no": ticket.ticket_no,
        "caller": {"name": ticket.caller_name_masked, "phone": ticket.caller_phone_masked},
        "urgency": ticket.urgency,
        "urgency_label": urgency.name if urgency else ticket.urgency,
        "feedback_limit": {
            "value": float(ticket.feedback_limit_value),
            "unit": ticket.feedback_limit_unit,
        },
        "feedback_due_at": ticket.feedback_due_at,
        "feedback_overdue": feedback_overdue(ticket, now),
        "location_source": ticket.location_source,
        "location_source_label": LOCATION_SOURCES[ticket.location_source],
        "no_location": ticket.location_source == "none",
        "address_id": ticket.address_id,
        "geocode_score": ticket.geocode_score,
        "category_source": ticket.category_source,
        "contacted_at": ticket.contacted_at,
        "contacted_by": ticket.contacted_by,
        "contacted_in_time": ticket.contacted_in_time,
        "resolved": ticket.resolved,
        "resolved_at": ticket.resolved_at,
        "satisfaction": ticket.satisfaction,
        "satisfaction_label": SATISFACTION_LABELS.get(ticket.satisfaction or ""),
        "callback_at": ticket.callback_at,
        "created_at": ticket.created_at,
        "created_by": ticket.created_by,
    }


def get_ticket(session: Session, case_id: int, actor: wf.Actor) -> tuple[HotlineTicket, Case]:
    """Return a ticket and its case within the actor's scope; raise NotFound (404) otherwise."""
    row = session.execute(
        select(HotlineTicket, Case)
        .join(Case, Case.id == HotlineTicket.case_id)
        .where(HotlineTicket.case_id == case_id, scope.visible(actor))
    ).one_or_none()
    if row is None:
        raise NotFound("热线工单不存在", case_id=case_id)
    return row[0], row[1]


def earlier_tickets_of(session: Session, ticket: HotlineTicket, actor: wf.Actor) -> int:
    """Return how many other tickets the same caller filed that the actor may see (blind index)."""
    return _earlier_tickets(session, ticket.phone_index, actor, ticket.case_id)


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """Filters of the ticket list; `phone` finds a caller's tickets through the blind index."""

    status: wf.Status | None = None
    urgency: str | None = None
    feedback_overdue: bool | None = None
    phone: str | None = None


def list_tickets(
    session: Session,
    actor: wf.Actor,
    filters: TicketFilter,
    now: datetime,
    *,
    cursor: int | None = None,
    limit: int = 50,
) -> tuple[list[dict[str, Any]], int | None]:
    """Return a page of tickets (newest first, masked) and the cursor of the next page."""
    stmt = (
        select(HotlineTicket, Case, Category)
        .join(Case, Case.id == HotlineTicket.case_id)
        .join(Category, Category.id == Case.category_id)
        .where(scope.visible(actor))
        .order_by(HotlineTicket.case_id.desc())
        .limit(limit + 1)
    )
    if cursor is not None:
        stmt = stmt.where(HotlineTicket.case_id < cursor)
    if filters.status is not None:
        stmt = stmt.where(Case.status == filters.status.value)
    if filters.urgency is not None:
        stmt = stmt.where(HotlineTicket.urgency == get_urgency(session, filters.urgency).code)
    if filters.feedback_overdue is not None:
        overdue = and_(HotlineTicket.contacted_at.is_(None), HotlineTicket.feedback_due_at < now)
        stmt = stmt.where(overdue if filters.feedback_overdue else not_(overdue))
    if filters.phone is not None:
        if actor.role is not wf.Role.hotline_agent:
            raise Forbidden("只有热线坐席可以按来电号码查询工单", field="phone")
        try:
            index = phone_index(filters.phone)
        except InvalidInput:
            raise InvalidPhone("来电号码格式不正确", field="phone") from None
        stmt = stmt.where(HotlineTicket.phone_index == index)
    rows = session.execute(stmt).all()
    urgencies = urgency_map(session)
    items = [
        ticket_view(t, urgencies, now)
        | {
            "case_no": c.case_no,
            "status": c.status,
            "status_label": wf.Status(c.status).label,
            "district_code": c.district_code,
            "category": {"kind": cat.kind, "code": cat.code, "name": cat.name},
            "assigned_unit_id": c.assigned_unit_id,
            "routed_unit_id": c.routed_unit_id,
            "reported_at": c.reported_at,
        }
        for t, c, cat in rows[:limit]
    ]
    next_cursor = rows[limit - 1][0].case_id if len(rows) > limit else None
    return items, next_cursor
