"""Responsible units and routing rules (unit-rule layer).

Units are upserted by code, rules inserted unless an identical rule exists; a district-wide
fallback rule sets the district's fallback unit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry
from sqlalchemy import text

from app.grid.codes import CODE_LENGTH
from app.grid.io.importing.common import Context, rowcount
from app.grid.io.importing.source import same_shape_sql, wkb_of
from app.grid.problems import Problems

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
_SCOPE_CODE_LEN = {k: CODE_LENGTH[k] for k in ("district", "street", "community")}
_SCOPE_TABLE = {"district": "grid_district", "street": "grid_street", "community": "grid_community"}
_AREA_NAME = {"district": "区县", "street": "街道", "community": "社区"}


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


def import_unit_rules(ctx: Context) -> None:
    """Check every row and the database references in one pass, then write units and rules."""
    units, rules = _read_rows(ctx)
    existing, fallback = _check_references(ctx, units, rules)
    _write(ctx, units, rules, existing, fallback)


class _BadRow(ValueError):
    """A rule row refused, with the reason (reported by the row loop)."""


def _read_rows(ctx: Context) -> tuple[dict[str, _UnitRow], list[_RuleRow]]:
    """Read units and rules row by row; every row problem is reported, then raised together."""
    src, problems = ctx.src, ctx.problems
    unit_codes = ctx.required("unit_code")
    problems.codes = unit_codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    col = {
        name: ctx.optional(name)
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
    geoms = ctx.geometries("polygon", required=False)
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
        if not col["role"][i]:
            if any(col[f][i] for f in rule_fields) or geoms[i] is not None:
                problems.row(row, "有规则内容但缺少角色 role（territorial/specialist/fallback）")
            elif district:
                _merge(unit, "district_code", district, row, "所属区县", problems)
            continue
        try:
            rule = _rule_of(ctx, i, col, geoms[i], ucode, district)
        except _BadRow as exc:
            problems.row(row, str(exc))
            continue
        if rule is not None:
            rules.append(rule)
    problems.raise_if_any()
    return units, rules


def _scope_of(
    scope_raw: str | None, area_code: str | None, cells: list[str] | None, geom: object
) -> str:
    """Return a rule's area scope, given or inferred from the other fields; raise _BadRow."""
    if scope_raw:
        scope = _SCOPE.get(scope_raw.lower())
        if scope is None:
            raise _BadRow(
                f"区域范围 area_scope '{scope_raw}' 无效：应为 district/street/community/cells/polygon"
            )
        return scope
    if area_code and len(area_code) in (6, 9, 12):
        return {6: "district", 9: "street", 12: "community"}[len(area_code)]
    if cells:
        return "cells"
    if geom is not None:
        return "polygon"
    raise _BadRow("缺少区域范围：请填写 area_scope 与 area_code、cell_codes 或几何图形")


def _rule_of(
    ctx: Context,
    i: int,
    col: dict[str, list[str | None]],
    geom: BaseGeometry | None,
    ucode: str,
    district: str | None,
) -> _RuleRow | None:
    """Return the rule of row i + 1; raise _BadRow; None when its area code was reported."""
    role_raw = col["role"][i] or ""
    role = _ROLE.get(role_raw.lower())
    if role is None:
        raise _BadRow(
            f"角色 role '{role_raw}' 无效：应为 territorial/specialist/fallback（属地/专业/兜底）"
        )
    try:
        kind, major, code = parse_category(col["category"][i])
    except ValueError as exc:
        raise _BadRow(
            f"类别范围 category '{col['category'][i]}' 无效：应为 all、major:09、event:09006、"
            "component:01003 或 01003"
        ) from exc
    area_code = col["area_code"][i]
    cells = [c for c in re.split(r"[,;，；\s]+", col["cell_codes"][i] or "") if c] or None
    scope = _scope_of(col["area_scope"][i], area_code, cells, geom)
    if scope in _SCOPE_CODE_LEN:
        if not ctx.check_code(i + 1, area_code, _SCOPE_CODE_LEN[scope], "区域代码 area_code"):
            return None
        district = (area_code or "")[:6]
    elif scope == "cells":
        if not cells:
            raise _BadRow("区域范围为 cells 时 cell_codes 不能为空")
        bad = [c for c in cells if not (len(c) == 15 and c.isdigit())]
        if bad:
            raise _BadRow(f"网格代码 {'、'.join(bad[:5])} 格式错误：应为 15 位数字")
        if len({c[:6] for c in cells}) > 1:
            raise _BadRow("cell_codes 中的网格属于多个区县")
        district = cells[0][:6]
        area_code = None
    else:
        if geom is None:
            raise _BadRow("区域范围为 polygon 时需要面几何图形")
        area_code = None
        district = district or ctx.opts.district_code
    try:
        priority = int(col["priority"][i] or 0)
    except ValueError as exc:
        raise _BadRow(f"优先级 priority '{col['priority'][i]}' 不是整数") from exc
    return _RuleRow(  # in the order of _RuleRow's fields
        i + 1,
        ucode,
        district,
        role,
        kind,
        major,
        code,
        scope,
        area_code,
        cells if scope == "cells" else None,
        geom if scope == "polygon" else None,
        priority,
        col["note"][i],
    )


def _check_references(
    ctx: Context, units: dict[str, _UnitRow], rules: list[_RuleRow]
) -> tuple[set[str], dict[str, tuple[str, int]]]:
    """Check units, parents, area codes, cells and districts against the database.

    Return the units that exist already and the fallback unit (and row) per district.
    """
    session, problems = ctx.session, ctx.problems
    # Database checks: existing units, parents, area codes, cells, districts of polygons.
    existing = set(
        session.scalars(text("SELECT code FROM grid_unit WHERE code = ANY(:c)"), {"c": list(units)})
    )
    for u in units.values():
        if u.code not in existing and not u.name:
            problems.add(f"新责任单位 {u.code} 缺少名称 unit_name：{problems.rows_text(u.rows)}")
    parents = {u.parent: u.rows for u in units.values() if u.parent and u.parent not in units}
    for p, rows in ctx.missing_refs("grid_unit", parents):
        problems.add(f"上级单位 {p} 不存在：{problems.rows_text(rows)}")
    for scope, table in _SCOPE_TABLE.items():
        refs: dict[str, list[int]] = defaultdict(list)
        for r in rules:
            if r.scope == scope and r.area_code:
                refs[r.area_code].append(r.row)
        for c, rows in ctx.missing_refs(table, refs):
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
                {"wkb": wkb_of(r.geom)},
            )
            if r.district_code is None:
                problems.row(r.row, "范围多边形不与任何区县相交；请填写 district_code")
    districts = {r.district_code: [r.row] for r in rules if r.district_code}
    for d, rows in ctx.missing_refs("grid_district", districts):
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
    return existing, fallback


def _write(
    ctx: Context,
    units: dict[str, _UnitRow],
    rules: list[_RuleRow],
    existing: set[str],
    fallback: dict[str, tuple[str, int]],
) -> None:
    """Upsert units by code, then parents; insert rules not there yet; set fallback units."""
    session, res, say = ctx.session, ctx.res, ctx.say
    default_district = ctx.opts.district_code
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
                    "wkb": wkb_of(r.geom),
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
        n = rowcount(gone)
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
