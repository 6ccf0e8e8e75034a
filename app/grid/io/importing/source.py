"""Reading a layer from a file (pyogrio) and preparing its geometries in EPSG:4326."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from app.core.errors import DomainError, InvalidInput
from app.grid.coords import Crs, parse_crs, transform_geometry
from app.grid.fields import FieldResolver, choose_layer
from app.grid.io.importing.options import ImportOptions, ImportResult, Progress
from app.grid.problems import Problems

_CSV_OPTIONS = {"GEOM_POSSIBLE_NAMES": "geometry,wkt,geom,the_geom", "KEEP_GEOM_COLUMNS": "NO"}

# Re-imported shapes count as the same when no vertex moved more than this (degrees, ~0.1 mm):
# text formats (CSV WKT, GeoJSON) may round the last bits of a coordinate.
SAME_SHAPE_DEG = 1e-9


def same_shape_sql(a: str, b: str) -> str:
    """Return an SQL condition: geometries `a` and `b` are equal within SAME_SHAPE_DEG."""
    return (
        f"({a} && ST_Expand({b}, {SAME_SHAPE_DEG})"
        f" AND ST_HausdorffDistance({a}, {b}) <= {SAME_SHAPE_DEG})"
    )


@dataclass(slots=True)
class SourceTable:
    """A layer read from a file: text values per field, fids, shapely geometries, declared CRS."""

    path: Path
    layer: str
    rows: int
    fields: list[str]
    values: dict[str, list[str | None]]
    fids: list[int]
    geoms: np.ndarray[Any, Any] | None
    crs: str | None
    driver: str
    resolver: FieldResolver | None = None

    def column(self, name: str, *aliases: str) -> list[str | None] | None:
        """Return the values of a target field (alias table, --field, Shapefile truncation)."""
        resolver = self.resolver or FieldResolver("", self.fields, {})
        match = resolver.resolve(name, *aliases)
        return self.values[match.source] if match.source is not None else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return None
        if float(value).is_integer():
            return str(int(value))
        return repr(float(value))
    if isinstance(value, np.integer):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(value)
    s = str(value).strip()
    return s or None


def read_source(
    path: Path,
    *,
    source_layer: str | None = None,
    encoding: str | None = None,
    prefer_layer: str | None = None,
) -> SourceTable:
    """Read one layer of a vector file (all fields as text); raise InvalidInput when unreadable.

    Without `source_layer` the layer is chosen by name (app.grid.fields.choose_layer); a file
    with several layers and none (or more than one) named like `prefer_layer` is refused.
    """
    import pyogrio  # GDAL is loaded only when a file is read (a worker stays small)
    import pyogrio.errors
    import pyogrio.raw

    if not path.exists():
        raise InvalidInput(f"文件不存在：{path}", path=str(path))
    opts: dict[str, Any] = dict(_CSV_OPTIONS) if path.suffix.lower() == ".csv" else {}
    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(str(path))]
        if source_layer is not None:
            if source_layer not in layers:
                raise InvalidInput(
                    f"文件 {path.name} 中没有图层“{source_layer}”，现有："
                    + "、".join(f"“{n}”" for n in layers),
                    path=str(path),
                    layers=layers,
                )
            name = source_layer
        else:
            name = choose_layer(layers, prefer_layer or "", path.name)
        info = pyogrio.read_info(str(path), layer=name, encoding=encoding, **opts)
        meta, fids, wkb, data = pyogrio.raw.read(
            str(path), layer=name, encoding=encoding, force_2d=True, return_fids=True, **opts
        )
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.FieldError,
        pyogrio.errors.GeometryError,
        OSError,
    ) as exc:
        raise InvalidInput(f"无法读取文件 {path}：{exc}", path=str(path)) from exc
    fields = [str(f) for f in meta["fields"]]
    values = {f: [_text(v) for v in arr] for f, arr in zip(fields, data, strict=True)}
    geoms = None
    n = len(data[0]) if data else 0
    if wkb is not None:
        n = len(wkb)
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    fid_list = [int(f) for f in fids] if fids is not None and len(fids) == n else list(range(n))
    return SourceTable(
        path=path,
        layer=name,
        rows=n,
        fields=fields,
        values=values,
        fids=fid_list,
        geoms=geoms,
        crs=meta.get("crs"),
        driver=str(info.get("driver") or ""),
    )


def _source_transform(
    file_crs: str | None, coord_sys: str | None
) -> tuple[pyproj.Transformer | None, Crs]:
    """Return (pyproj transformer or None, coordinate system of lon/lat vertices)."""
    declared = parse_crs(coord_sys) if coord_sys else None
    if not file_crs:
        return None, declared or Crs.wgs84
    try:
        crs = pyproj.CRS.from_user_input(file_crs)
    except pyproj.exceptions.CRSError as exc:
        raise InvalidInput(f"无法识别文件声明的坐标参考系：{file_crs}", crs=file_crs) from exc
    epsg = crs.to_epsg()
    lon_lat = crs.is_geographic and (epsg in (4326, 4490) or crs.to_authority() == ("OGC", "CRS84"))
    if lon_lat:
        return None, declared or (Crs.cgcs2000 if epsg == 4490 else Crs.wgs84)
    if declared in (Crs.gcj02, Crs.bd09):
        raise InvalidInput(
            f"文件声明的坐标参考系是 {crs.name}（{file_crs}），不能再按 {declared.value} 转换；"
            "请去掉 --coord-sys",
            crs=file_crs,
        )
    return pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True), declared or Crs.wgs84


def _bad_coordinate_rows(geoms: np.ndarray[Any, Any]) -> tuple[set[int], set[int]]:
    """Return (indexes with NaN/inf vertices, indexes with vertices outside lon/lat range)."""
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    if coords.size == 0:
        return set(), set()
    finite = np.isfinite(coords).all(axis=1)
    nonfinite = set(np.unique(index[~finite]).tolist())
    with np.errstate(invalid="ignore"):
        out = finite & ((np.abs(coords[:, 0]) > 180) | (np.abs(coords[:, 1]) > 90))
    return nonfinite, set(np.unique(index[out]).tolist())


def _masked(geoms: np.ndarray[Any, Any], ok: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    out = geoms.copy()
    out[~ok] = None
    return out


def polygonal(geom: BaseGeometry) -> MultiPolygon | None:
    """Keep the polygonal parts of a geometry (after make_valid) as one MultiPolygon."""
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon | MultiPolygon)]
    polys: list[Polygon] = []
    for p in parts:
        polys.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    return MultiPolygon(polys) if polys else None


_TYPE_NAMES = {
    0: "点 Point",
    1: "线 LineString",
    2: "环 LinearRing",
    3: "面 Polygon",
    4: "多点 MultiPoint",
    5: "多线 MultiLineString",
    6: "多面 MultiPolygon",
    7: "几何集合 GeometryCollection",
}


def prepare_geometries(
    src: SourceTable,
    kind: Literal["polygon", "point"],
    *,
    required: bool,
    opts: ImportOptions,
    problems: Problems,
    result: ImportResult,
    progress: Progress | None = None,
) -> list[BaseGeometry | None]:
    """Check, transform to EPSG:4326 and (with opts.repair) repair geometries; report by row."""
    say = progress or (lambda _m, _d, _t: None)
    n = src.rows
    if src.geoms is None:
        if required:
            problems.add(f"文件 {src.path.name} 没有几何图形（{kind}）")
        return [None] * n
    geoms = np.array(src.geoms, dtype=object)
    out: list[BaseGeometry | None] = [None] * n
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    type_ids = shapely.get_type_id(geoms)
    ok = ~missing
    if required:
        for i in np.flatnonzero(missing).tolist():
            problems.row(i + 1, "缺少几何图形", "missing_geometry")
    wanted = (3, 6) if kind == "polygon" else (0, 4)
    for i in np.flatnonzero(ok & ~np.isin(type_ids, wanted)).tolist():
        expect = "面（Polygon/MultiPolygon）" if kind == "polygon" else "点（Point）"
        got = _TYPE_NAMES.get(int(type_ids[i]), str(type_ids[i]))
        problems.row(i + 1, f"几何类型应为{expect}，实际为{got}", "geometry_type")
        ok[i] = False
    if kind == "point":
        multi = ok & (type_ids == 4)
        for i in np.flatnonzero(multi).tolist():
            g = geoms[i]
            if shapely.get_num_geometries(g) != 1:
                problems.row(i + 1, "几何类型应为单个点，实际为多点", "geometry_type")
                ok[i] = False
            else:
                geoms[i] = shapely.get_geometry(g, 0)
    transformer, crs = _source_transform(src.crs, opts.coord_sys)
    nonfinite, out_of_range = _bad_coordinate_rows(_masked(geoms, ok))
    for i in sorted(nonfinite):
        problems.row(i + 1, "坐标包含 NaN 或无穷大", "bad_coordinate")
        ok[i] = False
    if transformer is None:
        for i in sorted(out_of_range - nonfinite):
            problems.row(
                i + 1,
                "坐标超出经纬度范围（经度 ±180，纬度 ±90）：经纬度是否写反？"
                "文件是否为投影坐标而未声明坐标系？",
                "bad_coordinate",
            )
            ok[i] = False
    idx = np.flatnonzero(ok)
    say("坐标转换", 0, len(idx))
    if transformer is not None and len(idx):
        tf = transformer

        def project(xy: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
            x, y = tf.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        geoms[idx] = shapely.transform(geoms[idx], project)
        nonfinite, out_of_range = _bad_coordinate_rows(_masked(geoms, ok))
        for i in sorted(nonfinite | out_of_range):
            problems.row(
                i + 1,
                f"坐标无法从 {src.crs} 转换到经纬度（超出该坐标系的有效范围？）",
                "bad_coordinate",
            )
            ok[i] = False
    elif crs in (Crs.gcj02, Crs.bd09):
        for k, i in enumerate(idx.tolist()):
            try:
                geoms[i] = transform_geometry(geoms[i], crs)
            except DomainError as exc:
                problems.row(i + 1, exc.message, "bad_coordinate")
                ok[i] = False
            if k % 5000 == 4999:
                say("坐标转换", k + 1, len(idx))
    say("坐标转换", len(idx), len(idx))
    # Lon/lat shapes of every feature that got this far: problems are located on them.
    problems.shapes = [geoms[i] if ok[i] else None for i in range(n)]
    if kind == "polygon":
        idx = np.flatnonzero(ok)
        valid = shapely.is_valid(geoms[idx])
        for i in idx[~valid].tolist():
            g = geoms[i]
            if opts.repair:
                fixed = polygonal(shapely.make_valid(g))
                if fixed is None:
                    problems.row(i + 1, "几何图形无效且修复后没有剩下任何面", "invalid_geometry")
                    ok[i] = False
                else:
                    geoms[i] = fixed
                    result.repaired += 1
            else:
                reason = shapely.is_valid_reason(g)
                problems.row(
                    i + 1,
                    f"几何图形无效（{_reason_text(reason)}）；可加 --repair 自动修复",
                    "invalid_geometry",
                    reason=reason,
                )
                ok[i] = False
    for i in np.flatnonzero(ok).tolist():
        out[i] = geoms[i]
    return out


_REASONS = {
    "Self-intersection": "自相交",
    "Ring Self-intersection": "环自相交",
    "Too few points in geometry component": "顶点过少",
    "Interior is disconnected": "内部不连通",
    "Hole lies outside shell": "内环在外环之外",
    "Nested shells": "外环嵌套",
    "Duplicate Rings": "重复的环",
}


def _reason_text(reason: str) -> str:
    """GEOS's validity reason with its Chinese name, e.g. `自相交 Self-intersection[x y]`."""
    head = reason.split("[", 1)[0]
    return f"{_REASONS[head]} {reason}" if head in _REASONS else reason


def hex_ewkb(geoms: Sequence[BaseGeometry | None]) -> list[str | None]:
    """Return each geometry as hex EWKB with SRID 4326 (None stays None), for COPY."""
    arr = np.array(geoms, dtype=object)
    present = ~shapely.is_missing(arr)
    result: list[str | None] = [None] * len(arr)
    if present.any():
        hexes = shapely.to_wkb(shapely.set_srid(arr[present], 4326), hex=True, include_srid=True)
        for i, h in zip(np.flatnonzero(present), hexes, strict=True):
            result[int(i)] = str(h)
    return result


def wkb_of(geom: BaseGeometry | None) -> bytes | None:
    """Return a geometry as WKB for a bound parameter (None stays None)."""
    return None if geom is None else shapely.to_wkb(geom)
