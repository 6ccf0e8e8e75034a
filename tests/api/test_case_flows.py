"""HTTP: every branch of the closed loop (DOMAIN.md §4) walked by a real case against PostGIS.

Each test reports real cases through POST /api/v1/cases in the 张店区 demo city and drives them
with POST /api/v1/cases/{id}/actions/{action} under the identity headers. The shared `client`
session is rolled back after each test; tests that need commits, threads or fixed clocks live in
tests/service/test_case_engine.py.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import TimeUnit, add_business_time
from app.core.config import get_settings
from app.grid.coords import from_wgs84
from tests.support.api import (
    DISPATCHER,
    HOTLINE,
    INSPECTOR,
    INSPECTOR_ID,
    LEADER,
    OPERATOR,
    OTHER_INSPECTOR,
    OTHER_INSPECTOR_ID,
    PHOTO,
    Api,
    chain_ok,
    counts,
    err,
    handler,
    offset,
    upload_photo,
    who,
)


def open_stages(case: dict[str, Any], stage: str | None = None) -> list[dict[str, Any]]:
    return [
        s
        for s in case["stages"]
        if s["stopped_at"] is None and (stage is None or s["stage"] == stage)
    ]


def next_case_no(session: Session, step: int = 1) -> str:
    """The number the step-th next report of this year in 张店区 gets (the template has none)."""
    year = datetime.now(ZoneInfo(get_settings().calendar_timezone)).year
    last = session.execute(
        text(
            "SELECT last_seq FROM dispatch_case_number WHERE district_code = '370303' AND year = :y"
        ),
        {"y": year},
    ).scalar()
    return f"370303-{year}-{(last or 0) + step:06d}"


def ts(value: str) -> datetime:
    return datetime.fromisoformat(value)


# ---------------------------------------------------------------------------------------------
# Report (上报): numbering, location snapshot, first event
# ---------------------------------------------------------------------------------------------


def test_report_numbers_locates_and_snapshots(
    api: Api, client: Any, db_session: Session, units: dict[str, int]
) -> None:
    year = datetime.now(ZoneInfo(get_settings().calendar_timezone)).year
    expected = [next_case_no(db_session, n) for n in (1, 2, 3)]
    assert expected[0] == f"370303-{year}-000001"  # the template city has no cases yet
    first = api.report()
    second = api.report(OPERATOR, source="public", category="event:07001")
    third = api.report(HOTLINE, source="hotline")
    assert [c["case_no"] for c in (first, second, third)] == expected
    assert re.fullmatch(r"370303-\d{4}-\d{6}", first["case_no"])

    loc = client.get("/api/v1/locate", params={"lon": api.spot[0], "lat": api.spot[1]}).json()
    route = client.get(
        "/api/v1/route", params={"lon": api.spot[0], "lat": api.spot[1], "category": "event:09006"}
    ).json()
    assert first["status"] == "reported" and first["status_label"] == "待受理"
    assert first["source"] == "inspector"
    assert first["category"] == {"kind": "event", "code": "09006", "name": "占道经营"}
    for key in ("grid_code", "community_code", "street_code", "district_code", "mgmt_class"):
        assert first[key] == loc[key]
    assert first["routed_unit_id"] == route["unit"]["id"] == units["370303-CG"]
    assert first["routed_by"] == "rule"
    assert first["point"]["raw_crs"] == "wgs84"
    assert first["point"]["lon"] == pytest.approx(api.spot[0], abs=1e-9)
    # the 立案 clock runs from the report
    (clock,) = first["stages"]
    assert (clock["stage"], clock["limit_value"], clock["limit_unit"]) == ("file", 30.0, "minute")
    assert clock["started_at"] == first["timestamps"]["reported_at"]
    assert first["counters"]["dispatches"] == 0 and first["pending"] is None
    (ev,) = api.events(first)
    assert (ev["seq"], ev["action"], ev["from_status"], ev["to_status"]) == (
        1,
        "report",
        None,
        "reported",
    )
    assert (ev["actor_id"], ev["actor_role"]) == (INSPECTOR_ID, "inspector")
    assert ev["payload"]["grid_code"] == loc["grid_code"]
    assert ev["prev_hash"] == "0" * 64
    assert second["source"] == "public" and third["source"] == "hotline"

    # a re-survey retires the cell: the case keeps the cell/community/street it was located in
    db_session.execute(
        text("UPDATE grid_cell SET valid_to = now() WHERE code = :g AND valid_to IS NULL"),
        {"g": first["grid_code"]},
    )
    again = api.get(first)
    for key in ("grid_code", "community_code", "street_code"):
        assert again[key] == first[key]
    chain_ok(db_session, first["id"], 1)


def test_report_in_gcj02_keeps_raw_and_stores_true_position(api: Api) -> None:
    gx, gy = from_wgs84(api.spot[0], api.spot[1], "gcj02")
    case = api.report(lon=gx, lat=gy, crs="gcj02")
    assert case["point"]["raw_crs"] == "gcj02"
    assert (case["point"]["raw_lon"], case["point"]["raw_lat"]) == (gx, gy)
    assert case["point"]["lon"] == pytest.approx(api.spot[0], abs=2e-5)
    assert case["point"]["lat"] == pytest.approx(api.spot[1], abs=2e-5)


# ---------------------------------------------------------------------------------------------
# 受理: send to verify → exists / does not exist; reject; merge
# ---------------------------------------------------------------------------------------------


def test_public_report_verified_exists_then_filed(api: Api, db_session: Session) -> None:
    case = api.report(OPERATOR, source="public")
    assert "send_verify" in case["allowed_actions"]
    case = api.act(case, "send_verify", OPERATOR, note="请核实")
    assert case["status"] == "verifying"
    (verify,) = open_stages(case)
    assert (verify["stage"], verify["limit_value"], verify["limit_unit"]) == (
        "verify",
        1.0,
        "work_hour",
    )
    # only inspectors verify
    err(api.act_raw(case, "verify_exists", OPERATOR), 403, "action_forbidden")
    case = api.act(case, "verify_exists", INSPECTOR, photos=PHOTO)
    assert case["status"] == "reported"
    assert case["timestamps"]["verified_at"] is not None
    assert [s["stage"] for s in open_stages(case)] == ["file"]
    case = api.act(case, "file", LEADER)
    assert case["status"] == "filed" and case["timestamps"]["filed_at"] is not None
    assert [s["stage"] for s in open_stages(case)] == ["dispatch"]
    assert api.trail(case) == ["report", "send_verify", "verify_exists", "file"]
    chain_ok(db_session, case["id"], 4)


def test_hotline_report_verified_not_exists_is_rejected(api: Api, db_session: Session) -> None:
    case = api.report(HOTLINE, source="hotline", address_text="华光路 88 号门口")
    assert case["address_text"] == "华光路 88 号门口"
    case = api.act(case, "send_verify", OPERATOR)
    (verify,) = open_stages(case)
    assert (verify["limit_value"], verify["limit_unit"]) == (2.0, "work_hour")  # hotline row
    case = api.act(case, "verify_not_exists", INSPECTOR, note="现场未发现")
    assert case["status"] == "rejected"
    assert case["timestamps"]["finished_at"] is not None
    assert open_stages(case) == []
    assert case["allowed_actions"] == []
    body = err(api.act_raw(case, "file", LEADER), 409, "invalid_transition")
    assert body["detail"]["status"] == "rejected"
    assert api.trail(case) == ["report", "send_verify", "verify_not_exists"]
    chain_ok(db_session, case["id"], 3)


def test_inspector_reports_need_no_verification(api: Api) -> None:
    case = api.report()
    body = err(api.act_raw(case, "send_verify", OPERATOR), 409, "invalid_transition")
    assert body["detail"]["status"] == "reported"
    assert "无需核实" in body["message"]


def test_reject_needs_a_reason(api: Api, db_session: Session) -> None:
    case = api.report(OPERATOR, source="public")
    for body in ({}, {"note": "   "}):
        e = err(api.act_raw(case, "reject", OPERATOR, **body), 422, "invalid_input")
        assert "理由" in e["message"]
    assert api.get(case)["status"] == "reported"
    assert api.trail(case) == ["report"]
    case = api.act(case, "reject", LEADER, note="不属于城管受理范围")
    assert case["status"] == "rejected" and case["status_label"] == "不予受理/不予立案"
    assert api.events(case)[-1]["note"] == "不属于城管受理范围"
    chain_ok(db_session, case["id"], 2)


def test_merge_into_an_open_master_keeps_both_histories(api: Api, db_session: Session) -> None:
    master = api.report()
    dup = api.report(HOTLINE, source="hotline")
    assert [d["id"] for d in dup["possible_duplicates"]] == [master["id"]]
    # the master must be another, open case
    err(api.act_raw(dup, "merge", OPERATOR), 422, "invalid_input")
    err(api.act_raw(dup, "merge", OPERATOR, master_case_id=dup["id"]), 422, "invalid_input")
    err(api.act_raw(dup, "merge", OPERATOR, master_case_id=10**9), 422, "invalid_input")
    closed = api.act(api.report(), "self_handle", INSPECTOR, photos=PHOTO)
    err(api.act_raw(dup, "merge", OPERATOR, master_case_id=closed["id"]), 422, "invalid_input")

    merged = api.act(dup, "merge", OPERATOR, master_case_id=master["id"], note="同一摊点")
    assert merged["status"] == "merged" and merged["master_case_id"] == master["id"]
    assert merged["timestamps"]["finished_at"] is not None
    m = api.get(master)
    assert m["status"] == "reported"
    assert m["counters"]["repeat_requests"] == 1  # hotline repeat request (重复诉求)
    assert api.trail(dup) == ["report", "merge"]
    assert api.trail(master) == ["report", "merged_in"]
    merged_in = api.events(master)[-1]
    assert merged_in["payload"]["merged_case_id"] == dup["id"]
    assert merged_in["payload"]["merged_case_no"] == dup["case_no"]
    assert merged_in["from_status"] == merged_in["to_status"] == "reported"

    # a non-hotline duplicate does not count as a repeat request
    other = api.report(OPERATOR, source="public")
    api.act(other, "merge", OPERATOR, master_case_id=master["id"])
    m = api.get(master)
    assert m["counters"]["repeat_requests"] == 1
    assert api.trail(master) == ["report", "merged_in", "merged_in"]
    for c, n in ((master, 3), (dup, 2), (other, 2)):
        chain_ok(db_session, c["id"], n)


# ---------------------------------------------------------------------------------------------
# 立案 / 自处理
# ---------------------------------------------------------------------------------------------


def test_file_only_by_shift_leader(api: Api) -> None:
    case = api.report()
    for h in (INSPECTOR, OPERATOR, DISPATCHER):
        err(api.act_raw(case, "file", h), 403, "action_forbidden")
    assert api.act(case, "file", LEADER)["status"] == "filed"


def test_self_handle_only_by_the_reporter_with_photos(api: Api, db_session: Session) -> None:
    case = api.report()
    # another inspector does not even see the case (out of scope: 404, ids do not leak)
    err(api.act_raw(case, "self_handle", OTHER_INSPECTOR, photos=PHOTO), 404, "not_found")
    err(api.act_raw(case, "self_handle", who("inspector"), photos=PHOTO), 404, "not_found")
    err(api.act_raw(case, "self_handle", OPERATOR, photos=PHOTO), 403, "action_forbidden")
    e = err(api.act_raw(case, "self_handle", INSPECTOR), 422, "invalid_input")
    assert "照片" in e["message"]
    case = api.act(case, "self_handle", INSPECTOR, photos=PHOTO, note="现场劝离")
    assert case["status"] == "closed"
    assert case["timestamps"]["closed_at"] == case["timestamps"]["finished_at"] is not None
    assert open_stages(case) == []
    assert api.events(case)[-1]["photos"] == api.last_photos
    chain_ok(db_session, case["id"], 2)


# ---------------------------------------------------------------------------------------------
# 派遣 / 签收
# ---------------------------------------------------------------------------------------------


def test_dispatch_defaults_to_the_suggested_unit(api: Api, units: dict[str, int]) -> None:
    case = api.filed()
    err(api.act_raw(case, "dispatch", LEADER), 403, "action_forbidden")
    case = api.act(case, "dispatch", DISPATCHER)
    assert case["status"] == "dispatched" and case["status_label"] == "处置中"
    assert case["assigned_unit_id"] == case["routed_unit_id"] == units["370303-CG"]
    assert case["dispatching_unit_id"] is None and case["signed"] is False
    assert case["counters"]["dispatches"] == 1
    assert case["timestamps"]["dispatched_at"] is not None
    (handle,) = open_stages(case)
    assert handle["stage"] == "handle" and handle["unit_id"] == units["370303-CG"]
    assert (handle["limit_value"], handle["limit_unit"], handle["level"]) == (4.0, "work_hour", 1)
    assert [s["stopped_at"] is not None for s in case["stages"]] == [True, True, False]


def test_dispatch_to_an_explicit_unit(api: Api, units: dict[str, int]) -> None:
    case = api.filed()
    err(api.act_raw(case, "dispatch", DISPATCHER, unit_id=10**6), 422, "invalid_input")
    case = api.act(case, "dispatch", DISPATCHER, unit_id=units["370303-HW"])
    assert case["assigned_unit_id"] == units["370303-HW"]
    assert api.events(case)[-1]["payload"]["unit_id"] == units["370303-HW"]


def test_sign_only_by_the_assigned_unit(api: Api, units: dict[str, int]) -> None:
    case = api.dispatched()
    cg = case["assigned_unit_id"]
    # another unit does not see the case at all (404, not 403: ids do not leak)
    err(api.act_raw(case, "sign", handler(units["370303-HW"])), 404, "not_found")
    err(api.act_raw(case, "sign", DISPATCHER), 403, "action_forbidden")
    err(
        api.c.get(f"/api/v1/cases/{case['id']}", headers=handler(units["370303-HW"])),
        404,
        "not_found",
    )
    case = api.act(case, "sign", handler(cg))
    assert case["signed"] is True and case["timestamps"]["signed_at"] is not None
    assert case["status"] == "dispatched"
    e = err(api.act_raw(case, "sign", handler(cg)), 409, "invalid_transition")
    assert "已经签收" in e["message"]


# ---------------------------------------------------------------------------------------------
# 回退 / 延期 / 挂账
# ---------------------------------------------------------------------------------------------


def test_return_request_denied_then_approved(
    api: Api, db_session: Session, units: dict[str, int]
) -> None:
    case = api.signed()
    cg = handler(case["assigned_unit_id"])
    err(api.act_raw(case, "return_request", cg), 422, "invalid_input")
    case = api.act(case, "return_request", cg, note="不属于本单位职责")
    assert case["pending"] == "return" and case["status"] == "dispatched"
    # one open request per case
    e = err(api.act_raw(case, "extend_request", cg, hours=2, note="x"), 409, "invalid_transition")
    assert "回退" in e["message"]
    err(api.act_raw(case, "return_approve", LEADER), 403, "action_forbidden")
    err(api.act_raw(case, "return_deny", DISPATCHER), 422, "invalid_input")  # reason needed
    case = api.act(case, "return_deny", DISPATCHER, note="属于本单位职责，请处置")
    assert case["pending"] is None and case["status"] == "dispatched"
    assert case["assigned_unit_id"] == units["370303-CG"] and case["signed"] is True
    err(api.act_raw(case, "return_approve", DISPATCHER), 409, "invalid_transition")

    case = api.act(case, "return_request", cg, note="确属园林部门")
    case = api.act(case, "return_approve", DISPATCHER)
    assert case["status"] == "filed" and case["pending"] is None
    assert case["assigned_unit_id"] is None and case["signed"] is False
    assert case["counters"]["returns"] == 1
    assert [s["stage"] for s in open_stages(case)] == ["dispatch"]
    # re-dispatched to the right unit
    case = api.act(case, "dispatch", DISPATCHER, unit_id=units["370303-YL"])
    assert case["assigned_unit_id"] == units["370303-YL"]
    assert case["counters"]["dispatches"] == 2 and case["counters"]["returns"] == 1
    assert api.trail(case) == [
        "report",
        "file",
        "dispatch",
        "sign",
        "return_request",
        "return_deny",
        "return_request",
        "return_approve",
        "dispatch",
    ]
    chain_ok(db_session, case["id"], 9)


def test_extension_moves_the_handling_due_in_work_hours(api: Api, db_session: Session) -> None:
    case = api.signed()
    cg = handler(case["assigned_unit_id"])
    (before,) = open_stages(case, "handle")
    for bad in (0, -1, 721):
        e = err(api.act_raw(case, "extend_request", cg, hours=bad, note="x"), 422, "invalid_input")
        assert "延期时长" in e["message"]
    r = api.act_raw(case, "extend_request", cg, hours="NaN", note="x")
    assert r.status_code == 422 and r.json()["code"] in ("invalid_request", "invalid_input")
    err(api.act_raw(case, "extend_request", cg, hours=3), 422, "invalid_input")  # no reason
    case = api.act(case, "extend_request", cg, hours=3, note="摊主拒不配合，需联合执法")
    assert case["pending"] == "extend"
    err(api.act_raw(case, "extend_approve", cg), 403, "action_forbidden")
    case = api.act(case, "extend_approve", DISPATCHER)  # approves the hours asked for
    assert case["pending"] is None
    assert case["counters"]["extensions"] == 1 and case["counters"]["extension_hours"] == 3.0
    (after,) = open_stages(case, "handle")
    assert after["extension_hours"] == 3.0
    cal = get_calendar(db_session)
    started = ts(after["started_at"])
    assert (
        ts(before["due_at"])
        == add_business_time(started, Decimal(4), TimeUnit.work_hour, cal).due_at
    )
    expected = add_business_time(started, Decimal(4 + 3), TimeUnit.work_hour, cal).due_at
    assert ts(after["due_at"]) == expected
    assert expected == add_business_time(ts(before["due_at"]), 3, TimeUnit.work_hour, cal).due_at
    assert api.events(case)[-1]["payload"]["hours"] == "3"

    # the dispatcher may grant fewer hours than asked; a denial leaves the due alone
    case = api.act(case, "extend_request", cg, hours=8, note="再延")
    case = api.act(case, "extend_approve", DISPATCHER, hours="1.5")
    (after2,) = open_stages(case, "handle")
    assert (
        ts(after2["due_at"])
        == add_business_time(started, Decimal("8.5"), TimeUnit.work_hour, cal).due_at
    )
    case = api.act(case, "extend_request", cg, hours=2, note="再延")
    err(api.act_raw(case, "extend_deny", DISPATCHER), 422, "invalid_input")
    case = api.act(case, "extend_deny", DISPATCHER, note="不予延期")
    (after3,) = open_stages(case, "handle")
    assert after3["due_at"] == after2["due_at"]
    assert case["counters"]["extensions"] == 2 and case["counters"]["extension_hours"] == 4.5
    chain_ok(db_session, case["id"], 10)


def test_suspend_pauses_the_clock_and_resume_restarts_it(api: Api, db_session: Session) -> None:
    case = api.signed()
    cg = handler(case["assigned_unit_id"])
    err(api.act_raw(case, "suspend_request", cg), 422, "invalid_input")
    case = api.act(case, "suspend_request", cg, note="涉及规划调整，暂缓")
    case = api.act(case, "suspend_deny", DISPATCHER, note="不符合挂账条件")
    assert case["status"] == "dispatched" and case["pending"] is None
    case = api.act(case, "suspend_request", cg, note="涉及规划调整，暂缓")
    case = api.act(case, "suspend_approve", DISPATCHER)
    assert case["status"] == "suspended" and case["status_label"] == "挂账"
    assert case["pending"] is None and case["counters"]["suspensions"] == 1
    (handle,) = open_stages(case, "handle")
    assert handle["paused"] is True
    e = err(api.act_raw(case, "handle", cg, photos=PHOTO), 409, "invalid_transition")
    assert e["detail"]["status"] == "suspended"
    err(api.act_raw(case, "resume", cg), 403, "action_forbidden")
    case = api.act(case, "resume", DISPATCHER)
    assert case["status"] == "dispatched" and case["signed"] is True
    (handle2,) = open_stages(case, "handle")
    assert handle2["paused"] is False
    assert ts(handle2["due_at"]) >= ts(handle["due_at"])  # exact shift: tests/service
    case = api.act(case, "handle", cg, photos=PHOTO)
    assert case["status"] == "handled"
    chain_ok(db_session, case["id"], 10)


# ---------------------------------------------------------------------------------------------
# 处置反馈 → 核查 → 结案 → 回访; 返工; 作废
# ---------------------------------------------------------------------------------------------


def test_hotline_case_closes_the_loop_with_a_call_back(
    api: Api, db_session: Session, units: dict[str, int]
) -> None:
    case = api.report(HOTLINE, source="hotline")
    case = api.act(case, "send_verify", OPERATOR)
    case = api.act(case, "verify_exists", INSPECTOR)
    case = api.act(case, "file", LEADER)
    case = api.act(case, "dispatch", DISPATCHER)
    cg = handler(case["assigned_unit_id"])
    e = err(api.act_raw(case, "handle", cg, photos=PHOTO), 409, "invalid_transition")
    assert "尚未签收" in e["message"]
    case = api.act(case, "sign", cg)
    e = err(api.act_raw(case, "handle", cg), 422, "invalid_input")
    assert "照片" in e["message"]
    err(api.act_raw(case, "handle", handler(units["370303-HW"]), photos=PHOTO), 404, "not_found")
    case = api.act(case, "handle", cg, photos=PHOTO, note="已清理")
    assert case["status"] == "handled" and case["timestamps"]["handled_at"] is not None
    assert [s["stage"] for s in open_stages(case)] == ["check"]
    err(api.act_raw(case, "check_pass", INSPECTOR), 422, "invalid_input")  # photos
    err(api.act_raw(case, "check_pass", OPERATOR, photos=PHOTO), 403, "action_forbidden")
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    assert case["status"] == "to_close" and case["timestamps"]["checked_at"] is not None
    assert [s["stage"] for s in open_stages(case)] == ["close"]
    err(api.act_raw(case, "close", DISPATCHER), 403, "action_forbidden")
    case = api.act(case, "close", LEADER)
    assert case["status"] == "closed" and case["timestamps"]["closed_at"] is not None
    assert case["timestamps"]["finished_at"] == case["timestamps"]["closed_at"]
    assert open_stages(case) == []
    assert api.get(case, HOTLINE)["allowed_actions"] == ["callback"]
    e = err(api.act_raw(case, "callback", HOTLINE, satisfaction="很好"), 422, "invalid_input")
    assert "满意" in e["message"]
    err(api.act_raw(case, "callback", OPERATOR, satisfaction="satisfied"), 403, "action_forbidden")
    case = api.act(case, "callback", HOTLINE, satisfaction="satisfied", note="回访")
    assert case["status"] == "evaluated" and case["satisfaction"] == "satisfied"
    err(api.act_raw(case, "callback", HOTLINE, satisfaction="satisfied"), 409, "invalid_transition")
    trail = [
        "report",
        "send_verify",
        "verify_exists",
        "file",
        "dispatch",
        "sign",
        "handle",
        "check_pass",
        "close",
        "callback",
    ]
    assert api.trail(case) == trail
    evs = api.events(case)
    assert [e["seq"] for e in evs] == list(range(1, 11))
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(evs))
    chain_ok(db_session, case["id"], 10)


def test_call_back_only_for_hotline_cases(api: Api) -> None:
    case = api.handled()
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    case = api.act(case, "close", LEADER)
    # hotline agents see hotline cases only: an inspector's case is not found for them
    err(api.c.get(f"/api/v1/cases/{case['id']}", headers=HOTLINE), 404, "not_found")
    err(api.act_raw(case, "callback", HOTLINE, satisfaction="satisfied"), 404, "not_found")


@pytest.mark.parametrize("answer", ["satisfied", "basically_satisfied", "dissatisfied"])
def test_every_call_back_answer_is_stored(api: Api, answer: str) -> None:
    """BUG: dispatch_case.satisfaction is VARCHAR(16); 'basically_satisfied' has 19 characters,
    so a 基本满意 call-back ends in a DataError (HTTP 500) instead of 'evaluated'."""
    case = api.report(HOTLINE, source="hotline")
    case = api.act(case, "send_verify", OPERATOR)
    case = api.act(case, "verify_exists", INSPECTOR)
    case = api.act(case, "file", LEADER)
    case = api.act(case, "dispatch", DISPATCHER)
    unit = handler(case["assigned_unit_id"])
    case = api.act(case, "sign", unit)
    case = api.act(case, "handle", unit, photos=PHOTO)
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    case = api.act(case, "close", LEADER)
    case = api.act(case, "callback", HOTLINE, satisfaction=answer)
    assert case["status"] == "evaluated" and case["satisfaction"] == answer


def test_check_fail_sends_the_case_back_to_the_same_unit(api: Api, db_session: Session) -> None:
    case = api.handled()
    unit_id = case["assigned_unit_id"]
    err(api.act_raw(case, "check_fail", INSPECTOR, photos=PHOTO), 422, "invalid_input")
    err(api.act_raw(case, "check_fail", INSPECTOR, note="仍有摊位"), 422, "invalid_input")
    case = api.act(case, "check_fail", INSPECTOR, photos=PHOTO, note="仍有摊位")
    assert case["status"] == "dispatched"  # 返工
    assert case["assigned_unit_id"] == unit_id and case["signed"] is False
    assert case["counters"]["reworks"] == 1 and case["counters"]["dispatches"] == 1
    handles = [s for s in case["stages"] if s["stage"] == "handle"]
    assert [s["stopped_at"] is None for s in handles] == [False, True]  # a new handling clock
    e = err(api.act_raw(case, "handle", handler(unit_id), photos=PHOTO), 409, "invalid_transition")
    assert "尚未签收" in e["message"]
    case = api.act(case, "sign", handler(unit_id))
    case = api.act(case, "handle", handler(unit_id), photos=PHOTO)
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    assert case["status"] == "to_close" and case["counters"]["reworks"] == 1
    chain_ok(db_session, case["id"], 9)


def test_void_request_denied_then_approved(api: Api, db_session: Session) -> None:
    case = api.filed()
    err(api.act_raw(case, "void_request", DISPATCHER), 422, "invalid_input")
    err(api.act_raw(case, "void_request", LEADER, note="x"), 403, "action_forbidden")
    case = api.act(case, "void_request", DISPATCHER, note="重复立案")
    assert case["pending"] == "void" and case["status"] == "filed"
    assert "void_approve" in api.get(case, LEADER)["allowed_actions"]
    err(api.act_raw(case, "void_approve", DISPATCHER), 403, "action_forbidden")
    err(api.act_raw(case, "void_deny", LEADER), 422, "invalid_input")
    case = api.act(case, "void_deny", LEADER, note="并非重复")
    assert case["pending"] is None and case["status"] == "filed"
    err(api.act_raw(case, "void_approve", LEADER), 409, "invalid_transition")
    case = api.act(case, "void_request", DISPATCHER, note="重复立案")
    case = api.act(case, "void_approve", LEADER)
    assert case["status"] == "voided" and case["status_label"] == "已作废"
    assert case["pending"] is None and open_stages(case) == []
    assert case["timestamps"]["finished_at"] is not None
    chain_ok(db_session, case["id"], 6)


# ---------------------------------------------------------------------------------------------
# 二级派遣
# ---------------------------------------------------------------------------------------------


def test_two_level_dispatch_to_a_sub_unit(
    api: Api, db_session: Session, units: dict[str, int]
) -> None:
    cg, squad = units["370303-CG"], units["370303001-ZD"]
    case = api.dispatched(cg)
    assert "redispatch" in api.get(case, handler(cg))["allowed_actions"]
    # not a child of 综合行政执法局: 市政工程服务中心 belongs to 住建局; and a sibling bureau
    for other in (units["370303-SZ"], units["370303-ZJ"], cg):
        e = err(api.act_raw(case, "redispatch", handler(cg), unit_id=other), 422, "invalid_input")
        assert "下级单位" in e["message"]
    err(api.act_raw(case, "redispatch", handler(cg)), 422, "invalid_input")  # no unit
    err(api.act_raw(case, "redispatch", DISPATCHER, unit_id=squad), 403, "action_forbidden")
    err(api.act_raw(case, "redispatch", handler(squad), unit_id=squad), 404, "not_found")
    case = api.act(case, "redispatch", handler(cg), unit_id=squad, note="请辖区中队处置")
    assert case["status"] == "dispatched"
    assert (case["assigned_unit_id"], case["dispatching_unit_id"]) == (squad, cg)
    assert case["signed"] is False and case["counters"]["redispatches"] == 1
    handles = open_stages(case, "handle")
    assert sorted((s["level"], s["unit_id"]) for s in handles) == [(1, cg), (2, squad)]
    # the parent neither signs nor handles now; no third level
    err(api.act_raw(case, "sign", handler(cg)), 403, "action_forbidden")
    case = api.act(case, "sign", handler(squad))
    e = err(
        api.act_raw(case, "redispatch", handler(squad), unit_id=squad), 409, "invalid_transition"
    )
    assert e["detail"]["status"] == "dispatched"
    case = api.act(case, "handle", handler(squad), photos=PHOTO)
    assert case["status"] == "handled" and open_stages(case, "handle") == []
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    case = api.act(case, "close", LEADER)
    assert case["status"] == "closed"
    chain_ok(db_session, case["id"], 8)


def test_return_at_level_two_is_recalled_by_the_parent(
    api: Api, db_session: Session, units: dict[str, int]
) -> None:
    cg, lamp = units["370303-CG"], units["370303-LD"]
    case = api.act(api.dispatched(cg), "sign", handler(cg))
    case = api.act(case, "redispatch", handler(cg), unit_id=lamp)
    case = api.act(case, "sign", handler(lamp))
    case = api.act(case, "return_request", handler(lamp), note="非路灯问题")
    # at level 2 the parent decides, not the centre
    e = err(api.act_raw(case, "return_approve", DISPATCHER), 403, "action_forbidden")
    assert "上级单位" in e["message"]
    err(api.act_raw(case, "recall", DISPATCHER), 403, "action_forbidden")
    err(api.act_raw(case, "recall", handler(lamp)), 403, "action_forbidden")
    assert api.get(case, handler(cg))["allowed_actions"] == ["recall", "return_deny"]
    case = api.act(case, "return_deny", handler(cg), note="请先处置")
    assert case["pending"] is None and case["assigned_unit_id"] == lamp
    case = api.act(case, "return_request", handler(lamp), note="非路灯问题")
    case = api.act(case, "recall", handler(cg))
    assert case["status"] == "dispatched" and case["pending"] is None
    assert (case["assigned_unit_id"], case["dispatching_unit_id"]) == (cg, None)
    assert case["signed"] is True  # the parent had signed before re-dispatching
    assert case["counters"]["returns"] == 1
    handles = [s for s in case["stages"] if s["stage"] == "handle"]
    assert sorted((s["level"], s["stopped_at"] is None) for s in handles) == [(1, True), (2, False)]
    # the parent handles it itself (or re-dispatches again)
    assert "redispatch" in api.get(case, handler(cg))["allowed_actions"]
    case = api.act(case, "handle", handler(cg), photos=PHOTO)
    assert case["status"] == "handled"
    chain_ok(db_session, case["id"], 11)


# ---------------------------------------------------------------------------------------------
# Configurable automation
# ---------------------------------------------------------------------------------------------


def test_auto_close_on_check_pass(
    api: Api, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = api.handled()
    monkeypatch.setattr(get_settings(), "auto_close_on_check_pass", True)
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    assert case["status"] == "closed" and case["timestamps"]["closed_at"] is not None
    evs = api.events(case)
    assert [(e["action"], e["actor_role"]) for e in evs[-2:]] == [
        ("check_pass", "inspector"),
        ("close", "system"),
    ]
    assert [s["stage"] for s in case["stages"]][-2:] == ["check", "close"]
    assert open_stages(case) == []
    chain_ok(db_session, case["id"], 7)


def test_auto_file_for_configured_sources(
    api: Api, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "auto_file_sources", ["inspector"])
    case = api.report()
    assert case["status"] == "filed" and case["timestamps"]["filed_at"] is not None
    assert [(e["action"], e["actor_role"]) for e in api.events(case)] == [
        ("report", "inspector"),
        ("file", "system"),
    ]
    assert [s["stage"] for s in open_stages(case)] == ["dispatch"]
    public = api.report(OPERATOR, source="public")  # not configured: stays 待受理
    assert public["status"] == "reported"
    # a category configured for automatic dispatch goes straight to the suggested unit
    db_session.execute(
        text(
            "UPDATE dispatch_category SET auto_dispatch = true"
            " WHERE kind = 'event' AND code = '09006'"
        )
    )
    auto = api.report()
    assert auto["status"] == "dispatched"
    assert auto["assigned_unit_id"] == auto["routed_unit_id"]
    assert api.trail(auto) == ["report", "file", "dispatch"]
    chain_ok(db_session, auto["id"], 3)


# ---------------------------------------------------------------------------------------------
# Who may do what: allowed_actions, 401/403/409/404
# ---------------------------------------------------------------------------------------------


def test_allowed_actions_match_the_table(
    api: Api, db_session: Session, units: dict[str, int]
) -> None:
    cg, hw = units["370303-CG"], units["370303-HW"]
    parents = {
        p
        for (p,) in db_session.execute(
            text("SELECT DISTINCT parent_id FROM grid_unit WHERE parent_id IS NOT NULL AND active")
        )
    }
    actors = [
        (INSPECTOR, wf.Actor(wf.Role.inspector, INSPECTOR_ID)),
        (OTHER_INSPECTOR, wf.Actor(wf.Role.inspector, OTHER_INSPECTOR_ID)),
        (OPERATOR, wf.Actor(wf.Role.operator, 201)),
        (LEADER, wf.Actor(wf.Role.shift_leader, 301)),
        (DISPATCHER, wf.Actor(wf.Role.dispatcher, 401)),
        (HOTLINE, wf.Actor(wf.Role.hotline_agent, 601)),
        (handler(cg), wf.Actor(wf.Role.unit_handler, 501, cg)),
        (handler(hw), wf.Actor(wf.Role.unit_handler, 501, hw)),
        (who("leader", 9), wf.Actor(wf.Role.leader, 9)),
        (who("admin", 1), wf.Actor(wf.Role.admin, 1)),
    ]
    seen: set[str] = set()

    def check(case: dict[str, Any], reporter: int | None) -> None:
        seen.add(case["status"] + (f"+{case['pending']}" if case["pending"] else ""))
        for headers, actor in actors:
            r = api.c.get(f"/api/v1/cases/{case['id']}", headers=headers)
            if r.status_code == 404:  # out of the actor's scope: may it really not see the case?
                assert actor.role in (
                    wf.Role.inspector,
                    wf.Role.unit_handler,
                    wf.Role.hotline_agent,
                )
                continue
            view = r.json()
            state = wf.CaseState(
                status=wf.Status(view["status"]),
                source=wf.Source(view["source"]),
                pending=wf.Pending(view["pending"]) if view["pending"] else None,
                assigned_unit_id=view["assigned_unit_id"],
                assigned_unit_has_sub_units=view["assigned_unit_id"] in parents,
                dispatching_unit_id=view["dispatching_unit_id"],
                signed=view["signed"],
                reporter_id=reporter,
            )
            expected = [a.value for a in wf.allowed_actions(state, actor)]
            assert view["allowed_actions"] == expected, (view["status"], headers)

    hot = api.report(HOTLINE, source="hotline")
    check(hot, 601)
    assert api.get(hot)["allowed_actions"] == ["send_verify", "reject", "merge"]
    hot = api.act(hot, "send_verify", OPERATOR)
    check(hot, 601)
    hot = api.act(hot, "verify_exists", INSPECTOR)
    hot = api.act(hot, "file", LEADER)
    check(hot, 601)
    assert api.get(hot, DISPATCHER)["allowed_actions"] == ["dispatch", "void_request"]
    hot = api.act(hot, "dispatch", DISPATCHER)
    check(hot, 601)
    assert api.get(hot, handler(cg))["allowed_actions"] == [
        "sign",
        "redispatch",
        "return_request",
        "extend_request",
        "suspend_request",
    ]
    hot = api.act(hot, "sign", handler(cg))
    hot = api.act(hot, "extend_request", handler(cg), hours=1, note="x")
    check(hot, 601)
    assert api.get(hot, DISPATCHER)["allowed_actions"] == ["extend_approve", "extend_deny"]
    hot = api.act(hot, "extend_deny", DISPATCHER, note="否")
    hot = api.act(hot, "suspend_request", handler(cg), note="x")
    hot = api.act(hot, "suspend_approve", DISPATCHER)
    check(hot, 601)
    hot = api.act(hot, "resume", DISPATCHER)
    hot = api.act(hot, "redispatch", handler(cg), unit_id=hw)
    check(hot, 601)
    hot = api.act(hot, "sign", handler(hw))
    hot = api.act(hot, "handle", handler(hw), photos=PHOTO)
    check(hot, 601)
    hot = api.act(hot, "check_pass", INSPECTOR, photos=PHOTO)
    check(hot, 601)
    hot = api.act(hot, "close", LEADER)
    check(hot, 601)
    insp = api.report()
    check(insp, INSPECTOR_ID)
    assert api.get(insp, INSPECTOR)["allowed_actions"] == ["self_handle"]
    assert api.c.get(f"/api/v1/cases/{insp['id']}", headers=OTHER_INSPECTOR).status_code == 404
    assert seen == {
        "reported",
        "verifying",
        "filed",
        "dispatched",
        "dispatched+extend",
        "suspended",
        "handled",
        "to_close",
        "closed",
    }


def test_illegal_transition_is_409_with_the_current_status(api: Api) -> None:
    case = api.report()
    for action, headers in (
        ("close", LEADER),
        ("dispatch", DISPATCHER),
        ("resume", DISPATCHER),
        ("check_pass", INSPECTOR),
        ("extend_approve", DISPATCHER),
    ):
        body = err(api.act_raw(case, action, headers, photos=PHOTO), 409, "invalid_transition")
        assert body["error"] == "InvalidTransition"
        assert body["detail"]["status"] == "reported"
        assert body["detail"]["action"] == action
        assert "待受理" in body["message"]
    assert api.trail(case) == ["report"]


def test_missing_identity_is_401(api: Api, client: Any, db_session: Session) -> None:
    case = api.report()
    before = counts(db_session)
    body = {
        "category": "event:09006",
        "lon": api.spot[0],
        "lat": api.spot[1],
        "description": "占道",
    }
    err(client.post("/api/v1/cases", json=body), 401, "unauthenticated")
    err(
        client.post("/api/v1/cases", json=body, headers={"X-Xiuhua-Role": ""}),
        401,
        "unauthenticated",
    )
    err(
        client.post("/api/v1/cases", json=body, headers={"X-Xiuhua-Role": "system"}),
        401,
        "unauthenticated",
    )
    err(
        client.post("/api/v1/cases", json=body, headers={"X-Xiuhua-Role": "mayor"}),
        401,
        "unauthenticated",
    )
    err(client.post(f"/api/v1/cases/{case['id']}/actions/file"), 401, "unauthenticated")
    err(client.get(f"/api/v1/cases/{case['id']}"), 401, "unauthenticated")
    assert counts(db_session) == before
    assert api.get(case)["status"] == "reported"


def test_events_need_an_identity_too(api: Api, client: Any) -> None:
    """BUG: GET /api/v1/cases/{id}/events serves the whole history (notes, photos, actors)
    without the identity headers every other case endpoint requires."""
    case = api.report()
    err(client.get(f"/api/v1/cases/{case['id']}/events"), 401, "unauthenticated")


def test_unknown_case_is_404(api: Api, client: Any) -> None:
    err(api.act_raw(10**9, "file", LEADER), 404, "not_found")
    err(client.get(f"/api/v1/cases/{10**9}", headers=LEADER), 404, "not_found")
    err(client.get(f"/api/v1/cases/{10**9}/events", headers=LEADER), 404, "not_found")
    r = client.post("/api/v1/cases/1/actions/teleport", headers=LEADER)
    assert r.status_code == 404


# ---------------------------------------------------------------------------------------------
# Idempotency-Key
# ---------------------------------------------------------------------------------------------


def test_a_report_answered_before_its_insert_is_replayed_with_its_number(
    api: Api, client: Any, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report without photos is answered from its plan and its idempotency record written by
    the insert that draws its number: the retry gets the very answer, number included, and the
    answer equals the case read afterwards."""
    from app.core.config import get_settings

    monkeypatch.setattr(get_settings(), "report_min_photos", {})
    body = {
        "category": "event:06010",
        "lon": api.spot[0],
        "lat": api.spot[1],
        "description": "暴露垃圾",
    }
    key = {"Idempotency-Key": "early-1"}
    r1 = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert r1.status_code == 201, r1.text
    first = r1.json()
    assert first["case_no"].startswith("370303-")
    n = counts(db_session)
    r2 = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert r2.status_code == 201 and r2.json() == first
    assert counts(db_session) == n
    stored = db_session.execute(
        text("SELECT response->>'case_no' FROM dispatch_idempotency WHERE key = 'early-1'")
    ).scalar_one()
    assert stored == first["case_no"]
    read = client.get(f"/api/v1/cases/{first['id']}", headers=INSPECTOR).json()
    assert {k: v for k, v in read.items() if k in first} == {
        k: v for k, v in first.items() if k != "possible_duplicates"
    }


