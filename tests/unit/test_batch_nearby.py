"""The batch duplicate check sends each report only the earlier reports of the batch that may be
near it: that set must hold every earlier report of its category inside its search box (the
statement then applies the rule), whatever the radii, latitudes and cell edges."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from app.cases.reference import CategoryRef
from app.cases.service import _duplicate_params, _nearby_earlier

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def _category(cid: int, radius: float | None) -> CategoryRef:
    return CategoryRef(
        id=cid,
        catalogue="gbt",
        kind="event",
        code=f"{cid:05d}",
        major_code="01",
        name=f"类别{cid}",
        component_code=None,
        enabled=True,
        public_intake=True,
        auto_dispatch=False,
        duplicate_radius_m=radius,
        duplicate_window_h=None,
    )


def test_every_earlier_report_in_the_box_is_sent_and_only_of_its_category() -> None:
    rng = random.Random(20261205)
    cats = [_category(1, None), _category(2, 5.0), _category(3, 400.0)]
    for _ in range(20):
        lon0, lat0 = rng.uniform(73, 135), rng.uniform(18, 53)
        asks = [
            (
                i,
                rng.choice(cats),
                lon0 + rng.choice([rng.uniform(-0.01, 0.01), rng.uniform(-1e-4, 1e-4)]),
                lat0 + rng.choice([rng.uniform(-0.01, 0.01), rng.uniform(-1e-4, 1e-4)]),
            )
            for i in range(300)
        ]
        params = [_duplicate_params(c, x, y, NOW, None) for _, c, x, y in asks]
        near = _nearby_earlier(asks, params)
        for i, (_, c, x, y) in enumerate(asks):
            deg = params[i]["near_deg"]
            must = {
                j
                for j in range(i)
                if asks[j][1].id == c.id
                and abs(asks[j][2] - x) <= deg
                and abs(asks[j][3] - y) <= deg
            }
            got = {a[0] for a in near[i]}
            assert must <= got, (i, must - got)
            assert all(asks[j][1].id == c.id and j < i for j in got)
