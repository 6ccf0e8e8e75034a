"""Work queues (工作队列) over HTTP: the unit's queue and the command centre's lists.

The lists, their order and their scope live in `app.queues`; this module declares who
may call what, reads the query parameters (unknown ones are refused: a typo must not silently
widen a list), and links every item to the per-action endpoints of `app.api.cases` — no action is
duplicated here except the two the issue asks for by name (bulk sign, one-click dispatch), which
go through the same transition plan and writer (`act_many`, `act_view`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from app.api.auth import CENTRE_ROLES, Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES, status_for
from app.api.schemas.cases import CaseRead
from app.api.schemas.edge import BigId, CleanStr, IntId
from app.api.schemas.queries import (
    ApprovalsQuery,
    BoardQuery,
    CaseSearchQuery,
    InboxQuery,
    SupervisionQuery,
    ToCloseQuery,
    UnitHistoryQuery,
    UnitQueueQuery,
)
from app.api.schemas.queues import (
    ApprovalItem,
    BulkDispatchRead,
    BulkSignRead,
    CaseSummary,
    CentreCounts,
    DispatchBoardItem,
    InboxItem,
    Page,
    SearchItem,
    SubUnits,
    SupervisionItem,
    ToCloseItem,
    UnitCounts,
    UnitHistoryItem,
)
from app.cases import workflow as wf
from app.cases.service import ActionInput, act_view
from app.queues import centre, counts, filters, paging, search, unit

units_router = APIRouter(
    prefix="/api/v1/units", tags=["工作队列 queues"], responses=ERROR_RESPONSES
)
centre_router = APIRouter(
    prefix="/api/v1/centre", tags=["工作队列 queues"], responses=ERROR_RESPONSES
)
search_router = APIRouter(prefix="/api/v1/cases", tags=["案卷 cases"], responses=ERROR_RESPONSES)

UnitDep = Annotated[wf.Actor, Depends(Allow(wf.Role.unit_handler))]
CentreDep = Annotated[wf.Actor, Depends(Allow(*CENTRE_ROLES))]
OverseerDep = Annotated[wf.Actor, Depends(Allow(*CENTRE_ROLES, wf.Role.leader))]
SearchDep = Annotated[wf.Actor, Depends(Allow(*CENTRE_ROLES, wf.Role.leader, wf.Role.admin))]
CloserDep = Annotated[wf.Actor, Depends(Allow(wf.Role.shift_leader))]
DispatcherDep = Annotated[wf.Actor, Depends(Allow(wf.Role.dispatcher, refuse=wf.ActionForbidden))]
_MAX_ID = 2**63 - 1

# What each workflow need is called in the body of POST /api/v1/cases/{id}/actions/{action}.
NEED_FIELDS = {
    wf.Need.reason: "note",
    wf.Need.photos: "photos",
    wf.Need.unit: "unit_id",
    wf.Need.hours: "hours",
    wf.Need.master_case: "master_case_id",
    wf.Need.satisfaction: "satisfaction",
}


def _query_names(dependant: Any) -> set[str]:
    """Return the query parameters an endpoint declares, its dependencies' included (PageDep).

    A query model (`Annotated[UnitQueueQuery, Query()]`) declares each of its fields.
    """
    names: set[str] = set()
    for p in dependant.query_params:
        model = p.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            names |= {f.alias or n for n, f in model.model_fields.items()}
        else:
            names.add(p.alias)
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def known_params(request: Request) -> None:
    """Refuse query parameters the endpoint does not declare (422 `invalid_filter`)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    declared = _query_names(dependant) if dependant is not None else set()
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        raise filters.InvalidFilter(
            f"未知的参数：{'、'.join(unknown)}；此接口可用：{'、'.join(sorted(declared)) or '无'}",
            unknown=unknown,
            allowed=sorted(declared),
        )


Known = Depends(known_params)


def _q(description: str) -> Any:
    return Query(description=description)


