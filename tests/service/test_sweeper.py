"""The sweeper on a committed database: lights, 预警/超期 events, 督办, locks, crashes, the chain."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import typer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from app.cases import audit
from app.cases import workflow as wf
from app.cases.service import (
    ActionInput,
    ReportInput,
    act,
    event_hash,
    report_case,
    verify_chains,
)
from app.cases.time.sweeper import SweepResult, run_periodic, sweep
from app.core.db import unit_of_work

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)  # a Monday morning
US = timedelta(microseconds=1)
INSPECTOR = wf.Actor(wf.Role.inspector, user_id=1)
SHIFT_LEADER = wf.Actor(wf.Role.shift_leader, user_id=2)
DISPATCHER = wf.Actor(wf.Role.dispatcher, user_id=3)


@pytest.fixture
def eng(fresh_db_url: str) -> Iterator[Engine]:
    e = create_engine(fresh_db_url, pool_size=10)
    yield e
    e.dispose()


@pytest.fixture
def point(eng: Engine) -> tuple[float, float]:
    with eng.connect() as c:
        x, y = c.execute(
            text(
                "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM grid_cell"
                " WHERE valid_to IS NULL AND mgmt_class = 'normal' ORDER BY code LIMIT 1 OFFSET 777) q"
            )
        ).one()
    return float(x), float(y)


def _report(eng: Engine, point: tuple[float, float], at: datetime = T0) -> int:
    with unit_of_work(eng) as s:
        r = report_case(
            s,
            ReportInput(
                source=wf.Source.inspector,
                category="event:06010",
                lon=point[0],
                lat=point[1],
                description="暴露垃圾",
            ),
            INSPECTOR,
            at,
        )
        return r.case.id


def _act(
    eng: Engine, case_id: int, action: wf.Action, actor: wf.Actor, at: datetime, **inp: Any
) -> None:
    with unit_of_work(eng) as s:
        act(s, case_id, action, actor, ActionInput(**inp), at)


def _dispatched(eng: Engine, point: tuple[float, float], unit_id: int) -> int:
    case_id = _report(eng, point)
    _act(eng, case_id, wf.Action.file, SHIFT_LEADER, T0 + timedelta(minutes=1))
    _act(eng, case_id, wf.Action.dispatch, DISPATCHER, T0 + timedelta(minutes=2), unit_id=unit_id)
    return case_id


def _stage(eng: Engine, case_id: int, stage: str) -> dict[str, Any]:
    with eng.connect() as c:
        return dict(
            c.execute(
                text("SELECT * FROM dispatch_case_stage WHERE case_id = :c AND stage = :s"),
                {"c": case_id, "s": stage},
            )
            .mappings()
            .one()
        )


def _events(eng: Engine, case_id: int | None = None) -> list[dict[str, Any]]:
    with eng.connect() as c:
        return [
            dict(r)
            for r in c.execute(
                text(
                    "SELECT * FROM dispatch_case_event WHERE action IN ('warning','overdue')"
                    " AND (CAST(:c AS bigint) IS NULL OR case_id = :c) ORDER BY case_id, seq"
                ),
                {"c": case_id},
            ).mappings()
        ]


def _unit(eng: Engine, with_parent: bool) -> tuple[int, int | None]:
    with eng.connect() as c:
        row = c.execute(
            text(
                "SELECT id, parent_id FROM grid_unit WHERE active AND (parent_id IS NOT NULL) = :p"
                " ORDER BY id LIMIT 1"
            ),
            {"p": with_parent},
        ).one()
    return row.id, row.parent_id


def _chain_ok(eng: Engine) -> None:
    with unit_of_work(eng) as s:
        checked, problems = verify_chains(s)
    assert checked > 0 and problems == []


def test_a_stage_turns_yellow_at_80_percent_then_red_after_due_one_event_each(
    eng: Engine, point: tuple[float, float]
) -> None:
    case_id = _report(eng, point)
    st = _stage(eng, case_id, "file")  # 立案: 30 natural minutes
    assert st["yellow_at"] == T0 + timedelta(minutes=24) and st["due_at"] == T0 + timedelta(
        minutes=30
    )
    assert st["next_threshold_at"] == st["yellow_at"] and st["light"] == "green"

    assert sweep(eng, st["yellow_at"]).stages == 0  # the light changes strictly after 80%
    r = sweep(eng, st["yellow_at"] + US)
    assert (r.stages, r.warnings, r.overdue) == (1, 1, 0)
    st = _stage(eng, case_id, "file")
    assert st["light"] == "yellow" and st["warned_at"] == st["yellow_at"] + US
    assert st["next_threshold_at"] == st["due_at"] and st["overdue_at"] is None
    assert sweep(eng, st["yellow_at"] + US).stages == 0  # idempotent
    assert sweep(eng, st["due_at"]).stages == 0

    r = sweep(eng, st["due_at"] + timedelta(seconds=1))
    assert (r.stages, r.warnings, r.overdue, r.escalated_to_centre) == (1, 0, 1, 1)
    st = _stage(eng, case_id, "file")
    assert st["light"] == "red" and st["next_threshold_at"] is None
    assert st["overdue_at"] == st["escalated_at"] == st["due_at"] + timedelta(seconds=1)
    for later in (timedelta(seconds=1), timedelta(days=3)):
        assert sweep(eng, st["due_at"] + later).stages == 0

    warning, overdue = _events(eng, case_id)
    assert [warning["action"], overdue["action"]] == ["warning", "overdue"]
    for ev in (warning, overdue):
        assert ev["from_status"] == ev["to_status"] == "reported"
        assert ev["actor_role"] == "system" and ev["actor_id"] is None
        assert ev["payload"]["stage"] == "file" and ev["payload"]["stage_id"] == st["id"]
    assert warning["seq"] == 2 and overdue["seq"] == 3
    assert overdue["payload"]["escalated_to"] == "command_centre"
    assert overdue["payload"]["escalated_to_unit_id"] is None
    assert "督办至指挥中心" in overdue["note"]
    with eng.connect() as c:
        tail = c.execute(
            text("SELECT event_count, last_event_hash FROM dispatch_case WHERE id = :i"),
            {"i": case_id},
        ).one()
    assert tuple(tail) == (3, overdue["hash"])  # the case keeps the chain's tail
    _chain_ok(eng)


def test_a_stage_that_skipped_yellow_gets_only_the_overdue_event(
    eng: Engine, point: tuple[float, float]
) -> None:
    case_id = _report(eng, point)
    r = sweep(eng, T0 + timedelta(hours=2))
    assert (r.stages, r.warnings, r.overdue) == (1, 0, 1)
    st = _stage(eng, case_id, "file")
    assert st["light"] == "red" and st["warned_at"] is None and st["overdue_at"] is not None
    assert [e["action"] for e in _events(eng, case_id)] == ["overdue"]


def test_overdue_handling_is_escalated_to_the_parent_unit_else_the_command_centre(
    eng: Engine, point: tuple[float, float]
) -> None:
    child, parent = _unit(eng, with_parent=True)
    orphan, _ = _unit(eng, with_parent=False)
    to_parent = _dispatched(eng, point, child)
    to_centre = _dispatched(eng, point, orphan)
    handle = _stage(eng, to_parent, "handle")
    assert handle["unit_id"] == child
    r = sweep(eng, handle["due_at"] + timedelta(minutes=1))
    # each case: the handle stage (first seen green → red)
    assert (r.stages, r.overdue, r.escalated_to_units, r.escalated_to_centre) == (2, 2, 1, 1)

    (ev,) = _events(eng, to_parent)
    assert (
        ev["payload"]["escalated_to"] == "unit" and ev["payload"]["escalated_to_unit_id"] == parent
    )
    assert ev["from_status"] == ev["to_status"] == "dispatched"
    (ev,) = _events(eng, to_centre)
    assert ev["payload"] == ev["payload"] | {
        "escalated_to": "command_centre",
        "escalated_to_unit_id": None,
        "unit_id": orphan,
    }
    assert _stage(eng, to_parent, "handle")["escalated_at"] is not None

    # an inactive parent cannot supervise: the command centre does
    with eng.begin() as c:
        c.execute(text("UPDATE grid_unit SET active = false WHERE id = :p"), {"p": parent})
    third = _dispatched(eng, point, child)
    r = sweep(eng, _stage(eng, third, "handle")["due_at"] + timedelta(minutes=1))
    assert (r.overdue, r.escalated_to_centre) == (1, 1)
    assert _events(eng, third)[0]["payload"]["escalated_to"] == "command_centre"
    _chain_ok(eng)


def test_suspended_and_stopped_stages_are_not_swept(
    eng: Engine, point: tuple[float, float]
) -> None:
    unit_id, _ = _unit(eng, with_parent=True)
    case_id = _dispatched(eng, point, unit_id)
    handler = wf.Actor(wf.Role.unit_handler, user_id=9, unit_id=unit_id)
    _act(
        eng,
        case_id,
        wf.Action.suspend_request,
        handler,
        T0 + timedelta(minutes=3),
        note="需协调产权单位",
    )
    _act(eng, case_id, wf.Action.suspend_approve, DISPATCHER, T0 + timedelta(minutes=4))
    handle = _stage(eng, case_id, "handle")
    assert handle["paused_at"] is not None

    r = sweep(eng, T0 + timedelta(days=30))
    assert r.stages == 0  # 立案 and 派遣 were stopped by file/dispatch, 处置 is paused
    for stage in ("file", "dispatch", "handle"):
        st = _stage(eng, case_id, stage)
        assert st["light"] == "green" and st["warned_at"] is None and st["overdue_at"] is None
    assert _events(eng, case_id) == []


def test_a_stopped_stage_is_left_alone_while_the_next_one_is_swept(
    eng: Engine, point: tuple[float, float]
) -> None:
    case_id = _report(eng, point)
    _act(eng, case_id, wf.Action.file, SHIFT_LEADER, T0 + timedelta(minutes=29))
    r = sweep(eng, T0 + timedelta(days=1))
    assert (r.stages, r.overdue) == (1, 1)
    assert _stage(eng, case_id, "file")["light"] == "green"
    (ev,) = _events(eng, case_id)
    assert ev["payload"]["stage"] == "dispatch" and ev["from_status"] == "filed"


def test_a_case_locked_by_a_transition_is_skipped_until_the_next_sweep(
    eng: Engine, point: tuple[float, float]
) -> None:
    locked, free = _report(eng, point), _report(eng, point)
    at = T0 + timedelta(hours=1)
    with eng.connect() as c, c.begin():
        c.execute(text("SELECT id FROM dispatch_case WHERE id = :i FOR UPDATE"), {"i": locked})
        r = sweep(eng, at)
        assert r.stages == 1 and [e["case_id"] for e in _events(eng)] == [free]
    assert sweep(eng, at).stages == 1
    assert sorted(e["case_id"] for e in _events(eng)) == sorted([locked, free])
    _chain_ok(eng)


def test_concurrent_sweepers_process_each_stage_once(
    eng: Engine, point: tuple[float, float]
) -> None:
    cases = [_report(eng, point, T0 + timedelta(seconds=i)) for i in range(40)]
    at = T0 + timedelta(hours=1)
    barrier = threading.Barrier(4)
    results: list[SweepResult] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            results.append(sweep(eng, at, batch_size=3))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(r.stages for r in results) == 40 and sum(r.overdue for r in results) == 40
    events = _events(eng)
    assert sorted(e["case_id"] for e in events) == sorted(cases)  # exactly one each
    assert sweep(eng, at).stages == 0
    _chain_ok(eng)


def test_a_crash_after_the_first_batch_loses_nothing_and_duplicates_nothing(
    eng: Engine, point: tuple[float, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = [_report(eng, point, T0 + timedelta(seconds=i)) for i in range(10)]
    at = T0 + timedelta(hours=1)

    def crash(total: SweepResult) -> None:
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        sweep(eng, at, batch_size=3, workers=1, on_batch=crash)
    assert len(_events(eng)) == 3  # the first batch was committed

    # a crash inside a batch (after some events were hashed) rolls the whole batch back
    calls: list[int] = []
    real_hash = event_hash

    def failing_hash(ev: Any) -> str:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed mid-batch")
        return real_hash(ev)

    monkeypatch.setattr(audit, "event_hash", failing_hash)  # the one chain writer
    with pytest.raises(RuntimeError):
        sweep(eng, at, batch_size=3, workers=1)
    assert len(_events(eng)) == 3
    monkeypatch.undo()

    r = sweep(eng, at, batch_size=3, workers=1)
    assert (r.stages, r.overdue, r.batches) == (7, 7, 3)
    assert sorted(e["case_id"] for e in _events(eng)) == sorted(cases)
    assert sweep(eng, at).stages == 0
    _chain_ok(eng)


class _Clock:
    def __init__(self, at: datetime) -> None:
        self.at, self.calls = at, 0

    def __call__(self) -> datetime:
        self.calls += 1
        return self.at


def _wait_for(cond: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_the_advisory_lock_admits_one_periodic_runner_and_a_standby_takes_over(
    eng: Engine, point: tuple[float, float]
) -> None:
    case_id = _report(eng, point)
    at = T0 + timedelta(hours=1)
    clocks = [_Clock(at), _Clock(at)]
    stops = [threading.Event(), threading.Event()]
    sweeps: list[int] = [0, 0]

    def runner(i: int) -> None:
        sweeps[i] = run_periodic(eng, 0.02, stops[i], clock=clocks[i])

    first = threading.Thread(target=runner, args=(0,))
    first.start()
    _wait_for(lambda: clocks[0].calls >= 3)
    second = threading.Thread(target=runner, args=(1,))
    second.start()
    time.sleep(0.3)
    assert clocks[1].calls == 0  # the standby never sweeps while the first holds the lock
    assert [e["case_id"] for e in _events(eng)] == [case_id]

    stops[0].set()
    first.join(timeout=10)
    _wait_for(lambda: clocks[1].calls >= 2)  # the lock was released; the standby took over
    stops[1].set()
    second.join(timeout=10)
    assert sweeps[0] >= 3 and sweeps[1] >= 2
    assert len(_events(eng)) == 1
    with eng.connect() as c:
        held = c.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                " (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        ).scalar_one()
    assert held == 0


def test_the_cli_sweeps_at_a_given_time(
    eng: Engine, point: tuple[float, float], fresh_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli.dispatch import dispatch_app
    from app.core.config import get_settings
    from app.core.db import get_engine

    case_id = _report(eng, point)
    monkeypatch.setenv("XIUHUA_DATABASE_URL", fresh_db_url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        root = typer.Typer()
        root.callback()(lambda: None)  # a group, as `xiuhua` is
        root.add_typer(dispatch_app)  # the registration asked of app/cli/__init__.py
        runner = CliRunner()
        r = runner.invoke(root, ["sweep", "--now", "2026-11-23T09:25:00"])
        assert r.exit_code == 0, r.output
        assert "1 个阶段变灯" in r.output and "黄灯预警 1 条" in r.output
        r = runner.invoke(root, ["sweep", "--now", "2026-11-23T09:25:00+08:00"])
        assert r.exit_code == 0 and "0 个阶段变灯" in r.output
        r = runner.invoke(root, ["sweep", "--now", "2026-11-23T09:25", "--loop", "5"])
        assert r.exit_code == 1
        r = runner.invoke(root, ["sweep", "--now", "yesterday"])
        assert r.exit_code == 1 and "时间格式不正确" in r.output
    finally:
        get_engine().dispose()
        get_engine.cache_clear()
        monkeypatch.undo()
        get_settings.cache_clear()
    assert [e["action"] for e in _events(eng, case_id)] == ["warning"]
