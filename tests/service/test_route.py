"""Routing (派遣建议): component snapping, rule specificity, polygon rules and fallbacks."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.catalogue import category_scope, resolve_category
from app.core.errors import NoResponsibleUnit
from app.grid.coords import TruePoint, to_wgs84
from app.grid.service import Route, locate, route


def _route(s: Session, category: str, p: TruePoint) -> Route:
    return route(s, category_scope(resolve_category(s, category)), p)


@pytest.fixture
def normal_point(db_session: Session) -> TruePoint:
    """The centre of a full normal-class cell, away from the station-square polygon."""
    x, y = db_session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(c.geom) AS p FROM grid_cell c"
            " WHERE c.valid_to IS NULL AND c.mgmt_class = 'normal' AND c.area_m2 > 9999"
            " AND NOT EXISTS (SELECT 1 FROM grid_rule r WHERE r.area_scope = 'polygon'"
            "   AND ST_DWithin(r.geom, c.geom, 0.01))"
            " ORDER BY c.code LIMIT 1 OFFSET 777) q"
        )
    ).one()
    return to_wgs84(x, y)


def test_street_vending_goes_to_the_enforcement_bureau(
    db_session: Session, normal_point: TruePoint
) -> None:
    r = _route(db_session, "event:09006", normal_point)
    assert r.unit.name.endswith("综合行政执法局")
    assert r.decided_by == "rule" and r.rule is not None
    assert r.rule.role == "specialist" and r.rule.category_scope == "event:major:09"


def test_exposed_garbage_goes_to_the_street_office_of_the_point(
    db_session: Session, normal_point: TruePoint
) -> None:
    r = _route(db_session, "event:06010", normal_point)
    assert r.unit.kind == "street_office"
    assert r.rule is not None and r.rule.area_scope == "street"
    assert r.rule.area_code == r.location.street_code
    assert "属地" in r.reason


def test_polygon_rule_wins_over_the_street_inside_the_station_square(db_session: Session) -> None:
    x, y = db_session.execute(
        text(
            "SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) FROM grid_rule"
            " WHERE area_scope = 'polygon' LIMIT 1"
        )
    ).one()
    r = _route(db_session, "event:06010", to_wgs84(x, y))
    assert r.unit.name.endswith("站前广场管理办公室")
    assert r.rule is not None and r.rule.area_scope == "polygon"
    # a more specific category still beats the polygon's "all categories"
    assert _route(db_session, "event:09006", to_wgs84(x, y)).unit.name.endswith("综合行政执法局")


def test_manhole_cover_report_snaps_to_the_nearest_component_within_tolerance(
    db_session: Session,
) -> None:
    cid, x, y, maint = db_session.execute(
        text(
            "SELECT k.id, ST_X(k.geom), ST_Y(k.geom), u.name FROM grid_component k"
            " JOIN grid_unit u ON u.id = k.maintainer_unit_id"
            " WHERE k.category_code = '01001' ORDER BY k.id LIMIT 1 OFFSET 20"
        )
    ).one()
    # 8 m north of the cover (1e-5 degree of latitude ≈ 1.11 m)
    r = _route(db_session, "component:01001", to_wgs84(x, y + 8 * 1e-5 / 1.11))
    assert r.decided_by == "component"
    assert r.component is not None and r.component.id == cid
    assert 7.5 < r.component.distance_m < 8.5
    assert r.unit.name == maint and "水务" in maint
    # the mirror event category (供水井盖异常) snaps the same way
    assert _route(db_session, "event:01001", to_wgs84(x, y)).component.id == cid  # type: ignore[union-attr]


def test_beyond_the_tolerance_the_rule_decides(db_session: Session) -> None:
    x, y = db_session.execute(
        text(
            "SELECT ST_X(k.geom), ST_Y(k.geom) FROM grid_component k"
            " WHERE k.category_code = '01001' ORDER BY k.id LIMIT 1 OFFSET 20"
        )
    ).one()
    far = to_wgs84(x, y + 25 * 1e-5 / 1.11)  # 25 m away, tolerance is 15 m
    nearest = db_session.execute(
        text(
            "SELECT min(ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography))"
            " FROM grid_component WHERE category_code = '01001'"
        ),
        {"x": far.lon, "y": far.lat},
    ).scalar_one()
    assert nearest > 15
    r = _route(db_session, "component:01001", far)
    assert r.decided_by == "rule" and r.component is None
    assert r.rule is not None and r.rule.category_scope == "01001"


def _unit_id(s: Session, suffix: str) -> int:
    return int(
        s.execute(
            text("SELECT id FROM grid_unit WHERE code = :c"), {"c": f"370303-{suffix}"}
        ).scalar_one()
    )


def test_more_specific_area_and_category_win_then_priority_then_id(
    db_session: Session, normal_point: TruePoint
) -> None:
    s = db_session
    loc = locate(s, normal_point)
    yl, sw, rq = _unit_id(s, "YL"), _unit_id(s, "SW"), _unit_id(s, "RQ")
    ins = text(
        "INSERT INTO grid_rule (unit_id, district_code, role, category_kind, major_code, category_code,"
        " area_scope, area_code, cell_codes, priority) VALUES (:u, '370303', 'specialist', :k, :m, :c,"
        " :scope, :code, :cells, :prio) RETURNING id"
    )
    base = {"k": None, "m": None, "c": None, "cells": None, "code": None, "prio": 0}
    s.execute(
        ins,
        {
            **base,
            "u": yl,
            "m": "09",
            "k": "event",
            "scope": "community",
            "code": loc.community_code,
        },
    )
    assert _route(s, "event:09006", normal_point).unit.id == yl  # community beats district
    s.execute(ins, {**base, "u": sw, "c": "09006", "scope": "district", "code": "370303"})
    assert _route(s, "event:09006", normal_point).unit.id == sw  # category code beats major class
    s.execute(ins, {**base, "u": rq, "c": "09006", "scope": "cells", "cells": [loc.grid_code]})
    assert _route(s, "event:09006", normal_point).unit.id == rq  # cell set beats district
    # two equally specific rules: higher priority wins, then the lower id
    first = s.execute(
        ins, {**base, "u": yl, "c": "09006", "scope": "cells", "cells": [loc.grid_code]}
    ).scalar_one()
    assert _route(s, "event:09006", normal_point).rule.id == min(  # type: ignore[union-attr]
        first,
        _route(s, "event:09006", normal_point).rule.id,  # type: ignore[union-attr]
    )
    s.execute(
        ins, {**base, "u": sw, "c": "09006", "scope": "cells", "cells": [loc.grid_code], "prio": 5}
    )
    assert _route(s, "event:09006", normal_point).unit.id == sw
    # an inactive unit's rules are ignored
    s.execute(text("UPDATE grid_unit SET active = false WHERE id = :u"), {"u": sw})
    assert _route(s, "event:09006", normal_point).unit.id != sw


def test_fallback_rule_then_district_fallback_then_a_clear_error(
    db_session: Session, normal_point: TruePoint
) -> None:
    s = db_session
    s.execute(text("DELETE FROM grid_rule WHERE role <> 'fallback'"))
    r = _route(s, "event:06010", normal_point)
    assert r.decided_by == "rule" and r.rule is not None and r.rule.role == "fallback"
    assert r.unit.kind == "government"
    s.execute(text("DELETE FROM grid_rule"))
    r = _route(s, "event:06010", normal_point)
    assert r.decided_by == "district_fallback" and r.unit.kind == "government" and r.rule is None
    s.execute(text("UPDATE grid_district SET fallback_unit_id = NULL"))
    with pytest.raises(NoResponsibleUnit) as info:
        _route(s, "event:06010", normal_point)
    assert info.value.code == "no_responsible_unit"


def test_every_category_routes_somewhere(db_session: Session, normal_point: TruePoint) -> None:
    codes = (
        db_session.execute(text("SELECT kind || ':' || code FROM dispatch_category"))
        .scalars()
        .all()
    )
    assert len(codes) > 300
    for c in codes:
        assert _route(db_session, c, normal_point).unit.id > 0


def test_route_many_answers_exactly_as_route_for_each_point(db_session: Session) -> None:
    """The set-based router (batch intake) gives every pair the very Route of `route`: random
    points over the district, component and event categories, the station-square polygon, a
    point outside the service area (its OutsideServiceArea in its place)."""
    from datetime import UTC, datetime

    from app.core.errors import OutsideServiceArea
    from app.grid.service import route_many

    pts = db_session.execute(
        text(
            "SELECT ST_X(g), ST_Y(g) FROM (SELECT (ST_Dump(ST_GeneratePoints(geom, 60, 7))).geom"
            " AS g FROM grid_district ORDER BY code LIMIT 1) q"
        )
    ).all()
    square = db_session.execute(
        text(
            "SELECT ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) FROM grid_rule"
            " WHERE area_scope = 'polygon' LIMIT 1"
        )
    ).one()
    points = [to_wgs84(x, y) for x, y in [*pts, square]] + [to_wgs84(100.0, 20.0)]
    cats = ["event:09006", "event:06010", "component:01003", "event:06001", "component:01001"]
    scopes = [category_scope(resolve_category(db_session, c)) for c in cats]
    asks = [(scopes[i % len(scopes)], p) for i, p in enumerate(points)]
    for x, y, code in db_session.execute(  # on components: decided by snapping
        text(
            "SELECT ST_X(geom), ST_Y(geom), category_code FROM grid_component"
            " WHERE category_code IN ('01003', '01001') AND state <> 'removed' ORDER BY id LIMIT 8"
        )
    ):
        asks.append(
            (category_scope(resolve_category(db_session, f"component:{code}")), to_wgs84(x, y))
        )
    at = datetime.now(UTC)
    many = route_many(db_session, asks, at)
    assert len(many) == len(asks)
    deciders = set()
    for (scope, p), got in zip(asks, many, strict=True):
        try:
            want: Route | OutsideServiceArea = route(db_session, scope, p, at)
        except OutsideServiceArea as exc:
            assert isinstance(got, OutsideServiceArea) and got.detail == exc.detail
            continue
        assert got == want
        deciders.add(want.decided_by)
    assert isinstance(many[len(points) - 1], OutsideServiceArea)
    assert {"rule", "component"} <= deciders  # both kinds of decision were compared


def test_a_reports_route_and_duplicates_in_one_statement_answer_as_the_two_alone(
    db_session: Session, normal_point: TruePoint
) -> None:
    """A single report reads its route and its possible duplicates in one round trip
    (`route_and_duplicates`): the same Route as `route` and the same list, in the same order,
    as `find_duplicates` — with duplicates, without, for a component, outside the area."""
    from datetime import UTC, datetime

    from app.cases import reference
    from app.cases import workflow as wf
    from app.cases.service import (
        ReportInput,
        find_duplicates,
        report_case,
        route_and_duplicates,
    )
    from app.core.errors import OutsideServiceArea
    from tests.support.api import offset

    def moved(metres: float, azimuth: float) -> TruePoint:
        return to_wgs84(*offset(db_session, (normal_point.lon, normal_point.lat), metres, azimuth))

    now = datetime.now(UTC)
    inspector = wf.Actor(wf.Role.inspector, user_id=None)
    for p in [
        moved(m, 90) for m in (0, 5, 12, 25, 60)
    ]:  # open cases of one category around the point, nearest first
        report_case(
            db_session,
            ReportInput(
                source=wf.Source.inspector,
                category="event:06010",
                lon=p.lon,
                lat=p.lat,
                description="暴露垃圾",
            ),
            inspector,
            now,
        )
    ref = reference.for_version(db_session, None)
    seen = 0
    for code, p in [
        ("event:06010", normal_point),
        ("event:06010", moved(8, 180)),
        ("event:09006", normal_point),  # another category: none
        ("component:01003", normal_point),
    ]:
        category = ref.category(code)
        got = route_and_duplicates(db_session, category, p, now)
        want = (
            route(db_session, category.scope(), p, now),
            find_duplicates(db_session, category, p.lon, p.lat, now),
        )
        assert got == want
        seen += len(got[1])
    assert seen >= 8
    outside = to_wgs84(100.0, 20.0)
    with pytest.raises(OutsideServiceArea) as alone:
        route(db_session, ref.category("event:06010").scope(), outside, now)
    with pytest.raises(OutsideServiceArea) as both:
        route_and_duplicates(db_session, ref.category("event:06010"), outside, now)
    assert both.value.detail == alone.value.detail
