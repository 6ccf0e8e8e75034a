"""HTTP: locate, route, geocoding, layers, tiles, health — shapes, codes and Chinese messages."""

from __future__ import annotations

import math
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session


@pytest.fixture
def inside(db_session: Session) -> tuple[float, float]:
    x, y = db_session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND area_m2 > 9999 ORDER BY code LIMIT 1 OFFSET 1234) q"
        )
    ).one()
    return float(x), float(y)


def _err(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code
    assert body["message"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    return dict(body)


def test_locate(client: Any, inside: tuple[float, float]) -> None:
    r = client.get("/api/v1/locate", params={"lon": inside[0], "lat": inside[1]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["grid_code"]) == 15 and body["grid_code"].startswith("370303")
    assert body["grid_code"].startswith(body["community_code"])
    assert body["community_code"].startswith(body["street_code"])
    assert body["district_name"] == "张店区"
    assert body["mgmt_class"] in ("key", "normal")
    assert body["point"]["raw_crs"] == "wgs84"
    assert r.headers["x-request-id"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"lon": "nan", "lat": 36.8}, "invalid_coordinate"),
        ({"lon": 118.0, "lat": "inf"}, "invalid_coordinate"),
        ({"lon": 118.0, "lat": 95}, "invalid_coordinate"),
        ({"lon": 36.8, "lat": 118.0}, "invalid_coordinate"),
        ({"lon": 118.0, "lat": 36.8, "crs": "epsg3857"}, "unsupported_crs"),
        ({"lon": "abc", "lat": 36.8}, "invalid_request"),
        ({"lat": 36.8}, "invalid_request"),
    ],
)
def test_bad_points_get_a_precise_422(client: Any, params: dict[str, Any], code: str) -> None:
    _err(client.get("/api/v1/locate", params=params), 422, code)


def test_outside_the_service_area(client: Any) -> None:
    body = _err(
        client.get("/api/v1/locate", params={"lon": 116.4, "lat": 39.9}),
        422,
        "outside_service_area",
    )
    assert body["error"] == "OutsideServiceArea"
    assert body["detail"]["nearest_grid_code"].startswith("370303")
    assert body["detail"]["distance_m"] > 100_000


def test_route(client: Any, inside: tuple[float, float]) -> None:
    r = client.get(
        "/api/v1/route", params={"lon": inside[0], "lat": inside[1], "category": "event:09006"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["category"] == {
        "kind": "event",
        "code": "09006",
        "major_code": "09",
        "name": "占道经营",
    }
    assert body["unit"]["name"].endswith("综合行政执法局")
    assert body["decided_by"] == "rule" and body["rule"]["role"] == "specialist"
    assert body["reason"]


def test_route_errors(client: Any, inside: tuple[float, float]) -> None:
    p = {"lon": inside[0], "lat": inside[1]}
    _err(
        client.get("/api/v1/route", params={**p, "category": "event:99999"}),
        404,
        "unknown_category",
    )
    _err(client.get("/api/v1/route", params={**p, "category": "占道"}), 422, "invalid_input")
    _err(client.get("/api/v1/route", params={**p}), 422, "invalid_request")
    _err(
        client.get("/api/v1/route", params={"lon": 0, "lat": 0, "category": "event:09006"}),
        422,
        "outside_service_area",
    )


def test_gcj02_point_is_converted(client: Any, inside: tuple[float, float]) -> None:
    from app.grid.coords import from_wgs84

    gx, gy = from_wgs84(inside[0], inside[1], "gcj02")
    a = client.get("/api/v1/locate", params={"lon": inside[0], "lat": inside[1]}).json()
    b = client.get("/api/v1/locate", params={"lon": gx, "lat": gy, "crs": "gcj02"}).json()
    assert a["grid_code"] == b["grid_code"]
    assert b["point"]["raw_lon"] == gx and b["point"]["raw_crs"] == "gcj02"
    assert math.isclose(b["point"]["lon"], inside[0], abs_tol=1e-7)


def test_geocode_and_reverse(client: Any, db_session: Session) -> None:
    full, road, house, x, y = db_session.execute(
        text(
            "SELECT full_text, road, house_number, ST_X(geom), ST_Y(geom) FROM grid_address"
            " ORDER BY id LIMIT 1 OFFSET 500"
        )
    ).one()
    r = client.get("/api/v1/geocode", params={"address": f"{road}{house}"})
    assert r.status_code == 200, r.text
    cands = r.json()
    assert cands and cands[0]["full_text"] == full and 0 < cands[0]["score"] <= 1
    assert [c["score"] for c in cands] == sorted((c["score"] for c in cands), reverse=True)
    rv = client.get("/api/v1/reverse-geocode", params={"lon": x, "lat": y + 0.00005})
    assert rv.status_code == 200 and rv.json()[0]["full_text"] == full
    _err(client.get("/api/v1/geocode", params={"address": "路"}), 422, "invalid_input")


def test_geojson_layers_are_rfc7946(client: Any, inside: tuple[float, float]) -> None:
    x, y = inside
    bbox = f"{x - 0.01},{y - 0.01},{x + 0.01},{y + 0.01}"
    for layer in (
        "district",
        "street",
        "community",
        "cell",
        "component",
        "address",
        "frontage",
        "rule",
    ):
        r = client.get(f"/api/v1/layers/{layer}", params={"bbox": bbox, "limit": 50})
        assert r.status_code == 200, (layer, r.text)
        assert r.headers["content-type"].startswith("application/geo+json")
        fc = r.json()
        assert fc["type"] == "FeatureCollection" and "crs" not in fc
        for f in fc["features"]:
            assert f["type"] == "Feature" and f["geometry"]["type"] and f["properties"]
    cells = client.get("/api/v1/layers/cell", params={"bbox": bbox, "limit": 5}).json()
    assert cells["numberReturned"] == 5 and cells["truncated"] is True
    ring = cells["features"][0]["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1] and 117 < ring[0][0] < 119 and 36 < ring[0][1] < 38
    _err(client.get("/api/v1/layers/cell", params={"bbox": "1,2,3"}), 422, "invalid_input")
    _err(client.get("/api/v1/layers/road"), 422, "invalid_request")
    _err(client.get("/api/v1/layers/cell", params={"limit": 10**6}), 422, "invalid_input")


def test_vector_tile_of_the_grid(client: Any, inside: tuple[float, float]) -> None:
    x, y, z = inside[0], inside[1], 14
    n = 2**z
    tx = int((x + 180) / 360 * n)
    ty = int((1 - math.asinh(math.tan(math.radians(y))) / math.pi) / 2 * n)
    r = client.get(f"/api/v1/tiles/grid/{z}/{tx}/{ty}.mvt")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.mapbox-vector-tile"
    assert len(r.content) > 1000 and b"cell" in r.content and b"community" in r.content
    low = client.get(f"/api/v1/tiles/grid/8/{tx >> 6}/{ty >> 6}.mvt")
    assert low.status_code == 200 and b"cell" not in low.content and b"district" in low.content
    _err(client.get("/api/v1/tiles/grid/3/99/0.mvt"), 422, "invalid_input")


def test_health_and_openapi(client: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    spec = client.get("/openapi.json").json()
    assert "定位" in spec["paths"]["/api/v1/locate"]["get"]["summary"]
    assert spec["paths"]["/api/v1/locate"]["get"]["responses"]["422"]


def test_api_docs_load_nothing_from_a_cdn(client: Any) -> None:
    html = client.get("/docs").text
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    js = client.get("/static-offline-docs/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert "cdn.jsdelivr" not in client.get("/redoc").text
