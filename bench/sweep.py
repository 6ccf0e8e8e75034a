"""Benchmark of the sweeper: N open cases in a scratch database, one sweep, timed.

The scratch database `xiuhua_sweep_<random>` is cloned from a migrated template (the test
template `xiuhua_test_tpl` by default) on the server of `database_url`, or — when no template is
there — created empty, migrated and seeded. It is dropped afterwards.

Data (bulk `INSERT … SELECT generate_series`, no service code): every case is open with exactly
one running stage (70% 处置 at a real unit, 15% 立案, 10% 派遣, 5% 核查), 1–4 events each
(structurally chained with PostgreSQL's sha256, not with `event_hash`: the sweeper only reads
the last hash; the case's `event_count` / `last_event_hash` tail agrees). Clocks are as a sweeper left them a few minutes ago: 70% green, 20% yellow,
10% red; about 1.5% have `next_threshold_at` in the last ten minutes (half of them turn yellow,
half red, some jumping from green), the rest lie in the future. The sweep runs at that `now`.

Which stages are due: `clustered` (default) takes runs of 64 consecutive cases, as in a real
table where cases reported in the same hour with the same limit cross their thresholds
together (and sit on the same pages); `uniform` takes every 67th case — each due stage, case
and event chain on a page of its own, the worst case for a small buffer cache.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bench.scratch import DEFAULT_TEMPLATE, create_scratch, url_for

DUE_EVERY = 67  # one case in 67 (~1.5%) has its next threshold in the past

_CELLS_SQL = """
CREATE TEMP TABLE bench_cell AS
SELECT (row_number() OVER (ORDER BY code) - 1)::int AS k, code, community_code, street_code,
       district_code, mgmt_class, ST_PointOnSurface(geom) AS p
FROM grid_cell WHERE valid_to IS NULL ORDER BY code LIMIT 1000;
INSERT INTO bench_cell
SELECT k, '370303001001' || lpad(k::text, 3, '0'), '370303001001', '370303001', '370303',
       'normal', ST_SetSRID(ST_MakePoint(118.05 + k * 1e-4, 36.80 + k * 1e-4), 4326)
FROM generate_series(0, 999) k WHERE NOT EXISTS (SELECT 1 FROM bench_cell);
CREATE TEMP TABLE bench_unit AS
SELECT (row_number() OVER (ORDER BY id) - 1)::int AS k, id FROM grid_unit WHERE active;
CREATE TEMP TABLE bench_cat AS
SELECT (row_number() OVER (ORDER BY c.id) - 1)::int AS k, c.id, f.id AS standard_id, f.severity
FROM dispatch_category c
JOIN LATERAL (SELECT id, severity FROM dispatch_filing_standard s
              WHERE s.category_id = c.id AND s.active ORDER BY seq LIMIT 1) f ON true
WHERE c.kind = 'event' ORDER BY c.id LIMIT 50;
"""

# i → status/stage: 70% dispatched (处置), 15% reported (立案), 10% filed (派遣), 5% handled (核查)
_CASES_SQL = """
INSERT INTO dispatch_case (
    id, case_no, district_code, source, category_id, standard_id, severity, description,
    address_text, geom, raw_lon, raw_lat, raw_crs, grid_code, community_code, street_code,
    mgmt_class, routed_unit_id, routed_by, status, assigned_unit_id, signed, dispatches,
    reported_at, filed_at, dispatched_at, handled_at, updated_at, event_count, last_event_hash)
SELECT i, 'SW' || c.district_code || '-' || lpad(i::text, 8, '0'), c.district_code, 'inspector',
       cat.id, cat.standard_id, cat.severity, '基准测试案卷 ' || i, NULL, c.p, ST_X(c.p),
       ST_Y(c.p), 'wgs84', c.code, c.community_code, c.street_code, c.mgmt_class, u.id, 'rule',
       v.status, CASE WHEN v.status IN ('dispatched', 'handled') THEN u.id END,
       v.status = 'handled', (v.status IN ('dispatched', 'handled'))::int,
       CAST(:now AS timestamptz) - interval '3 days',
       CASE WHEN v.status <> 'reported' THEN CAST(:now AS timestamptz) - interval '3 days' END,
       CASE WHEN v.status IN ('dispatched', 'handled')
            THEN CAST(:now AS timestamptz) - interval '3 days' END,
       CASE WHEN v.status = 'handled' THEN CAST(:now AS timestamptz) - interval '1 day' END,
       CAST(:now AS timestamptz) - interval '1 day', v.events,
       encode(sha256(convert_to(i || ':' || v.events, 'UTF8')), 'hex')
