"""Open cases as map points (一张图): position, light, status, category, source and unit.

One query, scoped by `scope.visible()` (what the caller may see), coloured by the same light rule
as the queues (`app.queues.summary.light_rank`: the redder of the stored and the live light of the running
clock). Filters reuse the queues' parsers, so a bad value is the same 422 `invalid_filter`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from geoalchemy2.functions import ST_X, ST_Y
from sqlalchemy import select, true
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import Case, Category
from app.grid.models import Unit
from app.queues import filters
from app.queues.summary import current_stage, light_rank

OPEN_STATUSES = {s.value: s.label for s in wf.Status if s.is_open}
SOURCES = {s.value: s.label for s in wf.Source}


def open_case_points(
    session: Session,
    actor: wf.Actor,
    at: datetime,
    *,
    limit: int,
    category: Sequence[str] | None = None,
    status: Sequence[str] | None = None,
    source: Sequence[str] | None = None,
    unit: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection of the open cases `actor` sees (newest first, ≤ limit)."""
    statuses = filters.choices("status", status, OPEN_STATUSES) or sorted(OPEN_STATUSES)
    sources = filters.choices("source", source, SOURCES)
    lights = filters.choices("light", light, filters.LIGHT_LABELS)
    categories = filters.categories(session, category)
    units = filters.unit_ids(session, "unit", unit)
    st = current_stage()
    rank = light_rank(st, at)
    stmt = (
        select(
            Case.id,
            Case.case_no,
            Case.status,
            Case.source,
            Case.grid_code,
            Case.address_text,
            Case.reported_at,
            Case.assigned_unit_id,
            Unit.name.label("unit_name"),
            Category.kind,
            Category.code,
            Category.name.label("category_name"),
            rank.label("light_rank"),
            ST_X(Case.geom).label("lon"),
            ST_Y(Case.geom).label("lat"),
        )
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Unit, Unit.id == Case.assigned_unit_id)
        .join(st, true(), isouter=True)
        .where(scope.visible(actor), Case.status.in_(statuses), Case.geom.is_not(None))
    )
    if sources:
        stmt = stmt.where(Case.source.in_(sources))
    if categories:
        stmt = stmt.where(Case.category_id.in_(categories))
    if units:
        stmt = stmt.where(Case.assigned_unit_id.in_(units))
    if lights:
        stmt = stmt.where(rank.in_([filters.LIGHT_RANK[x] for x in lights]))
    rows = session.execute(stmt.order_by(Case.id.desc()).limit(limit + 1)).all()
    features = []
    for r in rows[:limit]:
        colour = filters.LIGHT_BY_RANK[r.light_rank]
        features.append(
            {
                "type": "Feature",
                "id": r.id,
                "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                "properties": {
                    "id": r.id,
                    "case_no": r.case_no,
                    "status": r.status,
                    "status_label": wf.Status(r.status).label,
                    "source": r.source,
                    "source_label": wf.Source(r.source).label,
                    "category": f"{r.kind}:{r.code}",
                    "category_name": r.category_name,
                    "grid_code": r.grid_code,
                    "address_text": r.address_text,
                    "unit_id": r.assigned_unit_id,
                    "unit_name": r.unit_name,
                    "light": colour,
                    "light_label": filters.LIGHT_LABELS[colour],
                    "reported_at": r.reported_at.isoformat(),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "truncated": len(rows) > limit,
        "limit": limit,
    }
