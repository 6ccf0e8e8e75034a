"""Open311 GeoReport v2 over HTTP at /open311/v2/: paths, parameters, XML and JSON, error bodies.

What the answers contain is decided in `app.channels.open311.service`; this module parses the query
string and form bodies (url-encoded, or multipart with `media` photos), renders the data as XML
(ElementTree, no namespace, FixMyStreet's grouping elements) or JSON (top-level arrays), and turns
every error into an Open311 error body: 404 not found, 403 missing/invalid api_key, 429 over the
key's rate limit, 400 anything else (503 only when the server itself lacks configuration).

Every endpoint is public (`Depends(public)`); the POSTs and the updates feed check the `api_key`
parameter themselves (scope `open311`).
"""

from __future__ import annotations

import codecs
import io
import json
import math
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import parse_qsl, unquote_plus, urlencode
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.routing import Match

from app.api.attachments import BodyLimitedRoute
from app.api.auth import public
from app.api.deps import NowDep, ReportSessionDep, SessionDep, on_loop, roll_back_at_end
from app.api.errors import (
    DB_UNAVAILABLE_MESSAGE,
    OVERLOADED_MESSAGE,
    database_problem,
    metrics_refused,
)
from app.channels.open311 import service as o311
from app.core.config import get_settings
from app.core.errors import (
    DomainError,
    Forbidden,
    NotConfigured,
    NotFound,
    RateLimited,
    Unauthenticated,
)
from app.core.logging import get_logger
from app.identity.service import authenticate_api_key

log = get_logger(__name__)

PREFIX = "/open311/v2"
SCOPE = "open311"
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
# list element → item element (FixMyStreet groups on service, attribute, value, request, error,
# request_update and group)
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
}
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,100})\](?:\[\])?$")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


# --- rendering ----------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML_CHAR.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    """Put `value` into `element`: dicts become children, lists items, scalars text."""
    if isinstance(value, Mapping):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list | tuple):
        item_tag = ITEM_TAGS[element.tag]
        for item in value:
            _fill(ET.SubElement(element, item_tag), item)
    else:
        element.text = _text(value)


def xml_document(root: str, value: Any) -> bytes:
    """Return an Open311 XML document: declaration, then `root` holding `value`."""
    element = ET.Element(root)
    _fill(element, value)
    buf = io.BytesIO()
    ET.ElementTree(element).write(buf, encoding="utf-8", xml_declaration=False)
    return XML_DECLARATION + buf.getvalue()


def render(fmt: str, root: str, value: Any, status: int = 200, headers: Any = None) -> Response:
    """Return `value` as XML (under `root`) or JSON, with the Open311 content types."""
    if fmt == "json":
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    else:
        body = xml_document(root, value)
    return Response(body, status, headers=headers, media_type=CONTENT_TYPES[fmt])


def open311_status(exc: DomainError) -> int:
    """Return the HTTP status of an error on an Open311 endpoint (404, 403, 429, 503, else 400)."""
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Forbidden | Unauthenticated):
        return 403
    if isinstance(exc, RateLimited):
        return 429
    if isinstance(exc, NotConfigured):
        return 503
    return 400


def error_response(fmt: str, status: int, description: str, headers: Any = None) -> Response:
    """Return an Open311 error body: `errors > error {code, description}`."""
    return render(fmt, "errors", [{"code": status, "description": description}], status, headers)


def _format_of_path(path: str) -> str:
    return "json" if path.endswith(".json") else "xml"


def _fmt(fmt: str) -> str:
    if fmt not in CONTENT_TYPES:
        raise NotFound(f"不支持的格式“.{fmt}”：请使用 .xml 或 .json", format=fmt)
    return fmt


