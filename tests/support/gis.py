"""A small district as GIS staff would hand it over, written with GDAL (pyogrio) directly.

Not made by the project's generators: a square district 330106 near 120.10°E 30.27°N, two
streets (west/east), two communities each (north/south), 4 × 4 cells per community, with
Chinese layer and field names, in a GeoPackage (EPSG:4490) or a Shapefile in CGCS2000 3-degree
Gauss-Krüger (EPSG:4549) with GBK text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import pyproj
import shapely
from shapely.geometry import MultiPolygon, box
from shapely.geometry.base import BaseGeometry

DISTRICT = "330106"
X0, Y0, STEP = 120.10, 30.26, 0.004  # a cell is 0.004° square (~385 m × 445 m)
GEOD = pyproj.Geod(ellps="GRS80")


@dataclass(frozen=True)
class Cell:
    code: str
    mgmt: str  # 重点 | 一般
    geom: BaseGeometry


def street_code(s: int) -> str:
    return f"{DISTRICT}{s + 1:03d}"


def community_code(s: int, c: int) -> str:
    return f"{street_code(s)}{c + 1:03d}"


def community_box(s: int, c: int) -> BaseGeometry:
    x = X0 + s * 4 * STEP
    y = Y0 + (1 - c) * 4 * STEP  # community 001 north, 002 south
    return box(x, y, x + 4 * STEP, y + 4 * STEP)


def cells() -> list[Cell]:
    out = []
    for s in range(2):
        for c in range(2):
            bx0, _by0, _bx1, by1 = community_box(s, c).bounds
            n = 0
            for row in range(4):  # north → south, west → east
                for col in range(4):
                    n += 1
                    g = box(
                        bx0 + col * STEP,
                        by1 - (row + 1) * STEP,
                        bx0 + (col + 1) * STEP,
                        by1 - row * STEP,
                    )
                    out.append(
                        Cell(f"{community_code(s, c)}{n:03d}", "重点" if n <= 2 else "一般", g)
                    )
    return out


def geodesic_area(g: BaseGeometry) -> float:
    return abs(GEOD.geometry_area_perimeter(g)[0])


def write(
    path: Path,
    layer: str,
    geoms: list[BaseGeometry | None],
    fields: dict[str, list[Any]],
    *,
    crs: str = "EPSG:4490",
    encoding: str = "UTF-8",
    driver: str | None = None,
    append: bool = False,
) -> Path:
    pyogrio.raw.write(
        str(path),
        np.array(
            [
                None
                if g is None
                else shapely.to_wkb(MultiPolygon([g]) if g.geom_type == "Polygon" else g)
                for g in geoms
            ],
            dtype=object,
        ),
        [np.array(v, dtype=object) for v in fields.values()],
        list(fields),
        layer=layer,
        geometry_type="MultiPolygon",
        crs=crs,
        encoding=encoding,
        driver=driver,
        append=append,
        promote_to_multi=False,
    )
    return path


def district_gpkg(path: Path, cell_list: list[Cell] | None = None) -> Path:
    """区县 / 街道 / 社区 / 单元网格 layers with Chinese field names (EPSG:4490)."""
    d = box(X0, Y0, X0 + 8 * STEP, Y0 + 8 * STEP)
    write(path, "区县", [d], {"编码": [DISTRICT], "名称": ["测试区"]})
    streets = [shapely.union(community_box(s, 0), community_box(s, 1)) for s in range(2)]
    write(
        path,
        "街道",
        streets,
        {
            "街道编码": [street_code(0), street_code(1)],
            "名称": ["西街道", "东街道"],
            "区县编码": [DISTRICT, DISTRICT],
        },
        append=True,
    )
    comms = [(s, c) for s in range(2) for c in range(2)]
    write(
        path,
        "社区",
        [community_box(s, c) for s, c in comms],
        {
            "社区编码": [community_code(s, c) for s, c in comms],
            "社区名称": [f"社区{s}{c}" for s, c in comms],
            "街道编码": [street_code(s) for s, _c in comms],
        },
        append=True,
    )
    cs = cell_list if cell_list is not None else cells()
    write(
        path,
        "单元网格",
        [c.geom for c in cs],
        {
            "网格编码": [c.code for c in cs],
            "管理等级": [c.mgmt for c in cs],
            "社区编码": [c.code[:12] for c in cs],
            "面积": [round(geodesic_area(c.geom), 1) if c.geom is not None else None for c in cs],
        },
        append=True,
    )
    return path


def cells_shapefile(path: Path, cell_list: list[Cell]) -> Path:
    """The cells as a Shapefile in CGCS2000 3-degree Gauss-Krüger CM 120°E, GBK text (.cpg)."""
    to_gk = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4549", always_xy=True)
    projected = [
        shapely.transform(c.geom, lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1])))
        for c in cell_list
    ]
    write(
        path,
        path.stem,
        projected,
        {
            "单元网格编码": [c.code for c in cell_list],  # 12 bytes in GBK: DBF keeps 10
            "管理等级": [c.mgmt for c in cell_list],
            "名称": [f"网格{c.code[-3:]}" for c in cell_list],
        },
        crs="EPSG:4549",
        encoding="GBK",
        driver="ESRI Shapefile",
    )
    return path
