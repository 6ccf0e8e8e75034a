"""Statistical periods: kinds, splitting into whole months and days, errors."""

from __future__ import annotations

from datetime import date

import pytest

from app.stats.periods import (
    InvalidPeriod,
    PeriodKind,
    PeriodTooLong,
    make_period,
    next_month,
    parse_month,
    previous_month,
)

TODAY = date(2026, 11, 21)


def mk(kind: str, **kw: object) -> tuple[date, date]:
    p = make_period(kind, today=TODAY, max_days=400, **kw)  # type: ignore[arg-type]
    return p.start, p.end


def test_kinds() -> None:
    assert mk("day") == (TODAY, TODAY)
    assert mk("week", on="2026-11-21") == (date(2026, 11, 16), date(2026, 11, 22))  # Mon–Sun
    assert mk("month", on=date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert mk("month", on="2026-12-31") == (date(2026, 12, 1), date(2026, 12, 31))
    assert mk("year", on="2025-07-01") == (date(2025, 1, 1), date(2025, 12, 31))
    assert mk("custom", start="2026-01-30", end="2026-03-02") == (
        date(2026, 1, 30),
        date(2026, 3, 2),
    )


def test_split_into_whole_months_and_days() -> None:
    p = make_period("custom", start="2026-01-30", end="2026-04-02", today=TODAY, max_days=400)
    months, days = p.split()
    assert months == [date(2026, 2, 1), date(2026, 3, 1)]
    assert days == [date(2026, 1, 30), date(2026, 1, 31), date(2026, 4, 1), date(2026, 4, 2)]
    assert len(p.all_days()) == p.days == 63
    year = make_period("year", on="2025-05-05", today=TODAY, max_days=400)
    assert year.split() == ([date(2025, m, 1) for m in range(1, 13)], [])
    assert make_period("week", on="2026-11-21", today=TODAY, max_days=400).split()[0] == []


@pytest.mark.parametrize(
    ("kind", "kw", "code"),
    [
        ("fortnight", {}, "invalid_period"),
        ("custom", {"start": "2026-01-01"}, "invalid_period"),
        ("custom", {"start": "2026-02-01", "end": "2026-01-01"}, "invalid_period"),
        ("month", {"on": "2026-13-01"}, "invalid_period"),
        ("month", {"start": "2026-01-01"}, "invalid_period"),
        ("custom", {"start": "2024-01-01", "end": "2026-01-01"}, "period_too_long"),
    ],
)
def test_errors(kind: str, kw: dict[str, str], code: str) -> None:
    with pytest.raises((InvalidPeriod, PeriodTooLong)) as e:
        make_period(kind, today=TODAY, max_days=400, **kw)  # type: ignore[arg-type]
    assert e.value.code == code
    assert e.value.message  # Chinese text for people


def test_months() -> None:
    assert parse_month("2026-02") == date(2026, 2, 1)
    assert parse_month("2026-02-17") == date(2026, 2, 1)
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert previous_month(date(2026, 1, 1)) == date(2025, 12, 1)
    with pytest.raises(InvalidPeriod):
        parse_month("2026/02")
    assert PeriodKind.month.label == "月"
    p = make_period("month", on="2026-10-05", today=TODAY, max_days=400)
    assert p.label == "2026年10月"


def test_split_years() -> None:
    p = make_period("custom", start="2024-12-15", end="2026-02-28", today=TODAY, max_days=500)
    years, months, days = p.split_years()
    assert years == [date(2025, 1, 1)]
    assert months == [date(2026, 1, 1), date(2026, 2, 1)]
    assert days == [date(2024, 12, d) for d in range(15, 32)]
    y = make_period("year", on="2025-03-03", today=TODAY, max_days=400)
    assert y.split_years() == ([date(2025, 1, 1)], [], [])