LimitQ = Annotated[
    CleanStr | None, _q("每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE）")
]
CursorQ = Annotated[
    CleanStr | None, _q("上一页返回的 next_cursor（不透明；筛选条件须与上一页相同）")
]
CategoryQ = Annotated[list[CleanStr] | None, _q("类别，如 event:09006（可重复或逗号分隔）")]
StreetQ = Annotated[list[CleanStr] | None, _q("9 位街道代码（可重复或逗号分隔）")]
LightQ = Annotated[list[CleanStr] | None, _q("灯色 red | yellow | green")]


def page_request(limit: LimitQ = None, cursor: CursorQ = None) -> filters.PageRequest:
    """Return the page every list asks for (`limit`, `cursor`); a bad limit: 422 invalid_filter."""
    return filters.PageRequest(filters.page_limit(limit), cursor)


# The paging parameters of every list, read and checked once.
PageDep = Annotated[filters.PageRequest, Depends(page_request)]


def _action_fields(action: str) -> list[str]:
    needs = {n for r in wf.TABLE if r.action.value == action for n in r.needs}
    return [NEED_FIELDS[n] for n in wf.Need if n in needs]


def _links(item: dict[str, Any]) -> dict[str, Any]:
    case_id = item["id"]
    return item | {
        "links": {
            "self": f"/api/v1/cases/{case_id}",
            "events": f"/api/v1/cases/{case_id}/events",
            "actions": {a: f"/api/v1/cases/{case_id}/actions/{a}" for a in item["allowed_actions"]},
        }
    }


def _body(page: paging.Page) -> dict[str, Any]:
    """Render a page: items with links, the next cursor, and how to call each action offered."""
    used = sorted({a for item in page.items for a in item["allowed_actions"]})
    body: dict[str, Any] = {
        "items": [_links(i) for i in page.items],
        "next_cursor": page.next_cursor,
        "as_of": page.as_of,
        "limit": page.limit,
        "filters": paging.filters_of(page),
        "actions": {
            a: {
                "label": wf.Action(a).label,
                "method": "POST",
                "href": f"/api/v1/cases/{{case_id}}/actions/{a}",
                "body": _action_fields(a),
            }
            for a in used
        },
    }
    if page.next_updated_since is not None:
        body["refresh"] = {
            "next_updated_since": page.next_updated_since,
            "removed": page.removed,
            "removed_truncated": page.removed_truncated,
        }
    return body


# --- the unit's queue ---------------------------------------------------------------------------


@units_router.get(
    "/queue",
    response_model=Page[CaseSummary],
    response_model_exclude_unset=True,
    summary="单位工作队列：本单位承办的案卷，按紧急程度排序",
    description=(
        "红灯先于黄灯先于绿灯，其次 紧急 > 严重 > 一般 > 轻微，再按处置时限先到期者优先。"
        "游标分页（`next_cursor`），`updated_since` 增量刷新（同时返回已移出队列的案卷 ID）。"
        "每条带可执行动作 `allowed_actions` 及其接口。"
    ),
    dependencies=[Known],
)
def get_unit_queue(
    now: NowDep,
    session: SessionDep,
    actor: UnitDep,
    page_request_: PageDep,
    query: Annotated[UnitQueueQuery, Query()],
) -> dict[str, Any]:
    """Return a page of the caller's unit queue."""
    page = unit.unit_queue(session, actor, now, page_request_, **query.model_dump())
    return _body(page)


@units_router.get(
    "/queue/history",
    response_model=Page[UnitHistoryItem],
    summary="单位曾承办的案卷：已办结、已回退或已退回上级",
    description="最新案卷在前；`held_from`/`held_until` 为本单位持有的时间，灯色为本单位计时停止时的灯色。",
    dependencies=[Known],
)
def get_unit_history(
    now: NowDep,
    session: SessionDep,
    actor: UnitDep,
    page_request_: PageDep,
    query: Annotated[UnitHistoryQuery, Query()],
) -> dict[str, Any]:
    """Return a page of the cases the caller's unit held before."""
    page = unit.unit_history(session, actor, now, page_request_, **query.model_dump())
    return _body(page)


