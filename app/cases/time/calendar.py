"""The working calendar (工作日历): per-date working days, working periods and known years (pure).

A date is a working day by the weekday rule (Monday–Friday) unless an override row says otherwise:
holidays (节假日, including those falling on weekends, so they carry a name) and 调休 make-up
workdays on weekends come from the State Council schedule. A calendar *knows* a year when that
year's schedule is loaded; dates in other years follow the weekday rule and every result computed
from them is flagged provisional. No database access here: the calendar is built from rows
`(date, is_workday, reason)` that round-trip through `WorkCalendar.rows()`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import chinese_calendar

from app.core.config import DATA_DIR
from app.core.errors import InvalidInput

CALENDAR_DIR = DATA_DIR / "calendar"
DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_PERIODS: tuple[tuple[time, time], ...] = (
    (time(8, 30), time(12, 0)),
    (time(13, 30), time(17, 30)),
)
REASON_WEEKDAY = "工作日"
REASON_WEEKEND = "周末"
MAKEUP_SUFFIX = "调休"
MAX_REASON_LENGTH = 64

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_DAY_US = 86_400_000_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()

# chinese-calendar names its holidays in English; the State Council notice uses these names.
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


class DayKind(StrEnum):
    """What a date is: derived from the weekday and the override row, never stored."""

    workday = "workday"
    weekend = "weekend"
    holiday = "holiday"
    makeup_workday = "makeup_workday"


@dataclass(frozen=True, slots=True)
class DayOverride:
    """One schedule row: on `day` the working status is `is_workday`, because of `reason`."""

    day: date
    is_workday: bool
    reason: str


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """The working status of one date and why; `provisional` when its year is not known."""

    day: date
    is_workday: bool
    kind: DayKind
    reason: str
    provisional: bool


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """One year's State Council schedule: the override rows of `year` and where they came from."""

    year: int
    overrides: tuple[DayOverride, ...]
    source: str = ""


def _is_weekend(d: date) -> bool:
    return d.weekday() >= 5


