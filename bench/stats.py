"""Benchmark of the evaluation (综合评价) reads on seeded history.

A scratch database `xiuhua_stats_<random>` is cloned from a template that has the demo city
(the test template `xiuhua_test_tpl` by default, or `--template`; on a machine without it,
created, migrated and given the demo city as `make run` builds it: `bench.scratch`), filled with `seed-history`
(N cases over 3 years) and dropped afterwards — or a named database kept between runs
(`--stats-db NAME`, or `XIUHUA_BENCH_STATS_DB=NAME` for `make bench-full`): seeded once when it
does not exist yet, measured as it is when it does, never dropped. `--reuse-db NAME` measures an
existing seeded database and never seeds.

The API stage logs in like a client: a leader (领导) user is created in the measured database
and gets its token from `POST /api/v1/auth/token`.

Measured, in-process through the service functions (SQL + Python, one unit of work each):

- `stats_month_p95_ms`: indicator tables of one month, every scope (district … shift leader;
  cell scope paged at 1,000 rows), months drawn at random from the seeded span;
- `stats_year_p95_ms`: the same for whole years;
- `ranking_month_p95_ms`: the monthly assessment ranking (units and streets, with last month);
- the refresher: cases per second re-applied from the outbox;
- the API (uvicorn, 2 workers) serving the stats endpoints: latency and each worker's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bench.common import summarize_ns
from bench.scratch import DEFAULT_TEMPLATE, create_scratch, ensure_demo_city, url_for

STATS_DB_ENV = "XIUHUA_BENCH_STATS_DB"
BENCH_LEADER = "bench-leader"
# Set on a kept stats database once its seeding finished: a database without it is a seed that
# was interrupted, which the bench refuses to measure (drop it and run again).
SEEDED_MARK = "xiuhua bench stats: seeded"
SCOPES = (
    "district",
    "street",
    "community",
    "cell",
    "unit",
    "category",
    "source",
    "inspector",
    "operator",
    "dispatcher",
    "shift_leader",
)


def _months(engine: Engine) -> list[date]:
    with engine.connect() as c:
        lo, hi = c.execute(
            text("SELECT min(report_day), max(report_day) FROM stats_case_fact")
        ).one()
    out, d = [], date(lo.year, lo.month, 1)
    while d <= hi:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _timed(fn: Any) -> int:
    t = time.perf_counter_ns()
    fn()
    return time.perf_counter_ns() - t


def measure_reads(engine: Engine, rounds: int, seed: int = 1) -> dict[str, Any]:
    """Time month/year indicator tables and month rankings (in-process service calls)."""
    from app.core.clock import now as clock_now
    from app.core.db import unit_of_work
    from app.stats import assessment, indicators
    from app.stats.periods import make_period

    rng = random.Random(seed)
    months = _months(engine)
    years = sorted({m.year for m in months})
    now = clock_now()
    per_scope: dict[str, dict[str, list[int]]] = {"month": {}, "year": {}}
    all_ns: dict[str, list[int]] = {"month": [], "year": [], "ranking": []}

    def table(scope: str, kind: str, on: date) -> None:
        with unit_of_work(engine) as s:
            p = make_period(kind, on=on, today=now.date(), max_days=400)
            t = indicators.indicator_table(
                s, scope, p, now=now, limit=1000 if scope == "cell" else None
            )
            list(t.rows)

    # warm the caches once per scope (first touches read from disk)
    for scope in SCOPES:
        table(scope, "month", months[-2])
    for _ in range(rounds):
        for scope in SCOPES:
            for kind, on in (
                ("month", rng.choice(months)),
                ("year", date(rng.choice(years), 6, 1)),
            ):
                ns = _timed(lambda s=scope, k=kind, o=on: table(s, k, o))
                per_scope[kind].setdefault(scope, []).append(ns)
                all_ns[kind].append(ns)
        for kind in ("unit", "street"):
            m = rng.choice(months[1:])

            def rank(k: str = kind, mm: date = m) -> None:
                with unit_of_work(engine) as s:
                    list(assessment.ranking(s, k, mm, now=now).rows)

            all_ns["ranking"].append(_timed(rank))
    return {
        "month": summarize_ns(all_ns["month"]),
        "year": summarize_ns(all_ns["year"]),
        "ranking": summarize_ns(all_ns["ranking"]),
        "month_by_scope": {k: summarize_ns(v)["p95_ms"] for k, v in per_scope["month"].items()},
        "year_by_scope": {k: summarize_ns(v)["p95_ms"] for k, v in per_scope["year"].items()},
        "months": len(months),
    }


def measure_refresh(engine: Engine, cases: int) -> dict[str, Any]:
    """Queue `cases` existing cases and time the refresher applying them (facts and rollups)."""
    from app.stats import facts

    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO stats_outbox (case_id) SELECT id FROM dispatch_case"
                " ORDER BY id DESC LIMIT :n"
            ),
            {"n": cases},
        )
    r = facts.refresh(engine)
    return {
        "refresh_cases": r.cases,
        "refresh_s": round(r.seconds, 2),
        "refresh_cases_per_s": round(r.cases / r.seconds) if r.seconds else None,
    }


def measure_api(database_url: str, requests: int, seed: int = 1) -> dict[str, Any]:
    """Serve the stats endpoints from uvicorn; latency and the largest worker's peak RSS."""
    import httpx

    from bench.api import rss_mb, uvicorn_server, worker_pids

    engine = create_engine(database_url)
    months = _months(engine)
    engine.dispose()
    rng = random.Random(seed)
    from bench.accounts import ensure_jwt_secret, ensure_user, login

    ensure_jwt_secret()  # before the server starts: it inherits the key
    ensure_user(database_url, BENCH_LEADER, "leader")
    paths = []
    for _ in range(requests):
        scope = rng.choice(SCOPES)
        kind = rng.choice(("month", "year"))
        m = rng.choice(months)
        q = {"scope": scope, "period": kind, "date": m.isoformat()}
        if scope == "cell":
            q["limit"] = "10000"  # the largest page the default limits allow
        paths.append("/api/v1/stats/indicators?" + urlencode(q))
    paths += [
        "/api/v1/stats/hotspots.geojson?"
        + urlencode({"period": "year", "date": months[-2].isoformat()})
    ]
    env = {"XIUHUA_SWEEPER_INTERVAL_S": "0", "XIUHUA_STATS_REFRESH_INTERVAL_S": "0"}
    ns: list[int] = []
    peak = 0.0
    # 2 workers (as deployed; bench.api's readiness check expects worker processes)
    with uvicorn_server(database_url, workers=2, extra_env=env) as server:
        pids = worker_pids(server.proc.pid)
        with httpx.Client(base_url=server.base_url, timeout=60) as client:
            client.headers.update(login(client, BENCH_LEADER))
            for p in paths:
                t = time.perf_counter_ns()
                r = client.get(p)
                ns.append(time.perf_counter_ns() - t)
                if r.status_code != 200:
                    raise RuntimeError(f"{p}: {r.status_code} {r.text[:200]}")
                peak = max(peak, max((rss_mb(x) or 0.0) for x in pids))
        hwm = max((_hwm_mb(p) or 0.0) for p in pids)
    return {
        "api_requests": len(paths),
        "api_latency": summarize_ns(ns),
        "api_worker_rss_mb": peak,
        "api_worker_peak_rss_mb": hwm,
    }


