"""Hotspots (高发区域): case counts per grid cell and category, heat layers, repeat locations.

Counts come from `stats_rollup_hotspot` (month × cell × category) for whole months and from the
facts for the other days of the period. GeoJSON and vector tiles are built inside PostGIS
(`json_build_object`, `ST_AsMVT`), like app.grid.layers, so nothing large passes through Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.db import SRID
from app.core.errors import InvalidInput
from app.stats.facts import AREA_SCOPES, located_sql
from app.stats.indicators import period_rows, split_period
from app.stats.periods import Period
from app.stats.settings import get_setting
from app.stats.table import Column, StatsTable

_DISTRICTS = "(CAST(:districts AS text[]) IS NULL OR {col} = ANY(CAST(:districts AS text[])))"
_CATS = "(CAST(:cats AS int[]) IS NULL OR {col} = ANY(CAST(:cats AS int[])))"


def _counts_cte() -> str:
    """CTE `y`: cases per (cell, category) over the period, filtered by district and category."""
    return f"""
x AS (
    SELECT grid_code, category_id, cases FROM stats_rollup_hotspot
    WHERE period_start = ANY(CAST(:months AS date[]))
      AND {_DISTRICTS.format(col="district_code")} AND {_CATS.format(col="category_id")}
    UNION ALL
    SELECT grid_code, category_id, cases FROM stats_case_fact
    WHERE report_day = ANY(CAST(:days AS date[]))
      AND {_DISTRICTS.format(col="district_code")} AND {_CATS.format(col="category_id")}
),
y AS (
    SELECT grid_code, category_id, sum(cases)::bigint AS n FROM x
    WHERE {located_sql("grid_code")} GROUP BY 1, 2
)"""


def _params(
    period: Period, districts: Sequence[str] | None, categories: Sequence[int] | None
) -> dict[str, Any]:
    months, days = period.split()
    return {
        "months": months,
        "days": days,
        "districts": list(districts) if districts is not None else None,
        "cats": list(categories) if categories is not None else None,
    }


def _limit(session: Session, limit: int) -> int:
    max_rows = int(get_setting(session, "limits")["max_rows"])
    if not 1 <= limit <= max_rows:
        raise InvalidInput(f"limit 须在 1 到 {max_rows} 之间", field="limit", limit=limit)
    return limit


def top_cells(
    session: Session,
    period: Period,
    *,
    districts: Sequence[str] | None = None,
    categories: Sequence[int] | None = None,
    limit: int = 50,
) -> StatsTable:
    """Return the cells with the most cases in the period (高发网格), with their top category.

    Without a category filter the cells are ranked from the cell rollup (month and year rows)
    and only the top cells' categories are read; with one, from the cell × category rollup.
    """
    params = _params(period, districts, categories) | {"limit": _limit(session, limit)}
    sql = _TOP_CELLS_SQL if categories is None else _TOP_CELLS_BY_CATEGORY_SQL
    if categories is None:
        params |= {f"c_{k}": v for k, v in split_period(period, AREA_SCOPES["cell"].grains).items()}
    rows = session.execute(text(sql), params).mappings()
    out = [dict(r) for r in rows]
    total = int(out[0]["total_rows"]) if out else 0
    for r in out:
        r.pop("total_rows")
    return StatsTable(
        title=f"{period.label} 高发网格",
        columns=(
            Column("key", "网格代码"),
            Column("name", "名称"),
            Column("cases", "案件数", "int"),
            Column("categories", "类别数", "int"),
            Column("top_category", "最多的类别"),
            Column("top_category_cases", "该类别案件数", "int"),
        ),
        rows=out,
        meta={"period": _period_meta(period), "total_rows": total, "categories": categories},
    )


_CELL_ROWS = period_rows(
    "stats_rollup_area", "scope = 'cell'", "scope_key", ("cases",), "f.grid_code", prefix="c_"
)
_NAME = "cm.name || ' ' || right({col}, 3) || ' 号网格'"
_TOP_CELLS_SQL = f"""
WITH c AS (
    SELECT key AS grid_code, sum(cases)::bigint AS cases FROM ({_CELL_ROWS}) x
    WHERE {located_sql("key")} GROUP BY key
),
top AS (
    SELECT c.*, count(*) OVER () AS total_rows FROM c
    ORDER BY c.cases DESC, c.grid_code LIMIT :limit
),
x AS (
    SELECT grid_code, category_id, cases FROM stats_rollup_hotspot
    WHERE grid_code IN (SELECT grid_code FROM top) AND period_start = ANY(CAST(:months AS date[]))
    UNION ALL
    SELECT grid_code, category_id, cases FROM stats_case_fact
    WHERE report_day = ANY(CAST(:days AS date[])) AND grid_code IN (SELECT grid_code FROM top)
),
y AS (SELECT grid_code, category_id, sum(cases)::bigint AS n FROM x GROUP BY 1, 2),
z AS (
    SELECT grid_code, count(*) AS categories,
           (array_agg(category_id ORDER BY n DESC, category_id))[1] AS top_category_id,
           max(n) AS top_category_cases
    FROM y GROUP BY grid_code
)
SELECT top.grid_code AS key, {_NAME.format(col="top.grid_code")} AS name, top.cases,
       z.categories, c.name || '（' || c.kind || ':' || c.code || '）' AS top_category,
       z.top_category_cases, top.total_rows
