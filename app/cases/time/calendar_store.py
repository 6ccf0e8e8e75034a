"""The working calendar in the database: schedules loaded by admins on top of the shipped data."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app.cases.models import CalendarDay, CalendarYear
from app.cases.time.calendar import DayOverride, WorkCalendar, YearSchedule, default_calendar
from app.core.clock import now

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
