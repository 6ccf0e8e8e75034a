"""An action's answer is the case as a read shows it right after, field by field.

The action endpoints build their answer from what the lock read and the transition wrote
(`service.act_view`) instead of reading the case again; it must equal `GET /cases/{id}` at the
same instant for the same caller, through a whole closed loop with requests, two-level dispatch,
photos and clocks paused and resumed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.api import (
    DISPATCHER,
    INSPECTOR,
    LEADER,
    PHOTO,
    Api,
    Headers,
    handler,
)


def _same_as_read(api: Api, case: dict[str, Any] | int, action: str, who: Headers, **body: Any):
    answer = api.act(case, action, who, **body)
    assert answer == api.get(answer["id"], who), action
    return answer


def test_every_action_answer_equals_the_read_after_it(
    api: Api, client: Any, units: dict[str, int], freeze_now: Callable[[datetime], None]
) -> None:
    t = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Beijing
    freeze_now(t)
    case = api.report()
    for step, (action, who, body) in enumerate(
        [
            ("file", LEADER, {}),
            ("dispatch", DISPATCHER, {"unit_id": units["370303-ZJ"]}),
            ("sign", None, {}),
            ("suspend_request", None, {"note": "待规划"}),
            ("suspend_approve", DISPATCHER, {}),
            ("resume", DISPATCHER, {}),
            ("extend_request", None, {"note": "材料未到", "hours": "4"}),
            ("extend_approve", DISPATCHER, {}),
            ("handle", None, {"photos": PHOTO, "note": "已劝离"}),
            ("check_fail", INSPECTOR, {"photos": PHOTO, "note": "仍有摊位"}),
            ("sign", None, {}),
            ("handle", None, {"photos": PHOTO, "note": "已清理"}),
            ("check_pass", INSPECTOR, {"photos": PHOTO}),
            ("close", LEADER, {}),
        ]
    ):
        freeze_now(t + timedelta(minutes=37 * (step + 1)))
        who = who or handler(case["assigned_unit_id"])
        case = _same_as_read(api, case, action, who, **body)
    assert case["status"] == "closed"


def test_two_level_dispatch_and_board_dispatch_answers_equal_the_read(
    api: Api, client: Any, units: dict[str, int], db_session: Any
) -> None:
    from sqlalchemy import text

    parent = units["370303-ZJ"]
    sub = db_session.execute(
        text("SELECT id FROM grid_unit WHERE parent_id = :p AND active ORDER BY id LIMIT 1"),
        {"p": parent},
    ).scalar()
    case = api.filed()
    r = client.post(
        f"/api/v1/centre/dispatch-board/{case['id']}/dispatch",
        json={"unit_id": parent},
        headers=DISPATCHER,
    )
    assert r.status_code == 200, r.text
    assert r.json() == api.get(case["id"], DISPATCHER)
    if sub is None:  # the demo city gives this unit sub-units; without them nothing more to see
        return
    case = _same_as_read(api, case["id"], "sign", handler(parent))
    assert "redispatch" in case["allowed_actions"]
    case = _same_as_read(api, case, "redispatch", handler(parent), unit_id=sub)
    case = _same_as_read(api, case, "sign", handler(sub))
    case = _same_as_read(api, case, "return_request", handler(sub), note="不属本单位")
    case = _same_as_read(api, case, "recall", handler(parent))
    assert case["assigned_unit_id"] == parent and case["dispatching_unit_id"] is None
