"""Import spatial layers from GeoJSON, GeoPackage, Shapefile or CSV (read with pyogrio).

Field names per layer (case-insensitive; Shapefile's 10-byte truncations such as `house_numb`
are accepted; Chinese aliases such as 编码/网格编码/名称/管理等级 come from app.grid.fields, and
`ImportOptions.field_map` names a file's field for a target field; fields not listed are ignored).
The file's layer is chosen by name (app.grid.fields.choose_layer) unless `source_layer` is given.
Problems name the feature by its fid as GDAL reads it (app.grid.problems):

- district:  code (6 digits), name
- street:    code (9 digits, starts with its district), name; district_code optional (checked)
- community: code (12 digits), name; street_code optional (checked, else derived from the code)
- cell:      code (15 digits, starts with its community code), mgmt_class (normal|key, also
             一般/重点; default normal). community/street/district codes come from the code; the
             area is computed in PostGIS (geodesic m²; a 面积/area field is only compared). An
             import replaces the current cells of the communities in the file (`replace`:
             or of their streets, or districts — leaving communities without cells needs
             `confirm`): they close at valid_from of the new rows, so a future generation takes
             effect at its date; old rows stay for old cases. Overlaps and cells outside their
             community refuse the import unless allowed; gaps are warnings (app.grid.io.topology).
             Row problems do not stop the topology check: everything is reported in one pass.
- unit-rule: unit_code, unit_name, unit_kind, parent_unit_code, contact_phone, role
             (territorial|specialist|fallback or 属地/专业/兜底; empty: the row only creates or
             updates the unit), category (all | major:09 | event:09006 | component:01003 | 01003,
             optionally event:all / event:major:09), area_scope (district|street|community|cells|
             polygon; inferred when empty), area_code, cell_codes (separated by , or ;), priority,
             note, district_code (optional), geometry for polygon scope (CSV: a WKT column named
             geometry or WKT). Units are upserted by code, rules inserted (identical rules are
             skipped); a fallback rule at district scope also sets the district's fallback unit
             and replaces the district-wide fallback rules of other units.
- component: id (17 digits), category_code (5 digits, default id[6:11]), name, supervising_dept,
             owner and maintainer (a unit code or name), state (intact|damaged|lost|abandoned|
             removed or 完好/破损/丢失/废弃/移除); grid_code is the current cell covering the point.
- address:   full_text (or address), road, house_number, poi, code; district and street come from
             the street covering the point; norm_text from app.grid.geocode.normalize.
- frontage:  holder_name, holder_contact, holder_phone, address (polygon geometry).

Coordinates: a projected CRS declared by the file (e.g. CGCS2000 Gauss-Krüger EPSG:4527–4554) or a
geographic CRS other than WGS-84/CGCS2000 is transformed to EPSG:4326 with pyproj; a file in
EPSG:4326/4490 or without a CRS is taken in `coord_sys` (default wgs84), and gcj02/bd09 vertices
are converted with app.grid.coords.

Everything happens inside one savepoint of the caller's transaction: file problems are collected
(up to 50 listed as lines, all kept as `Problem`s) and raised together as ImportFailed before
anything is written, and a refused or failed import leaves the database unchanged. Services
never commit.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.config import get_settings
from app.core.errors import ConfirmationRequired, DomainError, ImportFailed, InvalidInput
from app.grid.coords import Crs, parse_crs, transform_geometry
from app.grid.fields import FieldResolver, choose_layer
from app.grid.geocode import normalize
from app.grid.io.topology import (
    DEFAULT_TOLERANCE_M2,
    STAGE_TABLE,
    TopologyProblem,
    TopologyReport,
    check_staged_cells,
    create_stage_table,
    index_stage_table,
)
from app.grid.problems import Problem, Problems, point_of, problems_of, write_geojson

Progress = Callable[[str, int, int], None]


class Layer(StrEnum):
    """Layers that can be imported and exported."""

    district = "district"
    street = "street"
    community = "community"
    cell = "cell"
    unit_rule = "unit-rule"
    component = "component"
    address = "address"
    frontage = "frontage"


LAYER_FIELDS: dict[Layer, str] = {
    Layer.district: "code（6 位）, name",
    Layer.street: "code（9 位，以区县代码开头）, name, district_code（可选，校验用）",
    Layer.community: "code（12 位，以街道代码开头）, name, street_code（可选，校验用）",
    Layer.cell: (
        "code（15 位，以社区代码开头）, mgmt_class（normal/key 或 一般/重点，默认 normal）；"
        "面积与社区/街道/区县代码自动计算"
    ),
    Layer.unit_rule: (
        "unit_code, unit_name, unit_kind, parent_unit_code, contact_phone, role（territorial/"
        "specialist/fallback 或 属地/专业/兜底；为空则只建立或更新单位）, category（all、"
        "major:09、event:09006、component:01003、01003）, area_scope（district/street/"
        "community/cells/polygon，可由其余字段推断）, area_code, cell_codes（逗号或分号分隔）,"
        " priority, note, district_code（可选）, 几何（polygon 范围；CSV 中为 WKT 列 geometry）"
    ),
    Layer.component: (
        "id（17 位）, category_code（5 位，默认取 id 第 7–11 位）, name, supervising_dept,"
        " owner, maintainer（单位代码或名称）, state（intact/damaged/lost/abandoned/removed 或"
        " 完好/破损/丢失/废弃/移除）；所在网格自动计算"
    ),
    Layer.address: (
        "full_text（或 address）, road, house_number, poi, code；区县、街道与规范化文本自动计算"
    ),
    Layer.frontage: "holder_name, holder_contact, holder_phone, address（面几何）",
}

_MGMT_CLASS = {
    "normal": "normal",
    "一般": "normal",
    "一般区域": "normal",
    "二类": "normal",
    "key": "key",
    "重点": "key",
    "重点区域": "key",
    "一类": "key",
}
_STATE = {
    "intact": "intact",
    "完好": "intact",
    "damaged": "damaged",
    "破损": "damaged",
    "lost": "lost",
    "丢失": "lost",
    "abandoned": "abandoned",
    "废弃": "abandoned",
    "removed": "removed",
    "移除": "removed",
}
_ROLE = {
    "territorial": "territorial",
    "属地": "territorial",
    "specialist": "specialist",
    "专业": "specialist",
    "fallback": "fallback",
    "兜底": "fallback",
}
_SCOPE = {
    "district": "district",
    "区县": "district",
    "区": "district",
    "street": "street",
    "街道": "street",
    "镇": "street",
    "community": "community",
    "社区": "community",
    "村": "community",
    "cells": "cells",
    "cell": "cells",
    "网格": "cells",
    "指定网格": "cells",
    "polygon": "polygon",
    "范围": "polygon",
    "指定范围": "polygon",
    "多边形": "polygon",
}
_SCOPE_CODE_LEN = {"district": 6, "street": 9, "community": 12}
_SCOPE_TABLE = {"district": "grid_district", "street": "grid_street", "community": "grid_community"}
_AREA_NAME = {"district": "区县", "street": "街道", "community": "社区"}
_CODE_LEN = {Layer.district: 6, Layer.street: 9, Layer.community: 12, Layer.cell: 15}
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


# --- options, results ----------------------------------------------------------------------


class Replace(StrEnum):
    """What a cell import replaces: the communities in the file, their streets, or districts."""

    communities = "communities"
    streets = "streets"
    district = "district"


REPLACE_NAMES = {Replace.communities: "社区", Replace.streets: "街道", Replace.district: "区县"}


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read and check a file; defaults suit a clean WGS-84 file."""

    coord_sys: str | None = None
    repair: bool = False
    valid_from: datetime | None = None
    tolerance_m2: float = DEFAULT_TOLERANCE_M2
    allow_topology_errors: bool = False
    report_path: Path | None = None
    source_layer: str | None = None
    encoding: str | None = None
    district_code: str | None = None
    field_map: Mapping[str, str] = field(default_factory=dict)
    replace: Replace = Replace.communities
    confirm: bool = False  # --yes: a replacement may leave communities without cells


