"""Locate a point to its cell/community/street/district and route a category to its unit.

Every spatial decision happens in PostGIS: `ST_Covers` so points on borders match, GiST
indexes everywhere, ties broken by code. One statement per question, so a locate is one
round trip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.config import get_settings
from app.core.db import POINT_SQL, bind_as, driver_sql, fetch_all, fetch_one, per_row
from app.core.errors import NoResponsibleUnit, OutsideServiceArea, UnknownDistrict
from app.grid.coords import TruePoint

METRES_PER_DEGREE = 111_320.0


def degrees_for(metres: float, lat: float) -> float:
    """Return a degree radius that surely covers `metres` around latitude `lat` (bbox pre-filter)."""
    return metres / (METRES_PER_DEGREE * max(math.cos(math.radians(min(abs(lat), 89.0))), 0.01))


@dataclass(frozen=True, slots=True)
class FrontageHolder:
    """门前三包 holder of the zone that covers the point."""

    id: int
    holder_name: str
    holder_contact: str | None
    holder_phone: str | None
    address: str | None


@dataclass(frozen=True, slots=True)
class NearestAddress:
    """The nearest standard address and its distance in metres."""

    id: int
    full_text: str
    distance_m: float


@dataclass(frozen=True, slots=True)
class Location:
    """Where a point lies: the unit grid cell and its community, street and district."""

    point: TruePoint
    grid_code: str
    mgmt_class: str
    cell_area_m2: float
    community_code: str
    community_name: str
    street_code: str
    street_name: str
    district_code: str
    district_name: str
    frontage: list[FrontageHolder] = field(default_factory=list)
    nearest_address: NearestAddress | None = None


# The nearest address is ranked by local planar distance (longitude scaled by cos(lat): an
# exact ranking at this scale, no geodesic maths per candidate); only the winner gets a geodesic
# distance. (No SQL comments inside: the bench feeds this statement to pgbench on one line.)
_LOCATE_SQL = text(
    f"""
WITH p AS (SELECT {POINT_SQL} AS g)
SELECT c.code, c.mgmt_class, c.area_m2, c.community_code, cm.name AS community_name,
       c.street_code, s.name AS street_name, c.district_code, d.name AS district_name,
       fz.holders, ad.id AS address_id, ad.full_text AS address_text, ad.dist AS address_dist
FROM p
JOIN LATERAL (
    SELECT c.* FROM grid_cell c
    WHERE c.valid_from <= CAST(:at AS timestamptz)
      AND (c.valid_to IS NULL OR c.valid_to > CAST(:at AS timestamptz))
      AND ST_Covers(c.geom, p.g)
    ORDER BY c.code LIMIT 1
) c ON true
JOIN grid_community cm ON cm.code = c.community_code
JOIN grid_street s ON s.code = c.street_code
JOIN grid_district d ON d.code = c.district_code
LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object(
        'id', f.id, 'holder_name', f.holder_name, 'holder_contact', f.holder_contact,
        'holder_phone', f.holder_phone, 'address', f.address) ORDER BY f.id) AS holders
    FROM grid_frontage f WHERE ST_Covers(f.geom, p.g)
) fz ON true
LEFT JOIN LATERAL (
    SELECT n.id, n.full_text, ST_Distance(n.geom::geography, p.g::geography) AS dist
    FROM (
        SELECT a.id, a.full_text, a.geom FROM grid_address a
        WHERE a.geom && ST_Expand(p.g, CAST(:addr_deg AS float8))
        ORDER BY power((ST_X(a.geom) - ST_X(p.g)) * CAST(:coslat AS float8), 2)
                 + power(ST_Y(a.geom) - ST_Y(p.g), 2), a.id
        LIMIT 1
    ) n
) ad ON ad.dist <= CAST(:addr_m AS float8)
"""
)

_NEAREST_CELL_SQL = text(
    f"""