def _hwm_mb(pid: int) -> float | None:
    import re
    from pathlib import Path

    try:
        m = re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
    except OSError:
        return None
    return round(int(m.group(1)) / 1024, 1) if m else None


def _exists(admin: Engine, name: str) -> bool:
    with admin.connect() as c:
        return bool(
            c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
        )


def _seeded_mark(admin: Engine, name: str) -> str | None:
    with admin.connect() as c:
        return c.execute(  # type: ignore[no-any-return]
            text(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n"
            ),
            {"n": name},
        ).scalar()


def bench_stats(
    database_url: str,
    cases: int,
    *,
    template: str | None = DEFAULT_TEMPLATE,
    reuse_db: str | None = None,
    stats_db: str | None = None,
    rounds: int = 20,
    api_requests: int = 60,
    keep: bool = False,
    years: float = 3.0,
) -> dict[str, Any]:
    """Seed (or reuse) a stats database and measure the reads; drop only a scratch database.

    `reuse_db`: an existing seeded database, measured as it is. `stats_db`: a database kept
    between runs, seeded with `cases` cases the first time (when it does not exist).
    """
    from app.core.config import get_settings
    from app.demo.seed_history import SeedOptions, seed_history

    admin = create_engine(url_for(database_url, "postgres"), isolation_level="AUTOCOMMIT")
    kept = reuse_db or stats_db
    name = kept or f"xiuhua_stats_{uuid.uuid4().hex[:10]}"
    url = url_for(database_url, name)
    engine: Engine | None = None
    out: dict[str, Any] = {"stats_db": name}
    seed = reuse_db is None and not (stats_db and _exists(admin, stats_db))
    try:
        if seed:
            out["stats_db_created"] = create_scratch(admin, database_url, name, template)
            built = ensure_demo_city(url, get_settings().demo_district)
            if built is not None:
                out["stats_demo_build_s"] = built
            engine = create_engine(url)
            summary = seed_history(
                engine, SeedOptions(cases=cases, years=years, until=datetime.now(UTC))
            )
            if stats_db:
                with admin.connect() as c:
                    c.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{SEEDED_MARK}'"))
            out |= {
                "stats_seeded_now": True,
                "stats_seed_s": round(summary.seconds, 1),
                "stats_seed_copy_s": round(summary.copy_seconds, 1),
                "stats_seed_facts_s": round(summary.facts_seconds, 1),
                "stats_seed_rollups_s": round(summary.rollup_seconds, 1),
                "stats_seed_events": summary.events,
                "stats_seed_stages": summary.stages,
            }
        else:
            if not _exists(admin, name):
                raise RuntimeError(f"stats database {name!r} does not exist")
            if stats_db and _seeded_mark(admin, name) != SEEDED_MARK:
                raise RuntimeError(
                    f"stats database {name!r} exists but its seeding never finished:"
                    f' drop it (DROP DATABASE "{name}") and run again to seed it anew'
                )
            out["stats_seeded_now"] = False
            engine = create_engine(url)
        with engine.connect() as c:
            out["stats_cases"] = c.execute(
                text("SELECT count(*) FROM stats_case_fact")
            ).scalar_one()
            out["stats_open_cases"] = c.execute(
                text("SELECT count(*) FROM stats_case_fact WHERE is_open")
            ).scalar_one()
            out["stats_db_size"] = c.execute(
                text("SELECT pg_size_pretty(pg_database_size(current_database()))")
            ).scalar_one()
        reads = measure_reads(engine, rounds)
        out |= {
            "stats_month_p95_ms": reads["month"]["p95_ms"],
            "stats_month_p50_ms": reads["month"]["p50_ms"],
            "stats_year_p95_ms": reads["year"]["p95_ms"],
            "stats_year_p50_ms": reads["year"]["p50_ms"],
            "ranking_month_p95_ms": reads["ranking"]["p95_ms"],
            "ranking_month_p50_ms": reads["ranking"]["p50_ms"],
            "stats_reads": reads,
        }
        engine.dispose()
        if api_requests:
            out |= measure_api(url, api_requests)
        out |= measure_refresh(engine, 5000)
        return out
    finally:
        if engine is not None:
            engine.dispose()
        if kept is None and not keep:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.stats --cases N | --reuse-db NAME`: print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=200_000)
    p.add_argument("--database-url", default=None)
    p.add_argument("--template", default=DEFAULT_TEMPLATE)
    p.add_argument("--reuse-db", default=None, help="an already seeded database (kept)")
    p.add_argument(
        "--stats-db",
        default=os.environ.get(STATS_DB_ENV) or None,
        help=f"a database kept between runs, seeded only when absent (env {STATS_DB_ENV})",
    )
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--api-requests", type=int, default=60)
    p.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = p.parse_args(argv)
    # as bench.run: the served app without the production start-up checks (secrets in .env)
    os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
    from app.core.config import get_settings

    url = args.database_url or get_settings().database_url
    result = bench_stats(
        url,
        args.cases,
        template=args.template,
        reuse_db=args.reuse_db,
        stats_db=args.stats_db,
        rounds=args.rounds,
        api_requests=args.api_requests,
        keep=args.keep,
    )
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
