"""The command centre's lists: 受理台, 派遣台, 审批台, 督办, 待结案."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    String,
    and_,
    any_,
    case,
    cast,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.selectable import LateralFromClause as Lateral

from app.cases import scope
from app.cases import workflow as wf
from app.cases.forms import ROUTED_BY_LABELS
from app.cases.models import Case, CaseEvent, CaseStage, Category
from app.cases.service import ActionInput, act_many, find_duplicates
from app.core.config import get_settings
from app.grid.models import Rule, Unit
from app.grid.service import AREA_NAMES, ROLE_NAMES, category_scope_label
from app.identity.models import User
from app.queues.filters import (
    APPROVAL_KINDS,
    INBOX_STATUSES,
    LIGHT_LABELS,
    PENDING_FILTER,
    SOURCES,
    STAGES,
    PageRequest,
    bulk_ids,
    categories,
    choices,
    flag,
    streets,
    unit_ids,
)
from app.queues.paging import Listing, Order, Page, run_page
from app.queues.summary import (
    STAGE_COLS,
    as_of_literal,
    common_filters,
    current_stage,
    finish_page,
    light_filter,
    pending_cond,
    summary_select,
    urgency,
)
from app.queues.unit import BulkOutcome

# --- the command centre ---------------------------------------------------------------------------


def centre_inbox(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    status: Sequence[str] | None = None,
    source: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
) -> Page:
    """Return reported/verifying cases to register, verify or file (受理/核实/立案), most urgent first.

    Each item carries its source and the open cases it may duplicate (same category, radius and
    window as at report time, only those the caller may see).
    """
    filters: dict[str, Any] = {
        "status": choices("status", status, INBOX_STATUSES) or sorted(INBOX_STATUSES),
        "source": choices("source", source, SOURCES),
        "category": categories(session, category),
        "street": streets(session, street),
        "light": choices("light", light, LIGHT_LABELS),
    }

    def build(at: datetime) -> Listing:
        st = current_stage()
        stmt = summary_select(
            actor, st, at, func.ST_X(Case.geom).label("lon"), func.ST_Y(Case.geom).label("lat")
        ).where(
            Case.status.in_(filters["status"]),
            *common_filters(filters),
            *light_filter(st, at, filters["light"], None),
        )
        if filters["source"]:
            stmt = stmt.where(Case.source.in_(filters["source"]))
        return Listing("centre_inbox", stmt, urgency(st, at), filters)

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    hints = {row.Case.id: _duplicates(session, row) for row in rows}
    seen = _visible_ids(session, actor, {d["id"] for ds in hints.values() for d in ds})

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        return {
            "source": c.source,
            "source_label": wf.Source(c.source).label,
            "reporter_id": c.reporter_id,
            "task_inspector_id": c.task_inspector_id,
            "outside_patrol_area": c.outside_patrol_area,
            "possible_duplicates": [d for d in hints[c.id] if d["id"] in seen],
        }

    return finish_page(session, actor, rows, cursor, as_of, limit, listing, extra)


def _duplicates(session: Session, row: Row[Any]) -> list[dict[str, Any]]:
    """Return the possible duplicates of a listed case (none for a case without a point)."""
    c: Case = row.Case
    if row.lon is None or row.lat is None:
        return []
    category = session.get_one(Category, c.category_id)
    found = find_duplicates(session, category, row.lon, row.lat, c.reported_at, exclude_id=c.id)
    return [
        {
            "id": d["id"],
            "case_no": d["case_no"],
            "status": d["status"],
            "distance_m": d["distance_m"],
        }
        for d in found
    ]


def _visible_ids(session: Session, actor: wf.Actor, ids: Iterable[int]) -> set[int]:
    wanted = sorted(ids)
    if not wanted:
        return set()
    return set(session.scalars(select(Case.id).where(Case.id.in_(wanted), scope.visible(actor))))


_RU = aliased(Unit, name="ru")  # the suggested (routed) unit


def dispatch_board(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
    routed_unit: Sequence[str] | None = None,
    returned: str | None = None,
    pending: Sequence[str] | None = None,
) -> Page:
    """Return filed cases waiting for dispatch (待派遣) with the suggested unit and the rule that chose it."""
    filters: dict[str, Any] = {
        "category": categories(session, category),
        "street": streets(session, street),
        "light": choices("light", light, LIGHT_LABELS),
        "routed_unit": unit_ids(session, "routed_unit", routed_unit),
        "returned": flag("returned", returned),
        "pending": choices("pending", pending, {"void": PENDING_FILTER["void"], "none": "无"}),
    }

    def build(at: datetime) -> Listing:
        st = current_stage()
        stmt = (
            summary_select(
                actor,
                st,
                at,
                _RU.name.label("routed_unit_name"),
                _RU.active.label("routed_unit_active"),
                Rule.role.label("rule_role"),
                Rule.category_kind.label("rule_kind"),
                Rule.major_code.label("rule_major"),
                Rule.category_code.label("rule_code"),
                Rule.area_scope.label("rule_area_scope"),
                Rule.area_code.label("rule_area_code"),
                Rule.priority.label("rule_priority"),
            )
            .outerjoin(_RU, _RU.id == Case.routed_unit_id)
            .outerjoin(Rule, Rule.id == Case.routed_rule_id)
            .where(
                Case.status == wf.Status.filed.value,
                *common_filters(filters),
                *light_filter(st, at, filters["light"], None),
            )
        )
        if filters["routed_unit"]:
            stmt = stmt.where(Case.routed_unit_id.in_(filters["routed_unit"]))
        if filters["returned"] is not None:
            stmt = stmt.where((Case.returns > 0) if filters["returned"] else (Case.returns == 0))
        if filters["pending"]:
            stmt = stmt.where(pending_cond(filters["pending"]))
        return Listing("dispatch_board", stmt, urgency(st, at), filters)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        rule = None
        if c.routed_rule_id is not None and row.rule_role is not None:
            rule = {
                "id": c.routed_rule_id,
                "role": row.rule_role,
                "role_label": ROLE_NAMES.get(row.rule_role, row.rule_role),
                "category_scope": category_scope_label(
                    row.rule_kind, row.rule_major, row.rule_code
                ),
                "area_scope": row.rule_area_scope,
                "area_label": AREA_NAMES.get(row.rule_area_scope, row.rule_area_scope),
                "area_code": row.rule_area_code,
                "priority": row.rule_priority,
            }
        return {
            "source": c.source,
            "source_label": wf.Source(c.source).label,
            "returns": c.returns,
            "suggested": {
                "unit": None
                if c.routed_unit_id is None
                else {
                    "id": c.routed_unit_id,
                    "name": row.routed_unit_name,
                    "active": row.routed_unit_active,
                },
                "routed_by": c.routed_by,
                "routed_by_label": ROUTED_BY_LABELS.get(c.routed_by or "", c.routed_by),
                "rule_id": c.routed_rule_id,
                "rule": rule,
            },
        }

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    return finish_page(session, actor, rows, cursor, as_of, limit, listing, extra)


def approval_cond(kinds: Sequence[str]) -> ColumnElement[bool]:
    """Select the requests the centre decides: every kind, but a return only at dispatch level 1.

    (At level 2 the unit that re-dispatched the case decides a return: 批准退回上级单位.)
    """
    return and_(
        Case.pending.in_(kinds),
        or_(Case.pending != wf.Pending.return_.value, Case.dispatching_unit_id.is_(None)),
    )


_REQ_UNIT = aliased(Unit, name="req_unit")


def centre_approvals(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    kind: Sequence[str] | None = None,
) -> Page:
    """Return cases with a request waiting for the centre (回退/延期/挂账/作废), oldest request first.

    Each item carries the request: kind, reason, hours (延期), who asked (user, role, unit), when.
    """
    filters: dict[str, Any] = {
        "kind": choices("kind", kind, APPROVAL_KINDS) or sorted(APPROVAL_KINDS)
    }

    def build(at: datetime) -> Listing:
        st = current_stage()
        req = (
            select(
                CaseEvent.created_at.label("req_at"),
                CaseEvent.actor_id.label("req_actor_id"),
                CaseEvent.actor_role.label("req_role"),
                CaseEvent.actor_unit_id.label("req_unit_id"),
                CaseEvent.note.label("req_note"),
            )
            .where(
                CaseEvent.case_id == Case.id,
                CaseEvent.action == func.concat(Case.pending, "_request"),
            )
            .order_by(CaseEvent.seq.desc())
            .limit(1)
            .lateral("req")
        )
        stmt = (
            summary_select(
                actor,
                st,
                at,
                req.c.req_at,
                req.c.req_actor_id,
                req.c.req_role,
                req.c.req_unit_id,
                req.c.req_note,
                _REQ_UNIT.name.label("req_unit_name"),
                User.display_name.label("req_user_name"),
            )
            .outerjoin(req, true())
            .outerjoin(_REQ_UNIT, _REQ_UNIT.id == req.c.req_unit_id)
            .outerjoin(User, User.id == req.c.req_actor_id)
            .where(approval_cond(filters["kind"]))
        )
        when = func.coalesce(req.c.req_at, Case.updated_at)
        return Listing("centre_approvals", stmt, Order((when, Case.id), ("ts", "int")), filters)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        asked = c.pending_payload or {}
        hours = asked.get("hours")
        return {
            "request": {
                "kind": c.pending,
                "kind_label": wf.Pending(c.pending).label if c.pending else None,
                "reason": asked.get("note", row.req_note),
                "hours": float(hours) if hours is not None else None,
                "requested_at": row.req_at,
                "by": {
                    "user_id": asked.get("by", row.req_actor_id),
                    "name": row.req_user_name,
                    "role": row.req_role,
                    "unit": None
                    if row.req_unit_id is None
                    else {"id": row.req_unit_id, "name": row.req_unit_name},
                },
            }
        }

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    return finish_page(session, actor, rows, cursor, as_of, limit, listing, extra)


def _overdue_stage(at: datetime) -> ColumnElement[bool]:
    """Select open clocks the sweeper marked red, or past due at `at` (paused: when paused)."""
    return and_(
        CaseStage.stopped_at.is_(None),
        or_(
            CaseStage.light == "red",
            and_(
                CaseStage.due_at < as_of_literal(at),
                or_(CaseStage.paused_at.is_(None), CaseStage.due_at < CaseStage.paused_at),
            ),
        ),
    )


def _overdue_where(at: datetime, stages: Sequence[str] = ()) -> list[ColumnElement[bool]]:
    which = [_overdue_stage(at)]
    if stages:
        which.append(CaseStage.stage.in_(stages))
    return which


def overdue_cases(at: datetime, stages: Sequence[str] = ()) -> ColumnElement[bool]:
    """Select cases with an overdue open clock: `id = ANY(ARRAY(…))` over the open-clock indexes.

    The array form makes the planner look the cases up by primary key whatever it estimates: it
    cannot know that almost every past-due clock is a stopped one, overestimates the open overdue
    clocks, and would otherwise hash the whole case table.
    """
    found = select(CaseStage.case_id).where(*_overdue_where(at, stages)).scalar_subquery()
    return Case.id == any_(func.array(found, type_=ARRAY(BigInteger)))


def _most_overdue_clock(at: datetime, stages: Sequence[str] = ()) -> Lateral:
    """Return the lateral row of the case's most overdue open clock."""
    late = CaseStage.due_at - func.coalesce(CaseStage.paused_at, as_of_literal(at))
    return (
        select(*STAGE_COLS, late.label("late_by"))
        .where(CaseStage.case_id == Case.id, *_overdue_where(at, stages))
        .order_by(late, CaseStage.id)
        .limit(1)
        .lateral("st")
    )