WITH p AS (SELECT {POINT_SQL} AS g),
knn AS (
    SELECT c.code, c.geom FROM grid_cell c, p
    WHERE c.valid_from <= CAST(:at AS timestamptz)
      AND (c.valid_to IS NULL OR c.valid_to > CAST(:at AS timestamptz))
    ORDER BY c.geom <-> p.g LIMIT 8
)
SELECT knn.code, ST_Distance(knn.geom::geography, p.g::geography) AS dist
FROM knn, p ORDER BY dist, knn.code LIMIT 1
"""
)


def locate_params(lon: float, lat: float, at: datetime | None = None) -> dict[str, Any]:
    """Return the bind parameters of the locate statement for a point (also used by the bench)."""
    radius = get_settings().reverse_geocode_radius_m
    return {
        "lon": lon,
        "lat": lat,
        "at": at or now(),
        "addr_m": radius,
        "addr_deg": degrees_for(radius, lat),
        "coslat": math.cos(math.radians(lat)),
    }


def locate(session: Session, point: TruePoint, at: datetime | None = None) -> Location:
    """Return the cell of `point` in force at `at` (default now); raise OutsideServiceArea.

    One rule for every instant: a generation is in force from its valid_from (inclusive) to its
    valid_to (exclusive), so a re-surveyed grid imported ahead of its date takes effect at that
    date by itself, and a case is located in the generation in force at its report time.
    """
    when = at or now()
    row = fetch_one(session, _LOCATE_DRV, locate_params(point.lon, point.lat, when))
    if row is None:
        raise _outside(session, point, when)
    return _location(point, row)


def _location(point: TruePoint, row: Any) -> Location:
    holders = [FrontageHolder(**h) for h in (row.holders or [])]
    nearest = (
        NearestAddress(row.address_id, row.address_text, round(float(row.address_dist), 1))
        if row.address_id is not None
        else None
    )
    return Location(
        point=point,
        grid_code=row.code,
        mgmt_class=row.mgmt_class,
        cell_area_m2=round(float(row.area_m2), 1),
        community_code=row.community_code,
        community_name=row.community_name,
        street_code=row.street_code,
        street_name=row.street_name,
        district_code=row.district_code,
        district_name=row.district_name,
        frontage=holders,
        nearest_address=nearest,
    )


def _outside(session: Session, point: TruePoint, at: datetime) -> OutsideServiceArea:
    near = session.execute(
        _NEAREST_CELL_SQL, {"lon": point.lon, "lat": point.lat, "at": at}
    ).one_or_none()
    if near is None:
        return OutsideServiceArea(
            "尚未导入任何单元网格，无法定位", nearest_grid_code=None, distance_m=None
        )
    dist = round(float(near.dist), 1)
    return OutsideServiceArea(
        f"点位不在服务区域内：距最近的单元网格 {near.code} 约 {dist:.0f} 米",
        nearest_grid_code=near.code,
        distance_m=dist,
        lon=point.lon,
        lat=point.lat,
    )


# --- routing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CategoryScope:
    """What routing needs to know of a category (the catalogue itself lives in dispatch)."""

    kind: str
    code: str
    major_code: str
    name: str
    component_code: str | None = None


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A responsible unit as routing reports it."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    contact_phone: str | None


@dataclass(frozen=True, slots=True)
class RuleRef:
    """The responsibility rule that decided a route."""

    id: int
    role: str
    category_scope: str
    area_scope: str
    area_code: str | None
    priority: int


@dataclass(frozen=True, slots=True)
class ComponentMatch:
    """The census component a report was snapped to."""

    id: str
    category_code: str
    name: str | None
    state: str
    distance_m: float
    owner_name: str | None
    maintainer_name: str | None


@dataclass(frozen=True, slots=True)
class Route:
    """The unit a category at a point goes to, and why."""

    location: Location
    unit: UnitRef
    decided_by: str  # component | rule | district_fallback
    reason: str
    rule: RuleRef | None = None
    component: ComponentMatch | None = None


_UNIT_COLS = (
    "u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, "
    "u.parent_id AS unit_parent_id, u.contact_phone AS unit_phone"
)

_SNAP_SQL = text(
    f"""
WITH p AS (SELECT {POINT_SQL} AS g),
knn AS (
    SELECT k.* FROM grid_component k, p
    WHERE k.category_code = :cc AND k.state <> 'removed'
      AND (CAST(:cid AS varchar) IS NULL OR k.id = CAST(:cid AS varchar))
      AND k.geom && ST_Expand(p.g, CAST(:deg AS float8))
    ORDER BY k.geom <-> p.g LIMIT 8
)
SELECT knn.id, knn.category_code, knn.name, knn.state, knn.owner_name, knn.maintainer_name,
       ST_Distance(knn.geom::geography, p.g::geography) AS dist, """
    + _UNIT_COLS
    + """
FROM knn CROSS JOIN p
LEFT JOIN grid_unit u ON u.id = COALESCE(knn.maintainer_unit_id, knn.owner_unit_id) AND u.active
ORDER BY dist, knn.id LIMIT 1
"""
)

# Most specific first: category code > major class (+kind) > major class > kind > all;
# then cell set/polygon > community > street > district; then priority; then rule id.
_RULE_SQL = text(
    """
SELECT r.id, r.role, r.category_kind, r.major_code, r.category_code, r.area_scope, r.area_code,
       r.priority, """
    + _UNIT_COLS
    + f"""
