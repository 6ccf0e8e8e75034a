"""Layers for maps: GeoJSON (RFC 7946) with bbox filters and Mapbox Vector Tiles of the grid.

Both are built inside PostGIS (`json_build_object`, `ST_AsMVT`), so large layers never pass
through Python objects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.core.db import SRID
from app.core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class LayerSpec:
    """How one layer is read: table, key, properties (SQL expressions) and an optional filter."""

    table: str
    key: str
    properties: dict[str, str]
    where: str = "true"


LAYERS: dict[str, LayerSpec] = {
    "district": LayerSpec("grid_district", "code", {"code": "t.code", "name": "t.name"}),
    "street": LayerSpec(
        "grid_street",
        "code",
        {"code": "t.code", "name": "t.name", "district_code": "t.district_code"},
    ),
    "community": LayerSpec(
        "grid_community",
        "code",
        {
            "code": "t.code",
            "name": "t.name",
            "street_code": "t.street_code",
            "district_code": "t.district_code",
        },
    ),
    "cell": LayerSpec(
        "grid_cell",
        "code",
        {
            "code": "t.code",
            "mgmt_class": "t.mgmt_class",
            "area_m2": "round(t.area_m2::numeric, 1)",
            "community_code": "t.community_code",
            "street_code": "t.street_code",
            "district_code": "t.district_code",
            "valid_from": "t.valid_from",
        },
        "t.valid_to IS NULL",
    ),
    "component": LayerSpec(
        "grid_component",
        "id",
        {
            "id": "t.id",
            "category_code": "t.category_code",
            "name": "t.name",
            "state": "t.state",
            "supervising_dept": "t.supervising_dept",
            "owner_name": "t.owner_name",
            "maintainer_name": "t.maintainer_name",
            "grid_code": "t.grid_code",
        },
    ),
    "address": LayerSpec(
        "grid_address",
        "id",
        {
            "id": "t.id",
            "code": "t.code",
            "full_text": "t.full_text",
            "road": "t.road",
            "house_number": "t.house_number",
            "poi": "t.poi",
            "street_code": "t.street_code",
        },
    ),
    "frontage": LayerSpec(
        "grid_frontage",
        "id",
        {
            "id": "t.id",
            "holder_name": "t.holder_name",
            "holder_contact": "t.holder_contact",
            "holder_phone": "t.holder_phone",
            "address": "t.address",
        },
    ),
    "rule": LayerSpec(
        "grid_rule",
        "id",
        {
            "id": "t.id",
            "unit_id": "t.unit_id",
            "role": "t.role",
            "category_kind": "t.category_kind",
            "major_code": "t.major_code",
            "category_code": "t.category_code",
            "priority": "t.priority",
            "note": "t.note",
        },
        "t.geom IS NOT NULL",
    ),
}


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    """Parse `minLon,minLat,maxLon,maxLat`; raise InvalidInput when malformed."""
    if bbox is None or bbox == "":
        return None
    try:
        parts = tuple(float(v) for v in bbox.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not all(math.isfinite(v) for v in parts):
        raise InvalidInput("bbox 应为 4 个数值：最小经度,最小纬度,最大经度,最大纬度", bbox=bbox)
    x0, y0, x1, y1 = parts
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise InvalidInput("bbox 超出经纬度范围或最小值大于最大值", bbox=bbox)
    return x0, y0, x1, y1


def feature_collection(
    session: Session,
    layer: str,
    *,
    bbox: tuple[float, float, float, float] | None = None,
    district_code: str | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> str:
    """Return an RFC 7946 FeatureCollection (as JSON text) of a layer, ordered by key."""
    spec = LAYERS.get(layer)
    if spec is None:
        raise InvalidInput(f"未知图层 '{layer}'，可选：{'、'.join(LAYERS)}", layer=layer)
    max_features = get_settings().geojson_max_features
    if not 1 <= limit <= max_features:
        raise InvalidInput(f"limit 须在 1 到 {max_features} 之间", limit=limit)
    props = ", ".join(f"'{k}', {v}" for k, v in spec.properties.items())
    district_filter = "t.code = :district" if layer == "district" else "t.district_code = :district"
    sql = f"""
WITH f AS (
  SELECT t.{spec.key} AS key, json_build_object(
           'type', 'Feature', 'id', t.{spec.key},
           'geometry', ST_AsGeoJSON(t.geom, 7)::json,
           'properties', json_build_object({props})) AS feature
  FROM {spec.table} t
  WHERE {spec.where}
    AND (CAST(:x0 AS float8) IS NULL
         OR t.geom && ST_MakeEnvelope(:x0, :y0, :x1, :y1, {SRID}))
    AND (CAST(:district AS varchar) IS NULL OR {district_filter})
  ORDER BY t.{spec.key}
  LIMIT :limit + 1 OFFSET :offset
)
SELECT json_build_object(
  'type', 'FeatureCollection',
  'features', COALESCE((SELECT json_agg(feature ORDER BY key)
                        FROM (SELECT * FROM f ORDER BY key LIMIT :limit) x), '[]'::json),
  'numberReturned', LEAST((SELECT count(*) FROM f), :limit),
  'truncated', (SELECT count(*) FROM f) > :limit
)::text
"""
    x0, y0, x1, y1 = bbox if bbox else (None, None, None, None)
    return str(
        session.execute(
            text(sql),
            {
                "x0": x0,
                "y0": y0,
                "x1": x1,
                "y1": y1,
                "district": district_code,
                "limit": limit,
                "offset": offset,
            },
        ).scalar_one()
    )


_MVT_SQL = text(
    f"""
WITH b AS (
  SELECT ST_TileEnvelope(:z, :x, :y) AS e3857,
         ST_Transform(ST_TileEnvelope(:z, :x, :y), {SRID}) AS e4326
),
district AS (
  SELECT t.code, t.name, ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.e3857, 4096, 64, true) AS geom
  FROM grid_district t, b WHERE t.geom && b.e4326
),
street AS (
  SELECT t.code, t.name, ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.e3857, 4096, 64, true) AS geom
  FROM grid_street t, b WHERE :z >= 9 AND t.geom && b.e4326
),
community AS (
  SELECT t.code, t.name, ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.e3857, 4096, 64, true) AS geom
  FROM grid_community t, b WHERE :z >= 11 AND t.geom && b.e4326
),
cell AS (
  SELECT t.code, t.mgmt_class, ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.e3857, 4096, 64, true) AS geom
  FROM grid_cell t, b WHERE :z >= :cell_min_zoom AND t.valid_to IS NULL AND t.geom && b.e4326
)
SELECT (SELECT COALESCE(ST_AsMVT(district, 'district', 4096, 'geom'), '') FROM district)
    || (SELECT COALESCE(ST_AsMVT(street, 'street', 4096, 'geom'), '') FROM street)
    || (SELECT COALESCE(ST_AsMVT(community, 'community', 4096, 'geom'), '') FROM community)
    || (SELECT COALESCE(ST_AsMVT(cell, 'cell', 4096, 'geom'), '') FROM cell)
"""
)


def grid_tile(session: Session, z: int, x: int, y: int) -> bytes:
    """Return the vector tile z/x/y with layers district, street (z≥9), community (z≥11), cell."""
    if not (0 <= z <= 22 and 0 <= x < 2**z and 0 <= y < 2**z):
        raise InvalidInput("切片坐标超出范围", z=z, x=x, y=y)
    data = session.execute(
        _MVT_SQL, {"z": z, "x": x, "y": y, "cell_min_zoom": get_settings().mvt_cell_min_zoom}
    ).scalar_one()
    return bytes(data or b"")
