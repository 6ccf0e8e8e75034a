"""Scratch databases for the benchmarks that need one of their own (sweep, grid import, stats).

A scratch database is cloned from a template when the server has it (the test suite's
`xiuhua_test_tpl`, migrations + catalogue + the 张店区 demo city, or `XIUHUA_TEST_TEMPLATE_DB`);
on a machine where the test suite never ran it is created empty, migrated and given the default
catalogue — and, for the benchmarks that need one, the demo city, built exactly as `make run`
builds it. So `make bench` runs on a fresh machine without any earlier step.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = os.environ.get("XIUHUA_TEST_TEMPLATE_DB", "xiuhua_test_tpl")


def url_for(database_url: str, database: str) -> str:
    """The same server and credentials, another database."""
    return make_url(database_url).set(database=database).render_as_string(hide_password=False)


def create_scratch(admin: Engine, database_url: str, name: str, template: str | None) -> str:
    """Create database `name`; return how ("template <name>" or "migrated").

    A clone of `template` when it exists; otherwise an empty database migrated to head with the
    default catalogue, filing standards and stage limits.
    """
    with admin.connect() as c:
        exists = (
            template is not None
            and c.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": template}
            ).scalar()
        )
        if exists:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            return f"template {template}"
        c.execute(
            text(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"
                " LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
        )
    from alembic import command
    from alembic.config import Config

    from app.cases.time.standards import seed_defaults
    from app.core.db import unit_of_work

    url = url_for(database_url, name)
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["database_url"] = url
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    engine = create_engine(url)
    try:
        with unit_of_work(engine) as s:
            seed_defaults(s)
    finally:
        engine.dispose()
    return "migrated"


def ensure_demo_city(url: str, district: str, seed: int | None = None) -> float | None:
    """Build the demo city of `district` in database `url` unless its cells are there.

    Returns the build's seconds, or None when the district was already present.
    """
    from app.core.config import get_settings
    from app.core.db import unit_of_work
    from app.demo.city import build_demo_city, default_boundary_file, read_boundary

    engine = create_engine(url)
    try:
        with engine.connect() as c:
            have = c.execute(
                text(
                    "SELECT count(*) FROM grid_cell WHERE district_code = :d AND valid_to IS NULL"
                ),
                {"d": district},
            ).scalar_one()
        if have:
            return None
        with unit_of_work(engine) as s:
            summary = build_demo_city(
                s,
                read_boundary(default_boundary_file(district)),
                seed=seed or get_settings().demo_seed,
            )
        return float(summary.seconds)
    finally:
        engine.dispose()
