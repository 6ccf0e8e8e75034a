"""`python -m bench.breakdown [--points N]`: where a locate's time goes, step by step.

A diagnostic behind docs/PERFORMANCE.md, not part of `make bench`. Each variant runs on the
same points, interleaved, in this one process; besides wall p50 it reports the client process's
CPU time per call, which other load on a shared machine barely moves. Variants marked "what-if"
change nothing in app/: they build their own sessionmaker / engine options / app copy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode


def _rows(results: dict[str, tuple[list[int], int]]) -> list[str]:
    out = [f"  {'variant':<58} {'wall p50 µs':>12} {'CPU µs/call':>12}"]
    for name, (wall, cpu) in results.items():
        w = sorted(wall)
        out.append(f"  {name:<58} {w[len(w) // 2] / 1e3:>12.0f} {cpu / len(w) / 1e3:>12.0f}")
    return out


def _interleave(
    points: list[tuple[float, float]], variants: dict[str, Callable[[float, float], Any]]
) -> dict[str, tuple[list[int], int]]:
    names = list(variants)
    wall: dict[str, list[int]] = {n: [] for n in names}
    cpu = dict.fromkeys(names, 0)
    for lon, lat in points[:200]:
        for n in names:
            variants[n](lon, lat)
    for i, (lon, lat) in enumerate(points):
        k = i % len(names)
        for n in names[k:] + names[:k]:
            c0, t0 = time.process_time_ns(), time.perf_counter_ns()
            variants[n](lon, lat)
            wall[n].append(time.perf_counter_ns() - t0)
            cpu[n] += time.process_time_ns() - c0
    return {n: (wall[n], cpu[n]) for n in names}


async def _interleave_async(
    points: list[tuple[float, float]],
    variants: dict[str, Callable[[float, float], Awaitable[None]]],
) -> dict[str, tuple[list[int], int]]:
    names = list(variants)
    wall: dict[str, list[int]] = {n: [] for n in names}
    cpu = dict.fromkeys(names, 0)
    for lon, lat in points[:200]:
        for n in names:
            await variants[n](lon, lat)
    for i, (lon, lat) in enumerate(points):
        k = i % len(names)
        for n in names[k:] + names[:k]:
            c0, t0 = time.process_time_ns(), time.perf_counter_ns()
            await variants[n](lon, lat)
            wall[n].append(time.perf_counter_ns() - t0)
            cpu[n] += time.process_time_ns() - c0
    return {n: (wall[n], cpu[n]) for n in names}


def main(argv: list[str] | None = None) -> None:
    """Print the step-by-step breakdown of locate (service layers, then the ASGI app)."""
    p = argparse.ArgumentParser(prog="python -m bench.breakdown")
    p.add_argument("--points", type=int, default=3000)
    p.add_argument("--database-url")
    args = p.parse_args(argv)
    if args.database_url:
        os.environ["XIUHUA_DATABASE_URL"] = args.database_url
    os.environ["XIUHUA_LOG_LEVEL"] = "WARNING"

    import psycopg
    from sqlalchemy.orm import sessionmaker

    from app.core.config import get_settings
    from app.core.db import get_engine, session_factory, unit_of_work
    from app.grid import service as gs
    from app.grid.coords import to_wgs84
    from bench.common import libpq_uri
    from bench.inproc import LOCATE_SQL, RAW_LOCATE_SQL
    from bench.points import sample_points

    settings = get_settings()
    uri = libpq_uri(settings.database_url)
    raw = psycopg.connect(uri, autocommit=True)
    pts = sample_points(raw, args.points, 17)
    engine = get_engine(settings.database_url)
    session = session_factory(engine)()
    conn = session.connection()
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    cached = sessionmaker(bind=engine, expire_on_commit=False)  # what-if: one sessionmaker
    autocommit = sessionmaker(  # what-if: read-only work without BEGIN/COMMIT
        bind=engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
    )

    def params(lon: float, lat: float) -> dict[str, float]:
        return gs.locate_params(lon, lat)

    def uow(lon: float, lat: float) -> None:
        with unit_of_work(engine) as s:
            gs.locate(s, to_wgs84(lon, lat))

    def uow_with(factory: Any, ping: bool) -> Callable[[float, float], None]:
        def run(lon: float, lat: float) -> None:
            engine.pool._pre_ping = ping  # type: ignore[attr-defined]  # what-if only
            s = factory()
            try:
                gs.locate(s, to_wgs84(lon, lat))
                s.commit()
            finally:
                s.close()
                engine.pool._pre_ping = True  # type: ignore[attr-defined]

        return run

    service_variants: dict[str, Callable[[float, float], Any]] = {
        "raw cell query, psycopg own connection": lambda x, y: raw.execute(
            RAW_LOCATE_SQL, (x, y), prepare=True
        ).fetchone(),
        "service SQL, psycopg own connection": lambda x, y: raw.execute(
            LOCATE_SQL, params(x, y), prepare=True
        ).fetchone(),
        "service SQL, the session's DBAPI connection": lambda x, y: dbapi.execute(
            LOCATE_SQL, params(x, y), prepare=True
        ).fetchone(),
        "service SQL, Connection.exec_driver_sql": lambda x, y: conn.exec_driver_sql(
            LOCATE_SQL, params(x, y)
        ).one_or_none(),
        "service SQL, Session.execute(text(...))": lambda x, y: session.execute(
            gs._LOCATE_SQL, params(x, y)
        ).one_or_none(),
        "locate(session, to_wgs84(...))  [the service]": lambda x, y: gs.locate(
            session, to_wgs84(x, y)
        ),
        "unit_of_work + locate  [as one API request]": uow,
        "what-if: cached sessionmaker": uow_with(cached, True),
        "what-if: cached sessionmaker, no pre-ping": uow_with(cached, False),
        "what-if: cached, no pre-ping, autocommit": uow_with(autocommit, False),
    }
    print(f"locate, {len(pts)} points, in-process (no HTTP):")
    print("\n".join(_rows(_interleave(pts, service_variants))))
    session.rollback()
    session.close()

    # The ASGI app in-process: no socket, no client; the difference to the service is FastAPI,
    # Starlette, the threadpool, the middleware, pydantic and JSON.
    from fastapi import Response

    from app.api.grid import location_out
    from app.main import create_app

    def add_whatif_route(target: Any) -> Any:
        # What-if: one threadpool hop (the session opened inside the sync endpoint instead of a
        # yield dependency, whose enter and exit each take a hop), one cached sessionmaker, and
        # the body serialised once by pydantic (no response_model re-validation).
        @target.get("/_whatif/locate")
        def whatif_locate(lon: float, lat: float) -> Response:
            s = cached()
            try:
                body = location_out(gs.locate(s, to_wgs84(lon, lat))).model_dump_json()
                s.commit()
            finally:
                s.close()
            return Response(body, media_type="application/json")

        return target

    app = add_whatif_route(create_app())
    bare = add_whatif_route(create_app())  # what-if: without the BaseHTTPMiddleware logger
    bare.user_middleware = [
        m for m in bare.user_middleware if "BaseHTTPMiddleware" not in repr(m.cls)
    ]
    bare.middleware_stack = None

    def asgi(target: Any, path: str) -> Callable[[float, float], Awaitable[None]]:
        async def call(lon: float, lat: float) -> None:
            qs = "" if path == "/healthz" else urlencode({"lon": lon, "lat": lat})
            scope = {
                "type": "http",
                "asgi": {"version": "3.0"},
                "http_version": "1.1",
                "method": "GET",
                "scheme": "http",
                "path": path,
                "raw_path": path.encode(),
                "query_string": qs.encode(),
                "root_path": "",
                "headers": [(b"host", b"127.0.0.1")],
                "client": ("127.0.0.1", 50000),
                "server": ("127.0.0.1", 8000),
            }
            status: list[int] = []

            async def receive() -> dict[str, Any]:
                return {"type": "http.request", "body": b"", "more_body": False}

            async def send(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    status.append(message["status"])

            await target(scope, receive, send)
            if status != [200]:
                raise RuntimeError(f"{path}: {status}")

        return call

    asgi_variants = {
        "GET /healthz (sync endpoint, no database)": asgi(app, "/healthz"),
        "what-if: GET /healthz without BaseHTTPMiddleware": asgi(bare, "/healthz"),
        "GET /api/v1/locate": asgi(app, "/api/v1/locate"),
        "what-if: GET /api/v1/locate without BaseHTTPMiddleware": asgi(bare, "/api/v1/locate"),
        "what-if: one hop, cached sessionmaker, one serialisation": asgi(app, "/_whatif/locate"),
        "what-if: the same without BaseHTTPMiddleware": asgi(bare, "/_whatif/locate"),
    }
    try:
        import uvloop

        runner: Any = uvloop.run
    except ImportError:
        runner = asyncio.run
    n = min(len(pts), 2000)
    print(f"\nASGI app in-process (CPU counts every thread of this process), {n} points:")
    print("\n".join(_rows(runner(_interleave_async(pts[:n], asgi_variants)))))
    raw.close()


if __name__ == "__main__":
    main()