@dataclass(slots=True)
class ImportResult:
    """What an import did (or, on a dry run, would do)."""

    layer: str
    rows: int
    source_layer: str = ""
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    closed: int = 0
    repaired: int = 0
    valid_from: datetime | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    topology: TopologyReport | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        """Return a one-line Chinese summary (times in the deployment's zone)."""
        parts = [f"读取 {self.rows} 个要素", f"新增 {self.inserted} 条"]
        if self.updated:
            parts.append(f"更新 {self.updated} 条")
        if self.skipped:
            parts.append(f"跳过（已存在）{self.skipped} 条")
        if self.closed:
            parts.append(f"关闭旧一代网格 {self.closed} 个")
        if self.repaired:
            parts.append(f"修复几何 {self.repaired} 个")
        if self.valid_from is not None:
            parts.append(f"生效时间 {local_text(self.valid_from)}")
        src = f"（图层“{self.source_layer}”）" if self.source_layer else ""
        return f"{self.layer}{src} 导入完成：" + "，".join(parts) + f"；用时 {self.seconds:.1f} 秒"


def local_zone() -> ZoneInfo:
    """Return the deployment's time zone (setting calendar_timezone, Asia/Shanghai by default)."""
    return ZoneInfo(get_settings().calendar_timezone)


def local_text(dt: datetime) -> str:
    """Return `dt` as ISO text in the deployment's zone, e.g. 2026-12-01T00:00:00+08:00."""
    return dt.astimezone(local_zone()).isoformat(timespec="seconds")


def parse_valid_from(value: str | None) -> datetime | None:
    """Parse an ISO date/time; one without offset is in the deployment's zone; raise InvalidInput."""
    if value is None or value.strip() == "":
        return None
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(
            f"生效时间 '{value}' 不是 ISO 格式（如 2026-12-01 或 2026-12-01T08:00:00+08:00）",
            valid_from=value,
        ) from exc
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=local_zone())


# --- reading -------------------------------------------------------------------------------


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


# --- geometry ------------------------------------------------------------------------------


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


def _polygonal(geom: BaseGeometry) -> MultiPolygon | None:
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
                fixed = _polygonal(shapely.make_valid(g))
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


def _hex_ewkb(geoms: Sequence[BaseGeometry | None]) -> list[str | None]:
    arr = np.array(geoms, dtype=object)
    present = ~shapely.is_missing(arr)
    result: list[str | None] = [None] * len(arr)
    if present.any():
        hexes = shapely.to_wkb(shapely.set_srid(arr[present], 4326), hex=True, include_srid=True)
        for i, h in zip(np.flatnonzero(present), hexes, strict=True):
            result[int(i)] = str(h)
    return result


def _wkb(geom: BaseGeometry | None) -> bytes | None:
    return None if geom is None else shapely.to_wkb(geom)


# --- staging -------------------------------------------------------------------------------


def copy_rows(
    session: Session,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    total: int,
    label: str = "写入暂存表",
    progress: Progress | None = None,
) -> None:
    """Bulk-load rows into a (temporary) table with COPY on the session's own connection."""
    say = progress or (lambda _m, _d, _t: None)
    raw = session.connection().connection.driver_connection
    if raw is None:
        raise RuntimeError("the session has no DBAPI connection")
    say(label, 0, total)
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for i, row in enumerate(rows, 1):
            cp.write_row(row)
            if i % 10_000 == 0:
                say(label, i, total)
    say(label, total, total)


def _temp_table(session: Session, name: str, columns: str) -> None:
    session.execute(text(f"DROP TABLE IF EXISTS pg_temp.{name}"))
    session.execute(text(f"CREATE TEMP TABLE {name} ({columns}) ON COMMIT DROP"))


def _required(src: SourceTable, problems: Problems, name: str, *aliases: str) -> list[str | None]:
    """Return a required field's values; a missing field is one problem naming the file's fields."""
    col = src.column(name, *aliases)
    if col is None:
        resolver = src.resolver or FieldResolver("", src.fields, {})
        problems.add(resolver.missing_message(name, *aliases), "missing_field")
        return [None] * src.rows
    return col


def _optional(src: SourceTable, name: str, *aliases: str) -> list[str | None]:
    col = src.column(name, *aliases)
    return col if col is not None else [None] * src.rows


def _duplicates(values: Sequence[str | None], what: str, problems: Problems) -> None:
    rows: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(values):
        if v:
            rows[v].append(i + 1)
    for v, rs in rows.items():
        if len(rs) > 1:
            shape = problems.shapes[rs[1] - 1] if problems.shapes is not None else None
            pt = point_of(shape)
            problems.add(
                f"{what} {v} 在文件中重复：{problems.rows_text(rs)}",
                "duplicate_code",
                fids=tuple(problems.fid(r) for r in rs),
                codes=(v,),
                lon=pt[0] if pt else None,
                lat=pt[1] if pt else None,
            )


def _check_code(row: int, code: str | None, length: int, what: str, problems: Problems) -> bool:
    if code is None:
        problems.row(row, f"缺少{what}", "bad_code")
        return False
    if not (len(code) == length and code.isdigit()):
        problems.row(row, f"{what} '{code}' 格式错误：应为 {length} 位数字", "bad_code")
        return False
    return True


def _missing_refs(
    session: Session, table: str, codes: dict[str, list[int]]
) -> dict[str, list[int]]:
    """Return the codes (with their rows) that `table` does not hold."""
    if not codes:
        return {}
    found = set(
        session.scalars(
            text(f"SELECT code FROM {table} WHERE code = ANY(:codes)"), {"codes": list(codes)}
        )
    )
    return {c: rows for c, rows in codes.items() if c not in found}


# --- the entry point -----------------------------------------------------------------------


