"""Scaling simulation: a case-like table list-partitioned by district code, N = 1…64 partitions.

`python -m bench.scaling [--quick] [--cases 1000000,4000000] [--partitions 1,4,16,64]`

What it stands for: sharding by `district_code` (Citus) puts each district's cases on one shard.
On one machine, list partitions by district show the part of that which does not need more
machines — which queries touch one district's rows only and which touch every row, and how
each cost grows with the number of cases and with the number of partitions. It cannot show
what more machines add (parallel fan-out, more disks, more memory): see docs/SCALING.md.

Set-up, in a scratch database `xh_export_scale_<random>` (PostGIS only; dropped at the end):

- 64 districts, each a ~5.4 × 5 km square of 50 × 50 cells (160,000 cells in one table with a
  GiST index: the grid is small and read by every intake, a Citus *reference table*).
- A staging table of max(M) generated cases, uniform over the 64 districts, cells and two years,
  ~70 % closed (some late), the rest open with a due time.
- For every N and M: `sc_case` list-partitioned by district code into N partitions (district j
  in partition j mod N), M rows copied from staging, then the indexes a real case table has for
  these paths (primary key, (district_code, reported_at), open cases by (district_code, due_at),
  grid code, GiST on the point), ANALYZE, and the measurements:

  (a) intake: one autocommit connection, prepared statement: locate the point in the cells
      table (`ST_Covers`, lowest code) and insert the case row into its district's partition —
      one transaction per case, like a report (synchronous_commit off: the WAL flush, which
      does not depend on the layout, is left out); K cases in one district, cases/s;
  (b) stats: a district's month and year (filed, closed, on time incl. open overdue, per
      category), a district's open queue (50 most urgent), and the same month and year for
      all 64 districts at once (a ranking) — the median of several runs, warm cache.

Everything is bounded: the default run takes ~5 minutes on 2 cores, `--quick` ~1 minute.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from bench.common import cpu_model, libpq_uri, load_average, memory_gb

DISTRICTS = 64
SIDE = 50  # cells per district side
DX, DY = 0.06, 0.045  # district size in degrees (~5.4 km × 5 km at 36° N)
LON0, LAT0 = 116.0, 36.0
START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_DAYS = 730
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def district_code(j: int) -> str:
    return f"3701{j:02d}"


_SETUP_SQL = f"""
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE sc_cell AS
SELECT '3701' || lpad(d::text, 2, '0') || '001001' || lpad(c::text, 4, '0') AS code,
       '3701' || lpad(d::text, 2, '0') AS district_code,
       ST_Multi(ST_MakeEnvelope(
           {LON0} + (d % 8) * {DX} + (c % {SIDE}) * {DX / SIDE},
           {LAT0} + (d / 8) * {DY} + (c / {SIDE}) * {DY / SIDE},
           {LON0} + (d % 8) * {DX} + (c % {SIDE} + 1) * {DX / SIDE},
           {LAT0} + (d / 8) * {DY} + (c / {SIDE} + 1) * {DY / SIDE}, 4326))::geometry(MultiPolygon, 4326) AS geom
FROM generate_series(0, {DISTRICTS - 1}) d, generate_series(0, {SIDE * SIDE - 1}) c;
CREATE INDEX ON sc_cell USING gist (geom);
CREATE INDEX ON sc_cell (code);
ANALYZE sc_cell;
"""

# i → district i % 64, a cell, a time in two years; 70 % closed (1 in 7 after its due time).
_STAGING_SQL = f"""
CREATE UNLOGGED TABLE sc_src AS
SELECT i AS id, '3701' || lpad(d::text, 2, '0') AS district_code,
       'SC-' || i AS case_no, mod(i * 7919, 120)::int AS category_id,
       CASE WHEN h < 0.7 THEN 'closed' WHEN h < 0.85 THEN 'dispatched' ELSE 'filed' END AS status,
       '3701' || lpad(d::text, 2, '0') || '001001' || lpad(cell::text, 4, '0') AS grid_code,
       ST_SetSRID(ST_MakePoint(
           {LON0} + mod(d, 8) * {DX} + (mod(cell, {SIDE}) + 0.5) * {DX / SIDE},
           {LAT0} + div(d, 8) * {DY} + (div(cell, {SIDE}) + 0.5) * {DY / SIDE}), 4326) AS geom,
       r AS reported_at, r + interval '2 days' AS due_at,
       CASE WHEN h < 0.7
            THEN r + make_interval(hours => CASE WHEN h < 0.1 THEN 60 ELSE 20 END) END AS closed_at,
       '生成的案卷：占道经营，影响通行' AS description
