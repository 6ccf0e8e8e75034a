"""Open311 as FixMyStreet's client speaks it (perllib/Open311.pm): form bodies, W3C date-times
with `Z` and `+08:00`, every status it posts on updates, retries, plain text, paging, encodings.

Each test checks what is stored and what the next read (the updates feed, GET requests, the
staff API) says.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.service import verify_chains
from app.channels.open311.service import POSTED_STATUSES, STATUS_TABLE
from app.core.clock import now
from tests.support.api import DISPATCHER, INSPECTOR, LEADER, OPERATOR, PHOTO, Api, handler
from tests.support.open311 import (
    BASE,
    INSIDE,
    case_row,
    check_error,
    fms_xml,
    jpeg,
    new_key,
)

# Every status FixMyStreet's Open311.pm posts (extended statuses, REOPEN; OPEN/CLOSED without).
FMS_STATUSES = [
    "OPEN",
    "CLOSED",
    "FIXED",
    "IN_PROGRESS",
    "ACTION_SCHEDULED",
    "INVESTIGATING",
    "DUPLICATE",
    "NOT_COUNCILS_RESPONSIBILITY",
    "NO_FURTHER_ACTION",
    "INTERNAL_REFERRAL",
    "FOR_TRIAGE",
    "CANCELLED",
    "REOPEN",
]
EXTENDED = {m.extended.value for m in STATUS_TABLE.values()}


@pytest.fixture
def key(db_session: Session) -> str:
    return new_key(db_session)


def report(client: Any, key: str, **over: str) -> str:
    form = {
        "api_key": key,
        "jurisdiction_id": "zibo",
        "service_code": "event:09006",
        "lat": str(INSIDE[1]),
        "long": str(INSIDE[0]),
        "description": "占道经营",
        "first_name": "Li",
        "last_name": "Lei",
        "email": "li@example.org",
    } | over
    r = client.post(f"{BASE}/requests.xml", data=form)
    assert r.status_code == 200, r.text
    return str(fms_xml(r.content)["request"][0]["service_request_id"])


def fms_update(key: str, case_no: str, update_id: str, status: str, **over: str) -> dict[str, str]:
    """The form FixMyStreet's `_populate_service_request_update_params` posts."""
    return {
        "jurisdiction_id": "zibo",
        "api_key": key,
        "updated_datetime": "2026-11-21T02:15:00Z",
        "service_request_id": case_no,
        "status": status,
        "description": "更新：摊贩仍在",
        "last_name": "-",
        "first_name": "Li",
        "email": "li@example.org",
        "update_id": update_id,
    } | over


def post_update(client: Any, form: dict[str, str], fmt: str = "xml") -> Any:
    return client.post(f"{BASE}/servicerequestupdates.{fmt}", data=form)


def update_id_of(r: Any) -> str:
    assert r.status_code == 200, r.text
    return str(fms_xml(r.content)["request_update"][0]["update_id"])


