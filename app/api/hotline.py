"""12345 hotline API (接诉即办): tickets, addresses, categories, caller contact, the 三率.

Tickets are filed and read here; address candidates and category suggestions help the agent;
the response (联系诉求人) and the unit's result (解决/未解决) are recorded; the desk sees the
三率 per unit.

Every answer shows the caller masked (138****5678, 张*); only `POST …/caller` returns the
name and phone in clear, to the hotline desk or the unit now handling the ticket, and writes a
`caller_revealed` event (who, why) into the case's hash chain. A caller's phone is never put in
a URL (query strings end up in access logs): the repeat-caller search is a POST.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from app.api.auth import STAFF_ROLES, Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.responses import once, respond
from app.api.schemas.edge import BigId, CleanStr, PgInt
from app.api.schemas.grid import DEFAULT_CRS, CrsIn, LatIn, LonIn
from app.api.schemas.hotline import (
    CallerRevealed,
    HotlineRates,
    TicketAnswer,
    TicketFiled,
    TicketPage,
    TicketRead,
)
from app.cases import workflow as wf
from app.cases.catalogue import list_categories
from app.cases.models import Case, HotlineTicket
from app.cases.service import case_view
from app.channels.hotline import caller, categories, feedback, location, rates, reference, tickets
from app.core.config import get_settings
from app.core.errors import InvalidInput

router = APIRouter(prefix="/api/v1/hotline", tags=["热线 hotline"], responses=ERROR_RESPONSES)
categories_router = APIRouter(
    prefix="/api/v1/categories", tags=["热线 hotline"], responses=ERROR_RESPONSES
)

R = wf.Role
StaffDep = Annotated[wf.Actor, Depends(Allow(*STAFF_ROLES))]
IntakeDep = Annotated[wf.Actor, Depends(Allow(R.hotline_agent, R.operator))]
HolderDep = Annotated[wf.Actor, Depends(Allow(R.hotline_agent, R.unit_handler))]
UnitDep = Annotated[wf.Actor, Depends(Allow(R.unit_handler))]
DeskDep = Annotated[wf.Actor, Depends(Allow(R.hotline_agent, R.leader, R.admin))]
CaseId = Annotated[int, Path(description="案卷 ID（工单所属案卷）")]
IdemKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="幂等键：同一键同一内容的重试返回首次结果"),
]
District = Annotated[
    str | None, Query(pattern=r"^\d{6}$", description="区县代码（默认：坐席唯一的辖区）")
]


# --- category picker and suggestion ---------------------------------------------------------


@categories_router.get(
    "",
    summary="类别选择：按名称、代码、大类搜索已启用的类别",
    description="供坐席、受理员等选择问题类别；`q` 匹配类别名称、5 位代码、大类名称或 2 位大类代码。",
)
def get_categories(
    session: SessionDep,
    _actor: StaffDep,
    q: Annotated[CleanStr | None, Query(max_length=50, description="名称、代码或大类")] = None,
    kind: Annotated[Literal["component", "event"] | None, Query(description="部件或事件")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:
    """Search enabled categories."""
    return [
        {
            "ref": f"{c.kind}:{c.code}",
            "kind": c.kind,
            "code": c.code,
            "name": c.name,
            "major_code": c.major_code,
            "major_name": c.major_name,
        }
        for c in list_categories(session, kind=kind, q=q, enabled=True, limit=limit)
    ]


class SuggestBody(BaseModel):
    """按诉求内容建议类别."""

    text: CleanStr = Field(max_length=4000, description="诉求内容")
    kind: Literal["component", "event"] | None = Field(
        default="event", description="只建议事件（默认）或部件类别；null = 全部"
    )
    limit: PgInt = Field(default=5, ge=1, le=20)


@router.post(
    "/suggest-category",
    summary="按诉求内容建议问题类别（关键词）",
    description=(
        "用类别名称与关键词表（同义词，如 摆摊→占道经营、牛皮癣→非法小广告）匹配诉求内容，"
        "按命中关键词的权重 × 长度排序。关键词表 `dispatch_hotline_keyword` 可按需维护。"
    ),
)
def post_suggest_category(
    session: SessionDep, body: SuggestBody, _actor: IntakeDep
) -> list[dict[str, Any]]:
    """Suggest categories for a caller's words."""
    return [
        asdict(s) | {"ref": s.ref}
        for s in categories.suggest_categories(session, body.text, kind=body.kind, limit=body.limit)
    ]


