"""Batch intake, transitions through the API and bulk dispatch, in the intake clone.

Measured in-process: the app (`create_app()`) called through Starlette's TestClient from one
thread, with real tokens and a real intake API key, on the throwaway clone of `bench.intake`
(so the figures carry the test client's cost too; they are lower bounds of what uvicorn gives).

- `intake_batch_cases_per_s`: `POST /api/v1/intake/reports:batch`, batches of 500 machine reports
  (each with its own idempotency key), cases created per second of wall time, one sender
  in-process;
- `intake_batch_http_cases_per_s`: the same over HTTP (uvicorn, 2 workers) with 4 senders at
  once, as a video platform's gateway sends from several feeds (`fast.batch_http`, 1 sender
  beside it);
- `transitions_api_per_s`: `POST /api/v1/cases/{id}/actions/file` then `…/dispatch` on those
  cases, one request per transition, transitions per second;
- `bulk_dispatch_1000_s`: `POST /api/v1/centre/dispatch-board/dispatch` with 1,000 filed cases,
  wall time of the one request;
- `bulk_sign_1000_s`: `POST /api/v1/units/queue/sign` with 1,000 cases dispatched to the
  caller's unit (with `XIUHUA_QUEUE_BULK_MAX=1000`), wall time of the one request.

`transitions_api_per_s` keeps its definition (file + dispatch); sign and handle (one photo each,
uploaded untimed) are timed beside them in `fast.transitions.per_action`, with this process's
CPU per request. The test client costs about as much CPU per request as the application, so
`transitions_http_per_s` measures file + dispatch of the cases left over a real server too
(uvicorn, 2 workers, 8 connections of the `bench.load` client on loopback), and
`transitions_http_all_per_s` all four actions there: the same file + dispatch (to one unit), then
sign and handle of 500 of those cases (one photo each, uploaded untimed).

    python -m bench.fast [--batches 6] [--transitions 500]

runs this stage alone on a clone of the configured database and prints its JSON.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

BATCH = 500
BATCH_SENDERS = (1, 4)  # senders at once for the HTTP batch figure (the last one is the figure)
BATCH_HTTP_CALLS = 26  # 500-report calls sent over HTTP: 2 to warm up, 12 per sender count


def _token(clone_url: str, role: str, name: str, unit_id: int | None = None) -> dict[str, str]:
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
                    "INSERT INTO account_user (username, display_name, role, unit_id)"
                    " VALUES (:u, :d, :r, :unit)"
                    " ON CONFLICT (username) DO UPDATE SET active = true, unit_id = :unit"
                    " RETURNING id"
                ),
                {"u": name, "d": name, "r": role, "unit": unit_id},
            ).scalar_one()
            user = s.get_one(User, uid)
            token = issue_tokens(user, now()).access_token
            s.commit()
    finally:
        engine.dispose()
    return {"Authorization": f"Bearer {token}"}


def any_unit(clone_url: str) -> int:
    """Return an active unit of the clone (the lowest id): the target of dispatches to be signed."""
    from sqlalchemy import create_engine, text

    engine = create_engine(clone_url)
    try:
        with engine.connect() as c:
            return int(c.execute(text("SELECT min(id) FROM grid_unit WHERE active")).scalar_one())
    finally:
        engine.dispose()


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


@contextmanager
def _setting(name: str, value: str) -> Iterator[None]:
    """Run with one deployment setting changed (environment + settings cache), then restore it."""
    from app.core.config import get_settings

    saved = os.environ.get(name)
    os.environ[name] = value
    get_settings.cache_clear()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved
        get_settings.cache_clear()


def _photo(client: Any, headers: dict[str, str]) -> str:
    """Upload one small JPEG through the API; return its attachment id."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 90, 40)).save(buf, "JPEG")
    r = client.post(
        "/api/v1/attachments",
        headers=headers,
        data={"kind": "after"},
        files={"file": ("p.jpg", buf.getvalue(), "image/jpeg")},
    )
    if r.status_code != 201:
        raise RuntimeError(f"upload not 201: {r.status_code} {r.text[:300]}")
    return str(r.json()["id"])


