"""The case engine at service level: fixed clocks, real commits, threads, the audit chain.

The API reads the real clock; here `report_case` / `act` get explicit instants so deadlines can
be asserted exactly with app.cases.time.deadlines. Tests that need commits (numbering across
transactions, concurrency, tampering with the event table) take their own database
(`fresh_db_url`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.api.errors import status_for
from app.cases import service as svc
from app.cases import workflow as wf
from app.cases.models import Case, CaseEvent
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import (
    add_business_time,
    elapsed_business_time,
    stage_clock,
)
from app.cases.time.standards import StageLimitMissing
from app.core.db import unit_of_work
from tests.support.api import upload_photo
from tests.support.engine import (
    CST,
    DISPATCHER,
    INSPECTOR,
    LEADER,
    PHOTOS,
    WH,
    act,
    at,
    dispatched_at,
    handle_stages,
    report,
    spot_in,
    unit,
    unit_ids,
)
from tests.support.sessions import commit_requests_on

# ---------------------------------------------------------------------------------------------
# Deadlines with fixed clocks
# ---------------------------------------------------------------------------------------------


def test_suspension_moves_the_due_by_the_suspended_business_time(db_session: Session) -> None:
    s, cal = db_session, get_calendar(db_session)
    case = dispatched_at(s, spot_in(s), at(2, 9, 0))  # handle clock from Mon 09:10
    (st,) = handle_stages(s, case.id)
    assert (st.limit_value, st.limit_unit) == (Decimal(4), "work_hour")
    start = st.started_at
    assert start == at(2, 9, 10)
    # 09:10–12:00 + 13:30–14:40 = 4 work hours
    assert st.due_at == at(2, 14, 40) == add_business_time(start, 4, WH, cal).due_at
    act(s, case, "sign", unit(case.assigned_unit_id), at(2, 9, 20))
    act(s, case, "suspend_request", unit(case.assigned_unit_id), at(2, 9, 30), note="待规划")
    act(s, case, "suspend_approve", DISPATCHER, at(2, 10, 0))
    assert case.status == "suspended" and case.suspensions == 1
    assert st.paused_at == at(2, 10, 0) and st.next_threshold_at is None
    # while suspended the clock stands still: Tue afternoon is not overdue
    view = svc.case_view(s, case, DISPATCHER, at(3, 16, 0))
    (clock,) = [c for c in view["stages"] if c["stage"] == "handle"]
    assert clock["paused"] is True and clock["light"] == "green"
    assert view["allowed_actions"] == ["resume"]

    act(s, case, "resume", DISPATCHER, at(4, 10, 0))  # Wed 10:00
    assert case.status == "dispatched" and st.paused_at is None
    paused = elapsed_business_time(at(2, 10, 0), at(4, 10, 0), cal, WH).seconds
    assert paused == (2 + 4 + 7.5 + 1.5) * 3600  # Mon 10–12, 13:30–17:30, Tue, Wed 08:30–10
    assert st.paused_seconds == paused
    expected = add_business_time(start, Decimal(4) + Decimal(paused) / 3600, WH, cal).due_at
    assert st.due_at == expected == at(4, 14, 40)
    assert st.due_at == stage_clock(start, 4, WH, cal, suspended_seconds=paused).due_at
    assert case.suspended_seconds == 48 * 3600  # natural time in 挂账
    assert not st.provisional and not case.calendar_provisional
    # handled on Wed afternoon before the moved due: on time
    act(s, case, "handle", unit(case.assigned_unit_id), at(4, 14, 0), photos=PHOTOS)
    assert st.stopped_at == at(4, 14, 0) and st.stopped_at <= st.due_at
    view = svc.case_view(s, case, DISPATCHER, at(9, 9, 0))
    (clock,) = [c for c in view["stages"] if c["stage"] == "handle"]
    assert clock["overdue"] is False


def test_extension_moves_the_due_in_work_hours_over_a_weekend(db_session: Session) -> None:
    s, cal = db_session, get_calendar(db_session)
    case = dispatched_at(s, spot_in(s), at(6, 15, 50))  # handle clock from Fri 16:00
    (st,) = handle_stages(s, case.id)
    assert st.due_at == at(9, 11, 0)  # Fri 16:00–17:30 + Mon 08:30–11:00
    view = svc.case_view(s, case, DISPATCHER, at(9, 11, 1))
    assert [c["light"] for c in view["stages"] if c["stage"] == "handle"] == ["red"]
    u = unit(case.assigned_unit_id)
    act(s, case, "sign", u, at(6, 16, 10))
    act(s, case, "extend_request", u, at(6, 16, 30), hours=Decimal(3), note="需联合执法")
    assert case.pending == "extend" and case.pending_payload["hours"] == "3"
    act(s, case, "extend_approve", DISPATCHER, at(6, 17, 0))
    assert (case.extensions, case.extension_hours, case.pending) == (1, Decimal(3), None)
    assert st.extension_hours == Decimal(3)
    assert st.due_at == at(9, 15, 30)  # Mon 11:00 + 1 h to 12:00 + 2 h from 13:30
    assert st.due_at == add_business_time(st.started_at, 7, WH, cal).due_at
    assert st.due_at == add_business_time(at(9, 11, 0), 3, WH, cal).due_at
    ev = s.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    ).one()
    assert ev.action == "extend_approve" and ev.payload["hours"] == "3"
    assert ev.payload["clocks"] == [{"stage": "handle", "due_at": at(9, 15, 30).isoformat()}]
    view = svc.case_view(s, case, DISPATCHER, at(9, 11, 1))
    assert [c["light"] for c in view["stages"] if c["stage"] == "handle"] == ["green"]


def test_key_area_cells_use_the_key_handling_limit(db_session: Session) -> None:
    s = db_session
    case = dispatched_at(s, spot_in(s, "key", 10), at(2, 9, 0))
    assert case.mgmt_class == "key"
    (st,) = handle_stages(s, case.id)
    assert (st.limit_value, st.limit_unit) == (
        Decimal(2),
        "work_hour",
    )  # 占道经营: 2 h in key areas
    assert st.due_at == at(2, 11, 10)


def test_case_numbers_follow_the_local_year(db_session: Session) -> None:
    s, spot = db_session, spot_in(db_session)
    # 2026-12-31 23:59 Beijing is still 2026; 2027-01-01 00:30 Beijing is already 2027
    late = report(s, datetime(2026, 12, 31, 15, 59, tzinfo=UTC), spot)
    new_year = report(s, datetime(2026, 12, 31, 16, 30, tzinfo=UTC), spot)
    again = report(s, datetime(2027, 1, 2, 9, 0, tzinfo=CST), spot)
    assert [late.case_no, new_year.case_no, again.case_no] == [
        "370303-2026-000001",
        "370303-2027-000001",
        "370303-2027-000002",
    ]


def test_a_new_case_enters_the_session_as_loaded_and_equal_to_its_row(db_session: Session) -> None:
    """The report inserts its case by one statement and puts the object in the session as if
    loaded: every column present (nothing expired, so nothing is read back), nothing to flush,
    and each value what the database holds."""
    from sqlalchemy import inspect

    s = db_session
    case = report(s, datetime(2026, 3, 2, 9, 0, tzinfo=CST), spot_in(s))
    state = inspect(case)
    assert state.persistent and not state.expired_attributes
    assert not s.dirty and not s.new
    row = (
        s.execute(text("SELECT * FROM dispatch_case WHERE id = :i"), {"i": case.id})
        .mappings()
        .one()
    )
    for col in Case.__table__.columns:
        if col.name != "geom":
            assert getattr(case, col.name) == row[col.name], col.name


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        ("CG{district}{year}{seq:05d}", ["CG370303202600001", "CG370303202600002"]),  # in SQL
        ("{district}/{year}/{seq:>4}", ["370303/2026/   1", "370303/2026/   2"]),  # in Python
    ],
)
def test_case_number_formats_drawn_in_sql_or_in_python(
    db_session: Session, monkeypatch: pytest.MonkeyPatch, fmt: str, want: list[str]
) -> None:
    """A format SQL can build is drawn and written by the insert itself; any other format's
    numbers are drawn first and formatted in Python: both gap-free, per district and year."""
    from app.core.config import get_settings

    monkeypatch.setattr(get_settings(), "case_no_format", fmt)
    s = db_session
    t = datetime(2026, 3, 2, 9, 0, tzinfo=CST)
    got = [report(s, t, spot_in(s)).case_no, report(s, t, spot_in(s)).case_no]
    assert got == want


# ---------------------------------------------------------------------------------------------
# Two-level dispatch clocks
# ---------------------------------------------------------------------------------------------


def _at_level_two(s: Session, t: datetime) -> tuple[Case, int, int]:
    ids = unit_ids(s)
    cg, squad = ids["370303-CG"], ids["370303001-ZD"]
    case = dispatched_at(s, spot_in(s), t, unit_id=cg)
    act(s, case, "sign", unit(cg), t + timedelta(minutes=12))
    act(s, case, "redispatch", unit(cg), t + timedelta(minutes=15), unit_id=squad)
    act(s, case, "sign", unit(squad), t + timedelta(minutes=20))
    return case, cg, squad


def test_suspension_at_level_two_pauses_both_clocks(db_session: Session) -> None:
    s, cal = db_session, get_calendar(db_session)
    case, cg, squad = _at_level_two(s, at(2, 9, 0))
    act(s, case, "suspend_request", unit(squad), at(2, 9, 30), note="待规划")
    act(s, case, "suspend_approve", DISPATCHER, at(2, 10, 0))
    act(s, case, "resume", DISPATCHER, at(4, 10, 0))
    paused = elapsed_business_time(at(2, 10, 0), at(4, 10, 0), cal, WH).seconds
    l1, l2 = handle_stages(s, case.id)
    assert (l1.level, l1.unit_id, l2.level, l2.unit_id) == (1, cg, 2, squad)
    for st in (l1, l2):
        assert st.paused_at is None and st.paused_seconds == paused
        assert st.due_at == stage_clock(st.started_at, 4, WH, cal, suspended_seconds=paused).due_at
    assert l1.due_at == at(4, 14, 40) and l2.due_at == at(4, 14, 45)


def test_suspended_time_is_counted_once_at_level_two(db_session: Session) -> None:
    """BUG (service._effects, resume branch): `case.suspended_seconds += …` runs once per open
    handle stage, and at level 2 both the parent's and the sub-unit's clocks are open, so the
    case's 挂账 time is counted twice (96 h instead of 48 h)."""
    s = db_session
    case, _, squad = _at_level_two(s, at(2, 9, 0))
    act(s, case, "suspend_request", unit(squad), at(2, 9, 30), note="待规划")
    act(s, case, "suspend_approve", DISPATCHER, at(2, 10, 0))
    act(s, case, "resume", DISPATCHER, at(4, 10, 0))
    assert case.suspensions == 1
    assert case.suspended_seconds == 48 * 3600


