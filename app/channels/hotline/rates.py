"""The facts behind the 12345 三率 (响应率, 解决率, 满意率) and the desk's rates per unit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import (
    Case,
    HotlineTicket,
)
from app.core.config import get_settings
from app.core.errors import (
    InvalidInput,
)
from app.grid.models import Unit

# Duplicates merged into another ticket and voided tickets do not count in the 三率.
RATES_EXCLUDED_STATUSES = (wf.Status.merged.value, wf.Status.voided.value)


@dataclass(frozen=True, slots=True)
class HotlineFacts:
    """What the 12345 三率 need of one ticket.

    `contacted_in_time` is None while undecided: not contacted and (as of `as_of`) not yet due,
    or not contacted and no `as_of` given. A ticket nobody contacted by its feedback limit
    counts as late (False) once `as_of` is past the limit — an honest response rate.
    """

    case_id: int
    unit_id: int | None  # the unit the case is (or was last) assigned to
    district_code: str
    status: str
    urgency: str
    feedback_due_at: datetime
    contacted_at: datetime | None
    contacted_in_time: bool | None
    resolved: bool | None
    satisfaction: str | None


def _in_time_expr(as_of: datetime | None) -> ColumnElement[bool | None]:
    late = (
        and_(HotlineTicket.feedback_due_at < as_of, HotlineTicket.contacted_at.is_(None))
        if as_of is not None
        else false()
    )
    return sql_case(
        (HotlineTicket.contacted_at.is_not(None), HotlineTicket.contacted_in_time),
        (late, false()),
        else_=None,
    )


def hotline_facts(
    session: Session, case_ids: Sequence[int], *, as_of: datetime | None = None
) -> dict[int, HotlineFacts]:
    """Return the 三率 facts of the given cases that are hotline tickets (others are absent)."""
    if not case_ids:
        return {}
    rows = session.execute(
        select(
            HotlineTicket.case_id,
            Case.assigned_unit_id,
            Case.district_code,
            Case.status,
            HotlineTicket.urgency,
            HotlineTicket.feedback_due_at,
            HotlineTicket.contacted_at,
            _in_time_expr(as_of).label("in_time"),
            HotlineTicket.resolved,
            HotlineTicket.satisfaction,
        )
        .join(Case, Case.id == HotlineTicket.case_id)
        .where(HotlineTicket.case_id.in_(list(case_ids)))
    ).all()
    return {
        r.case_id: HotlineFacts(
            case_id=r.case_id,
            unit_id=r.assigned_unit_id,
            district_code=r.district_code,
            status=r.status,
            urgency=r.urgency,
            feedback_due_at=r.feedback_due_at,
            contacted_at=r.contacted_at,
            contacted_in_time=r.in_time,
            resolved=r.resolved,
            satisfaction=r.satisfaction,
        )
        for r in rows
    }


@dataclass(frozen=True, slots=True)
class RateCounts:
    """Counts behind the 三率 of one unit (or of everything)."""

    tickets: int = 0
    response_due: int = 0  # contacted, or not contacted past the limit
    responded_in_time: int = 0
    resolution_known: int = 0
    resolved: int = 0
    callbacks: int = 0  # valid call-backs (a result was recorded)
    satisfied: int = 0
    basically_satisfied: int = 0

    def __add__(self, other: RateCounts) -> RateCounts:
        """Return the sum of two count sets."""
        return RateCounts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


@dataclass(frozen=True, slots=True)
class ThreeRates:
    """响应率, 解决率, 满意率 and their weighted composite (None where nothing is decided yet)."""

    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None
    composite: float | None


def three_rates(
    c: RateCounts, weights: Mapping[str, float], basically_satisfied_weight: float
) -> ThreeRates:
    """Compute the 三率 from counts (pure); the composite needs all three rates."""
    response = c.responded_in_time / c.response_due if c.response_due else None
    resolution = c.resolved / c.resolution_known if c.resolution_known else None
    satisfaction = (
        (c.satisfied + basically_satisfied_weight * c.basically_satisfied) / c.callbacks
        if c.callbacks
        else None
    )
    composite = None
    if response is not None and resolution is not None and satisfaction is not None:
        composite = (
            weights.get("response", 0.0) * response
            + weights.get("resolution", 0.0) * resolution
            + weights.get("satisfaction", 0.0) * satisfaction
        )
    return ThreeRates(
        *(
            None if v is None else round(v, 4)
            for v in (response, resolution, satisfaction, composite)
        )
    )


@dataclass(frozen=True, slots=True)
class UnitRates:
    """The 三率 of one unit (unit None: tickets not dispatched to any unit yet)."""

    unit_id: int | None
    unit_name: str | None
    counts: RateCounts
    rates: ThreeRates


def unit_rates(
    session: Session, actor: wf.Actor, start: datetime, end: datetime, now: datetime
) -> tuple[list[UnitRates], UnitRates]:
    """Return the 三率 per unit, and in total, of the tickets filed in [start, end).

    One query over the tickets the actor may see, with the same facts as `hotline_facts` (as
    of `now`); merged and voided tickets do not count.
    """
    if not start < end:
        raise InvalidInput("统计区间的开始时间必须早于结束时间", field="from")
    in_time = _in_time_expr(now)
    sat = HotlineTicket.satisfaction

    def n(cond: ColumnElement[bool]) -> Any:
        return func.count().filter(cond)

    rows = session.execute(
        select(
            Case.assigned_unit_id,
            Unit.name,
            func.count(),
            n(in_time.is_not(None)),
            n(in_time.is_(True)),
            n(HotlineTicket.resolved.is_not(None)),
            n(HotlineTicket.resolved.is_(True)),
            n(sat.is_not(None)),
            n(sat == "satisfied"),
            n(sat == "basically_satisfied"),
        )
        .select_from(HotlineTicket)
        .join(Case, Case.id == HotlineTicket.case_id)
        .outerjoin(Unit, Unit.id == Case.assigned_unit_id)
        .where(
            scope.visible(actor),
            Case.reported_at >= start,
            Case.reported_at < end,
            Case.status.not_in(RATES_EXCLUDED_STATUSES),
        )
        .group_by(Case.assigned_unit_id, Unit.name)
        .order_by(Case.assigned_unit_id.nulls_last())
    ).all()
    settings = get_settings()
    weights, basic = settings.hotline_rate_weights, settings.hotline_basically_satisfied_weight
    units = []
    total = RateCounts()
    for unit_id, unit_name, *numbers in rows:
        counts = RateCounts(*numbers)
        total = total + counts
        units.append(UnitRates(unit_id, unit_name, counts, three_rates(counts, weights, basic)))
    return units, UnitRates(None, None, total, three_rates(total, weights, basic))


def rates_weights() -> dict[str, Any]:
    """Return the configured weights of the composite and of 基本满意."""
    settings = get_settings()
    return {
        "composite": dict(settings.hotline_rate_weights),
        "basically_satisfied": settings.hotline_basically_satisfied_weight,
    }