def window() -> dict[str, str]:
    return {
        "start_date": (now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end_date": (now() + timedelta(hours=1)).astimezone().isoformat(timespec="seconds"),
    }


def feed(client: Any, key: str, **params: Any) -> list[dict[str, Any]]:
    r = client.get(
        f"{BASE}/servicerequestupdates.xml", params={"api_key": key, **window(), **params}
    )
    assert r.status_code == 200, r.text
    return list(fms_xml(r.content).get("request_update") or [])


def test_every_status_fixmystreet_posts_is_accepted_and_mapped(
    client: Any, db_session: Session, key: str
) -> None:
    assert set(FMS_STATUSES) == set(POSTED_STATUSES)
    case_no = report(client, key)
    ids = {}
    for i, status in enumerate(FMS_STATUSES):
        stamp = "2026-11-21T10:15:00+08:00" if i % 2 else "2026-11-21T02:15:00Z"
        form = fms_update(key, case_no, f"fms-{i}", status, updated_datetime=stamp)
        ids[status] = update_id_of(post_update(client, form))
    rows = db_session.execute(
        text(
            "SELECT u.update_id, u.status, u.updated_at, e.action, e.to_status, e.payload"
            " FROM dispatch_open311_update u JOIN dispatch_case_event e ON e.id = u.event_id"
            " ORDER BY u.id"
        )
    ).all()
    assert [r.status for r in rows] == FMS_STATUSES
    for r in rows:
        assert r.action == "open311_update" and r.to_status == "reported"  # a note, no transition
        assert r.payload["meaning"] == POSTED_STATUSES[r.status].meaning
        assert r.updated_at == rows[0].updated_at  # Z and +08:00 name the same instant
    _, problems = verify_chains(db_session, case_row(db_session, case_no).id)
    assert problems == []
    # the feed says what the case is (待受理: OPEN) after every one of them, never the echo
    mine = [u for u in feed(client, key) if u["service_request_id"] == case_no]
    echoed = {u["update_id"]: u for u in mine}
    for status, uid in ids.items():
        assert echoed[uid]["status"] == "OPEN", status
        assert echoed[uid]["external_status_code"] == "reported"
    assert {u["status"] for u in mine} <= EXTENDED


def _to_close(client: Any, db_session: Session, case_no: str) -> Api:
    api = Api(client, INSIDE)
    cid = case_row(db_session, case_no).id
    api.act(cid, "file", LEADER)
    case = api.act(cid, "dispatch", DISPATCHER)
    unit = handler(case["assigned_unit_id"])
    api.act(cid, "sign", unit)
    api.act(cid, "handle", unit, photos=PHOTO, note="已清理")
    api.act(cid, "check_pass", INSPECTOR, photos=PHOTO)
    return api


@pytest.mark.parametrize("status", ["FIXED", "CLOSED"])
def test_fixed_or_closed_closes_a_case_waiting_for_closure(
    client: Any, db_session: Session, key: str, status: str
) -> None:
    early = report(client, key)
    # 待受理: the table gives the system no transition, so it stays a note
    update_id_of(post_update(client, fms_update(key, early, "early", status)))
    assert case_row(db_session, early).status == "reported"
    case_no = report(client, key)
    api = _to_close(client, db_session, case_no)
    uid = update_id_of(post_update(client, fms_update(key, case_no, "done", status)))
    row = case_row(db_session, case_no)
    assert row.status == "closed"
    trail = api.events(row.id)
    assert [e["action"] for e in trail[-2:]] == ["open311_update", "close"]
    assert trail[-1]["actor_role"] == "system" and uid
    mine = [u for u in feed(client, key) if u["service_request_id"] == case_no]
    assert [(u["status"], u["external_status_code"]) for u in mine[-2:]] == [
        ("FIXED", "to_close"),
        ("FIXED", "closed"),
    ]
    assert mine[-2]["update_id"] == uid


def test_update_actions_can_be_switched_off(
    client: Any, db_session: Session, key: str, monkeypatch: Any
) -> None:
    from app.core.config import get_settings

    monkeypatch.setattr(get_settings(), "open311_update_actions", False)
    case_no = report(client, key)
    _to_close(client, db_session, case_no)
    update_id_of(post_update(client, fms_update(key, case_no, "fixed", "FIXED")))
    assert case_row(db_session, case_no).status == "to_close"


def test_reopen_and_cancelled_are_notes_staff_see(
    client: Any, db_session: Session, key: str
) -> None:
    case_no = report(client, key)
    api = Api(client, INSIDE)
    cid = case_row(db_session, case_no).id
    api.act(cid, "file", LEADER)
    update_id_of(post_update(client, fms_update(key, case_no, "c1", "CANCELLED")))
    update_id_of(post_update(client, fms_update(key, case_no, "r1", "REOPEN")))
    assert case_row(db_session, case_no).status == "filed"  # 作废 is the centre's decision
    events = api.events(cid)
    assert [e["action"] for e in events[-2:]] == ["open311_update", "open311_update"]
    mine = [u for u in feed(client, key) if u["service_request_id"] == case_no]
    assert [u["status"] for u in mine[-2:]] == ["ACTION_SCHEDULED", "ACTION_SCHEDULED"]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_retried_update_answers_the_first_update_id(
    client: Any, db_session: Session, key: str, fmt: str
) -> None:
    case_no = report(client, key)
    form = fms_update(key, case_no, "fms-77", "OPEN", phone="13912345678")
    first = post_update(client, form, fmt)
    assert first.status_code == 200, first.text
    again = post_update(client, form, fmt)  # the answer to the first was lost: same content
    assert again.status_code == 200, again.text
    assert again.content == first.content
    # the same instant written in the other zone is the same content
    same = form | {"updated_datetime": "2026-11-21T10:15:00+08:00"}
    assert post_update(client, same, fmt).content == first.content
    count = db_session.execute(
        text("SELECT count(*) FROM dispatch_open311_update WHERE update_id = 'fms-77'")
    ).scalar_one()
    events = db_session.execute(
        text("SELECT count(*) FROM dispatch_case_event WHERE action = 'open311_update'")
    ).scalar_one()
    assert (count, events) == (1, 1)
    for change in (
        {"description": "另一段内容"},
        {"status": "FIXED"},
        {"updated_datetime": "2026-11-21T02:16:00Z"},
        {"phone": "13912345679"},
    ):
        msg = check_error(post_update(client, form | change, fmt), 400, fmt)
        assert "fms-77" in msg and "不同" in msg


PLAIN = "照片见 <http://example.com/p.jpg> & <b>不是标记</b> \"引号\" 'x'"


def test_angle_brackets_are_text_stored_as_sent_and_escaped_on_output(
    client: Any, db_session: Session, key: str
) -> None:
    case_no = report(client, key, description=PLAIN, address_string="<金城路> & 5号")
    row = case_row(db_session, case_no)
    assert row.description == PLAIN
    xml = client.get(f"{BASE}/requests/{case_no}.xml")
    assert b"&lt;http://example.com/p.jpg&gt; &amp; &lt;b&gt;" in xml.content
    assert fms_xml(xml.content)["request"][0]["description"] == PLAIN
    assert client.get(f"{BASE}/requests/{case_no}.json").json()[0]["description"] == PLAIN
    staff = client.get(f"/api/v1/cases/{row.id}", headers=OPERATOR)
    assert staff.json()["description"] == PLAIN
    uid = update_id_of(
        post_update(client, fms_update(key, case_no, "p1", "OPEN", description=PLAIN))
    )
    stored = db_session.execute(
        text("SELECT description FROM dispatch_open311_update WHERE update_id = 'p1'")
    ).scalar_one()
    assert stored == PLAIN
    raw = client.get(
        f"{BASE}/servicerequestupdates.xml", params={"api_key": key, **window()}
    ).content
    assert b"&lt;http://example.com/p.jpg&gt;" in raw and b"<http://" not in raw
    echoed = [u for u in fms_xml(raw)["request_update"] if u["update_id"] == uid]
    assert echoed[0]["description"] == PLAIN
    events = client.get(f"/api/v1/cases/{row.id}/events", headers=OPERATOR).json()
    assert events[-1]["note"] == PLAIN


def test_the_console_renders_text_as_text() -> None:
    """The console writes server text with textContent only, never as HTML."""
    from pathlib import Path

    sources = Path(__file__).resolve().parents[2] / "console" / "src"
    for path in sources.glob("*.js"):
        code = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "setHTML", "v-html"):
            assert sink not in code, (path.name, sink)


