"""Bulk dispatch from the dispatch board: the same transition per case, one result per id."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.config import get_settings
from tests.support.api import DISPATCHER, OPERATOR, Api, err

URL = "/api/v1/centre/dispatch-board/dispatch"


def test_bulk_dispatch_answers_per_id_and_keeps_the_good_ones(
    api: Api, client: Any, units: dict[str, int]
) -> None:
    zj = units["370303-ZJ"]
    a, b = api.filed()["id"], api.filed()["id"]
    routed = {cid: api.get(cid, DISPATCHER)["routed_unit_id"] for cid in (a, b)}
    not_filed = api.report()["id"]
    already = api.dispatched()["id"]
    missing = 10**12
    asked = [b, not_filed, a, already, missing, b]
    r = client.post(URL, json={"case_ids": asked}, headers=DISPATCHER)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [x["case_id"] for x in body["results"]] == [b, not_filed, a, already, missing]
    assert (body["ok"], body["failed"]) == (2, 3)
    res = {x["case_id"]: x for x in body["results"]}
    for cid in (a, b):  # each to its own suggested unit, through the engine
        assert res[cid]["ok"] and res[cid]["status"] == "dispatched"
        assert res[cid]["assigned_unit_id"] == routed[cid] and res[cid]["dispatched_at"]
        assert api.trail(cid) == ["report", "file", "dispatch"]
    for cid in (not_filed, already):
        assert (res[cid]["error"]["status"], res[cid]["error"]["code"]) == (
            409,
            "invalid_transition",
        )
    assert res[missing]["error"]["code"] == "not_found"
    assert api.trail(not_filed) == ["report"] and api.trail(already) == [
        "report",
        "file",
        "dispatch",
    ]
    # one unit for all, and the role check of the table
    c = api.filed()["id"]
    one = client.post(URL, json={"case_ids": [c], "unit_id": zj}, headers=DISPATCHER).json()
    assert one["results"][0]["assigned_unit_id"] == zj
    err(
        client.post(URL, json={"case_ids": [api.filed()["id"]]}, headers=OPERATOR),
        403,
        "action_forbidden",
    )


def test_bulk_dispatch_limit_is_configurable(
    api: Api, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert get_settings().dispatch_bulk_max == 1000
    monkeypatch.setattr(get_settings(), "dispatch_bulk_max", 2)
    ids_ = [api.filed()["id"] for _ in range(3)]
    body = err(client.post(URL, json={"case_ids": ids_}, headers=DISPATCHER), 422, "too_many_ids")
    assert body["detail"] == {"max": 2, "got": 3}
    assert all(api.get(i, DISPATCHER)["status"] == "filed" for i in ids_)  # nothing was done
