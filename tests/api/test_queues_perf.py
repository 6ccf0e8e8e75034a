"""The queues stay index-driven with many cases: EXPLAIN of the real statements, and timings.

Eight thousand cases (with their clocks and events) are made by one INSERT … SELECT each, in the test's own
transaction, spread over the demo city's 37 units and every status a queue cares about; after
ANALYZE, the statement each list really runs (captured from the driver) is EXPLAINed. The unit
queue must be driven by an index on `dispatch_case` — never a sequential scan of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.channels.mobile import service as mobile
from app.queues import centre as centre_lists
from app.queues import counts, search
from app.queues import unit as unit_lists
from tests.support.api import DISPATCHER, Api, handler

N_CASES = 8000
CG = 2  # 综合行政执法局 (has sub-units)
SQUAD = 15  # its 四宝山中队


@pytest.fixture
def spot(db_session: Session) -> tuple[float, float]:
    x, y = db_session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND area_m2 > 9999 AND mgmt_class = 'normal'"
            " ORDER BY code LIMIT 1 OFFSET 1234) q"
        )
    ).one()
    return float(x), float(y)


def _many_cases(db: Session, template_id: int, n: int) -> None:
    """Copy a real case n times (spread over ~4 km × 4 km): 80 % closed, the rest open."""
    db.execute(
        text(
            """
INSERT INTO dispatch_case (case_no, district_code, source, category_id, standard_id, severity,
    description, address_text, geom, raw_lon, raw_lat, raw_crs, grid_code, community_code,
    street_code, mgmt_class, routed_unit_id, routed_rule_id, routed_by, status, pending,
    assigned_unit_id, dispatching_unit_id, signed, reported_at, updated_at, finished_at)
SELECT 'BULK-' || g, t.district_code, t.source, t.category_id, t.standard_id,
       (ARRAY['urgent','serious','general','minor'])[1 + g % 4],
       t.description, t.address_text,
       ST_Translate(t.geom, (g % 100) * 0.0004, (g / 100 % 100) * 0.0004), t.raw_lon, t.raw_lat, t.raw_crs, t.grid_code,
       t.community_code, t.street_code, t.mgmt_class, t.routed_unit_id, t.routed_rule_id,
       t.routed_by,
       CASE WHEN g % 20 < 16 THEN 'closed' WHEN g % 20 IN (16, 17) THEN 'dispatched'
            WHEN g % 20 = 18 THEN 'suspended' WHEN g % 40 = 19 THEN 'filed' ELSE 'reported' END,
       CASE WHEN g % 100 = 16 THEN 'extend' END,
       CASE WHEN g % 20 = 19 THEN NULL WHEN g % 200 = 17 THEN 15 ELSE 1 + g % 37 END,
       CASE WHEN g % 200 = 17 THEN 2 END,
       g % 3 = 0,
       now() - g * interval '7 minutes', now() - g * interval '7 minutes',
       CASE WHEN g % 20 < 16 THEN now() - g * interval '6 minutes' END
FROM dispatch_case t, generate_series(1, :n) g
WHERE t.id = :t
"""
        ),
        {"n": n, "t": template_id},
    )
    # one clock per case (handle for the units' cases, the centre's stage otherwise) and a
    # stopped 立案 clock each, so the stage table is larger than the case table
    db.execute(
        text(
            """
INSERT INTO dispatch_case_stage (case_id, stage, level, unit_id, limit_value, limit_unit,
    started_at, due_at, yellow_at, stopped_at, paused_at, light)
SELECT c.id,
       CASE WHEN c.status = 'filed' THEN 'dispatch' WHEN c.status = 'reported' THEN 'file'
            ELSE 'handle' END,
       1, CASE WHEN c.dispatching_unit_id IS NOT NULL THEN 2 ELSE c.assigned_unit_id END,
       3, 'work_day', c.reported_at,
       now() + ((c.id % 97) - 5) * interval '1 hour',
       now() + ((c.id % 97) - 7) * interval '1 hour',
       CASE WHEN c.status = 'closed' THEN c.finished_at END,
       CASE WHEN c.status = 'suspended' THEN c.reported_at + interval '1 hour' END,
       CASE WHEN c.id % 101 = 0 THEN 'red' ELSE 'green' END
FROM dispatch_case c WHERE c.case_no LIKE 'BULK-%'
UNION ALL
SELECT c.id, 'file', 1, NULL, 30, 'minute', c.reported_at, c.reported_at + interval '30 minutes',
       c.reported_at + interval '24 minutes', c.reported_at + interval '5 minutes', NULL, 'green'
