"""Filter vocabulary and parameter parsing shared by every list (unknown value: 422 `invalid_filter`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeAlias

from sqlalchemy import (
    Select,
    select,
)
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.catalogue import resolve_category
from app.core.config import get_settings
from app.core.errors import DomainError, InvalidInput, Unprocessable
from app.grid.codes import code_regex
from app.grid.models import Street, Unit


class InvalidFilter(Unprocessable):
    """A list parameter is unknown or has a value the list does not accept."""

    code = "invalid_filter"
    message = "筛选条件不合法"


class InvalidCursor(Unprocessable):
    """A page cursor that this list did not issue (damaged, or for other filters)."""

    code = "invalid_cursor"
    message = "分页游标无效，请从第一页重新加载"


class TooManyIds(Unprocessable):
    """A bulk request names more cases than allowed (`XIUHUA_QUEUE_BULK_MAX`)."""

    code = "too_many_ids"
    message = "一次提交的案卷过多"


def bulk_ids(case_ids: Sequence[int], top: int, verb: str) -> list[int]:
    """Return the ids of a bulk request once each, in the order asked; refuse none or too many."""
    wanted = list(dict.fromkeys(case_ids))
    if not wanted:
        raise InvalidInput("请至少提交一个案卷 ID", field="case_ids")
    if len(wanted) > top:
        raise TooManyIds(
            f"一次最多{verb} {top} 件案卷，收到 {len(wanted)} 件", max=top, got=len(wanted)
        )
    return wanted


# --- vocabulary -----------------------------------------------------------------------------------

LIGHT_LABELS = {"red": "红灯（超期）", "yellow": "黄灯（预警）", "green": "绿灯"}
LIGHT_BY_RANK = ("red", "yellow", "green")
LIGHT_RANK = {name: rank for rank, name in enumerate(LIGHT_BY_RANK)}
SEVERITY_ORDER = ("urgent", "serious", "general", "minor")
HELD = {
    "assigned": "本单位承办的案卷",
    "redispatched": "本单位下派给下级单位的案卷",
    "all": "两者",
}
UNIT_STATUSES = {
    s.value: s.label
    for s in (wf.Status.dispatched, wf.Status.suspended, wf.Status.handled, wf.Status.to_close)
}
UNIT_DEFAULT_STATUSES = (wf.Status.dispatched.value, wf.Status.suspended.value)
PENDING_FILTER = {p.value: p.label + "申请" for p in wf.Pending} | {
    "any": "有待审批的申请",
    "none": "无待审批的申请",
}
OUTCOMES = {
    "finished": "在本单位办结（结案等）",
    "left": "已移出本单位（回退、退回上级）",
}
INBOX_STATUSES = {s.value: s.label for s in (wf.Status.reported, wf.Status.verifying)}
SOURCES = {s.value: s.label for s in wf.Source}
STAGES = {s.value: s.label for s in wf.Stage}
APPROVAL_KINDS = {p.value: p.label for p in wf.Pending}
STATUSES = {s.value: s.label for s in wf.Status}
SEARCH_ORDERS = {"newest": "最新上报在前", "urgency": "红灯先、紧急程度高先、处置时限先到期者先"}
FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)  # sort key of a row without a clock
BIGINT = 2**63
_STREET_CODE = re.compile(code_regex("street"))
_CODE_FORMATS = {"community": (12, "社区"), "cell": (15, "单元网格")}

AnySelect: TypeAlias = Select[*tuple[Any, ...]]


# --- parameters -------------------------------------------------------------------------------------


def split_values(raw: str | Sequence[str] | None) -> list[str]:
    """Return the values of a list parameter given repeated and/or comma-separated."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for item in items for v in item.split(",") if v.strip()]


def choices(name: str, raw: str | Sequence[str] | None, allowed: Mapping[str, str]) -> list[str]:
    """Return the distinct values of a list parameter, each one of `allowed` (sorted)."""
    values = list(dict.fromkeys(split_values(raw)))
    for v in values:
        if v not in allowed:
            options = "、".join(f"{k}（{label}）" for k, label in allowed.items())
            raise InvalidFilter(
                f"参数 {name} 的取值“{v}”无效，可选：{options}",
                filter=name,
                value=v,
                allowed=list(allowed),
            )
    return sorted(values)


def choice(name: str, raw: str | None, allowed: Mapping[str, str], default: str) -> str:
    """Return the one value of a parameter among `allowed` (or `default`)."""
    values = choices(name, raw, allowed)
    if len(values) > 1:
        raise InvalidFilter(f"参数 {name} 只能取一个值", filter=name, value=raw)
    return values[0] if values else default


