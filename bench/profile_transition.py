"""Where one transition goes: SQL round trips and Python time of `POST /cases/{id}/actions/…`.

    python -m bench.profile_transition [--cases 300] [--database-url URL] [--top 25]

Runs on a throwaway clone (`bench.intake.clone`), in-process through Starlette's TestClient with
real tokens, as `bench.profile_report` does for a report: cases are created by batch intake
(untimed), then each is filed (shift leader), dispatched to one unit (dispatcher) and signed for
(that unit's handler), one request each. An engine event listener counts and times every
statement of each request; a cProfile pass over a second set of cases lists the functions with
the most time inside the endpoint body. A diagnostic, not part of `make bench`;
docs/PERFORMANCE.md quotes it.
"""

from __future__ import annotations

import cProfile
import os
import time
from collections import Counter
from typing import Any

from bench.common import summarize_ns
from bench.profile_report import _label, cprofile_table, run_cli

ACTIONS = ("file", "dispatch", "sign")


def _cases(client: Any, key: str, bodies: list[dict[str, Any]], n: int) -> list[int]:
    """Create `n` cases by batch intake (untimed) and return their ids."""
    out: list[int] = []
    i = 0
    while len(out) < n:
        items = [
            {
                "idempotency_key": f"profile-transition-{i + k}",
                "category": b["category"],
                "lon": b["lon"],
                "lat": b["lat"],
                "description": b["description"],
                "source": "video",
            }
            for k, b in enumerate(bodies[i : i + 500])
        ]
        i += len(items)
        r = client.post(
            "/api/v1/intake/reports:batch", json={"reports": items}, headers={"X-API-Key": key}
        )
        if r.status_code != 200:
            raise RuntimeError(f"batch not 200: {r.status_code} {r.text[:300]}")
        out += [x["id"] for x in r.json()["results"] if x["status"] == "created"]
        if not items:
            break
    return out[:n]


def profile(database_url: str, cases: int, top: int) -> dict[str, Any]:
    """Profile file → dispatch → sign of `cases` cases through the API on a clone."""
    from bench.fast import _intake_key, _token, any_unit
    from bench.intake import clone, report_bodies

    with clone(database_url) as url:
        os.environ["XIUHUA_DATABASE_URL"] = url
        os.environ.setdefault("XIUHUA_LOG_LEVEL", "WARNING")
        os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
        os.environ.setdefault("XIUHUA_JWT_SECRET", "bench-" + os.urandom(24).hex())
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        from app.core.config import get_settings

        get_settings.cache_clear()
        import psycopg

        from bench import points as pts
        from bench.common import libpq_uri
        from bench.points import Workload

        with psycopg.connect(libpq_uri(url), autocommit=True) as conn:
            sample = pts.sample_points(conn, max(cases * 4, 400), 20261121)
            square = pts.inscribed_square(conn)
            cats, _ = pts.existing_categories(conn, list(pts.DEFAULT_CATEGORIES))
        bodies = report_bodies(Workload(sample, cats, 20261121, None, square), cases * 2 + 40, 7)
        unit_id = any_unit(url)
        key = _intake_key(url)
        headers = {
            "file": _token(url, "shift_leader", "profile-leader"),
            "dispatch": _token(url, "dispatcher", "profile-dispatcher"),
            "sign": _token(url, "unit_handler", "profile-handler", unit_id),
        }
        from fastapi.testclient import TestClient

        from app.core.db import get_engine
        from app.main import create_app

        engine = get_engine(url)
        stmts: list[tuple[str, int]] = []
        t_exec: list[int] = []

        @event.listens_for(Engine, "before_cursor_execute")
        def _before(conn: Any, cursor: Any, statement: str, *a: Any) -> None:
            t_exec.append(time.perf_counter_ns())

        @event.listens_for(Engine, "after_cursor_execute")
        def _after(conn: Any, cursor: Any, statement: str, *a: Any) -> None:
            stmts.append((_label(statement), time.perf_counter_ns() - t_exec.pop()))

        @event.listens_for(Engine, "commit")
        def _commit(conn: Any) -> None:
            stmts.append(("COMMIT (not timed)", 0))

        # the endpoint body runs in a worker thread: profile it there (`once` wraps it all)
        import app.api.cases as api_cases

        inner = api_cases.once
        prof = cProfile.Profile()
        profiling = [False]
        endpoint_ns: list[int] = []

        def timed_once(*a: Any, **k: Any) -> Any:
            t = time.perf_counter_ns()
            if profiling[0]:
                prof.enable()
            try:
                return inner(*a, **k)
            finally:
                if profiling[0]:
                    prof.disable()
                endpoint_ns.append(time.perf_counter_ns() - t)

        api_cases.once = timed_once  # type: ignore[assignment]

        def post(cid: int, action: str, i: int) -> Any:
            body = {"unit_id": unit_id} if action == "dispatch" else None
            h = headers[action] | {"Idempotency-Key": f"pt-{action}-{cid}-{i}"}
            return client.post(f"/api/v1/cases/{cid}/actions/{action}", json=body, headers=h)

        out: dict[str, Any] = {"unit_id": unit_id}
        with TestClient(create_app()) as client:
            ids = _cases(client, key, bodies, cases * 2 + 10)
            for cid in ids[:10]:  # warm imports, pool, prepared statements
                for action in ACTIONS:
                    r = post(cid, action, 0)
                    if r.status_code != 200:
                        raise RuntimeError(f"{action} not 200: {r.status_code} {r.text[:300]}")
            measured, profiled = ids[10 : 10 + cases], ids[10 + cases :]
            for action in ACTIONS:
                endpoint_ns.clear()
                per_req: list[int] = []
                sql_ns: list[int] = []
                wall_ns: list[int] = []
                labels: Counter[str] = Counter()
                label_ns: Counter[str] = Counter()
                for cid in measured:
                    stmts.clear()
                    t0 = time.perf_counter_ns()
                    r = post(cid, action, 1)
                    wall_ns.append(time.perf_counter_ns() - t0)
                    assert r.status_code == 200, r.text
                    per_req.append(len(stmts))
                    sql_ns.append(sum(ns for _, ns in stmts))
                    for lab, ns in stmts:
                        labels[lab] += 1
                        label_ns[lab] += ns
                n = len(wall_ns)
                out[action] = {
                    "n": n,
                    "round_trips": round(sum(per_req) / n, 2),
                    "wall_ms": summarize_ns(wall_ns),
                    "sql_ms_mean": round(sum(sql_ns) / n / 1e6, 3),
                    "endpoint_body_ms_mean": round(sum(endpoint_ns) / n / 1e6, 3),
                    "statements": [
                        {
                            "statement": lab,
                            "per_request": round(c / n, 2),
                            "us_per_request": round(label_ns[lab] / n / 1e3, 1),
                        }
                        for lab, c in labels.most_common()
                    ],
                }
            profiling[0] = True
            for action in ACTIONS:
                for cid in profiled:
                    post(cid, action, 2)
            profiling[0] = False
        out["cprofile_top"] = cprofile_table(prof, top)
        engine.dispose()
        return out


def main(argv: list[str] | None = None) -> int:
    """Print the profile of file/dispatch/sign as JSON (the cProfile table on stderr)."""
    return run_cli(__doc__ or "", "--cases", profile, argv)


if __name__ == "__main__":
    raise SystemExit(main())
