"""Cases (案卷): report, the one `_apply` for every transition, reads, duplicates, audit chain.

Services never commit on their own (a report the API layer declares its last write,
`report_case(last=True)`, commits in its insert's round trip). A transition locks the case
(`_lock`), asks the pure table (`app.cases.workflow`) what the action means, lets the pure plan
(`app.cases.plan`) compute what changes — status, clocks, counters, assignment, request slot,
the one hash-chained event — and stores it with `_write`, the only place that assigns
`Case.status`. `_apply` (one case) and `act_many` (a bulk action, set-based) share the plan and
the writer.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType, SimpleNamespace
from typing import Any

import orjson
from geoalchemy2 import WKTElement
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Table,
    any_,
    bindparam,
    exists,
    func,
    inspect,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from app.cases import idempotency, reference, scope
from app.cases import workflow as wf
from app.cases.attachments import (
    LINK_PHOTOS_SQL,
    attach,
    kind_for_action,
    list_case_photos,
    photo_links,
    refusing_taken_photos,
    validate_photo_ids,
)
from app.cases.audit import (
    EVENT_COLUMNS,
    EVENT_ROWS_SQL,
    GENESIS,
    NewEvent,
    append_one,
    chain_rows,
    event_hash,
)
from app.cases.forms import KnownNames, Reporter, action_forms, case_labels
from app.cases.idempotency import Remember
from app.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseStage,
    Category,
    FilingStandard,
    HotlineTicket,
)
from app.cases.plan import (
    CASE_COLUMNS,
    Clock,
    LimitFor,
    Plan,
    clock_effects,
    plan,
    recompute,
)
from app.cases.reference import CategoryRef, Reference, StandardRef
from app.cases.report_policy import check_source
from app.cases.time.calendar import WorkCalendar
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import (
    TimeUnit,
    is_overdue,
    stage_clock,
    used_ratio,
)
from app.cases.time.standards import handling_limit
from app.cases.writes import NewCase, as_loaded, insert_cases
from app.core.config import get_settings
from app.core.db import POINT_SQL, SRID, driver_sql, fetch_all, per_row
from app.core.errors import DomainError, InvalidInput, NotFound
from app.grid.coords import TruePoint, to_wgs84
from app.grid.models import Unit
from app.grid.service import (
    Location,
    Route,
    degrees_for,
    district_fallback,
    route_statement_with,
    route_with,
)
from app.identity.service import patrol_inspector

SATISFACTION = {x.value: x.label for x in wf.Satisfaction}


@dataclass(frozen=True, slots=True)
class ReportInput:
    """What a report carries (上报).

    A report without a point (`lon` and `lat` None) names its `district_code` instead: the case
    has no location and goes to the district's fallback unit (兜底) — a hotline ticket whose
    address could not be matched. `event_payload` is added to the report event (no PII).
    """

    source: wf.Source
    category: str
    lon: float | None
    lat: float | None
    crs: str = "wgs84"
    description: str = ""
    address_text: str | None = None
    condition: int | None = None
    photos: tuple[str, ...] = ()
    district_code: str | None = None
    event_payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionInput:
    """The payload of an action; which fields are required comes from the table."""

    note: str | None = None
    photos: tuple[str, ...] = ()
    unit_id: int | None = None
    hours: Decimal | None = None
    master_case_id: int | None = None
    satisfaction: str | None = None
    inspector_id: int | None = None  # who gets a verify/check task (default: see _task_inspector)


@dataclass(slots=True)
class ReportResult:
    """The new case and the open cases it may duplicate.

    `category`, `point` and `stages` are what was inserted, for an answer built without reading
    the case back (`report_view`); `stages` is None when the report went on (auto-file) and the
    answer must be read.
    """

    case: Case
    possible_duplicates: list[dict[str, Any]] = field(default_factory=list)
    category: CategoryRef | None = None
    point: TruePoint | None = None
    stages: list[CaseStage] | None = None
    calendar: WorkCalendar | None = None
    photos: tuple[str, ...] = ()
    unit_names: dict[int, str] = field(default_factory=dict)  # names known from routing
    answer: dict[str, Any] | None = None  # the caller's answer (`report_case(answer=…)`)
    attachments: list[Attachment] = field(default_factory=list)  # the photos, locked


# --- report -------------------------------------------------------------------------------------


_REF_AND_IDS_SQL = driver_sql(
    "SELECT (SELECT version FROM dispatch_ref_version WHERE id = 1) AS version,"
    " nextval(pg_get_serial_sequence('dispatch_case', 'id')) AS id FROM generate_series(1, :n)"
)


def reference_and_case_ids(session: Session, n: int) -> tuple[Reference, list[int]]:
    """Return the reference data and `n` new case ids in one round trip (ids may have gaps)."""
    rows = fetch_all(session, _REF_AND_IDS_SQL, {"n": n})
    return reference.for_version(session, rows[0].version if rows else None), [r.id for r in rows]


# What `check_report_input` found: category, filing standard, true point, photos (locked).
Checked = tuple[CategoryRef, StandardRef, TruePoint | None, list[Attachment]]


def report_case(
    session: Session,
    data: ReportInput,
    actor: wf.Actor,
    now: datetime,
    *,
    ref: Reference | None = None,
    case_id: int | None = None,
    answer: Callable[[ReportResult], dict[str, Any]] | None = None,
    remember: Remember | None = None,
    last: bool = False,
    also: Sequence[tuple[Table, dict[str, Any]]] = (),
) -> ReportResult:
    """Create a case: locate, route, number, start the 立案 clock, log; may auto-file/dispatch.

    `ref` and `case_id` (from `reference_and_case_ids`) let a batch read the reference version
    once; alone, a report reads both in one round trip. The case, its first clock and its first
    event are planned here and inserted by one statement that also draws the number
    (`app.cases.writes`); the case is then in the session as if loaded, with nothing to flush.

    `answer` builds the caller's JSON-ready answer (`result.answer`) and `remember` stores it as
    the request's idempotency record. A report that stops at 上报 (no auto-file) is answered
    from the plan, before the insert, and its record is written by the insert itself: the
    district's number row is then locked only for the rest of that statement and the commit.
    `last`: the caller writes nothing after the report; when the report writes nothing after
    the insert either (it is not filed automatically: `goes_on`), the insert also commits the
    unit of work in the same round trip, and the number row is not held while the answer
    travels. Its photos are linked by the insert itself (`app.cases.writes`), as are `also`'s
    rows: rows of other tables that come with the case (a channel's intake record).
    """
    result, new = plan_report(session, data, actor, now, ref=ref, case_id=case_id)
    new.also = also
    auto_file = goes_on(data.source)
    early = answer is not None and not auto_file
    body = answer(result) if answer is not None and early else None
    records = [(result.case.id, remember, body)] if remember is not None and early else []
    commit = last and not auto_file
    numbers = insert_cases(session, [new], now, records, commit=commit)
    finish_report(session, result, numbers, now)
    if body is not None:
        body["case_no"] = result.case.case_no
    elif answer is not None:
        body = answer(result)
        if remember is not None:
            idempotency.store(session, remember, body, now)
    result.answer = body
    return result


def plan_report(
    session: Session,
    data: ReportInput,
    actor: wf.Actor,
    now: datetime,
    *,
    ref: Reference | None = None,
    case_id: int | None = None,
    checked: Checked | None = None,
    routed: tuple[Route, list[dict[str, Any]]] | None = None,
) -> tuple[ReportResult, NewCase]:
    """Validate, locate, route and check duplicates; plan the case, its first clock and event.

    Nothing is written: `writes.insert_cases` inserts what this returns, then `finish_report`.
    `checked` (what `check_report_input` returned) and `routed` (the route and possible
    duplicates of a located report): found already for a whole batch (`route_many`,
    `find_duplicates_many`).
    """
    if ref is None or case_id is None:
        ref, ids = reference_and_case_ids(session, 1)
        case_id = ids[0]
    category, standard, point, photos = checked or check_report_input(session, data, ref)
    duplicates: list[dict[str, Any]] = []
    if point is None:
        assert data.district_code is not None  # checked by report_point
        r = None
        district_code, unit = data.district_code, district_fallback(session, data.district_code)
    else:
        r, duplicates = routed or route_and_duplicates(session, category, point, now)  # grid then
        district_code, unit = r.location.district_code, r.unit
    loc = r.location if r else None
    t = wf.transition(None, wf.Action.report, actor)
    check_source(actor.role, data.source)
    case = as_loaded(
        Case,
        _NEW_CASE_COLUMNS,
        id=case_id,
        case_no="",  # drawn by the insert
        district_code=district_code,
        source=data.source.value,
        category_id=category.id,
        standard_id=standard.id,
        severity=standard.severity,
        description=data.description.strip(),
        address_text=data.address_text
        or (loc.nearest_address.full_text if loc and loc.nearest_address else None),
        **_location_columns(point, loc),
        routed_unit_id=unit.id,
        routed_rule_id=r.rule.id if r and r.rule else None,
        routed_by=r.decided_by if r else "district_fallback",
        component_id=r.component.id if r and r.component else None,
        status=t.to_status.value,
        reporter_id=actor.user_id,
        outside_patrol_area=bool(actor.areas)
        and loc is not None
        and loc.grid_code not in actor.areas
        and loc.community_code not in actor.areas,
        reported_at=now,
        updated_at=now,
    )
    payload = {
        "category": f"{category.kind}:{category.code}",
        "grid_code": case.grid_code,
        "routed_unit_id": case.routed_unit_id,
        "routed_by": case.routed_by,
        "possible_duplicates": [d["id"] for d in duplicates],
        **({} if point else {"no_location": True, "district_code": district_code}),
        **data.event_payload,
    }
    # the first clock (not added to the session) and the first event, chained from GENESIS
    events: list[NewEvent] = []
    stages = _effects(
        session, case, t, ActionInput(photos=data.photos), now, ref, payload, new=events
    )
    rows = chain_rows(events, {})
    case.event_count, case.last_event_hash = events[-1].seq, events[-1].hash
    result = ReportResult(
        case,
        duplicates,
        category,
        point,
        stages,
        ref.calendar,
        data.photos,
        unit_names={unit.id: unit.name},
        attachments=photos,
    )
    return result, NewCase(
        case,
        (point.lon, point.lat) if point else None,
        stages,
        rows,
        photos=photo_links(photos, case_id, kind_for_action("report")),
    )


def goes_on(source: wf.Source) -> bool:
    """Whether a report from `source` is filed (and maybe dispatched) right after its insert.

    `XIUHUA_AUTO_FILE_SOURCES`. Such a report writes after its insert, so its unit of work must
    be one transaction; any other report writes its insert only.
    """
    return source.value in get_settings().auto_file_sources


def check_report_input(session: Session, data: ReportInput, ref: Reference) -> Checked:
    """Refuse a report's own faults; return its category, filing standard, point and photos.

    Description, photos (known and not another case's: the insert links them, and refuses a
    photo another case took meanwhile), point (or district), category (known, enabled) and
    condition.
    """
    if not data.description.strip():
        raise InvalidInput("问题描述不能为空", field="description")
    photos = validate_photo_ids(session, data.photos)  # before a number is drawn
    point = report_point(data)
    category = ref.category(data.category)
    if not category.enabled:
        raise InvalidInput(f"类别“{category.name}”已停用，不能上报", category=data.category)
    return category, ref.standard(category.id, data.condition), point, photos


def finish_report(
    session: Session,
    result: ReportResult,
    numbers: Mapping[int, str],
    now: datetime,
    *,
    keep: bool = True,
) -> ReportResult:
    """Put an inserted case into the session (as loaded), link its photos, auto-file it.

    `keep=False` (a batch, whose answers need only the number): a case that goes no further
    stays out of the session, as nothing reads it again in this request.
    """
    case = result.case
    case.case_no = numbers[case.id]
    # linked by the insert: the session's photos take the values the database has
    attach(result.attachments, case.id, kind_for_action("report"))
    auto_file = goes_on(wf.Source(case.source))
    if not (keep or auto_file):
        return result
    make_transient_to_detached(case)
    session.add(case)
    if auto_file:
        result.stages = None  # the report went on: the answer reads the case back
        ref = reference.current(session)
        _apply(session, case, wf.Action.file, wf.Actor(wf.Role.system), ActionInput(), now, ref)
        if result.category is not None and result.category.auto_dispatch:
            _apply(
                session, case, wf.Action.dispatch, wf.Actor(wf.Role.system), ActionInput(), now, ref
            )
    return result


# Every column of a new case (and of its first clock) that the report does not set, as the
# database defaults would: the case enters the session as loaded, so nothing is read back and
# nothing is flushed.
_NEW_STAGE_COLUMNS: dict[str, Any] = {
    "id": None,
    "next_threshold_at": None,
    "stopped_at": None,
    "paused_at": None,
    "warned_at": None,
    "overdue_at": None,
    "escalated_at": None,
}
_NEW_CASE_COLUMNS: dict[str, Any] = {
    "pending": None,
    "pending_payload": None,
    "assigned_unit_id": None,
    "dispatching_unit_id": None,
    "signed": False,
    "master_case_id": None,
    "task_inspector_id": None,
    "dispatches": 0,
    "redispatches": 0,
    "returns": 0,
    "reworks": 0,
    "extensions": 0,
    "extension_hours": Decimal(0),
    "suspensions": 0,
    "suspended_seconds": 0,
    "repeat_requests": 0,
    "satisfaction": None,
    "event_count": 0,
    "last_event_hash": None,
    "calendar_provisional": False,
    "verified_at": None,
    "filed_at": None,
    "dispatched_at": None,
    "signed_at": None,
    "handled_at": None,
    "checked_at": None,
    "closed_at": None,
    "finished_at": None,
    "version": 1,
}


def report_point(data: ReportInput) -> TruePoint | None:
    """Return the report's true position, or None for a report without a point (district given)."""
    if data.lon is not None and data.lat is not None:
        return to_wgs84(data.lon, data.lat, data.crs)
    if data.lon is not None or data.lat is not None:
        raise InvalidInput("经度和纬度须同时提供", field="lon" if data.lon is None else "lat")
    if not data.district_code:
        raise InvalidInput("没有点位的上报须指定所属区县（district_code）", field="district_code")
    return None


def _location_columns(point: TruePoint | None, loc: Location | None) -> dict[str, Any]:
    """Return the Case location columns of a located report; all None for one without a point."""
    if point is None or loc is None:
        return dict.fromkeys(
            (
                "geom",
                "raw_lon",
                "raw_lat",
                "raw_crs",
                "grid_code",
                "community_code",
                "street_code",
                "mgmt_class",
            )
        )
    return {
        "geom": WKTElement(f"POINT({point.lon!r} {point.lat!r})", srid=SRID),
        "raw_lon": point.raw.lon,
        "raw_lat": point.raw.lat,
        "raw_crs": point.raw.crs.value,
        "grid_code": loc.grid_code,
        "community_code": loc.community_code,
        "street_code": loc.street_code,
        "mgmt_class": loc.mgmt_class,
    }


def _duplicates_sql(cases: str) -> str:
    """Return the duplicate check over `cases` (a relation with dispatch_case's columns)."""
    return f"""
WITH p AS (SELECT {POINT_SQL} AS g)
SELECT c.id, c.case_no, c.status, c.reported_at,
       ST_Distance(c.geom::geography, p.g::geography) AS dist
FROM {cases} c, p
WHERE c.category_id = :cat AND c.reported_at >= :since
  AND c.status NOT IN {wf.FINISHED_SQL}
  AND c.geom && ST_Expand(p.g, CAST(:near_deg AS float8))
  AND ST_DWithin(c.geom::geography, p.g::geography, CAST(:near_m AS float8))
  AND (CAST(:ex AS bigint) IS NULL OR c.id <> :ex)
ORDER BY dist, c.id LIMIT 10
"""


_DUPLICATES_SQL = driver_sql(_duplicates_sql("dispatch_case"))
# A single report's route and duplicate check in one round trip (`grid.service.route_with`).
_ROUTE_AND_DUPLICATES = route_statement_with(_duplicates_sql("dispatch_case"))
# A batch: each report is checked against the open cases and the batch's earlier reports, as if
# the batch had been reported one by one (their numbers are not drawn yet: case_no is null).
# `near`: the earlier reports of the batch that may be near (`_nearby_earlier`), not the whole
# batch: the rule itself (category, window, distance) is the statement's, for both.
_DUPLICATES_MANY = per_row(
    _duplicates_sql(
        "(SELECT id, case_no, status, reported_at, category_id, geom FROM dispatch_case"
        " UNION ALL SELECT b.id, NULL, b.status, b.reported_at, b.cat,"
        f" ST_SetSRID(ST_MakePoint(b.lon, b.lat), {SRID})"
        " FROM jsonb_to_recordset(CAST(:near AS jsonb)) AS b(id bigint, status text,"
        " reported_at timestamptz, cat int, lon float8, lat float8))"
    ),
    {
        "lon": "float8",
        "lat": "float8",
        "cat": "int",
        "since": "timestamptz",
        "near_deg": "float8",
        "near_m": "float8",
        "ex": "bigint",
        "near": "jsonb",
    },
)


def find_duplicates(
    session: Session,
    category: Category | CategoryRef,
    lon: float,
    lat: float,
    now: datetime,
    exclude_id: int | None = None,
) -> list[dict[str, Any]]:
    """Return open cases of the same category within the radius and time window, nearest first."""
    rows = fetch_all(
        session, _DUPLICATES_SQL, _duplicate_params(category, lon, lat, now, exclude_id)
    )
    return [_duplicate(r) for r in rows]


def find_duplicates_many(
    session: Session,
    asks: Sequence[tuple[int, CategoryRef, float, float]],
    now: datetime,
    status: str,
) -> list[list[dict[str, Any]]]:
    """Return `find_duplicates` of many new reports (id, category, lon, lat) in one statement.

    As if reported one by one, in order: each is checked against the open cases and against the
    earlier reports of `asks` (reported `now` with `status`; their `case_no` is None).
    """
    if not asks:
        return []
    q = [
        _duplicate_params(c, lon, lat, now, None) | {"i": i}
        for i, (_, c, lon, lat) in enumerate(asks)
    ]
    for one, near in zip(q, _nearby_earlier(asks, q), strict=True):
        one["near"] = [
            {"id": cid, "status": status, "reported_at": now, "cat": c.id, "lon": x, "lat": y}
            for cid, c, x, y in near
        ]
    rows: list[list[Any]] = [[] for _ in asks]
    for r in fetch_all(session, _DUPLICATES_MANY, {"q": orjson.dumps(q).decode()}):
        if r.id is not None:
            rows[r.i].append(r)
    return [[_duplicate(r) for r in sorted(f, key=lambda r: (r.dist, r.id))] for f in rows]


def _nearby_earlier(
    asks: Sequence[tuple[int, CategoryRef, float, float]], params: Sequence[dict[str, Any]]
) -> list[list[tuple[int, CategoryRef, float, float]]]:
    """For each ask, the earlier asks of its category inside its search box (a superset).

    The statement keeps the rule (the box, then the distance on the sphere); this only spares
    it reading the whole batch once per report. Asks are bucketed by category on a grid as
    wide as the widest search box of the category, so each looks at 3 × 3 cells.
    """
    width: dict[int, float] = {}
    for (_, c, _, _), p in zip(asks, params, strict=True):
        width[c.id] = max(width.get(c.id, 0.0), p["near_deg"] * 1.001)  # wider than any box
    cells: dict[tuple[int, int, int], list[int]] = {}
    out: list[list[tuple[int, CategoryRef, float, float]]] = []
    for i, ((_, c, x, y), p) in enumerate(zip(asks, params, strict=True)):
        w = width[c.id] or 1.0
        cx, cy = math.floor(x / w), math.floor(y / w)
        box = p["near_deg"] * (1 + 1e-9) + 1e-12  # never narrower than the statement's box
        out.append(
            [
                asks[j]
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for j in cells.get((c.id, cx + dx, cy + dy), ())
                if abs(asks[j][2] - x) <= box and abs(asks[j][3] - y) <= box
            ]
        )
        cells.setdefault((c.id, cx, cy), []).append(i)
    return out


def _duplicate_params(
    category: Category | CategoryRef, lon: float, lat: float, now: datetime, exclude_id: int | None
) -> dict[str, Any]:
    settings = get_settings()
    radius = category.duplicate_radius_m or settings.duplicate_radius_m
    window = category.duplicate_window_h or settings.duplicate_window_h
    return {
        "lon": lon,
        "lat": lat,
        "cat": category.id,
        "since": now - timedelta(hours=window),
        "near_deg": degrees_for(radius, lat),
        "near_m": radius,
        "ex": exclude_id,
    }


def _duplicate(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "case_no": r.case_no,
        "status": r.status,
        "reported_at": r.reported_at,
        "distance_m": round(float(r.dist), 1),
    }


def route_and_duplicates(
    session: Session, category: CategoryRef, point: TruePoint, now: datetime
) -> tuple[Route, list[dict[str, Any]]]:
    """Return `route` and `find_duplicates` of a new report at `point`, in one round trip."""
    r, rows = route_with(
        session,
        category.scope(),
        point,
        now,
        _ROUTE_AND_DUPLICATES,
        _duplicate_params(category, point.lon, point.lat, now, None),
    )
    found = sorted(rows, key=lambda d: (d["dist"], d["id"]))
    return r, [
        _duplicate(SimpleNamespace(**d | {"reported_at": datetime.fromisoformat(d["reported_at"])}))
        for d in found
    ]


# --- actions ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Locked:
    """A case locked for a transition, with what its transitions and its answer need.

    Read right after the lock (so nothing is stale): `clocks` (every clock of the case by id, or
    only the open ones for a bulk action; None: not read yet), `sub_units` (its assigned unit has
    active sub-units; None: not read). For the answer of the single action: the point, photos and
    names (None: not read, `case_view` reads them).
    """

    case: Case
    clocks: list[Clock] | None = None
    sub_units: bool | None = None
    lonlat: tuple[float | None, float | None] | None = None
    photos: list[dict[str, Any]] | None = None
    names: KnownNames | None = None
    units: dict[int, UnitInfo] = field(default_factory=dict)  # target units read with it


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What a transition needs of a target unit."""

    id: int
    name: str
    active: bool
    parent_id: int | None
    has_sub_units: bool


@dataclass(frozen=True, slots=True)
class Outcome:
    """One case of a bulk action: the case (done) or the domain error that refused it."""

    case_id: int
    case: Case | None = None
    error: DomainError | None = None


_REF_VERSION: ColumnElement[int] = literal_column(
    "(SELECT version FROM dispatch_ref_version WHERE id = 1)"
)
# Read after the lock (`_lock`): the clocks, sub-units, target units and, for the answer, photos
# and names, by the function `dispatch_case_read` (migration 9d4e2b7c1a63), whose own statement
# takes its snapshot after the lock was granted and so sees every earlier holder's writes.
_READ_ONLY_DRV = driver_sql(
    "SELECT * FROM dispatch_case_read(CAST(:ids AS bigint[]), :open_only, :view,"
    " CAST(:unit_ids AS int[]))"
)
_UNITS_SQL = text(
    "SELECT u.id, u.name, u.active, u.parent_id,"
    " EXISTS (SELECT 1 FROM grid_unit g WHERE g.parent_id = u.id AND g.active) AS has_sub_units"
    " FROM grid_unit u WHERE u.id = ANY(CAST(:ids AS int[]))"
)


def _instant(v: str | None) -> datetime | None:
    return datetime.fromisoformat(v) if v is not None else None


def _clock(case_id: int, d: dict[str, Any]) -> Clock:
    return Clock(
        id=d["id"],
        case_id=case_id,
        stage=d["stage"],
        level=d["level"],
        unit_id=d["unit_id"],
        limit_value=Decimal(d["limit_value"]),
        limit_unit=d["limit_unit"],
        started_at=datetime.fromisoformat(d["started_at"]),
        due_at=datetime.fromisoformat(d["due_at"]),
        yellow_at=datetime.fromisoformat(d["yellow_at"]),
        next_threshold_at=_instant(d["next_threshold_at"]),
        stopped_at=_instant(d["stopped_at"]),
        paused_at=_instant(d["paused_at"]),
        paused_seconds=d["paused_seconds"],
        extension_hours=Decimal(d["extension_hours"]),
        provisional=d["provisional"],
        light=d["light"],
    )


def _targets(action: wf.Action, inp: ActionInput, cases: Iterable[Case]) -> list[int]:
    """Return the units a (re-)dispatch may go to: the one asked, else each suggested unit."""
    if action not in (wf.Action.dispatch, wf.Action.redispatch):
        return []
    if inp.unit_id is not None:
        return [inp.unit_id]
    if action is wf.Action.redispatch:
        return []
    return sorted({c.routed_unit_id for c in cases if c.routed_unit_id is not None})


# The lock statement, compiled once per caller to driver SQL (the visibility rule `scope.visible`
# has the caller's values in it: they become the statement's binds, beside `:ids`, so callers of
# one shape share one prepared statement); its rows become `Case` objects as the ORM would load
# them (each column through its type's result processor), in a fraction of the ORM's time per
# statement (docs/PERFORMANCE.md).
_CASE_TABLE = Case.__table__
_CASE_KEY = inspect(Case)
_DIALECT = PGDialect_psycopg()  # type: ignore[no-untyped-call]
_CASE_READ = tuple((c.name, c.type.result_processor(_DIALECT, None)) for c in _CASE_TABLE.columns)


@lru_cache(maxsize=1024)
def _lock_sql(actor: wf.Actor) -> tuple[str, Mapping[str, Any]]:
    lock = (
        select(
            *_CASE_TABLE.columns,
            _REF_VERSION.label("ref_version"),
            func.ST_X(Case.geom).label("x_lon"),
            func.ST_Y(Case.geom).label("x_lat"),
        )
        .where(
            Case.id == any_(bindparam("ids", value=[], type_=ARRAY(BigInteger))),
            scope.visible(actor),
        )
        .order_by(Case.id)
        .with_for_update(of=Case)
    )
    compiled = lock.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    binds = {k: v for k, v in compiled.params.items() if k != "ids"}
    # The read's argument needs every locked id, so `dispatch_case_read` runs once all the rows
    # are locked; both CTEs are materialized, so neither is folded into the outer query.
    # `:routed`: the cases' routed units are read too (what a dispatch may go to).
    sql = (
        f"WITH lk AS MATERIALIZED ({compiled}),"
        " rd AS MATERIALIZED (SELECT * FROM dispatch_case_read("
        "(SELECT array_agg(lk.id) FROM lk), %(open_only)s, %(view)s,"
        " CAST(%(unit_ids)s AS int[])"
        " || CASE WHEN %(routed)s THEN (SELECT array_agg(lk.routed_unit_id) FROM lk) END))"
        " SELECT lk.*, rd.sub_units, rd.clocks, rd.photos, rd.reporter, rd.unit_names, rd.units"
        " FROM lk LEFT JOIN rd ON rd.id = lk.id ORDER BY lk.id"
    )
    return sql, MappingProxyType(binds)  # cached: shared, read only


def _as_loaded_case(session: Session, row: Any) -> Case:
    """Return the session's `Case` of a lock row, its columns as the row has them."""
    values = {
        name: (read(v) if read is not None and v is not None else v)
        for (name, read), v in zip(_CASE_READ, row, strict=False)
    }
    held = session.identity_map.get(_CASE_KEY.identity_key_from_primary_key((values["id"],)))
    if held is not None:  # loaded before in this unit of work: refreshed, as populate_existing
        for name, v in values.items():
            set_committed_value(held, name, v)
        return held
    case = as_loaded(Case, values)
    make_transient_to_detached(case)
    session.add(case)
    return case


def _lock(
    session: Session,
    ids: Sequence[int],
    actor: wf.Actor,
    *,
    view: bool = False,
    action: wf.Action | None = None,
    inp: ActionInput | None = None,
) -> tuple[int | None, dict[int, Locked]]:
    """Lock the visible cases among `ids` FOR UPDATE in id order, then read what acting needs.

    One statement, whatever the number of cases: the lock (with the reference version and the
    point), then, in a snapshot taken after the lock, the clocks and the assigned unit's
    sub-units (for the single action's answer: photos and names too; for a single
    (re-)dispatch `action`, the unit asked and the routed unit). Returns the reference version
    and the locked cases by id (an id not visible to `actor` is absent).
    """
    sql, binds = _lock_sql(actor)
    single = action in (wf.Action.dispatch, wf.Action.redispatch) and len(ids) == 1
    asked = inp.unit_id if single and inp is not None else None
    params = {
        **binds,
        "ids": list(ids),
        "open_only": not view,
        "view": view,
        "unit_ids": [] if asked is None else [asked],
        "routed": single,
    }
    rows = fetch_all(session, sql, params)
    locked: dict[int, Locked] = {}
    for r in rows:
        lk = locked[r.id] = Locked(_as_loaded_case(session, r), lonlat=(r.x_lon, r.x_lat))
        lk.sub_units = bool(r.sub_units)
        lk.units = {
            u["id"]: UnitInfo(u["id"], u["name"], u["active"], u["parent_id"], u["has_sub_units"])
            for u in r.units or ()
        }
        lk.clocks = [_clock(r.id, d) for d in r.clocks or ()]
        if view:
            lk.photos = [
                {"id": p["id"], "kind": p["kind"], "created_at": _instant(p["created_at"])}
                for p in r.photos or ()
            ]
            rep = r.reporter
            lk.names = KnownNames(
                Reporter(rep["display_name"], rep["username"], rep["unit_id"]) if rep else None,
                {int(k): v for k, v in (r.unit_names or {}).items()},
            )
    version = rows[0].ref_version if rows else None
    return version, locked


def units_info(session: Session, ids: Iterable[int]) -> dict[int, UnitInfo]:
    """Return the units among `ids` (active or not) with whether they have active sub-units."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {
        r.id: UnitInfo(r.id, r.name, r.active, r.parent_id, r.has_sub_units)
        for r in session.execute(_UNITS_SQL, {"ids": wanted})
    }


def act(
    session: Session,
    case_id: int,
    action: wf.Action,
    actor: wf.Actor,
    inp: ActionInput,
    now: datetime,
    ref: Reference | None = None,
) -> Case:
    """Take `action` on a case (locked FOR UPDATE); raise InvalidTransition/ActionForbidden.

    A case outside the actor's scope is not found (NotFound), whatever the action. `ref`: the
    reference data when the caller already read it.
    """
    version, locked = _lock(session, [case_id], actor, action=action, inp=inp)
    if case_id not in locked:
        raise NotFound("案卷不存在", case_id=case_id)
    lk = locked[case_id]
    ref = ref or reference.for_version(session, version)
    return _apply(session, lk.case, action, actor, inp, now, ref, lk)


def act_view(
    session: Session,
    case_id: int,
    action: wf.Action,
    actor: wf.Actor,
    inp: ActionInput,
    now: datetime,
) -> dict[str, Any]:
    """Take `action` on a case as `act` does; return the case as `case_view` shows it after.

    The answer is built from what the lock read and the transition wrote (the same fields and
    values as `case_view`, without reading the case again).
    """
    version, locked = _lock(session, [case_id], actor, view=True, action=action, inp=inp)
    if case_id not in locked:
        raise NotFound("案卷不存在", case_id=case_id)
    lk = locked[case_id]
    ref = reference.for_version(session, version)
    case = _apply(session, lk.case, action, actor, inp, now, ref, lk)
    if lk.clocks is None or lk.lonlat is None or lk.names is None:
        return case_view(session, case, actor, now)
    cat = ref.categories_by_id.get(case.category_id)
    if cat is None:  # a category newer than the snapshot cannot be: read rather than guess
        return case_view(session, case, actor, now)
    photos = lk.photos
    if photos is None:
        photos = [
            {"id": a.id, "kind": a.kind, "created_at": a.created_at}
            for a in list_case_photos(session, case.id)
        ]
    return _view(
        case,
        (cat.kind, cat.code, cat.name),
        lk.lonlat,
        lk.clocks,
        ref.calendar,
        photos,
        allowed_actions(session, case, actor, lk.sub_units),
        now,
    ) | case_labels(session, case, known=lk.names)


def act_many(
    session: Session,
    case_ids: Sequence[int],
    action: wf.Action,
    actor: wf.Actor,
    inp: ActionInput,
    now: datetime,
) -> dict[int, Outcome]:
    """Take `action` on each case, set-based; return an outcome per id (done or refused).

    The cases are locked in one statement (id order, FOR UPDATE); each transition is planned
    with the one table and the same effect rules as `act` (`_plan`), and every plan is written
    together: a few statements for the cases and clocks, one for all events
    (`audit.append_many`). A refused case (not visible: NotFound; the table says no; a bad
    payload) is refused before anything is written, so it leaves no row behind. An action whose
    effects reach other rows or files (photos, merge, call-back) is taken case by case.
    """
    if inp.photos or action in (wf.Action.merge, wf.Action.callback):
        raise ValueError(f"{action} is taken case by case: use act()")
    case_ids = list(dict.fromkeys(case_ids))  # each case planned once, from its locked state
    version, locked = _lock(session, case_ids, actor)
    ref = reference.for_version(session, version)
    units = units_info(session, _targets(action, inp, (lk.case for lk in locked.values())))
    out: dict[int, Outcome] = {}
    plans: list[tuple[Locked, Plan]] = []
    for case_id in case_ids:
        lk = locked.get(case_id)
        if lk is None:
            out[case_id] = Outcome(case_id, error=NotFound("案卷不存在", case_id=case_id))
            continue
        try:
            plans.append((lk, _plan(session, lk, action, actor, inp, now, ref, units)))
        except DomainError as exc:
            out[case_id] = Outcome(case_id, error=exc)
    _write(session, plans, units)
    for lk, _ in plans:
        out[lk.case.id] = Outcome(lk.case.id, case=lk.case)
    return out


def lock_case(session: Session, case_id: int, actor: wf.Actor) -> Case:
    """Load a case the actor may see `FOR UPDATE` (fresh from the database); raise NotFound."""
    case = session.scalar(
        select(Case)
        .where(Case.id == case_id, scope.visible(actor))
        .with_for_update(of=Case)
        .execution_options(populate_existing=True)
    )
    if case is None:
        raise NotFound("案卷不存在", case_id=case_id)
    return case


def has_sub_units(unit_id: Any) -> ColumnElement[bool]:
    """Return the SQL condition: the unit has an active sub-unit (so it may 二级派遣)."""
    return exists(select(Unit.id).where(Unit.parent_id == unit_id, Unit.active.is_(True)))


def case_state(session: Session, case: Case, sub_units: bool | None = None) -> wf.CaseState:
    """Build the table's view of a case (`sub_units`: `has_sub_units`, when already selected)."""
    has_subs = bool(sub_units)
    if sub_units is None and case.assigned_unit_id is not None:
        has_subs = bool(session.scalar(select(has_sub_units(case.assigned_unit_id))))
    return wf.CaseState(
        status=wf.Status(case.status),
        source=wf.Source(case.source),
        pending=wf.Pending(case.pending) if case.pending else None,
        assigned_unit_id=case.assigned_unit_id,
        assigned_unit_has_sub_units=has_subs,
        dispatching_unit_id=case.dispatching_unit_id,
        signed=case.signed,
        reporter_id=case.reporter_id,
    )


def allowed_actions(
    session: Session, case: Case, actor: wf.Actor, sub_units: bool | None = None
) -> list[str]:
    """Return the actions `actor` may take on the case now (`sub_units` as in `case_state`)."""
    return [a.value for a in wf.allowed_actions(case_state(session, case, sub_units), actor)]


def _check_needs(
    session: Session,
    case: Case,
    t: wf.Transition,
    inp: ActionInput,
    units: Mapping[int, UnitInfo] | None = None,
) -> dict[str, Any]:
    """Validate what the action needs (`units`: target units read already); return the payload."""
    needs = t.needs
    payload: dict[str, Any] = {}
    if wf.Need.reason in needs and not (inp.note and inp.note.strip()):
        raise InvalidInput(f"“{t.action.label}”需要填写理由/说明", field="note")
    if wf.Need.photos in needs and not inp.photos:
        raise InvalidInput(f"“{t.action.label}”需要上传照片", field="photos")
    if wf.Need.hours in needs:
        asked = (case.pending_payload or {}).get("hours") if t.extends else None
        raw = inp.hours if inp.hours is not None else asked  # approval defaults to the request
        try:
            hours = Decimal(str(raw)) if raw is not None else None
        except (InvalidOperation, TypeError):
            hours = None
        limit = get_settings().max_extension_hours
        if hours is None or not hours.is_finite() or not 0 < hours <= Decimal(str(limit)):
            raise InvalidInput(f"延期时长须大于 0 且不超过 {limit:g} 小时", field="hours")
        payload["hours"] = str(hours)
    if wf.Need.satisfaction in needs:
        if inp.satisfaction not in SATISFACTION:
            raise InvalidInput(
                "回访结果应为 satisfied（满意）/ basically_satisfied（基本满意）/"
                " dissatisfied（不满意）",
                field="satisfaction",
            )
        payload["satisfaction"] = inp.satisfaction
    if wf.Need.master_case in needs:
        master = (
            session.scalar(
                select(Case)
                .where(Case.id == inp.master_case_id, scope.visible(t.actor))
                .with_for_update(of=Case)
                .execution_options(populate_existing=True)
            )
            if inp.master_case_id
            else None
        )
        if master is None or master.id == case.id or not wf.Status(master.status).is_open:
            raise InvalidInput("合并需要指定另一个未办结的主案卷", field="master_case_id")
        payload["master_case_id"] = master.id
    if t.assignment in (wf.Assignment.dispatch, wf.Assignment.redispatch):
        target_id = (
            inp.unit_id
            if inp.unit_id is not None
            else (case.routed_unit_id if t.assignment is wf.Assignment.dispatch else None)
        )
        unit = None
        if target_id is not None:
            if units is not None and target_id in units:
                unit = units[target_id]
            else:
                found = units_info(session, [target_id])
                if isinstance(units, dict):  # the caller's cache: the writer uses it too
                    units.update(found)
                unit = found.get(target_id)
        if unit is None or not unit.active:
            raise InvalidInput("请指定有效的责任单位", field="unit_id")
        if t.assignment is wf.Assignment.redispatch and unit.parent_id != case.assigned_unit_id:
            raise InvalidInput("二级派遣只能派给本单位的下级单位", field="unit_id")
        payload["unit_id"] = unit.id
    return payload


def _open_clocks(session: Session, lk: Locked) -> list[Clock]:
    """Return the case's open clocks (reading its clocks when the lock did not)."""
    if lk.clocks is None:
        (row,) = fetch_all(
            session,
            _READ_ONLY_DRV,
            {"ids": [lk.case.id], "open_only": False, "view": False, "unit_ids": []},
        )
        lk.clocks = [_clock(lk.case.id, d) for d in row.clocks or ()]
        if lk.sub_units is None:
            lk.sub_units = bool(row.sub_units)
    return [st for st in lk.clocks if st.stopped_at is None]


def _limit_for(session: Session, case: Case, ref: Reference) -> LimitFor:
    """Return the stage limits of this case: its standard's handling limit, the stage limits."""

    def limit_for(stage: wf.Stage) -> tuple[Decimal, TimeUnit]:
        if stage is not wf.Stage.handle:
            return ref.stage_limit(stage, case.source)
        if case.standard_id is None:
            return handling_limit(ref.standard(case.category_id, None), case.mgmt_class)
        if case.standard_id in ref.standards_by_id:
            return handling_limit(ref.standards_by_id[case.standard_id], case.mgmt_class)
        # a standard newer than the snapshot cannot be: read it rather than guess
        return handling_limit(session.get_one(FilingStandard, case.standard_id), case.mgmt_class)

    return limit_for


def _plan(
    session: Session,
    lk: Locked,
    action: wf.Action,
    actor: wf.Actor,
    inp: ActionInput,
    now: datetime,
    ref: Reference,
    units: Mapping[int, UnitInfo] | None = None,
) -> Plan:
    """Ask the table, check what the action needs, and plan the transition (nothing written)."""
    case = lk.case
    t = wf.transition(case_state(session, case, lk.sub_units), action, actor)
    payload = _check_needs(session, case, t, inp, units)
    task_inspector = None
    if t.to_status in (wf.Status.verifying, wf.Status.handled):
        task_inspector = inp.inspector_id or _task_inspector(session, case)
    p = plan(
        case,
        _open_clocks(session, lk),
        t,
        note=inp.note,
        photos=inp.photos,
        payload=payload,
        task_inspector_id=task_inspector,
        now=now,
        calendar=ref.calendar,
        limit_for=_limit_for(session, case, ref),
    )
    p.payload = payload
    return p


def _apply(
    session: Session,
    case: Case,
    action: wf.Action,
    actor: wf.Actor,
    inp: ActionInput,
    now: datetime,
    ref: Reference,
    locked: Locked | None = None,
) -> Case:
    """Apply a transition to one locked case: ask the table, plan it, write it (`_write`).

    `locked`: what the lock read with the case (its clocks…); without it they are read here.
    """
    lk = locked or Locked(case)
    units = lk.units  # the target unit read with the lock; a unit read here is kept there too
    p = _plan(session, lk, action, actor, inp, now, ref, units)
    kind = kind_for_action(action.value)
    photos = validate_photo_ids(session, inp.photos, case.id)  # linked by the writer (`_write`)
    if action is wf.Action.callback:
        session.execute(  # a hotline ticket keeps its call-back result too (12345 三率)
            update(HotlineTicket)
            .where(HotlineTicket.case_id == case.id)
            .values(satisfaction=p.payload["satisfaction"], callback_at=now)
        )
    if action is wf.Action.merge:
        _merge_into(session, case, p.payload["master_case_id"], actor, now)
    _write(session, [(lk, p)], units, photo_links(photos, case.id, kind))
    if photos:
        attach(photos, case.id, kind)
        if lk.photos is not None:  # the answer's photos: those read with the lock and these
            known = {ph["id"] for ph in lk.photos}
            lk.photos = sorted(
                lk.photos
                + [
                    {"id": a.id, "kind": a.kind, "created_at": a.created_at}
                    for a in photos
                    if a.id not in known
                ],
                key=lambda ph: (ph["created_at"], ph["id"]),
            )
    if (
        action is wf.Action.check_pass
        and get_settings().auto_close_on_check_pass
        and actor.role is not wf.Role.system
    ):
        _apply(
            session, case, wf.Action.close, wf.Actor(wf.Role.system), ActionInput(), now, ref, lk
        )
    return case


# The writer: every planned case (with its chain tail), clock change, new clock and event in one
# statement (the events chained by app.cases.audit.chain_rows and read by its EVENT_ROWS_SQL; new
# clock ids come back in the order given: one sequence, one INSERT … SELECT … ORDER BY). The rows
# to update are also named by id (`:case_ids`, `:clock_ids`): PostgreSQL counts on 100 rows from
# jsonb_to_recordset, and for 100 rows it would scan the whole case and clock tables of a small
# city (a few thousand cases) rather than look each one up (docs/PERFORMANCE.md).
_WRITE_DRV = driver_sql(
    f"""
WITH c AS (
    UPDATE dispatch_case d SET
        status = v.status, pending = v.pending, pending_payload = v.pending_payload,
        assigned_unit_id = v.assigned_unit_id, dispatching_unit_id = v.dispatching_unit_id,
        signed = v.signed, master_case_id = v.master_case_id,
        task_inspector_id = v.task_inspector_id, dispatches = v.dispatches,
        redispatches = v.redispatches, returns = v.returns, reworks = v.reworks,
        extensions = v.extensions, extension_hours = v.extension_hours,
        suspensions = v.suspensions, suspended_seconds = v.suspended_seconds,
        satisfaction = v.satisfaction, calendar_provisional = v.calendar_provisional,
        verified_at = v.verified_at, filed_at = v.filed_at, dispatched_at = v.dispatched_at,
        signed_at = v.signed_at, handled_at = v.handled_at, checked_at = v.checked_at,
        closed_at = v.closed_at, finished_at = v.finished_at, updated_at = v.updated_at,
        version = v.version, event_count = v.event_count, last_event_hash = v.last_event_hash
    FROM jsonb_to_recordset(CAST(:cases AS jsonb)) AS v(
        id bigint, status text, pending text, pending_payload jsonb, assigned_unit_id int,
        dispatching_unit_id int, signed boolean, master_case_id bigint, task_inspector_id int,
        dispatches int, redispatches int, returns int, reworks int, extensions int,
        extension_hours numeric, suspensions int, suspended_seconds int, satisfaction text,
        calendar_provisional boolean, verified_at timestamptz, filed_at timestamptz,
        dispatched_at timestamptz, signed_at timestamptz, handled_at timestamptz,
        checked_at timestamptz, closed_at timestamptz, finished_at timestamptz,
        updated_at timestamptz, version int, event_count int, last_event_hash text)
    WHERE d.id = v.id AND d.id = ANY(CAST(:case_ids AS bigint[]))
), s AS (
    UPDATE dispatch_case_stage st SET
        due_at = v.due_at, yellow_at = v.yellow_at, next_threshold_at = v.next_threshold_at,
        stopped_at = v.stopped_at, paused_at = v.paused_at, paused_seconds = v.paused_seconds,
        extension_hours = v.extension_hours, provisional = v.provisional, light = v.light
    FROM jsonb_to_recordset(CAST(:changed AS jsonb)) AS v(
        id bigint, due_at timestamptz, yellow_at timestamptz, next_threshold_at timestamptz,
        stopped_at timestamptz, paused_at timestamptz, paused_seconds int,
        extension_hours numeric, provisional boolean, light text)
    WHERE st.id = v.id AND st.id = ANY(CAST(:clock_ids AS bigint[]))
), ev AS (
    INSERT INTO dispatch_case_event ({EVENT_COLUMNS}) {EVENT_ROWS_SQL.strip()}
), ph AS ({LINK_PHOTOS_SQL}
)
INSERT INTO dispatch_case_stage (case_id, stage, level, unit_id, limit_value, limit_unit,
                                 started_at, due_at, yellow_at, next_threshold_at, stopped_at,
                                 paused_at, paused_seconds, extension_hours, provisional, light)
SELECT v.case_id, v.stage, v.level, v.unit_id, v.limit_value, v.limit_unit, v.started_at,
       v.due_at, v.yellow_at, v.next_threshold_at, v.stopped_at, v.paused_at, v.paused_seconds,
       v.extension_hours, v.provisional, v.light
FROM jsonb_to_recordset(CAST(:started AS jsonb)) AS v(
    ord int, case_id bigint, stage text, level int, unit_id int, limit_value numeric,
    limit_unit text, started_at timestamptz, due_at timestamptz, yellow_at timestamptz,
    next_threshold_at timestamptz, stopped_at timestamptz, paused_at timestamptz,
    paused_seconds int, extension_hours numeric, provisional boolean, light text)
ORDER BY v.ord
RETURNING id
"""
)
_CLOCK_WRITTEN = (
    "due_at",
    "yellow_at",
    "next_threshold_at",
    "stopped_at",
    "paused_at",
    "paused_seconds",
    "extension_hours",
    "provisional",
    "light",
)
_CLOCK_MAPPER = inspect(CaseStage)
_CLOCK_NEW = ("case_id", "stage", "level", "unit_id", "limit_value", "limit_unit", "started_at")


def _json_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


def _write(
    session: Session,
    plans: Sequence[tuple[Locked, Plan]],
    units: Mapping[int, UnitInfo] | None = None,
    photos: Sequence[dict[str, Any]] = (),
) -> None:
    """Store planned transitions: the one writer of `Case.status` (and of a transition's rows).

    One statement writes every case's new values, every changed clock, every new clock and every
    event, chained onto the tails of the locked rows by `audit.chain_rows`, and links the action's
    `photos` (`attachments.photo_links`; a photo another case took since its check refuses the
    statement: `PhotoOfAnotherCase`). The loaded `Case` objects and clocks are then set to what
    was written.
    """
    if not plans:
        return
    tails = {lk.case.id: (lk.case.event_count, lk.case.last_event_hash) for lk, _ in plans}
    events = [
        NewEvent(
            case_id=p.case_id,
            action=p.event.action,
            from_status=p.event.from_status,
            to_status=p.event.to_status,
            note=p.event.note,
            payload=p.event.payload,
            created_at=p.event.at,
            actor_id=p.event.actor.user_id,
            actor_role=p.event.actor.role.value,
            actor_unit_id=p.event.actor.unit_id,
            photos=list(p.event.photos),
        )
        for _, p in plans
    ]
    chained = {cid: (count or 0, last or GENESIS) for cid, (count, last) in tails.items()}
    events_json = json.dumps(chain_rows(events, chained), ensure_ascii=False)
    cases: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    started: list[dict[str, Any]] = []
    for (lk, p), ev in zip(plans, events, strict=True):
        case = lk.case
        cases.append(
            {"id": case.id, "event_count": ev.seq, "last_event_hash": ev.hash}
            | {c: _json_value(p.values.get(c, getattr(case, c))) for c in CASE_COLUMNS}
        )
        changed += [
            {"id": st.id} | {c: _json_value(getattr(st, c)) for c in _CLOCK_WRITTEN}
            for st in p.changed
        ]
        started += [
            {"ord": len(started) + i}
            | {c: _json_value(getattr(st, c)) for c in (*_CLOCK_NEW, *_CLOCK_WRITTEN)}
            for i, st in enumerate(p.started)
        ]
    session.flush()  # the statement is the driver's: what the ORM holds goes first
    with refusing_taken_photos([ph["id"] for ph in photos]):
        rows = fetch_all(
            session,
            _WRITE_DRV,
            {
                "cases": json.dumps(cases, ensure_ascii=False),
                "case_ids": [c["id"] for c in cases],
                "changed": json.dumps(changed),
                "clock_ids": [c["id"] for c in changed],
                "started": json.dumps(started),
                "events": events_json,
                "photos": json.dumps(list(photos)),
            },
        )
    new_ids = iter(sorted(r.id for r in rows))
    for (lk, p), ev in zip(plans, events, strict=True):
        case = lk.case
        old_unit = case.assigned_unit_id
        for name, value in p.values.items():
            set_committed_value(case, name, value)
        set_committed_value(case, "event_count", ev.seq)
        set_committed_value(case, "last_event_hash", ev.hash)
        for st in p.started:
            st.id = next(new_ids)
        for st in p.changed:  # a clock object the session holds shows what was written
            held = session.identity_map.get(_CLOCK_MAPPER.identity_key_from_primary_key((st.id,)))
            if held is not None:
                for name in _CLOCK_WRITTEN:
                    set_committed_value(held, name, getattr(st, name))
        if lk.clocks is not None:
            by_id = {st.id: st for st in p.changed}
            lk.clocks = [by_id.get(st.id, st) for st in lk.clocks] + p.started
        if case.assigned_unit_id != old_unit:  # who may act next depends on the new unit
            target = (units or {}).get(case.assigned_unit_id or 0)
            lk.sub_units = (
                False
                if case.assigned_unit_id is None
                else (target.has_sub_units if target else None)
            )
            if lk.names is not None and target is not None:
                lk.names.units[target.id] = target.name


def _task_inspector(session: Session, case: Case) -> int | None:
    """Return who verifies/checks a case (None leaves it to the operator).

    The reporting inspector, else the cell's, else the community's patrolling inspector (lowest
    id: deterministic).
    """
    if case.source == wf.Source.inspector.value and case.reporter_id is not None:
        return case.reporter_id
    return patrol_inspector(session, case.grid_code, case.community_code)


def _merge_into(
    session: Session, case: Case, master_id: int, actor: wf.Actor, now: datetime
) -> None:
    master = session.get(Case, master_id)
    assert master is not None  # checked in _check_needs
    if case.source == wf.Source.hotline.value:
        master.repeat_requests += 1  # 重复诉求
    master.updated_at = now
    append_one(
        session,
        master,
        "merged_in",
        master.status,
        master.status,
        actor,
        None,
        {"merged_case_id": case.id, "merged_case_no": case.case_no},
        (),
        now,
    )


def _effects(
    session: Session,
    case: Case,
    t: wf.Transition,
    inp: ActionInput,
    now: datetime,
    ref: Reference,
    payload: dict[str, Any],
    new: list[NewEvent] | None = None,
) -> list[CaseStage]:
    """Apply the clock effects of a report and append its event; return the clocks started.

    The same rules as every transition (`app.cases.plan.clock_effects`), for a case that has no
    clocks yet. `new`: a case not inserted yet — its clocks are not added to the session and its
    event goes to `new`, both to be inserted with the case (`app.cases.writes`); without it the
    clocks and the event are written through the session.
    """
    if t.from_status is not None:
        raise ValueError("_effects plans a report; a transition goes through _apply")
    p = clock_effects(
        case,
        {},
        [],
        t,
        note=inp.note,
        photos=inp.photos,
        payload=payload,
        now=now,
        calendar=ref.calendar,
        limit_for=_limit_for(session, case, ref),
    )
    for name, value in p.values.items():
        setattr(case, name, value)
    columns = (*_CLOCK_NEW, *_CLOCK_WRITTEN)
    ev = p.event
    if new is not None:
        new.append(
            NewEvent(
                case_id=case.id,
                action=ev.action,
                from_status=ev.from_status,
                to_status=ev.to_status,
                note=ev.note,
                payload=ev.payload,
                created_at=now,
                actor_id=ev.actor.user_id,
                actor_role=ev.actor.role.value,
                actor_unit_id=ev.actor.unit_id,
                photos=list(ev.photos),
            )
        )
        # a clock of a new case is inserted with the case (app.cases.writes), never by the session
        return [
            as_loaded(CaseStage, _NEW_STAGE_COLUMNS, {c: getattr(st, c) for c in columns})
            for st in p.started
        ]
    started = [CaseStage(**{c: getattr(st, c) for c in columns}) for st in p.started]
    session.add_all(started)
    append_one(
        session,
        case,
        ev.action,
        ev.from_status,
        ev.to_status,
        ev.actor,
        ev.note,
        ev.payload,
        ev.photos,
        now,
    )
    return started


# --- events and the audit chain ---------------------------------------------------------------


def record_event(
    session: Session,
    case: Case,
    action: str,
    actor: wf.Actor,
    note: str | None,
    payload: dict[str, Any],
    now: datetime,
) -> CaseEvent:
    """Append an event that is not a transition (status unchanged) to the case's hash chain.

    For audit facts such as revealing a caller's contact; `case` must come from `lock_case`
    (the chain's tail lives on the locked row). Workflow actions go through `act` only.
    """
    if action in {a.value for a in wf.Action}:
        raise ValueError(f"{action} is a workflow action: use act()")
    return append_one(
        session, case, action, case.status, case.status, actor, note, payload, (), now
    )


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """A broken link in a case's event chain."""

    case_id: int
    seq: int
    problem: str


def verify_chains(session: Session, case_id: int | None = None) -> tuple[int, list[ChainProblem]]:
    """Recompute every (or one) case's event chain; return events checked and the problems found."""
    stmt = select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)
    if case_id is not None:
        stmt = stmt.where(CaseEvent.case_id == case_id)
    problems: list[ChainProblem] = []
    tails: dict[int, tuple[int, str]] = {}
    checked, current, prev, expected_seq = 0, None, GENESIS, 1
    for ev in session.scalars(stmt).yield_per(2000):
        if ev.case_id != current:
            current, prev, expected_seq = ev.case_id, GENESIS, 1
        checked += 1
        if ev.seq != expected_seq:
            problems.append(
                ChainProblem(ev.case_id, expected_seq, f"第 {expected_seq} 条记录缺失（被删除）")
            )
        if ev.prev_hash != prev:
            problems.append(
                ChainProblem(ev.case_id, ev.seq, "前一条记录的哈希不符（前面的记录被改动或删除）")
            )
        if event_hash(ev) != ev.hash:
            problems.append(ChainProblem(ev.case_id, ev.seq, "记录内容与哈希不符（该记录被改动）"))
        prev, expected_seq = ev.hash, ev.seq + 1
        tails[ev.case_id] = (ev.seq, ev.hash)
    cases = select(Case.id, Case.event_count, Case.last_event_hash)
    if case_id is not None:
        cases = cases.where(Case.id == case_id)
    for cid, count, last_hash in session.execute(cases):
        seq, tail_hash = tails.get(cid, (0, None))
        if count != seq or (count and last_hash != tail_hash):
            problems.append(
                ChainProblem(
                    cid,
                    seq + 1,
                    f"链尾不符：案卷记录 {count} 条，实际最后一条为第 {seq} 条"
                    "（末尾的记录被删除或改动）",
                )
            )
    return checked, problems


