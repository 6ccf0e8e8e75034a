"""Printing and writing the results."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.common import RESULTS_DIR


def _f(v: Any, unit: str = "", digits: int = 3) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.{digits}f}{unit}"
    if isinstance(v, int):
        return f"{v:,}{unit}"
    return f"{v}{unit}"


def _lat_rows(r: dict[str, Any], prefix: str, layers: list[tuple[str, str, str]]) -> list[str]:
    rows = []
    for label, key, how in layers:
        p50, p95, p99 = (r.get(f"{prefix}_{key}_{q}_ms") for q in ("p50", "p95", "p99"))
        rows.append(f"  {label:<44} {_f(p50):>9} {_f(p95):>9} {_f(p99):>9}   {how}")
    return rows


def _intake_rows(r: dict[str, Any]) -> list[str]:
    """Intake (POST /api/v1/cases) and transitions, measured on a clone of the database."""
    achieved = r.get("intake_achieved_rps_at_300")
    sustained = r.get("intake_sustained_300")
    lines = [
        "  intake and transitions (throwaway clone of the database)",
        f"  {'POST /api/v1/cases, closed loop':<44} "
        f"{_f(r.get('intake_cases_per_s'), ' cases/s', 1):>14}   p50 "
        f"{_f(r.get('intake_p50_ms'), ' ms', 1)}, p99 {_f(r.get('intake_p99_ms'), ' ms', 1)} "
        f"({r.get('api_connections') or 16} connections)",
        f"  {'POST /api/v1/cases, open loop 300/s':<44} "
        f"{_f(achieved, ' /s achieved', 1):>14}   p50 "
        f"{_f(r.get('intake_p50_ms_at_300rps'), ' ms', 1)}, p99 "
        f"{_f(r.get('intake_p99_ms_at_300rps'), ' ms', 1)}"
        + (
            ""
            if achieved is None
            else "  (sustained)"
            if sustained
            else f"  NOT SUSTAINED: {_f(r.get('intake_open_skipped_at_300'))} not sent"
        ),
        f"  {'POST /api/v1/cases, open loop at 70 % of it':<44} "
        f"{_f(r.get('intake_open_sustainable_achieved_rps'), ' /s', 1):>14}   p50 "
        f"{_f(r.get('intake_open_sustainable_p50_ms'), ' ms', 1)}, p99 "
        f"{_f(r.get('intake_open_sustainable_p99_ms'), ' ms', 1)}"
        f" (target {_f(r.get('intake_open_sustainable_rps'), '/s')})",
        f"  {'API worker CPU per report':<44} {_f(r.get('intake_api_worker_cpu_ms'), ' ms', 2):>14}",
        f"  {'PostgreSQL CPU per report':<44} {_f(r.get('intake_db_cpu_ms'), ' ms', 2):>14}"
        f"   (its cores alone would allow {_f(r.get('intake_db_bound_per_s'), '/s', 0)})",
        f"  {'floor: raw INSERT behind a bare FastAPI':<44} "
        f"{_f(r.get('intake_floor_per_s'), ' cases/s', 1):>14}   worker CPU "
        f"{_f(r.get('intake_floor_worker_cpu_ms'), ' ms', 2)}, PostgreSQL "
        f"{_f(r.get('intake_floor_db_cpu_ms'), ' ms', 2)} per report; "
        f"{_f(r.get('intake_floor_vs_raw'))} of raw (POST /api/v1/cases: "
        f"{_f(r.get('intake_vs_raw'))})",
        f"  {'report_case in-process, 1 thread':<44} "
        f"{_f(r.get('intake_service_per_s'), ' cases/s', 1):>14}   p50 "
        f"{_f(r.get('intake_service_p50_ms'), ' ms', 2)}, Python CPU "
        f"{_f(r.get('intake_service_cpu_ms'), ' ms', 2)}; case-number row lock held p50 "
        f"{_f(r.get('intake_case_no_lock_p50_ms'), ' ms', 2)} (one district: at most "
        f"{_f(r.get('intake_case_no_bound_per_s'), '/s', 0)})",
        f"  {'raw locate + INSERT, pgbench 1 / 2 clients':<44} "
        f"{_f(r.get('intake_raw_per_s_c1'), ' tps', 0):>14} / "
        f"{_f(r.get('intake_raw_per_s_c2'), ' tps', 0)}   (2 clients without the commit's "
        f"fsync wait: {_f(r.get('intake_raw_per_s_async_commit'), ' tps', 0)})",
        f"  {'transitions in-process (file/dispatch/sign/handle)':<44} "
        f"{_f(r.get('transitions_per_s'), ' /s', 1):>14}   ({_f(r.get('transitions_n'))} "
        "transitions, each its own unit of work + case read)",
        f"  {'POST /intake/reports:batch (500 per call)':<44} "
        f"{_f(r.get('intake_batch_cases_per_s'), ' cases/s', 1):>14}   (raw "
        f"{_f(r.get('intake_raw_per_s'), ' tps', 0)} in this run; TestClient in-process)",
        f"  {'the same over HTTP (uvicorn, 4 senders)':<44} "
        f"{_f(r.get('intake_batch_http_cases_per_s'), ' cases/s', 1):>14}   (worker CPU "
        f"{_f(r.get('intake_batch_http_worker_cpu_ms'), ' ms', 3)} per case)",
        f"  {'the API in-process, 1 client (file, dispatch)':<44} "
        f"{_f(r.get('transitions_api_per_s'), ' /s', 1):>14}",
        f"  {'bulk dispatch of 1,000 cases (one request)':<44} "
        f"{_f(r.get('bulk_dispatch_1000_s'), ' s', 2):>14}",
        f"  {'transitions over HTTP (uvicorn, 8 connections)':<44} "
        f"{_f(r.get('transitions_http_per_s'), ' /s', 1):>14}",
        f"  {'  the same, file/dispatch/sign/handle':<44} "
        f"{_f(r.get('transitions_http_all_per_s'), ' /s', 1):>14}",
        f"  {'bulk sign of 1,000 cases (one request)':<44} "
        f"{_f(r.get('bulk_sign_1000_s'), ' s', 2):>14}",
        f"  {'Open311 POST requests, one key, 8 connections':<44} "
        f"{_f(r.get('open311_post_per_s'), ' /s', 1):>14}   p50 "
        f"{_f(r.get('open311_post_p50_ms'), ' ms', 1)}, p99 "
        f"{_f(r.get('open311_post_p99_ms'), ' ms', 1)}, worker CPU "
        f"{_f(r.get('open311_post_worker_cpu_ms'), ' ms', 2)} per request"
        + (
            f"  {r['open311_post_not_2xx']:,} ANSWERS NOT 2xx"
            if r.get("open311_post_not_2xx")
            else ""
        )
        + f" ({_f(r.get('open311_post_tool'))}; raw {_f(r.get('intake_raw_per_s'), ' tps', 0)})",
    ]
    for g in (r.get("intake_goal") or {}).values():
        lines.append(
            f"  goal {g['name']}: {g['status'] or 'not measured'}"
            + (f" ({g['value']})" if g["value"] is not None else "")
        )
    lines.append("")
    return lines


def table(r: dict[str, Any]) -> str:
    """A readable summary of one result."""
    m = r["machine"]
    api_how = f"uvicorn {r.get('api_workers') or 2} workers, 1 connection (httpx, own process)"
    lines = [
        "",
        f"xiuhua bench — mode {r['mode']}, {r['timestamp']}, commit {r['git_commit']}",
        f"machine: {m['cores']} cores, {m['memory_gb']} GB, {m['cpu_model']}; "
        f"PostgreSQL {m['postgresql']}, PostGIS {m['postgis']}; load avg at start "
        f"{m['load_avg_at_start']}, at end {m.get('load_avg_at_end')}",
        f"workload: {r['points']:,} random points in {r['current_cells']:,} current cells "
        f"(seed {r['seed']}); categories {', '.join(r['categories'])}",
        "",
        f"  {'latency (ms)':<44} {'p50':>9} {'p95':>9} {'p99':>9}",
        "  locate",
    ]
    lines += _lat_rows(
        r,
        "locate",
        [
            ("raw cell query (psycopg, prepared)", "raw", "the raw PostgreSQL baseline"),
            ("service's locate SQL, run raw", "sql_raw", "same SQL as the service, psycopg"),
            ("service locate() in-process", "service", "SQLAlchemy session, one transaction"),
        ],
    )
    lines.append(
        f"  {'service locate(), one unit of work per call':<44} "
        f"{_f(r.get('locate_service_uow_p50_ms')):>9} {'':>9} "
        f"{_f(r.get('locate_service_uow_p99_ms')):>9}   checkout + commit, as per request"
    )
    lines += _lat_rows(r, "locate", [("GET /api/v1/locate", "api", api_how)])
    lines.append(
        f"  {'GET /api/v1/locate, wrk 1 connection':<44} "
        f"{_f(r.get('locate_api_wrk_c1_p50_ms')):>9} {'':>9} "
        f"{_f(r.get('locate_api_wrk_c1_p99_ms')):>9}   same, client written in C"
    )
    lines.append(
        f"  {'GET /healthz (HTTP floor, no database)':<44} "
        f"{_f(r.get('healthz_api_p50_ms')):>9} {'':>9} {'':>9}   httpx, 1 connection"
    )
    lines.append("  route")
    lines += _lat_rows(
        r,
        "route",
        [
            ("service's route SQL, run raw", "raw", "locate + snap/rule statements, psycopg"),
            ("service route() in-process", "service", "SQLAlchemy session, one transaction"),
            ("GET /api/v1/route", "api", api_how),
        ],
    )
    conns = r.get("api_connections") or 16
    lines += [
        "",
        "  throughput",
        f"  {'raw cell query, pgbench 1 / 2 clients':<44} "
        f"{_f(r.get('locate_raw_pgbench_tps_c1'), ' tps', 0):>14} / "
        f"{_f(r.get('locate_raw_pgbench_tps_c2'), ' tps', 0)}",
        f"  {'service locate SQL, pgbench 1 / 2 clients':<44} "
        f"{_f(r.get('locate_sql_pgbench_tps_c1'), ' tps', 0):>14} / "
        f"{_f(r.get('locate_sql_pgbench_tps_c2'), ' tps', 0)}",
        f"  {f'GET /api/v1/locate, {conns} connections':<44} "
        f"{_f(r.get('locate_api_rps'), ' rps', 0):>14}   p99 "
        f"{_f(r.get('locate_api_p99_ms_at_rps'), ' ms', 1)} ({r.get('api_load_tool')})",
        f"  {f'GET /api/v1/route, {conns} connections':<44} "
        f"{_f(r.get('route_api_rps'), ' rps', 0):>14}",
        f"  {'API worker CPU per request, locate / route':<44} "
        f"{_f(r.get('locate_api_worker_cpu_ms'), ' ms', 2):>14} / "
        f"{_f(r.get('route_api_worker_cpu_ms'), ' ms', 2)}",
        f"  {'API worker RSS after load (sum)':<44} {_f(r.get('api_rss_mb'), ' MB', 1):>14}",
        f"  {'sweeper, one sweep over N open cases':<44} {_f(r.get('sweep_s'), ' s', 2):>14}"
        f"   (N = {_f(r.get('sweep_open_cases'))}; goal < 2 s at 1,000,000)",
        f"  {'xiuhua grid import, a district of N cells':<44} {_f(r.get('import_s'), ' s', 1):>14}"
        f"   (N = {_f(r.get('import_cells'))})",
        f"  {'stats: month / year indicator table p95':<44} "
        f"{_f(r.get('stats_month_p95_ms'), ' ms', 1):>14} / {_f(r.get('stats_year_p95_ms'), ' ms', 1)}"
        f"   (cases = {_f(r.get('stats_cases'))}; goals < 100 ms / < 1 s at 10,000,000)",
        f"  {'stats: month ranking p95':<44} {_f(r.get('ranking_month_p95_ms'), ' ms', 1):>14}"
        "   (goal < 100 ms)",
        "",
        "  ratios (p50)",
        f"  service locate / raw cell query   {_f(r.get('locate_service_vs_raw'), '×', 2)}",
        f"  service locate / its SQL run raw  {_f(r.get('locate_service_vs_sql_raw'), '×', 2)}",
        f"  API locate / raw cell query       {_f(r.get('locate_api_vs_raw'), '×', 2)}",
        f"  service route / its SQL run raw   {_f(r.get('route_service_vs_raw'), '×', 2)}",
        "",
    ]
    lines += _intake_rows(r)
    goal = r["goal"]
    lines.append(
        f"  goal {goal['name']}: {goal['status'] or 'not measured'}"
        + (f" ({goal['ratio']}×)" if goal["ratio"] is not None else "")
        + "  — a measurement, not a test"
    )
    mism = r.get("mismatches") or {}
    if any(mism.values()):
        lines.append(f"  WARNING: layers disagreed on some points: {mism}")
    if r.get("errors"):
        lines.append(f"  stages that failed: {r['errors']}")
    lines.append(f"  ran {r['duration_s']} s")
    return "\n".join(lines)


def write(result: dict[str, Any], started: datetime, directory: Path = RESULTS_DIR) -> list[Path]:
    """Write <UTC date>.json (overwritten within a day) and latest.json."""
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    dated = directory / f"{started.strftime('%Y-%m-%d')}.json"
    latest = directory / "latest.json"
    for p in (dated, latest):
        tmp = p.with_suffix(".json.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(p)
    return [dated, latest]
