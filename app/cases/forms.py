"""What each action's form asks for, and the Chinese labels a case read carries (one place).

A client shows the caller's `allowed_actions` as buttons; each opens the form of that action:
the fields its body needs (the `needs` of the transition table), with their Chinese labels,
whether they are required, the kind uploaded photos get, and the choices of closed fields. The
labels come from the workflow vocabulary, so no client keeps its own dictionary of actions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.attachments import PhotoKind, kind_for_action
from app.cases.models import Case
from app.cases.time.standards import SEVERITY_LABELS
from app.grid.models import Unit
from app.identity.models import User

# How the suggested unit was chosen (the router's `routed_by`).
ROUTED_BY_LABELS = {
    "component": "部件吸附（权属/养护单位）",
    "rule": "责任规则",
    "district_fallback": "区县兜底单位",
}

# The kind a client uploads an action's photos as, where the action keeps the uploaded kind
# (a 处置反馈 carries 处置后 photos, a 自处理 its 上报 photos).
_UPLOAD_KIND = {wf.Action.handle: PhotoKind.after, wf.Action.self_handle: PhotoKind.report}


def _field(action: wf.Action, need: wf.Need, assignment: wf.Assignment) -> dict[str, Any]:
    base: dict[str, Any] = {"required": True, "photo_kind": None, "options": None}
    if need is wf.Need.reason:
        return base | {"name": "note", "kind": "reason", "label": "理由/说明"}
    if need is wf.Need.unit:
        sub = assignment is wf.Assignment.redispatch
        return base | {
            "name": "unit_id",
            "kind": "sub_unit" if sub else "unit",
            "label": "下级单位" if sub else "承办单位",
        }
    if need is wf.Need.hours:
        return base | {"name": "hours", "kind": "hours", "label": "延期时长（小时）"}
    if need is wf.Need.photos:
        kind = kind_for_action(action.value) or _UPLOAD_KIND.get(action, PhotoKind.after)
        return base | {
            "name": "photos",
            "kind": "photos",
            "label": f"{kind.label}照片",
            "photo_kind": kind.value,
        }
    if need is wf.Need.master_case:
        return base | {"name": "master_case_id", "kind": "master_case", "label": "合并到的主案卷"}
    return base | {
        "name": "satisfaction",
        "kind": "satisfaction",
        "label": "回访结果",
        "options": [{"value": s.value, "label": s.label} for s in wf.Satisfaction],
    }


@cache
def _forms() -> dict[wf.Action, dict[str, Any]]:
    out: dict[wf.Action, dict[str, Any]] = {}
    for rule in wf.TABLE:
        if rule.action in out:
            continue
        fields = [_field(rule.action, n, rule.assignment) for n in wf.Need if n in rule.needs]
        if wf.Need.reason not in rule.needs:
            fields.append(
                {
                    "name": "note",
                    "kind": "note",
                    "label": "说明",
                    "required": False,
                    "photo_kind": None,
                    "options": None,
                }
            )
        out[rule.action] = {
            "action": rule.action.value,
            "label": rule.action.label,
            "fields": fields,
        }
    return out


def action_form(action: str) -> dict[str, Any]:
    """Return the form of one action: its label and the fields its body takes."""
    return _forms()[wf.Action(action)]


def action_forms(actions: Iterable[str]) -> list[dict[str, Any]]:
    """Return the forms of the given actions, in their order."""
    return [action_form(a) for a in actions]


def case_labels(
    session: Session,
    case: Case,
    actor: wf.Actor | None = None,
    unit_names: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """Return the names and Chinese labels a case read shows beside its codes and ids.

    The units (suggested, assigned, the dispatching parent), the reporter and the reporter's
    unit by name; the source, severity, pending request and call-back answer by their labels.
    Names already in hand are not read again: the reporter's when `actor` is the reporter and
    carries its names, units' from `unit_names`.
    """
    names: dict[int, str] = dict(unit_names or {})
    unit_ids = {
        u
        for u in (case.routed_unit_id, case.assigned_unit_id, case.dispatching_unit_id)
        if u is not None
    }
    reporter: tuple[str, int | None] | None = None
    if case.reporter_id is not None:
        if actor is not None and actor.user_id == case.reporter_id and actor.name is not None:
            reporter = (actor.name, actor.unit_id)
            if actor.unit_id is not None and actor.unit_name is not None:
                names[actor.unit_id] = actor.unit_name
        else:
            row = session.execute(
                select(User.display_name, User.username, User.unit_id).where(
                    User.id == case.reporter_id
                )
            ).first()
            reporter = (row.display_name or row.username, row.unit_id) if row else None
    if reporter is not None and reporter[1] is not None:
        unit_ids.add(reporter[1])
    missing = unit_ids - names.keys()
    if missing:
        for unit_id, unit_name in session.execute(
            select(Unit.id, Unit.name).where(Unit.id.in_(missing))
        ):
            names[unit_id] = unit_name

    def name(unit_id: int | None) -> str | None:
        return names.get(unit_id) if unit_id is not None else None

    return {
        "source_label": wf.Source(case.source).label,
        "severity_label": SEVERITY_LABELS.get(case.severity or ""),
        "pending_label": wf.Pending(case.pending).label if case.pending else None,
        "satisfaction_label": wf.Satisfaction(case.satisfaction).label
        if case.satisfaction
        else None,
        "routed_by_label": ROUTED_BY_LABELS.get(case.routed_by or ""),
        "routed_unit_name": name(case.routed_unit_id),
        "assigned_unit_name": name(case.assigned_unit_id),
        "dispatching_unit_name": name(case.dispatching_unit_id),
        "reporter_name": reporter[0] if reporter else None,
        "reporter_unit_name": name(reporter[1]) if reporter else None,
    }
