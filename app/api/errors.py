"""The one table from domain errors to HTTP status, and the handlers that render them."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.cases.workflow import ActionForbidden
from app.core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotConfigured,
    NotFound,
    PayloadTooLarge,
    PreconditionRequired,
    RateLimited,
    Unauthenticated,
    Unprocessable,
)
from app.core.logging import get_logger

log = get_logger(__name__)

STATUS_BY_ERROR: dict[type[DomainError], int] = {
    NotFound: 404,
    Conflict: 409,
    Unprocessable: 422,
    PayloadTooLarge: 413,
    Unauthenticated: 401,
    ActionForbidden: 403,
    Forbidden: 403,
    RateLimited: 429,
    NotConfigured: 503,
    PreconditionRequired: 428,
}


class ErrorBody(BaseModel):
    """Every error answer: a class name, a stable machine code, a Chinese message, details."""

    error: str = Field(description="错误类名，如 OutsideServiceArea")
    code: str = Field(description="稳定的机器可读错误码，如 outside_service_area")
    message: str = Field(description="给人看的中文说明")
    detail: Any = Field(default=None, description="附加信息（如最近网格与距离）")


def status_for(exc: DomainError) -> int:
    """Return the HTTP status of a domain error: the nearest class in the table, else 400."""
    for cls in type(exc).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def _body(error: str, code: str, message: str, detail: Any = None) -> Any:
    return jsonable_encoder({"error": error, "code": code, "message": message, "detail": detail})


_FIELD_MESSAGES = {
    "missing": "缺少必填参数",
    "float_parsing": "应为数字",
    "int_parsing": "应为整数",
    "finite_number": "必须是有限数值（不能是 NaN 或无穷大）",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "string_too_short": "文本过短",
    "string_too_long": "文本过长",
}


def error_response(exc: DomainError) -> JSONResponse:
    """Return the answer to a domain error (with `Retry-After` when it says when to retry).

    Endpoints return it themselves (instead of raising) when the refusal must keep what the
    unit of work wrote, e.g. a failed login's count or a revoked refresh-token family.
    """
    status = status_for(exc)
    log.info("domain_error", code=exc.code, status=status)
    retry = (exc.detail or {}).get("retry_after_s") if isinstance(exc.detail, dict) else None
    headers = {"Retry-After": str(int(retry))} if isinstance(retry, int | float) else None
    return JSONResponse(
        _body(type(exc).__name__, exc.code, exc.message, exc.detail or None), status, headers
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn errors into `ErrorBody` answers."""

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            zh = _FIELD_MESSAGES.get(str(e.get("type")), "参数不合法")
            problems.append(
                {
                    "field": loc,
                    "type": e.get("type"),
                    "message": f"{loc}: {zh}",
                    "input": e.get("input"),
                }
            )
        message = "请求参数不合法：" + "；".join(p["message"] for p in problems)
        return JSONResponse(
            _body("RequestValidationError", "invalid_request", message, problems), 422
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {
            404: "资源不存在",
            405: "不支持该请求方法",
            408: "接收请求内容超时",
            413: "请求内容过大",
        }
        code = {
            404: "not_found",
            405: "method_not_allowed",
            408: "request_timeout",
            413: "payload_too_large",
        }
        return JSONResponse(
            _body(
                "HTTPException",
                code.get(exc.status_code, f"http_{exc.status_code}"),
                messages.get(exc.status_code, str(exc.detail)),
                None,
            ),
            exc.status_code,
            headers=getattr(exc, "headers", None),
        )


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "缺少调用者身份"},
    403: {"model": ErrorBody, "description": "角色或单位无权执行"},
    404: {"model": ErrorBody, "description": "未找到"},
    409: {"model": ErrorBody, "description": "与当前状态或配置冲突"},
    422: {"model": ErrorBody, "description": "参数不合法或无法处理（如点位不在服务区域内）"},
}
