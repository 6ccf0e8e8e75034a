"""Test databases on the real PostGIS server.

- A template database (migrations + default catalogue + the 张店区 demo city, seed 1) is built
  once and reused across runs while its fingerprint (migrations, demo code, data) is unchanged.
- Each xdist worker clones it once; each test runs in a transaction rolled back at the end.
- Tests that need real commits take `fresh_db_url`: their own clone, dropped afterwards.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from app.core.config import get_settings

# Photos written by the tests go to a scratch directory (subprocesses inherit it).
os.environ.setdefault("XIUHUA_SWEEPER_INTERVAL_S", "0")  # tests start their own sweeps
os.environ.setdefault("XIUHUA_STATS_REFRESH_INTERVAL_S", "0")  # and their own stats refreshes
os.environ.setdefault("XIUHUA_ATTACHMENT_DIR", tempfile.mkdtemp(prefix="xiuhua-test-photos-"))
# Test-only secrets (a deployment's come from its .env, written by `make run`).
os.environ.setdefault("XIUHUA_ENVIRONMENT", "test")  # the fixed test keys are not secrets
os.environ.setdefault("XIUHUA_JWT_SECRET", "test-secret-" + "x" * 40)
os.environ.setdefault("XIUHUA_PII_KEY", "dGVzdC1waWkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=")

# Tests use only databases the suite creates itself. The default database (the one `make run`
# fills) is pointed at a name that never exists, so a test or an app path that silently falls
# back to it fails on every machine, not only on a fresh one.
NO_DEFAULT_DB = "xiuhua_test_no_default_database"
os.environ["XIUHUA_DATABASE_URL"] = (
    make_url(get_settings().database_url)
    .set(database=NO_DEFAULT_DB)
    .render_as_string(hide_password=False)
)
get_settings.cache_clear()

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEMO_DISTRICT = "370303"
DEMO_SEED = 1
TEMPLATE = os.environ.get("XIUHUA_TEST_TEMPLATE_DB", "xiuhua_test_tpl")


def _url_for(database: str) -> str:
    return (
        make_url(get_settings().database_url)
        .set(database=database)
        .render_as_string(hide_password=False)
    )


def _admin_engine() -> Engine:
    return create_engine(_url_for("postgres"), isolation_level="AUTOCOMMIT")


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
    url = _url_for(building)
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
    admin = _admin_engine()
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


@pytest.fixture(scope="session")
def template_db() -> str:
    """The name of the migrated, demo-loaded template database."""
    return ensure_template()


@pytest.fixture(scope="session")
def worker_db_url(template_db: str, worker_id: str) -> Iterator[str]:
    """This worker's own clone of the template."""
    name = f"{template_db}_{worker_id}_{os.getpid()}"
    admin = _admin_engine()
    create_database(admin, name, template_db)
    yield _url_for(name)
    drop_database(admin, name)
    admin.dispose()


@pytest.fixture(scope="session")
def engine(worker_db_url: str) -> Iterator[Engine]:
    """Engine on the worker database."""
    eng = create_engine(worker_db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test."""
    conn = engine.connect()
    trans = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        trans.rollback()
        conn.close()


@pytest.fixture
def fresh_db_url(template_db: str) -> Iterator[str]:
    """A database of the test's own (a clone of the template) for tests that commit."""
    name = f"xiuhua_test_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    create_database(admin, name, template_db)
    yield _url_for(name)
    drop_database(admin, name)
    admin.dispose()


def override_feed_sessions(app: Any, session_of: Callable[[], Session]) -> None:
    """Point the live feed's short read transactions at the test's own session."""
    from app.api import live

    @contextmanager
    def one() -> Iterator[Session]:
        yield session_of()

    app.dependency_overrides[live.feed_sessions] = lambda: one


def override_readiness(app: Any, session_of: Callable[[], Session]) -> None:
    """Point /readyz's own probe connection at the test's session."""
    from app.api import health

    app.dependency_overrides[health.readiness_probe] = lambda: (
        lambda: health.check_ready(session_of())
    )


@pytest.fixture
def client(db_session: Session) -> Iterator[object]:
    """A TestClient whose requests use the rolled-back test session."""
    from fastapi.testclient import TestClient

    from app.api.deps import get_session
    from app.main import create_app

    app = create_app()

    def _session() -> Iterator[Session]:
        yield db_session

    app.dependency_overrides[get_session] = _session
    override_feed_sessions(app, lambda: db_session)
    override_readiness(app, lambda: db_session)
    with TestClient(app) as c:
        install_test_identity(c, lambda: db_session)
        check_answers(c)
        yield c


@pytest.fixture
def freeze_now(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[datetime], None]]:
    """Return `freeze(at)`: from then on the routes' "now" (`NowDep`) is `at`.

    The one clock fixture of the API tests. Tokens keep the wall clock (`app.api.auth.token_clock`),
    so the test identities stay valid at any frozen instant.
    """
    from app.api.deps import get_now

    def freeze(at: datetime) -> None:
        client.app.dependency_overrides[get_now] = lambda: at

    yield freeze
    client.app.dependency_overrides.pop(get_now, None)


