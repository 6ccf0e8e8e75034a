"""The deadline engine: business-time arithmetic, lights and stage clocks (pure)."""

from __future__ import annotations

import math
import random
import time as timer
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from app.cases.time.calendar import CALENDAR_DIR, WorkCalendar, default_calendar, load_schedule
from app.cases.time.deadlines import (
    Deadline,
    Light,
    TimeUnit,
    add_business_time,
    elapsed_business_time,
    light,
    limit_seconds,
    parse_unit,
    paused_business_time,
    stage_clock,
    used_ratio,
)
from app.core.errors import InvalidInput

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
CAL = default_calendar()
CAL27 = CAL.with_schedule(load_schedule(CALENDAR_DIR / "2027.example.json"))
WH, WD = TimeUnit.work_hour, TimeUnit.work_day


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0, us: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, us, tzinfo=SH)


def due(
    start: datetime, value: float | Decimal, unit: TimeUnit | str = WH, cal: WorkCalendar = CAL
) -> datetime:
    return add_business_time(start, value, unit, cal).due_at


def work_s(start: datetime, end: datetime, cal: WorkCalendar = CAL) -> float:
    return elapsed_business_time(start, end, cal, WH).seconds


# ---- the holiday weeks of 2026 (chinese-calendar 1.11 data) ------------------------------------


def test_the_2026_schedule_this_file_relies_on() -> None:
    assert chinese_calendar.get_holiday_detail(date(2026, 9, 25)) == (True, "Mid-autumn Festival")
    assert [chinese_calendar.is_workday(date(2026, 10, k)) for k in range(1, 12)] == [
        *[False] * 7,
        True,  # Thu 10-08
        True,  # Fri 10-09
        True,  # Sat 10-10 调休
        False,  # Sun 10-11
    ]
    assert chinese_calendar.is_workday(date(2026, 9, 20))  # Sunday 调休


@pytest.mark.parametrize(
    ("start", "value", "expected"),
    [
        # Fri 2026-09-25 is itself 中秋节 (Fri–Sun off): counting starts Mon 09-28 08:30;
        # 3.5 h in the morning + 0.5 h after lunch.
        (at(2026, 9, 25, 16), 4, at(2026, 9, 28, 14)),
        # Thu before 中秋: 1.5 h on Thu, 2.5 h on Mon.
        (at(2026, 9, 24, 16), 4, at(2026, 9, 28, 11)),
        # Wed before 国庆 (10-01..10-07 off): 1.5 h on Wed 09-30, 2.5 h on Thu 10-08.
        (at(2026, 9, 30, 16), 4, at(2026, 10, 8, 11)),
        (at(2026, 9, 30, 17, 30), 4, at(2026, 10, 8, 14)),
        # During the holiday: starts at the first working period after it.
        (at(2026, 10, 3, 9), 1, at(2026, 10, 8, 9, 30)),
        # Sat 09-19 → Sun 09-20 is a 调休 working day.
        (at(2026, 9, 19, 16), 4, at(2026, 9, 20, 14)),
        # Fri 10-09 → Sat 10-10 is a 调休 working day.
        (at(2026, 10, 9, 16), 4, at(2026, 10, 10, 11)),
        # Sat 10-10 (调休) → Sun off → Mon 10-12.
        (at(2026, 10, 10, 16), 4, at(2026, 10, 12, 11)),
        # 9 work hours from Fri 10-09 08:30: 7.5 h Fri + 1.5 h on 调休 Saturday.
        (at(2026, 10, 9, 8, 30), 9, at(2026, 10, 10, 10)),
        # Spring Festival 2026: 02-14 (Sat) working, 02-15..02-23 off, 02-28 (Sat) working.
        (at(2026, 2, 13, 17), 1, at(2026, 2, 14, 9)),
        (at(2026, 2, 14, 17), 1, at(2026, 2, 24, 9)),
        (at(2026, 2, 27, 17), 1, at(2026, 2, 28, 9)),
        # New Year 2026: 01-01..01-03 off, Sun 01-04 working.
        (at(2025, 12, 31, 17), 1, at(2026, 1, 4, 9)),
    ],
)
def test_work_hours_across_holidays_and_tiaoxiu(
    start: datetime, value: float, expected: datetime
) -> None:
    result = add_business_time(start, value, WH, CAL)
    assert result == Deadline(expected, provisional=False)
    assert result.due_at.tzinfo == SH
    assert work_s(start, result.due_at) == value * 3600