FROM grid_rule r JOIN grid_unit u ON u.id = r.unit_id AND u.active
WHERE r.district_code = :d AND r.active
  AND (r.category_kind IS NULL OR r.category_kind = :kind)
  AND (r.category_code IS NULL OR r.category_code = :code)
  AND (r.major_code IS NULL OR r.major_code = :major)
  AND (   (r.area_scope = 'district'  AND r.area_code = :d)
       OR (r.area_scope = 'street'    AND r.area_code = :s)
       OR (r.area_scope = 'community' AND r.area_code = :cm)
       OR (r.area_scope = 'cells'     AND r.cell_codes @> ARRAY[CAST(:cell AS varchar)])
       OR (r.area_scope = 'polygon'   AND ST_Covers(r.geom,
              {POINT_SQL})))
ORDER BY (r.role = 'fallback'),
         CASE WHEN r.category_code IS NOT NULL THEN 4
              WHEN r.major_code IS NOT NULL AND r.category_kind IS NOT NULL THEN 3
              WHEN r.major_code IS NOT NULL THEN 2
              WHEN r.category_kind IS NOT NULL THEN 1 ELSE 0 END DESC,
         CASE r.area_scope WHEN 'cells' THEN 4 WHEN 'polygon' THEN 4 WHEN 'community' THEN 3
              WHEN 'street' THEN 2 ELSE 1 END DESC,
         r.priority DESC, r.id
LIMIT 1
"""
)

# Hot paths run on the session's own connection with driver-level SQL: SQLAlchemy's `text()`
# result machinery costs more than the query itself here (docs/PERFORMANCE.md).
_LOCATE_DRV = driver_sql(_LOCATE_SQL.text)
_SNAP_DRV = driver_sql(_SNAP_SQL.text)
# `route` in one round trip: the locate statement, then the snap and rule statements themselves
# as LATERAL subqueries, the rule's area binds read from the located cell (`bind_as`). The snap
# runs only for a census category (`:cc`); the rule row is read even when a snap decides (one
# index probe), and `route` picks as the three statements one by one would.
_RULE_AT_LOC = bind_as(
    _RULE_SQL.text,
    {
        "d": "loc.district_code",
        "s": "loc.street_code",
        "cm": "loc.community_code",
        "cell": "loc.code",
    },
)


def _route_sql(beside: str | None) -> str:
    extra = (
        ""
        if beside is None
        else f"LEFT JOIN LATERAL (SELECT json_agg(x) AS rows FROM ({beside}) x) bx ON true"
    )
    return driver_sql(
        f"""
