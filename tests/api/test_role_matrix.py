"""Role × endpoint matrix: every route declares its roles, and the declaration holds.

Read from the routes themselves (`Allow(...)` / `public`), so a new endpoint is covered the day it
is added, and one without a declaration fails here. For every route and every role:

- a role not allowed gets 403 (`forbidden`, or `action_forbidden` on workflow actions);
- an allowed role never gets 401/403-for-role, and no call ever gets a 500;
- without a token, every non-public route answers 401;
- a case outside the caller's scope is not found (404) on every route that takes a case id, and
  its case number appears in no list answer the out-of-scope caller gets.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.api.auth import allowed_roles
from app.api.deps import get_session
from app.cases import workflow as wf
from tests.conftest import bearer_for
from tests.support.api import Api

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


def test_every_route_declares_who_may_call_it(client: Any) -> None:
    undeclared = [
        f"{m} {r.path}" for r, m in routes(client.app) if allowed_roles(r.dependant) is None
    ]
    assert undeclared == [], "routes without Allow(...) or public: " + ", ".join(undeclared)


def test_roles_are_enforced_and_nothing_fails(client: Any, world: dict[str, Any]) -> None:
    case_id = world["case"]["id"]
    problems = []
    checked = {"allowed": 0, "refused": 0, "public": 0}
    for route, method in routes(client.app):
        allowed = allowed_roles(route.dependant)
        assert allowed is not None
        anonymous = call(client, method, route, case_id, {})
        if anonymous.status_code >= 500:
            problems.append(f"{method} {route.path} anonymous → {anonymous.status_code}")
        if not allowed:  # public
            checked["public"] += 1
            if anonymous.status_code in (401, 403):
                problems.append(f"{method} {route.path} public but {anonymous.status_code}")
            continue
        if anonymous.status_code != 401:
            problems.append(f"{method} {route.path} without token → {anonymous.status_code}")
        for role in ROLES:
            r = call(client, method, route, case_id, world["inside"][role])
            code = error_code(r)
            if r.status_code >= 500:
                problems.append(f"{method} {route.path} {role.value} → {r.status_code}")
            elif role in allowed:
                checked["allowed"] += 1
                if r.status_code == 401 or (r.status_code == 403 and code != "action_forbidden"):
                    problems.append(f"{method} {route.path} {role.value} allowed → {r.status_code}")
            elif (checked := checked | {"refused": checked["refused"] + 1}) and (
                r.status_code != 403 or code not in ("forbidden", "action_forbidden")
            ):
                problems.append(
                    f"{method} {route.path} {role.value} refused → {r.status_code} {code}"
                )
    assert problems == [], "\n".join(problems)
    assert checked["allowed"] > 100 and checked["refused"] > 100 and checked["public"] >= 10, (
        checked
    )


def test_out_of_scope_cases_are_not_found_and_do_not_leak(
    client: Any, world: dict[str, Any]
) -> None:
    case = world["case"]
    problems = []
    not_found_checks = 0
    for route, method in routes(client.app):
        allowed = allowed_roles(route.dependant) or frozenset()
        takes_case = any(p.name.endswith("case_id") for p in route.dependant.path_params)
        for role in ROLES:
            if role not in allowed or role is wf.Role.admin:
                continue
            if takes_case:
                r = call(client, method, route, case["id"], world["outside"][role])
                missing = call(client, method, route, 987_654_321, world["outside"][role])
                not_found_checks += 1
                # indistinguishable from a case that does not exist: 404 (or the same 422 when
                # the request body is refused before any case is looked up)
                seen, absent = (
                    (r.status_code, error_code(r)),
                    (missing.status_code, error_code(missing)),
                )
                if seen != absent or r.status_code not in (404, 422):
                    problems.append(f"{method} {route.path} {role.value} → {seen} vs {absent}")
                if method == "GET" and r.status_code != 404:
                    problems.append(f"GET {route.path} {role.value} → {r.status_code}, not 404")
            elif method == "GET" and not route.dependant.path_params:
                r = call(client, method, route, case["id"], world["outside"][role])
                if case["case_no"] in r.text:
                    problems.append(f"GET {route.path} shows {case['case_no']} to {role.value}")
    assert problems == [], "\n".join(problems)
    assert not_found_checks > 40, not_found_checks