@router.get(
    "/urgencies",
    summary="紧急程度与反馈时限",
    description="启用的紧急程度及其反馈时限（登记工单时选择）。",
)
def get_urgencies(session: SessionDep, _actor: StaffDep) -> list[dict[str, Any]]:
    """List the active urgency classes."""
    return [
        {
            "code": u.code,
            "name": u.name,
            "feedback_limit_value": float(u.feedback_limit_value),
            "feedback_limit_unit": u.feedback_limit_unit,
        }
        for u in reference.list_urgencies(session)
    ]


@router.get(
    "/geocode",
    summary="地址匹配：诉求人描述的地址 → 标准地址候选（含得分）",
    description=(
        "在坐席辖区内匹配标准地址，返回候选与相似度。登记工单时可传 `address_id`（坐席选定）或点位；"
        "只给地址文本时，最佳候选得分不低于 `auto_pick_threshold` 才自动采用。"
    ),
)
def get_geocode(
    session: SessionDep,
    actor: IntakeDep,
    q: Annotated[CleanStr, Query(min_length=1, max_length=200, description="地址文本")],
    district_code: District = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> dict[str, Any]:
    """Return address candidates for the agent."""
    m = location.address_candidates(session, q, actor, district_code=district_code, limit=limit)
    return {
        "query": q,
        "matched_text": m.query,
        "district_code": m.district_code,
        "auto_pick_threshold": m.min_score,
        "auto_pick_margin": m.min_margin,
        "auto_pick": m.auto_pick.address_id if m.auto_pick else None,
        "candidates": [asdict(c) for c in m.candidates],
    }


# --- tickets ----------------------------------------------------------------------------------


class TicketCreate(BaseModel):
    """登记热线工单."""

    source_system: CleanStr = Field(
        default=tickets.DEFAULT_SOURCE_SYSTEM,
        min_length=1,
        max_length=16,
        pattern=r"^[0-9A-Za-z_.-]+$",
        description="来源系统（工单号在其内唯一），如 12345、12319",
    )
    ticket_no: CleanStr = Field(
        min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_.:/-]+$", description="外部工单号"
    )
    caller_name: CleanStr | None = Field(default=None, max_length=50, description="诉求人姓名")
    caller_phone: CleanStr = Field(max_length=32, description="诉求人电话（加密存储，显示为掩码）")
    content: CleanStr = Field(max_length=4000, description="诉求内容")
    category: CleanStr | None = Field(
        default=None, description="类别，如 event:09006；不填则按诉求内容建议的第一个类别"
    )
    urgency: CleanStr = Field(
        default="general",
        max_length=16,
        description="紧急程度：emergency | utilities | general | complex",
    )
    address_text: CleanStr | None = Field(
        default=None, max_length=500, description="诉求人描述的地址"
    )
    lon: LonIn | None = Field(default=None, description="坐席确认的点位经度")
    lat: LatIn | None = Field(default=None, description="坐席确认的点位纬度")
    crs: CrsIn = DEFAULT_CRS
    address_id: BigId | None = Field(default=None, description="坐席从候选中选定的标准地址")
    district_code: CleanStr | None = Field(
        default=None,
        pattern=r"^\d{6}$",
        description="所属区县（无法定位时必填，除非坐席只有一个辖区）",
    )
    condition: PgInt | None = Field(default=None, ge=1, description="立案条件序号（默认第 1 条）")


def _ticket_view(session: Session, ticket: HotlineTicket, now: datetime) -> dict[str, Any]:
    """Return one ticket as the API shows it (masked caller, urgency and feedback clock)."""
    return tickets.ticket_view(ticket, reference.urgency_map(session), now)


def _ticket_answer(
    session: Session, ticket_case: tuple[HotlineTicket, Case], actor: wf.Actor, now: datetime
) -> dict[str, Any]:
    ticket, case = ticket_case
    return {
        "ticket": _ticket_view(session, ticket, now)
        | {"earlier_tickets": tickets.earlier_tickets_of(session, ticket, actor)},
        "case": case_view(session, case, actor, now),
    }


