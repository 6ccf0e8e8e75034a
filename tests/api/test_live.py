"""Live updates (SSE): scoped, commit-ordered, resumable with Last-Event-ID."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.cases import feed
from app.cases import workflow as wf
from app.cases.service import ReportInput, report_case
from app.core import db
from app.core.clock import now
from tests.support.identity import bearer_for, ensure_test_user
from tests.support.sessions import commit_requests_on

URL = "/api/v1/live/events"


@pytest.fixture
def engine_(fresh_db_url: str) -> Iterator[Engine]:
    eng = create_engine(fresh_db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def live(engine_: Engine) -> Iterator[TestClient]:
    from app.api import live
    from app.main import create_app

    app = create_app()
    commit_requests_on(app, engine_)
    app.dependency_overrides[live.feed_sessions] = lambda: lambda: db.unit_of_work(engine_)
    with TestClient(app) as c:
        yield c


def spot_in(s: Session) -> tuple[float, float]:
    x, y = s.execute(
        text(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell"
            " WHERE valid_to IS NULL AND mgmt_class = 'normal' ORDER BY code LIMIT 1) q"
        )
    ).one()
    return float(x), float(y)


def auth(
    engine: Engine, role: str, user: int | None = None, unit: int | None = None
) -> dict[str, str]:
    with Session(engine) as s:
        uid = ensure_test_user(s, role, user, unit)
        s.commit()
        return bearer_for(s, uid)


def report(engine: Engine, n: int = 1) -> list[int]:
    ids = []
    for _ in range(n):
        with db.unit_of_work(engine) as s:
            lon, lat = spot_in(s)
            r = report_case(
                s,
                ReportInput(wf.Source.inspector, "event:09006", lon, lat, description="占道经营"),
                wf.Actor(wf.Role.inspector, 101),
                now(),
            )
            ids.append(r.case.id)
    return ids


def frames(body: str) -> list[dict[str, Any]]:
    out = []
    for block in body.split("\n\n"):
        fields = dict(
            line.split(": ", 1)
            for line in block.splitlines()
            if ": " in line and not line.startswith(":")
        )
        if fields.get("event") == "case_event":
            out.append({"id": fields["id"], **json.loads(fields["data"])})
    return out


def until(check: Any, timeout: float = 60.0) -> Any:
    """Poll `check` until it returns something truthy: other sessions' open write transactions
    (other test workers on this server) hold the feed's horizon back for a moment."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


def test_stream_is_scoped_ordered_and_resumable(live: TestClient, engine_: Engine) -> None:
    ids = report(engine_, 3)
    operator = auth(engine_, "operator", 201)
    r = live.get(URL, params={"from": "start", "until_idle": "true"}, headers=operator)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")

    def all_three() -> list[dict[str, Any]]:
        got = frames(
            live.get(URL, params={"from": "start", "until_idle": "true"}, headers=operator).text
        )
        return got if [e["case_id"] for e in got if e["action"] == "report"] == ids else []

    got = until(all_three)
    assert [e["case_id"] for e in got if e["action"] == "report"] == ids
    assert all("note" not in e and "description" not in e for e in got)
    positions = [tuple(map(int, e["id"].split("-"))) for e in got]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    # resume after the second event: exactly the rest, nothing repeated
    resumed = frames(
        live.get(
            URL, params={"until_idle": "true"}, headers=operator | {"Last-Event-ID": got[1]["id"]}
        ).text
    )
    assert [e["id"] for e in resumed] == [e["id"] for e in got[2:]]
    # a new subscriber without Last-Event-ID starts now: only news
    assert frames(live.get(URL, params={"until_idle": "true"}, headers=operator).text) == []
    # a unit handler of a unit that never had these cases sees none of them
    with Session(engine_) as s:
        unit = s.execute(text("SELECT id FROM grid_unit ORDER BY id DESC LIMIT 1")).scalar_one()
    other = auth(engine_, "unit_handler", 501, unit)
    assert (
        frames(live.get(URL, params={"from": "start", "until_idle": "true"}, headers=other).text)
        == []
    )
    # the reporting inspector sees their own cases
    insp = auth(engine_, "inspector", 101)
    mine = frames(live.get(URL, params={"from": "start", "until_idle": "true"}, headers=insp).text)
    assert {e["case_id"] for e in mine} == set(ids)


def test_an_event_committed_late_is_not_skipped(engine_: Engine) -> None:
    """A transaction that began first but commits last: its event still reaches the reader."""
    from app.cases.service import ActionInput, act

    admin = wf.Actor(wf.Role.admin)
    early = report(engine_, 1)[0]
    slow = Session(engine_)
    slow.execute(text("SELECT pg_current_xact_id()"))  # takes its transaction id first
    act(slow, early, wf.Action.file, wf.Actor(wf.Role.shift_leader, 301), ActionInput(), now())
    fast = report(engine_, 1)[0]  # begins later, commits first
    try:
        with Session(engine_) as s:
            seen = feed.read_after(s, admin, feed.Position(0, 0), 100)
        assert fast not in [e.data["case_id"] for e in seen]  # held back behind the open one
        slow.commit()
    finally:
        slow.close()

    def both() -> list[tuple[int, str]]:
        with Session(engine_) as s:
            evs = [
                (e.data["case_id"], e.data["action"])
                for e in feed.read_after(s, admin, feed.Position(0, 0), 100)
            ]
        return evs if (early, "file") in evs and (fast, "report") in evs else []

    evs = until(both)
    assert evs.index((early, "file")) < evs.index((fast, "report"))  # commit-safe (txid, id) order


def test_bad_last_event_id(live: TestClient, engine_: Engine) -> None:
    r = live.get(
        URL,
        params={"until_idle": "true"},
        headers=auth(engine_, "operator", 201) | {"Last-Event-ID": "x"},
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"
    assert live.get(URL).status_code == 401
