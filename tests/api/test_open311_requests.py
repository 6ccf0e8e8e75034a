"""Open311 GET requests: every key present, filters, windows, paging, bbox/radius, notes.

Cases are made through Open311 (source open311), the staff API (inspector, hotline) and moved
through the closed loop by staff; the reads are checked against the published schemas and with
the FixMyStreet-style XML reader.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from tests.support.api import upload_photo
from tests.support.open311 import (
    BASE,
    INSIDE,
    INSIDE_2,
    REQUEST_KEYS,
    XML_TYPE,
    assert_datetime,
    case_row,
    check_error,
    fms_xml,
    new_key,
    validate,
)

OPERATOR = {"X-Xiuhua-Role": "operator", "X-Xiuhua-User": "201"}
LEADER = {"X-Xiuhua-Role": "shift_leader", "X-Xiuhua-User": "301"}
DISPATCHER = {"X-Xiuhua-Role": "dispatcher", "X-Xiuhua-User": "401"}
INSPECTOR = {"X-Xiuhua-Role": "inspector", "X-Xiuhua-User": "101"}
HOTLINE = {"X-Xiuhua-Role": "hotline_agent", "X-Xiuhua-User": "601"}


class World:
    """Cases made for one test: Open311 reports and staff reports."""

    def __init__(self, client: Any, session: Session) -> None:
        self.c, self.s = client, session
        self.key = new_key(session)

    def o311(self, code: str = "event:09006", at: tuple[float, float] = INSIDE, **kw: Any) -> str:
        data = {
            "api_key": self.key,
            "service_code": code,
            "lat": str(at[1]),
            "long": str(at[0]),
            "description": "测试诉求",
            **kw,
        }
        r = self.c.post(f"{BASE}/requests.json", data=data)
        assert r.status_code == 200, r.text
        return str(r.json()[0]["service_request_id"])

    def staff(self, headers: dict[str, str], source: str, **kw: Any) -> dict[str, Any]:
        body = {
            "category": "event:06010",
            "lon": INSIDE[0],
            "lat": INSIDE[1],
            "description": "巡查发现暴露垃圾",
            "source": source,
            **kw,
        }
        if headers.get("X-Xiuhua-Role") == "inspector":  # the report policy: a site photo
            body["photos"] = [upload_photo(self.c, headers)]
        r = self.c.post("/api/v1/cases", headers=headers, json=body)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def act(self, case_no: str, action: str, headers: dict[str, str], **body: Any) -> Any:
        cid = case_row(self.s, case_no).id
        r = self.c.post(f"/api/v1/cases/{cid}/actions/{action}", headers=headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()

    def get(self, fmt: str = "json", **params: Any) -> Any:
        return self.c.get(f"{BASE}/requests.{fmt}", params=params)

    def ids(self, **params: Any) -> list[str]:
        r = self.get(**params)
        assert r.status_code == 200, r.text
        validate("requests.json", r.json())
        return [x["service_request_id"] for x in r.json()]


@pytest.fixture
def world(client: Any, db_session: Session) -> World:
    return World(client, db_session)


def test_every_key_present_in_both_formats(world: World) -> None:
    case_no = world.o311("event:06001", **{"attribute[condition]": "1"})
    world.act(case_no, "file", LEADER)
    dispatched = world.act(case_no, "dispatch", DISPATCHER)
    r = world.get(service_request_id=case_no)
    assert r.status_code == 200
    [item] = r.json()
    validate("requests.json", r.json())
    assert list(item) == REQUEST_KEYS
    assert item["status"] == "open" and item["status_notes"] == "处置中"
    assert item["service_code"] == "event:06001" and item["service_name"] == "私搭乱建"
    assert item["agency_responsible"] and isinstance(item["agency_responsible"], str)
    unit = world.s.execute(
        text("SELECT name FROM grid_unit WHERE id = :u"), {"u": dispatched["assigned_unit_id"]}
    ).scalar_one()
    assert item["agency_responsible"] == unit
    handle = next(s for s in dispatched["stages"] if s["stage"] == "handle")
    due = datetime.fromisoformat(handle["due_at"])
    assert assert_datetime(item["expected_datetime"]) == due.replace(microsecond=0)
    assert "4 工作时" in item["service_notice"]
    for k in ("requested_datetime", "updated_datetime"):
        assert_datetime(item[k])
    assert (item["long"], item["lat"]) == pytest.approx(INSIDE)
    assert item["zipcode"] is None and item["media_url"] is None and item["address_id"] is None
    x = world.get("xml", service_request_id=case_no)
    assert x.headers["content-type"] == XML_TYPE
    [req] = fms_xml(x.content)["request"]
    assert list(req) == REQUEST_KEYS  # every element emitted, empty ones included
    assert req["zipcode"] is None and req["lat"] == str(item["lat"])
    assert req["expected_datetime"] == item["expected_datetime"]


def test_ids_override_other_filters_and_hotline_stays_internal(world: World) -> None:
    a, b = world.o311(), world.o311("event:07001")
    inspector = world.staff(INSPECTOR, "inspector")["case_no"]
    hotline = world.staff(HOTLINE, "hotline", address_text="华光路 88 号")["case_no"]
    got = world.ids(service_request_id=f"{a},{b}", status="closed", service_code="event:99999")
    assert sorted(got) == sorted([a, b])
    listed = world.ids()
    assert {a, b, inspector} <= set(listed) and hotline not in listed
    assert world.get(service_request_id=hotline).json() == []
    check_error(world.c.get(f"{BASE}/requests/{hotline}.json"), 404, "json")


def test_service_code_and_status_filters(world: World) -> None:
    vending, flyer, other = world.o311(), world.o311("event:07001"), world.o311()
    world.act(other, "reject", OPERATOR, note="不属于城市管理范围")
    assert set(world.ids(service_code="event:07001")) == {flyer}
    assert {vending, flyer, other} <= set(world.ids(service_code="event:07001,event:09006"))
    closed = world.ids(status="closed")
    assert other in closed and vending not in closed
    assert other not in world.ids(status="open") and vending in world.ids(status="open")
    assert {vending, other} <= set(world.ids(status="open,closed"))
    check_error(world.get(status="pending"), 400, "json")


def test_date_windows(world: World) -> None:
    case_no = world.o311()
    tz = ZoneInfo("Asia/Shanghai")
    today = now().astimezone(tz)
    assert case_no in world.ids(start_date=(today - timedelta(days=1)).isoformat())
    assert case_no in world.ids(end_date=(today + timedelta(days=1)).isoformat())
    assert case_no not in world.ids(end_date=(today - timedelta(days=1)).isoformat())
    too_long = world.get(
        "xml",
        start_date=(today - timedelta(days=91)).isoformat(),
        end_date=today.isoformat(),
    )
    assert "90" in check_error(too_long, 400, "xml")
    backwards = world.get(start_date=today.isoformat(), end_date=(today - timedelta(1)).isoformat())
    check_error(backwards, 400, "json")
    check_error(world.get(start_date="yesterday"), 400, "json")
    # an unencoded '+' arrives as a space; tolerated
    stamp = (today - timedelta(hours=2)).replace(microsecond=0).isoformat().replace("+", " ")
    assert case_no in world.ids(start_date=stamp)
    # old cases fall outside the default window (last 90 days)
    world.s.execute(
        text(
            "UPDATE dispatch_case SET reported_at = reported_at - interval '100 days'"
            " WHERE case_no = :n"
        ),
        {"n": case_no},
    )
    assert case_no not in world.ids()
    assert case_no in world.ids(service_request_id=case_no)


def test_updated_after_and_before(world: World) -> None:
    old, new = world.o311(), world.o311()
    world.s.execute(
        text("UPDATE dispatch_case SET updated_at = now() - interval '3 days' WHERE case_no = :n"),
        {"n": old},
    )
    since = (now() - timedelta(days=1)).isoformat()
    got = world.ids(updated_after=since)
    assert new in got and old not in got
    got = world.ids(updated_before=since)
    assert old in got and new not in got
    # updated_* alone does not apply the default window on the request date
    world.s.execute(
        text(
            "UPDATE dispatch_case SET reported_at = now() - interval '200 days' WHERE case_no = :n"
        ),
        {"n": old},
    )
    assert old in world.ids(updated_before=since)


def test_bbox_radius_and_paging(world: World) -> None:
    here, there = world.o311(at=INSIDE), world.o311(at=INSIDE_2)
    x, y = INSIDE
    box = f"{x - 0.001},{y - 0.001},{x + 0.001},{y + 0.001}"
    got = world.ids(bbox=box)
    assert here in got and there not in got
    got = world.ids(lat=str(y), long=str(x), radius="200")
    assert here in got and there not in got
    assert there in world.ids(lat=str(y), long=str(x), radius="5000")
    check_error(world.get(bbox="1,2,3"), 400, "json")
    check_error(world.get(bbox=f"{x + 1},{y},{x},{y + 1}"), 400, "json")
    check_error(world.get(lat=str(y), long=str(x), radius="50000"), 400, "json")
    check_error(world.get(radius="100"), 400, "json")
    everything = world.ids()
    assert everything.index(there) < everything.index(here)  # newest first
    first = world.ids(page_size="1")
    second = world.ids(page_size="1", page="2")
    assert first == everything[:1] and second == everything[1:2]
    check_error(world.get(page_size="1001"), 400, "json")
    check_error(world.get(page="0"), 400, "json")
    check_error(world.get(page_size="many"), 400, "json")


def test_extensions_notes_without_personal_data(world: World) -> None:
    case_no = world.o311(phone="13900001111", email="me@example.org")
    world.act(case_no, "reject", OPERATOR, note="经核实不属于城管范围，已告知 13912345678 来电人")
    r = world.c.get(f"{BASE}/requests/{case_no}.json", params={"extensions": "true"})
    assert r.status_code == 200
    [item] = r.json()
    validate("requests.json", r.json())
    notes = item["notes"]
    assert [n["type"] for n in notes] == ["report", "reject"]
    assert "不予受理" in notes[1]["description"] and "139****5678" in notes[1]["description"]
    for n in notes:
        assert_datetime(n["datetime"])
    assert "13912345678" not in r.text and "13900001111" not in r.text
    assert "operator" not in r.text and "actor" not in r.text
    x = fms_xml(world.c.get(f"{BASE}/requests/{case_no}.xml?extensions=true").content)
    assert [n["type"] for n in x["request"][0]["notes"]["note"]] == ["report", "reject"]
    plain = world.c.get(f"{BASE}/requests/{case_no}.json").json()[0]
    assert "notes" not in plain and plain["status"] == "closed"


def test_absurd_parameters_are_400_not_500(world: World) -> None:
    check_error(world.get(start_date="9999-12-31"), 400, "json")
    check_error(world.get(end_date="0001-01-01"), 400, "json")
    check_error(world.get(page=str(10**30)), 400, "json")
    check_error(world.get(lat="1e999", long="118"), 400, "json")
    check_error(world.get(lat="36.8", long="118", radius="nan"), 400, "json")
    assert world.get(service_request_id="a,,b").json() == []
