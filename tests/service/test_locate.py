"""Locating points in the demo city (张店区 370303, seed 1) on real PostGIS."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.errors import OutsideServiceArea
from app.grid.coords import from_wgs84, to_wgs84
from app.grid.service import locate


def test_10000_random_points_all_locate_inside_their_community(db_session: Session) -> None:
    pts = db_session.execute(
        text(
            "SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT (ST_Dump(ST_GeneratePoints("
            "ST_Buffer(geom::geography, -2)::geometry, 10000, 42))).geom AS g"
            " FROM grid_district WHERE code = '370303') p"
        )
    ).all()
    assert len(pts) == 10000
    codes = []
    for x, y in pts:
        loc = locate(db_session, to_wgs84(x, y))
        assert loc.grid_code.startswith("370303")
        assert loc.grid_code.startswith(loc.community_code)
        assert loc.community_code.startswith(loc.street_code)
        codes.append((x, y, loc.grid_code, loc.community_code))
    # every returned cell lies inside its community (checked in SQL for all 10,000 at once)
    bad = db_session.execute(
        text(
            "SELECT count(*) FROM unnest(CAST(:codes AS text[]), CAST(:comms AS text[])) AS u(code, comm)"
            " JOIN grid_cell c ON c.code = u.code AND c.valid_to IS NULL"
            " JOIN grid_community m ON m.code = u.comm"
            " WHERE c.community_code <> u.comm"
            "    OR ST_Area(ST_Difference(c.geom, m.geom)::geography) > 1"
        ),
        {"codes": [c[2] for c in codes], "comms": [c[3] for c in codes]},
    ).scalar_one()
    assert bad == 0
    # and the point really is covered by the cell
    uncovered = db_session.execute(
        text(
            "SELECT count(*) FROM unnest(CAST(:xs AS float8[]), CAST(:ys AS float8[]),"
            " CAST(:codes AS text[])) AS u(x, y, code)"
            " JOIN grid_cell c ON c.code = u.code AND c.valid_to IS NULL"
            " WHERE NOT ST_Covers(c.geom, ST_SetSRID(ST_MakePoint(u.x, u.y), 4326))"
        ),
        {"xs": [c[0] for c in codes], "ys": [c[1] for c in codes], "codes": [c[2] for c in codes]},
    ).scalar_one()
    assert uncovered == 0


def test_points_on_shared_edges_resolve_deterministically_to_lowest_code(
    db_session: Session,
) -> None:
    # vertices shared by two or more current cells: covered by several, the lowest code wins
    rows = db_session.execute(
        text(
            "WITH v AS (SELECT (ST_DumpPoints(geom)).geom AS g FROM grid_cell"
            "  WHERE valid_to IS NULL AND community_code = '370303006003' LIMIT 400)"
            " SELECT ST_X(v.g) AS x, ST_Y(v.g) AS y, array_agg(c.code ORDER BY c.code) AS codes"
            " FROM v JOIN grid_cell c ON c.valid_to IS NULL AND ST_Covers(c.geom, v.g)"
            " GROUP BY v.g HAVING count(*) > 1 LIMIT 50"
        )
    ).all()
    assert rows, "expected shared vertices"
    for x, y, codes in rows:
        first = locate(db_session, to_wgs84(x, y)).grid_code
        assert first == codes[0]
        assert all(locate(db_session, to_wgs84(x, y)).grid_code == first for _ in range(3))


def test_outside_point_reports_nearest_cell_and_distance(db_session: Session) -> None:
    with pytest.raises(OutsideServiceArea) as info:
        locate(db_session, to_wgs84(117.0, 36.0))
    assert info.value.code == "outside_service_area"
    assert info.value.detail["nearest_grid_code"].startswith("370303")
    assert info.value.detail["distance_m"] > 50_000


def test_gcj02_and_bd09_points_land_in_the_same_cell_as_wgs84(db_session: Session) -> None:
    x, y = db_session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND mgmt_class = 'key' AND area_m2 > 9999 ORDER BY code"
            " LIMIT 1 OFFSET 100) q"
        )
    ).one()
    wgs = locate(db_session, to_wgs84(x, y, "wgs84"))
    gx, gy = from_wgs84(x, y, "gcj02")
    bx, by = from_wgs84(x, y, "bd09")
    assert (gx, gy) != (x, y)
    gcj = locate(db_session, to_wgs84(gx, gy, "gcj02"))
    bd = locate(db_session, to_wgs84(bx, by, "bd09"))
    assert wgs.grid_code == gcj.grid_code == bd.grid_code
    # a GCJ-02 point taken as WGS-84 lands hundreds of metres away: the crs matters
    assert locate(db_session, to_wgs84(gx, gy, "wgs84")).grid_code != wgs.grid_code
    assert gcj.point.raw.lon == gx and gcj.point.raw.crs == "gcj02"


def test_locate_uses_the_generation_in_force_at_the_instant(db_session: Session) -> None:
    from datetime import UTC, datetime, timedelta

    s = db_session
    code, cls, x, y, vf = s.execute(
        text(
            "SELECT code, mgmt_class, ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)),"
            " valid_from FROM grid_cell WHERE valid_to IS NULL AND area_m2 > 9999"
            " ORDER BY code LIMIT 1 OFFSET 42"
        )
    ).one()
    resurvey = datetime.now(UTC) + timedelta(days=1)
    new_cls = "key" if cls == "normal" else "normal"
    s.execute(
        text("UPDATE grid_cell SET valid_to = :t WHERE code = :c AND valid_to IS NULL"),
        {"t": resurvey, "c": code},
    )
    s.execute(
        text(
            "INSERT INTO grid_cell (code, community_code, street_code, district_code, mgmt_class,"
            " area_m2, geom, valid_from) SELECT code, community_code, street_code, district_code,"
            " :m, area_m2, geom, :t FROM grid_cell WHERE code = :c"
        ),
        {"m": new_cls, "t": resurvey, "c": code},
    )
    p = to_wgs84(x, y)
    # The re-survey takes effect tomorrow: until then the old generation stays in force.
    assert locate(s, p).mgmt_class == cls
    assert locate(s, p, at=resurvey - timedelta(seconds=1)).mgmt_class == cls
    assert locate(s, p, at=resurvey).mgmt_class == new_cls  # from its valid_from on
    assert locate(s, p, at=resurvey + timedelta(days=30)).mgmt_class == new_cls
    then = locate(s, p, at=vf + timedelta(seconds=1))
    assert then.grid_code == code and then.mgmt_class == cls  # the generation valid back then
    with pytest.raises(OutsideServiceArea):
        locate(s, p, at=vf - timedelta(days=365))  # before the grid existed
