"""The insert of new cases: number, case, first clocks and first event in one statement.

A report (or a batch of them) is planned in Python (`service.report_case`: locate, route,
duplicates, the first clock from the one deadline engine, the first event chained by
`app.cases.audit`) and written here by one statement, so a report costs one write round trip:

- the district's gap-free number (区县-年度-序号) is drawn in that statement — the
  `(district, year)` counter row is locked from there to commit, and the statement is the
  report's last but for its idempotency record;
- the rows travel as JSON documents read by `jsonb_populate_recordset` against the tables' own
  row types, so the statement follows the tables when a column is added;
- the report's photos (checked, not locked, by `service.check_report_input`) are linked to
  their case by the same statement: a photo that another case took meanwhile makes the trigger
  of migration 2b8f6e4d9c15 refuse the statement (`PhotoOfAnotherCase`), which then writes
  nothing. So a report is one statement, photos or not, and may run outside a transaction
  (`core.db.loop_engine(statements=True)`).

A batch draws all its numbers per district and year at once (in input order, counters locked in
(district, year) order so concurrent batches cannot deadlock).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from string import Formatter
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Table, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.cases.attachments import LINK_PHOTOS_SQL, refusing_taken_photos
from app.cases.audit import EVENT_COLUMNS, EVENT_ROWS_SQL
from app.cases.idempotency import STORE_FOR_NEW_CASES_SQL, Remember
from app.cases.models import Case, CaseStage
from app.core.config import get_settings
from app.core.db import SRID, driver_sql, fetch_all

T = TypeVar("T")

CASE_COLUMNS: tuple[str, ...] = tuple(c.name for c in Case.__table__.columns)
_STAGE_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in CaseStage.__table__.columns if c.name != "id"
)

_NUMBERS_SQL = """
SELECT t.d, t.y, t.n FROM jsonb_to_recordset(CAST(:numbers AS jsonb)) AS t(d text, y int, n int)
ORDER BY t.d, t.y
"""

_INSERT_HEAD = (
    f"""
