"""The one table from domain errors to HTTP status, and the handlers that render them."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.cases.workflow import ActionForbidden
from app.core.config import get_settings
from app.core.db import sqlstate
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


_SURROGATE = re.compile("[\ud800-\udfff]")
_ECHO_MAX = 200  # characters of a refused input echoed back in `detail`


def _clean(value: Any, depth: int = 0) -> Any:
    """Make `value` JSON-safe whatever it holds: lone surrogates, bytes, objects, long text."""
    if depth > 8:
        return None
    if value is None or isinstance(value, bool | int | float):
        return value if not isinstance(value, float) or value == value else None
    if isinstance(value, str):
        text_ = _SURROGATE.sub("\ufffd", value)
        return text_ if len(text_) <= _ECHO_MAX else text_[:_ECHO_MAX] + "…"
    if isinstance(value, bytes | bytearray):
        return _clean(bytes(value[: _ECHO_MAX * 4]).decode("utf-8", "replace"), depth + 1)
    if isinstance(value, dict):
        return {str(_clean(str(k), depth + 1)): _clean(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_clean(v, depth + 1) for v in list(value)[:100]]
    try:
        return _clean(jsonable_encoder(value), depth + 1)
    except Exception:
        return _clean(str(value), depth + 1)


_FALLBACK = (
    b'{"error":"InternalError","code":"internal_error",'
    rb'"message":"\u670d\u52a1\u5185\u90e8\u9519\u8bef","detail":null}'
)


def error_response(
    status: int,
    error: str,
    code: str,
    message: str,
    detail: Any = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Answer `{error, code, message, detail}` as JSON; rendering it cannot fail."""
    try:
        body = json.dumps(
            {
                "error": _clean(error),
                "code": _clean(code),
                "message": _clean(message),
                "detail": _clean(detail),
            },
            ensure_ascii=False,
            allow_nan=False,
        ).encode("utf-8")
    except Exception:
        body = _FALLBACK
    return Response(body, status, headers=headers, media_type="application/json")


def _body(error: str, code: str, message: str, detail: Any = None) -> Any:
    return _clean({"error": error, "code": code, "message": message, "detail": detail})


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
    "json_invalid": "请求体不是合法的 JSON",
    "json_type": "请求体应为 JSON",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为数组",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "bytes_type": "应为文件或文本",
    "datetime_parsing": "应为 ISO 8601 时间",
    "datetime_type": "应为 ISO 8601 时间",
    "datetime_from_date_parsing": "应为 ISO 8601 时间",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "time_parsing": "应为时间（HH:MM）",
    "uuid_parsing": "应为 UUID",
    "uuid_type": "应为 UUID",
    "decimal_parsing": "应为数字",
    "greater_than": "数值过小",
    "less_than": "数值过大",
    "too_short": "条目过少",
    "too_long": "条目过多",
    "extra_forbidden": "不允许的字段",
    "string_pattern_mismatch": "格式不正确",
    "url_parsing": "应为网址",
    "missing_argument": "缺少必填参数",
    "text_not_storable": "文本含有无法保存的字符（NUL 或不成对的代理字符）",
    "value_error": "取值不合法",
    "assertion_error": "取值不合法",
}

DB_UNAVAILABLE_MESSAGE = "数据库暂时不可用，请稍后重试（本次请求未生效）"
DB_BUSY_MESSAGE = "数据库繁忙，请稍后重试（本次请求未生效）"
OVERLOADED_MESSAGE = "服务繁忙，请稍后重试（本次请求未生效）"


def database_problem(exc: BaseException) -> str | None:
    """Return what a database error means for the caller, from its SQLSTATE (any driver).

    "unavailable": the server cannot be reached (connection lost or refused, shut down);
    "busy": the statement gave way (deadlock, serialization failure, lock or statement timeout,
    out of resources) and the request did nothing; "data": a value the database cannot store
    (class 22); None: anything else (a fault: 500).
    """
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return "unavailable"
    code = sqlstate(exc)
    operational = isinstance(exc, OperationalError)
    if code is None:  # the client could not connect, or a fault of the client itself
        return "unavailable" if operational else None
    if code.startswith(("08", "57P")):  # connection exception; shutdown
        return "unavailable"
    if code.startswith(("40", "53")) or code in ("55P03", "57014"):
        return "busy"
    if code.startswith("22"):
        return "data"
    return "busy" if operational else None


