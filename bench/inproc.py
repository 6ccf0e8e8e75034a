"""In-process layers: raw psycopg (prepared statements, one connection) against the service.

Every point goes through every layer in the same loop, the order of the layers rotating from
point to point, so drift on a shared machine and first-touch cache effects hit all layers alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg
from sqlalchemy.engine import Engine

from app.cases.catalogue import category_scope, resolve_category
from app.core.config import get_settings
from app.core.db import session_factory, unit_of_work
from app.grid import service as grid_service
from app.grid.coords import to_wgs84
from app.grid.service import CategoryScope, degrees_for, locate, locate_params, route
from bench.common import summarize_ns
from bench.points import Workload

# The "raw PostgreSQL limit": the cell lookup alone, nothing the service adds.
RAW_LOCATE_SQL = (
    "SELECT code FROM grid_cell WHERE valid_from <= now()"
    " AND (valid_to IS NULL OR valid_to > now())"
    " AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(%s, %s), 4326)) ORDER BY code LIMIT 1"
)

_DIALECT = pg_psycopg.dialect()  # type: ignore[no-untyped-call]


def psycopg_sql(stmt: Any) -> str:
    """The service's own SQL text, as the SQLAlchemy psycopg dialect sends it (`%(name)s`)."""
    return str(stmt.compile(dialect=_DIALECT))


# The service's statements, verbatim: the raw baselines follow the service when its SQL changes.
LOCATE_SQL = psycopg_sql(grid_service._LOCATE_SQL)
SNAP_SQL = psycopg_sql(grid_service._SNAP_SQL)
RULE_SQL = psycopg_sql(grid_service._RULE_SQL)
FALLBACK_SQL = psycopg_sql(grid_service._FALLBACK_SQL)


@dataclass
class Timings:
    """Nanosecond samples per layer plus consistency counters."""

    samples: dict[str, list[int]] = field(default_factory=dict)
    mismatches: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0

    def add(self, layer: str, ns: int) -> None:
        """Record one sample."""
        self.samples.setdefault(layer, []).append(ns)

    def summary(self) -> dict[str, Any]:
        """Percentile summary per layer."""
        return {
            "layers": {k: summarize_ns(v) for k, v in self.samples.items()},
            "mismatches": self.mismatches,
            "errors": self.errors,
            "elapsed_s": round(self.elapsed_s, 2),
        }


def _timed(fn: Callable[[], Any]) -> tuple[int, Any]:
    t0 = time.perf_counter_ns()
    out = fn()
    return time.perf_counter_ns() - t0, out


class RawClient:
    """Plain psycopg on one autocommit connection, every statement prepared on the server."""

    def __init__(self, uri: str) -> None:
        self.conn = psycopg.connect(uri, autocommit=True)
        settings = get_settings()
        self.addr_m = settings.reverse_geocode_radius_m
        self.snap_m = settings.component_snap_tolerance_m
        self._columns: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def locate_cell(self, lon: float, lat: float) -> str | None:
        """The raw cell lookup: one prepared statement, one round trip."""
        row = self.conn.execute(RAW_LOCATE_SQL, (lon, lat), prepare=True).fetchone()
        return row[0] if row else None

    def locate_full(self, lon: float, lat: float) -> tuple[Any, ...] | None:
        """The service's locate statement, run directly (same parameters as the service)."""
        return self.conn.execute(
            LOCATE_SQL,
            locate_params(lon, lat),
            prepare=True,
        ).fetchone()

    def _index(self, sql: str, cur: psycopg.Cursor[Any], column: str) -> int:
        """Position of `column` in the result of `sql` (looked up once, not per call)."""
        key = (sql, column)
        if key not in self._columns:
            self._columns[key] = [d.name for d in cur.description or []].index(column)
        return self._columns[key]

    def route(self, scope: CategoryScope, lon: float, lat: float) -> int | None:
        """The service's route statements run directly; returns the unit id."""
        loc = self.locate_full(lon, lat)
        if loc is None:
            return None
        # columns of _LOCATE_SQL: code, mgmt_class, area_m2, community_code, community_name,
        # street_code, street_name, district_code, ...
        code, community, street, district = loc[0], loc[3], loc[5], loc[7]
        if scope.component_code:
            cur = self.conn.execute(
                SNAP_SQL,
                {
                    "lon": lon,
                    "lat": lat,
                    "cc": scope.component_code,
                    "cid": None,
                    "deg": degrees_for(self.snap_m, lat),
                },
                prepare=True,
            )
            snap = cur.fetchone()
            if snap is not None:
                dist = snap[self._index(SNAP_SQL, cur, "dist")]
                unit_id = snap[self._index(SNAP_SQL, cur, "unit_id")]
                if dist <= self.snap_m and unit_id is not None:
                    return int(unit_id)
        cur = self.conn.execute(
            RULE_SQL,
            {
                "d": district,
                "s": street,
                "cm": community,
                "cell": code,
                "kind": scope.kind,
                "code": scope.code,
                "major": scope.major_code,
                "lon": lon,
                "lat": lat,
            },
            prepare=True,
        )
        row = cur.fetchone()
        if row is not None:
            return int(row[self._index(RULE_SQL, cur, "unit_id")])
        fb = self.conn.execute(FALLBACK_SQL, {"d": district}, prepare=True).fetchone()
        return int(fb[0]) if fb else None


