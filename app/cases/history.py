"""A case's history as people read it: each event with its Chinese labels and who acted.

The hash chain (`prev_hash`, `hash`) is shown as stored; labels come from the workflow module's
tables (`event_label`, `status_label`, `role_label`), names from the account and unit tables, so
no client keeps its own dictionary of codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import CaseEvent
from app.grid.models import Unit
from app.identity.models import User


@dataclass(frozen=True, slots=True)
class EventView:
    """One event of a case's history, labelled."""

    seq: int
    action: str
    action_label: str
    from_status: str | None
    from_status_label: str | None
    to_status: str
    to_status_label: str | None
    actor_id: int | None
    actor_name: str | None
    actor_role: str
    actor_role_label: str | None
    actor_unit_id: int | None
    actor_unit_name: str | None
    note: str | None
    payload: dict[str, Any]
    photos: list[str]
    created_at: datetime
    prev_hash: str
    hash: str


def case_history(session: Session, case_id: int) -> list[EventView]:
    """Return a case's events in order, labelled (the caller checked the case is visible)."""
    rows = session.execute(
        select(CaseEvent, User.display_name, Unit.name)
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .outerjoin(Unit, Unit.id == CaseEvent.actor_unit_id)
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.seq)
    ).all()
    return [
        EventView(
            seq=e.seq,
            action=e.action,
            action_label=wf.event_label(e.action),
            from_status=e.from_status,
            from_status_label=wf.status_label(e.from_status),
            to_status=e.to_status,
            to_status_label=wf.status_label(e.to_status),
            actor_id=e.actor_id,
            actor_name=name,
            actor_role=e.actor_role,
            actor_role_label=wf.role_label(e.actor_role),
            actor_unit_id=e.actor_unit_id,
            actor_unit_name=unit_name,
            note=e.note,
            payload=dict(e.payload or {}),
            photos=list(e.photos or []),
            created_at=e.created_at,
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
        for e, name, unit_name in rows
    ]
