"""Exports (导出) and upward exchange (数据上报): CSV/XLSX tables and JSON Lines case records.

CSV/XLSX of case lists and of any indicator table; the JSON Lines case records for a provincial
platform.

Everything is streamed: CSV and JSON Lines straight from a server-side cursor (the session is a
request-scoped dependency, so it lives until the body has been sent); XLSX is written in
constant memory to a temporary file, which is sent and then deleted. Bad filters answer 422 with
a stable code (`invalid_date`, `invalid_period`, `period_too_long`, `unsupported_format`,
`invalid_filter`) before any byte of the body is sent.
"""

from __future__ import annotations

import os
import pathlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import FileResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from app.api.auth import Allow
from app.api.deps import NowDep, get_session
from app.api.errors import ERROR_RESPONSES
from app.api.schemas.edge import CleanStr
from app.cases import workflow as wf
from app.stats.access import VIEWERS
from app.stats.exchange import exchange_filter, exchange_lines
from app.stats.export import (
    InvalidDate,
    case_filter,
    case_table,
    csv_chunks,
    parse_format,
    write_xlsx,
)
from app.stats.table import Column, StatsTable

router = APIRouter(prefix="/api/v1", tags=["导出与上报 exports"], responses=ERROR_RESPONSES)

# the readers of the evaluation export it too (one role set: app.stats.access)
ActorDep = Annotated[wf.Actor, Depends(Allow(*sorted(VIEWERS)))]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}

# The query parameters both case exports take, declared once.
FromQ = Annotated[CleanStr | None, Query(alias="from", description="上报时间起（YYYY-MM-DD）")]
ToQ = Annotated[CleanStr | None, Query(alias="to", description="上报时间止（含当天）")]
DistrictQ = Annotated[list[CleanStr] | None, Query(description="区县代码（6 位）")]
StatusQ = Annotated[list[CleanStr] | None, Query(description="状态，如 closed")]

# Request scope (the default): the session stays open while a streamed body is being sent.
StreamSessionDep = Annotated[Session, Depends(get_session)]


def export_districts(actor: wf.Actor) -> Sequence[str] | None:
    """Return the districts the caller may export (None: all); the role is checked by Allow."""
    return actor.districts


def content_disposition(filename: str) -> str:
    """Return an attachment header with an ASCII fallback and the UTF-8 name (RFC 6266/5987)."""
    fallback = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _batched(lines: Iterable[str], size: int = 200) -> Iterator[bytes]:
    """Join `size` lines per chunk (a case record with its events is a few KB: ~1 MB chunks)."""
    buf: list[str] = []
    for line in lines:
        buf.append(line)
        if len(buf) >= size:
            yield "".join(buf).encode("utf-8")
            buf.clear()
    if buf:
        yield "".join(buf).encode("utf-8")


def table_response(table: StatsTable, fmt: str, filename: str | None = None) -> Response:
    """Answer with the table as a CSV (streamed) or XLSX (temporary file, deleted after sending).

    For any StatsTable, including one whose rows are a lazy cursor: keep its session open for
    the request (a request-scoped session dependency does).
    """
    kind = parse_format(fmt)
    name = f"{filename or table.title}.{kind}"
    headers = {"Content-Disposition": content_disposition(name), "Cache-Control": "no-store"}
    if kind == "csv":
        return StreamingResponse(csv_chunks(table), media_type=MEDIA_TYPES["csv"], headers=headers)
    fd, raw = tempfile.mkstemp(prefix="xiuhua-export-", suffix=".xlsx")
    os.close(fd)
    path = pathlib.Path(raw)
    try:
        write_xlsx(table, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=MEDIA_TYPES["xlsx"],
        headers=headers,
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


@router.get(
    "/exports/cases.{fmt}",
    summary="导出案卷清单（CSV / XLSX）",
    description=(
        "按上报时间段（`from`、`to`，日期含当天，最长 366 天）及区县、街道、社区、处置单位、类别、"
        "来源、状态筛选，导出案卷清单：案卷编号、来源、大类/小类、问题描述、地址、网格编码、社区/街道、"
        "处置单位、状态、各节点时间、处置时限、是否按期、返工/回退/延期次数、回访结果。CSV 为带 BOM "
        "的 UTF-8（Excel 可直接打开），XLSX 含表头样式与筛选。多值筛选可重复参数，如 "
        "`status=closed&status=evaluated`。"
    ),
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPES["csv"]: {}, XLSX_TYPE: {}}}},
)
def export_cases(
    now: NowDep,
    session: StreamSessionDep,
    actor: ActorDep,
    fmt: Annotated[CleanStr, Path(description="csv 或 xlsx")],
    start: FromQ = None,
    end: ToQ = None,
    district: DistrictQ = None,
    street: Annotated[list[CleanStr] | None, Query(description="街道代码（9 位）")] = None,
    community: Annotated[list[CleanStr] | None, Query(description="社区代码（12 位）")] = None,
    unit: Annotated[CleanStr | None, Query(description="处置单位代码或 ID")] = None,
    category: Annotated[
        list[str] | None, Query(description="类别：event:09006、component:01003、event:09…")
    ] = None,
    source: Annotated[
        list[CleanStr] | None, Query(description="来源，如 inspector、hotline")
    ] = None,
    status: StatusQ = None,
) -> Response:
    """Stream the filtered case list as CSV or XLSX."""
    scope = export_districts(actor)
    kind = parse_format(fmt)
    f = case_filter(
        start=start,
        end=end,
        district=district,
        street=street,
        community=community,
        unit=unit,
        category=category,
        source=source,
        status=status,
    )
    table = case_table(session, f, districts=scope, now=now)
    return table_response(table, kind, f"案卷清单_{start}_{end}")


