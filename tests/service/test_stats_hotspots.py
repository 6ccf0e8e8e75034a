"""Hotspots: top cells, repeat locations, heat GeoJSON and vector tiles."""

from __future__ import annotations

import json
import math
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.service import ReportInput, report_case
from app.core.errors import InvalidInput
from app.stats import facts
from app.stats.hotspots import heat_geojson, heat_tile, repeats, top_cells
from app.stats.periods import make_period
from tests.support.stats_history import T0, spots

NOW = T0 + timedelta(days=3)


@pytest.fixture
def cells(db_session: Session) -> list[str]:
    """Five reports of 暴露垃圾 in one cell, two of 占道经营 in another, one elsewhere."""
    pts = spots(db_session, 3, 41)
    plan = [(0, "event:06010")] * 5 + [(1, "event:09006")] * 2 + [(2, "event:06010")]
    ids = []
    for i, (k, cat) in enumerate(plan):
        r = report_case(
            db_session,
            ReportInput(wf.Source.inspector, cat, pts[k][0], pts[k][1], description=f"第{i}件"),
            wf.Actor(wf.Role.inspector, 101),
            T0 + timedelta(minutes=10 * i),
        )
        ids.append(r.case.id)
    while facts.refresh_batch(db_session):
        pass
    return [
        db_session.execute(
            text("SELECT grid_code FROM dispatch_case WHERE id = :i"), {"i": i}
        ).scalar_one()
        for i in (ids[0], ids[5], ids[7])
    ]


def test_top_cells_and_repeats(db_session: Session, cells: list[str]) -> None:
    for period in (
        make_period("month", on=T0.date(), today=NOW.date(), max_days=400),
        make_period("week", on=T0.date(), today=NOW.date(), max_days=400),
    ):
        t = top_cells(db_session, period)
        rows = list(t.rows)
        assert [(r["key"], r["cases"]) for r in rows] == [
            (cells[0], 5),
            (cells[1], 2),
            (cells[2], 1),
        ]
        assert rows[0]["top_category"].startswith("暴露垃圾")
        rep = list(repeats(db_session, period).rows)  # default threshold 3
        assert [(r["key"], r["category"], r["cases"]) for r in rep] == [
            (cells[0], "event:06010", 5)
        ]
        assert len(list(repeats(db_session, period, min_cases=2).rows)) == 2
    with pytest.raises(InvalidInput):
        repeats(db_session, period, min_cases=1)
    cat = db_session.execute(
        text("SELECT id FROM dispatch_category WHERE kind = 'event' AND code = '09006'")
    ).scalar_one()
    only = list(top_cells(db_session, period, categories=[cat]).rows)
    assert [(r["key"], r["cases"]) for r in only] == [(cells[1], 2)]


def test_heat_layers(db_session: Session, cells: list[str]) -> None:
    period = make_period("month", on=T0.date(), today=NOW.date(), max_days=400)
    fc = json.loads(heat_geojson(db_session, period))
    assert fc["type"] == "FeatureCollection"
    got = {f["id"]: f["properties"]["cases"] for f in fc["features"]}
    assert got == {cells[0]: 5, cells[1]: 2, cells[2]: 1}
    assert fc["features"][0]["geometry"]["type"] == "Point"
    poly = json.loads(heat_geojson(db_session, period, geometry="polygon", limit=1))
    assert len(poly["features"]) == 1 and "Polygon" in poly["features"][0]["geometry"]["type"]
    # the tile that holds the hottest cell at z14
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    z = 14
    x = int((lon + 180) / 360 * 2**z)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * 2**z)
    tile = heat_tile(db_session, z, x, y, period)
    assert tile and b"hotspot" in tile
    assert heat_tile(db_session, z, 0, 0, period) == b""
    with pytest.raises(InvalidInput):
        heat_tile(db_session, 3, 99, 0, period)
