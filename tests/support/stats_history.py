"""Random case history through the real service (report_case / act / sweep), for the stats tests."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import Case
from app.cases.service import ActionInput, ReportInput, act, case_state, report_case
from app.cases.time.sweeper import sweep_batch
from app.core.errors import DomainError
from tests.support.engine import new_photo

CST = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CST)  # a Monday
CATEGORIES = ("event:06010", "event:09006", "event:07001", "component:01003", "event:06012")
SOURCES = (wf.Source.inspector,) * 6 + (wf.Source.hotline, wf.Source.public)
INSPECTORS = (101, 102, 103)
OPERATORS = (201, 202)
LEADERS = (301, 302)
DISPATCHERS = (401, 402)
HOTLINE = (601,)
# finishing a case early (reject, merge, void, self-handle) is rarer than working on it
RARE = {
    wf.Action.reject: 0.15,
    wf.Action.merge: 0.1,
    wf.Action.self_handle: 0.15,
    wf.Action.verify_not_exists: 0.3,
    wf.Action.void_request: 0.2,
}


@dataclass
class History:
    """What was generated (for assertions)."""

    case_ids: list[int] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)
    now: datetime = T0


def spots(session: Session, n: int, seed: int) -> list[tuple[float, float]]:
    rows = session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND area_m2 > 9999 ORDER BY md5(code || :s) LIMIT :n) q"
        ),
        {"n": n, "s": str(seed)},
    ).all()
    return [(float(x), float(y)) for x, y in rows]


def _actors(rng: random.Random, case: Case) -> list[wf.Actor]:
    out = [
        # the inspector holding the case's verify/check task, else one from the pool
        wf.Actor(wf.Role.inspector, case.task_inspector_id or rng.choice(INSPECTORS)),
        wf.Actor(wf.Role.operator, rng.choice(OPERATORS)),
        wf.Actor(wf.Role.shift_leader, rng.choice(LEADERS)),
        wf.Actor(wf.Role.dispatcher, rng.choice(DISPATCHERS)),
        wf.Actor(wf.Role.hotline_agent, HOTLINE[0]),
    ]
    if case.reporter_id is not None:
        out.append(wf.Actor(wf.Role.inspector, case.reporter_id))
    for unit in (case.assigned_unit_id, case.dispatching_unit_id):
        if unit is not None:
            out.append(wf.Actor(wf.Role.unit_handler, 5000 + unit, unit))
    return out


def _input(
    session: Session, rng: random.Random, case: Case, t: wf.Transition, open_ids: list[int]
) -> ActionInput:
    photos: tuple[str, ...] = ()
    if t.photos_required:
        photos = (new_photo(session, "after" if t.action is wf.Action.handle else "check"),)
    unit_id = None
    if t.assignment is wf.Assignment.dispatch:
        unit_id = rng.choice(
            [
                case.routed_unit_id,
                *session.execute(
                    text("SELECT id FROM grid_unit WHERE active ORDER BY random() LIMIT 1")
                ).scalars(),
            ]
        )
    elif t.assignment is wf.Assignment.redispatch:
        unit_id = session.execute(
            text("SELECT id FROM grid_unit WHERE parent_id = :p AND active ORDER BY id LIMIT 1"),
            {"p": case.assigned_unit_id},
        ).scalar()
    master = None
    if wf.Need.master_case in t.needs:
        others = [i for i in open_ids if i != case.id]
        master = rng.choice(others) if others else None
    return ActionInput(
        note="说明" if t.reason_required or wf.Need.reason in t.needs else None,
        photos=photos,
        unit_id=unit_id,
        hours=Decimal(rng.choice([2, 4, 8])) if wf.Need.hours in t.needs else None,
        master_case_id=master,
        satisfaction=rng.choice(["satisfied", "satisfied", "basically_satisfied", "dissatisfied"])
        if wf.Need.satisfaction in t.needs
        else None,
    )


def generate(
    session: Session,
    *,
    cases: int,
    steps: int,
    seed: int,
    start: datetime = T0,
    on_step: object = None,
    existing: list[int] | None = None,
) -> History:
    """Report `cases` cases, then take `steps` random allowed actions (and sweeps) on them."""
    rng = random.Random(seed)
    hist = History(now=start)
    points = spots(session, max(4, cases // 3), seed)
    for i in range(cases):
        hist.now += timedelta(minutes=rng.randint(1, 40))
        source = rng.choice(SOURCES)
        role = {
            wf.Source.inspector: wf.Role.inspector,
            wf.Source.hotline: wf.Role.hotline_agent,
        }.get(source, wf.Role.operator)
        user = {
            wf.Role.inspector: rng.choice(INSPECTORS),
            wf.Role.hotline_agent: HOTLINE[0],
        }.get(role, rng.choice(OPERATORS))
        lon, lat = points[i % len(points)]
        r = report_case(
            session,
            ReportInput(
                source=source,
                category=rng.choice(CATEGORIES),
                lon=lon + rng.uniform(-2e-5, 2e-5),
                lat=lat + rng.uniform(-2e-5, 2e-5),
                description=f"随机案卷 {i}",
            ),
            wf.Actor(role, user),
            hist.now,
        )
        hist.case_ids.append(r.case.id)
    hist.case_ids.extend(existing or [])
    done = 0
    while done < steps:
        hist.now += timedelta(minutes=rng.choice([1, 5, 20, 45, 90, 240, 600]))
        if rng.random() < 0.05:
            sweep_batch(session, hist.now)
        case_id = rng.choice(hist.case_ids)
        case = session.get_one(Case, case_id, populate_existing=True)
        state = case_state(session, case)
        options = [
            (a, actor) for actor in _actors(rng, case) for a in wf.allowed_actions(state, actor)
        ]
        if not options:
            done += 1
            continue
        weights = [RARE.get(a, 1.0) for a, _ in options]
        action, actor = rng.choices(options, weights)[0]
        t = wf.transition(state, action, actor)
        open_ids = [
            i
            for i, s in session.execute(
                text("SELECT id, status FROM dispatch_case WHERE id = ANY(:ids)"),
                {"ids": hist.case_ids},
            ).all()
            if wf.Status(s).is_open
        ]
        try:
            act(session, case_id, action, actor, _input(session, rng, case, t, open_ids), hist.now)
        except DomainError:
            pass  # e.g. a merge without another open case
        else:
            hist.actions[action.value] = hist.actions.get(action.value, 0) + 1
        done += 1
        if callable(on_step):
            on_step(done)
    return hist
