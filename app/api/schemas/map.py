"""一张图 shapes: open cases as GeoJSON points, and the map's settings."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class PointGeometry(BaseModel):
    """点几何（RFC 7946，WGS-84 经纬度）."""

    type: Literal["Point"] = Field(description="固定为 Point")
    coordinates: list[float] = Field(description="[经度, 纬度]", min_length=2, max_length=2)


class MapCaseProperties(BaseModel):
    """一张图上案卷点位的属性."""

    id: int = Field(description="案卷 ID")
    case_no: str = Field(description="案卷编号")
    status: str = Field(description="状态代码")
    status_label: str = Field(description="状态中文名")
    source: str = Field(description="来源代码")
    source_label: str = Field(description="来源中文名")
    category: str = Field(description="类别引用，如 event:09006")
    category_name: str = Field(description="类别名称")
    grid_code: str | None = Field(description="单元网格代码")
    address_text: str | None = Field(description="地址描述")
    unit_id: int | None = Field(description="承办单位 ID")
    unit_name: str | None = Field(description="承办单位名称")
    light: str = Field(description="灯色：red | yellow | green")
    light_label: str = Field(description="灯色中文名")
    reported_at: datetime = Field(description="上报时间")


class MapCaseFeature(BaseModel):
    """一个在办案卷的点位要素."""

    type: Literal["Feature"] = Field(description="固定为 Feature")
    id: int = Field(description="案卷 ID")
    geometry: PointGeometry = Field(description="案卷点位")
    properties: MapCaseProperties = Field(description="案卷属性")


class MapCaseCollection(BaseModel):
    """一张图：在办案卷点位（GeoJSON FeatureCollection）."""

    type: Literal["FeatureCollection"] = Field(description="固定为 FeatureCollection")
    features: list[MapCaseFeature] = Field(description="案卷点位，新的在前")
    truncated: bool = Field(description="为 true 时超出点数上限，只返回了最新的 limit 个")
    limit: int = Field(description="点数上限（XIUHUA_MAP_CASE_LIMIT）")


class LabelledValue(BaseModel):
    """代码及其中文名."""

    value: str = Field(description="代码")
    label: str = Field(description="中文名")


class MapSettings(BaseModel):
    """一张图设置."""

    base_tile_url: str | None = Field(description="底图瓦片地址；未设置为 null")
    statuses: list[LabelledValue] = Field(description="可筛选的在办状态及中文名")
    sources: list[LabelledValue] = Field(description="来源及中文名")