WITH num AS (
    INSERT INTO dispatch_case_number AS cn (district_code, year, last_seq)
    {_NUMBERS_SQL}
    ON CONFLICT (district_code, year) DO UPDATE SET last_seq = cn.last_seq + excluded.last_seq
    RETURNING cn.district_code, cn.year, cn.last_seq
), nos AS (
    SELECT t.id, coalesce(
        t.fixed,
        t.pre || repeat('0', greatest(t.w - length(s.seq::text), 0)) || s.seq || t.suf
    ) AS case_no
    FROM jsonb_to_recordset(CAST(:nos AS jsonb))
        AS t(id bigint, d text, y int, k int, n int, pre text, w int, suf text, fixed text)
    LEFT JOIN num ON num.district_code = t.d AND num.year = t.y
    CROSS JOIN LATERAL (SELECT num.last_seq - t.n + t.k AS seq) s
), c AS (
    INSERT INTO dispatch_case ({", ".join(CASE_COLUMNS)})
    SELECT {", ".join("nos.case_no" if c == "case_no" else f"x.{c}" for c in CASE_COLUMNS)}
    FROM jsonb_populate_recordset(NULL::dispatch_case, CAST(:cases AS jsonb)) x
    JOIN nos ON nos.id = x.id
    RETURNING id, case_no
), st AS (
    INSERT INTO dispatch_case_stage ({", ".join(_STAGE_COLUMNS)})
    SELECT {", ".join(_STAGE_COLUMNS)}
    FROM jsonb_populate_recordset(NULL::dispatch_case_stage, CAST(:stages AS jsonb))
), ev AS (
    INSERT INTO dispatch_case_event ({EVENT_COLUMNS})
    SELECT {EVENT_COLUMNS} FROM ({EVENT_ROWS_SQL}) e
), ph AS ({LINK_PHOTOS_SQL}
), idem AS ("""
    + STORE_FOR_NEW_CASES_SQL
    + ")"
)


@lru_cache(maxsize=16)
def _insert_sql(also: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """Return the insert with one CTE more per (table, columns) in `also`: rows that come along.

    Each such table's rows travel as JSON (bind `:also_<i>`) like the case's own.
    """
    extra = "".join(
        f", also_{i} AS (INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)}"
        f" FROM jsonb_populate_recordset(NULL::{table}, CAST(:also_{i} AS jsonb)))"
        for i, (table, cols) in enumerate(also)
    )
    return driver_sql(_INSERT_HEAD + extra + "\nSELECT id, case_no FROM c\n")


# Draws numbers when the format cannot be built in SQL (`{seq}` not a plain integer field).
_DRAW_SQL = text(
    f"""
INSERT INTO dispatch_case_number AS cn (district_code, year, last_seq)
{_NUMBERS_SQL}
ON CONFLICT (district_code, year) DO UPDATE SET last_seq = cn.last_seq + excluded.last_seq
RETURNING cn.district_code, cn.year, cn.last_seq
"""
)

_SEQ_SPEC = re.compile(r"(?:0(\d+))?d?")


def case_no_parts(fmt: str, district: str, year: int) -> tuple[str, int, str] | None:
    """Split the case-number format around `{seq}`: (prefix, zero-pad width, suffix).

    None when `seq` is not a plain (zero-padded) integer field appearing once; the number is
    then formatted in Python.
    """
    parts: tuple[list[str], list[str]] = ([], [])
    width: int | None = None
    for literal, name, spec, conv in Formatter().parse(fmt):
        side = parts[width is not None]
        side.append(literal)
        if name is None:
            continue
        if name == "seq":
            m = _SEQ_SPEC.fullmatch(spec or "")
            if width is not None or conv or m is None:
                return None
            width = int(m.group(1) or 0)
            continue
        field_fmt = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        side.append(field_fmt.format(district=district, year=year))
    if width is None:
        return None
    return "".join(parts[0]), width, "".join(parts[1])


@dataclass(slots=True)
class NewCase:
    """A planned case with its first clocks and the JSON rows of its first events."""

    case: Case
    lonlat: tuple[float, float] | None  # the point written to `geom` (WGS-84), None without one
    stages: Sequence[CaseStage]
    events: list[dict[str, Any]]
    photos: Sequence[dict[str, Any]] = ()  # the photos the insert links (`photo_links`)
    # rows of other tables that come with the case, by table (their foreign keys reach it)
    also: Sequence[tuple[Table, dict[str, Any]]] = ()


def as_loaded(cls: type[T], *values: dict[str, Any], **more: Any) -> T:
    """Return a `cls` instance whose columns hold `values` as if loaded (no attribute events).

    What a query does with a row, at a fraction of the constructor's cost (~2 µs against ~50 µs
    for a case): for rows that this module inserts, never the session. The instance is
    transient; `make_transient_to_detached` + `Session.add` puts it in a session as loaded.
    """
    obj: T = sa_inspect(cls).class_manager.new_instance()
    for v in values:
        obj.__dict__.update(v)
    obj.__dict__.update(more)
    return obj


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__}")


def _case_row(n: NewCase) -> dict[str, Any]:
    row = {c: getattr(n.case, c) for c in CASE_COLUMNS}
    row["geom"] = (
        None if n.lonlat is None else f"SRID={SRID};POINT({n.lonlat[0]!r} {n.lonlat[1]!r})"
    )
    return row


def insert_cases(
    session: Session,
    new: Sequence[NewCase],
    at: datetime,
    records: Sequence[tuple[int, Remember, Any]] = (),
    *,
    commit: bool = False,
) -> dict[int, str]:
    """Insert the planned cases, clocks and events and draw their numbers; return id → case_no.

    Every case carries all its columns (the chain tail of its events included). `records`:
    (case id, where, JSON-ready answer) — idempotency records stored by the same statement,
    each answer's top-level `case_no` set to the number drawn. `commit`: this is the unit of
    work's last write; the transaction commits in the same round trip (`core.db.fetch_all`), so
    the district's number row is locked for the statement and the commit's flush only.
    """
    settings = get_settings()
    year = at.astimezone(ZoneInfo(settings.calendar_timezone)).year
    counts: dict[tuple[str, int], int] = {}
    nos: list[dict[str, Any]] = []
    for n in new:
        key = (n.case.district_code, year)
        counts[key] = counts.get(key, 0) + 1
        nos.append({"id": n.case.id, "d": key[0], "y": year, "k": counts[key]})
    drawn: dict[tuple[str, int], int] = {}
    numbers = [{"d": d, "y": y, "n": k} for (d, y), k in sorted(counts.items())]
    for no in nos:
        no["n"] = counts[(no["d"], no["y"])]
        parts = case_no_parts(settings.case_no_format, no["d"], year)
        if parts is None:
            if not drawn:  # a format SQL cannot build: draw in Python, write the numbers as text
                drawn = {
                    (r.district_code, r.year): r.last_seq
                    for r in session.execute(_DRAW_SQL, {"numbers": orjson.dumps(numbers).decode()})
                }
            seq = drawn[(no["d"], year)] - no["n"] + no["k"]
            no["fixed"] = settings.case_no_format.format(district=no["d"], year=year, seq=seq)
        else:
            no["pre"], no["w"], no["suf"] = parts
    params = {
        "numbers": orjson.dumps([] if drawn else numbers).decode(),
        "nos": orjson.dumps(nos).decode(),
        "cases": orjson.dumps([_case_row(n) for n in new], default=_json).decode(),
        "stages": orjson.dumps(
            [{c: getattr(st, c) for c in _STAGE_COLUMNS} for n in new for st in n.stages],
            default=_json,
        ).decode(),
        "events": orjson.dumps([e for n in new for e in n.events], default=_json).decode(),
        "photos": orjson.dumps([link for n in new for link in n.photos]).decode(),
        "idem": orjson.dumps(
            [
                {
                    "case_id": cid,
                    "key": r.key,
                    "scope": r.scope,
                    "h": r.fingerprint,
                    "st": r.status,
                    "r": answer,
                    "at": at,
                }
                for cid, r, answer in records
            ]
        ).decode(),
    }
    also: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
    for n in new:
        for table, row in n.also:
            also.setdefault((table.name, tuple(row)), []).append(row)
    for i, rows_of in enumerate(also.values()):
        params[f"also_{i}"] = orjson.dumps(rows_of, default=_json).decode()
    with refusing_taken_photos([link["id"] for n in new for link in n.photos]):
        rows = fetch_all(session, _insert_sql(tuple(also)), params, commit=commit)
    return {r.id: r.case_no for r in rows}
