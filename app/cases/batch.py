"""Batch intake (批量上报): many reports in one transaction, each with its own key and result.

Set-based: the reference version and case ids, the idempotency keys (locked in key order), the
locate/snap/rule statements of the router and the duplicate check each run once for the whole
batch (`route_many`, `find_duplicates_many`); every report is then planned in Python by the one
report path (`service.plan_report`: first clock, first event, chain) and all are inserted by one
statement (`writes.insert_cases`, numbers drawn per district in input order), their idempotency
records by another. A refused report (unknown category, outside the service area, a key reused
with other content…) is refused before anything is written, so the others go on; the batch
commits as one transaction, so a batch that dies half way has created nothing and answered
nothing, and the same batch sent again creates each report once (its idempotency key).

Duplicates are checked as if the batch had been reported one by one, in order: against the
open cases that existed before it and against the batch's earlier reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.cases import idempotency
from app.cases import workflow as wf
from app.cases.idempotency import Remember
from app.cases.report_policy import Channel, check_report
from app.cases.service import (
    Checked,
    ReportInput,
    ReportResult,
    check_report_input,
    find_duplicates_many,
    finish_report,
    plan_report,
    reference_and_case_ids,
)
from app.cases.writes import NewCase, insert_cases
from app.core.config import get_settings
from app.core.errors import DomainError
from app.grid.service import Route, route_many


@dataclass(frozen=True)
class BatchItem:
    """One report of a batch: its idempotency key, the content it was sent with, the report."""

    key: str
    content: Any  # the request content without the key, for the idempotency fingerprint
    report: ReportInput
    photos: int = 0


@dataclass(frozen=True)
class BatchOutcome:
    """What became of one report: `created`, `duplicate` (the key was used) or `refused`."""

    index: int
    key: str
    status: str
    answer: dict[str, Any] | None = None  # created / duplicate: id, case_no (, case_status …)
    error: DomainError | None = None  # refused


def report_batch(
    session: Session,
    items: Sequence[BatchItem],
    actor: wf.Actor,
    channel: Channel,
    scope: str,
    now: datetime,
) -> list[BatchOutcome]:
    """Report every item; return one outcome per item, in order."""
    ref, ids = reference_and_case_ids(session, len(items))
    outcomes: dict[int, BatchOutcome] = {}
    fps = [idempotency.request_fingerprint(item.content) for item in items]
    for i, item in enumerate(items):
        try:
            idempotency.check_key(item.key)
        except DomainError as exc:
            outcomes[i] = BatchOutcome(i, item.key, "refused", error=exc)
    earlier = idempotency.replay_many(
        session, [it.key for i, it in enumerate(items) if i not in outcomes], scope
    )
    first: dict[str, int] = {}  # key → the batch's first item with it
    again: dict[int, int] = {}  # a later item with the same key and content → that first item
    todo: list[tuple[int, Checked]] = []
    for i, item in enumerate(items):
        if i in outcomes:
            continue
        rec = earlier.get(item.key)
        j = first.setdefault(item.key, i)
        try:
            if (rec is not None and rec[0] != fps[i]) or fps[j] != fps[i]:
                raise idempotency.IdempotencyKeyReused(key=item.key)
            if rec is not None:
                answer = {"id": rec[1]["id"], "case_no": rec[1]["case_no"]}
                outcomes[i] = BatchOutcome(i, item.key, "duplicate", answer)
                continue
            if j != i:
                again[i] = j
                continue
            check_report(channel, actor.role, item.report.source, item.photos)
            todo.append((i, check_report_input(session, item.report, ref)))
        except DomainError as exc:
            outcomes[i] = BatchOutcome(i, item.key, "refused", error=exc)
    located = [(i, c, p) for i, (c, _, p, _) in todo if p is not None]
    routes = route_many(session, [(c.scope(), p) for _, c, p in located], now)
    routed_ok = [
        (i, c, p) for (i, c, p), r in zip(located, routes, strict=True) if isinstance(r, Route)
    ]
    found = find_duplicates_many(
        session,
        [(ids[i], c, p.lon, p.lat) for i, c, p in routed_ok],
        now,
        wf.Status.reported.value,
    )
    routed: dict[int, tuple[Route, list[dict[str, Any]]] | DomainError] = {}
    dups = iter(found)
    for (i, _, _), r in zip(located, routes, strict=True):
        routed[i] = (r, next(dups)) if isinstance(r, Route) else r
    planned: list[tuple[int, ReportResult, NewCase]] = []
    for i, checked in todo:
        found_route = routed.get(i)
        try:
            if isinstance(found_route, DomainError):
                raise found_route
            res, new = plan_report(
                session,
                items[i].report,
                actor,
                now,
                ref=ref,
                case_id=ids[i],
                checked=checked,
                routed=found_route,
            )
            planned.append((i, res, new))
        except DomainError as exc:
            outcomes[i] = BatchOutcome(i, items[i].key, "refused", error=exc)
    auto_file = get_settings().auto_file_sources
    answers: dict[int, dict[str, Any]] = {}
    early: list[tuple[int, Remember, Any]] = []  # stored by the insert (the number drawn there)
    for i, res, _ in planned:
        answers[i] = {
            "index": i,
            "idempotency_key": items[i].key,
            "status": "created",
            "id": res.case.id,
            "case_no": None,
            "case_status": res.case.status,
            "possible_duplicates": [d["id"] for d in res.possible_duplicates],
        }
        if res.case.source not in auto_file:
            early.append((res.case.id, Remember(items[i].key, scope, fps[i], 201), answers[i]))
    numbers = insert_cases(session, [new for _, _, new in planned], now, early)
    late: list[tuple[str, str, int, Any]] = []
    for i, res, _ in planned:
        finish_report(session, res, numbers, now, keep=False)
        answers[i]["case_no"] = res.case.case_no
        if res.case.source in auto_file:  # the report went on: its status after filing
            answers[i]["case_status"] = res.case.status
            late.append((items[i].key, fps[i], 201, answers[i]))
        outcomes[i] = BatchOutcome(i, items[i].key, "created", answers[i])
    idempotency.remember_many(session, scope, late, now)
    for i, j in again.items():
        done = outcomes[j]
        outcomes[i] = (
            BatchOutcome(
                i,
                items[i].key,
                "duplicate",
                {"id": done.answer["id"], "case_no": done.answer["case_no"]},
            )
            if done.status == "created" and done.answer is not None
            else BatchOutcome(i, items[i].key, done.status, error=done.error)
        )
    return [outcomes[i] for i in range(len(items))]