def _http_job(job: dict[str, Any], timeout_s: float) -> dict[str, Any]:
    """Run one `bench.load` job in its own process; return its JSON (or the error)."""
    import json
    import subprocess
    import sys

    from bench.common import ROOT

    with tempfile.TemporaryDirectory(prefix="xiuhua-bench-") as tmp:
        path = os.path.join(tmp, "job.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(job, f, ensure_ascii=False)
        proc = subprocess.run(
            [sys.executable, "-m", "bench.load", path],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-1000:]}
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def measure_transitions_http(
    clone_url: str,
    case_ids: list[int],
    headers: dict[str, dict[str, str]],
    connections: int = 8,
    unit_id: int | None = None,
) -> dict[str, Any]:
    """File, then dispatch, `case_ids` over HTTP: uvicorn with 2 workers, `connections` clients.

    Closed loop on loopback (the `bench.load` client, its own process), one request per
    transition; the figure is transitions per second of wall time over both passes, with the
    workers' CPU per transition. With `unit_id` (and `sign`/`handle` in `headers`: a handler of
    that unit), the cases are dispatched to that unit, and the first `SIGN_HANDLE_HTTP` of them
    are then signed and handled too (one photo each, uploaded untimed); `all_per_s` is the
    four actions' transitions per second.
    """
    from bench.api import uvicorn_server, worker_pids

    out: dict[str, Any] = {"connections": connections, "per_action": {}}
    warm, timed = case_ids[:50], case_ids[50:]
    four = unit_id is not None and "sign" in headers and "handle" in headers
    body: dict[str, Any] = {"dispatch": {"unit_id": unit_id}} if four else {}
    with (
        tempfile.TemporaryDirectory(prefix="xiuhua-bench-photos-") as photo_dir,
        uvicorn_server(
            clone_url, workers=2, extra_env={"XIUHUA_ATTACHMENT_DIR": photo_dir}
        ) as server,
    ):
        pids = worker_pids(server.proc.pid)
        totals = [0.0, 0.0, 0.0]  # transitions answered 200, wall seconds, workers' CPU seconds

        def run(action: str, ids: list[int], body_of: Any, record: bool = True) -> None:
            res, used = _http_pass(
                server.base_url, pids, action, ids, headers[action], connections, body_of
            )
            if record:
                totals[0] += _record(out, action, res, used)
                totals[1] += res.get("elapsed_s") or 0
                totals[2] += used

        for ids, record in ((warm, False), (timed, True)):
            for action in ("file", "dispatch"):
                run(action, ids, lambda _cid, a=action: body.get(a), record)
        _totals(out, "", *totals)
        if four:
            chosen = timed[:SIGN_HANDLE_HTTP]
            photos = _upload(server.base_url, headers["handle"], chosen)
            run("sign", chosen, lambda _cid: None)
            run("handle", chosen, lambda cid: {"photos": [photos[cid]]})
            _totals(out, "all_", *totals)
    return out


SIGN_HANDLE_HTTP = 500  # cases signed and handled over HTTP (each handle uploads a photo first)


def _http_pass(
    base_url: str,
    pids: list[int],
    action: str,
    ids: list[int],
    headers: dict[str, str],
    connections: int,
    body: Any,
) -> tuple[dict[str, Any], float]:
    """POST `action` on each case (closed loop); return `bench.load`'s JSON and the workers' CPU."""
    from bench.api import cpu_seconds

    job = {
        "base_url": base_url,
        "requests": [
            {
                "method": "POST",
                "path": f"/api/v1/cases/{cid}/actions/{action}",
                "headers": headers,
                **({"body": body(cid)} if body(cid) is not None else {}),
            }
            for cid in ids
        ],
        "concurrency": connections,
        "max_requests": len(ids),
        "seconds": 120,
        "ok_status": [200],
    }
    cpu0 = cpu_seconds(pids)
    res = _http_job(job, 300)
    return res, cpu_seconds(pids) - cpu0


def _totals(out: dict[str, Any], prefix: str, done: float, elapsed: float, cpu: float) -> None:
    """Write `<prefix>n`, `<prefix>per_s` and `<prefix>worker_cpu_ms` of the passes so far."""
    out[f"{prefix}n"] = int(done)
    out[f"{prefix}per_s"] = round(done / elapsed, 1) if elapsed else None
    out[f"{prefix}worker_cpu_ms"] = round(cpu * 1000 / done, 2) if done else None


def _record(out: dict[str, Any], action: str, res: dict[str, Any], used: float) -> int:
    ok = int(res.get("ok") or 0)
    out["per_action"][action] = {
        "n": ok,
        "rps": res.get("rps"),
        "status": res.get("status"),
        "p50_ms": (res.get("latency") or {}).get("p50_ms"),
        "p99_ms": (res.get("latency") or {}).get("p99_ms"),
        "worker_cpu_ms": round(used * 1000 / ok, 2) if ok else None,
        "client_cpu_s": res.get("client_cpu_s"),
        **({"error": res["error"]} if res.get("error") else {}),
    }
    return ok


