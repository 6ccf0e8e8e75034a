"""Work queues (工作队列): the unit's queue and the command centre's lists, as scoped SQL pages.

What every list here guarantees:

- **Scope in SQL.** Each statement is filtered with `app.cases.scope.visible(actor)`; a case
  outside the caller's scope is simply absent (and 404 elsewhere). Nothing is filtered in Python.
- **One statement per page**, driven by an index (see docs/QUEUES.md for the plans): the unit
  queue by `(assigned_unit_id, status)`, sub-unit cases by `dispatching_unit_id`, history by the
  handle stages of the unit, the centre lists by `status` / `pending`, supervision by the open
  stages' `due_at` (and the sweeper's red marks).
- **Light.** A list row shows one stage clock: the unit's own handle clock in the unit queue,
  the case's current open clock (deepest dispatch level) in the centre lists, the most overdue
  open clock in supervision. Its light is the redder of the light the sweeper stored and the
  live light at `as_of` (red after `due_at`, yellow after `yellow_at`, frozen while paused or
  stopped): a list never shows green what the sweeper already escalated, and never waits for
  the next sweep to show red.
- **Keyset pages.** Rows are ordered by a key that ends with the case id, so it is total; the
  opaque cursor carries the last key, the filter fingerprint and the `as_of` instant of the
  first page (lights on later pages are computed at that same instant, so the order cannot
  shift under the reader). New cases are placed by their key: rows already read are never
  repeated and rows not yet read are never skipped.
- **Actions** go through `app.cases.service.act` only (bulk sign: one `act` per case, each
  in its own savepoint); `allowed_actions` comes from the one transition table.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeAlias

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    Integer,
    Select,
    String,
    Text,
    and_,
    any_,
    case,
    cast,
    column,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    table,
    true,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.selectable import LateralFromClause as Lateral

from app.cases import scope
from app.cases import workflow as wf
from app.cases.catalogue import resolve_category
from app.cases.models import Case, CaseEvent, CaseStage, Category
from app.cases.paging import aware_time, decode_cursor, encode_cursor
from app.cases.service import ActionInput, act, allowed_actions, find_duplicates, has_sub_units
from app.cases.time.calendar_store import get_calendar
from app.cases.time.deadlines import TimeUnit, used_ratio
from app.cases.time.standards import SEVERITY_LABELS
from app.core.config import get_settings
from app.core.errors import DomainError, InvalidInput, NotFound, Unprocessable
from app.grid.models import Rule, Street, Unit
from app.grid.service import AREA_NAMES, ROLE_NAMES, category_scope_label


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


# --- vocabulary -----------------------------------------------------------------------------------

LIGHT_LABELS = {"red": "红灯（超期）", "yellow": "黄灯（预警）", "green": "绿灯"}
_LIGHT_BY_RANK = ("red", "yellow", "green")
_LIGHT_RANK = {name: rank for rank, name in enumerate(_LIGHT_BY_RANK)}
_SEVERITY_ORDER = ("urgent", "serious", "general", "minor")
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
ROUTED_BY_LABELS = {
    "component": "部件吸附（权属/养护单位）",
    "rule": "责任规则",
    "district_fallback": "区县兜底单位",
}
_FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)  # sort key of a row without a clock
_MAX_CURSOR_CHARS = 1024
_CLOCK_SKEW = timedelta(minutes=1)  # workers' clocks may differ a little
_BIGINT = 2**63
_STREET_CODE = re.compile(r"^[0-9]{9}$")

AnySelect: TypeAlias = Select[*tuple[Any, ...]]
# account_user belongs to app.identity, a layer above this one: only the display name is read.
_USERS = table("account_user", column("id", Integer), column("display_name", Text))


# --- parameters -------------------------------------------------------------------------------------


def _split(raw: str | Sequence[str] | None) -> list[str]:
    """Return the values of a list parameter given repeated and/or comma-separated."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for item in items for v in item.split(",") if v.strip()]


def _choices(name: str, raw: str | Sequence[str] | None, allowed: Mapping[str, str]) -> list[str]:
    values = list(dict.fromkeys(_split(raw)))
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


def _choice(name: str, raw: str | None, allowed: Mapping[str, str], default: str) -> str:
    values = _choices(name, raw, allowed)
    if len(values) > 1:
        raise InvalidFilter(f"参数 {name} 只能取一个值", filter=name, value=raw)
    return values[0] if values else default


def _flag(name: str, raw: str | None) -> bool | None:
    if raw is None or not raw.strip():
        return None
    value = raw.strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise InvalidFilter(f"参数 {name} 应为 true 或 false", filter=name, value=raw)


def _is_int(value: str) -> bool:
    return value.isascii() and value.isdigit()  # "²".isdigit() is True, int("²") fails


def _ids(name: str, raw: str | Sequence[str] | None) -> list[int]:
    ids = []
    for v in _split(raw):
        if not _is_int(v) or not 0 < int(v) < _BIGINT:
            raise InvalidFilter(f"参数 {name} 应为正整数 ID，收到“{v}”", filter=name, value=v)
        ids.append(int(v))
    return sorted(set(ids))


def _unit_ids(session: Session, name: str, raw: str | Sequence[str] | None) -> list[int]:
    ids = _ids(name, raw)
    if ids:
        found = set(session.scalars(select(Unit.id).where(Unit.id.in_(ids))))
        missing = [i for i in ids if i not in found]
        if missing:
            raise InvalidFilter(
                f"参数 {name}：单位 {missing[0]} 不存在", filter=name, value=missing[0]
            )
    return ids


