"""Who sees which cases: the one place where visibility is decided, as SQL.

Every read or action on a case goes through `visible()`; a case outside the caller's scope is
not found (404), so case ids do not leak. Rules:

- admin, system: every case;
- operator, shift leader, dispatcher, leader: cases in their districts (all districts when the
  user is city-level, i.e. has no districts);
- hotline agent: hotline (12345) cases in their districts;
- inspector: cases they reported, cases whose verify/check task they hold (or held), and
  unassigned verify/check tasks in their districts (the pool an operator did not assign);
- unit handler: cases currently or formerly assigned to their unit (any dispatch level).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import Attachment, Case, CaseStage
from app.identity.models import User
from app.identity.service import Caller, user_areas


def actor_for(session: Session, user: User) -> wf.Actor:
    """Return the workflow actor of a user: role, unit, districts and patrol areas."""
    areas = [c for codes in user_areas(session, user.id).values() for c in codes]
    return _actor(user.role, user.id, user.unit_id, user.district_codes, areas)


def actor_of(caller: Caller) -> wf.Actor:
    """Return the workflow actor of a token's caller (as `actor_for`, with the caller's names)."""
    return _actor(
        caller.role,
        caller.id,
        caller.unit_id,
        caller.district_codes,
        caller.areas,
        caller.name,
        caller.unit_name,
    )


def _actor(
    role_code: str,
    user_id: int,
    unit_id: int | None,
    district_codes: Sequence[str] | None,
    areas: Iterable[str],
    name: str | None = None,
    unit_name: str | None = None,
) -> wf.Actor:
    role = wf.Role(role_code)
    districts = None if role is wf.Role.admin or not district_codes else tuple(district_codes)
    return wf.Actor(
        role=role,
        user_id=user_id,
        unit_id=unit_id,
        districts=districts,
        areas=frozenset(areas) if role is wf.Role.inspector else frozenset(),
        name=name,
        unit_name=unit_name,
    )


def _in_districts(actor: wf.Actor) -> ColumnElement[bool]:
    if actor.districts is None:
        return true()
    return Case.district_code.in_(actor.districts)


def visible(actor: wf.Actor) -> ColumnElement[bool]:
    """Return the SQL condition on `Case` that selects the cases `actor` may see."""
    role = actor.role
    if role in (wf.Role.admin, wf.Role.system):
        return true()
    if role in (wf.Role.operator, wf.Role.shift_leader, wf.Role.dispatcher, wf.Role.leader):
        return _in_districts(actor)
    if role is wf.Role.hotline_agent:
        return and_(Case.source == wf.Source.hotline.value, _in_districts(actor))
    if role is wf.Role.inspector:
        if actor.user_id is None:
            return false()
        pool = and_(
            Case.task_inspector_id.is_(None),
            Case.status.in_((wf.Status.verifying.value, wf.Status.handled.value)),
            _in_districts(actor),
        )
        return or_(Case.reporter_id == actor.user_id, Case.task_inspector_id == actor.user_id, pool)
    if role is wf.Role.unit_handler:
        if actor.unit_id is None:
            return false()
        return or_(
            Case.assigned_unit_id == actor.unit_id,
            Case.dispatching_unit_id == actor.unit_id,
            exists(
                select(CaseStage.id).where(
                    CaseStage.unit_id == actor.unit_id, CaseStage.case_id == Case.id
                )
            ),
        )
    return false()


def visible_attachment(actor: wf.Actor) -> ColumnElement[bool]:
    """Return the SQL condition on `Attachment`: its case is visible, or the actor uploaded it."""
    own = (
        and_(Attachment.case_id.is_(None), Attachment.uploaded_by == actor.user_id)
        if actor.user_id is not None
        else false()
    )
    if actor.role in (wf.Role.admin, wf.Role.system):
        return true()
    return or_(
        own,
        exists(select(Case.id).where(Case.id == Attachment.case_id, visible(actor))),
    )
