"""One convention for every timestamp in answers: the deployment zone with its offset.

Regression: ticket creation returned `+08:00` beside `+00:00`, lists used `Z`.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from tests.support.api import DISPATCHER, LEADER, OPERATOR, Api
from tests.support.hotline import agent, file

INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def instants(value: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)] if INSTANT.match(value) else []
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in instants(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in instants(v, f"{path}[{i}]")]
    return []


def check(body: Any) -> int:
    found = instants(body)
    wrong = [(p, v) for p, v in found if not v.endswith("+08:00")]
    assert wrong == [], wrong
    return len(found)


def test_every_timestamp_uses_the_deployment_offset(
    client: Any, db_session: Session, api: Api
) -> None:
    seen = 0
    out = file(client, agent(db_session), "T-1")  # ticket creation (mixed offsets before)
    seen += check(out)
    case = api.act(api.act(out["case"]["id"], "file", LEADER), "dispatch", DISPATCHER)
    seen += check(case)
    for url, headers in (
        (f"/api/v1/cases/{case['id']}", OPERATOR),
        (f"/api/v1/cases/{case['id']}/events", OPERATOR),
        ("/api/v1/centre/inbox", OPERATOR),
        ("/api/v1/centre/dispatch-board", DISPATCHER),
        (f"/api/v1/hotline/tickets/{case['id']}", agent(db_session)),
        ("/api/v1/hotline/tickets", agent(db_session)),
    ):
        r = client.get(url, headers=headers)
        assert r.status_code == 200, (url, r.text)
        seen += check(r.json())
    assert seen > 20
