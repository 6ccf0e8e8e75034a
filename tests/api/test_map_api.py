"""一张图 API: open cases as GeoJSON points with their light, filtered and scoped."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.service import ReportInput, report_case
from app.core.clock import now

LEADER = {"X-Xiuhua-Role": "leader", "X-Xiuhua-User": "7"}


def _report(s: Session, category: str = "event:09006") -> Any:
    lon, lat = s.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND mgmt_class = 'normal' ORDER BY code LIMIT 1) q"
        )
    ).one()
    return report_case(
        s,
        ReportInput(wf.Source.inspector, category, float(lon), float(lat), description="一张图"),
        wf.Actor(wf.Role.inspector, 101),
        now(),
    ).case


def _features(client: Any, headers: dict[str, str] = LEADER, **params: Any) -> list[Any]:
    r = client.get("/api/v1/map/cases", params=params, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["type"] == "FeatureCollection" and body["truncated"] is False
    return list(body["features"])


def test_open_cases_are_points_with_their_light(client: Any, db_session: Session) -> None:
    case = _report(db_session)
    feats = {f["properties"]["case_no"]: f for f in _features(client)}
    f = feats[case.case_no]
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    p = f["properties"]
    assert p["status"] == case.status and p["status_label"]
    assert p["light"] in ("green", "yellow", "red") and p["light_label"]
    assert p["category"] == "event:09006" and p["category_name"] == "占道经营"
    assert p["source"] == "inspector" and p["source_label"]

    # filters: a category it is not, a source it is not, the light it has
    assert case.case_no not in {
        x["properties"]["case_no"] for x in _features(client, category="event:07001")
    }
    assert case.case_no not in {
        x["properties"]["case_no"] for x in _features(client, source="hotline")
    }
    assert case.case_no in {x["properties"]["case_no"] for x in _features(client, light=p["light"])}


def test_a_unit_sees_only_its_own_cases(client: Any, db_session: Session) -> None:
    case = _report(db_session)
    other = db_session.execute(
        text("SELECT id FROM grid_unit WHERE id IS DISTINCT FROM :u ORDER BY id LIMIT 1"),
        {"u": case.assigned_unit_id},
    ).scalar_one()
    unit = {"X-Xiuhua-Role": "unit_handler", "X-Xiuhua-User": "31", "X-Xiuhua-Unit": str(other)}
    assert case.case_no not in {f["properties"]["case_no"] for f in _features(client, unit)}


def test_bad_filters_are_422_with_a_code(client: Any) -> None:
    for params in ({"light": "purple"}, {"status": "closed"}, {"unit": "abc"}, {"category": "x"}):
        r = client.get("/api/v1/map/cases", params=params, headers=LEADER)
        assert r.status_code == 422, (params, r.text)
        assert r.json()["code"] == "invalid_filter"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.json()["message"])


def test_settings_base_map_off_by_default(client: Any) -> None:
    r = client.get("/api/v1/map/settings", headers=LEADER)
    assert r.status_code == 200
    body = r.json()
    assert body["base_tile_url"] is None
    assert {"value": "dispatched", "label": "处置中"} in body["statuses"]
    assert client.get("/api/v1/map/settings").status_code == 401
