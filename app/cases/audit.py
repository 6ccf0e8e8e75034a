"""The audit chain (执法全过程记录): the one writer of `dispatch_case_event` rows.

Every case's events form a hash chain: each row's `hash` is the SHA-256 of its canonical body
(the row's content plus the previous row's hash, `prev`), so changing or deleting a row breaks
every later link. The case row keeps the chain's tail (`event_count`, `last_event_hash`), so
removing the *last* rows is detected too, and appending never looks the tail up in the event
table: the tail is read from the (locked) case row.

Four writers use this module and produce identical hashes for identical content:

- `append_one`: a transition or audit fact of one case (ORM, inside `_apply`/`record_event`);
- `append_many`: set-based, one statement for a batch of events of many cases (the sweeper);
- `chain_rows` + `EVENT_ROWS_SQL`: the first events of new cases, inserted by the statement that
  inserts the cases (`app.cases.writes`, the report path);
- `body_text` / `chain_hash` directly: generators writing rows with COPY (the history seeder),
  which format the payload once and hash the body without building objects.

The canonical body is `json.dumps(body, sort_keys=True, ensure_ascii=False,
separators=(",", ":"))` of the keys below; `body_text` builds exactly that text from the parts
(each scalar through `json.dumps`, the payload and photos given as their canonical JSON).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases import workflow as wf
from app.cases.models import Case, CaseEvent

GENESIS = "0" * 64
_dumps = json.JSONEncoder(ensure_ascii=False).encode  # one JSON scalar (string escaping)


def canonical(value: Any) -> Any:
    """Return `value` as stored in an event payload (Decimal → str, datetime → ISO, tuples → lists)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def canonical_json(value: Any) -> str:
    """Return the canonical JSON text of a payload or photo list (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def utc_iso(at: datetime) -> str:
    """Return the instant as the chain writes it (UTC, ISO 8601)."""
    return at.astimezone(UTC).isoformat()


def _opt(v: str | int | None) -> str:
    return "null" if v is None else _dumps(v)


def body_text(
    *,
    case_id: int,
    seq: int,
    action: str,
    from_status: str | None,
    to_status: str,
    actor_id: int | None,
    actor_role: str,
    actor_unit_id: int | None,
    note: str | None,
    payload_json: str,
    photos_json: str,
    at_utc: str,
    prev_hash: str,
) -> str:
    """Return the canonical body of an event (keys in sorted order, as `canonical_json` sorts)."""
    return (
        f'{{"action":{_dumps(action)},"actor_id":{_opt(actor_id)},'
        f'"actor_role":{_dumps(actor_role)},"actor_unit_id":{_opt(actor_unit_id)},'
        f'"at":{_dumps(at_utc)},"case_id":{case_id},"from":{_opt(from_status)},'
        f'"note":{_opt(note)},"payload":{payload_json},"photos":{photos_json},'
        f'"prev":{_dumps(prev_hash)},"seq":{seq},"to":{_dumps(to_status)}}}'
    )


def chain_hash(body: str) -> str:
    """Return the SHA-256 (hex) of a canonical body."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class EventLike(Protocol):
    """The columns of an event row that its hash covers."""

    case_id: int
    seq: int
    action: str
    from_status: str | None
    to_status: str
    actor_id: int | None
    actor_role: str
    actor_unit_id: int | None
    note: str | None
    payload: Any
    photos: Any
    created_at: datetime
    prev_hash: str


def event_hash(ev: EventLike) -> str:
    """Return the SHA-256 of an event's content and its predecessor's hash."""
    return chain_hash(
        body_text(
            case_id=ev.case_id,
            seq=ev.seq,
            action=ev.action,
            from_status=ev.from_status,
            to_status=ev.to_status,
            actor_id=ev.actor_id,
            actor_role=ev.actor_role,
            actor_unit_id=ev.actor_unit_id,
            note=ev.note,
            payload_json=canonical_json(ev.payload),
            photos_json=canonical_json(list(ev.photos or [])),
            at_utc=utc_iso(ev.created_at),
            prev_hash=ev.prev_hash,
        )
    )


def append_one(
    session: Session,
    case: Case,
    action: str,
    frm: str | None,
    to: str,
    actor: wf.Actor,
    note: str | None,
    payload: dict[str, Any],
    photos: Sequence[str],
    now: datetime,
) -> CaseEvent:
    """Append one event to a case's chain; `case` must be locked (its row holds the tail)."""
    ev = CaseEvent(
        case_id=case.id,
        seq=(case.event_count or 0) + 1,
        action=action,
        from_status=frm,
        to_status=to,
        actor_id=actor.user_id,
        actor_role=actor.role.value,
        actor_unit_id=actor.unit_id,
        note=note,
        payload=canonical(payload),
        photos=list(photos),
        created_at=now,
        prev_hash=case.last_event_hash or GENESIS,
    )
    ev.hash = event_hash(ev)
    session.add(ev)
    # the case keeps the chain's tail, so removing the last rows is detected too
    case.event_count, case.last_event_hash = ev.seq, ev.hash
    session.flush()
    return ev


