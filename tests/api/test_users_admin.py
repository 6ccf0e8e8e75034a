"""Administration of accounts: the foot-guns are refused.

Regressions: an admin could deactivate or demote itself (the last admin included); users could
be created without a password (unable to log in) or without a scope (a city-wide inspector);
an unknown unit in a body answered 404; an API message named a CLI flag.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.support.api import err
from tests.support.identity import bearer_for, ensure_test_user

ADMIN = {"X-Xiuhua-Role": "admin", "X-Xiuhua-User": "1"}
URL = "/api/v1/admin/users"
PASSWORD = "long-enough-1"


def _me(db_session: Session) -> int:
    """The calling admin (a test identity with a fixed id); new users get ids above those."""
    db_session.execute(text("SELECT setval(pg_get_serial_sequence('account_user', 'id'), 900000)"))
    return ensure_test_user(db_session, "admin", 1, None)


def _no_cli_flags(message: str) -> None:
    assert "--" not in message and "xiuhua " not in message, message


def test_the_last_active_admin_cannot_be_deactivated_or_demoted(
    client: Any, db_session: Session
) -> None:
    me = _me(db_session)
    db_session.execute(
        text("UPDATE account_user SET active = false WHERE role = 'admin' AND id <> :i"), {"i": me}
    )
    for change in ({"active": False}, {"role": "operator", "districts": ["370303"]}):
        e = err(client.patch(f"{URL}/{me}", json=change, headers=ADMIN), 409, "last_admin")
        _no_cli_flags(e["message"])
    assert client.get(f"{URL}/{me}", headers=ADMIN).json()["active"] is True
    other = client.post(
        URL, json={"username": "second-admin", "role": "admin", "password": PASSWORD}, headers=ADMIN
    )
    assert other.status_code == 201, other.text
    # with another active admin, stepping down is allowed; then that one is the last
    r = client.patch(f"{URL}/{me}", json={"role": "leader", "city_wide": True}, headers=ADMIN)
    assert r.status_code == 200, r.text
    second = other.json()["id"]
    client.patch(f"{URL}/{second}", json={"password": PASSWORD}, headers=ADMIN)
    as_second = bearer_for(db_session, second)
    r = client.patch(f"{URL}/{second}", json={"active": False}, headers=as_second)
    err(r, 409, "last_admin")  # itself, now the last one


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "operator"}, "districts"),
        ({"role": "shift_leader"}, "districts"),
        ({"role": "dispatcher"}, "districts"),
        ({"role": "hotline_agent"}, "districts"),
        ({"role": "leader"}, "districts"),
        ({"role": "inspector"}, "cells"),
        ({"role": "unit_handler"}, "unit"),
    ],
)
def test_a_scoped_role_needs_its_scope(
    client: Any, db_session: Session, body: dict[str, Any], field: str
) -> None:
    _me(db_session)
    full = {"username": f"u-{body['role']}", "password": PASSWORD} | body
    e = err(client.post(URL, json=full, headers=ADMIN), 422, "scope_required")
    assert e["detail"]["field"] == field
    _no_cli_flags(e["message"])
    if field == "unit":
        return
    ok = client.post(URL, json=full | {"city_wide": True}, headers=ADMIN)  # explicit: whole city
    assert ok.status_code == 201, ok.text
    assert ok.json()["districts"] == []
    scoped = full | {"username": full["username"] + "-d", "districts": ["370303"]}
    assert client.post(URL, json=scoped, headers=ADMIN).status_code == 201


def test_a_user_without_password_can_only_be_created_disabled(
    client: Any, db_session: Session
) -> None:
    _me(db_session)
    body = {"username": "nopass", "role": "operator", "districts": ["370303"]}
    e = err(client.post(URL, json=body, headers=ADMIN), 422, "password_required")
    _no_cli_flags(e["message"])
    r = client.post(URL, json=body | {"active": False}, headers=ADMIN)
    assert r.status_code == 201 and r.json()["active"] is False
    uid = r.json()["id"]
    err(
        client.patch(f"{URL}/{uid}", json={"active": True}, headers=ADMIN), 422, "password_required"
    )
    r = client.patch(f"{URL}/{uid}", json={"password": PASSWORD, "active": True}, headers=ADMIN)
    assert r.status_code == 200 and r.json()["active"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "unit_handler", "unit": "NO-SUCH-UNIT"}, "unit"),
        ({"role": "operator", "districts": ["999999"]}, "districts"),
        ({"role": "inspector", "communities": ["370303999999"]}, "communities"),
        ({"role": "inspector", "cells": ["370303999999999"]}, "cells"),
    ],
)
def test_unknown_references_are_422_naming_the_field(
    client: Any, db_session: Session, body: dict[str, Any], field: str
) -> None:
    _me(db_session)
    full = {"username": "ref-user", "password": PASSWORD} | body
    e = err(client.post(URL, json=full, headers=ADMIN), 422, "unknown_reference")
    assert e["detail"]["field"] == field
    assert client.get(URL, headers=ADMIN).json()  # nothing half-created is visible
    assert all(u["username"] != "ref-user" for u in client.get(URL, headers=ADMIN).json())