def _categories(session: Session, raw: str | Sequence[str] | None) -> list[int]:
    ids = set()
    for v in _split(raw):
        try:
            ids.add(resolve_category(session, v).id)
        except DomainError as exc:
            raise InvalidFilter(
                f"参数 category：{exc.message}", filter="category", value=v
            ) from exc
    return sorted(ids)


def _streets(session: Session, raw: str | Sequence[str] | None) -> list[str]:
    codes = sorted(set(_split(raw)))
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


def _instant(name: str, raw: str | None) -> datetime | None:
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
    if not _is_int(value) or not 1 <= int(value) <= top:
        raise InvalidFilter(
            f"参数 limit 应为 1 到 {top} 之间的整数", filter="limit", value=raw, max=top
        )
    return int(value)


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page: its size (as given) and the cursor of the previous page (None: the first)."""

    limit: str | None = None
    cursor: str | None = None


# --- cursors ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Order:
    """A total order: expressions compared together (all ascending or all descending)."""

    exprs: tuple[Any, ...]  # SQL expressions
    kinds: tuple[str, ...]  # "int" | "ts", for the cursor codec
    descending: bool = False


def _fingerprint(filters: Mapping[str, Any]) -> str:
    raw = json.dumps(filters, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _encode_cursor(name: str, fp: str, as_of: datetime, key: Sequence[Any]) -> str:
    return encode_cursor({"v": 1, "l": name, "f": fp, "t": as_of, "k": list(key)})


def _decode_cursor(
    token: str, name: str, fp: str, kinds: Sequence[str]
) -> tuple[datetime, tuple[Any, ...]]:
    """Return the cursor's as_of and key; raise InvalidCursor for anything this list did not issue."""
    if len(token) > _MAX_CURSOR_CHARS:
        raise InvalidCursor("分页游标过长，请从第一页重新加载")
    try:
        body = decode_cursor(token)
        if not isinstance(body, dict) or body.get("v") != 1:
            raise ValueError("unknown cursor version")
        if body.get("l") != name:
            raise InvalidCursor(
                "分页游标属于另一个列表，请从第一页重新加载", cursor_list=body.get("l")
            )
        if body.get("f") != fp:
            raise InvalidCursor("筛选条件与分页游标不一致，请从第一页重新加载")
        as_of = aware_time(body.get("t"))
        raw_key = body.get("k")
        if not isinstance(raw_key, list) or len(raw_key) != len(kinds):
            raise ValueError("bad key")
        key: list[Any] = []
        for kind, v in zip(kinds, raw_key, strict=True):
            if kind == "ts":
                key.append(aware_time(v))
            elif isinstance(v, int) and not isinstance(v, bool) and -_BIGINT <= v < _BIGINT:
                key.append(v)
            else:
                raise ValueError("bad int")
    except InvalidCursor:
        raise
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidCursor() from exc
    return as_of, tuple(key)


def _bind(value: Any, kind: str) -> ColumnElement[Any]:
    return literal(value, DateTime(timezone=True) if kind == "ts" else BigInteger())


# --- pages ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Page:
    """One page of a list: items, the cursor of the next page (None: last page), `as_of`."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    as_of: datetime
    limit: int
    filters: dict[str, Any] = field(default_factory=dict)
    removed: list[int] | None = None  # incremental refresh: ids that left the list
    removed_truncated: bool = False
    next_updated_since: datetime | None = None


@dataclass(slots=True)
class _Listing:
    """A list's statement before paging, with what the page needs to finish it."""

    name: str
    stmt: AnySelect
    order: _Order
    filters: dict[str, Any]


def _run(
    session: Session,
    build: Callable[[datetime], _Listing],
    page: PageRequest,
    now: datetime,
) -> tuple[list[Row[Any]], str | None, datetime, int, _Listing]:
    """Build the listing at the cursor's as_of (or now), fetch one page, return rows + cursor."""
    limit = page_limit(page.limit)
    as_of = now
    probe: _Listing = build(now)
    fp = _fingerprint(probe.filters)
    key: tuple[Any, ...] | None = None
    if page.cursor:
        as_of, key = _decode_cursor(page.cursor, probe.name, fp, probe.order.kinds)
        ttl = timedelta(seconds=get_settings().queue_cursor_ttl_s)
        if not now - ttl <= as_of <= now + _CLOCK_SKEW:
            raise InvalidCursor(
                "分页游标已过期（或来自未来），请从第一页重新加载",
                ttl_s=get_settings().queue_cursor_ttl_s,
            )
    listing = probe if as_of == now else build(as_of)
    order = listing.order
    labels = [e.label(f"_k{i}") for i, e in enumerate(order.exprs)]
    stmt = listing.stmt.add_columns(*labels)
    if key is not None:
        bound = tuple_(*(_bind(v, k) for v, k in zip(key, order.kinds, strict=True)))
        keys = tuple_(*order.exprs)
        stmt = stmt.where(keys < bound if order.descending else keys > bound)
    stmt = stmt.order_by(*(e.desc() if order.descending else e.asc() for e in order.exprs))
    rows = list(session.execute(stmt.limit(limit + 1)).all())
    cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        cursor = _encode_cursor(
            listing.name, fp, as_of, [getattr(last, f"_k{i}") for i in range(len(order.exprs))]
        )
    return rows, cursor, as_of, limit, listing


# --- clocks and summaries -----------------------------------------------------------------------------

