"""The inspector's phone API: one-call report with photos, idempotency, tasks, incremental sync."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.config import get_settings
from app.identity.service import UserInput, create_user
from tests.support.api import (
    DISPATCHER,
    INSPECTOR,
    INSPECTOR_ID,
    OPERATOR,
    OTHER_INSPECTOR,
    Api,
    err,
    jpeg,
)
from tests.support.identity import bearer_for

URL = "/api/v1/inspector"


def form(spot: tuple[float, float], **over: Any) -> dict[str, Any]:
    return {
        "category": "event:09006",
        "lon": str(spot[0]),
        "lat": str(spot[1]),
        "crs": "wgs84",
        "description": "路口占道经营，影响通行",
    } | over


def post_report(
    client: Any,
    spot: tuple[float, float],
    headers: dict[str, str],
    key: str | None = "auto",
    photos: list[bytes] | None = None,
    after: list[bytes] | None = None,
    **over: Any,
) -> Any:
    files = [("photos", (f"p{i}.jpg", p, "image/jpeg")) for i, p in enumerate(photos or [jpeg()])]
    files += [("after_photos", (f"a{i}.jpg", p, "image/jpeg")) for i, p in enumerate(after or [])]
    h = dict(headers)
    if key:
        h["Idempotency-Key"] = uuid.uuid4().hex if key == "auto" else key
    return client.post(f"{URL}/reports", data=form(spot, **over), files=files, headers=h)


@pytest.fixture
def store_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "attachment_max_bytes", 1024 * 1024)


def count_cases(db: Session) -> int:
    return int(db.execute(text("SELECT count(*) FROM dispatch_case")).scalar_one())


def test_report_in_one_call_with_photos(
    client: Any, spot: tuple[float, float], db_session: Session
) -> None:
    r = post_report(client, spot, INSPECTOR, photos=[jpeg(), jpeg((10, 200, 30))])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["case_no"].startswith("370303-")
    assert len(body["grid_code"]) == 15 and body["community_code"].startswith("370303")
    assert body["routed_unit"]["name"].endswith("综合行政执法局")
    assert body["due_at"] is not None and len(body["photos"]) == 2
    assert body["outside_patrol_area"] is False  # no patrol area assigned: nothing to flag
    view = client.get(f"/api/v1/cases/{body['id']}", headers=OPERATOR).json()
    assert [p["kind"] for p in view["photos"]] == ["report", "report"]
    assert view["source"] == "inspector" and view["reporter_id"] == INSPECTOR_ID


def test_idempotency_key_is_required_and_retries_create_nothing(
    client: Any, spot: tuple[float, float], db_session: Session
) -> None:
    err(post_report(client, spot, INSPECTOR, key=None), 428, "precondition_required")
    before = count_cases(db_session)
    photo = jpeg()
    first = post_report(client, spot, INSPECTOR, key="phone-1", photos=[photo])
    again = post_report(client, spot, INSPECTOR, key="phone-1", photos=[photo])
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert count_cases(db_session) == before + 1
    # the same key with other content (another photo) is refused, nothing created
    other = post_report(client, spot, INSPECTOR, key="phone-1", photos=[jpeg((1, 2, 3))])
    err(other, 409, "idempotency_key_reused")
    assert count_cases(db_session) == before + 1


def test_photos_are_required_and_checked(
    client: Any, spot: tuple[float, float], store_limit: None
) -> None:
    h = INSPECTOR | {"Idempotency-Key": "k-none"}
    r = client.post(f"{URL}/reports", data=form(spot), headers=h)
    err(r, 422, "invalid_input")
    err(
        post_report(client, spot, INSPECTOR, photos=[b"not an image at all"]),
        422,
        "unsupported_media_type",
    )
    big = jpeg() + b"\0" * (2 * 1024 * 1024)  # over the 1 MB limit of this test
    err(post_report(client, spot, INSPECTOR, photos=[big]), 413, "payload_too_large")


def test_bad_coordinates_are_refused_before_anything_is_stored(
    client: Any, spot: tuple[float, float], db_session: Session
) -> None:
    before = count_cases(db_session)
    err(post_report(client, spot, INSPECTOR, lon="nan"), 422, "invalid_coordinate")
    err(post_report(client, spot, INSPECTOR, lon="0", lat="0"), 422, "outside_service_area")
    err(post_report(client, spot, INSPECTOR, crs="epsg:3857"), 422, "unsupported_crs")
    assert count_cases(db_session) == before


def test_report_outside_patrol_area_is_accepted_and_flagged(
    client: Any, spot: tuple[float, float], db_session: Session
) -> None:
    cell, community = db_session.execute(
        text(
            "SELECT code, community_code FROM grid_cell WHERE valid_to IS NULL AND"
            " ST_Covers(geom, ST_SetSRID(ST_MakePoint(:x, :y), 4326))"
        ),
        {"x": spot[0], "y": spot[1]},
    ).one()
    other_community = db_session.execute(
        text("SELECT min(code) FROM grid_community WHERE code <> :c"), {"c": community}
    ).scalar_one()
    mine = create_user(
        db_session,
        UserInput("insp-here", "inspector", password="insp-pass-1", communities=[community]),
        now(),
    )
    away = create_user(
        db_session,
        UserInput("insp-away", "inspector", password="insp-pass-2", communities=[other_community]),
        now(),
    )
    r = post_report(client, spot, bearer_for(db_session, mine.id))
    assert r.status_code == 201 and r.json()["outside_patrol_area"] is False
    r = post_report(client, spot, bearer_for(db_session, away.id))
    assert r.status_code == 201, r.text
    assert r.json()["outside_patrol_area"] is True and r.json()["grid_code"] == cell


def test_self_handled_on_the_spot(client: Any, spot: tuple[float, float]) -> None:
    err(post_report(client, spot, INSPECTOR, self_handled="true"), 422, "invalid_input")
    r = post_report(
        client, spot, INSPECTOR, self_handled="true", after=[jpeg((0, 0, 0))], note="已劝离"
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "closed"
    view = client.get(f"/api/v1/cases/{r.json()['id']}", headers=OPERATOR).json()
    assert sorted(p["kind"] for p in view["photos"]) == ["after", "report"]


def test_verify_task_from_the_pool(client: Any, api: Api, db_session: Session) -> None:
    case = api.report(OPERATOR, source="public")
    case = api.act(case, "send_verify", OPERATOR)
    tasks = client.get(f"{URL}/tasks", headers=OTHER_INSPECTOR).json()
    mine = [t for t in tasks if t["id"] == case["id"]]
    assert mine and mine[0]["task"]["kind"] == "verify" and mine[0]["task"]["assigned"] is False
    assert mine[0]["task"]["due_at"] is not None and mine[0]["task"]["results"] == [
        "exists",
        "not_exists",
    ]
    h = OTHER_INSPECTOR | {"Idempotency-Key": "verify-1"}
    files = [("photos", ("v.jpg", jpeg(), "image/jpeg"))]
    err(
        client.post(
            f"{URL}/tasks/{case['id']}/result", data={"result": "pass"}, files=files, headers=h
        ),
        422,
        "invalid_input",
    )
    h = OTHER_INSPECTOR | {"Idempotency-Key": "verify-2"}
    r = client.post(
        f"{URL}/tasks/{case['id']}/result", data={"result": "exists"}, files=files, headers=h
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "reported" and r.json()["action"] == "verify_exists"
    # the inspector who took the task holds it; another inspector no longer sees the case
    view = api.get(case)
    assert view["task_inspector_id"] is not None
    assert [p["kind"] for p in view["photos"]] == ["verify"]
    assert client.get(f"/api/v1/cases/{case['id']}", headers=OTHER_INSPECTOR).status_code == 200
    assert client.get(f"/api/v1/cases/{case['id']}", headers=INSPECTOR).status_code == 404


def test_check_task_goes_to_the_reporting_inspector(client: Any, api: Api) -> None:
    case = api.handled()
    tasks = client.get(f"{URL}/tasks", headers=INSPECTOR).json()
    task = next(t for t in tasks if t["id"] == case["id"])
    assert task["task"]["kind"] == "check" and task["task"]["assigned"] is True
    assert {p["kind"] for p in task["photos"]} >= {"after"}
    assert case["id"] not in [
        t["id"] for t in client.get(f"{URL}/tasks", headers=OTHER_INSPECTOR).json()
    ]
    h = INSPECTOR | {"Idempotency-Key": "check-1"}
    files = [("photos", ("c.jpg", jpeg(), "image/jpeg"))]
    r = client.post(
        f"{URL}/tasks/{case['id']}/result", data={"result": "pass"}, files=files, headers=h
    )
    assert r.status_code == 200 and r.json()["status"] == "to_close", r.text
    again = client.post(
        f"{URL}/tasks/{case['id']}/result", data={"result": "pass"}, files=files, headers=h
    )
    assert again.status_code == 200 and again.json() == r.json()  # a retry replays the answer
    assert client.get(f"{URL}/tasks", headers=INSPECTOR).json() == [
        t for t in client.get(f"{URL}/tasks", headers=INSPECTOR).json() if t["id"] != case["id"]
    ]


def test_incremental_sync_with_a_cursor(client: Any, api: Api) -> None:
    me = {"X-Xiuhua-Role": "inspector", "X-Xiuhua-User": "7777"}
    made = [api.report(me)["id"] for _ in range(5)]
    seen: list[int] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get(f"{URL}/cases", params=params, headers=me).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == made  # oldest first, no duplicates, nothing missed
    page = client.get(f"{URL}/cases", params={"cursor": cursor}, headers=me).json()
    assert page["items"] == [] and page["next_cursor"] == cursor
    api.act(made[2], "self_handle", me, photos=[api.upload(me)])
    page = client.get(f"{URL}/cases", params={"cursor": cursor}, headers=me).json()
    assert [c["id"] for c in page["items"]] == [made[2]] and page["items"][0]["status"] == "closed"
    err(client.get(f"{URL}/cases", params={"cursor": "garbage!"}, headers=me), 422, "invalid_input")


def test_only_inspectors(client: Any, spot: tuple[float, float]) -> None:
    err(post_report(client, spot, OPERATOR), 403, "forbidden")
    err(client.get(f"{URL}/tasks", headers=DISPATCHER), 403, "forbidden")
    assert client.get(f"{URL}/tasks").status_code == 401


def test_the_report_policy_is_the_same_through_post_cases(api: Api) -> None:
    """An inspector's report needs a site photo through POST /api/v1/cases too (one policy)."""
    e = err(api.report_raw(INSPECTOR, photos=[]), 422, "invalid_input")
    assert e["detail"]["field"] == "photos" and "照片" in e["message"]
    assert api.report(INSPECTOR)["source"] == "inspector"  # with a photo: accepted
    assert api.report(OPERATOR, source="public")["source"] == "public"  # operators: no photo needed