def import_layer(
    session: Session,
    layer: Layer | str,
    path: Path,
    *,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a file into a layer in the caller's transaction; raise ImportFailed/InvalidInput.

    Every problem of the file is found in one pass and raised together (ImportFailed carries
    them as `Problem`s, see app.grid.problems.problems_of); with `report_path` they are also
    written as GeoJSON, warnings included, whether the import is refused or not.
    """
    started = time.monotonic()
    opts = options or ImportOptions()
    try:
        lay = Layer(layer)
    except ValueError as exc:
        raise InvalidInput(
            f"未知图层 '{layer}'，可选：{'、'.join(v.value for v in Layer)}", layer=str(layer)
        ) from exc
    if opts.valid_from is not None and opts.valid_from.tzinfo is None:
        raise InvalidInput("生效时间必须带时区", valid_from=str(opts.valid_from))
    if not opts.tolerance_m2 >= 0:
        raise InvalidInput("拓扑容差必须是非负数（平方米）", tolerance_m2=opts.tolerance_m2)
    say = progress or (lambda _m, _d, _t: None)
    say("读取文件", 0, 1)
    src = read_source(
        path, source_layer=opts.source_layer, encoding=opts.encoding, prefer_layer=lay.value
    )
    src.resolver = FieldResolver(lay.value, src.fields, opts.field_map)
    say("读取文件", 1, 1)
    result = ImportResult(layer=lay.value, rows=src.rows, source_layer=src.layer)
    if src.rows == 0:
        raise ImportFailed(
            f"文件 {path.name} 的图层“{src.layer}”中没有要素",
            problems=[f"图层“{src.layer}”为空"],
        )
    problems = Problems(layer=src.layer, fids=src.fids)
    handlers: dict[Layer, Callable[..., None]] = {
        Layer.district: _import_areas,
        Layer.street: _import_areas,
        Layer.community: _import_areas,
        Layer.cell: _import_cells,
        Layer.unit_rule: _import_unit_rules,
        Layer.component: _import_components,
        Layer.address: _import_addresses,
        Layer.frontage: _import_frontage,
    }
    try:
        with session.begin_nested():
            handlers[lay](session, lay, src, opts, result, say, problems)
    except ImportFailed as exc:
        if opts.report_path is not None:
            write_geojson(problems_of(exc), opts.report_path)
            exc.detail["report"] = str(opts.report_path)
        raise
    except DBAPIError as exc:
        # Checks above should leave nothing for the database to refuse; if it does, say what.
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ImportFailed(
            f"图层“{src.layer}”：数据库拒绝写入，未做任何修改：{reason}", problems=[reason]
        ) from exc
    result.problems = list(problems.items)
    if opts.report_path is not None:
        write_geojson(result.problems, opts.report_path)
    mapped = src.resolver.summary()
    if mapped:
        result.notes.insert(0, mapped)
    result.seconds = time.monotonic() - started
    return result


# --- areas ---------------------------------------------------------------------------------


def _import_areas(
    session: Session,
    lay: Layer,
    src: SourceTable,
    opts: ImportOptions,
    res: ImportResult,
    say: Progress,
    problems: Problems,
) -> None:
    length = _CODE_LEN[lay]
    what = {Layer.district: "区县代码", Layer.street: "街道代码", Layer.community: "社区代码"}[lay]
    codes = _required(src, problems, "code")
    names = _required(src, problems, "name")
    parent_field = {Layer.street: "district_code", Layer.community: "street_code"}.get(lay)
    parents = _optional(src, parent_field) if parent_field else [None] * src.rows
    problems.codes = codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    geoms = prepare_geometries(
        src, "polygon", required=True, opts=opts, problems=problems, result=res, progress=say
    )
    parent_rows: dict[str, list[int]] = defaultdict(list)
    for i in range(src.rows):
        row, code = i + 1, codes[i]
        if not names[i]:
            problems.row(row, "缺少名称 name")
        if not _check_code(row, code, length, what, problems) or code is None:
            continue
        if parent_field and parents[i] and not code.startswith(parents[i] or ""):
            problems.row(row, f"{what} {code} 不以其上级代码 {parents[i]} 开头")
        if lay is Layer.street:
            parent_rows[code[:6]].append(row)
        elif lay is Layer.community:
            parent_rows[code[:9]].append(row)
    _duplicates(codes, what, problems)
    parent_table = {Layer.street: "grid_district", Layer.community: "grid_street"}.get(lay)
    if parent_table:
        parent_name = "区县" if lay is Layer.street else "街道"
        for code, rows in sorted(_missing_refs(session, parent_table, parent_rows).items()):
            problems.add(
                f"{parent_name} {code} 不存在（请先导入）：{problems.rows_text(rows)}",
                "unknown_parent",
                fids=tuple(problems.fid(r) for r in rows[:50]),
                codes=(code,),
            )
        problems.raise_if_any()

    table = {
        Layer.district: "grid_district",
        Layer.street: "grid_street",
        Layer.community: "grid_community",
    }[lay]
    _temp_table(session, "xh_imp_area", "row_no integer, code text, name text, geom geometry")
    hexes = _hex_ewkb(geoms)
    copy_rows(
        session,
        "xh_imp_area",
        ["row_no", "code", "name", "geom"],
        ((i + 1, codes[i], names[i], hexes[i]) for i in range(src.rows)),
        total=src.rows,
        progress=say,
    )
    cols, select = {
        Layer.district: ("code, name, geom", "code, name, ST_Multi(geom)"),
        Layer.street: (
            "code, district_code, name, geom",
            "code, left(code, 6), name, ST_Multi(geom)",
        ),
        Layer.community: (
            "code, street_code, district_code, name, geom",
            "code, left(code, 9), left(code, 6), name, ST_Multi(geom)",
        ),
    }[lay]
    flags = session.scalars(
        text(
            f"INSERT INTO {table} ({cols}) SELECT {select} FROM xh_imp_area ORDER BY code"
            " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom"
            " RETURNING (xmax = 0)"
        )
    ).all()
    res.inserted = sum(1 for f in flags if f)
    res.updated = len(flags) - res.inserted
    session.execute(text(f"ANALYZE {table}"))
    say("写入数据库", 1, 1)


# --- cells ---------------------------------------------------------------------------------


def _cell_shapes(geoms: list[BaseGeometry | None], problems: Problems) -> list[BaseGeometry | None]:
    """Return the shapes to stage for the topology check.

    A cell refused for its geometry is checked as repaired, so its area is not also reported
    as a gap (and its overlaps still are).
    """
    shapes = problems.shapes or [None] * len(geoms)
    out = list(geoms)
    for i, g in enumerate(geoms):
        shape = shapes[i]
        if g is None and shape is not None and shape.geom_type in ("Polygon", "MultiPolygon"):
            out[i] = _polygonal(shapely.make_valid(shape))
    return out


def _topology_problems(report: TopologyReport, problems: Problems, allow_errors: bool) -> None:
    """Add the topology check's findings: overlaps and cells outside are errors, gaps warnings."""

    def add(p: TopologyProblem, severity: str) -> None:
        problems.items.append(
            Problem(
                p.kind,
                p.text(),
                problems.layer,
                severity,
                tuple(problems.fid(r) for r in p.rows),
                p.codes,
                p.lon,
                p.lat,
                p.wkb,
                p.community_code,
                p.area_m2,
            )
        )

    for p in report.errors:
        add(p, "warning" if allow_errors else "error")
    for p in report.gaps:
        add(p, "warning")


def _scope_communities(
    session: Session, replace: Replace, present: set[str], districts: list[str]
) -> list[str]:
    """Return the communities whose current cells the import replaces."""
    if replace is Replace.communities:
        return sorted(present)
    if replace is Replace.streets:
        where, key = "street_code = ANY(:k)", sorted({c[:9] for c in present})
    else:
        where, key = "district_code = ANY(:k)", districts
    found = set(session.scalars(text(f"SELECT code FROM grid_community WHERE {where}"), {"k": key}))
    return sorted(found | present)


def _import_cells(
    session: Session,
    lay: Layer,
    src: SourceTable,
    opts: ImportOptions,
    res: ImportResult,
    say: Progress,
    problems: Problems,
) -> None:
    """Check cells in one pass (values, geometry, references, dates, topology), then replace.

    The current cells of the communities (streets, districts) in scope are closed at the new
    generation's valid_from, and the new generation takes effect at that instant.
    """
    codes = _required(src, problems, "code")
    problems.codes = codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    raw_class = _optional(src, "mgmt_class")
    parents = [
        (_optional(src, "community_code"), 12, "社区代码"),
        (_optional(src, "street_code"), 9, "街道代码"),
        (_optional(src, "district_code"), 6, "区县代码"),
    ]
    declared_area = _optional(src, "area")
    geoms = prepare_geometries(
        src, "polygon", required=True, opts=opts, problems=problems, result=res, progress=say
    )
    shapes = _cell_shapes(geoms, problems)
    classes: list[str] = ["normal"] * src.rows
    code_ok = [False] * src.rows
    areas: dict[int, float] = {}
    for i in range(src.rows):
        row, code = i + 1, codes[i]
        code_ok[i] = _check_code(row, code, 15, "网格代码", problems)
        for values, length, what in parents:
            v = values[i]
            if code_ok[i] and v and (code or "")[:length] != v:
                problems.row(row, f"网格代码 {code} 与其{what} {v} 不符", "bad_code")
        value = raw_class[i]
        if value:
            mc = _MGMT_CLASS.get(value.lower())
            if mc is None:
                problems.row(
                    row,
                    f"管理等级 '{value}' 无效：应为 normal/key（一般/重点，一类/二类）",
                    "bad_value",
                )
            else:
                classes[i] = mc
        if declared_area[i]:
            try:
                areas[i] = float(declared_area[i] or "")
            except ValueError:
                problems.row(row, f"面积 '{declared_area[i]}' 不是数字", "bad_value")
    _duplicates(codes, "网格代码", problems)
    present = {(c or "")[:12] for c, ok in zip(codes, code_ok, strict=True) if ok}
    districts = sorted({c[:6] for c in present})
    if not districts:
        problems.raise_if_any()  # no valid code at all: nothing to check against the database

    valid_from = opts.valid_from or now()
    res.valid_from = valid_from
    # One cell import per district at a time: a second waits, then sees the new generation.
    for d in districts:
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('xiuhua-grid-cells:' || :d))"), {"d": d}
        )
    create_stage_table(session)
    hexes = _hex_ewkb(shapes)
    copy_rows(
        session,
        STAGE_TABLE,
        ["row_no", "code", "community_code", "mgmt_class", "geom"],
        (
            (i + 1, codes[i] or "", (codes[i] or "")[:12] if code_ok[i] else "", classes[i], h)
            for i, h in enumerate(hexes)
            if h is not None
        ),
        total=src.rows,
        progress=say,
    )
    # A cell whose code is wrong is still checked, in the community it lies in.
    session.execute(
        text(
            f"UPDATE {STAGE_TABLE} s SET community_code = coalesce((SELECT cm.code"
            " FROM grid_community cm WHERE ST_Covers(cm.geom, ST_PointOnSurface(s.geom))"
            " ORDER BY cm.code LIMIT 1), '') WHERE s.community_code = ''"
        )
    )
    index_stage_table(session)
    missing = session.execute(
        text(
            "SELECT s.community_code, array_agg(s.row_no ORDER BY s.row_no) AS rows"
            f" FROM {STAGE_TABLE} s LEFT JOIN grid_community cm ON cm.code = s.community_code"
            " WHERE cm.code IS NULL AND s.community_code <> ''"
            " GROUP BY s.community_code ORDER BY s.community_code"
        )
    ).all()
    for r in missing:
        problems.add(
            f"社区 {r.community_code} 不存在（请先导入社区）：{problems.rows_text(r.rows)}",
            "unknown_parent",
            fids=tuple(problems.fid(x) for x in r.rows[:50]),
            codes=(r.community_code,),
        )
    scope = _scope_communities(session, opts.replace, present, districts)
    latest = session.execute(
        text(
            "SELECT community_code, max(valid_from) AS latest FROM grid_cell"
            " WHERE community_code = ANY(:cs) AND valid_to IS NULL GROUP BY community_code"
            " HAVING max(valid_from) >= :vf ORDER BY community_code"
        ),
        {"cs": scope, "vf": valid_from},
    ).all()
    for r in latest:
        problems.add(
            f"生效时间 {local_text(valid_from)} 必须晚于社区 {r.community_code} 现有最新一代网格的"
            f"生效时间 {local_text(r.latest)}",
            "valid_from",
            codes=(r.community_code,),
        )
    if area_tol := get_settings().grid_import_area_tolerance:
        for r in session.execute(
            text(f"SELECT row_no, ST_Area(geom::geography) AS a FROM {STAGE_TABLE}")
        ):
            given = areas.get(r.row_no - 1)
            if given is not None and r.a > 0 and abs(given - r.a) > area_tol * r.a:
                problems.row(
                    r.row_no,
                    f"文件中的面积 {given:.1f} 平方米与按几何计算的 {r.a:.1f} 平方米相差超过"
                    f" {area_tol:.0%}（以计算值为准）",
                    "area_mismatch",
                    severity="warning",
                )

    checked = [c for c in scope if c not in {r.community_code for r in missing}]
    report = check_staged_cells(session, checked, tolerance_m2=opts.tolerance_m2, progress=say)
    res.topology = report
    _topology_problems(report, problems, opts.allow_topology_errors)
    problems.raise_if_any(
        "导入被拒绝"
        if not report.errors or opts.allow_topology_errors
        else "拓扑检查未通过，导入被拒绝（重叠、超出社区确认无误可加 --allow-topology-errors 强制导入）"
    )

    # What the replacement closes, and what it would leave without cells.
    current = {
        r.community_code: r.n
        for r in session.execute(
            text(
                "SELECT community_code, count(*) AS n FROM grid_cell"
                " WHERE community_code = ANY(:cs) AND valid_to IS NULL GROUP BY community_code"
            ),
            {"cs": scope},
        )
    }
    bare = sorted(c for c in scope if c not in present)
    kind = REPLACE_NAMES[opts.replace]
    units = sorted({c[: {"社区": 12, "街道": 9, "区县": 6}[kind]] for c in present})
    res.notes.append(
        f"替换范围（按{kind}）：{kind} {_codes_text(units)}，共 {len(scope)} 个社区；"
        f"关闭现行网格 {sum(current.values())} 个，写入新网格 {src.rows} 个；"
        f"新网格自 {local_text(valid_from)} 起生效，旧网格在此之前继续有效"
    )
    if bare:
        lost = sum(current.get(c, 0) for c in bare)
        line = (
            f"按{kind}替换将使 {len(bare)} 个社区（{_codes_text(bare)}）没有任何网格"
            f"（关闭其现行网格 {lost} 个，文件中没有这些社区的网格）"
        )
        if not opts.confirm:
            raise ConfirmationRequired(
                f"图层“{src.layer}”：{line}；确认请加 --yes（接口：confirm=true），"
                "或改用 --replace communities 只替换文件中的社区",
                communities=bare,
                closes=lost,
            )
        res.warnings.append(line)

    say("写入数据库", 0, 3)
    closed = session.execute(
        text(
            "UPDATE grid_cell SET valid_to = :vf"
            " WHERE community_code = ANY(:cs) AND valid_to IS NULL"
        ),
        {"vf": valid_from, "cs": scope},
    )
    res.closed = int(getattr(closed, "rowcount", 0) or 0)
    say("写入数据库", 1, 3)
    inserted = session.execute(
        text(
            "INSERT INTO grid_cell (code, community_code, street_code, district_code, mgmt_class,"
            " area_m2, geom, valid_from)"
            f" SELECT code, community_code, left(code, 9), left(code, 6), mgmt_class,"
            f" ST_Area(geom::geography), ST_Multi(geom), :vf FROM {STAGE_TABLE} ORDER BY code"
        ),
        {"vf": valid_from},
    )
    res.inserted = int(getattr(inserted, "rowcount", 0) or 0)
    session.execute(text("ANALYZE grid_cell"))
    say("写入数据库", 2, 3)
    if valid_from <= now():
        # Components keep the code of the cell in force that covers them.
        session.execute(
            text(
                "UPDATE grid_component k SET grid_code = ("
                " SELECT c.code FROM grid_cell c WHERE c.valid_to IS NULL"
                " AND ST_Covers(c.geom, k.geom) ORDER BY c.code LIMIT 1)"
                " WHERE k.district_code = ANY(:ds)"
            ),
            {"ds": districts},
        )
    else:
        res.warnings.append(
            f"新网格 {local_text(valid_from)} 才生效：部件记录的所在网格代码（grid_code）"
            "暂不更新，生效后再导入一次部件图层即可更新（定位与派遣不受影响）"
        )
    session.execute(text(f"DROP TABLE IF EXISTS pg_temp.{STAGE_TABLE}"))
    say("写入数据库", 3, 3)


