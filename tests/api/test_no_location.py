"""Cases without a point (12345 tickets whose address matched nothing) on every surface.

Regression: the command centre's inbox answered 500 while such a ticket waited (the duplicate
hint computed a radius around no point), and the statistics listed them as a fake cell
``370303000000000`` and a fake street ``370303000``. Every queue, list, map layer, export and
indicator must answer with such cases present, and statistics count them as 未定位, never as a
place.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.api.auth import allowed_roles
from app.stats import facts
from tests.support.api import DISPATCHER, LEADER, OPERATOR, Api
from tests.support.hotline import agent, file, shanghai_today
from tests.support.role_matrix import ROLES, call, routes, world

__all__ = ["world"]


def _unlocated(client: Any, db_session: Session, api: Api) -> list[dict[str, Any]]:
    h = agent(db_session)
    waiting = file(client, h, "NL-1", address_text="火星路99号")["case"]
    moving = file(client, h, "NL-2", address_text="火星路100号")["case"]
    assert waiting["point"] is None and moving["point"] is None
    moving = api.act(api.act(moving["id"], "file", LEADER), "dispatch", DISPATCHER)
    return [waiting, moving]


def test_every_get_route_answers_with_cases_without_a_point(
    client: Any, db_session: Session, api: Api, world: dict[str, Any]
) -> None:
    _unlocated(client, db_session, api)
    while facts.refresh_batch(db_session):
        pass
    problems, calls = [], 0
    for route, method in routes(client.app):
        if method != "GET":
            continue
        allowed = allowed_roles(route.dependant) or frozenset(ROLES)
        for role in ROLES:
            if role not in allowed:
                continue
            calls += 1
            r = call(client, method, route, world["case"]["id"], world["inside"][role])
            if r.status_code >= 500:
                problems.append(f"GET {route.path} {role.value} → {r.status_code}")
    assert problems == [], "\n".join(problems)
    assert calls > 50


def test_inbox_lists_a_waiting_ticket_without_a_point(
    client: Any, db_session: Session, api: Api
) -> None:
    waiting, _ = _unlocated(client, db_session, api)
    api.report()  # a located case beside it
    for role in (OPERATOR, LEADER, DISPATCHER):
        r = client.get("/api/v1/centre/inbox", headers=role)
        assert r.status_code == 200, r.text
        item = next(i for i in r.json()["items"] if i["id"] == waiting["id"])
        assert item["possible_duplicates"] == []


def test_statistics_count_them_as_unlocated_never_as_a_place(
    client: Any, db_session: Session, api: Api
) -> None:
    _unlocated(client, db_session, api)
    api.report()
    while facts.refresh_batch(db_session):
        pass
    leader = {"X-Xiuhua-Role": "leader", "X-Xiuhua-User": "7"}
    month = {"period": "month", "date": shanghai_today().isoformat()}

    def get(path: str, **params: Any) -> dict[str, Any]:
        r = client.get(f"/api/v1/stats{path}", params=params | month, headers=leader)
        assert r.status_code == 200, r.text
        return dict(r.json())

    district = get("/indicators", scope="district")
    assert sum(r["cases"] for r in district["rows"]) >= 3  # the district total counts them
    for scope in ("street", "community", "cell"):
        table = get("/indicators", scope=scope)
        assert all(not r["key"].endswith("000") for r in table["rows"]), scope
        assert table["meta"]["unlocated_cases"] >= 2, scope
        assert sum(r["cases"] for r in table["rows"]) + table["meta"]["unlocated_cases"] == sum(
            r["cases"] for r in district["rows"]
        )
    for path in ("/hotspots", "/hotspots/repeats"):
        rows = get(path, min_cases=2)["rows"] if "repeats" in path else get(path)["rows"]
        assert all(not r["key"].endswith("000") for r in rows), path
    geo = client.get("/api/v1/stats/hotspots.geojson", params=month, headers=leader)
    assert geo.status_code == 200 and "370303000000000" not in geo.text


def test_street_ranking_lists_every_street_in_ranking_order(
    client: Any, db_session: Session, api: Api
) -> None:
    _unlocated(client, db_session, api)
    api.report()
    while facts.refresh_batch(db_session):
        pass
    leader = {"X-Xiuhua-Role": "leader", "X-Xiuhua-User": "7"}
    month = shanghai_today().strftime("%Y-%m")
    r = client.get(f"/api/v1/stats/assessments/{month}", params={"kind": "street"}, headers=leader)
    assert r.status_code == 200, r.text
    rows = [x for x in r.json()["rows"] if x["district_code"] == "370303"]
    streets = db_session.execute(
        text("SELECT code FROM grid_street WHERE district_code = '370303' ORDER BY code")
    ).scalars()
    assert sorted(x["key"] for x in rows) == list(streets)  # zero-case streets too, no 370303000
    ranked = [x for x in rows if x["rank"] is not None]
    assert ranked == rows[: len(ranked)]  # unranked (no score) last
    assert [(x["rank"], x["key"]) for x in ranked] == sorted((x["rank"], x["key"]) for x in ranked)
    assert [x["key"] for x in rows[len(ranked) :]] == sorted(x["key"] for x in rows[len(ranked) :])
    assert any(x["cases"] == 0 for x in rows)


def test_lists_exports_and_map_layer_carry_them_sensibly(
    client: Any, db_session: Session, api: Api
) -> None:
    waiting, moving = _unlocated(client, db_session, api)
    located = api.report()
    leader = {"X-Xiuhua-Role": "leader", "X-Xiuhua-User": "7"}
    today = shanghai_today().isoformat()
    csv = client.get(
        "/api/v1/exports/cases.csv", params={"from": today, "to": today}, headers=leader
    )
    assert csv.status_code == 200, csv.text
    for case in (waiting, moving, located):
        assert case["case_no"] in csv.text
    lines = client.get(
        "/api/v1/exchange/cases.jsonl", params={"from": today, "to": today}, headers=leader
    )
    assert lines.status_code == 200, lines.text
    assert waiting["case_no"] in lines.text
    layer = client.get("/api/v1/map/cases", headers=DISPATCHER)
    assert layer.status_code == 200, layer.text
    numbers = {f["properties"]["case_no"] for f in layer.json()["features"]}
    assert located["case_no"] in numbers  # a point on the map; the others have none to draw
    assert waiting["case_no"] not in numbers and moving["case_no"] not in numbers
    unit = moving["assigned_unit_id"]
    queue = client.get(
        "/api/v1/units/queue",
        headers={
            "X-Xiuhua-Role": "unit_handler",
            "X-Xiuhua-User": "501",
            "X-Xiuhua-Unit": str(unit),
        },
    )
    assert queue.status_code == 200, queue.text
    assert moving["id"] in {i["id"] for i in queue.json()["items"]}
