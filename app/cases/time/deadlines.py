"""The deadline engine (时限): business-time arithmetic over a `WorkCalendar` (pure; time is an argument).

Conventions (DOMAIN.md §5):

- Units. `work_hour` counts only time inside the working periods of working days. `work_day`
  is `workday_seconds` of such working time (7.5 work hours by default), counted from the start:
  filed Tue 10:00 with 1 work day → due Wed 10:00. `minute`, `natural_hour` and `natural_day`
  are natural (elapsed physical) time: 60 s, 3,600 s, 86,400 s — no calendar involved.
- Due instant. `due_at` is the *earliest* instant whose elapsed business time since `start`
  reaches the limit. So a start outside working time begins counting at the next working period
  start, a limit used up exactly at a period end is due at that end (17:30, not 08:30 the next
  working morning; 12:00, not 13:30), and a zero limit is due at `start` itself.
- Overdue means `now > due_at` (strictly); results are exact to the microsecond.
- Time zones. Inputs are aware datetimes in any zone; dates and working periods are those of the
  calendar's zone; results are aware datetimes in the calendar's zone.
- Provisional. A result is provisional when a date it used (from the start's local date to the
  due or end local date) lies in a year the calendar does not know. Natural units use no dates
  and are never provisional.
- Extensions (延期) are hours in the stage's unit family: work hours for `work_hour`/`work_day`
  limits, natural hours for `minute`/`natural_hour`/`natural_day` limits; they add to the limit.
- Suspension (挂账) pauses the clock: `suspended_seconds` is the business time (working seconds
  for work units, natural seconds otherwise) that fell inside suspension intervals, and the due
  instant moves later by exactly that much business time.
- Lights. `ratio` = business time used (minus suspended) / limit (plus extensions): green while
  ≤ the yellow ratio (`XIUHUA_LIGHT_YELLOW_RATIO`, 0.8 by default), yellow while ≤ 1.0, red
  above (thresholds are parameters; `None` means the setting). `StageClock` turns the
  thresholds into instants (`yellow_at`, `red_at` = `due_at` by default, found with the same
  earliest-instant rule) and `light_at(now)` compares instants: the light changes right *after*
  each instant. The two agree whenever working time is running; in the gap after a threshold hit
  exactly at a period end (lunch, night, holiday) the ratio stays at 0.8 / 1.0 while `light_at`
  already says yellow / red — a stage due at 12:00 and still open at 12:30 is overdue.
- Sweeper: index `StageClock.next_threshold(now)`; when it is ≤ the sweep time, recompute.
- The light rule over instants is `light_conditions` (reddest first, strictly after each
  instant); `light_between` evaluates it in Python and `light_sql` renders the same rule as a
  SQL `CASE` (the sweeper's UPDATE); the queues build their SQLAlchemy `case` from it too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from typing import TypeVar

from app.cases.time.calendar import WorkCalendar
from app.core.config import get_settings
from app.core.errors import InvalidInput

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_SECOND_US = 1_000_000
MAX_WORK_DAYS = 10_000
MAX_NATURAL_DAYS = 36_525
_MAX_SCAN_DAYS = 40_000
DEFAULT_RED = 1.0  # red = past the limit itself (超期); the yellow ratio is a setting


class TimeUnit(StrEnum):
    """Limit units: `minute` is a natural minute; `work_*` count working time only."""

    minute = "minute"
    work_hour = "work_hour"
    work_day = "work_day"
    natural_hour = "natural_hour"
    natural_day = "natural_day"

    @property
    def is_work(self) -> bool:
        """Whether the unit counts working time (work_hour, work_day) rather than natural time."""
        return self in (TimeUnit.work_hour, TimeUnit.work_day)


class Light(StrEnum):
    """Traffic light of a stage clock."""

    green = "green"
    yellow = "yellow"
    red = "red"


T = TypeVar("T")


def light_conditions(now: T, yellow_at: T, red_at: T) -> tuple[tuple[Light, T, T], ...]:
    """Return the light rule, reddest first: `(light, a, b)` means `light` when `a < b`; else green.

    The operands may be instants, integers, SQL text or SQLAlchemy columns: every form of the
    rule (Python, the sweeper's SQL, the queues' expressions) is built from this one function.
    The light changes strictly *after* each instant.
    """
    return ((Light.red, red_at, now), (Light.yellow, yellow_at, now))


def light_of(now: float, yellow_at: float, red_at: float) -> Light:
    """Return the light at `now` for thresholds given as numbers (microseconds, epoch seconds)."""
    for colour, a, b in light_conditions(now, yellow_at, red_at):
        if a < b:
            return colour
    return Light.green


def light_between(now: datetime, yellow_at: datetime, red_at: datetime) -> Light:
    """Return the light at `now` of a running clock with these thresholds (see `light_conditions`)."""
    return light_of(_to_us(now), _to_us(yellow_at), _to_us(red_at))  # instants, not wall clocks


def light_sql(
    now: str, yellow_at: str, red_at: str, values: Mapping[Light, str] | None = None
) -> str:
    """Render `light_conditions` as a SQL CASE over timestamptz expressions (`values`: SQL per light)."""
    v = values or {c: f"'{c.value}'" for c in Light}
    whens = " ".join(
        f"WHEN {a} < {b} THEN {v[c]}" for c, a, b in light_conditions(now, yellow_at, red_at)
    )
    return f"CASE {whens} ELSE {v[Light.green]} END"


def overdue_sql(now: str, due_at: str) -> str:
    """Render 超期 (the red condition of `light_conditions` with red_at = due_at) as SQL."""
    _, a, b = light_conditions(now, due_at, due_at)[0]
    return f"{a} < {b}"


def is_overdue(now: datetime, due_at: datetime) -> bool:
    """Return whether a clock due at `due_at` is overdue at `now` (strictly after the instant)."""
    return light_between(now, due_at, due_at) is Light.red


def yellow_ratio(value: float | None = None) -> float:
    """Return `value`, or the configured yellow ratio (黄灯预警：时限用去的比例)."""
    return get_settings().light_yellow_ratio if value is None else value


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due instant (aware, calendar zone) and whether it rests on a year the calendar does not know."""

    due_at: datetime
    provisional: bool


