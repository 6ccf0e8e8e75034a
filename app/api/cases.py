"""Case API (案卷): report, read, events, and one endpoint per workflow action.

The caller is the bearer of an access token (app.api.auth); which roles may call an action
endpoint is read from the one transition table, and every case is looked up within the caller's
scope (app.cases.scope: out of scope = 404). A case read lists `allowed_actions` for the caller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.api.auth import STAFF_ROLES, Allow, LoopAllow, ReportAllow
from app.api.deps import LoopSessionDep, NowDep, ReportSessionDep, SessionDep, on_loop
from app.api.errors import ERROR_RESPONSES
from app.api.responses import claim, once, respond
from app.api.schemas.cases import CaseRead, CaseReported, EventRead
from app.api.schemas.edge import BigId, CleanStr, IntId, Numeric10_2, PgInt
from app.api.schemas.grid import DEFAULT_CRS, CrsIn, LatIn, LonIn
from app.cases import idempotency
from app.cases import workflow as wf
from app.cases.history import EventView, case_history
from app.cases.report_policy import Channel, check_report
from app.cases.service import (
    ActionInput,
    ReportInput,
    ReportResult,
    act_view,
    case_view,
    get_case,
    goes_on,
    report_case,
    report_view,
)
from app.core.clock import normalize_instants
from app.core.config import get_settings
from app.core.db import each_statement_commits, transaction_from_here
from app.core.errors import DomainError

router = APIRouter(prefix="/api/v1/cases", tags=["案卷 cases"], responses=ERROR_RESPONSES)


def _roles_of(action: wf.Action) -> tuple[wf.Role, ...]:
    """Return the human roles the transition table lets take `action` (in `Role` order)."""
    roles = {role for r in wf.TABLE if r.action is action for role in r.roles}
    return tuple(r for r in wf.Role if r in roles and r is not wf.Role.system)


ReaderDep = Annotated[wf.Actor, Depends(Allow(*STAFF_ROLES))]
ReporterDep = Annotated[wf.Actor, Depends(ReportAllow(*_roles_of(wf.Action.report)))]

IdemKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="幂等键：同一键同一内容的重试返回首次结果"),
]


class CaseReport(BaseModel):
    """上报一个问题."""

    category: CleanStr = Field(
        description="类别，如 event:09006 或 component:01003", examples=["event:09006"]
    )
    lon: LonIn
    lat: LatIn
    crs: CrsIn = DEFAULT_CRS
    description: CleanStr = Field(min_length=1, max_length=2000, description="问题描述")
    address_text: CleanStr | None = Field(default=None, max_length=500, description="地址描述")
    condition: PgInt | None = Field(default=None, ge=1, description="立案条件序号（默认第 1 条）")
    source: wf.Source = Field(default=wf.Source.inspector, description="案件来源")
    photos: list[CleanStr] = Field(
        default_factory=list, max_length=get_settings().report_max_photos, description="照片 ID"
    )

    def report_input(self) -> ReportInput:
        """Return what the report service takes (`app.cases.service.report_case`)."""
        return ReportInput(
            source=self.source,
            category=self.category,
            lon=self.lon,
            lat=self.lat,
            crs=self.crs,
            description=self.description,
            address_text=self.address_text,
            condition=self.condition,
            photos=tuple(self.photos),
        )


class CaseAction(BaseModel):
    """一个流转动作的内容；需要哪些字段由流转表决定."""

    note: CleanStr | None = Field(default=None, max_length=2000, description="理由/说明")
    photos: list[CleanStr] = Field(
        default_factory=list, max_length=get_settings().report_max_photos, description="照片 ID"
    )
    unit_id: IntId | None = Field(
        default=None, description="派遣/二级派遣的目标单位（派遣默认为建议单位）"
    )
    hours: Numeric10_2 | None = Field(default=None, description="延期时长（小时）")
    master_case_id: BigId | None = Field(default=None, description="合并到的主案卷 ID")
    satisfaction: CleanStr | None = Field(
        default=None, description="回访结果 satisfied | basically_satisfied | dissatisfied"
    )
    inspector_id: IntId | None = Field(
        default=None,
        description="核实/核查任务交给哪位监督员（默认：上报的监督员，否则该网格/社区的责任监督员）",
    )


@router.post(
    "",
    status_code=201,
    response_model=CaseReported,
    summary="上报案卷",
    description=(
        "定位到单元网格、派遣建议、生成案卷编号（区县-年度-序号，连续不跳号）、开始立案计时、写入首条"
        "事件；返回案卷及疑似重复的开放案卷（同类别、半径与时间窗口可配置）。带 `Idempotency-Key` 的"
        "重试返回首次结果；同一键不同内容返回 409。"
    ),
)
async def post_case(
    now: NowDep,
    session: ReportSessionDep,
    body: CaseReport,
    actor: ReporterDep,
    idempotency_key: IdemKey = None,
) -> JSONResponse:
    """Report a case (on the event loop: app.api.deps.on_loop)."""
    return await on_loop(
        report_once,
        session,
        body,
        actor,
        idempotency_key,
        f"POST /cases|{actor.role}|{actor.user_id}",
        Channel.cases_api,
        now,
    )


def report_once(
    session: Session,
    body: CaseReport,
    actor: wf.Actor,
    key: str | None,
    scope: str,
    channel: Channel,
    now: datetime,
) -> JSONResponse:
    """Report `body` as `actor` once per Idempotency-Key; answer the case and its duplicates.

    On a session whose statements commit one by one (`POST /cases`: deps.get_report_session)
    the key's lock would end with the look-up's own statement, so there is no look-up: the
    insert stores the key's record, and a retry of a report that was stored fails before or at
    its write — its photos are the first case's, its insert finds the key's record (a unique
    violation: nothing of it is written) — and answers the stored record instead. A retry is
    rare; a look-up before every report was one round trip in five.
    """
    data = body.report_input()
    if goes_on(body.source):  # it writes after its insert: one transaction, from the key's lock
        transaction_from_here(session)
    at_write = each_statement_commits(session)
    earlier, remember = claim(session, key, scope, body, 201, look_up=not at_write)
    if earlier is not None:
        return earlier
    check_report(channel, actor.role, body.source, len(body.photos))

    def answer(result: ReportResult) -> dict[str, Any]:
        view = report_view(session, result, actor, now)
        out: dict[str, Any] = normalize_instants(
            view | {"possible_duplicates": result.possible_duplicates}
        )
        return out

    try:
        result = report_case(
            session,
            data,
            actor,
            now,
            answer=answer,
            remember=remember,
            last=True,  # nothing is written after the report: the insert commits (core.db.fetch_all)
        )
    except (DomainError, IntegrityError) as exc:
        if remember is None or not at_write:
            raise
        if isinstance(exc, IntegrityError) and not idempotency.lost_race(session, exc):
            raise
        earlier, _ = claim(session, key, scope, body, 201)  # a retry: the first answer, or 409
        if earlier is None:
            raise
        return earlier
    return respond(201, result.answer, normalized=True)  # `answer` normalized it


@router.get(
    "/{case_id}",
    response_model=CaseRead,
    summary="案卷详情（含各阶段计时、红黄绿灯与可执行动作）",
    description="案卷的全部字段、各阶段计时与红黄绿灯、照片、计数，以及调用者可执行的动作 `allowed_actions`；权限范围外返回 404。",
)
def read_case(
    now: NowDep,
    session: SessionDep,
    case_id: BigId,
    actor: ReaderDep,
) -> JSONResponse:
    """Read a case with `allowed_actions` for the caller (404 outside the caller's scope)."""
    view = case_view(session, get_case(session, case_id, actor), actor, now)
    # validated against the documented model, answered in the same JSON as the action endpoints
    CaseRead.model_validate(view)
    return respond(200, view)


@router.get(
    "/{case_id}/events",
    summary="执法全过程记录（哈希链）",
    description=(
        "案卷的全部事件，按发生顺序：动作、前后状态（代码与中文名）、操作人（姓名、角色、单位）、"
        "理由、照片、时间与哈希链。权限范围外的案卷返回 404。"
    ),
    response_model=list[EventRead],
)
def read_events(
    session: SessionDep,
    case_id: BigId,
    actor: ReaderDep,
) -> list[EventView]:
    """案卷事件（带中文名称与操作人）."""
    get_case(session, case_id, actor)
    return case_history(session, case_id)


def _action_endpoint(action: wf.Action) -> Any:
    allow = LoopAllow(*_roles_of(action), refuse=wf.ActionForbidden)

    async def endpoint(
        now: NowDep,
        session: LoopSessionDep,
        case_id: Annotated[BigId, Path(description="案卷 ID")],
        actor: wf.Actor,  # annotated below: Depends(allow)
        body: CaseAction | None = None,
        idempotency_key: IdemKey = None,
    ) -> JSONResponse:
        body = body or CaseAction()
        scope = f"POST /cases/{case_id}/{action.value}|{actor.role}|{actor.user_id}"

        def produce() -> Any:
            return act_view(
                session,
                case_id,
                action,
                actor,
                ActionInput(
                    note=body.note,
                    photos=tuple(body.photos),
                    unit_id=body.unit_id,
                    hours=body.hours,
                    master_case_id=body.master_case_id,
                    satisfaction=body.satisfaction,
                    inspector_id=body.inspector_id,
                ),
                now,
            )

        # one case's action is a few short statements: on the event loop (app.api.deps.on_loop)
        return await on_loop(once, session, idempotency_key, scope, body, 200, produce, now)

    # a closure variable cannot be resolved from a string annotation (PEP 563): set the object
    endpoint.__annotations__["actor"] = Annotated[wf.Actor, Depends(allow)]
    endpoint.__name__ = f"case_{action.value}"
    return endpoint


for _action in wf.Action:
    if _action is wf.Action.report:
        continue
    _rows = [r for r in wf.TABLE if r.action is _action]
    _who = "、".join(sorted({role.label for r in _rows for role in r.roles}))
    _needs = "、".join(sorted({n.label for r in _rows for n in r.needs})) or "无"
    router.add_api_route(
        f"/{{case_id}}/actions/{_action.value}",
        _action_endpoint(_action),
        methods=["POST"],
        response_model=CaseRead,
        summary=f"{_action.label}（{_action.value}）",
        description=(
            f"可执行角色：{_who}。需提交：{_needs}。状态与权限由统一的流转表检查："
            "不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 "
            "`action_forbidden`。并发冲突时只有一个请求成功。"
        ),
    )
