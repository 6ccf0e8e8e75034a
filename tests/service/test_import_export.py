"""`xiuhua grid import/export` and the cell topology report, on real PostGIS (张店区 370303)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import pyproj
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.db import unit_of_work
from app.core.errors import ImportFailed
from app.grid.coords import from_wgs84, to_wgs84
from app.grid.geocode import normalize
from app.grid.io.exporter import export_layer
from app.grid.io.importing.options import ImportOptions
from app.grid.io.importing.run import import_layer
from app.grid.io.topology import check_district_cells
from app.grid.service import CategoryScope, route

D = "370303"
COMMUNITY = "370303002001"
ROOT = Path(__file__).resolve().parents[2]


def _write(
    path: Path,
    geoms: list[BaseGeometry | None],
    fields: dict[str, list[Any]],
    *,
    crs: str = "EPSG:4326",
    geometry_type: str = "MultiPolygon",
    driver: str | None = None,
) -> Path:
    pyogrio.raw.write(
        str(path),
        np.array([None if g is None else shapely.to_wkb(g) for g in geoms], dtype=object),
        [np.array(v, dtype=object) for v in fields.values()],
        list(fields),
        geometry_type=geometry_type,
        crs=crs,
        encoding="UTF-8",
        driver=driver,
        promote_to_multi=False,
    )
    return path


def _community_cells(s: Session, community: str = COMMUNITY) -> list[tuple[str, str, BaseGeometry]]:
    rows = s.execute(
        text(
            "SELECT code, mgmt_class, ST_AsBinary(geom) AS wkb FROM grid_cell"
            " WHERE community_code = :c AND valid_to IS NULL ORDER BY code"
        ),
        {"c": community},
    ).all()
    return [(r.code, r.mgmt_class, shapely.from_wkb(bytes(r.wkb))) for r in rows]


def _cell_counts(s: Session) -> tuple[int, int]:
    row = s.execute(
        text(
            "SELECT count(*) FILTER (WHERE valid_to IS NULL), count(*) FROM grid_cell"
            " WHERE district_code = :d"
        ),
        {"d": D},
    ).one()
    return int(row[0]), int(row[1])


def _communities(s: Session) -> int:
    return int(
        s.scalar(text("SELECT count(*) FROM grid_community WHERE district_code = :d"), {"d": D})
    )


def _interior_pair(s: Session) -> tuple[str, str, str]:
    """Two full cells sharing an edge and a third full cell, all well inside COMMUNITY."""
    rows = s.execute(
        text(
            """
WITH inner_cells AS (
  SELECT c.code, c.geom FROM grid_cell c JOIN grid_community m ON m.code = c.community_code
  WHERE c.community_code = :c AND c.valid_to IS NULL AND c.area_m2 > 9900
    AND ST_NPoints(c.geom) = 5
    AND ST_Covers(ST_Buffer(m.geom::geography, -250)::geometry, c.geom))
SELECT a.code AS a, b.code AS b FROM inner_cells a JOIN inner_cells b
  ON a.code < b.code AND ST_Relate(a.geom, b.geom, 'F***1****')
ORDER BY a.code, b.code LIMIT 1
"""
        ),
        {"c": COMMUNITY},
    ).one()
    third = s.execute(
        text(
            """
SELECT c.code FROM grid_cell c JOIN grid_community m ON m.code = c.community_code
WHERE c.community_code = :c AND c.valid_to IS NULL AND c.area_m2 > 9900
  AND ST_NPoints(c.geom) = 5
  AND ST_Covers(ST_Buffer(m.geom::geography, -250)::geometry, c.geom)
  AND NOT ST_Intersects(c.geom, (SELECT ST_Union(geom) FROM grid_cell
                                 WHERE code IN (:a, :b) AND valid_to IS NULL))
