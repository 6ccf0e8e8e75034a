"""Demo city: a realistic grid built from a real district boundary, deterministic for a seed.

Streets and communities tile the district (Voronoi partitions relaxed with Lloyd's algorithm),
~10,000 m² unit grid cells are the 100 m squares clipped to their community (slivers merged into
a neighbour) and numbered west→east, north→south; roads every kilometre carry standard addresses,
a census sample of manhole covers and lamps, and frontage (门前三包) zones in the key area; units
and responsibility rules cover every category. All geometry work runs in PostGIS in the UTM zone
of the district, then is stored in EPSG:4326.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import now
from app.core.config import DATA_DIR
from app.core.errors import Conflict, InvalidInput
from app.grid.coords import Crs, parse_crs, transform_geometry
from app.grid.geocode import normalize

Progress = Callable[[str, int, int], None]

CELL_SIZE_M = 100.0
STREET_AREA_KM2 = 30.0
COMMUNITY_AREA_KM2 = 2.5
ROAD_SPACING_M = 1000.0
SLIVER_M2 = 1500.0
DEMO_GRID_SINCE = datetime(2000, 1, 1, tzinfo=UTC)  # valid_from of the demo grid

_NAME_CHARS = list(
    "和平新华康宁泰安福盛兴隆金银玉锦绣翠柳杏桃梅兰竹松文明光阳春秋东西南北中园苑城湖山水林泉"
    "丰乐永昌吉祥瑞彩云龙凤鸣德仁义礼信"
)
_STREET_NAMES = [
    "车站",
    "公园",
    "和平",
    "科苑",
    "体育场",
    "杏园",
    "湖田",
    "马尚",
    "四宝山",
    "房镇",
    "南定",
    "中埠",
    "傅家",
    "沣水",
    "卫固",
    "铁山",
    "人民",
    "建设",
    "新华",
    "解放",
    "胜利",
    "东风",
    "向阳",
    "光明",
    "幸福",
    "府前",
    "中心",
    "振兴",
    "兴业",
    "学府",
    "文昌",
    "凤凰",
    "龙泉",
    "金岭",
    "石桥",
    "河口",
    "白杨",
    "槐荫",
    "柳园",
    "桃源",
    "梨园",
    "荷塘",
    "青山",
    "绿水",
    "丰收",
    "永安",
    "长乐",
    "太平",
    "双凤",
    "三里",
    "五里",
    "七里",
    "八里",
    "十里",
    "南关",
    "北关",
    "东关",
    "西关",
    "新城",
    "老城",
]
_ROAD_NAMES = [
    "人民",
    "华光",
    "共青团",
    "新村",
    "联通",
    "世纪",
    "金晶",
    "中润",
    "昌国",
    "鲁泰",
    "理工",
    "北京",
    "上海",
    "南京",
    "天津",
    "重庆",
    "西安",
    "杭州",
    "济南",
    "青岛",
    "烟台",
    "潍坊",
    "泰山",
    "黄河",
    "长江",
    "珠江",
    "淮河",
    "松龄",
    "柳泉",
    "张周",
    "和平",
    "建设",
    "解放",
    "胜利",
    "友谊",
    "团结",
    "光明",
    "幸福",
    "新华",
    "东风",
    "前进",
    "振兴",
    "兴业",
    "创业",
    "富民",
    "安康",
    "丰收",
    "学府",
    "科苑",
    "体育",
    "公园",
    "车站",
    "杏园",
    "湖田",
    "马尚",
    "房镇",
    "南定",
    "中埠",
    "沣水",
    "傅家",
    "铁山",
    "宝山",
    "荷花",
    "玉泉",
    "紫园",
    "兰雁",
    "凯瑞",
    "金城",
    "瑞阳",
    "阳光",
    "民祥",
    "民泰",
    "花园",
    "颐泽",
    "北岭",
    "银座",
    "齐盛",
    "商场",
    "市府",
    "文化",
    "工业",
    "开发",
    "创新",
    "高新",
    "滨河",
    "环湖",
    "东环",
    "西环",
    "南环",
    "北环",
    "迎宾",
    "朝阳",
    "晨光",
    "星光",
    "月季",
    "海棠",
    "丁香",
    "银杏",
    "梧桐",
]
_POIS = [
    "华润万家超市",
    "银座商城",
    "中国银行",
    "工商银行",
    "建设银行",
    "社区卫生服务站",
    "阳光幼儿园",
    "实验小学",
    "第一中学",
    "中石化加油站",
    "如家酒店",
    "苏宁家电",
    "五金建材店",
    "漱玉平民大药房",
    "鲁菜馆",
    "茶叶店",
    "农贸市场",
    "邮政储蓄",
    "物业服务中心",
    "花园小区",
    "便利店",
    "面包房",
    "理发店",
    "汽车维修",
    "快递驿站",
    "书店",
    "眼镜店",
    "烧烤店",
    "水果店",
    "手机店",
]
_SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What a demo-city build created."""

    district_code: str
    district_name: str
    area_km2: float
    streets: int
    communities: int
    cells: int
    units: int
    rules: int
    components: int
    addresses: int
    frontage_zones: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Boundary:
    """A district boundary read from a file, already in EPSG:4326."""

    code: str
    name: str
    province: str
    city: str
    geom: MultiPolygon