FROM top
LEFT JOIN z ON z.grid_code = top.grid_code
LEFT JOIN grid_community cm ON cm.code = left(top.grid_code, 12)
LEFT JOIN dispatch_category c ON c.id = z.top_category_id
ORDER BY top.cases DESC, top.grid_code
"""
_TOP_CELLS_BY_CATEGORY_SQL = f"""
WITH {_counts_cte()},
z AS (
    SELECT grid_code, sum(n)::bigint AS cases, count(*) AS categories,
           (array_agg(category_id ORDER BY n DESC, category_id))[1] AS top_category_id,
           max(n) AS top_category_cases
    FROM y GROUP BY grid_code
)
SELECT z.grid_code AS key, cm.name || ' ' || right(z.grid_code, 3) || ' 号网格' AS name,
       z.cases, z.categories, c.name || '（' || c.kind || ':' || c.code || '）' AS top_category,
       z.top_category_cases, count(*) OVER () AS total_rows
FROM z
LEFT JOIN grid_community cm ON cm.code = left(z.grid_code, 12)
LEFT JOIN dispatch_category c ON c.id = z.top_category_id
ORDER BY z.cases DESC, z.grid_code LIMIT :limit
"""


def repeats(
    session: Session,
    period: Period,
    *,
    districts: Sequence[str] | None = None,
    categories: Sequence[int] | None = None,
    min_cases: int | None = None,
    limit: int = 100,
) -> StatsTable:
    """Return (cell, category) pairs with at least `min_cases` cases (重复发生点位)."""
    threshold = int(get_setting(session, "repeat")["min_cases"]) if min_cases is None else min_cases
    if threshold < 2:
        raise InvalidInput("重复发生的最少案件数应不小于 2", field="min_cases")
    params = _params(period, districts, categories) | {
        "limit": _limit(session, limit),
        "min": threshold,
    }
    rows = session.execute(
        text(
            f"""
WITH {_counts_cte()}
SELECT y.grid_code AS key, cm.name || ' ' || right(y.grid_code, 3) || ' 号网格' AS name,
       c.kind || ':' || c.code AS category, c.name AS category_name, y.n AS cases,
       count(*) OVER () AS total_rows
