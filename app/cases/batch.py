"""Batch intake (批量上报): many reports in one transaction, each with its own key and result.

Every report runs in its own savepoint: a refused one (unknown category, outside the service
area…) rolls back alone and the others go on; the batch commits as one transaction, so a batch
that dies half way (connection lost, process killed) has created nothing and answered nothing,
and the same batch sent again creates each report once (its idempotency key). Reference data and
case ids are read once for the whole batch; numbering, clocks and events are those of
`service.report_case`, the one report path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.cases import idempotency
from app.cases import workflow as wf
from app.cases.report_policy import Channel, check_report
from app.cases.service import ReportInput, reference_and_case_ids, report_case
from app.core.errors import DomainError


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
    """Report every item in its own savepoint; return one outcome per item, in order."""
    ref, ids = reference_and_case_ids(session, len(items))
    outcomes: list[BatchOutcome] = []
    for i, item in enumerate(items):
        fp = idempotency.request_fingerprint(item.content)
        try:
            with session.begin_nested():
                earlier = idempotency.replay(session, item.key, scope, fp)
                if earlier is not None:
                    first = earlier[1]
                    outcomes.append(
                        BatchOutcome(
                            i,
                            item.key,
                            "duplicate",
                            {"id": first["id"], "case_no": first["case_no"]},
                        )
                    )
                    continue
                check_report(channel, actor.role, item.report.source, item.photos)
                res = report_case(session, item.report, actor, now, ref=ref, case_id=ids[i])
                answer = {
                    "index": i,
                    "idempotency_key": item.key,
                    "status": "created",
                    "id": res.case.id,
                    "case_no": res.case.case_no,
                    "case_status": res.case.status,
                    "possible_duplicates": [d["id"] for d in res.possible_duplicates],
                }
                idempotency.remember(session, item.key, scope, fp, 201, answer, now)
                outcomes.append(BatchOutcome(i, item.key, "created", answer))
        except DomainError as exc:
            outcomes.append(BatchOutcome(i, item.key, "refused", error=exc))
    return outcomes
