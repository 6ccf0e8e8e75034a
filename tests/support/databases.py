"""Test databases on the real PostGIS server: URLs, create/drop, migrate, the template build."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from app.core.config import get_settings

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared"
DEMO_DISTRICT = "370303"
DEMO_SEED = 1
TEMPLATE = os.environ.get("XIUHUA_TEST_TEMPLATE_DB", "xiuhua_test_tpl")


def url_for(database: str) -> str:
    """Return the URL of `database` on the configured server."""
    return (
        make_url(get_settings().database_url)
        .set(database=database)
        .render_as_string(hide_password=False)
    )


def admin_engine() -> Engine:
    """Return an AUTOCOMMIT engine on the server's `postgres` database (create/drop databases)."""
    return create_engine(url_for("postgres"), isolation_level="AUTOCOMMIT")


def _fingerprint() -> str:
    h = hashlib.sha256()
    files = [
        *sorted((ROOT / "migrations").rglob("*.py")),
        ROOT / "app" / "demo" / "city.py",
        ROOT / "app" / "grid" / "geocode.py",
        ROOT / "app" / "grid" / "coords.py",
        ROOT / "app" / "cases" / "catalogue.py",
        ROOT / "app" / "cases" / "time" / "standards.py",
        ROOT / "app" / "data" / "catalog" / "gbt47678-5-2026.csv",
        ROOT / "app" / "data" / "districts" / f"{DEMO_DISTRICT}.geojson",
    ]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def create_database(admin: Engine, name: str, template: str = "template0") -> None:
    """Create a UTF-8 database with a C.UTF-8 ctype (pg_trgm needs it for Chinese)."""
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if template == "template0":
            c.execute(
                text(
                    f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"
                    " LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
                )
            )
        else:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))


def drop_database(admin: Engine, name: str) -> None:
    """Drop a database, disconnecting its sessions."""
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def migrate(url: str, revision: str = "head") -> None:
    """Run Alembic against `url`."""
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["database_url"] = url
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, revision)


def _build_template(admin: Engine, fingerprint: str) -> None:
    from app.cases.time.standards import seed_defaults
    from app.core.db import unit_of_work
    from app.demo.city import build_demo_city, default_boundary_file, read_boundary

    building = f"{TEMPLATE}_build"
    create_database(admin, building)
    url = url_for(building)
    migrate(url)
    engine = create_engine(url)
    with unit_of_work(engine) as s:
        seed_defaults(s)
        build_demo_city(s, read_boundary(default_boundary_file(DEMO_DISTRICT)), seed=DEMO_SEED)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)'))
        c.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{TEMPLATE}"'))
        c.execute(text(f"COMMENT ON DATABASE \"{TEMPLATE}\" IS 'xiuhua-test {fingerprint}'"))


def ensure_template() -> str:
    """Build the template database unless an up-to-date one exists; return its name."""
    fingerprint = _fingerprint()
    admin = admin_engine()
    try:
        with admin.connect() as c:
            c.execute(text("SELECT pg_advisory_lock(824417)"))
            try:
                comment = c.execute(
                    text(
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                        " WHERE datname = :n"
                    ),
                    {"n": TEMPLATE},
                ).scalar()
                if comment != f"xiuhua-test {fingerprint}":
                    _build_template(admin, fingerprint)
            finally:
                c.execute(text("SELECT pg_advisory_unlock(824417)"))
    finally:
        admin.dispose()
    return TEMPLATE