def test_idempotent_report_and_action(api: Api, client: Any, db_session: Session) -> None:
    body = {
        "category": "event:09006",
        "lon": api.spot[0],
        "lat": api.spot[1],
        "description": "占道经营",
        "photos": [upload_photo(client, INSPECTOR)],  # the report policy: a site photo
    }
    key = {"Idempotency-Key": "report-7f3a"}
    r1 = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert r1.status_code == 201, r1.text
    n = counts(db_session)
    r2 = client.post("/api/v1/cases", json=body, headers=INSPECTOR | key)
    assert r2.status_code == 201 and r2.json() == r1.json()
    assert counts(db_session) == n  # no second case, event or number
    e = err(
        client.post(
            "/api/v1/cases", json=body | {"description": "别的问题"}, headers=INSPECTOR | key
        ),
        409,
        "idempotency_key_reused",
    )
    assert e["error"] == "IdempotencyKeyReused"
    assert counts(db_session) == n
    # another caller's key space is separate
    other = body | {"photos": [upload_photo(client, OTHER_INSPECTOR)]}  # a photo is used once
    r3 = client.post("/api/v1/cases", json=other, headers=OTHER_INSPECTOR | key)
    assert r3.status_code == 201 and r3.json()["id"] != r1.json()["id"]
    err(
        client.post("/api/v1/cases", json=body, headers=INSPECTOR | {"Idempotency-Key": "k" * 201}),
        422,
        "invalid_input",
    )

    # an action retried with its key gets the first answer, not "already signed"
    case = api.dispatched()
    url = f"/api/v1/cases/{case['id']}/actions/sign"
    h = handler(case["assigned_unit_id"]) | {"Idempotency-Key": "sign-1"}
    s1 = client.post(url, headers=h)
    s2 = client.post(url, headers=h)
    assert s1.status_code == s2.status_code == 200 and s1.json() == s2.json()
    assert api.trail(case).count("sign") == 1
    err(client.post(url, json={"note": "不同内容"}, headers=h), 409, "idempotency_key_reused")