# --- reads --------------------------------------------------------------------------------------


def get_case(session: Session, case_id: int, actor: wf.Actor | None = None) -> Case:
    """Return a case the actor may see (app.cases.scope) or raise NotFound."""
    if actor is None:
        case = session.get(Case, case_id)
    else:
        case = session.scalar(select(Case).where(Case.id == case_id, scope.visible(actor)))
    if case is None:
        raise NotFound("案卷不存在", case_id=case_id)
    return case


def case_view(session: Session, case: Case, actor: wf.Actor, now: datetime) -> dict[str, Any]:
    """Return a case as plain data: fields, category, stage clocks with lights, allowed actions."""
    cat = session.get_one(Category, case.category_id)
    lon, lat = session.execute(  # NULL for a case without a location
        text("SELECT ST_X(geom), ST_Y(geom) FROM dispatch_case WHERE id = :i"), {"i": case.id}
    ).one()
    stages = session.scalars(
        select(CaseStage).where(CaseStage.case_id == case.id).order_by(CaseStage.id)
    ).all()
    photos = [
        {"id": a.id, "kind": a.kind, "created_at": a.created_at}
        for a in list_case_photos(session, case.id)
    ]
    return _view(
        case,
        (cat.kind, cat.code, cat.name),
        (lon, lat),
        stages,
        get_calendar(session),
        photos,
        allowed_actions(session, case, actor),
        now,
    ) | case_labels(session, case)


