"""Evaluation API (综合评价): indicators, 12345 三率, monthly assessment, hotspots, settings.

Figures come from the rollups the refresher maintains from the case event stream (a few
seconds behind the cases; `XIUHUA_STATS_REFRESH_INTERVAL_S`). Readable by 领导、管理员、值班长、
派遣员、受理员; settings are changed by 管理员, assessments published by 领导/管理员.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Body, Depends, Path, Query, Response
from pydantic import BaseModel, Field

from app.api.auth import Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.responses import GeoJSONResponse
from app.api.schemas.edge import CleanStr
from app.api.schemas.geojson import HeatCollection
from app.cases import workflow as wf
from app.core.errors import InvalidInput
from app.stats import assessment, hotspots, indicators
from app.stats.access import EDITORS, PUBLISHERS, VIEWERS
from app.stats.periods import Period, parse_month
from app.stats.settings import LABELS as SETTING_LABELS
from app.stats.settings import get_settings_map, put_setting
from app.stats.table import StatsTable

ActorDep = Annotated[wf.Actor, Depends(Allow(*sorted(VIEWERS)))]
PublisherDep = Annotated[wf.Actor, Depends(Allow(*sorted(PUBLISHERS)))]
EditorDep = Annotated[wf.Actor, Depends(Allow(*sorted(EDITORS)))]

router = APIRouter(prefix="/api/v1/stats", tags=["综合评价 stats"], responses=ERROR_RESPONSES)

PeriodKindQ = Annotated[
    Literal["day", "week", "month", "year", "custom"],
    Query(description="统计期：day 日、week 周（周一至周日）、month 月、year 年、custom 自定义"),
]
OnQ = Annotated[
    date | None, Query(alias="date", description="统计期内的任一日期（默认今天），如 2026-10-15")
]
StartQ = Annotated[date | None, Query(description="自定义统计期的开始日期（含）")]
EndQ = Annotated[date | None, Query(description="自定义统计期的结束日期（含）")]
DistrictQ = Annotated[
    list[str] | None,
    Query(
        alias="district",
        description="只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县）",
    ),
]
CategoryQ = Annotated[
    list[int] | None, Query(alias="category", description="只统计这些类别（类别 ID，可重复）")
]
LimitQ = Annotated[int | None, Query(ge=1, description="每页行数（默认与上限见评价参数 limits）")]
OffsetQ = Annotated[int, Query(ge=0, description="跳过的行数")]


class ColumnOut(BaseModel):
    """一列：稳定的键与中文名称."""

    key: str = Field(description="列键，如 close_rate")
    label: str = Field(description="中文名称，如 结案率")
    kind: str = Field(description="text | int | rate（0–1 小数）| score（0–100）| datetime")


class TableOut(BaseModel):
    """指标表：标题、列、行（键为列键）与说明."""

    title: str
    columns: list[ColumnOut]
    rows: list[dict[str, Any]]
    meta: dict[str, Any]


TABLE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"model": TableOut, "description": "指标表"}
}


def _table(t: StatsTable) -> Response:
    body = {
        "title": t.title,
        "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in t.columns],
        "rows": list(t.rows),
        "meta": t.meta,
    }
    return Response(orjson.dumps(body), media_type="application/json")


def _districts(actor: wf.Actor, asked: list[str] | None) -> list[str] | None:
    """Return the districts to count: those asked for, within the caller's own (None = all)."""
    if asked is not None:
        bad = [d for d in asked if not (len(d) == 6 and d.isdigit())]
        if bad:
            raise InvalidInput(f"区县代码应为 6 位数字：{'、'.join(bad)}", field="district")
    if actor.districts is None:
        return asked
    if asked is None:
        return list(actor.districts)
    return [d for d in asked if d in actor.districts]


def period_param(
    now: NowDep,
    session: SessionDep,
    period: PeriodKindQ = "month",
    on: OnQ = None,
    start: StartQ = None,
    end: EndQ = None,
) -> Period:
    """Return the statistics period of a request (`period`, `date`, `start`, `end` parameters)."""
    return indicators.resolve_period(session, period, on=on, start=start, end=end, now=now)


PeriodDep = Annotated[Period, Depends(period_param)]