class TableColumn(BaseModel):
    """A column of a posted table."""

    key: CleanStr = Field(min_length=1, max_length=64)
    label: CleanStr = Field(min_length=1, max_length=100)
    kind: Literal["text", "int", "number", "rate", "score", "datetime"] = "text"


class TableBody(BaseModel):
    """Any indicator table (the StatsTable shape) to be written as CSV or XLSX."""

    title: CleanStr = Field(min_length=1, max_length=100, description="表名，如 专业部门月度考评")
    columns: list[TableColumn] = Field(min_length=1, max_length=200)
    rows: list[dict[str, Any]] = Field(max_length=200_000, description="以列 key 为键的行")
    meta: dict[str, Any] = Field(default_factory=dict, description="说明（XLSX 中单列一页）")


def _times(rows: list[dict[str, Any]], keys: list[str]) -> Iterator[dict[str, Any]]:
    for i, row in enumerate(rows, start=1):
        for k in keys:
            v = row.get(k)
            if isinstance(v, str) and v:
                try:
                    row[k] = datetime.fromisoformat(v)
                except ValueError:
                    raise InvalidDate(
                        f"第 {i} 行 {k} 的时间格式不正确：'{v}'（应为 ISO 8601）", field=k, row=i
                    ) from None
        yield row


@router.post(
    "/exports/table.{fmt}",
    summary="把任一指标表导出为 CSV / XLSX",
    description=(
        "提交一张指标表（表名、列 key/label/kind、行），返回 CSV（带 BOM 的 UTF-8）或 XLSX。列类型："
        "text、int、number、rate（0–1 的比率，导出为百分比）、score（保留两位小数）、datetime（ISO 8601）。"
    ),
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPES["csv"]: {}, XLSX_TYPE: {}}}},
)
def export_table(
    body: TableBody, actor: ActorDep, fmt: Annotated[CleanStr, Path(description="csv 或 xlsx")]
) -> Response:
    """Write a posted table as CSV or XLSX."""
    export_districts(actor)
    kind = parse_format(fmt)
    time_keys = [c.key for c in body.columns if c.kind == "datetime"]
    rows = list(_times(body.rows, time_keys)) if time_keys else body.rows
    table = StatsTable(
        title=body.title,
        columns=tuple(Column(c.key, c.label, c.kind) for c in body.columns),
        rows=rows,
        meta=body.meta,
    )
    return table_response(table, kind)


@router.get(
    "/exchange/cases.jsonl",
    summary="案卷上报数据（JSON Lines，增量）",
    description=(
        "每行一个案卷记录（字段见 docs/EXCHANGE.md 与 JSON Schema "
        "app/data/exchange/case-record.schema.json）：案卷编号、来源、标准类别代码、WGS-84 位置、"
        "15 位网格代码、区县/街道/社区代码、各阶段开始/时限/结束时间、处置单位、状态与结果。"
        "`updated_since` 只返回该时间之后变更的案卷（按变更时间排序，用最后一行的 updated_at 续传）；"
        "也可按上报时间段 `from`/`to` 与区县筛选。"
    ),
    response_class=Response,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
def exchange_cases(
    now: NowDep,
    session: StreamSessionDep,
    actor: ActorDep,
    updated_since: Annotated[
        str | None, Query(description="只要此时间之后变更的案卷（ISO 8601）")
    ] = None,
    start: FromQ = None,
    end: ToQ = None,
    district: DistrictQ = None,
    status: StatusQ = None,
) -> Response:
    """Stream the case records of the upward exchange as JSON Lines."""
    scope = export_districts(actor)
    f = exchange_filter(
        updated_since=updated_since, start=start, end=end, district=district, status=status
    )
    lines = exchange_lines(session, f, districts=scope, now=now)
    return StreamingResponse(
        _batched(lines),
        media_type="application/x-ndjson; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition("cases.jsonl"),
            "Cache-Control": "no-store",
        },
    )