def validation_problems(errors: Any) -> list[dict[str, Any]]:
    """Each refused field: its dotted name, the pydantic type, a Chinese message, the input."""
    problems = []
    for e in errors:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
        kind = str(e.get("type"))
        zh = _FIELD_MESSAGES.get(kind, "参数不合法")
        problems.append(
            {
                "field": loc,
                "type": kind,
                "message": f"{loc}: {zh}" if loc else zh,
                "input": e.get("input"),
            }
        )
    return problems


def metrics_refused(reason: str) -> None:
    """Count a 503 by reason on /metrics."""
    from app.api import metrics

    metrics.REFUSED.labels(reason=reason).inc()


def domain_error_response(exc: DomainError) -> Response:
    """Return the answer to a domain error (with `Retry-After` when it says when to retry).

    Endpoints return it themselves (instead of raising) when the refusal must keep what the
    unit of work wrote, e.g. a failed login's count or a revoked refresh-token family.
    """
    status = status_for(exc)
    log.info("domain_error", code=exc.code, status=status)
    retry = (exc.detail or {}).get("retry_after_s") if isinstance(exc.detail, dict) else None
    headers = {"Retry-After": str(int(retry))} if isinstance(retry, int | float) else None
    return error_response(
        status, type(exc).__name__, exc.code, exc.message, exc.detail or None, headers
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn errors into `ErrorBody` answers (none of them can fail)."""
    retry_after = {"Retry-After": str(get_settings().retry_after_s)}

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, exc: DomainError) -> Response:
        return domain_error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> Response:
        problems = validation_problems(exc.errors())
        message = "请求参数不合法：" + "；".join(p["message"] for p in problems)
        return error_response(422, "RequestValidationError", "invalid_request", message, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {
            400: "请求体无法解析（格式或编码不正确）",
            404: f"接口不存在：{request.url.path}",  # no route has this path
            405: "不支持该请求方法",
            408: "接收请求内容超时",
            413: "请求内容过大",
        }
        code = {
            400: "malformed_body",
            404: "not_found",
            405: "method_not_allowed",
            408: "request_timeout",
            413: "payload_too_large",
        }
        return error_response(
            exc.status_code,
            "HTTPException",
            code.get(exc.status_code, f"http_{exc.status_code}"),
            messages.get(exc.status_code, "请求无法处理"),
            None,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(PoolTimeout)
    async def pool_timeout(_request: Request, _exc: PoolTimeout) -> Response:
        # Every database connection of this worker stayed busy for db_pool_timeout_s.
        from app.api import metrics

        metrics_refused("overloaded")
        metrics.OVERLOAD.labels(why="db_pool_timeout").inc()
        log.warning("db_pool_timeout")
        return error_response(
            503, "Overloaded", "overloaded", OVERLOADED_MESSAGE, None, retry_after
        )

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> Response:
        problem = database_problem(exc)
        if problem == "unavailable":
            metrics_refused("database_unavailable")
            log.warning("database_unavailable", error=type(exc.orig).__name__)
            return error_response(
                503,
                "DatabaseUnavailable",
                "database_unavailable",
                DB_UNAVAILABLE_MESSAGE,
                None,
                retry_after,
            )
        if problem == "busy":  # the request did nothing
            metrics_refused("database_busy")
            log.warning("database_busy", error=type(exc.orig).__name__)
            return error_response(
                503, "DatabaseBusy", "database_busy", DB_BUSY_MESSAGE, None, retry_after
            )
        if problem == "data":
            # A value the database cannot store slipped past the edge validation: still a 422.
            log.warning("data_error", error=type(exc.orig).__name__)
            return error_response(
                422,
                "RequestValidationError",
                "invalid_request",
                "请求参数不合法：数值超出范围或文本含有无法保存的字符",
            )
        return await internal_error(request, exc)

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, exc: Exception) -> Response:
        # Nothing expected ends here; whatever does is still the documented JSON body.
        with contextlib.suppress(Exception):  # not even a failing log line stops the answer
            log.error("internal_error", error=type(exc).__name__, exc_info=exc)
        return error_response(500, "InternalError", "internal_error", "服务内部错误，请稍后重试")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "缺少调用者身份"},
    403: {"model": ErrorBody, "description": "角色或单位无权执行"},
    404: {"model": ErrorBody, "description": "未找到"},
    409: {"model": ErrorBody, "description": "与当前状态或配置冲突"},
    422: {"model": ErrorBody, "description": "参数不合法或无法处理（如点位不在服务区域内）"},
}
