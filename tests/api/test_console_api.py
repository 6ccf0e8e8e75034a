"""HTTP: what the console needs beyond the work queues — case search (案卷查询), the 待结案 list,
leaders on the 督办 list, labelled event history and live feed, units and responsibility rules
with a routing preview, hotline urgency classes and keywords. Real PostGIS, real API calls.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.support.api import (
    DISPATCHER,
    INSPECTOR,
    LEADER,
    OPERATOR,
    PHOTO,
    Api,
    err,
    has_chinese,
    who,
)
from tests.support.identity import bearer_for

CITY_LEADER = who("leader", 701)
ADMIN = who("admin", 901)


def _ids(body: dict[str, Any]) -> list[int]:
    return [i["id"] for i in body["items"]]


def _search(client: Any, headers: dict[str, str] = OPERATOR, **params: Any) -> dict[str, Any]:
    r = client.get("/api/v1/cases", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _outsider(session: Session, role: str, uid: int) -> dict[str, str]:
    """A user of `role` whose districts do not include the demo district."""
    session.execute(
        text(
            "INSERT INTO account_user (id, username, display_name, role, active, token_version,"
            " district_codes) VALUES (:i, :u, :n, :r, true, 0, CAST('{370399}' AS varchar[]))"
        ),
        {"i": uid, "u": f"outsider-{uid}", "n": f"outsider-{uid}", "r": role},
    )
    session.flush()
    return bearer_for(session, uid)


def test_case_search_filters_pages_and_scope(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    plain = api.report(description="井盖缺失，行人易跌倒 XSEARCH1")
    other = api.report(description="人行道上占道经营 XSEARCH2", address_text="金城路 8 号门前")
    sent = api.dispatched(description="店外摆摊 XSEARCH3")
    # text: description, address, case number
    assert _ids(_search(client, q="XSEARCH1")) == [plain["id"]]
    assert _ids(_search(client, q="金城路 8 号")) == [other["id"]]
    assert _ids(_search(client, q=sent["case_no"])) == [sent["id"]]
    assert _ids(_search(client, q="50%_\\")) == []  # LIKE wildcards are literal
    # status, open, unit, source, category, street/community/cell, light, period
    mine = {plain["id"], other["id"], sent["id"]}
    assert set(_ids(_search(client, status="dispatched", q="XSEARCH"))) == {sent["id"]}
    assert set(_ids(_search(client, status="reported,dispatched", q="XSEARCH"))) == mine
    assert set(_ids(_search(client, open="false", q="XSEARCH"))) == set()
    cg = sent["assigned_unit_id"]
    assert set(_ids(_search(client, unit=cg, q="XSEARCH"))) == {sent["id"]}
    assert (
        set(_ids(_search(client, source="inspector", category="event:09006", q="XSEARCH"))) == mine
    )
    assert _ids(_search(client, source="hotline", q="XSEARCH")) == []
    for key, value in (
        ("street", plain["street_code"]),
        ("community", plain["community_code"]),
        ("cell", plain["grid_code"]),
    ):
        assert set(_ids(_search(client, q="XSEARCH", **{key: value}))) == mine, key
    assert set(_ids(_search(client, q="XSEARCH", light="green", overdue="false"))) == mine
    assert _ids(_search(client, q="XSEARCH", light="red")) == []
    now = datetime.now(UTC)
    since = (now - timedelta(hours=1)).isoformat()
    until = (now + timedelta(hours=1)).isoformat()
    assert set(_ids(_search(client, q="XSEARCH", reported_from=since, reported_to=until))) == mine
    assert _ids(_search(client, q="XSEARCH", reported_to=since)) == []
    # newest first, keyset pages with the one cursor codec: every case once
    first = _search(client, q="XSEARCH", limit=2)
    assert _ids(first) == [sent["id"], other["id"]] and first["next_cursor"]
    rest = _search(client, q="XSEARCH", limit=2, cursor=first["next_cursor"])
    assert _ids(rest) == [plain["id"]] and rest["next_cursor"] is None
    item = first["items"][0]
    assert item["status_label"] == "处置中" and item["source_label"] and item["links"]["self"]
    # leaders search too; out of scope, the cases are absent
    assert set(_ids(_search(client, CITY_LEADER, q="XSEARCH"))) == mine
    far_leader = _outsider(db_session, "leader", 70_901)
    assert _ids(_search(client, far_leader, q="XSEARCH")) == []
    far_operator = _outsider(db_session, "operator", 70_902)
    assert sent["case_no"] not in client.get("/api/v1/cases", headers=far_operator).text
    # precise refusals
    for params in (
        {"status": "finished"},
        {"light": "blue"},
        {"community": "12"},
        {"cell": "x"},
        {"reported_from": "2026-11-01"},
        {"q": "x" * 500},
        {"sort": "random"},
        {"stauts": "filed"},
        {"reported_from": until, "reported_to": since},
    ):
        body = err(
            client.get("/api/v1/cases", headers=OPERATOR, params=params), 422, "invalid_filter"
        )
        assert has_chinese(body["message"])
    err(client.get("/api/v1/cases", headers=INSPECTOR), 403, "forbidden")


def test_to_close_list_for_the_shift_leader(api: Api, client: Any) -> None:
    case = api.handled()
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    assert case["status"] == "to_close"
    r = client.get("/api/v1/centre/to-close", headers=LEADER)
    assert r.status_code == 200, r.text
    body = r.json()
    item = next(i for i in body["items"] if i["id"] == case["id"])
    assert "close" in item["allowed_actions"] and item["checked_at"] and item["handled_at"]
    assert item["clock"]["stage"] == "close" and body["actions"]["close"]["label"] == "结案"
    err(client.get("/api/v1/centre/to-close", headers=DISPATCHER), 403, "forbidden")
    api.act(case, "close", LEADER)
    after = client.get("/api/v1/centre/to-close", headers=LEADER).json()
    assert case["id"] not in _ids(after)


def test_leaders_read_the_supervision_list(api: Api, client: Any, db_session: Session) -> None:
    case = api.dispatched()
    db_session.execute(
        text(
            "UPDATE dispatch_case_stage SET due_at = now() - interval '2 days',"
            " yellow_at = now() - interval '3 days' WHERE case_id = :c AND stopped_at IS NULL"
        ),
        {"c": case["id"]},
    )
    body = client.get("/api/v1/centre/supervision", headers=CITY_LEADER).json()
    assert case["id"] in _ids(body)
    far = _outsider(db_session, "leader", 70_903)
    assert case["id"] not in _ids(client.get("/api/v1/centre/supervision", headers=far).json())


def test_events_carry_labels_and_who_acted(api: Api, client: Any, db_session: Session) -> None:
    case = api.dispatched()
    events = api.events(case)
    report, filed, dispatched = events[:3]
    assert report["action_label"] == "上报" and report["from_status"] is None
    assert filed["to_status_label"] == "待派遣" and filed["actor_role_label"] == "值班长"
    assert dispatched["action_label"] == "派遣" and dispatched["from_status_label"] == "待派遣"
    name = db_session.execute(
        text("SELECT display_name FROM account_user WHERE id = :i"), {"i": dispatched["actor_id"]}
    ).scalar_one()
    assert dispatched["actor_name"] == name
    signed = api.act(case, "sign", who("unit_handler", 501, case["assigned_unit_id"]))
    last = api.events(signed)[-1]
    unit_name = db_session.execute(
        text("SELECT name FROM grid_unit WHERE id = :i"), {"i": case["assigned_unit_id"]}
    ).scalar_one()
    assert last["actor_unit_name"] == unit_name and last["actor_role_label"] == "处置单位"


def test_workflow_labels_every_recorded_fact() -> None:
    from app.cases import workflow as wf
    from app.cases.time import sweeper
    from app.channels.hotline import caller, feedback
    from app.channels.open311 import service as open311

    facts = [
        sweeper.WARNING,
        sweeper.OVERDUE,
        "merged_in",
        caller.CALLER_REVEALED,
        feedback.CALLER_CONTACTED,
        feedback.HOTLINE_RESOLUTION,
        open311.CITIZEN_UPDATE,
    ]
    for fact in facts:
        assert has_chinese(wf.event_label(fact)), fact
    assert wf.event_label("check_pass") == "核查通过"


def test_units_rules_and_the_routing_preview(
    api: Api, client: Any, units: dict[str, int], spot: tuple[float, float]
) -> None:
    cg = units["370303-CG"]
    listed = client.get("/api/v1/admin/units", headers=ADMIN, params={"q": "CG"}).json()
    assert any(u["id"] == cg and u["kind_label"] for u in listed)
    r = client.post(
        "/api/v1/admin/units",
        headers=ADMIN,
        json={
            "code": "370303-TEST",
            "name": "测试保洁公司",
            "kind": "company",
            "district_code": "370303",
        },
    )
    assert r.status_code == 201, r.text
    new = r.json()
    err(
        client.post(
            "/api/v1/admin/units",
            headers=ADMIN,
            json={"code": "370303-TEST", "name": "重复", "kind": "company"},
        ),
        409,
        "unit_code_taken",
    )
    child = client.post(
        "/api/v1/admin/units",
        headers=ADMIN,
        json={"code": "370303-TEST-1", "name": "一班", "kind": "squad", "parent_id": new["id"]},
    ).json()
    assert child["parent_name"] == "测试保洁公司"
    err(
        client.patch(
            f"/api/v1/admin/units/{new['id']}", headers=ADMIN, json={"parent_id": child["id"]}
        ),
        422,
        "invalid_unit_parent",
    )
    # the preview: today event:09006 here goes to CG; a draft cell rule for the new unit wins
    cell = client.get("/api/v1/locate", params={"lon": spot[0], "lat": spot[1]}).json()["grid_code"]
    draft = {
        "unit_id": new["id"],
        "district_code": "370303",
        "role": "specialist",
        "category_kind": "event",
        "category_code": "09006",
        "area_scope": "cells",
        "cell_codes": [cell],
    }
    preview = {"category": "event:09006", "lon": spot[0], "lat": spot[1], "drafts": [draft]}
    r = client.post("/api/v1/admin/rules/preview", headers=ADMIN, json=preview)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["current"]["unit"]["id"] == cg and body["with_drafts"]["unit"]["id"] == new["id"]
    assert body["changed"] is True
    assert (
        client.get("/api/v1/admin/rules", headers=ADMIN, params={"unit_id": new["id"]}).json() == []
    )
    # saved for real, then deactivated: routing follows
    r = client.post("/api/v1/admin/rules", headers=ADMIN, json=draft)
    assert r.status_code == 201, r.text
    rule = r.json()
    assert rule["role_label"] == "专业" and rule["area_label"] == "指定网格" and rule["active"]
    assert api.report()["routed_unit_id"] == new["id"]
    off = client.patch(f"/api/v1/admin/rules/{rule['id']}", headers=ADMIN, json={"active": False})
    assert off.status_code == 200 and off.json()["active"] is False
    assert api.report()["routed_unit_id"] == cg
    # a deactivated unit is not routed to, even by an active rule
    client.patch(f"/api/v1/admin/rules/{rule['id']}", headers=ADMIN, json={"active": True})
    client.patch(f"/api/v1/admin/units/{new['id']}", headers=ADMIN, json={"active": False})
    assert api.report()["routed_unit_id"] == cg
    # bad rules are refused precisely
    for bad in (
        draft | {"area_scope": "street", "area_code": "370399001"},
        draft | {"cell_codes": ["370303999999999"]},
        draft | {"area_scope": "polygon"},
        draft | {"major_code": "09"},
    ):
        body = err(client.post("/api/v1/admin/rules", headers=ADMIN, json=bad), 422, "invalid_rule")
        assert has_chinese(body["message"])
    err(client.get("/api/v1/admin/rules", headers=OPERATOR), 403, "forbidden")


def test_hotline_urgencies_and_keywords(client: Any) -> None:
    listed = client.get("/api/v1/admin/hotline/urgencies", headers=ADMIN).json()
    assert listed and all(u["name"] for u in listed)
    r = client.put(
        "/api/v1/admin/hotline/urgencies/flash",
        headers=ADMIN,
        json={
            "name": "特急",
            "feedback_limit_value": 30,
            "feedback_limit_unit": "minute",
            "seq": 0,
        },
    )
    assert r.status_code == 200, r.text
    desk = client.get("/api/v1/hotline/urgencies", headers=who("hotline_agent", 601))
    assert desk.status_code == 200 and "flash" in desk.text
    client.put("/api/v1/admin/hotline/urgencies/flash", headers=ADMIN, json={"active": False})
    assert (
        "flash"
        not in client.get("/api/v1/hotline/urgencies", headers=who("hotline_agent", 601)).text
    )
    err(
        client.put("/api/v1/admin/hotline/urgencies/new", headers=ADMIN, json={}),
        422,
        "invalid_input",
    )
    # keywords steer the category suggestion
    r = client.post(
        "/api/v1/admin/hotline/keywords",
        headers=ADMIN,
        json={"category": "event:09006", "keyword": "夜市地摊", "weight": 5},
    )
    assert r.status_code == 201, r.text
    kw = r.json()
    assert kw["category"] == "event:09006" and kw["category_name"]
    err(
        client.post(
            "/api/v1/admin/hotline/keywords",
            headers=ADMIN,
            json={"category": "event:09006", "keyword": "夜市地摊"},
        ),
        409,
        "keyword_taken",
    )
    listed = client.get(
        "/api/v1/admin/hotline/keywords", headers=ADMIN, params={"category": "event:09006"}
    ).json()
    assert any(k["id"] == kw["id"] for k in listed)
    assert (
        client.patch(
            f"/api/v1/admin/hotline/keywords/{kw['id']}", headers=ADMIN, json={"weight": 2}
        ).json()["weight"]
        == 2
    )
    assert (
        client.delete(f"/api/v1/admin/hotline/keywords/{kw['id']}", headers=ADMIN).status_code
        == 204
    )
    err(
        client.delete(f"/api/v1/admin/hotline/keywords/{kw['id']}", headers=ADMIN), 404, "not_found"
    )
