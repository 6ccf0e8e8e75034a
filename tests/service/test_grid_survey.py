"""Grid data as GIS staff have it: files written with GDAL (not the project's generators), with
Chinese layer and field names, projected CGCS2000 Shapefiles in GBK, problems in one pass,
effective dates and partial re-surveys (issue: grid data as Chinese GIS staff have it)."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, Polygon
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.errors import ConfirmationRequired, ImportFailed, InvalidInput, OutsideServiceArea
from app.grid.coords import to_wgs84
from app.grid.io.importing.options import ImportOptions, Replace, local_text
from app.grid.io.importing.run import import_layer
from app.grid.problems import problems_of
from app.grid.service import locate
from tests.support.gis import (
    DISTRICT,
    STEP,
    Cell,
    cells,
    cells_shapefile,
    district_gpkg,
    geodesic_area,
    write,
)


def _import_areas(s: Session, path: Path) -> None:
    for layer in ("district", "street", "community"):
        r = import_layer(s, layer, path)
        assert r.inserted > 0 and r.source_layer in ("区县", "街道", "社区")


def _current(s: Session) -> dict[str, tuple[str, float]]:
    return {
        r.code: (r.mgmt_class, float(r.area_m2))
        for r in s.execute(
            text(
                "SELECT code, mgmt_class, area_m2 FROM grid_cell"
                " WHERE district_code = :d AND valid_to IS NULL"
            ),
            {"d": DISTRICT},
        )
    }


def _random_points_locate(s: Session, cell_list: list[Cell], n: int = 200) -> None:
    rnd = random.Random(13)
    for _ in range(n):
        c = rnd.choice(cell_list)
        x0, y0, x1, y1 = c.geom.bounds
        # strictly inside (away from shared edges, where the lower code wins by rule)
        p = Point(
            x0 + (x1 - x0) * rnd.uniform(0.05, 0.95), y0 + (y1 - y0) * rnd.uniform(0.05, 0.95)
        )
        loc = locate(s, to_wgs84(p.x, p.y, "cgcs2000"))
        assert loc.grid_code == c.code
        assert loc.community_code == c.code[:12] and loc.district_code == DISTRICT


def test_geopackage_with_chinese_layers_and_fields(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    path = district_gpkg(tmp_path / "测试区网格.gpkg")
    _import_areas(s, path)  # no --source-layer: 区县 / 街道 / 社区 picked by name
    result = import_layer(s, "cell", path)
    assert result.source_layer == "单元网格"
    assert "code←网格编码" in result.notes[0] and "mgmt_class←管理等级" in result.notes[0]
    assert not [p for p in result.problems if p.kind == "area_mismatch"]
    expected = cells()
    stored = _current(s)
    assert len(stored) == len(expected) == 64
    for c in expected:
        mgmt, area = stored[c.code]
        assert mgmt == ("key" if c.mgmt == "重点" else "normal")
        assert area == pytest.approx(geodesic_area(c.geom), rel=1e-3)
    _random_points_locate(s, expected)


# GDAL says it truncated the 12-byte GBK field name to 10 bytes (in GBK, which pyogrio cannot
# decode for its warning): that truncation is what the test is about.
@pytest.mark.filterwarnings("ignore:Could not decode error message")
def test_projected_gbk_shapefile_of_cells(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    _import_areas(s, district_gpkg(tmp_path / "areas.gpkg", []))
    expected = cells()
    shp = cells_shapefile(tmp_path / "单元网格.shp", expected)
    assert shp.with_suffix(".cpg").read_text().strip().upper() in ("GBK", "CP936", "936")
    result = import_layer(s, "cell", shp)
    assert result.inserted == 64 and "code←单元网格编" in result.notes[0]  # DBF: 10 bytes
    stored = _current(s)
    assert set(stored) == {c.code for c in expected}
    for c in expected:
        # Gauss-Krüger → lon/lat puts straight edges back within millimetres
        assert stored[c.code][1] == pytest.approx(geodesic_area(c.geom), rel=1e-3)
    _random_points_locate(s, expected)


def test_missing_field_is_said_once_and_field_map_fixes_it(
    db_session: Session, tmp_path: Path
) -> None:
    s = db_session
    _import_areas(s, district_gpkg(tmp_path / "areas.gpkg", []))
    cs = cells()
    path = write(
        tmp_path / "x.gpkg", "单元网格", [c.geom for c in cs], {"WGH": [c.code for c in cs]}
    )
    with pytest.raises(ImportFailed) as exc:
        import_layer(s, "cell", path)
    lines = exc.value.detail["problems"]
    assert len(lines) == 1 and "缺少必填字段 code" in lines[0]
    assert "网格编码" in lines[0] and "文件现有字段：WGH" in lines[0]
    r = import_layer(s, "cell", path, options=ImportOptions(field_map={"code": "WGH"}))
    assert r.inserted == 64
    with pytest.raises(InvalidInput, match="文件中没有字段 'BM'"):
        import_layer(s, "cell", path, options=ImportOptions(field_map={"code": "BM"}))


def test_ambiguous_layers_are_refused_with_the_file_layers(
    db_session: Session, tmp_path: Path
) -> None:
    cs = cells()[:2]
    path = tmp_path / "two.gpkg"
    write(path, "单元网格2025", [c.geom for c in cs], {"网格编码": [c.code for c in cs]})
    write(
        path, "单元网格2026", [c.geom for c in cs], {"网格编码": [c.code for c in cs]}, append=True
    )
    with pytest.raises(InvalidInput) as exc:
        import_layer(db_session, "cell", path)
    assert "“单元网格2025”" in exc.value.message and "“单元网格2026”" in exc.value.message
    assert "--source-layer" in exc.value.message
    with pytest.raises(InvalidInput, match="没有名称可识别为图层 community"):
        import_layer(db_session, "community", path)


def test_four_kinds_of_problem_in_one_pass_store_nothing(
    db_session: Session, tmp_path: Path
) -> None:
    s = db_session
    _import_areas(s, district_gpkg(tmp_path / "areas.gpkg", []))
    cs = cells()[:16]  # community 330106001001
    by = {c.code: c for c in cs}
    overlap_a, overlap_b = cs[0].code, cs[1].code  # west → east neighbours
    gap, bowtie, bad = cs[5].code, cs[10].code, cs[15].code
    grown = shapely.union(
        by[overlap_a].geom, shapely.box(*by[overlap_b].geom.bounds).buffer(-STEP / 4)
    )
    x0, y0, x1, y1 = by[bowtie].geom.bounds
    edited = []
    for c in cs:
        if c.code == gap:
            continue
        if c.code == overlap_a:
            c = replace(c, geom=grown)
        elif c.code == bowtie:
            c = replace(c, geom=Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)]))
        elif c.code == bad:
            c = replace(c, code=bad + "9")  # 16 digits
        edited.append(c)
    path = district_gpkg(tmp_path / "problems.gpkg", edited)
    report = tmp_path / "report.geojson"
    before = s.execute(text("SELECT count(*) FROM grid_cell")).scalar_one()
    with pytest.raises(ImportFailed) as exc:
        import_layer(s, "cell", path, options=ImportOptions(report_path=report))
    assert s.execute(text("SELECT count(*) FROM grid_cell")).scalar_one() == before
    items = problems_of(exc.value)
    kinds = {p.kind for p in items}
    assert {"overlap", "gap", "invalid_geometry", "bad_code"} <= kinds
    overlap = next(p for p in items if p.kind == "overlap")
    assert overlap.codes == (overlap_a, overlap_b) and overlap.lon is not None
    assert by[overlap_b].geom.covers(Point(overlap.lon, overlap.lat))
    invalid = next(p for p in items if p.kind == "invalid_geometry")
    assert invalid.codes == (bowtie,) and invalid.fids  # GeoPackage fids from 1
    assert shapely.box(x0, y0, x1, y1).buffer(1e-9).covers(Point(invalid.lon, invalid.lat))
    bad_code = next(p for p in items if p.kind == "bad_code")
    assert bad_code.codes == (bad + "9",) and bad_code.lon is not None
    gaps = [p for p in items if p.kind == "gap"]
    assert any(by[gap].geom.covers(Point(p.lon, p.lat)) for p in gaps)
    text_ = "\n".join(exc.value.detail["problems"])
    assert "[单元网格]" in text_ and overlap_a in text_ and bowtie in text_ and bad in text_
    features = json.loads(report.read_text(encoding="utf-8"))["features"]
    assert {"overlap", "gap", "invalid_geometry", "bad_code"} <= {
        f["properties"]["kind"] for f in features
    }
    assert all(f["geometry"] is not None for f in features)


def _resurvey(cs: list[Cell], community: str) -> list[Cell]:
    """The community's cells again, every class flipped (so a change is visible)."""
    return [
        replace(c, mgmt="一般" if c.mgmt == "重点" else "重点")
        for c in cs
        if c.code[:12] == community
    ]


