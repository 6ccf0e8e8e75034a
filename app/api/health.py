"""Liveness and readiness.

Both are `async` and never wait in the request thread pool or the database pool: `/healthz`
touches nothing, `/readyz` checks the database on a connection of its own (no pool), in a
thread of its own, bounded by `readyz_timeout_s` — so both answer within a second under load.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.api.auth import public
from app.api.schemas.health import Readiness as ReadinessRead
from app.cases.time.standards import configuration_warnings
from app.core.config import get_settings
from app.core.db import postgis_version, probe_engine

router = APIRouter(tags=["运行状态 health"], dependencies=[Depends(public)])

# Probes run here, not in the (possibly saturated) request thread pool; a probe stuck on a dead
# server holds one of these threads until its connect timeout, never a request's.
_PROBES = ThreadPoolExecutor(max_workers=2, thread_name_prefix="xiuhua-readyz")


@router.get("/healthz", summary="进程存活检查", description="存活检查：进程在运行即返回 200。")
async def healthz() -> dict[str, str]:
    """Answer while the process is alive."""
    return {"status": "ok"}


Readiness = tuple[str, list[dict[str, object]]]


def check_ready(session: Session) -> Readiness:
    """Return the PostGIS version and what intake configuration is missing (raise if down)."""
    return postgis_version(session), configuration_warnings(session)


def _probe() -> Readiness:
    with Session(probe_engine(get_settings().database_url)) as session:
        return check_ready(session)


def readiness_probe() -> Callable[[], Readiness]:
    """Return the check /readyz runs (a dependency: a test harness points it at its session)."""
    return _probe


@router.get(
    "/readyz",
    response_model=ReadinessRead,
    summary="就绪检查：数据库与 PostGIS 可用；受理配置不全时给出警告",
    description=(
        "数据库或 PostGIS 不可用时 503（`database_unavailable`，带 `Retry-After`），"
        "在 `readyz_timeout_s` 内必答。数据库可用时 200："
        "`status` 为 `ok`，或在受理配置不全时为 `degraded`，`warnings` 逐条列出缺什么、"
        "影响什么、怎么补（如类别没有立结案标准：这些类别暂不能受理，Open311 服务列表也不列出）。"
        "服务仍然可用，所以不是 503；监控应对 `warnings` 非空报警。"
    ),
)
async def readyz(
    probe: Annotated[Callable[[], Readiness], Depends(readiness_probe)],
) -> JSONResponse:
    """Answer 200 when the database answers and PostGIS is installed (with warnings), else 503."""
    loop = asyncio.get_running_loop()
    try:
        version, warnings = await asyncio.wait_for(
            loop.run_in_executor(_PROBES, probe), timeout=get_settings().readyz_timeout_s
        )
    except Exception as exc:
        reason = "超时" if isinstance(exc, TimeoutError) else type(exc).__name__
        return JSONResponse(
            {
                "status": "unavailable",
                "code": "database_unavailable",
                "message": f"数据库或 PostGIS 不可用：{reason}",
            },
            status_code=503,
            headers={"Retry-After": str(get_settings().retry_after_s)},
        )
    return JSONResponse(
        {"status": "degraded" if warnings else "ok", "postgis": version, "warnings": warnings}
    )
