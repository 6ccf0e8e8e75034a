"""create_app(): routers, error handlers, request logging."""

from __future__ import annotations

import gc
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.api import (
    admin,
    admin_hotline,
    admin_units,
    attachments,
    auth,
    calendar,
    cases,
    exports,
    grid,
    grid_import,
    health,
    hotline,
    inspector,
    intake,
    layers,
    live,
    open311,
    queues,
    stats,
    unit_search,
    users,
    web,
)
from app.api import map as map_api
from app.api.auth import describe_roles
from app.api.errors import install_error_handlers
from app.api.limits import RequestLimits
from app.api.metrics import RequestMetrics, metrics_endpoint, process_exiting, sweep_done
from app.api.middleware import ConcurrencyLimit
from app.api.responses import ApiJSONResponse
from app.api.security import SecurityHeaders
from app.core.config import check_startup, get_settings
from app.core.logging import configure_logging, get_logger

DESCRIPTION = """
**绣花 xiuhua**：开源的数字城管 / 网格化城市管理服务。

- **定位**：任意点位 → 15 位单元网格代码、社区、街道、区县、管理等级、门前三包、最近标准地址。
- **派遣建议**：类别 + 点位 → 责任单位，以及决定它的责任规则或吸附到的部件。
- **图层**：各图层的 GeoJSON（RFC 7946，bbox 过滤）与单元网格的 Mapbox 矢量切片。

坐标：请求中的每个点位都要说明坐标系 `crs`（wgs84 默认、cgcs2000、gcj02、bd09）；
服务存储 WGS-84（EPSG:4326）真实位置，并保留原始值。

时间：应答中的每个时刻都用部署时区（`XIUHUA_CALENDAR_TIMEZONE`，默认 Asia/Shanghai）带偏移量
的 ISO 8601 表示，如 `2026-03-02T09:00:00+08:00`；请求中的时刻可带任意偏移量或 `Z`。错误统一返回
`{"error", "code", "message", "detail"}`，`code` 稳定、`message` 为中文。
"""


