"""Facts and rollups: maintained from the event stream, equal to a from-scratch recomputation."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from app.cases import workflow as wf
from app.cases.service import ActionInput, ReportInput, act, report_case
from app.core.db import unit_of_work
from app.core.errors import InvalidInput
from app.stats import facts
from app.stats.settings import DEFAULTS, get_settings_map
from tests.support.engine import new_photo
from tests.support.stats_history import T0, generate, spots

INSPECTOR = wf.Actor(wf.Role.inspector, 101)
LEADER = wf.Actor(wf.Role.shift_leader, 301)
DISPATCHER = wf.Actor(wf.Role.dispatcher, 401)


def drain(session: Session, limit: int = 1000) -> None:
    while facts.refresh_batch(session, limit):
        pass


def test_random_history_rollups_equal_recomputation(db_session: Session) -> None:
    # refresh in small batches while the history is being made, so old facts get replaced
    hist = generate(
        db_session,
        cases=60,
        steps=700,
        seed=11,
        on_step=lambda i: facts.refresh_batch(db_session, 7) if i % 40 == 0 else None,
    )
    assert len(hist.actions) >= 18, hist.actions  # the walk covers most of the table
    drain(db_session, 13)
    assert facts.queued(db_session) == 0
    assert facts.check(db_session) == dict.fromkeys(
        ["stats_case_fact", "stats_rollup_area", "stats_rollup_actor", "stats_rollup_hotspot"], 0
    )
    total = db_session.execute(
        text("SELECT sum(cases) FROM stats_rollup_area WHERE scope = 'district' AND grain = 'd'")
    ).scalar_one()
    assert total == 60
    # rows that would be all zeros are removed, never kept
    assert not db_session.execute(text("SELECT 1 FROM stats_rollup_area WHERE cases <= 0")).first()
    assert not db_session.execute(text("SELECT 1 FROM stats_rollup_actor WHERE n <= 0")).first()


def test_check_finds_a_tampered_rollup_and_a_missing_fact(db_session: Session) -> None:
    generate(db_session, cases=12, steps=80, seed=5)
    drain(db_session)
    assert set(facts.check(db_session).values()) == {0}
    db_session.execute(
        text(
            "UPDATE stats_rollup_area SET closed = closed + 1 WHERE ctid ="
            " (SELECT ctid FROM stats_rollup_area WHERE scope = 'street' LIMIT 1)"
        )
    )
    db_session.execute(
        text(
            "DELETE FROM stats_case_fact WHERE case_id = (SELECT min(case_id) FROM stats_case_fact)"
        )
    )
    out = facts.check(db_session)
    assert out["stats_rollup_area"] == 2  # the changed row, in both directions
    assert out["stats_case_fact"] == 1


def test_every_event_queues_its_case(db_session: Session) -> None:
    before = facts.queued(db_session)
    ((lon, lat),) = spots(db_session, 1, 1)
    r = report_case(
        db_session,
        ReportInput(wf.Source.inspector, "event:06010", lon, lat, description="暴露垃圾"),
        INSPECTOR,
        T0,
    )
    act(db_session, r.case.id, wf.Action.file, LEADER, ActionInput(), T0 + timedelta(minutes=3))
    queued = db_session.execute(
        text("SELECT count(*) FROM stats_outbox WHERE case_id = :c"), {"c": r.case.id}
    ).scalar_one()
    assert queued >= 2 and facts.queued(db_session) >= before + 2


def test_a_hand_made_case_has_the_expected_facts(db_session: Session) -> None:
    ((lon, lat),) = spots(db_session, 1, 2)
    t = T0
    r = report_case(
        db_session,
        ReportInput(wf.Source.inspector, "event:06010", lon, lat, description="暴露垃圾"),
        INSPECTOR,
        t,
    )
    cid = r.case.id
    unit_id = r.case.routed_unit_id
    assert unit_id is not None
    handler = wf.Actor(wf.Role.unit_handler, 900, unit_id)

    def do(action: wf.Action, actor: wf.Actor, minutes: float, **kw: object) -> None:
        nonlocal t
        t += timedelta(minutes=minutes)
        act(db_session, cid, action, actor, ActionInput(**kw), t)  # type: ignore[arg-type]

    do(wf.Action.file, LEADER, 10)  # 立案 limit 30 min: on time
    do(wf.Action.dispatch, DISPATCHER, 45, unit_id=unit_id)  # 派遣 limit 30 min: late
    do(wf.Action.sign, handler, 5)
    do(wf.Action.extend_request, handler, 5, note="需要协调", hours=2)
    do(wf.Action.extend_approve, DISPATCHER, 5, hours=2)
    do(wf.Action.handle, handler, 60, photos=(new_photo(db_session),))
    do(
        wf.Action.check_fail,
        INSPECTOR,
        20,
        note="未清理干净",
        photos=(new_photo(db_session, "check"),),
    )
    do(wf.Action.sign, handler, 5)
    # this time the check (核查) goes to another inspector
    do(wf.Action.handle, handler, 30, photos=(new_photo(db_session),), inspector_id=102)
    do(
        wf.Action.check_pass,
        wf.Actor(wf.Role.inspector, 102),
        20,
        photos=(new_photo(db_session, "check"),),
    )
    do(wf.Action.close, wf.Actor(wf.Role.shift_leader, 302), 5)
    drain(db_session)
    f = (
        db_session.execute(text("SELECT * FROM stats_case_fact WHERE case_id = :c"), {"c": cid})
        .mappings()
        .one()
    )
    assert f["report_day"] == T0.date() and f["unit_id"] == unit_id and not f["is_open"]
    expect = {
        "cases": 1,
        "filed": 1,
        "dispatched": 1,
        "handled": 1,
        "handled_on_time": 1,
        "handled_late": 0,
        "reworked": 1,
        "reworks": 1,
        "handled_reworked": 1,
        "extended": 1,
        "extensions": 1,
        "closed": 1,
        "closed_filed": 1,
        "closed_on_time": 0,
        "open_late": 0,
        "returned": 0,
        "public_reports": 0,
        "callbacks": 0,
        "contact_known": 0,
        "reporter_id": 101,
        "reporter_role": "inspector",
        "filer_id": 301,
        "filed_on_time": 1,
        "dispatcher_id": 401,
        "dispatch_done": 1,
        "dispatch_on_time": 0,
        "checker_id": 102,
        "check_done": 2,
        "check_on_time": 2,
        "closer_id": 302,
        "close_done": 1,
        "close_on_time": 1,
        "valid_reports": 1,
        "reports_decided": 1,
    }
    assert {k: f[k] for k in expect} == expect
    assert f["open_due_at"] is None and f["handle_due_at"] is None
    assert set(facts.check(db_session).values()) == {0}


def test_an_open_case_keeps_its_due_times(db_session: Session) -> None:
    ((lon, lat),) = spots(db_session, 1, 3)
    r = report_case(
        db_session,
        ReportInput(wf.Source.inspector, "event:06010", lon, lat, description="暴露垃圾"),
        INSPECTOR,
        T0,
    )
    act(db_session, r.case.id, wf.Action.file, LEADER, ActionInput(), T0)
    act(db_session, r.case.id, wf.Action.dispatch, DISPATCHER, ActionInput(), T0)
    drain(db_session)
    f = db_session.execute(
        text(
            "SELECT is_open, open_due_at, handle_due_at, handled FROM stats_case_fact WHERE case_id = :c"
        ),
        {"c": r.case.id},
    ).one()
    due = db_session.execute(
        text("SELECT due_at FROM dispatch_case_stage WHERE case_id = :c AND stage = 'handle'"),
        {"c": r.case.id},
    ).scalar_one()
    assert f.is_open and f.handle_due_at == due and f.open_due_at == due and f.handled == 0


def test_migration_seeds_the_default_settings(db_session: Session) -> None:
    stored = dict(db_session.execute(text("SELECT key, value FROM stats_setting")).all())
    assert stored == DEFAULTS
    assert get_settings_map(db_session) == DEFAULTS


@pytest.fixture
def eng(fresh_db_url: str) -> Iterator[Engine]:
    e = create_engine(fresh_db_url, pool_size=5)
    yield e
    e.dispose()


def test_out_of_order_commits_are_not_skipped(eng: Engine) -> None:
    """A case whose event commits after a later event of another case is still applied."""
    with unit_of_work(eng) as s:
        a, b = spots(s, 2, 4)
    slow = Session(bind=eng)
    ra = report_case(  # transaction 1: its event gets the smaller id but commits last
        slow,
        ReportInput(wf.Source.inspector, "event:06010", a[0], a[1], description="先写后提交"),
        INSPECTOR,
        T0,
    )
    slow_id = ra.case.id
    with unit_of_work(eng) as s:
        # another year: the district's case-number row of T0's year is locked by `slow`
        rb_id = report_case(
            s,
            ReportInput(wf.Source.inspector, "event:09006", b[0], b[1], description="后写先提交"),
            INSPECTOR,
            T0 - timedelta(days=365),
        ).case.id
    first = facts.refresh(eng)
    assert first.cases == 1
    slow.commit()
    slow.close()
    second = facts.refresh(eng)
    assert second.cases == 1
    with unit_of_work(eng) as s:
        got = set(s.execute(text("SELECT case_id FROM stats_case_fact")).scalars())
        assert got == {slow_id, rb_id}
        assert set(facts.check(s).values()) == {0}


def test_concurrent_writers_and_refreshers_end_equal(eng: Engine) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def write(seed: int) -> None:
        try:
            for k in range(3):
                with unit_of_work(eng) as s:
                    # one year per writer: the case-number row is locked until commit
                    generate(
                        s,
                        cases=4,
                        steps=25,
                        seed=seed * 10 + k,
                        start=T0.replace(year=2020 + seed) + timedelta(days=k),
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def refresher() -> None:
        while not stop.is_set():
            facts.refresh(eng, batch_size=5)

    threads = [threading.Thread(target=write, args=(i,)) for i in (1, 2)]
    bg = threading.Thread(target=refresher)
    bg.start()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    stop.set()
    bg.join()
    assert not errors, errors
    facts.refresh(eng)
    with unit_of_work(eng) as s:
        assert facts.queued(s) == 0
        assert set(facts.check(s).values()) == {0}
        assert s.execute(text("SELECT count(*) FROM stats_case_fact")).scalar_one() == 24


def test_periodic_refresher_drains_the_queue(eng: Engine) -> None:
    with unit_of_work(eng) as s:
        generate(s, cases=5, steps=20, seed=8)
    stop = threading.Event()
    th = threading.Thread(target=facts.run_periodic, args=(eng, 0.05, stop))
    th.start()
    try:
        for _ in range(200):
            with unit_of_work(eng) as s:
                if facts.queued(s) == 0:
                    break
            threading.Event().wait(0.05)
    finally:
        stop.set()
        th.join()
    with unit_of_work(eng) as s:
        assert facts.queued(s) == 0
        assert s.execute(text("SELECT count(*) FROM stats_case_fact")).scalar_one() == 5


def test_rebuild_equals_incremental(db_session: Session) -> None:
    generate(db_session, cases=15, steps=120, seed=9)
    drain(db_session)
    before = db_session.execute(
        text("SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM stats_rollup_area t")
    ).scalar_one()
    n = facts.rebuild(db_session)
    assert n == 15
    after = db_session.execute(
        text("SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM stats_rollup_area t")
    ).scalar_one()
    assert before == after


def test_a_refresh_round_ends_with_a_short_batch(eng: Engine) -> None:
    """Cases queued while a round runs wait for the next round (no endless tiny batches)."""
    with unit_of_work(eng) as s:
        generate(s, cases=5, steps=20, seed=9)
        first = sorted(set(s.execute(text("SELECT case_id FROM stats_outbox")).scalars()))
        rows = facts.queued(s)
    assert len(first) == 5 and rows > 5
    added: list[int] = []

    def meanwhile(_: facts.RefreshResult) -> None:  # a request's event after each batch
        if len(added) < 5:  # a steady stream, bounded so that a round that never ends fails
            with unit_of_work(eng) as s:
                facts.enqueue(s, first[:1])
            added.append(first[0])

    # the first batch is full (one row is left), the second is short and ends the round
    result = facts.refresh(eng, batch_size=rows - 1, on_batch=meanwhile)
    assert result.batches == 2
    assert len(added) == 2
    with unit_of_work(eng) as s:
        assert facts.queued(s) == 1  # queued after the short batch: left for the next round
    assert facts.refresh(eng).cases == 1
    with unit_of_work(eng) as s:
        assert facts.queued(s) == 0
        assert set(facts.check(s).values()) == {0}


def test_a_paced_round_pauses_after_each_full_batch_in_proportion(eng: Engine) -> None:
    """With `duty`, each full batch is followed by a pause of its time × (1/duty − 1)."""
    with unit_of_work(eng) as s:
        generate(s, cases=6, steps=20, seed=10)
        cases = len(set(s.execute(text("SELECT case_id FROM stats_outbox")).scalars()))
        rows = facts.queued(s)
    assert cases == 6
    batch = max(1, rows // 3)  # three or four batches: full ones, then a short one
    spans: list[float] = []
    pauses: list[float] = []
    last = [time.perf_counter()]

    def on_batch(_: facts.RefreshResult) -> None:
        spans.append(time.perf_counter() - last[0])

    def pause(seconds: float) -> bool:
        pauses.append(seconds)
        last[0] = time.perf_counter()
        return False

    result = facts.refresh(eng, batch_size=batch, on_batch=on_batch, duty=0.25, pause=pause)
    assert result.batches == len(spans) >= 3
    assert len(pauses) == result.batches - 1  # no pause after the short batch that ends it
    for span, rest in zip(spans, pauses, strict=False):
        assert rest >= 3 * span * 0.9  # 25 % work: three times the batch's own time at rest
    with unit_of_work(eng) as s:
        assert facts.queued(s) == 0
        assert set(facts.check(s).values()) == {0}


def test_a_paced_round_stops_when_its_pause_says_so(eng: Engine) -> None:
    with unit_of_work(eng) as s:
        generate(s, cases=4, steps=20, seed=11)
        rows = facts.queued(s)
    result = facts.refresh(eng, batch_size=1, duty=0.5, pause=lambda _s: True)  # stop asked
    assert result.batches == 1
    with unit_of_work(eng) as s:
        assert facts.queued(s) == rows - 1
    with pytest.raises(InvalidInput):
        facts.refresh(eng, duty=0)


def test_the_refresh_statements_run_on_generic_plans_once_prepared(eng: Engine) -> None:
    """Six refreshes on one connection: the rollup upserts are prepared and not planned anew."""
    with unit_of_work(eng) as s:
        generate(s, cases=3, steps=10, seed=12)
        ids = sorted(set(s.execute(text("SELECT case_id FROM stats_outbox")).scalars()))
    one = create_engine(eng.url, poolclass=StaticPool)
    try:
        for _ in range(7):
            with unit_of_work(one) as s:
                assert facts.lock(s)
                facts.apply_cases(s, ids)
                mode = s.execute(text("SELECT current_setting('plan_cache_mode')")).scalar_one()
                assert mode == "force_generic_plan"
                prepared = s.execute(
                    text(
                        "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                        " WHERE statement LIKE 'INSERT INTO stats_rollup_area%'"
                    )
                ).all()
        assert prepared and prepared[0].generic_plans >= 1 and prepared[0].custom_plans == 0
        with unit_of_work(one) as s:  # the setting was the transaction's own
            assert (
                s.execute(text("SELECT current_setting('plan_cache_mode')")).scalar_one() == "auto"
            )
            assert set(facts.check(s).values()) == {0}
    finally:
        one.dispose()
