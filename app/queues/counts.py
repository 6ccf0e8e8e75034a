"""Badges (角标) of the unit queue and the centre lists: one statement each, same conditions as the lists."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    func,
    select,
    true,
)
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import Case
from app.queues.centre import approval_cond, overdue_cases
from app.queues.filters import APPROVAL_KINDS, INBOX_STATUSES, UNIT_DEFAULT_STATUSES
from app.queues.summary import light_rank, unit_of, unit_stage
from app.queues.unit import held_cond


def unit_counts(session: Session, actor: wf.Actor, now: datetime) -> dict[str, Any]:
    """Return the unit's badges in one statement (same conditions as `unit_queue`)."""
    unit_id = unit_of(actor)
    st = unit_stage(unit_id)
    rank = light_rank(st, now)
    working = Case.status.in_(UNIT_DEFAULT_STATUSES)
    mine = and_(held_cond("assigned", unit_id), working)
    passed = and_(held_cond("redispatched", unit_id), working)

    def n(*conds: ColumnElement[bool]) -> Any:
        return func.count().filter(and_(*conds))

    row = session.execute(
        select(
            n(mine).label("assigned"),
            n(mine, Case.status == wf.Status.dispatched.value, Case.signed.is_(False)).label(
                "unsigned"
            ),
            n(mine, rank == 0).label("red"),
            n(mine, rank == 1).label("yellow"),
            n(mine, Case.pending.is_not(None)).label("pending"),
            n(passed).label("redispatched"),
            n(passed, Case.pending == wf.Pending.return_.value).label("sub_unit_returns"),
        )
        .select_from(Case)
        .outerjoin(st, true())
        .where(scope.visible(actor), held_cond("all", unit_id), working)
    ).one()
    return dict(row._mapping) | {"as_of": now}


def centre_counts(session: Session, actor: wf.Actor, now: datetime) -> dict[str, Any]:
    """Return the badges of every centre list in one statement (same conditions as the lists)."""
    visible = scope.visible(actor)

    def n(*conds: ColumnElement[bool]) -> Any:
        return select(func.count()).select_from(Case).where(visible, *conds).scalar_subquery()

    kinds = sorted(APPROVAL_KINDS)
    row = session.execute(
        select(
            n(Case.status.in_(sorted(INBOX_STATUSES))).label("inbox"),
            n(Case.status == wf.Status.filed.value).label("dispatch_board"),
            *(n(approval_cond([k])).label(f"approvals_{k}") for k in kinds),
            n(overdue_cases(now)).label("supervision"),
        )
    ).one()
    approvals = {k: row._mapping[f"approvals_{k}"] for k in kinds}
    return {
        "inbox": row.inbox,
        "dispatch_board": row.dispatch_board,
        "approvals": approvals | {"total": sum(approvals.values())},
        "supervision": row.supervision,
        "as_of": now,
    }