# ---------------------------------------------------------------------------------------------
# Possible duplicates (疑似重复)
# ---------------------------------------------------------------------------------------------


def test_possible_duplicates(api: Api, db_session: Session) -> None:
    first = api.report()
    assert first["possible_duplicates"] == []
    near = offset(db_session, api.spot, 20, 90)  # 20 m east
    second = api.report(lon=near[0], lat=near[1])
    (d,) = second["possible_duplicates"]
    assert (d["id"], d["case_no"], d["status"]) == (first["id"], first["case_no"], "reported")
    assert d["distance_m"] == pytest.approx(20, abs=0.5)
    # within 30 m in every direction (the bbox pre-filter must not cut longitude short)
    for az in (0, 90, 180, 270):
        p = offset(db_session, api.spot, 28, az)
        hits = {x["id"] for x in api.report_raw(lon=p[0], lat=p[1]).json()["possible_duplicates"]}
        assert first["id"] in hits, az
    # farther than 30 m, another category: not listed
    far = offset(db_session, api.spot, 45, 90)
    far_case = api.report(lon=far[0], lat=far[1])
    assert first["id"] not in {x["id"] for x in far_case["possible_duplicates"]}
    other_cat = api.report(category="event:07001")
    assert other_cat["possible_duplicates"] == []
    # nearest first, at most the open ones
    third = api.report()
    ids = [x["id"] for x in third["possible_duplicates"]]
    assert ids[0] == first["id"]
    dists = [x["distance_m"] for x in third["possible_duplicates"]]
    assert dists == sorted(dists)
    # closed / rejected / merged cases are not duplicates any more
    api.act(first, "self_handle", INSPECTOR, photos=PHOTO)
    fourth = api.report()
    assert first["id"] not in {x["id"] for x in fourth["possible_duplicates"]}
    # an open case outside the time window is not listed either
    lone_spot = offset(db_session, api.spot, 500, 0)
    old = api.report(lon=lone_spot[0], lat=lone_spot[1])
    db_session.execute(
        text(
            "UPDATE dispatch_case SET reported_at = reported_at"
            " - interval '100 hours' WHERE id = :i"
        ),
        {"i": old["id"]},
    )
    new = api.report(lon=lone_spot[0], lat=lone_spot[1])
    assert new["possible_duplicates"] == []


