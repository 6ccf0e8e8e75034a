"""Query parameters of the queue lists and the case search, one Pydantic model per list.

FastAPI reads each model from the query string (`Annotated[Model, Query()]`): the fields are the
parameters with their Chinese descriptions in the OpenAPI document. Lists may be repeated or
comma-separated (`status=a&status=b` or `status=a,b`). The values are checked against the
vocabulary in `app.queues.filters` — the one place a filter value is understood — so a wrong
value answers 422 `invalid_filter` naming the allowed ones; unknown parameters are refused by
`app.api.queues.known_params`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.api.schemas.edge import CleanStr

_SOURCES = "来源 inspector | hotline | public | open311 | video | iot | leader"


class _Areas(BaseModel):
    """类别与街道（各列表共用）."""

    category: list[CleanStr] | None = Field(
        default=None, description="类别，如 event:09006（可重复或逗号分隔）"
    )
    street: list[CleanStr] | None = Field(
        default=None, description="9 位街道代码（可重复或逗号分隔）"
    )


class _Lit(_Areas):
    """类别、街道与灯色."""

    light: list[CleanStr] | None = Field(default=None, description="灯色 red | yellow | green")


class UnitQueueQuery(_Lit):
    """单位工作队列的筛选条件."""

    held: str | None = Field(
        default=None,
        description="assigned（默认，本单位承办）| redispatched（已下派下级单位）| all",
    )
    status: list[str] | None = Field(
        default=None, description="dispatched | suspended（默认两者）| handled | to_close"
    )
    overdue: CleanStr | None = Field(
        default=None, description="true：只看超期（红灯）；false：未超期"
    )
    signed: CleanStr | None = Field(default=None, description="true：已签收；false：待签收")
    pending: list[str] | None = Field(
        default=None, description="return | extend | suspend | void | any | none（待审批申请）"
    )
    updated_since: str | None = Field(
        default=None, description="增量刷新：只返回此后有变化的案卷（带时区 ISO 8601）"
    )


class UnitHistoryQuery(_Areas):
    """单位曾承办案卷的筛选条件."""

    outcome: list[CleanStr] | None = Field(
        default=None, description="finished（已办结）| left（已移出本单位）"
    )


class InboxQuery(_Lit):
    """受理台的筛选条件."""

    status: list[CleanStr] | None = Field(
        default=None, description="reported | verifying（默认两者）"
    )
    source: list[str] | None = Field(default=None, description=_SOURCES)


class BoardQuery(_Lit):
    """派遣台的筛选条件."""

    routed_unit: list[CleanStr] | None = Field(default=None, description="建议单位 ID")
    returned: CleanStr | None = Field(
        default=None, description="true：被回退过的案卷；false：首次派遣"
    )
    pending: list[CleanStr] | None = Field(default=None, description="void（有作废申请）| none")


class ApprovalsQuery(BaseModel):
    """审批台的筛选条件."""

    kind: list[CleanStr] | None = Field(
        default=None, description="return | extend | suspend | void（默认全部）"
    )


class SupervisionQuery(_Areas):
    """督办列表的筛选条件."""

    stage: list[str] | None = Field(
        default=None, description="阶段 verify | file | dispatch | handle | check | close"
    )
    unit: list[CleanStr] | None = Field(
        default=None, description="单位 ID（计时所属单位或承办单位）"
    )


class ToCloseQuery(_Lit):
    """待结案列表的筛选条件."""


class CaseSearchQuery(_Lit):
    """案卷查询的条件（可组合）."""

    status: list[str] | None = Field(
        default=None, description="状态，如 dispatched、to_close（可重复或逗号分隔）"
    )
    open_: str | None = Field(
        default=None, alias="open", description="true：在办；false：已办结（结案、作废等）"
    )
    source: list[str] | None = Field(default=None, description=_SOURCES)
    unit: list[str] | None = Field(default=None, description="承办单位 ID")
    community: list[str] | None = Field(default=None, description="12 位社区代码")
    cell: list[str] | None = Field(default=None, description="15 位单元网格代码")
    overdue: str | None = Field(default=None, description="true：只看超期（红灯）；false：未超期")
    reported_from: str | None = Field(
        default=None,
        description="上报时间起（含），带时区 ISO 8601，如 2026-11-01T00:00:00+08:00",
    )
    reported_to: str | None = Field(default=None, description="上报时间止（不含），带时区 ISO 8601")
    q: str | None = Field(default=None, description="文字：案卷编号、问题描述或地址中包含的文字")
    sort: str | None = Field(
        default=None, description="newest（默认，最新上报在前）| urgency（按紧急程度）"
    )


class MapCasesQuery(BaseModel):
    """一张图在办案卷点位的筛选条件."""

    category: list[CleanStr] | None = Field(default=None, description="类别，如 event:09006")
    status: list[CleanStr] | None = Field(default=None, description="状态，如 dispatched")
    source: list[CleanStr] | None = Field(default=None, description="来源，如 inspector、hotline")
    unit: list[CleanStr] | None = Field(default=None, description="承办单位 ID")
    light: list[CleanStr] | None = Field(default=None, description="灯色 red | yellow | green")