def test_work_days_across_national_day_2026() -> None:
    # Wed 09-30 10:00: 6 h that day, 7.5 h on 10-08 and 10-09 → 1.5 h on Sat 10-10 (调休)
    assert due(at(2026, 9, 30, 10), 3, WD) == at(2026, 10, 10, 10)
    assert due(at(2026, 9, 30, 10), 1, WD) == at(2026, 10, 8, 10)
    assert due(at(2026, 9, 30, 10), 4, WD) == at(2026, 10, 12, 10)
    # the whole National Day week has 7.5 h of work from 09-30 10:00 to 10-08 10:00
    assert work_s(at(2026, 9, 30, 10), at(2026, 10, 8, 10)) == 7.5 * 3600


# ---- working-period edges on an ordinary Tuesday -------------------------------------------------

TUE = (2026, 3, 3)


def tue(hh: int, mm: int = 0, ss: int = 0, *, day: int = 0) -> datetime:
    return at(*TUE, hh, mm, ss) + timedelta(days=day)


@pytest.mark.parametrize(
    ("start", "seconds", "expected"),
    [
        (tue(11, 59, 30), 60, tue(13, 30, 30)),  # 30 s before lunch, 30 s after
        (tue(11, 59, 30), 30, tue(12)),  # used up exactly at 12:00: due 12:00, not 13:30
        (tue(11, 59, 30), 31, tue(13, 30, 1)),
        (tue(11, 59, 59), 1, tue(12)),
        (tue(12), 1, tue(13, 30, 1)),
        (tue(12), 3600, tue(14, 30)),
        (tue(12, 45), 3600, tue(14, 30)),
        (tue(13, 30), 3600, tue(14, 30)),
        (tue(13, 29, 59), 1, tue(13, 30, 1)),
        (tue(8, 30), 3.5 * 3600, tue(12)),
        (tue(8, 30), 7.5 * 3600, tue(17, 30)),  # a full day: 17:30, not 08:30 next morning
        (tue(8, 30), 7.5 * 3600 + 1, tue(8, 30, 1, day=1)),
        (tue(8, 29, 59), 1, tue(8, 30, 1)),
        (tue(8), 3600, tue(9, 30)),
        (tue(17, 29, 30), 30, tue(17, 30)),
        (tue(17, 29, 30), 60, tue(8, 30, 30, day=1)),
        (tue(17, 30), 3600, tue(9, 30, day=1)),  # nights are skipped
        (tue(23, 59, 59), 3600, tue(9, 30, day=1)),
        (tue(0), 3600, tue(9, 30)),
        (tue(16, 30), 3 * 3600, tue(10, 30, day=1)),
        (tue(16, 30), 12 * 3600, tue(12, day=2)),  # 1 h + 7.5 h + 3.5 h: Thu 12:00
    ],
)
def test_working_period_edges(start: datetime, seconds: float, expected: datetime) -> None:
    value = seconds / 3600
    assert due(start, value) == expected
    assert work_s(start, expected) == pytest.approx(seconds, abs=1e-6)


def test_zero_limit_is_due_at_start_even_outside_working_time() -> None:
    for start in (tue(7), tue(12, 30), tue(20), at(2026, 10, 1, 10), at(2027, 1, 2, 10)):
        for unit in TimeUnit:
            assert due(start, 0, unit) == start


def test_weekend_is_skipped() -> None:
    fri = at(2026, 3, 6, 17)
    assert due(fri, 1) == at(2026, 3, 9, 9)
    assert due(at(2026, 3, 7, 10), 1) == at(2026, 3, 9, 9, 30)  # Saturday → Monday 08:30 + 1 h
    assert due(at(2026, 3, 8, 23, 59, 59), 0.5) == at(2026, 3, 9, 9)
    assert work_s(fri, at(2026, 3, 9, 9)) == 3600


def test_sub_second_precision() -> None:
    start = tue(11, 59, 59) + timedelta(microseconds=500_000)
    assert due(start, Decimal(1) / Decimal(3600)) == tue(13, 30, 0) + timedelta(
        microseconds=500_000
    )


# ---- work days ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (tue(10), 1, tue(10, day=1)),  # Tue 10:00 + 1 work day = Wed 10:00
        (tue(10), 2, tue(10, day=2)),
        (tue(10), 0.5, tue(15, 15)),  # 3.75 h: 2 h morning + 1.75 h afternoon
        (tue(8, 30), 1, tue(17, 30)),  # never rolls to the next morning
        (tue(8, 30), 2, tue(17, 30, day=1)),
        (tue(8), 1, tue(17, 30)),  # before work: count from 08:30
        (tue(12), 1, tue(12, day=1)),  # lunch: counts from 13:30 → next day 12:00 (boundary)
        (tue(12, 30), 1, tue(12, day=1)),
        (tue(17, 30), 1, tue(17, 30, day=1)),
        (tue(20), 1, tue(17, 30, day=1)),
        (at(2026, 3, 6, 10), 1, at(2026, 3, 9, 10)),  # Fri → Mon
        (at(2026, 3, 7, 10), 1, at(2026, 3, 9, 17, 30)),  # Sat → Mon 17:30
        (tue(10), 5, tue(10, day=7)),  # a normal week
        (tue(10), 20, at(2026, 3, 31, 10)),  # four normal weeks
    ],
)
def test_work_days(start: datetime, days: float, expected: datetime) -> None:
    assert due(start, days, WD) == expected
    assert due(start, days * 7.5, WH) == expected


