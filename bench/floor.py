"""The stack's own floor for a report: the raw statement behind a bare FastAPI endpoint.

`intake_floor_per_s` answers "how much of the gap between `POST /api/v1/cases` and the raw
PostgreSQL rate is the stack, and how much the product's own work?". The same two uvicorn
workers, the same wrk client, 16 connections and the same JSON bodies as the closed loop of
`POST /api/v1/cases`, but the endpoint is bare: Pydantic reads the body, one asyncpg pool per
worker runs the statement `pgbench` times for the raw rate (locate the cell and insert the case
row, `bench.intake.raw_insert_sql`), and the answer is the new id, number and cell. No
account, no middleware, no catalogue, routing, duplicate check, case number, clock, event,
idempotency record or case view: everything a report is, less what only the stack costs.

A measurement, not a product: this app is started by the bench alone (`floor_app`, a uvicorn
factory reading `XIUHUA_BENCH_FLOOR_DSN` and `XIUHUA_BENCH_FLOOR_IDS`).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from pydantic import BaseModel, Field

from bench.common import libpq_uri

DSN_ENV = "XIUHUA_BENCH_FLOOR_DSN"
IDS_ENV = "XIUHUA_BENCH_FLOOR_IDS"
POOL_SIZE = 8  # per worker, as each of the service's event-loop pools


class Body(BaseModel):
    """The fields of a report the raw statement uses (others in the JSON are ignored)."""

    category: str = Field(max_length=32)
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    description: str = Field(max_length=2000)


def floor_app() -> Any:
    """The bare endpoint (a uvicorn factory): `POST /api/v1/cases` and `GET /readyz`."""
    import asyncpg
    from fastapi import FastAPI, HTTPException

    from bench.intake import raw_insert_sql

    dsn = os.environ[DSN_ENV]
    # the statement pgbench times for the raw rate, with asyncpg's parameters
    sql = (
        raw_insert_sql(json.loads(os.environ[IDS_ENV])).replace(":lon", "$1").replace(":lat", "$2")
        + " RETURNING id, case_no, grid_code"
    )
    pool: Any = None

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        nonlocal pool
        pool = await asyncpg.create_pool(dsn, min_size=POOL_SIZE, max_size=POOL_SIZE)
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/readyz")
    async def ready() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/cases", status_code=201)
    async def report(body: Body) -> dict[str, Any]:
        async with pool.acquire() as conn:
            row = await conn.fetchrow(sql, body.lon, body.lat)
        if row is None:
            raise HTTPException(422, "outside every cell")
        return {"id": row["id"], "case_no": row["case_no"], "grid_code": row["grid_code"]}

    return app


def measure_floor(
    clone_url: str,
    bodies: list[dict[str, Any]],
    ids: dict[str, int],
    *,
    seconds: float,
    connections: int,
) -> dict[str, Any]:
    """Closed loop of the bare endpoint (wrk, `connections`), after a 2 s warm-up."""
    from bench import api

    wrk = api.find_wrk()
    if wrk is None:
        return {"skipped": "wrk is not installed"}
    uri = libpq_uri(clone_url)
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("CREATE SEQUENCE IF NOT EXISTS bench_raw_case_no")
    env = {DSN_ENV: uri, IDS_ENV: json.dumps(ids)}
    posts = [
        ("/api/v1/cases", {"Content-Type": "application/json"}, json.dumps(b, ensure_ascii=False))
        for b in bodies
    ]
    with api.uvicorn_server(
        clone_url, workers=2, app="bench.floor:floor_app", extra_env=env
    ) as server:
        pids = api.worker_pids(server.proc.pid)
        api.run_wrk_post(wrk, server.base_url, posts, connections, 2)
        cpu0, db0 = api.cpu_seconds(pids), api.postgres_cpu()
        out = api.run_wrk_post(wrk, server.base_url, posts, connections, int(seconds))
        used, db_used = api.cpu_seconds(pids) - cpu0, api.postgres_cpu_since(db0)
    ok = out.get("ok") or 0
    out["worker_cpu_ms_per_request"] = round(used * 1000 / ok, 3) if ok else None
    out["db_cpu_ms_per_request"] = (
        round(db_used * 1000 / ok, 3) if ok and db_used is not None else None
    )
    return out