@units_router.get(
    "/queue/counts",
    response_model=UnitCounts,
    summary="单位队列角标：承办、待签收、红灯、黄灯、待审批、已下派、下级申请回退",
    dependencies=[Known],
    description="本单位队列的角标（承办、待签收、红灯、黄灯、待审批、已下派、下级申请回退），一次查询。",
)
def get_unit_counts(now: NowDep, session: SessionDep, actor: UnitDep) -> dict[str, Any]:
    """Return the unit's badges (one statement)."""
    return counts.unit_counts(session, actor, now)


class BulkSign(BaseModel):
    """批量签收."""

    case_ids: list[Annotated[int, Field(ge=1, le=_MAX_ID)]] = Field(
        description="案卷 ID（最多 XIUHUA_QUEUE_BULK_MAX 件，默认 50）"
    )


def _outcome(o: unit.BulkOutcome, kind: str = "sign") -> dict[str, Any]:
    """One bulk result (sign or dispatch): the case's new state, or the error that refused it."""
    if o.error is not None:
        e = o.error
        return {
            "case_id": o.case_id,
            "ok": False,
            "error": {
                "status": status_for(e),
                "error": type(e).__name__,
                "code": e.code,
                "message": e.message,
                "detail": e.detail or None,
            },
        }
    assert o.case is not None
    c = o.case
    done = {"case_id": o.case_id, "ok": True, "case_no": c.case_no, "status": c.status}
    if kind == "dispatch":
        return done | {"assigned_unit_id": c.assigned_unit_id, "dispatched_at": c.dispatched_at}
    return done | {"signed": c.signed, "signed_at": c.signed_at}


@units_router.post(
    "/queue/sign",
    response_model=BulkSignRead,
    summary="批量签收",
    description=(
        "与 `POST /api/v1/cases/{id}/actions/sign` 相同的流转（同一张流转表、同一套计时与事件规则），"
        "成批加锁、成批写入：某一件失败（不存在/不在本单位范围 404、已签收 409、非承办单位 403）"
        "在写入前即被拒绝，不留下任何记录，也不影响其他件。按提交顺序返回每件的结果。"
    ),
    dependencies=[Known],
)
def post_bulk_sign(
    now: NowDep, session: SessionDep, actor: UnitDep, body: BulkSign
) -> dict[str, Any]:
    """Sign for each case; answer per id."""
    outcomes = unit.bulk_sign(session, actor, body.case_ids, now)
    results = [_outcome(o) for o in outcomes]
    done = sum(1 for r in results if r["ok"])
    return {"results": results, "ok": done, "failed": len(results) - done}


@units_router.get(
    "/{unit_id}/sub-units",
    response_model=SubUnits,
    summary="本单位的下级单位（二级派遣的目标）",
    description="只能查看本单位；其他单位返回 404。`open_cases` 为本单位下派给该下级单位、尚未办结的案卷数。",
    dependencies=[Known],
)
def get_sub_units(
    session: SessionDep,
    actor: UnitDep,
    unit_id: Annotated[IntId, Path(ge=1, le=_MAX_ID, description="单位 ID（须为本单位）")],
) -> dict[str, Any]:
    """Return the caller's unit and its active sub-units."""
    return unit.sub_units(session, actor, unit_id)


# --- the command centre -------------------------------------------------------------------------


@centre_router.get(
    "/inbox",
    response_model=Page[InboxItem],
    summary="受理台：待受理、待核实的案卷（来源、疑似重复、计时灯）",
    dependencies=[Known],
    description="待受理、待核实的案卷：红灯先于黄灯先于绿灯，其次紧急程度、时限先到期者优先；每条带来源与疑似重复的开放案卷。",
)
def get_inbox(
    now: NowDep,
    session: SessionDep,
    actor: CentreDep,
    page_request_: PageDep,
    query: Annotated[InboxQuery, Query()],
) -> dict[str, Any]:
    """Return a page of the centre's inbox."""
    page = centre.centre_inbox(session, actor, now, page_request_, **query.model_dump())
    return _body(page)


