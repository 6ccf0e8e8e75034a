"""Cases (案卷): report, the one `_apply` for every transition, reads, duplicates, audit chain.

Services never commit. `_apply` is the only place that assigns `Case.status`: it locks the case,
asks the pure table (`app.cases.workflow`) what the action means, then changes status, clocks,
counters, assignment and request slot, and appends one hash-chained event row.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from geoalchemy2 import WKTElement
from sqlalchemy import ColumnElement, exists, func, select, text, update
from sqlalchemy.orm import Session, make_transient_to_detached

from app.cases import idempotency, reference, scope
from app.cases import workflow as wf
from app.cases.attachments import (
    attach,
    kind_for_action,
    link_to_case,
    list_case_photos,
    validate_photo_ids,
)
from app.cases.audit import GENESIS, NewEvent, append_one, chain_rows, event_hash
from app.cases.forms import action_forms, case_labels
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
from app.cases.reference import CategoryRef, Reference, StandardRef
from app.cases.report_policy import check_source
from app.cases.time.calendar import WorkCalendar
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import (
    TimeUnit,
    elapsed_business_time,
    is_overdue,
    stage_clock,
    used_ratio,
)
from app.cases.time.standards import handling_limit
from app.cases.writes import NewCase, as_loaded, insert_cases
from app.core.config import get_settings
from app.core.db import POINT_SQL, SRID, driver_sql, fetch_all, per_row
from app.core.errors import InvalidInput, NotFound
from app.grid.coords import TruePoint, to_wgs84
from app.grid.models import Unit
from app.grid.service import Location, Route, degrees_for, district_fallback, route
from app.identity.service import patrol_inspector

SATISFACTION = {x.value: x.label for x in wf.Satisfaction}
_TIMESTAMP_BY_ACTION = {
    wf.Action.verify_exists: "verified_at",
    wf.Action.verify_not_exists: "verified_at",
    wf.Action.file: "filed_at",
    wf.Action.dispatch: "dispatched_at",
    wf.Action.sign: "signed_at",
    wf.Action.handle: "handled_at",
    wf.Action.check_pass: "checked_at",
    wf.Action.check_fail: "checked_at",
    wf.Action.close: "closed_at",
    wf.Action.self_handle: "closed_at",
}


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
    """
    result, new = plan_report(session, data, actor, now, ref=ref, case_id=case_id)
    early = answer is not None and data.source.value not in get_settings().auto_file_sources
    body = answer(result) if answer is not None and early else None
    records = [(result.case.id, remember, body)] if remember is not None and early else []
    numbers = insert_cases(session, [new], now, records)
    finish_report(session, result, numbers, now)
    if body is not None:
        body["case_no"] = result.case.case_no
    elif answer is not None:
        body = answer(result)
        if remember is not None:
            idempotency.remember(
                session,
                remember.key,
                remember.scope,
                remember.fingerprint,
                remember.status,
                body,
                now,
            )
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
    if point is None:
        assert data.district_code is not None  # checked by report_point
        r = None
        district_code, unit = data.district_code, district_fallback(session, data.district_code)
    else:
        r = routed[0] if routed else route(session, category.scope(), point, now)  # grid then
        district_code, unit = r.location.district_code, r.unit
    loc = r.location if r else None
    t = wf.transition(None, wf.Action.report, actor)
    check_source(actor.role, data.source)
    duplicates = (
        (routed[1] if routed else find_duplicates(session, category, point.lon, point.lat, now))
        if point
        else []
    )
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
    return result, NewCase(case, (point.lon, point.lat) if point else None, stages, rows)


def check_report_input(session: Session, data: ReportInput, ref: Reference) -> Checked:
    """Refuse a report's own faults; return its category, filing standard, point and photos.

    Description, photos (locked: linked once the case is inserted), point (or district),
    category (known, enabled) and condition.
    """
    if not data.description.strip():
        raise InvalidInput("问题描述不能为空", field="description")
    photos = validate_photo_ids(session, data.photos, lock=True)  # before a number is drawn
    point = report_point(data)
    category = ref.category(data.category)
    if not category.enabled:
        raise InvalidInput(f"类别“{category.name}”已停用，不能上报", category=data.category)
    return category, ref.standard(category.id, data.condition), point, photos


