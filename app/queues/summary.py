"""The compact case summary every list shows: its clock, light (the redder of stored and live), allowed actions."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    case,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.selectable import LateralFromClause as Lateral

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import Case, CaseStage, Category
from app.cases.service import allowed_actions, has_sub_units
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import TimeUnit, used_ratio
from app.cases.time.standards import SEVERITY_LABELS
from app.core.errors import NotFound
from app.grid.models import Street, Unit
from app.queues.filters import (
    APPROVAL_KINDS,
    FAR_FUTURE,
    LIGHT_BY_RANK,
    LIGHT_LABELS,
    LIGHT_RANK,
    SEVERITY_ORDER,
    AnySelect,
)
from app.queues.paging import Listing, Order, Page

# --- clocks and summaries -----------------------------------------------------------------------------

STAGE_COLS = (
    CaseStage.id.label("stage_id"),
    CaseStage.stage.label("stage"),
    CaseStage.level.label("stage_level"),
    CaseStage.unit_id.label("stage_unit_id"),
    CaseStage.limit_unit.label("limit_unit"),
    CaseStage.started_at.label("started_at"),
    CaseStage.due_at.label("due_at"),
    CaseStage.yellow_at.label("yellow_at"),
    CaseStage.stopped_at.label("stopped_at"),
    CaseStage.paused_at.label("paused_at"),
    CaseStage.paused_seconds.label("paused_seconds"),
    CaseStage.light.label("stored_light"),
    CaseStage.escalated_at.label("escalated_at"),
)


def unit_stage(unit_id: int) -> Lateral:
    """Return the lateral row of the unit's own (latest) handle clock of the case."""
    return (
        select(*STAGE_COLS)
        .where(
            CaseStage.case_id == Case.id,
            CaseStage.stage == wf.Stage.handle.value,
            CaseStage.unit_id == unit_id,
        )
        .order_by(CaseStage.id.desc())
        .limit(1)
        .lateral("st")
    )


def current_stage() -> Lateral:
    """Return the lateral row of the running clock at the deepest dispatch level (being worked on)."""
    return (
        select(*STAGE_COLS)
        .where(CaseStage.case_id == Case.id, CaseStage.stopped_at.is_(None))
        .order_by(CaseStage.level.desc(), CaseStage.id.desc())
        .limit(1)
        .lateral("st")
    )


def as_of_literal(at: datetime) -> ColumnElement[datetime]:
    """Return `at` as a bound timestamptz."""
    return literal(at, DateTime(timezone=True))


def light_rank(st: Lateral, at: datetime) -> ColumnElement[int]:
    """0 red, 1 yellow, 2 green: the redder of the stored light and the live light at `at`."""
    ref = func.coalesce(st.c.stopped_at, st.c.paused_at, as_of_literal(at))
    live = case((st.c.due_at < ref, 0), (st.c.yellow_at < ref, 1), else_=2)
    swept = case((st.c.stored_light == "red", 0), (st.c.stored_light == "yellow", 1), else_=2)
    return func.least(live, swept)


def severity_rank() -> ColumnElement[int]:
    """Return 0 紧急 … 3 轻微, 4 without a severity."""
    return case(
        *((Case.severity == s, rank) for rank, s in enumerate(SEVERITY_ORDER)),
        else_=len(SEVERITY_ORDER),
    )


def urgency(st: Lateral, at: datetime) -> Order:
    """Red before yellow before green; then 紧急 > 严重 > 一般 > 轻微; then due time; then id."""
    due = func.coalesce(st.c.due_at, literal(FAR_FUTURE, DateTime(timezone=True)))
    return Order((light_rank(st, at), severity_rank(), due, Case.id), ("int", "int", "ts", "int"))


def light_filter(
    st: Lateral, at: datetime, lights: Sequence[str], overdue: bool | None
) -> list[ColumnElement[bool]]:
    """Return the conditions selecting rows by light (and overdue = red)."""
    rank = light_rank(st, at)
    conds: list[ColumnElement[bool]] = []
    if lights:
        conds.append(rank.in_([LIGHT_RANK[x] for x in lights]))
    if overdue is not None:
        conds.append(rank == 0 if overdue else rank != 0)
    return conds


AU = aliased(Unit, name="au")  # the assigned unit