_STAGE_COLS = (
    CaseStage.id.label("stage_id"),
    CaseStage.stage.label("stage"),
    CaseStage.level.label("stage_level"),
    CaseStage.unit_id.label("stage_unit_id"),
    CaseStage.limit_unit.label("limit_unit"),
    CaseStage.started_at.label("started_at"),
    CaseStage.due_at.label("due_at"),
    CaseStage.yellow_at.label("yellow_at"),
    CaseStage.stopped_at.label("stopped_at"),
    CaseStage.paused_at.label("paused_at"),
    CaseStage.paused_seconds.label("paused_seconds"),
    CaseStage.light.label("stored_light"),
    CaseStage.escalated_at.label("escalated_at"),
)


def _unit_stage(unit_id: int) -> Lateral:
    """Return the lateral row of the unit's own (latest) handle clock of the case."""
    return (
        select(*_STAGE_COLS)
        .where(
            CaseStage.case_id == Case.id,
            CaseStage.stage == wf.Stage.handle.value,
            CaseStage.unit_id == unit_id,
        )
        .order_by(CaseStage.id.desc())
        .limit(1)
        .lateral("st")
    )


def _current_stage() -> Lateral:
    """Return the lateral row of the running clock at the deepest dispatch level (being worked on)."""
    return (
        select(*_STAGE_COLS)
        .where(CaseStage.case_id == Case.id, CaseStage.stopped_at.is_(None))
        .order_by(CaseStage.level.desc(), CaseStage.id.desc())
        .limit(1)
        .lateral("st")
    )


def _as_of(at: datetime) -> ColumnElement[datetime]:
    return literal(at, DateTime(timezone=True))


def _light_rank(st: Lateral, at: datetime) -> ColumnElement[int]:
    """0 red, 1 yellow, 2 green: the redder of the stored light and the live light at `at`."""
    ref = func.coalesce(st.c.stopped_at, st.c.paused_at, _as_of(at))
    live = case((st.c.due_at < ref, 0), (st.c.yellow_at < ref, 1), else_=2)
    swept = case((st.c.stored_light == "red", 0), (st.c.stored_light == "yellow", 1), else_=2)
    return func.least(live, swept)


def _severity_rank() -> ColumnElement[int]:
    return case(
        *((Case.severity == s, rank) for rank, s in enumerate(_SEVERITY_ORDER)),
        else_=len(_SEVERITY_ORDER),
    )


def _urgency(st: Lateral, at: datetime) -> _Order:
    """Red before yellow before green; then 紧急 > 严重 > 一般 > 轻微; then due time; then id."""
    due = func.coalesce(st.c.due_at, literal(_FAR_FUTURE, DateTime(timezone=True)))
    return _Order(
        (_light_rank(st, at), _severity_rank(), due, Case.id), ("int", "int", "ts", "int")
    )


def _light_filter(
    st: Lateral, at: datetime, lights: Sequence[str], overdue: bool | None
) -> list[ColumnElement[bool]]:
    rank = _light_rank(st, at)
    conds: list[ColumnElement[bool]] = []
    if lights:
        conds.append(rank.in_([_LIGHT_RANK[x] for x in lights]))
    if overdue is not None:
        conds.append(rank == 0 if overdue else rank != 0)
    return conds


_AU = aliased(Unit, name="au")  # the assigned unit


def _summary_select(
    actor: wf.Actor, st: Lateral, at: datetime, *extra: Any, inner: bool = False
) -> AnySelect:
    """Return the columns of a compact case summary (plus `extra`), scoped to what `actor` sees.

    `st` is the lateral row of the clock shown (left-joined; `inner`: rows without one dropped).
    """
    stmt = (
        select(
            Case,
            Category.kind.label("cat_kind"),
            Category.code.label("cat_code"),
            Category.name.label("cat_name"),
            Street.name.label("street_name"),
            _AU.name.label("assigned_unit_name"),
            has_sub_units(Case.assigned_unit_id).label("sub_units"),
            _light_rank(st, at).label("light_rank"),
            *(st.c[c.key] for c in _STAGE_COLS),
            *extra,
        )
        .join(Category, Category.id == Case.category_id)
        .outerjoin(Street, Street.code == Case.street_code)
        .outerjoin(_AU, _AU.id == Case.assigned_unit_id)
    )
    stmt = stmt.join(st, true(), isouter=not inner)
    return stmt.where(scope.visible(actor))


def _ratio(session: Session, row: Row[Any], at: datetime) -> float | None:
    if row.stage_id is None:
        return None
    ratio = used_ratio(
        row.started_at,
        row.due_at,
        row.stopped_at or row.paused_at or at,
        get_calendar(session),
        TimeUnit(row.limit_unit),
        paused_seconds=row.paused_seconds or 0,
    )
    return round(ratio, 3) if math.isfinite(ratio) else None


