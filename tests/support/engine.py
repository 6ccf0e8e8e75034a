"""The case engine at service level: fixed actors, clocks in Beijing time, report and act helpers."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.cases import service as svc
from app.cases import workflow as wf
from app.cases.models import Case, CaseStage
from app.cases.time.deadlines import TimeUnit

CST = ZoneInfo("Asia/Shanghai")
WH = TimeUnit.work_hour
INSPECTOR = wf.Actor(wf.Role.inspector, 101)
LEADER = wf.Actor(wf.Role.shift_leader, 301)
DISPATCHER = wf.Actor(wf.Role.dispatcher, 401)
PHOTOS = ("after.jpg",)


def unit(unit_id: int, user: int = 501) -> wf.Actor:
    return wf.Actor(wf.Role.unit_handler, user, unit_id)


def at(day: int, hh: int, mm: int = 0, month: int = 3) -> datetime:
    """An instant in March 2026, Beijing time (2 Mar 2026 is a Monday and a working day)."""
    return datetime(2026, month, day, hh, mm, tzinfo=CST)


def spot_in(session: Session, mgmt_class: str = "normal", nth: int = 1234) -> tuple[float, float]:
    x, y = session.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND area_m2 > 9999 AND mgmt_class = :m"
            " ORDER BY code LIMIT 1 OFFSET :n) q"
        ),
        {"m": mgmt_class, "n": nth},
    ).one()
    return float(x), float(y)


def unit_ids(session: Session) -> dict[str, int]:
    return {c: i for c, i in session.execute(text("SELECT code, id FROM grid_unit"))}


def report(
    session: Session,
    now: datetime,
    spot: tuple[float, float],
    actor: wf.Actor = INSPECTOR,
    **over: Any,
) -> Case:
    data = {
        "source": wf.Source.inspector,
        "category": "event:09006",
        "lon": spot[0],
        "lat": spot[1],
        "description": "人行道上占道经营",
    } | over
    return svc.report_case(session, svc.ReportInput(**data), actor, now).case


def act(
    session: Session, case: Case | int, action: str, actor: wf.Actor, now: datetime, **inp: Any
) -> Case:
    cid = case if isinstance(case, int) else case.id
    if inp.get("photos") is PHOTOS:  # a fresh real photo per action
        inp["photos"] = (new_photo(session),)
    return svc.act(session, cid, wf.Action(action), actor, svc.ActionInput(**inp), now)


def handle_stages(session: Session, case_id: int) -> list[CaseStage]:
    return list(
        session.scalars(
            select(CaseStage)
            .where(CaseStage.case_id == case_id, CaseStage.stage == "handle")
            .order_by(CaseStage.id)
        )
    )


def dispatched_at(
    session: Session, spot: tuple[float, float], t: datetime, unit_id: int | None = None
) -> Case:
    """Report at t, file at t+5 min, dispatch at t+10 min (the handle clock starts then)."""
    case = report(session, t, spot)
    act(session, case, "file", LEADER, t + timedelta(minutes=5))
    return act(session, case, "dispatch", DISPATCHER, t + timedelta(minutes=10), unit_id=unit_id)


def new_photo(session: Session, kind: str = "after") -> str:
    """Store a small real JPEG as an attachment and return its id (for actions that need photos)."""
    from PIL import Image

    from app.cases.attachments import PhotoKind, store_photo
    from app.core.clock import now

    buf = io.BytesIO()
    Image.new("RGB", (16, 12), (120, 160, 90)).save(buf, "JPEG")
    buf.seek(0)
    return store_photo(session, buf, PhotoKind(kind), None, now()).id
