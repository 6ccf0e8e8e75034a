"""Topology of unit grid cells: overlaps, gaps and cells outside their community, found in PostGIS.

Cells to check sit in a staging table `(id, row_no, code, community_code, geom)`: the importer
fills one from a file (row numbers kept for the report), `check_district_cells` fills one from the
current cells in the database. The checks run one community at a time, so a district of 170,000
cells shows progress and never builds one huge union:

- the union of the community's cells gives the gaps (community minus union, each part > tolerance)
  and two screens: Σ area(cell) − area(union) is the total multiply-covered area, so only
  communities where it exceeds the tolerance need the pairwise overlap search (GiST `&&` join
  filtered by `ST_Relate(a, b, '2********')`, i.e. interiors intersect in an area); and
  area(union − community) bounds every cell's part outside the community, so only communities
  where it exceeds the tolerance measure `ST_Difference(cell, community)` for each cell not
  `ST_CoveredBy` it.

Areas of problem parts are square metres of the lon/lat polygon scaled by the ellipsoid's local
radii (the planar EPSG:4326 semantics every PostGIS geometry predicate uses). `geography` areas are
not used for them: on slivers a few centimetres wide and a kilometre long (a boundary drawn in a
projected CRS and stored in lon/lat) the geodesic edges differ from the stored straight edges by as
much as the sliver is wide, and the reported area becomes noise. Each problem carries a
representative point (`ST_PointOnSurface`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio.raw
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.errors import InvalidInput, NotFound

Progress = Callable[[str, int, int], None]

DEFAULT_TOLERANCE_M2 = 1.0
STAGE_TABLE = "xh_topo_cell"

KIND_NAMES = {"overlap": "网格重叠", "gap": "网格缝隙", "outside": "网格超出社区"}


@dataclass(frozen=True, slots=True)
class TopologyProblem:
    """One overlap, gap or outside part: codes involved, area (m²), a point on it and its shape."""

    kind: str  # overlap | gap | outside
    community_code: str
    codes: tuple[str, ...]
    rows: tuple[int, ...]
    area_m2: float
    lon: float
    lat: float
    wkb: bytes

    def text(self) -> str:
        """Return what is wrong, in Chinese, without rows or point (those are said elsewhere)."""
        if self.kind == "overlap":
            return (
                f"社区 {self.community_code} 的网格 {self.codes[0]} 与 {self.codes[1]} "
                f"重叠 {self.area_m2:.1f} 平方米"
            )
        if self.kind == "outside":
            return f"网格 {self.codes[0]} 有 {self.area_m2:.1f} 平方米在社区 {self.community_code} 之外"
        return f"社区 {self.community_code} 有 {self.area_m2:.1f} 平方米未被任何网格覆盖"

    def message(self) -> str:
        """Return the problem as one Chinese line (with row numbers when read from a file)."""
        where = f"（代表点 {self.lon:.6f},{self.lat:.6f}）"
        rows = f"，第 {'、'.join(str(r) for r in self.rows)} 行" if self.rows else ""
        if self.kind == "overlap":
            return (
                f"网格重叠：社区 {self.community_code} 的网格 {self.codes[0]} 与 {self.codes[1]}"
                f"{rows} 重叠 {self.area_m2:.1f} 平方米{where}"
            )
        if self.kind == "outside":
            return (
                f"网格超出社区：网格 {self.codes[0]}{rows} 有 {self.area_m2:.1f} 平方米"
                f"在社区 {self.community_code} 之外{where}"
            )
        return (
            f"网格缝隙：社区 {self.community_code} 有 {self.area_m2:.1f} 平方米未被任何网格覆盖"
            f"{where}"
        )


@dataclass(slots=True)
class TopologyReport:
    """The outcome of a topology check; overlaps and outside cells are errors, gaps warnings."""

    tolerance_m2: float
    cells: int = 0
    communities: int = 0
    overlaps: list[TopologyProblem] = field(default_factory=list)
    gaps: list[TopologyProblem] = field(default_factory=list)
    outside: list[TopologyProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[TopologyProblem]:
        """Overlaps and cells outside their community: these refuse an import by default."""
        return [*self.overlaps, *self.outside]

    @property
    def problems(self) -> list[TopologyProblem]:
        """Every problem: errors first, then gaps."""
        return [*self.errors, *self.gaps]

    def summary(self) -> str:
        """Return a one-line Chinese summary."""
        return (
            f"拓扑检查：{self.communities} 个社区、{self.cells} 个网格；"
            f"重叠 {len(self.overlaps)} 处，超出社区 {len(self.outside)} 处，"
            f"缝隙 {len(self.gaps)} 处（容差 {self.tolerance_m2:g} 平方米）"
        )


def create_stage_table(session: Session, table: str = STAGE_TABLE) -> None:
    """(Re)create the temporary staging table for cells to be checked (dropped at commit)."""
    session.execute(text(f"DROP TABLE IF EXISTS pg_temp.{table}"))
    session.execute(
        text(
            f"CREATE TEMP TABLE {table} (id bigserial PRIMARY KEY, row_no integer,"
            " code text NOT NULL, community_code text NOT NULL, mgmt_class text,"
            " geom geometry(Geometry, 4326) NOT NULL) ON COMMIT DROP"
        )
    )


def index_stage_table(session: Session, table: str = STAGE_TABLE) -> None:
    """Index and analyse a filled staging table (GiST on geom, btree on community)."""
    session.execute(text(f"CREATE INDEX ON {table} USING gist (geom)"))
    session.execute(text(f"CREATE INDEX ON {table} (community_code)"))
    session.execute(text(f"ANALYZE {table}"))


# m² per square degree at the latitude of g: M(φ)·N(φ)·cos φ·(π/180)² on the WGS-84 ellipsoid.
_M2_PER_DEG2 = (
    "(40680631590769.0 * (1 - 0.00669437999014)"
    " / (1 - 0.00669437999014 * sin(radians((ST_YMin({g}) + ST_YMax({g})) / 2)) ^ 2) ^ 2"
    " * cos(radians((ST_YMin({g}) + ST_YMax({g})) / 2)) * (pi() / 180) ^ 2)"
)


def area_m2_sql(g: str) -> str:
    """Return an SQL expression: the area in m² of a small lon/lat geometry `g` (local scale)."""
    return f"(ST_Area({g}) * {_M2_PER_DEG2.format(g=g)})"


_GAPS_SQL = """
WITH cm AS (SELECT geom FROM grid_community WHERE code = :c),
u AS (SELECT ST_Union(geom) AS g, sum(ST_Area(geom)) AS s, count(*) AS n
      FROM {t} WHERE community_code = :c),