def test_future_generation_takes_effect_at_its_date(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    cs = cells()
    path = district_gpkg(tmp_path / "v1.gpkg")
    _import_areas(s, path)
    t0 = now() - timedelta(days=1)
    import_layer(s, "cell", path, options=ImportOptions(valid_from=t0))
    community = cs[0].code[:12]
    later = t0 + timedelta(days=31)  # a month ahead of "now"
    new = district_gpkg(tmp_path / "v2.gpkg", _resurvey(cs, community))
    r = import_layer(s, "cell", new, options=ImportOptions(valid_from=later))
    assert r.closed == 16 and r.inserted == 16
    assert local_text(later) in r.summary() and "+08:00" in r.summary()
    first = cs[0]
    p = to_wgs84(*first.geom.centroid.coords[0], "cgcs2000")
    old_class = "key" if first.mgmt == "重点" else "normal"
    new_class = "normal" if old_class == "key" else "key"
    assert locate(s, p).mgmt_class == old_class  # now: the old generation is still in force
    assert locate(s, p, at=later - timedelta(seconds=1)).mgmt_class == old_class
    assert locate(s, p, at=later).mgmt_class == new_class  # on its own, at its date
    assert locate(s, p, at=later + timedelta(days=100)).mgmt_class == new_class
    with pytest.raises(OutsideServiceArea):
        locate(s, p, at=t0 - timedelta(seconds=1))
    # a generation must start after the latest one of its communities
    with pytest.raises(ImportFailed, match="生效时间冲突"):
        import_layer(s, "cell", new, options=ImportOptions(valid_from=later - timedelta(days=1)))


def test_partial_resurvey_changes_only_its_community(db_session: Session, tmp_path: Path) -> None:
    s = db_session
    cs = cells()
    path = district_gpkg(tmp_path / "v1.gpkg")
    _import_areas(s, path)
    import_layer(s, "cell", path, options=ImportOptions(valid_from=now() - timedelta(days=1)))
    ids_before = dict(
        s.execute(
            text("SELECT code, id FROM grid_cell WHERE district_code = :d AND valid_to IS NULL"),
            {"d": DISTRICT},
        ).all()
    )
    community = cs[20].code[:12]
    part = district_gpkg(tmp_path / "part.gpkg", _resurvey(cs, community))
    r = import_layer(s, "cell", part)
    assert r.closed == 16 and r.inserted == 16
    assert any(f"社区 {community}" in n for n in r.notes)
    after = dict(
        s.execute(
            text("SELECT code, id FROM grid_cell WHERE district_code = :d AND valid_to IS NULL"),
            {"d": DISTRICT},
        ).all()
    )
    assert set(after) == set(ids_before)
    changed = {c for c in after if after[c] != ids_before[c]}
    assert changed == {c.code for c in cs if c.code[:12] == community}

    # The whole district needs its option, and --yes when communities would lose their cells.
    with pytest.raises(ConfirmationRequired) as exc:
        import_layer(s, "cell", part, options=ImportOptions(replace=Replace.district))
    assert len(exc.value.detail["communities"]) == 3 and exc.value.detail["closes"] == 48
    assert "--yes" in exc.value.message
    assert len(_current(s)) == 64  # nothing changed
    r = import_layer(s, "cell", part, options=ImportOptions(replace=Replace.district, confirm=True))
    assert r.closed == 64 and r.inserted == 16 and len(_current(s)) == 16
    assert any("没有任何网格" in w for w in r.warnings)
