"""Cell layer: checked in one pass, then it replaces the current generation.

Values, geometry, references, dates and topology are checked together; the current cells of the
communities in scope close at valid_from and the new generation begins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.config import get_settings
from app.core.errors import ConfirmationRequired
from app.grid.io.importing.common import Context, copy_rows, rowcount
from app.grid.io.importing.options import REPLACE_NAMES, Replace, local_text
from app.grid.io.importing.source import hex_ewkb, polygonal
from app.grid.io.topology import (
    STAGE_TABLE,
    TopologyProblem,
    TopologyReport,
    check_staged_cells,
    create_stage_table,
    index_stage_table,
)
from app.grid.problems import Problem, Problems

_MGMT_CLASS = {
    "normal": "normal",
    "一般": "normal",
    "一般区域": "normal",
    "二类": "normal",
    "key": "key",
    "重点": "key",
    "重点区域": "key",
    "一类": "key",
}


def _cell_shapes(geoms: list[BaseGeometry | None], problems: Problems) -> list[BaseGeometry | None]:
    """Return the shapes to stage for the topology check.

    A cell refused for its geometry is checked as repaired, so its area is not also reported
    as a gap (and its overlaps still are).
    """
    shapes = problems.shapes or [None] * len(geoms)
    out = list(geoms)
    for i, g in enumerate(geoms):
        shape = shapes[i]
        if g is None and shape is not None and shape.geom_type in ("Polygon", "MultiPolygon"):
            out[i] = polygonal(shapely.make_valid(shape))
    return out


def _topology_problems(report: TopologyReport, problems: Problems, allow_errors: bool) -> None:
    """Add the topology check's findings: overlaps and cells outside are errors, gaps warnings."""

    def add(p: TopologyProblem, severity: str) -> None:
        problems.items.append(
            Problem(
                p.kind,
                p.text(),
                problems.layer,
                severity,
                tuple(problems.fid(r) for r in p.rows),
                p.codes,
                p.lon,
                p.lat,
                p.wkb,
                p.community_code,
                p.area_m2,
            )
        )

    for p in report.errors:
        add(p, "warning" if allow_errors else "error")
    for p in report.gaps:
        add(p, "warning")


def _scope_communities(
    session: Session, replace: Replace, present: set[str], districts: list[str]
) -> list[str]:
    """Return the communities whose current cells the import replaces."""
    if replace is Replace.communities:
        return sorted(present)
    if replace is Replace.streets:
        where, key = "street_code = ANY(:k)", sorted({c[:9] for c in present})
    else:
        where, key = "district_code = ANY(:k)", districts
    found = set(session.scalars(text(f"SELECT code FROM grid_community WHERE {where}"), {"k": key}))
    return sorted(found | present)


@dataclass(slots=True)
class _Cells:
    """The file's cells as checked row by row: what the later phases need."""

    codes: list[str | None]
    code_ok: list[bool]
    classes: list[str]
    areas: dict[int, float]  # declared areas by row index
    shapes: list[BaseGeometry | None]  # staged for the topology check
    present: set[str]  # communities with valid codes in the file
    districts: list[str]
    valid_from: datetime


def import_cells(ctx: Context) -> None:
    """Check cells in one pass (values, geometry, references, dates, topology), then replace.

    The current cells of the communities (streets, districts) in scope are closed at the new
    generation's valid_from, and the new generation takes effect at that instant.
    """
    cells = _read_cells(ctx)
    _stage(ctx, cells)
    scope = _check_staged(ctx, cells)
    _replace(ctx, cells, scope)


