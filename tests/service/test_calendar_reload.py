"""A 20-work-day limit crossing into 2027: provisional, then recomputed when 2027 is loaded."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import CaseEvent, CaseStage
from app.cases.service import (
    ActionInput,
    ReportInput,
    act,
    load_calendar_year,
    report_case,
    verify_chains,
)
from app.cases.time.calendar import load_schedule
from app.core.config import DATA_DIR

BJ = ZoneInfo("Asia/Shanghai")


def test_demolition_deadline_is_provisional_then_recomputed(db_session: Session) -> None:
    s = db_session
    x, y = s.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND mgmt_class = 'normal' ORDER BY code LIMIT 1 OFFSET 300) q"
        )
    ).one()
    t0 = datetime(2026, 12, 10, 10, 0, tzinfo=BJ)  # Thursday
    case = report_case(
        s,
        ReportInput(
            wf.Source.inspector, "event:06001", x, y, description="已建成的违法建筑", condition=2
        ),
        wf.Actor(wf.Role.inspector, user_id=1),
        t0,
    ).case
    act(s, case.id, wf.Action.file, wf.Actor(wf.Role.shift_leader), ActionInput(), t0)
    act(s, case.id, wf.Action.dispatch, wf.Actor(wf.Role.dispatcher), ActionInput(), t0)
    handle = s.scalars(
        select(CaseStage).where(CaseStage.case_id == case.id, CaseStage.stage == "handle")
    ).one()
    assert handle.limit_value == 20 and handle.limit_unit == "work_day"
    assert handle.provisional and case.calendar_provisional
    assert handle.due_at.astimezone(BJ) == datetime(2027, 1, 7, 10, 0, tzinfo=BJ)

    schedule = load_schedule(DATA_DIR / "calendar" / "2027.example.json")
    changed = load_calendar_year(s, schedule, datetime(2026, 12, 11, 9, 0, tzinfo=BJ))
    assert [c["case_id"] for c in changed] == [case.id]
    s.refresh(handle)
    s.refresh(case)
    assert not handle.provisional and not case.calendar_provisional
    assert handle.due_at.astimezone(BJ) == datetime(2027, 1, 8, 10, 0, tzinfo=BJ)  # 元旦 01-01
    ev = s.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc())
    ).first()
    assert ev is not None and ev.action == "deadline_recomputed"
    assert ev.payload["old_due_at"].startswith("2027-01-07")
    assert verify_chains(s, case.id)[1] == []


def test_case_view_reports_used_ratio_and_light(db_session: Session) -> None:
    from app.cases.service import case_view

    s = db_session
    x, y = s.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND mgmt_class = 'normal' ORDER BY code LIMIT 1 OFFSET 700) q"
        )
    ).one()
    t0 = datetime(2026, 11, 20, 10, 0, tzinfo=BJ)  # Friday
    case = report_case(
        s,
        ReportInput(wf.Source.inspector, "event:09006", x, y, description="占道"),
        wf.Actor(wf.Role.inspector, user_id=1),
        t0,
    ).case
    act(s, case.id, wf.Action.file, wf.Actor(wf.Role.shift_leader), ActionInput(), t0)
    act(s, case.id, wf.Action.dispatch, wf.Actor(wf.Role.dispatcher), ActionInput(), t0)
    view = case_view(
        s, case, wf.Actor(wf.Role.dispatcher), datetime(2026, 11, 20, 11, 0, tzinfo=BJ)
    )
    handle = next(c for c in view["stages"] if c["stage"] == "handle")
    assert (
        handle["limit_value"] == 4 and handle["used_ratio"] == 0.25 and handle["light"] == "green"
    )
    # Friday 15:00: 10–12 and 13:30–15:00 are 3.5 of the 4 work hours → 0.875, yellow
    view = case_view(
        s, case, wf.Actor(wf.Role.dispatcher), datetime(2026, 11, 20, 15, 0, tzinfo=BJ)
    )
    handle = next(c for c in view["stages"] if c["stage"] == "handle")
    assert handle["used_ratio"] == 0.875 and handle["light"] == "yellow"
    view = case_view(s, case, wf.Actor(wf.Role.dispatcher), datetime(2026, 11, 23, 9, 0, tzinfo=BJ))
    handle = next(c for c in view["stages"] if c["stage"] == "handle")
    assert handle["light"] == "red" and handle["overdue"] and handle["used_ratio"] > 1
