"""Admin API: catalogue switches, filing-standard versions, stage limits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.support.api import upload_photo

ADMIN = {"X-Xiuhua-Role": "admin", "X-Xiuhua-User": "1"}


def _cat_id(s: Session, kind: str, code: str) -> int:
    return int(
        s.execute(
            text("SELECT id FROM dispatch_category WHERE kind = :k AND code = :c"),
            {"k": kind, "c": code},
        ).scalar_one()
    )


def test_only_admins(client: Any) -> None:
    r = client.get("/api/v1/admin/categories", headers={"X-Xiuhua-Role": "dispatcher"})
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert client.get("/api/v1/admin/categories").status_code == 401


def test_categories_search_and_disable(client: Any, db_session: Session) -> None:
    r = client.get("/api/v1/admin/categories", params={"q": "占道"}, headers=ADMIN)
    assert r.status_code == 200 and any(c["code"] == "09006" for c in r.json())
    cid = _cat_id(db_session, "event", "09006")
    r = client.patch(f"/api/v1/admin/categories/{cid}", json={"enabled": False}, headers=ADMIN)
    assert r.status_code == 200 and r.json()["enabled"] is False
    insp = {"X-Xiuhua-Role": "inspector"}
    report = client.post(
        "/api/v1/cases",
        headers=insp,
        json={
            "category": "event:09006",
            "lon": 118.0458,
            "lat": 36.8132,
            "description": "占道",
            "photos": [upload_photo(client, insp)],  # an inspector's report carries a photo
        },
    )
    assert report.status_code == 422 and "停用" in report.json()["message"]


def test_used_category_cannot_be_deleted(client: Any, db_session: Session) -> None:
    insp = {"X-Xiuhua-Role": "inspector"}
    r = client.post(
        "/api/v1/cases",
        headers=insp,
        json={
            "category": "event:06010",
            "lon": 118.0458,
            "lat": 36.8132,
            "description": "垃圾",
            "photos": [upload_photo(client, insp)],
        },
    )
    assert r.status_code == 201, r.text
    cid = _cat_id(db_session, "event", "06010")
    d = client.delete(f"/api/v1/admin/categories/{cid}", headers=ADMIN)
    assert d.status_code == 409 and "停用" in d.json()["message"]
    unused = (
        _cat_id(db_session, "event", "10001")
        if db_session.execute(
            text("SELECT 1 FROM dispatch_category WHERE kind='event' AND code='10001'")
        ).first()
        else None
    )
    if unused:
        assert client.delete(f"/api/v1/admin/categories/{unused}", headers=ADMIN).status_code == 204


def test_edit_standard_makes_a_new_version_and_running_clocks_keep_theirs(
    client: Any, db_session: Session
) -> None:
    cid = _cat_id(db_session, "event", "07001")
    stds = client.get(f"/api/v1/admin/categories/{cid}/standards", headers=ADMIN).json()
    assert stds[0]["limit_value"] == 4 and stds[0]["key_limit_value"] == 2
    assert stds[0]["limit_unit"] == "work_hour"
    # a running case first
    insp = {"X-Xiuhua-Role": "inspector", "X-Xiuhua-User": "5"}
    case = client.post(
        "/api/v1/cases",
        headers=insp,
        json={
            "category": "event:07001",
            "lon": 118.0458,
            "lat": 36.8132,
            "description": "小广告",
            "photos": [upload_photo(client, insp)],
        },
    ).json()
    client.post(
        f"/api/v1/cases/{case['id']}/actions/file", headers={"X-Xiuhua-Role": "shift_leader"}
    )
    running = client.post(
        f"/api/v1/cases/{case['id']}/actions/dispatch", headers={"X-Xiuhua-Role": "dispatcher"}
    ).json()
    handle = next(s for s in running["stages"] if s["stage"] == "handle")
    r = client.put(
        f"/api/v1/admin/standards/{stds[0]['id']}",
        headers=ADMIN,
        json={"limit_value": 6, "key_limit_value": 3},
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2 and r.json()["limit_value"] == 6
    again = client.get(f"/api/v1/cases/{case['id']}", headers=insp).json()
    assert next(s for s in again["stages"] if s["stage"] == "handle")["due_at"] == handle["due_at"]
    now = client.get(f"/api/v1/admin/categories/{cid}/standards", headers=ADMIN).json()
    assert [s["version"] for s in now] == [2]
    old = client.put(
        f"/api/v1/admin/standards/{stds[0]['id']}", headers=ADMIN, json={"limit_value": 1}
    )
    assert old.status_code == 404


def test_stage_limits(client: Any) -> None:
    rows = client.get("/api/v1/admin/stage-limits", headers=ADMIN).json()
    assert {r["stage"] for r in rows} == {"verify", "file", "dispatch", "check", "close"}
    r = client.put(
        "/api/v1/admin/stage-limits/file",
        headers=ADMIN,
        json={"limit_value": 15, "limit_unit": "minute", "source": "hotline"},
    )
    assert r.status_code == 200 and r.json()["source"] == "hotline"
    bad = client.put(
        "/api/v1/admin/stage-limits/handle",
        headers=ADMIN,
        json={"limit_value": 1, "limit_unit": "work_day"},
    )
    assert bad.status_code == 422 and "立结案标准" in bad.json()["message"]