@dataclass(slots=True)
class NewEvent:
    """An event to append in bulk; `seq`, `prev_hash` and `hash` are filled by `append_many`."""

    case_id: int
    action: str
    from_status: str | None
    to_status: str
    note: str | None
    payload: dict[str, Any]
    created_at: datetime
    actor_id: int | None = None
    actor_role: str = wf.Role.system.value
    actor_unit_id: int | None = None
    photos: list[str] = field(default_factory=list)
    seq: int = 0
    prev_hash: str = GENESIS
    hash: str = ""


# The chain's tail of each case, from the case row (as `append_one` reads it). The caller must
# hold these case rows locked (the sweeper's batch locks them FOR UPDATE).
_TAILS_SQL = text(
    "SELECT id, event_count, last_event_hash FROM dispatch_case"
    " WHERE id = ANY(CAST(:ids AS bigint[]))"
)

# The rows of a batch of events as one JSON document (psycopg dumps text arrays through a Python
# regex per element, which cost more than the whole insert). `EVENT_ROWS_SQL` reads them; the
# insert of new cases (app.cases.writes) inserts a report's first events with the same fragment.
EVENT_ROWS_SQL = """
SELECT e.case_id, e.seq, e.action, e.from_status, e.to_status, e.actor_id, e.actor_role,
       e.actor_unit_id, e.note, e.payload, e.photos, e.created_at, e.prev_hash, e.hash
FROM jsonb_to_recordset(CAST(:events AS jsonb))
    AS e(case_id bigint, seq int, action text, from_status text, to_status text,
         actor_id int, actor_role text, actor_unit_id int, note text, payload jsonb,
         photos jsonb, created_at timestamptz, prev_hash text, hash text)
"""
EVENT_COLUMNS = (
    "case_id, seq, action, from_status, to_status, actor_id, actor_role, actor_unit_id, note,"
    " payload, photos, created_at, prev_hash, hash"
)

# The same statement moves each case's chain tail.
_INSERT_MANY_SQL = text(
    f"""
WITH e AS ({EVENT_ROWS_SQL}), ins AS (
    INSERT INTO dispatch_case_event ({EVENT_COLUMNS}) SELECT {EVENT_COLUMNS} FROM e
)
UPDATE dispatch_case c SET event_count = t.seq, last_event_hash = t.hash
FROM (SELECT DISTINCT ON (case_id) case_id, seq, hash FROM e ORDER BY case_id, seq DESC) t
WHERE c.id = t.case_id
"""
)


def chain_rows(
    events: Sequence[NewEvent], tails: dict[int, tuple[int, str]]
) -> list[dict[str, Any]]:
    """Chain `events` onto `tails` (case id → (event count, last hash); GENESIS when absent).

    Fills each event's `seq`, `prev_hash` and `hash` and moves `tails`; returns the rows as
    `EVENT_ROWS_SQL` reads them (JSON-ready).
    """
    rows: list[dict[str, Any]] = []
    for e in events:
        seq, prev = tails.get(e.case_id, (0, GENESIS))
        e.seq, e.prev_hash, e.payload = seq + 1, prev, canonical(e.payload)
        e.hash = event_hash(e)
        tails[e.case_id] = (e.seq, e.hash)
        rows.append(
            {
                "case_id": e.case_id,
                "seq": e.seq,
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor_id": e.actor_id,
                "actor_role": e.actor_role,
                "actor_unit_id": e.actor_unit_id,
                "note": e.note,
                "payload": e.payload,
                "photos": e.photos,
                "created_at": e.created_at.isoformat(),
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
        )
    return rows


def append_many(session: Session, events: Sequence[NewEvent]) -> None:
    """Chain and insert `events` (in order, several per case allowed) in one statement.

    The cases must be locked by the caller; their chain tails are read from the case rows and
    moved to the last appended event. Fills each event's `seq`, `prev_hash` and `hash`.
    """
    if not events:
        return
    ids = sorted({e.case_id for e in events})
    tails: dict[int, tuple[int, str]] = {
        row.id: (row.event_count or 0, row.last_event_hash or GENESIS)
        for row in session.execute(_TAILS_SQL, {"ids": ids})
    }
    rows = chain_rows(events, tails)
    session.execute(_INSERT_MANY_SQL, {"events": json.dumps(rows, ensure_ascii=False)})
