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

from typing import Any

from app.api.auth import allowed_roles
from app.cases import workflow as wf
from tests.support.role_matrix import ROLES, call, error_code, routes, world

__all__ = ["world"]  # a fixture


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
