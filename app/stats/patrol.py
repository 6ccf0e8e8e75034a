"""责任网格: the cells an inspector patrols (used by 漏报率: problems others found there)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.errors import InvalidInput


def set_patrol_cells(session: Session, inspector_id: int, grid_codes: Sequence[str]) -> int:
    """Replace the inspector's patrol cells; raise InvalidInput for unknown cells (no commit)."""
    codes = sorted(set(grid_codes))
    known = set(
        session.execute(
            text("SELECT code FROM grid_cell WHERE valid_to IS NULL AND code = ANY(:c)"),
            {"c": codes},
        ).scalars()
    )
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InvalidInput(
            f"未知的单元网格：{'、'.join(unknown[:10])}", field="grid_codes", unknown=unknown[:50]
        )
    session.execute(
        text("DELETE FROM stats_patrol_cell WHERE inspector_id = :i"), {"i": inspector_id}
    )
    if codes:
        session.execute(
            text(
                "INSERT INTO stats_patrol_cell (inspector_id, grid_code)"
                " SELECT :i, unnest(CAST(:c AS text[]))"
            ),
            {"i": inspector_id, "c": codes},
        )
    return len(codes)


def get_patrol_cells(session: Session, inspector_id: int) -> list[str]:
    """Return the inspector's patrol cells."""
    return list(
        session.execute(
            text(
                "SELECT grid_code FROM stats_patrol_cell WHERE inspector_id = :i ORDER BY grid_code"
            ),
            {"i": inspector_id},
        ).scalars()
    )
