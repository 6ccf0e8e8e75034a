"""Coordinates: one default (wgs84) for every channel, strict types, no silent fallbacks.

Regression: inspector reports defaulted to gcj02 while the README and the other channels said
wgs84 (the same GPS numbers landed ~540 m apart); ``crs: ""`` was taken as wgs84; ``"lon": true``
was taken as 1.0.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.support.api import INSPECTOR, Api, err, jpeg
from tests.support.hotline import URL as TICKETS
from tests.support.hotline import agent, body


def test_inspector_report_without_crs_is_wgs84(client: Any, spot: tuple[float, float]) -> None:
    data = {
        "category": "event:09006",
        "lon": str(spot[0]),
        "lat": str(spot[1]),
        "description": "路口占道经营，影响通行",
    }
    r = client.post(
        "/api/v1/inspector/reports",
        data=data,
        files=[("photos", ("p.jpg", jpeg(), "image/jpeg"))],
        headers=INSPECTOR | {"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text
    case = client.get(f"/api/v1/cases/{r.json()['id']}", headers=INSPECTOR).json()
    assert case["point"]["raw_crs"] == "wgs84"
    assert case["point"]["lon"] == pytest.approx(spot[0], abs=1e-9)
    assert case["point"]["lat"] == pytest.approx(spot[1], abs=1e-9)


def test_case_report_default_and_strict_coordinates(api: Api) -> None:
    assert api.report()["point"]["raw_crs"] == "wgs84"
    err(api.report_raw(crs=""), 422, "invalid_request")
    err(api.report_raw(crs="epsg3857"), 422, "unsupported_crs")
    for bad in (True, "118.05", None, [118.05]):
        err(api.report_raw(lon=bad), 422, "invalid_request")
        err(api.report_raw(lat=bad), 422, "invalid_request")
    assert api.report(lon=round(api.spot[0], 3), lat=round(api.spot[1], 3))["point"]


def test_hotline_and_grid_refuse_empty_crs_and_booleans(
    client: Any, db_session: Session, spot: tuple[float, float]
) -> None:
    h = agent(db_session)
    err(
        client.post(TICKETS, json=body("C-1", lon=True, lat=spot[1]), headers=h),
        422,
        "invalid_request",
    )
    err(
        client.post(TICKETS, json=body("C-2", lon=spot[0], lat=spot[1], crs=""), headers=h),
        422,
        "invalid_request",
    )
    r = client.get("/api/v1/locate", params={"lon": spot[0], "lat": spot[1], "crs": ""})
    err(r, 422, "invalid_request")
    r = client.get("/api/v1/locate", params={"lon": spot[0], "lat": spot[1]})
    assert r.status_code == 200 and r.json()["point"]["raw_crs"] == "wgs84"


def test_openapi_states_the_one_default(client: Any) -> None:
    doc = client.get("/openapi.json").json()
    text = str(doc)
    assert "所有渠道默认都是 wgs84" in text
    form = doc["components"]["schemas"]
    crs_fields = [
        props["crs"]
        for schema in form.values()
        for props in [schema.get("properties", {})]
        if "crs" in props
    ]
    assert crs_fields and all(f.get("default") == "wgs84" for f in crs_fields)
