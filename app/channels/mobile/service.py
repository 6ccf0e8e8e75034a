"""The inspector's phone (城管通): task inbox and incremental sync, scoped like every case read.

Tasks are verify (核实) and check (核查) tasks: cases in `verifying` / `handled` that the
inspector holds (`task_inspector_id`) or that sit unassigned in the pool of their districts
(app.cases.scope). Sync lists every case the inspector may see, ordered by
`(updated_at, id)` with an opaque keyset cursor, so a phone that stores the cursor fetches only
what changed since.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import Attachment, Case, CaseStage, Category
from app.cases.paging import aware_time, decode_cursor, encode_cursor
from app.core.errors import InvalidInput
from app.grid.models import Unit

# A task: the status the case waits in, the stage whose clock runs, the actions that answer it.
TASKS: dict[wf.Status, tuple[str, wf.Stage, dict[str, wf.Action]]] = {
    wf.Status.verifying: (
        wf.TaskKind.verify.value,
        wf.Stage.verify,
        {"exists": wf.Action.verify_exists, "not_exists": wf.Action.verify_not_exists},
    ),
    wf.Status.handled: (
        wf.TaskKind.check.value,
        wf.Stage.check,
        {"pass": wf.Action.check_pass, "fail": wf.Action.check_fail},
    ),
}
TASK_LABELS = {k.value: k.label for k in wf.TaskKind}


def task_action(status: str, result: str) -> wf.Action:
    """Return the action that answers the task a case in `status` waits for with `result`."""
    task = TASKS.get(wf.Status(status))
    if task is None:
        raise InvalidInput("该案卷当前没有核实或核查任务", status=status)
    actions = task[2]
    if result not in actions:
        raise InvalidInput(
            f"{TASK_LABELS[task[0]]}结果应为 {' 或 '.join(actions)}", field="result", result=result
        )
    return actions[result]


@dataclass(frozen=True, slots=True)
class Cursor:
    """A keyset position in the `(updated_at, id)` order."""

    updated_at: datetime
    case_id: int

    def encode(self) -> str:
        """Return the opaque text form (app.cases.paging)."""
        return encode_cursor([self.updated_at, self.case_id])

    @staticmethod
    def decode(text: str) -> Cursor:
        """Parse a cursor made by `encode` (raise InvalidInput on anything else)."""
        try:
            at, cid = decode_cursor(text)
            return Cursor(aware_time(at), int(cid))
        except (ValueError, TypeError):
            raise InvalidInput(
                "cursor 无效：请使用上一页返回的 next_cursor", field="cursor"
            ) from None


def _summaries(session: Session, cases: Sequence[Case], actor: wf.Actor) -> list[dict[str, Any]]:
    """Compact rows for a phone: case, category, point, the open task with its clock, photos.

    `light` and `due_at` are those of the case's running stage that is due first (none when the
    case waits in no timed stage).
    """
    if not cases:
        return []
    ids = [c.id for c in cases]
    cats = {
        c.id: c
        for c in session.scalars(
            select(Category).where(Category.id.in_({c.category_id for c in cases}))
        )
    }
    points: dict[int, str] = dict(
        session.execute(
            select(Case.id, func.ST_AsGeoJSON(Case.geom, 7)).where(Case.id.in_(ids))
        ).all()
    )
    open_stages: dict[tuple[int, str], CaseStage] = {
        (st.case_id, st.stage): st
        for st in session.scalars(
            select(CaseStage).where(CaseStage.case_id.in_(ids), CaseStage.stopped_at.is_(None))
        )
    }
    photos: dict[int, list[dict[str, Any]]] = {}
    for a in session.scalars(
        select(Attachment)
        .where(Attachment.case_id.in_(ids))
        .order_by(Attachment.created_at, Attachment.id)
    ):
        photos.setdefault(a.case_id or 0, []).append({"id": a.id, "kind": a.kind})
    out = []
    for c in cases:
        cat = cats[c.category_id]
        task = None
        spec = TASKS.get(wf.Status(c.status))
        if spec is not None and c.task_inspector_id in (actor.user_id, None):
            kind, stage, results = spec
            st = open_stages.get((c.id, stage.value))
            task = {
                "kind": kind,
                "label": TASK_LABELS[kind],
                "results": list(results),
                "assigned": c.task_inspector_id == actor.user_id,
                "due_at": st.due_at if st else None,
                "light": st.light if st else None,
            }
        running = sorted(
            (st for (cid, _), st in open_stages.items() if cid == c.id), key=lambda st: st.due_at
        )
        point = json.loads(points[c.id])["coordinates"] if points.get(c.id) else None
        out.append(
            {
                "id": c.id,
                "case_no": c.case_no,
                "status": c.status,
                "status_label": wf.Status(c.status).label,
                "category": {"kind": cat.kind, "code": cat.code, "name": cat.name},
                "description": c.description,
                "address_text": c.address_text,
                "grid_code": c.grid_code,
                "lon": point[0] if point else None,
                "lat": point[1] if point else None,
                "reported_by_me": c.reporter_id == actor.user_id,
                "outside_patrol_area": c.outside_patrol_area,
                "task": task,
                "light": running[0].light if running else None,
                "due_at": running[0].due_at if running else None,
                "photos": photos.get(c.id, []),
                "reported_at": c.reported_at,
                "updated_at": c.updated_at,
            }
        )
    return out


def report_answer(
    session: Session, case: Case, photos: Sequence[str], duplicates: list[dict[str, Any]]
) -> dict[str, Any]:
    """Return the answer to a report: number, cell, suggested unit, the next due time."""
    unit = session.get(Unit, case.routed_unit_id) if case.routed_unit_id else None
    due_at = session.scalar(
        select(CaseStage.due_at)
        .where(CaseStage.case_id == case.id, CaseStage.stopped_at.is_(None))
        .order_by(CaseStage.due_at)
        .limit(1)
    )
    return {
        "id": case.id,
        "case_no": case.case_no,
        "status": case.status,
        "status_label": wf.Status(case.status).label,
        "grid_code": case.grid_code,
        "community_code": case.community_code,
        "street_code": case.street_code,
        "routed_unit": {"id": unit.id, "code": unit.code, "name": unit.name} if unit else None,
        "routed_by": case.routed_by,
        "due_at": due_at,
        "outside_patrol_area": case.outside_patrol_area,
        "photos": list(photos),
        "possible_duplicates": duplicates,
    }


def list_tasks(session: Session, actor: wf.Actor, limit: int) -> list[dict[str, Any]]:
    """Return the inspector's open verify/check tasks (held first, then the pool), oldest first."""
    cases = session.scalars(
        select(Case)
        .where(
            scope.visible(actor),
            Case.status.in_([s.value for s in TASKS]),
            or_(Case.task_inspector_id == actor.user_id, Case.task_inspector_id.is_(None)),
        )
        .order_by(Case.task_inspector_id.is_(None), Case.updated_at, Case.id)
        .limit(limit)
    ).all()
    return _summaries(session, cases, actor)


def sync_page(
    session: Session,
    actor: wf.Actor,
    *,
    updated_since: datetime | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[dict[str, Any]], str | None, bool]:
    """Return one page of visible cases in `(updated_at, id)` order, the cursor, and `has_more`.

    The cursor marks the end of this page (the given one when nothing changed): a phone keeps
    the last cursor it got and later asks again with it to receive only what changed since.
    """
    q = select(Case).where(scope.visible(actor))
    if cursor:
        pos = Cursor.decode(cursor)
        q = q.where(tuple_(Case.updated_at, Case.id) > tuple_(pos.updated_at, pos.case_id))
    elif updated_since is not None:
        if updated_since.utcoffset() is None:
            raise InvalidInput("updated_since 需要带时区，如 2026-11-21T08:00:00+08:00")
        q = q.where(Case.updated_at > updated_since)
    rows = session.scalars(q.order_by(Case.updated_at, Case.id).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = Cursor(rows[-1].updated_at, rows[-1].id).encode() if rows else cursor
    return _summaries(session, rows, actor), next_cursor, more