def test_twenty_work_days_across_national_day_and_mid_autumn() -> None:
    # From Mon 09-14 10:00: 09-14..09-18 (5), Sun 09-20 调休 (1), 09-21..09-24 (4),
    # 09-25..09-27 off, 09-28..09-30 (3), 10-01..10-07 off, 10-08, 10-09, Sat 10-10 (3),
    # 10-12..10-16 (5) → 21 working days; the 20th work day ends at 10-16 10:00.
    assert due(at(2026, 9, 14, 10), 20, WD) == at(2026, 10, 16, 10)


# ---- natural units -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "value", "delta"),
    [
        (TimeUnit.minute, 10, timedelta(minutes=10)),
        (TimeUnit.minute, 1.5, timedelta(seconds=90)),
        (TimeUnit.natural_hour, 2, timedelta(hours=2)),
        (TimeUnit.natural_hour, 24, timedelta(days=1)),
        (TimeUnit.natural_day, 7, timedelta(days=7)),
        (TimeUnit.natural_day, 15, timedelta(days=15)),
    ],
)
def test_natural_units_ignore_the_calendar(unit: TimeUnit, value: float, delta: timedelta) -> None:
    for start in (tue(10), tue(23, 55), at(2026, 9, 30, 16), at(2026, 10, 3, 3), at(2027, 1, 1)):
        result = add_business_time(start, value, unit, CAL)
        assert result == Deadline(start + delta, provisional=False)
        assert result.due_at.tzinfo == SH
        elapsed = elapsed_business_time(start, result.due_at, CAL, unit)
        assert elapsed.seconds == delta.total_seconds()
        assert not elapsed.provisional


def test_natural_day_is_24_elapsed_hours_across_a_dst_switch() -> None:
    cal = WorkCalendar.create([], [2026], tz="America/New_York")
    start = datetime(2026, 3, 7, 12, tzinfo=NY)  # DST starts Sun 2026-03-08 02:00
    result = add_business_time(start, 1, TimeUnit.natural_day, cal)
    assert result.due_at == datetime(2026, 3, 8, 13, tzinfo=NY)
    assert result.due_at.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=24)
    assert elapsed_business_time(start, result.due_at, cal, TimeUnit.natural_day).seconds == 86_400
    # wall-clock arithmetic would have given 12:00 (23 real hours)
    assert result.due_at != start + timedelta(days=1)


# ---- time zones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "value", "unit"),
    [
        (at(2026, 9, 30, 16), 4, WH),
        (tue(11, 59, 30), 1 / 60, WH),
        (tue(10), 1, WD),
        (at(2026, 10, 9, 23, 30), 3, WD),
        (tue(7, 59), 10, TimeUnit.minute),
        (at(2026, 12, 31, 23), 20, WD),
    ],
)
def test_inputs_in_other_zones_give_the_same_instant(
    start: datetime, value: float, unit: TimeUnit
) -> None:
    expected = add_business_time(start, value, unit, CAL)
    for tz in (UTC, NY, ZoneInfo("Asia/Kolkata")):
        result = add_business_time(start.astimezone(tz), value, unit, CAL)
        assert result == expected
        assert result.due_at.tzinfo == SH
        assert elapsed_business_time(
            start.astimezone(tz), result.due_at.astimezone(UTC), CAL, unit
        ) == elapsed_business_time(start, result.due_at, CAL, unit)


def test_utc_evening_is_the_next_local_morning() -> None:
    # 2026-09-30 23:00 UTC = 2026-10-01 07:00 in Shanghai: a holiday.
    start = datetime(2026, 9, 30, 23, tzinfo=UTC)
    assert due(start, 1) == at(2026, 10, 8, 9, 30)
    start = datetime(2026, 3, 3, 0, 30, tzinfo=UTC)  # 08:30 Shanghai
    assert due(start, 3.5) == at(2026, 3, 3, 12)