FROM generate_series(1, :n) i
CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 < 14 THEN 'dispatched' WHEN i % 20 < 17 THEN 'reported'
                                WHEN i % 20 < 19 THEN 'filed' ELSE 'handled' END AS status,
                           CASE WHEN i % 20 < 14 THEN 3 WHEN i % 20 < 17 THEN 1
                                WHEN i % 20 < 19 THEN 2 ELSE 4 END AS events) v
JOIN bench_cell c ON c.k = i % (SELECT count(*) FROM bench_cell)
JOIN bench_unit u ON u.k = i % (SELECT count(*) FROM bench_unit)
JOIN bench_cat cat ON cat.k = i % (SELECT count(*) FROM bench_cat)
"""

# One running stage per case. `kind`: the clock's phase, `anchor` the threshold it is tied to.
_STAGES_SQL = """
INSERT INTO dispatch_case_stage (
    id, case_id, stage, level, unit_id, limit_value, limit_unit, started_at, due_at, yellow_at,
    next_threshold_at, light, warned_at, overdue_at, escalated_at)
SELECT x.i, x.i, x.stage, 1, x.unit_id, x.limit_s / 3600.0, 'natural_hour',
       x.due - make_interval(secs => x.limit_s), x.due, x.due - make_interval(secs => 0.2 * x.limit_s),
       CASE x.kind WHEN 'green' THEN x.due - make_interval(secs => 0.2 * x.limit_s)
                   WHEN 'to_yellow' THEN x.due - make_interval(secs => 0.2 * x.limit_s)
                   WHEN 'to_red_skip' THEN x.due - make_interval(secs => 0.2 * x.limit_s)
                   WHEN 'red' THEN NULL ELSE x.due END,
       CASE WHEN x.kind IN ('yellow', 'to_red') THEN 'yellow' WHEN x.kind = 'red' THEN 'red'
            ELSE 'green' END,
       CASE WHEN x.kind IN ('yellow', 'to_red', 'red')
            THEN x.due - make_interval(secs => 0.2 * x.limit_s) END,
       CASE WHEN x.kind = 'red' THEN x.due END,
       CASE WHEN x.kind = 'red' THEN x.due END
FROM (
    SELECT i, s.stage, s.limit_s, s.unit_id, k.kind,
           CASE k.kind
             -- green, past 80% in the last ten minutes → turns yellow
             WHEN 'to_yellow' THEN CAST(:now AS timestamptz)
                  - make_interval(secs => h * 600) + make_interval(secs => 0.2 * s.limit_s)
             -- yellow or (sweeper was down) green, due in the last ten minutes → turns red
             WHEN 'to_red' THEN CAST(:now AS timestamptz) - make_interval(secs => h * 600)
             WHEN 'to_red_skip' THEN CAST(:now AS timestamptz) - make_interval(secs => h * 600)
             WHEN 'green' THEN CAST(:now AS timestamptz)
                  + make_interval(secs => 60 + h * 0.8 * s.limit_s) + make_interval(secs => 0.2 * s.limit_s)
             WHEN 'yellow' THEN CAST(:now AS timestamptz) + make_interval(secs => 60 + h * 0.2 * s.limit_s)
             ELSE CAST(:now AS timestamptz) - make_interval(secs => 600 + h * s.limit_s)
           END AS due
    FROM (SELECT id AS i, assigned_unit_id FROM dispatch_case) c
    CROSS JOIN LATERAL (SELECT ((i::bigint * 2654435761) % 1000003) / 1000003.0 AS h) r
    CROSS JOIN LATERAL (
        SELECT CASE WHEN i % 20 < 14 THEN 'handle' WHEN i % 20 < 17 THEN 'file'
                    WHEN i % 20 < 19 THEN 'dispatch' ELSE 'check' END AS stage,
               CASE WHEN i % 20 < 14 THEN 86400 WHEN i % 20 < 19 THEN 1800 ELSE 3600 END AS limit_s,
               CASE WHEN i % 20 < 14 THEN c.assigned_unit_id END AS unit_id) s
    CROSS JOIN LATERAL (
        SELECT CASE WHEN (CASE WHEN :clustered THEN (i / 64) % :due_every
                               ELSE i % :due_every END) = 0 THEN
                        (ARRAY['to_yellow', 'to_yellow', 'to_red', 'to_red_skip'])[
                            (CASE WHEN :clustered THEN i ELSE i / :due_every END) % 4 + 1]
                    WHEN i % 10 < 7 THEN 'green' WHEN i % 10 < 9 THEN 'yellow' ELSE 'red' END AS kind) k
) x
"""

# 1–4 events per case (report, file, dispatch, handle), linked by a stand-in hash.
_EVENTS_SQL = """
INSERT INTO dispatch_case_event (
    id, case_id, seq, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note,
    payload, photos, created_at, prev_hash, hash)
