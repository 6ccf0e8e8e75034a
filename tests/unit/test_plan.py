"""The transition plan is pure: it returns what changes and leaves its inputs as they were."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from app.cases import workflow as wf
from app.cases.plan import Clock, plan, start
from app.cases.time.calendar import default_calendar
from app.cases.time.deadlines import TimeUnit

CST = ZoneInfo("Asia/Shanghai")
CAL = default_calendar()


def _case(**over: object) -> SimpleNamespace:
    values = {
        "id": 7,
        "pending_payload": None,
        "assigned_unit_id": None,
        "dispatching_unit_id": None,
        "finished_at": None,
        "extension_hours": Decimal(0),
        "suspended_seconds": 0,
        "version": 3,
        "dispatches": 0,
    } | over
    return SimpleNamespace(**values)


def test_dispatch_stops_the_dispatch_clock_starts_handling_and_changes_no_input() -> None:
    t0, now = datetime(2026, 3, 2, 9, 0, tzinfo=CST), datetime(2026, 3, 2, 9, 30, tzinfo=CST)
    open_clock = start(7, wf.Stage.dispatch, 1, None, (Decimal(1), TimeUnit.work_hour), t0, CAL)
    open_clock.id = 11
    before = asdict(open_clock)
    case = _case()
    t = wf.transition(
        wf.CaseState(status=wf.Status.filed), wf.Action.dispatch, wf.Actor(wf.Role.dispatcher, 401)
    )
    p = plan(
        case,
        [open_clock],
        t,
        note=None,
        photos=(),
        payload={"unit_id": 5},
        task_inspector_id=None,
        now=now,
        calendar=CAL,
        limit_for=lambda stage: (Decimal(4), TimeUnit.work_hour),
    )
    assert asdict(open_clock) == before and case.version == 3 and case.dispatches == 0
    assert p.values["status"] == "dispatched" and p.values["assigned_unit_id"] == 5
    assert p.values["dispatches"] == 1 and p.values["version"] == 4
    assert p.values["dispatched_at"] == now and p.values["signed"] is False
    (stopped,) = p.changed
    assert (stopped.id, stopped.stopped_at, stopped.next_threshold_at) == (11, now, None)
    (handle,) = p.started
    assert isinstance(handle, Clock) and handle.id is None
    assert (handle.stage, handle.level, handle.unit_id) == ("handle", 1, 5)
    assert handle.due_at > now and handle.light == "green"
    assert p.event.payload["unit_id"] == 5
    assert [c["stage"] for c in p.event.payload["clocks"]] == ["dispatch", "handle"]