def _upload(base_url: str, headers: dict[str, str], case_ids: list[int]) -> dict[int, str]:
    """Upload one small JPEG (kind `after`) per case to the server; return case id → photo id."""
    import httpx

    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        return {cid: _photo(client, headers) for cid in case_ids}


def measure_batch_http(
    clone_url: str,
    items: list[dict[str, Any]],
    key: str,
    senders: tuple[int, ...] = BATCH_SENDERS,
) -> dict[str, Any]:
    """Batch intake over HTTP: uvicorn with 2 workers, `n` senders posting 500 reports a call.

    A video platform's gateway sends from several feeds at once: each of `senders` is one run
    of the `bench.load` client (its own process, closed loop, loopback) with that many
    connections, over its own share of `items` (each report has its own idempotency key). The
    figure is cases created per second of wall time (counted in the database), with the
    workers' CPU per case. The first two batches warm the server up, untimed.
    """
    from sqlalchemy import create_engine, text

    from bench.api import cpu_seconds, uvicorn_server, worker_pids

    engine = create_engine(clone_url)

    def cases() -> int:
        with engine.connect() as c:
            return int(c.execute(text("SELECT count(*) FROM dispatch_case")).scalar_one())

    def job(base: str, chunk: list[dict[str, Any]], connections: int) -> dict[str, Any]:
        calls = [chunk[k : k + BATCH] for k in range(0, len(chunk), BATCH)]
        return {
            "base_url": base,
            "requests": [
                {
                    "method": "POST",
                    "path": "/api/v1/intake/reports:batch",
                    "body": {"reports": call},
                    "headers": {"X-API-Key": key},
                }
                for call in calls
            ],
            "concurrency": connections,
            "max_requests": len(calls),
            "seconds": 120,
            "ok_status": [200],
        }

    out: dict[str, Any] = {"batch_size": BATCH, "by_senders": {}}
    try:
        with uvicorn_server(clone_url, workers=2) as server:
            pids = worker_pids(server.proc.pid)
            _http_job(job(server.base_url, items[: 2 * BATCH], 2), 300)
            rest = items[2 * BATCH :]
            share = len(rest) // len(senders) // BATCH * BATCH
            for k, n in enumerate(senders):
                chunk = rest[k * share : (k + 1) * share]
                before, cpu0 = cases(), cpu_seconds(pids)
                res = _http_job(job(server.base_url, chunk, n), 300)
                created = cases() - before
                used = cpu_seconds(pids) - cpu0
                elapsed = res.get("elapsed_s") or 0
                out["by_senders"][str(n)] = {
                    "reports": len(chunk),
                    "created": created,
                    "calls_ok": res.get("ok"),
                    "status": res.get("status"),
                    "elapsed_s": elapsed,
                    "cases_per_s": round(created / elapsed, 1) if elapsed else None,
                    "worker_cpu_ms_per_case": round(used * 1000 / created, 3) if created else None,
                    "p50_ms": (res.get("latency") or {}).get("p50_ms"),
                    "p99_ms": (res.get("latency") or {}).get("p99_ms"),
                    **({"error": res["error"]} if res.get("error") else {}),
                }
    finally:
        engine.dispose()
    best = out["by_senders"].get(str(max(senders)), {})
    out["senders"] = max(senders)
    out["cases_per_s"] = best.get("cases_per_s")
    out["worker_cpu_ms_per_case"] = best.get("worker_cpu_ms_per_case")
    return out