def test_rework_at_level_two_restarts_the_parent_clock_too(db_session: Session) -> None:
    """BUG (service._effects / check_fail at level 2): `handle` stops the handle clock of every
    open level, but `check_fail` (返工) starts a new one only at level 2. The parent's clock
    stays stopped, so after a later return to the parent (`recall`) the case is 处置中 at
    综合行政执法局 with no running handling clock at all (no due, no light, never overdue).
    workflow.py: "operations on the handle clock apply to every open level"."""
    s = db_session
    case, cg, squad = _at_level_two(s, at(2, 9, 0))
    act(s, case, "handle", unit(squad), at(2, 11, 0), photos=PHOTOS)
    assert all(st.stopped_at is not None for st in handle_stages(s, case.id))
    act(s, case, "check_fail", INSPECTOR, at(2, 11, 30), photos=PHOTOS, note="仍有摊位")
    assert (case.status, case.assigned_unit_id, case.reworks) == ("dispatched", squad, 1)
    act(s, case, "sign", unit(squad), at(2, 11, 40))
    act(s, case, "return_request", unit(squad), at(2, 13, 40), note="需上级协调")
    act(s, case, "recall", unit(cg), at(2, 14, 0))
    assert (case.assigned_unit_id, case.dispatching_unit_id) == (cg, None)
    running = [(st.level, st.unit_id) for st in handle_stages(s, case.id) if st.stopped_at is None]
    assert running == [(1, cg)]