def _summary(session: Session, row: Row[Any], actor: wf.Actor, at: datetime) -> dict[str, Any]:
    """Return a compact case summary with its clock, light and the caller's allowed actions."""
    c: Case = row.Case
    light = _LIGHT_BY_RANK[row.light_rank]
    return {
        "id": c.id,
        "case_no": c.case_no,
        "status": c.status,
        "status_label": wf.Status(c.status).label,
        "category": {"kind": row.cat_kind, "code": row.cat_code, "name": row.cat_name},
        "severity": c.severity,
        "severity_label": SEVERITY_LABELS.get(c.severity or ""),
        "address_text": c.address_text,
        "grid_code": c.grid_code,
        "street": {"code": c.street_code, "name": row.street_name},
        "district_code": c.district_code,
        "light": light,
        "light_label": LIGHT_LABELS[light],
        "overdue": light == "red",
        "due_at": row.due_at,
        "yellow_at": row.yellow_at,
        "used_ratio": _ratio(session, row, at),
        "clock": None
        if row.stage_id is None
        else {
            "stage": row.stage,
            "stage_label": wf.Stage(row.stage).label,
            "level": row.stage_level,
            "unit_id": row.stage_unit_id,
            "started_at": row.started_at,
            "stopped_at": row.stopped_at,
            "paused": row.paused_at is not None,
            "escalated_at": row.escalated_at,
        },
        "pending": c.pending,
        "pending_label": wf.Pending(c.pending).label if c.pending else None,
        "signed": c.signed,
        "dispatch_level": 0 if c.assigned_unit_id is None else 2 if c.dispatching_unit_id else 1,
        "assigned_unit": None
        if c.assigned_unit_id is None
        else {"id": c.assigned_unit_id, "name": row.assigned_unit_name},
        "dispatching_unit_id": c.dispatching_unit_id,
        "reported_at": c.reported_at,
        "updated_at": c.updated_at,
        "allowed_actions": allowed_actions(session, c, actor, sub_units=row.sub_units),
    }


def _page(
    session: Session,
    actor: wf.Actor,
    rows: list[Row[Any]],
    cursor: str | None,
    as_of: datetime,
    limit: int,
    listing: _Listing,
    extra: Callable[[Row[Any], datetime], dict[str, Any]] | None = None,
) -> Page:
    items = []
    for row in rows:
        item = _summary(session, row, actor, as_of)
        if extra is not None:
            item |= extra(row, as_of)
        items.append(item)
    return Page(items, cursor, as_of, limit, listing.filters)


def _unit_of(actor: wf.Actor) -> int:
    if actor.unit_id is None:
        raise NotFound("调用者不属于任何处置单位，没有单位工作队列")
    return actor.unit_id


# --- the unit's queue ---------------------------------------------------------------------------


def _held(held: str, unit_id: int) -> ColumnElement[bool]:
    assigned = Case.assigned_unit_id == unit_id
    passed_down = Case.dispatching_unit_id == unit_id
    return {"assigned": assigned, "redispatched": passed_down, "all": or_(assigned, passed_down)}[
        held
    ]


def _pending_cond(values: Sequence[str]) -> ColumnElement[bool]:
    kinds = [v for v in values if v in APPROVAL_KINDS]
    conds: list[ColumnElement[bool]] = []
    if kinds:
        conds.append(Case.pending.in_(kinds))
    if "any" in values:
        conds.append(Case.pending.is_not(None))
    if "none" in values:
        conds.append(Case.pending.is_(None))
    return or_(*conds)


def unit_queue(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    held: str | None = None,
    status: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
    overdue: str | None = None,
    signed: str | None = None,
    pending: Sequence[str] | None = None,
    updated_since: str | None = None,
) -> Page:
    """Return a page of the cases the caller's unit holds, most urgent first (see module doc).

    `held`: assigned (default; the unit is the 承办单位), redispatched (passed to a sub-unit), all.
    With `updated_since`, only cases changed after it are listed, and the first page also lists
    `removed`: the unit's cases changed after it that no longer belong to this list.
    """
    unit_id = _unit_of(actor)
    filters: dict[str, Any] = {
        "held": _choice("held", held, HELD, "assigned"),
        "status": _choices("status", status, UNIT_STATUSES) or list(UNIT_DEFAULT_STATUSES),
        "category": _categories(session, category),
        "street": _streets(session, street),
        "light": _choices("light", light, LIGHT_LABELS),
        "overdue": _flag("overdue", overdue),
        "signed": _flag("signed", signed),
        "pending": _choices("pending", pending, PENDING_FILTER),
        "updated_since": _instant("updated_since", updated_since),
    }

    def matching(st: Lateral, at: datetime) -> list[ColumnElement[bool]]:
        f = filters
        conds = [_held(f["held"], unit_id), Case.status.in_(f["status"])]
        conds += _common_filters(f)
        conds += _light_filter(st, at, f["light"], f["overdue"])
        if f["signed"] is not None:
            conds.append(Case.signed.is_(f["signed"]))
        if f["pending"]:
            conds.append(_pending_cond(f["pending"]))
        return conds

    def build(at: datetime) -> _Listing:
        st = _unit_stage(unit_id)
        stmt = _summary_select(actor, st, at).where(*matching(st, at))
        if filters["updated_since"] is not None:
            stmt = stmt.where(Case.updated_at > filters["updated_since"])
        return _Listing("unit_queue", stmt, _urgency(st, at), filters)

    rows, cursor, as_of, limit, listing = _run(session, build, page, now)
    result = _page(session, actor, rows, cursor, as_of, limit, listing)
    since = filters["updated_since"]
    if since is not None:
        overlap = timedelta(seconds=get_settings().queue_refresh_overlap_s)
        result.next_updated_since = as_of - overlap
        if not page.cursor:
            st = _unit_stage(unit_id)
            top = get_settings().queue_removed_max
            gone = session.scalars(
                select(Case.id)
                .outerjoin(st, true())
                .where(
                    scope.visible(actor),
                    Case.id.in_(select(CaseStage.case_id).where(CaseStage.unit_id == unit_id)),
                    Case.updated_at > since,
                    not_(func.coalesce(and_(*matching(st, as_of)), false())),
                )
                .order_by(Case.id)
                .limit(top + 1)
            ).all()
            result.removed = list(gone[:top])
            result.removed_truncated = len(gone) > top
    return result