@router.post(
    "/tickets",
    status_code=201,
    response_model=TicketFiled,
    summary="登记热线工单（接诉即办）",
    description=(
        "工单即案卷（来源 hotline），编号、计时与全过程记录同其他案卷。位置依次取：坐席确认的点位、"
        "选定的标准地址、地址文本的最佳匹配（得分达到阈值）；都没有时仍受理，派给所属区县的兜底单位并标记"
        " `no_location`。同一来源系统的工单号重复返回 409 `duplicate_ticket`（附已有案卷编号）；"
        "带 `Idempotency-Key` 的重试返回首次结果。诉求人信息加密存储，所有应答只显示掩码。"
    ),
)
def post_ticket(
    now: NowDep,
    session: SessionDep,
    body: TicketCreate,
    actor: IntakeDep,
    idempotency_key: IdemKey = None,
) -> JSONResponse:
    """File a hotline ticket."""

    def produce() -> Any:
        result = tickets.file_ticket(session, tickets.TicketInput(**body.model_dump()), actor, now)
        answer = _ticket_answer(session, (result.ticket, result.case), actor, now)
        return answer | {"possible_duplicates": result.possible_duplicates}

    return once(
        session,
        idempotency_key,
        f"POST /hotline/tickets|{actor.role}|{actor.user_id}",
        body,
        201,
        produce,
        now,
    )


StatusQ = Annotated[wf.Status | None, Query(description="案卷状态")]
UrgencyQ = Annotated[CleanStr | None, Query(max_length=16, description="紧急程度")]
OverdueQ = Annotated[
    bool | None, Query(description="true：超过反馈时限仍未联系诉求人；false：其余")
]
CursorQ = Annotated[int | None, Query(ge=1, description="上一页返回的 next_cursor")]
LimitQ = Annotated[int, Query(ge=1, le=200)]


def _page(items: list[dict[str, Any]], next_cursor: int | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/tickets",
    response_model=TicketPage,
    summary="热线工单列表（按案卷倒序，游标分页，诉求人掩码）",
    description="按辖区与角色可见范围过滤。按来电号码查重复来电请用 `POST /tickets/search`。",
)
def get_tickets(
    now: NowDep,
    session: SessionDep,
    actor: StaffDep,
    status: StatusQ = None,
    urgency: UrgencyQ = None,
    feedback_overdue: OverdueQ = None,
    cursor: CursorQ = None,
    limit: LimitQ = 50,
) -> JSONResponse:
    """List tickets."""
    items, nxt = tickets.list_tickets(
        session,
        actor,
        tickets.TicketFilter(status=status, urgency=urgency, feedback_overdue=feedback_overdue),
        now,
        cursor=cursor,
        limit=limit,
    )
    return respond(200, _page(items, nxt))


class TicketSearch(BaseModel):
    """按条件查询工单（电话号码只放在请求体中，不进入 URL 与访问日志）."""

    phone: CleanStr | None = Field(
        default=None, max_length=32, description="来电号码：查该号码的全部工单（重复来电）"
    )
    status: wf.Status | None = None
    urgency: CleanStr | None = Field(default=None, max_length=16)
    feedback_overdue: bool | None = None
    cursor: PgInt | None = Field(default=None, ge=1)
    limit: PgInt = Field(default=50, ge=1, le=200)


@router.post(
    "/tickets/search",
    response_model=TicketPage,
    summary="查询工单（含按来电号码查重复来电，仅热线坐席）",
    description="号码经盲索引（HMAC）匹配，从不按明文比对；结果中的诉求人仍为掩码。",
)
def search_tickets(
    now: NowDep, session: SessionDep, body: TicketSearch, actor: StaffDep
) -> JSONResponse:
    """Search tickets, e.g. every ticket of one caller."""
    items, nxt = tickets.list_tickets(
        session,
        actor,
        tickets.TicketFilter(
            status=body.status,
            urgency=body.urgency,
            feedback_overdue=body.feedback_overdue,
            phone=body.phone,
        ),
        now,
        cursor=body.cursor,
        limit=body.limit,
    )
    return respond(200, _page(items, nxt))


@router.get(
    "/tickets/{case_id}",
    response_model=TicketAnswer,
    summary="热线工单详情（工单 + 案卷，诉求人掩码）",
    description="热线工单及其案卷（诉求人联系方式已脱敏）；权限范围外返回 404。",
)
def get_ticket(now: NowDep, session: SessionDep, case_id: CaseId, actor: StaffDep) -> JSONResponse:
    """Read a ticket with its case (404 outside the caller's scope)."""
    return respond(
        200, _ticket_answer(session, tickets.get_ticket(session, case_id, actor), actor, now)
    )


