"""Demo city: deterministic for a seed, a proper tiling, realistic contents (small district)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import mapping, shape
from sqlalchemy import create_engine, text

from app.core.db import unit_of_work
from app.core.errors import Conflict
from app.demo.city import build_demo_city, default_boundary_file, read_boundary


def _small_boundary(tmp_path: Path) -> Path:
    """A ~40 km² piece of 张店区 as a district of its own (code 370399), GCJ-02 like the source."""
    doc = json.loads(default_boundary_file("370303").read_text(encoding="utf-8"))
    g = shape(doc["features"][0]["geometry"])
    c = g.representative_point()
    piece = g.intersection(shapely.box(c.x - 0.035, c.y - 0.03, c.x + 0.035, c.y + 0.03))
    out = tmp_path / "370399.geojson"
    props = {"adcode": "370399", "province": "山东省", "city": "淄博市", "district": "测试区"}
    out.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": props, "geometry": mapping(piece)}],
            }
        ),
        encoding="utf-8",
    )
    return out


def _fingerprint(url: str) -> tuple[object, ...]:
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            return tuple(
                c.execute(
                    text(
                        "SELECT count(*), md5(string_agg(code || mgmt_class || ST_AsText(ST_SnapToGrid(geom, 1e-7)), ',' ORDER BY code))"
                        " FROM grid_cell WHERE district_code = '370399'"
                    )
                ).one()
            ) + tuple(
                c.execute(
                    text(
                        "SELECT md5(string_agg(full_text, ',' ORDER BY code)) FROM grid_address"
                        " WHERE district_code = '370399'"
                    )
                ).one()
            )
    finally:
        eng.dispose()


def test_same_seed_same_city_and_a_clean_tiling(fresh_db_url: str, tmp_path: Path) -> None:
    boundary = read_boundary(_small_boundary(tmp_path))
    engine = create_engine(fresh_db_url)
    try:
        with unit_of_work(engine) as s:
            first = build_demo_city(s, boundary, seed=5)
        a = _fingerprint(fresh_db_url)
        with pytest.raises(Conflict), unit_of_work(engine) as s:
            build_demo_city(s, boundary, seed=5)
        with unit_of_work(engine) as s:
            build_demo_city(s, boundary, seed=5, replace=True)
        assert _fingerprint(fresh_db_url) == a
        with unit_of_work(engine) as s:
            build_demo_city(s, boundary, seed=6, replace=True)
        assert _fingerprint(fresh_db_url) != a

        assert first.cells > 3000 and first.streets >= 3 and first.communities >= 10
        assert first.addresses > 500 and first.components > 200 and first.units > 10
        with engine.connect() as c:
            # cells tile the district: no overlaps, union area = district area
            overlap = c.execute(
                text(
                    "SELECT count(*) FROM grid_cell a JOIN grid_cell b ON a.code < b.code AND a.geom && b.geom"
                    " AND a.community_code = b.community_code"
                    " WHERE a.district_code = '370399' AND b.district_code = '370399'"
                    " AND ST_Relate(a.geom, b.geom, '2********')"
                    " AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 0.01"
                )
            ).scalar_one()
            assert overlap == 0
            cells_km2, district_km2 = c.execute(
                text(
                    "SELECT (SELECT sum(area_m2) FROM grid_cell WHERE district_code = '370399') / 1e6,"
                    " (SELECT ST_Area(ST_Transform(geom, 32650)) FROM grid_district WHERE code = '370399') / 1e6"
                )
            ).one()
            assert cells_km2 == pytest.approx(district_km2, rel=1e-4)
            # numbering: within a community, full squares go north→south, then west→east
            rows = c.execute(
                text(
                    "SELECT code, round(ST_YMax(ST_Transform(geom, 32650))) AS y,"
                    " round(ST_XMin(ST_Transform(geom, 32650))) AS x FROM grid_cell"
                    " WHERE community_code = (SELECT min(community_code) FROM grid_cell"
                    "   WHERE district_code = '370399')"
                    " AND abs(area_m2 - 10000) < 1 ORDER BY code"
                )
            ).all()
            assert len(rows) > 20
            keys = [(-r.y, r.x) for r in rows]
            assert keys == sorted(keys)
            # every unit grid cell code is 15 digits and extends its community code
            bad = c.execute(
                text(
                    "SELECT count(*) FROM grid_cell WHERE district_code = '370399'"
                    " AND (code !~ '^370399[0-9]{9}$' OR left(code, 12) <> community_code)"
                )
            ).scalar_one()
            assert bad == 0
            assert c.execute(
                text("SELECT fallback_unit_id IS NOT NULL FROM grid_district WHERE code = '370399'")
            ).scalar_one()
    finally:
        engine.dispose()