@centre_router.get(
    "/dispatch-board",
    response_model=Page[DispatchBoardItem],
    summary="派遣台：待派遣案卷及建议单位、决定它的责任规则",
    dependencies=[Known],
    description="待派遣案卷：红灯先于黄灯先于绿灯，其次紧急程度、时限先到期者优先；每条带建议单位及决定它的责任规则或部件。",
)
def get_dispatch_board(
    now: NowDep,
    session: SessionDep,
    actor: CentreDep,
    page_request_: PageDep,
    query: Annotated[BoardQuery, Query()],
) -> dict[str, Any]:
    """Return a page of the dispatch board."""
    page = centre.dispatch_board(session, actor, now, page_request_, **query.model_dump())
    return _body(page)


class BoardDispatch(BaseModel):
    """一键派遣：默认派给建议单位."""

    unit_id: IntId | None = Field(
        default=None, ge=1, le=_MAX_ID, description="目标单位（默认：建议单位）"
    )
    note: CleanStr | None = Field(default=None, max_length=2000, description="派遣说明")


class BulkDispatch(BaseModel):
    """批量派遣（派遣台）：默认各派给其建议单位."""

    case_ids: list[Annotated[int, Field(ge=1, le=_MAX_ID)]] = Field(
        description="案卷 ID（最多 XIUHUA_DISPATCH_BULK_MAX 件，默认 1000）"
    )
    unit_id: IntId | None = Field(
        default=None, ge=1, le=_MAX_ID, description="全部派给该单位（默认：各案卷的建议单位）"
    )
    note: CleanStr | None = Field(default=None, max_length=2000, description="派遣说明")


@centre_router.post(
    "/dispatch-board/dispatch",
    response_model=BulkDispatchRead,
    summary="批量派遣（默认各派给建议单位）",
    description=(
        "与 `POST /api/v1/cases/{id}/actions/dispatch` 相同的流转（同一张流转表、同一套计时规则、同一个"
        "事件链写入），成批加锁、成批写入：不指定 `unit_id` 时各派给其建议单位。某一件失败（不存在/不在"
        "范围内 404、不是待派遣 409、没有有效单位 422）在写入前即被拒绝，不留下任何记录，也不影响其他件。"
        "按提交顺序返回每件的结果；一次最多 1000 件（`XIUHUA_DISPATCH_BULK_MAX`）。"
    ),
    dependencies=[Known],
)
def post_bulk_dispatch(
    session: SessionDep, actor: DispatcherDep, now: NowDep, body: BulkDispatch
) -> dict[str, Any]:
    """Dispatch each case; answer per id."""
    outcomes = centre.bulk_dispatch(
        session, actor, body.case_ids, now, unit_id=body.unit_id, note=body.note
    )
    results = [_outcome(o, "dispatch") for o in outcomes]
    done = sum(1 for r in results if r["ok"])
    return {"results": results, "ok": done, "failed": len(results) - done}


@centre_router.post(
    "/dispatch-board/{case_id}/dispatch",
    response_model=CaseRead,
    summary="一键派遣（默认派给建议单位）",
    description=(
        "与 `POST /api/v1/cases/{id}/actions/dispatch` 相同的流转：不指定 `unit_id` 时派给建议单位"
        "（`routed_unit_id`）。重复点击时第二次返回 409（案卷已是处置中）。"
    ),
    dependencies=[Known],
)
def post_board_dispatch(
    now: NowDep,
    session: SessionDep,
    actor: DispatcherDep,
    case_id: Annotated[BigId, Path(ge=1, le=_MAX_ID, description="案卷 ID")],
    body: Annotated[BoardDispatch | None, Body()] = None,
) -> dict[str, Any]:
    """Dispatch a filed case to its suggested unit (or `unit_id`) and return it."""
    body = body or BoardDispatch()
    return act_view(
        session,
        case_id,
        wf.Action.dispatch,
        actor,
        ActionInput(unit_id=body.unit_id, note=body.note),
        now,
    )


