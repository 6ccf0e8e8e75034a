"""Shared by the reliability tests: committed users with tokens, a report spot, a report body,
and the one place that checks every acknowledged case is stored and nothing else is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
# Heavy tests start their own uvicorn servers: one such test at a time (xdist --dist loadgroup).
HEAVY_GROUP = "reliability_servers"


def tokens(
    url: str, roles: tuple[str, ...] = ("inspector", "dispatcher")
) -> dict[str, dict[str, str]]:
    """Create (and commit) one user per role in `url`; return each one's Authorization header."""
    from tests.support.identity import bearer_for, ensure_test_user

    engine = create_engine(url)
    try:
        with Session(engine) as s:
            uids = {role: ensure_test_user(s, role, None, None) for role in roles}
            s.commit()
            return {role: bearer_for(s, uid) for role, uid in uids.items()}
    finally:
        engine.dispose()


def report_spot(url: str) -> tuple[float, float]:
    """A point inside a normal-class cell of the demo city (as in the case-flow tests)."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            x, y = c.execute(
                text(
                    "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
                    " WHERE valid_to IS NULL AND area_m2 > 9999 AND mgmt_class = 'normal'"
                    " ORDER BY code LIMIT 1 OFFSET 1234) q"
                )
            ).one()
        return float(x), float(y)
    finally:
        engine.dispose()


def report(spot: tuple[float, float], tag: str) -> dict[str, Any]:
    """A report body whose description carries `tag` (how the tests find what they stored)."""
    return {
        "category": "event:09006",
        "lon": spot[0],
        "lat": spot[1],
        "description": f"可靠性测试 {tag}",
    }


def stored_by_tag(url: str, prefix: str) -> dict[str, int]:
    """Description tag → case id of every stored case whose tag starts with `prefix`."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            rows = c.execute(
                text("SELECT id, description FROM dispatch_case WHERE description LIKE :p"),
                {"p": f"可靠性测试 {prefix}%"},
            ).all()
        return {d.removeprefix("可靠性测试 "): i for i, d in rows}
    finally:
        engine.dispose()


def assert_acknowledged_stored(url: str, prefix: str, acknowledged: dict[str, int]) -> None:
    """Every 201 maps to its stored case; nothing unacknowledged was stored."""
    stored = stored_by_tag(url, prefix)
    missing = {t: i for t, i in acknowledged.items() if stored.get(t) != i}
    assert not missing, f"acknowledged but not stored: {list(missing.items())[:5]}"
    extra = set(stored) - set(acknowledged)
    assert not extra, f"stored without a 201: {sorted(extra)[:5]}"


def audit_verify(url: str) -> subprocess.CompletedProcess[str]:
    """Run `xiuhua audit verify` against `url`."""
    env = {**os.environ, "XIUHUA_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", "audit", "verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
