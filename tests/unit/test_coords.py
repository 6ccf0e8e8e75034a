"""Coordinate systems: parsing, validation and conversion (pure)."""

from __future__ import annotations

import math

import pytest
import shapely

from app.core.errors import InvalidCoordinate, UnsupportedCrs
from app.grid.coords import Crs, from_wgs84, parse_crs, to_wgs84, transform_geometry

ZIBO = (118.0458, 36.8132)


@pytest.mark.parametrize(
    ("value", "crs"),
    [
        (None, Crs.wgs84),
        ("WGS84", Crs.wgs84),
        ("epsg:4326", Crs.wgs84),
        ("4490", Crs.cgcs2000),
        ("CGCS2000", Crs.cgcs2000),
        ("gcj-02", Crs.gcj02),
        ("GCJ02", Crs.gcj02),
        ("bd09", Crs.bd09),
        ("bd09ll", Crs.bd09),
    ],
)
def test_parse_crs_accepts_common_spellings(value: str | None, crs: Crs) -> None:
    assert parse_crs(value) is crs


# "" is not a coordinate system (an empty crs must not silently mean wgs84)
@pytest.mark.parametrize("value", ["epsg3857", "mercator", "bd09mc", "utm50", "", "  "])
def test_parse_crs_rejects_unknown_systems_with_the_list(value: str) -> None:
    with pytest.raises(UnsupportedCrs) as info:
        parse_crs(value)
    assert info.value.code == "unsupported_crs"
    assert "gcj02" in info.value.message


@pytest.mark.parametrize(
    ("lon", "lat"),
    [
        (math.nan, 36.0),
        (118.0, math.nan),
        (math.inf, 36.0),
        (118.0, -math.inf),
        (181.0, 36.0),
        (-180.5, 36.0),
        (118.0, 90.01),
        (118.0, -91.0),
    ],
)
def test_invalid_coordinates_are_refused(lon: float, lat: float) -> None:
    with pytest.raises(InvalidCoordinate) as info:
        to_wgs84(lon, lat)
    assert info.value.code == "invalid_coordinate"


def test_swapped_lat_lon_gets_a_hint() -> None:
    with pytest.raises(InvalidCoordinate, match="写反"):
        to_wgs84(36.8, 118.0)


@pytest.mark.parametrize("crs", [Crs.gcj02, Crs.bd09])
def test_round_trip_is_exact_to_a_centimetre(crs: Crs) -> None:
    x, y = from_wgs84(*ZIBO, crs)
    assert math.dist((x, y), ZIBO) > 0.001  # the offset is hundreds of metres
    back = to_wgs84(x, y, crs)
    assert abs(back.lon - ZIBO[0]) < 1e-7 and abs(back.lat - ZIBO[1]) < 1e-7
    assert back.raw.lon == x and back.raw.lat == y and back.raw.crs is crs


def test_known_gcj02_offset_in_zibo_is_a_few_hundred_metres() -> None:
    gx, gy = from_wgs84(*ZIBO, "gcj02")
    dx = (gx - ZIBO[0]) * 111_320 * math.cos(math.radians(ZIBO[1]))
    dy = (gy - ZIBO[1]) * 110_574
    assert 200 < math.hypot(dx, dy) < 800


def test_cgcs2000_and_wgs84_are_taken_as_is() -> None:
    assert (to_wgs84(*ZIBO, "cgcs2000").lon, to_wgs84(*ZIBO, "cgcs2000").lat) == ZIBO


def test_outside_china_gcj02_equals_wgs84() -> None:
    p = to_wgs84(2.35, 48.85, "gcj02")  # Paris
    assert (p.lon, p.lat) == (2.35, 48.85)


def test_transform_geometry_converts_every_vertex() -> None:
    poly = shapely.box(118.0, 36.8, 118.01, 36.81)
    out = transform_geometry(poly, "gcj02")
    for (x, y), (ox, oy) in zip(
        shapely.get_coordinates(poly), shapely.get_coordinates(out), strict=True
    ):
        p = to_wgs84(x, y, "gcj02")
        assert (p.lon, p.lat) == pytest.approx((ox, oy), abs=1e-9)


def test_transform_geometry_refuses_projected_coordinates() -> None:
    with pytest.raises(InvalidCoordinate, match="投影"):
        transform_geometry(shapely.box(500000, 4000000, 500100, 4000100), "wgs84")