d AS (SELECT CASE WHEN u.g IS NULL THEN cm.geom ELSE ST_Difference(cm.geom, u.g) END AS g
      FROM cm, u),
parts AS (SELECT p.geom AS g, {area_p} AS area
          FROM d, ST_Dump(ST_CollectionExtract(d.g, 3)) p)
SELECT 'stat' AS kind, coalesce((u.s - ST_Area(u.g)) * {scale_u}, 0) AS area, u.n AS n,
       NULL::float8 AS lon, NULL::float8 AS lat, NULL::bytea AS wkb
FROM u
UNION ALL
SELECT 'outside', coalesce(ST_Area(ST_Difference(u.g, cm.geom)) * {scale_u}, 0), NULL, NULL, NULL,
       NULL
FROM u, cm
UNION ALL
SELECT 'gap', parts.area, NULL, ST_X(pt), ST_Y(pt), ST_AsBinary(parts.g)
FROM parts, LATERAL (SELECT ST_PointOnSurface(parts.g) AS pt) x
WHERE parts.area > :tol
"""

_OVERLAPS_SQL = """
SELECT a.code AS a_code, b.code AS b_code, a.row_no AS a_row, b.row_no AS b_row, x.area,
       ST_X(x.pt) AS lon, ST_Y(x.pt) AS lat, ST_AsBinary(x.g) AS wkb