class Open311Route(BodyLimitedRoute):
    """A route whose every error is an Open311 error body.

    Multipart bodies (photos) are limited like photo uploads; url-encoded forms are read by
    `read_params` up to `open311_form_max_bytes`, which names the field that is too long.
    """

    def body_limit(self) -> int | None:
        """Return None: these routes limit their own bodies (photos, and each form field by name)."""
        return None

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap the handler: domain, validation and HTTP errors become Open311 errors."""
        limited = super().get_route_handler()
        plain = APIRoute.get_route_handler(self)

        async def answer(request: Request) -> Response:
            fmt = _format_of_path(request.url.path)
            multipart = request.headers.get("content-type", "").lower().startswith("multipart/")
            handler = limited if multipart else plain
            try:
                return await handler(request)
            except DomainError as exc:
                status = open311_status(exc)
                headers = None
                if isinstance(exc, RateLimited) and "retry_after_s" in exc.detail:
                    headers = {"Retry-After": str(exc.detail["retry_after_s"])}
                log.info("open311_error", code=exc.code, status=status)
                return error_response(fmt, status, exc.message, headers)
            except RequestValidationError as exc:
                where = "；".join(".".join(str(x) for x in e.get("loc", ())) for e in exc.errors())
                return error_response(fmt, 400, f"请求参数不合法：{where}")
            except StarletteHTTPException as exc:
                status = 404 if exc.status_code == 404 else 400
                return error_response(fmt, status, f"请求无法处理：{exc.detail}")
            except (PoolTimeout, DBAPIError) as exc:
                problem = "busy" if isinstance(exc, PoolTimeout) else database_problem(exc)
                if problem not in ("busy", "unavailable"):
                    raise  # a refused value or a fault: the application's own handlers
                busy = problem == "busy"
                metrics_refused("overloaded" if busy else "database_unavailable")
                return error_response(
                    fmt,
                    503,
                    OVERLOADED_MESSAGE if busy else DB_UNAVAILABLE_MESSAGE,
                    {"Retry-After": str(get_settings().retry_after_s)},
                )

        return answer


# --- parameters ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Params:
    """The query string and form fields of a call (empty values count as absent)."""

    values: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[UploadFile]] = field(default_factory=dict)

    def get(self, *names: str) -> str | None:
        """Return the first non-empty value of the first name present (aliases in order)."""
        for name in names:
            for value in self.values.get(name, ()):
                if value.strip():
                    return value.strip()
        return None

    def items(self, name: str) -> list[str]:
        """Return the comma-separated items of a parameter (`a,b` and repeated keys)."""
        return [
            item.strip()
            for value in self.values.get(name, ())
            for item in value.split(",")
            if item.strip()
        ]

    def number(self, name: str) -> float | None:
        """Return a number parameter (400 when it is not a number)."""
        raw = self.get(name)
        if raw is None:
            return None
        try:
            return float(raw)
        except ValueError:
            raise o311.Open311Invalid(f"{name} 应为数字（收到“{raw}”）", field=name) from None

    def integer(self, name: str) -> int | None:
        """Return an integer parameter (400 when it is not an integer)."""
        raw = self.get(name)
        if raw is None:
            return None
        try:
            return int(raw)
        except ValueError:
            raise o311.Open311Invalid(f"{name} 应为整数（收到“{raw}”）", field=name) from None

    def moment(self, name: str) -> datetime | None:
        """Return an ISO-8601 date-time (no zone: the calendar's zone); 400 when unreadable."""
        raw = self.get(name)
        if raw is None:
            return None
        # a '+' left unencoded in a query string arrives as a space: 10:15:00 08:00
        fixed = re.sub(r" (\d{2}:?\d{2})$", r"+\1", raw)
        try:
            value = datetime.fromisoformat(fixed)
        except ValueError:
            raise o311.Open311Invalid(
                f"{name} 不是 ISO-8601 时间（如 2026-11-21T10:15:00+08:00），收到“{raw}”",
                field=name,
            ) from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo(get_settings().calendar_timezone))
        return value

    def attributes(self) -> dict[str, list[str]]:
        """Return `attribute[CODE]` (and multivalue `attribute[CODE][]`) values by code."""
        out: dict[str, list[str]] = {}
        for key, values in self.values.items():
            m = _ATTRIBUTE.match(key)
            if m:
                out.setdefault(m.group(1), []).extend(values)
        return out

    def bbox(self) -> tuple[float, float, float, float] | None:
        """Return `bbox=min_lon,min_lat,max_lon,max_lat` (400 when malformed)."""
        raw = self.get("bbox")
        if raw is None:
            return None
        try:
            parts = [float(p) for p in raw.split(",")]
        except ValueError:
            parts = []
        if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
            raise o311.Open311Invalid(
                "bbox 应为四个数：最小经度,最小纬度,最大经度,最大纬度", field="bbox"
            )
        return parts[0], parts[1], parts[2], parts[3]

    def flag(self, name: str) -> bool:
        """Return a boolean parameter (true/1/yes)."""
        return (self.get(name) or "").lower() in ("true", "1", "yes")