def _common_filters(f: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.get("category"):
        conds.append(Case.category_id.in_(f["category"]))
    if f.get("street"):
        conds.append(Case.street_code.in_(f["street"]))
    return conds


def unit_history(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    outcome: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
) -> Page:
    """Return the cases the unit finished or gave up (returned, recalled), newest case first.

    Each item tells when the unit held it (`held_from`, `held_until`) and how it left; its light is
    the unit's clock when it stopped (red: the unit finished late).
    """
    unit_id = _unit_of(actor)
    filters: dict[str, Any] = {
        "outcome": _choices("outcome", outcome, OUTCOMES),
        "category": _categories(session, category),
        "street": _streets(session, street),
    }
    left = and_(
        Case.assigned_unit_id.is_distinct_from(unit_id),
        Case.dispatching_unit_id.is_distinct_from(unit_id),
    )
    finished = and_(Case.status.in_([s.value for s in wf.FINISHED_STATUSES]), not_(left))
    wanted = {"finished": finished, "left": left}
    gone = or_(*(wanted[o] for o in filters["outcome"] or OUTCOMES))

    def build(at: datetime) -> _Listing:
        st = _unit_stage(unit_id)
        span = (
            select(
                func.min(CaseStage.started_at).label("held_from"),
                func.max(CaseStage.stopped_at).label("held_until"),
            )
            .where(CaseStage.case_id == Case.id, CaseStage.unit_id == unit_id)
            .lateral("span")
        )
        stmt = (
            _summary_select(actor, st, at, span.c.held_from, span.c.held_until)
            .outerjoin(span, true())
            .where(
                Case.id.in_(select(CaseStage.case_id).where(CaseStage.unit_id == unit_id)),
                gone,
                *_common_filters(filters),
            )
        )
        return _Listing("unit_history", stmt, _Order((Case.id,), ("int",), True), filters)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        outcome = "finished" if unit_id in (c.assigned_unit_id, c.dispatching_unit_id) else "left"
        return {
            "held_from": row.held_from,
            "held_until": row.held_until,
            "outcome": outcome,
            "outcome_label": OUTCOMES[outcome],
            "returns": c.returns,
        }

    rows, cursor, as_of, limit, listing = _run(session, build, page, now)
    return _page(session, actor, rows, cursor, as_of, limit, listing, extra)


def unit_counts(session: Session, actor: wf.Actor, now: datetime) -> dict[str, Any]:
    """Return the unit's badges in one statement (same conditions as `unit_queue`)."""
    unit_id = _unit_of(actor)
    st = _unit_stage(unit_id)
    rank = _light_rank(st, now)
    working = Case.status.in_(UNIT_DEFAULT_STATUSES)
    mine = and_(_held("assigned", unit_id), working)
    passed = and_(_held("redispatched", unit_id), working)

    def n(*conds: ColumnElement[bool]) -> Any:
        return func.count().filter(and_(*conds))

    row = session.execute(
        select(
            n(mine).label("assigned"),
            n(mine, Case.status == wf.Status.dispatched.value, Case.signed.is_(False)).label(
                "unsigned"
            ),
            n(mine, rank == 0).label("red"),
            n(mine, rank == 1).label("yellow"),
            n(mine, Case.pending.is_not(None)).label("pending"),
            n(passed).label("redispatched"),
            n(passed, Case.pending == wf.Pending.return_.value).label("sub_unit_returns"),
        )
        .select_from(Case)
        .outerjoin(st, true())
        .where(scope.visible(actor), _held("all", unit_id), working)
    ).one()
    return dict(row._mapping) | {"as_of": now}


def sub_units(session: Session, actor: wf.Actor, unit_id: int) -> dict[str, Any]:
    """Return the caller's unit and its active sub-units (二级派遣 targets); other units: NotFound."""
    if actor.unit_id is None or unit_id != actor.unit_id:
        raise NotFound("单位不存在或不是本单位", unit_id=unit_id)
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("单位不存在", unit_id=unit_id)
    open_here = (
        select(func.count())
        .select_from(Case)
        .where(
            Case.assigned_unit_id == Unit.id,
            Case.dispatching_unit_id == unit_id,
            Case.status.notin_([s.value for s in wf.FINISHED_STATUSES]),
            scope.visible(actor),
        )
        .correlate(Unit)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Unit, open_here.label("open_cases"))
        .where(Unit.parent_id == unit_id, Unit.active.is_(True))
        .order_by(Unit.code, Unit.id)
    ).all()
    return {
        "unit": {"id": unit.id, "code": unit.code, "name": unit.name},
        "items": [
            {
                "id": u.id,
                "code": u.code,
                "name": u.name,
                "kind": u.kind,
                "contact_name": u.contact_name,
                "open_cases": n,
            }
            for u, n in rows
        ],
    }


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    """What happened to one case of a bulk request: the case (done) or the domain error."""

    case_id: int
    case: Case | None = None
    error: DomainError | None = None


