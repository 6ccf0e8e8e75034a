"""Component layer: upserted by id; owner and maintainer resolved to units by code or name."""

from __future__ import annotations

from collections import defaultdict

from app.core.clock import now
from app.grid.io.importing.common import Context, Staging, stage_check_upsert

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
_STAGING = Staging(
    "xh_imp_component",
    ("id", "category_code", "name", "supervising_dept", "owner", "maintainer", "state"),
)
_UPSERT = """
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


def import_components(ctx: Context) -> None:
    """Upsert components by id; the cell covering each point gives its grid_code."""
    src, res, problems = ctx.src, ctx.res, ctx.problems
    ids = ctx.required("id")
    problems.codes = ids
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    cats = ctx.optional("category_code")
    names = ctx.optional("name")
    depts = ctx.optional("supervising_dept")
    owners = ctx.optional("owner")
    maint = ctx.optional("maintainer")
    states_raw = ctx.optional("state")
    geoms = ctx.geometries("point")
    cat_codes: list[str | None] = [None] * src.rows
    states: list[str] = ["intact"] * src.rows
    district_rows: dict[str, list[int]] = defaultdict(list)
    for i in range(src.rows):
        row, cid = i + 1, ids[i]
        if not ctx.check_code(row, cid, 17, "部件编码 id") or cid is None:
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
    ctx.duplicates(ids, "部件编码")
    problems.raise_if_any()
    for d, rows in ctx.missing_refs("grid_district", district_rows):
        problems.add(f"部件编码前 6 位的区县 {d} 不存在：{problems.rows_text(rows)}")
    problems.raise_if_any()

    written = stage_check_upsert(
        ctx,
        _STAGING,
        [ids, cat_codes, names, depts, owners, maint, states],
        geoms,
        writes=[_UPSERT],
        params={"now": now()},
        analyze="grid_component",
    )
    outside = sum(1 for f in written if f.outside)
    unresolved = sum(1 for f in written if f.unresolved)
    if outside:
        res.warnings.append(f"{outside} 个部件不在任何现行单元网格内（grid_code 为空）")
    if unresolved:
        res.warnings.append(f"{unresolved} 个部件的权属/养护单位未在责任单位中找到，仅保存了名称")
