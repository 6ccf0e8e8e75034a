"""Frontage zones (门前三包): a zone is the same when its holder and shape are."""

from __future__ import annotations

from app.grid.io.importing.common import Context, Refuse, Staging, stage_check_upsert
from app.grid.io.importing.source import same_shape_sql

_STAGING = Staging(
    "xh_imp_frontage",
    ("holder_name", "holder_contact", "holder_phone", "address"),
    filled=("district_code",),
)
_LOCATE = [
    "UPDATE xh_imp_frontage s SET district_code = (SELECT d.code FROM grid_district d"
    " WHERE ST_Covers(d.geom, ST_PointOnSurface(s.geom)) ORDER BY d.code LIMIT 1)"
]
_UPDATE = """
UPDATE grid_frontage f SET holder_contact = s.holder_contact, holder_phone = s.holder_phone,
       address = s.address, district_code = s.district_code
FROM xh_imp_frontage s
WHERE f.holder_name = s.holder_name AND {same}
RETURNING false AS inserted
""".format(same=same_shape_sql("f.geom", "s.geom"))
_INSERT = """
INSERT INTO grid_frontage (holder_name, holder_contact, holder_phone, address, district_code, geom)
SELECT s.holder_name, s.holder_contact, s.holder_phone, s.address, s.district_code,
       ST_Multi(s.geom)
FROM xh_imp_frontage s
WHERE NOT EXISTS (SELECT 1 FROM grid_frontage f WHERE f.holder_name = s.holder_name
                  AND {same})
ORDER BY s.row_no
RETURNING true AS inserted
""".format(same=same_shape_sql("f.geom", "s.geom"))


def import_frontage(ctx: Context) -> None:
    """Update the zones already held (same holder, same shape), insert the others."""
    src, problems = ctx.src, ctx.problems
    holders = ctx.required("holder_name")
    problems.raise_if_any()  # a required field is missing: said once, not once per feature
    contacts = ctx.optional("holder_contact")
    phones = ctx.optional("holder_phone")
    addresses = ctx.optional("address")
    geoms = ctx.geometries("polygon")
    for i in range(src.rows):
        if not holders[i]:
            problems.row(i + 1, "缺少责任人名称 holder_name")
    problems.raise_if_any()

    stage_check_upsert(
        ctx,
        _STAGING,
        [holders, contacts, phones, addresses],
        geoms,
        locate=_LOCATE,
        refuse=Refuse(
            "SELECT row_no FROM xh_imp_frontage WHERE district_code IS NULL ORDER BY row_no",
            "门前三包区域不在任何区县内",
        ),
        writes=[_UPDATE, _INSERT],
    )
