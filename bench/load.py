"""The HTTP load client, run as its own process: `python -m bench.load JOB.json`.

asyncio + httpx over loopback only, with bounded concurrency, a bounded request count and a time
limit. It prints one JSON object: per-request latencies (ms, sorted summary), status counts, rps.

A job names either `paths` (GET) or `requests` (`{"method", "path", "body", "headers"}`, the
body a JSON value sent as is, or `"form"`: a url-encoded body sent as a form); `idempotency_prefix` adds a unique `Idempotency-Key` per request.
Closed loop by default (`concurrency` workers, each sends when its previous answer is in); with
`rate` the load is open loop: request i is due at start + i / rate whatever the server does, its
latency counts from that due time (no coordinated omission), at most `max_in_flight` at once
(a request due while that many are out is counted in `skipped`, not sent).
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from bench.common import summarize_ns

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def _requests(job: dict[str, Any]) -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    """The job's requests as (method, path, body bytes, headers)."""
    if job.get("requests"):
        out = []
        for r in job["requests"]:
            body = r.get("body")
            headers = dict(r.get("headers") or {})
            raw = None
            if r.get("form") is not None:
                raw = r["form"].encode("utf-8")
                headers.setdefault("content-type", "application/x-www-form-urlencoded")
            elif body is not None:
                raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
                headers.setdefault("content-type", "application/json")
            out.append((r.get("method", "GET"), r["path"], raw, headers))
        return out
    return [("GET", p, None, {}) for p in job["paths"]]


async def _run(job: dict[str, Any]) -> dict[str, Any]:
    base = job["base_url"]
    host = urlsplit(base).hostname or ""
    if host not in LOOPBACK and not host.startswith("127."):
        raise SystemExit(f"refusing to load a non-loopback address: {host}")
    reqs = _requests(job)
    concurrency = max(1, int(job.get("concurrency", 1)))
    max_requests = int(job.get("max_requests", len(reqs)))
    seconds = float(job.get("seconds", 60))
    warmup = int(job.get("warmup", 0))
    rate = float(job.get("rate") or 0)
    max_in_flight = int(job.get("max_in_flight", 256))
    ok_codes = {str(c) for c in job.get("ok_status", [200])}
    idem = job.get("idempotency_prefix")

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    samples: list[int] = []
    status: dict[str, int] = {}
    failures: dict[str, int] = {}
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:

        async def send(i: int) -> httpx.Response:
            method, path, body, headers = reqs[i % len(reqs)]
            if idem:
                headers = {**headers, "Idempotency-Key": f"{idem}-{i}"}
            resp = await client.request(method, path, content=body, headers=headers)
            await resp.aread()
            return resp

        for i in range(min(warmup, max_requests)):
            await send(-1 - i)  # negative indexes: warm-up keys never collide with the load's

        counter = 0
        skipped = 0
        in_flight = 0
        deadline = time.perf_counter() + seconds

        async def one(i: int, t0: int) -> None:
            nonlocal in_flight
            try:
                resp = await send(i)
            except httpx.HTTPError as exc:
                name = type(exc).__name__
                failures[name] = failures.get(name, 0) + 1
                return
            finally:
                in_flight -= 1
            samples.append(time.perf_counter_ns() - t0)
            key = str(resp.status_code)
            status[key] = status.get(key, 0) + 1

        async def worker() -> None:
            nonlocal counter, in_flight
            while counter < max_requests and time.perf_counter() < deadline:
                i = counter
                counter += 1
                in_flight += 1
                await one(i, time.perf_counter_ns())

        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        if rate > 0:
            n = min(max_requests, int(rate * seconds))
            t0_ns = time.perf_counter_ns()
            tasks = []
            for i in range(n):
                due_ns = t0_ns + int(i * 1e9 / rate)
                delay = (due_ns - time.perf_counter_ns()) / 1e9
                if delay > 0:
                    await asyncio.sleep(delay)
                if in_flight >= max_in_flight:
                    skipped += 1
                    continue
                in_flight += 1
                tasks.append(asyncio.ensure_future(one(i, due_ns)))
            counter = n
            scheduled_s = time.perf_counter() - started
            if tasks:
                await asyncio.wait(tasks, timeout=60.0)
        else:
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            scheduled_s = None
        elapsed = time.perf_counter() - started
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)

    ok = sum(n for code, n in status.items() if code in ok_codes)
    out: dict[str, Any] = {
        "tool": "httpx",
        "mode": "open" if rate > 0 else "closed",
        "concurrency": concurrency,
        "requests": len(samples),
        "ok": ok,
        "elapsed_s": round(elapsed, 3),
        "rps": round(ok / elapsed, 1) if elapsed > 0 else None,
        "status": status,
        "failures": failures,
        "latency": summarize_ns(samples),
        "client_cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 2),
    }
    if rate > 0:
        out.update(
            {
                "target_rps": rate,
                "scheduled": counter,
                "skipped": skipped,
                "scheduled_s": round(scheduled_s or 0, 3),
                "max_in_flight": max_in_flight,
            }
        )
    return out


def main(argv: list[str] | None = None) -> None:
    """Read the job file named on the command line, run it, print the result as JSON."""
    args = sys.argv[1:] if argv is None else argv
    job = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    result = asyncio.run(_run(job))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