def _not_encoded(where: str, charset: str) -> o311.Open311Invalid:
    return o311.Open311Invalid(
        f"{where}不是有效的 {charset.upper()} 编码，无法读取：请以 UTF-8 编码提交"
        "（Content-Type: application/x-www-form-urlencoded; charset=utf-8）",
        charset=charset,
    )


def _charset(request: Request) -> str:
    """Return the codec of the declared form charset (default and fallback UTF-8)."""
    m = re.search(r"charset=\"?([\w.:-]+)", request.headers.get("content-type", ""), re.I)
    if m is None:
        return "utf-8"
    try:
        return codecs.lookup(m.group(1)).name
    except LookupError:
        raise o311.Open311Invalid(f"不支持的字符集“{m.group(1)}”：请使用 UTF-8") from None


def decode_pairs(raw: bytes, where: str, charset: str = "utf-8") -> list[tuple[str, str]]:
    """Decode `a=1&b=%E4%BD%A0` strictly: invalid bytes are a 400, never stored as mojibake."""
    limit = get_settings().open311_max_fields
    try:
        return parse_qsl(
            raw.decode(charset),
            keep_blank_values=True,
            encoding=charset,
            errors="strict",
            max_num_fields=limit,
        )
    except UnicodeDecodeError:
        raise _not_encoded(where, charset) from None
    except ValueError:  # more than max_num_fields
        raise o311.Open311Invalid(f"{where}的参数过多：最多 {limit} 个") from None


def field_too_long(name: str) -> str:
    """Return the message for a form field past `open311_form_max_bytes`."""
    if name == "description":
        return o311.description_too_long(get_settings().open311_description_max)
    cap = get_settings().open311_form_max_bytes
    return (
        f"参数 {name or '（无名）'} 过长：表单字段最多 {cap} 字节"
        "（XIUHUA_OPEN311_FORM_MAX_BYTES；照片请用 multipart 的 media 字段上传）"
    )


async def _read_form(request: Request) -> bytes:
    """Read a url-encoded body up to `open311_form_max_bytes`; past it, name the long field."""
    cap = get_settings().open311_form_max_bytes
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:  # the field that runs past the limit: the one holding byte `cap`
            head = bytes(body[: cap + 1])
            current = head[head.rfind(b"&") + 1 :].split(b"=", 1)[0][:100]
            raise o311.Open311Invalid(field_too_long(unquote_plus(current.decode("latin-1"))))
    return bytes(body)


class _StrictMultiPartParser(MultiPartParser):
    """Starlette's multipart parser, with strict text fields.

    A text field must decode in the form's charset (no latin-1 fallback), and one past the
    size limit is refused by name.
    """

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        """Refuse a text field past `max_part_size`, by name."""
        part = self._current_part
        if part.file is None and len(part.data) + end - start > self.max_part_size:
            raise o311.Open311Invalid(field_too_long(part.field_name), field=part.field_name)
        super().on_part_data(data, start, end)

    def on_part_end(self) -> None:
        """Refuse a text field that is not valid in the form's charset."""
        part = self._current_part
        if part.file is None:
            try:
                bytes(part.data).decode(self._charset)
            except UnicodeDecodeError:
                raise _not_encoded(f"表单字段 {part.field_name} ", self._charset) from None
        super().on_part_end()


async def _read_multipart(request: Request) -> FormData:
    settings = get_settings()
    parser = _StrictMultiPartParser(
        request.headers,
        request.stream(),
        max_files=settings.open311_max_photos + 1,
        max_fields=settings.open311_max_fields,
        max_part_size=settings.open311_form_max_bytes,
    )
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise o311.Open311Invalid(
            f"multipart 表单无法解析：{_MULTIPART_ERRORS.get(exc.message, exc.message)}"
        ) from None


_MULTIPART_ERRORS = {
    "Invalid multipart data.": "格式不正确",
    "Missing boundary in multipart.": "缺少 boundary",
}


