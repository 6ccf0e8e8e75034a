"""Upward exchange (数据上报, DOMAIN.md §7): case records as JSON Lines for a provincial platform.

One JSON object per line, keyed on standard category codes (GB/T 47678.5 5-digit codes with
their catalogue and `standard_ref`) and 15-digit grid codes, with each stage's start/due/stop
times, the handling unit, status and result. Field names are stable and documented in
docs/EXCHANGE.md; `app/data/exchange/case-record.schema.json` is the JSON Schema of a line.

The JSON is built by PostgreSQL (`json_build_object`, keys in a fixed order) and streamed from a
server-side cursor, so memory does not grow with the number of cases. Times are ISO 8601 with
the calendar zone's offset (+08:00). `updated_since` selects the cases changed after an instant,
in `updated_at` order, for incremental exchange.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.core.config import DATA_DIR, get_settings
from app.stats.export import (
    HANDLE_ON_TIME_SQL,
    HANDLE_STAGES_SQL,
    STAGE_OVERDUE_SQL,
    CaseFilter,
    RowProgress,
    case_filter,
    stream_rows,
    where_clause,
)

SCHEMA_VERSION = "xiuhua.case-record/1"
SCHEMA_PATH = DATA_DIR / "exchange" / "case-record.schema.json"
EXCHANGE_MAX_DAYS = 3660  # a report-time window of the exchange may span ten years
CRS_NOTE = (
    "WGS-84 经纬度（EPSG:4326）；与 CGCS2000（EPSG:4490）相差在厘米级，可直接作为 CGCS2000 使用"
)

# Handling on time (按期处置), from the case export's aggregates (HANDLE_ON_TIME_SQL): false when
# any first-level handle stage ran past its due time, true when every one stopped in time, null
# while the running one is not yet due or when the case never reached handling.
_EXCHANGE_SQL = f"""
SELECT json_build_object(
  'schema', CAST(:schema AS text),
  'case_no', c.case_no,
  'source', json_build_object('code', c.source, 'name', CAST(:source_names AS jsonb) ->> c.source),
  'category', json_build_object(
      'catalogue', k.catalogue, 'kind', k.kind, 'code', k.code, 'major_code', k.major_code,
      'major_name', k.major_name, 'name', k.name, 'standard_ref', k.standard_ref),
  'severity', c.severity,
  'description', c.description,
  'address', c.address_text,
  'location', json_build_object(
      'lon', ST_X(c.geom), 'lat', ST_Y(c.geom), 'crs', 'EPSG:4326',
      'crs_note', CAST(:crs_note AS text),
      'raw_lon', c.raw_lon, 'raw_lat', c.raw_lat, 'raw_crs', c.raw_crs),
  'grid_code', c.grid_code,
  'community_code', c.community_code,
  'street_code', c.street_code,
  'district_code', c.district_code,
  'mgmt_class', c.mgmt_class,
  'component_id', c.component_id,
  'unit', CASE WHEN u.id IS NOT NULL
               THEN json_build_object('code', u.code, 'name', u.name) END,
  'status', json_build_object('code', c.status, 'name', CAST(:status_names AS jsonb) ->> c.status),
  'times', json_build_object(
      'reported_at', c.reported_at, 'verified_at', c.verified_at, 'filed_at', c.filed_at,
      'dispatched_at', c.dispatched_at, 'signed_at', c.signed_at, 'handled_at', c.handled_at,
      'checked_at', c.checked_at, 'closed_at', c.closed_at, 'finished_at', c.finished_at),
  'stages', coalesce(sg.stages, '[]'::json),
  'result', json_build_object(
      'closed', c.status IN {wf.CLOSED_SQL},
      'finished', c.status IN {wf.FINISHED_SQL},
      'on_time', CASE WHEN h.stages = 0 THEN NULL WHEN h.late THEN false
                      WHEN h.done THEN true END,
      'dispatches', c.dispatches, 'redispatches', c.redispatches, 'returns', c.returns,
      'reworks', c.reworks, 'extensions', c.extensions, 'suspensions', c.suspensions,
      'satisfaction', c.satisfaction),
  'updated_at', c.updated_at
)::text AS line
FROM dispatch_case c
JOIN dispatch_category k ON k.id = c.category_id
LEFT JOIN grid_unit u ON u.id = coalesce(c.assigned_unit_id, (
    SELECT s.unit_id FROM dispatch_case_stage s
    WHERE s.case_id = c.id AND s.stage = 'handle' AND s.unit_id IS NOT NULL
    ORDER BY s.started_at DESC, s.id DESC LIMIT 1))
LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object(
               'stage', s.stage, 'level', s.level, 'unit_code', su.code,
               'limit_value', s.limit_value, 'limit_unit', s.limit_unit,
               'started_at', s.started_at, 'due_at', s.due_at, 'stopped_at', s.stopped_at,
               'overdue', {STAGE_OVERDUE_SQL}
           ) ORDER BY s.started_at, s.id) AS stages
    FROM dispatch_case_stage s LEFT JOIN grid_unit su ON su.id = s.unit_id
    WHERE s.case_id = c.id
) sg ON true
LEFT JOIN LATERAL (
    SELECT {HANDLE_ON_TIME_SQL}
    {HANDLE_STAGES_SQL}
) h ON true
WHERE {{where}}
ORDER BY {{order}}
"""


def exchange_filter(
    *,
    updated_since: str | None = None,
    start: str | None = None,
    end: str | None = None,
    district: Sequence[str] | None = None,
    status: Sequence[str] | None = None,
) -> CaseFilter:
    """Validate the exchange's filters (period optional, ≤ EXCHANGE_MAX_DAYS); raise a 422 error."""
    return case_filter(
        start=start,
        end=end,
        require_period=False,
        max_days=EXCHANGE_MAX_DAYS,
        updated_since=updated_since,
        district=district,
        status=status,
    )


EXCHANGE_BATCH_ROWS = 500


def exchange_lines(
    session: Session,
    f: CaseFilter,
    *,
    districts: Sequence[str] | None,
    now: datetime,
    progress: RowProgress | None = None,
) -> Iterator[str]:
    """Yield one JSON line (with its newline) per selected case, streamed.

    Ordered by `updated_at, id` when `f.updated_since` is set (resume from the last line's
    `updated_at`), else by `reported_at, id`. Filters are checked before the first line.
    """
    where, params = where_clause(session, f, districts)
    order = "c.updated_at, c.id" if f.updated_since is not None else "c.reported_at, c.id"
    params |= {
        "now": now,
        "schema": SCHEMA_VERSION,
        "crs_note": CRS_NOTE,
        "source_names": json.dumps({s.value: s.label for s in wf.Source}, ensure_ascii=False),
        "status_names": json.dumps({s.value: s.label for s in wf.Status}, ensure_ascii=False),
    }
    # JSON renders timestamptz in the session time zone: give every time the calendar's offset.
    session.execute(
        text("SELECT set_config('TimeZone', :tz, true)"), {"tz": get_settings().calendar_timezone}
    )
    # a record carries the case's events: fetch fewer rows at a time than the flat exports
    rows = stream_rows(
        session, _EXCHANGE_SQL.format(where=where, order=order), params, batch=EXCHANGE_BATCH_ROWS
    )

    def lines() -> Iterator[str]:
        n = 0
        for row in rows:
            yield str(row["line"]) + "\n"
            n += 1
            if progress is not None and n % 1000 == 0:
                progress(n)
        if progress is not None:
            progress(n)

    return lines()


def write_exchange(
    session: Session,
    f: CaseFilter,
    path: Path,
    *,
    districts: Sequence[str] | None,
    now: datetime,
    progress: RowProgress | None = None,
) -> int:
    """Write the JSON Lines file to `path`; return the number of records."""
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in exchange_lines(session, f, districts=districts, now=now, progress=progress):
            out.write(line)
            n += 1
    return n


def record_schema() -> dict[str, Any]:
    """Return the JSON Schema of one exchange line."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema
