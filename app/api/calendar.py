"""The working calendar (工作日历): a year's days, loading a year's schedule, provisional clocks.

Every deadline counts working time on this calendar. A year is *known* when its State Council
schedule (holidays and 调休 make-up workdays) is loaded; a running clock whose deadline reaches
into an unknown year follows the weekday rule and is marked provisional until that year is loaded.
Loading (admins only) replaces the year's schedule, recomputes the provisional clocks (each case
whose due time moves gets a `deadline_recomputed` event on its chain) and is recorded as an
administration event `calendar_loaded` with the admin who made it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from app.api.auth import Allow
from app.api.deps import NowDep, SessionDep
from app.api.errors import ERROR_RESPONSES
from app.cases import workflow as wf
from app.cases.service import load_calendar_year
from app.cases.time.calendar import (
    MAX_REASON_LENGTH,
    DayKind,
    HolidaySpan,
    schedule_from_lists,
)
from app.cases.time.calendar_store import get_calendar, known_years, provisional_cases
from app.identity import throttle

router = APIRouter(prefix="/api/v1/calendar", tags=["管理 admin"], responses=ERROR_RESPONSES)
admin_router = APIRouter(
    prefix="/api/v1/admin/calendar", tags=["管理 admin"], responses=ERROR_RESPONSES
)

_R = wf.Role
ReaderDep = Annotated[
    wf.Actor,
    Depends(Allow(_R.admin, _R.operator, _R.shift_leader, _R.dispatcher, _R.leader)),
]
AdminDep = Annotated[wf.Actor, Depends(Allow(_R.admin))]
Year = Annotated[int, Path(ge=2000, le=2100, description="年份，如 2027")]

KIND_LABELS = {
    DayKind.workday: "工作日",
    DayKind.weekend: "休息日",
    DayKind.holiday: "节假日",
    DayKind.makeup_workday: "调休上班",
}
Name = Annotated[str, Field(min_length=1, max_length=MAX_REASON_LENGTH, description="节日名称")]


class KnownYearRead(BaseModel):
    """已载入放假安排的年份."""

    year: int
    source: str = Field(description="来源（通知文号或随服务提供的数据）")
    loaded_at: datetime | None = Field(description="管理员载入的时间；随服务提供的为 null")
    shipped: bool = Field(description="随服务提供（未经管理员载入）")


class CalendarSummary(BaseModel):
    """工作日历概况：已知年份、最后已知年份、按临时日历计时的在办案卷数."""

    known_years: list[KnownYearRead]
    last_known_year: int | None = Field(description="最后一个已载入放假安排的年份")
    provisional_cases: int = Field(description="时限跨入未载入年份（临时计时）的在办案卷数")
    kind_labels: dict[str, str] = Field(description="日期类型 → 中文名称")


class DayRead(BaseModel):
    """一天：是否上班、类型与名称."""

    date: date
    is_workday: bool
    kind: str = Field(
        description="workday 工作日 | weekend 休息日 | holiday 节假日 | makeup_workday 调休上班"
    )
    kind_label: str
    name: str = Field(description="节日名称、“调休”或 工作日/周末")


class YearRead(BaseModel):
    """一年的工作日历：每天的类型，年份是否已载入放假安排."""

    year: int
    known: bool = Field(description="已载入该年放假安排；否则只按周一至周五计（临时）")
    source: str | None
    loaded_at: datetime | None
    workdays: int
    holidays: int = Field(description="节假日天数")
    makeup_workdays: int = Field(description="调休上班天数")
    days: list[DayRead]


class HolidayIn(BaseModel):
    """一段放假：开始、结束日期（含），名称."""

    start: date = Field(description="放假开始日期")
    end: date | None = Field(default=None, description="放假结束日期（含）；不填为一天")
    name: Name


class MakeupIn(BaseModel):
    """一个调休上班日（周六或周日）."""

    date: date
    name: Name


class ScheduleIn(BaseModel):
    """一年的放假安排（国务院办公厅通知）：节假日与调休上班日；整体替换该年原有安排."""

    source: str = Field(default="", max_length=200, description="来源，如通知文号")
    holidays: list[HolidayIn] = Field(max_length=60)
    makeup_days: list[MakeupIn] = Field(default_factory=list, max_length=30)


class RecomputedRead(BaseModel):
    """因载入日历而重算时限的阶段."""

    case_id: int
    stage: str
    level: int
    old_due_at: str
    new_due_at: str
    provisional: bool


class LoadedRead(BaseModel):
    """载入结果."""

    year: int
    source: str
    holidays: int = Field(description="节假日天数")
    makeup_workdays: int = Field(description="调休上班天数")
    recomputed: list[RecomputedRead] = Field(description="重新计算了到期时间的在办阶段")


class ProvisionalCase(BaseModel):
    """按临时日历计时的在办案卷."""

    id: int
    case_no: str
    status: str
    status_label: str
    assigned_unit_id: int | None
    assigned_unit_name: str | None
    stages: list[str] = Field(description="临时计时的阶段（中文名）")
    due_at: datetime = Field(description="最早的临时到期时间")


class ProvisionalPage(BaseModel):
    """按临时日历计时的在办案卷（权限范围内）."""

    total: int
    last_known_year: int | None
    items: list[ProvisionalCase]


@router.get(
    "",
    response_model=CalendarSummary,
    summary="工作日历概况（已知年份、临时计时的案卷数）",
    description="已载入放假安排的年份及来源、最后已知年份，以及本人权限范围内按临时日历计时的在办案卷数。",
)
def get_summary(session: SessionDep, actor: ReaderDep) -> CalendarSummary:
    """Return the known years and the count of provisional running cases."""
    years = known_years(session)
    total, _ = provisional_cases(session, actor, 0)
    return CalendarSummary(
        known_years=[
            KnownYearRead(year=y.year, source=y.source, loaded_at=y.loaded_at, shipped=y.shipped)
            for y in years
        ],
        last_known_year=years[-1].year if years else None,
        provisional_cases=total,
        kind_labels={k.value: v for k, v in KIND_LABELS.items()},
    )


@router.get(
    "/provisional-cases",
    response_model=ProvisionalPage,
    summary="按临时日历计时的在办案卷",
    description=(
        "时限跨入尚未载入放假安排的年份、只按周一至周五计算的在办案卷（本人权限范围内），"
        "按最早的临时到期时间排列；载入该年放假安排后自动重算。"
    ),
)
def get_provisional(
    session: SessionDep,
    actor: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=500, description="最多条数")] = 100,
) -> ProvisionalPage:
    """Return the running cases whose clocks are provisional."""
    total, items = provisional_cases(session, actor, limit)
    years = known_years(session)
    return ProvisionalPage(
        total=total,
        last_known_year=years[-1].year if years else None,
        items=[ProvisionalCase(**i) for i in items],
    )


@router.get(
    "/{year}",
    response_model=YearRead,
    summary="一年的工作日历（每天：工作日、休息日、节假日、调休上班）",
    description="该年每一天的类型与名称；`known=false` 表示尚未载入该年放假安排，只按周一至周五计（临时）。",
)
def get_year(session: SessionDep, _actor: ReaderDep, year: Year) -> YearRead:
    """Return every day of a year with its kind and name."""
    cal = get_calendar(session)
    first = date(year, 1, 1)
    days = [cal.day(first + timedelta(days=k)) for k in range((date(year + 1, 1, 1) - first).days)]
    loaded = next((y for y in known_years(session) if y.year == year), None)
    return YearRead(
        year=year,
        known=cal.knows(year),
        source=loaded.source if loaded else None,
        loaded_at=loaded.loaded_at if loaded else None,
        workdays=sum(d.is_workday for d in days),
        holidays=sum(d.kind is DayKind.holiday for d in days),
        makeup_workdays=sum(d.kind is DayKind.makeup_workday for d in days),
        days=[
            DayRead(
                date=d.day,
                is_workday=d.is_workday,
                kind=d.kind.value,
                kind_label=KIND_LABELS[d.kind],
                name=d.reason,
            )
            for d in days
        ],
    )


@admin_router.put(
    "/{year}",
    response_model=LoadedRead,
    summary="载入或替换一年的放假安排（节假日与调休），并重算临时计时",
    description=(
        "整体替换该年的放假安排。每个日期须在该年内且只出现一次（422 `calendar_date_outside_year`、"
        "`calendar_date_repeated`），调休上班日须是周六或周日（422 `calendar_makeup_not_weekend`），"
        "放假起止须有效且不超过 32 天（422 `calendar_range_invalid`）。载入后按临时日历计时的在办阶段"
        "重新计算到期时间（到期时间改变的案卷记一条“时限重算”事件），并记一条管理事件 `calendar_loaded`。"
    ),
)
def put_year(
    now: NowDep, session: SessionDep, actor: AdminDep, year: Year, body: ScheduleIn
) -> LoadedRead:
    """Replace a year's schedule and recompute the provisional clocks."""
    schedule = schedule_from_lists(
        year,
        [HolidaySpan(h.start, h.end or h.start, h.name) for h in body.holidays],
        [(m.date, m.name) for m in body.makeup_days],
        body.source or "管理控制台",
    )
    at = now
    changed = load_calendar_year(session, schedule, at)
    holidays = sum(not o.is_workday for o in schedule.overrides)
    makeups = len(schedule.overrides) - holidays
    throttle.record_event(
        session,
        "calendar_loaded",
        at,
        user_id=None,
        actor_id=actor.user_id,
        detail={
            "year": year,
            "source": schedule.source,
            "holidays": holidays,
            "makeup_workdays": makeups,
            "recomputed": len(changed),
        },
    )
    return LoadedRead(
        year=year,
        source=schedule.source,
        holidays=holidays,
        makeup_workdays=makeups,
        recomputed=[RecomputedRead(**c) for c in changed],
    )
