"""The working calendar through the API: a year's days, loading a year, provisional clocks."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import CaseEvent
from app.cases.service import ActionInput, ReportInput, act, report_case

BJ = ZoneInfo("Asia/Shanghai")
ADMIN = {"X-Xiuhua-Role": "admin", "X-Xiuhua-User": "1"}
DISPATCHER = {"X-Xiuhua-Role": "dispatcher"}
SCHEDULE_2027 = {
    "source": "国办发明电〔2026〕测试号",
    "holidays": [
        {"start": "2027-01-01", "end": "2027-01-03", "name": "元旦"},
        {"start": "2027-02-06", "end": "2027-02-13", "name": "春节"},
        {"start": "2027-04-05", "name": "清明节"},
    ],
    "makeup_days": [{"date": "2027-02-20", "name": "春节"}],
}


def _provisional_case(s: Session) -> int:
    """A 20-work-day 违法建筑 case started on 2026-12-10: its deadline runs into 2027."""
    x, y = s.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND mgmt_class = 'normal' ORDER BY code LIMIT 1 OFFSET 300) q"
        )
    ).one()
    t0 = datetime(2026, 12, 10, 10, 0, tzinfo=BJ)
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
    s.flush()
    return case.id


def test_year_view_shows_holidays_and_makeup_days(client: Any) -> None:
    r = client.get("/api/v1/calendar/2026", headers=DISPATCHER)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["known"] is True and len(body["days"]) == 365
    by_date = {d["date"]: d for d in body["days"]}
    assert by_date["2026-10-01"]["kind"] == "holiday" and by_date["2026-10-01"]["name"] == "国庆节"
    assert (
        by_date["2026-10-01"]["kind_label"] == "节假日" and not by_date["2026-10-01"]["is_workday"]
    )
    makeup = [d for d in body["days"] if d["kind"] == "makeup_workday"]
    assert makeup and all(d["is_workday"] and d["name"].endswith("调休") for d in makeup)
    assert body["makeup_workdays"] == len(makeup)
    assert by_date["2026-12-07"]["kind"] == "workday"  # a Monday
    assert by_date["2026-12-05"]["kind"] == "weekend"

    unknown = client.get("/api/v1/calendar/2027", headers=DISPATCHER).json()
    assert unknown["known"] is False and unknown["holidays"] == 0
    assert next(d for d in unknown["days"] if d["date"] == "2027-01-01")["kind"] == "workday"

    summary = client.get("/api/v1/calendar", headers=ADMIN).json()
    assert summary["last_known_year"] == 2026
    assert summary["kind_labels"]["makeup_workday"] == "调休上班"

    # only centre roles, leaders and admins read it; only admins load
    r = client.get("/api/v1/calendar/2026", headers={"X-Xiuhua-Role": "unit_handler"})
    assert r.status_code == 403
    r = client.put("/api/v1/admin/calendar/2027", json=SCHEDULE_2027, headers=DISPATCHER)
    assert r.status_code == 403
    assert client.get("/api/v1/calendar/1999", headers=ADMIN).status_code == 422


def test_loading_next_year_recomputes_provisional_cases(client: Any, db_session: Session) -> None:
    case_id = _provisional_case(db_session)
    r = client.get("/api/v1/calendar/provisional-cases", headers=DISPATCHER)
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["last_known_year"] == 2026
    row = next(i for i in page["items"] if i["id"] == case_id)
    assert row["stages"] == ["处置"] and row["due_at"].startswith("2027-01-07")
    assert row["assigned_unit_name"]
    assert (
        client.get("/api/v1/calendar", headers=ADMIN).json()["provisional_cases"] == page["total"]
    )

    r = client.put("/api/v1/admin/calendar/2027", json=SCHEDULE_2027, headers=ADMIN)
    assert r.status_code == 200, r.text
    loaded = r.json()
    assert loaded["holidays"] == 3 + 8 + 1 and loaded["makeup_workdays"] == 1
    moved = next(c for c in loaded["recomputed"] if c["case_id"] == case_id)
    assert moved["old_due_at"].startswith("2027-01-07") and moved["new_due_at"].startswith(
        "2027-01-08"
    )

    year = client.get("/api/v1/calendar/2027", headers=DISPATCHER).json()
    assert year["known"] is True and year["source"] == "国办发明电〔2026〕测试号"
    day = {d["date"]: d for d in year["days"]}
    assert day["2027-02-20"]["kind"] == "makeup_workday" and day["2027-02-20"]["name"] == "春节调休"
    assert day["2027-04-05"]["name"] == "清明节"
    page = client.get("/api/v1/calendar/provisional-cases", headers=DISPATCHER).json()
    assert case_id not in [i["id"] for i in page["items"]]

    # audited: the case's chain records the recomputation, the admin event names the admin
    ev = db_session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq.desc())
    ).first()
    assert ev is not None and ev.action == "deadline_recomputed"
    events = client.get("/api/v1/admin/account-events", headers=ADMIN).json()
    audit = next(e for e in events if e["kind"] == "calendar_loaded")
    assert audit["actor_id"] == 1 and audit["detail"]["year"] == 2027
    assert audit["detail"]["recomputed"] >= 1

    # replacing the year again is allowed (a correction)
    r = client.put(
        "/api/v1/admin/calendar/2027",
        json={"holidays": [{"start": "2027-01-01", "name": "元旦"}]},
        headers=ADMIN,
    )
    assert r.status_code == 200 and r.json()["holidays"] == 1
    day = {d["date"]: d for d in client.get("/api/v1/calendar/2027", headers=ADMIN).json()["days"]}
    assert day["2027-02-20"]["kind"] == "weekend"


def test_invalid_schedules_are_refused_with_codes(client: Any) -> None:
    cases = [
        ({"holidays": [{"start": "2028-01-01", "name": "元旦"}]}, "calendar_date_outside_year"),
        (
            {
                "holidays": [{"start": "2027-01-01", "end": "2027-01-03", "name": "元旦"}],
                "makeup_days": [{"date": "2027-01-02", "name": "元旦"}],
            },
            "calendar_date_repeated",
        ),
        (
            {"holidays": [], "makeup_days": [{"date": "2027-02-22", "name": "春节"}]},
            "calendar_makeup_not_weekend",
        ),
        (
            {"holidays": [{"start": "2027-02-13", "end": "2027-02-06", "name": "春节"}]},
            "calendar_range_invalid",
        ),
    ]
    for body, code in cases:
        r = client.put("/api/v1/admin/calendar/2027", json=body, headers=ADMIN)
        assert r.status_code == 422, (code, r.text)
        assert r.json()["code"] == code and r.json()["message"], r.json()
    r = client.put(
        "/api/v1/admin/calendar/2027",
        json={"holidays": [{"start": "2027-01-01", "name": ""}]},
        headers=ADMIN,
    )
    assert r.status_code == 422
    assert client.get("/api/v1/calendar/2027", headers=ADMIN).json()["known"] is False
