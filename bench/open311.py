"""Open311 GeoReport v2 `POST requests` under one API key, on the intake clone (`open311_post_per_s`).

What a FixMyStreet-style front end does: every citizen report arrives as a url-encoded form
(`api_key`, `service_code`, `lat`, `long`, `description`, and `attribute[condition]` where the
service asks for it) on `POST /open311/v2/requests.xml` (or `.json`), all under the front end's
one API key. Measured on uvicorn (2 workers, loopback) at 8 connections, closed loop:

- wrk when installed (`bench/wrk_post.lua`: form bodies read from a file, varying point,
  service code and format), else the bench's own httpx client (`bench.load`);
- answers per second that were 2xx, p50/p99, worker CPU per answered request, and every answer
  that was not 2xx counted by class (a run with refusals says so: `errors`);
- the key is created in the clone with `create_api_key` and a rate limit far above what the run
  can reach (`RATE_PER_MIN`), so the limit is checked on every request but never refuses one.
"""

from __future__ import annotations

import json
import random
from typing import Any
from urllib.parse import urlencode

from bench.points import Workload

CONNECTIONS = 8
RATE_PER_MIN = 10_000_000
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PATH = "/open311/v2/requests"
DESCRIPTIONS = (
    "路边有人摆摊卖水果，占了半条人行道",
    "垃圾桶满了没人清，旁边堆了好几袋垃圾",
    "井盖松动，车压过去哐哐响",
    "小区门口有违建的棚子",
    "人行道上有一处坑，晚上看不清容易摔倒",
)


def key_and_services(
    clone_url: str, categories: list[str]
) -> tuple[str, dict[str, dict[str, str]]]:
    """Create the front end's API key in the clone; return it and the public services to post.

    For each workload category that Open311 offers (`kind:code`), the attributes a client must
    send, read from the service definition as a client would (the first value of a required
    list; nothing for optional ones).
    """
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.channels.open311 import service as o311
    from app.core.errors import NotFound
    from bench.accounts import ensure_api_key

    raw = ensure_api_key(clone_url, "bench-open311", ["open311"], RATE_PER_MIN)
    engine = create_engine(clone_url)
    services: dict[str, dict[str, str]] = {}
    try:
        with Session(engine) as s:
            for code in categories:
                try:
                    definition = o311.service_definition(s, code)
                except NotFound:
                    continue
                attrs = {}
                for a in definition["attributes"]:
                    if a["required"] and a.get("values"):
                        attrs[f"attribute[{a['code']}]"] = a["values"][0]["key"]
                services[definition["service_code"]] = attrs
    finally:
        engine.dispose()
    if not services:
        raise RuntimeError(f"none of {categories} is an Open311 service in this database")
    return raw, services


def form_requests(
    work: Workload, services: dict[str, dict[str, str]], api_key: str, n: int, seed: int
) -> list[tuple[str, str]]:
    """`n` (path, url-encoded body) pairs: the workload's points, services and formats varied."""
    rng = random.Random(seed)
    codes = sorted(services)
    out = []
    for i in range(n):
        lon, lat = work.points[i % len(work.points)]
        code = codes[i % len(codes)]
        fields = {
            "api_key": api_key,
            "service_code": code,
            "lat": f"{lat:.7f}",
            "long": f"{lon:.7f}",
            "description": rng.choice(DESCRIPTIONS),
            **services[code],
        }
        if rng.random() < 0.3:
            fields["address_string"] = f"{rng.choice(('东', '西', '南', '北'))}门附近"
        fmt = "xml" if i % 2 == 0 else "json"  # FixMyStreet posts .xml; other clients .json
        out.append((f"{PATH}.{fmt}", urlencode(fields)))
    return out


def _httpx_job(base: str, reqs: list[tuple[str, str]], concurrency: int, seconds: float) -> Any:
    return {
        "base_url": base,
        "requests": [{"method": "POST", "path": p, "form": b} for p, b in reqs],
        "concurrency": concurrency,
        "max_requests": 10**9,
        "seconds": seconds,
        "ok_status": [200, 201],
    }


def _classes(status: dict[str, int]) -> dict[str, int]:
    """Status counts by class (`2xx`, `4xx`, …), with 429 (over the key's limit) apart."""
    out: dict[str, int] = {}
    for code, n in status.items():
        cls = "429" if code == "429" else f"{code[0]}xx"
        out[cls] = out.get(cls, 0) + n
    return out