def resolve_scopes(engine: Engine, refs: list[str]) -> dict[str, CategoryScope]:
    """Resolve category references once, with the service's own lookup."""
    with session_factory(engine)() as session:
        return {ref: category_scope(resolve_category(session, ref)) for ref in refs}


def warm_up(raw: RawClient, work: Workload, scopes: dict[str, CategoryScope], n: int) -> None:
    """Touch the cell index for every point and the other tables for the first `n` points."""
    for lon, lat in work.points:
        raw.locate_cell(lon, lat)
    for i, (lon, lat) in enumerate(work.points[:n]):
        scope = scopes.get(work.category_for(i))
        if scope is None:
            raw.locate_full(lon, lat)
        else:
            raw.route(scope, lon, lat)


def measure_locate(engine: Engine, raw: RawClient, work: Workload, max_s: float) -> Timings:
    """Locate every point with: the raw cell query, the service's SQL run raw, the service."""
    t = Timings()
    session = session_factory(engine)()
    started = time.perf_counter()
    try:
        for i, (lon, lat) in enumerate(work.points):
            results: dict[str, Any] = {}

            def run_raw(lon: float = lon, lat: float = lat) -> str | None:
                return raw.locate_cell(lon, lat)

            def run_sql(lon: float = lon, lat: float = lat) -> Any:
                row = raw.locate_full(lon, lat)
                return row[0] if row else None

            def run_service(lon: float = lon, lat: float = lat) -> str:
                return locate(session, to_wgs84(lon, lat)).grid_code

            layers = [("raw", run_raw), ("sql_raw", run_sql), ("service", run_service)]
            k = i % len(layers)
            for name, fn in layers[k:] + layers[:k]:
                ns, results[name] = _timed(fn)
                t.add(name, ns)
            if not results["raw"] == results["sql_raw"] == results["service"]:
                t.mismatches["locate"] = t.mismatches.get("locate", 0) + 1
            if time.perf_counter() - started > max_s:
                break
    finally:
        session.rollback()
        session.close()
    t.elapsed_s = time.perf_counter() - started
    return t


def measure_locate_uow(engine: Engine, work: Workload, max_s: float) -> Timings:
    """Locate every point in its own unit of work, as one API request does (checkout → commit)."""
    t = Timings()
    started = time.perf_counter()
    for lon, lat in work.points:
        t0 = time.perf_counter_ns()
        with unit_of_work(engine) as session:
            locate(session, to_wgs84(lon, lat))
        t.add("service_uow", time.perf_counter_ns() - t0)
        if time.perf_counter() - started > max_s:
            break
    t.elapsed_s = time.perf_counter() - started
    return t


def measure_route(
    engine: Engine, raw: RawClient, work: Workload, scopes: dict[str, CategoryScope], max_s: float
) -> Timings:
    """Route every (point, category) pair with the raw statements and with the service."""
    t = Timings()
    session = session_factory(engine)()
    started = time.perf_counter()
    try:
        for i, (lon, lat) in enumerate(work.points):
            scope = scopes[work.category_for(i)]
            results: dict[str, Any] = {}

            def run_raw(lon: float = lon, lat: float = lat, scope: CategoryScope = scope) -> Any:
                return raw.route(scope, lon, lat)

            def run_service(
                lon: float = lon, lat: float = lat, scope: CategoryScope = scope
            ) -> int:
                return route(session, scope, to_wgs84(lon, lat)).unit.id

            layers = [("raw", run_raw), ("service", run_service)]
            k = i % len(layers)
            for name, fn in layers[k:] + layers[:k]:
                ns, results[name] = _timed(fn)
                t.add(name, ns)
            if results["raw"] != results["service"]:
                t.mismatches["route"] = t.mismatches.get("route", 0) + 1
            if time.perf_counter() - started > max_s:
                break
    finally:
        session.rollback()
        session.close()
    t.elapsed_s = time.perf_counter() - started
    return t
