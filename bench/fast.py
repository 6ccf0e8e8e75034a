"""Batch intake, transitions through the API and bulk dispatch, in the intake clone.

Measured in-process: the app (`create_app()`) called through Starlette's TestClient from one
thread, with real tokens and a real intake API key, on the throwaway clone of `bench.intake`
(so the figures carry the test client's cost too; they are lower bounds of what uvicorn gives).

- `intake_batch_cases_per_s`: `POST /api/v1/intake/reports:batch`, batches of 500 machine reports
  (each with its own idempotency key), cases created per second of wall time;
- `transitions_api_per_s`: `POST /api/v1/cases/{id}/actions/file` then `…/dispatch` on those
  cases, one request per transition, transitions per second;
- `bulk_dispatch_1000_s`: `POST /api/v1/centre/dispatch-board/dispatch` with 1,000 filed cases,
  wall time of the one request.
"""

from __future__ import annotations

import os
import time
from typing import Any

BATCH = 500


def _token(clone_url: str, role: str, name: str) -> dict[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from app.core.clock import now
    from app.identity.models import User
    from app.identity.service import issue_tokens

    engine = create_engine(clone_url)
    try:
        with Session(engine) as s:
            uid = s.execute(
                text(
                    "INSERT INTO account_user (username, display_name, role) VALUES (:u, :d, :r)"
                    " ON CONFLICT (username) DO UPDATE SET active = true RETURNING id"
                ),
                {"u": name, "d": name, "r": role},
            ).scalar_one()
            user = s.get_one(User, uid)
            token = issue_tokens(user, now()).access_token
            s.commit()
    finally:
        engine.dispose()
    return {"Authorization": f"Bearer {token}"}


def _intake_key(clone_url: str) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.core.clock import now
    from app.identity.service import create_api_key

    engine = create_engine(clone_url)
    try:
        with Session(engine) as s:
            _, raw = create_api_key(s, "bench-batch", ["intake"], now(), rate_per_min=10**9)
            s.commit()
    finally:
        engine.dispose()
    return raw


def measure_fast(
    clone_url: str, bodies: list[dict[str, Any]], batches: int, transitions: int
) -> dict[str, Any]:
    """Batch intake, API transitions and one bulk dispatch of 1,000 cases."""
    os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
    os.environ.setdefault("XIUHUA_LOG_LEVEL", "WARNING")
    from fastapi.testclient import TestClient

    from app.api import deps
    from app.core.db import get_engine, unit_of_work
    from app.main import create_app

    engine = get_engine(clone_url)

    def request_session() -> Any:
        with unit_of_work(engine) as session:
            yield session

    key = _intake_key(clone_url)
    leader = _token(clone_url, "shift_leader", "bench-leader")
    dispatcher = _token(clone_url, "dispatcher", "bench-dispatcher")
    app = create_app()
    app.dependency_overrides[deps.get_session] = request_session
    out: dict[str, Any] = {}
    created: list[int] = []
    with TestClient(app) as client:
        # batch intake
        n_items = batches * BATCH
        items = [
            {
                "idempotency_key": f"bench-batch-{i}",
                "category": b["category"],
                "lon": b["lon"],
                "lat": b["lat"],
                "description": b["description"],
                "source": "video",
            }
            for i, b in enumerate((bodies * (n_items // len(bodies) + 1))[:n_items])
        ]
        t0 = time.perf_counter()
        for k in range(batches):
            r = client.post(
                "/api/v1/intake/reports:batch",
                json={"reports": items[k * BATCH : (k + 1) * BATCH]},
                headers={"X-API-Key": key},
            )
            if r.status_code != 200:
                raise RuntimeError(f"batch not 200: {r.status_code} {r.text[:300]}")
            created += [x["id"] for x in r.json()["results"] if x["status"] == "created"]
        elapsed = time.perf_counter() - t0
        out["batch"] = {
            "reports": n_items,
            "created": len(created),
            "elapsed_s": round(elapsed, 2),
            "cases_per_s": round(len(created) / elapsed, 1) if elapsed else None,
        }
        # transitions through the API: file, then dispatch (one request each)
        chosen = created[:transitions]
        done, t0 = 0, time.perf_counter()
        for cid in chosen:
            if client.post(f"/api/v1/cases/{cid}/actions/file", headers=leader).status_code == 200:
                done += 1
        for cid in chosen:
            r = client.post(f"/api/v1/cases/{cid}/actions/dispatch", headers=dispatcher)
            done += r.status_code == 200
        elapsed = time.perf_counter() - t0
        out["transitions"] = {
            "n": done,
            "elapsed_s": round(elapsed, 2),
            "per_s": round(done / elapsed, 1) if elapsed else None,
        }
        # bulk dispatch of 1,000 filed cases (filed through the API first, untimed)
        pool = created[transitions : transitions + 1000]
        for cid in pool:
            client.post(f"/api/v1/cases/{cid}/actions/file", headers=leader)
        t0 = time.perf_counter()
        r = client.post(
            "/api/v1/centre/dispatch-board/dispatch",
            json={"case_ids": pool},
            headers=dispatcher,
        )
        elapsed = time.perf_counter() - t0
        body = r.json() if r.status_code == 200 else {}
        out["bulk_dispatch"] = {
            "n": len(pool),
            "ok": body.get("ok"),
            "status": r.status_code,
            "elapsed_s": round(elapsed, 3) if len(pool) == 1000 and body.get("ok") else None,
        }
    return out
