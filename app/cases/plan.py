"""What a transition changes, computed without the database: the plan behind `service._apply`.

The transition table (`app.cases.workflow`) says what an action means; this module turns that
`Transition` into the concrete changes of one case, given its current values and its open stage
clocks: the case's new column values (status, assignment, sign, counters, request slot,
timestamps, version), the clocks it stops, pauses, resumes or extends (copies recomputed by the one
deadline engine, `app.cases.time.deadlines`), the clocks it starts, and the content of the one
event the transition appends. No SQLAlchemy: the service reads the case (locked), computes a plan
here and stores plans with its one writer (`service._write`) — one case or a thousand in a few
statements — so the single action and the bulk action share every rule.

What needs the database is asked before planning and handed in: the validated payload (target
unit, hours, master case, …), the inspector who gets a verify/check task, and each stage's limit
(`limit_for`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from app.cases import workflow as wf
from app.cases.time.calendar import WorkCalendar
from app.cases.time.deadlines import TimeUnit, elapsed_business_time, stage_clock

# The case timestamp an action sets (its first and every later time).
TIMESTAMP_BY_ACTION = {
    wf.Action.verify_exists: "verified_at",
    wf.Action.verify_not_exists: "verified_at",
    wf.Action.file: "filed_at",
    wf.Action.dispatch: "dispatched_at",
    wf.Action.sign: "signed_at",
    wf.Action.handle: "handled_at",
    wf.Action.check_pass: "checked_at",
    wf.Action.check_fail: "checked_at",
    wf.Action.close: "closed_at",
    wf.Action.self_handle: "closed_at",
}

# The case columns a transition may change: the writer stores exactly these.
CASE_COLUMNS = (
    "status",
    "pending",
    "pending_payload",
    "assigned_unit_id",
    "dispatching_unit_id",
    "signed",
    "master_case_id",
    "task_inspector_id",
    "dispatches",
    "redispatches",
    "returns",
    "reworks",
    "extensions",
    "extension_hours",
    "suspensions",
    "suspended_seconds",
    "satisfaction",
    "calendar_provisional",
    "verified_at",
    "filed_at",
    "dispatched_at",
    "signed_at",
    "handled_at",
    "checked_at",
    "closed_at",
    "finished_at",
    "updated_at",
    "version",
)

# The limit of a stage for this case: (value, unit); raises the domain error of a missing one.
LimitFor = Callable[[wf.Stage], tuple[Decimal, TimeUnit]]


class CaseValues(Protocol):
    """What a plan reads of a case (the ORM `Case` has these attributes)."""

    id: int
    pending_payload: dict[str, Any] | None
    assigned_unit_id: int | None
    dispatching_unit_id: int | None
    finished_at: datetime | None
    extension_hours: Decimal
    suspended_seconds: int
    version: int


class ClockValues(Protocol):
    """A stage clock's columns that the deadline rules read and write (`CaseStage` or `Clock`)."""

    started_at: datetime
    limit_value: Decimal
    limit_unit: str
    extension_hours: Decimal
    paused_seconds: int
    paused_at: datetime | None
    stopped_at: datetime | None
    due_at: datetime
    yellow_at: datetime
    provisional: bool
    light: str
    next_threshold_at: datetime | None


@dataclass(slots=True)
class Clock:
    """One stage clock of a case, as plain values (the columns of `CaseStage` a transition uses).

    `id` is None for a clock a plan starts, until the writer has inserted it.
    """

    id: int | None
    case_id: int
    stage: str
    level: int
    unit_id: int | None
    limit_value: Decimal
    limit_unit: str
    started_at: datetime
    due_at: datetime
    yellow_at: datetime
    next_threshold_at: datetime | None = None
    stopped_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    extension_hours: Decimal = Decimal(0)
    provisional: bool = False
    light: str = "green"


@dataclass(frozen=True, slots=True)
class EventPlan:
    """The content of the event a transition appends (the chain fields come from the writer)."""

    action: str
    from_status: str | None
    to_status: str
    actor: wf.Actor
    note: str | None
    payload: dict[str, Any]
    photos: tuple[str, ...]
    at: datetime


@dataclass(slots=True)
class Plan:
    """Everything one transition changes on one case."""

    case_id: int
    values: dict[str, Any]  # the case's changed columns (names in CASE_COLUMNS) → new values
    changed: list[Clock]  # open clocks it changes (new copies, same ids)
    started: list[Clock]  # clocks it starts
    event: EventPlan
    payload: dict[str, Any] = field(default_factory=dict)  # the validated payload (for effects)


