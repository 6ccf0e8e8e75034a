"""Field and layer names as GIS staff have them: the alias table per layer, and layer choice.

Surveyed grids from Chinese vendors and 数字城管 platforms name their fields 编码/代码, 名称,
社区编码, 管理等级, 面积 … and their layers 街道/社区/单元网格. Each target field has one canonical
(English) name and a list of aliases, tried in order: the first field of the file that matches
(case-insensitive; a Shapefile's 10-byte truncation of the name, in UTF-8 or GBK, also matches)
is read. `--field code=网格编码` names the file's field for a target field and wins over the table.
docs/GIS.md prints this table; keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.core.errors import InvalidInput

# target layer → target field → aliases (after the canonical name), most specific first.
FIELD_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "district": {
        "code": (
            "区县编码",
            "区县代码",
            "行政区划代码",
            "区划代码",
            "编码",
            "代码",
            "QXDM",
            "XZQDM",
        ),
        "name": ("区县名称", "区县名", "名称", "QXMC", "XZQMC"),
    },
    "street": {
        "code": ("街道编码", "街道代码", "乡镇编码", "乡镇代码", "编码", "代码", "JDDM", "JDBM"),
        "name": ("街道名称", "街道名", "乡镇名称", "名称", "JDMC"),
        "district_code": ("区县编码", "区县代码", "所属区县", "QXDM"),
    },
    "community": {
        "code": ("社区编码", "社区代码", "村社区编码", "编码", "代码", "SQDM", "SQBM"),
        "name": ("社区名称", "社区名", "村社区名称", "名称", "SQMC"),
        "street_code": ("街道编码", "街道代码", "所属街道", "JDDM"),
    },
    "cell": {
        "code": (
            "grid_code",
            "网格编码",
            "网格代码",
            "单元网格编码",
            "单元网格代码",
            "编码",
            "代码",
            "WGBM",
            "WGDM",
        ),
        "mgmt_class": ("管理等级", "管理类别", "网格等级", "网格类别", "等级", "GLDJ"),
        "community_code": ("社区编码", "社区代码", "SQDM"),
        "street_code": ("街道编码", "街道代码", "JDDM"),
        "district_code": ("区县编码", "区县代码", "QXDM"),
        "area": ("area_m2", "面积", "网格面积", "MJ"),
    },
    "unit-rule": {
        "unit_code": ("单位编码", "单位代码", "责任单位编码"),
        "unit_name": ("单位名称", "责任单位", "责任单位名称"),
        "unit_kind": ("单位类型",),
        "parent_unit_code": ("上级单位编码", "上级单位代码"),
        "contact_phone": ("联系电话",),
        "role": ("角色", "责任类型"),
        "category": ("类别", "案件类别"),
        "area_scope": ("区域范围", "范围类型"),
        "area_code": ("区域编码", "区域代码"),
        "cell_codes": ("网格编码", "网格代码"),
        "priority": ("优先级",),
        "note": ("备注", "说明"),
        "district_code": ("区县编码", "区县代码"),
    },
    "component": {
        "id": ("部件编码", "部件标识码", "标识码", "编码", "BJBM"),
        "category_code": ("类别代码", "部件类别代码", "小类代码"),
        "name": ("部件名称", "名称"),
        "supervising_dept": ("主管部门",),
        "owner": ("权属单位",),
        "maintainer": ("养护单位",),
        "state": ("状态", "部件状态"),
    },
    "address": {
        "full_text": ("address", "地址全称", "标准地址", "地址", "详细地址"),
        "road": ("道路", "街路巷", "路名"),
        "house_number": ("门牌号", "门牌"),
        "poi": ("兴趣点", "POI名称"),
        "code": ("地址编码", "编码"),
    },
    "frontage": {
        "holder_name": ("责任人", "责任单位", "商户名称", "名称"),
        "holder_contact": ("联系人",),
        "holder_phone": ("联系电话", "电话"),
        "address": ("地址",),
    },
}

# target layer → names of a file's layer that hold it (compared without case, spaces, - and _).
LAYER_ALIASES: dict[str, tuple[str, ...]] = {
    "district": ("district", "districts", "区县", "行政区", "区县界", "区县边界"),
    "street": ("street", "streets", "街道", "乡镇", "镇街", "街道办", "街道边界"),
    "community": ("community", "communities", "社区", "村社区", "社区村", "社区边界"),
    "cell": ("cell", "cells", "grid", "grids", "单元网格", "网格", "万米单元网格", "网格单元"),
    "unit-rule": ("unitrule", "unitrules", "rules", "责任规则", "责任单位"),
    "component": ("component", "components", "部件"),
    "address": ("address", "addresses", "标准地址", "地址", "门牌"),
    "frontage": ("frontage", "门前三包"),
}


def _norm(name: str) -> str:
    return re.sub(r"[\s\-_]+", "", name).lower()


def _truncations(name: str) -> set[str]:
    """Return the names a Shapefile (DBF, 10 bytes a field name) may have made of `name`."""
    out = set()
    for enc in ("utf-8", "gbk"):
        try:
            raw = name.encode(enc)
        except UnicodeEncodeError:
            continue
        if len(raw) > 10:
            out.add(raw[:10].decode(enc, errors="ignore").lower())
    return out


@dataclass(frozen=True, slots=True)
class FieldMatch:
    """Which field of the file is read for a target field (None: the file has none)."""

    target: str
    source: str | None
    mapped: bool = False  # named by --field


def parse_field_map(items: Sequence[str] | Mapping[str, str] | None) -> dict[str, str]:
    """Parse `target=源字段` items (repeatable --field); raise InvalidInput on a malformed item."""
    if items is None:
        return {}
    if isinstance(items, Mapping):
        return {str(k).strip(): str(v).strip() for k, v in items.items()}
    out: dict[str, str] = {}
    for item in items:
        target, sep, source = item.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise InvalidInput(
                f"字段对应 '{item}' 格式错误：应为 目标字段=文件字段，如 code=网格编码", field=item
            )
        out[target.strip()] = source.strip()
    return out


class FieldResolver:
    """Finds the file's field for each target field of a layer (alias table + explicit map)."""

    def __init__(self, layer: str, file_fields: Sequence[str], field_map: Mapping[str, str]):
        """Check the explicit map against the layer and the file; raise InvalidInput if wrong."""
        self.layer = layer
        self.fields = list(file_fields)
        self.table = FIELD_ALIASES.get(layer, {})
        self.field_map = dict(field_map)
        self.matches: dict[str, FieldMatch] = {}
        for target, source in self.field_map.items():
            if target not in self.table:
                raise InvalidInput(
                    f"字段对应 {target}={source}：图层 {layer} 没有字段 {target}，"
                    f"可用：{'、'.join(self.table)}",
                    field=target,
                )
            if self._find([source]) is None:
                raise InvalidInput(
                    f"字段对应 {target}={source}：文件中没有字段 '{source}'，"
                    f"现有字段：{'、'.join(self.fields) or '无'}",
                    field=source,
                )

    def _find(self, names: Sequence[str]) -> str | None:
        lookup = {f.lower(): f for f in self.fields}
        for cand in names:
            c = cand.lower()
            if c in lookup:
                return lookup[c]
            for t in _truncations(cand):
                if t in lookup:
                    return lookup[t]
        return None

    def candidates(self, target: str) -> list[str]:
        """Return the names tried for `target`, in order (the explicit map alone when given)."""
        if target in self.field_map:
            return [self.field_map[target]]
        return [target, *self.table.get(target, ())]

    def resolve(self, target: str, *extra: str) -> FieldMatch:
        """Return the file's field for `target` (and remember it for the summary)."""
        names = self.candidates(target) + [e for e in extra if target not in self.field_map]
        match = FieldMatch(target, self._find(names), target in self.field_map)
        self.matches[target] = match
        return match

    def missing_message(self, target: str, *extra: str) -> str:
        """One line: a required field is missing — the names accepted and the fields the file has."""
        names = "、".join(dict.fromkeys(self.candidates(target) + list(extra)))
        return (
            f"缺少必填字段 {target}（可用字段名：{names}；或用 --field {target}=字段名 指定）；"
            f"文件现有字段：{'、'.join(self.fields) or '无'}"
        )

    def summary(self) -> str:
        """Return `target←source` pairs where the source is not the canonical name."""
        pairs = [
            f"{m.target}←{m.source}"
            for m in self.matches.values()
            if m.source is not None and m.source.lower() != m.target.lower()
        ]
        return "字段对应：" + "，".join(pairs) if pairs else ""