async def read_params(request: Request) -> AsyncIterator[Params]:
    """Collect the query string and, for a POST, the form body (uploads closed afterwards).

    Both are decoded strictly (invalid UTF-8 is a 400); a url-encoded body is read up to
    `open311_form_max_bytes`, a multipart text field likewise.
    """
    params = Params()
    for key, value in decode_pairs(request.scope.get("query_string", b""), "查询参数"):
        params.values.setdefault(key, []).append(value)
    content_type = request.headers.get("content-type", "").lower()
    if request.method != "POST" or not content_type.startswith(_FORM_TYPES):
        yield params
        return
    if not content_type.startswith("multipart/"):
        charset = _charset(request)
        for key, value in decode_pairs(await _read_form(request), "表单", charset):
            params.values.setdefault(key, []).append(value)
        yield params
        return
    form = await _read_multipart(request)
    try:
        for key, item in form.multi_items():
            if isinstance(item, str):
                params.values.setdefault(key, []).append(item)
            else:
                params.files.setdefault(key, []).append(item)
        yield params
    finally:
        await form.close()


ParamsDep = Annotated[Params, Depends(read_params, scope="function")]

router = APIRouter(prefix=PREFIX, tags=["Open311 GeoReport v2"], route_class=Open311Route)
PUBLIC = [Depends(public)]
_FMT_DOC = "路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。"


def paging_headers(request: Request, page: o311.Page) -> dict[str, str]:
    """Return the paging signal: `X-Total-Count`, `X-Page`, `X-Page-Size` and RFC 8288 `Link`.

    `Link` names the first, previous, next and last pages (those that exist) with the call's own
    parameters, `page` and `page_size` set — and without `api_key`, which the client adds again.
    """
    headers = {
        "X-Total-Count": str(page.total),
        "X-Page": str(page.page),
        "X-Page-Size": str(page.page_size),
    }
    keep = [
        (k, v)
        for k, v in parse_qsl(request.url.query, keep_blank_values=True)
        if k not in ("api_key", "page", "page_size")
    ]
    base = str(request.url.replace(query=None))

    def url(n: int) -> str:
        return f"<{base}?{urlencode([*keep, ('page', n), ('page_size', page.page_size)])}>"

    links = [(1, "first")]
    if page.page > 1:
        links.append((min(page.page - 1, page.last_page), "prev"))
    if page.page < page.last_page:
        links.append((page.page + 1, "next"))
    links.append((page.last_page, "last"))
    headers["Link"] = ", ".join(f'{url(n)}; rel="{rel}"' for n, rel in links)
    return headers


def _api_key(session: Session, params: Params, now: datetime) -> int:
    key = authenticate_api_key(session, params.get("api_key"), SCOPE, now)
    return key.id


@router.get(
    "/discovery.{fmt}",
    summary="服务发现（discovery）",
    description=_FMT_DOC,
    dependencies=PUBLIC,
)
def get_discovery(session: SessionDep, request: Request, fmt: str) -> Response:
    """Return the discovery document."""
    fmt = _fmt(fmt)
    url = str(request.base_url).rstrip("/") + PREFIX + "/"
    formats = [t.split(";")[0] for t in CONTENT_TYPES.values()]
    return render(fmt, "discovery", o311.discovery(session, url, formats))


@router.get(
    "/services.{fmt}",
    summary="服务类型列表（公众可上报的类别，group = 大类）",
    description=_FMT_DOC + " 参数 `jurisdiction_id` 可选（忽略）。",
    dependencies=PUBLIC,
)
def get_services(session: SessionDep, fmt: str) -> Response:
    """Return the public services."""
    fmt = _fmt(fmt)
    return render(fmt, "services", o311.list_services(session))


@router.get(
    "/services/{service_code}.{fmt}",
    summary="服务定义（属性：问题情形、部件编号）",
    description=_FMT_DOC,
    dependencies=PUBLIC,
)
def get_service_definition(session: SessionDep, service_code: str, fmt: str) -> Response:
    """Return a service definition."""
    fmt = _fmt(fmt)
    return render(fmt, "service_definition", o311.service_definition(session, service_code))