def _codes_text(codes: Sequence[str], limit: int = 10) -> str:
    shown = "、".join(codes[:limit])
    return shown + (f" 等 {len(codes)} 个" if len(codes) > limit else "")


# --- units and rules -----------------------------------------------------------------------


def parse_category(value: str | None) -> tuple[str | None, str | None, str | None]:
    """Parse a category scope into (kind, major_code, category_code); raise ValueError."""
    v = (value or "").strip().lower().replace("：", ":")
    v = v.replace("部件", "component").replace("事件", "event")
    if v in ("", "all", "全部"):
        return None, None, None
    parts = [p.strip() for p in v.split(":")]
    kind = parts.pop(0) if parts[0] in ("component", "event") else None
    if not parts or parts == ["all"]:
        return kind, None, None
    if len(parts) == 2 and parts[0] == "major" and re.fullmatch(r"\d{2}", parts[1]):
        return kind, parts[1], None
    if len(parts) == 1 and re.fullmatch(r"\d{2}", parts[0]):
        return kind, parts[0], None
    if len(parts) == 1 and re.fullmatch(r"\d{5}", parts[0]):
        return kind, None, parts[0]
    raise ValueError(value)


@dataclass(slots=True)
class _RuleRow:
    row: int
    unit_code: str
    district_code: str | None
    role: str
    kind: str | None
    major: str | None
    code: str | None
    scope: str
    area_code: str | None
    cells: list[str] | None
    geom: BaseGeometry | None
    priority: int
    note: str | None


