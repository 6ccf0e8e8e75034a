"""schemathesis over the whole OpenAPI document, as several roles: no 5xx, answers match schemas.

Every operation gets FUZZ_EXAMPLES generated requests (hypothesis, bounded); each request is sent
once per role in ROLES with a real access token, checked with `not_a_server_error` and
`response_schema_conformance` (where the operation documents a schema). The database is a clone
of the template of this module's own, so whatever the requests create is real and committed.
Skipped: the live feed (`/api/v1/live/events`), an endless Server-Sent Events stream.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

ROLES = ("admin", "dispatcher", "unit_handler", "inspector", "leader")
FUZZ_EXAMPLES = int(os.environ.get("XIUHUA_FUZZ_EXAMPLES", "2"))
STREAMING = "/api/v1/live/events"  # an endless SSE stream: no single answer to validate

pytestmark = pytest.mark.xdist_group("openapi_fuzz")  # one module DB, one worker


@pytest.fixture(scope="module")
def fuzz_db(template_db: str) -> Iterator[str]:
    from tests.support.databases import admin_engine, create_database, drop_database, url_for

    name = f"xiuhua_test_fuzz_{uuid.uuid4().hex[:8]}"
    admin = admin_engine()
    create_database(admin, name, template_db)
    try:
        yield url_for(name)
    finally:
        drop_database(admin, name)
        admin.dispose()


@pytest.fixture(scope="module")
def fuzz_env(fuzz_db: str) -> Iterator[None]:
    """Point the app's engine at this module's database (the app reads it per request)."""
    from app.core.config import get_settings
    from app.core.db import get_engine

    previous = os.environ.get("XIUHUA_DATABASE_URL")
    os.environ["XIUHUA_DATABASE_URL"] = fuzz_db
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        yield
    finally:
        get_engine(fuzz_db).dispose()
        if previous is not None:
            os.environ["XIUHUA_DATABASE_URL"] = previous
        get_settings.cache_clear()
        get_engine.cache_clear()


@pytest.fixture(scope="module")
def role_headers(fuzz_db: str) -> dict[str, dict[str, str]]:
    from tests.support.reliability import tokens

    return tokens(fuzz_db, ROLES)


def _app() -> Any:
    from app.main import create_app

    return create_app()


# Built at collection (no database is touched until a request); one test per operation.
schema = schemathesis.openapi.from_asgi("/openapi.json", _app()).exclude(path=STREAMING)


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_for_any_role(
    case: Any, fuzz_env: None, role_headers: dict[str, dict[str, str]]
) -> None:
    for role in ROLES:
        case.call_and_validate(
            headers=role_headers[role],
            checks=[not_a_server_error, response_schema_conformance],
        )