def measure_open311(
    clone_url: str,
    work: Workload,
    *,
    seconds: int,
    connections: int = CONNECTIONS,
    warm_s: int = 3,
) -> dict[str, Any]:
    """POST /open311/v2/requests under one key at `connections` connections (uvicorn, 2 workers)."""
    import httpx

    from bench.api import cpu_seconds, find_wrk, run_wrk_post, uvicorn_server, worker_pids
    from bench.intake import _load

    api_key, services = key_and_services(clone_url, list(work.categories))
    reqs = form_requests(work, services, api_key, max(len(work.points), 2000), work.seed)
    wrk = find_wrk()
    out: dict[str, Any] = {
        "connections": connections,
        "api_keys": 1,
        "rate_per_min": RATE_PER_MIN,
        "services": services,
        "formats": ["xml", "json"],
        "errors": {},
    }
    with uvicorn_server(clone_url, workers=2) as server:
        base = server.base_url
        path, body = reqs[-1]
        first = httpx.post(
            base + path,
            content=body,
            headers={"content-type": "application/x-www-form-urlencoded"},
            timeout=30.0,
        )
        if first.status_code != 200:
            out["errors"]["preflight"] = f"HTTP {first.status_code} {first.text[:300]}"
            return out
        # warm both workers (pool, prepared statements, imports), then the measured run
        if wrk:
            run_wrk_post(wrk, base, [(p, FORM, b) for p, b in reqs[::-1]], connections, warm_s)
        else:
            _load(_httpx_job(base, reqs[::-1], connections, warm_s), 90)
        pids = worker_pids(server.proc.pid)
        cpu0 = cpu_seconds(pids)
        if wrk:
            res = run_wrk_post(wrk, base, [(p, FORM, b) for p, b in reqs], connections, seconds)
        else:
            res = _load(_httpx_job(base, reqs, connections, seconds), seconds + 120)
            res.pop("error", None)  # judged below on every answer, not on 201 alone
            res["status_classes"] = _classes(res.get("status") or {})
        used = cpu_seconds(pids) - cpu0
    ok = res.get("ok") or 0
    res["worker_cpu_s"] = round(used, 2)
    res["worker_cpu_ms_per_request"] = round(used * 1000 / ok, 3) if ok else None
    refused = {k: n for k, n in (res.get("status_classes") or {}).items() if k != "2xx"}
    failed = (res.get("socket_errors") or 0) + sum((res.get("failures") or {}).values())
    res["not_2xx"] = sum(refused.values())
    if res.get("error"):
        out["errors"]["load"] = str(res["error"])[-300:]
    elif refused or failed:
        out["errors"]["load"] = (
            f"{res['not_2xx']} of {res.get('requests')} answers were not 2xx {refused}"
            + (f"; {failed} requests failed without an answer" if failed else "")
        )
    out["run"] = res
    return out


def figures(d: dict[str, Any] | None) -> dict[str, Any]:
    """The flat JSON keys of the Open311 figure (null when not measured)."""
    run = (d or {}).get("run") or {}
    lat = run.get("latency") or {}
    return {
        "open311_post_per_s": run.get("rps"),
        "open311_post_p50_ms": lat.get("p50_ms"),
        "open311_post_p99_ms": lat.get("p99_ms"),
        "open311_post_worker_cpu_ms": run.get("worker_cpu_ms_per_request"),
        "open311_post_not_2xx": run.get("not_2xx"),
        "open311_post_tool": run.get("tool"),
        "open311_post_connections": (d or {}).get("connections"),
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.open311 [--seconds N] [--points N]`: this figure alone, with the raw rate.

    The same measurement as in `make bench` (a clone of the configured database, dropped at the
    end), followed by pgbench's raw locate-and-insert in that clone, 1 and 2 clients: the raw
    PostgreSQL rate of the same run. Prints one JSON object.
    """
    import argparse
    import os
    import sys

    import psycopg

    from bench import points
    from bench.common import libpq_uri, load_average
    from bench.intake import clone, measure_raw
    from bench.pgbench import find_pgbench

    p = argparse.ArgumentParser(prog="python -m bench.open311", description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=int, default=10, help="length of the measured run")
    p.add_argument("--points", type=int, default=2000)
    p.add_argument("--connections", type=int, default=CONNECTIONS)
    p.add_argument("--seed", type=int, default=20261121)
    p.add_argument("--no-raw", action="store_true", help="skip pgbench's raw rate")
    a = p.parse_args(argv)
    os.environ.setdefault("XIUHUA_REPORT_MIN_PHOTOS", "{}")
    os.environ.setdefault("XIUHUA_ENVIRONMENT", "development")
    from app.core.config import get_settings

    database_url = get_settings().database_url
    with psycopg.connect(libpq_uri(database_url), autocommit=True) as conn:
        pts = points.sample_points(conn, a.points, a.seed)
        square = points.inscribed_square(conn)
        cats, _ = points.existing_categories(conn, list(points.DEFAULT_CATEGORIES))
    work = Workload(pts, cats, a.seed, None, square)
    out: dict[str, Any] = {"load_avg_at_start": load_average()}
    with clone(database_url) as url:
        out["open311"] = measure_open311(url, work, seconds=a.seconds, connections=a.connections)
        pgbench_bin = None if a.no_raw else find_pgbench()
        if pgbench_bin:
            out["raw"] = measure_raw(pgbench_bin, url, square, a.seconds, a.seed)
    out["load_avg_at_end"] = load_average()
    raw = [(out.get("raw") or {}).get(f"c{c}", {}).get("tps") for c in (1, 2)]
    out["figures"] = figures(out["open311"]) | {
        "intake_raw_per_s": max((x for x in raw if x), default=None)
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))
    print(json.dumps(out["figures"], ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