_ANSWER_SCHEMAS: list[Any] = []  # the OpenAPI document's answer schemas, built once


def check_answers(client: Any) -> None:
    """Make every 2xx JSON answer `client` receives match its documented schema (or fail)."""
    from tests.support.schema_check import AnswerSchemas

    if not _ANSWER_SCHEMAS:
        _ANSWER_SCHEMAS.append(AnswerSchemas(client.app.openapi()))
    schemas = _ANSWER_SCHEMAS[0]

    def check(response: Any) -> None:
        response.read()
        problem = schemas.problems(
            response.request.method,
            response.request.url.path,
            response.status_code,
            response.headers.get("content-type", ""),
            response.content,
        )
        assert problem is None, "answer does not match the OpenAPI document: " + problem

    client.event_hooks["response"].append(check)


# --- identities for API tests -------------------------------------------------------------------
# API tests say who calls with the test headers `X-Xiuhua-Role`, `X-Xiuhua-User`, `X-Xiuhua-Unit`.
# A request hook turns them into a real user row (created on first use, in the test's own
# transaction) and a real signed access token: the server only ever sees `Authorization: Bearer`.
# The role × endpoint matrix and the end-to-end channel tests log in with passwords instead.

TEST_ROLE_USER = {  # a default user id per role when a test gives none
    "inspector": 9001,
    "operator": 9002,
    "shift_leader": 9003,
    "dispatcher": 9004,
    "unit_handler": 9005,
    "hotline_agent": 9006,
    "leader": 9007,
    "admin": 9008,
}


def test_user_id(role: str, user: int | None, unit: int | None) -> int:
    """The user id a test identity maps to: the given id, made unique per unit for handlers."""
    base = user if user is not None else TEST_ROLE_USER[role]
    return base if unit is None else 1_000_000 + unit * 1000 + base % 1000


def ensure_test_user(session: Session, role: str, user: int | None, unit: int | None) -> int:
    """Create (once) the user behind a test identity; return its id."""
    uid = test_user_id(role, user, unit)
    if role == "unit_handler" and unit is None:  # a handler always belongs to a unit
        unit = session.execute(text("SELECT min(id) FROM grid_unit")).scalar_one()
    session.execute(
        text(
            "INSERT INTO account_user (id, username, display_name, role, unit_id, active,"
            " token_version) VALUES (:id, :u, :n, :r, :unit, true, 0)"
            " ON CONFLICT (id) DO NOTHING"
        ),
        {"id": uid, "u": f"test-{role}-{uid}", "n": f"test-{role}-{uid}", "r": role, "unit": unit},
    )
    return uid


def bearer_for(session: Session, user_id: int) -> dict[str, str]:
    """Return an Authorization header with a fresh access token of `user_id`."""
    from app.core.clock import now
    from app.identity.models import User
    from app.identity.service import issue_tokens

    user = session.get(User, user_id, populate_existing=True)  # token_version may have moved
    assert user is not None, user_id
    return {"Authorization": f"Bearer {issue_tokens(user, now()).access_token}"}


def install_test_identity(client: object, session_of: object) -> None:
    """Make `client` turn X-Xiuhua-* test headers into a real user and bearer token."""
    from app.identity.models import ROLE_CODES

    def hook(request: object) -> None:
        headers = request.headers  # type: ignore[attr-defined]
        role = headers.pop("X-Xiuhua-Role", None)
        user = headers.pop("X-Xiuhua-User", None)
        unit = headers.pop("X-Xiuhua-Unit", None)
        if role is None or "Authorization" in headers:
            return
        if role not in ROLE_CODES:  # "", "system", "mayor": no identity a user could hold
            headers["Authorization"] = "Bearer not-a-valid-token"
            return
        session = session_of()  # type: ignore[operator]
        uid = ensure_test_user(
            session, role, int(user) if user else None, int(unit) if unit else None
        )
        session.flush()
        headers.update(bearer_for(session, uid))

    client.event_hooks = {"request": [hook], "response": []}  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project (tests may read it; the product never does)."""
    return SHARED


def new_photo(session: Session, kind: str = "after") -> str:
    """Store a small real JPEG as an attachment and return its id (for actions that need photos)."""
    from PIL import Image

    from app.cases.attachments import PhotoKind, store_photo
    from app.core.clock import now

    buf = io.BytesIO()
    Image.new("RGB", (16, 12), (120, 160, 90)).save(buf, "JPEG")
    buf.seek(0)
    return store_photo(session, buf, PhotoKind(kind), None, now()).id