FROM {t} a
JOIN {t} b ON b.community_code = a.community_code AND a.id < b.id AND a.geom && b.geom
CROSS JOIN LATERAL (
    SELECT i.g, {area_i} AS area, ST_PointOnSurface(i.g) AS pt
    FROM (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) AS g) i
) x
WHERE a.community_code = :c AND ST_Relate(a.geom, b.geom, '2********') AND x.area > :tol
ORDER BY a.code, b.code
"""

_OUTSIDE_SQL = """
SELECT o.code, o.row_no, o.area, ST_X(o.pt) AS lon, ST_Y(o.pt) AS lat, ST_AsBinary(o.g) AS wkb
FROM (
    SELECT s.code, s.row_no, d.g, {area_d} AS area, ST_PointOnSurface(d.g) AS pt
    FROM {t} s
    JOIN grid_community cm ON cm.code = s.community_code
    CROSS JOIN LATERAL (
        SELECT ST_CollectionExtract(ST_Difference(s.geom, cm.geom), 3) AS g
    ) d
    WHERE s.community_code = :c AND NOT ST_CoveredBy(s.geom, cm.geom)
) o
WHERE o.area > :tol
ORDER BY o.code
"""


def check_staged_cells(
    session: Session,
    community_codes: list[str],
    *,
    table: str = STAGE_TABLE,
    tolerance_m2: float = DEFAULT_TOLERANCE_M2,
    progress: Progress | None = None,
) -> TopologyReport:
    """Check the staged cells of each given community; return every problem above the tolerance."""
    if not tolerance_m2 >= 0:
        raise InvalidInput("拓扑容差必须是非负数（平方米）", tolerance_m2=tolerance_m2)
    say = progress or (lambda _m, _d, _t: None)
    report = TopologyReport(tolerance_m2=tolerance_m2)
    gaps_sql = text(
        _GAPS_SQL.format(
            t=table, area_p=area_m2_sql("p.geom"), scale_u=_M2_PER_DEG2.format(g="u.g")
        )
    )
    overlaps_sql = text(_OVERLAPS_SQL.format(t=table, area_i=area_m2_sql("i.g")))
    outside_sql = text(_OUTSIDE_SQL.format(t=table, area_d=area_m2_sql("d.g")))
    total = len(community_codes)
    tol_screen = tolerance_m2 * 0.5  # margin for rounding in the screens below
    say("拓扑检查（按社区）", 0, total)
    for k, c in enumerate(community_codes):
        p = {"c": c, "tol": tolerance_m2}
        multiply_covered = outside_total = 0.0
        for r in session.execute(gaps_sql, p).all():
            if r.kind == "stat":
                multiply_covered = float(r.area or 0.0)
                report.cells += int(r.n or 0)
            elif r.kind == "outside":
                outside_total = float(r.area or 0.0)
            else:
                report.gaps.append(
                    TopologyProblem("gap", c, (), (), float(r.area), r.lon, r.lat, bytes(r.wkb))
                )
        # Σ area − area of the union bounds every pairwise overlap: skip the search when small.
        if multiply_covered > tol_screen:
            for r in session.execute(overlaps_sql, p).all():
                rows = tuple(x for x in (r.a_row, r.b_row) if x is not None)
                report.overlaps.append(
                    TopologyProblem(
                        "overlap",
                        c,
                        (r.a_code, r.b_code),
                        rows,
                        float(r.area),
                        r.lon,
                        r.lat,
                        bytes(r.wkb),
                    )
                )
        # Each cell's part outside its community lies in the union's: skip when that is small.
        outside_rows = session.execute(outside_sql, p).all() if outside_total > tol_screen else []
        for r in outside_rows:
            rows = (r.row_no,) if r.row_no is not None else ()
            report.outside.append(
                TopologyProblem(
                    "outside", c, (r.code,), rows, float(r.area), r.lon, r.lat, bytes(r.wkb)
                )
            )
        report.communities += 1
        if k % 10 == 9 or k + 1 == total:
            say("拓扑检查（按社区）", k + 1, total)
    return report


def check_district_cells(
    session: Session,
    district_code: str,
    *,
    tolerance_m2: float = DEFAULT_TOLERANCE_M2,
    progress: Progress | None = None,
) -> TopologyReport:
    """Check the current cells of a district in the database; raise NotFound for no district."""
    found = session.execute(
        text("SELECT 1 FROM grid_district WHERE code = :d"), {"d": district_code}
    ).first()
    if found is None:
        raise NotFound(f"区县 {district_code} 不存在", district_code=district_code)
    create_stage_table(session)
    session.execute(
        text(
            f"INSERT INTO {STAGE_TABLE} (code, community_code, mgmt_class, geom)"
            " SELECT code, community_code, mgmt_class, geom FROM grid_cell"
            " WHERE district_code = :d AND valid_to IS NULL ORDER BY code"
        ),
        {"d": district_code},
    )
    index_stage_table(session)
    communities = list(
        session.scalars(
            text("SELECT code FROM grid_community WHERE district_code = :d ORDER BY code"),
            {"d": district_code},
        )
    )
    report = check_staged_cells(session, communities, tolerance_m2=tolerance_m2, progress=progress)
    # Cells whose community is not in the district's community table cannot be checked above.
    orphans = session.execute(
        text(
            f"SELECT s.code, s.community_code, {area_m2_sql('s.geom')} AS area,"
            f" ST_X(ST_PointOnSurface(s.geom)) AS lon, ST_Y(ST_PointOnSurface(s.geom)) AS lat,"
            f" ST_AsBinary(s.geom) AS wkb FROM {STAGE_TABLE} s"
            " LEFT JOIN grid_community cm ON cm.code = s.community_code"
            " WHERE cm.code IS NULL ORDER BY s.code"
        )
    ).all()
    for r in orphans:
        report.cells += 1
        report.outside.append(
            TopologyProblem(
                "outside",
                r.community_code,
                (r.code,),
                (),
                float(r.area),
                r.lon,
                r.lat,
                bytes(r.wkb),
            )
        )
    session.execute(text(f"DROP TABLE IF EXISTS pg_temp.{STAGE_TABLE}"))
    return report


def write_report(report: TopologyReport, path: Path) -> int:
    """Write every problem as a GeoJSON (EPSG:4326) feature for QGIS; return how many."""
    problems = report.problems
    if path.exists():
        path.unlink()
    geometry = np.array([p.wkb for p in problems], dtype=object)
    fields = [
        "kind",
        "kind_name",
        "community_code",
        "codes",
        "rows",
        "area_m2",
        "lon",
        "lat",
        "message",
    ]
    data = [
        np.array([p.kind for p in problems], dtype=object),
        np.array([KIND_NAMES[p.kind] for p in problems], dtype=object),
        np.array([p.community_code for p in problems], dtype=object),
        np.array([",".join(p.codes) for p in problems], dtype=object),
        np.array([",".join(str(r) for r in p.rows) for p in problems], dtype=object),
        np.array([round(p.area_m2, 2) for p in problems], dtype=np.float64),
        np.array([p.lon for p in problems], dtype=np.float64),
        np.array([p.lat for p in problems], dtype=np.float64),
        np.array([p.message() for p in problems], dtype=object),
    ]
    pyogrio.raw.write(
        str(path),
        geometry,
        data,
        fields,
        driver="GeoJSON",
        geometry_type="Unknown",
        crs="EPSG:4326",
        encoding="UTF-8",
    )
    return len(problems)