def summary_select(
    actor: wf.Actor, st: Lateral, at: datetime, *extra: Any, inner: bool = False
) -> AnySelect:
    """Return the columns of a compact case summary (plus `extra`), scoped to what `actor` sees.

    `st` is the lateral row of the clock shown (left-joined; `inner`: rows without one dropped).
    """
    stmt = (
        select(
            Case,
            Category.kind.label("cat_kind"),
            Category.code.label("cat_code"),
            Category.name.label("cat_name"),
            Street.name.label("street_name"),
            AU.name.label("assigned_unit_name"),
            has_sub_units(Case.assigned_unit_id).label("sub_units"),
            light_rank(st, at).label("light_rank"),
            *(st.c[c.key] for c in STAGE_COLS),
            *extra,
        )
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Street, Street.code == Case.street_code)
        .outerjoin(AU, AU.id == Case.assigned_unit_id)
    )
    stmt = stmt.join(st, true(), isouter=not inner)
    return stmt.where(scope.visible(actor))


def _ratio(session: Session, row: Row[Any], at: datetime) -> float | None:
    if row.stage_id is None:
        return None
    ratio = used_ratio(
        row.started_at,
        row.due_at,
        row.stopped_at or row.paused_at or at,
        get_calendar(session),
        TimeUnit(row.limit_unit),
        paused_seconds=row.paused_seconds or 0,
    )
    return round(ratio, 3) if math.isfinite(ratio) else None


def summary(session: Session, row: Row[Any], actor: wf.Actor, at: datetime) -> dict[str, Any]:
    """Return a compact case summary with its clock, light and the caller's allowed actions."""
    c: Case = row.Case
    light = LIGHT_BY_RANK[row.light_rank]
    return {
        "id": c.id,
        "case_no": c.case_no,
        "status": c.status,
        "status_label": wf.Status(c.status).label,
        "category": {"kind": row.cat_kind, "code": row.cat_code, "name": row.cat_name},
        "severity": c.severity,
        "severity_label": SEVERITY_LABELS.get(c.severity or ""),
        "address_text": c.address_text,
        "grid_code": c.grid_code,
        "street": {"code": c.street_code, "name": row.street_name},
        "district_code": c.district_code,
        "light": light,
        "light_label": LIGHT_LABELS[light],
        "overdue": light == "red",
        "due_at": row.due_at,
        "yellow_at": row.yellow_at,
        "used_ratio": _ratio(session, row, at),
        "clock": None
        if row.stage_id is None
        else {
            "stage": row.stage,
            "stage_label": wf.Stage(row.stage).label,
            "level": row.stage_level,
            "unit_id": row.stage_unit_id,
            "started_at": row.started_at,
            "stopped_at": row.stopped_at,
            "paused": row.paused_at is not None,
            "escalated_at": row.escalated_at,
        },
        "pending": c.pending,
        "pending_label": wf.Pending(c.pending).label if c.pending else None,
        "signed": c.signed,
        "dispatch_level": 0 if c.assigned_unit_id is None else 2 if c.dispatching_unit_id else 1,
        "assigned_unit": None
        if c.assigned_unit_id is None
        else {"id": c.assigned_unit_id, "name": row.assigned_unit_name},
        "dispatching_unit_id": c.dispatching_unit_id,
        "reported_at": c.reported_at,
        "updated_at": c.updated_at,
        "allowed_actions": allowed_actions(session, c, actor, sub_units=row.sub_units),
    }


def finish_page(
    session: Session,
    actor: wf.Actor,
    rows: list[Row[Any]],
    cursor: str | None,
    as_of: datetime,
    limit: int,
    listing: Listing,
    extra: Callable[[Row[Any], datetime], dict[str, Any]] | None = None,
) -> Page:
    """Turn the page's rows into summaries (plus each list's `extra` fields)."""
    items = []
    for row in rows:
        item = summary(session, row, actor, as_of)
        if extra is not None:
            item |= extra(row, as_of)
        items.append(item)
    return Page(items, cursor, as_of, limit, listing.filters)


def unit_of(actor: wf.Actor) -> int:
    """Return the caller's unit (NotFound without one: no unit queue)."""
    if actor.unit_id is None:
        raise NotFound("调用者不属于任何处置单位，没有单位工作队列")
    return actor.unit_id


def pending_cond(values: Sequence[str]) -> ColumnElement[bool]:
    """Select cases by their pending request (kinds, any, none)."""
    kinds = [v for v in values if v in APPROVAL_KINDS]
    conds: list[ColumnElement[bool]] = []
    if kinds:
        conds.append(Case.pending.in_(kinds))
    if "any" in values:
        conds.append(Case.pending.is_not(None))
    if "none" in values:
        conds.append(Case.pending.is_(None))
    return or_(*conds)


def common_filters(f: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """Return the category and street conditions shared by the lists."""
    conds: list[ColumnElement[bool]] = []
    if f.get("category"):
        conds.append(Case.category_id.in_(f["category"]))
    if f.get("street"):
        conds.append(Case.street_code.in_(f["street"]))
    return conds