@router.get(
    "/indicators",
    summary="综合评价指标表（按统计范围与统计期）",
    description=(
        "按上报日期选取统计期内的案卷，统计上报、立案、不予受理、作废、派遣、回退、处置（按期/超期）、"
        "超期在办、返工、延期、挂账、督办、结案等数量，以及结案率、按期处置率、返工率、按期结案率、"
        "满意率，人员范围另有有效上报率、漏报率、按时核实率、按时核查率、按时受理率、按时派遣率、"
        "准确派遣率、按时立案率、准确立案率、按时结案率，并按评价参数计算综合得分与等次。\n\n"
        "**按期率两种口径并列**：“含超期在办”把已超期仍未办结的案卷计为超期（诚实口径）；"
        "“仅已处置/仅已结案”只看已办结的案卷。分母为 0 的比率为 null（无数据）。\n\n"
        "统计范围 scope：district 区县、street 街道、community 社区、cell 单元网格、unit 责任单位、"
        "category 类别、source 来源、inspector 监督员、operator 受理员、dispatcher 派遣员、"
        "shift_leader 值班长。未知范围 422 `unknown_scope`；统计期不合法 422 `invalid_period`，"
        "过长 422 `period_too_long`。"
    ),
    responses=TABLE_RESPONSE,
    response_class=Response,
)
def get_indicators(
    now: NowDep,
    session: SessionDep,
    actor: ActorDep,
    p: PeriodDep,
    scope: Annotated[CleanStr, Query(description="统计范围，如 street、unit、inspector")],
    district: DistrictQ = None,
    order_by: Annotated[
        CleanStr | None, Query(description="排序列键（默认综合得分或上报数）")
    ] = None,
    asc: Annotated[bool, Query(description="升序（默认降序）")] = False,
    limit: LimitQ = None,
    offset: OffsetQ = 0,
) -> Response:
    """Return the indicator table of one scope over one period."""
    return _table(
        indicators.indicator_table(
            session,
            scope,
            p,
            districts=_districts(actor, district),
            now=now,
            order_by=order_by,
            descending=not asc,
            limit=limit,
            offset=offset,
        )
    )


@router.get(
    "/hotline",
    summary="12345 接诉即办三率（按责任单位）",
    description=(
        "响应率（按时联系来电人）、解决率、满意率 =（满意 + 0.9 × 基本满意）÷ 有效回访数，"
        "及三率综合得分（默认 10% / 50% / 40%，系数与权重为评价参数）。响应、解决数据来自热线工单；"
        "没有数据时为 null，不按 0 或 100% 计。"
    ),
    responses=TABLE_RESPONSE,
    response_class=Response,
)
def get_hotline(
    now: NowDep,
    session: SessionDep,
    actor: ActorDep,
    p: PeriodDep,
    district: DistrictQ = None,
    limit: LimitQ = None,
    offset: OffsetQ = 0,
) -> Response:
    """12345 三率 per unit."""
    return _table(
        indicators.hotline_table(
            session,
            p,
            districts=_districts(actor, district),
            now=now,
            limit=limit,
            offset=offset,
        )
    )


KindQ = Annotated[
    Literal["unit", "street"], Query(description="考评对象：unit 专业部门、street 街道")
]
MonthP = Annotated[CleanStr, Path(description="月份 YYYY-MM", pattern=r"^\d{4}-\d{2}$")]


@router.get(
    "/assessments/{month}",
    summary="月度考评排名（一月一考评）",
    description=(
        "各区县内按综合得分排名，附上月名次与得分变化。已发布的月份显示发布时冻结的得分与名次；"
        "之后的事件使重算结果不同时，在 corrected_score / corrected_rank 列出（更正），不覆盖已发布的结果。"
        "未发布的月份为实时计算。"
    ),
    responses=TABLE_RESPONSE,
    response_class=Response,
)
def get_assessment(
    now: NowDep,
    session: SessionDep,
    actor: ActorDep,
    month: MonthP,
    kind: KindQ = "unit",
    district: DistrictQ = None,
) -> Response:
    """Return the month's ranking."""
    return _table(
        assessment.ranking(
            session,
            kind,
            parse_month(month),
            districts=_districts(actor, district),
            now=now,
        )
    )


@router.post(
    "/assessments/{month}/publish",
    summary="发布月度考评（一月一通报，发布后冻结）",
    description=(
        "保存该月各区县的排名与得分；发布后不再随后续事件变化。已发布 409 `assessment_published`；"
        "月份未结束 422 `month_not_ended`。限领导、管理员。"
    ),
    responses=TABLE_RESPONSE,
    response_class=Response,
)
def publish_assessment(
    now: NowDep,
    session: SessionDep,
    actor: PublisherDep,
    month: MonthP,
    kind: KindQ = "unit",
    district: DistrictQ = None,
) -> Response:
    """Publish (freeze) the month's ranking."""
    return _table(
        assessment.publish(
            session,
            kind,
            parse_month(month),
            districts=_districts(actor, district),
            now=now,
            user_id=actor.user_id,
        )
    )