def report_view(
    session: Session, result: ReportResult, actor: wf.Actor, now: datetime
) -> dict[str, Any]:
    """Return the new case of `report_case` as `case_view` would, from what was inserted.

    Nothing is read back: category, point, clocks, photos and defaults are the ones just
    written (a report that went on — auto-file — is read back with `case_view`);
    `allowed_actions` reads only what `case_view` reads.
    """
    case, cat = result.case, result.category
    if result.stages is None or cat is None or result.calendar is None:
        return case_view(session, case, actor, now)
    kind = kind_for_action("report")  # what linking the photos sets, before or after the insert
    photos = [
        {"id": a.id, "kind": kind.value if kind else a.kind, "created_at": a.created_at}
        for a in sorted(result.attachments, key=lambda a: (a.created_at, a.id))
    ]
    point = result.point
    return _view(
        case,
        (cat.kind, cat.code, cat.name),
        (point.lon, point.lat) if point is not None else (None, None),
        result.stages,
        result.calendar,
        photos,
        allowed_actions(session, case, actor),
        now,
    ) | case_labels(session, case, actor, result.unit_names)


def _view(
    case: Case,
    category: tuple[str, str, str],
    lonlat: tuple[float | None, float | None],
    stages: Sequence[CaseStage] | Sequence[Clock],
    cal: WorkCalendar,
    photos: list[dict[str, Any]],
    actions: list[str],
    now: datetime,
) -> dict[str, Any]:
    lon, lat = lonlat
    clocks = []
    for st in stages:
        light = st.light
        if st.stopped_at is None and st.paused_at is None:
            light = (
                stage_clock(
                    st.started_at,
                    st.limit_value,
                    TimeUnit(st.limit_unit),
                    cal,
                    extension_hours=st.extension_hours,
                    suspended_seconds=st.paused_seconds,
                )
                .light_at(now)
                .value
            )
        ratio = used_ratio(
            st.started_at,
            st.due_at,
            st.stopped_at or st.paused_at or now,
            cal,
            TimeUnit(st.limit_unit),
            paused_seconds=st.paused_seconds or 0,
        )
        clocks.append(
            {
                "used_ratio": round(ratio, 3) if math.isfinite(ratio) else None,
                "stage": st.stage,
                "stage_label": wf.Stage(st.stage).label,
                "level": st.level,
                "unit_id": st.unit_id,
                "limit_value": float(st.limit_value),
                "limit_unit": st.limit_unit,
                "started_at": st.started_at,
                "due_at": st.due_at,
                "stopped_at": st.stopped_at,
                "paused": st.paused_at is not None,
                "extension_hours": float(st.extension_hours),
                "light": light,
                "provisional": st.provisional,
                "overdue": is_overdue(st.stopped_at or now, st.due_at),
            }
        )
    return {
        "id": case.id,
        "case_no": case.case_no,
        "status": case.status,
        "status_label": wf.Status(case.status).label,
        "source": case.source,
        "category": dict(zip(("kind", "code", "name"), category, strict=True)),
        "severity": case.severity,
        "description": case.description,
        "address_text": case.address_text,
        "point": None
        if lon is None
        else {
            "lon": lon,
            "lat": lat,
            "raw_lon": case.raw_lon,
            "raw_lat": case.raw_lat,
            "raw_crs": case.raw_crs,
        },
        "grid_code": case.grid_code,
        "community_code": case.community_code,
        "street_code": case.street_code,
        "district_code": case.district_code,
        "mgmt_class": case.mgmt_class,
        "routed_unit_id": case.routed_unit_id,
        "routed_rule_id": case.routed_rule_id,
        "routed_by": case.routed_by,
        "component_id": case.component_id,
        "assigned_unit_id": case.assigned_unit_id,
        "dispatching_unit_id": case.dispatching_unit_id,
        "signed": case.signed,
        "pending": case.pending,
        "master_case_id": case.master_case_id,
        "reporter_id": case.reporter_id,
        "task_inspector_id": case.task_inspector_id,
        "outside_patrol_area": case.outside_patrol_area,
        "photos": photos,
        "counters": {
            k: getattr(case, k)
            for k in (
                "dispatches",
                "redispatches",
                "returns",
                "reworks",
                "extensions",
                "suspensions",
                "suspended_seconds",
                "repeat_requests",
            )
        }
        | {"extension_hours": float(case.extension_hours)},
        "satisfaction": case.satisfaction,
        "calendar_provisional": case.calendar_provisional,
        "timestamps": {
            k: getattr(case, k)
            for k in (
                "reported_at",
                "verified_at",
                "filed_at",
                "dispatched_at",
                "signed_at",
                "handled_at",
                "checked_at",
                "closed_at",
                "finished_at",
                "updated_at",
            )
        },
        "stages": clocks,
        "allowed_actions": actions,
        "action_forms": action_forms(actions),
        "version": case.version,
    }


