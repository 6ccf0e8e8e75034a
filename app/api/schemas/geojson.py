"""GeoJSON shapes (RFC 7946) of the layer, heat-map and import-report answers."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

GeometryType = Literal[
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
]


class Geometry(BaseModel):
    """几何（RFC 7946，WGS-84 经纬度）."""

    type: GeometryType = Field(description="几何类型")
    coordinates: Any = Field(default=None, description="坐标（经度, 纬度），嵌套层数随几何类型")
    geometries: list[Geometry] | None = Field(
        default=None, description="仅 GeometryCollection：其中的几何"
    )


class Feature(BaseModel):
    """要素：几何与属性."""

    type: Literal["Feature"] = Field(description="固定为 Feature")
    id: int | str | None = Field(default=None, description="要素编号（图层主键或网格代码）")
    geometry: Geometry | None = Field(description="几何；没有位置时为 null")
    properties: dict[str, Any] | None = Field(description="属性（随图层而定）")


class FeatureCollection(BaseModel):
    """要素集合（RFC 7946 FeatureCollection）."""

    type: Literal["FeatureCollection"] = Field(description="固定为 FeatureCollection")
    features: list[Feature] = Field(description="要素")


class LayerCollection(FeatureCollection):
    """图层的一页要素."""

    numberReturned: int = Field(description="本页要素数")
    truncated: bool = Field(description="为 true 时还有更多要素（用 offset 取下一页）")


class PeriodRange(BaseModel):
    """统计期（本地日期，含两端）."""

    start: date = Field(description="开始日期")
    end: date = Field(description="结束日期")


class HeatCollection(FeatureCollection):
    """热力图层：每个单元网格一项，属性为网格代码 code、案卷数 cases、管理类别 mgmt_class."""

    period: PeriodRange = Field(description="统计期")