FROM dispatch_case c WHERE c.case_no LIKE 'BULK-%' AND c.status <> 'reported'
UNION ALL
SELECT c.id, 'handle', 2, 15, 3, 'work_day', c.reported_at, c.reported_at + interval '20 hours',
       c.reported_at + interval '16 hours', NULL, NULL, 'green'
FROM dispatch_case c WHERE c.case_no LIKE 'BULK-%' AND c.dispatching_unit_id IS NOT NULL
"""
        )
    )
    # the first link of each case's event chain, and the request of each pending one
    db.execute(
        text(
            """
INSERT INTO dispatch_case_event (case_id, seq, action, from_status, to_status, actor_role,
    created_at, prev_hash, hash)
SELECT c.id, 1, 'report', NULL, 'reported', 'inspector', c.reported_at, repeat('0', 64),
       md5(c.case_no) || md5(c.case_no)
FROM dispatch_case c WHERE c.case_no LIKE 'BULK-%'
UNION ALL
SELECT c.id, 2, c.pending || '_request', c.status, c.status, 'unit_handler', c.updated_at,
       md5(c.case_no) || md5(c.case_no), md5(c.case_no || 'r') || md5(c.case_no || 'r')
FROM dispatch_case c WHERE c.case_no LIKE 'BULK-%' AND c.pending IS NOT NULL
"""
        )
    )
    for table in ("dispatch_case", "dispatch_case_stage", "dispatch_case_event"):
        db.execute(text(f"ANALYZE {table}"))


@contextmanager
def captured(db: Session) -> Iterator[list[tuple[str, Any]]]:
    """Collect the statements the driver runs on the test's connection."""
    seen: list[tuple[str, Any]] = []
    conn = db.connection()

    def grab(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params))

    event.listen(conn, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(conn, "before_cursor_execute", grab)


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _is_list(statement: str) -> bool:
    return "ORDER BY" in statement and "LIMIT" in statement and "dispatch_case" in statement


def _is_count(statement: str) -> bool:
    return "count(*)" in statement


def explain(
    db: Session, run: Callable[[], Any], pick: Callable[[str], bool] = _is_list
) -> tuple[dict[str, Any], str]:
    """EXPLAIN ANALYZE the statement `run` executes (the first `pick`ed); return plan and text."""
    with captured(db) as seen:
        run()
    (statement, params) = next((s, p) for s, p in seen if pick(s))
    conn = db.connection()
    plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params).scalar_one()
    txt = "\n".join(
        r[0] for r in conn.exec_driver_sql("EXPLAIN (COSTS OFF) " + statement, params).all()
    )
    return plan[0], txt


def scans(plan: dict[str, Any]) -> set[tuple[str, str | None, str | None]]:
    return {
        (n["Node Type"], n.get("Relation Name"), n.get("Index Name"))
        for n in _nodes(plan["Plan"])
        if "Scan" in n["Node Type"]
    }


