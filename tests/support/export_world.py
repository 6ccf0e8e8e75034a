"""The export fixture `world`: six cases through the real service with fixed clocks (March 2026)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import jsonschema
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import Case, CaseStage
from app.stats import exchange as xc
from tests.support.engine import (
    DISPATCHER,
    INSPECTOR,
    LEADER,
    PHOTOS,
    act,
    at,
    report,
    spot_in,
    unit,
)

NOW = at(25, 12)


HOTLINE_AGENT = wf.Actor(wf.Role.hotline_agent, 601)


@dataclass
class World:
    on_time: Case  # closed, handled in time, called back
    late: Case  # closed, handled after its due time
    rework: Case  # check failed once, handling again (not yet due)
    fresh: Case  # only reported; its description tries a spreadsheet formula
    april: Case  # reported outside the period
    hotline: Case  # hotline source, different category


def _through_handle(s: Session, case: Case, t: datetime, handled: datetime) -> Case:
    act(s, case, "file", LEADER, t + timedelta(minutes=5))
    case = act(s, case, "dispatch", DISPATCHER, t + timedelta(minutes=10))
    act(s, case, "sign", unit(case.assigned_unit_id), t + timedelta(minutes=20))
    return act(s, case, "handle", unit(case.assigned_unit_id), handled, photos=PHOTOS)


def _close(s: Session, case: Case, t: datetime) -> Case:
    act(s, case, "check_pass", INSPECTOR, t, photos=PHOTOS)
    return act(s, case, "close", LEADER, t + timedelta(minutes=10))


@pytest.fixture
def world(db_session: Session) -> World:
    s = db_session
    spot = spot_in(s, nth=100)
    a = report(s, at(2, 9), spot, description="井盖缺失，已设围挡")
    _through_handle(s, a, at(2, 9), at(2, 14))
    _close(s, a, at(2, 15))

    b = report(s, at(2, 10), spot_in(s, nth=200), description="占道经营")
    _through_handle(s, b, at(2, 10), at(20, 10))  # long after any handling limit
    _close(s, b, at(20, 11))

    c = report(s, at(3, 9), spot_in(s, nth=300), description="垃圾堆放")
    _through_handle(s, c, at(3, 9), at(3, 11))
    act(s, c, "check_fail", INSPECTOR, at(3, 12), photos=PHOTOS, note="仍有垃圾")

    d = report(s, at(4, 9), spot_in(s, nth=400), description='=HYPERLINK("http://x","点我")')
    e = report(s, at(1, 9, month=4), spot_in(s, nth=500), description="四月的案卷")
    h = report(
        s,
        at(5, 9),
        spot_in(s, nth=600),
        actor=wf.Actor(wf.Role.hotline_agent, 601),
        source=wf.Source.hotline,
        category="component:01003",
        description="热线：路灯不亮",
    )
    # the rework clock is running again from 3 Mar 12:00: move NOW-relative checks off it
    stage = s.scalars(
        select(CaseStage).where(
            CaseStage.case_id == c.id, CaseStage.stage == "handle", CaseStage.stopped_at.is_(None)
        )
    ).one()
    stage.due_at = NOW + timedelta(days=1)
    s.flush()
    for case in (a, b, c, d, e, h):
        s.refresh(case)
    return World(a, b, c, d, e, h)


def exchange_validator() -> jsonschema.protocols.Validator:
    schema = xc.record_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)  # type: ignore[no-any-return]
