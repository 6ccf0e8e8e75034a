"""The public-intake default: the migration's SQL for existing catalogues and the loader agree."""

from __future__ import annotations

import importlib.util

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.catalogue import default_public_intake
from tests.support.databases import ROOT


def _migration_where() -> str:
    path = ROOT / "migrations" / "versions" / "2026_11_21_open311.py"
    spec = importlib.util.spec_from_file_location("open311_migration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.PUBLIC_INTAKE_WHERE)


def test_migration_rule_matches_the_loader(db_session: Session) -> None:
    rows = db_session.execute(
        text(
            "SELECT kind, code, major_code, name, public_intake,"
            f" ({_migration_where()}) AS by_migration FROM dispatch_category"
        )
    ).all()
    assert len(rows) > 300
    for r in rows:
        assert r.public_intake == default_public_intake(r.kind, r.major_code, r.name), r
        assert r.by_migration == r.public_intake, r
    public = {(r.kind, r.code) for r in rows if r.public_intake}
    assert ("event", "09006") in public and ("component", "01037") in public  # 占道经营, 路灯
    assert ("event", "01001") not in public and ("component", "01064") not in public