def finish_report(
    session: Session, result: ReportResult, numbers: Mapping[int, str], now: datetime
) -> ReportResult:
    """Put an inserted case into the session (as loaded), link its photos, auto-file it."""
    case = result.case
    case.case_no = numbers[case.id]
    make_transient_to_detached(case)
    session.add(case)
    attach(result.attachments, case.id, kind_for_action("report"))
    if case.source in get_settings().auto_file_sources:
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
  AND c.geom && ST_Expand(p.g, CAST(:deg AS float8))
  AND ST_DWithin(c.geom::geography, p.g::geography, CAST(:r AS float8))
  AND (CAST(:ex AS bigint) IS NULL OR c.id <> :ex)
ORDER BY dist, c.id LIMIT 10
"""


_DUPLICATES_SQL = driver_sql(_duplicates_sql("dispatch_case"))
# A batch: each report is checked against the open cases and the batch's earlier reports, as if
# the batch had been reported one by one (their numbers are not drawn yet: case_no is null).
_DUPLICATES_MANY = per_row(
    _duplicates_sql(
        "(SELECT id, case_no, status, reported_at, category_id, geom FROM dispatch_case"
        " UNION ALL SELECT b.id, NULL, b.status, b.reported_at, b.cat,"
        f" ST_SetSRID(ST_MakePoint(b.lon, b.lat), {SRID})"
        " FROM jsonb_to_recordset(CAST(:batch AS jsonb)) AS b(i int, id bigint, status text,"
        " reported_at timestamptz, cat int, lon float8, lat float8) WHERE b.i < :i)"
    ),
    {
        "lon": "float8",
        "lat": "float8",
        "cat": "int",
        "since": "timestamptz",
        "deg": "float8",
        "r": "float8",
        "ex": "bigint",
    },
    shared=("batch",),
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
    batch = [
        {"i": i, "id": cid, "status": status, "reported_at": now, "cat": c.id, "lon": x, "lat": y}
        for i, (cid, c, x, y) in enumerate(asks)
    ]
    rows: list[list[Any]] = [[] for _ in asks]
    params = {"q": orjson.dumps(q).decode(), "batch": orjson.dumps(batch).decode()}
    for r in fetch_all(session, _DUPLICATES_MANY, params):
        if r.id is not None:
            rows[r.i].append(r)
    return [[_duplicate(r) for r in sorted(f, key=lambda r: (r.dist, r.id))] for f in rows]


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
        "deg": degrees_for(radius, lat),
        "r": radius,
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


# --- actions ------------------------------------------------------------------------------------


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
    reference data when the caller already read it (a bulk action reads it once).
    """
    case = lock_case(session, case_id, actor)
    return _apply(session, case, action, actor, inp, now, ref or reference.current(session))


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
    session: Session, case: Case, t: wf.Transition, inp: ActionInput
) -> dict[str, Any]:
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
        unit = session.get(Unit, target_id) if target_id is not None else None
        if unit is None or not unit.active:
            raise InvalidInput("请指定有效的责任单位", field="unit_id")
        if t.assignment is wf.Assignment.redispatch and unit.parent_id != case.assigned_unit_id:
            raise InvalidInput("二级派遣只能派给本单位的下级单位", field="unit_id")
        payload["unit_id"] = unit.id
    return payload