# ---------------------------------------------------------------------------------------------
# The event table: append-only and hash-chained
# ---------------------------------------------------------------------------------------------


def test_events_are_append_only(db_session: Session) -> None:
    s = db_session
    case = dispatched_at(s, spot_in(s), at(2, 9, 0))
    for sql in (
        "UPDATE dispatch_case_event SET note = '改' WHERE case_id = :c",
        "DELETE FROM dispatch_case_event WHERE case_id = :c AND seq = 2",
    ):
        with pytest.raises(DBAPIError) as caught, s.begin_nested():
            s.execute(text(sql), {"c": case.id})
        assert "append-only" in str(caught.value)
        assert "执法全过程记录只能追加" in str(caught.value)
        assert caught.value.orig.sqlstate == "42501"
    ev = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.seq == 1)).one()
    with pytest.raises(DBAPIError, match="append-only"), s.begin_nested():
        ev.note = "改"
        s.flush()
    s.expire_all()
    assert svc.verify_chains(s, case.id) == (3, [])


def test_events_cannot_be_truncated(db_session: Session) -> None:
    """BUG (migration 2026_11_21_case_engine): the append-only trigger is FOR EACH ROW on
    UPDATE/DELETE only; TRUNCATE fires no row trigger, so the whole 执法全过程记录 can be
    wiped. Suggested: also `CREATE TRIGGER … BEFORE TRUNCATE ON dispatch_case_event
    FOR EACH STATEMENT EXECUTE FUNCTION dispatch_case_event_append_only()`."""
    s = db_session
    dispatched_at(s, spot_in(s), at(2, 9, 0))
    with pytest.raises(DBAPIError, match="append-only"), s.begin_nested():
        s.execute(text("TRUNCATE dispatch_case_event"))