_SU = aliased(Unit, name="su")  # the overdue clock's unit
_EU = aliased(Unit, name="eu")  # the unit it was escalated to


def centre_supervision(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    stage: Sequence[str] | None = None,
    unit: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
) -> Page:
    """Return overdue cases (督办): an open clock past due or red, most overdue first.

    One item per case, showing its most overdue open clock: days overdue, the clock's unit, when
    it was escalated and to whom (the sweeper's `overdue` event). `unit` matches the clock's unit
    or the assigned unit.
    """
    filters: dict[str, Any] = {
        "stage": choices("stage", stage, STAGES),
        "unit": unit_ids(session, "unit", unit),
        "category": categories(session, category),
        "street": streets(session, street),
    }

    def build(at: datetime) -> Listing:
        st = _most_overdue_clock(at, filters["stage"])
        esc = (
            select(
                CaseEvent.payload["escalated_to"].astext.label("esc_to"),
                CaseEvent.payload["escalated_to_unit_id"].astext.label("esc_unit_id"),
            )
            .where(
                CaseEvent.case_id == Case.id,
                CaseEvent.action == "overdue",
                CaseEvent.payload["stage_id"].astext == cast(st.c.stage_id, String),
            )
            .order_by(CaseEvent.seq.desc())
            .limit(1)
            .lateral("esc")
        )
        esc_unit = case((esc.c.esc_unit_id.op("~")(r"^\d+$"), cast(esc.c.esc_unit_id, Integer)))
        stmt = (
            summary_select(
                actor,
                st,
                at,
                _SU.name.label("stage_unit_name"),
                esc.c.esc_to,
                _EU.id.label("esc_unit_id"),
                _EU.name.label("esc_unit_name"),
                inner=True,
            )
            .outerjoin(_SU, _SU.id == st.c.stage_unit_id)
            .outerjoin(esc, true())
            .outerjoin(_EU, _EU.id == esc_unit)
            .where(overdue_cases(at, filters["stage"]), *common_filters(filters))
        )
        if filters["unit"]:
            stmt = stmt.where(
                or_(
                    st.c.stage_unit_id.in_(filters["unit"]),
                    Case.assigned_unit_id.in_(filters["unit"]),
                )
            )
        late_us = cast(func.extract("epoch", st.c.late_by) * 1_000_000, BigInteger)
        return Listing(
            "centre_supervision", stmt, Order((late_us, Case.id), ("int", "int")), filters
        )

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        late = max(0.0, ((row.paused_at or as_of) - row.due_at).total_seconds())
        to = None
        if row.esc_to is not None:
            to = {
                "kind": row.esc_to,
                "unit": None
                if row.esc_unit_id is None
                else {"id": row.esc_unit_id, "name": row.esc_unit_name},
            }
        return {
            "overdue_seconds": int(late),
            "days_overdue": round(late / 86_400, 2),
            "stage_unit": None
            if row.stage_unit_id is None
            else {"id": row.stage_unit_id, "name": row.stage_unit_name},
            "escalated_at": row.escalated_at,
            "escalated_to": to,
        }

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    return finish_page(session, actor, rows, cursor, as_of, limit, listing, extra)