@dataclass(slots=True)
class _UnitRow:
    code: str
    rows: list[int]
    name: str | None = None
    kind: str | None = None
    parent: str | None = None
    phone: str | None = None
    district_code: str | None = None


def _merge(
    unit: _UnitRow, attr: str, value: str | None, row: int, label: str, problems: Problems
) -> None:
    if value is None:
        return
    current = getattr(unit, attr)
    if current is None:
        setattr(unit, attr, value)
    elif current != value:
        problems.row(
            row, f"责任单位 {unit.code} 的{label}与前面的行不一致（'{current}' / '{value}'）"
        )


def _import_unit_rules(
    session: Session,
    lay: Layer,
    src: SourceTable,
    opts: ImportOptions,
    res: ImportResult,
    say: Progress,
    problems: Problems,
) -> None:
    unit_codes = _required(src, problems, "unit_code")
    problems.codes = unit_codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    col = {
        name: _optional(src, name)
        for name in (
            "unit_name",
            "unit_kind",
            "parent_unit_code",
            "contact_phone",
            "role",
            "category",
            "area_scope",
            "area_code",
            "cell_codes",
            "priority",
            "note",
            "district_code",
        )
    }
    geoms = prepare_geometries(
        src, "polygon", required=False, opts=opts, problems=problems, result=res, progress=say
    )
    default_district = opts.district_code
    units: dict[str, _UnitRow] = {}
    rules: list[_RuleRow] = []
    for i in range(src.rows):
        row = i + 1
        ucode = unit_codes[i]
        if not ucode:
            problems.row(row, "缺少责任单位代码 unit_code")
            continue
        if len(ucode) > 32:
            problems.row(row, f"责任单位代码 '{ucode}' 超过 32 个字符")
            continue
        unit = units.setdefault(ucode, _UnitRow(code=ucode, rows=[]))
        unit.rows.append(row)
        _merge(unit, "name", col["unit_name"][i], row, "名称", problems)
        _merge(unit, "kind", col["unit_kind"][i], row, "类型", problems)
        _merge(unit, "parent", col["parent_unit_code"][i], row, "上级单位", problems)
        _merge(unit, "phone", col["contact_phone"][i], row, "联系电话", problems)
        if unit.kind is not None and len(unit.kind) > 32:
            problems.row(row, f"单位类型 '{unit.kind}' 超过 32 个字符")
        if unit.parent == ucode:
            problems.row(row, f"责任单位 {ucode} 不能是自己的上级单位")
        district = col["district_code"][i]
        if district and not (len(district) == 6 and district.isdigit()):
            problems.row(row, f"区县代码 district_code '{district}' 应为 6 位数字")
            district = None
        rule_fields = ("role", "category", "area_scope", "area_code", "cell_codes", "priority")
        role_raw = col["role"][i]
        if not role_raw:
            if any(col[f][i] for f in rule_fields) or geoms[i] is not None:
                problems.row(row, "有规则内容但缺少角色 role（territorial/specialist/fallback）")
            elif district:
                _merge(unit, "district_code", district, row, "所属区县", problems)
            continue
        role = _ROLE.get(role_raw.lower())
        if role is None:
            problems.row(
                row,
                f"角色 role '{role_raw}' 无效：应为 territorial/specialist/fallback"
                "（属地/专业/兜底）",
            )
            continue
        try:
            kind, major, code = parse_category(col["category"][i])
        except ValueError:
            problems.row(
                row,
                f"类别范围 category '{col['category'][i]}' 无效：应为 all、major:09、event:09006、"
                "component:01003 或 01003",
            )
            continue
        area_code = col["area_code"][i]
        cells = [c for c in re.split(r"[,;，；\s]+", col["cell_codes"][i] or "") if c] or None
        scope_raw = col["area_scope"][i]
        if scope_raw:
            scope = _SCOPE.get(scope_raw.lower())
            if scope is None:
                problems.row(
                    row,
                    f"区域范围 area_scope '{scope_raw}' 无效："
                    "应为 district/street/community/cells/polygon",
                )
                continue
        elif area_code and len(area_code) in (6, 9, 12):
            scope = {6: "district", 9: "street", 12: "community"}[len(area_code)]
        elif cells:
            scope = "cells"
        elif geoms[i] is not None:
            scope = "polygon"
        else:
            problems.row(row, "缺少区域范围：请填写 area_scope 与 area_code、cell_codes 或几何图形")
            continue
        if scope in _SCOPE_CODE_LEN:
            length = _SCOPE_CODE_LEN[scope]
            if not _check_code(row, area_code, length, "区域代码 area_code", problems):
                continue
            district = (area_code or "")[:6]
        elif scope == "cells":
            if not cells:
                problems.row(row, "区域范围为 cells 时 cell_codes 不能为空")
                continue
            bad = [c for c in cells if not (len(c) == 15 and c.isdigit())]
            if bad:
                problems.row(row, f"网格代码 {'、'.join(bad[:5])} 格式错误：应为 15 位数字")
                continue
            if len({c[:6] for c in cells}) > 1:
                problems.row(row, "cell_codes 中的网格属于多个区县")
                continue
            district = cells[0][:6]
            area_code = None
        else:
            if geoms[i] is None:
                problems.row(row, "区域范围为 polygon 时需要面几何图形")
                continue
            area_code = None
            district = district or default_district
        if scope != "cells":
            cells = None
        try:
            priority = int(col["priority"][i] or 0)
        except ValueError:
            problems.row(row, f"优先级 priority '{col['priority'][i]}' 不是整数")
            continue
        rules.append(
            _RuleRow(
                row=row,
                unit_code=ucode,
                district_code=district,
                role=role,
                kind=kind,
                major=major,
                code=code,
                scope=scope,
                area_code=area_code,
                cells=cells,
                geom=geoms[i] if scope == "polygon" else None,
                priority=priority,
                note=col["note"][i],
            )
        )
    problems.raise_if_any()

    # Database checks: existing units, parents, area codes, cells, districts of polygons.
    existing = set(
        session.scalars(text("SELECT code FROM grid_unit WHERE code = ANY(:c)"), {"c": list(units)})
    )
    for u in units.values():
        if u.code not in existing and not u.name:
            problems.add(f"新责任单位 {u.code} 缺少名称 unit_name：{problems.rows_text(u.rows)}")
    parents = {u.parent: u.rows for u in units.values() if u.parent and u.parent not in units}
    for p, rows in sorted(_missing_refs(session, "grid_unit", parents).items()):
        problems.add(f"上级单位 {p} 不存在：{problems.rows_text(rows)}")
    for scope, table in _SCOPE_TABLE.items():
        refs: dict[str, list[int]] = defaultdict(list)
        for r in rules:
            if r.scope == scope and r.area_code:
                refs[r.area_code].append(r.row)
        for c, rows in sorted(_missing_refs(session, table, refs).items()):
            problems.add(f"{_AREA_NAME[scope]} {c} 不存在：{problems.rows_text(rows)}")
    cell_refs: dict[str, list[int]] = defaultdict(list)
    for r in rules:
        for c in r.cells or []:
            cell_refs[c].append(r.row)
    if cell_refs:
        current = set(
            session.scalars(
                text("SELECT code FROM grid_cell WHERE valid_to IS NULL AND code = ANY(:c)"),
                {"c": list(cell_refs)},
            )
        )
        for c, rows in sorted(cell_refs.items()):
            if c not in current:
                problems.add(f"网格 {c} 不存在或已失效：{problems.rows_text(rows)}")
    for r in rules:
        if r.scope == "polygon" and r.district_code is None:
            r.district_code = session.scalar(
                text(
                    "WITH g AS (SELECT ST_GeomFromWKB(:wkb, 4326) AS g)"
                    " SELECT d.code FROM grid_district d, g WHERE ST_Intersects(d.geom, g.g)"
                    " ORDER BY ST_Area(ST_Intersection(d.geom, g.g)) DESC, d.code LIMIT 1"
                ),
                {"wkb": _wkb(r.geom)},
            )
            if r.district_code is None:
                problems.row(r.row, "范围多边形不与任何区县相交；请填写 district_code")
    districts = {r.district_code: [r.row] for r in rules if r.district_code}
    for d, rows in sorted(_missing_refs(session, "grid_district", districts).items()):
        problems.add(f"区县 {d} 不存在：{problems.rows_text(rows)}")
    fallback: dict[str, tuple[str, int]] = {}
    for r in rules:
        if r.role == "fallback" and r.scope == "district" and r.district_code:
            prev = fallback.get(r.district_code)
            if prev and prev[0] != r.unit_code:
                problems.add(
                    f"区县 {r.district_code} 的兜底单位在第 {prev[1]} 行与第 {r.row} 行不一致"
                )
            fallback[r.district_code] = (r.unit_code, r.row)
    problems.raise_if_any()

    # Units: upsert by code, then parents; a unit's district defaults to that of its rules.
    say("写入数据库", 0, 3)
    for u in units.values():
        ds = {r.district_code for r in rules if r.unit_code == u.code and r.district_code}
        if u.district_code is None and len(ds) == 1:
            u.district_code = ds.pop()
        elif u.district_code is None and u.code not in existing:
            u.district_code = default_district
    session.execute(
        text(
            "INSERT INTO grid_unit (code, name, kind, district_code, contact_phone)"
            " VALUES (:code, :name, coalesce(CAST(:kind AS varchar), 'other'), :d, :phone)"
            " ON CONFLICT (code) DO UPDATE SET"
            " name = coalesce(CAST(:name AS text), grid_unit.name),"
            " kind = coalesce(CAST(:kind AS varchar), grid_unit.kind),"
            " district_code = coalesce(CAST(:d AS varchar), grid_unit.district_code),"
            " contact_phone = coalesce(CAST(:phone AS text), grid_unit.contact_phone)"
        ),
        [
            {"code": u.code, "name": u.name, "kind": u.kind, "d": u.district_code, "phone": u.phone}
            for u in units.values()
        ],
    )
    with_parent = [{"code": u.code, "parent": u.parent} for u in units.values() if u.parent]
    if with_parent:
        session.execute(
            text(
                "UPDATE grid_unit SET parent_id = (SELECT p.id FROM grid_unit p"
                " WHERE p.code = :parent) WHERE code = :code"
            ),
            with_parent,
        )
    ids: dict[str, int] = {
        r.code: r.id
        for r in session.execute(
            text("SELECT code, id FROM grid_unit WHERE code = ANY(:c)"), {"c": list(units)}
        )
    }
    say("写入数据库", 1, 3)
    before = int(session.scalar(text("SELECT count(*) FROM grid_rule")) or 0)
    if rules:
        session.execute(
            text(
                """
INSERT INTO grid_rule (unit_id, district_code, role, category_kind, major_code, category_code,
                       area_scope, area_code, cell_codes, geom, priority, note)
SELECT x.unit_id, x.d, x.role, x.kind, x.major, x.code, x.scope, x.area_code, x.cells,
       x.geom, x.priority, x.note
FROM (SELECT CAST(:unit_id AS integer) AS unit_id, CAST(:d AS varchar) AS d,
             CAST(:role AS varchar) AS role, CAST(:kind AS varchar) AS kind,
             CAST(:major AS varchar) AS major, CAST(:code AS varchar) AS code,
             CAST(:scope AS varchar) AS scope, CAST(:area_code AS varchar) AS area_code,
             CAST(:cells AS varchar[]) AS cells,
             ST_Multi(ST_GeomFromWKB(CAST(:wkb AS bytea), 4326)) AS geom,
             CAST(:priority AS integer) AS priority, CAST(:note AS text) AS note) x
WHERE NOT EXISTS (
    SELECT 1 FROM grid_rule r
    WHERE r.unit_id = x.unit_id AND r.district_code = x.d AND r.role = x.role
      AND r.category_kind IS NOT DISTINCT FROM x.kind
      AND r.major_code IS NOT DISTINCT FROM x.major
      AND r.category_code IS NOT DISTINCT FROM x.code
      AND r.area_scope = x.scope
      AND r.area_code IS NOT DISTINCT FROM x.area_code
      AND r.cell_codes IS NOT DISTINCT FROM x.cells
      AND ((r.geom IS NULL AND x.geom IS NULL) OR {same})
      AND r.priority = x.priority)
""".format(same=same_shape_sql("r.geom", "x.geom"))
            ),
            [
                {
                    "unit_id": ids[r.unit_code],
                    "d": r.district_code,
                    "role": r.role,
                    "kind": r.kind,
                    "major": r.major,
                    "code": r.code,
                    "scope": r.scope,
                    "area_code": r.area_code,
                    "cells": r.cells,
                    "wkb": _wkb(r.geom),
                    "priority": r.priority,
                    "note": r.note,
                }
                for r in rules
            ],
        )
    after = int(session.scalar(text("SELECT count(*) FROM grid_rule")) or 0)
    say("写入数据库", 2, 3)
    for d, (fb_code, _row) in sorted(fallback.items()):
        # One fallback unit per district: its district-wide fallback rule replaces the others.
        session.execute(
            text("UPDATE grid_district SET fallback_unit_id = :u WHERE code = :d"),
            {"u": ids[fb_code], "d": d},
        )
        gone = session.execute(
            text(
                "DELETE FROM grid_rule WHERE district_code = :d AND role = 'fallback'"
                " AND area_scope = 'district' AND unit_id <> :u"
            ),
            {"u": ids[fb_code], "d": d},
        )
        n = int(getattr(gone, "rowcount", 0) or 0)
        if n:
            res.warnings.append(
                f"区县 {d} 的兜底单位改为 {fb_code}，删除了其他单位的 {n} 条兜底规则"
            )
    res.inserted = after - before
    res.skipped = len(rules) - res.inserted
    res.notes.append(
        f"责任单位：新增 {len(units) - len(existing)} 个，更新 {len(existing)} 个；"
        f"规则：新增 {res.inserted} 条，已存在跳过 {res.skipped} 条"
    )
    say("写入数据库", 3, 3)