def bulk_sign(
    session: Session, actor: wf.Actor, case_ids: Sequence[int], now: datetime
) -> list[BulkOutcome]:
    """Sign for (签收) each case through `act`, each in its own savepoint; one outcome per id.

    A failing id (not visible: not_found; already signed: invalid_transition; not the assigned
    unit: action_forbidden) leaves the others done. Cases are locked in id order (no deadlock with
    a concurrent bulk request); outcomes come back in the order asked, duplicates once.
    """
    top = get_settings().queue_bulk_max
    wanted = list(dict.fromkeys(case_ids))
    if not wanted:
        raise InvalidInput("请至少提交一个案卷 ID", field="case_ids")
    if len(wanted) > top:
        raise TooManyIds(
            f"一次最多签收 {top} 件案卷，收到 {len(wanted)} 件", max=top, got=len(wanted)
        )
    done: dict[int, BulkOutcome] = {}
    for case_id in sorted(wanted):
        try:
            with session.begin_nested():
                case_ = act(session, case_id, wf.Action.sign, actor, ActionInput(), now)
            done[case_id] = BulkOutcome(case_id, case=case_)
        except DomainError as exc:
            done[case_id] = BulkOutcome(case_id, error=exc)
    return [done[i] for i in wanted]


# --- the command centre ---------------------------------------------------------------------------


def centre_inbox(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    status: Sequence[str] | None = None,
    source: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
) -> Page:
    """Return reported/verifying cases to register, verify or file (受理/核实/立案), most urgent first.

    Each item carries its source and the open cases it may duplicate (same category, radius and
    window as at report time, only those the caller may see).
    """
    filters: dict[str, Any] = {
        "status": _choices("status", status, INBOX_STATUSES) or sorted(INBOX_STATUSES),
        "source": _choices("source", source, SOURCES),
        "category": _categories(session, category),
        "street": _streets(session, street),
        "light": _choices("light", light, LIGHT_LABELS),
    }

    def build(at: datetime) -> _Listing:
        st = _current_stage()
        stmt = _summary_select(
            actor, st, at, func.ST_X(Case.geom).label("lon"), func.ST_Y(Case.geom).label("lat")
        ).where(
            Case.status.in_(filters["status"]),
            *_common_filters(filters),
            *_light_filter(st, at, filters["light"], None),
        )
        if filters["source"]:
            stmt = stmt.where(Case.source.in_(filters["source"]))
        return _Listing("centre_inbox", stmt, _urgency(st, at), filters)

    rows, cursor, as_of, limit, listing = _run(session, build, page, now)
    hints = {row.Case.id: _duplicates(session, row) for row in rows}
    seen = _visible_ids(session, actor, {d["id"] for ds in hints.values() for d in ds})

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        return {
            "source": c.source,
            "source_label": wf.Source(c.source).label,
            "reporter_id": c.reporter_id,
            "task_inspector_id": c.task_inspector_id,
            "outside_patrol_area": c.outside_patrol_area,
            "possible_duplicates": [d for d in hints[c.id] if d["id"] in seen],
        }

    return _page(session, actor, rows, cursor, as_of, limit, listing, extra)


def _duplicates(session: Session, row: Row[Any]) -> list[dict[str, Any]]:
    """Return the possible duplicates of a listed case (none for a case without a point)."""
    c: Case = row.Case
    if row.lon is None or row.lat is None:
        return []
    category = session.get_one(Category, c.category_id)
    found = find_duplicates(session, category, row.lon, row.lat, c.reported_at, exclude_id=c.id)
    return [
        {
            "id": d["id"],
            "case_no": d["case_no"],
            "status": d["status"],
            "distance_m": d["distance_m"],
        }
        for d in found
    ]


def _visible_ids(session: Session, actor: wf.Actor, ids: Iterable[int]) -> set[int]:
    wanted = sorted(ids)
    if not wanted:
        return set()
    return set(session.scalars(select(Case.id).where(Case.id.in_(wanted), scope.visible(actor))))


_RU = aliased(Unit, name="ru")  # the suggested (routed) unit


def dispatch_board(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
    routed_unit: Sequence[str] | None = None,
    returned: str | None = None,
    pending: Sequence[str] | None = None,
) -> Page:
    """Return filed cases waiting for dispatch (待派遣) with the suggested unit and the rule that chose it."""
    filters: dict[str, Any] = {
        "category": _categories(session, category),
        "street": _streets(session, street),
        "light": _choices("light", light, LIGHT_LABELS),
        "routed_unit": _unit_ids(session, "routed_unit", routed_unit),
        "returned": _flag("returned", returned),
        "pending": _choices("pending", pending, {"void": PENDING_FILTER["void"], "none": "无"}),
    }

    def build(at: datetime) -> _Listing:
        st = _current_stage()
        stmt = (
            _summary_select(
                actor,
                st,
                at,
                _RU.name.label("routed_unit_name"),
                _RU.active.label("routed_unit_active"),
                Rule.role.label("rule_role"),
                Rule.category_kind.label("rule_kind"),
                Rule.major_code.label("rule_major"),
                Rule.category_code.label("rule_code"),
                Rule.area_scope.label("rule_area_scope"),
                Rule.area_code.label("rule_area_code"),
                Rule.priority.label("rule_priority"),
            )
            .outerjoin(_RU, _RU.id == Case.routed_unit_id)
            .outerjoin(Rule, Rule.id == Case.routed_rule_id)
            .where(
                Case.status == wf.Status.filed.value,
                *_common_filters(filters),
                *_light_filter(st, at, filters["light"], None),
            )
        )
        if filters["routed_unit"]:
            stmt = stmt.where(Case.routed_unit_id.in_(filters["routed_unit"]))
        if filters["returned"] is not None:
            stmt = stmt.where((Case.returns > 0) if filters["returned"] else (Case.returns == 0))
        if filters["pending"]:
            stmt = stmt.where(_pending_cond(filters["pending"]))
        return _Listing("dispatch_board", stmt, _urgency(st, at), filters)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        rule = None
        if c.routed_rule_id is not None and row.rule_role is not None:
            rule = {
                "id": c.routed_rule_id,
                "role": row.rule_role,
                "role_label": ROLE_NAMES.get(row.rule_role, row.rule_role),
                "category_scope": category_scope_label(
                    row.rule_kind, row.rule_major, row.rule_code
                ),
                "area_scope": row.rule_area_scope,
                "area_label": AREA_NAMES.get(row.rule_area_scope, row.rule_area_scope),
                "area_code": row.rule_area_code,
                "priority": row.rule_priority,
            }
        return {
            "source": c.source,
            "source_label": wf.Source(c.source).label,
            "returns": c.returns,
            "suggested": {
                "unit": None
                if c.routed_unit_id is None
                else {
                    "id": c.routed_unit_id,
                    "name": row.routed_unit_name,
                    "active": row.routed_unit_active,
                },
                "routed_by": c.routed_by,
                "routed_by_label": ROUTED_BY_LABELS.get(c.routed_by or "", c.routed_by),
                "rule_id": c.routed_rule_id,
                "rule": rule,
            },
        }

    rows, cursor, as_of, limit, listing = _run(session, build, page, now)
    return _page(session, actor, rows, cursor, as_of, limit, listing, extra)