def _read_cells(ctx: Context) -> _Cells:
    """Read and check the file's values and geometries; the generation's valid_from."""
    opts, res, src, problems = ctx.opts, ctx.res, ctx.src, ctx.problems
    codes = ctx.required("code")
    problems.codes = codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    raw_class = ctx.optional("mgmt_class")
    parents = [
        (ctx.optional("community_code"), 12, "社区代码"),
        (ctx.optional("street_code"), 9, "街道代码"),
        (ctx.optional("district_code"), 6, "区县代码"),
    ]
    declared_area = ctx.optional("area")
    geoms = ctx.geometries("polygon")
    shapes = _cell_shapes(geoms, problems)
    classes: list[str] = ["normal"] * src.rows
    code_ok = [False] * src.rows
    areas: dict[int, float] = {}
    for i in range(src.rows):
        row, code = i + 1, codes[i]
        code_ok[i] = ctx.check_code(row, code, 15, "网格代码")
        for values, length, what in parents:
            v = values[i]
            if code_ok[i] and v and (code or "")[:length] != v:
                problems.row(row, f"网格代码 {code} 与其{what} {v} 不符", "bad_code")
        value = raw_class[i]
        if value:
            mc = _MGMT_CLASS.get(value.lower())
            if mc is None:
                problems.row(
                    row,
                    f"管理等级 '{value}' 无效：应为 normal/key（一般/重点，一类/二类）",
                    "bad_value",
                )
            else:
                classes[i] = mc
        if declared_area[i]:
            try:
                areas[i] = float(declared_area[i] or "")
            except ValueError:
                problems.row(row, f"面积 '{declared_area[i]}' 不是数字", "bad_value")
    ctx.duplicates(codes, "网格代码")
    present = {(c or "")[:12] for c, ok in zip(codes, code_ok, strict=True) if ok}
    districts = sorted({c[:6] for c in present})
    if not districts:
        problems.raise_if_any()  # no valid code at all: nothing to check against the database

    valid_from = opts.valid_from or now()
    res.valid_from = valid_from
    return _Cells(codes, code_ok, classes, areas, shapes, present, districts, valid_from)


def _stage(ctx: Context, cells: _Cells) -> None:
    """Lock the districts, stage the cells for the topology check, locate wrong codes."""
    session, src, say = ctx.session, ctx.src, ctx.say
    codes, code_ok, classes = cells.codes, cells.code_ok, cells.classes
    # One cell import per district at a time: a second waits, then sees the new generation.
    for d in cells.districts:
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('xiuhua-grid-cells:' || :d))"), {"d": d}
        )
    create_stage_table(session)
    hexes = hex_ewkb(cells.shapes)
    copy_rows(
        session,
        STAGE_TABLE,
        ["row_no", "code", "community_code", "mgmt_class", "geom"],
        (
            (i + 1, codes[i] or "", (codes[i] or "")[:12] if code_ok[i] else "", classes[i], h)
            for i, h in enumerate(hexes)
            if h is not None
        ),
        total=src.rows,
        progress=say,
    )
    # A cell whose code is wrong is still checked, in the community it lies in.
    session.execute(
        text(
            f"UPDATE {STAGE_TABLE} s SET community_code = coalesce((SELECT cm.code"
            " FROM grid_community cm WHERE ST_Covers(cm.geom, ST_PointOnSurface(s.geom))"
            " ORDER BY cm.code LIMIT 1), '') WHERE s.community_code = ''"
        )
    )
    index_stage_table(session)


def _check_staged(ctx: Context, cells: _Cells) -> list[str]:
    """Check references, dates, areas and topology; return the communities replaced."""
    session, opts, res, say, problems = ctx.session, ctx.opts, ctx.res, ctx.say, ctx.problems
    valid_from = cells.valid_from
    missing = session.execute(
        text(
            "SELECT s.community_code, array_agg(s.row_no ORDER BY s.row_no) AS rows"
            f" FROM {STAGE_TABLE} s LEFT JOIN grid_community cm ON cm.code = s.community_code"
            " WHERE cm.code IS NULL AND s.community_code <> ''"
            " GROUP BY s.community_code ORDER BY s.community_code"
        )
    ).all()
    for r in missing:
        problems.add(
            f"社区 {r.community_code} 不存在（请先导入社区）：{problems.rows_text(r.rows)}",
            "unknown_parent",
            fids=tuple(problems.fid(x) for x in r.rows[:50]),
            codes=(r.community_code,),
        )
    scope = _scope_communities(session, opts.replace, cells.present, cells.districts)
    latest = session.execute(
        text(
            "SELECT community_code, max(valid_from) AS latest FROM grid_cell"
            " WHERE community_code = ANY(:cs) AND valid_to IS NULL GROUP BY community_code"
            " HAVING max(valid_from) >= :vf ORDER BY community_code"
        ),
        {"cs": scope, "vf": valid_from},
    ).all()
    for r in latest:
        problems.add(
            f"生效时间 {local_text(valid_from)} 必须晚于社区 {r.community_code} 现有最新一代网格的"
            f"生效时间 {local_text(r.latest)}",
            "valid_from",
            codes=(r.community_code,),
        )
    if area_tol := get_settings().grid_import_area_tolerance:
        for r in session.execute(
            text(f"SELECT row_no, ST_Area(geom::geography) AS a FROM {STAGE_TABLE}")
        ):
            given = cells.areas.get(r.row_no - 1)
            if given is not None and r.a > 0 and abs(given - r.a) > area_tol * r.a:
                problems.row(
                    r.row_no,
                    f"文件中的面积 {given:.1f} 平方米与按几何计算的 {r.a:.1f} 平方米相差超过"
                    f" {area_tol:.0%}（以计算值为准）",
                    "area_mismatch",
                    severity="warning",
                )

    checked = [c for c in scope if c not in {r.community_code for r in missing}]
    report = check_staged_cells(session, checked, tolerance_m2=opts.tolerance_m2, progress=say)
    res.topology = report
    _topology_problems(report, problems, opts.allow_topology_errors)
    problems.raise_if_any(
        "导入被拒绝"
        if not report.errors or opts.allow_topology_errors
        else "拓扑检查未通过，导入被拒绝（重叠、超出社区确认无误可加 --allow-topology-errors 强制导入）"
    )
    return scope