def flag(name: str, raw: str | None) -> bool | None:
    """Return a true/false parameter (None: not given)."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise InvalidFilter(f"参数 {name} 应为 true 或 false", filter=name, value=raw)


def is_int(value: str) -> bool:
    """Return True for an ASCII digit string."""
    return value.isascii() and value.isdigit()  # "²".isdigit() is True, int("²") fails


def id_list(name: str, raw: str | Sequence[str] | None) -> list[int]:
    """Return positive integer ids of a list parameter (sorted, distinct)."""
    ids = []
    for v in split_values(raw):
        if not is_int(v) or not 0 < int(v) < BIGINT:
            raise InvalidFilter(f"参数 {name} 应为正整数 ID，收到“{v}”", filter=name, value=v)
        ids.append(int(v))
    return sorted(set(ids))


def unit_ids(session: Session, name: str, raw: str | Sequence[str] | None) -> list[int]:
    """Return the unit ids of a parameter; every one must exist."""
    ids = id_list(name, raw)
    if ids:
        found = set(session.scalars(select(Unit.id).where(Unit.id.in_(ids))))
        missing = [i for i in ids if i not in found]
        if missing:
            raise InvalidFilter(
                f"参数 {name}：单位 {missing[0]} 不存在", filter=name, value=missing[0]
            )
    return ids


def categories(session: Session, raw: str | Sequence[str] | None) -> list[int]:
    """Return the category ids of a parameter (event:09006 …); every one must exist."""
    ids = set()
    for v in split_values(raw):
        try:
            ids.add(resolve_category(session, v).id)
        except DomainError as exc:
            raise InvalidFilter(
                f"参数 category：{exc.message}", filter="category", value=v
            ) from exc
    return sorted(ids)


def streets(session: Session, raw: str | Sequence[str] | None) -> list[str]:
    """Return the 9-digit street codes of a parameter; every one must exist."""
    codes = sorted(set(split_values(raw)))
    for c in codes:
        if not _STREET_CODE.match(c):
            raise InvalidFilter(
                f"参数 street 应为 9 位街道代码，收到“{c}”", filter="street", value=c
            )
    if codes:
        found = set(session.scalars(select(Street.code).where(Street.code.in_(codes))))
        missing = [c for c in codes if c not in found]
        if missing:
            raise InvalidFilter(
                f"参数 street：街道 {missing[0]} 不存在", filter="street", value=missing[0]
            )
    return codes


def area_codes(name: str, raw: str | Sequence[str] | None) -> list[str]:
    """Return the community (12-digit) or cell (15-digit) codes of a parameter, by format."""
    digits, what = _CODE_FORMATS[name]
    codes = sorted(set(split_values(raw)))
    for c in codes:
        if not (len(c) == digits and is_int(c)):
            raise InvalidFilter(
                f"参数 {name} 应为 {digits} 位{what}代码，收到“{c}”", filter=name, value=c
            )
    return codes


def text_query(name: str, raw: str | None, longest: int) -> str | None:
    """Return a search text (trimmed; None when empty); longer than `longest`: InvalidFilter."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if len(value) > longest:
        raise InvalidFilter(
            f"参数 {name} 最长 {longest} 个字符", filter=name, value=value[:longest], max=longest
        )
    return value


def instant(name: str, raw: str | None) -> datetime | None:
    """Return a time-zone aware ISO 8601 parameter (None: not given)."""
    if raw is None or not raw.strip():
        return None
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        value = None
    if value is None or value.utcoffset() is None:
        raise InvalidFilter(
            f"参数 {name} 应为带时区的 ISO 8601 时间，如 2026-11-23T09:00:00+08:00",
            filter=name,
            value=raw,
        )
    return value


def page_limit(raw: str | None) -> int:
    """Return the page size asked for (default and maximum from settings); raise InvalidFilter."""
    settings = get_settings()
    if raw is None or not raw.strip():
        return settings.queue_page_size
    top = settings.queue_max_page_size
    value = raw.strip()
    if not is_int(value) or not 1 <= int(value) <= top:
        raise InvalidFilter(
            f"参数 limit 应为 1 到 {top} 之间的整数", filter="limit", value=raw, max=top
        )
    return int(value)


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page: its size (None: the default page size) and the previous page's cursor.

    The API builds it once for every list (`app.api.queues.PageDep`, the size read by
    `page_limit`); the cursor is checked by the list itself (it carries the list's filters).
    """

    limit: int | None = None
    cursor: str | None = None

    def size(self) -> int:
        """Return the page size: the one asked for, else `XIUHUA_QUEUE_PAGE_SIZE`."""
        return self.limit if self.limit is not None else get_settings().queue_page_size