WITH loc AS ({_LOCATE_SQL.text})
SELECT loc.*, to_jsonb(sn) AS snap, to_jsonb(ru) AS rule{", bx.rows AS beside" if beside else ""}
FROM loc
LEFT JOIN LATERAL ({_SNAP_SQL.text}) sn ON CAST(:cc AS varchar) IS NOT NULL
LEFT JOIN LATERAL ({_RULE_AT_LOC}) ru ON true
{extra}
"""
    )


_ROUTE_DRV = _route_sql(None)


def route_statement_with(beside: str) -> str:
    """Return `route`'s statement with the query `beside` run in the same round trip.

    `beside` (SQL with `:name` binds; `:lon`/`:lat` are the routed point's, the other names must
    not be the route's own) is run once for a point in the service area; its rows come back as
    JSON objects (for `route_with`; their order is not promised).
    """
    return _route_sql(beside)


# The same statements over many points (route_many: batch intake).
_LOCATE_MANY = per_row(
    _LOCATE_SQL.text,
    {
        "lon": "float8",
        "lat": "float8",
        "at": "timestamptz",
        "addr_m": "float8",
        "addr_deg": "float8",
        "coslat": "float8",
    },
)
_SNAP_MANY = per_row(
    _SNAP_SQL.text,
    {"lon": "float8", "lat": "float8", "cc": "text", "cid": "text", "deg": "float8"},
)
_RULE_MANY = per_row(
    _RULE_SQL.text,
    {
        "d": "text",
        "s": "text",
        "cm": "text",
        "cell": "text",
        "kind": "text",
        "code": "text",
        "major": "text",
        "lon": "float8",
        "lat": "float8",
    },
)

_FALLBACK_SQL = text(
    "SELECT d.name AS district_name, " + _UNIT_COLS + " FROM grid_district d"
    " LEFT JOIN grid_unit u ON u.id = d.fallback_unit_id WHERE d.code = :d"
)

ROLE_NAMES = {"territorial": "属地", "specialist": "专业", "fallback": "兜底"}
AREA_NAMES = {
    "district": "区县",
    "street": "街道",
    "community": "社区",
    "cells": "指定网格",
    "polygon": "指定范围",
}


def _unit(row: Any) -> UnitRef:
    return UnitRef(
        id=row.unit_id,
        code=row.unit_code,
        name=row.unit_name,
        kind=row.unit_kind,
        parent_id=row.unit_parent_id,
        contact_phone=row.unit_phone,
    )


def category_scope_label(kind: str | None, major: str | None, code: str | None) -> str:
    """Return a compact label of a rule's category scope, e.g. `event:09006`, `major:09`, `all`."""
    if code:
        return f"{kind}:{code}" if kind else code
    if major:
        return f"{kind}:major:{major}" if kind else f"major:{major}"
    return f"{kind}:all" if kind else "all"


@dataclass(frozen=True, slots=True)
class Snap:
    """A component a point snaps to, and the unit that maintains (else owns) it, if active."""

    component: ComponentMatch
    unit: UnitRef | None


def snap_component(
    session: Session, component_code: str, point: TruePoint, *, component_id: str | None = None
) -> Snap | None:
    """Return the component of a census category a report at `point` snaps to (部件吸附).

    The nearest component of `component_code` that is not removed, within
    `component_snap_tolerance_m` of the point (geodesic); with `component_id`, that component
    only (a report naming its component must lie within the same tolerance). None when none is.
    """
    snap = fetch_one(session, _SNAP_DRV, _snap_params(component_code, point, component_id))
    return _snap(snap)


def _snap_params(
    component_code: str | None, point: TruePoint, component_id: str | None
) -> dict[str, Any]:
    return {
        "lon": point.lon,
        "lat": point.lat,
        "cc": component_code,
        "cid": component_id,
        "deg": degrees_for(get_settings().component_snap_tolerance_m, point.lat),
    }


def _snap(snap: Any) -> Snap | None:
    if snap is None or snap.id is None or snap.dist > get_settings().component_snap_tolerance_m:
        return None
    match = ComponentMatch(
        id=snap.id,
        category_code=snap.category_code,
        name=snap.name,
        state=snap.state,
        distance_m=round(float(snap.dist), 2),
        owner_name=snap.owner_name,
        maintainer_name=snap.maintainer_name,
    )
    return Snap(match, _unit(snap) if snap.unit_id is not None else None)


def route(
    session: Session, category: CategoryScope, point: TruePoint, at: datetime | None = None
) -> Route:
    """Return the responsible unit for `category` at `point` and what decided it; never nothing.

    The point is located in the grid generation in force at `at` (default now).
    """
    when = at or now()
    return _routed(
        session,
        category,
        point,
        when,
        fetch_one(session, _ROUTE_DRV, _route_params(category, point, when)),
    )


def route_with(
    session: Session,
    category: CategoryScope,
    point: TruePoint,
    at: datetime,
    statement: str,
    params: dict[str, Any],
) -> tuple[Route, list[dict[str, Any]]]:
    """Route as `route` does and run a query beside it in the same round trip.

    `statement` is `route_statement_with(query)`, `params` the query's own binds. Returns the
    route and the query's rows (JSON objects); a point outside the service area raises as
    `route` does.
    """
    row = fetch_one(session, statement, _route_params(category, point, at) | params)
    route = _routed(session, category, point, at, row)  # raises without a row
    return route, row.beside or []


def _route_params(category: CategoryScope, point: TruePoint, when: datetime) -> dict[str, Any]:
    return (
        locate_params(point.lon, point.lat, when)
        | _snap_params(category.component_code, point, None)
        | _category_params(category)
    )


def _routed(
    session: Session, category: CategoryScope, point: TruePoint, when: datetime, row: Any
) -> Route:
    """Interpret the route statement's row (None: the point is outside the service area)."""
    if row is None:
        raise _outside(session, point, when)
    loc = _location(point, row)
    snap = _snap(_fields(row.snap)) if category.component_code else None
    if snap is not None and snap.unit is not None:
        return _by_component(loc, snap)
    return _by_rule(session, loc, snap, _fields(row.rule), {})


def _fields(d: dict[str, Any] | None) -> Any:
    """Give a row read as JSON (`to_jsonb`) its columns as attributes, as a driver row has."""
    return SimpleNamespace(**d) if d is not None else None


def route_many(
    session: Session, asks: Sequence[tuple[CategoryScope, TruePoint]], at: datetime
) -> list[Route | OutsideServiceArea]:
    """Route many (category, point) pairs as `route` does, in three set-based statements.

    The locate, snap and rule statements are `route`'s own, run once over all pairs
    (`app.core.db.per_row`); a point outside the service area gets its OutsideServiceArea in
    its place (the rest go on).
    """
    if not asks:
        return []
    locs: list[Location | OutsideServiceArea] = []
    q = [locate_params(p.lon, p.lat, at) | {"i": i} for i, (_, p) in enumerate(asks)]
    for (_, point), row in zip(asks, fetch_all(session, _LOCATE_MANY, {"q": _q(q)}), strict=True):
        locs.append(_location(point, row) if row.code is not None else _outside(session, point, at))
    snaps: dict[int, Snap | None] = {}
    q = [
        _snap_params(c.component_code, p, None) | {"i": i}
        for i, (c, p) in enumerate(asks)
        if c.component_code and isinstance(locs[i], Location)
    ]
    if q:
        snaps = {row.i: _snap(row) for row in fetch_all(session, _SNAP_MANY, {"q": _q(q)})}
    q = []
    for i, (c, p) in enumerate(asks):
        loc, snap = locs[i], snaps.get(i)
        if isinstance(loc, Location) and (snap is None or snap.unit is None):
            q.append(_rule_params(loc, c, p) | {"i": i})
    rules = {row.i: row for row in fetch_all(session, _RULE_MANY, {"q": _q(q)})} if q else {}
    out: list[Route | OutsideServiceArea] = []
    fallbacks: dict[str, UnitRef] = {}
    for i, loc in enumerate(locs):
        if not isinstance(loc, Location):
            out.append(loc)
            continue
        snap = snaps.get(i)
        if snap is not None and snap.unit is not None:
            out.append(_by_component(loc, snap))
            continue
        row = rules.get(i)
        out.append(
            _by_rule(session, loc, snap, row if row is not None and row.id else None, fallbacks)
        )
    return out


def _q(rows: list[dict[str, Any]]) -> str:
    return orjson.dumps(rows).decode()


def _rule_params(loc: Location, category: CategoryScope, point: TruePoint) -> dict[str, Any]:
    return {
        "d": loc.district_code,
        "s": loc.street_code,
        "cm": loc.community_code,
        "cell": loc.grid_code,
        **_category_params(category),
        "lon": point.lon,
        "lat": point.lat,
    }


def _category_params(category: CategoryScope) -> dict[str, Any]:
    return {"kind": category.kind, "code": category.code, "major": category.major_code}


def _by_component(loc: Location, snap: Snap) -> Route:
    assert snap.unit is not None
    return Route(
        location=loc,
        unit=snap.unit,
        decided_by="component",
        reason=f"吸附到 {snap.component.distance_m:.1f} 米内的部件 {snap.component.id}，"
        "由其养护/权属单位处置",
        component=snap.component,
    )


def _by_rule(
    session: Session, loc: Location, snap: Snap | None, row: Any, fallbacks: dict[str, UnitRef]
) -> Route:
    """Return the route a rule row decides, else the district fallback (`fallbacks`: read once)."""
    component = snap.component if snap is not None else None
    if row is not None:
        rule = RuleRef(
            id=row.id,
            role=row.role,
            category_scope=category_scope_label(
                row.category_kind, row.major_code, row.category_code
            ),
            area_scope=row.area_scope,
            area_code=row.area_code,
            priority=row.priority,
        )
        reason = (
            f"规则 #{row.id}：{ROLE_NAMES[row.role]}责任，"
            f"类别范围 {rule.category_scope}，区域范围 {AREA_NAMES[row.area_scope]}"
            + (f" {row.area_code}" if row.area_code else "")
        )
        return Route(loc, _unit(row), "rule", reason, rule=rule, component=component)
    if loc.district_code not in fallbacks:
        fallbacks[loc.district_code] = district_fallback(session, loc.district_code)
    return Route(
        loc,
        fallbacks[loc.district_code],
        "district_fallback",
        "无匹配规则，由区县兜底单位处置",
        component=component,
    )


def district_fallback(session: Session, district_code: str) -> UnitRef:
    """Return a district's fallback unit (兜底单位); raise UnknownDistrict / NoResponsibleUnit.

    Used when no rule applies at a point and for reports without any usable location.
    """
    fb = session.execute(_FALLBACK_SQL, {"d": district_code}).one_or_none()
    if fb is None:
        raise UnknownDistrict(f"区县代码 {district_code} 不存在", district_code=district_code)
    if fb.unit_id is None:
        raise NoResponsibleUnit(
            f"{fb.district_name}（{district_code}）没有适用的责任规则，也未配置兜底单位",
            district_code=district_code,
        )
    return _unit(fb)
