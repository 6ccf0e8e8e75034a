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
from tests.support.open311 import fms_xml


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


def test_posted_statuses_imply_only_transitions_the_table_gives_the_system() -> None:
    assert set(o311.UpdateStatus) | {"REOPEN"} == set(o311.POSTED_STATUSES)
    system = wf.Actor(wf.Role.system)
    for name, posted in o311.POSTED_STATUSES.items():
        assert posted.meaning, name
        if posted.action is None:
            continue
        rows = [r for r in wf.TABLE if r.action is posted.action and wf.Role.system in r.roles]
        assert rows, (name, posted.action)
        for row in rows:  # allowed from its row's status, refused from every other
            assert row.frm is not None
            assert wf.is_allowed(wf.CaseState(row.frm), posted.action, system)
    closers = {n for n, p in o311.POSTED_STATUSES.items() if p.action is wf.Action.close}
    assert closers == {"FIXED", "CLOSED"}
    assert not wf.is_allowed(wf.CaseState(wf.Status.handled), wf.Action.close, system)


def test_page_numbers_default_to_the_newest_items() -> None:
    page = o311.Page([], total=7, page=3, page_size=3)
    assert page.last_page == 3 and o311.Page([], 0, 1, 10).last_page == 1
    assert o311._page_number(None, 3, 7, newest_last=True) == 3
    assert o311._page_number(None, 3, 7, newest_last=False) == 1
    assert o311._page_number(2, 3, 7, newest_last=True) == 2
    assert o311._page_number(None, 3, 0, newest_last=True) == 1


def test_text_is_plain_but_control_characters_are_refused() -> None:
    plain = "照片见 <http://example.com/p.jpg> & <b>"
    assert o311._clean_text(f"  {plain}\n", "description", 100) == plain
    assert o311._clean_text("第一行\r\n\t第二行", "description", 100) == "第一行\r\n\t第二行"
    for bad in ("\x00", "\x08", "\x1b", "\x7f"):
        with pytest.raises(o311.Open311Invalid, match=f"U\\+{ord(bad):04X}"):
            o311._clean_text(f"a{bad}b", "description", 100)
    body = xml_document("x", {"d": plain})
    assert b"&lt;http://example.com/p.jpg&gt; &amp; &lt;b&gt;" in body