def _approval_cond(kinds: Sequence[str]) -> ColumnElement[bool]:
    """Select the requests the centre decides: every kind, but a return only at dispatch level 1.

    (At level 2 the unit that re-dispatched the case decides a return: 批准退回上级单位.)
    """
    return and_(
        Case.pending.in_(kinds),
        or_(Case.pending != wf.Pending.return_.value, Case.dispatching_unit_id.is_(None)),
    )


_REQ_UNIT = aliased(Unit, name="req_unit")


def centre_approvals(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    kind: Sequence[str] | None = None,
) -> Page:
    """Return cases with a request waiting for the centre (回退/延期/挂账/作废), oldest request first.

    Each item carries the request: kind, reason, hours (延期), who asked (user, role, unit), when.
    """
    filters: dict[str, Any] = {
        "kind": _choices("kind", kind, APPROVAL_KINDS) or sorted(APPROVAL_KINDS)
    }

    def build(at: datetime) -> _Listing:
        st = _current_stage()
        req = (
            select(
                CaseEvent.created_at.label("req_at"),
                CaseEvent.actor_id.label("req_actor_id"),
                CaseEvent.actor_role.label("req_role"),
                CaseEvent.actor_unit_id.label("req_unit_id"),
                CaseEvent.note.label("req_note"),
            )
            .where(
                CaseEvent.case_id == Case.id,
                CaseEvent.action == func.concat(Case.pending, "_request"),
            )
            .order_by(CaseEvent.seq.desc())
            .limit(1)
            .lateral("req")
        )
        stmt = (
            _summary_select(
                actor,
                st,
                at,
                req.c.req_at,
                req.c.req_actor_id,
                req.c.req_role,
                req.c.req_unit_id,
                req.c.req_note,
                _REQ_UNIT.name.label("req_unit_name"),
                _USERS.c.display_name.label("req_user_name"),
            )
            .outerjoin(req, true())
            .outerjoin(_REQ_UNIT, _REQ_UNIT.id == req.c.req_unit_id)
            .outerjoin(_USERS, _USERS.c.id == req.c.req_actor_id)
            .where(_approval_cond(filters["kind"]))
        )
        when = func.coalesce(req.c.req_at, Case.updated_at)
        return _Listing("centre_approvals", stmt, _Order((when, Case.id), ("ts", "int")), filters)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        asked = c.pending_payload or {}
        hours = asked.get("hours")
        return {
            "request": {
                "kind": c.pending,
                "kind_label": wf.Pending(c.pending).label if c.pending else None,
                "reason": asked.get("note", row.req_note),
                "hours": float(hours) if hours is not None else None,
                "requested_at": row.req_at,
                "by": {
                    "user_id": asked.get("by", row.req_actor_id),
                    "name": row.req_user_name,
                    "role": row.req_role,
                    "unit": None
                    if row.req_unit_id is None
                    else {"id": row.req_unit_id, "name": row.req_unit_name},
                },
            }
        }

    rows, cursor, as_of, limit, listing = _run(session, build, page, now)
    return _page(session, actor, rows, cursor, as_of, limit, listing, extra)


def _overdue_stage(at: datetime) -> ColumnElement[bool]:
    """Select open clocks the sweeper marked red, or past due at `at` (paused: when paused)."""
    return and_(
        CaseStage.stopped_at.is_(None),
        or_(
            CaseStage.light == "red",
            and_(
                CaseStage.due_at < _as_of(at),
                or_(CaseStage.paused_at.is_(None), CaseStage.due_at < CaseStage.paused_at),
            ),
        ),
    )


def _overdue_where(at: datetime, stages: Sequence[str] = ()) -> list[ColumnElement[bool]]:
    which = [_overdue_stage(at)]
    if stages:
        which.append(CaseStage.stage.in_(stages))
    return which