@router.post(
    "/requests.{fmt}",
    summary="提交诉求（需 api_key）",
    description=(
        _FMT_DOC + " 表单（application/x-www-form-urlencoded，或 multipart/form-data 附 `media`"
        " 照片）：`api_key`、`service_code`；位置 `lat`+`long`（WGS-84）或 `address_string`（按标准"
        "地址库匹配）或 `address_id`（标准地址编码；`#NOTPINPOINTED#` 表示经纬度不是精确点位）；"
        "`attribute[CODE]`；可选 `email`、`phone`（加密存储，不在查询中返回）、`device_id`/"
        "`deviceid`、`account_id`、`first_name`、`last_name`、`description`（纯文本，按原样保存，"
        "≤ XIUHUA_OPEN311_DESCRIPTION_MAX 字）、`media_url`。UTF-8 编码，无效字节为 400。"
        "`address_id=#NOTPINPOINTED#` 而无 lat/long 与 address_string 时为 400（缺少位置）。"
        "生成来源为 open311 的案卷（定位、派遣建议、编号、开始计时）。"
    ),
    dependencies=PUBLIC,
)
async def post_request(
    now: NowDep,
    session: SessionDep,
    loop_session: ReportSessionDep,
    fmt: str,
    params: ParamsDep,
) -> Response:
    """File a service request as a case.

    Without photos the request is a few short statements and runs on the event loop
    (app.api.deps.on_loop); photos are decoded and stored in the thread pool, off the loop.
    """
    if params.files.get("media"):
        return await run_in_threadpool(_file_request, session, fmt, params, now)
    return await on_loop(_file_request, loop_session, fmt, params, now)


def _file_request(session: Session, fmt: str, params: Params, now: datetime) -> Response:
    try:
        return _submit(session, fmt, params, now)
    except BaseException:
        # The route answers a refusal itself (`Open311Route`), so the unit of work would end
        # as if the request had succeeded: what the refused request wrote (its stored photos,
        # in the thread pool's transaction) must be rolled back, never committed.
        roll_back_at_end(session)
        raise


def _submit(session: Session, fmt: str, params: Params, now: datetime) -> Response:
    fmt = _fmt(fmt)
    api_key_id = _api_key(session, params, now)
    inp = o311.ServiceRequestInput(
        service_code=params.get("service_code"),
        lat=params.number("lat"),
        long=params.number("long"),
        address_string=params.get("address_string"),
        address_id=params.get("address_id"),
        zipcode=params.get("zipcode"),
        attributes=params.attributes(),
        email=params.get("email"),
        device_id=params.get("device_id", "deviceid"),
        account_id=params.get("account_id"),
        first_name=params.get("first_name"),
        last_name=params.get("last_name"),
        phone=params.get("phone"),
        description=params.get("description"),
        media_url=params.get("media_url"),
        photos=[f.file for f in params.files.get("media", [])],
    )
    # nothing is written after the case: its insert commits (app.cases.service.report_case)
    result = o311.submit_request(session, inp, api_key_id, now, last=True)
    answer = result.answer(get_settings().open311_return_token)
    return render(fmt, "service_requests", [answer])


@router.get(
    "/tokens/{token}.{fmt}",
    summary="由 token 查诉求编号",
    description=_FMT_DOC,
    dependencies=PUBLIC,
)
def get_token(session: SessionDep, token: str, fmt: str) -> Response:
    """Return the service request id of a token."""
    fmt = _fmt(fmt)
    return render(fmt, "service_requests", o311.token_request(session, token))


@router.get(
    "/requests.{fmt}",
    summary="查询诉求",
    description=(
        _FMT_DOC + " 参数：`service_request_id`（逗号分隔，优先于其他条件）、`service_code`"
        "（逗号分隔）、`start_date`/`end_date`（按提交时间，范围 ≤ 90 天，默认最近 90 天）、"
        "`status`（open,closed）；扩展：`updated_after`/`updated_before`、`bbox`（最小经度,最小纬度,"
        "最大经度,最大纬度）、`lat`+`long`+`radius`（米）、`page`、`page_size`（默认 1000）、"
        "`extensions=true`（附 `notes` 处理记录）。最新在前；不带 `page` 即第 1 页。分页信号在响应头："
        "`X-Total-Count`（总数）、`X-Page`、`X-Page-Size`、`Link`（rel=first/prev/next/last）。"
    ),
    dependencies=PUBLIC,
)
def get_requests(
    now: NowDep, session: SessionDep, request: Request, fmt: str, params: ParamsDep
) -> Response:
    """Return service requests."""
    fmt = _fmt(fmt)
    q = o311.RequestQuery(
        ids=params.items("service_request_id"),
        service_codes=params.items("service_code"),
        start=params.moment("start_date"),
        end=params.moment("end_date"),
        statuses=[s.lower() for s in params.items("status")],
        updated_after=params.moment("updated_after"),
        updated_before=params.moment("updated_before"),
        bbox=params.bbox(),
        lat=params.number("lat"),
        long=params.number("long"),
        radius_m=params.number("radius"),
        page=params.integer("page"),
        page_size=params.integer("page_size"),
        notes=params.flag("extensions"),
    )
    page = o311.list_requests(session, q, now)
    return render(fmt, "service_requests", page.items, headers=paging_headers(request, page))