def plan(
    case: CaseValues,
    open_clocks: Sequence[Clock],
    t: wf.Transition,
    *,
    note: str | None,
    photos: Sequence[str],
    payload: Mapping[str, Any],
    task_inspector_id: int | None,
    now: datetime,
    calendar: WorkCalendar,
    limit_for: LimitFor,
) -> Plan:
    """Return what transition `t` changes on `case` with its open clocks (nothing is modified).

    `payload` is the action's validated payload (`unit_id`, `hours`, …); `task_inspector_id` the
    inspector who gets the verify/check task when `t` enters 待核实/待核查.
    """
    values, event_payload = case_values(
        case, t, note=note, payload=payload, task_inspector_id=task_inspector_id, now=now
    )
    return clock_effects(
        case,
        values,
        open_clocks,
        t,
        note=note,
        photos=photos,
        payload=event_payload,
        now=now,
        calendar=calendar,
        limit_for=limit_for,
    )


def case_values(
    case: CaseValues,
    t: wf.Transition,
    *,
    note: str | None,
    payload: Mapping[str, Any],
    task_inspector_id: int | None,
    now: datetime,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the case's new column values and the event payload (before its clock changes)."""
    action, actor = t.action, t.actor
    v: dict[str, Any] = {}
    out = dict(payload)
    if t.sets_pending is not None:
        v["pending_payload"] = {**payload, "note": note, "by": actor.user_id}
    if t.withdraws is not None:  # a request closed undecided: recorded in this event
        out["closed_request"] = {
            "kind": t.withdraws.value,
            "label": t.withdraws.label,
            "request": v.get("pending_payload", case.pending_payload),
        }
    if t.assignment is wf.Assignment.dispatch:
        v["assigned_unit_id"], v["dispatching_unit_id"] = payload["unit_id"], None
    elif t.assignment is wf.Assignment.redispatch:
        v["dispatching_unit_id"], v["assigned_unit_id"] = case.assigned_unit_id, payload["unit_id"]
    elif t.assignment is wf.Assignment.recall:
        v["assigned_unit_id"], v["dispatching_unit_id"] = case.dispatching_unit_id, None
    elif t.assignment is wf.Assignment.clear:
        v["assigned_unit_id"], v["dispatching_unit_id"] = None, None
    if t.sign is wf.SignEffect.set:
        v["signed"] = True
    elif t.sign is wf.SignEffect.reset:
        v["signed"] = False
    for counter in t.increments:
        v[counter.value] = getattr(case, counter.value) + 1
    if t.extends:
        v["extension_hours"] = case.extension_hours + Decimal(payload["hours"])
    if action is wf.Action.callback:
        v["satisfaction"] = payload["satisfaction"]
    if action is wf.Action.merge:
        v["master_case_id"] = payload["master_case_id"]
    stamp = TIMESTAMP_BY_ACTION.get(action)
    if stamp:
        v[stamp] = now
    if actor.role is wf.Role.inspector and t.from_status in (
        wf.Status.verifying,
        wf.Status.handled,
    ):  # an inspector taking a task from the pool holds it from now on
        v["task_inspector_id"] = actor.user_id
    v["status"] = t.to_status.value
    if t.to_status in (wf.Status.verifying, wf.Status.handled):
        v["task_inspector_id"] = task_inspector_id
    v["pending"] = t.pending_after.value if t.pending_after else None
    if t.pending_after is None:
        v["pending_payload"] = None
    if not t.to_status.is_open and case.finished_at is None:
        v["finished_at"] = now
    v["updated_at"] = now
    v["version"] = case.version + 1
    return v, out


def clock_effects(
    case: CaseValues,
    values: dict[str, Any],
    open_clocks: Sequence[Clock],
    t: wf.Transition,
    *,
    note: str | None,
    photos: Sequence[str],
    payload: dict[str, Any],
    now: datetime,
    calendar: WorkCalendar,
    limit_for: LimitFor,
) -> Plan:
    """Return the plan: `values` (the case after `case_values`) with the clock effects of `t`."""

    def after(name: str) -> Any:
        return values[name] if name in values else getattr(case, name)

    dispatching, assigned = after("dispatching_unit_id"), after("assigned_unit_id")
    level = 2 if dispatching is not None else 1
    changed: list[Clock] = []
    started: list[Clock] = []
    changes: list[dict[str, Any]] = []
    resumed_from = [
        st.paused_at
        for st in open_clocks
        if wf.Stage(st.stage) in t.resumes and st.paused_at is not None
    ]
    if resumed_from:  # natural suspension time, once per case (not once per dispatch level)
        values["suspended_seconds"] = after("suspended_seconds") + int(
            (now - min(resumed_from)).total_seconds()
        )
    running: list[Clock] = []
    for old in open_clocks:
        stage = wf.Stage(old.stage)
        st = replace(old)
        if stage in t.stops and not (t.action is wf.Action.recall and st.level != 2):
            if st.paused_at is not None:
                unpause(st, now, calendar)
            st.stopped_at, st.next_threshold_at = now, None
            changes.append({"stage": st.stage, "level": st.level, "stopped": True})
        elif stage in t.pauses and st.paused_at is None:
            st.paused_at, st.next_threshold_at = now, None
        elif stage in t.resumes and st.paused_at is not None:
            unpause(st, now, calendar)
            recompute(st, now, calendar)
        elif stage in t.extends:
            st.extension_hours = st.extension_hours + Decimal(payload["hours"])
            recompute(st, now, calendar)
            changes.append({"stage": st.stage, "due_at": st.due_at.isoformat()})
        else:
            running.append(old)
            continue
        changed.append(st)
        if st.stopped_at is None:
            running.append(st)
    for stage in t.starts:
        # A handle clock started at level 2 (rework) restarts the parent's level-1 clock too:
        # the parent's clock contains its sub-unit's. Re-dispatch only starts the new level.
        levels = [(level, assigned)]
        if stage is wf.Stage.handle and level == 2 and t.action is not wf.Action.redispatch:
            levels.insert(0, (1, dispatching))
        for lvl, unit_id in levels:
            st = start(case.id, stage, lvl, unit_id, limit_for(stage), now, calendar)
            started.append(st)
            running.append(st)
            changes.append(
                {
                    "stage": stage.value,
                    "level": st.level,
                    "due_at": st.due_at.isoformat(),
                    "limit": f"{st.limit_value.normalize():f} {st.limit_unit}",
                }
            )
    values["calendar_provisional"] = any(st.provisional for st in running)
    if changes:
        payload = {**payload, "clocks": changes}
    event = EventPlan(
        action=t.action.value,
        from_status=t.from_status.value if t.from_status else None,
        to_status=t.to_status.value,
        actor=t.actor,
        note=note,
        payload=payload,
        photos=tuple(photos),
        at=now,
    )
    return Plan(case.id, values, changed, started, event)


def start(
    case_id: int,
    stage: wf.Stage,
    level: int,
    unit_id: int | None,
    limit: tuple[Decimal, TimeUnit],
    now: datetime,
    calendar: WorkCalendar,
) -> Clock:
    """Return a new running clock of `stage` with its due time, thresholds and light."""
    value, unit = limit
    st = Clock(
        id=None,
        case_id=case_id,
        stage=stage.value,
        level=level,
        unit_id=unit_id if stage is wf.Stage.handle else None,
        limit_value=value,
        limit_unit=unit.value,
        started_at=now,
        due_at=now,
        yellow_at=now,
    )
    recompute(st, now, calendar)
    return st


def unpause(st: ClockValues, now: datetime, cal: WorkCalendar) -> None:
    """Resume a paused clock: add the business time it was paused to its paused seconds."""
    assert st.paused_at is not None
    paused = elapsed_business_time(st.paused_at, now, cal, st.limit_unit)
    st.paused_seconds = (st.paused_seconds or 0) + max(0, int(paused.seconds))
    st.paused_at = None


def recompute(st: ClockValues, now: datetime, cal: WorkCalendar) -> None:
    """Recompute a stage's due time, thresholds and light (limit + extensions + suspensions)."""
    clock = stage_clock(
        st.started_at,
        st.limit_value,
        TimeUnit(st.limit_unit),
        cal,
        extension_hours=st.extension_hours or 0,
        suspended_seconds=st.paused_seconds or 0,
    )
    st.due_at, st.yellow_at, st.provisional = clock.due_at, clock.yellow_at, clock.provisional
    st.light = clock.light_at(now).value
    st.next_threshold_at = None if st.paused_at or st.stopped_at else clock.next_threshold(now)