@router.get(
    "/hotspots",
    summary="高发网格（案件最多的单元网格）",
    description="统计期内各单元网格的案件数（可按类别过滤），按案件数从多到少，附最多的类别。",
    responses=TABLE_RESPONSE,
    response_class=Response,
)
def get_hotspots(
    session: SessionDep,
    actor: ActorDep,
    p: PeriodDep,
    district: DistrictQ = None,
    category: CategoryQ = None,
    limit: Annotated[int, Query(ge=1)] = 50,
) -> Response:
    """Top problem cells."""
    return _table(
        hotspots.top_cells(
            session, p, districts=_districts(actor, district), categories=category, limit=limit
        )
    )


@router.get(
    "/hotspots/repeats",
    summary="重复发生点位（同一网格同一类别反复发生）",
    description="统计期内同一单元网格、同一类别的案件数不少于 min_cases（默认取评价参数 repeat）的点位。",
    responses=TABLE_RESPONSE,
    response_class=Response,
)
def get_repeats(
    session: SessionDep,
    actor: ActorDep,
    p: PeriodDep,
    district: DistrictQ = None,
    category: CategoryQ = None,
    min_cases: Annotated[int | None, Query(ge=2, description="最少案件数")] = None,
    limit: Annotated[int, Query(ge=1)] = 100,
) -> Response:
    """Repeat locations."""
    return _table(
        hotspots.repeats(
            session,
            p,
            districts=_districts(actor, district),
            categories=category,
            min_cases=min_cases,
            limit=limit,
        )
    )


@router.get(
    "/hotspots.geojson",
    summary="案件热力图层 GeoJSON（网格中心点或网格面 + 案件数）",
    response_class=GeoJSONResponse,
    response_model=HeatCollection,
    description="热力图层（GeoJSON）：各单元网格的案卷数与热度。",
)
def get_heat_geojson(
    session: SessionDep,
    actor: ActorDep,
    p: PeriodDep,
    district: DistrictQ = None,
    category: CategoryQ = None,
    geometry: Annotated[
        Literal["centroid", "polygon"], Query(description="centroid 中心点 / polygon 网格面")
    ] = "centroid",
    limit: Annotated[int, Query(ge=1)] = 10000,
) -> Response:
    """Heat layer as GeoJSON."""
    body = hotspots.heat_geojson(
        session,
        p,
        districts=_districts(actor, district),
        categories=category,
        geometry=geometry,
        limit=limit,
    )
    return Response(body, media_type="application/geo+json")


@router.get(
    "/tiles/hotspot/{z}/{x}/{y}.mvt",
    summary="案件热力矢量切片（Mapbox Vector Tile，图层 hotspot）",
    description="每个有案件的单元网格一个要素（z<14 为中心点，之后为网格面），属性 code 与 cases。",
    response_class=Response,
    responses={200: {"content": {"application/vnd.mapbox-vector-tile": {}}}},
)
def get_heat_tile(
    session: SessionDep,
    actor: ActorDep,
    p: PeriodDep,
    z: int,
    x: int,
    y: int,
    district: DistrictQ = None,
    category: CategoryQ = None,
) -> Response:
    """Heat layer as a vector tile."""
    return Response(
        hotspots.heat_tile(
            session, z, x, y, p, districts=_districts(actor, district), categories=category
        ),
        media_type="application/vnd.mapbox-vector-tile",
    )


@router.get(
    "/settings",
    summary="评价参数（权重、等次、阈值、查询上限）",
    description="全部评价参数及其中文名与取值。",
)
def get_stats_settings(session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """Every evaluation setting with its label."""
    values = get_settings_map(session)
    return {k: {"label": SETTING_LABELS[k], "value": v} for k, v in values.items()}


@router.put(
    "/settings/{key}",
    summary="修改评价参数（限管理员）",
    description=(
        "权重为 {指标: 权重}，权重之和应为 1；等次为 [{min, label}]，分数下限从高到低。"
        "不合法 422 `invalid_setting`；未知参数 404。"
    ),
)
def put_stats_setting(
    now: NowDep,
    session: SessionDep,
    actor: EditorDep,
    key: Annotated[CleanStr, Path(description="参数名，如 unit_weights")],
    value: Annotated[Any, Body(description="新的参数值（JSON）")],
) -> dict[str, Any]:
    """Change one setting."""
    return {"key": key, "value": put_setting(session, key, value, now, actor.user_id)}