_CU = aliased(Unit, name="cu")  # the unit that handled the case (its last handle clock)


def centre_to_close(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
) -> Page:
    """Return cases whose check passed (待结案), for the shift leader to close, most urgent first.

    The clock shown is the running 结案 clock; each item tells when the case was handled and
    checked, and which unit handled it.
    """
    filters: dict[str, Any] = {
        "category": categories(session, category),
        "street": streets(session, street),
        "light": choices("light", light, LIGHT_LABELS),
    }

    def build(at: datetime) -> Listing:
        st = current_stage()
        stmt = summary_select(actor, st, at).where(
            Case.status == wf.Status.to_close.value,
            *common_filters(filters),
            *light_filter(st, at, filters["light"], None),
        )
        return Listing("centre_to_close", stmt, urgency(st, at), filters)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        return {
            "source": c.source,
            "source_label": wf.Source(c.source).label,
            "handled_at": c.handled_at,
            "checked_at": c.checked_at,
            "reworks": c.reworks,
            "task_inspector_id": c.task_inspector_id,
        }

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    return finish_page(session, actor, rows, cursor, as_of, limit, listing, extra)


def bulk_dispatch(
    session: Session,
    actor: wf.Actor,
    case_ids: Sequence[int],
    now: datetime,
    unit_id: int | None = None,
    note: str | None = None,
) -> list[BulkOutcome]:
    """Dispatch (派遣) each case, set-based (`act_many`); one outcome per id.

    Each case goes to `unit_id`, or by default to its suggested unit (`routed_unit_id`), through
    the one transition table, the same plan and the one event writer as the single dispatch. A
    failing id (not visible: not_found; not filed: invalid_transition; no valid unit:
    invalid_input) is refused before anything is written and leaves the others done. Cases are
    locked in one statement in id order (no deadlock with a concurrent bulk request); outcomes
    come back in the order asked, duplicates once.
    """
    wanted = bulk_ids(case_ids, get_settings().dispatch_bulk_max, "派遣")
    inp = ActionInput(unit_id=unit_id, note=note)
    done = act_many(session, wanted, wf.Action.dispatch, actor, inp, now)
    return [done[i] for i in wanted]