def measure_fast(
    clone_url: str,
    bodies: list[dict[str, Any]],
    batches: int,
    transitions: int,
    http: bool = True,
) -> dict[str, Any]:
    """Batch intake, API transitions, one bulk dispatch and one bulk sign of 1,000 cases."""
    os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
    os.environ.setdefault("XIUHUA_LOG_LEVEL", "WARNING")
    from fastapi.testclient import TestClient

    from app.api import deps
    from app.core.db import get_engine
    from app.main import create_app

    engine = get_engine(clone_url)
    key = _intake_key(clone_url)
    leader = _token(clone_url, "shift_leader", "bench-leader")
    dispatcher = _token(clone_url, "dispatcher", "bench-dispatcher")
    app = create_app()
    deps.requests_on(app, engine)
    unit_id = any_unit(clone_url)
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
        # transitions through the API: file, then dispatch (one request each) — the headline
        # figure; then sign and handle (photos uploaded untimed), each timed on its own
        chosen = created[:transitions]
        per_action: dict[str, Any] = {}
        handler = _token(clone_url, "unit_handler", "bench-handler", unit_id)

        def run(action: str, headers: dict[str, str], body: Any = None) -> None:
            t0, c0 = time.perf_counter(), time.process_time()
            ok = 0
            for cid in chosen:
                payload = body(cid) if callable(body) else body
                r = client.post(
                    f"/api/v1/cases/{cid}/actions/{action}", json=payload, headers=headers
                )
                ok += r.status_code == 200
            dt, cpu = time.perf_counter() - t0, time.process_time() - c0
            per_action[action] = {
                "n": ok,
                "elapsed_s": round(dt, 2),
                "per_s": round(ok / dt, 1) if dt else None,
                # this process's CPU (client, app and driver) per request: steadier than the
                # wall time on a shared machine
                "cpu_ms": round(cpu / ok * 1000, 2) if ok else None,
            }

        run("file", leader)
        run("dispatch", dispatcher, {"unit_id": unit_id})
        done = per_action["file"]["n"] + per_action["dispatch"]["n"]
        elapsed = per_action["file"]["elapsed_s"] + per_action["dispatch"]["elapsed_s"]
        out["transitions"] = {
            "n": done,
            "elapsed_s": round(elapsed, 2),
            "per_s": round(done / elapsed, 1) if elapsed else None,
            "per_action": per_action,
        }
        run("sign", handler)
        with tempfile.TemporaryDirectory() as tmp, _setting("XIUHUA_ATTACHMENT_DIR", tmp):
            photos = {cid: _photo(client, handler) for cid in chosen}
            run("handle", handler, lambda cid: {"photos": [photos[cid]]})
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
        # bulk sign of 1,000 cases dispatched to one unit (filed and dispatched untimed); the
        # deployment raises XIUHUA_QUEUE_BULK_MAX (default 50) to 1,000 for it
        pool = created[transitions + 1000 : transitions + 2000]
        for cid in pool:
            client.post(f"/api/v1/cases/{cid}/actions/file", headers=leader)
        client.post(
            "/api/v1/centre/dispatch-board/dispatch",
            json={"case_ids": pool, "unit_id": unit_id},
            headers=dispatcher,
        )
        with _setting("XIUHUA_QUEUE_BULK_MAX", "1000"):
            t0 = time.perf_counter()
            r = client.post("/api/v1/units/queue/sign", json={"case_ids": pool}, headers=handler)
            elapsed = time.perf_counter() - t0
        body = r.json() if r.status_code == 200 else {}
        out["bulk_sign"] = {
            "n": len(pool),
            "ok": body.get("ok"),
            "status": r.status_code,
            "elapsed_s": round(elapsed, 3)
            if len(pool) == 1000 and body.get("ok") == 1000
            else None,
        }
    # transitions over HTTP (uvicorn, 2 workers): the cases left
    rest = created[transitions + 2000 :]
    if http and len(rest) >= 250:
        out["transitions_http"] = measure_transitions_http(
            clone_url,
            rest,
            {"file": leader, "dispatch": dispatcher, "sign": handler, "handle": handler},
            unit_id=unit_id,
        )
    if http:  # batch intake over HTTP, last: its cases are not used by the figures above
        n_http = BATCH_HTTP_CALLS * BATCH
        out["batch_http"] = measure_batch_http(
            clone_url,
            [
                {**item, "idempotency_key": f"bench-batch-http-{i}"}
                for i, item in enumerate((items * (n_http // len(items) + 1))[:n_http])
            ],
            key,
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """Run this stage alone on a clone of the configured database; print its JSON."""
    import argparse
    import json

    import psycopg

    from app.core.config import get_settings
    from bench import points as pts
    from bench.common import libpq_uri
    from bench.intake import clone, report_bodies
    from bench.points import Workload

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--batches", type=int, default=6)
    p.add_argument("--transitions", type=int, default=500)
    p.add_argument("--database-url", default=None)
    a = p.parse_args(argv)
    os.environ.setdefault("XIUHUA_JWT_SECRET", "bench-" + os.urandom(24).hex())
    os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
    get_settings.cache_clear()
    url = a.database_url or get_settings().database_url
    with clone(url) as clone_url:
        with psycopg.connect(libpq_uri(clone_url), autocommit=True) as conn:
            sample = pts.sample_points(conn, 2000, 20261121)
            square = pts.inscribed_square(conn)
            cats, _ = pts.existing_categories(conn, list(pts.DEFAULT_CATEGORIES))
        bodies = report_bodies(Workload(sample, cats, 20261121, None, square), 2000, 20261121)
        out = measure_fast(clone_url, bodies, a.batches, a.transitions)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
