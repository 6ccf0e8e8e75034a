"""Stats API: roles, tables, error codes, publication, settings, heat layers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.stats import facts
from tests.support.stats_history import generate

LEADER = {"X-Xiuhua-Role": "leader", "X-Xiuhua-User": "7"}
ADMIN = {"X-Xiuhua-Role": "admin", "X-Xiuhua-User": "1"}
MONTH = {"period": "month", "date": "2026-03-10"}


@pytest.fixture
def seeded(db_session: Session) -> None:
    generate(db_session, cases=30, steps=300, seed=51)
    while facts.refresh_batch(db_session):
        pass


def _get(client: Any, path: str, headers: dict[str, str] = LEADER, **params: Any) -> Any:
    return client.get(f"/api/v1/stats{path}", params=params, headers=headers)


def test_indicator_tables_for_every_scope(client: Any, seeded: None) -> None:
    for scope in (
        "district",
        "street",
        "community",
        "cell",
        "unit",
        "category",
        "source",
        "inspector",
        "operator",
        "dispatcher",
        "shift_leader",
    ):
        r = _get(client, "/indicators", scope=scope, **MONTH)
        assert r.status_code == 200, (scope, r.text)
        body = r.json()
        keys = [c["key"] for c in body["columns"]]
        assert keys[:2] == ["key", "name"]
        assert body["rows"], scope
        assert set(body["rows"][0]) == set(keys)
        assert body["meta"]["period"] == {
            "kind": "month",
            "start": "2026-03-01",
            "end": "2026-03-31",
            "label": "2026年3月",
        }
    d = _get(client, "/indicators", scope="district", **MONTH).json()
    labels = {c["key"]: c["label"] for c in d["columns"]}
    assert labels["handle_on_time_rate"] == "按期处置率（含超期在办）"
    assert labels["handle_on_time_rate_closed"] == "按期处置率（仅已处置）"
    assert d["rows"][0]["cases"] == 30
    paged = _get(client, "/indicators", scope="cell", limit=2, offset=1, **MONTH).json()
    assert len(paged["rows"]) <= 2 and paged["meta"]["offset"] == 1


@pytest.mark.parametrize("role", ["inspector", "unit_handler", "hotline_agent"])
def test_other_roles_are_refused(client: Any, role: str) -> None:
    r = _get(client, "/indicators", headers={"X-Xiuhua-Role": role}, scope="street")
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert "无权" in r.json()["message"]
    assert _get(client, "/indicators", headers={}, scope="street").status_code == 401


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"scope": "planet"}, "unknown_scope"),
        (
            {"scope": "street", "period": "custom", "start": "2020-01-01", "end": "2026-01-01"},
            "period_too_long",
        ),
        ({"scope": "street", "period": "custom", "start": "2026-01-05"}, "invalid_period"),
        ({"scope": "street", "order_by": "nothing"}, "unknown_column"),
        ({"scope": "street", "district": "12"}, "invalid_input"),
    ],
)
def test_bad_input_is_4xx_with_a_code(client: Any, params: dict[str, str], code: str) -> None:
    r = _get(client, "/indicators", **params)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code and r.json()["message"]


def test_hotline_assessment_and_publication(client: Any, seeded: None) -> None:
    h = _get(client, "/hotline", **MONTH).json()
    assert [c["key"] for c in h["columns"]][-3:] == ["satisfaction_rate", "score", "band"]
    assert all(r["response_rate"] is None and r["score"] is None for r in h["rows"])
    live = _get(client, "/assessments/2026-03", kind="unit").json()
    assert live["rows"] and not live["meta"]["published"]
    r = client.post(
        "/api/v1/stats/assessments/2026-03/publish",
        params={"kind": "street"},
        headers={"X-Xiuhua-Role": "dispatcher"},
    )
    assert r.status_code == 403
    r = client.post(
        "/api/v1/stats/assessments/2026-03/publish", params={"kind": "street"}, headers=ADMIN
    )
    assert r.status_code == 200, r.text
    assert all(row["published"] for row in r.json()["rows"])
    again = client.post(
        "/api/v1/stats/assessments/2026-03/publish", params={"kind": "street"}, headers=ADMIN
    )
    assert again.status_code == 409 and again.json()["code"] == "assessment_published"
    future = client.post("/api/v1/stats/assessments/2999-01/publish", headers=ADMIN)
    assert future.status_code == 422 and future.json()["code"] == "month_not_ended"
    assert _get(client, "/assessments/2026-13").status_code == 422


def test_settings(client: Any, seeded: None) -> None:
    s = _get(client, "/settings").json()
    assert s["unit_weights"]["label"] == "专业部门综合评价权重"
    assert s["hotline_weights"]["value"]["satisfaction_rate"] == 0.4
    body = {"close_rate": 0.5, "handle_on_time_rate": 0.5}
    assert (
        client.put("/api/v1/stats/settings/unit_weights", json=body, headers=LEADER).status_code
        == 403
    )
    r = client.put("/api/v1/stats/settings/unit_weights", json=body, headers=ADMIN)
    assert r.status_code == 200 and r.json()["value"]["rework_free_rate"] == 0.0
    bad = client.put("/api/v1/stats/settings/unit_weights", json={"close_rate": 2}, headers=ADMIN)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_setting"
    assert client.put("/api/v1/stats/settings/nope", json=1, headers=ADMIN).status_code == 404


def test_hotspots_and_layers(client: Any, seeded: None) -> None:
    top = _get(client, "/hotspots", limit=5, **MONTH).json()
    assert top["rows"] and top["rows"][0]["cases"] >= top["rows"][-1]["cases"]
    assert _get(client, "/hotspots/repeats", min_cases=2, **MONTH).status_code == 200
    g = _get(client, "/hotspots.geojson", **MONTH)
    assert g.status_code == 200 and g.headers["content-type"].startswith("application/geo+json")
    assert g.json()["features"]
    t = _get(client, "/tiles/hotspot/10/850/400.mvt", **MONTH)
    assert t.status_code == 200
    assert t.headers["content-type"] == "application/vnd.mapbox-vector-tile"


def test_openapi_describes_stats_in_chinese(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/v1/stats/indicators"]["get"]
    assert "按期" in op["description"] and "unknown_scope" in op["description"]
    assert any(t["name"] == "综合评价 stats" for t in spec["tags"])
