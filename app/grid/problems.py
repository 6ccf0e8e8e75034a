"""Problems found in an import file, each with the feature's fid, its code and a point.

One list per import, filled by every check (fields, values, geometries, database references,
topology), so a file is judged in one pass. A feature is named by its **fid**, the feature id
GDAL reads and QGIS shows in its attribute table: a GeoPackage's fid column (from 1), a
Shapefile's or GeoJSON's row (from 0), a CSV's line (from 1). Problems render as Chinese lines
for the terminal, as dicts for the API, and as GeoJSON features for QGIS (`write_geojson`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from app.core.errors import ImportFailed

MAX_LISTED = 50

# kind → Chinese name, for messages, the report and the console.
KIND_NAMES = {
    "file": "文件问题",
    "missing_field": "缺少字段",
    "bad_code": "代码错误",
    "duplicate_code": "代码重复",
    "bad_value": "取值错误",
    "missing_geometry": "缺少几何",
    "geometry_type": "几何类型错误",
    "bad_coordinate": "坐标错误",
    "invalid_geometry": "几何无效",
    "unknown_parent": "上级不存在",
    "valid_from": "生效时间冲突",
    "overlap": "网格重叠",
    "outside": "网格超出社区",
    "gap": "网格缝隙",
    "area_mismatch": "面积不符",
}

_REASON_POINT = re.compile(r"\[\s*(-?[\d.]+(?:e-?\d+)?)\s+(-?[\d.]+(?:e-?\d+)?)")


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: what (kind, message), where (fids, codes, point, shape), how bad."""

    kind: str
    message: str
    layer: str = ""
    severity: str = "error"  # error | warning
    fids: tuple[int, ...] = ()
    codes: tuple[str, ...] = ()
    lon: float | None = None
    lat: float | None = None
    wkb: bytes | None = None
    community_code: str | None = None
    area_m2: float | None = None

    def line(self) -> str:
        """Return one Chinese line naming the layer read, the feature(s), codes and the point."""
        where = []
        if self.fids:
            where.append("fid " + "、".join(str(f) for f in self.fids))
        if self.codes:
            where.append("代码 " + "、".join(self.codes))
        head = f"[{self.layer}] " if self.layer else ""
        loc = f"（{'，'.join(where)}）" if where else ""
        pt = f"（位置 {self.lon:.6f},{self.lat:.6f}）" if self.lon is not None else ""
        warn = "警告：" if self.severity == "warning" else ""
        return f"{head}{warn}{KIND_NAMES.get(self.kind, self.kind)}{loc}：{self.message}{pt}"

    def as_dict(self) -> dict[str, Any]:
        """Return the problem as JSON-ready data (no geometry)."""
        return {
            "kind": self.kind,
            "kind_name": KIND_NAMES.get(self.kind, self.kind),
            "severity": self.severity,
            "layer": self.layer,
            "fids": list(self.fids),
            "codes": list(self.codes),
            "lon": self.lon,
            "lat": self.lat,
            "community_code": self.community_code,
            "area_m2": None if self.area_m2 is None else round(self.area_m2, 2),
            "message": self.message,
            "line": self.line(),
        }


def point_of(geom: BaseGeometry | None, reason: str | None = None) -> tuple[float, float] | None:
    """Return a lon/lat for a problem: the spot GEOS names, else a point on the shape."""
    if reason:
        m = _REASON_POINT.search(reason)
        if m:
            return float(m.group(1)), float(m.group(2))
    if geom is None or geom.is_empty:
        return None
    try:
        pt = shapely.point_on_surface(shapely.make_valid(geom))
    except shapely.errors.GEOSException:
        pt = shapely.centroid(geom)
    if pt is None or pt.is_empty or not np.isfinite([pt.x, pt.y]).all():
        return None
    return float(pt.x), float(pt.y)


