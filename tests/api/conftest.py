"""Fixtures shared by the API tests: a spot in the demo city, its units, the case-flow helper."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.support.api import Api


@pytest.fixture
def spot(db_session: Session) -> tuple[float, float]:
    """A point inside a normal-class cell where event:09006 routes to 综合行政执法局."""
    x, y = db_session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND area_m2 > 9999 AND mgmt_class = 'normal'"
            " ORDER BY code LIMIT 1 OFFSET 1234) q"
        )
    ).one()
    return float(x), float(y)


@pytest.fixture
def units(db_session: Session) -> dict[str, int]:
    """Unit ids of the demo city by code (370303-CG, 370303001-ZD, …)."""
    return {code: uid for code, uid in db_session.execute(text("SELECT code, id FROM grid_unit"))}


@pytest.fixture
def api(client: Any, spot: tuple[float, float]) -> Api:
    return Api(client, spot)
