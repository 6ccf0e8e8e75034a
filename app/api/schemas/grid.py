"""HTTP schemas (Pydantic v2) for the grid API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PointOut(BaseModel):
    """The true position (EPSG:4326) and the raw values received."""

    lon: float = Field(description="真实位置经度（WGS-84 / EPSG:4326）")
    lat: float = Field(description="真实位置纬度（WGS-84 / EPSG:4326）")
    raw_lon: float = Field(description="原始经度（按 raw_crs）")
    raw_lat: float = Field(description="原始纬度（按 raw_crs）")
    raw_crs: str = Field(description="原始坐标系：wgs84 | cgcs2000 | gcj02 | bd09")


class FrontageOut(BaseModel):
    """门前三包责任人."""

    id: int
    holder_name: str = Field(description="责任单位/商户名称")
    holder_contact: str | None = Field(description="联系人")
    holder_phone: str | None = Field(description="联系电话")
    address: str | None


class NearestAddressOut(BaseModel):
    """最近的标准地址."""

    id: int
    full_text: str
    distance_m: float


class LocateOut(BaseModel):
    """定位结果：单元网格及其社区、街道、区县."""

    point: PointOut
    grid_code: str = Field(description="15 位单元网格代码（区县 6 + 街道 3 + 社区 3 + 顺序 3）")
    mgmt_class: str = Field(description="管理等级：key（重点区域）| normal（一般区域）")
    cell_area_m2: float = Field(description="网格面积（平方米）")
    community_code: str = Field(description="12 位社区代码")
    community_name: str
    street_code: str = Field(description="9 位街道代码")
    street_name: str
    district_code: str = Field(description="6 位区县代码（GB/T 2260）")
    district_name: str
    frontage: list[FrontageOut] = Field(description="点位所在的门前三包区域责任人")
    nearest_address: NearestAddressOut | None = Field(description="半径内最近的标准地址")


class UnitOut(BaseModel):
    """责任单位."""

    id: int
    code: str
    name: str
    kind: str = Field(description="government | street_office | bureau | center | company | squad")
    parent_id: int | None = Field(description="上级单位（二级派遣）")
    contact_phone: str | None


class RuleOut(BaseModel):
    """决定派遣的责任规则."""

    id: int
    role: str = Field(description="territorial 属地 | specialist 专业 | fallback 兜底")
    category_scope: str = Field(description="类别范围：如 event:09006、event:major:09、all")
    area_scope: str = Field(description="区域范围：district | street | community | cells | polygon")
    area_code: str | None
    priority: int


class ComponentOut(BaseModel):
    """吸附到的部件."""

    id: str = Field(description="17 位部件标识码")
    category_code: str
    name: str | None
    state: str = Field(
        description="intact 完好 | damaged 破损 | lost 丢失 | abandoned 废弃 | removed 移除"
    )
    distance_m: float
    owner_name: str | None = Field(description="权属单位")
    maintainer_name: str | None = Field(description="养护单位")


class CategoryOut(BaseModel):
    """类别."""

    kind: str = Field(description="component 部件 | event 事件")
    code: str
    major_code: str
    name: str


class RouteOut(BaseModel):
    """派遣建议：责任单位以及决定它的规则或部件."""

    category: CategoryOut
    location: LocateOut
    unit: UnitOut
    decided_by: str = Field(
        description="component 部件吸附 | rule 责任规则 | district_fallback 区县兜底"
    )
    reason: str = Field(description="中文说明")
    rule: RuleOut | None
    component: ComponentOut | None


class GeocodeCandidateOut(BaseModel):
    """地理编码候选."""

    address_id: int
    full_text: str
    score: float = Field(description="相似度 0–1")
    lon: float
    lat: float
    district_code: str
    street_code: str | None


class ReverseCandidateOut(BaseModel):
    """逆地理编码结果."""

    address_id: int
    full_text: str
    distance_m: float
    lon: float
    lat: float