def _overdue_cases(at: datetime, stages: Sequence[str] = ()) -> ColumnElement[bool]:
    """Select cases with an overdue open clock: `id = ANY(ARRAY(…))` over the open-clock indexes.

    The array form makes the planner look the cases up by primary key whatever it estimates: it
    cannot know that almost every past-due clock is a stopped one, overestimates the open overdue
    clocks, and would otherwise hash the whole case table.
    """
    found = select(CaseStage.case_id).where(*_overdue_where(at, stages)).scalar_subquery()
    return Case.id == any_(func.array(found, type_=ARRAY(BigInteger)))


def _most_overdue_clock(at: datetime, stages: Sequence[str] = ()) -> Lateral:
    """Return the lateral row of the case's most overdue open clock."""
    late = CaseStage.due_at - func.coalesce(CaseStage.paused_at, _as_of(at))
    return (
        select(*_STAGE_COLS, late.label("late_by"))
        .where(CaseStage.case_id == Case.id, *_overdue_where(at, stages))
        .order_by(late, CaseStage.id)
        .limit(1)
        .lateral("st")
    )


_SU = aliased(Unit, name="su")  # the overdue clock's unit
_EU = aliased(Unit, name="eu")  # the unit it was escalated to


def centre_supervision(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    stage: Sequence[str] | None = None,
    unit: Sequence[str] | None = None,
    category: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
) -> Page:
    """Return overdue cases (督办): an open clock past due or red, most overdue first.

    One item per case, showing its most overdue open clock: days overdue, the clock's unit, when
    it was escalated and to whom (the sweeper's `overdue` event). `unit` matches the clock's unit
    or the assigned unit.
    """
    filters: dict[str, Any] = {
        "stage": _choices("stage", stage, STAGES),
        "unit": _unit_ids(session, "unit", unit),
        "category": _categories(session, category),
        "street": _streets(session, street),
    }

    def build(at: datetime) -> _Listing:
        st = _most_overdue_clock(at, filters["stage"])
        esc = (
            select(
                CaseEvent.payload["escalated_to"].astext.label("esc_to"),
                CaseEvent.payload["escalated_to_unit_id"].astext.label("esc_unit_id"),
            )
            .where(
                CaseEvent.case_id == Case.id,
                CaseEvent.action == "overdue",
                CaseEvent.payload["stage_id"].astext == cast(st.c.stage_id, String),
            )
            .order_by(CaseEvent.seq.desc())
            .limit(1)
            .lateral("esc")
        )
        esc_unit = case((esc.c.esc_unit_id.op("~")(r"^\d+$"), cast(esc.c.esc_unit_id, Integer)))
        stmt = (
            _summary_select(
                actor,
                st,
                at,
                _SU.name.label("stage_unit_name"),
                esc.c.esc_to,
                _EU.id.label("esc_unit_id"),
                _EU.name.label("esc_unit_name"),
                inner=True,
            )
            .outerjoin(_SU, _SU.id == st.c.stage_unit_id)
            .outerjoin(esc, true())
            .outerjoin(_EU, _EU.id == esc_unit)
            .where(_overdue_cases(at, filters["stage"]), *_common_filters(filters))
        )
        if filters["unit"]:
            stmt = stmt.where(
                or_(
                    st.c.stage_unit_id.in_(filters["unit"]),
                    Case.assigned_unit_id.in_(filters["unit"]),
                )
            )
        late_us = cast(func.extract("epoch", st.c.late_by) * 1_000_000, BigInteger)
        return _Listing(
            "centre_supervision", stmt, _Order((late_us, Case.id), ("int", "int")), filters
        )

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        late = max(0.0, ((row.paused_at or as_of) - row.due_at).total_seconds())
        to = None
        if row.esc_to is not None:
            to = {
                "kind": row.esc_to,
                "unit": None
                if row.esc_unit_id is None
                else {"id": row.esc_unit_id, "name": row.esc_unit_name},
            }
        return {
            "overdue_seconds": int(late),
            "days_overdue": round(late / 86_400, 2),
            "stage_unit": None
            if row.stage_unit_id is None
            else {"id": row.stage_unit_id, "name": row.stage_unit_name},
            "escalated_at": row.escalated_at,
            "escalated_to": to,
        }

    rows, cursor, as_of, limit, listing = _run(session, build, page, now)
    return _page(session, actor, rows, cursor, as_of, limit, listing, extra)


def centre_counts(session: Session, actor: wf.Actor, now: datetime) -> dict[str, Any]:
    """Return the badges of every centre list in one statement (same conditions as the lists)."""
    visible = scope.visible(actor)

    def n(*conds: ColumnElement[bool]) -> Any:
        return select(func.count()).select_from(Case).where(visible, *conds).scalar_subquery()

    kinds = sorted(APPROVAL_KINDS)
    row = session.execute(
        select(
            n(Case.status.in_(sorted(INBOX_STATUSES))).label("inbox"),
            n(Case.status == wf.Status.filed.value).label("dispatch_board"),
            *(n(_approval_cond([k])).label(f"approvals_{k}") for k in kinds),
            n(_overdue_cases(now)).label("supervision"),
        )
    ).one()
    approvals = {k: row._mapping[f"approvals_{k}"] for k in kinds}
    return {
        "inbox": row.inbox,
        "dispatch_board": row.dispatch_board,
        "approvals": approvals | {"total": sum(approvals.values())},
        "supervision": row.supervision,
        "as_of": now,
    }


def filters_of(page: Page) -> dict[str, Any]:
    """Return the page's filters as plain data (for the answer's echo)."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in page.filters.items()}