@pytest.fixture
def fresh_engine(fresh_db_url: str) -> Iterator[Engine]:
    eng = create_engine(fresh_db_url)
    yield eng
    eng.dispose()


def _build(engine: Engine, fn: Callable[[Session], Any]) -> Any:
    with unit_of_work(engine) as s:
        return fn(s)


def test_tampering_with_the_history_is_detected(fresh_engine: Engine) -> None:
    def setup(s: Session) -> list[int]:
        spot, out = spot_in(s), []
        for i in range(3):
            case = dispatched_at(s, spot, at(2, 9, i))
            act(s, case, "sign", unit(case.assigned_unit_id), at(2, 10, i))
            out.append(case.id)
        return out

    a, b, c = _build(fresh_engine, setup)
    with Session(fresh_engine) as s:
        assert svc.verify_chains(s) == (12, [])

    # an UPDATE with the trigger switched off (superuser): that very row is named
    with fresh_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(
            text(
                "UPDATE dispatch_case_event SET note = '已签收（改）'"
                " WHERE case_id = :c AND seq = 2"
            ),
            {"c": a},
        )
    with Session(fresh_engine) as s:
        checked, problems = svc.verify_chains(s)
        assert checked == 12
        assert [(p.case_id, p.seq) for p in problems] == [(a, 2)]
        assert "被改动" in problems[0].problem
        assert svc.verify_chains(s, b) == (4, [])

    # a middle row deleted: the gap is named, and the next row's link is broken
    with fresh_engine.begin() as conn:
        conn.execute(text("ALTER TABLE dispatch_case_event DISABLE TRIGGER USER"))
        conn.execute(
            text("DELETE FROM dispatch_case_event WHERE case_id = :c AND seq = 2"), {"c": b}
        )
        conn.execute(text("ALTER TABLE dispatch_case_event ENABLE TRIGGER USER"))
    with Session(fresh_engine) as s:
        _, problems = svc.verify_chains(s, b)
        assert [(p.case_id, p.seq) for p in problems] == [(b, 2), (b, 3)]
        assert "缺失" in problems[0].problem and "前一条" in problems[1].problem

    # a forger who also recomputes the row's own hash still breaks the next link
    with Session(fresh_engine) as s:
        ev = s.scalars(select(CaseEvent).where(CaseEvent.case_id == c, CaseEvent.seq == 1)).one()
        s.expunge(ev)
        ev.note = "伪造"
        forged = svc.event_hash(ev)
    with fresh_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(
            text(
                "UPDATE dispatch_case_event SET note = '伪造', hash = :h"
                " WHERE case_id = :c AND seq = 1"
            ),
            {"h": forged, "c": c},
        )
    with Session(fresh_engine) as s:
        _, problems = svc.verify_chains(s, c)
        assert [(p.case_id, p.seq) for p in problems] == [(c, 2)]
        # the trigger is back on for normal sessions
        with pytest.raises(DBAPIError, match="append-only"):
            s.execute(text("DELETE FROM dispatch_case_event WHERE case_id = :c"), {"c": c})

    # the last rows removed: the chain itself is consistent, but the case's tail names it
    with fresh_engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(
            text("DELETE FROM dispatch_case_event WHERE case_id = :c AND seq >= 3"), {"c": a}
        )
    with Session(fresh_engine) as s:
        _, problems = svc.verify_chains(s, a)
        assert (a, 3) in [(p.case_id, p.seq) for p in problems]
        assert any("链尾" in p.problem for p in problems)