# --- components ----------------------------------------------------------------------------


def _import_components(
    session: Session,
    lay: Layer,
    src: SourceTable,
    opts: ImportOptions,
    res: ImportResult,
    say: Progress,
    problems: Problems,
) -> None:
    ids = _required(src, problems, "id")
    problems.codes = ids
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    cats = _optional(src, "category_code")
    names = _optional(src, "name")
    depts = _optional(src, "supervising_dept")
    owners = _optional(src, "owner")
    maint = _optional(src, "maintainer")
    states_raw = _optional(src, "state")
    geoms = prepare_geometries(
        src, "point", required=True, opts=opts, problems=problems, result=res, progress=say
    )
    cat_codes: list[str | None] = [None] * src.rows
    states: list[str] = ["intact"] * src.rows
    district_rows: dict[str, list[int]] = defaultdict(list)
    for i in range(src.rows):
        row, cid = i + 1, ids[i]
        if not _check_code(row, cid, 17, "部件编码 id", problems) or cid is None:
            continue
        district_rows[cid[:6]].append(row)
        cat = cats[i] or cid[6:11]
        if not (len(cat) == 5 and cat.isdigit()):
            problems.row(row, f"部件类别代码 category_code '{cat}' 应为 5 位数字")
        elif cat != cid[6:11]:
            problems.row(
                row, f"部件类别代码 {cat} 与部件编码 {cid} 的第 7–11 位 {cid[6:11]} 不一致"
            )
        cat_codes[i] = cat
        if states_raw[i]:
            st = _STATE.get(states_raw[i].lower())  # type: ignore[union-attr]
            if st is None:
                problems.row(
                    row,
                    f"状态 state '{states_raw[i]}' 无效：应为 intact/damaged/lost/abandoned/"
                    "removed（完好/破损/丢失/废弃/移除）",
                )
            else:
                states[i] = st
    _duplicates(ids, "部件编码", problems)
    problems.raise_if_any()
    for d, rows in sorted(_missing_refs(session, "grid_district", district_rows).items()):
        problems.add(f"部件编码前 6 位的区县 {d} 不存在：{problems.rows_text(rows)}")
    problems.raise_if_any()

    _temp_table(
        session,
        "xh_imp_component",
        "row_no integer, id text, category_code text, name text, supervising_dept text,"
        " owner text, maintainer text, state text, geom geometry",
    )
    hexes = _hex_ewkb(geoms)
    copy_rows(
        session,
        "xh_imp_component",
        [
            "row_no",
            "id",
            "category_code",
            "name",
            "supervising_dept",
            "owner",
            "maintainer",
            "state",
            "geom",
        ],
        (
            (
                i + 1,
                ids[i],
                cat_codes[i],
                names[i],
                depts[i],
                owners[i],
                maint[i],
                states[i],
                hexes[i],
            )
            for i in range(src.rows)
        ),
        total=src.rows,
        progress=say,
    )
    session.execute(text("ANALYZE xh_imp_component"))
    say("写入数据库", 0, 1)
    flags = session.execute(
        text(
            """
INSERT INTO grid_component (id, category_code, name, supervising_dept, owner_unit_id,
    maintainer_unit_id, owner_name, maintainer_name, state, geom, grid_code, district_code,
    updated_at)
SELECT s.id, s.category_code, s.name, s.supervising_dept, ou.id, mu.id,
       coalesce(ou.name, s.owner), coalesce(mu.name, s.maintainer), s.state, s.geom, cell.code,
       left(s.id, 6), :now
FROM xh_imp_component s
LEFT JOIN LATERAL (SELECT u.id, u.name FROM grid_unit u WHERE u.code = s.owner OR u.name = s.owner
                   ORDER BY (u.code = s.owner) DESC, u.id LIMIT 1) ou ON s.owner IS NOT NULL
LEFT JOIN LATERAL (SELECT u.id, u.name FROM grid_unit u
                   WHERE u.code = s.maintainer OR u.name = s.maintainer
                   ORDER BY (u.code = s.maintainer) DESC, u.id LIMIT 1) mu
       ON s.maintainer IS NOT NULL
LEFT JOIN LATERAL (SELECT c.code FROM grid_cell c
                   WHERE c.valid_to IS NULL AND ST_Covers(c.geom, s.geom)
                   ORDER BY c.code LIMIT 1) cell ON true
ORDER BY s.id
ON CONFLICT (id) DO UPDATE SET
    category_code = EXCLUDED.category_code, name = EXCLUDED.name,
    supervising_dept = EXCLUDED.supervising_dept, owner_unit_id = EXCLUDED.owner_unit_id,
    maintainer_unit_id = EXCLUDED.maintainer_unit_id, owner_name = EXCLUDED.owner_name,
    maintainer_name = EXCLUDED.maintainer_name, state = EXCLUDED.state, geom = EXCLUDED.geom,
    grid_code = EXCLUDED.grid_code, district_code = EXCLUDED.district_code,
    updated_at = EXCLUDED.updated_at
RETURNING (xmax = 0) AS inserted, grid_code IS NULL AS outside,
          (owner_name IS NOT NULL AND owner_unit_id IS NULL)
          OR (maintainer_name IS NOT NULL AND maintainer_unit_id IS NULL) AS unresolved
"""
        ),
        {"now": now()},
    ).all()
    res.inserted = sum(1 for f in flags if f.inserted)
    res.updated = len(flags) - res.inserted
    outside = sum(1 for f in flags if f.outside)
    unresolved = sum(1 for f in flags if f.unresolved)
    if outside:
        res.warnings.append(f"{outside} 个部件不在任何现行单元网格内（grid_code 为空）")
    if unresolved:
        res.warnings.append(f"{unresolved} 个部件的权属/养护单位未在责任单位中找到，仅保存了名称")
    session.execute(text("ANALYZE grid_component"))
    say("写入数据库", 1, 1)