def list_events(session: Session, case_id: int) -> list[CaseEvent]:
    """Return a case's events in order."""
    get_case(session, case_id)
    return list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
        )
    )


def load_calendar_year(session: Session, schedule: Any, now: datetime) -> list[dict[str, Any]]:
    """Store a year's schedule, then recompute running clocks computed provisionally; log changes.

    Every open stage whose due time was provisional is recomputed with the new calendar; a case
    whose due time moved gets a `deadline_recomputed` event (old and new due) on its chain.
    """
    from app.cases.time.calendar_store import store_schedule

    store_schedule(session, schedule)
    cal = get_calendar(session)
    changed: list[dict[str, Any]] = []
    provisional = (CaseStage.stopped_at.is_(None), CaseStage.provisional.is_(True))
    # lock the cases first, in id order (as act() and the sweeper do: case, then its stages)
    session.scalars(
        select(Case.id)
        .where(Case.id.in_(select(CaseStage.case_id).where(*provisional)))
        .order_by(Case.id)
        .with_for_update()
    ).all()
    stages = session.scalars(
        select(CaseStage)
        .where(*provisional)
        .order_by(CaseStage.case_id, CaseStage.id)
        .with_for_update()
    ).all()
    for st in stages:
        old_due = st.due_at
        recompute(st, now, cal)
        case = session.get_one(Case, st.case_id, populate_existing=True)
        if st.due_at != old_due:
            change = {
                "case_id": st.case_id,
                "stage": st.stage,
                "level": st.level,
                "old_due_at": old_due.isoformat(),
                "new_due_at": st.due_at.isoformat(),
                "provisional": st.provisional,
            }
            changed.append(change)
            append_one(
                session,
                case,
                "deadline_recomputed",
                case.status,
                case.status,
                wf.Actor(wf.Role.system),
                f"载入 {schedule.year} 年工作日历后重算时限",
                change,
                (),
                now,
            )
        case.calendar_provisional = bool(
            session.scalar(
                select(func.bool_or(CaseStage.provisional)).where(
                    CaseStage.case_id == case.id, CaseStage.stopped_at.is_(None)
                )
            )
        )
    session.flush()
    return changed
