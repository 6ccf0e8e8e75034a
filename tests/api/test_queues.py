"""HTTP: the unit work queue and the command centre's lists (issue #4), against real PostGIS.

Cases are reported and driven through the real API (`tests.support.api.Api`). Where a
test needs a given light, it rewrites the open clock's instants in its own (rolled-back)
transaction; where it needs the sweeper, it runs `sweep_batch` at a future instant.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.time.sweeper import sweep_batch
from app.core.config import get_settings
from tests.support.api import (
    DISPATCHER,
    HOTLINE,
    INSPECTOR,
    LEADER,
    OPERATOR,
    PHOTO,
    Api,
    Headers,
    err,
    handler,
    who,
)
from tests.support.identity import bearer_for, ensure_test_user

UQ = "/api/v1/units/queue"
CENTRE = "/api/v1/centre"


# --- fixtures and helpers -------------------------------------------------------------------------


def _point(session: Session, where: str = "true", offset: int = 1234) -> tuple[float, float]:
    x, y = session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            f" WHERE valid_to IS NULL AND area_m2 > 9999 AND mgmt_class = 'normal' AND {where}"
            " ORDER BY code LIMIT 1 OFFSET :o) q"
        ),
        {"o": offset},
    ).one()
    return float(x), float(y)


@pytest.fixture
def spot(db_session: Session) -> tuple[float, float]:
    """A point in a normal cell of 四宝山镇 where event:09006 routes to 综合行政执法局."""
    return _point(db_session)


@pytest.fixture
def units(db_session: Session) -> dict[str, int]:
    return {code: uid for code, uid in db_session.execute(text("SELECT code, id FROM grid_unit"))}


@pytest.fixture
def api(client: Any, spot: tuple[float, float]) -> Api:
    return Api(client, spot)


def get(client: Any, path: str, headers: Headers, **params: Any) -> dict[str, Any]:
    r = client.get(path, headers=headers, params=params)
    assert r.status_code == 200, r.text
    return dict(r.json())


def ids(body: dict[str, Any]) -> list[int]:
    return [i["id"] for i in body["items"]]


def walk(client: Any, path: str, headers: Headers, limit: int, **params: Any) -> list[int]:
    """Read every page of a list; return the ids in order."""
    seen: list[int] = []
    cursor = None
    for _ in range(100):
        body = get(client, path, headers, limit=limit, cursor=cursor, **params)
        assert len(body["items"]) <= limit
        seen += ids(body)
        cursor = body["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("pagination did not end")


def set_clock(
    db: Session, case_id: int, light: str, *, minutes: float = 0, stage: str | None = None
) -> None:
    """Move the case's open clocks so that they show `light` now (`minutes` shifts the due time)."""
    now = datetime.now(UTC)
    shift = timedelta(minutes=minutes)
    due, yellow = {
        "red": (now - timedelta(hours=1), now - timedelta(hours=2)),
        "yellow": (now + timedelta(hours=1), now - timedelta(hours=1)),
        "green": (now + timedelta(hours=3), now + timedelta(hours=2)),
    }[light]
    db.execute(
        text(
            "UPDATE dispatch_case_stage SET due_at = :d, yellow_at = :y,"
            " started_at = least(started_at, :y - interval '1 hour')"
            " WHERE case_id = :c AND stopped_at IS NULL AND (CAST(:s AS text) IS NULL OR stage = :s)"
        ),
        {"d": due + shift, "y": yellow + shift, "c": case_id, "s": stage},
    )


def set_severity(db: Session, case_id: int, severity: str) -> None:
    db.execute(
        text("UPDATE dispatch_case SET severity = :s WHERE id = :c"), {"s": severity, "c": case_id}
    )


def scoped(db: Session, role: str, user_id: int, districts: list[str]) -> Headers:
    """A real user of `role` limited to `districts`, with a bearer token."""
    db.execute(
        text(
            "INSERT INTO account_user (id, username, display_name, role, district_codes, active,"
            " token_version) VALUES (:i, :u, :n, :r, CAST(:d AS varchar[]), true, 0)"
        ),
        {
            "i": user_id,
            "u": f"scoped-{role}-{user_id}",
            "n": f"scoped {user_id}",
            "r": role,
            "d": districts,
        },
    )
    db.flush()
    return bearer_for(db, user_id)


def move_to_district(db: Session, case_id: int, district: str) -> None:
    """Turn a case into another district's case (the demo city has one district)."""
    db.execute(
        text("UPDATE dispatch_case SET district_code = :d WHERE id = :c"),
        {"d": district, "c": case_id},
    )


# --- the unit queue: scope ------------------------------------------------------------------------


