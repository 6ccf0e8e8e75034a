"""Overload against a real 2-worker uvicorn server: bursts, retries, and what /metrics shows.

- Burst: BURST concurrent `POST /api/v1/cases` → only 201 or 503 (`overloaded`, with
  Retry-After and the JSON body), never another 5xx, no answer slower than the bounded queueing
  allows; /healthz and /readyz answer within 1 s throughout; every 201 is a stored case and
  nothing else was stored.
- Retries: RETRIES reports through a client that gives up at random moments and retries with the
  same Idempotency-Key (sometimes after the server already answered) → exactly RETRIES cases.
  `make soak` runs the same with XIUHUA_SOAK_RETRIES=10000.
- /metrics (multiprocess mode, both workers): latency per route template, cases by source,
  503s by reason, pool figures, the sweeper.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from bench.api import Server, uvicorn_server
from tests.support.reliability import (
    HEAVY_GROUP,
    assert_acknowledged_stored,
    report,
    report_spot,
    stored_by_tag,
    tokens,
)

BURST = int(os.environ.get("XIUHUA_BURST", "500"))
RETRIES = int(os.environ.get("XIUHUA_SOAK_RETRIES", "300"))
HEALTH_LIMIT_S = 1.0
# Longest a request may wait: queue wait + pool wait + its own work, with room for a busy CI box.
ANSWER_LIMIT_S = 30.0

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(HEAVY_GROUP)]


@pytest.fixture(scope="module")
def server_db(template_db: str) -> Iterator[str]:
    from tests.support.databases import admin_engine, create_database, drop_database, url_for

    name = f"xiuhua_test_rel_{uuid.uuid4().hex[:8]}"
    admin = admin_engine()
    create_database(admin, name, template_db)
    try:
        yield url_for(name)
    finally:
        drop_database(admin, name)
        admin.dispose()


# These tests measure load and faults, not the photo policy: reports go without photos.
NO_PHOTO_POLICY = {"XIUHUA_REPORT_MIN_PHOTOS": "{}"}


@pytest.fixture(scope="module")
def server(server_db: str) -> Iterator[Server]:
    metrics_dir = tempfile.mkdtemp(prefix="xiuhua-test-metrics-")
    with uvicorn_server(
        server_db,
        workers=2,
        extra_env={
            "PROMETHEUS_MULTIPROC_DIR": metrics_dir,
            "XIUHUA_SWEEPER_INTERVAL_S": "1",
            **NO_PHOTO_POLICY,
        },
    ) as s:
        yield s


async def _burst(
    base: str, headers: dict[str, str], spot: tuple[float, float]
) -> list[tuple[int, float, dict[str, Any], dict[str, str]]]:
    limits = httpx.Limits(max_connections=BURST + 10, max_keepalive_connections=0)
    timeout = httpx.Timeout(ANSWER_LIMIT_S * 3)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:

        async def one(i: int) -> tuple[int, float, dict[str, Any], dict[str, str]]:
            started = time.perf_counter()
            r = await client.post("/api/v1/cases", json=report(spot, f"burst-{i}"), headers=headers)
            return r.status_code, time.perf_counter() - started, r.json(), dict(r.headers)

        return await asyncio.gather(*(one(i) for i in range(BURST)))


def _probe_health(
    base: str, done: threading.Event, latencies: list[tuple[str, int, float]]
) -> None:
    """Ask /healthz and /readyz every 100 ms on a connection of its own until `done`."""
    with httpx.Client(base_url=base, timeout=10) as client:
        while not done.is_set():
            for path in ("/healthz", "/readyz"):
                started = time.perf_counter()
                r = client.get(path)
                latencies.append((path, r.status_code, time.perf_counter() - started))
            done.wait(0.1)


def test_a_burst_gets_201_or_a_fast_503_and_health_stays_responsive(
    server: Server, server_db: str
) -> None:
    headers = tokens(server_db)["inspector"]
    spot = report_spot(server_db)
    done = threading.Event()
    probes: list[tuple[str, int, float]] = []
    prober = threading.Thread(target=_probe_health, args=(server.base_url, done, probes))
    prober.start()
    try:
        time.sleep(0.3)
        answers = asyncio.run(_burst(server.base_url, headers, spot))
    finally:
        done.set()
        prober.join()
    assert all(status == 200 for _p, status, _s in probes), probes
    health = [seconds for _p, _st, seconds in probes]

    statuses = [status for status, *_ in answers]
    assert set(statuses) <= {201, 503}, sorted(set(statuses))
    for status, seconds, body, resp_headers in answers:
        assert seconds < ANSWER_LIMIT_S, seconds
        if status == 503:
            assert body["code"] in ("overloaded", "database_unavailable"), body
            assert int(resp_headers["retry-after"]) > 0
            assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    created = statuses.count(201)
    assert created > 0, "the server accepted nothing"
    assert health and max(health) < HEALTH_LIMIT_S, max(health)
    acknowledged = {
        body["description"].removeprefix("可靠性测试 "): body["id"]
        for status, _s, body, _h in answers
        if status == 201
    }
    assert len(acknowledged) == created
    assert_acknowledged_stored(server_db, "burst-", acknowledged)
    print(
        f"burst {BURST}: {created} × 201, {statuses.count(503)} × 503, "
        f"slowest answer {max(s for _, s, *_ in answers):.2f} s, "
        f"slowest health {max(health) * 1000:.0f} ms over {len(health)} probes"
    )


def test_retried_reports_with_one_idempotency_key_each_make_exactly_one_case(
    server: Server, server_db: str
) -> None:
    headers = tokens(server_db)["inspector"]
    spot = report_spot(server_db)
    rng = random.Random(20261204)
    run = uuid.uuid4().hex[:6]
    stats = {"timeouts": 0, "resent_after_answer": 0, "answers": 0}

    async def send(client: httpx.AsyncClient, i: int) -> None:
        key = f"retry-{run}-{i}"
        body = report(spot, f"retry-{run}-{i:05d}")
        answered = False
        while True:
            try:
                r = await client.post(
                    "/api/v1/cases",
                    json=body,
                    headers={**headers, "Idempotency-Key": key},
                    timeout=rng.choice([0.02, 0.05, 0.2, 5.0]),
                )
            except httpx.TimeoutException:
                stats["timeouts"] += 1
                continue
            if r.status_code == 503:
                await asyncio.sleep(float(r.headers.get("retry-after", "1")) / 4)
                continue
            assert r.status_code in (200, 201), r.text
            stats["answers"] += 1
            if not answered and rng.random() < 0.2:  # the answer was "lost": send it again
                answered = True
                stats["resent_after_answer"] += 1
                continue
            return

    async def main() -> None:
        limits = httpx.Limits(max_connections=32)
        async with httpx.AsyncClient(base_url=server.base_url, limits=limits) as client:
            queue = list(range(RETRIES))
            sem = asyncio.Semaphore(16)

            async def guarded(i: int) -> None:
                async with sem:
                    await send(client, i)

            await asyncio.gather(*(guarded(i) for i in queue))

    asyncio.run(main())
    stored = stored_by_tag(server_db, f"retry-{run}-")
    assert len(stored) == RETRIES, (len(stored), stats)
    assert stats["timeouts"] > 0 and stats["resent_after_answer"] > 0, stats
    print(f"retries {RETRIES}: {stats}")


def _metric(text: str, name: str, **labels: str) -> float:
    total, found = 0.0, False
    for line in text.splitlines():
        if not line.startswith(name) or line.startswith("#"):
            continue
        m = re.match(r"^(\w+)(\{[^}]*\})? (\S+)$", line)
        if not m or m.group(1) != name:
            continue
        got = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2) or ""))
        if all(got.get(k) == v for k, v in labels.items()):
            total += float(m.group(3))
            found = True
    assert found, f"{name} {labels} not in /metrics"
    return total


def test_metrics_scrape_shows_latency_cases_pool_and_sweeper(
    server: Server, server_db: str
) -> None:
    headers = tokens(server_db)["inspector"]
    spot = report_spot(server_db)
    for i in range(4):
        r = httpx.post(
            server.base_url + "/api/v1/cases",
            json=report(spot, f"metrics-{i}"),
            headers=headers,
            timeout=30,
        )
        assert r.status_code == 201, r.text
    deadline = time.monotonic() + 10
    while True:
        r = httpx.get(server.base_url + "/metrics", timeout=10)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
        body = r.text
        if "xiuhua_sweeper_last_run_timestamp_seconds" in body or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert (
        _metric(
            body,
            "xiuhua_http_request_duration_seconds_count",
            route="/api/v1/cases",
            method="POST",
            status="201",
        )
        >= 4
    )
    assert _metric(body, "xiuhua_cases_reported_total", source="inspector") >= 4
    assert _metric(body, "xiuhua_cases_closed_total") >= 0
    _metric(body, "xiuhua_open_stages", light="green")
    assert _metric(body, "xiuhua_sweeper_lag_seconds") >= 0
    assert _metric(body, "xiuhua_sweeper_last_run_timestamp_seconds") > time.time() - 600
    assert _metric(body, "xiuhua_db_pool_in_use") >= 0
    assert _metric(body, "xiuhua_db_pool_waiting") >= 0
    assert _metric(body, "xiuhua_database_up") == 1
    if "xiuhua_http_503_total{" in body:  # after the burst of this module
        assert _metric(body, "xiuhua_http_503_total", reason="overloaded") > 0
    # both workers' requests are in the sum (multiprocess mode): ask enough times to hit both
    assert _metric(body, "xiuhua_http_request_duration_seconds_count") >= 4
