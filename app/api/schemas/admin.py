"""Administration shapes: units, responsibility rules and their preview, hotline reference data."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from app.api.schemas.grid import RouteOut
from app.cases.time.deadlines import TimeUnit

UnitKind = Literal["government", "street_office", "bureau", "center", "company", "squad"]
RuleRole = Literal["territorial", "specialist", "fallback"]
AreaScope = Literal["district", "street", "community", "cells", "polygon"]
CategoryKind = Literal["component", "event"]


class UnitRead(BaseModel):
    """责任单位."""

    id: int
    code: str = Field(description="单位代码，如 370303-CG")
    name: str
    kind: str = Field(description="单位类型代码")
    kind_label: str = Field(description="单位类型中文名")
    district_code: str | None
    parent_id: int | None = Field(description="上级单位（二级派遣）")
    parent_name: str | None
    contact_name: str | None
    contact_phone: str | None
    address: str | None
    active: bool = Field(description="停用的单位不再被派遣建议选中")
    sub_units: int = Field(description="启用的下级单位数")


class UnitCreate(BaseModel):
    """新建责任单位."""

    code: str = Field(min_length=1, max_length=32, description="单位代码（唯一）")
    name: str = Field(min_length=1, max_length=200)
    kind: UnitKind = Field(description="单位类型")
    district_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    parent_id: int | None = Field(default=None, ge=1, description="上级单位 ID")
    contact_name: str | None = Field(default=None, max_length=100)
    contact_phone: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=500)


class UnitPatch(BaseModel):
    """修改责任单位（只改提交的字段；active=false 即停用）."""

    code: str | None = Field(default=None, min_length=1, max_length=32)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: UnitKind | None = None
    district_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    parent_id: int | None = Field(default=None, ge=1, description="上级单位 ID；null 表示无上级")
    contact_name: str | None = Field(default=None, max_length=100)
    contact_phone: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=500)
    active: bool | None = None


class RuleRead(BaseModel):
    """责任规则：类别范围 × 区域范围 × 角色 × 优先级 → 责任单位."""

    id: int
    unit_id: int
    unit_name: str
    district_code: str
    role: str
    role_label: str = Field(description="属地 | 专业 | 兜底")
    category_kind: str | None
    major_code: str | None
    category_code: str | None
    category_scope: str = Field(description="类别范围说明，如 event:09006、all")
    area_scope: str
    area_label: str = Field(description="区县 | 街道 | 社区 | 指定网格 | 指定范围")
    area_code: str | None
    cell_codes: list[str] | None
    priority: int
    note: str | None
    active: bool = Field(description="停用的规则不参与派遣建议")


class RuleFields(BaseModel):
    """责任规则的字段（新建时 unit_id、district_code、role、area_scope 必填）."""

    unit_id: int | None = Field(default=None, ge=1, description="责任单位 ID")
    district_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    role: RuleRole | None = Field(
        default=None, description="territorial 属地 | specialist 专业 | fallback 兜底"
    )
    category_kind: CategoryKind | None = Field(
        default=None, description="component 部件 | event 事件；空为全部"
    )
    major_code: str | None = Field(default=None, pattern=r"^\d{2}$", description="大类代码")
    category_code: str | None = Field(default=None, pattern=r"^\d{5}$", description="小类代码")
    area_scope: AreaScope | None = Field(default=None, description="区域范围")
    area_code: str | None = Field(
        default=None, description="区县 6 位 / 街道 9 位 / 社区 12 位代码"
    )
    cell_codes: list[str] | None = Field(
        default=None, max_length=5000, description="15 位单元网格代码"
    )
    priority: int | None = Field(
        default=None, ge=-1000, le=1000, description="同等具体时优先级高者优先"
    )
    note: str | None = Field(default=None, max_length=500)
    active: bool | None = None


class RuleDraftIn(RuleFields):
    """预览中试用的一条规则：`id` 为空表示新规则，否则修改已有规则的提交字段."""

    id: int | None = Field(default=None, ge=1, description="已有规则 ID")


class RulePreviewIn(BaseModel):
    """预览：某类别在某点位会派给哪个单位（可带未保存的规则改动）."""

    category: str = Field(description="类别，如 event:09006", examples=["event:09006"])
    lon: float
    lat: float
    crs: str = Field(default="wgs84", description="wgs84 | cgcs2000 | gcj02 | bd09")
    drafts: list[RuleDraftIn] = Field(default_factory=list, max_length=100)


class RulePreviewRead(BaseModel):
    """预览结果：现行规则下与试用改动后的派遣建议（同一个派遣算法）."""

    current: RouteOut = Field(description="现行规则下的派遣建议")
    with_drafts: RouteOut = Field(description="加上试用改动后的派遣建议（改动不保存）")
    changed: bool = Field(description="责任单位是否改变")


class UrgencyRead(BaseModel):
    """热线紧急程度及其反馈时限."""

    code: str
    name: str
    feedback_limit_value: float
    feedback_limit_unit: str
    seq: int
    active: bool


class UrgencyPut(BaseModel):
    """新建或修改紧急程度（新建时 name 与反馈时限必填）."""

    name: str | None = Field(default=None, min_length=1, max_length=50)
    feedback_limit_value: Decimal | None = Field(default=None, gt=0, le=100000)
    feedback_limit_unit: TimeUnit | None = None
    seq: int | None = Field(default=None, ge=0, le=1000, description="显示顺序")
    active: bool | None = Field(default=None, description="停用后不能再选；已有工单不受影响")


class KeywordRead(BaseModel):
    """类别建议关键词."""

    id: int
    kind: str
    code: str
    category: str = Field(description="类别，如 event:09006")
    category_name: str | None
    keyword: str
    weight: float


class KeywordCreate(BaseModel):
    """新增关键词."""

    category: str = Field(description="类别，如 event:09006", examples=["event:09006"])
    keyword: str = Field(min_length=1, max_length=50)
    weight: float = Field(default=1.0, gt=0, le=100)


class KeywordPatch(BaseModel):
    """修改关键词."""

    keyword: str | None = Field(default=None, min_length=1, max_length=50)
    weight: float | None = Field(default=None, gt=0, le=100)


class CategoryRead(BaseModel):
    """类别目录中的一个类别（部件或事件）."""

    id: int
    catalogue: str = Field(description="目录（标准版本）")
    kind: str = Field(description="component（部件）| event（事件）")
    code: str = Field(description="类别代码（5 位）")
    major_code: str = Field(description="大类代码")
    major_name: str = Field(description="大类名称")
    name: str = Field(description="类别名称")
    standard_ref: str | None = Field(description="所依据的标准条目")
    enabled: bool = Field(description="启用；停用后不能再上报")
    public_intake: bool = Field(description="对公众开放（Open311 服务列表）")
    auto_dispatch: bool = Field(description="立案后自动派遣给建议单位")
    duplicate_radius_m: float | None = Field(description="重复案卷判定半径（米）")
    duplicate_window_h: float | None = Field(description="重复案卷判定时间窗口（小时）")


class StandardRead(BaseModel):
    """立结案标准（现行版本）的一条."""

    id: int
    category_id: int = Field(description="类别 ID")
    seq: int = Field(description="序号")
    filing_condition: str = Field(description="立案条件")
    severity: str = Field(description="严重程度：urgent | serious | general | minor")
    severity_label: str = Field(description="严重程度中文名")
    limit_value: float = Field(description="处置时限数值")
    limit_unit: str = Field(description="处置时限单位")
    key_limit_value: float | None = Field(description="重点区域处置时限数值")
    key_limit_unit: str | None = Field(description="重点区域处置时限单位")
    closing_condition: str = Field(description="结案条件")
    version: int = Field(description="版本号（每次修改加一）")


class StageLimitRead(BaseModel):
    """阶段时限."""

    stage: str = Field(description="阶段代码")
    stage_label: str = Field(description="阶段中文名")
    source: str | None = Field(description="只对该来源生效；为空表示所有来源")
    limit_value: float = Field(description="时限数值")
    limit_unit: str = Field(description="时限单位")