def test_duplicates_match_the_true_position_whatever_the_crs(api: Api) -> None:
    first = api.report()
    gx, gy = from_wgs84(api.spot[0], api.spot[1], "gcj02")
    again = api.report(lon=gx, lat=gy, crs="gcj02")
    (d,) = again["possible_duplicates"]
    assert d["id"] == first["id"] and d["distance_m"] < 1.0


# ---------------------------------------------------------------------------------------------
# Bad reports: precise 4xx, Chinese message, nothing written
# ---------------------------------------------------------------------------------------------


def _raw_json(client: Any, payload: str) -> Any:
    """POST a raw JSON object as the inspector (with the site photo the report policy asks for)."""
    assert payload.startswith("{")
    payload = f'{{"photos": ["{upload_photo(client, INSPECTOR)}"], ' + payload[1:]
    return client.post(
        "/api/v1/cases",
        content=payload.encode(),
        headers=INSPECTOR | {"Content-Type": "application/json"},
    )


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        ("NaN", "36.9", "invalid_coordinate"),
        ("118.0", "Infinity", "invalid_coordinate"),
        ("-Infinity", "36.9", "invalid_coordinate"),
    ],
)
def test_non_finite_coordinates_are_refused(
    client: Any, db_session: Session, lon: str, lat: str, code: str
) -> None:
    before = counts(db_session)
    payload = f'{{"category": "event:09006", "lon": {lon}, "lat": {lat}, "description": "占道"}}'
    body = err(_raw_json(client, payload), 422, code)
    assert "有限数值" in body["message"]
    assert counts(db_session) == before