def default_boundary_file(district_code: str) -> Path:
    """Return the boundary file shipped with the product for a district code."""
    return DATA_DIR / "districts" / f"{district_code}.geojson"


def read_boundary(path: Path, coord_sys: Crs | str = Crs.gcj02) -> Boundary:
    """Read a district boundary (GeoJSON with adcode/district properties) and convert it."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"无法读取边界文件 {path}：{exc}") from exc
    feats = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
    if not feats:
        raise InvalidInput(f"边界文件 {path} 中没有要素")
    props = feats[0].get("properties") or {}
    code = str(props.get("adcode") or props.get("code") or path.stem)
    if not (len(code) == 6 and code.isdigit()):
        raise InvalidInput(f"边界文件缺少 6 位区划代码（adcode），得到 '{code}'")
    geoms = [shape(f["geometry"]) for f in feats if f.get("geometry")]
    merged = shapely.make_valid(shapely.union_all(geoms))
    merged = transform_geometry(merged, parse_crs(coord_sys))
    polys = [g for g in getattr(merged, "geoms", [merged]) if isinstance(g, Polygon)]
    if isinstance(merged, MultiPolygon):
        polys = list(merged.geoms)
    if not polys:
        raise InvalidInput("边界文件中没有面要素")
    return Boundary(
        code=code,
        name=str(props.get("district") or props.get("name") or code),
        province=str(props.get("province") or ""),
        city=str(props.get("city") or ""),
        geom=MultiPolygon(polys),
    )


_SPLIT_FN = """
CREATE OR REPLACE FUNCTION pg_temp.xh_split(g geometry, n integer, seed integer)
RETURNS SETOF geometry LANGUAGE plpgsql AS $$
DECLARE pts geometry; i integer;
BEGIN
  IF n <= 1 THEN RETURN NEXT g; RETURN; END IF;
  pts := ST_GeneratePoints(g, n, seed);
  FOR i IN 1..3 LOOP
    SELECT ST_Collect(ST_Centroid(ST_Intersection(v.geom, g))) INTO pts
    FROM ST_Dump(ST_VoronoiPolygons(pts, 0, g)) v
    WHERE NOT ST_IsEmpty(ST_Intersection(v.geom, g));
  END LOOP;
  RETURN QUERY
    SELECT x.geom FROM (
      SELECT ST_Multi(ST_CollectionExtract(ST_Intersection(ST_Segmentize(v.geom, 100), g), 3)) AS geom
      FROM ST_Dump(ST_VoronoiPolygons(pts, 0, g)) v) x
    WHERE NOT ST_IsEmpty(x.geom);