FROM y
LEFT JOIN grid_community cm ON cm.code = left(y.grid_code, 12)
LEFT JOIN dispatch_category c ON c.id = y.category_id
WHERE y.n >= :min
ORDER BY y.n DESC, y.grid_code, y.category_id LIMIT :limit
"""
        ),
        params,
    ).mappings()
    out = [dict(r) for r in rows]
    total = int(out[0]["total_rows"]) if out else 0
    for r in out:
        r.pop("total_rows")
    return StatsTable(
        title=f"{period.label} 重复发生点位（同一网格同一类别 ≥ {threshold} 件）",
        columns=(
            Column("key", "网格代码"),
            Column("name", "名称"),
            Column("category", "类别代码"),
            Column("category_name", "类别"),
            Column("cases", "案件数", "int"),
        ),
        rows=out,
        meta={"period": _period_meta(period), "total_rows": total, "min_cases": threshold},
    )


def heat_geojson(
    session: Session,
    period: Period,
    *,
    districts: Sequence[str] | None = None,
    categories: Sequence[int] | None = None,
    geometry: str = "centroid",
    limit: int = 10000,
) -> str:
    """Return a FeatureCollection (JSON text) of cells with case counts, most cases first."""
    if geometry not in ("centroid", "polygon"):
        raise InvalidInput(
            "geometry 应为 centroid（网格中心点）或 polygon（网格面）", field="geometry"
        )
    geom = "ST_PointOnSurface(g.geom)" if geometry == "centroid" else "g.geom"
    params = _params(period, districts, categories) | {"limit": _limit(session, limit)}
    if categories is None:  # cell totals from the cell rollup
        params |= {f"c_{k}": v for k, v in split_period(period, AREA_SCOPES["cell"].grains).items()}
        counts = (
            f"z AS (SELECT key AS grid_code, sum(cases)::bigint AS cases FROM ({_CELL_ROWS}) x"
            f" WHERE {located_sql('key')} GROUP BY key ORDER BY cases DESC, key LIMIT :limit)"
        )
    else:
        counts = (
            f"{_counts_cte()},\nz AS (SELECT grid_code, sum(n)::bigint AS cases FROM y"
            " GROUP BY grid_code ORDER BY cases DESC, grid_code LIMIT :limit)"
        )
    return str(
        session.execute(
            text(
                f"""
WITH {counts}
SELECT json_build_object(
  'type', 'FeatureCollection',
  'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', z.grid_code,
      'geometry', ST_AsGeoJSON({geom}, 7)::json,
      'properties', json_build_object('code', z.grid_code, 'cases', z.cases,
                                      'mgmt_class', g.mgmt_class))
      ORDER BY z.cases DESC, z.grid_code), '[]'::json),
  'period', json_build_object('start', CAST(:start AS date), 'end', CAST(:end AS date))
)::text
FROM z JOIN grid_cell g ON g.code = z.grid_code AND g.valid_to IS NULL
"""
            ),
            params | {"start": period.start, "end": period.end},
        ).scalar_one()
    )


_TILE_SQL = f"""
WITH b AS (
  SELECT ST_TileEnvelope(:z, :x, :y) AS e3857, ST_Transform(ST_TileEnvelope(:z, :x, :y), {SRID}) AS e4326
),
cells AS (
  SELECT g.code, g.geom FROM grid_cell g, b
  WHERE g.valid_to IS NULL AND g.geom && b.e4326 AND {_DISTRICTS.format(col="g.district_code")}
),
x AS (
    SELECT grid_code, cases FROM stats_rollup_hotspot
    WHERE period_start = ANY(CAST(:months AS date[])) AND grid_code IN (SELECT code FROM cells)
      AND {_CATS.format(col="category_id")}
    UNION ALL
    SELECT grid_code, cases FROM stats_case_fact
    WHERE report_day = ANY(CAST(:days AS date[])) AND grid_code IN (SELECT code FROM cells)
      AND {_CATS.format(col="category_id")}
),
n AS (SELECT grid_code, sum(cases)::bigint AS cases FROM x GROUP BY grid_code),
t AS (
  SELECT c.code, n.cases,
         ST_AsMVTGeom(ST_Transform(CASE WHEN :points THEN ST_PointOnSurface(c.geom) ELSE c.geom END,
                                   3857), b.e3857, 4096, 64, true) AS geom
  FROM cells c JOIN n ON n.grid_code = c.code, b
)
SELECT coalesce(ST_AsMVT(t, 'hotspot', 4096, 'geom'), '') FROM t
"""


def heat_tile(
    session: Session,
    z: int,
    x: int,
    y: int,
    period: Period,
    *,
    districts: Sequence[str] | None = None,
    categories: Sequence[int] | None = None,
) -> bytes:
    """Return the vector tile z/x/y of layer `hotspot`: cells (points below z14) with counts."""
    if not (0 <= z <= 22 and 0 <= x < 2**z and 0 <= y < 2**z):
        raise InvalidInput("切片坐标超出范围", z=z, x=x, y=y)
    params = _params(period, districts, categories) | {"z": z, "x": x, "y": y, "points": z < 14}
    data = session.execute(text(_TILE_SQL), params).scalar_one()
    return bytes(data or b"")


def _period_meta(period: Period) -> dict[str, str]:
    return {
        "kind": period.kind.value,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "label": period.label,
    }
