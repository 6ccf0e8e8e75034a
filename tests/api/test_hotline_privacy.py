"""HTTP: the caller's personal information — masked everywhere, revealed only on request and
audited on the hash chain, never in a log line and never in another role's answer."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, MutableMapping
from typing import Any

import pytest
import structlog
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.cases.service import verify_chains
from tests.support.api import (
    DISPATCHER,
    HOTLINE,
    INSPECTOR,
    LEADER,
    OPERATOR,
    PHOTO,
    Api,
    chain_ok,
    err,
    handler,
    who,
)
from tests.support.hotline import (
    NAME,
    PHONE,
    PHONE_DIGITS,
    URL,
    Headers,
    agent,
    file,
    spot_of,
    to_closed,
    unit_id,
)

# Every way the caller could leak: the number (plain, formatted, its hidden middle with the
# end) and the name (whole, or the part the mask hides).
SECRETS = (PHONE_DIGITS, PHONE, "0731 9264", "07319264", NAME, "修远")
MASKED_PHONE, MASKED_NAME = "139****9264", "欧阳**"


def leaks(text_: str) -> list[str]:
    return [s for s in SECRETS if s in text_]


@pytest.fixture
def api(client: Any, db_session: Session) -> Api:
    return Api(client, spot_of(db_session))


@pytest.fixture
def responses(client: Any) -> Iterator[list[tuple[str, str, str]]]:
    """Every (method, url, body) the client receives while the test runs."""
    seen: list[tuple[str, str, str]] = []

    def record(response: Any) -> None:
        response.read()
        seen.append((response.request.method, str(response.request.url), response.text))

    client.event_hooks["response"].append(record)
    yield seen
    client.event_hooks["response"].remove(record)


def reveal(client: Any, case_id: int, headers: Headers, reason: str = "联系诉求人核实现场") -> Any:
    return client.post(f"{URL}/{case_id}/caller", json={"reason": reason}, headers=headers)


def test_reveal_returns_the_caller_and_is_audited_on_the_chain(
    api: Api, client: Any, db_session: Session
) -> None:
    h = agent(db_session)
    out = file(client, h, "PV-1")
    cid = out["case"]["id"]
    for blank in ("", "   "):
        e = err(reveal(client, cid, h, blank), 422, "reason_required")
        assert "理由" in e["message"]
    r = reveal(client, cid, h, "联系诉求人核实摊点位置")
    assert r.status_code == 200, r.text
    assert r.json()["caller"] == {"name": NAME, "phone": PHONE_DIGITS}
    assert r.headers["cache-control"] == "no-store"
    ev = api.events(cid)[-1]
    assert ev["action"] == "caller_revealed" and ev["note"] == "联系诉求人核实摊点位置"
    assert ev["actor_role"] == "hotline_agent" and ev["actor_id"] == 611
    assert ev["payload"] == {"ticket": "12345/PV-1", "fields": ["caller_name", "caller_phone"]}
    assert ev["from_status"] == ev["to_status"] == "reported"
    assert leaks(json.dumps(api.events(cid), ensure_ascii=False)) == []
    chain_ok(db_session, cid, 2)

    # units: not before the case is theirs, then only the unit now handling it
    cg, hw = unit_id(db_session, "370303-CG"), unit_id(db_session, "370303-HW")
    err(reveal(client, cid, handler(cg)), 404, "not_found")
    case = api.act(cid, "file", LEADER)
    case = api.act(case, "dispatch", DISPATCHER, unit_id=cg)
    r = reveal(client, cid, handler(cg), "约定上门时间")
    assert r.status_code == 200 and r.json()["caller"]["phone"] == PHONE_DIGITS
    unit_ev = api.events(cid)[-1]
    assert unit_ev["actor_role"] == "unit_handler" and unit_ev["actor_unit_id"] == cg
    err(reveal(client, cid, handler(hw)), 404, "not_found")
    for role in (OPERATOR, DISPATCHER, LEADER, INSPECTOR, who("leader", 701), who("admin", 801)):
        err(reveal(client, cid, role), 403, "forbidden")
    err(reveal(client, cid, agent(db_session, 617, ("370302",))), 404, "not_found")
    # once the case is closed the unit is no longer contacting the caller; the desk still is
    case = api.act(case, "sign", handler(cg))
    case = api.act(case, "handle", handler(cg), photos=PHOTO)
    case = api.act(case, "check_pass", INSPECTOR, photos=PHOTO)
    api.act(case, "close", LEADER)
    e = err(reveal(client, cid, handler(cg)), 403, "not_ticket_holder")
    assert "承办单位" in e["message"]
    assert reveal(client, cid, HOTLINE, "回访").status_code == 200
    trail = api.trail(cid)
    assert trail.count("caller_revealed") == 3
    chain_ok(db_session, cid, len(trail))
    # a ticket without a name reveals only the phone
    anon = file(client, h, "PV-2", caller_name=None)
    assert anon["ticket"]["caller"] == {"name": None, "phone": MASKED_PHONE}
    r = reveal(client, anon["case"]["id"], h)
    assert r.json()["caller"] == {"name": None, "phone": PHONE_DIGITS}
    assert api.events(anon["case"]["id"])[-1]["payload"]["fields"] == ["caller_phone"]


def test_the_audit_record_cannot_be_changed_unnoticed(
    client: Any, db_session: Session, api: Api
) -> None:
    h = agent(db_session)
    cid = file(client, h, "PV-3")["case"]["id"]
    assert reveal(client, cid, h, "核实").status_code == 200
    with pytest.raises(DBAPIError, match="append-only"), db_session.begin_nested():
        db_session.execute(
            text("UPDATE dispatch_case_event SET note = '无' WHERE case_id = :c"), {"c": cid}
        )
    checked, problems = verify_chains(db_session, cid)
    assert checked == 2 and problems == []


def test_caller_data_is_stored_encrypted(client: Any, db_session: Session) -> None:
    cid = file(client, agent(db_session), "PV-4")["case"]["id"]
    row = db_session.execute(
        text("SELECT t::text FROM dispatch_hotline_ticket t WHERE case_id = :c"), {"c": cid}
    ).scalar_one()
    assert leaks(row) == []
    assert MASKED_PHONE in row and MASKED_NAME in row
    everything = db_session.execute(
        text(
            "SELECT string_agg(c::text, '|') FROM dispatch_case c WHERE id = :c"
            " UNION ALL SELECT string_agg(e::text, '|') FROM dispatch_case_event e"
            " WHERE case_id = :c"
        ),
        {"c": cid},
    ).scalars()
    assert all(leaks(v or "") == [] for v in everything)


def test_no_answer_to_any_role_but_the_reveal_contains_the_caller(
    api: Api, client: Any, db_session: Session, responses: list[tuple[str, str, str]]
) -> None:
    h = agent(db_session)
    cg = unit_id(db_session, "370303-CG")
    out = file(client, h, "PV-5", content=f"有人摆摊，请回电{PHONE_DIGITS}")
    cid = out["case"]["id"]
    other = file(client, h, "PV-6")["case"]["id"]
    closed = to_closed(api, cid, cg)
    unit = handler(cg)
    assert reveal(client, cid, h).status_code == 200
    client.post(f"{URL}/{cid}/contact", json={"note": "已联系"}, headers=h)
    client.post(f"{URL}/{cid}/resolution", json={"resolved": True}, headers=unit)
    api.act(closed, "callback", HOTLINE, satisfaction="satisfied")
    client.post(f"{URL}/search", json={"phone": PHONE}, headers=h)
    readers = [
        h,
        HOTLINE,
        OPERATOR,
        DISPATCHER,
        LEADER,
        INSPECTOR,
        unit,
        handler(unit_id(db_session, "370303-HW")),
        who("leader", 701),
        who("admin", 801),
    ]
    for who_ in readers:
        for path in (
            f"/api/v1/cases/{cid}",
            f"/api/v1/cases/{cid}/events",
            f"/api/v1/cases/{other}",
            URL,
            f"{URL}/{cid}",
            f"{URL}/{other}",
        ):
            client.get(path, headers=who_)
    # the answers were real: the masked caller is shown to those who may see the ticket
    ticket_reads = [b for m, u, b in responses if m == "GET" and u.endswith(f"{URL}/{cid}")]
    assert sum(MASKED_PHONE in b and MASKED_NAME in b for b in ticket_reads) >= 7
    revealed = [b for m, u, b in responses if u.endswith("/caller")]
    assert len(revealed) == 1 and PHONE_DIGITS in revealed[0]
    others = [(m, u, b) for m, u, b in responses if not u.endswith("/caller")]
    assert len(others) > 60
    assert [(m, u, leaks(b)) for m, u, b in others if leaks(b)] == []


def test_logs_never_contain_caller_data(
    api: Api,
    client: Any,
    db_session: Session,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Every log line of a full ticket flow, reveal included, read before any redaction."""
    seen: list[str] = []

    def no_redaction(value: str) -> str:  # the last line of defence is switched off here
        seen.append(value)
        return value

    def record(
        _logger: Any, _method: str, event: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        seen.append(repr(dict(event)))
        return event

    monkeypatch.setattr("app.core.logging.redact", no_redaction)
    processors = structlog.get_config()["processors"]
    processors.insert(0, record)
    caplog.set_level(logging.DEBUG)
    try:
        h = agent(db_session)
        cg = unit_id(db_session, "370303-CG")
        out = file(client, h, "LG-1", address_text="北关街道金城路3号门口")
        cid = out["case"]["id"]
        client.post(
            URL, json={"ticket_no": "LG-1", "caller_phone": PHONE, "content": "重复"}, headers=h
        )
        client.post(
            URL, json={"ticket_no": "LG-2", "caller_phone": "1390731", "content": "x"}, headers=h
        )
        client.post(f"{URL}/search", json={"phone": PHONE}, headers=h)
        client.post(f"{URL}/search", json={"phone": PHONE}, headers=OPERATOR)
        closed = to_closed(api, cid, cg)
        assert reveal(client, cid, handler(cg)).status_code == 403  # closed: refused, logged
        assert reveal(client, cid, h).status_code == 200
        client.post(f"{URL}/{cid}/contact", json={"note": f"已联系 {NAME}"}, headers=h)
        client.post(f"{URL}/{cid}/resolution", json={"resolved": True}, headers=handler(cg))
        api.act(closed, "callback", HOTLINE, satisfaction="satisfied")
        client.get(f"{URL}/{cid}", headers=h)
        client.get(URL, headers=h)
    finally:
        processors.remove(record)
    out_, err_ = capfd.readouterr()
    captured = "\n".join(seen) + caplog.text + out_ + err_
    # the capture worked: the requests of the flow were logged and seen before redaction
    assert any("/api/v1/hotline/tickets" in s for s in seen)
    assert any("domain_error" in s for s in seen)
    assert leaks(captured) == []