END $$;
"""
# The district boundary (≈20 m, in degrees) and the Voronoi edges are densified before cutting: a straight UTM edge is not straight in
# lon/lat, and without the extra vertices cells would poke ~0.1 m out of their community.


def utm_srid(lon: float, lat: float) -> int:
    """Return the EPSG code of the WGS-84 UTM zone containing a point."""
    zone = int((lon + 180) // 6) + 1
    return (32600 if lat >= 0 else 32700) + zone


def _names(rng: random.Random, count: int, suffix: str, used: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        name = rng.choice(_NAME_CHARS) + rng.choice(_NAME_CHARS) + suffix
        if name not in used and name[0] != name[1]:
            used.add(name)
            out.append(name)
    return out


def build_demo_city(
    session: Session,
    boundary: Boundary,
    *,
    seed: int = 1,
    replace: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Build the demo city for a district inside the caller's transaction (all or nothing)."""
    started = now()
    say = progress or (lambda _msg, _done, _total: None)
    rng = random.Random(seed)
    d = boundary.code
    exists = session.execute(text("SELECT 1 FROM grid_district WHERE code = :d"), {"d": d}).first()
    if exists and not replace:
        raise Conflict(f"区县 {d} 已存在；如需重建演示数据请加 --replace", district_code=d)
    if exists:
        delete_district(session, d)

    c = boundary.geom.centroid
    utm = utm_srid(c.x, c.y)
    p = {"d": d, "utm": utm, "seed": seed}
    ex = session.execute
    ex(text(_SPLIT_FN))
    ex(
        text(
            "INSERT INTO grid_district (code, name, geom) "
            "VALUES (:d, :name, ST_Multi(ST_Segmentize(ST_GeomFromWKB(:wkb, 4326), 0.0005)))"
        ),
        {"d": d, "name": boundary.name, "wkb": boundary.geom.wkb},
    )
    ex(
        text(
            "CREATE TEMP TABLE xh_d ON COMMIT DROP AS "
            "SELECT ST_Transform(geom, CAST(:utm AS integer)) AS g FROM grid_district WHERE code = :d"
        ),
        p,
    )
    area_km2 = float(ex(text("SELECT ST_Area(g) / 1e6 FROM xh_d")).scalar_one())

    # 1. streets: Voronoi partition of the district, named, numbered north→south, west→east.
    n_streets = max(3, min(99, round(area_km2 / STREET_AREA_KM2)))
    say("街道划分", 0, 1)
    ex(
        text(
            "CREATE TEMP TABLE xh_street ON COMMIT DROP AS "
            "SELECT row_number() OVER (ORDER BY round(ST_Y(ST_PointOnSurface(s)) / -2000),"
            " ST_X(ST_PointOnSurface(s))) AS n, s AS g,"
            " ST_Distance(ST_PointOnSurface(s), (SELECT ST_PointOnSurface(g) FROM xh_d)) AS dist"
            " FROM xh_d, pg_temp.xh_split(xh_d.g, :n, :seed) AS s"
        ),
        {**p, "n": n_streets},
    )
    streets = ex(text("SELECT n, ST_Area(g) / 1e6 AS km2, dist FROM xh_street ORDER BY n")).all()
    by_dist = sorted(streets, key=lambda r: r.dist)
    urban = {r.n for r in by_dist[: max(1, math.ceil(len(by_dist) * 0.6))]}
    names = rng.sample(_STREET_NAMES, k=min(len(streets), len(_STREET_NAMES)))
    street_rows: list[dict[str, Any]] = []
    for i, r in enumerate(streets):
        base = names[i] if i < len(names) else f"第{i + 1}"
        suffix = "街道" if r.n in urban else "镇"
        street_rows.append({"n": r.n, "code": f"{d}{r.n:03d}", "name": base + suffix})
    ex(text("ALTER TABLE xh_street ADD COLUMN code text, ADD COLUMN name text"))
    ex(text("UPDATE xh_street SET code = :code, name = :name WHERE n = :n"), street_rows)
    ex(
        text(
            "INSERT INTO grid_street (code, district_code, name, geom) "
            "SELECT code, :d, name, ST_Multi(ST_Transform(g, 4326)) FROM xh_street"
        ),
        p,
    )
    say("街道划分", 1, 1)

    # 2. communities: Voronoi partition of each street.
    ex(
        text(
            "CREATE TEMP TABLE xh_comm (street_code text, n integer, code text, name text,"
            " g geometry) ON COMMIT DROP"
        )
    )
    used_names: set[str] = set()
    for i, r in enumerate(streets):
        n_comm = max(1, round(r.km2 / COMMUNITY_AREA_KM2))
        s_code = f"{d}{r.n:03d}"
        ex(
            text(
                "INSERT INTO xh_comm (street_code, n, g) "
                "SELECT :s, row_number() OVER (ORDER BY round(ST_Y(ST_PointOnSurface(c)) / -500),"
                " ST_X(ST_PointOnSurface(c))), c "
                "FROM xh_street, pg_temp.xh_split(xh_street.g, :n, :seed) AS c WHERE xh_street.n = :sn"
            ),
            {"s": s_code, "n": n_comm, "seed": seed + r.n, "sn": r.n},
        )
        say("社区划分", i + 1, len(streets))
    comm = ex(text("SELECT street_code, n FROM xh_comm ORDER BY street_code, n")).all()
    comm_names = _names(rng, len(comm), "", used_names)
    street_is_urban = {f"{d}{r.n:03d}": r.n in urban for r in streets}
    ex(
        text("UPDATE xh_comm SET code = :code, name = :name WHERE street_code = :s AND n = :n"),
        [
            {
                "s": row.street_code,
                "n": row.n,
                "code": f"{row.street_code}{row.n:03d}",
                "name": comm_names[i] + ("社区" if street_is_urban[row.street_code] else "村"),
            }
            for i, row in enumerate(comm)
        ],
    )
    ex(
        text(
            "INSERT INTO grid_community (code, street_code, district_code, name, geom) "
            "SELECT code, street_code, :d, name, ST_Multi(ST_Transform(g, 4326)) FROM xh_comm"
        ),
        p,
    )

    # 3. cells: 100 m squares clipped to each community, slivers merged, numbered.
    ex(
        text(
            "CREATE TEMP TABLE xh_cell (id serial PRIMARY KEY, community_code text, i integer,"
            " j integer, g geometry) ON COMMIT DROP"
        )
    )
    comm_codes = [r[0] for r in ex(text("SELECT code FROM xh_comm ORDER BY code")).all()]
    for k, code in enumerate(comm_codes):
        ex(
            text(
                """
INSERT INTO xh_cell (community_code, i, j, g)
SELECT x.code, x.i, x.j, x.g FROM (
  SELECT c.code, sq.i, sq.j,
         CASE WHEN ST_CoveredBy(sq.geom, c.g) THEN ST_Multi(sq.geom)
              ELSE ST_Multi(ST_CollectionExtract(ST_Intersection(sq.geom, c.g), 3)) END AS g
  FROM xh_comm c, ST_SquareGrid(CAST(:size AS float8), c.g) AS sq
  WHERE c.code = :code AND ST_Intersects(sq.geom, c.g)
) x WHERE NOT ST_IsEmpty(x.g)
"""
            ),
            {"code": code, "size": CELL_SIZE_M},
        )
        if k % 10 == 0 or k + 1 == len(comm_codes):
            say("单元网格切分", k + 1, len(comm_codes))
    ex(text("CREATE INDEX ON xh_cell USING gist (g)"))
    ex(text("CREATE INDEX ON xh_cell (community_code)"))
    ex(text("ANALYZE xh_cell"))
    say("合并碎片网格", 0, 1)
    ex(
        text(
            """
WITH small AS (SELECT id, community_code, g FROM xh_cell WHERE ST_Area(g) < :sliver),
best AS (
  SELECT DISTINCT ON (s.id) s.id AS sid, b.id AS bid
  FROM small s JOIN xh_cell b
    ON b.community_code = s.community_code AND b.id <> s.id AND b.g && s.g
   AND ST_Area(b.g) >= :sliver
  ORDER BY s.id, ST_Length(ST_Intersection(ST_Boundary(s.g), b.g)) DESC, b.id
),
merged AS (
  UPDATE xh_cell b SET g = ST_Multi(ST_CollectionExtract(ST_Union(b.g, u.g), 3))
  FROM (SELECT best.bid, ST_Union(s.g) AS g FROM best JOIN small s ON s.id = best.sid
        GROUP BY best.bid) u
  WHERE b.id = u.bid RETURNING b.id
)
DELETE FROM xh_cell WHERE id IN (SELECT sid FROM best)
"""
        ),
        {"sliver": SLIVER_M2},
    )
    say("合并碎片网格", 1, 1)
    too_many = ex(
        text(
            "SELECT community_code, count(*) FROM xh_cell GROUP BY community_code"
            " HAVING count(*) > 999"
        )
    ).first()
    if too_many:
        raise InvalidInput(
            f"社区 {too_many[0]} 有 {too_many[1]} 个网格，超过 3 位顺序码上限 999", seed=seed
        )
    key_radius = max(1500.0, math.sqrt(area_km2 * 1e6) / 6)
    # The demo grid stands for a grid in force long before any case (seed-history reports cases
    # months back, and cases are located in the generation in force at their report time).
    valid_from = DEMO_GRID_SINCE
    ex(
        text(
            """
INSERT INTO grid_cell (code, community_code, street_code, district_code, mgmt_class,
                       area_m2, geom, valid_from)
SELECT x.community_code || lpad(x.seq::text, 3, '0'), x.community_code,
       left(x.community_code, 9), :d,
       CASE WHEN ST_DWithin(ST_Centroid(x.g), (SELECT ST_PointOnSurface(g) FROM xh_d), :r)
            THEN 'key' ELSE 'normal' END,
       ST_Area(x.g), ST_Multi(ST_Transform(x.g, 4326)), :vf
FROM (SELECT c.*, row_number() OVER (PARTITION BY community_code ORDER BY j DESC, i) AS seq
      FROM xh_cell c) x
"""
        ),
        {**p, "r": key_radius, "vf": valid_from},
    )
    ex(text("ANALYZE grid_street"))
    ex(text("ANALYZE grid_community"))
    ex(text("ANALYZE grid_cell"))
    say("单元网格入库", 1, 1)

    # 4. units and responsibility rules.
    units, rules = _create_units_and_rules(session, d, boundary.name, street_rows)
    say("责任单位与规则", 1, 1)

    # 5. roads, standard addresses, components, frontage zones.
    _create_roads(session, p, rng)
    n_addr = _create_addresses(session, p, boundary)
    ex(text("ANALYZE grid_address"))
    say("标准地址", 1, 1)
    n_comp = _create_components(session, p, rng)
    ex(text("ANALYZE grid_component"))
    say("部件普查样本", 1, 1)
    n_front = _create_frontage(session, p, rng)
    say("门前三包", 1, 1)

    counts = ex(
        text(
            "SELECT (SELECT count(*) FROM grid_street WHERE district_code = :d),"
            " (SELECT count(*) FROM grid_community WHERE district_code = :d),"
            " (SELECT count(*) FROM grid_cell WHERE district_code = :d AND valid_to IS NULL)"
        ),
        p,
    ).one()
    return DemoSummary(
        district_code=d,
        district_name=boundary.name,
        area_km2=round(area_km2, 1),
        streets=counts[0],
        communities=counts[1],
        cells=counts[2],
        units=units,
        rules=rules,
        components=n_comp,
        addresses=n_addr,
        frontage_zones=n_front,
        seconds=round((now() - started).total_seconds(), 1),
    )


