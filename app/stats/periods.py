"""Statistical periods (统计期): day, ISO week, month, year or custom, as inclusive date ranges.

Pure: no database. A period is split into whole months (read from month rollups) and the
remaining days (day rollups, or the facts for scopes kept only by month).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.core.errors import InvalidInput


class InvalidPeriod(InvalidInput):
    """A period that cannot be understood (unknown kind, missing or malformed dates)."""

    code = "invalid_period"
    message = "统计期不合法"


class PeriodTooLong(InvalidInput):
    """A custom period longer than the configured limit."""

    code = "period_too_long"
    message = "统计期过长"


class PeriodKind(StrEnum):
    """How a period is given."""

    day = "day"
    week = "week"
    month = "month"
    year = "year"
    custom = "custom"

    @property
    def label(self) -> str:
        """Return the Chinese name."""
        return {"day": "日", "week": "周", "month": "月", "year": "年", "custom": "自定义"}[self]


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of local dates (the calendar's time zone)."""

    kind: PeriodKind
    start: date
    end: date

    @property
    def days(self) -> int:
        """Return the number of days in the period."""
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """Return a Chinese description, e.g. 2026年10月 or 2026-10-01 至 2026-10-15."""
        if self.kind is PeriodKind.month:
            return f"{self.start.year}年{self.start.month}月"
        if self.kind is PeriodKind.year:
            return f"{self.start.year}年"
        if self.kind is PeriodKind.day:
            return self.start.isoformat()
        return f"{self.start.isoformat()} 至 {self.end.isoformat()}"

    def split(self) -> tuple[list[date], list[date]]:
        """Return (first days of the whole months inside, the remaining days)."""
        months: list[date] = []
        days: list[date] = []
        d = self.start
        while d <= self.end:
            nxt = next_month(d.replace(day=1))
            if d.day == 1 and nxt - timedelta(days=1) <= self.end:
                months.append(d)
                d = nxt
            else:
                days.append(d)
                d += timedelta(days=1)
        return months, days

    def split_years(self) -> tuple[list[date], list[date], list[date]]:
        """Return (first days of the whole years inside, of the other whole months, other days)."""
        years = [
            date(y, 1, 1)
            for y in range(self.start.year, self.end.year + 1)
            if date(y, 1, 1) >= self.start and date(y, 12, 31) <= self.end
        ]
        months, days = self.split()
        months = [m for m in months if date(m.year, 1, 1) not in years]
        return years, months, days

    def all_days(self) -> list[date]:
        """Return every day of the period."""
        return [self.start + timedelta(days=i) for i in range(self.days)]


def next_month(first: date) -> date:
    """Return the first day of the month after the month of `first`."""
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def previous_month(first: date) -> date:
    """Return the first day of the month before the month of `first`."""
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def _parse_date(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidPeriod(f"{name} 应为日期（YYYY-MM-DD）：{value}", field=name) from None


def parse_month(value: str | date) -> date:
    """Return the first day of a month given as YYYY-MM (or any date in it)."""
    if isinstance(value, date):
        return value.replace(day=1)
    try:
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value).replace(day=1)
    except ValueError:
        raise InvalidPeriod(f"月份应为 YYYY-MM：{value}", field="month") from None


def make_period(
    kind: str,
    *,
    on: str | date | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    today: date,
    max_days: int,
) -> Period:
    """Build a period: `kind` day|week|month|year containing `on` (default today), or custom.

    Raises InvalidPeriod for an unknown kind or bad dates, PeriodTooLong when it is longer
    than `max_days`.
    """
    try:
        k = PeriodKind(kind)
    except ValueError:
        raise InvalidPeriod(
            f"未知的统计期类型“{kind}”，可选：day、week、month、year、custom", field="period"
        ) from None
    if k is PeriodKind.custom:
        s, e = _parse_date(start, "start"), _parse_date(end, "end")
        if s is None or e is None:
            raise InvalidPeriod("自定义统计期需要 start 与 end", field="start")
        if e < s:
            raise InvalidPeriod("结束日期早于开始日期", start=s.isoformat(), end=e.isoformat())
        period = Period(k, s, e)
    else:
        if start is not None or end is not None:
            raise InvalidPeriod("start/end 只用于 custom 统计期；其他类型请用 date", field="start")
        d = _parse_date(on, "date") or today
        if k is PeriodKind.day:
            period = Period(k, d, d)
        elif k is PeriodKind.week:
            monday = d - timedelta(days=d.weekday())
            period = Period(k, monday, monday + timedelta(days=6))
        elif k is PeriodKind.month:
            first = d.replace(day=1)
            period = Period(k, first, next_month(first) - timedelta(days=1))
        else:
            period = Period(k, date(d.year, 1, 1), date(d.year, 12, 31))
    if period.days > max_days:
        raise PeriodTooLong(
            f"统计期 {period.days} 天，超过上限 {max_days} 天",
            days=period.days,
            max_days=max_days,
        )
    return period
