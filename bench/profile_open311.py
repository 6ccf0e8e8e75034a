"""Where one Open311 POST goes: round trips and Python time of `POST /open311/v2/requests.xml`.

    python -m bench.profile_open311 [--requests 300] [--top 25]

The method of `bench.profile_report`, for the Open311 path: on a throwaway clone, the app is
called through Starlette's TestClient in this process with a real API key (one key for every
request, as a FixMyStreet front end posts). Every statement the driver runs is counted and timed
(at psycopg's cursor: SQLAlchemy's and the driver-level ones alike; COMMIT at the connection); the endpoint's own parts are
timed apart — the API-key check, the shared report (`report_case`, the path `POST /api/v1/cases`
takes too), the rest of `submit_request` (service lookup, attributes, the
intake row, the notice) and the answer (`render`) — so what is specific to Open311 is the
endpoint time less `report_case`. A cProfile pass over the endpoint body (from the key check to
the rendered answer, in the worker thread) lists the functions with the most time.
A diagnostic, not part of `make bench`; docs/PERFORMANCE.md quotes it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench.common import summarize_ns
from bench.points import Workload
from bench.profile_report import counted_at_driver, cprofile_table


def profile(database_url: str, n: int, top: int, dump: str | None = None) -> dict[str, Any]:
    """Profile `n` Open311 POSTs (then `n` more under cProfile) on a clone of `database_url`."""
    from bench.intake import clone
    from bench.open311 import form_requests, key_and_services

    with clone(database_url) as url:
        os.environ["XIUHUA_DATABASE_URL"] = url
        os.environ.setdefault("XIUHUA_LOG_LEVEL", "WARNING")
        os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
        import psycopg
        from fastapi.testclient import TestClient

        import app.api.open311 as api_o311
        import app.channels.open311.service as svc_o311
        from app.core.config import get_settings
        from app.core.db import get_engine
        from app.main import create_app
        from bench import points as pts
        from bench.common import libpq_uri

        get_settings.cache_clear()
        with psycopg.connect(libpq_uri(url), autocommit=True) as conn:
            sample = pts.sample_points(conn, max(n * 2, 200), 20261121)
            square = pts.inscribed_square(conn)
            cats, _ = pts.existing_categories(conn, list(pts.DEFAULT_CATEGORIES))
        work = Workload(sample, cats, 20261121, None, square)
        api_key, services = key_and_services(url, cats)
        reqs = [
            (p.replace(".json", ".xml"), b)
            for p, b in form_requests(work, services, api_key, 2 * n + 10, 7)
        ]
        engine = get_engine(url)

        stmts: list[tuple[str, int]] = []
        counting = counted_at_driver(stmts)  # SQLAlchemy's and driver-level statements, COMMIT
        counting.__enter__()  # for the rest of this process (a diagnostic run)

        parts: dict[str, list[int]] = {}
        prof = cProfile.Profile()
        profiling = [False]

        def timed(
            name: str, fn: Callable[..., Any], start: bool = False, stop: bool = False
        ) -> Any:
            def wrapper(*a: Any, **k: Any) -> Any:
                if start and profiling[0]:
                    prof.enable()
                t = time.perf_counter_ns()
                try:
                    return fn(*a, **k)
                finally:
                    parts.setdefault(name, []).append(time.perf_counter_ns() - t)
                    if stop and profiling[0]:
                        prof.disable()

            return wrapper

        api_o311._api_key = timed("api key check", api_o311._api_key, start=True)  # type: ignore[assignment]
        api_o311.render = timed("answer (render)", api_o311.render, stop=True)  # type: ignore[assignment]
        svc_o311.submit_request = timed("submit_request (all)", svc_o311.submit_request)  # type: ignore[assignment]
        svc_o311.report_case = timed("  report_case (shared path)", svc_o311.report_case)  # type: ignore[assignment]
        api_o311.decode_pairs = timed("form decode", api_o311.decode_pairs)  # type: ignore[assignment]

        def post(client: TestClient, path: str, body: str) -> None:
            r = client.post(
                path, content=body, headers={"content-type": "application/x-www-form-urlencoded"}
            )
            if r.status_code != 200:
                raise RuntimeError(f"Open311 POST not 200: {r.status_code} {r.text[:300]}")

        out: dict[str, Any] = {"requests": n, "path": reqs[0][0]}
        with TestClient(create_app()) as client:
            for p, b in reqs[:10]:  # warm imports, pool, prepared statements, caches
                post(client, p, b)
            parts.clear()
            per_req: list[int] = []
            sql_ns: list[int] = []
            wall_ns: list[int] = []
            cpu_ns: list[int] = []
            labels: Counter[str] = Counter()
            label_ns: Counter[str] = Counter()
            for p, b in reqs[10 : 10 + n]:
                stmts.clear()
                c0, t0 = time.process_time_ns(), time.perf_counter_ns()
                post(client, p, b)
                wall_ns.append(time.perf_counter_ns() - t0)
                cpu_ns.append(time.process_time_ns() - c0)
                per_req.append(len(stmts))
                sql_ns.append(sum(ns for _, ns in stmts))
                for lab, ns in stmts:
                    labels[lab] += 1
                    label_ns[lab] += ns
            out["round_trips_per_request"] = round(sum(per_req) / n, 2)
            out["wall_ms"] = summarize_ns(wall_ns)
            out["sql_ms_mean"] = round(sum(sql_ns) / n / 1e6, 3)
            out["cpu_ms_mean"] = round(sum(cpu_ns) / n / 1e6, 3)
            out["parts_ms_mean"] = {k: round(sum(v) / n / 1e6, 3) for k, v in parts.items()}
            body = (
                sum(parts["api key check"])
                + sum(parts["submit_request (all)"])
                + sum(parts["answer (render)"])
            )
            out["open311_specific_ms_mean"] = round(
                (sum(wall_ns) - sum(parts["  report_case (shared path)"])) / n / 1e6, 3
            )
            out["endpoint_body_ms_mean"] = round(body / n / 1e6, 3)
            out["statements"] = [
                {
                    "statement": lab,
                    "per_request": round(c / n, 2),
                    "us_per_request": round(label_ns[lab] / n / 1e3, 1),
                }
                for lab, c in labels.most_common()
            ]
            profiling[0] = True
            for p, b in reqs[10 + n : 10 + 2 * n]:
                post(client, p, b)
            profiling[0] = False
            out["cprofile_top"] = cprofile_table(prof, top)
            if dump:
                prof.dump_stats(dump)
        engine.dispose()
        return out


def main(argv: list[str] | None = None) -> int:
    """Print the profile of one Open311 POST as JSON (the cProfile table on stderr)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--database-url", default=None)
    p.add_argument("--dump", help="also write the cProfile stats to this file (pstats format)")
    a = p.parse_args(argv)
    from app.core.config import get_settings

    url = a.database_url or get_settings().database_url
    res = profile(url, a.requests, a.top, a.dump)
    print(res.pop("cprofile_top"), file=sys.stderr)
    print(json.dumps(res, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