def delete_district(session: Session, code: str) -> None:
    """Remove a district and everything spatial that belongs to it."""
    p = {"d": code}
    for sql in (
        "DELETE FROM grid_rule WHERE district_code = :d",
        "DELETE FROM grid_component WHERE district_code = :d",
        "DELETE FROM grid_frontage WHERE district_code = :d",
        "DELETE FROM grid_address WHERE district_code = :d",
        "DELETE FROM grid_cell WHERE district_code = :d",
        "UPDATE grid_district SET fallback_unit_id = NULL WHERE code = :d",
        "DELETE FROM grid_unit WHERE district_code = :d",
        "DELETE FROM grid_district WHERE code = :d",
    ):
        session.execute(text(sql), p)


# (code suffix, name, kind, parent suffix)
_UNITS: list[tuple[str, str, str, str | None]] = [
    ("GOV", "{d}人民政府", "government", None),
    ("CG", "{d}综合行政执法局", "bureau", None),
    ("ZJ", "{d}住房和城乡建设局", "bureau", None),
    ("SZ", "{d}市政工程服务中心", "center", "ZJ"),
    ("YL", "{d}园林绿化服务中心", "center", None),
    ("LD", "{d}路灯管理所", "center", "CG"),
    ("HW", "{d}环境卫生服务中心", "center", "CG"),
    ("SW", "{d}水务集团有限公司", "company", None),
    ("RQ", "{d}燃气有限公司", "company", None),
    ("DL", "国网{d}供电公司", "company", None),
    ("RL", "{d}热力有限公司", "company", None),
    ("TX", "{d}通信管线联合维护中心", "company", None),
    ("ZQ", "{d}站前广场管理办公室", "center", None),
]