def test_a_calendar_in_another_zone() -> None:
    cal = WorkCalendar.create([], [2026], periods=[(time(9), time(17))], tz="Europe/Berlin")
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 3, 3, 16, tzinfo=berlin)
    assert add_business_time(start, 2, WH, cal).due_at == datetime(2026, 3, 4, 10, tzinfo=berlin)
    assert add_business_time(start, 1, WD, cal).due_at == datetime(2026, 3, 4, 16, tzinfo=berlin)


def test_working_periods_that_span_a_dst_switch_are_exact() -> None:
    # A 00:00–12:00 period on the day New York springs forward has 11 real hours.
    cal = WorkCalendar.create([], [2026], periods=[(time(0), time(12))], tz="America/New_York")
    sunday = date(2026, 3, 8)
    cal = WorkCalendar.create([(sunday, True, "值班")], [2026], cal.periods, cal.tz)
    start = datetime(2026, 3, 8, 0, tzinfo=NY)
    end = datetime(2026, 3, 8, 12, tzinfo=NY)
    assert elapsed_business_time(start, end, cal, WH).seconds == 11 * 3600
    assert add_business_time(start, 11, WH, cal).due_at == end
    assert add_business_time(start, 12, WH, cal).due_at == datetime(2026, 3, 9, 1, tzinfo=NY)
    # and the fall-back day has 13
    nov = date(2026, 11, 1)
    cal = WorkCalendar.create([(nov, True, "值班")], [2026], cal.periods, cal.tz)
    start = datetime(2026, 11, 1, 0, tzinfo=NY)
    end = datetime(2026, 11, 1, 12, tzinfo=NY)
    assert elapsed_business_time(start, end, cal, WH).seconds == 13 * 3600


# ---- unknown years and loading a schedule --------------------------------------------------------


def test_twenty_work_days_into_2027_are_provisional_until_2027_is_loaded() -> None:
    start = at(2026, 12, 10, 10)  # Thursday
    before = add_business_time(start, 20, WD, CAL)
    # weekday rule in 2027: Fri 2027-01-01 counts as a working day
    assert before == Deadline(at(2027, 1, 7, 10), provisional=True)
    after = add_business_time(start, 20, WD, CAL27)
    # the example schedule makes 2027-01-01 元旦: one working day later
    assert after == Deadline(at(2027, 1, 8, 10), provisional=False)
    assert elapsed_business_time(start, after.due_at, CAL27, WD).seconds == 20 * 27_000
    assert elapsed_business_time(start, after.due_at, CAL, WD).provisional
    assert not elapsed_business_time(start, after.due_at, CAL27, WD).provisional


def test_provisional_only_when_an_unknown_year_is_used() -> None:
    assert not add_business_time(at(2026, 12, 30, 10), 1, WD, CAL).provisional
    assert add_business_time(at(2026, 12, 31, 10), 1, WD, CAL).provisional  # due 2027-01-01
    assert add_business_time(at(2027, 3, 1, 10), 1, WH, CAL).provisional
    assert add_business_time(at(2027, 3, 1, 10), 1, WH, CAL27).provisional is False
    assert add_business_time(at(2028, 3, 1, 10), 1, WH, CAL27).provisional
    assert add_business_time(at(2003, 3, 3, 10), 1, WH, CAL).provisional
    assert add_business_time(at(2027, 3, 1, 10), 5, TimeUnit.natural_day, CAL).provisional is False
    # a UTC instant on 2026-12-31 that is already 2027 in Shanghai
    assert add_business_time(datetime(2026, 12, 31, 17, tzinfo=UTC), 0, WH, CAL).provisional
    assert (
        elapsed_business_time(at(2026, 12, 1), at(2026, 12, 31, 23), CAL, WH).provisional is False
    )
    assert elapsed_business_time(at(2026, 12, 1), at(2027, 1, 1, 1), CAL, WH).provisional


def test_spring_festival_of_the_example_schedule() -> None:
    # weekday rule: 2027-02-08..02-12 are working days; the example makes them 春节, and
    # Sat 02-20 a 调休 working day.
    start = at(2027, 2, 5, 10)
    assert due(start, 2, WD, CAL) == at(2027, 2, 9, 10)
    assert due(start, 2, WD, CAL27) == at(2027, 2, 16, 10)  # 02-06..02-14 off
    assert due(at(2027, 2, 19, 17), 1, WH, CAL27) == at(2027, 2, 20, 9)


# ---- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [-1, -0.001, math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("-1"), True, "4", None],
)
def test_bad_values_are_refused(value: Any) -> None:
    with pytest.raises(InvalidInput):
        add_business_time(tue(10), value, WH, CAL)
    with pytest.raises(InvalidInput):
        stage_clock(tue(10), value, WH, CAL)


