"""Exports (导出): case lists and any `StatsTable` as CSV or XLSX, in constant memory.

- One writer for every table: the case list is itself a `StatsTable` whose `rows` is a lazy
  iterator over a server-side cursor (`yield_per`), so a year of cases never sits in memory.
- CSV: UTF-8 with a BOM (Excel opens Chinese correctly), one header row of Chinese labels;
  times in the calendar time zone (`YYYY-MM-DD HH:MM:SS`), rates as percentages (`85.30%`).
  Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) get a
  leading apostrophe (CSV injection: descriptions come from the public).
- XLSX: XlsxWriter in `constant_memory` mode (each row is flushed to a temporary file as it is
  written), styled header row, frozen and filtered; times as Excel date-times, rates as `0.00%`
  numbers; text is always written as text, never as a formula. More rows than a sheet holds
  (1,048,576) continue on a next sheet.

Column kinds: `text`, `int`, `number` (a float shown as is, e.g. a longitude), `rate` (a
fraction 0..1), `score` (two decimals), `datetime` (an aware datetime).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import xlsxwriter
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.service import SATISFACTION
from app.cases.time.deadlines import overdue_sql
from app.core.config import get_settings
from app.core.errors import InvalidInput
from app.stats.table import Column, StatsTable

FORMATS = ("csv", "xlsx")
MAX_PERIOD_DAYS = 366
BATCH_ROWS = 2000
XLSX_MAX_ROWS = 1_048_576  # rows of one worksheet, header included

RowProgress = Callable[[int], None]


# --- errors (422, each with its own stable code) ---------------------------------------------


class InvalidDate(InvalidInput):
    """A date or time filter that cannot be read."""

    code = "invalid_date"
    message = "日期格式不正确：应为 YYYY-MM-DD 或 ISO 8601 时间"


class InvalidPeriod(InvalidInput):
    """The period is empty or reversed."""

    code = "invalid_period"
    message = "统计期不正确：结束日期不能早于开始日期"


class PeriodTooLong(InvalidInput):
    """The period of a case export is longer than allowed."""

    code = "period_too_long"
    message = f"导出期间过长：最长 {MAX_PERIOD_DAYS} 天，请分段导出"


class UnsupportedFormat(InvalidInput):
    """A format we do not write."""

    code = "unsupported_format"
    message = "不支持的导出格式：可选 csv、xlsx"


class InvalidFilter(InvalidInput):
    """A filter value that is malformed or names nothing."""

    code = "invalid_filter"
    message = "筛选条件不正确"


# --- parsing filters ---------------------------------------------------------------------------


def calendar_zone() -> tzinfo:
    """Return the time zone in which dates are read and times are written (the calendar's)."""
    return ZoneInfo(get_settings().calendar_timezone)


def parse_format(value: str) -> str:
    """Return `csv` or `xlsx`; raise UnsupportedFormat for anything else."""
    fmt = (value or "").strip().lower().lstrip(".")
    if fmt not in FORMATS:
        raise UnsupportedFormat(format=value, allowed=list(FORMATS))
    return fmt


def parse_instant(value: str, field_name: str, *, end: bool = False) -> datetime:
    """Read a date or an ISO 8601 time as an aware instant; raise InvalidDate.

    A date (`2026-03-01`) means the start of that day, or with `end` the start of the next day;
    a time without an offset is read in the calendar's zone.
    """
    v = (value or "").strip()
    tz = calendar_zone()
    try:
        if len(v) == 10:
            d = date.fromisoformat(v)
            at = datetime.combine(d, time(0), tz)
            return at + timedelta(days=1) if end else at
        at = datetime.fromisoformat(v)
    except ValueError:
        raise InvalidDate(
            f"{field_name} 的日期格式不正确：'{value}'（应为 YYYY-MM-DD 或 ISO 8601 时间）",
            field=field_name,
            value=value,
        ) from None
    return at if at.utcoffset() is not None else at.replace(tzinfo=tz)


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open period `[start, end)` of aware instants."""

    start: datetime
    end: datetime


def parse_period(
    start: str | None, end: str | None, *, required: bool = True, max_days: int = MAX_PERIOD_DAYS
) -> Period | None:
    """Read a period of report times (dates inclusive); raise InvalidDate/InvalidPeriod/PeriodTooLong."""
    if not start and not end:
        if required:
            raise InvalidPeriod("请指定导出期间：开始日期 from 与结束日期 to", field="from")
        return None
    if not start or not end:
        raise InvalidPeriod(
            "开始日期 from 与结束日期 to 需同时指定", field="from" if not start else "to"
        )
    p = Period(parse_instant(start, "from"), parse_instant(end, "to", end=True))
    if p.end <= p.start:
        raise InvalidPeriod(start=start, end=end)
    if p.end - p.start > timedelta(days=max_days):
        raise PeriodTooLong(start=start, end=end, max_days=max_days)
    return p


_CODE_LEN = {"district": 6, "street": 9, "community": 12}
_CATEGORY = re.compile(r"^(?:(event|component)(?::(\d{2}|\d{5}))?|(\d{2}|\d{5}))$")


def _codes(values: Sequence[str] | None, what: str) -> tuple[str, ...]:
    out = tuple(v.strip() for v in values or () if v and v.strip())
    n = _CODE_LEN[what]
    bad = [v for v in out if not (v.isdigit() and len(v) == n)]
    if bad:
        names = {"district": "区县", "street": "街道", "community": "社区"}
        raise InvalidFilter(f"{names[what]}代码应为 {n} 位数字：{'、'.join(bad)}", field=what)
    return out


def _choices(values: Sequence[str] | None, allowed: Iterable[str], what: str) -> tuple[str, ...]:
    out = tuple(v.strip() for v in values or () if v and v.strip())
    known = set(allowed)
    bad = [v for v in out if v not in known]
    if bad:
        names = {"source": "来源", "status": "状态"}
        raise InvalidFilter(
            f"未知的{names[what]}：{'、'.join(bad)}；可选：{'、'.join(sorted(known))}",
            field=what,
        )
    return out


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """Which cases an export covers (every part optional; empty tuples mean any)."""

    period: Period | None = None
    updated_since: datetime | None = None
    district_codes: tuple[str, ...] = ()
    street_codes: tuple[str, ...] = ()
    community_codes: tuple[str, ...] = ()
    unit: str | None = None
    categories: tuple[tuple[str | None, str | None], ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


def case_filter(
    *,
    start: str | None = None,
    end: str | None = None,
    require_period: bool = True,
    max_days: int = MAX_PERIOD_DAYS,
    updated_since: str | None = None,
    district: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    community: Sequence[str] | None = None,
    unit: str | None = None,
    category: Sequence[str] | None = None,
    source: Sequence[str] | None = None,
    status: Sequence[str] | None = None,
) -> CaseFilter:
    """Validate raw filter values into a CaseFilter; raise a 422 error naming the bad field.

    `category`: `event:09006`, `component:01003`, `09006` (either kind), `event:09` (a major
    class), `09`, or just `event` / `component`. `unit`: a unit code or id (处置单位).
    """
    cats: list[tuple[str | None, str | None]] = []
    for raw in category or ():
        v = raw.strip().lower().replace("：", ":")
        if not v:
            continue
        m = _CATEGORY.match(v)
        if m is None:
            raise InvalidFilter(
                f"类别 '{raw}' 格式不正确：应为 event:09006、component:01003、09006 或 event:09",
                field="category",
            )
        cats.append((m.group(1), m.group(2) or m.group(3)))
    return CaseFilter(
        period=parse_period(start, end, required=require_period, max_days=max_days),
        updated_since=parse_instant(updated_since, "updated_since") if updated_since else None,
        district_codes=_codes(district, "district"),
        street_codes=_codes(street, "street"),
        community_codes=_codes(community, "community"),
        unit=unit.strip() if unit and unit.strip() else None,
        categories=tuple(cats),
        sources=_choices(source, (s.value for s in wf.Source), "source"),
        statuses=_choices(status, (s.value for s in wf.Status), "status"),
    )


def resolve_unit(session: Session, value: str) -> int:
    """Return the id of the unit with this code (or id); raise InvalidFilter when none."""
    as_id = int(value) if value.isdigit() and len(value) <= 9 else None
    row = session.execute(
        text("SELECT id FROM grid_unit WHERE code = :v OR id = :i ORDER BY code = :v DESC LIMIT 1"),
        {"v": value, "i": as_id},
    ).first()
    if row is None:
        raise InvalidFilter(f"处置单位 '{value}' 不存在（应为单位代码或 ID）", field="unit")
    return int(row[0])


def where_clause(
    session: Session, f: CaseFilter, districts: Sequence[str] | None
) -> tuple[str, dict[str, Any]]:
    """Return the SQL condition on `c` (dispatch_case) and `k` (dispatch_category) and its binds.

    `districts` is the caller's scope (None: all districts); it narrows every other filter.
    """
    parts: list[str] = ["true"]
    params: dict[str, Any] = {}
    if districts is not None:
        parts.append("c.district_code = ANY(CAST(:scope AS text[]))")
        params["scope"] = list(districts)
    if f.period is not None:
        parts.append("c.reported_at >= :p_start AND c.reported_at < :p_end")
        params |= {"p_start": f.period.start, "p_end": f.period.end}
    if f.updated_since is not None:
        parts.append("c.updated_at > :updated_since")
        params["updated_since"] = f.updated_since
    for name, col, values in (
        ("f_district", "district_code", f.district_codes),
        ("f_street", "street_code", f.street_codes),
        ("f_community", "community_code", f.community_codes),
        ("f_source", "source", f.sources),
        ("f_status", "status", f.statuses),
    ):
        if values:
            parts.append(f"c.{col} = ANY(CAST(:{name} AS text[]))")
            params[name] = list(values)
    if f.unit is not None:
        parts.append("c.assigned_unit_id = :f_unit")
        params["f_unit"] = resolve_unit(session, f.unit)
    if f.categories:
        parts.append(
            "EXISTS (SELECT 1 FROM unnest(CAST(:f_cat_kinds AS text[]), CAST(:f_cat_codes AS text[]))"
            " AS fc(kind, code) WHERE (fc.kind IS NULL OR fc.kind = k.kind)"
            " AND (fc.code IS NULL OR fc.code = k.code OR fc.code = k.major_code))"
        )
        params["f_cat_kinds"] = [kind for kind, _ in f.categories]
        params["f_cat_codes"] = [code for _, code in f.categories]
    return " AND ".join(parts), params


# --- the case list -------------------------------------------------------------------------------

CASE_COLUMNS: tuple[Column, ...] = (
    Column("case_no", "案卷编号"),
    Column("source", "来源"),
    Column("kind", "类型"),
    Column("major", "大类"),
    Column("category", "小类"),
    Column("description", "问题描述"),
    Column("address", "地址"),
    Column("lon", "经度（WGS-84）", "number"),
    Column("lat", "纬度（WGS-84）", "number"),
    Column("grid_code", "网格编码"),
    Column("community", "社区"),
    Column("street", "街道"),
    Column("unit", "处置单位"),
    Column("status", "状态"),
    Column("reported_at", "上报时间", "datetime"),
    Column("filed_at", "立案时间", "datetime"),
    Column("dispatched_at", "派遣时间", "datetime"),
    Column("handled_at", "处置时间", "datetime"),
    Column("checked_at", "核查时间", "datetime"),
    Column("closed_at", "结案时间", "datetime"),
    Column("handle_limit", "处置时限"),
    Column("handle_due_at", "处置截止时间", "datetime"),
    Column("on_time", "是否按期"),
    Column("reworks", "返工次数", "int"),
    Column("returns", "回退次数", "int"),
    Column("extensions", "延期次数", "int"),
    Column("satisfaction", "回访结果"),
)

# On time (是否按期) is about handling (处置) at the first dispatch level: 否 when any handle
# stage ran past its due time — closed late, or still open and already overdue (an open overdue
# case is late now, not "not yet known"); 是 when every one stopped in time; 未到期 while the
# running one is not yet due; empty when the case never reached handling. The export and the
# exchange (app.stats.exchange) read the same three aggregates over the stages `s` of case `c`.
STAGE_OVERDUE_SQL = overdue_sql(
    "coalesce(s.stopped_at, s.paused_at, CAST(:now AS timestamptz))", "s.due_at"
)
HANDLE_ON_TIME_SQL = f"""count(*) AS stages,
           bool_or({STAGE_OVERDUE_SQL}) AS late,
           bool_and(s.stopped_at IS NOT NULL) AS done"""
HANDLE_STAGES_SQL = (
    "FROM dispatch_case_stage s WHERE s.case_id = c.id AND s.stage = 'handle' AND s.level = 1"
)
_CASES_SQL = f"""
SELECT c.case_no, c.source, k.kind, k.major_code, k.major_name, k.code AS category_code,
       k.name AS category_name, c.description, c.address_text AS address,
       ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.grid_code,
       cm.name AS community, st.name AS street, u.name AS unit, c.status,
       c.reported_at, c.filed_at, c.dispatched_at, c.handled_at, c.checked_at, c.closed_at,
       h.limit_value, h.limit_unit, h.due_at AS handle_due_at, h.stages AS handle_stages,
       h.late AS handle_late, h.done AS handle_done,
       c.reworks, c.returns, c.extensions, c.satisfaction
FROM dispatch_case c
JOIN dispatch_category k ON k.id = c.category_id
LEFT JOIN grid_community cm ON cm.code = c.community_code
LEFT JOIN grid_street st ON st.code = c.street_code
LEFT JOIN grid_unit u ON u.id = c.assigned_unit_id
LEFT JOIN LATERAL (
    SELECT (array_agg(s.limit_value ORDER BY s.started_at DESC, s.id DESC))[1] AS limit_value,
           (array_agg(s.limit_unit ORDER BY s.started_at DESC, s.id DESC))[1] AS limit_unit,
           (array_agg(s.due_at ORDER BY s.started_at DESC, s.id DESC))[1] AS due_at,
           {HANDLE_ON_TIME_SQL}
    {HANDLE_STAGES_SQL}
) h ON true
WHERE {{where}}
ORDER BY c.reported_at, c.id
"""

KIND_LABELS = {"event": "事件", "component": "部件"}
LIMIT_UNIT_LABELS = {
    "minute": "分钟",
    "work_hour": "工作小时",
    "work_day": "工作日",
    "natural_hour": "小时",
    "natural_day": "自然日",
}


def limit_text(value: Decimal | float | None, unit: str | None) -> str | None:
    """Return a limit as a practitioner writes it (`3 工作日`, `2 小时`)."""
    if value is None or unit is None:
        return None
    v = Decimal(value).normalize()
    shown = f"{v:f}" if v != v.to_integral_value() else str(int(v))
    return f"{shown} {LIMIT_UNIT_LABELS.get(unit, unit)}"


def on_time_text(stages: int | None, late: bool | None, done: bool | None) -> str | None:
    """Return 是/否/未到期 for the handle stages of a case, None when it never reached handling."""
    if not stages:
        return None
    if late:
        return "否"
    return "是" if done else "未到期"


def _label(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def _case_row(r: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "case_no": r["case_no"],
        "source": _label(wf.Source, r["source"]),
        "kind": KIND_LABELS.get(r["kind"], r["kind"]),
        "major": f"{r['major_code']} {r['major_name']}",
        "category": f"{r['category_code']} {r['category_name']}",
        "description": r["description"],
        "address": r["address"],
        "lon": r["lon"],
        "lat": r["lat"],
        "grid_code": r["grid_code"],
        "community": r["community"],
        "street": r["street"],
        "unit": r["unit"],
        "status": _label(wf.Status, r["status"]),
        "reported_at": r["reported_at"],
        "filed_at": r["filed_at"],
        "dispatched_at": r["dispatched_at"],
        "handled_at": r["handled_at"],
        "checked_at": r["checked_at"],
        "closed_at": r["closed_at"],
        "handle_limit": limit_text(r["limit_value"], r["limit_unit"]),
        "handle_due_at": r["handle_due_at"],
        "on_time": on_time_text(r["handle_stages"], r["handle_late"], r["handle_done"]),
        "reworks": r["reworks"],
        "returns": r["returns"],
        "extensions": r["extensions"],
        "satisfaction": SATISFACTION.get(r["satisfaction"] or "", r["satisfaction"]),
    }


def count_cases(session: Session, f: CaseFilter, districts: Sequence[str] | None) -> int:
    """Return how many cases the filter selects (for progress bars)."""
    where, params = where_clause(session, f, districts)
    return int(
        session.execute(
            text(
                "SELECT count(*) FROM dispatch_case c"
                f" JOIN dispatch_category k ON k.id = c.category_id WHERE {where}"
            ),
            params,
        ).scalar_one()
    )


def stream_rows(
    session: Session, sql: str, params: Mapping[str, Any], batch: int = BATCH_ROWS
) -> Iterator[Mapping[str, Any]]:
    """Yield the rows of `sql` as mappings from a server-side cursor, `batch` rows at a time."""
    result = session.execute(
        text(sql), dict(params), execution_options={"yield_per": batch, "stream_results": True}
    )
    try:
        for row in result:
            yield dict(row._mapping)
    finally:
        result.close()


def case_table(
    session: Session,
    f: CaseFilter,
    *,
    districts: Sequence[str] | None,
    now: datetime,
    title: str = "案卷清单",
) -> StatsTable:
    """Return the case list as a StatsTable with lazy rows (read them while the session lives).

    Filters are checked here (an unknown unit raises InvalidFilter before any row is read).
    """
    where, params = where_clause(session, f, districts)
    params["now"] = now
    sql = _CASES_SQL.format(where=where)
    meta: dict[str, Any] = {"导出时间": now}
    if f.period is not None:
        meta["上报时间自"] = f.period.start
        meta["上报时间至（不含）"] = f.period.end
    if districts is not None:
        meta["数据范围（区县）"] = "、".join(districts) or "无"
    return StatsTable(
        title=title,
        columns=CASE_COLUMNS,
        rows=(_case_row(r) for r in stream_rows(session, sql, params)),
        meta=meta,
    )


# --- writers ---------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _local(value: datetime, tz: tzinfo) -> datetime:
    return value.astimezone(tz) if value.tzinfo is not None else value


def cell_text(value: Any, kind: str, tz: tzinfo) -> str:
    """Return the CSV text of one value of a column kind (empty for None)."""
    if value is None:
        return ""
    if kind == "datetime" and isinstance(value, datetime):
        return _local(value, tz).strftime("%Y-%m-%d %H:%M:%S")
    if kind == "rate":
        return f"{float(value) * 100:.2f}%"
    if kind == "score":
        return f"{float(value):.2f}"
    if kind == "int":
        return str(int(value))
    if kind == "number":
        return repr(float(value)) if isinstance(value, float | Decimal) else str(value)
    s = (
        _local(value, tz).strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, datetime)
        else str(value)
    )
    return "'" + s if s.startswith(_FORMULA_START) else s


def csv_chunks(
    table: StatsTable, *, batch_rows: int = 1000, progress: RowProgress | None = None
) -> Iterator[bytes]:
    """Yield the table as UTF-8 CSV bytes (BOM and header first), `batch_rows` rows per chunk."""
    tz = calendar_zone()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    yield b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")
    buf.seek(0)
    buf.truncate()
    cols = [(c.key, c.kind) for c in table.columns]
    n = 0
    for row in table.rows:
        writer.writerow([cell_text(row.get(key), kind, tz) for key, kind in cols])
        n += 1
        if n % batch_rows == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
            if progress is not None:
                progress(n)
    if buf.tell():
        yield buf.getvalue().encode("utf-8")
    if progress is not None:
        progress(n)


def write_csv(table: StatsTable, path: Path, *, progress: RowProgress | None = None) -> int:
    """Write the table as CSV to `path`; return the number of data rows."""
    rows = 0

    def count(n: int) -> None:
        nonlocal rows
        rows = n
        if progress is not None:
            progress(n)

    with path.open("wb") as out:
        for chunk in csv_chunks(table, progress=count):
            out.write(chunk)
    return rows


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, part: int = 1) -> str:
    """Return a valid worksheet name (at most 31 characters, no brackets, colons, slashes…)."""
    base = _SHEET_BAD.sub("_", title).strip("'") or "Sheet"
    suffix = f"（{part}）" if part > 1 else ""
    return base[: 31 - len(suffix)] + suffix


_WIDTH = {"datetime": 20, "rate": 10, "score": 10, "int": 10, "number": 12}


def write_xlsx(
    table: StatsTable,
    path: Path,
    *,
    progress: RowProgress | None = None,
    max_rows: int = XLSX_MAX_ROWS,
    tmpdir: Path | None = None,
) -> int:
    """Write the table as an XLSX workbook to `path` in constant memory; return the data rows.

    Rows beyond a sheet's capacity continue on a next sheet with the same header; a non-empty
    `meta` becomes a last sheet 说明.
    """
    tz = calendar_zone()
    options: dict[str, Any] = {"constant_memory": True, "strings_to_formulas": False}
    if tmpdir is not None:
        options["tmpdir"] = str(tmpdir)
    wb = xlsxwriter.Workbook(str(path), options)
    try:
        header = wb.add_format(
            {
                "bold": True,
                "font_color": "#FFFFFF",
                "bg_color": "#1F4E78",
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        )
        formats = {
            "datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
            "rate": wb.add_format({"num_format": "0.00%"}),
            "score": wb.add_format({"num_format": "0.00"}),
            "int": wb.add_format({"num_format": "0"}),
            "number": wb.add_format({"num_format": "0.000000"}),
        }
        cols = list(table.columns)
        sheet_rows = max(2, max_rows)

        def new_sheet(part: int) -> Any:
            ws = wb.add_worksheet(sheet_name(table.title, part))
            for i, c in enumerate(cols):
                width = max(_WIDTH.get(c.kind, 14), min(40, 2 * len(c.label) + 2))
                if c.key == "description":
                    width = 40
                ws.set_column(i, i, width)
            ws.set_row(0, 22)
            for i, c in enumerate(cols):
                ws.write_string(0, i, c.label, header)
            ws.freeze_panes(1, 0)
            return ws

        part, ws, r, n = 1, new_sheet(1), 1, 0
        for row in table.rows:
            if r >= sheet_rows:
                ws.autofilter(0, 0, r - 1, len(cols) - 1)
                part += 1
                ws, r = new_sheet(part), 1
            for i, c in enumerate(cols):
                _write_cell(ws, r, i, row.get(c.key), c.kind, formats, tz)
            r += 1
            n += 1
            if progress is not None and n % 1000 == 0:
                progress(n)
        ws.autofilter(0, 0, max(r - 1, 1), max(len(cols) - 1, 0))
        if table.meta:
            info = wb.add_worksheet("说明")
            info.set_column(0, 0, 20)
            info.set_column(1, 1, 50)
            info.write_string(0, 0, "表名", header)
            info.write_string(0, 1, table.title)
            for j, (k, v) in enumerate(table.meta.items(), start=1):
                info.write_string(j, 0, str(k))
                info.write_string(j, 1, cell_text(v, "text", tz))
    finally:
        wb.close()
    if progress is not None:
        progress(n)
    return n


def _write_cell(
    ws: Any, r: int, i: int, value: Any, kind: str, formats: Mapping[str, Any], tz: tzinfo
) -> None:
    if value is None:
        return
    if kind == "datetime" and isinstance(value, datetime):
        ws.write_datetime(r, i, _local(value, tz).replace(tzinfo=None), formats["datetime"])
    elif kind in ("rate", "score", "int", "number") and isinstance(value, int | float | Decimal):
        ws.write_number(r, i, float(value), formats[kind])
    else:
        ws.write_string(r, i, _text(value, tz))


def _text(value: Any, tz: tzinfo) -> str:
    if isinstance(value, datetime):
        return _local(value, tz).strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def write_table(
    table: StatsTable, fmt: str, path: Path, *, progress: RowProgress | None = None
) -> int:
    """Write the table to `path` as `fmt` (csv | xlsx); return the number of data rows."""
    if parse_format(fmt) == "csv":
        return write_csv(table, path, progress=progress)
    return write_xlsx(table, path, progress=progress)
