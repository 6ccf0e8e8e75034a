"""The workload: random points inside the current grid cells, and the categories to route."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

DEFAULT_CATEGORIES = (
    "event:09006",  # 占道经营: specialist rule by major class 09 (event kind)
    "event:06010",  # 暴露垃圾: no specific rule, territorial street rule
    "component:01003",  # 雨水井盖: snap to a component, else the category-code rule
    "event:06001",  # specialist rule by category code
    "component:01001",  # snap, else the category-code rule
)

# ST_GeneratePoints is deterministic for a given seed and geometry; the EXISTS filter keeps
# only points that some current cell covers (gaps between cells would make locate raise).
_POINTS_SQL = """
WITH d AS (
    SELECT ST_Union(geom) AS g FROM grid_district
    WHERE (%(district)s::text IS NULL OR code = %(district)s::text)
),
pts AS (
    SELECT dp.path[1] AS i, dp.geom AS p
    FROM d, ST_Dump(ST_GeneratePoints(d.g, %(n)s, %(seed)s)) AS dp
)
SELECT ST_X(p), ST_Y(p) FROM pts
WHERE EXISTS (
    SELECT 1 FROM grid_cell c WHERE c.valid_to IS NULL AND ST_Covers(c.geom, pts.p)
)
ORDER BY i
LIMIT %(limit)s
"""

# A square inside the largest inscribed circle of the district: every point in it lies inside
# the district, so pgbench's uniform random points all hit a cell (pgbench has no tables of
# our points to draw from). Falls back to the district's bounding box.
_SQUARE_SQL = """
WITH d AS (
    SELECT ST_Union(geom) AS g FROM grid_district
    WHERE (%(district)s::text IS NULL OR code = %(district)s::text)
),
c AS (SELECT (ST_MaximumInscribedCircle(d.g)).* FROM d)
SELECT ST_X(center) - radius / sqrt(2), ST_Y(center) - radius / sqrt(2),
       ST_X(center) + radius / sqrt(2), ST_Y(center) + radius / sqrt(2)
FROM c
"""


@dataclass(frozen=True, slots=True)
class Workload:
    """Points (lon, lat in EPSG:4326) and category references."""

    points: list[tuple[float, float]]
    categories: list[str]
    seed: int
    district: str | None
    square: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax for pgbench

    def category_for(self, i: int) -> str:
        """The category used with point `i` (they cycle, so every layer routes the same pairs)."""
        return self.categories[i % len(self.categories)]


def sample_points(
    conn: psycopg.Connection, n: int, seed: int, district: str | None = None
) -> list[tuple[float, float]]:
    """Return up to `n` seeded random points inside current cells, in a stable order."""
    rows = conn.execute(
        _POINTS_SQL,
        {"district": district, "n": int(n * 1.1) + 10, "seed": seed, "limit": n},
    ).fetchall()
    return [(float(x), float(y)) for x, y in rows]


def inscribed_square(
    conn: psycopg.Connection, district: str | None = None
) -> tuple[float, float, float, float]:
    """Return a lon/lat square lying inside the district (for pgbench's random points)."""
    try:
        row = conn.execute(_SQUARE_SQL, {"district": district}).fetchone()
    except psycopg.Error:
        conn.rollback()
        row = None
    if row is None or any(v is None for v in row):
        row = conn.execute(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)"
            " FROM (SELECT ST_Extent(geom) AS e FROM grid_district) x"
        ).fetchone()
    assert row is not None
    return (float(row[0]), float(row[1]), float(row[2]), float(row[3]))


def existing_categories(conn: psycopg.Connection, refs: list[str]) -> tuple[list[str], list[str]]:
    """Split `refs` into those the catalogue holds and those it does not."""
    have, missing = [], []
    for ref in refs:
        kind, _, code = ref.rpartition(":")
        row = conn.execute(
            "SELECT 1 FROM dispatch_category WHERE code = %s AND (%s = '' OR kind = %s) LIMIT 1",
            (code, kind, kind),
        ).fetchone()
        (have if row else missing).append(ref)
    return have, missing
