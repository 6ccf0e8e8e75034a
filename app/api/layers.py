"""Layer API: GeoJSON per layer and vector tiles of the grid."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response

from app.api.auth import public
from app.api.deps import SessionDep
from app.api.errors import ERROR_RESPONSES
from app.api.responses import GeoJSONResponse
from app.api.schemas.edge import CleanStr
from app.api.schemas.geojson import LayerCollection
from app.grid.layers import LAYERS, feature_collection, grid_tile, parse_bbox

router = APIRouter(
    prefix="/api/v1",
    tags=["图层 layers"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(public)],
)

LayerName = Literal[
    "district", "street", "community", "cell", "component", "address", "frontage", "rule"
]
assert set(LayerName.__args__) == set(LAYERS)  # type: ignore[attr-defined]


@router.get(
    "/layers/{layer}",
    summary="图层 GeoJSON（RFC 7946）",
    description=(
        "返回图层要素集合（WGS-84 经纬度），按 bbox（最小经度,最小纬度,最大经度,最大纬度）和区县过滤，"
        "按主键排序分页；`truncated` 为 true 时表示还有更多要素。单元网格只含现行一代。"
    ),
    response_class=GeoJSONResponse,
    response_model=LayerCollection,
)
def get_layer(
    session: SessionDep,
    layer: Annotated[LayerName, Path(description="图层")],
    bbox: Annotated[CleanStr | None, Query(description="minLon,minLat,maxLon,maxLat")] = None,
    district: Annotated[CleanStr | None, Query(pattern=r"^\d{6}$", description="区县代码")] = None,
    limit: Annotated[int, Query(ge=1, description="最多返回要素数")] = 1000,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """GeoJSON of one layer."""
    body = feature_collection(
        session, layer, bbox=parse_bbox(bbox), district_code=district, limit=limit, offset=offset
    )
    return Response(body, media_type="application/geo+json")


@router.get(
    "/tiles/grid/{z}/{x}/{y}.mvt",
    summary="网格矢量切片（Mapbox Vector Tile）",
    description=(
        "Web 墨卡托 XYZ 切片，图层 district、street（z≥9）、community（z≥11）、"
        "cell（z≥XIUHUA_MVT_CELL_MIN_ZOOM，默认 12），属性为代码、名称与管理等级。"
    ),
    response_class=Response,
    responses={200: {"content": {"application/vnd.mapbox-vector-tile": {}}}},
)
def get_grid_tile(session: SessionDep, z: int, x: int, y: int) -> Response:
    """One vector tile of the grid."""
    return Response(
        grid_tile(session, z, x, y),
        media_type="application/vnd.mapbox-vector-tile",
        headers={"Cache-Control": "public, max-age=60"},
    )