def test_bad_units_and_naive_datetimes_are_refused() -> None:
    with pytest.raises(InvalidInput):
        add_business_time(tue(10), 1, "fortnight", CAL)
    with pytest.raises(InvalidInput):
        add_business_time(datetime(2026, 3, 3, 10), 1, WH, CAL)
    with pytest.raises(InvalidInput):
        elapsed_business_time(tue(10), datetime(2026, 3, 3, 11), CAL, WH)
    with pytest.raises(InvalidInput):
        used_ratio(tue(10), tue(11), datetime(2026, 3, 3, 11), CAL, WH)
    with pytest.raises(InvalidInput):
        stage_clock(tue(10), 1, WH, CAL).light_at(datetime(2026, 3, 3, 11))


def test_huge_limits_are_refused() -> None:
    with pytest.raises(InvalidInput):
        add_business_time(tue(10), 10_001, WD, CAL)
    with pytest.raises(InvalidInput):
        add_business_time(tue(10), 1e300, TimeUnit.natural_hour, CAL)
    with pytest.raises(InvalidInput):
        add_business_time(at(9999, 12, 30), 5, TimeUnit.natural_day, CAL)
    with pytest.raises(InvalidInput):
        add_business_time(at(9999, 12, 30), 5, WD, CAL)
    assert add_business_time(tue(10), 10_000, WD, CAL).provisional


def test_units_parse_and_convert() -> None:
    assert parse_unit("work_hour") is WH
    assert parse_unit(TimeUnit.minute) is TimeUnit.minute
    assert [u for u in TimeUnit if u.is_work] == [WH, WD]
    assert limit_seconds(1, WD, CAL) == 27_000
    assert limit_seconds(Decimal("0.5"), "work_hour", CAL) == 1800
    assert limit_seconds(10, "minute", CAL) == 600
    assert limit_seconds(2, "natural_day", CAL) == 172_800
    with pytest.raises(InvalidInput):
        limit_seconds(-1, WH, CAL)


# ---- elapsed_business_time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "seconds"),
    [
        (tue(10), tue(10), 0),
        (tue(10), tue(11), 3600),
        (tue(11), tue(14), 1.5 * 3600),  # lunch is not counted
        (tue(12), tue(13, 30), 0),
        (tue(17), tue(9, day=1), 3600),  # the night is not counted
        (tue(6), tue(22), 27_000),
        (tue(10), tue(10, day=1), 27_000),
        (at(2026, 3, 6, 17), at(2026, 3, 9, 9), 3600),  # weekend
        (at(2026, 10, 1), at(2026, 10, 8), 0),  # national day
        (at(2026, 10, 10), at(2026, 10, 11), 27_000),  # 调休 Saturday
        (tue(11), tue(10), -3600),  # reversed: negative
    ],
)
def test_elapsed_work_time(start: datetime, end: datetime, seconds: float) -> None:
    result = elapsed_business_time(start, end, CAL, WH)
    assert result.seconds == seconds
    assert not result.provisional
    assert elapsed_business_time(start, end, CAL, WD).seconds == seconds


def _reference_elapsed(start: datetime, end: datetime) -> float:
    """Per-date, per-period sum using chinese_calendar directly (independent of the engine)."""
    total = 0.0
    d = start.astimezone(SH).date()
    while d <= end.astimezone(SH).date():
        if chinese_calendar.is_workday(d):
            for a, b in ((time(8, 30), time(12)), (time(13, 30), time(17, 30))):
                lo = max(datetime.combine(d, a, tzinfo=SH), start)
                hi = min(datetime.combine(d, b, tzinfo=SH), end)
                if hi > lo:
                    total += (hi - lo).total_seconds()
        d += timedelta(days=1)
    return total


def test_elapsed_matches_an_independent_reference() -> None:
    rng = random.Random(20261121)
    base = at(2025, 12, 1)
    for _ in range(400):
        start = base + timedelta(seconds=rng.randrange(0, 330 * 86_400))
        end = start + timedelta(seconds=rng.randrange(0, 30 * 86_400))
        assert work_s(start, end) == _reference_elapsed(start, end), (start, end)