class RequestLog:
    """Plain ASGI middleware: a request id per request (echoed as x-request-id) and one log line.

    (Starlette's BaseHTTPMiddleware costs ~0.3–0.4 ms of CPU per request; this costs almost none.)
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = get_logger("xiuhua.http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = (
            headers.get(b"x-request-id", b"").decode("latin-1")[:64] or uuid.uuid4().hex[:16]
        )
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
            await send(message)

        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            structlog.contextvars.clear_contextvars()
            self.log.info(
                "request",
                method=scope.get("method"),
                path=scope.get("path"),
                status=status,
                ms=round((time.perf_counter() - started) * 1000, 2),
                request_id=request_id,
            )


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """Refuse weak secrets; start the sweeper and stats refresher (if enabled), stop them after."""
    from app.cases.time.sweeper import run_periodic
    from app.core.db import dispose_loop_engines, get_engine, loop_engine, warm_pools
    from app.stats.facts import run_periodic as run_stats_refresher

    settings = get_settings()
    log = get_logger("xiuhua.app")
    check_startup(settings)  # production: no missing, default or short secrets — no start
    # Everything alive now (modules, the app, its routes and models) lives as long as the
    # process: move it out of the collector's sight, so a full collection walks only what
    # requests made. Without it, a batch of 500 reports paid a ~70 ms full collection every
    # third call (docs/PERFORMANCE.md).
    # Once per process: a frozen object that later becomes cyclic garbage is never collected.
    if not gc.get_freeze_count():
        gc.collect()
        gc.freeze()
    # The event loop's requests give up the GIL at every database round trip; while another
    # thread of this worker computes (a batch of reports, an export, the sweeper), getting it back
    # takes up to a whole switch interval, twice per round trip (docs/PERFORMANCE.md).
    sys.setswitchinterval(settings.gil_switch_interval_ms / 1000)
    stop = threading.Event()
    threads = []
    # Every worker starts them; PostgreSQL advisory locks let only one of each work at a time.
    for target, interval, name, kwargs in (
        (run_periodic, settings.sweeper_interval_s, "xiuhua-sweeper", {"on_sweep": sweep_done}),
        (run_stats_refresher, settings.stats_refresh_interval_s, "xiuhua-stats", {}),
    ):
        if interval > 0:
            thread = threading.Thread(
                target=target,
                args=(get_engine(), interval, stop),
                kwargs=kwargs,
                name=name,
                daemon=True,
            )
            thread.start()
            threads.append(thread)
    if settings.db_warm_pools:
        try:
            opened = await warm_pools((loop_engine(), loop_engine(statements=True)))
            log.info("db_pools_warmed", connections=opened)
        except Exception as exc:  # the database may be down at start: requests then answer 503
            log.warning("db_pools_not_warmed", error=str(exc)[:300])
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        await dispose_loop_engines()
        process_exiting()


def create_app() -> FastAPI:
    """Build the FastAPI application."""
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    # Swagger UI and ReDoc assets are served from the package, never from a CDN.
    app = FastAPIOffline(
        title="xiuhua 绣花 — 网格化城市管理 API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        default_response_class=ApiJSONResponse,
        openapi_tags=[
            {"name": "定位与派遣 grid", "description": "定位、派遣建议、地址匹配"},
            {"name": "图层 layers", "description": "GeoJSON 图层与矢量切片"},
            {"name": "一张图 map", "description": "指挥一张图：在办案卷点位（红黄绿灯）与地图设置"},
            {
                "name": "案卷 cases",
                "description": "上报、流转（立案、派遣、处置、核查、结案……）与全过程记录",
            },
            {
                "name": "照片 attachments",
                "description": "照片上传、原图与缩略图（按内容识别类型、大小上限、EXIF 佐证）",
            },
            {
                "name": "监督员移动端 inspector",
                "description": "城管通：一次上报（含照片）、核实/核查任务、增量同步；写操作必须带幂等键",
            },
            {"name": "机器接入 intake", "description": "视频智能抓拍、物联网传感器凭 API 密钥上报"},
            {"name": "实时推送 live", "description": "案卷事件流（SSE），断线可续"},
            {
                "name": "热线 hotline",
                "description": "12345 接诉即办：工单登记、地址匹配、类别建议、联系诉求人、三率",
            },
            {
                "name": "工作队列 queues",
                "description": "单位工作队列、批量签收；指挥中心受理台、派遣台、审批台、督办、角标",
            },
            {"name": "账号 auth", "description": "登录（OAuth2 密码模式）、刷新令牌、当前用户"},
            {
                "name": "管理 admin",
                "description": "用户、API 密钥、类别目录、立结案标准、阶段时限、责任单位与责任规则、热线紧急程度与关键词",
            },
            {"name": "导出与上报 exports", "description": "案卷清单与指标表导出、案卷上报数据"},
            {
                "name": "综合评价 stats",
                "description": "指标、12345 三率、月度考评排名与发布、高发网格与热力图、评价参数",
            },
            {"name": "运行状态 health", "description": "存活与就绪检查"},
            {"name": "Open311 GeoReport v2", "description": "公众诉求接口（FixMyStreet 等前端）"},
        ],
    )
    install_error_handlers(app)
    # Routes are matched in this order, one by one: the channels that carry the volume (cases,
    # the phone, machine intake, Open311) come first. Their prefixes are their own, so the order
    # changes no match; Open311 after all 140 routes cost ~13 % of its worker CPU.
    for router in (
        health.router,
        grid.router,
        layers.router,
        map_api.router,
        cases.router,
        attachments.router,
        inspector.router,
        intake.router,
        open311.router,
        hotline.router,
        hotline.categories_router,
        unit_search.router,
        queues.units_router,
        queues.centre_router,
        queues.search_router,
        live.router,
        stats.router,
        exports.router,
        admin.router,
        admin_units.router,
        admin_hotline.router,
        grid_import.router,
        calendar.router,
        calendar.admin_router,
        users.router,
        auth.router,
    ):
        app.include_router(describe_roles(router))
    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)
    # Last: the console at / (and its client-side routes), the phone app at /m/.
    app.include_router(web.router)
    # Outermost last: request log → metrics → concurrency limit → security headers → body limits.
    app.add_middleware(RequestLimits)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ConcurrencyLimit)
    app.add_middleware(RequestMetrics)
    app.add_middleware(RequestLog)
    return app
