"""Where one report goes: SQL round trips and Python time of `POST /api/v1/cases`, in-process.

    python -m bench.profile_report [--reports 300] [--database-url URL] [--top 25]

Runs on a throwaway clone (`bench.intake.clone`): the app is built with `create_app()` and called
through Starlette's TestClient in this process, with a real inspector token. Every statement
psycopg runs (SQLAlchemy's and the driver-level ones alike) and every COMMIT is counted and
timed at psycopg's cursor (`counted_at_driver`), so the round trips and the SQL wall time per
report are exact; the rest of the request's wall time is Python (FastAPI, validation, the
service, JSON, the client). A cProfile pass over the same requests lists the functions with the
most cumulative time. A diagnostic, not part of `make bench`; docs/PERFORMANCE.md quotes it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench.common import summarize_ns
from bench.points import Workload


def _label(statement: str) -> str:
    s = " ".join(statement.split())
    head = s[:90]
    for word in ("INSERT INTO ", "UPDATE ", "DELETE FROM "):
        if s.startswith(word):
            return word + s[len(word) :].split(" ", 1)[0]
    if s.startswith("SELECT pg_advisory_xact_lock"):
        return "SELECT pg_advisory_xact_lock (idempotency)"
    if " FROM " in s:
        tail = s.split(" FROM ", 1)[1].split(" ", 1)[0]
        return f"SELECT … FROM {tail}"
    return head


@contextmanager
def counted_at_driver(stmts: list[tuple[str, int]]) -> Iterator[None]:
    """Count and time every statement psycopg runs and every COMMIT into `stmts` (label, ns).

    At psycopg's cursor, sync and async alike (the endpoints on the event loop use the async
    driver), so SQLAlchemy's statements and the driver-level ones (`app.core.db.fetch_one/
    fetch_all`) are all counted; BEGIN, sent by psycopg itself, is not.
    """
    import psycopg

    def note(query: Any, t: int) -> None:
        sql = query if isinstance(query, str) else str(query)
        stmts.append((_label(sql.replace("%(", "(")), time.perf_counter_ns() - t))

    cursor_execute = psycopg.Cursor.execute
    connection_commit = psycopg.Connection.commit
    async_execute = psycopg.AsyncCursor.execute
    async_commit = psycopg.AsyncConnection.commit

    def counted_execute(self: Any, query: Any, *a: Any, **k: Any) -> Any:
        t = time.perf_counter_ns()
        try:
            return cursor_execute(self, query, *a, **k)
        finally:
            note(query, t)

    def counted_commit(self: Any) -> Any:
        t = time.perf_counter_ns()
        try:
            return connection_commit(self)
        finally:
            stmts.append(("COMMIT", time.perf_counter_ns() - t))

    async def counted_async_execute(self: Any, query: Any, *a: Any, **k: Any) -> Any:
        t = time.perf_counter_ns()
        try:
            return await async_execute(self, query, *a, **k)
        finally:
            note(query, t)

    async def counted_async_commit(self: Any) -> Any:
        t = time.perf_counter_ns()
        try:
            return await async_commit(self)
        finally:
            stmts.append(("COMMIT", time.perf_counter_ns() - t))

    patches: list[tuple[Any, str, Any, Any]] = [
        (psycopg.Cursor, "execute", cursor_execute, counted_execute),
        (psycopg.Connection, "commit", connection_commit, counted_commit),
        (psycopg.AsyncCursor, "execute", async_execute, counted_async_execute),
        (psycopg.AsyncConnection, "commit", async_commit, counted_async_commit),
    ]
    for cls, name, _, counted in patches:
        setattr(cls, name, counted)
    try:
        yield
    finally:
        for cls, name, original, _ in patches:
            setattr(cls, name, original)


def profile(database_url: str, reports: int, top: int) -> dict[str, Any]:
    """Profile `reports` reports through the API against a clone of `database_url`."""
    from bench.intake import clone, inspector_tokens, report_bodies

    with clone(database_url) as url:
        os.environ["XIUHUA_DATABASE_URL"] = url
        os.environ.setdefault("XIUHUA_LOG_LEVEL", "WARNING")
        os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
        os.environ.setdefault(
            "XIUHUA_REPORT_MIN_PHOTOS", "{}"
        )  # measures the path, not the photo rule

        from app.core.config import get_settings

        get_settings.cache_clear()
        headers = inspector_tokens(url, 1)[0]
        from fastapi.testclient import TestClient

        from app.core.db import get_engine
        from app.main import create_app

        engine = get_engine(url)
        import psycopg

        from bench import points as pts
        from bench.common import libpq_uri

        with psycopg.connect(libpq_uri(url), autocommit=True) as conn:
            sample = pts.sample_points(conn, max(reports * 2, 200), 20261121)
            square = pts.inscribed_square(conn)
            cats, _ = pts.existing_categories(conn, list(pts.DEFAULT_CATEGORIES))
        work = Workload(sample, cats, 20261121, None, square)
        bodies = report_bodies(work, reports * 2 + 10, seed=7)
        stmts: list[tuple[str, int]] = []
        counting = counted_at_driver(stmts)
        counting.__enter__()  # for the rest of this process (a diagnostic run)

        # the endpoint body (report_once) runs in a worker thread: time it and profile it there
        import app.api.cases as api_cases

        inner = api_cases.report_once
        endpoint_ns: list[int] = []
        prof = cProfile.Profile()
        profiling = [False]

        def timed_report_once(*a: Any, **k: Any) -> Any:
            t = time.perf_counter_ns()
            if profiling[0]:
                prof.enable()
            try:
                return inner(*a, **k)
            finally:
                if profiling[0]:
                    prof.disable()
                endpoint_ns.append(time.perf_counter_ns() - t)

        api_cases.report_once = timed_report_once  # type: ignore[assignment]
        out: dict[str, Any] = {}
        with TestClient(create_app()) as client:
            for b in bodies[:10]:  # warm imports, pool, prepared statements
                r = client.post("/api/v1/cases", json=b, headers=headers)
                if r.status_code != 201:
                    raise RuntimeError(f"report not 201: {r.status_code} {r.text[:300]}")
            endpoint_ns.clear()
            per_req_stmts: list[int] = []
            sql_ns: list[int] = []
            wall_ns: list[int] = []
            cpu_ns: list[int] = []
            labels: Counter[str] = Counter()
            label_ns: Counter[str] = Counter()
            for i, b in enumerate(bodies[10 : 10 + reports]):
                stmts.clear()
                h = headers | {"Idempotency-Key": f"profile-{i}"}
                c0, t0 = time.process_time_ns(), time.perf_counter_ns()
                r = client.post("/api/v1/cases", json=b, headers=h)
                wall_ns.append(time.perf_counter_ns() - t0)
                cpu_ns.append(time.process_time_ns() - c0)
                assert r.status_code == 201, r.text
                per_req_stmts.append(len(stmts))
                sql_ns.append(sum(ns for _, ns in stmts))
                for lab, ns in stmts:
                    labels[lab] += 1
                    label_ns[lab] += ns
            n = len(wall_ns)
            wall = summarize_ns(wall_ns)
            out["reports"] = n
            out["round_trips_per_report"] = round(sum(per_req_stmts) / n, 2)
            out["wall_ms"] = wall
            out["sql_ms_mean"] = round(sum(sql_ns) / n / 1e6, 3)
            out["cpu_ms_mean"] = round(sum(cpu_ns) / n / 1e6, 3)
            out["python_ms_mean"] = round((sum(wall_ns) - sum(sql_ns)) / n / 1e6, 3)
            out["endpoint_body_ms_mean"] = round(sum(endpoint_ns) / n / 1e6, 3)
            out["outside_endpoint_ms_mean"] = round((sum(wall_ns) - sum(endpoint_ns)) / n / 1e6, 3)
            out["statements"] = [
                {
                    "statement": lab,
                    "per_report": round(c / n, 2),
                    "us_per_report": round(label_ns[lab] / n / 1e3, 1),
                }
                for lab, c in labels.most_common()
            ]
            profiling[0] = True
            rest = bodies[10 + reports : 10 + 2 * reports]
            for i, b in enumerate(rest):
                client.post(
                    "/api/v1/cases", json=b, headers=headers | {"Idempotency-Key": f"prof-{i}"}
                )
            profiling[0] = False
            out["cprofile_top"] = cprofile_table(prof, top)
        engine.dispose()
        return out


def cprofile_table(prof: cProfile.Profile, top: int) -> str:
    """The `top` functions by cumulative, then by own time (the text pstats prints)."""
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def run_cli(
    doc: str,
    count: str,
    profile_fn: Callable[[str, int, int], dict[str, Any]],
    argv: list[str] | None,
) -> int:
    """The profilers' command line: `count` (e.g. --reports) requests, --top, --database-url.

    Prints the profile as JSON and the cProfile table on stderr.
    """
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument(count, type=int, default=300, dest="n")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--database-url", default=None)
    a = p.parse_args(argv)
    from app.core.config import get_settings

    res = profile_fn(a.database_url or get_settings().database_url, a.n, a.top)
    print(res.pop("cprofile_top"), file=sys.stderr)
    print(json.dumps(res, ensure_ascii=False, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Print the profile of one report as JSON (the cProfile table on stderr)."""
    return run_cli(__doc__ or "", "--reports", profile, argv)


if __name__ == "__main__":
    raise SystemExit(main())