# ---------------------------------------------------------------------------------------------
# Case numbers across transactions
# ---------------------------------------------------------------------------------------------


def _wait_for_lock_waiter(engine: Engine, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the second report never waited for the first one's number")


def test_case_numbers_stay_gap_free_when_reports_roll_back(fresh_db_url: str) -> None:
    e1, e2 = create_engine(fresh_db_url), create_engine(fresh_db_url)
    try:
        with Session(e1) as s:
            spot = spot_in(s)
        t = at(2, 9, 0)
        # 1) a report that is rolled back while another one waits for the number
        first = Session(e1)
        doomed = report(first, t, spot)
        assert doomed.case_no == "370303-2026-000001"
        got: dict[str, Any] = {}

        def second_report() -> None:
            try:
                with unit_of_work(e2) as s2:
                    got["no"] = report(s2, t + timedelta(minutes=1), spot).case_no
            except Exception as exc:  # surfaced by the assertion below
                got["error"] = exc

        th = threading.Thread(target=second_report)
        th.start()
        _wait_for_lock_waiter(e1)
        first.rollback()
        first.close()
        th.join(30)
        assert not th.is_alive() and "error" not in got, got
        assert got["no"] == "370303-2026-000001"

        # 2) a report that fails after drawing its number (no 立案 stage limit configured)
        with pytest.raises(StageLimitMissing, match="立案"), unit_of_work(e2) as s3:
            s3.execute(text("DELETE FROM dispatch_stage_limit WHERE stage = 'file'"))
            report(s3, t + timedelta(minutes=2), spot)
        # 3) a unit of work that fails after a successful report
        with pytest.raises(RuntimeError), unit_of_work(e1) as s4:
            report(s4, t + timedelta(minutes=3), spot)
            raise RuntimeError("later step failed")

        with unit_of_work(e1) as s5:
            assert report(s5, t + timedelta(minutes=4), spot).case_no == "370303-2026-000002"
        with Session(e2) as s6:
            nos = list(s6.scalars(select(Case.case_no).order_by(Case.id)))
            assert nos == ["370303-2026-000001", "370303-2026-000002"]
            assert s6.execute(text("SELECT last_seq FROM dispatch_case_number")).scalar_one() == 2
    finally:
        e1.dispose()
        e2.dispose()


# ---------------------------------------------------------------------------------------------
# Concurrency: one of two simultaneous actions wins
# ---------------------------------------------------------------------------------------------


def _race(
    engine: Engine,
    case_id: int,
    action: str | list[str],
    actors: list[wf.Actor],
    inputs: list[dict[str, Any]],
    now: datetime,
) -> list[Any]:
    """Run one action per actor at once (`action`: the same for all, or one each)."""
    barrier = threading.Barrier(len(actors))
    results: list[Any] = [None] * len(actors)
    actions = action if isinstance(action, list) else [action] * len(actors)

    def run(i: int) -> None:
        with Session(engine) as s:
            barrier.wait()
            try:
                act(s, case_id, actions[i], actors[i], now, **inputs[i])
                time.sleep(0.3)  # hold the row lock: the other one must wait for it
                s.commit()
                results[i] = "ok"
            except Exception as exc:
                s.rollback()
                results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actors))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    return results


