"""Grid API: locate (定位), route (派遣建议), geocoding (地址匹配)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.auth import public
from app.api.deps import SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.grid import (
    CategoryOut,
    GeocodeCandidateOut,
    LocateOut,
    PointOut,
    ReverseCandidateOut,
    RouteOut,
)
from app.cases.catalogue import category_scope, resolve_category
from app.cases.models import Category
from app.grid import geocode as geo
from app.grid.coords import Crs, TruePoint, to_wgs84
from app.grid.service import Location, Route, locate, route

router = APIRouter(
    prefix="/api/v1",
    tags=["定位与派遣 grid"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(public)],
)

CRS_VALUES = [c.value for c in Crs]
Lon = Annotated[float, Query(description="经度（度）", examples=[118.0458])]
Lat = Annotated[float, Query(description="纬度（度）", examples=[36.8132])]
CrsQ = Annotated[
    str,
    Query(
        description="坐标系：wgs84（默认，GPS）| cgcs2000 | gcj02（高德/腾讯）| bd09（百度）",
        json_schema_extra={"enum": CRS_VALUES},
    ),
]


def point_out(p: TruePoint) -> PointOut:
    """Render a point with its raw values."""
    return PointOut(lon=p.lon, lat=p.lat, raw_lon=p.raw.lon, raw_lat=p.raw.lat, raw_crs=p.raw.crs)


def location_out(loc: Location) -> LocateOut:
    """Render a location."""
    data = asdict(loc)
    data["point"] = point_out(loc.point)
    return LocateOut.model_validate(data)


def route_out(cat: Category, r: Route) -> RouteOut:
    """Render the router's answer for a category."""
    return RouteOut(
        category=CategoryOut(
            kind=cat.kind, code=cat.code, major_code=cat.major_code, name=cat.name
        ),
        location=location_out(r.location),
        unit=asdict(r.unit),
        decided_by=r.decided_by,
        reason=r.reason,
        rule=asdict(r.rule) if r.rule else None,
        component=asdict(r.component) if r.component else None,
    )


@router.get(
    "/locate",
    response_model=LocateOut,
    summary="定位：点位 → 单元网格、社区、街道、区县",
    description=(
        "按坐标找到所在的 15 位单元网格（ST_Covers，边界上的点按网格代码确定归属）、社区、街道、区县、"
        "管理等级、门前三包责任人和最近的标准地址。点位不在任何网格内时返回 422 "
        "`outside_service_area`，并给出最近的网格和距离。"
    ),
)
def get_locate(session: SessionDep, lon: Lon, lat: Lat, crs: CrsQ = "wgs84") -> LocateOut:
    """Locate a point."""
    return location_out(locate(session, to_wgs84(lon, lat, crs)))


@router.get(
    "/route",
    response_model=RouteOut,
    summary="派遣建议：类别 + 点位 → 责任单位及其依据",
    description=(
        "部件类别先吸附到容差（默认 15 米）内最近的同类部件，由其养护/权属单位处置；否则按责任规则："
        "类别越具体、区域越小者优先，再按优先级、规则编号；无匹配时由区县兜底单位处置。"
        "类别写作 `event:09006`、`component:01003` 或 5 位代码（先部件后事件）。"
    ),
)
def get_route(
    session: SessionDep,
    lon: Lon,
    lat: Lat,
    category: Annotated[str, Query(description="类别，如 event:09006", examples=["event:09006"])],
    crs: CrsQ = "wgs84",
) -> RouteOut:
    """Suggest the responsible unit."""
    point = to_wgs84(lon, lat, crs)
    cat = resolve_category(session, category)
    r = route(session, category_scope(cat), point)
    return route_out(cat, r)


@router.get(
    "/geocode",
    response_model=list[GeocodeCandidateOut],
    summary="地址匹配：中文地址文本 → 标准地址候选",
    description="规范化（全半角、空格标点、中文数字）后用 pg_trgm 相似度在标准地址库中排序，返回候选及得分。",
)
def get_geocode(
    session: SessionDep,
    address: Annotated[str, Query(min_length=1, max_length=200, description="地址文本")],
    district: Annotated[str | None, Query(pattern=r"^\d{6}$", description="限定区县")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 5,
) -> list[GeocodeCandidateOut]:
    """Forward geocoding."""
    return [
        GeocodeCandidateOut.model_validate(asdict(c))
        for c in geo.geocode(session, address, district_code=district, limit=limit)
    ]


@router.get(
    "/reverse-geocode",
    response_model=list[ReverseCandidateOut],
    summary="逆地理编码：点位 → 附近的标准地址",
    description="逆地理编码：点位附近的标准地址，按距离由近到远。",
)
def get_reverse_geocode(
    session: SessionDep,
    lon: Lon,
    lat: Lat,
    crs: CrsQ = "wgs84",
    radius_m: Annotated[float | None, Query(gt=0, le=5000, description="搜索半径（米）")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 1,
) -> list[ReverseCandidateOut]:
    """Reverse geocoding."""
    point = to_wgs84(lon, lat, crs)
    return [
        ReverseCandidateOut.model_validate(asdict(c))
        for c in geo.reverse_geocode(session, point, radius_m=radius_m, limit=limit)
    ]