class RevealBody(BaseModel):
    """查看诉求人联系方式的理由（写入全过程记录）."""

    reason: CleanStr = Field(max_length=500, description="理由，如：联系诉求人核实现场情况")


@router.post(
    "/tickets/{case_id}/caller",
    response_model=CallerRevealed,
    summary="查看诉求人姓名与电话（明文，留痕）",
    description=(
        "仅热线坐席（辖区内）与当前承办单位（办理中）可调用；须填写理由。每次调用在案卷的全过程记录"
        "（哈希链）中追加一条 `caller_revealed`：谁、何时、为何查看。应答不缓存。"
    ),
)
def post_reveal_caller(
    now: NowDep, session: SessionDep, case_id: CaseId, body: RevealBody, actor: HolderDep
) -> JSONResponse:
    """Return the caller's contact in clear and audit it."""
    contact = caller.reveal_caller(session, case_id, actor, body.reason, now)
    response = respond(
        200, {"case_id": case_id, "caller": {"name": contact.name, "phone": contact.phone}}
    )
    response.headers["Cache-Control"] = "no-store"
    return response


class ContactBody(BaseModel):
    """登记联系诉求人（响应）."""

    contacted_at: datetime | None = Field(
        default=None, description="联系时间（默认现在；不带时区按本地时区）"
    )
    note: CleanStr | None = Field(default=None, max_length=2000, description="联系情况")


@router.post(
    "/tickets/{case_id}/contact",
    response_model=TicketRead,
    summary="登记联系诉求人（响应时间，计入响应率）",
    description="热线坐席或当前承办单位登记首次联系诉求人的时间；按紧急程度的反馈时限判定是否及时。",
)
def post_contact(
    now: NowDep, session: SessionDep, case_id: CaseId, body: ContactBody, actor: HolderDep
) -> JSONResponse:
    """Record the first contact with the caller."""
    ticket = feedback.record_contact(session, case_id, actor, body.contacted_at, body.note, now)
    return respond(200, _ticket_view(session, ticket, now))


class ResolutionBody(BaseModel):
    """登记办理结果."""

    resolved: bool = Field(description="诉求是否已解决")
    note: CleanStr | None = Field(default=None, max_length=2000, description="说明")


@router.post(
    "/tickets/{case_id}/resolution",
    response_model=TicketRead,
    summary="登记办理结果：解决 / 未解决（计入解决率）",
    description="当前承办单位在处置中至回访前登记，可更正；每次登记写入全过程记录。",
)
def post_resolution(
    now: NowDep, session: SessionDep, case_id: CaseId, body: ResolutionBody, actor: UnitDep
) -> JSONResponse:
    """Record whether the caller's problem was solved."""
    ticket = feedback.record_resolution(session, case_id, actor, body.resolved, body.note, now)
    return respond(200, _ticket_view(session, ticket, now))


# --- the 三率 -----------------------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, ZoneInfo(get_settings().calendar_timezone))


@router.get(
    "/rates",
    response_model=HotlineRates,
    summary="三率：各承办单位的响应率、解决率、满意率与综合得分",
    description=(
        "统计登记日期在 [from, to]（含两端，本地日期）内、调用者可见的工单。响应率 = 在反馈时限内联系的"
        "工单 / 已联系或已超时的工单；解决率 = 解决 / 已登记结果；满意率 = (满意 + 0.9 × 基本满意) / "
        "有效回访；综合 = 10% / 50% / 40%（权重与系数可配置）。合并、作废的工单不计。"
    ),
)
def get_rates(
    now: NowDep,
    session: SessionDep,
    actor: DeskDep,
    from_: Annotated[date, Query(alias="from", description="开始日期（含）")],
    to: Annotated[date, Query(description="结束日期（含）")],
) -> JSONResponse:
    """Return the 三率 per unit."""
    if to < from_:
        raise InvalidInput("结束日期不能早于开始日期", field="to")
    units, total = rates.unit_rates(
        session, actor, _day_start(from_), _day_start(to + timedelta(days=1)), now
    )

    def out(u: rates.UnitRates) -> dict[str, Any]:
        return {"unit_id": u.unit_id, "unit_name": u.unit_name} | {
            "counts": asdict(u.counts),
            "rates": asdict(u.rates),
        }

    return respond(
        200,
        {
            "from": from_,
            "to": to,
            "weights": rates.rates_weights(),
            "units": [out(u) for u in units],
            "total": out(total),
        },
    )