def _apply(
    session: Session,
    case: Case,
    action: wf.Action,
    actor: wf.Actor,
    inp: ActionInput,
    now: datetime,
    ref: Reference,
) -> Case:
    """Apply a transition (the only writer of status): clocks, counters, assignment, event."""
    t = wf.transition(case_state(session, case), action, actor)
    payload = _check_needs(session, case, t, inp)
    if inp.photos:
        link_to_case(session, inp.photos, case.id, kind_for_action(action.value))
    if t.sets_pending is not None:
        case.pending_payload = {**payload, "note": inp.note, "by": actor.user_id}
    if t.withdraws is not None:  # a request closed undecided: recorded in this event
        payload["closed_request"] = {
            "kind": t.withdraws.value,
            "label": t.withdraws.label,
            "request": case.pending_payload,
        }
    # assignment and sign
    if t.assignment is wf.Assignment.dispatch:
        case.assigned_unit_id, case.dispatching_unit_id = payload["unit_id"], None
    elif t.assignment is wf.Assignment.redispatch:
        case.dispatching_unit_id, case.assigned_unit_id = case.assigned_unit_id, payload["unit_id"]
    elif t.assignment is wf.Assignment.recall:
        case.assigned_unit_id, case.dispatching_unit_id = case.dispatching_unit_id, None
    elif t.assignment is wf.Assignment.clear:
        case.assigned_unit_id, case.dispatching_unit_id = None, None
    if t.sign is wf.SignEffect.set:
        case.signed = True
    elif t.sign is wf.SignEffect.reset:
        case.signed = False
    for counter in t.increments:
        setattr(case, counter.value, getattr(case, counter.value) + 1)
    if t.extends:
        case.extension_hours = case.extension_hours + Decimal(payload["hours"])
    if action is wf.Action.callback:
        case.satisfaction = payload["satisfaction"]
        session.execute(  # a hotline ticket keeps its call-back result too (12345 三率)
            update(HotlineTicket)
            .where(HotlineTicket.case_id == case.id)
            .values(satisfaction=payload["satisfaction"], callback_at=now)
        )
    if action is wf.Action.merge:
        case.master_case_id = payload["master_case_id"]
        _merge_into(session, case, payload["master_case_id"], actor, now)
    stamp = _TIMESTAMP_BY_ACTION.get(action)
    if stamp:
        setattr(case, stamp, now)
    if actor.role is wf.Role.inspector and t.from_status in (
        wf.Status.verifying,
        wf.Status.handled,
    ):  # an inspector taking a task from the pool holds it from now on
        case.task_inspector_id = actor.user_id
    case.status = t.to_status.value
    if t.to_status in (wf.Status.verifying, wf.Status.handled):
        case.task_inspector_id = inp.inspector_id or _task_inspector(session, case)
    case.pending = t.pending_after.value if t.pending_after else None
    if t.pending_after is None:
        case.pending_payload = None
    if not t.to_status.is_open and case.finished_at is None:
        case.finished_at = now
    case.updated_at = now
    case.version += 1
    _effects(session, case, t, inp, now, ref, payload)
    if (
        action is wf.Action.check_pass
        and get_settings().auto_close_on_check_pass
        and actor.role is not wf.Role.system
    ):
        _apply(session, case, wf.Action.close, wf.Actor(wf.Role.system), ActionInput(), now, ref)
    return case


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
    """Apply the clock effects of a transition and append its event row; return started clocks.

    `new`: a case not inserted yet (a report) — its clocks are not added to the session and its
    event goes to `new`, both to be inserted with the case (`app.cases.writes`).
    """
    cal = ref.calendar
    level = 2 if case.dispatching_unit_id is not None else 1
    # a case being reported has no clocks yet
    open_stages = (
        []
        if t.from_status is None
        else session.scalars(
            select(CaseStage).where(CaseStage.case_id == case.id, CaseStage.stopped_at.is_(None))
        ).all()
    )
    started: list[CaseStage] = []
    changes: list[dict[str, Any]] = []
    resumed_from = [
        st.paused_at
        for st in open_stages
        if wf.Stage(st.stage) in t.resumes and st.paused_at is not None
    ]
    if resumed_from:  # natural suspension time, once per case (not once per dispatch level)
        case.suspended_seconds += int((now - min(resumed_from)).total_seconds())
    for st in open_stages:
        stage = wf.Stage(st.stage)
        if stage in t.stops and not (t.action is wf.Action.recall and st.level != 2):
            if st.paused_at is not None:
                _unpause(st, now, cal)
            st.stopped_at, st.next_threshold_at = now, None
            changes.append({"stage": st.stage, "level": st.level, "stopped": True})
        elif stage in t.pauses and st.paused_at is None:
            st.paused_at, st.next_threshold_at = now, None
        elif stage in t.resumes and st.paused_at is not None:
            _unpause(st, now, cal)
            _recompute(st, now, cal)
        elif stage in t.extends:
            st.extension_hours = st.extension_hours + Decimal(payload["hours"])
            _recompute(st, now, cal)
            changes.append({"stage": st.stage, "due_at": st.due_at.isoformat()})
    for stage in t.starts:
        # A handle clock started at level 2 (rework) restarts the parent's level-1 clock too:
        # the parent's clock contains its sub-unit's. Re-dispatch only starts the new level.
        levels = [(level, case.assigned_unit_id)]
        if stage is wf.Stage.handle and level == 2 and t.action is not wf.Action.redispatch:
            levels.insert(0, (1, case.dispatching_unit_id))
        for lvl, unit_id in levels:
            st = _start(case, stage, lvl, unit_id, now, ref, session, add=new is None)
            started.append(st)
            changes.append(
                {
                    "stage": stage.value,
                    "level": st.level,
                    "due_at": st.due_at.isoformat(),
                    "limit": f"{st.limit_value.normalize():f} {st.limit_unit}",
                }
            )
    running = [st for st in [*open_stages, *started] if st.stopped_at is None]
    case.calendar_provisional = any(st.provisional for st in running)
    if changes:
        payload = {**payload, "clocks": changes}
    if new is not None:
        new.append(
            NewEvent(
                case_id=case.id,
                action=t.action.value,
                from_status=t.from_status.value if t.from_status else None,
                to_status=t.to_status.value,
                note=inp.note,
                payload=payload,
                created_at=now,
                actor_id=t.actor.user_id,
                actor_role=t.actor.role.value,
                actor_unit_id=t.actor.unit_id,
                photos=list(inp.photos),
            )
        )
        return started
    append_one(
        session,
        case,
        t.action.value,
        t.from_status.value if t.from_status else None,
        t.to_status.value,
        t.actor,
        inp.note,
        payload,
        inp.photos,
        now,
    )
    return started