FROM generate_series(1, CAST(%(n)s AS bigint)) i
CROSS JOIN LATERAL (
    SELECT mod(i, {DISTRICTS})::int AS d,
           mod(i * 2654435761, 1000003) / 1000003.0 AS h,
           mod(i * 40503, {SIDE * SIDE})::int AS cell,
           -- a pseudo-random instant, so the first M ids spread over the whole two years
           TIMESTAMPTZ '{START.isoformat()}'
             + make_interval(secs => mod(i * 2246822519, 1000033) / 1000033.0
                                     * {SPAN_DAYS} * 86400) AS r) x
"""

_CASE_COLUMNS = (
    "id bigint NOT NULL, district_code text NOT NULL, case_no text NOT NULL, category_id int,"
    " status text NOT NULL, grid_code text NOT NULL, geom geometry(Point, 4326) NOT NULL,"
    " reported_at timestamptz NOT NULL, due_at timestamptz, closed_at timestamptz,"
    " description text"
)

_INDEXES = (
    "ALTER TABLE sc_case ADD PRIMARY KEY (district_code, id)",
    "CREATE INDEX ON sc_case (district_code, reported_at)",
    "CREATE INDEX ON sc_case (district_code, due_at) WHERE closed_at IS NULL",
    "CREATE INDEX ON sc_case (grid_code)",
    "CREATE INDEX ON sc_case USING gist (geom)",
)

_INTAKE_SQL = """
INSERT INTO sc_case (id, district_code, case_no, category_id, status, grid_code, geom,
                     reported_at, due_at, description)
SELECT %(id)s, c.district_code, 'IN-' || %(id)s, %(cat)s, 'reported', c.code, p.pt,
       %(at)s, %(at)s + interval '2 days', %(text)s
FROM (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326) AS pt) p
CROSS JOIN LATERAL (SELECT code, district_code FROM sc_cell
                    WHERE ST_Covers(geom, p.pt) ORDER BY code LIMIT 1) c
"""

_STATS = """
SELECT {group}, count(*) AS filed,
       count(*) FILTER (WHERE closed_at IS NOT NULL) AS closed,
       count(*) FILTER (WHERE closed_at <= due_at) AS on_time,
       count(*) FILTER (WHERE closed_at > due_at OR (closed_at IS NULL AND due_at < %(now)s)) AS late,
       round(count(*) FILTER (WHERE closed_at <= due_at)::numeric
             / nullif(count(*) FILTER (WHERE closed_at IS NOT NULL OR due_at < %(now)s), 0), 4)
         AS on_time_rate