@dataclass(frozen=True, slots=True)
class Elapsed:
    """Business seconds between two instants (working or natural) and whether they are provisional."""

    seconds: float
    provisional: bool


@dataclass(frozen=True, slots=True)
class StageClock:
    """A stage's effective deadline and its light thresholds, valid after its last suspension ended."""

    start: datetime
    unit: TimeUnit
    budget_seconds: float
    suspended_seconds: float
    yellow_at: datetime
    due_at: datetime
    red_at: datetime
    provisional: bool

    def light_at(self, now: datetime) -> Light:
        """Return red if now > red_at, yellow if now > yellow_at, else green."""
        _check_aware(now, "now")
        return light_between(now, self.yellow_at, self.red_at)  # instants, never wall clocks

    def next_threshold(self, now: datetime) -> datetime | None:
        """Return the next instant ≥ now after which the light changes (yellow_at, red_at), or None."""
        _check_aware(now, "now")
        t = _to_us(now)
        if t <= _to_us(self.yellow_at):
            return self.yellow_at
        if t <= _to_us(self.red_at):
            return self.red_at
        return None


# ---- validation --------------------------------------------------------------------------------


def parse_unit(unit: TimeUnit | str) -> TimeUnit:
    """Return the TimeUnit named by `unit`; raise InvalidInput for an unknown unit."""
    try:
        return TimeUnit(unit)
    except ValueError as exc:
        raise InvalidInput(f"未知的时限单位：{unit}", field="unit") from exc


def _check_aware(instant: datetime, name: str) -> None:
    if not isinstance(instant, datetime) or instant.utcoffset() is None:
        raise InvalidInput(f"{name} 必须是带时区的时间", field=name)


def _to_us(instant: datetime) -> int:
    return (instant - _EPOCH) // _US