@router.get(
    "/requests/{request_id}.{fmt}",
    summary="单个诉求",
    description=_FMT_DOC + " `extensions=true` 附 `notes`。",
    dependencies=PUBLIC,
)
def get_request(
    now: NowDep, session: SessionDep, request_id: str, fmt: str, params: ParamsDep
) -> Response:
    """Return one service request (a one-element list)."""
    fmt = _fmt(fmt)
    found = o311.get_request(session, request_id, now, notes=params.flag("extensions"))
    return render(fmt, "service_requests", found)


@router.get(
    "/servicerequestupdates.{fmt}",
    summary="诉求进展（mySociety 扩展，需 api_key）",
    description=(
        _FMT_DOC + " 参数 `api_key`（本系统要求密钥：历史含各案卷的处置单位与说明，按密钥限流）、"
        "`start_date`、`end_date`（≤ 90 天，默认最近 90 天）、`page`、`page_size`。旧的在前；"
        "不带 `page` 时返回最新的一页，更早的见 `Link` 的 rel=prev/first；响应头另有 "
        "`X-Total-Count`、`X-Page`、`X-Page-Size`。`status` 为该条之后案卷的扩展状态（OPEN、"
        "IN_PROGRESS、FIXED……），`external_status_code` 为本系统状态。"
    ),
    dependencies=PUBLIC,
)
def get_updates(
    now: NowDep, session: SessionDep, request: Request, fmt: str, params: ParamsDep
) -> Response:
    """Return the public events of the requests in a time window."""
    fmt = _fmt(fmt)
    _api_key(session, params, now)
    page = o311.list_updates(
        session,
        params.moment("start_date"),
        params.moment("end_date"),
        now,
        params.integer("page"),
        params.integer("page_size"),
    )
    headers = paging_headers(request, page)
    return render(fmt, "service_request_updates", page.items, headers=headers)


@router.post(
    "/servicerequestupdates.{fmt}",
    summary="提交市民的补充进展（mySociety 扩展，需 api_key）",
    description=(
        _FMT_DOC + " 必填 `api_key`、`service_request_id`、`update_id`、`status`、"
        "`updated_datetime`、`description`。`status` 为 FixMyStreet 发送的任一状态（OPEN、CLOSED、"
        "FIXED、REOPEN、CANCELLED、FOR_TRIAGE 及其余扩展状态）：记入案卷的全过程记录（哈希链）；"
        "FIXED/CLOSED 且案卷待结案时由系统结案。同一密钥、同一 `update_id`、内容相同的重试返回"
        "首次的 update_id；内容不同则 400。"
    ),
    dependencies=PUBLIC,
)
def post_update(now: NowDep, session: SessionDep, fmt: str, params: ParamsDep) -> Response:
    """Record a citizen's update on a case."""
    fmt = _fmt(fmt)
    api_key_id = _api_key(session, params, now)
    inp = o311.UpdateInput(
        service_request_id=params.get("service_request_id"),
        update_id=params.get("update_id"),
        status=params.get("status"),
        updated_datetime=params.moment("updated_datetime"),
        description=params.get("description"),
        media_url=params.get("media_url"),
        account_id=params.get("account_id"),
        email=params.get("email"),
        phone=params.get("phone"),
        first_name=params.get("first_name"),
        last_name=params.get("last_name"),
    )
    answer = o311.post_update(session, inp, api_key_id, now)
    return render(fmt, "service_request_updates", [answer])


@router.api_route(
    "/{rest:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
    dependencies=PUBLIC,
)
def unknown(request: Request, rest: str) -> Response:
    """Answer any other path under /open311/v2/ with an Open311 error (404, or 400 for a method)."""
    for route in router.routes:
        match, _ = route.matches(request.scope)
        if match is Match.PARTIAL:
            raise o311.Open311Invalid(f"{request.method} 不适用于 /{rest}", method=request.method)
    raise NotFound(f"没有这个资源：/{rest}（Open311 路径形如 services.xml、requests.json）")
