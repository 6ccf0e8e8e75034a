"""The working calendar: chinese-calendar seeding, 调休, known years, schedule files (pure)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from app.cases.time.calendar import (
    CALENDAR_DIR,
    DEFAULT_PERIODS,
    DayKind,
    DayOverride,
    WorkCalendar,
    YearSchedule,
    chinese_calendar_schedules,
    default_calendar,
    dump_schedule_csv,
    dump_schedule_json,
    load_schedule,
    make_override,
    parse_schedule_csv,
    parse_schedule_json,
)
from app.core.errors import InvalidInput

SH = ZoneInfo("Asia/Shanghai")
EXAMPLE_2027 = CALENDAR_DIR / "2027.example.json"
CAL = default_calendar()


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# ---- seeding from chinese-calendar --------------------------------------------------------------


def test_known_years_are_the_packages_2004_to_2026() -> None:
    assert CAL.known_years == frozenset(range(2004, 2027))
    assert CAL.knows(2026)
    assert not CAL.knows(2027)
    assert not CAL.knows(2003)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))


def test_every_known_date_agrees_with_chinese_calendar() -> None:
    for d in _dates(date(2004, 1, 1), date(2026, 12, 31)):
        info = CAL.day(d)
        assert info.is_workday == chinese_calendar.is_workday(d), d
        assert CAL.is_workday(d) == info.is_workday
        assert not info.provisional
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
        if info.kind is DayKind.holiday:
            assert on_holiday and name is not None
        elif info.kind is DayKind.makeup_workday:
            assert not on_holiday and name is not None and d.weekday() >= 5
            assert info.reason.endswith("调休")
        elif info.kind is DayKind.weekend:
            assert on_holiday and name is None and info.reason == "周末"
        else:
            assert not on_holiday and d.weekday() < 5 and info.reason == "工作日"


def test_2026_national_day_week_with_its_tiaoxiu_days() -> None:
    expected = {
        date(2026, 9, 19): (False, DayKind.weekend, "周末"),
        date(2026, 9, 20): (True, DayKind.makeup_workday, "国庆节调休"),  # Sunday
        date(2026, 9, 24): (True, DayKind.workday, "工作日"),
        date(2026, 9, 25): (False, DayKind.holiday, "中秋节"),  # Friday
        date(2026, 9, 26): (False, DayKind.holiday, "中秋节"),
        date(2026, 9, 27): (False, DayKind.holiday, "中秋节"),
        date(2026, 9, 28): (True, DayKind.workday, "工作日"),
        date(2026, 9, 30): (True, DayKind.workday, "工作日"),
        **{
            date(2026, 10, k): (False, DayKind.holiday, "国庆节")
            for k in range(1, 8)  # Thursday 1st to Wednesday 7th
        },
        date(2026, 10, 8): (True, DayKind.workday, "工作日"),
        date(2026, 10, 9): (True, DayKind.workday, "工作日"),
        date(2026, 10, 10): (True, DayKind.makeup_workday, "国庆节调休"),  # Saturday
        date(2026, 10, 11): (False, DayKind.weekend, "周末"),
    }
    for d, (is_workday, kind, reason) in expected.items():
        info = CAL.day(d)
        assert (info.is_workday, info.kind, info.reason) == (is_workday, kind, reason), d
        assert chinese_calendar.is_workday(d) == is_workday


def test_2026_schedule_rows() -> None:
    rows = CAL.rows(2026)
    workdays = [o.day for o in rows if o.is_workday]
    assert workdays == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]
    names = {o.reason for o in rows if not o.is_workday}
    assert names == {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}
    assert all(o.day.year == 2026 for o in rows)
    assert [o.day for o in rows] == sorted(o.day for o in rows)


def test_chinese_calendar_schedules_cover_contiguous_years() -> None:
    schedules = chinese_calendar_schedules()
    assert [s.year for s in schedules] == list(range(2004, 2027))
    assert all(s.source.startswith("chinese-calendar") for s in schedules)
    assert all(o.day.year == s.year for s in schedules for o in s.overrides)
    reasons = {o.reason for s in schedules for o in s.overrides}
    assert "抗战胜利70周年纪念日" in reasons
    assert default_calendar() is CAL


# ---- unknown years -----------------------------------------------------------------------------


def test_unknown_year_follows_the_weekday_rule_and_is_provisional() -> None:
    for d in _dates(date(2027, 1, 1), date(2027, 1, 14)):
        info = CAL.day(d)
        assert info.provisional
        assert info.is_workday == (d.weekday() < 5)
        assert info.kind is (DayKind.workday if d.weekday() < 5 else DayKind.weekend)
    assert CAL.day(date(2003, 10, 1)).provisional
    assert CAL.day(date(2003, 10, 1)).is_workday  # 2003 is not known: weekday rule
    assert CAL.rows(2027) == ()


def test_loading_a_year_makes_it_known_and_applies_holidays_and_tiaoxiu() -> None:
    schedule = load_schedule(EXAMPLE_2027)
    assert schedule.year == 2027
    assert "示例" in schedule.source
    cal = CAL.with_schedule(schedule)
    assert cal.knows(2027)
    assert cal.known_years == CAL.known_years | {2027}
    new_year = cal.day(date(2027, 1, 1))  # a Friday
    assert (new_year.is_workday, new_year.kind, new_year.reason) == (False, DayKind.holiday, "元旦")
    assert not new_year.provisional
    makeup = cal.day(date(2027, 2, 20))  # a Saturday
    assert (makeup.is_workday, makeup.kind, makeup.reason) == (
        True,
        DayKind.makeup_workday,
        "春节调休",
    )
    assert cal.day(date(2027, 1, 4)).kind is DayKind.workday
    assert cal.day(date(2027, 1, 9)).kind is DayKind.weekend
    # the rest of the calendar is unchanged, and the original calendar is untouched
    assert cal.rows(2026) == CAL.rows(2026)
    assert CAL.is_workday(date(2027, 1, 1))
    assert not CAL.knows(2027)
    assert cal.periods == CAL.periods and cal.tz == CAL.tz


def test_loading_a_year_again_replaces_its_rows() -> None:
    cal = CAL.with_schedule(load_schedule(EXAMPLE_2027))
    corrected = YearSchedule(2027, (DayOverride(date(2027, 1, 1), False, "元旦"),), "corrected")
    cal2 = cal.with_schedule(corrected)
    assert cal2.rows(2027) == corrected.overrides
    assert cal2.is_workday(date(2027, 2, 8))  # 春节 of the first load is gone
    assert not cal.is_workday(date(2027, 2, 8))


def test_replacing_a_known_year_from_a_file() -> None:
    corrected = YearSchedule(2026, (DayOverride(date(2026, 10, 1), False, "国庆节"),))
    cal = CAL.with_schedule(corrected)
    assert cal.is_workday(date(2026, 10, 2))
    assert cal.knows(2026)
    assert cal.rows(2025) == CAL.rows(2025)


# ---- rows round-trip ----------------------------------------------------------------------------


def test_rows_round_trip_to_an_identical_calendar() -> None:
    cal = CAL.with_schedule(load_schedule(EXAMPLE_2027))
    rows = [(o.day, o.is_workday, o.reason) for o in cal.rows()]
    rebuilt = WorkCalendar.create(rows, cal.known_years)
    assert rebuilt.rows() == cal.rows()
    assert rebuilt.known_years == cal.known_years
    for d in _dates(date(2025, 12, 1), date(2027, 3, 1)):
        assert rebuilt.day(d) == cal.day(d)


def test_create_accepts_override_objects_and_tuples() -> None:
    cal = WorkCalendar.create(
        [DayOverride(date(2030, 1, 1), False, "元旦"), (date(2030, 1, 5), True, "调休")], [2030]
    )
    assert not cal.is_workday(date(2030, 1, 1))
    assert cal.day(date(2030, 1, 5)).kind is DayKind.makeup_workday
    assert not cal.day(date(2030, 1, 5)).provisional


def test_weekday_override_kinds() -> None:
    cal = WorkCalendar.create(
        [(date(2030, 1, 2), True, "确认工作日"), (date(2030, 1, 3), False, "临时休息")], [2030]
    )
    assert cal.day(date(2030, 1, 2)).kind is DayKind.workday
    assert cal.day(date(2030, 1, 2)).reason == "确认工作日"
    assert cal.day(date(2030, 1, 3)).kind is DayKind.holiday


@pytest.mark.parametrize(
    "rows",
    [
        [(date(2030, 1, 1), False, "元旦"), (date(2030, 1, 1), True, "调休")],
        [(date(2030, 1, 1), False, "")],
        [(date(2030, 1, 1), False, "   ")],
        [(date(2030, 1, 1), "no", "元旦")],
        [(datetime(2030, 1, 1), False, "元旦")],
        [("2030-01-01", False, "元旦")],
        [(date(2030, 1, 1), False, "长" * 65)],
        [(date(2030, 1, 1), False)],
        ["2030-01-01,false,元旦"],
    ],
)
def test_create_rejects_bad_rows(rows: Any) -> None:
    with pytest.raises(InvalidInput):
        WorkCalendar.create(rows, [2030])


def test_make_override_strips_reason() -> None:
    assert make_override(date(2030, 1, 1), False, " 元旦 ") == DayOverride(
        date(2030, 1, 1), False, "元旦"
    )


@pytest.mark.parametrize("years", [[0], [10000], [True], ["2026"]])
def test_create_rejects_bad_known_years(years: Any) -> None:
    with pytest.raises(InvalidInput):
        WorkCalendar.create([], years)


# ---- periods and time zone ---------------------------------------------------------------------


def test_default_periods_and_timezone() -> None:
    assert CAL.periods == DEFAULT_PERIODS == ((time(8, 30), time(12)), (time(13, 30), time(17, 30)))
    assert CAL.workday_seconds == 27_000
    assert CAL.tz == SH
    periods = CAL.periods_on(date(2026, 3, 3))
    assert periods == (
        (datetime(2026, 3, 3, 8, 30, tzinfo=SH), datetime(2026, 3, 3, 12, tzinfo=SH)),
        (datetime(2026, 3, 3, 13, 30, tzinfo=SH), datetime(2026, 3, 3, 17, 30, tzinfo=SH)),
    )
    assert all(a.tzinfo == SH for a, _ in periods)
    assert CAL.periods_on(date(2026, 10, 1)) == ()
    assert CAL.periods_on(date(2026, 10, 10)) != ()


def test_local_date_uses_the_calendar_timezone() -> None:
    utc = ZoneInfo("UTC")
    assert CAL.local_date(datetime(2026, 9, 30, 16, 30, tzinfo=utc)) == date(2026, 10, 1)
    assert CAL.local_date(datetime(2026, 9, 30, 15, 59, tzinfo=utc)) == date(2026, 9, 30)


def test_custom_periods_and_timezone() -> None:
    cal = WorkCalendar.create([], [2026], periods=[(time(9), time(17))], tz="Europe/Berlin")
    assert cal.workday_seconds == 8 * 3600
    assert cal.periods_on(date(2026, 3, 3)) == (
        (
            datetime(2026, 3, 3, 9, tzinfo=ZoneInfo("Europe/Berlin")),
            datetime(2026, 3, 3, 17, tzinfo=ZoneInfo("Europe/Berlin")),
        ),
    )
    assert WorkCalendar.create([], [], tz=SH).tz is SH


def test_touching_periods_are_allowed() -> None:
    cal = WorkCalendar.create([], [], periods=[(time(8), time(12)), (time(12), time(13, 0, 30))])
    assert cal.workday_seconds == 5 * 3600 + 30


@pytest.mark.parametrize(
    "periods",
    [
        [],
        [(time(12), time(8))],
        [(time(8), time(8))],
        [(time(13), time(17)), (time(8), time(12))],
        [(time(8), time(12)), (time(11), time(17))],
        [(time(8, tzinfo=SH), time(12))],
        [(time(8, 0, 0, 5), time(12))],
        [("08:00", "12:00")],
        [(time(8),)],
        [time(8)],
    ],
)
def test_bad_periods_are_refused(periods: list[tuple[time, time]]) -> None:
    with pytest.raises(InvalidInput):
        WorkCalendar.create([], [], periods=periods)


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(InvalidInput):
        WorkCalendar.create([], [], tz="Mars/Olympus_Mons")


# ---- schedule files -----------------------------------------------------------------------------


def test_example_file_expands_ranges() -> None:
    schedule = load_schedule(EXAMPLE_2027)
    days = {o.day: o for o in schedule.overrides}
    assert [d for d, o in days.items() if o.reason == "元旦"] == _dates(
        date(2027, 1, 1), date(2027, 1, 3)
    )
    assert len([o for o in schedule.overrides if o.reason == "春节"]) == 8
    assert days[date(2027, 2, 20)].is_workday
    assert [o.day for o in schedule.overrides] == sorted(days)


def test_json_round_trip() -> None:
    schedule = load_schedule(EXAMPLE_2027)
    again = parse_schedule_json(dump_schedule_json(schedule))
    assert again == schedule
    doc = json.loads(dump_schedule_json(schedule))
    assert doc["days"][0] == {"date": "2027-01-01", "is_workday": False, "reason": "元旦"}


def test_csv_round_trip_and_file(tmp_path: Path) -> None:
    schedule = load_schedule(EXAMPLE_2027)
    text = dump_schedule_csv(schedule)
    assert text.splitlines()[0] == "date,is_workday,reason"
    assert parse_schedule_csv(text).overrides == schedule.overrides
    path = tmp_path / "2027.csv"
    path.write_text("\ufeff" + text, encoding="utf-8")
    loaded = load_schedule(path)
    assert loaded.overrides == schedule.overrides
    assert loaded.year == 2027
    assert loaded.source == "2027.csv"


def test_the_2026_package_rows_round_trip_through_both_formats() -> None:
    schedule = YearSchedule(2026, CAL.rows(2026), "chinese-calendar")
    assert parse_schedule_json(dump_schedule_json(schedule)) == schedule
    assert parse_schedule_csv(dump_schedule_csv(schedule)).overrides == schedule.overrides


def test_csv_boolean_spellings() -> None:
    text = "date,is_workday,reason\n2027-01-01,休,元旦\n2027-02-20,班,春节调休\n2027-01-02,0,元旦\n2027-01-03,FALSE,元旦\n"
    schedule = parse_schedule_csv(text)
    assert [o.is_workday for o in schedule.overrides] == [False, False, False, True]


def _json(days: object, year: object = 2027, **extra: object) -> str:
    return json.dumps({"year": year, "days": days, **extra}, ensure_ascii=False)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        json.dumps({"year": 2027}),
        _json([], year="2027"),
        _json([], year=True),
        _json([], source=5),
        _json(["2027-01-01"]),
        _json([{"date": "2027-01-01", "is_workday": False}]),
        _json([{"date": "2027-01-01", "is_workday": "maybe", "reason": "元旦"}]),
        _json([{"date": "2027-13-01", "is_workday": False, "reason": "元旦"}]),
        _json([{"date": 20270101, "is_workday": False, "reason": "元旦"}]),
        _json([{"date": "2026-12-31", "is_workday": False, "reason": "元旦"}]),
        _json(
            [
                {"date": "2027-01-01", "is_workday": False, "reason": "元旦"},
                {"from": "2027-01-01", "to": "2027-01-02", "is_workday": False, "reason": "元旦"},
            ]
        ),
        _json([{"date": "2027-01-01", "is_workday": False, "reason": "元旦", "note": "x"}]),
        _json(
            [{"date": "2027-01-01", "from": "2027-01-01", "is_workday": False, "reason": "元旦"}]
        ),
        _json([{"from": "2027-01-03", "to": "2027-01-01", "is_workday": False, "reason": "元旦"}]),
        _json([{"from": "2027-01-01", "to": "2027-03-01", "is_workday": False, "reason": "元旦"}]),
        _json([{"from": "2027-01-01", "is_workday": False, "reason": "元旦"}]),
    ],
)
def test_bad_json_schedules_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_schedule_json(text)


def test_empty_json_schedule_marks_the_year_known() -> None:
    schedule = parse_schedule_json(_json([]))
    assert schedule == YearSchedule(2027, (), "")
    assert CAL.with_schedule(schedule).knows(2027)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "day,workday,why\n2027-01-01,false,元旦\n",
        "date,is_workday,reason\n",
        "date,is_workday,reason\n2027-01-01,false,元旦\n2028-01-01,false,元旦\n",
        "date,is_workday,reason\n2027-01-01,false,元旦\n2027-01-01,false,元旦\n",
        "date,is_workday,reason\n2027-01-01,false,\n",
        "date,is_workday,reason\n2027-01-01,perhaps,元旦\n",
        "date,is_workday,reason\n01/01/2027,false,元旦\n",
    ],
)
def test_bad_csv_schedules_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_schedule_csv(text)


def test_csv_with_explicit_year_checks_dates() -> None:
    with pytest.raises(InvalidInput):
        parse_schedule_csv("date,is_workday,reason\n2027-01-01,false,元旦\n", year=2028)
    assert parse_schedule_csv("date,is_workday,reason\n", year=2028).year == 2028


def test_load_schedule_refuses_other_suffixes_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "2027.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInput):
        load_schedule(path)
    with pytest.raises(InvalidInput):
        load_schedule(tmp_path / "missing.json")
    binary = tmp_path / "bad.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InvalidInput):
        load_schedule(binary)