def _non_negative_us(value: float | Decimal, unit_us: int, name: str) -> int:
    """Convert `value` units of `unit_us` µs to whole µs (half-even); reject negative/non-finite."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidInput(f"{name} 必须是数值", field=name)
    if isinstance(value, Decimal):
        if not value.is_finite() or value < 0:
            raise InvalidInput(f"{name} 必须是有限的非负数", field=name)
        return int((value * unit_us).to_integral_value(ROUND_HALF_EVEN))
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput(f"{name} 必须是有限的非负数", field=name)
    if value < 0:
        raise InvalidInput(f"{name} 必须是有限的非负数", field=name)
    if isinstance(value, int):
        return value * unit_us
    product = value * unit_us
    if not math.isfinite(product):
        raise InvalidInput(f"{name} 过大", field=name)
    return round(product)


def _unit_us(unit: TimeUnit, calendar: WorkCalendar) -> int:
    if unit is TimeUnit.work_day:
        return calendar.workday_seconds * _SECOND_US
    if unit is TimeUnit.natural_day:
        return 86_400 * _SECOND_US
    if unit is TimeUnit.minute:
        return 60 * _SECOND_US
    return 3_600 * _SECOND_US


def _check_budget(budget_us: int, unit: TimeUnit, calendar: WorkCalendar) -> None:
    cap = (
        MAX_WORK_DAYS * calendar.workday_seconds * _SECOND_US
        if unit.is_work
        else MAX_NATURAL_DAYS * 86_400 * _SECOND_US
    )
    if budget_us > cap:
        limit = f"{MAX_WORK_DAYS} 个工作日" if unit.is_work else f"{MAX_NATURAL_DAYS} 天"
        raise InvalidInput(f"时限过长（最多 {limit}）", field="value")


def limit_seconds(value: float | Decimal, unit: TimeUnit | str, calendar: WorkCalendar) -> float:
    """Return the limit in business seconds; raise InvalidInput if negative, non-finite or too long."""
    u = parse_unit(unit)
    us = _non_negative_us(value, _unit_us(u, calendar), "value")
    _check_budget(us, u, calendar)
    return us / _SECOND_US


# ---- working-time arithmetic on UTC epoch microseconds --------------------------------------


def _provisional(calendar: WorkCalendar, first_ordinal: int, last_ordinal: int) -> bool:
    y0 = date.fromordinal(first_ordinal).year
    y1 = date.fromordinal(last_ordinal).year
    return any(y not in calendar.known_years for y in range(y0, y1 + 1))


def _add_work_us(
    calendar: WorkCalendar, start_us: int, ordinal: int, budget_us: int
) -> tuple[int, int]:
    """Return (due µs, due local ordinal): the earliest instant with `budget_us` of working time."""
    if budget_us == 0:
        return start_us, ordinal
    remaining = budget_us
    intervals, _ = calendar.intervals_us(ordinal)
    for a, b in intervals:
        if start_us >= b:
            continue
        begin = a if a > start_us else start_us
        available = b - begin
        if remaining <= available:
            return begin + remaining, ordinal
        remaining -= available
    last = ordinal + _MAX_SCAN_DAYS
    while ordinal < last:
        ordinal += 1
        intervals, total = calendar.intervals_us(ordinal)
        if remaining > total:  # whole days (and days off) at once: iterate by days, not minutes
            remaining -= total
            continue
        for a, b in intervals:
            if remaining <= b - a:
                return a + remaining, ordinal
            remaining -= b - a
    raise InvalidInput("日历中找不到足够的工作时间")


def _elapsed_work_us(
    calendar: WorkCalendar, start_us: int, start_ord: int, end_us: int, end_ord: int
) -> int:
    """Return the working µs in [start, end) for start ≤ end."""
    total = 0
    for ordinal in range(start_ord, end_ord + 1):
        intervals, day_total = calendar.intervals_us(ordinal)
        if start_ord < ordinal < end_ord:
            total += day_total
            continue
        for a, b in intervals:
            lo = a if a > start_us else start_us
            hi = b if b < end_us else end_us
            if hi > lo:
                total += hi - lo
    return total


def _add_us(
    start: datetime, budget_us: int, unit: TimeUnit, calendar: WorkCalendar
) -> tuple[datetime, bool]:
    try:
        if not unit.is_work:
            # in UTC: aware arithmetic within one zone is wall-clock time in Python
            due = start.astimezone(UTC) + timedelta(microseconds=budget_us)
            return due.astimezone(calendar.tz), False
        ordinal = calendar.local_date(start).toordinal()
        due_us, due_ord = _add_work_us(calendar, _to_us(start), ordinal, budget_us)
        due = (_EPOCH + timedelta(microseconds=due_us)).astimezone(calendar.tz)
    except (OverflowError, ValueError) as exc:
        raise InvalidInput("期限超出可表示的时间范围", field="value") from exc
    return due, _provisional(calendar, ordinal, due_ord)


def _elapsed_us(
    start: datetime, end: datetime, unit: TimeUnit, calendar: WorkCalendar
) -> tuple[int, bool]:
    start_us, end_us = _to_us(start), _to_us(end)
    if end_us < start_us:
        us, provisional = _elapsed_us(end, start, unit, calendar)
        return -us, provisional
    if not unit.is_work:
        return end_us - start_us, False
    s_ord = calendar.local_date(start).toordinal()
    e_ord = calendar.local_date(end).toordinal()
    us = _elapsed_work_us(calendar, start_us, s_ord, end_us, e_ord)
    return us, _provisional(calendar, s_ord, e_ord)


# ---- public API --------------------------------------------------------------------------------


def add_business_time(
    start: datetime, value: float | Decimal, unit: TimeUnit | str, calendar: WorkCalendar
) -> Deadline:
    """Return the earliest instant by which `value` `unit`s have elapsed since `start`; InvalidInput if bad."""
    _check_aware(start, "start")
    u = parse_unit(unit)
    budget = _non_negative_us(value, _unit_us(u, calendar), "value")
    _check_budget(budget, u, calendar)
    due, provisional = _add_us(start, budget, u, calendar)
    return Deadline(due, provisional)


def elapsed_business_time(
    start: datetime, end: datetime, calendar: WorkCalendar, unit: TimeUnit | str
) -> Elapsed:
    """Return the working (work units) or natural seconds from start to end; negative if end < start."""
    _check_aware(start, "start")
    _check_aware(end, "end")
    us, provisional = _elapsed_us(start, end, parse_unit(unit), calendar)
    return Elapsed(us / _SECOND_US, provisional)


def paused_business_time(
    intervals: Iterable[tuple[datetime, datetime | None]],
    now: datetime,
    calendar: WorkCalendar,
    unit: TimeUnit | str,
) -> Elapsed:
    """Return the business seconds inside suspension intervals (an open end means `now`)."""
    _check_aware(now, "now")
    u = parse_unit(unit)
    total, provisional = 0, False
    for begin, end in intervals:
        _check_aware(begin, "suspended_from")
        stop = now if end is None else end
        _check_aware(stop, "suspended_to")
        if _to_us(stop) < _to_us(begin):
            raise InvalidInput("挂账结束时间早于开始时间", field="suspended_to")
        us, p = _elapsed_us(begin, stop, u, calendar)
        total += us
        provisional = provisional or p
    return Elapsed(total / _SECOND_US, provisional)


def used_ratio(
    start: datetime,
    due: datetime,
    now: datetime,
    calendar: WorkCalendar,
    unit: TimeUnit | str,
    paused_seconds: float = 0.0,
) -> float:
    """Return (used − paused) / (limit − paused) in business time, ≥ 0; a zero limit gives 1.0 or inf."""
    _check_aware(start, "start")
    _check_aware(due, "due")
    _check_aware(now, "now")
    u = parse_unit(unit)
    paused = _non_negative_us(paused_seconds, _SECOND_US, "paused_seconds")
    budget = _elapsed_us(start, due, u, calendar)[0] - paused
    used = max(_elapsed_us(start, now, u, calendar)[0] - paused, 0)
    if budget <= 0:
        return 1.0 if used == 0 else math.inf
    return used / budget


def _check_thresholds(yellow: float, red: float) -> None:
    if not (math.isfinite(yellow) and math.isfinite(red) and 0 <= yellow <= red):
        raise InvalidInput("阈值必须满足 0 ≤ 黄灯 ≤ 红灯", field="thresholds")


def light(ratio: float, yellow: float | None = None, red: float = DEFAULT_RED) -> Light:
    """Return green for ratio ≤ yellow, yellow for ≤ red, red above; InvalidInput for NaN."""
    yellow = yellow_ratio(yellow)
    _check_thresholds(yellow, red)
    if math.isnan(ratio):
        raise InvalidInput("比例无效", field="ratio")
    if ratio <= yellow:
        return Light.green
    if ratio <= red:
        return Light.yellow
    return Light.red


def stage_clock(
    start: datetime,
    limit_value: float | Decimal,
    unit: TimeUnit | str,
    calendar: WorkCalendar,
    *,
    extension_hours: float | Decimal = 0,
    suspended_seconds: float | Decimal = 0,
    yellow: float | None = None,
    red: float = DEFAULT_RED,
) -> StageClock:
    """Return the stage's effective due (limit + extensions + suspended business time) and thresholds."""
    _check_aware(start, "start")
    yellow = yellow_ratio(yellow)
    _check_thresholds(yellow, red)
    u = parse_unit(unit)
    budget = _non_negative_us(limit_value, _unit_us(u, calendar), "value")
    budget += _non_negative_us(extension_hours, 3_600 * _SECOND_US, "extension_hours")
    paused = _non_negative_us(suspended_seconds, _SECOND_US, "suspended_seconds")
    _check_budget(budget + paused, u, calendar)
    _check_budget(round(budget * red) + paused, u, calendar)
    yellow_at, p1 = _add_us(start, round(budget * yellow) + paused, u, calendar)
    due_at, p2 = _add_us(start, budget + paused, u, calendar)
    red_at, p3 = (
        (due_at, False) if red == 1.0 else _add_us(start, round(budget * red) + paused, u, calendar)
    )
    return StageClock(
        start=start,
        unit=u,
        budget_seconds=budget / _SECOND_US,
        suspended_seconds=paused / _SECOND_US,
        yellow_at=yellow_at,
        due_at=due_at,
        red_at=red_at,
        provisional=p1 or p2 or p3,
    )