def _check_reason(reason: object, where: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput(f"{where}：缺少原因（节日名称或“调休”）", field="reason")
    reason = reason.strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidInput(f"{where}：原因过长（最多 {MAX_REASON_LENGTH} 字）", field="reason")
    return reason


def make_override(day: date, is_workday: bool, reason: str) -> DayOverride:
    """Return a validated override row; raise InvalidInput for a non-date, non-bool or empty reason."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise InvalidInput("日期无效", field="date", value=str(day))
    if not isinstance(is_workday, bool):
        raise InvalidInput(f"{day}：is_workday 必须为 true/false", field="is_workday")
    return DayOverride(day, is_workday, _check_reason(reason, str(day)))


def _check_periods(periods: Iterable[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    try:
        out = tuple((s, e) for s, e in periods)
    except (TypeError, ValueError) as exc:
        raise InvalidInput("工作时段必须是 (开始, 结束) 时间对的列表", field="periods") from exc
    if not out:
        raise InvalidInput("工作时段不能为空", field="periods")
    previous_end: time | None = None
    for start, end in out:
        if not isinstance(start, time) or not isinstance(end, time):
            raise InvalidInput("工作时段必须是时间", field="periods")
        if start.tzinfo is not None or end.tzinfo is not None:
            raise InvalidInput("工作时段是日历时区的本地时间，不能带时区", field="periods")
        if start.microsecond or end.microsecond:
            raise InvalidInput("工作时段精确到秒即可", field="periods")
        if not start < end:
            raise InvalidInput(f"工作时段 {start}–{end} 的开始必须早于结束", field="periods")
        if previous_end is not None and start < previous_end:
            raise InvalidInput("工作时段必须按时间顺序排列且互不重叠", field="periods")
        previous_end = end
    return out


def _check_timezone(tz: str | tzinfo) -> tzinfo:
    if isinstance(tz, tzinfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise InvalidInput(f"未知时区：{tz}", field="timezone") from exc


@dataclass(frozen=True, eq=False)
class WorkCalendar:
    """An immutable working calendar; build it with `WorkCalendar.create` or `default_calendar`."""

    overrides: Mapping[date, DayOverride]
    known_years: frozenset[int]
    periods: tuple[tuple[time, time], ...] = DEFAULT_PERIODS
    tz: tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    # Per-date memo of working intervals in UTC microseconds: derived data, safe to share.
    _memo: dict[int, tuple[tuple[tuple[int, int], ...], int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _offsets: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        offsets = tuple((_time_us(s), _time_us(e)) for s, e in self.periods)
        object.__setattr__(self, "_offsets", offsets)

    @classmethod
    def create(
        cls,
        overrides: Iterable[DayOverride | tuple[date, bool, str]] = (),
        known_years: Iterable[int] = (),
        periods: Iterable[tuple[time, time]] = DEFAULT_PERIODS,
        tz: str | tzinfo = DEFAULT_TIMEZONE,
    ) -> WorkCalendar:
        """Return a validated calendar; raise InvalidInput on bad rows, duplicate dates or periods."""
        table: dict[date, DayOverride] = {}
        for row in overrides:
            if isinstance(row, DayOverride):
                o = make_override(row.day, row.is_workday, row.reason)
            elif isinstance(row, tuple) and len(row) == 3:
                o = make_override(*row)
            else:
                raise InvalidInput("日历行必须是 (date, is_workday, reason)", value=repr(row))
            if o.day in table:
                raise InvalidInput(f"{o.day}：日期重复", field="date", value=o.day.isoformat())
            table[o.day] = o
        years = frozenset(known_years)
        if any(not isinstance(y, int) or isinstance(y, bool) or not 1 <= y <= 9998 for y in years):
            raise InvalidInput("已知年份无效", field="known_years")
        return cls(
            overrides=MappingProxyType(table),
            known_years=years,
            periods=_check_periods(periods),
            tz=_check_timezone(tz),
        )

    # ---- dates -------------------------------------------------------------------------------

    def knows(self, year: int) -> bool:
        """Return True when `year`'s schedule is loaded (its dates are not provisional)."""
        return year in self.known_years

    def is_workday(self, day: date) -> bool:
        """Return whether `day` is a working day (override row first, else Monday–Friday)."""
        o = self.overrides.get(day)
        return o.is_workday if o is not None else not _is_weekend(day)

    def day(self, day: date) -> CalendarDay:
        """Return the working status of `day`, its kind, its reason and whether it is provisional."""
        provisional = day.year not in self.known_years
        o = self.overrides.get(day)
        if o is None:
            weekend = _is_weekend(day)
            kind = DayKind.weekend if weekend else DayKind.workday
            reason = REASON_WEEKEND if weekend else REASON_WEEKDAY
            return CalendarDay(day, not weekend, kind, reason, provisional)
        if o.is_workday:
            kind = DayKind.makeup_workday if _is_weekend(day) else DayKind.workday
        else:
            kind = DayKind.holiday
        return CalendarDay(day, o.is_workday, kind, o.reason, provisional)

    def rows(self, year: int | None = None) -> tuple[DayOverride, ...]:
        """Return the override rows (of one year, or all) sorted by date: the storable form."""
        return tuple(
            self.overrides[d] for d in sorted(self.overrides) if year is None or d.year == year
        )

    def with_schedule(self, schedule: YearSchedule) -> WorkCalendar:
        """Return a copy whose `schedule.year` rows are replaced by the schedule's and marked known."""
        kept = [o for o in self.rows() if o.day.year != schedule.year]
        return WorkCalendar.create(
            [*kept, *schedule.overrides],
            self.known_years | {schedule.year},
            self.periods,
            self.tz,
        )

    # ---- working time ------------------------------------------------------------------------

    @property
    def workday_seconds(self) -> int:
        """Length in seconds of a working day's working periods (27,000 s = 7.5 h by default)."""
        return sum(b - a for a, b in self._offsets) // 1_000_000

    def local_date(self, instant: datetime) -> date:
        """Return the calendar-timezone date of an aware instant."""
        return instant.astimezone(self.tz).date()

    def periods_on(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """Return the working periods of `day` as aware instants in the calendar's timezone."""
        return tuple(
            (_from_us(a).astimezone(self.tz), _from_us(b).astimezone(self.tz))
            for a, b in self.intervals_us(day.toordinal())[0]
        )

    def intervals_us(self, ordinal: int) -> tuple[tuple[tuple[int, int], ...], int]:
        """Return a date's working intervals in UTC epoch microseconds and their total length."""
        hit = self._memo.get(ordinal)
        if hit is not None:
            return hit
        day = date.fromordinal(ordinal)
        if not self.is_workday(day):
            value: tuple[tuple[tuple[int, int], ...], int] = ((), 0)
        else:
            first = datetime.combine(day, self.periods[0][0], tzinfo=self.tz).utcoffset()
            last = datetime.combine(day, self.periods[-1][1], tzinfo=self.tz).utcoffset()
            if first is not None and first == last:
                # One UTC offset all working day (always, outside DST switches): shift the periods.
                offset_us = (first.days * 86_400 + first.seconds) * 1_000_000 + first.microseconds
                base = (ordinal - _EPOCH_ORDINAL) * _DAY_US - offset_us
                ivs = tuple((base + a, base + b) for a, b in self._offsets)
            else:
                ivs = tuple(
                    (
                        _to_us(datetime.combine(day, s, tzinfo=self.tz)),
                        _to_us(datetime.combine(day, e, tzinfo=self.tz)),
                    )
                    for s, e in self.periods
                )
            value = (ivs, sum(b - a for a, b in ivs))
        self._memo[ordinal] = value
        return value


def _time_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000


def _to_us(instant: datetime) -> int:
    return (instant - _EPOCH) // _US


def _from_us(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


# ---- seeding from chinese-calendar -------------------------------------------------------------


def chinese_calendar_schedules() -> tuple[YearSchedule, ...]:
    """Return one schedule per year the installed chinese-calendar package knows, oldest first."""
    holidays: Mapping[date, str] = chinese_calendar.holidays
    workdays: Mapping[date, str] = chinese_calendar.workdays
    first = min(holidays).year
    last = max(holidays).year
    source = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()
    rows: dict[int, list[DayOverride]] = {y: [] for y in range(first, last + 1)}
    for d, name in holidays.items():
        rows[d.year].append(DayOverride(d, False, _HOLIDAY_NAMES.get(name, name)))
    for d, name in workdays.items():
        if d in holidays:
            raise InvalidInput(f"chinese-calendar 数据矛盾：{d} 既是假日又是工作日")
        rows[d.year].append(DayOverride(d, True, _HOLIDAY_NAMES.get(name, name) + MAKEUP_SUFFIX))
    return tuple(
        YearSchedule(y, tuple(sorted(rows[y], key=lambda o: o.day)), source) for y in sorted(rows)
    )


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """Return the default calendar: 08:30–12:00, 13:30–17:30 Asia/Shanghai, seeded from chinese-calendar."""
    schedules = chinese_calendar_schedules()
    return WorkCalendar.create(
        [o for s in schedules for o in s.overrides], [s.year for s in schedules]
    )


# ---- loading a year's schedule from a file ----------------------------------------------------


def _parse_date(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise InvalidInput(f"{where}：日期必须写成 YYYY-MM-DD", field="date")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(f"{where}：日期无效 {value!r}", field="date") from exc


def _parse_bool(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        v = value.strip().lower()
        if v in {"true", "1", "yes", "y", "班", "上班", "工作日"}:
            return True
        if v in {"false", "0", "no", "n", "休", "放假", "休息日"}:
            return False
    raise InvalidInput(f"{where}：is_workday 必须为 true/false", field="is_workday")


def _schedule(year: int | None, rows: list[DayOverride], source: str) -> YearSchedule:
    if year is None:
        years = {o.day.year for o in rows}
        if len(years) != 1:
            raise InvalidInput("无法确定年份：文件为空或含多个年份", field="year")
        year = years.pop()
    seen: set[date] = set()
    for o in rows:
        if o.day.year != year:
            raise InvalidInput(f"{o.day} 不属于 {year} 年", field="date", value=o.day.isoformat())
        if o.day in seen:
            raise InvalidInput(f"{o.day}：日期重复", field="date", value=o.day.isoformat())
        seen.add(o.day)
    return YearSchedule(year, tuple(sorted(rows, key=lambda o: o.day)), source)


def parse_schedule_json(text: str) -> YearSchedule:
    """Parse the JSON schedule format (app/data/calendar/README.md); raise InvalidInput if invalid."""
    try:
        doc: Any = json.loads(text)
    except ValueError as exc:
        raise InvalidInput(f"JSON 无效：{exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("days"), list):
        raise InvalidInput("JSON 日程必须是含 year 与 days 列表的对象")
    year = doc.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9998:
        raise InvalidInput("year 必须是整数年份", field="year")
    source = doc.get("source", "")
    if not isinstance(source, str):
        raise InvalidInput("source 必须是字符串", field="source")
    rows: list[DayOverride] = []
    for i, entry in enumerate(doc["days"]):
        where = f"days[{i}]"
        if not isinstance(entry, dict):
            raise InvalidInput(f"{where}：必须是对象")
        unknown = set(entry) - {"date", "from", "to", "is_workday", "reason"}
        if unknown:
            raise InvalidInput(f"{where}：未知字段 {sorted(unknown)}")
        is_workday = _parse_bool(entry.get("is_workday"), where)
        reason = _check_reason(entry.get("reason"), where)
        if "date" in entry:
            if "from" in entry or "to" in entry:
                raise InvalidInput(f"{where}：date 与 from/to 只能二选一")
            days = [_parse_date(entry["date"], where)]
        else:
            lo = _parse_date(entry.get("from"), where)
            hi = _parse_date(entry.get("to"), where)
            if hi < lo or (hi - lo).days > 31:
                raise InvalidInput(f"{where}：from–to 必须是不超过 32 天的区间", field="to")
            days = [lo + timedelta(days=k) for k in range((hi - lo).days + 1)]
        rows.extend(DayOverride(d, is_workday, reason) for d in days)
    return _schedule(year, rows, source)


def parse_schedule_csv(text: str, year: int | None = None) -> YearSchedule:
    """Parse the CSV schedule format `date,is_workday,reason`; raise InvalidInput if invalid."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    if header[:3] != ["date", "is_workday", "reason"]:
        raise InvalidInput("CSV 表头必须是 date,is_workday,reason")
    rows = []
    for i, r in enumerate(reader, start=2):
        where = f"第 {i} 行"
        rows.append(
            DayOverride(
                _parse_date(r.get("date"), where),
                _parse_bool(r.get("is_workday"), where),
                _check_reason(r.get("reason"), where),
            )
        )
    return _schedule(year, rows, "")


def load_schedule(path: Path) -> YearSchedule:
    """Load a year's schedule from a .json or .csv file; raise InvalidInput if unreadable or invalid."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"无法读取日程文件：{path.name}") from exc
    suffix = path.suffix.lower()
    if suffix == ".json":
        return parse_schedule_json(text)
    if suffix == ".csv":
        return _with_source(parse_schedule_csv(text), path.name)
    raise InvalidInput("日程文件必须是 .json 或 .csv", field="path")


def _with_source(schedule: YearSchedule, source: str) -> YearSchedule:
    return YearSchedule(schedule.year, schedule.overrides, schedule.source or source)


class CalendarDateOutsideYear(InvalidInput):
    """A date of a year's schedule lies in another year."""

    code = "calendar_date_outside_year"
    message = "日期不在所载入的年份内"


class CalendarDateRepeated(InvalidInput):
    """A date is listed twice (twice as a holiday, or as a holiday and a make-up workday)."""

    code = "calendar_date_repeated"
    message = "同一日期重复出现"


class CalendarMakeupNotWeekend(InvalidInput):
    """A 调休 make-up workday falls on Monday–Friday (already a working day)."""

    code = "calendar_makeup_not_weekend"
    message = "调休上班日必须是周六或周日"


class CalendarRangeInvalid(InvalidInput):
    """A holiday's range ends before it starts or is longer than 32 days."""

    code = "calendar_range_invalid"
    message = "放假起止日期无效"


@dataclass(frozen=True, slots=True)
class HolidaySpan:
    """A named holiday from `start` to `end` (both included; one day when they are equal)."""

    start: date
    end: date
    name: str


def schedule_from_lists(
    year: int, holidays: Iterable[HolidaySpan], makeup_days: Iterable[tuple[date, str]], source: str
) -> YearSchedule:
    """Return a year's schedule from its holidays and 调休 make-up workdays; raise on bad input.

    Every date must lie in `year` and appear once; a make-up workday must be a Saturday or a
    Sunday (its reason gets the “调休” suffix when it lacks one). Holidays may fall on weekends
    (they are named on the calendar).
    """
    rows: dict[date, DayOverride] = {}

    def add(o: DayOverride) -> None:
        if o.day.year != year:
            raise CalendarDateOutsideYear(
                f"{o.day.isoformat()} 不在 {year} 年内", field="date", value=o.day.isoformat()
            )
        if o.day in rows:
            raise CalendarDateRepeated(
                f"{o.day.isoformat()} 重复出现（{rows[o.day].reason}、{o.reason}）",
                field="date",
                value=o.day.isoformat(),
            )
        rows[o.day] = o

    for h in holidays:
        name = _check_reason(h.name, f"{h.start.isoformat()} 假日")
        if h.end < h.start or (h.end - h.start).days > 31:
            raise CalendarRangeInvalid(
                f"放假 {h.start.isoformat()}–{h.end.isoformat()}：结束日期须不早于开始日期，且不超过 32 天",
                field="end",
            )
        for k in range((h.end - h.start).days + 1):
            add(DayOverride(h.start + timedelta(days=k), False, name))
    for d, reason in makeup_days:
        name = _check_reason(reason, f"{d.isoformat()} 调休")
        if not _is_weekend(d):
            raise CalendarMakeupNotWeekend(
                f"{d.isoformat()} 是工作日，调休上班日必须是周六或周日",
                field="date",
                value=d.isoformat(),
            )
        if not name.endswith(MAKEUP_SUFFIX):
            name = (name + MAKEUP_SUFFIX)[:MAX_REASON_LENGTH]
        add(DayOverride(d, True, name))
    return YearSchedule(year, tuple(rows[d] for d in sorted(rows)), source.strip())


def dump_schedule_json(schedule: YearSchedule) -> str:
    """Return the schedule in the JSON format, one entry per date (parses back to the same rows)."""
    doc = {
        "year": schedule.year,
        "source": schedule.source,
        "days": [
            {"date": o.day.isoformat(), "is_workday": o.is_workday, "reason": o.reason}
            for o in schedule.overrides
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def dump_schedule_csv(schedule: YearSchedule) -> str:
    """Return the schedule in the CSV format (parses back to the same rows)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["date", "is_workday", "reason"])
    for o in schedule.overrides:
        w.writerow([o.day.isoformat(), "true" if o.is_workday else "false", o.reason])
    return out.getvalue()