def _replace(ctx: Context, cells: _Cells, scope: list[str]) -> None:
    """Close the current cells in scope at valid_from and insert the new generation."""
    session, opts, res, say, src = ctx.session, ctx.opts, ctx.res, ctx.say, ctx.src
    present, valid_from = cells.present, cells.valid_from
    # What the replacement closes, and what it would leave without cells.
    current = {
        r.community_code: r.n
        for r in session.execute(
            text(
                "SELECT community_code, count(*) AS n FROM grid_cell"
                " WHERE community_code = ANY(:cs) AND valid_to IS NULL GROUP BY community_code"
            ),
            {"cs": scope},
        )
    }
    bare = sorted(c for c in scope if c not in present)
    kind = REPLACE_NAMES[opts.replace]
    units = sorted({c[: {"社区": 12, "街道": 9, "区县": 6}[kind]] for c in present})
    res.notes.append(
        f"替换范围（按{kind}）：{kind} {_codes_text(units)}，共 {len(scope)} 个社区；"
        f"关闭现行网格 {sum(current.values())} 个，写入新网格 {src.rows} 个；"
        f"新网格自 {local_text(valid_from)} 起生效，旧网格在此之前继续有效"
    )
    if bare:
        lost = sum(current.get(c, 0) for c in bare)
        line = (
            f"按{kind}替换将使 {len(bare)} 个社区（{_codes_text(bare)}）没有任何网格"
            f"（关闭其现行网格 {lost} 个，文件中没有这些社区的网格）"
        )
        if not opts.confirm:
            raise ConfirmationRequired(
                f"图层“{src.layer}”：{line}；确认请加 --yes（接口：confirm=true），"
                "或改用 --replace communities 只替换文件中的社区",
                communities=bare,
                closes=lost,
            )
        res.warnings.append(line)

    say("写入数据库", 0, 3)
    closed = session.execute(
        text(
            "UPDATE grid_cell SET valid_to = :vf"
            " WHERE community_code = ANY(:cs) AND valid_to IS NULL"
        ),
        {"vf": valid_from, "cs": scope},
    )
    res.closed = rowcount(closed)
    say("写入数据库", 1, 3)
    inserted = session.execute(
        text(
            "INSERT INTO grid_cell (code, community_code, street_code, district_code, mgmt_class,"
            " area_m2, geom, valid_from)"
            f" SELECT code, community_code, left(code, 9), left(code, 6), mgmt_class,"
            f" ST_Area(geom::geography), ST_Multi(geom), :vf FROM {STAGE_TABLE} ORDER BY code"
        ),
        {"vf": valid_from},
    )
    res.inserted = rowcount(inserted)
    session.execute(text("ANALYZE grid_cell"))
    say("写入数据库", 2, 3)
    if valid_from <= now():
        # Components keep the code of the cell in force that covers them.
        session.execute(
            text(
                "UPDATE grid_component k SET grid_code = ("
                " SELECT c.code FROM grid_cell c WHERE c.valid_to IS NULL"
                " AND ST_Covers(c.geom, k.geom) ORDER BY c.code LIMIT 1)"
                " WHERE k.district_code = ANY(:ds)"
            ),
            {"ds": cells.districts},
        )
    else:
        res.warnings.append(
            f"新网格 {local_text(valid_from)} 才生效：部件记录的所在网格代码（grid_code）"
            "暂不更新，生效后再导入一次部件图层即可更新（定位与派遣不受影响）"
        )
    session.execute(text(f"DROP TABLE IF EXISTS pg_temp.{STAGE_TABLE}"))
    say("写入数据库", 3, 3)


def _codes_text(codes: Sequence[str], limit: int = 10) -> str:
    shown = "、".join(codes[:limit])
    return shown + (f" 等 {len(codes)} 个" if len(codes) > limit else "")