ORDER BY c.code LIMIT 1
"""
        ),
        {"c": COMMUNITY, "a": rows.a, "b": rows.b},
    ).scalar_one()
    return rows.a, rows.b, third


def _boundary_cell(s: Session) -> str:
    return str(
        s.execute(
            text(
                "SELECT c.code FROM grid_cell c JOIN grid_community m ON m.code = c.community_code"
                " WHERE c.community_code = :c AND c.valid_to IS NULL AND c.area_m2 > 5000"
                " AND ST_Intersects(c.geom, ST_Boundary(m.geom)) ORDER BY c.code LIMIT 1"
            ),
            {"c": COMMUNITY},
        ).scalar_one()
    )


# --- round trip ----------------------------------------------------------------------------


def test_cells_round_trip_gpkg_and_geojson_makes_new_generations(
    fresh_db_url: str, tmp_path: Path
) -> None:
    engine = create_engine(fresh_db_url)
    try:
        with unit_of_work(engine) as s:
            current, total = _cell_counts(s)
            classes = dict(
                s.execute(
                    text(
                        "SELECT mgmt_class, count(*) FROM grid_cell WHERE district_code = :d"
                        " AND valid_to IS NULL GROUP BY 1"
                    ),
                    {"d": D},
                ).all()
            )
            communities = _communities(s)
            first_from = s.scalar(
                text("SELECT max(valid_from) FROM grid_cell WHERE district_code = :d"), {"d": D}
            )
        assert current == total > 30000
        steps: list[tuple[str, int, int]] = []
        generations = []
        for k, fmt in enumerate(("gpkg", "geojson")):
            path = tmp_path / f"cells.{fmt}"
            with unit_of_work(engine) as s:
                exported = export_layer(s, "cell", path, district_code=D)
            assert exported.features == current
            vf = now() + timedelta(minutes=k + 1)
            with unit_of_work(engine) as s:
                result = import_layer(
                    s,
                    "cell",
                    path,
                    options=ImportOptions(valid_from=vf),
                    progress=lambda m, d, t: steps.append((m, d, t)),
                )
            assert result.rows == result.inserted == result.closed == current
            assert result.topology is not None and not result.topology.errors
            generations.append(vf)
        with unit_of_work(engine) as s:
            rows = s.execute(
                text(
                    "SELECT valid_from, valid_to, count(*) AS n, count(DISTINCT code) AS codes,"
                    " sum(area_m2) AS area FROM grid_cell WHERE district_code = :d"
                    " GROUP BY valid_from, valid_to ORDER BY valid_from"
                ),
                {"d": D},
            ).all()
            assert [(r.valid_from, r.valid_to) for r in rows] == [
                (first_from, generations[0]),
                (generations[0], generations[1]),
                (generations[1], None),
            ]
            assert all(r.n == r.codes == current for r in rows)
            # the demo measured areas in UTM, imports measure them on the ellipsoid
            assert rows[0].area == pytest.approx(rows[1].area, rel=5e-3)
            assert rows[1].area == pytest.approx(rows[2].area, rel=1e-9)
            # same codes, same classes, same shapes in the newest generation
            same = s.scalar(
                text(
                    "SELECT count(*) FROM grid_cell o JOIN grid_cell n ON n.code = o.code"
                    " WHERE o.valid_from = :f AND n.valid_to IS NULL"
                    " AND n.mgmt_class = o.mgmt_class AND ST_Equals(n.geom, o.geom)"
                ),
                {"f": first_from},
            )
            assert same == current
            new_classes = dict(
                s.execute(
                    text(
                        "SELECT mgmt_class, count(*) FROM grid_cell WHERE district_code = :d"
                        " AND valid_to IS NULL GROUP BY 1"
                    ),
                    {"d": D},
                ).all()
            )
            assert new_classes == classes
    finally:
        engine.dispose()
    labels = {m for m, _d, _t in steps}
    assert {"读取文件", "写入暂存表", "拓扑检查（按社区）", "写入数据库"} <= labels
    assert ("拓扑检查（按社区）", communities, communities) in steps


# --- topology ------------------------------------------------------------------------------


def test_broken_cells_are_refused_with_a_topology_report(
    db_session: Session, tmp_path: Path
) -> None:
    s = db_session
    a, b, gap_code = _interior_pair(s)
    out_code = _boundary_cell(s)
    community = shapely.from_wkb(
        bytes(
            s.scalar(
                text("SELECT ST_AsBinary(geom) FROM grid_community WHERE code = :c"),
                {"c": COMMUNITY},
            )
        )
    )
    cells = {code: (mc, g) for code, mc, g in _community_cells(s)}
    ga, gb, gap_geom = cells[a][1], cells[b][1], cells[gap_code][1]
    # a grows 20 m into b; the gap cell is left out; the boundary cell grows 30 m outwards
    cells[a] = (cells[a][0], shapely.union(ga, shapely.intersection(gb, ga.buffer(0.0002))))
    del cells[gap_code]
    go = cells[out_code][1]
    cells[out_code] = (
        cells[out_code][0],
        shapely.union(go, shapely.difference(go.buffer(0.0003), community)),
    )
    codes = sorted(cells)
    path = _write(
        tmp_path / "broken.geojson",
        [cells[c][1] for c in codes],
        {"code": codes, "mgmt_class": [cells[c][0] for c in codes]},
        driver="GeoJSON",
        geometry_type="Unknown",
    )
    report_path = tmp_path / "report.geojson"
    before = _cell_counts(s)
    with pytest.raises(ImportFailed) as exc:
        import_layer(
            s,
            "cell",
            path,
            options=ImportOptions(report_path=report_path),
        )
    assert _cell_counts(s) == before  # nothing changed
    assert "拓扑检查未通过" in exc.value.message
    problems = "\n".join(exc.value.detail["problems"])
    # a GeoJSON file's features are numbered from 0 (fid, as QGIS shows them)
    fid_a, fid_b = codes.index(a), codes.index(b)
    assert f"[broken] 网格重叠（fid {fid_a}、{fid_b}，代码 {a}、{b}）" in problems
    assert f"网格超出社区（fid {codes.index(out_code)}，代码 {out_code}）" in problems

    features = json.loads(report_path.read_text(encoding="utf-8"))["features"]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for f in features:
        by_kind.setdefault(f["properties"]["kind"], []).append(f)
    overlaps = by_kind["overlap"]
    assert [o["properties"]["codes"] for o in overlaps] == [f"{a},{b}"]
    assert overlaps[0]["properties"]["area_m2"] == pytest.approx(
        shapely.area(shapely.intersection(cells[a][1], gb)) / shapely.area(gb) * 10000, rel=0.05
    )
    outside = [o for o in by_kind["outside"] if o["properties"]["codes"] == out_code]
    assert len(outside) == 1 and outside[0]["properties"]["area_m2"] > 500
    # the gap: in the community, about the size of the missing cell, its point inside that cell
    gap_area = float(
        s.scalar(
            text("SELECT area_m2 FROM grid_cell WHERE code = :c AND valid_to IS NULL"),
            {"c": gap_code},
        )
    )
    gaps = [
        g
        for g in by_kind["gap"]
        if g["properties"]["community_code"] == COMMUNITY
        and gap_geom.covers(Point(g["properties"]["lon"], g["properties"]["lat"]))
    ]
    assert len(gaps) == 1
    assert gaps[0]["properties"]["area_m2"] == pytest.approx(gap_area, rel=0.01)
    assert "网格缝隙" in gaps[0]["properties"]["message"]

    # --allow-topology-errors imports anyway: a new generation for the district
    vf = now()
    result = import_layer(
        s,
        "cell",
        path,
        options=ImportOptions(allow_topology_errors=True, valid_from=vf),
    )
    # the file holds one community: only its current cells are replaced
    in_community = len(codes) + 1  # the gap cell was left out of the file
    assert result.inserted == len(codes) and result.closed == in_community
    assert result.topology is not None and len(result.topology.overlaps) == 1
    assert _cell_counts(s) == (before[0] - in_community + len(codes), before[1] + len(codes))


def test_check_topology_of_current_cells_in_the_database(db_session: Session) -> None:
    s = db_session
    a, b, _third = _interior_pair(s)
    s.execute(
        text(
            "UPDATE grid_cell SET geom = ST_Multi(ST_Union(geom, (SELECT ST_Intersection(o.geom,"
            " ST_Buffer(grid_cell.geom, 0.0001)) FROM grid_cell o WHERE o.code = :b"
            " AND o.valid_to IS NULL))) WHERE code = :a AND valid_to IS NULL"
        ),
        {"a": a, "b": b},
    )
    seen: list[tuple[str, int, int]] = []
    report = check_district_cells(s, D, progress=lambda m, d, t: seen.append((m, d, t)))
    communities = _communities(s)
    assert report.cells == _cell_counts(s)[0] and report.communities == communities
    assert [(p.codes, p.rows) for p in report.overlaps] == [((a, b), ())]
    assert report.overlaps[0].area_m2 == pytest.approx(1000, rel=0.15)
    assert not report.outside
    assert not report.gaps
    assert seen[-1] == ("拓扑检查（按社区）", communities, communities)


# --- validation ----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_file_problems_are_collected_with_row_numbers(db_session: Session, tmp_path: Path) -> None:
    cells = _community_cells(db_session)[:8]
    codes = [c for c, _m, _g in cells]
    geoms: list[BaseGeometry | None] = [g for _c, _m, g in cells]
    classes = ["normal"] * 8
    codes[2] = codes[0]  # duplicate of row 1
    codes[3] = codes[3][:14]  # malformed
    classes[4] = "特别"  # unknown class
    geoms[5] = shapely.LineString([(118.0, 36.8), (118.001, 36.801)])  # wrong type
    geoms[6] = Polygon([(36.8, 118.0), (36.81, 118.0), (36.81, 118.01)])  # lat/lon swapped
    geoms[7] = Polygon([(118.0, 36.8), (float("nan"), 36.8), (118.01, 36.81)])  # NaN
    path = _write(
        tmp_path / "bad.gpkg",
        geoms,
        {"code": codes, "mgmt_class": classes},
        geometry_type="Unknown",
    )
    before = _cell_counts(db_session)
    with pytest.raises(ImportFailed) as exc:
        import_layer(db_session, "cell", path)
    lines = exc.value.detail["problems"]
    text_ = "\n".join(lines)
    # a GeoPackage's fids start at 1, like the rows
    assert f"网格代码 {codes[0]} 在文件中重复：fid 1、3" in text_
    assert f"（fid 4，代码 {codes[3]}）：网格代码" in text_ and "应为 15 位数字" in text_
    assert "（fid 5，代码" in text_ and "管理等级 '特别' 无效" in text_
    assert "（fid 6，代码" in text_ and "几何类型应为面" in text_
    assert "（fid 7，代码" in text_ and "坐标超出经纬度范围" in text_
    assert "（fid 8，代码" in text_ and "坐标包含 NaN" in text_
    # six errors, and warnings after them (the rest of the community is a gap)
    assert exc.value.detail["total"] == 6
    assert len([x for x in lines if "警告" not in x]) == 6
    assert _cell_counts(db_session) == before


def test_at_most_50_problems_are_listed_and_all_are_counted(
    db_session: Session, tmp_path: Path
) -> None:
    square = box(118.0, 36.8, 118.001, 36.801)
    path = _write(
        tmp_path / "many.geojson",
        [square] * 120,
        {"code": ["12345"] * 120},
        driver="GeoJSON",
        geometry_type="Polygon",
    )
    with pytest.raises(ImportFailed) as exc:
        import_layer(db_session, "cell", path)
    lines = exc.value.detail["problems"]
    assert exc.value.detail["total"] == 121  # 120 malformed codes + one duplicate
    assert len(lines) == 50 and lines[-1] == "……另有 72 个问题未列出"
    assert "发现 121 个问题" in exc.value.message


def test_unknown_community_is_refused_with_rows(db_session: Session, tmp_path: Path) -> None:
    cells = _community_cells(db_session)[:3]
    codes = ["370303002999" + c[-3:] for c, _m, _g in cells]
    path = _write(
        tmp_path / "x.geojson",
        [g for *_x, g in cells],
        {"code": codes},
        driver="GeoJSON",
        geometry_type="Unknown",
    )
    with pytest.raises(ImportFailed) as exc:
        import_layer(db_session, "cell", path)
    assert exc.value.detail["problems"] == [
        "[x] 上级不存在（fid 0、1、2，代码 370303002999）："
        "社区 370303002999 不存在（请先导入社区）：fid 0、1、2"
    ]


def test_bow_tie_refused_then_repaired(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    _a, _b, target = _interior_pair(s)
    cells = _community_cells(s)
    cell = next(g for c, _m, g in cells if c == target)
    c0, c1, c2, c3, _c4 = shapely.get_coordinates(cell).tolist()  # a square (not axis-aligned)
    bow_tie = Polygon([c0, c1, c3, c2, c0])
    assert not bow_tie.is_valid
    geoms = [bow_tie if c == target else g for c, _m, g in cells]
    codes = [c for c, _m, _g in cells]
    path = _write(tmp_path / "bowtie.gpkg", geoms, {"code": codes}, geometry_type="Unknown")
    fid = codes.index(target) + 1
    with pytest.raises(ImportFailed) as exc:
        import_layer(s, "cell", path)
    assert exc.value.detail["total"] == 1
    assert exc.value.detail["problems"][0].startswith(
        f"[bowtie] 几何无效（fid {fid}，代码 {target}）：几何图形无效（自相交 Self-intersection"
    )
    assert "--repair" in exc.value.detail["problems"][0]

    result = import_layer(s, "cell", path, options=ImportOptions(repair=True))
    assert result.repaired == 1 and result.inserted == len(codes)
    assert result.topology is not None and not result.topology.errors
    stored = shapely.from_wkb(
        bytes(
            s.scalar(
                text(
                    "SELECT ST_AsBinary(geom) FROM grid_cell WHERE code = :c AND valid_to IS NULL"
                ),
                {"c": target},
            )
        )
    )
    assert isinstance(stored, MultiPolygon) and stored.is_valid and len(stored.geoms) == 2
    # the repaired cell covers half its square: the other half is reported as gaps (warnings)
    halves = [
        p.area_m2
        for p in result.topology.gaps
        if p.community_code == COMMUNITY and cell.covers(Point(p.lon, p.lat))
    ]
    area = float(
        s.scalar(
            text("SELECT area_m2 FROM grid_cell WHERE code = :c AND valid_to IS NULL"),
            {"c": target},
        )
    )
    assert sum(halves) == pytest.approx(area, rel=0.02)


# --- coordinate systems --------------------------------------------------------------------


def test_gcj02_coordinates_are_converted_with_app_grid_coords(
    db_session: Session, tmp_path: Path
) -> None:
    lon, lat = db_session.execute(
        text(
            "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_PointOnSurface(geom) AS g"
            " FROM grid_community WHERE code = :c) x"
        ),
        {"c": COMMUNITY},
    ).one()
    square = box(lon, lat, lon + 0.0002, lat + 0.0001)
    gcj = shapely.transform(square, lambda xy: np.array([from_wgs84(x, y, "gcj02") for x, y in xy]))
    gx, gy = gcj.exterior.coords[0]
    assert abs(gx - lon) > 1e-4  # GCJ-02 really is offset
    path = _write(
        tmp_path / "frontage.geojson",
        [gcj],
        {"holder_name": ["测试超市"], "holder_phone": ["13800000000"], "address": ["测试路1号"]},
        driver="GeoJSON",
        geometry_type="Polygon",
    )
    result = import_layer(db_session, "frontage", path, options=ImportOptions(coord_sys="gcj02"))
    assert result.inserted == 1
    x, y, district = db_session.execute(
        text(
            "SELECT ST_X(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)),"
            " ST_Y(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)), district_code"
            " FROM grid_frontage WHERE holder_name = '测试超市'"
        )
    ).one()
    expected = to_wgs84(gx, gy, "gcj02")
    assert (x, y) == pytest.approx((expected.lon, expected.lat), abs=1e-10)
    assert (x, y) == pytest.approx(square.exterior.coords[0], abs=1e-8)
    assert district == D
    # importing the same zone again updates it instead of adding a copy
    again = import_layer(db_session, "frontage", path, options=ImportOptions(coord_sys="gcj02"))
    assert (again.inserted, again.updated) == (0, 1)


def test_projected_cgcs2000_file_is_transformed_with_pyproj(
    db_session: Session, tmp_path: Path
) -> None:
    pts = db_session.execute(
        text(
            "SELECT id, code, ST_X(geom) AS x, ST_Y(geom) AS y FROM grid_address"
            " WHERE district_code = :d ORDER BY id LIMIT 3"
        ),
        {"d": D},
    ).all()
    to_gk = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True)  # CM 117°E
    projected = [Point(*to_gk.transform(p.x, p.y)) for p in pts]
    assert projected[0].x > 400_000  # metres, not degrees
    path = _write(
        tmp_path / "gk.gpkg",
        projected,
        {"code": [f"T{p.code}" for p in pts], "full_text": ["山东省淄博市张店区测试路1号"] * 3},
        crs="EPSG:4548",
        geometry_type="Point",
    )
    result = import_layer(db_session, "address", path)
    assert result.inserted == 3
    for p in pts:
        x, y = db_session.execute(
            text("SELECT ST_X(geom), ST_Y(geom) FROM grid_address WHERE code = :c"),
            {"c": f"T{p.code}"},
        ).one()
        assert (x, y) == pytest.approx((p.x, p.y), abs=1e-8)


# --- other layers --------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:Normalized/laundered field name:RuntimeWarning")
def test_shapefile_of_addresses_imports(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    streets = s.execute(
        text(
            "SELECT code, ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y"
            " FROM grid_street WHERE district_code = :d ORDER BY code LIMIT 3"
        ),
        {"d": D},
    ).all()
    texts = [f"山东省淄博市张店区测试{i}路{i + 1}号" for i in range(3)]
    texts[1] = "山东省淄博市张店区测试一路十二号 华润万家"
    path = _write(
        tmp_path / "addr.shp",
        [Point(r.x, r.y) for r in streets],
        {
            "full_text": texts,
            "road": ["测试0路", "测试一路", "测试2路"],
            "house_number": ["1号", "十二号", "3号"],
            "poi": [None, "华润万家", None],
            "code": ["XT0001", "XT0002", "XT0003"],
        },
        geometry_type="Point",
        driver="ESRI Shapefile",
    )
    assert path.with_suffix(".dbf").exists()
    result = import_layer(s, "address", path)
    assert (result.rows, result.inserted, result.updated) == (3, 3, 0)
    rows = s.execute(
        text(
            "SELECT code, full_text, norm_text, street_code, district_code, house_number, poi"
            " FROM grid_address WHERE code LIKE 'XT%' ORDER BY code"
        )
    ).all()
    assert [r.street_code for r in rows] == [r.code for r in streets]
    assert all(r.district_code == D for r in rows)
    assert [r.norm_text for r in rows] == [normalize(t) for t in texts]
    assert "12号" in rows[1].norm_text and rows[1].house_number == "十二号"
    assert rows[1].poi == "华润万家"
    again = import_layer(s, "address", path)
    assert (again.inserted, again.updated) == (0, 3)


def test_components_import_resolves_units_and_cells(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    x, y, cell = s.execute(
        text(
            "SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)), code"
            " FROM grid_cell WHERE community_code = :c AND valid_to IS NULL ORDER BY code"
            " LIMIT 1"
        ),
        {"c": COMMUNITY},
    ).one()
    path = _write(
        tmp_path / "comp.geojson",
        [Point(x, y), Point(x + 1e-6, y)],
        {
            "id": ["37030301003999001", "37030301006999002"],
            "name": ["雨水井盖", "路灯"],
            "owner": ["370303-SZ", "某物业公司"],
            "maintainer": ["张店区市政工程服务中心", None],
            "state": ["破损", "intact"],
        },
        driver="GeoJSON",
        geometry_type="Point",
    )
    result = import_layer(s, "component", path)
    assert result.inserted == 2
    rows = s.execute(
        text(
            "SELECT k.id, k.category_code, k.state, k.grid_code, o.code AS owner, k.owner_name,"
            " m.code AS maint FROM grid_component k LEFT JOIN grid_unit o ON o.id = k.owner_unit_id"
            " LEFT JOIN grid_unit m ON m.id = k.maintainer_unit_id"
            " WHERE k.id IN ('37030301003999001', '37030301006999002') ORDER BY k.id"
        )
    ).all()
    assert [(r.category_code, r.state, r.grid_code) for r in rows] == [
        ("01003", "damaged", cell),
        ("01006", "intact", cell),
    ]
    assert (rows[0].owner, rows[0].maint) == ("370303-SZ", "370303-SZ")
    assert (rows[1].owner, rows[1].owner_name) == (None, "某物业公司")
    assert any("仅保存了名称" in w for w in result.warnings)


def test_unit_rule_csv_creates_units_and_rules_used_by_route(
    db_session: Session, tmp_path: Path
) -> None:
    s = db_session
    px, py, community, street = s.execute(
        text(
            "SELECT ST_X(p), ST_Y(p), community_code, street_code FROM (SELECT"
            " ST_PointOnSurface(geom) AS p, community_code, street_code FROM grid_cell"
            " WHERE community_code = :c AND valid_to IS NULL ORDER BY code LIMIT 1) x"
        ),
        {"c": COMMUNITY},
    ).one()
    square = box(px - 0.001, py - 0.001, px + 0.001, py + 0.001)
    csv_path = tmp_path / "rules.csv"
    csv_path.write_text(
        "unit_code,unit_name,unit_kind,parent_unit_code,contact_phone,role,category,"
        "area_scope,area_code,cell_codes,priority,note,geometry\n"
        "XT-GROUP,测试城建集团,company,,,,,,,,,,\n"
        f"XT-DRAIN,测试排水公司,company,XT-GROUP,0533-1234567,专业,event:09006,社区,{community},"
        ",5,测试规则,\n"
        f'XT-ZONE,测试片区管委会,center,,,属地,all,polygon,,,20,,"{square.wkt}"\n'
        f"XT-DRAIN,,,,,specialist,major:03,street,{street},,,,\n"
        f"XT-GOV,测试兜底单位,government,,,兜底,all,district,{D},,,,\n",
        encoding="utf-8",
    )
    result = import_layer(s, "unit-rule", csv_path)
    assert result.inserted == 4 and result.skipped == 0
    units = {
        r.code: r
        for r in s.execute(
            text(
                "SELECT u.code, u.name, u.district_code, p.code AS parent, u.contact_phone"
                " FROM grid_unit u LEFT JOIN grid_unit p ON p.id = u.parent_id"
                " WHERE u.code LIKE 'XT-%'"
            )
        )
    }
    assert set(units) == {"XT-GROUP", "XT-DRAIN", "XT-ZONE", "XT-GOV"}
    assert units["XT-DRAIN"].parent == "XT-GROUP"
    assert units["XT-DRAIN"].contact_phone == "0533-1234567"
    assert units["XT-ZONE"].district_code == D  # from the polygon
    fallback = s.scalar(
        text(
            "SELECT u.code FROM grid_district d JOIN grid_unit u ON u.id = d.fallback_unit_id"
            " WHERE d.code = :d"
        ),
        {"d": D},
    )
    assert fallback == "XT-GOV"

    point = to_wgs84(px, py)
    r1 = route(
        s, CategoryScope(kind="event", code="09006", major_code="09", name="占道经营"), point
    )
    assert (r1.decided_by, r1.unit.code) == ("rule", "XT-DRAIN")
    assert r1.rule is not None and r1.rule.area_scope == "community"
    r2 = route(s, CategoryScope(kind="event", code="10001", major_code="10", name="积雪"), point)
    assert (r2.unit.code, r2.rule and r2.rule.area_scope) == ("XT-ZONE", "polygon")
    r3 = route(s, CategoryScope(kind="event", code="03001", major_code="03", name="厕所"), point)
    assert r3.unit.code == "XT-DRAIN"

    # importing the same file again adds nothing; the export imports back unchanged
    assert import_layer(s, "unit-rule", csv_path).skipped == 4
    out = tmp_path / "rules_out.csv"
    exported = export_layer(s, "unit-rule", out, district_code=D)
    assert exported.features >= 4 + 37
    again = import_layer(s, "unit-rule", out)
    assert again.inserted == 0


def test_unit_rule_problems_are_listed(db_session: Session, tmp_path: Path) -> None:
    csv_path = tmp_path / "bad_rules.csv"
    csv_path.write_text(
        "unit_code,unit_name,role,category,area_scope,area_code,cell_codes,priority\n"
        "XT-A,甲,属地,all,street,370303999,,\n"
        "XT-B,,专业,event:9006,community,370303002001,,\n"
        "XT-C,丙,领导,all,district,370303,,\n"
        "XT-D,丁,属地,all,cells,,370303002001001;37030300200100,\n"
        "XT-E,戊,属地,all,district,370303,,high\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as exc:
        import_layer(db_session, "unit-rule", csv_path)
    text_ = "\n".join(exc.value.detail["problems"])
    # a CSV's fids are its data lines, from 1
    assert "（fid 2，代码 XT-B）：类别范围 category 'event:9006' 无效" in text_
    assert "（fid 3，代码 XT-C）：角色 role '领导' 无效" in text_
    assert "（fid 4，代码 XT-D）：网格代码 37030300200100 格式错误" in text_
    assert "（fid 5，代码 XT-E）：优先级 priority 'high' 不是整数" in text_
    csv_path.write_text(
        "unit_code,unit_name,role,category,area_scope,area_code\n"
        "XT-A,甲,属地,all,street,370303999\n"
        "XT-B,,专业,all,district,370303\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as exc:
        import_layer(db_session, "unit-rule", csv_path)
    assert exc.value.detail["problems"] == [
        "[bad_rules] 文件问题：新责任单位 XT-B 缺少名称 unit_name：fid 2",
        "[bad_rules] 文件问题：街道 370303999 不存在：fid 1",
    ]


def test_areas_upsert_and_export_round_trip(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    out = tmp_path / "communities.gpkg"
    exported = export_layer(s, "community", out, district_code=D)
    communities = _communities(s)
    assert exported.features == communities
    result = import_layer(s, "community", out)
    assert (result.inserted, result.updated) == (0, communities)
    # a new street in a known district, then a code that does not start with its parent
    street = _write(
        tmp_path / "street.geojson",
        [box(118.0, 36.8, 118.01, 36.81), box(118.0, 36.8, 118.01, 36.81)],
        {
            "code": ["370303999", "370399001"],
            "name": ["测试街道", "外区街道"],
            "district_code": ["370303", "370303"],
        },
        driver="GeoJSON",
        geometry_type="Polygon",
    )
    with pytest.raises(ImportFailed) as exc:
        import_layer(s, "street", street)
    lines = exc.value.detail["problems"]  # both problems in one pass
    assert lines[0].startswith(
        "[street] 取值错误（fid 1，代码 370399001）：街道代码 370399001 不以其上级代码 370303 开头"
    )
    assert (
        lines[1]
        == "[street] 上级不存在（fid 1，代码 370399）：区县 370399 不存在（请先导入）：fid 1"
    )


# --- CLI -----------------------------------------------------------------------------------


def test_cli_import_of_a_broken_file_exits_1_in_chinese(
    worker_db_url: str, db_session: Session, tmp_path: Path
) -> None:
    cells = _community_cells(db_session)[:3]
    x0, y0, x1, y1 = cells[1][2].bounds
    geoms = [cells[0][2], Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)]), cells[2][2]]
    path = _write(
        tmp_path / "cli.geojson",
        geoms,
        {"code": [cells[0][0], cells[1][0], cells[0][0]]},
        driver="GeoJSON",
        geometry_type="Unknown",
    )
    env = {**os.environ, "XIUHUA_DATABASE_URL": worker_db_url, "COLUMNS": "200"}
    exe = Path(sys.executable).with_name("xiuhua")
    proc = subprocess.run(
        [str(exe), "grid", "import", "--layer", "cell", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    # one pass: the row problems and what the topology check finds with them
    assert "导入被拒绝" in proc.stderr and "图层“cli”发现 4 个问题（" in proc.stderr
    assert "未做任何修改" in proc.stderr
    assert (
        "（fid 1，代码" in proc.stderr and "几何图形无效（自相交 Self-intersection" in proc.stderr
    )
    assert f"网格代码 {cells[0][0]} 在文件中重复：fid 0、2" in proc.stderr
    help_ = subprocess.run(
        [str(exe), "grid", "import", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert help_.returncode == 0 and "mgmt_class" in help_.stdout and "holder_name" in help_.stdout