def _random_starts(rng: random.Random, n: int) -> list[datetime]:
    base = at(2025, 12, 15)
    starts = [base + timedelta(seconds=rng.randrange(0, 560 * 86_400)) for _ in range(n)]
    # and instants right on the working-period edges
    for _ in range(n // 4):
        d = base + timedelta(days=rng.randrange(0, 560))
        hh, mm = rng.choice([(8, 30), (12, 0), (13, 30), (17, 30)])
        starts.append(d.replace(hour=hh, minute=mm) + timedelta(seconds=rng.choice([-1, 0, 1])))
    return starts


@pytest.mark.parametrize("cal", [CAL, CAL27], ids=["2027-unknown", "2027-loaded"])
def test_elapsed_is_the_inverse_of_add(cal: WorkCalendar) -> None:
    rng = random.Random(47678)
    for start in _random_starts(rng, 1200):
        unit = rng.choice(list(TimeUnit))
        value = rng.choice(
            [rng.randrange(0, 30), round(rng.uniform(0, 25), 6), rng.randrange(0, 3)]
        )
        result = add_business_time(start, value, unit, cal)
        budget = limit_seconds(value, unit, cal)
        elapsed = elapsed_business_time(start, result.due_at, cal, unit)
        assert elapsed.seconds == pytest.approx(budget, abs=1e-6), (start, value, unit)
        assert elapsed.provisional == result.provisional
        assert result.due_at >= start
        if budget > 0:
            # earliest instant: one microsecond earlier the limit is not yet used up
            just_before = result.due_at - timedelta(microseconds=1)
            assert elapsed_business_time(start, just_before, cal, unit).seconds < budget
            if unit.is_work:
                # due instants lie inside or at the end of a working period
                d = cal.local_date(just_before)
                assert any(a <= just_before < b for a, b in cal.periods_on(d))


def test_add_is_monotonic_in_value_and_start() -> None:
    rng = random.Random(7)
    for start in _random_starts(rng, 200):
        values = sorted(rng.uniform(0, 40) for _ in range(5))
        dues = [due(start, v) for v in values]
        assert dues == sorted(dues)
        later = start + timedelta(seconds=rng.randrange(1, 86_400))
        assert due(later, values[0]) >= dues[0]


def test_elapsed_is_additive() -> None:
    rng = random.Random(11)
    for start in _random_starts(rng, 200):
        mid = start + timedelta(seconds=rng.randrange(0, 10 * 86_400))
        end = mid + timedelta(seconds=rng.randrange(0, 10 * 86_400))
        assert work_s(start, end) == work_s(start, mid) + work_s(mid, end)


# ---- used ratio and lights -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (0.0, Light.green),
        (0.5, Light.green),
        (0.8, Light.green),
        (0.8000001, Light.yellow),
        (0.95, Light.yellow),
        (1.0, Light.yellow),
        (1.0000001, Light.red),
        (3.0, Light.red),
        (math.inf, Light.red),
    ],
)
def test_light_thresholds(ratio: float, expected: Light) -> None:
    assert light(ratio) is expected


def test_light_custom_thresholds_and_bad_input() -> None:
    assert light(0.6, yellow=0.5) is Light.yellow
    assert light(1.1, red=1.2) is Light.yellow
    assert light(1.3, red=1.2) is Light.red
    assert light(0.5, yellow=0.5, red=0.5) is Light.green
    assert light(0.6, yellow=0.5, red=0.5) is Light.red
    for bad in ({"yellow": 1.1}, {"yellow": -0.1}, {"red": math.nan}, {"yellow": math.inf}):
        with pytest.raises(InvalidInput):
            light(0.5, **bad)
    with pytest.raises(InvalidInput):
        light(math.nan)


def test_used_ratio_in_work_time() -> None:
    start = tue(8, 30)
    end = due(start, 4)  # 14:00
    assert end == tue(14)
    assert used_ratio(start, end, tue(8, 30), CAL, WH) == 0
    assert used_ratio(start, end, tue(7), CAL, WH) == 0  # before the start
    assert used_ratio(start, end, tue(10, 30), CAL, WH) == 0.5
    assert used_ratio(start, end, tue(11, 42), CAL, WH) == pytest.approx(0.8)
    assert light(used_ratio(start, end, tue(11, 42), CAL, WH)) is Light.green
    assert light(used_ratio(start, end, tue(11, 43), CAL, WH)) is Light.yellow
    assert used_ratio(start, end, tue(12, 45), CAL, WH) == pytest.approx(3.5 / 4)  # lunch
    assert used_ratio(start, end, tue(14), CAL, WH) == 1.0
    assert light(used_ratio(start, end, tue(14, 0, 1), CAL, WH)) is Light.red
    assert used_ratio(start, end, tue(17, 30), CAL, WH) == 7.5 / 4


def test_used_ratio_with_pause_and_natural_units() -> None:
    start = tue(8, 30)
    # a 4 h limit with 1 working hour suspended: due 15:00
    end = due(start, 5)
    assert used_ratio(start, end, tue(15), CAL, WH, paused_seconds=3600) == 1.0
    assert used_ratio(start, end, tue(10, 30), CAL, WH, paused_seconds=3600) == 0.25
    assert used_ratio(start, end, tue(9), CAL, WH, paused_seconds=3600) == 0  # clamped
    nat_end = tue(10, 30)
    assert used_ratio(start, nat_end, tue(12, 30), CAL, TimeUnit.natural_hour) == 2.0
    with pytest.raises(InvalidInput):
        used_ratio(start, end, tue(10), CAL, WH, paused_seconds=-1)