FROM sc_case
WHERE {where} reported_at >= %(a)s AND reported_at < %(b)s
GROUP BY {group}
ORDER BY {order}
"""

QUERIES: dict[str, tuple[str, bool]] = {
    # name → (SQL, per district)
    "district_month": (
        _STATS.format(group="category_id", where="district_code = %(d)s AND", order="category_id"),
        True,
    ),
    "district_year": (
        _STATS.format(group="category_id", where="district_code = %(d)s AND", order="category_id"),
        True,
    ),
    "district_queue": (
        "SELECT id, case_no, grid_code, due_at FROM sc_case WHERE district_code = %(d)s"
        " AND closed_at IS NULL ORDER BY due_at LIMIT 50",
        True,
    ),
    "all_month_ranking": (
        _STATS.format(group="district_code", where="", order="on_time_rate DESC NULLS LAST"),
        False,
    ),
    "all_year_ranking": (
        _STATS.format(group="district_code", where="", order="on_time_rate DESC NULLS LAST"),
        False,
    ),
}


def _window(name: str) -> tuple[datetime, datetime]:
    if "month" in name:
        return datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC)
    return datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)


def _load(conn: psycopg.Connection[Any], partitions: int, cases: int) -> dict[str, float]:
    t = time.perf_counter()
    conn.execute("DROP TABLE IF EXISTS sc_case")
    conn.execute(f"CREATE TABLE sc_case ({_CASE_COLUMNS}) PARTITION BY LIST (district_code)")
    for p in range(partitions):
        codes = ", ".join(f"'{district_code(j)}'" for j in range(DISTRICTS) if j % partitions == p)
        conn.execute(f"CREATE TABLE sc_case_p{p} PARTITION OF sc_case FOR VALUES IN ({codes})")
    # in report order, as a live table fills: a district's month is then scattered over the
    # month's pages when all districts share one table, and contiguous in its own partition
    conn.execute(
        "INSERT INTO sc_case SELECT * FROM sc_src WHERE id <= %s ORDER BY reported_at", (cases,)
    )
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    for stmt in _INDEXES:
        conn.execute(stmt)
    conn.execute("VACUUM ANALYZE sc_case")
    return {"load_s": round(load_s, 1), "index_s": round(time.perf_counter() - t, 1)}


def _intake(conn: psycopg.Connection[Any], k: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    d = 5  # one district: its square
    x0, y0 = LON0 + (d % 8) * DX, LAT0 + (d // 8) * DY
    next_id = 10**9
    samples: list[float] = []
    # The WAL flush of each commit is left out: on this shared VM it adds 0.3-4 ms that vary
    # with other work on the disk and would hide what the table layout costs.
    conn.execute("SET synchronous_commit = off")
    t0 = time.perf_counter()
    for n in range(k):
        params = {
            "id": next_id + n,
            "cat": n % 120,
            "at": NOW,
            "text": "上报：井盖缺失",
            "lon": x0 + rng.uniform(0.0005, DX - 0.0005),
            "lat": y0 + rng.uniform(0.0005, DY - 0.0005),
        }
        t = time.perf_counter()
        cur = conn.execute(_INTAKE_SQL, params, prepare=True)
        samples.append(time.perf_counter() - t)
        if cur.rowcount != 1:
            raise RuntimeError("a generated point did not locate")
    wall = time.perf_counter() - t0
    conn.execute("RESET synchronous_commit")
    conn.execute("DELETE FROM sc_case WHERE id >= %s", (next_id,))
    samples.sort()
    return {
        "intake_cases": k,
        "intake_per_s": round(k / wall, 1),
        "intake_p50_ms": round(samples[len(samples) // 2] * 1000, 3),
        "intake_p99_ms": round(samples[int(len(samples) * 0.99)] * 1000, 3),
    }


def _stats(conn: psycopg.Connection[Any], runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (sql, per_district) in QUERIES.items():
        a, b = _window(name)
        times = []
        rows = 0
        n = runs if per_district else max(3, runs // 2)
        for r in range(n + 1):  # the first run warms the cache and is not counted
            params = {"d": district_code((r * 11) % DISTRICTS), "a": a, "b": b, "now": NOW}
            t = time.perf_counter()
            rows = len(conn.execute(sql, params, prepare=True).fetchall())
            if r:
                times.append(time.perf_counter() - t)
        out[f"{name}_ms"] = round(statistics.median(times) * 1000, 2)
        out[f"{name}_rows"] = rows
    plan = conn.execute(
        "EXPLAIN (COSTS OFF) " + QUERIES["district_month"][0],
        {
            "d": district_code(5),
            "a": datetime(2025, 6, 1, tzinfo=UTC),
            "b": datetime(2025, 7, 1, tzinfo=UTC),
            "now": NOW,
        },
    ).fetchall()
    out["district_month_partitions_scanned"] = len(
        {m for (line,) in plan for m in re.findall(r" on (sc_case_p\d+)", line)}
    )
    return out


def run(
    database_url: str,
    cases: list[int],
    partitions: list[int],
    *,
    intake_k: int = 2000,
    runs: int = 9,
    keep: bool = False,
) -> dict[str, Any]:
    """Run every (partitions, cases) configuration in a scratch database; return the figures."""
    uri = libpq_uri(database_url)
    name = f"xh_export_scale_{uuid.uuid4().hex[:10]}"
    admin_uri = psycopg.conninfo.make_conninfo(uri, dbname="postgres")
    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    with psycopg.connect(admin_uri, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(
            psycopg.conninfo.make_conninfo(uri, dbname=name), autocommit=True
        ) as conn:
            version = conn.execute("SHOW server_version").fetchone()
            t = time.perf_counter()
            for stmt in _SETUP_SQL.split(";"):
                if stmt.strip():
                    conn.execute(stmt)
            conn.execute(_STAGING_SQL, {"n": max(cases)})
            setup_s = time.perf_counter() - t
            print(
                f"[scaling] set-up (cells + {max(cases):,} staged cases) {setup_s:.1f} s",
                file=sys.stderr,
                flush=True,
            )
            for m in sorted(cases):
                for n in partitions:
                    t = time.perf_counter()
                    row: dict[str, Any] = {"cases": m, "partitions": n}
                    row |= _load(conn, n, m)
                    row |= _intake(conn, intake_k, seed=n * 7 + m)
                    row |= _stats(conn, runs)
                    row["config_s"] = round(time.perf_counter() - t, 1)
                    results.append(row)
                    print(f"[scaling] {json.dumps(row)}", file=sys.stderr, flush=True)
            conn.execute("DROP TABLE IF EXISTS sc_case")
    finally:
        if not keep:
            with psycopg.connect(admin_uri, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "memory_gb": memory_gb(),
            "cpu_model": cpu_model(),
            "postgresql": version[0] if version else None,
            "load_avg_at_end": load_average(),
        },
        "districts": DISTRICTS,
        "cells": DISTRICTS * SIDE * SIDE,
        "intake_cases_per_config": intake_k,
        "setup_s": round(setup_s, 1),
        "duration_s": round(time.perf_counter() - started, 1),
        "results": results,
    }


def markdown(out: dict[str, Any]) -> str:
    """The results as the Markdown table docs/SCALING.md shows."""
    head = (
        "| cases | partitions | intake cases/s (p50 ms) | district month | district year |"
        " district queue | all districts month | all districts year |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [head]
    for r in out["results"]:
        lines.append(
            f"| {r['cases']:,} | {r['partitions']} | {r['intake_per_s']:,.0f} ({r['intake_p50_ms']:.2f})"
            f" | {r['district_month_ms']:.1f} ms | {r['district_year_ms']:.1f} ms"
            f" | {r['district_queue_ms']:.2f} ms | {r['all_month_ranking_ms']:.0f} ms"
            f" | {r['all_year_ranking_ms']:.0f} ms |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the simulation; print JSON and the Markdown table; write bench/results/scaling.json."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="200k and 800k cases (~1 minute)")
    p.add_argument("--cases", default=None, help="comma-separated totals (default 1000000,4000000)")
    p.add_argument("--partitions", default="1,4,16,64")
    p.add_argument("--intake", type=int, default=2000, help="cases inserted per configuration")
    p.add_argument("--runs", type=int, default=9, help="timed runs of each district query")
    p.add_argument("--database-url", default=None)
    p.add_argument("--keep", action="store_true", help="keep the scratch database")
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args(argv)
    from app.core.config import get_settings

    cases = [
        int(x)
        for x in (args.cases or ("200000,800000" if args.quick else "1000000,4000000")).split(",")
    ]
    partitions = [int(x) for x in args.partitions.split(",")]
    if any(n < 1 or n > DISTRICTS for n in partitions):
        p.error(f"partitions must be between 1 and {DISTRICTS}")
    out = run(
        args.database_url or get_settings().database_url,
        cases,
        partitions,
        intake_k=args.intake,
        runs=args.runs,
        keep=args.keep,
    )
    print(json.dumps(out, ensure_ascii=False, indent=2))
    print(markdown(out))
    if not args.no_write:
        path = Path(__file__).resolve().parent / "results" / "scaling.json"
        path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
