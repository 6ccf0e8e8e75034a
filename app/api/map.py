"""一张图 (the console's command map): open cases as points, and the map's own settings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from app.api.auth import STAFF_ROLES, Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.edge import CleanStr
from app.api.schemas.map import MapCaseCollection, MapSettings
from app.api.schemas.queries import MapCasesQuery
from app.cases import workflow as wf
from app.core.config import get_settings
from app.queues import map_cases

router = APIRouter(prefix="/api/v1/map", tags=["一张图 map"], responses=ERROR_RESPONSES)

StaffDep = Annotated[wf.Actor, Depends(Allow(*STAFF_ROLES))]
ListQ = Annotated[list[CleanStr] | None, Query()]


@router.get(
    "/cases",
    summary="一张图：在办案卷点位（GeoJSON，含红黄绿灯）",
    description=(
        "返回调用者权限范围内的在办案卷（未结案、未作废、未合并、未不予受理）的 WGS-84 点位，"
        "属性含案卷编号、状态、来源、类别、承办单位与红黄绿灯（与工作队列同一亮灯规则）。"
        "可按类别（如 event:09006，可重复）、状态、来源、承办单位 ID、灯色筛选；按案卷新旧倒序，"
        "最多 `XIUHUA_MAP_CASE_LIMIT` 个点（超出时 `truncated` 为 true）。"
        "取值不合法 422 `invalid_filter`。"
    ),
    response_model=MapCaseCollection,
)
def get_map_cases(
    now: NowDep,
    session: SessionDep,
    actor: StaffDep,
    query: Annotated[MapCasesQuery, Query()],
) -> dict[str, Any]:
    """Return the open cases the caller sees as GeoJSON points."""
    return map_cases.open_case_points(
        session,
        actor,
        now,
        limit=get_settings().map_case_limit,
        **query.model_dump(),
    )


@router.get(
    "/settings",
    summary="一张图设置（底图瓦片地址，未设置为 null；状态、来源的中文名）",
    description="一张图所需的设置：底图瓦片地址，以及状态、来源的中文名。",
    response_model=MapSettings,
)
def get_map_settings(actor: StaffDep) -> dict[str, Any]:
    """Return what the map screen needs to draw and filter."""
    return {
        "base_tile_url": get_settings().map_base_tile_url,
        "statuses": [{"value": k, "label": v} for k, v in map_cases.OPEN_STATUSES.items()],
        "sources": [{"value": k, "label": v} for k, v in map_cases.SOURCES.items()],
    }
