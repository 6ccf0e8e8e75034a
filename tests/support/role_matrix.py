"""The role × endpoint matrix: every API route, how to call it, and the `world` fixture.

`world` holds a case in the demo district and one user per role in scope and one out of scope.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.api.deps import get_session
from app.cases import workflow as wf
from tests.support.api import Api
from tests.support.identity import bearer_for

ROLES = [r for r in wf.Role if r is not wf.Role.system]


# Extra query parameters for routes that would otherwise not end (streams) or need a value.
EXTRA_PARAMS: dict[str, dict[str, str]] = {"/api/v1/live/events": {"until_idle": "true"}}


SAMPLE_PATH = {
    "layer": "cell",
    "name": "cell",
    "z": "14",
    "x": "13600",
    "y": "6400",
    "fmt": "csv",
    "attachment_id": "nope",
    "service_code": "09006",
    "format": "json",
}


def routes(app: Any) -> list[tuple[Any, str]]:
    """Every effective API route (with its routers' dependencies) and method."""
    out = []
    for ctx in iter_route_contexts(app.routes):
        # documentation pages (Swagger UI, ReDoc, the / redirect) are outside the API schema
        if isinstance(ctx.original_route, APIRoute) and ctx.include_in_schema:
            for method in sorted(ctx.methods - {"HEAD", "OPTIONS"}):
                out.append((ctx, method))
    return out


def fill(path: str, case_id: int) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1).split(":")[0]
        if name.endswith("case_id") or name == "id":
            return str(case_id)
        if name in SAMPLE_PATH:
            return SAMPLE_PATH[name]
        return "1"

    return re.sub(r"\{([^}]+)\}", one, path)


def error_code(r: Any) -> str | None:
    try:
        body = r.json()
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None


def call(client: Any, method: str, route: Any, case_id: int, who: dict[str, str]) -> Any:
    # a fresh token per call: the matrix also calls /auth/logout, which revokes earlier ones
    session = client.app.dependency_overrides[get_session]().__next__()
    headers = bearer_for(session, int(who["user_id"])) if who else {}
    url = fill(route.path, case_id)
    params = EXTRA_PARAMS.get(route.path, {})
    if method in ("POST", "PUT", "PATCH"):
        return client.request(method, url, params=params, json={}, headers=headers)
    return client.request(method, url, params=params, headers=headers)


@pytest.fixture
def world(client: Any, api: Api, db_session: Session) -> dict[str, Any]:
    """A case in the demo district, and one user per role in scope and one out of scope."""
    case = api.report()  # reported by inspector 101 in 370303
    unrelated_unit = db_session.execute(
        text(
            "SELECT id FROM grid_unit WHERE id NOT IN (SELECT coalesce(routed_unit_id, 0)"
            " FROM dispatch_case) ORDER BY id DESC LIMIT 1"
        )
    ).scalar_one()

    def user(uid: int, role: str, unit: int | None, districts: list[str]) -> dict[str, str]:
        db_session.execute(
            text(
                "INSERT INTO account_user (id, username, display_name, role, unit_id,"
                " district_codes) VALUES (:i, :u, :u2, :r, :unit, CAST(:d AS varchar[]))"
            ),
            {
                "i": uid,
                "u": f"matrix-{uid}",
                "u2": f"matrix-{uid}",
                "r": role,
                "unit": unit,
                "d": "{" + ",".join(districts) + "}",
            },
        )
        db_session.flush()
        return {"user_id": str(uid)}

    inside, outside = {}, {}
    for i, role in enumerate(ROLES):
        unit = case["routed_unit_id"] if role is wf.Role.unit_handler else None
        inside[role] = user(80_000 + i, role.value, unit, ["370303"])
        other_unit = unrelated_unit if role is wf.Role.unit_handler else None
        outside[role] = user(81_000 + i, role.value, other_unit, ["370399"])
    return {"case": case, "inside": inside, "outside": outside}
