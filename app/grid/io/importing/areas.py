"""District, street and community layers: upserted by code, each below its parent."""

from __future__ import annotations

from collections import defaultdict

from app.grid.codes import CODE_LENGTH
from app.grid.io.importing.common import Context, Staging, stage_check_upsert
from app.grid.io.importing.options import Layer

_WHAT = {Layer.district: "区县代码", Layer.street: "街道代码", Layer.community: "社区代码"}
_TABLE = {
    Layer.district: "grid_district",
    Layer.street: "grid_street",
    Layer.community: "grid_community",
}
# The parent's field in the file (optional, checked), its table and its name.
_PARENT = {
    Layer.street: ("district_code", "grid_district", "区县"),
    Layer.community: ("street_code", "grid_street", "街道"),
}
# The target's columns and what the staged row gives for them.
_COLUMNS = {
    Layer.district: ("code, name, geom", "code, name, ST_Multi(geom)"),
    Layer.street: ("code, district_code, name, geom", "code, left(code, 6), name, ST_Multi(geom)"),
    Layer.community: (
        "code, street_code, district_code, name, geom",
        "code, left(code, 9), left(code, 6), name, ST_Multi(geom)",
    ),
}
_STAGING = Staging("xh_imp_area", ("code", "name"))


def import_areas(ctx: Context) -> None:
    """Import districts, streets or communities (ctx.layer)."""
    lay, src, problems = ctx.layer, ctx.src, ctx.problems
    length = CODE_LENGTH[lay.value]
    what = _WHAT[lay]
    codes = ctx.required("code")
    names = ctx.required("name")
    parent = _PARENT.get(lay)
    parents = ctx.optional(parent[0]) if parent else [None] * src.rows
    problems.codes = codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    geoms = ctx.geometries("polygon")
    parent_rows: dict[str, list[int]] = defaultdict(list)
    for i in range(src.rows):
        row, code = i + 1, codes[i]
        if not names[i]:
            problems.row(row, "缺少名称 name")
        if not ctx.check_code(row, code, length, what) or code is None:
            continue
        if parent and parents[i] and not code.startswith(parents[i] or ""):
            problems.row(row, f"{what} {code} 不以其上级代码 {parents[i]} 开头")
        if lay is Layer.street:
            parent_rows[code[:6]].append(row)
        elif lay is Layer.community:
            parent_rows[code[:9]].append(row)
    ctx.duplicates(codes, what)
    if parent:
        _field, parent_table, parent_name = parent
        for code, rows in ctx.missing_refs(parent_table, parent_rows):
            problems.add(
                f"{parent_name} {code} 不存在（请先导入）：{problems.rows_text(rows)}",
                "unknown_parent",
                fids=tuple(problems.fid(r) for r in rows[:50]),
                codes=(code,),
            )
        problems.raise_if_any()

    table = _TABLE[lay]
    cols, select = _COLUMNS[lay]
    stage_check_upsert(
        ctx,
        _STAGING,
        [codes, names],
        geoms,
        writes=[
            f"INSERT INTO {table} ({cols}) SELECT {select} FROM xh_imp_area ORDER BY code"
            " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom"
            " RETURNING (xmax = 0) AS inserted"
        ],
        analyze=table,
    )