SELECT row_number() OVER (), c.id, e.seq, a.action, a.frm, a.tos, 1, a.role, NULL, NULL,
       '{}'::jsonb, '[]'::jsonb, c.reported_at + make_interval(mins => e.seq),
       CASE WHEN e.seq = 1 THEN repeat('0', 64)
            ELSE encode(sha256(convert_to(c.id || ':' || (e.seq - 1), 'UTF8')), 'hex') END,
       encode(sha256(convert_to(c.id || ':' || e.seq, 'UTF8')), 'hex')
FROM dispatch_case c
CROSS JOIN LATERAL generate_series(1, c.event_count) e(seq)
CROSS JOIN LATERAL (
    SELECT (ARRAY['report', 'file', 'dispatch', 'handle'])[e.seq] AS action,
           (ARRAY[NULL, 'reported', 'filed', 'dispatched'])[e.seq] AS frm,
           (ARRAY['reported', 'filed', 'dispatched', 'handled'])[e.seq] AS tos,
           (ARRAY['inspector', 'shift_leader', 'dispatcher', 'unit_handler'])[e.seq] AS role) a
"""

_SEQUENCES_SQL = """
SELECT setval('dispatch_case_id_seq', (SELECT max(id) FROM dispatch_case));
SELECT setval('dispatch_case_stage_id_seq', (SELECT max(id) FROM dispatch_case_stage));
SELECT setval('dispatch_case_event_id_seq', (SELECT max(id) FROM dispatch_case_event));
"""


def _create_scratch(admin: Engine, database_url: str, name: str, template: str | None) -> str:
    """The scratch database; a migrated one (no template) gets the active units a sweep needs."""
    created = create_scratch(admin, database_url, name, template)
    if created == "migrated":
        engine = create_engine(url_for(database_url, name))
        try:
            with engine.begin() as c:
                c.execute(
                    text(
                        "INSERT INTO grid_unit (code, name, kind) VALUES"
                        " ('BENCH-P', '基准测试上级单位', 'bureau')"
                    )
                )
                c.execute(
                    text(
                        "INSERT INTO grid_unit (code, name, kind, parent_id) SELECT"
                        " 'BENCH-' || k, '基准测试单位 ' || k, 'squad',"
                        " (SELECT id FROM grid_unit WHERE code = 'BENCH-P')"
                        " FROM generate_series(1, 20) k"
                    )
                )
        finally:
            engine.dispose()
    return created


def generate(
    engine: Engine, open_cases: int, now: datetime, *, clustered: bool = True
) -> dict[str, Any]:
    """Fill the scratch database with `open_cases` open cases; return counts and timings."""
    timings: dict[str, float] = {}
    fk_skipped = True
    with engine.begin() as c:
        try:
            # scratch data is consistent by construction: skip the per-row FK triggers
            with c.begin_nested():
                c.execute(text("SET LOCAL session_replication_role = replica"))
        except Exception:  # not a superuser: keep the triggers (slower)
            fk_skipped = False
        for stmt in _CELLS_SQL.split(";"):
            if stmt.strip():
                c.execute(text(stmt))
        for label, sql in (("cases", _CASES_SQL), ("stages", _STAGES_SQL), ("events", _EVENTS_SQL)):
            t = time.perf_counter()
            c.execute(
                text(sql),
                {"n": open_cases, "now": now, "due_every": DUE_EVERY, "clustered": clustered},
            )
            timings[f"{label}_s"] = round(time.perf_counter() - t, 2)
        for stmt in _SEQUENCES_SQL.split(";"):
            if stmt.strip():
                c.execute(text(stmt))
    t = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE dispatch_case, dispatch_case_stage, dispatch_case_event"))
    timings["vacuum_analyze_s"] = round(time.perf_counter() - t, 2)
    with engine.connect() as c:
        due = c.execute(
            text(
                "SELECT count(*) FROM dispatch_case_stage WHERE stopped_at IS NULL"
                " AND paused_at IS NULL AND next_threshold_at < :now"
            ),
            {"now": now},
        ).scalar_one()
        events = c.execute(text("SELECT count(*) FROM dispatch_case_event")).scalar_one()
    return {"due": due, "events": events, "fk_triggers_skipped": fk_skipped, **timings}


def bench_sweep(
    database_url: str,
    open_cases: int,
    *,
    template: str | None = DEFAULT_TEMPLATE,
    batch_size: int | None = None,
    workers: int | None = None,
    clustered: bool = True,
    keep: bool = False,
) -> dict[str, Any]:
    """Time one sweep over `open_cases` generated open cases in a scratch database (dropped)."""
    from app.cases.time.sweeper import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS, sweep

    name = f"xiuhua_sweep_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url_for(database_url, "postgres"), isolation_level="AUTOCOMMIT")
    engine: Engine | None = None
    try:
        t = time.perf_counter()
        created = _create_scratch(admin, database_url, name, template)
        create_s = time.perf_counter() - t
        engine = create_engine(url_for(database_url, name))
        now = datetime.now(UTC).replace(microsecond=0)
        t = time.perf_counter()
        gen = generate(engine, open_cases, now, clustered=clustered)
        generate_s = time.perf_counter() - t
        size, par = batch_size or DEFAULT_BATCH_SIZE, workers or DEFAULT_WORKERS
        result = sweep(engine, now, batch_size=size, workers=par)
        again = sweep(engine, now, batch_size=size, workers=par)
        with engine.connect() as c:
            left = c.execute(
                text(
                    "SELECT count(*) FROM dispatch_case_stage WHERE stopped_at IS NULL"
                    " AND paused_at IS NULL AND next_threshold_at < :now"
                ),
                {"now": now},
            ).scalar_one()
            # the swept cases' chain tails must name their new last events
            tails_off = c.execute(
                text(
                    "SELECT count(*) FROM dispatch_case c JOIN (SELECT case_id, max(seq) AS m"
                    " FROM dispatch_case_event WHERE action IN ('warning', 'overdue')"
                    " GROUP BY case_id) e ON e.case_id = c.id WHERE c.event_count <> e.m"
                )
            ).scalar_one()
        return {
            "sweep_open_cases": open_cases,
            "sweep_s": round(result.seconds, 3),
            "sweep_due_stages": gen["due"],
            "sweep_stages": result.stages,
            "sweep_warnings": result.warnings,
            "sweep_overdue": result.overdue,
            "sweep_batches": result.batches,
            "sweep_batch_size": size,
            "sweep_workers": par,
            "sweep_due_spread": "clustered" if clustered else "uniform",
            "sweep_left_due": left,
            "sweep_tail_mismatches": tails_off,
            "sweep_again_s": round(again.seconds, 4),
            "sweep_again_stages": again.stages,
            "sweep_events_before": gen["events"],
            "sweep_generate_s": round(generate_s, 2),
            "sweep_generate_detail": {k: v for k, v in gen.items() if k not in ("due", "events")},
            "sweep_create_db_s": round(create_s, 2),
            "sweep_db": created,
        }
    finally:
        if engine is not None:
            engine.dispose()
        if not keep:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.sweep --cases N`: print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--database-url", default=None)
    p.add_argument("--template", default=DEFAULT_TEMPLATE)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--uniform", action="store_true", help="spread due stages evenly (worst case)")
    p.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = p.parse_args(argv)
    from app.core.config import get_settings

    url = args.database_url or get_settings().database_url
    out = bench_sweep(
        url,
        args.cases,
        template=args.template or None,
        batch_size=args.batch_size,
        workers=args.workers,
        clustered=not args.uniform,
        keep=args.keep,
    )
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