def choose_layer(layers: Sequence[str], target: str, path_name: str) -> str:
    """Pick the file's layer holding `target` by name; raise InvalidInput listing the layers.

    One layer: that one. Otherwise a layer named by an alias of the target (exact match first,
    then a name containing an alias, e.g. 张店区单元网格); none or several → refused.
    """
    if not layers:
        raise InvalidInput(f"文件 {path_name} 中没有图层", path=path_name)
    if len(layers) == 1:
        return layers[0]
    aliases = [_norm(a) for a in LAYER_ALIASES.get(target, (target,))]
    exact = [n for n in layers if _norm(n) in aliases]
    if len(exact) == 1:
        return exact[0]
    loose = exact or [n for n in layers if any(a in _norm(n) for a in aliases)]
    if len(loose) == 1:
        return loose[0]
    listed = "、".join(f"“{n}”" for n in layers)
    if not loose:
        reason = (
            f"没有名称可识别为图层 {target} 的图层（可识别：{'、'.join(LAYER_ALIASES[target])}）"
        )
    else:
        reason = f"有多个图层可能是 {target}：{'、'.join(f'“{n}”' for n in loose)}"
    raise InvalidInput(
        f"文件 {path_name} 有 {len(layers)} 个图层（{listed}），{reason}；请用 --source-layer 指定",
        path=path_name,
        layers=list(layers),
    )