# (unit suffix, kind or None, major or None, code or None)
_SPECIALIST_RULES: list[tuple[str, str | None, str | None, str | None]] = [
    ("CG", "event", "09", None),  # 街面秩序
    ("CG", "event", "07", None),  # 宣传广告
    ("CG", "event", None, "06001"),  # 私搭乱建
    ("ZJ", None, "08", None),  # 施工管理
    ("ZJ", "component", "02", None),  # 交通设施
    ("YL", None, "04", None),  # 园林绿化
    ("SW", None, None, "01001"),
    ("SW", None, None, "01019"),
    ("SZ", None, None, "01002"),
    ("SZ", None, None, "01003"),
    ("SZ", None, None, "01004"),
    ("SZ", None, None, "01018"),
    ("DL", None, None, "01005"),
    ("DL", None, None, "01017"),
    ("LD", None, None, "01006"),
    ("LD", None, None, "01037"),
    ("LD", None, None, "01060"),
    ("TX", None, None, "01007"),
    ("TX", None, None, "01008"),
    ("TX", None, None, "01009"),
    ("RL", None, None, "01010"),
    ("RQ", None, None, "01011"),
    ("YL", None, None, "01014"),
]


def _create_units_and_rules(
    session: Session, d: str, district_name: str, streets: list[dict[str, Any]]
) -> tuple[int, int]:
    ex = session.execute
    ids: dict[str, int] = {}
    for suffix, name, kind, parent in _UNITS:
        ids[suffix] = ex(
            text(
                "INSERT INTO grid_unit (code, name, kind, district_code, parent_id, contact_phone)"
                " VALUES (:code, :name, :kind, :d, :parent, :phone) RETURNING id"
            ),
            {
                "code": f"{d}-{suffix}",
                "name": name.format(d=district_name),
                "kind": kind,
                "d": d,
                "parent": ids.get(parent) if parent else None,
                "phone": f"0533-{2000000 + len(ids) * 1111:07d}",
            },
        ).scalar_one()
    n_rules = 0
    for s in streets:
        office = ex(
            text(
                "INSERT INTO grid_unit (code, name, kind, district_code, contact_phone)"
                " VALUES (:code, :name, 'street_office', :d, :phone) RETURNING id"
            ),
            {
                "code": f"{s['code']}-JD",
                "name": s["name"] + ("办事处" if s["name"].endswith("街道") else "人民政府"),
                "d": d,
                "phone": f"0533-{3000000 + s['n'] * 137:07d}",
            },
        ).scalar_one()
        ex(
            text(
                "INSERT INTO grid_unit (code, name, kind, district_code, parent_id)"
                " VALUES (:code, :name, 'squad', :d, :parent)"
            ),
            {
                "code": f"{s['code']}-ZD",
                "name": f"{district_name}综合行政执法局{s['name'][:-2] if s['name'].endswith('街道') else s['name'][:-1]}中队",
                "d": d,
                "parent": ids["CG"],
            },
        )
        ex(
            text(
                "INSERT INTO grid_rule (unit_id, district_code, role, area_scope, area_code, note)"
                " VALUES (:u, :d, 'territorial', 'street', :s, '属地管理：辖区内事项')"
            ),
            {"u": office, "d": d, "s": s["code"]},
        )
        n_rules += 1
    for unit, cat_kind, major, cat_code in _SPECIALIST_RULES:
        ex(
            text(
                "INSERT INTO grid_rule (unit_id, district_code, role, category_kind, major_code,"
                " category_code, area_scope, area_code, note)"
                " VALUES (:u, :d, 'specialist', :kind, :major, :code, 'district', :d, '专业管理')"
            ),
            {"u": ids[unit], "d": d, "kind": cat_kind, "major": major, "code": cat_code},
        )
        n_rules += 1
    # A polygon rule: the square in front of the main station, 300 m around the key-area centre.
    ex(
        text(
            "INSERT INTO grid_rule (unit_id, district_code, role, area_scope, geom, priority, note)"
            " SELECT :u, :d, 'territorial', 'polygon',"
            " ST_Multi(ST_Transform(ST_Buffer(ST_PointOnSurface(g), 300), 4326)), 10,"
            " '站前广场：范围内事项由广场管理办公室处置' FROM xh_d"
        ),
        {"u": ids["ZQ"], "d": d},
    )
    ex(
        text(
            "INSERT INTO grid_rule (unit_id, district_code, role, area_scope, area_code, note)"
            " VALUES (:u, :d, 'fallback', 'district', :d, '兜底：管辖不明的事项')"
        ),
        {"u": ids["GOV"], "d": d},
    )
    ex(
        text("UPDATE grid_district SET fallback_unit_id = :u WHERE code = :d"),
        {"u": ids["GOV"], "d": d},
    )
    n_units = len(ids) + 2 * len(streets)
    return n_units, n_rules + 2