# --- addresses -----------------------------------------------------------------------------


def _import_addresses(
    session: Session,
    lay: Layer,
    src: SourceTable,
    opts: ImportOptions,
    res: ImportResult,
    say: Progress,
    problems: Problems,
) -> None:
    texts = _required(src, problems, "full_text")
    roads = _optional(src, "road")
    numbers = _optional(src, "house_number")
    pois = _optional(src, "poi")
    codes = _optional(src, "code")
    problems.codes = codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    geoms = prepare_geometries(
        src, "point", required=True, opts=opts, problems=problems, result=res, progress=say
    )
    norms: list[str | None] = [None] * src.rows
    for i in range(src.rows):
        row = i + 1
        t = texts[i]
        if not t:
            problems.row(row, "缺少地址全称 full_text")
        else:
            norms[i] = normalize(t)
            if not norms[i]:
                problems.row(row, f"地址 '{t}' 规范化后为空")
        if codes[i] and len(codes[i] or "") > 32:
            problems.row(row, f"地址编码 '{codes[i]}' 超过 32 个字符")
    _duplicates(codes, "地址编码", problems)
    problems.raise_if_any()

    _temp_table(
        session,
        "xh_imp_address",
        "row_no integer, code text, full_text text, norm_text text, road text,"
        " house_number text, poi text, geom geometry",
    )
    hexes = _hex_ewkb(geoms)
    copy_rows(
        session,
        "xh_imp_address",
        ["row_no", "code", "full_text", "norm_text", "road", "house_number", "poi", "geom"],
        (
            (i + 1, codes[i], texts[i], norms[i], roads[i], numbers[i], pois[i], hexes[i])
            for i in range(src.rows)
        ),
        total=src.rows,
        progress=say,
    )
    session.execute(text("CREATE INDEX ON xh_imp_address USING gist (geom)"))
    session.execute(text("ANALYZE xh_imp_address"))
    say("定位街道", 0, 1)
    session.execute(text("DROP TABLE IF EXISTS pg_temp.xh_imp_address_at"))
    session.execute(
        text(
            """
CREATE TEMP TABLE xh_imp_address_at ON COMMIT DROP AS
SELECT s.*, st.code AS street_code, coalesce(st.district_code, d.code) AS district_code
FROM xh_imp_address s
LEFT JOIN LATERAL (SELECT code, district_code FROM grid_street t WHERE ST_Covers(t.geom, s.geom)
                   ORDER BY code LIMIT 1) st ON true
LEFT JOIN LATERAL (SELECT code FROM grid_district t
                   WHERE st.code IS NULL AND ST_Covers(t.geom, s.geom)
                   ORDER BY code LIMIT 1) d ON true
"""
        )
    )
    say("定位街道", 1, 1)
    outside = list(
        session.scalars(
            text("SELECT row_no FROM xh_imp_address_at WHERE district_code IS NULL ORDER BY row_no")
        )
    )
    if outside:
        problems.add(f"地址点位不在任何区县内：{problems.rows_text(outside)}")
    problems.raise_if_any()
    no_street = int(
        session.scalar(text("SELECT count(*) FROM xh_imp_address_at WHERE street_code IS NULL"))
        or 0
    )
    if no_street:
        res.warnings.append(f"{no_street} 条地址不在任何街道内（street_code 为空）")
    say("写入数据库", 0, 1)
    flags = session.scalars(
        text(
            """
INSERT INTO grid_address (code, full_text, norm_text, district_code, street_code, road,
                          house_number, poi, geom)
SELECT s.code, s.full_text, s.norm_text, s.district_code, s.street_code, s.road, s.house_number,
       s.poi, s.geom
FROM xh_imp_address_at s
WHERE s.code IS NOT NULL OR NOT EXISTS (
    SELECT 1 FROM grid_address a
    WHERE a.full_text = s.full_text AND {same})
ORDER BY s.row_no
ON CONFLICT (code) DO UPDATE SET
    full_text = EXCLUDED.full_text, norm_text = EXCLUDED.norm_text,
    district_code = EXCLUDED.district_code, street_code = EXCLUDED.street_code,
    road = EXCLUDED.road, house_number = EXCLUDED.house_number, poi = EXCLUDED.poi,
    geom = EXCLUDED.geom
RETURNING (xmax = 0)
""".format(same=same_shape_sql("a.geom", "s.geom"))
        )
    ).all()
    res.inserted = sum(1 for f in flags if f)
    res.updated = len(flags) - res.inserted
    res.skipped = src.rows - len(flags)
    session.execute(text("ANALYZE grid_address"))
    say("写入数据库", 1, 1)


