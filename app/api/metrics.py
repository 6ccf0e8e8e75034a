"""`/metrics`: Prometheus text format with the official client library.

Per-process metrics (request latency per route template, in-flight and queued requests, 503s by
reason, database pool in use and waiting, sweeper runs) work with several uvicorn workers through
the client's multiprocess mode: `xiuhua serve` points PROMETHEUS_MULTIPROC_DIR at an empty
directory before the workers start. Database-wide figures (cases reported by source, cases
closed, open stages by light, sweeper lag) are read from the database at scrape time on a probe
connection of their own, so every worker answers the same.

Access (`metrics_token`): unset → loopback clients only; set → `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import os
import time
from collections.abc import Iterable
from datetime import datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings
from app.core.db import get_engine, loop_engine, probe_engine
from app.core.logging import get_logger

log = get_logger(__name__)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUEST_SECONDS = Histogram(
    "xiuhua_http_request_duration_seconds",
    "请求耗时（秒），按路由模板、方法、状态码",
    ["method", "route", "status"],
    buckets=LATENCY_BUCKETS,
)
REFUSED = Counter(
    "xiuhua_http_503_total",
    "答 503 的请求数，按原因：overloaded（过载）、database_unavailable（数据库不可用）",
    ["reason"],
)
OVERLOAD = Counter(
    "xiuhua_overload_refused_total",
    "过载保护拒绝的请求数：queue_full（排队已满）、queue_timeout（排队超时）、db_pool_timeout",
    ["why"],
)
IN_FLIGHT = Gauge(
    "xiuhua_http_in_flight", "正在处理的请求数（各进程之和）", multiprocess_mode="livesum"
)
QUEUED = Gauge(
    "xiuhua_http_queued", "排队等待处理的请求数（各进程之和）", multiprocess_mode="livesum"
)
POOL_IN_USE = Gauge(
    "xiuhua_db_pool_in_use", "已借出的数据库连接数（各进程之和）", multiprocess_mode="livesum"
)
POOL_WAITING = Gauge(
    "xiuhua_db_pool_waiting", "等待数据库连接的线程数（各进程之和）", multiprocess_mode="livesum"
)
SWEEPER_LAST_RUN = Gauge(
    "xiuhua_sweeper_last_run_timestamp_seconds",
    "定时扫描（红黄灯、超期）最近一次完成的时间（Unix 秒）",
    multiprocess_mode="max",
)

ROUTE_UNMATCHED = "<unmatched>"


def sweep_done(at: datetime) -> None:
    """Record a finished sweep (called by the in-process sweeper)."""
    SWEEPER_LAST_RUN.set(at.timestamp())


def process_exiting() -> None:
    """Drop this worker's live gauges from the shared multiprocess directory."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


def _route_template(scope: Scope) -> str:
    # The router records the matched route in the (shared) scope; its path is the template.
    return str(getattr(scope.get("route"), "path", ROUTE_UNMATCHED))


def observe_pool() -> None:
    """Copy this process's database pool figures into the gauges."""
    pools = (get_engine().pool, loop_engine().pool)  # the thread pool's, the event loop's
    POOL_IN_USE.set(sum(getattr(pool, "checkedout", lambda: 0)() for pool in pools))
    POOL_WAITING.set(getattr(pools[0], "waiting", 0))


class RequestMetrics:
    """Plain ASGI middleware: latency per route template, method and status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http" or scope.get("path") == "/metrics":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = _route_template(scope)
            REQUEST_SECONDS.labels(scope.get("method", ""), route, str(status)).observe(
                time.perf_counter() - started
            )
            try:
                observe_pool()
            except Exception:  # metrics never fail a request
                log.warning("pool_metrics_failed", exc_info=True)


class DatabaseCollector(Collector):
    """Database-wide figures, read at scrape time on a probe connection with a short timeout."""

    def collect(self) -> Iterable[Metric]:
        """Yield cases by source, cases closed, open stages by light and the sweeper lag."""
        reported = CounterMetricFamily(
            "xiuhua_cases_reported", "上报的案卷数，按来源", labels=["source"]
        )
        closed = CounterMetricFamily("xiuhua_cases_closed", "已结案的案卷数")
        lights = GaugeMetricFamily(
            "xiuhua_open_stages", "计时中的阶段数，按灯色（green/yellow/red）", labels=["light"]
        )
        lag = GaugeMetricFamily(
            "xiuhua_sweeper_lag_seconds",
            "定时扫描落后的秒数：最早一个已到变灯时间却仍未处理的阶段距今多久（0 = 没有积压）",
        )
        up = GaugeMetricFamily("xiuhua_database_up", "抓取时数据库是否可用（1/0）")
        timeout_ms = int(get_settings().readyz_timeout_s * 1000)
        try:
            with probe_engine(get_settings().database_url).connect() as c:
                c.execute(text(f"SET statement_timeout = {timeout_ms}"))
                for source, n in c.execute(
                    text("SELECT source, count(*) FROM dispatch_case GROUP BY source")
                ):
                    reported.add_metric([source], n)
                closed.add_metric(
                    [],
                    c.execute(
                        text("SELECT count(*) FROM dispatch_case WHERE closed_at IS NOT NULL")
                    ).scalar_one(),
                )
                for light, n in c.execute(
                    text(
                        "SELECT light, count(*) FROM dispatch_case_stage"
                        " WHERE stopped_at IS NULL GROUP BY light"
                    )
                ):
                    lights.add_metric([light], n)
                behind = c.execute(
                    text(
                        "SELECT coalesce(extract(epoch FROM now() - min(next_threshold_at)), 0)"
                        " FROM dispatch_case_stage WHERE stopped_at IS NULL"
                        " AND paused_at IS NULL AND next_threshold_at < now()"
                    )
                ).scalar_one()
                lag.add_metric([], float(behind))
            up.add_metric([], 1)
        except Exception as exc:
            log.warning("metrics_database_unavailable", error=type(exc).__name__)
            up.add_metric([], 0)
            yield up
            return
        yield from (reported, closed, lights, lag, up)


_DATABASE = DatabaseCollector()


class _SingleProcess(Collector):
    """Collect this process's metrics (the default registry) and the database figures."""

    def collect(self) -> Iterable[Metric]:
        """Yield every metric."""
        yield from REGISTRY.collect()
        yield from _DATABASE.collect()


def _exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        registry.register(_DATABASE)
        return generate_latest(registry)
    return generate_latest(_SingleProcess())


def allowed(request: Request) -> bool:
    """Loopback clients when no `metrics_token` is set; else only the right bearer token."""
    token = get_settings().metrics_token
    if token is not None:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {token.get_secret_value()}"
        return hmac.compare_digest(given.encode(), expected.encode())
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("testclient", "localhost")


async def metrics_endpoint(request: Request) -> Response:
    """Answer the Prometheus text exposition (or 403 in the JSON error format)."""
    from app.api.middleware import error_bytes

    if not allowed(request):
        return Response(
            error_bytes("Forbidden", "forbidden", "无权读取运行指标：仅本机访问或需要指标令牌"),
            403,
            media_type="application/json",
        )
    try:
        observe_pool()
    except Exception:
        log.warning("pool_metrics_failed", exc_info=True)
    body = await asyncio.get_running_loop().run_in_executor(None, _exposition)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
