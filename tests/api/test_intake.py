"""Machine intake: video/IoT feeds report with an API key of scope `intake`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.identity.service import create_api_key, revoke_api_key
from tests.support.api import OPERATOR, err

URL = "/api/v1/intake/reports"


def body(spot: tuple[float, float], **over: Any) -> dict[str, Any]:
    return {
        "category": "event:06010",
        "lon": spot[0],
        "lat": spot[1],
        "description": "视频智能抓拍：暴露垃圾",
        "source": "video",
    } | over


def test_a_video_feed_reports_with_its_key(
    client: Any, spot: tuple[float, float], db_session: Session
) -> None:
    _, raw = create_api_key(db_session, "camera-42", ["intake"], now())
    h = {"X-API-Key": raw, "Idempotency-Key": "cam42-0001"}
    first = client.post(URL, json=body(spot), headers=h)
    assert first.status_code == 201, first.text
    case = first.json()
    assert case["source"] == "video" and case["reporter_id"] is None
    assert case["case_no"].startswith("370303-") and len(case["grid_code"]) == 15
    again = client.post(URL, json=body(spot), headers=h)  # a retry of the same detection
    assert again.status_code == 201 and again.json()["id"] == case["id"]
    n = db_session.execute(text("SELECT count(*) FROM dispatch_case WHERE source = 'video'"))
    assert n.scalar_one() == 1
    iot = client.post(
        URL, json=body(spot, source="iot", category="component:01003"), headers={"X-API-Key": raw}
    )
    assert iot.status_code == 201 and iot.json()["source"] == "iot"
    staff = client.get(f"/api/v1/cases/{case['id']}", headers=OPERATOR)
    assert staff.status_code == 200 and staff.json()["status"] == "reported"


def test_keys_are_checked(client: Any, spot: tuple[float, float], db_session: Session) -> None:
    err(client.post(URL, json=body(spot)), 403, "forbidden")
    err(client.post(URL, json=body(spot), headers={"X-API-Key": "xh_nope_nope"}), 403, "forbidden")
    _, open311_only = create_api_key(db_session, "fms", ["open311"], now())
    err(client.post(URL, json=body(spot), headers={"X-API-Key": open311_only}), 403, "forbidden")
    key, raw = create_api_key(db_session, "cam", ["intake"], now(), rate_per_min=1)
    assert client.post(URL, json=body(spot), headers={"X-API-Key": raw}).status_code == 201
    err(client.post(URL, json=body(spot), headers={"X-API-Key": raw}), 429, "rate_limited")
    revoke_api_key(db_session, key.id, now())
    err(client.post(URL, json=body(spot), headers={"X-API-Key": raw}), 403, "forbidden")


def test_only_machine_sources(client: Any, spot: tuple[float, float], db_session: Session) -> None:
    _, raw = create_api_key(db_session, "cam-x", ["intake"], now())
    h = {"X-API-Key": raw}
    err(client.post(URL, json=body(spot, source="inspector"), headers=h), 422, "invalid_input")
    err(client.post(URL, json=body(spot, lon=0, lat=0), headers=h), 422, "outside_service_area")