def _links(r: Any) -> dict[str, str]:
    out = {}
    for part in r.headers["Link"].split(", "):
        url, rel = part.split("; ")
        out[rel.split('"')[1]] = url.strip("<>")
    return out


def test_updates_feed_pages_and_never_drops_the_newest(
    client: Any, db_session: Session, key: str
) -> None:
    case_no = report(client, key)
    for i in range(6):
        update_id_of(post_update(client, fms_update(key, case_no, f"n{i}", "OPEN")))
    everything = feed(client, key, page_size="1000")
    total = len(everything)
    assert total >= 7
    # FixMyStreet's own call (no paging parameters) with a small page: the newest page
    r = client.get(
        f"{BASE}/servicerequestupdates.xml", params={"api_key": key, **window(), "page_size": 3}
    )
    assert r.headers["X-Total-Count"] == str(total)
    last_page = -(-total // 3)
    assert r.headers["X-Page"] == str(last_page)
    newest = fms_xml(r.content)["request_update"]
    assert newest[-1]["update_id"] == everything[-1]["update_id"]
    links = _links(r)
    assert "next" not in links and "prev" in links and "api_key" not in r.headers["Link"]
    # follow the links from the first page: every entry once, oldest first
    url, seen = links["first"], []
    while True:
        q = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        page = client.get(urlsplit(url).path, params={**q, "api_key": key})
        assert page.status_code == 200, page.text
        seen += fms_xml(page.content)["request_update"]
        nxt = _links(page).get("next")
        if nxt is None:
            break
        url = nxt
    assert [u["update_id"] for u in seen] == [u["update_id"] for u in everything]
    # without a page size the default page holds them all (FixMyStreet's polls keep working)
    plain = client.get(f"{BASE}/servicerequestupdates.xml", params={"api_key": key, **window()})
    assert plain.headers["X-Total-Count"] == str(total) and "next" not in _links(plain)


def test_requests_page_newest_first_with_links(client: Any, db_session: Session, key: str) -> None:
    made = [report(client, key) for _ in range(5)]
    r = client.get(f"{BASE}/requests.json", params={"page_size": 2})
    assert r.status_code == 200, r.text
    total = int(r.headers["X-Total-Count"])
    assert total >= 5 and r.headers["X-Page"] == "1"
    links = _links(r)
    assert "prev" not in links and "next" in links
    got: list[str] = [x["service_request_id"] for x in r.json()]
    url = links["next"]
    while url:
        page = client.get(url)
        got += [x["service_request_id"] for x in page.json()]
        url = _links(page).get("next", "")
    assert len(got) == total == len(set(got))
    assert got[:5] == made[::-1]
    # FixMyStreet's calls: ids (never paged) and a date window
    ids = client.get(f"{BASE}/requests.xml", params={"service_request_id": ",".join(made)})
    assert len(fms_xml(ids.content)["request"]) == 5 and ids.headers["X-Total-Count"] == "5"


def test_not_pinpointed_without_a_point_is_a_missing_location(
    client: Any, db_session: Session, key: str
) -> None:
    form = {
        "api_key": key,
        "service_code": "event:09006",
        "description": "占道经营",
        "address_id": "#NOTPINPOINTED#",
    }
    assert "缺少位置" in check_error(client.post(f"{BASE}/requests.xml", data=form), 400, "xml")


def _case_count(db_session: Session) -> int:
    return int(db_session.execute(text("SELECT count(*) FROM dispatch_case")).scalar_one())


FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_invalid_utf8_is_a_400_never_mojibake(
    client: Any, db_session: Session, key: str, fmt: str
) -> None:
    before = _case_count(db_session)
    head = f"api_key={key}&service_code=event%3A09006&lat={INSIDE[1]}&long={INSIDE[0]}"
    url = f"{BASE}/requests.{fmt}"
    for bad in (b"&description=%D5%BC%B5%C0", b"&description=\xd5\xbc\xb5\xc0"):  # GBK bytes
        r = client.post(url, content=head.encode() + bad, headers={"Content-Type": FORM})
        assert "UTF-8" in check_error(r, 400, fmt)
    query = client.post(
        f"{url}?description=%FF", content=head.encode(), headers={"Content-Type": FORM}
    )
    assert "UTF-8" in check_error(query, 400, fmt)
    multipart = client.post(
        url,
        data={"api_key": key, "service_code": "event:09006", "lat": "36.8132", "long": "118.0458"},
        files={
            "description": (None, "占道".encode("gbk")),
            "media": ("p.jpg", jpeg(), "image/jpeg"),
        },
    )
    assert "UTF-8" in check_error(multipart, 400, fmt)
    assert _case_count(db_session) == before
    ok = client.post(
        url,
        content=head.encode() + b"&description=%E5%8D%A0%E9%81%93",
        headers={"Content-Type": FORM},
    )
    assert ok.status_code == 200, ok.text
    assert _case_count(db_session) == before + 1


@pytest.mark.parametrize("shape", ["ascii", "chinese", "multipart", "update"])
def test_a_5mb_description_is_refused_about_the_description(
    client: Any, db_session: Session, key: str, shape: str
) -> None:
    big = ("长" if shape != "ascii" else "a") * (5 * 1024 * 1024 // (3 if shape != "ascii" else 1))
    before = _case_count(db_session)
    form = {
        "api_key": key,
        "service_code": "event:09006",
        "lat": str(INSIDE[1]),
        "long": str(INSIDE[0]),
        "description": big,
    }
    if shape == "multipart":
        r = client.post(
            f"{BASE}/requests.xml",
            data=form,
            files={"media": ("p.jpg", jpeg(), "image/jpeg")},
        )
    elif shape == "update":
        case_no = report(client, key)
        before += 1
        r = post_update(client, fms_update(key, case_no, "big", "OPEN", description=big))
    else:
        r = client.post(f"{BASE}/requests.xml", data=form)
    msg = check_error(r, 400, "xml")
    assert "description" in msg and "XIUHUA_OPEN311_DESCRIPTION_MAX" in msg, msg
    assert "照片" not in msg
    assert _case_count(db_session) == before


def test_ambiguous_addresses_are_refused_like_the_hotline_does(
    client: Any, db_session: Session, key: str
) -> None:
    form = {"api_key": key, "service_code": "event:09006", "description": "占道经营"}
    vague = client.post(f"{BASE}/requests.xml", data=form | {"address_string": "北关街道金城路"})
    msg = check_error(vague, 400, "xml")
    assert "不明确" in msg and "金城路" in msg and "lat" in msg
    # with an approximate point (FixMyStreet's #NOTPINPOINTED#), the point is used instead
    rough = form | {
        "address_string": "北关街道金城路",
        "address_id": "#NOTPINPOINTED#",
        "lat": str(INSIDE[1]),
        "long": str(INSIDE[0]),
    }
    r = client.post(f"{BASE}/requests.xml", data=rough)
    assert r.status_code == 200, r.text
    case_no = fms_xml(r.content)["request"][0]["service_request_id"]
    intake = db_session.execute(
        text(
            "SELECT o.address_id FROM dispatch_open311_request o"
            " JOIN dispatch_case c ON c.id = o.case_id WHERE c.case_no = :n"
        ),
        {"n": case_no},
    ).one()
    assert intake.address_id is None
    exact = client.post(f"{BASE}/requests.xml", data=form | {"address_string": "张店区金城路5号"})
    assert exact.status_code == 200, exact.text
