"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from app.api.auth import public
from app.api.deps import SessionDep
from app.cases.time.standards import configuration_warnings
from app.core.db import postgis_version

router = APIRouter(tags=["运行状态 health"], dependencies=[Depends(public)])


@router.get("/healthz", summary="进程存活检查")
def healthz() -> dict[str, str]:
    """Answer while the process is alive."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="就绪检查：数据库与 PostGIS 可用；受理配置不全时给出警告",
    description=(
        "数据库或 PostGIS 不可用时 503（`database_unavailable`）。数据库可用时 200："
        "`status` 为 `ok`，或在受理配置不全时为 `degraded`，`warnings` 逐条列出缺什么、"
        "影响什么、怎么补（如类别没有立结案标准：这些类别暂不能受理，Open311 服务列表也不列出）。"
        "服务仍然可用，所以不是 503；监控应对 `warnings` 非空报警。"
    ),
)
def readyz(session: SessionDep) -> JSONResponse:
    """Answer 200 when the database answers and PostGIS is installed (with warnings), else 503."""
    try:
        version = postgis_version(session)
    except Exception as exc:
        return JSONResponse(
            {
                "status": "unavailable",
                "code": "database_unavailable",
                "message": f"数据库或 PostGIS 不可用：{type(exc).__name__}",
            },
            status_code=503,
        )
    warnings = configuration_warnings(session)
    return JSONResponse(
        {"status": "degraded" if warnings else "ok", "postgis": version, "warnings": warnings}
    )
