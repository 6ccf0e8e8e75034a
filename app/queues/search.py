"""The case search (案卷查询) of the command centre and leaders: every filter, one scoped page.

Scope is `app.cases.scope.visible` (inside `summary_select`), so a case the caller may not see is
absent. Newest first by `(reported_at, id)` (index `ix_dispatch_case_reported_id`), or most
urgent first like the queues. The text matches the case number, the description and the address
(`ILIKE` on each: a filter on the scoped rows, no index needed at 10,000 cases).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import not_, or_
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import Case
from app.core.config import get_settings
from app.queues.filters import (
    LIGHT_LABELS,
    SEARCH_ORDERS,
    SOURCES,
    STATUSES,
    InvalidFilter,
    PageRequest,
    area_codes,
    categories,
    choice,
    choices,
    flag,
    instant,
    streets,
    text_query,
    unit_ids,
)
from app.queues.paging import Listing, Order, Page, run_page
from app.queues.summary import (
    common_filters,
    current_stage,
    finish_page,
    light_filter,
    summary_select,
    urgency,
)


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_cases(
    session: Session,
    actor: wf.Actor,
    now: datetime,
    page: PageRequest = PageRequest(),
    *,
    status: Sequence[str] | None = None,
    open_: str | None = None,
    category: Sequence[str] | None = None,
    source: Sequence[str] | None = None,
    unit: Sequence[str] | None = None,
    street: Sequence[str] | None = None,
    community: Sequence[str] | None = None,
    cell: Sequence[str] | None = None,
    light: Sequence[str] | None = None,
    overdue: str | None = None,
    reported_from: str | None = None,
    reported_to: str | None = None,
    q: str | None = None,
    sort: str | None = None,
) -> Page:
    """Return a page of the cases `actor` sees that match every filter given.

    `unit` matches the assigned unit (承办单位); the light is the case's running clock (deepest
    dispatch level), finished cases have none and count as green; the period is on `reported_at`
    (`reported_from` inclusive, `reported_to` exclusive).
    """
    filters: dict[str, Any] = {
        "status": choices("status", status, STATUSES),
        "open": flag("open", open_),
        "category": categories(session, category),
        "source": choices("source", source, SOURCES),
        "unit": unit_ids(session, "unit", unit),
        "street": streets(session, street),
        "community": area_codes("community", community),
        "cell": area_codes("cell", cell),
        "light": choices("light", light, LIGHT_LABELS),
        "overdue": flag("overdue", overdue),
        "reported_from": instant("reported_from", reported_from),
        "reported_to": instant("reported_to", reported_to),
        "q": text_query("q", q, get_settings().search_text_max),
        "sort": choice("sort", sort, SEARCH_ORDERS, "newest"),
    }
    since, until = filters["reported_from"], filters["reported_to"]
    if since is not None and until is not None and until <= since:
        raise InvalidFilter(
            "参数 reported_to 应晚于 reported_from", filter="reported_to", value=until.isoformat()
        )

    def build(at: datetime) -> Listing:
        f = filters
        st = current_stage()
        stmt = summary_select(actor, st, at).where(
            *common_filters(f), *light_filter(st, at, f["light"], f["overdue"])
        )
        if f["status"]:
            stmt = stmt.where(Case.status.in_(f["status"]))
        if f["open"] is not None:
            finished = Case.status.in_(sorted(s.value for s in wf.FINISHED_STATUSES))
            stmt = stmt.where(not_(finished) if f["open"] else finished)
        if f["source"]:
            stmt = stmt.where(Case.source.in_(f["source"]))
        if f["unit"]:
            stmt = stmt.where(Case.assigned_unit_id.in_(f["unit"]))
        if f["community"]:
            stmt = stmt.where(Case.community_code.in_(f["community"]))
        if f["cell"]:
            stmt = stmt.where(Case.grid_code.in_(f["cell"]))
        if since is not None:
            stmt = stmt.where(Case.reported_at >= since)
        if until is not None:
            stmt = stmt.where(Case.reported_at < until)
        if f["q"]:
            pattern = _like(f["q"])
            stmt = stmt.where(
                or_(
                    *(
                        col.ilike(pattern, escape="\\")
                        for col in (Case.case_no, Case.description, Case.address_text)
                    )
                )
            )
        if f["sort"] == "urgency":
            return Listing("case_search", stmt, urgency(st, at), f)
        order = Order((Case.reported_at, Case.id), ("ts", "int"), descending=True)
        return Listing("case_search", stmt, order, f)

    def extra(row: Row[Any], as_of: datetime) -> dict[str, Any]:
        c: Case = row.Case
        return {
            "source": c.source,
            "source_label": wf.Source(c.source).label,
            "description": c.description,
            "community_code": c.community_code,
        }

    rows, cursor, as_of, limit, listing = run_page(session, build, page, now)
    return finish_page(session, actor, rows, cursor, as_of, limit, listing, extra)
