"""Open311 pure parts: the status table, XML rendering, parameter parsing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from app.api.open311 import Params, error_response, open311_status, xml_document
from app.cases import workflow as wf
from app.channels.open311 import service as o311
from app.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotConfigured,
    NotFound,
    OutsideServiceArea,
    RateLimited,
)
from tests.api.open311_support import fms_xml


def test_status_table_covers_every_status_and_action_override() -> None:
    assert set(o311.STATUS_TABLE) == set(wf.Status)
    for status in wf.Status:
        assert o311.request_status(status) == ("open" if status.is_open else "closed")
    assert o311.extended_status("dispatched", "dispatch") is o311.UpdateStatus.IN_PROGRESS
    assert o311.extended_status("dispatched", "redispatch") is o311.UpdateStatus.INTERNAL_REFERRAL
    assert (
        o311.extended_status("rejected", "reject") is o311.UpdateStatus.NOT_COUNCILS_RESPONSIBILITY
    )
    assert (
        o311.extended_status("rejected", "verify_not_exists") is o311.UpdateStatus.NO_FURTHER_ACTION
    )
    assert o311.extended_status("merged") is o311.UpdateStatus.DUPLICATE
    assert o311.extended_status("closed", "close") is o311.UpdateStatus.FIXED
    assert o311.extended_status("filed", "return_approve") is o311.UpdateStatus.INTERNAL_REFERRAL
    assert {m.extended for m in o311.STATUS_TABLE.values()} <= set(o311.UpdateStatus)
    assert "extend_request" not in o311.PUBLIC_ACTIONS and "dispatch" in o311.PUBLIC_ACTIONS


def test_error_status_mapping() -> None:
    assert open311_status(NotFound()) == 404
    assert open311_status(o311.UnknownService()) == 404
    assert open311_status(Forbidden()) == 403
    assert open311_status(wf.ActionForbidden()) == 403
    assert open311_status(RateLimited()) == 429
    assert open311_status(NotConfigured()) == 503
    for exc in (InvalidInput(), Conflict(), OutsideServiceArea(), o311.DuplicateUpdate()):
        assert open311_status(exc) == 400


def test_xml_rendering_groups_items_and_keeps_empty_elements() -> None:
    body = xml_document(
        "service_definition",
        {
            "service_code": "event:06001",
            "attributes": [
                {
                    "code": "a",
                    "required": True,
                    "order": 1,
                    "values": [{"key": "1", "name": "x&y"}],
                },
                {"code": "b", "required": False, "description": None},
            ],
        },
    )
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<service_definition>')
    assert b"x&amp;y" in body and b"<description />" in body
    parsed = fms_xml(body)
    assert parsed["attributes"][0]["values"] == [{"key": "1", "name": "x&y"}]
    assert parsed["attributes"][0]["required"] == "true"
    assert parsed["attributes"][1]["description"] is None
    # characters XML 1.0 cannot carry are dropped instead of producing a broken document
    assert fms_xml(xml_document("errors", [{"code": 400, "description": "a\x00b\x1fc"}])) == {
        "error": [{"code": "400", "description": "abc"}]
    }
    r = error_response("json", 404, "没有")
    assert r.body == '[{"code":404,"description":"没有"}]'.encode()
    assert r.headers["content-type"] == "application/json; charset=utf-8"


def _params(**values: Any) -> Params:
    return Params({k: v if isinstance(v, list) else [v] for k, v in values.items()})


def test_params_parsing() -> None:
    p = _params(
        a="",
        b=" x ",
        ids=["1,2", "3"],
        t="2026-11-21T10:15:00 08:00",
        d="2026-11-21",
        **{"attribute[fixmystreet_id]": "9", "attribute[multi][]": ["a", "b"], "attributes": "no"},
    )
    assert p.get("a") is None and p.get("a", "b") == "x" and p.get("missing") is None
    assert p.items("ids") == ["1", "2", "3"]
    assert p.moment("t") == datetime.fromisoformat("2026-11-21T10:15:00+08:00")
    day = p.moment("d")
    assert day is not None and day.utcoffset() == timedelta(hours=8)
    assert p.attributes() == {"fixmystreet_id": ["9"], "multi": ["a", "b"]}
    with pytest.raises(o311.Open311Invalid):
        _params(n="north").number("n")
    with pytest.raises(o311.Open311Invalid):
        _params(n="1.5").integer("n")
    with pytest.raises(o311.Open311Invalid):
        _params(bbox="1,2,3,nan").bbox()
    assert _params(bbox="1,2,3,4").bbox() == (1.0, 2.0, 3.0, 4.0)
    assert _params(e="TRUE").flag("e") and not _params(e="no").flag("e")