def test_queues_use_indexes_with_thousands_of_cases(
    client: Any, db_session: Session, spot: tuple[float, float]
) -> None:
    api = Api(client, spot)
    template = api.dispatched(CG)
    t0 = time.perf_counter()
    _many_cases(db_session, template["id"], N_CASES)
    built = time.perf_counter() - t0
    total = db_session.execute(text("SELECT count(*) FROM dispatch_case")).scalar_one()
    assert total == N_CASES + 1
    print(f"\n{N_CASES} cases with clocks and events made in {built:.1f} s")

    now = datetime.now(UTC)
    unit = wf.Actor(wf.Role.unit_handler, user_id=1, unit_id=CG)
    centre = wf.Actor(wf.Role.dispatcher, user_id=2, districts=("370303",))
    # an inspector who reported none of these cases: their own cases come from the partial
    # indexes of reporter and task inspector (only cases that have one), the pool from status
    inspector = wf.Actor(wf.Role.inspector, user_id=987_654, districts=("370303",))
    lists: dict[str, tuple[Callable[[], Any], str | None]] = {
        "unit queue": (
            lambda: unit_lists.unit_queue(db_session, unit, now),
            "ix_dispatch_case_assigned_unit_status",
        ),
        "unit queue, red only": (
            lambda: unit_lists.unit_queue(db_session, unit, now, overdue="true"),
            "ix_dispatch_case_assigned_unit_status",
        ),
        "sub-unit cases": (
            lambda: unit_lists.unit_queue(db_session, unit, now, held="redispatched"),
            "ix_dispatch_case_dispatching_unit",
        ),
        "unit history": (
            lambda: unit_lists.unit_history(db_session, unit, now),
            "ix_dispatch_case_stage_unit_case",
        ),
        "inbox": (lambda: centre_lists.centre_inbox(db_session, centre, now), None),
        "dispatch board": (lambda: centre_lists.dispatch_board(db_session, centre, now), None),
        "approvals": (
            lambda: centre_lists.centre_approvals(db_session, centre, now),
            "ix_dispatch_case_pending",
        ),
        "supervision": (lambda: centre_lists.centre_supervision(db_session, centre, now), None),
        "case search, newest first": (
            lambda: search.search_cases(db_session, centre, now),
            "ix_dispatch_case_reported_id",
        ),
        "待结案": (lambda: centre_lists.centre_to_close(db_session, centre, now), None),
        "inspector's phone sync": (
            lambda: mobile.sync_page(
                db_session, inspector, updated_since=None, cursor=None, limit=50
            ),
            "ix_dispatch_case_reporter_id",
        ),
    }
    # the text condition filters the scoped rows (no index needed at this size): timed, not asserted
    plan, txt = explain(
        db_session, lambda: search.search_cases(db_session, centre, now, q="无此文字")
    )
    print(f"\n--- case search, text matching nothing: {plan['Execution Time']:.1f} ms\n{txt}")
    report = []
    for name, (run, index) in lists.items():
        plan, txt = explain(db_session, run)
        found = scans(plan)
        print(f"\n--- {name}: {plan['Execution Time']:.1f} ms\n{txt}")
        report.append((name, plan["Execution Time"]))
        assert not any(t == "Seq Scan" and rel == "dispatch_case" for t, rel, _ in found), (
            name,
            txt,
        )
        if index is not None:
            assert any(ix == index for _, _, ix in found), (name, txt)
    # the inspector's own cases come from both partial indexes (reporter, task inspector)
    plan, txt = explain(db_session, lists["inspector's phone sync"][0])
    mine = {"ix_dispatch_case_reporter_id", "ix_dispatch_case_task_inspector_id"}
    assert mine <= {ix for _, _, ix in scans(plan)}, txt
    # supervision is driven by the open-clock indexes (past due, or marked red), so are badges
    open_clocks = {"ix_dispatch_case_stage_open_due", "ix_dispatch_case_stage_open_red"}
    plan, txt = explain(db_session, lists["supervision"][0])
    assert {ix for _, _, ix in scans(plan)} & open_clocks, txt
    for name, run in (
        ("centre counts", lambda: counts.centre_counts(db_session, centre, now)),
        ("unit counts", lambda: counts.unit_counts(db_session, unit, now)),
    ):
        plan, txt = explain(db_session, run, _is_count)
        print(f"\n--- {name}: {plan['Execution Time']:.1f} ms\n{txt}")
        report.append((name, plan["Execution Time"]))
        found = scans(plan)
        assert not any(t == "Seq Scan" and rel == "dispatch_case" for t, rel, _ in found), txt
    assert {ix for _, _, ix in scans(plan)} >= {"ix_dispatch_case_assigned_unit_status"}

    # the whole request, items and allowed actions included (timings printed, not asserted:
    # this machine is shared, so wall-clock bounds would only measure the neighbours)
    for path, headers in (
        ("/api/v1/units/queue", handler(CG)),
        ("/api/v1/centre/supervision", DISPATCHER),
        ("/api/v1/centre/inbox", DISPATCHER),  # duplicates hint per item: worst case here
        ("/api/v1/centre/counts", DISPATCHER),
        ("/api/v1/cases", DISPATCHER),
    ):
        t0 = time.perf_counter()
        r = client.get(path, headers=headers)
        ms = (time.perf_counter() - t0) * 1000
        assert r.status_code == 200, r.text
        print(f"{path}: {ms:.0f} ms")
    # every open case of the unit, page by page, once; as many as its badge says
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 10} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/v1/units/queue", headers=handler(CG), params=params).json()
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    badge = client.get("/api/v1/units/queue/counts", headers=handler(CG)).json()["assigned"]
    assert len(seen) == len(set(seen)) == badge > 20  # several pages
    print("\n".join(f"{n}: {ms:.1f} ms" for n, ms in report))