def test_used_ratio_with_a_zero_limit() -> None:
    start = tue(20)
    assert used_ratio(start, start, tue(23), CAL, WH) == 1.0  # no working time has passed
    assert used_ratio(start, start, tue(9, day=1), CAL, WH) == math.inf
    assert light(used_ratio(start, start, tue(9, day=1), CAL, WH)) is Light.red


# ---- stage clocks: extensions, suspensions, thresholds --------------------------------------------


def test_stage_clock_thresholds() -> None:
    clock = stage_clock(tue(8, 30), 4, WH, CAL)
    assert clock.due_at == clock.red_at == tue(14)
    assert clock.yellow_at == tue(11, 42)  # 80 % of 4 h = 3.2 h
    assert clock.budget_seconds == 4 * 3600 and clock.suspended_seconds == 0
    assert not clock.provisional
    assert clock.light_at(tue(11, 42)) is Light.green
    assert clock.light_at(tue(11, 42, 1)) is Light.yellow
    assert clock.light_at(tue(14)) is Light.yellow
    assert clock.light_at(tue(14, 0, 1)) is Light.red
    assert clock.next_threshold(tue(9)) == tue(11, 42)
    assert clock.next_threshold(tue(11, 42)) == tue(11, 42)
    assert clock.next_threshold(tue(12)) == tue(14)
    assert clock.next_threshold(tue(14)) == tue(14)
    assert clock.next_threshold(tue(14, 0, 1)) is None
    # in UTC too
    assert clock.light_at(tue(14, 0, 1).astimezone(UTC)) is Light.red


def test_stage_clock_agrees_with_the_ratio_while_the_clock_runs() -> None:
    rng = random.Random(3)
    clock = stage_clock(tue(10), 2, WD, CAL)
    for _ in range(300):
        now = tue(10) + timedelta(seconds=rng.randrange(0, 5 * 86_400))
        ratio = used_ratio(clock.start, clock.due_at, now, CAL, WD)
        if any(a < now <= b for a, b in CAL.periods_on(CAL.local_date(now))):
            assert clock.light_at(now) is light(ratio), now


def test_exact_boundary_due_is_overdue_in_the_gap_after_it() -> None:
    # A 3.5 h limit from 08:30 is due at 12:00. During lunch the ratio stays exactly 1.0
    # (no working time passes), but the stage is overdue: overdue means now > due_at.
    clock = stage_clock(tue(8, 30), 3.5, WH, CAL)
    assert clock.due_at == tue(12)
    assert used_ratio(clock.start, clock.due_at, tue(12, 30), CAL, WH) == 1.0
    assert clock.light_at(tue(12, 30)) is Light.red


def test_extension_hours_are_in_the_units_family() -> None:
    # work units: 1 work day from Tue 10:00 = Wed 10:00, + 2 work hours = Wed 12:00 (not 13:30)
    assert stage_clock(tue(10), 1, WD, CAL, extension_hours=2).due_at == tue(12, day=1)
    assert stage_clock(tue(10), 1, WD, CAL, extension_hours=3).due_at == tue(14, 30, day=1)
    # extensions across the night
    assert stage_clock(tue(16), 1, WH, CAL, extension_hours=1).due_at == tue(9, day=1)
    # natural units: natural hours
    assert stage_clock(tue(16), 1, TimeUnit.natural_hour, CAL, extension_hours=1).due_at == tue(18)
    assert stage_clock(
        tue(16), 30, TimeUnit.minute, CAL, extension_hours=Decimal("0.5")
    ).due_at == tue(17)
    clock = stage_clock(tue(8, 30), 2, WH, CAL, extension_hours=2)
    assert clock.budget_seconds == 4 * 3600
    assert clock.yellow_at == tue(11, 42)  # thresholds use limit + extension


