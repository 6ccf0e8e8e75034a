"""Incomplete configuration: a catalogue without filing standards (立结案标准).

Regression: on such a database Open311 `services` listed 400+ services and every POST answered
404 "该类别没有可用的立案条件". Only categories that can be accepted are offered; a staff report
of an unconfigured category is a 503 naming the fix (no CLI flags); /readyz reports the gap.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.support.api import INSPECTOR, Api, err
from tests.support.open311 import BASE, INSIDE, check_error, new_key

KEEP = ("event", "09006")  # the one category left with its standards


def _drop_standards(db_session: Session, keep: bool = True) -> None:
    db_session.execute(
        text(
            "UPDATE dispatch_filing_standard f SET active = false FROM dispatch_category c"
            " WHERE c.id = f.category_id AND NOT (:keep AND c.kind = :k AND c.code = :c)"
        ),
        {"keep": keep, "k": KEEP[0], "c": KEEP[1]},
    )
    db_session.flush()


def test_readyz_is_ok_on_a_configured_database(client: Any) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ok" and body["warnings"] == []


def test_only_acceptable_services_are_listed(client: Any, db_session: Session) -> None:
    before = client.get(f"{BASE}/services.json").json()
    assert len(before) > 100
    _drop_standards(db_session)
    services = client.get(f"{BASE}/services.json").json()
    assert [s["service_code"] for s in services] == [":".join(KEEP)]
    key = new_key(db_session)
    form = {"api_key": key, "lat": str(INSIDE[1]), "long": str(INSIDE[0]), "description": "测试"}
    r = client.post(f"{BASE}/requests.json", data=form | {"service_code": "event:06010"})
    assert "没有服务类型" in check_error(r, 404, "json")
    r = client.post(f"{BASE}/requests.json", data=form | {"service_code": ":".join(KEEP)})
    assert r.status_code == 200, r.text


def test_missing_standards_are_a_clear_error_and_reported_by_readyz(
    client: Any, db_session: Session, api: Api
) -> None:
    _drop_standards(db_session, keep=False)
    e = err(api.report_raw(INSPECTOR, category="event:06010"), 503, "category_not_configured")
    assert "立结案标准" in e["message"] and "管理员" in e["message"]
    assert "--" not in e["message"] and "xiuhua " not in e["message"]
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "degraded"
    (warning,) = body["warnings"]
    assert warning["code"] == "categories_without_standards" and warning["count"] > 100
    assert "立结案标准" in warning["message"] and "--" not in warning["message"]
    assert client.get(f"{BASE}/services.json").json() == []


def test_an_unknown_condition_number_is_a_422_naming_the_field(api: Api) -> None:
    e = err(api.report_raw(condition=99), 422, "invalid_input")
    assert e["detail"]["field"] == "condition"
    assert "99" in e["message"]


def test_missing_stage_limits_are_reported(client: Any, db_session: Session) -> None:
    db_session.execute(text("DELETE FROM dispatch_stage_limit WHERE stage = 'check'"))
    db_session.flush()
    body = client.get("/readyz").json()
    codes = {w["code"]: w for w in body["warnings"]}
    assert "核查" in codes["stage_limits_missing"]["message"]
