"""Coordinate systems of incoming points: WGS-84, CGCS2000, GCJ-02 (Amap/Tencent), BD-09 (Baidu).

True positions are stored in EPSG:4326. CGCS2000 (EPSG:4490) and WGS-84 agree to a few
centimetres, far below GPS accuracy, so CGCS2000 is taken as is. GCJ-02 and BD-09 are converted
with `prcoords` (public-domain, with an iterative exact inverse that converges to < 1e-9 degrees).
Outside China GCJ-02/BD-09 equal WGS-84 by definition of those SDKs, which prcoords honours.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import prcoords
import shapely
from shapely.geometry.base import BaseGeometry

from app.core.errors import InvalidCoordinate, UnsupportedCrs


class Crs(StrEnum):
    """Coordinate systems accepted for incoming points and files."""

    wgs84 = "wgs84"
    cgcs2000 = "cgcs2000"
    gcj02 = "gcj02"
    bd09 = "bd09"


@dataclass(frozen=True, slots=True)
class RawPoint:
    """A point as received: its values and the coordinate system it claims."""

    lon: float
    lat: float
    crs: Crs


@dataclass(frozen=True, slots=True)
class TruePoint:
    """A point in EPSG:4326 together with the raw values it came from."""

    lon: float
    lat: float
    raw: RawPoint


def parse_crs(value: str | Crs | None) -> Crs:
    """Return the Crs for `value` (None: wgs84); raise UnsupportedCrs for anything else ("" too)."""
    if value is None:
        return Crs.wgs84
    if isinstance(value, Crs):
        return value
    v = value.strip().lower().replace("-", "").replace("_", "").replace(":", "")
    aliases = {
        "wgs84": Crs.wgs84,
        "epsg4326": Crs.wgs84,
        "4326": Crs.wgs84,
        "cgcs2000": Crs.cgcs2000,
        "epsg4490": Crs.cgcs2000,
        "4490": Crs.cgcs2000,
        "gcj02": Crs.gcj02,
        "gcj": Crs.gcj02,
        "bd09": Crs.bd09,
        "bd09ll": Crs.bd09,
    }
    if v not in aliases:
        raise UnsupportedCrs(
            f"不支持的坐标系 '{value}'，可选：wgs84、cgcs2000、gcj02、bd09",
            crs=value,
            supported=[c.value for c in Crs],
        )
    return aliases[v]


def check_lon_lat(lon: float, lat: float) -> None:
    """Raise InvalidCoordinate unless lon/lat are finite degrees in range."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise InvalidCoordinate(
            "坐标必须是有限数值（不能是 NaN 或无穷大）", lon=str(lon), lat=str(lat)
        )
    if not -90.0 <= lat <= 90.0:
        hint = "；经纬度是否写反了？" if -90.0 <= lon <= 90.0 and abs(lat) <= 180.0 else ""
        raise InvalidCoordinate(f"纬度 {lat} 超出范围 [-90, 90]{hint}", lon=lon, lat=lat)
    if not -180.0 <= lon <= 180.0:
        raise InvalidCoordinate(f"经度 {lon} 超出范围 [-180, 180]", lon=lon, lat=lat)


def _gcj_to_wgs(lon: float, lat: float) -> tuple[float, float]:
    # GCJ-02 is defined only inside China; outside it the SDKs return WGS-84 unchanged.
    # (prcoords' exact inverse skips its own China check, so it is done here.)
    c = prcoords.Coords(lat, lon)
    if not prcoords.sanity_in_china_p(c):
        return lon, lat
    w = prcoords.gcj_wgs_bored(c)
    return float(w.lon), float(w.lat)


def _bd_to_wgs(lon: float, lat: float) -> tuple[float, float]:
    g = prcoords.bd_gcj_bored(prcoords.Coords(lat, lon))
    return _gcj_to_wgs(float(g.lon), float(g.lat))


def _to_wgs84_fn(crs: Crs) -> Callable[[float, float], tuple[float, float]]:
    if crs is Crs.gcj02:
        return _gcj_to_wgs
    if crs is Crs.bd09:
        return _bd_to_wgs
    return lambda lon, lat: (lon, lat)


def to_wgs84(lon: float, lat: float, crs: Crs | str | None = Crs.wgs84) -> TruePoint:
    """Validate a point and convert it to EPSG:4326, keeping the raw values."""
    c = parse_crs(crs)
    lon, lat = float(lon), float(lat)
    check_lon_lat(lon, lat)
    x, y = _to_wgs84_fn(c)(lon, lat)
    return TruePoint(lon=x, lat=y, raw=RawPoint(lon=lon, lat=lat, crs=c))


def from_wgs84(lon: float, lat: float, crs: Crs | str) -> tuple[float, float]:
    """Convert an EPSG:4326 point to `crs` (used for exports and tests)."""
    c = parse_crs(crs)
    if c in (Crs.wgs84, Crs.cgcs2000):
        return lon, lat
    w = prcoords.Coords(lat, lon)
    g = prcoords.wgs_gcj(w, False) if prcoords.sanity_in_china_p(w) else w
    out = g if c is Crs.gcj02 else prcoords.gcj_bd(g)
    return float(out.lon), float(out.lat)


def transform_geometry(geom: BaseGeometry, crs: Crs | str) -> BaseGeometry:
    """Convert every vertex of `geom` from `crs` to EPSG:4326 (vertices validated first)."""
    c = parse_crs(crs)
    coords = shapely.get_coordinates(geom)
    if coords.size and not np.isfinite(coords).all():
        raise InvalidCoordinate("几何图形包含 NaN 或无穷大的坐标")
    if coords.size and ((np.abs(coords[:, 0]) > 180).any() or (np.abs(coords[:, 1]) > 90).any()):
        raise InvalidCoordinate(
            "几何图形坐标超出经纬度范围：文件是否为投影坐标？请用 --coord-sys 指明"
        )
    if c in (Crs.wgs84, Crs.cgcs2000):
        return geom
    fn = _to_wgs84_fn(c)

    def convert(arr: np.ndarray) -> np.ndarray:
        return np.array([fn(float(x), float(y)) for x, y in arr], dtype=float).reshape(arr.shape)

    return shapely.transform(geom, convert)


def transform_many(geoms: Iterable[BaseGeometry], crs: Crs | str) -> list[BaseGeometry]:
    """Convert a sequence of geometries to EPSG:4326."""
    return [transform_geometry(g, crs) for g in geoms]
