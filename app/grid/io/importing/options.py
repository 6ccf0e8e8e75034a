"""What an import is asked to do and what it reports: layers, options, result, dates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from app.core.config import get_settings
from app.core.errors import InvalidInput
from app.grid.io.topology import DEFAULT_TOLERANCE_M2, TopologyReport
from app.grid.problems import Problem

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
