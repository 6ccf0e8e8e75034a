"""HTTP: 12345 hotline tickets (接诉即办) against the 张店区 demo city on real PostGIS.

Tickets are filed through POST /api/v1/hotline/tickets and then driven through the case actions
(file, dispatch, sign, handle, check, close, callback) and the hotline's own records (contact,
resolution). Privacy (masking, reveal audit, logs) is in test_hotline_privacy.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.channels.hotline.rates import hotline_facts
from app.core.clock import now as real_now
from app.grid.coords import from_wgs84
from tests.support.api import (
    DISPATCHER,
    HOTLINE,
    INSPECTOR,
    LEADER,
    OPERATOR,
    PHOTO,
    Api,
    chain_ok,
    counts,
    err,
    handler,
    who,
)
from tests.support.hotline import (
    PHONE,
    PHONE_DIGITS,
    URL,
    Headers,
    address,
    agent,
    body,
    fallback_unit,
    file,
    shanghai_today,
    spot_of,
    to_closed,
    unit_id,
)


@pytest.fixture
def spot(db_session: Session) -> tuple[float, float]:
    return spot_of(db_session)


@pytest.fixture
def api(client: Any, spot: tuple[float, float]) -> Api:
    return Api(client, spot)


# ---------------------------------------------------------------------------------------------
# Location: point, picked address, geocoded text, none (兜底)
# ---------------------------------------------------------------------------------------------


def test_address_only_ticket_is_geocoded_and_routed(
    client: Any, db_session: Session, spot: tuple[float, float]
) -> None:
    h = agent(db_session)
    aid, lon, lat, _ = address(db_session, "%北关街道金城路3号")
    out = file(client, h, "G-1", address_text="北关街道金城路三号门口")
    ticket, case = out["ticket"], out["case"]
    assert ticket["location_source"] == "geocoded" and ticket["no_location"] is False
    assert ticket["address_id"] == aid and ticket["geocode_score"] >= 0.6
    assert case["point"]["lon"] == pytest.approx(lon) and case["point"]["lat"] == pytest.approx(lat)
    assert case["grid_code"].startswith("370303") and case["source"] == "hotline"
    assert case["address_text"] == "北关街道金城路三号门口"  # what the caller said
    # routed exactly as a report at that point would be
    r = client.get("/api/v1/route", params={"lon": lon, "lat": lat, "category": "event:09006"})
    assert r.status_code == 200, r.text
    assert case["routed_unit_id"] == r.json()["unit"]["id"]
    assert case["routed_by"] == r.json()["decided_by"]
    assert ticket["caller"] == {"name": "欧阳**", "phone": "139****9264"}
    assert ticket["urgency"] == "general" and ticket["category_source"] == "agent"
    due = datetime.fromisoformat(ticket["feedback_due_at"])
    assert due - datetime.fromisoformat(case["timestamps"]["reported_at"]) == timedelta(days=7)
    events = client.get(f"/api/v1/cases/{case['id']}/events", headers=OPERATOR).json()
    report = events[0]["payload"]
    assert report["hotline"]["ticket_no"] == "G-1"
    assert report["hotline"]["location_source"] == "geocoded"
    assert "no_location" not in report


def test_geocode_candidates_and_a_picked_address(client: Any, db_session: Session) -> None:
    h = agent(db_session)
    r = client.get("/api/v1/hotline/geocode", params={"q": "金城路3号"}, headers=h)
    assert r.status_code == 200, r.text
    g = r.json()
    scores = [c["score"] for c in g["candidates"]]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 2
    assert g["auto_pick_threshold"] == 0.6
    assert g["auto_pick"] == g["candidates"][0]["address_id"]
    assert "金城路3号" in g["candidates"][0]["full_text"]
    weak = client.get("/api/v1/hotline/geocode", params={"q": "火星路99号"}, headers=h).json()
    assert weak["candidates"] and weak["auto_pick"] is None  # best is below the threshold
    # the agent picks the second candidate: the ticket is filed at that address
    pick = g["candidates"][1]
    out = file(client, h, "G-2", address_text="金城路3号", address_id=pick["address_id"])
    assert out["ticket"]["location_source"] == "address"
    assert out["ticket"]["address_id"] == pick["address_id"]
    assert out["case"]["point"]["lon"] == pytest.approx(pick["lon"])
    # only intake roles
    err(
        client.get("/api/v1/hotline/geocode", params={"q": "金城路"}, headers=INSPECTOR),
        403,
        "forbidden",
    )
    e = err(
        client.get("/api/v1/hotline/geocode", params={"q": "金"}, headers=h), 422, "invalid_input"
    )
    assert "地址" in e["message"]


def test_agent_confirmed_point_in_another_crs(
    client: Any, db_session: Session, spot: tuple[float, float]
) -> None:
    gx, gy = from_wgs84(spot[0], spot[1], "gcj02")
    out = file(client, agent(db_session), "P-1", lon=gx, lat=gy, crs="gcj02", address_text="某处")
    assert out["ticket"]["location_source"] == "point"
    assert out["case"]["point"]["raw_crs"] == "gcj02"
    assert out["case"]["point"]["lon"] == pytest.approx(spot[0], abs=1e-5)


def test_ticket_without_usable_location_goes_to_the_fallback_unit(
    api: Api, client: Any, db_session: Session
) -> None:
    h = agent(db_session)
    out = file(client, h, "N-1", address_text="火星路99号")  # no candidate good enough
    ticket, case = out["ticket"], out["case"]
    assert ticket["location_source"] == "none" and ticket["no_location"] is True
    assert ticket["address_id"] is None and ticket["geocode_score"] is None
    assert case["point"] is None and case["grid_code"] is None and case["mgmt_class"] is None
    assert case["district_code"] == "370303"
    assert case["routed_by"] == "district_fallback"
    assert case["routed_unit_id"] == fallback_unit(db_session)
    assert out["possible_duplicates"] == []
    payload = api.events(case["id"])[0]["payload"]
    assert payload["no_location"] is True and payload["district_code"] == "370303"
    # no text at all: also accepted, district from the agent's only district
    bare = file(client, h, "N-2")
    assert bare["ticket"]["no_location"] and bare["case"]["district_code"] == "370303"
    # the whole loop works without a location; the handling clock uses the general limit
    closed = to_closed(api, case["id"])
    assert closed["assigned_unit_id"] == fallback_unit(db_session)
    handle = [s for s in closed["stages"] if s["stage"] == "handle"]
    assert handle and handle[0]["limit_value"] > 0
    done = api.act(closed, "callback", HOTLINE, satisfaction="satisfied")
    assert done["status"] == "evaluated"
    chain_ok(db_session, case["id"], len(api.events(case["id"])))


def test_district_of_a_ticket_without_location(client: Any, db_session: Session) -> None:
    city = agent(db_session, 612, None)  # city-level agent: no district of its own
    e = err(
        client.post(URL, json=body("D-1", address_text="火星路99号"), headers=city),
        422,
        "district_required",
    )
    assert "区县" in e["message"]
    out = file(client, city, "D-2", address_text="火星路99号", district_code="370303")
    assert out["case"]["district_code"] == "370303" and out["ticket"]["no_location"]
    err(
        client.post(URL, json=body("D-3", district_code="110101"), headers=city),
        422,
        "unknown_district",
    )
    two = agent(db_session, 613, ("370303", "370302"))
    err(client.post(URL, json=body("D-4"), headers=two), 422, "district_required")
    other = agent(db_session, 614, ("370302",))
    e = err(
        client.post(URL, json=body("D-5", district_code="370303"), headers=other),
        422,
        "district_out_of_scope",
    )
    assert "辖区" in e["message"]
    aid, *_ = address(db_session, "%北关街道金城路3号")
    err(
        client.post(URL, json=body("D-6", address_id=aid), headers=other),
        422,
        "district_out_of_scope",
    )


# ---------------------------------------------------------------------------------------------
# 工单号, idempotency, bad input
# ---------------------------------------------------------------------------------------------


def test_same_ticket_number_twice_is_409_with_the_case_number(
    client: Any, db_session: Session
) -> None:
    h = agent(db_session)
    first = file(client, h, "12345-0001")
    n = counts(db_session)
    e = err(
        client.post(URL, json=body("12345-0001", content="另一件事"), headers=h),
        409,
        "duplicate_ticket",
    )
    assert e["detail"]["case_no"] == first["case"]["case_no"]
    assert first["case"]["case_no"] in e["message"]
    assert counts(db_session) == n
    # the same number from another source system is another ticket
    other = file(client, h, "12345-0001", source_system="12319")
    assert other["case"]["id"] != first["case"]["id"]


def test_idempotent_retry_returns_the_first_answer(client: Any, db_session: Session) -> None:
    h = agent(db_session) | {"Idempotency-Key": "hot-42"}
    r1 = client.post(URL, json=body("I-1"), headers=h)
    assert r1.status_code == 201, r1.text
    n = counts(db_session)
    r2 = client.post(URL, json=body("I-1"), headers=h)
    assert r2.status_code == 201 and r2.json() == r1.json()
    assert counts(db_session) == n
    err(client.post(URL, json=body("I-2"), headers=h), 409, "idempotency_key_reused")
    # the stored answer is masked like every other answer
    stored = db_session.execute(
        text("SELECT response::text FROM dispatch_idempotency WHERE key = 'hot-42'")
    ).scalar_one()
    assert PHONE_DIGITS not in stored and "139****9264" in stored


def test_bad_tickets_are_refused_precisely_in_chinese(client: Any, db_session: Session) -> None:
    h = agent(db_session)
    before = counts(db_session)
    cases: list[tuple[dict[str, Any], int, str, str]] = [
        ({"caller_phone": "12"}, 422, "invalid_phone", "电话"),
        ({"caller_phone": "abc-defg"}, 422, "invalid_phone", "电话"),
        ({"urgency": "asap"}, 422, "unknown_urgency", "紧急程度"),
        ({"content": ""}, 422, "empty_content", "诉求内容"),
        ({"content": "   "}, 422, "empty_content", "诉求内容"),
        ({"lon": 116.397, "lat": 39.909}, 422, "outside_service_area", "服务区域"),
        ({"lon": 118.05}, 422, "invalid_input", "经度和纬度"),
        ({"lon": 118.05, "lat": 36.8, "crs": "epsg3857"}, 422, "unsupported_crs", "坐标系"),
        ({"address_id": 999999999}, 422, "unknown_address", "标准地址"),
        ({"category": "event:99999"}, 404, "unknown_category", "类别"),
        ({"ticket_no": ""}, 422, "invalid_request", "ticket_no"),
        ({"ticket_no": "含 空格"}, 422, "invalid_request", "ticket_no"),
        ({"district_code": "37030"}, 422, "invalid_request", "district_code"),
        ({"condition": 9}, 422, "invalid_input", "立案条件"),
    ]
    for i, (over, status, code, words) in enumerate(cases):
        e = err(client.post(URL, json=body(f"B-{i}", **over), headers=h), status, code)
        assert words in e["message"], e
    e = err(client.post(URL, json=body("B-x", urgency="asap"), headers=h), 422, "unknown_urgency")
    assert e["detail"]["allowed"] == ["emergency", "utilities", "general", "complex"]
    assert counts(db_session) == before
    # only intake roles file tickets
    for role in (INSPECTOR, who("unit_handler", 501, 2), who("leader", 701)):
        err(client.post(URL, json=body("B-role"), headers=role), 403, "forbidden")


def test_the_caller_number_typed_into_the_content_is_masked(
    client: Any, db_session: Session
) -> None:
    out = file(client, agent(db_session), "M-1", content=f"有人摆摊，处理后请回电 {PHONE}，谢谢")
    assert out["case"]["description"] == "有人摆摊，处理后请回电 139****9264，谢谢"
    out = file(client, agent(db_session), "M-3", content="摆摊，回电+86 13907319264或139-0731-9264")
    assert out["case"]["description"] == "摆摊，回电139****9264或139****9264"
    # other numbers (e.g. on a flyer: evidence) are kept
    out = file(
        client, agent(db_session), "M-2", content="墙上小广告：办证 13800001111", category=None
    )
    assert "13800001111" in out["case"]["description"]
    assert out["case"]["category"]["code"] == "07001"


# ---------------------------------------------------------------------------------------------
# Categories: picker and suggestion
# ---------------------------------------------------------------------------------------------


def test_category_picker_searches_enabled_categories(client: Any, db_session: Session) -> None:
    h = agent(db_session)
    got = client.get("/api/v1/categories", params={"q": "井盖"}, headers=h).json()
    refs = {c["ref"] for c in got}
    assert {"component:01003", "event:01003", "event:01023"} <= refs
    by_major = client.get(
        "/api/v1/categories", params={"q": "街面秩序", "kind": "event"}, headers=OPERATOR
    ).json()
    assert "event:09006" in {c["ref"] for c in by_major}
    assert all(c["kind"] == "event" for c in by_major)
    by_code = client.get("/api/v1/categories", params={"q": "09006"}, headers=h).json()
    assert [c["ref"] for c in by_code] == ["event:09006"]
    db_session.execute(text("UPDATE dispatch_category SET enabled = false WHERE code = '09006'"))
    assert client.get("/api/v1/categories", params={"q": "09006"}, headers=h).json() == []
    limited = client.get("/api/v1/categories", params={"limit": 3}, headers=h).json()
    assert len(limited) == 3
    err(client.get("/api/v1/categories"), 401, "unauthenticated")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("路边有人摆摊卖水果", "event:09006"),
        ("电线杆上贴满了牛皮癣", "event:07001"),
        ("雨水井盖坏了，车轮容易掉进去", "event:01003"),
        ("马路上有个井盖不见了", "event:01023"),
        ("小区门口垃圾好几天没人清理", "event:06010"),
        ("楼下饭店油烟太大", "event:06027"),
        ("半夜工地施工噪音太吵", "event:08001"),
    ],
)
def test_category_suggestion_from_the_callers_words(
    client: Any, db_session: Session, words: str, expected: str
) -> None:
    r = client.post(
        "/api/v1/hotline/suggest-category", json={"text": words}, headers=agent(db_session)
    )
    assert r.status_code == 200, r.text
    got = r.json()
    assert got[0]["ref"] == expected, got
    assert got[0]["keywords"] and got[0]["score"] > 0
    assert [s["score"] for s in got] == sorted((s["score"] for s in got), reverse=True)


def test_suggestion_uses_the_keyword_table_and_the_ticket_may_rely_on_it(
    client: Any, db_session: Session
) -> None:
    h = agent(db_session)
    nothing = client.post(
        "/api/v1/hotline/suggest-category", json={"text": "邻居家的狗总是乱叫"}, headers=h
    ).json()
    assert nothing == []
    e = err(
        client.post(URL, json=body("S-1", category=None, content="邻居家的狗总是乱叫"), headers=h),
        422,
        "category_required",
    )
    assert "类别" in e["message"]
    db_session.execute(
        text(
            "INSERT INTO dispatch_hotline_keyword (kind, code, keyword, weight)"
            " VALUES ('event', '06028', '狗总是乱叫', 1)"
        )
    )
    out = file(client, h, "S-2", category=None, content="邻居家的狗总是乱叫")
    assert out["case"]["category"]["code"] == "06028"
    assert out["ticket"]["category_source"] == "suggested"
    err(
        client.post("/api/v1/hotline/suggest-category", json={"text": "  "}, headers=h),
        422,
        "invalid_input",
    )
    err(
        client.post("/api/v1/hotline/suggest-category", json={"text": "摆摊"}, headers=INSPECTOR),
        403,
        "forbidden",
    )


# ---------------------------------------------------------------------------------------------
# Response (联系诉求人), resolution (解决/未解决), call-back (回访)
# ---------------------------------------------------------------------------------------------


def contact(client: Any, case_id: int, headers: Headers, **b: Any) -> Any:
    return client.post(f"{URL}/{case_id}/contact", json=b, headers=headers)


def test_contact_in_time_by_the_unit(api: Api, client: Any, db_session: Session) -> None:
    out = file(client, agent(db_session), "C-1", urgency="emergency")
    cid = out["case"]["id"]
    due = datetime.fromisoformat(out["ticket"]["feedback_due_at"])
    assert due - datetime.fromisoformat(out["case"]["timestamps"]["reported_at"]) == timedelta(
        hours=2
    )
    case = api.act(cid, "file", LEADER)
    case = api.act(case, "dispatch", DISPATCHER)
    unit = handler(case["assigned_unit_id"])
    assert case["assigned_unit_id"] == fallback_unit(db_session)  # no location: 兜底
    err(contact(client, cid, handler(unit_id(db_session, "370303-HW"))), 404, "not_found")
    err(contact(client, cid, OPERATOR), 403, "forbidden")
    future = (real_now() + timedelta(hours=1)).isoformat()
    e = err(contact(client, cid, unit, contacted_at=future), 422, "invalid_contact_time")
    assert "晚于" in e["message"]
    early = (
        datetime.fromisoformat(out["case"]["timestamps"]["reported_at"]) - timedelta(minutes=5)
    ).isoformat()
    err(contact(client, cid, unit, contacted_at=early), 422, "invalid_contact_time")
    r = contact(client, cid, unit, note="已电话联系，约定下午到现场")
    assert r.status_code == 200, r.text
    t = r.json()
    assert t["contacted_in_time"] is True and t["contacted_at"] is not None
    assert t["feedback_overdue"] is False
    e = err(contact(client, cid, agent(db_session)), 409, "already_contacted")
    assert "已于" in e["message"]
    assert api.trail(cid)[-1] == "caller_contacted"
    ev = api.events(cid)[-1]
    assert ev["payload"]["in_time"] is True and ev["actor_role"] == "unit_handler"
    assert ev["note"] == "已电话联系，约定下午到现场"


def test_contact_late_after_the_feedback_limit(
    client: Any, db_session: Session, freeze_now: Callable[[datetime], None]
) -> None:
    h = agent(db_session)
    out = file(client, h, "C-2", urgency="emergency")
    cid = out["case"]["id"]
    later = real_now() + timedelta(hours=3)
    freeze_now(later)
    listed = client.get(URL, params={"feedback_overdue": True}, headers=h).json()["items"]
    assert [t["case_id"] for t in listed] == [cid]
    assert listed[0]["feedback_overdue"] is True
    r = contact(client, cid, h)
    assert r.status_code == 200, r.text
    assert r.json()["contacted_in_time"] is False
    assert client.get(URL, params={"feedback_overdue": True}, headers=h).json()["items"] == []
    facts = hotline_facts(db_session, [cid])
    assert facts[cid].contacted_in_time is False


def test_resolution_is_recorded_by_the_assigned_unit(
    api: Api, client: Any, db_session: Session
) -> None:
    out = file(client, agent(db_session), "R-1")
    cid = out["case"]["id"]
    url = f"{URL}/{cid}/resolution"
    err(client.post(url, json={"resolved": True}, headers=HOTLINE), 403, "forbidden")
    case = api.act(cid, "file", LEADER)
    case = api.act(case, "dispatch", DISPATCHER)
    unit = handler(case["assigned_unit_id"])
    other = handler(unit_id(db_session, "370303-HW"))  # never assigned: cannot see it
    err(client.post(url, json={"resolved": True}, headers=other), 404, "not_found")
    r = client.post(url, json={"resolved": False, "note": "需协调规划部门"}, headers=unit)
    assert r.status_code == 200 and r.json()["resolved"] is False
    case = api.act(case, "sign", unit)
    case = api.act(case, "handle", unit, photos=PHOTO)
    r = client.post(url, json={"resolved": True, "note": "摊贩已劝离"}, headers=unit)
    assert r.status_code == 200 and r.json()["resolved"] is True  # corrected while handling
    assert api.trail(cid).count("hotline_resolution") == 2
    err(client.post(url, json={}, headers=unit), 422, "invalid_request")
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    case = api.act(case, "close", LEADER)
    api.act(case, "callback", HOTLINE, satisfaction="satisfied")
    e = err(client.post(url, json={"resolved": False}, headers=unit), 409, "resolution_not_open")
    assert "已回访" in e["message"]


def test_call_back_result_is_kept_on_the_ticket(api: Api, client: Any, db_session: Session) -> None:
    h = agent(db_session)
    out = file(client, h, "V-1")
    cid = out["case"]["id"]
    closed = to_closed(api, cid)
    assert api.get(cid, HOTLINE)["allowed_actions"] == ["callback"]
    api.act(closed, "callback", HOTLINE, satisfaction="basically_satisfied", note="基本满意")
    t = client.get(f"{URL}/{cid}", headers=h).json()
    assert t["ticket"]["satisfaction"] == "basically_satisfied"
    assert t["ticket"]["satisfaction_label"] == "基本满意"
    assert t["ticket"]["callback_at"] is not None
    assert t["case"]["status"] == "evaluated" and t["case"]["satisfaction"] == "basically_satisfied"
    assert hotline_facts(db_session, [cid])[cid].satisfaction == "basically_satisfied"
    chain_ok(db_session, cid, len(api.events(cid)))


# ---------------------------------------------------------------------------------------------
# Reads: ticket, list with filters and cursor, repeat callers, rates
# ---------------------------------------------------------------------------------------------


def test_ticket_list_filters_cursor_and_repeat_callers(
    api: Api, client: Any, db_session: Session
) -> None:
    h = agent(db_session)
    a = file(client, h, "L-1", urgency="emergency")
    b = file(client, h, "L-2", caller_phone="0533-2345678", caller_name="李四")
    c = file(client, h, "L-3", caller_phone="+86 139-0731-9264")  # the first caller again
    ids = [x["case"]["id"] for x in (c, b, a)]  # newest first
    page1 = client.get(URL, params={"limit": 2}, headers=h).json()
    assert [t["case_id"] for t in page1["items"]] == ids[:2]
    page2 = client.get(URL, params={"limit": 2, "cursor": page1["next_cursor"]}, headers=h).json()
    assert [t["case_id"] for t in page2["items"]][:1] == ids[2:]
    urgent = client.get(URL, params={"urgency": "emergency"}, headers=h).json()["items"]
    assert [t["case_id"] for t in urgent] == [a["case"]["id"]]
    assert urgent[0]["case_no"] == a["case"]["case_no"] and urgent[0]["status"] == "reported"
    reported = client.get(URL, params={"status": "reported"}, headers=h).json()["items"]
    assert {t["case_id"] for t in reported} >= set(ids)
    assert client.get(URL, params={"status": "closed"}, headers=h).json()["items"] == []
    err(client.get(URL, params={"status": "done"}, headers=h), 422, "invalid_request")
    err(client.get(URL, params={"urgency": "asap"}, headers=h), 422, "unknown_urgency")
    # repeat caller: the blind index finds both tickets of 139 0731 9264, whatever the format
    search = client.post(f"{URL}/search", json={"phone": "13907319264"}, headers=h).json()
    assert [t["case_id"] for t in search["items"]] == [c["case"]["id"], a["case"]["id"]]
    assert c["ticket"]["earlier_tickets"] == 1 and b["ticket"]["earlier_tickets"] == 0
    one = client.get(f"{URL}/{a['case']['id']}", headers=h).json()
    assert one["ticket"]["earlier_tickets"] == 1
    err(client.post(f"{URL}/search", json={"phone": "12"}, headers=h), 422, "invalid_phone")
    e = err(
        client.post(f"{URL}/search", json={"phone": "13907319264"}, headers=OPERATOR),
        403,
        "forbidden",
    )
    assert "热线坐席" in e["message"]
    # other districts' agents see none of them; a non-ticket case is not a ticket
    other = agent(db_session, 615, ("370302",))
    assert client.get(URL, headers=other).json()["items"] == []
    err(client.get(f"{URL}/{a['case']['id']}", headers=other), 404, "not_found")
    inspector_case = api.report()
    err(client.get(f"{URL}/{inspector_case['id']}", headers=OPERATOR), 404, "not_found")


def test_rates_per_unit_for_the_desk(api: Api, client: Any, db_session: Session) -> None:
    h = agent(db_session)
    cg = unit_id(db_session, "370303-CG")
    t1 = file(client, h, "RT-1")["case"]["id"]
    t2 = file(client, h, "RT-2")["case"]["id"]
    file(client, h, "RT-3")  # not dispatched, not due yet: undecided everywhere
    for cid, answer, resolved in ((t1, "satisfied", True), (t2, "basically_satisfied", False)):
        closed = to_closed(api, cid, cg)
        unit = handler(closed["assigned_unit_id"])
        r = client.post(f"{URL}/{cid}/resolution", json={"resolved": resolved}, headers=unit)
        assert r.status_code == 200, r.text
        api.act(closed, "callback", HOTLINE, satisfaction=answer)
    assert contact(client, t1, h).status_code == 200
    today = shanghai_today().isoformat()
    r = client.get("/api/v1/hotline/rates", params={"from": today, "to": today}, headers=h)
    assert r.status_code == 200, r.text
    rates = r.json()
    by_unit = {u["unit_id"]: u for u in rates["units"]}
    u = by_unit[cg]
    assert u["unit_name"] == "张店区综合行政执法局"
    assert u["counts"] == {
        "tickets": 2,
        "response_due": 1,
        "responded_in_time": 1,
        "resolution_known": 2,
        "resolved": 1,
        "callbacks": 2,
        "satisfied": 1,
        "basically_satisfied": 1,
    }
    assert u["rates"]["response_rate"] == 1.0
    assert u["rates"]["resolution_rate"] == 0.5
    assert u["rates"]["satisfaction_rate"] == pytest.approx(0.95)
    assert u["rates"]["composite"] == pytest.approx(0.1 * 1 + 0.5 * 0.5 + 0.4 * 0.95)
    assert by_unit[None]["counts"]["tickets"] == 1  # RT-3, not dispatched
    assert rates["total"]["counts"]["tickets"] == 3
    assert rates["weights"]["composite"] == {
        "response": 0.1,
        "resolution": 0.5,
        "satisfaction": 0.4,
    }
    # scoped: another district's agent counts nothing; bad ranges are refused
    other = agent(db_session, 616, ("370302",))
    assert (
        client.get(
            "/api/v1/hotline/rates", params={"from": today, "to": today}, headers=other
        ).json()["units"]
        == []
    )
    yesterday = (shanghai_today() - timedelta(days=1)).isoformat()
    err(
        client.get("/api/v1/hotline/rates", params={"from": today, "to": yesterday}, headers=h),
        422,
        "invalid_input",
    )
    err(
        client.get("/api/v1/hotline/rates", params={"from": today}, headers=h),
        422,
        "invalid_request",
    )
    err(
        client.get("/api/v1/hotline/rates", params={"from": today, "to": today}, headers=OPERATOR),
        403,
        "forbidden",
    )


def test_urgency_classes_are_listed(client: Any, db_session: Session) -> None:
    got = client.get("/api/v1/hotline/urgencies", headers=agent(db_session)).json()
    assert [(u["code"], u["feedback_limit_value"], u["feedback_limit_unit"]) for u in got] == [
        ("emergency", 2.0, "natural_hour"),
        ("utilities", 24.0, "natural_hour"),
        ("general", 7.0, "natural_day"),
        ("complex", 15.0, "natural_day"),
    ]


def test_stats_rollups_carry_the_hotline_facts(api: Api, client: Any, db_session: Session) -> None:
    """The evaluation's 12345 三率 (rollups) read the same ticket facts as the desk's live rates."""
    from app.core.clock import now
    from app.stats import facts
    from app.stats.indicators import hotline_table
    from app.stats.periods import Period, PeriodKind

    h = agent(db_session)
    cg = unit_id(db_session, "370303-CG")
    t1 = file(client, h, "SR-1")["case"]["id"]
    t2 = file(client, h, "SR-2")["case"]["id"]
    for cid, answer, resolved in ((t1, "satisfied", True), (t2, "basically_satisfied", False)):
        closed = to_closed(api, cid, cg)
        unit = handler(closed["assigned_unit_id"])
        r = client.post(f"{URL}/{cid}/resolution", json={"resolved": resolved}, headers=unit)
        assert r.status_code == 200, r.text
        api.act(closed, "callback", HOTLINE, satisfaction=answer)
    assert contact(client, t1, h).status_code == 200
    while facts.refresh_batch(db_session):
        pass
    today = shanghai_today()
    table = hotline_table(db_session, Period(PeriodKind.day, today, today), now=now())
    row = next(r for r in table.rows if r["key"] == str(cg))
    assert row["response_rate"] == 1.0  # SR-2 not contacted yet: undecided, not counted
    assert row["resolve_rate"] == 0.5
    assert row["satisfaction_rate"] == pytest.approx(0.95)
