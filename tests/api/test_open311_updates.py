"""Open311 servicerequestupdates (mySociety): staff transitions as updates, citizens' updates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.service import verify_chains
from app.core.clock import now
from app.core.pii import decrypt
from tests.support.open311 import (
    BASE,
    INSIDE,
    JSON_TYPE,
    assert_datetime,
    case_row,
    check_error,
    fms_xml,
    new_key,
)

LEADER = {"X-Xiuhua-Role": "shift_leader", "X-Xiuhua-User": "301"}
DISPATCHER = {"X-Xiuhua-Role": "dispatcher", "X-Xiuhua-User": "401"}
OPERATOR = {"X-Xiuhua-Role": "operator", "X-Xiuhua-User": "201"}
UPDATE_KEYS = [
    "update_id",
    "service_request_id",
    "status",
    "updated_datetime",
    "description",
    "media_url",
    "external_status_code",
]


@pytest.fixture
def key(db_session: Session) -> str:
    return new_key(db_session)


def report(client: Any, key: str, code: str = "event:09006") -> str:
    r = client.post(
        f"{BASE}/requests.xml",
        data={
            "api_key": key,
            "service_code": code,
            "lat": str(INSIDE[1]),
            "long": str(INSIDE[0]),
            "description": "占道经营",
        },
    )
    assert r.status_code == 200, r.text
    return str(fms_xml(r.content)["request"][0]["service_request_id"])


def act(client: Any, s: Session, case_no: str, action: str, who: dict[str, str], **b: Any) -> Any:
    cid = case_row(s, case_no).id
    r = client.post(f"/api/v1/cases/{cid}/actions/{action}", headers=who, json=b)
    assert r.status_code == 200, r.text
    return r.json()


def updates(client: Any, key: str, fmt: str = "xml", **params: Any) -> Any:
    return client.get(f"{BASE}/servicerequestupdates.{fmt}", params={"api_key": key, **params})


def test_staff_transitions_are_updates_with_extended_statuses(
    client: Any, db_session: Session, key: str
) -> None:
    case_no = report(client, key)
    act(client, db_session, case_no, "file", LEADER)
    dispatched = act(client, db_session, case_no, "dispatch", DISPATCHER)
    unit = db_session.execute(
        text("SELECT name FROM grid_unit WHERE id = :u"), {"u": dispatched["assigned_unit_id"]}
    ).scalar_one()
    start = (now() - timedelta(hours=1)).isoformat()
    end = (now() + timedelta(hours=1)).isoformat()
    r = updates(client, key, start_date=start, end_date=end)
    assert r.status_code == 200, r.text
    mine = [u for u in fms_xml(r.content)["request_update"] if u["service_request_id"] == case_no]
    assert [(u["status"], u["external_status_code"]) for u in mine] == [
        ("OPEN", "reported"),
        ("ACTION_SCHEDULED", "filed"),
        ("IN_PROGRESS", "dispatched"),
    ]
    assert unit in mine[2]["description"] and "处置中" in mine[2]["description"]
    assert list(mine[0]) == UPDATE_KEYS and mine[0]["media_url"] is None
    j = updates(client, key, "json", start_date=start, end_date=end)
    assert j.headers["content-type"] == JSON_TYPE
    items = [u for u in j.json() if u["service_request_id"] == case_no]
    assert [u["update_id"] for u in items] == [u["update_id"] for u in mine]
    assert all(isinstance(u["update_id"], str) for u in items)
    for u in items:
        assert_datetime(u["updated_datetime"])
    # a window that ends before the case began shows nothing of it
    early = updates(
        client,
        key,
        "json",
        start_date=(now() - timedelta(days=2)).isoformat(),
        end_date=(now() - timedelta(days=1)).isoformat(),
    )
    assert case_no not in {u["service_request_id"] for u in early.json()}


def test_rejection_and_internal_requests(client: Any, db_session: Session, key: str) -> None:
    refused = report(client, key)
    act(client, db_session, refused, "reject", OPERATOR, note="不属于城管范围，联系人 13912345678")
    handled = report(client, key, "event:07001")
    act(client, db_session, handled, "file", LEADER)
    d = act(client, db_session, handled, "dispatch", DISPATCHER)
    unit = {"X-Xiuhua-Role": "unit_handler", "X-Xiuhua-Unit": str(d["assigned_unit_id"])}
    act(client, db_session, handled, "extend_request", unit, note="需要协调", hours=4)
    r = updates(client, key, "json")
    by_case: dict[str, list[dict[str, Any]]] = {}
    for u in r.json():
        by_case.setdefault(u["service_request_id"], []).append(u)
    last = by_case[refused][-1]
    assert last["status"] == "NOT_COUNCILS_RESPONSIBILITY"
    assert "139****5678" in last["description"] and "13912345678" not in r.text
    # the unit's extension request is internal: not an update
    assert [u["external_status_code"] for u in by_case[handled]] == [
        "reported",
        "filed",
        "dispatched",
    ]


def test_updates_need_a_key_and_a_short_window(client: Any, db_session: Session, key: str) -> None:
    check_error(client.get(f"{BASE}/servicerequestupdates.xml"), 403, "xml")
    check_error(updates(client, "xh_00000000_wrong", "json"), 403, "json")
    wide = updates(
        client,
        key,
        "json",
        start_date=(now() - timedelta(days=120)).isoformat(),
        end_date=now().isoformat(),
    )
    assert "90" in check_error(wide, 400, "json")
    check_error(updates(client, key, page_size="0"), 400, "xml")


def _update_form(key: str, case_no: str, **over: Any) -> dict[str, Any]:
    data = {
        "api_key": key,
        "service_request_id": case_no,
        "update_id": "fms-c-1",
        "status": "OPEN",
        "updated_datetime": "2026-11-21T10:15:00+08:00",
        "description": "摊贩又回来了，请尽快处理",
        "first_name": "Li",
        "last_name": "-",
        "email": "citizen@example.org",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_post_citizen_update_once(client: Any, db_session: Session, key: str, fmt: str) -> None:
    case_no = report(client, key)
    url = f"{BASE}/servicerequestupdates.{fmt}"
    r = client.post(url, data=_update_form(key, case_no))
    assert r.status_code == 200, r.text
    update_id = (
        r.json()[0]["update_id"]
        if fmt == "json"
        else fms_xml(r.content)["request_update"][0]["update_id"]
    )
    row = case_row(db_session, case_no)
    ev = db_session.execute(
        text("SELECT * FROM dispatch_case_event WHERE id = :i"), {"i": int(update_id)}
    ).one()
    assert ev.case_id == row.id and ev.action == "open311_update" and ev.note.startswith("摊贩")
    assert ev.from_status == ev.to_status == "reported" and ev.payload["status"] == "OPEN"
    _, problems = verify_chains(db_session, row.id)
    assert problems == []
    stored = db_session.execute(
        text("SELECT * FROM dispatch_open311_update WHERE event_id = :i"), {"i": ev.id}
    ).one()
    assert stored.update_id == "fms-c-1" and decrypt(stored.email_enc) == "citizen@example.org"
    assert "citizen@example.org" not in stored.email_enc
    staff = client.get(f"/api/v1/cases/{row.id}/events", headers=OPERATOR).json()
    assert staff[-1]["action"] == "open311_update"
    again = client.post(url, data=_update_form(key, case_no, description="再发一次"))
    assert "update_id" in check_error(again, 400, fmt)
    # another client may use the same update_id
    other = new_key(db_session, "another-front-end")
    assert client.post(url, data=_update_form(other, case_no)).status_code == 200
    listed = updates(client, key, "json").json()
    mine = [u for u in listed if u["update_id"] == update_id]
    assert mine and mine[0]["status"] == "OPEN" and mine[0]["description"].startswith("摊贩")
    assert "citizen@example.org" not in str(listed)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_invalid_citizen_updates(client: Any, db_session: Session, key: str, fmt: str) -> None:
    case_no = report(client, key)
    url = f"{BASE}/servicerequestupdates.{fmt}"
    for field in ("service_request_id", "update_id", "status", "updated_datetime", "description"):
        data = _update_form(key, case_no, update_id=f"u-{field}")
        data[field] = ""
        assert field in check_error(client.post(url, data=data), 400, fmt)
    no_key = _update_form(key, case_no)
    del no_key["api_key"]
    check_error(client.post(url, data=no_key), 403, fmt)
    check_error(client.post(url, data=_update_form(key, "370303-1999-999999")), 404, fmt)
    check_error(client.post(url, data=_update_form(key, case_no, status="MAYBE")), 400, fmt)
    check_error(
        client.post(url, data=_update_form(key, case_no, updated_datetime="soon")), 400, fmt
    )
    check_error(client.post(url, data=_update_form(key, case_no, description="x\x0bx")), 400, fmt)
    reopen = client.post(url, data=_update_form(key, case_no, update_id="r1", status="reopen"))
    assert reopen.status_code == 200, reopen.text
