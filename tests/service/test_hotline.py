"""Hotline service (app.channels.hotline) on real PostGIS with fixed clocks: cases without a
location everywhere the engine looks (view, duplicates, verify pool, sweeper, chain), feedback
limits, contact timing, the facts and rates of the 12345 三率, address cleanup, concurrency and
the migration's downgrade guard."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import Case, Category, HotlineTicket
from app.cases.service import (
    ActionInput,
    ReportInput,
    act,
    case_view,
    find_duplicates,
    report_case,
    verify_chains,
)
from app.cases.time.sweeper import sweep_batch
from app.channels.hotline.categories import CategoryWords, name_keywords, rank_categories
from app.channels.hotline.errors import DuplicateTicket, UnknownUrgency
from app.channels.hotline.feedback import record_contact, record_resolution
from app.channels.hotline.location import address_query, match_address
from app.channels.hotline.rates import RateCounts, hotline_facts, three_rates, unit_rates
from app.channels.hotline.tickets import TicketInput, file_ticket
from app.core.db import unit_of_work
from app.core.errors import InvalidInput
from tests.support.databases import ROOT
from tests.support.engine import new_photo

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)  # a Monday morning
AGENT = wf.Actor(wf.Role.hotline_agent, user_id=611, districts=("370303",))
CITY_AGENT = wf.Actor(wf.Role.hotline_agent, user_id=612)
OPERATOR = wf.Actor(wf.Role.operator, user_id=201)
LEADER = wf.Actor(wf.Role.shift_leader, user_id=301)
DISPATCHER = wf.Actor(wf.Role.dispatcher, user_id=401)
INSPECTOR = wf.Actor(wf.Role.inspector, user_id=101)
PHONE = "13907319264"


def ticket(
    session: Session, no: str, at: datetime = T0, actor: wf.Actor = AGENT, **over: Any
) -> HotlineTicket:
    inp = TicketInput(
        **(
            {
                "ticket_no": no,
                "caller_phone": PHONE,
                "caller_name": "欧阳修远",
                "content": "路口有暴露垃圾",
                "category": "event:06010",
            }
            | over
        )
    )
    return file_ticket(session, inp, actor, at).ticket


def unit(session: Session, code: str) -> int:
    return int(
        session.execute(text("SELECT id FROM grid_unit WHERE code = :c"), {"c": code}).scalar_one()
    )


def handler_of(unit_id: int) -> wf.Actor:
    return wf.Actor(wf.Role.unit_handler, user_id=501, unit_id=unit_id)


def dispatched(session: Session, case_id: int, unit_id: int, at: datetime) -> None:
    act(session, case_id, wf.Action.file, LEADER, ActionInput(), at)
    act(session, case_id, wf.Action.dispatch, DISPATCHER, ActionInput(unit_id=unit_id), at)


def closed(session: Session, case_id: int, unit_id: int, at: datetime) -> None:
    dispatched(session, case_id, unit_id, at)
    act(session, case_id, wf.Action.sign, handler_of(unit_id), ActionInput(), at)
    act(
        session,
        case_id,
        wf.Action.handle,
        handler_of(unit_id),
        ActionInput(photos=(new_photo(session, "after"),)),
        at,
    )
    act(
        session,
        case_id,
        wf.Action.check_pass,
        INSPECTOR,
        ActionInput(photos=(new_photo(session, "check"),)),
        at,
    )
    act(session, case_id, wf.Action.close, LEADER, ActionInput(), at)


@pytest.fixture
def point(db_session: Session) -> tuple[float, float]:
    x, y = db_session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND mgmt_class = 'normal' ORDER BY code LIMIT 1 OFFSET 99) q"
        )
    ).one()
    return float(x), float(y)


# --- cases without a location ------------------------------------------------------------------


def test_a_case_without_location_works_everywhere(
    db_session: Session, point: tuple[float, float]
) -> None:
    s = db_session
    t = ticket(s, "NL-1")
    case = s.get_one(Case, t.case_id)
    assert t.location_source == "none"
    assert (case.geom, case.grid_code, case.raw_crs, case.mgmt_class) == (None, None, None, None)
    view = case_view(s, case, AGENT, T0)
    assert view["point"] is None and view["grid_code"] is None
    assert view["routed_by"] == "district_fallback"
    assert [st["stage"] for st in view["stages"]] == ["file"]
    # duplicates: a located report of the same category finds none and is not confused
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
        T0 + timedelta(minutes=1),
    )
    assert r.possible_duplicates == []
    cat = s.get_one(Category, case.category_id)
    assert case.id not in [d["id"] for d in find_duplicates(s, cat, point[0], point[1], T0)]
    # verification: an operator sends it to the pool (no cell, so no patrolling inspector)
    act(s, case.id, wf.Action.send_verify, OPERATOR, ActionInput(), T0 + timedelta(minutes=2))
    assert case.status == "verifying" and case.task_inspector_id is None
    act(s, case.id, wf.Action.verify_exists, INSPECTOR, ActionInput(), T0 + timedelta(minutes=3))
    # the sweeper lights and escalates its clocks like any other case's
    result = sweep_batch(s, T0 + timedelta(days=3))
    assert result.overdue >= 1
    overdue = s.execute(
        text("SELECT count(*) FROM dispatch_case_event WHERE case_id = :c AND action = 'overdue'"),
        {"c": case.id},
    ).scalar_one()
    assert overdue == 1
    s.expire_all()
    checked, problems = verify_chains(s, case.id)
    assert problems == [] and checked >= 4
    # the handling clock of a case without a cell uses the general (not the key-area) limit
    dispatched(s, case.id, unit(s, "370303-GOV"), T0 + timedelta(days=3))
    handle = s.execute(
        text(
            "SELECT s.limit_value, s.limit_unit, f.limit_value, f.limit_unit"
            " FROM dispatch_case_stage s JOIN dispatch_case c ON c.id = s.case_id"
            " JOIN dispatch_filing_standard f ON f.id = c.standard_id"
            " WHERE s.case_id = :c AND s.stage = 'handle'"
        ),
        {"c": case.id},
    ).one()
    assert (handle[0], handle[1]) == (handle[2], handle[3])


def test_the_database_refuses_a_half_location(db_session: Session) -> None:
    t = ticket(db_session, "NL-2")
    with pytest.raises(IntegrityError, match="location_complete"), db_session.begin_nested():
        db_session.execute(
            text("UPDATE dispatch_case SET grid_code = '370303001001001' WHERE id = :c"),
            {"c": t.case_id},
        )


def test_report_case_without_point_needs_a_district(db_session: Session) -> None:
    with pytest.raises(InvalidInput, match="须指定所属区县"):
        report_case(
            db_session,
            ReportInput(
                source=wf.Source.hotline,
                category="event:06010",
                lon=None,
                lat=None,
                description="x",
            ),
            AGENT,
            T0,
        )
    with pytest.raises(InvalidInput, match="同时提供"):
        report_case(
            db_session,
            ReportInput(
                source=wf.Source.hotline,
                category="event:06010",
                lon=118.0,
                lat=None,
                description="x",
            ),
            AGENT,
            T0,
        )


# --- feedback limits and contact -----------------------------------------------------------------


def test_feedback_limits_come_from_the_urgency_table_in_natural_time(db_session: Session) -> None:
    s = db_session
    national_day = datetime(2026, 9, 30, 18, 0, tzinfo=TZ)  # the holiday does not stop the clock
    expected = {
        "emergency": timedelta(hours=2),
        "utilities": timedelta(hours=24),
        "general": timedelta(days=7),
        "complex": timedelta(days=15),
    }
    for i, (code, span) in enumerate(expected.items()):
        t = ticket(s, f"U-{i}", at=national_day, urgency=code)
        assert t.feedback_due_at == national_day + span, code
    s.execute(
        text(
            "UPDATE dispatch_hotline_urgency SET feedback_limit_value = 4 WHERE code = 'emergency'"
        )
    )
    later = ticket(s, "U-9", urgency="emergency")
    assert later.feedback_due_at == T0 + timedelta(hours=4)
    earlier = s.scalars(select_ticket("U-0")).one()
    assert earlier.feedback_limit_value == Decimal("2.00")  # a snapshot, not a reference
    s.execute(text("UPDATE dispatch_hotline_urgency SET active = false WHERE code = 'complex'"))
    with pytest.raises(UnknownUrgency, match="紧急程度"):
        ticket(s, "U-10", urgency="complex")


def select_ticket(no: str) -> Any:
    return select(HotlineTicket).where(HotlineTicket.ticket_no == no)


def test_contact_is_in_time_up_to_the_due_instant_inclusive(db_session: Session) -> None:
    s = db_session
    on_time = ticket(s, "CT-1", urgency="emergency")
    late = ticket(s, "CT-2", urgency="emergency")
    due = T0 + timedelta(hours=2)
    record_contact(s, on_time.case_id, AGENT, due, "按时", due + timedelta(minutes=5))
    record_contact(s, late.case_id, AGENT, None, None, due + timedelta(microseconds=1))
    assert on_time.contacted_in_time is True and late.contacted_in_time is False
    assert late.contacted_at == due + timedelta(microseconds=1)
    naive = ticket(s, "CT-3", urgency="emergency")
    record_contact(s, naive.case_id, AGENT, datetime(2026, 11, 23, 10, 30), None, due)
    assert naive.contacted_at == datetime(2026, 11, 23, 10, 30, tzinfo=TZ)
    assert naive.contacted_in_time is True


# --- facts and rates ------------------------------------------------------------------------------


def test_hotline_facts_count_an_uncontacted_overdue_ticket_as_late(
    db_session: Session, point: tuple[float, float]
) -> None:
    s = db_session
    cg = unit(s, "370303-CG")
    a = ticket(s, "F-1", urgency="emergency")
    b = ticket(s, "F-2", urgency="emergency")  # never contacted
    c = ticket(s, "F-3", urgency="general")  # never contacted, not due yet
    record_contact(s, a.case_id, AGENT, T0 + timedelta(hours=1), None, T0 + timedelta(hours=1))
    closed(s, a.case_id, cg, T0 + timedelta(hours=1))
    record_resolution(s, a.case_id, handler_of(cg), True, None, T0 + timedelta(hours=2))
    act(
        s,
        a.case_id,
        wf.Action.callback,
        CITY_AGENT,
        ActionInput(satisfaction="dissatisfied"),
        T0 + timedelta(hours=3),
    )
    inspector_case = report_case(
        s,
        ReportInput(
            source=wf.Source.inspector,
            category="event:06010",
            lon=point[0],
            lat=point[1],
            description="暴露垃圾",
        ),
        INSPECTOR,
        T0,
    ).case
    ids = [a.case_id, b.case_id, c.case_id, inspector_case.id]
    facts = hotline_facts(s, ids, as_of=T0 + timedelta(hours=3))
    assert set(facts) == {a.case_id, b.case_id, c.case_id}
    fa, fb, fc = facts[a.case_id], facts[b.case_id], facts[c.case_id]
    assert (fa.contacted_in_time, fa.resolved, fa.satisfaction, fa.unit_id) == (
        True,
        True,
        "dissatisfied",
        cg,
    )
    assert fa.status == "evaluated" and fa.urgency == "emergency"
    assert fb.contacted_in_time is False and fb.contacted_at is None
    assert fc.contacted_in_time is None
    assert hotline_facts(s, [b.case_id])[b.case_id].contacted_in_time is None  # no as_of
    assert hotline_facts(s, []) == {}


def test_rates_per_unit_are_honest_and_skip_merged_tickets(db_session: Session) -> None:
    s = db_session
    cg, hw = unit(s, "370303-CG"), unit(s, "370303-HW")
    t1 = ticket(s, "RR-1", urgency="emergency")
    t2 = ticket(s, "RR-2", urgency="emergency")  # nobody calls back the caller in time
    t3 = ticket(s, "RR-3", urgency="emergency")
    dup = ticket(s, "RR-4", urgency="emergency")  # the same problem again: merged
    record_contact(s, t1.case_id, AGENT, None, None, T0 + timedelta(minutes=30))
    for t in (t1, t2):
        dispatched(s, t.case_id, cg, T0 + timedelta(minutes=40))
    dispatched(s, t3.case_id, hw, T0 + timedelta(minutes=40))
    record_resolution(s, t1.case_id, handler_of(cg), True, None, T0 + timedelta(hours=1))
    record_resolution(s, t2.case_id, handler_of(cg), False, None, T0 + timedelta(hours=1))
    act(
        s,
        dup.case_id,
        wf.Action.merge,
        OPERATOR,
        ActionInput(master_case_id=t3.case_id),
        T0 + timedelta(minutes=5),
    )
    units, total = unit_rates(
        s, CITY_AGENT, T0 - timedelta(days=1), T0 + timedelta(days=1), T0 + timedelta(hours=5)
    )
    by = {u.unit_id: u for u in units}
    assert set(by) == {cg, hw}
    assert by[cg].counts == RateCounts(
        tickets=2, response_due=2, responded_in_time=1, resolution_known=2, resolved=1
    )
    assert by[cg].rates.response_rate == 0.5 and by[cg].rates.resolution_rate == 0.5
    assert by[cg].rates.satisfaction_rate is None and by[cg].rates.composite is None
    assert by[hw].counts.tickets == 1 and by[hw].counts.response_due == 1
    assert by[hw].rates.response_rate == 0.0
    assert total.counts.tickets == 3  # the merged duplicate does not count
    # the period is by filing time; other districts' agents see nothing
    assert unit_rates(s, CITY_AGENT, T0 + timedelta(days=1), T0 + timedelta(days=2), T0)[0] == []
    other = wf.Actor(wf.Role.hotline_agent, user_id=9, districts=("370302",))
    assert unit_rates(s, other, T0 - timedelta(days=1), T0 + timedelta(days=1), T0)[0] == []
    with pytest.raises(InvalidInput):
        unit_rates(s, CITY_AGENT, T0, T0, T0)


def test_three_rates() -> None:
    weights = {"response": 0.1, "resolution": 0.5, "satisfaction": 0.4}
    c = RateCounts(
        tickets=10,
        response_due=8,
        responded_in_time=6,
        resolution_known=5,
        resolved=4,
        callbacks=4,
        satisfied=2,
        basically_satisfied=1,
    )
    r = three_rates(c, weights, 0.9)
    assert r.response_rate == 0.75 and r.resolution_rate == 0.8
    assert r.satisfaction_rate == pytest.approx((2 + 0.9) / 4)
    assert r.composite == pytest.approx(0.1 * 0.75 + 0.5 * 0.8 + 0.4 * 0.725, abs=1e-4)
    assert three_rates(c, weights, 1.0).satisfaction_rate == 0.75
    empty = three_rates(RateCounts(tickets=3), weights, 0.9)
    assert empty.response_rate is None and empty.composite is None
    assert (c + c).tickets == 20 and (c + c).satisfied == 4


# --- categories and addresses ------------------------------------------------------------------


def test_name_keywords() -> None:
    assert name_keywords("雨水井盖异常") == ["雨水井盖", "雨水井盖异常"]
    assert name_keywords("道路遗撒(洒)") == ["道路遗撒", "道路遗撒(洒)"]
    assert name_keywords("道路积雪、结冰") == ["结冰", "道路积雪", "道路积雪、结冰"]
    assert name_keywords("早(夜)市管理问题") == ["早(夜)市管理问题", "早市管理", "早市管理问题"]


def test_rank_categories_prefers_specific_words_then_events_then_codes() -> None:
    cats = [
        CategoryWords("event", "01023", "不明井盖异常", "市政", {"井盖": 1.0}),
        CategoryWords("event", "01003", "雨水井盖异常", "市政", {"雨水井盖": 1.0, "井盖": 0.5}),
        CategoryWords("component", "01003", "雨水井盖", "市政", {"雨水井盖": 1.0}),
        CategoryWords("event", "09006", "占道经营", "街面", {"摆摊": 1.0}),
    ]
    got = rank_categories("雨水 井盖坏了", cats)  # spaces do not matter
    assert [(s.ref, s.score) for s in got] == [
        ("event:01003", 5.0),
        ("component:01003", 4.0),
        ("event:01023", 2.0),
    ]
    assert got[0].keywords == ("雨水井盖", "井盖")
    assert rank_categories("ＢＡＩ摆摊", cats)[0].ref == "event:09006"  # NFKC
    assert rank_categories("没有关键词", cats) == []


def test_caller_addresses_are_cleaned_before_geocoding(db_session: Session) -> None:
    s = db_session
    assert address_query(s, "张店区金城路3号门口") == ("金城路3号", "370303")
    assert address_query(s, "山东省淄博市张店区北关街道金城路三号") == (
        "北关街道金城路3号",
        "370303",
    )
    assert address_query(s, "华润万家超市对面") == ("华润万家超市", None)
    assert address_query(s, "金城路10号楼下附近") == ("金城路10号", None)
    m = match_address(s, "张店区金城路3号门口", CITY_AGENT, None)
    assert m.auto_pick is not None and m.auto_pick.full_text.endswith("北关街道金城路3号")
    vague = match_address(s, "北关街道金城路", CITY_AGENT, None)  # 1号, 2号, 3号 all alike
    assert vague.candidates and vague.candidates[0].score >= 0.6 and vague.auto_pick is None
    t = ticket(s, "AD-1", address_text="北关街道金城路附近")
    assert t.location_source == "none"
    t = ticket(s, "AD-2", address_text="张店区金城路3号对面")
    assert t.location_source == "geocoded" and t.geocode_score is not None


# --- concurrency and the migration -------------------------------------------------------------


@pytest.fixture
def fresh_engine(fresh_db_url: str) -> Iterator[Engine]:
    eng = create_engine(fresh_db_url, pool_size=4)
    yield eng
    eng.dispose()


def test_the_same_ticket_number_filed_twice_at_once_makes_one_case(fresh_engine: Engine) -> None:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def work() -> None:
        barrier.wait()
        try:
            with unit_of_work(fresh_engine) as s:
                ticket(s, "RACE-1")
            outcomes.append("filed")
        except DuplicateTicket as exc:
            outcomes.append(f"duplicate {exc.detail['case_no']}")

    threads = [threading.Thread(target=work) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(outcomes)[1] == "filed" and sorted(outcomes)[0].startswith("duplicate 370303-")
    with fresh_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM dispatch_hotline_ticket")).scalar() == 1
        assert c.execute(text("SELECT count(*) FROM dispatch_case")).scalar() == 1


def test_downgrade_refuses_while_cases_have_no_location(
    fresh_engine: Engine, fresh_db_url: str
) -> None:
    with unit_of_work(fresh_engine) as s:
        ticket(s, "DG-1")
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["database_url"] = fresh_db_url
    cfg.attributes["configure_logger"] = False
    scripts = ScriptDirectory.from_config(cfg)
    head = scripts.get_current_head()
    hotline = scripts.get_revision("a7d3e91c4b20")  # 2026_11_21_hotline
    assert hotline is not None and isinstance(hotline.down_revision, str)
    # down through the hotline migration (later migrations are chained after it): refused, and
    # the whole downgrade (one transaction) leaves the database at head
    with pytest.raises(RuntimeError, match="no location"):
        command.downgrade(cfg, hotline.down_revision)
    with fresh_engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        assert c.execute(text("SELECT count(*) FROM dispatch_hotline_ticket")).scalar() == 1
