"""The set-based bulk action (`act_many`) writes what the single action (`act`) writes.

Both plan with the one table and the same effect rules (`app.cases.plan`) and store through the
one writer, so N cases dispatched (or signed) in bulk and N twins taken one by one end with the
same case rows, clocks and events, field by field apart from ids and hashes; every chain stays
intact; a refused case is left untouched; a conflicting action on a case of the batch waits for
the batch's row lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.cases import service as svc
from app.cases import workflow as wf
from app.cases.models import Case, CaseEvent, CaseStage
from app.core.db import unit_of_work
from app.core.errors import NotFound
from tests.support.engine import (
    DISPATCHER,
    LEADER,
    act,
    at,
    report,
    spot_in,
    unit,
    unit_ids,
)

N = 4
_CASE_SKIP = {"id", "case_no", "last_event_hash"}
_STAGE_SKIP = {"id", "case_id"}
_EVENT_SKIP = {"id", "case_id", "prev_hash", "hash", "txid"}


def _row(obj: Any, skip: set[str]) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs if c.key not in skip}


def _snapshot(s: Session, case_id: int) -> dict[str, Any]:
    """The stored case, its clocks and its events, without ids and hashes."""
    s.expire_all()
    case = s.get_one(Case, case_id)
    stages = s.scalars(select(CaseStage).where(CaseStage.case_id == case_id).order_by(CaseStage.id))
    events = s.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
    )
    return {
        "case": _row(case, _CASE_SKIP),
        "stages": [_row(st, _STAGE_SKIP) for st in stages],
        "events": [_row(ev, _EVENT_SKIP) for ev in events],
    }


def _filed(s: Session, n: int) -> list[int]:
    spot = spot_in(s)
    cases = [report(s, at(2, 9, 0), spot) for _ in range(n)]
    for c in cases:
        act(s, c, "file", LEADER, at(2, 9, 5))
    return [c.id for c in cases]


def _twins_equal(s: Session, singles: list[int], bulk: list[int]) -> None:
    for a, b in zip(singles, bulk, strict=True):
        one, many = _snapshot(s, a), _snapshot(s, b)
        # the report event names the open cases nearby (each other): the only difference
        for snap in (one, many):
            snap["events"][0]["payload"].pop("possible_duplicates")
        assert one == many
    checked, problems = svc.verify_chains(s)
    assert problems == [] and checked > 0


def test_bulk_dispatch_writes_what_single_dispatch_writes(db_session: Session) -> None:
    s = db_session
    ids = _filed(s, 2 * N)
    singles, bulk = ids[:N], ids[N:]
    cg = unit_ids(s)["370303-CG"]
    now = at(2, 9, 30)
    for cid in singles:
        svc.act(s, cid, wf.Action.dispatch, DISPATCHER, svc.ActionInput(unit_id=cg), now)
    done = svc.act_many(s, bulk, wf.Action.dispatch, DISPATCHER, svc.ActionInput(unit_id=cg), now)
    assert all(done[c].error is None and done[c].case is not None for c in bulk)
    assert {done[c].case.status for c in bulk} == {"dispatched"}  # type: ignore[union-attr]
    _twins_equal(s, singles, bulk)


def test_bulk_dispatch_to_suggested_units_and_bulk_sign_match_single(db_session: Session) -> None:
    s = db_session
    ids = _filed(s, 2 * N)
    singles, bulk = ids[:N], ids[N:]
    now = at(2, 9, 30)
    for cid in singles:  # default: each case's suggested unit (routed_unit_id)
        svc.act(s, cid, wf.Action.dispatch, DISPATCHER, svc.ActionInput(), now)
    svc.act_many(s, bulk, wf.Action.dispatch, DISPATCHER, svc.ActionInput(), now)
    routed = s.get_one(Case, bulk[0]).routed_unit_id
    assert routed is not None and s.get_one(Case, bulk[0]).assigned_unit_id == routed
    handler = unit(routed)
    later = now + timedelta(minutes=20)
    for cid in singles:
        svc.act(s, cid, wf.Action.sign, handler, svc.ActionInput(), later)
    done = svc.act_many(s, bulk, wf.Action.sign, handler, svc.ActionInput(), later)
    assert all(done[c].error is None for c in bulk)
    _twins_equal(s, singles, bulk)


def test_a_refused_case_of_a_bulk_action_is_left_untouched(db_session: Session) -> None:
    s = db_session
    good, not_filed_twin = _filed(s, 2)
    not_filed = report(s, at(2, 9, 0), spot_in(s)).id
    act(s, not_filed_twin, "dispatch", DISPATCHER, at(2, 9, 10))  # already dispatched
    inactive = s.execute(  # rolled back with the test
        text("UPDATE grid_unit SET active = false WHERE code = '370303-HW' RETURNING id")
    ).scalar_one()
    before = {c: _snapshot(s, c) for c in (not_filed, not_filed_twin)}
    missing = 10**12
    asked = [not_filed, good, not_filed_twin, missing]
    done = svc.act_many(s, asked, wf.Action.dispatch, DISPATCHER, svc.ActionInput(), at(2, 9, 30))
    assert done[good].error is None
    assert isinstance(done[not_filed].error, wf.InvalidTransition)
    assert isinstance(done[not_filed_twin].error, wf.InvalidTransition)
    assert isinstance(done[missing].error, NotFound)
    assert {c: _snapshot(s, c) for c in (not_filed, not_filed_twin)} == before
    # a bad payload refuses the case too, before anything is written
    other = _filed(s, 1)[0]
    snap = _snapshot(s, other)
    done = svc.act_many(
        s, [other], wf.Action.dispatch, DISPATCHER, svc.ActionInput(unit_id=inactive), at(2, 10)
    )
    assert done[other].error is not None and done[other].error.code == "invalid_input"
    assert _snapshot(s, other) == snap
    assert svc.verify_chains(s)[1] == []


@pytest.fixture
def fresh_engine(fresh_db_url: str) -> Iterator[Engine]:
    eng = create_engine(fresh_db_url)
    yield eng
    eng.dispose()


def test_a_single_action_waits_for_the_bulk_action_holding_the_row_lock(
    fresh_engine: Engine,
) -> None:
    with unit_of_work(fresh_engine) as s:
        ids = _filed(s, 3)
        cg = unit_ids(s)["370303-CG"]
        for cid in ids:
            act(s, cid, "dispatch", DISPATCHER, at(2, 9, 10), unit_id=cg)
    handler = unit(cg)
    order: list[str] = []
    results: dict[str, Any] = {}
    bulk_locked = threading.Event()

    def bulk() -> None:
        with Session(fresh_engine) as s:
            out = svc.act_many(s, ids, wf.Action.sign, handler, svc.ActionInput(), at(2, 9, 20))
            bulk_locked.set()
            time.sleep(0.4)  # hold the row locks: the single sign must wait for them
            order.append("bulk")
            s.commit()
            results["bulk"] = out

    def single() -> None:
        bulk_locked.wait(10)
        with Session(fresh_engine) as s:
            try:
                svc.act(s, ids[1], wf.Action.sign, handler, svc.ActionInput(), at(2, 9, 21))
                s.commit()
                results["single"] = "ok"
            except Exception as exc:
                s.rollback()
                results["single"] = exc
            order.append("single")

    threads = [threading.Thread(target=bulk), threading.Thread(target=single)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert order == ["bulk", "single"]  # serialised by the row lock
    assert all(o.error is None for o in results["bulk"].values())
    single_result = results["single"]
    assert isinstance(single_result, wf.InvalidTransition), single_result  # already signed
    with Session(fresh_engine) as s:
        signs = s.scalar(
            select(text("count(*)"))
            .select_from(CaseEvent)
            .where(CaseEvent.case_id == ids[1], CaseEvent.action == "sign")
        )
        assert signs == 1
        assert svc.verify_chains(s)[1] == []


def test_an_action_that_waited_for_the_lock_reads_the_clocks_its_holder_wrote(
    fresh_engine: Engine,
) -> None:
    """The read after the lock sees what the lock's holder committed (`dispatch_case_read`).

    The dispatch's statement starts while the filing holds the row, so its own snapshot is
    older than the filing. Read in that snapshot, the dispatch would see the 立案 clock still
    running and no 派遣 clock to stop, and would answer and write from those.
    """
    with unit_of_work(fresh_engine) as s:
        cid = report(s, at(2, 9, 0), spot_in(s)).id
        cg = unit_ids(s)["370303-CG"]
    holding = threading.Event()
    views: dict[str, Any] = {}

    def file() -> None:
        with Session(fresh_engine) as s:
            svc.act(s, cid, wf.Action.file, LEADER, svc.ActionInput(), at(2, 9, 5))
            holding.set()
            time.sleep(0.4)  # the dispatch below is waiting for the row by now
            s.commit()

    def dispatch() -> None:
        holding.wait(10)
        with Session(fresh_engine) as s:
            views["dispatch"] = svc.act_view(
                s, cid, wf.Action.dispatch, DISPATCHER, svc.ActionInput(unit_id=cg), at(2, 9, 10)
            )
            s.commit()

    threads = [threading.Thread(target=file), threading.Thread(target=dispatch)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    view = views["dispatch"]
    running = {(st["stage"], st["unit_id"]) for st in view["stages"] if st["stopped_at"] is None}
    assert running == {("handle", cg)}
    assert [st["stage"] for st in view["stages"]] == ["file", "dispatch", "handle"]
    with Session(fresh_engine) as s:
        stored = s.scalars(select(CaseStage).where(CaseStage.case_id == cid).order_by(CaseStage.id))
        assert [(st.stage, st.stopped_at is None) for st in stored] == [
            ("file", False),
            ("dispatch", False),
            ("handle", True),
        ]
        assert svc.verify_chains(s)[1] == []
