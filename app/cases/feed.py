"""The live feed of case events (outbox) for Server-Sent Events, in commit-safe order.

Event ids come from a sequence, so they are not in commit order: a transaction that drew id 7
may commit after another one that drew id 8, and a reader that remembered "8" would never see 7.
Every event row therefore carries the id of the transaction that wrote it (`txid`), and the
feed reads rows in `(txid, id)` order **only below a horizon**: the oldest transaction of this
database still running (from `pg_stat_activity.backend_xid`), or the next transaction id when
none runs. The horizon is read in one statement and the events in a later one (READ COMMITTED:
a newer snapshot), so every transaction below the horizon has finished and its rows are
visible; every transaction that starts later gets a larger id. The set of rows below the
horizon is final, and a position `"<txid>-<id>"` (the SSE event id) resumes exactly, with
nothing lost or repeated. A long-running write transaction in this database holds the horizon
back and delays (never loses) events; read-only transactions and other databases do not.
The database role must see its own sessions' `backend_xid` (it always does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select, text, tuple_
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import Case, CaseEvent
from app.core.errors import InvalidInput
from app.grid.models import Unit
from app.identity.models import User

_POSITION = re.compile(r"^(\d{1,19})-(\d{1,19})$")
_HORIZON_SQL = text(
    """
    WITH r AS (SELECT (pg_snapshot_xmax(pg_current_snapshot())::text)::bigint AS nxt)
    SELECT coalesce(min(r.nxt - ((((r.nxt % 4294967296) - (a.backend_xid::text)::bigint)
                                  % 4294967296) + 4294967296) % 4294967296), min(r.nxt))
    FROM r LEFT JOIN pg_stat_activity a
      ON a.datname = current_database() AND a.backend_xid IS NOT NULL
     AND a.pid <> pg_backend_pid()
    """
)


def horizon(session: Session) -> int:
    """Return the feed horizon: no transaction of this database below it is still running."""
    return int(session.execute(_HORIZON_SQL).scalar_one())


@dataclass(frozen=True, slots=True)
class Position:
    """A place in the feed: the last delivered event's (txid, id)."""

    txid: int
    event_id: int

    def __str__(self) -> str:
        return f"{self.txid}-{self.event_id}"

    @staticmethod
    def parse(value: str) -> Position:
        """Parse `"<txid>-<id>"` (an SSE `Last-Event-ID`); raise InvalidInput otherwise."""
        m = _POSITION.match(value.strip())
        if not m:
            raise InvalidInput(
                "Last-Event-ID 无效：应为上次收到的事件 id（如 7412-1093）", field="Last-Event-ID"
            )
        return Position(int(m.group(1)), int(m.group(2)))


def current_position(session: Session) -> Position:
    """Return the position just below the horizon: a new subscriber starts here (only news)."""
    return Position(horizon(session) - 1, 2**62)


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One case event as the live feed shows it: codes with labels, who acted; no notes or PII."""

    position: Position
    data: dict[str, Any]


def read_after(session: Session, actor: wf.Actor, after: Position, limit: int) -> list[FeedEvent]:
    """Return up to `limit` finished events after `after` on cases visible to `actor`."""
    below = horizon(session)  # first statement; the events are read with a newer snapshot
    rows = session.execute(
        select(
            CaseEvent.txid,
            CaseEvent.id,
            CaseEvent.case_id,
            Case.case_no,
            Case.district_code,
            CaseEvent.seq,
            CaseEvent.action,
            CaseEvent.from_status,
            CaseEvent.to_status,
            CaseEvent.actor_role,
            CaseEvent.actor_unit_id,
            User.display_name.label("actor_name"),
            Unit.name.label("actor_unit_name"),
            Case.assigned_unit_id,
            Case.status,
            CaseEvent.created_at,
        )
        .join(Case, Case.id == CaseEvent.case_id)
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .outerjoin(Unit, Unit.id == CaseEvent.actor_unit_id)
        .where(
            and_(
                tuple_(CaseEvent.txid, CaseEvent.id) > tuple_(after.txid, after.event_id),
                CaseEvent.txid < below,
                scope.visible(actor),
            )
        )
        .order_by(CaseEvent.txid, CaseEvent.id)
        .limit(limit)
    ).all()
    out = []
    for r in rows:
        out.append(
            FeedEvent(
                Position(r.txid, r.id),
                {
                    "event_id": r.id,
                    "case_id": r.case_id,
                    "case_no": r.case_no,
                    "district_code": r.district_code,
                    "seq": r.seq,
                    "action": r.action,
                    "action_label": wf.event_label(r.action),
                    "from_status": r.from_status,
                    "from_status_label": wf.status_label(r.from_status),
                    "to_status": r.to_status,
                    "to_status_label": wf.status_label(r.to_status),
                    "actor_role": r.actor_role,
                    "actor_role_label": wf.role_label(r.actor_role),
                    "actor_name": r.actor_name,
                    "actor_unit_id": r.actor_unit_id,
                    "actor_unit_name": r.actor_unit_name,
                    "assigned_unit_id": r.assigned_unit_id,
                    "case_status": r.status,
                    "case_status_label": wf.status_label(r.status),
                    "at": r.created_at,
                },
            )
        )
    return out
