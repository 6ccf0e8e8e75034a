"""Export spatial layers to GeoJSON, GeoPackage, Shapefile or CSV (written with pyogrio).

Files are in EPSG:4326 and carry the field names app.grid.io.importing reads, so an export imports
back unchanged (extra informative fields such as area_m2 are ignored on import). Cells: only the
current generation. Unit-rule: one row per rule with its unit, plus one row per unit without
rules (role empty).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.errors import InvalidInput, NotFound
from app.grid.io.importing.options import Layer
from app.grid.service import category_scope_label

Progress = Callable[[str, int, int], None]

# format → (GDAL driver, file suffix)
FORMATS: dict[str, tuple[str, str]] = {
    "geojson": ("GeoJSON", ".geojson"),
    "gpkg": ("GPKG", ".gpkg"),
    "shp": ("ESRI Shapefile", ".shp"),
    "csv": ("CSV", ".csv"),
}
_SUFFIX_FORMAT = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".shp": "shp",
    ".csv": "csv",
}
_CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    layer: str
    path: Path
    format: str
    features: int
    seconds: float


@dataclass(frozen=True, slots=True)
class _Spec:
    sql: str
    fields: tuple[tuple[str, str], ...]  # (name, "str" | "float" | "int")
    geometry_type: str
    district_filter: str


_SPECS: dict[Layer, _Spec] = {
    Layer.district: _Spec(
        "SELECT t.code, t.name, ST_AsBinary(t.geom) AS wkb FROM grid_district t {where}"
        " ORDER BY t.code",
        (("code", "str"), ("name", "str")),
        "MultiPolygon",
        "t.code = :d",
    ),
    Layer.street: _Spec(
        "SELECT t.code, t.name, t.district_code, ST_AsBinary(t.geom) AS wkb FROM grid_street t"
        " {where} ORDER BY t.code",
        (("code", "str"), ("name", "str"), ("district_code", "str")),
        "MultiPolygon",
        "t.district_code = :d",
    ),
    Layer.community: _Spec(
        "SELECT t.code, t.name, t.street_code, ST_AsBinary(t.geom) AS wkb FROM grid_community t"
        " {where} ORDER BY t.code",
        (("code", "str"), ("name", "str"), ("street_code", "str")),
        "MultiPolygon",
        "t.district_code = :d",
    ),
    Layer.cell: _Spec(
        "SELECT t.code, t.mgmt_class, t.community_code, round(t.area_m2::numeric, 1)::float8"
        " AS area_m2, ST_AsBinary(t.geom) AS wkb FROM grid_cell t"
        " WHERE t.valid_to IS NULL {and_where} ORDER BY t.code",
        (("code", "str"), ("mgmt_class", "str"), ("community_code", "str"), ("area_m2", "float")),
        "MultiPolygon",
        "t.district_code = :d",
    ),
    Layer.component: _Spec(
        "SELECT t.id, t.category_code, t.name, t.supervising_dept,"
        " coalesce(o.code, t.owner_name) AS owner, coalesce(m.code, t.maintainer_name)"
        " AS maintainer, t.state, t.grid_code, ST_AsBinary(t.geom) AS wkb"
        " FROM grid_component t LEFT JOIN grid_unit o ON o.id = t.owner_unit_id"
        " LEFT JOIN grid_unit m ON m.id = t.maintainer_unit_id {where} ORDER BY t.id",
        (
            ("id", "str"),
            ("category_code", "str"),
            ("name", "str"),
            ("supervising_dept", "str"),
            ("owner", "str"),
            ("maintainer", "str"),
            ("state", "str"),
            ("grid_code", "str"),
        ),
        "Point",
        "t.district_code = :d",
    ),
    Layer.address: _Spec(
        "SELECT t.code, t.full_text, t.road, t.house_number, t.poi, t.street_code,"
        " ST_AsBinary(t.geom) AS wkb FROM grid_address t {where} ORDER BY t.id",
        (
            ("code", "str"),
            ("full_text", "str"),
            ("road", "str"),
            ("house_number", "str"),
            ("poi", "str"),
            ("street_code", "str"),
        ),
        "Point",
        "t.district_code = :d",
    ),
    Layer.frontage: _Spec(
        "SELECT t.holder_name, t.holder_contact, t.holder_phone, t.address,"
        " ST_AsBinary(t.geom) AS wkb FROM grid_frontage t {where} ORDER BY t.id",
        (
            ("holder_name", "str"),
            ("holder_contact", "str"),
            ("holder_phone", "str"),
            ("address", "str"),
        ),
        "MultiPolygon",
        "t.district_code = :d",
    ),
    Layer.unit_rule: _Spec(
        """
SELECT u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind,
       p.code AS parent_unit_code, u.contact_phone, r.role, r.category_kind, r.major_code,
       r.category_code, r.area_scope, r.area_code,
       array_to_string(r.cell_codes, ',') AS cell_codes,
       r.priority, r.note, coalesce(r.district_code, u.district_code) AS district_code,
       ST_AsBinary(r.geom) AS wkb
FROM grid_unit u
LEFT JOIN grid_unit p ON p.id = u.parent_id
LEFT JOIN grid_rule r ON r.unit_id = u.id {rule_filter}
{where}
ORDER BY u.code, r.id NULLS FIRST
""",
        (
            ("unit_code", "str"),
            ("unit_name", "str"),
            ("unit_kind", "str"),
            ("parent_unit_code", "str"),
            ("contact_phone", "str"),
            ("role", "str"),
            ("category", "str"),
            ("area_scope", "str"),
            ("area_code", "str"),
            ("cell_codes", "str"),
            ("priority", "str"),
            ("note", "str"),
            ("district_code", "str"),
        ),
        "MultiPolygon",
        "",
    ),
}


def export_format(path: Path, fmt: str | None) -> str:
    """Return the export format for `fmt` or, when absent, the file suffix; raise InvalidInput."""
    if fmt:
        f = fmt.strip().lower()
        if f not in FORMATS:
            raise InvalidInput(f"不支持的格式 '{fmt}'，可选：{'、'.join(FORMATS)}", format=fmt)
        return f
    f2 = _SUFFIX_FORMAT.get(path.suffix.lower())
    if f2 is None:
        raise InvalidInput(
            f"无法由扩展名判断格式：{path.name}；请用 --format 指定（{'、'.join(FORMATS)}）",
            path=str(path),
        )
    return f2


def _query(layer: Layer, district: str | None) -> str:
    spec = _SPECS[layer]
    if layer is Layer.unit_rule:
        if district is None:
            return spec.sql.format(rule_filter="", where="")
        return spec.sql.format(
            rule_filter="AND r.district_code = :d",
            where="WHERE r.id IS NOT NULL OR (u.district_code = :d AND NOT EXISTS ("
            "SELECT 1 FROM grid_rule x WHERE x.unit_id = u.id))",
        )
    cond = spec.district_filter if district is not None else ""
    return spec.sql.format(
        where=f"WHERE {cond}" if cond else "", and_where=f"AND {cond}" if cond else ""
    )


def _remove(path: Path) -> None:
    if path.suffix.lower() == ".shp":
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"):
            path.with_suffix(ext).unlink(missing_ok=True)
    else:
        path.unlink(missing_ok=True)


def export_layer(
    session: Session,
    layer: Layer | str,
    path: Path,
    *,
    fmt: str | None = None,
    district_code: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a layer (optionally one district) to a file in EPSG:4326; only reads the database."""
    import pyogrio.raw

    started = time.monotonic()
    say = progress or (lambda _m, _d, _t: None)
    try:
        lay = Layer(layer)
    except ValueError as exc:
        raise InvalidInput(
            f"未知图层 '{layer}'，可选：{'、'.join(v.value for v in Layer)}", layer=str(layer)
        ) from exc
    f = export_format(path, fmt)
    driver, _suffix = FORMATS[f]
    if district_code is not None:
        found = session.execute(
            text("SELECT 1 FROM grid_district WHERE code = :d"), {"d": district_code}
        ).first()
        if found is None:
            raise NotFound(f"区县 {district_code} 不存在", district_code=district_code)
    if path.exists() and not overwrite:
        raise InvalidInput(f"文件已存在：{path}；如需覆盖请加 --overwrite", path=str(path))
    spec = _SPECS[lay]
    sql = _query(lay, district_code)
    params = {"d": district_code}
    total = int(session.scalar(text(f"SELECT count(*) FROM ({sql}) q"), params) or 0)
    say("读取数据", 0, total)
    rows: list[Any] = []
    result = session.execute(text(sql).execution_options(yield_per=_CHUNK), params)
    for part in result.partitions(_CHUNK):
        rows.extend(part)
        say("读取数据", len(rows), total)
    result.close()
    rows = [_rule_row(r) if lay is Layer.unit_rule else r._asdict() for r in rows]
    _remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [name for name, _t in spec.fields]
    layer_name = lay.value.replace("-", "_")
    options: dict[str, Any] = {}
    if driver == "CSV":
        options["layer_options"] = {"GEOMETRY": "AS_WKT"}
    elif driver == "GeoJSON":
        # 17 significant figures round-trip every double (GDAL's default is 15 decimals).
        options["layer_options"] = {"SIGNIFICANT_FIGURES": "17"}
    # GPKG appends in chunks to show progress; the other drivers write in one go.
    chunk = _CHUNK if driver == "GPKG" else max(len(rows), 1)
    say("写入文件", 0, total)
    start = 0
    while True:
        part = rows[start : start + chunk]
        geometry = np.array([r["wkb"] and bytes(r["wkb"]) for r in part], dtype=object)
        data = [_column(part, name, kind) for name, kind in spec.fields]
        with warnings.catch_warnings():
            # Shapefile field names are cut to 10 characters; the importer accepts the cut names.
            warnings.simplefilter("ignore", RuntimeWarning)
            pyogrio.raw.write(
                str(path),
                geometry,
                data,
                names,
                layer=layer_name,
                driver=driver,
                geometry_type=spec.geometry_type,
                crs="EPSG:4326",
                encoding="UTF-8",
                append=start > 0,
                promote_to_multi=False,
                **options,
            )
        start += len(part)
        say("写入文件", start, total)
        if start >= len(rows):
            break
    return ExportResult(
        layer=lay.value,
        path=path,
        format=f,
        features=len(rows),
        seconds=time.monotonic() - started,
    )


def _rule_row(r: Any) -> dict[str, Any]:
    d: dict[str, Any] = dict(r._asdict())
    d["category"] = (
        category_scope_label(r.category_kind, r.major_code, r.category_code)
        if r.role is not None
        else None
    )
    d["priority"] = str(r.priority) if r.role is not None else None
    return d


def _column(rows: list[dict[str, Any]], name: str, kind: str) -> np.ndarray[Any, Any]:
    if kind == "float":
        return np.array(
            [np.nan if r[name] is None else float(r[name]) for r in rows], dtype=np.float64
        )
    return np.array([r[name] for r in rows], dtype=object)