def test_suspension_moves_the_due_by_the_suspended_business_time() -> None:
    start = tue(8, 30)
    # suspended Tue 11:00 → Wed 09:00: 1 h + 4 h + 0.5 h = 5.5 working hours
    pause = paused_business_time([(tue(11), tue(9, day=1))], tue(12, day=1), CAL, WH)
    assert pause.seconds == 5.5 * 3600 and not pause.provisional
    clock = stage_clock(start, 4, WH, CAL, suspended_seconds=pause.seconds)
    # without suspension due Tue 14:00; with it 5.5 h later: Tue 14:00 → 17:30 (3.5 h) → Wed 10:30
    assert clock.due_at == tue(10, 30, day=1)
    assert elapsed_business_time(start, clock.due_at, CAL, WH).seconds - pause.seconds == 4 * 3600
    assert clock.suspended_seconds == 5.5 * 3600
    assert clock.yellow_at == tue(9, 42, day=1)
    assert clock.light_at(tue(9, 42, day=1)) is Light.green
    now = tue(10, day=1)
    ratio = used_ratio(start, clock.due_at, now, CAL, WH, paused_seconds=pause.seconds)
    assert ratio == pytest.approx(3.5 / 4)
    assert clock.light_at(now) is light(ratio) is Light.yellow


def test_suspension_and_extension_together_in_natural_time() -> None:
    start = tue(10)
    pause = paused_business_time(
        [(tue(11), tue(12)), (tue(13), None)], tue(13, 30), CAL, TimeUnit.natural_hour
    )
    assert pause.seconds == 1.5 * 3600
    clock = stage_clock(
        start, 2, TimeUnit.natural_hour, CAL, extension_hours=1, suspended_seconds=pause.seconds
    )
    assert clock.due_at == tue(14, 30)
    assert not clock.provisional


def test_paused_business_time_over_a_holiday_and_bad_intervals() -> None:
    pause = paused_business_time([(at(2026, 9, 30, 17), at(2026, 10, 8, 9))], tue(10), CAL, WD)
    assert pause.seconds == 3600  # 0.5 h on 09-30, 0.5 h on 10-08
    assert paused_business_time([], tue(10), CAL, WH).seconds == 0
    with pytest.raises(InvalidInput):
        paused_business_time([(tue(11), tue(10))], tue(12), CAL, WH)
    with pytest.raises(InvalidInput):
        paused_business_time([(datetime(2026, 3, 3, 10), None)], tue(12), CAL, WH)


def test_custom_red_threshold_and_provisional_stage() -> None:
    clock = stage_clock(tue(8, 30), 4, WH, CAL, yellow=0.5, red=1.25)
    assert clock.yellow_at == tue(10, 30)
    assert clock.due_at == tue(14)
    assert clock.red_at == tue(15)
    assert clock.light_at(tue(14, 30)) is Light.yellow
    assert clock.next_threshold(tue(14, 30)) == tue(15)
    late = stage_clock(at(2026, 12, 28, 10), 5, WD, CAL)
    assert late.provisional
    assert not stage_clock(at(2026, 12, 28, 10), 5, WD, CAL27).provisional
    with pytest.raises(InvalidInput):
        stage_clock(tue(10), 1, WH, CAL, yellow=1.5)
    with pytest.raises(InvalidInput):
        stage_clock(tue(10), 1, WH, CAL, extension_hours=-1)
    with pytest.raises(InvalidInput):
        stage_clock(tue(10), 1, WH, CAL, suspended_seconds=math.nan)


def test_zero_limit_stage() -> None:
    clock = stage_clock(tue(20), 0, WH, CAL)
    assert clock.due_at == clock.yellow_at == clock.red_at == tue(20)
    assert clock.light_at(tue(20)) is Light.green
    assert clock.light_at(tue(20, 0, 1)) is Light.red


# ---- performance ------------------------------------------------------------------------------------


def test_twenty_work_days_is_fast() -> None:
    start = at(2026, 9, 14, 10)
    add_business_time(start, 20, WD, CAL)  # warm the per-date memo
    best = math.inf
    for _ in range(5):
        t0 = timer.perf_counter()
        for _ in range(200):
            add_business_time(start, 20, WD, CAL)
        best = min(best, (timer.perf_counter() - t0) / 200)
    assert best < 1e-4, f"{best * 1e6:.1f} µs per call"


def test_lights_compare_instants_not_wall_clock_times() -> None:
    # New York falls back on 2026-11-01: 01:00–02:00 happens twice.
    cal = WorkCalendar.create([], [2026], tz="America/New_York")
    start = datetime(2026, 11, 1, 0, 30, tzinfo=NY)
    clock = stage_clock(start, 1, TimeUnit.natural_hour, cal)
    assert clock.due_at == datetime(2026, 11, 1, 1, 30, tzinfo=NY)  # the first 01:30 (EDT)
    second_0115 = datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=NY)  # EST: after the due instant
    assert clock.light_at(second_0115) is Light.red
    assert clock.next_threshold(second_0115) is None
    # 30 min of EDT to 01:00, the repeated hour, then 15 min
    assert elapsed_business_time(start, second_0115, cal, TimeUnit.natural_hour).seconds == 6_300
