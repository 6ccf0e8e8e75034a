"""Address layer (the gazetteer): district and street from the street covering the point."""

from __future__ import annotations

from sqlalchemy import text

from app.grid.geocode import normalize
from app.grid.io.importing.common import Context, Refuse, Staging, stage_check_upsert
from app.grid.io.importing.source import same_shape_sql

_STAGING = Staging(
    "xh_imp_address", ("code", "full_text", "norm_text", "road", "house_number", "poi")
)
_LOCATE = [
    "CREATE INDEX ON xh_imp_address USING gist (geom)",
    "DROP TABLE IF EXISTS pg_temp.xh_imp_address_at",
    """
CREATE TEMP TABLE xh_imp_address_at ON COMMIT DROP AS
SELECT s.*, st.code AS street_code, coalesce(st.district_code, d.code) AS district_code
FROM xh_imp_address s
LEFT JOIN LATERAL (SELECT code, district_code FROM grid_street t WHERE ST_Covers(t.geom, s.geom)
                   ORDER BY code LIMIT 1) st ON true
LEFT JOIN LATERAL (SELECT code FROM grid_district t
                   WHERE st.code IS NULL AND ST_Covers(t.geom, s.geom)
                   ORDER BY code LIMIT 1) d ON true
""",
]
_UPSERT = """
INSERT INTO grid_address (code, full_text, norm_text, district_code, street_code, road,
                          house_number, poi, geom)
SELECT s.code, s.full_text, s.norm_text, s.district_code, s.street_code, s.road, s.house_number,
       s.poi, s.geom
FROM xh_imp_address_at s
WHERE s.code IS NOT NULL OR NOT EXISTS (
    SELECT 1 FROM grid_address a
    WHERE a.full_text = s.full_text AND {same})
ORDER BY s.row_no
ON CONFLICT (code) DO UPDATE SET
    full_text = EXCLUDED.full_text, norm_text = EXCLUDED.norm_text,
    district_code = EXCLUDED.district_code, street_code = EXCLUDED.street_code,
    road = EXCLUDED.road, house_number = EXCLUDED.house_number, poi = EXCLUDED.poi,
    geom = EXCLUDED.geom
RETURNING (xmax = 0) AS inserted
""".format(same=same_shape_sql("a.geom", "s.geom"))


def import_addresses(ctx: Context) -> None:
    """Upsert addresses by code (without code: skipped when the same text and point exist)."""
    src, res, problems = ctx.src, ctx.res, ctx.problems
    texts = ctx.required("full_text")
    roads = ctx.optional("road")
    numbers = ctx.optional("house_number")
    pois = ctx.optional("poi")
    codes = ctx.optional("code")
    problems.codes = codes
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    geoms = ctx.geometries("point")
    norms: list[str | None] = [None] * src.rows
    for i in range(src.rows):
        row = i + 1
        t = texts[i]
        if not t:
            problems.row(row, "缺少地址全称 full_text")
        else:
            norms[i] = normalize(t)
            if not norms[i]:
                problems.row(row, f"地址 '{t}' 规范化后为空")
        if codes[i] and len(codes[i] or "") > 32:
            problems.row(row, f"地址编码 '{codes[i]}' 超过 32 个字符")
    ctx.duplicates(codes, "地址编码")
    problems.raise_if_any()

    written = stage_check_upsert(
        ctx,
        _STAGING,
        [codes, texts, norms, roads, numbers, pois],
        geoms,
        locate=_LOCATE,
        locate_label="定位街道",
        refuse=Refuse(
            "SELECT row_no FROM xh_imp_address_at WHERE district_code IS NULL ORDER BY row_no",
            "地址点位不在任何区县内",
        ),
        writes=[_UPSERT],
        analyze="grid_address",
    )
    res.skipped = src.rows - len(written)
    no_street = int(
        ctx.session.scalar(text("SELECT count(*) FROM xh_imp_address_at WHERE street_code IS NULL"))
        or 0
    )
    if no_street:
        res.warnings.append(f"{no_street} 条地址不在任何街道内（street_code 为空）")
