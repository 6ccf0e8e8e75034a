"""The per-process reference cache (app.cases.reference): an edit is seen by the next report."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.cases import reference
from app.cases.time import standards
from app.cases.time.deadlines import TimeUnit
from app.cases.workflow import Stage
from tests.support.api import Api

ADMIN = {"X-Xiuhua-Role": "admin", "X-Xiuhua-User": "1"}


def test_a_standard_edited_through_the_api_is_used_by_the_next_report(
    api: Api, client: Any
) -> None:
    first = api.report(category="event:09006")
    assert first["severity"] == "general"
    cid = client.get(
        "/api/v1/admin/categories", headers=ADMIN, params={"q": "09006", "kind": "event"}
    ).json()
    cid = next(c["id"] for c in cid if c["code"] == "09006")
    std = client.get(f"/api/v1/admin/categories/{cid}/standards", headers=ADMIN).json()[0]
    r = client.put(
        f"/api/v1/admin/standards/{std['id']}", headers=ADMIN, json={"severity": "urgent"}
    )
    assert r.status_code == 200, r.text
    second = api.report(category="event:09006")
    assert second["severity"] == "urgent"
    read = client.get(f"/api/v1/cases/{second['id']}", headers=ADMIN).json()
    assert read["severity"] == "urgent"


def test_a_stage_limit_edited_through_the_api_is_used_by_the_next_report(
    api: Api, client: Any
) -> None:
    before = api.report()
    assert [(s["stage"], s["limit_value"]) for s in before["stages"]] == [("file", 30.0)]
    r = client.put(
        "/api/v1/admin/stage-limits/file",
        headers=ADMIN,
        json={"limit_value": 45, "limit_unit": "minute"},
    )
    assert r.status_code == 200, r.text
    after = api.report()
    assert [(s["stage"], s["limit_value"]) for s in after["stages"]] == [("file", 45.0)]


def test_a_version_seen_in_a_rolled_back_edit_is_never_current_again(
    db_session: Session,
) -> None:
    base = reference.current(db_session)
    assert reference.current(db_session) is base  # unchanged version: the cached snapshot
    sp = db_session.begin_nested()
    standards.set_stage_limit(db_session, Stage.file, None, Decimal(7), TimeUnit.minute)
    inside = reference.current(db_session)
    assert inside.version != base.version
    assert inside.stage_limit(Stage.file, "inspector")[0] == 7
    sp.rollback()
    back = reference.current(db_session)
    assert back.version == base.version
    assert back.stage_limit(Stage.file, "inspector")[0] == 30
    standards.set_stage_limit(db_session, Stage.file, None, Decimal(9), TimeUnit.minute)
    again = reference.current(db_session)
    assert again.version not in (base.version, inside.version)  # a sequence: never reused
    assert again.stage_limit(Stage.file, "inspector")[0] == 9


def test_the_report_answer_is_the_case_as_read_back(api: Api, client: Any) -> None:
    """The POST answer is built from what was inserted; it must equal a fresh read."""
    from tests.support.api import INSPECTOR

    made = api.report()
    read = client.get(f"/api/v1/cases/{made['id']}", headers=INSPECTOR).json()
    made.pop("possible_duplicates")
    for view in (made, read):
        for st in view["stages"]:
            st.pop("used_ratio")  # moves with the clock between the two calls
    assert made == read


def test_an_open311_post_uses_the_standard_edited_just_before(
    client: Any, db_session: Session
) -> None:
    """Open311 reads its services from the snapshot: the next POST sees the new limit and text."""
    from tests.support.open311 import BASE, INSIDE, new_key

    key = new_key(db_session)
    data = {
        "api_key": key,
        "service_code": "event:09006",
        "lat": str(INSIDE[1]),
        "long": str(INSIDE[0]),
        "description": "人行道上有流动摊贩占道经营",
    }
    first = client.post(f"{BASE}/requests.json", data=data)
    assert first.status_code == 200, first.text
    assert "处置时限 2 工作时" in first.json()[0]["service_notice"]
    cats = client.get(
        "/api/v1/admin/categories", headers=ADMIN, params={"q": "09006", "kind": "event"}
    ).json()
    cid = next(c["id"] for c in cats if c["code"] == "09006")
    std = client.get(f"/api/v1/admin/categories/{cid}/standards", headers=ADMIN).json()[0]
    r = client.put(
        f"/api/v1/admin/standards/{std['id']}",
        headers=ADMIN,
        json={
            "limit_value": 6,
            "limit_unit": "work_hour",
            "key_limit_value": 3,  # the demo point lies in a key area (重点区域)
            "key_limit_unit": "work_hour",
            "filing_condition": "占道经营（新）",
        },
    )
    assert r.status_code == 200, r.text
    second = client.post(f"{BASE}/requests.json", data=data)
    assert second.status_code == 200, second.text
    assert "处置时限 3 工作时" in second.json()[0]["service_notice"]
    definition = client.get(f"{BASE}/services/event:09006.json").json()
    assert "占道经营（新）" in client.get(f"{BASE}/services.json").text
    assert definition["attributes"] == []  # still one condition: nothing to choose


def test_clones_of_one_database_keep_their_own_snapshots(template_db: str) -> None:
    """Clones hand out the same version numbers: one process serving two (tools, tests on
    clones) must not take one clone's snapshot for the other's."""
    from sqlalchemy import create_engine

    from tests.support.databases import admin_engine, create_database, drop_database, url_for

    admin = admin_engine()
    names = [f"xiuhua_test_refclone_{i}_{uuid.uuid4().hex[:8]}" for i in (1, 2)]
    engines = []
    try:
        for name in names:
            create_database(admin, name, template_db)
            engines.append(create_engine(url_for(name)))
        seen = []
        for minutes, engine in zip((7, 11), engines, strict=True):
            with Session(engine) as s:
                standards.set_stage_limit(s, Stage.file, None, Decimal(minutes), TimeUnit.minute)
                s.commit()
                seen.append(reference.current(s))
        assert seen[0].version == seen[1].version  # the same sequence state in both clones
        for minutes, engine in zip((7, 11), engines, strict=True):
            with Session(engine) as s:
                assert reference.current(s).stage_limit(Stage.file, "inspector")[0] == minutes
    finally:
        for engine in engines:
            engine.dispose()
        for name in names:
            drop_database(admin, name)
        admin.dispose()