@dataclass(slots=True)
class Problems:
    """Every problem of one import; rows are 1-based indexes, shown as the file's fids.

    `fids`, `codes` and `shapes` (lon/lat geometries) are filled as the file is read, so a row
    problem gets its fid, code and point without each check looking them up.
    """

    layer: str = ""
    fids: Sequence[int] | None = None
    codes: Sequence[str | None] | None = None
    shapes: Sequence[BaseGeometry | None] | None = None
    items: list[Problem] = field(default_factory=list)
    limit: int = MAX_LISTED

    def add(self, line: str, kind: str = "file", **where: Any) -> None:
        """Record a problem of the whole file (or of the features named in `where`)."""
        self.items.append(Problem(kind, line, self.layer, **where))

    def fid(self, row: int) -> int:
        """Return the fid of 1-based row `row`."""
        return int(self.fids[row - 1]) if self.fids is not None else row

    def row(
        self,
        row: int,
        line: str,
        kind: str = "bad_value",
        *,
        reason: str | None = None,
        severity: str = "error",
    ) -> None:
        """Record a problem of one feature (1-based row): its fid, code and a point on it."""
        code = self.codes[row - 1] if self.codes is not None else None
        shape = self.shapes[row - 1] if self.shapes is not None else None
        pt = point_of(shape, reason)
        self.items.append(
            Problem(
                kind,
                line,
                self.layer,
                severity,
                (self.fid(row),),
                (code,) if code else (),
                pt[0] if pt else None,
                pt[1] if pt else None,
                shapely.to_wkb(shape) if shape is not None else None,
            )
        )

    def rows_text(self, rows: Sequence[int], limit: int = 10) -> str:
        """Return `fid a、b 等 n 个要素` for 1-based rows."""
        shown = "、".join(str(self.fid(r)) for r in rows[:limit])
        more = f" 等 {len(rows)} 个要素" if len(rows) > limit else ""
        return f"fid {shown}{more}"

    @property
    def errors(self) -> list[Problem]:
        """The problems that refuse the import."""
        return [p for p in self.items if p.severity == "error"]

    @property
    def total(self) -> int:
        """How many problems refuse the import."""
        return len(self.errors)

    def __bool__(self) -> bool:
        return self.total > 0

    def lines(self) -> list[str]:
        """Chinese lines of every problem (errors first), at most `limit`, the rest counted."""
        ordered = self.errors + [p for p in self.items if p.severity != "error"]
        lines = [p.line() for p in ordered]
        if len(lines) > self.limit:
            shown = lines[: self.limit - 1]
            shown.append(f"……另有 {len(lines) - len(shown)} 个问题未列出")
            return shown
        return lines

    def raise_if_any(self, what: str = "导入被拒绝", **detail: Any) -> None:
        """Raise ImportFailed (carrying every problem) if there is an error among them."""
        if not self.total:
            return
        counts: dict[str, int] = {}
        for p in self.errors:
            counts[p.kind] = counts.get(p.kind, 0) + 1
        kinds = "，".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in counts.items())
        layer = f"图层“{self.layer}”" if self.layer else "文件"
        exc = ImportFailed(
            f"{what}：{layer}发现 {self.total} 个问题（{kinds}），未做任何修改",
            problems=self.lines(),
            total=self.total,
            kinds=counts,
            **detail,
        )
        exc.items = list(self.items)  # type: ignore[attr-defined]
        raise exc


def problems_of(exc: BaseException) -> list[Problem]:
    """Return the structured problems an ImportFailed carries (empty for other errors)."""
    items = getattr(exc, "items", None)
    return list(items) if isinstance(items, list) else []


def feature_collection(problems: Sequence[Problem]) -> dict[str, Any]:
    """Return the problems as an RFC 7946 FeatureCollection (shape, else the point)."""
    features = []
    for p in problems:
        geom: dict[str, Any] | None = None
        if p.wkb is not None:
            geom = shapely.geometry.mapping(shapely.from_wkb(p.wkb))
        elif p.lon is not None and p.lat is not None:
            geom = {"type": "Point", "coordinates": [p.lon, p.lat]}
        features.append({"type": "Feature", "geometry": geom, "properties": _props(p)})
    return {"type": "FeatureCollection", "features": features}


def _props(p: Problem) -> dict[str, Any]:
    d = p.as_dict()
    return {
        "kind": d["kind"],
        "kind_name": d["kind_name"],
        "severity": d["severity"],
        "layer": d["layer"],
        "fids": ",".join(str(f) for f in p.fids),
        "codes": ",".join(p.codes),
        "lon": p.lon,
        "lat": p.lat,
        "community_code": d["community_code"],
        "area_m2": d["area_m2"],
        "message": d["line"],
    }


def write_geojson(problems: Sequence[Problem], path: Path) -> int:
    """Write every problem as a GeoJSON (EPSG:4326) feature for QGIS; return how many."""
    import pyogrio.raw

    if path.exists():
        path.unlink()
    geometry = np.empty(len(problems), dtype=object)
    for i, p in enumerate(problems):
        if p.wkb is not None:
            geometry[i] = p.wkb
        elif p.lon is not None and p.lat is not None:
            geometry[i] = shapely.to_wkb(shapely.Point(p.lon, p.lat))
    props = [_props(p) for p in problems]
    names = list(props[0]) if props else ["kind", "message"]
    floats = {"lon", "lat", "area_m2"}
    data = [
        np.array(
            [np.nan if pr[n] is None else pr[n] for pr in props]
            if n in floats
            else [pr[n] for pr in props],
            dtype=np.float64 if n in floats else object,
        )
        for n in names
    ]
    pyogrio.raw.write(
        str(path),
        geometry,
        data,
        names,
        driver="GeoJSON",
        geometry_type="Unknown",
        crs="EPSG:4326",
        encoding="UTF-8",
    )
    return len(problems)