def _start(
    case: Case,
    stage: wf.Stage,
    level: int,
    unit_id: int | None,
    now: datetime,
    ref: Reference,
    session: Session,
    *,
    add: bool = True,
) -> CaseStage:
    cal = ref.calendar
    if stage is wf.Stage.handle:
        if case.standard_id is None:
            value, unit = handling_limit(ref.standard(case.category_id, None), case.mgmt_class)
        elif case.standard_id in ref.standards_by_id:
            value, unit = handling_limit(ref.standards_by_id[case.standard_id], case.mgmt_class)
        else:  # a standard newer than the snapshot cannot be: read it rather than guess
            std = session.get_one(FilingStandard, case.standard_id)
            value, unit = handling_limit(std, case.mgmt_class)
    else:
        value, unit = ref.stage_limit(stage, case.source)
    values = {
        "case_id": case.id,
        "stage": stage.value,
        "level": level,
        "unit_id": unit_id if stage is wf.Stage.handle else None,
        "limit_value": value,
        "limit_unit": unit.value,
        "started_at": now,
        "paused_seconds": 0,
        "extension_hours": Decimal(0),
    }
    # a clock of a new case is inserted with the case (app.cases.writes), never by the session
    st = CaseStage(**values) if add else as_loaded(CaseStage, _NEW_STAGE_COLUMNS | values)
    _recompute(st, now, cal)
    if add:
        session.add(st)
    return st


def _unpause(st: CaseStage, now: datetime, cal: WorkCalendar) -> None:
    assert st.paused_at is not None
    paused = elapsed_business_time(st.paused_at, now, cal, st.limit_unit)
    st.paused_seconds = (st.paused_seconds or 0) + max(0, int(paused.seconds))
    st.paused_at = None


def _recompute(st: CaseStage, now: datetime, cal: WorkCalendar) -> None:
    """Recompute a stage's due time, thresholds and light (limit + extensions + suspensions)."""
    clock = stage_clock(
        st.started_at,
        st.limit_value,
        TimeUnit(st.limit_unit),
        cal,
        extension_hours=st.extension_hours or 0,
        suspended_seconds=st.paused_seconds or 0,
    )
    st.due_at, st.yellow_at, st.provisional = clock.due_at, clock.yellow_at, clock.provisional
    st.light = clock.light_at(now).value
    st.next_threshold_at = None if st.paused_at or st.stopped_at else clock.next_threshold(now)


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
    stages: Sequence[CaseStage],
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
        _recompute(st, now, cal)
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
