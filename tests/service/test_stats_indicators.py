"""Indicator tables on a hand-made month: exact counts, honest vs closed-only rates, scores."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.service import ActionInput, ReportInput, act, report_case
from app.stats import facts
from app.stats.indicators import UnknownColumn, UnknownScope, indicator_table, resolve_period
from app.stats.periods import PeriodTooLong, make_period
from app.stats.settings import InvalidSetting, put_setting
from tests.support.engine import new_photo
from tests.support.stats_history import T0, spots

INSPECTOR = wf.Actor(wf.Role.inspector, 101)
CHECKER = wf.Actor(wf.Role.inspector, 102)
LEADER = wf.Actor(wf.Role.shift_leader, 301)
CLOSER = wf.Actor(wf.Role.shift_leader, 302)
DISPATCHER = wf.Actor(wf.Role.dispatcher, 401)
NOW = T0 + timedelta(days=10)
MARCH = make_period("month", on=T0.date(), today=NOW.date(), max_days=400)


def _flow(
    s: Session, at: datetime, point: tuple[float, float], handle_after: timedelta | None
) -> tuple[int, int]:
    """Report → file → dispatch (→ sign → handle → check → close when handle_after is given)."""
    r = report_case(
        s,
        ReportInput(wf.Source.inspector, "event:06010", point[0], point[1], description="暴露垃圾"),
        INSPECTOR,
        at,
    )
    cid, unit = r.case.id, r.case.routed_unit_id
    assert unit is not None
    t = at + timedelta(minutes=10)
    act(s, cid, wf.Action.file, LEADER, ActionInput(), t)
    t += timedelta(minutes=10)
    act(s, cid, wf.Action.dispatch, DISPATCHER, ActionInput(unit_id=unit), t)
    if handle_after is None:
        return cid, unit
    handler = wf.Actor(wf.Role.unit_handler, 900, unit)
    act(s, cid, wf.Action.sign, handler, ActionInput(), t + timedelta(minutes=1))
    t += handle_after
    act(
        s,
        cid,
        wf.Action.handle,
        handler,
        ActionInput(photos=(new_photo(s),), inspector_id=CHECKER.user_id),
        t,
    )
    t += timedelta(minutes=20)
    act(s, cid, wf.Action.check_pass, CHECKER, ActionInput(photos=(new_photo(s, "check"),)), t)
    act(s, cid, wf.Action.close, CLOSER, ActionInput(), t + timedelta(minutes=5))
    return cid, unit


@pytest.fixture
def month(db_session: Session) -> dict[str, object]:
    """A: closed on time; B: handled 3 days late; C: open, overdue; D: refused (不予立案)."""
    s = db_session
    (point,) = spots(s, 1, 21)
    _a, unit = _flow(s, T0, point, timedelta(minutes=30))
    _flow(s, T0 + timedelta(hours=1), point, timedelta(days=3))
    _flow(s, T0 + timedelta(hours=2), point, None)
    d = report_case(
        s,
        ReportInput(wf.Source.inspector, "event:06010", point[0], point[1], description="重复"),
        INSPECTOR,
        T0 + timedelta(hours=3),
    )
    act(
        s,
        d.case.id,
        wf.Action.reject,
        LEADER,
        ActionInput(note="不属于受理范围"),
        T0 + timedelta(hours=4),
    )
    while facts.refresh_batch(s):
        pass
    street = s.execute(
        text("SELECT street_code FROM dispatch_case WHERE id = :i"), {"i": d.case.id}
    ).scalar_one()
    return {"unit": unit, "street": street}


def _row(s: Session, scope: str, key: object, **kw: object) -> dict[str, object]:
    t = indicator_table(s, scope, MARCH, now=NOW, **kw)  # type: ignore[arg-type]
    rows = {r["key"]: dict(r) for r in t.rows}
    assert str(key) in rows, rows.keys()
    return rows[str(key)]


def test_unit_counts_rates_and_score(db_session: Session, month: dict[str, object]) -> None:
    r = _row(db_session, "unit", month["unit"])
    counts = {
        k: r[k]
        for k in (
            "cases",
            "filed",
            "handled",
            "handled_on_time",
            "handled_late",
            "handle_overdue",
            "closed",
            "closed_on_time",
            "open_overdue",
        )
    }
    assert counts == {
        "cases": 3,
        "filed": 3,
        "handled": 2,
        "handled_on_time": 1,
        "handled_late": 1,
        "handle_overdue": 1,
        "closed": 2,
        "closed_on_time": 1,
        "open_overdue": 1,
    }
    # honest: the open overdue case counts as late; closed-only ignores it
    assert r["handle_on_time_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert r["handle_on_time_rate_closed"] == 0.5
    assert r["close_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["close_on_time_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert r["close_on_time_rate_closed"] == 0.5
    assert r["rework_rate"] == 0.0
    # no hotline data and no call-backs: null, not 0 or 100 %
    assert r["response_rate"] is None and r["resolve_rate"] is None
    assert r["satisfaction_rate"] is None
    # 10 % × 1 (the only unit) + 30 % × 2/3 + 30 % × 1/3 + 30 % × (1 − 0)
    assert r["score"] == pytest.approx(70.0, abs=0.01)
    assert r["band"] == "合格"
    assert r["name"]


def test_before_the_deadline_the_open_case_is_not_late(
    db_session: Session, month: dict[str, object]
) -> None:
    t = indicator_table(db_session, "unit", MARCH, now=T0 + timedelta(hours=3))
    r = next(x for x in t.rows if x["key"] == str(month["unit"]))
    assert r["handle_overdue"] == 0 and r["open_overdue"] == 0  # nothing is due yet
    assert r["handle_on_time_rate"] == r["handle_on_time_rate_closed"] == 0.5


def test_street_and_people(db_session: Session, month: dict[str, object]) -> None:
    st = _row(db_session, "street", month["street"])
    assert (st["cases"], st["rejected"], st["filed"]) == (4, 1, 3)
    assert st["score"] == pytest.approx(100 * (0.5 * 2 / 3 + 0.5 * 1 / 3), abs=0.01)
    insp = _row(db_session, "inspector", 101)
    assert (insp["reports"], insp["reports_decided"], insp["valid_reports"]) == (4, 4, 3)
    assert insp["valid_report_rate"] == 0.75
    assert insp["miss_rate"] is None and insp["score"] is None  # no 责任网格 assigned
    checker = _row(db_session, "inspector", 102)
    assert (checker["check_done"], checker["check_on_time_rate"]) == (2, 1.0)
    disp = _row(db_session, "dispatcher", 401)
    assert (disp["dispatch_done"], disp["dispatch_on_time_rate"], disp["score"]) == (3, 1.0, 100.0)
    leader = _row(db_session, "shift_leader", 301)
    assert (leader["filed"], leader["file_on_time_rate"], leader["file_accuracy_rate"]) == (
        3,
        1.0,
        1.0,
    )
    assert leader["closing_on_time_rate"] is None  # 301 closed nothing: no score either
    assert leader["score"] is None
    closer = _row(db_session, "shift_leader", 302)
    assert (closer["close_done"], closer["closing_on_time_rate"]) == (2, 1.0)


def test_patrol_cells_give_the_miss_rate(db_session: Session, month: dict[str, object]) -> None:
    from tests.support.identity import ensure_test_user

    cell = db_session.execute(
        text("SELECT grid_code FROM dispatch_case ORDER BY id LIMIT 1")
    ).scalar_one()
    ensure_test_user(db_session, "inspector", 101, None)
    db_session.execute(
        text(
            "INSERT INTO dispatch_patrol_area (inspector_id, kind, code) VALUES (101, 'cell', :c)"
        ),
        {"c": cell},
    )
    r = _row(db_session, "inspector", 101)
    assert (r["patrol_cells"], r["cell_cases"], r["cell_public"], r["miss_rate"]) == (1, 4, 0, 0.0)
    assert r["score"] is None  # still no 核实/核查 of his own: 按时核实率 is null


def test_weights_are_data(db_session: Session, month: dict[str, object]) -> None:
    put_setting(db_session, "unit_weights", {"close_rate": 1.0}, NOW)
    assert _row(db_session, "unit", month["unit"])["score"] == pytest.approx(66.67, abs=0.01)
    put_setting(
        db_session,
        "score_bands",
        [{"min": 60, "label": "达标"}, {"min": 0, "label": "未达标"}],
        NOW,
    )
    assert _row(db_session, "unit", month["unit"])["band"] == "达标"
    with pytest.raises(InvalidSetting):
        put_setting(db_session, "unit_weights", {"close_rate": 0.5}, NOW)
    with pytest.raises(InvalidSetting):
        put_setting(db_session, "unit_weights", {"bogus": 1.0}, NOW)


def test_periods_days_and_districts(db_session: Session, month: dict[str, object]) -> None:
    # the same figures from day rows (custom period) as from the month row, for every scope
    custom = make_period(
        "custom", start="2026-03-01", end="2026-03-15", today=NOW.date(), max_days=400
    )
    for scope in ("district", "street", "community", "cell", "unit", "category", "source"):
        a = list(indicator_table(db_session, scope, MARCH, now=NOW).rows)
        b = list(indicator_table(db_session, scope, custom, now=NOW).rows)
        assert a == b, scope
    # a year from the year rows = the same span from month and day rows
    year = make_period("year", on=T0.date(), today=NOW.date(), max_days=400)
    span = make_period(
        "custom", start="2025-12-31", end="2026-12-30", today=NOW.date(), max_days=400
    )
    for scope in ("street", "cell", "unit", "inspector", "dispatcher", "shift_leader"):
        a = list(indicator_table(db_session, scope, year, now=NOW).rows)
        b = list(indicator_table(db_session, scope, span, now=NOW).rows)
        assert a == b and a, scope
    empty = make_period("month", on=date(2026, 4, 1), today=NOW.date(), max_days=400)
    assert list(indicator_table(db_session, "street", empty, now=NOW).rows) == []
    assert (
        list(indicator_table(db_session, "street", MARCH, now=NOW, districts=["110101"]).rows) == []
    )
    t = indicator_table(db_session, "cell", MARCH, now=NOW, order_by="cases", limit=1)
    assert t.meta["total_rows"] == 1 and len(list(t.rows)) == 1


def test_bad_requests(db_session: Session) -> None:
    with pytest.raises(UnknownScope) as e:
        indicator_table(db_session, "planet", MARCH, now=NOW)
    assert e.value.code == "unknown_scope"
    with pytest.raises(UnknownColumn):
        indicator_table(db_session, "street", MARCH, now=NOW, order_by="bogus")
    with pytest.raises(PeriodTooLong):
        resolve_period(db_session, "custom", start="2020-01-01", end="2026-01-01", now=NOW)
