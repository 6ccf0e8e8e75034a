"""The unit's work queue: cases it holds, its history, its sub-units, bulk sign."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    false,
    func,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import LateralFromClause as Lateral

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import Case, CaseStage
from app.cases.service import ActionInput, Outcome, act_many
from app.core.config import get_settings
from app.core.errors import NotFound
from app.grid.models import Unit
from app.queues.filters import (
    HELD,
    LIGHT_LABELS,
    OUTCOMES,
    PENDING_FILTER,
    UNIT_DEFAULT_STATUSES,
    UNIT_STATUSES,
    PageRequest,
    bulk_ids,
    categories,
    choice,
    choices,
    flag,
    instant,
    streets,
)
from app.queues.paging import Listing, Order, Page, run_page
from app.queues.summary import (
    common_filters,
    finish_page,
    light_filter,
    pending_cond,
    summary_select,
    unit_of,
    unit_stage,
    urgency,
)

# --- the unit's queue ---------------------------------------------------------------------------


def held_cond(held: str, unit_id: int) -> ColumnElement[bool]:
    """Select the cases the unit holds: assigned, passed down (redispatched) or both."""
    assigned = Case.assigned_unit_id == unit_id
    passed_down = Case.dispatching_unit_id == unit_id
    return {"assigned": assigned, "redispatched": passed_down, "all": or_(assigned, passed_down)}[
        held
    ]


def unit_queue(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    held: str | None = None,
    status: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
    overdue: str | None = None,
    signed: str | None = None,
    pending: Sequence[str] | None = None,
    updated_since: str | None = None,
) -> Page:
    """Return a page of the cases the caller's unit holds, most urgent first (see module doc).

    `held`: assigned (default; the unit is the 承办单位), redispatched (passed to a sub-unit), all.
    With `updated_since`, only cases changed after it are listed, and the first page also lists
    `removed`: the unit's cases changed after it that no longer belong to this list.
    """
    unit_id = unit_of(actor)
    filters: dict[str, Any] = {
        "held": choice("held", held, HELD, "assigned"),
        "status": choices("status", status, UNIT_STATUSES) or list(UNIT_DEFAULT_STATUSES),
        "category": categories(session, category),
        "street": streets(session, street),
        "light": choices("light", light, LIGHT_LABELS),
        "overdue": flag("overdue", overdue),
        "signed": flag("signed", signed),
        "pending": choices("pending", pending, PENDING_FILTER),
        "updated_since": instant("updated_since", updated_since),
    }

    def matching(st: Lateral, at: datetime) -> list[ColumnElement[bool]]:
        f = filters
        conds = [held_cond(f["held"], unit_id), Case.status.in_(f["status"])]
        conds += common_filters(f)
        conds += light_filter(st, at, f["light"], f["overdue"])
        if f["signed"] is not None:
            conds.append(Case.signed.is_(f["signed"]))
        if f["pending"]:
            conds.append(pending_cond(f["pending"]))
        return conds

    def build(at: datetime) -> Listing:
        st = unit_stage(unit_id)
        stmt = summary_select(actor, st, at).where(*matching(st, at))
        if filters["updated_since"] is not None:
            stmt = stmt.where(Case.updated_at > filters["updated_since"])
        return Listing("unit_queue", stmt, urgency(st, at), filters)

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    result = finish_page(session, actor, rows, cursor, as_of, limit, listing)
    since = filters["updated_since"]
    if since is not None:
        overlap = timedelta(seconds=get_settings().queue_refresh_overlap_s)
        result.next_updated_since = as_of - overlap
        if not page.cursor:
            st = unit_stage(unit_id)
            top = get_settings().queue_removed_max
            gone = session.scalars(
                select(Case.id)
                .outerjoin(st, true())
                .where(
                    scope.visible(actor),
                    Case.id.in_(select(CaseStage.case_id).where(CaseStage.unit_id == unit_id)),
                    Case.updated_at > since,
                    not_(func.coalesce(and_(*matching(st, as_of)), false())),
                )
                .order_by(Case.id)
                .limit(top + 1)
            ).all()
            result.removed = list(gone[:top])
            result.removed_truncated = len(gone) > top
    return result


def unit_history(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    outcome: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
) -> Page:
    """Return the cases the unit finished or gave up (returned, recalled), newest case first.

    Each item tells when the unit held it (`held_from`, `held_until`) and how it left; its light is
    the unit's clock when it stopped (red: the unit finished late).
    """
    unit_id = unit_of(actor)
    filters: dict[str, Any] = {
        "outcome": choices("outcome", outcome, OUTCOMES),
        "category": categories(session, category),
        "street": streets(session, street),
    }
    left = and_(
        Case.assigned_unit_id.is_distinct_from(unit_id),
        Case.dispatching_unit_id.is_distinct_from(unit_id),
    )
    finished = and_(Case.status.in_([s.value for s in wf.FINISHED_STATUSES]), not_(left))
    wanted = {"finished": finished, "left": left}
    gone = or_(*(wanted[o] for o in filters["outcome"] or OUTCOMES))

    def build(at: datetime) -> Listing:
        st = unit_stage(unit_id)
        span = (
            select(
                func.min(CaseStage.started_at).label("held_from"),
                func.max(CaseStage.stopped_at).label("held_until"),
            )
            .where(CaseStage.case_id == Case.id, CaseStage.unit_id == unit_id)
            .lateral("span")
        )
        stmt = (
            summary_select(actor, st, at, span.c.held_from, span.c.held_until)
            .outerjoin(span, true())
            .where(
                Case.id.in_(select(CaseStage.case_id).where(CaseStage.unit_id == unit_id)),
                gone,
                *common_filters(filters),
            )
        )
        return Listing("unit_history", stmt, Order((Case.id,), ("int",), True), filters)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        outcome = "finished" if unit_id in (c.assigned_unit_id, c.dispatching_unit_id) else "left"
        return {
            "held_from": row.held_from,
            "held_until": row.held_until,
            "outcome": outcome,
            "outcome_label": OUTCOMES[outcome],
            "returns": c.returns,
        }

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    return finish_page(session, actor, rows, cursor, as_of, limit, listing, extra)


def sub_units(session: Session, actor: wf.Actor, unit_id: int) -> dict[str, Any]:
    """Return the caller's unit and its active sub-units (二级派遣 targets); other units: NotFound."""
    if actor.unit_id is None or unit_id != actor.unit_id:
        raise NotFound("单位不存在或不是本单位", unit_id=unit_id)
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("单位不存在", unit_id=unit_id)
    open_here = (
        select(func.count())
        .select_from(Case)
        .where(
            Case.assigned_unit_id == Unit.id,
            Case.dispatching_unit_id == unit_id,
            Case.status.notin_([s.value for s in wf.FINISHED_STATUSES]),
            scope.visible(actor),
        )
        .correlate(Unit)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Unit, open_here.label("open_cases"))
        .where(Unit.parent_id == unit_id, Unit.active.is_(True))
        .order_by(Unit.code, Unit.id)
    ).all()
    return {
        "unit": {"id": unit.id, "code": unit.code, "name": unit.name},
        "items": [
            {
                "id": u.id,
                "code": u.code,
                "name": u.name,
                "kind": u.kind,
                "contact_name": u.contact_name,
                "open_cases": n,
            }
            for u, n in rows
        ],
    }


# What happened to one case of a bulk request: the case (done) or the domain error.
BulkOutcome = Outcome


def bulk_sign(
    session: Session, actor: wf.Actor, case_ids: Sequence[int], now: datetime
) -> list[BulkOutcome]:
    """Sign for (签收) each case, set-based (`act_many`); one outcome per id.

    A failing id (not visible: not_found; already signed: invalid_transition; not the assigned
    unit: action_forbidden) is refused before anything is written and leaves the others done.
    Cases are locked in one statement in id order (no deadlock with a concurrent bulk request);
    outcomes come back in the order asked, duplicates once.
    """
    wanted = bulk_ids(case_ids, get_settings().queue_bulk_max, "签收")
    done = act_many(session, wanted, wf.Action.sign, actor, ActionInput(), now)
    return [done[i] for i in wanted]