@centre_router.get(
    "/approvals",
    response_model=Page[ApprovalItem],
    summary="审批台：回退、延期、挂账、作废申请（申请人、理由、时长、时间）",
    description="回退申请只列一级派遣的（二级派遣的回退由下派的上级单位决定）；最早的申请在前。",
    dependencies=[Known],
)
def get_approvals(
    now: NowDep,
    session: SessionDep,
    actor: CentreDep,
    page_request_: PageDep,
    query: Annotated[ApprovalsQuery, Query()],
) -> dict[str, Any]:
    """Return a page of requests waiting for a decision."""
    page = centre.centre_approvals(session, actor, now, page_request_, **query.model_dump())
    return _body(page)


@centre_router.get(
    "/supervision",
    response_model=Page[SupervisionItem],
    summary="督办：超期案卷（超期天数、责任单位、督办时间），超期最久的在前",
    description="指挥中心与领导可查看；每件案卷只列其超期最久的在办计时。",
    dependencies=[Known],
)
def get_supervision(
    now: NowDep,
    session: SessionDep,
    actor: OverseerDep,
    page_request_: PageDep,
    query: Annotated[SupervisionQuery, Query()],
) -> dict[str, Any]:
    """Return a page of the supervision (督办) list."""
    page = centre.centre_supervision(session, actor, now, page_request_, **query.model_dump())
    return _body(page)


@centre_router.get(
    "/counts",
    response_model=CentreCounts,
    summary="指挥中心各列表角标（一次查询）",
    dependencies=[Known],
    description="受理台、派遣台、审批台、督办各列表的角标，一次查询，条件与列表相同。",
)
def get_centre_counts(now: NowDep, session: SessionDep, actor: CentreDep) -> dict[str, Any]:
    """Return the badges of the inbox, dispatch board, approvals and supervision lists."""
    return counts.centre_counts(session, actor, now)


@centre_router.get(
    "/to-close",
    response_model=Page[ToCloseItem],
    summary="待结案：核查通过、等待值班长结案的案卷",
    description=(
        "值班长的结案列表：红灯先于黄灯先于绿灯（结案阶段计时），其次紧急程度、时限先到期者优先。"
        "每条带处置、核查时间与返工次数；`allowed_actions` 含“结案”及其接口。"
    ),
    dependencies=[Known],
)
def get_to_close(
    now: NowDep,
    session: SessionDep,
    actor: CloserDep,
    page_request_: PageDep,
    query: Annotated[ToCloseQuery, Query()],
) -> dict[str, Any]:
    """待结案列表."""
    page = centre.centre_to_close(session, actor, now, page_request_, **query.model_dump())
    return _body(page)


@search_router.get(
    "",
    response_model=Page[SearchItem],
    summary="案卷查询：按状态、类别、来源、单位、区域、灯色、时段、文字组合查询",
    description=(
        "指挥中心与领导的案卷查询，只返回调用者权限范围内的案卷。条件可组合："
        "状态、在办/已办结、类别、来源、承办单位、街道/社区/单元网格、灯色、超期、上报时段、"
        "文字（匹配案卷编号、问题描述、地址）。默认最新上报在前（`sort=urgency`：按紧急程度）；"
        "游标分页（`next_cursor`）。未知参数或取值不合法返回 422 `invalid_filter`。"
    ),
    dependencies=[Known],
)
def get_cases(
    now: NowDep,
    session: SessionDep,
    actor: SearchDep,
    page_request_: PageDep,
    query: Annotated[CaseSearchQuery, Query()],
) -> dict[str, Any]:
    """案卷查询."""
    page = search.search_cases(session, actor, now, page_request_, **query.model_dump())
    return _body(page)