def test_two_simultaneous_actions_exactly_one_wins(fresh_engine: Engine) -> None:
    def setup(s: Session) -> tuple[int, int, dict[str, int]]:
        spot = spot_in(s)
        filed = report(s, at(2, 9, 0), spot)
        act(s, filed, "file", LEADER, at(2, 9, 5))
        dispatched = dispatched_at(s, spot, at(2, 9, 0))
        return filed.id, dispatched.id, unit_ids(s)

    filed_id, dispatched_id, ids = _build(fresh_engine, setup)
    cg, hw = ids["370303-CG"], ids["370303-HW"]

    results = _race(
        fresh_engine,
        filed_id,
        "dispatch",
        [wf.Actor(wf.Role.dispatcher, 401), wf.Actor(wf.Role.dispatcher, 402)],
        [{"unit_id": cg}, {"unit_id": hw}],
        at(2, 9, 30),
    )
    assert sorted(map(str, results)).count("ok") == 1, results
    (loser,) = [r for r in results if r != "ok"]
    assert isinstance(loser, wf.InvalidTransition), loser
    assert loser.detail["status"] == "dispatched" and status_for(loser) == 409
    winner_unit = (cg, hw)[results.index("ok")]

    results = _race(
        fresh_engine, dispatched_id, "sign", [unit(cg, 501), unit(cg, 502)], [{}, {}], at(2, 9, 40)
    )
    assert results.count("ok") == 1, results
    (loser,) = [r for r in results if r != "ok"]
    assert isinstance(loser, wf.InvalidTransition) and "已经签收" in loser.message

    with Session(fresh_engine) as s:
        filed = s.get_one(Case, filed_id)
        assert (filed.status, filed.assigned_unit_id, filed.dispatches) == (
            "dispatched",
            winner_unit,
            1,
        )
        signed = s.get_one(Case, dispatched_id)
        assert signed.signed is True
        trail = list(s.scalars(select(CaseEvent.action).where(CaseEvent.case_id == filed_id)))
        assert trail.count("dispatch") == 1
        trail = list(s.scalars(select(CaseEvent.action).where(CaseEvent.case_id == dispatched_id)))
        assert trail.count("sign") == 1
        assert svc.verify_chains(s) == (7, [])


def test_a_void_request_and_a_dispatch_at_once_exactly_one_wins(fresh_engine: Engine) -> None:
    """Regression: both succeeded and the void request vanished without an event."""

    def setup(s: Session) -> tuple[list[int], dict[str, int]]:
        spot = spot_in(s)
        ids = []
        for minute in range(6):
            case = act(s, report(s, at(2, 9, minute), spot), "file", LEADER, at(2, 9, 10))
            ids.append(case.id)
        return ids, unit_ids(s)

    case_ids, units = _build(fresh_engine, setup)
    outcomes = set()
    for case_id in case_ids:
        results = _race(
            fresh_engine,
            case_id,
            ["void_request", "dispatch"],
            [wf.Actor(wf.Role.dispatcher, 401), wf.Actor(wf.Role.dispatcher, 402)],
            [{"note": "重复立案"}, {"unit_id": units["370303-CG"]}],
            at(2, 9, 30),
        )
        assert results.count("ok") == 1, results
        (loser,) = [r for r in results if r != "ok"]
        assert isinstance(loser, wf.InvalidTransition) and status_for(loser) == 409, loser
        with Session(fresh_engine) as s:
            case = s.get_one(Case, case_id)
            trail = list(s.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case_id)))
            if results[0] == "ok":  # the request won: pending, not dispatched, dispatch refused
                assert (case.status, case.pending) == ("filed", "void"), trail
                assert "已有待审批的作废申请" in loser.message
                assert "dispatch" not in trail
            else:  # the dispatch won: no request was taken
                assert (case.status, case.pending) == ("dispatched", None), trail
                assert "void_request" not in trail
            outcomes.add(case.status)
    # after a request, the dispatcher is refused until the shift leader decides
    with Session(fresh_engine) as s:
        filed = act(s, report(s, at(2, 9, 35), spot_in(s)), "file", LEADER, at(2, 9, 36))
        waiting = act(s, filed, "void_request", DISPATCHER, at(2, 9, 40), note="重复立案").id
        with pytest.raises(wf.InvalidTransition):
            act(s, waiting, "dispatch", DISPATCHER, at(2, 9, 41), unit_id=units["370303-CG"])
        act(s, waiting, "void_deny", LEADER, at(2, 9, 42), note="不作废")
        done = act(s, waiting, "dispatch", DISPATCHER, at(2, 9, 43), unit_id=units["370303-CG"])
        assert (done.status, done.pending) == ("dispatched", None)
        s.commit()
        assert svc.verify_chains(s)[1] == []


def test_handling_closes_a_pending_extension_request_in_its_event(db_session: Session) -> None:
    spot = spot_in(db_session)
    case = dispatched_at(db_session, spot, at(2, 9, 0))
    handler = unit(case.assigned_unit_id or 0)
    act(db_session, case, "sign", handler, at(2, 9, 40))
    act(db_session, case, "extend_request", handler, at(2, 9, 50), hours=4, note="材料未到")
    done = act(db_session, case, "handle", handler, at(2, 10, 0), photos=PHOTOS, note="已处理")
    assert (done.status, done.pending, done.pending_payload) == ("handled", None, None)
    event = db_session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc())
    ).first()
    assert event is not None and event.action == "handle"
    closed = event.payload["closed_request"]
    assert closed["kind"] == "extend" and closed["label"] == "延期"
    assert closed["request"]["note"] == "材料未到"


