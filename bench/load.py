"""The HTTP load client, run as its own process: `python -m bench.load JOB.json`.

asyncio + httpx over loopback only, with bounded concurrency, a bounded request count and a time
limit. It prints one JSON object: per-request latencies (ms, sorted summary), status counts, rps.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from bench.common import summarize_ns

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


async def _run(job: dict[str, Any]) -> dict[str, Any]:
    base = job["base_url"]
    host = urlsplit(base).hostname or ""
    if host not in LOOPBACK and not host.startswith("127."):
        raise SystemExit(f"refusing to load a non-loopback address: {host}")
    paths: list[str] = job["paths"]
    concurrency = max(1, int(job.get("concurrency", 1)))
    max_requests = int(job.get("max_requests", len(paths)))
    seconds = float(job.get("seconds", 60))
    warmup = int(job.get("warmup", 0))

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    samples: list[int] = []
    status: dict[str, int] = {}
    failures: dict[str, int] = {}
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        for i in range(min(warmup, max_requests)):
            await client.get(paths[i % len(paths)])

        counter = 0
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal counter
            while counter < max_requests and time.perf_counter() < deadline:
                path = paths[counter % len(paths)]
                counter += 1
                t0 = time.perf_counter_ns()
                try:
                    resp = await client.get(path)
                    await resp.aread()
                except httpx.HTTPError as exc:
                    name = type(exc).__name__
                    failures[name] = failures.get(name, 0) + 1
                    continue
                samples.append(time.perf_counter_ns() - t0)
                key = str(resp.status_code)
                status[key] = status.get(key, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started

    ok = status.get("200", 0)
    return {
        "tool": "httpx",
        "concurrency": concurrency,
        "requests": len(samples),
        "elapsed_s": round(elapsed, 3),
        "rps": round(ok / elapsed, 1) if elapsed > 0 else None,
        "status": status,
        "failures": failures,
        "latency": summarize_ns(samples),
    }


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
