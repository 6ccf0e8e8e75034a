"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from app.api.auth import public
from app.api.deps import SessionDep
from app.core.db import postgis_version

router = APIRouter(tags=["运行状态 health"], dependencies=[Depends(public)])


@router.get("/healthz", summary="进程存活检查", description="存活检查：进程在运行即返回 200。")
def healthz() -> dict[str, str]:
    """Answer while the process is alive."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="就绪检查：数据库与 PostGIS 可用",
    description="就绪检查：数据库可连接且已安装 PostGIS 时返回 200，否则 503。",
)
def readyz(session: SessionDep) -> JSONResponse:
    """Answer 200 when the database answers and PostGIS is installed, else 503."""
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
    return JSONResponse({"status": "ok", "postgis": version})