def test_simultaneous_retries_with_one_idempotency_key_make_one_case(
    fresh_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app
    from tests.support.identity import bearer_for, ensure_test_user

    with Session(fresh_engine) as s:
        spot = spot_in(s)
        uid = ensure_test_user(s, "inspector", 101, None)
        s.commit()
        auth = bearer_for(s, uid)

    body: dict[str, Any] = {
        "category": "event:09006",
        "lon": spot[0],
        "lat": spot[1],
        "description": "占道经营",
    }
    headers = auth | {"Idempotency-Key": "k-1"}
    barrier = threading.Barrier(2)
    answers: list[Any] = [None, None]
    app = create_app()
    commit_requests_on(app, fresh_engine)  # the real request unit of work, on this database
    with TestClient(app) as client:
        # the report policy: an inspector's report carries a site photo (uploaded, committed)
        body["photos"] = [upload_photo(client, auth, "report")]

        def post(i: int) -> None:
            barrier.wait()
            answers[i] = client.post("/api/v1/cases", json=body, headers=headers)

        threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(30)
    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    with Session(fresh_engine) as s:
        assert s.scalar(text("SELECT count(*) FROM dispatch_case")) == 1
        assert s.scalar(text("SELECT last_seq FROM dispatch_case_number")) == 1


def test_the_lock_loads_each_case_as_the_orm_would_and_only_the_visible_ones(
    db_session: Session,
) -> None:
    """The action's lock reads its rows at the driver level (`_lock_sql`, once per caller) and
    makes them `Case` objects itself: every column equals what the ORM loads (the point, the
    JSON payload, decimals and instants included); a case already in the session is refreshed
    in place; a caller who may not see a case gets nothing of it."""
    from geoalchemy2.shape import to_shape

    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=CST)
    case = report(db_session, t0, spot_in(db_session))
    act(db_session, case, "file", LEADER, t0 + timedelta(minutes=5))
    db_session.execute(
        text("UPDATE dispatch_case SET pending_payload = :p, extension_hours = 1.5 WHERE id = :i"),
        {"p": '{"hours": 4, "note": "待审批"}', "i": case.id},
    )
    db_session.expunge_all()
    orm = db_session.get_one(Case, case.id)
    wanted = {c.name: getattr(orm, c.name) for c in Case.__table__.columns}
    db_session.expunge_all()

    version, locked = svc._lock(db_session, [case.id], DISPATCHER)
    assert version is not None and list(locked) == [case.id]
    got = locked[case.id].case
    assert db_session.get(Case, case.id) is got  # in the session, as loaded
    assert not db_session.dirty
    for name, value in wanted.items():
        if name == "geom":
            assert to_shape(got.geom).equals(to_shape(value)) and got.geom.srid == value.srid
        else:
            assert getattr(got, name) == value, name
    assert got.extension_hours == Decimal("1.5")
    assert got.pending_payload == {"hours": 4, "note": "待审批"}
    point = to_shape(wanted["geom"])
    assert locked[case.id].lonlat == pytest.approx((point.x, point.y))

    db_session.execute(
        text("UPDATE dispatch_case SET severity = 'major' WHERE id = :i"), {"i": case.id}
    )
    _, again = svc._lock(db_session, [case.id], DISPATCHER)
    assert again[case.id].case is got and got.severity == "major"  # refreshed in place

    elsewhere = wf.Actor(wf.Role.dispatcher, user_id=DISPATCHER.user_id, districts=("999999",))
    assert svc._lock(db_session, [case.id], elsewhere) == (None, {})
    # callers of one shape share one statement (one prepared statement per connection): the
    # caller's values are its binds
    here = wf.Actor(wf.Role.dispatcher, user_id=402, districts=(case.district_code,))
    (sql, binds), (other_sql, other_binds) = svc._lock_sql(here), svc._lock_sql(elsewhere)
    assert sql == other_sql and binds != other_binds
    assert "999999" not in other_sql and "999999" in other_binds.values()
    assert list(svc._lock(db_session, [case.id], here)[1]) == [case.id]