def test_unit_queue_is_scoped_to_the_callers_unit(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg, zj = units["370303-CG"], units["370303-ZJ"]
    mine = [api.dispatched(cg)["id"], api.signed(cg)["id"]]
    theirs = api.dispatched(zj)["id"]
    assert sorted(ids(get(client, UQ, handler(cg)))) == sorted(mine)
    assert ids(get(client, UQ, handler(zj))) == [theirs]
    for held in ("redispatched", "all"):
        assert theirs not in ids(get(client, UQ, handler(cg), held=held))
    assert ids(get(client, UQ, handler(units["370303-SW"]))) == []
    assert ids(get(client, UQ + "/history", handler(zj))) == []
    assert get(client, UQ + "/counts", handler(zj))["assigned"] == 1
    assert get(client, UQ + "/counts", handler(cg))["assigned"] == 2
    # another unit's sub-units: not found (404, not 403)
    err(client.get(f"/api/v1/units/{cg}/sub-units", headers=handler(zj)), 404, "not_found")
    assert get(client, f"/api/v1/units/{zj}/sub-units", handler(zj))["items"] == [
        {
            "id": units["370303-SZ"],
            "code": "370303-SZ",
            "name": "张店区市政工程服务中心",
            "kind": "center",
            "contact_name": None,
            "open_cases": 0,
        }
    ]
    # roles: the queue is for unit handlers, the centre lists for the centre
    for role in ("dispatcher", "operator", "inspector", "leader"):
        err(client.get(UQ, headers=who(role)), 403, "forbidden")
    for path in ("/inbox", "/dispatch-board", "/approvals", "/supervision", "/counts"):
        err(client.get(CENTRE + path, headers=handler(cg)), 403, "forbidden")
        err(client.get(CENTRE + path, headers=INSPECTOR), 403, "forbidden")
        assert client.get(CENTRE + path).status_code == 401
    assert client.get(UQ).status_code == 401


def test_every_queue_endpoint_declares_its_roles() -> None:
    from fastapi.routing import APIRoute

    from app.api import queues
    from app.api.auth import CENTRE_ROLES, allowed_roles
    from app.cases import workflow as wf

    found = {
        route.path: allowed_roles(route.dependant)
        for router in (queues.units_router, queues.centre_router)
        for route in router.routes
        if isinstance(route, APIRoute)
    }
    assert len(found) == 13, found
    for path, roles in found.items():
        if path.startswith("/api/v1/units"):
            assert roles == frozenset({wf.Role.unit_handler}), path
        elif path.endswith("/dispatch"):
            assert roles == frozenset({wf.Role.dispatcher}), path
        elif path.endswith("/supervision"):  # leaders read the 督办 list too
            assert roles == frozenset({*CENTRE_ROLES, wf.Role.leader}), path
        elif path.endswith("/to-close"):  # 待结案: the shift leader closes
            assert roles == frozenset({wf.Role.shift_leader}), path
        else:
            assert path.startswith("/api/v1/centre/"), path
            assert roles == frozenset(CENTRE_ROLES), path


# --- the unit queue: order, items -----------------------------------------------------------------


def test_unit_queue_orders_red_yellow_green_then_severity_then_due(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    made = {name: api.dispatched(cg)["id"] for name in "ABCDEFG"}
    plan = {  # name: (light, severity, due shift in minutes)
        "A": ("green", "general", 0),
        "B": ("red", "general", -60),  # more overdue, but 一般
        "C": ("green", "urgent", 30),
        "D": ("yellow", "minor", 0),
        "E": ("red", "urgent", 0),
        "F": ("green", "urgent", 10),
        "G": ("yellow", "serious", 5),
    }
    for name, (light, severity, shift) in plan.items():
        set_clock(db_session, made[name], light, minutes=shift)
        set_severity(db_session, made[name], severity)
    body = get(client, UQ, handler(cg))
    assert ids(body) == [made[n] for n in "EBGDFCA"]
    by_id = {i["id"]: i for i in body["items"]}
    e = by_id[made["E"]]
    assert (e["light"], e["light_label"], e["overdue"]) == ("red", "红灯（超期）", True)
    assert (e["severity"], e["severity_label"]) == ("urgent", "紧急")
    assert by_id[made["G"]]["light"] == "yellow" and by_id[made["A"]]["light"] == "green"
    # the compact summary and the links to the per-action endpoints
    a = by_id[made["A"]]
    for key in ("case_no", "category", "address_text", "grid_code", "street", "due_at"):
        assert key in a
    assert a["street"] == {"code": "370303001", "name": "四宝山镇"}
    assert a["category"] == {"kind": "event", "code": "09006", "name": "占道经营"}
    assert a["clock"]["stage"] == "handle" and a["clock"]["unit_id"] == cg
    assert a["allowed_actions"] == [
        "sign",
        "redispatch",
        "return_request",
        "extend_request",
        "suspend_request",
    ]
    assert a["links"]["actions"]["sign"] == f"/api/v1/cases/{a['id']}/actions/sign"
    assert body["actions"]["extend_request"]["body"] == ["note", "hours"]
    assert body["actions"]["redispatch"]["body"] == ["unit_id"]
    # the queue's allowed actions are exactly the case read's
    assert api.get(a["id"], handler(cg))["allowed_actions"] == a["allowed_actions"]
    # badges agree with the list
    counts = get(client, UQ + "/counts", handler(cg))
    assert (counts["assigned"], counts["red"], counts["yellow"], counts["unsigned"]) == (7, 2, 2, 7)


def test_a_fresh_case_uses_none_of_its_time(api: Api, client: Any, units: dict[str, int]) -> None:
    cg = units["370303-CG"]
    case = api.dispatched(cg)
    (item,) = get(client, UQ, handler(cg))["items"]
    assert item["id"] == case["id"] and item["used_ratio"] == 0.0
    handle = next(s for s in case["stages"] if s["stage"] == "handle")
    assert datetime.fromisoformat(item["due_at"]) == datetime.fromisoformat(handle["due_at"])


def test_sweeper_red_counts_even_before_the_live_clock_says_so(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    case = api.dispatched(cg)
    db_session.execute(
        text(
            "UPDATE dispatch_case_stage SET light = 'red' WHERE case_id = :c AND stage = 'handle'"
        ),
        {"c": case["id"]},
    )
    (item,) = get(client, UQ, handler(cg))["items"]
    assert item["light"] == "red"
    assert ids(get(client, UQ, handler(cg), overdue="true")) == [case["id"]]


# --- the unit queue: filters ----------------------------------------------------------------------


def test_unit_queue_filters(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    h = handler(cg)
    plain = api.dispatched(cg)["id"]
    signed = api.signed(cg)["id"]
    flyers = api.dispatched(cg, category="event:07001")["id"]
    other_street = Api(client, _point(db_session, "street_code <> '370303001'", 10)).dispatched(cg)
    assert other_street["street_code"] != "370303001"
    extending = api.act(api.signed(cg), "extend_request", h, hours=8, note="需要协调")["id"]
    suspended = api.act(api.signed(cg), "suspend_request", h, note="等待施工")
    suspended = api.act(suspended, "suspend_approve", DISPATCHER)["id"]
    handled = api.handled(cg)["id"]
    late = api.dispatched(cg)["id"]
    set_clock(db_session, late, "red")
    warned = api.dispatched(cg)["id"]
    set_clock(db_session, warned, "yellow")

    working = {plain, signed, flyers, other_street["id"], extending, suspended, late, warned}
    assert set(ids(get(client, UQ, h))) == working
    assert ids(get(client, UQ, h, status="suspended")) == [suspended]
    assert ids(get(client, UQ, h, status="handled")) == [handled]
    assert set(ids(get(client, UQ, h, status="dispatched,handled"))) == working - {suspended} | {
        handled
    }
    assert ids(get(client, UQ, h, category="event:07001")) == [flyers]
    assert set(ids(get(client, UQ, h, category=["event:07001", "event:09006"]))) == working
    assert ids(get(client, UQ, h, street=other_street["street_code"])) == [other_street["id"]]
    assert set(ids(get(client, UQ, h, street="370303001"))) == working - {other_street["id"]}
    assert ids(get(client, UQ, h, overdue="true")) == [late]
    assert set(ids(get(client, UQ, h, overdue="false"))) == working - {late}
    assert ids(get(client, UQ, h, light="yellow")) == [warned]
    assert ids(get(client, UQ, h, light="red,yellow")) == [late, warned]
    assert set(ids(get(client, UQ, h, signed="true"))) == {signed, extending, suspended}
    assert set(ids(get(client, UQ, h, signed="false"))) == working - {signed, extending, suspended}
    assert ids(get(client, UQ, h, pending="extend")) == [extending]
    assert ids(get(client, UQ, h, pending="any")) == [extending]
    assert extending not in ids(get(client, UQ, h, pending="none"))
    assert ids(get(client, UQ, h, pending="return")) == []
    one = get(client, UQ, h, pending="extend")["items"][0]
    assert (one["pending"], one["pending_label"]) == ("extend", "延期")
    # filters combine (AND) and are echoed back
    body = get(client, UQ, h, signed="false", category="event:09006", overdue="false")
    assert set(ids(body)) == {plain, other_street["id"], warned}
    assert body["filters"]["signed"] is False and body["filters"]["overdue"] is False


def test_bad_parameters_are_precise_422s(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    h = handler(cg)
    for _ in range(3):
        api.dispatched(cg)
    bad = {
        "status": "finished",
        "held": "mine",
        "light": "blue",
        "pending": "maybe",
        "overdue": "sometimes",
        "signed": "2",
        "category": "event:99999",
        "street": "370303999",
        "updated_since": "2026-11-21T10:00:00",
        "limit": "0",
    }
    for name, value in bad.items():
        body = err(client.get(UQ, headers=h, params={name: value}), 422, "invalid_filter")
        assert name in body["message"], body
    assert (
        "可选"
        in err(client.get(UQ, headers=h, params={"status": "x"}), 422, "invalid_filter")["message"]
    )
    for value in ("12", "abc", "3703030010"):
        err(client.get(UQ, headers=h, params={"street": value}), 422, "invalid_filter")
    for value in ("-1", "abc", "²", "１", str(get_settings().queue_max_page_size + 1)):
        err(client.get(UQ, headers=h, params={"limit": value}), 422, "invalid_filter")
    assert len(ids(get(client, UQ, h, limit=get_settings().queue_max_page_size))) == 3
    # a misspelt parameter must not silently widen the list
    body = err(client.get(UQ, headers=h, params={"stauts": "handled"}), 422, "invalid_filter")
    assert "stauts" in body["message"] and body["detail"]["unknown"] == ["stauts"]
    err(
        client.get(CENTRE + "/inbox", headers=OPERATOR, params={"kind": "x"}), 422, "invalid_filter"
    )
    # cursors: garbage, another list's, other filters, tampered keys
    for cursor in ("garbage", "x" * 5000, base64.urlsafe_b64encode(b"[1,2]").decode()):
        err(client.get(UQ, headers=h, params={"cursor": cursor}), 422, "invalid_cursor")
    first = get(client, UQ, h, limit=1)
    cursor = first["next_cursor"]
    assert cursor
    assert len(ids(get(client, UQ, h, limit=1, cursor=cursor))) == 1
    body = err(
        client.get(UQ, headers=h, params={"cursor": cursor, "signed": "false"}),
        422,
        "invalid_cursor",
    )
    assert "筛选条件" in body["message"]
    err(
        client.get(CENTRE + "/inbox", headers=OPERATOR, params={"cursor": cursor}),
        422,
        "invalid_cursor",
    )
    raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for key in (
        [1, 2],
        ["x", 1, "2026-11-21T00:00:00+00:00", 1],
        [0, 0, "not a time", 1],
        [2**70, 0, raw["k"][2], 1],
    ):
        forged = base64.urlsafe_b64encode(json.dumps(raw | {"k": key}).encode()).decode()
        err(client.get(UQ, headers=h, params={"cursor": forged}), 422, "invalid_cursor")
    # cursors expire (and cannot come from the future): a forged instant is refused too
    for shift in (timedelta(seconds=get_settings().queue_cursor_ttl_s + 60), -timedelta(hours=1)):
        when = (datetime.fromisoformat(raw["t"]) - shift).isoformat()
        forged = base64.urlsafe_b64encode(json.dumps(raw | {"t": when}).encode()).decode()
        body = err(client.get(UQ, headers=h, params={"cursor": forged}), 422, "invalid_cursor")
        assert "过期" in body["message"]
    since = {"updated_since": "2026-01-01T00:00:00Z", "limit": 1}
    refresh = get(client, UQ, h, **since)["next_cursor"]
    tail = json.loads(base64.urlsafe_b64decode(refresh + "=" * (-len(refresh) % 4)))
    ancient = base64.urlsafe_b64encode(
        json.dumps(tail | {"t": "0001-01-01T00:00:00+00:00"}).encode()
    )
    err(
        client.get(UQ, headers=h, params={"cursor": ancient.decode()} | since),
        422,
        "invalid_cursor",
    )
    err(
        client.get(CENTRE + "/dispatch-board", headers=DISPATCHER, params={"routed_unit": "²"}),
        422,
        "invalid_filter",
    )
    # ids in paths and bodies
    err(client.get("/api/v1/units/0/sub-units", headers=h), 422, "invalid_request")
    err(client.get(f"/api/v1/units/{2**70}/sub-units", headers=h), 422, "invalid_request")
    err(client.post(UQ + "/sign", json={"case_ids": [0]}, headers=h), 422, "invalid_request")
    err(client.post(UQ + "/sign", json={"case_ids": [2**64]}, headers=h), 422, "invalid_request")
    err(client.post(UQ + "/sign", json={"case_ids": []}, headers=h), 422, "invalid_input")
    err(client.post(UQ + "/sign", json={}, headers=h), 422, "invalid_request")
    err(
        client.post(f"{CENTRE}/dispatch-board/{2**70}/dispatch", headers=DISPATCHER),
        422,
        "invalid_request",
    )


# --- cursors and incremental refresh ----------------------------------------------------------------


def test_cursor_pages_neither_repeat_nor_skip_while_cases_arrive(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    h = handler(cg)
    lights = ["red", "green", "yellow", "green", "red", "yellow", "green", "green"]
    originals = []
    for light in lights:
        cid = api.dispatched(cg)["id"]
        set_clock(db_session, cid, light)
        originals.append(cid)
    full = ids(get(client, UQ, h))
    assert sorted(full) == sorted(originals)

    page1 = get(client, UQ, h, limit=3)
    assert ids(page1) == full[:3]
    # new work arrives: one more urgent than everything read so far, one at the very end
    ahead = api.dispatched(cg)["id"]
    set_clock(db_session, ahead, "red", minutes=-600)
    behind = api.dispatched(cg)["id"]
    set_clock(db_session, behind, "green", minutes=600)
    rest: list[int] = []
    cursor = page1["next_cursor"]
    while cursor:
        body = get(client, UQ, h, limit=3, cursor=cursor)
        assert body["as_of"] == page1["as_of"]  # lights of later pages: same instant
        rest += ids(body)
        cursor = body["next_cursor"]
    seen = ids(page1) + rest
    assert len(seen) == len(set(seen))  # no duplicates
    assert set(originals) <= set(seen)  # no misses
    assert behind == seen[-1] and ahead not in seen  # placed by its key: before the cursor
    assert ids(get(client, UQ, h))[0] == ahead  # the next full read starts with it
    # the last page has no cursor; a full walk equals one big page
    assert walk(client, UQ, h, 2) == ids(get(client, UQ, h))


def test_updated_since_lists_changes_and_what_left_the_queue(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    h = handler(cg)
    quiet = api.dispatched(cg)["id"]
    to_sign = api.dispatched(cg)["id"]
    to_return = api.act(api.dispatched(cg), "return_request", h, note="不属于本单位职责")["id"]
    to_handle = api.signed(cg)["id"]
    first = get(client, UQ, h)
    since = first["as_of"]
    assert set(ids(first)) == {quiet, to_sign, to_return, to_handle}
    assert "refresh" not in first

    api.act(to_sign, "sign", h)
    api.act(to_return, "return_approve", DISPATCHER)
    api.act(to_handle, "handle", h, photos=PHOTO)
    arrived = api.dispatched(cg)["id"]
    api.dispatched(units["370303-ZJ"])  # another unit's news is not ours

    body = get(client, UQ, h, updated_since=since)
    assert sorted(ids(body)) == sorted([to_sign, arrived])
    assert body["refresh"]["removed"] == sorted([to_return, to_handle])
    assert body["refresh"]["removed_truncated"] is False
    overlap = timedelta(seconds=get_settings().queue_refresh_overlap_s)
    assert (
        datetime.fromisoformat(body["refresh"]["next_updated_since"])
        == datetime.fromisoformat(body["as_of"]) - overlap
    )
    # a refresh with filters: what no longer matches the filters has left too
    body = get(client, UQ, h, updated_since=since, signed="false")
    assert ids(body) == [arrived]
    assert body["refresh"]["removed"] == sorted([to_sign, to_return, to_handle])
    # nothing changed since the latest answer
    later = get(client, UQ, h, updated_since=body["as_of"])
    assert later["items"] == [] and later["refresh"]["removed"] == []


# --- sub-units, history, bulk sign --------------------------------------------------------------------


def test_redispatched_cases_and_sub_unit_returns(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg, squad = units["370303-CG"], units["370303001-ZD"]
    case = api.signed(cg)
    subs = get(client, f"/api/v1/units/{cg}/sub-units", handler(cg))
    assert squad in [u["id"] for u in subs["items"]]
    assert all(u["open_cases"] == 0 for u in subs["items"])
    api.act(case, "redispatch", handler(cg), unit_id=squad, note="请辖区中队处置")
    # the parent no longer does the work; it supervises it
    assert ids(get(client, UQ, handler(cg))) == []
    body = get(client, UQ, handler(cg), held="redispatched")
    (item,) = body["items"]
    assert item["id"] == case["id"] and item["dispatch_level"] == 2
    assert item["assigned_unit"]["id"] == squad and item["clock"]["level"] == 1
    assert item["clock"]["unit_id"] == cg
    assert ids(get(client, UQ, handler(cg), held="all")) == [case["id"]]
    assert ids(get(client, UQ, handler(squad))) == [case["id"]]
    subs = {u["id"]: u for u in get(client, f"/api/v1/units/{cg}/sub-units", handler(cg))["items"]}
    assert subs[squad]["open_cases"] == 1
    # the squad asks to return it: the parent decides, not the centre
    api.act(case, "sign", handler(squad))
    api.act(case, "return_request", handler(squad), note="不在辖区")
    counts = get(client, UQ + "/counts", handler(cg))
    assert (counts["redispatched"], counts["sub_unit_returns"], counts["assigned"]) == (1, 1, 0)
    (item,) = get(client, UQ, handler(cg), held="redispatched", pending="return")["items"]
    assert item["allowed_actions"] == ["recall", "return_deny"]
    assert ids(get(client, CENTRE + "/approvals", DISPATCHER, kind="return")) == []
    api.act(case, "recall", handler(cg))
    assert ids(get(client, UQ, handler(cg))) == [case["id"]]
    assert ids(get(client, UQ, handler(squad))) == []
    (gone,) = get(client, UQ + "/history", handler(squad))["items"]
    assert (gone["id"], gone["outcome"], gone["outcome_label"]) == (
        case["id"],
        "left",
        "已移出本单位（回退、退回上级）",
    )
    assert gone["held_from"] is not None and gone["held_until"] is not None


def test_history_lists_what_the_unit_held(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg, zj = units["370303-CG"], units["370303-ZJ"]
    h = handler(cg)
    closed = api.act(
        api.act(api.handled(cg), "check_pass", INSPECTOR, photos=PHOTO), "close", LEADER
    )
    returned = api.act(api.signed(cg), "return_request", h, note="属住建局职责")
    returned = api.act(returned, "return_approve", DISPATCHER)
    api.act(returned, "dispatch", DISPATCHER, unit_id=zj)  # now someone else's
    held = api.dispatched(cg)["id"]
    late = api.signed(cg)
    set_clock(db_session, late["id"], "red")
    late = api.act(late, "handle", h, photos=PHOTO)  # handled late: still the unit's, not history
    api.handled(zj)
    elsewhere = api.act(api.dispatched(cg), "return_request", h, note="属住建局职责")
    elsewhere = api.act(elsewhere, "return_approve", DISPATCHER)
    elsewhere = api.act(elsewhere, "dispatch", DISPATCHER, unit_id=zj)
    elsewhere = api.act(elsewhere, "sign", handler(zj))
    elsewhere = api.act(elsewhere, "handle", handler(zj), photos=PHOTO)
    elsewhere = api.act(api.act(elsewhere, "check_pass", INSPECTOR, photos=PHOTO), "close", LEADER)

    body = get(client, UQ + "/history", h)
    assert ids(body)[0] == elsewhere["id"]
    assert body["items"][0]["outcome"] == "left"  # closed, but not by this unit
    body = get(client, UQ + "/history", h, outcome="finished,left")
    assert ids(body)[1:] == [returned["id"], closed["id"]]  # newest case first
    by_id = {i["id"]: i for i in body["items"]}
    assert (
        by_id[closed["id"]]["outcome"] == "finished" and by_id[closed["id"]]["status"] == "closed"
    )
    assert by_id[returned["id"]]["outcome"] == "left"
    assert by_id[returned["id"]]["returns"] == 1
    assert by_id[returned["id"]]["assigned_unit"]["id"] == zj
    assert by_id[returned["id"]]["allowed_actions"] == []
    assert held not in by_id and late["id"] not in by_id
    assert ids(get(client, UQ + "/history", h, outcome="finished")) == [closed["id"]]
    left = [elsewhere["id"], returned["id"]]
    assert ids(get(client, UQ + "/history", h, outcome="left")) == left
    assert walk(client, UQ + "/history", h, 1) == [*left, closed["id"]]
    # the unit that holds it now does not see it as history; it sees it in its queue
    assert returned["id"] not in ids(get(client, UQ + "/history", handler(zj)))
    assert returned["id"] in ids(get(client, UQ, handler(zj)))
    # handled late: the unit's clock stopped red
    (item,) = get(client, UQ, h, status="handled")["items"]
    assert item["id"] == late["id"] and item["light"] == "red" and item["allowed_actions"] == []


def test_bulk_sign_answers_per_id_and_keeps_the_good_ones(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg, zj = units["370303-CG"], units["370303-ZJ"]
    h = handler(cg)
    a, b, c = (api.dispatched(cg)["id"] for _ in range(3))
    already = api.signed(cg)["id"]
    foreign = api.dispatched(zj)["id"]
    missing = 10**12
    asked = [c, already, foreign, a, missing, b, a]
    r = client.post(UQ + "/sign", json={"case_ids": asked}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [x["case_id"] for x in body["results"]] == [c, already, foreign, a, missing, b]
    assert (body["ok"], body["failed"]) == (3, 3)
    res = {x["case_id"]: x for x in body["results"]}
    for cid in (a, b, c):
        assert res[cid]["ok"] is True and res[cid]["signed"] is True and res[cid]["signed_at"]
    assert res[already]["error"]["code"] == "invalid_transition"
    assert res[already]["error"]["status"] == 409 and "已经签收" in res[already]["error"]["message"]
    for cid in (foreign, missing):  # another unit's case is not found, like a missing one
        assert res[cid]["ok"] is False
        assert (res[cid]["error"]["status"], res[cid]["error"]["code"]) == (404, "not_found")
    # the signed ones went through the engine: flag, timestamp and one `sign` event each
    for cid in (a, b, c):
        assert api.get(cid, h)["signed"] is True
        assert api.trail(cid) == ["report", "file", "dispatch", "sign"]
    assert api.get(foreign, handler(zj))["signed"] is False
    assert api.trail(already) == ["report", "file", "dispatch", "sign"]
    assert get(client, UQ + "/counts", h)["unsigned"] == 0
    # a parent unit may not sign what it passed down (action_forbidden per id)
    squad = units["370303001-ZD"]
    down = api.act(api.signed(cg), "redispatch", h, unit_id=squad)["id"]
    (res_down,) = client.post(UQ + "/sign", json={"case_ids": [down]}, headers=h).json()["results"]
    assert (res_down["error"]["status"], res_down["error"]["code"]) == (403, "action_forbidden")


def test_bulk_sign_limit_is_configurable(
    api: Api, client: Any, units: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    cg = units["370303-CG"]
    monkeypatch.setattr(get_settings(), "queue_bulk_max", 2)
    ids_ = [api.dispatched(cg)["id"] for _ in range(3)]
    body = err(
        client.post(UQ + "/sign", json={"case_ids": ids_}, headers=handler(cg)), 422, "too_many_ids"
    )
    assert "2" in body["message"] and body["detail"] == {"max": 2, "got": 3}
    assert all(not api.get(i, handler(cg))["signed"] for i in ids_)  # nothing was done
    r = client.post(UQ + "/sign", json={"case_ids": ids_[:2] + ids_[:1]}, headers=handler(cg))
    assert r.status_code == 200 and r.json()["ok"] == 2  # duplicates count once


# --- the command centre ---------------------------------------------------------------------------------


def test_inbox_lists_reported_and_verifying_with_source_and_duplicates(
    api: Api, client: Any, db_session: Session
) -> None:
    first = api.report()
    public = api.report(OPERATOR, source="public")
    hotline = api.act(
        api.report(HOTLINE, source="hotline", category="event:07001"), "send_verify", OPERATOR
    )
    filed = api.filed(category="event:06010")["id"]
    body = get(client, CENTRE + "/inbox", OPERATOR)
    assert set(ids(body)) == {first["id"], public["id"], hotline["id"]}
    assert filed not in ids(body)
    by_id = {i["id"]: i for i in body["items"]}
    assert (by_id[public["id"]]["source"], by_id[public["id"]]["source_label"]) == (
        "public",
        "公众上报",
    )
    # the two 占道经营 reports at one spot hint at each other; the 小广告 does not
    assert [d["id"] for d in by_id[first["id"]]["possible_duplicates"]] == [public["id"]]
    assert [d["id"] for d in by_id[public["id"]]["possible_duplicates"]] == [first["id"]]
    assert by_id[hotline["id"]]["possible_duplicates"] == []
    assert by_id[first["id"]]["possible_duplicates"][0]["distance_m"] == 0.0
    assert by_id[first["id"]]["clock"]["stage"] == "file"
    assert by_id[hotline["id"]]["clock"]["stage"] == "verify"
    assert "send_verify" in by_id[public["id"]]["allowed_actions"]
    assert ids(get(client, CENTRE + "/inbox", OPERATOR, status="verifying")) == [hotline["id"]]
    assert ids(get(client, CENTRE + "/inbox", OPERATOR, source="public")) == [public["id"]]
    set_clock(db_session, first["id"], "red")
    assert ids(get(client, CENTRE + "/inbox", OPERATOR))[0] == first["id"]
    assert ids(get(client, CENTRE + "/inbox", LEADER, light="red")) == [first["id"]]
    assert get(client, CENTRE + "/counts", OPERATOR)["inbox"] == 3


def test_dispatch_board_shows_the_suggested_unit_and_its_rule(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    case = api.filed()
    body = get(client, CENTRE + "/dispatch-board", DISPATCHER)
    (item,) = body["items"]
    assert item["id"] == case["id"] and item["status"] == "filed"
    sug = item["suggested"]
    assert sug["unit"] == {"id": cg, "name": "张店区综合行政执法局", "active": True}
    assert (sug["routed_by"], sug["routed_by_label"]) == ("rule", "责任规则")
    rule_id = case["routed_rule_id"]
    assert sug["rule_id"] == rule_id and sug["rule"]["id"] == rule_id
    assert (sug["rule"]["role"], sug["rule"]["role_label"]) == ("specialist", "专业")
    assert sug["rule"]["category_scope"] == "event:major:09"
    assert (sug["rule"]["area_scope"], sug["rule"]["area_code"]) == ("district", "370303")
    assert item["clock"]["stage"] == "dispatch" and item["returns"] == 0
    assert item["allowed_actions"] == ["dispatch", "void_request"]
    assert ids(get(client, CENTRE + "/dispatch-board", DISPATCHER, routed_unit=str(cg))) == [
        case["id"]
    ]
    assert (
        ids(
            get(client, CENTRE + "/dispatch-board", DISPATCHER, routed_unit=str(units["370303-ZJ"]))
        )
        == []
    )
    err(
        client.get(CENTRE + "/dispatch-board", headers=DISPATCHER, params={"routed_unit": "99999"}),
        422,
        "invalid_filter",
    )


def test_one_click_dispatch_to_the_suggested_or_an_explicit_unit(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg, zj = units["370303-CG"], units["370303-ZJ"]
    suggested, explicit = api.filed(), api.filed()
    url = f"{CENTRE}/dispatch-board/{{}}/dispatch"
    # only the dispatcher dispatches (as the transition table says)
    for h in (OPERATOR, LEADER):
        err(client.post(url.format(suggested["id"]), headers=h), 403, "action_forbidden")
    r = client.post(url.format(suggested["id"]), headers=DISPATCHER)
    assert r.status_code == 200, r.text
    done = r.json()
    assert (done["status"], done["assigned_unit_id"]) == ("dispatched", cg)
    assert api.trail(suggested) == ["report", "file", "dispatch"]
    assert api.events(suggested)[-1]["payload"]["unit_id"] == cg
    # a second click: the case is no longer on the board
    err(client.post(url.format(suggested["id"]), headers=DISPATCHER), 409, "invalid_transition")
    r = client.post(
        url.format(explicit["id"]), json={"unit_id": zj, "note": "属住建局"}, headers=DISPATCHER
    )
    assert r.status_code == 200 and r.json()["assigned_unit_id"] == zj
    assert api.events(explicit)[-1]["note"] == "属住建局"
    assert ids(get(client, CENTRE + "/dispatch-board", DISPATCHER)) == []
    assert ids(get(client, UQ, handler(cg))) == [suggested["id"]]
    assert ids(get(client, UQ, handler(zj))) == [explicit["id"]]
    # an unknown or inactive unit is refused; a case out of scope is not found
    third = api.filed()
    err(
        client.post(url.format(third["id"]), json={"unit_id": 999999}, headers=DISPATCHER),
        422,
        "invalid_input",
    )
    db_session.execute(text("UPDATE grid_unit SET active = false WHERE id = :u"), {"u": cg})
    err(client.post(url.format(third["id"]), headers=DISPATCHER), 422, "invalid_input")
    (item,) = get(client, CENTRE + "/dispatch-board", DISPATCHER)["items"]
    assert item["suggested"]["unit"]["active"] is False
    move_to_district(db_session, third["id"], "370302")
    local = scoped(db_session, "dispatcher", 880001, ["370303"])
    err(client.post(url.format(third["id"]), headers=local), 404, "not_found")


def test_dispatch_board_filters_returned_and_void_requests(
    api: Api, client: Any, units: dict[str, int]
) -> None:
    cg = units["370303-CG"]
    fresh = api.filed()["id"]
    back = api.act(api.signed(cg), "return_request", handler(cg), note="非本单位")
    back = api.act(back, "return_approve", DISPATCHER)["id"]
    void = api.act(api.filed(), "void_request", DISPATCHER, note="重复立案")["id"]
    board = CENTRE + "/dispatch-board"
    assert set(ids(get(client, board, DISPATCHER))) == {fresh, back, void}
    assert ids(get(client, board, DISPATCHER, returned="true")) == [back]
    assert set(ids(get(client, board, DISPATCHER, returned="false"))) == {fresh, void}
    assert ids(get(client, board, DISPATCHER, pending="void")) == [void]
    assert set(ids(get(client, board, DISPATCHER, pending="none"))) == {fresh, back}
    assert get(client, CENTRE + "/counts", DISPATCHER)["dispatch_board"] == 3


def test_approval_queues_after_each_kind_of_request(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    h = handler(cg, user=777)
    ret = api.act(api.signed(cg), "return_request", h, note="不属于本单位职责")
    ext = api.act(api.signed(cg), "extend_request", h, hours=16, note="需调度吊车")
    sus = api.act(api.signed(cg), "suspend_request", h, note="待雨季结束施工")
    void = api.act(api.filed(), "void_request", DISPATCHER, note="重复立案")
    api.signed(cg)  # no request: not listed
    body = get(client, CENTRE + "/approvals", DISPATCHER)
    assert ids(body) == [ret["id"], ext["id"], sus["id"], void["id"]]  # oldest request first
    by_id = {i["id"]: i["request"] for i in body["items"]}
    events = {c["id"]: api.events(c)[-1] for c in (ret, ext, sus, void)}
    for cid, request in by_id.items():
        assert datetime.fromisoformat(request["requested_at"]) == datetime.fromisoformat(
            events[cid]["created_at"]
        )
        assert request["by"]["user_id"] == events[cid]["actor_id"]
    assert by_id[ret["id"]] | {"requested_at": None} == {
        "kind": "return",
        "kind_label": "回退",
        "reason": "不属于本单位职责",
        "hours": None,
        "requested_at": None,
        "by": {
            "user_id": events[ret["id"]]["actor_id"],
            "name": f"test-unit_handler-{events[ret['id']]['actor_id']}",
            "role": "unit_handler",
            "unit": {"id": cg, "name": "张店区综合行政执法局"},
        },
    }
    assert (by_id[ext["id"]]["kind"], by_id[ext["id"]]["hours"]) == ("extend", 16.0)
    assert by_id[ext["id"]]["reason"] == "需调度吊车"
    assert by_id[sus["id"]]["kind_label"] == "挂账"
    assert (by_id[void["id"]]["kind"], by_id[void["id"]]["by"]["role"]) == ("void", "dispatcher")
    assert by_id[void["id"]]["by"]["unit"] is None
    for kind, case in (("return", ret), ("extend", ext), ("suspend", sus), ("void", void)):
        assert ids(get(client, CENTRE + "/approvals", DISPATCHER, kind=kind)) == [case["id"]]
    assert ids(get(client, CENTRE + "/approvals", DISPATCHER, kind="extend,void")) == [
        ext["id"],
        void["id"],
    ]
    # who may decide: the list tells each caller
    items = {i["id"]: i for i in get(client, CENTRE + "/approvals", DISPATCHER)["items"]}
    assert items[ext["id"]]["allowed_actions"] == ["extend_approve", "extend_deny"]
    assert "void_approve" not in items[void["id"]]["allowed_actions"]  # the shift leader's
    items = {i["id"]: i for i in get(client, CENTRE + "/approvals", LEADER)["items"]}
    assert items[void["id"]]["allowed_actions"] == ["void_approve", "void_deny"]
    counts = get(client, CENTRE + "/counts", LEADER)["approvals"]
    assert counts == {"extend": 1, "return": 1, "suspend": 1, "void": 1, "total": 4}
    # a decision takes the case off the list
    api.act(ext, "extend_approve", DISPATCHER)
    assert ext["id"] not in ids(get(client, CENTRE + "/approvals", DISPATCHER))
    assert walk(client, CENTRE + "/approvals", DISPATCHER, 1) == [ret["id"], sus["id"], void["id"]]


def test_supervision_after_the_sweeper_marks_overdue(
    api: Api,
    client: Any,
    units: dict[str, int],
    db_session: Session,
    freeze_now: Callable[[datetime], None],
) -> None:
    cg, lamp = units["370303-CG"], units["370303-LD"]
    waiting = api.report()  # the 立案 clock (30 minutes)
    at_cg = api.signed(cg)  # 综合行政执法局: no parent unit → 督办至指挥中心
    at_lamp = api.dispatched(lamp)  # 路灯管理所: parent 综合行政执法局
    on_time = api.dispatched(cg)
    checking = api.handled(cg)  # its 核查 clock runs (the inspector's)
    set_clock(db_session, on_time["id"], "green", minutes=60 * 24 * 30)
    assert get(client, CENTRE + "/supervision", DISPATCHER)["items"] == []

    future = datetime.now(UTC) + timedelta(days=10)
    swept = sweep_batch(db_session, future)
    assert swept.overdue == 4
    # the sweeper's red marks count at once (the live clock is not there yet)
    body = get(client, CENTRE + "/supervision", DISPATCHER)
    assert set(ids(body)) == {waiting["id"], at_cg["id"], at_lamp["id"], checking["id"]}
    assert on_time["id"] not in ids(body)
    by_id = {i["id"]: i for i in body["items"]}
    assert by_id[at_cg["id"]]["escalated_to"] == {"kind": "command_centre", "unit": None}
    assert by_id[at_lamp["id"]]["escalated_to"] == {
        "kind": "unit",
        "unit": {"id": cg, "name": "张店区综合行政执法局"},
    }
    assert by_id[at_lamp["id"]]["stage_unit"] == {"id": lamp, "name": "张店区路灯管理所"}
    assert by_id[waiting["id"]]["clock"]["stage"] == "file"
    assert by_id[waiting["id"]]["stage_unit"] is None
    assert by_id[checking["id"]]["clock"]["stage"] == "check"
    for item in body["items"]:
        assert item["light"] == "red" and item["overdue"] is True
        assert datetime.fromisoformat(item["escalated_at"]) == future
    assert get(client, CENTRE + "/counts", DISPATCHER)["supervision"] == 4

    # at the future instant: days overdue, most overdue first (the 30-minute 立案 clock)
    headers = bearer_for(db_session, ensure_test_user(db_session, "dispatcher", 401, None))
    freeze_now(future)
    body = get(client, CENTRE + "/supervision", headers)
    assert ids(body)[0] == waiting["id"]
    lateness = [i["overdue_seconds"] for i in body["items"]]
    assert lateness == sorted(lateness, reverse=True) and lateness[-1] > 0
    first = body["items"][0]
    due = datetime.fromisoformat(first["due_at"])
    assert first["overdue_seconds"] == int((future - due).total_seconds())
    assert first["days_overdue"] == round((future - due).total_seconds() / 86400, 2)
    assert first["days_overdue"] > 9
    handling = [i for i in ids(body) if i in (at_cg["id"], at_lamp["id"])]
    assert ids(get(client, CENTRE + "/supervision", headers, stage="handle")) == handling
    assert ids(get(client, CENTRE + "/supervision", headers, unit=str(lamp))) == [at_lamp["id"]]
    assert walk(client, CENTRE + "/supervision", headers, 1) == ids(body)


def test_centre_lists_stay_inside_the_callers_districts(
    api: Api, client: Any, units: dict[str, int], db_session: Session
) -> None:
    cg = units["370303-CG"]
    here = {
        "inbox": api.report(category="event:07001")["id"],
        "board": api.filed()["id"],
        "approvals": api.act(api.signed(cg), "extend_request", handler(cg), hours=4, note="x")[
            "id"
        ],
        "supervision": api.dispatched(cg)["id"],
    }
    there = {
        "inbox": api.report(category="event:07001")["id"],
        "board": api.filed()["id"],
        "approvals": api.act(api.signed(cg), "extend_request", handler(cg), hours=4, note="y")[
            "id"
        ],
        "supervision": api.dispatched(cg)["id"],
    }
    for cid in (here["supervision"], there["supervision"]):
        set_clock(db_session, cid, "red")
    for cid in there.values():
        move_to_district(db_session, cid, "370302")  # another district's cases
    local = scoped(db_session, "dispatcher", 880002, ["370303"])
    remote = scoped(db_session, "operator", 880003, ["370302"])
    elsewhere = scoped(db_session, "shift_leader", 880004, ["110101"])
    city = DISPATCHER  # no districts: city level
    paths = {
        "inbox": "/inbox",
        "board": "/dispatch-board",
        "approvals": "/approvals",
        "supervision": "/supervision",
    }
    for name, path in paths.items():
        assert ids(get(client, CENTRE + path, local)) == [here[name]], name
        assert ids(get(client, CENTRE + path, remote)) == [there[name]], name
        assert ids(get(client, CENTRE + path, elsewhere)) == [], name
        assert set(ids(get(client, CENTRE + path, city))) == {here[name], there[name]}, name
    for headers, n in ((local, 1), (remote, 1), (elsewhere, 0), (city, 2)):
        c = get(client, CENTRE + "/counts", headers)
        assert (c["inbox"], c["dispatch_board"], c["approvals"]["total"], c["supervision"]) == (
            n,
        ) * 4
    # a possible duplicate in another district is not revealed
    (item,) = get(client, CENTRE + "/inbox", local)["items"]
    assert item["possible_duplicates"] == []
    both = {i["id"]: i for i in get(client, CENTRE + "/inbox", city)["items"]}
    assert [d["id"] for d in both[here["inbox"]]["possible_duplicates"]] == [there["inbox"]]
    # out of scope is 404 for actions too
    err(api.act_raw(there["board"], "dispatch", local), 404, "not_found")