def _create_roads(session: Session, p: dict[str, Any], rng: random.Random) -> None:
    ex = session.execute
    ex(
        text(
            """
CREATE TEMP TABLE xh_road ON COMMIT DROP AS
WITH b AS (SELECT g, ST_XMin(g) x0, ST_XMax(g) x1, ST_YMin(g) y0, ST_YMax(g) y1 FROM xh_d),
lines AS (
  SELECT 'h' AS dir, y AS pos, ST_MakeLine(ST_MakePoint(b.x0 - 10, y), ST_MakePoint(b.x1 + 10, y)) AS ln
  FROM b, generate_series((ceil(b.y0 / CAST(:sp AS float8)) * CAST(:sp AS float8))::bigint, b.y1::bigint, CAST(:sp AS bigint)) y
  UNION ALL
  SELECT 'v', x, ST_MakeLine(ST_MakePoint(x, b.y0 - 10), ST_MakePoint(x, b.y1 + 10))
  FROM b, generate_series((ceil(b.x0 / CAST(:sp AS float8)) * CAST(:sp AS float8))::bigint, b.x1::bigint, CAST(:sp AS bigint)) x
)
SELECT row_number() OVER (ORDER BY dir, pos) AS id, dir, pos,
       ST_Multi(ST_CollectionExtract(ST_Intersection(ST_SetSRID(ln, CAST(:utm AS integer)), b.g), 2)) AS g
FROM lines, b
"""
        ),
        {**p, "sp": int(ROAD_SPACING_M)},
    )
    ex(text("DELETE FROM xh_road WHERE ST_IsEmpty(g) OR ST_Length(g) < 200"))
    ids = [r[0] for r in ex(text("SELECT id, dir FROM xh_road ORDER BY id")).all()]
    pool = list(_ROAD_NAMES)
    rng.shuffle(pool)
    names = []
    for i in range(len(ids)):
        base = pool[i % len(pool)]
        extra = ["", "东", "西", "南", "北"][i // len(pool)] if i // len(pool) < 5 else str(i)
        names.append(base + extra)
    ex(text("ALTER TABLE xh_road ADD COLUMN name text"))
    ex(
        text(
            "UPDATE xh_road SET name = :base || CASE WHEN dir = 'h' THEN '路' ELSE '大街' END"
            " WHERE id = :id"
        ),
        [{"id": i, "base": n} for i, n in zip(ids, names, strict=True)],
    )


def _create_addresses(session: Session, p: dict[str, Any], boundary: Boundary) -> int:
    prefix = f"{boundary.province}{boundary.city}{boundary.name}"
    result = session.execute(
        text(
            """
WITH parts AS (
  SELECT r.id, r.name, r.dir, d.path[1] AS part, d.geom AS ln
  FROM xh_road r, ST_Dump(r.g) d
),
pts AS (
  SELECT pa.id, pa.name, pa.dir, ST_LineInterpolatePoint(pa.ln, f / ST_Length(pa.ln)) AS pt
  FROM parts pa, LATERAL (SELECT 25 + 50 * i AS f FROM generate_series(0, floor((ST_Length(pa.ln) - 26) / 50)::int) i) s
),
numbered AS (
  SELECT pts.*, row_number() OVER (PARTITION BY id ORDER BY
           CASE WHEN dir = 'h' THEN ST_X(pt) ELSE -ST_Y(pt) END) AS k
  FROM pts
),
sided AS (
  SELECT n.id, n.name, n.k, s.side,
         CASE WHEN s.side = 1 THEN 2 * n.k - 1 ELSE 2 * n.k END AS house,
         ST_Transform(CASE WHEN n.dir = 'h' THEN ST_Translate(n.pt, 0, 15 * s.side)
                           ELSE ST_Translate(n.pt, 15 * s.side, 0) END, 4326) AS g
  FROM numbered n, (VALUES (1), (-1)) AS s(side)
),
placed AS (
  SELECT sd.*, st.code AS street_code, st.name AS street_name
  FROM sided sd JOIN grid_street st ON st.district_code = :d AND ST_Covers(st.geom, sd.g)
)
INSERT INTO grid_address (code, full_text, norm_text, district_code, street_code, road,
                          house_number, poi, geom)
SELECT :d || lpad(id::text, 4, '0') || lpad(house::text, 5, '0'),
       :prefix || street_name || name || house || '号'
         || CASE WHEN (k * 5 + house + :seed) % 9 = 0
                 THEN (CAST(:pois AS text[]))[1 + (k * 13 + house + :seed) % array_length(CAST(:pois AS text[]), 1)] ELSE '' END,
       '', :d, street_code, name, house || '号',
       CASE WHEN (k * 5 + house + :seed) % 9 = 0
            THEN (CAST(:pois AS text[]))[1 + (k * 13 + house + :seed) % array_length(CAST(:pois AS text[]), 1)] END,
       g
FROM placed
"""
        ),
        {**p, "prefix": prefix, "pois": _POIS},
    )
    # norm_text uses the same normaliser as the geocoder (no SQL twin to drift apart).
    rows = session.execute(
        text("SELECT id, full_text FROM grid_address WHERE district_code = :d AND norm_text = ''"),
        p,
    ).all()
    session.execute(
        text("UPDATE grid_address SET norm_text = :n WHERE id = :id"),
        [{"id": r.id, "n": normalize(r.full_text)} for r in rows],
    )
    return int(getattr(result, "rowcount", 0) or 0)


# (category code, maintainer unit suffix, supervising dept)
_COVER_TYPES = [
    ("01001", "SW", "水务局"),
    ("01002", "SZ", "住房和城乡建设局"),
    ("01003", "SZ", "住房和城乡建设局"),
    ("01005", "DL", "发展和改革局"),
    ("01007", "TX", "工业和信息化局"),
    ("01010", "RL", "住房和城乡建设局"),
    ("01011", "RQ", "住房和城乡建设局"),
]


def _create_components(session: Session, p: dict[str, Any], rng: random.Random) -> int:
    ex = session.execute
    ex(
        text(
            """
CREATE TEMP TABLE xh_comp ON COMMIT DROP AS
WITH parts AS (SELECT r.id, r.dir, d.geom AS ln FROM xh_road r, ST_Dump(r.g) d),
covers AS (
  SELECT pa.id, pa.dir, f, ST_LineInterpolatePoint(pa.ln, f / ST_Length(pa.ln)) AS pt
  FROM parts pa, LATERAL (SELECT 30 + 60 * i AS f FROM generate_series(0, floor((ST_Length(pa.ln) - 31) / 60)::int) i) s
),
lamps AS (
  SELECT pa.id, pa.dir, f, ST_LineInterpolatePoint(pa.ln, f / ST_Length(pa.ln)) AS pt
  FROM parts pa, LATERAL (SELECT 10 + 40 * i AS f FROM generate_series(0, floor((ST_Length(pa.ln) - 11) / 40)::int) i) s
)
SELECT (abs(hashtext(id::text || ':' || f::text || ':' || :seed)) % 7) AS t,
       ST_Transform(CASE WHEN dir = 'h' THEN ST_Translate(pt, 0, 3) ELSE ST_Translate(pt, 3, 0) END,
                    4326) AS g
FROM covers
UNION ALL
SELECT 7, ST_Transform(CASE WHEN dir = 'h' THEN ST_Translate(pt, 0, -11) ELSE ST_Translate(pt, -11, 0) END,
                       4326)
FROM lamps
"""
        ),
        p,
    )
    types = [*_COVER_TYPES, ("01037", "LD", "城市管理局")]
    ex(text("ALTER TABLE xh_comp ADD COLUMN code text, ADD COLUMN unit text, ADD COLUMN dept text"))
    ex(
        text("UPDATE xh_comp SET code = :code, unit = :unit, dept = :dept WHERE t = :t"),
        [{"t": i, "code": c, "unit": u, "dept": dept} for i, (c, u, dept) in enumerate(types)],
    )
    damaged_every = rng.randint(40, 60)
    result = ex(
        text(
            """
INSERT INTO grid_component (id, category_code, name, supervising_dept, owner_unit_id,
    maintainer_unit_id, owner_name, maintainer_name, state, geom, grid_code, district_code,
    updated_at)
SELECT :d || x.code || lpad(x.seq::text, 6, '0'), x.code, cat.name, x.dept, u.id, u.id,
       u.name, u.name,
       CASE WHEN x.seq % :dmg = 0 THEN 'damaged' WHEN x.seq % (:dmg * 7) = 3 THEN 'lost'
            ELSE 'intact' END,
       x.g, c.code, :d, now()
FROM (
  SELECT xc.*, row_number() OVER (PARTITION BY xc.code ORDER BY ST_Y(xc.g) DESC, ST_X(xc.g)) AS seq
  FROM xh_comp xc WHERE xc.t < 7 OR EXISTS (
    SELECT 1 FROM grid_cell k WHERE k.valid_to IS NULL AND k.mgmt_class = 'key'
      AND ST_Covers(k.geom, xc.g))
) x
JOIN grid_cell c ON c.valid_to IS NULL AND c.district_code = :d AND ST_Covers(c.geom, x.g)
JOIN grid_unit u ON u.code = :d || '-' || x.unit
LEFT JOIN LATERAL (SELECT name FROM dispatch_category WHERE kind = 'component' AND code = x.code
                   LIMIT 1) cat ON true
WHERE x.seq <= 999999
ON CONFLICT (id) DO NOTHING
"""
        ),
        {**p, "dmg": damaged_every},
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _create_frontage(session: Session, p: dict[str, Any], rng: random.Random) -> int:
    rows = session.execute(
        text(
            """
SELECT a.id, a.poi, a.full_text FROM grid_address a
WHERE a.district_code = :d AND a.poi IS NOT NULL AND EXISTS (
  SELECT 1 FROM grid_cell k WHERE k.valid_to IS NULL AND k.mgmt_class = 'key'
    AND ST_Covers(k.geom, a.geom))
ORDER BY a.id
"""
        ),
        p,
    ).all()
    values = [
        {
            "id": r.id,
            "holder": r.poi,
            "contact": rng.choice(_SURNAMES) + rng.choice(["经理", "店长", "先生", "女士"]),
            "phone": f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
            "address": r.full_text,
        }
        for r in rows
    ]
    if values:
        session.execute(
            text(
                """
INSERT INTO grid_frontage (holder_name, holder_contact, holder_phone, address, district_code, geom)
SELECT :holder, :contact, :phone, :address, a.district_code,
       ST_Multi(ST_Transform(ST_Expand(ST_Transform(a.geom, CAST(:utm AS integer)), 10), 4326))
FROM grid_address a WHERE a.id = :id
"""
            ),
            [{**v, "utm": p["utm"]} for v in values],
        )
    return len(values)
