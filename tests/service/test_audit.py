"""The one audit-chain writer: `append_one`, `append_many` and the seeder's COPY rows hash alike."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases import audit
from app.cases import workflow as wf
from app.cases.models import Case, CaseEvent
from app.cases.service import verify_chains
from app.demo.seed_history import EVENT_COLUMNS, CaseBuilder
from tests.support.engine import at, report, spot_in

TS = 1_795_000_000  # whole seconds: the seeder writes integer instants
WHEN = datetime.fromtimestamp(TS, UTC)
ACTOR = wf.Actor(wf.Role.unit_handler, user_id=7, unit_id=3)
PAYLOAD: dict[str, Any] = {"seeded": True, "hours": "4.5", "note": '引号"与\\反斜杠', "n": 2}


def _tail(s: Session, case_id: int) -> tuple[int, str]:
    c = s.get_one(Case, case_id, populate_existing=True)
    return c.event_count, c.last_event_hash or audit.GENESIS


def _write_one(s: Session, case_id: int) -> str:
    case = s.get_one(Case, case_id, populate_existing=True)
    ev = audit.append_one(
        s, case, "dispatch", "filed", "dispatched", ACTOR, None, PAYLOAD, (), WHEN
    )
    return ev.hash


def _write_many(s: Session, case_id: int) -> str:
    ev = audit.NewEvent(
        case_id=case_id,
        action="dispatch",
        from_status="filed",
        to_status="dispatched",
        note=None,
        payload=dict(PAYLOAD),
        created_at=WHEN,
        actor_id=ACTOR.user_id,
        actor_role=ACTOR.role.value,
        actor_unit_id=ACTOR.unit_id,
    )
    audit.append_many(s, [ev])
    return ev.hash


def _write_seeded(s: Session, case_id: int) -> str:
    """The seeder's builder continues the chain; its COPY line goes in like `seed-history`'s."""
    count, last = _tail(s, case_id)
    b = CaseBuilder(case_id)
    b.events = [""] * count  # the seeder numbers events by their position in the case
    b.last_hash = last
    extra = {k: v for k, v in PAYLOAD.items() if k != "seeded"}
    b.event("dispatch", "filed", "dispatched", TS, ACTOR.user_id, ACTOR.role.value, 3, extra)
    line = b.events[-1]
    raw = s.connection().connection.driver_connection
    assert raw is not None
    copy = f"COPY dispatch_case_event ({EVENT_COLUMNS}) FROM STDIN"
    with raw.cursor() as cur, cur.copy(copy) as cp:
        cp.write(line)
    h = line.rstrip("\n").split("\t")[-1]
    case = s.get_one(Case, case_id, populate_existing=True)
    case.event_count, case.last_event_hash = count + 1, h
    s.flush()
    return h


def test_the_three_writers_produce_identical_hashes_and_verifiable_chains(
    db_session: Session,
) -> None:
    s = db_session
    case = report(s, at(2, 9), spot_in(s))
    before = _tail(s, case.id)
    hashes = []
    for write in (_write_one, _write_many, _write_seeded):
        sp = s.begin_nested()
        hashes.append(write(s, case.id))
        assert verify_chains(s, case.id) == (before[0] + 1, [])  # `xiuhua audit verify`
        stored = s.scalars(
            select(CaseEvent.hash).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
        ).all()
        assert stored[-1] == hashes[-1]
        sp.rollback()
        assert _tail(s, case.id) == before
    assert hashes[0] == hashes[1] == hashes[2]


def test_the_body_is_the_canonical_json_of_the_event() -> None:
    ev = audit.NewEvent(
        case_id=5,
        action="note",
        from_status=None,
        to_status="reported",
        note='备注\n\t"x"',
        payload={"b": [1, 2.5, None], "a": {"z": "中", "y": True}},
        created_at=WHEN,
        photos=["p1", "p2"],
        seq=3,
        prev_hash="ab" * 32,
    )
    expected = audit.canonical_json(
        {
            "case_id": 5,
            "seq": 3,
            "action": "note",
            "from": None,
            "to": "reported",
            "actor_id": None,
            "actor_role": "system",
            "actor_unit_id": None,
            "note": ev.note,
            "payload": ev.payload,
            "photos": ["p1", "p2"],
            "at": WHEN.isoformat(),
            "prev": "ab" * 32,
        }
    )
    assert audit.event_hash(ev) == audit.chain_hash(expected)
