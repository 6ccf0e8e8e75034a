"""Keyset pages of a list: the total order, the cursor (the one codec of app.cases.paging), one statement per page."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    literal,
    tuple_,
)
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from app.cases.paging import aware_time, decode_cursor, encode_cursor
from app.core.config import get_settings
from app.queues.filters import BIGINT, AnySelect, InvalidCursor, PageRequest

_MAX_CURSOR_CHARS = 1024
_CLOCK_SKEW = timedelta(minutes=1)  # workers' clocks may differ a little


# --- cursors ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Order:
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
            elif isinstance(v, int) and not isinstance(v, bool) and -BIGINT <= v < BIGINT:
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
class Listing:
    """A list's statement before paging, with what the page needs to finish it."""

    name: str
    stmt: AnySelect
    order: Order
    filters: dict[str, Any]


def run_page(
    session: Session,
    build: Callable[[datetime], Listing],
    page: PageRequest,
    now: datetime,
) -> tuple[list[Row[Any]], str | None, datetime, int, Listing]:
    """Build the listing at the cursor's as_of (or now), fetch one page, return rows + cursor."""
    limit = page.size()
    as_of = now
    probe: Listing = build(now)
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


def filters_of(page: Page) -> dict[str, Any]:
    """Return the page's filters as plain data (for the answer's echo)."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in page.filters.items()}