# --- frontage zones ------------------------------------------------------------------------


def _import_frontage(
    session: Session,
    lay: Layer,
    src: SourceTable,
    opts: ImportOptions,
    res: ImportResult,
    say: Progress,
    problems: Problems,
) -> None:
    holders = _required(src, problems, "holder_name")
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    contacts = _optional(src, "holder_contact")
    phones = _optional(src, "holder_phone")
    addresses = _optional(src, "address")
    geoms = prepare_geometries(
        src, "polygon", required=True, opts=opts, problems=problems, result=res, progress=say
    )
    for i in range(src.rows):
        if not holders[i]:
            problems.row(i + 1, "缺少责任人名称 holder_name")
    problems.raise_if_any()

    _temp_table(
        session,
        "xh_imp_frontage",
        "row_no integer, holder_name text, holder_contact text, holder_phone text,"
        " address text, geom geometry, district_code text",
    )
    hexes = _hex_ewkb(geoms)
    copy_rows(
        session,
        "xh_imp_frontage",
        ["row_no", "holder_name", "holder_contact", "holder_phone", "address", "geom"],
        (
            (i + 1, holders[i], contacts[i], phones[i], addresses[i], hexes[i])
            for i in range(src.rows)
        ),
        total=src.rows,
        progress=say,
    )
    session.execute(
        text(
            "UPDATE xh_imp_frontage s SET district_code = (SELECT d.code FROM grid_district d"
            " WHERE ST_Covers(d.geom, ST_PointOnSurface(s.geom)) ORDER BY d.code LIMIT 1)"
        )
    )
    outside = list(
        session.scalars(
            text("SELECT row_no FROM xh_imp_frontage WHERE district_code IS NULL ORDER BY row_no")
        )
    )
    if outside:
        problems.add(f"门前三包区域不在任何区县内：{problems.rows_text(outside)}")
    problems.raise_if_any()
    say("写入数据库", 0, 1)
    updated = session.execute(
        text(
            """
UPDATE grid_frontage f SET holder_contact = s.holder_contact, holder_phone = s.holder_phone,
       address = s.address, district_code = s.district_code
FROM xh_imp_frontage s
WHERE f.holder_name = s.holder_name AND {same}
""".format(same=same_shape_sql("f.geom", "s.geom"))
        )
    )
    inserted = session.execute(
        text(
            """
INSERT INTO grid_frontage (holder_name, holder_contact, holder_phone, address, district_code, geom)
SELECT s.holder_name, s.holder_contact, s.holder_phone, s.address, s.district_code,
       ST_Multi(s.geom)
FROM xh_imp_frontage s
WHERE NOT EXISTS (SELECT 1 FROM grid_frontage f WHERE f.holder_name = s.holder_name
                  AND {same})
ORDER BY s.row_no
""".format(same=same_shape_sql("f.geom", "s.geom"))
        )
    )
    res.updated = int(getattr(updated, "rowcount", 0) or 0)
    res.inserted = int(getattr(inserted, "rowcount", 0) or 0)
    say("写入数据库", 1, 1)