def test_bad_reports_are_refused_precisely(api: Api, client: Any, db_session: Session) -> None:
    before, number = counts(db_session), next_case_no(db_session)
    cases: list[tuple[dict[str, Any], int, str, str]] = [
        ({"lon": 116.397, "lat": 39.909}, 422, "outside_service_area", "服务区域"),
        ({"lat": 95.0}, 422, "invalid_coordinate", "纬度"),
        ({"lon": api.spot[1], "lat": api.spot[0]}, 422, "invalid_coordinate", "写反"),
        ({"crs": "epsg3857"}, 422, "unsupported_crs", "坐标系"),
        ({"category": "event:99999"}, 404, "unknown_category", "类别"),
        ({"category": "占道经营"}, 422, "invalid_input", "类别"),
        ({"description": "   "}, 422, "invalid_input", "描述"),
        ({"description": ""}, 422, "invalid_request", "description"),
        ({"source": "fax"}, 422, "invalid_request", "source"),
        ({"condition": 9}, 422, "invalid_input", "立案条件"),
    ]
    for over, status, code, words in cases:
        body = err(api.report_raw(**over), status, code)
        assert words in body["message"], body
    outside = err(api.report_raw(lon=116.397, lat=39.909), 422, "outside_service_area")
    assert outside["detail"]["nearest_grid_code"].startswith("370303")
    db_session.execute(
        text("UPDATE dispatch_category SET enabled = false WHERE kind = 'event' AND code = '07001'")
    )
    body = err(api.report_raw(category="event:07001"), 422, "invalid_input")
    assert "停用" in body["message"]
    err(
        client.post(
            "/api/v1/cases",
            json={"lat": 36.9, "category": "event:09006", "description": "x"},
            headers=INSPECTOR,
        ),
        422,
        "invalid_request",
    )
    assert counts(db_session) == before
    # nothing consumed a number: the next good report gets the next one
    assert api.report()["case_no"] == number
