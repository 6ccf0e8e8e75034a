"""The working calendar in the database: schedules loaded by admins on top of the shipped data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app.cases import scope
from app.cases import workflow as wf
from app.cases.models import CalendarDay, CalendarYear, Case, CaseStage
from app.cases.time.calendar import (
    DayOverride,
    WorkCalendar,
    YearSchedule,
    chinese_calendar_schedules,
    default_calendar,
)
from app.core.clock import now
from app.grid.models import Unit

_CACHE_KEY = "xiuhua.calendar"


def get_calendar(session: Session) -> WorkCalendar:
    """Return the shipped calendar with every loaded year applied.

    Cached per session, and per process through `app.cases.reference` (one version read on a
    session's first call; the calendar tables are read only when their version moved).
    """
    cached = session.info.get(_CACHE_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from app.cases import reference  # reference builds on this module

    cal = reference.current(session).calendar
    session.info[_CACHE_KEY] = cal
    return cal


def load_calendar(session: Session) -> WorkCalendar:
    """Read the shipped calendar with every year loaded in the database applied (no cache)."""
    cal = default_calendar()
    years = session.scalars(select(CalendarYear.year).order_by(CalendarYear.year)).all()
    if not years:
        return cal
    rows = session.scalars(select(CalendarDay).order_by(CalendarDay.day)).all()
    by_year: dict[int, list[DayOverride]] = {y: [] for y in years}
    for r in rows:
        if r.day.year in by_year:
            by_year[r.day.year].append(DayOverride(r.day, r.is_workday, r.reason))
    for y in years:
        cal = cal.with_schedule(YearSchedule(year=y, overrides=tuple(by_year[y]), source="db"))
    return cal


def store_schedule(session: Session, schedule: YearSchedule) -> None:
    """Replace a year's rows in the database and mark the year known."""
    session.info.pop(_CACHE_KEY, None)
    session.execute(
        delete(CalendarDay).where(
            CalendarDay.day >= date(schedule.year, 1, 1),
            CalendarDay.day <= date(schedule.year, 12, 31),
        )
    )
    for o in schedule.overrides:
        session.add(CalendarDay(day=o.day, is_workday=o.is_workday, reason=o.reason))
    session.execute(
        insert(CalendarYear)
        .values(year=schedule.year, source=schedule.source or "file", loaded_at=now())
        .on_conflict_do_update(
            index_elements=["year"], set_={"source": schedule.source or "file", "loaded_at": now()}
        )
    )
    session.flush()


@dataclass(frozen=True, slots=True)
class KnownYear:
    """A year whose schedule is known: loaded by an admin (`db`) or shipped with the service."""

    year: int
    source: str
    loaded_at: datetime | None
    shipped: bool


def known_years(session: Session) -> list[KnownYear]:
    """Return every known year, oldest first: loaded rows win over the shipped schedules."""
    years: dict[int, KnownYear] = {
        s.year: KnownYear(s.year, s.source, None, True) for s in chinese_calendar_schedules()
    }
    for row in session.scalars(select(CalendarYear)):
        years[row.year] = KnownYear(row.year, row.source, row.loaded_at, False)
    return [years[y] for y in sorted(years)]


def provisional_cases(
    session: Session, actor: wf.Actor, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """Return how many running cases the actor sees have a provisional clock, and the first ones.

    A clock is provisional when its deadline runs into a year whose schedule is not loaded
    (weekday rule only); loading that year recomputes it (`load_calendar_year`). Ordered by the
    earliest provisional due time.
    """
    open_stage = (CaseStage.stopped_at.is_(None), CaseStage.provisional.is_(True))
    due = (
        select(CaseStage.case_id, func.min(CaseStage.due_at).label("due_at"))
        .where(*open_stage)
        .group_by(CaseStage.case_id)
        .subquery()
    )
    where = (Case.calendar_provisional.is_(True), scope.visible(actor))
    total = (
        session.scalar(
            select(func.count()).select_from(Case).join(due, due.c.case_id == Case.id).where(*where)
        )
        or 0
    )
    rows = session.execute(
        select(Case, due.c.due_at, Unit.name)
        .join(due, due.c.case_id == Case.id)
        .outerjoin(Unit, Unit.id == Case.assigned_unit_id)
        .where(*where)
        .order_by(due.c.due_at, Case.id)
        .limit(limit)
    ).all()
    stages: dict[int, list[str]] = {}
    ids = [c.id for c, _, _ in rows]
    if ids:
        for case_id, stage in session.execute(
            select(CaseStage.case_id, CaseStage.stage)
            .where(CaseStage.case_id.in_(ids), *open_stage)
            .order_by(CaseStage.case_id, CaseStage.id)
        ):
            stages.setdefault(case_id, []).append(wf.Stage(stage).label)
    return int(total), [
        {
            "id": c.id,
            "case_no": c.case_no,
            "status": c.status,
            "status_label": wf.Status(c.status).label,
            "assigned_unit_id": c.assigned_unit_id,
            "assigned_unit_name": unit_name,
            "stages": stages.get(c.id, []),
            "due_at": due_at,
        }
        for c, due_at, unit_name in rows
    ]
