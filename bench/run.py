"""`python -m bench.run [--quick|--full] [--database-url URL] [--seconds N]`.

Measures locate and route at every layer on the same random points, in one run:
raw PostgreSQL (psycopg prepared statements, pgbench) → the service in-process → the HTTP API
(uvicorn, 2 workers, loaded from another process over loopback). Writes
bench/results/<UTC date>.json and bench/results/latest.json and prints a table. Never fails
because of a number: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

MODES: dict[str, dict[str, Any]] = {
    # points, seconds of each pgbench/throughput run, time cap of each per-point pass
    "quick": {
        "points": 2000,
        "seconds": 5,
        "pass_cap_s": 60,
        "warm_points": 500,
        "intake_reports": 400,
        "intake_open_s": 15,
        "sweep_cases": 100_000,
        "stats_cases": 200_000,
    },
    "full": {
        "points": 20000,
        "seconds": 20,
        "pass_cap_s": 240,
        "warm_points": 2000,
        "intake_reports": 2000,
        "intake_open_s": 20,
        "sweep_cases": 1_000_000,
        "stats_cases": 10_000_000,
    },
}
SEED = 20261121
GOAL_RATIO = 1.5

# Keys every result carries (null when this version does not measure them), so runs compare.
STABLE_KEYS = (
    "locate_api_p50_ms",
    "locate_service_p50_ms",
    "locate_raw_p50_ms",
    "intake_cases_per_s",
    "intake_raw_per_s",
    "intake_p99_ms_at_300rps",
    "transitions_per_s",
    "sweep_open_cases",
    "sweep_s",
    "stats_cases",
    "stats_month_p95_ms",
    "stats_year_p95_ms",
    "ranking_month_p95_ms",
    "import_cells",
    "import_s",
    "api_rss_mb",
    "intake_p50_ms",
    "intake_p99_ms",
    "intake_vs_raw",
    "intake_achieved_rps_at_300",
    "intake_worker_cpu_ms",
    "open311_post_per_s",
    "intake_batch_cases_per_s",
    "intake_batch_http_cases_per_s",
    "transitions_api_per_s",
    "bulk_dispatch_1000_s",
    "bulk_sign_1000_s",
    "transitions_http_per_s",
    "transitions_http_all_per_s",
    "intake_floor_per_s",
    "intake_floor_vs_raw",
    "intake_db_cpu_ms",
    "intake_db_bound_per_s",
    "intake_case_no_bound_per_s",
)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick",
        dest="mode",
        action="store_const",
        const="quick",
        help="~2,000 points, 5 s load runs (a few minutes; default)",
    )
    mode.add_argument(
        "--full",
        dest="mode",
        action="store_const",
        const="full",
        help="~20,000 points, 20 s load runs (~10 minutes)",
    )
    p.add_argument("--database-url", help="SQLAlchemy URL (default: XIUHUA_DATABASE_URL)")
    p.add_argument("--seconds", type=int, help="length of each pgbench and throughput run")
    p.add_argument("--points", type=int, help="number of random points (overrides the mode)")
    p.add_argument("--district", help="sample points in this district only (default: all)")
    p.add_argument("--seed", type=int, default=SEED, help="ST_GeneratePoints seed")
    p.add_argument("--connections", type=int, default=16, help="connections of the rps runs")
    p.add_argument("--no-api", action="store_true", help="skip the HTTP layer")
    p.add_argument("--no-pgbench", action="store_true", help="skip pgbench")
    p.add_argument(
        "--no-intake",
        action="store_true",
        help="skip the intake and transition figures (they need a database clone)",
    )
    p.add_argument(
        "--no-sweep",
        action="store_true",
        help="skip the sweeper figure (it generates open cases in a scratch database)",
    )
    p.add_argument(
        "--no-import",
        action="store_true",
        help="skip the grid import figure (scratch database; full: largest district)",
    )
    p.add_argument(
        "--no-stats",
        action="store_true",
        help="skip the stats figures (they seed history in a scratch database)",
    )
    p.add_argument(
        "--stats-db",
        default=os.environ.get("XIUHUA_BENCH_STATS_DB") or None,
        help="stats on this database, kept between runs and seeded with the mode's case count"
        " only when it does not exist (env XIUHUA_BENCH_STATS_DB)",
    )
    p.add_argument("--no-write", action="store_true", help="print only, write no JSON")
    p.set_defaults(mode="quick")
    return p.parse_args(argv)


STAGE_LOG: list[dict[str, Any]] = []


def _stage(name: str, fn: Callable[[], Any], errors: dict[str, str]) -> Any:
    """Run one stage; a failure is reported and recorded, never fatal to the run."""
    from bench.common import load_average

    t0 = time.perf_counter()
    print(f"[bench] {name} …", file=sys.stderr, flush=True)
    try:
        out = fn()
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [""])[0]
        errors[name] = f"{type(exc).__name__}: {first}"[:300]
        print(f"[bench] {name} FAILED: {exc}", file=sys.stderr, flush=True)
        traceback.print_exc(file=sys.stderr)
        return None
    took = time.perf_counter() - t0
    # Other work on the machine skews the figures: keep the load seen at the end of each stage.
    STAGE_LOG.append({"stage": name, "s": round(took, 1), "load_avg": load_average()})
    print(f"[bench] {name} done in {took:.1f} s", file=sys.stderr, flush=True)
    return out


def _get(d: Any, *path: str) -> Any:
    for k in path:
        if not isinstance(d, dict) or d.get(k) is None:
            return None
        d = d[k]
    return d


def _ratio(a: Any, b: Any) -> float | None:
    if isinstance(a, int | float) and isinstance(b, int | float) and b:
        return round(a / b, 2)
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the results; returns 0 unless the set-up itself failed."""
    args = _parse(argv)
    # the bench measures the report path, not the photo policy (an inspector's report would need
    # an uploaded photo) nor the production start-up checks of the served app
    os.environ.setdefault("XIUHUA_REPORT_MIN_PHOTOS", "{}")
    os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
    if args.database_url:
        os.environ["XIUHUA_DATABASE_URL"] = args.database_url

    import psycopg

    from app.core.config import get_settings
    from app.core.db import get_engine
    from bench import api, inproc, intake, pgbench, points, report
    from bench.common import (
        cpu_model,
        git_commit,
        libpq_uri,
        load_average,
        memory_gb,
        package_versions,
        utc_now,
    )

    get_settings.cache_clear()
    settings = get_settings()
    database_url = settings.database_url
    uri = libpq_uri(database_url)
    cfg = dict(MODES[args.mode])
    if args.points:
        cfg["points"] = args.points
    if args.seconds:
        cfg["seconds"] = args.seconds
    started = utc_now()
    load_at_start = load_average()
    t_start = time.perf_counter()
    errors: dict[str, str] = {}

    try:
        with psycopg.connect(uri, autocommit=True) as conn:
            pg_version = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
            postgis = conn.execute("SELECT postgis_lib_version()").fetchone()[0]  # type: ignore[index]
            cells = conn.execute(
                "SELECT count(*) FROM grid_cell WHERE valid_to IS NULL"
            ).fetchone()[0]  # type: ignore[index]
            pts = points.sample_points(conn, cfg["points"], args.seed, args.district)
            square = points.inscribed_square(conn, args.district)
            cats, missing = points.existing_categories(conn, list(points.DEFAULT_CATEGORIES))
    except psycopg.Error as exc:
        print(
            f"[bench] cannot read the database {make_safe(database_url)}: {exc}\n"
            "[bench] run `make run` (or `xiuhua db upgrade && xiuhua bootstrap`) first",
            file=sys.stderr,
        )
        return 2
    if not pts:
        print(
            "[bench] no current grid cells: load the demo city first (make run / xiuhua bootstrap)",
            file=sys.stderr,
        )
        return 2
    if missing:
        print(f"[bench] categories not in the catalogue, skipped: {missing}", file=sys.stderr)
    work = points.Workload(pts, cats, args.seed, args.district, square)
    print(
        f"[bench] mode={args.mode} points={len(pts)} cells={cells} categories={cats} "
        f"db={make_safe(database_url)}",
        file=sys.stderr,
    )

    engine = get_engine(database_url)
    scopes = _stage("resolve categories", lambda: inproc.resolve_scopes(engine, cats), errors)
    raw = inproc.RawClient(uri)
    details: dict[str, Any] = {}
    rte = None
    try:
        _stage(
            "warm-up", lambda: inproc.warm_up(raw, work, scopes or {}, cfg["warm_points"]), errors
        )
        loc = _stage(
            "locate in-process (raw, service SQL raw, service)",
            lambda: inproc.measure_locate(engine, raw, work, cfg["pass_cap_s"]),
            errors,
        )
        uow = _stage(
            "locate service, one unit of work per call",
            lambda: inproc.measure_locate_uow(engine, work, cfg["pass_cap_s"]),
            errors,
        )
        if scopes:
            rte = _stage(
                "route in-process (raw, service)",
                lambda: inproc.measure_route(engine, raw, work, scopes, cfg["pass_cap_s"]),
                errors,
            )
    finally:
        raw.close()
        engine.dispose()
    details["locate_inproc"] = loc.summary() if loc else None
    details["locate_uow"] = uow.summary() if uow else None
    details["route_inproc"] = rte.summary() if rte else None

    pgb: dict[str, Any] = {}
    pgbench_bin = None if args.no_pgbench else pgbench.find_pgbench()
    if pgbench_bin:
        from app.grid.service import degrees_for

        addr_m = settings.reverse_geocode_radius_m
        centre_lat = (square[1] + square[3]) / 2
        scripts = {
            "raw": pgbench.raw_locate_script(square),
            "service_sql": pgbench.service_locate_script(
                square, addr_m, degrees_for(addr_m, centre_lat)
            ),
        }
        for name, script in scripts.items():
            for clients in (1, 2):
                pgb[f"{name}_c{clients}"] = _stage(
                    f"pgbench {name} -c {clients}",
                    lambda s=script, c=clients: pgbench.run_pgbench(
                        pgbench_bin, uri, s, c, cfg["seconds"], args.seed
                    ),
                    errors,
                )
    elif not args.no_pgbench:
        errors["pgbench"] = "pgbench not found (Debian package postgresql-client)"
    details["pgbench"] = pgb or None
    details["pgbench_square"] = list(square)

    apir = None
    if not args.no_api:
        apir = _stage(
            "HTTP API (uvicorn --workers 2)",
            lambda: api.measure_api(
                database_url,
                work,
                latency_max_s=cfg["pass_cap_s"],
                throughput_s=cfg["seconds"],
                connections=args.connections,
            ),
            errors,
        )
    details["api"] = apir
    for key, problem in (_get(apir, "errors") or {}).items():
        errors[f"api {key}"] = problem

    # Intake and transitions write: they run on a throwaway clone of the database, made once
    # every earlier stage's connections are gone (CREATE DATABASE … TEMPLATE needs that).
    intk = None
    if not args.no_intake:
        intk = _stage(
            "intake (clone of the database, dropped at the end)",
            lambda: intake.measure_intake(
                database_url,
                work,
                pgbench_bin=pgbench_bin,
                seconds=cfg["seconds"],
                connections=args.connections,
                service_reports=cfg["intake_reports"],
                pass_cap_s=cfg["pass_cap_s"],
                open_seconds=cfg["intake_open_s"],
                api=not args.no_api,
                stage=lambda n, fn: _stage(n, fn, errors),
            ),
            errors,
        )
    details["intake"] = intk
    for key, problem in (_get(intk, "api", "errors") or {}).items():
        errors[f"intake api {key}"] = problem
    for key, problem in (_get(intk, "open311", "errors") or {}).items():
        errors[f"open311 {key}"] = problem
    for key, n in (_get(intk, "service", "transitions", "failures") or {}).items():
        errors[f"transition {key}"] = f"{n} failed"

    # Sweeper: one sweep over N generated open cases (~1.5 % past a threshold), scratch database.
    sweep_fig = None
    if not args.no_sweep:
        from bench.sweep import bench_sweep

        sweep_fig = _stage(
            f"sweeper over {cfg['sweep_cases']:,} open cases (scratch database, dropped)",
            lambda: bench_sweep(database_url, cfg["sweep_cases"]),
            errors,
        )
    details["sweep"] = sweep_fig

    # Grid import: `xiuhua grid import` of a whole district's cells, in a scratch database.
    imp = None
    if not args.no_import:
        from bench.importbench import QUICK_DISTRICT, bench_import, largest_district

        district = QUICK_DISTRICT if args.mode == "quick" else largest_district()
        imp = _stage(
            f"grid import of {district} cells (scratch database, dropped)",
            lambda: bench_import(database_url, district),
            errors,
        )
    details["import"] = imp
    # Stats: indicator tables, rankings over seeded history (scratch database, or --stats-db).
    stats_fig = None
    if not args.no_stats:
        from bench.stats import bench_stats

        where = (
            f"kept database {args.stats_db}"
            if args.stats_db
            else f"{cfg['stats_cases']:,} seeded cases, scratch database"
        )
        stats_fig = _stage(
            f"stats reads ({where})",
            lambda: bench_stats(database_url, cfg["stats_cases"], stats_db=args.stats_db),
            errors,
        )
    details["stats"] = stats_fig

    def lay(summary: Any, layer: str, q: str) -> Any:
        return _get(summary, "layers", layer, q)

    li, ri, ui = details["locate_inproc"], details["route_inproc"], details["locate_uow"]
    tps = [_get(pgb, f"raw_c{c}", "tps") for c in (1, 2)]
    sql_tps = [_get(pgb, f"service_sql_c{c}", "tps") for c in (1, 2)]
    rss = [x for x in (_get(apir, "worker_rss_mb") or []) if x is not None]

    result: dict[str, Any] = dict.fromkeys(STABLE_KEYS)
    result.update(
        {
            "mode": args.mode,
            "timestamp": started.isoformat(timespec="seconds"),
            "git_commit": git_commit(),
            "machine": {
                "cores": os.cpu_count(),
                "memory_gb": memory_gb(),
                "cpu_model": cpu_model(),
                "postgresql": pg_version,
                "postgis": postgis,
                "python": sys.version.split()[0],
                "load_avg_at_start": load_at_start,
                "load_avg_at_end": load_average(),
                "packages": package_versions(
                    ["sqlalchemy", "psycopg", "fastapi", "starlette", "uvicorn", "pydantic"]
                ),
            },
            "points": len(pts),
            "seed": args.seed,
            "current_cells": cells,
            "categories": cats,
            # locate
            "locate_raw_p50_ms": lay(li, "raw", "p50_ms"),
            "locate_raw_p95_ms": lay(li, "raw", "p95_ms"),
            "locate_raw_p99_ms": lay(li, "raw", "p99_ms"),
            "locate_sql_raw_p50_ms": lay(li, "sql_raw", "p50_ms"),
            "locate_sql_raw_p95_ms": lay(li, "sql_raw", "p95_ms"),
            "locate_sql_raw_p99_ms": lay(li, "sql_raw", "p99_ms"),
            "locate_service_p50_ms": lay(li, "service", "p50_ms"),
            "locate_service_p95_ms": lay(li, "service", "p95_ms"),
            "locate_service_p99_ms": lay(li, "service", "p99_ms"),
            "locate_service_uow_p50_ms": lay(ui, "service_uow", "p50_ms"),
            "locate_service_uow_p99_ms": lay(ui, "service_uow", "p99_ms"),
            "locate_api_p50_ms": _get(apir, "locate_c1", "latency", "p50_ms"),
            "locate_api_p95_ms": _get(apir, "locate_c1", "latency", "p95_ms"),
            "locate_api_p99_ms": _get(apir, "locate_c1", "latency", "p99_ms"),
            "locate_api_wrk_c1_p50_ms": _get(apir, "locate_c1_wrk", "latency", "p50_ms"),
            "locate_api_wrk_c1_p99_ms": _get(apir, "locate_c1_wrk", "latency", "p99_ms"),
            "healthz_api_p50_ms": _get(apir, "healthz_c1", "latency", "p50_ms"),
            "locate_api_rps": _get(apir, "locate_throughput", "rps"),
            "locate_api_p99_ms_at_rps": _get(apir, "locate_throughput", "latency", "p99_ms"),
            "locate_raw_pgbench_tps": max((x for x in tps if x), default=None),
            "locate_raw_pgbench_tps_c1": tps[0],
            "locate_raw_pgbench_tps_c2": tps[1],
            "locate_sql_pgbench_tps": max((x for x in sql_tps if x), default=None),
            "locate_sql_pgbench_tps_c1": sql_tps[0],
            "locate_sql_pgbench_tps_c2": sql_tps[1],
            # route
            "route_raw_p50_ms": lay(ri, "raw", "p50_ms"),
            "route_raw_p95_ms": lay(ri, "raw", "p95_ms"),
            "route_raw_p99_ms": lay(ri, "raw", "p99_ms"),
            "route_service_p50_ms": lay(ri, "service", "p50_ms"),
            "route_service_p95_ms": lay(ri, "service", "p95_ms"),
            "route_service_p99_ms": lay(ri, "service", "p99_ms"),
            "route_api_p50_ms": _get(apir, "route_c1", "latency", "p50_ms"),
            "route_api_p95_ms": _get(apir, "route_c1", "latency", "p95_ms"),
            "route_api_p99_ms": _get(apir, "route_c1", "latency", "p99_ms"),
            "route_api_rps": _get(apir, "route_throughput", "rps"),
            "locate_api_worker_cpu_ms": _get(
                apir, "locate_throughput", "worker_cpu_ms_per_request"
            ),
            "route_api_worker_cpu_ms": _get(apir, "route_throughput", "worker_cpu_ms_per_request"),
            # memory
            "api_rss_mb": round(sum(rss), 1) if rss else None,
            "api_workers": _get(apir, "workers"),
            "api_load_tool": _get(apir, "locate_throughput", "tool"),
            "api_connections": _get(apir, "connections"),
        }
    )
    result.update(intake.figures(intk))
    if isinstance(sweep_fig, dict):
        result["sweep_open_cases"] = sweep_fig.get("sweep_open_cases")
        result["sweep_s"] = sweep_fig.get("sweep_s")
    if isinstance(imp, dict):
        result["import_cells"], result["import_s"] = imp.get("import_cells"), imp.get("import_s")
    if isinstance(stats_fig, dict):
        for key in (
            "stats_cases",
            "stats_month_p95_ms",
            "stats_year_p95_ms",
            "ranking_month_p95_ms",
        ):
            result[key] = stats_fig.get(key)
    result["locate_service_vs_raw"] = _ratio(
        result["locate_service_p50_ms"], result["locate_raw_p50_ms"]
    )
    result["locate_service_vs_sql_raw"] = _ratio(
        result["locate_service_p50_ms"], result["locate_sql_raw_p50_ms"]
    )
    result["locate_api_vs_raw"] = _ratio(result["locate_api_p50_ms"], result["locate_raw_p50_ms"])
    result["route_service_vs_raw"] = _ratio(
        result["route_service_p50_ms"], result["route_raw_p50_ms"]
    )
    ratio = result["locate_service_vs_raw"]
    result["goal"] = {
        "name": "locate_service_p50_ms <= 1.5 x locate_raw_p50_ms",
        "ratio": ratio,
        "status": None if ratio is None else ("PASS" if ratio <= GOAL_RATIO else "MISS"),
    }
    result["mismatches"] = {
        "locate": _get(li, "mismatches", "locate") or 0 if li else None,
        "route": _get(ri, "mismatches", "route") or 0 if ri else None,
    }
    result["errors"] = errors
    result["duration_s"] = round(time.perf_counter() - t_start, 1)
    details["stages"] = STAGE_LOG
    result["details"] = details

    print(report.table(result))
    if not args.no_write:
        paths = report.write(result, started)
        print("\n" + "\n".join(f"written: {p}" for p in paths))
    return 0


def make_safe(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    raise SystemExit(main())
